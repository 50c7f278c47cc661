//! Validation of a registry: schema problems found while reading, then the checks on each
//! record (IDs, dates that make no sense, references) and across records (duplicates, open
//! agreements). The same per-record checks guard every edit before it is written.

mod across;
mod particulars;
mod place;
mod records;

pub use across::*;
pub use records::*;

use std::path::Path;

use rayon::prelude::*;

pub use crate::diagnostic::{Diagnostic, Severity};

use crate::diagnostic::Problem;
use crate::record::config::Config;
use crate::record::date::Date;
use crate::record::{Agreement, Child, Institution, Kind, Mentor, is_valid_id};
use crate::registry::places::{Placed, Places, Position, Query};
use crate::registry::{Registry, record_path};

/// Answers "does this record exist?" — from the loaded registry, or from the file system
/// when a single edit must not read the whole registry.
pub trait Lookup {
    fn exists(&self, kind: Kind, id: &str) -> bool;
}

/// Looks records up by their files.
pub struct FileLookup<'a>(pub &'a Path);

impl Lookup for FileLookup<'_> {
    fn exists(&self, kind: Kind, id: &str) -> bool {
        is_valid_id(id) && record_path(self.0, kind, id).is_file()
    }
}

/// Looks records up in a loaded registry by the files found (sorted by stem). A file that
/// exists but could not be parsed still counts as existing: its own problem is reported once,
/// not again as every reference to it.
pub struct RegistryLookup<'a> {
    stems: &'a [Vec<String>; 4],
}

impl<'a> RegistryLookup<'a> {
    pub fn new(registry: &'a Registry) -> Self {
        RegistryLookup { stems: &registry.stems }
    }
}

impl Lookup for RegistryLookup<'_> {
    fn exists(&self, kind: Kind, id: &str) -> bool {
        self.stems[kind as usize].binary_search_by(|stem| stem.as_str().cmp(id)).is_ok()
    }
}

/// A problem found on a parsed record, with the key it is about; its line and column are
/// found in the file's text afterwards (only for the files that have problems).
#[derive(Debug)]
pub struct Finding {
    pub severity: Severity,
    pub code: &'static str,
    pub problem: Problem,
    /// The table holding the key (`""` top level, `"consent"`, `"contacts"`).
    pub table: &'static str,
    /// Which element of an array of tables (`[[contacts]]`).
    pub index: usize,
    pub key: &'static str,
}

impl Finding {
    fn error(code: &'static str, key: &'static str, problem: Problem) -> Self {
        Finding { severity: Severity::Error, code, problem, table: "", index: 0, key }
    }

    fn warning(code: &'static str, key: &'static str, problem: Problem) -> Self {
        Finding { severity: Severity::Warning, ..Finding::error(code, key, problem) }
    }

    fn in_table(mut self, table: &'static str, index: usize) -> Self {
        self.table = table;
        self.index = index;
        self
    }
}

/// Turns a record's findings into diagnostics, reading the file once to place them.
pub fn place(root: &Path, rel: &str, findings: Vec<Finding>, text: Option<&str>) -> Vec<Diagnostic> {
    if findings.is_empty() {
        return Vec::new();
    }
    let owned;
    let text = match text {
        Some(text) => text,
        None => {
            owned = crate::registry::read_relative(root, rel).unwrap_or_default();
            &owned
        }
    };
    let placed = placed_in(text, &queries(&findings));
    diagnostics(rel, findings, placed)
}

/// `place` for a record of a loaded registry: the positions come from the places cache when
/// the file has not changed since they were found, and are kept for the next run.
pub(crate) fn place_loaded(
    root: &Path,
    kind: Kind,
    id: &str,
    findings: Vec<Finding>,
    places: Option<&Places>,
) -> Vec<Diagnostic> {
    let rel = format!("{}/{id}.toml", kind.dir());
    let queries = queries(&findings);
    let known = places.and_then(|places| places.get(kind, id, &rel, &queries));
    let read = known.is_none();
    let placed = known.unwrap_or_else(|| {
        let text = crate::registry::read_relative(root, &rel).unwrap_or_default();
        placed_in(&text, &queries)
    });
    if let Some(places) = places {
        places.keep(kind, id, &rel, &queries, &placed, read);
    }
    diagnostics(&rel, findings, placed)
}

