//! The monthly indicators (docs/reports.md): one value per stable key, computed
//! from the records' dates as of the month's last day E, so that a past month gives the same
//! figures whenever it is run. A mentor's `status` (paused, withdrawn) carries no date and is
//! read as it is now; everything else is dated. The same computation serves any period
//! (docs/reports-periods.md): M is then the period, S and E its first and last day.

use crate::record::date::add_months;
use crate::record::enums::ClosureReason;
use crate::record::{Agreement, Child, Mentor};
use crate::registry::Registry;
use crate::rules;

use super::period::Period;
use super::{
    Month, Occupancy, active_on, active_throughout, cadence, closed_by, days, mentoring_between, planned_end,
    proposed_on, signed_by, suspended_on,
};

/// A stable indicator key. S and E are the first and last day of the month M; "active on D"
/// means `signed_on` ≤ D and no `closure.date` ≤ D; "open on D" means `proposed_on` ≤ D and
/// no `closure.date` ≤ D. The README's table repeats these definitions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Mentors with `applied_on` in M.
    MentorsApplied,
    /// Mentors with `screening.checked_on` in M.
    MentorsScreened,
    /// Mentors with `training.completed_on` in M.
    MentorsTrained,
    /// Mentors with `conclusion.issued_on` in M.
    MentorsConcluded,
    /// Mentors applied by E whose furthest stage by E is the application (not screened,
    /// trained or concluded by E).
    CandidatesAppliedEnd,
    /// … whose furthest stage by E is the screening.
    CandidatesScreenedEnd,
    /// … whose furthest stage by E is the training (no conclusion yet).
    CandidatesTrainedEnd,
    /// … who hold the centre's conclusion by E.
    CandidatesConcludedEnd,
    /// Mentors eligible for a new match on E (the rules engine, regime in force on E, with
    /// free capacity counting agreements open on E).
    MentorsAvailableEnd,
    /// Children with `registered_on` in M.
    ChildrenRegistered,
    /// Children waiting on E: registered by E, no agreement open on E, eligible for a new
    /// match on E.
    ChildrenWaitingEnd,
    /// Mean days those children have waited on E, counted from `registered_on` or the closure
    /// of their last agreement, whichever is later. Empty when none wait.
    ChildrenWaitingMeanDays,
    /// The longest such wait, in days. Empty when none wait.
    ChildrenWaitingMaxDays,
    /// Agreements with `proposed_on` in M.
    ProposalsMade,
    /// Agreements proposed and neither signed nor closed on E.
    ProposalsOpenEnd,
    /// Agreements with `signed_on` in M.
    AgreementsSigned,
    /// Agreements active on E (suspended ones included).
    AgreementsActiveEnd,
    /// Agreements active on E and inside a suspension on E.
    AgreementsSuspendedEnd,
    /// Agreements with `closure.date` in M.
    AgreementsClosed,
    /// Agreements with `closure.date` in M and this `closure.reason`.
    Closures(ClosureReason),
    /// Closures in M of signed agreements that lasted less than 3 months
    /// (`closure.date` < `signed_on` + 3 months).
    ClosuresBefore3Months,
    /// … less than 6 months.
    ClosuresBefore6Months,
    /// … less than 12 months.
    ClosuresBefore12Months,
    /// Contacts of kind `meeting` dated in M.
    Meetings,
    /// Sum of `hours` of contacts of kind `meeting` or `outing` dated in M.
    MentoringHours,
    /// Contacts of kind `checkin_mentor`, `checkin_child` or `visit` dated in M.
    Checkins,
    /// Check-ins the cadence (docs/rules.md, "Monitoring", `[monitoring]`) makes due on a day of M, over the
    /// agreements then signed and not closed before the due day.
    CheckinsDue,
    /// Of those, the ones kept: a check-in on or before the due day.
    CheckinsDueKept,
    /// `checkins_due_kept` / `checkins_due` × 100. Empty when nothing was due.
    CheckinsOnTimePct,
    /// Agreements active every day of M and suspended on none.
    AgreementsActiveWholeMonth,
    /// Of those, the ones with at least `min_meetings_per_month` mentor–child contacts
    /// (`meeting` or `outing`) and `min_hours_per_month` hours in M.
    AgreementsMeetingNorm,
    /// `agreements_meeting_norm` / `agreements_active_whole_month` × 100. Empty when none.
    MeetingNormPct,
    /// Agreements active on E whose planned end (`ends_on`, else the child's 18th birthday,
    /// end of studies or 23rd birthday) is after E and at most `ending_within_days` (90)
    /// days after it.
    AgreementsEndingSoon,
    /// Agreements active on E whose planned end is on or before E (to be closed).
    AgreementsPastPlannedEnd,
    /// Mean days from `signed_on` to E over agreements active on E. Empty when none.
    ActiveMatchMeanDays,
    /// Agreements whose first 12 months are decided by E (signed + 12 months ≤ E, or closed
    /// by E), leaving out those closed early because their planned end came
    /// (`child_turned_18`, `child_turned_23`, `education_finished`).
    MatchesDecided12Months,
    /// Of those, the ones not closed before signed + 12 months.
    MatchesReached12Months,
    /// `matches_reached_12_months` / `matches_decided_12_months` × 100. Empty when none.
    Reached12MonthsPct,
    /// Closures in M of signed agreements with `exit_interview = true`.
    ClosuresExitInterview,
    /// `closures_exit_interview` / closures in M of signed agreements × 100. Empty when none.
    ExitInterviewPct,
    /// (Periods only.) Distinct children with an agreement active on at least one day of the
    /// period (signed by E, not closed by S).
    ChildrenServed,
    /// (Periods only.) The families of those children: distinct `family` codes, a child
    /// without one counting as a family of their own.
    FamiliesServed,
    /// (Periods only.) Distinct mentors with an agreement active on at least one day.
    MentorsActive,
    /// (Periods only.) Contacts of every kind dated in the period.
    Contacts,
}

