//! Validation of a registry: schema problems found while reading, then the checks on each
//! record (IDs, dates that make no sense, references) and across records (duplicates, open
//! agreements). The same per-record checks guard every edit before it is written.

mod particulars;

use std::collections::HashMap;
use std::path::Path;

pub use crate::diagnostic::{Diagnostic, Severity};

use crate::diagnostic::Problem;
use crate::record::config::Config;
use crate::record::date::Date;
use crate::record::{Agreement, Child, Institution, Kind, Mentor, is_valid_id};
use crate::registry::{Registry, record_path};

/// Answers "does this record exist?" — from the loaded registry, or from the file system
/// when a single edit must not read the whole registry.
pub trait Lookup {
    fn exists(&self, kind: Kind, id: &str) -> bool;
}

/// Looks records up by their files.
pub struct FileLookup<'a>(pub &'a Path);

impl Lookup for FileLookup<'_> {
    fn exists(&self, kind: Kind, id: &str) -> bool {
        is_valid_id(id) && record_path(self.0, kind, id).is_file()
    }
}

/// Looks records up in a loaded registry by the files found (sorted by stem). A file that
/// exists but could not be parsed still counts as existing: its own problem is reported once,
/// not again as every reference to it.
pub struct RegistryLookup<'a> {
    stems: &'a [Vec<String>; 4],
}

impl<'a> RegistryLookup<'a> {
    pub fn new(registry: &'a Registry) -> Self {
        RegistryLookup { stems: &registry.stems }
    }
}

impl Lookup for RegistryLookup<'_> {
    fn exists(&self, kind: Kind, id: &str) -> bool {
        self.stems[kind as usize].binary_search_by(|stem| stem.as_str().cmp(id)).is_ok()
    }
}

/// A problem found on a parsed record, with the key it is about; its line and column are
/// found in the file's text afterwards (only for the files that have problems).
#[derive(Debug)]
pub struct Finding {
    pub severity: Severity,
    pub code: &'static str,
    pub problem: Problem,
    /// The table holding the key (`""` top level, `"consent"`, `"contacts"`).
    pub table: &'static str,
    /// Which element of an array of tables (`[[contacts]]`).
    pub index: usize,
    pub key: &'static str,
}

impl Finding {
    fn error(code: &'static str, key: &'static str, problem: Problem) -> Self {
        Finding { severity: Severity::Error, code, problem, table: "", index: 0, key }
    }

    fn warning(code: &'static str, key: &'static str, problem: Problem) -> Self {
        Finding { severity: Severity::Warning, ..Finding::error(code, key, problem) }
    }

    fn in_table(mut self, table: &'static str, index: usize) -> Self {
        self.table = table;
        self.index = index;
        self
    }
}

/// Turns a record's findings into diagnostics, reading the file once to place them.
pub fn place(root: &Path, rel: &str, findings: Vec<Finding>, text: Option<&str>) -> Vec<Diagnostic> {
    if findings.is_empty() {
        return Vec::new();
    }
    let owned;
    let text = match text {
        Some(text) => text,
        None => {
            owned = std::fs::read_to_string(root.join(rel)).unwrap_or_default();
            &owned
        }
    };
    let locator = crate::diagnostic::Locator::new(text);
    findings
        .into_iter()
        .map(|f| {
            let position = locator.key(f.table, f.index, f.key);
            Diagnostic {
                file: rel.to_string(),
                line: None,
                column: None,
                code: f.code,
                severity: f.severity,
                problem: f.problem,
            }
            .at(position)
        })
        .collect()
}

