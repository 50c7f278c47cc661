//! Finding a registry, reading it (in parallel, every problem collected), and the
//! single-record reads that edits use so they never parse the whole registry.

pub mod cache;
pub mod edit;
#[cfg(test)]
mod fuzz;
pub mod ids;
mod packed;
pub mod places;
pub mod quick;
pub mod snapshot;
mod unpack;
pub mod walk;
pub mod write;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diagnostic::Problem;
use crate::diagnostic::{Diagnostic, line_col, relative};
use crate::error::Failure;
use crate::error::Hint;
use crate::error::{Error, Result};
use crate::record::{
    Agreement, Child, Config, Institution, Kind, Mentor, Record, is_valid_id, schema, validate,
};

pub const CONFIG_FILE: &str = "nastavnyk.toml";

/// Where to look for the registry: `-C`, then `$NASTAVNYK_RECORDS`, then upwards from `cwd`.
pub fn find(explicit: Option<&Path>, cwd: &Path) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        if !dir.is_dir() {
            return Err(Failure::RegistryMissing { dir: dir.display().to_string() }.into());
        }
        if !dir.join(CONFIG_FILE).is_file() {
            return Err(Failure::NotARegistry { dir: dir.display().to_string() }.into());
        }
        return Ok(dir.to_path_buf());
    }
    cwd.ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| Failure::RegistryNotFound.into())
}

/// Everything in a registry that could be read. Files that could not be parsed are left out
/// of the lists and described in `problems`.
#[derive(Debug)]
pub struct Registry {
    pub root: PathBuf,
    pub config: Config,
    pub children: Vec<Child>,
    pub mentors: Vec<Mentor>,
    pub institutions: Vec<Institution>,
    pub agreements: Vec<Agreement>,
    pub problems: Vec<Diagnostic>,
    pub files_read: usize,
    /// The record files found, per kind (`Kind as usize`), by stem: parsed or not.
    pub stems: [Vec<String>; 4],
    /// The parse cache of this load, being written; the registry's drop waits for it (see
    /// `cache.rs`). Held only for its `Drop`.
    #[allow(dead_code)]
    cache: cache::Pending,
    /// The keys of the files this load read, for the derived caches beside the parse cache
    /// (`None` without one).
    pub known: Option<cache::Known>,
}

impl Registry {
    /// Reads every record, using all cores. Never fails: what cannot be read is a problem.
    pub fn load(root: &Path) -> Registry {
        let mut problems = Vec::new();
        let config = match read_config(root) {
            Ok(config) => config,
            Err(diagnostic) => {
                problems.push(diagnostic);
                Config::fallback()
            }
        };
        // The old cache is read while the folders are listed.
        let (cache, [l1, l2, l3, l4]) = rayon::join(|| cache::Cache::open(root), || list_all(root));
        let (children, mut p1, s1, k1) = load_kind::<Child>(Kind::Child, l1, cache.as_ref());
        let (mentors, p2, s2, k2) = load_kind::<Mentor>(Kind::Mentor, l2, cache.as_ref());
        let (institutions, p3, s3, k3) = load_kind::<Institution>(Kind::Institution, l3, cache.as_ref());
        let (agreements, p4, s4, k4) = load_kind::<Agreement>(Kind::Agreement, l4, cache.as_ref());
        problems.append(&mut p1);
        problems.extend(p2.into_iter().chain(p3).chain(p4));
        let stems = [s1, s2, s3, s4];
        let (cache, known) = match cache {
            Some(cache) => cache.into_pending([k1, k2, k3, k4]),
            None => (cache::Pending::none(), None),
        };
        Registry {
            root: root.to_path_buf(),
            config,
            children,
            mentors,
            institutions,
            agreements,
            problems,
            files_read: 1 + stems.iter().map(Vec::len).sum::<usize>(),
            stems,
            cache,
            known,
        }
    }

    /// Ends a command that only read: waits for the cache to be written, then leaves the
    /// records to the process's exit rather than freeing a national registry's 200,000 of
    /// them one by one (a tenth of a cached `check`). Only for a command about to exit.
    pub fn finish(mut self) {
        drop(std::mem::replace(&mut self.cache, cache::Pending::none()));
        std::mem::forget(self);
    }

