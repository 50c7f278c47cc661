//! Shell completion: the binary asked the way the registered scripts ask it
//! (`NASTAVNYK_COMPLETE=SHELL nastavnyk -- WORDS…`), and the scripts themselves run in a real
//! bash (and fish and zsh where installed), on the demo registry.

use std::path::Path;
use std::process::Command;

use crate::support::*;

/// The candidates the binary gives `shell` for the command line `words` (the last one being
/// completed), asked from `cwd` as a shell there would; one per line, any help after a tab
/// dropped. For an empty word clap offers the flags after the values; they are left out here.
fn candidates_in(cwd: &Path, shell: &str, words: &[&str], setup: impl FnOnce(&mut Command)) -> Vec<String> {
    let mut command = command(cwd);
    command
        .env("NASTAVNYK_COMPLETE", shell)
        .env("_CLAP_IFS", "\n")
        .env("_CLAP_COMPLETE_INDEX", words.len().to_string())
        .arg("--")
        .arg("nastavnyk")
        .args(words);
    setup(&mut command);
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && stderr.is_empty(), "{words:?}: {stderr}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| line.split('\t').next().unwrap().to_string())
        .filter(|line| !line.is_empty() && !line.starts_with("--"))
        .collect()
}

fn candidates(registry: &Registry, words: &[&str]) -> Vec<String> {
    candidates_in(&registry.root(), "bash", words, |_| {})
}

/// The IDs of a folder of the registry, sorted, as the completion must list them.
fn ids(registry: &Registry, folder: &str) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(registry.root().join(folder))
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_string_lossy().strip_suffix(".toml").map(str::to_string))
        .collect();
    ids.sort();
    ids
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

#[test]
fn record_ids_complete_by_kind_wherever_a_record_is_named() {
    let registry = Registry::demo();
    let children = ids(&registry, "children");
    let mentors = ids(&registry, "mentors");
    let institutions = ids(&registry, "institutions");
    let agreements = ids(&registry, "agreements");
    assert!(children.len() > 9 && mentors.len() > 9 && agreements.len() > 1, "{children:?}");
    assert_eq!(
        candidates(&registry, &["child", "show", "c-000"]),
        strings(&["c-0001", "c-0002", "c-0003", "c-0004", "c-0005", "c-0006", "c-0007", "c-0008", "c-0009"])
    );
    let starting = |ids: &[String], prefix: &str| -> Vec<String> {
        ids.iter().filter(|id| id.starts_with(prefix)).cloned().collect()
    };
    for (words, expected) in [
        (&["child", "set", ""][..], children.clone()),
        (&["child", "close", ""], children.clone()),
        (&["mentor", "show", ""], mentors.clone()),
        (&["mentor", "edit", "m-001"], starting(&mentors, "m-001")),
        (&["institution", "remove", ""], institutions.clone()),
        (&["agreement", "sign", ""], agreements.clone()),
        (&["agreement", "render", "a-000"], starting(&agreements, "a-000")),
        (&["agreement", "new", ""], children.clone()),
        (&["agreement", "new", "c-0001", ""], mentors.clone()),
        (&["agreement", "new", "c-0001", "m-0001", "--institution", ""], institutions.clone()),
        (&["agreement", "renew", "a-0001", "--institution", "i-"], institutions.clone()),
        (&["child", "add", "--institution", ""], institutions.clone()),
        (&["contact", "add", ""], agreements.clone()),
        (&["contact", "list", "a-0"], agreements.clone()),
        (&["match", "why", "c-0001", "m-000"], starting(&mentors, "m-000")),
        (&["match", "accept", ""], children.clone()),
        (&["eligibility", ""], [children.clone(), mentors.clone()].concat()),
        (
            &["history", ""],
            [children.clone(), mentors.clone(), institutions.clone(), agreements.clone()].concat(),
        ),
    ] {
        assert_eq!(candidates(&registry, words), expected, "{words:?}");
    }
}

