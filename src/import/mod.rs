//! `import`: a centre's spreadsheet of children, mentors or institutions into the registry,
//! all or nothing. Each row becomes the text of one record — a new one with what `add` would
//! give for the columns left out, or an existing one (same ID, or same person, or same
//! institution name) with the row's non-empty cells set — validated as `add` and `set`
//! validate. Any problem in any row: nothing is written and every problem is returned with
//! its row. Otherwise every changed file is written and committed as one commit.

pub mod read;
mod values;

use std::collections::HashMap;

use toml_edit::DocumentMut;

use crate::check::{self, Severity};
use crate::error::Result;
use crate::i18n::vocab;
use crate::i18n::{Lang, Msg};
use crate::record::schema::{self, Field, FieldType};
use crate::record::validate::fold_name;
use crate::record::{Kind, is_valid_id};
use crate::registry::edit::{self, Assignment};
use crate::registry::write::{CommitMessage, Outcome, Transaction};
use crate::registry::{Registry, ids};
use crate::session::Session;
use crate::session::records::{read_document, rel_path};

pub use read::{Table, Value};

/// A problem of one row (or of the header row), where the spreadsheet shows it.
#[derive(Clone, Debug)]
pub struct Problem {
    pub row: usize,
    /// The column's header as the file has it.
    pub column: Option<String>,
    /// The cell as the file has it.
    pub value: Option<String>,
    pub msg: Msg,
}

impl Problem {
    pub fn text(&self, lang: Lang) -> String {
        lang.text(&Msg::ImportProblem {
            row: self.row,
            column: self.column.clone(),
            value: self.value.clone().filter(|v| !v.is_empty()),
            problem: lang.text(&self.msg),
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Add,
    Update,
    Unchanged,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Update => "update",
            Action::Unchanged => "unchanged",
        }
    }
}

/// What one row does.
#[derive(Clone, Debug)]
pub struct Item {
    pub row: usize,
    pub id: String,
    pub action: Action,
    /// The fields a new record was given, or the fields an update changes.
    pub fields: Vec<&'static str>,
    text: String,
}

/// What the import did (or, on a dry run, would do).
pub struct Imported {
    pub items: Vec<Item>,
    /// Problems that do not stop the import (as `add` shows warnings).
    pub warnings: Vec<Problem>,
    /// `None` on a dry run and when nothing changed.
    pub outcome: Option<Outcome>,
    pub summary: Option<String>,
}

impl Imported {
    pub fn count(&self, action: Action) -> usize {
        self.items.iter().filter(|item| item.action == action).count()
    }
}

/// Imports `table` as records of `kind`: `Ok(Err(problems))` when any row is bad (nothing
/// written). `progress(row, total)` is called as rows are checked.
pub fn import(
    session: &Session,
    kind: Kind,
    table: &Table,
    dry_run: bool,
    reason: Option<&str>,
    progress: &dyn Fn(usize, usize),
) -> Result<std::result::Result<Imported, Vec<Problem>>> {
    // Held from reading the registry to the commit: nothing may change in between.
    let _lock = session.lock()?;
    let registry = Registry::load_valid(&session.root)?;
    let mut problems = Vec::new();
    let columns = map_columns(kind, table, &mut problems);
    let mut planner = Planner::new(session, kind, &registry, table.header_row);
    let total = table.rows.len();
    for (index, (row, cells)) in table.rows.iter().enumerate() {
        progress(index + 1, total);
        planner.row(*row, cells, &columns, &mut problems);
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.row);
        return Ok(Err(problems));
    }
    let Planner { items, warnings, .. } = planner;
    let changed: Vec<&Item> = items.iter().filter(|item| item.action != Action::Unchanged).collect();
    if dry_run || changed.is_empty() {
        return Ok(Ok(Imported { items, warnings, outcome: None, summary: None }));
    }
    let mut transaction = Transaction::default();
    for item in &changed {
        transaction.write(rel_path(kind, &item.id), item.text.clone());
    }
    let ids: Vec<&str> = changed.iter().map(|item| item.id.as_str()).collect();
    let message = session.commit.then(|| CommitMessage {
        noun: kind.noun(),
        action: "import",
        record: ids.join(", "),
        reason: reason.map(str::to_string),
    });
    let outcome = transaction.apply(&session.root, message.as_ref())?;
    let summary = message.as_ref().map(CommitMessage::summary);
    Ok(Ok(Imported { items, warnings, outcome: Some(outcome), summary }))
}

