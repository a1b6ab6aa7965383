//! The terminal tables of the text output, laid out by comfy-table: column widths by
//! display width, alignment and padding per column. Two shapes, both with trailing
//! blanks trimmed from every line (the text is snapshot-tested and read in pipes):
//! [`ruled`] (`a | b` under a `--+--` rule) and [`spaced`] (columns two blanks apart).

use comfy_table::{
    CellAlignment, ColumnConstraint, ContentLineStyle, LineStyle, Table, TableStyle, Width,
};

/// How one column is set.
#[derive(Clone, Copy, Default)]
pub(crate) struct Col {
    /// Right-aligned (numbers, counts); else left.
    pub right: bool,
    /// The least width of the column's text, so that a rule or a column keeps its width
    /// whatever the rows hold.
    pub min: usize,
}

impl Col {
    pub const LEFT: Col = Col {
        right: false,
        min: 0,
    };
    pub const RIGHT: Col = Col {
        right: true,
        min: 0,
    };

    /// A left-aligned column at least `min` wide.
    pub const fn min(min: usize) -> Col {
        Col { right: false, min }
    }
}

/// `header` above a rule of `-` joined by `+`, the cells of each row apart by ` | `:
///
/// ```text
/// Kriterium  | Bewertung
/// -----------+----------
/// 1. Titel   | kritisch
/// ```
pub(crate) fn ruled(header: &[&str], rows: &[Vec<String>], cols: &[Col]) -> Vec<String> {
    let style = TableStyle::new()
        .header_lines(ContentLineStyle::none().junction('|'))
        .header_separator(LineStyle::none().fill('-').junction('+'))
        .content_lines(ContentLineStyle::none().junction('|'));
    let table = table(style, Some(header), rows, cols, |first, last| {
        match (first, last) {
            (true, true) => (0, 0),
            (true, false) => (0, 1),
            (false, true) => (1, 0),
            (false, false) => (1, 1),
        }
    });
    lines(&table)
}

/// Columns two blanks apart, no rules; `header` (if any) is the first line.
pub(crate) fn spaced(header: Option<&[&str]>, rows: &[Vec<String>], cols: &[Col]) -> Vec<String> {
    let table = table(
        TableStyle::new(),
        header,
        rows,
        cols,
        |_, last| match last {
            true => (0, 0),
            false => (0, 2),
        },
    );
    lines(&table)
}

fn table(
    style: TableStyle,
    header: Option<&[&str]>,
    rows: &[Vec<String>],
    cols: &[Col],
    padding: impl Fn(bool, bool) -> (u16, u16),
) -> Table {
    let mut table = Table::new();
    table.load_style(style);
    if let Some(header) = header {
        table.set_header(header.to_vec());
    }
    for row in rows {
        table.add_row(row.clone());
    }
    for (i, col) in cols.iter().enumerate() {
        let Some(column) = table.column_mut(i) else {
            continue;
        };
        let pad = padding(i == 0, i + 1 == cols.len());
        column.set_padding(pad);
        if col.right {
            column.set_cell_alignment(CellAlignment::Right);
        }
        if col.min > 0 {
            let least = col.min as u16 + pad.0 + pad.1;
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(least)));
        }
    }
    table
}

fn lines(table: &Table) -> Vec<String> {
    table
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
        cells
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn shapes() {
        // (lines, expected) — one case per line.
        let cases: [(Vec<String>, &[&str]); 4] = [
            (
                ruled(
                    &["Kriterium", "Bewertung"],
                    &rows(&[&["1. Länger als der Kopf", "kritisch"]]),
                    &[Col::LEFT, Col::min(24)],
                ),
                &[
                    "Kriterium              | Bewertung",
                    "-----------------------+-------------------------",
                    "1. Länger als der Kopf | kritisch",
                ][..],
            ),
            (
                ruled(
                    &["a", "n", "b"],
                    &rows(&[&["xx", "7", "y"], &["x", "12", ""]]),
                    &[Col::LEFT, Col::RIGHT, Col::LEFT],
                ),
                &["a  |  n | b", "---+----+--", "xx |  7 | y", "x  | 12 |"][..],
            ),
            (
                spaced(
                    Some(&["Land", "kritisch", "Klasse"]),
                    &rows(&[&["Österreich", "1", "hellrot"], &["X", "0", "-"]]),
                    &[Col::LEFT, Col::RIGHT, Col::LEFT],
                ),
                &[
                    "Land        kritisch  Klasse",
                    "Österreich         1  hellrot",
                    "X                  0  -",
                ][..],
            ),
            (
                spaced(None, &rows(&[&["1", "2"]]), &[Col::RIGHT, Col::RIGHT]),
                &["1  2"][..],
            ),
        ];
        for (got, expected) in cases {
            assert_eq!(got, expected);
        }
    }
}
