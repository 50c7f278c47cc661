//! Reading a registry's files out of git objects, without a checkout: the commit that was
//! current at a moment (`rev-list --before`), the files of its tree (`ls-tree -r -z`) and
//! their contents (`cat-file --batch`). Also the bare clone a remote registry is read from.
//! Nothing here touches a work tree or an index.

use std::path::Path;

use crate::error::Failure;
use crate::error::{Error, Result};

/// A file of a tree: its path from the tree's top and its blob's ID.
#[derive(Clone, Debug)]
pub struct Entry {
    pub path: String,
    pub oid: String,
}

/// Whether `dir` is inside a git repository (work tree or bare).
pub fn is_repository(dir: &Path) -> bool {
    super::run(dir, &["rev-parse", "--git-dir"]).is_ok()
}

/// Whether `dir` is a bare repository.
pub fn is_bare(dir: &Path) -> bool {
    super::run(dir, &["rev-parse", "--is-bare-repository"]).is_ok_and(|out| out.trim() == "true")
}

/// The newest commit reachable from HEAD whose committer date is at or before `instant`
/// (`YYYY-MM-DD HH:MM:SS +HHMM`); `None` when there is none (or no HEAD yet).
pub fn commit_before(repo: &Path, instant: &str) -> Result<Option<String>> {
    let before = format!("--before={instant}");
    let output = super::output(repo, &["rev-list", "-1", &before, "HEAD", "--"], None)?;
    if !output.status.success() {
        // An empty repository has no HEAD: nothing was committed by any date.
        return Ok(None);
    }
    let hash = String::from_utf8_lossy(&output.stdout).trim().to_string();
    Ok((!hash.is_empty()).then_some(hash))
}

/// HEAD's commit, if the repository has one.
pub fn head(repo: &Path) -> Option<String> {
    super::run(repo, &["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
        .ok()
        .map(|s| s.trim().to_string())
}

/// Every file (blob) of `commit`'s tree, with paths from the top of the repository.
pub fn list_files(repo: &Path, commit: &str) -> Result<Vec<Entry>> {
    let args = ["ls-tree", "-r", "-z", "--full-tree", commit];
    let output = super::output(repo, &args, None)?;
    if !output.status.success() {
        return Err(super::failure(&args, &output));
    }
    let mut entries = Vec::new();
    for line in output.stdout.split(|b| *b == 0).filter(|l| !l.is_empty()) {
        // `<mode> SP <type> SP <object> TAB <path>`
        let text = String::from_utf8_lossy(line);
        let Some((meta, path)) = text.split_once('\t') else { continue };
        let mut parts = meta.split(' ');
        let (_mode, kind, oid) = (parts.next(), parts.next(), parts.next());
        if let (Some("blob"), Some(oid)) = (kind, oid) {
            entries.push(Entry { path: path.to_string(), oid: oid.to_string() });
        }
    }
    Ok(entries)
}

/// The contents of `oids`, in order, read by `cat-file --batch` — by a few processes at once
/// on a large registry, each inflating its share of the objects.
pub fn read_blobs(repo: &Path, oids: &[&str]) -> Result<Vec<Vec<u8>>> {
    use rayon::prelude::*;
    // A few `git cat-file` processes at once: each is a process of its own, so more than four
    // only contend for the disk.
    let workers = rayon::current_num_threads().clamp(1, 4);
    let chunk = oids.len().div_ceil(workers).max(1);
    let results: Vec<Result<Vec<Vec<u8>>>> =
        oids.par_chunks(chunk).map(|part| read_batch(repo, part)).collect();
    let mut blobs = Vec::with_capacity(oids.len());
    for part in results {
        blobs.extend(part?);
    }
    Ok(blobs)
}

fn read_batch(repo: &Path, oids: &[&str]) -> Result<Vec<Vec<u8>>> {
    let mut input = Vec::with_capacity(oids.len() * 41);
    for oid in oids {
        input.extend_from_slice(oid.as_bytes());
        input.push(b'\n');
    }
    let args = ["cat-file", "--batch"];
    let output = super::output(repo, &args, Some(&input))?;
    if !output.status.success() {
        return Err(super::failure(&args, &output));
    }
    let bad =
        |detail: &str| Error::new(Failure::GitFailed { detail: format!("git cat-file --batch: {detail}") });
    let out = &output.stdout;
    let mut blobs = Vec::with_capacity(oids.len());
    let mut at = 0;
    for oid in oids {
        // `<oid> SP <type> SP <size> LF <contents> LF`, or `<oid> SP missing LF`.
        let end =
            out[at..].iter().position(|b| *b == b'\n').map(|i| at + i).ok_or_else(|| bad("cut short"))?;
        let header = String::from_utf8_lossy(&out[at..end]);
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .filter(|_| !header.ends_with("missing"))
            .ok_or_else(|| bad(&format!("{oid}: {header}")))?;
        let start = end + 1;
        let stop = start + size;
        if stop > out.len() {
            return Err(bad("cut short"));
        }
        blobs.push(out[start..stop].to_vec());
        at = stop + 1;
    }
    Ok(blobs)
}

/// A bare clone of `url` into `dest` (an empty folder), with its whole history so that any
/// past state can be read. Credentials and transport are the user's git's.
pub fn clone_bare(url: &str, dest: &Path) -> Result<()> {
    let dest = dest.to_string_lossy();
    let args = ["clone", "--bare", "--quiet", "--no-tags", "--", url, &dest];
    let output = super::output(Path::new("."), &args, None)?;
    if output.status.success() { Ok(()) } else { Err(super::failure(&args, &output)) }
}
