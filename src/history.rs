//! The audit trail read back from git: the commits that touched a record (following renames),
//! what each changed — compared on the parsed records, field by field, not as a text diff —
//! and the registry's recent log.

use std::path::Path;

use crate::error::Result;
pub use crate::git::Repo;
use crate::git::log::{self as gitlog, FileCommit};
use crate::record::{Kind, is_valid_id};

/// One value of a changed field. Dates are ISO text, tables and arrays nest.
pub type Value = serde_json::Value;

/// One changed field: `contacts[3].note`, `settlement`, or a whole `contacts[3]` added.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

/// What a commit did to the record's file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileChange {
    Added,
    Modified,
    Removed,
    /// Renamed (the record's ID changed), possibly with edits.
    Renamed,
}

impl FileChange {
    pub fn as_str(self) -> &'static str {
        match self {
            FileChange::Added => "added",
            FileChange::Modified => "modified",
            FileChange::Removed => "removed",
            FileChange::Renamed => "renamed",
        }
    }
}

/// One commit in a record's history.
#[derive(Clone, Debug)]
pub struct Entry {
    pub commit: String,
    /// Author date, ISO 8601 with the author's offset.
    pub date: String,
    pub author: String,
    pub email: String,
    /// The `Nastavnyk-Action:` trailer (`child.set`), or `manual` for a commit made by hand.
    pub action: String,
    pub reason: Option<String>,
    /// The `Record:` trailer, if the tool made the commit.
    pub record: Option<String>,
    pub change: FileChange,
    /// The file's path (registry-relative) before a rename.
    pub renamed_from: Option<String>,
    pub fields: Vec<FieldChange>,
    /// Either version of the file did not parse as TOML: no field comparison was possible.
    pub unparsable: bool,
}

/// The action recorded for commits the tool did not make.
pub const MANUAL: &str = "manual";

/// What, in a field's last key, marks a personal detail of a child or mentor — names, ways
/// to reach them, where they live, the numbers of their documents: shown only with
/// `--with-names`. Matched as parts of the key so that fields added to the schema later
/// (`legal_representative_phone`, `passport_number`) are hidden without a change here.
const PERSONAL_KEYS: [&str; 9] =
    ["name", "patronymic", "phone", "email", "address", "passport", "number", "rnokpp", "tax_id"];

/// Whether `field` (`consent.legal_representative_name`, `contacts[2].phone`) is personal.
fn is_personal(field: &str) -> bool {
    let leaf = field.rsplit('.').next().unwrap_or(field);
    let leaf = leaf.split('[').next().unwrap_or(leaf);
    PERSONAL_KEYS.iter().any(|key| leaf.contains(key))
}

/// What stands for a hidden name.
pub const HIDDEN: &str = "•••";

/// The registry-relative file of `id`: where it is now, else where it last was in history.
pub fn locate(root: &Path, repo: &Repo, id: &str) -> Result<Option<String>> {
    if !is_valid_id(id) {
        return Ok(None);
    }
    if let Some(kind) = crate::registry::kind_of(root, id) {
        return Ok(Some(format!("{}/{id}.toml", kind.dir())));
    }
    // Removed: the last commit that touched any of the four possible files says which.
    let candidates: Vec<String> =
        Kind::ALL.iter().map(|kind| repo.top_path(&format!("{}/{id}.toml", kind.dir()))).collect();
    Ok(gitlog::last_touched(&repo.top, &candidates)?
        .and_then(|path| repo.registry_path(&path).map(str::to_string)))
}

/// The kind of record a registry-relative path holds.
pub fn kind_of_path(rel: &str) -> Option<Kind> {
    let dir = rel.split('/').next()?;
    Kind::ALL.into_iter().find(|kind| kind.dir() == dir)
}

