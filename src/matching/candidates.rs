//! Who can be paired: the children eligible and free on the date, the mentors eligible with
//! room for a child (both judged by `crate::rules`), and the hard constraints of a pair.

use std::collections::HashMap;

use rayon::prelude::*;

use super::score::{self, Profile};
use crate::record::config::{MatchScope, Matching};
use crate::record::date::{Date, birthday};
use crate::record::enums::{ClosureReason, Regime};
use crate::record::{Child, Mentor};
use crate::registry::Registry;
use crate::rules;

/// A hard constraint of docs/rules.md, "Matching"; a pair failing one is never proposed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Constraint {
    Scope,
    MentorSex,
    Language,
    AgeGap,
    ConflictOfInterest,
    PreviousBreakup,
}

impl Constraint {
    pub const ALL: [Constraint; 6] = [
        Constraint::Scope,
        Constraint::MentorSex,
        Constraint::Language,
        Constraint::AgeGap,
        Constraint::ConflictOfInterest,
        Constraint::PreviousBreakup,
    ];

    /// Stable code, used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Constraint::Scope => "match.scope",
            Constraint::MentorSex => "match.mentor_sex",
            Constraint::Language => "match.language",
            Constraint::AgeGap => "match.age_gap",
            Constraint::ConflictOfInterest => "match.conflict_of_interest",
            Constraint::PreviousBreakup => "match.previous_breakup",
        }
    }
}

/// The registry's facts that the constraints need beyond the two records.
pub struct Facts<'a> {
    pub config: &'a Matching,
    /// (child, mentor) pairs whose agreement ended with `child_refused` or `mentor_withdrew`,
    /// with that agreement's ID.
    pub breakups: HashMap<(&'a str, &'a str), &'a str>,
}

impl<'a> Facts<'a> {
    pub fn new(registry: &'a Registry) -> Facts<'a> {
        let breakups = registry
            .agreements
            .iter()
            .filter(|a| {
                a.closure.as_ref().is_some_and(|closure| {
                    matches!(closure.reason, ClosureReason::ChildRefused | ClosureReason::MentorWithdrew)
                })
            })
            .map(|a| ((a.child.as_str(), a.mentor.as_str()), a.id.as_str()))
            .collect();
        Facts { config: &registry.config.matching, breakups }
    }

    /// Whether `constraint` allows the pair (a switched-off constraint always does).
    pub fn holds(
        &self,
        constraint: Constraint,
        child: &Child,
        c: &Profile,
        mentor: &Mentor,
        m: &Profile,
    ) -> bool {
        let config = self.config;
        match constraint {
            Constraint::Scope => match config.scope {
                MatchScope::Any => true,
                MatchScope::Community => child.community == mentor.community,
                MatchScope::Settlement => child.community == mentor.community && c.same_settlement(m),
            },
            Constraint::MentorSex => {
                !config.respect_mentor_sex || child.preferences.mentor_sex.is_none_or(|sex| sex == mentor.sex)
            }
            Constraint::Language => {
                !config.require_shared_language || score::common(&c.languages, &m.languages).next().is_some()
            }
            Constraint::AgeGap => {
                config.min_age_gap <= 0 || birthday(mentor.birth_date, config.min_age_gap) <= child.birth_date
            }
            Constraint::ConflictOfInterest => {
                !config.exclude_conflict_of_interest || conflict(child, mentor).is_none()
            }
            Constraint::PreviousBreakup => {
                !config.exclude_previous_breakups
                    || !self.breakups.contains_key(&(child.id.as_str(), mentor.id.as_str()))
            }
        }
    }

    /// The first constraint the pair fails, in `Constraint::ALL` order.
    pub fn first_failure(
        &self,
        child: &Child,
        c: &Profile,
        mentor: &Mentor,
        m: &Profile,
    ) -> Option<Constraint> {
        Constraint::ALL.into_iter().find(|k| !self.holds(*k, child, c, mentor, m))
    }
}

/// The entry of the mentor's `conflicts` that concerns the child: the child's own ID or the
/// child's institution.
pub fn conflict<'m>(child: &Child, mentor: &'m Mentor) -> Option<&'m str> {
    mentor
        .conflicts
        .iter()
        .map(|entry| entry.trim())
        .find(|entry| *entry == child.id || child.institution.as_deref() == Some(*entry))
}

/// Pool positions of the children and of the mentors who may be paired with each other.
pub type Group = (Vec<u32>, Vec<u32>);

