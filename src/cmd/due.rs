//! `due [--within DAYS]`: the action list, oldest first.

use crate::cli::{DueArgs, Format};
use crate::context::Ctx;
use crate::error::Result;
use crate::i18n::{Lang, Msg, ReportMsg};
use crate::output::{Cell, Rows};
use crate::registry::Registry;
use crate::report::due::due;

use super::report::{deliver, headers};

pub fn run(ctx: &Ctx, args: &DueArgs) -> Result<u8> {
    let registry = Registry::load_valid(&ctx.root)?;
    let within = args.within.unwrap_or(registry.config.monitoring.ending_within_days);
    let items = due(&registry, ctx.today, within);
    let table = ctx.format == Format::Table;
    // JSON and CSV carry English messages (stable, for scripts); the table speaks the user's.
    let lang = if table { ctx.lang } else { Lang::En };
    let columns = vec!["due_on", "kind", "record", "message"];
    let rows = Rows {
        headers: headers(ctx, &columns),
        columns,
        rows: items
            .into_iter()
            .map(|item| {
                let kind = if table {
                    ctx.t(Msg::Report(ReportMsg::DueKind(item.kind)))
                } else {
                    item.kind.as_str().to_string()
                };
                vec![
                    Cell::text(item.due_on.to_string()),
                    Cell::text(kind),
                    Cell::text(&item.record),
                    Cell::text(lang.text(&Msg::Report(ReportMsg::Due(item)))),
                ]
            })
            .collect(),
    };
    let text = if table && rows.rows.is_empty() {
        format!("{}\n", ctx.t(Msg::Report(ReportMsg::NothingDue)))
    } else {
        rows.render(ctx.format)
    };
    deliver(ctx, &text, args.output.output.as_deref())?;
    registry.finish();
    Ok(0)
}
