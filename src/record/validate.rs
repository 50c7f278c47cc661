//! The schema walk: validates a record file's `toml_edit` document against the schema of its
//! kind in one pass, with exact positions from toml_edit's spans. It runs for files serde
//! refuses, and for valid files the cheap typed screen ([`Screen`]) flags (numbers out of
//! range, text that may hide control characters); the hot path of a valid file is serde alone.

use std::ops::Range;

use toml_edit::{Item, TableLike, Value};

use super::Kind;
use super::schema::{Field, FieldType, fields};
use crate::i18n::Msg;

/// One problem of a file: where (a byte span of the text), a stable code, the message.
#[derive(Clone, Debug)]
pub struct Problem {
    pub span: Option<Range<usize>>,
    pub code: &'static str,
    pub msg: Msg,
}

/// Every schema problem of a parsed document of `kind`.
pub fn validate(kind: Kind, doc: &toml_edit::Document<&str>) -> Vec<Problem> {
    let mut out = Vec::new();
    walk(fields(kind), "", doc.as_table(), Some(0..0), &mut out);
    out
}

/// The closest known name, when it is close enough to be what the user meant.
pub fn did_you_mean(given: &str, known: &[&str]) -> Option<String> {
    known
        .iter()
        .map(|candidate| (strsim::jaro_winkler(given, candidate), *candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate.to_string())
}

fn walk(
    all: &[Field],
    prefix: &str,
    table: &dyn TableLike,
    header: Option<Range<usize>>,
    out: &mut Vec<Problem>,
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
                            None => out.push(Problem {
                                span: element.span(),
                                code: "schema.type",
                                msg: Msg::BadValue { detail: format!("`{full}`: expected a table") },
                            }),
                        }
                    }
                }
                _ => out.push(type_problem(&full, item, "an array of tables")),
            }
        } else {
            out.push(Problem {
                span: key_span.or_else(|| item.span()),
                code: "schema.unknown_key",
                msg: Msg::UnknownKey { key: key.to_string(), suggestion: did_you_mean(key, &names) },
            });
        }
    }
    // A misspelt key is one problem, not two: the required key its "did you mean" names is
    // not reported missing as well.
    let misspelt: Vec<String> = out
        .iter()
        .filter_map(|p| match &p.msg {
            Msg::UnknownKey { suggestion: Some(s), .. } => Some(s.clone()),
            _ => None,
        })
        .collect();
    for field in all.iter().filter(|f| f.required) {
        let Some(key) = field.path.strip_prefix(prefix) else { continue };
        if !key.contains(['.', '[']) && !table.contains_key(key) && !misspelt.iter().any(|s| s == key) {
            out.push(Problem {
                span: header.clone(),
                code: "schema.missing_key",
                msg: Msg::MissingKey { key: key.to_string() },
            });
        }
    }
}

fn type_problem(path: &str, item: &Item, expected: &str) -> Problem {
    let found =
        item.as_value().map_or_else(|| item.type_name().to_string(), |v| v.to_string().trim().to_string());
    Problem {
        span: item.span(),
        code: "schema.type",
        msg: Msg::BadValue { detail: format!("`{path}`: expected {expected}, found {found}") },
    }
}

