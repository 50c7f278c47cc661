//! A fuzz-style test of the record parser, run with every `cargo test`: thousands of damaged
//! copies of the demo records (truncated, with characters replaced, with values of the wrong
//! type) must each parse or be refused with problems that name the file and a line — never a
//! panic, never a hang. Deterministic (a fixed seed), so a failure can be replayed.

use std::time::{Duration, Instant};

use super::parse_record;
use crate::diagnostic::Diagnostic;
use crate::record::{Agreement, Child, Institution, Kind, Mentor, Record};

/// A small xorshift generator: enough to spread mutations, fixed for replay (also the cache
/// decoder's damage tests).
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Characters that break TOML in interesting ways, and a few that test our own limits.
const NASTY: &[&str] = &[
    "\"", "'", "[", "]", "{", "}", "=", "\n", "\\", "#", ",", ".", "\u{0}", "\u{1b}", "\u{7}", "\u{b}",
    "\u{200b}", "й", "9", "-", " ", "\"\"\"", "[[", "nan", "inf", "1e308",
];

/// Values of every wrong type, put where another type belongs.
const VALUES: &[&str] = &[
    "5",
    "-1",
    "1e308",
    "nan",
    "inf",
    "\"x\"",
    "\"2026-02-30\"",
    "[1, 2]",
    "{ a = 1 }",
    "true",
    "2026-02-30",
    "1979-01-01",
    "10:00:00",
    "\"\"",
    "[]",
    "\"a\\u001bb\"",
    "9999999999999999999999",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    match rng.below(4) {
        // Truncated anywhere.
        0 => chars[..rng.below(chars.len())].iter().collect(),
        // One to three characters replaced or inserted.
        1 => {
            let mut out: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
            for _ in 0..=rng.below(3) {
                let at = rng.below(out.len());
                let nasty = NASTY[rng.below(NASTY.len())].to_string();
                if rng.below(2) == 0 { out[at] = nasty } else { out.insert(at, nasty) }
            }
            out.concat()
        }
        // A value of the wrong type.
        2 => {
            let lines: Vec<&str> = text.lines().collect();
            let at = rng.below(lines.len());
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            if let Some((key, _)) = lines[at].split_once(" = ") {
                out[at] = format!("{key} = {}", VALUES[rng.below(VALUES.len())]);
            }
            out.join("\n")
        }
        // A line duplicated or dropped (duplicate keys, missing keys).
        _ => {
            let mut lines: Vec<&str> = text.lines().collect();
            let at = rng.below(lines.len());
            if rng.below(2) == 0 {
                lines.insert(at, lines[at]);
            } else {
                lines.remove(at);
            }
            lines.join("\n")
        }
    }
}

fn assert_placed(rel: &str, text: &str, problems: &[Diagnostic]) {
    assert!(!problems.is_empty(), "refused without a problem:\n{text}");
    for problem in problems {
        assert_eq!(problem.file, rel, "{problem:?}");
        assert!(problem.line.is_some(), "no line for {problem:?} in:\n{text}");
    }
}

fn fuzz_kind<T: Record>(kind: Kind, seed: u64, rounds: usize) -> (usize, usize) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records").join(kind.dir());
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    let texts: Vec<String> = files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    let mut rng = Rng(seed);
    let (mut refused, mut parsed) = (0, 0);
    for _ in 0..rounds {
        let pick = rng.below(texts.len());
        let text = mutate(&mut rng, &texts[pick]);
        let rel = format!("{}/x.toml", kind.dir());
        let started = Instant::now();
        match parse_record::<T>(&rel, &text) {
            Ok(_) => parsed += 1,
            Err(problems) => {
                assert_placed(&rel, &text, &problems);
                refused += 1;
            }
        }
        assert!(started.elapsed() < Duration::from_secs(2), "parsing took too long:\n{text}");
    }
    (refused, parsed)
}

