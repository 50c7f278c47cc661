//! The agreement document: the Markdown template (registry's `templates/`, else built in)
//! rendered in strict mode from the provenance snapshot, then turned into HTML or DOCX.
//! One template per language holds the whole text; HTML and DOCX are made from its output.

use std::path::Path;

use chrono::Datelike;
use minijinja::{Environment, UndefinedBehavior, Value};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag};
use serde_json::json;

use super::provenance::{self, Snapshot};
use super::{Parties, last_signature};
use crate::error::Failure;
use crate::error::{Error, Result};
use crate::record::Agreement;
use crate::record::Language as Lang;
pub use crate::record::agreement::{document_date, is_young_person};
use crate::record::config::Config;
use crate::record::date::{self, Date};
use crate::record::enums::Party;
use crate::session::Session;

/// The page around the converted HTML body (print CSS lives there).
pub const HTML_PAGE: &str = "agreement.html";

/// The template file of the agreement text in `lang`.
pub fn text_template(lang: Lang) -> String {
    format!("agreement.{}.md", lang.code())
}

/// A rendered agreement: its Markdown text, title and provenance hash.
pub struct Rendered {
    pub markdown: String,
    pub title: String,
    pub hash: String,
    pub lang: Lang,
    /// The agreement's ID, printed with the hash in the page footer.
    pub id: String,
    /// The centre, the document's author and company in the DOCX metadata.
    pub centre: String,
    /// The date the document carries (the last signature, else the proposal): its metadata
    /// date, and the date the child's age is taken on.
    pub date: Date,
}

/// The template named `name`: the registry's copy if there is one, else the built-in default.
fn template_source(root: &Path, name: &str) -> Result<(String, String)> {
    let path = root.join("templates").join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok((format!("templates/{name}"), text)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let builtin = crate::templates::DEFAULTS.iter().find(|(file, _)| *file == name);
            match builtin {
                Some((_, text)) => Ok((format!("templates/{name}"), text.to_string())),
                None => Err(Failure::TemplateMissing { name: name.to_string() }.into()),
            }
        }
        Err(err) => Err(Error::io(&path, err)),
    }
}

/// A template error as the user can act on it: the template file, the line, what is wrong.
fn template_error(err: &minijinja::Error, fallback: &str) -> Error {
    let name = err.name().unwrap_or(fallback).to_string();
    let detail = err.detail().map_or_else(|| err.kind().to_string(), |d| format!("{}: {d}", err.kind()));
    Error::new(Failure::TemplateError { name, line: err.line(), detail })
}

fn environment(lang: Lang, escape_markdown: bool) -> Environment<'static> {
    let mut env = Environment::new();
    // A misspelt variable is an error naming the template and line, never a silent blank.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.add_filter("long_date", move |value: Value| long_date_filter(&value, lang));
    if escape_markdown {
        // Values (names, addresses) are text, never Markdown or HTML: escape what would be.
        env.set_formatter(|out, _state, value| {
            if value.is_safe() {
                return out.write_str(&value.to_string()).map_err(minijinja::Error::from);
            }
            let text = if value.is_none() { String::new() } else { value.to_string() };
            out.write_str(&escape_markdown_text(&text)).map_err(minijinja::Error::from)
        });
    }
    env
}

/// `"2026-11-06"` → "6 листопада 2026 р." / "6 November 2026"; none → a blank to fill in.
fn long_date_filter(value: &Value, lang: Lang) -> String {
    match value.as_str().and_then(date::parse_iso) {
        Some(date) => long_date(date, lang),
        None => match lang {
            Lang::Uk => "«___»\u{a0}__________\u{a0}20___\u{a0}р.".to_string(),
            Lang::En => "___\u{a0}__________\u{a0}20___".to_string(),
        },
    }
}

