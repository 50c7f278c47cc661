//! Optimal child–mentor assignment over a sparse set of feasible pairs.
//!
//! # Problem
//! Children are the left side, mentors the right side; mentor `m` may take up to
//! `capacity[m]` children.  Only the listed `(child, mentor)` pairs are feasible, each with an
//! integer score `>= 0`.  Two objectives are supported (see [`Objective`]).
//!
//! # Reduction to a rectangular assignment problem
//! Both objectives are a *maximum-weight bipartite matching with non-negative weights*:
//! * `Score`: weight = score.
//! * `Coverage`: weight = `BIG + score` with `BIG` larger than any achievable total score of
//!   the component (sum over its children of their best score, plus one).  One more matched
//!   child is then always worth more than any score difference, so the optimum is
//!   lexicographically (cardinality, score).
//!
//! Because the weights are non-negative, a missing pair can be filled in with weight 0 ("stay
//! unmatched") without changing the optimum: any matching extends to a full assignment of the
//! smaller side with the same weight, and dropping filler pairs from an assignment gives a
//! matching with the same weight.  Mentor capacities are handled by expanding each mentor into
//! `min(capacity, degree)` identical slot columns.  Costs are `max_weight - weight` (>= 0, i64).
//!
//! # Algorithm
//! The feasible-pair graph is first split into connected components (union–find); every
//! component is an independent problem and components are solved in parallel (rayon).  Each component is then solved exactly with a shortest-augmenting-path method:
//!
//! * **Dense** (the usual case: communities are ~100×100 and mostly feasible): the
//!   Jonker–Volgenant algorithm (LAPJV, 1987) on a dense `i64` matrix — column reduction,
//!   reduction transfer, two rounds of augmenting row reduction, then Dijkstra-style augmentation
//!   that moves *all* columns at the current minimum distance onto the scan list at once and stops
//!   as soon as one of them is free.  That last property is what makes it fast on integer scores
//!   with many ties; the Hungarian/Kuhn–Munkres implementation in the `pathfinding` crate instead
//!   degrades badly on such ties (35 s vs 2 s for scipy at 4,000²).  Rectangular matrices are
//!   padded to square with zero-cost dummy rows when nearly square (needed for the JV
//!   initialisation to stay valid).  The matrix is stored as `i32` whenever the component's costs
//!   fit (half the memory traffic), with all price/distance arithmetic in `i64`; otherwise the augmentation phase alone is run with all column
//!   prices starting at 0, which keeps the rectangular duals valid (an unassigned column never
//!   gets a non-zero price).
//! * **Pruned** (`solve_pruned`, for the caller's huge pools: never a full list of pairs):
//!   see `pruned` — each child's and mentor's best pairs, solved exactly, then proven optimal
//!   over all pairs with the dual prices (or widened and solved again).
//! * **Sparse** (huge, thin components where an `n×m` matrix would be wasteful): the same
//!   shortest-augmenting-path idea on adjacency lists with a binary heap and explicit row/column
//!   potentials; every child gets a private zero-weight "unmatched" column so a full assignment
//!   always exists.
//!
//! # Determinism and tie-breaking
//! The result is a pure function of the input *set* of pairs (after keeping the best score per
//! duplicated pair); it does not depend on edge order or on thread timing:
//! * children and mentors are laid out in ascending index order inside each component and each
//!   mentor's slots are contiguous, so the matrix handed to the solver is independent of edge
//!   order;
//! * the solvers are sequential and break every tie by the lowest position (row, then column,
//!   i.e. lowest child / mentor index); the heap orders by `(distance, column)`;
//! * threads only decide *which* thread solves a component, never how; the output is finally
//!   sorted by child.
//!
//! Among several optimal assignments the one returned is therefore fixed, but it is "whatever
//! LAPJV produces with that tie order", not e.g. the lexicographically smallest optimum.
//! With `Score`, pairs of score 0 add nothing and are left out of the output.

mod dense;
mod graph;
mod pruned;
mod sparse;
#[cfg(test)]
mod tests;

use std::cmp::Reverse;

use rayon::prelude::*;

use graph::{Component, Graph};
pub use pruned::{PairSource, Pruned, rss, solve_pruned};

/// One feasible (child, mentor) pair with its integer score (higher is better; scores are >= 0,
/// fixed-point, e.g. the weighted score × 1000 rounded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub child: u32,
    pub mentor: u32,
    pub score: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Objective {
    /// Maximise the number of matched children first, then the total score.
    Coverage,
    /// Maximise the total score alone (a child may stay unmatched even when a mentor is free, if that raises the total).
    Score,
}

/// Returns the chosen pairs as (child, mentor), sorted by child.
/// `n_children` children indexed 0..n_children; `capacity[m]` = how many children mentor m may take (0 allowed).
/// Every edge's child < n_children and mentor < capacity.len(). Duplicate edges: keep the best.
///
/// # Panics
/// If an edge index is out of range, a score is negative, or scores are so large (> ~10^12 for
/// a 5,000-child component) that the `Coverage` weights would overflow `i64`.
pub fn solve(n_children: usize, capacity: &[u32], edges: &[Edge], objective: Objective) -> Vec<(u32, u32)> {
    solve_with(n_children, capacity, edges, objective, Layout::Auto)
}

/// Which component solver to use; `Auto` outside of tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    Auto,
    #[cfg_attr(not(test), allow(dead_code))]
    Dense,
    #[cfg_attr(not(test), allow(dead_code))]
    Sparse,
}

