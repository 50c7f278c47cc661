//! The hard constraints and the score of a pair in a few nanoseconds, for pools where every
//! child meets every mentor (a 20,000 × 20,000 community is 400 million pairs, looked at more
//! than once). Strings are interned once into bit sets and numbers; the answers are exactly
//! those of `Facts::first_failure(..).is_none()` and `score::score` (checked in debug builds).

use rustc_hash::FxHashMap as HashMap;

use super::candidates::{Facts, Pool, conflict};
use super::score::{self, Factor, MilliWeights, Profile};
use crate::record::config::MatchScope;
use crate::record::date::Date;
use crate::record::date::birthday;
use crate::record::enums::Sex;
use crate::registry::Registry;

/// What one side of a pair contributes, interned.
#[derive(Clone, Copy)]
struct Side {
    community: u32,
    /// Interned normalised settlement, `NO_SETTLEMENT` when absent.
    settlement: u32,
    goals: u8,
    days: u8,
    /// The mentor's sex; the sex the child asks for (`None`: any).
    sex: Option<Sex>,
    /// The child's birth date; for a mentor, the birthday at the minimum age gap (the child
    /// must be born on it or later).
    date: Date,
    waited_days: i64,
    /// A mentor with `conflicts` listed: those pairs go through the record (rare).
    conflicts: bool,
    /// Interests and languages as one word each, when every list fits in 64 (the usual case:
    /// a few dozen interests in a registry); else `Bits`.
    interests: u64,
    languages: u64,
}

const NO_SETTLEMENT: u32 = u32::MAX;

/// Interned strings → dense numbers, so lists become bit sets. (A national pool interns a
/// million short strings: the Fx hash, not the DoS-resistant default, which is no concern
/// for a registry's own words.)
#[derive(Default)]
struct Interner<'s>(HashMap<&'s str, u32>);

impl<'s> Interner<'s> {
    fn id(&mut self, text: &'s str) -> u32 {
        let next = self.0.len() as u32;
        *self.0.entry(text).or_insert(next)
    }
}

/// Bit sets of `words` u64 words per person, one after the other.
struct Bits {
    words: usize,
    bits: Vec<u64>,
}

impl Bits {
    fn new(lists: &[Vec<u32>], universe: usize) -> Bits {
        let words = universe.div_ceil(64).max(1);
        let mut bits = vec![0u64; lists.len() * words];
        for (k, list) in lists.iter().enumerate() {
            for &id in list {
                bits[k * words + id as usize / 64] |= 1 << (id % 64);
            }
        }
        Bits { words, bits }
    }

    fn of(&self, k: usize) -> &[u64] {
        &self.bits[k * self.words..(k + 1) * self.words]
    }
}

fn shared(a: &[u64], b: &[u64]) -> u32 {
    a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum()
}

/// Every pool child against every pool mentor, by pool position.
pub struct PairTable<'a> {
    registry: &'a Registry,
    pool: &'a Pool,
    facts: &'a Facts<'a>,
    weights: MilliWeights,
    scope: MatchScope,
    children: Vec<Side>,
    mentors: Vec<Side>,
    child_interests: Bits,
    mentor_interests: Bits,
    child_languages: Bits,
    mentor_languages: Bits,
    /// Per child position, the mentor positions of earlier breakups (sorted; mostly empty).
    breakups: Vec<Vec<u32>>,
    /// Interests and languages fit in one word (`Side::interests`, `Side::languages`).
    one_word: bool,
}

