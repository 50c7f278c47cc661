//! English messages.

use super::Msg;
pub use super::en_errors::{expected_text, failure_text, hint_text};
use super::plural::en;
use crate::matching::Constraint;
use crate::record::Kind;
use crate::record::config::MatchScope;
use crate::record::enums::{Category, Disqualification, Sex};
use crate::rules::{Basis, Finding, Reference};

/// "a child", "an institution".
pub(super) fn with_article(kind: Kind) -> String {
    let article = if matches!(kind, Kind::Institution | Kind::Agreement) { "an" } else { "a" };
    format!("{article} {}", kind_name(kind))
}

pub(super) fn kind_name(kind: Kind) -> &'static str {
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
        Rule(finding) => finding_text(finding),
        RuleReference(reference) => reference_text(reference),
        Eligible { id, regime, on } => format!("{id} is eligible under the {regime} rules on {on}"),
        NotEligible { id, regime, on } => format!("{id} is NOT eligible under the {regime} rules on {on}"),
        HeaderRule => "rule".to_string(),
        HeaderStatus => "status".to_string(),
        HeaderMessage => "what".to_string(),
        HeaderReference => "basis".to_string(),
        HeaderId => "id".to_string(),
        HeaderKind => "kind".to_string(),
        HeaderVerdict => "verdict".to_string(),
        HeaderFailing => "failing rules".to_string(),
        VerdictEligible => "eligible".to_string(),
        VerdictNotEligible => "not eligible".to_string(),

        // --- matching ---
        UnmatchedNoMentor { scope } => match scope {
            MatchScope::Community => "no eligible mentor with free capacity in the child's community".to_string(),
            MatchScope::Settlement => "no eligible mentor with free capacity in the child's settlement".to_string(),
            MatchScope::Any => "no eligible mentor with free capacity".to_string(),
        },
        UnmatchedNoneFits { counts } => {
            let total: usize = counts.iter().map(|(_, n)| n).sum();
            let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {}", constraint_short(*k))).collect();
            format!("none of the {} within reach fits: {}", en(total as i128, "available mentor", "available mentors"), parts.join(", "))
        }
        UnmatchedTaken { candidates } => format!("all {} are taken by better pairs", en(*candidates as i128, "possible mentor", "possible mentors")),
        UnmatchedZeroScore { candidates } => format!("its {} score 0 and add nothing under --objective score", en(*candidates as i128, "possible pair", "possible pairs")),
        PartyFailsRule { kind, id, detail } => format!("{} `{id}`: {}", kind_name(*kind), finding_text(detail)),
        HeaderChild => "child".to_string(),
        HeaderMentor => "mentor".to_string(),
        HeaderChildName => "child's name".to_string(),
        HeaderMentorName => "mentor's name".to_string(),
        HeaderScore => "score".to_string(),
        HeaderStrongest => "strongest factors".to_string(),
        HeaderReason => "why not matched".to_string(),
        HeaderFactor => "factor".to_string(),
        HeaderPoints => "points".to_string(),
        MatchTotal { pairs, total } => format!("{}, total score {total}", en(*pairs as i128, "pair", "pairs")),
        MatchNoPairs => "no pair can be proposed".to_string(),
        MatchUnmatchedChildren => "Children left without a proposal:".to_string(),
        MatchUnmatchedMentors { ids } => format!("Mentors left without a child: {ids}"),
        WhyFeasible { child, mentor, score, regime } => format!("{child} + {mentor} can be matched ({regime} rules): score {score}"),
        WhyInfeasible { child, mentor, regime } => format!("{child} + {mentor} cannot be matched ({regime} rules):"),
        AcceptCreated { id, child, mentor } => format!("proposed agreement {id}: {child} + {mentor}"),

        // --- agreements and contacts ---
        // The codes, as `--party` takes them.
        AgreementSigned { id, party, waiting } => format!("{id}: signed by `{party}`; still waiting for: {waiting}"),
        AgreementActive { id, date } => format!("{id}: every party has signed; active from {date}"),
        AgreementReconcluded { old, new, date } => format!("{old}: closed as `reconcluded` on {date}, replaced by {new}"),
        DocumentWritten { path } => format!("wrote {path}"),
        VerifyOk { id, hash } => format!("{id}: the records still produce the signed text (fingerprint {hash})"),
        VerifyChanged { id, signed, now } => format!("{id}: the records changed since signing (fingerprint then {signed}, now {now})"),
        VerifyField { file, field } => format!("  {file}: `{field}` changed"),
        VerifyFieldsUnknown => "  which fields is unknown: signed before per-field digests were kept (see `git log` of the files)".to_string(),
        ContactColumn { column } => column.to_string(),
        // --- reports, due, status ---
        Report(msg) => super::reports::en(msg),
        Case(msg) => super::case::en(msg),

        FactorLabel(factor) => match factor {
            crate::matching::score::Factor::Interests => "interests",
            crate::matching::score::Factor::GoalAreas => "goal areas",
            crate::matching::score::Factor::Settlement => "settlement",
            crate::matching::score::Factor::Availability => "common days",
            crate::matching::score::Factor::Waiting => "waiting",
        }
        .to_string(),
        // --- finding, loading and editing ---
        NothingChanged => "nothing changed".to_string(),
        Removed { id } => format!("removed {id}"),
        Committed { summary } => format!("committed: {summary}"),
        NotCommittedNoRepo => "warning: the registry is not in a git repository; the change was not committed".to_string(),
        CheckOk { files } => format!("{files} files checked, no problems"),
        CheckSummary { errors, warnings } => format!("{}, {}", en(*errors as i128, "error", "errors"), en(*warnings as i128, "warning", "warnings")),
        InitDone { dir } => format!("created a registry in {dir}"),
        WaitingForLock => "waiting for another nastavnyk writing to this registry…".to_string(),
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
        Undone { summary } => format!("undone: {summary}"),
        SyncInvalid { count } => format!("after the pull the registry has {} (shown above): fix them, commit, then run `nastavnyk sync` again; nothing was pushed", en(*count as i128, "error", "errors")),
        SyncRenumbered { from, to } => format!("{from} was also added on the other side: yours is now {to} (its file, its references and its commits were renumbered; use {to} from now on)"),
        SyncUpToDate { remote } => format!("already in sync with {remote}"),
        SyncDone { remote, received, sent } => format!("synced with {remote}: received {}, sent {sent}", en(*received as i128, "commit", "commits")),
        MatchDetail(x) => match_detail_text(x),
        ImportUnknownColumn { header, suggestion: Some(s) } => format!("unknown column \"{header}\"; did you mean \"{s}\"?"),
        ImportUnknownColumn { header, suggestion: None } => format!("unknown column \"{header}\": name it as a field in docs/spreadsheets.md, or delete it"),
        ImportDuplicateColumn { header } => format!("column \"{header}\" appears twice"),
        ImportExpected { expected } => format!("expected {}", text(expected)),
        ImportExpectedDate => "a date DD.MM.YYYY or YYYY-MM-DD (or a date cell)".to_string(),
        ImportMissingValue { kind, field } => format!("a new record needs \"{}\" (`{field}`): add the column or fill in the cell", super::vocab::field_label(*kind, field, super::Lang::En)),
        ImportMissingColumn { kind, field } => format!("there is no column \"{}\" (`{field}`), which every new record needs", super::vocab::field_label(*kind, field, super::Lang::En)),
        ImportFormula => "a formula: type the value itself (a cell may not start with `=`)".to_string(),
        ImportControlCharacter => "a control character (tab, line break, …) in the value".to_string(),
        ImportNotText => "an error in the cell (#N/A, #REF!, …)".to_string(),
        ImportUnknownId { id, kind } => format!("there is no {} {id}: leave the ID empty to add a new one", kind_name(*kind)),
        ImportUnknownInstitution { name } => format!("no institution has the ID or name \"{name}\""),
        ImportAmbiguousInstitution { name, ids } => format!("several institutions are named \"{name}\" ({ids}): give the ID"),
        ImportSameRowPerson { row } => format!("the same person as row {row}"),
        ImportProblem { row, column, value, problem } => {
            let mut at = format!("row {row}");
            if let Some(column) = column {
                at.push_str(&format!(", \"{column}\""));
            }
            if let Some(value) = value {
                at.push_str(&format!(" = \"{value}\""));
            }
            format!("{at}: {problem}")
        }
        ImportRefused { count } => format!("nothing imported: {} in the file (above); fix them and import again", en(*count as i128, "problem", "problems")),
        ImportDone { added, updated, unchanged } => format!("imported: {added} added, {updated} updated, {unchanged} unchanged"),
        ImportDryRun { added, updated, unchanged } => format!("dry run, nothing written: {added} would be added, {updated} updated, {unchanged} unchanged"),
        ImportProgress { row, total } => format!("checking rows: {row} of {total}"),
        Progress { stage, percent, done, total } => {
            let what = match stage {
                crate::progress::Stage::Reading => "reading the registry",
                crate::progress::Stage::Checking => "checking records",
                crate::progress::Stage::Rows => "checking rows",
                crate::progress::Stage::Matching(step) => step.as_str(),
            };
            format!("{what}: {percent}% ({done}/{total})")
        }
        ImportColumn(name) => match *name {
            "id" => "ID",
            other => other,
        }
        .to_string(),
        ImportAction(name) => name.to_string(),
        Problem(x) => problem_text(x),
        Failure(x) => failure_text(x),
        Hint(x) => hint_text(x),
        Expected(x) => expected_text(x),
    }
}

