//! Українські повідомлення.

use super::Msg;
use super::plural::uk;
pub use super::uk_errors::{expected_text, failure_text, hint_text};
use crate::matching::Constraint;
use crate::record::Kind;
use crate::record::config::MatchScope;
use crate::record::enums::{Category, Disqualification, GoalArea, Sex, Weekday};
use crate::rules::{Basis, Finding, Reference};

/// The kind of record, as the object of a sentence ("посилається на дитину").
pub(super) fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Child => "дитину",
        Kind::Mentor => "наставника",
        Kind::Institution => "заклад",
        Kind::Agreement => "договір",
    }
}

pub fn text(msg: &Msg) -> String {
    use Msg::*;
    match msg {
        // --- registry and records (check) ---
        Rule(finding) => finding_text(finding),
        RuleReference(reference) => reference_text(reference),
        Eligible { id, regime, on } => format!("{id} відповідає правилам {regime} року на {on}"),
        NotEligible { id, regime, on } => format!("{id} НЕ відповідає правилам {regime} року на {on}"),
        HeaderRule => "правило".to_string(),
        HeaderStatus => "стан".to_string(),
        HeaderMessage => "що".to_string(),
        HeaderReference => "підстава".to_string(),
        HeaderId => "id".to_string(),
        HeaderKind => "хто".to_string(),
        HeaderVerdict => "висновок".to_string(),
        HeaderFailing => "не виконано".to_string(),
        VerdictEligible => "відповідає".to_string(),
        VerdictNotEligible => "не відповідає".to_string(),

        // --- matching ---
        UnmatchedNoMentor { scope } => match scope {
            MatchScope::Community => {
                "у громаді дитини немає наставника, який відповідає вимогам і має вільне місце".to_string()
            }
            MatchScope::Settlement => {
                "у населеному пункті дитини немає наставника, який відповідає вимогам і має вільне місце"
                    .to_string()
            }
            MatchScope::Any => "немає наставника, який відповідає вимогам і має вільне місце".to_string(),
        },
        UnmatchedNoneFits { counts } => {
            let total: usize = counts.iter().map(|(_, n)| n).sum();
            let parts: Vec<String> =
                counts.iter().map(|(k, n)| format!("{n} — {}", constraint_short(*k))).collect();
            format!("жоден із доступних наставників ({total}) не підходить: {}", parts.join("; "))
        }
        UnmatchedTaken { candidates } => {
            format!("усіх можливих наставників ({candidates}) зайнято кращими парами")
        }
        UnmatchedZeroScore { candidates } => {
            format!("можливі пари ({candidates}) мають 0 балів і за --objective score нічого не додають")
        }
        PartyFailsRule { kind, id, detail } => {
            format!("{} `{id}`: {}", kind_subject(*kind), finding_text(detail))
        }
        HeaderChild => "дитина".to_string(),
        HeaderMentor => "наставник".to_string(),
        HeaderChildName => "ім'я дитини".to_string(),
        HeaderMentorName => "ім'я наставника".to_string(),
        HeaderScore => "бали".to_string(),
        HeaderStrongest => "найвагоміші чинники".to_string(),
        HeaderReason => "чому без пари".to_string(),
        HeaderFactor => "чинник".to_string(),
        HeaderPoints => "бали".to_string(),
        MatchTotal { pairs, total } => format!("пар: {pairs}, сума балів {total}"),
        MatchNoPairs => "жодної пари запропонувати не можна".to_string(),
        MatchUnmatchedChildren => "Діти, яким пари не знайшлося:".to_string(),
        MatchUnmatchedMentors { ids } => format!("Наставники без дитини: {ids}"),
        WhyFeasible { child, mentor, score, regime } => {
            format!("{child} + {mentor}: пара можлива (правила {regime} року), бали {score}")
        }
        WhyInfeasible { child, mentor, regime } => {
            format!("{child} + {mentor}: пара неможлива (правила {regime} року):")
        }
        AcceptCreated { id, child, mentor } => format!("запропоновано договір {id}: {child} + {mentor}"),

        // --- agreements and contacts ---
        AgreementSigned { id, party, waiting } => {
            let (party, waiting) = super::vocab::parties(party, waiting, super::Lang::Uk);
            // The labels, not the codes `--party` takes: a Ukrainian sentence with English
            // codes in it read as a fault.
            format!("{id}: підписала сторона «{party}»; ще чекаємо підписів: {waiting}")
        }
        AgreementActive { id, date } => format!("{id}: усі сторони підписали, договір чинний з {date}"),
        AgreementReconcluded { old, new, date } => {
            format!("{old}: припинено {date} (`reconcluded`), його замінив {new}")
        }
        DocumentWritten { path } => format!("записано {path}"),
        VerifyOk { id, hash } => format!("{id}: записи й досі дають підписаний текст (відбиток {hash})"),
        VerifyChanged { id, signed, now } => {
            format!("{id}: записи змінилися після підписання (відбиток тоді {signed}, тепер {now})")
        }
        VerifyField { file, field } => format!("  {file}: змінилося поле `{field}`"),
        VerifyFieldsUnknown => {
            "  які саме поля — невідомо: договір підписано без пофайлових відбитків (див. `git log` файлів)"
                .to_string()
        }
        ContactColumn { column } => match *column {
            "date" => "дата",
            "kind" => "вид",
            "hours" => "годин",
            "by" => "хто записав",
            "consents" => "згоди",
            "note" => "примітка",
            other => other,
        }
        .to_string(),
        // --- reports, due, status ---
        Report(msg) => super::reports::uk(msg),
        Case(msg) => super::case::uk(msg),

        FactorLabel(factor) => match factor {
            crate::matching::score::Factor::Interests => "інтереси",
            crate::matching::score::Factor::GoalAreas => "напрями",
            crate::matching::score::Factor::Settlement => "населений пункт",
            crate::matching::score::Factor::Availability => "спільні дні",
            crate::matching::score::Factor::Waiting => "очікування",
        }
        .to_string(),
        // --- finding, loading and editing ---
        NothingChanged => "нічого не змінилося".to_string(),
        Removed { id } => format!("видалено {id}"),
        Committed { summary } => format!("збережено в історії git: {summary}"),
        NotCommittedNoRepo => "увага: реєстр не в git-репозиторії; зміну не збережено в історії".to_string(),
        CheckOk { files } => format!("перевірено файлів: {files}, проблем немає"),
        CheckSummary { errors, warnings } => format!("помилок: {errors}, попереджень: {warnings}"),
        InitDone { dir } => format!("створено реєстр у {dir}"),
        WaitingForLock => "чекаю, поки інший процес nastavnyk допише реєстр…".to_string(),
        HistoryHeader { column } => match column.as_str() {
            "commit" => "коміт",
            "date" => "дата",
            "author" => "автор",
            "action" => "дія",
            "record" => "запис",
            "reason" => "причина",
            "field" => "поле",
            "old" => "було",
            "new" => "стало",
            other => other,
        }
        .to_string(),
        HistoryManual => "зміна вручну".to_string(),
        HistoryAdded => "запис створено".to_string(),
        HistoryRemoved => "запис видалено".to_string(),
        HistoryRenamed { from } => format!("перейменовано з {from}"),
        HistoryLayoutOnly => "жодне поле не змінилося (лише коментарі чи оформлення)".to_string(),
        HistoryUnparsable => "одна з версій файлу — некоректний TOML: поля не порівняно".to_string(),
        HistoryReason { reason } => format!("причина: {reason}"),
        HistoryEmpty => "комітів ще немає".to_string(),
        Undone { summary } => format!("скасовано: {summary}"),
        SyncInvalid { count } => format!(
            "після отримання змін у реєстрі помилок: {count} (див. вище): виправте їх, збережіть комітом (`git commit`) і запустіть `nastavnyk sync` знову; нічого не надіслано"
        ),
        SyncRenumbered { from, to } => format!(
            "{from} уже додано з іншого боку: ваш запис тепер {to} (перейменовано файл, посилання на нього й коміти; надалі вживайте {to})"
        ),
        SyncUpToDate { remote } => format!("уже синхронізовано з {remote}"),
        SyncDone { remote, received, sent } => {
            format!("синхронізовано з {remote}: отримано комітів — {received}, надіслано — {sent}")
        }
        MatchDetail(x) => match_detail_text(x),
        ImportUnknownColumn { header, suggestion: Some(s) } => {
            format!("невідомий стовпець «{header}»; може, «{s}»?")
        }
        ImportUnknownColumn { header, suggestion: None } => format!(
            "невідомий стовпець «{header}»: назвіть його, як поле в docs/spreadsheets.md, або видаліть"
        ),
        ImportDuplicateColumn { header } => format!("стовпець «{header}» трапляється двічі"),
        ImportExpected { expected } => format!("очікується {}", text(expected)),
        ImportExpectedDate => "дата ДД.ММ.РРРР або РРРР-ММ-ДД (чи комірка з датою)".to_string(),
        ImportMissingValue { kind, field } => format!(
            "новому запису бракує обов'язкового поля «{}» (`{field}`): додайте стовпець чи заповніть комірку",
            super::vocab::field_label(*kind, field, super::Lang::Uk)
        ),
        ImportMissingColumn { kind, field } => format!(
            "немає стовпця «{}» (`{field}`), а без нього нових записів не додати",
            super::vocab::field_label(*kind, field, super::Lang::Uk)
        ),
        ImportFormula => "формула: введіть саме значення (у комірці не може бути `=` на початку)".to_string(),
        ImportControlCharacter => "керівний символ (табуляція, розрив рядка тощо) у значенні".to_string(),
        ImportNotText => "помилка в комірці (#N/A, #REF! тощо)".to_string(),
        ImportUnknownId { id, kind } => {
            format!("немає запису {id} ({}): залиште ID порожнім, щоб додати нового", kind_subject(*kind))
        }
        ImportUnknownInstitution { name } => format!("немає закладу з ID чи назвою «{name}»"),
        ImportAmbiguousInstitution { name, ids } => {
            format!("назву «{name}» мають кілька закладів ({ids}): вкажіть ID")
        }
        ImportSameRowPerson { row } => format!("та сама особа, що й у рядку {row}"),
        ImportProblem { row, column, value, problem } => {
            let mut at = format!("рядок {row}");
            if let Some(column) = column {
                at.push_str(&format!(", «{column}»"));
            }
            if let Some(value) = value {
                at.push_str(&format!(" = «{value}»"));
            }
            format!("{at}: {problem}")
        }
        ImportRefused { count } => format!(
            "нічого не імпортовано: проблем у файлі — {count} (див. вище); виправте їх і імпортуйте знову"
        ),
        ImportDone { added, updated, unchanged } => {
            format!("імпортовано: додано — {added}, оновлено — {updated}, без змін — {unchanged}")
        }
        ImportDryRun { added, updated, unchanged } => format!(
            "пробний запуск, нічого не записано: буде додано — {added}, оновлено — {updated}, без змін — {unchanged}"
        ),
        ImportProgress { row, total } => format!("перевіряю рядки: {row} з {total}"),
        Progress { stage, percent, done, total } => {
            let what = match stage {
                crate::progress::Stage::Reading => "читаю реєстр",
                crate::progress::Stage::Checking => "перевіряю записи",
                crate::progress::Stage::Rows => "перевіряю рядки",
                crate::progress::Stage::Matching(_) => "добираю пари",
            };
            format!("{what}: {percent}% ({done} з {total})")
        }
        ImportColumn(name) => match *name {
            "row" => "рядок",
            "action" => "дія",
            "id" => "ID",
            "fields" => "поля",
            other => other,
        }
        .to_string(),
        ImportAction(name) => match *name {
            "add" => "додати",
            "update" => "оновити",
            "unchanged" => "без змін",
            other => other,
        }
        .to_string(),
        Problem(x) => problem_text(x),
        Failure(x) => failure_text(x),
        Hint(x) => hint_text(x),
        Expected(x) => expected_text(x),
    }
}

