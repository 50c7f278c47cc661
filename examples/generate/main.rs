//! Deterministic generator of large, *valid*, entirely synthetic `nastavnyk` registries
//! (for benchmarks and scale tests): `cargo run --release --example generate -- --out DIR …`.
//!
//! ```text
//! generate --out DIR [--children 100000] [--mentors 100000] [--agreements 50000]
//!          [--contacts 1000000] [--communities 1000] [--seed 1] [--threads N]
//! ```
//!
//! The output follows docs/schema.md and is consistent with docs/rules.md as of the fixed "today"
//! 2026-11-23: unique IDs and persons (surname + given name + birth date), valid references,
//! ordered dates, agreements only between children and mentors eligible under the agreement's
//! regime, at most `capacity` open agreements per mentor and one per child, `ends_on` computed
//! from the child. The same seed always gives byte-identical files (independent of --threads):
//! every decision that must be globally consistent is taken sequentially (phase 1), and each
//! file's cosmetic details come from a per-record PRNG (phase 2, parallel).
//!
//! Modules: `rng` (splitmix64), `dates`, `vocab` (word lists), `world` (phase 1), `render`
//! (phase 2); this file parses the flags and writes the files.

mod dates;
mod render;
mod rng;
mod vocab;
mod world;

use std::fs;
use std::path::{Path, PathBuf};
use std::process;
use std::time::Instant;

use rayon::prelude::*;

use render::*;
use world::*;

// ------------------------------------------------------------------------------------------
// output

fn write_all(w: &World, out: &Path, threads: usize) -> std::io::Result<u64> {
    for d in ["children", "mentors", "institutions", "agreements"].iter() {
        fs::create_dir_all(out.join(d))?;
    }
    fs::write(out.join("nastavnyk.toml"), render_config(w))?;
    // As `nastavnyk init` writes it: the tool's lock and working copies are never committed.
    fs::write(
        out.join(".gitignore"),
        "# nastavnyk's lock and working copies\n.nastavnyk.lock\n.*.tmp\n.*.edit.toml\n",
    )?;
    let jobs: Vec<Job> = vec![
        ("institutions", 'i', w.institutions.len(), render_institution),
        ("children", 'c', w.children.len(), render_child),
        ("mentors", 'm', w.mentors.len(), render_mentor),
        ("agreements", 'a', w.agreements.len(), render_agreement),
    ];
    // Every file is a pure function of (world, index), so the order files are written in
    // (and the number of threads) never changes their bytes.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    pool.install(|| {
        jobs.iter()
            .map(|&(dir, prefix, n, render)| {
                (0..n)
                    .into_par_iter()
                    .map_init(
                        || (String::with_capacity(64 * 1024), String::new()),
                        |(buf, path), i| -> std::io::Result<u64> {
                            buf.clear();
                            render(w, i, buf);
                            path.clear();
                            path.push_str(dir);
                            path.push('/');
                            id(path, prefix, i, w.width);
                            path.push_str(".toml");
                            fs::write(out.join(&*path), buf.as_bytes())?;
                            Ok(buf.len() as u64)
                        },
                    )
                    .try_reduce(|| 0, |a, b| Ok(a + b))
            })
            .sum()
    })
}

fn usage() -> ! {
    eprintln!(
        "usage: generate --out DIR [--children 100000] [--mentors 100000] [--agreements 50000]\n\
         \x20               [--contacts 1000000] [--communities 1000] [--seed 1] [--threads N]"
    );
    process::exit(2)
}

/// A kind of file to write: (folder, ID prefix, count, how to write one).
type Job = (&'static str, char, usize, fn(&World, usize, &mut String));

fn main() {
    let mut out: Option<PathBuf> = None;
    let (mut children, mut mentors, mut agreements, mut contacts, mut communities, mut seed) =
        (100_000u64, 100_000u64, 50_000u64, 1_000_000u64, 1_000u64, 1u64);
    let mut threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(4).clamp(1, 16) as u64;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        if flag == "-h" || flag == "--help" {
            usage();
        }
        let val = match args.get(i + 1) {
            Some(v) => v.clone(),
            None => usage(),
        };
        let num = || -> u64 {
            val.replace('_', "").parse().unwrap_or_else(|_| {
                eprintln!("generate: {} needs a number, got {:?}", flag, val);
                process::exit(2)
            })
        };
        match flag {
            "--out" | "-o" => out = Some(PathBuf::from(&val)),
            "--children" => children = num(),
            "--mentors" => mentors = num(),
            "--agreements" => agreements = num(),
            "--contacts" => contacts = num(),
            "--communities" => communities = num(),
            "--seed" => seed = num(),
            "--threads" => threads = num().max(1),
            _ => {
                eprintln!("generate: unknown flag {}", flag);
                usage()
            }
        }
        i += 2;
    }
    let out = out.unwrap_or_else(|| usage());
    if communities == 0 {
        eprintln!("generate: --communities must be at least 1");
        process::exit(2);
    }
    if out.join("nastavnyk.toml").exists() || out.join("children").exists() {
        eprintln!("generate: {} already holds a registry; choose an empty directory", out.display());
        process::exit(2);
    }
    let start = Instant::now();
    let world =
        build(seed, children as usize, mentors as usize, agreements as usize, contacts, communities as usize);
    let bytes = match write_all(&world, &out, threads as usize) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("generate: writing {}: {}", out.display(), e);
            process::exit(1)
        }
    };
    let n_contacts: u64 = world.agreements.iter().map(|a| a.contacts as u64).sum();
    let mut by_status = [0usize; 4];
    for a in &world.agreements {
        let k = match a.status {
            "active" => 0,
            "suspended" => 1,
            "proposed" => 2,
            _ => 3,
        };
        by_status[k] += 1;
    }
    if (agreements as usize) > world.agreements.len() {
        eprintln!(
            "generate: note: --agreements {} capped at {} (one agreement per child and mentor)",
            agreements,
            world.agreements.len()
        );
    }
    println!(
        "generated {}: {} communities, {} institutions, {} children, {} mentors, {} agreements \
         ({} active, {} suspended, {} proposed, {} closed), {} contacts, {:.1} MB in {:.2} s (seed {}, {} threads)",
        out.display(),
        world.communities.len(),
        world.institutions.len(),
        world.children.len(),
        world.mentors.len(),
        world.agreements.len(),
        by_status[0],
        by_status[1],
        by_status[2],
        by_status[3],
        n_contacts,
        bytes as f64 / 1e6,
        start.elapsed().as_secs_f64(),
        seed,
        threads
    );
}
