//! The command line's edges: dates as people type them, vocabularies and numbers parsed by
//! clap into typed values (issue #10, item 4).

use crate::support::Registry;

#[test]
fn a_date_typed_05_09_2026_is_accepted_by_writes_and_reads() {
    let registry = Registry::new().with_people();
    // A write through flags, one through a `set` assignment: both store the ISO date.
    let id = registry
        .run(&[
            "child",
            "add",
            "--surname",
            "Bondar",
            "--given-name",
            "Taras",
            "--birth-date",
            "05.09.2012",
            "--sex",
            "male",
            "--category",
            "orphan",
            "--placement",
            "institution",
            "--institution",
            "i-0001",
            "--community",
            "Testova",
            "--registered-on",
            "05.09.2026",
        ])
        .expect(0)
        .stdout;
    let file = registry.read(&format!("children/{}.toml", id.trim()));
    assert!(file.contains("birth_date = 2012-09-05"), "{file}");
    assert!(file.contains("registered_on = 2026-09-05"), "{file}");
    registry.run(&["child", "set", id.trim(), "studying_until=30.06.2030"]).expect(0);
    let file = registry.read(&format!("children/{}.toml", id.trim()));
    assert!(file.contains("studying_until = 2030-06-30"), "{file}");
    // A read: the same verdict whichever way the date is written, and `--today` too.
    let eligibility =
        |on: &str| registry.run(&["--format", "json", "eligibility", "c-0001", "--on", on]).json();
    assert_eq!(eligibility("05.09.2026"), eligibility("2026-09-05"));
    assert_eq!(eligibility("05.09.2026")["on"], "2026-09-05");
    let today = registry.run(&["--today", "05.09.2026", "--format", "json", "eligibility", "c-0001"]).json();
    assert_eq!(today, eligibility("2026-09-05"));
}

#[test]
fn a_day_the_calendar_has_not_is_refused_naming_the_flag() {
    let registry = Registry::new().with_people();
    let before = registry.commit_count();
    for (args, flag) in [
        (&["agreement", "new", "c-0001", "m-0001", "--date", "31.02.2026"][..], "--date"),
        (&["eligibility", "c-0001", "--on", "31.02.2026"][..], "--on"),
        (&["child", "set", "c-0001", "birth_date=31.02.2012"][..], "birth_date"),
        (&["mentor", "add", "--birth-date", "2026-02-31"][..], "--birth-date"),
    ] {
        let run = registry.run(args).expect(2);
        assert!(run.stderr.contains(flag), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("31"), "{args:?}: {}", run.stderr);
    }
    assert_eq!(registry.commit_count(), before, "nothing committed");
    assert_eq!(registry.status(), "", "nothing written");
}

#[test]
fn an_unknown_sex_is_refused_with_the_possible_values() {
    let registry = Registry::new();
    let run = registry.run(&["mentor", "add", "--sex", "f"]).expect(2);
    assert!(run.stderr.contains("--sex"), "{}", run.stderr);
    assert!(run.stderr.contains("[possible values: female, male]"), "{}", run.stderr);
    let run = registry.run(&["agreement", "close", "a-0001", "--reason", "bored"]).expect(2);
    assert!(run.stderr.contains("mutual_consent"), "{}", run.stderr);
    let run = registry.run(&["mentor", "add", "--capacity", "101"]).expect(2);
    assert!(run.stderr.contains("--capacity") && run.stderr.contains("0..=100"), "{}", run.stderr);
}

#[test]
fn hours_that_are_not_whole_minutes_of_a_contact_are_refused_by_the_parser() {
    let registry = Registry::demo();
    let before = registry.read("agreements/a-0001.toml");
    for bad in ["nan", "inf", "-1", "0.33", "25", "0", "1,5", ""] {
        let run = registry.run(&["contact", "add", "a-0001", "--kind", "meeting", "--hours", bad]);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert!(
            run.stderr.contains("invalid value") && run.stderr.contains("--hours"),
            "{bad}: {}",
            run.stderr
        );
    }
    assert_eq!(registry.read("agreements/a-0001.toml"), before);
}

#[test]
fn bash_completions_list_the_values_of_sex() {
    // The shell's script asks the binary at each TAB (see completion.rs for the protocol).
    let registry = Registry::new();
    let ask = |words: &[&str]| {
        registry
            .run_with(&[], |c| {
                c.env("NASTAVNYK_COMPLETE", "fish").arg("--").arg("nastavnyk").args(words);
            })
            .expect(0)
            .stdout
    };
    assert_eq!(ask(&["mentor", "add", "--sex", ""]), "female\nmale\n");
    assert!(ask(&["agreement", "close", "a-0001", "--reason", ""]).contains("mutual_consent"));
}
