//! A problem found in a record: where (file, line, column), a stable code, and what it is
//! (`Problem`, with its values). Worded by `i18n`, never here.

use std::path::Path;

use serde::Serialize;

use crate::record::Kind;
use crate::record::date::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Relative to the registry, with `/` separators (`children/c-0001.toml`).
    pub file: String,
    /// 1-based; `None` where no position applies (a missing file, a cross-record problem).
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Stable, English, dotted (`ref.unknown`): scripts match on it.
    pub code: &'static str,
    pub severity: Severity,
    pub problem: Problem,
    /// The text of the line `line` points at, when it was at hand where the finding was
    /// placed (the places cache keeps it): shown under the message without reading the file.
    pub source: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, code: &'static str, problem: Problem) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            code,
            severity: Severity::Error,
            problem,
            source: None,
        }
    }

    pub fn warning(file: impl Into<String>, code: &'static str, problem: Problem) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, code, problem) }
    }

    pub fn at(mut self, position: Option<(usize, usize)>) -> Self {
        if let Some((line, column)) = position {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }

    /// Sort key: file, then position, then code, so output is stable.
    pub fn sort_key(&self) -> (&str, usize, usize, &'static str) {
        (&self.file, self.line.unwrap_or(0), self.column.unwrap_or(0), self.code)
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Finds where `key` is assigned inside the table `table` (`""` for the top level,
/// `"consent"`, or `"contacts"` with `index` for the n-th `[[contacts]]`), for diagnostics
/// about a field whose value is well-formed but wrong; with an empty `key`, the table itself.
/// From toml_edit's spans, so any layout (dotted keys, inline tables) is found.
pub fn locate_key(text: &str, table: &str, index: usize, key: &str) -> Option<(usize, usize)> {
    Locator::new(text).key(table, index, key)
}

/// One file parsed once for placing several findings (only files with findings pay for it).
pub struct Locator<'a> {
    text: &'a str,
    doc: Option<toml_edit::Document<&'a str>>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator { text, doc: toml_edit::Document::parse(text).ok() }
    }

    /// See [`locate_key`].
    pub fn key(&self, table: &str, index: usize, key: &str) -> Option<(usize, usize)> {
        let container = table_at(self.doc.as_ref()?.as_item(), table, index)?;
        let span = if key.is_empty() {
            None
        } else {
            container.as_table_like().and_then(|t| t.key(key)).and_then(toml_edit::Key::span)
        };
        span.or_else(|| container.span()).map(|s| line_col(self.text, s.start))
    }
}

/// Where the header of `table` (or its `index`-th array element) is.
pub fn locate_table(text: &str, table: &str, index: usize) -> Option<(usize, usize)> {
    let doc = toml_edit::Document::parse(text).ok()?;
    table_at(doc.as_item(), table, index)?.span().map(|s| line_col(text, s.start))
}

/// The table at a dotted path, or the `index`-th table of an array of tables there.
fn table_at<'a>(root: &'a toml_edit::Item, table: &str, index: usize) -> Option<&'a toml_edit::Item> {
    if table.is_empty() {
        return Some(root);
    }
    let item = table.split('.').try_fold(root, |item, key| item.get(key))?;
    match item {
        toml_edit::Item::ArrayOfTables(_) => item.get(index),
        _ => Some(item),
    }
}

/// Relative file name with `/` separators for a path inside the registry.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "a = 1\nприз = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, text.find('=').unwrap()), (1, 3));
    }

    #[test]
    fn locate_key_finds_keys_in_tables_and_arrays() {
        let text = "id = \"a\"\n[consent]\nchild = 2026-01-01\n[[contacts]]\ndate = 2026-01-02\n[[contacts]]\ndate = 2026-01-03\n";
        assert_eq!(locate_key(text, "", 0, "id"), Some((1, 1)));
        assert_eq!(locate_key(text, "consent", 0, "child"), Some((3, 1)));
        assert_eq!(locate_key(text, "contacts", 1, "date"), Some((7, 1)));
    }
}

/// What is wrong, with the values the message needs: check's and the parser's own account of
/// a problem. The presentation layer (`i18n`) says it in the user's language.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// `check`: the child's institution is not their active agreement's.
    InstitutionDiffers {
        child_institution: String,
        child: String,
        institution: String,
    },
    /// `check`: an agreement without `institution` where one is required (the child is not in
    /// a family placement, or the institution `signs` among its parties).
    InstitutionMissing {
        child: String,
        signs: bool,
    },
    /// `check`: an agreement still running past its planned end.
    PastTerm {
        ends_on: String,
    },
    /// `check`: suspended for long without a decision.
    SuspensionUndecided {
        since: String,
        days: i64,
    },
    /// An active agreement's centre check-in was due by `due` (the last one, if any).
    CheckinOverdue {
        due: Date,
        last: Option<Date>,
    },
    TomlSyntax {
        detail: String,
    },
    UnknownKey {
        key: String,
        suggestion: Option<String>,
    },
    MissingKey {
        key: String,
    },
    BadValue {
        detail: String,
    },
    BadEnumValue {
        value: String,
        expected: String,
    },
    BadDate {
        detail: String,
    },
    IdMismatch {
        id: String,
        stem: String,
    },
    InvalidId {
        id: String,
    },
    InvalidFileName {
        name: String,
    },
    UnknownReference {
        field: String,
        id: String,
        kind: Kind,
    },
    DuplicatePerson {
        other: String,
    },
    DuplicateId {
        other: String,
    },
    DateOrder {
        later: String,
        later_date: String,
        earlier: String,
        earlier_date: String,
    },
    DateInFuture {
        field: String,
        date: String,
    },
    ContactBeforeSigning {
        date: String,
        signed_on: String,
    },
    ContactOutsideAgreement {
        date: String,
    },
    SeveralOpenAgreements {
        child: String,
        others: String,
    },
    MentorOverCapacity {
        mentor: String,
        open: usize,
        capacity: u32,
    },
    BadLanguageCode {
        code: String,
    },
    BadEdrpou {
        value: String,
    },
    BadCitizenship {
        value: String,
    },
    EmptyField {
        field: String,
    },
    HoursPerContact {
        hours: String,
    },
    OutOfRange {
        key: String,
        value: String,
        range: String,
    },
    ControlCharacters {
        field: String,
    },
    NotRegularFile,
    SchemaVersion {
        found: u32,
    },
    SignedWithoutDate,
    ActiveWithoutSignatures,
    ClosedWithoutClosure,
    ClosureWithoutClosedStatus,
    RegimeMismatch {
        regime: String,
        expected: String,
    },
    ReadFailed {
        detail: String,
    },
    /// `check`: a record file or the repository is readable by others than its owner.
    FilePermissions {
        path: String,
    },
    PartyIneligible {
        kind: Kind,
        id: String,
        regime: String,
        code: &'static str,
        detail: Box<crate::rules::Finding>,
    },
    DocumentExpiring {
        which: &'static str,
        expires: String,
    },
    ParticularsMissing {
        agreement: String,
        field: &'static str,
    },
    OutingNeedsConsents {
        missing: String,
    },
}
