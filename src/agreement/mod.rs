//! The agreement's life (propose, sign, suspend, renew, close: `lifecycle`), its contact log
//! (`contact`), its document and provenance.
//! Reads only the agreement and its parties' files: one transition never loads the registry.

pub mod contact;
pub mod document;
pub mod docx;
pub mod lifecycle;
pub mod provenance;

use std::path::Path;

use crate::diagnostic::Problem;
use crate::error::Failure;
use crate::error::Hint;
use crate::error::{Error, Result};
pub use crate::record::agreement::{last_signature, missing_signatures, required_parties};
use crate::record::config::Config;
use crate::record::date::Date;
use crate::record::enums::{AgreementStatus, Party, Regime};
use crate::record::{Agreement, Child, Institution, Kind, Mentor};
use crate::registry::{self, list_files};

/// The records an agreement names, read from their files.
pub struct Parties {
    pub child: Child,
    pub mentor: Mentor,
    /// None where the agreement has no institution (see `institution_required`).
    pub institution: Option<Institution>,
}

impl Parties {
    pub fn load(root: &Path, child: &str, mentor: &str, institution: Option<&str>) -> Result<Parties> {
        Ok(Parties {
            child: registry::read_record::<Child>(root, Kind::Child, child)?.0,
            mentor: registry::read_record::<Mentor>(root, Kind::Mentor, mentor)?.0,
            institution: institution
                .map(|id| registry::read_record::<Institution>(root, Kind::Institution, id).map(|r| r.0))
                .transpose()?,
        })
    }

    pub fn of(root: &Path, agreement: &Agreement) -> Result<Parties> {
        Parties::load(root, &agreement.child, &agreement.mentor, agreement.institution.as_deref())
    }
}

/// Whether an agreement for `child` on `on` under `regime` must name an institution: always,
/// unless the child lives in a family and the institution is not among the parties who sign
/// (`institution_optional_in_family`, the 2026 law's tripartite agreement).
pub fn institution_required(child: &Child, config: &Config, regime: Regime, on: Date) -> bool {
    !child.placement.is_family() || parties_for(child, config, regime, on).contains(&Party::Institution)
}

/// Open (proposed, active, suspended) agreements whose `field` (`child` or `mentor`) is `id`,
/// other than `except`. Only files mentioning `"id"` are parsed, as `check::referrers` does.
pub fn open_agreements(root: &Path, field: &str, id: &str, except: Option<&str>) -> usize {
    open_agreement_ids(root, field, id, except).len()
}

/// The IDs of the open agreements `open_agreements` counts, in order.
pub fn open_agreement_ids(root: &Path, field: &str, id: &str, except: Option<&str>) -> Vec<String> {
    let quoted = format!("\"{id}\"");
    let (files, _) = list_files(root, Kind::Agreement);
    let open = files
        .iter()
        .filter(|(stem, _)| Some(stem.as_str()) != except)
        .filter_map(|(stem, path)| Some((stem, std::fs::read_to_string(path).ok()?)))
        .filter(|(_, text)| text.contains(&quoted))
        .filter_map(|(stem, text)| Some((stem, toml::from_str::<toml::Table>(&text).ok()?)))
        .filter(|(_, table)| table.get(field).and_then(|v| v.as_str()) == Some(id))
        .filter(|(_, table)| {
            let status = table.get("status").and_then(|v| v.as_str()).and_then(AgreementStatus::parse);
            status.is_some_and(AgreementStatus::is_open)
        })
        .collect::<Vec<_>>();
    // A proposed re-conclusion of an agreement still open is the same match, not another one.
    let ids: Vec<&str> = open.iter().map(|(stem, _)| stem.as_str()).collect();
    open.iter()
        .filter(|(_, table)| {
            let proposed = table.get("status").and_then(|v| v.as_str()) == Some("proposed");
            let renews = table.get("renews").and_then(|v| v.as_str());
            !(proposed && renews.is_some_and(|old| ids.contains(&old)))
        })
        .map(|(stem, _)| (*stem).clone())
        .collect()
}

