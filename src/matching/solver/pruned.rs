//! Huge components in bounded memory: the optimum over each child's best pairs, proven to be
//! the optimum over all pairs.
//!
//! A 20,000 × 20,000 community has 400 million feasible pairs: 6.4 GB as edges, more as a
//! dense matrix. Instead the pairs are *scored on the fly* from a [`PairSource`] and only a few
//! are kept: each child's `k` best mentors and each mentor's `k` best children (by score, ties
//! to the lower index). The kept pairs are solved exactly by successive shortest paths
//! (`augment_sparse`), which also yields optimal dual prices: a price `a[c]` per child and
//! `b[m]` per mentor (the highest over the mentor's slots) with `cost(c, m) - a[c] - b[m] >= 0`
//! on every kept pair and equality on the chosen ones.
//!
//! **The certificate.** The full problem has the same rows, columns and costs, only more pairs.
//! If every left-out pair also has a non-negative reduced cost, the prices are a feasible dual
//! solution of the full problem whose value equals the pruned assignment's cost, so by LP
//! duality (the bipartite b-matching polytope is integral) that assignment is optimal for the
//! full problem. A second pass over all pairs checks exactly this; each child's pairs that fail
//! it (at most `4k`, the most negative first, with the tight ones) are added and the kept
//! problem is solved again, until none fails. Memory stays O(children · k + mentors); every
//! pass is parallel.
//!
//! **Cheaper rounds.** The check scores, for each child, only the mentors whose price leaves
//! room for a failing pair: a left-out pair scores at most the child's best left-out score and
//! at most the mentor's `k`-th best, which with the prices bounds its reduced cost from below
//! (mentors sorted once per round, a binary search per child). Each re-solve starts from the
//! previous round's assignment and prices (`sparse::warm_start`): only the rows that the new
//! pairs (or a freed column's price) make better off elsewhere are searched again. Neither
//! changes what is proven: the final check still covers every pair, exactly.
//!
//! The weights and the orientation are those of the dense solver (see the module docs of
//! `solver`): `Coverage` adds a bonus larger than any total score to every pair, a row is the
//! smaller side (children, or mentor slots) so that each search ends at a nearby free column.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use super::sparse::{Warm, augment_sparse};
use super::{NONE, Objective};
use crate::matching::progress::Progress;

/// The feasible pairs of a problem, produced on demand instead of stored.
pub trait PairSource: Sync {
    fn n_children(&self) -> usize;
    /// Calls `f(mentor, score)` for every feasible mentor of `child` (scores >= 0), each mentor
    /// once, in ascending order.
    fn for_each(&self, child: usize, f: impl FnMut(u32, i64));
    /// The same for the feasible ones among `mentors` (distinct), in their order.
    fn for_each_among(&self, child: usize, mentors: &[u32], f: impl FnMut(u32, i64));
}

/// The result of [`solve_pruned`].
#[derive(Debug)]
pub struct Pruned {
    /// (child, mentor), sorted by child; as `solve` would choose (pairs of score 0 left out
    /// under `Score`).
    pub pairs: Vec<(u32, u32)>,
    /// How many feasible mentors with capacity each child has.
    pub degree: Vec<u32>,
    /// Solves needed until the certificate held (1: the first pruning was enough).
    pub rounds: usize,
    /// Pairs kept in the last solve.
    pub kept: usize,
}

/// A child's kept pairs: (mentor, score), ascending by mentor.
type Kept = Vec<(u32, i64)>;

/// Heap entry of a mentor's best children: (score, lower child first); the heap's top is the
/// worst kept, to be replaced by anything better.
type Best = Reverse<(i64, Reverse<u32>)>;

