//! Shell completion, computed by the binary itself at each TAB (clap's dynamic completion):
//! the script `nastavnyk completions SHELL` prints only registers a function that runs
//! `NASTAVNYK_COMPLETE=SHELL nastavnyk -- WORDS…`, and `complete_if_asked` answers it with
//! the candidates. So record IDs come from the registry as it is now, by kind, and every
//! vocabulary (`--party`, `--kind`, `--sex`, …) from the clap definitions themselves.
//!
//! IDs are the file names of the registry's folders (the same listing `check` starts from),
//! never the records' contents: a TAB stays instant on 200,000 records, and a broken file or
//! no registry at all means fewer candidates, never an error on the user's prompt.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use clap::{CommandFactory, ValueEnum};
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter, CompletionCandidate};
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Shells, Zsh};
use clap_complete::{CompleteEnv, Shell};

use crate::record::Kind;
use crate::record::schema::{self, FieldType};
use crate::registry;

/// The environment variable the registration scripts set. Not clap's default `COMPLETE`: a
/// variable of that name left in someone's environment would turn every run into a
/// completion request.
const VAR: &str = "NASTAVNYK_COMPLETE";

/// Answers a shell's completion request and exits, when the environment says this run is
/// one; otherwise returns at once. Called first thing in `main`, before anything is printed.
pub fn complete_if_asked() {
    if std::env::var_os(VAR).is_none_or(|v| v.is_empty() || v == "0") {
        return;
    }
    CompleteEnv::with_factory(command).var(VAR).bin("nastavnyk").shells(SHELLS).complete();
}

/// clap's shells, bash's adapter replaced by one that knows bash splits `KEY=VALUE`.
const SHELLS: Shells<'static> = Shells(&[&BashWords, &Elvish, &Fish, &Powershell, &Zsh]);

/// The registration script of `nastavnyk completions SHELL`: it calls back the binary that
/// printed it (as it was invoked: `nastavnyk` on the PATH, or its full path).
pub fn registration(shell: Shell) -> String {
    let name = shell.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
    let Some(completer) = SHELLS.completer(&name) else { return String::new() };
    let invoked = std::env::args_os().next().map(PathBuf::from).unwrap_or_else(|| "nastavnyk".into());
    // A relative path with a folder in it (`./target/debug/nastavnyk`) would break on the
    // first `cd`; a bare name is looked up on the PATH at each TAB, as the shell would.
    let invoked = match std::env::current_dir() {
        Ok(cwd) if invoked.components().count() > 1 => cwd.join(invoked),
        _ => invoked,
    };
    let mut out = Vec::new();
    completer
        .write_registration(VAR, "nastavnyk", "nastavnyk", &invoked.to_string_lossy(), &mut out)
        .expect("writing to memory");
    String::from_utf8_lossy(&out).into_owned()
}

/// clap's bash adapter, but aware that bash cuts a word at `=` (`COMP_WORDBREAKS`): the line
/// `child set c-0001 institution=i-` reaches the function as `institution`, `=`, `i-`, and
/// clap's script would even replace a trailing `=` by the empty word after it. The words are
/// joined back before clap sees them, and the answer given for the part after the `=`, which
/// is what bash replaces.
struct BashWords;

/// The line of clap's bash script that overwrites the current word, and its guarded form.
const OVERWRITE: &str = r#"words[COMP_CWORD]="$2""#;
const OVERWRITE_UNLESS_EQUALS: &str = r#"[[ "${words[COMP_CWORD]}" == "=" ]] || words[COMP_CWORD]="$2""#;

impl EnvCompleter for BashWords {
    fn name(&self) -> &'static str {
        Bash.name()
    }

    fn is(&self, name: &str) -> bool {
        Bash.is(name)
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let mut script = Vec::new();
        Bash.write_registration(var, name, bin, completer, &mut script)?;
        let script = String::from_utf8_lossy(&script).replace(OVERWRITE, OVERWRITE_UNLESS_EQUALS);
        buf.write_all(script.as_bytes())
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<OsString>,
        current_dir: Option<&Path>,
        buf: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let index: usize =
            std::env::var("_CLAP_COMPLETE_INDEX").ok().and_then(|i| i.parse().ok()).unwrap_or_default();
        let ifs = std::env::var("_CLAP_IFS").unwrap_or_else(|_| "\n".into());
        let (words, index, typed) = join_at_equals(args, index);
        let candidates = clap_complete::engine::complete(cmd, words, index, current_dir)?;
        let values: Vec<String> = candidates
            .iter()
            .filter_map(|c| c.get_value().to_string_lossy().strip_prefix(&typed).map(str::to_string))
            .collect();
        buf.write_all(values.join(&ifs).as_bytes())
    }
}

