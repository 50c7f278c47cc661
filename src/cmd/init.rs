//! `init DIR`: a new registry with its config, folders and default templates, committed.

use std::path::Path;

use crate::cli::{GlobalArgs, InitArgs};
use crate::error::{EdrpouFlaw, Failure, Hint};
use crate::error::{Error, Result};
use crate::git;
use crate::i18n::{Lang, Msg};
use crate::record::Kind;
use crate::registry::write::{LOCK_FILE, write_atomic};
use crate::registry::{self, CONFIG_FILE};

pub fn run(global: &GlobalArgs, args: &InitArgs) -> Result<u8> {
    let dir = args.dir.as_path();
    let lang = global.lang.unwrap_or_default();
    // Everything that can be refused is refused before the first file is written, so that a
    // failed init leaves nothing a second init would stumble over.
    if dir.join(CONFIG_FILE).exists() {
        return Err(Failure::InitNotEmpty { dir: dir.display().to_string() }.into());
    }
    if let Some(code) = &args.edrpou {
        check_edrpou(code)?;
    }
    let config = config_text(args, lang);
    // Validate what we are about to write, as every other write is validated.
    registry::parse_toml::<crate::record::Config>(CONFIG_FILE, &config)
        .map_err(|d| Error::new(Failure::RefusedInvalid).with_diagnostics(vec![d]))?;
    if !global.no_commit {
        git::check_identity(existing_ancestor(dir))?;
    }

    std::fs::create_dir_all(dir).map_err(|err| Error::write(dir, err))?;
    write_atomic(&dir.join(CONFIG_FILE), &config)?;
    for folder in Kind::ALL.iter().map(|k| k.dir()).chain(["templates"]) {
        let folder = dir.join(folder);
        std::fs::create_dir_all(&folder).map_err(|err| Error::write(&folder, err))?;
        write_atomic(&folder.join(".gitkeep"), "")?;
    }
    let mut written: Vec<String> = vec![CONFIG_FILE.into(), ".gitignore".into()];
    written
        .extend(Kind::ALL.iter().map(|k| k.dir()).chain(["templates"]).map(|dir| format!("{dir}/.gitkeep")));
    for (name, text) in crate::templates::DEFAULTS {
        write_atomic(&dir.join("templates").join(name), text)?;
        written.push(format!("templates/{name}"));
    }
    write_atomic(
        &dir.join(".gitignore"),
        &format!("# nastavnyk's lock (outside git) and working copies\n{LOCK_FILE}\n.*.tmp\n.*.edit.toml\n"),
    )?;

    if !global.no_commit {
        let fresh = git::toplevel(dir).is_none();
        if fresh {
            git::init(dir)?;
            // A repository of our own making holds children's data: owner only. One the
            // registry joins (a subfolder of the user's repository) keeps its owner's settings.
            git::safety::make_owner_only(dir)?;
        }
        git::configure_commit_graph(dir);
        let message = crate::registry::write::CommitMessage {
            noun: "registry",
            action: "init",
            record: "nastavnyk".into(),
            reason: None,
        };
        git::commit_paths(dir, &written, &message.render())?;
    }
    if !global.quiet {
        eprintln!("{}", lang.text(&Msg::InitDone { dir: dir.display().to_string() }));
    }
    Ok(0)
}

/// The nearest folder of `dir` that exists, for git to run in before `dir` is made.
fn existing_ancestor(dir: &Path) -> &Path {
    dir.ancestors().find(|d| !d.as_os_str().is_empty() && d.is_dir()).unwrap_or(Path::new("."))
}

/// A ЄДРПОУ (the centre's code in the Unified State Register) is eight digits, the last a
/// check digit. The check digit, as the State Statistics Service computes it:
///
/// - weights 1, 2, 3, 4, 5, 6, 7 on the first seven digits, except for codes between
///   30,000,000 and 60,000,000, which take 7, 1, 2, 3, 4, 5, 6;
/// - the weighted sum modulo 11 is the check digit; if it comes out as 10, the sum is taken
///   again with every weight increased by 2, and a second 10 counts as 0.
///
/// (14360570, 00032129, 40075815 are real codes this accepts.)
pub fn check_edrpou(code: &str) -> Result<()> {
    let refuse = |flaw: EdrpouFlaw| {
        Err(Error::new(Failure::BadEdrpou { code: code.to_string(), flaw }).with_hint(Hint::CheckEdrpou))
    };
    if code.len() != 8 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return refuse(EdrpouFlaw::NotEightDigits);
    }
    let digits: Vec<u32> = code.bytes().map(|b| u32::from(b - b'0')).collect();
    let value: u32 = code.parse().unwrap_or(0);
    let base: [u32; 7] =
        if (30_000_000..60_000_000).contains(&value) { [7, 1, 2, 3, 4, 5, 6] } else { [1, 2, 3, 4, 5, 6, 7] };
    let remainder = |extra: u32| digits[..7].iter().zip(base).map(|(d, w)| d * (w + extra)).sum::<u32>() % 11;
    let mut check = remainder(0);
    if check == 10 {
        check = remainder(2) % 10;
    }
    if check != digits[7] {
        return refuse(EdrpouFlaw::CheckDigit { expected: check });
    }
    Ok(())
}

