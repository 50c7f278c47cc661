//! TOML local dates as `chrono::NaiveDate`, and the exact age arithmetic the law needs.

use chrono::{Datelike, NaiveDate};
use serde::{Deserializer, de::Error as _};

pub type Date = NaiveDate;

/// Parses `YYYY-MM-DD` strictly (a command-line `--today`, `--date`, `set` value).
pub fn parse_iso(text: &str) -> Option<Date> {
    let text = text.trim();
    if text.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Parses a date as a person types it: `YYYY-MM-DD`, or `DD.MM.YYYY` as Ukrainian forms and
/// documents write it. Both strictly: two-digit day and month, four-digit year, a day the
/// calendar has (`30.02.2026` is refused, not moved to March).
pub fn parse_user(text: &str) -> Option<Date> {
    let text = text.trim();
    if text.len() != 10 {
        return None;
    }
    let bytes = text.as_bytes();
    let digits_at = |at: &[usize]| at.iter().all(|&i| bytes[i].is_ascii_digit());
    if bytes[2] == b'.' && bytes[5] == b'.' {
        // chrono would take a sign or a space in a numeric field; a typed date has neither.
        digits_at(&[0, 1, 3, 4, 6, 7, 8, 9]).then(|| NaiveDate::parse_from_str(text, "%d.%m.%Y").ok())?
    } else {
        parse_iso(text)
    }
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

/// `serialize_with` adapter for a date field: the text chrono writes (`YYYY-MM-DD` for years
/// 0 to 9999), made without the formatting machinery, which cost a third of encoding a record
/// for the parse cache (200,000 records, each with several dates, on a first run).
pub fn ser<S: serde::Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return serde::Serialize::serialize(date, serializer);
    }
    let (month, day) = (date.month(), date.day());
    let digit = |n: u32| b'0' + n as u8;
    let year = year as u32;
    let text = [
        digit(year / 1000),
        digit(year / 100 % 10),
        digit(year / 10 % 10),
        digit(year % 10),
        b'-',
        digit(month / 10),
        digit(month % 10),
        b'-',
        digit(day / 10),
        digit(day % 10),
    ];
    serializer.serialize_str(std::str::from_utf8(&text).expect("digits and dashes"))
}

/// `serialize_with` adapter for an optional date field.
pub fn ser_opt<S: serde::Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    struct Text<'a>(&'a Date);
    impl serde::Serialize for Text<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            ser(self.0, serializer)
        }
    }
    match date {
        Some(date) => serializer.serialize_some(&Text(date)),
        None => serializer.serialize_none(),
    }
}

/// `deserialize_with` adapter for a required date field.
pub fn de<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
    // toml hands a datetime to a struct of this private name as a one-entry map; asking for
    // it directly (rather than through an untagged enum, which buffers every value) keeps
    // loading 200,000 records fast, and still lets a quoted date reach `visit_str`.
    deserializer.deserialize_struct(TOML_DATETIME_NAME, &[TOML_DATETIME_FIELD], DateVisitor)
}

/// `deserialize_with` adapter for an optional date field (use with `#[serde(default)]`).
pub fn de_opt<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
    de(deserializer).map(Some)
}

thread_local! {
    static FROM_CACHE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `decode` (a record read back from the parse cache, on this thread) with dates taken
/// as the strings chrono writes; a record file's quoted date is still refused everywhere else.
pub fn from_cache<R>(decode: impl FnOnce() -> R) -> R {
    // Reset on the way out even if `decode` panics, so the thread's next parse is strict.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            FROM_CACHE.set(false);
        }
    }
    FROM_CACHE.set(true);
    let _reset = Reset;
    decode()
}

/// `YYYY-MM-DD` as chrono writes a date of a record (TOML allows only four-digit years), read
/// without chrono's general format parser, which costs more than the rest of a cached record.
fn cached_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

const TOML_DATETIME_NAME: &str = "$__toml_private_Datetime";
const TOML_DATETIME_FIELD: &str = "$__toml_private_datetime";

struct DateVisitor;

impl<'de> serde::de::Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a date like 2026-11-23")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
        if map.next_key::<serde::de::IgnoredAny>()?.is_none() {
            return Err(A::Error::custom("expected a date like 2026-11-23"));
        }
        map.next_value_seed(DateText)
    }

    /// A common slip: the date written in quotes. Refused, saying how to write it — except
    /// from the registry's parse cache, which stores a date as chrono writes it.
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Date, E> {
        if FROM_CACHE.get() {
            return cached_date(text).ok_or_else(|| E::custom("a cached date that is not a date"));
        }
        Err(E::custom(format!(
            "expected a date without quotes, like {}, found the string \"{text}\"",
            parse_iso(text).map_or("2026-11-23".to_string(), |d| d.to_string())
        )))
    }
}

/// The text of a TOML date, read without an owned copy: a plain `YYYY-MM-DD` (every date of a
/// record file) straight to the day, anything else through `toml`'s datetime parser, which
/// says what is wrong with it.
struct DateText;

