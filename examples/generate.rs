//! Deterministic generator of large, *valid*, entirely synthetic `nastavnyk` registries
//! (for benchmarks and scale tests). Std only: builds with
//! `rustc -O examples/generate.rs -o /tmp/gen` as well as `cargo run --release --example generate`.
//!
//! ```text
//! generate --out DIR [--children 100000] [--mentors 100000] [--agreements 50000]
//!          [--contacts 1000000] [--communities 1000] [--seed 1] [--threads N]
//! ```
//!
//! The output follows product.md §2 and is consistent with domain.md as of the fixed "today"
//! 2026-11-23: unique IDs and persons (surname + given name + birth date), valid references,
//! ordered dates, agreements only between children and mentors eligible under the agreement's
//! regime, at most `capacity` open agreements per mentor and one per child, `ends_on` computed
//! from the child. The same seed always gives byte-identical files (independent of --threads):
//! every decision that must be globally consistent is taken sequentially (phase 1), and each
//! file's cosmetic details come from a per-record PRNG (phase 2, parallel).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process;
use std::time::Instant;

// ------------------------------------------------------------------------------------------
// PRNG: splitmix64

#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut r = Rng(seed ^ 0x9E37_79B9_7F4A_7C15);
        r.next();
        r
    }
    /// Independent stream for one record.
    fn for_record(seed: u64, kind: u64, index: u64) -> Rng {
        Rng::new(
            seed.wrapping_mul(0xD1B5_4A32_D192_ED03)
                ^ kind.wrapping_mul(0xABC9_8388_FB8F_AC03)
                ^ index.wrapping_mul(0x8CB9_2BA7_2F3D_8DD7),
        )
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }
    /// Uniform in lo..=hi.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn pct(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    fn idx(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }
    /// k distinct elements of xs, in list order.
    fn subset<'a>(&mut self, xs: &[&'a str], k: usize) -> Vec<&'a str> {
        let mut chosen = vec![false; xs.len()];
        let k = k.min(xs.len());
        let mut n = 0;
        while n < k {
            let i = self.idx(xs.len());
            if !chosen[i] {
                chosen[i] = true;
                n += 1;
            }
        }
        xs.iter().zip(chosen.iter()).filter(|p| *p.1).map(|p| *p.0).collect()
    }
}

// ------------------------------------------------------------------------------------------
// dates: days since 1970-01-01 (0 = "none"; no real date here is that old)

type Date = i32;
const NONE: Date = 0;

fn days_from_civil(y: i32, m: u32, d: u32) -> Date {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as i64;
    let mp = ((m + 9) % 12) as i64;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era as i64 * 146097 + doe - 719468) as Date
}

fn civil_from_days(z: Date) -> (i32, u32, u32) {
    let z = z as i64 + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Same day n years later/earlier; 29 February becomes 28 February.
fn add_years(d: Date, n: i32) -> Date {
    let (y, m, dd) = civil_from_days(d);
    let ny = y + n;
    let dd = if m == 2 && dd == 29 && !is_leap(ny) { 28 } else { dd };
    days_from_civil(ny, m, dd)
}

fn age_on(birth: Date, on: Date) -> i32 {
    let (by, bm, bd) = civil_from_days(birth);
    let (y, m, d) = civil_from_days(on);
    y - by - if (m, d) < (bm, bd) { 1 } else { 0 }
}

/// A birth date giving an age in amin..=amax on `on`.
fn birth_for_age(r: &mut Rng, on: Date, amin: i32, amax: i32) -> Date {
    let lo = add_years(on, -(amax + 1)) + 1;
    let hi = add_years(on, -amin);
    r.range(lo as i64, hi as i64) as Date
}

struct Ds(Date);
impl std::fmt::Display for Ds {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let (y, m, d) = civil_from_days(self.0);
        write!(f, "{:04}-{:02}-{:02}", y, m, d)
    }
}

// ------------------------------------------------------------------------------------------
// vocabularies

