//! Breakdowns (`--by`): the indicators of a period for each group of children — by
//! community, sex, age band, category, institution or disability, or several at once — and
//! for the whole. An agreement belongs to its child's group; a mentor to the group of their
//! own community or sex, and to none when the grouping describes only children (age band,
//! category, institution, disability): the mentor indicators are then in the total only.

use std::collections::BTreeMap;

use crate::record::date::{Date, age_on};
use crate::record::{Agreement, Child, Mentor};
use crate::registry::Registry;

use super::Occupancy;
use super::monthly::{self, Indicator, Scope};
use super::period::Period;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
    Community,
    Sex,
    AgeBand,
    Category,
    Institution,
    Disability,
}

impl Dimension {
    /// The stable column name.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Community => "community",
            Dimension::Sex => "sex",
            Dimension::AgeBand => "age_band",
            Dimension::Category => "category",
            Dimension::Institution => "institution",
            Dimension::Disability => "disability",
        }
    }

    /// The child's group on `on` (the age band is the age on that day). A value that is not
    /// recorded is `none` (institution) or `unknown` (disability), never an empty cell.
    pub fn of_child(self, child: &Child, on: Date) -> String {
        match self {
            Dimension::Community => child.community.clone(),
            Dimension::Sex => child.sex.as_str().to_string(),
            Dimension::AgeBand => age_band(age_on(child.birth_date, on)).to_string(),
            Dimension::Category => child.category.as_str().to_string(),
            Dimension::Institution => child.institution.clone().unwrap_or_else(|| "none".to_string()),
            Dimension::Disability => match child.disability {
                Some(true) => "yes",
                Some(false) => "no",
                None => "unknown",
            }
            .to_string(),
        }
    }

    /// The mentor's own group, when the dimension is one a mentor has.
    pub fn of_mentor(self, mentor: &Mentor) -> Option<String> {
        match self {
            Dimension::Community => Some(mentor.community.clone()),
            Dimension::Sex => Some(mentor.sex.as_str().to_string()),
            _ => None,
        }
    }
}

/// Age bands of the statistical forms: 0–5, 6–9, 10–13, 14–17, 18–23, 24 and over.
pub fn age_band(age: i32) -> &'static str {
    match age {
        i32::MIN..=5 => "0-5",
        6..=9 => "6-9",
        10..=13 => "10-13",
        14..=17 => "14-17",
        18..=23 => "18-23",
        _ => "24+",
    }
}

/// One group: its value under each dimension, and its indicators.
pub struct Group {
    pub values: Vec<String>,
    pub indicators: Vec<Indicator>,
}

/// The groups (sorted by their values) and the total over the whole registry. With no
/// dimensions there are no groups, only the total.
pub fn breakdown(
    registry: &Registry,
    period: Period,
    dimensions: &[Dimension],
    extended: bool,
) -> (Vec<Group>, Vec<Indicator>) {
    let e = period.end;
    let occupancy = Occupancy::on(registry, e);
    let total = monthly::indicators(&Scope::whole(registry), period, &occupancy, extended);
    if dimensions.is_empty() {
        return (Vec::new(), total);
    }
    type Members<'a> = (Vec<&'a Child>, Vec<&'a Mentor>, Vec<&'a Agreement>);
    let mut groups: BTreeMap<Vec<String>, Members> = BTreeMap::new();
    let of_child =
        |child: &Child| -> Vec<String> { dimensions.iter().map(|d| d.of_child(child, e)).collect() };
    for child in &registry.children {
        groups.entry(of_child(child)).or_default().0.push(child);
    }
    let mentors_grouped = dimensions.iter().all(|d| matches!(d, Dimension::Community | Dimension::Sex));
    if mentors_grouped {
        for mentor in &registry.mentors {
            let values = dimensions.iter().filter_map(|d| d.of_mentor(mentor)).collect();
            groups.entry(values).or_default().1.push(mentor);
        }
    }
    for agreement in &registry.agreements {
        // A valid registry has every agreement's child; one that has not counts nowhere.
        // One without an institution (a family child's, docs/rules.md) counts under `none`
        // by institution, whatever the child's own record says.
        if let Some(child) = registry.child(&agreement.child) {
            let mut values = of_child(child);
            if agreement.institution.is_none() {
                for (value, _) in
                    values.iter_mut().zip(dimensions).filter(|(_, d)| **d == Dimension::Institution)
                {
                    *value = "none".to_string();
                }
            }
            groups.entry(values).or_default().2.push(agreement);
        }
    }
    let groups = groups
        .into_iter()
        .map(|(values, (children, mentors, agreements))| {
            let scope = Scope { registry, children, mentors: mentors_grouped.then_some(mentors), agreements };
            Group { values, indicators: monthly::indicators(&scope, period, &occupancy, extended) }
        })
        .collect();
    (groups, total)
}