/// The kind of record as the subject of a sentence ("дитина … уже не відповідає").
pub(super) fn kind_subject(kind: Kind) -> &'static str {
    match kind {
        Kind::Child => "дитина",
        Kind::Mentor => "наставник",
        Kind::Institution => "заклад",
        Kind::Agreement => "договір",
    }
}

fn doc_name(field: &str) -> &'static str {
    match field {
        "passport_copy" => "копія паспорта",
        "medical_certificate" => "медична довідка (форма 5)",
        "criminal_record_certificate" => "довідка про несудимість",
        _ => "документ",
    }
}

fn category_name(category: Category) -> &'static str {
    match category {
        Category::Orphan => "дитина-сирота",
        Category::DeprivedOfParentalCare => "дитина, позбавлена батьківського піклування",
        Category::InInstitution => "дитина, яка проживає в закладі",
        Category::DifficultCircumstances => "дитина у складних життєвих обставинах",
        Category::WarAffected => "дитина, яка постраждала внаслідок війни",
        Category::ChildOfFallenDefender => "дитина загиблого захисника",
        Category::Displaced => "внутрішньо переміщена дитина",
        Category::CareLeaver => "випускник закладу",
    }
}

fn ground_text(ground: Disqualification) -> &'static str {
    use Disqualification::*;
    match ground {
        LimitedCapacity => "обмежена цивільна дієздатність",
        Incapable => "визнана недієздатною",
        DeprivedParentalRights => "позбавлена батьківських прав",
        CareTerminatedByFault => "усиновлення, опіку чи піклування припинено з її вини",
        PsychiatricRegister => "перебуває на обліку в психоневрологічному чи наркологічному диспансері",
        SubstanceAbuse => "зловживає спиртними напоями або наркотичними засобами",
        NoResidenceOrIncome => "не має постійного місця проживання та постійного заробітку (доходу)",
        ListedDisease => "страждає на хворобу з переліку МОЗ",
        UnmarriedForeigner => "іноземець, який не перебуває в шлюбі з громадянином України",
        CriminalRecord => "судимість за злочини з переліку або незнята чи непогашена судимість",
        NeedsConstantCare => "сама потребує постійного стороннього догляду",
        Stateless => "особа без громадянства",
        SpouseDisqualified => "чоловік (дружина) не може бути опікуном",
        ConflictOfInterest => "конфлікт інтересів із дитиною",
    }
}