/// The optimal assignment over all pairs of `source`, keeping about `k` pairs per child and per
/// mentor in memory. `capacity[m]`: how many children mentor `m` may take.
pub fn solve_pruned(source: &impl PairSource, capacity: &[u32], objective: Objective, k: usize) -> Pruned {
    let n = source.n_children();
    let k = k.max(1);
    let trace = std::env::var_os("NASTAVNYK_TRACE").is_some();
    let clock = std::time::Instant::now();
    let first = first_pass(source, capacity, k);
    let mut kept = first.kept;
    let slots: Vec<u32> = capacity.iter().zip(&first.mentor_degree).map(|(&c, &d)| c.min(d)).collect();
    let max_score = first.best.iter().copied().max().unwrap_or(0).max(0);
    let best_sum: i64 = first.best.iter().map(|&b| b.max(0)).sum();
    let bonus = match objective {
        Objective::Coverage => best_sum.checked_add(1).expect("score sum overflows i64"),
        Objective::Score => 0,
    };
    let missing = bonus.checked_add(max_score).expect("score overflow in Coverage weights");
    let rows_bound = n.min(slots.iter().map(|&s| s as usize).sum()) as i64 + 1;
    assert!(missing.checked_mul(4 * rows_bound).is_some(), "scores too large for exact i64 arithmetic");

    let mut rounds = 0;
    if trace {
        eprintln!(
            "first pass {:?} cpu {:.1} s {}, kept {}",
            clock.elapsed(),
            cpu(),
            rss(),
            kept.iter().map(Vec::len).sum::<usize>()
        );
    }
    let mut warm = None;
    loop {
        rounds += 1;
        let earlier = if trace { warm.as_ref().map(|w: &Warm| w.col_of_row.clone()) } else { None };
        let solution = solve_kept(&kept, &slots, max_score, missing, rounds, warm.take());
        if trace {
            let moved = earlier.map_or(0, |earlier| {
                earlier.iter().zip(&solution.warm.col_of_row).filter(|(a, b)| a != b).count()
            });
            eprintln!(
                "round {rounds} solved {:?} cpu {:.1} s {}, kept {}, rows moved since the last round {moved}",
                clock.elapsed(),
                cpu(),
                rss(),
                kept.iter().map(Vec::len).sum::<usize>()
            );
        }
        let progress = Progress::new(format!("matching: checking the optimum, round {rounds}"), n);
        // A left-out pair (c, m) scores at most `rest_best[c]` and at most `mentor_cap[m]`, so
        // its reduced cost can be 0 or less only if `price[m] + min(..) >= max_score - price[c]`.
        // With the mentors sorted by `price + cap`, each child scores only the prefix above its
        // own threshold: the mentors whose price alone does not rule the pair out.
        let price = &solution.mentor_price;
        let mut order: Vec<(i64, u32)> = (0..slots.len())
            .filter(|&m| slots[m] > 0 && first.mentor_cap[m] >= 0)
            .map(|m| (price[m] + first.mentor_cap[m], m as u32))
            .collect();
        order.sort_unstable_by(|a, b| b.cmp(a));
        let scored = std::sync::atomic::AtomicUsize::new(0);
        let extra: Vec<Kept> = (0..n)
            .into_par_iter()
            .map_init(Vec::new, |among: &mut Vec<u32>, c| {
                if c % 256 == 0 {
                    progress.add(256.min(n - c));
                }
                let rest = first.rest_best[c];
                if rest < 0 {
                    return Kept::new();
                }
                let limit = max_score - solution.child_price[c];
                let prefix = order.partition_point(|&(key, _)| key >= limit);
                among.clear();
                among.extend(
                    order[..prefix]
                        .iter()
                        .filter(|&&(_, m)| price[m as usize] + rest >= limit)
                        .map(|&(_, m)| m),
                );
                if among.is_empty() {
                    return Kept::new();
                }
                if trace {
                    scored.fetch_add(among.len(), std::sync::atomic::Ordering::Relaxed);
                }
                // Left-out pairs at a reduced cost of 0 or less: the failing ones (< 0), and the
                // tight ones, which tend to fail in the next round once prices move.
                let mine = &kept[c];
                let mut near: Vec<(i64, u32, i64)> = Vec::new();
                let mut fails = false;
                source.for_each_among(c, among, |m, score| {
                    let reduced = limit - score - price[m as usize];
                    if reduced <= 0 && mine.binary_search_by_key(&m, |&(m, _)| m).is_err() {
                        fails |= reduced < 0;
                        near.push((reduced, m, score));
                    }
                });
                if !fails {
                    return Kept::new();
                }
                if near.len() > 4 * k {
                    near.select_nth_unstable(4 * k - 1);
                    near.truncate(4 * k);
                }
                let mut added = Kept::with_capacity(near.len());
                added.extend(near.iter().map(|&(_, m, score)| (m, score)));
                added.sort_unstable();
                added
            })
            .collect();
        progress.finish();
        if trace {
            eprintln!(
                "round {rounds} checked {:?} cpu {:.1} s {}, scored {} pairs, failing {} children {} pairs",
                clock.elapsed(),
                cpu(),
                rss(),
                scored.into_inner(),
                extra.iter().filter(|e| !e.is_empty()).count(),
                extra.iter().map(Vec::len).sum::<usize>()
            );
        }
        if extra.iter().all(Vec::is_empty) {
            return Pruned {
                pairs: solution.pairs,
                degree: first.degree,
                rounds,
                kept: kept.iter().map(Vec::len).sum(),
            };
        }
        for (mine, added) in kept.iter_mut().zip(extra) {
            if !added.is_empty() {
                mine.extend(added);
                mine.sort_unstable();
                mine.dedup_by_key(|&mut (m, _)| m);
            }
        }
        warm = Some(solution.warm);
    }
}

