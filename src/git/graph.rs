//! The commit-graph with changed-path Bloom filters, which `history` relies on.

use std::path::Path;

use super::{output_once, run};

/// Keeps the repository's commit-graph, with changed-path Bloom filters, up to date, so that
/// `git log -- FILE` (what `history ID` runs) skips the commits that did not touch the file
/// instead of diffing, for each, a tree of many thousand records (about 10× slower at
/// 200,000 records). When the graph has Bloom filters, `--split` adds only the commits it
/// lacks, as a small layer (git merges layers now and then): a few milliseconds, nothing at
/// all when it is up to date. A graph without them (written by an older `git gc`) or none
/// is written whole, once. Best effort: a graph that could not be written is only slower.
pub fn refresh_commit_graph(dir: &Path) {
    let mut args = vec!["commit-graph", "write", "--reachable", "--changed-paths", "--no-progress"];
    if graph_has_bloom_filters(dir) {
        args.push("--split");
    }
    let _ = output_once(dir, &args, None);
}

/// Whether the commit-graph exists and its base layer carries Bloom filters (a `BDAT` chunk
/// in its table of contents; see git's `gitformat-commit-graph`).
fn graph_has_bloom_filters(dir: &Path) -> bool {
    let Ok(objects) = run(dir, &["rev-parse", "--git-path", "objects/info"]) else { return false };
    let info = dir.join(objects.trim());
    let base = if info.join("commit-graph").is_file() {
        info.join("commit-graph")
    } else {
        let Ok(chain) = std::fs::read_to_string(info.join("commit-graphs/commit-graph-chain")) else {
            return false;
        };
        let Some(first) = chain.lines().next() else { return false };
        info.join(format!("commit-graphs/graph-{}.graph", first.trim()))
    };
    let Ok(mut file) = std::fs::File::open(base) else { return false };
    let mut header = [0u8; 8];
    use std::io::Read;
    if file.read_exact(&mut header).is_err() || &header[..4] != b"CGPH" {
        return false;
    }
    let mut toc = vec![0u8; (usize::from(header[6]) + 1) * 12];
    if file.read_exact(&mut toc).is_err() {
        return false;
    }
    toc.chunks(12).any(|entry| &entry[..4] == b"BDAT")
}

/// Asks git to keep Bloom filters in the commit-graphs it writes on its own (`gc`, `fetch`),
/// so that the graph `history` relies on stays useful. Best effort.
pub fn configure_commit_graph(dir: &Path) {
    for (key, value) in [
        ("core.commitGraph", "true"),
        ("gc.writeCommitGraph", "true"),
        ("fetch.writeCommitGraph", "true"),
        ("commitGraph.changedPaths", "true"),
    ] {
        let _ = output_once(dir, &["config", "--local", key, value], None);
    }
}
