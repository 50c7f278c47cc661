//! The texts of errors in English: every `Failure`, `Hint` and `Expected` (kept apart from
//! the rest of the catalogue so that neither file grows past what one reads at a sitting).

use super::en::*;
use super::plural::en;

pub fn failure_text(x: &crate::error::Failure) -> String {
    use crate::error::EdrpouFlaw;
    use crate::error::Failure::*;
    match x {
        IdOfOtherKind { id, found, wanted } => format!(
            "`{id}` is {}, not {}",
            with_article(*found),
            wanted.iter().map(|k| with_article(*k)).collect::<Vec<_>>().join(" or ")
        ),
        BadQuarter { value } => format!("`{value}` is not a quarter: write YYYY-Qn, n from 1 to 4, e.g. 2026-Q3"),
        BadYear { value } => format!("`{value}` is not a year: write YYYY, e.g. 2026"),
        BadPeriodDate { value } => {
            format!("`{value}` is not a date: write YYYY-MM-DD or DD.MM.YYYY, e.g. 2026-03-01 or 01.03.2026")
        }
        FromAfterTo { from, to } => {
            format!("--from {from} is after --to {to}: a period must start no later than it ends")
        }
        PeriodMissing => "give the period: --from DATE --to DATE, or --quarter YYYY-Qn, or --year YYYY".into(),
        AsOfNoGit { dir } => {
            format!("{dir} is not in a git repository: with no history there is no past state (drop --as-of)")
        }
        AsOfNoCommit { date } => format!("the registry had no commit by the end of {date}: take a later date"),
        NotARegionRegistry { source, detail } => format!(
            "`{source}` is not a registry: give a folder holding nastavnyk.toml, or a git repository \
             (path or URL) that holds one{}",
            detail.as_ref().map(|d| format!(" ({d})")).unwrap_or_default()
        ),
        RegionNoNames => {
            "--with-names does not apply to a report consolidating several registries: names stay at the centre"
                .into()
        }
        RegionListsUnsupported => "--registry consolidates indicators (`report monthly`, `report period`); \
            the lists of agreements, children and mentors stay at their centres"
            .into(),
        RegionDuplicateCentre { centre, first, second } => format!(
            "`{first}` and `{second}` are registries of one centre (ЄДРПОУ {centre}): keep one, \
             so the centre is not counted twice"
        ),
        ByUnsupported => "--by breaks down indicators (`report monthly`, `report period`), not lists".into(),
        AdultSignsForThemselves { id, child, age } => format!("the young person {child} of agreement {id} is {age}: an adult has full capacity and no legal representative, so `young_person` signs instead"),
        RenewalPending { id, renewal } => format!("agreement {id} is already being re-concluded by {renewal}: sign it, or close it first"),
        SuspendedNoMentoring { id, kind } => format!("agreement {id} is suspended: a `{kind}` with the mentor cannot take place; the centre's visits and check-ins (visit, checkin_child, checkin_mentor) are recorded"),
        ContactAfterTerm { id, kind, ends_on } => format!("agreement {id} ended on {ends_on}: a `{kind}` after its term is refused; close the agreement or re-conclude it (`agreement renew {id}`) for a further term"),
        ChildAlreadyClosed { child, date } => format!("the case of {child} was already closed on {date}"),
        NotACaseClosure { reason } => format!("`{reason}` ends an agreement, not a child's case: close the agreement with it (`agreement close`); the child stays on the list for another mentor"),
        ChildHasOpenAgreements { child, agreements } => format!("the case of {child} cannot be closed while agreement {agreements} is open: close it first (`agreement close`)"),
        Problem(problem) => problem_text(problem),
        CannotRead { path } => format!("cannot read {path}"),
        CannotWrite { path } => format!("cannot write {path}"),
        BadMonth { value } => format!("`{value}` is not a month: write YYYY-MM or MM.YYYY, e.g. 2026-10 or 10.2026"),
        BadWeight { name } => format!("`[matching.weights] {name}` in nastavnyk.toml must be a number from 0 to 1000000"),
        WhyNotAChild { id } => format!("`{id}` is not a child: give `match why CHILD MENTOR`"),
        WhyNotAMentor { id } => format!("`{id}` is not a mentor: give `match why CHILD MENTOR`"),
        AcceptRefused { child, mentor, reasons } => format!(
            "{child} + {mentor} cannot be proposed; nothing written:{}",
            reasons.iter().map(|r| format!("\n  - {r}")).collect::<String>()
        ),
        NotEligibleOn { id, on, failures } => {
            let rules: Vec<String> = failures.iter().map(|(code, msg)| format!("{code}: {}", finding_text(msg))).collect();
            format!("{id} is not eligible on {on}: {}; nothing changed", rules.join("; "))
        }
        AgreementClosed { id, date, action } => format!("agreement {id} is already closed ({date}): cannot `{action}` it; nothing changed"),
        AgreementWrongStatus { id, status, action, expected } => format!("agreement {id} is `{status}`; `{action}` needs it {expected}; nothing changed"),
        NoInstitution { child } => format!("child {child} has no `institution`: give --institution ID or run `nastavnyk child set {child} institution=ID`"),
        PartyNotRequired { party, regime, required } => format!("`{party}` is not a party to the agreement under the {regime} rules (parties: {required})"),
        PartyAlreadySigned { id, party, date } => format!("`{party}` already signed agreement {id} ({date}); nothing changed"),
        SignaturesMissing { id, parties } => format!("agreement {id} is not signed yet by: {parties}; it cannot be activated"),
        SameInstitution { id, institution } => format!("agreement {id} is already with institution {institution}"),
        TemplateMissing { name } => format!("no template `{name}` in the registry's templates/ nor built in"),
        TemplateError { name, line: Some(line), detail } => format!("{name}:{line}: template error: {detail}"),
        TemplateError { name, line: None, detail } => format!("{name}: template error: {detail}"),
        DocxNeedsOutput => "DOCX is a binary file: give -o FILE.docx or redirect the output to a file".to_string(),
        NotSignedYet { id } => format!("agreement {id} is not signed yet (no `signed_hash`): nothing to verify"),
        RegistryNotFound => "no registry found: pass -C DIR, set NASTAVNYK_RECORDS, or run inside a folder with nastavnyk.toml (create one with `nastavnyk init DIR`)".to_string(),
        RegistryMissing { dir } => format!("{dir}: no such folder"),
        NotARegistry { dir } => format!("{dir} has no nastavnyk.toml: not a registry (create one with `nastavnyk init {dir}`)"),
        RegistryInvalid { count } => format!("the registry has {} that must be fixed first", en(*count as i128, "problem", "problems")),
        UnknownId { id } => format!("no record with ID `{id}`"),
        UnknownIdOfKind { id, kind } => format!("no {} with ID `{id}`", kind_name(*kind)),
        UnknownField { field, suggestion: Some(s) } => format!("unknown field `{field}`; did you mean `{s}`?"),
        UnknownField { field, suggestion: None } => format!("unknown field `{field}`"),
        FieldNotSettable { field } => format!("`{field}` cannot be set this way"),
        BadAssignment { arg } => format!("`{arg}` is not an assignment: write field=value, e.g. settlement=Житомир"),
        BadFieldValue { field, value, expected } => format!("`{field}`: `{value}` is not {}", expected_text(expected)),
        RefusedInvalid => "refused: the change would make the registry invalid; nothing was written".to_string(),
        StillReferenced { id, by } => format!("`{id}` is still referred to by {by}; nothing was removed"),
        EditorFailed { editor } => format!("the editor `{editor}` failed; nothing was changed"),
        InitNotEmpty { dir } => format!("{dir} already holds a registry (nastavnyk.toml)"),
        GitNotRunnable => "cannot run git: the registry keeps its history in git, so it must be installed (https://git-scm.com) with the `git` command on the PATH".to_string(),
        GitFailed { detail } => format!("git failed: {detail}"),
        GitIdentityMissing => "git does not know who you are, and every change is committed under a name; nothing written".to_string(),
        GitOperationStopped { operation, dir } => format!("{} is stopped half-way in {dir}: a commit now would land inside it; nothing written", git_operation(*operation)),
        DetachedHead { dir } => format!("{dir} is on a detached HEAD (no branch): a commit here would belong to no branch; nothing written"),
        StrayChanges { file } => format!("{file} has uncommitted changes (a hand edit, or a write that was interrupted), which this change would commit under its own name; nothing written"),
        PutBackFailed { failure, unrestored, still_staged } => {
            let mut left: Vec<String> = unrestored.iter().map(|(file, why)| format!("{file} is not as it was ({why})")).collect();
            if let Some(failure) = still_staged {
                left.push(format!("the index still stages the changes ({})", failure_text(failure)));
            }
            format!("{}\nPutting things back failed as well: {}", failure_text(failure), left.join("; "))
        }
        PushRefused { remote, server } => format!("{remote} refused the push:\n{server}\nNothing was sent; your commits are kept"),
        UndoOtherRegistry { commit, registry } => format!("the last commit ({commit}) changed files outside this registry ({registry}): it is not this registry's change; nothing undone"),
        UndoOfUndo { commit, reverted } => format!("the last change ({commit}) is itself an undo (of {reverted}), and undo does not undo an undo; nothing undone"),
        BadEdrpou { code, flaw: EdrpouFlaw::NotEightDigits } => format!("--edrpou {code}: a ЄДРПОУ code is exactly 8 digits; nothing written"),
        BadEdrpou { code, flaw: EdrpouFlaw::CheckDigit { expected } } => format!("--edrpou {code}: its check digit does not match (the last digit should be {expected}); nothing written"),
        EditCopyStale { path, record } => format!("{path} holds an earlier edit of {record} taken before the record last changed, so it is not written back: compare it with {record}, carry over what you still need, then delete it and run `edit` again"),
        OutputNotRegular { path } => format!("{path} is not a regular file (a directory, FIFO, device or broken link): nothing was written; give a file name, or `-` for standard output"),
        MissingRequired { field } => format!("`{field}` is required"),

        // --- history, undo, sync ---
        NoRepository => "the registry is not in a git repository: there is no history to read, undo or share (start one with `git init` and commit the registry)".to_string(),
        HistoryUnknownId { id } => format!("no record with ID `{id}`, now or in the registry's git history"),
        UndoDirty { files } => format!("the registry has uncommitted changes ({files}): commit or discard them first; nothing undone"),
        UndoNotOurs { commit } => format!("the last commit ({commit}) was not made by nastavnyk: undo only reverts the tool's own changes (use `git revert` for others); nothing undone"),
        UndoNothing => "nothing to undo: the last commit created the registry".to_string(),
        UndoRefused => "refused: undoing the last change would leave the registry invalid; nothing undone".to_string(),
        SyncNoRemote => "the registry's repository has no remote to share it through: add one with `git remote add origin URL`, then run `nastavnyk sync`".to_string(),
        SyncDetached => "the repository is not on a branch (detached HEAD): check out a branch, then run `nastavnyk sync`".to_string(),
        SyncDirty { files } => format!("the registry has uncommitted changes ({files}): commit or discard them before sharing; nothing synced"),
        SyncConflict { files, remote } => format!("both you and {remote} changed {files}: nothing was changed here (your clone is as it was before sync). To combine the changes run `git pull --rebase`, resolve the conflict, then `nastavnyk check` and `nastavnyk sync`"),
        SyncRaced { remote } => format!("{remote} kept changing while syncing: run `nastavnyk sync` again"),
        XlsxNoTable => "this command prints no table to put in a workbook: use `--format table`, `csv` or `json`".to_string(),
        BinaryToTerminal => "XLSX is a binary file and is not written to a terminal: give `-o FILE.xlsx` or redirect the output (`> FILE.xlsx`)".to_string(),
        XlsxFailed { detail } => format!("could not make the XLSX: {detail}"),
        ImportUnreadable { path, detail } => format!("cannot read {path}: {detail}; an XLSX or CSV file (UTF-8, `,` or `;` between fields) is needed"),
        ImportNoSheet { sheet, sheets } => format!("the workbook has no sheet \"{sheet}\"; it has: {sheets}"),
        ImportEmpty { path } => format!("{path} has no header row: the first row must name the columns (Surname, Given name, …)"),
        ImportNotUtf8 { path } => format!("{path} is not UTF-8 (Windows-1251, most likely): in Excel, save it as «CSV UTF-8 (Comma delimited)» or as an XLSX workbook"),
    }
}

