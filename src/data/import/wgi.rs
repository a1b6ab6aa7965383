//! World Bank Worldwide Governance Indicators, 2024 update (data 1996–2023):
//! `wgidataset.csv`, long format (code, countryname, year, indicator, estimate, …).

use super::table;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::path::Path;

/// Reads the estimates of Voice and Accountability (wgi.va), Political Stability
/// (wgi.pv), Rule of Law (wgi.rl) and Control of Corruption (wgi.cc, criterion 7's
/// stand-in where no CPI exists, as before 2012); ".." means no estimate. `country` is the World
/// Bank code column (ISO3 except e.g. XKX Kosovo, ADO, ROM, TMP, ZAR, WBG).
/// The edition is the file's own, by its last year (`label_release`): data to 2023 is
/// "WGI 2024 update".
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let csv = table::read_csv(path, b',')?;
    let (code, year, indicator, estimate) = (
        csv.col("code")?,
        csv.col("year")?,
        csv.col("indicator")?,
        csv.col("estimate")?,
    );
    let mut out = Vec::new();
    for (row, f) in &csv.rows {
        let id = match f[indicator].as_str() {
            "va" => "wgi.va",
            "pv" => "wgi.pv",
            "rl" => "wgi.rl",
            "cc" => "wgi.cc",
            _ => continue,
        };
        let Some(v) = csv.number(*row, estimate, &f[estimate], &[".."])? else {
            continue;
        };
        let y = csv
            .integer(*row, year, &f[year], &[])?
            .ok_or_else(|| table::malformed(&csv.path, *row, "column 'year' is empty".into()))?;
        out.push(Observation {
            country: f[code].clone(),
            indicator: id.into(),
            year: y as i32,
            published: 0,
            edition: String::new(),
            value: Value::Number(v),
            row: *row,
        });
    }
    super::label_release(&mut out, |release| format!("WGI {release} update"));
    Ok(out)
}