const SURNAMES: &[(&str, &str)] = &[
    ("Шевченко", "Шевченко"),
    ("Бондаренко", "Бондаренко"),
    ("Коваленко", "Коваленко"),
    ("Ткаченко", "Ткаченко"),
    ("Кравченко", "Кравченко"),
    ("Олійник", "Олійник"),
    ("Шевчук", "Шевчук"),
    ("Поліщук", "Поліщук"),
    ("Бойко", "Бойко"),
    ("Мельник", "Мельник"),
    ("Коваль", "Коваль"),
    ("Лисенко", "Лисенко"),
    ("Марченко", "Марченко"),
    ("Савченко", "Савченко"),
    ("Руденко", "Руденко"),
    ("Петренко", "Петренко"),
    ("Гончаренко", "Гончаренко"),
    ("Мороз", "Мороз"),
    ("Ткачук", "Ткачук"),
    ("Кравчук", "Кравчук"),
    ("Савчук", "Савчук"),
    ("Мельничук", "Мельничук"),
    ("Ковальчук", "Ковальчук"),
    ("Левченко", "Левченко"),
    ("Кузьменко", "Кузьменко"),
    ("Павленко", "Павленко"),
    ("Литвиненко", "Литвиненко"),
    ("Гнатюк", "Гнатюк"),
    ("Мартинюк", "Мартинюк"),
    ("Романюк", "Романюк"),
    ("Гуменюк", "Гуменюк"),
    ("Остапчук", "Остапчук"),
    ("Антонюк", "Антонюк"),
    ("Приходько", "Приходько"),
    ("Яковенко", "Яковенко"),
    ("Зінченко", "Зінченко"),
    ("Сидоренко", "Сидоренко"),
    ("Карпенко", "Карпенко"),
    ("Іваненко", "Іваненко"),
    ("Тимошенко", "Тимошенко"),
    ("Клименко", "Клименко"),
    ("Дмитренко", "Дмитренко"),
    ("Онищенко", "Онищенко"),
    ("Степаненко", "Степаненко"),
    ("Власенко", "Власенко"),
    ("Пономаренко", "Пономаренко"),
    ("Костенко", "Костенко"),
    ("Білик", "Білик"),
    ("Мазур", "Мазур"),
    ("Гаврилюк", "Гаврилюк"),
    ("Семенко", "Семенко"),
    ("Назаренко", "Назаренко"),
    ("Вакуленко", "Вакуленко"),
    ("Панченко", "Панченко"),
    ("Гордієнко", "Гордієнко"),
    ("Кучер", "Кучер"),
    ("Швець", "Швець"),
    ("Дорошенко", "Дорошенко"),
    ("Кириленко", "Кириленко"),
    ("Федоренко", "Федоренко"),
    ("Захарченко", "Захарченко"),
    ("Захарчук", "Захарчук"),
    ("Романенко", "Романенко"),
    ("Бондар", "Бондар"),
    ("Максименко", "Максименко"),
    ("Тарасенко", "Тарасенко"),
    ("Головко", "Головко"),
    ("Давиденко", "Давиденко"),
    ("Дячук", "Дячук"),
    ("Проценко", "Проценко"),
    ("Фесенко", "Фесенко"),
    ("Хоменко", "Хоменко"),
    ("Юрченко", "Юрченко"),
    ("Ярошенко", "Ярошенко"),
    ("Лук'яненко", "Лук'яненко"),
    ("Собко", "Собко"),
    ("Кушнір", "Кушнір"),
    ("Рибак", "Рибак"),
    ("Гребенюк", "Гребенюк"),
    ("Костюк", "Костюк"),
    ("Нестерук", "Нестерук"),
    ("Присяжнюк", "Присяжнюк"),
    ("Стасюк", "Стасюк"),
    ("Вовк", "Вовк"),
    ("Сорока", "Сорока"),
    ("Гладун", "Гладун"),
    ("Бабич", "Бабич"),
    ("Мирошниченко", "Мирошниченко"),
    ("Нікітюк", "Нікітюк"),
    ("Ковальський", "Ковальська"),
    ("Левицький", "Левицька"),
    ("Савицький", "Савицька"),
    ("Яворський", "Яворська"),
    ("Вишневський", "Вишневська"),
    ("Богуцький", "Богуцька"),
    ("Заболотний", "Заболотна"),
    ("Кравецький", "Кравецька"),
    ("Пасічний", "Пасічна"),
    ("Чорний", "Чорна"),
];
const MALE: &[&str] = &[
    "Олександр",
    "Андрій",
    "Дмитро",
    "Максим",
    "Іван",
    "Сергій",
    "Артем",
    "Богдан",
    "Владислав",
    "Денис",
    "Євген",
    "Ігор",
    "Назар",
    "Олег",
    "Павло",
    "Роман",
    "Тарас",
    "Юрій",
    "Ярослав",
    "Михайло",
    "Віктор",
    "Василь",
    "Кирило",
    "Матвій",
    "Тимофій",
    "Данило",
    "Марко",
    "Остап",
    "Степан",
    "Петро",
    "Микола",
    "Анатолій",
    "Володимир",
    "Руслан",
    "Вадим",
    "Григорій",
    "Федір",
    "Захар",
    "Георгій",
    "Ілля",
    "Святослав",
    "Ростислав",
];
const FEMALE: &[&str] = &[
    "Марія",
    "Анна",
    "Олена",
    "Ірина",
    "Наталія",
    "Оксана",
    "Тетяна",
    "Юлія",
    "Катерина",
    "Софія",
    "Вікторія",
    "Дарина",
    "Анастасія",
    "Аліна",
    "Христина",
    "Яна",
    "Злата",
    "Єва",
    "Вероніка",
    "Діана",
    "Олександра",
    "Ангеліна",
    "Мирослава",
    "Соломія",
    "Людмила",
    "Галина",
    "Світлана",
    "Лариса",
    "Валентина",
    "Надія",
    "Ольга",
    "Поліна",
    "Уляна",
    "Богдана",
    "Зоряна",
    "Марта",
    "Ганна",
    "Віра",
    "Любов",
    "Інна",
    "Лілія",
    "Алла",
];
const PATRONYMICS: &[(&str, &str)] = &[
    ("Олександрович", "Олександрівна"),
    ("Андрійович", "Андріївна"),
    ("Дмитрович", "Дмитрівна"),
    ("Іванович", "Іванівна"),
    ("Сергійович", "Сергіївна"),
    ("Миколайович", "Миколаївна"),
    ("Володимирович", "Володимирівна"),
    ("Петрович", "Петрівна"),
    ("Васильович", "Василівна"),
    ("Олегович", "Олегівна"),
    ("Вікторович", "Вікторівна"),
    ("Юрійович", "Юріївна"),
    ("Богданович", "Богданівна"),
    ("Романович", "Романівна"),
    ("Ігорович", "Ігорівна"),
    ("Анатолійович", "Анатоліївна"),
    ("Степанович", "Степанівна"),
    ("Михайлович", "Михайлівна"),
    ("Тарасович", "Тарасівна"),
    ("Павлович", "Павлівна"),
    ("Григорович", "Григорівна"),
    ("Євгенович", "Євгенівна"),
    ("Віталійович", "Віталіївна"),
    ("Русланович", "Русланівна"),
    ("Ярославович", "Ярославівна"),
    ("Леонідович", "Леонідівна"),
];
const ROOTS: &[&str] = &[
    "Берез",
    "Вишн",
    "Дуб",
    "Клен",
    "Сосн",
    "Ясен",
    "Липов",
    "Калин",
    "Озер",
    "Лук",
    "Зелен",
    "Луг",
    "Крин",
    "Гай",
    "Мирн",
    "Ліс",
    "Степ",
    "Вільх",
    "Горох",
    "Жит",
    "Мак",
    "Яблун",
    "Груш",
    "Малин",
    "Рокит",
    "Осик",
    "Явор",
    "Бук",
    "Граб",
    "Терн",
    "Глин",
    "Піск",
    "Камен",
    "Брод",
    "Став",
    "Кринич",
    "Вербов",
    "Тополин",
    "Черемх",
    "Горіх",
    "Ожин",
    "Калинов",
    "Соснов",
    "Дібров",
    "Лебедин",
    "Журавл",
    "Соколов",
    "Орлов",
    "Голуб",
    "Ромашк",
    "Волош",
    "Медов",
    "Пшенич",
    "Гречан",
    "Яр",
    "Підгір",
    "Надріч",
    "Заріч",
    "Білогір",
    "Червоногір",
];
/// (settlement ending, adjective stem ending, adjective consonant cluster)
const SUFFIXES: &[(&str, &str, &str)] = &[
    ("івка", "ів", "ськ"),
    ("ин", "ин", "ськ"),
    ("опіль", "опіль", "ськ"),
    ("иця", "и", "цьк"),
    ("ань", "ан", "ськ"),
    ("ятин", "ятин", "ськ"),
];
const COMMUNITY_KINDS: &[(&str, &str, &str)] =
    &[("міська", "міської", "м. "), ("селищна", "селищної", "селище "), ("сільська", "сільської", "с. ")];
const VILLAGES: &[&str] = &[
    "Калинівка",
    "Степанівка",
    "Іванівка",
    "Петрівка",
    "Михайлівка",
    "Олександрівка",
    "Миколаївка",
    "Новоселиця",
    "Садки",
    "Зарічне",
    "Підлісне",
    "Слобода",
    "Гута",
    "Рудня",
    "Веселівка",
    "Ставки",
    "Кам'янка",
    "Левків",
];
const STREETS: &[&str] = &[
    "Шевченка",
    "Лесі Українки",
    "Соборна",
    "Миру",
    "Незалежності",
    "Садова",
    "Шкільна",
    "Центральна",
    "Героїв України",
    "Івана Франка",
    "Михайла Грушевського",
    "Київська",
    "Зарічна",
    "Лісова",
    "Молодіжна",
    "Польова",
];
const INTERESTS: &[&str] = &[
    "football",
    "basketball",
    "volleyball",
    "swimming",
    "cycling",
    "hiking",
    "chess",
    "drawing",
    "music",
    "guitar",
    "dance",
    "theatre",
    "reading",
    "photography",
    "it",
    "gaming",
    "cooking",
    "sewing",
    "crafts",
    "animals",
    "fishing",
    "cars",
    "english",
    "beauty",
    "gardening",
    "history",
    "science",
    "film",
    "woodwork",
    "volunteering",
];
const GOALS: &[&str] =
    &["abilities", "rights", "practical_skills", "communication", "responsibility", "healthy_lifestyle"];
