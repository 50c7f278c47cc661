//! `check`: every problem in the registry, sorted, with file:line:column, code and message.

use rayon::prelude::*;

use crate::check::{self, Diagnostic, Severity};
use crate::cli::{Format, GlobalArgs};
use crate::context;
use crate::error::Result;
use crate::i18n::{DiagnosticJson, Msg};
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
        Format::Json => output::emit(&json(&errors, &warnings))?,
        Format::Csv => {
            let rows = Rows {
                columns: vec!["file", "line", "column", "severity", "code", "message"],
                headers: Vec::new(),
                // Worded on every core: 50,000 messages on a national registry.
                rows: diagnostics
                    .par_iter()
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

/// `check --format json` (docs/cli.md), serialized from typed rows whose messages are worded
/// on every core (50,000 on a national registry) rather than built as a tree of values.
fn json<'a>(errors: &[&'a Diagnostic], warnings: &[&'a Diagnostic]) -> String {
    #[derive(serde::Serialize)]
    struct CheckJson<'a> {
        errors: Vec<DiagnosticJson<'a>>,
        ok: bool,
        warnings: Vec<DiagnosticJson<'a>>,
    }
    let rows = |diagnostics: &[&'a Diagnostic]| -> Vec<DiagnosticJson<'a>> {
        diagnostics.par_iter().map(|d| d.to_json()).collect()
    };
    let shape = CheckJson { errors: rows(errors), ok: errors.is_empty(), warnings: rows(warnings) };
    let mut text = serde_json::to_string_pretty(&shape).expect("diagnostics serialize");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Problem;

    /// The text `serde_json` gives for the tree of values this writer replaces: the same
    /// bytes, escapes and `null`s included.
    #[test]
    fn the_json_writer_writes_what_serde_json_pretty_printed() {
        let quoted = Diagnostic::error(
            "children/c-\"1\\.toml",
            "value.empty",
            Problem::EmptyField { field: "ім'я \u{1} \t\n \"x\"".into() },
        )
        .at(Some((3, 14)));
        let plain = Diagnostic::warning(
            "nastavnyk.toml",
            "file.permissions",
            Problem::FilePermissions { path: "children ../.git".into() },
        );
        let cases: [(Vec<&Diagnostic>, Vec<&Diagnostic>); 4] = [
            (vec![], vec![]),
            (vec![&quoted], vec![]),
            (vec![], vec![&plain, &quoted]),
            (vec![&quoted, &quoted], vec![&plain]),
        ];
        for (errors, warnings) in cases {
            let value = |d: &&Diagnostic| {
                serde_json::json!({
                    "file": d.file,
                    "line": d.line,
                    "column": d.column,
                    "code": d.code,
                    "message": d.message(crate::i18n::Lang::En),
                })
            };
            let tree = serde_json::json!({
                "ok": errors.is_empty(),
                "errors": errors.iter().map(value).collect::<Vec<_>>(),
                "warnings": warnings.iter().map(value).collect::<Vec<_>>(),
            });
            assert_eq!(json(&errors, &warnings), output::json_string(&tree));
        }
    }
}
