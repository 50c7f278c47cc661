//! `child show ID --full`, `mentor show ID --full`: the case file on one screen — the record
//! as `show` prints it, the verdict of `eligibility ID` today, the person's agreements, their
//! latest contacts, what `due` lists for them and the last changes from `history`. Every
//! part comes from the command or domain function that owns it; this file only gathers.

use serde_json::json;

use crate::cli::Format;
use crate::cmd::eligibility::{rules_json, verdict_for};
use crate::cmd::history::{entry_json, short_date};
use crate::context::Ctx;
use crate::error::{Failure, Result};
use crate::git;
use crate::history::{self, Entry, FileChange, Repo};
use crate::i18n::{CaseMsg, Lang, Msg, ReportMsg, vocab};
use crate::output::{self, Cell, Labels, Rows};
use crate::record::agreement::Contact;
use crate::record::{Agreement, Kind};
use crate::registry::Registry;
use crate::report::due::{DueItem, due};
use crate::rules::{RuleStatus, Verdict};

/// How many history entries the case file shows.
const HISTORY: usize = 5;

/// How many changed fields of one history entry the case file names.
const FIELDS: usize = 6;

/// Everything the case file shows, gathered once and rendered in any format.
struct Case<'a> {
    id: &'a str,
    kind: Kind,
    record: serde_json::Value,
    text: String,
    verdict: Verdict,
    agreements: Vec<&'a Agreement>,
    contacts: Vec<(&'a str, &'a Contact)>,
    due: Vec<DueItem>,
    /// `None`: no git repository, or nothing committed.
    history: Option<Vec<Entry>>,
    registry: &'a Registry,
}

pub fn run(ctx: &Ctx, kind: Kind, id: &str, contacts: usize) -> Result<u8> {
    let id = super::record::checked_id(id)?;
    if !matches!(kind, Kind::Child | Kind::Mentor) {
        let wanted = vec![Kind::Child, Kind::Mentor];
        return Err(Failure::IdOfOtherKind { id: id.to_string(), found: kind, wanted }.into());
    }
    // The single read first: an unknown ID is refused before the whole registry is loaded.
    let (record, text) = super::record::record_json(&ctx.root, kind, id)?;
    let registry = Registry::load_valid(&ctx.root)?;
    let today = ctx.today;
    let regime = ctx.config.rules.regime_on(today);
    let open = crate::agreement::open_agreements(&ctx.root, kind.noun(), id, None);
    let verdict = verdict_for(ctx, kind, id, today, regime, open)?;
    let party = |a: &Agreement| if kind == Kind::Child { a.child == id } else { a.mentor == id };
    let agreements: Vec<&Agreement> = registry.agreements.iter().filter(|a| party(a)).collect();
    let mut latest: Vec<(&str, &Contact)> =
        agreements.iter().flat_map(|a| a.contacts.iter().map(move |c| (a.id.as_str(), c))).collect();
    // Newest first; a day's contacts in the order of their agreements.
    latest.sort_by(|x, y| y.1.date.cmp(&x.1.date).then(x.0.cmp(y.0)));
    latest.truncate(contacts);
    let within = registry.config.monitoring.ending_within_days;
    let mine: Vec<&str> = agreements.iter().map(|a| a.id.as_str()).collect();
    let due_items: Vec<DueItem> = due(&registry, today, within)
        .into_iter()
        .filter(|item| item.record == id || mine.contains(&item.record.as_str()))
        .collect();
    let case = Case {
        id,
        kind,
        record,
        text,
        verdict,
        agreements,
        contacts: latest,
        due: due_items,
        history: recent_history(ctx, id)?,
        registry: &registry,
    };
    let out = match ctx.format {
        Format::Json => output::json_string(&case_json(&case)),
        Format::Csv => {
            let mut rows = Vec::new();
            super::record::flatten("", &case_json(&case), &mut rows);
            Rows { columns: vec!["field", "value"], headers: Vec::new(), rows }.csv()
        }
        Format::Table => case_text(ctx, &case),
    };
    output::emit(&out)?;
    Ok(0)
}

