//! `report period`, breakdowns (`--by`), `--as-of` and regions (`--registry`) on a registry
//! written by hand, whose figures are computed on paper in the comments. Today is 2026-11-23.

use std::path::Path;
use std::process::Command;

use crate::support::{Registry, Run};

const INSTITUTION: &str = "id = \"i-0001\"\nname = \"Lyceum\"\nkind = \"vocational\"\naddress = \"2 School St\"\n\
     director = \"Ivan Director\"\ncommunity = \"Alpha\"\n";

/// A child with consents on registration; `extra` adds `family`, `disability`.
fn child(n: u32, sex: &str, birth: &str, registered: &str, community: &str, extra: &str) -> String {
    format!(
        "id = \"c-{n:04}\"\nsurname = \"Childsurname{n}\"\ngiven_name = \"Olena\"\nbirth_date = {birth}\n\
         sex = \"{sex}\"\ncategory = \"orphan\"\nplacement = \"institution\"\ninstitution = \"i-0001\"\n\
         community = \"{community}\"\nlanguages = [\"uk\"]\nregistered_on = {registered}\n{extra}\
         [consent]\nchild = {registered}\nlegal_representative = {registered}\n"
    )
}

/// A mentor holding the centre's conclusion since 2025-06-01 (`applied` is the application).
fn mentor(n: u32, applied: &str) -> String {
    format!(
        "id = \"m-{n:04}\"\nsurname = \"Mentorsurname{n}\"\ngiven_name = \"Petro\"\nbirth_date = 1990-01-01\n\
         sex = \"male\"\ncitizenship = \"UA\"\nlegal_capacity = true\ncommunity = \"Alpha\"\n\
         languages = [\"uk\"]\ncapacity = 2\napplied_on = {applied}\n\
         [documents]\npassport_copy = {applied}\nmedical_certificate = 2026-08-01\n\
         criminal_record_certificate = 2026-08-01\n[training]\ncompleted_on = {applied}\nhours = 24\n\
         [conclusion]\nissued_on = {applied}\n[screening]\nchecked_on = {applied}\ndisqualifications = []\n"
    )
}

/// An agreement under the 2017 rules (proposed before the 2026 cutover), signed by all three.
fn agreement(
    n: u32,
    child: u32,
    mentor: u32,
    proposed: &str,
    signed: &str,
    closure: Option<(&str, &str)>,
) -> String {
    let status = if closure.is_some() { "closed" } else { "active" };
    let mut text = format!(
        "id = \"a-{n:04}\"\nchild = \"c-{child:04}\"\nmentor = \"m-{mentor:04}\"\ninstitution = \"i-0001\"\n\
         regime = \"2017\"\nstatus = \"{status}\"\nproposed_on = {proposed}\nsigned_on = {signed}\n\
         [signatures]\ncentre = {signed}\ninstitution = {signed}\nmentor = {signed}\n"
    );
    if let Some((date, reason)) = closure {
        text.push_str(&format!("[closure]\ndate = {date}\nreason = \"{reason}\"\n"));
    }
    text
}

fn contact(date: &str, kind: &str, hours: Option<f64>) -> String {
    let mut text = format!("\n[[contacts]]\ndate = {date}\nkind = \"{kind}\"\n");
    if let Some(hours) = hours {
        text.push_str(&format!("hours = {hours:?}\n"));
    }
    text
}

