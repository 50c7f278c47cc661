//! One thin file per subcommand: parse the arguments, call one use case (in `agreement`,
//! `registry::records`, …) with a `Session`, render what it returns.

pub mod agreement;
pub mod case;
pub mod check;
pub mod contact;
pub mod due;
pub mod eligibility;
pub mod find;
pub mod history;
pub mod import;
pub mod init;
pub mod matching;
pub mod record;
pub mod report;
pub mod status;
pub mod sync;
pub mod undo;
