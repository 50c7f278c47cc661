//! `agreement new/sign/activate/suspend/resume/renew/close/render/verify`: each transition
//! reads the agreement and its parties, checks it is possible, edits the file (comments kept),
//! validates, writes and commits it as one change.

use std::path::Path;

use toml_edit::{DocumentMut, Item, Table, value};

use crate::agreement::{
    self, Parties, Proposal, check_date, last_signature, missing_signatures, provenance, require_eligible,
    require_status,
};
use crate::cli::{AgreementCommand, DocFormat, Format};
use crate::cmd::record::{checked_id, validate_or_refuse};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::output;
use crate::record::date::{self, Date};
use crate::record::enums::{AgreementStatus, ClosureReason, Party};
use crate::record::{Agreement, Institution, Kind};
use crate::registry::edit::toml_date;
use crate::registry::write::Transaction;
use crate::registry::{self, parse_toml};

use AgreementStatus::{Active, Proposed, Suspended};

pub fn run(ctx: &Ctx, command: AgreementCommand) -> Result<u8> {
    use AgreementCommand as C;
    match command {
        command @ (C::Show { .. } | C::List(_) | C::Set { .. }) => {
            crate::cmd::record::agreement_record(ctx, command)
        }
        C::New { child, mentor, institution, date, number, reason } => {
            let proposal = Proposal {
                child: checked_id(&child)?,
                mentor: checked_id(&mentor)?,
                institution: institution.as_deref().map(checked_id).transpose()?,
                date: date_arg(ctx, date.as_deref())?,
                number: number.as_deref(),
            };
            let id = create(ctx, &proposal, "agreement", "new", reason.reason.as_deref())?;
            output::emit(&format!("{id}\n"))?;
            Ok(0)
        }
        C::Sign { id, party, date, reason } => {
            sign(ctx, &id, &party, date.date.as_deref(), reason.reason.as_deref())
        }
        C::Activate { id, reason } => activate(ctx, &id, reason.reason.as_deref()),
        C::Suspend { id, date, reason } => suspend(ctx, &id, date.date.as_deref(), &reason),
        C::Resume { id, date, reason } => resume(ctx, &id, date.date.as_deref(), reason.reason.as_deref()),
        C::Renew { id, institution, date, reason } => {
            renew(ctx, &id, &institution, date.date.as_deref(), reason.as_deref())
        }
        C::Close { id, date, reason, exit_interview, note } => {
            close(ctx, &id, date.date.as_deref(), &reason, exit_interview, note.as_deref())
        }
        C::Render { id, to, output } => render(ctx, &id, to, output.as_deref()),
        C::Verify { id } => verify(ctx, &id),
    }
}

/// `--date`, or today.
pub fn date_arg(ctx: &Ctx, text: Option<&str>) -> Result<Date> {
    match text {
        Some(text) => date::parse_iso(text).ok_or_else(|| Msg::BadDateArg { value: text.to_string() }.into()),
        None => Ok(ctx.today),
    }
}

/// Proposes an agreement and commits it as `<noun> <action> <id>` (`agreement new`, or
/// `match accept` from the matching command). Returns the new ID.
pub fn create(
    ctx: &Ctx,
    proposal: &Proposal,
    noun: &'static str,
    action: &'static str,
    reason: Option<&str>,
) -> Result<String> {
    let _lock = ctx.lock()?;
    let proposed = agreement::propose(&ctx.root, &ctx.config, ctx.today, proposal)?;
    validate_or_refuse(ctx, Kind::Agreement, &proposed.id, &proposed.rel, &proposed.text)?;
    let mut transaction = Transaction::default();
    transaction.write(proposed.rel, proposed.text);
    ctx.apply(transaction, ctx.commit_message(noun, action, &proposed.id, reason))?;
    Ok(proposed.id)
}

/// An agreement read for a change: the typed record and its editable document.
pub struct Open {
    pub agreement: Agreement,
    pub doc: DocumentMut,
    pub rel: String,
}

