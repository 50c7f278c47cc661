//! Dates as days since 1970-01-01 (0 = "none"; no real date here is that old).

use crate::rng::Rng;

pub(crate) type Date = i32;
pub(crate) const NONE: Date = 0;

pub(crate) fn days_from_civil(y: i32, m: u32, d: u32) -> Date {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as i64;
    let mp = ((m + 9) % 12) as i64;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era as i64 * 146097 + doe - 719468) as Date
}

pub(crate) fn civil_from_days(z: Date) -> (i32, u32, u32) {
    let z = z as i64 + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

pub(crate) fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Same day n years later/earlier; 29 February becomes 28 February.
pub(crate) fn add_years(d: Date, n: i32) -> Date {
    let (y, m, dd) = civil_from_days(d);
    let ny = y + n;
    let dd = if m == 2 && dd == 29 && !is_leap(ny) { 28 } else { dd };
    days_from_civil(ny, m, dd)
}

pub(crate) fn age_on(birth: Date, on: Date) -> i32 {
    let (by, bm, bd) = civil_from_days(birth);
    let (y, m, d) = civil_from_days(on);
    y - by - if (m, d) < (bm, bd) { 1 } else { 0 }
}

/// A birth date giving an age in amin..=amax on `on`.
pub(crate) fn birth_for_age(r: &mut Rng, on: Date, amin: i32, amax: i32) -> Date {
    let lo = add_years(on, -(amax + 1)) + 1;
    let hi = add_years(on, -amin);
    r.range(lo as i64, hi as i64) as Date
}

pub(crate) struct Ds(pub(crate) Date);
impl std::fmt::Display for Ds {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let (y, m, d) = civil_from_days(self.0);
        write!(f, "{:04}-{:02}-{:02}", y, m, d)
    }
}
