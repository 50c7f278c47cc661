//! `child|mentor|institution add/show/list/set/edit/remove` and `agreement show/list/set`:
//! the flags turned into field assignments, one use case of `registry::records` called (read
//! one file, change it, validate, write, commit), its outcome shown.

use crate::cli::{
    ChildFields, Format, InstitutionFields, ListArgs, MentorFields, PersonFields, RecordCommand,
};
use crate::context::Ctx;
use crate::error::Failure;
use crate::error::{Error, Result};
use crate::i18n::{Msg, vocab};
use crate::output::{self, Cell, Labels, Rows};
use crate::record::Kind;
use crate::registry::edit::{self, Assignment};
use crate::registry::{self, Registry};
use crate::session::records;

/// The `add` flags of a kind, as field assignments (`None` where the flag was not given).
pub trait AddFields {
    fn assignments(&self, ctx: &Ctx) -> Vec<(&'static str, Option<String>)>;
}

impl PersonFields {
    /// The shared fields; lists are written even when empty, so the file shows them.
    fn assignments(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("surname", self.surname.clone()),
            ("given_name", self.given_name.clone()),
            ("patronymic", self.patronymic.clone()),
            ("birth_date", self.birth_date.map(|d| d.to_string())),
            ("sex", self.sex.map(|s| s.as_str().into())),
            ("community", self.community.clone()),
            ("settlement", self.settlement.clone()),
            ("languages", Some(self.languages.clone().unwrap_or_else(|| "uk".into()))),
            ("interests", Some(self.interests.clone().unwrap_or_default())),
            ("goal_areas", Some(self.goal_areas.clone().unwrap_or_default())),
        ]
    }
}

impl AddFields for ChildFields {
    fn assignments(&self, ctx: &Ctx) -> Vec<(&'static str, Option<String>)> {
        let mut fields = self.person.assignments();
        fields.extend([
            ("category", self.category.map(|c| c.as_str().into())),
            ("placement", self.placement.map(|p| p.as_str().into())),
            ("institution", self.institution.clone()),
            ("studying_until", self.studying_until.map(|d| d.to_string())),
            ("registered_on", Some(self.registered_on.unwrap_or(ctx.today).to_string())),
            ("preferences.mentor_sex", self.mentor_sex.map(|s| s.as_str().into())),
        ]);
        fields
    }
}

impl AddFields for MentorFields {
    fn assignments(&self, ctx: &Ctx) -> Vec<(&'static str, Option<String>)> {
        let mut fields = self.person.assignments();
        fields.extend([
            ("citizenship", Some(self.citizenship.clone().unwrap_or_else(|| "UA".into()))),
            ("legal_capacity", Some("true".into())),
            ("phone", self.phone.clone()),
            ("email", self.email.clone()),
            ("availability", Some(self.availability.clone().unwrap_or_default())),
            ("capacity", Some(self.capacity.unwrap_or(1).to_string())),
            ("applied_on", Some(self.applied_on.unwrap_or(ctx.today).to_string())),
        ]);
        fields
    }
}

impl AddFields for InstitutionFields {
    fn assignments(&self, _ctx: &Ctx) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("name", self.name.clone()),
            ("kind", self.kind.map(|k| k.as_str().into())),
            ("address", self.address.clone()),
            ("director", self.director.clone()),
            ("edrpou", self.edrpou.clone()),
            ("community", self.community.clone()),
        ]
    }
}

pub fn run<F: AddFields + clap::Args>(ctx: &Ctx, kind: Kind, command: RecordCommand<F>) -> Result<u8> {
    match command {
        RecordCommand::Add { fields, assignments, reason } => {
            add(ctx, kind, &fields, &assignments, reason.reason.as_deref())
        }
        RecordCommand::Show { id, full } if full.full => super::case::run(ctx, kind, &id, full.contacts),
        RecordCommand::Show { id, .. } => show(ctx, kind, &id),
        RecordCommand::List(args) => list(ctx, kind, &args),
        RecordCommand::Set { id, assignments, reason } => {
            set(ctx, kind, &id, &assignments, reason.reason.as_deref())
        }
        RecordCommand::Edit { id, reason } => edit(ctx, kind, &id, reason.reason.as_deref()),
        RecordCommand::Remove { id, reason } => remove(ctx, kind, &id, reason.reason.as_deref()),
    }
}