const GOAL_TEXT: &[&str] = &[
    "хоче визначитися з майбутньою професією та навчанням",
    "потребує знань про свої права, пільги та документи",
    "бракує побутових навичок і навичок поводження з грошима",
    "важко спілкується з дорослими й однолітками",
    "вчиться виконувати обіцянки й планувати свій час",
    "потребує підтримки здорового способу життя та режиму дня",
];
const CHILD_NOTES: &[&str] = &[
    "Добре навчається, активна в позашкільних гуртках.",
    "Потребує супроводу психолога; контакт із класним керівником налагоджено.",
    "Має брата в іншому закладі; підтримує з ним зв'язок.",
    "Відвідує спортивну секцію тричі на тиждень.",
    "Соромиться нових людей; перші зустрічі краще проводити в знайомому місці.",
    "Хоче підробляти влітку; цікавиться першим досвідом роботи.",
    "Пропускає уроки; школа просить про додаткову підтримку.",
    "Мріє вступити до коледжу; потребує допомоги з підготовкою документів.",
];
const DAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const OPERATORS: &[&str] = &["50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99"];
const FOREIGN: &[&str] = &["PL", "DE", "MD", "GE", "LT", "CZ"];
const DISQ: &[&str] = &[
    "criminal_record",
    "psychiatric_register",
    "substance_abuse",
    "deprived_parental_rights",
    "care_terminated_by_fault",
    "listed_disease",
    "no_residence_or_income",
    "limited_capacity",
];
const STAFF: &[&str] = &[
    "Савчук Ірина Петрівна",
    "Гнатюк Оксана Миколаївна",
    "Левченко Андрій Сергійович",
    "Коваль Тетяна Іванівна",
    "Дмитренко Віталій Олегович",
    "Назаренко Ольга Романівна",
];
const MEET_NOTES: &[&str] = &[
    "Обговорили плани на тиждень і шкільні оцінки.",
    "Разом готували обід; вчилися складати список покупок.",
    "Прогулянка парком, розмова про майбутню професію.",
    "Склали особистий бюджет на місяць.",
    "Відвідали бібліотеку, записалися на гурток.",
    "Розбирали, як записатися до лікаря через Helsi.",
    "Готували резюме для літньої підробітки.",
    "Вчилися користуватися Дією та банківським застосунком.",
];
const CHECK_NOTES: &[&str] = &[
    "Телефонна розмова: зустрічі відбуваються регулярно, труднощів немає.",
    "Зустріч у центрі: обговорено прогрес за планом наставництва.",
    "Є труднощі з графіком зустрічей; домовилися про вихідні.",
];
const CLOSURE_REASONS: &[&str] = &[
    "mutual_consent",
    "mentor_withdrew",
    "child_refused",
    "moved_away",
    "other",
    "safety_suspension",
    "mentor_ineligible",
];

// categories / placements
const CAT_2017: &[&str] = &["orphan", "deprived_of_parental_care", "in_institution"];
const CAT_2026_ONLY: &[&str] =
    &["difficult_circumstances", "war_affected", "child_of_fallen_defender", "displaced"];

// institution kinds, in the order they are created per community
const K_RESIDENTIAL: u8 = 0;
const K_SCHOOL: u8 = 1;
const K_VOCATIONAL: u8 = 2;
const K_PREHIGHER: u8 = 3;
const K_HIGHER: u8 = 4;
const KIND_NAMES: &[&str] =
    &["residential_care", "general_secondary", "vocational", "professional_pre_higher", "higher"];

// ------------------------------------------------------------------------------------------
// the fixed timeline

struct Timeline {
    today: Date,
    cutover: Date,
    start: Date,
}

// ------------------------------------------------------------------------------------------
// phase-1 records (everything that must be globally consistent)

struct Community {
    name: String,
    adj_m: String,     // "Березівський"
    adj_gen: String,   // "Березівської"
    kind: usize,       // index in COMMUNITY_KINDS
    centre: String,    // settlement name
    first_inst: usize, // institution indices first_inst .. first_inst + n_inst
    n_inst: usize,
}

struct Institution {
    community: u32,
    kind: u8,
    number: u32, // for school names
}

#[derive(Clone, Copy, Default)]
struct Person {
    sex: u8, // 0 female, 1 male
    surname: u16,
    given: u16,
    patr: u16,
    birth: Date,
}

struct Child {
    p: Person,
    community: u32,
    category: &'static str,
    placement: &'static str,
    institution: u32, // u32::MAX = none
    studying_until: Date,
    registered: Date,
    consent_child: Date,
    consent_rep: Date,
    assessment: Date,
    mentor_sex: u8, // 0 none, 1 female, 2 male
}

struct Mentor {
    p: Person,
    community: u32,
    citizenship: &'static str,
    status: &'static str, // "" = none
    capacity: u8,
    applied: Date,
    passport: Date,
    medical: Date,
    criminal: Date,
    screening: Date,
    training: Date,
    conclusion: Date,
    disq: &'static str, // "" = none
}

struct Agreement {
    child: u32,
    mentor: u32,
    institution: u32,
    status: &'static str,
    regime: &'static str,
    proposed: Date,
    sig: [Date; 4], // centre, institution, mentor, legal_representative
    signed: Date,
    ends_on: Date,
    closure: Date,
    closure_reason: &'static str,
    exit_interview: bool,
    contacts: u32,
    c_from: Date,
    c_to: Date,
    renewal: Option<(u32, Date)>, // from institution, date
}

struct World {
    seed: u64,
    t: Timeline,
    communities: Vec<Community>,
    institutions: Vec<Institution>,
    children: Vec<Child>,
    mentors: Vec<Mentor>,
    agreements: Vec<Agreement>,
    width: usize,
}

struct PersonSet {
    seen: HashSet<u64>,
}

impl PersonSet {
    /// Draw names for a person with a fixed sex and birth date, unique on
    /// (surname, given name, birth date) over the whole registry.
    fn draw(&mut self, r: &mut Rng, sex: u8, birth: Date) -> Person {
        let givens = if sex == 0 { FEMALE.len() } else { MALE.len() };
        loop {
            let surname = r.idx(SURNAMES.len()) as u16;
            let given = r.idx(givens) as u16;
            // surname string differs by sex only for gendered surnames, and the given-name
            // lists are disjoint, so (sex, surname, given) identifies the name strings
            let key =
                ((birth as u32 as u64) << 32) | ((sex as u64) << 24) | ((surname as u64) << 8) | given as u64;
            if self.seen.insert(key) {
                let patr = r.idx(PATRONYMICS.len()) as u16;
                return Person { sex, surname, given, patr, birth };
            }
        }
    }
}

fn june30(year: i32) -> Date {
    days_from_civil(year, 6, 30)
}

fn ends_on(c: &Child) -> Date {
    let e18 = add_years(c.p.birth, 18);
    if c.studying_until != NONE && c.studying_until > e18 {
        c.studying_until.min(add_years(c.p.birth, 23))
    } else {
        e18
    }
}

impl World {
    fn inst_of(&self, community: u32, kind: u8) -> Option<u32> {
        let c = &self.communities[community as usize];
        (c.first_inst..c.first_inst + c.n_inst).find(|&i| self.institutions[i].kind == kind).map(|i| i as u32)
    }
    /// A place of further study in the community (every community has one).
    fn study_inst(&self, r: &mut Rng, community: u32) -> u32 {
        let c = &self.communities[community as usize];
        let opts: Vec<u32> = (c.first_inst..c.first_inst + c.n_inst)
            .filter(|&i| self.institutions[i].kind >= K_VOCATIONAL)
            .map(|i| i as u32)
            .collect();
        *r.pick(&opts)
    }
}

