//! The edit pipeline of every kind of record, below the command line: `add`, `set`, `edit`
//! (the validate–write–commit after the editor), `remove`. Each reads one file, changes it,
//! validates the result (refusing errors, keeping warnings), writes and commits it under the
//! registry lock, and returns the `Change` for the caller to show.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use toml_edit::DocumentMut;

use crate::check;
use crate::diagnostic::Problem;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Failure;
use crate::error::Hint;
use crate::error::{Error, Result};
use crate::record::schema::FieldType;
use crate::record::{Kind, is_valid_id};
use crate::registry::edit::{self, Assignment};
use crate::registry::{self, record_path};
use crate::session::{Change, Session};

/// A user-given ID: refused before it can become a path (`../x`).
pub fn checked_id(id: &str) -> Result<&str> {
    if is_valid_id(id) { Ok(id) } else { Err(Problem::InvalidId { id: id.to_string() }.into()) }
}

pub fn rel_path(kind: Kind, id: &str) -> String {
    format!("{}/{id}.toml", kind.dir())
}

/// Validates `text` as the new contents of `rel`: refused if it has errors (exit 2, nothing
/// written, the problems shown on `text`); its warnings are returned.
pub fn validate(session: &Session, kind: Kind, id: &str, rel: &str, text: &str) -> Result<Vec<Diagnostic>> {
    let diagnostics =
        check::validate_record_text(&session.root, &session.config, kind, id, rel, text, session.today);
    refuse_if_errors(diagnostics, rel, text)
}

/// Refuses the write of `text` to `rel` if any problem is an error; otherwise returns the
/// problems (warnings) for the caller to show.
pub fn refuse_if_errors(diagnostics: Vec<Diagnostic>, rel: &str, text: &str) -> Result<Vec<Diagnostic>> {
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(Error::new(Failure::RefusedInvalid).with_diagnostics(diagnostics).with_source(rel, text));
    }
    Ok(diagnostics)
}

/// Refuses a second record of the same person (same surname, given name and birth date).
fn refuse_same_person(root: &Path, kind: Kind, id: &str, rel: &str, text: &str) -> Result<()> {
    if !matches!(kind, Kind::Child | Kind::Mentor) {
        return Ok(());
    }
    let Ok(table) = toml::from_str::<toml::Table>(text) else { return Ok(()) };
    let field = |key: &str| table.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let Some(birth) = table
        .get("birth_date")
        .and_then(|v| v.as_datetime())
        .and_then(|d| crate::record::date::from_toml(d).ok())
    else {
        return Ok(());
    };
    if let Some(other) =
        check::find_same_person(root, kind, id, &field("surname"), &field("given_name"), birth)
    {
        let position = crate::diagnostic::locate_key(text, "", 0, "surname");
        let diagnostic =
            Diagnostic::error(rel, "person.duplicate", Problem::DuplicatePerson { other }).at(position);
        return Err(Error::new(Failure::RefusedInvalid)
            .with_diagnostics(vec![diagnostic])
            .with_source(rel, text));
    }
    Ok(())
}

/// Reads a record's file as an editable document (the file must exist and be valid TOML).
pub fn read_document(root: &Path, kind: Kind, id: &str) -> Result<(String, DocumentMut)> {
    let (_, text) = crate::registry::read_record_text(root, kind, id)?;
    let rel = rel_path(kind, id);
    let doc = text.parse::<DocumentMut>().map_err(|err| {
        let position = err.span().map(|span| crate::diagnostic::line_col(&text, span.start));
        let diagnostic = Diagnostic::error(
            rel.clone(),
            "toml.syntax",
            Problem::TomlSyntax { detail: err.message().to_string() },
        )
        .at(position);
        Error::new(Failure::RegistryInvalid { count: 1 })
            .with_diagnostics(vec![diagnostic])
            .with_hint(Hint::RunCheck)
    })?;
    Ok((text, doc))
}

/// A new record of `kind` with the next free ID, made of `assignments` (already parsed; an
/// empty list is written out as `[]` so the file shows what can be filled in).
pub fn add(
    session: &Session,
    kind: Kind,
    mut assignments: Vec<Assignment>,
    reason: Option<&str>,
) -> Result<Change> {
    edit::schema_order(kind, &mut assignments);
    for assignment in &mut assignments {
        let is_list = matches!(assignment.field.ty, FieldType::TextList | FieldType::ChoiceList(_));
        if is_list && assignment.raw.is_empty() {
            assignment.raw = "[]".to_string();
        }
    }
    let _lock = session.lock()?;
    let id = registry::ids::next_id(&session.root, kind);
    let mut doc = DocumentMut::new();
    doc["id"] = toml_edit::value(id.as_str());
    edit::apply(&mut doc, &assignments, true)?;
    let text = doc.to_string();
    let rel = rel_path(kind, &id);
    let warnings = validate(session, kind, &id, &rel, &text)?;
    refuse_same_person(&session.root, kind, &id, &rel, &text)?;
    session.write_record(rel, text, warnings, (kind.noun(), "add"), &id, reason)
}

/// Changes fields of an existing record, keeping the file's comments; `None` when the
/// assignments change nothing.
pub fn set(
    session: &Session,
    kind: Kind,
    id: &str,
    assignments: &[Assignment],
    reason: Option<&str>,
) -> Result<Option<Change>> {
    let id = checked_id(id)?;
    let _lock = session.lock()?;
    let (old, mut doc) = read_document(&session.root, kind, id)?;
    edit::apply(&mut doc, assignments, false)?;
    let text = doc.to_string();
    if text == old {
        return Ok(None);
    }
    let rel = rel_path(kind, id);
    let warnings = validate(session, kind, id, &rel, &text)?;
    let identity = ["surname", "given_name", "birth_date"];
    if assignments.iter().any(|a| identity.contains(&a.field.path)) {
        refuse_same_person(&session.root, kind, id, &rel, &text)?;
    }
    session.write_record(rel, text, warnings, (kind.noun(), "set"), id, reason).map(Some)
}

