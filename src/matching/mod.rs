//! Matching (docs/rules.md, "Matching"): who may be paired (`candidates`), how well (`score`), the optimal
//! assignment (`solver`) and the reasons behind a pair or an unmatched child (`explain`).
//!
//! Big pools (a city of 20,000 children and as many mentors, or `scope = "any"`) never hold
//! their pairs: `pairs` scores a pair from interned numbers and bit sets, the pruned solver
//! keeps only each side's best pairs and proves the result optimal over all of them, and
//! `stream` writes `--candidates` as it computes them; `progress` tells a terminal how far a
//! long run is. Two environment variables serve tests and benchmarks only:
//! `NASTAVNYK_PRUNE_CELLS` lowers the size from which a group is pruned (the tests set it to 0
//! to run the pruned path on small registries), `NASTAVNYK_KEEP` sets how many pairs per child
//! and per mentor it starts with (`KEEP`), `NASTAVNYK_TRACE` prints the pruned solver's
//! rounds, times and memory to stderr.

pub mod candidates;
pub mod explain;
pub mod pairs;
pub mod progress;
pub mod score;
pub mod solver;
pub mod stream;

pub use candidates::Constraint;
pub use solver::Objective;

use crate::record::date::Date;
use crate::record::enums::Regime;
use crate::registry::Registry;
use candidates::{Facts, Group, Pool};
use pairs::PairTable;
use rayon::prelude::*;
use score::MilliWeights;
use solver::PairSource;
pub use stream::Candidates;

/// What a run is asked for.
#[derive(Clone, Debug)]
pub struct Options {
    pub on: Date,
    pub regime: Regime,
    pub objective: Objective,
    /// Only children and mentors of this community.
    pub community: Option<String>,
    /// Also return every feasible pair (`Proposal::candidates`).
    pub with_candidates: bool,
}

/// One pair: indices into the registry's `children` and `mentors`, the score in milli-points
/// and each factor's share of it (in `score::Factor::ALL` order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub child: usize,
    pub mentor: usize,
    pub score: i64,
    pub factors: [i64; 5],
}

/// Why a waiting child got no proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unmatched {
    /// No eligible mentor with free capacity where the child may be matched.
    NoMentorInReach,
    /// Mentors were within reach but each fails a hard constraint: how many fail which first.
    NoneFits(Vec<(Constraint, usize)>),
    /// Feasible mentors existed, all taken by pairs that the objective prefers.
    Taken { candidates: usize },
    /// Under `--objective score`, only pairs scoring 0 were possible: they add nothing.
    ZeroScore { candidates: usize },
}

impl Unmatched {
    pub fn code(&self) -> &'static str {
        match self {
            Unmatched::NoMentorInReach => "no_mentor_in_reach",
            Unmatched::NoneFits(_) => "no_mentor_fits",
            Unmatched::Taken { .. } => "taken_by_better_pairs",
            Unmatched::ZeroScore { .. } => "zero_score",
        }
    }
}

/// The result of a run.
#[derive(Debug)]
pub struct Proposal {
    /// Sorted by child ID.
    pub pairs: Vec<Pair>,
    pub total: i64,
    /// Every feasible pair, produced on demand (`Candidates::for_each`, sorted by IDs); only
    /// with `Options::with_candidates`.
    pub candidates: Option<Candidates>,
    /// Children eligible and free but not proposed, with the reason, by ID.
    pub unmatched_children: Vec<(usize, Unmatched)>,
    /// Mentors eligible with free capacity who got no child, by ID.
    pub unmatched_mentors: Vec<usize>,
    /// The people judged, when `candidates` does not hold them: their 200,000 profiles (a
    /// million short strings) go with the proposal, which a command about to exit leaves to
    /// the exit as it does the records (`Registry::finish`) instead of freeing them one by one.
    #[allow(dead_code, reason = "held, never read")]
    people: Option<Pool>,
}

/// A weight of `[matching.weights]` (named) outside the range the solver's integers allow.
#[derive(Clone, Debug, PartialEq)]
pub struct BadWeight(pub String);

/// Checks the weights of `[matching.weights]`.
pub fn weights(registry: &Registry) -> Result<MilliWeights, BadWeight> {
    MilliWeights::new(&registry.config.matching.weights).map_err(|name| BadWeight(name.to_string()))
}

/// Groups with more possible pairs than this (about 2,000 × 2,000) are solved without ever
/// holding all their pairs: `solver::solve_pruned` over pairs scored on the fly. Smaller ones
/// keep the exact tie-breaking below and the dense solver, with all pairs in memory.
pub const PRUNE_CELLS: usize = 1 << 22;
/// At most this many possible pairs over all groups solved with every pair in memory (16 bytes
/// each): 512 MB.
const DENSE_TOTAL_CELLS: usize = 1 << 25;
/// How many pairs per child and per mentor a pruned group starts with; the solver adds more
/// wherever its optimality certificate asks for them. On 20,000 × 20,000 (tie-heavy scores),
/// 16 left three children in four with a better pair outside and took six rounds; 32 and 48
/// took five, with 48 the cheapest checks and the same CPU time overall; 64 cost more to keep.
const KEEP: usize = 48;