/// Who must sign an agreement for `child` concluded on `on` under `regime` (`[rules.<r>]`):
/// the regime's `required_signatures`; for a young person of 18 or more, `young_person`
/// instead of `legal_representative` (an adult has full capacity and no legal
/// representative), or added where the regime asks none, if `young_person_signs`; without
/// `institution` where the child lives in a family and `institution_optional_in_family`.
pub fn parties_for(child: &Child, config: &Config, regime: Regime, on: Date) -> Vec<Party> {
    let params = config.rules.params(regime);
    let adult = crate::record::date::age_on(child.birth_date, on) >= params.max_child_age;
    let mut parties: Vec<Party> = params
        .required_signatures
        .iter()
        .copied()
        .filter(|p| !(adult && *p == Party::LegalRepresentative))
        .filter(|p| {
            !(*p == Party::Institution
                && params.institution_optional_in_family
                && child.placement.is_family())
        })
        .collect();
    if adult && params.young_person_signs && !parties.contains(&Party::YoungPerson) {
        parties.push(Party::YoungPerson);
    }
    if !adult {
        parties.retain(|p| *p != Party::YoungPerson);
    }
    parties
}

/// Refuses a transition that would start or continue mentoring for a child or mentor who is
/// not eligible on `on`, naming each failing rule.
pub fn require_eligible(
    root: &Path,
    config: &Config,
    parties: &Parties,
    regime: Regime,
    on: Date,
    except: Option<&str>,
    for_new_match: bool,
) -> Result<()> {
    let rules = &config.rules;
    let child_open = open_agreements(root, "child", &parties.child.id, except);
    let mentor_open = open_agreements(root, "mentor", &parties.mentor.id, except);
    let verdicts = [
        (
            parties.child.id.as_str(),
            crate::rules::child_verdict(&parties.child, rules, regime, on, child_open, for_new_match),
        ),
        (
            parties.mentor.id.as_str(),
            crate::rules::mentor_verdict(&parties.mentor, rules, regime, on, mentor_open, for_new_match),
        ),
    ];
    for (id, verdict) in verdicts {
        let failures: Vec<(String, crate::rules::Finding)> =
            verdict.failures().map(|rule| (rule.code.to_string(), rule.finding.clone())).collect();
        if !failures.is_empty() {
            return Err(Error::new(Failure::NotEligibleOn {
                id: id.to_string(),
                on: on.to_string(),
                failures,
            })
            .with_hint(Hint::SeeEligibility { id: id.to_string() }));
        }
    }
    Ok(())
}

/// The date a transition happens on: not in the future, not before `earliest` (named `field`).
pub fn check_date(date: Date, today: Date, earliest: Option<(&str, Date)>) -> Result<()> {
    if date > today {
        return Err(Problem::DateInFuture { field: "--date".into(), date: date.to_string() }.into());
    }
    if let Some((field, earliest)) = earliest
        && date < earliest
    {
        return Err(Problem::DateOrder {
            later: "--date".into(),
            later_date: date.to_string(),
            earlier: field.to_string(),
            earlier_date: earliest.to_string(),
        }
        .into());
    }
    Ok(())
}

/// Refuses anything but `expected` statuses, saying what the agreement is now.
pub fn require_status(
    agreement: &Agreement,
    expected: &[AgreementStatus],
    action: &'static str,
) -> Result<()> {
    if expected.contains(&agreement.status) {
        return Ok(());
    }
    let id = agreement.id.clone();
    Err(match agreement.status {
        AgreementStatus::Closed => Failure::AgreementClosed {
            id,
            date: agreement.closure.as_ref().map(|c| c.date.to_string()).unwrap_or_default(),
            action,
        },
        status => Failure::AgreementWrongStatus {
            id,
            status: status.as_str(),
            action,
            expected: expected.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
        },
    }
    .into())
}

/// What `agreement new` / `match accept` asks for.
pub struct Proposal<'a> {
    pub child: &'a str,
    pub mentor: &'a str,
    pub institution: Option<&'a str>,
    pub date: Date,
    pub number: Option<&'a str>,
}

