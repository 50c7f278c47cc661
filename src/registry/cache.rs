//! A derived cache of parsed records (`.git/nastavnyk/cache-v1`), so that a read of the
//! registry re-parses only the files that changed since the last one.
//!
//! Each entry is keyed as git's index keys a file: size, mtime and ctime with nanoseconds,
//! inode and device. An entry is used only when its key matches the file's `lstat` now **and**
//! the file had last changed strictly before the cache began to be built (git's "racily clean"
//! rule): a file changed in the same clock tick as our `lstat` could change again without
//! changing its key, so it is re-read until a later cache proves it settled. The whole cache
//! is ignored when it was written by another binary (its size, mtime and inode), another
//! version of the format, or for another `nastavnyk.toml`.
//!
//! Only files that parsed without a problem are cached, as their record; a file with a
//! problem is re-read on every load (there are few, and a diagnostic then always comes from
//! the file itself). Whole-registry checks (IDs, duplicates, references, cadence) are not
//! cached: they run on every load. A changed cache is written by a thread of its own while the
//! command goes on, to a temporary file renamed over the old one; the registry's drop waits. The cache is never a source of truth: a damaged,
//! truncated or foreign file is ignored and rebuilt, a read-only `.git` only means no cache
//! is written, and `NASTAVNYK_NO_CACHE=1` turns it off.

use std::hash::{Hash, Hasher};
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::record::Kind;

/// Set to anything but `0` or empty: no cache is read or written.
pub const DISABLE_ENV: &str = "NASTAVNYK_NO_CACHE";

/// The file's first bytes; a new layout or a change in what is cached gets a new one.
const MAGIC: &[u8; 8] = b"NSTVKC\x04\n";
const FILE_NAME: &str = "cache-v1";

/// How git's index keys a file (`stat` data): any change of content changes the ctime, which
/// no user call can set back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileKey {
    pub size: u64,
    pub mtime: (i64, u32),
    pub ctime: (i64, u32),
    pub ino: u64,
    pub dev: u64,
}

const KEY_LEN: usize = 8 + 12 + 12 + 8 + 8;

impl FileKey {
    pub fn of(meta: &std::fs::Metadata) -> FileKey {
        use std::os::unix::fs::MetadataExt;
        FileKey {
            size: meta.size(),
            mtime: (meta.mtime(), meta.mtime_nsec() as u32),
            ctime: (meta.ctime(), meta.ctime_nsec() as u32),
            ino: meta.ino(),
            dev: meta.dev(),
        }
    }

    /// Whether the file had last changed strictly before `stamp`, a time read from the file
    /// system's own clock before this file was `lstat`ed. On another device the clocks' ticks
    /// may differ (a coarser file system rounds down), so only whole seconds count there.
    pub fn settled_before(&self, stamp: &Stamp) -> bool {
        let before = |t: (i64, u32)| {
            if self.dev == stamp.dev { t < stamp.time } else { t.0 < stamp.time.0 }
        };
        before(self.mtime) && before(self.ctime)
    }

    /// The key from an `lstat` made relative to an open folder.
    pub fn of_stat(stat: &rustix::fs::Stat) -> FileKey {
        // The kernel's types differ between architectures; each value fits the key's.
        #[allow(clippy::unnecessary_cast)]
        FileKey {
            size: stat.st_size as u64,
            mtime: (stat.st_mtime as i64, stat.st_mtime_nsec as u32),
            ctime: (stat.st_ctime as i64, stat.st_ctime_nsec as u32),
            ino: stat.st_ino as u64,
            dev: stat.st_dev as u64,
        }
    }

    pub(super) fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.size.to_le_bytes());
        out.extend_from_slice(&self.mtime.0.to_le_bytes());
        out.extend_from_slice(&self.mtime.1.to_le_bytes());
        out.extend_from_slice(&self.ctime.0.to_le_bytes());
        out.extend_from_slice(&self.ctime.1.to_le_bytes());
        out.extend_from_slice(&self.ino.to_le_bytes());
        out.extend_from_slice(&self.dev.to_le_bytes());
    }

    pub(super) fn read(r: &mut Reader) -> Option<FileKey> {
        Some(FileKey {
            size: r.u64()?,
            mtime: (r.u64()? as i64, r.u32()?),
            ctime: (r.u64()? as i64, r.u32()?),
            ino: r.u64()?,
            dev: r.u64()?,
        })
    }
}

