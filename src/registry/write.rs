//! Safe writes: the registry lock, atomic file replacement, and the commit of exactly the
//! files a command changed. A command validates the state it is about to write *before*
//! calling `Transaction::commit`; this module makes sure that what is written is whole and
//! that a failed commit leaves the files as they were.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::git;

/// The lock's old place, in the registry folder: still used for a registry outside git.
pub use crate::git::LOCK_FILE;

/// Held for the whole read–validate–write–commit of a command, so that two writers on one
/// registry take turns instead of interleaving. An OS file lock: a killed process releases it,
/// so no stale lock can block the next writer. It lives in `.git/nastavnyk/lock`, so that it
/// never shows as an untracked file; registries sharing one repository share it too, as they
/// share its index.
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Takes the lock, waiting for another writer to finish; `on_wait` is called once if so.
    pub fn acquire(root: &Path, on_wait: impl FnOnce()) -> Result<Lock> {
        let dir = git::safety::tool_dir(root);
        let path = if dir == root { root.join(LOCK_FILE) } else { dir.join("lock") };
        std::fs::create_dir_all(&dir).map_err(|err| Error::write(&dir, err))?;
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|err| Error::write(&path, err))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                on_wait();
                file.lock().map_err(|err| Error::write(&path, err))?;
            }
            Err(std::fs::TryLockError::Error(err)) => return Err(Error::write(&path, err)),
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
    std::fs::create_dir_all(dir).map_err(|err| Error::write(dir, err))?;
    let prefix = format!(".{}.", path.file_name().expect("a file name").to_string_lossy());
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|err| Error::write(dir, err))?;
    temp.write_all(contents).map_err(|err| Error::write(path, err))?;
    temp.as_file().sync_all().map_err(|err| Error::write(path, err))?;
    set_owner_only(temp.path())?;
    temp.persist(path).map_err(|err| Error::write(path, err.error))?;
    sync_dir(dir);
    Ok(())
}

#[cfg(unix)]
fn set_owner_only(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .map_err(|err| Error::write(path, err))
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

/// What the commit says: `<noun> <action> <id>` and the trailers of docs/cli.md, "Git commits".
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
        let Some(message) = commit else {
            self.write_all(root)?;
            return Ok(Outcome::Written);
        };
        let Some(repo) = git::Repo::find(root) else {
            self.write_all(root)?;
            return Ok(Outcome::NoRepository);
        };
        self.commit(root, &repo, &message.render()).map(Outcome::Committed)
    }

    /// Writes and commits with `message` as it stands; an error outside a git work tree.
    pub fn apply_message(self, root: &Path, message: &str) -> Result<String> {
        let repo = git::Repo::find(root).ok_or_else(|| Error::new(crate::error::Failure::NoRepository))?;
        self.commit(root, &repo, message)
    }

    /// Writes every change, putting back what was written if one fails.
    fn write_all(&self, root: &Path) -> Result<Vec<(PathBuf, Option<String>)>> {
        let mut undo: Vec<(PathBuf, Option<String>)> = Vec::new();
        for (rel, contents) in &self.changes {
            let path = root.join(rel);
            undo.push((path.clone(), std::fs::read_to_string(&path).ok()));
            if let Err(err) = write_state(&path, contents.as_deref()) {
                let _ = restore(&undo);
                return Err(err);
            }
        }
        Ok(undo)
    }

    fn commit(self, root: &Path, repo: &git::Repo, message: &str) -> Result<String> {
        let paths: Vec<String> = self.changes.iter().map(|(rel, _)| rel.clone()).collect();
        let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
        // Refused before anything is written: a commit git has no name for, one in the middle
        // of a rebase or on no branch, and one that would sweep up a change nobody made
        // through this command.
        git::check_identity(&repo.top)?;
        git::safety::refuse_unsafe_state(&repo.top)?;
        git::safety::refuse_stray_changes(root, repo, &refs)?;
        // Ctrl-C from here to the end of the commit is held until the files and the index are
        // consistent again (committed, or put back): an interrupted write would otherwise leave
        // a temporary file with a child's data, or a half-made change.
        let interrupted = defer_interrupts();
        let result = self.write_and_commit(root, &paths, message);
        if interrupted.as_ref().is_some_and(|flag| flag.load(std::sync::atomic::Ordering::SeqCst)) {
            // What the user asked for, now that it is safe: stop, as an interrupted program does.
            std::process::exit(130);
        }
        result
    }

    fn write_and_commit(&self, root: &Path, paths: &[String], message: &str) -> Result<String> {
        let undo = self.write_all(root)?;
        match git::commit_paths(root, paths, message) {
            Ok(hash) => Ok(hash),
            Err(err) => {
                let left = restore(&undo);
                // Unstage what `git add` may have staged before the commit failed: the paths had
                // no staged change before (stray changes are refused), so HEAD's is theirs.
                let still_staged = git::unstage(root, paths).err().map(|e| Box::new(e.failure.clone()));
                if left.is_empty() && still_staged.is_none() {
                    return Err(err);
                }
                Err(Error::new(crate::error::Failure::PutBackFailed {
                    failure: Box::new(err.failure.clone()),
                    unrestored: left,
                    still_staged,
                })
                .with_hint(crate::error::Hint::RestoreByHand {
                    root: root.display().to_string(),
                    paths: paths.join(" "),
                }))
            }
        }
    }
}

/// Holds SIGINT back (it sets the returned flag instead of ending the process) until the flag
/// is dropped; `None` where that cannot be arranged, and then Ctrl-C works as always.
fn defer_interrupts() -> Option<DeferredInterrupt> {
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    #[cfg(unix)]
    {
        let id = signal_hook::flag::register(signal_hook::consts::SIGINT, flag.clone()).ok()?;
        Some(DeferredInterrupt { flag, id })
    }
    #[cfg(not(unix))]
    {
        let _ = flag;
        None
    }
}

struct DeferredInterrupt {
    flag: std::sync::Arc<std::sync::atomic::AtomicBool>,
    #[cfg(unix)]
    id: signal_hook::SigId,
}

impl std::ops::Deref for DeferredInterrupt {
    type Target = std::sync::atomic::AtomicBool;

    fn deref(&self) -> &Self::Target {
        &self.flag
    }
}

impl Drop for DeferredInterrupt {
    fn drop(&mut self) {
        #[cfg(unix)]
        signal_hook::low_level::unregister(self.id);
    }
}

fn write_state(path: &Path, contents: Option<&str>) -> Result<()> {
    match contents {
        Some(text) => write_atomic(path, text),
        None => match std::fs::remove_file(path) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(Error::write(path, err)),
        },
    }
}

/// Puts every file back as it was; returns what could not be put back.
fn restore(undo: &[(PathBuf, Option<String>)]) -> Vec<(String, String)> {
    let mut left = Vec::new();
    for (path, old) in undo.iter().rev() {
        if let Err(err) = write_state(path, old.as_deref()) {
            // The system's reason (the path is named already); the error's own text is English.
            let why = err.cause.as_ref().map(ToString::to_string).unwrap_or_default();
            left.push((path.display().to_string(), why));
        }
    }
    left
}