/// The last changes of the record, name fields hidden as `history` hides them without
/// `--with-names` (the record above shows today's names; earlier ones stay in `history`).
fn recent_history(ctx: &Ctx, id: &str) -> Result<Option<Vec<Entry>>> {
    let Some(repo) = Repo::find(&ctx.root) else { return Ok(None) };
    if !git::log::has_commits(&repo.top) {
        return Ok(None);
    }
    let Some(rel) = history::locate(&ctx.root, &repo, id)? else { return Ok(None) };
    let mut entries = history::record_history(&repo, &rel, false, None)?;
    if entries.is_empty() {
        return Ok(None);
    }
    entries.truncate(HISTORY);
    Ok(Some(entries))
}

/// The other party of an agreement, seen from the case's person.
fn other_party<'a>(case: &Case, a: &'a Agreement) -> &'a str {
    if case.kind == Kind::Child { &a.mentor } else { &a.child }
}

/// Where an agreement's term ends: its closure, else its planned end (`due`'s).
fn term_end(case: &Case, a: &Agreement) -> Option<crate::record::Date> {
    a.closure
        .as_ref()
        .map(|c| c.date)
        .or_else(|| crate::report::planned_end(a, case.registry).map(|(d, _)| d))
}

/// `{"id", "kind", "record", "eligibility": {"on", "regime", "eligible", "rules"},
/// "agreements", "contacts", "due", "history"}`; codes and English messages, as every JSON.
fn case_json(case: &Case) -> serde_json::Value {
    let agreements: Vec<_> = case
        .agreements
        .iter()
        .map(|a| {
            json!({
                "id": a.id,
                "status": a.status.as_str(),
                "child": a.child,
                "mentor": a.mentor,
                "institution": a.institution,
                "regime": a.regime.as_str(),
                "proposed_on": a.proposed_on.to_string(),
                "signed_on": a.signed_on.map(|d| d.to_string()),
                "ends_on": term_end(case, a).map(|d| d.to_string()),
            })
        })
        .collect();
    let contacts: Vec<_> = case
        .contacts
        .iter()
        .map(|(agreement, c)| {
            json!({
                "agreement": agreement,
                "date": c.date.to_string(),
                "kind": c.kind.as_str(),
                "hours": c.hours.map(|h| h.hours()),
            })
        })
        .collect();
    let due: Vec<_> = case
        .due
        .iter()
        .map(|item| {
            json!({
                "due_on": item.due_on.to_string(),
                "kind": item.kind.as_str(),
                "record": item.record,
                "message": Lang::En.text(&Msg::Report(ReportMsg::Due(item.clone()))),
            })
        })
        .collect();
    json!({
        "id": case.id,
        "kind": case.kind.noun(),
        "record": case.record,
        "eligibility": {
            "on": case.verdict.on.to_string(),
            "regime": case.verdict.regime.as_str(),
            "eligible": case.verdict.eligible,
            "rules": rules_json(&case.verdict),
        },
        "agreements": agreements,
        "contacts": contacts,
        "due": due,
        "history": case.history.as_ref().map_or_else(Vec::new, |h| h.iter().map(entry_json).collect()),
    })
}

