//! Where a finding's key is written in its file, found by reading the lines rather than by
//! parsing the file: a national registry places some 50,000 findings in 25,000 files, and
//! toml_edit's full parse of each was most of `check`'s time after the load.
//!
//! The scanner knows the layout the tool writes and people keep: `key = value` lines under
//! `[table]` and `[[array]]` headers, comments, values spread over lines inside brackets.
//! Anything else it declines (`None`), and the caller asks toml_edit, so a finding's position
//! never depends on which of the two answered: triple-quoted strings (whose lines could look
//! like headers), quoted headers, inline tables, a dotted or quoted key where it could be or
//! define the wanted key (in the wanted table, or at the top level), a key or table it does
//! not find (toml_edit then answers with the table's header), anything it does not recognise.
//! It is meant for texts that parse as TOML (a loaded record): it does not validate them.

/// The 1-based line and column of `key` in `table` (`""` the top level; for an array of
/// tables, its `index`-th element), as `diagnostic::Locator::key` gives them; `None` when the
/// scanner is not certain.
#[cfg(test)]
pub(crate) fn scan_key(text: &str, table: &str, index: usize, key: &str) -> Option<(usize, usize)> {
    scannable(text).then(|| scan_lines(text, table, index, key)).flatten()
}

/// Whether the scanner may read `text` at all: no triple-quoted strings, whose lines could
/// look like headers or keys. Asked once per file, however many findings it has.
pub(crate) fn scannable(text: &str) -> bool {
    !text.contains("\"\"\"") && !text.contains("'''")
}

/// [`scan_key`] on a text already found [`scannable`].
pub(crate) fn scan_lines(text: &str, table: &str, index: usize, key: &str) -> Option<(usize, usize)> {
    if !is_bare(key) || !(table.is_empty() || is_bare(table)) {
        return None;
    }
    // The section the lines being read belong to: the top level to begin with.
    let mut section = Section::Top;
    // Whether that section is the wanted table (or its `index`-th element).
    let mut inside = table.is_empty();
    // How many `[[table]]` headers were seen, to know the `index`-th.
    let mut elements = 0;
    // Brackets of a value still open at the end of the previous line.
    let mut depth = 0usize;
    for (number, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if depth > 0 {
            depth = value_depth(line, depth)?;
            continue;
        }
        let body = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - body.len();
        match body.bytes().next() {
            None | Some(b'#') => {}
            Some(b'[') => {
                section = header(body)?;
                inside = match section {
                    Section::Table(name) => name == table,
                    Section::Element(name) if name == table => {
                        elements += 1;
                        elements == index + 1
                    }
                    _ => false,
                };
            }
            Some(_) => {
                let (end, simple) = key_end(body)?;
                if simple && inside && &body[..end] == key {
                    // The key is ASCII, and so is the indentation before it: bytes are columns.
                    return Some((number + 1, indent + 1));
                }
                // A dotted or quoted key may be the wanted one, or (at the top level) define
                // a key of the wanted table: only in another table can it be passed over.
                if !simple && (inside || section == Section::Top) {
                    return None;
                }
                let value = body[end..].trim_start_matches([' ', '\t']);
                depth = value_depth(value.strip_prefix('=')?, 0)?;
            }
        }
    }
    None
}

/// Which table the lines after a header fill.
#[derive(Clone, Copy, PartialEq)]
enum Section<'a> {
    Top,
    /// `[name]`.
    Table(&'a str),
    /// `[[name]]`.
    Element(&'a str),
    /// `[name.sub]` or `[[name.sub]]`: none the scanner is asked about.
    Sub,
}

/// The section a header line opens; `None` for anything but bare names (dotted or not)
/// followed by nothing or a comment.
fn header(line: &str) -> Option<Section<'_>> {
    let (array, inner) = match line.strip_prefix("[[") {
        Some(inner) => (true, inner),
        None => (false, &line[1..]),
    };
    let end = inner.bytes().position(|b| !is_bare_byte(b))?;
    let (name, rest) = inner.split_at(end);
    let dotted = rest.starts_with('.');
    // A sub-table's header: bare names and dots up to its bracket.
    let end = rest.bytes().position(|b| !(is_bare_byte(b) || b == b'.'))?;
    let (path, rest) = rest.split_at(end);
    let rest = rest.strip_prefix(if array { "]]" } else { "]" })?;
    let rest = rest.trim_start_matches([' ', '\t']);
    if name.is_empty()
        || path.ends_with('.')
        || path.contains("..")
        || !(rest.is_empty() || rest.starts_with('#'))
    {
        return None;
    }
    Some(match (dotted, array) {
        (true, _) => Section::Sub,
        (false, true) => Section::Element(name),
        (false, false) => Section::Table(name),
    })
}

/// Where the key of a `key = value` line ends, and whether it is one bare name; `None` for a
/// line that does not start with a key (bare or quoted names, dotted) and `=`.
fn key_end(line: &str) -> Option<(usize, bool)> {
    let bytes = line.as_bytes();
    let (mut at, mut parts, mut bare) = (0, 0, true);
    loop {
        let start = at;
        match bytes.get(at)? {
            b'"' => {
                at += 1;
                loop {
                    match bytes.get(at)? {
                        b'\\' => at += 2,
                        b'"' => break,
                        _ => at += 1,
                    }
                }
                at += 1;
                bare = false;
            }
            b'\'' => {
                at += 1 + line[at + 1..].find('\'')? + 1;
                bare = false;
            }
            _ => {
                while bytes.get(at).is_some_and(|b| is_bare_byte(*b)) {
                    at += 1;
                }
                if at == start {
                    return None;
                }
            }
        }
        parts += 1;
        let end = at;
        while matches!(bytes.get(at), Some(b' ' | b'\t')) {
            at += 1;
        }
        match bytes.get(at)? {
            b'.' => at += 1,
            b'=' => return Some((end, bare && parts == 1)),
            _ => return None,
        }
        while matches!(bytes.get(at), Some(b' ' | b'\t')) {
            at += 1;
        }
    }
}

/// The depth of brackets open after reading `value` from `depth`: strings, comments and
/// arrays are followed; an inline table, or a string left open, declines (`None`). Strings
/// are crossed by searching their closing quote (`find` is memchr), not byte by byte: they
/// are most of a record's text.
fn value_depth(value: &str, mut depth: usize) -> Option<usize> {
    let bytes = value.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'#' => break,
            b'[' => depth += 1,
            b']' => depth = depth.checked_sub(1)?,
            b'{' | b'}' => return None,
            b'"' => {
                let open = at;
                loop {
                    at += 1 + value[at + 1..].find('"')?;
                    // Escaped if an odd number of backslashes (inside the string) precede it.
                    let slashes = bytes[open + 1..at].iter().rev().take_while(|b| **b == b'\\').count();
                    if slashes % 2 == 0 {
                        break;
                    }
                }
            }
            b'\'' => at += 1 + value[at + 1..].find('\'')?,
            _ => {}
        }
        at += 1;
    }
    Some(depth)
}

fn is_bare_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

fn is_bare(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(is_bare_byte)
}

#[cfg(test)]
#[path = "place_tests.rs"]
mod tests;
