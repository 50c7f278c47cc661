//! Reports on the registry as of a date: the monthly indicators, the agreements of a month,
//! children and mentors, the due list and the status summary. Pure functions of the records
//! (every state is derived from the records' dates, never from "now"); nothing here prints.

pub mod agreements;
pub mod breakdown;
pub mod cadence;
pub mod due;
pub mod monthly;
pub mod people;
pub mod period;
pub mod region;
pub mod status;

use std::collections::HashMap;

use chrono::Datelike;

use crate::record::date::{Date, birthday};
use crate::record::enums::AgreementStatus;
use crate::record::{Agreement, Child, Minutes};
use crate::registry::Registry;
use crate::rules;

/// A calendar month: its first day `start` (S) and last day `end` (E).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Month {
    pub start: Date,
    pub end: Date,
}

impl Month {
    /// `YYYY-MM`, strictly.
    pub fn parse(text: &str) -> Option<Month> {
        let text = text.trim();
        let (year, month) = text.split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let start = Date::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)?;
        Some(Month::starting(start))
    }

    /// The month `day` falls in.
    pub fn containing(day: Date) -> Month {
        Month::starting(day.with_day(1).expect("every month has a first day"))
    }

    fn starting(start: Date) -> Month {
        let next = start.checked_add_months(chrono::Months::new(1)).expect("dates far from the edge");
        Month { start, end: next.pred_opt().expect("a day before") }
    }

    pub fn previous(self) -> Month {
        Month::containing(self.start.pred_opt().expect("a day before"))
    }

    pub fn contains(self, day: Date) -> bool {
        self.start <= day && day <= self.end
    }

    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.start.year(), self.start.month())
    }
}

/// Signed on or before `on`.
pub fn signed_by(a: &Agreement, on: Date) -> bool {
    a.signed_on.is_some_and(|signed| signed <= on)
}

/// Closed on or before `on`: the closure date is the first day the agreement no longer runs.
pub fn closed_by(a: &Agreement, on: Date) -> bool {
    a.closure.as_ref().is_some_and(|closure| closure.date <= on)
}

/// Proposed, active or suspended on `on`: the child and the mentor are taken.
pub fn open_on(a: &Agreement, on: Date) -> bool {
    a.proposed_on <= on && !closed_by(a, on)
}

/// Signed and not closed on `on` (suspended agreements included, as in `agreements_active_end`).
pub fn active_on(a: &Agreement, on: Date) -> bool {
    signed_by(a, on) && !closed_by(a, on)
}

/// Proposed and not yet signed or closed on `on`.
pub fn proposed_on(a: &Agreement, on: Date) -> bool {
    open_on(a, on) && !signed_by(a, on)
}

/// Active and inside a suspension on `on` (a suspension lasts from its date to the day
/// before `resumed_on`).
pub fn suspended_on(a: &Agreement, on: Date) -> bool {
    active_on(a, on) && suspended_between(a, on, on)
}

/// Whether any day of `from..=to` falls inside a suspension. An agreement whose `status` is
/// `suspended` without an open `[[suspensions]]` entry has no date to go by: it is taken as
/// suspended since its signing (so it never counts against the meeting norm).
pub fn suspended_between(a: &Agreement, from: Date, to: Date) -> bool {
    let dated =
        a.suspensions.iter().any(|s| s.date <= to && s.resumed_on.is_none_or(|resumed| resumed > from));
    let undated =
        a.status == AgreementStatus::Suspended && a.suspensions.iter().all(|s| s.resumed_on.is_some());
    dated || (undated && signed_by(a, to))
}

/// Ran every day of `from..=to`: signed by `from`, not closed by `to`, never suspended.
pub fn active_throughout(a: &Agreement, from: Date, to: Date) -> bool {
    signed_by(a, from) && !closed_by(a, to) && !suspended_between(a, from, to)
}

/// Mentor–child meetings (kinds `meeting` and `outing`) and their hours in `from..=to`.
pub fn mentoring_between(a: &Agreement, from: Date, to: Date) -> (u32, Minutes) {
    a.contacts
        .iter()
        .filter(|c| c.kind.is_mentoring() && from <= c.date && c.date <= to)
        .fold((0, Minutes::ZERO), |(n, time), c| (n + 1, time + c.hours.unwrap_or_default()))
}

/// The hours a month the agreement's mentoring should reach: its own `hours_per_month` (the
/// contract's norm), else the config's `min_hours_per_month`.
pub fn hours_norm(a: &Agreement, m: &crate::record::config::Monitoring) -> crate::record::Minutes {
    a.hours_per_month.filter(|h| h.hours() > 0.0).unwrap_or(m.min_hours_per_month)
}

