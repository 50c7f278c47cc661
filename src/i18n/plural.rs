//! Plural forms. Ukrainian has three for whole numbers (CLDR): *one* (1, 21, 31 …, not 11),
//! *few* (2–4, 22–24 …, not 12–14) and *many* (0, 5–20, 25–30 …); English has two.

/// `n` followed by the Ukrainian word in the form the number asks for:
/// `uk(5, "день", "дні", "днів")` → "5 днів".
pub fn uk(n: impl Into<i128>, one: &str, few: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", uk_form(n, one, few, many))
}

/// The Ukrainian form alone, for sentences where the number stands elsewhere.
pub fn uk_form<'a>(n: i128, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let n = n.unsigned_abs();
    match (n % 10, n % 100) {
        (1, rest) if rest != 11 => one,
        (2..=4, rest) if !(12..=14).contains(&rest) => few,
        _ => many,
    }
}

/// `n` followed by the English word, singular for exactly one: `en(2, "day", "days")` → "2 days".
pub fn en(n: impl Into<i128>, one: &str, other: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { other })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_forms_follow_the_last_two_digits() {
        let days = |n: i64| uk(n, "день", "дні", "днів");
        assert_eq!(days(1), "1 день");
        assert_eq!(days(2), "2 дні");
        assert_eq!(days(4), "4 дні");
        assert_eq!(days(5), "5 днів");
        assert_eq!(days(11), "11 днів");
        assert_eq!(days(12), "12 днів");
        assert_eq!(days(14), "14 днів");
        assert_eq!(days(21), "21 день");
        assert_eq!(days(22), "22 дні");
        assert_eq!(days(25), "25 днів");
        assert_eq!(days(0), "0 днів");
        assert_eq!(days(101), "101 день");
        assert_eq!(days(111), "111 днів");
        assert_eq!(days(-1), "-1 день");
    }

    #[test]
    fn english_is_singular_for_one_only() {
        assert_eq!(en(1usize as u64, "pair", "pairs"), "1 pair");
        assert_eq!(en(0u64, "pair", "pairs"), "0 pairs");
        assert_eq!(en(21u64, "pair", "pairs"), "21 pairs");
    }
}