/// A new `proposed` agreement, checked and ready to write: its ID, file path and text.
pub struct Proposed {
    pub id: String,
    pub rel: String,
    pub text: String,
}

/// Builds a proposed agreement for `proposal` (the caller holds the registry lock, then writes
/// and commits `text`): both people must exist and be eligible and free on the date, the regime
/// is the one in force on that date. The institution defaults to the child's where the
/// agreement needs one; where it does not (`institution_required`), only `--institution`
/// names one, so a family child's record does not force a fourth party onto the document.
pub fn propose(root: &Path, config: &Config, today: Date, proposal: &Proposal) -> Result<Proposed> {
    check_date(proposal.date, today, None)?;
    let child = registry::read_record::<Child>(root, Kind::Child, proposal.child)?.0;
    let regime = config.rules.regime_on(proposal.date);
    let required = institution_required(&child, config, regime, proposal.date);
    let institution = match proposal.institution.map(str::to_string) {
        Some(id) => Some(id),
        None if required => match child.institution.clone() {
            Some(id) => Some(id),
            None => return Err(Failure::NoInstitution { child: child.id.clone() }.into()),
        },
        None => None,
    };
    if let Some(institution) = &institution {
        crate::session::records::checked_id(institution)?;
    }
    let parties = Parties::load(root, proposal.child, proposal.mentor, institution.as_deref())?;
    require_eligible(root, config, &parties, regime, proposal.date, None, true)?;
    Ok(proposed_text(root, config, &parties, regime, proposal.date, proposal.number, None))
}

/// The text of a new `proposed` agreement between `parties` on `date` under `regime`, with
/// the parties who must sign and, for a re-conclusion, the agreement it `renews`.
pub fn proposed_text(
    root: &Path,
    config: &Config,
    parties: &Parties,
    regime: Regime,
    date: Date,
    number: Option<&str>,
    renews: Option<&str>,
) -> Proposed {
    let id = registry::ids::next_id(root, Kind::Agreement);
    let ends_on = crate::rules::ends_on(&parties.child, config.rules.params(regime));
    let signers: toml_edit::Array =
        parties_for(&parties.child, config, regime, date).iter().map(|p| p.as_str()).collect();

    let mut doc = toml_edit::DocumentMut::new();
    doc["id"] = toml_edit::value(id.as_str());
    if let Some(number) = number.map(str::trim).filter(|n| !n.is_empty()) {
        doc["number"] = toml_edit::value(number);
    }
    doc["child"] = toml_edit::value(parties.child.id.as_str());
    doc["mentor"] = toml_edit::value(parties.mentor.id.as_str());
    if let Some(institution) = &parties.institution {
        doc["institution"] = toml_edit::value(institution.id.as_str());
    }
    if let Some(renews) = renews {
        doc["renews"] = toml_edit::value(renews);
    }
    doc["regime"] = toml_edit::value(regime.as_str());
    doc["parties"] = toml_edit::value(signers);
    doc["status"] = toml_edit::value(AgreementStatus::Proposed.as_str());
    doc["proposed_on"] = toml_edit::value(registry::edit::toml_date(date));
    doc["ends_on"] = toml_edit::value(registry::edit::toml_date(ends_on));
    let rel = format!("{}/{id}.toml", Kind::Agreement.dir());
    Proposed { id, rel, text: doc.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::record::date::parse_iso(s).unwrap()
    }

    #[test]
    fn dates_in_the_future_or_before_the_start_are_refused() {
        let today = d("2026-11-23");
        assert!(check_date(d("2026-11-23"), today, None).is_ok());
        assert!(check_date(d("2026-11-24"), today, None).is_err());
        assert!(check_date(d("2026-10-01"), today, Some(("proposed_on", d("2026-10-02")))).is_err());
        assert!(check_date(d("2026-10-02"), today, Some(("proposed_on", d("2026-10-02")))).is_ok());
    }
}
