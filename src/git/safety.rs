//! What a write must refuse, and who may read the repository.
//!
//! - A stopped rebase, merge or cherry-pick, or a detached HEAD: a commit there lands where
//!   the coordinator does not expect it (inside the rebase, on no branch).
//! - A record file with uncommitted changes (a killed writer's leftover, a hand edit): the
//!   write would commit that stray change under its own action and reason.
//! - Children's data is readable by its owner only: the files are written 0600, and git is
//!   told (`core.sharedRepository=0600`) to write its objects 0400 and folders 0700.

use std::path::{Path, PathBuf};

use super::{Repo, run};
use crate::error::{Error, Result};
use crate::error::{Failure, GitOperation, Hint};

/// The repository's own folder (`.git`, or a worktree's), absolute; `None` outside git.
pub fn git_dir(dir: &Path) -> Option<PathBuf> {
    run(dir, &["rev-parse", "--absolute-git-dir"]).ok().map(|out| PathBuf::from(out.trim_end_matches('\n')))
}

/// Where the tool keeps its own files (the lock): `.git/nastavnyk/` so that they never show
/// as untracked, whatever the registry's `.gitignore`; the registry folder outside git.
pub fn tool_dir(root: &Path) -> PathBuf {
    match git_dir(root) {
        Some(dir) => dir.join("nastavnyk"),
        None => root.to_path_buf(),
    }
}

/// An error unless the repository is on a branch with no operation stopped half-way.
pub fn refuse_unsafe_state(top: &Path) -> Result<()> {
    let Some(dir) = git_dir(top) else { return Ok(()) };
    let stopped = [
        ("rebase-merge", GitOperation::Rebase),
        ("rebase-apply", GitOperation::Rebase),
        ("MERGE_HEAD", GitOperation::Merge),
        ("CHERRY_PICK_HEAD", GitOperation::CherryPick),
        ("REVERT_HEAD", GitOperation::Revert),
    ];
    let shown = top.display().to_string();
    for (file, operation) in stopped {
        if dir.join(file).exists() {
            return Err(Error::new(Failure::GitOperationStopped { operation, dir: shown.clone() })
                .with_hint(Hint::FinishGitOperation { operation, dir: shown }));
        }
    }
    if run(top, &["symbolic-ref", "--quiet", "HEAD"]).is_err() {
        return Err(Error::new(Failure::DetachedHead { dir: shown.clone() })
            .with_hint(Hint::SwitchToBranch { dir: shown }));
    }
    Ok(())
}

/// An error naming the first of `paths` (registry-relative) that has uncommitted changes.
pub fn refuse_stray_changes(root: &Path, repo: &Repo, paths: &[&str]) -> Result<()> {
    if paths.is_empty() {
        return Ok(());
    }
    let dirty = repo.status(root, paths)?;
    if let Some(file) = dirty.first() {
        return Err(Error::new(Failure::StrayChanges { file: file.clone() })
            .with_hint(Hint::CommitOrRestore { root: root.display().to_string(), file: file.clone() }));
    }
    Ok(())
}

/// Makes git keep the repository readable by its owner only, from now on and for what it
/// holds already (objects written before, the folders of `.git`). Best effort on the modes.
pub fn make_owner_only(dir: &Path) -> Result<()> {
    run(dir, &["config", "--local", "core.sharedRepository", "0600"])?;
    if let Some(git_dir) = git_dir(dir) {
        restrict_tree(&git_dir);
    }
    Ok(())
}

/// `make_owner_only` for a repository that has no sharing mode of its own yet (a clone made
/// by hand before `sync`); one whose owner chose a mode is left as it is.
pub fn make_owner_only_if_unset(dir: &Path) -> Result<()> {
    if run(dir, &["config", "--local", "--get", "core.sharedRepository"]).is_ok() {
        return Ok(());
    }
    make_owner_only(dir)
}

#[cfg(unix)]
fn restrict_tree(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::symlink_metadata(path) else { return };
    if meta.file_type().is_symlink() {
        return;
    }
    let mode = meta.permissions().mode();
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700));
    if meta.is_dir()
        && let Ok(entries) = std::fs::read_dir(path)
    {
        for entry in entries.flatten() {
            restrict_tree(&entry.path());
        }
    }
}

#[cfg(not(unix))]
fn restrict_tree(_path: &Path) {}

/// The registry's record folders (the folder, or a record file in it) and repository folder
/// that people other than the owner can read (group or other read bits), for `check` to warn
/// about. The repository is judged by
/// its folder and its `objects` folder (what git writes children's data into).
pub fn readable_by_others(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let open = |path: &Path| {
            std::fs::metadata(path).map(|m| m.permissions().mode() & 0o044 != 0).unwrap_or(false)
        };
        // A folder is reported once: one `chmod -R` fixes it all. Its files matter only while
        // others may pass through it; and since files come all from one umask (our writes are
        // 0600, a copy or a clone writes them all alike), a sample of them tells as much as a
        // scan of 100,000 would, at no cost to `check`.
        const SAMPLE: usize = 64;
        let passable = |path: &Path| {
            std::fs::metadata(path).map(|m| m.permissions().mode() & 0o011 != 0).unwrap_or(false)
        };
        for kind in crate::record::Kind::ALL {
            let folder = root.join(kind.dir());
            if !passable(&folder) {
                continue;
            }
            let Ok(entries) = std::fs::read_dir(&folder) else { continue };
            let exposed = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .take(SAMPLE)
                .any(|p| open(&p));
            if exposed || open(&folder) {
                found.push(folder);
            }
        }
        if let Some((git_dir, objects)) = repository_folders(root) {
            for path in [git_dir, objects] {
                if open(&path) {
                    found.push(path);
                }
            }
        }
    }
    found
}

/// Git's variables that change where it finds a repository and its objects.
const DISCOVERY_VARIABLES: [&str; 6] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_OBJECT_DIRECTORY",
    "GIT_CEILING_DIRECTORIES",
    "GIT_DISCOVERY_ACROSS_FILESYSTEM",
];

/// The repository's folder for `root` and the folder of its objects. Found without running
/// git (two processes were a tenth of a cached `check` on a national registry), unless one
/// of git's variables changes the search: then git is asked, as it would answer the writes.
fn repository_folders(root: &Path) -> Option<(PathBuf, PathBuf)> {
    if DISCOVERY_VARIABLES.iter().any(|name| std::env::var_os(name).is_some()) {
        let git_dir = git_dir(root)?;
        // A linked worktree keeps its objects in the main repository's folder.
        let objects = run(root, &["rev-parse", "--path-format=absolute", "--git-path", "objects"])
            .map_or_else(|_| git_dir.join("objects"), |out| PathBuf::from(out.trim_end_matches('\n')));
        return Some((git_dir, objects));
    }
    let (git_dir, _) = super::find_dir(root)?;
    let objects = common_dir(&git_dir).join("objects");
    Some((git_dir, objects))
}

/// The folder holding the objects of the repository whose folder is `git_dir`: a linked
/// worktree's names it in its `commondir` file (relative to itself, usually `../..`).
fn common_dir(git_dir: &Path) -> PathBuf {
    match std::fs::read_to_string(git_dir.join("commondir")) {
        Ok(text) => {
            let path = PathBuf::from(text.trim_end_matches(['\n', '\r']));
            if path.is_absolute() { path } else { git_dir.join(path) }
        }
        Err(_) => git_dir.to_path_buf(),
    }
}
