//! The schema walk: validates a record file's `toml_edit` document against the schema of its
//! kind in one pass, with exact positions from toml_edit's spans. It runs for files serde
//! refuses, and for valid files the cheap typed screen (`record::validate::Screen`) flags
//! (numbers out of range, text that may hide control characters); the hot path of a valid file
//! is serde alone.

use std::ops::Range;

use toml_edit::{Item, TableLike, Value};

use crate::diagnostic::Problem;
use crate::record::Kind;
use crate::record::schema::{Field, FieldType, fields};
use crate::record::validate::{did_you_mean, has_control, in_range};

/// One problem of a file: where (a byte span of the text), a stable code, the message.
#[derive(Clone, Debug)]
pub struct Violation {
    pub span: Option<Range<usize>>,
    pub code: &'static str,
    pub problem: Problem,
}

/// Every schema problem of a parsed document of `kind`.
pub fn validate(kind: Kind, doc: &toml_edit::Document<&str>) -> Vec<Violation> {
    let mut out = Vec::new();
    walk(fields(kind), "", doc.as_table(), Some(0..0), &mut out);
    out
}

fn walk(
    all: &[Field],
    prefix: &str,
    table: &dyn TableLike,
    header: Option<Range<usize>>,
    out: &mut Vec<Violation>,
) {
    // The names this level knows: the first segment of every path under the prefix.
    let mut names: Vec<&str> = all
        .iter()
        .filter_map(|f| f.path.strip_prefix(prefix))
        .map(|rest| rest.split(['.', '[']).next().unwrap_or(rest))
        .collect();
    names.dedup();
    for (key, item) in table.iter() {
        let key_span = table.key(key).and_then(|k| k.span());
        let full = format!("{prefix}{key}");
        if let Some(field) = all.iter().find(|f| f.path == full) {
            check_value(field, item, out);
        } else if all.iter().any(|f| f.path.starts_with(&format!("{full}."))) {
            match item.as_table_like() {
                Some(inner) => walk(all, &format!("{full}."), inner, item.span().or(key_span), out),
                None => out.push(type_problem(&full, item, "a table")),
            }
        } else if all.iter().any(|f| f.path.starts_with(&format!("{full}[]."))) {
            let inner = format!("{full}[].");
            match item {
                Item::ArrayOfTables(array) => {
                    for element in array.iter() {
                        walk(all, &inner, element, element.span(), out);
                    }
                }
                Item::Value(Value::Array(array)) => {
                    for element in array.iter() {
                        match element.as_inline_table() {
                            Some(t) => walk(all, &inner, t, element.span(), out),
                            None => out.push(Violation {
                                span: element.span(),
                                code: "schema.type",
                                problem: Problem::BadValue { detail: format!("`{full}`: expected a table") },
                            }),
                        }
                    }
                }
                _ => out.push(type_problem(&full, item, "an array of tables")),
            }
        } else {
            out.push(Violation {
                span: key_span.or_else(|| item.span()),
                code: "schema.unknown_key",
                problem: Problem::UnknownKey { key: key.to_string(), suggestion: did_you_mean(key, &names) },
            });
        }
    }
    // A misspelt key is one problem, not two: the required key its "did you mean" names is
    // not reported missing as well.
    let misspelt: Vec<String> = out
        .iter()
        .filter_map(|p| match &p.problem {
            Problem::UnknownKey { suggestion: Some(s), .. } => Some(s.clone()),
            _ => None,
        })
        .collect();
    for field in all.iter().filter(|f| f.required) {
        let Some(key) = field.path.strip_prefix(prefix) else { continue };
        if !key.contains(['.', '[']) && !table.contains_key(key) && !misspelt.iter().any(|s| s == key) {
            out.push(Violation {
                span: header.clone(),
                code: "schema.missing_key",
                problem: Problem::MissingKey { key: key.to_string() },
            });
        }
    }
}

fn type_problem(path: &str, item: &Item, expected: &str) -> Violation {
    let found =
        item.as_value().map_or_else(|| item.type_name().to_string(), |v| v.to_string().trim().to_string());
    Violation {
        span: item.span(),
        code: "schema.type",
        problem: Problem::BadValue { detail: format!("`{path}`: expected {expected}, found {found}") },
    }
}