pub fn open(ctx: &Ctx, id: &str) -> Result<Open> {
    let id = checked_id(id)?;
    let (text, doc) = crate::cmd::record::read_document(ctx, Kind::Agreement, id)?;
    let rel = format!("{}/{id}.toml", Kind::Agreement.dir());
    let agreement = parse_toml::<Agreement>(&rel, &text).map_err(|diagnostic| {
        Error::new(Msg::RegistryInvalid { count: 1 })
            .with_diagnostics(vec![diagnostic])
            .with_hint(Msg::RunCheck)
    })?;
    Ok(Open { agreement, doc, rel })
}

impl Open {
    /// The agreement as the edits so far make it.
    fn current(&self) -> Result<Agreement> {
        let text = self.doc.to_string();
        parse_toml::<Agreement>(&self.rel, &text).map_err(|diagnostic| {
            Error::new(Msg::RefusedInvalid).with_diagnostics(vec![diagnostic]).with_source(&self.rel, text)
        })
    }

    fn set_date(&mut self, key: &str, date: Date) {
        self.doc[key] = value(toml_date(date));
    }

    fn table(&mut self, key: &str) -> &mut Table {
        if !self.doc.contains_key(key) || !self.doc[key].is_table() {
            self.doc.insert(key, Item::Table(Table::new()));
        }
        self.doc[key].as_table_mut().expect("just made a table")
    }

    fn push(&mut self, key: &str, table: Table) {
        if !self.doc.contains_key(key) || !self.doc[key].is_array_of_tables() {
            self.doc.insert(key, Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
        }
        self.doc[key].as_array_of_tables_mut().expect("just made an array").push(table);
    }

    /// Stores the provenance of what is now in force: the hash and the per-field digests.
    fn stamp(&mut self, ctx: &Ctx, parties: &Parties) -> Result<()> {
        let current = self.current()?;
        let snapshot = provenance::snapshot(&current, parties, &ctx.config);
        self.doc["signed_hash"] = value(provenance::hash(&snapshot));
        let table = self.table("signed_fields");
        table.clear();
        for (key, digest) in provenance::field_digests(&snapshot) {
            table.insert(&key, value(digest));
        }
        Ok(())
    }

    /// The planned end as the law computes it today (the child's studies may have changed).
    fn refresh_ends_on(&mut self, ctx: &Ctx, parties: &Parties) {
        let ends_on = crate::rules::ends_on(&parties.child, ctx.config.rules.params(self.agreement.regime));
        if self.agreement.ends_on != Some(ends_on) {
            self.set_date("ends_on", ends_on);
        }
    }

    /// Validates and writes the file and commits it as `agreement <action> <id>`.
    fn finish(self, ctx: &Ctx, noun: &'static str, action: &'static str, reason: Option<&str>) -> Result<()> {
        let text = self.doc.to_string();
        let id = self.agreement.id.clone();
        validate_or_refuse(ctx, Kind::Agreement, &id, &self.rel, &text)?;
        let mut transaction = Transaction::default();
        transaction.write(self.rel, text);
        ctx.apply(transaction, ctx.commit_message(noun, action, &id, reason))
    }
}

fn table_of(entries: &[(&str, Option<toml_edit::Value>)]) -> Table {
    let mut table = Table::new();
    for (key, entry) in entries {
        if let Some(entry) = entry {
            table.insert(key, Item::Value(entry.clone()));
        }
    }
    table
}

fn parse_party(text: &str) -> Result<Party> {
    Party::parse(text.trim()).ok_or_else(|| {
        Msg::BadFieldValue {
            field: "--party".into(),
            value: text.to_string(),
            expected: Box::new(Msg::ExpectedOneOf { values: Party::NAMES.join(", ") }),
        }
        .into()
    })
}

fn sign(ctx: &Ctx, id: &str, party: &str, date: Option<&str>, reason: Option<&str>) -> Result<u8> {
    let party = parse_party(party)?;
    let date = date_arg(ctx, date)?;
    let _lock = ctx.lock()?;
    let mut open = open(ctx, id)?;
    let a = &open.agreement;
    require_status(a, &[Proposed], "agreement sign")?;
    let required = &ctx.config.rules.params(a.regime).required_signatures;
    if !required.contains(&party) {
        return Err(Msg::PartyNotRequired {
            party: party.as_str(),
            regime: a.regime.as_str(),
            required: required.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", "),
        }
        .into());
    }
    if let Some(signed) = a.signatures.get(party) {
        return Err(Msg::PartyAlreadySigned {
            id: a.id.clone(),
            party: party.as_str(),
            date: signed.to_string(),
        }
        .into());
    }
    check_date(date, ctx.today, Some(("proposed_on", a.proposed_on)))?;
    let parties = Parties::of(&ctx.root, a)?;
    require_eligible(&ctx.root, &ctx.config, &parties, a.regime, date, Some(&a.id), false)?;

