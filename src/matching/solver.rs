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
//! component is an independent problem and components are solved on a small scoped thread
//! pool.  Each component is then solved exactly with a shortest-augmenting-path method:
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

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

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

    let n_threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(components.len());
    let mut result: Vec<(u32, u32)> = if n_threads <= 1 || edges.len() < 20_000 {
        order.iter().flat_map(|&c| ctx.solve_component(&components[c])).collect()
    } else {
        let next = AtomicUsize::new(0);
        let collected = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..n_threads {
                scope.spawn(|| {
                    let mut local = Vec::new();
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&c) = order.get(k) else { break };
                        local.extend(ctx.solve_component(&components[c]));
                    }
                    collected.lock().unwrap().extend(local);
                });
            }
        });
        collected.into_inner().unwrap()
    };
    // Each child appears at most once, so this order is total and independent of threads.
    result.sort_unstable();
    result
}

/// Children → mentors adjacency (CSR), duplicates merged, zero-capacity mentors dropped.
struct Graph<'a> {
    n_children: usize,
    /// Child `c`'s pairs are `edges[start[c]..start[c + 1]]`.
    start: Vec<usize>,
    /// Borrowed when the caller's edges are already grouped by child, duplicate-free and use no
    /// zero-capacity mentor (the common case: saves copying ~400 MB for a 5,000² city).
    edges: Cow<'a, [Edge]>,
    /// Number of distinct children adjacent to each mentor.
    mentor_degree: Vec<u32>,
}

impl<'a> Graph<'a> {
    /// O(edges); a counting sort by child, never a comparison sort.
    fn build(n_children: usize, capacity: &[u32], edges: &'a [Edge]) -> Graph<'a> {
        let n_mentors = capacity.len();
        let mut start = vec![0usize; n_children + 1];
        let mut grouped = true;
        let mut has_zero_capacity = false;
        let mut previous_child = 0;
        for e in edges {
            assert!((e.child as usize) < n_children, "edge child {} out of range", e.child);
            assert!((e.mentor as usize) < n_mentors, "edge mentor {} out of range", e.mentor);
            assert!(e.score >= 0, "negative score {}", e.score);
            grouped &= e.child >= previous_child;
            previous_child = e.child;
            if capacity[e.mentor as usize] > 0 {
                start[e.child as usize + 1] += 1;
            } else {
                has_zero_capacity = true;
            }
        }
        for c in 0..n_children {
            start[c + 1] += start[c];
        }

        // `last_child[m]`: last child seen with mentor m, to detect duplicates and count degrees.
        let mut last_child = vec![NONE; n_mentors];
        let mut mentor_degree = vec![0u32; n_mentors];
        if grouped && !has_zero_capacity {
            let mut duplicate = false;
            'scan: for c in 0..n_children {
                for e in &edges[start[c]..start[c + 1]] {
                    let m = e.mentor as usize;
                    if last_child[m] == c as u32 {
                        duplicate = true;
                        break 'scan;
                    }
                    last_child[m] = c as u32;
                    mentor_degree[m] += 1;
                }
            }
            if !duplicate {
                return Graph { n_children, start, edges: Cow::Borrowed(edges), mentor_degree };
            }
            last_child.fill(NONE);
            mentor_degree.fill(0);
        }

        let placeholder = Edge { child: 0, mentor: 0, score: 0 };
        let mut sorted = vec![placeholder; start[n_children]];
        let mut fill = start.clone();
        for e in edges {
            if capacity[e.mentor as usize] > 0 {
                let at = &mut fill[e.child as usize];
                sorted[*at] = *e;
                *at += 1;
            }
        }
        // Merge duplicates in place (write index never overtakes read index), keeping the best.
        let mut position = vec![0usize; n_mentors];
        let mut write = 0;
        for c in 0..n_children {
            let (begin, end) = (start[c], start[c + 1]);
            start[c] = write;
            for read in begin..end {
                let e = sorted[read];
                let m = e.mentor as usize;
                if last_child[m] == c as u32 {
                    let at = position[m];
                    sorted[at].score = sorted[at].score.max(e.score);
                } else {
                    last_child[m] = c as u32;
                    position[m] = write;
                    mentor_degree[m] += 1;
                    sorted[write] = e;
                    write += 1;
                }
            }
        }
        start[n_children] = write;
        sorted.truncate(write);
        Graph { n_children, start, edges: Cow::Owned(sorted), mentor_degree }
    }

