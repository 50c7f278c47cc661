//! `history [ID]`: who changed a record, when, which fields (old → new) and why, from git;
//! without an ID, the registry's recent log.

use serde_json::json;

use crate::cli::{Format, HistoryArgs};
use crate::cmd::record::checked_id;
use crate::context::Ctx;
use crate::error::Failure;
use crate::error::{Error, Result};
use crate::git;
use crate::history::{self, Entry, FieldChange, FileChange, LogEntry, Repo};
use crate::i18n::Msg;
use crate::output::{self, Cell, Rows};

pub fn run(ctx: &Ctx, args: &HistoryArgs) -> Result<u8> {
    let located = git::locate(&ctx.root).ok_or_else(|| Error::new(Failure::NoRepository))?;
    let repo = located.repo;
    if located.head.is_none() {
        ctx.note(Msg::HistoryEmpty);
        if ctx.format == Format::Json {
            output::emit("[]\n")?;
        }
        return Ok(0);
    }
    // Tool commits keep the commit-graph fresh; this catches up on commits made by hand or
    // pulled (nothing to do, and quick, when it is up to date).
    git::graph::refresh_known(&repo.top, located.graph_info.as_deref(), located.head.as_deref());
    match &args.id {
        Some(id) => record(ctx, &repo, checked_id(id)?, args.with_names, located.head_has_parents),
        None => recent(ctx, &repo, args.limit),
    }
}

fn record(ctx: &Ctx, repo: &Repo, id: &str, with_names: bool, head_has_parents: Option<bool>) -> Result<u8> {
    let rel = history::locate(&ctx.root, repo, id)?
        .ok_or_else(|| Error::new(Failure::HistoryUnknownId { id: id.to_string() }))?;
    let entries = history::record_history(repo, &rel, with_names, head_has_parents)?;
    if entries.is_empty() {
        // The file exists but was never committed.
        ctx.note(Msg::HistoryEmpty);
    }
    let text = match ctx.format {
        Format::Json => {
            output::json_string(&serde_json::Value::Array(entries.iter().map(entry_json).collect()))
        }
        Format::Csv => entries_csv(ctx, &entries),
        Format::Table => output::terminal::fit(&entries_text(ctx, &entries)),
    };
    output::emit(&text)?;
    Ok(0)
}

/// The JSON of docs/cli.md (`commit`, `date`, `author`, `action`, `fields`, `reason`), plus
/// `email`, `record`, `change` (added|modified|removed|renamed) and `renamed_from`.
/// `fields` is `[{"field": "settlement", "old": …, "new": …}]`: `old`/`new` are the parsed
/// values (`null` where the field was absent), names `"•••"` unless `--with-names`.
pub(crate) fn entry_json(entry: &Entry) -> serde_json::Value {
    json!({
        "commit": entry.commit,
        "date": entry.date,
        "author": entry.author,
        "email": entry.email,
        "action": entry.action,
        "record": entry.record,
        "change": entry.change.as_str(),
        "renamed_from": entry.renamed_from,
        "fields": entry.fields.iter().map(|f| json!({"field": f.field, "old": f.old, "new": f.new})).collect::<Vec<_>>(),
        "reason": entry.reason,
    })
}

/// One row per changed field (a commit that changed none still gets a row).
fn entries_csv(ctx: &Ctx, entries: &[Entry]) -> String {
    let columns = vec!["commit", "date", "author", "action", "change", "field", "old", "new", "reason"];
    let mut rows = Vec::new();
    for entry in entries {
        let head = [
            Cell::text(&entry.commit),
            Cell::text(&entry.date),
            Cell::text(&entry.author),
            Cell::text(&entry.action),
            Cell::text(entry.change.as_str()),
        ];
        let reason = Cell::opt(entry.reason.as_ref());
        if entry.fields.is_empty() {
            let mut row = head.to_vec();
            row.extend([Cell::Empty, Cell::Empty, Cell::Empty, reason.clone()]);
            rows.push(row);
        }
        for field in &entry.fields {
            let mut row = head.to_vec();
            row.extend([
                Cell::text(&field.field),
                Cell::opt(field.old.as_ref().map(display)),
                Cell::opt(field.new.as_ref().map(display)),
                reason.clone(),
            ]);
            rows.push(row);
        }
    }
    let headers = headers(ctx, &columns);
    Rows { columns, headers, rows }.csv()
}

