//! Eligibility under the law: who may be a mentor (docs/rules.md, "Who may be a mentor") and which children the
//! service is for (§3), per regime, evaluated on a date. The one place where an age, a status
//! or a document is judged: matching, agreements, `check` and reports all call this module.

mod child;
mod finding;
mod mentor;

pub use child::{child_verdict, ends_on};
pub use finding::Finding;
pub use mentor::{document_expiries, mentor_verdict};

use serde::Serialize;

use crate::record::config::Level;
use crate::record::date::Date;
use crate::record::enums::Regime;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleStatus {
    Pass,
    Warn,
    Fail,
}

impl RuleStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleStatus::Pass => "pass",
            RuleStatus::Warn => "warn",
            RuleStatus::Fail => "fail",
        }
    }
}

/// What a rule rests on, and how sure we are of it (docs/rules.md, "Sources and what is verified").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Art. 17-1 of the Law on orphans' social protection (added by Law 1504-VIII) and
    /// CMU Resolution 465 (Положення про наставництво) [V].
    Law2017,
    /// Law No. 4744-IX "Про наставництво" as reported in the news; text not read [S].
    Law2026,
    /// Family Code art. 212, item n [V].
    FamilyCode212(u8),
    /// CMU Resolution 866 (medical certificate form 5) [V] with our validity default [U].
    Certificates,
    /// No source: the centre's own parameter with the documented default (docs/schema.md) [U].
    CentrePractice,
}

/// The legal reference of one rule outcome: its basis and, where the law leaves it open, the
/// parameter in `nastavnyk.toml` that sets it.
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    pub basis: Basis,
    pub parameter: Option<Parameter>,
}

/// The key of `nastavnyk.toml` (or of the record) that sets a rule's parameter: a key of a
/// regime's table, written `[rules.2026] min_child_age`, or another one. Kept as its parts and
/// written only when a reference is shown: `match` and `check` judge 200,000 people, and each
/// verdict formatted a dozen of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parameter {
    Regime(Regime, &'static str),
    Other(&'static str),
}

impl std::fmt::Display for Parameter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Parameter::Regime(regime, name) => write!(f, "[rules.{}] {name}", regime.as_str()),
            Parameter::Other(name) => f.write_str(name),
        }
    }
}

#[derive(Clone, Debug)]
pub struct RuleOutcome {
    /// Stable code (docs/rules.md), e.g. `mentor.training`.
    pub code: &'static str,
    pub status: RuleStatus,
    pub finding: Finding,
    pub reference: Reference,
}

/// All rules for one person on one date under one regime.
#[derive(Clone, Debug)]
pub struct Verdict {
    pub eligible: bool,
    pub regime: Regime,
    pub on: Date,
    pub rules: Vec<RuleOutcome>,
}

impl Verdict {
    pub(crate) fn new(regime: Regime, on: Date, rules: Vec<RuleOutcome>) -> Self {
        let eligible = rules.iter().all(|rule| rule.status != RuleStatus::Fail);
        Verdict { eligible, regime, on, rules }
    }

    pub fn failures(&self) -> impl Iterator<Item = &RuleOutcome> {
        self.rules.iter().filter(|rule| rule.status == RuleStatus::Fail)
    }
}

/// Builds outcomes with the regime's basis and a parameter path (`[rules.2026] min_mentor_age`).
pub(crate) struct Judge {
    regime: Regime,
    rules: Vec<RuleOutcome>,
}

/// Room for the rules of one verdict: a child has 10, a mentor 12 and one per disqualifying
/// ground or stale document (a growing list would end at 16 too, after three moves).
const RULES_PER_PERSON: usize = 16;

impl Judge {
    pub(crate) fn new(regime: Regime) -> Self {
        // Room for every rule of a child or a mentor at once: `match` and `check` judge
        // 200,000 people, and a growing list moved each one's outcomes three or four times.
        Judge { regime, rules: Vec::with_capacity(RULES_PER_PERSON) }
    }

    /// The regime's own law.
    pub(crate) fn law(&self) -> Basis {
        match self.regime {
            Regime::R2017 => Basis::Law2017,
            Regime::R2026 => Basis::Law2026,
        }
    }

    pub(crate) fn param(&self, name: &'static str) -> Option<Parameter> {
        Some(Parameter::Regime(self.regime, name))
    }

    pub(crate) fn push(
        &mut self,
        code: &'static str,
        status: RuleStatus,
        finding: Finding,
        basis: Basis,
        parameter: Option<Parameter>,
    ) {
        self.rules.push(RuleOutcome { code, status, finding, reference: Reference { basis, parameter } });
    }

    /// A rule whose failure is as serious as the configured `level` says.
    pub(crate) fn leveled(
        &mut self,
        code: &'static str,
        ok: bool,
        level: Level,
        finding: Finding,
        basis: Basis,
        parameter: Option<Parameter>,
    ) {
        let status = match (ok, level) {
            (true, _) | (false, Level::Off) => RuleStatus::Pass,
            (false, Level::Warn) => RuleStatus::Warn,
            (false, Level::Fail) => RuleStatus::Fail,
        };
        self.push(code, status, finding, basis, parameter);
    }

    pub(crate) fn finish(self, on: Date) -> Verdict {
        Verdict::new(self.regime, on, self.rules)
    }
}

/// A date counts on `on` only if it is not after it: a document dated later was not there yet.
pub(crate) fn by(date: Option<Date>, on: Date) -> Option<Date> {
    date.filter(|date| *date <= on)
}

#[cfg(test)]
mod tests;
