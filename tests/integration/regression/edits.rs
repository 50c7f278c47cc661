//! Regressions of edits.
