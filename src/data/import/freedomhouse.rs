//! Freedom House, Freedom in the World, "All data" workbook (`All_data_FIW_2013-2025.xlsx`:
//! all editions since 2013, countries and territories alike: the registry decides what
//! counts). The data sheet is found by its header row (its name changes with every
//! edition: "FIW13-24", "FIW13-25"), below the title row. An edition rates the year
//! before it: FIW 2025 covers 2024.

use super::grid::{self, Grid};
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::path::Path;

/// The data sheet of the 2013–2024 workbook (the reader no longer needs the name).
pub const SHEET: &str = "FIW13-24";

/// Reads fh.status, fh.total, fh.pr and fh.cl from every row. Freedom House publishes
/// names only, so `country` is the "Country/Territory" name.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let g: Grid = grid::find(
        path,
        "freedomhouse",
        "a 'Country/Territory', 'Edition' and 'Total' column",
        &|h| {
            grid::has(h, &["Country/Territory", "Country"])
                && grid::has(h, &["Edition"])
                && grid::has(h, &["Total"])
        },
    )?;
    let (country, edition, status) = (
        g.col(&["Country/Territory", "Country"])?,
        g.col(&["Edition"])?,
        g.col(&["Status"])?,
    );
    let scores = [
        ("fh.total", g.col(&["Total"])?),
        ("fh.pr", g.col(&["PR", "PR Aggr", "PR aggregate"])?),
        ("fh.cl", g.col(&["CL", "CL Aggr", "CL aggregate"])?),
    ];
    let header = g.header.clone();
    let mut out = Vec::new();
    for (row, cells) in &g.rows {
        let row = *row;
        let cell = |c: usize| g.cell(cells, c).to_string();
        let name = cell(country);
        let whole = |c: usize| {
            g.integer(row, cells, c, &[])?.ok_or_else(|| {
                g.malformed(
                    row,
                    format!("column '{}': expected a whole number, found ''", header[c]),
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
        let st = cell(status);
        if !["F", "PF", "NF"].contains(&st.as_str()) {
            return Err(g.malformed(
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