/// The config of a new registry: the centre's details given as flags, every parameter at
/// the documented default (docs/schema.md) and shown commented out, so a coordinator sees what can be tuned.
fn config_text(args: &InitArgs, lang: Lang) -> String {
    let quote =
        |value: &Option<String>| toml_edit::Value::from(value.clone().unwrap_or_default()).to_string();
    let optional = |key: &str, value: &Option<String>| match value {
        Some(_) => format!("{key} = {}\n", quote(value).trim()),
        None => format!("# {key} = \"\"\n"),
    };
    let mut text = format!(
        "schema = 1\nlanguage = \"{}\"\n\n[centre]\nname = {}\naddress = {}\n{}director = {}\n{}community = {}\n",
        lang.code(),
        quote(&args.centre).trim(),
        quote(&args.address).trim(),
        optional("phone", &args.phone),
        quote(&args.director).trim(),
        optional("edrpou", &args.edrpou),
        quote(&args.community).trim(),
    );
    // The comments speak the registry's language; the keys and values are the same.
    text.push_str(match lang {
        Lang::Uk => CONFIG_TAIL_UK,
        Lang::En => CONFIG_TAIL_EN,
    });
    text
}

const CONFIG_TAIL_UK: &str = r#"
[rules]
regime = "auto"            # "2017" | "2026" | "auto" (за датою)
cutover_2026 = 2026-07-14  # перший день дії Закону 4744-IX, коли regime = "auto"
# Параметри кожних правил (показано типові); задавайте лише те, що змінює ваше положення:
# [rules.2026]
# min_mentor_age = 21
# min_child_age = 10
# certificate_valid_months = 12
# citizenship = "fail"             # "fail" | "warn" | "off"
# child_consent = "fail"
# legal_representative_consent = "fail"

[monitoring]
# min_meetings_per_month = 2
# min_hours_per_month = 4.0
# first_checkin_days = 14
# checkin_interval_days_first_year = 30
# checkin_interval_days_after = 90

[matching]
# scope = "community"          # "community" (громада) | "settlement" (населений пункт) | "any" (будь-де)
# min_age_gap = 5
# [matching.weights]
# interests = 3.0
# goal_areas = 4.0

[git]
commit = true
"#;

const CONFIG_TAIL_EN: &str = r#"
[rules]
regime = "auto"            # "2017" | "2026" | "auto" (by the date)
cutover_2026 = 2026-07-14  # first day of Law 4744-IX when regime = "auto"
# Per-regime parameters (defaults shown); set only what your bylaw changes:
# [rules.2026]
# min_mentor_age = 21
# min_child_age = 10
# certificate_valid_months = 12
# citizenship = "fail"             # "fail" | "warn" | "off"
# child_consent = "fail"
# legal_representative_consent = "fail"

[monitoring]
# min_meetings_per_month = 2
# min_hours_per_month = 4.0
# first_checkin_days = 14
# checkin_interval_days_first_year = 30
# checkin_interval_days_after = 90

[matching]
# scope = "community"          # "community" | "settlement" | "any"
# min_age_gap = 5
# [matching.weights]
# interests = 3.0
# goal_areas = 4.0

[git]
commit = true
"#;

#[cfg(test)]
mod tests {
    use super::{CONFIG_TAIL_EN, CONFIG_TAIL_UK, check_edrpou};

    #[test]
    fn config_comments_follow_the_language_and_the_settings_do_not() {
        // See: #14 — a Ukrainian registry's nastavnyk.toml was commented in English.
        let settings = |text: &str| -> Vec<String> {
            text.lines().map(|l| l.split('#').next().unwrap_or("").trim().to_string()).collect()
        };
        assert_eq!(settings(CONFIG_TAIL_UK), settings(CONFIG_TAIL_EN));
        assert!(CONFIG_TAIL_UK.contains("за датою") && !CONFIG_TAIL_UK.contains("by the date"));
    }

    #[test]
    fn edrpou_check_digit() {
        for good in ["14360570", "00032129", "40075815", "12345678"] {
            assert!(check_edrpou(good).is_ok(), "{good}");
        }
        for bad in ["14360571", "1234567", "1234567a", "123456789", ""] {
            assert!(check_edrpou(bad).is_err(), "{bad}");
        }
    }
}
