//! A temporary registry in its own git repository, and a way to run the binary on it with a
//! fixed identity, date and language, so every run is reproducible.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const TODAY: &str = "2026-11-23";

pub struct Registry {
    pub dir: tempfile::TempDir,
}

/// The result of one run: exit code and both streams as text.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with both streams shown unless the exit code is `code`.
    #[track_caller]
    pub fn expect(self, code: i32) -> Run {
        assert_eq!(self.code, code, "exit code\n--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_nastavnyk"))
}

/// The environment every run gets: a fixed git identity and no outside configuration.
pub fn command(dir: &Path) -> Command {
    let mut command = Command::new(bin());
    command
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Тест Координатор")
        .env("GIT_AUTHOR_EMAIL", "coordinator@example.org")
        .env("GIT_COMMITTER_NAME", "Тест Координатор")
        .env("GIT_COMMITTER_EMAIL", "coordinator@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("NO_COLOR", "1")
        .env_remove("NASTAVNYK_RECORDS")
        .env_remove("NASTAVNYK_TODAY")
        .env_remove("VISUAL")
        .env_remove("EDITOR");
    command
}

fn finish(output: Output) -> Run {
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Тест Координатор")
        .env("GIT_AUTHOR_EMAIL", "coordinator@example.org")
        .env("GIT_COMMITTER_NAME", "Тест Координатор")
        .env("GIT_COMMITTER_EMAIL", "coordinator@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

impl Registry {
    /// `child add` of a child `surname` born on `birth` in institution i-0001 (Testova),
    /// registered 2026-09-01; returns the ID it printed.
    pub fn add_child(&self, surname: &str, birth: &str) -> String {
        let run = self
            .run(&[
                "child",
                "add",
                "--surname",
                surname,
                "--given-name",
                "Anna",
                "--birth-date",
                birth,
                "--sex",
                "female",
                "--category",
                "orphan",
                "--placement",
                "institution",
                "--institution",
                "i-0001",
                "--community",
                "Testova",
                "--registered-on",
                "2026-09-01",
            ])
            .expect(0);
        run.stdout.trim().to_string()
    }

    /// An empty registry made by `nastavnyk init` (so `init` is exercised by every test).
    pub fn new() -> Registry {
        let dir = tempfile::tempdir().expect("temp dir");
        let run = finish(
            command(dir.path())
                .args([
                    "--lang",
                    "en",
                    "init",
                    "reg",
                    "--centre",
                    "Test Centre",
                    "--community",
                    "Testova",
                    "--address",
                    "1 Main St",
                ])
                .args(["--director", "Director Test", "--edrpou", "12345678"])
                .output()
                .expect("binary runs"),
        );
        assert_eq!(run.code, 0, "init failed: {}", run.stderr);
        Registry { dir }
    }

    /// A registry holding a copy of the demo registry `records/`, committed, with commits on.
    pub fn demo() -> Registry {
        let registry = Registry::new();
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
        copy_dir(&source, &registry.root());
        // The demo turns committing off so the project's own checkout is never committed
        // into; a test copy turns it back on.
        let config = registry.read("nastavnyk.toml").replace("commit = false", "commit = true");
        registry.write("nastavnyk.toml", &config);
        registry.git(&["add", "-A"]);
        registry.git(&["commit", "-q", "-m", "demo"]);
        registry
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("reg")
    }

    /// Runs the binary with `-C <registry> --today 2026-11-23 --lang en` and `args`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, |_| {})
    }

    pub fn run_with(&self, args: &[&str], setup: impl FnOnce(&mut Command)) -> Run {
        let mut command = command(self.dir.path());
        command.arg("-C").arg(self.root()).args(["--today", TODAY, "--lang", "en"]).args(args);
        setup(&mut command);
        finish(command.output().expect("binary runs"))
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.root().join(rel).exists()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn git(&self, args: &[&str]) -> String {
        git(&self.root(), args)
    }

    /// A registry with people whose files were all committed at once, by hand, in a new
    /// repository (an import): the history of a record is that one commit.
    pub fn imported_in_one_commit() -> Registry {
        let registry = Registry::new().with_people();
        std::fs::remove_dir_all(registry.root().join(".git")).unwrap();
        registry.git(&["init", "-q"]);
        registry.git(&["add", "-A"]);
        registry.git(&["commit", "-q", "-m", "import"]);
        assert_eq!(registry.commit_count(), 1);
        registry
    }

    pub fn commit_count(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"]).trim().parse().unwrap()
    }

    /// `git status --porcelain`: empty when everything is committed.
    pub fn status(&self) -> String {
        self.git(&["status", "--porcelain"])
    }

    /// Writes `text` as a file and commits it by hand (as a coordinator might).
    pub fn commit_file(&self, rel: &str, text: &str) {
        self.write(rel, text);
        self.git(&["add", rel]);
        self.git(&["commit", "-q", "-m", &format!("manual {rel}")]);
    }

    /// Adds a standard institution `i-0001`, child `c-0001` and mentor `m-0001` through the CLI.
    pub fn with_people(self) -> Registry {
        self.run(&[
            "institution",
            "add",
            "--name",
            "Lyceum No. 1",
            "--kind",
            "vocational",
            "--address",
            "2 School St",
            "--director",
            "Ivan Director",
            "--community",
            "Testova",
        ])
        .expect(0);
        self.run(&[
            "child",
            "add",
            "--surname",
            "Koval",
            "--given-name",
            "Maria",
            "--birth-date",
            "2010-03-14",
            "--sex",
            "female",
            "--category",
            "orphan",
            "--placement",
            "institution",
            "--institution",
            "i-0001",
            "--community",
            "Testova",
            "--interests",
            "football,drawing",
            "--goal-areas",
            "abilities,practical_skills",
            "--registered-on",
            "2026-09-01",
            "consent.child=2026-09-05",
            "consent.legal_representative=2026-09-06",
        ])
        .expect(0);
        self.run(&[
            "mentor",
            "add",
            "--surname",
            "Shevchuk",
            "--given-name",
            "Oleh",
            "--birth-date",
            "1988-05-02",
            "--sex",
            "male",
            "--community",
            "Testova",
            "--interests",
            "football,it",
            "--goal-areas",
            "abilities",
            "--availability",
            "sat,sun",
            "--applied-on",
            "2026-08-01",
            "documents.passport_copy=2026-08-01",
            "documents.medical_certificate=2026-07-20",
            "documents.criminal_record_certificate=2026-07-25",
            "training.completed_on=2026-09-20",
            "conclusion.issued_on=2026-09-25",
        ])
        .expect(0);
        self
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Registry {
    /// The last commit's message.
    pub fn last_message(&self) -> String {
        self.git(&["log", "-1", "--format=%B"])
    }

    /// Every record file with its contents, sorted, to show that a refused command changed
    /// nothing.
    pub fn record_files(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for dir in ["agreements", "children", "mentors", "institutions"] {
            let Ok(entries) = std::fs::read_dir(self.root().join(dir)) else { continue };
            for entry in entries.flatten() {
                let name = format!("{dir}/{}", entry.file_name().to_string_lossy());
                out.push((name, std::fs::read_to_string(entry.path()).unwrap_or_default()));
            }
        }
        out.sort();
        out
    }

    /// Runs a command that must be refused (exit 2) naming `needle`, and checks that nothing
    /// was written, committed or left uncommitted.
    #[track_caller]
    pub fn refused(&self, args: &[&str], needle: &str) -> Run {
        let before = self.commit_count();
        let files = self.record_files();
        let run = self.run(args).expect(2);
        assert!(run.stderr.contains(needle), "stderr of {args:?} should mention {needle:?}:\n{}", run.stderr);
        assert_eq!(self.commit_count(), before, "{args:?} committed nothing");
        assert_eq!(self.status(), "", "{args:?} left nothing uncommitted");
        assert_eq!(self.record_files(), files, "{args:?} wrote nothing");
        run
    }
}

/// A bare repository to share through, in its own temporary folder.
pub fn bare_remote() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("remote.git");
    git(dir.path(), &["init", "--quiet", "--bare", path.to_str().unwrap()]);
    (dir, path)
}

/// A second coordinator's clone of `remote`, as a registry the helpers can run on.
pub fn clone(remote: &Path) -> Registry {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["clone", "--quiet", remote.to_str().unwrap(), "reg"]);
    Registry { dir }
}

/// A small deterministic generator (splitmix64): the same random registries and edits on
/// every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// An index into a slice of `len` items.
    pub fn index(&mut self, len: usize) -> usize {
        (self.next() % len as u64) as usize
    }
}
