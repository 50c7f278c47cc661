//! The one wrapper around the `git` binary. We shell out rather than link a git library so
//! that the user's own git (its configuration, identity, hooks and credentials) does the work.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};
use crate::i18n::Msg;

/// Runs git in `dir` and returns its standard output, or its standard error as the failure.
pub fn run(dir: &Path, args: &[&str]) -> Result<String> {
    run_with_input(dir, args, None)
}

pub fn run_with_input(dir: &Path, args: &[&str], input: Option<&str>) -> Result<String> {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir).args(args);
    command.stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() });
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .map_err(|err| Error::new(Msg::GitFailed { detail: format!("cannot run git: {err}") }))?;
    if let Some(input) = input {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin was piped");
        stdin
            .write_all(input.as_bytes())
            .map_err(|err| Error::new(Msg::GitFailed { detail: err.to_string() }))?;
    }
    let output =
        child.wait_with_output().map_err(|err| Error::new(Msg::GitFailed { detail: err.to_string() }))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let detail = format!("git {}: {}", args.join(" "), stderr.trim());
        Err(Error::new(Msg::GitFailed { detail }))
    }
}

/// The top of the work tree holding `dir`, if it is in one.
pub fn toplevel(dir: &Path) -> Option<PathBuf> {
    run(dir, &["rev-parse", "--show-toplevel"]).ok().map(|out| PathBuf::from(out.trim()))
}

pub fn init(dir: &Path) -> Result<()> {
    run(dir, &["init", "--quiet"]).map(drop)
}

/// Where `dir` sits inside its work tree (`""` at the top, `records/` below it), if it is in one.
pub fn prefix(dir: &Path) -> Option<String> {
    run(dir, &["rev-parse", "--show-prefix"]).ok().map(|out| out.trim_end_matches('\n').to_string())
}

/// Commits exactly `paths` (relative to `dir`, added, changed or deleted) with `message`,
/// leaving anything else the user has staged alone. Returns the new commit's hash.
///
/// `git commit -- <paths>` does exactly this, but it builds a second index from HEAD, which
/// on a registry of 200,000 files costs more than the commit itself. So when nothing but our
/// paths is staged (the usual case) a plain `git commit` is made instead, and the pathspec
/// form is kept for the case where the user has staged something of their own.
pub fn commit_paths(dir: &Path, paths: &[String], message: &str) -> Result<String> {
    let prefix = prefix(dir).unwrap_or_default();
    let mut add = vec!["add", "--all", "--"];
    add.extend(paths.iter().map(String::as_str));
    run(dir, &add)?;
    let staged = run(dir, &["diff", "--cached", "--name-only", "-z", "--no-renames"])?;
    let ours: std::collections::HashSet<String> = paths.iter().map(|p| format!("{prefix}{p}")).collect();
    let only_ours = staged.split('\0').filter(|p| !p.is_empty()).all(|p| ours.contains(p));
    let mut commit = vec!["commit", "--quiet", "-F", "-"];
    if !only_ours {
        commit.push("--");
        commit.extend(paths.iter().map(String::as_str));
    }
    run_with_input(dir, &commit, Some(message))?;
    Ok(run(dir, &["rev-parse", "HEAD"])?.trim().to_string())
}