fn reference_text(reference: &Reference) -> String {
    let basis = match reference.basis {
        Basis::Law2017 => "ст. 17-1 Закону України «Про забезпечення організаційно-правових умов соціального захисту дітей-сиріт та дітей, позбавлених батьківського піклування»; Положення про наставництво (постанова КМУ № 465 від 04.07.2017)".to_string(),
        Basis::Law2026 => "Закон України «Про наставництво» № 4744-IX (за повідомленнями; текст не звірено)".to_string(),
        Basis::FamilyCode212(0) => "ст. 212 Сімейного кодексу України".to_string(),
        Basis::FamilyCode212(item) => format!("п. {item} ч. 1 ст. 212 Сімейного кодексу України"),
        Basis::Certificates => "постанова КМУ № 465 (перелік документів); строк чинності — типове значення центру, джерела не знайдено".to_string(),
        Basis::CentrePractice => "практика центру (без нормативного джерела)".to_string(),
    };
    match &reference.parameter {
        Some(parameter) => format!("{basis}; параметр `{parameter}` у nastavnyk.toml"),
        None => basis,
    }
}

pub(super) fn constraint_short(constraint: Constraint) -> &'static str {
    match constraint {
        Constraint::Scope => "в іншому місці",
        Constraint::MentorSex => "не тієї статі, якої хоче дитина",
        Constraint::Language => "немає спільної мови",
        Constraint::AgeGap => "замала різниця у віці",
        Constraint::ConflictOfInterest => "конфлікт інтересів",
        Constraint::PreviousBreakup => "попередній договір розірвано",
    }
}

