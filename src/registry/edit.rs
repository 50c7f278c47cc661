//! Field assignments (`key=value`) applied to a record's TOML document with `toml_edit`, so
//! the file keeps its comments, order and layout. Values are converted to the field's type
//! here; whether the resulting record makes sense is `check`'s job, run before writing.

use toml_edit::{DocumentMut, Item, Table, Value};

use crate::diagnostic::Problem;
use crate::error::Expected;
use crate::error::Failure;
use crate::error::{Error, Result};
use crate::record::schema::{self, Field, FieldType};
use crate::record::{Kind, Minutes, date, is_valid_id, validate};

/// `path=value` as typed by the user.
#[derive(Clone, Debug)]
pub struct Assignment {
    pub field: &'static Field,
    pub raw: String,
}

/// Parses `key=value`, naming the field and suggesting the closest one on a typo.
pub fn parse_assignment(kind: Kind, arg: &str) -> Result<Assignment> {
    let Some((path, raw)) = arg.split_once('=') else {
        return Err(Failure::BadAssignment { arg: arg.to_string() }.into());
    };
    let path = path.trim();
    let Some(field) = schema::field(kind, path) else {
        let suggestion = validate::did_you_mean(path, &schema::paths(kind));
        return Err(Failure::UnknownField { field: path.to_string(), suggestion }.into());
    };
    Ok(Assignment { field, raw: raw.trim().to_string() })
}

/// Sorts assignments into the schema's order, so that new keys land where a reader expects
/// them (top-level keys before tables).
pub fn schema_order(kind: Kind, assignments: &mut [Assignment]) {
    let position = |a: &Assignment| schema::fields(kind).iter().position(|f| f.path == a.field.path);
    assignments.sort_by_key(position);
}

/// Applies the assignments to the document. `allow_fixed` lets `add` and the life-cycle
/// commands write fields that `set` may not touch.
pub fn apply(doc: &mut DocumentMut, assignments: &[Assignment], allow_fixed: bool) -> Result<()> {
    for assignment in assignments {
        let field = assignment.field;
        if !field.settable && !allow_fixed {
            return Err(Failure::FieldNotSettable { field: field.path.to_string() }.into());
        }
        let value = convert(field, &assignment.raw)?;
        let (table_path, key) = match field.path.rsplit_once('.') {
            Some((table, key)) => (Some(table), key),
            None => (None, field.path),
        };
        let table = match table_path {
            None => doc.as_table_mut(),
            Some(name) => {
                let entry = doc.as_table_mut().entry(name).or_insert_with(|| Item::Table(Table::new()));
                match entry.as_table_mut() {
                    Some(table) => table,
                    None => return Err(Failure::FieldNotSettable { field: field.path.to_string() }.into()),
                }
            }
        };
        match value {
            Some(mut value) => {
                // Keep a comment written after the old value (`capacity = 1  # agreed in May`).
                if let Some(old) = table.get(key).and_then(Item::as_value) {
                    *value.decor_mut() = old.decor().clone();
                }
                table.insert(key, Item::Value(value));
            }
            None if field.required => {
                return Err(Failure::MissingRequired { field: field.path.to_string() }.into());
            }
            None => {
                table.remove(key);
            }
        }
    }
    // A table left empty by removals goes too, rather than leaving `[preferences]` dangling.
    let empty: Vec<String> = doc
        .as_table()
        .iter()
        .filter(|(_, item)| item.as_table().is_some_and(|t| t.is_empty()))
        .map(|(key, _)| key.to_string())
        .collect();
    for key in empty {
        doc.as_table_mut().remove(&key);
    }
    Ok(())
}

