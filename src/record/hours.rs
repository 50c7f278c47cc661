//! Hours as users write them (`hours = 1.5`), kept inside as whole minutes so that sums are
//! exact: three meetings of 1.2 + 1.4 + 1.4 hours are 240 minutes, which meets a 4-hour norm,
//! where the same sum in floating point falls short by a rounding error.
//!
//! A value must be finite, not negative, at most [`MAX_HOURS`], and a whole number of minutes
//! (0.25 h is 15 minutes; 0.33 h is refused rather than silently rounded, so the file always
//! says exactly what is counted).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Far above any monthly norm or training course; keeps every sum far from overflow.
pub const MAX_HOURS: u32 = 10_000;

/// A duration in whole minutes, read and written as a number of hours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Minutes(pub u32);

impl Minutes {
    pub const ZERO: Minutes = Minutes(0);

    pub fn from_hours_whole(hours: u32) -> Minutes {
        Minutes(hours.saturating_mul(60))
    }

    /// The minutes of `hours`, or why not: not finite, negative, too large, or not a whole
    /// number of minutes.
    pub fn from_hours(hours: f64) -> Result<Minutes, String> {
        if !hours.is_finite() {
            return Err(format!("{hours} is not a number of hours"));
        }
        if !(0.0..=f64::from(MAX_HOURS)).contains(&hours) {
            return Err(format!("{hours} hours is outside 0..={MAX_HOURS}"));
        }
        let minutes = hours * 60.0;
        let whole = minutes.round();
        // Decimal fractions such as 1.2 are not exact in binary; a millionth of a minute is
        // representation noise, anything more is a value that is not whole minutes.
        if (minutes - whole).abs() > 1e-6 {
            return Err(format!("{hours} hours is not a whole number of minutes"));
        }
        Ok(Minutes(whole as u32))
    }

    pub fn hours(self) -> f64 {
        f64::from(self.0) / 60.0
    }
}

/// One contact lasts more than nothing and at most a day.
pub fn contact_hours_ok(time: Minutes) -> bool {
    Minutes::ZERO < time && time <= Minutes::from_hours_whole(24)
}

impl std::ops::Add for Minutes {
    type Output = Minutes;
    fn add(self, other: Minutes) -> Minutes {
        Minutes(self.0.saturating_add(other.0))
    }
}

impl std::iter::Sum for Minutes {
    fn sum<I: Iterator<Item = Minutes>>(iter: I) -> Minutes {
        iter.fold(Minutes::ZERO, |a, b| a + b)
    }
}

impl std::fmt::Display for Minutes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", format_number(self.hours()))
    }
}

impl Serialize for Minutes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.hours())
    }
}

impl<'de> Deserialize<'de> for Minutes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Minutes, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Minutes;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "a number of hours in whole minutes, 0..={MAX_HOURS}, like 1.5")
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Minutes, E> {
                Minutes::from_hours(v).map_err(|why| E::custom(format!("invalid value: {why}")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Minutes, E> {
                match u32::try_from(v) {
                    Ok(h) if h <= MAX_HOURS => Ok(Minutes::from_hours_whole(h)),
                    _ => Err(E::custom(format!("invalid value: {v} hours is outside 0..={MAX_HOURS}"))),
                }
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Minutes, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Numbers with `.` as decimal separator and no thousands separators, without float noise.
pub fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        let text = format!("{x:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_hours_sum_exactly() {
        let sum: Minutes = [1.2, 1.4, 1.4].into_iter().map(|h| Minutes::from_hours(h).unwrap()).sum();
        assert_eq!(sum, Minutes::from_hours_whole(4));
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in [f64::NAN, f64::INFINITY, -1.0, 1e308, 0.33] {
            assert!(Minutes::from_hours(bad).is_err(), "{bad}");
        }
        assert_eq!(Minutes::from_hours(0.25), Ok(Minutes(15)));
    }
}
