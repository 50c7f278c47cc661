//! Pretty JSON of a long array written on every core, byte for byte the text that
//! `serde_json::to_string_pretty` gives for the whole document. A national `match` proposes
//! 100,000 pairs (21 MB of JSON): written by one thread, that was a fifth of the command.

use std::io;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::Formatter;

/// Items written per task: enough to outweigh a task's cost, few enough to share the work.
const CHUNK: usize = 2048;

/// serde_json's `PrettyFormatter` (two spaces per level) starting `depth` levels in, so that
/// a value can be written on its own and still sit where it belongs in the document.
struct PrettyAt {
    depth: usize,
    has_value: bool,
}

fn indent<W: ?Sized + io::Write>(out: &mut W, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        out.write_all(b"  ")?;
    }
    Ok(())
}

impl PrettyAt {
    /// A new array or object: one level deeper, nothing in it yet.
    fn open<W: ?Sized + io::Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    /// Its end, on a line of its own unless it was empty.
    fn close<W: ?Sized + io::Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            indent(out, self.depth)?;
        }
        out.write_all(bracket)
    }

    /// An element or a key: after a comma unless it is the first, on a line of its own.
    fn item<W: ?Sized + io::Write>(&self, out: &mut W, first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        indent(out, self.depth)
    }
}

impl Formatter for PrettyAt {
    fn begin_array<W: ?Sized + io::Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.item(out, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.item(out, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `document` (pretty JSON of an object whose top-level `key` holds an empty array) with that
/// array's items filled in from `items`, each turned into JSON by `to_json` — on all cores.
///
/// # Panics
/// If `document` has no top-level `"key": []`, or an item fails to serialize (the callers'
/// types cannot: plain strings, numbers and maps with string keys).
pub fn with_array<T: Sync, U: Serialize>(
    document: &str,
    key: &str,
    items: &[T],
    to_json: impl Fn(&T) -> U + Sync,
) -> String {
    // A raw line break never occurs inside a JSON string, so this is the top-level key.
    let empty = format!("\n  \"{key}\": []");
    let at = document.find(&empty).expect("the document has the array, empty, at the top level");
    if items.is_empty() {
        return document.to_string();
    }
    let parts: Vec<Vec<u8>> = items
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut out = Vec::with_capacity(chunk.len() * 256);
            for item in chunk {
                out.extend_from_slice(b",\n    ");
                let mut serializer =
                    serde_json::Serializer::with_formatter(&mut out, PrettyAt { depth: 2, has_value: false });
                to_json(item).serialize(&mut serializer).expect("the item serializes");
            }
            out
        })
        .collect();
    let length: usize = parts.iter().map(Vec::len).sum();
    let mut text = Vec::with_capacity(document.len() + length + 8);
    let open = at + empty.len() - 1;
    text.extend_from_slice(&document.as_bytes()[..open]);
    for (k, part) in parts.iter().enumerate() {
        // Each item starts with ",\n    "; the first item only with "\n    ".
        text.extend_from_slice(if k == 0 { &part[1..] } else { part });
    }
    text.extend_from_slice(b"\n  ");
    text.extend_from_slice(&document.as_bytes()[open..]);
    String::from_utf8(text).expect("serde_json writes UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn whole(items: &[serde_json::Value]) -> String {
        serde_json::to_string_pretty(&json!({"a": 1, "items": items, "z": {"k": [1, 2]}})).unwrap()
    }

    #[test]
    fn the_filled_array_is_the_text_of_the_whole_document() {
        let items: Vec<serde_json::Value> = (0..5000)
            .map(|k| {
                json!({
                    "id": format!("c-{k:06}"),
                    "name": "Ім'я \"в лапках\"\n",
                    "score": k as f64 / 8.0,
                    "nested": {"list": [k, k + 1], "empty": [], "none": {}},
                })
            })
            .collect();
        let empty = whole(&[]);
        for n in [0, 1, 2, CHUNK - 1, CHUNK, CHUNK + 1, items.len()] {
            let filled = with_array(&empty, "items", &items[..n], |item| item.clone());
            assert_eq!(filled, whole(&items[..n]), "{n} items");
        }
    }

    #[test]
    #[should_panic(expected = "the array, empty, at the top level")]
    fn a_document_without_the_array_is_refused() {
        with_array("{\n  \"other\": []\n}", "items", &[1], |k| *k);
    }
}
