//! `report monthly|agreements|children|mentors`: the month's indicators and lists, as table,
//! CSV or JSON, to standard output or atomically to a file.

use std::path::Path;

use crate::cli::{Format, MonthArgs, ReportCommand};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::i18n::{Msg, ReportMsg};
use crate::output::{self, Cell, Rows};
use crate::record::Date;
use crate::registry::Registry;
use crate::report::{self, Month, agreements, monthly, people};

pub fn run(ctx: &Ctx, command: &ReportCommand) -> Result<u8> {
    let registry = Registry::load_valid(&ctx.root)?;
    let (rows, output) = match command {
        ReportCommand::Monthly(args) => (monthly_rows(ctx, &registry, month(ctx, args)?), &args.output),
        ReportCommand::Agreements { month: args, names } => {
            (agreement_rows(ctx, &registry, month(ctx, args)?, names.with_names), &args.output)
        }
        ReportCommand::Children { output, names } => {
            (children_rows(ctx, &registry, ctx.today, names.with_names), output)
        }
        ReportCommand::Mentors { output, names } => {
            (mentor_rows(ctx, &registry, ctx.today, names.with_names), output)
        }
    };
    deliver(ctx, &rows.render(ctx.format), output.output.as_deref())?;
    Ok(0)
}

/// `--month`, or the month before today's.
fn month(ctx: &Ctx, args: &MonthArgs) -> Result<Month> {
    match &args.month {
        Some(text) => Month::parse(text)
            .ok_or_else(|| Error::new(crate::error::Failure::BadMonth { value: text.clone() })),
        None => Ok(Month::containing(ctx.today).previous()),
    }
}

/// Prints `text`, or writes it to `path` atomically and says so (`-o -`: standard output).
pub(crate) fn deliver(ctx: &Ctx, text: &str, path: Option<&Path>) -> Result<()> {
    let path = match path {
        Some(path) if !path.is_absolute() && !output::is_stdout(path) => {
            Some(std::env::current_dir().map_err(|err| Error::io(Path::new("."), err))?.join(path))
        }
        other => other.map(Path::to_path_buf),
    };
    if let Some(path) = output::deliver_bytes(text.as_bytes(), path.as_deref())? {
        ctx.note(Msg::Report(ReportMsg::Written { path: path.display().to_string() }));
    }
    Ok(())
}

