//! `report monthly|period|agreements|children|mentors`: the indicators of a month or any
//! period (broken down by groups, as the registry was on a date, over a region of several
//! registries) and the lists, as table, CSV or JSON, to standard output or atomically to a file.

use std::path::Path;

use crate::check::{self, Severity};
use crate::cli::{Format, GlobalArgs, MonthArgs, PeriodArgs, ReportBy, ReportCommand, SourceArgs};
use crate::context::Ctx;
use crate::error::{Error, Failure, Result};
use crate::i18n::{Msg, ReportMsg, vocab};
use crate::output::{self, Cell, Labels, Rows};
use crate::record::{Config, Date};
use crate::registry::Registry;
use crate::registry::snapshot::{self, Source};
use crate::report::breakdown::{self, Dimension};
use crate::report::monthly::{Indicator, Key};
use crate::report::period::{self, Period, PeriodError};
use crate::report::region::{self, Line, Member};
use crate::report::{self, Month, agreements, people};

pub fn run(global: &GlobalArgs, command: &ReportCommand) -> Result<u8> {
    let source = source_args(command);
    if !source.registry.is_empty() {
        return run_region(global, command, source);
    }
    let ctx = Ctx::resolve(global)?;
    let loaded = load(&ctx, source)?;
    let ctx = &ctx;
    let registry = &loaded;
    let (rows, output) = match command {
        ReportCommand::Monthly(args) => {
            let month = month(ctx, args)?;
            (indicator_rows(ctx, registry, month.into(), &dimensions(&args.by.by), false), &args.output)
        }
        ReportCommand::Period(args) => {
            (indicator_rows(ctx, registry, period_of(args)?, &dimensions(&args.by.by), true), &args.output)
        }
        ReportCommand::Agreements { month: args, names } => {
            if !args.by.by.is_empty() {
                return Err(Error::new(Failure::ByUnsupported));
            }
            (agreement_rows(ctx, registry, month(ctx, args)?, names.with_names), &args.output)
        }
        ReportCommand::Children { output, names, .. } => {
            (children_rows(ctx, registry, ctx.today, names.with_names), output)
        }
        ReportCommand::Mentors { output, names, .. } => {
            (mentor_rows(ctx, registry, ctx.today, names.with_names), output)
        }
    };
    deliver(ctx, &rows.render(ctx.format), output.output.as_deref())?;
    loaded.finish();
    Ok(0)
}

fn source_args(command: &ReportCommand) -> &SourceArgs {
    match command {
        ReportCommand::Monthly(args) | ReportCommand::Agreements { month: args, .. } => &args.source,
        ReportCommand::Period(args) => &args.source,
        ReportCommand::Children { source, .. } | ReportCommand::Mentors { source, .. } => source,
    }
}

fn dimensions(by: &[ReportBy]) -> Vec<Dimension> {
    let mut out: Vec<Dimension> = Vec::new();
    for by in by {
        let dimension = match by {
            ReportBy::Community => Dimension::Community,
            ReportBy::Sex => Dimension::Sex,
            ReportBy::AgeBand => Dimension::AgeBand,
            ReportBy::Category => Dimension::Category,
            ReportBy::Institution => Dimension::Institution,
            ReportBy::Disability => Dimension::Disability,
        };
        // `--by sex --by sex` is one grouping.
        if !out.contains(&dimension) {
            out.push(dimension);
        }
    }
    out
}

fn period_of(args: &PeriodArgs) -> Result<Period> {
    // The dates are parsed by clap already (`YYYY-MM-DD` or `DD.MM.YYYY`).
    let period = match (args.from, args.to) {
        (Some(from), Some(to)) => Period::new(from, to),
        _ => Period::from_args(None, None, args.quarter.as_deref(), args.year.as_deref()),
    };
    period.map_err(|err| {
        Error::new(match err {
            PeriodError::BadQuarter(value) => Failure::BadQuarter { value },
            PeriodError::BadYear(value) => Failure::BadYear { value },
            PeriodError::BadDate(value) => Failure::BadPeriodDate { value },
            PeriodError::FromAfterTo { from, to } => {
                Failure::FromAfterTo { from: from.to_string(), to: to.to_string() }
            }
            PeriodError::Incomplete => Failure::PeriodMissing,
        })
    })
}

