//! What a rule found, with the values behind it: the rules' own outcome type, translated
//! into a language only by the presentation layer (`i18n`). Dates stay dates until then: a
//! verdict is made for each of 200,000 people by `match` and `check`, and read by few.

use crate::record::date::Date;
use crate::record::enums::{Category, Disqualification};

#[derive(Clone, Debug, PartialEq)]
pub enum Finding {
    MentorAgeOk { age: i32, min: i32 },
    MentorTooYoung { age: i32, min: i32 },
    MentorCapable,
    MentorNotCapable,
    CitizenshipOk,
    CitizenshipForeign { value: String },
    TrainingDone { date: Date },
    TrainingLater { date: Date },
    TrainingMissing,
    ConclusionIssued { date: Date },
    ConclusionLater { date: Date },
    ConclusionMissing,
    DocumentsComplete,
    DocumentsMissing { which: Vec<&'static str> },
    CertificateOld { which: &'static str, expired: String, months: u32 },
    NoDisqualification,
    Disqualified { ground: Disqualification },
    MentorStatusActive,
    MentorStatusInactive { status: String },
    CapacityFree { open: usize, capacity: u32 },
    CapacityFull { open: usize, capacity: u32 },
    CategoryOk { category: Category },
    CategoryNotCovered { category: Category, regime: String },
    PlacementOk,
    PlacementNotInstitution { placement: String },
    ChildOldEnough { age: i32, min: i32 },
    ChildTooYoung { age: i32, min: i32 },
    ChildUnderMax { age: i32, max: i32 },
    ChildStudying { age: i32, until: Date },
    CareLeaverUnder { age: i32, max: i32 },
    ChildTooOld { age: i32, max: i32, studying_max: i32 },
    ConsentGiven { date: Date },
    ConsentMissing,
    LegalRepNotNeeded { age: i32 },
    LegalRepConsentGiven { date: Date },
    LegalRepConsentMissing,
    ChildFree,
    ChildHasAgreement { open: usize },
    // #12: a closed case (знято з обліку); whether a new agreement may start after 18.
    CaseClosed { date: String, reason: String },
    AdultNewAllowed { age: i32 },
    AdultContinuationOnly { age: i32 },
}
