//! The one wrapper around the `git` binary, and the only module that runs it. We shell out
//! rather than link a git library so that the user's own git (its configuration, identity,
//! hooks and credentials) does the work.
//!
//! - this file: the runner, the repository's whereabouts, commits of exact paths;
//! - [`graph`]: the commit-graph `history` relies on;
//! - [`log`]: reading history back (a file's log, renames, blobs, the recent log);
//! - [`safety`]: what a write must refuse (a stopped rebase, a detached HEAD, a stray change)
//!   and the owner-only permissions of the repository;
//! - [`remote`]: the steps of `sync` (upstream, fetch, rebase, push) and undo's revert.
//!
//! The workflows themselves (`crate::sync`, `crate::undo`) are built from these steps.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::error::{Failure, Hint};

pub mod graph;
pub mod log;
pub mod names;
pub mod remote;
pub mod safety;
pub mod tree;

pub use graph::{configure_commit_graph, refresh_commit_graph};

/// Runs git in `dir` and returns its standard output, or its standard error as the failure.
pub fn run(dir: &Path, args: &[&str]) -> Result<String> {
    run_with_input(dir, args, None)
}

pub fn run_with_input(dir: &Path, args: &[&str], input: Option<&str>) -> Result<String> {
    let output = output_retrying(dir, args, input.map(str::as_bytes))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(failure(args, &output))
    }
}

/// Runs git and returns its raw output whatever its exit status, for the callers that expect
/// a failure (a rebase that stops on a conflict) or need bytes (`cat-file --batch`).
pub fn output(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Result<Output> {
    output_retrying(dir, args, input)
}

/// The error for a git command that failed, with its standard error.
pub fn failure(args: &[&str], output: &Output) -> Error {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let detail = format!("git {}: {}", args.join(" "), stderr.trim());
    Error::new(Failure::GitFailed { detail })
}

/// Runs git; if it failed only because another git process holds the repository's
/// `index.lock` (the user's own git, an IDE, a background `gc`), waits briefly and tries
/// again. Our own writers never collide there: they take turns under the registry lock.
fn output_retrying(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Result<Output> {
    let mut delay = Duration::from_millis(20);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let output = output_once(dir, args, input)?;
        let busy = !output.status.success()
            && String::from_utf8_lossy(&output.stderr).contains("index.lock")
            && Instant::now() < deadline;
        if !busy {
            return Ok(output);
        }
        std::thread::sleep(delay);
        delay = (delay * 2).min(Duration::from_millis(500));
    }
}

/// `git -C dir args…` as every git command here is run, its streams not yet chosen.
pub(crate) fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    // Plain, unquoted paths (a registry in `Документи/`) and English messages, whatever the
    // user's locale: the output is parsed here, and stderr is matched for known failures.
    command.env("LC_ALL", "C").env_remove("LANGUAGE");
    command.arg("-C").arg(dir).args(["-c", "core.quotePath=false"]).args(args);
    command
}

pub(crate) fn output_once(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Result<Output> {
    let mut command = command(dir, args);
    command.stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() });
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|err| Error::new(Failure::GitNotRunnable).with_cause(err))?;
    // Written from a thread so that a large input and a large output cannot deadlock on
    // full pipes (`cat-file --batch` answers while it reads).
    let writer = input.map(|input| {
        let mut stdin = child.stdin.take().expect("stdin was piped");
        let input = input.to_vec();
        std::thread::spawn(move || {
            use std::io::Write;
            // A git that exits early closes the pipe; its exit status says why.
            let _ = stdin.write_all(&input);
        })
    });
    let output =
        child.wait_with_output().map_err(|err| Error::new(Failure::GitFailed { detail: err.to_string() }))?;
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    Ok(output)
}

/// The registry's old lock file, in the registry folder: still where a registry outside git
/// keeps it, and never counted as a change of the registry.
pub const LOCK_FILE: &str = ".nastavnyk.lock";