/// Child placement / institution / studies for a child of the given age class.
/// `regime2017`: must be eligible under the 2017 rules (institution care).
fn child_situation(
    w: &World,
    r: &mut Rng,
    community: u32,
    birth: Date,
    regime2017: bool,
) -> (&'static str, &'static str, u32, Date) {
    let t = &w.t;
    let age = age_on(birth, t.today);
    let adult = age >= 18;
    let mut studying = NONE;
    if regime2017 || (!adult && r.pct(35)) {
        let category = *r.pick(CAT_2017);
        let placement = if regime2017 || category == "in_institution" || r.pct(40) {
            "institution"
        } else {
            *r.pick(&["foster_family", "family_type_home", "guardian"])
        };
        let inst;
        if adult || (age >= 15 && r.pct(50)) {
            inst = w.study_inst(r, community);
            let (ty, _, _) = civil_from_days(t.today);
            let mut y = ty + r.range(1, 4) as i32;
            if adult {
                // must study beyond today but the 23rd birthday caps the agreement anyway
                y = y.min(civil_from_days(add_years(birth, 23)).0.max(ty + 1));
            }
            studying = june30(y);
            if studying <= t.today {
                studying = june30(ty + 1);
            }
        } else if placement == "institution" {
            inst = w.inst_of(community, K_RESIDENTIAL).unwrap();
        } else {
            inst = w.inst_of(community, K_SCHOOL).unwrap();
        }
        return (category, placement, inst, studying);
    }
    if adult {
        let inst = w.study_inst(r, community);
        let (ty, _, _) = civil_from_days(t.today);
        studying = june30(ty + r.range(1, 3) as i32);
        return ("care_leaver", "independent", inst, studying);
    }
    let category = *r.pick(CAT_2026_ONLY);
    let placement = if r.pct(85) { "own_family" } else { "guardian" };
    let inst = if age >= 16 && r.pct(30) {
        let i = w.study_inst(r, community);
        let (ty, _, _) = civil_from_days(t.today);
        studying = june30(ty + r.range(1, 3) as i32);
        i
    } else {
        w.inst_of(community, K_SCHOOL).unwrap()
    };
    (category, placement, inst, studying)
}