/// Like `git log`: a line per commit, then the reason and the changed fields, indented.
fn entries_text(ctx: &Ctx, entries: &[Entry]) -> String {
    let mut out = String::new();
    for (n, entry) in entries.iter().enumerate() {
        // A blank line between entries, none after the last.
        if n > 0 {
            out.push('\n');
        }
        let action =
            if entry.action == history::MANUAL { ctx.t(Msg::HistoryManual) } else { entry.action.clone() };
        out.push_str(&format!(
            "{}  {}  {}  {action}\n",
            short(&entry.commit),
            short_date(&entry.date),
            entry.author
        ));
        if let Some(reason) = &entry.reason {
            out.push_str(&format!("    {}\n", ctx.t(Msg::HistoryReason { reason: reason.clone() })));
        }
        match entry.change {
            FileChange::Added => out.push_str(&format!("    {}\n", ctx.t(Msg::HistoryAdded))),
            FileChange::Removed => out.push_str(&format!("    {}\n", ctx.t(Msg::HistoryRemoved))),
            FileChange::Renamed => {
                let from = entry.renamed_from.clone().unwrap_or_default();
                out.push_str(&format!("    {}\n", ctx.t(Msg::HistoryRenamed { from })));
            }
            FileChange::Modified => {}
        }
        if entry.unparsable {
            out.push_str(&format!("    {}\n", ctx.t(Msg::HistoryUnparsable)));
        } else if entry.fields.is_empty() && entry.change == FileChange::Modified {
            out.push_str(&format!("    {}\n", ctx.t(Msg::HistoryLayoutOnly)));
        }
        for field in &entry.fields {
            out.push_str(&format!("    {}\n", field_line(field)));
        }
    }
    out
}

fn field_line(change: &FieldChange) -> String {
    match (&change.old, &change.new) {
        (None, Some(new)) => format!("+ {} = {}", change.field, display(new)),
        (Some(old), None) => format!("- {} = {}", change.field, display(old)),
        (Some(old), Some(new)) => format!("  {}: {} → {}", change.field, display(old), display(new)),
        (None, None) => format!("  {}", change.field),
    }
}

/// A value as a coordinator reads it: text without quotes, lists comma-separated, a table
/// (an added contact) as `{key = value, …}`.
fn display(value: &serde_json::Value) -> String {
    use serde_json::Value as V;
    match value {
        V::String(text) => text.clone(),
        V::Array(items) => format!("[{}]", items.iter().map(display).collect::<Vec<_>>().join(", ")),
        V::Object(map) => {
            let fields: Vec<String> = map.iter().map(|(k, v)| format!("{k} = {}", display(v))).collect();
            format!("{{{}}}", fields.join(", "))
        }
        V::Null => String::new(),
        other => other.to_string(),
    }
}

fn short(hash: &str) -> &str {
    &hash[..hash.len().min(8)]
}

/// `2026-11-23T10:15:00+02:00` → `2026-11-23 10:15`.
pub(crate) fn short_date(iso: &str) -> String {
    match iso.split_once('T') {
        Some((day, time)) => format!("{day} {}", time.get(..5).unwrap_or(time)),
        None => iso.to_string(),
    }
}

fn headers(ctx: &Ctx, columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| ctx.t(Msg::HistoryHeader { column: c.to_string() })).collect()
}

fn recent(ctx: &Ctx, repo: &Repo, limit: usize) -> Result<u8> {
    let entries = history::recent(repo, limit)?;
    if ctx.format == Format::Json {
        let value: Vec<serde_json::Value> = entries.iter().map(log_json).collect();
        output::emit(&output::json_string(&serde_json::Value::Array(value)))?;
        return Ok(0);
    }
    let columns = vec!["commit", "date", "author", "action", "record", "reason"];
    let table = ctx.format == Format::Table;
    let rows = entries
        .iter()
        .map(|entry| {
            let action = if table && entry.action == history::MANUAL {
                ctx.t(Msg::HistoryManual)
            } else {
                entry.action.clone()
            };
            vec![
                Cell::text(if table { short(&entry.commit) } else { &entry.commit }),
                Cell::text(if table { short_date(&entry.date) } else { entry.date.clone() }),
                Cell::text(&entry.author),
                Cell::text(action),
                Cell::text(if table { records_summary(&entry.records) } else { entry.records.join(" ") }),
                Cell::opt(entry.reason.as_ref()),
            ]
        })
        .collect();
    let headers = headers(ctx, &columns);
    output::emit(&Rows { columns, headers, rows }.render(ctx.format))?;
    Ok(0)
}

/// The records a commit touched, as a table shows them: the first few and how many more (a
/// bulk import touches thousands; CSV and JSON keep them all).
fn records_summary(records: &[String]) -> String {
    const SHOWN: usize = 5;
    if records.len() <= SHOWN {
        return records.join(" ");
    }
    format!("{} … +{}", records[..SHOWN].join(" "), records.len() - SHOWN)
}

/// `[{"commit", "date", "author", "email", "action", "records": [id], "reason"}]`.
fn log_json(entry: &LogEntry) -> serde_json::Value {
    json!({
        "commit": entry.commit,
        "date": entry.date,
        "author": entry.author,
        "email": entry.email,
        "action": entry.action,
        "records": entry.records,
        "reason": entry.reason,
    })
}