/// Largest dense cost matrix (cells) we are willing to allocate for one component: 64 M cells
/// = 512 MiB of i64.  Bigger components go to the sparse solver.
const DENSE_CELL_LIMIT: usize = 64 << 20;
/// Components up to this many cells are always solved densely: the matrix is tiny and the
/// dense solver has far lower constant factors than the heap-based one.
const SMALL_DENSE_CELLS: usize = 1 << 18;
/// Dense matrices at least this big are filled by several threads.
const PARALLEL_FILL_CELLS: usize = 1 << 22;
/// Sentinel for "no row / no column".
const NONE: u32 = u32::MAX;

fn solve_with(
    n_children: usize,
    capacity: &[u32],
    edges: &[Edge],
    objective: Objective,
    layout: Layout,
) -> Vec<(u32, u32)> {
    let graph = Graph::build(n_children, capacity, edges);
    let components = graph.components(capacity);
    if components.is_empty() {
        return Vec::new();
    }

    // Each mentor belongs to exactly one component, so one shared global→local map suffices.
    let mut local_mentor = vec![NONE; capacity.len()];
    for comp in &components {
        for (k, &m) in comp.mentors.iter().enumerate() {
            local_mentor[m as usize] = k as u32;
        }
    }

    let ctx = Context { graph: &graph, capacity, local_mentor: &local_mentor, objective, layout };

    // Largest components first so that one big city does not end up last on a busy thread.
    let mut order: Vec<usize> = (0..components.len()).collect();
    order.sort_by_key(|&c| Reverse(components[c].children.len() * components[c].mentors.len()));

    // Components are independent; rayon only decides which thread solves which.
    let mut result: Vec<(u32, u32)> = if edges.len() < 20_000 {
        order.iter().flat_map(|&c| ctx.solve_component(&components[c])).collect()
    } else {
        order.par_iter().flat_map_iter(|&c| ctx.solve_component(&components[c])).collect()
    };
    // Each child appears at most once, so this order is total and independent of threads.
    result.sort_unstable();
    result
}

/// Read-only data shared by all component solves.
struct Context<'a> {
    graph: &'a Graph<'a>,
    capacity: &'a [u32],
    local_mentor: &'a [u32],
    objective: Objective,
    layout: Layout,
}

impl Context<'_> {
    fn solve_component(&self, comp: &Component) -> Vec<(u32, u32)> {
        let graph = self.graph;
        // Slots: mentor k owns columns slot_start[k]..slot_start[k+1]. More slots than distinct
        // neighbours can never be used, so capacity is capped by the degree.
        let mut slot_start = Vec::with_capacity(comp.mentors.len() + 1);
        slot_start.push(0usize);
        for &m in &comp.mentors {
            let slots = self.capacity[m as usize].min(graph.mentor_degree[m as usize]);
            slot_start.push(slot_start.last().unwrap() + slots as usize);
        }
        let n_slots = *slot_start.last().unwrap();
        let mut slot_mentor = vec![0u32; n_slots];
        for (k, &m) in comp.mentors.iter().enumerate() {
            slot_mentor[slot_start[k]..slot_start[k + 1]].fill(m);
        }

        // Weights (see module docs). `bonus` is BIG for Coverage, 0 for Score.
        let mut best_sum: i64 = 0;
        let mut max_score: i64 = 0;
        let mut n_pairs = 0usize;
        for &c in &comp.children {
            let pairs = graph.neighbours(c as usize);
            n_pairs += pairs.len();
            let best = pairs.iter().map(|e| e.score).max().unwrap_or(0);
            max_score = max_score.max(best);
            best_sum = best_sum.checked_add(best).expect("score sum overflows i64");
        }
        let bonus = match self.objective {
            Objective::Coverage => best_sum + 1,
            Objective::Score => 0,
        };
        let max_weight = bonus.checked_add(max_score).expect("score overflow in Coverage weights");
        // Keep the largest shortest-path distances (~ rows × max cost) well inside i64.
        let rows_bound = comp.children.len().min(n_slots) as i64 + 1;
        assert!(
            max_weight.checked_mul(4 * rows_bound).is_some(),
            "scores too large for exact i64 arithmetic"
        );
        // Cost of a pair = max_weight - weight; a missing pair has weight 0.
        let missing_cost = max_weight;
        let pair_cost = |score: i64| max_score - score;

        let n_children = comp.children.len();
        let cells = n_children * n_slots;
        let dense = match self.layout {
            Layout::Dense => true,
            Layout::Sparse => false,
            Layout::Auto => {
                cells <= SMALL_DENSE_CELLS
                    || (cells <= DENSE_CELL_LIMIT && n_pairs.saturating_mul(8) >= cells)
            }
        };

        // `assigned[i] = slot` for child i (local index), or NONE.
        let mut assigned = vec![NONE; n_children];
        if dense {
            if i32::try_from(missing_cost).is_ok() {
                self.solve_dense::<i32>(comp, &slot_start, missing_cost, pair_cost, &mut assigned);
            } else {
                self.solve_dense::<i64>(comp, &slot_start, missing_cost, pair_cost, &mut assigned);
            }
        } else {
            self.solve_sparse(comp, &slot_start, missing_cost, pair_cost, &mut assigned);
        }

        comp.children
            .iter()
            .zip(&assigned)
            .filter(|&(_, &slot)| slot != NONE)
            .map(|(&c, &slot)| (c, slot_mentor[slot as usize]))
            .collect()
    }
}

/// Flips the alternating path that ends in column `end_col` and starts at the free row
/// `free_row`: every column on it takes the row that reached it (`pred`), which frees the
/// column that row held, back to the start.
fn flip_path(pred: &[u32], row_of_col: &mut [u32], col_of_row: &mut [u32], end_col: usize, free_row: usize) {
    let mut j = end_col;
    loop {
        let i = pred[j] as usize;
        row_of_col[j] = i as u32;
        let previous = col_of_row[i];
        col_of_row[i] = j as u32;
        if i == free_row {
            break;
        }
        j = previous as usize;
    }
}
