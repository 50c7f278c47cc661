//! The progress line of long runs, on standard error: only when it is a terminal (not
//! `TERM=dumb`) and without `--quiet`, so logs, pipes and scripts never see it. The domain
//! counts (`crate::progress`); this draws.

use std::io::{IsTerminal, Write};

use crate::i18n::{Lang, Msg};
use crate::progress::{self, Event};

/// Whether a progress line may be drawn.
pub fn wanted(quiet: bool) -> bool {
    let dumb = std::env::var_os("TERM").is_some_and(|term| term == "dumb");
    !quiet && !dumb && std::io::stderr().is_terminal()
}

/// Installs the drawing of progress lines, in `lang`.
pub fn install(lang: Lang) {
    progress::install(move |event: Event<'_>| {
        let mut err = std::io::stderr().lock();
        match event {
            Some((stage, done, total)) => {
                let percent = (done * 100).checked_div(total).unwrap_or(100);
                let text = lang.text(&Msg::Progress { stage: stage.clone(), percent, done, total });
                let width =
                    terminal_size::terminal_size_of(std::io::stderr()).map_or(80, |(w, _)| usize::from(w.0));
                // One column spare: a line as wide as the terminal would wrap before `\r`.
                let text = super::terminal::truncate(&text, width.saturating_sub(1).max(10));
                let _ = write!(err, "\r\x1b[K{text}");
            }
            None => {
                let _ = write!(err, "\r\x1b[K");
            }
        }
        let _ = err.flush();
    });
}
