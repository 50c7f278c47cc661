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
    walk(a, m, as_of, Some(horizon))
}

/// The last check-in up to `as_of` and the next due date (`Schedule::last` and `next_due`),
/// without listing the due dates: `check` and `due` ask this of every agreement, and an
/// agreement left without check-ins for years would have every missed date listed.
pub fn next_due(a: &Agreement, m: &Monitoring, as_of: Date) -> Schedule {
    walk(a, m, as_of, None)
}

/// The schedule; the due dates are listed up to `horizon`, or not at all.
fn walk(a: &Agreement, m: &Monitoring, as_of: Date, horizon: Option<Date>) -> Schedule {
    let Some(signed) = a.signed_on.filter(|signed| *signed <= as_of) else {
        return Schedule::default();
    };
    let cadence = Cadence::new(signed, m);
    let stop = a.closure.as_ref().map(|c| c.date);
    let counts = |due: Date| horizon.is_some_and(|h| due <= h) && stop.is_none_or(|stop| due < stop);
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
    let mut due = cadence.next(0, signed);
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
            due = cadence.next(count, due);
        }
        if !late && counts(due) {
            dues.push(DueCheckin { due, kept_on: Some(date) });
        }
        count += 1;
        due = cadence.next(count, date);
    }
    let next_due = stop.is_none_or(|stop| due < stop).then_some(due);
    while counts(due) {
        dues.push(DueCheckin { due, kept_on: None });
        count += 1;
        due = cadence.next(count, due);
    }
    Schedule { dues, last: dates.last().copied(), next_due }
}

/// The cadence of one agreement: its monitoring settings and the dates that bound the
/// first month and the first year, worked out once rather than at every due date.
struct Cadence<'a> {
    signed: Date,
    first_month: Date,
    first_year: Date,
    m: &'a Monitoring,
}

impl Cadence<'_> {
    fn new(signed: Date, m: &Monitoring) -> Cadence<'_> {
        Cadence { signed, first_month: add_months(signed, 1), first_year: add_months(signed, 12), m }
    }

    /// The due date after `count` check-ins, the last on `last`.
    fn next(&self, count: u32, last: Date) -> Date {
        let plus = crate::record::date::plus_days;
        let m = self.m;
        if count == 0 {
            return plus(self.signed, m.first_checkin_days);
        }
        if count < m.first_month_checkins && last < self.first_month {
            return self.first_month;
        }
        if last < self.first_year {
            plus(last, m.checkin_interval_days_first_year)
        } else {
            plus(last, m.checkin_interval_days_after)
        }
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
    fn next_due_without_the_list_agrees_with_the_whole_schedule() {
        let m = Monitoring::default();
        let signed = ["2020-02-29", "2025-12-31", "2026-01-10"];
        let checkins: [&[&str]; 5] = [
            &[],
            &["2026-01-20"],
            &["2026-01-20", "2026-02-05", "2026-04-20"],
            &["2021-03-01", "2026-01-11", "2026-01-12", "2026-11-01"],
            &["2026-06-30", "2026-06-30", "2026-12-31"],
        ];
        for signed in signed {
            for checkins in checkins {
                let a = agreement(signed, checkins);
                for as_of in ["2020-01-01", "2026-01-15", "2026-03-31", "2026-11-30", "2031-01-01"] {
                    let whole = schedule(&a, &m, d(as_of), d(as_of));
                    let quick = next_due(&a, &m, d(as_of));
                    assert_eq!(
                        (quick.next_due, quick.last),
                        (whole.next_due, whole.last),
                        "{signed} {checkins:?} {as_of}"
                    );
                    assert!(quick.dues.is_empty());
                }
            }
        }
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
