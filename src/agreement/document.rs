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
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg};
use crate::record::Agreement;
use crate::record::config::Config;
use crate::record::date::{self, Date};
use crate::registry::session::Session;

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
                None => Err(Msg::TemplateMissing { name: name.to_string() }.into()),
            }
        }
        Err(err) => Err(Error::io(&path, err)),
    }
}

/// A template error as the user can act on it: the template file, the line, what is wrong.
fn template_error(err: &minijinja::Error, fallback: &str) -> Error {
    let name = err.name().unwrap_or(fallback).to_string();
    let detail = err.detail().map_or_else(|| err.kind().to_string(), |d| format!("{}: {d}", err.kind()));
    Error::new(Msg::TemplateError { name, line: err.line(), detail })
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
            Lang::Uk => "«\u{a0}\u{a0}\u{a0}\u{a0}» ______________ 20___ р.".to_string(),
            Lang::En => "______________ 20___".to_string(),
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
        Lang::Uk => format!("{} {} {} р.", date.day(), UK[month], date.year()),
        Lang::En => format!("{} {} {}", date.day(), EN[month], date.year()),
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

/// Builds the template context from the snapshot (nested by the dots of its keys) plus what is
/// derived from it and the signatures.
fn context(agreement: &Agreement, snapshot: &Snapshot, config: &Config, hash: &str) -> serde_json::Value {
    let mut root = serde_json::Map::new();
    for (key, value) in snapshot {
        let mut map = &mut root;
        let parts: Vec<&str> = key.split('.').collect();
        for part in &parts[..parts.len() - 1] {
            map = map
                .entry(part.to_string())
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .expect("snapshot keys nest");
        }
        map.insert(parts[parts.len() - 1].to_string(), value.clone());
    }
    let mut root = serde_json::Value::Object(root);
    let full_name = |who: &str| {
        let person = &root[who];
        let name = crate::record::full_name(
            person["surname"].as_str().unwrap_or(""),
            person["given_name"].as_str().unwrap_or(""),
            person["patronymic"].as_str(),
        );
        json!(name)
    };
    let (child_name, mentor_name) = (full_name("child"), full_name("mentor"));
    root["child"]["full_name"] = child_name;
    root["mentor"]["full_name"] = mentor_name;
    let required = &super::required_parties(agreement, config);
    let parties: Vec<serde_json::Value> = required
        .iter()
        .map(|party| {
            json!({"role": party.as_str(), "signed_on": agreement.signatures.get(*party).map(|d| d.to_string())})
        })
        .collect();
    root["parties"] = json!(parties);
    root["legal_representative_party"] =
        json!(required.contains(&crate::record::enums::Party::LegalRepresentative));
    let all_signed = super::missing_signatures(agreement, config).is_empty();
    root["agreement"]["signed_on"] =
        json!(all_signed.then(|| last_signature(agreement, config)).flatten().map(|d| d.to_string()));
    root["agreement"]["status"] = json!(agreement.status.as_str());
    // Hours as people write them ("8", "2.5"), not as floats print ("8.0").
    if let Some(hours) = agreement.hours_per_month {
        root["agreement"]["hours_per_month"] = json!(crate::output::format_number(hours));
    }
    root["provenance"] = json!(hash);
    root["signed_hash"] = json!(agreement.signed_hash);
    root
}

/// Agreement `id` as a document: reads it and its parties, fills the template.
pub fn render_agreement(session: &Session, id: &str, lang: Lang) -> Result<Rendered> {
    let id = crate::registry::records::checked_id(id)?;
    let (agreement, _) =
        crate::registry::read_record::<Agreement>(&session.root, crate::record::Kind::Agreement, id)?;
    let parties = Parties::of(&session.root, &agreement)?;
    render(&session.root, &session.config, &agreement, &parties, lang)
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
    let ctx = context(agreement, &snapshot, config, &hash);
    let name = text_template(lang);
    let (display, source) = template_source(root, &name)?;
    let mut env = environment(lang, true);
    env.add_template_owned(display.clone(), source).map_err(|err| template_error(&err, &display))?;
    let template = env.get_template(&display).map_err(|err| template_error(&err, &display))?;
    let mut markdown = template
        .render(Value::from(minijinja::value::Serde(&ctx)))
        .map_err(|err| template_error(&err, &display))?;
    if !markdown.ends_with('\n') {
        markdown.push('\n');
    }
    let title = match (lang, &agreement.number) {
        (Lang::Uk, Some(number)) => format!("Договір про наставництво № {number}"),
        (Lang::Uk, None) => format!("Договір про наставництво {}", agreement.id),
        (Lang::En, Some(number)) => format!("Mentoring agreement No. {number}"),
        (Lang::En, None) => format!("Mentoring agreement {}", agreement.id),
    };
    Ok(Rendered { markdown, title, hash, lang })
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
        assert_eq!(long_date(date, Lang::Uk), "6 листопада 2026 р.");
        assert_eq!(long_date(date, Lang::En), "6 November 2026");
        assert_eq!(long_date(date::parse_iso("2027-03-01").unwrap(), Lang::Uk), "1 березня 2027 р.");
    }

    #[test]
    fn values_cannot_inject_markup() {
        assert_eq!(escape_markdown_text("<b>*x*</b>"), "\\<b\\>\\*x\\*\\</b\\>");
        assert_eq!(escape_markdown_text("КЗ «Джерельце»"), "КЗ «Джерельце»");
    }
}