/// Everything `check` reports on a loaded registry, sorted, errors and warnings together.
pub fn check_registry(registry: &Registry, today: Date) -> Vec<Diagnostic> {
    let root = registry.root.as_path();
    let lookup = RegistryLookup::new(registry);
    let mut out = registry.problems.clone();
    out.extend(check_config(root, &registry.config));

    let mut record_findings: Vec<(String, Vec<Finding>)> = Vec::new();
    let mut push = |kind: Kind, id: &str, findings: Vec<Finding>| {
        if !findings.is_empty() {
            record_findings.push((format!("{}/{id}.toml", kind.dir()), findings));
        }
    };
    for child in &registry.children {
        push(Kind::Child, &child.id, check_child(child, today, &lookup));
    }
    for mentor in &registry.mentors {
        push(Kind::Mentor, &mentor.id, check_mentor(mentor, today, &lookup));
    }
    for institution in &registry.institutions {
        push(Kind::Institution, &institution.id, check_institution(institution));
    }
    for agreement in &registry.agreements {
        push(Kind::Agreement, &agreement.id, check_agreement(agreement, &registry.config, today, &lookup));
    }
    for (rel, findings) in record_findings {
        out.extend(place(root, &rel, findings, None));
    }
    out.extend(check_ids_and_stems(registry));
    out.extend(check_duplicates(registry));
    out.extend(check_open_agreements(registry));
    out.extend(check_eligibility(registry, today));
    out.extend(check_monitoring(registry, today));
    // One warning for the whole registry, its paths relative to it so the text is the same
    // wherever the registry lies.
    let exposed: Vec<String> =
        crate::git::safety::readable_by_others(root).iter().map(|path| relative_path(root, path)).collect();
    if !exposed.is_empty() {
        out.push(Diagnostic::warning(
            crate::registry::CONFIG_FILE,
            "file.permissions",
            Problem::FilePermissions { path: exposed.join(" ") },
        ));
    }
    out.extend(registry.agreements.iter().flat_map(|a| particulars::missing_particulars(registry, a)).map(
        |m| {
            Diagnostic::warning(
                m.file,
                "agreement.particulars_missing",
                Problem::ParticularsMissing { agreement: m.agreement, field: m.field },
            )
        },
    ));
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

/// `id` must equal the file stem, and a stem may be used by one kind only. The file lists
/// and the records are both sorted, so these are merge walks rather than hashes of 200,000
/// names.
fn check_ids_and_stems(registry: &Registry) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for kind in Kind::ALL {
        let ids: Vec<&str> = match kind {
            Kind::Child => registry.children.iter().map(|r| r.id.as_str()).collect(),
            Kind::Mentor => registry.mentors.iter().map(|r| r.id.as_str()).collect(),
            Kind::Institution => registry.institutions.iter().map(|r| r.id.as_str()).collect(),
            Kind::Agreement => registry.agreements.iter().map(|r| r.id.as_str()).collect(),
        };
        for stem in missing_from(&registry.stems[kind as usize], &ids) {
            // Either unparsable (already reported) or its `id` differs from the stem.
            let rel = format!("{}/{stem}.toml", kind.dir());
            let Ok(text) = std::fs::read_to_string(registry.root.join(&rel)) else { continue };
            if let Some(id) = top_level_id(&text).filter(|id| id != stem) {
                let position = crate::diagnostic::locate_key(&text, "", 0, "id");
                let (code, msg) = if is_valid_id(&id) {
                    ("id.mismatch", Problem::IdMismatch { id, stem: stem.to_string() })
                } else {
                    ("id.invalid", Problem::InvalidId { id })
                };
                out.push(Diagnostic::error(rel, code, msg).at(position));
            }
        }
    }
    // The same stem in two folders: IDs are unique across the registry.
    for (i, first) in Kind::ALL.iter().enumerate() {
        for second in &Kind::ALL[i + 1..] {
            for stem in common(&registry.stems[*first as usize], &registry.stems[*second as usize]) {
                out.push(Diagnostic::error(
                    format!("{}/{stem}.toml", second.dir()),
                    "id.duplicate",
                    Problem::DuplicateId { other: format!("{}/{stem}.toml", first.dir()) },
                ));
            }
        }
    }
    out
}

/// The names in both sorted lists.
fn common<'a>(a: &'a [String], b: &'a [String]) -> Vec<&'a str> {
    let (mut i, mut j, mut both) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both.push(a[i].as_str());
                i += 1;
                j += 1;
            }
        }
    }
    both
}

/// The names of `sorted` that `others` (also sorted, possibly with duplicates) lacks.
fn missing_from<'a>(sorted: &'a [String], others: &'a [&str]) -> impl Iterator<Item = &'a str> + 'a {
    let mut j = 0;
    sorted.iter().map(String::as_str).filter(move |name| {
        while j < others.len() && others[j] < *name {
            j += 1;
        }
        !(j < others.len() && others[j] == *name)
    })
}

/// The `id` of a record's text, if it parses; used only for files whose id is not their stem.
fn top_level_id(text: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(text).ok()?;
    table.get("id")?.as_str().map(str::to_string)
}

pub fn check_config(root: &Path, config: &Config) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    if let Some(edrpou) = &config.centre.edrpou
        && !is_edrpou(edrpou)
    {
        findings.push(
            Finding::error("value.edrpou", "edrpou", Problem::BadEdrpou { value: edrpou.clone() })
                .in_table("centre", 0),
        );
    }
    place(root, crate::registry::CONFIG_FILE, findings, None)
}

