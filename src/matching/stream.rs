//! `match --candidates`: every feasible pair, computed again as it is written instead of held
//! in memory (5,000 × 2,000 children and mentors are 10 million pairs, 870 MB of JSON; a
//! 20,000² pool is 400 million).

use std::io::Write;

use rayon::prelude::*;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::candidates::{Facts, Group, Pool};
use super::pairs::PairTable;
use super::progress::Progress;
use super::score::{MilliWeights, points};
use crate::registry::Registry;

/// Children scored together before their pairs are handed on: enough to keep every core busy,
/// few enough that a batch of a 20,000-mentor pool stays in tens of MB.
const BATCH: usize = 128;

/// What it takes to list the feasible pairs again.
pub struct Candidates {
    pub(super) pool: Pool,
    pub(super) groups: Vec<Group>,
    pub(super) weights: MilliWeights,
}

impl std::fmt::Debug for Candidates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Candidates").field("children", &self.pool.children.len()).finish_non_exhaustive()
    }
}

impl Candidates {
    /// Calls `f(child, mentor, score)` (registry indices, milli-points) for every feasible
    /// pair, sorted by child ID, then mentor ID; stops at the first error.
    pub fn for_each<E>(
        &self,
        registry: &Registry,
        mut f: impl FnMut(usize, usize, i64) -> Result<(), E>,
    ) -> Result<(), E> {
        let facts = Facts::new(registry);
        let table = PairTable::new(registry, &self.pool, &facts, self.weights);
        let n = self.pool.children.len();
        let mut group_of = vec![usize::MAX; n];
        for (g, (children, _)) in self.groups.iter().enumerate() {
            for &c in children {
                group_of[c as usize] = g;
            }
        }
        let progress = Progress::new("matching: writing candidates", n);
        let mut batch = Vec::new();
        for start in (0..n).step_by(BATCH) {
            (start..(start + BATCH).min(n))
                .into_par_iter()
                .map(|c| {
                    let Some((_, mentors)) = self.groups.get(group_of[c]) else { return Vec::new() };
                    mentors
                        .iter()
                        .filter_map(|&m| table.score(c, m as usize).map(|score| (m, score)))
                        .collect::<Vec<_>>()
                })
                .collect_into_vec(&mut batch);
            for (c, pairs) in (start..).zip(&batch) {
                for &(m, score) in pairs {
                    f(self.pool.children[c], self.pool.mentors[m as usize].0, score)?;
                }
            }
            progress.add(batch.len());
        }
        Ok(())
    }
}

/// Writes `value` (a JSON object) as pretty JSON with a `"candidates"` array streamed from
/// `candidates`, in the place sorted keys give it — the same text as building it whole.
pub fn write_json(
    out: impl Write,
    value: &serde_json::Value,
    registry: &Registry,
    candidates: &Candidates,
) -> serde_json::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut serializer = serde_json::Serializer::pretty(&mut out);
    WithCandidates { value, registry, candidates }.serialize(&mut serializer)?;
    out.write_all(b"\n").map_err(serde_json::Error::io)?;
    out.flush().map_err(serde_json::Error::io)
}

struct WithCandidates<'a> {
    value: &'a serde_json::Value,
    registry: &'a Registry,
    candidates: &'a Candidates,
}

const KEY: &str = "candidates";

impl Serialize for WithCandidates<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let object = self.value.as_object().expect("the proposal is a JSON object");
        let mut map = serializer.serialize_map(None)?;
        let mut written = false;
        for (key, value) in object.iter().filter(|(key, _)| key.as_str() != KEY) {
            if !written && key.as_str() > KEY {
                map.serialize_entry(KEY, &Stream(self))?;
                written = true;
            }
            map.serialize_entry(key, value)?;
        }
        if !written {
            map.serialize_entry(KEY, &Stream(self))?;
        }
        map.end()
    }
}

struct Stream<'a, 'b>(&'b WithCandidates<'a>);

#[derive(Serialize)]
struct Item<'a> {
    child: &'a str,
    mentor: &'a str,
    score: f64,
}

impl Serialize for Stream<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let registry = self.0.registry;
        let mut seq = serializer.serialize_seq(None)?;
        self.0.candidates.for_each(registry, |c, m, score| {
            seq.serialize_element(&Item {
                child: &registry.children[c].id,
                mentor: &registry.mentors[m].id,
                score: points(score),
            })
        })?;
        seq.end()
    }
}