    fn neighbours(&self, child: usize) -> &[Edge] {
        &self.edges[self.start[child]..self.start[child + 1]]
    }

    /// Connected components, numbered by their smallest child; members in ascending order.
    fn components(&self, capacity: &[u32]) -> Vec<Component> {
        let n = self.n_children;
        let mut uf = UnionFind::new(n + capacity.len());
        for c in 0..n {
            let mut root = uf.find(c);
            for e in self.neighbours(c) {
                root = uf.union_roots(root, n + e.mentor as usize);
            }
        }
        let mut comp_of_root = vec![NONE; n + capacity.len()];
        let mut components: Vec<Component> = Vec::new();
        for c in 0..n {
            if self.start[c] == self.start[c + 1] {
                continue; // no feasible pair: stays unmatched
            }
            let root = uf.find(c);
            if comp_of_root[root] == NONE {
                comp_of_root[root] = components.len() as u32;
                components.push(Component::default());
            }
            components[comp_of_root[root] as usize].children.push(c as u32);
        }
        for (m, &degree) in self.mentor_degree.iter().enumerate() {
            if degree > 0 {
                let comp = comp_of_root[uf.find(n + m)] as usize;
                components[comp].mentors.push(m as u32);
            }
        }
        components
    }
}

struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind { parent: (0..n as u32).collect() }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] as usize != x {
            let grand = self.parent[self.parent[x] as usize];
            self.parent[x] = grand; // path halving
            x = grand as usize;
        }
        x
    }
    /// Joins root `ra` with the set of `b`; returns the new root.  Links the larger index under
    /// the smaller one (roots only matter for the partition, which is order independent).
    fn union_roots(&mut self, ra: usize, b: usize) -> usize {
        let rb = self.find(b);
        match ra.cmp(&rb) {
            std::cmp::Ordering::Less => {
                self.parent[rb] = ra as u32;
                ra
            }
            std::cmp::Ordering::Greater => {
                self.parent[ra] = rb as u32;
                rb
            }
            std::cmp::Ordering::Equal => ra,
        }
    }
}