fn doc_name(field: &str) -> &'static str {
    match field {
        "passport_copy" => "passport copy",
        "medical_certificate" => "medical certificate (form 5)",
        "criminal_record_certificate" => "criminal record certificate",
        _ => "document",
    }
}

fn category_name(category: Category) -> &'static str {
    match category {
        Category::Orphan => "orphan",
        Category::DeprivedOfParentalCare => "deprived of parental care",
        Category::InInstitution => "living in an institution",
        Category::DifficultCircumstances => "in difficult life circumstances",
        Category::WarAffected => "affected by the war",
        Category::ChildOfFallenDefender => "child of a fallen defender",
        Category::Displaced => "internally displaced",
        Category::CareLeaver => "care leaver",
    }
}

fn ground_text(ground: Disqualification) -> &'static str {
    use Disqualification::*;
    match ground {
        LimitedCapacity => "limited legal capacity",
        Incapable => "declared legally incapable",
        DeprivedParentalRights => "deprived of parental rights",
        CareTerminatedByFault => "an adoption, guardianship or foster care ended through their fault",
        PsychiatricRegister => "registered at a psychoneurological or narcological dispensary",
        SubstanceAbuse => "abuses alcohol or drugs",
        NoResidenceOrIncome => "no permanent residence or income",
        ListedDisease => "has a disease on the Ministry of Health's list",
        UnmarriedForeigner => "a foreigner not married to a citizen of Ukraine",
        CriminalRecord => "a conviction for a listed crime, or an unexpunged conviction",
        NeedsConstantCare => "needs constant care themselves",
        Stateless => "stateless",
        SpouseDisqualified => "the spouse is disqualified",
        ConflictOfInterest => "a conflict of interest with the child",
    }
}

