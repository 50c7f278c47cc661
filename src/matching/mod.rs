//! Matching (domain.md §5): who may be paired (`candidates`), how well (`score`), the optimal
//! assignment (`solver`) and the reasons behind a pair or an unmatched child (`explain`).

pub mod candidates;
pub mod explain;
pub mod score;
pub mod solver;

pub use candidates::Constraint;
pub use solver::Objective;

use crate::record::date::Date;
use crate::record::enums::Regime;
use crate::registry::Registry;
use candidates::{Facts, Pool};
use score::MilliWeights;

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
#[derive(Clone, Debug)]
pub struct Proposal {
    /// Sorted by child ID.
    pub pairs: Vec<Pair>,
    pub total: i64,
    /// Every feasible pair (child index, mentor index, score), sorted by IDs; empty unless
    /// `Options::with_candidates`.
    pub candidates: Vec<(usize, usize, i64)>,
    /// Children eligible and free but not proposed, with the reason, by ID.
    pub unmatched_children: Vec<(usize, Unmatched)>,
    /// Mentors eligible with free capacity who got no child, by ID.
    pub unmatched_mentors: Vec<usize>,
}

/// A weight of `[matching.weights]` (named) outside the range the solver's integers allow.
#[derive(Clone, Debug, PartialEq)]
pub struct BadWeight(pub String);

/// Checks the weights of `[matching.weights]`.
pub fn weights(registry: &Registry) -> Result<MilliWeights, BadWeight> {
    MilliWeights::new(&registry.config.matching.weights).map_err(|name| BadWeight(name.to_string()))
}

/// The optimal proposals for the waiting children and available mentors.
pub fn propose(registry: &Registry, options: &Options) -> Result<Proposal, BadWeight> {
    let weights = weights(registry)?;
    let pool = Pool::new(registry, options.regime, options.on, options.community.as_deref());
    let facts = Facts::new(registry);
    let groups = pool.groups(registry);
    let mut edges = pool.candidates(registry, &facts, &weights, &groups);
    let capacity: Vec<u32> = pool.mentors.iter().map(|&(_, free)| free).collect();
    let (scale, lean) = tie_break(&groups, &edges, pool.children.len());
    for edge in &mut edges {
        let c = edge.child as usize;
        edge.score = edge.score * scale[c] + lean[c];
    }
    let chosen = solver::solve(pool.children.len(), &capacity, &edges, options.objective);
    for edge in &mut edges {
        let c = edge.child as usize;
        edge.score = (edge.score - lean[c]) / scale[c];
    }

    let mut assigned: Vec<Option<u32>> = vec![None; pool.children.len()];
    let mut used = vec![0u32; pool.mentors.len()];
    for &(c, m) in &chosen {
        assigned[c as usize] = Some(m);
        used[m as usize] += 1;
    }
    let pairs: Vec<Pair> = chosen
        .iter()
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

    // Edges are sorted by child: each child's candidates are one run of them.
    let mut first_edge = vec![usize::MAX; pool.children.len() + 1];
    for (k, edge) in edges.iter().enumerate().rev() {
        first_edge[edge.child as usize] = k;
    }
    let mut group_of = vec![usize::MAX; pool.children.len()];
    for (g, (children, _)) in groups.iter().enumerate() {
        for &c in children {
            group_of[c as usize] = g;
        }
    }
    let mut unmatched_children = Vec::new();
    for c in (0..pool.children.len()).filter(|&c| assigned[c].is_none()) {
        let mine: Vec<&solver::Edge> = match first_edge[c] {
            usize::MAX => Vec::new(),
            k => edges[k..].iter().take_while(|e| e.child as usize == c).collect(),
        };
        let reason = if !mine.is_empty() {
            let free = mine.iter().any(|e| used[e.mentor as usize] < capacity[e.mentor as usize]);
            if free {
                Unmatched::ZeroScore { candidates: mine.len() }
            } else {
                Unmatched::Taken { candidates: mine.len() }
            }
        } else if group_of[c] == usize::MAX {
            Unmatched::NoMentorInReach
        } else {
            let counts = candidates::blocking(registry, &pool, &facts, c, &groups[group_of[c]].1);
            if counts.is_empty() { Unmatched::NoMentorInReach } else { Unmatched::NoneFits(counts) }
        };
        unmatched_children.push((pool.children[c], reason));
    }
    let unmatched_mentors =
        pool.mentors.iter().zip(&used).filter(|(_, used)| **used == 0).map(|(&(m, _), _)| m).collect();
    Ok(Proposal {
        total: pairs.iter().map(|p| p.score).sum(),
        pairs,
        candidates: if options.with_candidates {
            edges
                .iter()
                .map(|e| (pool.children[e.child as usize], pool.mentors[e.mentor as usize].0, e.score))
                .collect()
        } else {
            Vec::new()
        },
        unmatched_children,
        unmatched_mentors,
    })
}

/// Makes equal-score alternatives lean towards lower child IDs (earlier on the list) instead of
/// whichever the solver meets first. In each group (an independent part of the problem) the
/// scores are multiplied by one more than the sum of all the group's leans, and each child adds
/// a lean of (children after it in the group + 1): the leans of a whole assignment can never
/// outweigh one milli-point, so the optimum for the real scores is kept. A huge group whose
/// scaled scores could approach the solver's integer limits is left unscaled (still
/// deterministic, only without the lean). Returns (scale, lean) per pool child.
fn tie_break(
    groups: &[(Vec<u32>, Vec<u32>)],
    edges: &[solver::Edge],
    n_children: usize,
) -> (Vec<i64>, Vec<i64>) {
    const LIMIT: i128 = 1 << 40;
    let mut best = vec![0i64; n_children];
    for edge in edges {
        let best = &mut best[edge.child as usize];
        *best = (*best).max(edge.score);
    }
    let (mut scale, mut lean) = (vec![1i64; n_children], vec![0i64; n_children]);
    for (children, _) in groups {
        let n = children.len() as i128;
        let factor = n * (n + 1) / 2 + 1;
        let top = children.iter().map(|&c| best[c as usize]).max().unwrap_or(0) as i128 + 1;
        if n * top * factor > LIMIT {
            continue;
        }
        for (rank, &c) in children.iter().enumerate() {
            scale[c as usize] = factor as i64;
            lean[c as usize] = (n - rank as i128) as i64;
        }
    }
    (scale, lean)
}
