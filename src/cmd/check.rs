//! `check`: every problem in the registry, sorted, with file:line:column, code and message.

use rayon::prelude::*;

use crate::check::{self, Diagnostic, Severity};
use crate::cli::{Format, GlobalArgs};
use crate::context;
use crate::error::Result;
use crate::i18n::{Lang, Msg};
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

/// `check --format json` (docs/cli.md): the text `serde_json::to_string_pretty` gives for
/// `{"errors": [...], "ok": ..., "warnings": [...]}` with each diagnostic's keys sorted, but
/// written straight from the diagnostics, each one on every core, rather than through a tree
/// of 50,000 values.
fn json(errors: &[&Diagnostic], warnings: &[&Diagnostic]) -> String {
    let mut out = String::from("{\n  \"errors\": ");
    array(&mut out, errors);
    out.push_str(if errors.is_empty() { ",\n  \"ok\": true,\n" } else { ",\n  \"ok\": false,\n" });
    out.push_str("  \"warnings\": ");
    array(&mut out, warnings);
    out.push_str("\n}\n");
    out
}

/// `[]`, or the objects one per line block, the closing bracket at the key's indentation.
fn array(out: &mut String, diagnostics: &[&Diagnostic]) {
    if diagnostics.is_empty() {
        out.push_str("[]");
        return;
    }
    let objects: Vec<String> = diagnostics.par_iter().map(|d| object(d)).collect();
    out.push_str("[\n");
    out.push_str(&objects.join(",\n"));
    out.push_str("\n  ]");
}

/// One diagnostic as an object of the array, indented as `to_string_pretty` does; its
/// message in English, the stable machine language (`Diagnostic::to_json`).
fn object(d: &Diagnostic) -> String {
    let string = |text: &str| serde_json::to_string(text).expect("strings serialize");
    let number = |n: Option<usize>| n.map_or_else(|| "null".to_string(), |n| n.to_string());
    format!(
        "    {{\n      \"code\": {},\n      \"column\": {},\n      \"file\": {},\n      \"line\": {},\n      \"message\": {}\n    }}",
        string(d.code),
        number(d.column),
        string(&d.file),
        number(d.line),
        string(&d.message(Lang::En)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Problem;

    /// The text `serde_json` gives for the tree of `Diagnostic::to_json`, which this writer
    /// replaces: the same bytes, escapes and `null`s included.
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
            let tree = serde_json::json!({
                "ok": errors.is_empty(),
                "errors": errors.iter().map(|d| d.to_json()).collect::<Vec<_>>(),
                "warnings": warnings.iter().map(|d| d.to_json()).collect::<Vec<_>>(),
            });
            assert_eq!(json(&errors, &warnings), output::json_string(&tree));
        }
    }
}
