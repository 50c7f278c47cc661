//! Regressions of edits: the `edit` working copy, and `-o FILE` of the commands that write one.

use std::path::{Path, PathBuf};

use crate::support::{Registry, TODAY, bin};

/// An executable "editor" script in the test's folder.
fn editor(registry: &Registry, name: &str, body: &str) -> PathBuf {
    let path = registry.dir.path().join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

fn edit_with(registry: &Registry, id: &str, script: &Path) -> crate::support::Run {
    let kind = if id.starts_with("c-") { "child" } else { "mentor" };
    registry.run_with(&[kind, "edit", id], |c| {
        c.env("EDITOR", script);
    })
}

// See: #11
#[test]
fn edit_does_not_write_back_a_kept_copy_taken_before_the_record_changed() {
    let registry = Registry::new().with_people();
    // The editor changes the file, then fails: the typing is kept beside the record.
    let failing =
        editor(&registry, "failing.sh", "sed -i 's/^given_name = .*/given_name = \"Old\"/' \"$1\"\nexit 1");
    edit_with(&registry, "c-0001", &failing).expect(2);
    assert!(registry.exists("children/.c-0001.edit.toml"));
    // The record changes after that.
    registry.run(&["child", "set", "c-0001", "settlement=Later"]).expect(0);
    let after_set = registry.read("children/c-0001.toml");
    let commits = registry.commit_count();
    // The next edit must not put the old copy back over the change (nor commit it).
    let untouched = editor(&registry, "true.sh", "exit 0");
    let run = edit_with(&registry, "c-0001", &untouched).expect(2);
    assert!(run.stderr.contains(".c-0001.edit.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("delete it"), "{}", run.stderr);
    assert_eq!(registry.read("children/c-0001.toml"), after_set);
    assert_eq!(registry.commit_count(), commits);
    // Once the user deletes the old copy, editing works again.
    std::fs::remove_file(registry.root().join("children/.c-0001.edit.toml")).unwrap();
    edit_with(&registry, "c-0001", &untouched).expect(0);
    assert_eq!(registry.read("children/c-0001.toml"), after_set);
}

// See: #11
#[test]
fn edit_after_remove_and_add_does_not_give_the_new_record_the_removed_ones_data() {
    let registry = Registry::new().with_people();
    let add = |given: &str| {
        registry
            .run(&[
                "child",
                "add",
                "--surname",
                "Bondar",
                "--given-name",
                given,
                "--birth-date",
                "2011-01-02",
                "--sex",
                "male",
                "--category",
                "orphan",
                "--placement",
                "guardian",
                "--community",
                "Testova",
            ])
            .expect(0)
            .stdout
    };
    assert_eq!(add("Petro").trim(), "c-0002");
    let failing = editor(
        &registry,
        "failing.sh",
        "sed -i 's/^given_name = .*/given_name = \"Removed\"/' \"$1\"\nexit 1",
    );
    edit_with(&registry, "c-0002", &failing).expect(2);
    registry.run(&["child", "remove", "c-0002"]).expect(0);
    assert!(!registry.exists("children/.c-0002.edit.toml"), "remove deletes the kept copy");
    // A removed record's ID is never handed out again (#11); the new record is still clean.
    assert_eq!(add("Andrii").trim(), "c-0003");
    let untouched = editor(&registry, "true.sh", "exit 0");
    edit_with(&registry, "c-0003", &untouched).expect(0);
    let text = registry.read("children/c-0003.toml");
    assert!(text.contains("given_name = \"Andrii\""), "{text}");
    assert!(!text.contains("Removed"), "{text}");
}

// See: #11
#[test]
fn edit_does_not_hold_the_registry_lock_while_the_editor_is_open() {
    let registry = Registry::new().with_people();
    let status = registry.dir.path().join("status");
    // While "editing" the child, the coordinator changes the mentor in another terminal.
    let script = editor(
        &registry,
        "other-writer.sh",
        &format!(
            "timeout 10 '{}' -C '{}' --today {TODAY} mentor set m-0001 settlement=Elsewhere >/dev/null 2>&1\necho $? > '{}'",
            bin().display(),
            registry.root().display(),
            status.display()
        ),
    );
    edit_with(&registry, "c-0001", &script).expect(0);
    assert_eq!(std::fs::read_to_string(&status).unwrap().trim(), "0", "the other writer was not blocked");
    assert!(registry.read("mentors/m-0001.toml").contains("settlement = \"Elsewhere\""));
}

// See: #11
#[test]
fn edit_refuses_when_the_record_changed_while_the_editor_was_open() {
    let registry = Registry::new().with_people();
    // While the editor is open, someone else sets a field of the same record; then the
    // "user" changes the copy and saves.
    let script = editor(
        &registry,
        "racing.sh",
        &format!(
            "timeout 10 '{}' -C '{}' --today {TODAY} child set c-0001 settlement=Meanwhile >/dev/null 2>&1\n\
             sed -i 's/^given_name = .*/given_name = \"Stale\"/' \"$1\"",
            bin().display(),
            registry.root().display(),
        ),
    );
    let run = edit_with(&registry, "c-0001", &script).expect(2);
    assert!(run.stderr.contains(".c-0001.edit.toml"), "{}", run.stderr);
    let text = registry.read("children/c-0001.toml");
    assert!(text.contains("settlement = \"Meanwhile\""), "{text}");
    assert!(!text.contains("Stale"), "{text}");
    // The typing is still there to carry over.
    assert!(registry.read("children/.c-0001.edit.toml").contains("Stale"));
    assert_eq!(registry.status(), "");
}

// See: #11
#[test]
fn output_through_a_symlink_replaces_its_target_and_keeps_the_link() {
    let registry = Registry::new().with_people();
    let target = registry.dir.path().join("real.csv");
    std::fs::write(&target, "old\n").unwrap();
    let link = registry.dir.path().join("link.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    registry.run(&["--format", "csv", "report", "children", "-o", link.to_str().unwrap()]).expect(0);
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.starts_with("child,"), "{text}");
}

// See: #11
#[test]
fn output_never_replaces_a_fifo_or_a_directory() {
    let registry = Registry::demo();
    let fifo = registry.dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let fifo_arg = fifo.to_str().unwrap();
    for args in [
        vec!["report", "children", "-o", fifo_arg],
        vec!["due", "-o", fifo_arg],
        vec!["agreement", "render", "a-0001", "--to", "md", "-o", fifo_arg],
    ] {
        let run = registry.run(&args).expect(2);
        assert!(run.stderr.contains("is not a regular file"), "{args:?}: {}", run.stderr);
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "{args:?}: still a FIFO");
    }
    // A device node (as root one can be made; `/dev/null` itself was turned into a file).
    let device = registry.dir.path().join("null");
    let made = std::process::Command::new("mknod").arg(&device).args(["c", "1", "3"]).output();
    if made.is_ok_and(|out| out.status.success()) {
        registry.run(&["report", "children", "-o", device.to_str().unwrap()]).expect(2);
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::symlink_metadata(&device).unwrap().file_type().is_char_device());
    }
    // A directory (`..` used to panic on its missing file name).
    for dir in ["..", "."] {
        let run = registry.run(&["report", "children", "-o", dir]).expect(2);
        assert!(run.stderr.contains("is not a regular file"), "{}", run.stderr);
        let run = registry.run(&["agreement", "render", "a-0001", "-o", dir]).expect(2);
        assert!(run.stderr.contains("is not a regular file"), "{}", run.stderr);
    }
    // A link to nowhere is refused too, rather than guessed at.
    let dangling = registry.dir.path().join("dangling");
    std::os::unix::fs::symlink(registry.dir.path().join("nowhere/x"), &dangling).unwrap();
    registry.run(&["report", "children", "-o", dangling.to_str().unwrap()]).expect(2);
    assert!(!registry.dir.path().join("nowhere").exists());
}

// See: #11
#[test]
fn output_dash_means_standard_output_for_every_command_with_o() {
    let registry = Registry::demo();
    let run = registry.run(&["--format", "csv", "report", "children", "-o", "-"]).expect(0);
    assert!(run.stdout.starts_with("child,"), "{}", run.stdout);
    let run =
        registry.run(&["--format", "csv", "report", "monthly", "--month", "2026-10", "-o", "-"]).expect(0);
    assert!(!run.stdout.is_empty());
    let run = registry.run(&["--format", "json", "due", "-o", "-"]).expect(0);
    run.json();
    let run = registry.run(&["agreement", "render", "a-0001", "--to", "md", "-o", "-"]).expect(0);
    assert!(!run.stdout.is_empty());
    for dir in [registry.dir.path().to_path_buf(), registry.root()] {
        assert!(!dir.join("-").exists(), "no file named `-` in {}", dir.display());
    }
}

// See: #14
#[test]
fn add_lists_every_missing_required_flag_at_once() {
    let registry = Registry::new();
    let commits = registry.commit_count();
    for (kind, given, missing) in [
        (
            "child",
            &["--surname", "Коваленко"][..],
            &["--given-name", "--birth-date", "--sex", "--community", "--category", "--placement"][..],
        ),
        ("mentor", &["--sex", "male"], &["--surname", "--given-name", "--birth-date", "--community"]),
        ("institution", &[], &["--name", "--kind", "--address", "--director", "--community"]),
    ] {
        let run = registry.run(&[&[kind, "add"][..], given].concat()).expect(2);
        // One run names them all, as clap's usage error (no record file was even drafted).
        for flag in missing {
            assert!(run.stderr.contains(flag), "{kind}: {flag} not named:\n{}", run.stderr);
        }
        assert!(!run.stderr.contains("schema.missing_key"), "{}", run.stderr);
        // `--help` puts them under their own heading, with the allowed values of each.
        let help = registry.run(&[kind, "add", "--help"]).expect(0).stdout;
        let required = help.split("Required fields:").nth(1).expect("a heading of required flags");
        let required = required.split("\n\n").next().unwrap();
        for flag in missing.iter().chain(given.iter().filter(|g| g.starts_with("--"))) {
            assert!(required.contains(flag), "{kind}: {flag} not marked required:\n{help}");
        }
        assert!(!required.contains("--patronymic") && !required.contains("--edrpou"), "{help}");
    }
    let help = registry.run(&["child", "add", "--help"]).expect(0).stdout;
    assert!(help.contains("[possible values: orphan,"), "{help}");
    assert!(help.contains("[possible values: institution,") && help.contains("foster_family"), "{help}");
    assert!(registry.run(&["institution", "add", "--help"]).expect(0).stdout.contains("residential_care"));
    assert_eq!(registry.commit_count(), commits);
    assert!(!registry.exists("children/c-0001.toml"));
}
