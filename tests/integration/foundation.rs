//! The registry, `check`, and safe edits committed to git (issue #2).

use crate::support::*;

#[test]
fn cli_definition_is_consistent() {
    use clap::CommandFactory;
    nastavnyk::cli::Cli::command().debug_assert();
}

#[test]
fn init_creates_a_committed_registry() {
    let registry = Registry::new();
    assert!(registry.exists("nastavnyk.toml"));
    for dir in ["children", "mentors", "institutions", "agreements", "templates"] {
        assert!(registry.root().join(dir).is_dir(), "{dir}");
    }
    assert_eq!(registry.status(), "");
    let log = registry.git(&["log", "--format=%s"]);
    assert_eq!(log.trim(), "registry init nastavnyk");
    registry.run(&["check"]).expect(0);
}

#[test]
fn add_set_and_commit_with_trailers() {
    let registry = Registry::new().with_people();
    let before = registry.commit_count();
    registry
        .run(&[
            "child",
            "set",
            "c-0001",
            "settlement=Zhytomyr",
            "interests=[\"chess\", \"music\"]",
            "--reason",
            "asked at intake",
        ])
        .expect(0);
    assert_eq!(registry.commit_count(), before + 1);
    let message = registry.git(&["log", "-1", "--format=%B"]);
    assert!(message.starts_with("child set c-0001\n"), "{message}");
    assert!(message.contains("Nastavnyk-Action: child.set\n"), "{message}");
    assert!(message.contains("Record: c-0001\n"), "{message}");
    assert!(message.contains("Reason: asked at intake\n"), "{message}");
    let files = registry.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "children/c-0001.toml");
    let text = registry.read("children/c-0001.toml");
    assert!(text.contains("settlement = \"Zhytomyr\""), "{text}");
    assert!(text.contains("interests = [\"chess\", \"music\"]"), "{text}");
    assert_eq!(registry.status(), "");
}

/// Runs a command that must be refused with exit 2, and checks that nothing was written or
/// committed; returns its stderr.
#[track_caller]
fn refused(registry: &Registry, args: &[&str]) -> String {
    registry.refused(args, "").stderr
}

#[test]
fn unknown_field_is_refused_with_a_hint() {
    let registry = Registry::new().with_people();
    let stderr = refused(&registry, &["child", "set", "c-0001", "setlement=Zhytomyr"]);
    assert!(stderr.contains("unknown field `setlement`; did you mean `settlement`?"), "{stderr}");
}

#[test]
fn path_like_and_unknown_ids_are_refused() {
    let registry = Registry::new().with_people();
    for id in ["../x", "../../etc/passwd", "C-0001", "a/b"] {
        let stderr = refused(&registry, &["child", "set", id, "settlement=X"]);
        assert!(stderr.contains("is not a valid ID"), "{id}: {stderr}");
    }
    let stderr = refused(&registry, &["child", "set", "c-0099", "settlement=X"]);
    assert!(stderr.contains("no child with ID `c-0099`"), "{stderr}");
    let stderr = refused(&registry, &["mentor", "show", "c-0001"]);
    assert!(stderr.contains("`c-0001` is a child, not a mentor"), "{stderr}");
}

