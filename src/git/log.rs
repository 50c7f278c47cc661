//! Reading the audit trail back from git: the commits that touched one file, renames, blobs,
//! and the registry's recent log. Every listing is read with `-z`, so a path is taken as git
//! stored it, whatever characters it holds.

use std::collections::HashMap;
use std::path::Path;

use super::{failure, output, run};
use crate::error::Failure;
use crate::error::{Error, Result};

/// One commit as `git log --raw` describes it for one file.
#[derive(Debug)]
pub struct FileCommit {
    pub hash: String,
    /// Author date, ISO 8601 with the author's offset.
    pub date: String,
    pub author: String,
    pub email: String,
    /// The `Nastavnyk-Action:` trailer, empty for a commit made by hand.
    pub action: String,
    pub reason: Option<String>,
    pub record: Option<String>,
    /// `A`, `M`, `D`, `T`, or `R` once found to be a rename.
    pub status: char,
    /// The first commit of the repository (nothing to have been renamed from).
    pub root: bool,
    /// Top-relative path of the file in this commit.
    pub path: String,
    pub old_path: Option<String>,
    pub old_blob: Option<String>,
    pub new_blob: Option<String>,
}

/// One commit of the recent log, with the files it touched (top-relative).
#[derive(Debug)]
pub struct LogCommit {
    pub hash: String,
    pub date: String,
    pub author: String,
    pub email: String,
    /// The `Nastavnyk-Action:` trailer, empty for a commit made by hand.
    pub action: String,
    pub reason: Option<String>,
    /// The `Record:` trailer, empty if none.
    pub record: String,
    pub files: Vec<String>,
}

/// The log format: fields separated by US, commits by RS; trailers on one line each.
const FORMAT: &str = "--format=%x1e%H%x1f%aI%x1f%an%x1f%ae%x1f\
%(trailers:key=Nastavnyk-Action,valueonly,separator=%x2c)%x1f\
%(trailers:key=Reason,valueonly,separator=%x20)%x1f\
%(trailers:key=Record,valueonly,separator=%x2c)%x1f%P%x1f";

/// The fields of one `FORMAT` record, and what follows them (the `-z` file list).
fn split_record(record: &str) -> ([String; 8], &str) {
    let mut parts = record.splitn(9, '\u{1f}');
    let mut fields: [String; 8] = Default::default();
    for field in &mut fields {
        *field = parts.next().unwrap_or("").trim().to_string();
    }
    (fields, parts.next().unwrap_or(""))
}

/// The NUL-separated tokens after a commit's header (`\0\n:meta\0path\0…`).
fn tokens(rest: &str) -> impl Iterator<Item = &str> {
    rest.split('\0').map(|t| t.trim_start_matches('\n')).filter(|t| !t.is_empty())
}

/// The commits that touched `path` (top-relative), newest first, from `from` (default HEAD).
pub fn log_file(top: &Path, path: &str, from: Option<&str>) -> Result<Vec<FileCommit>> {
    let mut args =
        vec!["log", "-z", FORMAT, "--raw", "--no-abbrev", "--no-renames", "--diff-merges=first-parent"];
    if let Some(from) = from {
        args.push(from);
    }
    args.extend(["--", path]);
    let out = run(top, &args)?;
    let mut commits = Vec::new();
    for record in out.split('\u{1e}').filter(|r| !r.trim_matches(['\0', '\n', ' ']).is_empty()) {
        let ([hash, date, author, email, action, reason, trailer, parents], rest) = split_record(record);
        // `:100644 100644 <old> <new> M`, then the path, as separate tokens.
        let mut raw = None;
        let mut items = tokens(rest);
        while let Some(meta) = items.next() {
            let Some(meta) = meta.strip_prefix(':') else { continue };
            let Some(file) = items.next() else { break };
            let fields: Vec<&str> = meta.split_whitespace().collect();
            if file == path && fields.len() == 5 {
                raw = Some((fields[2].to_string(), fields[3].to_string(), fields[4].to_string()));
                break;
            }
        }
        let Some((old_blob, new_blob, status)) = raw else { continue };
        let blob = |b: String| (!b.bytes().all(|c| c == b'0')).then_some(b);
        commits.push(FileCommit {
            hash,
            date,
            author,
            email,
            action,
            reason: (!reason.is_empty()).then_some(reason),
            record: (!trailer.is_empty()).then_some(trailer),
            status: status.chars().next().unwrap_or('M'),
            root: parents.is_empty(),
            path: path.to_string(),
            old_path: None,
            old_blob: blob(old_blob),
            new_blob: blob(new_blob),
        });
    }
    Ok(commits)
}

