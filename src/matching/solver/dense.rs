//! Dense components: the Jonker–Volgenant algorithm on a full cost matrix.

use rayon::prelude::*;

use super::graph::Component;
use super::{Context, NONE, PARALLEL_FILL_CELLS, flip_path};

impl Context<'_> {
    /// Dense solve of one component; `assigned[i]` receives child i's slot (or stays NONE).
    pub(super) fn solve_dense<C: MatrixCost>(
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
            real_rows.par_chunks_mut(n_cols).enumerate().for_each(|(i, row)| fill_child_row(i, row));
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
pub(super) trait MatrixCost: Copy + Default + Send + Sync + Into<i64> {
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
pub(super) fn lapjv_square<C: MatrixCost>(n: usize, cost: &[C]) -> Vec<u32> {
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
pub(super) fn augment_rectangular<C: MatrixCost>(n_rows: usize, n_cols: usize, cost: &[C]) -> Vec<u32> {
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