/// `child close ID --reason R [--date D] [--note T]`: closes the child's case.
pub fn close_child(
    ctx: &Ctx,
    id: &str,
    date: Option<crate::record::date::Date>,
    reason: crate::record::enums::ClosureReason,
    note: Option<&str>,
) -> Result<u8> {
    let id = checked_id(id)?;
    let date = date.unwrap_or(ctx.today);
    let closure = crate::agreement::lifecycle::Closure { date, reason, exit_interview: false, note };
    ctx.report(&crate::agreement::lifecycle::close_child(&ctx.session(), id, &closure)?);
    Ok(0)
}

/// Kept for the commands that check an ID themselves (`history`, `eligibility`, `match`).
pub use crate::session::records::checked_id;

fn add<F: AddFields>(
    ctx: &Ctx,
    kind: Kind,
    fields: &F,
    extra: &[String],
    reason: Option<&str>,
) -> Result<u8> {
    let mut assignments: Vec<Assignment> = Vec::new();
    for (path, value) in fields.assignments(ctx) {
        if let Some(value) = value {
            assignments.push(edit::parse_assignment(kind, &format!("{path}={value}"))?);
        }
    }
    for arg in extra {
        let assignment = edit::parse_assignment(kind, arg)?;
        // A later `key=value` overrides the flag or default for the same field.
        assignments.retain(|a| a.field.path != assignment.field.path);
        assignments.push(assignment);
    }
    let change = records::add(&ctx.session(), kind, assignments, reason)?;
    ctx.report(&change);
    output::emit(&format!("{}\n", change.id))?;
    Ok(0)
}

fn set(ctx: &Ctx, kind: Kind, id: &str, args: &[String], reason: Option<&str>) -> Result<u8> {
    let id = checked_id(id)?;
    let assignments = args.iter().map(|arg| edit::parse_assignment(kind, arg)).collect::<Result<Vec<_>>>()?;
    match records::set(&ctx.session(), kind, id, &assignments, reason)? {
        Some(change) => ctx.report(&change),
        None => ctx.note(Msg::NothingChanged),
    }
    Ok(0)
}

/// Opens the record's working copy in `$VISUAL`/`$EDITOR` (no lock held meanwhile), then
/// hands it to `records::finish_edit` to validate, write and commit.
fn edit(ctx: &Ctx, kind: Kind, id: &str, reason: Option<&str>) -> Result<u8> {
    let copy = records::start_edit(&ctx.root, kind, id)?;
    let editor =
        std::env::var("VISUAL").or_else(|_| std::env::var("EDITOR")).unwrap_or_else(|_| "vi".to_string());
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&copy.path)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        // Nothing typed yet is nothing to keep; typing is kept (and may be resumed while the
        // record stays as it was).
        if copy.text().is_ok_and(|text| text == copy.original) {
            copy.discard();
        }
        return Err(Failure::EditorFailed { editor }.into());
    }
    match records::finish_edit(&ctx.session(), &copy, reason)? {
        Some(change) => ctx.report(&change),
        None => ctx.note(Msg::NothingChanged),
    }
    Ok(0)
}

fn remove(ctx: &Ctx, kind: Kind, id: &str, reason: Option<&str>) -> Result<u8> {
    let change = records::remove(&ctx.session(), kind, id, reason)?;
    ctx.report(&change);
    ctx.note(Msg::Removed { id: change.id });
    Ok(0)
}

fn show(ctx: &Ctx, kind: Kind, id: &str) -> Result<u8> {
    let id = checked_id(id)?;
    let (json, text) = record_json(&ctx.root, kind, id)?;
    match ctx.format {
        // The file as the coordinator wrote it, comments included.
        Format::Table => output::emit(&text)?,
        Format::Json => output::emit(&output::json_string(&json))?,
        Format::Csv => {
            let mut rows = Vec::new();
            flatten("", &json, &mut rows);
            let rows = Rows { columns: vec!["field", "value"], headers: Vec::new(), rows };
            output::emit(&rows.csv())?;
        }
    }
    Ok(0)
}

