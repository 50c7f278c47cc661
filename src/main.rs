//! The binary: parse the command line, run, map the outcome to an exit code
//! (0 done, 1 findings, 2 bad usage or input).

use std::process::ExitCode;

use clap::Parser;

// Reading a national registry parses 200,000 small files into many small strings; mimalloc's
// thread-local free lists make that allocation-heavy work markedly cheaper than glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A shell asking for completions (`NASTAVNYK_COMPLETE=bash nastavnyk -- …`) is answered,
    // and the process exits, here.
    nastavnyk::cli::complete::complete_if_asked();
    let cli = match nastavnyk::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            // clap's own exit codes: 0 for --help/--version, 2 for usage errors.
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    let global = cli.global.clone();
    match nastavnyk::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            nastavnyk::report_error(&err, &global);
            ExitCode::from(2)
        }
    }
}
