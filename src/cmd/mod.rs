//! One thin file per subcommand: context in, domain call, output out.

pub mod check;
pub mod history;
pub mod init;
pub mod record;
pub mod sync;
pub mod undo;