#[derive(Default)]
struct Component {
    children: Vec<u32>,
    mentors: Vec<u32>,
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
            // Rows = children; columns = slots, then one private "unmatched" column per child.
            let mut row_start = Vec::with_capacity(n_children + 1);
            let mut adj_col: Vec<u32> = Vec::new();
            let mut adj_cost: Vec<i64> = Vec::new();
            let mut pairs: Vec<(u32, i64)> = Vec::new();
            row_start.push(0usize);
            for (i, &c) in comp.children.iter().enumerate() {
                pairs.clear();
                pairs.extend(graph.neighbours(c as usize).iter().map(|e| (e.mentor, e.score)));
                // Sorted by mentor so the scan order does not depend on the input edge order.
                pairs.sort_unstable();
                for &(m, s) in &pairs {
                    let k = self.local_mentor[m as usize] as usize;
                    for slot in slot_start[k]..slot_start[k + 1] {
                        adj_col.push(slot as u32);
                        adj_cost.push(pair_cost(s));
                    }
                }
                adj_col.push((n_slots + i) as u32);
                adj_cost.push(missing_cost);
                row_start.push(adj_col.len());
            }
            let col_of_row =
                augment_sparse(n_children, n_slots + n_children, &row_start, &adj_col, &adj_cost);
            for (i, &col) in col_of_row.iter().enumerate() {
                let row = row_start[i]..row_start[i + 1];
                let k = adj_col[row.clone()].iter().position(|&j| j == col).unwrap();
                if (col as usize) < n_slots && adj_cost[row][k] < missing_cost {
                    assigned[i] = col;
                }
            }
        }

        comp.children
            .iter()
            .zip(&assigned)
            .filter(|&(_, &slot)| slot != NONE)
            .map(|(&c, &slot)| (c, slot_mentor[slot as usize]))
            .collect()
    }

    /// Dense solve of one component; `assigned[i]` receives child i's slot (or stays NONE).
    fn solve_dense<C: MatrixCost>(
        &self,
        comp: &Component,
        slot_start: &[usize],
        missing_cost: i64,
        pair_cost: impl Fn(i64) -> i64 + Sync,
        assigned: &mut [u32],
    ) {
        let graph = self.graph;
        let n_children = comp.children.len();
        let n_slots = *slot_start.last().unwrap();
        let cells = n_children * n_slots;
        let missing = C::from_i64(missing_cost);
        // Orient so that rows <= columns (the solver assigns every row).
        let transposed = n_children > n_slots;
        let (n_rows, n_cols) = if transposed { (n_slots, n_children) } else { (n_children, n_slots) };
        // Nearly square → pad with zero-cost dummy rows and use full LAPJV; otherwise the
        // padding would cost more than the JV initialisation saves.
        let pad = n_cols - n_rows <= (n_rows / 4).max(8);
        let matrix_rows = if pad { n_cols } else { n_rows };
        let mut cost = vec![C::default(); matrix_rows * n_cols];
        let (real_rows, _dummy_rows) = cost.split_at_mut(n_rows * n_cols);
        // Writes one child's pairs into `row` (children as rows) — the row is first set to
        // "missing" so each cache line is written while hot, in a single pass.
        let fill_child_row = |i: usize, row: &mut [C]| {
            row.fill(missing);
            for e in graph.neighbours(comp.children[i] as usize) {
                let k = self.local_mentor[e.mentor as usize] as usize;
                row[slot_start[k]..slot_start[k + 1]].fill(C::from_i64(pair_cost(e.score)));
            }
        };
        if transposed {
            real_rows.fill(missing);
            for (i, &c) in comp.children.iter().enumerate() {
                for e in graph.neighbours(c as usize) {
                    let k = self.local_mentor[e.mentor as usize] as usize;
                    for slot in slot_start[k]..slot_start[k + 1] {
                        real_rows[slot * n_cols + i] = C::from_i64(pair_cost(e.score));
                    }
                }
            }
        } else if cells >= PARALLEL_FILL_CELLS {
            // Big city: filling (and page-faulting) hundreds of MB is worth two threads.
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
            let rows_per_thread = n_rows.div_ceil(threads);
            std::thread::scope(|scope| {
                for (t, chunk) in real_rows.chunks_mut(rows_per_thread * n_cols).enumerate() {
                    let fill_child_row = &fill_child_row;
                    scope.spawn(move || {
                        for (r, row) in chunk.chunks_mut(n_cols).enumerate() {
                            fill_child_row(t * rows_per_thread + r, row);
                        }
                    });
                }
            });
        } else {
            for (i, row) in real_rows.chunks_mut(n_cols).enumerate() {
                fill_child_row(i, row);
            }
        }
        let col_of_row =
            if pad { lapjv_square(n_cols, &cost) } else { augment_rectangular(n_rows, n_cols, &cost) };
        for (row, &col) in col_of_row.iter().enumerate().take(n_rows) {
            let (i, slot) = if transposed { (col as usize, row) } else { (row, col as usize) };
            if wide(cost[row * n_cols + col as usize]) < missing_cost {
                assigned[i] = slot as u32;
            }
        }
    }
}