/// The moment a cache began to be built, on the file system's clock (the ctime of the file
/// it is being written to), and that file's device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub time: (i64, u32),
    pub dev: u64,
}

/// The cache of the last load, as read, and what this load will write.
pub struct Cache {
    old: Option<Old>,
    /// `None` when no cache can be written (a read-only `.git`).
    new: Option<(Next, Stamp)>,
    target: PathBuf,
    context: u64,
}

/// How the next cache is written.
enum Next {
    /// After the load, from the entries it kept (old entries among them): the temporary file.
    Later(tempfile::NamedTempFile),
    /// With no old cache, every entry is new: written while the files are read, in blocks
    /// handed to a thread of its own (a first read of a national registry encodes 150 MB,
    /// which held until the end of the load cost more in fresh memory than the writing).
    Streamed(Stream),
}

/// The thread writing a streamed cache, and the way to it.
struct Stream {
    sender: std::sync::mpsc::SyncSender<Message>,
    thread: std::thread::JoinHandle<()>,
}

enum Message {
    /// Entries of `kind` for the files at `first..first + count` of its listing, in order
    /// (a file without an entry leaves a gap: the next entry starts a new block).
    Block { kind: Kind, first: u32, count: u32, bytes: Vec<u8> },
    /// Every block is sent: finish the file and put it in place.
    Finish,
}

struct Old {
    bytes: Vec<u8>,
    stamp: Stamp,
    /// Per kind, sorted by stem as written: the stem, the key, the encoded record.
    entries: [Vec<Entry>; 4],
}

#[derive(Clone)]
struct Entry {
    stem: Range<usize>,
    key: FileKey,
    data: Range<usize>,
}

/// One file's entry for the next cache: its key and its encoded record, either new or the
/// old cache's bytes.
pub enum Data {
    Old(Range<usize>),
    New(Vec<u8>),
    /// Already handed to the thread writing the cache (`Block`).
    Streamed,
}

/// What one record file gave, for the cache.
pub struct Kept {
    pub stem: String,
    pub key: FileKey,
    pub data: Data,
}

/// Where a hit's bytes are found, for a worker thread.
pub struct Lookup<'a> {
    kind: Kind,
    old: Option<(&'a Old, &'a [Entry])>,
    writing: bool,
    stream: Option<&'a std::sync::mpsc::SyncSender<Message>>,
}

/// Blocks of at least this size are handed on: few messages, and memory that is used again.
const BLOCK_BYTES: usize = 256 << 10;

/// A worker's run of new entries for a streamed cache: consecutive files of one listing,
/// handed to the writing thread when it is big enough, when the worker's next file is not
/// the next one, and when the worker is done (`Drop`).
pub struct Block<'a> {
    kind: Kind,
    sender: &'a std::sync::mpsc::SyncSender<Message>,
    first: u32,
    count: u32,
    bytes: Vec<u8>,
}

impl Block<'_> {
    fn push<T: Serialize>(&mut self, n: usize, stem: &str, key: &FileKey, record: &T) -> bool {
        let n = n as u32;
        if self.count > 0 && self.first + self.count != n {
            self.flush();
        }
        if self.bytes.capacity() == 0 {
            self.bytes.reserve(BLOCK_BYTES + (4 << 10));
        }
        let start = self.bytes.len();
        put_entry_head(&mut self.bytes, stem, key);
        let at = self.bytes.len();
        self.bytes.extend_from_slice(&[0; 4]);
        if super::packed::append_to(record, &mut self.bytes).is_err() {
            self.bytes.truncate(start);
            return false;
        }
        let len = (self.bytes.len() - at - 4) as u32;
        self.bytes[at..at + 4].copy_from_slice(&len.to_le_bytes());
        if self.count == 0 {
            self.first = n;
        }
        self.count += 1;
        if self.bytes.len() >= BLOCK_BYTES {
            self.flush();
        }
        true
    }

    fn flush(&mut self) {
        if self.count == 0 {
            return;
        }
        let bytes = std::mem::take(&mut self.bytes);
        // A writer that stopped (a full disk) only means no cache: the file is not kept.
        let _ =
            self.sender.send(Message::Block { kind: self.kind, first: self.first, count: self.count, bytes });
        self.count = 0;
    }
}

