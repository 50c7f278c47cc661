//! The message catalogues. Every user-facing sentence is a `Msg`; `uk.rs` and `en.rs` each
//! translate all of them in one exhaustive `match`, so a missing translation is a compile error.
//! JSON output never goes through here: its keys and codes are stable English.

mod en;
pub mod plural;
mod reports;
mod uk;
pub mod vocab;

pub use reports::ReportMsg;

use serde::{Deserialize, Serialize};

use crate::matching::Constraint;
use crate::record::Kind;
use crate::record::config::MatchScope;
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
    /// A refusal of the git layer whose text is not yet in the catalogue (English only).
    Refused {
        detail: String,
    },
    /// `check`: a record file or the repository is readable by others than its owner.
    FilePermissions {
        path: String,
    },
    MissingRequired {
        field: String,
    },
    EditKept {
        path: String,
    },
    EditCopyStale {
        path: String,
        record: String,
    },
    OutputNotRegular {
        path: String,
    },
    // --- eligibility (rules) ---
    /// A rule's outcome (eligibility), translated from the rules' own type.
    Rule(crate::rules::Finding),
    RuleReference(Reference),
    PartyIneligible {
        kind: Kind,
        id: String,
        regime: String,
        code: &'static str,
        detail: Box<crate::rules::Finding>,
    },
    DocumentExpiring {
        which: &'static str,
        expires: String,
    },
    ParticularsMissing {
        agreement: String,
        field: &'static str,
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
        detail: Box<crate::rules::Finding>,
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
        failures: Vec<(String, crate::rules::Finding)>,
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
    MatchDetail(crate::matching::explain::Detail),
    // --- spreadsheets: `--format xlsx`, `import` ---
    XlsxNoTable,
    BinaryToTerminal,
    XlsxFailed {
        detail: String,
    },
    ImportUnreadable {
        path: String,
        detail: String,
    },
    ImportNoSheet {
        sheet: String,
        sheets: String,
    },
    ImportEmpty {
        path: String,
    },
    ImportUnknownColumn {
        header: String,
        suggestion: Option<String>,
    },
    ImportDuplicateColumn {
        header: String,
    },
    ImportFormula,
    ImportNotUtf8 {
        path: String,
    },
    ImportMissingValue {
        kind: Kind,
        field: &'static str,
    },
    ImportMissingColumn {
        kind: Kind,
        field: &'static str,
    },
    ImportExpected {
        expected: Box<Msg>,
    },
    ImportExpectedDate,
    ImportControlCharacter,
    ImportNotText,
    ImportUnknownId {
        id: String,
        kind: Kind,
    },
    ImportUnknownInstitution {
        name: String,
    },
    ImportAmbiguousInstitution {
        name: String,
        ids: String,
    },
    ImportSameRowPerson {
        row: usize,
    },
    /// One problem of an import, where the spreadsheet shows it.
    ImportProblem {
        row: usize,
        column: Option<String>,
        value: Option<String>,
        problem: String,
    },
    ImportRefused {
        count: usize,
    },
    ImportDone {
        added: usize,
        updated: usize,
        unchanged: usize,
    },
    ImportDryRun {
        added: usize,
        updated: usize,
        unchanged: usize,
    },
    ImportProgress {
        row: usize,
        total: usize,
    },
    ImportColumn(&'static str),
    ImportAction(&'static str),
}

/// Translates `msg` in `lang`; a shorthand for the call sites.
pub fn t(lang: Lang, msg: Msg) -> String {
    lang.text(&msg)
}