#[test]
fn damaged_records_are_refused_with_a_file_and_a_line_never_a_panic() {
    // Four kinds × 1,000 mutations: a few seconds in a debug build.
    let results = [
        fuzz_kind::<Child>(Kind::Child, 0x9E37_79B9_7F4A_7C15, 1000),
        fuzz_kind::<Mentor>(Kind::Mentor, 0xD1B5_4A32_D192_ED03, 1000),
        fuzz_kind::<Institution>(Kind::Institution, 0x94D0_49BB_1331_11EB, 1000),
        fuzz_kind::<Agreement>(Kind::Agreement, 0xBF58_476D_1CE4_E5B9, 1000),
    ];
    // The mutations must actually break files (a fuzzer that only produces valid records
    // proves nothing) and leave some valid (a parser that refuses everything is wrong too).
    for (refused, parsed) in results {
        assert!(refused > 300, "only {refused} refused");
        assert!(parsed > 10, "only {parsed} parsed");
    }
}

// ------------------------------------------------------------------------------------------
// The quick reader against `toml` (see `quick.rs`): whatever the quick reader takes, `toml`
// takes too and makes the same of it. The mutations aim at the edges of its subset.

/// Pieces put anywhere: quotes, escapes, brackets, controls, line ends, number syntax.
const EDGES: &[&str] = &[
    "\"", "'", "\\", "[", "]", "[[", "]]", "=", "\n", "\r", "\r\n", "#", ",", ".", "\u{0}", "\u{1b}",
    "\u{7f}", "\u{85}", "\t", " ", "{", "}", "\"\"\"", "'''", "_", "+", "-", "e", "E", "T", ":", "\u{feff}",
    "0", "\\u0041", "\\n", "й", "\u{2028}",
];

/// Values put in place of a value: the near misses of dates, numbers, strings and arrays.
const NEAR: &[&str] = &[
    "2026-02-30",
    "2026-02-29",
    "2028-02-29",
    "2026-11-23T10:00:00",
    "2026-11-23t10:00:00",
    "2026-11-23 10:00",
    "2026-11-23 10:00:00",
    "2026-11-23T10:00:00Z",
    "2026-11-23 # a comment",
    "1979-05-27T07:32:00+02:00",
    "07:32:00",
    "0000-01-01",
    "2026-1-23",
    "20261123",
    "007",
    "0",
    "-0",
    "+0",
    "+5",
    "-5",
    "1_000",
    "99999999999999999999",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "0x10",
    "0o7",
    "0b1",
    "1.",
    ".5",
    "1e3",
    "1.5e-3",
    "1.5E3",
    "2.0",
    "3.5",
    "1.25",
    "-0.0",
    "+1.5",
    "0.1",
    "1.333333",
    "00.5",
    "inf",
    "-inf",
    "nan",
    "true",
    "false",
    "True",
    "\"a\\nb\"",
    "\"\\u0041\"",
    "\"x\\\"y\"",
    "'lit'",
    "'it''s'",
    "\"\"",
    "''",
    "\"\"\"x\"\"\"",
    "'''x'''",
    "\"tab\there\"",
    "[1,]",
    "[ \"uk\" , \"en\" , ]",
    "[\n\"uk\",\n# c\n]",
    "[\"uk\" \"en\"]",
    "[[1]]",
    "[]",
    "[,]",
    "{ a = 1 }",
    "\"female\"",
    "\"active\"",
    "\"meeting\"",
];

fn lines_of(text: &str) -> Vec<String> {
    text.split('\n').map(str::to_string).collect()
}

