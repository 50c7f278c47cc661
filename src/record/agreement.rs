//! A mentoring agreement with its signatures, re-conclusions, contact log and closure:
//! `agreements/<id>.toml`.
//!
//! Optional fields beyond docs/schema.md (added by the agreements issue):
//! - `[signed_fields]`: one short digest per record field the signed document was rendered
//!   from (`"child.surname" = "9f2c01ab"`), written with `signed_hash` when an agreement is
//!   signed, so `agreement verify` can name the field that changed without keeping a second
//!   copy of the personal data;
//! - `contacts[].consents`: for an `outing`, who consented (`child`, `legal_representative`,
//!   `institution`; docs/rules.md, the agreement requires all three).
//!
//! Added by the life-cycle issue (#12):
//! - `renews`: the agreement this one re-concludes (a new act for a new institution or a longer
//!   term); the old one closes as `reconcluded` on the day this one becomes active;
//! - `parties`: who must sign, fixed when the agreement is proposed and again on each
//!   signature (the regime and the child's age on the day of conclusion decide); absent in
//!   older files, where the regime's `required_signatures` apply;
//! - `signatures.young_person`: a young person of 18–23 signs for themselves;
//! - `institution` optional: a child in a family placement under a regime that lets the
//!   institution go (the 2026 law's tripartite agreement) may have none.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::date::{self, Date};
use super::enums::{AgreementStatus, ClosureReason, ConsentParty, ContactKind, Party, Regime};
use super::hours::Minutes;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub child: String,
    pub mentor: String,
    /// Absent where the law lets the agreement go without one: a child in a family placement
    /// under a regime with `institution_optional_in_family` (docs/rules.md); `check` requires
    /// it everywhere else. Absent, not empty, so the provenance hash of a file that has one
    /// does not change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution: Option<String>,
    /// The agreement this one re-concludes (see the module doc).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renews: Option<String>,
    /// Who must sign (see the module doc); empty: the regime's `required_signatures`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Party>,
    pub regime: Regime,
    pub status: AgreementStatus,
    #[serde(deserialize_with = "date::de", serialize_with = "date::ser")]
    pub proposed_on: Date,
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub signed_on: Option<Date>,
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub ends_on: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_month: Option<Minutes>,
    /// Provenance hash of the record data the agreement was signed on (see `agreement verify`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_hash: Option<String>,
    /// Per-field digests of what was signed (field path → short digest), see the module doc.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub signed_fields: BTreeMap<String, String>,
    #[serde(default)]
    pub signatures: Signatures,
    #[serde(default)]
    pub suspensions: Vec<Suspension>,
    #[serde(default)]
    pub renewals: Vec<Renewal>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closure: Option<Closure>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signatures {
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub centre: Option<Date>,
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub institution: Option<Date>,
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub mentor: Option<Date>,
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative: Option<Date>,
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub young_person: Option<Date>,
}

impl Signatures {
    pub fn get(&self, party: Party) -> Option<Date> {
        match party {
            Party::Centre => self.centre,
            Party::Institution => self.institution,
            Party::Mentor => self.mentor,
            Party::LegalRepresentative => self.legal_representative,
            Party::YoungPerson => self.young_person,
        }
    }
}

/// A period the agreement was suspended (children's services, when the child is at risk).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Suspension {
    #[serde(deserialize_with = "date::de", serialize_with = "date::ser")]
    pub date: Date,
    pub reason: String,
    #[serde(
        default,
        deserialize_with = "date::de_opt",
        serialize_with = "date::ser_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub resumed_on: Option<Date>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    #[serde(deserialize_with = "date::de", serialize_with = "date::ser")]
    pub date: Date,
    pub from_institution: String,
    pub to_institution: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(deserialize_with = "date::de", serialize_with = "date::ser")]
    pub date: Date,
    pub kind: ContactKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Minutes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who consented to an outing (docs/rules.md, the agreement: the child, the legal representative and the
    /// institution).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consents: Vec<ConsentParty>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    #[serde(deserialize_with = "date::de", serialize_with = "date::ser")]
    pub date: Date,
    pub reason: ClosureReason,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_interview: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The parties that must sign `agreement`: its own `parties`, else (older files) its
/// regime's `required_signatures`.
pub fn required_parties(agreement: &Agreement, config: &Config) -> Vec<Party> {
    if agreement.parties.is_empty() {
        config.rules.params(agreement.regime).required_signatures.clone()
    } else {
        agreement.parties.clone()
    }
}

/// The parties the agreement's regime requires that have not signed yet.
pub fn missing_signatures(agreement: &Agreement, config: &Config) -> Vec<Party> {
    required_parties(agreement, config)
        .into_iter()
        .filter(|party| agreement.signatures.get(*party).is_none())
        .collect()
}

/// The date the last required signature was given (`signed_on` once all are in).
pub fn last_signature(agreement: &Agreement, config: &Config) -> Option<Date> {
    required_parties(agreement, config).iter().filter_map(|p| agreement.signatures.get(*p)).max()
}

/// The date the document carries: the last signature once all are in, else the latest
/// signature so far, else the proposal. The child's age, and so the wording, is taken on it.
pub fn document_date(agreement: &Agreement, config: &Config) -> Date {
    last_signature(agreement, config).unwrap_or(agreement.proposed_on).max(agreement.proposed_on)
}

/// Whether the agreement is about a young person (18 or older on the document's date): an
/// adult has full civil capacity (Civil Code art. 34), signs for themselves and has no legal
/// representative.
pub fn is_young_person(agreement: &Agreement, config: &Config, birth: Date) -> bool {
    date::age_on(birth, document_date(agreement, config)) >= 18
}

/// Who must consent to an outing under `agreement`: the child, the legal representative and,
/// where the agreement has one, the institution (a child in a family has none to ask).
pub fn outing_consents_needed(agreement: &Agreement) -> Vec<ConsentParty> {
    ConsentParty::ALL
        .iter()
        .copied()
        .filter(|p| *p != ConsentParty::Institution || agreement.institution.is_some())
        .collect()
}