fn check_value(field: &Field, item: &Item, out: &mut Vec<Problem>) {
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
                out.push(Problem {
                    span: value.span(),
                    code: "date.invalid",
                    msg: Msg::BadDate { detail: format!("expected a date like 2026-11-23, found `{dt}`") },
                });
            }
        }
        (FieldType::Date, Value::String(s)) => out.push(Problem {
            span: value.span(),
            code: "date.invalid",
            msg: Msg::BadDate {
                detail: format!(
                    "expected a date without quotes, like {}, found the string \"{}\"",
                    super::date::parse_iso(s.value()).map_or("2026-11-23".to_string(), |d| d.to_string()),
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
                && let Err(why) = super::hours::Minutes::from_hours(hours)
            {
                out.push(Problem {
                    span: value.span(),
                    code: "schema.type",
                    msg: Msg::BadValue { detail: why },
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

fn check_map(field: &Field, item: &Item, out: &mut Vec<Problem>) {
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

fn check_choice(names: &[&str], text: &str, value: &Value, out: &mut Vec<Problem>) {
    if !names.contains(&text) {
        out.push(Problem {
            span: value.span(),
            code: "schema.enum",
            msg: Msg::BadEnumValue { value: text.to_string(), expected: names.join(", ") },
        });
    }
}

fn check_range(field: &Field, number: f64, value: &Value, out: &mut Vec<Problem>) {
    if !in_range(field, number) {
        let (min, max) = field.range.unwrap_or((f64::MIN, f64::MAX));
        out.push(Problem {
            span: value.span(),
            code: "value.range",
            msg: Msg::OutOfRange {
                key: field.path.replace("[]", ""),
                value: value.to_string().trim().to_string(),
                range: format!("{min}..={max}"),
            },
        });
    }
}

/// Whether a number is finite and within the field's range (if it has one).
pub fn in_range(field: &Field, number: f64) -> bool {
    number.is_finite() && field.range.is_none_or(|(min, max)| (min..=max).contains(&number))
}

fn check_text(field: &Field, text: &str, multiline: bool, value: &Value, out: &mut Vec<Problem>) {
    if has_control(text, multiline) {
        out.push(Problem {
            span: value.span(),
            code: "text.control",
            msg: Msg::ControlCharacters { field: field.path.replace("[]", "") },
        });
    }
}

/// Control characters (C0, DEL, C1) and, in one-line text, line breaks and the Unicode line
/// and paragraph separators: they would garble a terminal, a table or a document. Tab is
/// allowed in notes.
pub fn has_control(text: &str, multiline: bool) -> bool {
    text.chars().any(|c| match c {
        '\t' | '\n' | '\r' => !multiline,
        '\u{2028}' | '\u{2029}' => !multiline,
        c => c.is_control(),
    })
}

/// The cheap typed screen of a record serde accepted: true when the schema walk must look at
/// its file (a number out of its range; text that may carry a control character). Costs a
/// few comparisons per record on the hot path.
pub trait Screen {
    fn suspect(&self) -> bool;
}

/// Only an escape (`\u001b`, `\n`) or a multi-line string can put a control character or a
/// line break into a TOML string that parsed; a file with neither needs no text scan.
pub fn text_may_hide_controls(text: &str) -> bool {
    text.contains('\\') || text.contains("\"\"\"") || text.contains("'''")
}

fn field_of(kind: Kind, path: &str) -> &'static Field {
    fields(kind).iter().find(|f| f.path == path).expect("a field of the schema")
}

fn out_of_range(kind: Kind, path: &str, number: f64) -> bool {
    !in_range(field_of(kind, path), number)
}

impl Screen for super::Child {
    fn suspect(&self) -> bool {
        false
    }
}

impl Screen for super::Institution {
    fn suspect(&self) -> bool {
        false
    }
}

impl Screen for super::Mentor {
    fn suspect(&self) -> bool {
        out_of_range(Kind::Mentor, "capacity", f64::from(self.capacity))
            || self.training.hours.is_some_and(|h| out_of_range(Kind::Mentor, "training.hours", h.hours()))
    }
}

impl Screen for super::Agreement {
    fn suspect(&self) -> bool {
        self.hours_per_month.is_some_and(|h| out_of_range(Kind::Agreement, "hours_per_month", h.hours()))
            || self.contacts.iter().any(|c| {
                c.hours.is_some_and(|h| out_of_range(Kind::Agreement, "contacts[].hours", h.hours()))
            })
    }
}

/// A name as the eye reads it, for finding the same person entered twice: trimmed, without
/// zero-width and other invisible format characters, lower-cased, and Latin letters that look
/// like Cyrillic ones (`a`, `o`, `e`, `i`, `c`, `p`, `x`, `y`, and `H`, `K`, `M`, `T`, `B`
/// once lower-cased) read as those Cyrillic letters. The map is one-to-one and the same on
/// both sides of a comparison, so it only merges names that look the same; applying it
/// everywhere (not only inside Cyrillic words) keeps `Koval` and `koval` equal.
pub fn fold_name(text: &str) -> impl Iterator<Item = char> + '_ {
    text.trim().chars().filter(|c| !is_invisible(*c)).flat_map(char::to_lowercase).map(cyrillic_look_alike)
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// A lower-case Latin look-alike as its Cyrillic letter.
fn cyrillic_look_alike(c: char) -> char {
    match c {
        'a' => 'а',
        'b' => 'в',
        'c' => 'с',
        'e' => 'е',
        'h' => 'н',
        'i' => 'і',
        'k' => 'к',
        'm' => 'м',
        'o' => 'о',
        'p' => 'р',
        't' => 'т',
        'x' => 'х',
        'y' => 'у',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes_and_invisible_characters_fold_away() {
        let fold = |s: &str| fold_name(s).collect::<String>();
        assert_eq!(fold("Kов\u{200b}aлeнкo"), fold("Коваленко"));
        assert_eq!(fold("Koval"), fold("koval"));
        assert_ne!(fold("Koval"), fold("Kovak"));
    }

    #[test]
    fn control_characters_are_found() {
        assert!(has_control("a\u{1b}b", true));
        assert!(has_control("a\nb", false));
        assert!(!has_control("a\nb", true));
        assert!(has_control("a\u{9b}b", true));
        assert!(!has_control("Житомир", false));
    }
}