fn check_value(field: &Field, item: &Item, out: &mut Vec<Violation>) {
    let Some(value) = item.as_value() else {
        // A table where a value belongs (a TextMap may be a table).
        if matches!(field.ty, FieldType::TextMap) && item.is_table_like() {
            check_map(field, item, out);
        } else {
            out.push(type_problem(field.path, item, expected(field.ty)));
        }
        return;
    };
    let before = out.len();
    match (field.ty, value) {
        (FieldType::Text | FieldType::Reference(_), Value::String(s)) => {
            check_text(field, s.value(), false, value, out)
        }
        (FieldType::Note, Value::String(s)) => check_text(field, s.value(), true, value, out),
        (FieldType::Date, Value::Datetime(dt)) => {
            let dt = dt.value();
            if dt.date.is_none() || dt.time.is_some() || dt.offset.is_some() {
                out.push(Violation {
                    span: value.span(),
                    code: "date.invalid",
                    problem: Problem::BadDate {
                        detail: format!("expected a date like 2026-11-23, found `{dt}`"),
                    },
                });
            }
        }
        (FieldType::Date, Value::String(s)) => out.push(Violation {
            span: value.span(),
            code: "date.invalid",
            problem: Problem::BadDate {
                detail: format!(
                    "expected a date without quotes, like {}, found the string \"{}\"",
                    crate::record::date::parse_iso(s.value())
                        .map_or("2026-11-23".to_string(), |d| d.to_string()),
                    s.value()
                ),
            },
        }),
        (FieldType::Integer, Value::Integer(i)) => check_range(field, *i.value() as f64, value, out),
        (FieldType::Number, Value::Integer(i)) => check_range(field, *i.value() as f64, value, out),
        (FieldType::Number, Value::Float(x)) => check_range(field, *x.value(), value, out),
        (FieldType::Hours, Value::Integer(_) | Value::Float(_)) => {
            let hours = value.as_float().unwrap_or_else(|| value.as_integer().unwrap_or(0) as f64);
            check_range(field, hours, value, out);
            if out.len() == before
                && let Err(why) = crate::record::hours::Minutes::from_hours(hours)
            {
                out.push(Violation {
                    span: value.span(),
                    code: "schema.type",
                    problem: Problem::BadValue { detail: why },
                });
            }
        }
        (FieldType::Bool, Value::Boolean(_)) => {}
        (FieldType::Choice(names), Value::String(s)) => check_choice(names, s.value(), value, out),
        (FieldType::TextList, Value::Array(items)) => {
            for item in items.iter() {
                match item.as_str() {
                    Some(text) => check_text(field, text, false, item, out),
                    None => out.push(type_problem(field.path, &Item::Value(item.clone()), "text")),
                }
            }
        }
        (FieldType::ChoiceList(names), Value::Array(items)) => {
            for item in items.iter() {
                match item.as_str() {
                    Some(text) => check_choice(names, text, item, out),
                    None => out.push(type_problem(field.path, &Item::Value(item.clone()), "text")),
                }
            }
        }
        (FieldType::TextMap, Value::InlineTable(_)) => check_map(field, item, out),
        _ => out.push(type_problem(field.path, item, expected(field.ty))),
    }
}

fn check_map(field: &Field, item: &Item, out: &mut Vec<Violation>) {
    let Some(table) = item.as_table_like() else { return };
    for (_, inner) in table.iter() {
        match inner.as_str() {
            Some(text) => check_text(field, text, false, inner.as_value().expect("a string is a value"), out),
            None => out.push(type_problem(field.path, inner, "text")),
        }
    }
}

fn expected(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text | FieldType::Note | FieldType::Reference(_) | FieldType::Choice(_) => "text",
        FieldType::Date => "a date like 2026-11-23",
        FieldType::Integer => "a whole number",
        FieldType::Number => "a number",
        FieldType::Hours => "a number of hours like 1.5",
        FieldType::Bool => "true or false",
        FieldType::TextList | FieldType::ChoiceList(_) => "an array of text",
        FieldType::TextMap => "a table of text",
    }
}

fn check_choice(names: &[&str], text: &str, value: &Value, out: &mut Vec<Violation>) {
    if !names.contains(&text) {
        out.push(Violation {
            span: value.span(),
            code: "schema.enum",
            problem: Problem::BadEnumValue { value: text.to_string(), expected: names.join(", ") },
        });
    }
}

fn check_range(field: &Field, number: f64, value: &Value, out: &mut Vec<Violation>) {
    if !in_range(field, number) {
        let (min, max) = field.range.unwrap_or((f64::MIN, f64::MAX));
        out.push(Violation {
            span: value.span(),
            code: "value.range",
            problem: Problem::OutOfRange {
                key: field.path.replace("[]", ""),
                value: value.to_string().trim().to_string(),
                range: format!("{min}..={max}"),
            },
        });
    }
}

fn check_text(field: &Field, text: &str, multiline: bool, value: &Value, out: &mut Vec<Violation>) {
    if has_control(text, multiline) {
        out.push(Violation {
            span: value.span(),
            code: "text.control",
            problem: Problem::ControlCharacters { field: field.path.replace("[]", "") },
        });
    }
}