#[test]
fn every_flag_with_a_vocabulary_completes_its_values() {
    let registry = Registry::demo();
    for (words, expected) in [
        (
            &["agreement", "sign", "a-0001", "--party", ""][..],
            &["centre", "institution", "mentor", "legal_representative", "young_person"][..],
        ),
        (&["mentor", "add", "--sex", ""], &["female", "male"]),
        (&["child", "add", "--mentor-sex", "f"], &["female"]),
        (&["child", "add", "--placement", "f"], &["foster_family", "family_type_home"]),
        (
            &["institution", "add", "--kind", ""],
            &[
                "general_secondary",
                "vocational",
                "professional_pre_higher",
                "higher",
                "residential_care",
                "other",
            ],
        ),
        (&["contact", "add", "a-0001", "--kind", "check"], &["checkin_mentor", "checkin_child"]),
        (&["contact", "add", "a-0001", "--consents", "child,l"], &["child,legal_representative"]),
        (
            &["child", "add", "--goal-areas", "abilities,pr"],
            &["abilities,practical_skills", "abilities,profession"],
        ),
        (&["mentor", "add", "--availability", "sat,s"], &["sat,sun"]),
        (&["child", "list", "--status", "w"], &["withdrawn", "waiting"]),
        (&["report", "monthly", "--by", "age"], &["age_band"]),
        (&["agreement", "render", "a-0001", "--to", ""], &["md", "html", "docx"]),
        (&["--lang", ""], &["uk", "en"]),
        (&["completions", "z"], &["zsh"]),
    ] {
        assert_eq!(candidates(&registry, words), strings(expected), "{words:?}");
    }
    // The category's values are the schema's, every one of them.
    assert!(candidates(&registry, &["child", "add", "--category", ""]).contains(&"care_leaver".to_string()));
    assert!(
        candidates(&registry, &["child", "close", "c-0001", "--reason", ""])
            .contains(&"adoption".to_string())
    );
}

#[test]
fn key_value_fields_complete_their_keys_then_their_values() {
    let registry = Registry::demo();
    assert_eq!(
        candidates(&registry, &["child", "set", "c-0001", "consent.legal_r"]),
        strings(&[
            "consent.legal_representative=",
            "consent.legal_representative_name=",
            "consent.legal_representative_authority="
        ])
    );
    assert_eq!(candidates(&registry, &["child", "list", "--where", "sex=m"]), strings(&["sex=male"]));
    assert_eq!(candidates(&registry, &["mentor", "set", "m-0001", "status=p"]), strings(&["status=paused"]));
    let institutions: Vec<String> =
        ids(&registry, "institutions").iter().map(|id| format!("institution={id}")).collect();
    assert_eq!(candidates(&registry, &["child", "set", "c-0001", "institution="]), institutions);
    // Bash cuts `institution=i-` into three words and replaces only the part after the `=`.
    let bash = |words: &[&str]| candidates_in(&registry.root(), "bash", words, |_| {});
    let after: Vec<String> = ids(&registry, "institutions");
    assert_eq!(bash(&["child", "set", "c-0001", "institution", "=", "i-"]), after);
    assert_eq!(bash(&["child", "set", "c-0001", "disability", "="]), strings(&["true", "false"]));
    assert_eq!(bash(&["mentor", "add", "--sex", "=", "f"]), strings(&["female"]));
}

#[test]
fn the_registry_is_the_one_the_line_names_and_none_gives_no_candidates_quietly() {
    let registry = Registry::demo();
    let elsewhere = tempfile::tempdir().unwrap();
    let root = registry.root().display().to_string();
    // No registry here or above: nothing to offer, and nothing said.
    assert_eq!(candidates_in(elsewhere.path(), "bash", &["child", "show", ""], |_| {}), Vec::<String>::new());
    assert_eq!(
        candidates_in(elsewhere.path(), "bash", &["-C", "/no/such/folder", "child", "show", ""], |_| {}),
        Vec::<String>::new()
    );
    let expected = strings(&["m-0001"]);
    // `-C DIR` and `--records=DIR` on the line being typed (as bash cuts it: `=` on its own).
    let flag = candidates_in(elsewhere.path(), "bash", &["-C", &root, "mentor", "show", "m-0001"], |_| {});
    assert_eq!(flag, expected);
    let cut = candidates_in(
        elsewhere.path(),
        "bash",
        &["--records", "=", &root, "mentor", "show", "m-0001"],
        |_| {},
    );
    assert_eq!(cut, expected);
    // `$NASTAVNYK_RECORDS`, as the run itself would use it.
    let env = candidates_in(elsewhere.path(), "bash", &["mentor", "show", "m-0001"], |c| {
        c.env("NASTAVNYK_RECORDS", &root);
    });
    assert_eq!(env, expected);
    // A file that is not a record (a backup, a stray note) is no candidate; the folder listing
    // is all that is read, so a broken record still completes.
    registry.write("children/notes.txt", "x");
    registry.write("children/c-0001.toml", "this is { not toml");
    assert_eq!(candidates(&registry, &["child", "show", "c-0001"]), strings(&["c-0001"]));
}