/// Bash's words with each `=` joined to its neighbours again (`institution`, `=`, `i-` →
/// `institution=i-`), the index of the current word among them, and the part of the current
/// word bash will not replace (`institution=`; empty when it holds no `=`).
fn join_at_equals(words: Vec<OsString>, index: usize) -> (Vec<OsString>, usize, String) {
    let mut joined: Vec<OsString> = Vec::with_capacity(words.len());
    let mut at = None;
    let mut glue = false;
    let mut current_was_cut = false;
    for (i, word) in words.into_iter().enumerate() {
        let equals = word == "=";
        let cut = match joined.last_mut() {
            Some(last) if equals || glue => {
                last.push(&word);
                true
            }
            _ => {
                joined.push(word);
                false
            }
        };
        glue = equals;
        if i == index {
            at = Some(joined.len() - 1);
            current_was_cut = cut;
        }
    }
    let at = at.unwrap_or(joined.len());
    // Only a word bash cut is answered in part: with `=` taken out of COMP_WORDBREAKS, bash
    // replaces the whole word.
    let typed = match joined.get(at).map(|w| w.to_string_lossy().into_owned()) {
        Some(word) if current_was_cut => {
            word.rfind('=').map_or(String::new(), |end| word[..=end].to_string())
        }
        _ => String::new(),
    };
    (joined, at, typed)
}

/// The command line's definitions with a completer on every argument that names a record
/// or takes `KEY=VALUE` fields. The arguments are found by their names rather than marked one
/// by one: `child|mentor|institution show|set|edit|remove` share one generic definition, and
/// a new command whose argument is called `child` or `institution` completes without more.
pub fn command() -> clap::Command {
    let mut cmd = crate::cli::Cli::command();
    let names: Vec<String> = cmd.get_subcommands().map(|sub| sub.get_name().to_string()).collect();
    for name in names {
        let top = name.clone();
        cmd = cmd.mut_subcommand(name, |sub| decorate(sub, &top));
    }
    cmd
}

/// Adds completers to `cmd` and its subcommands; `top` is the command under `nastavnyk`
/// (`child`, `agreement`, `history`, …), which says what a bare `id` names.
fn decorate(cmd: clap::Command, top: &str) -> clap::Command {
    let own = kind_of_command(top);
    let cmd = cmd.mut_args(|arg| {
        let kinds: &'static [Kind] = match arg.get_id().as_str() {
            "child" => &[Kind::Child],
            "mentor" => &[Kind::Mentor],
            "institution" => &[Kind::Institution],
            "agreement" => &[Kind::Agreement],
            "id" => match top {
                "eligibility" => &[Kind::Child, Kind::Mentor],
                "history" => &Kind::ALL,
                _ => own.map_or(&[][..], std::slice::from_ref),
            },
            "assignments" | "filters" => {
                return match own {
                    Some(kind) => arg.add(ArgValueCompleter::new(move |current: &std::ffi::OsStr| {
                        fields(*kind, &current.to_string_lossy())
                    })),
                    None => arg,
                };
            }
            "goal_areas" => return arg.add(choice_list(Kind::Child, "goal_areas")),
            "availability" => return arg.add(choice_list(Kind::Mentor, "availability")),
            _ => return arg,
        };
        if kinds.is_empty() {
            return arg;
        }
        arg.add(ArgValueCandidates::new(move || ids(kinds)))
    });
    cmd.mut_subcommands(|sub| decorate(sub, top))
}

/// The kind a top-level command's records are (`child` → children).
fn kind_of_command(top: &str) -> Option<&'static Kind> {
    match top {
        "child" => Some(&Kind::Child),
        "mentor" => Some(&Kind::Mentor),
        "institution" => Some(&Kind::Institution),
        "agreement" => Some(&Kind::Agreement),
        _ => None,
    }
}

/// Every ID of these kinds in the registry, sorted; none without a registry.
fn ids(kinds: &[Kind]) -> Vec<CompletionCandidate> {
    let Some(root) = root() else { return Vec::new() };
    kinds
        .iter()
        .flat_map(|&kind| registry::list_files(root, kind).0)
        .map(|(stem, _)| CompletionCandidate::new(stem))
        .collect()
}

/// The registry the command line being completed would use: its `-C DIR`/`--records DIR`,
/// else `$NASTAVNYK_RECORDS`, else the folders upwards from the shell's current one.
fn root() -> Option<&'static Path> {
    static ROOT: OnceLock<Option<PathBuf>> = OnceLock::new();
    ROOT.get_or_init(|| {
        let words: Vec<OsString> = std::env::args_os().skip_while(|w| w != "--").collect();
        let explicit =
            records_flag(&words).or_else(|| std::env::var_os("NASTAVNYK_RECORDS").map(PathBuf::from));
        let cwd = std::env::current_dir().ok()?;
        registry::find(explicit.as_deref(), &cwd).ok()
    })
    .as_deref()
}

