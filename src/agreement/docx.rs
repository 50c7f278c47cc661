//! The agreement as DOCX, built from the same rendered Markdown as the HTML (headings,
//! paragraphs, lists, bold and italic), on A4 pages with the margins of ДСТУ 4163:2020 in a
//! serif font Word and LibreOffice share; every run tagged with the document's language (so
//! Word spell-checks Ukrainian as Ukrainian), a footer with the document's ID, its data
//! fingerprint and the page number, and the metadata of the document, not of the library.

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, InstrNUMPAGES, InstrPAGE, InstrText, LineSpacing,
    PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Tab, TabValueType, Table, TableCell, TableRow,
    WidthType,
};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::document::{Rendered, markdown_options};
use crate::record::Language as Lang;

/// Twentieths of a point per millimetre (Word's page unit).
const TWIPS_PER_MM: f64 = 56.692_913;

/// ДСТУ 4163:2020 margins in mm: left 30, right 10, top and bottom 20.
const MARGIN_LEFT: f64 = 30.0;
const MARGIN_RIGHT: f64 = 10.0;
const MARGIN_TOP_BOTTOM: f64 = 20.0;

fn mm(value: f64) -> i32 {
    (value * TWIPS_PER_MM).round() as i32
}

/// The language tag of the text (BCP 47, as Word's `w:lang` takes it).
fn language_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Uk => "uk-UA",
        Lang::En => "en-GB",
    }
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
        .page_margin(
            PageMargin::new()
                .top(mm(MARGIN_TOP_BOTTOM))
                .bottom(mm(MARGIN_TOP_BOTTOM))
                .left(mm(MARGIN_LEFT))
                .right(mm(MARGIN_RIGHT))
                .header(mm(10.0))
                .footer(mm(8.0)),
        )
        .default_fonts(fonts)
        .default_size(24)
        .footer(Footer::new().add_paragraph(footer(rendered)));
    for item in paragraphs(&rendered.markdown) {
        docx = match item {
            Item::Paragraph(paragraph) => docx.add_paragraph(paragraph),
            Item::Table(table) => docx.add_table(table),
        };
    }
    let mut xml = docx.build();
    let tag = language_tag(rendered.lang);
    xml.styles = tag_language(&xml.styles, tag);
    xml.document = tag_language(&xml.document, tag);
    xml.footers = xml.footers.iter().map(|part| tag_language(part, tag)).collect();
    xml.doc_props.core = core_properties(rendered, tag).into_bytes();
    xml.doc_props.app = app_properties(rendered).into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).expect("writing a DOCX to memory");
    out.into_inner()
}

/// The footer line: ID and fingerprint on the left (text, never a command), the page on the
/// right («Сторінка 2 з 5», PAGE and NUMPAGES fields Word and LibreOffice fill in).
fn footer(rendered: &Rendered) -> Paragraph {
    let (fingerprint, page, of) = match rendered.lang {
        Lang::Uk => ("відбиток", "Сторінка ", " з "),
        Lang::En => ("fingerprint", "Page ", " of "),
    };
    let small = |text: &str| Run::new().add_text(text).size(16);
    let field = |instr: InstrText| {
        [
            Run::new().add_field_char(FieldCharType::Begin, false).size(18),
            Run::new().add_instr_text(instr).size(18),
            Run::new().add_field_char(FieldCharType::Separate, false).size(18),
            Run::new().add_text("1").size(18),
            Run::new().add_field_char(FieldCharType::End, false).size(18),
        ]
    };
    let width = (mm(210.0 - MARGIN_LEFT - MARGIN_RIGHT)) as usize;
    let mut paragraph = Paragraph::new()
        .add_tab(Tab::new().val(TabValueType::Right).pos(width))
        .add_run(small(&format!("{} · {fingerprint} {}", rendered.id, rendered.hash)))
        .add_run(Run::new().add_tab())
        .add_run(Run::new().add_text(page).size(18));
    for run in field(InstrText::PAGE(InstrPAGE::new())) {
        paragraph = paragraph.add_run(run);
    }
    paragraph = paragraph.add_run(Run::new().add_text(of).size(18));
    for run in field(InstrText::NUMPAGES(InstrNUMPAGES::new())) {
        paragraph = paragraph.add_run(run);
    }
    paragraph
}

