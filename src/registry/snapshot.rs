//! A registry read from git objects instead of files: as it was committed at the end of a
//! day (`--as-of`), or from a bare or remote repository (a region's `--registry`). The texts
//! come from `git::tree` (no checkout: the work tree and the index are never touched) and
//! are parsed exactly as files are, in parallel, every problem collected.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, locate_key};
use crate::error::{Error, Result};
use crate::git::tree;
use crate::record::date::Date;
use crate::record::{Agreement, Child, Config, Institution, Kind, Mentor, is_valid_id};

use super::{CONFIG_FILE, HasId, Registry, parse_file, parse_toml};
use crate::diagnostic::Problem;
use crate::error::Failure;

/// Where a region's registry is read from.
pub enum Source {
    /// A registry folder (a work tree, or a folder not under git).
    Folder(PathBuf),
    /// A git repository read without a work tree: a bare one, or a bare clone of a URL
    /// (kept in a temporary folder, removed when done).
    Repository { repo: PathBuf, _clone: Option<tempfile::TempDir> },
}

impl Source {
    /// What `--registry SPEC` names. `Err(None)`: neither a registry folder nor a git
    /// repository; `Err(Some(detail))`: git could not clone it (git's own words).
    pub fn open(spec: &str) -> std::result::Result<Source, Option<String>> {
        let path = Path::new(spec);
        if path.is_dir() {
            if path.join(CONFIG_FILE).is_file() {
                return Ok(Source::Folder(path.to_path_buf()));
            }
            if tree::is_bare(path) {
                return Ok(Source::Repository { repo: path.to_path_buf(), _clone: None });
            }
            return Err(None);
        }
        if spec.contains("://") || is_scp_like(spec) {
            let clone = tempfile::tempdir().map_err(|err| Some(err.to_string()))?;
            let repo = clone.path().join("registry.git");
            tree::clone_bare(spec, &repo).map_err(|err| match &err.failure {
                Failure::GitFailed { detail } => Some(detail.clone()),
                _ => None,
            })?;
            return Ok(Source::Repository { repo, _clone: Some(clone) });
        }
        Err(None)
    }
}

/// `host:path` or `user@host:path`, git's short form of an ssh URL (not `C:\…`).
fn is_scp_like(spec: &str) -> bool {
    spec.split_once(':').is_some_and(|(host, _)| host.len() > 1 && !host.contains('/'))
}

/// The end of day `date` in the machine's local time zone (the `TZ` environment variable, if
/// set), as git reads it: the moment `--as-of` takes the registry at.
pub fn end_of_day(date: Date) -> String {
    use chrono::TimeZone;
    let last = date.and_hms_opt(23, 59, 59).expect("a valid time");
    match chrono::Local.from_local_datetime(&last).latest() {
        Some(moment) => moment.format("%Y-%m-%d %H:%M:%S %z").to_string(),
        None => format!("{} +0000", last.format("%Y-%m-%d %H:%M:%S")),
    }
}

/// The commit a registry in `repo` is read from as of the end of `date` (committer dates,
/// following HEAD). `Err` when there is no repository or no commit by then.
pub fn commit_as_of(repo: &Path, date: Date) -> Result<String> {
    if !tree::is_repository(repo) {
        return Err((Failure::AsOfNoGit { dir: repo.display().to_string() }).into());
    }
    tree::commit_before(repo, &end_of_day(date))?
        .ok_or_else(|| (Failure::AsOfNoCommit { date: date.to_string() }).into())
}

