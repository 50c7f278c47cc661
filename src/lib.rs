//! nastavnyk: the registry of a centre's mentoring service and the work done on it.
//! `run` resolves the command line into a context and dispatches to `cmd/`.

pub mod agreement;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod context;
pub mod diagnostic;
pub mod error;
pub mod git;
pub mod history;
pub mod i18n;
pub mod import;
pub mod matching;
pub mod output;
pub mod progress;
pub mod record;
pub mod registry;
pub mod report;
pub mod rules;
pub mod search;
pub mod session;
pub mod sync;
pub mod templates;
pub mod undo;

use crate::cli::{Cli, Command};
use crate::context::Ctx;
use crate::error::Result;
use crate::record::Kind;

/// Runs a parsed command line; returns the exit code (0 done, 1 findings).
pub fn run(cli: Cli) -> Result<u8> {
    let global = &cli.global;
    let xlsx = global.format == cli::OutputFormat::Xlsx;
    // The workbook's date format follows the language; the registry is read for it only then.
    let lang = if xlsx { global.lang.unwrap_or_else(|| guess_lang(global)) } else { i18n::Lang::Uk };
    output::configure(output::Settings { xlsx, csv_excel: global.csv_excel, lang, color: global.color });
    if output::progress::wanted(global.quiet) {
        output::progress::install(global.lang.unwrap_or_else(|| guess_lang(global)));
    }
    if xlsx && !cli.command.prints_table() {
        return Err(error::Failure::XlsxNoTable.into());
    }
    match cli.command {
        Command::Init(args) => cmd::init::run(global, &args),
        Command::Check => cmd::check::run(global),
        Command::History(args) => cmd::history::run(&Ctx::resolve(global)?, &args),
        Command::Undo { reason } => cmd::undo::run(&Ctx::resolve(global)?, reason.reason.as_deref()),
        Command::Sync => cmd::sync::run(&Ctx::resolve(global)?),
        Command::Eligibility(args) => cmd::eligibility::run(&Ctx::resolve(global)?, &args),
        Command::Match(args) => cmd::matching::run(&Ctx::resolve(global)?, args),
        Command::Completions { shell } => {
            output::emit(&cli::complete::registration(shell))?;
            Ok(0)
        }
        Command::Manpage => {
            // In the language the help speaks (decided from the command line and registry).
            let lang = cli::lang::detect_here();
            output::emit(&cli::localize::man_page(cli::localize::command(lang), lang))?;
            Ok(0)
        }
        Command::Child(crate::cli::ChildCommand::Record(command)) => {
            cmd::record::run(&Ctx::resolve(global)?, Kind::Child, command)
        }
        Command::Child(crate::cli::ChildCommand::Close { id, date, reason, note }) => {
            cmd::record::close_child(&Ctx::resolve(global)?, &id, date.date, reason, note.as_deref())
        }
        Command::Mentor(command) => cmd::record::run(&Ctx::resolve(global)?, Kind::Mentor, command),
        Command::Institution(command) => cmd::record::run(&Ctx::resolve(global)?, Kind::Institution, command),
        Command::Agreement(command) => cmd::agreement::run(&Ctx::resolve(global)?, command),
        Command::Contact(command) => cmd::contact::run(&Ctx::resolve(global)?, command),
        Command::Status => cmd::status::run(&Ctx::resolve(global)?),
        Command::Find(args) => cmd::find::run(&Ctx::resolve(global)?, &args),
        Command::Due(args) => cmd::due::run(&Ctx::resolve(global)?, &args),
        Command::Report(command) => cmd::report::run(global, &command),
        Command::Import(args) => cmd::import::run(&Ctx::resolve(global)?, &args),
    }
}

/// Prints an error the way the user can act on: the message, the problems behind it with
/// their positions, and what to do next.
pub fn report_error(error: &error::Error, global: &cli::GlobalArgs) {
    let lang = global.lang.unwrap_or_else(|| guess_lang(global));
    let mut text = String::new();
    if !error.diagnostics.is_empty() {
        let root = global
            .records
            .clone()
            .or_else(|| std::env::current_dir().ok().and_then(|cwd| registry::find(None, &cwd).ok()));
        text.push_str(&output::render_diagnostics(
            &error.diagnostics,
            &error.sources,
            root.as_deref().unwrap_or(std::path::Path::new(".")),
            lang,
            false,
        ));
    }
    let prefix = match lang {
        i18n::Lang::Uk => "помилка",
        i18n::Lang::En => "error",
    };
    text.push_str(&format!("{prefix}: {}", lang.text(&i18n::Msg::Failure(error.failure.clone()))));
    // The cause (an I/O error) says why, in the system's words.
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        text.push_str(&format!(": {inner}"));
        cause = inner.source();
    }
    text.push('\n');
    if let Some(hint) = &error.hint {
        text.push_str(&format!("  {}\n", lang.text(&i18n::Msg::Hint(hint.clone()))));
    }
    eprint!("{text}");
}

/// The registry's language for error messages, when it can be read.
fn guess_lang(global: &cli::GlobalArgs) -> i18n::Lang {
    // The same choice as help and clap's errors made before the parse (`--lang`, the
    // registry's `language` read line by line, else uk), so a broken `nastavnyk.toml` does
    // not switch an English registry's errors to Ukrainian.
    global.lang.unwrap_or_else(cli::lang::detect_here)
}