/// Converts the text after `=` to the field's TOML value; an empty text means "remove".
pub fn convert(field: &Field, raw: &str) -> Result<Option<Value>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let bad = |expected: Expected| {
        Error::new(Failure::BadFieldValue { field: field.path.to_string(), value: raw.to_string(), expected })
    };
    let text_ok = |text: &str, multiline: bool| {
        if validate::has_control(text, multiline) {
            Err(Error::new(Problem::ControlCharacters { field: field.path.to_string() }))
        } else {
            Ok(())
        }
    };
    let in_range = |number: f64| {
        if validate::in_range(field, number) {
            Ok(())
        } else {
            let (min, max) = field.range.unwrap_or((f64::MIN, f64::MAX));
            Err(Error::new(Problem::OutOfRange {
                key: field.path.to_string(),
                value: raw.to_string(),
                range: format!("{min}..={max}"),
            }))
        }
    };
    let value = match field.ty {
        FieldType::Text => {
            let text = unquote(raw);
            text_ok(&text, false)?;
            Value::from(text)
        }
        FieldType::Note => {
            let text = unquote(raw);
            text_ok(&text, true)?;
            Value::from(text)
        }
        FieldType::Date => {
            let parsed = date::parse_user(raw).ok_or_else(|| bad(Expected::Date))?;
            Value::from(toml_date(parsed))
        }
        FieldType::Integer => {
            let number = raw.parse::<i64>().map_err(|_| bad(Expected::WholeNumber))?;
            in_range(number as f64)?;
            Value::from(number)
        }
        FieldType::Number => {
            let number =
                raw.parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(|| bad(Expected::Number))?;
            in_range(number)?;
            Value::from(number)
        }
        FieldType::Hours => {
            let number =
                raw.parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(|| bad(Expected::Number))?;
            in_range(number)?;
            let time = Minutes::from_hours(number).map_err(|_| bad(Expected::WholeMinutes))?;
            Value::from(time.hours())
        }
        FieldType::Bool => Value::from(match raw {
            "true" | "yes" | "так" => true,
            "false" | "no" | "ні" => false,
            _ => return Err(bad(Expected::Bool)),
        }),
        FieldType::Choice(names) => {
            let text = unquote(raw);
            if !names.contains(&text.as_str()) {
                return Err(bad(Expected::OneOf { values: names.join(", ") }));
            }
            Value::from(text)
        }
        FieldType::TextList => {
            let items = list(field.path, raw)?;
            for item in &items {
                text_ok(item, false)?;
            }
            Value::Array(items.into_iter().collect())
        }
        FieldType::TextMap => return Err(Failure::FieldNotSettable { field: field.path.to_string() }.into()),
        FieldType::ChoiceList(names) => {
            let items = list(field.path, raw)?;
            if let Some(wrong) = items.iter().find(|item| !names.contains(&item.as_str())) {
                return Err(Error::new(Failure::BadFieldValue {
                    field: field.path.to_string(),
                    value: wrong.clone(),
                    expected: Expected::OneOf { values: names.join(", ") },
                }));
            }
            Value::Array(items.into_iter().collect())
        }
        FieldType::Reference(_) => {
            let id = unquote(raw);
            if !is_valid_id(&id) {
                return Err(Problem::InvalidId { id }.into());
            }
            Value::from(id)
        }
    };
    Ok(Some(value))
}

pub fn toml_date(date: date::Date) -> toml_edit::Datetime {
    date.to_string().parse().expect("an ISO date is a TOML date")
}

/// A value typed with its TOML quotes (`settlement="Житомир"`) means the same as without.
fn unquote(raw: &str) -> String {
    let trimmed = raw.trim();
    for quote in ['"', '\''] {
        if trimmed.len() >= 2 && trimmed.starts_with(quote) && trimmed.ends_with(quote) {
            return trimmed[1..trimmed.len() - 1].to_string();
        }
    }
    trimmed.to_string()
}

/// A list as a TOML array (`["uk", "en"]`) or comma-separated (`uk, en`).
fn list(field: &str, raw: &str) -> Result<Vec<String>> {
    if raw.starts_with('[') {
        let doc: toml::Table = toml::from_str(&format!("v = {raw}"))
            .map_err(|err| Error::new(Problem::BadValue { detail: err.message().to_string() }))?;
        let items = doc["v"].as_array().cloned().unwrap_or_default();
        return items
            .into_iter()
            .map(|item| {
                item.as_str().map(str::to_string).ok_or_else(|| {
                    let (field, value) = (field.to_string(), item.to_string());
                    Error::new(Failure::BadFieldValue { field, value, expected: Expected::Text })
                })
            })
            .collect();
    }
    Ok(raw.split(',').map(unquote).filter(|item| !item.is_empty()).collect())
}
