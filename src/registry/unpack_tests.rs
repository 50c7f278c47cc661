use std::path::Path;

use serde::{Deserialize, Serialize};

use super::from_slice;
use crate::record::{Agreement, Child, Institution, Kind, Mentor, Record};
use crate::registry::fuzz::Rng;
use crate::registry::packed;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Inner {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    a: Option<String>,
    b: Vec<u32>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
enum Colour {
    DarkRed,
    Blue,
    Named(String),
    Pair(i8, bool),
    Mixed { weight: f32, code: char },
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Outer {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    list: Vec<Inner>,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    colour: Option<Colour>,
    hours: f64,
    map: std::collections::BTreeMap<String, i64>,
    last: Inner,
    maybe: Option<u64>,
    colours: Vec<Colour>,
    long: String,
    unit: (),
}

fn samples() -> Vec<Outer> {
    vec![
        Outer {
            list: vec![Inner { a: None, b: vec![1, 2, 300] }, Inner { a: Some("ї".into()), b: vec![] }],
            name: "Коваленко".into(),
            colour: Some(Colour::DarkRed),
            hours: 1.25,
            map: [("k".to_string(), -5), ("ґ".to_string(), i64::MIN), ("m".to_string(), i64::MAX)].into(),
            last: Inner { a: Some("x".into()), b: vec![u32::MAX] },
            maybe: Some(u64::MAX),
            colours: vec![
                Colour::Blue,
                Colour::Named("синій".into()),
                Colour::Pair(-128, true),
                Colour::Mixed { weight: -0.5, code: 'є' },
            ],
            long: "Довгий рядок, довший за шістдесят чотири байти: ".repeat(5),
            unit: (),
        },
        Outer {
            list: vec![],
            name: String::new(),
            colour: None,
            hours: 0.0,
            map: Default::default(),
            last: Inner { a: None, b: vec![] },
            maybe: None,
            colours: vec![],
            long: String::new(),
            unit: (),
        },
    ]
}

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    packed::to_vec(value).expect("encodes")
}

#[test]
fn values_of_every_shape_round_trip_without_field_or_variant_names() {
    for value in samples() {
        let bytes = encode(&value);
        assert!(!bytes.windows(4).any(|w| w == b"name"), "no field names");
        assert!(!bytes.windows(8).any(|w| w == b"dark_red"), "no variant names");
        assert_eq!(from_slice::<Outer>(&bytes).unwrap(), value);
    }
}

#[test]
fn the_strings_lie_together_ahead_of_the_structure() {
    let bytes = encode(&Inner { a: Some("абв".into()), b: vec![7] });
    // The heap's length (6), the heap, then a struct of two fields.
    assert_eq!(bytes[0], 6);
    assert_eq!(&bytes[1..7], "абв".as_bytes());
    assert_eq!(bytes[7], packed::tag::SHORT_STRUCT | 2);
}

#[test]
fn leftover_bytes_and_unused_strings_are_refused() {
    let bytes = encode(&Inner { a: Some("a".into()), b: vec![] });
    let mut longer = bytes.clone();
    longer.push(packed::tag::NIL);
    assert!(from_slice::<Inner>(&longer).is_err());
    // A heap with one more string than the structure names.
    let mut extra = vec![bytes[0] + 1];
    extra.extend_from_slice(&bytes[1..2]);
    extra.push(b'z');
    extra.extend_from_slice(&bytes[2..]);
    assert!(from_slice::<Inner>(&extra).is_err());
}

#[test]
fn a_string_cut_inside_a_character_is_refused() {
    // The heap is "ї" (2 bytes), the structure names a one-byte string, then another.
    let mut bytes = vec![2];
    bytes.extend_from_slice("ї".as_bytes());
    bytes.extend_from_slice(&[packed::tag::SEQ, 2, packed::tag::SHORT_STR | 1, packed::tag::SHORT_STR | 1]);
    assert!(from_slice::<Vec<String>>(&bytes).is_err());
}

#[test]
fn deep_nesting_is_refused_not_recursed() {
    let mut bytes = vec![0];
    bytes.extend(std::iter::repeat_n([packed::tag::SEQ, 1], 100_000).flatten());
    bytes.push(packed::tag::NIL);
    assert!(from_slice::<serde::de::IgnoredAny>(&bytes).is_err());
}

/// Every cut and every flipped byte of `bytes`, and random bytes of its length: each decodes
/// or is refused, never panics (the test fails on a panic).
fn damage<T: Serialize + serde::de::DeserializeOwned + std::fmt::Debug>(bytes: &[u8], rng: &mut Rng) {
    for cut in 0..bytes.len() {
        let _ = from_slice::<T>(&bytes[..cut]);
    }
    for at in 0..bytes.len() {
        let mut bad = bytes.to_vec();
        bad[at] ^= 1 << (rng.next() % 8);
        let _ = from_slice::<T>(&bad);
        bad[at] = rng.next() as u8;
        let _ = from_slice::<T>(&bad);
    }
    for _ in 0..64 {
        let random: Vec<u8> = (0..bytes.len()).map(|_| rng.next() as u8).collect();
        let _ = from_slice::<T>(&random);
    }
}

#[test]
fn damaged_and_random_entries_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for value in samples() {
        damage::<Outer>(&encode(&value), &mut rng);
    }
    for len in 0..200 {
        for _ in 0..50 {
            let random: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            let _ = from_slice::<Outer>(&random);
            let _ = from_slice::<Child>(&random);
            let _ = from_slice::<serde::de::IgnoredAny>(&random);
        }
    }
}

