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

/// The registry's files and the run's report, for comparing two spellings of one request.
fn same_report(registry: &Registry, a: &[&str], b: &[&str]) {
    let first = registry.run(a).expect(0);
    let second = registry.run(b).expect(0);
    assert_eq!(first.stdout, second.stdout, "{a:?} and {b:?} differ");
}

#[test]
fn report_from_refused_a_ukrainian_date() {
    // See: #14 — `report period --from 01.01.2026` said «не дата: напишіть РРРР-ММ-ДД» although
    // every other date flag takes ДД.ММ.РРРР.
    let registry = Registry::demo();
    same_report(
        &registry,
        &["--format", "csv", "report", "period", "--from", "01.01.2026", "--to", "31.03.2026"],
        &["--format", "csv", "report", "period", "--from", "2026-01-01", "--to", "2026-03-31"],
    );
    let run =
        registry.run(&["--lang", "uk", "report", "period", "--from", "31.02.2026", "--to", "01.03.2026"]);
    let run = run.expect(2);
    assert!(
        run.stderr.contains("`31.02.2026` — не дата") && run.stderr.contains("ДД.ММ.РРРР"),
        "{}",
        run.stderr
    );
}

#[test]
fn report_as_of_refused_a_ukrainian_date() {
    // See: #14 — `--as-of` took only YYYY-MM-DD.
    let registry = Registry::demo();
    same_report(
        &registry,
        &["--format", "csv", "report", "monthly", "--month", "2026-10", "--as-of", "31.12.2099"],
        &["--format", "csv", "report", "monthly", "--month", "2026-10", "--as-of", "2099-12-31"],
    );
}

#[test]
fn report_month_refused_mm_yyyy() {
    // See: #14 — `--month 10.2026` (as a month is written in Ukraine) was not a month.
    let registry = Registry::demo();
    same_report(
        &registry,
        &["--format", "csv", "report", "agreements", "--month", "10.2026"],
        &["--format", "csv", "report", "agreements", "--month", "2026-10"],
    );
    let run = registry.run(&["--lang", "uk", "report", "monthly", "--month", "13.2026"]).expect(2);
    assert!(run.stderr.contains("ММ.РРРР"), "{}", run.stderr);
}

#[test]
fn where_missed_a_date_typed_as_dd_mm_yyyy() {
    // See: #14 — `--where birth_date=10.05.2009` matched nothing: only ISO dates compared.
    let registry = Registry::demo();
    let birth = registry.read("children/c-0001.toml");
    assert!(birth.contains("birth_date = 2009-05-10"), "the demo's c-0001 changed");
    let run =
        registry.run(&["--format", "csv", "child", "list", "--where", "birth_date=10.05.2009"]).expect(0);
    assert!(run.stdout.contains("c-0001"), "{}", run.stdout);
}

#[test]
fn a_bad_date_in_set_named_only_the_iso_form() {
    // See: #14 — `set` accepts ДД.ММ.РРРР, but its refusal said «не дата РРРР-ММ-ДД».
    let registry = Registry::new().with_people();
    let run =
        registry.refused(&["--lang", "uk", "child", "set", "c-0001", "birth_date=31.02.2012"], "ДД.ММ.РРРР");
    assert!(run.stderr.contains("`birth_date`: `31.02.2012` — не дата"), "{}", run.stderr);
    registry.run(&["child", "set", "c-0001", "birth_date=05.09.2012"]).expect(0);
    assert!(registry.read("children/c-0001.toml").contains("birth_date = 2012-09-05"));
}