impl Key {
    /// The keys that describe mentors only (left out of a group that has no mentors).
    pub fn is_mentor_only(self) -> bool {
        use Key::*;
        matches!(
            self,
            MentorsApplied
                | MentorsScreened
                | MentorsTrained
                | MentorsConcluded
                | CandidatesAppliedEnd
                | CandidatesScreenedEnd
                | CandidatesTrainedEnd
                | CandidatesConcludedEnd
                | MentorsAvailableEnd
        )
    }
}

impl Key {
    pub fn name(self) -> String {
        use Key::*;
        let name = match self {
            MentorsApplied => "mentors_applied",
            MentorsScreened => "mentors_screened",
            MentorsTrained => "mentors_trained",
            MentorsConcluded => "mentors_concluded",
            CandidatesAppliedEnd => "mentors_stage_applied_end",
            CandidatesScreenedEnd => "mentors_stage_screened_end",
            CandidatesTrainedEnd => "mentors_stage_trained_end",
            CandidatesConcludedEnd => "mentors_stage_concluded_end",
            MentorsAvailableEnd => "mentors_available_end",
            ChildrenRegistered => "children_registered",
            ChildrenWaitingEnd => "children_waiting_end",
            ChildrenWaitingMeanDays => "children_waiting_mean_days",
            ChildrenWaitingMaxDays => "children_waiting_max_days",
            ProposalsMade => "proposals_made",
            ProposalsOpenEnd => "proposals_open_end",
            AgreementsSigned => "agreements_signed",
            AgreementsActiveEnd => "agreements_active_end",
            AgreementsSuspendedEnd => "agreements_suspended_end",
            AgreementsClosed => "agreements_closed",
            Closures(reason) => return format!("closures_{reason}"),
            ClosuresBefore3Months => "closures_before_3_months",
            ClosuresBefore6Months => "closures_before_6_months",
            ClosuresBefore12Months => "closures_before_12_months",
            Meetings => "meetings",
            MentoringHours => "mentoring_hours",
            Checkins => "checkins",
            CheckinsDue => "checkins_due",
            CheckinsDueKept => "checkins_due_kept",
            CheckinsOnTimePct => "checkins_on_time_pct",
            AgreementsActiveWholeMonth => "agreements_active_whole_month",
            AgreementsMeetingNorm => "agreements_meeting_norm",
            MeetingNormPct => "meeting_norm_pct",
            AgreementsEndingSoon => "agreements_ending_soon",
            AgreementsPastPlannedEnd => "agreements_past_planned_end",
            ActiveMatchMeanDays => "active_match_mean_days",
            MatchesDecided12Months => "matches_decided_12_months",
            MatchesReached12Months => "matches_reached_12_months",
            Reached12MonthsPct => "reached_12_months_pct",
            ClosuresExitInterview => "closures_exit_interview",
            ExitInterviewPct => "exit_interview_pct",
            ChildrenServed => "children_served",
            FamiliesServed => "families_served",
            MentorsActive => "mentors_active",
            Contacts => "contacts",
        };
        name.to_string()
    }
}

