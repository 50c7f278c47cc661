//! clap's errors in the user's language. In English clap renders them itself; in Ukrainian
//! they are worded from the error's kind and context (`i18n::usage`). Help and version go
//! out as clap made them, from the localised command (`localize`), with exit 0.

use std::io::Write;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::Lang;
use crate::i18n::usage::{self, BadArgValue, UsageMsg};

/// Prints `err` where clap would (help and version on stdout, errors on stderr) and returns
/// the exit code: 0 for help and version, 2 for a usage error.
pub fn print(err: &clap::Error, lang: Lang) -> u8 {
    let code = if err.use_stderr() { 2 } else { 0 };
    if lang == Lang::En {
        let _ = err.print();
        return code;
    }
    let text = render_uk(err);
    // A closed pipe (`nastavnyk --help | head`) is not an error, as with clap's own printing.
    let _ = if err.use_stderr() {
        std::io::stderr().lock().write_all(text.as_bytes())
    } else {
        std::io::stdout().lock().write_all(text.as_bytes())
    };
    code
}

/// The Ukrainian text of `err`, as printed.
pub fn render_uk(err: &clap::Error) -> String {
    match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let rendered = err.render();
            let styled = if styles_wanted(err.use_stderr()) {
                rendered.ansi().to_string()
            } else {
                rendered.to_string()
            };
            return super::localize::help_words(&styled);
        }
        _ => {}
    }
    let mut text = format!("{}: {}\n", usage::UK_ERROR, usage::uk(&message(err)));
    if let Some(ContextValue::StyledStrs(tips)) = err.get(ContextKind::Suggested) {
        for tip in tips {
            text.push_str(&format!("\n  {}\n", usage::uk_tip(&tip.to_string())));
        }
    }
    if let Some(ContextValue::StyledStr(usage_line)) = err.get(ContextKind::Usage) {
        let line = usage_line.to_string();
        let line = line.trim().strip_prefix("Usage:").unwrap_or(line.trim()).trim();
        text.push_str(&format!("\n{} {}\n", usage::UK_USAGE, usage_words(line)));
    }
    text.push_str(&format!("\n{}\n", usage::UK_MORE));
    text
}

/// clap's placeholders in a usage line (`[OPTIONS]`), in Ukrainian.
pub fn usage_words(text: &str) -> String {
    usage::UK_USAGE_WORDS.iter().fold(text.to_string(), |text, (en, uk)| text.replace(en, uk))
}

fn message(err: &clap::Error) -> UsageMsg {
    let string = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => list.first().cloned(),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let strings = |kind| match err.get(kind) {
        Some(ContextValue::Strings(list)) => list.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let arg = string(ContextKind::InvalidArg).unwrap_or_default();
    let value = string(ContextKind::InvalidValue).unwrap_or_default();
    match err.kind() {
        ErrorKind::MissingRequiredArgument => {
            UsageMsg::MissingRequired { args: strings(ContextKind::InvalidArg) }
        }
        ErrorKind::UnknownArgument => UsageMsg::UnknownArgument {
            arg,
            suggestion: string(ContextKind::SuggestedArg)
                .or_else(|| string(ContextKind::SuggestedSubcommand)),
        },
        ErrorKind::InvalidSubcommand => UsageMsg::UnknownCommand {
            name: string(ContextKind::InvalidSubcommand).unwrap_or_default(),
            suggestion: string(ContextKind::SuggestedSubcommand),
        },
        ErrorKind::InvalidValue if value.is_empty() => {
            UsageMsg::EmptyValue { arg, valid: strings(ContextKind::ValidValue) }
        }
        ErrorKind::InvalidValue => UsageMsg::InvalidValue {
            arg,
            value,
            valid: strings(ContextKind::ValidValue),
            suggestion: string(ContextKind::SuggestedValue),
        },
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(err);
            let why = match source.and_then(|s| s.downcast_ref::<BadArgValue>()) {
                Some(ours) => ours.uk(),
                None => usage::uk_parser_detail(&source.map(|s| s.to_string()).unwrap_or_default()),
            };
            UsageMsg::ValueRefused { arg, value, why }
        }
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::WrongNumberOfValues
        | ErrorKind::TooFewValues => UsageMsg::UnexpectedValue { arg, value },
        ErrorKind::ArgumentConflict => UsageMsg::Conflict { arg, other: string(ContextKind::PriorArg) },
        ErrorKind::MissingSubcommand => UsageMsg::MissingCommand {
            name: string(ContextKind::InvalidSubcommand).unwrap_or_default(),
            valid: strings(ContextKind::ValidSubcommand),
        },
        ErrorKind::InvalidUtf8 => UsageMsg::NotUtf8,
        _ => {
            let english = err.render().to_string();
            let first = english.lines().next().unwrap_or("").trim_start_matches("error: ");
            UsageMsg::Other { detail: first.to_string() }
        }
    }
}

/// Whether help goes out styled (bold headings), as clap's `ColorChoice::Auto` decides:
/// to a terminal, unless `NO_COLOR` is set or the terminal is `dumb`.
fn styles_wanted(to_stderr: bool) -> bool {
    use std::io::IsTerminal;
    let terminal = if to_stderr { std::io::stderr().is_terminal() } else { std::io::stdout().is_terminal() };
    terminal
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}
