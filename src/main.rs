//! The binary: parse the command line, run, map the outcome to an exit code
//! (0 done, 1 findings, 2 bad usage or input).

use std::process::ExitCode;

// Reading a national registry parses 200,000 small files into many small strings; mimalloc's
// thread-local free lists make that allocation-heavy work markedly cheaper than glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A shell asking for completions (`NASTAVNYK_COMPLETE=bash nastavnyk -- …`) is answered,
    // and the process exits, here.
    nastavnyk::cli::complete::complete_if_asked();
    // Help and clap's errors speak the user's language, so it is known before the parse.
    let lang = nastavnyk::cli::lang::detect_here();
    let cli = match nastavnyk::cli::parse_from(std::env::args_os().collect(), lang) {
        Ok(cli) => cli,
        // clap's own exit codes: 0 for --help/--version, 2 for usage errors.
        Err(err) => return ExitCode::from(nastavnyk::cli::errors::print(&err, lang)),
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
