//! A derived cache of where keys are written in record files (`.git/nastavnyk/places-v1`,
//! beside the parse cache): `check` shows each finding at the line of its key, and on a
//! national registry that meant reading some 16,000 files on every run, most of them
//! unchanged since the last.
//!
//! An entry holds, for one file, the positions asked of it last time (a key in a table or
//! in an element of an array of tables) and the file's key then, taken as the parse cache
//! takes it. It is trusted under the parse cache's rules (`cache.rs`): the file's key now is
//! the entry's, and it had settled before the load that wrote the entry began. A position
//! depends on nothing but the text, so a trusted entry answers exactly what reading the file
//! would. It is written only when it would change, to a temporary file renamed over the
//! old; a damaged or foreign one is ignored, and anything unexpected means reading files.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

use super::cache::{FileKey, Known, Reader, Stamp, read_head, write_head};
use crate::record::Kind;

const MAGIC: &[u8; 8] = b"NSTVKP\x02\n";
const NAME: &str = "places-v1";

/// A line and a column (1-based), or nowhere (the finding is shown on its file).
pub type Position = Option<(usize, usize)>;

/// A key's position and the text of its line (empty when nowhere, or when the line was too
/// long to keep): a text `check` shows the line without reading the file.
pub type Placed = (Position, String);

/// A key asked for: in `table` (`""` the top level; the `index`-th element of an array of
/// tables), or the table itself when `key` is empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Query<'a> {
    pub table: &'a str,
    pub index: usize,
    pub key: &'a str,
}

/// The positions of one file, as kept.
#[derive(Debug, PartialEq, Eq)]
struct Entry {
    key: FileKey,
    answers: Vec<(String, usize, String, Placed)>,
}

/// The last run's positions and this run's, being gathered.
pub struct Places<'a> {
    known: &'a Known,
    old: Option<(Stamp, HashMap<String, Entry>)>,
    new: Mutex<Vec<(String, Entry)>>,
    /// Whether a file was read for its positions this run: its entry must be written with
    /// this run's stamp, even if it says what the old one said (the file may have been too
    /// fresh to trust then).
    read: std::sync::atomic::AtomicBool,
}

