//! A table as text: columns and a rule under the header, like `git status` or `cargo tree`,
//! easy to read on a terminal and still plain text when pasted into an email.
//!
//! On a terminal (`terminal::width`), it never makes a line wider than the terminal:
//! - columns of short values (IDs, dates, statuses: at most `SHORT` columns) keep their width,
//!   the long texts share what is left and wrap at spaces, a cell of more than `MAX_LINES`
//!   lines is cut with «…»;
//! - a table with more columns than the width can hold readably (each at least `MIN_TEXT`
//!   wide) is not squeezed into slivers: its lines are cut at the edge with «…», showing the
//!   first columns whole (`--format csv` or a wider window shows the rest).
//!
//! Without a width (a pipe, a file) nothing is wrapped or cut.

use super::terminal::{display_width, truncate};

/// The most lines a cell takes on a terminal before it is cut with «…».
const MAX_LINES: usize = 4;

/// The widest value a column may hold to be kept whole on a terminal (a date, an ID, a status).
const SHORT: usize = 12;

/// The narrowest a column is made on a terminal.
const MIN_TEXT: usize = 10;

/// Renders `headers` over `rows`, fitted to `width` if there is one.
pub fn render(headers: &[String], rows: &[Vec<String>], width: Option<usize>) -> String {
    let columns = headers.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let layout = width.map(|width| layout(headers, rows, columns, width));
    let mut table = comfy_table::Table::new();
    table.load_style(
        comfy_table::TableStyle::new()
            .header_separator(comfy_table::LineStyle::none().fill('─').junction('─')),
    );
    table.set_truncation_indicator("…");
    table.set_content_arrangement(comfy_table::ContentArrangement::Disabled);
    table.set_header(headers.to_vec());
    for cells in rows {
        let mut row = comfy_table::Row::from(cells.clone());
        if matches!(layout, Some(Some(_))) {
            row.max_height(MAX_LINES);
        }
        table.add_row(row);
    }
    // After the rows: comfy-table knows the columns only once it has cells.
    if let Some(Some(widths)) = &layout {
        // comfy-table's width includes the padding, a space each side.
        table.set_constraints(widths.iter().map(|w| {
            comfy_table::ColumnConstraint::Absolute(comfy_table::Width::Fixed(
                u16::try_from(w + 2).unwrap_or(u16::MAX),
            ))
        }));
    }
    // No padding at the ends of lines; and, whatever the layout, no line wider than the terminal.
    let mut out = String::new();
    for line in table.to_string().lines() {
        let line = line.trim_end();
        match width {
            Some(width) => out.push_str(&truncate(line, width)),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// The content width of each column within `width`: `None` for a table that needs no help
/// (it fits, or it has too many columns to wrap readably and will be cut at the edge).
fn layout(headers: &[String], rows: &[Vec<String>], columns: usize, width: usize) -> Option<Vec<usize>> {
    // Each column's widest value and longest header word: its natural width.
    let natural: Vec<(usize, usize)> = (0..columns)
        .map(|index| {
            let widest = rows
                .iter()
                .filter_map(|row| row.get(index))
                .flat_map(|cell| cell.lines().map(display_width).collect::<Vec<_>>())
                .max()
                .unwrap_or(0);
            let header = headers.get(index).map_or(0, |h| display_width(h));
            let word =
                headers.get(index).map_or(0, |h| h.split_whitespace().map(display_width).max().unwrap_or(0));
            (widest.max(header).max(1), widest.max(word).max(1))
        })
        .collect();
    // A space each side of every column and one between them.
    let budget = width.checked_sub((columns * 3).saturating_sub(1))?;
    if natural.iter().map(|(full, _)| full).sum::<usize>() <= budget {
        return None;
    }
    let minimum = |(_, tight): (usize, usize)| if tight <= SHORT { tight } else { MIN_TEXT };
    let floor: usize = natural.iter().map(|n| minimum(*n)).sum();
    if floor > budget {
        return None;
    }
    // Short columns get their width; the long ones share the rest in proportion to their
    // length, each at least MIN_TEXT and at most its natural width.
    let mut widths: Vec<usize> = natural.iter().map(|n| minimum(*n)).collect();
    let long: Vec<usize> = (0..columns).filter(|i| natural[*i].1 > SHORT).collect();
    let mut spare = budget - floor;
    let wanted: usize = long.iter().map(|i| natural[*i].0 - widths[*i]).sum();
    for i in &long {
        let share = ((natural[*i].0 - widths[*i]) * spare).checked_div(wanted).unwrap_or(0);
        widths[*i] += share;
    }
    spare = budget - widths.iter().sum::<usize>();
    // What rounding left over goes to the longest texts first.
    let mut by_length = long.clone();
    by_length.sort_by_key(|i| std::cmp::Reverse(natural[*i].0));
    for i in by_length.iter().cycle().take(spare) {
        if widths[*i] < natural[*i].0 {
            widths[*i] += 1;
        }
    }
    Some(widths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(width: usize) -> String {
        let headers: Vec<String> = ["ID", "дата народження", "примітка"].map(String::from).to_vec();
        let rows = vec![vec![
            "c-0001".to_string(),
            "2009-05-10".to_string(),
            "Грали у футбол, говорили про конфлікт у класі, домовилися про наступну зустріч".to_string(),
        ]];
        render(&headers, &rows, Some(width))
    }

    #[test]
    fn no_line_is_wider_than_the_terminal_and_short_values_stay_whole() {
        let text = table(40);
        for line in text.lines() {
            assert!(display_width(line) <= 40, "{line:?}");
        }
        assert!(text.contains("2009-05-10"), "{text}");
        assert!(text.contains("c-0001"), "{text}");
    }

    #[test]
    fn too_many_columns_are_cut_at_the_edge() {
        let headers: Vec<String> = (0..30).map(|i| format!("column{i}")).collect();
        let rows = vec![(0..30).map(|i| format!("value{i}")).collect::<Vec<_>>()];
        let text = render(&headers, &rows, Some(80));
        for line in text.lines() {
            assert!(display_width(line) <= 80, "{line:?}");
        }
        assert!(text.lines().next().is_some_and(|line| line.ends_with('…')));
    }

    #[test]
    fn without_a_width_nothing_is_cut() {
        let text = table(40);
        let unlimited = render(&["a".to_string()], &[vec!["x".repeat(200)]], None);
        assert!(unlimited.contains(&"x".repeat(200)));
        assert!(!text.is_empty());
    }
}
