//! A region: several centres' registries in one report. Each centre is named by its ЄДРПОУ
//! (never by a name); a registry that fails `check` is listed with its error count and left
//! out of the totals, never merged silently. Totals add counts, take the longest of the
//! longest waits, and weigh means and shares by what they are taken over.

use std::collections::BTreeMap;

use crate::registry::Registry;

use super::breakdown::{self, Dimension, Group};
use super::monthly::{Indicator, Key};
use super::period::Period;

/// One centre of the region: read and valid, or failing `check`.
pub enum Member<'a> {
    Valid { centre: String, registry: &'a Registry },
    Invalid { centre: String, errors: usize },
}

/// The rows of the consolidated report, in order: for each centre its groups then its total
/// (or, for an invalid one, only `invalid` with its error count), then the region's groups
/// and the region's total. `centre` is `None` in the region's own rows.
pub struct Row {
    pub centre: Option<String>,
    /// `None`: the total over every group.
    pub group: Option<Vec<String>>,
    pub indicators: Vec<Indicator>,
}

pub enum Line {
    Figures(Row),
    Invalid { centre: String, errors: usize },
}

pub fn consolidate(
    members: &[Member],
    period: Period,
    dimensions: &[Dimension],
    extended: bool,
) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut group_parts: BTreeMap<Vec<String>, Vec<Vec<Indicator>>> = BTreeMap::new();
    let mut totals: Vec<Vec<Indicator>> = Vec::new();
    for member in members {
        match member {
            Member::Invalid { centre, errors } => {
                lines.push(Line::Invalid { centre: centre.clone(), errors: *errors });
            }
            Member::Valid { centre, registry } => {
                let (groups, total) = breakdown::breakdown(registry, period, dimensions, extended);
                for Group { values, indicators } in groups {
                    group_parts.entry(values.clone()).or_default().push(indicators.clone());
                    lines.push(Line::Figures(Row {
                        centre: Some(centre.clone()),
                        group: Some(values),
                        indicators,
                    }));
                }
                totals.push(total.clone());
                lines.push(Line::Figures(Row {
                    centre: Some(centre.clone()),
                    group: None,
                    indicators: total,
                }));
            }
        }
    }
    for (values, parts) in group_parts {
        lines.push(Line::Figures(Row { centre: None, group: Some(values), indicators: combine(&parts) }));
    }
    lines.push(Line::Figures(Row { centre: None, group: None, indicators: combine(&totals) }));
    lines
}

/// Indicator by indicator, over parts that may lack some (a group without mentors).
fn combine(parts: &[Vec<Indicator>]) -> Vec<Indicator> {
    let mut keys: Vec<Key> = Vec::new();
    for part in parts {
        for indicator in part {
            if !keys.contains(&indicator.key) {
                keys.push(indicator.key);
            }
        }
    }
    keys.into_iter()
        .map(|key| {
            let found: Vec<&Indicator> =
                parts.iter().filter_map(|p| p.iter().find(|i| i.key == key)).collect();
            Indicator::combine(key, &found)
        })
        .collect()
}