/// The people a run works with: indices into the registry's (ID-sorted) lists, so that index
/// order is ID order and the solver's ties fall to the lowest ID.
pub struct Pool {
    /// Children eligible and free on the date.
    pub children: Vec<usize>,
    /// Mentors eligible with free capacity, and how many more children each may take.
    pub mentors: Vec<(usize, u32)>,
    pub child_profiles: Vec<Profile>,
    pub mentor_profiles: Vec<Profile>,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("children", &self.children.len())
            .field("mentors", &self.mentors.len())
            .finish_non_exhaustive()
    }
}

impl Pool {
    /// Judges everyone through the eligibility engine (in parallel: it is most of the work on
    /// a large registry), keeping those `community` (when given) names.
    pub fn new(registry: &Registry, regime: Regime, on: Date, community: Option<&str>) -> Pool {
        let open = registry.open_agreements();
        let rules = &registry.config.rules;
        let in_community = |c: &str| community.is_none_or(|wanted| wanted == c);
        let children = parallel_filter(&registry.children, |child| {
            let n = open.get(child.id.as_str()).copied().unwrap_or(0);
            in_community(&child.community) && rules::child_verdict(child, rules, regime, on, n, true).eligible
        });
        let mentors: Vec<(usize, u32)> = parallel_filter(&registry.mentors, |mentor| {
            let n = open.get(mentor.id.as_str()).copied().unwrap_or(0);
            in_community(&mentor.community)
                && rules::mentor_verdict(mentor, rules, regime, on, n, true).eligible
        })
        .into_iter()
        .map(|m| {
            let mentor = &registry.mentors[m];
            let n = open.get(mentor.id.as_str()).copied().unwrap_or(0) as u32;
            (m, mentor.capacity.saturating_sub(n))
        })
        .collect();
        // On every core: a national pool profiles 200,000 people.
        let child_profiles =
            children.par_iter().map(|&c| Profile::of_child(&registry.children[c], on)).collect();
        let mentor_profiles =
            mentors.par_iter().map(|&(m, _)| Profile::of_mentor(&registry.mentors[m])).collect();
        Pool { children, mentors, child_profiles, mentor_profiles }
    }

    /// Positions in the pool (children, mentors) grouped by where they may be matched, so that
    /// pairs are only ever formed inside a group: never children × mentors across the country.
    pub fn groups<'r>(&self, registry: &'r Registry) -> Vec<Group> {
        let key = |community: &'r str| match registry.config.matching.scope {
            MatchScope::Any => "",
            MatchScope::Community | MatchScope::Settlement => community,
        };
        // Fx: 200,000 community names hashed (the default hash resists attacks not made here).
        let mut groups: rustc_hash::FxHashMap<&str, Group> = rustc_hash::FxHashMap::default();
        for (k, &c) in self.children.iter().enumerate() {
            groups.entry(key(&registry.children[c].community)).or_default().0.push(k as u32);
        }
        for (k, &(m, _)) in self.mentors.iter().enumerate() {
            groups.entry(key(&registry.mentors[m].community)).or_default().1.push(k as u32);
        }
        let mut groups: Vec<(&str, Group)> =
            groups.into_iter().filter(|(_, (c, m))| !c.is_empty() && !m.is_empty()).collect();
        groups.sort_unstable_by(|a, b| a.0.cmp(b.0));
        groups.into_iter().map(|(_, members)| members).collect()
    }
}

/// The indices of the items `keep` accepts, in order, judged on all cores.
fn parallel_filter<T: Sync>(items: &[T], keep: impl Fn(&T) -> bool + Sync) -> Vec<usize> {
    items.par_iter().enumerate().filter(|(_, item)| keep(item)).map(|(i, _)| i).collect()
}

/// For a child with no feasible mentor: how many mentors within reach fail each constraint
/// first (none within reach: an empty list).
pub fn blocking(
    registry: &Registry,
    pool: &Pool,
    facts: &Facts,
    child_pos: usize,
    group_mentors: &[u32],
) -> Vec<(Constraint, usize)> {
    let child = &registry.children[pool.children[child_pos]];
    let cp = &pool.child_profiles[child_pos];
    let mut counts: HashMap<Constraint, usize> = HashMap::new();
    for &m in group_mentors {
        let mentor = &registry.mentors[pool.mentors[m as usize].0];
        if let Some(k) = facts.first_failure(child, cp, mentor, &pool.mentor_profiles[m as usize]) {
            *counts.entry(k).or_default() += 1;
        }
    }
    let mut counts: Vec<(Constraint, usize)> = counts.into_iter().collect();
    counts.sort_unstable();
    counts
}
