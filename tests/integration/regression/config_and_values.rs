//! Regressions of config and values.

use crate::support::*;

/// The demo registry with `extra` appended to its `nastavnyk.toml`, and the line it starts on.
fn demo_with_config(extra: &str) -> (Registry, usize) {
    let registry = Registry::demo();
    let config = registry.read("nastavnyk.toml");
    let line = config.lines().count() + 2;
    registry.write("nastavnyk.toml", &format!("{config}\n{extra}"));
    (registry, line)
}

/// `check` names the file, the line and the key with its range; every other command refuses
/// the configuration cleanly (exit 2, no hang, no panic).
fn assert_config_refused(registry: &Registry, key: &str, line: usize) {
    let run = registry.run(&["--format", "json", "check"]).expect(1);
    let errors = run.json()["errors"].as_array().unwrap().clone();
    let error = errors.iter().find(|e| e["code"] == "config.range").unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(error["file"], "nastavnyk.toml");
    assert_eq!(error["line"], line as u64, "{error}");
    assert!(error["message"].as_str().unwrap().contains(key), "{error}");
    assert!(error["message"].as_str().unwrap().contains("..="), "{error}");
    for args in [&["due"][..], &["status"], &["report", "monthly", "--month", "2026-10"], &["match"]] {
        let run = registry.run(args).expect(2);
        assert!(run.stderr.contains(key), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("nastavnyk.toml"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn a_monitoring_interval_of_zero_is_refused_instead_of_looping_forever() {
    // See: #11
    for key in ["checkin_interval_days_first_year", "checkin_interval_days_after", "first_checkin_days"] {
        let (registry, line) = demo_with_config(&format!("[monitoring]\n{key} = 0\n"));
        assert_config_refused(&registry, key, line + 1);
    }
}

#[test]
fn huge_day_counts_ages_and_weights_are_refused_instead_of_panicking() {
    // See: #11
    for (table, key, value) in [
        ("monitoring", "ending_within_days", "4000000000"),
        ("monitoring", "document_expiring_days", "36526"),
        ("rules.2026", "max_child_age", "2000000000"),
        ("rules.2017", "min_mentor_age", "-1"),
        ("matching", "min_age_gap", "2000000000"),
        ("matching.weights", "waiting", "1e300"),
        ("matching.weights", "interests", "nan"),
    ] {
        let (registry, line) = demo_with_config(&format!("[{table}]\n{key} = {value}\n"));
        assert_config_refused(&registry, key, line + 1);
    }
}

#[test]
fn due_within_a_hundred_million_days_is_a_usage_error_not_a_panic() {
    // See: #11
    let registry = Registry::demo();
    let run = registry.run(&["due", "--within", "100000000"]).expect(2);
    assert!(run.stderr.contains("--within"), "{}", run.stderr);
    registry.run(&["due", "--within", "36525"]).expect(0);
}

#[test]
fn nan_or_infinite_hours_in_a_record_are_an_error_not_nan_in_reports() {
    // See: #11
    for bad in ["nan", "inf", "-1.0", "25", "0.33"] {
        let registry = Registry::demo();
        let text =
            registry.read("agreements/a-0001.toml").replacen("hours = 2.5", &format!("hours = {bad}"), 1);
        let line = text.lines().position(|l| l == format!("hours = {bad}")).unwrap() + 1;
        registry.write("agreements/a-0001.toml", &text);
        let run = registry.run(&["--format", "json", "check"]).expect(1);
        let errors = run.json()["errors"].as_array().unwrap().clone();
        let error = errors
            .iter()
            .find(|e| e["file"] == "agreements/a-0001.toml")
            .unwrap_or_else(|| panic!("{bad}: {errors:?}"));
        assert_eq!(error["line"], line as u64, "{bad}: {error}");
        let run = registry.run(&["--format", "csv", "report", "monthly", "--month", "2025-10"]);
        assert!(!run.stdout.to_lowercase().contains("nan"), "{bad}: {}", run.stdout);
        assert_ne!(run.code, 0, "{bad}");
    }
}

#[test]
fn contact_hours_of_1e308_or_more_than_a_day_are_refused() {
    // See: #11
    let registry = Registry::demo();
    let before = registry.read("agreements/a-0001.toml");
    for bad in ["1e308", "25", "0", "-1", "NaN", "inf", "0.33"] {
        let run = registry.run(&[
            "contact",
            "add",
            "a-0001",
            "--date",
            "2026-11-20",
            "--kind",
            "meeting",
            "--hours",
            bad,
        ]);
        assert!(run.code == 1 || run.code == 2, "{bad}: {}", run.stderr);
        assert!(run.stderr.contains("24"), "{bad}: {}", run.stderr);
    }
    assert_eq!(registry.read("agreements/a-0001.toml"), before);
    registry
        .run(&["contact", "add", "a-0001", "--date", "2026-11-20", "--kind", "meeting", "--hours", "1.25"])
        .expect(0);
    assert!(registry.read("agreements/a-0001.toml").contains("hours = 1.25"));
}

#[test]
fn three_meetings_of_1_2_and_1_4_and_1_4_hours_meet_a_four_hour_norm() {
    // See: #11
    let registry = Registry::demo();
    let text = registry
        .read("agreements/a-0001.toml")
        .replace(
            "date = 2026-10-05\nkind = \"meeting\"\nhours = 3.5",
            "date = 2026-10-05\nkind = \"meeting\"\nhours = 1.2",
        )
        .replace(
            "date = 2026-10-15\nkind = \"meeting\"\nhours = 1.5",
            "date = 2026-10-15\nkind = \"meeting\"\nhours = 1.4",
        )
        .replace(
            "date = 2026-10-25\nkind = \"meeting\"\nhours = 4.0",
            "date = 2026-10-25\nkind = \"meeting\"\nhours = 1.4",
        );
    assert_eq!(text.matches("hours = 1.4").count(), 2);
    // The norm is the agreement's own monthly hours (#12): four, as the message says.
    let text = text.replace("hours_per_month = 8", "hours_per_month = 4");
    assert!(text.contains("hours_per_month = 4"));
    registry.write("agreements/a-0001.toml", &text);
    registry.run(&["check"]).expect(0);
    let due = registry.run(&["--format", "json", "due"]).expect(0).stdout;
    let due: serde_json::Value = serde_json::from_str(&due).unwrap();
    let short: Vec<_> = due
        .as_array()
        .or_else(|| due["items"].as_array())
        .unwrap()
        .iter()
        .filter(|item| item["record"] == "a-0001" && item["kind"] == "meetings_short")
        .collect();
    assert!(short.is_empty(), "{short:?}");
}

#[test]
fn control_characters_in_names_are_refused_at_input_and_reported_by_check() {
    // See: #11
    let registry = Registry::new().with_people();
    let before = registry.read("children/c-0001.toml");
    for bad in ["Zhy\u{1b}[31mtomyr", "Bell\u{7}", "two\nlines", "c1\u{9b}x", "v\u{b}t", "del\u{7f}x"] {
        let run = registry.run(&["child", "set", "c-0001", &format!("settlement={bad}")]);
        assert!(run.code == 1 || run.code == 2, "{bad:?}: {}", run.stderr);
        assert!(run.stderr.contains("settlement"), "{bad:?}: {}", run.stderr);
    }
    assert_eq!(registry.read("children/c-0001.toml"), before);
    let run = registry.run(&[
        "institution",
        "add",
        "--name",
        "Esc\u{1b}ape",
        "--kind",
        "vocational",
        "--address",
        "2 School St",
        "--director",
        "Ivan Director",
        "--community",
        "Testova",
    ]);
    assert!(run.code == 1 || run.code == 2, "{}", run.stderr);
    assert!(!registry.exists("institutions/i-0002.toml"));

    let text = before.replace("surname = \"Koval\"", "surname = \"Ko\\u001Bval\"");
    let line = text.lines().position(|l| l.starts_with("surname")).unwrap() + 1;
    registry.write("children/c-0001.toml", &text);
    let run = registry.run(&["--format", "json", "check"]).expect(1);
    let errors = run.json()["errors"].as_array().unwrap().clone();
    let error = errors.iter().find(|e| e["code"] == "text.control").unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(error["file"], "children/c-0001.toml");
    assert_eq!(error["line"], line as u64);
    registry.run(&["child", "list"]).expect(2);
}

#[test]
fn the_same_person_is_found_through_latin_look_alikes_and_zero_width_characters() {
    // See: #11
    let registry = Registry::new().with_people();
    let original = registry.read("children/c-0001.toml");
    let cyrillic = original
        .replace("surname = \"Koval\"", "surname = \"Коваленко\"")
        .replace("given_name = \"Maria\"", "given_name = \"Марія\"");
    registry.write("children/c-0001.toml", &cyrillic);
    // Latin 'o', 'a', 'e', 'K' and a zero-width space inside a Cyrillic name.
    let disguised = cyrillic
        .replace("id = \"c-0001\"", "id = \"c-0002\"")
        .replace("Коваленко", "Kов\u{200b}aлeнкo")
        .replace("Марія", "Мaрія");
    registry.write("children/c-0002.toml", &disguised);
    let run = registry.run(&["--format", "json", "check"]);
    let all = format!("{}", run.json());
    assert!(all.contains("c-0002") && all.contains("duplicate"), "{all}");
}

#[test]
fn a_symlinked_record_is_refused_not_followed_and_printed() {
    // See: #11
    let registry = Registry::new().with_people();
    let outside = registry.dir.path().join("secret.toml");
    let text =
        registry.read("children/c-0001.toml").replace("c-0001", "c-0009").replace("Koval", "SecretSurname");
    std::fs::write(&outside, text).unwrap();
    std::os::unix::fs::symlink(&outside, registry.root().join("children/c-0009.toml")).unwrap();
    let run = registry.run(&["--format", "json", "check"]).expect(1);
    let errors = run.json()["errors"].as_array().unwrap().clone();
    assert!(
        errors.iter().any(|e| e["code"] == "file.not_regular" && e["file"] == "children/c-0009.toml"),
        "{errors:?}"
    );
    let run = registry.run(&["--format", "json", "child", "show", "c-0009", "--with-names"]);
    assert_ne!(run.code, 0);
    assert!(!run.stdout.contains("SecretSurname") && !run.stderr.contains("SecretSurname"), "{}", run.stdout);
}

#[test]
fn list_where_compares_numbers_and_dates_as_values() {
    // See: #11
    let registry = Registry::demo();
    let run = registry.run(&["--format", "json", "mentor", "list", "--where", "capacity=1"]).expect(0);
    let rows = run.json();
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty(), "capacity=1 matched nothing");
    let run =
        registry.run(&["--format", "json", "agreement", "list", "--where", "hours_per_month=8.0"]).expect(0);
    assert!(run.json().as_array().unwrap().iter().any(|r| r["id"] == "a-0001"), "{}", run.stdout);
    let run = registry
        .run(&["--format", "json", "agreement", "list", "--where", "proposed_on=2025-09-15"])
        .expect(0);
    assert!(run.json().as_array().unwrap().iter().any(|r| r["id"] == "a-0001"), "{}", run.stdout);
}

#[test]
fn set_on_a_symlinked_record_writes_through_the_link() {
    // See: #11 — `check` and `show` refused a symlinked record, but `set` and `edit` still
    // read it and wrote through the link to a file outside the registry.
    let registry = Registry::new().with_people();
    let outside = registry.dir.path().join("outside.toml");
    let text = registry.read("children/c-0001.toml").replace("c-0001", "c-0009");
    std::fs::write(&outside, &text).unwrap();
    std::os::unix::fs::symlink(&outside, registry.root().join("children/c-0009.toml")).unwrap();
    let run = registry.run(&["child", "set", "c-0009", "settlement=Elsewhere"]).expect(2);
    assert!(run.stderr.contains("not_regular") || run.stderr.contains("regular"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), text, "the link's target was written");
    assert!(
        std::fs::symlink_metadata(registry.root().join("children/c-0009.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}
