//! The quick reader against `toml`: on the demo records, on hand-written cases of what it
//! accepts, and on one case for each thing it must decline. (The generated registry is in
//! `tests/quick_differential.rs`, the mutations in `fuzz.rs`.)

use std::path::Path;

use super::from_str;
use crate::record::{Agreement, Child, Institution, Kind, Mentor, Record};

/// `quick` gives what `toml` gives, as a record and as a plain table (the table compares
/// the reader itself, where a record's own refusals could hide a difference).
fn same<T: Record + std::fmt::Debug>(text: &str) -> bool {
    let record = from_str::<T>(text).map(|r| format!("{r:?}"));
    let expected = toml::from_str::<T>(text).map(|r| format!("{r:?}")).ok();
    assert_eq!(record.as_ref(), expected.as_ref(), "record differs:\n{text}");
    record.is_some()
}

fn table(text: &str) -> Option<String> {
    let quick = from_str::<toml::Table>(text).map(|t| format!("{t:?}"));
    if let Some(quick) = &quick {
        let expected =
            toml::from_str::<toml::Table>(text).map(|t| format!("{t:?}")).map_err(|e| e.to_string());
        assert_eq!(Ok(quick.clone()), expected, "table differs:\n{text}");
    }
    quick
}

fn demo_files(kind: Kind) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("records").join(kind.dir());
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

fn all_taken<T: Record + std::fmt::Debug>(kind: Kind) {
    let texts = demo_files(kind);
    assert!(!texts.is_empty());
    for text in texts {
        assert!(same::<T>(&text), "the demo record was declined:\n{text}");
        assert!(table(&text).is_some());
        let crlf = text.replace('\n', "\r\n");
        assert!(same::<T>(&crlf), "CRLF was declined:\n{text}");
    }
}

#[test]
fn every_demo_record_is_read_quickly_and_as_toml_reads_it() {
    all_taken::<Child>(Kind::Child);
    all_taken::<Mentor>(Kind::Mentor);
    all_taken::<Institution>(Kind::Institution);
    all_taken::<Agreement>(Kind::Agreement);
}

#[test]
fn the_subset_is_read_as_toml_reads_it() {
    for text in [
        "",
        "\n\n# only a comment\n",
        "a = 1\nb = -7\nc = 0\nd = -0\ne = 9223372036854775807\nf = -9223372036854775808",
        "a = 2.0\nb = 3.5\nc = -0.25\nd = 0.0\ne = 1.000000000000000000001",
        "a = true\nb = false # comment\n",
        "a = 2026-11-23\nb = 2028-02-29\nc = [2026-01-01, 2026-12-31]",
        "a = \"x y\"\nb = 'lit \"x\"'\nc = \"\"\nd = ''\ne = \"tab\there\"\nf = \"Ім'я «лапки»\"",
        "a = [\"x\", 'y',]\nb = []\nc = [\n  1,\n  2, # two\n\n  3\n]\nd = [ 1 , true , \"x\" ]",
        "\"quoted.key\" = \"v\"\n'lit' = 1\n\"\" = 2",
        "[a]\nx = 1\n[b]\n[c]\ny = 2",
        "[a.b]\nx = 1\n[a]\ny = 2",
        "[a]\ny = 2\n[a.b]\nx = 1\n[a.c]\nz = 3",
        "[[t]]\nx = 1\n[[t]]\nx = 2\n[t.sub]\ny = 3\n[[t.list]]\nz = 4\n[[t.list]]\nz = 5",
        "  indented = 1\n\t[table]  # comment\n  k=\"v\"\t\n",
        "a = 1\r\nb = [\r\n 2,\r\n]\r\n# c\r\n",
        "a = 'x' # trailing comment with 'quotes' and \"more\" and = [ ]",
    ] {
        assert!(table(text).is_some(), "declined:\n{text}");
    }
}

