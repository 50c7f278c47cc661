//! A volunteer mentor or candidate: `mentors/<id>.toml`.

use serde::{Deserialize, Serialize};

use super::date::{self, Date};
use super::enums::{Disqualification, GoalArea, MentorStatus, Sex, Weekday};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mentor {
    pub id: String,
    pub surname: String,
    pub given_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patronymic: Option<String>,
    #[serde(deserialize_with = "date::de", serialize_with = "date::ser")]
    pub birth_date: Date,
    pub sex: Sex,
    pub citizenship: String,
    pub legal_capacity: bool,
    pub community: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement: Option<String>,
    /// The registered address (зареєстроване місце проживання) the agreement prints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub languages: Vec<String>,
    #[serde(default)]
    pub interests: Vec<String>,
    #[serde(default)]
    pub goal_areas: Vec<GoalArea>,
    #[serde(default)]
    pub availability: Vec<Weekday>,
    pub capacity: u32,
    /// IDs of children (`c-…`) or institutions (`i-…`) the mentor has a conflict of interest
    /// with — a relative, the mentor's employer or pupils: matching never pairs the mentor with
    /// that child or any child of that institution (`[matching] exclude_conflict_of_interest`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
    #[serde(deserialize_with = "date::de", serialize_with = "date::ser")]
    pub applied_on: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MentorStatus>,
    #[serde(default)]
    pub documents: Documents,
    #[serde(default)]
    pub training: Training,
    #[serde(default)]
    pub conclusion: Conclusion,
    #[serde(default)]
    pub screening: Screening,
    /// The identity document the agreement cites (a passport copy date alone does not say which).
    #[serde(default, skip_serializing_if = "IdentityDocument::is_empty")]
    pub identity_document: IdentityDocument,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityDocument {
    /// «паспорт громадянина України у формі ID-картки», «паспорт громадянина України».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Series and number as printed («ВМ 123456», «001234567»).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_by: Option<String>,
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub issued_on: Option<Date>,
}

impl IdentityDocument {
    pub fn is_empty(&self) -> bool {
        self.kind.is_none() && self.number.is_none() && self.issued_by.is_none() && self.issued_on.is_none()
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Documents {
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub passport_copy: Option<Date>,
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub medical_certificate: Option<Date>,
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub criminal_record_certificate: Option<Date>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub completed_on: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<super::hours::Minutes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Conclusion {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub issued_on: Option<Date>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Screening {
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub checked_on: Option<Date>,
    #[serde(default)]
    pub disqualifications: Vec<Disqualification>,
}

impl Mentor {
    pub fn full_name(&self) -> String {
        super::full_name(&self.surname, &self.given_name, self.patronymic.as_deref())
    }

    /// `status` absent means active: the field holds manual overrides only.
    pub fn status(&self) -> MentorStatus {
        self.status.unwrap_or(MentorStatus::Active)
    }
}
