//! The library's error: what failed (a typed `Failure`), the problems behind it, what to do
//! next, and the underlying cause. Every error ends the command with exit code 2 (bad usage or
//! bad input); nothing is written. The domain never words an error: `i18n` does.

use crate::diagnostic::{Diagnostic, Problem};
use crate::record::Kind;

/// Boxed so that `Result<T, Error>` stays one pointer wide on the success path.
#[derive(Debug)]
pub struct Error(Box<ErrorData>);

#[derive(Debug)]
pub struct ErrorData {
    pub failure: Failure,
    /// The problems that caused it (an invalid record refused, a broken registry).
    pub diagnostics: Vec<Diagnostic>,
    /// What the user can do next.
    pub hint: Option<Hint>,
    /// Texts that were refused and never written, (file, text), so the problems can be shown
    /// on the text the user meant rather than on the file as it still is.
    pub sources: Vec<(String, String)>,
    /// The error underneath (an I/O error), kept for `source()`.
    pub cause: Option<Box<dyn std::error::Error + Send + Sync>>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(failure: impl Into<Failure>) -> Self {
        Error(Box::new(ErrorData {
            failure: failure.into(),
            diagnostics: Vec::new(),
            hint: None,
            sources: Vec::new(),
            cause: None,
        }))
    }

    pub fn with_diagnostics(mut self, diagnostics: Vec<Diagnostic>) -> Self {
        self.diagnostics = diagnostics;
        self
    }

    pub fn with_source(mut self, rel: impl Into<String>, text: impl Into<String>) -> Self {
        self.sources.push((rel.into(), text.into()));
        self
    }

    pub fn with_hint(mut self, hint: Hint) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn with_cause(mut self, cause: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.cause = Some(Box::new(cause));
        self
    }

    /// `path` could not be read; the I/O error is the cause (and its text shown).
    pub fn io(path: &std::path::Path, err: std::io::Error) -> Self {
        Error::new(Failure::CannotRead { path: path.display().to_string() }).with_cause(err)
    }

    /// `path` could not be written, created or locked; the I/O error is the cause.
    pub fn write(path: &std::path::Path, err: std::io::Error) -> Self {
        Error::new(Failure::CannotWrite { path: path.display().to_string() }).with_cause(err)
    }
}

impl std::ops::Deref for Error {
    type Target = ErrorData;

    fn deref(&self) -> &ErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorData {
        &mut self.0
    }
}

impl From<Failure> for Error {
    fn from(failure: Failure) -> Self {
        Error::new(failure)
    }
}

impl From<Problem> for Error {
    fn from(problem: Problem) -> Self {
        Error::new(Failure::Problem(problem))
    }
}

impl From<Problem> for Failure {
    fn from(problem: Problem) -> Self {
        Failure::Problem(problem)
    }
}

// `Display` (in English, the stable machine language) is implemented where the words are, in
// `i18n`, so that this module needs no catalogue.
impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause.as_deref().map(|cause| cause as &(dyn std::error::Error + 'static))
    }
}

