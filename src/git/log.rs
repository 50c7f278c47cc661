//! Reading the audit trail back from git: the commits that touched one file, renames, blobs,
//! and the registry's recent log. Every listing is read with `-z`, so a path is taken as git
//! stored it, whatever characters it holds.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc;

use super::{failure, output, run};
use crate::error::Failure;
use crate::error::{Error, Result};

/// One commit that touched a file, with the file's blob before and after it.
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
    /// `A`, `M`, `D`, `T` as `--raw` gives them (a mode change alone is an `M` with the same
    /// blob before and after), or `R` once found to be a rename.
    pub status: char,
    /// The first commit of the repository (nothing to have been renamed from).
    pub root: bool,
    /// Top-relative path of the file in this commit.
    pub path: String,
    pub old_path: Option<String>,
    pub old_blob: Option<String>,
    pub new_blob: Option<String>,
}

/// A file's commits, newest first, and the text of every blob they name.
#[derive(Debug, Default)]
pub struct FileLog {
    pub commits: Vec<FileCommit>,
    pub texts: HashMap<String, String>,
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

fn git_failed(what: &str, err: impl std::fmt::Display) -> Error {
    Error::new(Failure::GitFailed { detail: format!("git {what}: {err}") })
}

/// The commits that touched `path` (top-relative), newest first, from `from` (default HEAD),
/// with the file's blob before and after each and the blobs' texts.
///
/// `git log --raw` names the blobs, and one `git cat-file --batch` reads them. But for a
/// commit without parents the log diffs the whole tree against nothing twice — once to
/// decide whether the commit touched the file, once for the output — and on a registry
/// imported in one commit that is reading its 4 MB `children/` tree twice, most of
/// `history`'s time. So the tip commit is read alone first (no path to look for, so no tree
/// to read); if it has no parents, no log of the path is needed: it touched the file if the
/// file is in it, and `FROM:PATH`, read by name, says that and gives the blob. When the caller
/// already knows whether HEAD has parents (`head_has_parents`, from `git::locate`), a log from
/// HEAD with parents goes straight to the log of the path.
pub fn log_file(
    top: &Path,
    path: &str,
    from: Option<&str>,
    head_has_parents: Option<bool>,
) -> Result<FileLog> {
    let tip = from.unwrap_or("HEAD");
    let log_args = [
        // A user's `log.follow` would make a log of one path follow renames (without the
        // Bloom filters): they are followed by hand, a segment at a time. A first commit's diff
        // is not asked for (`log.showRoot=false`, whatever the user's setting): to list it,
        // git reads its big trees once, and the diff would read them again (a registry
        // imported in one commit: its 4 MB `children/` tree); its blob is found below.
        "-c",
        "log.follow=false",
        "-c",
        "log.showRoot=false",
        "log",
        "-z",
        FORMAT,
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--diff-merges=first-parent",
        tip,
        "--",
        path,
    ];
    let mut batch = Batch::start(top, path)?;
    // The file at the tip, asked at once, read by `cat-file` while the log runs: it is the
    // file of the newest commit listed, whatever that commit's diff says (every later commit
    // left it as it was).
    let tip_answer = batch.ask(format!("{tip}:{path}"));
    let known_to_have_parents = from.is_none() && head_has_parents == Some(true);
    let out = if known_to_have_parents {
        run(top, &log_args)
    } else {
        run(top, &["log", "-1", "-z", FORMAT, tip, "--"]).and_then(|tip_record| {
            let (fields, _) = split_record(tip_record.trim_start_matches('\u{1e}'));
            if fields[7].is_empty() { Ok(tip_record) } else { run(top, &log_args) }
        })
    };
    let out = match out {
        Ok(out) => out,
        Err(err) => {
            drop(batch.finish());
            return Err(err);
        }
    };

    // Each listed commit, and for the tip without parents the answer that holds its blob.
    let mut listed: Vec<(FileCommit, Option<usize>)> = Vec::new();
    let mut asked = std::collections::HashSet::new();
    let records = out.split('\u{1e}').filter(|r| !r.trim_matches(['\0', '\n', ' ']).is_empty());
    // The record of the last commit listed (a merge passed over is not).
    let mut previous: Option<usize> = None;
    for (n, record) in records.enumerate() {
        let ([hash, date, author, email, action, reason, trailer, parents], rest) = split_record(record);
        let (status, old_blob, new_blob, answer) = match (raw_line(rest, path), parents.is_empty()) {
            (Some((status, old, new)), _) => {
                for oid in [&old, &new].into_iter().flatten() {
                    if asked.insert(oid.clone()) {
                        batch.ask(oid.clone());
                    }
                }
                (status, old, new, None)
            }
            // A first commit, shown without its diff (the tip without parents is read alone):
            // listed if the file is in it. Its blob is the tip's when nothing later changed the
            // file; the one the change listed just before it started from (a merge passed over
            // in between may have brought the file from another line); else asked by name.
            (None, true) => match listed.last() {
                None if n == 0 => ('A', None, None, Some(tip_answer)),
                Some((newer, None))
                    if previous == Some(n - 1)
                        && matches!(newer.status, 'M' | 'T')
                        && newer.old_blob.is_some() =>
                {
                    ('A', None, newer.old_blob.clone(), None)
                }
                _ => ('A', None, None, Some(batch.ask(format!("{hash}:{path}")))),
            },
            // A merge that left the file as its first parent had it.
            (None, false) => continue,
        };
        let commit = FileCommit {
            hash,
            date,
            author,
            email,
            action,
            reason: (!reason.is_empty()).then_some(reason),
            record: (!trailer.is_empty()).then_some(trailer),
            status,
            root: parents.is_empty(),
            path: path.to_string(),
            old_path: None,
            old_blob,
            new_blob,
        };
        listed.push((commit, answer));
        previous = Some(n);
    }
    let (answers, failed) = batch.finish();
    let answers = match answers {
        Ok(answers) => answers,
        Err(err) => return Err(failed.unwrap_or_else(|| git_failed("cat-file --batch", err))),
    };

    let mut texts = HashMap::new();
    let mut blobs: Vec<Option<String>> = Vec::with_capacity(answers.len());
    for answer in answers {
        blobs.push(answer.map(|(oid, text)| {
            texts.insert(oid.clone(), text);
            oid
        }));
    }
    let mut commits = Vec::with_capacity(listed.len());
    for (mut commit, answer) in listed {
        if let Some(answer) = answer {
            // Not a blob after all (a folder or a submodule at the path): not the file.
            let Some(blob) = blobs.get(answer).cloned().flatten() else { continue };
            commit.new_blob = Some(blob);
        }
        commits.push(commit);
    }
    Ok(FileLog { commits, texts })
}

/// The `--raw` line of `path` in a commit's record: the status (`A`, `M`, `D`, `T`) and the
/// old and new blob (`None` for the all-zero ID of a file absent on that side).
fn raw_line(rest: &str, path: &str) -> Option<(char, Option<String>, Option<String>)> {
    // `:100644 100644 <old> <new> M`, then the path, as separate tokens.
    let mut items = tokens(rest);
    while let Some(meta) = items.next() {
        let Some(meta) = meta.strip_prefix(':') else { continue };
        let file = items.next()?;
        let fields: Vec<&str> = meta.split_whitespace().collect();
        if file == path && fields.len() == 5 {
            let blob = |b: &str| (!b.bytes().all(|c| c == b'0')).then(|| b.to_string());
            let status = fields[4].chars().next().unwrap_or('M');
            return Some((status, blob(fields[2]), blob(fields[3])));
        }
    }
    None
}

/// A blob and its text, as `cat-file --batch` answered a name; `None` where nothing (or no
/// blob) was there.
type Answer = Option<(String, String)>;

/// One `git cat-file --batch` answering names as they are asked, read by a thread of its own
/// so that neither side of the pipes can fill up and stall the other.
struct Batch {
    child: Child,
    stdin: Option<ChildStdin>,
    names: Option<mpsc::Sender<String>>,
    reader: std::thread::JoinHandle<std::io::Result<Vec<Answer>>>,
    asked: usize,
    /// A name ends with NUL rather than a newline (which a path may hold).
    nul: bool,
}

impl Batch {
    fn start(top: &Path, path: &str) -> Result<Batch> {
        // `-z` only where a path needs it: it is younger (git 2.38) than the rest used here.
        let nul = path.contains(['\n', '\r']);
        let args: &[&str] = if nul { &["cat-file", "--batch", "-z"] } else { &["cat-file", "--batch"] };
        let mut child = super::command(top, args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|err| Error::new(Failure::GitNotRunnable).with_cause(err))?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout was piped");
        let (names, asked) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            let mut out = BufReader::new(stdout);
            asked.into_iter().map(|name| read_answer(&mut out, &name)).collect()
        });
        Ok(Batch { child, stdin, names: Some(names), reader, asked: 0, nul })
    }

    /// Asks for `name` (`commit:path`); the answer's index among all answers.
    fn ask(&mut self, name: String) -> usize {
        let mut line = name.clone().into_bytes();
        line.push(if self.nul { b'\0' } else { b'\n' });
        // The reader learns the name first, so that it knows what it is reading when the
        // answer comes. A cat-file that has died is found out by `finish`.
        if let Some(names) = &self.names {
            let _ = names.send(name);
        }
        if let Some(stdin) = &mut self.stdin {
            let _ = stdin.write_all(&line);
        }
        self.asked += 1;
        self.asked - 1
    }

    /// Every answer in the order asked, and the error cat-file exited with, if it failed.
    fn finish(mut self) -> (std::io::Result<Vec<Answer>>, Option<Error>) {
        drop(self.stdin.take());
        drop(self.names.take());
        let answers = self.reader.join().unwrap_or_else(|_| Err(std::io::Error::other("reader panicked")));
        let status = match self.child.wait_with_output() {
            Ok(out) if out.status.success() => None,
            Ok(out) => Some(failure(&["cat-file", "--batch"], &out)),
            Err(err) => Some(git_failed("cat-file --batch", err)),
        };
        (answers, status)
    }
}