    /// Reads the registry for a command that needs it whole and valid enough to work on:
    /// a file that cannot be parsed stops the command (exit 2) with its problems shown.
    pub fn load_valid(root: &Path) -> Result<Registry> {
        let mut registry = Registry::load(root);
        if registry.problems.is_empty() {
            Ok(registry)
        } else {
            let count = registry.problems.len();
            Err(Error::new(Failure::RegistryInvalid { count })
                .with_diagnostics(std::mem::take(&mut registry.problems))
                .with_hint(Hint::RunCheck))
        }
    }

    /// Open (proposed, active, suspended) agreements per child and per mentor ID (IDs are
    /// unique across the registry, so one map serves both).
    pub fn open_agreements(&self) -> std::collections::HashMap<&str, usize> {
        let mut open: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for agreement in self.agreements.iter().filter(|a| a.status.is_open()) {
            *open.entry(&agreement.child).or_default() += 1;
            *open.entry(&agreement.mentor).or_default() += 1;
        }
        open
    }

    pub fn child(&self, id: &str) -> Option<&Child> {
        self.children.binary_search_by(|c| c.id.as_str().cmp(id)).ok().map(|i| &self.children[i])
    }

    pub fn mentor(&self, id: &str) -> Option<&Mentor> {
        self.mentors.binary_search_by(|m| m.id.as_str().cmp(id)).ok().map(|i| &self.mentors[i])
    }

    pub fn institution(&self, id: &str) -> Option<&Institution> {
        self.institutions.binary_search_by(|i| i.id.as_str().cmp(id)).ok().map(|i| &self.institutions[i])
    }

    pub fn agreement(&self, id: &str) -> Option<&Agreement> {
        self.agreements.binary_search_by(|a| a.id.as_str().cmp(id)).ok().map(|i| &self.agreements[i])
    }
}

/// The path of a record file. `id` must already be valid (never a path).
pub fn record_path(root: &Path, kind: Kind, id: &str) -> PathBuf {
    debug_assert!(is_valid_id(id));
    root.join(kind.dir()).join(format!("{id}.toml"))
}

/// The kind of record an ID belongs to, found by which folder holds its file.
pub fn kind_of(root: &Path, id: &str) -> Option<Kind> {
    if !is_valid_id(id) {
        return None;
    }
    Kind::ALL.into_iter().find(|kind| record_path(root, *kind, id).is_file())
}

pub fn read_config(root: &Path) -> Result<Config, Diagnostic> {
    let path = root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|err| {
        Diagnostic::error(CONFIG_FILE, "file.unreadable", Problem::ReadFailed { detail: err.to_string() })
    })?;
    let config: Config = parse_toml(CONFIG_FILE, &text)?;
    // serde accepted it, so it is valid TOML; toml_edit gives the positions.
    let doc = toml_edit::Document::parse(text.as_str()).map_err(|err| {
        Diagnostic::error(CONFIG_FILE, "toml.syntax", Problem::TomlSyntax { detail: err.to_string() })
    })?;
    let at = |item: Option<&toml_edit::Item>| {
        item.and_then(toml_edit::Item::span).map(|s| line_col(&text, s.start))
    };
    if config.schema != 1 {
        return Err(Diagnostic::error(
            CONFIG_FILE,
            "schema.version",
            Problem::SchemaVersion { found: config.schema },
        )
        .at(at(doc.get("schema"))));
    }
    // Numbers out of range would hang the cadence (an interval of 0) or overflow dates and
    // the solver; every command refuses such a configuration.
    if let Some(problem) = schema::config_range_problems(&doc).into_iter().next() {
        let position = problem.span.map(|s| line_col(&text, s.start));
        let problem = Problem::OutOfRange { key: problem.shown, value: problem.value, range: problem.range };
        return Err(Diagnostic::error(CONFIG_FILE, "config.range", problem).at(position));
    }
    Ok(config)
}

/// The text of one record file, refused unless it is a regular file (a symlink could show
/// another file's lines, or have a write go through it); a missing file is an unknown ID, or
/// the ID of another kind. Every single-record read and edit goes through here.
pub fn read_record_text(root: &Path, kind: Kind, id: &str) -> Result<(PathBuf, String)> {
    let path = record_path(root, kind, id);
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if !meta.file_type().is_file() => {
            return Err(Error::new(Failure::RegistryInvalid { count: 1 }).with_diagnostics(vec![
                Diagnostic::error(relative(root, &path), "file.not_regular", Problem::NotRegularFile),
            ]));
        }
        _ => {}
    }
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok((path, text)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Err(match kind_of(root, id) {
            Some(found) => Failure::IdOfOtherKind { id: id.to_string(), found, wanted: vec![kind] },
            None => Failure::UnknownIdOfKind { id: id.to_string(), kind },
        }
        .into()),
        Err(err) => Err(Error::io(&path, err)),
    }
}

