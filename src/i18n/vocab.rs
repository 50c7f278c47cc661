//! One label per code and per field, in Ukrainian and English: what a spreadsheet's headers
//! and cells say where the records say `female`, `birth_date`. Import reads these labels (as
//! well as the codes and keys themselves); tables may print them. One table per vocabulary,
//! so the words a centre types and the words the tool prints cannot drift apart.

use super::Lang;
use crate::record::Kind;

/// A code with its Ukrainian and English label.
pub type Term = (&'static str, &'static str, &'static str);

pub const SEX: &[Term] = &[("female", "жіноча", "female"), ("male", "чоловіча", "male")];

pub const CATEGORY: &[Term] = &[
    ("orphan", "дитина-сирота", "orphan"),
    ("deprived_of_parental_care", "дитина, позбавлена батьківського піклування", "deprived of parental care"),
    ("in_institution", "дитина, яка проживає в закладі", "living in an institution"),
    ("difficult_circumstances", "дитина у складних життєвих обставинах", "in difficult life circumstances"),
    ("war_affected", "дитина, яка постраждала внаслідок війни", "affected by the war"),
    ("child_of_fallen_defender", "дитина загиблого захисника", "child of a fallen defender"),
    ("displaced", "внутрішньо переміщена дитина", "internally displaced"),
    ("care_leaver", "випускник закладу", "care leaver"),
];

pub const PLACEMENT: &[Term] = &[
    ("institution", "заклад", "institution"),
    ("foster_family", "прийомна сім'я", "foster family"),
    ("family_type_home", "дитячий будинок сімейного типу", "family-type home"),
    ("guardian", "опіка", "guardianship"),
    ("own_family", "власна сім'я", "own family"),
    ("independent", "самостійно", "independent"),
];

pub const INSTITUTION_KIND: &[Term] = &[
    ("general_secondary", "заклад загальної середньої освіти", "general secondary school"),
    ("vocational", "заклад професійної (професійно-технічної) освіти", "vocational school"),
    ("professional_pre_higher", "заклад фахової передвищої освіти", "professional pre-higher college"),
    ("higher", "заклад вищої освіти", "higher education"),
    ("residential_care", "заклад інституційного догляду", "residential care"),
    ("other", "інший", "other"),
];

pub const GOAL_AREA: &[Term] = &[
    ("abilities", "розвиток здібностей", "abilities"),
    ("rights", "захист прав", "rights"),
    ("practical_skills", "практичні навички", "practical skills"),
    ("communication", "спілкування", "communication"),
    ("responsibility", "відповідальність", "responsibility"),
    ("healthy_lifestyle", "здоровий спосіб життя", "healthy lifestyle"),
    // The coordinators' everyday words, accepted by the schema as aliases.
    ("profession", "профорієнтація", "profession"),
    ("money", "фінансова грамотність", "money"),
];

pub const WEEKDAY: &[Term] = &[
    ("mon", "пн", "mon"),
    ("tue", "вт", "tue"),
    ("wed", "ср", "wed"),
    ("thu", "чт", "thu"),
    ("fri", "пт", "fri"),
    ("sat", "сб", "sat"),
    ("sun", "нд", "sun"),
];

pub const MENTOR_STATUS: &[Term] = &[
    ("active", "активний", "active"),
    ("paused", "призупинено", "paused"),
    ("withdrawn", "вибув", "withdrawn"),
];

pub const BOOL: &[Term] = &[("true", "так", "yes"), ("false", "ні", "no")];

/// Whether a child has a disability, as `report --by disability` groups them.
pub const DISABILITY: &[Term] =
    &[("yes", "так", "yes"), ("no", "ні", "no"), ("unknown", "невідомо", "unknown")];

/// A child's place on the list in `child list`: waiting for a mentor, or in an open agreement;
/// `find` also shows a closed case.
pub const CHILD_STATUS: &[Term] = &[
    ("waiting", "очікує", "waiting"),
    ("matched", "у договорі", "matched"),
    ("closed", "справу закрито", "closed"),
];

pub const AGREEMENT_STATUS: &[Term] = &[
    ("proposed", "запропоновано", "proposed"),
    ("active", "чинний", "active"),
    ("suspended", "призупинено", "suspended"),
    ("closed", "припинено", "closed"),
];

/// The rules an agreement runs under, by the year they came in.
pub const REGIME: &[Term] = &[("2017", "2017 р.", "2017"), ("2026", "2026 р.", "2026")];

/// Who signs an agreement.
pub const PARTY: &[Term] = &[
    ("centre", "центр", "centre"),
    ("institution", "заклад", "institution"),
    ("mentor", "наставник", "mentor"),
    ("legal_representative", "законний представник", "legal representative"),
    ("young_person", "молода особа", "young person"),
];

/// Who consented to an outing (a contact's `consents`).
pub const CONSENT_PARTY: &[Term] = &[
    ("child", "дитина", "child"),
    ("legal_representative", "законний представник", "legal representative"),
    ("institution", "заклад", "institution"),
];

pub const CONTACT_KIND: &[Term] = &[
    ("meeting", "зустріч", "meeting"),
    ("checkin_mentor", "перевірка: наставник", "check-in: mentor"),
    ("checkin_child", "перевірка: дитина", "check-in: child"),
    ("visit", "візит", "visit"),
    ("outing", "вихід", "outing"),
];

pub const CLOSURE_REASON: &[Term] = &[
    ("mutual_consent", "за згодою сторін", "mutual consent"),
    ("mentor_withdrew", "наставник відмовився", "the mentor withdrew"),
    ("child_refused", "дитина відмовилася", "the child refused"),
    ("child_turned_18", "дитині виповнилося 18", "the child turned 18"),
    ("child_turned_23", "особі виповнилося 23", "the young person turned 23"),
    ("education_finished", "навчання завершено", "education finished"),
    ("mentor_ineligible", "наставник більше не відповідає умовам", "the mentor is no longer eligible"),
    ("safety_suspension", "з міркувань безпеки", "for safety"),
    ("moved_away", "переїзд", "moved away"),
    ("other", "інше", "other"),
    ("family_reunification", "повернення в сім'ю", "family reunification"),
    ("adoption", "усиновлення", "adoption"),
    ("family_placement", "влаштування в сім'ю", "family placement"),
    ("death", "смерть", "death"),
    ("mentor_removed", "наставника відсторонено", "the mentor was removed"),
    ("reconcluded", "переукладено", "re-concluded"),
];

/// What a record is (`eligibility --all`'s kind column).
pub const RECORD_KIND: &[Term] = &[
    ("child", "дитина", "child"),
    ("mentor", "наставник", "mentor"),
    ("institution", "заклад", "institution"),
    ("agreement", "договір", "agreement"),
];

/// A rule's outcome in `eligibility ID`.
pub const RULE_STATUS: &[Term] =
    &[("pass", "виконано", "pass"), ("warn", "увага", "warn"), ("fail", "не виконано", "fail")];

/// A problem's severity in `check` (`помилка[code]`); the code itself stays.
pub const SEVERITY: &[Term] = &[("error", "помилка", "error"), ("warning", "попередження", "warning")];

/// The marks of `report agreements`' `flags` column.
pub const AGREEMENT_FLAG: &[Term] = &[
    ("checkin_overdue", "перевірка прострочена", "check-in overdue"),
    ("meetings_short", "замало зустрічей", "too few meetings"),
    ("ending_soon", "скоро закінчується", "ending soon"),
    ("past_planned_end", "строк сплив", "past its planned end"),
    ("suspended", "призупинено", "suspended"),
    ("closed", "припинено", "closed"),
];

/// The vocabulary of a field's values, if its values are codes.
pub fn vocabulary(field: &str) -> Option<&'static [Term]> {
    Some(match field {
        "sex" | "preferences.mentor_sex" => SEX,
        "category" => CATEGORY,
        "placement" => PLACEMENT,
        "kind" => INSTITUTION_KIND,
        "goal_areas" => GOAL_AREA,
        "availability" => WEEKDAY,
        "status" => MENTOR_STATUS,
        "legal_capacity" => BOOL,
        _ => return None,
    })
}

