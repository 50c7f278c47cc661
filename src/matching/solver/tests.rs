//! The solver against brute force and against itself (dense vs sparse, edge order).

use super::dense::{augment_rectangular, lapjv_square};
use super::*;

/// splitmix64: tiny deterministic PRNG for tests.
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
}

/// (cardinality, total score) of an assignment, checking it is feasible.
fn evaluate(n_children: usize, capacity: &[u32], edges: &[Edge], pairs: &[(u32, u32)]) -> (usize, i64) {
    let mut used = vec![0u32; capacity.len()];
    let mut seen = vec![false; n_children];
    let mut total = 0;
    for w in pairs.windows(2) {
        assert!(w[0].0 < w[1].0, "not sorted by child / child twice");
    }
    for &(c, m) in pairs {
        assert!(!seen[c as usize]);
        seen[c as usize] = true;
        used[m as usize] += 1;
        assert!(used[m as usize] <= capacity[m as usize], "capacity exceeded");
        let best = edges
            .iter()
            .filter(|e| e.child == c && e.mentor == m)
            .map(|e| e.score)
            .max()
            .expect("pair is not a feasible edge");
        total += best;
    }
    (pairs.len(), total)
}

/// Exhaustive optimum as (cardinality, score) for the objective.
fn brute_force(n_children: usize, capacity: &[u32], edges: &[Edge], objective: Objective) -> (usize, i64) {
    let mut best = vec![vec![None::<i64>; capacity.len()]; n_children];
    for e in edges {
        let b = &mut best[e.child as usize][e.mentor as usize];
        *b = Some(b.map_or(e.score, |s: i64| s.max(e.score)));
    }
    fn go(
        c: usize,
        best: &[Vec<Option<i64>>],
        left: &mut [u32],
        acc: (usize, i64),
        objective: Objective,
        out: &mut (usize, i64),
    ) {
        if c == best.len() {
            let better = match objective {
                Objective::Coverage => acc > *out,
                Objective::Score => acc.1 > out.1,
            };
            if better {
                *out = acc;
            }
            return;
        }
        go(c + 1, best, left, acc, objective, out);
        for m in 0..left.len() {
            if let (Some(s), true) = (best[c][m], left[m] > 0) {
                left[m] -= 1;
                go(c + 1, best, left, (acc.0 + 1, acc.1 + s), objective, out);
                left[m] += 1;
            }
        }
    }
    let mut out = (0, 0);
    go(0, &best, &mut capacity.to_vec(), (0, 0), objective, &mut out);
    out
}

fn random_instance(rng: &mut Rng) -> (usize, Vec<u32>, Vec<Edge>) {
    let n_children = 1 + rng.below(6) as usize;
    let n_mentors = 1 + rng.below(5) as usize;
    let capacity: Vec<u32> = (0..n_mentors).map(|_| rng.below(3) as u32).collect();
    let density = rng.below(101);
    // Mostly small scores (i32 matrices); sometimes huge ones (forces i64 matrices).
    let unit = if rng.below(4) == 0 { 50_000_000_000 } else { 50 };
    let mut edges = Vec::new();
    for c in 0..n_children {
        for m in 0..n_mentors {
            if rng.below(100) < density {
                // Few distinct values → many ties; sometimes a duplicate with another score.
                let score = rng.below(4) as i64 * unit;
                edges.push(Edge { child: c as u32, mentor: m as u32, score });
                if rng.below(8) == 0 {
                    edges.push(Edge { child: c as u32, mentor: m as u32, score: rng.below(4) as i64 * unit });
                }
            }
        }
    }
    // Shuffle so edge order is arbitrary.
    for k in (1..edges.len()).rev() {
        edges.swap(k, rng.below(k as u64 + 1) as usize);
    }
    (n_children, capacity, edges)
}

#[test]
fn matches_brute_force_on_small_random_instances() {
    let mut rng = Rng(0x5EED);
    for round in 0..3000 {
        let (n, capacity, edges) = random_instance(&mut rng);
        // Grouped by child (the zero-copy path when there are no duplicates).
        let mut grouped = edges.clone();
        grouped.sort_by_key(|e| e.child);
        for objective in [Objective::Coverage, Objective::Score] {
            let expected = brute_force(n, &capacity, &edges, objective);
            for (layout, input) in [
                (Layout::Auto, &edges),
                (Layout::Dense, &edges),
                (Layout::Sparse, &edges),
                (Layout::Auto, &grouped),
            ] {
                let got = solve_with(n, &capacity, input, objective, layout);
                let value = evaluate(n, &capacity, &edges, &got);
                match objective {
                    Objective::Coverage => {
                        assert_eq!(value, expected, "round {round} {layout:?} {capacity:?} {edges:?}")
                    }
                    Objective::Score => {
                        assert_eq!(value.1, expected.1, "round {round} {layout:?} {capacity:?} {edges:?}")
                    }
                }
            }
        }
    }
}

