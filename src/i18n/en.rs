//! English messages.

use super::Msg;
use crate::record::Kind;

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Child => "child",
        Kind::Mentor => "mentor",
        Kind::Institution => "institution",
        Kind::Agreement => "agreement",
    }
}

pub fn text(msg: &Msg) -> String {
    use Msg::*;
    match msg {
        // --- registry and records (check) ---
        TomlSyntax { detail } => format!("TOML syntax error: {detail}"),
        UnknownKey { key, suggestion: Some(s) } => format!("unknown key `{key}`; did you mean `{s}`?"),
        UnknownKey { key, suggestion: None } => format!("unknown key `{key}`"),
        MissingKey { key } => format!("required key `{key}` is missing"),
        BadValue { detail } => format!("invalid value: {detail}"),
        BadEnumValue { value, expected } => format!("`{value}` is not allowed here; expected one of: {expected}"),
        BadDate { detail } => format!("invalid date: {detail}"),
        IdMismatch { id, stem } => format!("id `{id}` differs from the file name `{stem}.toml`; they must be equal"),
        InvalidId { id } => format!("`{id}` is not a valid ID: use lowercase letters, digits and `-`, at most 64, like `c-0001`"),
        InvalidFileName { name } => format!("`{name}` is not a valid record file name: expected `<id>.toml` with a valid ID"),
        UnknownReference { field, id, kind } => format!("`{field}` refers to {} `{id}`, which does not exist", kind_name(*kind)),
        DuplicatePerson { other } => format!("same surname, given name and birth date as {other}: the same person entered twice?"),
        DuplicateId { other } => format!("the ID is also used by {other}; IDs must be unique across the registry"),
        DateOrder { later, later_date, earlier, earlier_date } => {
            format!("`{later}` ({later_date}) is before `{earlier}` ({earlier_date})")
        }
        DateInFuture { field, date } => format!("`{field}` ({date}) is in the future"),
        ContactBeforeSigning { date, signed_on } => {
            format!("contact on {date} is before the agreement was signed ({signed_on})")
        }
        ContactOutsideAgreement { date } => format!("contact on {date} but the agreement is not signed"),
        SeveralOpenAgreements { child, others } => {
            format!("child `{child}` has more than one open agreement: {others}")
        }
        MentorOverCapacity { mentor, open, capacity } => {
            format!("mentor `{mentor}` has {open} open agreements but capacity {capacity}")
        }
        BadLanguageCode { code } => format!("`{code}` is not an ISO 639-1 language code like `uk` or `en`"),
        BadEdrpou { value } => format!("ЄДРПОУ `{value}` must be 8 digits"),
        BadCitizenship { value } => format!("citizenship `{value}` must be an ISO 3166 alpha-2 code like `UA`"),
        EmptyField { field } => format!("`{field}` is empty"),
        NegativeHours => "hours must not be negative".to_string(),
        SchemaVersion { found } => format!("schema {found} is not supported by this version (expected 1)"),
        SignedWithoutDate => "status is active or suspended but `signed_on` is missing".to_string(),
        ActiveWithoutSignatures => "`signed_on` is set but the required signatures are missing".to_string(),
        ClosedWithoutClosure => "status is `closed` but the `[closure]` table is missing".to_string(),
        ClosureWithoutClosedStatus => "`[closure]` is present but status is not `closed`".to_string(),
        RegimeMismatch { regime, expected } => {
            format!("regime `{regime}` but the agreement was proposed when `{expected}` applied")
        }

        // --- finding, loading and editing ---
        RegistryNotFound => "no registry found: pass -C DIR, set NASTAVNYK_RECORDS, or run inside a folder with nastavnyk.toml (create one with `nastavnyk init DIR`)".to_string(),
        RegistryMissing { dir } => format!("{dir}: no such folder"),
        NotARegistry { dir } => format!("{dir} has no nastavnyk.toml: not a registry (create one with `nastavnyk init {dir}`)"),
        ReadFailed { detail } => format!("cannot read: {detail}"),
        RegistryInvalid { count } => format!("the registry has {count} problem(s) that must be fixed first"),
        RunCheck => "run `nastavnyk check` to see every problem".to_string(),
        UnknownId { id } => format!("no record with ID `{id}`"),
        UnknownIdOfKind { id, kind } => format!("no {} with ID `{id}`", kind_name(*kind)),
        UnknownField { field, suggestion: Some(s) } => format!("unknown field `{field}`; did you mean `{s}`?"),
        UnknownField { field, suggestion: None } => format!("unknown field `{field}`"),
        FieldNotSettable { field } => format!("`{field}` cannot be set this way"),
        BadAssignment { arg } => format!("`{arg}` is not an assignment: write field=value, e.g. settlement=Житомир"),
        BadFieldValue { field, value, expected } => format!("`{field}`: `{value}` is not {}", text(expected)),
        ExpectedDate => "a date YYYY-MM-DD".to_string(),
        ExpectedWholeNumber => "a whole number".to_string(),
        ExpectedNumber => "a number".to_string(),
        ExpectedBool => "true or false".to_string(),
        ExpectedOneOf { values } => format!("one of {values}"),
        RefusedInvalid => "refused: the change would make the registry invalid; nothing was written".to_string(),
        StillReferenced { id, by } => format!("`{id}` is still referred to by {by}; nothing was removed"),
        EditorFailed { editor } => format!("the editor `{editor}` failed; nothing was changed"),
        NothingChanged => "nothing changed".to_string(),
        Saved { id } => format!("saved {id}"),
        Removed { id } => format!("removed {id}"),
        Committed { summary } => format!("committed: {summary}"),
        NotCommittedNoRepo => "warning: the registry is not in a git repository; the change was not committed".to_string(),
        CheckOk { files } => format!("{files} files checked, no problems"),
        CheckSummary { errors, warnings } => format!("{errors} error(s), {warnings} warning(s)"),
        InitDone { dir } => format!("created a registry in {dir}"),
        InitNotEmpty { dir } => format!("{dir} already holds a registry (nastavnyk.toml)"),
        BadDateArg { value } => format!("`{value}` is not a date: write YYYY-MM-DD, e.g. 2026-11-23"),
        WaitingForLock => "waiting for another nastavnyk writing to this registry…".to_string(),
        GitFailed { detail } => format!("git failed: {detail}"),
        EditKept { path } => format!("your edit is kept in {path}: fix it and run `edit` again to continue from it"),
        MissingRequired { field } => format!("`{field}` is required"),

        // --- history, undo, sync ---
        NoRepository => "the registry is not in a git repository: there is no history to read, undo or share (start one with `git init` and commit the registry)".to_string(),
        HistoryUnknownId { id } => format!("no record with ID `{id}`, now or in the registry's git history"),
        HistoryHeader { column } => match column.as_str() {
            "commit" => "commit",
            "date" => "date",
            "author" => "author",
            "action" => "action",
            "record" => "record",
            "reason" => "reason",
            "field" => "field",
            "old" => "old",
            "new" => "new",
            other => other,
        }
        .to_string(),
        HistoryManual => "manual edit".to_string(),
        HistoryAdded => "record created".to_string(),
        HistoryRemoved => "record removed".to_string(),
        HistoryRenamed { from } => format!("renamed from {from}"),
        HistoryLayoutOnly => "no field changed (comments or layout only)".to_string(),
        HistoryUnparsable => "a version of the file is not valid TOML: fields not compared".to_string(),
        HistoryReason { reason } => format!("reason: {reason}"),
        HistoryEmpty => "no commits yet".to_string(),
        UndoDirty { files } => format!("the registry has uncommitted changes ({files}): commit or discard them first; nothing undone"),
        UndoNotOurs { commit } => format!("the last commit ({commit}) was not made by nastavnyk: undo only reverts the tool's own changes (use `git revert` for others); nothing undone"),
        UndoNothing => "nothing to undo: the last commit created the registry".to_string(),
        UndoRefused => "refused: undoing the last change would leave the registry invalid; nothing undone".to_string(),
        Undone { summary } => format!("undone: {summary}"),
        SyncNoRemote => "the registry's repository has no remote to share it through: add one with `git remote add origin URL`, then run `nastavnyk sync`".to_string(),
        SyncDetached => "the repository is not on a branch (detached HEAD): check out a branch, then run `nastavnyk sync`".to_string(),
        SyncDirty { files } => format!("the registry has uncommitted changes ({files}): commit or discard them before sharing; nothing synced"),
        SyncConflict { files, remote } => format!("both you and {remote} changed {files}: nothing was changed here (your clone is as it was before sync). To combine the changes run `git pull --rebase`, resolve the conflict, then `nastavnyk check` and `nastavnyk sync`"),
        SyncInvalid { count } => format!("after the pull the registry has {count} error(s) (shown above): fix them, commit, then run `nastavnyk sync` again; nothing was pushed"),
        SyncUpToDate { remote } => format!("already in sync with {remote}"),
        SyncDone { remote, received, sent } => format!("synced with {remote}: received {received} commit(s), sent {sent}"),
        SyncRaced { remote } => format!("{remote} kept changing while syncing: run `nastavnyk sync` again"),
    }
}
