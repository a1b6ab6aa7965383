//! Transparency International, Corruption Perceptions Index, from two files: TI's CPI
//! 2023 results table (`TI_CPI2023.csv`) and Our World in Data's long series 2012–2024.
//! The CPI for year Y is published the following January, so `published` = Y + 1.

use super::table::{self, Csv};
use super::{ImportError, Observation};
use crate::value::Value;
use std::path::Path;

/// Reads either file, telling them apart by their header.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let csv = table::read_csv(path, b',')?;
    if csv
        .header
        .iter()
        .any(|h| h == "Corruption Perceptions Index")
    {
        owid(&csv)
    } else {
        results(&csv)
    }
}

/// TI's results table: one year, in the column "CPI score <year>". `country` is the
/// ISO3 column.
pub fn read_results(path: &Path) -> Result<Vec<Observation>, ImportError> {
    results(&table::read_csv(path, b',')?)
}

/// OWID's series (Entity, Code, Year, Corruption Perceptions Index): `country` is the
/// Code (ISO3, Kosovo `OWID_KOS`), or the Entity where the code is empty. Rows without
/// a score are skipped.
pub fn read_owid(path: &Path) -> Result<Vec<Observation>, ImportError> {
    owid(&table::read_csv(path, b',')?)
}

fn results(csv: &Csv) -> Result<Vec<Observation>, ImportError> {
    let (score, year) = csv
        .header
        .iter()
        .enumerate()
        .find_map(|(i, h)| Some((i, h.strip_prefix("CPI score ")?.parse::<i32>().ok()?)))
        .ok_or_else(|| table::format_error(&csv.path, "no column 'CPI score <year>'"))?;
    let iso3 = csv.col("ISO3")?;
    let mut out = Vec::new();
    for (row, f) in &csv.rows {
        if let Some(v) = csv.integer(*row, score, &f[score], &[])? {
            out.push(observation(f[iso3].clone(), year, v, *row));
        }
    }
    Ok(out)
}

fn owid(csv: &Csv) -> Result<Vec<Observation>, ImportError> {
    let (entity, code, year, score) = (
        csv.col("Entity")?,
        csv.col("Code")?,
        csv.col("Year")?,
        csv.col("Corruption Perceptions Index")?,
    );
    let mut out = Vec::new();
    for (row, f) in &csv.rows {
        let y = csv
            .integer(*row, year, &f[year], &[])?
            .ok_or_else(|| table::malformed(&csv.path, *row, "column 'Year' is empty".into()))?;
        if let Some(v) = csv.integer(*row, score, &f[score], &[])? {
            let country = if f[code].is_empty() {
                &f[entity]
            } else {
                &f[code]
            };
            out.push(observation(country.clone(), y as i32, v, *row));
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