/// The registry, whole and parseable: from the files, or with `--as-of` from the commit that
/// was current at the end of that day (the work tree is not read).
fn load(ctx: &Ctx, source: &SourceArgs) -> Result<Registry> {
    let Some(date) = source.as_of else { return Registry::load_valid(&ctx.root) };
    let commit = snapshot::commit_as_of(&ctx.root, date)?;
    ctx.note(Msg::Report(ReportMsg::AsOfCommit { date: date.to_string(), commit: short(&commit) }));
    let prefix = crate::git::prefix(&ctx.root).unwrap_or_default();
    let registry = snapshot::load_commit(&ctx.root, &commit, Some(&prefix), ctx.root.clone())?;
    if registry.problems.is_empty() {
        Ok(registry)
    } else {
        let count = registry.problems.len();
        Err(Error::new(Failure::RegistryInvalid { count })
            .with_diagnostics(registry.problems)
            .with_hint(crate::error::Hint::RunCheck))
    }
}

fn short(commit: &str) -> String {
    commit[..commit.len().min(12)].to_string()
}

/// `--registry` given: every registry read (as of `--as-of` if given), checked, and the
/// valid ones consolidated. Exit 1 when one was left out for failing `check`.
fn run_region(global: &GlobalArgs, command: &ReportCommand, source: &SourceArgs) -> Result<u8> {
    // The folder we stand in, if it is a registry, gives the language; none is needed.
    let ctx = match Ctx::resolve(global) {
        Ok(ctx) => ctx,
        Err(_) => Ctx::with_config(global, std::path::PathBuf::from("."), Config::fallback())?,
    };
    let ctx = &ctx;
    let names = match command {
        ReportCommand::Agreements { names, .. }
        | ReportCommand::Children { names, .. }
        | ReportCommand::Mentors { names, .. } => names.with_names,
        _ => false,
    };
    if names {
        return Err(Error::new(Failure::RegionNoNames));
    }
    let (period, by, extended, output) = match command {
        ReportCommand::Monthly(args) => (Period::from(month(ctx, args)?), &args.by.by, false, &args.output),
        ReportCommand::Period(args) => (period_of(args)?, &args.by.by, true, &args.output),
        _ => return Err(Error::new(Failure::RegionListsUnsupported)),
    };
    let date = source.as_of;
    // Every source is opened before anything is computed: a wrong path stops it all (exit 2).
    let mut loaded: Vec<(&String, String, Registry)> = Vec::new();
    for (n, spec) in source.registry.iter().enumerate() {
        let not_registry =
            |detail: Option<String>| Error::new(Failure::NotARegionRegistry { source: spec.clone(), detail });
        let opened = Source::open(spec).map_err(not_registry)?;
        let registry = match &opened {
            Source::Folder(root) => match date {
                Some(date) => {
                    let commit = snapshot::commit_as_of(root, date)?;
                    let prefix = crate::git::prefix(root).unwrap_or_default();
                    snapshot::load_commit(root, &commit, Some(&prefix), root.clone())?
                }
                None => Registry::load(root),
            },
            Source::Repository { repo, .. } => {
                let commit = match date {
                    Some(date) => snapshot::commit_as_of(repo, date)?,
                    None => crate::git::tree::head(repo).ok_or_else(|| not_registry(None))?,
                };
                snapshot::load_commit(repo, &commit, None, repo.clone())
                    .map_err(|err| not_registry(Some(ctx.lang.text(&Msg::Failure(err.failure.clone())))))?
            }
        };
        let centre = registry.config.centre.edrpou.clone().unwrap_or_else(|| format!("#{}", n + 1));
        // One centre, one registry: the same ЄДРПОУ twice would count a centre twice.
        if let Some((first, _, _)) = loaded.iter().find(|(_, other, _)| *other == centre) {
            return Err(Error::new(Failure::RegionDuplicateCentre {
                centre,
                first: first.to_string(),
                second: spec.clone(),
            }));
        }
        loaded.push((spec, centre, registry));
    }
    let mut members = Vec::new();
    let mut left_out = false;
    for (spec, centre, registry) in &loaded {
        let errors: Vec<_> = check::check_registry(registry, ctx.today)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if errors.is_empty() {
            members.push(Member::Valid { centre: centre.clone(), registry });
            continue;
        }
        left_out = true;
        eprintln!(
            "{}",
            ctx.t(Msg::Report(ReportMsg::RegionRegistryInvalid {
                source: spec.to_string(),
                centre: centre.clone(),
                errors: errors.len(),
            }))
        );
        for d in &errors {
            let at = d.line.map(|line| format!(":{line}")).unwrap_or_default();
            eprintln!("  {}{at}: {} {}", d.file, d.code, d.message(ctx.lang));
        }
        members.push(Member::Invalid { centre: centre.clone(), errors: errors.len() });
    }
    let dims = dimensions(by);
    let lines = region::consolidate(&members, period, &dims, extended);
    let rows = region_rows(ctx, &lines, &dims, period);
    deliver(ctx, &rows.render(ctx.format), output.output.as_deref())?;
    Ok(u8::from(left_out))
}