fn is_edrpou(value: &str) -> bool {
    value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit())
}

fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

fn date_order(
    later: &'static str,
    later_date: Date,
    earlier: &'static str,
    earlier_date: Date,
) -> Option<Finding> {
    (later_date < earlier_date).then(|| {
        Finding::error(
            "date.order",
            leaf(later),
            Problem::DateOrder {
                later: later.to_string(),
                later_date: later_date.to_string(),
                earlier: earlier.to_string(),
                earlier_date: earlier_date.to_string(),
            },
        )
    })
}

/// `consent.child` → `child` (the key inside its table, for locating it).
fn leaf(path: &'static str) -> &'static str {
    path.rsplit('.').next().unwrap_or(path)
}

fn table_of(path: &'static str) -> &'static str {
    path.rsplit_once('.').map_or("", |(table, _)| table)
}

/// A date of something that has happened must not be after today: an error for a birth, a
/// warning otherwise (most likely a typo in the year).
fn not_future(path: &'static str, date: Option<Date>, today: Date, severity: Severity) -> Option<Finding> {
    let date = date?;
    (date > today).then(|| {
        let msg = Problem::DateInFuture { field: path.to_string(), date: date.to_string() };
        let finding = match severity {
            Severity::Error => Finding::error("date.future", leaf(path), msg),
            Severity::Warning => Finding::warning("date.future", leaf(path), msg),
        };
        finding.in_table(table_of(path), 0)
    })
}

fn check_languages(languages: &[String], findings: &mut Vec<Finding>) {
    for code in languages {
        if !is_language_code(code) {
            findings.push(Finding::error(
                "value.language",
                "languages",
                Problem::BadLanguageCode { code: code.clone() },
            ));
        }
    }
}

fn check_person_name(surname: &str, given_name: &str, findings: &mut Vec<Finding>) {
    for (key, value) in [("surname", surname), ("given_name", given_name)] {
        if value.trim().is_empty() {
            findings.push(Finding::error("value.empty", key, Problem::EmptyField { field: key.to_string() }));
        }
    }
}

pub fn check_child(child: &Child, today: Date, lookup: &dyn Lookup) -> Vec<Finding> {
    let mut findings = Vec::new();
    check_person_name(&child.surname, &child.given_name, &mut findings);
    let birth = child.birth_date;
    findings.extend(not_future("birth_date", Some(birth), today, Severity::Error));
    for (path, date) in [
        ("registered_on", Some(child.registered_on)),
        ("consent.child", child.consent.child),
        ("consent.legal_representative", child.consent.legal_representative),
        ("assessment.date", child.assessment.date),
    ] {
        findings.extend(not_future(path, date, today, Severity::Warning));
        if let Some(date) = date {
            findings
                .extend(date_order(path, date, "birth_date", birth).map(|f| f.in_table(table_of(path), 0)));
        }
    }
    if let Some(until) = child.studying_until {
        findings.extend(date_order("studying_until", until, "birth_date", birth));
    }
    check_languages(&child.languages, &mut findings);
    if let Some(institution) = &child.institution
        && !lookup.exists(Kind::Institution, institution)
    {
        findings.push(Finding::error(
            "ref.unknown",
            "institution",
            Problem::UnknownReference {
                field: "institution".into(),
                id: institution.clone(),
                kind: Kind::Institution,
            },
        ));
    }
    findings
}

pub fn check_mentor(mentor: &Mentor, today: Date, lookup: &dyn Lookup) -> Vec<Finding> {
    let mut findings = Vec::new();
    // A conflict of interest names a child or an institution; one that names nothing would
    // silently stop protecting the child it was meant for.
    for id in &mentor.conflicts {
        if !lookup.exists(Kind::Child, id) && !lookup.exists(Kind::Institution, id) {
            findings.push(Finding::error(
                "ref.unknown",
                "conflicts",
                Problem::UnknownReference {
                    field: "conflicts".into(),
                    id: id.clone(),
                    // For the message only: the ID scheme of `add` tells the likely kind.
                    kind: if id.starts_with("i-") { Kind::Institution } else { Kind::Child },
                },
            ));
        }
    }
    check_person_name(&mentor.surname, &mentor.given_name, &mut findings);
    let birth = mentor.birth_date;
    findings.extend(not_future("birth_date", Some(birth), today, Severity::Error));
    if !(mentor.citizenship.len() == 2 && mentor.citizenship.bytes().all(|b| b.is_ascii_uppercase())) {
        findings.push(Finding::error(
            "value.citizenship",
            "citizenship",
            Problem::BadCitizenship { value: mentor.citizenship.clone() },
        ));
    }
    check_languages(&mentor.languages, &mut findings);
    for (path, date) in [
        ("applied_on", Some(mentor.applied_on)),
        ("documents.passport_copy", mentor.documents.passport_copy),
        ("documents.medical_certificate", mentor.documents.medical_certificate),
        ("documents.criminal_record_certificate", mentor.documents.criminal_record_certificate),
        ("training.completed_on", mentor.training.completed_on),
        ("conclusion.issued_on", mentor.conclusion.issued_on),
        ("screening.checked_on", mentor.screening.checked_on),
    ] {
        findings.extend(not_future(path, date, today, Severity::Warning));
        if let Some(date) = date {
            findings
                .extend(date_order(path, date, "birth_date", birth).map(|f| f.in_table(table_of(path), 0)));
        }
    }
    // The centre issues its conclusion after the training (CMU Res. 465, p. 7).
    if let (Some(training), Some(conclusion)) = (mentor.training.completed_on, mentor.conclusion.issued_on) {
        findings.extend(
            date_order("conclusion.issued_on", conclusion, "training.completed_on", training)
                .map(|f| Finding { severity: Severity::Warning, ..f.in_table("conclusion", 0) }),
        );
    }
    findings
}

pub fn check_institution(institution: &Institution) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let Some(edrpou) = &institution.edrpou
        && !is_edrpou(edrpou)
    {
        findings.push(Finding::error("value.edrpou", "edrpou", Problem::BadEdrpou { value: edrpou.clone() }));
    }
    for (key, value) in [("name", &institution.name), ("director", &institution.director)] {
        if value.trim().is_empty() {
            findings.push(Finding::error("value.empty", key, Problem::EmptyField { field: key.to_string() }));
        }
    }
    findings
}

pub fn check_agreement(
    agreement: &Agreement,
    config: &Config,
    today: Date,
    lookup: &dyn Lookup,
) -> Vec<Finding> {
    use crate::record::enums::{AgreementStatus, Party};
    let mut findings = Vec::new();
    let reference = |findings: &mut Vec<Finding>,
                     key: &'static str,
                     kind: Kind,
                     id: &str,
                     table: &'static str,
                     index: usize| {
        if !lookup.exists(kind, id) {
            findings.push(
                Finding::error(
                    "ref.unknown",
                    key,
                    Problem::UnknownReference { field: key.into(), id: id.to_string(), kind },
                )
                .in_table(table, index),
            );
        }
    };
    reference(&mut findings, "child", Kind::Child, &agreement.child, "", 0);
    reference(&mut findings, "mentor", Kind::Mentor, &agreement.mentor, "", 0);
    reference(&mut findings, "institution", Kind::Institution, &agreement.institution, "", 0);
    if let Some(renews) = &agreement.renews {
        reference(&mut findings, "renews", Kind::Agreement, renews, "", 0);
    }
    for (index, renewal) in agreement.renewals.iter().enumerate() {
        reference(
            &mut findings,
            "from_institution",
            Kind::Institution,
            &renewal.from_institution,
            "renewals",
            index,
        );
        reference(
            &mut findings,
            "to_institution",
            Kind::Institution,
            &renewal.to_institution,
            "renewals",
            index,
        );
    }

    let proposed = agreement.proposed_on;
    findings.extend(not_future("proposed_on", Some(proposed), today, Severity::Warning));
    for party in Party::ALL {
        if let Some(date) = agreement.signatures.get(*party) {
            let path: &'static str = match party {
                Party::Centre => "signatures.centre",
                Party::Institution => "signatures.institution",
                Party::Mentor => "signatures.mentor",
                Party::LegalRepresentative => "signatures.legal_representative",
                Party::YoungPerson => "signatures.young_person",
            };
            findings
                .extend(date_order(path, date, "proposed_on", proposed).map(|f| f.in_table("signatures", 0)));
            findings.extend(not_future(path, Some(date), today, Severity::Warning));
        }
    }
    if let Some(signed) = agreement.signed_on {
        findings.extend(date_order("signed_on", signed, "proposed_on", proposed));
        findings.extend(not_future("signed_on", Some(signed), today, Severity::Warning));
        // The agreement's own `parties` where written (#12), else its regime's list.
        let required = if agreement.parties.is_empty() {
            &config.rules.params(agreement.regime).required_signatures
        } else {
            &agreement.parties
        };
        if required.iter().any(|party| agreement.signatures.get(*party).is_none()) {
            findings.push(Finding::warning(
                "agreement.signatures",
                "signed_on",
                Problem::ActiveWithoutSignatures,
            ));
        }
    }
    if matches!(agreement.status, AgreementStatus::Active | AgreementStatus::Suspended)
        && agreement.signed_on.is_none()
    {
        findings.push(Finding::error("agreement.unsigned", "status", Problem::SignedWithoutDate));
    }
    match (&agreement.closure, agreement.status) {
        (None, AgreementStatus::Closed) => {
            findings.push(Finding::error("agreement.closure", "status", Problem::ClosedWithoutClosure))
        }
        (Some(_), status) if status != AgreementStatus::Closed => {
            findings.push(Finding::error("agreement.closure", "status", Problem::ClosureWithoutClosedStatus))
        }
        _ => {}
    }
    if let Some(closure) = &agreement.closure {
        let start = agreement.signed_on.map_or(("proposed_on", proposed), |s| ("signed_on", s));
        findings.extend(
            date_order("closure.date", closure.date, start.0, start.1).map(|f| f.in_table("closure", 0)),
        );
        findings.extend(not_future("closure.date", Some(closure.date), today, Severity::Warning));
    }
    // The regime of the day of conclusion (the last signature), else of the proposal (#12).
    let expected = config.rules.regime_on(agreement.signed_on.unwrap_or(proposed));
    if expected != agreement.regime {
        findings.push(Finding::warning(
            "agreement.regime",
            "regime",
            Problem::RegimeMismatch { regime: agreement.regime.to_string(), expected: expected.to_string() },
        ));
    }
    for (index, contact) in agreement.contacts.iter().enumerate() {
        match agreement.signed_on {
            Some(signed) if contact.date < signed => findings.push(
                Finding::error(
                    "contact.before_signing",
                    "date",
                    Problem::ContactBeforeSigning {
                        date: contact.date.to_string(),
                        signed_on: signed.to_string(),
                    },
                )
                .in_table("contacts", index),
            ),
            None => findings.push(
                Finding::error(
                    "contact.unsigned",
                    "date",
                    Problem::ContactOutsideAgreement { date: contact.date.to_string() },
                )
                .in_table("contacts", index),
            ),
            _ => {}
        }
        if contact.date > today {
            findings.push(
                Finding::error(
                    "date.future",
                    "date",
                    Problem::DateInFuture { field: "contacts.date".into(), date: contact.date.to_string() },
                )
                .in_table("contacts", index),
            );
        }
        if contact.kind == crate::record::enums::ContactKind::Outing {
            use crate::record::enums::ConsentParty;
            let missing: Vec<&str> = ConsentParty::ALL
                .iter()
                .filter(|p| !contact.consents.contains(p))
                .map(|p| p.as_str())
                .collect();
            if !missing.is_empty() {
                findings.push(
                    Finding::warning(
                        "contact.outing_consents",
                        "kind",
                        Problem::OutingNeedsConsents { missing: missing.join(", ") },
                    )
                    .in_table("contacts", index),
                );
            }
        }
        // Hours are never negative or NaN once read (see record::hours); one contact is a day at most.
        if let Some(hours) = contact.hours.filter(|h| !crate::record::hours::contact_hours_ok(*h)) {
            findings.push(
                Finding::error("value.range", "hours", Problem::HoursPerContact { hours: hours.to_string() })
                    .in_table("contacts", index),
            );
        }
    }
    findings
}