/// Every record of the registry at `root` encodes and decodes back equal (as the cache
/// reads it, dates from their strings); with `rng`, every damaged copy of the first `damaged`
/// records of each kind is tried too. Returns how many records were read.
fn round_trip_registry(root: &Path, mut rng: Option<&mut Rng>, damaged: usize) -> usize {
    fn kind<T: Record + Serialize + serde::de::DeserializeOwned + std::fmt::Debug>(
        root: &Path,
        kind: Kind,
        rng: &mut Option<&mut Rng>,
        damaged: usize,
    ) -> usize {
        let mut files: Vec<_> = std::fs::read_dir(root.join(kind.dir()))
            .map(|dir| dir.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
        files.sort();
        let mut count = 0;
        for (n, path) in files.iter().enumerate() {
            let text = std::fs::read_to_string(path).unwrap();
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            let Ok(record) = crate::registry::parse_record::<T>(&rel, &text) else { continue };
            let bytes = encode(&record);
            let back: T = crate::record::date::from_cache(|| from_slice(&bytes))
                .unwrap_or_else(|err| panic!("{rel} decodes: {err}"));
            assert_eq!(format!("{back:?}"), format!("{record:?}"), "{rel} round-trips");
            if let Some(rng) = rng.as_deref_mut().filter(|_| n < damaged) {
                crate::record::date::from_cache(|| damage::<T>(&bytes, rng));
            }
            count += 1;
        }
        count
    }
    kind::<Child>(root, Kind::Child, &mut rng, damaged)
        + kind::<Mentor>(root, Kind::Mentor, &mut rng, damaged)
        + kind::<Institution>(root, Kind::Institution, &mut rng, damaged)
        + kind::<Agreement>(root, Kind::Agreement, &mut rng, damaged)
}

#[test]
fn every_demo_record_round_trips_and_its_damaged_copies_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
    let mut rng = Rng(42);
    let count = round_trip_registry(&root, Some(&mut rng), 3);
    assert!(count > 50, "the demo registry's records were read ({count})");
}

/// A generated registry, made with `cargo run --example generate -- --out DIR ...`:
/// `NASTAVNYK_UNPACK_REGISTRY=DIR cargo test --lib unpack -- --ignored generated`.
#[test]
#[ignore = "needs a generated registry in NASTAVNYK_UNPACK_REGISTRY"]
fn every_generated_record_round_trips() {
    let root = std::env::var_os("NASTAVNYK_UNPACK_REGISTRY").expect("NASTAVNYK_UNPACK_REGISTRY=DIR");
    let mut rng = Rng(7);
    let count = round_trip_registry(Path::new(&root), Some(&mut rng), 20);
    eprintln!("{count} records round-trip");
    assert!(count > 0);
}

