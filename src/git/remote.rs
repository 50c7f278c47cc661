//! The steps `sync` is made of — the branch's upstream, fetch, rebase, push — and the commit
//! data `undo` needs to revert one commit.

use std::path::Path;

use super::{Repo, failure, output, run};
use crate::error::{Error, Result};
use crate::error::{Failure, Hint};

/// The branch checked out, or `None` on a detached HEAD.
pub fn current_branch(top: &Path) -> Option<String> {
    run(top, &["symbolic-ref", "--quiet", "--short", "HEAD"]).ok().map(|b| b.trim().to_string())
}

/// The remote and branch to share with: the branch's upstream, else `origin` and the branch of
/// the same name; the flag says whether an upstream is configured (set on the first push).
pub fn upstream(top: &Path, branch: &str) -> Result<(String, String, bool)> {
    let out = run(
        top,
        &[
            "for-each-ref",
            "--format=%(upstream:remotename)%00%(upstream:remoteref)",
            &format!("refs/heads/{branch}"),
        ],
    )?;
    if let Some((remote, remote_ref)) = out.trim().split_once('\0')
        && !remote.is_empty()
        && !remote_ref.is_empty()
    {
        return Ok((remote.to_string(), remote_ref.to_string(), true));
    }
    let remotes = run(top, &["remote"])?;
    if remotes.lines().any(|r| r.trim() == "origin") {
        return Ok(("origin".into(), format!("refs/heads/{branch}"), false));
    }
    Err(Failure::SyncNoRemote.into())
}

/// Fetches the remote branch; `None` if the remote does not have it yet (a first push).
pub fn fetch(top: &Path, remote: &str, remote_ref: &str) -> Result<Option<String>> {
    let args = ["fetch", "--quiet", "--no-tags", remote, remote_ref];
    let out = output(top, &args, None)?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("couldn't find remote ref") {
            return Ok(None);
        }
        return Err(failure(&args, &out));
    }
    rev(top, "FETCH_HEAD").map(Some)
}

/// Rebases the local commits on `theirs`. On a conflict, aborts, makes sure the clone is back
/// at `head`, and returns the files both sides changed (registry-relative).
pub fn rebase(top: &Path, repo: &Repo, head: &str, theirs: &str) -> Result<Result<(), Vec<String>>> {
    let out = output(top, &["rebase", "--quiet", "--no-autostash", theirs], None)?;
    if out.status.success() {
        return Ok(Ok(()));
    }
    let conflicts = run(top, &["diff", "--name-only", "--diff-filter=U", "-z"]).unwrap_or_default();
    let files: Vec<String> = conflicts
        .split('\0')
        .filter(|f| !f.is_empty())
        .map(|f| repo.registry_path(f).unwrap_or(f).to_string())
        .collect();
    let _ = output(top, &["rebase", "--abort"], None)?;
    if rev(top, "HEAD")? != head {
        // `rebase --abort` puts HEAD back; should it not have, do it ourselves, so that the
        // promise "as before sync" holds (the local commits are still reachable from `head`).
        run(top, &["reset", "--quiet", "--hard", head])?;
    }
    if files.is_empty() {
        return Err(failure(&["rebase", theirs], &out));
    }
    Ok(Err(files))
}

/// How a push ended.
pub enum Push {
    Done,
    /// Someone pushed between our fetch and push: fetch and rebase again.
    Raced,
    /// The server refused it for its own reasons (a hook, a protected branch): its `remote:`
    /// lines, else git's whole message.
    Refused(String),
}

pub fn push(top: &Path, remote: &str, remote_ref: &str, set_upstream: bool) -> Result<Push> {
    let target = format!("HEAD:{remote_ref}");
    let mut args = vec!["push", "--quiet", "--porcelain"];
    if set_upstream {
        args.push("--set-upstream");
    }
    args.extend([remote, target.as_str()]);
    let out = output(top, &args, None)?;
    if out.status.success() {
        return Ok(Push::Done);
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // `--porcelain` reports each ref as `!\t<from>:<to>\t[rejected] (<reason>)`: a race is a
    // non-fast-forward or a stale ref ("fetch first"); a hook's refusal says "pre-receive
    // hook declined" (or the like) and is not a race, however many times we retry.
    let reasons: String = stdout.lines().filter(|l| l.starts_with('!')).collect::<Vec<_>>().join("\n");
    let raced = reasons.contains("non-fast-forward") || reasons.contains("fetch first");
    if raced {
        return Ok(Push::Raced);
    }
    let server: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("remote:"))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if !server.is_empty() || !reasons.is_empty() {
        let mut text = server.join("\n");
        if text.is_empty() {
            text = reasons;
        }
        return Ok(Push::Refused(text));
    }
    Err(failure(&args, &out))
}

pub fn rev(top: &Path, what: &str) -> Result<String> {
    Ok(run(top, &["rev-parse", "--verify", "--quiet", what])?.trim().to_string())
}

pub fn count(top: &Path, range: &str) -> Result<usize> {
    Ok(run(top, &["rev-list", "--count", range])?.trim().parse().unwrap_or(0))
}

/// The last commit as undo sees it.
pub struct LastCommit {
    pub hash: String,
    pub parents: Vec<String>,
    /// The `Nastavnyk-Action:` trailer, empty for a commit made by hand.
    pub action: String,
    pub record: String,
    /// The `Reverts:` trailer of an undo.
    pub reverts: String,
}

/// The commit at `rev`, or `None` if there is none.
pub fn commit_info(top: &Path, rev: &str) -> Option<LastCommit> {
    let out = run(
        top,
        &[
            "log",
            "-1",
            "--format=%H%x1f%P%x1f%(trailers:key=Nastavnyk-Action,valueonly,separator=%x2c)%x1f%(trailers:key=Record,valueonly,separator=%x2c)%x1f%(trailers:key=Reverts,valueonly,separator=%x2c)",
            rev,
            "--",
        ],
    )
    .ok()?;
    let mut parts = out.trim_end().split('\u{1f}');
    let mut next = || parts.next().unwrap_or("").trim().to_string();
    let (hash, parents, action, record, reverts) = (next(), next(), next(), next(), next());
    if hash.is_empty() {
        return None;
    }
    Some(LastCommit {
        hash,
        parents: parents.split_whitespace().map(str::to_string).collect(),
        action,
        record,
        reverts,
    })
}

/// The files `commit` changed against its parent, top-relative.
pub fn changed_files(top: &Path, commit: &str) -> Result<Vec<String>> {
    let out = run(
        top,
        &[
            "diff-tree",
            "-r",
            "--no-commit-id",
            "--no-renames",
            "--name-only",
            "-z",
            &format!("{commit}^"),
            commit,
        ],
    )?;
    Ok(out.split('\0').filter(|p| !p.is_empty()).map(str::to_string).collect())
}

/// An error for a push the server refused, with what it said.
pub fn refused(remote: &str, server: &str) -> Error {
    Error::new(Failure::PushRefused { remote: remote.to_string(), server: server.to_string() })
        .with_hint(Hint::FixPushRefusal)
}
