//! Reading a spreadsheet into rows of cells, each with the row number the spreadsheet shows:
//! XLSX (and the other formats `calamine` reads) by its content, anything else as CSV in
//! UTF-8, with or without a byte-order mark, `,` or `;` between fields (detected).

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};

use crate::error::{Error, Failure, Result};
use crate::record::date::Date;

/// One cell as the file holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
    Bool(bool),
    /// A formula cell of a workbook (its text): refused, the value is what the centre means.
    Formula(String),
    /// An error cell (`#N/A`).
    Error(String),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the user sees it, for messages.
    pub fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(text) => text.clone(),
            Value::Number(x) => crate::output::format_number(*x),
            Value::Date(day) => day.format("%d.%m.%Y").to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Formula(text) => format!("={}", text.trim_start_matches('=')),
            Value::Error(text) => text.clone(),
        }
    }
}

/// The header row and the data rows below it (empty rows left out).
#[derive(Debug, Default)]
pub struct Table {
    /// The header row's number (1 for a file that starts with it).
    pub header_row: usize,
    pub headers: Vec<String>,
    /// (row number as the spreadsheet shows it, cells by column)
    pub rows: Vec<(usize, Vec<Value>)>,
}

/// Reads `path`: a workbook (its `sheet`, else the first) or a CSV file. The header row is
/// the first row naming a `known` column (rows above it — a title, a date — are skipped),
/// else the first row that is not empty.
pub fn read(path: &Path, sheet: Option<&str>, known: &dyn Fn(&str) -> bool) -> Result<Table> {
    let bytes = std::fs::read(path).map_err(|err| Error::io(path, err))?;
    let unreadable =
        |detail: String| Error::new(Failure::ImportUnreadable { path: path.display().to_string(), detail });
    // A zip (XLSX, ODS) or an OLE file (XLS), whatever the file is called.
    let cells = if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        read_workbook(bytes, sheet, &unreadable)?
    } else {
        read_csv(path, &bytes, &unreadable)?
    };
    let mut rows: Vec<_> =
        cells.into_iter().filter(|(_, cells)| cells.iter().any(|c| !c.is_empty())).collect();
    if rows.is_empty() {
        return Err(Failure::ImportEmpty { path: path.display().to_string() }.into());
    }
    let names_a_column = |cells: &[Value]| cells.iter().any(|cell| known(cell.shown().trim()));
    let at = rows.iter().position(|(_, cells)| names_a_column(cells)).unwrap_or(0);
    let mut rows = rows.split_off(at).into_iter();
    let (header_row, header) = rows.next().expect("a row at the header's place");
    let headers = header.iter().map(|cell| cell.shown().trim().to_string()).collect();
    Ok(Table { header_row, headers, rows: rows.collect() })
}

type Unreadable<'a> = &'a dyn Fn(String) -> Error;

fn read_workbook(
    bytes: Vec<u8>,
    sheet: Option<&str>,
    unreadable: Unreadable,
) -> Result<Vec<(usize, Vec<Value>)>> {
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.trim().to_lowercase() == wanted.trim().to_lowercase())
            .cloned()
            .ok_or_else(|| {
                Error::new(Failure::ImportNoSheet { sheet: wanted.to_string(), sheets: names.join(", ") })
            })?,
        None => names.first().cloned().ok_or_else(|| unreadable("no sheets".to_string()))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| unreadable(e.to_string()))?;
    // Formulas are read apart from values; a workbook without them may not answer at all.
    let formulas = book.worksheet_formula(&name).ok();
    let Some((top, left)) = range.start() else { return Ok(Vec::new()) };
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let r = top + i as u32;
        // Columns keep their place: a sheet whose table starts in column B still has A.
        let mut cells = vec![Value::Empty; left as usize];
        for (j, data) in row.iter().enumerate() {
            let c = left + j as u32;
            let formula = formulas.as_ref().and_then(|f| f.get_value((r, c))).filter(|f| !f.is_empty());
            cells.push(match formula {
                Some(formula) => Value::Formula(formula.clone()),
                None => value_of(data),
            });
        }
        rows.push((r as usize + 1, cells));
    }
    Ok(rows)
}

fn value_of(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(text) => Value::Text(text.clone()),
        Data::Int(n) => Value::Number(*n as f64),
        Data::Float(x) => Value::Number(*x),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => match dt.as_datetime() {
            Some(moment) => Value::Date(moment.date()),
            None => Value::Number(dt.as_f64()),
        },
        Data::DateTime(dt) => Value::Number(dt.as_f64()),
        Data::DateTimeIso(text) => match crate::record::date::parse_iso(text.get(..10).unwrap_or(text)) {
            Some(day) => Value::Date(day),
            None => Value::Text(text.clone()),
        },
        Data::DurationIso(text) => Value::Text(text.clone()),
        Data::Error(err) => Value::Error(err.to_string()),
    }
}

fn read_csv(path: &Path, bytes: &[u8], unreadable: Unreadable) -> Result<Vec<(usize, Vec<Value>)>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Excel's plain "CSV" in a Ukrainian locale is windows-1251.
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Error::new(Failure::ImportNotUtf8 { path: path.display().to_string() }))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| unreadable(e.to_string()))?;
        let cells = record
            .iter()
            .map(|cell| if cell.trim().is_empty() { Value::Empty } else { Value::Text(unsafe_prefix(cell)) })
            .collect();
        // A spreadsheet shows each record as one row, even one with a line break in a cell.
        rows.push((index + 1, cells));
    }
    Ok(rows)
}

/// `;` when the header line has more semicolons than commas outside quotes (Excel in a
/// Ukrainian locale), else `,`.
fn delimiter(text: &str) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\n' if !quoted => break,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// Undoes the apostrophe our own CSV puts before a cell a spreadsheet would run
/// (`'=…`, `'+380…`), so a file exported and edited comes back as it was.
fn unsafe_prefix(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_one_the_header_uses() {
        assert_eq!(delimiter("Прізвище;Ім'я;\"a,b\"\nx,y,z"), b';');
        assert_eq!(delimiter("surname,given_name\n"), b',');
        assert_eq!(delimiter("\"a;b\",c\n"), b',');
    }
}
