//! `status`: the centre at a glance on a day — who waits, who can mentor, what runs, and
//! what falls due within the week.

use crate::record::Date;
use crate::registry::Registry;

use super::due::{DueItem, DueKind, due};
use super::people::{ChildStage, MentorStage, MentorState, children, mentors};
use super::{active_on, proposed_on, suspended_on};

/// Days ahead that count as "this week".
pub const WEEK_DAYS: u32 = 7;

pub struct Status {
    pub today: Date,
    pub children_waiting: usize,
    /// The child waiting longest and the days waited.
    pub longest_wait: Option<(String, i64)>,
    pub children_not_eligible: usize,
    pub children_in_agreements: usize,
    pub mentors_available: usize,
    pub mentors_mentoring: usize,
    /// Candidates not yet eligible, by the stage reached.
    pub pipeline: Vec<(MentorStage, usize)>,
    pub mentors_inactive: usize,
    pub proposals: usize,
    pub proposals_unsigned_long: usize,
    pub agreements_active: usize,
    pub agreements_suspended: usize,
    /// Items due by today + a week, by kind (every kind, zero included) and in full, the
    /// running matches' first.
    pub due_counts: Vec<(DueKind, usize)>,
    pub due_week: Vec<DueItem>,
}

pub fn status(registry: &Registry, today: Date) -> Status {
    let child_rows = children(registry, today);
    let waiting: Vec<_> = child_rows.iter().filter(|r| r.stage == ChildStage::Waiting).collect();
    let longest = waiting
        .iter()
        .filter_map(|r| r.waiting_days.map(|days| (r.child.id.clone(), days)))
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
    let mentor_rows = mentors(registry, today);
    let state_count = |state: MentorState| mentor_rows.iter().filter(|r| r.state == state).count();
    let pipeline = MentorStage::ALL
        .iter()
        .map(|stage| {
            let n =
                mentor_rows.iter().filter(|r| r.state == MentorState::Pipeline && r.stage == *stage).count();
            (*stage, n)
        })
        .collect();
    let horizon = crate::record::date::plus_days(today, WEEK_DAYS);
    let items = due(registry, today, registry.config.monitoring.ending_within_days);
    let mut due_week: Vec<DueItem> = items.into_iter().filter(|item| item.due_on <= horizon).collect();
    // The matches first: a waiting child is already in the counts above.
    due_week.sort_by_key(|item| (urgency(item.kind), item.due_on));
    let due_counts = DueKind::ALL
        .iter()
        .map(|kind| (*kind, due_week.iter().filter(|i| i.kind == *kind).count()))
        .collect();
    let agreements = &registry.agreements;
    Status {
        today,
        children_waiting: waiting.len(),
        longest_wait: longest,
        children_not_eligible: child_rows.iter().filter(|r| r.stage == ChildStage::NotEligible).count(),
        children_in_agreements: child_rows.iter().filter(|r| r.agreement.is_some()).count(),
        mentors_available: state_count(MentorState::Available),
        mentors_mentoring: state_count(MentorState::Mentoring),
        pipeline,
        mentors_inactive: state_count(MentorState::Inactive),
        proposals: agreements.iter().filter(|a| proposed_on(a, today)).count(),
        proposals_unsigned_long: due_week.iter().filter(|i| i.kind == DueKind::ProposalUnsigned).count(),
        agreements_active: agreements
            .iter()
            .filter(|a| active_on(a, today) && !suspended_on(a, today))
            .count(),
        agreements_suspended: agreements.iter().filter(|a| suspended_on(a, today)).count(),
        due_counts,
        due_week,
    }
}

/// The order the summary shows items in: what harms a running match first.
fn urgency(kind: DueKind) -> u8 {
    match kind {
        DueKind::CheckinOverdue => 0,
        DueKind::MeetingsShort => 1,
        DueKind::DocumentExpiring => 2,
        DueKind::AgreementEnding => 3,
        DueKind::ProposalUnsigned => 4,
        DueKind::ChildWaiting => 5,
    }
}