impl Drop for Block<'_> {
    fn drop(&mut self) {
        self.flush();
    }
}

impl Cache {
    /// The cache of the registry at `root`, or `None` when it is disabled or the registry is
    /// not in git. Never an error: anything unexpected means reading without it.
    pub fn open(root: &Path) -> Option<Cache> {
        if std::env::var_os(DISABLE_ENV).is_some_and(|v| !v.is_empty() && v != "0") {
            return None;
        }
        // Found without running git; a linked worktree or a submodule keeps its own cache.
        let (git_dir, top) = crate::git::find_dir(root)?;
        let dir = git_dir.join("nastavnyk");
        // Registries sharing one repository keep one cache each.
        let target = match root.canonicalize().ok()?.strip_prefix(&top) {
            Ok(inside) if inside.as_os_str().is_empty() => dir.join(FILE_NAME),
            Ok(inside) => dir.join(format!("{FILE_NAME}-{:016x}", hash_of(&inside))),
            Err(_) => dir.join(format!("{FILE_NAME}-{:016x}", hash_of(&root.canonicalize().ok()?))),
        };
        let context = context(root)?;
        let old = std::fs::read(&target).ok().and_then(|bytes| Old::parse(bytes, context));
        // The temporary file is made first: its ctime is the moment every later `lstat`
        // follows, on the file system's own clock.
        remove_stale_temporaries(&dir);
        let new = std::fs::create_dir_all(&dir).ok().and_then(|()| {
            let temp = tempfile::Builder::new().prefix(&format!("{FILE_NAME}.tmp")).tempfile_in(&dir).ok()?;
            let key = FileKey::of(&temp.as_file().metadata().ok()?);
            let stamp = Stamp { time: key.ctime.min(key.mtime), dev: key.dev };
            let next = match old {
                Some(_) => Next::Later(temp),
                None => Next::Streamed(Stream::start(temp, target.clone(), context, stamp)?),
            };
            Some((next, stamp))
        });
        Some(Cache { old, new, target, context })
    }

    /// The old entries of one kind, to be found by stem while the files are read.
    pub fn lookup(&self, kind: Kind) -> Lookup<'_> {
        Lookup {
            kind,
            old: self.old.as_ref().map(|old| (old, old.entries[kind as usize].as_slice())),
            writing: self.new.is_some(),
            stream: match &self.new {
                Some((Next::Streamed(stream), _)) => Some(&stream.sender),
                _ => None,
            },
        }
    }

    /// Starts writing the next cache, unless it would not change or cannot be written, and
    /// gives the files' keys of this load for other derived caches (`places.rs`), unless
    /// nothing can be written.
    pub fn into_pending(self, kept: [Vec<Kept>; 4]) -> (Pending, Option<Known>) {
        let Cache { old, new, target, context } = self;
        let Some((next, stamp)) = new else { return (Pending(None), None) };
        let kept = std::sync::Arc::new(kept);
        let known = Known { kept: kept.clone(), stamp, dir: target.clone(), context };
        let temp = match next {
            Next::Later(temp) => temp,
            Next::Streamed(Stream { sender, thread }) => {
                // Every worker's block was handed on when the worker finished.
                let _ = sender.send(Message::Finish);
                return (Pending(Some(thread)), Some(known));
            }
        };
        if old.as_ref().is_some_and(|old| old.unchanged(&kept)) {
            return (Pending(None), Some(known));
        }
        let write = PendingWrite { old, temp, stamp, target, context, kept };
        // Written on another thread while the command works on the records (the checks across
        // records run on one); a cache that cannot be written is only a slower next run.
        let thread = std::thread::Builder::new().name("nastavnyk-cache".into()).spawn(move || {
            let _ = write.write();
        });
        (Pending(thread.ok()), Some(known))
    }
}

/// The keys of this load's record files (each taken before the file was read, or from a
/// cache entry it matched), for a derived cache of answers about the files' texts.
pub struct Known {
    kept: std::sync::Arc<[Vec<Kept>; 4]>,
    /// When this load began, on the file system's clock: what a cache written now is
    /// trusted against by the next load (see `FileKey::settled_before`).
    pub stamp: Stamp,
    /// The record cache's path: a derived cache lies beside it, named after it.
    dir: PathBuf,
    /// The binary and the configuration (see `context`).
    pub context: u64,
}

