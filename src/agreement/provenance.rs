//! Provenance: the exact record data an agreement document is rendered from, its hash, and
//! which field changed since signing. The document shows the hash; signing stores it.
//!
//! What is hashed: the fields the document prints (agreement terms, the centre, institution,
//! mentor and child details, consents, the parties the regime requires), as canonical JSON
//! (keys sorted). Not hashed: status, signatures and `signed_on` (the paper is printed, and
//! its hash read, *before* it is signed), the contact log, suspensions and closure.
//!
//! `signed_fields` keeps one 8-hex digest per field rather than the values themselves: verify
//! can name the field that changed, the agreement file holds no second copy of personal data,
//! and it works without git (`[git] commit = false`); the old value is in `git log`.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::Parties;
use crate::record::config::Config;
use crate::record::enums::GoalArea;
use crate::record::{Agreement, Kind};

/// Field path (`child.surname`) → value, in key order.
pub type Snapshot = BTreeMap<String, Value>;

/// The fields of the records that the agreement document prints.
pub fn snapshot(agreement: &Agreement, parties: &Parties, config: &Config) -> Snapshot {
    let (centre, child, mentor, institution) =
        (&config.centre, &parties.child, &parties.mentor, &parties.institution);
    let date = |d: Option<crate::record::Date>| d.map_or(Value::Null, |d| json!(d.to_string()));
    // Aliases (`profession`) are read as the task they stand for, in the order of the law.
    let goals: Vec<&str> =
        GoalArea::ALL.iter().filter(|g| child.goal_areas.contains(g)).map(|g| g.as_str()).collect();
    let parties_required: Vec<&str> =
        super::required_parties(agreement, config).iter().map(|p| p.as_str()).collect();
    let fields: Vec<(&str, Value)> = vec![
        ("agreement.id", json!(agreement.id)),
        ("agreement.number", json!(agreement.number)),
        ("agreement.regime", json!(agreement.regime.as_str())),
        ("agreement.proposed_on", date(Some(agreement.proposed_on))),
        ("agreement.ends_on", date(agreement.ends_on)),
        ("agreement.hours_per_month", json!(agreement.hours_per_month)),
        ("agreement.child", json!(agreement.child)),
        ("agreement.mentor", json!(agreement.mentor)),
        ("agreement.parties", json!(parties_required)),
        ("centre.name", json!(centre.name)),
        ("centre.address", json!(centre.address)),
        ("centre.phone", json!(centre.phone)),
        ("centre.director", json!(centre.director)),
        ("centre.edrpou", json!(centre.edrpou)),
        ("centre.community", json!(centre.community)),
        ("mentor.surname", json!(mentor.surname)),
        ("mentor.given_name", json!(mentor.given_name)),
        ("mentor.patronymic", json!(mentor.patronymic)),
        ("mentor.birth_date", date(Some(mentor.birth_date))),
        ("mentor.sex", json!(mentor.sex.as_str())),
        ("mentor.settlement", json!(mentor.settlement)),
        ("mentor.community", json!(mentor.community)),
        ("mentor.phone", json!(mentor.phone)),
        ("mentor.email", json!(mentor.email)),
        ("mentor.conclusion.number", json!(mentor.conclusion.number)),
        ("mentor.conclusion.issued_on", date(mentor.conclusion.issued_on)),
        ("child.surname", json!(child.surname)),
        ("child.given_name", json!(child.given_name)),
        ("child.patronymic", json!(child.patronymic)),
        ("child.birth_date", date(Some(child.birth_date))),
        ("child.category", json!(child.category.as_str())),
        ("child.goal_areas", json!(goals)),
        ("child.studying_until", date(child.studying_until)),
        ("child.consent.child", date(child.consent.child)),
        ("child.consent.legal_representative", date(child.consent.legal_representative)),
        ("child.consent.legal_representative_name", json!(child.consent.legal_representative_name)),
    ];
    // An agreement without an institution (a family child, docs/rules.md) has none of its
    // fields, rather than nulls; one with it hashes as it always did.
    let institution_fields: Vec<(&str, Value)> = match institution {
        Some(institution) => vec![
            ("agreement.institution", json!(agreement.institution)),
            ("institution.name", json!(institution.name)),
            ("institution.kind", json!(institution.kind.as_str())),
            ("institution.address", json!(institution.address)),
            ("institution.director", json!(institution.director)),
            ("institution.edrpou", json!(institution.edrpou)),
        ],
        None => Vec::new(),
    };
    // The particulars added later (identity, addresses, authorities, the status decision) join
    // the snapshot only when set, so documents signed before they existed keep their hash.
    let particulars: Vec<(&str, Value)> = vec![
        ("centre.authority", json!(centre.authority)),
        ("centre.settlement", json!(centre.settlement)),
        ("institution.authority", json!(institution.as_ref().and_then(|i| i.authority.as_ref()))),
        ("mentor.registered_address", json!(mentor.registered_address)),
        ("mentor.identity_document.kind", json!(mentor.identity_document.kind)),
        ("mentor.identity_document.number", json!(mentor.identity_document.number)),
        ("mentor.identity_document.issued_by", json!(mentor.identity_document.issued_by)),
        ("mentor.identity_document.issued_on", date(mentor.identity_document.issued_on)),
        ("child.address", json!(child.address)),
        ("child.consent.legal_representative_authority", json!(child.consent.legal_representative_authority)),
        ("child.status_decision.authority", json!(child.status_decision.authority)),
        ("child.status_decision.date", date(child.status_decision.date)),
        ("child.status_decision.number", json!(child.status_decision.number)),
    ];
    let set = particulars.into_iter().filter(|(_, value)| !value.is_null());
    fields
        .into_iter()
        .chain(institution_fields)
        .chain(set)
        .map(|(key, value)| (key.to_string(), value))
        .collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The provenance hash: the first 12 hex digits of SHA-256 of the snapshot's canonical JSON
/// (48 bits: a chance change going unnoticed is one in 2.8·10^14).
pub fn hash(snapshot: &Snapshot) -> String {
    let canonical = serde_json::to_string(snapshot).expect("JSON values serialize");
    sha256_hex(canonical.as_bytes())[..12].to_string()
}

/// One field's digest for `signed_fields` (the key is part of it, so equal values of
/// different fields do not look alike).
pub fn field_digests(snapshot: &Snapshot) -> BTreeMap<String, String> {
    snapshot
        .iter()
        .map(|(key, value)| {
            let text = format!("{key}\0{}", serde_json::to_string(value).expect("JSON values serialize"));
            (key.clone(), sha256_hex(text.as_bytes())[..8].to_string())
        })
        .collect()
}

/// A field that differs from what was signed: the file holding it and the key in that file.
#[derive(Clone, Debug, PartialEq)]
pub struct Changed {
    pub file: String,
    pub field: String,
}

/// The fields whose digest differs from `signed` (or that appeared or disappeared).
pub fn changed_fields(agreement: &Agreement, snapshot: &Snapshot) -> Vec<Changed> {
    let now = field_digests(snapshot);
    let mut keys: Vec<&String> = now.keys().chain(agreement.signed_fields.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|key| now.get(*key) != agreement.signed_fields.get(*key))
        .map(|key| locate(agreement, key))
        .collect()
}

/// Where a snapshot field lives: `child.surname` → `children/c-0001.toml`, `surname`.
fn locate(agreement: &Agreement, key: &str) -> Changed {
    let (record, field) = key.split_once('.').unwrap_or((key, ""));
    let file = |kind: Kind, id: &str| format!("{}/{id}.toml", kind.dir());
    let (file, field) = match record {
        "child" => (file(Kind::Child, &agreement.child), field.to_string()),
        "mentor" => (file(Kind::Mentor, &agreement.mentor), field.to_string()),
        "institution" => {
            (file(Kind::Institution, agreement.institution.as_deref().unwrap_or_default()), field.to_string())
        }
        "centre" => (crate::registry::CONFIG_FILE.to_string(), format!("centre.{field}")),
        _ if field == "parties" => (
            crate::registry::CONFIG_FILE.to_string(),
            format!("rules.{}.required_signatures", agreement.regime.as_str()),
        ),
        _ => (file(Kind::Agreement, &agreement.id), field.to_string()),
    };
    Changed { file, field }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_depends_on_every_value_and_not_on_insertion_order() {
        let mut a = Snapshot::new();
        a.insert("child.surname".into(), json!("Коваленко"));
        a.insert("agreement.id".into(), json!("a-0001"));
        let mut b = Snapshot::new();
        b.insert("agreement.id".into(), json!("a-0001"));
        b.insert("child.surname".into(), json!("Коваленко"));
        assert_eq!(hash(&a), hash(&b));
        assert_eq!(hash(&a).len(), 12);
        b.insert("child.surname".into(), json!("Коваленко-Сидоренко"));
        assert_ne!(hash(&a), hash(&b));
        let (before, after) = (field_digests(&a), field_digests(&b));
        let changed: Vec<&String> =
            before.iter().filter(|(k, v)| after.get(*k) != Some(*v)).map(|(k, _)| k).collect();
        assert_eq!(changed, ["child.surname"]);
    }
}