/// A date the way Ukrainian documents write it: day, genitive month, year, "р.".
pub fn long_date(date: Date, lang: Lang) -> String {
    const UK: [&str; 12] = [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = date.month0() as usize;
    match lang {
        // Non-breaking spaces: a date never breaks across lines («5 / вересня», «2031 / р.»).
        Lang::Uk => format!("{}\u{a0}{}\u{a0}{}\u{a0}р.", date.day(), UK[month], date.year()),
        Lang::En => format!("{}\u{a0}{}\u{a0}{}", date.day(), EN[month], date.year()),
    }
}

/// Backslash-escapes the characters that would make a value into Markdown or HTML markup.
pub fn escape_markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#') {
            out.push('\\');
        }
        // A line break inside a value would end the paragraph or start a list.
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

/// Particulars that join the snapshot only when set (see `provenance::snapshot`): the template
/// sees them as none when absent, so it prints a blank to fill in by hand.
const OPTIONAL_PARTICULARS: &[&str] = &[
    "centre.authority",
    "centre.settlement",
    "institution.authority",
    "mentor.registered_address",
    "mentor.identity_document.kind",
    "mentor.identity_document.number",
    "mentor.identity_document.issued_by",
    "mentor.identity_document.issued_on",
    "child.address",
    "child.consent.legal_representative_authority",
    "child.status_decision.authority",
    "child.status_decision.date",
    "child.status_decision.number",
];

/// A name as ДСТУ 4163:2020 writes it under a signature: «Ім’я ПРІЗВИЩЕ», held together.
pub fn signature_name(surname: &str, given_name: &str) -> String {
    let surname = surname.trim().to_uppercase();
    match given_name.trim() {
        "" => surname,
        given => format!("{given}\u{a0}{surname}"),
    }
}

/// The same from one string in the official order «Прізвище Ім’я По батькові».
pub fn signature_name_of(full: &str) -> String {
    let mut words =
        without_note(full).0.split_whitespace().map(str::to_string).collect::<Vec<_>>().into_iter();
    let surname = words.next().unwrap_or_default();
    signature_name(&surname, &words.next().unwrap_or_default())
}

/// Splits a note kept in a name field («Бойко Олена Вікторівна (мати)») from the name: the
/// note is data about the person, not part of the name the contract prints.
pub fn without_note(text: &str) -> (String, Option<String>) {
    match (text.find('('), text.rfind(')')) {
        (Some(open), Some(close)) if open < close => {
            let name = format!("{} {}", &text[..open], &text[close + 1..]);
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            (name, Some(text[open + 1..close].trim().to_string()).filter(|n| !n.is_empty()))
        }
        _ => (text.trim().to_string(), None),
    }
}

/// A count of copies in words, in the locative «у … примірниках» needs.
fn copies_in_words(count: usize, lang: Lang) -> String {
    const UK: [&str; 7] = ["одному", "двох", "трьох", "чотирьох", "п’яти", "шести", "семи"];
    const EN: [&str; 7] = ["one", "two", "three", "four", "five", "six", "seven"];
    let words = if lang == Lang::Uk { &UK } else { &EN };
    words.get(count.saturating_sub(1)).map_or_else(|| count.to_string(), |w| w.to_string())
}

