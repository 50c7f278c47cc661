//! One integration-test binary (linking once keeps the suite fast on two cores). Every test
//! runs the real `nastavnyk` binary on a real temporary registry with the real `git`.

mod support;

mod agreements;
mod cache;
mod completion;
mod document;
mod edges;
mod eligibility;
mod find_show;
mod foundation;
mod golden;
mod history;
mod layers;
mod lifecycle;
mod matching;
mod periods;
mod readme;
mod regression;
mod reports;
mod spreadsheets;
