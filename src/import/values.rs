//! A cell as the text `edit::convert` takes for its field: what a centre types (labels,
//! `ДД.ММ.РРРР`, an institution's name) turned into what `add` and `set` take (codes, ISO
//! dates, IDs), or the reason it cannot be.

use crate::error::{Expected, Failure};
use crate::i18n::{Msg, vocab};
use crate::record::Kind;
use crate::record::date;
use crate::record::schema::{Field, FieldType};
use crate::registry::Registry;

use super::Value;

/// A name compared as people type it (case, spaces, apostrophes aside).
pub fn normalized_name(name: &str) -> String {
    vocab::normalize(name)
}

/// A cell as the text `edit::convert` takes for the field: dates ISO, codes for labels,
/// lists comma-separated, an institution's name as its ID.
pub fn convert(field: &Field, cell: &Value, registry: &Registry) -> std::result::Result<String, Msg> {
    if let Value::Formula(_) = cell {
        return Err(Msg::ImportFormula);
    }
    if let Value::Error(_) = cell {
        return Err(Msg::ImportNotText);
    }
    let expected = |expected: Msg| Msg::ImportExpected { expected: Box::new(expected) };
    Ok(match field.ty {
        FieldType::Date => match cell {
            Value::Date(day) => day.to_string(),
            Value::Text(text) => {
                parse_date(text).ok_or_else(|| expected(Msg::ImportExpectedDate))?.to_string()
            }
            _ => return Err(expected(Msg::ImportExpectedDate)),
        },
        FieldType::Integer => match cell {
            Value::Number(x) if x.fract() == 0.0 => format!("{x:.0}"),
            _ => {
                let text = plain_text(cell)?;
                text.parse::<i64>().map_err(|_| expected(Msg::Expected(Expected::WholeNumber)))?.to_string()
            }
        },
        FieldType::Number | FieldType::Hours => match cell {
            Value::Number(x) => x.to_string(),
            _ => {
                let text = plain_text(cell)?.replace(',', ".");
                text.parse::<f64>().map_err(|_| expected(Msg::Expected(Expected::Number)))?.to_string()
            }
        },
        FieldType::Bool => match cell {
            Value::Bool(b) => b.to_string(),
            _ => {
                let text = plain_text(cell)?;
                let values = || vocab::BOOL.iter().map(|t| t.1).collect::<Vec<_>>().join("; ");
                vocab::parse(vocab::BOOL, &text)
                    .ok_or_else(|| expected(Msg::Expected(Expected::OneOf { values: values() })))?
                    .to_string()
            }
        },
        FieldType::Choice(names) => {
            let text = plain_text(cell)?;
            choice(field.path, names, &text).ok_or_else(|| expected(one_of(field.path, names)))?.to_string()
        }
        FieldType::ChoiceList(names) => {
            let text = plain_text(cell)?;
            let mut codes = Vec::new();
            for item in split_list(&text) {
                let code = choice(field.path, names, &item)
                    .ok_or_else(|| Msg::ImportExpected { expected: Box::new(one_of(field.path, names)) })?;
                codes.push(code);
            }
            codes.join(",")
        }
        FieldType::TextList => split_list(&plain_text(cell)?).join(","),
        FieldType::Reference(Kind::Institution) => institution(registry, &plain_text(cell)?)?,
        FieldType::Reference(_) | FieldType::Text => plain_text(cell)?,
        FieldType::Note => cell_text(cell, true)?.replace("\r\n", "\n"),
        // Written by their own commands (an agreement's signed fields), never by a sheet.
        FieldType::TextMap => {
            return Err(Msg::Failure(Failure::FieldNotSettable { field: field.path.to_string() }));
        }
    })
}

/// An institution by its ID or its exact name (case and apostrophes aside).
fn institution(registry: &Registry, text: &str) -> std::result::Result<String, Msg> {
    if registry.institution(text).is_some() {
        return Ok(text.to_string());
    }
    let wanted = normalized_name(text);
    let found: Vec<&str> = registry
        .institutions
        .iter()
        .filter(|i| normalized_name(&i.name) == wanted)
        .map(|i| i.id.as_str())
        .collect();
    match found.as_slice() {
        [id] => Ok(id.to_string()),
        [] => Err(Msg::ImportUnknownInstitution { name: text.to_string() }),
        many => Err(Msg::ImportAmbiguousInstitution { name: text.to_string(), ids: many.join(", ") }),
    }
}

/// A cell's text: refused if it is a formula or holds control characters (a path, a line
/// break or a terminal escape has no place in a record's value).
pub fn plain_text(cell: &Value) -> std::result::Result<String, Msg> {
    cell_text(cell, false)
}

/// `plain_text`, where a note may also hold tabs and line breaks (as `set` allows).
fn cell_text(cell: &Value, note: bool) -> std::result::Result<String, Msg> {
    let text = match cell {
        Value::Text(text) => text.trim().to_string(),
        Value::Number(x) => crate::output::format_number(*x),
        Value::Date(day) => day.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Formula(_) => return Err(Msg::ImportFormula),
        Value::Error(_) => return Err(Msg::ImportNotText),
        Value::Empty => String::new(),
    };
    if text.starts_with('=') {
        return Err(Msg::ImportFormula);
    }
    let allowed = |c: char| note && matches!(c, '\n' | '\t');
    if text.replace("\r\n", "\n").chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(Msg::ImportControlCharacter);
    }
    Ok(text)
}

/// `ДД.ММ.РРРР` (as Ukrainians write dates) or `YYYY-MM-DD`.
fn parse_date(text: &str) -> Option<date::Date> {
    let text = text.trim();
    date::parse_iso(text).or_else(|| chrono::NaiveDate::parse_from_str(text, "%d.%m.%Y").ok())
}

fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';']).map(str::trim).filter(|item| !item.is_empty()).map(str::to_string).collect()
}

fn choice(path: &str, names: &'static [&'static str], text: &str) -> Option<&'static str> {
    if let Some(code) = vocab::vocabulary(path).and_then(|v| vocab::parse(v, text)) {
        return Some(code);
    }
    let wanted = vocab::normalize(text);
    names.iter().find(|name| vocab::normalize(name) == wanted).copied()
}

/// The accepted values, by their Ukrainian labels where they have them.
fn one_of(path: &str, names: &[&str]) -> Msg {
    let values = match vocab::vocabulary(path) {
        // `;`, not `,`: some labels hold a comma.
        Some(terms) => terms.iter().map(|t| format!("«{}»", t.1)).collect::<Vec<_>>().join("; "),
        None => names.join(", "),
    };
    Msg::Expected(Expected::OneOf { values })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_ukrainians_write_them() {
        assert_eq!(parse_date("14.03.2012").map(|d| d.to_string()), Some("2012-03-14".into()));
        assert_eq!(parse_date("2012-03-14").map(|d| d.to_string()), Some("2012-03-14".into()));
        assert_eq!(parse_date("31.02.2012"), None);
    }

    #[test]
    fn formulas_and_control_characters_are_refused() {
        assert_eq!(plain_text(&Value::Text("=1+1".into())), Err(Msg::ImportFormula));
        assert_eq!(plain_text(&Value::Text("a\u{1b}[31m".into())), Err(Msg::ImportControlCharacter));
        assert_eq!(plain_text(&Value::Number(12345678.0)), Ok("12345678".into()));
    }
}