/// One row of the report. `value` is `None` where a mean or share has nothing to divide by.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    pub key: Key,
    pub value: Option<f64>,
    /// What a mean or a share is taken over (its denominator), so that several registries'
    /// values can be combined exactly; 0 for counts.
    pub weight: f64,
}

impl Indicator {
    /// The value of `key` over several disjoint parts (centres): counts add up, the longest
    /// wait is the longest of all, means and shares are weighted by what they are taken over.
    pub fn combine(key: Key, parts: &[&Indicator]) -> Indicator {
        let weight: f64 = parts.iter().map(|i| i.weight).sum();
        let value = match key {
            Key::ChildrenWaitingMaxDays => parts.iter().filter_map(|i| i.value).reduce(f64::max),
            _ if is_ratio(key) => (weight > 0.0)
                .then(|| parts.iter().filter_map(|i| i.value.map(|v| v * i.weight)).sum::<f64>() / weight),
            _ => Some(parts.iter().filter_map(|i| i.value).sum()),
        };
        Indicator { key, value, weight }
    }
}

/// Means and shares: their value is not a sum.
fn is_ratio(key: Key) -> bool {
    matches!(
        key,
        Key::ChildrenWaitingMeanDays
            | Key::CheckinsOnTimePct
            | Key::MeetingNormPct
            | Key::ActiveMatchMeanDays
            | Key::Reached12MonthsPct
            | Key::ExitInterviewPct
    )
}

/// Closures that are the planned end of the match, not an early ending.
fn natural_end(reason: ClosureReason) -> bool {
    matches!(
        reason,
        ClosureReason::ChildTurned18 | ClosureReason::ChildTurned23 | ClosureReason::EducationFinished
    )
}

fn pct(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

fn mean(sum: i64, n: usize) -> Option<f64> {
    (n > 0).then(|| sum as f64 / n as f64)
}

/// What the indicators are counted over: the whole registry, or one group of a breakdown
/// (its children, the agreements of those children, and its mentors).
pub struct Scope<'a> {
    pub registry: &'a Registry,
    pub children: Vec<&'a Child>,
    /// `None` when the mentor indicators have no place in this scope (a group defined by
    /// something only a child has, such as an age band).
    pub mentors: Option<Vec<&'a Mentor>>,
    pub agreements: Vec<&'a Agreement>,
}

