//! A one-line progress report on stderr for long runs (a pool of tens of thousands), shown
//! only when stderr is a terminal and the step has taken more than a second: scripts and
//! pipes see nothing, short runs do not flicker.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub struct Progress {
    label: String,
    total: usize,
    done: AtomicUsize,
    enabled: bool,
    start: Instant,
    /// When the line was last drawn, and whether it ever was.
    shown: Mutex<(Instant, bool)>,
}

impl Progress {
    pub fn new(label: impl Into<String>, total: usize) -> Progress {
        let start = Instant::now();
        Progress {
            label: label.into(),
            total,
            done: AtomicUsize::new(0),
            enabled: std::io::stderr().is_terminal(),
            start,
            shown: Mutex::new((start, false)),
        }
    }

    /// Counts `n` more units done; redraws at most five times a second. Safe from any thread.
    pub fn add(&self, n: usize) {
        let done = self.done.fetch_add(n, Ordering::Relaxed) + n;
        if !self.enabled || self.start.elapsed() < Duration::from_secs(1) {
            return;
        }
        // Whoever holds the line draws it; the others carry on.
        if let Ok(mut shown) = self.shown.try_lock()
            && (!shown.1 || shown.0.elapsed() >= Duration::from_millis(200))
        {
            *shown = (Instant::now(), true);
            let percent = (done * 100).checked_div(self.total).unwrap_or(100);
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K{}: {percent}% ({done}/{})", self.label, self.total);
            let _ = err.flush();
        }
    }

    /// Clears the line, if one was drawn.
    pub fn finish(&self) {
        if let Ok(mut shown) = self.shown.lock()
            && shown.1
        {
            shown.1 = false;
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
