//! The score of a feasible pair: a weighted sum of named, explainable factors, in integer
//! milli-points so that the solver's ties are exact and totals add up to the last digit.

use crate::record::config::Weights;
use crate::record::date::Date;
use crate::record::enums::{GoalArea, Weekday};
use crate::record::{Child, Mentor};

/// One thousandth of a point: the unit of every score the solver sees.
pub const MILLI: i64 = 1000;

/// The factors, in the order they are reported (JSON keys, CSV columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Factor {
    Interests,
    GoalAreas,
    Settlement,
    Availability,
    Waiting,
}

impl Factor {
    pub const ALL: [Factor; 5] =
        [Factor::Interests, Factor::GoalAreas, Factor::Settlement, Factor::Availability, Factor::Waiting];

    /// Stable English name: the JSON key and CSV column, and the `[matching.weights]` key.
    pub fn name(self) -> &'static str {
        match self {
            Factor::Interests => "interests",
            Factor::GoalAreas => "goal_areas",
            Factor::Settlement => "settlement",
            Factor::Availability => "availability",
            Factor::Waiting => "waiting",
        }
    }

    fn weight(self, weights: &Weights) -> f64 {
        match self {
            Factor::Interests => weights.interests,
            Factor::GoalAreas => weights.goal_areas,
            Factor::Settlement => weights.settlement,
            Factor::Availability => weights.availability,
            Factor::Waiting => weights.waiting,
        }
    }
}

/// The weights in milli-points per unit, checked once: a negative or absurd weight would break
/// the solver's assumption that every score is a non-negative integer of sane size.
#[derive(Clone, Copy, Debug)]
pub struct MilliWeights([i64; 5]);

impl MilliWeights {
    /// `Err(name)` for the first weight that is negative, not a number or above a million.
    pub fn new(weights: &Weights) -> Result<MilliWeights, &'static str> {
        let mut milli = [0; 5];
        for (slot, factor) in milli.iter_mut().zip(Factor::ALL) {
            let weight = factor.weight(weights);
            if !weight.is_finite() || !(0.0..=1e6).contains(&weight) {
                return Err(factor.name());
            }
            *slot = (weight * MILLI as f64).round() as i64;
        }
        Ok(MilliWeights(milli))
    }

    pub fn of(&self, factor: Factor) -> i64 {
        self.0[factor as usize]
    }
}

/// What the score of a person depends on, normalised once (lower-case, sorted, bit sets) so
/// that comparing a pair costs a few merges and bit operations.
#[derive(Clone, Debug)]
pub struct Profile {
    pub interests: Vec<String>,
    pub languages: Vec<String>,
    pub goals: u8,
    pub days: u8,
    pub settlement: Option<String>,
    pub waited_days: i64,
}

const ALL_DAYS: u8 = 0b111_1111;

fn normalised(items: &[String]) -> Vec<String> {
    let mut items: Vec<String> =
        items.iter().map(|item| item.trim().to_lowercase()).filter(|item| !item.is_empty()).collect();
    items.sort_unstable();
    items.dedup();
    items
}

fn goal_bits(areas: &[GoalArea]) -> u8 {
    areas.iter().fold(0, |bits, area| bits | 1 << (*area as u8))
}

fn day_bits(days: &[Weekday]) -> u8 {
    days.iter().fold(0, |bits, day| bits | 1 << (*day as u8))
}

impl Profile {
    pub fn of_child(child: &Child, on: Date) -> Profile {
        Profile {
            interests: normalised(&child.interests),
            languages: normalised(&child.languages),
            goals: goal_bits(&child.goal_areas),
            // A child whose days are not recorded is taken to be free any day.
            days: if child.availability.is_empty() { ALL_DAYS } else { day_bits(&child.availability) },
            settlement: child.settlement.as_deref().map(|s| s.trim().to_lowercase()),
            waited_days: (on - child.registered_on).num_days().max(0),
        }
    }

    pub fn of_mentor(mentor: &Mentor) -> Profile {
        Profile {
            interests: normalised(&mentor.interests),
            languages: normalised(&mentor.languages),
            goals: goal_bits(&mentor.goal_areas),
            // A mentor offers only the days they named.
            days: day_bits(&mentor.availability),
            settlement: mentor.settlement.as_deref().map(|s| s.trim().to_lowercase()),
            waited_days: 0,
        }
    }