/// Medium instances: dense and sparse solvers (and both orientations) must agree.
#[test]
fn dense_and_sparse_agree_on_medium_instances() {
    let mut rng = Rng(42);
    for _ in 0..150 {
        let n = 1 + rng.below(40) as usize;
        let n_mentors = 1 + rng.below(40) as usize;
        let capacity: Vec<u32> = (0..n_mentors).map(|_| rng.below(4) as u32).collect();
        let density = 1 + rng.below(100);
        let mut edges = Vec::new();
        for c in 0..n as u32 {
            for m in 0..n_mentors as u32 {
                if rng.below(100) < density {
                    let score = rng.below(5) as i64 * 1000;
                    edges.push(Edge { child: c, mentor: m, score });
                }
            }
        }
        for objective in [Objective::Coverage, Objective::Score] {
            let dense = solve_with(n, &capacity, &edges, objective, Layout::Dense);
            let sparse = solve_with(n, &capacity, &edges, objective, Layout::Sparse);
            let (a, b) = (evaluate(n, &capacity, &edges, &dense), evaluate(n, &capacity, &edges, &sparse));
            match objective {
                Objective::Coverage => assert_eq!(a, b),
                Objective::Score => assert_eq!(a.1, b.1),
            }
        }
    }
}

#[test]
fn deterministic_and_independent_of_edge_order() {
    let mut rng = Rng(7);
    // Several components of mixed sizes, enough edges to use the threaded path.
    let n = 600;
    let n_mentors = 500;
    let capacity: Vec<u32> = (0..n_mentors).map(|_| 1 + rng.below(2) as u32).collect();
    let mut edges = Vec::new();
    for c in 0..n as u32 {
        let block = c / 60;
        for m in block * 50..(block + 1) * 50 {
            if rng.below(10) < 7 {
                edges.push(Edge { child: c, mentor: m, score: rng.below(3) as i64 * 100 });
            }
        }
    }
    assert!(edges.len() >= 20_000);
    for objective in [Objective::Coverage, Objective::Score] {
        let first = solve(n, &capacity, &edges, objective);
        assert_eq!(first, solve(n, &capacity, &edges, objective));
        let mut shuffled = edges.clone();
        for k in (1..shuffled.len()).rev() {
            shuffled.swap(k, rng.below(k as u64 + 1) as usize);
        }
        assert_eq!(first, solve(n, &capacity, &shuffled, objective));
        shuffled.reverse();
        for layout in [Layout::Dense, Layout::Sparse] {
            assert_eq!(
                solve_with(n, &capacity, &edges, objective, layout),
                solve_with(n, &capacity, &shuffled, objective, layout)
            );
        }
    }
}

/// Minimum-cost assignment of every row (rows <= cols) by trying all injections.
fn brute_force_matrix(rows: usize, cols: usize, cost: &[i64]) -> i64 {
    fn go(r: usize, rows: usize, cols: usize, cost: &[i64], used: &mut [bool]) -> i64 {
        if r == rows {
            return 0;
        }
        let mut best = i64::MAX;
        for j in 0..cols {
            if !used[j] {
                used[j] = true;
                let rest = go(r + 1, rows, cols, cost, used);
                best = best.min(cost[r * cols + j] + rest);
                used[j] = false;
            }
        }
        best
    }
    go(0, rows, cols, cost, &mut vec![false; cols])
}

/// The two dense kernels directly: full LAPJV (square, padded) and the augmentation-only
/// rectangular variant, on tie-heavy matrices, including shapes `Auto` rarely produces.
#[test]
fn dense_kernels_match_brute_force() {
    let mut rng = Rng(99);
    for _ in 0..3000 {
        let rows = 1 + rng.below(6) as usize;
        let cols = rows + rng.below(3) as usize;
        let levels = 1 + rng.below(5);
        let cost: Vec<i64> = (0..rows * cols).map(|_| rng.below(levels) as i64 * 7).collect();
        let expected = brute_force_matrix(rows, cols, &cost);
        let total = |assignment: &[u32]| -> i64 {
            let mut seen = vec![false; cols];
            (0..rows)
                .map(|i| {
                    let j = assignment[i] as usize;
                    assert!(!seen[j], "column used twice");
                    seen[j] = true;
                    cost[i * cols + j]
                })
                .sum()
        };
        assert_eq!(total(&augment_rectangular(rows, cols, &cost)), expected);
        let narrow: Vec<i32> = cost.iter().map(|&c| c as i32).collect();
        assert_eq!(total(&augment_rectangular(rows, cols, &narrow)), expected);
        let mut square = cost.clone();
        square.resize(cols * cols, 0);
        assert_eq!(total(&lapjv_square(cols, &square)), expected);
    }
}

