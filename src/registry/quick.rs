//! A fast reader for the plain TOML that record files are written in, and a serde
//! `Deserializer` over it.
//!
//! The `toml` crate parses any TOML (lexer, events, a table of spans, then serde), which was
//! half the time of a first `check` on a national registry. Record files use a small, regular
//! part of TOML: `key = value` lines, `[table]` and `[[array]]` headers, strings without
//! escapes, decimal numbers, booleans, dates and arrays of these. This reader accepts exactly
//! that and **declines** (returns `None`) on anything else, whereupon the caller parses the
//! file with `toml` as before — so every diagnostic, and every verdict on a file the reader
//! declines, is the `toml` crate's. Declined: escapes (any backslash), multi-line strings,
//! dotted keys, spaces or quotes in headers, inline tables, nested arrays, datetimes and times,
//! exponents, underscores, signs other than a leading `-`, leading zeros, `inf`/`nan`, control
//! characters (tab aside) in strings and comments, a lone carriage return, duplicate keys, a
//! table defined twice, anything not ASCII outside strings and comments (a BOM among them).
//!
//! Values reach serde as `toml` presents them, so that a record read here is the record
//! `toml::from_str` gives (the differential tests in `tests/quick_differential.rs` and
//! `fuzz.rs` hold the two to that): strings borrowed, integers as `i64`, floats as `f64`,
//! tables as maps, arrays as sequences, options always `Some`, unit enum variants from
//! strings, and a date as `toml`'s private one-entry datetime map holding the date's text.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// The record in `text`, when the whole text is in the subset this reader knows and serde
/// builds a `T` from it; `None` otherwise (the caller then asks `toml`, which says why).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let root = Parser { text, bytes: text.as_bytes(), at: 0 }.document()?;
    T::deserialize(ValueDe(Value::Table(root))).ok()
}

// ------------------------------------------------------------------------------------------
// The tree

#[derive(Debug)]
enum Value<'a> {
    Str(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// `YYYY-MM-DD`, a day of the calendar.
    Date(&'a str),
    /// An inline array of plain values.
    Array(Vec<Value<'a>>),
    Table(Table<'a>),
    /// `[[name]]` tables, in order.
    Tables(Vec<Table<'a>>),
}

#[derive(Debug, Default)]
struct Table<'a> {
    entries: Vec<(&'a str, Value<'a>)>,
    /// Given its own `[header]` (or the root): a second header for it is an error. A table
    /// made only as the parent of `[a.b]` may still get its `[a]` once.
    defined: bool,
}

impl<'a> Table<'a> {
    fn get_mut(&mut self, key: &str) -> Option<&mut Value<'a>> {
        self.entries.iter_mut().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| *k == key)
    }

    /// Adds a key the table must not have yet (a duplicate key declines). The search is
    /// linear, fast for a record's few dozen keys; a table of thousands goes to `toml`.
    fn insert(&mut self, key: &'a str, value: Value<'a>) -> Option<()> {
        if self.entries.len() >= 1000 || self.has(key) {
            return None;
        }
        self.entries.push((key, value));
        Some(())
    }
}

/// Puts a section (the key/values under one header) into the tree, following TOML's rules
/// for headers: parents are made implicitly, `[a.b]` after `[[a]]` goes into the last `a`, a
/// table is defined once, `[[x]]` appends only to an array of tables.
fn attach<'a>(root: &mut Table<'a>, path: &'a str, array: bool, section: Table<'a>) -> Option<()> {
    let (parents, last) = match path.rsplit_once('.') {
        Some((parents, last)) => (Some(parents), last),
        None => (None, path),
    };
    let mut table = root;
    for key in parents.into_iter().flat_map(|p| p.split('.')) {
        if !table.has(key) {
            table.entries.push((key, Value::Table(Table::default())));
        }
        table = match table.get_mut(key)? {
            Value::Table(sub) => sub,
            Value::Tables(list) => list.last_mut()?,
            _ => return None,
        };
    }
    match (table.get_mut(last), array) {
        (None, false) => table.entries.push((last, Value::Table(Table { defined: true, ..section }))),
        (None, true) => table.entries.push((last, Value::Tables(vec![section]))),
        (Some(Value::Tables(list)), true) => list.push(section),
        (Some(Value::Table(sub)), false) if !sub.defined => {
            sub.defined = true;
            for (key, value) in section.entries {
                sub.insert(key, value)?;
            }
        }
        _ => return None,
    }
    Some(())
}