/// A record as JSON (dates as ISO strings), parsed and validated on the way, with the file's
/// text as written (comments included).
pub(super) fn record_json(
    root: &std::path::Path,
    kind: Kind,
    id: &str,
) -> Result<(serde_json::Value, String)> {
    use crate::record::{Agreement, Child, Institution, Mentor};
    fn json<T: serde::Serialize>((record, text): (T, String)) -> (serde_json::Value, String) {
        (serde_json::to_value(record).expect("records serialize to JSON"), text)
    }
    Ok(match kind {
        Kind::Child => json(registry::read_record::<Child>(root, kind, id)?),
        Kind::Mentor => json(registry::read_record::<Mentor>(root, kind, id)?),
        Kind::Institution => json(registry::read_record::<Institution>(root, kind, id)?),
        Kind::Agreement => json(registry::read_record::<Agreement>(root, kind, id)?),
    })
}

pub(super) fn flatten(prefix: &str, value: &serde_json::Value, rows: &mut Vec<Vec<Cell>>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                flatten(&path, value, rows);
            }
        }
        serde_json::Value::Array(items) if items.iter().any(|v| v.is_object()) => {
            for (index, item) in items.iter().enumerate() {
                flatten(&format!("{prefix}.{index}"), item, rows);
            }
        }
        serde_json::Value::Array(items) => {
            let text = items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(",");
            rows.push(vec![Cell::text(prefix), Cell::text(text)]);
        }
        serde_json::Value::String(text) => rows.push(vec![Cell::text(prefix), Cell::text(text)]),
        serde_json::Value::Null => {}
        other => rows.push(vec![Cell::text(prefix), Cell::text(other.to_string())]),
    }
}

