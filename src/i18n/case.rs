//! Messages of `find` and of the case file (`child show --full`, `mentor show --full`), in
//! both languages side by side (kept apart from the main catalogues, like the reports').

use super::plural;
use crate::record::Kind;

#[derive(Clone, Debug, PartialEq)]
pub enum CaseMsg {
    /// A column of `find`'s table, by its stable name.
    Column(&'static str),
    /// The kind of a record, as a table cell.
    Kind(Kind),
    /// A field a text was found in (`search::Field::as_str`).
    Field(&'static str),
    /// A status code of a child, mentor or agreement.
    Status(Kind, &'static str),
    /// `find` found nothing (exit 1).
    NothingFound { text: String },
    /// A heading of the case file, by the section's stable name (its JSON key).
    Section(&'static str),
    /// A section with nothing in it.
    Empty,
    /// The rules that pass, counted (the case file lists only the failing and warning ones).
    RulesPassed { count: usize },
    /// The registry is not in a git repository, or nothing is committed yet.
    NoHistory,
    /// An agreement's other party and term in the case file.
    AgreementLine { id: String, status: String, party: String, from: String, to: String },
}

pub fn uk(msg: &CaseMsg) -> String {
    match msg {
        CaseMsg::Column(column) => match *column {
            "kind" => "хто",
            "id" => "id",
            "matched" => "де знайдено",
            "status" => "стан",
            "name" => "ім'я / назва",
            "date" => "дата",
            "agreement" => "договір",
            "hours" => "годин",
            other => other,
        }
        .to_string(),
        CaseMsg::Kind(kind) => match kind {
            Kind::Child => "дитина",
            Kind::Mentor => "наставник",
            Kind::Institution => "заклад",
            Kind::Agreement => "договір",
        }
        .to_string(),
        CaseMsg::Field(field) => match *field {
            "id" => "ID",
            "surname" => "прізвище",
            "given_name" => "ім'я",
            "patronymic" => "по батькові",
            "full_name" => "повне ім'я",
            "name" => "назва",
            "number" => "номер",
            "settlement" => "населений пункт",
            "community" => "громада",
            other => other,
        }
        .to_string(),
        CaseMsg::Status(kind, status) => uk_status(*kind, status).to_string(),
        CaseMsg::NothingFound { text } => format!(
            "нічого не знайдено за «{text}»: перевірте написання або шукайте частину імені, ID, \
             населений пункт чи громаду"
        ),
        CaseMsg::Section(section) => match *section {
            "record" => "Запис",
            "eligibility" => "Відповідність умовам на сьогодні",
            "agreements" => "Договори",
            "contacts" => "Останні контакти",
            "due" => "Що треба зробити",
            "history" => "Останні зміни",
            other => other,
        }
        .to_string(),
        CaseMsg::Empty => "немає".to_string(),
        CaseMsg::RulesPassed { count } => {
            format!("✓ виконано: {}", plural::uk(*count as u64, "правило", "правила", "правил"))
        }
        CaseMsg::NoHistory => {
            "історії немає: реєстр не в git-репозиторії або зміни ще не збережено в git".to_string()
        }
        CaseMsg::AgreementLine { id, status, party, from, to } => {
            format!("{id}  {status}  з {party}  {from} – {to}")
        }
    }
}

pub fn en(msg: &CaseMsg) -> String {
    match msg {
        CaseMsg::Column(column) => match *column {
            "matched" => "found in",
            "name" => "name",
            other => other,
        }
        .to_string(),
        CaseMsg::Kind(kind) => kind.noun().to_string(),
        CaseMsg::Field(field) => match *field {
            "id" => "ID",
            "given_name" => "given name",
            "full_name" => "full name",
            other => other,
        }
        .to_string(),
        CaseMsg::Status(_, status) => status.to_string(),
        CaseMsg::NothingFound { text } => format!(
            "nothing found for “{text}”: check the spelling, or look for a part of a name, an ID, \
             a settlement or a community"
        ),
        CaseMsg::Section(section) => match *section {
            "record" => "Record",
            "eligibility" => "Eligibility today",
            "agreements" => "Agreements",
            "contacts" => "Latest contacts",
            "due" => "Due",
            "history" => "Latest changes",
            other => other,
        }
        .to_string(),
        CaseMsg::Empty => "none".to_string(),
        CaseMsg::RulesPassed { count } => {
            format!("✓ {} passed", plural::en(*count as u64, "rule", "rules"))
        }
        CaseMsg::NoHistory => {
            "no history: the registry is not in a git repository, or nothing is committed yet".to_string()
        }
        CaseMsg::AgreementLine { id, status, party, from, to } => {
            format!("{id}  {status}  with {party}  {from} – {to}")
        }
    }
}

/// A status in the words of the tables: one vocabulary per kind (`i18n::vocab`).
fn uk_status(kind: Kind, status: &str) -> &str {
    let vocabulary = match kind {
        Kind::Child => super::vocab::CHILD_STATUS,
        Kind::Mentor => super::vocab::MENTOR_STATUS,
        Kind::Agreement => super::vocab::AGREEMENT_STATUS,
        Kind::Institution => return status,
    };
    super::vocab::label(vocabulary, status, super::Lang::Uk)
}
