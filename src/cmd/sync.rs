//! `sync`: share the registry through its git remote — fetch, rebase the local commits on
//! the remote's, check the result, push. A conflict aborts the rebase and leaves the clone
//! exactly as it was (same HEAD, same files), naming the records both sides changed.

use crate::check::{self, Severity};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::git;
use crate::history::Repo;
use crate::i18n::Msg;
use crate::output;
use crate::registry::Registry;

/// Rounds of fetch–rebase–push when another coordinator pushes in between.
const ATTEMPTS: usize = 3;

pub fn run(ctx: &Ctx) -> Result<u8> {
    // Under the registry lock: no writer of ours commits while the branch is rebased.
    let _lock = ctx.lock()?;
    let repo = Repo::find(&ctx.root).ok_or_else(|| Error::new(Msg::NoRepository))?;
    let dirty = repo.uncommitted(&ctx.root)?;
    if !dirty.is_empty() {
        let mut files: Vec<&str> = dirty.iter().take(5).map(String::as_str).collect();
        if dirty.len() > 5 {
            files.push("…");
        }
        return Err(Msg::SyncDirty { files: files.join(", ") }.into());
    }
    let top = repo.top.as_path();
    let branch = git::run(top, &["symbolic-ref", "--quiet", "--short", "HEAD"])
        .map_err(|_| Error::new(Msg::SyncDetached))?
        .trim()
        .to_string();
    let (remote, remote_ref, has_upstream) = upstream(top, &branch)?;
    let shown = format!("{remote}/{}", remote_ref.trim_start_matches("refs/heads/"));

    let mut received = 0;
    for _ in 0..ATTEMPTS {
        let head = rev(top, "HEAD")?;
        let remote_head = fetch(top, &remote, &remote_ref)?;
        if let Some(theirs) = &remote_head {
            let incoming = count(top, &format!("{head}..{theirs}"))?;
            if incoming > 0 {
                rebase(top, &repo, &head, theirs, &shown)?;
                received += incoming;
            }
        }
        let outgoing = match &remote_head {
            Some(theirs) => count(top, &format!("{theirs}..HEAD"))?,
            None => count(top, "HEAD")?,
        };
        if received == 0 && outgoing == 0 {
            ctx.note(Msg::SyncUpToDate { remote: shown });
            return Ok(0);
        }
        if received > 0 {
            git::refresh_commit_graph(top);
        }
        // What is shared must be valid: what came in, and what we are about to send.
        let registry = Registry::load(&ctx.root);
        let errors: Vec<_> = check::check_registry(&registry, ctx.today)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if !errors.is_empty() {
            eprint!("{}", output::render_diagnostics(&errors, &[], &ctx.root, ctx.lang, false));
            ctx.note(Msg::SyncInvalid { count: errors.len() });
            return Ok(1);
        }
        if outgoing == 0 {
            ctx.note(Msg::SyncDone { remote: shown, received, sent: 0 });
            return Ok(0);
        }
        let target = format!("HEAD:{remote_ref}");
        let mut push = vec!["push", "--quiet"];
        if !has_upstream {
            push.push("--set-upstream");
        }
        push.extend([remote.as_str(), target.as_str()]);
        let out = git::output(top, &push, None)?;
        if out.status.success() {
            ctx.note(Msg::SyncDone { remote: shown, received, sent: outgoing });
            return Ok(0);
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        // Someone pushed between our fetch and push: fetch and rebase again.
        if !(stderr.contains("rejected")
            || stderr.contains("fetch first")
            || stderr.contains("non-fast-forward"))
        {
            return Err(git::failure(&push, &out));
        }
    }
    Err(Msg::SyncRaced { remote: shown }.into())
}

/// The remote and branch to share with: the branch's upstream, else `origin` and the branch of
/// the same name; the flag says whether an upstream is configured (set on the first push).
fn upstream(top: &std::path::Path, branch: &str) -> Result<(String, String, bool)> {
    let out = git::run(
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
    let remotes = git::run(top, &["remote"])?;
    if remotes.lines().any(|r| r.trim() == "origin") {
        return Ok(("origin".into(), format!("refs/heads/{branch}"), false));
    }
    Err(Msg::SyncNoRemote.into())
}

/// Fetches the remote branch; `None` if the remote does not have it yet (a first push).
fn fetch(top: &std::path::Path, remote: &str, remote_ref: &str) -> Result<Option<String>> {
    let args = ["fetch", "--quiet", "--no-tags", remote, remote_ref];
    let out = git::output(top, &args, None)?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("couldn't find remote ref") {
            return Ok(None);
        }
        return Err(git::failure(&args, &out));
    }
    rev(top, "FETCH_HEAD").map(Some)
}

/// Rebases the local commits on `theirs`. On a conflict, aborts, checks the clone is back at
/// `head`, and explains which records both sides changed.
fn rebase(top: &std::path::Path, repo: &Repo, head: &str, theirs: &str, shown: &str) -> Result<()> {
    let out = git::output(top, &["rebase", "--quiet", "--no-autostash", theirs], None)?;
    if out.status.success() {
        return Ok(());
    }
    let conflicts = git::run(top, &["diff", "--name-only", "--diff-filter=U", "-z"]).unwrap_or_default();
    let files: Vec<String> = conflicts
        .split('\0')
        .filter(|f| !f.is_empty())
        .map(|f| repo.registry_path(f).unwrap_or(f).to_string())
        .collect();
    let _ = git::output(top, &["rebase", "--abort"], None)?;
    if rev(top, "HEAD")? != head {
        // `rebase --abort` puts HEAD back; should it not have, do it ourselves, so that the
        // promise "as before sync" holds (the local commits are still reachable from `head`).
        git::run(top, &["reset", "--quiet", "--hard", head])?;
    }
    if files.is_empty() {
        return Err(git::failure(&["rebase", theirs], &out));
    }
    Err(Msg::SyncConflict { files: files.join(", "), remote: shown.to_string() }.into())
}

fn rev(top: &std::path::Path, what: &str) -> Result<String> {
    Ok(git::run(top, &["rev-parse", "--verify", "--quiet", what])?.trim().to_string())
}

fn count(top: &std::path::Path, range: &str) -> Result<usize> {
    Ok(git::run(top, &["rev-list", "--count", range])?.trim().parse().unwrap_or(0))
}
