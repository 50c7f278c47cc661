//! The message catalogues. Every user-facing sentence is a `Msg`; `uk.rs` and `en.rs` each
//! translate all of them in one exhaustive `match`, so a missing translation is a compile error.
//! JSON output never goes through here: its keys and codes are stable English.

mod en;
mod reports;
mod uk;

pub use reports::ReportMsg;

use serde::{Deserialize, Serialize};

use crate::matching::Constraint;
use crate::record::Kind;
use crate::record::config::MatchScope;
use crate::record::enums::{Category, Disqualification, GoalArea, Sex, Weekday};
use crate::rules::Reference;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Uk,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::En => "en",
        }
    }

    pub fn text(self, msg: &Msg) -> String {
        match self {
            Lang::Uk => uk::text(msg),
            Lang::En => en::text(msg),
        }
    }
}

/// One message, with the values it needs. Grouped by the part of the program that says it.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    // --- registry and records (check) ---
    TomlSyntax {
        detail: String,
    },
    UnknownKey {
        key: String,
        suggestion: Option<String>,
    },
    MissingKey {
        key: String,
    },
    BadValue {
        detail: String,
    },
    BadEnumValue {
        value: String,
        expected: String,
    },
    BadDate {
        detail: String,
    },
    IdMismatch {
        id: String,
        stem: String,
    },
    InvalidId {
        id: String,
    },
    InvalidFileName {
        name: String,
    },
    UnknownReference {
        field: String,
        id: String,
        kind: Kind,
    },
    DuplicatePerson {
        other: String,
    },
    DuplicateId {
        other: String,
    },
    DateOrder {
        later: String,
        later_date: String,
        earlier: String,
        earlier_date: String,
    },
    DateInFuture {
        field: String,
        date: String,
    },
    ContactBeforeSigning {
        date: String,
        signed_on: String,
    },
    ContactOutsideAgreement {
        date: String,
    },
    SeveralOpenAgreements {
        child: String,
        others: String,
    },
    MentorOverCapacity {
        mentor: String,
        open: usize,
        capacity: u32,
    },
    BadLanguageCode {
        code: String,
    },
    BadEdrpou {
        value: String,
    },
    BadCitizenship {
        value: String,
    },
    EmptyField {
        field: String,
    },
    HoursPerContact {
        hours: String,
    },
    OutOfRange {
        key: String,
        value: String,
        range: String,
    },
    ControlCharacters {
        field: String,
    },
    NotRegularFile,
    SchemaVersion {
        found: u32,
    },
    SignedWithoutDate,
    ActiveWithoutSignatures,
    ClosedWithoutClosure,
    ClosureWithoutClosedStatus,
    RegimeMismatch {
        regime: String,
        expected: String,
    },

    // --- finding, loading and editing ---
    RegistryNotFound,
    RegistryMissing {
        dir: String,
    },
    NotARegistry {
        dir: String,
    },
    ReadFailed {
        detail: String,
    },
    RegistryInvalid {
        count: usize,
    },
    RunCheck,
    UnknownId {
        id: String,
    },
    UnknownIdOfKind {
        id: String,
        kind: Kind,
    },
    UnknownField {
        field: String,
        suggestion: Option<String>,
    },
    FieldNotSettable {
        field: String,
    },
    BadAssignment {
        arg: String,
    },
    BadFieldValue {
        field: String,
        value: String,
        expected: Box<Msg>,
    },
    ExpectedDate,
    ExpectedWholeNumber,
    ExpectedNumber,
    ExpectedBool,
    ExpectedOneOf {
        values: String,
    },
    RefusedInvalid,
    StillReferenced {
        id: String,
        by: String,
    },
    EditorFailed {
        editor: String,
    },
    NothingChanged,
    Saved {
        id: String,
    },
    Removed {
        id: String,
    },
    Committed {
        summary: String,
    },
    NotCommittedNoRepo,
    CheckOk {
        files: usize,
    },
    CheckSummary {
        errors: usize,
        warnings: usize,
    },
    InitDone {
        dir: String,
    },
    InitNotEmpty {
        dir: String,
    },
    BadDateArg {
        value: String,
    },
    WaitingForLock,
    GitFailed {
        detail: String,
    },
    MissingRequired {
        field: String,
    },
    EditKept {
        path: String,
    },
    // --- eligibility (rules) ---
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
    RuleReference(Reference),
    PartyIneligible {
        kind: Kind,
        id: String,
        regime: String,
        code: &'static str,
        detail: Box<Msg>,
    },
    DocumentExpiring {
        which: &'static str,
        expires: String,
    },
    Eligible {
        id: String,
        regime: String,
        on: String,
    },
    NotEligible {
        id: String,
        regime: String,
        on: String,
    },
    HeaderRule,
    HeaderStatus,
    HeaderMessage,
    HeaderReference,
    HeaderId,
    HeaderKind,
    HeaderVerdict,
    HeaderFailing,
    VerdictEligible,
    VerdictNotEligible,
    // --- matching ---
    /// A score factor's name in a table (JSON and CSV keep the English key).
    FactorLabel(crate::matching::score::Factor),
    BadWeight {
        name: String,
    },
    UnmatchedNoMentor {
        scope: MatchScope,
    },
    UnmatchedNoneFits {
        counts: Vec<(Constraint, usize)>,
    },
    UnmatchedTaken {
        candidates: usize,
    },
    UnmatchedZeroScore {
        candidates: usize,
    },
    PartyFailsRule {
        kind: Kind,
        id: String,
        detail: Box<Msg>,
    },
    ConstraintCommunity {
        child: String,
        mentor: String,
    },
    ConstraintSettlement {
        child: String,
        mentor: String,
    },
    ConstraintMentorSex {
        wanted: Sex,
        mentor: Sex,
    },
    ConstraintLanguage {
        child: String,
        mentor: String,
    },
    ConstraintAgeGap {
        gap: i32,
        min: i32,
    },
    ConstraintConflict {
        entry: String,
    },
    ConstraintBreakup {
        agreement: String,
    },
    FactorInterests {
        shared: Vec<String>,
    },
    FactorGoalAreas {
        areas: Vec<GoalArea>,
    },
    FactorSettlement {
        same: bool,
        child: String,
        mentor: String,
    },
    FactorAvailability {
        days: Vec<Weekday>,
    },
    FactorWaiting {
        days: i64,
        since: String,
    },
    HeaderChild,
    HeaderMentor,
    HeaderChildName,
    HeaderMentorName,
    HeaderScore,
    HeaderStrongest,
    HeaderReason,
    HeaderFactor,
    HeaderPoints,
    MatchTotal {
        pairs: usize,
        total: String,
    },
    MatchNoPairs,
    MatchUnmatchedChildren,
    MatchUnmatchedMentors {
        ids: String,
    },
    WhyFeasible {
        child: String,
        mentor: String,
        score: String,
        regime: String,
    },
    WhyInfeasible {
        child: String,
        mentor: String,
        regime: String,
    },
    WhyNotAChild {
        id: String,
    },
    WhyNotAMentor {
        id: String,
    },
    AcceptRefused {
        child: String,
        mentor: String,
        reasons: Vec<Msg>,
    },
    AcceptSeeWhy {
        child: String,
        mentor: String,
    },
    AcceptCreated {
        id: String,
        child: String,
        mentor: String,
    },
    // --- agreements and contacts ---
    NotEligibleOn {
        id: String,
        on: String,
        failures: Vec<(String, Msg)>,
    },
    SeeEligibility {
        id: String,
    },
    AgreementClosed {
        id: String,
        date: String,
        action: &'static str,
    },
    AgreementWrongStatus {
        id: String,
        status: &'static str,
        action: &'static str,
        expected: String,
    },
    NoInstitution {
        child: String,
    },
    PartyNotRequired {
        party: &'static str,
        regime: &'static str,
        required: String,
    },
    PartyAlreadySigned {
        id: String,
        party: &'static str,
        date: String,
    },
    SignaturesMissing {
        id: String,
        parties: String,
    },
    AgreementSigned {
        id: String,
        party: &'static str,
        waiting: String,
    },
    AgreementActive {
        id: String,
        date: String,
    },
    SameInstitution {
        id: String,
        institution: String,
    },
    OutingNeedsConsents {
        missing: String,
    },
    TemplateMissing {
        name: String,
    },
    TemplateError {
        name: String,
        line: Option<usize>,
        detail: String,
    },
    DocxNeedsOutput,
    DocumentWritten {
        path: String,
    },
    NotSignedYet {
        id: String,
    },
    VerifyOk {
        id: String,
        hash: String,
    },
    VerifyChanged {
        id: String,
        signed: String,
        now: String,
    },
    VerifyField {
        file: String,
        field: String,
    },
    VerifyFieldsUnknown,
    ContactColumn {
        column: &'static str,
    },
    // --- reports, due, status ---
    Report(ReportMsg),
    // --- history, undo, sync ---
    NoRepository,
    HistoryUnknownId {
        id: String,
    },
    HistoryHeader {
        column: String,
    },
    HistoryManual,
    HistoryAdded,
    HistoryRemoved,
    HistoryRenamed {
        from: String,
    },
    HistoryLayoutOnly,
    HistoryUnparsable,
    HistoryReason {
        reason: String,
    },
    HistoryEmpty,
    UndoDirty {
        files: String,
    },
    UndoNotOurs {
        commit: String,
    },
    UndoNothing,
    UndoRefused,
    Undone {
        summary: String,
    },
    SyncNoRemote,
    SyncDetached,
    SyncDirty {
        files: String,
    },
    SyncConflict {
        files: String,
        remote: String,
    },
    SyncInvalid {
        count: usize,
    },
    SyncUpToDate {
        remote: String,
    },
    SyncDone {
        remote: String,
        received: usize,
        sent: usize,
    },
    SyncRaced {
        remote: String,
    },
}

/// Translates `msg` in `lang`; a shorthand for the call sites.
pub fn t(lang: Lang, msg: Msg) -> String {
    lang.text(&msg)
}
