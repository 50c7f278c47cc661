//! The message catalogues. Every user-facing sentence is a `Msg`; `uk.rs` and `en.rs` each
//! translate all of them in one exhaustive `match`, so a missing translation is a compile error.
//! JSON output never goes through here: its keys and codes are stable English.

mod case;
mod en;
mod en_errors;
mod parser_uk;
pub mod plural;
mod reports;
mod uk;
mod uk_errors;
pub mod usage;
pub mod vocab;

pub use case::CaseMsg;
pub use reports::ReportMsg;

use crate::matching::Constraint;
use crate::record::Kind;
use crate::record::config::MatchScope;
use crate::rules::Reference;

/// The registry's language (`record::Language`); this layer gives it words.
pub use crate::record::Language as Lang;

impl Lang {
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

    // --- finding, loading and editing ---
    NothingChanged,
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
    WaitingForLock,
    // --- eligibility (rules) ---
    /// A rule's outcome (eligibility), translated from the rules' own type.
    Rule(crate::rules::Finding),
    RuleReference(Reference),
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
    AcceptCreated {
        id: String,
        child: String,
        mentor: String,
    },
    // --- agreements and contacts ---
    AgreementSigned {
        id: String,
        party: &'static str,
        waiting: String,
    },
    AgreementActive {
        id: String,
        date: String,
    },
    AgreementReconcluded {
        old: String,
        new: String,
        date: String,
    },
    DocumentWritten {
        path: String,
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
    // --- find, the case file (`show --full`) ---
    Case(CaseMsg),
    // --- history, undo, sync ---
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
    Undone {
        summary: String,
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
    /// The other side had added a record under the same ID as one of ours not yet sent.
    SyncRenumbered {
        from: String,
        to: String,
    },
    MatchDetail(crate::matching::explain::Detail),
    // --- spreadsheets: `--format xlsx`, `import` ---
    ImportUnknownColumn {
        header: String,
        suggestion: Option<String>,
    },
    ImportDuplicateColumn {
        header: String,
    },
    ImportFormula,
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
    /// The progress line of a long run.
    Progress {
        stage: crate::progress::Stage,
        percent: usize,
        done: usize,
        total: usize,
    },
    ImportAction(&'static str),
    Problem(crate::diagnostic::Problem),
    Failure(crate::error::Failure),
    Hint(crate::error::Hint),
    Expected(crate::error::Expected),
}

/// Translates `msg` in `lang`; a shorthand for the call sites.
pub fn t(lang: Lang, msg: Msg) -> String {
    lang.text(&msg)
}

impl crate::diagnostic::Diagnostic {
    pub fn message(&self, lang: Lang) -> String {
        lang.text(&Msg::Problem(self.problem.clone()))
    }

    /// The JSON shape of `check --format json` (docs/cli.md): messages in English, the stable
    /// machine language.
    pub fn to_json(&self) -> DiagnosticJson<'_> {
        DiagnosticJson {
            code: self.code,
            column: self.column,
            file: &self.file,
            line: self.line,
            message: self.message(Lang::En),
        }
    }
}

/// One diagnostic as JSON, its keys in the order of their names as every JSON object here is
/// printed.
#[derive(serde::Serialize)]
pub struct DiagnosticJson<'a> {
    pub code: &'a str,
    pub column: Option<usize>,
    pub file: &'a str,
    pub line: Option<usize>,
    pub message: String,
}

/// In English, the stable machine language (logs, `anyhow`-style chains, tests).
impl std::fmt::Display for crate::error::Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.text(&Msg::Failure(self.failure.clone())))?;
        if let Some(cause) = &self.cause {
            write!(f, ": {cause}")?;
        }
        Ok(())
    }
}

/// Why a pair is ruled out, as a message: whose rule it fails, or what a constraint found.
pub fn reason_msg(reason: crate::matching::explain::Reason) -> Msg {
    match reason {
        crate::matching::explain::Reason::Rule { kind, id, finding, .. } => {
            Msg::PartyFailsRule { kind, id, detail: Box::new(finding) }
        }
        crate::matching::explain::Reason::Constraint(_, detail) => Msg::MatchDetail(detail),
    }
}
