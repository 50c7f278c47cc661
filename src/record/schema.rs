//! What each field of each record is: its dotted path, type, whether it is required, its
//! allowed values and range. This one table serves `set` and `add` (converting a typed value),
//! `list --where` (comparing as values), and `check` (validating a file serde refuses, in one
//! walk over its `toml_edit` document, with positions). The serde structs in this module's
//! siblings must agree with it; a unit test below proves they do.
//!
//! Paths: `consent.child` is key `child` of table `[consent]`; `contacts[].date` is key `date`
//! of each `[[contacts]]`. Fields under `[]` are written by their own commands, never by `set`.

use super::Kind;
use super::enums::*;

#[derive(Clone, Copy, Debug)]
pub enum FieldType {
    /// One line of text (names, addresses): no control characters, no line breaks.
    Text,
    /// Free text that may span lines (notes): no control characters but tab and line breaks.
    Note,
    Date,
    Integer,
    Number,
    /// A number of hours, kept as whole minutes (see `record::hours`).
    Hours,
    Bool,
    /// One of these spellings.
    Choice(&'static [&'static str]),
    TextList,
    ChoiceList(&'static [&'static str]),
    /// The ID of a record of this kind.
    Reference(Kind),
    /// A table of text values under keys of the writer's choosing (`[signed_fields]`).
    TextMap,
}

#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub path: &'static str,
    pub ty: FieldType,
    /// Required in the record, or (for a field of a table or array element) whenever the
    /// table is present.
    pub required: bool,
    /// Whether `set` may change it (the ID never; an agreement's life-cycle fields only
    /// through `agreement sign/close/…`).
    pub settable: bool,
    /// Inclusive bounds of a number.
    pub range: Option<(f64, f64)>,
}

const fn f(path: &'static str, ty: FieldType, required: bool) -> Field {
    Field { path, ty, required, settable: true, range: None }
}

const fn fixed(path: &'static str, ty: FieldType, required: bool) -> Field {
    Field { path, ty, required, settable: false, range: None }
}

impl Field {
    const fn within(self, min: f64, max: f64) -> Field {
        Field { range: Some((min, max)), ..self }
    }

    /// The table the field sits in (`consent`, `contacts[]`), `""` at the top.
    pub fn parent(&self) -> &'static str {
        self.path.rsplit_once('.').map_or("", |(parent, _)| parent)
    }

    pub fn key(&self) -> &'static str {
        self.path.rsplit_once('.').map_or(self.path, |(_, key)| key)
    }
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
    f("address", Text, false),
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
    f("consent.legal_representative_authority", Text, false),
    f("assessment.date", Date, false),
    f("assessment.summary", Note, false),
    f("assessment.notes", Note, false),
    f("status_decision.authority", Text, false),
    f("status_decision.date", Date, false),
    f("status_decision.number", Text, false),
    fixed("closed.date", Date, false),
    fixed("closed.reason", Choice(ClosureReason::NAMES), false),
    f("closed.note", Text, false),
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
    f("registered_address", Text, false),
    f("phone", Text, false),
    f("email", Text, false),
    f("languages", TextList, true),
    f("interests", TextList, false),
    f("goal_areas", ChoiceList(GOAL_AREAS), false),
    f("availability", ChoiceList(Weekday::NAMES), false),
    f("capacity", Integer, true).within(0.0, 100.0),
    f("conflicts", TextList, false),
    f("applied_on", Date, true),
    f("status", Choice(MentorStatus::NAMES), false),
    f("documents.passport_copy", Date, false),
    f("documents.medical_certificate", Date, false),
    f("documents.criminal_record_certificate", Date, false),
    f("training.completed_on", Date, false),
    f("training.hours", Hours, false).within(0.0, 10_000.0),
    f("training.provider", Text, false),
    f("conclusion.number", Text, false),
    f("conclusion.issued_on", Date, false),
    f("screening.checked_on", Date, false),
    f("screening.disqualifications", ChoiceList(Disqualification::NAMES), false),
    f("identity_document.kind", Text, false),
    f("identity_document.number", Text, false),
    f("identity_document.issued_by", Text, false),
    f("identity_document.issued_on", Date, false),
];

pub const INSTITUTION: &[Field] = &[
    fixed("id", Text, true),
    f("name", Text, true),
    f("kind", Choice(InstitutionKind::NAMES), true),
    f("address", Text, true),
    f("director", Text, true),
    f("authority", Text, false),
    f("edrpou", Text, false),
    f("community", Text, true),
];