/// Element type of a dense cost matrix: `i32` when the component's costs fit (half the memory
/// traffic and page faults of `i64` — the 5,000² matrix is 100 MB instead of 200 MB), else
/// `i64`.  All arithmetic (prices, distances) is done in `i64` either way.
trait MatrixCost: Copy + Default + Send + Sync + Into<i64> {
    /// Callers guarantee `x` fits.
    fn from_i64(x: i64) -> Self;
}

impl MatrixCost for i32 {
    fn from_i64(x: i64) -> Self {
        debug_assert!(i32::try_from(x).is_ok());
        x as i32
    }
}

impl MatrixCost for i64 {
    fn from_i64(x: i64) -> Self {
        x
    }
}

#[inline(always)]
fn wide<C: MatrixCost>(c: C) -> i64 {
    c.into()
}

/// Full Jonker–Volgenant on a square `n×n` row-major cost matrix; returns the column of each row.
fn lapjv_square<C: MatrixCost>(n: usize, cost: &[C]) -> Vec<u32> {
    if n == 1 {
        return vec![0];
    }
    let row = |i: usize| &cost[i * n..(i + 1) * n];

    // Column reduction: v[j] = min_i c[i][j] (first minimal row), computed row by row so the
    // matrix is read sequentially rather than column-strided.
    let mut v: Vec<i64> = row(0).iter().map(|&c| wide(c)).collect();
    let mut argmin = vec![0u32; n];
    for i in 1..n {
        for ((vj, am), &c) in v.iter_mut().zip(argmin.iter_mut()).zip(row(i)) {
            let c = wide(c);
            if c < *vj {
                *vj = c;
                *am = i as u32;
            }
        }
    }
    let mut row_of_col = vec![NONE; n];
    let mut col_of_row = vec![NONE; n];
    let mut matches = vec![0u32; n];
    // Reverse column order, as in the JV paper (it tends to leave fewer free rows).
    for j in (0..n).rev() {
        let i = argmin[j] as usize;
        matches[i] += 1;
        if matches[i] == 1 {
            col_of_row[i] = j as u32;
            row_of_col[j] = i as u32;
        }
    }

    // Reduction transfer: a row assigned exactly once hands its slack to its column's price.
    let mut free_rows = Vec::new();
    for i in 0..n {
        match matches[i] {
            0 => free_rows.push(i as u32),
            1 => {
                let j1 = col_of_row[i] as usize;
                let slack = row(i)
                    .iter()
                    .zip(&v)
                    .enumerate()
                    .filter(|&(j, _)| j != j1)
                    .map(|(_, (&c, &vj))| wide(c) - vj)
                    .min()
                    .unwrap();
                v[j1] -= slack;
            }
            _ => {}
        }
    }

    // Augmenting row reduction, two passes (JV): cheap, and settles most free rows.
    for _ in 0..2 {
        let previous = std::mem::take(&mut free_rows);
        let mut k = 0;
        let mut pending: Vec<u32> = previous;
        while k < pending.len() {
            let i = pending[k] as usize;
            k += 1;
            // Minimum and second minimum reduced cost over the row.
            let r = row(i);
            let (mut umin, mut j1) = (wide(r[0]) - v[0], 0usize);
            let (mut usubmin, mut j2) = (i64::MAX, 0usize);
            for j in 1..n {
                let h = wide(r[j]) - v[j];
                if h < usubmin {
                    if h >= umin {
                        usubmin = h;
                        j2 = j;
                    } else {
                        usubmin = umin;
                        j2 = j1;
                        umin = h;
                        j1 = j;
                    }
                }
            }
            let mut i0 = row_of_col[j1];
            if umin < usubmin {
                // Make j1 less attractive so that the row's minimum rises to the sub-minimum.
                v[j1] -= usubmin - umin;
            } else if i0 != NONE {
                // Tie: prefer j2, which may be free.
                j1 = j2;
                i0 = row_of_col[j2];
            }
            col_of_row[i] = j1 as u32;
            row_of_col[j1] = i as u32;
            if i0 != NONE {
                col_of_row[i0 as usize] = NONE;
                if umin < usubmin {
                    // Continue the augmenting path with the displaced row right away.
                    k -= 1;
                    pending[k] = i0;
                } else {
                    free_rows.push(i0);
                }
            }
        }
    }

    let mut state = AugmentState::new(n);
    for &i in &free_rows {
        state.augment(cost, n, i as usize, &mut v, &mut col_of_row, &mut row_of_col);
    }
    col_of_row
}