struct FirstPass {
    kept: Vec<Kept>,
    /// Each child's best score (-1: no feasible mentor).
    best: Vec<i64>,
    /// Each child's best score among the pairs not kept (-1: all kept); later rounds keep more,
    /// so it stays an upper bound.
    rest_best: Vec<i64>,
    degree: Vec<u32>,
    mentor_degree: Vec<u32>,
    /// Each mentor's `k`-th best score (-1: all of the mentor's pairs are kept), which bounds
    /// every left-out pair of the mentor: those children were not among its best.
    mentor_cap: Vec<i64>,
}

/// Scores every pair once, keeping each child's `k` best mentors and each mentor's `k` best
/// children, and counting the degrees.
fn first_pass(source: &impl PairSource, capacity: &[u32], k: usize) -> FirstPass {
    let n = source.n_children();
    let n_mentors = capacity.len();
    let chunk = n.div_ceil(rayon::current_num_threads() * 4).max(64);
    let progress = Progress::new("matching: scoring pairs", n);
    struct Part {
        kept: Vec<Kept>,
        best: Vec<i64>,
        rest_best: Vec<i64>,
        degree: Vec<u32>,
        mentor_degree: Vec<u32>,
        mentor_best: Vec<BinaryHeap<Best>>,
    }
    let parts: Vec<Part> = (0..n.div_ceil(chunk))
        .into_par_iter()
        .map(|part| {
            let children = part * chunk..((part + 1) * chunk).min(n);
            let mut out = Part {
                kept: Vec::with_capacity(children.len()),
                best: Vec::with_capacity(children.len()),
                rest_best: Vec::with_capacity(children.len()),
                degree: Vec::with_capacity(children.len()),
                mentor_degree: vec![0; n_mentors],
                mentor_best: (0..n_mentors).map(|_| BinaryHeap::new()).collect(),
            };
            let mut all: Vec<(Reverse<i64>, u32)> = Vec::new();
            let mut floor = vec![i64::MIN; n_mentors];
            for c in children {
                all.clear();
                source.for_each(c, |m, score| {
                    if capacity[m as usize] == 0 {
                        return;
                    }
                    all.push((Reverse(score), m));
                    out.mentor_degree[m as usize] += 1;
                    // Children come in ascending order, so a full heap takes only a strictly
                    // higher score; the floor (contiguous, read in mentor order) spares the
                    // scattered heaps almost every look.
                    if score <= floor[m as usize] {
                        return;
                    }
                    let heap = &mut out.mentor_best[m as usize];
                    if heap.len() == k {
                        heap.pop();
                    }
                    heap.push(Reverse((score, Reverse(c as u32))));
                    if heap.len() == k {
                        floor[m as usize] = heap.peek().map_or(i64::MIN, |Reverse((worst, _))| *worst);
                    }
                });
                out.degree.push(all.len() as u32);
                out.best.push(all.iter().map(|&(Reverse(score), _)| score).max().unwrap_or(-1));
                let mut rest = -1;
                if all.len() > k {
                    all.select_nth_unstable(k - 1);
                    rest = all[k..].iter().map(|&(Reverse(score), _)| score).max().unwrap_or(-1);
                    all.truncate(k);
                }
                out.rest_best.push(rest);
                let mut mine: Kept = all.iter().map(|&(Reverse(score), m)| (m, score)).collect();
                mine.sort_unstable();
                out.kept.push(mine);
                if c % 256 == 0 {
                    progress.add(256);
                }
            }
            out
        })
        .collect();
    progress.finish();

    let mut first = FirstPass {
        kept: Vec::with_capacity(n),
        best: Vec::with_capacity(n),
        rest_best: Vec::with_capacity(n),
        degree: Vec::with_capacity(n),
        mentor_degree: vec![0; n_mentors],
        mentor_cap: vec![-1; n_mentors],
    };
    let mut mentor_best: Vec<Vec<(i64, Reverse<u32>)>> = vec![Vec::new(); n_mentors];
    for part in parts {
        first.kept.extend(part.kept);
        first.best.extend(part.best);
        first.rest_best.extend(part.rest_best);
        first.degree.extend(part.degree);
        for (m, (degree, heap)) in part.mentor_degree.into_iter().zip(part.mentor_best).enumerate() {
            first.mentor_degree[m] += degree;
            mentor_best[m].extend(heap.into_iter().map(|Reverse(entry)| entry));
        }
    }
    for (m, mut best) in mentor_best.into_iter().enumerate() {
        best.sort_unstable_by(|a, b| b.cmp(a));
        if first.mentor_degree[m] as usize > k {
            first.mentor_cap[m] = best[k - 1].0;
        }
        for (score, Reverse(c)) in best.into_iter().take(k) {
            let mine = &mut first.kept[c as usize];
            if let Err(at) = mine.binary_search_by_key(&(m as u32), |&(m, _)| m) {
                mine.insert(at, (m as u32, score));
            }
        }
    }
    first
}