/// Reads and parses one record file; `rel` names it in diagnostics.
pub fn read_record<T: Record>(root: &Path, kind: Kind, id: &str) -> Result<(T, String)> {
    let (path, text) = read_record_text(root, kind, id)?;
    let rel = relative(root, &path);
    match parse_record::<T>(&rel, &text) {
        Ok(record) => Ok((record, text)),
        Err(problems) => Err(Error::new(Failure::RegistryInvalid { count: problems.len() })
            .with_diagnostics(problems)
            .with_hint(Hint::RunCheck)),
    }
}

/// Parses TOML text into a record, turning the parser's error into a diagnostic with the
/// position, a stable code and (for an unknown key) a "did you mean" hint.
pub fn parse_toml<T: DeserializeOwned>(rel: &str, text: &str) -> Result<T, Diagnostic> {
    toml::from_str::<T>(text).map_err(|err| {
        let position = err.span().map(|span| line_col(text, span.start));
        let (code, msg) = classify(err.message());
        Diagnostic::error(rel, code, msg).at(position)
    })
}

/// Parses a record file: serde on the hot path; the schema walk (with positions) when serde
/// refuses the file, or when the typed screen or the text says a value may be out of range or
/// carry a control character.
pub fn parse_record<T: Record>(rel: &str, text: &str) -> Result<T, Vec<Diagnostic>> {
    match parse_file::<T>(rel, text) {
        (Some(record), problems) if problems.is_empty() => Ok(record),
        (_, problems) => Err(problems),
    }
}

/// What every read of a record file makes of it: the record serde gives (kept even when the
/// typed screen flags it, so a whole-registry read loses nothing the checks need) and its
/// problems. The typed screen is a few comparisons; only a flagged or broken file is walked.
/// The quick reader takes the plain TOML record files are written in; whatever it declines
/// goes to `toml`, which gives the same record or the diagnostics (see `quick.rs`).
pub fn parse_file<T: Record>(rel: &str, text: &str) -> (Option<T>, Vec<Diagnostic>) {
    let parsed = match quick::from_str::<T>(text) {
        Some(record) => Ok(record),
        None => toml::from_str::<T>(text),
    };
    match parsed {
        Ok(record) => {
            let flagged = record.suspect() || validate::text_may_hide_controls(text);
            let problems = if flagged { schema_walk(T::KIND, rel, text) } else { Vec::new() };
            (Some(record), problems)
        }
        // Only a broken file pays for building its diagnostics.
        Err(_) => (None, parse_problems::<T>(rel, text)),
    }
}

/// Every problem of a file that does not parse into `T`, in one walk over its document. Runs
/// only for broken files.
pub fn parse_problems<T: Record>(rel: &str, text: &str) -> Vec<Diagnostic> {
    let mut problems = schema_walk(T::KIND, rel, text);
    if problems.is_empty() {
        // Something the schema does not describe but serde refuses: serde's own words.
        if let Err(diagnostic) = parse_toml::<T>(rel, text) {
            problems.push(diagnostic);
        }
    }
    problems
}

/// The schema walk of `text` as diagnostics (or its TOML syntax error).
fn schema_walk(kind: Kind, rel: &str, text: &str) -> Vec<Diagnostic> {
    match toml_edit::Document::parse(text) {
        Ok(doc) => walk::validate(kind, &doc)
            .into_iter()
            .map(|p| Diagnostic::error(rel, p.code, p.problem).at(p.span.map(|s| line_col(text, s.start))))
            .collect(),
        Err(err) => {
            let (code, msg) = classify(err.message());
            vec![Diagnostic::error(rel, code, msg).at(err.span().map(|s| line_col(text, s.start)))]
        }
    }
}