// ------------------------------------------------------------------------------------------
// The parser

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

/// Bytes a TOML string or comment may not hold as they are: C0 controls but tab, and DEL;
/// C1 controls (U+0080–U+009F) are declined too (`has_c1`, `plain_byte`).
fn forbidden(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

/// A C1 control (U+0080–U+009F, encoded C2 80–9F): TOML allows it, but no record needs one,
/// and the subset stays the part of TOML nobody could read two ways.
fn has_c1(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0xc2, bytes).any(|i| matches!(bytes.get(i + 1), Some(0x80..=0x9f)))
}

fn bare_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    fn skip_spaces(&mut self) {
        while let Some(b' ' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    /// A newline (LF or CRLF) at the cursor, consumed; a lone CR declines.
    fn newline(&mut self) -> Option<bool> {
        match self.peek() {
            Some(b'\n') => {
                self.at += 1;
                Some(true)
            }
            Some(b'\r') => {
                (self.peek_at(1) == Some(b'\n')).then_some(())?;
                self.at += 2;
                Some(true)
            }
            _ => Some(false),
        }
    }

    /// A comment from `#` to the end of the line (the newline not consumed).
    fn comment(&mut self) -> Option<()> {
        debug_assert_eq!(self.peek(), Some(b'#'));
        self.at += 1;
        while let Some(b) = self.peek() {
            if b == b'\n' || b == b'\r' {
                break;
            }
            self.plain_byte(b)?;
        }
        Some(())
    }

    /// Steps over one byte of a comment, declining on a control character.
    fn plain_byte(&mut self, b: u8) -> Option<()> {
        if forbidden(b) || (b == 0xc2 && matches!(self.peek_at(1), Some(0x80..=0x9f))) {
            return None;
        }
        self.at += 1;
        Some(())
    }

    /// The end of a key/value or header line: spaces, maybe a comment, then a newline or the
    /// end of the text.
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_spaces();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        if self.peek().is_none() || self.newline()? { Some(()) } else { None }
    }

    /// A value ends where its token ends; only spaces and a comment may follow it on its line
    /// (`end_of_line`), only a comma or `]` in an array (`array`). That is what declines
    /// `truex`, `1e3`, `1_000`, `2026-11-23T10:00` and `2026-11-23 10:00` (after the space), and
    /// a BOM or any byte that is not a bare key's cannot start a line.
    fn document(mut self) -> Option<Table<'a>> {
        let mut root = Table { entries: Vec::new(), defined: true };
        // The section being read: its header's path (none for the root) and its key/values.
        let mut header: Option<(&'a str, bool)> = None;
        let mut section = Table::default();
        loop {
            self.skip_spaces();
            match self.peek() {
                None => break,
                Some(b'\n' | b'\r') => {
                    self.newline()?.then_some(())?;
                }
                Some(b'#') => self.end_of_line()?,
                Some(b'[') => {
                    let next = self.header()?;
                    match header.replace(next) {
                        None => root.entries.append(&mut section.entries),
                        Some((path, array)) => {
                            attach(&mut root, path, array, std::mem::take(&mut section))?;
                        }
                    }
                    section.entries.clear();
                }
                Some(_) => {
                    let key = self.key()?;
                    self.skip_spaces();
                    (self.peek() == Some(b'=')).then_some(())?;
                    self.at += 1;
                    self.skip_spaces();
                    let value = self.value(false)?;
                    self.end_of_line()?;
                    section.insert(key, value)?;
                }
            }
        }
        match header {
            None => root.entries.append(&mut section.entries),
            Some((path, array)) => attach(&mut root, path, array, section)?,
        }
        Some(root)
    }

    /// `[a]`, `[a.b]`, `[[a]]`, `[[a.b]]` with bare keys and no spaces inside; the path (the
    /// keys and their dots, as written) and whether it is an array of tables.
    fn header(&mut self) -> Option<(&'a str, bool)> {
        self.at += 1;
        let array = self.peek() == Some(b'[');
        if array {
            self.at += 1;
        }
        let start = self.at;
        loop {
            self.bare_key()?;
            match self.peek() {
                Some(b'.') => self.at += 1,
                Some(b']') => break,
                _ => return None,
            }
        }
        let path = &self.text[start..self.at];
        self.at += 1;
        if array {
            (self.peek() == Some(b']')).then_some(())?;
            self.at += 1;
        }
        self.end_of_line()?;
        Some((path, array))
    }

    fn bare_key(&mut self) -> Option<&'a str> {
        let start = self.at;
        while self.peek().is_some_and(bare_key_byte) {
            self.at += 1;
        }
        (self.at > start).then(|| &self.text[start..self.at])
    }

    /// A bare key, or a quoted one without escapes (`"child.surname"`, as `signed_fields`
    /// has). A dotted key declines: after the key only `=` may follow.
    fn key(&mut self) -> Option<&'a str> {
        match self.peek()? {
            b'"' | b'\'' => self.string(),
            _ => self.bare_key(),
        }
    }

    /// A one-line string, basic or literal, without a backslash; the cursor on its quote.
    /// A multi-line string's `"""` reads as an empty string followed by a quote, which no
    /// line or array may hold, so it declines without a rule of its own.
    fn string(&mut self) -> Option<&'a str> {
        let quote = self.peek()?;
        let start = self.at + 1;
        // The first quote ends it: an escaped one would have a backslash before it, declined.
        let end = start + memchr::memchr(quote, &self.bytes[start..])?;
        let inside = &self.bytes[start..end];
        if inside.iter().any(|&b| forbidden(b) || b == b'\\') || has_c1(inside) {
            return None;
        }
        self.at = end + 1;
        Some(&self.text[start..end])
    }

    fn value(&mut self, in_array: bool) -> Option<Value<'a>> {
        match self.peek()? {
            b'"' | b'\'' => self.string().map(Value::Str),
            b't' => self.word("true").map(|()| Value::Bool(true)),
            b'f' => self.word("false").map(|()| Value::Bool(false)),
            b'[' if !in_array => self.array(),
            b'-' | b'0'..=b'9' => self.number_or_date(),
            _ => None,
        }
    }

    fn word(&mut self, word: &str) -> Option<()> {
        self.bytes[self.at..].starts_with(word.as_bytes()).then_some(())?;
        self.at += word.len();
        Some(())
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }

    /// `-?(0|[1-9][0-9]*)`, optionally `.[0-9]+`, or a date `YYYY-MM-DD`.
    fn number_or_date(&mut self) -> Option<Value<'a>> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let first = self.at;
        let count = self.digits();
        if count == 4 && !negative && self.peek() == Some(b'-') {
            return self.date(start);
        }
        if count == 0 || (count > 1 && self.bytes[first] == b'0') {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return None;
            }
            return self.text[start..self.at].parse().ok().map(Value::Float);
        }
        self.text[start..self.at].parse().ok().map(Value::Int)
    }

    fn date(&mut self, start: usize) -> Option<Value<'a>> {
        let b = self.bytes.get(start..start + 10)?;
        let digit = |i: usize| b[i].is_ascii_digit();
        if !(b[4] == b'-' && b[7] == b'-' && [5, 6, 8, 9].into_iter().all(digit)) {
            return None;
        }
        self.at = start + 10;
        let num = |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        chrono::NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10))?;
        Some(Value::Date(&self.text[start..start + 10]))
    }

    /// Spaces, newlines and comments between the items of an array.
    fn array_space(&mut self) -> Option<()> {
        loop {
            self.skip_spaces();
            match self.peek() {
                Some(b'\n' | b'\r') => {
                    self.newline()?;
                }
                Some(b'#') => self.comment()?,
                _ => return Some(()),
            }
        }
    }

    fn array(&mut self) -> Option<Value<'a>> {
        self.at += 1;
        let mut items = Vec::new();
        loop {
            self.array_space()?;
            if self.peek() == Some(b']') {
                break;
            }
            items.push(self.value(true)?);
            self.array_space()?;
            match self.peek()? {
                b',' => self.at += 1,
                b']' => break,
                _ => return None,
            }
        }
        self.at += 1;
        Some(Value::Array(items))
    }
}

