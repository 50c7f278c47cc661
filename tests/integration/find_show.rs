//! `find TEXT` and the case file `child|mentor show ID --full` (issue #14, item 6): found and
//! not found with their exit codes, case and apostrophe forms, the kinds filter, privacy (no
//! child's name without `--with-names`), bad input, and the JSON shapes.

use crate::support::Registry;

/// A temporary registry with `i-0001`, `c-0001` (Koval Maria) and `m-0001` (Shevchuk Oleh),
/// all in the community Testova.
fn people() -> Registry {
    Registry::new().with_people()
}

#[test]
fn find_names_the_child_by_id_and_field_but_not_by_name() {
    let registry = Registry::demo();
    let run = registry.run(&["find", "коваленко"]).expect(0);
    assert!(run.stdout.contains("c-0001"), "{}", run.stdout);
    assert!(run.stdout.contains("surname"), "the matched field is named: {}", run.stdout);
    for name in ["Коваленко", "Максим", "Андрійович"] {
        assert!(!run.stdout.contains(name), "a child's name without --with-names: {}", run.stdout);
    }
}

#[test]
fn find_shows_names_only_with_with_names() {
    let registry = people();
    let hidden = registry.run(&["--format", "json", "find", "koval"]).expect(0).json();
    assert_eq!(hidden[0]["id"], "c-0001");
    assert_eq!(hidden[0]["name"], serde_json::Value::Null);
    let shown = registry.run(&["--format", "json", "find", "koval", "--with-names"]).expect(0).json();
    assert_eq!(shown[0]["name"], "Koval Maria");
    // An institution's name is no one's personal data: shown as `institution list` shows it.
    let institution = registry.run(&["--format", "json", "find", "lyceum"]).expect(0).json();
    assert_eq!(institution[0]["id"], "i-0001");
    assert_eq!(institution[0]["name"], "Lyceum No. 1");
}

#[test]
fn find_ignores_case_apostrophe_forms_and_extra_spaces() {
    let registry = people();
    registry.run(&["child", "set", "c-0001", "surname=Д’яченко", "given_name=Мар'яна"]).expect(0);
    for text in ["д'ЯЧЕНКО", "ДʼЯЧЕНКО", "  Д’яч  ", "марʼяна", "МАР’ЯНА"]
    {
        let run = registry.run(&["--format", "csv", "find", text]).expect(0);
        assert!(run.stdout.contains("child,c-0001,"), "{text:?}: {}", run.stdout);
    }
}

#[test]
fn find_matches_a_whole_name_in_either_order() {
    let registry = people();
    for text in ["Koval Maria", "maria   KOVAL"] {
        let hits = registry.run(&["--format", "json", "find", text]).expect(0).json();
        assert_eq!(hits.as_array().unwrap().len(), 1, "{text:?}: {hits}");
        assert_eq!(hits[0]["matched"], serde_json::json!(["full_name"]), "{text:?}");
    }
}

#[test]
fn find_searches_every_kind_unless_told_one() {
    let registry = people();
    let all = registry.run(&["--format", "json", "find", "testova"]).expect(0).json();
    let kinds: Vec<&str> = all.as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["child", "mentor", "institution"]);
    let mentors = registry.run(&["--format", "json", "find", "testova", "--kind", "mentor"]).expect(0).json();
    assert_eq!(
        mentors,
        serde_json::json!([{
            "kind": "mentor", "id": "m-0001", "matched": ["community"], "status": "active", "name": null
        }])
    );
}

#[test]
fn find_on_the_demo_reaches_settlements_and_agreements() {
    let registry = Registry::demo();
    let run = registry.run(&["--format", "csv", "find", "бердичів", "--kind", "child"]).expect(0);
    let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 14, "the demo's 14 children in Бердичів: {}", run.stdout);
    assert!(rows.iter().all(|row| row.starts_with("child,") && row.contains("settlement")));
    let agreement = registry.run(&["--format", "json", "find", "A-0001"]).expect(0).json();
    assert_eq!(agreement[0]["kind"], "agreement");
    assert_eq!(agreement[0]["matched"], serde_json::json!(["id"]));
    assert_eq!(agreement[0]["status"], "active");
}

#[test]
fn find_exits_1_when_nothing_matches_like_grep() {
    let registry = people();
    let run = registry.run(&["find", "nobody-by-this-name"]).expect(1);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("nothing found"), "{}", run.stderr);
    let json = registry.run(&["--format", "json", "find", "nobody"]).expect(1);
    assert_eq!(json.json(), serde_json::json!([]));
    // A kind without the text is nothing found too.
    registry.run(&["find", "koval", "--kind", "agreement"]).expect(1);
}

#[test]
fn find_refuses_an_empty_text() {
    let registry = people();
    for text in ["", "   "] {
        let run = registry.run(&["find", text]).expect(2);
        assert!(run.stderr.contains("nothing to look for"), "{text:?}: {}", run.stderr);
    }
    let run = registry.run(&["find", "koval", "--kind", "person"]).expect(2);
    assert!(run.stderr.contains("child"), "the kinds are listed: {}", run.stderr);
}

