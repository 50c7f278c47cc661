//! `report agreements`: one row per agreement active in a month (signed by its last day E,
//! not closed before its first day S), with the month's contacts and the monitoring flags.

use crate::record::Date;
use crate::record::enums::ContactKind;
use crate::registry::Registry;

use super::{Month, active_throughout, cadence, mentoring_between, planned_end, signed_by};

/// A monitoring flag on an agreement in the month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    /// The oldest check-in due by the cadence was not kept and its day is before E.
    CheckinOverdue,
    /// Active the whole month and below the meeting norm in it.
    MeetingsShort,
    /// Planned end after E and within `ending_within_days` of it.
    EndingSoon,
    /// Planned end on or before E and still not closed on E.
    PastPlannedEnd,
    /// Inside a suspension on some day of the month.
    Suspended,
    /// Closed in the month.
    Closed,
}

impl Flag {
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::CheckinOverdue => "checkin_overdue",
            Flag::MeetingsShort => "meetings_short",
            Flag::EndingSoon => "ending_soon",
            Flag::PastPlannedEnd => "past_planned_end",
            Flag::Suspended => "suspended",
            Flag::Closed => "closed",
        }
    }
}

#[derive(Clone, Debug)]
pub struct AgreementRow<'a> {
    pub agreement: &'a crate::record::Agreement,
    pub contacts: usize,
    pub meetings: usize,
    pub outings: usize,
    pub checkins: usize,
    pub hours: f64,
    pub last_checkin: Option<Date>,
    pub next_checkin_due: Option<Date>,
    pub planned_end: Option<Date>,
    pub flags: Vec<Flag>,
}

pub fn agreements(registry: &Registry, month: Month) -> Vec<AgreementRow<'_>> {
    let (s, e) = (month.start, month.end);
    let m = &registry.config.monitoring;
    let horizon = crate::record::date::plus_days(e, m.ending_within_days);
    registry
        .agreements
        .iter()
        .filter(|a| signed_by(a, e) && a.closure.as_ref().is_none_or(|c| c.date >= s))
        .map(|a| {
            let in_month: Vec<_> = a.contacts.iter().filter(|c| month.contains(c.date)).collect();
            let of = |kind: ContactKind| in_month.iter().filter(|c| c.kind == kind).count();
            let (norm_meetings, hours) = mentoring_between(a, s, e);
            let closed = a.closure.as_ref().is_some_and(|c| month.contains(c.date));
            let schedule = cadence::next_due(a, m, e);
            let next_due = if closed { None } else { schedule.next_due };
            let end = planned_end(a, registry).map(|(end, _)| end);
            let mut flags = Vec::new();
            if next_due.is_some_and(|due| due < e) {
                flags.push(Flag::CheckinOverdue);
            }
            if active_throughout(a, s, e)
                && (norm_meetings < m.min_meetings_per_month || hours < super::hours_norm(a, m))
            {
                flags.push(Flag::MeetingsShort);
            }
            if !closed {
                match end {
                    Some(end) if e < end && end <= horizon => flags.push(Flag::EndingSoon),
                    Some(end) if end <= e => flags.push(Flag::PastPlannedEnd),
                    _ => {}
                }
            }
            if super::suspended_between(a, s, e) {
                flags.push(Flag::Suspended);
            }
            if closed {
                flags.push(Flag::Closed);
            }
            AgreementRow {
                agreement: a,
                contacts: in_month.len(),
                meetings: of(ContactKind::Meeting),
                outings: of(ContactKind::Outing),
                checkins: in_month.iter().filter(|c| c.kind.is_checkin()).count(),
                hours: hours.hours(),
                last_checkin: schedule.last,
                next_checkin_due: next_due,
                planned_end: end,
                flags,
            }
        })
        .collect()
}
