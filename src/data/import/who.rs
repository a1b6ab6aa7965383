//! WHO Global Health Expenditure Database via a WHO GHO export:
//! `GHED_GGHE-DGDP_SHA2011.csv` = domestic general government health expenditure
//! (GGHE-D) as % of GDP, long format. Only `SpatialDimension` COUNTRY rows are read;
//! regions, income groups and the global row are left out.

use super::table;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::path::Path;

pub(crate) const INDICATOR_CODE: &str = "GHED_GGHE-DGDP_SHA2011";

/// Reads health.gdp_pct from `NumericValue`. `country` is the ISO3 code in
/// `SpatialDimensionValueCode`. Each row carries the date WHO last updated it
/// (`Date`, e.g. 2024-12-10): it gives the edition ("WHO GHED 2024-12-10") and the
/// year it was published.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let csv = table::read_csv(path, b',')?;
    let (code, dim, iso3, year, value, date) = (
        csv.col("IndicatorCode")?,
        csv.col("SpatialDimension")?,
        csv.col("SpatialDimensionValueCode")?,
        csv.col("TimeDim")?,
        csv.col("NumericValue")?,
        csv.col("Date")?,
    );
    let mut out = Vec::new();
    for (row, f) in &csv.rows {
        let row = *row;
        if f[code] != INDICATOR_CODE || f[dim] != "COUNTRY" {
            continue;
        }
        let Some(v) = csv.number(row, value, &f[value], &[])? else {
            continue;
        };
        let y = csv
            .integer(row, year, &f[year], &[])?
            .ok_or_else(|| table::malformed(&csv.path, row, "column 'TimeDim' is empty".into()))?;
        let day = f[date].get(..10).unwrap_or_default();
        let published = day.get(..4).and_then(|y| y.parse().ok()).ok_or_else(|| {
            table::malformed(
                &csv.path,
                row,
                format!("column 'Date': expected YYYY-MM-DD…, found '{}'", f[date]),
            )
        })?;
        out.push(Observation {
            country: f[iso3].clone(),
            indicator: "health.gdp_pct".into(),
            year: y as i32,
            published,
            edition: format!("WHO GHED {day}"),
            value: Value::Number(v),
            row,
        });
    }
    if out.is_empty() && !csv.rows.iter().any(|(_, f)| f[code] == INDICATOR_CODE) {
        return Err(table::format_error(
            &csv.path,
            &format!("no {INDICATOR_CODE} rows: is this the GGHE-D % GDP file?"),
        ));
    }
    Ok(out)
}
