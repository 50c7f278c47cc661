//! `check`: every problem in the registry, sorted, with file:line:column, code and message.

use crate::check::{self, Severity};
use crate::cli::{Format, GlobalArgs};
use crate::context;
use crate::error::Result;
use crate::i18n::Msg;
use crate::output::{self, Cell, Rows};
use crate::registry::{self, Registry};

pub fn run(global: &GlobalArgs) -> Result<u8> {
    let cwd =
        std::env::current_dir().map_err(|err| crate::error::Error::io(std::path::Path::new("."), err))?;
    let root = registry::find(global.records.as_deref(), &cwd)?;
    let today = context::today(global)?;
    let registry = Registry::load(&root);
    let lang = global.lang.unwrap_or(registry.config.language);
    let diagnostics = check::check_registry(&registry, today);
    let (errors, warnings): (Vec<_>, Vec<_>) =
        diagnostics.iter().partition(|d| d.severity == Severity::Error);

    match Format::from(global.format) {
        Format::Json => {
            let value = serde_json::json!({
                "ok": errors.is_empty(),
                "errors": errors.iter().map(|d| d.to_json()).collect::<Vec<_>>(),
                "warnings": warnings.iter().map(|d| d.to_json()).collect::<Vec<_>>(),
            });
            output::emit(&output::json_string(&value))?;
        }
        Format::Csv => {
            let rows = Rows {
                columns: vec!["file", "line", "column", "severity", "code", "message"],
                headers: Vec::new(),
                rows: diagnostics
                    .iter()
                    .map(|d| {
                        vec![
                            Cell::text(&d.file),
                            d.line.map_or(Cell::Empty, |n| Cell::Int(n as i64)),
                            d.column.map_or(Cell::Empty, |n| Cell::Int(n as i64)),
                            Cell::text(if d.severity == Severity::Error { "error" } else { "warning" }),
                            Cell::text(d.code),
                            Cell::text(d.message(lang)),
                        ]
                    })
                    .collect(),
            };
            output::emit(&rows.csv())?;
        }
        Format::Table => {
            let text = output::render_diagnostics(&diagnostics, &[], &root, lang, output::use_color());
            output::emit(&output::terminal::fit(&text))?;
            if !global.quiet {
                let summary = if diagnostics.is_empty() {
                    lang.text(&Msg::CheckOk { files: registry.files_read })
                } else {
                    lang.text(&Msg::CheckSummary { errors: errors.len(), warnings: warnings.len() })
                };
                output::emit(&format!("{summary}\n"))?;
            }
        }
    }
    let code = if errors.is_empty() { 0 } else { 1 };
    registry.finish();
    Ok(code)
}
