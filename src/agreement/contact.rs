//! The contact log of an active agreement (meetings, check-ins, visits, outings with their
//! consents): adding an entry as a use case, on typed input.

use toml_edit::{Array, Table, value};

use super::lifecycle::open;
use super::{check_date, require_status};
use crate::diagnostic::Problem;
use crate::error::Failure;
use crate::error::Result;
use crate::record::date::Date;
use crate::record::enums::{AgreementStatus, ConsentParty, ContactKind};
use crate::registry::edit::toml_date;
use crate::session::{Change, Session};

/// One contact as the coordinator reports it.
pub struct NewContact<'a> {
    pub date: Date,
    pub kind: ContactKind,
    pub hours: Option<crate::record::Minutes>,
    pub note: Option<&'a str>,
    pub by: Option<&'a str>,
    /// Who consented (to an outing); repeats are ignored.
    pub consents: Vec<ConsentParty>,
}

/// Adds a contact to agreement `id` and commits it as `contact add <id>`.
pub fn add(session: &Session, id: &str, new: &NewContact, reason: Option<&str>) -> Result<Change> {
    if let Some(hours) = new.hours.filter(|h| !crate::record::hours::contact_hours_ok(*h)) {
        return Err(Problem::HoursPerContact { hours: hours.hours().to_string() }.into());
    }
    let mut consents = new.consents.clone();
    consents.sort();
    consents.dedup();

    let _lock = session.lock()?;
    let mut open = open(session, id)?;
    let a = &open.agreement;
    if new.kind == ContactKind::Outing {
        let missing: Vec<&str> = crate::record::agreement::outing_consents_needed(a)
            .into_iter()
            .filter(|p| !consents.contains(p))
            .map(|p| p.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(Problem::OutingNeedsConsents { missing: missing.join(", ") }.into());
        }
    }
    // During a suspension the centre's visits and check-ins are exactly what must be
    // documented; the mentor's meetings and outings are what the suspension stops.
    if new.kind.is_mentoring() {
        if a.status == AgreementStatus::Suspended {
            return Err(Failure::SuspendedNoMentoring { id: a.id.clone(), kind: new.kind.as_str() }.into());
        }
        require_status(a, &[AgreementStatus::Active], "contact add")?;
    } else {
        require_status(a, &[AgreementStatus::Active, AgreementStatus::Suspended], "contact add")?;
    }
    check_date(new.date, session.today, a.signed_on.map(|s| ("signed_on", s)))?;
    // Past the planned end there is no term to mentor in: close the agreement or extend it.
    if let Some(ends_on) = a.ends_on.filter(|end| new.kind.is_mentoring() && new.date > *end) {
        return Err(Failure::ContactAfterTerm {
            id: a.id.clone(),
            kind: new.kind.as_str(),
            ends_on: ends_on.to_string(),
        }
        .into());
    }

    let mut entry = Table::new();
    entry.insert("date", value(toml_date(new.date)));
    entry.insert("kind", value(new.kind.as_str()));
    if let Some(hours) = new.hours {
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
    open.push("contacts", entry);
    open.finish(session, "contact", "add", reason)
}
