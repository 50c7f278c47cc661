//! Table-driven tests of every rule in both regimes, with the boundaries: the day before and
//! of a birthday, the cutover day, a document dated after the check date.

use super::*;
use crate::record::config::Rules;
use crate::record::date::parse_iso;
use crate::record::{Child, Mentor};

fn d(text: &str) -> Date {
    parse_iso(text).unwrap()
}

const MENTOR: &str = r#"
id = "m-0001"
surname = "Шевчук"
given_name = "Олег"
birth_date = 1990-05-02
sex = "male"
citizenship = "UA"
legal_capacity = true
community = "Ж"
languages = ["uk"]
capacity = 1
applied_on = 2026-01-10
"#;

/// The tables a complete mentor has, each used unless the case gives its own.
const MENTOR_TABLES: &[(&str, &str)] = &[
    (
        "[documents]",
        "passport_copy = 2026-01-10\nmedical_certificate = 2026-01-12\ncriminal_record_certificate = 2026-01-15",
    ),
    ("[training]", "completed_on = 2026-02-01"),
    ("[conclusion]", "issued_on = 2026-02-10"),
];

const CHILD: &str = r#"
id = "c-0001"
surname = "Коваленко"
given_name = "Марія"
birth_date = 2012-03-14
sex = "female"
category = "orphan"
placement = "institution"
community = "Ж"
languages = ["uk"]
registered_on = 2026-01-10
"#;

const CHILD_TABLES: &[(&str, &str)] =
    &[("[consent]", "child = 2026-01-11\nlegal_representative = 2026-01-12")];

fn mentor(extra: &str) -> Mentor {
    record(MENTOR, MENTOR_TABLES, extra)
}

fn child(extra: &str) -> Child {
    record(CHILD, CHILD_TABLES, extra)
}