#[test]
fn edge_cases() {
    let e = |child, mentor, score| Edge { child, mentor, score };
    for objective in [Objective::Coverage, Objective::Score] {
        // Nothing at all.
        assert!(solve(0, &[], &[], objective).is_empty());
        assert!(solve(3, &[1, 1], &[], objective).is_empty());
        // Zero capacity mentor is never used.
        assert!(solve(2, &[0], &[e(0, 0, 5), e(1, 0, 7)], objective).is_empty());
        // More children than slots: the best two children win.
        let got = solve(3, &[2], &[e(0, 0, 1), e(1, 0, 9), e(2, 0, 8)], objective);
        assert_eq!(got, vec![(1, 0), (2, 0)]);
        // Duplicate edges keep the best score.
        let got = solve(2, &[1, 1], &[e(0, 0, 1), e(0, 0, 10), e(1, 1, 3), e(1, 0, 4)], objective);
        assert_eq!(got, vec![(0, 0), (1, 1)]);
    }
    // Coverage trades score for an extra match; Score does not.
    let edges = [e(0, 0, 10), e(0, 1, 1), e(1, 0, 1)];
    assert_eq!(solve(2, &[1, 1], &edges, Objective::Coverage), vec![(0, 1), (1, 0)]);
    assert_eq!(solve(2, &[1, 1], &edges, Objective::Score), vec![(0, 0)]);
    // Score-0 pairs are omitted under Score but kept under Coverage.
    assert!(solve(1, &[1], &[e(0, 0, 0)], Objective::Score).is_empty());
    assert_eq!(solve(1, &[1], &[e(0, 0, 0)], Objective::Coverage), vec![(0, 0)]);
}

/// Pairs of an explicit edge list as a `PairSource` (duplicates merged, keeping the best).
struct ListSource(Vec<Vec<(u32, i64)>>);

impl ListSource {
    fn new(n_children: usize, edges: &[Edge]) -> ListSource {
        let mut rows = vec![Vec::new(); n_children];
        for e in edges {
            rows[e.child as usize].push((e.mentor, e.score));
        }
        for row in &mut rows {
            row.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            row.dedup_by_key(|p| p.0);
        }
        ListSource(rows)
    }
}

impl PairSource for ListSource {
    fn n_children(&self) -> usize {
        self.0.len()
    }
    fn for_each(&self, child: usize, mut f: impl FnMut(u32, i64)) {
        for &(m, s) in &self.0[child] {
            f(m, s);
        }
    }
    fn for_each_among(&self, child: usize, mentors: &[u32], mut f: impl FnMut(u32, i64)) {
        let row = &self.0[child];
        for &m in mentors {
            if let Ok(at) = row.binary_search_by_key(&m, |&(m, _)| m) {
                f(m, row[at].1);
            }
        }
    }
}

/// The pruned solver keeps only a few pairs per child and mentor (here 1 to 3, so that the
/// dual certificate fails often and rounds are added), yet must reach the dense optimum on
/// tie-heavy instances of every shape, both orientations (children ≤ slots and the reverse).
#[test]
fn pruned_matches_dense_on_random_instances() {
    let mut rng = Rng(0xBEEF);
    let mut rounds_seen = 0;
    for round in 0..2000 {
        let (n, capacity, edges) = if round % 2 == 0 {
            random_instance(&mut rng)
        } else {
            let n = 1 + rng.below(30) as usize;
            let n_mentors = 1 + rng.below(30) as usize;
            let capacity: Vec<u32> = (0..n_mentors).map(|_| rng.below(4) as u32).collect();
            let density = 1 + rng.below(100);
            let mut edges = Vec::new();
            for c in 0..n as u32 {
                for m in 0..n_mentors as u32 {
                    if rng.below(100) < density {
                        edges.push(Edge { child: c, mentor: m, score: rng.below(4) as i64 * 250 });
                    }
                }
            }
            (n, capacity, edges)
        };
        let source = ListSource::new(n, &edges);
        for objective in [Objective::Coverage, Objective::Score] {
            let dense = solve_with(n, &capacity, &edges, objective, Layout::Dense);
            let expected = evaluate(n, &capacity, &edges, &dense);
            for k in 1..=3 {
                let pruned = solve_pruned(&source, &capacity, objective, k);
                rounds_seen = rounds_seen.max(pruned.rounds);
                let got = evaluate(n, &capacity, &edges, &pruned.pairs);
                match objective {
                    Objective::Coverage => {
                        assert_eq!(got, expected, "round {round} k {k} {capacity:?} {edges:?}")
                    }
                    Objective::Score => {
                        assert_eq!(got.1, expected.1, "round {round} k {k} {capacity:?} {edges:?}")
                    }
                }
                assert_eq!(pruned.pairs, solve_pruned(&source, &capacity, objective, k).pairs);
            }
        }
    }
    assert!(rounds_seen > 1, "the certificate never failed: the test does not exercise re-solving");
}