impl std::fmt::Debug for Known {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let files: usize = self.kept.iter().map(Vec::len).sum();
        write!(f, "Known({files} files)")
    }
}

impl Known {
    /// The key of the file of `stem`, if it was read without a problem.
    pub fn key(&self, kind: Kind, stem: &str) -> Option<FileKey> {
        let list = &self.kept[kind as usize];
        list.binary_search_by(|k| k.stem.as_str().cmp(stem)).ok().map(|i| list[i].key)
    }

    /// The path of the derived cache `name` of this registry, beside the record cache.
    pub fn path(&self, name: &str) -> PathBuf {
        let file = self.dir.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        self.dir.with_file_name(file.replacen(FILE_NAME, name, 1))
    }
}

impl Lookup<'_> {
    /// Whether the old cache has an entry for `stem`: only then is the file `lstat`ed before
    /// it is read (a file without one is opened and keyed from the open file, one path lookup
    /// instead of two). `cursor` is where the last search ended: the files of one worker come
    /// in the entries' order, so each is found a step or two further on.
    pub fn has(&self, stem: &str, cursor: &mut usize) -> bool {
        self.entry(stem, cursor).is_some()
    }

    fn entry(&self, stem: &str, cursor: &mut usize) -> Option<&Entry> {
        let (old, entries) = self.old?;
        let stem_of = |e: &Entry| &old.bytes[e.stem.clone()];
        if *cursor >= entries.len() || stem_of(&entries[*cursor]) > stem.as_bytes() {
            *cursor = entries.partition_point(|e| stem_of(e) < stem.as_bytes());
        }
        while *cursor < entries.len() && stem_of(&entries[*cursor]) < stem.as_bytes() {
            *cursor += 1;
        }
        entries.get(*cursor).filter(|e| stem_of(e) == stem.as_bytes())
    }

    /// The old entry for `stem`, if its key is `key` and it had settled when it was written:
    /// its record, decoded. `None` for a miss, or for bytes this binary cannot decode.
    pub fn hit<T: DeserializeOwned>(
        &self,
        stem: &str,
        key: &FileKey,
        cursor: &mut usize,
    ) -> Option<(T, Data)> {
        let (old, _) = self.old?;
        // `has` has usually just put the cursor on the entry: found again at once.
        let entry = self.entry(stem, cursor)?;
        if entry.key != *key || !key.settled_before(&old.stamp) {
            return None;
        }
        let record = decode::<T>(&old.bytes[entry.data.clone()])?;
        Some((record, Data::Old(entry.data.clone())))
    }

    /// Whether a next cache is being written (and so a freshly read file needs its key).
    pub fn writing(&self) -> bool {
        self.writing
    }

    /// A block for a worker's new entries, when the cache is streamed.
    pub fn block(&self) -> Option<Block<'_>> {
        Some(Block { kind: self.kind, sender: self.stream?, first: 0, count: 0, bytes: Vec::new() })
    }

    /// A freshly parsed record (the file at `n` of the listing) as the next cache's entry:
    /// into the worker's `block` when the cache is streamed, else kept for the write after the
    /// load. Nothing when no cache will be written.
    pub fn keep<T: Serialize + DeserializeOwned + std::fmt::Debug>(
        &self,
        n: usize,
        stem: &str,
        key: FileKey,
        record: &T,
        block: Option<&mut Block>,
    ) -> Option<Kept> {
        #[cfg(debug_assertions)]
        if self.writing {
            check_round_trip(record);
        }
        let data = match block {
            Some(block) => block.push(n, stem, &key, record).then_some(Data::Streamed)?,
            None => self.encode(record)?,
        };
        Some(Kept { stem: stem.to_string(), key, data })
    }

    /// A freshly parsed record as the next cache's entry (nothing when none will be written).
    fn encode<T: Serialize + DeserializeOwned + std::fmt::Debug>(&self, record: &T) -> Option<Data> {
        if !self.writing {
            return None;
        }
        let bytes = super::packed::to_vec(record).ok()?;
        Some(Data::New(bytes))
    }
}