/// What a column holds.
#[derive(Clone, Copy)]
enum Column {
    Id,
    Field(&'static Field),
    /// A column without a header: nothing to import from it.
    Ignored,
}

/// The header each column's field is known by: its labels and its key.
fn names(kind: Kind) -> Vec<(String, &'static Field)> {
    let terms = vocab::field_terms(kind);
    let mut names = Vec::new();
    // Fields under `[]` (an agreement's contacts) and maps are written by their own commands.
    let importable =
        |f: &&Field| f.path != "id" && !f.path.contains("[]") && !matches!(f.ty, FieldType::TextMap);
    for field in schema::fields(kind).iter().filter(importable) {
        names.push((vocab::normalize(field.path), field));
        for (path, uk, en) in &terms {
            if *path == field.path {
                names.push((vocab::normalize(uk), field));
                names.push((vocab::normalize(en), field));
            }
        }
    }
    names
}

/// Whether `header` names a column of `kind` (a field or the ID).
pub fn is_column(kind: Kind, header: &str) -> bool {
    let wanted = vocab::normalize(header);
    ID_HEADERS.contains(&wanted.as_str()) || names(kind).iter().any(|(name, _)| *name == wanted)
}

const ID_HEADERS: [&str; 3] = ["id", "ід", "ідентифікатор"];

fn map_columns(kind: Kind, table: &Table, problems: &mut Vec<Problem>) -> Vec<(Column, String)> {
    let names = names(kind);
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let mut columns = Vec::new();
    for header in &table.headers {
        let wanted = vocab::normalize(header);
        let column = if wanted.is_empty() {
            Column::Ignored
        } else if ID_HEADERS.contains(&wanted.as_str()) {
            Column::Id
        } else if let Some((_, field)) = names.iter().find(|(name, _)| *name == wanted) {
            Column::Field(field)
        } else {
            let labels: Vec<&str> = vocab::field_terms(kind).iter().map(|t| t.1).collect();
            let suggestion = crate::registry::did_you_mean(header, &labels);
            problems.push(Problem {
                row: table.header_row,
                column: Some(header.clone()),
                value: None,
                msg: Msg::ImportUnknownColumn { header: header.clone(), suggestion },
            });
            Column::Ignored
        };
        let key = match column {
            Column::Id => "id",
            Column::Field(field) => field.path,
            Column::Ignored => "",
        };
        if !key.is_empty() && seen.insert(key, header).is_some() {
            problems.push(Problem {
                row: table.header_row,
                column: Some(header.clone()),
                value: None,
                msg: Msg::ImportDuplicateColumn { header: header.clone() },
            });
        }
        columns.push((column, header.clone()));
    }
    columns
}

/// Who a person is, for matching rows to records: surname, given name, birth date, compared
/// as `check`'s `person.duplicate` compares them (case, invisible characters and Latin
/// look-alikes aside: `fold_name`).
type PersonKey = (String, String, String);

fn person_key(surname: &str, given_name: &str, birth_date: &str) -> PersonKey {
    let fold = |name: &str| fold_name(name).collect::<String>();
    (fold(surname), fold(given_name), birth_date.trim().to_string())
}

struct Planner<'a> {
    session: &'a Session,
    kind: Kind,
    registry: &'a Registry,
    /// Existing records by identity (person key, or an institution's normalized name).
    existing: HashMap<PersonKey, String>,
    /// Identities already claimed by a row of this file, with the row.
    claimed: HashMap<PersonKey, usize>,
    claimed_ids: HashMap<String, usize>,
    next_number: u64,
    width: usize,
    header_row: usize,
    /// Required columns the file lacks, reported once.
    absent_reported: std::collections::HashSet<&'static str>,
    items: Vec<Item>,
    warnings: Vec<Problem>,
}

