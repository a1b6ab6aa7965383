//! UNDP Human Development Report 2023/24, composite indices time series
//! (`HDR23-24_Composite_indices_complete_time_series.csv`): wide format, one column
//! `hdi_<year>` per year. Aggregates (iso3 "ZZA.VHHD", …) are kept; the registry
//! sorts them out.

use super::table;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::path::Path;

pub(crate) const EDITION: &str = "HDR 2023/24";
pub(crate) const PUBLISHED: i32 = 2024;

/// Reads hdi.value for every `hdi_<year>` column; empty cells are absent values.
/// `country` is the iso3 column.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let csv = table::read_csv(path, b',')?;
    let iso3 = csv.col("iso3")?;
    let years: Vec<(usize, i32)> = csv
        .header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| Some((i, h.strip_prefix("hdi_")?.parse().ok()?)))
        .collect();
    if years.is_empty() {
        return Err(table::format_error(&csv.path, "no 'hdi_<year>' columns"));
    }
    let mut out = Vec::new();
    for (row, f) in &csv.rows {
        for &(c, year) in &years {
            if let Some(v) = csv.number(*row, c, &f[c], &[])? {
                out.push(Observation {
                    country: f[iso3].clone(),
                    indicator: "hdi.value".into(),
                    year,
                    published: PUBLISHED,
                    edition: EDITION.into(),
                    value: Value::Number(v),
                    row: *row,
                });
            }
        }
    }
    Ok(out)
}