/// The same person entered twice: same surname, given name and birth date (ignoring case and
/// surrounding spaces). People are grouped by a hash of those three, computed without
/// allocating; only equal hashes are compared in full.
fn check_duplicates(registry: &Registry) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut find = |kind: Kind, people: Vec<(&str, &str, &str, Date)>| {
        let mut order: Vec<(u64, usize)> =
            people.iter().enumerate().map(|(i, (_, s, g, b))| (person_hash(s, g, *b), i)).collect();
        order.sort_unstable();
        for group in order.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
            for (n, (_, later)) in group.iter().enumerate().skip(1) {
                let (id, surname, given, birth) = people[*later];
                let same = group[..n]
                    .iter()
                    .map(|(_, i)| people[*i])
                    .find(|(_, s, g, b)| *b == birth && same_text(s, surname) && same_text(g, given));
                if let Some((other, ..)) = same {
                    let rel = format!("{}/{id}.toml", kind.dir());
                    let text = std::fs::read_to_string(registry.root.join(&rel)).ok();
                    let position = text.and_then(|t| crate::diagnostic::locate_key(&t, "", 0, "surname"));
                    let other = format!("{}/{other}.toml", kind.dir());
                    out.push(
                        Diagnostic::error(rel, "person.duplicate", Problem::DuplicatePerson { other })
                            .at(position),
                    );
                }
            }
        }
    };
    find(
        Kind::Child,
        registry
            .children
            .iter()
            .map(|c| (c.id.as_str(), c.surname.as_str(), c.given_name.as_str(), c.birth_date))
            .collect(),
    );
    find(
        Kind::Mentor,
        registry
            .mentors
            .iter()
            .map(|m| (m.id.as_str(), m.surname.as_str(), m.given_name.as_str(), m.birth_date))
            .collect(),
    );
    out
}