/// Where each key asked for is written in `text`, with the text of its line.
fn placed_in(text: &str, queries: &[Query]) -> Vec<Placed> {
    let positions = positions(text, queries);
    let mut lines: Vec<&str> = Vec::new();
    positions
        .into_iter()
        .map(|at| {
            let source = at.and_then(|(line, _)| {
                if lines.is_empty() {
                    lines = text.lines().collect();
                }
                lines.get(line - 1)
            });
            (at, source.map_or_else(String::new, |source| source.to_string()))
        })
        .collect()
}

fn queries(findings: &[Finding]) -> Vec<Query<'static>> {
    findings.iter().map(|f| Query { table: f.table, index: f.index, key: f.key }).collect()
}

/// Where each key asked for is written in `text`.
fn positions(text: &str, queries: &[Query]) -> Vec<Position> {
    // The lines are scanned first; toml_edit parses the file only for a key the scanner
    // declines (see `place.rs`), once per file.
    let mut locator = None;
    let scannable = place::scannable(text);
    queries
        .iter()
        .map(|q| {
            let scanned = scannable.then(|| place::scan_lines(text, q.table, q.index, q.key)).flatten();
            scanned.or_else(|| {
                locator
                    .get_or_insert_with(|| crate::diagnostic::Locator::new(text))
                    .key(q.table, q.index, q.key)
            })
        })
        .collect()
}

fn diagnostics(rel: &str, findings: Vec<Finding>, placed: Vec<Placed>) -> Vec<Diagnostic> {
    findings
        .into_iter()
        .zip(placed)
        .map(|(f, (position, source))| {
            Diagnostic {
                file: rel.to_string(),
                line: None,
                column: None,
                code: f.code,
                severity: f.severity,
                problem: f.problem,
                source: (position.is_some() && !source.is_empty()).then_some(source),
            }
            .at(position)
        })
        .collect()
}

/// Everything `check` reports on a loaded registry, sorted, errors and warnings together.
pub fn check_registry(registry: &Registry, today: Date) -> Vec<Diagnostic> {
    let root = registry.root.as_path();
    let lookup = RegistryLookup::new(registry);
    let mut out = registry.problems.clone();
    out.extend(check_config(root, &registry.config));

    let records = registry.children.len()
        + registry.mentors.len()
        + registry.institutions.len()
        + registry.agreements.len();
    let progress = crate::progress::track(crate::progress::Stage::Checking, records);
    // Each record's own checks on every core (a national registry holds 200,000); `collect`
    // keeps the order, and the final sort makes the output independent of it anyway.
    let found = |kind: Kind, id: &str, findings: Vec<Finding>| {
        progress.add(1);
        (!findings.is_empty()).then(|| (kind, id.to_string(), findings))
    };
    let mut record_findings: Vec<(Kind, String, Vec<Finding>)> = Vec::new();
    record_findings.par_extend(
        registry
            .children
            .par_iter()
            .filter_map(|c| found(Kind::Child, &c.id, check_child(c, today, &lookup))),
    );
    record_findings.par_extend(
        registry
            .mentors
            .par_iter()
            .filter_map(|m| found(Kind::Mentor, &m.id, check_mentor(m, today, &lookup))),
    );
    record_findings.par_extend(
        registry
            .institutions
            .par_iter()
            .filter_map(|i| found(Kind::Institution, &i.id, check_institution(i))),
    );
    record_findings.par_extend(
        registry.agreements.par_iter().filter_map(|a| {
            found(Kind::Agreement, &a.id, check_agreement(a, &registry.config, today, &lookup))
        }),
    );
    progress.finish();
    // Placing a finding reads its file for the line, unless the places cache knows it:
    // thousands of small reads on a first run, also in parallel.
    let places = registry.known.as_ref().map(Places::open);
    let placed: Vec<Vec<Diagnostic>> = record_findings
        .into_par_iter()
        .map(|(kind, id, findings)| place_loaded(root, kind, &id, findings, places.as_ref()))
        .collect();
    out.extend(placed.into_iter().flatten());
    out.extend(check_ids_and_stems(registry));
    out.extend(check_duplicates(registry));
    out.extend(check_open_agreements(registry));
    out.extend(check_eligibility(registry, today, places.as_ref()));
    if let Some(places) = places {
        places.save();
    }
    out.extend(check_monitoring(registry, today));
    // One warning for the whole registry, its paths relative to it so the text is the same
    // wherever the registry lies.
    let exposed: Vec<String> =
        crate::git::safety::readable_by_others(root).iter().map(|path| relative_path(root, path)).collect();
    if !exposed.is_empty() {
        out.push(Diagnostic::warning(
            crate::registry::CONFIG_FILE,
            "file.permissions",
            Problem::FilePermissions { path: exposed.join(" ") },
        ));
    }
    out.par_extend(
        registry.agreements.par_iter().flat_map_iter(|a| particulars::missing_particulars(registry, a)).map(
            |m| {
                Diagnostic::warning(
                    m.file,
                    "agreement.particulars_missing",
                    Problem::ParticularsMissing { agreement: m.agreement, field: m.field },
                )
            },
        ),
    );
    // Stable: diagnostics with equal keys (two rules a party fails, placed on the same key)
    // keep the order they were found in, which every parallel step above preserves.
    out.par_sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

pub fn check_config(root: &Path, config: &Config) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    if let Some(edrpou) = &config.centre.edrpou
        && !is_edrpou(edrpou)
    {
        findings.push(
            Finding::error("value.edrpou", "edrpou", Problem::BadEdrpou { value: edrpou.clone() })
                .in_table("centre", 0),
        );
    }
    place(root, crate::registry::CONFIG_FILE, findings, None)
}