fn build(
    seed: u64,
    n_children: usize,
    n_mentors: usize,
    n_agreements: usize,
    n_contacts: u64,
    n_comm: usize,
) -> World {
    let t = Timeline {
        today: days_from_civil(2026, 11, 23),
        cutover: days_from_civil(2026, 7, 14),
        start: days_from_civil(2025, 1, 1),
    };
    let maxn = n_children.max(n_mentors).max(n_agreements).max(n_comm * 4);
    let width = maxn.to_string().len().max(6);
    let mut w = World {
        seed,
        t,
        communities: Vec::with_capacity(n_comm),
        institutions: Vec::new(),
        children: Vec::with_capacity(n_children),
        mentors: Vec::with_capacity(n_mentors),
        agreements: Vec::with_capacity(n_agreements),
        width,
    };
    let mut r = Rng::new(seed);

    // communities and their institutions: residential care, a school, a vocational lyceum or a
    // college, sometimes a higher-education institution
    for i in 0..n_comm {
        let root = ROOTS[i % ROOTS.len()];
        let (ssuf, astem, acl) = SUFFIXES[(i / ROOTS.len()) % SUFFIXES.len()];
        let kind = (i / (ROOTS.len() * SUFFIXES.len())) % COMMUNITY_KINDS.len();
        let round = i / (ROOTS.len() * SUFFIXES.len() * COMMUNITY_KINDS.len());
        let stem = format!("{}{}{}", root, astem, acl);
        let mut name = format!("{}а {} територіальна громада", stem, COMMUNITY_KINDS[kind].0);
        if round > 0 {
            name.push_str(&format!(" {}", round + 1));
        }
        let first = w.institutions.len();
        let mut kinds = vec![K_RESIDENTIAL, K_SCHOOL, if r.pct(50) { K_VOCATIONAL } else { K_PREHIGHER }];
        if r.pct(25) {
            kinds.push(K_HIGHER);
        }
        for k in &kinds {
            w.institutions.push(Institution { community: i as u32, kind: *k, number: r.range(1, 12) as u32 });
        }
        w.communities.push(Community {
            name,
            adj_m: format!("{}ий", stem),
            adj_gen: format!("{}ої", stem),
            kind,
            centre: format!("{}{}", root, ssuf),
            first_inst: first,
            n_inst: kinds.len(),
        });
    }

    // agreement plans: which child and mentor, status and timeline
    let n_agreements = n_agreements.min(n_children).min(n_mentors);
    struct Plan {
        community: u32,
        status: &'static str,
        proposed: Date,
        sig: [Date; 4],
        closure: Date,
        reason: &'static str,
        turned18: bool,
    }
    let mut plans = Vec::with_capacity(n_agreements);
    let today = w.t.today;
    for _ in 0..n_agreements {
        let community = r.idx(n_comm) as u32;
        let roll = r.below(100);
        let status = if roll < 72 {
            "active"
        } else if roll < 88 {
            "closed"
        } else if roll < 92 {
            "suspended"
        } else {
            "proposed"
        };
        let proposed = match status {
            "proposed" => today - r.range(1, 45) as Date,
            "closed" => r.range(w.t.start as i64, (today - 40) as i64) as Date,
            _ => r.range(w.t.start as i64, (today - 21) as i64) as Date,
        };
        let is2026 = proposed >= w.t.cutover;
        let mut sig = [NONE; 4];
        let nparties = if is2026 { 4 } else { 3 };
        for s in sig.iter_mut().take(nparties) {
            *s = (proposed + r.range(1, 14) as Date).min(today);
        }
        let mut closure = NONE;
        let mut reason = "";
        let mut turned18 = false;
        let signed = *sig.iter().take(nparties).max().unwrap();
        if status == "proposed" {
            // partially signed or not at all: drop at least one required signature
            let keep = r.range(0, nparties as i64 - 1) as usize;
            let mut order: Vec<usize> = (0..nparties).collect();
            for i in (1..order.len()).rev() {
                let j = r.idx(i + 1);
                order.swap(i, j);
            }
            for &p in order.iter().skip(keep) {
                sig[p] = NONE;
            }
        } else if status == "closed" {
            closure = r.range((signed + 7) as i64, today as i64) as Date;
            if r.pct(25) {
                reason = "child_turned_18";
                turned18 = true;
            } else {
                reason = *r.pick(CLOSURE_REASONS);
            }
        }
        plans.push(Plan { community, status, proposed, sig, closure, reason, turned18 });
    }

    // which child / mentor index each agreement uses (spread evenly over the ID ranges)
    let mut child_plan = vec![u32::MAX; n_children];
    let mut mentor_plan = vec![u32::MAX; n_mentors];
    for j in 0..n_agreements {
        child_plan[j * n_children / n_agreements] = j as u32;
        mentor_plan[j * n_mentors / n_agreements] = j as u32;
    }

    let mut persons = PersonSet { seen: HashSet::with_capacity((n_children + n_mentors) * 2) };

    // children
    for &plan in &child_plan {
        if plan != u32::MAX {
            let p = &plans[plan as usize];
            let is2026 = p.proposed >= w.t.cutover;
            let sex = r.below(2) as u8;
            let birth = if p.turned18 {
                add_years(p.closure, -18)
            } else if is2026 {
                // 2026 rules: 10+ at the proposal and still a child (or a student) today
                if r.pct(8) {
                    birth_for_age(&mut r, today, 18, 21)
                } else {
                    birth_for_age(&mut r, today, 11, 17)
                }
            } else if r.pct(12) {
                birth_for_age(&mut r, today, 18, 21)
            } else {
                birth_for_age(&mut r, today, 10, 17)
            };
            let (mut category, mut placement, inst, mut studying) =
                child_situation(&w, &mut r, p.community, birth, !is2026);
            if p.turned18 {
                studying = NONE;
                if placement == "institution" {
                    placement = "independent";
                }
                if category == "care_leaver" {
                    category = "orphan";
                }
            }
            let registered = (p.proposed - r.range(5, 150) as Date).max(add_years(birth, 6));
            let span = (p.proposed - registered) as i64;
            let consent_child = registered + r.range(0, span.min(10)) as Date;
            let consent_rep = registered + r.range(0, span.min(12)) as Date;
            let assessment = registered + r.range(0, span.min(20)) as Date;
            let person = persons.draw(&mut r, sex, birth);
            w.children.push(Child {
                p: person,
                community: p.community,
                category,
                placement,
                institution: inst,
                studying_until: studying,
                registered,
                consent_child,
                consent_rep,
                assessment,
                mentor_sex: 0, // set with the mentor below
            });
        } else {
            let community = r.idx(n_comm) as u32;
            let sex = r.below(2) as u8;
            let roll = r.below(100);
            let birth = if roll < 5 {
                birth_for_age(&mut r, today, 6, 9)
            } else if roll < 13 {
                birth_for_age(&mut r, today, 18, 22)
            } else {
                birth_for_age(&mut r, today, 10, 17)
            };
            let (category, placement, inst, studying) = child_situation(&w, &mut r, community, birth, false);
            let registered = r.range(w.t.start as i64, today as i64) as Date;
            let registered = registered.max(add_years(birth, 5));
            let croll = r.below(100);
            let cap = |d: Date| if d > today { NONE } else { d };
            let consent_child = if croll < 96 { cap(registered + r.range(0, 10) as Date) } else { NONE };
            let consent_rep = if croll < 92 { cap(registered + r.range(0, 14) as Date) } else { NONE };
            let assessment = cap(registered + r.range(3, 30) as Date);
            let mentor_sex = if r.pct(20) { 1 + r.below(2) as u8 } else { 0 };
            let person = persons.draw(&mut r, sex, birth);
            w.children.push(Child {
                p: person,
                community,
                category,
                placement,
                institution: inst,
                studying_until: studying,
                registered,
                consent_child,
                consent_rep,
                assessment,
                mentor_sex,
            });
        }
    }

    // mentors
    for &plan in &mentor_plan {
        let sex = if r.pct(62) { 0 } else { 1 };
        if plan != u32::MAX {
            let p = &plans[plan as usize];
            let birth = birth_for_age(&mut r, today, 28, 64);
            let applied = p.proposed - r.range(45, 240) as Date;
            let training = applied + r.range(14, 35) as Date;
            let conclusion = training + r.range(1, 7) as Date;
            let mut medical = applied - r.range(0, 25) as Date;
            let mut criminal = applied - r.range(0, 15) as Date;
            if p.status != "closed" && medical < today - 350 {
                // certificates renewed while mentoring
                medical = today - r.range(5, 300) as Date;
                criminal = today - r.range(5, 300) as Date;
            }
            let person = persons.draw(&mut r, sex, birth);
            w.mentors.push(Mentor {
                p: person,
                community: p.community,
                citizenship: "UA",
                status: if p.reason == "mentor_withdrew" {
                    "withdrawn"
                } else if r.pct(10) {
                    "active"
                } else {
                    ""
                },
                capacity: if r.pct(5) { 2 } else { 1 },
                applied,
                passport: applied,
                medical,
                criminal,
                screening: applied + r.range(2, 10) as Date,
                training,
                conclusion,
                disq: "",
            });
        } else {
            let community = r.idx(n_comm) as u32;
            let roll = r.below(100);
            let birth = if roll < 3 {
                birth_for_age(&mut r, today, 19, 20)
            } else {
                birth_for_age(&mut r, today, 22, 68)
            };
            let applied = r.range((w.t.start - 200) as i64, (today - 3) as i64) as Date;
            let applied = applied.max(add_years(birth, 18) + 30);
            let mut training = applied + r.range(14, 35) as Date;
            let mut conclusion = training + r.range(1, 7) as Date;
            let mut status = "";
            let mut disq = "";
            let mut citizenship = "UA";
            let roll2 = r.below(100);
            if roll2 < 8 || conclusion > today {
                training = NONE; // still in the pipeline
                conclusion = NONE;
            } else if roll2 < 11 {
                status = "paused";
            } else if roll2 < 13 {
                status = "withdrawn";
            } else if roll2 < 15 {
                disq = *r.pick(DISQ);
                training = NONE;
                conclusion = NONE;
            } else if roll2 < 17 {
                citizenship = *r.pick(FOREIGN);
            }
            if training != NONE && r.pct(10) && training > today - 60 {
                // trained, conclusion not issued yet
                conclusion = NONE;
            }
            let person = persons.draw(&mut r, sex, birth);
            w.mentors.push(Mentor {
                p: person,
                community,
                citizenship,
                status,
                capacity: if r.pct(5) { 2 } else { 1 },
                applied,
                passport: applied,
                medical: applied - r.range(0, 25) as Date,
                criminal: applied - r.range(0, 15) as Date,
                screening: (applied + r.range(2, 10) as Date).min(today),
                training,
                conclusion,
                disq,
            });
        }
    }

    // agreements
    let mut total_days: u128 = 0;
    for (j, p) in plans.iter().enumerate() {
        let ci = j * n_children / n_agreements;
        let mi = j * n_mentors / n_agreements;
        let is2026 = p.proposed >= w.t.cutover;
        let nparties = if is2026 { 4 } else { 3 };
        let complete = p.sig.iter().take(nparties).all(|&d| d != NONE);
        let signed = if complete { *p.sig.iter().take(nparties).max().unwrap() } else { NONE };
        // the child's wish about the mentor's sex, if any, is the mentor's sex
        if r.pct(20) {
            w.children[ci].mentor_sex = 1 + w.mentors[mi].p.sex;
        }
        let (c_from, c_to) = if signed == NONE {
            (NONE, NONE)
        } else if p.status == "closed" {
            (signed, p.closure)
        } else if p.status == "suspended" {
            (signed, (today - r.range(0, 60) as Date).max(signed))
        } else {
            (signed, today)
        };
        if signed != NONE {
            total_days += (c_to - c_from + 1) as u128;
        }
        let child = &w.children[ci];
        let mut renewal = None;
        if p.status == "active" && !is2026 && child.placement == "institution" {
            let kind = w.institutions[child.institution as usize].kind;
            if kind >= K_VOCATIONAL && r.pct(15) && today - signed > 60 {
                let from = w.inst_of(child.community, K_RESIDENTIAL).unwrap();
                renewal = Some((from, r.range((signed + 30) as i64, (today - 1) as i64) as Date));
            }
        }
        w.agreements.push(Agreement {
            child: ci as u32,
            mentor: mi as u32,
            institution: child.institution,
            status: p.status,
            regime: if is2026 { "2026" } else { "2017" },
            proposed: p.proposed,
            sig: p.sig,
            signed,
            ends_on: ends_on(child),
            closure: p.closure,
            closure_reason: p.reason,
            exit_interview: r.pct(60),
            contacts: 0,
            c_from,
            c_to,
            renewal,
        });
    }
    // contacts: proportional to each agreement's signed duration
    if total_days > 0 {
        let mut given: u64 = 0;
        let mut acc: u128 = 0;
        for a in w.agreements.iter_mut() {
            if a.signed == NONE {
                continue;
            }
            acc += (a.c_to - a.c_from + 1) as u128;
            let upto = (n_contacts as u128 * acc).checked_div(total_days).unwrap_or(0) as u64;
            a.contacts = (upto - given) as u32;
            given = upto;
        }
    }
    w
}

