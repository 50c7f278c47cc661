//! `import children|mentors|institutions FILE [--sheet NAME] [--dry-run]`: the spreadsheet
//! read, `import::import` run under the lock, what it did (or would do) shown one row per
//! line; every problem with its row on standard error and exit 1 when any row is bad.

use crate::cli::{Format, ImportArgs, ImportKind};
use crate::context::Ctx;
use crate::error::Result;
use crate::i18n::{Msg, vocab};
use crate::import::{self, Action};
use crate::output::{self, Cell, Rows};
use crate::record::Kind;
use crate::registry::write::Outcome;

pub fn run(ctx: &Ctx, args: &ImportArgs) -> Result<u8> {
    let kind = match args.kind {
        ImportKind::Children => Kind::Child,
        ImportKind::Mentors => Kind::Mentor,
        ImportKind::Institutions => Kind::Institution,
    };
    if output::settings().xlsx {
        // Asked before importing: the plan is printed after the commit, too late to refuse.
        output::refuse_terminal()?;
    }
    let table =
        import::read::read(&args.file, args.sheet.as_deref(), &|header| import::is_column(kind, header))?;
    // Progress only for a person watching (lib.rs installs the line on a terminal only).
    let tracker = crate::progress::track(crate::progress::Stage::Rows, table.rows.len());
    let progress = |_row: usize, _total: usize| tracker.add(1);
    let session = ctx.session();
    let reason = args.reason.reason.as_deref();
    let imported = match import::import(&session, kind, &table, args.dry_run, reason, &progress)? {
        Ok(imported) => imported,
        Err(problems) => {
            // Shown even with --quiet: they are why nothing was imported.
            for problem in &problems {
                eprintln!("{}", problem.text(ctx.lang));
            }
            let prefix = ctx.t(Msg::ImportRefused { count: problems.len() });
            eprintln!("{prefix}");
            return Ok(1);
        }
    };
    if !ctx.quiet {
        for warning in &imported.warnings {
            eprintln!("{}", warning.text(ctx.lang));
        }
    }
    output::emit(&plan_rows(ctx, kind, &imported.items).render(ctx.format))?;
    let (added, updated, unchanged) =
        (imported.count(Action::Add), imported.count(Action::Update), imported.count(Action::Unchanged));
    if args.dry_run {
        ctx.note(Msg::ImportDryRun { added, updated, unchanged });
        return Ok(0);
    }
    ctx.note(Msg::ImportDone { added, updated, unchanged });
    match imported.outcome {
        Some(Outcome::Committed(hash)) => {
            let short = &hash[..hash.len().min(8)];
            // The commit names every record; the note, the first few (a bulk import has thousands).
            let summary = output::terminal::truncate(&imported.summary.unwrap_or_default(), 100);
            ctx.note(Msg::Committed { summary: format!("{short} {summary}") });
        }
        Some(Outcome::NoRepository) => ctx.note(Msg::NotCommittedNoRepo),
        Some(Outcome::Written) | None => {}
    }
    Ok(0)
}

/// One line per row: its number, what it does, the record, the fields it sets.
fn plan_rows(ctx: &Ctx, kind: Kind, items: &[import::Item]) -> Rows {
    let table = ctx.format == Format::Table;
    let columns = vec!["row", "action", "id", "fields"];
    let headers = columns.iter().map(|c| ctx.t(Msg::ImportColumn(c))).collect();
    let rows = items
        .iter()
        .map(|item| {
            let action = item.action.as_str();
            let (action, fields) = if table {
                let labels: Vec<&str> =
                    item.fields.iter().map(|f| vocab::field_label(kind, f, ctx.lang)).collect();
                (ctx.t(Msg::ImportAction(action)), labels.join(", "))
            } else {
                (action.to_string(), item.fields.join(" "))
            };
            vec![Cell::Int(item.row as i64), Cell::text(action), Cell::text(&item.id), Cell::text(fields)]
        })
        .collect();
    Rows { columns, headers, rows }
}