    open.table("signatures").insert(party.as_str(), value(toml_date(date)));
    open.refresh_ends_on(ctx, &parties);
    let now = open.current()?;
    let waiting = missing_signatures(&now, &ctx.config);
    let activated = waiting.is_empty().then(|| last_signature(&now, &ctx.config)).flatten();
    if let Some(signed_on) = activated {
        open.doc["status"] = value(Active.as_str());
        open.set_date("signed_on", signed_on);
    }
    open.stamp(ctx, &parties)?;
    let id = open.agreement.id.clone();
    open.finish(ctx, "agreement", "sign", reason)?;
    match activated {
        Some(signed_on) => ctx.note(Msg::AgreementActive { id, date: signed_on.to_string() }),
        None => ctx.note(Msg::AgreementSigned {
            id,
            party: party.as_str(),
            waiting: waiting.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", "),
        }),
    }
    Ok(0)
}

fn activate(ctx: &Ctx, id: &str, reason: Option<&str>) -> Result<u8> {
    let _lock = ctx.lock()?;
    let mut open = open(ctx, id)?;
    let a = &open.agreement;
    require_status(a, &[Proposed], "agreement activate")?;
    let waiting = missing_signatures(a, &ctx.config);
    let signed_on = match last_signature(a, &ctx.config) {
        Some(date) if waiting.is_empty() => date,
        _ => {
            let parties = waiting.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ");
            return Err(Msg::SignaturesMissing { id: a.id.clone(), parties }.into());
        }
    };
    check_date(signed_on, ctx.today, Some(("proposed_on", a.proposed_on)))?;
    let parties = Parties::of(&ctx.root, a)?;
    require_eligible(&ctx.root, &ctx.config, &parties, a.regime, signed_on, Some(&a.id), false)?;
    open.doc["status"] = value(Active.as_str());
    open.set_date("signed_on", signed_on);
    open.refresh_ends_on(ctx, &parties);
    open.stamp(ctx, &parties)?;
    let id = open.agreement.id.clone();
    open.finish(ctx, "agreement", "activate", reason)?;
    ctx.note(Msg::AgreementActive { id, date: signed_on.to_string() });
    Ok(0)
}

/// The earliest date the next event of an active agreement may have: its signing, or the end
/// of its last suspension.
fn running_since(a: &Agreement) -> (&'static str, Date) {
    let resumed = a.suspensions.iter().filter_map(|s| s.resumed_on).max();
    match (a.signed_on, resumed) {
        (_, Some(resumed)) if a.signed_on.is_none_or(|s| resumed > s) => ("suspensions.resumed_on", resumed),
        (Some(signed), _) => ("signed_on", signed),
        (None, _) => ("proposed_on", a.proposed_on),
    }
}

