//! Regressions of config and values.
