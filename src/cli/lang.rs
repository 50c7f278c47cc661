//! The language of the command line itself (help, clap's errors, the man page), decided
//! before clap parses: `--lang` if given, else the `language` of the registry the command
//! would use, else Ukrainian. It must be cheap and must never fail — a broken registry, a
//! missing folder or a malformed flag only mean "Ukrainian" here; the real parse and the
//! command report them properly afterwards.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::registry::CONFIG_FILE;

/// The language for `args` (the whole command line, program name first) run in `cwd`, with
/// `records_env` the value of `$NASTAVNYK_RECORDS`.
pub fn detect(args: &[OsString], cwd: &Path, records_env: Option<OsString>) -> Lang {
    let scan = scan(args);
    if let Some(lang) = scan.lang {
        return lang;
    }
    let explicit = scan.records.or_else(|| records_env.filter(|v| !v.is_empty()).map(PathBuf::from));
    let explicit = explicit.map(|dir| cwd.join(dir));
    crate::registry::find(explicit.as_deref(), cwd)
        .ok()
        .and_then(|root| std::fs::read_to_string(root.join(CONFIG_FILE)).ok())
        .and_then(|text| config_language(&text))
        .unwrap_or_default()
}

/// The language of this process's command line, in its current folder.
pub fn detect_here() -> Lang {
    let args: Vec<OsString> = std::env::args_os().collect();
    let cwd = std::env::current_dir().unwrap_or_default();
    detect(&args, &cwd, std::env::var_os("NASTAVNYK_RECORDS"))
}

#[derive(Default)]
struct Scan {
    lang: Option<Lang>,
    records: Option<PathBuf>,
}

/// The last `-C DIR`/`--records DIR` of `args` (program name first) in any spelling clap
/// takes; also what shell completion reads from the line being typed.
pub fn records_flag(args: &[OsString]) -> Option<PathBuf> {
    scan(args).records
}

/// `--lang` and `-C/--records` as clap would read them (the last one wins, nothing after
/// `--`); a value that is not a language is ignored, the parse proper refuses it. A lone `=`
/// after the flag is skipped: bash hands a typed `--records=DIR` to completion as three words.
fn scan(args: &[OsString]) -> Scan {
    let mut found = Scan::default();
    let mut args = args.iter().skip(1);
    while let Some(arg) = args.next() {
        let Some(text) = arg.to_str() else { continue };
        if text == "--" {
            break;
        }
        let mut value_of = |flag: &str| -> Option<OsString> {
            if text == flag {
                args.next().filter(|next| *next != "=").or_else(|| args.next()).cloned()
            } else {
                text.strip_prefix(flag).and_then(|rest| rest.strip_prefix('=')).map(OsString::from)
            }
        };
        if let Some(value) = value_of("--lang") {
            if let Some(lang) = Lang::ALL.into_iter().find(|l| value.to_str() == Some(l.code())) {
                found.lang = Some(lang);
            }
        } else if let Some(value) = value_of("--records") {
            found.records = Some(PathBuf::from(value));
        } else if let Some(shorts) = text.strip_prefix('-').filter(|s| !s.starts_with('-')) {
            // `-C DIR`, `-CDIR`, `-C=DIR`, or after flags without values: `-qC DIR`.
            let flags = shorts.trim_start_matches(['q', 'h', 'V']);
            if let Some(rest) = flags.strip_prefix('C') {
                found.records = if rest.is_empty() {
                    args.next().filter(|next| *next != "=").or_else(|| args.next()).map(PathBuf::from)
                } else {
                    Some(PathBuf::from(rest.strip_prefix('=').unwrap_or(rest)))
                };
            }
        }
    }
    found
}

/// `language = "…"` among the top-level keys of nastavnyk.toml, read line by line so that a
/// mistake elsewhere in the file does not hide it.
fn config_language(text: &str) -> Option<Lang> {
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            return None;
        }
        let Some(rest) = line.strip_prefix("language") else { continue };
        let Some(value) = rest.trim_start().strip_prefix('=') else { continue };
        let value = value.split('#').next().unwrap_or("").trim().trim_matches(['"', '\'']);
        return Lang::ALL.into_iter().find(|l| l.code() == value);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        std::iter::once("nastavnyk").chain(list.iter().copied()).map(OsString::from).collect()
    }

    #[test]
    fn the_flag_wins_and_the_last_one_counts() {
        let cwd = Path::new("/nonexistent");
        assert_eq!(detect(&args(&["--lang", "en", "check"]), cwd, None), Lang::En);
        assert_eq!(detect(&args(&["--lang=en", "--lang", "uk"]), cwd, None), Lang::Uk);
        assert_eq!(detect(&args(&["--", "--lang", "en"]), cwd, None), Lang::Uk);
        assert_eq!(detect(&args(&["--lang", "xx"]), cwd, None), Lang::Uk);
    }

    #[test]
    fn the_registry_language_is_read_even_from_a_broken_config() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "schema = 1\nlanguage = \"en\" # x\n[centre\n").unwrap();
        let path = dir.path().to_str().unwrap();
        assert_eq!(detect(&args(&["-C", path, "check"]), Path::new("/"), None), Lang::En);
        assert_eq!(detect(&args(&[&format!("--records={path}")]), Path::new("/"), None), Lang::En);
        assert_eq!(detect(&args(&["-qC", path, "check"]), Path::new("/"), None), Lang::En);
        assert_eq!(detect(&args(&[&format!("-C{path}"), "check"]), Path::new("/"), None), Lang::En);
        assert_eq!(detect(&args(&["check"]), Path::new("/"), Some(path.into())), Lang::En);
        let inner = dir.path().join("children");
        std::fs::create_dir(&inner).unwrap();
        assert_eq!(detect(&args(&["check"]), &inner, None), Lang::En);
        assert_eq!(detect(&args(&["-C", "/nonexistent", "check"]), &inner, None), Lang::Uk);
    }
}
