//! Regressions of git: where the registry sits, what a write may commit, what undo may
//! revert, what sync reports, who can read the repository.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{self, Registry, Run, TODAY, command, git};

fn finish(output: std::process::Output) -> Run {
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs the binary on the registry at `root` (any folder), with the fixed date and English.
fn run_at(home: &Path, root: &Path, args: &[&str]) -> Run {
    finish(
        command(home)
            .arg("-C")
            .arg(root)
            .args(["--today", TODAY, "--lang", "en"])
            .args(args)
            .output()
            .expect("binary runs"),
    )
}

/// `nastavnyk init` of a registry at `rel` under `home` (in a repository already, or not).
fn init_at(home: &Path, rel: &str) -> PathBuf {
    let run = finish(
        command(home)
            .args(["--lang", "en", "init", rel, "--centre", "C", "--community", "Testova"])
            .args(["--address", "A", "--director", "D", "--edrpou", "12345678"])
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    home.join(rel)
}

fn add_institution(home: &Path, root: &Path) {
    run_at(
        home,
        root,
        &[
            "institution",
            "add",
            "--name",
            "Lyceum",
            "--kind",
            "vocational",
            "--address",
            "2 School St",
            "--director",
            "Ivan Director",
            "--community",
            "Testova",
        ],
    )
    .expect(0);
}

fn hook(dir: &Path, name: &str, script: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

fn count(dir: &Path) -> usize {
    git(dir, &["rev-list", "--count", "HEAD"]).trim().parse().unwrap()
}

// See: #11
#[test]
fn history_is_empty_when_registry_path_is_non_ascii() {
    let home = tempfile::tempdir().unwrap();
    git(home.path(), &["init", "--quiet"]);
    let root = init_at(home.path(), "Документи/реєстр");
    add_institution(home.path(), &root);
    let run = run_at(home.path(), &root, &["--format", "json", "history", "i-0001"]).expect(0);
    let entries = run.json();
    assert_eq!(entries.as_array().map(Vec::len), Some(1), "{}", run.stdout);
    assert_eq!(entries[0]["action"], "institution.add");
    let run = run_at(home.path(), &root, &["--format", "json", "history"]).expect(0);
    assert!(run.json().as_array().unwrap().iter().any(|e| e["records"][0] == "i-0001"), "{}", run.stdout);
}

// See: #11
#[test]
fn undo_reverts_a_sibling_registrys_commit() {
    let home = tempfile::tempdir().unwrap();
    git(home.path(), &["init", "--quiet"]);
    let a = init_at(home.path(), "a");
    let b = init_at(home.path(), "b");
    add_institution(home.path(), &b);
    let before = count(home.path());
    let run = run_at(home.path(), &a, &["undo"]).expect(2);
    assert!(run.stderr.contains("outside this registry"), "{}", run.stderr);
    assert_eq!(count(home.path()), before);
    assert!(b.join("institutions/i-0001.toml").exists());
    // In its own registry, undo still works.
    run_at(home.path(), &b, &["undo"]).expect(0);
    assert!(!b.join("institutions/i-0001.toml").exists());
}

// See: #11
#[test]
fn write_commits_a_stray_change_under_its_own_action() {
    let registry = Registry::new().with_people();
    let count = registry.commit_count();
    let text = registry.read("children/c-0001.toml");
    let stray = format!("{text}# a hand edit nobody committed\n");
    registry.write("children/c-0001.toml", &stray);
    let run = registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr", "--reason", "r"]).expect(2);
    assert!(run.stderr.contains("children/c-0001.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("restore") && run.stderr.contains("commit"), "{}", run.stderr);
    assert_eq!(registry.commit_count(), count);
    assert_eq!(registry.read("children/c-0001.toml"), stray);
    // Once restored, the write goes through, and only its own change is committed.
    registry.git(&["restore", "--", "children/c-0001.toml"]);
    registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(0);
    assert!(!registry.git(&["show", "HEAD"]).contains("hand edit"));
}

// See: #11
#[cfg(target_os = "linux")] // the hook finds the tool's process through /proc
#[test]
fn interrupt_during_a_write_leaves_a_lock_or_a_temp_file() {
    let registry = Registry::new().with_people();
    let count = registry.commit_count();
    // Ctrl-C reaches nastavnyk while git is committing: the hook signals git's parent.
    hook(
        &registry.root().join(".git/hooks"),
        "pre-commit",
        "tool=$(awk '{print $4}' /proc/$PPID/stat)\nkill -INT \"$tool\"\nsleep 0.2\nexit 0",
    );
    let run = registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]);
    // The write finished (committed whole), then the tool stopped as interrupted.
    assert_eq!(run.code, 130, "{}", run.stderr);
    assert_eq!(registry.commit_count(), count + 1);
    assert_eq!(registry.status(), "");
    assert!(!registry.exists(".git/index.lock"));
    let leftovers: Vec<_> = std::fs::read_dir(registry.root().join("children"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

// See: #11
#[test]
fn failed_commit_leaves_the_index_or_a_silent_rollback_failure() {
    let registry = Registry::new().with_people();
    let count = registry.commit_count();
    let before = registry.read("children/c-0001.toml");
    let hooks = registry.root().join(".git/hooks");
    hook(&hooks, "pre-commit", "echo 'hook says no' >&2\nexit 1");
    let run = registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(2);
    assert!(run.stderr.contains("hook says no"), "{}", run.stderr);
    assert_eq!(registry.read("children/c-0001.toml"), before);
    assert_eq!(registry.status(), "", "the index is as before");
    assert_eq!(registry.commit_count(), count);

    // The rollback itself fails (the file's place is taken by a folder): say what is left
    // and how to restore it.
    hook(&hooks, "pre-commit", "rm -f children/c-0001.toml\nmkdir -p children/c-0001.toml/x\nexit 1");
    let run = registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(2);
    assert!(run.stderr.contains("Putting things back failed"), "{}", run.stderr);
    assert!(run.stderr.contains("restore --staged --worktree -- children/c-0001.toml"), "{}", run.stderr);
}

// See: #11
#[cfg(unix)]
#[test]
fn children_data_is_world_readable_through_git_objects() {
    use std::os::unix::fs::PermissionsExt;
    let registry = Registry::new().with_people();
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let git_dir = registry.root().join(".git");
    assert_eq!(mode(&git_dir) & 0o077, 0, "{:o}", mode(&git_dir));
    assert_eq!(registry.git(&["config", "core.sharedRepository"]).trim(), "0600");
    let mut objects = vec![git_dir.join("objects")];
    while let Some(dir) = objects.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            assert_eq!(mode(&path) & 0o077, 0, "{} is {:o}", path.display(), mode(&path));
            if path.is_dir() {
                objects.push(path);
            }
        }
    }
    // check warns when a record file has been opened up.
    let child = registry.root().join("children/c-0001.toml");
    std::fs::set_permissions(&child, std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = registry.run(&["check"]);
    assert!(
        run.stderr.contains("file.permissions") || run.stdout.contains("file.permissions"),
        "{}",
        run.stderr
    );
}

// See: #11
#[test]
fn lock_file_shows_as_untracked_without_gitignore() {
    let registry = Registry::new();
    registry.git(&["rm", "--quiet", ".gitignore"]);
    registry.git(&["commit", "--quiet", "-m", "no ignore file"]);
    let registry = registry.with_people();
    assert_eq!(registry.status(), "");
    assert!(!registry.exists(".nastavnyk.lock"));
}

// See: #11
#[test]
fn init_without_identity_leaves_a_half_made_registry() {
    let home = tempfile::tempdir().unwrap();
    let init = |identity: bool| {
        let mut cmd = command(home.path());
        if !identity {
            for key in ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"] {
                cmd.env_remove(key);
            }
            cmd.env("EMAIL", "").env("GIT_CONFIG_GLOBAL", home.path().join("no-config"));
        }
        finish(
            cmd.args(["--lang", "en", "init", "reg", "--centre", "C", "--community", "T"])
                .args(["--address", "A", "--director", "D"])
                .output()
                .unwrap(),
        )
    };
    let run = init(false).expect(2);
    assert!(run.stderr.contains("user.name"), "{}", run.stderr);
    assert!(!home.path().join("reg/nastavnyk.toml").exists());
    init(true).expect(0);
}

// See: #11
#[test]
fn init_accepts_an_invalid_edrpou() {
    let home = tempfile::tempdir().unwrap();
    for code in ["1234", "1234567x", "12345679"] {
        let run = finish(
            command(home.path())
                .args(["--lang", "en", "init", "reg", "--centre", "C", "--community", "T"])
                .args(["--address", "A", "--director", "D", "--edrpou", code])
                .output()
                .unwrap(),
        );
        assert_eq!(run.code, 2, "{code}: {}", run.stderr);
        assert!(run.stderr.contains(code), "{}", run.stderr);
        assert!(!home.path().join("reg").exists());
    }
}

// See: #11
#[test]
fn sync_reports_a_hook_rejection_as_a_race() {
    let registry = Registry::new().with_people();
    let (_remote_dir, remote) = support::bare_remote();
    hook(&remote.join("hooks"), "pre-receive", "echo 'policy: pushes need a signed-off review' >&2\nexit 1");
    registry.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    let run = registry.run(&["sync"]).expect(2);
    assert!(run.stderr.contains("policy: pushes need a signed-off review"), "{}", run.stderr);
    assert!(!run.stderr.contains("kept changing"), "{}", run.stderr);
    assert!(run.stderr.contains("sync"), "{}", run.stderr);
}

// See: #11
#[test]
fn second_undo_reapplies_the_change() {
    let registry = Registry::new().with_people();
    registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(0);
    registry.run(&["undo"]).expect(0);
    let after_undo = registry.read("children/c-0001.toml");
    let count = registry.commit_count();
    let run = registry.run(&["undo"]).expect(2);
    assert!(run.stderr.contains("itself an undo") && run.stderr.contains("git revert"), "{}", run.stderr);
    assert_eq!(registry.read("children/c-0001.toml"), after_undo);
    assert!(!after_undo.contains("Zhytomyr"));
    assert_eq!(registry.commit_count(), count);
}

// See: #11
#[test]
fn commits_are_allowed_during_a_stopped_rebase_and_on_a_detached_head() {
    let registry = Registry::new().with_people();
    registry.git(&["checkout", "--quiet", "--detach"]);
    let count = registry.commit_count();
    let run = registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(2);
    assert!(run.stderr.contains("detached") && run.stderr.contains("git -C"), "{}", run.stderr);
    assert!(run.stderr.contains("switch"), "{}", run.stderr);
    assert_eq!(registry.commit_count(), count);
    registry.git(&["checkout", "--quiet", "-"]);

    // A rebase stopped at an `edit` step.
    let status = Command::new("git")
        .arg("-C")
        .arg(registry.root())
        .args(["rebase", "--quiet", "-i", "HEAD~1"])
        .env("GIT_SEQUENCE_EDITOR", "sed -i -e s/^pick/edit/")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", registry.dir.path())
        .env("GIT_COMMITTER_NAME", "T")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let run = registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(2);
    assert!(
        run.stderr.contains("rebase --continue") && run.stderr.contains("rebase --abort"),
        "{}",
        run.stderr
    );
    assert!(!registry.read("children/c-0001.toml").contains("Zhytomyr"));
}

// See: #11
#[test]
fn history_shows_a_mentors_phone_and_email_without_with_names() {
    let registry = Registry::new().with_people();
    registry.run(&["mentor", "set", "m-0001", "phone=+380501234567", "email=oleh@example.org"]).expect(0);
    let run = registry.run(&["--format", "json", "history", "m-0001"]).expect(0);
    assert!(
        !run.stdout.contains("380501234567") && !run.stdout.contains("oleh@example.org"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\"phone\""), "{}", run.stdout);
    let run = registry.run(&["--format", "json", "history", "m-0001", "--with-names"]).expect(0);
    assert!(run.stdout.contains("380501234567") && run.stdout.contains("oleh@example.org"), "{}", run.stdout);
}

// See: #11
#[cfg(unix)]
#[test]
fn a_clone_used_by_sync_keeps_children_data_world_readable() {
    use std::os::unix::fs::PermissionsExt;
    let registry = Registry::new().with_people();
    let (_remote_dir, remote) = support::bare_remote();
    registry.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    registry.run(&["sync"]).expect(0);
    let clone = support::clone(&remote);
    clone.run(&["sync"]).expect(0);
    assert_eq!(clone.git(&["config", "core.sharedRepository"]).trim(), "0600");
    let objects = clone.root().join(".git/objects");
    let mode = std::fs::metadata(&objects).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "{mode:o}");
}

// See: #11
#[test]
fn a_removed_records_id_is_handed_out_again() {
    let registry = Registry::new().with_people();
    assert_eq!(registry.add_child("Bondar", "2011-04-02"), "c-0002");
    registry.run(&["child", "remove", "c-0002", "--reason", "entered twice"]).expect(0);
    assert_eq!(registry.add_child("Tkachenko", "2011-04-02"), "c-0003");
    // Renamed away by hand counts as used too.
    registry.git(&["mv", "children/c-0003.toml", "children/c-0002.toml"]);
    let text = registry.read("children/c-0002.toml").replace("\"c-0003\"", "\"c-0002\"");
    registry.commit_file("children/c-0002.toml", &text);
    assert_eq!(registry.add_child("Lysenko", "2011-04-02"), "c-0004");
}

// See: #11
#[test]
fn two_clones_that_each_add_get_the_same_id_and_sync_conflicts() {
    let a = Registry::new().with_people();
    let (_remote_dir, remote) = support::bare_remote();
    a.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    a.run(&["sync"]).expect(0);
    let b = support::clone(&remote);

    assert_eq!(a.add_child("Bondar", "2011-04-02"), "c-0002");
    assert_eq!(b.add_child("Tkachenko", "2011-04-02"), "c-0002");
    // B's unpushed change names its new child: it must follow the renumbering.
    b.run(&["mentor", "set", "m-0001", "conflicts=[\"c-0002\"]", "--reason", "neighbours"]).expect(0);

    a.run(&["sync"]).expect(0);
    let run = b.run(&["sync"]).expect(0);
    assert!(run.stderr.contains("c-0002") && run.stderr.contains("c-0003"), "{}", run.stderr);
    a.run(&["sync"]).expect(0);

    assert_eq!(a.git(&["rev-parse", "HEAD"]), b.git(&["rev-parse", "HEAD"]));
    for clone in [&a, &b] {
        assert!(clone.read("children/c-0002.toml").contains("Bondar"));
        let renumbered = clone.read("children/c-0003.toml");
        assert!(renumbered.contains("Tkachenko") && renumbered.contains("id = \"c-0003\""), "{renumbered}");
        let mentor = clone.read("mentors/m-0001.toml");
        assert!(mentor.contains("\"c-0003\"") && !mentor.contains("\"c-0002\""), "{mentor}");
        clone.run(&["check"]).expect(0);
        assert!(clone.status().trim().is_empty(), "{}", clone.status());
    }
    let log = b.git(&["log", "-3", "--format=%B"]);
    assert!(log.contains("Renumbered: c-0002 -> c-0003"), "{log}");
    assert!(log.contains("Nastavnyk-Action: child.add"), "{log}");
    let json = b.run(&["history", "c-0003", "--format", "json"]).expect(0).json();
    assert_eq!(json.as_array().unwrap().last().unwrap()["action"], "child.add");
}

// See: #11
#[test]
fn a_renumbering_sync_that_then_conflicts_leaves_the_clone_as_it_was() {
    let a = Registry::new().with_people();
    let (_remote_dir, remote) = support::bare_remote();
    a.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    a.run(&["sync"]).expect(0);
    let b = support::clone(&remote);
    a.add_child("Bondar", "2011-04-02");
    b.add_child("Tkachenko", "2011-04-02");
    // Besides the same new ID, both change the same field of the same record: a real conflict.
    a.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(0);
    b.run(&["child", "set", "c-0001", "settlement=Korosten"]).expect(0);
    a.run(&["sync"]).expect(0);
    let head = b.git(&["rev-parse", "HEAD"]);
    let run = b.run(&["sync"]).expect(2);
    assert!(run.stderr.contains("c-0001"), "{}", run.stderr);
    assert_eq!(b.git(&["rev-parse", "HEAD"]), head);
    assert!(b.read("children/c-0002.toml").contains("Tkachenko"));
    assert!(!b.exists("children/c-0003.toml"));
    assert!(b.status().trim().is_empty(), "{}", b.status());
}

/// `history` ran `git commit-graph write` on every call, even when the graph already held
/// HEAD: one process of six, about a sixth of its time on a fresh registry of 200,000 records
/// (`history` must stay within 2× `git log -- FILE`). Now it writes only when HEAD is missing
/// from the graph, and then still catches up on commits made by hand.
// See: #16
#[test]
fn history_rewrote_an_up_to_date_commit_graph_on_every_run() {
    let registry = Registry::new().with_people();
    // A `git` first on PATH that logs its arguments, then runs the real one.
    let real = std::env::var_os("PATH")
        .and_then(|path| std::env::split_paths(&path).map(|dir| dir.join("git")).find(|git| git.is_file()))
        .expect("git on PATH");
    let wrapper = tempfile::tempdir().unwrap();
    let log = wrapper.path().join("calls");
    let script = wrapper.path().join("git");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"$*\" >> '{}'\nexec '{}' \"$@\"\n", log.display(), real.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = std::env::join_paths(
        std::iter::once(wrapper.path().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let writes = || {
        let _ = std::fs::remove_file(&log);
        registry.run_with(&["history", "c-0001"], |command| {
            command.env("PATH", &path);
        });
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("commit-graph write"))
            .count()
    };
    assert_eq!(writes(), 1, "the first history writes the graph");
    assert_eq!(writes(), 0, "nothing new: the graph is left alone");
    registry.git(&["commit", "--allow-empty", "-q", "-m", "by hand"]);
    assert_eq!(writes(), 1, "a commit made by hand is added to the graph");
    registry.git(&["commit-graph", "verify", "--no-progress"]);
    assert_eq!(writes(), 0);
}

#[test]
fn history_of_a_renamed_record_was_empty_when_git_has_log_follow_set() {
    // See: #16 — a user's `log.follow = true` turned the log of one file into `--follow`,
    // whose diffs name the old path: the history of a renamed record came out empty.
    let registry = Registry::new().with_people();
    registry.git(&["config", "log.follow", "true"]);
    registry.git(&["mv", "children/c-0001.toml", "children/c-0042.toml"]);
    let text = registry.read("children/c-0042.toml").replace("\"c-0001\"", "\"c-0042\"");
    registry.commit_file("children/c-0042.toml", &text);
    let json = registry.run(&["history", "c-0042", "--format", "json"]).expect(0).json();
    let changes: Vec<&str> = json.as_array().unwrap().iter().map(|e| e["change"].as_str().unwrap()).collect();
    assert_eq!(changes, ["renamed", "added"]);
    assert_eq!(json[0]["renamed_from"], "children/c-0001.toml");
}

#[test]
fn history_lost_the_creation_of_a_record_from_the_first_commit_when_git_has_log_show_root_off() {
    // See: #16 — with a user's `log.showRoot = false`, git gave the first commit of the
    // repository no diff, and history left out the commit that created a record in it.
    let registry = Registry::imported_in_one_commit();
    registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(0);
    registry.git(&["config", "log.showRoot", "false"]);
    let json = registry.run(&["history", "c-0001", "--format", "json"]).expect(0).json();
    let changes: Vec<&str> = json.as_array().unwrap().iter().map(|e| e["change"].as_str().unwrap()).collect();
    assert_eq!(changes, ["modified", "added"]);
}

#[test]
fn history_shows_a_records_first_version_from_an_import_without_reading_the_import_twice() {
    // See: #16 — the first commit's diff is no longer asked of git (it read the big trees of an
    // import a second time); the record's first version comes from the change after it, or
    // from the tip when nothing changed it since.
    let registry = Registry::imported_in_one_commit();
    let before = registry.read("children/c-0001.toml");
    let first = |json: &serde_json::Value, field: &str| -> serde_json::Value {
        let added = json.as_array().unwrap().last().unwrap();
        assert_eq!(added["change"], "added");
        let row = added["fields"].as_array().unwrap().iter().find(|f| f["field"] == field).cloned();
        row.unwrap_or_else(|| panic!("no {field} in {added}"))["new"].clone()
    };
    let json = registry.run(&["history", "c-0001", "--format", "json", "--with-names"]).expect(0).json();
    let original = first(&json, "surname");
    assert!(before.contains(original.as_str().unwrap()), "{original} is not in {before}");
    registry.run(&["child", "set", "c-0001", "surname=Іваненко-Петренко", "--reason", "a typo"]).expect(0);
    registry.run(&["child", "set", "c-0001", "surname=Іваненко", "--reason", "again"]).expect(0);
    let json = registry.run(&["history", "c-0001", "--format", "json", "--with-names"]).expect(0).json();
    let changes: Vec<&str> = json.as_array().unwrap().iter().map(|e| e["change"].as_str().unwrap()).collect();
    assert_eq!(changes, ["modified", "modified", "added"]);
    assert_eq!(first(&json, "surname"), original, "the first version is the import's");
    let middle =
        json[1]["fields"].as_array().unwrap().iter().find(|f| f["field"] == "surname").unwrap().clone();
    assert_eq!((middle["old"].clone(), middle["new"].as_str()), (original, Some("Іваненко-Петренко")));
}

/// The warnings of `check --format json` with the given code, as (file, message).
fn warnings_with(run: &Run, code: &str) -> Vec<String> {
    let json = run.json();
    json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == code)
        .map(|w| w["message"].as_str().unwrap().to_string())
        .collect()
}

// See: #16 — `check` finds the repository's folder without running git; a linked worktree's
// objects are the main repository's, named in its `commondir` file.
#[cfg(unix)]
#[test]
fn check_names_the_main_repositorys_objects_for_a_registry_in_a_linked_worktree() {
    use std::os::unix::fs::PermissionsExt;
    let registry = Registry::new();
    let home = registry.root();
    let linked =
        home.parent().unwrap().join(format!("{}-linked", home.file_name().unwrap().to_string_lossy()));
    registry.git(&["worktree", "add", "--quiet", "-b", "linked", linked.to_str().unwrap()]);
    let open = |path: &Path| std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    // The worktree's own files come from the umask; only the repository's folders matter here.
    let objects = |run: &Run| -> Vec<String> {
        let warnings = warnings_with(run, "file.permissions");
        warnings
            .iter()
            .flat_map(|w| w.split(' '))
            .map(|w| w.trim_matches([':', '(', ')']))
            .filter(|w| w.contains(".git"))
            .map(str::to_string)
            .collect()
    };
    let name = home.file_name().unwrap().to_string_lossy().into_owned();
    let shared = format!("../{name}/.git/objects");
    let run = run_at(&home, &linked, &["--format", "json", "check"]);
    assert!(!objects(&run).contains(&shared), "{}", run.stdout);
    open(&home.join(".git/objects"));
    let run = run_at(&home, &linked, &["--format", "json", "check"]);
    assert!(objects(&run).contains(&shared), "{}", run.stdout);
    registry.git(&["worktree", "remove", "--force", linked.to_str().unwrap()]);
}

// See: #16 — a registry in a folder of a larger repository: its `.git` is found upwards.
#[cfg(unix)]
#[test]
fn check_finds_the_repository_above_a_registry_in_a_subfolder() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    git(home.path(), &["init", "--quiet"]);
    let root = init_at(home.path(), "centre/records");
    std::fs::set_permissions(home.path().join(".git"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let run = run_at(home.path(), &root, &["--format", "json", "check"]);
    let found = warnings_with(&run, "file.permissions");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert!(found[0].split(' ').any(|word| word.trim_end_matches(':') == "../../.git"), "{}", found[0]);
}
