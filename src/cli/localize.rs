//! The command line in the user's language: the clap `Command` of `Cli` with every about,
//! argument help, value name, heading and clap's own wording (`[default: …]`, `Usage:`) in
//! Ukrainian from `help_uk`, or untouched in English. Help, errors and the man page are all
//! made from this one command, so they agree.

use clap::CommandFactory;
use clap::builder::{Command, Str};

use super::Cli;
use super::help_uk::{self as uk, ABOUTS, ARGS, VALUE_NAMES};
use crate::i18n::Lang;

/// The command of `Cli` in `lang`, built (clap's help flag, version flag and `help`
/// subcommands exist, so they are translated too).
pub fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command();
    if lang == Lang::En {
        return cmd;
    }
    // Before the build, so that the long texts are gone when clap decides whether `--help`
    // differs from `-h` and so that global arguments propagate already translated; after
    // it, for what only the build creates.
    translate(&mut cmd, "", &mut Vec::new());
    cmd.build();
    translate(&mut cmd, "", &mut Vec::new());
    cmd
}

/// What the Ukrainian catalogue lacks for the built command tree: one line per command or
/// argument without a text (empty when complete).
pub fn missing_translations() -> Vec<String> {
    let mut cmd = command(Lang::Uk);
    let mut missing = Vec::new();
    translate(&mut cmd, "", &mut missing);
    missing
}

/// The help text as clap rendered it, with the headings clap writes itself in Ukrainian.
pub fn help_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
        // A heading may come wrapped in the escape codes of its style.
        let body = match anstream::adapter::strip_str(body).to_string().as_str() {
            "Arguments:" => body.replacen("Arguments:", &format!("{}:", uk::HEADING_ARGUMENTS), 1),
            "Options:" => body.replacen("Options:", &format!("{}:", uk::HEADING_OPTIONS), 1),
            _ => body.to_string(),
        };
        out.push_str(&body);
        out.push_str(end);
    }
    super::errors::usage_words(&out)
}

/// The man page (roff) of `cmd`, its section names in `lang`.
pub fn man_page(cmd: Command, lang: Lang) -> String {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out).expect("rendering to memory");
    let text = String::from_utf8_lossy(&out).into_owned();
    if lang == Lang::En {
        return text;
    }
    text.lines()
        .map(|line| match line.strip_prefix(".SH ") {
            Some(name) => {
                let name = uk::MAN_SECTIONS.iter().find(|(en, _)| *en == name).map_or(name, |(_, uk)| uk);
                format!(".SH {name}\n")
            }
            None => format!("{line}\n"),
        })
        .collect()
}

/// The catalogue's key of a command path: `help` subcommands and the copies of the tree
/// clap keeps under them take the texts of the commands they stand for.
fn key(path: &str) -> String {
    let names: Vec<&str> = path.split(' ').filter(|n| !n.is_empty()).collect();
    if names.last() == Some(&"help") {
        return "help".to_string();
    }
    names.into_iter().filter(|n| *n != "help").collect::<Vec<_>>().join(" ")
}

/// The most specific entry for `path`: exact, then with `*` for its first name, then `*`
/// for the whole path; also `report *` style entries (a `*` for the last name).
fn lookup<'a, T>(
    entries: &'a [T],
    path: &str,
    matches: impl Fn(&T, &str) -> Option<&'a str>,
) -> Option<&'a str> {
    let names: Vec<&str> = path.split(' ').filter(|n| !n.is_empty()).collect();
    let mut candidates = vec![path.to_string()];
    if names.len() > 1 {
        candidates.push(format!("* {}", names[1..].join(" ")));
        candidates.push(format!("{} *", names[..names.len() - 1].join(" ")));
    }
    candidates.push("*".to_string());
    candidates.iter().find_map(|c| entries.iter().find_map(|e| matches(e, c)))
}

fn about(path: &str) -> Option<&'static str> {
    lookup(ABOUTS, path, |(p, text), c| (*p == c).then_some(*text))
}

fn arg_help(path: &str, id: &str) -> Option<&'static str> {
    lookup(ARGS, path, |(p, i, text), c| (*p == c && *i == id).then_some(*text))
}

fn value_name(name: &str) -> Option<&'static str> {
    VALUE_NAMES.iter().find(|(en, uk)| *en == name || *uk == name).map(|(_, uk)| *uk)
}

