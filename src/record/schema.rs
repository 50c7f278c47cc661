//! What each field of each record is, for `set` and `add`: its dotted path and type, so a
//! value typed on the command line becomes the right TOML value, and a typo is caught.

use super::Kind;
use super::enums::*;

#[derive(Clone, Copy, Debug)]
pub enum FieldType {
    Text,
    Date,
    Integer,
    Number,
    Bool,
    /// One of these spellings.
    Choice(&'static [&'static str]),
    TextList,
    ChoiceList(&'static [&'static str]),
    /// The ID of a record of this kind.
    Reference(Kind),
}

#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub path: &'static str,
    pub ty: FieldType,
    pub required: bool,
    /// Whether `set` may change it (the ID never; an agreement's life-cycle fields only
    /// through `agreement sign/close/…`).
    pub settable: bool,
}

const fn f(path: &'static str, ty: FieldType, required: bool) -> Field {
    Field { path, ty, required, settable: true }
}

const fn fixed(path: &'static str, ty: FieldType, required: bool) -> Field {
    Field { path, ty, required, settable: false }
}

use FieldType::*;

const GOAL_AREAS: &[&str] = &[
    "abilities",
    "rights",
    "practical_skills",
    "communication",
    "responsibility",
    "healthy_lifestyle",
    "profession",
    "money",
];

pub const CHILD: &[Field] = &[
    fixed("id", Text, true),
    f("surname", Text, true),
    f("given_name", Text, true),
    f("patronymic", Text, false),
    f("birth_date", Date, true),
    f("sex", Choice(Sex::NAMES), true),
    f("category", Choice(Category::NAMES), true),
    f("placement", Choice(Placement::NAMES), true),
    f("institution", Reference(Kind::Institution), false),
    f("studying_until", Date, false),
    f("community", Text, true),
    f("settlement", Text, false),
    f("languages", TextList, true),
    f("interests", TextList, false),
    f("goal_areas", ChoiceList(GOAL_AREAS), false),
    f("availability", ChoiceList(Weekday::NAMES), false),
    f("registered_on", Date, true),
    f("disability", Bool, false),
    f("family", Text, false),
    f("preferences.mentor_sex", Choice(Sex::NAMES), false),
    f("consent.child", Date, false),
    f("consent.legal_representative", Date, false),
    f("consent.legal_representative_name", Text, false),
    f("assessment.date", Date, false),
    f("assessment.summary", Text, false),
    f("assessment.notes", Text, false),
];

pub const MENTOR: &[Field] = &[
    fixed("id", Text, true),
    f("surname", Text, true),
    f("given_name", Text, true),
    f("patronymic", Text, false),
    f("birth_date", Date, true),
    f("sex", Choice(Sex::NAMES), true),
    f("citizenship", Text, true),
    f("legal_capacity", Bool, true),
    f("community", Text, true),
    f("settlement", Text, false),
    f("phone", Text, false),
    f("email", Text, false),
    f("languages", TextList, true),
    f("interests", TextList, false),
    f("goal_areas", ChoiceList(GOAL_AREAS), false),
    f("availability", ChoiceList(Weekday::NAMES), false),
    f("capacity", Integer, true),
    f("conflicts", TextList, false),
    f("applied_on", Date, true),
    f("status", Choice(MentorStatus::NAMES), false),
    f("documents.passport_copy", Date, false),
    f("documents.medical_certificate", Date, false),
    f("documents.criminal_record_certificate", Date, false),
    f("training.completed_on", Date, false),
    f("training.hours", Number, false),
    f("training.provider", Text, false),
    f("conclusion.number", Text, false),
    f("conclusion.issued_on", Date, false),
    f("screening.checked_on", Date, false),
    f("screening.disqualifications", ChoiceList(Disqualification::NAMES), false),
];

pub const INSTITUTION: &[Field] = &[
    fixed("id", Text, true),
    f("name", Text, true),
    f("kind", Choice(InstitutionKind::NAMES), true),
    f("address", Text, true),
    f("director", Text, true),
    f("edrpou", Text, false),
    f("community", Text, true),
];

pub const AGREEMENT: &[Field] = &[
    fixed("id", Text, true),
    f("number", Text, false),
    fixed("child", Reference(Kind::Child), true),
    fixed("mentor", Reference(Kind::Mentor), true),
    f("institution", Reference(Kind::Institution), true),
    fixed("regime", Choice(Regime::NAMES), true),
    fixed("status", Choice(AgreementStatus::NAMES), true),
    f("proposed_on", Date, true),
    f("signed_on", Date, false),
    f("ends_on", Date, false),
    f("hours_per_month", Number, false),
    fixed("signed_hash", Text, false),
    f("signatures.centre", Date, false),
    f("signatures.institution", Date, false),
    f("signatures.mentor", Date, false),
    f("signatures.legal_representative", Date, false),
    f("closure.date", Date, false),
    f("closure.reason", Choice(ClosureReason::NAMES), false),
    f("closure.exit_interview", Bool, false),
    f("closure.note", Text, false),
];

pub fn fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Child => CHILD,
        Kind::Mentor => MENTOR,
        Kind::Institution => INSTITUTION,
        Kind::Agreement => AGREEMENT,
    }
}

pub fn field(kind: Kind, path: &str) -> Option<&'static Field> {
    fields(kind).iter().find(|field| field.path == path)
}