/// The records' serde was written for TOML; what the cache relies on is that their encoding
/// decodes to the same record, checked on every write in test builds.
#[cfg(debug_assertions)]
fn check_round_trip<T: Serialize + DeserializeOwned + std::fmt::Debug>(record: &T) {
    let bytes = super::packed::to_vec(record).expect("a record encodes");
    let back: T = decode(&bytes).expect("a cached record decodes");
    assert_eq!(format!("{back:?}"), format!("{record:?}"), "a cached record round-trips");
}

/// An entry's stem and key; its data's length and its data follow.
fn put_entry_head(out: &mut Vec<u8>, stem: &str, key: &FileKey) {
    out.push(stem.len() as u8);
    out.extend_from_slice(stem.as_bytes());
    key.write(out);
}

/// A cache file being written: its head, then blocks of entries, then the end and the CRC of
/// everything before it.
struct Sink<'f> {
    out: std::io::BufWriter<&'f std::fs::File>,
    crc: crc32fast::Hasher,
}

/// Where the blocks end (no kind has this number).
const END: u8 = 0xFF;

impl<'f> Sink<'f> {
    fn new(file: &'f std::fs::File, context: u64, stamp: &Stamp) -> std::io::Result<Sink<'f>> {
        let mut sink =
            Sink { out: std::io::BufWriter::with_capacity(1 << 20, file), crc: crc32fast::Hasher::new() };
        let mut head = Vec::with_capacity(64);
        write_head(&mut head, MAGIC, context, stamp);
        sink.put(&head)?;
        Ok(sink)
    }

    fn put(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.crc.update(bytes);
        self.out.write_all(bytes)
    }

    fn block_head(&mut self, kind: Kind, first: u32, count: u32) -> std::io::Result<()> {
        let mut head = [0u8; 9];
        head[0] = kind as u8;
        head[1..5].copy_from_slice(&first.to_le_bytes());
        head[5..9].copy_from_slice(&count.to_le_bytes());
        self.put(&head)
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.put(&[END])?;
        let sum = self.crc.clone().finalize();
        self.out.write_all(&sum.to_le_bytes())?;
        self.out.flush()
    }
}

impl Stream {
    /// The thread that writes blocks as they come and puts the file in place on `Finish`;
    /// if the senders go away without it (a load that did not finish), the file is dropped.
    fn start(temp: tempfile::NamedTempFile, target: PathBuf, context: u64, stamp: Stamp) -> Option<Stream> {
        // A few blocks in flight at most: the readers wait rather than fill memory.
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Message>(8);
        let thread = std::thread::Builder::new()
            .name("nastavnyk-cache".into())
            .spawn(move || {
                let finished = (|| -> std::io::Result<bool> {
                    let mut sink = Sink::new(temp.as_file(), context, &stamp)?;
                    for message in receiver {
                        match message {
                            Message::Block { kind, first, count, bytes } => {
                                sink.block_head(kind, first, count)?;
                                sink.put(&bytes)?;
                            }
                            Message::Finish => {
                                sink.finish()?;
                                return Ok(true);
                            }
                        }
                    }
                    Ok(false)
                })();
                // No fsync: after a crash a torn cache fails its checksum and is rebuilt.
                if let Ok(true) = finished {
                    let _ = temp.persist(&target);
                }
            })
            .ok()?;
        Some(Stream { sender, thread })
    }
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    crate::record::date::from_cache(|| super::unpack::from_slice::<T>(bytes).ok())
}

/// The next cache, being written by its own thread; dropping it waits for the thread, so the
/// process does not end half-way through (a torn cache would only be rebuilt, but wasted).
pub struct Pending(Option<std::thread::JoinHandle<()>>);

struct PendingWrite {
    old: Option<Old>,
    temp: tempfile::NamedTempFile,
    stamp: Stamp,
    target: PathBuf,
    context: u64,
    kept: std::sync::Arc<[Vec<Kept>; 4]>,
}

impl Pending {
    pub fn none() -> Pending {
        Pending(None)
    }
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Pending(writing)" } else { "Pending(none)" })
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(thread) = self.0.take() {
            let _ = thread.join();
        }
    }
}