/// The fixture, committed on 2026-04-02 12:00 UTC. What each record is for:
/// - c-0001 (f, 2012, Alpha, family f-1, disability) and c-0002 (m, 2010, Alpha, family f-1):
///   siblings, one family. c-0003 (f, 2015, Beta), c-0004 (m, 2009, Beta).
/// - a-0001 (c-0001, m-0001): signed 2026-01-05, never closed. Meetings 01-10 (2 h), 02-14
///   (3 h), 03-31 (1 h, the quarter's last day), 04-01 (2 h, the next quarter's first day);
///   a check-in 01-19.
/// - a-0002 (c-0002, m-0002): signed 2026-02-10, closed 2026-03-01 (mutual_consent); a
///   meeting 02-20 (1.5 h).
/// - a-0003 (c-0003, m-0003): signed 2026-03-31: active on one day of Q1 only.
/// - a-0004 (c-0004, m-0001): signed 2026-04-02, after Q1.
/// - a-0005 (c-0004, m-0002): signed 2025-10-01, closed 2026-01-01 (moved_away): the closure
///   date is the first day it no longer runs, so it is active on no day of Q1, yet its
///   closure falls in Q1. A meeting 2025-12-15 before the period.
/// - m-0004: a candidate who applied on 2026-02-01 (with no agreement).
fn fixture() -> Registry {
    let reg = Registry::new();
    reg.write("institutions/i-0001.toml", INSTITUTION);
    reg.write(
        "children/c-0001.toml",
        &child(1, "female", "2012-05-01", "2026-01-10", "Alpha", "family = \"f-1\"\ndisability = true\n"),
    );
    reg.write(
        "children/c-0002.toml",
        &child(2, "male", "2010-02-01", "2026-02-15", "Alpha", "family = \"f-1\"\n"),
    );
    reg.write("children/c-0003.toml", &child(3, "female", "2015-07-01", "2026-03-31", "Beta", ""));
    reg.write(
        "children/c-0004.toml",
        &child(4, "male", "2009-01-01", "2025-09-01", "Beta", "disability = false\n"),
    );
    for n in 1..=3 {
        reg.write(&format!("mentors/m-{n:04}.toml"), &mentor(n, "2025-06-01"));
    }
    reg.write("mentors/m-0004.toml", &mentor(4, "2026-02-01"));
    let a1 = agreement(1, 1, 1, "2025-12-20", "2026-01-05", None)
        + &contact("2026-01-10", "meeting", Some(2.0))
        + &contact("2026-01-19", "checkin_mentor", None)
        + &contact("2026-02-14", "meeting", Some(3.0))
        + &contact("2026-03-31", "meeting", Some(1.0))
        + &contact("2026-04-01", "meeting", Some(2.0));
    reg.write("agreements/a-0001.toml", &a1);
    let a2 = agreement(2, 2, 2, "2026-02-01", "2026-02-10", Some(("2026-03-01", "mutual_consent")))
        + &contact("2026-02-20", "meeting", Some(1.5));
    reg.write("agreements/a-0002.toml", &a2);
    reg.write("agreements/a-0003.toml", &agreement(3, 3, 3, "2026-03-25", "2026-03-31", None));
    reg.write("agreements/a-0004.toml", &agreement(4, 4, 1, "2026-04-01", "2026-04-02", None));
    let a5 = agreement(5, 4, 2, "2025-09-20", "2025-10-01", Some(("2026-01-01", "moved_away")))
        + &contact("2025-12-15", "meeting", Some(2.0));
    reg.write("agreements/a-0005.toml", &a5);
    commit_at(&reg.root(), "fixture", "2026-04-02T12:00:00Z");
    reg
}

/// Commits everything with a committer (and author) date, as a coordinator would have then.
fn commit_at(dir: &Path, message: &str, date: &str) {
    crate::support::git(dir, &["add", "-A"]);
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["commit", "-q", "-m", message])
        .env("GIT_AUTHOR_NAME", "Тест Координатор")
        .env("GIT_AUTHOR_EMAIL", "coordinator@example.org")
        .env("GIT_COMMITTER_NAME", "Тест Координатор")
        .env("GIT_COMMITTER_EMAIL", "coordinator@example.org")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// Runs in UTC, so that "the end of day D" is 23:59:59 UTC.
fn run(reg: &Registry, args: &[&str]) -> Run {
    reg.run_with(args, |c| {
        c.env("TZ", "UTC");
    })
}

/// `indicator → value` of a CSV `indicator,value` report (the last columns of a long one),
/// for the rows whose leading cells are `lead`.
fn values(csv: &str, lead: &[&str]) -> std::collections::HashMap<String, String> {
    csv.lines()
        .skip(1)
        .filter_map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let n = cells.len();
            (cells[..n - 2] == *lead).then(|| (cells[n - 2].to_string(), cells[n - 1].to_string()))
        })
        .collect()
}

#[track_caller]
fn assert_figures(got: &std::collections::HashMap<String, String>, expected: &[(&str, &str)]) {
    for (key, value) in expected {
        assert_eq!(got.get(*key).map(String::as_str), Some(*value), "{key}: {got:?}");
    }
}