pub fn hint_text(x: &crate::error::Hint) -> String {
    use crate::error::Hint::*;
    match x {
        AcceptSeeWhy { child, mentor } => format!("see `nastavnyk match why {child} {mentor}`"),
        SeeEligibility { id } => format!("details: `nastavnyk eligibility {id}`"),
        RunCheck => "run `nastavnyk check` to see every problem".to_string(),
        SetGitIdentity => "tell git who you are, once: `git config --global user.name \"Ім'я Прізвище\"` and `git config --global user.email you@example.org`, then run the command again".to_string(),
        FinishGitOperation { operation, dir } => {
            let command = operation.command();
            format!("finish or abandon it first: `git -C {dir} {command} --continue` or `git -C {dir} {command} --abort`")
        }
        SwitchToBranch { dir } => format!("go back to your branch first: `git -C {dir} switch main` (or the branch you work on)"),
        CommitOrRestore { root, file } => format!("commit them (`git -C {root} commit -- {file}`) or throw them away (`git -C {root} restore --staged --worktree -- {file}`), then run the command again"),
        RestoreByHand { root, paths } => format!("to return these files to their last commit: `git -C {root} restore --staged --worktree -- {paths}`"),
        FixPushRefusal => "fix what the server names (ask its administrator if unsure), then run `nastavnyk sync` again".to_string(),
        UndoElsewhere { commit } => format!("run undo in the registry it belongs to, or use `git revert {commit}`"),
        UndoOfUndo => "to bring the change back, make it again; to go further back, revert the older commit by hand (`git revert <commit>`, see `nastavnyk history`)".to_string(),
        CheckEdrpou => "check the code on the centre's registration extract".to_string(),
        EditKept { path } => {
            format!("your edit is kept in {path}: fix it and run `edit` again to continue from it")
        }
    }
}

pub fn expected_text(x: &crate::error::Expected) -> String {
    use crate::error::Expected::*;
    match x {
        WholeMinutes => "a number of hours in whole minutes (e.g. 1.5 or 0.25)".to_string(),
        Text => "text (a list's items are quoted: [\"uk\", \"en\"])".to_string(),
        Date => "a date YYYY-MM-DD or DD.MM.YYYY".to_string(),
        WholeNumber => "a whole number".to_string(),
        Number => "a number".to_string(),
        Bool => "true or false".to_string(),
        OneOf { values } => format!("one of {values}"),
    }
}

/// A stopped git operation, as the sentence names it.
fn git_operation(operation: crate::error::GitOperation) -> &'static str {
    use crate::error::GitOperation::*;
    match operation {
        Rebase => "a rebase",
        Merge => "a merge",
        CherryPick => "a cherry-pick",
        Revert => "a revert",
    }
}