/// Builds the template context from the snapshot (nested by the dots of its keys) plus what is
/// derived from it and the signatures.
fn context(
    agreement: &Agreement,
    parties: &Parties,
    snapshot: &Snapshot,
    config: &Config,
    hash: &str,
    lang: Lang,
) -> serde_json::Value {
    let mut root = serde_json::Map::new();
    let absent: Vec<(String, serde_json::Value)> = OPTIONAL_PARTICULARS
        .iter()
        .filter(|key| !snapshot.contains_key(**key))
        .map(|key| (key.to_string(), serde_json::Value::Null))
        .collect();
    for (key, value) in snapshot.iter().map(|(k, v)| (k.clone(), v.clone())).chain(absent) {
        let mut map = &mut root;
        let parts: Vec<&str> = key.split('.').collect();
        for part in &parts[..parts.len() - 1] {
            map = map
                .entry(part.to_string())
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .expect("snapshot keys nest");
        }
        map.insert(parts[parts.len() - 1].to_string(), value);
    }
    let mut root = serde_json::Value::Object(root);
    let (child, mentor) = (&parties.child, &parties.mentor);
    root["child"]["full_name"] = json!(child.full_name());
    root["mentor"]["full_name"] = json!(mentor.full_name());
    root["child"]["signature_name"] = json!(signature_name(&child.surname, &child.given_name));
    root["mentor"]["signature_name"] = json!(signature_name(&mentor.surname, &mentor.given_name));
    root["centre"]["director_signature"] = json!(signature_name_of(&config.centre.director));
    // No institution (a family child, docs/rules.md): `institution` is none, and the template
    // leaves out its party, its section and every mention of it.
    match &parties.institution {
        Some(institution) => {
            root["institution"]["director_signature"] = json!(signature_name_of(&institution.director));
        }
        None => root["institution"] = serde_json::Value::Null,
    }
    let representative = child.consent.legal_representative_name.as_deref().map(without_note);
    root["legal_representative"] = json!({
        "name": representative.as_ref().map(|(name, _)| name.clone()),
        "note": representative.as_ref().and_then(|(_, note)| note.clone()),
        "signature_name": representative.as_ref().map(|(name, _)| signature_name_of(name)),
        "authority": child.consent.legal_representative_authority,
    });

    let young_person = is_young_person(agreement, config, child.birth_date);
    root["young_person"] = json!(young_person);
    // The agreement's own parties where written (#12: `young_person` among them), else the
    // regime's.
    let required = &super::required_parties(agreement, config);
    // An adult signs for themselves: the representative's place (and signature date) is theirs,
    // and under a regime without a representative they still sign as a party.
    // Without an institution there is no block to print for it (where one is required,
    // `check` reports the missing `institution` as an error).
    let mut parties_list: Vec<serde_json::Value> = required
        .iter()
        .filter(|party| **party != Party::Institution || parties.institution.is_some())
        .map(|party| {
            let role = match party {
                Party::LegalRepresentative if young_person => "young_person",
                other => other.as_str(),
            };
            json!({"role": role, "signed_on": agreement.signatures.get(*party).map(|d| d.to_string())})
        })
        .collect();
    if young_person
        && !required.contains(&Party::LegalRepresentative)
        && !required.contains(&Party::YoungPerson)
    {
        parties_list.push(json!({"role": "young_person", "signed_on": null}));
    }
    root["copies"] = json!(parties_list.len());
    root["copies_in_words"] = json!(copies_in_words(parties_list.len(), lang));
    root["parties"] = json!(parties_list);
    root["legal_representative_party"] =
        json!(required.contains(&Party::LegalRepresentative) && !young_person);
    let all_signed = super::missing_signatures(agreement, config).is_empty();
    root["agreement"]["signed_on"] =
        json!(all_signed.then(|| last_signature(agreement, config)).flatten().map(|d| d.to_string()));
    root["agreement"]["status"] = json!(agreement.status.as_str());
    // Hours as people write them ("8", "2.5"), not as floats print ("8.0").
    if let Some(hours) = agreement.hours_per_month {
        root["agreement"]["hours_per_month"] = json!(crate::record::hours::format_number(hours.hours()));
    }
    root["blank"] = json!("____________");
    root["provenance"] = json!(hash);
    root["signed_hash"] = json!(agreement.signed_hash);
    root
}

/// Agreement `id` as a document: reads it and its parties, fills the template.
pub fn render_agreement(session: &Session, id: &str, lang: Lang) -> Result<Rendered> {
    let id = crate::session::records::checked_id(id)?;
    let (agreement, _) =
        crate::registry::read_record::<Agreement>(&session.root, crate::record::Kind::Agreement, id)?;
    let parties = Parties::of(&session.root, &agreement)?;
    render(&session.root, &session.config, &agreement, &parties, lang)
}