/// Adds `<w:lang>` to every run's properties and to the style defaults. docx-rs has no setter
/// for it; `w:lang` goes last in `w:rPr` for the elements used here, so appending keeps the
/// schema's order.
fn tag_language(xml: &[u8], tag: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    let lang = format!("<w:lang w:val=\"{tag}\" />");
    text.replace("<w:rPr />", &format!("<w:rPr>{lang}</w:rPr>"))
        .replace("</w:rPr>", &format!("{lang}</w:rPr>"))
        // The replacement above also reached the self-closing form it had just expanded.
        .replace(&format!("{lang}{lang}"), &lang)
        .into_bytes()
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `docProps/core.xml`: the title, the centre as author, the document's date (not the
/// rendering time: the same records give the same file), the language.
fn core_properties(rendered: &Rendered, tag: &str) -> String {
    let (title, centre) = (xml_escape(&rendered.title), xml_escape(&rendered.centre));
    let date = format!("{}T00:00:00Z", rendered.date);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{title}</dc:title><dc:creator>{centre}</dc:creator><cp:lastModifiedBy>{centre}</cp:lastModifiedBy>\
<dc:identifier>{id}</dc:identifier><dc:language>{tag}</dc:language><cp:revision>1</cp:revision>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified></cp:coreProperties>",
        id = xml_escape(&rendered.id),
    )
}

/// `docProps/app.xml`: the program and the centre as company.
fn app_properties(rendered: &Rendered) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>nastavnyk</Application><Company>{}</Company></Properties>",
        xml_escape(&rendered.centre)
    )
}

/// Run formatting in effect while walking the Markdown.
#[derive(Clone, Copy, Default, PartialEq)]
struct Style {
    bold: bool,
    italic: bool,
    code: bool,
    heading: Option<HeadingLevel>,
}

/// What the body is made of: paragraphs, and the tables the signature blocks sit in (few, so
/// their smaller size is no reason to box the paragraphs).
#[allow(clippy::large_enum_variant)]
enum Item {
    Paragraph(Paragraph),
    Table(Table),
}

/// A paragraph being built, with the kind of block it belongs to.
struct Builder {
    out: Vec<Item>,
    current: Option<Paragraph>,
    /// Text of one style not yet made a run: one run per stretch of text, not per Markdown
    /// event (an escaped `\_` is an event of its own).
    pending: String,
    pending_style: Style,
    style: Style,
    /// Inside a `###` block (signature blocks): keep its lines on one page.
    in_block: bool,
    /// In the signatures part: the blocks collected (heading and lines), set two abreast in
    /// a table without borders as the HTML sets them.
    signatures: Option<Vec<Vec<Paragraph>>>,
    /// For each open list: the next number, or `None` for bullets.
    lists: Vec<Option<u64>>,
}

impl Builder {
    fn start(&mut self, paragraph: Paragraph) {
        self.finish();
        self.current = Some(paragraph);
    }

    fn finish(&mut self) {
        self.flush_run();
        if let Some(paragraph) = self.current.take() {
            match self.signatures.as_mut() {
                Some(blocks) if self.in_block => match blocks.last_mut() {
                    Some(block) => block.push(paragraph),
                    None => blocks.push(vec![paragraph]),
                },
                _ => self.out.push(Item::Paragraph(paragraph)),
            }
        }
    }