#[test]
fn a_quarter_counts_flows_over_its_days_and_children_served_once() {
    let reg = fixture();
    run(&reg, &["check"]).expect(0);
    let out = run(&reg, &["report", "period", "--quarter", "2026-Q1", "--format", "csv"]).expect(0);
    let got = values(&out.stdout, &[]);
    assert_figures(
        &got,
        &[
            // Signed by 03-31 and not closed by 01-01: a-0001, a-0002, a-0003 (one day); not
            // a-0005 (closed 01-01) nor a-0004 (signed 04-02).
            ("children_served", "3"),
            // c-0001 and c-0002 are family f-1; c-0003 has no code: 2 families.
            ("families_served", "2"),
            ("mentors_active", "3"),
            // a-0001: 01-10, 01-19, 02-14, 03-31 (not 04-01); a-0002: 02-20; a-0005's 2025.
            ("contacts", "5"),
            ("meetings", "4"),
            // 2 + 3 + 1 + 1.5
            ("mentoring_hours", "7.5"),
            ("checkins", "1"),
            // a-0001 01-05, a-0002 02-10, a-0003 03-31.
            ("agreements_signed", "3"),
            // a-0002 (proposed 02-01) and a-0003 (03-25); a-0001 was proposed in 2025.
            ("proposals_made", "2"),
            // a-0005 on 01-01 (the first day) and a-0002 on 03-01.
            ("agreements_closed", "2"),
            ("closures_moved_away", "1"),
            ("closures_mutual_consent", "1"),
            // On 03-31: a-0001 and a-0003.
            ("agreements_active_end", "2"),
            // c-0001 01-10, c-0002 02-15, c-0003 03-31.
            ("children_registered", "3"),
            // m-0004 on 02-01.
            ("mentors_applied", "1"),
            // Whole months Jan–Mar: a-0001 in Feb and Mar (signed 01-05, not by 01-01);
            // a-0002 in none (signed 02-10, closed 03-01): 2 agreement-months.
            ("agreements_active_whole_month", "2"),
        ],
    );
}

#[test]
fn a_custom_range_cuts_at_its_days_and_counts_whole_months_inside_it() {
    let reg = fixture();
    let out =
        run(&reg, &["report", "period", "--from", "2026-02-15", "--to", "2026-04-01", "--format", "csv"])
            .expect(0);
    let got = values(&out.stdout, &[]);
    assert_figures(
        &got,
        &[
            // a-0001, a-0002 (closed 03-01, after 02-15), a-0003; a-0004 signed 04-02.
            ("children_served", "3"),
            // a-0001: 03-31 and 04-01 (02-14 is before); a-0002: 02-20.
            ("contacts", "3"),
            ("mentoring_hours", "4.5"),
            ("agreements_signed", "1"),
            // c-0002 registered on the first day (02-15), c-0003 on 03-31.
            ("children_registered", "2"),
            // Only March lies wholly inside: a-0001 ran all of it.
            ("agreements_active_whole_month", "1"),
            // a-0004: proposed 04-01, unsigned on the last day. Active then: a-0001, a-0003.
            ("proposals_open_end", "1"),
            ("agreements_active_end", "2"),
        ],
    );
}

#[test]
fn a_period_of_one_calendar_month_gives_the_monthly_figures() {
    let reg = fixture();
    let period =
        run(&reg, &["report", "period", "--from", "2026-02-01", "--to", "2026-02-28", "--format", "csv"])
            .expect(0);
    let monthly = run(&reg, &["report", "monthly", "--month", "2026-02", "--format", "csv"]).expect(0);
    assert!(period.stdout.starts_with(&monthly.stdout), "{}\n---\n{}", period.stdout, monthly.stdout);
    // A longer period's descriptions speak of the period, in both languages.
    let uk = run(&reg, &["--lang", "uk", "report", "period", "--year", "2026"]).expect(0);
    for month_words in ["в місяці", "облік у місяці", "кінець місяця"] {
        assert!(!uk.stdout.contains(month_words), "{month_words}\n{}", uk.stdout);
    }
    assert!(uk.stdout.contains("дітей взято на облік за період"), "{}", uk.stdout);
    let en = run(&reg, &["report", "period", "--year", "2026"]).expect(0);
    assert!(!en.stdout.contains("in the month") && !en.stdout.contains("month end"), "{}", en.stdout);
    let year = run(&reg, &["report", "period", "--year", "2026", "--format", "json"]).expect(0).json();
    assert_eq!(year.as_array().unwrap().last().unwrap()["indicator"], "contacts");
}

