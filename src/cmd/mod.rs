//! One thin file per subcommand: context in, domain call, output out.

pub mod check;
pub mod due;
pub mod init;
pub mod record;
pub mod report;
pub mod status;
