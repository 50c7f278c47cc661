//! TOML local dates as `chrono::NaiveDate`, and the exact age arithmetic the law needs.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

pub type Date = NaiveDate;

/// Parses `YYYY-MM-DD` strictly (a command-line `--today`, `--date`, `set` value).
pub fn parse_iso(text: &str) -> Option<Date> {
    let text = text.trim();
    if text.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Converts a TOML datetime into a date, refusing times and offsets: a record's dates are
/// calendar days, and a stray time would make "on the date" comparisons ambiguous.
pub fn from_toml(value: &toml::value::Datetime) -> Result<Date, String> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
            .ok_or_else(|| format!("{value} is not a day of the calendar")),
        _ => Err(format!("expected a date like 2026-11-23, found `{value}`")),
    }
}

pub fn to_toml(date: Date) -> toml::value::Datetime {
    toml::value::Datetime {
        date: Some(toml::value::Date {
            year: date.year() as u16,
            month: date.month() as u8,
            day: date.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

/// `deserialize_with` adapter for a required date field.
pub fn de<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
    let value = DateValue::deserialize(deserializer)?;
    value.into_date().map_err(D::Error::custom)
}

/// `deserialize_with` adapter for an optional date field (use with `#[serde(default)]`).
pub fn de_opt<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
    de(deserializer).map(Some)
}

pub fn ser<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&to_toml(*date), serializer)
}

pub fn ser_opt<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => ser(date, serializer),
        None => serializer.serialize_none(),
    }
}

/// A date as written in a record: a TOML date, or (a common slip) a quoted string, which is
/// refused with a message saying how to write it.
#[derive(Deserialize)]
#[serde(untagged)]
enum DateValue {
    Toml(toml::value::Datetime),
    Text(String),
}

impl DateValue {
    fn into_date(self) -> Result<Date, String> {
        match self {
            DateValue::Toml(value) => from_toml(&value),
            DateValue::Text(text) => Err(format!(
                "expected a date without quotes, like {}, found the string \"{text}\"",
                parse_iso(&text).map_or("2026-11-23".to_string(), |d| d.to_string())
            )),
        }
    }
}

/// Age in whole years on `on`. A birthday on `on` counts (someone born 2005-11-23 is 21 on
/// 2026-11-23). Someone born on 29 February has their birthday on 1 March in common years:
/// that is when the day after 28 February has come, which is how Ukrainian civil practice
/// counts a term that ends on a day the month does not have (Civil Code art. 254 (3)).
pub fn age_on(birth: Date, on: Date) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// The day someone born on `birth` turns `years` old (29 February → 1 March in common years).
pub fn birthday(birth: Date, years: i32) -> Date {
    let year = birth.year() + years;
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 3, 1).expect("1 March exists"))
}

/// Adds whole months, clamping to the month's last day (a 31 January certificate valid for a
/// month lasts until 28/29 February).
pub fn add_months(date: Date, months: u32) -> Date {
    date.checked_add_months(chrono::Months::new(months)).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        parse_iso(s).unwrap()
    }

    #[test]
    fn age_counts_the_birthday_itself() {
        assert_eq!(age_on(d("2005-11-23"), d("2026-11-22")), 20);
        assert_eq!(age_on(d("2005-11-23"), d("2026-11-23")), 21);
    }

    #[test]
    fn leap_day_birthday_falls_on_first_of_march() {
        let birth = d("2008-02-29");
        assert_eq!(age_on(birth, d("2026-02-28")), 17);
        assert_eq!(age_on(birth, d("2026-03-01")), 18);
        assert_eq!(birthday(birth, 18), d("2026-03-01"));
        assert_eq!(age_on(birth, d("2028-02-29")), 20);
        assert_eq!(birthday(birth, 20), d("2028-02-29"));
    }

    #[test]
    fn parse_iso_is_strict() {
        assert!(parse_iso("2026-02-30").is_none());
        assert!(parse_iso("2026-2-3").is_none());
        assert_eq!(parse_iso("2026-02-28"), Some(d("2026-02-28")));
    }
}
