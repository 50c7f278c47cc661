//! The quick TOML reader (`registry::quick`) against the `toml` crate on a generated registry:
//! every file the generator writes (its own render functions, the bytes `--out` would hold)
//! must be taken by the quick reader and read into the very record `toml::from_str` gives.
//! The demo records and mutated files are compared in the unit tests (`registry::quick`,
//! `registry::fuzz`).

#[allow(dead_code)]
#[path = "../examples/generate/dates.rs"]
mod dates;
#[allow(dead_code)]
#[path = "../examples/generate/render.rs"]
mod render;
#[allow(dead_code)]
#[path = "../examples/generate/rng.rs"]
mod rng;
#[allow(dead_code)]
#[path = "../examples/generate/vocab.rs"]
mod vocab;
#[allow(dead_code)]
#[path = "../examples/generate/world.rs"]
mod world;

use std::fmt::Debug;

use nastavnyk::record::{Agreement, Child, Institution, Mentor, Record};
use nastavnyk::registry::quick;

fn each_file_read_alike<T: Record + Debug>(
    w: &world::World,
    count: usize,
    render: fn(&world::World, usize, &mut String),
) -> usize {
    let mut text = String::new();
    for i in 0..count {
        text.clear();
        render(w, i, &mut text);
        let expected: T = toml::from_str(&text).unwrap_or_else(|err| panic!("toml refuses ({err}):\n{text}"));
        let record = quick::from_str::<T>(&text).unwrap_or_else(|| panic!("quick declined:\n{text}"));
        assert_eq!(format!("{record:?}"), format!("{expected:?}"), "differs:\n{text}");
        // Windows line ends, as a checkout with autocrlf gives them.
        let crlf = text.replace('\n', "\r\n");
        let record = quick::from_str::<T>(&crlf).unwrap_or_else(|| panic!("quick declined CRLF:\n{text}"));
        assert_eq!(format!("{record:?}"), format!("{expected:?}"), "differs with CRLF:\n{text}");
    }
    count
}

#[test]
fn every_file_of_a_generated_registry_is_read_quickly_and_as_toml_reads_it() {
    let w = world::build(7, 2_000, 2_000, 1_000, 12_000, 40);
    let read = each_file_read_alike::<Child>(&w, w.children.len(), render::render_child)
        + each_file_read_alike::<Mentor>(&w, w.mentors.len(), render::render_mentor)
        + each_file_read_alike::<Institution>(&w, w.institutions.len(), render::render_institution)
        + each_file_read_alike::<Agreement>(&w, w.agreements.len(), render::render_agreement);
    assert!(w.agreements.len() > 500, "the registry has agreements: {}", w.agreements.len());
    assert!(read > 5_000, "{read} files");
}

/// Parsing alone, one thread, every record file of a registry read into memory first:
/// `toml::from_str` against `quick::from_str`. A measurement, not a test:
/// `QUICK_BENCH_DIR=/tmp/n225k cargo test --release --test quick_differential -- --ignored --nocapture`.
#[test]
#[ignore]
fn parse_speed() {
    let dir = std::path::PathBuf::from(std::env::var("QUICK_BENCH_DIR").unwrap_or("/tmp/n225k".into()));
    let read = |kind: &str| -> Vec<String> {
        let mut files: Vec<_> =
            std::fs::read_dir(dir.join(kind)).unwrap().flatten().map(|e| e.path()).collect();
        files.sort();
        files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
    };
    fn time<T: Record>(texts: &[String], quick_reader: bool) -> (f64, usize) {
        let started = std::time::Instant::now();
        let mut taken = 0;
        for text in texts {
            let ok = if quick_reader {
                quick::from_str::<T>(text).map(std::hint::black_box).is_some()
            } else {
                toml::from_str::<T>(text).map(std::hint::black_box).is_ok()
            };
            taken += usize::from(ok);
        }
        (started.elapsed().as_secs_f64(), taken)
    }
    let kinds = [
        ("children", read("children")),
        ("mentors", read("mentors")),
        ("institutions", read("institutions")),
        ("agreements", read("agreements")),
    ];
    let (mut total_toml, mut total_quick, mut total_bytes) = (0.0, 0.0, 0usize);
    for (kind, texts) in &kinds {
        let bytes: usize = texts.iter().map(String::len).sum();
        let run = |quick_reader: bool| match *kind {
            "children" => time::<Child>(texts, quick_reader),
            "mentors" => time::<Mentor>(texts, quick_reader),
            "institutions" => time::<Institution>(texts, quick_reader),
            _ => time::<Agreement>(texts, quick_reader),
        };
        let (t_toml, ok_toml) = run(false);
        let (t_quick, ok_quick) = run(true);
        let mb = bytes as f64 / 1e6;
        println!(
            "{kind:>12}: {} files, {mb:.1} MB; toml {t_toml:.3} s ({:.0} MB/s, {ok_toml} read), \
             quick {t_quick:.3} s ({:.0} MB/s, {ok_quick} taken), {:.1}×",
            texts.len(),
            mb / t_toml,
            mb / t_quick,
            t_toml / t_quick
        );
        total_toml += t_toml;
        total_quick += t_quick;
        total_bytes += bytes;
    }
    let mb = total_bytes as f64 / 1e6;
    println!(
        "       total: {mb:.1} MB; toml {total_toml:.3} s ({:.0} MB/s), quick {total_quick:.3} s ({:.0} MB/s), {:.1}×",
        mb / total_toml,
        mb / total_quick,
        total_toml / total_quick
    );
}
