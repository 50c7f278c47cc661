//! One pair, explained: the eligibility rules either person fails (the engine's own outcomes),
//! the hard constraints the pair fails, and each factor's contribution to its score.

use super::candidates::{self, Constraint, Facts};
use super::score::{self, Factor, MilliWeights, Profile};
use crate::record::config::MatchScope;
use crate::record::date::{Date, age_on};
use crate::record::enums::{GoalArea, Regime, Sex, Weekday};
use crate::record::{Child, Kind, Mentor};
use crate::registry::Registry;
use crate::rules::{self, RuleOutcome};

/// Everything `match why` and `match accept` say about a pair.
#[derive(Clone, Debug)]
pub struct Explanation {
    pub child: String,
    pub mentor: String,
    pub regime: Regime,
    /// Eligibility rules the child fails on the date (for a new match).
    pub child_failures: Vec<RuleOutcome>,
    /// Eligibility rules the mentor fails on the date (for a new match).
    pub mentor_failures: Vec<RuleOutcome>,
    /// Hard constraints the pair fails, each with what was found.
    pub constraints: Vec<(Constraint, Detail)>,
    /// Each factor: its points (milli) and what they are for.
    pub factors: Vec<(Factor, i64, Detail)>,
    pub score: i64,
}

impl Explanation {
    pub fn feasible(&self) -> bool {
        self.child_failures.is_empty() && self.mentor_failures.is_empty() && self.constraints.is_empty()
    }

    /// Every reason the pair is ruled out: the rules either person fails, then the constraints.
    pub fn reasons(&self) -> Vec<Reason> {
        let rule = |kind: Kind, id: &str, r: &RuleOutcome| Reason::Rule {
            code: r.code,
            kind,
            id: id.to_string(),
            finding: r.finding.clone(),
        };
        self.child_failures
            .iter()
            .map(|r| rule(Kind::Child, &self.child, r))
            .chain(self.mentor_failures.iter().map(|r| rule(Kind::Mentor, &self.mentor, r)))
            .chain(self.constraints.iter().map(|(k, detail)| Reason::Constraint(*k, detail.clone())))
            .collect()
    }
}

/// Why a pair cannot be matched: a party's failed rule, or a hard constraint with what it found.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    Rule { code: &'static str, kind: Kind, id: String, finding: rules::Finding },
    Constraint(Constraint, Detail),
}

impl Reason {
    /// The stable code (a rule's or a constraint's), as JSON and CSV show it.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Rule { code, .. } => code,
            Reason::Constraint(constraint, _) => constraint.code(),
        }
    }
}

/// Explains the pair on `on` under `regime`, with the registry's open agreements and history.
pub fn explain(
    registry: &Registry,
    child: &Child,
    mentor: &Mentor,
    on: Date,
    regime: Regime,
    weights: &MilliWeights,
) -> Explanation {
    let open = registry.open_agreements();
    let rules = &registry.config.rules;
    let n = |id: &str| open.get(id).copied().unwrap_or(0);
    let child_verdict = rules::child_verdict(child, rules, regime, on, n(&child.id), true);
    let mentor_verdict = rules::mentor_verdict(mentor, rules, regime, on, n(&mentor.id), true);

    let facts = Facts::new(registry);
    let (c, m) = (Profile::of_child(child, on), Profile::of_mentor(mentor));
    let constraints = Constraint::ALL
        .into_iter()
        .filter(|k| !facts.holds(*k, child, &c, mentor, &m))
        .map(|k| (k, constraint_msg(k, child, mentor, &facts)))
        .collect();

    let points = score::factors(&c, &m, weights);
    let units = score::units(&c, &m);
    let factors = Factor::ALL
        .into_iter()
        .enumerate()
        .map(|(k, factor)| (factor, points[k], factor_msg(factor, child, mentor, &c, &m, units[k])))
        .collect();
    Explanation {
        child: child.id.clone(),
        mentor: mentor.id.clone(),
        regime,
        child_failures: child_verdict.failures().cloned().collect(),
        mentor_failures: mentor_verdict.failures().cloned().collect(),
        constraints,
        factors,
        score: points.iter().sum(),
    }
}

fn constraint_msg(constraint: Constraint, child: &Child, mentor: &Mentor, facts: &Facts) -> Detail {
    match constraint {
        Constraint::Scope => match facts.config.scope {
            MatchScope::Settlement if child.community == mentor.community => Detail::ConstraintSettlement {
                child: child.settlement.clone().unwrap_or_default(),
                mentor: mentor.settlement.clone().unwrap_or_default(),
            },
            _ => Detail::ConstraintCommunity {
                child: child.community.clone(),
                mentor: mentor.community.clone(),
            },
        },
        Constraint::MentorSex => Detail::ConstraintMentorSex {
            wanted: child.preferences.mentor_sex.unwrap_or(mentor.sex),
            mentor: mentor.sex,
        },
        Constraint::Language => Detail::ConstraintLanguage {
            child: child.languages.join(", "),
            mentor: mentor.languages.join(", "),
        },
        Constraint::AgeGap => Detail::ConstraintAgeGap {
            gap: age_on(mentor.birth_date, child.birth_date),
            min: facts.config.min_age_gap,
        },
        Constraint::ConflictOfInterest => Detail::ConstraintConflict {
            entry: candidates::conflict(child, mentor).unwrap_or_default().to_string(),
        },
        Constraint::PreviousBreakup => Detail::ConstraintBreakup {
            agreement: facts
                .breakups
                .get(&(child.id.as_str(), mentor.id.as_str()))
                .copied()
                .unwrap_or_default()
                .to_string(),
        },
    }
}

fn factor_msg(
    factor: Factor,
    child: &Child,
    mentor: &Mentor,
    c: &Profile,
    m: &Profile,
    units: i64,
) -> Detail {
    match factor {
        Factor::Interests => {
            Detail::FactorInterests { shared: score::common(&c.interests, &m.interests).cloned().collect() }
        }
        Factor::GoalAreas => Detail::FactorGoalAreas {
            areas: GoalArea::ALL
                .iter()
                .copied()
                .filter(|a| child.goal_areas.contains(a) && mentor.goal_areas.contains(a))
                .collect(),
        },
        Factor::Settlement => Detail::FactorSettlement {
            same: units > 0,
            child: child.settlement.clone().unwrap_or_default(),
            mentor: mentor.settlement.clone().unwrap_or_default(),
        },
        Factor::Availability => Detail::FactorAvailability {
            days: Weekday::ALL
                .iter()
                .copied()
                .filter(|d| (c.days & m.days) & (1 << (*d as u8)) != 0)
                .collect(),
        },
        Factor::Waiting => Detail::FactorWaiting { days: units, since: child.registered_on.to_string() },
    }
}

/// What a constraint or a score factor found for a pair, with the values behind it.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    ConstraintCommunity { child: String, mentor: String },
    ConstraintSettlement { child: String, mentor: String },
    ConstraintMentorSex { wanted: Sex, mentor: Sex },
    ConstraintLanguage { child: String, mentor: String },
    ConstraintAgeGap { gap: i32, min: i32 },
    ConstraintConflict { entry: String },
    ConstraintBreakup { agreement: String },
    FactorInterests { shared: Vec<String> },
    FactorGoalAreas { areas: Vec<GoalArea> },
    FactorSettlement { same: bool, child: String, mentor: String },
    FactorAvailability { days: Vec<Weekday> },
    FactorWaiting { days: i64, since: String },
}
