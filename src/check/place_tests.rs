//! The scanner against toml_edit: on every record file of the demo registry and the test
//! fixtures (and of `NASTAVNYK_PLACE_CORPUS`, a folder such as a generated national registry),
//! and on those texts mutated into every layout the scanner must decline, it answers exactly
//! as `diagnostic::Locator` does, or declines.

use super::scan_key;
use crate::diagnostic::Locator;

/// The tables and keys `check` places findings on (`Finding.table` / `Finding.key`), beside
/// every key each file really has.
const TABLES: &[&str] = &[
    "",
    "consent",
    "contacts",
    "documents",
    "conclusion",
    "training",
    "signatures",
    "closure",
    "centre",
    "renewals",
    "suspensions",
    "status_decision",
];
const KEYS: &[&str] = &[
    "id",
    "surname",
    "given_name",
    "birth_date",
    "languages",
    "institution",
    "conflicts",
    "citizenship",
    "edrpou",
    "name",
    "director",
    "child",
    "mentor",
    "legal_representative",
    "centre",
    "signed_on",
    "proposed_on",
    "status",
    "regime",
    "date",
    "kind",
    "hours",
    "issued_on",
    "completed_on",
    "studying_until",
    "ends_on",
    "passport_copy",
    "medical_certificate",
    "criminal_record_certificate",
    "from_institution",
    "to_institution",
    "renews",
    "schema",
    "no_such_key",
];

/// Every (table, index, key) worth asking about `text`, and whether the key is there: each
/// key of each table and array element it holds, and the keys `check` asks for in each of
/// them and at the top level.
fn questions(doc: &toml_edit::DocumentMut) -> Vec<(String, usize, String, bool)> {
    let mut out = Vec::new();
    let mut ask = |table: &str, index: usize, keys: Vec<String>| {
        let held = keys.into_iter().map(|k| (k, true));
        for (key, present) in held.chain(KEYS.iter().map(|k| (k.to_string(), false))) {
            out.push((table.to_string(), index, key, present));
        }
    };
    ask("", 0, doc.iter().filter(|(_, v)| v.is_value()).map(|(k, _)| k.to_string()).collect());
    for (name, item) in doc.iter() {
        match item {
            toml_edit::Item::Table(t) => ask(name, 0, t.iter().map(|(k, _)| k.to_string()).collect()),
            toml_edit::Item::ArrayOfTables(array) => {
                for (i, t) in array.iter().enumerate() {
                    ask(name, i, t.iter().map(|(k, _)| k.to_string()).collect());
                }
                ask(name, array.len(), Vec::new());
            }
            toml_edit::Item::Value(toml_edit::Value::InlineTable(t)) => {
                ask(name, 0, t.iter().map(|(k, _)| k.to_string()).collect())
            }
            _ => {}
        }
    }
    for table in TABLES.iter().filter(|t| !t.is_empty() && doc.get(t).is_none()) {
        ask(table, 0, Vec::new());
    }
    out.sort();
    out.dedup_by(|a, b| (&a.0, a.1, &a.2) == (&b.0, b.1, &b.2));
    out
}

/// Compares the scanner with toml_edit on `text`; returns how many keys the text holds and
/// how many of them the scanner placed (0, 0 for a text that is not TOML).
#[track_caller]
fn differ(name: &str, text: &str) -> (usize, usize) {
    let Ok(doc) = text.parse::<toml_edit::DocumentMut>() else { return (0, 0) };
    let locator = Locator::new(text);
    let (mut held, mut answered) = (0, 0);
    for (table, index, key, present) in &questions(&doc) {
        held += usize::from(*present);
        if let Some(found) = scan_key(text, table, *index, key) {
            answered += usize::from(*present);
            assert_eq!(
                Some(found),
                locator.key(table, *index, key),
                "{name}: [{table}] #{index} {key:?} in\n{text}"
            );
        }
    }
    (held.max(1), answered)
}