fn reference_text(reference: &Reference) -> String {
    let basis = match reference.basis {
        Basis::Law2017 => "Art. 17-1 of the Law of Ukraine on organisational and legal conditions of social protection of orphans and children deprived of parental care; Regulation on mentoring (CMU Resolution No. 465 of 04.07.2017)".to_string(),
        Basis::Law2026 => "Law of Ukraine No. 4744-IX \"On mentoring\" (as reported; text not verified)".to_string(),
        Basis::FamilyCode212(0) => "Family Code of Ukraine, art. 212".to_string(),
        Basis::FamilyCode212(item) => format!("Family Code of Ukraine, art. 212, part 1, item {item}"),
        Basis::Certificates => "CMU Resolution No. 465 (documents); validity term is the centre's default, no source found".to_string(),
        Basis::CentrePractice => "the centre's practice (no legal source)".to_string(),
    };
    match &reference.parameter {
        Some(parameter) => format!("{basis}; parameter `{parameter}` in nastavnyk.toml"),
        None => basis,
    }
}

pub(super) fn constraint_short(constraint: Constraint) -> &'static str {
    match constraint {
        Constraint::Scope => "elsewhere",
        Constraint::MentorSex => "not of the preferred sex",
        Constraint::Language => "no shared language",
        Constraint::AgeGap => "too small an age gap",
        Constraint::ConflictOfInterest => "conflict of interest",
        Constraint::PreviousBreakup => "an earlier breakup",
    }
}

