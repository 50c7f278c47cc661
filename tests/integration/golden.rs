//! Golden scenarios: the whole output (stdout and stderr, in order, and the exit code) of
//! real commands, kept as data in `tests/cmd/*.md` and `tests/cmd/*.toml`. Regenerate them
//! after an intended change of output with
//! `TRYCMD=overwrite cargo test --test integration golden` (see tests/cmd/README.md).

use std::path::{Path, PathBuf};

use crate::support::{TODAY, bin};

/// `git` from PATH, so a scenario can show what a command committed.
fn git_path() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).map(|dir| dir.join("git")).find(|git| git.is_file()).expect("git on PATH")
}

#[test]
fn golden() {
    // One HOME for every scenario, empty: no ~/.gitconfig or XDG config reaches git.
    let home = tempfile::tempdir().expect("temp dir");
    let home_path = home.path().to_str().expect("a UTF-8 temp path").to_string();
    let cases = trycmd::TestCases::new();
    cases
        .register_bin("nastavnyk", bin())
        .register_bin("git", git_path())
        .env("HOME", &home_path)
        .env("XDG_CONFIG_HOME", &home_path)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Тест Координатор")
        .env("GIT_AUTHOR_EMAIL", "coordinator@example.org")
        .env("GIT_COMMITTER_NAME", "Тест Координатор")
        .env("GIT_COMMITTER_EMAIL", "coordinator@example.org")
        // Fixed commit dates make `history` and commit hashes the same on every run.
        .env("GIT_AUTHOR_DATE", "2026-11-23T10:00:00+02:00")
        .env("GIT_COMMITTER_DATE", "2026-11-23T10:00:00+02:00")
        .env("NASTAVNYK_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .env("LANG", "C.UTF-8")
        .env("LC_ALL", "C.UTF-8")
        .env("COLUMNS", "80")
        // Scenarios run inside this checkout: git must not take its repository for theirs.
        .env("GIT_CEILING_DIRECTORIES", env!("CARGO_MANIFEST_DIR"))
        .env("EDITOR", "false")
        .env("VISUAL", "false")
        .timeout(std::time::Duration::from_secs(60));
    cases.insert_var("[HOME]", home_path.clone()).expect("a valid variable");
    // Scenarios are read relative to the package root (cargo runs tests there); the demo
    // scenarios reach the demo registry as `-C records`.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    cases.case(dir.join("*.md")).case(dir.join("*.toml")).skip(dir.join("README.md"));
    cases.run();
}