impl PendingWrite {
    fn write(self) -> std::io::Result<()> {
        let PendingWrite { old, temp, stamp, target, context, kept } = self;
        let old_bytes = old.as_ref().map_or(&[][..], |old| old.bytes.as_slice());
        let mut sink = Sink::new(temp.as_file(), context, &stamp)?;
        let mut head = Vec::with_capacity(256);
        for (kind, list) in Kind::ALL.into_iter().zip(kept.iter()) {
            // One block per kind: the whole list, in order.
            sink.block_head(kind, 0, list.len() as u32)?;
            for entry in list {
                let data = match &entry.data {
                    Data::Old(range) => {
                        old_bytes.get(range.clone()).ok_or(std::io::ErrorKind::InvalidData)?
                    }
                    Data::New(bytes) => bytes.as_slice(),
                    Data::Streamed => return Err(std::io::ErrorKind::InvalidData.into()),
                };
                head.clear();
                put_entry_head(&mut head, &entry.stem, &entry.key);
                head.extend_from_slice(&(data.len() as u32).to_le_bytes());
                sink.put(&head)?;
                sink.put(data)?;
            }
        }
        sink.finish()?;
        // No fsync: after a crash a torn cache fails its checksum and is rebuilt.
        temp.persist(&target).map_err(|err| err.error)?;
        Ok(())
    }
}

impl Old {
    /// Whether the new entries are the old cache's: only when they differ is it rewritten.
    fn unchanged(&self, kept: &[Vec<Kept>; 4]) -> bool {
        kept.iter().zip(&self.entries).all(|(kept, entries)| {
            kept.len() == entries.len()
                && kept.iter().zip(entries).all(|(k, e)| {
                    matches!(&k.data, Data::Old(range) if *range == e.data)
                        && k.key == e.key
                        && k.stem.as_bytes() == &self.bytes[e.stem.clone()]
                })
        })
    }

    /// The entries of a cache file, or `None` for anything but a whole cache of this binary,
    /// format and configuration.
    fn parse(bytes: Vec<u8>, context: u64) -> Option<Old> {
        let (mut r, stamp) = read_head(&bytes, MAGIC, context)?;
        let body_len = r.bytes.len();
        // Blocks come in any order (a streamed cache is written as the workers finish them):
        // each kind's entries are read into one list, with where each block starts, and put in
        // the order of the blocks' first files only when they are not in it already (a cache
        // written after a load has one block per kind).
        let mut entries: [Vec<Entry>; 4] = Default::default();
        let mut blocks: [Vec<(u32, Range<usize>)>; 4] = Default::default();
        loop {
            let kind = r.u8()?;
            if kind == END {
                break;
            }
            let list = entries.get_mut(kind as usize)?;
            let first = r.u32()?;
            let count = r.u32()? as usize;
            let start = list.len();
            list.reserve(count.min(body_len / (KEY_LEN + 6)));
            for _ in 0..count {
                let stem_len = r.u8()? as usize;
                let stem = r.take(stem_len)?;
                let key = FileKey::read(&mut r)?;
                let data_len = r.u32()? as usize;
                let data = r.take(data_len)?;
                list.push(Entry { stem, key, data });
            }
            blocks[kind as usize].push((first, start..list.len()));
        }
        for (list, mut blocks) in entries.iter_mut().zip(blocks) {
            if !blocks.is_sorted_by_key(|(first, _)| *first) {
                blocks.sort_unstable_by_key(|(first, _)| *first);
                let mut in_order = Vec::with_capacity(list.len());
                for (_, range) in blocks {
                    in_order.extend(list[range].iter().cloned());
                }
                *list = in_order;
            }
            // In the order of the sorted file list, each file once: anything else is not ours.
            if !list.windows(2).all(|w| bytes[w[0].stem.clone()] < bytes[w[1].stem.clone()]) {
                return None;
            }
        }
        (r.at == body_len).then_some(Old { bytes, stamp, entries })
    }
}

/// The head of a cache file of ours: its magic, the binary's and configuration's `context`
/// and the stamp it is trusted against. A CRC of everything follows the body.
pub(super) fn write_head(out: &mut Vec<u8>, magic: &[u8; 8], context: u64, stamp: &Stamp) {
    out.extend_from_slice(magic);
    out.extend_from_slice(&context.to_le_bytes());
    out.extend_from_slice(&stamp.time.0.to_le_bytes());
    out.extend_from_slice(&stamp.time.1.to_le_bytes());
    out.extend_from_slice(&stamp.dev.to_le_bytes());
}

