//! A fuzz-style test of the record parser, run with every `cargo test`: thousands of damaged
//! copies of the demo records (truncated, with characters replaced, with values of the wrong
//! type) must each parse or be refused with problems that name the file and a line — never a
//! panic, never a hang. Deterministic (a fixed seed), so a failure can be replayed.

use std::time::{Duration, Instant};

use super::parse_record;
use crate::diagnostic::Diagnostic;
use crate::record::{Agreement, Child, Institution, Kind, Mentor, Record};

/// A small xorshift generator: enough to spread mutations, fixed for replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
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
