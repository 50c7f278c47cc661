//! The checks across records: IDs and file names, the same person twice, several open
//! agreements, who refers to a record, eligibility of the parties of open agreements, the
//! agreement's life (institution, term, suspension) and the monitoring assertion.

use super::*;
use rayon::prelude::*;

/// `id` must equal the file stem, and a stem may be used by one kind only. The file lists
/// and the records are both sorted, so these are merge walks rather than hashes of 200,000
/// names.
pub(super) fn check_ids_and_stems(registry: &Registry) -> Vec<Diagnostic> {
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
pub(super) fn common<'a>(a: &'a [String], b: &'a [String]) -> Vec<&'a str> {
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
pub(super) fn missing_from<'a>(
    sorted: &'a [String],
    others: &'a [&str],
) -> impl Iterator<Item = &'a str> + 'a {
    let mut j = 0;
    sorted.iter().map(String::as_str).filter(move |name| {
        while j < others.len() && others[j] < *name {
            j += 1;
        }
        !(j < others.len() && others[j] == *name)
    })
}

/// The `id` of a record's text, if it parses; used only for files whose id is not their stem.
pub(super) fn top_level_id(text: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(text).ok()?;
    table.get("id")?.as_str().map(str::to_string)
}

/// The same person entered twice: same surname, given name and birth date (ignoring case and
/// surrounding spaces). People are grouped by a hash of those three, computed without
/// allocating; only equal hashes are compared in full.
pub(super) fn check_duplicates(registry: &Registry) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut find = |kind: Kind, people: Vec<(&str, &str, &str, Date)>| {
        // Folding and hashing 100,000 names is the work here: on every core.
        let mut order: Vec<(u64, usize)> =
            people.par_iter().enumerate().map(|(i, (_, s, g, b))| (person_hash(s, g, *b), i)).collect();
        order.par_sort_unstable();
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
            .par_iter()
            .map(|c| (c.id.as_str(), c.surname.as_str(), c.given_name.as_str(), c.birth_date))
            .collect(),
    );
    find(
        Kind::Mentor,
        registry
            .mentors
            .par_iter()
            .map(|m| (m.id.as_str(), m.surname.as_str(), m.given_name.as_str(), m.birth_date))
            .collect(),
    );
    out
}

/// A name as the eye reads it: case-folded, without invisible characters, Latin look-alikes
/// read as the Cyrillic letters they imitate (see `record::validate::fold_name`).
pub(super) fn folded(text: &str) -> impl Iterator<Item = char> + '_ {
    crate::record::validate::fold_name(text)
}

pub(super) fn same_text(a: &str, b: &str) -> bool {
    folded(a).eq(folded(b))
}