/// The body of a whole cache file with this `magic` and `context` (its CRC checked), from
/// just after its head, and its stamp; `None` for anything else.
pub(super) fn read_head<'a>(bytes: &'a [u8], magic: &[u8; 8], context: u64) -> Option<(Reader<'a>, Stamp)> {
    let body_len = bytes.len().checked_sub(4)?;
    let sum = u32::from_le_bytes(bytes[body_len..].try_into().ok()?);
    if !bytes.starts_with(magic) || crc32fast::hash(&bytes[..body_len]) != sum {
        return None;
    }
    let mut r = Reader { bytes: &bytes[..body_len], at: magic.len() };
    if r.u64()? != context {
        return None;
    }
    let stamp = Stamp { time: (r.u64()? as i64, r.u32()?), dev: r.u64()? };
    Some((r, stamp))
}

pub(super) struct Reader<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) at: usize,
}

impl Reader<'_> {
    pub(super) fn take(&mut self, len: usize) -> Option<Range<usize>> {
        let end = self.at.checked_add(len).filter(|end| *end <= self.bytes.len())?;
        let range = self.at..end;
        self.at = end;
        Some(range)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let range = self.take(N)?;
        self.bytes[range].try_into().ok()
    }

    pub(super) fn u8(&mut self) -> Option<u8> {
        Some(self.array::<1>()?[0])
    }

    pub(super) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.array()?))
    }

    pub(super) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.array()?))
    }
}

/// What every entry's meaning depends on besides its file: the binary that parsed it (a new
/// build may parse differently), the format, and the configuration (nothing in a record's
/// parse reads it today, but a cache kept across a changed configuration is not worth the
/// doubt).
fn context(root: &Path) -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let exe = FileKey::of(&std::fs::metadata(exe).ok()?);
    let config = std::fs::read(root.join(super::CONFIG_FILE)).unwrap_or_default();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (MAGIC, env!("CARGO_PKG_VERSION"), exe.size, exe.mtime, exe.ctime, exe.ino, exe.dev).hash(&mut hasher);
    config.hash(&mut hasher);
    Some(hasher.finish())
}

