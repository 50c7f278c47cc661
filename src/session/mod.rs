//! The use cases that change a registry, without the command line. A `Session` is what they
//! need: where the registry is, its configuration, the day, whether changes are committed.
//! `Ctx` (the CLI's context) hands one out; a test builds one directly. The author of a commit
//! is git's; the reason is per call. `records` holds the edit pipeline (add, set, edit, remove:
//! validate with `check`, write atomically under the lock, commit); the agreement life cycle
//! and contacts (`agreement::lifecycle`, `agreement::contact`) build on it.

pub mod records;

use std::path::PathBuf;
use std::rc::Rc;

use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::record::config::Config;
use crate::record::date::Date;
use crate::registry::write::{CommitMessage, Lock, Outcome, Transaction};

#[derive(Clone)]
pub struct Session {
    pub root: PathBuf,
    pub config: Config,
    pub today: Date,
    /// Commit each change (`[git] commit` and not `--no-commit`).
    pub commit: bool,
    /// Called once when another writer holds the lock and this one waits (the CLI says so).
    pub on_wait: Rc<dyn Fn()>,
}

/// One record written (or deleted) and how the write ended: what a command shows afterwards.
pub struct Change {
    pub id: String,
    /// The record's file, relative to the registry.
    pub rel: String,
    /// The text written (`None` when the file was deleted): its warnings are shown on it.
    pub text: Option<String>,
    /// Problems that did not stop the write.
    pub warnings: Vec<Diagnostic>,
    /// `<noun> <action> <id>` when committed.
    pub summary: Option<String>,
    pub outcome: Outcome,
}

impl Session {
    /// A session on `root` that commits, for tests and other callers without a CLI.
    pub fn new(root: impl Into<PathBuf>, config: Config, today: Date) -> Session {
        Session { root: root.into(), config, today, commit: true, on_wait: Rc::new(|| {}) }
    }

    /// Opens the registry at `root`, reading its configuration (which says whether to commit).
    pub fn open(root: impl Into<PathBuf>, today: Date) -> Result<Session> {
        let root = root.into();
        let config = crate::registry::read_config(&root).map_err(|diagnostic| {
            crate::error::Error::new(crate::error::Failure::RegistryInvalid { count: 1 })
                .with_diagnostics(vec![diagnostic])
        })?;
        let commit = config.git.commit;
        Ok(Session { commit, ..Session::new(root, config, today) })
    }

    /// Takes the registry's write lock (for the validate–write–commit of one change).
    pub fn lock(&self) -> Result<Lock> {
        Lock::acquire(&self.root, || (self.on_wait)())
    }

    /// The commit message for a change, if this session commits.
    pub fn commit_message(
        &self,
        noun: &'static str,
        action: &'static str,
        record: &str,
        reason: Option<&str>,
    ) -> Option<CommitMessage> {
        self.commit.then(|| CommitMessage {
            noun,
            action,
            record: record.to_string(),
            reason: reason.map(str::to_string),
        })
    }

    /// Writes one record's new text (already validated; `warnings` are what remained) and
    /// commits it as `<noun> <action> <id>`.
    pub fn write_record(
        &self,
        rel: String,
        text: String,
        warnings: Vec<Diagnostic>,
        (noun, action): (&'static str, &'static str),
        id: &str,
        reason: Option<&str>,
    ) -> Result<Change> {
        let mut transaction = Transaction::default();
        transaction.write(rel.clone(), text.clone());
        let message = self.commit_message(noun, action, id, reason);
        let outcome = transaction.apply(&self.root, message.as_ref())?;
        Ok(Change {
            id: id.to_string(),
            rel,
            text: Some(text),
            warnings,
            summary: message.as_ref().map(CommitMessage::summary),
            outcome,
        })
    }

    /// Deletes one record's file and commits it.
    pub fn delete_record(
        &self,
        rel: String,
        (noun, action): (&'static str, &'static str),
        id: &str,
        reason: Option<&str>,
    ) -> Result<Change> {
        let mut transaction = Transaction::default();
        transaction.delete(rel.clone());
        let message = self.commit_message(noun, action, id, reason);
        let outcome = transaction.apply(&self.root, message.as_ref())?;
        Ok(Change {
            id: id.to_string(),
            rel,
            text: None,
            warnings: Vec::new(),
            summary: message.as_ref().map(CommitMessage::summary),
            outcome,
        })
    }
}
