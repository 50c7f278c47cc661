//! `due`: what needs doing on a day, by kind (docs/reports.md), each with the record it is
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
    MentorWithdrawn,
    ProposalUnsigned,
    RegimeReview,
    SuspensionLong,
    TermEnded,
}

impl DueKind {
    /// Alphabetical, the order of the list's tie-break.
    pub const ALL: [DueKind; 10] = [
        DueKind::AgreementEnding,
        DueKind::CheckinOverdue,
        DueKind::ChildWaiting,
        DueKind::DocumentExpiring,
        DueKind::MeetingsShort,
        DueKind::MentorWithdrawn,
        DueKind::ProposalUnsigned,
        DueKind::RegimeReview,
        DueKind::SuspensionLong,
        DueKind::TermEnded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DueKind::AgreementEnding => "agreement_ending",
            DueKind::CheckinOverdue => "checkin_overdue",
            DueKind::ChildWaiting => "child_waiting",
            DueKind::DocumentExpiring => "document_expiring",
            DueKind::MeetingsShort => "meetings_short",
            DueKind::ProposalUnsigned => "proposal_unsigned",
            DueKind::MentorWithdrawn => "mentor_withdrawn",
            DueKind::RegimeReview => "regime_review",
            DueKind::SuspensionLong => "suspension_long",
            DueKind::TermEnded => "term_ended",
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
    /// The planned end (`ends_on`) has passed and the agreement still runs: close or extend.
    TermEnded {
        child: String,
    },
    /// A 2017 agreement still running after the cutover to the 2026 rules.
    RegimeReview {
        regime: String,
    },
    /// Suspended since `since` for `days` days without a decision: resume or close.
    SuspensionLong {
        since: Date,
        days: i64,
    },
    /// The mentor of an open agreement is no longer active (`status`: paused, withdrawn, or
    /// `disqualified` when a ground of Family Code art. 212 is recorded).
    MentorWithdrawn {
        mentor: String,
        status: &'static str,
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
    let schedule = cadence::next_due(a, m, today);
    let due_on = schedule.next_due.filter(|due| *due < today)?;
    Some(DueItem {
        kind: DueKind::CheckinOverdue,
        record: a.id.clone(),
        due_on,
        detail: Detail::CheckinOverdue { last: schedule.last },
    })
}

/// What the life of a running agreement asks for on `today`: a decision after its term
/// ended, after a long suspension, about its regime after the cutover, or about its mentor.
fn lifecycle_items(a: &crate::record::Agreement, registry: &Registry, today: Date) -> Vec<DueItem> {
    let m = &registry.config.monitoring;
    let rules = &registry.config.rules;
    let mut items = Vec::new();
    let item = |kind, due_on, detail| DueItem { kind, record: a.id.clone(), due_on, detail };
    if let Some(ends_on) = a.ends_on.filter(|end| *end < today) {
        items.push(item(DueKind::TermEnded, ends_on, Detail::TermEnded { child: a.child.clone() }));
    }
    if super::suspended_on(a, today)
        && let Some(since) = a.suspensions.iter().filter(|s| s.resumed_on.is_none()).map(|s| s.date).max()
    {
        let due_on = since + chrono::Days::new(m.suspension_decision_days.into());
        if due_on <= today {
            let days = super::days(since, today);
            items.push(item(DueKind::SuspensionLong, due_on, Detail::SuspensionLong { since, days }));
        }
    }
    if m.regime_review
        && a.regime == crate::record::enums::Regime::R2017
        && rules.regime_on(today) == crate::record::enums::Regime::R2026
    {
        let due_on = rules.cutover_2026.max(a.signed_on.unwrap_or(a.proposed_on));
        items.push(item(
            DueKind::RegimeReview,
            due_on,
            Detail::RegimeReview { regime: a.regime.to_string() },
        ));
    }
    items.extend(mentor_withdrawn(a, registry, today));
    items
}

/// An open agreement whose mentor is paused, withdrawn or disqualified: the centre decides
/// (another mentor, a pause, a closure as `mentor_withdrew` or `mentor_removed`).
fn mentor_withdrawn(a: &crate::record::Agreement, registry: &Registry, today: Date) -> Option<DueItem> {
    let mentor = registry.mentor(&a.mentor)?;
    let status = if !mentor.screening.disqualifications.is_empty() {
        "disqualified"
    } else {
        match mentor.status() {
            MentorStatus::Active => return None,
            status => status.as_str(),
        }
    };
    Some(DueItem {
        kind: DueKind::MentorWithdrawn,
        record: a.id.clone(),
        due_on: today,
        detail: Detail::MentorWithdrawn { mentor: mentor.id.clone(), status },
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
        if active_on(a, today) && a.ends_on.is_some_and(|end| end < today) {
            // Past its term the agreement owes no check-ins or meetings, only a decision.
            items.extend(lifecycle_items(a, registry, today));
        } else if active_on(a, today) {
            items.extend(overdue_checkin(a, m, today));
            if active_throughout(a, last_month.start, last_month.end) {
                let (meetings, hours) = mentoring_between(a, last_month.start, last_month.end);
                let min_hours = super::hours_norm(a, m);
                if meetings < m.min_meetings_per_month || hours < min_hours {
                    items.push(DueItem {
                        kind: DueKind::MeetingsShort,
                        record: a.id.clone(),
                        due_on: plus(last_month.end, 1),
                        detail: Detail::MeetingsShort {
                            month: last_month.label(),
                            meetings,
                            hours: hours.hours(),
                            min_meetings: m.min_meetings_per_month,
                            min_hours: min_hours.hours(),
                        },
                    });
                }
            }
            items.extend(lifecycle_items(a, registry, today));
            if let Some((end, reason)) = planned_end(a, registry)
                .filter(|(end, _)| *end <= plus(today, within))
                .filter(|(end, _)| a.ends_on.is_none() || *end >= today)
            {
                items.push(DueItem {
                    kind: DueKind::AgreementEnding,
                    record: a.id.clone(),
                    due_on: end,
                    detail: Detail::AgreementEnding { reason, child: a.child.clone() },
                });
            }
        } else if proposed_on(a, today) {
            items.extend(mentor_withdrawn(a, registry, today));
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
