//! Safe writes: the registry lock, atomic file replacement, and the commit of exactly the
//! files a command changed. A command validates the state it is about to write *before*
//! calling `Transaction::commit`; this module makes sure that what is written is whole and
//! that a failed commit leaves the files as they were.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::git;

pub const LOCK_FILE: &str = ".nastavnyk.lock";

/// Held for the whole read–validate–write–commit of a command, so that two writers on one
/// registry take turns instead of interleaving. An OS file lock: a killed process releases it,
/// so no stale lock can block the next writer.
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Takes the lock, waiting for another writer to finish; `on_wait` is called once if so.
    pub fn acquire(root: &Path, on_wait: impl FnOnce()) -> Result<Lock> {
        let path = root.join(LOCK_FILE);
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|err| Error::io(&path, err))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                on_wait();
                file.lock().map_err(|err| Error::io(&path, err))?;
            }
            Err(std::fs::TryLockError::Error(err)) => return Err(Error::io(&path, err)),
        }
        Ok(Lock { _file: file })
    }
}

/// Writes `contents` to `path` so that readers see the old file or the new one, never a part:
/// a temporary file in the same folder (readable by the owner only: children's data), flushed
/// to disk, then renamed over the target, and the folder flushed so the rename survives a crash.
pub fn write_atomic(path: &Path, contents: &str) -> Result<()> {
    write_atomic_bytes(path, contents.as_bytes())
}

/// `write_atomic` for any bytes (a DOCX); a bare file name is written in the current folder.
pub fn write_atomic_bytes(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
    let prefix = format!(".{}.", path.file_name().expect("a file name").to_string_lossy());
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|err| Error::io(dir, err))?;
    temp.write_all(contents).map_err(|err| Error::io(path, err))?;
    temp.as_file().sync_all().map_err(|err| Error::io(path, err))?;
    set_owner_only(temp.path())?;
    temp.persist(path).map_err(|err| Error::io(path, err.error))?;
    sync_dir(dir);
    Ok(())
}

#[cfg(unix)]
fn set_owner_only(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|err| Error::io(path, err))
}

#[cfg(not(unix))]
fn set_owner_only(_path: &Path) -> Result<()> {
    Ok(())
}

fn sync_dir(dir: &Path) {
    // Best effort: not every file system lets a folder be opened and flushed.
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}

/// What the commit says: `<noun> <action> <id>` and the trailers of product.md §5.
#[derive(Clone, Debug)]
pub struct CommitMessage {
    pub noun: &'static str,
    pub action: &'static str,
    pub record: String,
    pub reason: Option<String>,
}

impl CommitMessage {
    pub fn render(&self) -> String {
        let mut message = format!(
            "{noun} {action} {record}\n\nNastavnyk-Action: {noun}.{action}\nRecord: {record}\n",
            noun = self.noun,
            action = self.action,
            record = self.record
        );
        if let Some(reason) = self.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            // A trailer is one line: fold the user's line breaks.
            let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
            message.push_str(&format!("Reason: {reason}\n"));
        }
        message
    }

    pub fn summary(&self) -> String {
        format!("{} {} {}", self.noun, self.action, self.record)
    }
}

/// A set of file changes, applied together and committed together.
#[derive(Default)]
pub struct Transaction {
    /// (path relative to the registry, new contents; `None` deletes the file)
    changes: Vec<(String, Option<String>)>,
}

/// How a transaction ended.
pub enum Outcome {
    Committed(String),
    /// Written, and not committed on purpose (`--no-commit`, `[git] commit = false`).
    Written,
    /// Written, but the registry is not in a git work tree.
    NoRepository,
}

impl Transaction {
    pub fn write(&mut self, rel: impl Into<String>, contents: String) {
        self.changes.push((rel.into(), Some(contents)));
    }

    pub fn delete(&mut self, rel: impl Into<String>) {
        self.changes.push((rel.into(), None));
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Writes every change, then commits them if `commit` is set. If the commit fails, every
    /// file is put back as it was, so the registry never holds an uncommitted half-change.
    pub fn apply(self, root: &Path, commit: Option<&CommitMessage>) -> Result<Outcome> {
        let mut undo: Vec<(PathBuf, Option<String>)> = Vec::new();
        for (rel, contents) in &self.changes {
            let path = root.join(rel);
            undo.push((path.clone(), std::fs::read_to_string(&path).ok()));
            let result = match contents {
                Some(text) => write_atomic(&path, text),
                None => match std::fs::remove_file(&path) {
                    Ok(()) => Ok(()),
                    Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
                    Err(err) => Err(Error::io(&path, err)),
                },
            };
            if let Err(err) = result {
                restore(&undo);
                return Err(err);
            }
        }
        let Some(message) = commit else { return Ok(Outcome::Written) };
        if git::toplevel(root).is_none() {
            return Ok(Outcome::NoRepository);
        }
        let paths: Vec<String> = self.changes.iter().map(|(rel, _)| rel.clone()).collect();
        match git::commit_paths(root, &paths, &message.render()) {
            Ok(hash) => Ok(Outcome::Committed(hash)),
            Err(err) => {
                restore(&undo);
                // Unstage what `git add` may have staged before the commit failed.
                let mut reset = vec!["reset", "--quiet", "--"];
                reset.extend(paths.iter().map(String::as_str));
                let _ = git::run(root, &reset);
                Err(err)
            }
        }
    }
}

fn restore(undo: &[(PathBuf, Option<String>)]) {
    for (path, old) in undo.iter().rev() {
        let _ = match old {
            Some(text) => write_atomic(path, text),
            None => std::fs::remove_file(path).map_err(|err| Error::io(path, err)),
        };
    }
}
