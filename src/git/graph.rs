//! The commit-graph with changed-path Bloom filters, which `history` relies on.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::{output_once, run};

/// Keeps the repository's commit-graph, with changed-path Bloom filters, up to date, so that
/// `git log -- FILE` (what `history ID` runs) skips the commits that did not touch the file
/// instead of diffing, for each, a tree of many thousand records (about 10× slower at
/// 200,000 records). When the graph has Bloom filters, `--split` adds only the commits it
/// lacks, as a small layer (git merges layers now and then): a few milliseconds, nothing at
/// all when it is up to date. A graph without them (written by an older `git gc`) or none
/// is written whole, once. Best effort: a graph that could not be written is only slower.
pub fn refresh_commit_graph(dir: &Path) {
    // One `rev-parse` for where the graph lives and which commit HEAD is (none yet in a new
    // repository: then only the path).
    let (info, head) = match run(dir, &["rev-parse", "--git-path", "objects/info", "HEAD"]) {
        Ok(out) => {
            let mut lines = out.lines();
            (lines.next().map(|path| dir.join(path.trim())), lines.next().map(|head| head.trim().to_string()))
        }
        Err(_) => {
            (run(dir, &["rev-parse", "--git-path", "objects/info"]).ok().map(|p| dir.join(p.trim())), None)
        }
    };
    refresh_known(dir, info.as_deref(), head.as_deref());
}

/// [`refresh_commit_graph`] for a caller that already knows where the graph lives (`info`,
/// the `objects/info` folder) and HEAD's commit, as [`super::Located`] tells them.
pub fn refresh_known(dir: &Path, info: Option<&Path>, head: Option<&str>) {
    let layers = info.map(graph_layers).unwrap_or_default();
    let bloom = layers.first().is_some_and(|base| has_bloom_filters(base));
    // Up to date: HEAD is in the graph, and with it everything it reaches (a graph is closed
    // under parents). Checked here instead of by a `git commit-graph write` that would find
    // nothing to do: that process is a fifth of what `history` costs on a fresh registry.
    if bloom && head.is_some_and(|head| layers.iter().any(|layer| graph_holds(layer, head))) {
        return;
    }
    let mut args = vec!["commit-graph", "write", "--reachable", "--changed-paths", "--no-progress"];
    if bloom {
        args.push("--split");
    }
    let _ = output_once(dir, &args, None);
}

/// The commit-graph files under `objects/info`, the base first: the single file, else the
/// layers of a split chain (as git itself prefers them).
fn graph_layers(info: &Path) -> Vec<PathBuf> {
    if info.join("commit-graph").is_file() {
        return vec![info.join("commit-graph")];
    }
    let Ok(chain) = std::fs::read_to_string(info.join("commit-graphs/commit-graph-chain")) else {
        return Vec::new();
    };
    chain
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| info.join(format!("commit-graphs/graph-{line}.graph")))
        .collect()
}

/// A chunk of a commit-graph file: its id and where it starts.
type Chunk = ([u8; 4], u64);

/// A commit-graph file's header (`CGPH`, version, hash version, chunk count) and its table of
/// contents as (chunk id, offset) pairs; see git's `gitformat-commit-graph`.
fn graph_chunks(file: &mut std::fs::File) -> Option<(u8, Vec<Chunk>)> {
    let mut header = [0u8; 8];
    if file.read_exact(&mut header).is_err() || &header[..4] != b"CGPH" {
        return None;
    }
    let mut toc = vec![0u8; (usize::from(header[6]) + 1) * 12];
    file.read_exact(&mut toc).ok()?;
    let chunks = toc
        .chunks(12)
        .map(|entry| {
            let id: [u8; 4] = entry[..4].try_into().unwrap_or_default();
            (id, u64::from_be_bytes(entry[4..].try_into().unwrap_or_default()))
        })
        .collect();
    Some((header[5], chunks))
}

/// Whether a commit-graph file carries Bloom filters (a `BDAT` chunk).
fn has_bloom_filters(path: &Path) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    graph_chunks(&mut file).is_some_and(|(_, chunks)| chunks.iter().any(|(id, _)| id == b"BDAT"))
}

/// Whether the commit `hex` is in the commit-graph file at `path`: its OID fanout says
/// where the commits of the same first byte are, a binary search of those finds it.
fn graph_holds(path: &Path, hex: &str) -> bool {
    let Some(oid) = decode_hex(hex) else { return false };
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let Some((hash_version, chunks)) = graph_chunks(&mut file) else { return false };
    let width = if hash_version == 2 { 32 } else { 20 };
    let find = |name: &[u8; 4]| chunks.iter().find(|(id, _)| id == name).map(|&(_, at)| at);
    let (Some(fanout_at), Some(lookup_at)) = (find(b"OIDF"), find(b"OIDL")) else { return false };
    if oid.len() != width {
        return false;
    }
    let mut fanout = [0u8; 256 * 4];
    if file.seek(SeekFrom::Start(fanout_at)).is_err() || file.read_exact(&mut fanout).is_err() {
        return false;
    }
    let count_below = |byte: usize| -> u64 {
        if byte == 0 {
            return 0;
        }
        let at = (byte - 1) * 4;
        u64::from(u32::from_be_bytes(fanout[at..at + 4].try_into().unwrap_or_default()))
    };
    let first = usize::from(oid[0]);
    let (low, high) = (count_below(first), count_below(first + 1));
    if high <= low {
        return false;
    }
    let mut ids = vec![0u8; ((high - low) as usize) * width];
    if file.seek(SeekFrom::Start(lookup_at + low * width as u64)).is_err()
        || file.read_exact(&mut ids).is_err()
    {
        return false;
    }
    ids.chunks(width).collect::<Vec<_>>().binary_search(&oid.as_slice()).is_ok()
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len()).step_by(2).map(|at| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok()).collect()
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
