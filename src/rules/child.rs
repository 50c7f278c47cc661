//! Which children the service is for (docs/rules.md, "Which children"): category, placement, age (with the
//! continuing-education and care-leaver extensions to 23), consents, and being free.

use super::Finding;
use super::{Basis, Judge, RuleStatus, Verdict, by};
use crate::record::Child;
use crate::record::config::{RegimeParams, Rules};
use crate::record::date::{Date, age_on, birthday};
use crate::record::enums::{Category, Placement, Regime};

/// Every rule for `child` on `on` under `regime`. `open_agreements` counts the child's
/// proposed/active/suspended agreements other than the one being acted on; `for_new_match`
/// adds the rule that the child has none.
pub fn child_verdict(
    child: &Child,
    rules: &Rules,
    regime: Regime,
    on: Date,
    open_agreements: usize,
    for_new_match: bool,
) -> Verdict {
    let p = rules.params(regime);
    let mut judge = Judge::new(regime);
    let law = judge.law();
    let age = age_on(child.birth_date, on);

    let covered = p.child_categories.contains(&child.category);
    let msg = if covered {
        Finding::CategoryOk { category: child.category }
    } else {
        Finding::CategoryNotCovered { category: child.category, regime: regime.to_string() }
    };
    judge.push("child.category", status(covered), msg, law, judge.param("child_categories"));

    let placed = !p.require_institution_placement || child.placement == Placement::Institution;
    let msg = if placed {
        Finding::PlacementOk
    } else {
        Finding::PlacementNotInstitution { placement: child.placement.to_string() }
    };
    judge.push("child.placement", status(placed), msg, law, judge.param("require_institution_placement"));

    let old_enough = age >= p.min_child_age;
    let msg = if old_enough {
        Finding::ChildOldEnough { age, min: p.min_child_age }
    } else {
        Finding::ChildTooYoung { age, min: p.min_child_age }
    };
    judge.push("child.min_age", status(old_enough), msg, law, judge.param("min_child_age"));

    let (ok, msg) = max_age(child, p, age, on);
    judge.push("child.max_age", status(ok), msg, law, judge.param("max_age_studying"));

    let consent = by(child.consent.child, on);
    judge.leveled(
        "child.consent",
        consent.is_some(),
        p.child_consent,
        consent.map_or(Finding::ConsentMissing, |date| Finding::ConsentGiven { date }),
        law,
        judge.param("child_consent"),
    );

    // An adult care leaver has no legal representative whose consent could be asked.
    if age >= p.max_child_age {
        judge.push(
            "child.legal_rep_consent",
            RuleStatus::Pass,
            Finding::LegalRepNotNeeded { age },
            law,
            None,
        );
    } else {
        let consent = by(child.consent.legal_representative, on);
        judge.leveled(
            "child.legal_rep_consent",
            consent.is_some(),
            p.legal_representative_consent,
            consent.map_or(Finding::LegalRepConsentMissing, |date| Finding::LegalRepConsentGiven { date }),
            law,
            judge.param("legal_representative_consent"),
        );
    }

    // A closed case ends the service for the child: no agreement starts or runs after it.
    if let Some(closed) = child.closed.as_ref().filter(|c| c.date <= on) {
        let msg = Finding::CaseClosed { date: closed.date.to_string(), reason: closed.reason.to_string() };
        judge.push("child.case_closed", RuleStatus::Fail, msg, Basis::CentrePractice, None);
    }

    // Whether a new agreement may begin after 18 is the regime's (2017: continuation only).
    if for_new_match && age >= p.max_child_age {
        let allowed = p.new_agreement_after_adulthood;
        let msg =
            if allowed { Finding::AdultNewAllowed { age } } else { Finding::AdultContinuationOnly { age } };
        judge.push(
            "child.adult_new",
            status(allowed),
            msg,
            law,
            judge.param("new_agreement_after_adulthood"),
        );
    }

    if for_new_match {
        let free = open_agreements == 0;
        let msg =
            if free { Finding::ChildFree } else { Finding::ChildHasAgreement { open: open_agreements } };
        judge.push("child.free", status(free), msg, Basis::CentrePractice, None);
    }
    judge.finish(on)
}

fn status(ok: bool) -> RuleStatus {
    if ok { RuleStatus::Pass } else { RuleStatus::Fail }
}

/// Under 18; or under 23 while still studying (`studying_until` on or after the date, seed
/// 000: "до 23 років у разі продовження навчання"); or a care leaver under 23 where the regime
/// covers care leavers.
fn max_age(child: &Child, p: &RegimeParams, age: i32, on: Date) -> (bool, Finding) {
    if age < p.max_child_age {
        return (true, Finding::ChildUnderMax { age, max: p.max_child_age });
    }
    if age < p.max_age_studying {
        if let Some(until) = child.studying_until.filter(|until| *until >= on) {
            return (true, Finding::ChildStudying { age, until });
        }
        if child.category == Category::CareLeaver && p.child_categories.contains(&Category::CareLeaver) {
            return (true, Finding::CareLeaverUnder { age, max: p.max_age_studying });
        }
    }
    (false, Finding::ChildTooOld { age, max: p.max_child_age, studying_max: p.max_age_studying })
}

/// The planned end of an agreement for `child` (docs/rules.md, the agreement): the 18th birthday; or, for a
/// child continuing education, `studying_until` capped at the 23rd birthday; a care leaver
/// without a study end date, the 23rd birthday.
pub fn ends_on(child: &Child, params: &RegimeParams) -> Date {
    let adult = birthday(child.birth_date, params.max_child_age);
    let cap = birthday(child.birth_date, params.max_age_studying);
    match child.studying_until {
        Some(until) if until > adult => until.min(cap),
        _ if child.category == Category::CareLeaver => cap,
        _ => adult,
    }
}