/// One answer of `cat-file --batch`: `<oid> <type> <size>\n<contents>\n`, or
/// `<name> missing\n` (its name as asked, newlines and all).
fn read_answer(out: &mut impl BufRead, name: &str) -> std::io::Result<Answer> {
    let mut header = Vec::new();
    if out.read_until(b'\n', &mut header)? == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let line = String::from_utf8_lossy(&header);
    let parts: Vec<&str> = line.trim_end_matches('\n').split(' ').collect();
    let is_oid = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit());
    match parts[..] {
        [oid, kind, size] if is_oid(oid) => {
            let size: usize = size.parse().map_err(std::io::Error::other)?;
            let mut body = vec![0; size + 1];
            out.read_exact(&mut body)?;
            body.pop();
            Ok((kind == "blob").then(|| (oid.to_string(), String::from_utf8_lossy(&body).into_owned())))
        }
        // `<name> missing`: a name is an ID or `commit:path`, never a header of three fields
        // starting with an ID.
        _ => {
            for _ in 0..name.matches('\n').count() {
                out.read_until(b'\n', &mut Vec::new())?;
            }
            Ok(None)
        }
    }
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
    // Answered in the order asked, in the format `Batch` reads as it streams.
    let mut rest: &[u8] = &out.stdout;
    for blob in blobs {
        let answer = read_answer(&mut rest, blob)
            .map_err(|_| Error::new(Failure::GitFailed { detail: "cat-file: short read".into() }))?;
        if let Some((hash, text)) = answer {
            texts.insert(hash, text);
        }
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
