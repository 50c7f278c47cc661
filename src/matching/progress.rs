//! Progress of the matching steps (a pool of tens of thousands): counted through the crate's
//! `progress` tracker, which the presentation shows on a terminal (and nowhere else).

use crate::progress::{self, Stage, Tracker};

pub struct Progress(Tracker);

impl Progress {
    pub fn new(label: impl Into<String>, total: usize) -> Progress {
        Progress(progress::track(Stage::Matching(label.into()), total))
    }

    /// Counts `n` more units done. Safe from any thread.
    pub fn add(&self, n: usize) {
        self.0.add(n);
    }

    /// Clears the line, if one was drawn.
    pub fn finish(&self) {
        self.0.finish();
    }
}