pub const AGREEMENT: &[Field] = &[
    fixed("id", Text, true),
    f("number", Text, false),
    fixed("child", Reference(Kind::Child), true),
    fixed("mentor", Reference(Kind::Mentor), true),
    f("institution", Reference(Kind::Institution), false),
    fixed("renews", Reference(Kind::Agreement), false),
    fixed("parties", ChoiceList(Party::NAMES), false),
    fixed("regime", Choice(Regime::NAMES), true),
    fixed("status", Choice(AgreementStatus::NAMES), true),
    f("proposed_on", Date, true),
    f("signed_on", Date, false),
    f("ends_on", Date, false),
    f("hours_per_month", Hours, false).within(0.0, 744.0),
    fixed("signed_hash", Text, false),
    fixed("signed_fields", TextMap, false),
    f("signatures.centre", Date, false),
    f("signatures.institution", Date, false),
    f("signatures.mentor", Date, false),
    f("signatures.legal_representative", Date, false),
    f("signatures.young_person", Date, false),
    f("closure.date", Date, true),
    f("closure.reason", Choice(ClosureReason::NAMES), true),
    f("closure.exit_interview", Bool, false),
    f("closure.note", Note, false),
    fixed("suspensions[].date", Date, true),
    fixed("suspensions[].reason", Note, true),
    fixed("suspensions[].resumed_on", Date, false),
    fixed("renewals[].date", Date, true),
    fixed("renewals[].from_institution", Reference(Kind::Institution), true),
    fixed("renewals[].to_institution", Reference(Kind::Institution), true),
    fixed("renewals[].reason", Note, false),
    fixed("contacts[].date", Date, true),
    fixed("contacts[].kind", Choice(ContactKind::NAMES), true),
    fixed("contacts[].hours", Hours, false).within(0.0, 24.0),
    fixed("contacts[].by", Text, false),
    fixed("contacts[].note", Note, false),
    fixed("contacts[].consents", ChoiceList(ConsentParty::NAMES), false),
];

pub fn fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Child => CHILD,
        Kind::Mentor => MENTOR,
        Kind::Institution => INSTITUTION,
        Kind::Agreement => AGREEMENT,
    }
}

/// A field `set` and `--where` can name (not one inside an array of tables).
pub fn field(kind: Kind, path: &str) -> Option<&'static Field> {
    fields(kind).iter().find(|field| field.path == path && !field.path.contains("[]"))
}

/// The paths `set` and `--where` know, for "did you mean".
pub fn paths(kind: Kind) -> Vec<&'static str> {
    fields(kind).iter().map(|f| f.path).filter(|p| !p.contains("[]")).collect()
}

/// `list --where path=value`: whether the record (as its JSON form) has `wanted` at `path`,
/// compared as the field's type: text case-insensitively, dates as dates, numbers as numbers
/// (`capacity=1` matches a capacity of 1, `hours_per_month=8` one of 8.0), a list when any
/// item matches. An empty `wanted` matches an absent field.
pub fn matches(kind: Kind, record: &serde_json::Value, path: &str, wanted: &str) -> bool {
    let wanted = wanted.trim();
    let value = path.split('.').try_fold(record, |value, key| value.get(key));
    let Some(value) = value.filter(|v| !v.is_null()) else { return wanted.is_empty() };
    let ty = field(kind, path).map_or(Text, |f| f.ty);
    let unquoted = wanted.trim_matches(|c| c == '"' || c == '\'');
    let same = |v: &serde_json::Value| match ty {
        Date => super::date::parse_user(unquoted).is_some_and(|d| v.as_str() == Some(d.to_string().as_str())),
        Integer => unquoted.parse::<i64>().is_ok_and(|n| v.as_i64() == Some(n)),
        Number => unquoted.parse::<f64>().is_ok_and(|n| v.as_f64() == Some(n)),
        Hours => {
            let minutes = |x: f64| super::hours::Minutes::from_hours(x).ok();
            unquoted
                .parse::<f64>()
                .ok()
                .and_then(minutes)
                .is_some_and(|n| v.as_f64().and_then(minutes) == Some(n))
        }
        Bool => match unquoted {
            "true" | "yes" | "так" => v.as_bool() == Some(true),
            "false" | "no" | "ні" => v.as_bool() == Some(false),
            _ => false,
        },
        _ => v.as_str().is_some_and(|s| s.to_lowercase() == unquoted.to_lowercase()),
    };
    match value {
        serde_json::Value::Array(items) => items.iter().any(same),
        other => same(other),
    }
}

