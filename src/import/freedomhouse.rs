//! Freedom House, Freedom in the World: `All_data_FIW_2013-2024.xlsx`, sheet "FIW13-24"
//! (all editions 2013–2024, countries and territories alike: the registry decides what
//! counts). An edition rates the year before it: FIW 2024 covers 2023.

use super::table::{self, cell_number, text};
use super::{ImportError, Observation};
use crate::value::Value;
use std::path::Path;

pub const SHEET: &str = "FIW13-24";

/// Reads fh.status, fh.total, fh.pr and fh.cl from every row. Freedom House publishes
/// names only, so `country` is the "Country/Territory" name.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let sheet = table::read_sheet(path, SHEET)?;
    let header_at = sheet
        .rows
        .iter()
        .position(|(_, cells)| cells.first().map(text).as_deref() == Some("Country/Territory"))
        .ok_or_else(|| {
            table::format_error(path, "no header row starting with 'Country/Territory'")
        })?;
    let header: Vec<String> = sheet.rows[header_at].1.iter().map(text).collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| table::format_error(path, &format!("missing column '{name}'")))
    };
    let (country, edition, status) = (col("Country/Territory")?, col("Edition")?, col("Status")?);
    let scores = [
        ("fh.total", col("Total")?),
        ("fh.pr", col("PR")?),
        ("fh.cl", col("CL")?),
    ];

    let mut out = Vec::new();
    for (row, cells) in &sheet.rows[header_at + 1..] {
        let row = *row;
        let cell = |c: usize| cells.get(c).cloned().unwrap_or_default();
        let name = text(&cell(country));
        if name.is_empty() && cells.iter().all(|c| text(c).is_empty()) {
            continue;
        }
        let whole = |c: usize| {
            cell_number(&cell(c))
                .filter(|x| x.fract() == 0.0)
                .map(|x| x as i64)
                .ok_or_else(|| {
                    table::malformed(
                        path,
                        row,
                        format!(
                            "column '{}': expected a whole number, found '{}'",
                            header[c],
                            text(&cell(c))
                        ),
                    )
                })
        };
        let ed = whole(edition)? as i32;
        let obs = |indicator: &str, value: Value| Observation {
            country: name.clone(),
            indicator: indicator.to_string(),
            year: ed - 1,
            published: ed,
            edition: format!("FIW {ed}"),
            value,
            row,
        };
        let st = text(&cell(status));
        if !["F", "PF", "NF"].contains(&st.as_str()) {
            return Err(table::malformed(
                path,
                row,
                format!("column 'Status': expected F, PF or NF, found '{st}'"),
            ));
        }
        out.push(obs("fh.status", Value::Category(st)));
        for (indicator, c) in scores {
            out.push(obs(indicator, Value::Integer(whole(c)?)));
        }
    }
    Ok(out)
}