/// Every commit that touched the record at `rel` (registry-relative), newest first,
/// following renames, with the fields each changed. Names are replaced by [`HIDDEN`] unless
/// `with_names`. `head_has_parents`, when known, spares asking git (see `log::log_file`).
pub fn record_history(
    repo: &Repo,
    rel: &str,
    with_names: bool,
    head_has_parents: Option<bool>,
) -> Result<Vec<Entry>> {
    let mut raw: Vec<FileCommit> = Vec::new();
    let mut texts = std::collections::HashMap::new();
    let mut path = repo.top_path(rel);
    let mut from: Option<String> = None;
    // Following renames by hand rather than with `--follow`, which turns off git's
    // history simplification and with it the Bloom filters: each segment is a plain
    // `git log -- FILE`, and only a commit that adds the file is asked whether it was a rename.
    for _ in 0..64 {
        let log = gitlog::log_file(&repo.top, &path, from.as_deref(), head_has_parents)?;
        texts.extend(log.texts);
        let mut segment = log.commits;
        let Some(oldest) = segment.last() else { break };
        // A record the tool added is new; so is anything in the first commit.
        let maybe_renamed = oldest.status == 'A' && !oldest.root && !oldest.action.ends_with(".add");
        let next = if maybe_renamed { gitlog::renamed_from(&repo.top, &oldest.hash, &path)? } else { None };
        let oldest_hash = oldest.hash.clone();
        if let Some(old_path) = &next
            && let Some(oldest) = segment.last_mut()
        {
            oldest.status = 'R';
            oldest.old_path = Some(old_path.clone());
            oldest.old_blob = gitlog::blob_at(&repo.top, &format!("{oldest_hash}^"), old_path)?;
        }
        raw.append(&mut segment);
        match next {
            Some(old_path) => {
                path = old_path;
                from = Some(format!("{oldest_hash}^"));
            }
            None => break,
        }
    }

    // The log read its blobs as it went; only a rename's old blob is still to read.
    let unread: Vec<&str> = raw
        .iter()
        .flat_map(|c| [c.old_blob.as_deref(), c.new_blob.as_deref()])
        .flatten()
        .filter(|blob| !texts.contains_key(*blob))
        .collect();
    let more = gitlog::read_blobs(&repo.top, &unread)?;
    texts.extend(more);
    let text = |blob: &Option<String>| blob.as_ref().and_then(|b| texts.get(b.as_str())).map(String::as_str);

    let mut entries = Vec::with_capacity(raw.len());
    for commit in raw {
        let old_text = text(&commit.old_blob);
        let new_text = text(&commit.new_blob);
        let (fields, unparsable) = match (parse(old_text), parse(new_text)) {
            (Some(old), Some(new)) => {
                let mut fields = diff_tables("", &old, &new);
                let kind = kind_of_path(repo.registry_path(&commit.path).unwrap_or(&commit.path));
                if !with_names && matches!(kind, Some(Kind::Child | Kind::Mentor)) {
                    hide_names(&mut fields);
                }
                (fields, false)
            }
            _ => (Vec::new(), true),
        };
        let change = match commit.status {
            'A' => FileChange::Added,
            'D' => FileChange::Removed,
            'R' => FileChange::Renamed,
            _ => FileChange::Modified,
        };
        entries.push(Entry {
            renamed_from: commit.old_path.as_deref().map(|p| repo.registry_path(p).unwrap_or(p).to_string()),
            commit: commit.hash,
            date: commit.date,
            author: commit.author,
            email: commit.email,
            action: if commit.action.is_empty() { MANUAL.to_string() } else { commit.action },
            reason: commit.reason,
            record: commit.record,
            change,
            fields,
            unparsable,
        });
    }
    Ok(entries)
}

/// The parsed text of one version of a file; an absent file is an empty record, so that a
/// record's creation lists every field it was created with.
fn parse(text: Option<&str>) -> Option<toml::Table> {
    match text {
        None => Some(toml::Table::new()),
        Some(text) => toml::from_str(text).ok(),
    }
}

fn hide_names(fields: &mut [FieldChange]) {
    for change in fields {
        if is_personal(&change.field) {
            let hide = |v: &mut Option<Value>| {
                if v.is_some() {
                    *v = Some(Value::String(HIDDEN.into()));
                }
            };
            hide(&mut change.old);
            hide(&mut change.new);
        } else {
            // A whole table added or removed at once (`contacts[3]`): hide inside it.
            for value in [&mut change.old, &mut change.new].into_iter().flatten() {
                hide_inside(value);
            }
        }
    }
}

fn hide_inside(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if is_personal(key) {
                    *value = Value::String(HIDDEN.into());
                } else {
                    hide_inside(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(hide_inside),
        _ => {}
    }
}

/// The fields that differ between two parsed versions of a record, with dotted paths;
/// tables are compared key by key, arrays of tables (contacts, renewals) element by element
/// (`contacts[3].note`, or `contacts[3]` when the element was added or removed), other
/// arrays as one value. Keys come in sorted order.
pub fn diff_tables(prefix: &str, old: &toml::Table, new: &toml::Table) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        diff_values(&path, old.get(key), new.get(key), &mut out);
    }
    out
}

fn diff_values(path: &str, old: Option<&toml::Value>, new: Option<&toml::Value>, out: &mut Vec<FieldChange>) {
    use toml::Value as V;
    let empty = toml::Table::new();
    let is_table_array = |v: Option<&toml::Value>| match v {
        Some(V::Array(items)) => !items.is_empty() && items.iter().all(toml::Value::is_table),
        _ => false,
    };
    match (old, new) {
        (Some(a), Some(b)) if a == b => {}
        (Some(V::Table(a)), Some(V::Table(b))) => out.extend(diff_tables(path, a, b)),
        (Some(V::Table(a)), None) => out.extend(diff_tables(path, a, &empty)),
        (None, Some(V::Table(b))) => out.extend(diff_tables(path, &empty, b)),
        (a, b) if (is_table_array(a) || is_table_array(b)) && !matches!(a.or(b), Some(V::Table(_))) => {
            let items = |v: Option<&toml::Value>| match v {
                Some(V::Array(items)) => items.clone(),
                _ => Vec::new(),
            };
            let (a, b) = (items(a), items(b));
            for index in 0..a.len().max(b.len()) {
                let element = format!("{path}[{index}]");
                match (a.get(index), b.get(index)) {
                    (Some(V::Table(x)), Some(V::Table(y))) => out.extend(diff_tables(&element, x, y)),
                    (x, y) if x == y => {}
                    (x, y) => {
                        out.push(FieldChange { field: element, old: x.map(to_json), new: y.map(to_json) })
                    }
                }
            }
        }
        (a, b) => out.push(FieldChange { field: path.to_string(), old: a.map(to_json), new: b.map(to_json) }),
    }
}