/// What went wrong, with the values the message needs: the domain's own account of a failure.
/// The presentation layer (`i18n`) says it in the user's language.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// `id` names a record of another kind (`found`) than the command works on (`wanted`).
    IdOfOtherKind {
        id: String,
        found: Kind,
        wanted: Vec<Kind>,
    },
    BadQuarter {
        value: String,
    },
    BadYear {
        value: String,
    },
    BadPeriodDate {
        value: String,
    },
    FromAfterTo {
        from: String,
        to: String,
    },
    PeriodMissing,
    /// The registry is not in a git repository, so it has no past to read.
    AsOfNoGit {
        dir: String,
    },
    /// No commit of the registry was made by the end of that day.
    AsOfNoCommit {
        date: String,
    },
    /// A `--registry` that is neither a registry folder nor a git repository holding one.
    NotARegionRegistry {
        source: String,
        /// What git said, when it could not clone a URL.
        detail: Option<String>,
    },
    /// `--with-names` asked of a consolidated report.
    RegionNoNames,
    /// `--registry` with a list report.
    RegionListsUnsupported,
    /// `--by` with a list report.
    ByUnsupported,
    /// Two `--registry` of one centre.
    RegionDuplicateCentre {
        centre: String,
        first: String,
        second: String,
    },
    AdultSignsForThemselves {
        id: String,
        child: String,
        age: i32,
    },
    RenewalPending {
        id: String,
        renewal: String,
    },
    SuspendedNoMentoring {
        id: String,
        kind: &'static str,
    },
    ContactAfterTerm {
        id: String,
        kind: &'static str,
        ends_on: String,
    },
    ChildAlreadyClosed {
        child: String,
        date: String,
    },
    /// `child close` with a reason that ends an agreement, not a case (`ClosureReason::closes_a_case`).
    NotACaseClosure {
        reason: &'static str,
    },
    ChildHasOpenAgreements {
        child: String,
        agreements: String,
    },
    /// A problem a file or a value has, refused as an error (a date out of order, a bad ID).
    Problem(Problem),
    /// `path` could not be read.
    CannotRead {
        path: String,
    },
    /// `path` could not be written (or created, or locked).
    CannotWrite {
        path: String,
    },
    /// `--month` is not `YYYY-MM`.
    BadMonth {
        value: String,
    },
    RegistryNotFound,
    RegistryMissing {
        dir: String,
    },
    NotARegistry {
        dir: String,
    },
    RegistryInvalid {
        count: usize,
    },
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
        expected: Expected,
    },
    RefusedInvalid,
    StillReferenced {
        id: String,
        by: String,
    },
    EditorFailed {
        editor: String,
    },
    InitNotEmpty {
        dir: String,
    },
    GitFailed {
        detail: String,
    },
    /// git could not be started (not installed, or not on `PATH`); the I/O error is the cause.
    GitNotRunnable,
    /// git does not know who the committer is, and every change is committed under a name.
    GitIdentityMissing,
    /// A rebase, merge, cherry-pick or revert is stopped half-way in the repository at `dir`:
    /// a commit now would land inside it.
    GitOperationStopped {
        operation: GitOperation,
        dir: String,
    },
    /// The repository at `dir` is on no branch: a commit would belong to none.
    DetachedHead {
        dir: String,
    },
    /// `file` (registry-relative) has uncommitted changes that a write would commit as its own.
    StrayChanges {
        file: String,
    },
    /// The commit failed (`failure`), and putting the files back failed too: `unrestored`
    /// (file, the system's reason) are not as they were; `still_staged` is set when the index
    /// could not be reset either.
    PutBackFailed {
        failure: Box<Failure>,
        unrestored: Vec<(String, String)>,
        still_staged: Option<Box<Failure>>,
    },
    /// `remote` refused the push; `server` is what it said (its own words, shown as they are).
    PushRefused {
        remote: String,
        server: String,
    },
    /// The last commit (`commit`) changed files outside this registry (`registry`, the
    /// registry's folder in its repository).
    UndoOtherRegistry {
        commit: String,
        registry: String,
    },
    /// The last change (`commit`) is itself the undo of `reverted`.
    UndoOfUndo {
        commit: String,
        reverted: String,
    },
    /// `--edrpou` is not a valid ЄДРПОУ code.
    BadEdrpou {
        code: String,
        flaw: EdrpouFlaw,
    },
    MissingRequired {
        field: String,
    },
    EditCopyStale {
        path: String,
        record: String,
    },
    OutputNotRegular {
        path: String,
    },
    BadWeight {
        name: String,
    },
    WhyNotAChild {
        id: String,
    },
    WhyNotAMentor {
        id: String,
    },
    /// A pair `match accept` refuses; `reasons` are already worded by the command, which has
    /// the matcher's typed reasons (the error layer sits below the matcher).
    AcceptRefused {
        child: String,
        mentor: String,
        reasons: Vec<String>,
    },
    NotEligibleOn {
        id: String,
        on: String,
        failures: Vec<(String, crate::rules::Finding)>,
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
    SameInstitution {
        id: String,
        institution: String,
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
    NotSignedYet {
        id: String,
    },
    NoRepository,
    HistoryUnknownId {
        id: String,
    },
    UndoDirty {
        files: String,
    },
    UndoNotOurs {
        commit: String,
    },
    UndoNothing,
    UndoRefused,
    SyncNoRemote,
    SyncDetached,
    SyncDirty {
        files: String,
    },
    SyncConflict {
        files: String,
        remote: String,
    },
    SyncRaced {
        remote: String,
    },
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
    ImportNotUtf8 {
        path: String,
    },
}

/// A git operation that can stop half-way and wait for the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GitOperation {
    Rebase,
    Merge,
    CherryPick,
    Revert,
}

impl GitOperation {
    /// git's own name for it, as its subcommand (`git rebase --abort`).
    pub fn command(self) -> &'static str {
        match self {
            GitOperation::Rebase => "rebase",
            GitOperation::Merge => "merge",
            GitOperation::CherryPick => "cherry-pick",
            GitOperation::Revert => "revert",
        }
    }
}

/// What is wrong with a ЄДРПОУ code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdrpouFlaw {
    /// Not exactly eight digits.
    NotEightDigits,
    /// The check digit does not match; the last digit should be `expected`.
    CheckDigit { expected: u32 },
}

/// What the user can do next.
#[derive(Clone, Debug, PartialEq)]
pub enum Hint {
    RunCheck,
    /// Tell git the committer's name and e-mail.
    SetGitIdentity,
    /// Finish or abandon the stopped `operation` in the repository at `dir`.
    FinishGitOperation {
        operation: GitOperation,
        dir: String,
    },
    /// Go back to a branch in the repository at `dir`.
    SwitchToBranch {
        dir: String,
    },
    /// Commit or throw away the stray changes of `file` in the registry at `root`.
    CommitOrRestore {
        root: String,
        file: String,
    },
    /// Put `paths` back to their last commit by hand, in the registry at `root`.
    RestoreByHand {
        root: String,
        paths: String,
    },
    /// Fix what the server named, then sync again.
    FixPushRefusal,
    /// Undo the change where it belongs, or revert `commit` with git.
    UndoElsewhere {
        commit: String,
    },
    /// An undo is not undone: make the change again, or revert an older commit by hand.
    UndoOfUndo,
    /// Check the code on the centre's registration extract.
    CheckEdrpou,
    EditKept {
        path: String,
    },
    AcceptSeeWhy {
        child: String,
        mentor: String,
    },
    SeeEligibility {
        id: String,
    },
}

/// What a value should have been (for a refused `set`).
#[derive(Clone, Debug, PartialEq)]
pub enum Expected {
    /// A number of hours in whole minutes (finite and in range already).
    WholeMinutes,
    /// Text (a list's items are quoted text: `["uk", "en"]`).
    Text,
    Date,
    WholeNumber,
    Number,
    Bool,
    OneOf {
        values: String,
    },
}