/// Sorts the parser's message into our codes. The texts are serde's and toml's stable wording.
fn classify(message: &str) -> (&'static str, Problem) {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or("").to_string();
        let expected: Vec<&str> =
            rest.split("expected").nth(1).unwrap_or("").split('`').skip(1).step_by(2).collect();
        return (
            "schema.unknown_key",
            Problem::UnknownKey { suggestion: did_you_mean(&key, &expected), key },
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or("").to_string();
        return ("schema.missing_key", Problem::MissingKey { key });
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or("").to_string();
        let expected = rest.split("expected").nth(1).unwrap_or("").trim().to_string();
        return ("schema.enum", Problem::BadEnumValue { value, expected });
    }
    if message.contains("expected a date") || message.contains("not a day of the calendar") {
        return ("date.invalid", Problem::BadDate { detail: message.to_string() });
    }
    if message.starts_with("invalid type")
        || message.starts_with("invalid value")
        || message.starts_with("invalid length")
    {
        return ("schema.type", Problem::BadValue { detail: message.to_string() });
    }
    if message.contains("datetime") || message.contains("date") && message.contains("invalid") {
        return ("date.invalid", Problem::BadDate { detail: message.to_string() });
    }
    ("toml.syntax", Problem::TomlSyntax { detail: message.to_string() })
}

pub use crate::record::validate::did_you_mean;

/// The record files of a kind, sorted by name; other files are ignored, except that a `.toml`
/// whose stem is not a valid ID is reported.
pub fn list_files(root: &Path, kind: Kind) -> (Vec<(String, PathBuf)>, Vec<Diagnostic>) {
    let Listing { stems, problems, .. } = list_folder(root, kind);
    let dir = root.join(kind.dir());
    let files = stems.into_iter().map(|stem| {
        let path = dir.join(format!("{stem}.toml"));
        (stem, path)
    });
    (files.collect(), problems)
}

/// One folder's record files: the folder, open (its files are `lstat`ed and opened relative
/// to it, one path lookup each instead of one per component of the registry's path), the
/// stems of its record files, sorted, and the problems of the other files found.
struct Listing {
    folder: Option<std::fs::File>,
    stems: Vec<String>,
    problems: Vec<Diagnostic>,
}

/// Lists a folder with one allocation per record file, its stem (a national registry's two big
/// folders hold 100,000 files each).
fn list_folder(root: &Path, kind: Kind) -> Listing {
    use rustix::fs::{AtFlags, Dir, FileType, statat};
    let mut listing = Listing { folder: None, stems: Vec::new(), problems: Vec::new() };
    let Ok(folder) = std::fs::File::open(root.join(kind.dir())) else { return listing };
    let Ok(entries) = Dir::read_from(&folder) else { return listing };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy();
        // Our own temporary files (`.c-0001.toml.tmpXXXX`) and editors' backups start with a dot.
        let Some(stem) = name.strip_suffix(".toml").filter(|_| !name.starts_with('.')) else { continue };
        // A link would have us read (and print) whatever it points at, outside the registry.
        // A file system that does not say the type in its listing is asked with an `lstat`.
        let file_type = match entry.file_type() {
            FileType::Unknown => statat(&folder, entry.file_name(), AtFlags::SYMLINK_NOFOLLOW)
                .map_or(FileType::Unknown, |stat| FileType::from_raw_mode(stat.st_mode)),
            known => known,
        };
        if file_type != FileType::RegularFile {
            listing.problems.push(Diagnostic::error(
                format!("{}/{name}", kind.dir()),
                "file.not_regular",
                Problem::NotRegularFile,
            ));
        } else if is_valid_id(stem) {
            listing.stems.push(stem.to_string());
        } else {
            listing.problems.push(Diagnostic::error(
                format!("{}/{name}", kind.dir()),
                "id.file_name",
                Problem::InvalidFileName { name: name.to_string() },
            ));
        }
    }
    listing.stems.sort_unstable();
    listing.folder = Some(folder);
    listing
}

/// The four folders listed at once (a national registry's two big ones take a while each).
fn list_all(root: &Path) -> [Listing; 4] {
    let listings: Vec<Listing> = Kind::ALL.par_iter().map(|kind| list_folder(root, *kind)).collect();
    let mut listings = listings.into_iter();
    std::array::from_fn(|_| listings.next().expect("one listing per kind"))
}

/// Reads and parses every file of one kind on all cores, keeping the order of the file names;
/// with a cache, a file whose key matches its entry is decoded instead of read and parsed.
/// Returns the records, the problems, the stems and the entries for the next cache.
type Loaded<T> = (Vec<T>, Vec<Diagnostic>, Vec<String>, Vec<cache::Kept>);