#[test]
fn breakdowns_sum_to_the_total() {
    let reg = fixture();
    for by in ["community", "sex", "age_band", "category", "institution", "disability"] {
        let out =
            run(&reg, &["report", "period", "--quarter", "2026-Q1", "--by", by, "--format", "csv"]).expect(0);
        assert!(out.stdout.starts_with(&format!("{by},indicator,value\n")), "{}", out.stdout);
        let total = values(&out.stdout, &["total"]);
        let mut groups: Vec<String> = out
            .stdout
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .filter(|g| g != "total")
            .collect();
        groups.dedup();
        for key in ["children_served", "contacts", "meetings", "agreements_signed", "agreements_closed"] {
            let sum: f64 = groups
                .iter()
                .map(|g| values(&out.stdout, &[g.as_str()]).get(key).map_or(0.0, |v| v.parse().unwrap()))
                .sum();
            assert_eq!(sum.to_string(), total[key], "{by} {key}\n{}", out.stdout);
        }
    }
    // `report monthly` breaks down the same way; JSON keeps the stable column names.
    let out =
        run(&reg, &["report", "monthly", "--month", "2026-02", "--by", "community", "--format", "json"]);
    let rows = out.expect(0).json();
    let alpha_meetings = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["community"] == "Alpha" && r["indicator"] == "meetings")
        .unwrap()
        .clone();
    // February: a-0001 on 02-14 and a-0002 on 02-20, both children of Alpha.
    assert_eq!(alpha_meetings["value"], 2);
    // By community: Alpha has c-0001 and c-0002 (one family), Beta c-0003.
    let out =
        run(&reg, &["report", "period", "--quarter", "2026-Q1", "--by", "community", "--format", "csv"]);
    assert_figures(&values(&out.stdout, &["Alpha"]), &[("children_served", "2"), ("families_served", "1")]);
    assert_figures(&values(&out.stdout, &["Beta"]), &[("children_served", "1"), ("mentors_applied", "0")]);
    // By disability: c-0001 yes, c-0004 no (served in no day of Q1), the others unknown.
    let out =
        run(&reg, &["report", "period", "--quarter", "2026-Q1", "--by", "disability", "--format", "csv"]);
    assert_figures(&values(&out.stdout, &["yes"]), &[("children_served", "1"), ("meetings", "3")]);
    assert_figures(&values(&out.stdout, &["unknown"]), &[("children_served", "2")]);
    // A grouping only children have: the mentor indicators are in the total alone.
    assert!(!values(&out.stdout, &["yes"]).contains_key("mentors_applied"));
    assert_figures(&values(&out.stdout, &["total"]), &[("mentors_applied", "1")]);
    // Two groupings: both columns, and the age on the last day: on 2026-03-31 c-0001 is 13
    // and c-0003 is 10 (both 10-13), c-0002 is 16.
    let out = run(
        &reg,
        &["report", "period", "--quarter", "2026-Q1", "--by", "sex", "--by", "age_band", "--format", "csv"],
    );
    assert!(out.stdout.starts_with("sex,age_band,indicator,value\n"));
    assert_figures(&values(&out.stdout, &["female", "10-13"]), &[("children_served", "2")]);
    assert_figures(&values(&out.stdout, &["male", "14-17"]), &[("children_served", "1")]);
    assert_figures(&values(&out.stdout, &["total", "total"]), &[("children_served", "3")]);
}