/// The feasible pairs of one group as the pruned solver sees them: local indices.
struct GroupPairs<'t, 'a> {
    table: &'t PairTable<'a>,
    group: &'t Group,
}

impl PairSource for GroupPairs<'_, '_> {
    fn n_children(&self) -> usize {
        self.group.0.len()
    }

    fn for_each(&self, child: usize, mut f: impl FnMut(u32, i64)) {
        self.table.row(self.group.0[child] as usize, &self.group.1, |k, score| f(k as u32, score));
    }

    fn for_each_among(&self, child: usize, mentors: &[u32], mut f: impl FnMut(u32, i64)) {
        let pool: Vec<u32> = mentors.iter().map(|&m| self.group.1[m as usize]).collect();
        self.table.row(self.group.0[child] as usize, &pool, |k, score| f(mentors[k], score));
    }
}

/// The optimal proposals for the waiting children and available mentors.
pub fn propose(registry: &Registry, options: &Options) -> Result<Proposal, BadWeight> {
    let weights = weights(registry)?;
    let pool = Pool::new(registry, options.regime, options.on, options.community.as_deref());
    let facts = Facts::new(registry);
    let table = PairTable::new(registry, &pool, &facts, weights);
    let groups = pool.groups(registry);
    let capacity: Vec<u32> = pool.mentors.iter().map(|&(_, free)| free).collect();
    // Big groups are pruned; so are the biggest of the rest while all of them together could
    // hold more pairs than memory should (many cities just under the limit).
    let cells: Vec<usize> = groups.iter().map(|(children, mentors)| children.len() * mentors.len()).collect();
    let mut by_size: Vec<usize> = (0..groups.len()).collect();
    by_size.sort_by_key(|&g| std::cmp::Reverse(cells[g]));
    let mut dense_cells: usize = cells.iter().sum();
    let mut pruned = vec![false; groups.len()];
    // The tests lower the limit to run the pruned path on small registries.
    let limit =
        std::env::var("NASTAVNYK_PRUNE_CELLS").ok().and_then(|v| v.parse().ok()).unwrap_or(PRUNE_CELLS);
    for g in by_size {
        if cells[g] > limit || (dense_cells > DENSE_TOTAL_CELLS && cells[g] > 1 << 16) {
            dense_cells -= cells[g];
            pruned[g] = true;
        }
    }
    let pick = |wanted: bool| -> Vec<&Group> {
        groups.iter().zip(&pruned).filter(|&(_, &p)| p == wanted).map(|(group, _)| group).collect()
    };
    let (large, small) = (pick(true), pick(false));

    let trace = std::env::var_os("NASTAVNYK_TRACE").is_some();
    let keep = std::env::var("NASTAVNYK_KEEP").ok().and_then(|v| v.parse().ok()).unwrap_or(KEEP);
    if trace {
        eprintln!("before solve {}", solver::rss());
    }
    // Each group is its own problem: its pairs are listed, scored and solved on one thread and
    // never gathered into one national list (6 million pairs over 1,000 communities, which
    // cost more to collect and sort than to solve). Largest first, so that one big city does
    // not end a busy thread's queue.
    let mut order: Vec<&Group> = small;
    order.sort_by_key(|(children, mentors)| std::cmp::Reverse(children.len() * mentors.len()));
    let solved: Vec<Solved> =
        order.par_iter().map(|group| solve_group(&table, group, &capacity, options.objective)).collect();
    // How many feasible mentors each child has: counted by the group's solve.
    let mut degree = vec![0u32; pool.children.len()];
    let mut chosen: Vec<(u32, u32)> = Vec::with_capacity(pool.children.len());
    for (group, solved) in order.iter().zip(solved) {
        chosen.extend(solved.pairs);
        for (&c, d) in group.0.iter().zip(solved.degree) {
            degree[c as usize] = d;
        }
    }
    for group in &large {
        let capacity: Vec<u32> = group.1.iter().map(|&m| capacity[m as usize]).collect();
        let pruned =
            solver::solve_pruned(&GroupPairs { table: &table, group }, &capacity, options.objective, keep);
        chosen.extend(pruned.pairs.iter().map(|&(c, m)| (group.0[c as usize], group.1[m as usize])));
        for (&c, &d) in group.0.iter().zip(&pruned.degree) {
            degree[c as usize] = d;
        }
    }
    chosen.sort_unstable();

    let mut assigned: Vec<Option<u32>> = vec![None; pool.children.len()];
    let mut used = vec![0u32; pool.mentors.len()];
    for &(c, m) in &chosen {
        assigned[c as usize] = Some(m);
        used[m as usize] += 1;
    }
    let pairs: Vec<Pair> = chosen
        .par_iter()
        .map(|&(c, m)| {
            let factors =
                score::factors(&pool.child_profiles[c as usize], &pool.mentor_profiles[m as usize], &weights);
            Pair {
                child: pool.children[c as usize],
                mentor: pool.mentors[m as usize].0,
                score: factors.iter().sum(),
                factors,
            }
        })
        .collect();

    let mut group_of = vec![usize::MAX; pool.children.len()];
    for (g, (children, _)) in groups.iter().enumerate() {
        for &c in children {
            group_of[c as usize] = g;
        }
    }
    // Each reason looks at the child's mentors again (a pruned group kept no list of them);
    // in parallel, as a big pool may leave thousands of children unmatched.
    let unmatched: Vec<usize> = (0..pool.children.len()).filter(|&c| assigned[c].is_none()).collect();
    let unmatched_children = unmatched
        .par_iter()
        .map(|&c| {
            let group = group_of[c];
            let reason = if degree[c] > 0 {
                let free = groups[group].1.iter().any(|&m| {
                    used[m as usize] < capacity[m as usize] && table.score(c, m as usize).is_some()
                });
                let candidates = degree[c] as usize;
                if free { Unmatched::ZeroScore { candidates } } else { Unmatched::Taken { candidates } }
            } else if group == usize::MAX {
                Unmatched::NoMentorInReach
            } else {
                let counts = candidates::blocking(registry, &pool, &facts, c, &groups[group].1);
                if counts.is_empty() { Unmatched::NoMentorInReach } else { Unmatched::NoneFits(counts) }
            };
            (pool.children[c], reason)
        })
        .collect();
    if trace {
        eprintln!("reasons done {}", solver::rss());
    }
    let unmatched_mentors =
        pool.mentors.iter().zip(&used).filter(|(_, used)| **used == 0).map(|(&(m, _), _)| m).collect();
    drop(table);
    let (candidates, people) = if options.with_candidates {
        (Some(Candidates { pool, groups, weights }), None)
    } else {
        (None, Some(pool))
    };
    Ok(Proposal {
        total: pairs.iter().map(|p| p.score).sum(),
        pairs,
        candidates,
        unmatched_children,
        unmatched_mentors,
        people,
    })
}

