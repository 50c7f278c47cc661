//! The agreement's life, its document and provenance, and the contact log (issue #5), on a
//! real temporary registry with real git.

use std::io::Read;

use crate::support::{Registry, Run, TODAY, command};

/// Runs a command and checks it made exactly one commit with the expected first line and
/// action trailer.
#[track_caller]
fn one_commit(registry: &Registry, args: &[&str], summary: &str, action: &str, record: &str) -> Run {
    let before = registry.commit_count();
    let run = registry.run(args).expect(0);
    assert_eq!(registry.commit_count(), before + 1, "{args:?} made one commit");
    let message = registry.last_message();
    assert!(message.starts_with(&format!("{summary}\n")), "{message}");
    assert!(message.contains(&format!("Nastavnyk-Action: {action}\n")), "{message}");
    assert!(message.contains(&format!("Record: {record}\n")), "{message}");
    assert_eq!(registry.status(), "", "everything committed");
    run
}

/// A registry with people, a second institution, and agreement a-0001 proposed on 2026-10-01
/// (2026 rules: four parties).
fn proposed() -> Registry {
    let registry = Registry::new().with_people();
    registry
        .run(&[
            "institution",
            "add",
            "--name",
            "College No. 2",
            "--kind",
            "professional_pre_higher",
            "--address",
            "3 College Rd",
            "--director",
            "Petro Head",
            "--community",
            "Testova",
        ])
        .expect(0);
    let run = one_commit(
        &registry,
        &["agreement", "new", "c-0001", "m-0001", "--date", "2026-10-01", "--number", "NS-2026/001"],
        "agreement new a-0001",
        "agreement.new",
        "a-0001",
    );
    assert_eq!(run.stdout, "a-0001\n");
    registry
}

fn sign_all(registry: &Registry) {
    for (party, date) in [
        ("centre", "2026-10-05"),
        ("institution", "2026-10-06"),
        ("mentor", "2026-10-07"),
        ("legal_representative", "2026-10-08"),
    ] {
        one_commit(
            registry,
            &["agreement", "sign", "a-0001", "--party", party, "--date", date],
            "agreement sign a-0001",
            "agreement.sign",
            "a-0001",
        );
    }
}

fn agreement_json(registry: &Registry) -> serde_json::Value {
    registry.run(&["--format", "json", "agreement", "show", "a-0001"]).expect(0).json()
}

