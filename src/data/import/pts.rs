//! Political Terror Scale, one row per country and year with three codings (Amnesty
//! PTS_A, Human Rights Watch PTS_H, US State Department PTS_S): release PTS-2024 as CSV
//! (`PTS-2024.csv`, Latin-1, "Türkiye"), release PTS-2025 as a workbook (`PTS-2025.xlsx`,
//! data 1976–2024). The table is found by its header, in either format. A release is
//! named after the year after its last data year: PTS 2025 ends with 2024.

use super::grid;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Reads pts.score = the highest (worst) of the codings present; "NA" means absent
/// and a row with none present gives nothing. `country` is the World Bank code
/// (`WordBank_Code_A`, ISO3 except e.g. KSV, ROM, ZAR), or the `Country` name where
/// that code is NA (Somaliland, Soviet Union, …) or shared by several countries (YUG
/// is both the Socialist and the Federal Republic of Yugoslavia). Edition and
/// publication year: "PTS <last data year + 1>".
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let g = grid::find(
        path,
        "pts",
        "the columns 'Country', 'Year', 'PTS_A', 'PTS_H' and 'PTS_S'",
        &|h| grid::has(h, &["Country"]) && grid::has(h, &["Year"]) && grid::has(h, &["PTS_A"]),
    )?;
    let (name, code, year) = (
        g.col(&["Country"])?,
        g.col(&["WordBank_Code_A", "WorldBank_Code_A"])?,
        g.col(&["Year"])?,
    );
    let codings = [g.col(&["PTS_A"])?, g.col(&["PTS_H"])?, g.col(&["PTS_S"])?];
    let mut names_of_code: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (_, f) in &g.rows {
        names_of_code
            .entry(g.cell(f, code))
            .or_default()
            .insert(g.cell(f, name));
    }
    let usable = |c: &str| !c.is_empty() && c != "NA" && names_of_code[c].len() == 1;

    let mut out = Vec::new();
    for (row, f) in &g.rows {
        let mut worst = None;
        for c in codings {
            worst = worst.max(g.integer(*row, f, c, &["NA"])?);
        }
        let Some(score) = worst else { continue };
        let y = g
            .integer(*row, f, year, &[])?
            .ok_or_else(|| g.malformed(*row, "column 'Year' is empty".into()))?;
        let country = if usable(g.cell(f, code)) {
            g.cell(f, code)
        } else {
            g.cell(f, name)
        };
        out.push(Observation {
            country: country.to_string(),
            indicator: "pts.score".into(),
            year: y as i32,
            published: 0,
            edition: String::new(),
            value: Value::Integer(score),
            row: *row,
        });
    }
    super::label_release(&mut out, |release| format!("PTS {release}"));
    Ok(out)
}
