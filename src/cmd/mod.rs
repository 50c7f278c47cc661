//! One thin file per subcommand: context in, domain call, output out.

pub mod check;
pub mod init;
pub mod record;