#[test]
fn bad_values_are_refused_with_the_field_named() {
    let registry = Registry::new().with_people();
    let cases: &[(&[&str], &str)] = &[
        (
            &["child", "set", "c-0001", "birth_date=2026-02-30"],
            "`birth_date`: `2026-02-30` is not a date YYYY-MM-DD",
        ),
        (&["child", "set", "c-0001", "birth_date=30.02.2012"], "is not a date YYYY-MM-DD"),
        (&["child", "set", "c-0001", "sex=f"], "`sex`: `f` is not one of female, male"),
        (
            &["child", "set", "c-0001", "goal_areas=abilities,cooking"],
            "`goal_areas`: `cooking` is not one of",
        ),
        (&["mentor", "set", "m-0001", "capacity=two"], "`capacity`: `two` is not a whole number"),
        (&["child", "set", "c-0001", "surname="], "`surname` is required"),
        (&["child", "set", "c-0001", "id=c-0002"], "`id` cannot be set this way"),
        (&["child", "set", "c-0001", "institution=../i"], "`../i` is not a valid ID"),
        (&["child", "set", "c-0001", "oops"], "`oops` is not an assignment"),
    ];
    for (args, expected) in cases {
        let stderr = refused(&registry, args);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn invalid_states_are_refused_with_file_line_and_code() {
    let registry = Registry::new().with_people();
    let stderr = refused(&registry, &["child", "set", "c-0001", "birth_date=2027-01-01"]);
    assert!(stderr.contains("error[date.future]"), "{stderr}");
    assert!(stderr.contains("children/c-0001.toml:4:1"), "{stderr}");
    // The snippet shows the refused value, not the file as it still is.
    assert!(stderr.contains("birth_date = 2027-01-01"), "{stderr}");
    let stderr = refused(&registry, &["child", "set", "c-0001", "institution=i-0042"]);
    assert!(stderr.contains("error[ref.unknown]"), "{stderr}");
    assert!(
        stderr.contains("`institution` refers to institution `i-0042`, which does not exist"),
        "{stderr}"
    );
    let stderr = refused(&registry, &["child", "set", "c-0001", "consent.child=2009-01-01"]);
    assert!(stderr.contains("error[date.order]"), "{stderr}");
}

#[test]
fn the_same_person_cannot_be_added_twice() {
    let registry = Registry::new().with_people();
    let stderr = refused(
        &registry,
        &[
            "child",
            "add",
            "--surname",
            "koval",
            "--given-name",
            "Maria",
            "--birth-date",
            "2010-03-14",
            "--sex",
            "female",
            "--category",
            "orphan",
            "--placement",
            "institution",
            "--community",
            "Testova",
        ],
    );
    assert!(stderr.contains("error[person.duplicate]"), "{stderr}");
    assert!(stderr.contains("children/c-0001.toml"), "{stderr}");
}

#[test]
fn add_prints_the_next_id_and_writes_owner_only_files() {
    let registry = Registry::new().with_people();
    let run = registry
        .run(&[
            "child",
            "add",
            "--surname",
            "Bondar",
            "--given-name",
            "Ivan",
            "--birth-date",
            "2011-06-01",
            "--sex",
            "male",
            "--category",
            "deprived_of_parental_care",
            "--placement",
            "institution",
            "--community",
            "Testova",
        ])
        .expect(0);
    assert_eq!(run.stdout, "c-0002\n");
    let text = registry.read("children/c-0002.toml");
    assert!(text.starts_with("id = \"c-0002\"\n"), "{text}");
    assert!(text.contains("registered_on = 2026-11-23\n"), "{text}");
    assert!(text.contains("languages = [\"uk\"]\n"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode =
            std::fs::metadata(registry.root().join("children/c-0002.toml")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert_eq!(registry.git(&["log", "-1", "--format=%s"]).trim(), "child add c-0002");
    assert_eq!(registry.git(&["log", "-1", "--format=%an"]).trim(), "Тест Координатор");
}

#[test]
fn set_keeps_comments_and_layout() {
    let registry = Registry::new().with_people();
    let original = registry.read("mentors/m-0001.toml");
    let commented = original.replace("capacity = 1", "capacity = 1  # agreed at the interview").replacen(
        "id = ",
        "# Recruited at the spring fair.\nid = ",
        1,
    );
    registry.commit_file("mentors/m-0001.toml", &commented);
    registry.run(&["mentor", "set", "m-0001", "capacity=2", "phone=+380 67 123 4567"]).expect(0);
    let text = registry.read("mentors/m-0001.toml");
    assert!(text.starts_with("# Recruited at the spring fair.\nid = \"m-0001\"\n"), "{text}");
    assert!(text.contains("capacity = 2  # agreed at the interview\n"), "{text}");
    assert!(text.contains("phone = \"+380 67 123 4567\""), "{text}");
    assert_eq!(
        text.lines().count(),
        commented.lines().count() + 1,
        "one line added, nothing else moved:\n{text}"
    );
}

#[test]
fn lists_take_arrays_or_commas_and_empty_removes() {
    let registry = Registry::new().with_people();
    registry.run(&["child", "set", "c-0001", "languages=uk, en", "preferences.mentor_sex=female"]).expect(0);
    let text = registry.read("children/c-0001.toml");
    assert!(text.contains("languages = [\"uk\", \"en\"]"), "{text}");
    assert!(text.contains("[preferences]\nmentor_sex = \"female\""), "{text}");
    registry.run(&["child", "set", "c-0001", "preferences.mentor_sex="]).expect(0);
    let text = registry.read("children/c-0001.toml");
    assert!(!text.contains("mentor_sex"), "{text}");
    assert!(!text.contains("[preferences]"), "an emptied table is removed:\n{text}");
}

#[test]
fn check_reports_every_problem_sorted_with_positions() {
    let registry = Registry::new().with_people();
    registry.write("children/c-0005.toml", "id = \"c-0005\"\nsurname = \"X\"\n[broken\n");
    let mentor = registry.read("mentors/m-0001.toml").replace("surname = ", "surnme = ");
    registry.write("mentors/m-0001.toml", &mentor);
    registry.write(
        "institutions/i-0001.toml",
        &registry.read("institutions/i-0001.toml").replace("vocational", "vocatonal"),
    );
    registry
        .write("children/c-0002.toml", &registry.read("children/c-0001.toml").replace("c-0001", "c-0003"));
    registry.write("children/Bad Name.toml", "id = \"x\"\n");
    let agreement = "id = \"a-0001\"\nchild = \"c-0001\"\nmentor = \"m-0009\"\ninstitution = \"i-0001\"\nregime = \"2026\"\n\
        status = \"active\"\nproposed_on = 2026-10-05\nsigned_on = 2026-10-01\n[signatures]\ncentre = 2026-10-01\n\
        institution = 2026-10-01\nmentor = 2026-10-01\nlegal_representative = 2026-10-01\n[[contacts]]\ndate = 2026-09-20\n\
        kind = \"meeting\"\nhours = 2.0\n";
    registry.write("agreements/a-0001.toml", agreement);

    let run = registry.run(&["check", "--format", "json"]).expect(1);
    let json = run.json();
    assert_eq!(json["ok"], false);
    let errors = json["errors"].as_array().unwrap();
    let found: Vec<(String, Option<u64>, String)> = errors
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap().to_string(),
                e["line"].as_u64(),
                e["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expect = |file: &str, line: Option<u64>, code: &str| {
        assert!(
            found.iter().any(|(f, l, c)| f == file && (line.is_none() || *l == line) && c == code),
            "missing {file}:{line:?} {code} in {found:#?}"
        );
    };
    expect("children/c-0005.toml", Some(3), "toml.syntax");
    expect("mentors/m-0001.toml", Some(2), "schema.unknown_key");
    expect("institutions/i-0001.toml", Some(3), "schema.enum");
    expect("children/c-0002.toml", Some(1), "id.mismatch");
    expect("children/Bad Name.toml", None, "id.file_name");
    expect("agreements/a-0001.toml", Some(3), "ref.unknown");
    // i-0001 exists but does not parse: that is its own problem, not a dangling reference.
    assert!(
        !found.iter().any(|(f, l, c)| f == "agreements/a-0001.toml" && *l == Some(4) && c == "ref.unknown"),
        "{found:#?}"
    );
    expect("agreements/a-0001.toml", Some(8), "date.order");
    expect("agreements/a-0001.toml", None, "contact.before_signing");
    let message =
        errors.iter().find(|e| e["code"] == "schema.unknown_key").unwrap()["message"].as_str().unwrap();
    assert_eq!(message, "unknown key `surnme`; did you mean `surname`?");
    // Sorted by file, then line.
    let keys: Vec<(String, u64)> = errors
        .iter()
        .map(|e| (e["file"].as_str().unwrap().to_string(), e["line"].as_u64().unwrap_or(0)))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);

    // Plain output: path:line:col with a snippet, and the localized summary.
    let run = registry.run(&["check"]).expect(1);
    assert!(run.stdout.contains(" --> mentors/m-0001.toml:2:1"), "{}", run.stdout);
    assert!(run.stdout.contains("surnme = \"Shevchuk\""), "{}", run.stdout);
    let uk = registry.run(&["--lang", "uk", "check"]).expect(1);
    assert!(uk.stdout.contains("невідомий ключ `surnme`; можливо, `surname`?"), "{}", uk.stdout);
}

#[test]
fn check_finds_duplicates_and_impossible_dates() {
    let registry = Registry::new().with_people();
    let copy = registry.read("children/c-0001.toml").replace("c-0001", "c-0002");
    // The same person, typed with other case and a stray space.
    registry.write("children/c-0002.toml", &copy.replace("surname = \"Koval\"", "surname = \"KOVAL \""));
    let future =
        registry.read("mentors/m-0001.toml").replace("birth_date = 1988-05-02", "birth_date = 2030-01-01");
    registry.write("mentors/m-0001.toml", &future);
    let impossible = registry.read("institutions/i-0001.toml").replace("id = ", "x = 1\nid = ");
    registry.write("institutions/i-0001.toml", &impossible);
    registry
        .write("children/c-0003.toml", &copy.replace("c-0002", "c-0003").replace("2010-03-14", "2010-02-30"));
    let json = registry.run(&["check", "--format", "json"]).expect(1).json();
    let codes: Vec<(&str, &str)> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["file"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert!(codes.contains(&("children/c-0002.toml", "person.duplicate")), "{codes:?}");
    assert!(codes.contains(&("mentors/m-0001.toml", "date.future")), "{codes:?}");
    assert!(codes.contains(&("institutions/i-0001.toml", "schema.unknown_key")), "{codes:?}");
    assert!(codes.contains(&("children/c-0003.toml", "date.invalid")), "{codes:?}");
}

#[test]
fn a_broken_registry_stops_other_commands_with_exit_2() {
    let registry = Registry::new().with_people();
    registry.write("children/c-0001.toml", "id = \"c-0001\"\nsurname = [\n");
    let run = registry.run(&["child", "list"]).expect(2);
    assert!(run.stderr.contains("children/c-0001.toml:"), "{}", run.stderr);
    assert!(run.stderr.contains("run `nastavnyk check` to see every problem"), "{}", run.stderr);
}

#[test]
fn remove_refuses_while_referenced() {
    let registry = Registry::new().with_people();
    let stderr = refused(&registry, &["institution", "remove", "i-0001"]);
    assert!(stderr.contains("`i-0001` is still referred to by children/c-0001.toml"), "{stderr}");
    registry.run(&["child", "set", "c-0001", "institution="]).expect(0);
    registry.run(&["institution", "remove", "i-0001", "--reason", "closed down"]).expect(0);
    assert!(!registry.exists("institutions/i-0001.toml"));
    assert_eq!(registry.git(&["log", "-1", "--format=%s"]).trim(), "institution remove i-0001");
    assert_eq!(registry.status(), "");
}

#[test]
fn edit_validates_and_keeps_a_refused_edit() {
    let registry = Registry::new().with_people();
    let script = registry.dir.path().join("editor.sh");
    // An "editor" that makes a typo in a key.
    std::fs::write(&script, "#!/bin/sh\nsed -i 's/^settlement.*//; s/^community = /comunity = /' \"$1\"\n")
        .unwrap();
    make_executable(&script);
    let before = registry.read("children/c-0001.toml");
    let run = registry.run_with(&["child", "edit", "c-0001"], |c| {
        c.env("EDITOR", &script);
    });
    let run = run.expect(2);
    assert!(run.stderr.contains("unknown key `comunity`; did you mean `community`?"), "{}", run.stderr);
    assert!(run.stderr.contains(".c-0001.edit.toml"), "{}", run.stderr);
    assert_eq!(registry.read("children/c-0001.toml"), before);
    assert_eq!(registry.status(), "", "the kept copy is ignored by git");
    // Fixing it resumes from the kept copy.
    std::fs::write(&script, "#!/bin/sh\nsed -i 's/^comunity = /community = /; s/^given_name = .*/given_name = \"Mariia\"/' \"$1\"\n").unwrap();
    registry
        .run_with(&["child", "edit", "c-0001", "--reason", "spelling"], |c| {
            c.env("EDITOR", &script);
        })
        .expect(0);
    let text = registry.read("children/c-0001.toml");
    assert!(text.contains("given_name = \"Mariia\""), "{text}");
    assert!(!registry.exists("children/.c-0001.edit.toml"));
    assert_eq!(registry.git(&["log", "-1", "--format=%s"]).trim(), "child edit c-0001");
}

fn make_executable(path: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn no_commit_and_config_switch_leave_changes_uncommitted() {
    let registry = Registry::new().with_people();
    let commits = registry.commit_count();
    registry.run(&["--no-commit", "child", "set", "c-0001", "settlement=A"]).expect(0);
    assert_eq!(registry.commit_count(), commits);
    assert!(registry.status().contains("children/c-0001.toml"));
    registry.git(&["commit", "-qam", "by hand"]);
    let config = registry.read("nastavnyk.toml").replace("commit = true", "commit = false");
    registry.commit_file("nastavnyk.toml", &config);
    let commits = registry.commit_count();
    registry.run(&["child", "set", "c-0001", "settlement=B"]).expect(0);
    assert_eq!(registry.commit_count(), commits);
}

#[test]
fn the_registry_is_found_by_flag_env_or_walking_up() {
    let registry = Registry::new().with_people();
    let nested = registry.root().join("children");
    let run = |dir: &std::path::Path, env: Option<&std::path::Path>| {
        let mut command = command(dir);
        command.args(["--today", TODAY, "--format", "csv", "child", "list"]);
        if let Some(env) = env {
            command.env("NASTAVNYK_RECORDS", env);
        }
        let output = command.output().unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (code, stdout, _) = run(&nested, None);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("c-0001"), "{stdout}");
    let (code, stdout, _) = run(registry.dir.path(), Some(&registry.root()));
    assert_eq!(code, Some(0));
    assert!(stdout.contains("c-0001"), "{stdout}");
    let (code, _, stderr) = run(registry.dir.path(), None);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("no registry found") || stderr.contains("реєстр не знайдено"), "{stderr}");
}

#[test]
fn list_hides_names_unless_asked_and_filters() {
    let registry = Registry::new().with_people();
    let csv = registry.run(&["--format", "csv", "child", "list"]).expect(0).stdout;
    assert!(
        csv.starts_with("id,birth_date,sex,category,placement,community,registered_on,status\n"),
        "{csv}"
    );
    assert!(!csv.contains("Koval"), "{csv}");
    let csv = registry.run(&["--format", "csv", "child", "list", "--with-names"]).expect(0).stdout;
    assert!(csv.contains("Koval"), "{csv}");
    let json = registry
        .run(&["--format", "json", "child", "list", "--where", "interests=Football"])
        .expect(0)
        .json();
    assert_eq!(json.as_array().unwrap().len(), 1);
    let json = registry.run(&["--format", "json", "child", "list", "--where", "sex=male"]).expect(0).json();
    assert_eq!(json.as_array().unwrap().len(), 0);
    let stderr = registry.run(&["child", "list", "--where", "sexx=male"]).expect(2).stderr;
    assert!(stderr.contains("did you mean `sex`?"), "{stderr}");
}

#[test]
fn bad_today_and_dates_are_usage_errors() {
    let registry = Registry::new();
    let run = registry.run_with(&["check"], |c| {
        c.args(["--today", "2026-13-01"]);
    });
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("`2026-13-01` is not a date: write YYYY-MM-DD"), "{}", run.stderr);
}

#[test]
fn completions_and_manpage_are_generated() {
    let registry = Registry::new();
    let bash = registry.run(&["completions", "bash"]).expect(0).stdout;
    // The script registers a function that asks the binary itself (NASTAVNYK_COMPLETE=bash).
    assert!(bash.contains("complete ") && bash.contains("NASTAVNYK_COMPLETE=\"bash\""), "{bash}");
    let man = registry.run(&["manpage"]).expect(0).stdout;
    assert!(man.contains(".TH nastavnyk"), "{man}");
}

#[test]
fn the_demo_registry_passes_check() {
    let registry = Registry::demo();
    let json = registry.run(&["check", "--format", "json"]).expect(0).json();
    assert_eq!(json["ok"], true, "{json:#}");
    assert_eq!(json["errors"].as_array().unwrap().len(), 0);
    // The domain assertions: an overdue centre check-in and certificates about to expire.
    let warnings: Vec<(&str, &str)> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["file"].as_str().unwrap(), w["code"].as_str().unwrap()))
        .collect();
    assert!(warnings.contains(&("agreements/a-0005.toml", "agreement.checkin_overdue")), "{warnings:?}");
    assert!(warnings.contains(&("mentors/m-0002.toml", "mentor.document_expiring")), "{warnings:?}");
}

#[test]
fn check_warns_when_a_party_of_an_open_agreement_is_no_longer_eligible() {
    let registry = Registry::demo();
    // c-0003 turns 18 on 2026-12-28 and does not study: on that day a-0003 outlives the rules.
    let json = registry.run(&["--today", "2026-12-28", "check", "--format", "json"]).expect(0).json();
    let warning = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["file"] == "agreements/a-0003.toml" && w["code"] == "agreement.ineligible")
        .unwrap_or_else(|| panic!("{json:#}"));
    assert!(warning["message"].as_str().unwrap().contains("child.max_age"), "{warning}");
    let before = registry.run(&["--today", "2026-12-27", "check", "--format", "json"]).expect(0).json();
    assert!(
        !before["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["file"] == "agreements/a-0003.toml" && w["code"] == "agreement.ineligible")
    );
}

#[test]
fn a_commit_takes_only_the_changed_record_not_what_the_user_staged() {
    let registry = Registry::new().with_people();
    registry.write("notes.txt", "my own notes\n");
    registry.git(&["add", "notes.txt"]);
    registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(0);
    let files = registry.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "children/c-0001.toml");
    assert_eq!(registry.status(), "A  notes.txt\n", "the user's staged file stays staged");
}

#[test]
fn a_registry_inside_a_larger_repository_commits_its_own_paths() {
    let dir = tempfile::tempdir().unwrap();
    let outer = dir.path();
    git(outer, &["init", "-q"]);
    let run = |args: &[&str]| {
        let output = command(outer)
            .args(["--today", TODAY, "--lang", "en", "-C", "centre/records"])
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let init = command(outer)
        .args(["init", "centre/records", "--centre", "C", "--community", "X"])
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    assert_eq!(
        run(&[
            "institution",
            "add",
            "--name",
            "L",
            "--kind",
            "other",
            "--address",
            "A",
            "--director",
            "D",
            "--community",
            "X"
        ]),
        "i-0001\n"
    );
    let files = git(outer, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "centre/records/institutions/i-0001.toml");
    assert_eq!(git(outer, &["status", "--porcelain"]), "");
}

#[test]
fn an_id_used_in_two_folders_is_reported() {
    let registry = Registry::new().with_people();
    let mentor = registry.read("mentors/m-0001.toml").replace("m-0001", "c-0001");
    registry.write("mentors/c-0001.toml", &mentor);
    let json = registry.run(&["check", "--format", "json"]).expect(1).json();
    let duplicate = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "id.duplicate")
        .unwrap_or_else(|| panic!("{json:#}"));
    assert_eq!(duplicate["file"], "mentors/c-0001.toml");
    assert!(duplicate["message"].as_str().unwrap().contains("children/c-0001.toml"), "{duplicate}");
}

#[test]
fn check_catches_dangling_conflicts_and_outings_without_consents() {
    let registry = Registry::demo();
    registry.run(&["mentor", "set", "m-0013", "conflicts=c-0001,i-0099"]).expect(2);
    let mentor = registry.read("mentors/m-0013.toml").replacen(
        "id = \"m-0013\"\n",
        "id = \"m-0013\"\nconflicts = [\"c-0001\", \"i-0099\"]\n",
        1,
    );
    registry.write("mentors/m-0013.toml", &mentor);
    let agreement = registry.read("agreements/a-0007.toml");
    let without = agreement.replace(
        "consents = [\"child\", \"legal_representative\", \"institution\"]",
        "consents = [\"child\"]",
    );
    assert_ne!(agreement, without, "the demo's outing records its consents");
    registry.write("agreements/a-0007.toml", &without);
    let json = registry.run(&["check", "--format", "json"]).expect(1).json();
    let error =
        json["errors"].as_array().unwrap().iter().find(|e| e["file"] == "mentors/m-0013.toml").unwrap();
    assert_eq!(error["code"], "ref.unknown");
    assert!(error["message"].as_str().unwrap().contains("institution `i-0099`"), "{error}");
    let warning =
        json["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "contact.outing_consents").unwrap();
    assert_eq!(warning["file"], "agreements/a-0007.toml");
    assert!(warning["message"].as_str().unwrap().contains("legal_representative"), "{warning}");
}

#[test]
fn check_reports_every_bad_key_of_one_file() {
    let registry = Registry::new().with_people();
    let text = registry
        .read("mentors/m-0001.toml")
        .replace("surname = ", "surnme = ")
        .replace("sex = \"male\"", "sex = \"mail\"")
        .replace("capacity = 1", "capacity = 1\ncolour = \"green\"");
    registry.write("mentors/m-0001.toml", &text);
    let json = registry.run(&["check", "--format", "json"]).expect(1).json();
    let found: Vec<(u64, &str)> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["file"] == "mentors/m-0001.toml")
        .map(|e| (e["line"].as_u64().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    let line = |needle: &str| text.lines().position(|l| l.starts_with(needle)).unwrap() as u64 + 1;
    for expected in [
        (line("surnme"), "schema.unknown_key"),
        (line("sex"), "schema.enum"),
        (line("colour"), "schema.unknown_key"),
    ] {
        assert!(found.contains(&expected), "{expected:?} in {found:?}");
    }
}