#[test]
fn as_of_reproduces_the_figures_before_a_late_contact_and_a_removed_record() {
    let reg = fixture();
    // Recorded on 2026-04-20: a meeting of 2026-03-15 (late), and m-0004 removed.
    let a1 = reg.read("agreements/a-0001.toml") + &contact("2026-03-15", "meeting", Some(1.0));
    reg.write("agreements/a-0001.toml", &a1);
    std::fs::remove_file(reg.root().join("mentors/m-0004.toml")).unwrap();
    commit_at(&reg.root(), "late entries", "2026-04-20T09:00:00Z");
    let before = reg.read("agreements/a-0001.toml");
    let q1 = ["report", "period", "--quarter", "2026-Q1", "--format", "csv"];
    let now = values(&run(&reg, &q1).expect(0).stdout, &[]);
    assert_figures(&now, &[("meetings", "5"), ("mentors_applied", "0"), ("contacts", "6")]);
    let submitted = run(&reg, &[&q1[..], &["--as-of", "2026-04-10"]].concat()).expect(0);
    assert!(submitted.stderr.contains("as of the end of 2026-04-10: commit"), "{}", submitted.stderr);
    assert_figures(
        &values(&submitted.stdout, &[]),
        &[("meetings", "4"), ("mentors_applied", "1"), ("contacts", "5")],
    );
    // The end of the day of the late commit sees it; the day before does not.
    let on_day = values(&run(&reg, &[&q1[..], &["--as-of", "2026-04-20"]].concat()).expect(0).stdout, &[]);
    assert_figures(&on_day, &[("meetings", "5")]);
    let day_before =
        values(&run(&reg, &[&q1[..], &["--as-of", "2026-04-19"]].concat()).expect(0).stdout, &[]);
    assert_figures(&day_before, &[("meetings", "4")]);
    // Monthly too, and the work tree is untouched.
    let march =
        run(&reg, &["report", "monthly", "--month", "2026-03", "--as-of", "2026-04-10", "--format", "csv"]);
    assert_figures(&values(&march.expect(0).stdout, &[]), &[("meetings", "1")]);
    assert_eq!(reg.read("agreements/a-0001.toml"), before);
    assert!(!reg.exists("mentors/m-0004.toml"));
    assert_eq!(reg.status(), "");
    // Before the first commit there is nothing to read.
    let early = run(&reg, &[&q1[..], &["--as-of", "2026-04-01"]].concat()).expect(2);
    assert!(early.stderr.contains("no commit by the end of 2026-04-01"), "{}", early.stderr);
    run(&reg, &[&q1[..], &["--as-of", "2026-04-31"]].concat()).expect(2);
}