fn is_edrpou(value: &str) -> bool {
    value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit())
}

fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// Validates the text a command is about to write for one record, without reading the rest of
/// the registry (references are checked against the files). Returns every problem found;
/// the caller refuses the write if any is an error.
pub fn validate_record_text(
    root: &Path,
    config: &Config,
    kind: Kind,
    id: &str,
    rel: &str,
    text: &str,
    today: Date,
) -> Vec<Diagnostic> {
    use crate::registry::parse_record;
    let lookup = FileLookup(root);
    let (record_id, findings) = match kind {
        Kind::Child => match parse_record::<Child>(rel, text) {
            Ok(r) => (r.id.clone(), check_child(&r, today, &lookup)),
            Err(problems) => return problems,
        },
        Kind::Mentor => match parse_record::<Mentor>(rel, text) {
            Ok(r) => (r.id.clone(), check_mentor(&r, today, &lookup)),
            Err(problems) => return problems,
        },
        Kind::Institution => match parse_record::<Institution>(rel, text) {
            Ok(r) => (r.id.clone(), check_institution(&r)),
            Err(problems) => return problems,
        },
        Kind::Agreement => match parse_record::<Agreement>(rel, text) {
            Ok(r) => (r.id.clone(), check_agreement(&r, config, today, &lookup)),
            Err(problems) => return problems,
        },
    };
    let mut out = place(root, rel, findings, Some(text));
    if record_id != id {
        let position = crate::diagnostic::locate_key(text, "", 0, "id");
        out.push(
            Diagnostic::error(
                rel,
                "id.mismatch",
                Problem::IdMismatch { id: record_id, stem: id.to_string() },
            )
            .at(position),
        );
    }
    out
}

/// `path` relative to the registry's `root` (`children`, `../.git`), as the user would type it.
fn relative_path(root: &Path, path: &Path) -> String {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if let Ok(inside) = path.strip_prefix(&root) {
        return inside.display().to_string();
    }
    let mut up = String::new();
    for ancestor in root.ancestors().skip(1) {
        up.push_str("../");
        if let Ok(rest) = path.strip_prefix(ancestor) {
            return format!("{up}{}", rest.display());
        }
    }
    path.display().to_string()
}