/// The old decoder (`rmp-serde`, format 2) against this one on every entry of a national
/// registry's cache, single-threaded, each record kept until the pass ends as a load keeps
/// it. The file must be a format-2 cache, copied before a new binary rewrote it:
/// `NASTAVNYK_UNPACK_BENCH=FILE cargo test --release --lib unpack -- --ignored --nocapture bench`.
#[test]
#[ignore = "a benchmark; needs a format-2 cache file in NASTAVNYK_UNPACK_BENCH"]
fn bench_old_and_new_decoders_side_by_side() {
    use std::time::{Duration, Instant};

    let path = std::env::var_os("NASTAVNYK_UNPACK_BENCH").expect("NASTAVNYK_UNPACK_BENCH=FILE");
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"NSTVKC\x02\n"), "a format-2 cache");
    // As `Old::parse` reads it: magic, context, stamp, then per kind a count and entries of
    // stem, key (48 bytes) and data; a checksum closes the file.
    let mut r = super::super::cache::Reader { bytes: &bytes[..bytes.len() - 4], at: 8 + 8 + 12 + 8 };
    let mut kinds: Vec<Vec<std::ops::Range<usize>>> = Vec::new();
    for _ in 0..4 {
        let count = r.u32().unwrap() as usize;
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            let stem_len = r.u8().unwrap() as usize;
            r.take(stem_len + 48).unwrap();
            let len = r.u32().unwrap() as usize;
            entries.push(r.take(len).unwrap());
        }
        kinds.push(entries);
    }
    let old: Vec<&[u8]> = kinds.iter().flatten().map(|range| &bytes[range.clone()]).collect();

    /// Decodes every entry of one kind, keeping the records; the time and the records.
    fn pass<T>(entries: &[&[u8]], decode: impl Fn(&[u8]) -> Option<T>) -> (Duration, Vec<T>) {
        let start = Instant::now();
        let records: Vec<T> = crate::record::date::from_cache(|| {
            entries.iter().map(|e| decode(e).expect("every entry decodes")).collect()
        });
        (start.elapsed(), records)
    }
    fn kind<T: Serialize + serde::de::DeserializeOwned + std::fmt::Debug>(
        name: &str,
        old: &[&[u8]],
    ) -> (Duration, Duration, usize, usize) {
        let (_, records) = pass(old, |e| rmp_serde::from_slice::<T>(e).ok());
        let new: Vec<Vec<u8>> = records.iter().map(encode).collect();
        let new: Vec<&[u8]> = new.iter().map(Vec::as_slice).collect();
        let (_, back) = pass(&new, |e| from_slice::<T>(e).ok());
        for (a, b) in records.iter().zip(&back).step_by(97) {
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
        }
        drop((records, back));
        let (mut t_old, mut t_new) = (Duration::MAX, Duration::MAX);
        for _ in 0..5 {
            let (t, records) = pass(old, |e| rmp_serde::from_slice::<T>(e).ok());
            t_old = t_old.min(t);
            drop(records);
            let (t, records) = pass(&new, |e| from_slice::<T>(e).ok());
            t_new = t_new.min(t);
            drop(records);
        }
        let size = |list: &[&[u8]]| list.iter().map(|e| e.len()).sum::<usize>();
        eprintln!(
            "{name:<12} {:>7} entries  old {:>7.1} ms {:>6.1} MB  new {:>7.1} ms {:>6.1} MB  ({:.2}x)",
            old.len(),
            t_old.as_secs_f64() * 1e3,
            size(old) as f64 / 1e6,
            t_new.as_secs_f64() * 1e3,
            size(&new) as f64 / 1e6,
            t_old.as_secs_f64() / t_new.as_secs_f64(),
        );
        (t_old, t_new, size(old), size(&new))
    }
    let mut at = 0;
    let mut next = |n: usize| {
        at += n;
        &old[at - n..at]
    };
    let results = [
        kind::<Child>("children", next(kinds[0].len())),
        kind::<Mentor>("mentors", next(kinds[1].len())),
        kind::<Institution>("institutions", next(kinds[2].len())),
        kind::<Agreement>("agreements", next(kinds[3].len())),
    ];
    let (t_old, t_new): (Duration, Duration) =
        results.iter().fold(Default::default(), |(a, b), r| (a + r.0, b + r.1));
    eprintln!(
        "all          old {:.1} ms, new {:.1} ms ({:.2}x); {:.1} MB -> {:.1} MB",
        t_old.as_secs_f64() * 1e3,
        t_new.as_secs_f64() * 1e3,
        t_old.as_secs_f64() / t_new.as_secs_f64(),
        results.iter().map(|r| r.2).sum::<usize>() as f64 / 1e6,
        results.iter().map(|r| r.3).sum::<usize>() as f64 / 1e6,
    );
}
