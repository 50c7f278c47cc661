//! A problem found in a record: where (file, line, column), a stable code, and the message.

use std::path::Path;

use serde::Serialize;

use crate::i18n::{Lang, Msg};

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
    pub msg: Msg,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, code: &'static str, msg: Msg) -> Self {
        Diagnostic { file: file.into(), line: None, column: None, code, severity: Severity::Error, msg }
    }

    pub fn warning(file: impl Into<String>, code: &'static str, msg: Msg) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, code, msg) }
    }

    pub fn at(mut self, position: Option<(usize, usize)>) -> Self {
        if let Some((line, column)) = position {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }

    pub fn message(&self, lang: Lang) -> String {
        lang.text(&self.msg)
    }

    /// The JSON shape of product.md: messages in English, the stable machine language.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "message": self.message(Lang::En),
        })
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
