//! A child (or young person) on the centre's list: `children/<id>.toml`.

use serde::{Deserialize, Serialize};

use super::date::{self, Date};
use super::enums::{Category, ClosureReason, GoalArea, Placement, Sex, Weekday};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Child {
    pub id: String,
    pub surname: String,
    pub given_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patronymic: Option<String>,
    #[serde(deserialize_with = "date::de", serialize_with = "date::ser")]
    pub birth_date: Date,
    pub sex: Sex,
    pub category: Category,
    pub placement: Placement,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution: Option<String>,
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub studying_until: Option<Date>,
    pub community: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement: Option<String>,
    /// Where the child actually lives (the agreement's particulars), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    pub languages: Vec<String>,
    #[serde(default)]
    pub interests: Vec<String>,
    #[serde(default)]
    pub goal_areas: Vec<GoalArea>,
    /// Weekdays the child can meet a mentor; empty (the default) means any day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<Weekday>,
    #[serde(deserialize_with = "date::de", serialize_with = "date::ser")]
    pub registered_on: Date,
    /// An established disability (дитина з інвалідністю): `true` or `false`; absent means not
    /// recorded. Counted by `report --by disability`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disability: Option<bool>,
    /// A code the centre gives a family so that siblings are counted as one family in the
    /// reports (`families_served`); an ID such as `f-0007`, never a surname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default)]
    pub preferences: Preferences,
    #[serde(default)]
    pub consent: Consent,
    #[serde(default)]
    pub assessment: Assessment,
    /// The decision that gave the child the status of an orphan or a child deprived of
    /// parental care (the agreement cites it).
    #[serde(default, skip_serializing_if = "StatusDecision::is_empty")]
    pub status_decision: StatusDecision,
    /// The child's case closed (знято з обліку): the service ended for them (`child close`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<CaseClosure>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatusDecision {
    /// Who decided: «виконавчий комітет … міської ради», «… районна державна адміністрація».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
}

impl StatusDecision {
    pub fn is_empty(&self) -> bool {
        self.authority.is_none() && self.date.is_none() && self.number.is_none()
    }
}

/// Why and when a child's case was closed.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CaseClosure {
    #[serde(deserialize_with = "date::de", serialize_with = "date::ser")]
    pub date: Date,
    pub reason: ClosureReason,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentor_sex: Option<Sex>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub child: Option<Date>,
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_representative_name: Option<String>,
    /// The document the legal representative acts on (a decision appointing the guardian,
    /// an order, a birth certificate), as the agreement cites it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_representative_authority: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl Child {
    /// The case was closed on or before `on`.
    pub fn closed_by(&self, on: Date) -> bool {
        self.closed.as_ref().is_some_and(|c| c.date <= on)
    }

    /// "Surname Given Patronymic", the Ukrainian official order.
    pub fn full_name(&self) -> String {
        super::full_name(&self.surname, &self.given_name, self.patronymic.as_deref())
    }
}
