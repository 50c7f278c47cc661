//! How far a long run has got (reading 200,000 files, checking them, scoring pairs), told to
//! whoever listens. The domain counts; it neither words nor draws: the presentation installs
//! a listener (`install`) that shows a line on a terminal, and without one nothing happens.
//! A step that ends within a second is never reported, so short runs do not flicker.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// What a long run is doing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading and parsing the registry's files.
    Reading,
    /// Checking the records (`check`).
    Checking,
    /// Checking the rows of a spreadsheet (`import`).
    Rows,
    /// A step of matching, as the solver names it.
    Matching(String),
}

/// One report: the stage, units done, units in all; `None` when the line is to be cleared.
pub type Event<'a> = Option<(&'a Stage, usize, usize)>;

type Listener = Box<dyn Fn(Event<'_>) + Send + Sync>;

static LISTENER: OnceLock<Listener> = OnceLock::new();

/// Installs the listener for the rest of the process (the first call wins).
pub fn install(listener: impl Fn(Event<'_>) + Send + Sync + 'static) {
    let _ = LISTENER.set(Box::new(listener));
}

/// How long a step runs before it is reported, and how often it is redrawn.
const QUIET_FOR: Duration = Duration::from_secs(1);
const REDRAW_EVERY: Duration = Duration::from_millis(200);

/// The count of one step; safe to add to from any thread.
pub struct Tracker {
    stage: Stage,
    total: usize,
    done: AtomicUsize,
    start: Instant,
    /// When the line was last drawn, and whether it is showing.
    shown: Mutex<(Instant, bool)>,
}

/// Starts counting `total` units of `stage`.
pub fn track(stage: Stage, total: usize) -> Tracker {
    let start = Instant::now();
    Tracker { stage, total, done: AtomicUsize::new(0), start, shown: Mutex::new((start, false)) }
}

impl Tracker {
    /// Counts `n` more units done.
    pub fn add(&self, n: usize) {
        // Nobody listening (not a terminal, or `-q`): not even the count, which both cores
        // would otherwise contend for once per record.
        let Some(listener) = LISTENER.get() else { return };
        let done = self.done.fetch_add(n, Ordering::Relaxed) + n;
        if self.start.elapsed() < QUIET_FOR {
            return;
        }
        // Whoever holds the line reports; the others carry on.
        if let Ok(mut shown) = self.shown.try_lock()
            && (!shown.1 || shown.0.elapsed() >= REDRAW_EVERY)
        {
            *shown = (Instant::now(), true);
            listener(Some((&self.stage, done.min(self.total), self.total)));
        }
    }

    /// Clears the line, if one was shown.
    pub fn finish(&self) {
        if let Ok(mut shown) = self.shown.lock()
            && shown.1
        {
            shown.1 = false;
            if let Some(listener) = LISTENER.get() {
                listener(None);
            }
        }
    }
}

impl Drop for Tracker {
    fn drop(&mut self) {
        self.finish();
    }
}