fn sex_word(sex: Sex) -> &'static str {
    match sex {
        Sex::Female => "female",
        Sex::Male => "male",
    }
}

/// A rule's finding.
pub fn finding_text(finding: &Finding) -> String {
    use Finding::*;
    match finding {
        MentorAgeOk { age, min } => format!("aged {age}, at least {min}"),
        MentorTooYoung { age, min } => format!("aged {age}: a mentor must be at least {min}"),
        MentorCapable => "has full legal capacity".to_string(),
        MentorNotCapable => "no full legal capacity (`legal_capacity = false`): may not be a mentor".to_string(),
        CitizenshipOk => "citizen of Ukraine".to_string(),
        CitizenshipForeign { value } => format!("citizenship {value}, not Ukrainian"),
        TrainingDone { date } => format!("training completed on {date}"),
        TrainingLater { date } => format!("training dated {date}, after the date of the check: not completed yet"),
        TrainingMissing => "training not completed: record `training.completed_on` after the course".to_string(),
        ConclusionIssued { date } => format!("the centre's conclusion issued on {date}"),
        ConclusionLater { date } => format!("conclusion dated {date}, after the date of the check: not issued yet"),
        ConclusionMissing => "no conclusion of the centre that the person may be a mentor: record `conclusion.issued_on` once issued".to_string(),
        DocumentsComplete => "passport copy, medical certificate and criminal record certificate received".to_string(),
        DocumentsMissing { which } => format!(
            "documents missing: {}; record the date each was received under [documents]",
            which.iter().map(|w| doc_name(w)).collect::<Vec<_>>().join(", ")
        ),
        CertificateOld { which, expired, months } => format!(
            "{} is older than {months} months (since {expired}): ask for a fresh one",
            doc_name(which)
        ),
        NoDisqualification => "no grounds of Family Code art. 212 recorded".to_string(),
        Disqualified { ground } => format!("may not be a mentor: {}", ground_text(*ground)),
        MentorStatusActive => "status active".to_string(),
        MentorStatusInactive { status } => format!("status `{status}`: not available"),
        CapacityFree { open, capacity } => format!("{open} of {capacity} places taken: can take another child"),
        CapacityFull { open, capacity } => format!("{open} of {capacity} places taken: no room for another child"),
        CategoryOk { category } => format!("category: {}", category_name(*category)),
        CategoryNotCovered { category, regime } => {
            format!("category {} is not covered by the {regime} rules", category_name(*category))
        }
        PlacementOk => "placement fits the regime".to_string(),
        PlacementNotInstitution { placement } => {
            format!("placement `{placement}`: under the 2017 rules the child must live in an institution")
        }
        ChildOldEnough { age, min } => format!("aged {age}, at least {min}"),
        ChildTooYoung { age, min } => format!("aged {age}: mentoring starts at {min}"),
        ChildUnderMax { age, max } => format!("aged {age}, under {max}"),
        ChildStudying { age, until } => format!("aged {age}, continuing education until {until}: may be mentored until 23"),
        CareLeaverUnder { age, max } => format!("care leaver aged {age}, under {max}"),
        ChildTooOld { age, max, studying_max } => format!(
            "aged {age}: over {max}, and not studying (`studying_until`) or a care leaver under {studying_max}"
        ),
        ConsentGiven { date } => format!("the child consented on {date}"),
        ConsentMissing => "the child's consent is not recorded: record `consent.child`".to_string(),
        CaseClosed { date, reason } => format!("the child's case was closed on {date} ({reason})"),
        AdultNewAllowed { age } => format!("aged {age}: a young person may start a new agreement under these rules"),
        AdultContinuationOnly { age } => format!("aged {age}: under these rules mentoring only continues past 18, a new agreement may not start"),
        LegalRepNotNeeded { age } => format!("aged {age}: an adult, no legal representative's consent needed"),
        LegalRepConsentGiven { date } => format!("the legal representative consented on {date}"),
        LegalRepConsentMissing => "the legal representative's consent is not recorded: record `consent.legal_representative`".to_string(),
        ChildFree => "no open agreement".to_string(),
        ChildHasAgreement { open } => format!("already in {}", en(*open as i128, "open agreement", "open agreements")),
    }
}