/// Ukrainian typography over the rendered text, values included: the typographic apostrophe,
/// and non-breaking spaces after «№» and short abbreviations («м.», «вул.») and before «р.»
/// and «год» after a number, so none of them is left alone at a line's end.
pub fn typeset(text: &str) -> String {
    const BEFORE: &[&str] =
        &["№", "No.", "м.", "с.", "смт", "вул.", "буд.", "кв.", "ст.", "п.", "М.", "ЄДРПОУ"];
    const AFTER_NUMBER: &[&str] = &["р.", "год", "грн"];
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        if c == '\'' && prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic) {
            out.push('’');
            continue;
        }
        if c == ' ' {
            let word_before = out.rsplit([' ', '\u{a0}', '\n', '(', '«', '*']).next().unwrap_or("");
            let rest: String = chars[i + 1..].iter().take(4).collect();
            let after_number = prev.is_some_and(|p| p.is_ascii_digit())
                && AFTER_NUMBER.iter().any(|w| {
                    rest.starts_with(w) && rest[w.len()..].chars().next().is_none_or(|n| !n.is_alphabetic())
                });
            // A blank to fill in («№ ____») or an escaped character counts as text too.
            let next_is_text = next.is_some_and(|n| n.is_alphanumeric() || n == '_' || n == '\\');
            if after_number || (next_is_text && BEFORE.contains(&word_before)) {
                out.push('\u{a0}');
                continue;
            }
        }
        out.push(c);
    }
    // The abbreviation's full stop ends the sentence too: «2031 р.», not «2031 р..».
    out.replace("\u{a0}р..", "\u{a0}р.")
}

/// Renders the agreement's Markdown text in `lang`.
pub fn render(
    root: &Path,
    config: &Config,
    agreement: &Agreement,
    parties: &Parties,
    lang: Lang,
) -> Result<Rendered> {
    let snapshot = provenance::snapshot(agreement, parties, config);
    let hash = provenance::hash(&snapshot);
    let ctx = context(agreement, parties, &snapshot, config, &hash, lang);
    let name = text_template(lang);
    let (display, source) = template_source(root, &name)?;
    let mut env = environment(lang, true);
    env.add_template_owned(display.clone(), source).map_err(|err| template_error(&err, &display))?;
    let template = env.get_template(&display).map_err(|err| template_error(&err, &display))?;
    let markdown = template
        .render(Value::from(minijinja::value::Serde(&ctx)))
        .map_err(|err| template_error(&err, &display))?;
    let mut markdown = typeset(&markdown);
    if !markdown.ends_with('\n') {
        markdown.push('\n');
    }
    let title = match (lang, &agreement.number) {
        (Lang::Uk, Some(number)) => format!("Договір про наставництво №\u{a0}{number}"),
        (Lang::Uk, None) => format!("Договір про наставництво {}", agreement.id),
        (Lang::En, Some(number)) => format!("Mentoring agreement No.\u{a0}{number}"),
        (Lang::En, None) => format!("Mentoring agreement {}", agreement.id),
    };
    Ok(Rendered {
        markdown,
        title,
        hash,
        lang,
        id: agreement.id.clone(),
        centre: config.centre.name.clone(),
        date: document_date(agreement, config),
    })
}

pub fn markdown_options() -> Options {
    Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_STRIKETHROUGH
}

