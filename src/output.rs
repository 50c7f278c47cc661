//! Table, CSV and JSON writers, and the one place that writes to standard output (so that a
//! closed pipe, as in `| head`, ends the program quietly instead of panicking).

pub mod json;
pub mod progress;
mod table;
pub mod terminal;
pub mod xlsx;

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::cli::{Color, Format};
use crate::error::Failure;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::i18n::vocab::{self, Term};

/// How tables leave this process, set once from the global flags (`--format xlsx`,
/// `--csv-excel`) before a command runs. Commands keep building `Rows` as for a table or CSV;
/// these settings change only how `Rows` are written, so no command needs to know about them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Settings {
    /// Tables go out as one XLSX workbook (commands build them as for `--format table`).
    pub xlsx: bool,
    /// CSV for Excel: a UTF-8 byte-order mark, `;` between fields, a decimal comma.
    pub csv_excel: bool,
    /// The language of the workbook's date format.
    pub lang: Lang,
    /// `--color`.
    pub color: Color,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

thread_local! {
    /// The tables a command has rendered while `xlsx` is set, waiting for `emit`/`deliver_bytes`
    /// to write them as the sheets of one workbook instead of the text they come with.
    static SHEETS: RefCell<Vec<xlsx::Sheet>> = const { RefCell::new(Vec::new()) };
}

/// Sets the output settings for the rest of the process (the first call wins).
pub fn configure(settings: Settings) {
    let _ = SETTINGS.set(settings);
}

pub fn settings() -> Settings {
    SETTINGS.get().copied().unwrap_or_default()
}

/// Writes `text` to standard output. A closed pipe is not an error: the reader has what it wanted.
/// With `--format xlsx`, the tables rendered so far are written as a workbook instead.
pub fn emit(text: &str) -> Result<()> {
    if settings().xlsx {
        let bytes = pending_workbook(text)?;
        refuse_terminal()?;
        return emit_bytes(&bytes);
    }
    emit_bytes(text.as_bytes())
}

/// The workbook of the tables rendered so far. A command that prints tables but printed a
/// sentence this time (`due`: nothing is due) gets the sentence as its only cell; one that
/// never prints tables was refused before it ran (`Command::prints_table`).
fn pending_workbook(text: &str) -> Result<Vec<u8>> {
    let mut sheets = SHEETS.with(|sheets| std::mem::take(&mut *sheets.borrow_mut()));
    if sheets.is_empty() {
        if text.trim().is_empty() {
            return Err(Failure::XlsxNoTable.into());
        }
        sheets.push(xlsx::Sheet { headers: vec![text.trim().to_string()], rows: Vec::new() });
    }
    xlsx::workbook(&sheets, settings().lang)
}

/// Binary output is never sent to a terminal: it would garble it and show nothing useful.
/// A command that writes before it prints (`import`) asks first.
pub fn refuse_terminal() -> Result<()> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() { Err(Failure::BinaryToTerminal.into()) } else { Ok(()) }
}

/// `emit` for bytes (a DOCX sent down a pipe).
pub fn emit_bytes(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(err) => Err(Error::write(Path::new("<stdout>"), err)),
    }
}

/// `-o -`: standard output, for every command that takes `-o`.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Sends a command's output where `-o` says: standard output (no `-o`, or `-o -`), or a file
/// written atomically. Returns the file's path when one was written.
pub fn deliver_bytes(bytes: &[u8], path: Option<&Path>) -> Result<Option<PathBuf>> {
    if settings().xlsx {
        let workbook = pending_workbook(&String::from_utf8_lossy(bytes))?;
        if path.is_none_or(is_stdout) {
            refuse_terminal()?;
        }
        return deliver_raw(&workbook, path);
    }
    deliver_raw(bytes, path)
}

fn deliver_raw(bytes: &[u8], path: Option<&Path>) -> Result<Option<PathBuf>> {
    match path {
        None => emit_bytes(bytes).map(|()| None),
        Some(path) if is_stdout(path) => emit_bytes(bytes).map(|()| None),
        Some(path) => {
            crate::registry::write::write_atomic_bytes(&output_target(path)?, bytes)?;
            Ok(Some(path.to_path_buf()))
        }
    }
}

/// The file `-o path` may replace: `path` itself when it is a regular file or does not exist
/// yet; through a symbolic link, its regular-file target (replaced, so the link keeps working).
/// Anything else (a directory, a FIFO, a device, a broken link) is refused: replacing it with
/// a regular file would break what it was, and as root would turn `/dev/null` into a file.
fn output_target(path: &Path) -> Result<PathBuf> {
    let refuse = || Error::new(Failure::OutputNotRegular { path: path.display().to_string() });
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = std::fs::canonicalize(path).map_err(|_| refuse())?;
            let is_file = std::fs::metadata(&target).is_ok_and(|meta| meta.is_file());
            if is_file { Ok(target) } else { Err(refuse()) }
        }
        Ok(meta) if meta.is_file() => Ok(path.to_path_buf()),
        Ok(_) => Err(refuse()),
        // A new file needs a name (`-o ..` or `-o dir/..` has none).
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            if path.file_name().is_some() {
                Ok(path.to_path_buf())
            } else {
                Err(refuse())
            }
        }
        Err(err) => Err(Error::write(path, err)),
    }
}