#[test]
fn show_full_gathers_the_case_file_of_a_demo_child() {
    let registry = Registry::demo();
    let run = registry.run(&["child", "show", "c-0001", "--full"]).expect(0);
    let out = &run.stdout;
    for section in [
        "── Record ──",
        "── Eligibility today ──",
        "── Agreements ──",
        "── Latest contacts ──",
        "── Due ──",
        "── Latest changes ──",
    ] {
        assert!(out.contains(section), "{section}: {out}");
    }
    assert!(out.contains("surname = \"Коваленко\""), "the record as `show` prints it: {out}");
    assert!(out.contains("a-0001  active  with m-0001"), "{out}");
    assert!(out.contains("regime_review") || out.contains("2017-rules agreement"), "{out}");
    assert!(out.contains("manual edit"), "the demo's own commit: {out}");
}

#[test]
fn show_full_json_has_every_section() {
    let registry = Registry::demo();
    let case = registry.run(&["--format", "json", "child", "show", "c-0001", "--full"]).expect(0).json();
    assert_eq!(case["id"], "c-0001");
    assert_eq!(case["kind"], "child");
    assert_eq!(case["record"]["surname"], "Коваленко");
    assert_eq!(case["eligibility"]["on"], "2026-11-23");
    assert_eq!(case["eligibility"]["eligible"], true);
    assert!(case["eligibility"]["rules"].as_array().unwrap().iter().any(|r| r["code"] == "child.free"));
    assert_eq!(case["agreements"][0]["id"], "a-0001");
    assert_eq!(case["agreements"][0]["mentor"], "m-0001");
    assert_eq!(case["agreements"][0]["status"], "active");
    let contacts = case["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 5, "the last 5 by default");
    let dates: Vec<&str> = contacts.iter().map(|c| c["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first: {dates:?}");
    assert_eq!(case["due"][0]["record"], "a-0001");
    assert_eq!(case["history"][0]["change"], "added");
    let fewer = registry.run(&["--format", "json", "child", "show", "c-0001", "--full", "--contacts", "2"]);
    assert_eq!(fewer.expect(0).json()["contacts"].as_array().unwrap().len(), 2);
}

#[test]
fn show_full_of_a_new_mentor_has_empty_sections_and_the_tools_commits() {
    let registry = people();
    registry.run(&["mentor", "set", "m-0001", "capacity=2", "--reason", "more time"]).expect(0);
    let run = registry.run(&["mentor", "show", "m-0001", "--full"]).expect(0);
    assert!(run.stdout.contains("── Agreements ──\nnone\n"), "{}", run.stdout);
    assert!(run.stdout.contains("mentor.set"), "{}", run.stdout);
    assert!(run.stdout.contains("more time"), "{}", run.stdout);
    let case = registry.run(&["--format", "json", "mentor", "show", "m-0001", "--full"]).expect(0).json();
    assert_eq!(case["agreements"], serde_json::json!([]));
    assert_eq!(case["contacts"], serde_json::json!([]));
    let actions: Vec<&str> =
        case["history"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["mentor.set", "mentor.add"]);
}

#[test]
fn show_full_history_hides_earlier_names() {
    let registry = people();
    registry.run(&["child", "set", "c-0001", "surname=Petrenko"]).expect(0);
    let case = registry.run(&["--format", "json", "child", "show", "c-0001", "--full"]).expect(0).json();
    let change = &case["history"][0]["fields"][0];
    assert_eq!(change["field"], "surname");
    assert_eq!(change["old"], "•••", "history's privacy: {change}");
    assert_eq!(change["new"], "•••");
    let text = registry.run(&["child", "show", "c-0001", "--full"]).expect(0).stdout;
    let history = text.split("── Latest changes ──").nth(1).unwrap();
    assert!(!history.contains("Koval"), "{history}");
}

#[test]
fn show_full_refuses_unknown_ids_and_institutions() {
    let registry = people();
    let run = registry.run(&["child", "show", "c-0099", "--full"]).expect(2);
    assert!(run.stderr.contains("no child with ID `c-0099`"), "{}", run.stderr);
    let run = registry.run(&["child", "show", "m-0001", "--full"]).expect(2);
    assert!(run.stderr.contains("`m-0001` is a mentor"), "{}", run.stderr);
    let run = registry.run(&["institution", "show", "i-0001", "--full"]).expect(2);
    assert!(run.stderr.contains("`i-0001` is an institution"), "{}", run.stderr);
    let run = registry.run(&["child", "show", "c-0001", "--contacts", "3"]).expect(2);
    assert!(run.stderr.contains("--full"), "--contacts needs --full: {}", run.stderr);
}

#[test]
fn show_full_csv_and_find_csv_keep_their_stable_columns() {
    let registry = Registry::demo();
    let csv = registry.run(&["--format", "csv", "child", "show", "c-0001", "--full"]).expect(0).stdout;
    assert!(csv.starts_with("field,value\n"), "{csv}");
    for row in [
        "record.surname,Коваленко",
        "eligibility.eligible,true",
        "agreements.0.id,a-0001",
        "due.0.kind,regime_review",
    ] {
        assert!(csv.lines().any(|line| line == row), "{row}: {csv}");
    }
    let csv = registry.run(&["--format", "csv", "--lang", "uk", "find", "c-0001"]).expect(0).stdout;
    assert_eq!(csv, "kind,id,matched,status,name\nchild,c-0001,id,matched,\n");
}