/// The HTML page: the Markdown converted, each `##` part and `###` block wrapped in a section
/// (so print CSS can keep a signature block on one page), inside the `agreement.html` page.
pub fn to_html(root: &Path, rendered: &Rendered) -> Result<String> {
    let mut events: Vec<Event> = Vec::new();
    let (mut in_part, mut in_block) = (false, false);
    for event in Parser::new_ext(&rendered.markdown, markdown_options()) {
        // A rule ends the parts: what follows (the provenance line) spans the page.
        if matches!(event, Event::Rule) {
            if in_block {
                events.push(Event::Html(CowStr::Borrowed("</div>\n")));
                in_block = false;
            }
            if in_part {
                events.push(Event::Html(CowStr::Borrowed("</section>\n")));
                in_part = false;
            }
        }
        if let Event::Start(Tag::Heading { level, id, .. }) = &event {
            if *level <= HeadingLevel::H3 && in_block {
                events.push(Event::Html(CowStr::Borrowed("</div>\n")));
                in_block = false;
            }
            if *level <= HeadingLevel::H2 && in_part {
                events.push(Event::Html(CowStr::Borrowed("</section>\n")));
                in_part = false;
            }
            if *level == HeadingLevel::H2 {
                let class = id.as_ref().map_or(String::new(), |id| format!(" part-{id}"));
                events.push(Event::Html(CowStr::from(format!("<section class=\"part{class}\">\n"))));
                in_part = true;
            }
            if *level == HeadingLevel::H3 {
                events.push(Event::Html(CowStr::Borrowed("<div class=\"block\">\n")));
                in_block = true;
            }
        }
        events.push(event);
    }
    if in_block {
        events.push(Event::Html(CowStr::Borrowed("</div>\n")));
    }
    if in_part {
        events.push(Event::Html(CowStr::Borrowed("</section>\n")));
    }
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, events.into_iter());

    let (display, source) = template_source(root, HTML_PAGE)?;
    let mut env = environment(rendered.lang, false);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.add_template_owned(display.clone(), source).map_err(|err| template_error(&err, &display))?;
    let template = env.get_template(&display).map_err(|err| template_error(&err, &display))?;
    template
        .render(minijinja::context! {
            lang => rendered.lang.code(),
            title => rendered.title.clone(),
            provenance => rendered.hash.clone(),
            document_id => rendered.id.clone(),
            body => Value::from_safe_string(body),
        })
        .map_err(|err| template_error(&err, &display))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_ukrainian_way() {
        let date = date::parse_iso("2026-11-06").unwrap();
        assert_eq!(long_date(date, Lang::Uk), "6\u{a0}листопада\u{a0}2026\u{a0}р.");
        assert_eq!(long_date(date, Lang::En), "6\u{a0}November\u{a0}2026");
        assert_eq!(
            long_date(date::parse_iso("2027-03-01").unwrap(), Lang::Uk),
            "1\u{a0}березня\u{a0}2027\u{a0}р."
        );
    }

    // See: #13
    #[test]
    fn typography_keeps_numbers_dates_and_abbreviations_together() {
        assert_eq!(typeset("№ 41, м. Житомир"), "№\u{a0}41, м.\u{a0}Житомир");
        assert_eq!(typeset("2031 р.."), "2031\u{a0}р.");
        assert_eq!(typeset("8 год на місяць"), "8\u{a0}год на місяць");
        assert_eq!(typeset("обов'язки, п'яти"), "обов’язки, п’яти");
        assert_eq!(typeset("'quoted'"), "'quoted'", "only an apostrophe inside a word");
        assert_eq!(typeset("М. П."), "М.\u{a0}П.");
        assert_eq!(typeset("ресурс. Наступне"), "ресурс. Наступне");
    }

    // See: #13
    #[test]
    fn names_under_signatures_follow_dstu_4163() {
        assert_eq!(signature_name("Бондаренко", "Андрій"), "Андрій\u{a0}БОНДАРЕНКО");
        assert_eq!(signature_name_of("Петренко Олена Василівна"), "Олена\u{a0}ПЕТРЕНКО");
        assert_eq!(
            without_note("Бойко Олена Вікторівна (мати)"),
            ("Бойко Олена Вікторівна".to_string(), Some("мати".to_string()))
        );
        assert_eq!(copies_in_words(4, Lang::Uk), "чотирьох");
    }

    #[test]
    fn values_cannot_inject_markup() {
        assert_eq!(escape_markdown_text("<b>*x*</b>"), "\\<b\\>\\*x\\*\\</b\\>");
        assert_eq!(escape_markdown_text("КЗ «Джерельце»"), "КЗ «Джерельце»");
    }
}