impl<'de> serde::de::DeserializeSeed<'de> for DateText {
    type Value = Date;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Date, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl serde::de::Visitor<'_> for DateText {
    type Value = Date;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a date like 2026-11-23")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Date, E> {
        if let Some(date) = cached_date(text) {
            return Ok(date);
        }
        let value: toml::value::Datetime = text.parse().map_err(E::custom)?;
        from_toml(&value).map_err(E::custom)
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
    let year = birth.year().saturating_add(years);
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        // Beyond the calendar's last year (an absurd age): the end of the calendar.
        .unwrap_or(if years < 0 { NaiveDate::MIN } else { NaiveDate::MAX })
}

/// `date` plus `days`, saturating at the end of the calendar instead of panicking. With the
/// ranges of `nastavnyk.toml` (at most a hundred years) it never saturates on a real date.
pub fn plus_days(date: Date, days: u32) -> Date {
    date.checked_add_days(chrono::Days::new(days.into())).unwrap_or(NaiveDate::MAX)
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
    fn a_date_is_written_as_chrono_writes_it() {
        #[derive(serde::Serialize)]
        struct Ours {
            #[serde(serialize_with = "ser")]
            date: Date,
            #[serde(serialize_with = "ser_opt")]
            maybe: Option<Date>,
        }
        #[derive(serde::Serialize)]
        struct Chronos {
            date: Date,
            maybe: Option<Date>,
        }
        let mut dates: Vec<Date> =
            [(0, 1, 1), (7, 3, 9), (999, 12, 31), (1970, 1, 1), (2026, 11, 23), (9999, 12, 31)]
                .into_iter()
                .map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
                .collect();
        // Outside 0..=9999 chrono writes a sign and more digits: handed to chrono.
        dates.extend([
            NaiveDate::from_ymd_opt(10000, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(-1, 6, 15).unwrap(),
        ]);
        let mut day = NaiveDate::from_ymd_opt(2023, 12, 25).unwrap();
        while day.year() < 2025 {
            dates.push(day);
            day = day.succ_opt().unwrap();
        }
        for date in dates {
            for maybe in [None, Some(date)] {
                assert_eq!(
                    serde_json::to_string(&Ours { date, maybe }).unwrap(),
                    serde_json::to_string(&Chronos { date, maybe }).unwrap()
                );
            }
        }
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

    #[derive(serde::Deserialize)]
    struct Record {
        #[serde(deserialize_with = "de")]
        on: Date,
    }

    #[test]
    fn toml_dates_load_and_quoted_or_timed_ones_are_refused() {
        let record: Record = toml::from_str("on = 2026-11-23").unwrap();
        assert_eq!(record.on, d("2026-11-23"));
        let err = toml::from_str::<Record>("on = \"2026-11-23\"").err().unwrap();
        assert!(err.message().contains("expected a date without quotes, like 2026-11-23"), "{err}");
        let err = toml::from_str::<Record>("on = 2026-11-23T10:00:00").err().unwrap();
        assert!(err.message().contains("expected a date like 2026-11-23"), "{err}");
        let err = toml::from_str::<Record>("on = 2026-02-30").err().unwrap();
        assert!(err.message().contains("invalid date"), "{err}");
        let err = toml::from_str::<Record>("on = 5").err().unwrap();
        assert!(err.message().contains("a date like 2026-11-23"), "{err}");
    }

    #[test]
    fn a_quoted_date_is_taken_only_from_the_cache_and_as_chrono_writes_it() {
        let toml_err = toml::from_str::<Record>("on = \"2026-11-23\"").is_err();
        assert!(toml_err, "a record file's quoted date stays an error");
        for day in [d("2026-11-23"), d("0001-01-01"), d("2028-02-29"), d("9999-12-31")] {
            assert_eq!(cached_date(&day.to_string()), Some(day));
        }
        for bad in ["2026-02-30", "2026-1-23", "+2026-11-2", "2026-11-23T", "20261123", "2026_11_23"] {
            assert_eq!(cached_date(bad), None, "{bad}");
        }
        let record: Record = from_cache(|| toml::from_str("on = \"2026-11-23\"")).unwrap();
        assert_eq!(record.on, d("2026-11-23"));
        assert!(toml::from_str::<Record>("on = \"2026-11-23\"").is_err(), "only inside from_cache");
    }

    #[test]
    fn parse_user_takes_both_forms_strictly() {
        assert_eq!(parse_user("05.09.2026"), Some(d("2026-09-05")));
        assert_eq!(parse_user("2026-09-05"), Some(d("2026-09-05")));
        for bad in
            ["30.02.2026", "2026-02-30", "5.9.2026", "05.09.26", "05/09/2026", "+5.09.2026", "05.09.+026"]
        {
            assert_eq!(parse_user(bad), None, "{bad}");
        }
    }

    #[test]
    fn parse_iso_is_strict() {
        assert!(parse_iso("2026-02-30").is_none());
        assert!(parse_iso("2026-2-3").is_none());
        assert_eq!(parse_iso("2026-02-28"), Some(d("2026-02-28")));
    }
}