/// The value of the last `-C`/`--records` among the words, a leading `~/` expanded (the shell
/// has not expanded it yet while the line is being typed).
fn records_flag(words: &[OsString]) -> Option<PathBuf> {
    let found = super::lang::records_flag(words)?;
    match (found.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => Some(PathBuf::from(home).join(rest)),
        _ => Some(found),
    }
}

/// `KEY=VALUE` of `add`, `set` and `list --where`: before the `=`, the kind's field paths
/// (with the `=`); after it, the field's values where they are a vocabulary, a yes/no or a
/// record's ID.
fn fields(kind: Kind, current: &str) -> Vec<CompletionCandidate> {
    let Some((key, value)) = current.split_once('=') else {
        return schema::paths(kind)
            .into_iter()
            .filter(|path| path.starts_with(current))
            .map(|path| CompletionCandidate::new(format!("{path}=")))
            .collect();
    };
    let Some(field) = schema::field(kind, key) else { return Vec::new() };
    let (done, last) = match field.ty {
        FieldType::ChoiceList(_) => value.rsplit_once(',').map_or(("", value), |(d, l)| (d, l)),
        _ => ("", value),
    };
    let prefix = format!("{key}=");
    items(values(field.ty), done, last)
        .into_iter()
        .map(|item| CompletionCandidate::new(format!("{prefix}{item}")))
        .collect()
}

/// The items of a comma-separated list completed: those typed (`done`) kept, the last one
/// (`last`) completed from `values` not typed yet.
fn items(values: Vec<String>, done: &str, last: &str) -> Vec<String> {
    let typed: Vec<&str> = done.split(',').collect();
    values
        .into_iter()
        .filter(|v| v.starts_with(last) && !typed.contains(&v.as_str()))
        .map(|v| if done.is_empty() { v } else { format!("{done},{v}") })
        .collect()
}

/// The values a field of this type can take, where they are few enough to list.
fn values(ty: FieldType) -> Vec<String> {
    match ty {
        FieldType::Choice(names) | FieldType::ChoiceList(names) => {
            names.iter().map(|n| n.to_string()).collect()
        }
        FieldType::Bool => vec!["true".into(), "false".into()],
        FieldType::Reference(kind) => ids(std::slice::from_ref(&kind))
            .into_iter()
            .map(|c| c.get_value().to_string_lossy().into_owned())
            .collect(),
        _ => Vec::new(),
    }
}

/// A comma-separated flag whose items are a schema field's vocabulary (`--goal-areas
/// abilities,pr<TAB>`): the items typed so far are kept, the last one completed.
fn choice_list(kind: Kind, path: &'static str) -> ArgValueCompleter {
    ArgValueCompleter::new(move |current: &std::ffi::OsStr| {
        let current = current.to_string_lossy();
        let (done, last) = current.rsplit_once(',').map_or(("", current.as_ref()), |(d, l)| (d, l));
        let values = schema::field(kind, path).map(|field| values(field.ty)).unwrap_or_default();
        items(values, done, last).into_iter().map(CompletionCandidate::new).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_records_flag_is_read_in_every_spelling_the_last_one_winning() {
        let words = |w: &[&str]| w.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(records_flag(&words(&["nastavnyk", "-C", "a", "child"])), Some("a".into()));
        assert_eq!(records_flag(&words(&["nastavnyk", "-Cb", "--records=c"])), Some("c".into()));
        assert_eq!(records_flag(&words(&["nastavnyk", "--records", "d", "show"])), Some("d".into()));
        assert_eq!(records_flag(&words(&["nastavnyk", "--records", "=", "e", "show"])), Some("e".into()));
        assert_eq!(records_flag(&words(&["nastavnyk", "child", "show"])), None);
    }

    #[test]
    fn bash_words_cut_at_equals_are_joined_and_answered_after_the_equals() {
        let words = |w: &[&str]| w.iter().map(OsString::from).collect::<Vec<_>>();
        let (joined, at, typed) = join_at_equals(words(&["n", "set", "c-1", "institution", "=", "i-"]), 5);
        assert_eq!(
            (joined, at, typed.as_str()),
            (words(&["n", "set", "c-1", "institution=i-"]), 3, "institution=")
        );
        let (joined, at, typed) = join_at_equals(words(&["n", "set", "c-1", "sex", "="]), 4);
        assert_eq!((joined, at, typed.as_str()), (words(&["n", "set", "c-1", "sex="]), 3, "sex="));
        let (joined, at, typed) = join_at_equals(words(&["n", "--sex", "=", "f", "show", ""]), 5);
        assert_eq!((joined, at, typed.as_str()), (words(&["n", "--sex=f", "show", ""]), 3, ""));
        assert!(OVERWRITE_UNLESS_EQUALS.contains(OVERWRITE));
        assert!(registration(Shell::Bash).contains(OVERWRITE_UNLESS_EQUALS));
    }

    #[test]
    fn every_command_line_definition_still_builds_with_its_completers() {
        command().debug_assert();
    }
}
