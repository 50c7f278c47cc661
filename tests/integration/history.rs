//! Git as the audit trail and the way to share (issue #7): `history`, `undo`, `sync` with a
//! real bare remote and two clones, concurrent writers, a killed writer.

use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::support::{Registry, Run, bare_remote, clone, command, git};

fn head(registry: &Registry) -> String {
    registry.git(&["rev-parse", "HEAD"]).trim().to_string()
}

/// Runs the binary on the registry with only `-C` added (the test chooses date and language).
fn run_raw(registry: &Registry, args: &[&str]) -> Run {
    let output = command(registry.dir.path()).arg("-C").arg(registry.root()).args(args).output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Registry A with i-0001, c-0001, m-0001 and c-0002, shared through a bare remote, and B,
/// a clone of it.
fn shared() -> (Registry, Registry, tempfile::TempDir, PathBuf) {
    let a = Registry::new().with_people();
    a.add_child("Bondar", "2011-04-02");
    let (keep, remote) = bare_remote();
    a.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    let run = a.run(&["sync"]).expect(0);
    assert!(run.stderr.contains("sent"), "{}", run.stderr);
    let b = clone(&remote);
    assert_eq!(head(&a), head(&b));
    (a, b, keep, remote)
}

#[test]
fn sync_converges_edits_of_different_records() {
    let (a, b, _keep, remote) = shared();
    a.run(&["child", "set", "c-0001", "settlement=Zhytomyr", "--reason", "moved"]).expect(0);
    b.run(&["child", "set", "c-0002", "settlement=Berdychiv"]).expect(0);
    a.run(&["sync"]).expect(0);
    let run = b.run(&["sync"]).expect(0);
    assert!(run.stderr.contains("received 1") && run.stderr.contains("sent 1"), "{}", run.stderr);
    let run = a.run(&["sync"]).expect(0);
    assert!(run.stderr.contains("received 1"), "{}", run.stderr);
    assert_eq!(head(&a), head(&b));
    assert_eq!(head(&a), git(&remote, &["rev-parse", "HEAD"]).trim());
    for registry in [&a, &b] {
        assert!(registry.read("children/c-0001.toml").contains("settlement = \"Zhytomyr\""));
        assert!(registry.read("children/c-0002.toml").contains("settlement = \"Berdychiv\""));
        assert_eq!(registry.status(), "");
    }
    // The rebased commit keeps its trailers: the audit trail survives sharing.
    let log = a.git(&["log", "-2", "--format=%B"]);
    assert!(log.contains("Nastavnyk-Action: child.set\nRecord: c-0002"), "{log}");
    assert!(log.contains("Reason: moved"), "{log}");
    // Nothing left to do.
    let run = b.run(&["sync"]).expect(0);
    assert!(run.stderr.contains("already in sync"), "{}", run.stderr);
}

#[test]
fn sync_conflict_leaves_the_clone_exactly_as_it_was() {
    let (a, b, _keep, remote) = shared();
    a.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(0);
    a.run(&["sync"]).expect(0);
    b.run(&["child", "set", "c-0001", "settlement=Korosten"]).expect(0);
    let (head_before, status_before, text_before) = (head(&b), b.status(), b.read("children/c-0001.toml"));

    let run = b.run(&["sync"]).expect(2);
    assert!(run.stderr.contains("children/c-0001.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("git pull --rebase"), "{}", run.stderr);
    assert_eq!(head(&b), head_before);
    assert_eq!(b.status(), status_before);
    assert_eq!(b.read("children/c-0001.toml"), text_before);
    let git_dir = b.root().join(".git");
    assert!(!git_dir.join("rebase-merge").exists() && !git_dir.join("rebase-apply").exists());
    // Nothing was pushed: the remote still has A's change.
    assert_eq!(git(&remote, &["rev-parse", "HEAD"]).trim(), head(&a));

    // In Ukrainian, too.
    let run = run_raw(&b, &["--today", "2026-11-23", "--lang", "uk", "sync"]).expect(2);
    assert!(run.stderr.contains("змінили children/c-0001.toml"), "{}", run.stderr);
}

#[test]
fn sync_does_not_push_an_invalid_registry() {
    let (a, b, _keep, remote) = shared();
    // A coordinator breaks a record by hand and pushes it with git.
    let broken = a.read("children/c-0002.toml").replace("sex = \"female\"", "sex = \"unknown\"");
    a.commit_file("children/c-0002.toml", &broken);
    a.git(&["push", "--quiet", "origin", "HEAD"]);
    let remote_head = git(&remote, &["rev-parse", "HEAD"]).trim().to_string();

    b.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(0);
    let run = b.run(&["sync"]).expect(1);
    assert!(run.stderr.contains("children/c-0002.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was pushed"), "{}", run.stderr);
    assert_eq!(git(&remote, &["rev-parse", "HEAD"]).trim(), remote_head);
}

#[test]
fn sync_needs_a_remote_and_a_clean_registry() {
    let registry = Registry::new().with_people();
    let run = registry.run(&["sync"]).expect(2);
    assert!(
        run.stderr.contains("no remote") && run.stderr.contains("git remote add origin"),
        "{}",
        run.stderr
    );

    let (_keep, remote) = bare_remote();
    registry.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    let count = registry.commit_count();
    let text = registry.read("children/c-0001.toml").replace("Testova", "Other");
    registry.write("children/c-0001.toml", &text);
    let run = registry.run(&["sync"]).expect(2);
    assert!(
        run.stderr.contains("uncommitted") && run.stderr.contains("children/c-0001.toml"),
        "{}",
        run.stderr
    );
    assert_eq!(registry.commit_count(), count);
    // Nothing was pushed.
    assert_eq!(git(&remote, &["rev-list", "--all"]).trim(), "");
}

/// Waits for a child process, failing the test if it takes longer than `limit` (a stale lock
/// would make a writer wait forever).
fn wait(mut child: Child, limit: Duration) -> std::process::Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("a writer did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn spawn(registry: &Registry, args: &[&str]) -> Command {
    let mut command = command(registry.dir.path());
    command.arg("-C").arg(registry.root()).args(["--today", "2026-11-23", "--lang", "en"]).args(args);
    command.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    command
}

#[test]
fn eight_concurrent_writers_all_commit() {
    let registry = Registry::new().with_people();
    let mut ids = vec!["c-0001".to_string()];
    for n in 2..=8 {
        ids.push(registry.add_child(&format!("Surname{n}"), &format!("2011-04-{n:02}")));
    }
    let before = registry.commit_count();
    let writers: Vec<Child> = ids
        .iter()
        .enumerate()
        .map(|(n, id)| {
            let settlement = format!("settlement=Town{n}");
            spawn(&registry, &["child", "set", id, &settlement, "--reason", "concurrent"]).spawn().unwrap()
        })
        .collect();
    for writer in writers {
        let output = wait(writer, Duration::from_secs(60));
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    assert_eq!(registry.commit_count(), before + 8);
    for (n, id) in ids.iter().enumerate() {
        assert!(registry.read(&format!("children/{id}.toml")).contains(&format!("settlement = \"Town{n}\"")));
    }
    assert_eq!(registry.status(), "");
    registry.git(&["fsck", "--strict", "--no-progress"]);
    registry.run(&["check"]).expect(0);
}

#[test]
fn a_killed_writer_leaves_no_half_write_and_no_stale_lock() {
    let registry = Registry::new().with_people();
    let before = registry.read("children/c-0001.toml");
    let count = registry.commit_count();
    // An editor that never finishes, and says where it is so the test can end it.
    let script = registry.dir.path().join("slow-editor.sh");
    let pid_file = registry.dir.path().join("editor.pid");
    std::fs::write(&script, format!("#!/bin/sh\necho $$ > '{}'\nexec sleep 60\n", pid_file.display()))
        .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut writer = spawn(&registry, &["child", "edit", "c-0001"]).env("EDITOR", &script).spawn().unwrap();
    let start = Instant::now();
    while !pid_file.exists() {
        assert!(start.elapsed() < Duration::from_secs(20), "the editor never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    writer.kill().unwrap(); // SIGKILL, mid-way: the lock is held, the editor open
    writer.wait().unwrap();
    let editor_pid = std::fs::read_to_string(&pid_file).unwrap();
    let _ = Command::new("kill").arg("-9").arg(editor_pid.trim()).status();

    // A leftover temporary file of an interrupted write is never read as a record.
    registry.write("children/.c-0001.toml.a1b2c3.tmp", "id = \"c-0001\"\nsurname = ");
    assert_eq!(registry.read("children/c-0001.toml"), before);
    let next = wait(
        spawn(&registry, &["child", "set", "c-0001", "settlement=After"]).spawn().unwrap(),
        Duration::from_secs(30),
    );
    assert!(next.status.success(), "{}", String::from_utf8_lossy(&next.stderr));
    assert_eq!(registry.commit_count(), count + 1);
    assert!(registry.read("children/c-0001.toml").contains("settlement = \"After\""));
    registry.run(&["check"]).expect(0);
    assert_eq!(registry.status(), "");
    let list = registry.run(&["child", "list", "--format", "json"]).expect(0).json();
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn history_shows_each_change_with_fields_reasons_and_manual_edits() {
    let registry = Registry::new().with_people();
    registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr", "--reason", "first visit"]).expect(0);
    registry.run(&["child", "set", "c-0001", "settlement=Berdychiv", "surname=Kovalenko"]).expect(0);
    // A coordinator edits the file by hand and commits it with git.
    let text = registry
        .read("children/c-0001.toml")
        .replace("interests = [\"football\", \"drawing\"]", "interests = [\"football\"]");
    registry.commit_file("children/c-0001.toml", &text);

    let json = registry.run(&["history", "c-0001", "--format", "json"]).expect(0).json();
    let entries = json.as_array().unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["manual", "child.set", "child.set", "child.add"]);
    for entry in entries {
        for key in ["commit", "date", "author", "action", "fields", "reason"] {
            assert!(entry.get(key).is_some(), "{key} missing in {entry}");
        }
        assert_eq!(entry["author"], "Тест Координатор");
    }
    assert_eq!(
        entries[0]["fields"],
        serde_json::json!([{"field": "interests", "old": ["football", "drawing"], "new": ["football"]}])
    );
    assert_eq!(entries[0]["reason"], serde_json::Value::Null);
    assert_eq!(
        entries[1]["fields"],
        serde_json::json!([
            {"field": "settlement", "old": "Zhytomyr", "new": "Berdychiv"},
            {"field": "surname", "old": "•••", "new": "•••"},
        ])
    );
    assert_eq!(entries[2]["reason"], "first visit");
    assert_eq!(
        entries[2]["fields"],
        serde_json::json!([{"field": "settlement", "old": null, "new": "Zhytomyr"}])
    );
    assert_eq!(entries[3]["change"], "added");
    assert!(
        entries[3]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["field"] == "consent.child" && f["new"] == "2026-09-05")
    );
    assert_eq!(entries[0]["commit"].as_str().unwrap(), head(&registry));

    // Names only when asked for.
    let table = registry.run(&["history", "c-0001"]).expect(0);
    assert!(!table.stdout.contains("Koval") && !table.stdout.contains("Maria"), "{}", table.stdout);
    assert!(table.stdout.contains("settlement: Zhytomyr → Berdychiv"), "{}", table.stdout);
    assert!(
        table.stdout.contains("reason: first visit") && table.stdout.contains("manual edit"),
        "{}",
        table.stdout
    );
    let named = registry.run(&["history", "c-0001", "--with-names"]).expect(0);
    assert!(named.stdout.contains("surname: Koval → Kovalenko"), "{}", named.stdout);
    let csv = registry.run(&["history", "c-0001", "--format", "csv"]).expect(0);
    assert!(
        csv.stdout.starts_with("commit,date,author,action,change,field,old,new,reason\n"),
        "{}",
        csv.stdout
    );
    assert!(!csv.stdout.contains("Koval"));

    // The recent log of the registry.
    let log = registry.run(&["history", "-n", "3", "--format", "json"]).expect(0).json();
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["action"], "manual");
    assert_eq!(log[0]["records"], serde_json::json!(["c-0001"]));
    assert_eq!(log[2]["reason"], "first visit");
    let table = registry.run(&["history"]).expect(0);
    assert!(
        table.stdout.contains("mentor.add") && table.stdout.contains("registry.init"),
        "{}",
        table.stdout
    );

    // Unknown IDs and path-like IDs are refused.
    registry.run(&["history", "c-0999"]).expect(2);
    registry.run(&["history", "../x"]).expect(2);
}

#[test]
fn history_of_a_removed_or_renamed_record_is_still_there() {
    let registry = Registry::new().with_people();
    registry.run(&["mentor", "set", "m-0001", "capacity=2"]).expect(0);
    registry.run(&["mentor", "remove", "m-0001", "--reason", "moved away"]).expect(0);
    let json = registry.run(&["history", "m-0001", "--format", "json"]).expect(0).json();
    let changes: Vec<&str> = json.as_array().unwrap().iter().map(|e| e["change"].as_str().unwrap()).collect();
    assert_eq!(changes, ["removed", "modified", "added"]);
    assert_eq!(json[0]["reason"], "moved away");
    assert!(
        json[0]["fields"].as_array().unwrap().iter().any(|f| f["field"] == "surname" && f["old"] == "•••")
    );

    // A record renamed by hand keeps its history.
    registry.git(&["mv", "children/c-0001.toml", "children/c-0042.toml"]);
    let text = registry.read("children/c-0042.toml").replace("\"c-0001\"", "\"c-0042\"");
    registry.commit_file("children/c-0042.toml", &text);
    let json = registry.run(&["history", "c-0042", "--format", "json"]).expect(0).json();
    assert_eq!(json[0]["change"], "renamed");
    assert_eq!(json[0]["renamed_from"], "children/c-0001.toml");
    assert_eq!(json[0]["fields"], serde_json::json!([{"field": "id", "old": "c-0001", "new": "c-0042"}]));
    assert_eq!(json.as_array().unwrap().last().unwrap()["action"], "child.add");
}

#[test]
fn undo_reverts_the_last_change_as_a_new_commit() {
    let registry = Registry::new().with_people();
    let before = registry.read("children/c-0001.toml");
    registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(0);
    let reverted = head(&registry);
    let count = registry.commit_count();
    let run = registry.run(&["undo", "--reason", "wrong child"]).expect(0);
    assert!(run.stderr.contains("undone"), "{}", run.stderr);
    assert_eq!(registry.read("children/c-0001.toml"), before);
    assert_eq!(registry.commit_count(), count + 1);
    let message = registry.git(&["log", "-1", "--format=%B"]);
    assert_eq!(
        message.trim(),
        format!(
            "undo child set c-0001\n\nNastavnyk-Action: undo\nRecord: c-0001\nReverts: {reverted}\nReason: wrong child"
        )
    );
    assert_eq!(registry.status(), "");
    let json = registry.run(&["history", "c-0001", "--format", "json"]).expect(0).json();
    assert_eq!(json[0]["action"], "undo");
    assert_eq!(
        json[0]["fields"],
        serde_json::json!([{"field": "settlement", "old": "Zhytomyr", "new": null}])
    );
    assert_eq!(json[1]["action"], "child.set");

    // Undoing an `add` removes the record again.
    registry
        .run(&[
            "institution",
            "add",
            "--name",
            "Other",
            "--kind",
            "other",
            "--address",
            "a",
            "--director",
            "d",
            "--community",
            "Testova",
        ])
        .expect(0);
    assert!(registry.exists("institutions/i-0002.toml"));
    registry.run(&["undo"]).expect(0);
    assert!(!registry.exists("institutions/i-0002.toml"));
    assert_eq!(registry.status(), "");
}

#[test]
fn undo_refuses_a_dirty_registry_a_manual_commit_and_an_invalid_result() {
    let registry = Registry::new().with_people();
    registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(0);
    let count = registry.commit_count();

    registry
        .write("children/c-0001.toml", &registry.read("children/c-0001.toml").replace("Zhytomyr", "Other"));
    let run = registry.run(&["undo"]).expect(2);
    assert!(
        run.stderr.contains("uncommitted") && run.stderr.contains("children/c-0001.toml"),
        "{}",
        run.stderr
    );
    assert_eq!(registry.commit_count(), count);
    registry.git(&["checkout", "--", "children/c-0001.toml"]);

    // The tool's own lock file is no reason to refuse (it lives inside .git).
    assert!(registry.exists(".git/nastavnyk/lock"));
    // The restored version would have a birth date in the future (on the given --today).
    registry.run(&["child", "set", "c-0001", "birth_date=2010-03-01"]).expect(0);
    let run = run_raw(&registry, &["--today", "2010-03-10", "--lang", "en", "undo"]).expect(2);
    assert!(
        run.stderr.contains("undoing the last change would leave the registry invalid"),
        "{}",
        run.stderr
    );
    assert_eq!(registry.commit_count(), count + 1);
    assert!(registry.read("children/c-0001.toml").contains("2010-03-01"));
    assert_eq!(registry.status(), "");

    registry.commit_file("notes.txt", "a note\n");
    let run = registry.run(&["undo"]).expect(2);
    assert!(run.stderr.contains("not made by nastavnyk"), "{}", run.stderr);
    assert_eq!(registry.commit_count(), count + 2);

    // The first commit, the registry's creation, is not undone.
    let fresh = Registry::new();
    let run = fresh.run(&["undo"]).expect(2);
    assert!(run.stderr.contains("nothing to undo"), "{}", run.stderr);
}

#[test]
fn a_writer_waits_for_another_gits_index_lock() {
    let registry = Registry::new().with_people();
    let count = registry.commit_count();
    // The user's own git (or an IDE) holds the index for a moment.
    let lock = registry.root().join(".git/index.lock");
    std::fs::write(&lock, "").unwrap();
    let writer = spawn(&registry, &["child", "set", "c-0001", "settlement=Zhytomyr"]).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(600));
    std::fs::remove_file(&lock).unwrap();
    let output = wait(writer, Duration::from_secs(30));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(registry.commit_count(), count + 1);
    assert_eq!(registry.status(), "");
}

#[test]
fn history_keeps_a_commit_graph_with_bloom_filters() {
    let registry = Registry::new().with_people();
    assert_eq!(registry.git(&["config", "commitGraph.changedPaths"]).trim(), "true");
    // Edits leave the graph to `history`, the command that reads it.
    registry.run(&["history", "c-0001"]).expect(0);
    let info = registry.root().join(".git/objects/info");
    let mut graphs: Vec<PathBuf> = vec![info.join("commit-graph")];
    if let Ok(entries) = std::fs::read_dir(info.join("commit-graphs")) {
        graphs.extend(
            entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "graph")),
        );
    }
    let layers: Vec<Vec<u8>> = graphs.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    assert!(!layers.is_empty(), "no commit-graph in {}", info.display());
    assert!(
        layers.iter().all(|bytes| bytes.windows(4).any(|w| w == b"BDAT")),
        "a layer without Bloom filters"
    );
    registry.git(&["commit-graph", "verify", "--no-progress"]);
    // Every commit is in the graph: writing it again adds no layer.
    let files = || {
        let mut names: Vec<String> = std::fs::read_dir(info.join("commit-graphs"))
            .map(|entries| entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        names.sort();
        (names, std::fs::read(info.join("commit-graphs/commit-graph-chain")).ok())
    };
    let before = files();
    registry.git(&["commit-graph", "write", "--reachable", "--changed-paths", "--split", "--no-progress"]);
    assert_eq!(files(), before);
}

/// The `change` of each entry of `history ID --format json`, newest first.
fn history_changes(registry: &Registry, id: &str) -> (serde_json::Value, Vec<String>) {
    let json = registry.run(&["history", id, "--format", "json"]).expect(0).json();
    let changes =
        json.as_array().unwrap().iter().map(|e| e["change"].as_str().unwrap().to_string()).collect();
    (json, changes)
}

/// The value `history` shows for `field` in an entry, old and new.
fn field<'a>(entry: &'a serde_json::Value, name: &str) -> (&'a serde_json::Value, &'a serde_json::Value) {
    let fields = entry["fields"].as_array().unwrap();
    let found = fields.iter().find(|f| f["field"] == name).unwrap_or_else(|| panic!("{name} in {entry}"));
    (&found["old"], &found["new"])
}

#[test]
fn history_of_a_record_changed_removed_and_added_again() {
    let registry = Registry::new().with_people();
    registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(0);
    let text = registry.read("children/c-0001.toml");
    registry.run(&["child", "remove", "c-0001", "--reason", "left the service"]).expect(0);
    // Brought back by hand, with another settlement.
    registry.commit_file("children/c-0001.toml", &text.replace("Zhytomyr", "Korosten"));
    let (json, changes) = history_changes(&registry, "c-0001");
    assert_eq!(changes, ["added", "removed", "modified", "added"]);
    assert_eq!(field(&json[0], "settlement"), (&serde_json::Value::Null, &"Korosten".into()));
    assert_eq!(field(&json[1], "settlement"), (&"Zhytomyr".into(), &serde_json::Value::Null));
    assert_eq!(json[1]["reason"], "left the service");
    assert_eq!(field(&json[2], "settlement").1, "Zhytomyr");
}

#[test]
fn history_shows_a_change_merged_from_a_second_parent() {
    let registry = Registry::new().with_people();
    registry.add_child("Bondar", "2011-04-02");
    // A branch changes c-0001; the main line meanwhile changes only c-0002; then a merge.
    let base = registry.git(&["symbolic-ref", "--short", "HEAD"]).trim().to_string();
    registry.git(&["checkout", "-q", "-b", "side"]);
    registry.run(&["child", "set", "c-0001", "settlement=Zhytomyr"]).expect(0);
    registry.git(&["checkout", "-q", &base]);
    registry.run(&["child", "set", "c-0002", "settlement=Berdychiv"]).expect(0);
    registry.git(&["merge", "-q", "--no-edit", "side"]);
    let merge = head(&registry);

    let (json, changes) = history_changes(&registry, "c-0001");
    // The merge itself, against its first parent, and the commit on the branch.
    assert_eq!(changes, ["modified", "modified", "added"]);
    assert_eq!(json[0]["commit"], merge.as_str());
    assert_eq!(json[1]["action"], "child.set");
    for entry in &json.as_array().unwrap()[..2] {
        assert_eq!(field(entry, "settlement").1, "Zhytomyr");
    }
    // c-0002 was changed on the first parent only: the merge is no change of it.
    let (json, changes) = history_changes(&registry, "c-0002");
    assert_eq!(changes, ["modified", "added"]);
    assert_eq!(field(&json[0], "settlement").1, "Berdychiv");
}

#[test]
fn history_follows_renames_in_a_registry_whose_path_has_spaces_and_quotes() {
    let dir = tempfile::tempdir().unwrap();
    // The registry is a folder inside a repository at the top.
    let top = dir.path();
    git(top, &["init", "-q"]);
    let folder = "the \"big\" 'registry' of Zhytomyr";
    let run = command(dir.path())
        .args(["--lang", "en", "init", folder, "--centre", "C", "--community", "Testova"])
        .args(["--address", "A", "--director", "D", "--edrpou", "12345678"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let root = top.join(folder);
    let record = "id = \"c-0001\"\nsurname = \"Koval\"\nsettlement = \"Testova\"\n";
    std::fs::write(root.join("children/c-0001.toml"), record).unwrap();
    git(top, &["add", "-A"]);
    git(top, &["commit", "-q", "-m", "import"]);
    let rel = |id: &str| format!("{folder}/children/{id}.toml");
    git(top, &["mv", &rel("c-0001"), &rel("c-0042")]);
    std::fs::write(root.join("children/c-0042.toml"), record.replace("c-0001", "c-0042")).unwrap();
    git(top, &["commit", "-q", "-am", "renamed"]);
    std::fs::write(
        root.join("children/c-0042.toml"),
        record.replace("c-0001", "c-0042").replace("Testova", "Ovruch"),
    )
    .unwrap();
    git(top, &["commit", "-q", "-am", "moved"]);

    let history = |format: &str| {
        command(dir.path())
            .arg("-C")
            .arg(&root)
            .args(["--lang", "en", "history", "c-0042", "--format", format])
            .output()
            .unwrap()
    };
    let out = history("json");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let changes: Vec<&str> = json.as_array().unwrap().iter().map(|e| e["change"].as_str().unwrap()).collect();
    assert_eq!(changes, ["modified", "renamed", "added"]);
    assert_eq!(field(&json[0], "settlement"), (&"Testova".into(), &"Ovruch".into()));
    assert_eq!(json[1]["renamed_from"], "children/c-0001.toml");
    assert_eq!(field(&json[1], "id"), (&"c-0001".into(), &"c-0042".into()));
    assert_eq!(field(&json[2], "id").1, "c-0001");
    let table = String::from_utf8(history("table").stdout).unwrap();
    assert!(table.contains("renamed from children/c-0001.toml"), "{table}");
}

#[test]
fn history_of_a_record_in_a_one_commit_repository() {
    let registry = Registry::imported_in_one_commit();
    let (json, changes) = history_changes(&registry, "c-0001");
    assert_eq!(changes, ["added"]);
    assert_eq!(json[0]["commit"], head(&registry).as_str());
    assert_eq!(json[0]["action"], "manual");
    assert_eq!(field(&json[0], "community").1, "Testova");
    assert_eq!(field(&json[0], "surname").1, "•••");
    let table = registry.run(&["history", "c-0001"]).expect(0).stdout;
    assert!(table.contains("record created") && table.contains("+ community = Testova"), "{table}");

    // Other records change, or this one is renamed: the import is still its first entry.
    registry.run(&["mentor", "set", "m-0001", "capacity=2"]).expect(0);
    let (json, changes) = history_changes(&registry, "c-0001");
    assert_eq!(changes, ["added"]);
    assert_eq!(field(&json[0], "community").1, "Testova");
    let (_, changes) = history_changes(&registry, "m-0001");
    assert_eq!(changes, ["modified", "added"]);
    registry.git(&["mv", "children/c-0001.toml", "children/c-0042.toml"]);
    let text = registry.read("children/c-0042.toml").replace("\"c-0001\"", "\"c-0042\"");
    registry.commit_file("children/c-0042.toml", &text);
    let (json, changes) = history_changes(&registry, "c-0042");
    assert_eq!(changes, ["renamed", "added"]);
    assert_eq!(field(&json[1], "id").1, "c-0001");
}

#[test]
fn history_of_a_record_added_in_an_unrelated_history_merged_in() {
    let registry = Registry::imported_in_one_commit();
    let ours = registry.read("children/c-0001.toml");
    let base = registry.git(&["symbolic-ref", "--short", "HEAD"]).trim().to_string();
    // A second root with its own c-0001, merged in keeping ours: the merge leaves the file
    // as its first parent had it, and the other root's version shows as that root's.
    registry.git(&["checkout", "-q", "--orphan", "other"]);
    registry.git(&["rm", "-rq", "--cached", "."]);
    registry.write("children/c-0001.toml", &ours.replace("Testova", "Elsewhere"));
    registry.git(&["add", "children/c-0001.toml"]);
    registry.git(&["commit", "-q", "-m", "other root"]);
    let other = head(&registry);
    registry.git(&["checkout", "-q", "-f", &base]);
    registry.git(&["merge", "-q", "--no-edit", "--allow-unrelated-histories", "-s", "ours", "other"]);
    let (json, changes) = history_changes(&registry, "c-0001");
    assert_eq!(changes, ["added", "added"]);
    let other_entry = json.as_array().unwrap().iter().find(|e| e["commit"] == other.as_str()).unwrap();
    assert_eq!(field(other_entry, "community").1, "Elsewhere");
    let import = json.as_array().unwrap().iter().find(|e| e["commit"] != other.as_str()).unwrap();
    assert_eq!(field(import, "community").1, "Testova");
}

#[test]
fn history_shows_a_chmod_as_a_change_of_no_field() {
    // A commit that changes only the file's mode is listed, as git lists it, as a modification
    // with no field changed.
    let registry = Registry::new().with_people();
    registry.git(&["update-index", "--chmod=+x", "children/c-0001.toml"]);
    registry.git(&["commit", "-q", "-m", "executable"]);
    let (json, changes) = history_changes(&registry, "c-0001");
    assert_eq!(changes, ["modified", "added"]);
    assert_eq!(json[0]["fields"], serde_json::json!([]));
    let table = registry.run(&["history", "c-0001"]).expect(0).stdout;
    assert!(table.contains("no field changed (comments or layout only)"), "{table}");
}