/// A name as the eye reads it: case-folded, without invisible characters, Latin look-alikes
/// read as the Cyrillic letters they imitate (see `record::validate::fold_name`).
fn folded(text: &str) -> impl Iterator<Item = char> + '_ {
    crate::record::validate::fold_name(text)
}

fn same_text(a: &str, b: &str) -> bool {
    folded(a).eq(folded(b))
}

/// FNV-1a over the case-folded names and the date.
fn person_hash(surname: &str, given: &str, birth: Date) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |value: u64| {
        hash ^= value;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    };
    folded(surname).for_each(|c| eat(c as u64));
    eat(u64::MAX);
    folded(given).for_each(|c| eat(c as u64));
    eat(u64::MAX);
    eat(chrono::Datelike::num_days_from_ce(&birth) as u64);
    hash
}

/// A child in two open agreements at once, or a mentor over capacity.
fn check_open_agreements(registry: &Registry) -> Vec<Diagnostic> {
    let mut by_child: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut by_mentor: HashMap<&str, usize> = HashMap::new();
    let open = |id: &str| registry.agreements.iter().any(|a| a.id == id && a.status.is_open());
    // A proposed re-conclusion (#12) of an agreement still open is the same match.
    let pending_renewal = |a: &crate::record::Agreement| {
        a.status == crate::record::enums::AgreementStatus::Proposed && a.renews.as_deref().is_some_and(open)
    };
    for agreement in registry.agreements.iter().filter(|a| a.status.is_open() && !pending_renewal(a)) {
        by_child.entry(&agreement.child).or_default().push(&agreement.id);
        *by_mentor.entry(&agreement.mentor).or_default() += 1;
    }
    let mut out = Vec::new();
    for (child, agreements) in by_child {
        if agreements.len() > 1 {
            for id in &agreements[1..] {
                out.push(Diagnostic::error(
                    format!("agreements/{id}.toml"),
                    "agreement.child_taken",
                    Problem::SeveralOpenAgreements {
                        child: child.to_string(),
                        others: agreements.join(", "),
                    },
                ));
            }
        }
    }
    for (mentor_id, open) in by_mentor {
        if let Some(mentor) = registry.mentor(mentor_id)
            && open as u32 > mentor.capacity
        {
            out.push(Diagnostic::warning(
                format!("mentors/{mentor_id}.toml"),
                "mentor.over_capacity",
                Problem::MentorOverCapacity {
                    mentor: mentor_id.to_string(),
                    open,
                    capacity: mentor.capacity,
                },
            ));
        }
    }
    out
}

