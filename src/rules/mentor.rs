//! Who may be a mentor (docs/rules.md, "Who may be a mentor"): age, legal capacity, citizenship, training, the
//! centre's conclusion, documents, art. 212 disqualifications, status, free capacity.

use super::Finding;
use super::{Basis, Judge, Parameter, RuleStatus, Verdict, by};
use crate::record::Mentor;
use crate::record::config::{Level, Rules};
use crate::record::date::{Date, add_months, age_on};
use crate::record::enums::{Disqualification, MentorStatus, Regime};

/// Every rule for `mentor` on `on` under `regime`. `open_agreements` counts the mentor's
/// proposed/active/suspended agreements other than the one being acted on; `for_new_match`
/// adds the rule that the mentor has room for one more child.
pub fn mentor_verdict(
    mentor: &Mentor,
    rules: &Rules,
    regime: Regime,
    on: Date,
    open_agreements: usize,
    for_new_match: bool,
) -> Verdict {
    let p = rules.params(regime);
    let mut judge = Judge::new(regime);
    let law = judge.law();

    let age = age_on(mentor.birth_date, on);
    let ok = age >= p.min_mentor_age;
    let msg = if ok {
        Finding::MentorAgeOk { age, min: p.min_mentor_age }
    } else {
        Finding::MentorTooYoung { age, min: p.min_mentor_age }
    };
    judge.push("mentor.age", status(ok), msg, law, judge.param("min_mentor_age"));

    let msg = if mentor.legal_capacity { Finding::MentorCapable } else { Finding::MentorNotCapable };
    judge.push("mentor.legal_capacity", status(mentor.legal_capacity), msg, law, None);

    let citizen = mentor.citizenship == "UA";
    judge.leveled(
        "mentor.citizenship",
        citizen,
        p.citizenship,
        if citizen {
            Finding::CitizenshipOk
        } else {
            Finding::CitizenshipForeign { value: mentor.citizenship.clone() }
        },
        law,
        judge.param("citizenship"),
    );

    let training = mentor.training.completed_on;
    let msg = match (training, by(training, on)) {
        (_, Some(date)) => Finding::TrainingDone { date },
        (Some(date), None) => Finding::TrainingLater { date },
        (None, _) => Finding::TrainingMissing,
    };
    judge.push("mentor.training", status(by(training, on).is_some()), msg, law, None);

    let conclusion = mentor.conclusion.issued_on;
    let msg = match (conclusion, by(conclusion, on)) {
        (_, Some(date)) => Finding::ConclusionIssued { date },
        (Some(date), None) => Finding::ConclusionLater { date },
        (None, _) => Finding::ConclusionMissing,
    };
    judge.push("mentor.conclusion", status(by(conclusion, on).is_some()), msg, law, None);

    documents(&mut judge, mentor, on, p.certificate_valid_months);

    let uncertain = |code: &Disqualification| p.uncertain_disqualification_codes.contains(code);
    if mentor.screening.disqualifications.is_empty() {
        judge.push(
            "mentor.disqualified",
            RuleStatus::Pass,
            Finding::NoDisqualification,
            Basis::FamilyCode212(0),
            None,
        );
    }
    for ground in &mentor.screening.disqualifications {
        let level = if uncertain(ground) { p.uncertain_disqualifications } else { Level::Fail };
        let parameter = uncertain(ground).then_some(Parameter::Regime(regime, "uncertain_disqualifications"));
        judge.leveled(
            "mentor.disqualified",
            false,
            level,
            Finding::Disqualified { ground: *ground },
            Basis::FamilyCode212(item_212(*ground)),
            parameter,
        );
    }

    let active = !matches!(mentor.status(), MentorStatus::Paused | MentorStatus::Withdrawn);
    let msg = if active {
        Finding::MentorStatusActive
    } else {
        Finding::MentorStatusInactive { status: mentor.status().to_string() }
    };
    judge.push("mentor.status", status(active), msg, Basis::CentrePractice, None);

    if for_new_match {
        let free = (open_agreements as u32) < mentor.capacity;
        let msg = if free {
            Finding::CapacityFree { open: open_agreements, capacity: mentor.capacity }
        } else {
            Finding::CapacityFull { open: open_agreements, capacity: mentor.capacity }
        };
        judge.push(
            "mentor.free_capacity",
            status(free),
            msg,
            Basis::CentrePractice,
            Some(Parameter::Other("capacity")),
        );
    }
    judge.finish(on)
}

fn status(ok: bool) -> RuleStatus {
    if ok { RuleStatus::Pass } else { RuleStatus::Fail }
}

/// The three documents must be there; the two certificates grow stale after
/// `certificate_valid_months` (a warning: the law sets no term, the centre asks for fresh ones).
fn documents(judge: &mut Judge, mentor: &Mentor, on: Date, valid_months: u32) {
    let d = &mentor.documents;
    let present = [
        ("passport_copy", d.passport_copy),
        ("medical_certificate", d.medical_certificate),
        ("criminal_record_certificate", d.criminal_record_certificate),
    ];
    let missing: Vec<&str> =
        present.iter().filter(|(_, date)| by(*date, on).is_none()).map(|(name, _)| *name).collect();
    if !missing.is_empty() {
        judge.push(
            "mentor.documents",
            RuleStatus::Fail,
            Finding::DocumentsMissing { which: missing },
            judge.law(),
            None,
        );
        return;
    }
    let stale: Vec<(&str, Date)> =
        document_expiries(mentor, valid_months).into_iter().filter(|(_, expires)| *expires <= on).collect();
    if stale.is_empty() {
        judge.push("mentor.documents", RuleStatus::Pass, Finding::DocumentsComplete, judge.law(), None);
    }
    for (name, expired) in stale {
        judge.push(
            "mentor.documents",
            RuleStatus::Warn,
            Finding::CertificateOld { which: name, expired: expired.to_string(), months: valid_months },
            Basis::Certificates,
            judge.param("certificate_valid_months"),
        );
    }
}

/// When each dated certificate stops being fresh: (field, first day it is stale).
pub fn document_expiries(mentor: &Mentor, valid_months: u32) -> Vec<(&'static str, Date)> {
    let d = &mentor.documents;
    [
        ("medical_certificate", d.medical_certificate),
        ("criminal_record_certificate", d.criminal_record_certificate),
    ]
    .into_iter()
    .filter_map(|(name, date)| date.map(|date| (name, add_months(date, valid_months))))
    .collect()
}

/// The item of Family Code art. 212 (part 1) each ground comes from, for the reference.
fn item_212(ground: Disqualification) -> u8 {
    use Disqualification::*;
    match ground {
        LimitedCapacity => 1,
        Incapable => 2,
        DeprivedParentalRights => 3,
        CareTerminatedByFault => 4,
        PsychiatricRegister => 5,
        SubstanceAbuse => 6,
        NoResidenceOrIncome => 7,
        ListedDisease => 8,
        UnmarriedForeigner => 9,
        CriminalRecord => 10,
        NeedsConstantCare => 11,
        Stateless => 12,
        SpouseDisqualified => 13,
        ConflictOfInterest => 14,
    }
}
