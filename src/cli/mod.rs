//! The command line: clap definitions. The English help lives here, in `///` comments, the
//! Ukrainian in `help_uk.rs` (applied by `localize`). The global flags and the command list
//! are here; the arguments of the record, agreement, contact, report and match commands in
//! `records.rs`. `parse_from` parses with help and errors in the language `lang` decided.

pub mod complete;
pub mod errors;
mod help_uk;
pub mod lang;
pub mod localize;
mod records;

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;
use crate::i18n::usage::{BadArgValue, HoursWhy};
use crate::record::Minutes;
use crate::record::date::{self, Date};
use crate::record::enums::{Code, Regime};

pub use records::*;

/// The value parser of every date flag: `YYYY-MM-DD`, or `DD.MM.YYYY` as Ukrainians type it;
/// a day the calendar does not have is refused (clap names the flag, exit 2).
pub fn parse_date(text: &str) -> Result<Date, BadArgValue> {
    date::parse_user(text).ok_or_else(|| BadArgValue::Date { text: text.to_string() })
}

/// The value parser of a vocabulary of the schema: its spellings are clap's possible values,
/// so `--help`, completions and the error for a misspelling all list them.
pub fn codes<T: Code>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(T::NAMES.iter().copied())
        .map(|text| T::parse(&text).expect("every possible value is one of the vocabulary's names"))
}

/// The value parser of a contact's `--hours`: a number of hours in whole minutes (1.5, 0.25),
/// more than 0 and at most a day; kept as exact minutes from here on. `nan`, `inf`, `-1` and
/// `0.33` are refused here rather than rounded or left to the write.
pub fn parse_contact_hours(text: &str) -> Result<Minutes, BadArgValue> {
    let bad = |why| BadArgValue::Hours { text: text.to_string(), why };
    let hours: f64 = text.trim().parse().map_err(|_| bad(HoursWhy::NotANumber))?;
    let minutes = Minutes::from_hours(hours).map_err(|why| bad(HoursWhy::Detail(why)))?;
    if !crate::record::hours::contact_hours_ok(minutes) {
        return Err(bad(HoursWhy::OutOfRange));
    }
    Ok(minutes)
}

/// Parses the command line (`args`, program name first) with help and errors in `lang`;
/// print an error with `errors::print`.
pub fn parse_from(args: Vec<std::ffi::OsString>, lang: Lang) -> Result<Cli, clap::Error> {
    // A command line that parses costs nothing more than clap's own parse; only help and
    // errors, which are printed, come from parsing again with the localised command (the
    // same definitions, so the same outcome, in the user's words).
    if let Ok(cli) = parse_with(<Cli as clap::CommandFactory>::command(), args.clone()) {
        return Ok(cli);
    }
    parse_with(localize::command(lang), args)
}

fn parse_with(mut cmd: clap::Command, args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    let mut matches = cmd.try_get_matches_from_mut(args)?;
    <Cli as clap::FromArgMatches>::from_arg_matches_mut(&mut matches).map_err(|err| err.format(&mut cmd))
}

/// `--status` of `list`: the statuses of every kind (mentors: active, paused, withdrawn;
/// children: waiting, matched; agreements: proposed, active, suspended, closed).
const LIST_STATUSES: &[&str] =
    &["active", "paused", "withdrawn", "waiting", "matched", "proposed", "suspended", "closed"];

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
    /// Take this date as today (YYYY-MM-DD or DD.MM.YYYY), for reproducible scripts and tests.
    #[arg(
        long,
        global = true,
        value_name = "DATE",
        env = "NASTAVNYK_TODAY",
        value_parser = parse_date,
        help_heading = "Global options"
    )]
    pub today: Option<Date>,
    /// Language of messages, tables and documents (default: `language` in nastavnyk.toml).
    #[arg(long, global = true, value_enum, help_heading = "Global options")]
    pub lang: Option<Lang>,
    /// Output format of every command that lists or reports; xlsx (a workbook with
    /// the table's headers and labels, typed cells) goes to -o FILE or a redirected output.
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Table, help_heading = "Global options")]
    pub format: OutputFormat,
    /// CSV for Excel: a UTF-8 byte-order mark, `;` between fields and a decimal comma, so
    /// Excel in a Ukrainian locale opens it with Cyrillic and numbers intact.
    #[arg(long, global = true, help_heading = "Global options")]
    pub csv_excel: bool,
    /// Write the change but do not commit it.
    #[arg(long, global = true, help_heading = "Global options")]
    pub no_commit: bool,
    /// Say nothing but errors and the requested output.
    #[arg(short, long, global = true, help_heading = "Global options")]
    pub quiet: bool,
    /// Colour: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always, never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = Color::Auto, help_heading = "Global options")]
    pub color: Color,
}

