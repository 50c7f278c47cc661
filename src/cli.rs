//! The command line: clap definitions only. Help text lives here, in `///` comments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;

/// Registry, eligibility, matching, agreements and reports for the mentoring service
/// (послуга наставництва) of a centre of social services.
#[derive(Debug, Parser)]
// A flag given twice takes its last value, so a script can override an alias's `--lang`.
#[command(
    name = "nastavnyk",
    version,
    propagate_version = true,
    max_term_width = 100,
    args_override_self = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// The registry folder (default: $NASTAVNYK_RECORDS, else the nearest folder upwards
    /// holding nastavnyk.toml).
    #[arg(
        short = 'C',
        long = "records",
        global = true,
        value_name = "DIR",
        env = "NASTAVNYK_RECORDS",
        help_heading = "Global options"
    )]
    pub records: Option<PathBuf>,
    /// Take this date as today (YYYY-MM-DD), for reproducible scripts and tests.
    #[arg(
        long,
        global = true,
        value_name = "DATE",
        env = "NASTAVNYK_TODAY",
        help_heading = "Global options"
    )]
    pub today: Option<String>,
    /// Language of messages, tables and documents (default: `language` in nastavnyk.toml).
    #[arg(long, global = true, value_enum, help_heading = "Global options")]
    pub lang: Option<Lang>,
    /// Output format of every command that lists or reports.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table, help_heading = "Global options")]
    pub format: Format,
    /// Write the change but do not commit it.
    #[arg(long, global = true, help_heading = "Global options")]
    pub no_commit: bool,
    /// Say nothing but errors and the requested output.
    #[arg(short, long, global = true, help_heading = "Global options")]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a registry: config with the centre's details, folders, default templates, git.
    Init(InitArgs),
    /// Validate the whole registry: every problem with file:line:column, a code and a message.
    Check,
    /// Children on the centre's list.
    #[command(subcommand)]
    Child(RecordCommand<ChildFields>),
    /// Mentors and candidates.
    #[command(subcommand)]
    Mentor(RecordCommand<MentorFields>),
    /// Institutions where children live or study.
    #[command(subcommand)]
    Institution(RecordCommand<InstitutionFields>),
    /// Mentoring agreements: their life, the document, provenance.
    #[command(subcommand)]
    Agreement(AgreementCommand),
    /// The contact log of an agreement.
    #[command(subcommand)]
    Contact(ContactCommand),
    /// Every eligibility rule for a child or mentor, pass/fail/warn, with its legal basis.
    Eligibility(EligibilityArgs),
    /// The centre at a glance: who waits, who can mentor, what runs, what is due this week.
    Status,
    /// What needs doing: overdue check-ins, too few meetings, agreements ending, certificates
    /// expiring, proposals unsigned, children waiting long.
    Due(DueArgs),
    /// Reports: the month's indicators, the agreements of a month, children, mentors.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Optimal proposals of mentors for waiting children, each pair's score by factor;
    /// `match why CHILD MENTOR` explains a pair, `match accept CHILD MENTOR` proposes it.
    Match(MatchArgs),
    /// Who changed a record, when, which fields and why (from git); without an ID, the
    /// registry's recent log.
    History(HistoryArgs),
    /// Revert the last change nastavnyk made, as a new commit (the audit trail keeps both).
    Undo {
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// Share the registry through its git remote: pull (rebase), check, push. A conflict is
    /// explained and the clone left exactly as it was.
    Sync,
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Manpage,
}

#[derive(Debug, Args)]
pub struct EligibilityArgs {
    /// The child or mentor (omit with --all).
    #[arg(required_unless_present = "all")]
    pub id: Option<String>,
    /// Everyone on the registry with their verdict, for a coordinator's weekly look.
    #[arg(long, conflicts_with = "id")]
    pub all: bool,
    /// Judge on this date (default: today).
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Apply these rules instead of those in force on the date.
    #[arg(long, value_parser = ["2017", "2026"])]
    pub regime: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the registry in (created if missing).
    pub dir: PathBuf,
    /// Official name of the centre.
    #[arg(long = "centre", value_name = "NAME")]
    pub centre: Option<String>,
    /// The territorial community (територіальна громада) the centre serves.
    #[arg(long)]
    pub community: Option<String>,
    /// The centre's address.
    #[arg(long)]
    pub address: Option<String>,
    /// Who signs for the centre (full name).
    #[arg(long)]
    pub director: Option<String>,
    /// The centre's 8-digit ЄДРПОУ code.
    #[arg(long)]
    pub edrpou: Option<String>,
    /// The centre's phone.
    #[arg(long)]
    pub phone: Option<String>,
}

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
    /// Show one record.
    Show { id: String },
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
    #[arg(long)]
    pub status: Option<String>,
    /// Only records whose field has this value, e.g. --where sex=female (repeatable).
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub filters: Vec<String>,
    /// Show names (they are left out by default: children's data is sensitive).
    #[arg(long)]
    pub with_names: bool,
}