pub(super) fn sex_wanted(sex: Sex) -> &'static str {
    match sex {
        Sex::Female => "наставницю-жінку",
        Sex::Male => "наставника-чоловіка",
    }
}

pub(super) fn sex_is(sex: Sex) -> &'static str {
    match sex {
        Sex::Female => "жінка",
        Sex::Male => "чоловік",
    }
}

pub(super) fn goal_name(area: GoalArea) -> &'static str {
    match area {
        GoalArea::Abilities => "здібності та професійне самовизначення",
        GoalArea::Rights => "права та обов'язки",
        GoalArea::PracticalSkills => "практичні навички",
        GoalArea::Communication => "спілкування",
        GoalArea::Responsibility => "відповідальність",
        GoalArea::HealthyLifestyle => "здоровий спосіб життя",
    }
}

pub(super) fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "пн",
        Weekday::Tue => "вт",
        Weekday::Wed => "ср",
        Weekday::Thu => "чт",
        Weekday::Fri => "пт",
        Weekday::Sat => "сб",
        Weekday::Sun => "нд",
    }
}

/// A rule's finding.
pub fn finding_text(finding: &Finding) -> String {
    use Finding::*;
    match finding {
        MentorAgeOk { age, min } => format!("вік {age}, не менше {min}"),
        MentorTooYoung { age, min } => format!("вік {age}: наставник має бути не молодший за {min}"),
        MentorCapable => "повна цивільна дієздатність".to_string(),
        MentorNotCapable => "немає повної дієздатності (`legal_capacity = false`): не може бути наставником".to_string(),
        CitizenshipOk => "громадянин України".to_string(),
        CitizenshipForeign { value } => format!("громадянство {value}, не українське"),
        TrainingDone { date } => format!("навчання пройдено {date}"),
        TrainingLater { date } => format!("навчання датоване {date}, пізніше дати перевірки: ще не пройдено"),
        TrainingMissing => "навчання не пройдено: після курсу внесіть `training.completed_on`".to_string(),
        ConclusionIssued { date } => format!("висновок центру видано {date}"),
        ConclusionLater { date } => format!("висновок датований {date}, пізніше дати перевірки: ще не видано"),
        ConclusionMissing => "немає висновку центру про можливість бути наставником: після видачі внесіть `conclusion.issued_on`".to_string(),
        DocumentsComplete => "копію паспорта, медичну довідку та довідку про несудимість отримано".to_string(),
        DocumentsMissing { which } => format!(
            "бракує документів: {}; внесіть дату отримання кожного в [documents]",
            which.iter().map(|w| doc_name(w)).collect::<Vec<_>>().join(", ")
        ),
        CertificateOld { which, expired, months } => format!(
            "{} старша за {months} міс. (з {expired}): попросіть нову",
            doc_name(which)
        ),
        NoDisqualification => "обставин зі ст. 212 Сімейного кодексу не виявлено".to_string(),
        Disqualified { ground } => format!("не може бути наставником: {}", ground_text(*ground)),
        MentorStatusActive => "статус: активний".to_string(),
        MentorStatusInactive { status } => format!("статус `{status}`: недоступний"),
        // Genitive after «з»: «з 1 місця», «з 2 місць».
        CapacityFree { open, capacity } => {
            let places = super::plural::uk_form(i128::from(*capacity), "місця", "місць", "місць");
            format!("зайнято {open} з {capacity} {places}: може взяти ще дитину")
        }
        CapacityFull { open, capacity } => {
            let places = super::plural::uk_form(i128::from(*capacity), "місця", "місць", "місць");
            format!("зайнято {open} з {capacity} {places}: вільних місць немає")
        }
        CategoryOk { category } => format!("категорія: {}", category_name(*category)),
        CategoryNotCovered { category, regime } => {
            format!("категорія «{}» не охоплена правилами {regime} року", category_name(*category))
        }
        PlacementOk => "влаштування відповідає режиму".to_string(),
        PlacementNotInstitution { placement } => {
            format!("влаштування `{placement}`: за правилами 2017 року дитина має проживати в закладі")
        }
        ChildOldEnough { age, min } => format!("вік {age}, не менше {min}"),
        ChildTooYoung { age, min } => {
            let years = super::plural::uk_form(i128::from(*min), "року", "років", "років");
            format!("вік {age}: наставництво — з {min} {years}")
        }
        ChildUnderMax { age, max } => format!("вік {age}, менше {max}"),
        ChildStudying { age, until } => format!("вік {age}, навчається до {until}: наставництво можливе до 23 років"),
        CareLeaverUnder { age, max } => format!("випускник закладу, вік {age}, менше {max}"),
        ChildTooOld { age, max, studying_max } => format!(
            "вік {age}: понад {max}, і не навчається (`studying_until`) та не є випускником закладу молодшим за {studying_max}"
        ),
        ConsentGiven { date } => format!("дитина дала згоду {date}"),
        ConsentMissing => "згоду дитини не внесено: внесіть `consent.child`".to_string(),
        CaseClosed { date, reason } => format!("справу дитини закрито (знято з обліку) {date} ({reason})"),
        AdultNewAllowed { age } => format!("вік {age}: молода особа може укласти новий договір за цими правилами"),
        AdultContinuationOnly { age } => format!("вік {age}: за цими правилами наставництво після 18 років лише триває, новий договір не укладається"),
        LegalRepNotNeeded { age } => format!("вік {age}: повнолітня особа, згода законного представника не потрібна"),
        LegalRepConsentGiven { date } => format!("законний представник дав згоду {date}"),
        LegalRepConsentMissing => "згоду законного представника не внесено: внесіть `consent.legal_representative`".to_string(),
        ChildFree => "чинного договору немає".to_string(),
        ChildHasAgreement { open } => format!("уже має {}", uk(*open as i128, "чинний договір", "чинні договори", "чинних договорів")),
    }
}