/// Runs with `--lang uk` (the support runner fixes `--lang en`).
fn run_uk(registry: &Registry, args: &[&str]) -> Run {
    let output = command(registry.dir.path())
        .arg("-C")
        .arg(registry.root())
        .args(["--today", TODAY, "--lang", "uk"])
        .args(args)
        .output()
        .expect("binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn the_whole_life_of_an_agreement_is_one_commit_per_step() {
    let registry = proposed();
    let json = agreement_json(&registry);
    assert_eq!(json["status"], "proposed");
    assert_eq!(json["regime"], "2026");
    assert_eq!(json["institution"], "i-0001", "defaults to the child's institution");
    assert_eq!(json["ends_on"], "2028-03-14", "the 18th birthday");

    sign_all(&registry);
    let json = agreement_json(&registry);
    assert_eq!(json["status"], "active");
    assert_eq!(json["signed_on"], "2026-10-08", "the last signature's date");
    assert_eq!(json["signed_hash"].as_str().unwrap().len(), 12);

    one_commit(
        &registry,
        &[
            "contact",
            "add",
            "a-0001",
            "--date",
            "2026-10-10",
            "--kind",
            "meeting",
            "--hours",
            "2.5",
            "--note",
            "football",
        ],
        "contact add a-0001",
        "contact.add",
        "a-0001",
    );
    one_commit(
        &registry,
        &[
            "contact",
            "add",
            "a-0001",
            "--date",
            "2026-10-12",
            "--kind",
            "outing",
            "--hours",
            "4",
            "--consents",
            "child,legal_representative,institution",
        ],
        "contact add a-0001",
        "contact.add",
        "a-0001",
    );
    let contacts = registry.run(&["--format", "json", "contact", "list", "a-0001"]).expect(0).json();
    assert_eq!(contacts[0]["kind"], "meeting");
    assert_eq!(contacts[0]["hours"], 2.5);
    assert_eq!(contacts[1]["consents"], "child,legal_representative,institution");

    let run = one_commit(
        &registry,
        &["agreement", "suspend", "a-0001", "--date", "2026-10-20", "--reason", "risk to health"],
        "agreement suspend a-0001",
        "agreement.suspend",
        "a-0001",
    );
    let _ = run;
    assert!(registry.last_message().contains("Reason: risk to health"));
    assert_eq!(agreement_json(&registry)["status"], "suspended");
    registry.refused(&["contact", "add", "a-0001", "--kind", "meeting"], "suspended");

    one_commit(
        &registry,
        &["agreement", "resume", "a-0001", "--date", "2026-10-25"],
        "agreement resume a-0001",
        "agreement.resume",
        "a-0001",
    );
    let json = agreement_json(&registry);
    assert_eq!(json["status"], "active");
    assert_eq!(json["suspensions"][0]["date"], "2026-10-20");
    assert_eq!(json["suspensions"][0]["resumed_on"], "2026-10-25");
    assert_eq!(json["suspensions"][0]["reason"], "risk to health");

    // Re-conclusion is a new act (#12): a new proposed agreement; the old one is untouched.
    let before = registry.read("agreements/a-0001.toml");
    let run = one_commit(
        &registry,
        &[
            "agreement",
            "renew",
            "a-0001",
            "--institution",
            "i-0002",
            "--date",
            "2026-11-01",
            "--reason",
            "moved",
        ],
        "agreement renew a-0002",
        "agreement.renew",
        "a-0002",
    );
    assert_eq!(run.stdout, "a-0002\n");
    assert_eq!(registry.read("agreements/a-0001.toml"), before, "the signed agreement is untouched");
    let json = registry.run(&["--format", "json", "agreement", "show", "a-0002"]).expect(0).json();
    assert_eq!(json["institution"], "i-0002");
    assert_eq!(json["renews"], "a-0001");
    assert_eq!(json["status"], "proposed");
    registry.run(&["agreement", "verify", "a-0001"]).expect(0);

    one_commit(
        &registry,
        &[
            "agreement",
            "close",
            "a-0001",
            "--date",
            "2026-11-20",
            "--reason",
            "mutual_consent",
            "--exit-interview",
        ],
        "agreement close a-0001",
        "agreement.close",
        "a-0001",
    );
    let json = agreement_json(&registry);
    assert_eq!(json["status"], "closed");
    assert_eq!(json["closure"]["date"], "2026-11-20");
    assert_eq!(json["closure"]["reason"], "mutual_consent");
    assert_eq!(json["closure"]["exit_interview"], true);
    registry.run(&["check"]).expect(0);
}

#[test]
fn the_2017_rules_need_three_signatures_and_no_legal_representative() {
    let registry = Registry::new().with_people();
    let config = registry.read("nastavnyk.toml").replace("regime = \"auto\"", "regime = \"2017\"");
    registry.commit_file("nastavnyk.toml", &config);
    registry.run(&["agreement", "new", "c-0001", "m-0001", "--date", "2026-10-01"]).expect(0);
    assert_eq!(agreement_json(&registry)["regime"], "2017");
    registry.refused(
        &["agreement", "sign", "a-0001", "--party", "legal_representative", "--date", "2026-10-02"],
        "not a party",
    );
    for party in ["centre", "institution"] {
        registry.run(&["agreement", "sign", "a-0001", "--party", party, "--date", "2026-10-02"]).expect(0);
    }
    assert_eq!(agreement_json(&registry)["status"], "proposed");
    let run =
        registry.run(&["agreement", "sign", "a-0001", "--party", "mentor", "--date", "2026-10-03"]).expect(0);
    assert!(run.stderr.contains("active from 2026-10-03"), "{}", run.stderr);
    assert_eq!(agreement_json(&registry)["signed_on"], "2026-10-03");
}

#[test]
fn impossible_transitions_are_refused_and_nothing_is_written() {
    let registry = proposed();
    registry.refused(&["agreement", "new", "c-0001", "m-0001", "--date", "2026-10-02"], "child.free");
    registry.refused(&["agreement", "activate", "a-0001"], "not signed yet by");
    registry.refused(&["contact", "add", "a-0001", "--kind", "meeting"], "proposed");
    registry.refused(&["agreement", "sign", "a-0001", "--party", "centre", "--date", "2026-12-01"], "future");
    registry.refused(
        &["agreement", "sign", "a-0001", "--party", "centre", "--date", "2026-09-30"],
        "proposed_on",
    );
    registry.refused(&["agreement", "sign", "a-0001", "--party", "director"], "--party");
    registry.refused(&["agreement", "suspend", "a-0001", "--reason", "x"], "proposed");
    registry.refused(&["agreement", "verify", "a-0001"], "not signed yet");
    registry.run(&["agreement", "sign", "a-0001", "--party", "centre", "--date", "2026-10-05"]).expect(0);
    registry.refused(&["agreement", "sign", "a-0001", "--party", "centre"], "already signed");

    // A child who is no longer eligible cannot be signed for; the failing rule is named.
    registry.run(&["child", "set", "c-0001", "birth_date=2005-01-01"]).expect(0);
    registry.refused(
        &["agreement", "sign", "a-0001", "--party", "mentor", "--date", "2026-10-07"],
        "child.max_age",
    );
    registry.run(&["child", "set", "c-0001", "birth_date=2010-03-14"]).expect(0);

    for (party, date) in
        [("institution", "2026-10-06"), ("mentor", "2026-10-07"), ("legal_representative", "2026-10-08")]
    {
        registry.run(&["agreement", "sign", "a-0001", "--party", party, "--date", date]).expect(0);
    }
    registry.refused(&["contact", "add", "a-0001", "--date", "2026-10-07", "--kind", "meeting"], "signed_on");
    registry.refused(&["contact", "add", "a-0001", "--date", "2026-12-07", "--kind", "meeting"], "future");
    registry.refused(&["contact", "add", "a-0001", "--kind", "meeting", "--hours", "-1"], "negative");
    registry.refused(
        &["contact", "add", "a-0001", "--kind", "outing", "--consents", "child"],
        "legal_representative",
    );
    registry.refused(&["contact", "add", "a-0001", "--kind", "chat"], "--kind");
    registry.refused(&["agreement", "resume", "a-0001"], "active");
    registry
        .refused(&["agreement", "renew", "a-0001", "--institution", "i-0001"], "already with institution");
    registry.refused(&["agreement", "close", "a-0001", "--reason", "bored"], "--reason");

    registry.run(&["agreement", "close", "a-0001", "--date", "2026-11-20", "--reason", "other"]).expect(0);
    registry.refused(&["agreement", "close", "a-0001", "--reason", "other"], "already closed");
    registry.refused(&["agreement", "sign", "a-0001", "--party", "mentor"], "already closed");
    registry.refused(&["contact", "add", "a-0001", "--kind", "meeting"], "already closed");
}

#[test]
fn the_document_names_every_party_with_ukrainian_dates() {
    let registry = proposed();
    sign_all(&registry);
    let run = run_uk(&registry, &["agreement", "render", "a-0001", "--to", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = run.stdout;
    for needle in [
        "ДОГОВІР ПРО НАСТАВНИЦТВО №\u{a0}NS-2026/001",
        "Test Centre",
        "код ЄДРПОУ\u{a0}12345678",
        "директор Director Test",
        "Lyceum No.\u{a0}1",
        "керівник Ivan Director",
        "Shevchuk Oleh",
        "Koval Maria",
        "14\u{a0}березня\u{a0}2010\u{a0}р.",
        "8\u{a0}жовтня\u{a0}2026\u{a0}р.",
        "### Законний представник",
        "14\u{a0}березня\u{a0}2028\u{a0}р.",
        "набуття практичних навичок самостійного життя",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in:\n{md}");
    }
    let hash = agreement_json(&registry)["signed_hash"].as_str().unwrap().to_string();
    assert!(md.contains(&format!("`{hash}`")), "the provenance line carries the signed hash");

    let en = registry.run(&["agreement", "render", "a-0001"]).expect(0).stdout;
    assert!(
        en.contains("MENTORING AGREEMENT No.\u{a0}NS-2026/001") && en.contains("8\u{a0}October\u{a0}2026"),
        "{en}"
    );

    let html = registry.run(&["agreement", "render", "a-0001", "--to", "html"]).expect(0).stdout;
    assert!(html.contains("@page") && html.contains("size: A4"));
    assert!(html.contains("<div class=\"block\">") && html.contains("part-signatures"));
    assert!(html.contains("Shevchuk Oleh"));
}

#[test]
fn values_cannot_inject_markup_into_the_document() {
    let registry = proposed();
    registry.run(&["mentor", "set", "m-0001", "registered_address=<script>x</script>"]).expect(0);
    let html = registry.run(&["agreement", "render", "a-0001", "--to", "html"]).expect(0).stdout;
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"), "{html}");
}

#[test]
fn the_docx_holds_the_same_text() {
    let registry = proposed();
    sign_all(&registry);
    let out = registry.dir.path().join("a-0001.docx");
    let run =
        run_uk(&registry, &["agreement", "render", "a-0001", "--to", "docx", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = std::fs::File::open(&out).expect("written");
    let mut archive = zip::ZipArchive::new(file).expect("a zip");
    let mut xml = String::new();
    archive.by_name("word/document.xml").expect("document.xml").read_to_string(&mut xml).unwrap();
    let text: String = xml.split('<').map(|part| part.split_once('>').map_or("", |(_, t)| t)).collect();
    for needle in [
        "ДОГОВІР ПРО НАСТАВНИЦТВО",
        "Shevchuk Oleh",
        "Koval Maria",
        "Lyceum No.\u{a0}1",
        "8\u{a0}жовтня\u{a0}2026\u{a0}р.",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in DOCX text:\n{text}");
    }
    assert!(xml.contains("w:pgSz") && xml.contains("11906"), "A4 pages");
}

#[test]
fn docx_is_not_written_to_a_terminal_but_goes_down_a_pipe() {
    let registry = proposed();
    let run = registry.run(&["agreement", "render", "a-0001", "--to", "docx"]).expect(0);
    assert!(run.stdout.starts_with("PK"), "a zip on the pipe");
}

#[test]
fn a_template_typo_is_an_error_naming_the_file_and_line() {
    let registry = proposed();
    registry.write(
        "templates/agreement.en.md",
        "# Agreement\n\nNo. {{ agreement.number }}\n{{ agreement.numbr }}\n",
    );
    let run = registry.run(&["agreement", "render", "a-0001"]).expect(2);
    assert!(run.stderr.contains("templates/agreement.en.md:4"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn verify_tells_when_a_rendered_field_changed_since_signing() {
    let registry = proposed();
    sign_all(&registry);
    let run = registry.run(&["agreement", "verify", "a-0001"]).expect(0);
    assert!(run.stdout.contains("still produce"), "{}", run.stdout);

    // Not in the document: no change.
    registry.run(&["child", "set", "c-0001", "interests=chess"]).expect(0);
    registry.run(&["agreement", "verify", "a-0001"]).expect(0);

    registry.run(&["child", "set", "c-0001", "surname=Kovalenko"]).expect(0);
    let run = registry.run(&["agreement", "verify", "a-0001"]).expect(1);
    assert!(run.stdout.contains("children/c-0001.toml: `surname` changed"), "{}", run.stdout);
    let json = registry.run(&["--format", "json", "agreement", "verify", "a-0001"]).expect(1).json();
    assert_eq!(json["ok"], false);
    assert_eq!(json["changed"], serde_json::json!([{"file": "children/c-0001.toml", "field": "surname"}]));
}

#[test]
fn render_writes_the_file_atomically_with_o() {
    let registry = proposed();
    let out = registry.dir.path().join("agreement.html");
    let run = registry
        .run(&["agreement", "render", "a-0001", "--to", "html", "-o", out.to_str().unwrap()])
        .expect(0);
    assert_eq!(run.stdout, "");
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("<!DOCTYPE html>"));
}

#[test]
fn init_writes_the_default_templates_for_editing() {
    let registry = Registry::new();
    for name in ["agreement.uk.md", "agreement.en.md", "agreement.html"] {
        assert!(registry.exists(&format!("templates/{name}")), "{name}");
    }
}

/// The life-cycle use cases are callable without the command line: a `Session` on a real
/// registry, typed inputs, typed outcomes, one commit each.
#[test]
fn the_life_cycle_use_cases_run_without_the_command_line() {
    use nastavnyk::agreement::Proposal;
    use nastavnyk::agreement::contact::{self, NewContact};
    use nastavnyk::agreement::lifecycle::{self, Closure, Signed};
    use nastavnyk::record::date::parse_iso;
    use nastavnyk::record::enums::{ClosureReason, ContactKind, Party};
    use nastavnyk::registry::write::Outcome;
    use nastavnyk::session::Session;

    let registry = Registry::new().with_people();
    // This process commits itself: git needs an identity (the binary's runs get it from env).
    registry.git(&["config", "user.name", "Тест Координатор"]);
    registry.git(&["config", "user.email", "coordinator@example.org"]);
    let today = parse_iso(TODAY).unwrap();
    let session = Session::open(registry.root(), today).unwrap();

    let proposal =
        Proposal { child: "c-0001", mentor: "m-0001", institution: None, date: today, number: None };
    let created = lifecycle::create(&session, &proposal, ("agreement", "new"), Some("test")).unwrap();
    assert_eq!(created.id, "a-0001");
    assert!(matches!(created.outcome, Outcome::Committed(_)));
    assert_eq!(created.summary.as_deref(), Some("agreement new a-0001"));

    // A refused transition writes nothing: a contact before the agreement is active.
    let new = NewContact {
        date: today,
        kind: ContactKind::Meeting,
        hours: Some(nastavnyk::record::Minutes::from_hours_whole(2)),
        note: None,
        by: None,
        consents: Vec::new(),
    };
    let before = registry.commit_count();
    assert!(contact::add(&session, "a-0001", &new, None).is_err());
    assert_eq!(registry.commit_count(), before);

    let parties = [Party::Centre, Party::Institution, Party::Mentor, Party::LegalRepresentative];
    for (n, party) in parties.into_iter().enumerate() {
        let (change, signed) = lifecycle::sign(&session, "a-0001", party, today, None).unwrap();
        assert_eq!(change.summary.as_deref(), Some("agreement sign a-0001"));
        match signed {
            Signed::Active { signed_on, .. } => {
                assert_eq!(n, parties.len() - 1, "active only with the last signature");
                assert_eq!(signed_on, today);
            }
            Signed::Waiting { waiting, .. } => assert_eq!(waiting.len(), parties.len() - 1 - n),
        }
    }
    let verification = lifecycle::verify(&session, "a-0001").unwrap();
    assert!(verification.ok());

    contact::add(&session, "a-0001", &new, Some("first meeting")).unwrap();
    let closure =
        Closure { date: today, reason: ClosureReason::ChildRefused, exit_interview: true, note: None };
    lifecycle::close(&session, "a-0001", &closure).unwrap();

    let agreement = agreement_json(&registry);
    assert_eq!(agreement["status"], "closed");
    assert_eq!(agreement["contacts"].as_array().unwrap().len(), 1);
    assert_eq!(registry.git(&["log", "-1", "--format=%s"]).trim(), "agreement close a-0001");
    registry.run(&["check"]).expect(0);
    assert_eq!(registry.status(), "");
}