/// Rows of cells with their header, printable in any format. JSON gets objects keyed by the
/// (English, stable) column names; tables get the localized headers.
pub struct Rows {
    /// Stable English snake_case column names (CSV header, JSON keys).
    pub columns: Vec<&'static str>,
    /// Headers for the human-readable table, in the user's language.
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// One value: kept typed so that JSON gets numbers and nulls, CSV and tables get text.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Num(f64),
    Bool(bool),
    Empty,
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }

    pub fn opt(value: Option<impl ToString>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Text(v.to_string()))
    }

    pub fn display(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(x) => format_number(*x),
            Cell::Bool(b) => b.to_string(),
            Cell::Empty => String::new(),
        }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Cell::Text(text) => serde_json::Value::String(text.clone()),
            Cell::Int(n) => (*n).into(),
            Cell::Num(x) => {
                serde_json::Number::from_f64(*x).map_or(serde_json::Value::Null, serde_json::Value::Number)
            }
            Cell::Bool(b) => (*b).into(),
            Cell::Empty => serde_json::Value::Null,
        }
    }
}

pub use crate::record::hours::format_number;

/// How a command words the codes in its cells: their labels in the user's language in a table
/// (and a workbook), the stable English codes in CSV and JSON, for scripts.
#[derive(Clone, Copy, Debug)]
pub struct Labels {
    /// `None`: codes (CSV, JSON).
    lang: Option<Lang>,
}

impl Labels {
    pub fn new(format: Format, lang: Lang) -> Labels {
        Labels { lang: (format == Format::Table).then_some(lang) }
    }

    /// Whether cells are worded for people (a table, a workbook).
    pub fn for_people(self) -> bool {
        self.lang.is_some()
    }

    /// A code of `vocabulary`: its label, or the code.
    pub fn code(self, vocabulary: &'static [Term], code: &str) -> Cell {
        Cell::text(self.word(vocabulary, code))
    }

    pub fn word(self, vocabulary: &'static [Term], code: &str) -> String {
        match self.lang {
            Some(lang) => vocab::label(vocabulary, code, lang).to_string(),
            None => code.to_string(),
        }
    }

    /// Several codes in one cell: labels joined with `, ` in a table, codes with `sep` for scripts.
    pub fn codes<'a>(
        self,
        vocabulary: &'static [Term],
        codes: impl IntoIterator<Item = &'a str>,
        sep: &str,
    ) -> Cell {
        let words: Vec<String> = codes.into_iter().map(|code| self.word(vocabulary, code)).collect();
        Cell::text(words.join(if self.for_people() { ", " } else { sep }))
    }

    /// A yes/no: так/ні (yes/no) in a table, a boolean for scripts.
    pub fn yes_no(self, value: bool) -> Cell {
        match self.lang {
            Some(_) => self.code(vocab::BOOL, if value { "true" } else { "false" }),
            None => Cell::Bool(value),
        }
    }

    /// The headers of `columns`: the columns' labels in a table, their names for scripts.
    pub fn headers(self, columns: &[&'static str]) -> Vec<String> {
        columns
            .iter()
            .map(|column| match self.lang {
                // A workbook's headers are capitalised, as a spreadsheet's are.
                Some(lang) if settings().xlsx => vocab::column_label(column, lang),
                Some(lang) => vocab::table_header(column, lang),
                None => column.to_string(),
            })
            .collect()
    }
}

impl Rows {
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Table => self.table(),
            Format::Csv => self.csv(),
            Format::Json => json_string(&self.json()),
        }
    }

    /// The table as text; with `--format xlsx`, kept as a sheet of the workbook to write.
    pub fn table(&self) -> String {
        if settings().xlsx {
            SHEETS.with(|sheets| sheets.borrow_mut().push(xlsx::Sheet::of(self, settings().lang)));
            return String::new();
        }
        let rows: Vec<Vec<String>> =
            self.rows.iter().map(|row| row.iter().map(Cell::display).collect()).collect();
        table::render(&self.headers, &rows, terminal::width())
    }

    /// CSV with the stable English column names and codes; with `--csv-excel`, in the form
    /// Excel opens correctly in a Ukrainian locale (see `Settings::csv_excel`).
    pub fn csv(&self) -> String {
        self.csv_with(settings().csv_excel)
    }

    pub fn csv_with(&self, excel: bool) -> String {
        let mut writer =
            csv::WriterBuilder::new().delimiter(if excel { b';' } else { b',' }).from_writer(Vec::new());
        writer.write_record(&self.columns).expect("writing to memory");
        for row in &self.rows {
            writer
                .write_record(row.iter().map(|cell| {
                    let text = csv_safe(&cell.display()).into_owned();
                    // Excel in a Ukrainian locale reads `2.5` as a date or text, `2,5` as a number.
                    if excel && matches!(cell, Cell::Num(_)) { text.replace('.', ",") } else { text }
                }))
                .expect("writing to memory");
        }
        let text =
            String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out");
        // The byte-order mark is how Excel knows the file is UTF-8 (else it reads cp1251).
        if excel { format!("\u{feff}{text}") } else { text }
    }

    pub fn json(&self) -> serde_json::Value {
        let objects = self
            .rows
            .iter()
            .map(|row| {
                let map: serde_json::Map<String, serde_json::Value> = self
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(column, cell)| (column.to_string(), cell.json()))
                    .collect();
                serde_json::Value::Object(map)
            })
            .collect();
        serde_json::Value::Array(objects)
    }
}

