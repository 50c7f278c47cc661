use std::path::Path;

use serde::{Deserialize, Serialize};

use super::from_slice;
use crate::record::{Agreement, Child, Institution, Kind, Mentor, Record};
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
    let mut bytes = Vec::new();
    packed::write(&mut bytes, value).expect("encodes");
    bytes
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

/// A small xorshift generator, fixed for replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
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
