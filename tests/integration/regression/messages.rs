//! Regressions of what the tool says: the kind of record named, one problem per mistake,
//! real plurals, no hedged «(и)».

use crate::support::Registry;

#[test]
fn eligibility_of_an_institution_id_says_there_is_no_child() {
    // See: #10 — `eligibility i-0001` said "no child with ID i-0001" although the ID is an
    // institution's and the command takes mentors too.
    let registry = Registry::demo();
    let run = registry.run(&["eligibility", "i-0001"]).expect(2);
    assert!(run.stderr.contains("`i-0001` is an institution, not a child or a mentor"), "{}", run.stderr);
    let run = registry.run(&["child", "show", "m-0001"]).expect(2);
    assert!(run.stderr.contains("`m-0001` is a mentor, not a child"), "{}", run.stderr);
    let run = registry.run(&["--lang", "uk", "child", "show", "m-0001"]).expect(2);
    assert!(run.stderr.contains("`m-0001` — це наставник, а тут потрібен дитина"), "{}", run.stderr);
    let run = registry.run(&["child", "show", "c-9999"]).expect(2);
    assert!(run.stderr.contains("no child with ID `c-9999`"), "{}", run.stderr);
}

#[test]
fn a_misspelt_key_is_reported_twice_as_unknown_and_missing() {
    // See: #10 — `birth_dat = …` gave an unknown key *and* "required key birth_date is
    // missing" at 1:1; the typo is one problem.
    let registry = Registry::demo();
    let text = registry.read("children/c-0001.toml").replacen("birth_date =", "birth_dat =", 1);
    registry.write("children/c-0001.toml", &text);
    let run = registry.run(&["--format", "json", "check"]).expect(1);
    let json = run.json();
    let codes: Vec<&str> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["file"] == "children/c-0001.toml")
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["schema.unknown_key"], "{json}");
}

#[test]
fn counted_messages_hedge_their_plurals() {
    // See: #10 — «у реєстрі 1 проблем(и)», "1 error(s)", "waiting 90 day(s)".
    let registry = Registry::demo();
    let text = registry.read("children/c-0001.toml").replacen("birth_date =", "birth_dat =", 1);
    registry.write("children/c-0001.toml", &text);
    let run = registry.run(&["--lang", "uk", "status"]).expect(2);
    assert!(run.stderr.contains("спершу виправте в реєстрі 1 проблему"), "{}", run.stderr);
    let run = registry.run(&["check"]).expect(1);
    assert!(
        run.stdout.contains("1 error,") || run.stderr.contains("1 error,"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    for run in [registry.run(&["--lang", "uk", "check"]), registry.run(&["check"])] {
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(!all.contains("(и)") && !all.contains("(s)"), "{all}");
    }
}

#[test]
fn a_failed_write_is_reported_as_a_failed_read() {
    // See: #10 — every I/O error said "cannot read", a write too, and the system's reason
    // was folded into the text instead of kept as the cause.
    let registry = Registry::demo();
    registry.write("plain.txt", "not a folder\n");
    let target = registry.root().join("plain.txt").join("report.csv");
    let target = target.to_str().unwrap();
    let run = registry.run(&["report", "monthly", "--month", "2026-10", "-o", target]).expect(2);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
    assert!(!run.stderr.contains("cannot read"), "{}", run.stderr);
    // The cause, in the system's words, follows the message.
    assert!(run.stderr.contains("Not a directory"), "{}", run.stderr);
}
