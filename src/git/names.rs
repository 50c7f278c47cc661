//! The file names a folder ever held, for IDs that must never be handed out twice, and the
//! plumbing `sync` rewrites its unpushed commits with (a scratch index, commits that keep
//! their author).

use std::path::Path;
use std::process::{Command, Stdio};

use super::{failure, run};
use crate::error::{Error, Failure, Result};

/// The names of the files ever removed (or renamed away) under `pathspec` in the history of
/// `revs`, top-relative. Only removals are listed, so the walk stays cheap on a long history:
/// every other name ever added is still in the tree.
pub fn removed(dir: &Path, revs: &[&str], pathspec: &str) -> Result<Vec<String>> {
    let mut args = vec!["log", "--no-renames", "--diff-filter=D", "--name-only", "--format="];
    args.extend(revs);
    args.extend(["--", pathspec]);
    Ok(run(dir, &args)?.lines().filter(|l| !l.is_empty()).map(str::to_string).collect())
}

/// Whether any commit reachable from `rev` touched `path` (top-relative). One literal path,
/// so git answers from the commit-graph's Bloom filters: milliseconds on a long history.
pub fn ever_touched(dir: &Path, rev: &str, path: &str) -> Result<bool> {
    Ok(!run(dir, &["rev-list", "-1", rev, "--", path])?.trim().is_empty())
}

/// The files of `rev` under `pathspec`, top-relative.
pub fn in_tree(dir: &Path, rev: &str, pathspec: &str) -> Result<Vec<String>> {
    let out = run(dir, &["ls-tree", "-r", "--name-only", "--full-tree", rev, "--", pathspec])?;
    Ok(out.lines().filter(|l| !l.is_empty()).map(str::to_string).collect())
}

/// Runs git with extra environment (a scratch index, the original author).
pub fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)], input: Option<&str>) -> Result<String> {
    let mut command = Command::new("git");
    command.env("LC_ALL", "C").env_remove("LANGUAGE");
    command.arg("-C").arg(dir).args(["-c", "core.quotePath=false"]).args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    command.stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() });
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|err| Error::new(Failure::GitNotRunnable).with_cause(err))?;
    if let Some(input) = input {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin was piped");
        // Inputs here are one record or one message: small enough not to fill the pipe.
        let _ = stdin.write_all(input.as_bytes());
    }
    let output =
        child.wait_with_output().map_err(|err| Error::new(Failure::GitFailed { detail: err.to_string() }))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(failure(args, &output))
    }
}