fn load_kind<T>(kind: Kind, listing: Listing, cache: Option<&cache::Cache>) -> Loaded<T>
where
    T: Record + Send + HasId + serde::Serialize + std::fmt::Debug,
{
    let Listing { folder, stems, mut problems } = listing;
    let Some(folder) = folder else { return (Vec::new(), problems, stems, Vec::new()) };
    let lookup = cache.map(|cache| cache.lookup(kind));
    let progress = crate::progress::track(crate::progress::Stage::Reading, stems.len());
    // Each file's record and cache entry are written straight into their place in two lists:
    // a record is half a kilobyte, and gathering them per chunk and appending the chunks
    // copied a national registry's 100 MB of records into fresh memory. The few files with
    // problems put them aside with their place in the listing.
    let aside: std::sync::Mutex<Vec<(usize, Vec<Diagnostic>)>> = std::sync::Mutex::new(Vec::new());
    let mut records: Vec<Option<T>> = Vec::new();
    let mut kept: Vec<Option<cache::Kept>> = Vec::new();
    // Counted in steps: one shared counter bumped 200,000 times costs more than the count is worth.
    const STEP: usize = 256;
    stems
        .par_iter()
        .enumerate()
        // Per worker: where its last cache search ended (its files come in the entries' order,
        // so each is found a step or two further on; `usize::MAX`: not searched yet), and the
        // file name being looked up.
        // A streamed cache's block of this worker's new entries goes with it, too.
        .map_init(
            || (usize::MAX, String::new(), lookup.as_ref().and_then(cache::Lookup::block)),
            |(cursor, name, block), (n, stem)| {
                if n % STEP == STEP - 1 {
                    progress.add(STEP);
                }
                name.clear();
                name.push_str(stem);
                name.push_str(".toml");
                let at = At { n, stem, folder: &folder, name };
                let file = read_file::<T>(kind, at, lookup.as_ref(), cursor, block.as_mut());
                if !file.problems.is_empty() {
                    aside.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((n, file.problems));
                }
                (file.record, file.kept)
            },
        )
        .unzip_into_vecs(&mut records, &mut kept);
    progress.finish();
    let mut aside = aside.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    aside.sort_unstable_by_key(|(n, _)| *n);
    problems.extend(aside.into_iter().flat_map(|(_, found)| found));
    // `filter_map` on the list's own iterator collects in place, into the same memory (the
    // standard library does so for `filter_map`, not for `flatten`): no second copy.
    #[allow(clippy::filter_map_identity)]
    let (mut records, kept): (Vec<T>, Vec<cache::Kept>) = (
        records.into_iter().filter_map(|record| record).collect(),
        kept.into_iter().filter_map(|kept| kept).collect(),
    );
    // Sorted by ID for binary search; a record whose `id` differs from its file stem is kept
    // (check reports it) but sorted by its `id` field.
    records.sort_by(|a, b| a.id().cmp(b.id()));
    (records, problems, stems, kept)
}

/// What one record file gave: its record, its entry for the next cache, its problems.
struct FileRead<T> {
    record: Option<T>,
    kept: Option<cache::Kept>,
    problems: Vec<Diagnostic>,
}

/// A record file: its place in the listing, its stem, its folder and its name.
struct At<'a> {
    n: usize,
    stem: &'a str,
    folder: &'a std::fs::File,
    name: &'a str,
}

impl<T> FileRead<T> {
    /// A file that could not be read as text (`detail` says why).
    fn unreadable(rel: String, detail: String) -> FileRead<T> {
        FileRead {
            record: None,
            kept: None,
            problems: vec![Diagnostic::error(rel, "file.unreadable", Problem::ReadFailed { detail })],
        }
    }
}

