//! SIPRI Military Expenditure Database, April 2025 release
//! (`SIPRI-Milex-data-1949-2024_2.xlsx`), sheet "Share of GDP": one row per country,
//! one column per year, region headings in between. The cells hold fractions
//! (0.0043 = 0.43 %), shown as percent by Excel's number format; we return percent.

use super::table::{self, cell_number, text};
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::path::Path;

pub(crate) const SHEET: &str = "Share of GDP";
/// ". ." / "..." = data unavailable, "xxx" = the country did not exist.
const NO_DATA: [&str; 3] = ["...", ". .", "xxx"];

/// Reads milex.gdp_pct. SIPRI publishes names only, so `country` is the "Country" cell.
/// The edition is the file's own, by its last year (`label_release`): data to 2024 is
/// "SIPRI Milex 2025", the April 2025 release.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let sheet = table::read_sheet(path, SHEET)?;
    let header_at = sheet
        .rows
        .iter()
        .position(|(_, cells)| cells.first().map(text).as_deref() == Some("Country"))
        .ok_or_else(|| table::format_error(path, "no header row starting with 'Country'"))?;
    let years: Vec<(usize, i32)> = sheet.rows[header_at]
        .1
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            cell_number(c)
                .filter(|y| y.fract() == 0.0)
                .map(|y| (i, y as i32))
        })
        .collect();
    if years.is_empty() {
        return Err(table::format_error(
            path,
            "no year columns in the header row",
        ));
    }

    let mut out = Vec::new();
    for (row, cells) in &sheet.rows[header_at + 1..] {
        let name = cells.first().map(text).unwrap_or_default();
        // Region headings and blank rows have nothing in the year columns.
        if name.is_empty()
            || years
                .iter()
                .all(|&(c, _)| cells.get(c).map(text).unwrap_or_default().is_empty())
        {
            continue;
        }
        for &(c, year) in &years {
            let cell = cells.get(c).cloned().unwrap_or_default();
            let shown = text(&cell);
            if shown.is_empty() || NO_DATA.contains(&shown.as_str()) {
                continue;
            }
            let fraction = cell_number(&cell).ok_or_else(|| {
                table::malformed(
                    path,
                    *row,
                    format!("{name} {year}: expected a number, found '{shown}'"),
                )
            })?;
            out.push(Observation {
                country: name.clone(),
                indicator: "milex.gdp_pct".into(),
                year,
                published: 0,
                edition: String::new(),
                value: Value::Number(fraction * 100.0),
                row: *row,
            });
        }
    }
    super::label_release(&mut out, |release| format!("SIPRI Milex {release}"));
    Ok(out)
}