/// The path `path` had before `commit`, if that commit renamed it.
pub fn renamed_from(top: &Path, commit: &str, path: &str) -> Result<Option<String>> {
    let out = run(
        top,
        &["diff-tree", "-z", "-r", "-M", "--no-commit-id", "--name-status", "--diff-filter=R", commit],
    )?;
    // `R100\0from\0to\0`, repeated.
    let items: Vec<&str> = out.split('\0').collect();
    Ok(items.chunks(3).find_map(|chunk| match chunk {
        [status, from, to] if status.starts_with('R') && *to == path => Some(from.to_string()),
        _ => None,
    }))
}

/// The blob `path` had in `commit`, if it existed there.
pub fn blob_at(top: &Path, commit: &str, path: &str) -> Result<Option<String>> {
    let out = output(top, &["rev-parse", "--verify", "--quiet", &format!("{commit}:{path}")], None)?;
    Ok(out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()))
}

/// The text `path` had in `commit`, if it existed there.
pub fn text_at(top: &Path, commit: &str, path: &str) -> Result<Option<String>> {
    let out = output(top, &["cat-file", "blob", &format!("{commit}:{path}")], None)?;
    Ok(out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned()))
}

/// The contents of many blobs with one `git cat-file --batch`.
pub fn read_blobs(top: &Path, blobs: &[&str]) -> Result<HashMap<String, String>> {
    let mut texts = HashMap::new();
    if blobs.is_empty() {
        return Ok(texts);
    }
    let input: String = blobs.iter().map(|b| format!("{b}\n")).collect();
    let args = ["cat-file", "--batch"];
    let out = output(top, &args, Some(input.as_bytes()))?;
    if !out.status.success() {
        return Err(failure(&args, &out));
    }
    let mut rest: &[u8] = &out.stdout;
    while let Some(end) = rest.iter().position(|&b| b == b'\n') {
        let header = String::from_utf8_lossy(&rest[..end]).into_owned();
        rest = &rest[end + 1..];
        let fields: Vec<&str> = header.split_whitespace().collect();
        let [hash, _, size] = fields[..] else { continue };
        let Ok(size) = size.parse::<usize>() else { continue };
        let body = rest
            .get(..size)
            .ok_or_else(|| Error::new(Failure::GitFailed { detail: "cat-file: short read".into() }))?;
        texts.insert(hash.to_string(), String::from_utf8_lossy(body).into_owned());
        rest = rest.get(size + 1..).unwrap_or(&[]);
    }
    Ok(texts)
}

/// The last `limit` commits that touched `scope` (top-relative; `.` for all), newest first.
pub fn recent(top: &Path, scope: &str, limit: usize) -> Result<Vec<LogCommit>> {
    let limit = format!("-n{limit}");
    let out = run(top, &["log", "-z", &limit, FORMAT, "--name-only", "--no-renames", "--", scope])?;
    let mut entries = Vec::new();
    for record in out.split('\u{1e}').filter(|r| !r.trim_matches(['\0', '\n', ' ']).is_empty()) {
        let ([hash, date, author, email, action, reason, record, _parents], rest) = split_record(record);
        entries.push(LogCommit {
            hash,
            date,
            author,
            email,
            action,
            reason: (!reason.is_empty()).then_some(reason),
            record,
            files: tokens(rest).map(str::to_string).collect(),
        });
    }
    Ok(entries)
}

/// Of `candidates` (top-relative paths), the one the last commit touching any of them touched.
pub fn last_touched(top: &Path, candidates: &[String]) -> Result<Option<String>> {
    let mut args = vec!["log", "-z", "-1", "--format=", "--name-only", "--no-renames", "--"];
    args.extend(candidates.iter().map(String::as_str));
    let out = run(top, &args)?;
    Ok(tokens(&out).find(|file| candidates.iter().any(|c| c == file)).map(str::to_string))
}

/// Whether the repository has a commit yet.
pub fn has_commits(top: &Path) -> bool {
    run(top, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_ok()
}