/// Whether a record (as JSON) matches `--where key=value`: equal text (case-insensitive), or
/// a list containing it.
fn list(ctx: &Ctx, kind: Kind, args: &ListArgs) -> Result<u8> {
    let registry = Registry::load_valid(&ctx.root)?;
    let filters: Vec<(String, String)> = args
        .filters
        .iter()
        .map(|f| {
            let (key, value) =
                f.split_once('=').ok_or_else(|| Error::new(Failure::BadAssignment { arg: f.clone() }))?;
            if crate::record::schema::field(kind, key.trim()).is_none() {
                let known: Vec<&str> = crate::record::schema::fields(kind).iter().map(|f| f.path).collect();
                return Err(Error::new(Failure::UnknownField {
                    field: key.to_string(),
                    suggestion: registry::did_you_mean(key, &known),
                }));
            }
            Ok((key.trim().to_string(), value.trim().to_string()))
        })
        .collect::<Result<_>>()?;
    let open_child: std::collections::HashSet<&str> =
        registry.agreements.iter().filter(|a| a.status.is_open()).map(|a| a.child.as_str()).collect();
    let keep = |json: &serde_json::Value, community: Option<&str>, status: Option<&str>| {
        args.community.as_deref().is_none_or(|c| community == Some(c))
            && args.status.as_deref().is_none_or(|s| status == Some(s))
            && filters.iter().all(|(key, value)| crate::record::schema::matches(kind, json, key, value))
    };
    let names = args.with_names;
    let labels = Labels::new(ctx.format, ctx.lang);
    let (columns, rows): (Vec<&'static str>, Vec<Vec<Cell>>) = match kind {
        Kind::Child => {
            let mut columns = vec!["id"];
            if names {
                columns.extend(["surname", "given_name"]);
            }
            columns.extend([
                "birth_date",
                "sex",
                "category",
                "placement",
                "community",
                "registered_on",
                "status",
            ]);
            let rows = registry
                .children
                .iter()
                .filter_map(|c| {
                    let status = if open_child.contains(c.id.as_str()) { "matched" } else { "waiting" };
                    let json = serde_json::to_value(c).expect("serializable");
                    keep(&json, Some(&c.community), Some(status)).then(|| {
                        let mut row = vec![Cell::text(&c.id)];
                        if names {
                            row.extend([Cell::text(&c.surname), Cell::text(&c.given_name)]);
                        }
                        row.extend([
                            Cell::text(c.birth_date.to_string()),
                            labels.code(vocab::SEX, c.sex.as_str()),
                            labels.code(vocab::CATEGORY, c.category.as_str()),
                            labels.code(vocab::PLACEMENT, c.placement.as_str()),
                            Cell::text(&c.community),
                            Cell::text(c.registered_on.to_string()),
                            labels.code(vocab::CHILD_STATUS, status),
                        ]);
                        row
                    })
                })
                .collect();
            (columns, rows)
        }
        Kind::Mentor => {
            let mut columns = vec!["id"];
            if names {
                columns.extend(["surname", "given_name"]);
            }
            columns.extend(["sex", "community", "capacity", "applied_on", "status"]);
            let rows = registry
                .mentors
                .iter()
                .filter_map(|m| {
                    let json = serde_json::to_value(m).expect("serializable");
                    keep(&json, Some(&m.community), Some(m.status().as_str())).then(|| {
                        let mut row = vec![Cell::text(&m.id)];
                        if names {
                            row.extend([Cell::text(&m.surname), Cell::text(&m.given_name)]);
                        }
                        row.extend([
                            labels.code(vocab::SEX, m.sex.as_str()),
                            Cell::text(&m.community),
                            Cell::Int(m.capacity.into()),
                            Cell::text(m.applied_on.to_string()),
                            labels.code(vocab::MENTOR_STATUS, m.status().as_str()),
                        ]);
                        row
                    })
                })
                .collect();
            (columns, rows)
        }
        Kind::Institution => {
            let columns = vec!["id", "name", "kind", "community"];
            let rows = registry
                .institutions
                .iter()
                .filter_map(|i| {
                    let json = serde_json::to_value(i).expect("serializable");
                    keep(&json, Some(&i.community), None).then(|| {
                        vec![
                            Cell::text(&i.id),
                            Cell::text(&i.name),
                            labels.code(vocab::INSTITUTION_KIND, i.kind.as_str()),
                            Cell::text(&i.community),
                        ]
                    })
                })
                .collect();
            (columns, rows)
        }
        Kind::Agreement => {
            let columns = vec![
                "id",
                "number",
                "child",
                "mentor",
                "institution",
                "regime",
                "status",
                "proposed_on",
                "signed_on",
                "ends_on",
            ];
            let rows = registry
                .agreements
                .iter()
                .filter_map(|a| {
                    let json = serde_json::to_value(a).expect("serializable");
                    let community = registry.child(&a.child).map(|c| c.community.as_str());
                    keep(&json, community, Some(a.status.as_str())).then(|| {
                        vec![
                            Cell::text(&a.id),
                            Cell::opt(a.number.as_ref()),
                            Cell::text(&a.child),
                            Cell::text(&a.mentor),
                            Cell::opt(a.institution.as_ref()),
                            labels.code(vocab::REGIME, a.regime.as_str()),
                            labels.code(vocab::AGREEMENT_STATUS, a.status.as_str()),
                            Cell::text(a.proposed_on.to_string()),
                            Cell::opt(a.signed_on),
                            Cell::opt(a.ends_on),
                        ]
                    })
                })
                .collect();
            (columns, rows)
        }
    };
    let headers = labels.headers(&columns);
    output::emit(&Rows { columns, headers, rows }.render(ctx.format))?;
    Ok(0)
}

/// `agreement show/list/set`: the record-level subcommands of agreements.
pub fn agreement_record(ctx: &Ctx, command: crate::cli::AgreementCommand) -> Result<u8> {
    use crate::cli::AgreementCommand;
    match command {
        AgreementCommand::Show { id } => show(ctx, Kind::Agreement, &id),
        AgreementCommand::List(args) => list(ctx, Kind::Agreement, &args),
        AgreementCommand::Set { id, assignments, reason } => {
            set(ctx, Kind::Agreement, &id, &assignments, reason.reason.as_deref())
        }
        _ => unreachable!("the life-cycle subcommands are dispatched by cmd::agreement"),
    }
}
