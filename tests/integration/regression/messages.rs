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

/// Runs the binary in `dir` with `args` as given: no `-C`, no `--lang`, no `--today`.
fn bare(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let output = crate::support::command(dir).args(args).output().expect("binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn help_of_child_add_was_english_in_a_ukrainian_registry() {
    // See: #14 — `--help` was clap's English whatever the registry's language.
    let nowhere = tempfile::tempdir().unwrap();
    let (code, help, _) = bare(nowhere.path(), &["child", "add", "--help"]);
    assert_eq!(code, 0);
    for line in [
        "Додати запис; виводить новий ідентифікатор",
        "Використання: nastavnyk child add [ПАРАМЕТРИ] --surname <ПРІЗВИЩЕ> --given-name <ІМ'Я>",
        "Обов'язкові поля:",
        "Аргументи:",
        "Параметри:",
        "Глобальні параметри:",
        "--surname <ПРІЗВИЩЕ>",
        "Стать [можливі значення: female, male]",
        "-h, --help",
        "Показати довідку",
        "-V, --version",
        "Показати версію",
        "[типово: table]",
        "[змінна середовища: NASTAVNYK_RECORDS]",
    ] {
        assert!(help.contains(line), "no {line:?} in:\n{help}");
    }
    for english in [
        "Usage:",
        "Options:",
        "Arguments:",
        "Required fields:",
        "[default:",
        "[possible values:",
        "Print help",
    ] {
        assert!(!help.contains(english), "{english:?} in:\n{help}");
    }
    let (code, help, _) = bare(nowhere.path(), &["--lang", "en", "child", "add", "--help"]);
    assert_eq!(code, 0);
    for line in [
        "Add a record; prints the new ID",
        "Usage: nastavnyk child add [OPTIONS]",
        "Options:",
        "[possible values: female, male]",
        "Print help",
    ] {
        assert!(help.contains(line), "no {line:?} in:\n{help}");
    }
    // The registry's language decides without the flag, even from a subfolder.
    let english = Registry::new();
    let (_, help, _) = bare(&english.root().join("children"), &["child", "add", "-h"]);
    assert!(help.contains("Usage: nastavnyk child add"), "{help}");
    let ukrainian = Registry::demo();
    let (_, help, _) =
        bare(english.root().as_path(), &["-C", ukrainian.root().to_str().unwrap(), "help", "child", "add"]);
    assert!(help.contains("Використання: nastavnyk child add"), "{help}");
}

#[test]
fn help_was_english_when_the_registry_is_broken() {
    // See: #14 — the language is decided before the parse and must not fail on a broken config.
    let registry = Registry::demo();
    let config = registry.read("nastavnyk.toml").replace("[centre]", "[centre");
    registry.write("nastavnyk.toml", &config);
    let (code, help, _) = bare(&registry.root(), &["--help"]);
    assert_eq!(code, 0);
    assert!(
        help.contains("Використання: nastavnyk [ПАРАМЕТРИ] <КОМАНДА>") && help.contains("Команди:"),
        "{help}"
    );
}

#[test]
fn clap_errors_were_english() {
    // See: #14 — missing arguments, unknown flags, bad values and bad dates in clap's English.
    let nowhere = tempfile::tempdir().unwrap();
    let (code, _, err) = bare(nowhere.path(), &["contact", "add"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("помилка: бракує обов'язкових аргументів:\n  --kind <ВИД>\n  <ДОГОВІР>\n"),
        "{err}"
    );
    assert!(err.contains("Використання: nastavnyk contact add"), "{err}");
    let (code, _, err) = bare(nowhere.path(), &["child", "list", "--comunity", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("неочікуваний аргумент '--comunity'"), "{err}");
    assert!(err.contains("можливо, ви мали на увазі '--community'?"), "{err}");
    let (code, _, err) = bare(nowhere.path(), &["child", "add", "--sex", "femal"]);
    assert_eq!(code, 2);
    assert!(err.contains("неприпустиме значення 'femal' для '--sex <СТАТЬ>'"), "{err}");
    assert!(err.contains("[можливі значення: female, male]"), "{err}");
    let (code, _, err) = bare(nowhere.path(), &["chlid"]);
    assert_eq!(code, 2);
    assert!(err.contains("невідома команда 'chlid'") && err.contains("'child'"), "{err}");
    let (code, _, err) = bare(nowhere.path(), &["due", "--within", "abc"]);
    assert_eq!(code, 2);
    assert!(err.contains("потрібне ціле невід'ємне число"), "{err}");
    let (code, _, err) =
        bare(nowhere.path(), &["contact", "add", "a-0001", "--kind", "meeting", "--hours", "0.33"]);
    assert_eq!(code, 2);
    assert!(err.contains("контакт триває більше 0 і не більше 24 годин"), "{err}");
    let (code, _, err) = bare(nowhere.path(), &["eligibility", "--all", "c-0001"]);
    assert_eq!(code, 2);
    assert!(err.contains("'--all' не можна вказувати разом з"), "{err}");
    for args in [["contact", "add"].as_slice(), &["chlid"], &["due", "--within", "abc"]] {
        let (_, _, err) = bare(nowhere.path(), args);
        assert!(!err.contains("error:") && !err.contains("Usage:") && !err.contains("For more"), "{err}");
    }
    // English stays clap's own.
    let (code, _, err) = bare(nowhere.path(), &["--lang", "en", "contact", "add"]);
    assert_eq!(code, 2);
    assert!(err.contains("error: the following required arguments were not provided"), "{err}");
    let (code, out, _) = bare(nowhere.path(), &["--version"]);
    assert_eq!((code, out.as_str()), (0, concat!("nastavnyk ", env!("CARGO_PKG_VERSION"), "\n")));
}

#[test]
fn the_man_page_was_english() {
    // See: #14 — `nastavnyk manpage` was English in a Ukrainian registry.
    let nowhere = tempfile::tempdir().unwrap();
    let (code, man, _) = bare(nowhere.path(), &["manpage"]);
    assert_eq!(code, 0);
    for text in [".SH НАЗВА", ".SH СИНТАКСИС", ".SH ОПИС", "Глобальні параметри", "Показати довідку"]
    {
        assert!(man.to_uppercase().contains(&text.to_uppercase()), "no {text:?} in the man page");
    }
    assert!(!man.contains(".SH NAME") && !man.contains("Print help"), "{man}");
    let (_, man, _) = bare(nowhere.path(), &["--lang", "en", "manpage"]);
    assert!(man.contains(".SH NAME") && man.contains("Print help"), "{man}");
}

#[test]
fn parser_english_leaked_into_ukrainian_diagnostics() {
    // See: #14 — "expected an array of text, found 5", "invalid type: string …, expected f64".
    let registry = Registry::demo();
    let child = registry.read("children/c-0001.toml").replacen("languages = [\"uk\"]", "languages = 5", 1);
    registry.write("children/c-0001.toml", &child);
    let run = registry.run(&["--lang", "uk", "check"]).expect(1);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("`languages`: має бути список текстів, а тут 5"), "{all}");
    let registry = Registry::demo();
    let config = registry
        .read("nastavnyk.toml")
        .replace("[git]", "[monitoring]\nmin_hours_per_month = \"4\"\n\n[git]");
    registry.write("nastavnyk.toml", &config);
    let run = registry.run(&["--lang", "uk", "check"]);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("має бути кількість годин у цілих хвилинах"), "{all}");
    for english in ["expected", "found", "invalid type", "f64"] {
        assert!(!all.contains(english), "{english:?} in:\n{all}");
    }
}

#[test]
fn a_commit_was_reported_as_zakomicheno() {
    // See: #14 — «закомічено», «незакомічені», «у репозиторію».
    let registry = Registry::demo();
    let run = registry.run(&["--lang", "uk", "child", "set", "c-0001", "settlement=Коростень"]).expect(0);
    assert!(run.stderr.contains("збережено в історії git:"), "{}", run.stderr);
    let run = registry.run(&["--lang", "uk", "sync"]).expect(2);
    assert!(run.stderr.contains("у репозиторії реєстру немає віддаленого сховища"), "{}", run.stderr);
    registry.write(
        "children/c-0001.toml",
        &registry.read("children/c-0001.toml").replace("Коростень", "Житомир"),
    );
    let run = registry.run(&["--lang", "uk", "undo"]).expect(2);
    assert!(run.stderr.contains("зміни, не збережені в git"), "{}", run.stderr);
    for run in [registry.run(&["--lang", "uk", "undo"]), registry.run(&["--lang", "uk", "sync"])] {
        assert!(!run.stderr.contains("закоміч") && !run.stderr.contains("репозиторію"), "{}", run.stderr);
    }
}

#[test]
fn a_ukrainian_registry_config_was_commented_in_english() {
    // See: #14 — `init` wrote nastavnyk.toml's comments in English whatever the language.
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = bare(dir.path(), &["init", "uk", "--centre", "Ц", "--no-commit"]);
    assert_eq!(code, 0, "{err}");
    let config = std::fs::read_to_string(dir.path().join("uk/nastavnyk.toml")).unwrap();
    assert!(config.contains("language = \"uk\"") && config.contains("(за датою)"), "{config}");
    assert!(!config.contains("by the date") && !config.contains("defaults shown"), "{config}");
    let (code, _, err) = bare(dir.path(), &["--lang", "en", "init", "en", "--centre", "C", "--no-commit"]);
    assert_eq!(code, 0, "{err}");
    let config = std::fs::read_to_string(dir.path().join("en/nastavnyk.toml")).unwrap();
    assert!(config.contains("language = \"en\"") && config.contains("(by the date)"), "{config}");
}

#[test]
fn a_mentor_with_one_place_had_it_counted_as_mist() {
    // See: #14 — «зайнято 0 з 1 місць»: counted words go through the plural helper.
    let registry = Registry::demo();
    let run = registry.run(&["--lang", "uk", "eligibility", "m-0024"]);
    assert!(run.stdout.contains("зайнято 0 з 1 місця:"), "{}", run.stdout);
    assert!(!run.stdout.contains("з 1 місць"), "{}", run.stdout);
}