/// FNV-1a over the case-folded names and the date.
pub(super) fn person_hash(surname: &str, given: &str, birth: Date) -> u64 {
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

/// A child in two open agreements at once, or a mentor over capacity. The open agreements
/// are grouped by sorting (stable: a child's agreements keep the registry's order) rather
/// than hashed into a map of lists, one allocation per child.
pub(super) fn check_open_agreements(registry: &Registry) -> Vec<Diagnostic> {
    let open_ids: std::collections::HashSet<&str> =
        registry.agreements.iter().filter(|a| a.status.is_open()).map(|a| a.id.as_str()).collect();
    // A proposed re-conclusion (#12) of an agreement still open is the same match.
    let pending_renewal = |a: &crate::record::Agreement| {
        a.status == crate::record::enums::AgreementStatus::Proposed
            && a.renews.as_deref().is_some_and(|id| open_ids.contains(id))
    };
    let counted: Vec<&crate::record::Agreement> =
        registry.agreements.iter().filter(|a| a.status.is_open() && !pending_renewal(a)).collect();
    let mut by_child: Vec<(&str, &str)> = counted.iter().map(|a| (a.child.as_str(), a.id.as_str())).collect();
    by_child.sort_by_key(|(child, _)| *child);
    let mut by_mentor: Vec<&str> = counted.iter().map(|a| a.mentor.as_str()).collect();
    by_mentor.sort_unstable();
    let mut out = Vec::new();
    for group in by_child.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        let others = group.iter().map(|(_, id)| *id).collect::<Vec<_>>().join(", ");
        for (child, id) in &group[1..] {
            out.push(Diagnostic::error(
                format!("agreements/{id}.toml"),
                "agreement.child_taken",
                Problem::SeveralOpenAgreements { child: child.to_string(), others: others.clone() },
            ));
        }
    }
    for group in by_mentor.chunk_by(|a, b| a == b) {
        let (mentor_id, open) = (group[0], group.len());
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
pub(super) fn lifecycle_warnings(
    registry: &Registry,
    agreement: &crate::record::Agreement,
    today: Date,
) -> Vec<Finding> {
    use crate::record::enums::AgreementStatus;
    let mut found = Vec::new();
    if agreement.status == AgreementStatus::Proposed {
        return found;
    }
    // An agreement without an institution has none to differ from (a family child's, docs/rules.md).
    if let Some(child) = registry.child(&agreement.child)
        && let Some(own) = &agreement.institution
        && let Some(institution) = child.institution.as_ref().filter(|i| *i != own)
    {
        found.push(Finding::warning(
            "agreement.institution_differs",
            "institution",
            Problem::InstitutionDiffers {
                child_institution: institution.clone(),
                child: child.id.clone(),
                institution: own.clone(),
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

/// An agreement with no `institution` where one is required: the child is not in a family
/// placement, or the institution is among the parties who sign (docs/rules.md, #12). An
/// agreement whose child is unknown is reported by its reference instead.
fn institution_missing(registry: &Registry, agreement: &crate::record::Agreement) -> Option<Finding> {
    use crate::record::enums::Party;
    if agreement.institution.is_some() {
        return None;
    }
    let child = registry.child(&agreement.child)?;
    let signs =
        crate::record::agreement::required_parties(agreement, &registry.config).contains(&Party::Institution);
    let in_family = child.placement.is_family();
    // Named by the first reason: outside a family the institution is required whoever signs.
    (!in_family || signs).then(|| {
        Finding::error(
            "agreement.institution_missing",
            "institution",
            Problem::InstitutionMissing { child: child.id.clone(), signs: in_family },
        )
    })
}

/// Domain assertions through the eligibility engine: an open agreement whose child or mentor
/// no longer meets the rules of the agreement's regime, and mentors' certificates that expire
/// within `document_expiring_days`.
pub fn check_eligibility(registry: &Registry, today: Date, places: Option<&Places>) -> Vec<Diagnostic> {
    use crate::rules::{self, RuleStatus};
    let rules_config = &registry.config.rules;
    let open = registry.open_agreements();
    // Each agreement's and each mentor's findings on every core, placed as they are found;
    // `collect` keeps the order of the serial loops this replaced (missing institutions, the
    // parties of open agreements, mentors' documents), which equal sort keys keep in the output.
    let place =
        |kind: Kind, id: &str, found: Vec<Finding>| place_loaded(&registry.root, kind, id, found, places);
    let mut out: Vec<Diagnostic> = registry
        .agreements
        .par_iter()
        .filter_map(|agreement| {
            let missing = institution_missing(registry, agreement)?;
            Some(place(Kind::Agreement, &agreement.id, vec![missing]))
        })
        .flatten_iter()
        .collect();
    out.par_extend(
        registry
            .agreements
            .par_iter()
            .filter(|a| a.status.is_open())
            .filter_map(|agreement| {
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
                (!found.is_empty()).then(|| place(Kind::Agreement, &agreement.id, found))
            })
            .flatten_iter(),
    );
    let horizon = crate::record::date::plus_days(today, registry.config.monitoring.document_expiring_days);
    let months = rules_config.params(rules_config.regime_on(today)).certificate_valid_months;
    out.par_extend(
        registry
            .mentors
            .par_iter()
            .filter(|m| m.status() != crate::record::enums::MentorStatus::Withdrawn)
            .filter_map(|mentor| {
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
                (!found.is_empty()).then(|| place(Kind::Mentor, &mentor.id, found))
            })
            .flatten_iter(),
    );
    out
}

/// The monitoring assertion of `check`: an active agreement whose centre check-in is overdue
/// by the cadence of `[monitoring]` (the same computation as `due`).
pub fn check_monitoring(registry: &Registry, today: Date) -> Vec<Diagnostic> {
    let monitoring = &registry.config.monitoring;
    registry
        .agreements
        .par_iter()
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