pub fn match_detail_text(x: &crate::matching::explain::Detail) -> String {
    use crate::matching::explain::Detail::*;
    match x {
        ConstraintCommunity { child, mentor } => {
            format!("різні громади: у дитини — {child}, у наставника — {mentor} (`[matching] scope`)")
        }
        ConstraintSettlement { child, mentor } => format!(
            "різні населені пункти: у дитини — «{child}», у наставника — «{mentor}» (`[matching] scope = \"settlement\"`)"
        ),
        ConstraintMentorSex { wanted, mentor } => {
            format!("дитина просить {}, а це {}", sex_wanted(*wanted), sex_is(*mentor))
        }
        ConstraintLanguage { child, mentor } => {
            format!("немає спільної мови: дитина говорить {child}, наставник — {mentor}")
        }
        ConstraintAgeGap { gap, min } => format!(
            "наставник старший за дитину на {gap} р.; потрібно щонайменше {min} (`[matching] min_age_gap`)"
        ),
        ConstraintConflict { entry } => {
            format!("конфлікт інтересів: у `conflicts` наставника зазначено {entry}")
        }
        ConstraintBreakup { agreement } => {
            format!("договір цієї пари {agreement} припинено через відмову дитини або вихід наставника")
        }
        FactorInterests { shared } if shared.is_empty() => "спільних інтересів немає".to_string(),
        FactorInterests { shared } => format!("спільні інтереси: {}", shared.join(", ")),
        FactorGoalAreas { areas } if areas.is_empty() => {
            "наставник не допомагає в жодному з напрямів дитини".to_string()
        }
        FactorGoalAreas { areas } => format!(
            "напрями, у яких наставник допоможе: {}",
            areas.iter().map(|a| goal_name(*a)).collect::<Vec<_>>().join(", ")
        ),
        FactorSettlement { same: true, child, .. } => format!("обоє з {child}"),
        FactorSettlement { same: false, child, mentor } if child.is_empty() || mentor.is_empty() => {
            "населений пункт дитини чи наставника не вказано".to_string()
        }
        FactorSettlement { same: false, child, mentor } => {
            format!("різні або невідомі населені пункти («{child}» / «{mentor}»)")
        }
        FactorAvailability { days } if days.is_empty() => "спільних днів тижня немає".to_string(),
        FactorAvailability { days } => {
            format!("спільні дні: {}", days.iter().map(|d| day_name(*d)).collect::<Vec<_>>().join(", "))
        }
        FactorWaiting { days, since } => format!("чекає {}, з {since}", uk(*days, "день", "дні", "днів")),
    }
}

