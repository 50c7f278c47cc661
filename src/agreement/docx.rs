//! The agreement as DOCX, built from the same rendered Markdown as the HTML (headings,
//! paragraphs, lists, bold and italic), on A4 pages in a serif font Word and LibreOffice share.

use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType,
};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::document::{Rendered, markdown_options};

/// Twentieths of a point per millimetre (Word's page unit).
const TWIPS_PER_MM: f64 = 56.692_913;

fn mm(value: f64) -> i32 {
    (value * TWIPS_PER_MM).round() as i32
}

/// The DOCX file's bytes.
pub fn to_docx(rendered: &Rendered) -> Vec<u8> {
    let fonts = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .east_asia("Times New Roman");
    let mut docx = Docx::new()
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(mm(20.0)).bottom(mm(20.0)).left(mm(25.0)).right(mm(15.0)))
        .default_fonts(fonts)
        .default_size(24);
    for paragraph in paragraphs(&rendered.markdown) {
        docx = docx.add_paragraph(paragraph);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).expect("writing a DOCX to memory");
    out.into_inner()
}

/// Run formatting in effect while walking the Markdown.
#[derive(Clone, Copy, Default)]
struct Style {
    bold: bool,
    italic: bool,
    code: bool,
}

/// A paragraph being built, with the kind of block it belongs to.
struct Builder {
    out: Vec<Paragraph>,
    current: Option<Paragraph>,
    style: Style,
    heading: Option<HeadingLevel>,
    /// Inside a `###` block (signature blocks): keep its lines on one page.
    in_block: bool,
    /// For each open list: the next number, or `None` for bullets.
    lists: Vec<Option<u64>>,
}

impl Builder {
    fn start(&mut self, paragraph: Paragraph) {
        self.finish();
        self.current = Some(paragraph);
    }

    fn finish(&mut self) {
        if let Some(paragraph) = self.current.take() {
            self.out.push(paragraph);
        }
    }

    fn body_paragraph(&self) -> Paragraph {
        let paragraph = Paragraph::new()
            .align(AlignmentType::Both)
            .line_spacing(LineSpacing::new().after(120))
            .widow_control(true);
        if self.in_block { paragraph.keep_lines(true).keep_next(true) } else { paragraph }
    }

    fn text(&mut self, text: &str) {
        let mut run = Run::new().add_text(text);
        if self.style.bold || self.heading.is_some() {
            run = run.bold();
        }
        if self.style.italic {
            run = run.italic();
        }
        if self.style.code {
            run = run.fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"));
        }
        match self.heading {
            Some(HeadingLevel::H1) => run = run.size(28),
            Some(HeadingLevel::H3) => run = run.italic(),
            _ => {}
        }
        if self.current.is_none() {
            let paragraph = self.body_paragraph();
            self.current = Some(paragraph);
        }
        let paragraph = self.current.take().expect("a paragraph is open");
        self.current = Some(paragraph.add_run(run));
    }
}

fn paragraphs(markdown: &str) -> Vec<Paragraph> {
    let mut b = Builder {
        out: Vec::new(),
        current: None,
        style: Style::default(),
        heading: None,
        in_block: false,
        lists: Vec::new(),
    };
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                b.in_block = level == HeadingLevel::H3;
                let mut paragraph = Paragraph::new().keep_next(true).keep_lines(true);
                paragraph = match level {
                    HeadingLevel::H1 => {
                        paragraph.align(AlignmentType::Center).line_spacing(LineSpacing::new().after(240))
                    }
                    HeadingLevel::H2 => paragraph.line_spacing(LineSpacing::new().before(240).after(120)),
                    _ => paragraph.line_spacing(LineSpacing::new().before(120).after(60)),
                };
                b.start(paragraph);
                b.heading = Some(level);
            }
            Event::End(TagEnd::Heading(_)) => {
                b.finish();
                b.heading = None;
            }
            Event::Start(Tag::Paragraph) => {
                // A paragraph inside a list item continues the item's own paragraph.
                let in_item = b.current.is_some() && !b.lists.is_empty();
                if !in_item {
                    let paragraph = b.body_paragraph();
                    b.start(paragraph);
                }
            }
            // Inside a list, the item's end closes its paragraph.
            Event::End(TagEnd::Paragraph) if b.lists.is_empty() => b.finish(),
            Event::Start(Tag::List(first)) => {
                b.finish();
                b.lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                b.finish();
                b.lists.pop();
            }
            Event::Start(Tag::Item) => {
                let depth = b.lists.len().max(1) as i32;
                let marker = match b.lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = format!("{n}.\t");
                        *n += 1;
                        marker
                    }
                    _ => "–\t".to_string(),
                };
                let paragraph = b.body_paragraph().indent(
                    Some(mm(7.0) * depth),
                    Some(SpecialIndentType::Hanging(mm(7.0))),
                    None,
                    None,
                );
                b.start(paragraph);
                b.text(&marker);
            }
            Event::End(TagEnd::Item) => b.finish(),
            Event::Start(Tag::Strong) => b.style.bold = true,
            Event::End(TagEnd::Strong) => b.style.bold = false,
            Event::Start(Tag::Emphasis) => b.style.italic = true,
            Event::End(TagEnd::Emphasis) => b.style.italic = false,
            Event::Text(text) => b.text(&text),
            Event::Code(text) => {
                b.style.code = true;
                b.text(&text);
                b.style.code = false;
            }
            Event::SoftBreak => b.text(" "),
            Event::HardBreak => {
                if let Some(paragraph) = b.current.take() {
                    b.current = Some(paragraph.add_run(Run::new().add_break(BreakType::TextWrapping)));
                }
            }
            Event::Rule => {
                b.finish();
                b.out.push(Paragraph::new().add_run(Run::new().add_text("")));
            }
            _ => {}
        }
    }
    b.finish();
    b.out
}
