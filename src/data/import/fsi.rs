//! Fragile States Index (The Fund for Peace), editions 2006–2023, in the long layout of
//! IOM's `gdidata` package (`fsi-fundforpeace/fsi.DERIVED-from-rda.csv`, a mechanical
//! CSV conversion of its `fsi.rda`): one row per country (`geo`, ISO3), edition (`t`)
//! and indicator (`code` C1 … X1), with the edition's published `total` repeated on
//! each row.
//!
//! - `fsi.total`: FFP's published total (0–120, higher = more fragile), taken as given
//!   and never recomputed from the indicators (they differ by rounding). Every row of a
//!   country-edition must carry the same total, or the file is malformed.
//! - `fsi.security_apparatus`: indicator C1 (0–10), the security threats to the state
//!   (bombings, attacks, battle deaths, coups, rebel movements).
//!
//! 2019 and 2020 carry a 13th row per country, "Change from Previous Year", which is
//! not an indicator and is skipped. The edition year is the year the value describes
//! and the year it was published (FFP's scores rest mainly on the previous year's data).

use super::table;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The row code of FFP's "change from previous year" line (not an indicator).
const CHANGE_ROW: &str = "Change from Previous Year";

/// Indicator codes this importer keeps, with their catalog ids.
const INDICATORS: &[(&str, &str)] = &[("C1", "fsi.security_apparatus")];

/// "FSI 2023" for edition 2023.
pub fn edition(year: i32) -> String {
    format!("FSI {year}")
}

/// The number a cell means where it prints a binary rounding error of the conversion
/// from R (`89.99999999999999` for FFP's 90.0, which a rule's "90 or more" would miss):
/// the nearest number with at most three decimals, if it lies within 1e-9; else the
/// cell as it is (FFP's 2018 and 2020 files hold unrounded averages, kept whole).
fn as_published(x: f64) -> f64 {
    (0..=3)
        .map(|d| {
            let scale = 10f64.powi(d);
            (x * scale).round() / scale
        })
        .find(|short| (short - x).abs() < 1e-9)
        .unwrap_or(x)
}

/// Reads the Fragile States Index table.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let csv = table::read_csv(path, b',')?;
    let (geo, t, total, code, v) = (
        csv.col("geo")?,
        csv.col("t")?,
        csv.col("total")?,
        csv.col("code")?,
        csv.col("v")?,
    );
    // (country, year) → (total, first row).
    let mut totals: BTreeMap<(String, i32), (f64, usize)> = BTreeMap::new();
    let mut out = Vec::new();
    for (row, f) in &csv.rows {
        let country = f[geo].clone();
        if country.is_empty() {
            return Err(table::malformed(
                &csv.path,
                *row,
                "column 'geo' is empty".into(),
            ));
        }
        let year = csv
            .integer(*row, t, &f[t], &[])?
            .ok_or_else(|| table::malformed(&csv.path, *row, "column 't' is empty".into()))?
            as i32;
        let obs = |indicator: &str, value: f64| Observation {
            country: country.clone(),
            indicator: indicator.into(),
            year,
            published: year,
            edition: edition(year),
            value: Value::Number(as_published(value)),
            row: *row,
        };
        let sum = csv
            .number(*row, total, &f[total], &[])?
            .ok_or_else(|| table::malformed(&csv.path, *row, "column 'total' is empty".into()))?;
        match totals.get(&(country.clone(), year)) {
            Some((first, first_row)) if (first - sum).abs() > 1e-9 => {
                return Err(table::malformed(
                    &csv.path,
                    *row,
                    format!(
                        "total {sum} for {country} {year} differs from {first} in row {first_row}"
                    ),
                ))
            }
            Some(_) => {}
            None => {
                totals.insert((country.clone(), year), (sum, *row));
                out.push(obs("fsi.total", sum));
            }
        }
        if f[code] == CHANGE_ROW {
            continue;
        }
        if let Some((_, id)) = INDICATORS.iter().find(|(c, _)| *c == f[code]) {
            if let Some(x) = csv.number(*row, v, &f[v], &[])? {
                out.push(obs(id, x));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::as_published;

    #[test]
    fn a_cell_means_the_number_published() {
        #[rustfmt::skip]
        let cases = [
            (89.99999999999999, 90.0),
            (82.19999999999999, 82.2),
            (51.800000000000004, 51.8),
            (68.00000000000001, 68.0),
            (7.1, 7.1),
            // unrounded averages (FSI 2018, 2020) stay whole
            (102.901187, 102.901187),
            (44.899921744994565, 44.899921744994565),
            (9.9329, 9.9329),
        ];
        for (cell, published) in cases {
            assert_eq!(as_published(cell), published, "{cell}");
        }
    }
}