/// Temporary caches an hour old: left by a process that was killed while writing (a write
/// takes seconds, so nobody is still writing them).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!("{FILE_NAME}.tmp");
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in entries.flatten() {
        let stale = entry.file_name().to_string_lossy().starts_with(&prefix)
            && entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < hour_ago);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(mtime: (i64, u32), ctime: (i64, u32), dev: u64) -> FileKey {
        FileKey { size: 10, mtime, ctime, ino: 1, dev }
    }

    #[test]
    fn a_file_changed_in_the_tick_of_the_stamp_or_later_is_not_trusted() {
        let stamp = Stamp { time: (100, 500), dev: 7 };
        assert!(key((100, 499), (100, 499), 7).settled_before(&stamp));
        assert!(!key((100, 500), (100, 499), 7).settled_before(&stamp), "mtime in the tick");
        assert!(!key((100, 499), (100, 500), 7).settled_before(&stamp), "ctime in the tick");
        assert!(!key((99, 0), (101, 0), 7).settled_before(&stamp), "mtime set back, ctime later");
        // Another device: whole seconds only.
        assert!(!key((100, 1), (100, 1), 8).settled_before(&stamp));
        assert!(key((99, 999_999_999), (99, 0), 8).settled_before(&stamp));
    }

    #[test]
    fn a_key_from_an_lstat_in_the_folder_is_the_key_from_the_open_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("c-1.toml"), "id = \"c-1\"\n").unwrap();
        let folder = std::fs::File::open(dir.path()).unwrap();
        let stat = rustix::fs::statat(&folder, "c-1.toml", rustix::fs::AtFlags::SYMLINK_NOFOLLOW).unwrap();
        let meta = std::fs::File::open(dir.path().join("c-1.toml")).unwrap().metadata().unwrap();
        assert_eq!(FileKey::of_stat(&stat), FileKey::of(&meta));
    }

    #[test]
    fn keys_round_trip_and_differ_in_every_field() {
        let a = FileKey { size: 1, mtime: (-2, 3), ctime: (4, 5), ino: 6, dev: 7 };
        let mut bytes = Vec::new();
        a.write(&mut bytes);
        assert_eq!(bytes.len(), KEY_LEN);
        assert_eq!(FileKey::read(&mut Reader { bytes: &bytes, at: 0 }), Some(a));
        for b in [
            FileKey { size: 2, ..a },
            FileKey { mtime: (-2, 4), ..a },
            FileKey { ctime: (4, 6), ..a },
            FileKey { ino: 9, ..a },
            FileKey { dev: 9, ..a },
        ] {
            assert_ne!(a, b);
        }
    }

    /// An entry of stem `stem` whose data is `data`.
    fn entry(stem: &str, data: &[u8]) -> Vec<u8> {
        let mut bytes = Vec::new();
        put_entry_head(&mut bytes, stem, &FileKey { size: 1, mtime: (1, 1), ctime: (1, 1), ino: 1, dev: 1 });
        bytes.extend_from_slice(&(data.len() as u32).to_le_bytes());
        bytes.extend_from_slice(data);
        bytes
    }

    /// A block: its kind, its first file's place, its entries as (stem, data).
    type TestBlock<'a> = (u8, u32, &'a [(&'a str, &'a [u8])]);

    /// A cache file of `blocks`.
    fn cache_of(blocks: &[TestBlock]) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&42u64.to_le_bytes());
        bytes.extend_from_slice(&[0; 20]);
        for (kind, first, entries) in blocks {
            bytes.push(*kind);
            bytes.extend_from_slice(&first.to_le_bytes());
            bytes.extend_from_slice(&(entries.len() as u32).to_le_bytes());
            for (stem, data) in *entries {
                bytes.extend_from_slice(&entry(stem, data));
            }
        }
        bytes.push(END);
        let sum = crc32fast::hash(&bytes);
        bytes.extend_from_slice(&sum.to_le_bytes());
        bytes
    }

    fn sample() -> Vec<u8> {
        cache_of(&[(0, 0, &[("c1", b"abc")])])
    }

    fn stems(old: &Old, kind: usize) -> Vec<String> {
        old.entries[kind]
            .iter()
            .map(|e| String::from_utf8(old.bytes[e.stem.clone()].to_vec()).unwrap())
            .collect()
    }

    #[test]
    fn a_streamed_cache_is_read_in_the_order_of_its_files_whatever_the_order_of_its_blocks() {
        let bytes = cache_of(&[
            (1, 2, &[("m3", b"3"), ("m4", b"4")]),
            (0, 5, &[("c6", b"6")]),
            (1, 0, &[("m1", b"1")]),
            (0, 0, &[("c1", b"1"), ("c2", b"2")]),
        ]);
        let old = Old::parse(bytes, 42).expect("a whole cache");
        assert_eq!(stems(&old, 0), ["c1", "c2", "c6"]);
        assert_eq!(stems(&old, 1), ["m1", "m3", "m4"]);
        assert!(old.entries[2].is_empty() && old.entries[3].is_empty());
        assert_eq!(&old.bytes[old.entries[1][1].data.clone()], b"3");
        // Blocks that overlap, repeat a file or disagree with the files' order are not ours.
        for blocks in [
            &[(0u8, 0u32, &[("c1", &b"1"[..]), ("c2", b"2")][..]), (0, 1, &[("c2", b"2")])][..],
            &[(0, 0, &[("c2", b"2")]), (0, 1, &[("c1", b"1")])],
            &[(4, 0, &[("x1", b"1")])],
        ] {
            assert!(Old::parse(cache_of(blocks), 42).is_none());
        }
    }

    #[test]
    fn a_whole_cache_is_read_and_a_damaged_or_foreign_one_is_not() {
        let good = sample();
        let old = Old::parse(good.clone(), 42).expect("a whole cache");
        assert_eq!(&old.bytes[old.entries[0][0].data.clone()], b"abc");
        assert!(Old::parse(good.clone(), 43).is_none(), "another binary or configuration");
        for cut in 0..good.len() {
            assert!(Old::parse(good[..cut].to_vec(), 42).is_none(), "truncated at {cut}");
        }
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            assert!(Old::parse(bad, 42).is_none(), "a flipped bit at {at}");
        }
        assert!(Old::parse(b"not a cache at all".to_vec(), 42).is_none());
    }
}