#[test]
fn a_region_consolidates_a_folder_and_a_bare_repository_and_leaves_out_a_broken_one() {
    let first = fixture();
    // A second centre, only ever seen as a bare repository (no work tree).
    let second = fixture();
    let config = second.read("nastavnyk.toml").replace("12345678", "87654321");
    second.write("nastavnyk.toml", &config);
    commit_at(&second.root(), "edrpou", "2026-04-03T12:00:00Z");
    let bare = first.dir.path().join("second.git");
    crate::support::git(
        first.dir.path(),
        &["clone", "-q", "--bare", &second.root().to_string_lossy(), "second.git"],
    );
    let folder = first.root().to_string_lossy().into_owned();
    let bare_path = bare.to_string_lossy().into_owned();
    let url = format!("file://{bare_path}");
    let q1 = ["report", "period", "--quarter", "2026-Q1", "--format", "csv"];
    let out = run(&first, &[&q1[..], &["--registry", &folder, "--registry", &bare_path]].concat()).expect(0);
    assert!(out.stdout.starts_with("centre,indicator,value\n"), "{}", out.stdout);
    assert_figures(&values(&out.stdout, &["12345678"]), &[("children_served", "3")]);
    assert_figures(&values(&out.stdout, &["87654321"]), &[("children_served", "3")]);
    assert_figures(&values(&out.stdout, &["total"]), &[("children_served", "6"), ("mentoring_hours", "15")]);
    // A URL is cloned (bare, to a temporary folder) and read the same way.
    let out = run(&first, &[&q1[..], &["--registry", &url]].concat()).expect(0);
    assert_figures(&values(&out.stdout, &["87654321"]), &[("children_served", "3")]);
    // With a breakdown: centre, group, indicator, value.
    let out =
        run(&first, &[&q1[..], &["--registry", &folder, "--registry", &url, "--by", "community"]].concat());
    assert_figures(&values(&out.expect(0).stdout, &["total", "Alpha"]), &[("children_served", "4")]);

    // The same centre twice (a folder and a clone of it) would be counted twice: refused.
    let clone = first.dir.path().join("first.git");
    crate::support::git(first.dir.path(), &["clone", "-q", "--bare", &folder, "first.git"]);
    let out =
        run(&first, &[&q1[..], &["--registry", &folder, "--registry", &clone.to_string_lossy()]].concat());
    assert!(out.expect(2).stderr.contains("registries of one centre (ЄДРПОУ 12345678)"));

    // A registry failing check: its problems on stderr, a marked row, out of the totals, exit 1.
    let broken = fixture();
    let text = broken.read("agreements/a-0003.toml").replace("mentor = \"m-0003\"", "mentor = \"m-0099\"");
    broken.write("agreements/a-0003.toml", &text);
    let config = broken.read("nastavnyk.toml").replace("12345678", "11112222");
    broken.write("nastavnyk.toml", &config);
    let broken_path = broken.root().to_string_lossy().into_owned();
    let out =
        run(&first, &[&q1[..], &["--registry", &folder, "--registry", &broken_path]].concat()).expect(1);
    assert!(
        out.stderr.contains("11112222") && out.stderr.contains("agreements/a-0003.toml"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("11112222,registry_invalid,"), "{}", out.stdout);
    assert_figures(&values(&out.stdout, &["total"]), &[("children_served", "3")]);
}

#[test]
fn bad_periods_groupings_and_registries_are_refused_clearly() {
    let reg = fixture();
    let out = run(&reg, &["report", "period", "--quarter", "2026-Q5"]).expect(2);
    assert!(out.stderr.contains("`2026-Q5` is not a quarter"), "{}", out.stderr);
    let out = run(&reg, &["report", "period", "--from", "2026-03-01", "--to", "2026-02-01"]).expect(2);
    assert!(out.stderr.contains("--from 2026-03-01 is after --to 2026-02-01"), "{}", out.stderr);
    let out = run(&reg, &["report", "period"]).expect(2);
    assert!(out.stderr.contains("give the period"), "{}", out.stderr);
    let out = run(&reg, &["report", "period", "--year", "2026", "--by", "colour"]).expect(2);
    assert!(out.stderr.contains("invalid value 'colour'"), "{}", out.stderr);
    let out = run(&reg, &["report", "period", "--from", "2026-03-01"]).expect(2);
    assert!(out.stderr.contains("--to"), "{}", out.stderr);
    let elsewhere = reg.dir.path().join("not-a-registry");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let out = run(&reg, &["report", "period", "--year", "2026", "--registry", &elsewhere.to_string_lossy()])
        .expect(2);
    assert!(out.stderr.contains("is not a registry"), "{}", out.stderr);
    assert_eq!(out.stdout, "");
    let root = reg.root().to_string_lossy().into_owned();
    let out = run(&reg, &["report", "agreements", "--registry", &root, "--with-names"]).expect(2);
    assert!(out.stderr.contains("--with-names does not apply"), "{}", out.stderr);
    let out = run(&reg, &["report", "children", "--registry", &root]).expect(2);
    assert!(out.stderr.contains("--registry consolidates indicators"), "{}", out.stderr);
    let out = run(&reg, &["report", "agreements", "--month", "2026-03", "--by", "sex"]).expect(2);
    assert!(out.stderr.contains("--by breaks down indicators"), "{}", out.stderr);
}

#[test]
fn a_childs_disability_and_family_are_checked_and_settable() {
    let reg = fixture();
    run(&reg, &["child", "set", "c-0003", "disability=true", "family=f-2"]).expect(0);
    let text = reg.read("children/c-0003.toml");
    assert!(text.contains("disability = true") && text.contains("family = \"f-2\""), "{text}");
    let out =
        run(&reg, &["report", "period", "--quarter", "2026-Q1", "--by", "disability", "--format", "csv"]);
    assert_figures(
        &values(&out.expect(0).stdout, &["yes"]),
        &[("children_served", "2"), ("families_served", "2")],
    );
    let text = text.replace("disability = true", "disability = \"yes\"");
    reg.write("children/c-0003.toml", &text);
    let out = run(&reg, &["check", "--format", "csv"]).expect(1);
    assert!(
        out.stdout.contains("children/c-0003.toml") && out.stdout.contains("schema.type"),
        "{}",
        out.stdout
    );
}
