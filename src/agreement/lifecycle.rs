//! The agreement's life cycle as use cases: create, sign, activate, suspend, resume, renew,
//! close. Each takes a `Session` and typed inputs (dates, parties, reasons parsed by the
//! caller), reads the agreement and its parties, checks the transition is possible, edits the
//! file (comments kept), validates, writes and commits it as one change, and says what it did.

use toml_edit::{DocumentMut, Item, Table, value};

use super::{
    Parties, Proposal, check_date, last_signature, missing_signatures, provenance, require_eligible,
    require_status,
};
use crate::error::{Error, Result};
use crate::record::date::Date;
use crate::record::enums::{AgreementStatus, ClosureReason, Party};
use crate::record::{Agreement, Institution, Kind};
use crate::registry::edit::toml_date;
use crate::registry::{self, parse_toml};
use crate::session::records::{checked_id, read_document, validate};
use crate::session::{Change, Session};

use crate::error::Failure;
use crate::error::Hint;
use AgreementStatus::{Active, Proposed, Suspended};

/// Proposes an agreement and commits it as `<noun> <action> <id>` (`agreement new`, or
/// `match accept`). The change's `id` is the new agreement's.
pub fn create(
    session: &Session,
    proposal: &Proposal,
    (noun, action): (&'static str, &'static str),
    reason: Option<&str>,
) -> Result<Change> {
    let _lock = session.lock()?;
    let proposed = super::propose(&session.root, &session.config, session.today, proposal)?;
    let warnings = validate(session, Kind::Agreement, &proposed.id, &proposed.rel, &proposed.text)?;
    session.write_record(proposed.rel, proposed.text, warnings, (noun, action), &proposed.id, reason)
}

/// An agreement read for a change: the typed record and its editable document.
pub struct Open {
    pub agreement: Agreement,
    pub doc: DocumentMut,
    pub rel: String,
}

/// Reads agreement `id` for a change (the caller holds the lock).
pub fn open(session: &Session, id: &str) -> Result<Open> {
    let id = checked_id(id)?;
    let (text, doc) = read_document(&session.root, Kind::Agreement, id)?;
    let rel = format!("{}/{id}.toml", Kind::Agreement.dir());
    let agreement = parse_toml::<Agreement>(&rel, &text).map_err(|diagnostic| {
        Error::new(Failure::RegistryInvalid { count: 1 })
            .with_diagnostics(vec![diagnostic])
            .with_hint(Hint::RunCheck)
    })?;
    Ok(Open { agreement, doc, rel })
}