/// Validates the text a command is about to write for one record, without reading the rest of
/// the registry (references are checked against the files). Returns every problem found;
/// the caller refuses the write if any is an error.
pub fn validate_record_text(
    root: &Path,
    config: &Config,
    kind: Kind,
    id: &str,
    rel: &str,
    text: &str,
    today: Date,
) -> Vec<Diagnostic> {
    use crate::registry::parse_record;
    let lookup = FileLookup(root);
    let (record_id, findings) = match kind {
        Kind::Child => match parse_record::<Child>(rel, text) {
            Ok(r) => (r.id.clone(), check_child(&r, today, &lookup)),
            Err(problems) => return problems,
        },
        Kind::Mentor => match parse_record::<Mentor>(rel, text) {
            Ok(r) => (r.id.clone(), check_mentor(&r, today, &lookup)),
            Err(problems) => return problems,
        },
        Kind::Institution => match parse_record::<Institution>(rel, text) {
            Ok(r) => (r.id.clone(), check_institution(&r)),
            Err(problems) => return problems,
        },
        Kind::Agreement => match parse_record::<Agreement>(rel, text) {
            Ok(r) => (r.id.clone(), check_agreement(&r, config, today, &lookup)),
            Err(problems) => return problems,
        },
    };
    let mut out = place(root, rel, findings, Some(text));
    if record_id != id {
        let position = crate::diagnostic::locate_key(text, "", 0, "id");
        out.push(
            Diagnostic::error(
                rel,
                "id.mismatch",
                Problem::IdMismatch { id: record_id, stem: id.to_string() },
            )
            .at(position),
        );
    }
    out
}