    pub fn same_settlement(&self, other: &Profile) -> bool {
        matches!((&self.settlement, &other.settlement), (Some(a), Some(b)) if a == b)
    }
}

/// Items of two sorted, de-duplicated lists found in both.
pub fn common<'a>(a: &'a [String], b: &[String]) -> impl Iterator<Item = &'a String> {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(&a[i - 1]);
                }
            }
        }
        None
    })
}

/// How many units of each factor a pair has (shared interests, areas, 0/1 settlement, days,
/// days waited); the points are these times the weights.
pub fn units(child: &Profile, mentor: &Profile) -> [i64; 5] {
    [
        common(&child.interests, &mentor.interests).count() as i64,
        (child.goals & mentor.goals).count_ones() as i64,
        i64::from(child.same_settlement(mentor)),
        (child.days & mentor.days).count_ones() as i64,
        child.waited_days,
    ]
}

/// Each factor's contribution in milli-points. Waiting counts per 30 days, rounded to the
/// nearest milli-point, so a day's wait still separates two otherwise equal children.
pub fn factors(child: &Profile, mentor: &Profile, weights: &MilliWeights) -> [i64; 5] {
    let units = units(child, mentor);
    let mut points = [0; 5];
    for (k, factor) in Factor::ALL.into_iter().enumerate() {
        let weight = weights.of(factor);
        points[k] = match factor {
            Factor::Waiting => (weight * units[k] + 15) / 30,
            _ => weight * units[k],
        };
    }
    points
}

/// The pair's score in milli-points.
pub fn score(child: &Profile, mentor: &Profile, weights: &MilliWeights) -> i64 {
    factors(child, mentor, weights).iter().sum()
}

/// Milli-points as a JSON number with at most three decimals.
pub fn points(milli: i64) -> f64 {
    milli as f64 / MILLI as f64
}

/// Milli-points as text: `14.5`, `0.333`, `6`.
pub fn points_text(milli: i64) -> String {
    let sign = if milli < 0 { "-" } else { "" };
    let (whole, frac) = (milli.abs() / MILLI, milli.abs() % MILLI);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        let frac = format!("{frac:03}");
        format!("{sign}{whole}.{}", frac.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(interests: &[&str], goals: u8, days: u8, settlement: Option<&str>, waited: i64) -> Profile {
        Profile {
            interests: normalised(&interests.iter().map(|s| s.to_string()).collect::<Vec<_>>()),
            languages: vec!["uk".into()],
            goals,
            days,
            settlement: settlement.map(str::to_string),
            waited_days: waited,
        }
    }

    #[test]
    fn interests_are_compared_case_insensitively() {
        let child = profile(&["Football", "drawing", " IT "], 0, 0, None, 0);
        let mentor = profile(&["football", "it", "Chess"], 0, 0, None, 0);
        let shared: Vec<&String> = common(&child.interests, &mentor.interests).collect();
        assert_eq!(shared, ["football", "it"]);
    }

    #[test]
    fn factors_are_units_times_weights_in_milli_points() {
        let weights = MilliWeights::new(&Weights::default()).unwrap();
        let child = profile(&["football"], 0b11, ALL_DAYS, Some("житомир"), 45);
        let mentor = profile(&["football"], 0b01, 0b110_0000, Some("житомир"), 0);
        // 1 interest × 3, 1 area × 4, settlement 2, 2 days × 0.5, 45 days / 30 × 1.
        assert_eq!(factors(&child, &mentor, &weights), [3000, 4000, 2000, 1000, 1500]);
        assert_eq!(score(&child, &mentor, &weights), 11_500);
    }

    #[test]
    fn negative_weights_are_refused() {
        let weights = Weights { settlement: -1.0, ..Weights::default() };
        assert_eq!(MilliWeights::new(&weights).unwrap_err(), "settlement");
    }

    #[test]
    fn points_print_with_at_most_three_decimals() {
        assert_eq!(points_text(14_500), "14.5");
        assert_eq!(points_text(333), "0.333");
        assert_eq!(points_text(6000), "6");
        assert_eq!(points_text(50), "0.05");
    }
}
