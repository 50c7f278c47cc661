//! Regression tests: one per defect found, named after the defect it pins, with the issue
//! that reported it (`// See: #N`). Grouped by the part of the tool the defect lived in.

mod config_and_values;
mod edits;
mod git;
mod messages;
mod terminal;
