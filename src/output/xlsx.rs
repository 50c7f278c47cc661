//! `--format xlsx`: a table as an Excel workbook. Headers are the table's (the user's
//! language), the header row is bold and frozen, columns are as wide as their text, numbers
//! are number cells and `YYYY-MM-DD` texts are date cells. Text is always written as text,
//! so a value starting with `=` stays a value and never becomes a formula.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::{Cell, Rows};
use crate::error::{Error, Failure, Result};
use crate::i18n::{Lang, vocab};

/// One table, as a sheet of the workbook.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The table with its headers in `lang`. Commands word their tables for people
    /// (`output::Labels`); a column still headed by its stable name gets the field's label
    /// here, and its codes their labels, as a person opening a workbook expects.
    pub fn of(rows: &Rows, lang: Lang) -> Sheet {
        let mut headers = Vec::new();
        let mut cells = rows.rows.clone();
        for (index, column) in rows.columns.iter().enumerate() {
            let header = rows.headers.get(index).cloned().unwrap_or_default();
            if !header.is_empty() && header != *column {
                headers.push(header);
                continue;
            }
            headers.push(vocab::column_label(column, lang));
            if let Some(terms) = vocab::vocabulary(column) {
                for row in &mut cells {
                    if let Some(Cell::Text(code)) = row.get_mut(index) {
                        *code = vocab::label(terms, code, lang).to_string();
                    }
                }
            }
        }
        Sheet { headers, rows: cells }
    }
}

/// The widest a column gets, in characters: longer text wraps in the cell's editor anyway.
const MAX_WIDTH: usize = 60;

/// The workbook's bytes: one worksheet per table.
pub fn workbook(sheets: &[Sheet], lang: Lang) -> Result<Vec<u8>> {
    let fail = |err: rust_xlsxwriter::XlsxError| Error::new(Failure::XlsxFailed { detail: err.to_string() });
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format(match lang {
        Lang::Uk => "dd.mm.yyyy",
        Lang::En => "yyyy-mm-dd",
    });
    for sheet in sheets {
        let worksheet = book.add_worksheet();
        let mut widths: Vec<usize> = sheet.headers.iter().map(|h| h.chars().count()).collect();
        for (col, header) in sheet.headers.iter().enumerate() {
            worksheet.write_string_with_format(0, col as u16, header, &bold).map_err(fail)?;
        }
        for (index, row) in sheet.rows.iter().enumerate() {
            let r = index as u32 + 1;
            for (col, cell) in row.iter().enumerate() {
                let c = col as u16;
                let width = match cell {
                    Cell::Int(n) => {
                        worksheet.write_number(r, c, *n as f64).map_err(fail)?;
                        n.to_string().len()
                    }
                    Cell::Num(x) => {
                        worksheet.write_number(r, c, *x).map_err(fail)?;
                        super::format_number(*x).len()
                    }
                    Cell::Bool(b) => {
                        worksheet.write_boolean(r, c, *b).map_err(fail)?;
                        5
                    }
                    Cell::Text(text) => match iso_date(text) {
                        Some(day) => {
                            worksheet.write_datetime_with_format(r, c, day, &date).map_err(fail)?;
                            10
                        }
                        None => {
                            worksheet.write_string(r, c, text).map_err(fail)?;
                            text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
                        }
                    },
                    Cell::Empty => 0,
                };
                if col >= widths.len() {
                    widths.resize(col + 1, 0);
                }
                widths[col] = widths[col].max(width);
            }
        }
        for (col, width) in widths.iter().enumerate() {
            // A little room for the filter button and the cell's padding.
            let width = (*width).clamp(4, MAX_WIDTH) + 2;
            worksheet.set_column_width(col as u16, width as f64).map_err(fail)?;
        }
        worksheet.set_freeze_panes(1, 0).map_err(fail)?;
        // Printed, a wide table stays one page wide and repeats its header on every page.
        worksheet.set_landscape();
        worksheet.set_print_fit_to_pages(1, 0);
        worksheet.set_repeat_rows(0, 0).map_err(fail)?;
        if !sheet.headers.is_empty() {
            let last_row = sheet.rows.len() as u32;
            let last_col = sheet.headers.len() as u16 - 1;
            worksheet.autofilter(0, 0, last_row, last_col).map_err(fail)?;
        }
    }
    book.save_to_buffer().map_err(fail)
}

/// A text that is exactly a calendar date `YYYY-MM-DD`, as an Excel date.
fn iso_date(text: &str) -> Option<ExcelDateTime> {
    let day = crate::record::date::parse_iso(text)?;
    use chrono::Datelike;
    ExcelDateTime::from_ymd(u16::try_from(day.year()).ok()?, day.month() as u8, day.day() as u8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_dates_become_date_cells() {
        assert!(iso_date("2026-11-23").is_some());
        assert!(iso_date("2026-02-30").is_none());
        assert!(iso_date("c-0001").is_none());
        assert!(iso_date("2026-11").is_none());
    }
}