// ------------------------------------------------------------------------------------------
// serde

/// Every refusal is the same: the caller does not read it, it asks `toml` instead. Carrying
/// no message keeps a refused record cheap.
#[derive(Debug)]
pub struct Declined;

impl std::fmt::Display for Declined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("declined by the quick TOML reader")
    }
}

impl std::error::Error for Declined {}

impl de::Error for Declined {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Declined
    }
}

/// The field name `toml` uses to hand a datetime to `record::date::de` (see there).
const DATETIME_FIELD: &str = "$__toml_private_datetime";

struct ValueDe<'a>(Value<'a>);

impl<'de> Deserializer<'de> for ValueDe<'de> {
    type Error = Declined;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        match self.0 {
            Value::Str(s) => visitor.visit_borrowed_str(s),
            Value::Int(i) => visitor.visit_i64(i),
            Value::Float(f) => visitor.visit_f64(f),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Date(s) => visitor.visit_map(DateMap(Some(s))),
            Value::Array(items) => visitor.visit_seq(Seq(items.into_iter())),
            Value::Tables(tables) => visitor.visit_seq(Seq(tables.into_iter().map(Value::Table))),
            Value::Table(table) => visitor.visit_map(Map { entries: table.entries.into_iter(), value: None }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Declined> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant from a string; any other enum declines (`toml` then decides).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Declined> {
        match self.0 {
            Value::Str(s) => visitor.visit_enum(BorrowedStrDeserializer::new(s)),
            _ => Err(Declined),
        }
    }

    /// A date is the datetime struct's map (as from `deserialize_any`); a date asked for where
    /// it is not one sees the value as it is, as with `toml`.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Declined> {
        self.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

struct Seq<I>(I);

impl<'de, I: Iterator<Item = Value<'de>>> SeqAccess<'de> for Seq<I> {
    type Error = Declined;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Declined> {
        self.0.next().map(|value| seed.deserialize(ValueDe(value))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint().1
    }
}

struct Map<'a> {
    entries: std::vec::IntoIter<(&'a str, Value<'a>)>,
    value: Option<Value<'a>>,
}

impl<'de> MapAccess<'de> for Map<'de> {
    type Error = Declined;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Declined> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(BorrowedStrDeserializer::new(key)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Declined> {
        seed.deserialize(ValueDe(self.value.take().ok_or(Declined)?))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A date as `toml` gives it: a map of one entry, the private field name to the date's text.
struct DateMap<'a>(Option<&'a str>);

impl<'de> MapAccess<'de> for DateMap<'de> {
    type Error = Declined;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Declined> {
        match self.0 {
            Some(_) => seed.deserialize(BorrowedStrDeserializer::new(DATETIME_FIELD)).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Declined> {
        seed.deserialize(BorrowedStrDeserializer::new(self.0.take().ok_or(Declined)?))
    }
}

#[cfg(test)]
#[path = "quick_tests.rs"]
mod tests;