impl Open {
    /// The agreement as the edits so far make it.
    fn current(&self) -> Result<Agreement> {
        let text = self.doc.to_string();
        parse_toml::<Agreement>(&self.rel, &text).map_err(|diagnostic| {
            Error::new(Failure::RefusedInvalid)
                .with_diagnostics(vec![diagnostic])
                .with_source(&self.rel, text)
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

    /// Appends `table` to the array of tables `key` (`[[contacts]]`, `[[renewals]]`).
    pub fn push(&mut self, key: &str, table: Table) {
        if !self.doc.contains_key(key) || !self.doc[key].is_array_of_tables() {
            self.doc.insert(key, Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
        }
        self.doc[key].as_array_of_tables_mut().expect("just made an array").push(table);
    }

    /// Stores the provenance of what is now in force: the hash and the per-field digests.
    fn stamp(&mut self, session: &Session, parties: &Parties) -> Result<()> {
        let current = self.current()?;
        let snapshot = provenance::snapshot(&current, parties, &session.config);
        self.doc["signed_hash"] = value(provenance::hash(&snapshot));
        let table = self.table("signed_fields");
        table.clear();
        for (key, digest) in provenance::field_digests(&snapshot) {
            table.insert(&key, value(digest));
        }
        Ok(())
    }

    /// The planned end as the law computes it today (the child's studies may have changed).
    fn refresh_ends_on(&mut self, session: &Session, parties: &Parties) {
        let params = session.config.rules.params(self.agreement.regime);
        let ends_on = crate::rules::ends_on(&parties.child, params);
        if self.agreement.ends_on != Some(ends_on) {
            self.set_date("ends_on", ends_on);
        }
    }

    /// As `finish`, writing `also` (another record's file and text, already validated) in the
    /// same commit: a re-conclusion and the agreement it closes are one change.
    fn finish_with(
        self,
        session: &Session,
        noun: &'static str,
        action: &'static str,
        reason: Option<&str>,
        also: Option<(String, String)>,
    ) -> Result<Change> {
        let Some((other_rel, other_text)) = also else {
            return self.finish(session, noun, action, reason);
        };
        let text = self.doc.to_string();
        let id = self.agreement.id.clone();
        let warnings = validate(session, Kind::Agreement, &id, &self.rel, &text)?;
        let mut transaction = crate::registry::write::Transaction::default();
        transaction.write(self.rel.clone(), text.clone());
        transaction.write(other_rel, other_text);
        let message = session.commit_message(noun, action, &id, reason);
        let outcome = transaction.apply(&session.root, message.as_ref())?;
        Ok(Change {
            id,
            rel: self.rel,
            text: Some(text),
            warnings,
            summary: message.as_ref().map(crate::registry::write::CommitMessage::summary),
            outcome,
        })
    }

    /// Validates and writes the file and commits it as `<noun> <action> <id>`.
    pub fn finish(
        self,
        session: &Session,
        noun: &'static str,
        action: &'static str,
        reason: Option<&str>,
    ) -> Result<Change> {
        let text = self.doc.to_string();
        let id = self.agreement.id.clone();
        let warnings = validate(session, Kind::Agreement, &id, &self.rel, &text)?;
        session.write_record(self.rel, text, warnings, (noun, action), &id, reason)
    }
}

pub(super) fn table_of(entries: &[(&str, Option<toml_edit::Value>)]) -> Table {
    let mut table = Table::new();
    for (key, entry) in entries {
        if let Some(entry) = entry {
            table.insert(key, Item::Value(entry.clone()));
        }
    }
    table
}

/// What a signature did: made the agreement active, or left it waiting for other parties.
pub enum Signed {
    /// Active from `signed_on`; `replaced` is the agreement it re-concluded, now closed.
    Active {
        signed_on: Date,
        replaced: Option<String>,
    },
    Waiting {
        party: Party,
        waiting: Vec<Party>,
    },
}

pub fn sign(
    session: &Session,
    id: &str,
    party: Party,
    date: Date,
    reason: Option<&str>,
) -> Result<(Change, Signed)> {
    let _lock = session.lock()?;
    let mut open = open(session, id)?;
    let a = &open.agreement;
    require_status(a, &[Proposed], "agreement sign")?;
    if let Some(signed) = a.signatures.get(party) {
        return Err(Failure::PartyAlreadySigned {
            id: a.id.clone(),
            party: party.as_str(),
            date: signed.to_string(),
        }
        .into());
    }
    check_date(date, session.today, Some(("proposed_on", a.proposed_on)))?;
    let parties = Parties::of(&session.root, a)?;
    // A contract follows the law in force on the day it is concluded (Civil Code art. 5): the
    // regime and the parties are those of the latest signature, whatever the proposal date.
    let concluded =
        Party::ALL.iter().filter_map(|p| a.signatures.get(*p)).chain([date]).max().unwrap_or(date);
    let regime = session.config.rules.regime_on(concluded);
    let required = super::parties_for(&parties.child, &session.config, regime, concluded);
    if !required.contains(&party) {
        let age = crate::record::date::age_on(parties.child.birth_date, concluded);
        let adult = age >= session.config.rules.params(regime).max_child_age;
        if adult && party == Party::LegalRepresentative {
            return Err(
                Failure::AdultSignsForThemselves { id: a.id.clone(), child: a.child.clone(), age }.into()
            );
        }
        return Err(Failure::PartyNotRequired {
            party: party.as_str(),
            regime: regime.as_str(),
            required: required.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", "),
        }
        .into());
    }
    require_eligible(&session.root, &session.config, &parties, regime, date, Some(&a.id), false)?;

    open.table("signatures").insert(party.as_str(), value(toml_date(date)));
    if regime != open.agreement.regime {
        open.doc["regime"] = value(regime.as_str());
        open.agreement.regime = regime;
    }
    let signers: toml_edit::Array = required.iter().map(|p| p.as_str()).collect();
    open.doc["parties"] = value(signers);
    open.refresh_ends_on(session, &parties);
    let now = open.current()?;
    let waiting = missing_signatures(&now, &session.config);
    let activated = waiting.is_empty().then(|| last_signature(&now, &session.config)).flatten();
    if let Some(signed_on) = activated {
        open.doc["status"] = value(Active.as_str());
        open.set_date("signed_on", signed_on);
    }
    open.stamp(session, &parties)?;
    let replaced = match activated {
        Some(signed_on) => close_renewed(session, &now, signed_on)?,
        None => None,
    };
    let closed_old = replaced.as_ref().and(now.renews.clone());
    let change = open.finish_with(session, "agreement", "sign", reason, replaced)?;
    let signed = match activated {
        Some(signed_on) => Signed::Active { signed_on, replaced: closed_old },
        None => Signed::Waiting { party, waiting },
    };
    Ok((change, signed))
}

/// Makes a fully signed agreement active; returns the change and the signing date.
pub fn activate(session: &Session, id: &str, reason: Option<&str>) -> Result<(Change, Date)> {
    let _lock = session.lock()?;
    let mut open = open(session, id)?;
    let a = &open.agreement;
    require_status(a, &[Proposed], "agreement activate")?;
    let waiting = missing_signatures(a, &session.config);
    let signed_on = match last_signature(a, &session.config) {
        Some(date) if waiting.is_empty() => date,
        _ => {
            let parties = waiting.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ");
            return Err(Failure::SignaturesMissing { id: a.id.clone(), parties }.into());
        }
    };
    check_date(signed_on, session.today, Some(("proposed_on", a.proposed_on)))?;
    let parties = Parties::of(&session.root, a)?;
    // The regime of the day of conclusion; its parties must all have signed.
    let regime = session.config.rules.regime_on(signed_on);
    let required = super::parties_for(&parties.child, &session.config, regime, signed_on);
    let unsigned: Vec<&str> =
        required.iter().filter(|p| a.signatures.get(**p).is_none()).map(|p| p.as_str()).collect();
    if !unsigned.is_empty() {
        return Err(Failure::SignaturesMissing { id: a.id.clone(), parties: unsigned.join(", ") }.into());
    }
    require_eligible(&session.root, &session.config, &parties, regime, signed_on, Some(&a.id), false)?;
    if regime != a.regime {
        open.doc["regime"] = value(regime.as_str());
        open.agreement.regime = regime;
    }
    let signers: toml_edit::Array = required.iter().map(|p| p.as_str()).collect();
    open.doc["parties"] = value(signers);
    open.doc["status"] = value(Active.as_str());
    open.set_date("signed_on", signed_on);
    open.refresh_ends_on(session, &parties);
    open.stamp(session, &parties)?;
    let now = open.current()?;
    let replaced = close_renewed(session, &now, signed_on)?;
    let change = open.finish_with(session, "agreement", "activate", reason, replaced)?;
    Ok((change, signed_on))
}

/// The agreement a newly active re-conclusion replaces, closed as `reconcluded` on the day
/// the new one takes effect: its file and new text, validated, for the same commit. `None`
/// when `new` renews nothing or the old one is closed already.
fn close_renewed(session: &Session, new: &Agreement, signed_on: Date) -> Result<Option<(String, String)>> {
    let Some(old_id) = new.renews.as_deref() else { return Ok(None) };
    let mut old = open(session, old_id)?;
    if !old.agreement.status.is_open() {
        return Ok(None);
    }
    let since =
        old.agreement.signed_on.map_or(("proposed_on", old.agreement.proposed_on), |s| ("signed_on", s));
    check_date(signed_on, session.today, Some(since))?;
    old.doc["status"] = value(AgreementStatus::Closed.as_str());
    let note = format!("{} → {}", old.agreement.id, new.id);
    let mut table = table_of(&[
        ("date", Some(toml_date(signed_on).into())),
        ("reason", Some(ClosureReason::Reconcluded.as_str().into())),
        ("note", Some(note.into())),
    ]);
    table.set_implicit(false);
    old.doc.insert("closure", Item::Table(table));
    let text = old.doc.to_string();
    validate(session, Kind::Agreement, &old.agreement.id, &old.rel, &text)?;
    Ok(Some((old.rel, text)))
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

pub fn suspend(session: &Session, id: &str, date: Date, reason: &str) -> Result<Change> {
    let _lock = session.lock()?;
    let mut open = open(session, id)?;
    let a = &open.agreement;
    require_status(a, &[Active], "agreement suspend")?;
    check_date(date, session.today, Some(running_since(a)))?;
    open.doc["status"] = value(Suspended.as_str());
    let entry = table_of(&[("date", Some(toml_date(date).into())), ("reason", Some(reason.trim().into()))]);
    open.push("suspensions", entry);
    open.finish(session, "agreement", "suspend", Some(reason))
}

pub fn resume(session: &Session, id: &str, date: Date, reason: Option<&str>) -> Result<Change> {
    let _lock = session.lock()?;
    let mut open = open(session, id)?;
    let a = &open.agreement;
    require_status(a, &[Suspended], "agreement resume")?;
    let since = a.suspensions.last().map_or(running_since(a), |s| ("suspensions.date", s.date));
    check_date(date, session.today, Some(since))?;
    let parties = Parties::of(&session.root, a)?;
    require_eligible(&session.root, &session.config, &parties, a.regime, date, Some(&a.id), false)?;
    open.doc["status"] = value(Active.as_str());
    let resumed = open.doc.get_mut("suspensions").and_then(Item::as_array_of_tables_mut).and_then(|s| {
        let last = s.len().checked_sub(1)?;
        s.get_mut(last)
    });
    if let Some(last) = resumed {
        last.insert("resumed_on", value(toml_date(date)));
    }
    open.finish(session, "agreement", "resume", reason)
}

/// Re-concludes agreement `id` as a new act: a new *proposed* agreement for the same child and
/// mentor with `institution` (the child moved), or the same institution for a further term
/// (studies continue), referring to the old one (`renews`), with no signatures. The old one
/// is not touched: it runs until the new one becomes active, and closes then as
/// `reconcluded`. Returns the change (the new agreement's ID).
pub fn renew(
    session: &Session,
    id: &str,
    institution: Option<&str>,
    date: Date,
    reason: Option<&str>,
) -> Result<Change> {
    let institution = institution.map(checked_id).transpose()?;
    let _lock = session.lock()?;
    let old = open(session, id)?;
    let a = &old.agreement;
    require_status(a, &[Active, Suspended], "agreement renew")?;
    if let Some(same) = institution.filter(|i| Some(*i) == a.institution.as_deref()) {
        return Err(Failure::SameInstitution { id: a.id.clone(), institution: same.to_string() }.into());
    }
    if let Some(pending) = pending_renewal(session, &a.id) {
        return Err(Failure::RenewalPending { id: a.id.clone(), renewal: pending }.into());
    }
    check_date(date, session.today, Some(running_since(a)))?;
    let regime = session.config.rules.regime_on(date);
    // The old agreement's institution carries over; one without any (a family child under a
    // regime that lets it go) takes the child's where the new act needs one.
    let child = registry::read_record::<crate::record::Child>(&session.root, Kind::Child, &a.child)?.0;
    let institution = match institution.map(str::to_string).or_else(|| a.institution.clone()) {
        Some(id) => Some(id),
        None if super::institution_required(&child, &session.config, regime, date) => {
            match child.institution.clone() {
                Some(id) => Some(id),
                None => return Err(Failure::NoInstitution { child: child.id.clone() }.into()),
            }
        }
        None => None,
    };
    if let Some(institution) = &institution {
        registry::read_record::<Institution>(&session.root, Kind::Institution, institution)?;
    }
    let parties = Parties::load(&session.root, &a.child, &a.mentor, institution.as_deref())?;
    // Not a new match: the child and mentor are in this very agreement.
    require_eligible(&session.root, &session.config, &parties, regime, date, Some(&a.id), false)?;
    let mut proposed =
        super::proposed_text(&session.root, &session.config, &parties, regime, date, None, Some(&a.id));
    // The agreed monthly hours carry over; the parties may change them before signing.
    if let Some(hours) = a.hours_per_month {
        let mut doc: DocumentMut = proposed.text.parse().expect("a document just written");
        doc["hours_per_month"] = value(hours.hours());
        proposed.text = doc.to_string();
    }
    let warnings = validate(session, Kind::Agreement, &proposed.id, &proposed.rel, &proposed.text)?;
    session.write_record(proposed.rel, proposed.text, warnings, ("agreement", "renew"), &proposed.id, reason)
}

/// An open agreement that re-concludes `id`, if one was already proposed.
fn pending_renewal(session: &Session, id: &str) -> Option<String> {
    let (files, _) = registry::list_files(&session.root, Kind::Agreement);
    let quoted = format!("\"{id}\"");
    files
        .iter()
        .filter_map(|(stem, path)| Some((stem, std::fs::read_to_string(path).ok()?)))
        .filter(|(_, text)| text.contains(&quoted))
        .filter_map(|(stem, text)| Some((stem, toml::from_str::<toml::Table>(&text).ok()?)))
        .find(|(_, t)| {
            t.get("renews").and_then(|v| v.as_str()) == Some(id)
                && t.get("status")
                    .and_then(|v| v.as_str())
                    .and_then(AgreementStatus::parse)
                    .is_some_and(AgreementStatus::is_open)
        })
        .map(|(stem, _)| stem.clone())
}

/// How an agreement ends.
pub struct Closure<'a> {
    pub date: Date,
    pub reason: ClosureReason,
    pub exit_interview: bool,
    pub note: Option<&'a str>,
}

pub fn close(session: &Session, id: &str, closure: &Closure) -> Result<Change> {
    let _lock = session.lock()?;
    let mut open = open(session, id)?;
    let a = &open.agreement;
    require_status(a, &[Proposed, Active, Suspended], "agreement close")?;
    let since = a.signed_on.map_or(("proposed_on", a.proposed_on), |s| ("signed_on", s));
    check_date(closure.date, session.today, Some(since))?;
    open.doc["status"] = value(AgreementStatus::Closed.as_str());
    let code = closure.reason;
    let mut table = table_of(&[
        ("date", Some(toml_date(closure.date).into())),
        ("reason", Some(code.as_str().into())),
        ("exit_interview", Some(closure.exit_interview.into())),
        ("note", closure.note.map(str::trim).filter(|n| !n.is_empty()).map(Into::into)),
    ]);
    table.set_implicit(false);
    open.doc.insert("closure", Item::Table(table));
    open.finish(session, "agreement", "close", Some(code.as_str()))
}

/// Closes the case of child `id` (знято з обліку): the service ended for them. Refused while
/// an agreement of theirs is open (naming it) and when the case is closed already.
pub fn close_child(session: &Session, id: &str, closure: &Closure) -> Result<Change> {
    let id = checked_id(id)?;
    if !closure.reason.closes_a_case() {
        return Err(Failure::NotACaseClosure { reason: closure.reason.as_str() }.into());
    }
    let _lock = session.lock()?;
    let (child, _) = registry::read_record::<crate::record::Child>(&session.root, Kind::Child, id)?;
    if let Some(closed) = &child.closed {
        return Err(
            Failure::ChildAlreadyClosed { child: id.to_string(), date: closed.date.to_string() }.into()
        );
    }
    let open_ids = super::open_agreement_ids(&session.root, "child", id, None);
    if !open_ids.is_empty() {
        return Err(Failure::ChildHasOpenAgreements {
            child: id.to_string(),
            agreements: open_ids.join(", "),
        }
        .into());
    }
    check_date(closure.date, session.today, Some(("registered_on", child.registered_on)))?;
    let (_, mut doc) = read_document(&session.root, Kind::Child, id)?;
    let mut table = table_of(&[
        ("date", Some(toml_date(closure.date).into())),
        ("reason", Some(closure.reason.as_str().into())),
        ("note", closure.note.map(str::trim).filter(|n| !n.is_empty()).map(Into::into)),
    ]);
    table.set_implicit(false);
    doc.insert("closed", Item::Table(table));
    let rel = format!("{}/{id}.toml", Kind::Child.dir());
    let text = doc.to_string();
    let warnings = validate(session, Kind::Child, id, &rel, &text)?;
    session.write_record(rel, text, warnings, ("child", "close"), id, Some(closure.reason.as_str()))
}

/// Whether the records behind a signed agreement are still what was signed.
pub struct Verification {
    pub signed_hash: String,
    pub current_hash: String,
    /// The fields that changed since signing (empty when unknown or unchanged).
    pub changed: Vec<provenance::Changed>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.signed_hash == self.current_hash
    }
}

pub fn verify(session: &Session, id: &str) -> Result<Verification> {
    let id = checked_id(id)?;
    let (agreement, _) = registry::read_record::<Agreement>(&session.root, Kind::Agreement, id)?;
    let Some(signed_hash) = agreement.signed_hash.clone() else {
        return Err(Failure::NotSignedYet { id: id.to_string() }.into());
    };
    let parties = Parties::of(&session.root, &agreement)?;
    let snapshot = provenance::snapshot(&agreement, &parties, &session.config);
    let current_hash = provenance::hash(&snapshot);
    let changed = if current_hash == signed_hash || agreement.signed_fields.is_empty() {
        Vec::new()
    } else {
        provenance::changed_fields(&agreement, &snapshot)
    };
    Ok(Verification { signed_hash, current_hash, changed })
}
