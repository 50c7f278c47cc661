//! `find`: a text looked for in one pass over a loaded registry — in people's names (each
//! part and the whole name), IDs, institutions' names, agreements' numbers, settlements and
//! communities — compared as people type it: case, the apostrophe's form (' ’ ʼ) and runs
//! of spaces aside. Returns which fields matched; words and privacy are the caller's.

use std::collections::HashMap;

use crate::record::{Date, Kind};
use crate::registry::Registry;

/// A field a text can be found in (its key in JSON and CSV is [`Field::as_str`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Id,
    Surname,
    GivenName,
    Patronymic,
    /// Several parts of a person's name together, in either order («Коваленко Марія»,
    /// «Марія Коваленко»).
    FullName,
    /// An institution's name.
    Name,
    /// An agreement's registration number.
    Number,
    Settlement,
    Community,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Surname => "surname",
            Field::GivenName => "given_name",
            Field::Patronymic => "patronymic",
            Field::FullName => "full_name",
            Field::Name => "name",
            Field::Number => "number",
            Field::Settlement => "settlement",
            Field::Community => "community",
        }
    }

    /// Whether the field is (part of) a person's name, which privacy keeps out of output.
    pub fn is_name(self) -> bool {
        matches!(self, Field::Surname | Field::GivenName | Field::Patronymic | Field::FullName)
    }
}

/// One record that matched, with every field the text was found in.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit<'a> {
    pub kind: Kind,
    pub id: &'a str,
    pub fields: Vec<Field>,
    /// The record's status code: a child `waiting`, `matched` (in an open agreement, as
    /// `child list --status` counts it) or `closed`; a mentor's status; an agreement's status;
    /// none for an institution.
    pub status: Option<&'static str>,
    /// A person's full name or an institution's name (agreements have none); the caller
    /// decides whether to show it.
    pub name: Option<String>,
}

/// A text to look for, folded once.
#[derive(Clone, Debug)]
pub struct Query {
    folded: String,
}

impl Query {
    /// `None` when nothing is left to look for once spaces are trimmed.
    pub fn new(text: &str) -> Option<Query> {
        let folded = fold(text);
        (!folded.is_empty()).then_some(Query { folded })
    }

    pub fn text(&self) -> &str {
        &self.folded
    }
}

/// A text as the comparison sees it: lower-case, every apostrophe form as `'`, trimmed, runs
/// of white space as one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

fn fold_into(text: &str, out: &mut String) {
    out.clear();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '\'' | '’' | 'ʼ' | '‘' | '`' | 'ʹ' | '′' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// The comparisons of one search, with a buffer reused for every field so that a pass over
/// 200,000 records allocates almost nothing.
struct Matcher<'q> {
    needle: &'q str,
    buffer: String,
    fields: Vec<Field>,
}

impl Matcher<'_> {
    fn check(&mut self, field: Field, text: &str) {
        fold_into(text, &mut self.buffer);
        if self.buffer.contains(self.needle) && !self.fields.contains(&field) {
            self.fields.push(field);
        }
    }

    fn check_opt(&mut self, field: Field, text: Option<&str>) {
        if let Some(text) = text {
            self.check(field, text);
        }
    }

    /// The parts of a name, then the whole name in both orders when no single part holds the
    /// text (a text with a space in it, «Коваленко Марія»).
    fn person(&mut self, surname: &str, given: &str, patronymic: Option<&str>) {
        self.check(Field::Surname, surname);
        self.check(Field::GivenName, given);
        self.check_opt(Field::Patronymic, patronymic);
        if self.needle.contains(' ') && !self.fields.iter().any(|f| f.is_name()) {
            let official = crate::record::full_name(surname, given, patronymic);
            self.check(Field::FullName, &official);
            if !self.fields.contains(&Field::FullName) {
                let mut given_first = format!("{given} {surname}");
                if let Some(p) = patronymic {
                    given_first = format!("{given} {p} {surname}");
                }
                self.check(Field::FullName, &given_first);
            }
        }
    }

    /// The fields found since the last call, sorted, and a fresh list for the next record.
    fn take(&mut self) -> Option<Vec<Field>> {
        if self.fields.is_empty() {
            return None;
        }
        let mut fields = std::mem::take(&mut self.fields);
        fields.sort();
        Some(fields)
    }
}

/// Every record of `kind` (or of every kind) in which `query` is found, children first, then
/// mentors, institutions and agreements, each by ID. `today` decides whether a child's case is
/// closed.
pub fn find<'a>(registry: &'a Registry, query: &Query, kind: Option<Kind>, today: Date) -> Vec<Hit<'a>> {
    let wanted = |k: Kind| kind.is_none_or(|only| only == k);
    let mut m = Matcher { needle: &query.folded, buffer: String::new(), fields: Vec::new() };
    let mut hits = Vec::new();
    if wanted(Kind::Child) {
        let open: HashMap<&str, usize> = registry.open_agreements();
        for child in &registry.children {
            m.check(Field::Id, &child.id);
            m.person(&child.surname, &child.given_name, child.patronymic.as_deref());
            m.check_opt(Field::Settlement, child.settlement.as_deref());
            m.check(Field::Community, &child.community);
            if let Some(fields) = m.take() {
                let status = if open.contains_key(child.id.as_str()) {
                    "matched"
                } else if child.closed_by(today) {
                    "closed"
                } else {
                    "waiting"
                };
                hits.push(Hit {
                    kind: Kind::Child,
                    id: &child.id,
                    fields,
                    status: Some(status),
                    name: Some(child.full_name()),
                });
            }
        }
    }
    if wanted(Kind::Mentor) {
        for mentor in &registry.mentors {
            m.check(Field::Id, &mentor.id);
            m.person(&mentor.surname, &mentor.given_name, mentor.patronymic.as_deref());
            m.check_opt(Field::Settlement, mentor.settlement.as_deref());
            m.check(Field::Community, &mentor.community);
            if let Some(fields) = m.take() {
                hits.push(Hit {
                    kind: Kind::Mentor,
                    id: &mentor.id,
                    fields,
                    status: Some(mentor.status().as_str()),
                    name: Some(mentor.full_name()),
                });
            }
        }
    }
    if wanted(Kind::Institution) {
        for institution in &registry.institutions {
            m.check(Field::Id, &institution.id);
            m.check(Field::Name, &institution.name);
            m.check(Field::Community, &institution.community);
            if let Some(fields) = m.take() {
                hits.push(Hit {
                    kind: Kind::Institution,
                    id: &institution.id,
                    fields,
                    status: None,
                    name: Some(institution.name.clone()),
                });
            }
        }
    }
    if wanted(Kind::Agreement) {
        for agreement in &registry.agreements {
            m.check(Field::Id, &agreement.id);
            m.check_opt(Field::Number, agreement.number.as_deref());
            if let Some(fields) = m.take() {
                hits.push(Hit {
                    kind: Kind::Agreement,
                    id: &agreement.id,
                    fields,
                    status: Some(agreement.status.as_str()),
                    name: None,
                });
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_apostrophes_and_spaces() {
        assert_eq!(fold("  Д’ЯЧЕНКО   Марʼяна "), "д'яченко мар'яна");
        assert_eq!(fold("C-0001"), "c-0001");
        assert!(Query::new(" \t ").is_none());
        assert_eq!(Query::new(" Іва ").unwrap().text(), "іва");
    }
}