fn translate(cmd: &mut Command, path: &str, missing: &mut Vec<String>) {
    let key = key(path);
    let mut owned = std::mem::take(cmd);
    match about(&key) {
        Some(text) => owned = owned.about(text),
        None => missing.push(format!("command `{path}`: no about")),
    }
    owned = owned
        .long_about(None)
        .help_template(uk::TEMPLATE)
        .subcommand_help_heading(uk::HEADING_COMMANDS)
        .subcommand_value_name("КОМАНДА");
    let ids: Vec<String> =
        owned.get_arguments().filter(|a| !a.is_hide_set()).map(|a| a.get_id().to_string()).collect();
    for id in ids {
        owned = owned.mut_arg(&id, |arg| {
            let mut help = match id.as_str() {
                "help" => Some(uk::HELP_SHORT),
                "version" => Some(uk::VERSION),
                _ => arg_help(&key, &id),
            }
            .map(str::to_string)
            .unwrap_or_else(|| {
                missing.push(format!("argument `{id}` of `{path}`: no help"));
                arg.get_help().map(ToString::to_string).unwrap_or_default()
            });
            let takes_values = arg.get_action().takes_values();
            let mut arg = arg.long_help(None);
            if takes_values {
                let names: Option<Vec<Str>> = arg.get_value_names().map(|names| {
                    names
                        .iter()
                        .map(|name| {
                            value_name(name).map(Str::from).unwrap_or_else(|| {
                                missing.push(format!("value name `{name}` of `{path} --{id}`: none"));
                                name.clone()
                            })
                        })
                        .collect()
                });
                if let Some(names) = names {
                    arg = arg.value_names(names);
                }
                help.push_str(&specials(&arg));
                arg = arg.hide_env(true).hide_default_value(true).hide_possible_values(true);
            }
            if arg.get_help_heading() == Some("Global options")
                || arg.get_help_heading() == Some(uk::HEADING_GLOBAL)
            {
                arg = arg.help_heading(uk::HEADING_GLOBAL);
            } else if arg.get_help_heading() == Some(super::records::REQUIRED) {
                arg = arg.help_heading(uk::HEADING_REQUIRED);
            }
            arg.help(help)
        });
    }
    *cmd = owned;
    for sub in cmd.get_subcommands_mut() {
        let sub_path =
            if path.is_empty() { sub.get_name().to_string() } else { format!("{path} {}", sub.get_name()) };
        translate(sub, &sub_path, missing);
    }
}

/// What clap appends to a value's help, in Ukrainian: the variable, the default, the values.
fn specials(arg: &clap::Arg) -> String {
    let mut text = String::new();
    if let Some(env) = arg.get_env() {
        text.push_str(&format!(" [{}: {}]", uk::ENV, env.to_string_lossy()));
    }
    let defaults: Vec<String> =
        arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() {
        text.push_str(&format!(" [{}: {}]", uk::DEFAULT, defaults.join(", ")));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() {
        text.push_str(&format!(" [{}: {}]", uk::POSSIBLE_VALUES, values.join(", ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_argument_has_its_ukrainian_text() {
        let missing = missing_translations();
        assert!(missing.is_empty(), "add these to src/cli/help_uk.rs:\n{}", missing.join("\n"));
    }

    #[test]
    fn every_catalogue_entry_is_used() {
        // A text whose command or argument is gone (renamed, removed) is dead weight.
        let cmd = command(Lang::Uk);
        let mut seen_paths = Vec::new();
        let mut seen_args = Vec::new();
        fn walk(cmd: &Command, path: &str, paths: &mut Vec<String>, args: &mut Vec<(String, String)>) {
            paths.push(key(path));
            for arg in cmd.get_arguments() {
                args.push((key(path), arg.get_id().to_string()));
            }
            for sub in cmd.get_subcommands() {
                let p = if path.is_empty() {
                    sub.get_name().to_string()
                } else {
                    format!("{path} {}", sub.get_name())
                };
                walk(sub, &p, paths, args);
            }
        }
        walk(&cmd, "", &mut seen_paths, &mut seen_args);
        let fits = |pattern: &str, path: &str| {
            pattern == "*"
                || pattern == path
                || pattern
                    .strip_prefix("* ")
                    .is_some_and(|rest| path.split_once(' ').is_some_and(|(_, p)| p == rest))
                || pattern
                    .strip_suffix(" *")
                    .is_some_and(|head| path.rsplit_once(' ').is_some_and(|(h, _)| h == head))
        };
        for (pattern, _) in ABOUTS {
            assert!(seen_paths.iter().any(|p| fits(pattern, p)), "no command for about `{pattern}`");
        }
        for (pattern, id, _) in ARGS {
            assert!(
                seen_args.iter().any(|(p, i)| i == id && fits(pattern, p)),
                "no argument `{id}` in `{pattern}`"
            );
        }
    }
}
