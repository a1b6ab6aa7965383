//! BICC Global Militarisation Index, GMI 2023 edition (data years 1990–2022), from the
//! extract `gmi_1990_2022_extracted.csv` (iso3, name, region, year, gmi_score, …,
//! gmi_rank). See its SOURCE.txt: a secondary copy of BICC's file, scores unrounded.

use super::table;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::path::Path;

/// Reads gmi.score and gmi.rank. `country` is the iso3 column. The edition is the file's
/// own, by its last year (`label_release`): data to 2022 is "GMI 2023".
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let csv = table::read_csv(path, b',')?;
    let (iso3, year, score, rank) = (
        csv.col("iso3")?,
        csv.col("year")?,
        csv.col("gmi_score")?,
        csv.col("gmi_rank")?,
    );
    let mut out = Vec::new();
    for (row, f) in &csv.rows {
        let row = *row;
        let y = csv
            .integer(row, year, &f[year], &[])?
            .ok_or_else(|| table::malformed(&csv.path, row, "column 'year' is empty".into()))?
            as i32;
        let obs = |indicator: &str, value: Value| Observation {
            country: f[iso3].clone(),
            indicator: indicator.into(),
            year: y,
            published: 0,
            edition: String::new(),
            value,
            row,
        };
        if let Some(v) = csv.number(row, score, &f[score], &[])? {
            out.push(obs("gmi.score", Value::Number(v)));
        }
        if let Some(v) = csv.integer(row, rank, &f[rank], &[])? {
            out.push(obs("gmi.rank", Value::Integer(v)));
        }
    }
    super::label_release(&mut out, |release| format!("GMI {release}"));
    Ok(out)
}
