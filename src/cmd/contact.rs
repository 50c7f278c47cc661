//! `contact add/list`: the contact log of an active agreement (meetings, check-ins, visits,
//! outings with their consents).

use toml_edit::{Array, Item, Table, value};

use crate::agreement::{check_date, require_status};
use crate::cli::ContactCommand;
use crate::cmd::agreement::{date_arg, open};
use crate::cmd::record::checked_id;
use crate::context::Ctx;
use crate::error::Result;
use crate::i18n::Msg;
use crate::output::{self, Cell, Rows};
use crate::record::enums::{AgreementStatus, ConsentParty, ContactKind};
use crate::record::{Agreement, Kind};
use crate::registry::edit::toml_date;
use crate::registry::write::Transaction;

pub fn run(ctx: &Ctx, command: ContactCommand) -> Result<u8> {
    match command {
        ContactCommand::Add { agreement, date, kind, hours, note, by, consents, reason } => add(
            ctx,
            &agreement,
            &NewContact {
                date: date.date.as_deref(),
                kind: &kind,
                hours,
                note: note.as_deref(),
                by: by.as_deref(),
                consents: &consents,
            },
            reason.reason.as_deref(),
        ),
        ContactCommand::List { agreement } => list(ctx, &agreement),
    }
}

struct NewContact<'a> {
    date: Option<&'a str>,
    kind: &'a str,
    hours: Option<f64>,
    note: Option<&'a str>,
    by: Option<&'a str>,
    consents: &'a [String],
}

fn one_of<T>(field: &str, text: &str, parse: impl Fn(&str) -> Option<T>, names: &[&str]) -> Result<T> {
    parse(text.trim()).ok_or_else(|| {
        Msg::BadFieldValue {
            field: field.to_string(),
            value: text.to_string(),
            expected: Box::new(Msg::ExpectedOneOf { values: names.join(", ") }),
        }
        .into()
    })
}

fn add(ctx: &Ctx, id: &str, new: &NewContact, reason: Option<&str>) -> Result<u8> {
    let id = checked_id(id)?;
    let kind = one_of("--kind", new.kind, ContactKind::parse, ContactKind::NAMES)?;
    let hours = match new.hours {
        None => None,
        Some(h) => match crate::record::Minutes::from_hours(h) {
            Ok(time) if crate::record::hours::contact_hours_ok(time) => Some(time),
            _ => return Err(Msg::HoursPerContact { hours: h.to_string() }.into()),
        },
    };
    let mut consents = Vec::new();
    for text in new.consents.iter().filter(|c| !c.trim().is_empty()) {
        let party = one_of("--consents", text, ConsentParty::parse, ConsentParty::NAMES)?;
        if !consents.contains(&party) {
            consents.push(party);
        }
    }
    consents.sort();
    if kind == ContactKind::Outing {
        let missing: Vec<&str> =
            ConsentParty::ALL.iter().filter(|p| !consents.contains(p)).map(|p| p.as_str()).collect();
        if !missing.is_empty() {
            return Err(Msg::OutingNeedsConsents { missing: missing.join(", ") }.into());
        }
    }
    let date = date_arg(ctx, new.date)?;

    let _lock = ctx.lock()?;
    let mut open = open(ctx, id)?;
    let a = &open.agreement;
    require_status(a, &[AgreementStatus::Active], "contact add")?;
    check_date(date, ctx.today, a.signed_on.map(|s| ("signed_on", s)))?;

    let mut entry = Table::new();
    entry.insert("date", value(toml_date(date)));
    entry.insert("kind", value(kind.as_str()));
    if let Some(hours) = hours {
        entry.insert("hours", value(hours.hours()));
    }
    if let Some(by) = new.by.map(str::trim).filter(|b| !b.is_empty()) {
        entry.insert("by", value(by));
    }
    if let Some(note) = new.note.map(str::trim).filter(|n| !n.is_empty()) {
        entry.insert("note", value(note));
    }
    if !consents.is_empty() {
        let list: Array = consents.iter().map(|c| c.as_str()).collect();
        entry.insert("consents", value(list));
    }
    if !open.doc.contains_key("contacts") || !open.doc["contacts"].is_array_of_tables() {
        open.doc.insert("contacts", Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
    }
    open.doc["contacts"].as_array_of_tables_mut().expect("just made").push(entry);

    let text = open.doc.to_string();
    crate::cmd::record::validate_or_refuse(ctx, Kind::Agreement, id, &open.rel, &text)?;
    let mut transaction = Transaction::default();
    transaction.write(open.rel, text);
    ctx.apply(transaction, ctx.commit_message("contact", "add", id, reason))?;
    Ok(0)
}

fn list(ctx: &Ctx, id: &str) -> Result<u8> {
    let id = checked_id(id)?;
    let (agreement, _) = crate::registry::read_record::<Agreement>(&ctx.root, Kind::Agreement, id)?;
    let columns = vec!["date", "kind", "hours", "by", "consents", "note"];
    let headers = columns.iter().map(|c| ctx.t(Msg::ContactColumn { column: c })).collect();
    let rows = agreement
        .contacts
        .iter()
        .map(|c| {
            let consents = c.consents.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(",");
            vec![
                Cell::text(c.date.to_string()),
                Cell::text(c.kind.as_str()),
                c.hours.map_or(Cell::Empty, |h| Cell::Num(h.hours())),
                Cell::opt(c.by.as_ref()),
                if consents.is_empty() { Cell::Empty } else { Cell::text(consents) },
                Cell::opt(c.note.as_ref()),
            ]
        })
        .collect();
    output::emit(&Rows { columns, headers, rows }.render(ctx.format))?;
    Ok(0)
}