impl<'a> Places<'a> {
    /// The positions the last run kept for this registry (none when there are none to trust).
    pub fn open(known: &'a Known) -> Places<'a> {
        let old = std::fs::read(known.path(NAME)).ok().and_then(|bytes| parse(&bytes, known.context));
        Places { known, old, new: Mutex::new(Vec::new()), read: Default::default() }
    }

    /// The positions of `queries` in the file of `stem` (of `kind`, named `rel`), if the last
    /// run found them all in this very text.
    pub fn get(&self, kind: Kind, stem: &str, rel: &str, queries: &[Query]) -> Option<Vec<Placed>> {
        let key = self.known.key(kind, stem)?;
        let (stamp, entries) = self.old.as_ref()?;
        let entry = entries.get(rel).filter(|e| e.key == key && key.settled_before(stamp))?;
        queries
            .iter()
            .map(|q| {
                entry
                    .answers
                    .iter()
                    .find(|(table, index, key, _)| table == q.table && *index == q.index && key == q.key)
                    .map(|(.., placed)| placed.clone())
            })
            .collect()
    }

    /// Keeps the positions of `queries` in the file for the next run: found by reading it
    /// (`read`), or by `get`.
    pub fn keep(&self, kind: Kind, stem: &str, rel: &str, queries: &[Query], placed: &[Placed], read: bool) {
        let Some(key) = self.known.key(kind, stem) else { return };
        if read {
            self.read.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let answers = queries
            .iter()
            .zip(placed)
            .map(|(q, placed)| (q.table.to_string(), q.index, q.key.to_string(), placed.clone()))
            .collect();
        let entry = Entry { key, answers };
        self.new.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((rel.to_string(), entry));
    }

    /// Writes this run's positions, unless they are the last run's. Never an error: a cache
    /// that cannot be written is only a slower next run.
    pub fn save(self) {
        let mut new = self.new.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        // A file placed twice (its record's own findings, then those across records) is one
        // entry.
        new.sort_by(|a, b| a.0.cmp(&b.0));
        new.dedup_by(|later, first| {
            let same_file = later.0 == first.0 && later.1.key == first.1.key;
            if same_file {
                for answer in later.1.answers.drain(..) {
                    if !first.1.answers.contains(&answer) {
                        first.1.answers.push(answer);
                    }
                }
            }
            same_file
        });
        for (_, entry) in &mut new {
            entry.answers.sort();
        }
        let same = !self.read.into_inner()
            && self.old.as_ref().is_some_and(|(_, old)| {
                old.len() == new.len() && new.iter().all(|(rel, entry)| old.get(rel) == Some(entry))
            });
        if !same {
            let _ = write(self.known.path(NAME), self.known.context, &self.known.stamp, &new);
        }
    }
}

fn write(path: PathBuf, context: u64, stamp: &Stamp, entries: &[(String, Entry)]) -> std::io::Result<()> {
    let mut out = Vec::with_capacity(64 + entries.len() * 64);
    write_head(&mut out, MAGIC, context, stamp);
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    let short = |out: &mut Vec<u8>, text: &str| -> std::io::Result<()> {
        let len = u8::try_from(text.len()).map_err(|_| std::io::ErrorKind::InvalidInput)?;
        out.push(len);
        out.extend_from_slice(text.as_bytes());
        Ok(())
    };
    for (rel, entry) in entries {
        let len = u16::try_from(rel.len()).map_err(|_| std::io::ErrorKind::InvalidInput)?;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(rel.as_bytes());
        entry.key.write(&mut out);
        out.extend_from_slice(&(entry.answers.len() as u32).to_le_bytes());
        for (table, index, key, (at, source)) in &entry.answers {
            short(&mut out, table)?;
            short(&mut out, key)?;
            out.extend_from_slice(&(*index as u32).to_le_bytes());
            // Lines and columns count from 1: 0 is "nowhere".
            let (line, column) = at.unwrap_or((0, 0));
            out.extend_from_slice(&(line as u32).to_le_bytes());
            out.extend_from_slice(&(column as u32).to_le_bytes());
            // A line longer than its length field holds is not kept: it is read from the file.
            let source = if source.len() <= usize::from(u16::MAX) { source.as_str() } else { "" };
            out.extend_from_slice(&(source.len() as u16).to_le_bytes());
            out.extend_from_slice(source.as_bytes());
        }
    }
    let sum = crc32fast::hash(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    let dir = path.parent().ok_or(std::io::ErrorKind::NotFound)?;
    let mut temp = tempfile::Builder::new().prefix(&format!("{NAME}.tmp")).tempfile_in(dir)?;
    temp.write_all(&out)?;
    temp.persist(&path).map_err(|err| err.error)?;
    Ok(())
}

/// The entries of a whole places file of this binary and configuration, or `None`.
fn parse(bytes: &[u8], context: u64) -> Option<(Stamp, HashMap<String, Entry>)> {
    let (mut r, stamp) = read_head(bytes, MAGIC, context)?;
    let body_len = r.bytes.len();
    let text = |r: &mut Reader, len: usize| -> Option<String> {
        let range = r.take(len)?;
        String::from_utf8(bytes[range].to_vec()).ok()
    };
    let count = r.u32()? as usize;
    let mut entries = HashMap::with_capacity(count.min(body_len / 16));
    for _ in 0..count {
        let len = u16::from_le_bytes([r.u8()?, r.u8()?]) as usize;
        let rel = text(&mut r, len)?;
        let key = FileKey::read(&mut r)?;
        let n = r.u32()? as usize;
        let mut answers = Vec::with_capacity(n.min(body_len / 14));
        for _ in 0..n {
            let len = r.u8()? as usize;
            let table = text(&mut r, len)?;
            let len = r.u8()? as usize;
            let key = text(&mut r, len)?;
            let index = r.u32()? as usize;
            let (line, column) = (r.u32()? as usize, r.u32()? as usize);
            let len = u16::from_le_bytes([r.u8()?, r.u8()?]) as usize;
            let source = text(&mut r, len)?;
            answers.push((table, index, key, ((line > 0).then_some((line, column)), source)));
        }
        entries.insert(rel, Entry { key, answers });
    }
    (r.at == body_len).then_some((stamp, entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(line: usize) -> Entry {
        let key = FileKey { size: 1, mtime: (2, 3), ctime: (4, 5), ino: 6, dev: 7 };
        Entry {
            key,
            answers: vec![
                ("contacts".into(), 3, "kind".into(), (Some((line, 1)), "kind = \"зустріч\"".into())),
                (String::new(), 0, "born_on".into(), (None, String::new())),
            ],
        }
    }

    fn sample() -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(NAME);
        let stamp = Stamp { time: (10, 20), dev: 7 };
        let entries =
            vec![("agreements/a-1.toml".to_string(), entry(26)), ("children/c-1.toml".into(), entry(9))];
        write(path.clone(), 42, &stamp, &entries).unwrap();
        std::fs::read(path).unwrap()
    }

    #[test]
    fn positions_round_trip_through_the_file() {
        let (stamp, entries) = parse(&sample(), 42).expect("a whole file");
        assert_eq!(stamp, Stamp { time: (10, 20), dev: 7 });
        assert_eq!(entries.len(), 2);
        assert_eq!(entries["agreements/a-1.toml"], entry(26));
        assert_eq!(entries["children/c-1.toml"], entry(9));
    }

    #[test]
    fn a_line_too_long_to_keep_is_kept_as_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(NAME);
        let stamp = Stamp { time: (10, 20), dev: 7 };
        let mut long = entry(3);
        long.answers[0].3.1 = "x".repeat(70_000);
        write(path.clone(), 42, &stamp, &[("children/c-1.toml".to_string(), long)]).unwrap();
        let (_, entries) = parse(&std::fs::read(path).unwrap(), 42).expect("a whole file");
        let answer = &entries["children/c-1.toml"].answers[0];
        assert_eq!(answer.3, (Some((3, 1)), String::new()), "the position kept, the line read again");
    }

    #[test]
    fn a_damaged_truncated_or_foreign_places_file_is_ignored() {
        let good = sample();
        assert!(parse(&good, 43).is_none(), "another binary or configuration");
        for cut in 0..good.len() {
            assert!(parse(&good[..cut], 42).is_none(), "truncated at {cut}");
        }
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            assert!(parse(&bad, 42).is_none(), "a flipped bit at {at}");
        }
    }
}