/// Another record of `kind` for the same person (same surname, given name, birth date),
/// found by reading only the files that mention that birth date.
pub fn find_same_person(
    root: &Path,
    kind: Kind,
    id: &str,
    surname: &str,
    given_name: &str,
    birth: Date,
) -> Option<String> {
    let needle = birth.to_string();
    let (files, _) = crate::registry::list_files(root, kind);
    let same = same_text;
    files.into_iter().filter(|(stem, _)| stem != id).find_map(|(stem, path)| {
        let text = std::fs::read_to_string(&path).ok()?;
        if !text.contains(&needle) {
            return None;
        }
        let table: toml::Table = toml::from_str(&text).ok()?;
        let field = |key: &str| table.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let born = table
            .get("birth_date")
            .and_then(|v| v.as_datetime())
            .and_then(|d| crate::record::date::from_toml(d).ok());
        (same(&field("surname"), surname) && same(&field("given_name"), given_name) && born == Some(birth))
            .then(|| format!("{}/{stem}.toml", kind.dir()))
    })
}

/// The records that refer to `id` (which `remove` must not leave dangling), found by reading
/// only the files that mention it.
pub fn referrers(root: &Path, kind: Kind, id: &str) -> Vec<String> {
    let quoted = format!("\"{id}\"");
    let mut out = Vec::new();
    let mut scan = |in_kind: Kind, refers: &dyn Fn(&toml::Table) -> bool| {
        let (files, _) = crate::registry::list_files(root, in_kind);
        for (stem, path) in files {
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            if !text.contains(&quoted) {
                continue;
            }
            if let Ok(table) = toml::from_str::<toml::Table>(&text)
                && refers(&table)
            {
                out.push(format!("{}/{stem}.toml", in_kind.dir()));
            }
        }
    };
    let is = |table: &toml::Table, key: &str| table.get(key).and_then(|v| v.as_str()) == Some(id);
    match kind {
        Kind::Child => scan(Kind::Agreement, &|t| is(t, "child")),
        Kind::Mentor => scan(Kind::Agreement, &|t| is(t, "mentor")),
        Kind::Institution => {
            scan(Kind::Child, &|t| is(t, "institution"));
            scan(Kind::Agreement, &|t| {
                is(t, "institution")
                    || t.get("renewals").and_then(|r| r.as_array()).is_some_and(|renewals| {
                        renewals
                            .iter()
                            .filter_map(|r| r.as_table())
                            .any(|r| is(r, "from_institution") || is(r, "to_institution"))
                    })
            });
        }
        Kind::Agreement => scan(Kind::Agreement, &|t| is(t, "renews")),
    }
    out
}

/// What the agreement's life makes visible (#12): the child now with another institution
/// than the running agreement's, an agreement past its planned end, a suspension longer than
/// `suspension_decision_days` without a decision.
fn lifecycle_warnings(
    registry: &Registry,
    agreement: &crate::record::Agreement,
    today: Date,
) -> Vec<Finding> {
    use crate::record::enums::AgreementStatus;
    let mut found = Vec::new();
    if agreement.status == AgreementStatus::Proposed {
        return found;
    }
    if let Some(child) = registry.child(&agreement.child)
        && let Some(institution) = child.institution.as_ref().filter(|i| **i != agreement.institution)
    {
        found.push(Finding::warning(
            "agreement.institution_differs",
            "institution",
            Problem::InstitutionDiffers {
                child_institution: institution.clone(),
                child: child.id.clone(),
                institution: agreement.institution.clone(),
            },
        ));
    }
    if let Some(ends_on) = agreement.ends_on.filter(|end| *end < today) {
        found.push(Finding::warning(
            "agreement.past_term",
            "ends_on",
            Problem::PastTerm { ends_on: ends_on.to_string() },
        ));
    }
    let limit = i64::from(registry.config.monitoring.suspension_decision_days);
    if agreement.status == AgreementStatus::Suspended
        && let Some(since) =
            agreement.suspensions.iter().filter(|s| s.resumed_on.is_none()).map(|s| s.date).max()
        && (today - since).num_days() > limit
    {
        found.push(Finding::warning(
            "agreement.suspension_undecided",
            "status",
            Problem::SuspensionUndecided { since: since.to_string(), days: (today - since).num_days() },
        ));
    }
    found
}