fn suspend(ctx: &Ctx, id: &str, date: Option<&str>, reason: &str) -> Result<u8> {
    let date = date_arg(ctx, date)?;
    let _lock = ctx.lock()?;
    let mut open = open(ctx, id)?;
    let a = &open.agreement;
    require_status(a, &[Active], "agreement suspend")?;
    check_date(date, ctx.today, Some(running_since(a)))?;
    open.doc["status"] = value(Suspended.as_str());
    let entry = table_of(&[("date", Some(toml_date(date).into())), ("reason", Some(reason.trim().into()))]);
    open.push("suspensions", entry);
    open.finish(ctx, "agreement", "suspend", Some(reason))?;
    Ok(0)
}

fn resume(ctx: &Ctx, id: &str, date: Option<&str>, reason: Option<&str>) -> Result<u8> {
    let date = date_arg(ctx, date)?;
    let _lock = ctx.lock()?;
    let mut open = open(ctx, id)?;
    let a = &open.agreement;
    require_status(a, &[Suspended], "agreement resume")?;
    let since = a.suspensions.last().map_or(running_since(a), |s| ("suspensions.date", s.date));
    check_date(date, ctx.today, Some(since))?;
    let parties = Parties::of(&ctx.root, a)?;
    require_eligible(&ctx.root, &ctx.config, &parties, a.regime, date, Some(&a.id), false)?;
    open.doc["status"] = value(Active.as_str());
    let resumed = open.doc.get_mut("suspensions").and_then(Item::as_array_of_tables_mut).and_then(|s| {
        let last = s.len().checked_sub(1)?;
        s.get_mut(last)
    });
    if let Some(last) = resumed {
        last.insert("resumed_on", value(toml_date(date)));
    }
    open.finish(ctx, "agreement", "resume", reason)?;
    Ok(0)
}

fn renew(ctx: &Ctx, id: &str, institution: &str, date: Option<&str>, reason: Option<&str>) -> Result<u8> {
    let institution = checked_id(institution)?;
    let date = date_arg(ctx, date)?;
    let _lock = ctx.lock()?;
    let mut open = open(ctx, id)?;
    let a = &open.agreement;
    require_status(a, &[Active, Suspended], "agreement renew")?;
    if a.institution == institution {
        return Err(Msg::SameInstitution { id: a.id.clone(), institution: institution.to_string() }.into());
    }
    registry::read_record::<Institution>(&ctx.root, Kind::Institution, institution)?;
    let last_renewal = a.renewals.iter().map(|r| r.date).max();
    let since = match (running_since(a), last_renewal) {
        ((_, start), Some(renewed)) if renewed > start => ("renewals.date", renewed),
        (since, _) => since,
    };
    check_date(date, ctx.today, Some(since))?;
    let parties = Parties::load(&ctx.root, &a.child, &a.mentor, institution)?;
    require_eligible(&ctx.root, &ctx.config, &parties, a.regime, date, Some(&a.id), false)?;
    let entry = table_of(&[
        ("date", Some(toml_date(date).into())),
        ("from_institution", Some(a.institution.as_str().into())),
        ("to_institution", Some(institution.into())),
        ("reason", reason.map(str::trim).filter(|r| !r.is_empty()).map(Into::into)),
    ]);
    open.push("renewals", entry);
    open.doc["institution"] = value(institution);
    // The re-concluded agreement is the text now in force: its provenance replaces the old.
    open.stamp(ctx, &parties)?;
    open.finish(ctx, "agreement", "renew", reason)?;
    Ok(0)
}