pub fn problem_text(x: &crate::diagnostic::Problem) -> String {
    use crate::diagnostic::Problem::*;
    match x {
        InstitutionDiffers { child_institution, child, institution } => format!(
            "дитина {child} тепер у закладі {child_institution}, а чинний договір — із закладом {institution}: переукладіть його (`agreement renew --institution {child_institution}`)"
        ),
        InstitutionMissing { child, signs } => format!(
            "у договорі не вказано заклад (`institution`), а він потрібен: {}; допишіть `institution = \"ID\"` у файл договору",
            if *signs {
                "заклад — серед сторін, що підписують договір (`parties`)".to_string()
            } else {
                format!("дитина {child} не перебуває в сімейній формі виховання")
            }
        ),
        PastTerm { ends_on } => format!(
            "строк договору сплив {ends_on}, а договір досі діє: припиніть або переукладіть його на подальший строк"
        ),
        SuspensionUndecided { since, days } => format!(
            "дію зупинено з {since} ({}) без рішення: поновіть або припиніть договір",
            uk(*days, "день", "дні", "днів")
        ),
        CheckinOverdue { due, last: Some(last) } => {
            format!("перевірка центру мала бути до {due}; остання — {last}")
        }
        CheckinOverdue { due, last: None } => {
            format!("перша перевірка центру мала бути до {due}; перевірок ще не було")
        }
        TomlSyntax { detail } => format!("синтаксична помилка TOML: {}", super::parser_uk::detail(detail)),
        UnknownKey { key, suggestion: Some(s) } => format!("невідомий ключ `{key}`; можливо, `{s}`?"),
        UnknownKey { key, suggestion: None } => format!("невідомий ключ `{key}`"),
        MissingKey { key } => format!("бракує обов'язкового ключа `{key}`"),
        BadValue { detail } => format!("неправильне значення: {}", super::parser_uk::detail(detail)),
        BadEnumValue { value, expected } => {
            // serde's list of a config's values begins with English "one of".
            let expected = expected.strip_prefix("one of ").unwrap_or(expected);
            format!("`{value}` тут не допускається; можливі значення: {expected}")
        }
        BadDate { detail } => format!("неправильна дата: {}", super::parser_uk::detail(detail)),
        IdMismatch { id, stem } => {
            format!("id `{id}` не збігається з назвою файлу `{stem}.toml`; вони мають бути однакові")
        }
        InvalidId { id } => format!(
            "`{id}` — неприпустимий ID: лише малі латинські літери, цифри та `-`, до 64 знаків, напр. `c-0001`"
        ),
        InvalidFileName { name } => {
            format!("`{name}` — неприпустима назва файлу запису: очікується `<id>.toml` з правильним ID")
        }
        UnknownReference { field, id, kind } => {
            format!("`{field}` посилається на {} `{id}`, якого немає в реєстрі", kind_name(*kind))
        }
        DuplicatePerson { other } => {
            format!("те саме прізвище, ім'я та дата народження, що й у {other}: особу внесено двічі?")
        }
        DuplicateId { other } => format!("цей ID уже має {other}; ID мають бути унікальні в усьому реєстрі"),
        DateOrder { later, later_date, earlier, earlier_date } => {
            format!("`{later}` ({later_date}) раніше, ніж `{earlier}` ({earlier_date})")
        }
        DateInFuture { field, date } => format!("`{field}` ({date}) — дата в майбутньому"),
        ContactBeforeSigning { date, signed_on } => {
            format!("контакт {date} раніше підписання договору ({signed_on})")
        }
        ContactOutsideAgreement { date } => format!("контакт {date}, але договір не підписано"),
        SeveralOpenAgreements { child, others } => {
            format!("дитина `{child}` має більше одного чинного договору: {others}")
        }
        MentorOverCapacity { mentor, open, capacity } => {
            format!(
                "наставник `{mentor}` має {} чинних, а може мати {capacity}",
                uk(*open as i128, "договір", "договори", "договорів")
            )
        }
        BadLanguageCode { code } => format!("`{code}` — не код мови ISO 639-1, як-от `uk` чи `en`"),
        BadEdrpou { value } => format!("код ЄДРПОУ `{value}` має складатися з 8 цифр"),
        BadCitizenship { value } => format!("громадянство `{value}` має бути кодом ISO 3166, як-от `UA`"),
        EmptyField { field } => format!("`{field}` порожнє"),
        HoursPerContact { hours } => format!(
            "`{hours}` год: контакт триває більше 0 і не більше 24 годин (не від'ємне), у цілих хвилинах (напр. 1.5)"
        ),
        OutOfRange { key, value, range } => format!("`{key}` = {value} поза межами; допустимо: {range}"),
        ControlCharacters { field } => {
            format!(
                "`{field}` містить керівний символ або розрив рядка; запишіть звичайним текстом в один рядок"
            )
        }
        NotRegularFile => {
            "не звичайний файл (посилання чи тека); записи мають бути звичайними файлами".to_string()
        }
        SchemaVersion { found } => format!("схема {found} не підтримується цією версією (очікується 1)"),
        SignedWithoutDate => "статус active або suspended, але бракує `signed_on`".to_string(),
        ActiveWithoutSignatures => "`signed_on` указано, але бракує обов'язкових підписів".to_string(),
        ClosedWithoutClosure => "статус `closed`, але бракує таблиці `[closure]`".to_string(),
        ClosureWithoutClosedStatus => "є таблиця `[closure]`, але статус не `closed`".to_string(),
        RegimeMismatch { regime, expected } => {
            format!(
                "режим `{regime}`, але на дату укладення (для непідписаного — пропозиції) діяв `{expected}`"
            )
        }

        // --- eligibility (rules) ---
        PartyIneligible { kind, id, regime, code, detail } => format!(
            "{} `{id}` уже не відповідає правилам {regime} року ({code}): {}",
            kind_subject(*kind),
            finding_text(detail)
        ),
        ParticularsMissing { agreement, field } => format!(
            "договір {agreement} надруковано б із порожнім рядком замість `{field}`: заповніть до підписання"
        ),
        DocumentExpiring { which, expires } => {
            format!("{} втрачає чинність {expires}: попросіть нову", doc_name(which))
        }
        OutingNeedsConsents { missing } => format!(
            "прогулянка чи поїздка (`outing`) потребує згоди дитини, законного представника та закладу; бракує: {missing} (додайте --consents child,legal_representative,institution)"
        ),
        ReadFailed { detail } => format!("не вдалося прочитати: {detail}"),
        FilePermissions { path } => format!(
            "інші користувачі цього комп’ютера можуть читати {path}: дані дітей мають бути доступні лише власникові (chmod -R go-rwx {path})"
        ),
    }
}
