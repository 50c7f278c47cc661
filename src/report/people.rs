//! `report children` and `report mentors`: where each person stands on a day — pipeline
//! stage, the rules engine's verdict with the codes of the rules that fail, waiting days.

use crate::record::enums::MentorStatus;
use crate::record::{Agreement, Child, Date, Mentor};
use crate::registry::Registry;
use crate::rules;

use super::{Occupancy, open_on, signed_by, suspended_on};

/// Where a child stands: in an agreement (by its state), waiting, or on the list but not
/// eligible for a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChildStage {
    Waiting,
    NotEligible,
    Proposed,
    Active,
    Suspended,
    /// The case is closed (знято з обліку, `child close`).
    Closed,
}

impl ChildStage {
    pub fn as_str(self) -> &'static str {
        match self {
            ChildStage::Waiting => "waiting",
            ChildStage::NotEligible => "not_eligible",
            ChildStage::Proposed => "proposed",
            ChildStage::Active => "active",
            ChildStage::Suspended => "suspended",
            ChildStage::Closed => "closed",
        }
    }
}

pub struct ChildRow<'a> {
    pub child: &'a Child,
    pub stage: ChildStage,
    pub eligible: bool,
    pub failing: Vec<&'static str>,
    /// The open agreement, if any.
    pub agreement: Option<&'a Agreement>,
    /// Days waited on the day, for a child without an open agreement.
    pub waiting_days: Option<i64>,
}

/// Every child registered by `on`. The verdict is for a new match when the child is free,
/// else for staying in the agreement (under its regime).
pub fn children(registry: &Registry, on: Date) -> Vec<ChildRow<'_>> {
    let occupancy = Occupancy::on(registry, on);
    let open: std::collections::HashMap<&str, &Agreement> =
        registry.agreements.iter().filter(|a| open_on(a, on)).map(|a| (a.child.as_str(), a)).collect();
    let rules = &registry.config.rules;
    registry
        .children
        .iter()
        .filter(|c| c.registered_on <= on)
        .map(|child| {
            let agreement = open.get(child.id.as_str()).copied();
            let verdict = match agreement {
                Some(a) => rules::child_verdict(child, rules, a.regime, on, 0, false),
                None => rules::child_verdict(child, rules, rules.regime_on(on), on, 0, true),
            };
            let stage = match agreement {
                Some(a) if suspended_on(a, on) => ChildStage::Suspended,
                Some(a) if signed_by(a, on) => ChildStage::Active,
                Some(_) => ChildStage::Proposed,
                None if child.closed_by(on) => ChildStage::Closed,
                None if verdict.eligible => ChildStage::Waiting,
                None => ChildStage::NotEligible,
            };
            ChildRow {
                child,
                stage,
                eligible: verdict.eligible,
                failing: verdict.failures().map(|r| r.code).collect(),
                agreement,
                waiting_days: (agreement.is_none() && stage != ChildStage::Closed)
                    .then(|| super::days(occupancy.waiting_since(child), on)),
            }
        })
        .collect()
}

/// How far a candidate has come (the dates on record by the day).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MentorStage {
    Applied,
    Screened,
    Trained,
    Concluded,
}

impl MentorStage {
    pub const ALL: [MentorStage; 4] =
        [MentorStage::Applied, MentorStage::Screened, MentorStage::Trained, MentorStage::Concluded];

    pub fn as_str(self) -> &'static str {
        match self {
            MentorStage::Applied => "applied",
            MentorStage::Screened => "screened",
            MentorStage::Trained => "trained",
            MentorStage::Concluded => "concluded",
        }
    }

    pub fn of(mentor: &Mentor, on: Date) -> MentorStage {
        let by = |date: Option<Date>| date.is_some_and(|d| d <= on);
        if by(mentor.conclusion.issued_on) {
            MentorStage::Concluded
        } else if by(mentor.training.completed_on) {
            MentorStage::Trained
        } else if by(mentor.screening.checked_on) {
            MentorStage::Screened
        } else {
            MentorStage::Applied
        }
    }
}

/// What a mentor can do now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentorState {
    /// Eligible with room for another child.
    Available,
    /// In an open agreement and without room for another child (or no longer eligible for a
    /// new one under today's rules).
    Mentoring,
    /// Not (yet) eligible, still a candidate: not paused, withdrawn or disqualified.
    Pipeline,
    /// Paused, withdrawn or disqualified.
    Inactive,
}

impl MentorState {
    pub fn as_str(self) -> &'static str {
        match self {
            MentorState::Available => "available",
            MentorState::Mentoring => "mentoring",
            MentorState::Pipeline => "pipeline",
            MentorState::Inactive => "inactive",
        }
    }
}

pub struct MentorRow<'a> {
    pub mentor: &'a Mentor,
    pub stage: MentorStage,
    pub state: MentorState,
    pub eligible: bool,
    pub failing: Vec<&'static str>,
    pub open_agreements: usize,
}

/// Every mentor who applied by `on`, judged under the regime in force on `on`.
pub fn mentors(registry: &Registry, on: Date) -> Vec<MentorRow<'_>> {
    let occupancy = Occupancy::on(registry, on);
    let rules = &registry.config.rules;
    let regime = rules.regime_on(on);
    registry
        .mentors
        .iter()
        .filter(|m| m.applied_on <= on)
        .map(|mentor| {
            let open = occupancy.mentor_open(&mentor.id);
            let verdict = rules::mentor_verdict(mentor, rules, regime, on, open, true);
            let failing: Vec<&'static str> = verdict.failures().map(|r| r.code).collect();
            let state = if verdict.eligible {
                MentorState::Available
            } else if mentor.status() != MentorStatus::Active
                || !mentor.screening.disqualifications.is_empty()
            {
                MentorState::Inactive
            } else if open > 0 {
                MentorState::Mentoring
            } else {
                MentorState::Pipeline
            };
            MentorRow {
                mentor,
                stage: MentorStage::of(mentor, on),
                state,
                eligible: verdict.eligible,
                failing,
                open_agreements: open,
            }
        })
        .collect()
}
