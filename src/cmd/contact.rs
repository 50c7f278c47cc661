//! `contact add/list`: the contact log of an active agreement (meetings, check-ins, visits,
//! outings with their consents). The use case is `agreement::contact::add`.

use crate::agreement::contact::{self, NewContact};
use crate::cli::ContactCommand;
use crate::context::Ctx;
use crate::error::Result;
use crate::i18n::{Msg, vocab};
use crate::output::{self, Cell, Labels, Rows};
use crate::record::{Agreement, Kind};
use crate::session::records::checked_id;

pub fn run(ctx: &Ctx, command: ContactCommand) -> Result<u8> {
    match command {
        ContactCommand::Add { agreement, date, kind, hours, note, by, consents, reason } => {
            let id = checked_id(&agreement)?;
            let new = NewContact {
                date: date.date.unwrap_or(ctx.today),
                kind,
                hours,
                note: note.as_deref(),
                by: by.as_deref(),
                consents,
            };
            ctx.report(&contact::add(&ctx.session(), id, &new, reason.reason.as_deref())?);
            Ok(0)
        }
        ContactCommand::List { agreement } => list(ctx, &agreement),
    }
}

fn list(ctx: &Ctx, id: &str) -> Result<u8> {
    let id = checked_id(id)?;
    let (agreement, _) = crate::registry::read_record::<Agreement>(&ctx.root, Kind::Agreement, id)?;
    let columns = vec!["date", "kind", "hours", "by", "consents", "note"];
    let headers = columns.iter().map(|c| ctx.t(Msg::ContactColumn { column: c })).collect();
    let labels = Labels::new(ctx.format, ctx.lang);
    let rows = agreement
        .contacts
        .iter()
        .map(|c| {
            // Scripts keep the codes as they were, comma-separated; people read `, `.
            let consents = labels.codes(vocab::CONSENT_PARTY, c.consents.iter().map(|p| p.as_str()), ",");
            vec![
                Cell::text(c.date.to_string()),
                labels.code(vocab::CONTACT_KIND, c.kind.as_str()),
                c.hours.map_or(Cell::Empty, |h| Cell::Num(h.hours())),
                Cell::opt(c.by.as_ref()),
                if c.consents.is_empty() { Cell::Empty } else { consents },
                Cell::opt(c.note.as_ref()),
            ]
        })
        .collect();
    output::emit(&Rows { columns, headers, rows }.render(ctx.format))?;
    Ok(0)
}