/// Where a registry sits in its git repository.
pub struct Repo {
    /// The top of the work tree; every git command of history runs there, so that paths
    /// are plain top-relative pathspecs (no `:(top)` magic, which would stop git from using
    /// the commit-graph's Bloom filters).
    pub top: PathBuf,
    /// The registry folder relative to `top`, with a trailing `/` (empty at the top).
    pub prefix: String,
}

/// A registry's repository with what `history` asks before it reads the log: where the
/// commit-graph lives and HEAD's commit. One `git rev-parse` instead of three, because on a
/// registry of one big commit each git process is a sizeable part of `history`'s time.
pub struct Located {
    pub repo: Repo,
    /// The `objects/info` folder, where the commit-graph files are.
    pub graph_info: Option<PathBuf>,
    /// HEAD's commit; `None` before the first commit.
    pub head: Option<String>,
    /// Whether HEAD's commit has parents (`None` before the first commit): a log of one
    /// file from a tip without parents is read differently (see `log::log_file`), and
    /// knowing it here spares a git process.
    pub head_has_parents: Option<bool>,
}

/// The repository holding `root` with its graph folder and HEAD, or `None` outside a work tree.
pub fn locate(root: &Path) -> Option<Located> {
    // `HEAD^@`: HEAD's parents, a line each (none for a first commit).
    let args =
        ["rev-parse", "--show-toplevel", "--show-prefix", "--git-path", "objects/info", "HEAD", "HEAD^@"];
    match run(root, &args) {
        Ok(out) => {
            // `--show-prefix` prints an empty line at the top of the work tree.
            let lines: Vec<&str> = out.lines().map(str::trim).collect();
            let [top, prefix, info, head, ref parents @ ..] = lines[..] else { return None };
            let repo = Repo { top: PathBuf::from(top), prefix: prefix.to_string() };
            Some(Located {
                repo,
                graph_info: Some(root.join(info)),
                head: Some(head.to_string()),
                head_has_parents: Some(!parents.is_empty()),
            })
        }
        // No commit yet (HEAD names nothing), or not a repository at all.
        Err(_) => {
            let repo = Repo::find(root)?;
            let info =
                run(root, &["rev-parse", "--git-path", "objects/info"]).ok().map(|p| root.join(p.trim()));
            Some(Located { repo, graph_info: info, head: None, head_has_parents: None })
        }
    }
}

impl Repo {
    /// The repository holding `root`, or `None` if the registry is not in a git work tree.
    pub fn find(root: &Path) -> Option<Repo> {
        let out = run(root, &["rev-parse", "--show-toplevel", "--show-prefix"]).ok()?;
        let mut lines = out.lines();
        let top = PathBuf::from(lines.next()?.trim());
        let prefix = lines.next().unwrap_or("").trim().to_string();
        Some(Repo { top, prefix })
    }

    /// A registry-relative path (`children/c-0001.toml`) as a top-relative one.
    pub fn top_path(&self, rel: &str) -> String {
        format!("{}{rel}", self.prefix)
    }

    /// The registry's files that differ from the last commit (changed, staged, untracked),
    /// registry-relative; the tool's own lock file does not count.
    pub fn uncommitted(&self, root: &Path) -> Result<Vec<String>> {
        self.status(root, &["."])
    }

    /// Of `paths` (registry-relative), those that differ from the last commit.
    pub fn status(&self, root: &Path, paths: &[&str]) -> Result<Vec<String>> {
        let mut args = vec!["status", "--porcelain", "-z", "--untracked-files=all", "--"];
        args.extend(paths);
        let out = run(root, &args)?;
        let mut files = Vec::new();
        let mut entries = out.split('\0');
        while let Some(entry) = entries.next() {
            if entry.len() < 4 {
                continue;
            }
            let (status, path) = entry.split_at(3);
            if status.starts_with('R') || status.starts_with('C') {
                entries.next(); // the rename's source
            }
            let rel = self.registry_path(path).unwrap_or(path);
            if rel != LOCK_FILE {
                files.push(rel.to_string());
            }
        }
        Ok(files)
    }

    /// A top-relative path as registry-relative, if it is inside the registry.
    pub fn registry_path<'a>(&self, top_path: &'a str) -> Option<&'a str> {
        top_path.strip_prefix(self.prefix.as_str())
    }
}

