//! The centre's check-in cadence (docs/rules.md, "Monitoring"): the first check-in within
//! `first_checkin_days` of signing, `first_month_checkins` in the first month, then one every
//! `checkin_interval_days_first_year` days in the first year and every
//! `checkin_interval_days_after` days after it.
//!
//! The cadence is rolling: each due date follows from the check-in before it. A due date that
//! passes without a check-in is *missed*, and the next one is counted from it (as if it had
//! been kept), so that a match left alone for three months owes three check-ins, not one; the
//! next check-in, late, restarts the cadence from its own date.
//! Several check-ins on one day (the mentor and the child, say) count once.

use crate::record::Agreement;
use crate::record::config::Monitoring;
use crate::record::date::{Date, add_months};

/// One due check-in: its date and the check-in that kept it (on or before the date).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueCheckin {
    pub due: Date,
    pub kept_on: Option<Date>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schedule {
    /// Every due date up to the horizon, kept or missed, in order.
    pub dues: Vec<DueCheckin>,
    /// The last check-in on or before the horizon.
    pub last: Option<Date>,
    /// The oldest due date not kept: overdue when it is before the day asked about.
    pub next_due: Option<Date>,
}

/// The cadence of `a` with the check-ins recorded up to `as_of`, due dates up to `horizon`
/// (inclusive) and before the agreement's closure. Unsigned agreements owe nothing.
pub fn schedule(a: &Agreement, m: &Monitoring, as_of: Date, horizon: Date) -> Schedule {
    let Some(signed) = a.signed_on.filter(|signed| *signed <= as_of) else {
        return Schedule::default();
    };
    let stop = a.closure.as_ref().map(|c| c.date);
    let counts = |due: Date| due <= horizon && stop.is_none_or(|stop| due < stop);
    let mut dates: Vec<Date> = a
        .contacts
        .iter()
        .filter(|c| c.kind.is_checkin() && signed <= c.date && c.date <= as_of)
        .map(|c| c.date)
        .collect();
    dates.sort_unstable();
    dates.dedup();

    let mut dues = Vec::new();
    let mut count = 0;
    let mut due = next(signed, 0, signed, m);
    for &date in &dates {
        // A late check-in ends the run of missed dates and restarts the cadence from itself;
        // it keeps no due date of its own (the one it would fall before was only assumed).
        let mut late = false;
        while due < date {
            if counts(due) {
                dues.push(DueCheckin { due, kept_on: None });
            }
            late = true;
            count += 1;
            due = next(signed, count, due, m);
        }
        if !late && counts(due) {
            dues.push(DueCheckin { due, kept_on: Some(date) });
        }
        count += 1;
        due = next(signed, count, date, m);
    }
    let next_due = stop.is_none_or(|stop| due < stop).then_some(due);
    while counts(due) {
        dues.push(DueCheckin { due, kept_on: None });
        count += 1;
        due = next(signed, count, due, m);
    }
    Schedule { dues, last: dates.last().copied(), next_due }
}

/// The due date after `count` check-ins, the last on `last`.
fn next(signed: Date, count: u32, last: Date, m: &Monitoring) -> Date {
    let plus = crate::record::date::plus_days;
    if count == 0 {
        return plus(signed, m.first_checkin_days);
    }
    let first_month = add_months(signed, 1);
    if count < m.first_month_checkins && last < first_month {
        return first_month;
    }
    if last < add_months(signed, 12) {
        plus(last, m.checkin_interval_days_first_year)
    } else {
        plus(last, m.checkin_interval_days_after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::date::parse_iso;

    fn d(text: &str) -> Date {
        parse_iso(text).unwrap()
    }

    fn agreement(signed: &str, checkins: &[&str]) -> Agreement {
        let mut text = format!(
            "id = \"a-1\"\nchild = \"c-1\"\nmentor = \"m-1\"\ninstitution = \"i-1\"\nregime = \"2026\"\n\
             status = \"active\"\nproposed_on = {signed}\nsigned_on = {signed}\n"
        );
        for date in checkins {
            text.push_str(&format!("[[contacts]]\ndate = {date}\nkind = \"checkin_mentor\"\n"));
        }
        toml::from_str(&text).unwrap()
    }

    #[test]
    fn first_check_in_within_14_days_then_second_by_the_month_then_every_30() {
        let m = Monitoring::default();
        let a = agreement("2026-01-10", &["2026-01-20", "2026-02-05", "2026-03-01"]);
        let s = schedule(&a, &m, d("2026-03-31"), d("2026-03-31"));
        let dues: Vec<_> = s.dues.iter().map(|x| (x.due.to_string(), x.kept_on.is_some())).collect();
        assert_eq!(
            dues,
            [
                ("2026-01-24".to_string(), true),
                ("2026-02-10".to_string(), true),
                ("2026-03-07".to_string(), true),
                ("2026-03-31".to_string(), false),
            ]
        );
        assert_eq!(s.next_due, Some(d("2026-03-31")));
    }

    #[test]
    fn missed_check_ins_keep_counting_and_the_oldest_is_overdue() {
        let m = Monitoring::default();
        let a = agreement("2026-01-10", &[]);
        let s = schedule(&a, &m, d("2026-03-31"), d("2026-03-31"));
        let dues: Vec<_> = s.dues.iter().map(|x| x.due.to_string()).collect();
        assert_eq!(dues, ["2026-01-24", "2026-02-10", "2026-03-12"]);
        assert_eq!(s.next_due, Some(d("2026-01-24")));
    }

    #[test]
    fn a_late_check_in_restarts_the_cadence_and_keeps_nothing() {
        let m = Monitoring::default();
        let a = agreement("2026-01-10", &["2026-01-20", "2026-02-05", "2026-04-20"]);
        let s = schedule(&a, &m, d("2026-05-31"), d("2026-05-31"));
        let dues: Vec<_> = s.dues.iter().map(|x| (x.due.to_string(), x.kept_on.is_some())).collect();
        assert_eq!(
            dues,
            [
                ("2026-01-24".to_string(), true),
                ("2026-02-10".to_string(), true),
                ("2026-03-07".to_string(), false),
                ("2026-04-06".to_string(), false),
                ("2026-05-20".to_string(), false),
            ]
        );
        assert_eq!(s.next_due, Some(d("2026-05-20")));
    }

    #[test]
    fn after_the_first_year_every_90_days() {
        let m = Monitoring::default();
        let a = agreement("2025-01-10", &["2026-02-01"]);
        let s = schedule(&a, &m, d("2026-02-01"), d("2026-02-01"));
        assert_eq!(s.next_due, Some(d("2026-05-02")));
    }
}
