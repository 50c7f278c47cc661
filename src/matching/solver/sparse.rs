//! Sparse components: successive shortest paths on adjacency lists with a binary heap.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::graph::Component;
use super::{Context, NONE, flip_path};
use crate::matching::progress::Progress;

impl Context<'_> {
    /// Sparse solve of one component; `assigned[i]` receives child i's slot (or stays NONE).
    pub(super) fn solve_sparse(
        &self,
        comp: &Component,
        slot_start: &[usize],
        missing_cost: i64,
        pair_cost: impl Fn(i64) -> i64,
        assigned: &mut [u32],
    ) {
        let graph = self.graph;
        let n_children = comp.children.len();
        let n_slots = *slot_start.last().unwrap();
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
        let (col_of_row, _, _) =
            augment_sparse(n_children, n_slots + n_children, &row_start, &adj_col, &adj_cost, None, None);
        for (i, &col) in col_of_row.iter().enumerate() {
            let row = row_start[i]..row_start[i + 1];
            let k = adj_col[row.clone()].iter().position(|&j| j == col).unwrap();
            if (col as usize) < n_slots && adj_cost[row][k] < missing_cost {
                assigned[i] = col;
            }
        }
    }
}

/// Sparse successive shortest paths: every row must be assigned (callers guarantee a private
/// fallback column per row).  Explicit potentials `u`, `v` keep reduced costs >= 0 for Dijkstra;
/// prices of never-assigned columns stay 0, as the rectangular problem requires.
///
/// Returns the column of each row and the final potentials `(u, v)`: an optimal dual solution
/// (`cost - u[i] - v[j] >= 0` on every edge, `v <= 0`, tight on the assignment), which
/// `pruned` uses as a certificate that the pairs it left out could not do better.
///
/// `warm`: the assignment and column prices of an earlier solve of the same rows and columns
/// over fewer edges (`pruned`'s previous round). Whatever stays optimal under those prices is
/// kept and only the rest is searched again (see [`warm_start`]).
pub(super) fn augment_sparse(
    n_rows: usize,
    n_cols: usize,
    row_start: &[usize],
    adj_col: &[u32],
    adj_cost: &[i64],
    progress: Option<&Progress>,
    warm: Option<Warm>,
) -> (Vec<u32>, Vec<i64>, Vec<i64>) {
    let mut u = vec![0i64; n_rows];
    let mut v = vec![0i64; n_cols];
    let mut col_of_row = vec![NONE; n_rows];
    let mut row_of_col = vec![NONE; n_cols];
    let pending = match warm {
        Some(warm) => {
            v.copy_from_slice(&warm.v);
            warm_start(
                row_start,
                adj_col,
                adj_cost,
                &warm.col_of_row,
                &mut v,
                &mut col_of_row,
                &mut row_of_col,
            )
        }
        None => (0..n_rows as u32).collect(),
    };
    let mut dist = vec![i64::MAX; n_cols];
    let mut pred = vec![NONE; n_cols];
    let mut done = vec![false; n_cols];
    let mut touched: Vec<u32> = Vec::new();
    let mut finalized: Vec<u32> = Vec::new();
    let mut tree_rows: Vec<(u32, i64)> = Vec::new();
    let mut heap: BinaryHeap<Reverse<(i64, u32)>> = BinaryHeap::new();

    let free_rows = augmenting_row_reduction(
        pending,
        row_start,
        adj_col,
        adj_cost,
        &mut v,
        &mut col_of_row,
        &mut row_of_col,
    );
    // Prices of the rows: tight on their column, or the row's cheapest reduced cost if free —
    // either way no reduced cost is negative (see `augmenting_row_reduction`).
    for i in 0..n_rows {
        let row = row_start[i]..row_start[i + 1];
        u[i] = match col_of_row[i] {
            NONE => row.map(|k| adj_cost[k] - v[adj_col[k] as usize]).min().unwrap_or(0),
            col => row.filter(|&k| adj_col[k] == col).map(|k| adj_cost[k] - v[col as usize]).min().unwrap(),
        };
    }
    if let Some(progress) = progress {
        progress.add(n_rows - free_rows.len());
    }

    for (n, &source) in free_rows.iter().enumerate() {
        let source = source as usize;
        if n % 256 == 0
            && let Some(progress) = progress
        {
            progress.add(256.min(free_rows.len() - n));
        }
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
    (col_of_row, u, v)
}

/// Jonker–Volgenant's augmenting row reduction on adjacency lists, two passes: each free row
/// takes its cheapest column (reduced by the column prices `v`), lowering that column's price
/// to the row's second-cheapest so that the row it displaces looks elsewhere. Cheap, and it
/// settles most rows, leaving the shortest-path phase only the hard ones (on a near-square
/// 20,000² pool those searches are long). Returns the rows left free.
///
/// `free`: the rows to settle; the others are assigned already, each to a column of least
/// reduced cost, and every free column is priced 0 (a cold start, or [`warm_start`]).
///
/// Invariants, which make the prices a valid start for the shortest paths: a price only goes
/// down, and only on a column that is (and stays) assigned, so `v <= 0` and unassigned columns
/// keep 0; an assigned row holds a column of least reduced cost in its row (others' prices only
/// drop, which makes them dearer; its own drops only to its second-cheapest).
fn augmenting_row_reduction(
    mut free: Vec<u32>,
    row_start: &[usize],
    adj_col: &[u32],
    adj_cost: &[i64],
    v: &mut [i64],
    col_of_row: &mut [u32],
    row_of_col: &mut [u32],
) -> Vec<u32> {
    for _ in 0..2 {
        let mut pending = std::mem::take(&mut free);
        let mut k = 0;
        while k < pending.len() {
            let i = pending[k] as usize;
            k += 1;
            let (mut umin, mut j1, mut usubmin, mut j2) = (i64::MAX, NONE, i64::MAX, NONE);
            for e in row_start[i]..row_start[i + 1] {
                let j = adj_col[e];
                let h = adj_cost[e] - v[j as usize];
                if h < usubmin {
                    if h >= umin {
                        (usubmin, j2) = (h, j);
                    } else {
                        (usubmin, j2, umin, j1) = (umin, j1, h, j);
                    }
                }
            }
            if j1 == NONE {
                continue; // a row without columns: callers always give one, its own
            }
            let mut i0 = row_of_col[j1 as usize];
            let lowered = j2 != NONE && umin < usubmin;
            if lowered {
                v[j1 as usize] -= usubmin - umin;
            } else if i0 != NONE && j2 != NONE {
                // A tie: take the other column, which may be free.
                j1 = j2;
                i0 = row_of_col[j2 as usize];
            }
            col_of_row[i] = j1;
            row_of_col[j1 as usize] = i as u32;
            if i0 != NONE {
                col_of_row[i0 as usize] = NONE;
                if lowered {
                    // Go on with the displaced row at once.
                    k -= 1;
                    pending[k] = i0;
                } else {
                    free.push(i0);
                }
            }
        }
    }
    free
}

/// How many freed columns `warm_start` returned to price 0 (tests: that the cascade runs).
#[cfg(test)]
pub(super) static RAISED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// An earlier solve to start from: each row's column (`NONE`: none) and the column prices.
pub(super) struct Warm {
    pub col_of_row: Vec<u32>,
    pub v: Vec<i64>,
}

/// Keeps what an earlier solve over fewer edges got right, under its column prices `v`
/// (`v <= 0`, free columns at 0, assigned rows on a column of least reduced cost): a row keeps
/// its column if that column is still among its cheapest with the new edges, else it is freed.
/// A freed column must return to price 0 (the rectangular problem's condition for a free
/// column), which makes it cheaper for the other rows that list it; any of them that now
/// prefers it is freed too, and so on. What is left satisfies the invariants of
/// [`augmenting_row_reduction`]; returns the free rows, ascending.
fn warm_start(
    row_start: &[usize],
    adj_col: &[u32],
    adj_cost: &[i64],
    earlier: &[u32],
    v: &mut [i64],
    col_of_row: &mut [u32],
    row_of_col: &mut [u32],
) -> Vec<u32> {
    let n_rows = row_start.len() - 1;
    // u[i]: the row's least reduced cost; an assigned row is tight on its column.
    let mut u = vec![0i64; n_rows];
    let mut raise: Vec<u32> = Vec::new();
    for i in 0..n_rows {
        let row = row_start[i]..row_start[i + 1];
        let least = row.clone().map(|k| adj_cost[k] - v[adj_col[k] as usize]).min().unwrap_or(0);
        u[i] = least;
        let j = earlier[i];
        if j == NONE {
            continue;
        }
        let keeps = row.clone().any(|k| adj_col[k] == j && adj_cost[k] - v[j as usize] == least);
        if keeps {
            col_of_row[i] = j;
            row_of_col[j as usize] = i as u32;
        } else if v[j as usize] < 0 {
            raise.push(j);
        }
    }
    if !raise.is_empty() {
        // The rows of each column, to find who a raised price affects.
        let mut col_start = vec![0usize; v.len() + 1];
        for &j in adj_col {
            col_start[j as usize + 1] += 1;
        }
        for j in 0..v.len() {
            col_start[j + 1] += col_start[j];
        }
        let mut fill = col_start.clone();
        let mut col_rows = vec![(0u32, 0i64); adj_col.len()];
        for i in 0..n_rows {
            for k in row_start[i]..row_start[i + 1] {
                let j = adj_col[k] as usize;
                col_rows[fill[j]] = (i as u32, adj_cost[k]);
                fill[j] += 1;
            }
        }
        while let Some(j) = raise.pop() {
            let j = j as usize;
            if v[j] == 0 || row_of_col[j] != NONE {
                continue;
            }
            v[j] = 0;
            #[cfg(test)]
            RAISED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            for &(i, cost) in &col_rows[col_start[j]..col_start[j + 1]] {
                let i = i as usize;
                if cost < u[i] {
                    u[i] = cost;
                    let held = col_of_row[i];
                    if held != NONE && held as usize != j {
                        col_of_row[i] = NONE;
                        row_of_col[held as usize] = NONE;
                        if v[held as usize] < 0 {
                            raise.push(held);
                        }
                    }
                }
            }
        }
    }
    (0..n_rows as u32).filter(|&i| col_of_row[i as usize] == NONE).collect()
}