/// A record from a complete base, with the case's top-level keys replacing the base's and its
/// tables replacing the default tables of the same name.
fn record<T: serde::de::DeserializeOwned>(base: &str, tables: &[(&str, &str)], extra: &str) -> T {
    let (top, extra_tables) = split(extra);
    let replaced = |line: &str| {
        let key = line.split('=').next().unwrap_or("").trim();
        !key.is_empty() && top.iter().any(|l| l.split('=').next().unwrap().trim() == key)
    };
    let mut text: String = base.lines().filter(|l| !replaced(l)).map(|l| format!("{l}\n")).collect();
    for line in top {
        text.push_str(line);
        text.push('\n');
    }
    for (name, body) in tables {
        if !extra_tables.contains(name) {
            text.push_str(&format!("{name}\n{body}\n"));
        }
    }
    text.push_str(&extra_tables);
    toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Top-level `key = value` lines, and everything from the first `[table]` on.
fn split(extra: &str) -> (Vec<&str>, String) {
    let mut top = Vec::new();
    let mut tables = String::new();
    let mut in_tables = false;
    for line in extra.lines().map(str::trim).filter(|l| !l.is_empty()) {
        in_tables |= line.starts_with('[');
        if in_tables {
            tables.push_str(line);
            tables.push('\n');
        } else {
            top.push(line);
        }
    }
    (top, tables)
}

fn status_of(verdict: &Verdict, code: &str) -> Vec<RuleStatus> {
    verdict.rules.iter().filter(|r| r.code == code).map(|r| r.status).collect()
}

use RuleStatus::{Fail, Pass, Warn};

/// (case, extra TOML, regime, date, rule, expected statuses)
type Case = (&'static str, &'static str, Regime, &'static str, &'static str, &'static [RuleStatus]);

const R17: Regime = Regime::R2017;
const R26: Regime = Regime::R2026;

#[test]
fn mentor_rules_by_regime() {
    let rules = Rules::default();
    let cases: &[Case] = &[
        ("adult 2017", "birth_date = 2008-11-23", R17, "2026-11-23", "mentor.age", &[Pass]),
        ("day before 18th", "birth_date = 2008-11-24", R17, "2026-11-23", "mentor.age", &[Fail]),
        ("21 on the day", "birth_date = 2005-11-23", R26, "2026-11-23", "mentor.age", &[Pass]),
        ("day before 21st", "birth_date = 2005-11-24", R26, "2026-11-23", "mentor.age", &[Fail]),
        ("20 is fine in 2017", "birth_date = 2006-01-01", R17, "2026-11-23", "mentor.age", &[Pass]),
        ("leap day: 21 on 1 March", "birth_date = 2004-02-29", R26, "2025-03-01", "mentor.age", &[Pass]),
        ("leap day: 20 on 28 Feb", "birth_date = 2004-02-29", R26, "2025-02-28", "mentor.age", &[Fail]),
        ("incapable", "legal_capacity = false", R17, "2026-11-23", "mentor.legal_capacity", &[Fail]),
        ("capable", "", R26, "2026-11-23", "mentor.legal_capacity", &[Pass]),
        ("foreigner warns in 2017", "citizenship = \"PL\"", R17, "2026-11-23", "mentor.citizenship", &[Warn]),
        ("foreigner fails in 2026", "citizenship = \"PL\"", R26, "2026-11-23", "mentor.citizenship", &[Fail]),
        ("citizen", "", R26, "2026-11-23", "mentor.citizenship", &[Pass]),
        ("no training", "[training]\nhours = 2", R17, "2026-11-23", "mentor.training", &[Fail]),
        (
            "training after the date",
            "[training]\ncompleted_on = 2026-12-01",
            R26,
            "2026-11-23",
            "mentor.training",
            &[Fail],
        ),
        (
            "training on the date",
            "[training]\ncompleted_on = 2026-11-23",
            R26,
            "2026-11-23",
            "mentor.training",
            &[Pass],
        ),
        ("no conclusion", "[conclusion]\nnumber = \"7\"", R26, "2026-11-23", "mentor.conclusion", &[Fail]),
        (
            "conclusion later",
            "[conclusion]\nissued_on = 2026-11-24",
            R17,
            "2026-11-23",
            "mentor.conclusion",
            &[Fail],
        ),
        (
            "documents missing",
            "[documents]\npassport_copy = 2026-01-10",
            R17,
            "2026-11-23",
            "mentor.documents",
            &[Fail],
        ),
        (
            "document dated after the date does not count",
            "[documents]\npassport_copy = 2026-01-10\nmedical_certificate = 2026-12-01\ncriminal_record_certificate = 2026-01-15",
            R26,
            "2026-11-23",
            "mentor.documents",
            &[Fail],
        ),
        (
            "certificate older than 12 months warns",
            "[documents]\npassport_copy = 2025-01-10\nmedical_certificate = 2025-11-22\ncriminal_record_certificate = 2026-01-15",
            R26,
            "2026-11-23",
            "mentor.documents",
            &[Warn],
        ),
        (
            "certificate exactly 12 months less a day is fine",
            "[documents]\npassport_copy = 2025-01-10\nmedical_certificate = 2025-11-24\ncriminal_record_certificate = 2026-01-15",
            R26,
            "2026-11-23",
            "mentor.documents",
            &[Pass],
        ),
        ("no disqualification", "", R17, "2026-11-23", "mentor.disqualified", &[Pass]),
        (
            "each disqualification fails on its own",
            "[screening]\ndisqualifications = [\"criminal_record\", \"substance_abuse\"]",
            R26,
            "2026-11-23",
            "mentor.disqualified",
            &[Fail, Fail],
        ),
        ("paused", "status = \"paused\"", R17, "2026-11-23", "mentor.status", &[Fail]),
        ("withdrawn", "status = \"withdrawn\"", R26, "2026-11-23", "mentor.status", &[Fail]),
        ("active", "status = \"active\"", R26, "2026-11-23", "mentor.status", &[Pass]),
    ];
    for (name, extra, regime, on, code, expected) in cases {
        let verdict = mentor_verdict(&mentor(extra), &rules, *regime, d(on), 0, false);
        assert_eq!(&status_of(&verdict, code), expected, "{name}");
        if expected.contains(&Fail) {
            assert!(!verdict.eligible, "{name}: a failing rule makes the mentor ineligible");
        }
    }
}

#[test]
fn a_complete_mentor_is_eligible_in_both_regimes() {
    let rules = Rules::default();
    for regime in [R17, R26] {
        let verdict = mentor_verdict(&mentor(""), &rules, regime, d("2026-11-23"), 0, true);
        assert!(verdict.eligible, "{regime}: {:?}", verdict.failures().collect::<Vec<_>>());
        assert!(verdict.rules.iter().all(|r| r.status == Pass), "{regime}");
    }
}

#[test]
fn uncertain_disqualifications_can_be_warnings() {
    let mut rules = Rules::default();
    rules.r2026.uncertain_disqualifications = crate::record::config::Level::Warn;
    let m = mentor("[screening]\ndisqualifications = [\"no_residence_or_income\"]");
    let verdict = mentor_verdict(&m, &rules, R26, d("2026-11-23"), 0, false);
    assert_eq!(status_of(&verdict, "mentor.disqualified"), [Warn]);
    assert!(verdict.eligible);
    let verdict = mentor_verdict(&m, &Rules::default(), R26, d("2026-11-23"), 0, false);
    assert!(!verdict.eligible);
}

#[test]
fn capacity_only_counts_for_a_new_match() {
    let rules = Rules::default();
    let m = mentor("capacity = 2");
    assert_eq!(
        status_of(&mentor_verdict(&m, &rules, R26, d("2026-11-23"), 1, true), "mentor.free_capacity"),
        [Pass]
    );
    assert_eq!(
        status_of(&mentor_verdict(&m, &rules, R26, d("2026-11-23"), 2, true), "mentor.free_capacity"),
        [Fail]
    );
    assert!(
        status_of(&mentor_verdict(&m, &rules, R26, d("2026-11-23"), 2, false), "mentor.free_capacity")
            .is_empty()
    );
}

#[test]
fn child_rules_by_regime() {
    let rules = Rules::default();
    let cases: &[Case] = &[
        ("orphan in 2017", "", R17, "2026-11-23", "child.category", &[Pass]),
        ("displaced not in 2017", "category = \"displaced\"", R17, "2026-11-23", "child.category", &[Fail]),
        ("displaced in 2026", "category = \"displaced\"", R26, "2026-11-23", "child.category", &[Pass]),
        (
            "foster family not in 2017",
            "placement = \"foster_family\"",
            R17,
            "2026-11-23",
            "child.placement",
            &[Fail],
        ),
        (
            "foster family in 2026",
            "placement = \"foster_family\"",
            R26,
            "2026-11-23",
            "child.placement",
            &[Pass],
        ),
        ("age 8 in 2017", "birth_date = 2018-01-01", R17, "2026-11-23", "child.min_age", &[Pass]),
        ("day before 10th in 2026", "birth_date = 2016-11-24", R26, "2026-11-23", "child.min_age", &[Fail]),
        ("10 on the day in 2026", "birth_date = 2016-11-23", R26, "2026-11-23", "child.min_age", &[Pass]),
        ("day before 18th", "birth_date = 2008-11-24", R17, "2026-11-23", "child.max_age", &[Pass]),
        ("18 on the day", "birth_date = 2008-11-23", R17, "2026-11-23", "child.max_age", &[Fail]),
        (
            "18 and studying",
            "birth_date = 2008-11-23\nstudying_until = 2027-06-30",
            R17,
            "2026-11-23",
            "child.max_age",
            &[Pass],
        ),
        (
            "studies ended the day before",
            "birth_date = 2006-01-01\nstudying_until = 2026-11-22",
            R17,
            "2026-11-23",
            "child.max_age",
            &[Fail],
        ),
        (
            "studying but 23 on the day",
            "birth_date = 2003-11-23\nstudying_until = 2027-06-30",
            R26,
            "2026-11-23",
            "child.max_age",
            &[Fail],
        ),
        (
            "care leaver at 20 in 2026",
            "birth_date = 2006-05-01\ncategory = \"care_leaver\"\nplacement = \"independent\"",
            R26,
            "2026-11-23",
            "child.max_age",
            &[Pass],
        ),
        (
            "care leaver at 20 not in 2017",
            "birth_date = 2006-05-01\ncategory = \"care_leaver\"",
            R17,
            "2026-11-23",
            "child.max_age",
            &[Fail],
        ),
        (
            "no consent warns in 2017",
            "[consent]\nlegal_representative = 2026-01-12",
            R17,
            "2026-11-23",
            "child.consent",
            &[Warn],
        ),
        (
            "no consent fails in 2026",
            "[consent]\nlegal_representative = 2026-01-12",
            R26,
            "2026-11-23",
            "child.consent",
            &[Fail],
        ),
        (
            "consent after the date",
            "[consent]\nchild = 2026-12-01\nlegal_representative = 2026-01-12",
            R26,
            "2026-11-23",
            "child.consent",
            &[Fail],
        ),
        (
            "no legal rep consent 2017",
            "[consent]\nchild = 2026-01-12",
            R17,
            "2026-11-23",
            "child.legal_rep_consent",
            &[Warn],
        ),
        (
            "no legal rep consent 2026",
            "[consent]\nchild = 2026-01-12",
            R26,
            "2026-11-23",
            "child.legal_rep_consent",
            &[Fail],
        ),
        (
            "adult needs no legal rep",
            "birth_date = 2006-05-01\ncategory = \"care_leaver\"\n[consent]\nchild = 2026-01-12",
            R26,
            "2026-11-23",
            "child.legal_rep_consent",
            &[Pass],
        ),
    ];
    for (name, extra, regime, on, code, expected) in cases {
        let verdict = child_verdict(&child(extra), &rules, *regime, d(on), 0, false);
        assert_eq!(&status_of(&verdict, code), expected, "{name}");
    }
}

#[test]
fn child_free_only_counts_for_a_new_match() {
    let rules = Rules::default();
    let c = child("");
    assert_eq!(status_of(&child_verdict(&c, &rules, R26, d("2026-11-23"), 0, true), "child.free"), [Pass]);
    assert_eq!(status_of(&child_verdict(&c, &rules, R26, d("2026-11-23"), 1, true), "child.free"), [Fail]);
}

#[test]
fn cutover_day_switches_the_regime() {
    let rules = Rules::default();
    assert_eq!(rules.regime_on(d("2026-07-13")), R17);
    assert_eq!(rules.regime_on(d("2026-07-14")), R26);
    // A 20-year-old mentor: eligible the day before the cutover, not on it.
    let m = mentor("birth_date = 2006-01-01");
    let before = mentor_verdict(&m, &rules, rules.regime_on(d("2026-07-13")), d("2026-07-13"), 0, false);
    let on = mentor_verdict(&m, &rules, rules.regime_on(d("2026-07-14")), d("2026-07-14"), 0, false);
    assert!(before.eligible);
    assert!(!on.eligible);
}

#[test]
fn parameters_from_the_config_change_the_rules() {
    let config: crate::record::Config = toml::from_str(
        "schema = 1\n[centre]\nname = \"x\"\naddress = \"x\"\ndirector = \"x\"\ncommunity = \"x\"\n[rules.2026]\nmin_mentor_age = 25\n",
    )
    .unwrap();
    assert_eq!(config.rules.r2026.min_mentor_age, 25);
    assert_eq!(config.rules.r2026.min_child_age, 10, "other parameters keep the regime's default");
    assert_eq!(config.rules.r2017.min_mentor_age, 18);
    let m = mentor("birth_date = 2003-01-01");
    assert!(!mentor_verdict(&m, &config.rules, R26, d("2026-11-23"), 0, false).eligible);
}

#[test]
fn ends_on_is_the_18th_birthday_or_end_of_studies_capped_at_23() {
    let p = Rules::default().r2026;
    assert_eq!(ends_on(&child("birth_date = 2012-03-14"), &p), d("2030-03-14"));
    assert_eq!(ends_on(&child("birth_date = 2008-02-29"), &p), d("2026-03-01"));
    assert_eq!(ends_on(&child("birth_date = 2008-05-01\nstudying_until = 2029-06-30"), &p), d("2029-06-30"));
    assert_eq!(ends_on(&child("birth_date = 2008-05-01\nstudying_until = 2033-06-30"), &p), d("2031-05-01"));
    assert_eq!(ends_on(&child("birth_date = 2008-05-01\nstudying_until = 2025-06-30"), &p), d("2026-05-01"));
}