/// Why an agreement ends when it does (for the due list's message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndReason {
    /// The child's 18th birthday (`max_child_age`).
    Adulthood,
    /// The end of the child's studies (`studying_until`).
    StudiesEnd,
    /// The 23rd birthday (`max_age_studying`), the last day mentoring may last.
    AgeLimit,
    /// A date written in the agreement that is none of these.
    Planned,
}

/// The planned end of an agreement: its `ends_on`, else the rules' `ends_on` for its child
/// under its regime. `None` only when neither the field nor the child is there.
pub fn planned_end(a: &Agreement, registry: &Registry) -> Option<(Date, EndReason)> {
    let child = registry.child(&a.child);
    let params = registry.config.rules.params(a.regime);
    let end = a.ends_on.or_else(|| child.map(|child| rules::ends_on(child, params)))?;
    let reason = match child {
        Some(child) if end == birthday(child.birth_date, params.max_child_age) => EndReason::Adulthood,
        Some(child) if child.studying_until == Some(end) => EndReason::StudiesEnd,
        Some(child) if end == birthday(child.birth_date, params.max_age_studying) => EndReason::AgeLimit,
        _ => EndReason::Planned,
    };
    Some((end, reason))
}

/// Who is taken on a date: open agreements per child and per mentor, and for each child the
/// last day an agreement of theirs closed (a child whose match ended waits again from then).
pub struct Occupancy<'a> {
    pub child_open: HashMap<&'a str, usize>,
    pub mentor_open: HashMap<&'a str, usize>,
    pub child_last_closure: HashMap<&'a str, Date>,
}

impl<'a> Occupancy<'a> {
    pub fn on(registry: &'a Registry, on: Date) -> Occupancy<'a> {
        let mut occupancy = Occupancy {
            child_open: HashMap::new(),
            mentor_open: HashMap::new(),
            child_last_closure: HashMap::new(),
        };
        // A proposed re-conclusion (#12) of an agreement still open is the same match.
        let pending_renewal = |a: &Agreement| {
            proposed_on(a, on)
                && a.renews
                    .as_deref()
                    .is_some_and(|old| registry.agreement(old).is_some_and(|o| open_on(o, on)))
        };
        for a in &registry.agreements {
            if pending_renewal(a) {
                continue;
            }
            if open_on(a, on) {
                *occupancy.child_open.entry(a.child.as_str()).or_default() += 1;
                *occupancy.mentor_open.entry(a.mentor.as_str()).or_default() += 1;
            } else if let Some(closure) = a.closure.as_ref().filter(|c| c.date <= on) {
                let last = occupancy.child_last_closure.entry(a.child.as_str()).or_insert(closure.date);
                *last = (*last).max(closure.date);
            }
        }
        occupancy
    }

    pub fn child_open(&self, id: &str) -> usize {
        self.child_open.get(id).copied().unwrap_or(0)
    }

    pub fn mentor_open(&self, id: &str) -> usize {
        self.mentor_open.get(id).copied().unwrap_or(0)
    }

    /// Since when a free child has been waiting: registration, or the closure of their last
    /// agreement if later.
    pub fn waiting_since(&self, child: &Child) -> Date {
        self.child_last_closure
            .get(child.id.as_str())
            .map_or(child.registered_on, |closed| (*closed).max(child.registered_on))
    }

    /// Registered by `on`, free, and eligible for a new match on `on` under the regime then in
    /// force (the rules engine decides).
    pub fn child_waiting(&self, registry: &Registry, child: &Child, on: Date) -> bool {
        let rules = &registry.config.rules;
        child.registered_on <= on
            && self.child_open(&child.id) == 0
            && rules::child_verdict(child, rules, rules.regime_on(on), on, 0, true).eligible
    }
}

/// Whole days from `from` to `to`.
pub fn days(from: Date, to: Date) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_strictly_and_know_their_ends() {
        let m = Month::parse("2026-02").unwrap();
        assert_eq!(m.start.to_string(), "2026-02-01");
        assert_eq!(m.end.to_string(), "2026-02-28");
        assert_eq!(Month::parse("2028-02").unwrap().end.to_string(), "2028-02-29");
        assert_eq!(Month::parse("2026-01").unwrap().previous().label(), "2025-12");
        for bad in ["2026-13", "2026-1", "26-01", "2026-01-01", "x"] {
            assert!(Month::parse(bad).is_none(), "{bad}");
        }
    }
}
