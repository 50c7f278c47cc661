//! Assigning IDs: `add` takes the next free number of the kind's prefix (`c-0007`).
//!
//! An ID is never handed out twice: a removed record's ID stays taken, or its history (and
//! every agreement or note that named it) would mix two people. In git, the number after the
//! highest in the work tree is tried against the history of its one file (milliseconds, from
//! the commit-graph's Bloom filters), then the next while they were used (the newest records
//! were removed); only past a handful is the log of removals read, a walk of every commit
//! (seconds on thousands of records and commits, so not on every `add`). A registry outside
//! git only knows its work tree.

use std::path::Path;

use super::list_files;
use crate::git;
use crate::record::Kind;

/// Probes of single IDs before the log of removals is read instead.
const PROBES: usize = 16;

/// The next free ID of `kind`: past the highest `<prefix>-<number>` in the work tree and never
/// used in the history, zero-padded to four digits (or as wide as the widest one), so files
/// sort in the order they were added.
pub fn next_id(root: &Path, kind: Kind) -> String {
    let (files, _) = list_files(root, kind);
    let mut names: Vec<String> = files.into_iter().map(|(stem, _)| stem).collect();
    let mut next = after(kind, names.iter().map(String::as_str));
    let Some(repo) = git::Repo::find(root) else { return next };
    // A repository without commits has no history to read.
    if !git::remote::rev(&repo.top, "HEAD").is_ok_and(|h| !h.is_empty()) {
        return next;
    }
    // The probe is cheap only through the Bloom filters: a clone that never ran `history` or
    // `sync` has no commit-graph yet (written whole once, then nothing while up to date).
    git::refresh_commit_graph(&repo.top);
    let used = |id: &str| {
        let path = repo.top_path(&format!("{}/{id}.toml", kind.dir()));
        git::names::ever_touched(&repo.top, "HEAD", &path).unwrap_or(false)
    };
    // Usually the first candidate is fresh; after removing the newest few records, the next
    // few probes find it. Past that many, one walk of the log of removals jumps past them all.
    let mut probes = 0;
    let mut read_removals = false;
    while used(&next) {
        probes += 1;
        if probes > PROBES && !read_removals {
            read_removals = true;
            let folder = repo.top_path(kind.dir());
            if let Ok(removed) = git::names::removed(&repo.top, &["HEAD"], &folder) {
                names.extend(removed.iter().filter_map(|p| stem_of(p)).map(str::to_string));
            }
        }
        // Past `next` itself too, should the log not name it (renamed away by hand and back).
        names.push(next.clone());
        next = after(kind, names.iter().map(String::as_str));
    }
    next
}

/// `children/c-0007.toml` → `c-0007`.
pub fn stem_of(path: &str) -> Option<&str> {
    path.rsplit('/').next()?.strip_suffix(".toml")
}

/// One past the highest ID of `kind` among `names` (file stems), as wide as the widest.
pub fn after<'a>(kind: Kind, names: impl IntoIterator<Item = &'a str>) -> String {
    let prefix = format!("{}-", kind.id_prefix());
    let mut highest = 0u64;
    let mut width = 4;
    for stem in names {
        if let Some(number) = stem.strip_prefix(&prefix)
            && let Ok(n) = number.parse::<u64>()
        {
            highest = highest.max(n);
            width = width.max(number.len());
        }
    }
    format!("{prefix}{:0width$}", highest + 1)
}