/// The registry of `commit` in `repo`: under `prefix` (`records/`, or `""` at the top), or,
/// when `None`, wherever the shallowest `nastavnyk.toml` of the tree is. `root` names it in
/// messages (it need not exist).
pub fn load_commit(repo: &Path, commit: &str, prefix: Option<&str>, root: PathBuf) -> Result<Registry> {
    let entries = tree::list_files(repo, commit)?;
    let prefix = match prefix {
        Some(prefix) => prefix.to_string(),
        None => entries
            .iter()
            .filter_map(|e| e.path.strip_suffix(CONFIG_FILE).filter(|p| p.is_empty() || p.ends_with('/')))
            .min_by_key(|p| (p.matches('/').count(), p.to_string()))
            .map(str::to_string)
            .ok_or_else(|| {
                Error::new(Failure::NotARegistry { dir: format!("{} ({commit})", repo.display()) })
            })?,
    };
    let mut config_oid = None;
    let mut files: [Vec<(String, String)>; 4] = Default::default();
    let mut problems = Vec::new();
    for entry in &entries {
        let Some(rel) = entry.path.strip_prefix(prefix.as_str()) else { continue };
        if rel == CONFIG_FILE {
            config_oid = Some(entry.oid.clone());
            continue;
        }
        let Some((dir, name)) = rel.split_once('/') else { continue };
        let Some(kind) = Kind::ALL.into_iter().find(|k| k.dir() == dir) else { continue };
        // As on disk: only `.toml` files directly in the folder, dot-files left alone.
        if name.contains('/') || name.starts_with('.') || !name.ends_with(".toml") {
            continue;
        }
        let stem = name.trim_end_matches(".toml");
        if is_valid_id(stem) {
            files[kind as usize].push((stem.to_string(), entry.oid.clone()));
        } else {
            problems.push(Diagnostic::error(
                format!("{dir}/{name}"),
                "id.file_name",
                Problem::InvalidFileName { name: name.to_string() },
            ));
        }
    }
    let config_oid = config_oid
        .ok_or_else(|| Error::new(Failure::NotARegistry { dir: format!("{} ({commit})", repo.display()) }))?;
    for list in &mut files {
        list.sort();
    }
    let mut oids: Vec<&str> = vec![config_oid.as_str()];
    for list in &files {
        oids.extend(list.iter().map(|(_, oid)| oid.as_str()));
    }
    let mut blobs = tree::read_blobs(repo, &oids)?.into_iter();
    let config_text = text(blobs.next().unwrap_or_default());
    let config = match config_from(&config_text) {
        Ok(config) => config,
        Err(diagnostic) => {
            problems.push(diagnostic);
            Config::fallback()
        }
    };
    let mut texts: [Vec<(String, String)>; 4] = Default::default();
    for (kind, list) in files.iter().enumerate() {
        texts[kind] =
            list.iter().map(|(stem, _)| (stem.clone(), text(blobs.next().unwrap_or_default()))).collect();
    }
    let (children, p1) = parse_kind::<Child>(Kind::Child, &texts[0]);
    let (mentors, p2) = parse_kind::<Mentor>(Kind::Mentor, &texts[1]);
    let (institutions, p3) = parse_kind::<Institution>(Kind::Institution, &texts[2]);
    let (agreements, p4) = parse_kind::<Agreement>(Kind::Agreement, &texts[3]);
    problems.extend(p1.into_iter().chain(p2).chain(p3).chain(p4));
    let stems = texts.map(|list| list.into_iter().map(|(stem, _)| stem).collect::<Vec<_>>());
    Ok(Registry {
        root,
        config,
        children,
        mentors,
        institutions,
        agreements,
        problems,
        files_read: 1 + stems.iter().map(Vec::len).sum::<usize>(),
        stems,
        // A snapshot of git objects is not the work tree: nothing to cache.
        cache: super::cache::Pending::none(),
        known: None,
    })
}

/// A blob as text (records are UTF-8; a stray byte becomes U+FFFD and a parse problem).
fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
}

fn config_from(text: &str) -> std::result::Result<Config, Diagnostic> {
    let config: Config = parse_toml(CONFIG_FILE, text)?;
    if config.schema != 1 {
        return Err(Diagnostic::error(
            CONFIG_FILE,
            "schema.version",
            Problem::SchemaVersion { found: config.schema },
        )
        .at(locate_key(text, "", 0, "schema")));
    }
    Ok(config)
}

/// Parses one kind's texts on all cores, sorted by ID as `Registry::load` sorts them.
fn parse_kind<T: crate::record::Record + Send + HasId>(
    kind: Kind,
    texts: &[(String, String)],
) -> (Vec<T>, Vec<Diagnostic>) {
    use rayon::prelude::*;
    let chunk = texts.len().div_ceil(rayon::current_num_threads()).max(1);
    let results: Vec<(Vec<T>, Vec<Diagnostic>)> = texts
        .par_chunks(chunk)
        .map(|part| {
            let mut records = Vec::with_capacity(part.len());
            let mut problems = Vec::new();
            for (stem, text) in part {
                // The same parse as `Registry::load`.
                let (record, found) = parse_file::<T>(&format!("{}/{stem}.toml", kind.dir()), text);
                records.extend(record);
                problems.extend(found);
            }
            (records, problems)
        })
        .collect();
    let mut records = Vec::with_capacity(texts.len());
    let mut problems = Vec::new();
    for (mut parsed, mut found) in results {
        records.append(&mut parsed);
        problems.append(&mut found);
    }
    records.sort_by(|a, b| a.id().cmp(b.id()));
    (records, problems)
}