/// The most days any day count in `nastavnyk.toml` may be: a hundred years. Far beyond any
/// real cadence, and far from the end of the calendar, so date arithmetic stays in range.
pub const MAX_DAYS: f64 = 36_525.0;

/// The numbers of `nastavnyk.toml` and their ranges. An interval of 0 would make the cadence
/// loop forever; a day count, an age or a weight beyond these would overflow dates or the
/// solver's integer arithmetic (weights become milli-points in `matching::score`).
pub const CONFIG_RANGES: &[(&str, f64, f64)] = &[
    ("monitoring.min_meetings_per_month", 0.0, 100.0),
    ("monitoring.min_hours_per_month", 0.0, 744.0),
    ("monitoring.first_checkin_days", 1.0, MAX_DAYS),
    ("monitoring.first_month_checkins", 0.0, 100.0),
    ("monitoring.checkin_interval_days_first_year", 1.0, MAX_DAYS),
    ("monitoring.checkin_interval_days_after", 1.0, MAX_DAYS),
    ("monitoring.proposal_unsigned_days", 0.0, MAX_DAYS),
    ("monitoring.child_waiting_days", 0.0, MAX_DAYS),
    ("monitoring.ending_within_days", 0.0, MAX_DAYS),
    ("monitoring.document_expiring_days", 0.0, MAX_DAYS),
    ("matching.min_age_gap", 0.0, 100.0),
    ("matching.weights.interests", 0.0, 1e6),
    ("matching.weights.goal_areas", 0.0, 1e6),
    ("matching.weights.settlement", 0.0, 1e6),
    ("matching.weights.availability", 0.0, 1e6),
    ("matching.weights.waiting", 0.0, 1e6),
    ("rules.{regime}.min_mentor_age", 0.0, 100.0),
    ("rules.{regime}.certificate_valid_months", 1.0, 1200.0),
    ("rules.{regime}.min_child_age", 0.0, 100.0),
    ("rules.{regime}.max_child_age", 0.0, 100.0),
    ("rules.{regime}.max_age_studying", 0.0, 100.0),
];

/// A number outside its range in a parsed TOML document: the byte span of the value, the
/// dotted key and the message.
#[derive(Clone, Debug)]
pub struct RangeProblem {
    pub span: Option<std::ops::Range<usize>>,
    pub key: String,
    /// The key as the file shows it: `[matching.weights] settlement`.
    pub shown: String,
    /// The value as written.
    pub value: String,
    /// The allowed range, `min..=max`.
    pub range: String,
}

/// Every number of `nastavnyk.toml` outside its range (see [`CONFIG_RANGES`]).
pub fn config_range_problems(doc: &toml_edit::Document<&str>) -> Vec<RangeProblem> {
    let mut problems = Vec::new();
    for (pattern, min, max) in CONFIG_RANGES {
        let paths: Vec<String> = if pattern.contains("{regime}") {
            ["2017", "2026"].iter().map(|r| pattern.replace("{regime}", r)).collect()
        } else {
            vec![pattern.to_string()]
        };
        for path in paths {
            let Some(item) = lookup(doc.as_item(), &path) else { continue };
            let Some(value) = item.as_value() else { continue };
            let number = match value {
                toml_edit::Value::Integer(i) => *i.value() as f64,
                toml_edit::Value::Float(f) => *f.value(),
                // A wrong type is serde's to report.
                _ => continue,
            };
            if !number.is_finite() || number < *min || number > *max {
                problems.push(RangeProblem {
                    span: value.span(),
                    shown: path
                        .rsplit_once('.')
                        .map_or(path.clone(), |(table, key)| format!("[{table}] {key}")),
                    value: value.to_string().trim().to_string(),
                    range: format!("{min}..={max}"),
                    key: path,
                });
            }
        }
    }
    problems
}