/// Rectangular `n_rows × n_cols` (rows < cols) problem: augmentation only, prices start at 0.
/// Without the JV initialisation every unassigned column keeps price 0, which is exactly the
/// complementary-slackness condition of the rectangular problem.
fn augment_rectangular<C: MatrixCost>(n_rows: usize, n_cols: usize, cost: &[C]) -> Vec<u32> {
    let mut v = vec![0i64; n_cols];
    let mut col_of_row = vec![NONE; n_rows];
    let mut row_of_col = vec![NONE; n_cols];
    let mut state = AugmentState::new(n_cols);
    for i in 0..n_rows {
        state.augment(cost, n_cols, i, &mut v, &mut col_of_row, &mut row_of_col);
    }
    col_of_row
}

/// Scratch arrays of the JV shortest-path phase, reused across augmentations.
struct AugmentState {
    dist: Vec<i64>,
    pred: Vec<u32>,
    /// Column list partitioned as [ready | scan (at current minimum) | todo].
    cols: Vec<u32>,
}

impl AugmentState {
    fn new(n_cols: usize) -> Self {
        AugmentState { dist: vec![0; n_cols], pred: vec![0; n_cols], cols: vec![0; n_cols] }
    }

    /// One Dijkstra search from `free_row` with reduced costs `c[i][j] - v[j] - u[i]`, where
    /// `u[i]` is implicit (`c[i][col_of_row[i]] - v[col_of_row[i]]`, tight edges).  All columns at
    /// the current minimum distance are moved to the scan list together and the search stops as
    /// soon as one of them is free — with many tied integer costs this ends most searches early.
    fn augment<C: MatrixCost>(
        &mut self,
        cost: &[C],
        n_cols: usize,
        free_row: usize,
        v: &mut [i64],
        col_of_row: &mut [u32],
        row_of_col: &mut [u32],
    ) {
        let AugmentState { dist, pred, cols } = self;
        let start_row = &cost[free_row * n_cols..(free_row + 1) * n_cols];
        for j in 0..n_cols {
            dist[j] = wide(start_row[j]) - v[j];
            pred[j] = free_row as u32;
            cols[j] = j as u32;
        }
        let mut low = 0; // cols[..low] ready (distance final and <= min)
        let mut up = 0; // cols[low..up] at the current minimum, to be scanned
        let mut last_ready = 0;
        let mut min = 0i64;
        let end_col: usize = 'search: loop {
            if up == low {
                // Collect every todo column at the new minimum distance.
                last_ready = low;
                min = dist[cols[up] as usize];
                up += 1;
                // `up` moves inside the loop; the range is fixed at the first todo column.
                let todo_start = up;
                for k in todo_start..n_cols {
                    let j = cols[k] as usize;
                    let h = dist[j];
                    if h <= min {
                        if h < min {
                            up = low;
                            min = h;
                        }
                        cols[k] = cols[up];
                        cols[up] = j as u32;
                        up += 1;
                    }
                }
                // Lowest position first, so ties resolve the same way every run.
                for &j in &cols[low..up] {
                    if row_of_col[j as usize] == NONE {
                        break 'search j as usize;
                    }
                }
            }
            // Scan one minimum column: extend the tree through its (tight) assigned row.
            let j1 = cols[low] as usize;
            low += 1;
            let i = row_of_col[j1] as usize;
            let row = &cost[i * n_cols..(i + 1) * n_cols];
            let h = wide(row[j1]) - v[j1] - min;
            let mut k = up;
            while k < n_cols {
                let j = cols[k] as usize;
                let reduced = wide(row[j]) - v[j] - h;
                if reduced < dist[j] {
                    pred[j] = i as u32;
                    if reduced == min {
                        if row_of_col[j] == NONE {
                            dist[j] = reduced;
                            break 'search j;
                        }
                        cols[k] = cols[up];
                        cols[up] = j as u32;
                        up += 1;
                    }
                    dist[j] = reduced;
                }
                k += 1;
            }
        };

