//! `eligibility` on the demo registry's cases, and its output forms (issue #3).

use crate::support::*;

/// (ID, eligible, the rule codes that must fail) on the demo's "today" under the 2026 rules.
const DEMO_VERDICTS: &[(&str, bool, &[&str])] = &[
    ("m-0013", true, &[]),
    ("m-0030", false, &["mentor.training", "mentor.conclusion"]),
    ("m-0031", false, &["mentor.training", "mentor.conclusion", "mentor.disqualified"]),
    ("m-0032", false, &["mentor.status"]),
    ("m-0033", false, &["mentor.age"]),
    ("m-0034", false, &["mentor.citizenship"]),
    ("c-0017", true, &[]),
    ("c-0040", false, &["child.min_age"]),
    ("c-0041", false, &["child.consent", "child.legal_rep_consent"]),
    ("c-0042", true, &[]),
];

#[test]
fn the_demo_registry_verdicts() {
    let registry = Registry::demo();
    for (id, eligible, failing) in DEMO_VERDICTS {
        let run = registry.run(&["--format", "json", "eligibility", id]);
        assert_eq!(run.code, if *eligible { 0 } else { 1 }, "{id}: {}", run.stdout);
        let json = run.json();
        assert_eq!(json["id"], *id);
        assert_eq!(json["regime"], "2026");
        assert_eq!(json["on"], TODAY);
        assert_eq!(json["eligible"], *eligible, "{id}");
        let failed: Vec<&str> = json["rules"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["status"] == "fail")
            .map(|r| r["code"].as_str().unwrap())
            .collect();
        assert_eq!(&failed, failing, "{id}");
        for rule in json["rules"].as_array().unwrap() {
            assert!(!rule["message"].as_str().unwrap().is_empty(), "{id}: {rule}");
            assert!(!rule["reference"].as_str().unwrap().is_empty(), "{id}: {rule}");
        }
    }
}

#[test]
fn a_20_year_old_mentor_is_eligible_under_2017_only() {
    let registry = Registry::demo();
    registry.run(&["eligibility", "m-0033", "--regime", "2017"]).expect(0);
    registry.run(&["eligibility", "m-0033", "--regime", "2026"]).expect(1);
    // Before the cutover `auto` picks the 2017 rules, but on 2026-07-13 the mentor's training
    // was still ahead (dated 2026-09-24): a document dated after the date does not count.
    let json =
        registry.run(&["--format", "json", "eligibility", "m-0033", "--on", "2026-07-13"]).expect(1).json();
    assert_eq!(json["regime"], "2017");
    let failed: Vec<&str> = json["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "fail")
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(failed, ["mentor.training", "mentor.conclusion", "mentor.documents"]);
}

#[test]
fn the_plain_output_says_what_to_do_and_why() {
    let registry = Registry::demo();
    let run = registry.run(&["eligibility", "m-0030"]).expect(1);
    assert!(
        run.stdout.contains("m-0030 is NOT eligible under the 2026 rules on 2026-11-23"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("training not completed: record `training.completed_on` after the course"),
        "{}",
        run.stdout
    );
    let uk = registry.run(&["--lang", "uk", "eligibility", "m-0031"]).expect(1);
    assert!(uk.stdout.contains("п. 10 ч. 1 ст. 212 Сімейного кодексу України"), "{}", uk.stdout);
    // A taken child is still eligible; being in an agreement is only a warning here.
    let json = registry.run(&["--format", "json", "eligibility", "c-0001"]).json();
    let free = json["rules"].as_array().unwrap().iter().find(|r| r["code"] == "child.free").unwrap();
    assert_eq!(free["status"], "warn");
}

#[test]
fn eligibility_all_lists_everyone_and_unknown_ids_are_refused() {
    let registry = Registry::demo();
    let json = registry.run(&["--format", "json", "eligibility", "--all"]).expect(0).json();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 46 + 34, "every child and mentor");
    let m33 = rows.iter().find(|r| r["id"] == "m-0033").unwrap();
    assert_eq!(m33["eligible"], false);
    assert_eq!(m33["failing"], "mentor.age");
    let run = registry.run(&["eligibility", "c-9999"]).expect(2);
    assert!(run.stderr.contains("c-9999"), "{}", run.stderr);
    registry.run(&["eligibility", "../c-0001"]).expect(2);
    registry.run(&["eligibility", "i-0001"]).expect(2);
}
