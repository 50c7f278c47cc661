//! A reporting period: any run of days from `start` to `end`, both included. A month, a
//! quarter and a year are periods; so is a donor project's eight months.

use chrono::Datelike;

use crate::record::date::Date;

use super::Month;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

/// Why a period could not be read from the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeriodError {
    BadQuarter(String),
    BadYear(String),
    BadDate(String),
    FromAfterTo {
        from: Date,
        to: Date,
    },
    /// `--from` without `--to`, or the other way round, or no period at all.
    Incomplete,
}

impl Period {
    pub fn new(start: Date, end: Date) -> Result<Period, PeriodError> {
        if start > end {
            return Err(PeriodError::FromAfterTo { from: start, to: end });
        }
        Ok(Period { start, end })
    }

    /// `YYYY-Qn`, n from 1 to 4 (`q` accepted).
    pub fn quarter(text: &str) -> Result<Period, PeriodError> {
        let bad = || PeriodError::BadQuarter(text.to_string());
        let (year, quarter) = text.trim().split_once(['-']).ok_or_else(bad)?;
        let quarter = quarter.strip_prefix(['Q', 'q']).ok_or_else(bad)?;
        let (Some(year), Ok(quarter)) = (parse_year(year), quarter.parse::<u32>()) else { return Err(bad()) };
        if !(1..=4).contains(&quarter) || text.trim().len() != 7 {
            return Err(bad());
        }
        let first = Month::parse(&format!("{year:04}-{:02}", quarter * 3 - 2)).ok_or_else(bad)?;
        let last = Month::parse(&format!("{year:04}-{:02}", quarter * 3)).ok_or_else(bad)?;
        Ok(Period { start: first.start, end: last.end })
    }

    /// `YYYY`: 1 January to 31 December.
    pub fn year(text: &str) -> Result<Period, PeriodError> {
        let year = parse_year(text.trim()).ok_or_else(|| PeriodError::BadYear(text.to_string()))?;
        let day = |m, d| Date::from_ymd_opt(year, m, d).ok_or_else(|| PeriodError::BadYear(text.to_string()));
        Ok(Period { start: day(1, 1)?, end: day(12, 31)? })
    }

    /// Exactly one of `--from`/`--to` (both), `--quarter`, `--year`; clap keeps them apart.
    pub fn from_args(
        from: Option<&str>,
        to: Option<&str>,
        quarter: Option<&str>,
        year: Option<&str>,
    ) -> Result<Period, PeriodError> {
        let date = |text: &str| {
            crate::record::date::parse_iso(text).ok_or_else(|| PeriodError::BadDate(text.to_string()))
        };
        match (from, to, quarter, year) {
            (Some(from), Some(to), None, None) => Period::new(date(from)?, date(to)?),
            (None, None, Some(quarter), None) => Period::quarter(quarter),
            (None, None, None, Some(year)) => Period::year(year),
            _ => Err(PeriodError::Incomplete),
        }
    }

    pub fn contains(self, day: Date) -> bool {
        self.start <= day && day <= self.end
    }

    /// `2026-01-01..2026-12-31`.
    pub fn label(self) -> String {
        format!("{}..{}", self.start, self.end)
    }

    /// The calendar months lying wholly inside the period, in order (the meeting norm is
    /// monthly, so a period counts it month by month).
    pub fn whole_months(self) -> Vec<Month> {
        let mut months = Vec::new();
        let mut month = Month::containing(self.start);
        if month.start < self.start {
            month = next(month);
        }
        while month.end <= self.end {
            months.push(month);
            month = next(month);
        }
        months
    }
}

fn next(month: Month) -> Month {
    Month::containing(month.end.succ_opt().expect("dates far from the edge"))
}

fn parse_year(text: &str) -> Option<i32> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

impl From<Month> for Period {
    fn from(month: Month) -> Period {
        Period { start: month.start, end: month.end }
    }
}

/// Whether `period` is exactly one calendar month.
pub fn is_month(period: Period) -> bool {
    period.start.day() == 1 && Month::containing(period.start).end == period.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_years_and_ranges_parse_strictly() {
        let q = Period::quarter("2026-Q1").unwrap();
        assert_eq!((q.start.to_string(), q.end.to_string()), ("2026-01-01".into(), "2026-03-31".into()));
        assert_eq!(Period::quarter("2028-q4").unwrap().end.to_string(), "2028-12-31");
        for bad in ["2026-Q5", "2026-Q0", "2026-Q01", "26-Q1", "2026Q1", "2026-1", "x"] {
            assert!(Period::quarter(bad).is_err(), "{bad}");
        }
        assert_eq!(Period::year("2025").unwrap().end.to_string(), "2025-12-31");
        assert!(Period::year("25").is_err());
        assert!(matches!(
            Period::from_args(Some("2026-03-01"), Some("2026-02-01"), None, None),
            Err(PeriodError::FromAfterTo { .. })
        ));
        assert_eq!(Period::from_args(Some("2026-03-01"), None, None, None), Err(PeriodError::Incomplete));
    }

    #[test]
    fn whole_months_leave_out_the_partial_ones() {
        let p =
            Period::new(Date::from_ymd_opt(2026, 1, 15).unwrap(), Date::from_ymd_opt(2026, 4, 30).unwrap())
                .unwrap();
        let labels: Vec<String> = p.whole_months().iter().map(|m| m.label()).collect();
        assert_eq!(labels, ["2026-02", "2026-03", "2026-04"]);
        assert!(is_month(Month::parse("2026-02").unwrap().into()));
        assert!(!is_month(p));
    }
}