        // Price update for ready columns keeps all reduced costs >= 0 and the path tight.
        for &j in &cols[..last_ready] {
            let j = j as usize;
            v[j] += dist[j] - min;
        }
        flip_path(pred, row_of_col, col_of_row, end_col, free_row);
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

/// Sparse successive shortest paths: every row must be assigned (callers guarantee a private
/// fallback column per row).  Explicit potentials `u`, `v` keep reduced costs >= 0 for Dijkstra;
/// prices of never-assigned columns stay 0, as the rectangular problem requires.
fn augment_sparse(
    n_rows: usize,
    n_cols: usize,
    row_start: &[usize],
    adj_col: &[u32],
    adj_cost: &[i64],
) -> Vec<u32> {
    let mut u = vec![0i64; n_rows];
    let mut v = vec![0i64; n_cols];
    let mut col_of_row = vec![NONE; n_rows];
    let mut row_of_col = vec![NONE; n_cols];
    let mut dist = vec![i64::MAX; n_cols];
    let mut pred = vec![NONE; n_cols];
    let mut done = vec![false; n_cols];
    let mut touched: Vec<u32> = Vec::new();
    let mut finalized: Vec<u32> = Vec::new();
    let mut tree_rows: Vec<(u32, i64)> = Vec::new();
    let mut heap: BinaryHeap<Reverse<(i64, u32)>> = BinaryHeap::new();

    for source in 0..n_rows {
        heap.clear();
        tree_rows.clear();
        tree_rows.push((source as u32, 0));
        let mut frontier = Some((source, 0i64));
        let (sink, total) = loop {
            if let Some((i, di)) = frontier.take() {
                for k in row_start[i]..row_start[i + 1] {
                    let j = adj_col[k] as usize;
                    if done[j] {
                        continue;
                    }
                    let d = di + adj_cost[k] - u[i] - v[j];
                    if d < dist[j] {
                        if dist[j] == i64::MAX {
                            touched.push(j as u32);
                        }
                        dist[j] = d;
                        pred[j] = i as u32;
                        heap.push(Reverse((d, j as u32)));
                    }
                }
            }
            let Reverse((d, j)) = heap.pop().expect("a fallback column is always reachable");
            let j = j as usize;
            if done[j] || d > dist[j] {
                continue; // stale heap entry
            }
            done[j] = true;
            if row_of_col[j] == NONE {
                break (j, d);
            }
            finalized.push(j as u32);
            let i = row_of_col[j] as usize;
            tree_rows.push((i as u32, d));
            frontier = Some((i, d));
        };

        for &(i, di) in &tree_rows {
            u[i as usize] += total - di;
        }
        for &j in &finalized {
            v[j as usize] -= total - dist[j as usize];
        }
        flip_path(&pred, &mut row_of_col, &mut col_of_row, sink, source);
        for &j in &touched {
            dist[j as usize] = i64::MAX;
            done[j as usize] = false;
        }
        touched.clear();
        finalized.clear();
    }
    col_of_row
}

#[cfg(test)]
mod tests {
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
    fn brute_force(
        n_children: usize,
        capacity: &[u32],
        edges: &[Edge],
        objective: Objective,
    ) -> (usize, i64) {
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
                        edges.push(Edge {
                            child: c as u32,
                            mentor: m as u32,
                            score: rng.below(4) as i64 * unit,
                        });
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
                let (a, b) =
                    (evaluate(n, &capacity, &edges, &dense), evaluate(n, &capacity, &edges, &sparse));
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
}