/// The repository's folder (`.git`, or where a `.git` file's `gitdir:` points: a linked
/// worktree's, a submodule's) and its top folder, for the repository holding `root`, found
/// without running git — the nearest `.git` upwards, as git finds it when none of its
/// discovery variables (`GIT_DIR`, `GIT_CEILING_DIRECTORIES`, …) is set.
pub fn find_dir(root: &Path) -> Option<(PathBuf, PathBuf)> {
    let root = root.canonicalize().ok()?;
    for dir in root.ancestors() {
        let dot_git = dir.join(".git");
        let Ok(meta) = std::fs::metadata(&dot_git) else { continue };
        if meta.is_dir() {
            return Some((dot_git, dir.to_path_buf()));
        }
        let text = std::fs::read_to_string(&dot_git).ok()?;
        let path = PathBuf::from(text.strip_prefix("gitdir:")?.trim());
        let path = if path.is_absolute() { path } else { dir.join(path) };
        return path.is_dir().then(|| (path, dir.to_path_buf()));
    }
    None
}

/// The top of the work tree holding `dir`, if it is in one.
pub fn toplevel(dir: &Path) -> Option<PathBuf> {
    run(dir, &["rev-parse", "--show-toplevel"]).ok().map(|out| PathBuf::from(out.trim()))
}

pub fn init(dir: &Path) -> Result<()> {
    run(dir, &["init", "--quiet"]).map(drop)
}

/// Where `dir` sits inside its work tree (`""` at the top, `records/` below it), if it is in one.
pub fn prefix(dir: &Path) -> Option<String> {
    run(dir, &["rev-parse", "--show-prefix"]).ok().map(|out| out.trim_end_matches('\n').to_string())
}

/// Puts the index entries of `paths` (relative to `dir`) back to what HEAD has.
pub fn unstage(dir: &Path, paths: &[String]) -> Result<()> {
    let mut reset = vec!["reset", "--quiet", "--"];
    reset.extend(paths.iter().map(String::as_str));
    run(dir, &reset).map(drop)
}

/// Whether git knows who the committer is (`user.name`/`user.email`, or the environment),
/// as a commit will need; the error says what to set.
pub fn check_identity(dir: &Path) -> Result<()> {
    let out = output(dir, &["var", "GIT_COMMITTER_IDENT"], None)?;
    if out.status.success() {
        return Ok(());
    }
    Err(Error::new(Failure::GitIdentityMissing).with_hint(Hint::SetGitIdentity))
}

/// Commits exactly `paths` (relative to `dir`, added, changed or deleted) with `message`,
/// leaving anything else the user has staged alone. Returns the new commit's hash.
///
/// `git commit -- <paths>` does exactly this, but it builds a second index from HEAD, which
/// on a registry of 200,000 files costs more than the commit itself. So when nothing but our
/// paths is staged (the usual case) a plain `git commit` is made instead, and the pathspec
/// form is kept for the case where the user has staged something of their own.
pub fn commit_paths(dir: &Path, paths: &[String], message: &str) -> Result<String> {
    let prefix = prefix(dir).unwrap_or_default();
    let mut add = vec!["add", "--all", "--"];
    add.extend(paths.iter().map(String::as_str));
    run(dir, &add)?;
    let staged = run(dir, &["diff", "--cached", "--name-only", "-z", "--no-renames"])?;
    let ours: std::collections::HashSet<String> = paths.iter().map(|p| format!("{prefix}{p}")).collect();
    let only_ours = staged.split('\0').filter(|p| !p.is_empty()).all(|p| ours.contains(p));
    let mut commit = vec!["commit", "--quiet", "-F", "-"];
    if !only_ours {
        commit.push("--");
        commit.extend(paths.iter().map(String::as_str));
    }
    run_with_input(dir, &commit, Some(message))?;
    // The commit-graph is brought up to date by `history` (the command that needs it), not
    // here: an edit stays as cheap as a bare `git commit`.
    Ok(run(dir, &["rev-parse", "HEAD"])?.trim().to_string())
}