/// The item at a dotted path (`monitoring.first_checkin_days`).
pub fn lookup<'a>(root: &'a toml_edit::Item, path: &str) -> Option<&'a toml_edit::Item> {
    path.split('.').try_fold(root, |item, key| item.get(key))
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use crate::diagnostic::Problem;

    fn sample(ty: FieldType) -> String {
        match ty {
            Text | Note => "\"t\"".into(),
            Reference(_) => "\"x-1\"".into(),
            Date => "2020-01-01".into(),
            Integer => "1".into(),
            Number | Hours => "1.5".into(),
            Bool => "true".into(),
            Choice(names) => format!("\"{}\"", names[0]),
            TextList => "[\"t\"]".into(),
            ChoiceList(names) => format!("[\"{}\"]", names[0]),
            TextMap => "{ k = \"v\" }".into(),
        }
    }

    /// A record of `kind` with every field of the schema set, written from the schema alone.
    fn sample_record(kind: Kind) -> String {
        let mut top = String::new();
        let mut sections: BTreeMap<String, String> = BTreeMap::new();
        for field in fields(kind) {
            let line = format!("{} = {}\n", field.key(), sample(field.ty));
            match field.parent() {
                "" => top.push_str(&line),
                parent => match parent.strip_suffix("[]") {
                    Some(array) => sections.entry(format!("[[{array}]]")).or_default().push_str(&line),
                    None => sections.entry(format!("[{parent}]")).or_default().push_str(&line),
                },
            }
        }
        sections.into_iter().fold(top, |text, (header, body)| format!("{text}\n{header}\n{body}"))
    }

    /// The dotted paths of a serialized record, in the schema's notation.
    fn paths_of(value: &toml::Value, prefix: &str, maps: &[&str], out: &mut BTreeSet<String>) {
        match value {
            toml::Value::Table(table) if !maps.contains(&prefix) => {
                for (key, inner) in table {
                    let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                    paths_of(inner, &path, maps, out);
                }
            }
            toml::Value::Array(items) if items.first().is_some_and(toml::Value::is_table) => {
                for item in items {
                    paths_of(item, &format!("{prefix}[]"), maps, out);
                }
            }
            _ => {
                out.insert(prefix.to_string());
            }
        }
    }

    fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(kind: Kind) {
        let text = sample_record(kind);
        let record: T = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{kind:?}: the schema's record is refused: {e}\n{text}"));
        let value = toml::Value::try_from(&record).expect("serializable");
        let maps: Vec<&str> =
            fields(kind).iter().filter(|f| matches!(f.ty, TextMap)).map(|f| f.path).collect();
        let mut found = BTreeSet::new();
        paths_of(&value, "", &maps, &mut found);
        let schema: BTreeSet<String> = fields(kind).iter().map(|f| f.path.to_string()).collect();
        assert_eq!(found, schema, "{kind:?}: struct fields (left) and schema fields (right) differ");
        // And the schema walk finds nothing wrong with it.
        let doc = toml_edit::Document::parse(text.as_str()).unwrap();
        let problems = crate::registry::walk::validate(kind, &doc);
        assert!(problems.is_empty(), "{kind:?}: {problems:?}");
    }

    #[test]
    fn the_schema_and_the_serde_structs_agree() {
        round_trip::<crate::record::Child>(Kind::Child);
        round_trip::<crate::record::Mentor>(Kind::Mentor);
        round_trip::<crate::record::Institution>(Kind::Institution);
        round_trip::<crate::record::Agreement>(Kind::Agreement);
    }

    #[test]
    fn one_walk_finds_every_problem_with_its_position() {
        let text = "id = \"m-1\"\nsurnme = \"K\"\ngiven_name = 5\nbirth_date = \"2000-01-01\"\nsex = \"other\"\ncapacity = 1000\n[training]\nhours = nan\n";
        let doc = toml_edit::Document::parse(text).unwrap();
        let problems = crate::registry::walk::validate(Kind::Mentor, &doc);
        let found: Vec<(&str, usize)> = problems
            .iter()
            .map(|p| (p.code, crate::diagnostic::line_col(text, p.span.clone().unwrap().start).0))
            .collect();
        for expected in [
            ("schema.unknown_key", 2),
            ("schema.type", 3),
            ("date.invalid", 4),
            ("schema.enum", 5),
            ("value.range", 6),
            ("value.range", 8),
            ("schema.missing_key", 1),
        ] {
            assert!(found.contains(&expected), "{expected:?} not in {found:?}");
        }
        assert!(
            matches!(&problems[0].problem, Problem::UnknownKey { suggestion: Some(s), .. } if s == "surname")
        );
    }

    #[test]
    fn where_compares_as_values() {
        let mentor = serde_json::json!({"capacity": 1, "applied_on": "2026-01-05", "languages": ["uk", "en"], "training": {"hours": 1.5}});
        assert!(matches(Kind::Mentor, &mentor, "capacity", "1"));
        assert!(!matches(Kind::Mentor, &mentor, "capacity", "2"));
        assert!(matches(Kind::Mentor, &mentor, "applied_on", "2026-01-05"));
        assert!(matches(Kind::Mentor, &mentor, "languages", "EN"));
        assert!(matches(Kind::Mentor, &mentor, "training.hours", "1.50"));
        assert!(matches(Kind::Mentor, &mentor, "email", ""));
    }
}
