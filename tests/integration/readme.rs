//! The README's walkthrough, run as written, so the README cannot rot.

use std::path::PathBuf;
use std::process::Command;

use crate::support::*;

/// The shell lines of the "Five minutes" block, continuation lines joined, comments dropped.
fn walkthrough() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme.split("## Five minutes with nastavnyk").nth(1).expect("the walkthrough section");
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

#[test]
fn the_readme_walkthrough_runs_as_written() {
    let home = tempfile::tempdir().unwrap();
    let bin_dir = bin().parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let mut cwd: PathBuf = home.path().to_path_buf();
    let lines = walkthrough();
    assert!(lines.len() > 15, "{lines:#?}");
    for line in &lines {
        if let Some(dir) = line.strip_prefix("cd ") {
            cwd = PathBuf::from(dir.replace('~', &home.path().display().to_string()));
            continue;
        }
        let output = Command::new("bash")
            .arg("-c")
            .arg(line)
            .current_dir(&cwd)
            .env("PATH", &path)
            .env("HOME", home.path())
            .env("NASTAVNYK_TODAY", TODAY)
            .env("EDITOR", "true")
            .env("GIT_AUTHOR_NAME", "Тест Координатор")
            .env("GIT_AUTHOR_EMAIL", "coordinator@example.org")
            .env("GIT_COMMITTER_NAME", "Тест Координатор")
            .env("GIT_COMMITTER_EMAIL", "coordinator@example.org")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("NASTAVNYK_RECORDS")
            .output()
            .unwrap();
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
    assert!(
        std::fs::read_to_string(home.path().join("2026-11.csv")).unwrap().starts_with("indicator,value\n")
    );
    let log = git(&registry, &["log", "--format=%s"]);
    assert!(log.contains("contact add a-0001"), "{log}");
}