struct KeptSolution {
    pairs: Vec<(u32, u32)>,
    child_price: Vec<i64>,
    /// The highest price over the mentor's slots.
    mentor_price: Vec<i64>,
    /// The solver's own state, to start the next round from.
    warm: Warm,
}

/// Solves the kept pairs exactly; costs are `max_score - score`, staying unmatched costs
/// `missing` (a private column per row). Rows are the smaller side. The rows and columns are
/// the same in every round, only the pairs grow, so `warm` (the previous round) is a valid start.
fn solve_kept(
    kept: &[Kept],
    slots: &[u32],
    max_score: i64,
    missing: i64,
    round: usize,
    warm: Option<Warm>,
) -> KeptSolution {
    let n = kept.len();
    let mut slot_start = Vec::with_capacity(slots.len() + 1);
    slot_start.push(0usize);
    for &s in slots {
        slot_start.push(slot_start.last().unwrap() + s as usize);
    }
    let n_slots = *slot_start.last().unwrap();
    let mut slot_mentor = vec![0u32; n_slots];
    for m in 0..slots.len() {
        slot_mentor[slot_start[m]..slot_start[m + 1]].fill(m as u32);
    }
    let (mut row_start, mut adj_col, mut adj_cost) = (vec![0usize], Vec::new(), Vec::new());
    let mut child_price = vec![0i64; n];
    let mut mentor_price = vec![i64::MIN; slots.len()];
    let mut pairs = Vec::new();
    let next;
    if n <= n_slots {
        // Rows: children; columns: slots, then each child's own "unmatched" column.
        for (c, mine) in kept.iter().enumerate() {
            for &(m, score) in mine {
                for slot in slot_start[m as usize]..slot_start[m as usize + 1] {
                    adj_col.push(slot as u32);
                    adj_cost.push(max_score - score);
                }
            }
            adj_col.push((n_slots + c) as u32);
            adj_cost.push(missing);
            row_start.push(adj_col.len());
        }
        let progress = Progress::new(format!("matching: solving, round {round}"), n);
        let (col_of_row, u, v) =
            augment_sparse(n, n_slots + n, &row_start, &adj_col, &adj_cost, Some(&progress), warm);
        child_price = u;
        for (slot, &price) in v[..n_slots].iter().enumerate() {
            let m = slot_mentor[slot] as usize;
            mentor_price[m] = mentor_price[m].max(price);
        }
        for (c, &col) in col_of_row.iter().enumerate() {
            let row = row_start[c]..row_start[c + 1];
            let at = adj_col[row.clone()].iter().position(|&j| j == col).unwrap();
            if (col as usize) < n_slots && adj_cost[row][at] < missing {
                pairs.push((c as u32, slot_mentor[col as usize]));
            }
        }
        next = Warm { col_of_row, v };
    } else {
        // Rows: mentor slots; columns: children, then each slot's own "unused" column.
        let mut by_mentor: Vec<Vec<(u32, i64)>> = vec![Vec::new(); slots.len()];
        for (c, mine) in kept.iter().enumerate() {
            for &(m, score) in mine {
                by_mentor[m as usize].push((c as u32, max_score - score));
            }
        }
        for slot in 0..n_slots {
            for &(c, cost) in &by_mentor[slot_mentor[slot] as usize] {
                adj_col.push(c);
                adj_cost.push(cost);
            }
            adj_col.push((n + slot) as u32);
            adj_cost.push(missing);
            row_start.push(adj_col.len());
        }
        let progress = Progress::new(format!("matching: solving, round {round}"), n_slots);
        let (col_of_row, u, v) =
            augment_sparse(n_slots, n + n_slots, &row_start, &adj_col, &adj_cost, Some(&progress), warm);
        child_price.copy_from_slice(&v[..n]);
        for (slot, &price) in u.iter().enumerate() {
            let m = slot_mentor[slot] as usize;
            mentor_price[m] = mentor_price[m].max(price);
        }
        for (slot, &col) in col_of_row.iter().enumerate() {
            let row = row_start[slot]..row_start[slot + 1];
            let at = adj_col[row.clone()].iter().position(|&j| j == col).unwrap();
            if (col as usize) < n && adj_cost[row][at] < missing {
                pairs.push((col, slot_mentor[slot]));
            }
        }
        pairs.sort_unstable();
        next = Warm { col_of_row, v };
    }
    debug_assert!(pairs.iter().all(|&(c, m)| c != NONE && m != NONE));
    KeptSolution { pairs, child_price, mentor_price, warm: next }
}

pub fn rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The process's CPU time so far (user + system), for the trace: on a shared machine the wall
/// clock says little.
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and
    // 13th, in clock ticks (100 a second on Linux).
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |k: usize| fields.get(k).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}