/// Domain assertions through the eligibility engine: an open agreement whose child or mentor
/// no longer meets the rules of the agreement's regime, and mentors' certificates that expire
/// within `document_expiring_days`.
pub fn check_eligibility(registry: &Registry, today: Date) -> Vec<Diagnostic> {
    use crate::rules::{self, RuleStatus};
    let rules_config = &registry.config.rules;
    let open = registry.open_agreements();
    let mut findings: Vec<(String, Vec<Finding>)> = Vec::new();
    for agreement in registry.agreements.iter().filter(|a| a.status.is_open()) {
        let mut found = Vec::new();
        let regime = agreement.regime;
        let mut report = |kind: Kind, id: &str, key: &'static str, verdict: rules::Verdict| {
            for rule in verdict.rules.into_iter().filter(|r| r.status == RuleStatus::Fail) {
                found.push(Finding::warning(
                    "agreement.ineligible",
                    key,
                    Problem::PartyIneligible {
                        kind,
                        id: id.to_string(),
                        regime: regime.to_string(),
                        code: rule.code,
                        detail: Box::new(rule.finding),
                    },
                ));
            }
        };
        if let Some(child) = registry.child(&agreement.child) {
            let others = open.get(child.id.as_str()).copied().unwrap_or(1).saturating_sub(1);
            report(
                Kind::Child,
                &child.id,
                "child",
                rules::child_verdict(child, rules_config, regime, today, others, false),
            );
        }
        if let Some(mentor) = registry.mentor(&agreement.mentor) {
            let others = open.get(mentor.id.as_str()).copied().unwrap_or(1).saturating_sub(1);
            report(
                Kind::Mentor,
                &mentor.id,
                "mentor",
                rules::mentor_verdict(mentor, rules_config, regime, today, others, false),
            );
        }
        found.extend(lifecycle_warnings(registry, agreement, today));
        if !found.is_empty() {
            findings.push((format!("agreements/{}.toml", agreement.id), found));
        }
    }
    let horizon = crate::record::date::plus_days(today, registry.config.monitoring.document_expiring_days);
    let months = rules_config.params(rules_config.regime_on(today)).certificate_valid_months;
    for mentor in
        registry.mentors.iter().filter(|m| m.status() != crate::record::enums::MentorStatus::Withdrawn)
    {
        let found: Vec<Finding> = rules::document_expiries(mentor, months)
            .into_iter()
            .filter(|(_, expires)| *expires > today && *expires <= horizon)
            .map(|(which, expires)| {
                Finding::warning(
                    "mentor.document_expiring",
                    which,
                    Problem::DocumentExpiring { which, expires: expires.to_string() },
                )
                .in_table("documents", 0)
            })
            .collect();
        if !found.is_empty() {
            findings.push((format!("mentors/{}.toml", mentor.id), found));
        }
    }
    findings.into_iter().flat_map(|(rel, found)| place(&registry.root, &rel, found, None)).collect()
}

/// The monitoring assertion of `check`: an active agreement whose centre check-in is overdue
/// by the cadence of `[monitoring]` (the same computation as `due`).
pub fn check_monitoring(registry: &Registry, today: Date) -> Vec<Diagnostic> {
    let monitoring = &registry.config.monitoring;
    registry
        .agreements
        .iter()
        .filter_map(|a| crate::report::due::overdue_checkin(a, monitoring, today))
        .map(|item| {
            let rel = format!("agreements/{}.toml", item.record);
            let last = match item.detail {
                crate::report::due::Detail::CheckinOverdue { last } => last,
                _ => None,
            };
            Diagnostic::warning(
                rel,
                "agreement.checkin_overdue",
                Problem::CheckinOverdue { due: item.due_on, last },
            )
        })
        .collect()
}

/// `path` relative to the registry's `root` (`children`, `../.git`), as the user would type it.
fn relative_path(root: &Path, path: &Path) -> String {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if let Ok(inside) = path.strip_prefix(&root) {
        return inside.display().to_string();
    }
    let mut up = String::new();
    for ancestor in root.ancestors().skip(1) {
        up.push_str("../");
        if let Ok(rest) = path.strip_prefix(ancestor) {
            return format!("{up}{}", rest.display());
        }
    }
    path.display().to_string()
}
