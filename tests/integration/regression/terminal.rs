//! Regressions of what a terminal shows: tables and texts that fit its width (checked through a
//! real pseudo-terminal), labels in the output language, colour only where it belongs.

use std::process::Command;

use unicode_width::UnicodeWidthStr;

use crate::support::{Registry, TODAY, bin};

/// Runs `nastavnyk -C <registry> --today … args` inside a pseudo-terminal of `columns` columns
/// (util-linux `script`), as a coordinator's terminal would; returns what the terminal got,
/// colour sequences and carriage returns removed. `None` where `script` is not installed.
fn in_terminal(registry: &Registry, columns: usize, args: &[&str]) -> Option<String> {
    let script = ["/usr/bin/script", "/bin/script"].into_iter().find(|p| std::path::Path::new(p).exists())?;
    let quote = |arg: &str| format!("'{}'", arg.replace('\'', r"'\''"));
    let mut command_line = format!(
        "stty cols {columns} rows 50; {} -C {} --today {TODAY}",
        quote(bin().to_str().expect("a UTF-8 path")),
        quote(registry.root().to_str().expect("a UTF-8 path"))
    );
    for arg in args {
        command_line.push(' ');
        command_line.push_str(&quote(arg));
    }
    let output = Command::new(script)
        .args(["-qec", &command_line, "/dev/null"])
        .env("HOME", registry.dir.path())
        .env("TERM", "xterm-256color")
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .env_remove("NASTAVNYK_RECORDS")
        .env_remove("NASTAVNYK_TODAY")
        .output()
        .expect("script runs");
    let text = String::from_utf8_lossy(&output.stdout).replace('\r', "");
    Some(strip_ansi(&text))
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Every line of `text` at most `columns` display columns wide (Cyrillic is one column a
/// character, whatever its bytes).
#[track_caller]
fn assert_fits(text: &str, columns: usize, what: &str) {
    for line in text.lines() {
        assert!(
            line.width() <= columns,
            "`{what}`: a line of {} columns:\n{line}\n---\n{text}",
            line.width()
        );
    }
}

#[test]
fn tables_and_texts_are_wider_than_an_80_column_terminal() {
    // See: #14 — at 80 columns `status` and `due` broke mid-word, `child list` ran to 190
    // columns, `eligibility` reference lines to 166.
    let registry = Registry::demo();
    let commands: &[&[&str]] = &[
        &["child", "list"],
        &["mentor", "list"],
        &["institution", "list"],
        &["agreement", "list"],
        &["contact", "list", "a-0007"],
        &["report", "agreements", "--month", "2026-10"],
        &["report", "mentors"],
        &["report", "children"],
        &["report", "monthly", "--month", "2026-10"],
        &["eligibility", "--all"],
        &["eligibility", "c-0017"],
        &["eligibility", "m-0024"],
        &["status"],
        &["due"],
        &["check"],
        &["match"],
        &["history"],
    ];
    for args in commands {
        let Some(text) = in_terminal(&registry, 80, args) else {
            eprintln!("skipped: util-linux `script` is not installed");
            return;
        };
        assert!(text.lines().count() > 1, "{args:?} printed nothing:\n{text}");
        assert_fits(&text, 80, &args.join(" "));
    }
    // The short values stay whole; the long texts wrap under their column.
    let text = in_terminal(&registry, 80, &["due"]).expect("script is there");
    assert!(text.contains("2026-06-19"), "{text}");
    let text = in_terminal(&registry, 80, &["eligibility", "c-0017"]).expect("script is there");
    assert!(
        text.lines().any(|l| l.starts_with(&" ".repeat(27)) && l.trim_start().starts_with("Закон")),
        "{text}"
    );
}

#[test]
fn piped_tables_are_never_wrapped_whatever_columns_says() {
    // See: #14 — the width is the terminal's; a pipe (a script, a golden file) gets whole lines.
    let registry = Registry::demo();
    let run = registry.run_with(&["--lang", "uk", "child", "list"], |c| {
        c.env("COLUMNS", "40");
    });
    let run = run.expect(0);
    assert!(run.stdout.lines().any(|l| l.width() > 100), "{}", run.stdout);
    assert!(!run.stdout.contains('…'), "{}", run.stdout);
}

#[test]
fn history_row_of_a_bulk_commit_is_65000_characters_wide() {
    // See: #14 — after an import of thousands of records, `history` printed every ID on one row.
    let registry = Registry::demo();
    let ids: Vec<String> = (1..=9000).map(|n| format!("c-{n:04}")).collect();
    let message = format!("child import\n\nNastavnyk-Action: child.import\nRecord: {}\n", ids.join(", "));
    let text = registry.read("children/c-0001.toml");
    registry.write("children/c-0001.toml", &format!("# imported\n{text}"));
    registry.git(&["commit", "-q", "-a", "-m", &message]);
    let run = registry.run(&["history"]).expect(0);
    let widest = run.stdout.lines().map(|l| l.width()).max().unwrap_or(0);
    assert!(widest < 200, "a row {widest} columns wide:\n{}", &run.stdout[..run.stdout.len().min(2000)]);
    assert!(run.stdout.contains("c-0001 c-0002 c-0003 c-0004 c-0005 … +8995"), "{}", run.stdout);
    // Scripts still get every ID.
    let run = registry.run(&["--format", "csv", "history"]).expect(0);
    assert!(run.stdout.contains("c-9000"));
    if let Some(text) = in_terminal(&registry, 80, &["history"]) {
        assert_fits(&text, 80, "history");
    }
}

#[test]
fn history_of_a_record_ends_in_a_double_blank_line() {
    // See: #14 — every entry was followed by a blank line, so the output ended in two.
    let registry = Registry::demo();
    registry.run(&["child", "set", "c-0001", "settlement=Бердичів"]).expect(0);
    let run = registry.run(&["history", "c-0001"]).expect(0);
    assert!(!run.stdout.ends_with("\n\n"), "{:?}", run.stdout);
    assert!(run.stdout.contains("\n\n"), "entries are still separated:\n{}", run.stdout);
}

#[test]
fn tables_print_english_codes_in_ukrainian() {
    // See: #14 — `child list` headers, statuses, sexes, categories, parties and kinds were
    // English codes inside a Ukrainian screen; scripts keep the codes.
    let registry = Registry::demo();
    let uk = |args: &[&str]| {
        let mut all = vec!["--lang", "uk"];
        all.extend_from_slice(args);
        registry.run(&all).expect(0).stdout
    };
    let text = uk(&["child", "list"]);
    for word in
        ["дата народження", "стать", "форма влаштування", "чоловіча", "дитина-сирота", "у договорі", "очікує"]
    {
        assert!(text.contains(word), "{word}:\n{text}");
    }
    for code in ["birth_date", " male ", "orphan", "matched", "waiting"] {
        assert!(!text.contains(code), "{code}:\n{text}");
    }
    let text = uk(&["agreement", "list"]);
    assert!(text.contains("чинний") && text.contains("припинено") && !text.contains(" active "), "{text}");
    let text = uk(&["mentor", "list"]);
    assert!(text.contains("активний") && !text.contains(" active "), "{text}");
    let text = uk(&["institution", "list"]);
    assert!(text.contains("заклад інституційного догляду") && !text.contains("residential_care"), "{text}");
    let text = uk(&["contact", "list", "a-0007"]);
    assert!(text.contains("зустріч") && !text.contains("meeting"), "{text}");
    let text = uk(&["eligibility", "--all"]);
    assert!(text.contains("наставник") && !text.contains(" child "), "{text}");
    let text = uk(&["report", "mentors"]);
    assert!(text.contains("активний") && !text.contains(" active "), "{text}");
    let text = uk(&["report", "agreements", "--month", "2026-10"]);
    assert!(text.contains("чинний") && !text.contains(" active "), "{text}");
    // English labels in English, codes for scripts.
    let text = registry.run(&["child", "list"]).expect(0).stdout;
    assert!(text.contains("birth date") && text.contains("deprived of parental care"), "{text}");
    let csv = registry.run(&["--lang", "uk", "--format", "csv", "child", "list"]).expect(0).stdout;
    assert!(
        csv.starts_with("id,birth_date,sex,category,placement,community,registered_on,status\n"),
        "{csv}"
    );
    assert!(
        csv.contains(",male,deprived_of_parental_care,institution,") && csv.contains(",matched"),
        "{csv}"
    );
}

#[test]
fn contact_consents_are_joined_without_a_space() {
    // See: #14 — a table showed `child,legal_representative`; people read «дитина, …».
    let registry = Registry::demo();
    let run = registry.run(&["--lang", "uk", "contact", "list", "a-0007"]).expect(0);
    let outing = run.stdout.lines().find(|l| l.contains("вихід")).expect("the demo's outing").to_string();
    assert!(outing.contains("дитина, "), "{outing}");
    let csv = registry.run(&["--format", "csv", "contact", "list", "a-0007"]).expect(0).stdout;
    assert!(csv.lines().any(|l| l.contains("outing") && l.contains("child,")), "{csv}");
}

#[test]
fn check_says_error_and_warning_in_english_inside_ukrainian() {
    // See: #14 — `check` in Ukrainian labelled problems `warning[code]`.
    let registry = Registry::demo();
    let run = registry.run(&["--lang", "uk", "check"]).expect(0);
    assert!(run.stdout.contains("попередження[agreement.checkin_overdue]"), "{}", run.stdout);
    assert!(!run.stdout.contains("warning["), "{}", run.stdout);
    let run = registry.run(&["check"]).expect(0);
    assert!(run.stdout.contains("warning[agreement.checkin_overdue]"), "{}", run.stdout);
}

#[test]
fn term_dumb_still_gets_colour() {
    // See: #14 — colour went to TERM=dumb; NO_COLOR and --color were not both honoured.
    let registry = Registry::demo();
    let run_in = |env: &[(&str, &str)], args: &[&str]| -> Option<String> {
        let script =
            ["/usr/bin/script", "/bin/script"].into_iter().find(|p| std::path::Path::new(p).exists())?;
        let mut line = format!("{} -C {} --today {TODAY}", bin().display(), registry.root().display());
        for arg in args {
            line.push(' ');
            line.push_str(arg);
        }
        let mut command = Command::new(script);
        command.args(["-qec", &line, "/dev/null"]).env_remove("NO_COLOR").env("TERM", "xterm");
        for (key, value) in env {
            command.env(key, value);
        }
        Some(String::from_utf8_lossy(&command.output().expect("script runs").stdout).into_owned())
    };
    let Some(coloured) = run_in(&[], &["status"]) else {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    };
    assert!(coloured.contains('\x1b'), "a terminal gets colour:\n{coloured}");
    for (env, args) in [
        (&[("TERM", "dumb")][..], &["status"][..]),
        (&[("NO_COLOR", "1")][..], &["status"][..]),
        (&[][..], &["--color", "never", "status"][..]),
    ] {
        let text = run_in(env, args).expect("script is there");
        assert!(!text.contains("\x1b["), "{env:?} {args:?}:\n{text}");
    }
    // An empty NO_COLOR is as good as none (no-color.org); `--color always` colours a pipe.
    let text = run_in(&[("NO_COLOR", "")], &["status"]).expect("script is there");
    assert!(text.contains("\x1b["), "{text}");
    let run = registry.run(&["--color", "always", "status"]).expect(0);
    assert!(run.stdout.contains("\x1b["), "{}", run.stdout);
}

#[test]
fn status_lists_due_counts_in_code_order_unlike_the_items_under_them() {
    // See: #14 — the counts came in the alphabetical order of their English codes, the items
    // under them by urgency; now both by urgency.
    let registry = Registry::demo();
    let run = registry.run(&["status"]).expect(0);
    let section = run.stdout.split("Due within").nth(1).expect("a due section").to_string();
    let position = |label: &str| section.find(label).unwrap_or_else(|| panic!("{label}:\n{section}"));
    assert!(position("check-in overdue") < position("too few meetings"), "{section}");
    assert!(position("too few meetings") < position("child waiting long"), "{section}");
}

#[test]
fn a_long_run_shows_no_progress_on_a_terminal() {
    // See: #14 — reading a large registry said nothing for seconds; now a progress line on
    // standard error, only on a terminal and never with --quiet.
    let registry = Registry::new();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records/children/c-0001.toml"),
    )
    .expect("the demo child");
    let text = text.replace("institution = \"i-0002\"\n", "");
    // Enough files for the reading to outlast the second before a line is shown.
    for n in 1..=12000 {
        let id = format!("c-{n:05}");
        registry.write(&format!("children/{id}.toml"), &text.replace("\"c-0001\"", &format!("\"{id}\"")));
    }
    let start = std::time::Instant::now();
    let Some(shown) = in_terminal_stderr(&registry, &["child", "list"]) else {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    };
    // A line appears after a second of work: a machine that reads it all sooner shows none.
    if start.elapsed() > std::time::Duration::from_secs(2) {
        assert!(shown.contains("reading the registry: "), "{shown}");
    }
    let quiet = in_terminal_stderr(&registry, &["--quiet", "child", "list"]).expect("script is there");
    assert!(!quiet.contains("reading the registry"), "{quiet}");
    // Standard error not a terminal: nothing either.
    let run = registry.run(&["child", "list"]).expect(0);
    assert!(!run.stderr.contains("reading the registry"), "{}", run.stderr);
}

/// Like `in_terminal`, with standard output thrown away: only what standard error shows.
fn in_terminal_stderr(registry: &Registry, args: &[&str]) -> Option<String> {
    let script = ["/usr/bin/script", "/bin/script"].into_iter().find(|p| std::path::Path::new(p).exists())?;
    let mut line = format!("{} -C {} --today {TODAY} --lang en", bin().display(), registry.root().display());
    for arg in args {
        line.push(' ');
        line.push_str(arg);
    }
    line.push_str(" > /dev/null");
    let output = Command::new(script)
        .args(["-qec", &line, "/dev/null"])
        .env("TERM", "xterm")
        .env_remove("NASTAVNYK_RECORDS")
        .output()
        .expect("script runs");
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}