/// Rows with their (column, cost) lists, ascending by column, as `augment_sparse` takes them.
fn csr(rows: &[Vec<(u32, i64)>]) -> (Vec<usize>, Vec<u32>, Vec<i64>) {
    let mut row_start = vec![0];
    let (mut adj_col, mut adj_cost) = (Vec::new(), Vec::new());
    for row in rows {
        for &(j, cost) in row {
            adj_col.push(j);
            adj_cost.push(cost);
        }
        row_start.push(adj_col.len());
    }
    (row_start, adj_col, adj_cost)
}

/// A solve started from an earlier one over fewer edges (the pruned solver's later rounds)
/// must reach the same optimum as a cold solve, with prices that are still an optimal dual
/// solution: the certificate rests on them. Tied costs, so that the earlier assignment is often
/// no longer optimal and freed columns cascade.
#[test]
fn warm_started_sparse_solve_matches_a_cold_one() {
    use super::sparse::{RAISED, Warm, augment_sparse};
    let mut rng = Rng(0xC0FFEE);
    for round in 0..3000 {
        let n = 1 + rng.below(20) as usize;
        let slots = 1 + rng.below(24) as usize;
        let missing = 10_000;
        let density = 1 + rng.below(100);
        // Every row's own fallback column comes after the slots, as in `pruned`.
        let full: Vec<Vec<(u32, i64)>> = (0..n)
            .map(|i| {
                let mut row: Vec<(u32, i64)> = Vec::new();
                for j in 0..slots as u32 {
                    if rng.below(100) < density {
                        row.push((j, rng.below(5) as i64 * 250));
                    }
                }
                row.push(((slots + i) as u32, missing));
                row
            })
            .collect();
        let n_cols = slots + n;
        let cost_of = |col_of_row: &[u32]| -> i64 {
            col_of_row
                .iter()
                .enumerate()
                .map(|(i, &j)| full[i].iter().find(|&&(c, _)| c == j).expect("an edge of the row").1)
                .sum()
        };
        let (rs, ac, acost) = csr(&full);
        let (cold, ..) = augment_sparse(n, n_cols, &rs, &ac, &acost, None, None);
        // Grow from a random part of the edges in up to three steps, as the rounds do.
        let mut keep: Vec<Vec<bool>> = full
            .iter()
            .map(|row| row.iter().map(|&(j, _)| j as usize >= slots || rng.below(3) == 0).collect())
            .collect();
        let mut warm: Option<Warm> = None;
        for step in 0..3 {
            let part: Vec<Vec<(u32, i64)>> = full
                .iter()
                .zip(&keep)
                .map(|(row, keep)| row.iter().zip(keep).filter(|&(_, &k)| k).map(|(&e, _)| e).collect())
                .collect();
            let (rs, ac, acost) = csr(&part);
            let (col_of_row, u, v) = augment_sparse(n, n_cols, &rs, &ac, &acost, None, warm.take());
            // An optimal dual solution of the part: feasible, tight on the assignment, v <= 0
            // and 0 on every free column.
            let mut used = vec![false; n_cols];
            for (i, row) in part.iter().enumerate() {
                for &(j, cost) in row {
                    let reduced = cost - u[i] - v[j as usize];
                    assert!(reduced >= 0, "round {round} step {step}: negative reduced cost");
                    if j == col_of_row[i] {
                        assert_eq!(reduced, 0, "round {round} step {step}: assignment not tight");
                    }
                }
                assert!(!used[col_of_row[i] as usize]);
                used[col_of_row[i] as usize] = true;
            }
            for j in 0..n_cols {
                assert!(
                    v[j] <= 0 && (used[j] || v[j] == 0),
                    "round {round} step {step}: price of column {j}"
                );
            }
            if step == 2 {
                // Everything is in by now: the warm solve is as good as the cold one.
                assert_eq!(cost_of(&col_of_row), cost_of(&cold), "round {round}");
                break;
            }
            warm = Some(Warm { col_of_row, v });
            for row in &mut keep {
                for k in row.iter_mut() {
                    *k |= step == 1 || rng.below(2) == 0;
                }
            }
        }
    }
    assert!(
        RAISED.load(std::sync::atomic::Ordering::Relaxed) > 100,
        "freed columns never went back to price 0: the test does not exercise the cascade"
    );
}