pub fn match_detail_text(x: &crate::matching::explain::Detail) -> String {
    use crate::matching::explain::Detail::*;
    match x {
        ConstraintCommunity { child, mentor } => format!(
            "different communities: the child's is {child}, the mentor's {mentor} (`[matching] scope`)"
        ),
        ConstraintSettlement { child, mentor } => format!(
            "different settlements: the child's is `{child}`, the mentor's `{mentor}` (`[matching] scope = \"settlement\"`)"
        ),
        ConstraintMentorSex { wanted, mentor } => {
            format!("the child prefers a {} mentor; this mentor is {}", sex_word(*wanted), sex_word(*mentor))
        }
        ConstraintLanguage { child, mentor } => {
            format!("no shared language: the child speaks {child}, the mentor {mentor}")
        }
        ConstraintAgeGap { gap, min } => format!(
            "the mentor is {} older than the child; at least {min} required (`[matching] min_age_gap`)",
            en(*gap, "year", "years")
        ),
        ConstraintConflict { entry } => {
            format!("conflict of interest: the mentor's `conflicts` lists {entry}")
        }
        ConstraintBreakup { agreement } => format!(
            "this pair's agreement {agreement} ended because the child refused or the mentor withdrew"
        ),
        FactorInterests { shared } if shared.is_empty() => "no shared interests".to_string(),
        FactorInterests { shared } => format!("shared interests: {}", shared.join(", ")),
        FactorGoalAreas { areas } if areas.is_empty() => {
            "the mentor helps with none of the child's goal areas".to_string()
        }
        FactorGoalAreas { areas } => format!(
            "goal areas the mentor helps with: {}",
            areas.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", ")
        ),
        FactorSettlement { same: true, child, .. } => format!("both in {child}"),
        FactorSettlement { same: false, child, mentor } if child.is_empty() || mentor.is_empty() => {
            "the settlement of one or both is not recorded".to_string()
        }
        FactorSettlement { same: false, child, mentor } => {
            format!("different or unknown settlements (`{child}` / `{mentor}`)")
        }
        FactorAvailability { days } if days.is_empty() => "no common day of the week".to_string(),
        FactorAvailability { days } => {
            format!("common days: {}", days.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(", "))
        }
        FactorWaiting { days, since } => format!("waiting {}, since {since}", en(*days, "day", "days")),
    }
}

