//! The one wrapper around the `git` binary. We shell out rather than link a git library so
//! that the user's own git (its configuration, identity, hooks and credentials) does the work.

pub mod tree;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::i18n::Msg;

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
    Error::new(Msg::GitFailed { detail })
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

fn output_once(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Result<Output> {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir).args(args);
    command.stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() });
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .map_err(|err| Error::new(Msg::GitFailed { detail: format!("cannot run git: {err}") }))?;
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
        child.wait_with_output().map_err(|err| Error::new(Msg::GitFailed { detail: err.to_string() }))?;
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    Ok(output)
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

/// Keeps the repository's commit-graph, with changed-path Bloom filters, up to date, so that
/// `git log -- FILE` (what `history ID` runs) skips the commits that did not touch the file
/// instead of diffing, for each, a tree of many thousand records (about 10× slower at
/// 200,000 records). When the graph has Bloom filters, `--split` adds only the commits it
/// lacks, as a small layer (git merges layers now and then): a few milliseconds, nothing at
/// all when it is up to date. A graph without them (written by an older `git gc`) or none
/// is written whole, once. Best effort: a graph that could not be written is only slower.
pub fn refresh_commit_graph(dir: &Path) {
    let mut args = vec!["commit-graph", "write", "--reachable", "--changed-paths", "--no-progress"];
    if graph_has_bloom_filters(dir) {
        args.push("--split");
    }
    let _ = output_once(dir, &args, None);
}

/// Whether the commit-graph exists and its base layer carries Bloom filters (a `BDAT` chunk
/// in its table of contents; see git's `gitformat-commit-graph`).
fn graph_has_bloom_filters(dir: &Path) -> bool {
    let Ok(objects) = run(dir, &["rev-parse", "--git-path", "objects/info"]) else { return false };
    let info = dir.join(objects.trim());
    let base = if info.join("commit-graph").is_file() {
        info.join("commit-graph")
    } else {
        let Ok(chain) = std::fs::read_to_string(info.join("commit-graphs/commit-graph-chain")) else {
            return false;
        };
        let Some(first) = chain.lines().next() else { return false };
        info.join(format!("commit-graphs/graph-{}.graph", first.trim()))
    };
    let Ok(mut file) = std::fs::File::open(base) else { return false };
    let mut header = [0u8; 8];
    use std::io::Read;
    if file.read_exact(&mut header).is_err() || &header[..4] != b"CGPH" {
        return false;
    }
    let mut toc = vec![0u8; (usize::from(header[6]) + 1) * 12];
    if file.read_exact(&mut toc).is_err() {
        return false;
    }
    toc.chunks(12).any(|entry| &entry[..4] == b"BDAT")
}

/// Asks git to keep Bloom filters in the commit-graphs it writes on its own (`gc`, `fetch`),
/// so that the graph `history` relies on stays useful. Best effort.
pub fn configure_commit_graph(dir: &Path) {
    for (key, value) in [
        ("core.commitGraph", "true"),
        ("gc.writeCommitGraph", "true"),
        ("fetch.writeCommitGraph", "true"),
        ("commitGraph.changedPaths", "true"),
    ] {
        let _ = output_once(dir, &["config", "--local", key, value], None);
    }
}
