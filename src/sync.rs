//! Sharing the registry through its git remote — fetch, rebase the local commits on the
//! remote's, check the result, push. A conflict aborts the rebase and leaves the clone
//! exactly as it was (same HEAD, same files), naming the records both sides changed.
//! The caller holds the registry lock, so no writer of ours commits during the rebase.

use std::path::Path;

use crate::check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Failure;
use crate::error::{Error, Result};
use crate::git::{Repo, remote};
use crate::record::Date;
use crate::registry::Registry;

/// Rounds of fetch–rebase–push when another coordinator pushes in between.
const ATTEMPTS: usize = 3;

/// How a sync ended; `remote` is shown as `origin/main`.
pub enum Outcome {
    UpToDate {
        remote: String,
    },
    Done {
        remote: String,
        received: usize,
        sent: usize,
    },
    /// What came in, or what would go out, is not valid: nothing was pushed.
    Invalid {
        errors: Vec<Diagnostic>,
    },
}

pub fn sync(root: &Path, today: Date) -> Result<Outcome> {
    let repo = Repo::find(root).ok_or_else(|| Error::new(Failure::NoRepository))?;
    let dirty = repo.uncommitted(root)?;
    if !dirty.is_empty() {
        return Err(Failure::SyncDirty { files: list(&dirty) }.into());
    }
    let top = repo.top.as_path();
    let branch = remote::current_branch(top).ok_or_else(|| Error::new(Failure::SyncDetached))?;
    crate::git::safety::refuse_unsafe_state(top)?;
    // What is fetched is children's data too: a clone made by hand gets init's owner-only mode.
    crate::git::safety::make_owner_only_if_unset(top)?;
    let (remote_name, remote_ref, has_upstream) = remote::upstream(top, &branch)?;
    let shown = format!("{remote_name}/{}", remote_ref.trim_start_matches("refs/heads/"));

    let mut received = 0;
    for _ in 0..ATTEMPTS {
        let head = remote::rev(top, "HEAD")?;
        let remote_head = remote::fetch(top, &remote_name, &remote_ref)?;
        if let Some(theirs) = &remote_head {
            let incoming = remote::count(top, &format!("{head}..{theirs}"))?;
            if incoming > 0 {
                if let Err(files) = remote::rebase(top, &repo, &head, theirs)? {
                    return Err(Failure::SyncConflict { files: files.join(", "), remote: shown }.into());
                }
                received += incoming;
            }
        }
        let outgoing = match &remote_head {
            Some(theirs) => remote::count(top, &format!("{theirs}..HEAD"))?,
            None => remote::count(top, "HEAD")?,
        };
        if received == 0 && outgoing == 0 {
            return Ok(Outcome::UpToDate { remote: shown });
        }
        if received > 0 {
            crate::git::refresh_commit_graph(top);
        }
        // What is shared must be valid: what came in, and what we are about to send.
        let registry = Registry::load(root);
        let errors: Vec<_> = check::check_registry(&registry, today)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if !errors.is_empty() {
            return Ok(Outcome::Invalid { errors });
        }
        if outgoing == 0 {
            return Ok(Outcome::Done { remote: shown, received, sent: 0 });
        }
        match remote::push(top, &remote_name, &remote_ref, !has_upstream)? {
            remote::Push::Done => return Ok(Outcome::Done { remote: shown, received, sent: outgoing }),
            remote::Push::Raced => continue,
            remote::Push::Refused(server) => return Err(remote::refused(&shown, &server)),
        }
    }
    Err(Failure::SyncRaced { remote: shown }.into())
}

/// Up to five files, then `…`.
pub fn list(files: &[String]) -> String {
    let mut shown: Vec<&str> = files.iter().take(5).map(String::as_str).collect();
    if files.len() > 5 {
        shown.push("…");
    }
    shown.join(", ")
}