pub fn problem_text(x: &crate::diagnostic::Problem) -> String {
    use crate::diagnostic::Problem::*;
    match x {
        InstitutionDiffers { child_institution, child, institution } => format!(
            "child {child} is now with institution {child_institution}, but the running agreement is with {institution}: re-conclude it (`agreement renew --institution {child_institution}`)"
        ),
        InstitutionMissing { child, signs } => format!(
            "the agreement has no `institution` and needs one: {}; add `institution = \"ID\"` to the agreement's file",
            if *signs {
                "the institution is among the parties who sign it (`parties`)".to_string()
            } else {
                format!("child {child} is not in a family placement")
            }
        ),
        PastTerm { ends_on } => format!(
            "the agreement's term ended on {ends_on} and it still runs: close it or re-conclude it for a further term"
        ),
        SuspensionUndecided { since, days } => format!(
            "suspended since {since} ({}) without a decision: resume or close it",
            en(*days, "day", "days")
        ),
        CheckinOverdue { due, last: Some(last) } => {
            format!("centre check-in was due by {due}; the last one was on {last}")
        }
        CheckinOverdue { due, last: None } => {
            format!("first centre check-in was due by {due}; none recorded yet")
        }
        TomlSyntax { detail } => format!("TOML syntax error: {detail}"),
        UnknownKey { key, suggestion: Some(s) } => format!("unknown key `{key}`; did you mean `{s}`?"),
        UnknownKey { key, suggestion: None } => format!("unknown key `{key}`"),
        MissingKey { key } => format!("required key `{key}` is missing"),
        BadValue { detail } => format!("invalid value: {detail}"),
        BadEnumValue { value, expected } => {
            format!("`{value}` is not allowed here; expected one of: {expected}")
        }
        BadDate { detail } => format!("invalid date: {detail}"),
        IdMismatch { id, stem } => {
            format!("id `{id}` differs from the file name `{stem}.toml`; they must be equal")
        }
        InvalidId { id } => format!(
            "`{id}` is not a valid ID: use lowercase letters, digits and `-`, at most 64, like `c-0001`"
        ),
        InvalidFileName { name } => {
            format!("`{name}` is not a valid record file name: expected `<id>.toml` with a valid ID")
        }
        UnknownReference { field, id, kind } => {
            format!("`{field}` refers to {} `{id}`, which does not exist", kind_name(*kind))
        }
        DuplicatePerson { other } => {
            format!("same surname, given name and birth date as {other}: the same person entered twice?")
        }
        DuplicateId { other } => {
            format!("the ID is also used by {other}; IDs must be unique across the registry")
        }
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
        BadCitizenship { value } => {
            format!("citizenship `{value}` must be an ISO 3166 alpha-2 code like `UA`")
        }
        EmptyField { field } => format!("`{field}` is empty"),
        HoursPerContact { hours } => format!(
            "`{hours}` hours: a contact lasts more than 0 and at most 24 hours (never negative), in whole minutes (e.g. 1.5)"
        ),
        OutOfRange { key, value, range } => format!("`{key}` = {value} is out of range; allowed: {range}"),
        ControlCharacters { field } => {
            format!(
                "`{field}` contains a control character or a line break; write it on one line, as plain text"
            )
        }
        NotRegularFile => "not a regular file (a link or a folder); records must be plain files".to_string(),
        SchemaVersion { found } => format!("schema {found} is not supported by this version (expected 1)"),
        SignedWithoutDate => "status is active or suspended but `signed_on` is missing".to_string(),
        ActiveWithoutSignatures => "`signed_on` is set but the required signatures are missing".to_string(),
        ClosedWithoutClosure => "status is `closed` but the `[closure]` table is missing".to_string(),
        ClosureWithoutClosedStatus => "`[closure]` is present but status is not `closed`".to_string(),
        RegimeMismatch { regime, expected } => {
            format!(
                "regime `{regime}` but `{expected}` applied when the agreement was concluded (or, unsigned, proposed)"
            )
        }

        // --- eligibility (rules) ---
        PartyIneligible { kind, id, regime, code, detail } => format!(
            "{} `{id}` no longer eligible under the {regime} rules ({code}): {}",
            kind_name(*kind),
            finding_text(detail)
        ),
        ParticularsMissing { agreement, field } => {
            format!("agreement {agreement} would print a blank line for `{field}`: fill it in before signing")
        }
        DocumentExpiring { which, expires } => {
            format!("{} stops being valid on {expires}: ask for a fresh one", doc_name(which))
        }
        OutingNeedsConsents { missing } => format!(
            "an `outing` needs the consent of the child, the legal representative and the institution; missing: {missing} (add --consents child,legal_representative,institution)"
        ),
        ReadFailed { detail } => format!("cannot read: {detail}"),
        FilePermissions { path } => format!(
            "other users of this computer can read {path}: children’s data must be readable by its owner only (chmod -R go-rwx {path})"
        ),
    }
}