/// The layouts the scanner must read or decline, made from a real record's text.
fn mutations(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = vec![
        text.replace('\n', "\r\n"),
        text.replace("\n[", "\n  [").replace("\n", "\n\t"),
        text.replace(" = ", "="),
        text.replace(" = ", " \t=  "),
        format!("# comment with [brackets] and key = value\n{text}"),
        format!("\u{feff}{text}"),
        text.replace('"', "'"),
        text.replacen("\n[", "\nnote = \"\"\"\n[consent]\nchild = 1\n\"\"\"\n[", 1),
        text.replacen("\n[", "\nnote = '''\nid = 1\n'''\n[", 1),
        text.replacen("\n[", "\nextra = [\n  \"x]\", # ] a comment\n  'y[',\n  [1, 2],\n]\n[", 1),
        text.replacen("\n[", "\ninline = { child = 2026-01-01, date = 1 }\n[", 1),
        text.replacen("\n[", "\nwrap = [\n  { date = 1 },\n]\n[", 1),
        text.replacen("\n[", "\n\"quoted\" = 1\n[", 1),
        text.replacen("\n[", "\nconsent.child = 2026-01-01\n[", 1),
        text.replacen("\n[", "\ndotted.key = 1\n[", 1),
        text.replacen("\n[", "\n[ spaced ]\nx = 1\n[", 1),
        text.replacen("\n[", "\n[\"quoted table\"]\nx = 1\n[", 1),
        text.replacen("\n[", "\n[signatures.extra]\nx = 1\n[", 1),
        text.replacen("\n[", "\n[[contacts.sub]]\nx = 1\n[", 1),
        format!("{text}\n[[contacts]] # trailing\ndate = 2026-01-01 # c\nkind = \"meeting\"\n"),
        format!("{text}\n[consent]\nchild = 2026-01-01\n"),
        text.replace("\"\n", "\" # a comment with \" and ' and [ and {\n"),
        text.replace("\"\n", "\\\"\"\n"),
        text.replace("\"\n", "\\\\\"\n"),
        text.replace("\"\n", "\\\\\\\"[\"\n"),
    ];
    // Each line moved to the end, and each line dropped: keys before and after headers.
    for i in (0..lines.len().min(40)).step_by(3) {
        let mut moved = lines.clone();
        let line = moved.remove(i);
        out.push(format!("{}\n", moved.join("\n")));
        moved.push(line);
        out.push(format!("{}\n", moved.join("\n")));
    }
    out
}

fn corpus() -> Vec<(String, String)> {
    let mut dirs = vec![
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("records"),
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
    ];
    dirs.extend(std::env::var_os("NASTAVNYK_PLACE_CORPUS").map(std::path::PathBuf::from));
    let mut files = Vec::new();
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "toml")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                files.push((path.display().to_string(), text));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_scanner_places_keys_as_toml_edit_does_in_every_record_file() {
    let files = corpus();
    assert!(files.len() > 50, "the demo registry and fixtures are there");
    let (mut held, mut answered) = (0, 0);
    for (name, text) in &files {
        let (h, a) = differ(name, text);
        held += h;
        answered += a;
    }
    // The records are in the layout the tool writes: the scanner places nearly every key.
    assert!(answered * 10 >= held * 9, "the scanner placed {answered} of {held} keys");
}

#[test]
fn the_scanner_answers_like_toml_edit_or_declines_on_mutated_records() {
    let files = corpus();
    let samples = ["children/", "mentors/", "agreements/", "institutions/", "nastavnyk.toml"]
        .iter()
        .filter_map(|part| files.iter().find(|(name, _)| name.contains(part)));
    let mut parsed = 0;
    for (name, text) in samples {
        for (n, mutated) in mutations(text).iter().enumerate() {
            let (asked, _) = differ(&format!("{name} mutation {n}"), mutated);
            parsed += usize::from(asked > 0);
        }
    }
    assert!(parsed > 50, "most mutations are valid TOML ({parsed})");
}

#[test]
fn the_scanner_declines_what_it_cannot_be_sure_of() {
    let plain =
        "id = \"a\"\n[consent]\nchild = 2026-01-01\n[[contacts]]\ndate = 1\n[[contacts]]\n  date = 2\n";
    assert_eq!(scan_key(plain, "", 0, "id"), Some((1, 1)));
    assert_eq!(scan_key(plain, "consent", 0, "child"), Some((3, 1)));
    assert_eq!(scan_key(plain, "contacts", 1, "date"), Some((7, 3)));
    assert_eq!(scan_key(plain, "contacts", 2, "date"), None, "no third contact");
    assert_eq!(scan_key(plain, "consent", 0, "mentor"), None, "not found: toml_edit names the table");
    assert_eq!(scan_key(plain, "", 0, ""), None, "the table itself");
    assert_eq!(scan_key(plain, "a.b", 0, "id"), None, "a dotted table");
    let declined = [
        "note = \"\"\"\nchild = 1\n\"\"\"\nid = 1\n",
        "consent.child = 1\nid = 1\n",
        "\"id\" = 1\n",
        "x = { a = 1 }\nid = 1\n",
        "[\"consent\"]\nchild = 1\n",
        "[consent]\n\"child\" = 1\n",
        "[consent]\nchild.x = 1\n",
    ];
    // A quoted or dotted key in another table cannot be the wanted one.
    let signed = "id = 1\n[signed_fields]\n\"agreement.child\" = \"8de4\"\na.b = 1\n[consent]\nchild = 1\n";
    assert_eq!(scan_key(signed, "consent", 0, "child"), Some((6, 1)));
    for text in declined {
        assert!(
            scan_key(text, "", 0, "id").is_none() && scan_key(text, "consent", 0, "child").is_none(),
            "{text}"
        );
    }
}
