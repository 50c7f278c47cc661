//! Sharing the registry through its git remote — fetch, rebase the local commits on the
//! remote's, check the result, push. A conflict aborts the rebase and leaves the clone
//! exactly as it was (same HEAD, same files), naming the records both sides changed.
//! The caller holds the registry lock, so no writer of ours commits during the rebase.

use std::path::Path;

use crate::check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Failure;
use crate::error::{Error, Result};
use crate::git::{self, Repo, remote};
use crate::record::Date;
use crate::record::Kind;
use crate::registry::Registry;
use crate::registry::ids;

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

/// Syncs; with the outcome, the IDs of local records renumbered because the remote had
/// added records under the same IDs (`c-0007` → `c-0008`), for the user to be told even when
/// what came in turns out invalid.
pub fn sync(root: &Path, today: Date) -> Result<(Outcome, Vec<(String, String)>)> {
    let mut renumbered = Vec::new();
    let outcome = attempt(root, today, &mut renumbered)?;
    Ok((outcome, renumbered))
}

fn attempt(root: &Path, today: Date, renumbered: &mut Vec<(String, String)>) -> Result<Outcome> {
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
                // Two coordinators who each added a record got the same next ID: ours, not
                // sent yet, takes the next free one, so the rebase sees no add/add conflict.
                let moved = renumber(top, &repo, &head, theirs)?;
                let rebased_from = if moved.is_empty() { head.clone() } else { remote::rev(top, "HEAD")? };
                if let Err(files) = remote::rebase(top, &repo, &rebased_from, theirs)? {
                    if !moved.is_empty() {
                        // The promise on a conflict is "as before sync": undo the renumbering.
                        git::run(top, &["reset", "--quiet", "--hard", &head])?;
                    }
                    return Err(Failure::SyncConflict { files: files.join(", "), remote: shown }.into());
                }
                renumbered.extend(moved);
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

/// Renumbers the records the local, unpushed commits add under a path `theirs` adds too: each
/// takes the next ID free on both sides (removed ones included), its file is renamed, and its
/// ID is rewritten wherever the local commits wrote it (the record, the agreements and notes
/// naming it, the commit messages). The local commits are recreated on the same base with
/// their author, date and trailers, plus a `Renumbered:` trailer; the branch then points at
/// them. Returns nothing changed when there is no such pair, or when the local history is not
/// a plain line of commits (a merge): the rebase then reports its conflict as before.
fn renumber(top: &Path, repo: &Repo, head: &str, theirs: &str) -> Result<Vec<(String, String)>> {
    let Ok(base) = git::run(top, &["merge-base", head, theirs]) else { return Ok(Vec::new()) };
    let base = base.trim().to_string();
    let added = |to: &str| -> Result<Vec<String>> {
        let out = git::run(
            top,
            &[
                "diff",
                "--name-only",
                "--no-renames",
                "--diff-filter=A",
                &base,
                to,
                "--",
                &registry_spec(repo),
            ],
        )?;
        Ok(out.lines().map(str::to_string).collect())
    };
    let theirs_added = added(theirs)?;
    let mut collided: Vec<(Kind, String, String)> = Vec::new();
    for path in added(head)? {
        if !theirs_added.contains(&path) {
            continue;
        }
        let Some(rel) = repo.registry_path(&path) else { continue };
        let Some((dir, name)) = rel.split_once('/') else { continue };
        let Some(kind) = Kind::ALL.into_iter().find(|k| k.dir() == dir) else { continue };
        let Some(stem) = name.strip_suffix(".toml") else { continue };
        if stem.starts_with(&format!("{}-", kind.id_prefix())) && crate::record::is_valid_id(stem) {
            collided.push((kind, path.clone(), stem.to_string()));
        }
    }
    if collided.is_empty() {
        return Ok(Vec::new());
    }
    let commits = git::run(top, &["rev-list", "--reverse", "--parents", &format!("{base}..{head}")])?;
    let commits: Vec<Vec<&str>> = commits.lines().map(|l| l.split_whitespace().collect()).collect();
    if commits.iter().any(|c| c.len() != 2) {
        return Ok(Vec::new());
    }

    // The new IDs: past everything either side ever used, then past each other.
    let mut map: Vec<(String, String, String, String)> = Vec::new(); // old path, new path, old id, new id
    for kind in Kind::ALL {
        let mine: Vec<_> = collided.iter().filter(|(k, ..)| *k == kind).collect();
        if mine.is_empty() {
            continue;
        }
        let folder = repo.top_path(kind.dir());
        let mut names = git::names::in_tree(top, head, &folder)?;
        names.extend(git::names::in_tree(top, theirs, &folder)?);
        names.extend(git::names::removed(top, &[head, theirs], &folder)?);
        let mut stems: Vec<String> =
            names.iter().filter_map(|p| ids::stem_of(p)).map(str::to_string).collect();
        for (_, path, old) in mine {
            let new = ids::after(kind, stems.iter().map(String::as_str));
            let new_path = format!("{}{new}.toml", &path[..path.len() - old.len() - ".toml".len()]);
            stems.push(new.clone());
            map.push((path.clone(), new_path, old.clone(), new));
        }
    }

    let index = git::run(top, &["rev-parse", "--git-path", "nastavnyk-renumber.index"])?;
    let index = top.join(index.trim());
    let index_str = index.to_string_lossy().into_owned();
    let result = rewrite(top, repo, &base, &commits, &map, &index_str);
    let _ = std::fs::remove_file(&index);
    let new_head = result?;
    git::run(top, &["reset", "--quiet", "--hard", &new_head])?;
    Ok(map.into_iter().map(|(_, _, old, new)| (old, new)).collect())
}

/// Recreates `commits` on `base` with the renumbering `map` applied; returns the new tip.
fn rewrite(
    top: &Path,
    repo: &Repo,
    base: &str,
    commits: &[Vec<&str>],
    map: &[(String, String, String, String)],
    index: &str,
) -> Result<String> {
    let env_index = [("GIT_INDEX_FILE", index)];
    let mut parent = base.to_string();
    for commit in commits {
        let commit = commit[0];
        git::names::run_env(top, &["read-tree", commit], &env_index, None)?;
        let changed = git::run(
            top,
            &[
                "diff",
                "--name-only",
                "--no-renames",
                "--diff-filter=AM",
                base,
                commit,
                "--",
                &registry_spec(repo),
            ],
        )?;
        for path in changed.lines().filter(|p| !p.is_empty()) {
            let text = git::run(top, &["cat-file", "blob", &format!("{commit}:{path}")])?;
            let mut new_text = text.clone();
            for (_, _, old, new) in map {
                new_text = new_text.replace(&format!("\"{old}\""), &format!("\"{new}\""));
            }
            let new_path = map.iter().find(|(p, ..)| p == path).map_or(path, |(_, n, ..)| n.as_str());
            if new_text == text && new_path == path {
                continue;
            }
            let blob = git::names::run_env(top, &["hash-object", "-w", "--stdin"], &[], Some(&new_text))?;
            if new_path != path {
                git::names::run_env(top, &["update-index", "--force-remove", "--", path], &env_index, None)?;
            }
            let info = format!("100644,{},{new_path}", blob.trim());
            git::names::run_env(top, &["update-index", "--add", "--cacheinfo", &info], &env_index, None)?;
        }
        let tree = git::names::run_env(top, &["write-tree"], &env_index, None)?;
        let meta = git::run(top, &["log", "-1", "--date=raw", "--format=%an%x1f%ae%x1f%ad%x1f%B", commit])?;
        let mut parts = meta.splitn(4, '\u{1f}');
        let mut next = || parts.next().unwrap_or("").to_string();
        let (name, email, date, message) = (next(), next(), next(), next());
        let mut message = message.trim_end().to_string();
        let mut notes = Vec::new();
        for (_, _, old, new) in map {
            if message.contains(old.as_str()) {
                message = replace_id(&message, old, new);
                notes.push(format!("Renumbered: {old} -> {new}"));
            }
        }
        // In the trailer block, so that the action and reason trailers stay trailers.
        for note in notes {
            message.push('\n');
            message.push_str(&note);
        }
        message.push('\n');
        let env =
            [("GIT_AUTHOR_NAME", name.as_str()), ("GIT_AUTHOR_EMAIL", &email), ("GIT_AUTHOR_DATE", &date)];
        let made = git::names::run_env(
            top,
            &["commit-tree", tree.trim(), "-p", &parent, "-F", "-"],
            &env,
            Some(&message),
        )?;
        parent = made.trim().to_string();
    }
    Ok(parent)
}

/// `old` replaced by `new` where it stands as a whole ID (not `c-00071`).
fn replace_id(text: &str, old: &str, new: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(old) {
        let after = &rest[at + old.len()..];
        let whole = !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-');
        out.push_str(&rest[..at]);
        out.push_str(if whole { new } else { old });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The pathspec of the whole registry, run from the top of the work tree.
fn registry_spec(repo: &Repo) -> String {
    if repo.prefix.is_empty() { ".".to_string() } else { repo.prefix.clone() }
}