/// `--color`: whether tables and texts may use ANSI colours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// `--format` as given: the commands' `Format`, or xlsx, which commands build as a table
/// and `output` writes as a workbook (see `output::Settings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Csv,
    Json,
    Xlsx,
}

impl From<OutputFormat> for Format {
    fn from(format: OutputFormat) -> Format {
        match format {
            OutputFormat::Table | OutputFormat::Xlsx => Format::Table,
            OutputFormat::Csv => Format::Csv,
            OutputFormat::Json => Format::Json,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a registry: config with the centre's details, folders, default templates, git.
    Init(InitArgs),
    /// Validate the whole registry: every problem with file:line:column, a code and a message.
    Check,
    /// Children on the centre's list.
    #[command(subcommand)]
    Child(ChildCommand),
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
    /// Find children, mentors, institutions and agreements by a part of a name, an ID, a
    /// settlement or a community (case and apostrophes aside); exit 1 if nothing matches.
    Find(FindArgs),
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
    /// An undo is not undone in turn (that would re-apply the change): make the change again,
    /// or revert an older commit with `git revert`.
    Undo {
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// Share the registry through its git remote: pull (rebase), check, push. A conflict is
    /// explained and the clone left exactly as it was.
    Sync,
    /// Add or update children, mentors or institutions from a spreadsheet (XLSX or CSV):
    /// every row checked first, then all written as one commit, or nothing.
    Import(ImportArgs),
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Manpage,
}

impl Command {
    /// Whether the command prints a table, which `--format xlsx` writes as a workbook; any
    /// other command refuses xlsx before doing anything (a write never ends in that refusal).
    pub fn prints_table(&self) -> bool {
        match self {
            Command::Child(ChildCommand::Record(RecordCommand::List(_)))
            | Command::Mentor(RecordCommand::List(_))
            | Command::Institution(RecordCommand::List(_))
            | Command::Agreement(AgreementCommand::List(_))
            | Command::Contact(ContactCommand::List { .. })
            | Command::Due(_)
            | Command::Find(_)
            | Command::Report(_)
            | Command::Import(_) => true,
            Command::Eligibility(args) => args.all,
            Command::Match(args) => args.command.is_none(),
            Command::History(args) => args.id.is_none(),
            _ => false,
        }
    }
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the rows are.
    #[arg(value_enum)]
    pub kind: ImportKind,
    /// The spreadsheet: XLSX, or CSV in UTF-8 (with or without a BOM; `,` or `;`).
    pub file: PathBuf,
    /// The workbook's sheet (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Show what would be added or updated; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub reason: ReasonArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    #[value(alias = "child")]
    Children,
    #[value(alias = "mentor")]
    Mentors,
    #[value(alias = "institution")]
    Institutions,
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
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub on: Option<Date>,
    /// Apply these rules instead of those in force on the date.
    #[arg(long, value_parser = codes::<Regime>())]
    pub regime: Option<Regime>,
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

/// `--lang uk|en`: the domain's language as a flag value (the domain knows nothing of clap).
impl ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Self] {
        &Lang::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.code()))
    }
}