fn close(
    ctx: &Ctx,
    id: &str,
    date: Option<&str>,
    reason: &str,
    exit_interview: bool,
    note: Option<&str>,
) -> Result<u8> {
    let code = ClosureReason::parse(reason.trim()).ok_or_else(|| {
        Error::new(Msg::BadFieldValue {
            field: "--reason".into(),
            value: reason.to_string(),
            expected: Box::new(Msg::ExpectedOneOf { values: ClosureReason::NAMES.join(", ") }),
        })
    })?;
    let date = date_arg(ctx, date)?;
    let _lock = ctx.lock()?;
    let mut open = open(ctx, id)?;
    let a = &open.agreement;
    require_status(a, &[Proposed, Active, Suspended], "agreement close")?;
    let since = a.signed_on.map_or(("proposed_on", a.proposed_on), |s| ("signed_on", s));
    check_date(date, ctx.today, Some(since))?;
    open.doc["status"] = value(AgreementStatus::Closed.as_str());
    let mut closure = table_of(&[
        ("date", Some(toml_date(date).into())),
        ("reason", Some(code.as_str().into())),
        ("exit_interview", Some(exit_interview.into())),
        ("note", note.map(str::trim).filter(|n| !n.is_empty()).map(Into::into)),
    ]);
    closure.set_implicit(false);
    open.doc.insert("closure", Item::Table(closure));
    open.finish(ctx, "agreement", "close", Some(code.as_str()))?;
    Ok(0)
}

fn render(ctx: &Ctx, id: &str, to: DocFormat, output_path: Option<&Path>) -> Result<u8> {
    let id = checked_id(id)?;
    let (agreement, _) = registry::read_record::<Agreement>(&ctx.root, Kind::Agreement, id)?;
    let parties = Parties::of(&ctx.root, &agreement)?;
    let rendered = agreement::document::render(&ctx.root, &ctx.config, &agreement, &parties, ctx.lang)?;
    let bytes = match to {
        DocFormat::Md => rendered.markdown.into_bytes(),
        DocFormat::Html => agreement::document::to_html(&ctx.root, &rendered)?.into_bytes(),
        DocFormat::Docx => agreement::docx::to_docx(&rendered),
    };
    match output_path {
        Some(path) => {
            registry::write::write_atomic_bytes(path, &bytes)?;
            ctx.note(Msg::DocumentWritten { path: path.display().to_string() });
        }
        None => {
            use std::io::IsTerminal;
            if to == DocFormat::Docx && std::io::stdout().is_terminal() {
                return Err(Msg::DocxNeedsOutput.into());
            }
            output::emit_bytes(&bytes)?;
        }
    }
    Ok(0)
}

fn verify(ctx: &Ctx, id: &str) -> Result<u8> {
    let id = checked_id(id)?;
    let (agreement, _) = registry::read_record::<Agreement>(&ctx.root, Kind::Agreement, id)?;
    let Some(signed) = agreement.signed_hash.clone() else {
        return Err(Msg::NotSignedYet { id: id.to_string() }.into());
    };
    let parties = Parties::of(&ctx.root, &agreement)?;
    let snapshot = provenance::snapshot(&agreement, &parties, &ctx.config);
    let now = provenance::hash(&snapshot);
    let ok = now == signed;
    let changed = if ok || agreement.signed_fields.is_empty() {
        Vec::new()
    } else {
        provenance::changed_fields(&agreement, &snapshot)
    };
    if ctx.format == Format::Json {
        let changed: Vec<serde_json::Value> =
            changed.iter().map(|c| serde_json::json!({"file": c.file, "field": c.field})).collect();
        let json = serde_json::json!({
            "id": id, "ok": ok, "signed_hash": signed, "current_hash": now, "changed": changed,
        });
        output::emit(&output::json_string(&json))?;
        return Ok(if ok { 0 } else { 1 });
    }
    if ok {
        output::emit(&format!("{}\n", ctx.t(Msg::VerifyOk { id: id.to_string(), hash: now })))?;
        return Ok(0);
    }
    let mut text = format!("{}\n", ctx.t(Msg::VerifyChanged { id: id.to_string(), signed, now }));
    if changed.is_empty() {
        text.push_str(&format!("{}\n", ctx.t(Msg::VerifyFieldsUnknown)));
    }
    for change in changed {
        text.push_str(&format!("{}\n", ctx.t(Msg::VerifyField { file: change.file, field: change.field })));
    }
    output::emit(&text)?;
    Ok(1)
}
