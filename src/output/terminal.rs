//! The terminal the output goes to: how wide it is and whether it takes colour; text fitted
//! to its width (wrapped at spaces, an overlong word cut with «…»).
//!
//! The width applies only when standard output is a terminal: `COLUMNS` if set (as POSIX
//! asks, so a script or a test can fix it), else the terminal's own size. A pipe or a file
//! has no width: what goes to `grep`, `less -S` or a golden file is never wrapped.

use std::io::IsTerminal;
use std::sync::OnceLock;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::cli::Color;

/// The narrowest width worth fitting to: below it, wrapping makes things worse, not better.
const MIN_WIDTH: usize = 20;

/// The width lines must fit in, or `None` when standard output is not a terminal.
pub fn width() -> Option<usize> {
    static WIDTH: OnceLock<Option<usize>> = OnceLock::new();
    *WIDTH.get_or_init(|| {
        if !std::io::stdout().is_terminal() {
            return None;
        }
        let columns = std::env::var("COLUMNS").ok().and_then(|text| text.trim().parse::<usize>().ok());
        let size = || terminal_size::terminal_size().map(|(w, _)| usize::from(w.0));
        let width = columns.filter(|w| *w > 0).or_else(size).unwrap_or(80);
        Some(width.max(MIN_WIDTH))
    })
}

/// Whether to colour standard output: `--color always|never`, else only on a terminal that is
/// not `TERM=dumb` and without a non-empty `NO_COLOR` (no-color.org: a flag overrides it).
pub fn color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|term| term == "dumb");
            std::io::stdout().is_terminal() && !no_color && !dumb
        }
    }
}

/// The display width of `text` in terminal columns (Cyrillic 1, CJK 2, combining marks 0),
/// ANSI colour sequences not counted.
pub fn display_width(text: &str) -> usize {
    if text.contains('\x1b') { anstream::adapter::strip_str(text).to_string().width() } else { text.width() }
}

/// `text` cut to `max` columns, ending in «…» when anything was cut (colour sequences are
/// kept whole, take no room, and a cut coloured text is reset after the «…»).
pub fn truncate(text: &str, max: usize) -> String {
    if display_width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            out.push(c);
            for c in chars.by_ref() {
                out.push(c);
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    if text.contains('\x1b') {
        out.push_str("\x1b[0m");
    }
    out
}

/// Every line of `text` fitted to the terminal's width (unchanged when there is none).
pub fn fit(text: &str) -> String {
    match width() {
        Some(width) => fit_to(text, width),
        None => text.to_string(),
    }
}

/// Every line of `text` fitted to `width`: wrapped at spaces, each continuation indented like
/// the line's own text (its leading spaces, or the column after a `✓ code    ` label or a
/// `2026-11-25  a-0001  ` lead, so the wrapped words stay in their column).
pub fn fit_to(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        if display_width(body) <= width {
            out.push_str(line);
            continue;
        }
        // At least a third of the width (and 20 columns) is left for the wrapped text.
        let hang = hanging_indent(body).min(width.saturating_sub(20).min(width * 2 / 3));
        for (n, piece) in wrap(body, width, hang).iter().enumerate() {
            if n > 0 {
                out.push('\n');
                out.push_str(&" ".repeat(hang));
            }
            out.push_str(piece);
        }
        out.push_str(newline);
    }
    out
}

/// Where a wrapped line's text continues: after the last run of two or more spaces in the
/// line's first half (a label's column), else after its leading spaces.
fn hanging_indent(line: &str) -> usize {
    let plain = anstream::adapter::strip_str(line).to_string();
    let leading = plain.chars().take_while(|c| *c == ' ').count();
    let half = plain.width() / 2;
    let mut column = 0;
    let mut run = 0;
    let mut hang = leading;
    for c in plain.chars() {
        if column > half {
            break;
        }
        column += c.width().unwrap_or(0);
        if c == ' ' {
            run += 1;
        } else {
            if run >= 2 && column - 1 > leading {
                hang = column - 1;
            }
            run = 0;
        }
    }
    hang
}

/// The pieces of `line`, the first `width` wide and the rest `width - hang`, broken at spaces;
/// a word longer than a whole piece is cut with «…».
fn wrap(line: &str, width: usize, hang: usize) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut words = line.split(' ');
    // The first word keeps the line's leading spaces (empty words before it).
    let mut current = words.next().unwrap_or_default().to_string();
    let mut room = width;
    for word in words {
        if word.is_empty() && current.is_empty() && !pieces.is_empty() {
            continue;
        }
        let fits = display_width(&current) + 1 + display_width(word) <= room;
        // Leading spaces alone are no piece: an overlong first word goes with them, cut.
        if fits || current.trim().is_empty() && pieces.is_empty() {
            current.push(' ');
            current.push_str(word);
        } else {
            pieces.push(truncate(current.trim_end(), room));
            room = width - hang;
            current = word.to_string();
        }
    }
    pieces.push(truncate(&current, room));
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_under_their_label() {
        let line = "✓ child.category           категорія: дитина, позбавлена батьківського піклування, яка живе в закладі";
        let text = fit_to(&format!("{line}\n"), 60);
        for piece in text.lines() {
            assert!(display_width(piece) <= 60, "{piece:?}");
        }
        let second = text.lines().nth(1).expect("wrapped");
        assert_eq!(second.chars().take_while(|c| *c == ' ').count(), 27, "{second:?}");
    }

    #[test]
    fn an_overlong_word_is_cut_with_an_ellipsis() {
        let text = fit_to(&"x".repeat(100), 40);
        assert_eq!(text, format!("{}…", "x".repeat(39)));
    }

    #[test]
    fn short_lines_are_left_alone() {
        assert_eq!(fit_to("  a  b\n\nc", 10), "  a  b\n\nc");
    }

    #[test]
    fn colour_sequences_take_no_room() {
        assert_eq!(display_width("\x1b[1;31mтак\x1b[0m"), 3);
        assert_eq!(truncate("\x1b[2mабвгд\x1b[0m", 3), "\x1b[2mаб…\x1b[0m");
    }
}