/// Runs `script` in bash with the registration script of `nastavnyk completions bash` loaded
/// from `file`, and the completion function called as bash calls it for `words` (as bash cut
/// them, the last being completed); returns COMPREPLY.
fn bash_completes(cwd: &Path, file: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        r#"source "$1"
COMP_WORDS=({words})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_TYPE=9
cur="${{COMP_WORDS[COMP_CWORD]}}"; [[ $cur == "=" ]] && cur=""
"$(complete -p nastavnyk | sed -E 's/.* -F ([^ ]+) .*/\1/')" nastavnyk "$cur" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#,
        words = quoted.join(" ")
    );
    let output = Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg("bash")
        .arg(file)
        .current_dir(cwd)
        .env_remove("NASTAVNYK_RECORDS")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
}

#[test]
fn the_bash_script_completes_ids_values_and_fields_in_a_real_bash() {
    let registry = Registry::demo();
    let script = registry.dir.path().join("nastavnyk.bash");
    std::fs::write(&script, registry.run(&["completions", "bash"]).expect(0).stdout).unwrap();
    let root = registry.root();
    assert_eq!(
        bash_completes(&root, &script, &["nastavnyk", "child", "show", "c-000"]),
        ids(&registry, "children")[..9]
    );
    assert_eq!(
        bash_completes(&root, &script, &["nastavnyk", "agreement", "sign", "a-0001", "--party", "le"]),
        strings(&["legal_representative"])
    );
    assert_eq!(
        bash_completes(&root, &script, &["nastavnyk", "child", "set", "c-0001", "placement", "=", "own"]),
        strings(&["own_family"])
    );
    assert_eq!(
        bash_completes(&root, &script, &["nastavnyk", "child", "set", "c-0001", "sex", "="]),
        strings(&["female", "male"])
    );
    assert_eq!(bash_completes(&root, &script, &["nastavnyk", "eligib"]), strings(&["eligibility"]));
}

/// Whether a shell is installed (zsh and fish are optional on a developer's machine).
fn installed(shell: &str) -> bool {
    Command::new(shell).arg("-c").arg("true").output().is_ok_and(|o| o.status.success())
}

#[test]
fn the_zsh_and_fish_scripts_parse_and_answer() {
    let registry = Registry::demo();
    let dir = registry.dir.path();
    // Both shells' answers from the binary, whatever is installed.
    assert_eq!(
        candidates_in(&registry.root(), "zsh", &["agreement", "close", "a-0001", "--reason", "adop"], |_| {}),
        strings(&["adoption"])
    );
    assert_eq!(
        candidates_in(&registry.root(), "fish", &["mentor", "show", "m-0001"], |_| {}),
        strings(&["m-0001"])
    );
    for shell in ["zsh", "fish"] {
        let script = dir.join(format!("nastavnyk.{shell}"));
        std::fs::write(&script, registry.run(&["completions", shell]).expect(0).stdout).unwrap();
        if !installed(shell) {
            eprintln!("{shell} is not installed: its script is not parsed here");
            continue;
        }
        let parsed = Command::new(shell).arg("-n").arg(&script).output().unwrap();
        assert!(parsed.status.success(), "{shell}: {}", String::from_utf8_lossy(&parsed.stderr));
    }
    // Fish completes through the script, as at a prompt.
    if installed("fish") {
        let line = "source $argv[1]; complete --do-complete 'nastavnyk agreement sign a-0001 --party c'";
        let output = Command::new("fish")
            .args(["-c", line])
            .arg(dir.join("nastavnyk.fish"))
            .current_dir(registry.root())
            .env("HOME", dir)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(
            stdout.lines().map(|l| l.split('\t').next().unwrap()).collect::<Vec<_>>(),
            ["centre"],
            "{stdout}"
        );
    }
}

#[test]
fn a_stray_complete_variable_leaves_runs_alone() {
    // clap's default variable name is common; only NASTAVNYK_COMPLETE asks for completion.
    let registry = Registry::demo();
    let run = registry.run_with(&["child", "show", "c-0001"], |c| {
        c.env("COMPLETE", "bash");
    });
    assert!(run.expect(0).stdout.contains("id = \"c-0001\""));
}