// ------------------------------------------------------------------------------------------
// rendering (phase 2)

fn translit(s: &str, out: &mut String) {
    for ch in s.chars() {
        let t = match ch.to_lowercase().next().unwrap_or(ch) {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "h",
            'ґ' => "g",
            'д' => "d",
            'е' => "e",
            'є' => "ie",
            'ж' => "zh",
            'з' => "z",
            'и' => "y",
            'і' => "i",
            'ї' => "i",
            'й' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ь' => "",
            'ю' => "iu",
            'я' => "ia",
            '\'' => "",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                ""
            }
            _ => "",
        };
        out.push_str(t);
    }
}

fn q(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn arr(out: &mut String, xs: &[&str]) {
    out.push('[');
    for (i, x) in xs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        q(out, x);
    }
    out.push(']');
}

fn surname(p: &Person) -> &'static str {
    let s = SURNAMES[p.surname as usize];
    if p.sex == 0 { s.1 } else { s.0 }
}
fn given(p: &Person) -> &'static str {
    if p.sex == 0 { FEMALE[p.given as usize] } else { MALE[p.given as usize] }
}
fn patronymic(p: &Person) -> &'static str {
    let s = PATRONYMICS[p.patr as usize];
    if p.sex == 0 { s.1 } else { s.0 }
}
fn random_name(r: &mut Rng, sex: u8) -> String {
    let p = Person {
        sex,
        surname: r.idx(SURNAMES.len()) as u16,
        given: r.idx(if sex == 0 { FEMALE.len() } else { MALE.len() }) as u16,
        patr: r.idx(PATRONYMICS.len()) as u16,
        birth: NONE,
    };
    format!("{} {} {}", surname(&p), given(&p), patronymic(&p))
}

fn settlement(w: &World, r: &mut Rng, community: u32) -> String {
    if r.pct(75) { w.communities[community as usize].centre.clone() } else { r.pick(VILLAGES).to_string() }
}

fn address(w: &World, r: &mut Rng, community: u32) -> String {
    let c = &w.communities[community as usize];
    format!(
        "вул. {}, {}, {}{}, {:05}",
        r.pick(STREETS),
        r.range(1, 120),
        COMMUNITY_KINDS[c.kind].2,
        c.centre,
        10000 + (community as u64 * 37 % 89000)
    )
}

fn inst_name(w: &World, i: usize) -> String {
    let inst = &w.institutions[i];
    let c = &w.communities[inst.community as usize];
    match inst.kind {
        K_RESIDENTIAL => format!("КЗ «{} центр соціальної підтримки дітей та сімей»", c.adj_m),
        K_SCHOOL => {
            format!("{} ліцей № {} {} {} ради", c.adj_m, inst.number, c.adj_gen, COMMUNITY_KINDS[c.kind].1)
        }
        K_VOCATIONAL => format!("{} професійний ліцей", c.adj_m),
        K_PREHIGHER => format!("{} фаховий коледж", c.adj_m),
        _ => format!("{} інститут прикладних наук", c.adj_m),
    }
}

fn id(out: &mut String, prefix: char, n: usize, width: usize) {
    let _ = write!(out, "{}-{:0w$}", prefix, n + 1, w = width);
}

fn render_config(w: &World) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Synthetic registry generated by examples/generate.rs (seed {}); every person is fictional.",
        w.seed
    );
    s.push_str("schema = 1\nlanguage = \"uk\"\n\n[centre]\n");
    s.push_str("name = \"Обласний центр соціальних служб (синтетичні дані)\"\n");
    let mut r = Rng::for_record(w.seed, 9, 0);
    s.push_str("address = ");
    q(&mut s, &address(w, &mut r, 0));
    s.push_str("\nphone = \"+380 412 55 01 23\"\ndirector = \"Петренко Олена Василівна\"\nedrpou = \"39876541\"\ncommunity = ");
    q(&mut s, &w.communities[0].name);
    s.push_str("\n\n[rules]\nregime = \"auto\"\ncutover_2026 = 2026-07-14\n\n[git]\ncommit = true\n");
    s
}

fn render_institution(w: &World, i: usize, s: &mut String) {
    let mut r = Rng::for_record(w.seed, 1, i as u64);
    let inst = &w.institutions[i];
    s.push_str("id = \"");
    id(s, 'i', i, w.width);
    s.push_str("\"\nname = ");
    q(s, &inst_name(w, i));
    let _ = write!(s, "\nkind = \"{}\"\naddress = ", KIND_NAMES[inst.kind as usize]);
    q(s, &address(w, &mut r, inst.community));
    s.push_str("\ndirector = ");
    let sex = r.below(2) as u8;
    q(s, &random_name(&mut r, sex));
    let _ = write!(s, "\nedrpou = \"{:08}\"\ncommunity = ", r.below(100_000_000));
    q(s, &w.communities[inst.community as usize].name);
    s.push('\n');
}