/// The label of `code` in `vocabulary`, in `lang`; an unknown code is returned as it is.
pub fn label<'a>(vocabulary: &'static [Term], code: &'a str, lang: Lang) -> &'a str {
    match vocabulary.iter().find(|(c, _, _)| *c == code) {
        Some((_, uk, en)) => match lang {
            Lang::Uk => uk,
            Lang::En => en,
        },
        None => code,
    }
}

/// The code a cell means: the code itself or either label, compared as `normalize` does.
pub fn parse(vocabulary: &'static [Term], text: &str) -> Option<&'static str> {
    let wanted = normalize(text);
    vocabulary
        .iter()
        .find(|(code, uk, en)| [code, uk, en].iter().any(|t| normalize(t) == wanted))
        .map(|(code, _, _)| *code)
}

/// Text compared the way people type it: case, surrounding and repeated spaces, and the form
/// of the apostrophe (' ’ ʼ ‘ `) do not matter.
/// The same folding as `find` (`search::fold`), so a label matches however it is typed.
pub fn normalize(text: &str) -> String {
    crate::search::fold(text)
}

/// Field labels (the column headers of a spreadsheet), by the field's dotted path. The
/// fields of people are shared by children and mentors.
const PERSON_FIELDS: &[Term] = &[
    ("surname", "Прізвище", "Surname"),
    ("given_name", "Ім'я", "Given name"),
    ("patronymic", "По батькові", "Patronymic"),
    ("birth_date", "Дата народження", "Birth date"),
    ("sex", "Стать", "Sex"),
    ("community", "Громада", "Community"),
    ("settlement", "Населений пункт", "Settlement"),
    ("languages", "Мови", "Languages"),
    ("interests", "Інтереси", "Interests"),
    ("goal_areas", "Напрями наставництва", "Goal areas"),
    ("availability", "Дні зустрічей", "Availability"),
];

const CHILD_FIELDS: &[Term] = &[
    ("category", "Категорія", "Category"),
    ("placement", "Форма влаштування", "Placement"),
    ("institution", "Заклад", "Institution"),
    ("studying_until", "Навчається до", "Studying until"),
    ("registered_on", "На обліку з", "Registered on"),
    ("preferences.mentor_sex", "Стать наставника", "Mentor's sex"),
    ("consent.child", "Згода дитини", "Child's consent"),
    ("consent.legal_representative", "Згода законного представника", "Legal representative's consent"),
    ("consent.legal_representative_name", "Законний представник", "Legal representative"),
];

const MENTOR_FIELDS: &[Term] = &[
    ("citizenship", "Громадянство", "Citizenship"),
    ("legal_capacity", "Дієздатність", "Legal capacity"),
    ("phone", "Телефон", "Phone"),
    ("email", "Електронна пошта", "Email"),
    ("capacity", "Кількість дітей", "Capacity"),
    ("applied_on", "Заява від", "Applied on"),
    ("status", "Статус", "Status"),
    ("documents.passport_copy", "Копія паспорта", "Passport copy"),
    ("documents.medical_certificate", "Медична довідка", "Medical certificate"),
    ("documents.criminal_record_certificate", "Довідка про несудимість", "Criminal record certificate"),
    ("training.completed_on", "Навчання пройдено", "Training completed on"),
    ("training.hours", "Годин навчання", "Training hours"),
    ("conclusion.issued_on", "Висновок від", "Conclusion issued on"),
    ("conclusion.number", "Номер висновку", "Conclusion number"),
];

const INSTITUTION_FIELDS: &[Term] = &[
    ("name", "Назва", "Name"),
    ("kind", "Тип", "Kind"),
    ("address", "Адреса", "Address"),
    ("director", "Керівник", "Director"),
    ("edrpou", "ЄДРПОУ", "EDRPOU"),
    ("community", "Громада", "Community"),
];

/// The label tables that apply to a kind's fields.
pub fn field_terms(kind: Kind) -> Vec<Term> {
    let parts: &[&[Term]] = match kind {
        Kind::Child => &[PERSON_FIELDS, CHILD_FIELDS],
        Kind::Mentor => &[PERSON_FIELDS, MENTOR_FIELDS],
        Kind::Institution => &[INSTITUTION_FIELDS],
        Kind::Agreement => &[],
    };
    parts.iter().flat_map(|part| part.iter().copied()).collect()
}

/// A field's label in `lang` (its dotted path where it has none).
pub fn field_label(kind: Kind, field: &'static str, lang: Lang) -> &'static str {
    match field_terms(kind).into_iter().find(|(path, _, _)| *path == field) {
        Some((_, uk, en)) => match lang {
            Lang::Uk => uk,
            Lang::En => en,
        },
        None => field,
    }
}

/// A party and the parties still to sign (codes joined with `, `, as `Msg::AgreementSigned`
/// carries them), as labels.
pub fn parties(party: &str, waiting: &str, lang: Lang) -> (String, String) {
    let waiting: Vec<&str> = waiting.split(", ").map(|code| label(PARTY, code, lang)).collect();
    (label(PARTY, party, lang).to_string(), waiting.join(", "))
}

/// A stable column name as a header: the field's label, else the report column's (`id` is
/// `ID`). A workbook's headers are these.
pub fn column_label(column: &'static str, lang: Lang) -> String {
    if column == "id" {
        return "ID".to_string();
    }
    let label = [Kind::Child, Kind::Mentor, Kind::Institution]
        .into_iter()
        .map(|kind| field_label(kind, column, lang))
        .find(|label| label != &column);
    match label {
        Some(label) => label.to_string(),
        None => lang.text(&super::Msg::Report(super::ReportMsg::Column(column))),
    }
}

/// A column's header in a terminal table: its label, lower-case as the other tables' headers
/// are (`дата народження`; an abbreviation such as `ЄДРПОУ` or `ID` stays as it is).
pub fn table_header(column: &'static str, lang: Lang) -> String {
    let label = column_label(column, lang);
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::enums::{Category, InstitutionKind, Placement, Sex, Weekday};

    /// Every code of the schema has a label, so nothing prints or imports as a bare code.
    #[test]
    fn every_code_has_one_label() {
        let pairs: [(&[&str], &[Term]); 5] = [
            (Sex::NAMES, SEX),
            (Category::NAMES, CATEGORY),
            (Placement::NAMES, PLACEMENT),
            (InstitutionKind::NAMES, INSTITUTION_KIND),
            (Weekday::NAMES, WEEKDAY),
        ];
        for (names, terms) in pairs {
            let codes: Vec<&str> = terms.iter().map(|t| t.0).collect();
            assert_eq!(names, codes.as_slice());
        }
    }

    #[test]
    fn labels_match_whatever_the_apostrophe() {
        assert_eq!(parse(PLACEMENT, "Прийомна сімʼя"), Some("foster_family"));
        assert_eq!(parse(PLACEMENT, "прийомна сім’я"), Some("foster_family"));
        assert_eq!(parse(PLACEMENT, "own_family"), Some("own_family"));
        assert_eq!(parse(SEX, " Жіноча "), Some("female"));
        assert_eq!(parse(SEX, "жінка"), None);
    }
}
