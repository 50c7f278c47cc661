//! `find TEXT [--kind K] [--with-names]`: records whose names, IDs, settlements or
//! communities hold the text (`search::find`, one pass over the loaded registry); exit 0 when
//! something matched, 1 when nothing did, as `grep` does.

use crate::cli::{FindArgs, Format};
use crate::context::Ctx;
use crate::error::Result;
use crate::i18n::{CaseMsg, Msg};
use crate::output::{self, Cell, Rows};
use crate::record::Kind;
use crate::registry::Registry;
use crate::search::{self, Hit, Query};

pub fn run(ctx: &Ctx, args: &FindArgs) -> Result<u8> {
    // The value parser has refused a text with nothing in it.
    let query = Query::new(&args.text).expect("TEXT is checked by its value parser");
    let registry = Registry::load_valid(&ctx.root)?;
    let hits = search::find(&registry, &query, args.kind.map(Kind::from), ctx.today);
    if hits.is_empty() {
        ctx.note(Msg::Case(CaseMsg::NothingFound { text: args.text.trim().to_string() }));
    }
    let text = match ctx.format {
        Format::Json => {
            let hits: Vec<serde_json::Value> =
                hits.iter().map(|hit| hit_json(hit, args.with_names)).collect();
            output::json_string(&serde_json::Value::Array(hits))
        }
        // Nothing on stdout for nothing found; a workbook still gets its header row.
        Format::Table if hits.is_empty() && !output::settings().xlsx => String::new(),
        format => rows(ctx, &hits, args.with_names, format == Format::Table).render(format),
    };
    output::emit(&text)?;
    Ok(if hits.is_empty() { 1 } else { 0 })
}

/// The name a hit may show: an institution's always (it is no one's personal data, and
/// `institution list` shows it too), a person's only with `--with-names`.
fn shown_name<'a>(hit: &'a Hit, with_names: bool) -> Option<&'a str> {
    match hit.kind {
        Kind::Institution => hit.name.as_deref(),
        Kind::Child | Kind::Mentor if with_names => hit.name.as_deref(),
        _ => None,
    }
}

/// `{"kind", "id", "matched": [field], "status", "name"}`: codes, `null` where there is none.
fn hit_json(hit: &Hit, with_names: bool) -> serde_json::Value {
    serde_json::json!({
        "kind": hit.kind.noun(),
        "id": hit.id,
        "matched": hit.fields.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
        "status": hit.status,
        "name": shown_name(hit, with_names),
    })
}

/// The table speaks the user's language; CSV keeps the codes (fields space-separated, as
/// `eligibility --all` lists rule codes).
fn rows(ctx: &Ctx, hits: &[Hit], with_names: bool, table: bool) -> Rows {
    let columns = vec!["kind", "id", "matched", "status", "name"];
    let headers = columns.iter().map(|c| ctx.t(Msg::Case(CaseMsg::Column(c)))).collect();
    let rows = hits
        .iter()
        .map(|hit| {
            let (kind, matched, status) = if table {
                let fields: Vec<String> =
                    hit.fields.iter().map(|f| ctx.t(Msg::Case(CaseMsg::Field(f.as_str())))).collect();
                (
                    ctx.t(Msg::Case(CaseMsg::Kind(hit.kind))),
                    fields.join(", "),
                    hit.status.map(|s| ctx.t(Msg::Case(CaseMsg::Status(hit.kind, s)))),
                )
            } else {
                let fields: Vec<&str> = hit.fields.iter().map(|f| f.as_str()).collect();
                (hit.kind.noun().to_string(), fields.join(" "), hit.status.map(str::to_string))
            };
            vec![
                Cell::text(kind),
                Cell::text(hit.id),
                Cell::text(matched),
                Cell::opt(status),
                Cell::opt(shown_name(hit, with_names)),
            ]
        })
        .collect();
    Rows { columns, headers, rows }
}