fn read_file<T>(
    kind: Kind,
    At { n, stem, folder, name }: At,
    lookup: Option<&cache::Lookup>,
    cursor: &mut usize,
    block: Option<&mut cache::Block>,
) -> FileRead<T>
where
    T: Record + serde::Serialize + std::fmt::Debug,
{
    let rel = || format!("{}/{name}", kind.dir());
    // A file the old cache knows is `lstat`ed first, its key taken before it is read: a
    // change after it shows in the next key, or (in the same clock tick) keeps the entry
    // from being trusted. The `lstat` does not follow a link.
    let known = lookup.is_some_and(|lookup| lookup.has(stem, cursor));
    let key = if known {
        rustix::fs::statat(folder, name, rustix::fs::AtFlags::SYMLINK_NOFOLLOW)
            .ok()
            .filter(|stat| {
                rustix::fs::FileType::from_raw_mode(stat.st_mode) == rustix::fs::FileType::RegularFile
            })
            .map(|stat| cache::FileKey::of_stat(&stat))
    } else {
        None
    };
    if let (Some(lookup), Some(key)) = (lookup, &key)
        && let Some((record, data)) = lookup.hit::<T>(stem, key, cursor)
    {
        let kept = cache::Kept { stem: stem.to_string(), key: *key, data };
        return FileRead { record: Some(record), kept: Some(kept), problems: Vec::new() };
    }
    // A file the cache does not know is keyed from the open file, before it is read.
    let want_key = key.is_none() && lookup.is_some_and(cache::Lookup::writing);
    match read_text(folder, name, want_key) {
        Ok((bytes, opened_key)) => {
            let key = key.or(opened_key);
            // Validated at SIMD speed: the standard library's check of mostly Cyrillic text
            // was a twentieth of a first `check`.
            let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
                return FileRead::unreadable(rel(), NOT_UTF8.to_string());
            };
            let (record, problems) = parse_file::<T>(&rel(), text);
            // Only a file without a problem is cached; one with a problem is read again.
            let kept = match (lookup, key, &record) {
                (Some(lookup), Some(key), Some(record)) if problems.is_empty() => {
                    lookup.keep(n, stem, key, record, block)
                }
                _ => None,
            };
            FileRead { record, kept, problems }
        }
        Err(err) => FileRead::unreadable(rel(), err.to_string()),
    }
}

/// What a record file that is not UTF-8 is told (the standard library's words for it).
const NOT_UTF8: &str = "stream did not contain valid UTF-8";

/// A record file's bytes and, when asked, its key taken from the open file before the read:
/// one path lookup per file (`read_to_string` on a path would `stat` the open file anyway).
fn read_text(
    folder: &std::fs::File,
    name: &str,
    want_key: bool,
) -> std::io::Result<(Vec<u8>, Option<cache::FileKey>)> {
    use std::io::Read;
    let file = open_in(folder, name)?;
    let meta = file.metadata()?;
    let key = (want_key && meta.is_file()).then(|| cache::FileKey::of(&meta));
    // Room for the whole file and one byte more, so the read that sees the end needs no growth;
    // through `take` because `File`'s own `read_to_end` would `stat` the file again for its size.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    (&file).take(u64::MAX).read_to_end(&mut bytes)?;
    Ok((bytes, key))
}

/// `name` (a file name, or a path below it) opened for reading relative to the open `folder`:
/// one path lookup per component of `name`, none for the folder's own path.
fn open_in(folder: &std::fs::File, name: impl rustix::path::Arg) -> std::io::Result<std::fs::File> {
    use rustix::fs::{Mode, OFlags, openat};
    Ok(std::fs::File::from(openat(folder, name, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())?))
}

/// The text of `rel` in the registry at `root`, opened relative to the registry's folder,
/// which each thread keeps open for the next call with the same `root`: placing findings
/// reads thousands of files, and a path from `/` costs a lookup per component for each. (A
/// folder replaced under the same path while a process runs would be missed; a command never
/// replaces its registry's folder.)
pub fn read_relative(root: &Path, rel: &str) -> std::io::Result<String> {
    use std::io::Read;
    thread_local! {
        static FOLDER: std::cell::RefCell<Option<(PathBuf, std::fs::File)>> =
            const { std::cell::RefCell::new(None) };
    }
    let file = FOLDER.with_borrow_mut(|folder| -> std::io::Result<std::fs::File> {
        if folder.as_ref().is_none_or(|(path, _)| path != root) {
            *folder = Some((root.to_path_buf(), std::fs::File::open(root)?));
        }
        let (_, dir) = folder.as_ref().expect("just opened");
        open_in(dir, rel)
    })?;
    let mut text = String::new();
    (&file).read_to_string(&mut text)?;
    Ok(text)
}

/// Records that carry their ID.
pub trait HasId {
    fn id(&self) -> &str;
}

macro_rules! has_id {
    ($($t:ty),+) => { $(impl HasId for $t { fn id(&self) -> &str { &self.id } })+ };
}
has_id!(Child, Mentor, Institution, Agreement);
