//! One thin file per subcommand: parse the arguments, call one use case (in `agreement`,
//! `registry::records`, …) with a `Session`, render what it returns.

pub mod agreement;
pub mod check;
pub mod contact;
pub mod due;
pub mod eligibility;
pub mod history;
pub mod import;
pub mod init;
pub mod matching;
pub mod record;
pub mod report;
pub mod status;
pub mod sync;
pub mod undo;

use crate::context::Ctx;
use crate::error::Expected;
use crate::error::Failure;
use crate::error::Result;
use crate::record::date::{self, Date};

/// A `--date`/`--on` argument, or today: the one place a date on the command line is parsed.
pub fn date_arg(ctx: &Ctx, text: Option<&str>) -> Result<Date> {
    match text {
        Some(text) => {
            date::parse_iso(text).ok_or_else(|| Failure::BadDateArg { value: text.to_string() }.into())
        }
        None => Ok(ctx.today),
    }
}

/// A flag whose value is one of `names` (`--party`, `--kind`, `--reason`), parsed by `parse`.
pub fn one_of<T>(flag: &str, text: &str, parse: impl Fn(&str) -> Option<T>, names: &[&str]) -> Result<T> {
    parse(text.trim()).ok_or_else(|| {
        Failure::BadFieldValue {
            field: flag.to_string(),
            value: text.to_string(),
            expected: Expected::OneOf { values: names.join(", ") },
        }
        .into()
    })
}