/// A TOML value as JSON, dates as their ISO text.
pub fn to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(n) => (*n).into(),
        toml::Value::Float(x) => serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

/// One commit of the registry's recent log.
#[derive(Clone, Debug)]
pub struct LogEntry {
    pub commit: String,
    pub date: String,
    pub author: String,
    pub email: String,
    pub action: String,
    /// The `Record:` trailer, else the IDs of the record files the commit touched.
    pub records: Vec<String>,
    pub reason: Option<String>,
}

/// The last `limit` commits that touched the registry, newest first.
pub fn recent(repo: &Repo, limit: usize) -> Result<Vec<LogEntry>> {
    let scope = if repo.prefix.is_empty() { ".".to_string() } else { repo.prefix.clone() };
    let commits = gitlog::recent(&repo.top, &scope, limit)?;
    Ok(commits
        .into_iter()
        .map(|commit| {
            let records = if commit.record.is_empty() {
                commit
                    .files
                    .iter()
                    .filter_map(|file| repo.registry_path(file))
                    .filter(|rel| kind_of_path(rel).is_some())
                    .filter_map(|rel| rel.rsplit('/').next()?.strip_suffix(".toml"))
                    .map(str::to_string)
                    .collect()
            } else {
                commit.record.split(',').map(|s| s.trim().to_string()).collect()
            };
            LogEntry {
                commit: commit.hash,
                date: commit.date,
                author: commit.author,
                email: commit.email,
                action: if commit.action.is_empty() { MANUAL.to_string() } else { commit.action },
                records,
                reason: commit.reason,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> toml::Table {
        toml::from_str(text).unwrap()
    }

    fn fields(changes: &[FieldChange]) -> Vec<&str> {
        changes.iter().map(|c| c.field.as_str()).collect()
    }

    #[test]
    fn changed_fields_have_dotted_paths_and_values() {
        let old = table("id = \"c-1\"\nsettlement = \"Житомир\"\n[consent]\nchild = 2026-09-05\n");
        let new = table("id = \"c-1\"\nsettlement = \"Бердичів\"\n[consent]\nchild = 2026-09-06\n");
        let changes = diff_tables("", &old, &new);
        assert_eq!(fields(&changes), ["consent.child", "settlement"]);
        assert_eq!(changes[0].old, Some(Value::String("2026-09-05".into())));
        assert_eq!(changes[1].new, Some(Value::String("Бердичів".into())));
    }

    #[test]
    fn comments_and_layout_are_no_change() {
        let old = table("id = \"c-1\"\ninterests = [\"a\", \"b\"]\n");
        let new = table("# a note\nid = \"c-1\"\ninterests = [\n  \"a\",\n  \"b\",\n]\n");
        assert!(diff_tables("", &old, &new).is_empty());
    }

    #[test]
    fn contacts_are_compared_element_by_element() {
        let old = table("[[contacts]]\ndate = 2026-10-01\nkind = \"meeting\"\n");
        let new = table(
            "[[contacts]]\ndate = 2026-10-01\nkind = \"meeting\"\nnote = \"ok\"\n\
             [[contacts]]\ndate = 2026-10-08\nkind = \"visit\"\n",
        );
        let changes = diff_tables("", &old, &new);
        assert_eq!(fields(&changes), ["contacts[0].note", "contacts[1]"]);
        assert_eq!(changes[1].old, None);
        assert_eq!(changes[1].new.as_ref().unwrap()["kind"], "visit");
        // The first contact ever: the array appears.
        let changes = diff_tables("", &toml::Table::new(), &old);
        assert_eq!(fields(&changes), ["contacts[0]"]);
    }

    #[test]
    fn plain_lists_are_one_value_and_removed_fields_have_no_new_value() {
        let old = table("interests = [\"a\"]\nsettlement = \"X\"\n");
        let new = table("interests = [\"a\", \"b\"]\n");
        let changes = diff_tables("", &old, &new);
        assert_eq!(fields(&changes), ["interests", "settlement"]);
        assert_eq!(changes[1].new, None);
    }

    #[test]
    fn names_are_hidden() {
        let mut changes = diff_tables(
            "",
            &table("surname = \"Коваленко\"\n"),
            &table("surname = \"Коваль\"\n[consent]\nlegal_representative_name = \"Н\"\n"),
        );
        hide_names(&mut changes);
        assert_eq!(changes[0].field, "consent.legal_representative_name");
        assert_eq!(changes[0].old, None);
        assert_eq!(changes[0].new, Some(Value::String(HIDDEN.into())));
        assert_eq!(changes[1].old, Some(Value::String(HIDDEN.into())));
    }
}