    /// Sets the collected signature blocks two to a row; a row is never split across pages.
    fn finish_signatures(&mut self) {
        self.finish();
        let Some(blocks) = self.signatures.take() else { return };
        let width = (mm(210.0 - MARGIN_LEFT - MARGIN_RIGHT) / 2) as usize;
        // One table per row of two blocks, not one table: LibreOffice keeps a paragraph
        // marked «keep with next» with a whole table, which would push every signature (and
        // the last clause) to a new page; with a table per row only the first row follows it.
        for (i, pair) in blocks.chunks(2).enumerate() {
            let mut cells: Vec<TableCell> = pair
                .iter()
                .map(|block| {
                    let cell = TableCell::new().width(width, WidthType::Dxa).clear_all_border();
                    block.iter().cloned().fold(cell, TableCell::add_paragraph)
                })
                .collect();
            if cells.len() == 1 {
                let empty = TableCell::new().width(width, WidthType::Dxa).clear_all_border();
                cells.push(empty.add_paragraph(Paragraph::new()));
            }
            if i > 0 {
                // Word would join tables that touch into one.
                self.out.push(Item::Paragraph(Paragraph::new().line_spacing(LineSpacing::new().after(0))));
            }
            let table = Table::without_borders(vec![TableRow::new(cells).cant_split()])
                .set_grid(vec![width, width])
                .width(width * 2, WidthType::Dxa);
            self.out.push(Item::Table(table));
        }
        self.in_block = false;
    }

    fn body_paragraph(&self) -> Paragraph {
        let paragraph = Paragraph::new().line_spacing(LineSpacing::new().after(120)).widow_control(true);
        // A signature block is one paragraph of lines, kept whole with its heading.
        if self.in_block { paragraph.keep_lines(true) } else { paragraph.align(AlignmentType::Both) }
    }

    fn flush_run(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let style = self.pending_style;
        let mut run = Run::new().add_text(std::mem::take(&mut self.pending));
        if style.bold || style.heading.is_some() {
            run = run.bold();
        }
        if style.italic {
            run = run.italic();
        }
        if style.code {
            run = run.fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"));
        }
        match style.heading {
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

    fn text(&mut self, text: &str) {
        if self.pending_style != self.style {
            self.flush_run();
        }
        self.pending_style = self.style;
        self.pending.push_str(text);
        if self.current.is_none() {
            let paragraph = self.body_paragraph();
            self.current = Some(paragraph);
        }
    }
}

fn paragraphs(markdown: &str) -> Vec<Item> {
    let mut b = Builder {
        out: Vec::new(),
        current: None,
        pending: String::new(),
        pending_style: Style::default(),
        style: Style::default(),
        in_block: false,
        signatures: None,
        lists: Vec::new(),
    };
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                if level <= HeadingLevel::H2 {
                    b.finish_signatures();
                }
                if id.as_deref() == Some("signatures") {
                    // The last clause goes with the signatures: a page of signatures alone
                    // could be attached to any text.
                    b.finish();
                    if let Some(Item::Paragraph(last)) = b.out.pop() {
                        b.out.push(Item::Paragraph(last.keep_next(true).keep_lines(true)));
                    }
                    b.signatures = Some(Vec::new());
                }
                if level == HeadingLevel::H3 {
                    b.finish();
                    b.in_block = true;
                    if let Some(blocks) = b.signatures.as_mut() {
                        blocks.push(Vec::new());
                    }
                }
                let mut paragraph = Paragraph::new().keep_next(true).keep_lines(true);
                paragraph = match level {
                    HeadingLevel::H1 => {
                        paragraph.align(AlignmentType::Center).line_spacing(LineSpacing::new().after(240))
                    }
                    HeadingLevel::H2 => paragraph
                        .align(AlignmentType::Center)
                        .line_spacing(LineSpacing::new().before(240).after(120)),
                    _ => paragraph.line_spacing(LineSpacing::new().before(120).after(60)),
                };
                b.start(paragraph);
                b.style.heading = Some(level);
            }
            Event::End(TagEnd::Heading(_)) => {
                b.finish();
                b.style.heading = None;
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
                b.flush_run();
                if let Some(paragraph) = b.current.take() {
                    b.current = Some(paragraph.add_run(Run::new().add_break(BreakType::TextWrapping)));
                }
            }
            Event::Rule => {
                b.finish_signatures();
                b.finish();
                b.out.push(Item::Paragraph(Paragraph::new().add_run(Run::new().add_text(""))));
            }
            _ => {}
        }
    }
    b.finish_signatures();
    b.finish();
    b.out
}