/// The `add` flags children and mentors share.
#[derive(Debug, Clone, Args)]
pub struct PersonFields {
    #[arg(long)]
    pub surname: Option<String>,
    #[arg(long)]
    pub given_name: Option<String>,
    #[arg(long)]
    pub patronymic: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    pub birth_date: Option<String>,
    /// female | male
    #[arg(long)]
    pub sex: Option<String>,
    #[arg(long)]
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
    /// healthy_lifestyle (a mentor's: where they can help most).
    #[arg(long)]
    pub goal_areas: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ChildFields {
    #[command(flatten)]
    pub person: PersonFields,
    /// orphan | deprived_of_parental_care | in_institution | difficult_circumstances |
    /// war_affected | child_of_fallen_defender | displaced | care_leaver
    #[arg(long)]
    pub category: Option<String>,
    /// institution | foster_family | family_type_home | guardian | own_family | independent
    #[arg(long)]
    pub placement: Option<String>,
    /// ID of the institution where the child lives or studies.
    #[arg(long)]
    pub institution: Option<String>,
    /// End of continuing education (mentoring may last until 23).
    #[arg(long)]
    pub studying_until: Option<String>,
    /// Date entered on the waiting list (default: today).
    #[arg(long)]
    pub registered_on: Option<String>,
    /// Preferred sex of the mentor: female | male.
    #[arg(long)]
    pub mentor_sex: Option<String>,
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
    /// Children at once (default: 1).
    #[arg(long)]
    pub capacity: Option<String>,
    /// Date of the application (default: today).
    #[arg(long)]
    pub applied_on: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct InstitutionFields {
    #[arg(long)]
    pub name: Option<String>,
    /// general_secondary | vocational | professional_pre_higher | higher | residential_care | other
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    /// Who signs for the institution (full name).
    #[arg(long)]
    pub director: Option<String>,
    #[arg(long)]
    pub edrpou: Option<String>,
    #[arg(long)]
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
        /// The institution party (default: the child's `institution`).
        #[arg(long, value_name = "ID")]
        institution: Option<String>,
        /// Date of the proposal (default: today); it fixes the regime.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// The centre's registration number of the agreement.
        #[arg(long, value_name = "N")]
        number: Option<String>,
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// Record a party's signature; the agreement becomes active with the last one required.
    Sign {
        id: String,
        /// centre | institution | mentor | legal_representative (2026 rules)
        #[arg(long, value_name = "PARTY")]
        party: String,
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
    /// Re-conclude the agreement with the child's new institution.
    Renew {
        id: String,
        /// The new institution.
        #[arg(long, value_name = "ID", required = true)]
        institution: String,
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
        /// mutual_consent | mentor_withdrew | child_refused | child_turned_18 | child_turned_23 |
        /// education_finished | mentor_ineligible | safety_suspension | moved_away | other
        #[arg(long, value_name = "REASON", required = true)]
        reason: String,
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
    /// The date it happened, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Record a contact in an active agreement's log.
    Add {
        agreement: String,
        #[command(flatten)]
        date: DateArg,
        /// meeting | checkin_mentor | checkin_child | visit | outing
        #[arg(long, value_name = "KIND")]
        kind: String,
        /// Hours spent (meetings and outings count as mentoring time).
        #[arg(long, value_name = "H", allow_negative_numbers = true)]
        hours: Option<f64>,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Who records it.
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// For an outing: who consented, comma-separated (child,legal_representative,institution).
        #[arg(long, value_name = "LIST", value_delimiter = ',')]
        consents: Vec<String>,
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
    /// The month, YYYY-MM (default: the month before today's).
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
    /// The first day of the period, YYYY-MM-DD (with --to).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "to", conflicts_with_all = ["quarter", "year"])]
    pub from: Option<String>,
    /// The last day of the period, YYYY-MM-DD, included (with --from).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<String>,
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
    /// Read the registry as it was committed by the end of this day (YYYY-MM-DD, the
    /// machine's time zone), from git objects: late entries do not change a submitted report.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
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
    #[arg(long, value_name = "DAYS")]
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
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Apply these rules instead of those in force on the date.
    #[arg(long, value_parser = ["2017", "2026"])]
    pub regime: Option<String>,
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
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// Apply these rules instead of those in force on the date.
        #[arg(long, value_parser = ["2017", "2026"])]
        regime: Option<String>,
    },
    /// Propose the pair: re-checks it and creates a `proposed` agreement; prints its ID.
    Accept {
        child: String,
        mentor: String,
        /// The institution party to the agreement (default: the child's).
        #[arg(long, value_name = "ID")]
        institution: Option<String>,
        /// The date of the proposal (default: today); it fixes the agreement's regime.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[command(flatten)]
        reason: ReasonArg,
    },
}