#[test]
fn anything_outside_the_subset_is_declined() {
    for (rule, text) in [
        ("an escape", r#"a = "x\ty""#),
        ("an escaped quote", r#"a = "x\"y""#),
        ("a backslash in a literal string", r"a = 'C:\path'"),
        ("a multi-line basic string", "a = \"\"\"x\"\"\""),
        ("a multi-line literal string", "a = '''x'''"),
        ("a dotted key", "a.b = 1"),
        ("a dotted key with spaces", "a . b = 1"),
        ("a quoted dotted key", "\"a\".b = 1"),
        ("an escape in a quoted key", "\"a\\u0041\" = 1"),
        ("an inline table", "a = { b = 1 }"),
        ("a nested array", "a = [[1], [2]]"),
        ("a datetime", "a = 2026-11-23T10:00:00"),
        ("a datetime with a space", "a = 2026-11-23 10:00:00"),
        ("a datetime in an array", "a = [2026-11-23 10:00:00]"),
        ("an offset datetime", "a = 2026-11-23T10:00:00Z"),
        ("a time", "a = 10:00:00"),
        ("a day the calendar lacks", "a = 2026-02-30"),
        ("month 13", "a = 2026-13-01"),
        ("a short date", "a = 2026-1-23"),
        ("an exponent", "a = 1e3"),
        ("an exponent on a float", "a = 1.5E3"),
        ("an underscore", "a = 1_000"),
        ("a plus sign", "a = +1"),
        ("a plus sign on a float", "a = +1.5"),
        ("a leading zero", "a = 01"),
        ("a leading zero on a float", "a = 00.5"),
        ("a float without a fraction", "a = 1."),
        ("a float without an integer part", "a = .5"),
        ("hex", "a = 0x1f"),
        ("octal", "a = 0o17"),
        ("binary", "a = 0b1"),
        ("inf", "a = inf"),
        ("nan", "a = nan"),
        ("a signed inf", "a = -inf"),
        ("an integer beyond i64", "a = 9223372036854775808"),
        ("a control character in a string", "a = \"x\u{1b}y\""),
        ("a NUL in a literal string", "a = 'x\u{0}y'"),
        ("DEL in a string", "a = \"x\u{7f}y\""),
        ("a C1 control in a string", "a = \"x\u{85}y\""),
        ("a control character in a comment", "a = 1 # x\u{7}y"),
        ("a C1 control in a comment", "a = 1 # x\u{85}y"),
        ("a newline in a string", "a = \"x\ny\""),
        ("a lone carriage return", "a = 1\rb = 2"),
        ("a carriage return in a string", "a = \"x\ry\""),
        ("a duplicate key", "a = 1\na = 2"),
        ("a duplicate key, once quoted", "a = 1\n\"a\" = 2"),
        ("a table defined twice", "[t]\na = 1\n[t]\nb = 2"),
        ("a table defined after its key", "t = 1\n[t]\nb = 2"),
        ("a table over an array of tables", "[[t]]\na = 1\n[t]\nb = 2"),
        ("an array of tables over a table", "[t]\na = 1\n[[t]]\nb = 2"),
        ("an array of tables over an array", "t = [1]\n[[t]]\nb = 2"),
        ("a key under a subtable's name", "[t.s]\na = 1\n[t]\ns = 2"),
        ("a header through a value", "t = 1\n[t.s]\nb = 2"),
        ("a BOM", "\u{feff}a = 1"),
        ("spaces in a header", "[ t ]\na = 1"),
        ("spaces around a header's dot", "[t . s]\na = 1"),
        ("a quoted header", "[\"t\"]\na = 1"),
        ("an empty header", "[]\na = 1"),
        ("an unclosed header", "[t\na = 1"),
        ("an unclosed array-of-tables header", "[[t]\na = 1"),
        ("text after a header", "[t] x\na = 1"),
        ("a non-ASCII bare key", "ключ = 1"),
        ("two values on a line", "a = 1 b = 2"),
        ("a value and a comma", "a = 1,"),
        ("no value", "a ="),
        ("no equals sign", "a 1"),
        ("an unclosed string", "a = \"x"),
        ("an unclosed array", "a = [1, 2"),
        ("a leading comma in an array", "a = [,1]"),
        ("two commas in an array", "a = [1,,2]"),
        ("no comma in an array", "a = [1 2]"),
        ("a word after true", "a = truex"),
        ("a capitalised boolean", "a = True"),
        ("a bare word", "a = yes"),
    ] {
        assert_eq!(table(text), None, "{rule} was taken:\n{text}");
    }
}

#[test]
fn values_reach_serde_as_toml_gives_them() {
    // Records' own types: an hours float and integer, an optional date, enums, arrays of
    // tables; and a record that serde refuses (an unknown key) is `None`, not a record.
    let texts = demo_files(Kind::Agreement);
    let base = texts.iter().find(|t| t.contains("hours = ")).expect("an agreement with hours");
    let unknown = format!("{base}\nunknown_key = 1\n");
    assert!(!same::<Agreement>(&unknown));
    let quoted_date =
        base.replacen("proposed_on = ", "proposed_on = \"", 1).replacen("\nsigned_on", "\"\nsigned_on", 1);
    assert!(!same::<Agreement>(&quoted_date), "a quoted date is refused by both");
    let bad_enum = base.replacen("status = \"", "status = \"x", 1);
    assert!(!same::<Agreement>(&bad_enum));
}

#[test]
fn the_reader_itself_declines_a_day_the_calendar_lacks() {
    // A consumer of dates (`record::date`, `toml::Value`) refuses such a day too, so only the
    // reader's own answer shows the rule.
    let read = |text: &str| super::Parser { text, bytes: text.as_bytes(), at: 0 }.document().is_some();
    assert!(read("a = 2026-02-28\nb = 2028-02-29"));
    for text in ["a = 2026-02-29", "a = 2026-02-30", "a = 2026-04-31", "a = 2026-00-10", "a = 2026-01-00"] {
        assert!(!read(text), "{text}");
    }
}