/// The case file for a person to read: each section under its heading.
fn case_text(ctx: &Ctx, case: &Case) -> String {
    let heading = |section: &'static str| format!("── {} ──\n", ctx.t(Msg::Case(CaseMsg::Section(section))));
    let none = || format!("{}\n", ctx.t(Msg::Case(CaseMsg::Empty)));
    let mut out = heading("record");
    out.push_str(&case.text);
    if !case.text.ends_with('\n') {
        out.push('\n');
    }

    out.push('\n');
    out.push_str(&heading("eligibility"));
    let verdict = &case.verdict;
    let (regime, on, id) = (verdict.regime.to_string(), verdict.on.to_string(), case.id.to_string());
    out.push_str(&ctx.t(if verdict.eligible {
        Msg::Eligible { id, regime, on }
    } else {
        Msg::NotEligible { id, regime, on }
    }));
    out.push('\n');
    for rule in verdict.rules.iter().filter(|r| r.status != RuleStatus::Pass) {
        let mark = if rule.status == RuleStatus::Fail { "✗" } else { "!" };
        out.push_str(&format!("{mark} {:<24} {}\n", rule.code, ctx.t(Msg::Rule(rule.finding.clone()))));
    }
    let passed = verdict.rules.iter().filter(|r| r.status == RuleStatus::Pass).count();
    out.push_str(&format!("{}\n", ctx.t(Msg::Case(CaseMsg::RulesPassed { count: passed }))));

    out.push('\n');
    out.push_str(&heading("agreements"));
    if case.agreements.is_empty() {
        out.push_str(&none());
    }
    for a in &case.agreements {
        let line = CaseMsg::AgreementLine {
            id: a.id.clone(),
            status: ctx.t(Msg::Case(CaseMsg::Status(Kind::Agreement, a.status.as_str()))),
            party: other_party(case, a).to_string(),
            from: a.signed_on.unwrap_or(a.proposed_on).to_string(),
            to: term_end(case, a).map_or_else(|| "…".to_string(), |d| d.to_string()),
        };
        out.push_str(&format!("{}\n", ctx.t(Msg::Case(line))));
    }

    out.push('\n');
    out.push_str(&heading("contacts"));
    if case.contacts.is_empty() {
        out.push_str(&none());
    } else {
        let labels = Labels::new(Format::Table, ctx.lang);
        let columns = vec!["date", "agreement", "kind", "hours"];
        let headers = columns
            .iter()
            .map(|c| match *c {
                "agreement" => ctx.t(Msg::Case(CaseMsg::Column(c))),
                column => ctx.t(Msg::ContactColumn { column }),
            })
            .collect();
        let rows = case
            .contacts
            .iter()
            .map(|(agreement, c)| {
                vec![
                    Cell::text(c.date.to_string()),
                    Cell::text(*agreement),
                    labels.code(vocab::CONTACT_KIND, c.kind.as_str()),
                    c.hours.map_or(Cell::Empty, |h| Cell::Num(h.hours())),
                ]
            })
            .collect();
        out.push_str(&Rows { columns, headers, rows }.table());
    }

    out.push('\n');
    out.push_str(&heading("due"));
    if case.due.is_empty() {
        out.push_str(&none());
    }
    for item in &case.due {
        out.push_str(&format!(
            "{}  {}  {}: {}\n",
            item.due_on,
            ctx.t(Msg::Report(ReportMsg::DueKind(item.kind))),
            item.record,
            ctx.t(Msg::Report(ReportMsg::Due(item.clone())))
        ));
    }

    out.push('\n');
    out.push_str(&heading("history"));
    match &case.history {
        None => out.push_str(&format!("{}\n", ctx.t(Msg::Case(CaseMsg::NoHistory)))),
        Some(entries) => {
            for entry in entries {
                let action = if entry.action == history::MANUAL {
                    ctx.t(Msg::HistoryManual)
                } else {
                    entry.action.clone()
                };
                let commit = &entry.commit[..entry.commit.len().min(8)];
                out.push_str(&format!("{commit}  {}  {}  {action}\n", short_date(&entry.date), entry.author));
                if let Some(reason) = &entry.reason {
                    out.push_str(&format!("    {}\n", ctx.t(Msg::HistoryReason { reason: reason.clone() })));
                }
                match entry.change {
                    FileChange::Added => out.push_str(&format!("    {}\n", ctx.t(Msg::HistoryAdded))),
                    FileChange::Removed => out.push_str(&format!("    {}\n", ctx.t(Msg::HistoryRemoved))),
                    FileChange::Renamed | FileChange::Modified if !entry.fields.is_empty() => {
                        // The fields' names only: `history ID` has their values.
                        let mut fields: Vec<&str> =
                            entry.fields.iter().take(FIELDS).map(|f| f.field.as_str()).collect();
                        if entry.fields.len() > FIELDS {
                            fields.push("…");
                        }
                        out.push_str(&format!("    {}\n", fields.join(", ")));
                    }
                    _ => {}
                }
            }
        }
    }
    out
}