/// Deletes a record no other record refers to, and any kept working copy of an edit of it
/// (so a later record given the same ID never inherits it).
pub fn remove(session: &Session, kind: Kind, id: &str, reason: Option<&str>) -> Result<Change> {
    let id = checked_id(id)?;
    let _lock = session.lock()?;
    if !record_path(&session.root, kind, id).is_file() {
        return Err(Failure::UnknownIdOfKind { id: id.to_string(), kind }.into());
    }
    let referrers = check::referrers(&session.root, kind, id);
    if !referrers.is_empty() {
        return Err(Failure::StillReferenced { id: id.to_string(), by: referrers.join(", ") }.into());
    }
    let change = session.delete_record(rel_path(kind, id), (kind.noun(), "remove"), id, reason)?;
    EditCopy::paths(&session.root, kind, id).discard();
    Ok(change)
}

/// The working copy an `edit` opens in the editor. It sits beside the record (never in a
/// shared temp folder: it holds children's data) and survives a failed or refused edit, so
/// no typing is lost. Beside it, the hash of the record it was taken from: a copy is resumed
/// only while the record is still that text, so an old copy never overwrites later changes.
pub struct EditCopy {
    pub kind: Kind,
    pub id: String,
    /// The copy, and its path relative to the registry (as problems name it).
    pub path: PathBuf,
    pub rel: String,
    base_path: PathBuf,
    /// The record's text when the copy was taken.
    pub original: String,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

impl EditCopy {
    fn paths(root: &Path, kind: Kind, id: &str) -> EditCopy {
        let rel = format!("{}/.{id}.edit.toml", kind.dir());
        EditCopy {
            kind,
            id: id.to_string(),
            path: root.join(&rel),
            rel,
            // `.*.edit.toml`, so the registry's .gitignore already keeps it out of git.
            base_path: root.join(format!("{}/.{id}.base.edit.toml", kind.dir())),
            original: String::new(),
        }
    }

    /// The hash of the record the kept copy was taken from, if it is known.
    fn stored_base(&self) -> Option<String> {
        let text = std::fs::read_to_string(&self.base_path).ok()?;
        let table = toml::from_str::<toml::Table>(&text).ok()?;
        table.get("base").and_then(|v| v.as_str()).map(str::to_string)
    }

    fn stale(&self) -> Error {
        Error::new(Failure::EditCopyStale { path: self.path.display().to_string(), record: self.id.clone() })
    }

    /// Removes the copy and its base (best effort: they are ours, and ignored by git).
    pub fn discard(&self) {
        let _ = std::fs::remove_file(&self.path);
        let _ = std::fs::remove_file(&self.base_path);
    }

    /// The copy's current text.
    pub fn text(&self) -> Result<String> {
        std::fs::read_to_string(&self.path).map_err(|err| Error::io(&self.path, err))
    }
}

/// Takes (or resumes) the working copy of a record for editing. A kept copy is resumed only
/// if the record has not changed since it was taken; otherwise it is refused, naming it.
pub fn start_edit(root: &Path, kind: Kind, id: &str) -> Result<EditCopy> {
    let id = checked_id(id)?;
    let path = record_path(root, kind, id);
    let original = std::fs::read_to_string(&path)
        .map_err(|_| Error::new(Failure::UnknownIdOfKind { id: id.to_string(), kind }))?;
    let mut copy = EditCopy::paths(root, kind, id);
    let base = sha256_hex(original.as_bytes());
    if copy.path.exists() {
        if copy.stored_base().as_deref() != Some(base.as_str()) {
            return Err(copy.stale());
        }
    } else {
        registry::write::write_atomic(&copy.base_path, &format!("base = \"{base}\"\n"))?;
        registry::write::write_atomic(&copy.path, &original)?;
    }
    copy.original = original;
    Ok(copy)
}

/// Validates, writes and commits the edited copy (under the lock, taken only now: never while
/// an editor is open). `None` if nothing changed. A refused edit keeps the copy.
pub fn finish_edit(session: &Session, copy: &EditCopy, reason: Option<&str>) -> Result<Option<Change>> {
    let text = copy.text()?;
    if text == copy.original {
        copy.discard();
        return Ok(None);
    }
    let (kind, id) = (copy.kind, copy.id.as_str());
    let _lock = session.lock()?;
    // The record may have changed while the editor was open (a `set`, a `sync`).
    let now = std::fs::read_to_string(record_path(&session.root, kind, id)).ok();
    if now.as_deref() != Some(copy.original.as_str()) {
        return Err(copy.stale());
    }
    let mut diagnostics = check::validate_record_text(
        &session.root,
        &session.config,
        kind,
        id,
        &copy.rel,
        &text,
        session.today,
    );
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        diagnostics.retain(|d| d.severity == Severity::Error);
        return Err(Error::new(Failure::RefusedInvalid)
            .with_diagnostics(diagnostics)
            .with_hint(Hint::EditKept { path: copy.path.display().to_string() }));
    }
    refuse_same_person(&session.root, kind, id, &copy.rel, &text)?;
    // Warnings are not shown after an edit (as before): the user has just seen the file.
    let change =
        session.write_record(rel_path(kind, id), text, Vec::new(), (kind.noun(), "edit"), id, reason)?;
    copy.discard();
    Ok(Some(change))
}
