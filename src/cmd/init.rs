//! `init DIR`: a new registry with its config, folders and default templates, committed.

use crate::cli::{GlobalArgs, InitArgs};
use crate::error::{Error, Result};
use crate::git;
use crate::i18n::{Lang, Msg};
use crate::record::Kind;
use crate::registry::write::{LOCK_FILE, write_atomic};
use crate::registry::{self, CONFIG_FILE};

pub fn run(global: &GlobalArgs, args: &InitArgs) -> Result<u8> {
    let dir = args.dir.as_path();
    let lang = global.lang.unwrap_or_default();
    if dir.join(CONFIG_FILE).exists() {
        return Err(Msg::InitNotEmpty { dir: dir.display().to_string() }.into());
    }
    std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
    write_atomic(&dir.join(CONFIG_FILE), &config_text(args, lang))?;
    // Validate what we wrote, as every other write is validated.
    registry::read_config(dir).map_err(|d| Error::new(Msg::RefusedInvalid).with_diagnostics(vec![d]))?;
    for folder in Kind::ALL.iter().map(|k| k.dir()).chain(["templates"]) {
        let folder = dir.join(folder);
        std::fs::create_dir_all(&folder).map_err(|err| Error::io(&folder, err))?;
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
        &format!("# nastavnyk's lock and working copies\n{LOCK_FILE}\n.*.tmp\n.*.edit.toml\n"),
    )?;

    if !global.no_commit {
        if git::toplevel(dir).is_none() {
            git::init(dir)?;
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

/// The config of a new registry: the centre's details given as flags, every parameter at
/// domain.md's default and shown commented out, so a coordinator sees what can be tuned.
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
    text.push_str(CONFIG_TAIL);
    text
}

const CONFIG_TAIL: &str = r#"
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
