//! The checks of one record on its own: dates in order and not in the future, names and
//! languages, a child's, a mentor's, an institution's and an agreement's own rules (with
//! references looked up through `Lookup`).

use super::*;

pub(super) fn date_order(
    later: &'static str,
    later_date: Date,
    earlier: &'static str,
    earlier_date: Date,
) -> Option<Finding> {
    (later_date < earlier_date).then(|| {
        Finding::error(
            "date.order",
            leaf(later),
            Problem::DateOrder {
                later: later.to_string(),
                later_date: later_date.to_string(),
                earlier: earlier.to_string(),
                earlier_date: earlier_date.to_string(),
            },
        )
    })
}

/// `consent.child` → `child` (the key inside its table, for locating it).
pub(super) fn leaf(path: &'static str) -> &'static str {
    path.rsplit('.').next().unwrap_or(path)
}

pub(super) fn table_of(path: &'static str) -> &'static str {
    path.rsplit_once('.').map_or("", |(table, _)| table)
}

/// A date of something that has happened must not be after today: an error for a birth, a
/// warning otherwise (most likely a typo in the year).
pub(super) fn not_future(
    path: &'static str,
    date: Option<Date>,
    today: Date,
    severity: Severity,
) -> Option<Finding> {
    let date = date?;
    (date > today).then(|| {
        let msg = Problem::DateInFuture { field: path.to_string(), date: date.to_string() };
        let finding = match severity {
            Severity::Error => Finding::error("date.future", leaf(path), msg),
            Severity::Warning => Finding::warning("date.future", leaf(path), msg),
        };
        finding.in_table(table_of(path), 0)
    })
}

pub(super) fn check_languages(languages: &[String], findings: &mut Vec<Finding>) {
    for code in languages {
        if !is_language_code(code) {
            findings.push(Finding::error(
                "value.language",
                "languages",
                Problem::BadLanguageCode { code: code.clone() },
            ));
        }
    }
}

pub(super) fn check_person_name(surname: &str, given_name: &str, findings: &mut Vec<Finding>) {
    for (key, value) in [("surname", surname), ("given_name", given_name)] {
        if value.trim().is_empty() {
            findings.push(Finding::error("value.empty", key, Problem::EmptyField { field: key.to_string() }));
        }
    }
}

pub fn check_child(child: &Child, today: Date, lookup: &dyn Lookup) -> Vec<Finding> {
    let mut findings = Vec::new();
    check_person_name(&child.surname, &child.given_name, &mut findings);
    let birth = child.birth_date;
    findings.extend(not_future("birth_date", Some(birth), today, Severity::Error));
    for (path, date) in [
        ("registered_on", Some(child.registered_on)),
        ("consent.child", child.consent.child),
        ("consent.legal_representative", child.consent.legal_representative),
        ("assessment.date", child.assessment.date),
    ] {
        findings.extend(not_future(path, date, today, Severity::Warning));
        if let Some(date) = date {
            findings
                .extend(date_order(path, date, "birth_date", birth).map(|f| f.in_table(table_of(path), 0)));
        }
    }
    if let Some(until) = child.studying_until {
        findings.extend(date_order("studying_until", until, "birth_date", birth));
    }
    check_languages(&child.languages, &mut findings);
    if let Some(institution) = &child.institution
        && !lookup.exists(Kind::Institution, institution)
    {
        findings.push(Finding::error(
            "ref.unknown",
            "institution",
            Problem::UnknownReference {
                field: "institution".into(),
                id: institution.clone(),
                kind: Kind::Institution,
            },
        ));
    }
    findings
}

pub fn check_mentor(mentor: &Mentor, today: Date, lookup: &dyn Lookup) -> Vec<Finding> {
    let mut findings = Vec::new();
    // A conflict of interest names a child or an institution; one that names nothing would
    // silently stop protecting the child it was meant for.
    for id in &mentor.conflicts {
        if !lookup.exists(Kind::Child, id) && !lookup.exists(Kind::Institution, id) {
            findings.push(Finding::error(
                "ref.unknown",
                "conflicts",
                Problem::UnknownReference {
                    field: "conflicts".into(),
                    id: id.clone(),
                    // For the message only: the ID scheme of `add` tells the likely kind.
                    kind: if id.starts_with("i-") { Kind::Institution } else { Kind::Child },
                },
            ));
        }
    }
    check_person_name(&mentor.surname, &mentor.given_name, &mut findings);
    let birth = mentor.birth_date;
    findings.extend(not_future("birth_date", Some(birth), today, Severity::Error));
    if !(mentor.citizenship.len() == 2 && mentor.citizenship.bytes().all(|b| b.is_ascii_uppercase())) {
        findings.push(Finding::error(
            "value.citizenship",
            "citizenship",
            Problem::BadCitizenship { value: mentor.citizenship.clone() },
        ));
    }
    check_languages(&mentor.languages, &mut findings);
    for (path, date) in [
        ("applied_on", Some(mentor.applied_on)),
        ("documents.passport_copy", mentor.documents.passport_copy),
        ("documents.medical_certificate", mentor.documents.medical_certificate),
        ("documents.criminal_record_certificate", mentor.documents.criminal_record_certificate),
        ("training.completed_on", mentor.training.completed_on),
        ("conclusion.issued_on", mentor.conclusion.issued_on),
        ("screening.checked_on", mentor.screening.checked_on),
    ] {
        findings.extend(not_future(path, date, today, Severity::Warning));
        if let Some(date) = date {
            findings
                .extend(date_order(path, date, "birth_date", birth).map(|f| f.in_table(table_of(path), 0)));
        }
    }
    // The centre issues its conclusion after the training (CMU Res. 465, p. 7).
    if let (Some(training), Some(conclusion)) = (mentor.training.completed_on, mentor.conclusion.issued_on) {
        findings.extend(
            date_order("conclusion.issued_on", conclusion, "training.completed_on", training)
                .map(|f| Finding { severity: Severity::Warning, ..f.in_table("conclusion", 0) }),
        );
    }
    findings
}

pub fn check_institution(institution: &Institution) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let Some(edrpou) = &institution.edrpou
        && !is_edrpou(edrpou)
    {
        findings.push(Finding::error("value.edrpou", "edrpou", Problem::BadEdrpou { value: edrpou.clone() }));
    }
    for (key, value) in [("name", &institution.name), ("director", &institution.director)] {
        if value.trim().is_empty() {
            findings.push(Finding::error("value.empty", key, Problem::EmptyField { field: key.to_string() }));
        }
    }
    findings
}

pub fn check_agreement(
    agreement: &Agreement,
    config: &Config,
    today: Date,
    lookup: &dyn Lookup,
) -> Vec<Finding> {
    use crate::record::enums::{AgreementStatus, Party};
    let mut findings = Vec::new();
    let reference = |findings: &mut Vec<Finding>,
                     key: &'static str,
                     kind: Kind,
                     id: &str,
                     table: &'static str,
                     index: usize| {
        if !lookup.exists(kind, id) {
            findings.push(
                Finding::error(
                    "ref.unknown",
                    key,
                    Problem::UnknownReference { field: key.into(), id: id.to_string(), kind },
                )
                .in_table(table, index),
            );
        }
    };
    reference(&mut findings, "child", Kind::Child, &agreement.child, "", 0);
    reference(&mut findings, "mentor", Kind::Mentor, &agreement.mentor, "", 0);
    if let Some(institution) = &agreement.institution {
        reference(&mut findings, "institution", Kind::Institution, institution, "", 0);
    }
    if let Some(renews) = &agreement.renews {
        reference(&mut findings, "renews", Kind::Agreement, renews, "", 0);
    }
    for (index, renewal) in agreement.renewals.iter().enumerate() {
        reference(
            &mut findings,
            "from_institution",
            Kind::Institution,
            &renewal.from_institution,
            "renewals",
            index,
        );
        reference(
            &mut findings,
            "to_institution",
            Kind::Institution,
            &renewal.to_institution,
            "renewals",
            index,
        );
    }

    let proposed = agreement.proposed_on;
    findings.extend(not_future("proposed_on", Some(proposed), today, Severity::Warning));
    for party in Party::ALL {
        if let Some(date) = agreement.signatures.get(*party) {
            let path: &'static str = match party {
                Party::Centre => "signatures.centre",
                Party::Institution => "signatures.institution",
                Party::Mentor => "signatures.mentor",
                Party::LegalRepresentative => "signatures.legal_representative",
                Party::YoungPerson => "signatures.young_person",
            };
            findings
                .extend(date_order(path, date, "proposed_on", proposed).map(|f| f.in_table("signatures", 0)));
            findings.extend(not_future(path, Some(date), today, Severity::Warning));
        }
    }
    if let Some(signed) = agreement.signed_on {
        findings.extend(date_order("signed_on", signed, "proposed_on", proposed));
        findings.extend(not_future("signed_on", Some(signed), today, Severity::Warning));
        // The agreement's own `parties` where written (#12), else its regime's list.
        let required = if agreement.parties.is_empty() {
            &config.rules.params(agreement.regime).required_signatures
        } else {
            &agreement.parties
        };
        if required.iter().any(|party| agreement.signatures.get(*party).is_none()) {
            findings.push(Finding::warning(
                "agreement.signatures",
                "signed_on",
                Problem::ActiveWithoutSignatures,
            ));
        }
    }
    if matches!(agreement.status, AgreementStatus::Active | AgreementStatus::Suspended)
        && agreement.signed_on.is_none()
    {
        findings.push(Finding::error("agreement.unsigned", "status", Problem::SignedWithoutDate));
    }
    match (&agreement.closure, agreement.status) {
        (None, AgreementStatus::Closed) => {
            findings.push(Finding::error("agreement.closure", "status", Problem::ClosedWithoutClosure))
        }
        (Some(_), status) if status != AgreementStatus::Closed => {
            findings.push(Finding::error("agreement.closure", "status", Problem::ClosureWithoutClosedStatus))
        }
        _ => {}
    }
    if let Some(closure) = &agreement.closure {
        let start = agreement.signed_on.map_or(("proposed_on", proposed), |s| ("signed_on", s));
        findings.extend(
            date_order("closure.date", closure.date, start.0, start.1).map(|f| f.in_table("closure", 0)),
        );
        findings.extend(not_future("closure.date", Some(closure.date), today, Severity::Warning));
    }
    // The regime of the day of conclusion (the last signature), else of the proposal (#12).
    let expected = config.rules.regime_on(agreement.signed_on.unwrap_or(proposed));
    if expected != agreement.regime {
        findings.push(Finding::warning(
            "agreement.regime",
            "regime",
            Problem::RegimeMismatch { regime: agreement.regime.to_string(), expected: expected.to_string() },
        ));
    }
    for (index, contact) in agreement.contacts.iter().enumerate() {
        match agreement.signed_on {
            Some(signed) if contact.date < signed => findings.push(
                Finding::error(
                    "contact.before_signing",
                    "date",
                    Problem::ContactBeforeSigning {
                        date: contact.date.to_string(),
                        signed_on: signed.to_string(),
                    },
                )
                .in_table("contacts", index),
            ),
            None => findings.push(
                Finding::error(
                    "contact.unsigned",
                    "date",
                    Problem::ContactOutsideAgreement { date: contact.date.to_string() },
                )
                .in_table("contacts", index),
            ),
            _ => {}
        }
        if contact.date > today {
            findings.push(
                Finding::error(
                    "date.future",
                    "date",
                    Problem::DateInFuture { field: "contacts.date".into(), date: contact.date.to_string() },
                )
                .in_table("contacts", index),
            );
        }
        if contact.kind == crate::record::enums::ContactKind::Outing {
            let missing: Vec<&str> = crate::record::agreement::outing_consents_needed(agreement)
                .iter()
                .filter(|p| !contact.consents.contains(p))
                .map(|p| p.as_str())
                .collect();
            if !missing.is_empty() {
                findings.push(
                    Finding::warning(
                        "contact.outing_consents",
                        "kind",
                        Problem::OutingNeedsConsents { missing: missing.join(", ") },
                    )
                    .in_table("contacts", index),
                );
            }
        }
        // Hours are never negative or NaN once read (see record::hours); one contact is a day at most.
        if let Some(hours) = contact.hours.filter(|h| !crate::record::hours::contact_hours_ok(*h)) {
            findings.push(
                Finding::error("value.range", "hours", Problem::HoursPerContact { hours: hours.to_string() })
                    .in_table("contacts", index),
            );
        }
    }
    findings
}
