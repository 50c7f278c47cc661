//! Benchmark of the matching solver against scipy's `linear_sum_assignment` on identical
//! matrices: (a) 1,000 dense 100×100 communities, (b) one 5,000×5,000 community, (c) 1,000
//! communities ~100×100 with 60 % feasible pairs and some mentors of capacity 2.
//!
//! Writes the score matrices to `DIR/{a,b,c}.bin` (format: u64 block count, then per block u64
//! rows, u64 cols and rows*cols little-endian i64 scores, row-major; 0 = infeasible for (c),
//! whose columns are mentor slots) and our timings to `DIR/rust_results.txt`.
//! Run: `cargo run --release --example bench_solver -- DIR [N_BIG]`, then
//! `python3 bench/bench_solver.py DIR` (needs numpy and scipy).
use nastavnyk::matching::solver::{Edge, Objective, solve};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::time::Instant;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// Score as a weighted sum of four factors: 0..=20000 in steps of 50, heavily tied.
    fn score(&mut self) -> i64 {
        let f = |r: &mut Rng| r.below(41) as i64;
        50 * (4 * f(self) + 3 * f(self) + 2 * f(self) + f(self))
    }
}

/// One block: children × mentor slots, `None` = infeasible.
struct Block {
    rows: usize,
    /// capacity of each mentor; the matrix has one column per slot.
    capacity: Vec<u32>,
    scores: Vec<Option<i64>>, // rows × mentors
}

struct Instance {
    name: &'static str,
    blocks: Vec<Block>,
}

impl Instance {
    fn to_problem(&self) -> (usize, Vec<u32>, Vec<Edge>) {
        let (mut child0, mut capacity, mut edges) = (0u32, Vec::new(), Vec::new());
        for b in &self.blocks {
            let mentor0 = capacity.len() as u32;
            let n_mentors = b.capacity.len();
            capacity.extend_from_slice(&b.capacity);
            for r in 0..b.rows {
                for m in 0..n_mentors {
                    if let Some(score) = b.scores[r * n_mentors + m] {
                        edges.push(Edge { child: child0 + r as u32, mentor: mentor0 + m as u32, score });
                    }
                }
            }
            child0 += b.rows as u32;
        }
        (child0 as usize, capacity, edges)
    }

    fn write(&self, path: &str) -> std::io::Result<()> {
        let mut out = BufWriter::new(File::create(path)?);
        out.write_all(&(self.blocks.len() as u64).to_le_bytes())?;
        for b in &self.blocks {
            let n_slots: usize = b.capacity.iter().map(|&c| c as usize).sum();
            out.write_all(&(b.rows as u64).to_le_bytes())?;
            out.write_all(&(n_slots as u64).to_le_bytes())?;
            for r in 0..b.rows {
                for (m, &cap) in b.capacity.iter().enumerate() {
                    let s = b.scores[r * b.capacity.len() + m].unwrap_or(0);
                    for _ in 0..cap {
                        out.write_all(&s.to_le_bytes())?;
                    }
                }
            }
        }
        out.flush()
    }
}

fn dense_block(rng: &mut Rng, n: usize) -> Block {
    Block { rows: n, capacity: vec![1; n], scores: (0..n * n).map(|_| Some(rng.score())).collect() }
}

fn sparse_block(rng: &mut Rng) -> Block {
    let rows = 90 + rng.below(21) as usize;
    let mentors = 90 + rng.below(21) as usize;
    let capacity = (0..mentors).map(|_| if rng.below(5) == 0 { 2 } else { 1 }).collect();
    let scores = (0..rows * mentors).map(|_| (rng.below(100) < 60).then(|| rng.score())).collect();
    Block { rows, capacity, scores }
}

fn best_of_3(f: impl Fn() -> Vec<(u32, u32)>) -> (f64, Vec<(u32, u32)>) {
    let mut best = f64::INFINITY;
    let mut result = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        result = f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, result)
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "bench_data".to_string());
    std::fs::create_dir_all(&dir)?;
    let mut rng = Rng(2024);
    let n_big: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(5000);
    let instances = [
        Instance { name: "a", blocks: (0..1000).map(|_| dense_block(&mut rng, 100)).collect() },
        Instance { name: "b", blocks: vec![dense_block(&mut rng, n_big)] },
        Instance { name: "c", blocks: (0..1000).map(|_| sparse_block(&mut rng)).collect() },
    ];
    let mut report = BufWriter::new(File::create(format!("{dir}/rust_results.txt"))?);
    for inst in &instances {
        inst.write(&format!("{dir}/{}.bin", inst.name))?;
        let (n, capacity, edges) = inst.to_problem();
        let score_of = |pairs: &[(u32, u32)]| -> i64 {
            // Edges were generated in (child, mentor) order: binary search the best score.
            pairs
                .iter()
                .map(|&(c, m)| {
                    let k = edges.binary_search_by_key(&(c, m), |e| (e.child, e.mentor)).unwrap();
                    edges[k].score
                })
                .sum()
        };
        for (objective, label) in [(Objective::Score, "score"), (Objective::Coverage, "coverage")] {
            let (secs, pairs) = best_of_3(|| solve(n, &capacity, &edges, objective));
            let total = score_of(&pairs);
            println!(
                "{} {:<8} ours best-of-3 {:8.3} s   matched {:7}  total score {}",
                inst.name,
                label,
                secs,
                pairs.len(),
                total
            );
            writeln!(report, "{} {} {} {} {}", inst.name, label, secs, pairs.len(), total)?;
        }
    }
    report.flush()
}
