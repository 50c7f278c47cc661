//! The parse cache (`.git/nastavnyk/cache-v1`) and the places cache beside it never change a verdict: after every one of a
//! seeded series of random edits, the reading commands say exactly what they say with the
//! cache turned off (`NASTAVNYK_NO_CACHE=1`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::{Registry, Rng, Run};

const DISABLE: &str = "NASTAVNYK_NO_CACHE";

/// The commands that read the whole registry through the same load.
const COMMANDS: [&[&str]; 5] = [
    &["--format", "json", "check"],
    // Text: each finding's line is shown, from the places cache when the file is unchanged.
    &["check"],
    &["--format", "json", "due"],
    &["--format", "json", "report", "monthly", "--month", "2026-10"],
    &["--format", "json", "status"],
];

fn cache_file(reg: &Registry) -> PathBuf {
    reg.root().join(".git/nastavnyk/cache-v1")
}

fn record_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["children", "mentors", "institutions", "agreements"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            if entry.path().extension().is_some_and(|e| e == "toml") {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    files
}

/// Every command, with the cache and without it: the same exit code and the same words.
#[track_caller]
fn assert_same(reg: &Registry, step: &str) {
    for args in COMMANDS {
        let cached = reg.run(args);
        let plain = reg.run_with(args, |c| {
            c.env(DISABLE, "1");
        });
        let show = |run: &Run| format!("exit {}\n{}\n{}", run.code, run.stdout, run.stderr);
        assert_eq!(show(&cached), show(&plain), "{step}: `{}` differs with the cache", args.join(" "));
    }
}

/// The positions of the digits of the unquoted dates (`= 2009-05-10`) in `text`.
fn date_digits(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut at = Vec::new();
    for i in 0..bytes.len().saturating_sub(12) {
        if bytes[i] == b'=' && bytes[i + 1] == b' ' {
            let d = &bytes[i + 2..i + 12];
            if d[4] == b'-'
                && d[7] == b'-'
                && d.iter().enumerate().all(|(k, b)| k == 4 || k == 7 || b.is_ascii_digit())
            {
                at.extend([0, 1, 2, 3, 5, 6, 8, 9].map(|k| i + 2 + k));
            }
        }
    }
    at
}

/// One digit of one date changed to another digit: the same size, often another verdict (a
/// future date, a day the calendar lacks, a changed age).
fn same_size_edit(rng: &mut Rng, text: &str) -> Option<String> {
    let digits = date_digits(text);
    if digits.is_empty() {
        return None;
    }
    let at = digits[rng.index(digits.len())];
    let mut bytes = text.as_bytes().to_vec();
    let old = bytes[at];
    bytes[at] = b'0' + ((old - b'0') + 1 + rng.index(9) as u8) % 10;
    Some(String::from_utf8(bytes).unwrap())
}

fn edit(rng: &mut Rng, reg: &Registry) -> String {
    let root = reg.root();
    let files = record_files(&root);
    let path = &files[rng.index(files.len())];
    let name = path.strip_prefix(&root).unwrap().display().to_string();
    let text = std::fs::read_to_string(path).unwrap();
    match rng.index(9) {
        0 => {
            let Some(new) = same_size_edit(rng, &text) else { return format!("nothing in {name}") };
            std::fs::write(path, new).unwrap();
            format!("a date digit in {name}")
        }
        1 => {
            // The racy case: the same size, and the mtime put back as it was.
            let Some(new) = same_size_edit(rng, &text) else { return format!("nothing in {name}") };
            let mtime = std::fs::metadata(path).unwrap().modified().unwrap();
            std::fs::write(path, new).unwrap();
            std::fs::File::options().write(true).open(path).unwrap().set_modified(mtime).unwrap();
            format!("a date digit in {name}, mtime restored")
        }
        2 => {
            let cut = rng.index(text.len());
            let cut = (0..=cut).rev().find(|i| text.is_char_boundary(*i)).unwrap();
            std::fs::write(path, &text[..cut]).unwrap();
            format!("{name} cut at {cut}")
        }
        3 => {
            std::fs::write(path, format!("{text}\nbroken = = 1\n")).unwrap();
            format!("{name} broken")
        }
        4 => {
            // A copy under a new name: an ID that differs from its file, or a duplicate.
            let copy = path.with_file_name(format!("x-{}.toml", rng.index(1000)));
            std::fs::write(&copy, &text).unwrap();
            format!("{name} copied")
        }
        5 => {
            std::fs::remove_file(path).unwrap();
            format!("{name} removed")
        }
        8 => {
            // Lines added above everything: every finding of the file moves down (the places
            // cache must not show the old lines).
            std::fs::write(path, format!("# a note\n\n{text}")).unwrap();
            format!("lines added to {name}")
        }
        6 => {
            // Touched, nothing changed.
            std::fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(std::time::SystemTime::now())
                .unwrap();
            format!("{name} touched")
        }
        _ => {
            // A value in quotes changed (a name, a code): another size.
            let Some(start) = text.find("= \"") else { return format!("nothing in {name}") };
            let mut new = text.clone();
            new.insert(start + 3, 'Ї');
            std::fs::write(path, new).unwrap();
            format!("a value in {name}")
        }
    }
}

#[test]
fn the_cache_never_changes_a_verdict_over_random_edits() {
    let reg = Registry::demo();
    assert_same(&reg, "the start");
    assert!(cache_file(&reg).is_file(), "a registry in git gets a cache");
    let mut rng = Rng(16);
    for round in 0..24 {
        let mut done = Vec::new();
        for _ in 0..1 + rng.index(3) {
            done.push(edit(&mut rng, &reg));
        }
        if round % 6 == 5 {
            reg.git(&["checkout", "-q", "--", "."]);
            done.push("checked out".into());
        }
        // Every other round lets the clock tick past the edits, so that they settle and are
        // served from the cache next time; the others read files changed in this very tick.
        if round % 2 == 0 {
            std::thread::sleep(Duration::from_millis(30));
        }
        assert_same(&reg, &format!("round {round}: {}", done.join(", ")));
    }
}

/// A finding's line comes from the places cache only while its file is unchanged: lines
/// added above it move it, and so do the same bytes rearranged with the mtime put back.
#[test]
fn a_finding_moves_with_its_line_when_its_file_changes() {
    let reg = Registry::demo();
    let rel = "agreements/a-0019.toml";
    let lines = |reg: &Registry| {
        let run = reg.run(&["--format", "json", "check"]);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let mut lines: Vec<u64> = json["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| w["file"] == rel)
            .filter_map(|w| w["line"].as_u64())
            .collect();
        lines.sort();
        lines
    };
    std::thread::sleep(Duration::from_millis(30));
    let before = lines(&reg);
    assert!(!before.is_empty(), "the demo has a placed finding in {rel}");
    assert!(reg.root().join(".git/nastavnyk/places-v1").is_file(), "the positions are kept");
    std::thread::sleep(Duration::from_millis(30));
    assert_eq!(lines(&reg), before, "served from the places cache");
    let text = reg.read(rel);
    reg.write(rel, &format!("# a note\n\n{text}"));
    std::thread::sleep(Duration::from_millis(30));
    assert_eq!(lines(&reg), before.iter().map(|n| n + 2).collect::<Vec<_>>(), "two lines added above");
    assert_same(&reg, "lines added");
    // The same size, the mtime put back, in the same clock tick as the last read.
    let path = reg.root().join(rel);
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    reg.write(rel, &format!("\n# a note\n{text}"));
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(mtime).unwrap();
    assert_eq!(lines(&reg), before.iter().map(|n| n + 2).collect::<Vec<_>>());
    reg.write(rel, &format!("# a\n{text}\n\n\n\n\n\n"));
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(mtime).unwrap();
    assert_eq!(lines(&reg), before.iter().map(|n| n + 1).collect::<Vec<_>>(), "one line, same size");
    assert_same(&reg, "rearranged");
    // The finding's own line changed, its place not: the text shows the new line.
    let text = reg.read(rel);
    let line = before[0] as usize + 1;
    let edited: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(k, l)| if k + 1 == line { format!("{l}  # edited") } else { l.to_string() })
        .collect();
    std::thread::sleep(Duration::from_millis(30));
    reg.write(rel, &(edited.join("\n") + "\n"));
    std::thread::sleep(Duration::from_millis(30));
    let shown = reg.run(&["check"]).stdout;
    assert!(shown.contains("# edited"), "{shown}");
    assert_same(&reg, "the line edited");
}

/// Nothing changed and every file settled: the second read is served from the cache whole
/// and does not rewrite it.
#[test]
fn an_unchanged_registry_is_read_from_the_cache_without_rewriting_it() {
    let reg = Registry::demo();
    std::thread::sleep(Duration::from_millis(30));
    reg.run(&["check"]).expect(0);
    let first = identity(&cache_file(&reg));
    reg.run(&["check"]).expect(0);
    assert_eq!(identity(&cache_file(&reg)), first, "the cache was rewritten with nothing changed");
    // One file changed: the cache is rewritten, and the verdict follows the file.
    let text = reg.read("children/c-0001.toml").replace("birth_date = 2009-05-10", "birth_date = 2039-05-10");
    reg.write("children/c-0001.toml", &text);
    let run = reg.run(&["--format", "json", "check"]).expect(1);
    assert!(run.stdout.contains("children/c-0001.toml"), "{}", run.stdout);
    assert_ne!(identity(&cache_file(&reg)), first);
}

/// A file's inode and modification time: a rewritten cache is a new file.
fn identity(path: &Path) -> (u64, i64, i64) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).unwrap();
    (meta.ino(), meta.mtime(), meta.mtime_nsec())
}