impl<'a> Scope<'a> {
    pub fn whole(registry: &'a Registry) -> Scope<'a> {
        Scope {
            registry,
            children: registry.children.iter().collect(),
            mentors: Some(registry.mentors.iter().collect()),
            agreements: registry.agreements.iter().collect(),
        }
    }
}

/// Every indicator for `month`, in the report's order.
pub fn monthly(registry: &Registry, month: Month) -> Vec<Indicator> {
    let occupancy = Occupancy::on(registry, month.end);
    indicators(&Scope::whole(registry), month.into(), &occupancy, false)
}

/// Every indicator over `period`: flows over its days, stocks on its last day E. `extended`
/// adds the counts a period report has beyond the monthly form (`children_served`, …).
/// `occupancy` is the whole registry's on E: a mentor's capacity counts all their agreements.
pub fn indicators(scope: &Scope, period: Period, occupancy: &Occupancy, extended: bool) -> Vec<Indicator> {
    let registry = scope.registry;
    let (s, e) = (period.start, period.end);
    let m = &registry.config.monitoring;
    let rules = &registry.config.rules;
    let mut out: Vec<Indicator> = Vec::new();
    let mut push = |key: Key, value: Option<f64>| out.push(Indicator { key, value, weight: 0.0 });
    let mut weights: Vec<(Key, usize)> = Vec::new();
    let count = |n: usize| Some(n as f64);
    let in_m = |date: Option<crate::record::Date>| date.is_some_and(|d| period.contains(d));
    let by_e = |date: Option<crate::record::Date>| date.is_some_and(|d| d <= e);

    // Mentors: stages reached in M, the pipeline on E, availability on E.
    if let Some(mentors) = &scope.mentors {
        push(Key::MentorsApplied, count(mentors.iter().filter(|x| period.contains(x.applied_on)).count()));
        push(Key::MentorsScreened, count(mentors.iter().filter(|x| in_m(x.screening.checked_on)).count()));
        push(Key::MentorsTrained, count(mentors.iter().filter(|x| in_m(x.training.completed_on)).count()));
        push(Key::MentorsConcluded, count(mentors.iter().filter(|x| in_m(x.conclusion.issued_on)).count()));
        let mut stages = [0usize; 4];
        let mut available = 0;
        for mentor in mentors.iter().filter(|x| x.applied_on <= e) {
            let stage = if by_e(mentor.conclusion.issued_on) {
                3
            } else if by_e(mentor.training.completed_on) {
                2
            } else if by_e(mentor.screening.checked_on) {
                1
            } else {
                0
            };
            stages[stage] += 1;
            let open = occupancy.mentor_open(&mentor.id);
            if stage == 3 && rules::mentor_verdict(mentor, rules, rules.regime_on(e), e, open, true).eligible
            {
                available += 1;
            }
        }
        push(Key::CandidatesAppliedEnd, count(stages[0]));
        push(Key::CandidatesScreenedEnd, count(stages[1]));
        push(Key::CandidatesTrainedEnd, count(stages[2]));
        push(Key::CandidatesConcludedEnd, count(stages[3]));
        push(Key::MentorsAvailableEnd, count(available));
    }

    // Children.
    let children = &scope.children;
    push(
        Key::ChildrenRegistered,
        count(children.iter().filter(|c| period.contains(c.registered_on)).count()),
    );
    let waits: Vec<i64> = children
        .iter()
        .filter(|c| occupancy.child_waiting(registry, c, e))
        .map(|c| days(occupancy.waiting_since(c), e))
        .collect();
    push(Key::ChildrenWaitingEnd, count(waits.len()));
    push(Key::ChildrenWaitingMeanDays, mean(waits.iter().sum(), waits.len()));
    weights.push((Key::ChildrenWaitingMeanDays, waits.len()));
    push(Key::ChildrenWaitingMaxDays, waits.iter().max().map(|&n| n as f64));

    // Agreements: flows in M and stock on E.
    let agreements = &scope.agreements;
    let closed_in_m: Vec<&Agreement> = agreements
        .iter()
        .copied()
        .filter(|a| a.closure.as_ref().is_some_and(|c| period.contains(c.date)))
        .collect();
    push(Key::ProposalsMade, count(agreements.iter().filter(|a| period.contains(a.proposed_on)).count()));
    push(Key::ProposalsOpenEnd, count(agreements.iter().filter(|a| proposed_on(a, e)).count()));
    push(Key::AgreementsSigned, count(agreements.iter().filter(|a| in_m(a.signed_on)).count()));
    let active_end: Vec<&Agreement> = agreements.iter().copied().filter(|a| active_on(a, e)).collect();
    push(Key::AgreementsActiveEnd, count(active_end.len()));
    push(Key::AgreementsSuspendedEnd, count(active_end.iter().filter(|a| suspended_on(a, e)).count()));
    push(Key::AgreementsClosed, count(closed_in_m.len()));
    for reason in ClosureReason::ALL {
        let n =
            closed_in_m.iter().filter(|a| a.closure.as_ref().is_some_and(|c| c.reason == *reason)).count();
        push(Key::Closures(*reason), count(n));
    }
    let closed_signed: Vec<&Agreement> = closed_in_m
        .iter()
        .copied()
        .filter(|a| a.closure.as_ref().is_some_and(|c| signed_by(a, c.date)))
        .collect();
    let lasted_less = |months: u32| {
        closed_signed
            .iter()
            .filter(|a| match (a.signed_on, &a.closure) {
                (Some(signed), Some(c)) => c.date < add_months(signed, months),
                _ => false,
            })
            .count()
    };
    push(Key::ClosuresBefore3Months, count(lasted_less(3)));
    push(Key::ClosuresBefore6Months, count(lasted_less(6)));
    push(Key::ClosuresBefore12Months, count(lasted_less(12)));

    // Contacts in M.
    let contacts = || agreements.iter().flat_map(|a| &a.contacts).filter(|c| period.contains(c.date));
    let all_contacts = contacts().count();
    push(
        Key::Meetings,
        count(contacts().filter(|c| c.kind == crate::record::enums::ContactKind::Meeting).count()),
    );
    push(
        Key::MentoringHours,
        Some(
            contacts()
                .filter(|c| c.kind.is_mentoring())
                .map(|c| c.hours.unwrap_or_default())
                .sum::<crate::record::Minutes>()
                .hours(),
        ),
    );
    push(Key::Checkins, count(contacts().filter(|c| c.kind.is_checkin()).count()));

    // Monitoring: the cadence and the meeting norm.
    let (mut due, mut kept) = (0, 0);
    for a in agreements.iter().filter(|a| signed_by(a, e) && !closed_by(a, s)) {
        for d in cadence::schedule(a, m, e, e).dues.iter().filter(|d| period.contains(d.due)) {
            due += 1;
            kept += usize::from(d.kept_on.is_some());
        }
    }
    push(Key::CheckinsDue, count(due));
    push(Key::CheckinsDueKept, count(kept));
    push(Key::CheckinsOnTimePct, pct(kept, due));
    weights.push((Key::CheckinsOnTimePct, due));
    // The norm is monthly: a longer period counts agreement-months, over the calendar months
    // lying wholly inside it (exactly the monthly figures when the period is one month).
    let (mut whole, mut norm) = (0, 0);
    for month in period.whole_months() {
        for a in agreements.iter().filter(|a| active_throughout(a, month.start, month.end)) {
            whole += 1;
            let (meetings, hours) = mentoring_between(a, month.start, month.end);
            norm += usize::from(meetings >= m.min_meetings_per_month && hours >= super::hours_norm(a, m));
        }
    }
    push(Key::AgreementsActiveWholeMonth, count(whole));
    push(Key::AgreementsMeetingNorm, count(norm));
    push(Key::MeetingNormPct, pct(norm, whole));
    weights.push((Key::MeetingNormPct, whole));

    // Ends and lengths.
    let horizon = crate::record::date::plus_days(e, m.ending_within_days);
    let ends: Vec<crate::record::Date> =
        active_end.iter().filter_map(|a| planned_end(a, registry).map(|(end, _)| end)).collect();
    push(Key::AgreementsEndingSoon, count(ends.iter().filter(|end| e < **end && **end <= horizon).count()));
    push(Key::AgreementsPastPlannedEnd, count(ends.iter().filter(|end| **end <= e).count()));
    let lengths: i64 = active_end.iter().filter_map(|a| a.signed_on.map(|signed| days(signed, e))).sum();
    push(Key::ActiveMatchMeanDays, mean(lengths, active_end.len()));
    weights.push((Key::ActiveMatchMeanDays, active_end.len()));

    // Quality.
    let (mut decided, mut reached) = (0, 0);
    for a in agreements.iter().filter(|a| signed_by(a, e)) {
        let Some(signed) = a.signed_on else { continue };
        let year = add_months(signed, 12);
        let closure = a.closure.as_ref().filter(|c| c.date <= e);
        let early = closure.is_some_and(|c| c.date < year);
        if early && closure.is_some_and(|c| natural_end(c.reason)) {
            continue;
        }
        if year <= e || early {
            decided += 1;
            reached += usize::from(!early);
        }
    }
    push(Key::MatchesDecided12Months, count(decided));
    push(Key::MatchesReached12Months, count(reached));
    push(Key::Reached12MonthsPct, pct(reached, decided));
    weights.push((Key::Reached12MonthsPct, decided));
    let interviews = closed_signed
        .iter()
        .filter(|a| a.closure.as_ref().is_some_and(|c| c.exit_interview == Some(true)))
        .count();
    push(Key::ClosuresExitInterview, count(interviews));
    push(Key::ExitInterviewPct, pct(interviews, closed_signed.len()));
    weights.push((Key::ExitInterviewPct, closed_signed.len()));

    if extended {
        // Active on some day of the period: signed by E and not closed by S.
        let served: Vec<&Agreement> =
            agreements.iter().copied().filter(|a| signed_by(a, e) && !closed_by(a, s)).collect();
        fn distinct<T: Ord>(mut ids: Vec<T>) -> usize {
            ids.sort_unstable();
            ids.dedup();
            ids.len()
        }
        let children: Vec<&str> = served.iter().map(|a| a.child.as_str()).collect();
        // A child without a `family` code is a family of their own (kept apart from the
        // codes, so that a code can never be mistaken for a child's ID).
        let families: Vec<(bool, &str)> = children
            .iter()
            .map(|id| {
                registry.child(id).and_then(|c| c.family.as_deref()).map_or((false, *id), |f| (true, f))
            })
            .collect();
        let families = distinct(families);
        push(Key::ChildrenServed, count(distinct(children)));
        push(Key::FamiliesServed, count(families));
        push(Key::MentorsActive, count(distinct(served.iter().map(|a| a.mentor.as_str()).collect())));
        push(Key::Contacts, count(all_contacts));
    }
    for (key, weight) in weights {
        if let Some(indicator) = out.iter_mut().find(|i| i.key == key) {
            indicator.weight = weight as f64;
        }
    }
    out
}