/// One group's answer (`solve_group`).
struct Solved {
    /// The chosen pairs as pool positions (child, mentor).
    pairs: Vec<(u32, u32)>,
    /// Each of the group's children's number of feasible mentors, in the group's order.
    degree: Vec<u32>,
}

/// Solves one group held whole: its feasible pairs (local positions) scored, leaned towards
/// lower child IDs (`tie_break`) and handed to the exact solver.
fn solve_group(
    table: &PairTable,
    (children, mentors): &Group,
    capacity: &[u32],
    objective: Objective,
) -> Solved {
    let mut edges = Vec::with_capacity(children.len() * mentors.len());
    let mut degree = vec![0u32; children.len()];
    for (local, &c) in children.iter().enumerate() {
        let before = edges.len();
        table.row(c as usize, mentors, |k, score| {
            edges.push(solver::Edge { child: local as u32, mentor: k as u32, score });
        });
        degree[local] = (edges.len() - before) as u32;
    }
    if let Some(scale) = tie_break(&edges, children.len()) {
        let n = children.len() as i64;
        for edge in &mut edges {
            edge.score = edge.score * scale + (n - i64::from(edge.child));
        }
    }
    let local_capacity: Vec<u32> = mentors.iter().map(|&m| capacity[m as usize]).collect();
    let pairs = solver::solve(children.len(), &local_capacity, &edges, objective)
        .into_iter()
        .map(|(c, m)| (children[c as usize], mentors[m as usize]))
        .collect();
    Solved { pairs, degree }
}

/// Makes equal-score alternatives lean towards lower child IDs (earlier on the list) instead of
/// whichever the solver meets first. In a group (an independent part of the problem) of `n`
/// children, the scores are multiplied by one more than the sum of all the group's leans, and
/// each child adds a lean of (children after it in the group + 1): the leans of a whole
/// assignment can never outweigh one milli-point, so the optimum for the real scores is kept.
/// A huge group whose scaled scores could approach the solver's integer limits is left
/// unscaled (`None`: still deterministic, only without the lean). Returns the scale.
fn tie_break(edges: &[solver::Edge], n: usize) -> Option<i64> {
    const LIMIT: i128 = 1 << 40;
    let n = n as i128;
    let factor = n * (n + 1) / 2 + 1;
    let top = edges.iter().map(|edge| edge.score).max().unwrap_or(0) as i128 + 1;
    (n * top * factor <= LIMIT).then_some(factor as i64)
}