/// `--month`, or the month before today's.
fn month(ctx: &Ctx, args: &MonthArgs) -> Result<Month> {
    match &args.month {
        Some(text) => parse_month(text)
            .ok_or_else(|| Error::new(crate::error::Failure::BadMonth { value: text.clone() })),
        None => Ok(Month::containing(ctx.today).previous()),
    }
}

/// `YYYY-MM`, or `MM.YYYY` as a month is written in Ukraine (`10.2026`).
fn parse_month(text: &str) -> Option<Month> {
    match text.trim().split_once('.') {
        Some((month, year)) => Month::parse(&format!("{year}-{month}")),
        None => Month::parse(text),
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

/// An indicator's description: the monthly wording for a calendar month, else the period's.
fn description(ctx: &Ctx, key: Key, period: Period) -> Cell {
    let msg =
        if period::is_month(period) { ReportMsg::Indicator(key) } else { ReportMsg::PeriodIndicator(key) };
    Cell::text(ctx.t(Msg::Report(msg)))
}

fn value(indicator: &Indicator) -> Cell {
    indicator.value.map_or(Cell::Empty, number)
}

/// The indicators of one registry: `indicator,value` as `report monthly` always gave, or,
/// broken down, the long form: the group columns, `indicator`, `value`, with the total rows
/// (every group column `total`) last.
fn indicator_rows(
    ctx: &Ctx,
    registry: &Registry,
    period: Period,
    dims: &[Dimension],
    extended: bool,
) -> Rows {
    let (groups, total) = breakdown::breakdown(registry, period, dims, extended);
    let table = ctx.format == Format::Table;
    let mut columns: Vec<&'static str> = dims.iter().map(|d| d.name()).collect();
    columns.push("indicator");
    if table {
        columns.push("description");
    }
    columns.push("value");
    let total_cells = || vec![total_cell(ctx); dims.len()];
    let mut rows = Vec::new();
    let lines = groups
        .iter()
        .map(|g| (group_cells(ctx, dims, &g.values), &g.indicators))
        .chain(std::iter::once((total_cells(), &total)));
    for (cells, indicators) in lines {
        rows.extend(indicators.iter().map(|i| indicator_row(ctx, cells.clone(), i, period)));
    }
    Rows { headers: headers(ctx, &columns), columns, rows }
}

/// One indicator after the row's leading `cells`: its code, its description (tables only),
/// its value.
fn indicator_row(ctx: &Ctx, mut cells: Vec<Cell>, i: &Indicator, period: Period) -> Vec<Cell> {
    cells.push(Cell::text(i.key.name()));
    if ctx.format == Format::Table {
        cells.push(description(ctx, i.key, period));
    }
    cells.push(value(i));
    cells
}

/// A group's values (`--by sex,category`): the codes' labels in a table, codes for scripts.
fn group_cells(ctx: &Ctx, dims: &[Dimension], values: &[String]) -> Vec<Cell> {
    let labels = Labels::new(ctx.format, ctx.lang);
    dims.iter()
        .zip(values)
        .map(|(dim, value)| match dim {
            Dimension::Sex => labels.code(vocab::SEX, value),
            Dimension::Category => labels.code(vocab::CATEGORY, value),
            Dimension::Disability => labels.code(vocab::DISABILITY, value),
            Dimension::Community | Dimension::AgeBand | Dimension::Institution => Cell::text(value),
        })
        .collect()
}

/// `total` in CSV and JSON, the word in the user's language in a table.
fn total_cell(ctx: &Ctx) -> Cell {
    if ctx.format == Format::Table {
        Cell::text(ctx.t(Msg::Report(ReportMsg::Total)))
    } else {
        Cell::text("total")
    }
}

/// A region: `centre` (ЄДРПОУ, or `total`), the group columns, `indicator`, `value`. A
/// registry left out for failing `check` has one row, `registry_invalid`, its error count.
fn region_rows(ctx: &Ctx, lines: &[Line], dims: &[Dimension], period: Period) -> Rows {
    let table = ctx.format == Format::Table;
    let mut columns: Vec<&'static str> = vec!["centre"];
    columns.extend(dims.iter().map(|d| d.name()));
    columns.push("indicator");
    if table {
        columns.push("description");
    }
    columns.push("value");
    let mut rows = Vec::new();
    for line in lines {
        match line {
            Line::Invalid { centre, errors } => {
                let mut row = vec![Cell::text(centre)];
                row.extend(vec![Cell::Empty; dims.len()]);
                row.push(Cell::text("registry_invalid"));
                if table {
                    row.push(Cell::text(ctx.t(Msg::Report(ReportMsg::RegistryInvalidRow))));
                }
                row.push(Cell::Int(*errors as i64));
                rows.push(row);
            }
            Line::Figures(figures) => {
                let centre = figures.centre.as_ref().map_or_else(|| total_cell(ctx), Cell::text);
                let group: Vec<Cell> = match &figures.group {
                    Some(values) => group_cells(ctx, dims, values),
                    None => vec![total_cell(ctx); dims.len()],
                };
                let cells: Vec<Cell> = std::iter::once(centre).chain(group).collect();
                rows.extend(figures.indicators.iter().map(|i| indicator_row(ctx, cells.clone(), i, period)));
            }
        }
    }
    Rows { headers: headers(ctx, &columns), columns, rows }
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
    let labels = Labels::new(ctx.format, ctx.lang);
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
                Cell::opt(a.institution.as_ref()),
                labels.code(vocab::REGIME, a.regime.as_str()),
                labels.code(vocab::AGREEMENT_STATUS, status),
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
                labels.codes(vocab::AGREEMENT_FLAG, row.flags.iter().map(|f| f.as_str()), ";"),
            ]);
            cells
        })
        .collect();
    Rows { headers: headers(ctx, &columns), columns, rows }
}

fn yes_no(ctx: &Ctx, value: bool) -> Cell {
    Labels::new(ctx.format, ctx.lang).yes_no(value)
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
                Labels::new(ctx.format, ctx.lang).code(vocab::MENTOR_STATUS, m.status().as_str()),
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