fn render_child(w: &World, i: usize, s: &mut String) {
    let mut r = Rng::for_record(w.seed, 2, i as u64);
    let c = &w.children[i];
    s.push_str("id = \"");
    id(s, 'c', i, w.width);
    s.push_str("\"\nsurname = ");
    q(s, surname(&c.p));
    s.push_str("\ngiven_name = ");
    q(s, given(&c.p));
    s.push_str("\npatronymic = ");
    q(s, patronymic(&c.p));
    let _ = write!(
        s,
        "\nbirth_date = {}\nsex = \"{}\"\ncategory = \"{}\"\nplacement = \"{}\"\n",
        Ds(c.p.birth),
        if c.p.sex == 0 { "female" } else { "male" },
        c.category,
        c.placement
    );
    if c.institution != u32::MAX {
        s.push_str("institution = \"");
        id(s, 'i', c.institution as usize, w.width);
        s.push_str("\"\n");
    }
    if c.studying_until != NONE {
        let _ = writeln!(s, "studying_until = {}", Ds(c.studying_until));
    }
    s.push_str("community = ");
    q(s, &w.communities[c.community as usize].name);
    s.push_str("\nsettlement = ");
    q(s, &settlement(w, &mut r, c.community));
    s.push_str("\nlanguages = ");
    let mut langs = vec!["uk"];
    if r.pct(30) {
        langs.push("en");
    }
    if r.pct(6) {
        langs.push(*r.pick(&["ru", "pl", "de"]));
    }
    arr(s, &langs);
    s.push_str("\ninterests = ");
    let k = r.range(2, 4) as usize;
    arr(s, &r.subset(INTERESTS, k));
    s.push_str("\ngoal_areas = ");
    let k = r.range(1, 3) as usize;
    let goals = r.subset(GOALS, k);
    arr(s, &goals);
    let _ = writeln!(s, "\nregistered_on = {}", Ds(c.registered));
    if c.mentor_sex != 0 {
        let _ = writeln!(
            s,
            "\n[preferences]\nmentor_sex = \"{}\"",
            if c.mentor_sex == 1 { "female" } else { "male" }
        );
    }
    if c.consent_child != NONE || c.consent_rep != NONE {
        s.push_str("\n[consent]\n");
        if c.consent_child != NONE {
            let _ = writeln!(s, "child = {}", Ds(c.consent_child));
        }
        if c.consent_rep != NONE {
            let _ = writeln!(s, "legal_representative = {}", Ds(c.consent_rep));
            s.push_str("legal_representative_name = ");
            let rep = if age_on(c.p.birth, c.consent_rep) >= 18 {
                format!("{} {} {} (діє самостійно)", surname(&c.p), given(&c.p), patronymic(&c.p))
            } else {
                match c.placement {
                    "institution" => {
                        let mut rr = Rng::for_record(w.seed, 1, c.institution as u64);
                        let _ = address(w, &mut rr, 0);
                        let sex = rr.below(2) as u8;
                        format!("{} (директор закладу)", random_name(&mut rr, sex))
                    }
                    "foster_family" => format!("{} (прийомна мати)", random_name(&mut r, 0)),
                    "family_type_home" => format!("{} (батько-вихователь ДБСТ)", random_name(&mut r, 1)),
                    "guardian" => {
                        let sex = r.below(2) as u8;
                        format!(
                            "{} ({})",
                            random_name(&mut r, sex),
                            if sex == 0 { "опікунка" } else { "опікун" }
                        )
                    }
                    _ => {
                        let mother = Person { sex: 0, ..c.p };
                        let g = FEMALE[r.idx(FEMALE.len())];
                        let pt = PATRONYMICS[r.idx(PATRONYMICS.len())].1;
                        format!("{} {} {} (мати)", surname(&mother), g, pt)
                    }
                }
            };
            q(s, &rep);
            s.push('\n');
        }
    }
    if c.assessment != NONE {
        let _ = write!(s, "\n[assessment]\ndate = {}\nsummary = ", Ds(c.assessment));
        let mut summary = String::from(if c.p.sex == 0 { "Дівчина " } else { "Хлопець " });
        for (n, g) in goals.iter().enumerate() {
            let gi = GOALS.iter().position(|x| x == g).unwrap();
            if n > 0 {
                summary.push_str("; ");
            }
            summary.push_str(GOAL_TEXT[gi]);
        }
        summary.push('.');
        q(s, &summary);
        s.push_str("\nnotes = ");
        q(s, r.pick::<&str>(CHILD_NOTES));
        s.push('\n');
    }
}

fn render_mentor(w: &World, i: usize, s: &mut String) {
    let mut r = Rng::for_record(w.seed, 3, i as u64);
    let m = &w.mentors[i];
    s.push_str("id = \"");
    id(s, 'm', i, w.width);
    s.push_str("\"\nsurname = ");
    q(s, surname(&m.p));
    s.push_str("\ngiven_name = ");
    q(s, given(&m.p));
    if m.citizenship == "UA" {
        s.push_str("\npatronymic = ");
        q(s, patronymic(&m.p));
    }
    let _ = write!(
        s,
        "\nbirth_date = {}\nsex = \"{}\"\ncitizenship = \"{}\"\nlegal_capacity = true\ncommunity = ",
        Ds(m.p.birth),
        if m.p.sex == 0 { "female" } else { "male" },
        m.citizenship
    );
    q(s, &w.communities[m.community as usize].name);
    s.push_str("\nsettlement = ");
    q(s, &settlement(w, &mut r, m.community));
    let _ = write!(
        s,
        "\nphone = \"+380 {} {:03} {:04}\"\nemail = \"",
        r.pick(OPERATORS),
        r.below(1000),
        r.below(10000)
    );
    translit(&given(&m.p)[..given(&m.p).char_indices().nth(1).unwrap().0], s);
    s.push('.');
    translit(surname(&m.p), s);
    let _ = write!(s, ".{}@example.org\"\nlanguages = ", i + 1);
    let mut langs = vec!["uk"];
    if r.pct(45) {
        langs.push("en");
    }
    if r.pct(8) {
        langs.push(*r.pick(&["pl", "de", "ru", "fr"]));
    }
    arr(s, &langs);
    s.push_str("\ninterests = ");
    let k = r.range(2, 5) as usize;
    arr(s, &r.subset(INTERESTS, k));
    s.push_str("\ngoal_areas = ");
    let k = r.range(1, 3) as usize;
    arr(s, &r.subset(GOALS, k));
    s.push_str("\navailability = ");
    let k = r.range(1, 4) as usize;
    arr(s, &r.subset(DAYS, k));
    let _ = writeln!(s, "\ncapacity = {}\napplied_on = {}", m.capacity, Ds(m.applied));
    if !m.status.is_empty() {
        let _ = writeln!(s, "status = \"{}\"", m.status);
    }
    let _ = writeln!(
        s,
        "\n[documents]\npassport_copy = {}\nmedical_certificate = {}\ncriminal_record_certificate = {}",
        Ds(m.passport),
        Ds(m.medical),
        Ds(m.criminal)
    );
    if m.training != NONE {
        let _ = writeln!(
            s,
            "\n[training]\ncompleted_on = {}\nhours = {}\nprovider = \"Обласний центр соціальних служб\"",
            Ds(m.training),
            *r.pick(&[16, 24, 24, 32])
        );
    }
    if m.conclusion != NONE {
        let (y, _, _) = civil_from_days(m.conclusion);
        let _ = writeln!(
            s,
            "\n[conclusion]\nnumber = \"ВН-{}/{:06}\"\nissued_on = {}",
            y,
            i + 1,
            Ds(m.conclusion)
        );
    }
    let _ = write!(s, "\n[screening]\nchecked_on = {}\ndisqualifications = ", Ds(m.screening));
    if m.disq.is_empty() {
        s.push_str("[]\n");
    } else {
        arr(s, &[m.disq]);
        s.push('\n');
    }
}

