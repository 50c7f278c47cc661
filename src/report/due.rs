//! `due`: what needs doing on a day, by kind (product.md §3), each with the record it is
//! about and the day it fell or falls due. Thresholds and cadence come from `[monitoring]`.

use crate::record::Date;
use crate::record::enums::MentorStatus;
use crate::registry::Registry;
use crate::rules;

use super::{
    EndReason, Month, Occupancy, active_on, active_throughout, cadence, mentoring_between, planned_end,
    proposed_on,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DueKind {
    AgreementEnding,
    CheckinOverdue,
    ChildWaiting,
    DocumentExpiring,
    MeetingsShort,
    ProposalUnsigned,
}

impl DueKind {
    /// Alphabetical, the order of the list's tie-break.
    pub const ALL: [DueKind; 6] = [
        DueKind::AgreementEnding,
        DueKind::CheckinOverdue,
        DueKind::ChildWaiting,
        DueKind::DocumentExpiring,
        DueKind::MeetingsShort,
        DueKind::ProposalUnsigned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DueKind::AgreementEnding => "agreement_ending",
            DueKind::CheckinOverdue => "checkin_overdue",
            DueKind::ChildWaiting => "child_waiting",
            DueKind::DocumentExpiring => "document_expiring",
            DueKind::MeetingsShort => "meetings_short",
            DueKind::ProposalUnsigned => "proposal_unsigned",
        }
    }
}

/// What the item is about, with the figures its message needs.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    /// The oldest check-in not kept; the last one held, if any.
    CheckinOverdue {
        last: Option<Date>,
    },
    /// Last month's mentor–child contacts and hours, against the norm.
    MeetingsShort {
        month: String,
        meetings: u32,
        hours: f64,
        min_meetings: u32,
        min_hours: f64,
    },
    AgreementEnding {
        reason: EndReason,
        child: String,
    },
    /// `which` certificate of the mentor; `expired` when the day has passed.
    DocumentExpiring {
        which: &'static str,
        expired: bool,
    },
    ProposalUnsigned {
        proposed_on: Date,
        days: i64,
    },
    ChildWaiting {
        since: Date,
        days: i64,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct DueItem {
    pub kind: DueKind,
    pub record: String,
    pub due_on: Date,
    pub detail: Detail,
}

/// The centre check-in of an active agreement that the cadence says is overdue on `today`
/// (also one of `check`'s domain assertions).
pub fn overdue_checkin(
    a: &crate::record::Agreement,
    m: &crate::record::config::Monitoring,
    today: Date,
) -> Option<DueItem> {
    if !active_on(a, today) {
        return None;
    }
    let schedule = cadence::schedule(a, m, today, today);
    let due_on = schedule.next_due.filter(|due| *due < today)?;
    Some(DueItem {
        kind: DueKind::CheckinOverdue,
        record: a.id.clone(),
        due_on,
        detail: Detail::CheckinOverdue { last: schedule.last },
    })
}

/// Everything due on `today`; `within` days ahead for agreements ending.
pub fn due(registry: &Registry, today: Date, within: u32) -> Vec<DueItem> {
    let m = &registry.config.monitoring;
    let rules = &registry.config.rules;
    let plus = crate::record::date::plus_days;
    let mut items = Vec::new();
    let last_month = Month::containing(today).previous();

    for a in &registry.agreements {
        if active_on(a, today) {
            items.extend(overdue_checkin(a, m, today));
            if active_throughout(a, last_month.start, last_month.end) {
                let (meetings, hours) = mentoring_between(a, last_month.start, last_month.end);
                if meetings < m.min_meetings_per_month || hours < m.min_hours_per_month {
                    items.push(DueItem {
                        kind: DueKind::MeetingsShort,
                        record: a.id.clone(),
                        due_on: plus(last_month.end, 1),
                        detail: Detail::MeetingsShort {
                            month: last_month.label(),
                            meetings,
                            hours: hours.hours(),
                            min_meetings: m.min_meetings_per_month,
                            min_hours: m.min_hours_per_month.hours(),
                        },
                    });
                }
            }
            if let Some((end, reason)) =
                planned_end(a, registry).filter(|(end, _)| *end <= plus(today, within))
            {
                items.push(DueItem {
                    kind: DueKind::AgreementEnding,
                    record: a.id.clone(),
                    due_on: end,
                    detail: Detail::AgreementEnding { reason, child: a.child.clone() },
                });
            }
        } else if proposed_on(a, today) {
            let due_on = plus(a.proposed_on, m.proposal_unsigned_days);
            if due_on <= today {
                items.push(DueItem {
                    kind: DueKind::ProposalUnsigned,
                    record: a.id.clone(),
                    due_on,
                    detail: Detail::ProposalUnsigned {
                        proposed_on: a.proposed_on,
                        days: super::days(a.proposed_on, today),
                    },
                });
            }
        }
    }

    let occupancy = Occupancy::on(registry, today);
    let soon = plus(today, m.document_expiring_days);
    // A mentor in an agreement is judged under the agreement's regime.
    let regimes: std::collections::HashMap<&str, crate::record::enums::Regime> = registry
        .agreements
        .iter()
        .filter(|a| super::open_on(a, today))
        .map(|a| (a.mentor.as_str(), a.regime))
        .collect();
    for mentor in &registry.mentors {
        if mentor.status() == MentorStatus::Withdrawn || !mentor.screening.disqualifications.is_empty() {
            continue;
        }
        let in_agreement = occupancy.mentor_open(&mentor.id) > 0;
        let regime = regimes.get(mentor.id.as_str()).copied().unwrap_or_else(|| rules.regime_on(today));
        let valid_months = rules.params(regime).certificate_valid_months;
        for (which, expires) in rules::document_expiries(mentor, valid_months) {
            let expired = expires <= today;
            if (expired && in_agreement) || (!expired && expires <= soon) {
                items.push(DueItem {
                    kind: DueKind::DocumentExpiring,
                    record: mentor.id.clone(),
                    due_on: expires,
                    detail: Detail::DocumentExpiring { which, expired },
                });
            }
        }
    }

    for child in &registry.children {
        if !occupancy.child_waiting(registry, child, today) {
            continue;
        }
        let since = occupancy.waiting_since(child);
        let due_on = plus(since, m.child_waiting_days);
        if due_on <= today {
            items.push(DueItem {
                kind: DueKind::ChildWaiting,
                record: child.id.clone(),
                due_on,
                detail: Detail::ChildWaiting { since, days: super::days(since, today) },
            });
        }
    }

    items.sort_by(|a, b| (a.due_on, a.kind, &a.record).cmp(&(b.due_on, b.kind, &b.record)));
    items
}