/// Stable column names with their headers in the user's language.
pub(crate) fn headers(ctx: &Ctx, columns: &[&'static str]) -> Vec<String> {
    columns.iter().map(|c| ctx.t(Msg::Report(ReportMsg::Column(c)))).collect()
}

/// A number as an integer where it is one (JSON `9`, not `9.0`).
pub(crate) fn number(value: f64) -> Cell {
    if value.fract() == 0.0 && value.abs() < 1e15 { Cell::Int(value as i64) } else { Cell::Num(value) }
}

fn date(value: Option<Date>) -> Cell {
    Cell::opt(value)
}

fn monthly_rows(ctx: &Ctx, registry: &Registry, month: Month) -> Rows {
    let indicators = monthly::monthly(registry, month);
    let value = |i: &monthly::Indicator| i.value.map_or(Cell::Empty, number);
    if ctx.format == Format::Table {
        let columns = vec!["indicator", "description", "value"];
        Rows {
            headers: headers(ctx, &columns),
            columns,
            rows: indicators
                .iter()
                .map(|i| {
                    vec![
                        Cell::text(i.key.name()),
                        Cell::text(ctx.t(Msg::Report(ReportMsg::Indicator(i.key)))),
                        value(i),
                    ]
                })
                .collect(),
        }
    } else {
        let columns = vec!["indicator", "value"];
        Rows {
            headers: headers(ctx, &columns),
            columns,
            rows: indicators.iter().map(|i| vec![Cell::text(i.key.name()), value(i)]).collect(),
        }
    }
}

fn agreement_rows(ctx: &Ctx, registry: &Registry, month: Month, names: bool) -> Rows {
    let mut columns = vec!["agreement", "number", "child"];
    if names {
        columns.push("child_name");
    }
    columns.push("mentor");
    if names {
        columns.push("mentor_name");
    }
    columns.extend([
        "institution",
        "regime",
        "status",
        "signed_on",
        "ends_on",
        "closed_on",
        "contacts",
        "meetings",
        "outings",
        "checkins",
        "hours",
        "last_checkin",
        "next_checkin_due",
        "flags",
    ]);
    let rows = agreements::agreements(registry, month)
        .into_iter()
        .map(|row| {
            let a = row.agreement;
            let status = if row.flags.contains(&agreements::Flag::Closed) {
                "closed"
            } else if report::suspended_on(a, month.end) {
                "suspended"
            } else {
                "active"
            };
            let mut cells = vec![Cell::text(&a.id), Cell::opt(a.number.as_ref()), Cell::text(&a.child)];
            if names {
                cells.push(Cell::opt(registry.child(&a.child).map(|c| c.full_name())));
            }
            cells.push(Cell::text(&a.mentor));
            if names {
                cells.push(Cell::opt(registry.mentor(&a.mentor).map(|m| m.full_name())));
            }
            cells.extend([
                Cell::text(&a.institution),
                Cell::text(a.regime.as_str()),
                Cell::text(status),
                date(a.signed_on),
                date(row.planned_end),
                date(a.closure.as_ref().map(|c| c.date)),
                Cell::Int(row.contacts as i64),
                Cell::Int(row.meetings as i64),
                Cell::Int(row.outings as i64),
                Cell::Int(row.checkins as i64),
                number(row.hours),
                date(row.last_checkin),
                date(row.next_checkin_due),
                Cell::text(row.flags.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(";")),
            ]);
            cells
        })
        .collect();
    Rows { headers: headers(ctx, &columns), columns, rows }
}

fn yes_no(ctx: &Ctx, value: bool) -> Cell {
    if ctx.format == Format::Table {
        Cell::text(ctx.t(Msg::Report(if value { ReportMsg::Yes } else { ReportMsg::No })))
    } else {
        Cell::Bool(value)
    }
}

fn children_rows(ctx: &Ctx, registry: &Registry, on: Date, names: bool) -> Rows {
    let table = ctx.format == Format::Table;
    let mut columns = vec!["child"];
    if names {
        columns.push("name");
    }
    columns.extend([
        "community",
        "registered_on",
        "stage",
        "eligible",
        "failing",
        "agreement",
        "waiting_days",
    ]);
    let rows = people::children(registry, on)
        .into_iter()
        .map(|row| {
            let mut cells = vec![Cell::text(&row.child.id)];
            if names {
                cells.push(Cell::text(row.child.full_name()));
            }
            cells.extend([
                Cell::text(&row.child.community),
                Cell::text(row.child.registered_on.to_string()),
                if table {
                    Cell::text(ctx.t(Msg::Report(ReportMsg::ChildStage(row.stage))))
                } else {
                    Cell::text(row.stage.as_str())
                },
                yes_no(ctx, row.eligible),
                Cell::text(row.failing.join(";")),
                Cell::opt(row.agreement.map(|a| &a.id)),
                row.waiting_days.map_or(Cell::Empty, Cell::Int),
            ]);
            cells
        })
        .collect();
    Rows { headers: headers(ctx, &columns), columns, rows }
}

fn mentor_rows(ctx: &Ctx, registry: &Registry, on: Date, names: bool) -> Rows {
    let table = ctx.format == Format::Table;
    let mut columns = vec!["mentor"];
    if names {
        columns.push("name");
    }
    columns.extend([
        "community",
        "applied_on",
        "stage",
        "state",
        "status",
        "eligible",
        "failing",
        "open_agreements",
        "capacity",
    ]);
    let rows = people::mentors(registry, on)
        .into_iter()
        .map(|row| {
            let m = row.mentor;
            let mut cells = vec![Cell::text(&m.id)];
            if names {
                cells.push(Cell::text(m.full_name()));
            }
            let (stage, state) = if table {
                (
                    ctx.t(Msg::Report(ReportMsg::MentorStage(row.stage))),
                    ctx.t(Msg::Report(ReportMsg::MentorState(row.state))),
                )
            } else {
                (row.stage.as_str().to_string(), row.state.as_str().to_string())
            };
            cells.extend([
                Cell::text(&m.community),
                Cell::text(m.applied_on.to_string()),
                Cell::text(stage),
                Cell::text(state),
                Cell::text(m.status().as_str()),
                yes_no(ctx, row.eligible),
                Cell::text(row.failing.join(";")),
                Cell::Int(row.open_agreements as i64),
                Cell::Int(m.capacity.into()),
            ]);
            cells
        })
        .collect();
    Rows { headers: headers(ctx, &columns), columns, rows }
}