fn render_agreement(w: &World, j: usize, s: &mut String) {
    let mut r = Rng::for_record(w.seed, 4, j as u64);
    let a = &w.agreements[j];
    s.push_str("id = \"");
    id(s, 'a', j, w.width);
    let _ = write!(s, "\"\nnumber = \"НС-{}/{:06}\"\nchild = \"", civil_from_days(a.proposed).0, j + 1);
    id(s, 'c', a.child as usize, w.width);
    s.push_str("\"\nmentor = \"");
    id(s, 'm', a.mentor as usize, w.width);
    s.push_str("\"\ninstitution = \"");
    id(s, 'i', a.institution as usize, w.width);
    let _ = writeln!(
        s,
        "\"\nregime = \"{}\"\nstatus = \"{}\"\nproposed_on = {}",
        a.regime,
        a.status,
        Ds(a.proposed)
    );
    if a.signed != NONE {
        let _ = writeln!(s, "signed_on = {}", Ds(a.signed));
    }
    let _ = writeln!(s, "ends_on = {}\nhours_per_month = {}", Ds(a.ends_on), *r.pick(&[4, 6, 8, 8]));
    if a.sig.iter().any(|&d| d != NONE) {
        s.push_str("\n[signatures]\n");
        let parties = ["centre", "institution", "mentor", "legal_representative"];
        for (p, &d) in parties.iter().zip(a.sig.iter()) {
            if d != NONE {
                let _ = writeln!(s, "{} = {}", p, Ds(d));
            }
        }
    }
    if let Some((from, date)) = a.renewal {
        let _ = write!(s, "\n[[renewals]]\ndate = {}\nfrom_institution = \"", Ds(date));
        id(s, 'i', from as usize, w.width);
        s.push_str("\"\nto_institution = \"");
        id(s, 'i', a.institution as usize, w.width);
        s.push_str("\"\nreason = \"Дитина вступила на навчання та переїхала до гуртожитку закладу\"\n");
    }
    if a.contacts > 0 {
        let mut dates: Vec<Date> =
            (0..a.contacts).map(|_| r.range(a.c_from as i64, a.c_to as i64) as Date).collect();
        dates.sort_unstable();
        for d in dates {
            let roll = r.below(100);
            let _ = write!(s, "\n[[contacts]]\ndate = {}\n", Ds(d));
            if roll < 70 {
                let _ = writeln!(s, "kind = \"meeting\"\nhours = {:.1}", r.range(2, 8) as f64 / 2.0);
                if r.pct(30) {
                    s.push_str("note = ");
                    q(s, r.pick::<&str>(MEET_NOTES));
                    s.push('\n');
                }
            } else if roll < 93 {
                let kind = if roll < 82 {
                    "checkin_mentor"
                } else if roll < 90 {
                    "checkin_child"
                } else {
                    "visit"
                };
                let _ = write!(s, "kind = \"{}\"\nby = ", kind);
                q(s, r.pick::<&str>(STAFF));
                s.push_str("\nnote = ");
                q(s, r.pick::<&str>(CHECK_NOTES));
                s.push('\n');
            } else {
                let _ = writeln!(
                    s,
                    "kind = \"outing\"\nhours = {:.1}\nnote = \"Виїзд; згоду дитини, законного представника та закладу отримано.\"",
                    r.range(6, 12) as f64 / 2.0
                );
            }
        }
    }
    if a.closure != NONE {
        let _ = writeln!(
            s,
            "\n[closure]\ndate = {}\nreason = \"{}\"\nexit_interview = {}",
            Ds(a.closure),
            a.closure_reason,
            a.exit_interview
        );
    }
}

// ------------------------------------------------------------------------------------------
// output

fn write_all(w: &World, out: &Path, threads: usize) -> std::io::Result<u64> {
    for d in ["children", "mentors", "institutions", "agreements"].iter() {
        fs::create_dir_all(out.join(d))?;
    }
    fs::write(out.join("nastavnyk.toml"), render_config(w))?;
    // As `nastavnyk init` writes it: the tool's lock and working copies are never committed.
    fs::write(
        out.join(".gitignore"),
        "# nastavnyk's lock and working copies\n.nastavnyk.lock\n.*.tmp\n.*.edit.toml\n",
    )?;
    let jobs: Vec<Job> = vec![
        ("institutions", 'i', w.institutions.len(), render_institution),
        ("children", 'c', w.children.len(), render_child),
        ("mentors", 'm', w.mentors.len(), render_mentor),
        ("agreements", 'a', w.agreements.len(), render_agreement),
    ];
    let results: Vec<std::io::Result<u64>> = std::thread::scope(|sc| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let jobs = &jobs;
                sc.spawn(move || -> std::io::Result<u64> {
                    let mut buf = String::with_capacity(64 * 1024);
                    let mut path = String::new();
                    let mut bytes = 0u64;
                    for &(dir, prefix, n, render) in jobs.iter() {
                        let mut i = t;
                        while i < n {
                            buf.clear();
                            render(w, i, &mut buf);
                            path.clear();
                            path.push_str(dir);
                            path.push('/');
                            id(&mut path, prefix, i, w.width);
                            path.push_str(".toml");
                            fs::write(out.join(&path), buf.as_bytes())?;
                            bytes += buf.len() as u64;
                            i += threads;
                        }
                    }
                    Ok(bytes)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("writer thread panicked")).collect()
    });
    let mut total = 0;
    for res in results {
        total += res?;
    }
    Ok(total)
}

fn usage() -> ! {
    eprintln!(
        "usage: generate --out DIR [--children 100000] [--mentors 100000] [--agreements 50000]\n\
         \x20               [--contacts 1000000] [--communities 1000] [--seed 1] [--threads N]"
    );
    process::exit(2)
}

/// A kind of file to write: (folder, ID prefix, count, how to write one).
type Job = (&'static str, char, usize, fn(&World, usize, &mut String));

fn main() {
    let mut out: Option<PathBuf> = None;
    let (mut children, mut mentors, mut agreements, mut contacts, mut communities, mut seed) =
        (100_000u64, 100_000u64, 50_000u64, 1_000_000u64, 1_000u64, 1u64);
    let mut threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(4).clamp(1, 16) as u64;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        if flag == "-h" || flag == "--help" {
            usage();
        }
        let val = match args.get(i + 1) {
            Some(v) => v.clone(),
            None => usage(),
        };
        let num = || -> u64 {
            val.replace('_', "").parse().unwrap_or_else(|_| {
                eprintln!("generate: {} needs a number, got {:?}", flag, val);
                process::exit(2)
            })
        };
        match flag {
            "--out" | "-o" => out = Some(PathBuf::from(&val)),
            "--children" => children = num(),
            "--mentors" => mentors = num(),
            "--agreements" => agreements = num(),
            "--contacts" => contacts = num(),
            "--communities" => communities = num(),
            "--seed" => seed = num(),
            "--threads" => threads = num().max(1),
            _ => {
                eprintln!("generate: unknown flag {}", flag);
                usage()
            }
        }
        i += 2;
    }
    let out = out.unwrap_or_else(|| usage());
    if communities == 0 {
        eprintln!("generate: --communities must be at least 1");
        process::exit(2);
    }
    if out.join("nastavnyk.toml").exists() || out.join("children").exists() {
        eprintln!("generate: {} already holds a registry; choose an empty directory", out.display());
        process::exit(2);
    }
    let start = Instant::now();
    let world =
        build(seed, children as usize, mentors as usize, agreements as usize, contacts, communities as usize);
    let bytes = match write_all(&world, &out, threads as usize) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("generate: writing {}: {}", out.display(), e);
            process::exit(1)
        }
    };
    let n_contacts: u64 = world.agreements.iter().map(|a| a.contacts as u64).sum();
    let mut by_status = [0usize; 4];
    for a in &world.agreements {
        let k = match a.status {
            "active" => 0,
            "suspended" => 1,
            "proposed" => 2,
            _ => 3,
        };
        by_status[k] += 1;
    }
    if (agreements as usize) > world.agreements.len() {
        eprintln!(
            "generate: note: --agreements {} capped at {} (one agreement per child and mentor)",
            agreements,
            world.agreements.len()
        );
    }
    println!(
        "generated {}: {} communities, {} institutions, {} children, {} mentors, {} agreements \
         ({} active, {} suspended, {} proposed, {} closed), {} contacts, {:.1} MB in {:.2} s (seed {}, {} threads)",
        out.display(),
        world.communities.len(),
        world.institutions.len(),
        world.children.len(),
        world.mentors.len(),
        world.agreements.len(),
        by_status[0],
        by_status[1],
        by_status[2],
        by_status[3],
        n_contacts,
        bytes as f64 / 1e6,
        start.elapsed().as_secs_f64(),
        seed,
        threads
    );
}