impl<'a> Planner<'a> {
    fn new(session: &'a Session, kind: Kind, registry: &'a Registry, header_row: usize) -> Planner<'a> {
        let mut existing = HashMap::new();
        match kind {
            Kind::Child => {
                for c in &registry.children {
                    existing.insert(
                        person_key(&c.surname, &c.given_name, &c.birth_date.to_string()),
                        c.id.clone(),
                    );
                }
            }
            Kind::Mentor => {
                for m in &registry.mentors {
                    existing.insert(
                        person_key(&m.surname, &m.given_name, &m.birth_date.to_string()),
                        m.id.clone(),
                    );
                }
            }
            _ => {
                for i in &registry.institutions {
                    existing.insert(institution_key(&i.name), i.id.clone());
                }
            }
        }
        // New IDs continue from the next free one, as `add` would give them one by one.
        let first = ids::next_id(&session.root, kind);
        let digits = first.rsplit('-').next().unwrap_or("1");
        let next_number = digits.parse().unwrap_or(1);
        Planner {
            session,
            kind,
            registry,
            existing,
            claimed: HashMap::new(),
            claimed_ids: HashMap::new(),
            next_number,
            width: digits.len(),
            header_row,
            absent_reported: Default::default(),
            items: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn row(
        &mut self,
        row: usize,
        cells: &[Value],
        columns: &[(Column, String)],
        problems: &mut Vec<Problem>,
    ) {
        let before = problems.len();
        let mut id_cell: Option<(String, String)> = None;
        // (field, value for `edit::convert`, header, cell as shown)
        let mut values: Vec<(&'static Field, String, String, String)> = Vec::new();
        for (index, (column, header)) in columns.iter().enumerate() {
            let cell = cells.get(index).unwrap_or(&Value::Empty);
            if cell.is_empty() {
                continue;
            }
            let problem =
                |msg: Msg| Problem { row, column: Some(header.clone()), value: Some(cell.shown()), msg };
            match column {
                Column::Ignored => {}
                Column::Id => match values::plain_text(cell) {
                    Ok(text) => id_cell = Some((text, header.clone())),
                    Err(msg) => problems.push(problem(msg)),
                },
                Column::Field(field) => match values::convert(field, cell, self.registry) {
                    Ok(raw) => values.push((field, raw, header.clone(), cell.shown())),
                    Err(msg) => problems.push(problem(msg)),
                },
            }
        }
        if problems.len() > before {
            return;
        }
        let value_of = |path: &str| values.iter().find(|v| v.0.path == path).map(|v| v.1.clone());
        // Which record the row is: its ID, else the same person (institution) on the registry.
        let target = match id_cell {
            Some((id, header)) => {
                if !is_valid_id(&id) {
                    problems.push(Problem {
                        row,
                        column: Some(header),
                        value: Some(id.clone()),
                        msg: Msg::Problem(crate::diagnostic::Problem::InvalidId { id }),
                    });
                    return;
                }
                if !self.exists(&id) {
                    let msg = Msg::ImportUnknownId { id: id.clone(), kind: self.kind };
                    problems.push(Problem { row, column: Some(header), value: Some(id), msg });
                    return;
                }
                Some(id)
            }
            None => self.identity(&value_of).and_then(|key| self.existing.get(&key).cloned()),
        };
        if let Some(id) = &target
            && let Some(first) = self.claimed_ids.insert(id.clone(), row)
        {
            problems.push(Problem {
                row,
                column: None,
                value: Some(id.clone()),
                msg: Msg::ImportSameRowPerson { row: first },
            });
            return;
        }
        if target.is_none() {
            // Every required field a new record lacks, not only the first the parser meets.
            let defaults = add_defaults(self.kind, "");
            let missing: Vec<&'static str> = schema::fields(self.kind)
                .iter()
                // A required key of a table (`closure.date`) is required only with its table.
                .filter(|f| f.required && f.path != "id" && !f.path.contains('.'))
                .filter(|f| {
                    !values.iter().any(|v| v.0.path == f.path) && !defaults.iter().any(|d| d.0 == f.path)
                })
                .map(|f| f.path)
                .collect();
            if !missing.is_empty() {
                for field in missing {
                    let has_column =
                        columns.iter().any(|(c, _)| matches!(c, Column::Field(f) if f.path == field));
                    if has_column {
                        let msg = Msg::ImportMissingValue { kind: self.kind, field };
                        problems.push(Problem { row, column: None, value: None, msg });
                    } else if self.absent_reported.insert(field) {
                        // Once, at the header, rather than on every row.
                        let msg = Msg::ImportMissingColumn { kind: self.kind, field };
                        problems.push(Problem { row: self.header_row, column: None, value: None, msg });
                    }
                }
                return;
            }
        }
        let result = match &target {
            Some(id) => self.update(id, &values),
            None => self.add(&values),
        };
        let (id, action, text, fields) = match result {
            Ok(planned) => planned,
            Err(err) => {
                problems.push(Problem {
                    row,
                    column: None,
                    value: None,
                    msg: Msg::Failure(err.failure.clone()),
                });
                return;
            }
        };
        // The same person twice in the file, or a changed identity that is someone else's.
        if let Some(key) = self.identity_of_text(&text) {
            if let Some(first) = self.claimed.insert(key.clone(), row) {
                problems.push(Problem {
                    row,
                    column: None,
                    value: None,
                    msg: Msg::ImportSameRowPerson { row: first },
                });
                return;
            }
            if let Some(other) = self.existing.get(&key).filter(|other| **other != id) {
                problems.push(Problem {
                    row,
                    column: None,
                    value: None,
                    msg: Msg::Problem(crate::diagnostic::Problem::DuplicatePerson { other: other.clone() }),
                });
                return;
            }
        }
        if action != Action::Unchanged {
            let rel = rel_path(self.kind, &id);
            let s = self.session;
            let diagnostics =
                check::validate_record_text(&s.root, &s.config, self.kind, &id, &rel, &text, s.today);
            for diagnostic in diagnostics {
                // The column and cell the problem is about: the key on the problem's line.
                let key = diagnostic.line.and_then(|line| text.lines().nth(line - 1)).and_then(line_key);
                let cell = key.and_then(|key| {
                    values.iter().find(|v| v.0.path == key || v.0.path.ends_with(&format!(".{key}")))
                });
                let problem = Problem {
                    row,
                    column: cell.map(|v| v.2.clone()),
                    value: cell.map(|v| v.3.clone()),
                    msg: Msg::Problem(diagnostic.problem.clone()),
                };
                match diagnostic.severity {
                    Severity::Error => problems.push(problem),
                    Severity::Warning => self.warnings.push(problem),
                }
            }
        }
        self.items.push(Item { row, id, action, fields, text });
    }

    fn exists(&self, id: &str) -> bool {
        match self.kind {
            Kind::Child => self.registry.child(id).is_some(),
            Kind::Mentor => self.registry.mentor(id).is_some(),
            Kind::Institution => self.registry.institution(id).is_some(),
            Kind::Agreement => false,
        }
    }

    /// The identity a row gives, when it gives all of it.
    fn identity(&self, value_of: &dyn Fn(&str) -> Option<String>) -> Option<PersonKey> {
        match self.kind {
            Kind::Child | Kind::Mentor => {
                Some(person_key(&value_of("surname")?, &value_of("given_name")?, &value_of("birth_date")?))
            }
            _ => Some(institution_key(&value_of("name")?)),
        }
    }

    fn identity_of_text(&self, text: &str) -> Option<PersonKey> {
        let table = toml::from_str::<toml::Table>(text).ok()?;
        let get =
            |key: &str| table.get(key).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string));
        self.identity(&get)
    }

