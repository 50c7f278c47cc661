//! What a rule found, with the values behind it: the rules' own outcome type, translated
//! into a language only by the presentation layer (`i18n`).

use crate::record::enums::{Category, Disqualification};

#[derive(Clone, Debug, PartialEq)]
pub enum Finding {
    MentorAgeOk {
        age: i32,
        min: i32,
    },
    MentorTooYoung {
        age: i32,
        min: i32,
    },
    MentorCapable,
    MentorNotCapable,
    CitizenshipOk,
    CitizenshipForeign {
        value: String,
    },
    TrainingDone {
        date: String,
    },
    TrainingLater {
        date: String,
    },
    TrainingMissing,
    ConclusionIssued {
        date: String,
    },
    ConclusionLater {
        date: String,
    },
    ConclusionMissing,
    DocumentsComplete,
    DocumentsMissing {
        which: Vec<&'static str>,
    },
    CertificateOld {
        which: &'static str,
        expired: String,
        months: u32,
    },
    NoDisqualification,
    Disqualified {
        ground: Disqualification,
    },
    MentorStatusActive,
    MentorStatusInactive {
        status: String,
    },
    CapacityFree {
        open: usize,
        capacity: u32,
    },
    CapacityFull {
        open: usize,
        capacity: u32,
    },
    CategoryOk {
        category: Category,
    },
    CategoryNotCovered {
        category: Category,
        regime: String,
    },
    PlacementOk,
    PlacementNotInstitution {
        placement: String,
    },
    ChildOldEnough {
        age: i32,
        min: i32,
    },
    ChildTooYoung {
        age: i32,
        min: i32,
    },
    ChildUnderMax {
        age: i32,
        max: i32,
    },
    ChildStudying {
        age: i32,
        until: String,
    },
    CareLeaverUnder {
        age: i32,
        max: i32,
    },
    ChildTooOld {
        age: i32,
        max: i32,
        studying_max: i32,
    },
    ConsentGiven {
        date: String,
    },
    ConsentMissing,
    LegalRepNotNeeded {
        age: i32,
    },
    LegalRepConsentGiven {
        date: String,
    },
    LegalRepConsentMissing,
    ChildFree,
    ChildHasAgreement {
        open: usize,
    },
    /// The child's case was closed (знято з обліку) on `date` for `reason`.
    CaseClosed {
        date: String,
        reason: String,
    },
    /// A young person of `age` may start a new agreement under the regime.
    AdultNewAllowed {
        age: i32,
    },
    /// A young person of `age` may only continue an agreement begun before adulthood.
    AdultContinuationOnly {
        age: i32,
    },
}