/// A damaged, truncated or foreign cache is ignored and rebuilt; a `.git` where no cache can
/// be written, or no `.git` at all, only means reading without it.
#[test]
fn a_damaged_or_unwritable_cache_is_never_an_error() {
    let reg = Registry::demo();
    std::thread::sleep(Duration::from_millis(30));
    assert_same(&reg, "the start");
    let path = cache_file(&reg);
    let whole = std::fs::read(&path).unwrap();
    for (what, bytes) in [
        ("truncated", whole[..whole.len() / 2].to_vec()),
        ("empty", Vec::new()),
        ("a flipped byte", {
            let mut b = whole.clone();
            let at = b.len() / 3;
            b[at] ^= 0x55;
            b
        }),
        ("foreign", b"something else entirely".to_vec()),
    ] {
        std::fs::write(&path, bytes).unwrap();
        assert_same(&reg, what);
        // Rebuilt whole: the next read is served from it and leaves it as it is. (Its length
        // may differ from the first one's: a first cache is written in blocks as the files
        // are read, as many as the threads made.)
        std::thread::sleep(Duration::from_millis(30));
        let rebuilt = identity(&path);
        assert_ne!(std::fs::read(&path).unwrap(), b"something else entirely", "{what}: rebuilt");
        reg.run(&["check"]).expect(0);
        assert_eq!(identity(&path), rebuilt, "{what}: the rebuilt cache is whole");
    }

    // A temporary cache left by a killed process: removed once it is an hour old.
    let dir = reg.root().join(".git/nastavnyk");
    let (old, new) = (dir.join("cache-v1.tmpKILLED"), dir.join("cache-v1.tmpRECENT"));
    for path in [&old, &new] {
        std::fs::write(path, "half a cache").unwrap();
    }
    let two_hours_ago = std::time::SystemTime::now() - Duration::from_secs(7200);
    std::fs::File::options().write(true).open(&old).unwrap().set_modified(two_hours_ago).unwrap();
    reg.run(&["check"]).expect(0);
    assert!(!old.exists() && new.exists(), "only the stale temporary cache is removed");
    std::fs::remove_file(&new).unwrap();

    // `.git/nastavnyk` taken by a plain file: no cache can be written (as in a read-only
    // `.git`), and every command still works.
    std::fs::remove_dir_all(reg.root().join(".git/nastavnyk")).unwrap();
    std::fs::write(reg.root().join(".git/nastavnyk"), "not a folder").unwrap();
    assert_same(&reg, "no place for a cache");
    std::fs::remove_file(reg.root().join(".git/nastavnyk")).unwrap();

    // Outside git: no cache, the same answers.
    std::fs::remove_dir_all(reg.root().join(".git")).unwrap();
    assert_same(&reg, "outside git");
    assert!(!reg.root().join(".git").exists());
}
