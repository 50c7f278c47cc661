//! What a value may be, beyond its type: ranges, no control characters, names folded for
//! comparison, and the cheap typed screen ([`Screen`]) that tells the registry which valid
//! files deserve the full schema walk (`registry::validate`).

use super::Kind;
use super::schema::{Field, fields};

/// The closest known name, when it is close enough to be what the user meant.
pub fn did_you_mean(given: &str, known: &[&str]) -> Option<String> {
    known
        .iter()
        .map(|candidate| (strsim::jaro_winkler(given, candidate), *candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate.to_string())
}

/// Whether a number is finite and within the field's range (if it has one).
pub fn in_range(field: &Field, number: f64) -> bool {
    number.is_finite() && field.range.is_none_or(|(min, max)| (min..=max).contains(&number))
}

/// Control characters (C0, DEL, C1) and, in one-line text, line breaks and the Unicode line
/// and paragraph separators: they would garble a terminal, a table or a document. Tab is
/// allowed in notes.
pub fn has_control(text: &str, multiline: bool) -> bool {
    text.chars().any(|c| match c {
        '\t' | '\n' | '\r' => !multiline,
        '\u{2028}' | '\u{2029}' => !multiline,
        c => c.is_control(),
    })
}

/// The cheap typed screen of a record serde accepted: true when the schema walk must look at
/// its file (a number out of its range; text that may carry a control character). Costs a
/// few comparisons per record on the hot path.
pub trait Screen {
    fn suspect(&self) -> bool;
}

/// Only an escape (`\u001b`, `\n`) or a multi-line string can put a control character or a
/// line break into a TOML string that parsed; a file with neither needs no text scan.
pub fn text_may_hide_controls(text: &str) -> bool {
    // memchr's vectorised search: `str::contains` with a pattern of three bytes took about 5 %
    // of reading a registry.
    let bytes = text.as_bytes();
    memchr::memchr(b'\\', bytes).is_some()
        || memchr::memmem::find(bytes, b"\"\"\"").is_some()
        || memchr::memmem::find(bytes, b"'''").is_some()
}

fn field_of(kind: Kind, path: &str) -> &'static Field {
    fields(kind).iter().find(|f| f.path == path).expect("a field of the schema")
}

fn out_of_range(kind: Kind, path: &str, number: f64) -> bool {
    !in_range(field_of(kind, path), number)
}

impl Screen for super::Child {
    fn suspect(&self) -> bool {
        false
    }
}

impl Screen for super::Institution {
    fn suspect(&self) -> bool {
        false
    }
}

impl Screen for super::Mentor {
    fn suspect(&self) -> bool {
        out_of_range(Kind::Mentor, "capacity", f64::from(self.capacity))
            || self.training.hours.is_some_and(|h| out_of_range(Kind::Mentor, "training.hours", h.hours()))
    }
}

impl Screen for super::Agreement {
    fn suspect(&self) -> bool {
        self.hours_per_month.is_some_and(|h| out_of_range(Kind::Agreement, "hours_per_month", h.hours()))
            || self.contacts.iter().any(|c| {
                c.hours.is_some_and(|h| out_of_range(Kind::Agreement, "contacts[].hours", h.hours()))
            })
    }
}

/// A name as the eye reads it, for finding the same person entered twice: trimmed, without
/// zero-width and other invisible format characters, lower-cased, and Latin letters that look
/// like Cyrillic ones (`a`, `o`, `e`, `i`, `c`, `p`, `x`, `y`, and `H`, `K`, `M`, `T`, `B`
/// once lower-cased) read as those Cyrillic letters. The map is one-to-one and the same on
/// both sides of a comparison, so it only merges names that look the same; applying it
/// everywhere (not only inside Cyrillic words) keeps `Koval` and `koval` equal.
pub fn fold_name(text: &str) -> impl Iterator<Item = char> + '_ {
    text.trim().chars().filter(|c| !is_invisible(*c)).flat_map(lower).map(cyrillic_look_alike)
}

/// `char::to_lowercase`, with the letters of Latin and of the Cyrillic alphabets' basic
/// block answered at once (`check` folds 200,000 names; the general case searches a table).
fn lower(c: char) -> Lower {
    match c {
        'A'..='Z' => Lower::One(Some(c.to_ascii_lowercase())),
        'a'..='z' | 'а'..='я' | 'ѐ'..='џ' => Lower::One(Some(c)),
        // А–Я are U+0410–U+042F, а–я U+0430–U+044F; Ѐ–Џ (Ї, Є, І…) U+0400–U+040F, ѐ–џ U+0450–U+045F.
        'А'..='Я' => Lower::One(char::from_u32(c as u32 + 0x20)),
        'Ѐ'..='Џ' => Lower::One(char::from_u32(c as u32 + 0x50)),
        _ => Lower::Any(c.to_lowercase()),
    }
}

enum Lower {
    One(Option<char>),
    Any(std::char::ToLowercase),
}

impl Iterator for Lower {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            Lower::One(c) => c.take(),
            Lower::Any(rest) => rest.next(),
        }
    }
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// A lower-case Latin look-alike as its Cyrillic letter.
fn cyrillic_look_alike(c: char) -> char {
    match c {
        'a' => 'а',
        'b' => 'в',
        'c' => 'с',
        'e' => 'е',
        'h' => 'н',
        'i' => 'і',
        'k' => 'к',
        'm' => 'м',
        'o' => 'о',
        'p' => 'р',
        't' => 'т',
        'x' => 'х',
        'y' => 'у',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_quick_lower_case_is_the_standard_one_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert!(super::lower(c).eq(c.to_lowercase()), "{c:?}");
        }
    }

    use super::*;

    #[test]
    fn look_alikes_and_invisible_characters_fold_away() {
        let fold = |s: &str| fold_name(s).collect::<String>();
        assert_eq!(fold("Kов\u{200b}aлeнкo"), fold("Коваленко"));
        assert_eq!(fold("Koval"), fold("koval"));
        assert_ne!(fold("Koval"), fold("Kovak"));
    }

    #[test]
    fn control_characters_are_found() {
        assert!(has_control("a\u{1b}b", true));
        assert!(has_control("a\nb", false));
        assert!(!has_control("a\nb", true));
        assert!(has_control("a\u{9b}b", true));
        assert!(!has_control("Житомир", false));
    }
}
