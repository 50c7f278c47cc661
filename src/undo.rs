//! Undo: reverts the last change nastavnyk made, as a new commit that names the one it
//! reverts, so the audit trail keeps both. Refused on a dirty registry, after a commit made by
//! hand, after a commit of another registry in the same repository, after an undo (undo does
//! not step back through its own reverts: an undo of an undo would re-apply the change), and
//! when the registry would not be valid afterwards. The caller holds the registry lock.

use std::path::Path;

use crate::check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::error::{Failure, Hint};
use crate::git::{Repo, log, remote};
use crate::history;
use crate::record::{Config, Date};
use crate::registry::write::Transaction;

/// What was undone: the new commit's hash and `undo <noun> <action> <record>`.
pub struct Undone {
    pub commit: String,
    pub summary: String,
}

pub fn undo(root: &Path, config: &Config, today: Date, reason: Option<&str>) -> Result<Undone> {
    let repo = Repo::find(root).ok_or_else(|| Error::new(Failure::NoRepository))?;
    let dirty = repo.uncommitted(root)?;
    if !dirty.is_empty() {
        return Err(Failure::UndoDirty { files: crate::sync::list(&dirty) }.into());
    }
    let head = remote::commit_info(&repo.top, "HEAD").ok_or_else(|| Error::new(Failure::UndoNothing))?;
    let short = head.hash[..head.hash.len().min(8)].to_string();
    if head.action.is_empty() || head.parents.len() > 1 {
        return Err(Failure::UndoNotOurs { commit: short }.into());
    }
    if head.parents.is_empty() || head.action == "registry.init" {
        return Err(Failure::UndoNothing.into());
    }

    // The files the last commit changed: all of them must be this registry's, or the commit
    // belongs to another registry (or to more than this one) sharing the repository.
    let changed = remote::changed_files(&repo.top, &head.hash)?;
    if changed.is_empty() || changed.iter().any(|path| repo.registry_path(path).is_none()) {
        let registry = if repo.prefix.is_empty() { ".".to_string() } else { repo.prefix.clone() };
        return Err(Error::new(Failure::UndoOtherRegistry { commit: short.clone(), registry })
            .with_hint(Hint::UndoElsewhere { commit: short }));
    }
    if head.action == "undo" {
        let reverted = &head.reverts[..head.reverts.len().min(8)];
        return Err(Error::new(Failure::UndoOfUndo { commit: short, reverted: reverted.to_string() })
            .with_hint(Hint::UndoOfUndo));
    }

    // What each file held before the commit: undoing it puts exactly those versions back
    // (what `git revert HEAD` would do).
    let mut restore: Vec<(String, Option<String>)> = Vec::new();
    for top_path in &changed {
        let rel = repo.registry_path(top_path).unwrap_or(top_path).to_string();
        restore.push((rel, log::text_at(&repo.top, &format!("{}^", head.hash), top_path)?));
    }
    validate(root, config, today, &restore)?;

    let original = head.action.replace('.', " ");
    let record = if head.record.is_empty() { "-".to_string() } else { head.record.clone() };
    let mut message = format!(
        "undo {original} {record}\n\nNastavnyk-Action: undo\nRecord: {record}\nReverts: {}\n",
        head.hash
    );
    if let Some(reason) = reason.map(str::trim).filter(|r| !r.is_empty()) {
        message.push_str(&format!("Reason: {}\n", reason.split_whitespace().collect::<Vec<_>>().join(" ")));
    }
    let mut transaction = Transaction::default();
    for (rel, text) in restore {
        match text {
            Some(text) => transaction.write(rel, text),
            None => transaction.delete(rel),
        }
    }
    let commit = transaction.apply_message(root, &message)?;
    let summary = format!("{} undo {original} {record}", &commit[..commit.len().min(8)]);
    Ok(Undone { commit, summary })
}

/// The files as they would be after the undo must pass the checks every write passes: each
/// record parses and passes its own checks, a restored config reads, and no record that
/// stays refers to one the undo removes.
fn validate(root: &Path, config: &Config, today: Date, restore: &[(String, Option<String>)]) -> Result<()> {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut sources = Vec::new();
    for (rel, text) in restore {
        let kind = history::kind_of_path(rel);
        let stem = rel.rsplit('/').next().and_then(|name| name.strip_suffix(".toml"));
        match (kind, stem, text) {
            (Some(kind), Some(id), Some(text)) => {
                problems.extend(check::validate_record_text(root, config, kind, id, rel, text, today));
                sources.push((rel.clone(), text.clone()));
            }
            (Some(kind), Some(id), None) => {
                let leaving: Vec<&String> =
                    restore.iter().filter(|(_, t)| t.is_none()).map(|(r, _)| r).collect();
                let by: Vec<String> =
                    check::referrers(root, kind, id).into_iter().filter(|r| !leaving.contains(&r)).collect();
                if !by.is_empty() {
                    return Err(Failure::StillReferenced { id: id.to_string(), by: by.join(", ") }.into());
                }
            }
            _ if rel == crate::registry::CONFIG_FILE => {
                let Some(text) = text else { continue };
                if let Err(diagnostic) =
                    crate::registry::parse_toml::<crate::record::Config>(crate::registry::CONFIG_FILE, text)
                {
                    problems.push(diagnostic);
                    sources.push((rel.clone(), text.clone()));
                }
            }
            _ => {}
        }
    }
    problems.retain(|d| d.severity == Severity::Error);
    if problems.is_empty() {
        return Ok(());
    }
    let mut error = Error::new(Failure::UndoRefused).with_diagnostics(problems);
    for (rel, text) in sources {
        error = error.with_source(rel, text);
    }
    Err(error)
}