    /// A new record: `add`'s defaults, then the row's values, with the next free ID.
    fn add(
        &mut self,
        values: &[(&'static Field, String, String, String)],
    ) -> Result<(String, Action, String, Vec<&'static str>)> {
        let mut assignments: Vec<Assignment> = Vec::new();
        for (path, raw) in add_defaults(self.kind, &self.session.today.to_string()) {
            let field = schema::field(self.kind, path).expect("a default names a schema field");
            assignments.push(Assignment { field, raw: raw.to_string() });
        }
        for (field, raw, _, _) in values {
            assignments.retain(|a| a.field.path != field.path);
            assignments.push(Assignment { field, raw: raw.clone() });
        }
        edit::schema_order(self.kind, &mut assignments);
        for assignment in &mut assignments {
            let is_list = matches!(assignment.field.ty, FieldType::TextList | FieldType::ChoiceList(_));
            if is_list && assignment.raw.is_empty() {
                assignment.raw = "[]".to_string();
            }
        }
        let id = format!("{}-{:0width$}", self.kind.id_prefix(), self.next_number, width = self.width);
        self.next_number += 1;
        let mut doc = DocumentMut::new();
        doc["id"] = toml_edit::value(id.as_str());
        edit::apply(&mut doc, &assignments, true)?;
        let fields = values.iter().map(|v| v.0.path).collect();
        Ok((id, Action::Add, doc.to_string(), fields))
    }

    /// An existing record with the row's non-empty cells set, keeping its comments.
    fn update(
        &self,
        id: &str,
        values: &[(&'static Field, String, String, String)],
    ) -> Result<(String, Action, String, Vec<&'static str>)> {
        let (old, mut doc) = read_document(&self.session.root, self.kind, id)?;
        let before = toml::from_str::<toml::Table>(&old).unwrap_or_default();
        // A name that matched the record case-insensitively keeps the registry's spelling:
        // `KOVAL` in a spreadsheet found Koval, it does not rename her.
        let same_name = |field: &Field, raw: &str| {
            ["surname", "given_name", "name"].contains(&field.path)
                && lookup(&before, field.path)
                    .and_then(|v| v.as_str())
                    .is_some_and(|old| fold_name(old).eq(fold_name(raw)))
        };
        let assignments: Vec<Assignment> = values
            .iter()
            .filter(|(field, raw, _, _)| !same_name(field, raw))
            .map(|(field, raw, _, _)| Assignment { field, raw: raw.clone() })
            .collect();
        edit::apply(&mut doc, &assignments, false)?;
        let text = doc.to_string();
        if text == old {
            return Ok((id.to_string(), Action::Unchanged, text, Vec::new()));
        }
        let after = toml::from_str::<toml::Table>(&text).unwrap_or_default();
        let fields = values
            .iter()
            .map(|v| v.0.path)
            .filter(|path| lookup(&before, path) != lookup(&after, path))
            .collect();
        Ok((id.to_string(), Action::Update, text, fields))
    }
}

fn institution_key(name: &str) -> PersonKey {
    (values::normalized_name(name), String::new(), String::new())
}

/// What `add` gives a field its flags leave out (`cmd/record.rs`, `AddFields`): the same
/// file comes out of `add` and of a one-row import.
fn add_defaults(kind: Kind, today: &str) -> Vec<(&'static str, String)> {
    let lists =
        [("languages", "uk".to_string()), ("interests", String::new()), ("goal_areas", String::new())];
    match kind {
        Kind::Child => lists.into_iter().chain([("registered_on", today.to_string())]).collect(),
        Kind::Mentor => lists
            .into_iter()
            .chain([
                ("citizenship", "UA".to_string()),
                ("legal_capacity", "true".to_string()),
                ("availability", String::new()),
                ("capacity", "1".to_string()),
                ("applied_on", today.to_string()),
            ])
            .collect(),
        _ => Vec::new(),
    }
}

/// The key on a line of TOML (`birth_date = …` → `birth_date`).
fn line_key(line: &str) -> Option<String> {
    let (key, _) = line.split_once('=')?;
    Some(key.trim().to_string())
}

fn lookup<'t>(table: &'t toml::Table, path: &str) -> Option<&'t toml::Value> {
    let mut parts = path.split('.');
    let mut value = table.get(parts.next()?)?;
    for part in parts {
        value = value.get(part)?;
    }
    Some(value)
}
