//! Regressions of git.
