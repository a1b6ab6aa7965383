//! Transparency International, Corruption Perceptions Index, from the files TI and Our
//! World in Data ship: TI's results table (the CSV `TI_CPI2023.csv`, or the results
//! sheet of the workbook `CPI2025_Results.xlsx`, strict OOXML), TI's score time series
//! (the workbook's sheet "CPI Timeseries 2012 - 2025") and OWID's long series 2012–2024.
//! Sheets and columns are found by their headers ("CPI score 2023", "CPI 2025 score").
//! The CPI for year Y is published the following January, so `published` = Y + 1.

use super::grid::{self, Grid};
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::path::Path;

/// The year in a score column's name: "CPI score 2023", "CPI 2025 score", "CPI2025".
fn score_year(header: &str) -> Option<i32> {
    let h = header.to_ascii_lowercase();
    if !h.starts_with("cpi")
        || ["rank", "error", "source", "ci", "average", "change"]
            .iter()
            .any(|w| h.contains(w))
    {
        return None;
    }
    let digits: String = h.chars().filter(|c| c.is_ascii_digit()).collect();
    let year: i32 = digits.parse().ok()?;
    (1995..=2100).contains(&year).then_some(year)
}

fn score_columns(header: &[String]) -> Vec<(usize, i32)> {
    header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| Some((i, score_year(h)?)))
        .collect()
}

fn is_owid(h: &[String]) -> bool {
    grid::has(h, &["Corruption Perceptions Index"]) && grid::has(h, &["Year"])
}

fn is_ti(h: &[String]) -> bool {
    grid::has(h, &["ISO3"]) && !score_columns(h).is_empty()
}

/// Reads any of the files, telling them apart by their header: OWID's series, or TI's
/// results table (the first sheet with an ISO3 and a score column).
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let g = grid::find(
        path,
        "cpi",
        "an 'ISO3' and a 'CPI score <year>' column, or OWID's 'Corruption Perceptions Index'",
        &|h| is_owid(h) || is_ti(h),
    )?;
    if is_owid(&g.header) {
        owid(&g)
    } else {
        results(&g)
    }
}

/// TI's results table: one year, in the column "CPI score `<year>`" (or "CPI `<year>`
/// score"); the first such column if there are several. `country` is the ISO3 column.
pub fn read_results(path: &Path) -> Result<Vec<Observation>, ImportError> {
    results(&grid::find(
        path,
        "cpi",
        "an 'ISO3' and a 'CPI score <year>' column",
        &is_ti,
    )?)
}

/// OWID's series (Entity, Code, Year, Corruption Perceptions Index): `country` is the
/// Code (ISO3, Kosovo `OWID_KOS`), or the Entity where the code is empty. Rows without
/// a score are skipped.
pub fn read_owid(path: &Path) -> Result<Vec<Observation>, ImportError> {
    owid(&grid::find(
        path,
        "cpi-series",
        "the columns 'Entity', 'Code', 'Year', 'Corruption Perceptions Index'",
        &is_owid,
    )?)
}

/// A long series: TI's time-series sheet (an ISO3 column and one "CPI score `<year>`"
/// column per year; the workbook's first sheet with two or more of them) or OWID's file.
pub fn read_series(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let g = grid::find(
        path,
        "cpi-series",
        "an 'ISO3' column and 'CPI score <year>' columns for several years, or OWID's 'Corruption Perceptions Index'",
        &|h| is_owid(h) || (grid::has(h, &["ISO3"]) && score_columns(h).len() > 1),
    )?;
    if is_owid(&g.header) {
        return owid(&g);
    }
    let iso3 = g.col(&["ISO3"])?;
    let mut out = Vec::new();
    for (row, f) in &g.rows {
        for (col, year) in score_columns(&g.header) {
            if let Some(v) = g.integer(*row, f, col, &["-"])? {
                out.push(observation(g.cell(f, iso3).to_string(), year, v, *row));
            }
        }
    }
    Ok(out)
}

fn results(g: &Grid) -> Result<Vec<Observation>, ImportError> {
    let (score, year) = *score_columns(&g.header)
        .first()
        .ok_or_else(|| g.malformed(0, "no column 'CPI score <year>'".into()))?;
    let iso3 = g.col(&["ISO3"])?;
    let mut out = Vec::new();
    for (row, f) in &g.rows {
        if let Some(v) = g.integer(*row, f, score, &[])? {
            out.push(observation(g.cell(f, iso3).to_string(), year, v, *row));
        }
    }
    Ok(out)
}

fn owid(g: &Grid) -> Result<Vec<Observation>, ImportError> {
    let (entity, code, year, score) = (
        g.col(&["Entity"])?,
        g.col(&["Code"])?,
        g.col(&["Year"])?,
        g.col(&["Corruption Perceptions Index"])?,
    );
    let mut out = Vec::new();
    for (row, f) in &g.rows {
        let y = g
            .integer(*row, f, year, &[])?
            .ok_or_else(|| g.malformed(*row, "column 'Year' is empty".into()))?;
        if let Some(v) = g.integer(*row, f, score, &[])? {
            let country = if g.cell(f, code).is_empty() {
                g.cell(f, entity)
            } else {
                g.cell(f, code)
            };
            out.push(observation(country.to_string(), y as i32, v, *row));
        }
    }
    Ok(out)
}

fn observation(country: String, year: i32, score: i64, row: usize) -> Observation {
    Observation {
        country,
        indicator: "cpi.score".into(),
        year,
        published: year + 1,
        edition: format!("CPI {year}"),
        value: Value::Integer(score),
        row,
    }
}