/// Neutralises a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at
/// the start) by prefixing an apostrophe, OWASP's advice. Plain negative numbers stay numbers.
pub fn csv_safe(cell: &str) -> Cow<'_, str> {
    let risky = matches!(cell.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && cell.parse::<f64>().is_err() { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

pub fn json_string(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON values serialize");
    text.push('\n');
    text
}

/// Renders problems the way compilers do: `error[code]: message`, then `--> file:line:col` and
/// the source line with a marker. Files are read again here, only those with a problem on a
/// line, each once; a national registry's 50,000 warnings are read and rendered on every core.
pub fn render_diagnostics(
    diagnostics: &[crate::diagnostic::Diagnostic],
    sources: &[(String, String)],
    root: &std::path::Path,
    lang: crate::i18n::Lang,
    color: bool,
) -> String {
    use rayon::prelude::*;

    // A file is read only for a diagnostic that did not bring its line along.
    let mut wanted: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.line.is_some() && d.source.is_none())
        .map(|d| d.file.as_str())
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let texts: std::collections::HashMap<&str, Option<Cow<'_, str>>> = wanted
        .into_par_iter()
        .map(|file| {
            let text = match sources.iter().find(|(rel, _)| rel == file) {
                Some((_, text)) => Some(Cow::Borrowed(text.as_str())),
                None => crate::registry::read_relative(root, file).ok().map(Cow::Owned),
            };
            (file, text)
        })
        .collect();
    let parts: Vec<String> = diagnostics
        .par_iter()
        .map(|diagnostic| {
            let text = texts.get(diagnostic.file.as_str()).and_then(|text| text.as_deref());
            render_diagnostic(diagnostic, text, lang, color)
        })
        .collect();
    parts.concat()
}

fn render_diagnostic(
    diagnostic: &crate::diagnostic::Diagnostic,
    text: Option<&str>,
    lang: crate::i18n::Lang,
    color: bool,
) -> String {
    use crate::diagnostic::Severity;
    use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

    let word = vocab::label(
        vocab::SEVERITY,
        match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        lang,
    );
    // `помилка[code]` in Ukrainian; the code itself stays, for searching and scripts.
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    }
    .with_name(word);
    let message = diagnostic.message(lang);
    let source_line = match (diagnostic.line, diagnostic.source.as_deref(), text) {
        (Some(_), Some(source), _) => Some(source),
        (Some(line), None, Some(text)) => text.lines().nth(line - 1),
        _ => None,
    };
    let mut out = match (source_line, diagnostic.line, diagnostic.column) {
        (Some(source), Some(line), Some(column)) => {
            let start = source.char_indices().nth(column - 1).map_or(source.len(), |(i, _)| i);
            let end = source[start..].find([' ', '=']).map_or(source.len(), |n| start + n.max(1));
            let end = end.max((start + 1).min(source.len()));
            let report = &[level.primary_title(message).id(diagnostic.code).element(
                Snippet::source(source)
                    .line_start(line)
                    .path(diagnostic.file.as_str())
                    .annotation(AnnotationKind::Primary.span(start..end)),
            )];
            let renderer = if color { Renderer::styled() } else { Renderer::plain() };
            renderer.render(report)
        }
        _ => format!("{word}[{}]: {message}\n --> {}", diagnostic.code, diagnostic.file),
    };
    out.push_str("\n\n");
    out
}

/// Whether standard output gets colour (`--color`, NO_COLOR, TERM=dumb: see `terminal::color`).
pub fn use_color() -> bool {
    terminal::color(settings().color)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_but_numbers_are_not() {
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("+380 67 1"), "'+380 67 1");
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_safe("\tx"), "'\tx");
        assert_eq!(csv_safe("-3.5"), "-3.5");
        assert_eq!(csv_safe("c-0001"), "c-0001");
    }

    #[test]
    fn csv_for_excel_has_a_bom_semicolons_and_decimal_commas() {
        let rows = Rows {
            columns: vec!["id", "hours"],
            headers: Vec::new(),
            rows: vec![vec![Cell::text("Коваленко; Марія"), Cell::Num(2.5)]],
        };
        assert_eq!(rows.csv_with(true), "\u{feff}id;hours\n\"Коваленко; Марія\";2,5\n");
        assert_eq!(rows.csv_with(false), "id,hours\nКоваленко; Марія,2.5\n");
    }

    #[test]
    fn numbers_have_no_float_noise() {
        assert_eq!(format_number(4.0), "4");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(1.0 / 3.0), "0.33");
    }
}