impl<'a> PairTable<'a> {
    pub fn new(registry: &'a Registry, pool: &'a Pool, facts: &'a Facts<'a>, weights: MilliWeights) -> Self {
        let config = facts.config;
        let (mut communities, mut settlements) = (Interner::default(), Interner::default());
        let (mut interests, mut languages) = (Interner::default(), Interner::default());
        let mut intern_profiles = |profiles: &'a [Profile]| -> (Vec<Vec<u32>>, Vec<Vec<u32>>, Vec<u32>) {
            let interest_ids =
                profiles.iter().map(|p| p.interests.iter().map(|s| interests.id(s)).collect()).collect();
            let language_ids =
                profiles.iter().map(|p| p.languages.iter().map(|s| languages.id(s)).collect()).collect();
            let settlement_ids = profiles
                .iter()
                .map(|p| p.settlement.as_deref().map_or(NO_SETTLEMENT, |s| settlements.id(s)))
                .collect();
            (interest_ids, language_ids, settlement_ids)
        };
        let (ci, cl, cs) = intern_profiles(&pool.child_profiles);
        let (mi, ml, ms) = intern_profiles(&pool.mentor_profiles);
        let gap = config.min_age_gap;
        let children: Vec<Side> = pool
            .children
            .iter()
            .enumerate()
            .map(|(k, &c)| {
                let child = &registry.children[c];
                let profile = &pool.child_profiles[k];
                Side {
                    community: communities.id(&child.community),
                    settlement: cs[k],
                    goals: profile.goals,
                    days: profile.days,
                    sex: if config.respect_mentor_sex { child.preferences.mentor_sex } else { None },
                    date: child.birth_date,
                    waited_days: profile.waited_days,
                    conflicts: false,
                    interests: 0,
                    languages: 0,
                }
            })
            .collect();
        let mentors: Vec<Side> = pool
            .mentors
            .iter()
            .enumerate()
            .map(|(k, &(m, _))| {
                let mentor = &registry.mentors[m];
                let profile = &pool.mentor_profiles[k];
                Side {
                    community: communities.id(&mentor.community),
                    settlement: ms[k],
                    goals: profile.goals,
                    days: profile.days,
                    sex: Some(mentor.sex),
                    date: if gap > 0 { birthday(mentor.birth_date, gap) } else { Date::MIN },
                    waited_days: 0,
                    conflicts: config.exclude_conflict_of_interest && !mentor.conflicts.is_empty(),
                    interests: 0,
                    languages: 0,
                }
            })
            .collect();
        let mut breakups = vec![Vec::new(); children.len()];
        if config.exclude_previous_breakups && !facts.breakups.is_empty() {
            let child_pos: HashMap<&str, u32> = pool
                .children
                .iter()
                .enumerate()
                .map(|(k, &c)| (registry.children[c].id.as_str(), k as u32))
                .collect();
            let mentor_pos: HashMap<&str, u32> = pool
                .mentors
                .iter()
                .enumerate()
                .map(|(k, &(m, _))| (registry.mentors[m].id.as_str(), k as u32))
                .collect();
            for &(child, mentor) in facts.breakups.keys() {
                if let (Some(&c), Some(&m)) = (child_pos.get(child), mentor_pos.get(mentor)) {
                    breakups[c as usize].push(m);
                }
            }
            breakups.iter_mut().for_each(|list| list.sort_unstable());
        }
        let (n_interests, n_languages) = (interests.0.len(), languages.0.len());
        let one_word = n_interests <= 64 && n_languages <= 64;
        let (mut children, mut mentors) = (children, mentors);
        if one_word {
            let word = |ids: &[u32]| ids.iter().fold(0u64, |bits, &id| bits | 1 << id);
            for (side, (i, l)) in children.iter_mut().zip(ci.iter().zip(&cl)) {
                (side.interests, side.languages) = (word(i), word(l));
            }
            for (side, (i, l)) in mentors.iter_mut().zip(mi.iter().zip(&ml)) {
                (side.interests, side.languages) = (word(i), word(l));
            }
        }
        PairTable {
            registry,
            pool,
            facts,
            weights,
            scope: config.scope,
            children,
            mentors,
            child_interests: Bits::new(&ci, n_interests),
            mentor_interests: Bits::new(&mi, n_interests),
            child_languages: Bits::new(&cl, n_languages),
            mentor_languages: Bits::new(&ml, n_languages),
            breakups,
            one_word,
        }
    }

    /// The pair's score in milli-points when it passes every hard constraint, else `None`.
    #[inline]
    pub fn score(&self, c: usize, m: usize) -> Option<i64> {
        let result = self.fast(c, m);
        debug_assert_eq!(
            result,
            self.slow(c, m),
            "pair table differs from the rules (child {c}, mentor {m})"
        );
        result
    }

    /// Calls `f(k, score)` for each `mentors[k]` that may be paired with child `c`: the same
    /// as `score` for each, with the child's part worked out once (the hot loop of big pools).
    pub fn row(&self, c: usize, mentors: &[u32], mut f: impl FnMut(usize, i64)) {
        if !self.one_word {
            for (k, &m) in mentors.iter().enumerate() {
                if let Some(score) = self.score(c, m as usize) {
                    f(k, score);
                }
            }
            return;
        }
        let child = &self.children[c];
        let w = |factor| self.weights.of(factor);
        let (w_interests, w_goals, w_settlement, w_days) =
            (w(Factor::Interests), w(Factor::GoalAreas), w(Factor::Settlement), w(Factor::Availability));
        let waiting = (w(Factor::Waiting) * child.waited_days + 15) / 30;
        let need_language = self.facts.config.require_shared_language;
        let breakups = &self.breakups[c];
        for (k, &m) in mentors.iter().enumerate() {
            let mentor = &self.mentors[m as usize];
            let same_settlement = child.settlement != NO_SETTLEMENT && child.settlement == mentor.settlement;
            let in_scope = match self.scope {
                MatchScope::Any => true,
                MatchScope::Community => child.community == mentor.community,
                MatchScope::Settlement => child.community == mentor.community && same_settlement,
            };
            if !in_scope
                || child.sex.is_some_and(|sex| Some(sex) != mentor.sex)
                || mentor.date > child.date
                || (need_language && child.languages & mentor.languages == 0)
                || (mentor.conflicts && self.conflicted(c, m as usize))
                || (!breakups.is_empty() && breakups.binary_search(&m).is_ok())
            {
                debug_assert_eq!(self.slow(c, m as usize), None);
                continue;
            }
            let score = w_interests * i64::from((child.interests & mentor.interests).count_ones())
                + w_goals * i64::from((child.goals & mentor.goals).count_ones())
                + w_settlement * i64::from(same_settlement)
                + w_days * i64::from((child.days & mentor.days).count_ones())
                + waiting;
            debug_assert_eq!(self.slow(c, m as usize), Some(score));
            f(k, score);
        }
    }

    #[inline]
    fn fast(&self, c: usize, m: usize) -> Option<i64> {
        let (child, mentor) = (&self.children[c], &self.mentors[m]);
        let same_settlement = child.settlement != NO_SETTLEMENT && child.settlement == mentor.settlement;
        let in_scope = match self.scope {
            MatchScope::Any => true,
            MatchScope::Community => child.community == mentor.community,
            MatchScope::Settlement => child.community == mentor.community && same_settlement,
        };
        if !in_scope || child.sex.is_some_and(|sex| Some(sex) != mentor.sex) || mentor.date > child.date {
            return None;
        }
        if self.facts.config.require_shared_language
            && shared(self.child_languages.of(c), self.mentor_languages.of(m)) == 0
        {
            return None;
        }
        if mentor.conflicts && self.conflicted(c, m) {
            return None;
        }
        if !self.breakups[c].is_empty() && self.breakups[c].binary_search(&(m as u32)).is_ok() {
            return None;
        }
        let units = [
            i64::from(shared(self.child_interests.of(c), self.mentor_interests.of(m))),
            i64::from((child.goals & mentor.goals).count_ones()),
            i64::from(same_settlement),
            i64::from((child.days & mentor.days).count_ones()),
            child.waited_days,
        ];
        let mut total = 0;
        for (k, factor) in Factor::ALL.into_iter().enumerate() {
            let weight = self.weights.of(factor);
            total += match factor {
                Factor::Waiting => (weight * units[k] + 15) / 30,
                _ => weight * units[k],
            };
        }
        Some(total)
    }

    fn conflicted(&self, c: usize, m: usize) -> bool {
        let child = &self.registry.children[self.pool.children[c]];
        let mentor = &self.registry.mentors[self.pool.mentors[m].0];
        conflict(child, mentor).is_some()
    }

    /// The same answer through the records and the rules, for debug builds.
    #[cfg_attr(not(debug_assertions), allow(dead_code))]
    fn slow(&self, c: usize, m: usize) -> Option<i64> {
        let child = &self.registry.children[self.pool.children[c]];
        let mentor = &self.registry.mentors[self.pool.mentors[m].0];
        let (cp, mp) = (&self.pool.child_profiles[c], &self.pool.mentor_profiles[m]);
        match self.facts.first_failure(child, cp, mentor, mp) {
            Some(_) => None,
            None => Some(score::score(cp, mp, &self.weights)),
        }
    }
}