fn edge_mutation(rng: &mut Rng, text: &str) -> String {
    let mut lines = lines_of(text);
    let at = rng.below(lines.len());
    match rng.below(9) {
        // A character replaced by any ASCII byte.
        0 => {
            let mut chars: Vec<char> = text.chars().collect();
            let i = rng.below(chars.len());
            if !chars.is_empty() {
                chars[i] = char::from(rng.below(128) as u8);
            }
            return chars.into_iter().collect();
        }
        // A piece inserted anywhere.
        1 => {
            let mut chars: Vec<char> = text.chars().collect();
            let i = rng.below(chars.len() + 1).min(chars.len());
            let piece: Vec<char> = EDGES[rng.below(EDGES.len())].chars().collect();
            chars.splice(i..i, piece);
            return chars.into_iter().collect();
        }
        // A line duplicated, dropped or moved (duplicate keys, tables defined twice).
        2 => match rng.below(3) {
            0 => {
                let line = lines[at].clone();
                lines.insert(at, line);
            }
            1 => {
                lines.remove(at);
            }
            _ => {
                let line = lines.remove(at);
                let to = rng.below(lines.len() + 1).min(lines.len());
                lines.insert(to, line);
            }
        },
        // A key made dotted, quoted, or spaced.
        3 => {
            if let Some((key, value)) = lines[at].split_once(" = ") {
                let key = match rng.below(5) {
                    0 => format!("{key}.x"),
                    1 => format!("\"{key}\""),
                    2 => format!("'{key}'"),
                    3 => format!("{key} . x"),
                    _ => format!("\"{key}.x\""),
                };
                lines[at] = format!("{key} = {value}");
            }
        }
        // A header spaced, quoted, nested, or turned into the other kind.
        4 => {
            if let Some(name) = lines[at].strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let name = name.trim_matches(|c| c == '[' || c == ']');
                lines[at] = match rng.below(6) {
                    0 => format!("[ {name} ]"),
                    1 => format!("[\"{name}\"]"),
                    2 => format!("[{name}.sub]"),
                    3 => format!("[[{name}]]"),
                    4 => format!("[{name}]"),
                    _ => format!("[{name} . x]"),
                };
            }
        }
        // Line ends: all CRLF, or one line ending in a lone CR.
        5 => {
            if rng.below(2) == 0 {
                return text.replace('\n', "\r\n");
            }
            lines[at].push('\r');
        }
        // A value replaced by a near miss.
        6 | 7 => {
            if let Some((key, _)) = lines[at].split_once(" = ") {
                lines[at] = format!("{key} = {}", NEAR[rng.below(NEAR.len())]);
            }
        }
        // A comment or spaces added to a line.
        _ => {
            let extra = ["  # note", " \t", "#", " # \u{7}", "\t# «лапки» 'x' \"y\""];
            lines[at].push_str(extra[rng.below(extra.len())]);
        }
    }
    lines.join("\n")
}

/// Whether the quick reader took `text`; panics if it took it otherwise than `toml`.
fn quick_agrees<T: Record + std::fmt::Debug>(text: &str) -> bool {
    if let Some(table) = super::quick::from_str::<toml::Table>(text) {
        match toml::from_str::<toml::Table>(text) {
            Ok(expected) => {
                assert_eq!(format!("{table:?}"), format!("{expected:?}"), "table differs:\n{text:?}")
            }
            Err(err) => panic!("quick took what toml refuses ({err}):\n{text:?}"),
        }
    }
    let Some(record) = super::quick::from_str::<T>(text) else { return false };
    match toml::from_str::<T>(text) {
        Ok(expected) => {
            assert_eq!(format!("{record:?}"), format!("{expected:?}"), "record differs:\n{text:?}")
        }
        Err(err) => panic!("quick took a record toml refuses ({err}):\n{text:?}"),
    }
    true
}

fn differential<T: Record + std::fmt::Debug>(kind: Kind, seed: u64, rounds: usize) -> (usize, usize) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records").join(kind.dir());
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    let texts: Vec<String> = files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    let mut rng = Rng(seed);
    let (mut taken, mut declined) = (0, 0);
    for _ in 0..rounds {
        let mut text = texts[rng.below(texts.len())].clone();
        // One to three mutations on top of each other.
        for _ in 0..=rng.below(3) {
            text = edge_mutation(&mut rng, &text);
        }
        if quick_agrees::<T>(&text) { taken += 1 } else { declined += 1 }
    }
    (taken, declined)
}

#[test]
fn what_the_quick_reader_takes_toml_takes_and_reads_the_same() {
    let results = [
        differential::<Child>(Kind::Child, 0x243F_6A88_85A3_08D3, 3000),
        differential::<Mentor>(Kind::Mentor, 0x1319_8A2E_0370_7344, 3000),
        differential::<Institution>(Kind::Institution, 0xA409_3822_299F_31D0, 2000),
        differential::<Agreement>(Kind::Agreement, 0x082E_FA98_EC4E_6C89, 3000),
    ];
    // Both sides must be exercised: mutations the reader takes (so the comparison ran) and
    // ones it declines (so the edges were reached).
    for (taken, declined) in results {
        assert!(taken > 200, "only {taken} taken");
        assert!(declined > 200, "only {declined} declined");
    }
}
