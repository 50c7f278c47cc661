//! The arguments of the record, agreement, contact, report and match commands.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use clap::builder::PossibleValuesParser;

use super::{LIST_STATUSES, codes, parse_contact_hours, parse_date};
use crate::record::Minutes;
use crate::record::date::Date;
use crate::record::enums::*;

/// The CRUD subcommands shared by children, mentors and institutions; `F` is the kind's
/// `add` flags.
#[derive(Debug, Subcommand)]
pub enum RecordCommand<F: Args> {
    /// Add a record; prints the new ID.
    Add {
        #[command(flatten)]
        fields: F,
        /// Further fields as key=value (dotted keys for tables, e.g. consent.child=2026-09-05).
        #[arg(value_name = "KEY=VALUE")]
        assignments: Vec<String>,
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// Show one record; with --full (children and mentors) the case file: the record,
    /// eligibility today, agreements, recent contacts, what is due and the last changes.
    Show {
        id: String,
        #[command(flatten)]
        full: FullArgs,
    },
    /// List records.
    List(ListArgs),
    /// Change fields: `set ID key=value…` (a list as a TOML array or comma-separated; an empty
    /// value removes an optional field). Comments and layout of the file are kept.
    Set {
        id: String,
        #[arg(value_name = "KEY=VALUE", required = true)]
        assignments: Vec<String>,
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// Open the record in $VISUAL/$EDITOR; the result is validated before anything is written.
    Edit {
        id: String,
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// Remove a record no other record refers to.
    Remove {
        id: String,
        #[command(flatten)]
        reason: ReasonArg,
    },
}

/// The record subcommands of children, and closing a child's case.
// Parsed once per run: the size of a variant does not matter, and a Box would only move the
// same lint onto `Command`, whose other record variants are as large.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum ChildCommand {
    #[command(flatten)]
    Record(RecordCommand<ChildFields>),
    /// Close a child's case (знято з обліку): the service ended for them. Refused while an
    /// agreement of theirs is open.
    Close {
        id: String,
        #[command(flatten)]
        date: DateArg,
        /// Why the case closes (e.g. family_reunification, adoption, family_placement,
        /// child_turned_18, education_finished, moved_away, death, other).
        #[arg(long, value_name = "REASON", required = true, value_parser = case_closure_reasons())]
        reason: ClosureReason,
        /// A note stored with the closure.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
}

/// The closure reasons that end a child's case (`ClosureReason::closes_a_case`): only these
/// are offered in `--help`, completion and clap's error for `child close --reason`.
fn case_closure_reasons() -> impl clap::builder::TypedValueParser<Value = ClosureReason> {
    use clap::builder::TypedValueParser as _;
    let names = ClosureReason::NAMES
        .iter()
        .copied()
        .filter(|name| ClosureReason::parse(name).is_some_and(ClosureReason::closes_a_case));
    clap::builder::PossibleValuesParser::new(names)
        .map(|text| ClosureReason::parse(&text).expect("every possible value is a closure reason"))
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The record (child, mentor, institution or agreement), also one since removed.
    pub id: Option<String>,
    /// How many commits of the recent log to show (without an ID).
    #[arg(short = 'n', long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Show the values of name fields (surname, given_name, patronymic,
    /// consent.legal_representative_name) instead of •••.
    #[arg(long)]
    pub with_names: bool,
}

/// `show --full`: the case file of a child or mentor on one screen.
#[derive(Debug, Clone, Args)]
pub struct FullArgs {
    /// The case file (children and mentors): the record, eligibility today, agreements, the
    /// last contacts, what is due and the last 5 changes from history.
    #[arg(long)]
    pub full: bool,
    /// How many of the latest contacts the case file shows.
    #[arg(long, value_name = "N", default_value_t = 5, requires = "full")]
    pub contacts: usize,
}

/// `find TEXT [--kind K] [--with-names]`.
#[derive(Debug, Args)]
pub struct FindArgs {
    /// A part of a name (or a whole name, «Коваленко Марія»), an ID, an agreement's number,
    /// a settlement or a community; case, apostrophes (' ’ ʼ) and extra spaces do not matter.
    #[arg(value_name = "TEXT", value_parser = parse_find_text)]
    pub text: String,
    /// Only records of this kind.
    #[arg(long, value_enum)]
    pub kind: Option<FindKind>,
    /// Show children's and mentors' names (left out by default: children's data is sensitive).
    #[arg(long)]
    pub with_names: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FindKind {
    Child,
    Mentor,
    Institution,
    Agreement,
}

impl From<FindKind> for crate::record::Kind {
    fn from(kind: FindKind) -> crate::record::Kind {
        use crate::record::Kind;
        match kind {
            FindKind::Child => Kind::Child,
            FindKind::Mentor => Kind::Mentor,
            FindKind::Institution => Kind::Institution,
            FindKind::Agreement => Kind::Agreement,
        }
    }
}

/// The value parser of `find`'s TEXT: something must be left once spaces are trimmed.
fn parse_find_text(text: &str) -> Result<String, crate::i18n::usage::BadArgValue> {
    if crate::search::Query::new(text).is_none() {
        return Err(crate::i18n::usage::BadArgValue::NothingToFind);
    }
    Ok(text.to_string())
}

#[derive(Debug, Clone, Args)]
pub struct ReasonArg {
    /// Why: goes into the commit's `Reason:` trailer, the audit trail.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only records of this community.
    #[arg(long)]
    pub community: Option<String>,
    /// Only records with this status (mentors: active|paused|withdrawn; children: waiting|matched).
    #[arg(long, value_parser = PossibleValuesParser::new(LIST_STATUSES.iter().copied()))]
    pub status: Option<String>,
    /// Only records whose field has this value, e.g. --where sex=female (repeatable).
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub filters: Vec<String>,
    /// Show names (they are left out by default: children's data is sensitive).
    #[arg(long)]
    pub with_names: bool,
}

/// The heading of the flags `add` cannot do without: clap refuses a command line missing any
/// of them, naming every one at once, before the registry is touched. (They stay `Option`s:
/// `cmd::record` turns every flag into an assignment the same way, given or not.)
pub(super) const REQUIRED: &str = "Required fields";

/// The `add` flags children and mentors share.
#[derive(Debug, Clone, Args)]
pub struct PersonFields {
    /// The surname (прізвище).
    #[arg(long, required = true, help_heading = REQUIRED)]
    pub surname: Option<String>,
    /// The given name (ім'я).
    #[arg(long, required = true, help_heading = REQUIRED)]
    pub given_name: Option<String>,
    #[arg(long)]
    pub patronymic: Option<String>,
    /// YYYY-MM-DD or DD.MM.YYYY
    #[arg(long, value_name = "DATE", value_parser = parse_date, required = true, help_heading = REQUIRED)]
    pub birth_date: Option<Date>,
    #[arg(long, value_parser = codes::<Sex>(), required = true, help_heading = REQUIRED)]
    pub sex: Option<Sex>,
    /// The territorial community (територіальна громада).
    #[arg(long, required = true, help_heading = REQUIRED)]
    pub community: Option<String>,
    #[arg(long)]
    pub settlement: Option<String>,
    /// Comma-separated ISO 639-1 codes (default: uk).
    #[arg(long)]
    pub languages: Option<String>,
    /// Comma-separated free tags.
    #[arg(long)]
    pub interests: Option<String>,
    /// Comma-separated: abilities, rights, practical_skills, communication, responsibility,
    /// healthy_lifestyle, profession, money (a mentor's: where they can help most).
    #[arg(long)]
    pub goal_areas: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ChildFields {
    #[command(flatten)]
    pub person: PersonFields,
    /// The child's legal situation.
    #[arg(long, value_parser = codes::<Category>(), required = true, help_heading = REQUIRED)]
    pub category: Option<Category>,
    /// Where and with whom the child lives.
    #[arg(long, value_parser = codes::<Placement>(), required = true, help_heading = REQUIRED)]
    pub placement: Option<Placement>,
    /// ID of the institution where the child lives or studies.
    #[arg(long)]
    pub institution: Option<String>,
    /// End of continuing education (mentoring may last until 23).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub studying_until: Option<Date>,
    /// Date entered on the waiting list (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub registered_on: Option<Date>,
    /// Preferred sex of the mentor.
    #[arg(long, value_parser = codes::<Sex>())]
    pub mentor_sex: Option<Sex>,
}

#[derive(Debug, Clone, Args)]
pub struct MentorFields {
    #[command(flatten)]
    pub person: PersonFields,
    /// ISO 3166 alpha-2 (default: UA).
    #[arg(long)]
    pub citizenship: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    /// Comma-separated weekdays: mon,tue,wed,thu,fri,sat,sun.
    #[arg(long)]
    pub availability: Option<String>,
    /// Children at once (default: 1; the schema's range, 0 to 100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub capacity: Option<u32>,
    /// Date of the application (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub applied_on: Option<Date>,
}

#[derive(Debug, Clone, Args)]
pub struct InstitutionFields {
    /// The official name.
    #[arg(long, required = true, help_heading = REQUIRED)]
    pub name: Option<String>,
    #[arg(long, value_parser = codes::<InstitutionKind>(), required = true, help_heading = REQUIRED)]
    pub kind: Option<InstitutionKind>,
    #[arg(long, required = true, help_heading = REQUIRED)]
    pub address: Option<String>,
    /// Who signs for the institution (full name).
    #[arg(long, required = true, help_heading = REQUIRED)]
    pub director: Option<String>,
    /// The 8-digit ЄДРПОУ code.
    #[arg(long)]
    pub edrpou: Option<String>,
    /// The territorial community (територіальна громада).
    #[arg(long, required = true, help_heading = REQUIRED)]
    pub community: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AgreementCommand {
    /// Show one agreement.
    Show { id: String },
    /// List agreements.
    List(ListArgs),
    /// Correct fields of an agreement (its life cycle has its own subcommands).
    Set {
        id: String,
        #[arg(value_name = "KEY=VALUE", required = true)]
        assignments: Vec<String>,
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// Propose an agreement between a child and a mentor; prints the new ID.
    New {
        child: String,
        mentor: String,
        /// The institution party (default: the child's `institution`, where the agreement needs
        /// one; a child in a family under a regime that lets the institution go has none).
        #[arg(long, value_name = "ID")]
        institution: Option<String>,
        /// Date of the proposal (default: today); it fixes the regime.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<Date>,
        /// The centre's registration number of the agreement.
        #[arg(long, value_name = "N")]
        number: Option<String>,
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// Record a party's signature; the agreement becomes active with the last one required.
    Sign {
        id: String,
        /// The party signing: centre, institution, mentor, legal_representative (2026 rules, a
        /// minor) or young_person (18 or more).
        #[arg(long, value_name = "PARTY", value_parser = codes::<Party>())]
        party: Party,
        #[command(flatten)]
        date: DateArg,
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// Make an agreement active once every required party has signed (e.g. after `set`).
    Activate {
        id: String,
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// Suspend an active agreement (the child's life or health at risk).
    Suspend {
        id: String,
        #[command(flatten)]
        date: DateArg,
        /// Why (stored in the agreement and the commit).
        #[arg(long, value_name = "TEXT", required = true)]
        reason: String,
    },
    /// Resume a suspended agreement.
    Resume {
        id: String,
        #[command(flatten)]
        date: DateArg,
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// Re-conclude the agreement as a new act: a new proposed agreement (prints its ID) with the
    /// child's new institution, or the same one for a further term; the old one runs until the
    /// new one is signed, then closes as `reconcluded`.
    Renew {
        id: String,
        /// The new institution (default: the same, for a further term).
        #[arg(long, value_name = "ID")]
        institution: Option<String>,
        #[command(flatten)]
        date: DateArg,
        /// Why (stored in the agreement and the commit).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Close an agreement.
    Close {
        id: String,
        #[command(flatten)]
        date: DateArg,
        /// Why the agreement ends.
        #[arg(long, value_name = "REASON", required = true, value_parser = codes::<ClosureReason>())]
        reason: ClosureReason,
        /// The closing meeting (підсумкова зустріч) took place.
        #[arg(long)]
        exit_interview: bool,
        /// A note stored with the closure.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Print the agreement document (Ukrainian, or English with --lang en) from templates/.
    Render {
        id: String,
        /// md | html | docx (docx needs -o or a redirected output).
        #[arg(long = "to", value_enum, default_value_t = DocFormat::Md)]
        to: DocFormat,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Exit 0 if the records still produce what was signed; 1, naming the changed fields, if not.
    Verify { id: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    Md,
    Html,
    Docx,
}

#[derive(Debug, Clone, Args)]
pub struct DateArg {
    /// The date it happened, YYYY-MM-DD or DD.MM.YYYY (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<Date>,
}

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Record a contact in an active agreement's log.
    Add {
        agreement: String,
        #[command(flatten)]
        date: DateArg,
        #[arg(long, value_name = "KIND", value_parser = codes::<ContactKind>())]
        kind: ContactKind,
        /// Hours spent, in whole minutes (1.5, 0.25); meetings and outings count as mentoring
        /// time.
        #[arg(long, value_name = "H", allow_negative_numbers = true, value_parser = parse_contact_hours)]
        hours: Option<Minutes>,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Who records it.
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// For an outing: who consented, comma-separated (child,legal_representative,institution).
        #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = codes::<ConsentParty>())]
        consents: Vec<ConsentParty>,
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// List an agreement's contacts.
    List { agreement: String },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The monthly indicators, one row per indicator (`indicator,value` in CSV).
    Monthly(MonthArgs),
    /// The indicators over any period (a range, a quarter, a year): flows over its days,
    /// stocks at its end, plus children served, their families, active mentors and contacts.
    Period(PeriodArgs),
    /// One row per agreement active in the month: contacts, meetings, hours, check-ins, flags.
    Agreements {
        #[command(flatten)]
        month: MonthArgs,
        #[command(flatten)]
        names: NamesArg,
    },
    /// Every child registered: stage, eligibility with the failing rule codes, days waiting.
    Children {
        #[command(flatten)]
        output: OutputArg,
        #[command(flatten)]
        names: NamesArg,
        #[command(flatten)]
        source: SourceArgs,
    },
    /// Every mentor and candidate: pipeline stage, eligibility with the failing rule codes.
    Mentors {
        #[command(flatten)]
        output: OutputArg,
        #[command(flatten)]
        names: NamesArg,
        #[command(flatten)]
        source: SourceArgs,
    },
}

#[derive(Debug, Args)]
pub struct MonthArgs {
    /// The month, YYYY-MM or MM.YYYY (default: the month before today's).
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    #[command(flatten)]
    pub output: OutputArg,
    #[command(flatten)]
    pub by: ByArg,
    #[command(flatten)]
    pub source: SourceArgs,
}

#[derive(Debug, Args)]
pub struct PeriodArgs {
    /// The first day of the period, YYYY-MM-DD or DD.MM.YYYY (with --to).
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "to", conflicts_with_all = ["quarter", "year"])]
    pub from: Option<Date>,
    /// The last day of the period, YYYY-MM-DD or DD.MM.YYYY, included (with --from).
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "from")]
    pub to: Option<Date>,
    /// A calendar quarter, YYYY-Qn (n from 1 to 4).
    #[arg(long, value_name = "YYYY-Qn", conflicts_with = "year")]
    pub quarter: Option<String>,
    /// A calendar year, YYYY.
    #[arg(long, value_name = "YYYY")]
    pub year: Option<String>,
    #[command(flatten)]
    pub by: ByArg,
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Args)]
pub struct ByArg {
    /// Break the indicators down by the child's community, sex, age band (on the last day),
    /// category, institution or disability; repeat for combined groups. A total row follows.
    #[arg(long = "by", value_enum, value_name = "GROUP")]
    pub by: Vec<ReportBy>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportBy {
    Community,
    Sex,
    #[value(name = "age_band")]
    AgeBand,
    Category,
    Institution,
    Disability,
}

#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Read the registry as it was committed by the end of this day (YYYY-MM-DD or
    /// DD.MM.YYYY, the machine's time zone), from git objects: late entries do not change a
    /// submitted report.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Consolidate these registries (folders, bare git repositories or git URLs; repeat)
    /// into one report with a `centre` column (ЄДРПОУ) and a total.
    #[arg(long = "registry", value_name = "PATH_OR_GIT_URL")]
    pub registry: Vec<String>,
}

#[derive(Debug, Args)]
pub struct OutputArg {
    /// Write to FILE (atomically, readable by the owner only) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NamesArg {
    /// Add names (left out by default: children's data is sensitive).
    #[arg(long)]
    pub with_names: bool,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Days ahead to list agreements ending (default: `[monitoring] ending_within_days`, 90).
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=36_525))]
    pub within: Option<u32>,
    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct MatchArgs {
    #[command(subcommand)]
    pub command: Option<MatchCommand>,
    #[command(flatten)]
    pub run: MatchRunArgs,
}

#[derive(Debug, Clone, Args)]
pub struct MatchRunArgs {
    /// coverage: as many children matched as possible, then the highest total score;
    /// score: the highest total score alone.
    #[arg(long, value_enum, default_value_t = MatchObjective::Coverage)]
    pub objective: MatchObjective,
    /// Only children and mentors of this community.
    #[arg(long)]
    pub community: Option<String>,
    /// Judge eligibility on this date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub on: Option<Date>,
    /// Apply these rules instead of those in force on the date.
    #[arg(long, value_parser = codes::<Regime>())]
    pub regime: Option<Regime>,
    /// Also list every feasible pair with its score (JSON `candidates`), so that a script can
    /// check the proposal is optimal.
    #[arg(long)]
    pub candidates: bool,
    /// Show names (they are left out by default: children's data is sensitive).
    #[arg(long)]
    pub with_names: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatchObjective {
    Coverage,
    Score,
}

#[derive(Debug, Subcommand)]
pub enum MatchCommand {
    /// Explain one pair: each factor's points, or the rule or constraint that rules it out
    /// (exit 0 if the pair is possible, 1 if not).
    Why {
        child: String,
        mentor: String,
        /// Judge on this date (default: today).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        on: Option<Date>,
        /// Apply these rules instead of those in force on the date.
        #[arg(long, value_parser = codes::<Regime>())]
        regime: Option<Regime>,
    },
    /// Propose the pair: re-checks it and creates a `proposed` agreement; prints its ID.
    Accept {
        child: String,
        mentor: String,
        /// The institution party to the agreement (default: the child's, where the agreement
        /// needs one; a child in a family under a regime that lets the institution go has none).
        #[arg(long, value_name = "ID")]
        institution: Option<String>,
        /// The date of the proposal (default: today); it fixes the agreement's regime.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<Date>,
        #[command(flatten)]
        reason: ReasonArg,
    },
}
