//! Assigning IDs: `add` takes the next free number of the kind's prefix (`c-0007`).

use std::path::Path;

use super::list_files;
use crate::record::Kind;

/// The next free ID of `kind`: one past the highest `<prefix>-<number>` in use, zero-padded to
/// four digits (or as wide as the widest existing one), so files sort in the order they were added.
pub fn next_id(root: &Path, kind: Kind) -> String {
    let prefix = format!("{}-", kind.id_prefix());
    let (files, _) = list_files(root, kind);
    let mut highest = 0u64;
    let mut width = 4;
    for (stem, _) in &files {
        if let Some(number) = stem.strip_prefix(&prefix)
            && let Ok(n) = number.parse::<u64>()
        {
            highest = highest.max(n);
            width = width.max(number.len());
        }
    }
    format!("{prefix}{:0width$}", highest + 1)
}
