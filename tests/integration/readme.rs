//! The README's walkthrough, run as written, so the README cannot rot.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// The shell lines of the "Five minutes" block, continuation lines joined, comments dropped.
fn walkthrough() -> Vec<String> {
    shell_lines("## Five minutes with nastavnyk")
}

/// The shell lines of the first `sh` block after `heading`, continuation lines joined,
/// comments dropped.
fn shell_lines(heading: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme.split(heading).nth(1).expect("the README's section");
    let block = section.split("```sh\n").nth(1).unwrap().split("```").next().unwrap();
    let mut lines = Vec::new();
    let mut current = String::new();
    for line in block.lines() {
        let line = match line.find(" #") {
            Some(at) if !line.trim_start().starts_with('#') => &line[..at],
            _ => line,
        };
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        match line.trim_end().strip_suffix('\\') {
            Some(head) => current.push_str(head),
            None => {
                current.push_str(line);
                lines.push(current.trim().to_string());
                current.clear();
            }
        }
    }
    lines
}

/// A `date` that answers for `day` (GNU `date -d`), put first on the PATH so that the
/// walkthrough's `$(date +%F)` agrees with a pinned `NASTAVNYK_TODAY`.
fn date_pinned_to(dir: &Path, day: &str) {
    let path = dir.join("date");
    std::fs::write(&path, format!("#!/bin/sh\nexec /bin/date -d {day} \"$@\"\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Runs the walkthrough line by line in bash, as a reader would paste it, in a fresh home
/// with the binary on the PATH; `today` pins the day (the binary's and `date`'s), `None`
/// leaves the real one. Returns the home.
fn run_walkthrough(today: Option<&str>) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let shims = home.path().join(".shims");
    std::fs::create_dir(&shims).unwrap();
    if let Some(day) = today {
        date_pinned_to(&shims, day);
    }
    let bin_dir = bin().parent().unwrap().to_path_buf();
    let path =
        format!("{}:{}:{}", shims.display(), bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let mut cwd: PathBuf = home.path().to_path_buf();
    let lines = walkthrough();
    assert!(lines.len() > 15, "{lines:#?}");
    for line in &lines {
        if let Some(dir) = line.strip_prefix("cd ") {
            cwd = PathBuf::from(dir.replace('~', &home.path().display().to_string()));
            continue;
        }
        let mut command = Command::new("bash");
        command
            .arg("-c")
            .arg(line)
            .current_dir(&cwd)
            .env("PATH", &path)
            .env("HOME", home.path())
            .env("EDITOR", "true")
            .env("GIT_AUTHOR_NAME", "Тест Координатор")
            .env("GIT_AUTHOR_EMAIL", "coordinator@example.org")
            .env("GIT_COMMITTER_NAME", "Тест Координатор")
            .env("GIT_COMMITTER_EMAIL", "coordinator@example.org")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("NASTAVNYK_RECORDS")
            .env_remove("NASTAVNYK_TODAY");
        if let Some(day) = today {
            command.env("NASTAVNYK_TODAY", day);
        }
        let output = command.output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        // `sync` needs a remote, which a walkthrough on one machine does not have: it must say so.
        if line.starts_with("nastavnyk sync") {
            assert_eq!(output.status.code(), Some(2), "{line}\n{stderr}");
            assert!(stderr.contains("remote") || stderr.contains("віддален"), "{stderr}");
            continue;
        }
        assert!(
            output.status.success(),
            "{line}\nstdout: {}\nstderr: {stderr}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
    let registry = home.path().join("nastavnyk");
    assert!(registry.join("agreements/a-0001.toml").is_file());
    assert!(home.path().join("a-0001.html").is_file());
    let report = std::fs::read_to_string(home.path().join("monthly.csv")).unwrap();
    assert!(report.starts_with("indicator,value\n"), "{report}");
    let log = git(&registry, &["log", "--format=%s"]);
    assert!(log.contains("contact add a-0001"), "{log}");
    home
}

#[test]
fn the_readme_walkthrough_runs_as_written() {
    // On the demo's day, the day the README's outputs were written for.
    let home = run_walkthrough(Some(TODAY));
    let agreement = std::fs::read_to_string(home.path().join("nastavnyk/agreements/a-0001.toml")).unwrap();
    assert!(agreement.contains(&format!("signed_on = {TODAY}")), "{agreement}");
}

// See: #14
#[test]
fn the_readme_walkthrough_runs_on_the_real_today() {
    // No `--today`, no `NASTAVNYK_TODAY`, no pinned `date`: whatever day the suite runs on.
    let home = run_walkthrough(None);
    let status = git(&home.path().join("nastavnyk"), &["status", "--porcelain"]);
    assert!(status.is_empty(), "every change committed: {status}");
}

// See: #14
#[test]
fn the_readme_install_lines_work_in_a_fresh_home() {
    let home = tempfile::tempdir().unwrap();
    let bin_dir = bin().parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let run = |line: &str| {
        let output = Command::new("bash")
            .arg("-c")
            .arg(line)
            .current_dir(home.path())
            .env("PATH", &path)
            .env("HOME", home.path())
            .env_remove("NASTAVNYK_RECORDS")
            .output()
            .unwrap();
        assert!(output.status.success(), "{line}\n{}", String::from_utf8_lossy(&output.stderr));
    };
    let lines = shell_lines("## Install");
    // `cargo install` is what built the binary on the PATH here.
    assert!(lines[0].starts_with("cargo install"), "{lines:?}");
    for line in &lines[1..] {
        run(line);
    }
    // The commented lines for zsh and fish, run as well.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for shell in ["# zsh:", "# fish:"] {
        let line = readme.lines().find_map(|l| l.strip_prefix(shell)).expect("the install line");
        run(line.trim());
    }
    let bash = home.path().join(".local/share/bash-completion/completions/nastavnyk");
    assert!(std::fs::read_to_string(&bash).unwrap().contains("complete "));
    let man = std::fs::read_to_string(home.path().join(".cargo/share/man/man1/nastavnyk.1")).unwrap();
    assert!(man.contains(".TH nastavnyk"));
    assert!(std::fs::read_to_string(home.path().join(".zshrc")).unwrap().contains("completions zsh"));
    assert!(home.path().join(".config/fish/completions/nastavnyk.fish").is_file());
    // The installed bash script completes, as bash-completion would load it.
    let registry = Registry::demo();
    let script = format!(
        "source {}; COMP_WORDS=(nastavnyk agreement sign a-0001 --party ce); COMP_CWORD=5; \
         _clap_complete_nastavnyk nastavnyk ce --party; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        bash.display()
    );
    let output = Command::new("bash")
        .args(["-c", &script])
        .current_dir(registry.root())
        .env("PATH", &path)
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "centre\n",
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // zsh and fish, where installed, load what their lines installed, from the fresh home.
    let shell = |program: &str, line: &str| {
        Command::new(program)
            .args(["-c", line])
            .current_dir(registry.root())
            .env("PATH", &path)
            .env("HOME", home.path())
            .env("ZDOTDIR", home.path())
            .output()
            .ok()
            .map(|o| {
                (
                    String::from_utf8_lossy(&o.stdout).into_owned(),
                    String::from_utf8_lossy(&o.stderr).into_owned(),
                )
            })
    };
    if let Some((stdout, stderr)) =
        shell("zsh", "source ~/.zshrc && whence -w _clap_dynamic_completer_nastavnyk")
    {
        assert!(stdout.contains("function"), "{stdout}{stderr}");
    }
    if let Some((stdout, stderr)) =
        shell("fish", "complete --do-complete 'nastavnyk agreement sign a-0001 --party ce'")
    {
        assert_eq!(
            stdout.lines().map(|l| l.split('\t').next().unwrap()).collect::<Vec<_>>(),
            ["centre"],
            "{stderr}"
        );
    }
    // `cargo install` puts the binary in ~/.cargo/bin; man looks beside it, in ~/.cargo/share/man.
    std::fs::create_dir_all(home.path().join(".cargo/bin")).unwrap();
    let manpath = Command::new("manpath")
        .env("HOME", home.path())
        .env("PATH", format!("{}:/usr/bin:/bin", home.path().join(".cargo/bin").display()))
        .output();
    if let Ok(output) = manpath {
        let found = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(found.contains(&home.path().join(".cargo/share/man").display().to_string()), "{found}");
    }
}