#[test]
fn git_identity_missing_was_explained_in_english() {
    // See: #14 — with no git name a write failed with git's own English ("Please tell me who
    // you are"), and `init` refused in English too.
    let registry = Registry::new().with_people();
    let config = registry.dir.path().join("strict.gitconfig");
    // Without a configured name git may guess one from the host; this makes it refuse to.
    std::fs::write(&config, "[user]\n\tuseConfigOnly = true\n").unwrap();
    let nameless = |cmd: &mut std::process::Command| {
        for key in ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"] {
            cmd.env_remove(key);
        }
        cmd.env("EMAIL", "").env("GIT_CONFIG_GLOBAL", &config);
    };
    let before = registry.commit_count();
    let file = registry.read("children/c-0001.toml");
    let run =
        registry.run_with(&["--lang", "uk", "child", "set", "c-0001", "settlement=Київ"], nameless).expect(2);
    assert!(run.stderr.contains("git не знає, хто ви"), "{}", run.stderr);
    assert!(run.stderr.contains("git config --global user.name"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("Please tell me") && !run.stderr.contains("does not know"),
        "{}",
        run.stderr
    );
    assert_eq!(registry.commit_count(), before);
    assert_eq!(registry.read("children/c-0001.toml"), file);

    let home = tempfile::tempdir().unwrap();
    let mut init = crate::support::command(home.path());
    nameless(&mut init);
    let output = init.args(["init", "reg", "--centre", "Ц", "--community", "Т"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("git не знає, хто ви"), "{stderr}");
}

#[test]
fn git_refusals_of_a_write_were_english() {
    // See: #14 — a stopped merge, a detached HEAD and a stray change were refused in English
    // in a Ukrainian registry.
    let registry = Registry::new().with_people();
    let set = ["--lang", "uk", "child", "set", "c-0001", "settlement=Київ"];
    let head = registry.git(&["rev-parse", "HEAD"]);
    std::fs::write(registry.root().join(".git/MERGE_HEAD"), &head).unwrap();
    let run = registry.refused(&set, "не завершено злиття (git merge)");
    assert!(run.stderr.contains("merge --abort") && !run.stderr.contains("stopped"), "{}", run.stderr);
    std::fs::remove_file(registry.root().join(".git/MERGE_HEAD")).unwrap();

    registry.git(&["checkout", "--quiet", "--detach"]);
    let run = registry.refused(&set, "не на гілці (detached HEAD)");
    assert!(run.stderr.contains("switch main") && !run.stderr.contains("branch first"), "{}", run.stderr);
    registry.git(&["checkout", "--quiet", "-"]);

    let stray = registry.read("children/c-0001.toml") + "# рука\n";
    registry.write("children/c-0001.toml", &stray);
    let run = registry.run(&set).expect(2);
    assert!(run.stderr.contains("є зміни, не збережені в git"), "{}", run.stderr);
    assert!(
        run.stderr.contains("restore --staged --worktree") && !run.stderr.contains("uncommitted"),
        "{}",
        run.stderr
    );
    assert_eq!(registry.read("children/c-0001.toml"), stray);
}

#[test]
fn undo_of_an_undo_was_refused_in_english() {
    // See: #14 — «the last change (…) is itself an undo» in a Ukrainian registry.
    let registry = Registry::new().with_people();
    registry.run(&["child", "set", "c-0001", "settlement=Київ"]).expect(0);
    registry.run(&["undo"]).expect(0);
    let run = registry.refused(&["--lang", "uk", "undo"], "сама є скасуванням");
    assert!(run.stderr.contains("git revert") && !run.stderr.contains("itself"), "{}", run.stderr);
}

#[test]
fn a_bad_edrpou_was_refused_in_english() {
    // See: #14 — «--edrpou 123: a ЄДРПОУ code is exactly 8 digits» in Ukrainian.
    let home = tempfile::tempdir().unwrap();
    let (code, _, err) = bare(home.path(), &["init", "reg", "--centre", "Ц", "--edrpou", "123"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("рівно 8 цифр") && err.contains("звірте код"), "{err}");
    let (code, _, err) = bare(home.path(), &["init", "reg", "--centre", "Ц", "--edrpou", "14360571"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("контрольна цифра") && err.contains("мала б бути 0"), "{err}");
    assert!(!home.path().join("reg").exists());
}

#[test]
fn a_refused_push_was_explained_in_english() {
    // See: #14 — «… refused the push: … Nothing was sent» in a Ukrainian registry.
    let registry = Registry::new().with_people();
    let (_remote_dir, remote) = crate::support::bare_remote();
    let hook = remote.join("hooks/pre-receive");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(&hook, "#!/bin/sh\necho 'policy: review first' >&2\nexit 1\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    registry.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    let run = registry.run(&["--lang", "uk", "sync"]).expect(2);
    assert!(
        run.stderr.contains("не прийняв надсилання") && run.stderr.contains("policy: review first"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nastavnyk sync") && !run.stderr.contains("Nothing was sent"),
        "{}",
        run.stderr
    );
}

#[test]
fn set_explained_bad_hours_and_list_items_in_english() {
    // See: #14 — «не кількість годин: 0.333 hours is not a whole number of minutes» and
    // «неправильне значення: 1 is not a string»: the domain's English inside Ukrainian.
    let registry = Registry::demo();
    let run = registry.refused(
        &["--lang", "uk", "agreement", "set", "a-0001", "hours_per_month=0.333"],
        "у цілих хвилинах",
    );
    assert!(!run.stderr.contains("hours is"), "{}", run.stderr);
    let run = registry.refused(
        &["--lang", "uk", "mentor", "set", "m-0001", "interests=[1,2]"],
        "`interests`: `1` — не текст",
    );
    assert!(!run.stderr.contains("not a string"), "{}", run.stderr);
}

#[test]
fn git_not_installed_was_reported_in_english() {
    // See: #14 — with no git on PATH, `init` said «помилка git: cannot run git: …».
    let home = tempfile::tempdir().unwrap();
    let output = crate::support::command(home.path())
        .env("PATH", home.path().join("no-bin"))
        .args(["init", "reg", "--centre", "Ц"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("не вдалося запустити git") && stderr.contains("git-scm.com"), "{stderr}");
    assert!(!stderr.contains("cannot run git"), "{stderr}");
    assert!(!home.path().join("reg").exists());
}

#[test]
fn a_record_file_that_is_not_utf8_is_named_on_every_run() {
    // A record file's bytes are checked as UTF-8 by simdutf8, no longer by `String::from_utf8`:
    // a file saved as Windows-1251 must still be named, with the same words, cached or not.
    let registry = Registry::demo();
    let path = registry.root().join("children/c-9999.toml");
    let mut bytes = b"id = \"c-9999\"\nsurname = \"".to_vec();
    bytes.extend_from_slice(&[0xCF, 0xE5, 0xF2, 0xF0, 0xE5, 0xED, 0xEA, 0xEE]); // "Петренко", cp1251
    bytes.extend_from_slice(b"\"\n");
    std::fs::write(&path, bytes).unwrap();
    // Twice: the second run reads the others from the parse cache, and the broken file again.
    let runs = [registry.run(&["--format", "json", "check"]), registry.run(&["--format", "json", "check"])];
    for run in &runs {
        let json = run.json();
        let errors: Vec<&serde_json::Value> = json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["file"] == "children/c-9999.toml")
            .collect();
        assert_eq!(errors.len(), 1, "{json}");
        assert_eq!(errors[0]["code"], "file.unreadable");
        assert_eq!(errors[0]["message"], "cannot read: stream did not contain valid UTF-8");
    }
    assert_eq!(runs[0].stdout, runs[1].stdout);
    // A command that needs the whole registry refuses, pointing to `check`.
    let run = registry.run(&["child", "list"]).expect(2);
    assert!(run.stderr.contains("check"), "{}", run.stderr);
}
