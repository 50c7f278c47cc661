//! The registry, `check`, and safe edits committed to git (issue #2).

use crate::support::*;

#[test]
fn cli_definition_is_consistent() {
    use clap::CommandFactory;
    nastavnyk::cli::Cli::command().debug_assert();
}

#[test]
fn init_creates_a_committed_registry() {
    let registry = Registry::new();
    assert!(registry.exists("nastavnyk.toml"));
    for dir in ["children", "mentors", "institutions", "agreements", "templates"] {
        assert!(registry.root().join(dir).is_dir(), "{dir}");
    }
    assert_eq!(registry.status(), "");
    let log = registry.git(&["log", "--format=%s"]);
    assert_eq!(log.trim(), "registry init nastavnyk");
    registry.run(&["check"]).expect(0);
}

#[test]
fn add_set_and_commit_with_trailers() {
    let registry = Registry::new().with_people();
    let before = registry.commit_count();
    registry
        .run(&[
            "child",
            "set",
            "c-0001",
            "settlement=Zhytomyr",
            "interests=[\"chess\", \"music\"]",
            "--reason",
            "asked at intake",
        ])
        .expect(0);
    assert_eq!(registry.commit_count(), before + 1);
    let message = registry.git(&["log", "-1", "--format=%B"]);
    assert!(message.starts_with("child set c-0001\n"), "{message}");
    assert!(message.contains("Nastavnyk-Action: child.set\n"), "{message}");
    assert!(message.contains("Record: c-0001\n"), "{message}");
    assert!(message.contains("Reason: asked at intake\n"), "{message}");
    let files = registry.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "children/c-0001.toml");
    let text = registry.read("children/c-0001.toml");
    assert!(text.contains("settlement = \"Zhytomyr\""), "{text}");
    assert!(text.contains("interests = [\"chess\", \"music\"]"), "{text}");
    assert_eq!(registry.status(), "");
}
