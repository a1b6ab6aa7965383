//! UNDP Human Development Report, composite indices time series
//! (`HDR23-24_Composite_indices_complete_time_series.csv`, the 2023/24 report): wide
//! format, one column `hdi_<year>` per year. Aggregates (iso3 "ZZA.VHHD", …) are kept;
//! the registry sorts them out.
//!
//! The table does not name its report, and the report's year is not the data's (the
//! 2023/24 report ends in 2022, the 2021/22 report in 2021): the edition comes from the
//! name UNDP gives the file, "HDR23-24_…" for the 2023/24 report, published 2024, and
//! "HDR25_…" for the 2025 report (`undp-hdi/SOURCE.txt` names both). So the next report
//! imports under its own edition.

use super::table;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::path::Path;

/// The edition and publication year a file name gives: "HDR23-24_…" → ("HDR 2023/24",
/// 2024), "HDR25_…" → ("HDR 2025", 2025); None for a name UNDP does not give its tables.
pub fn edition_of(file_name: &str) -> Option<(String, i32)> {
    let rest = file_name.strip_prefix("HDR")?;
    let two = |s: &str| super::fixed_digits(s, 2).map(|n| 2000 + n);
    let first = two(rest.get(..2)?)?;
    match rest.get(2..3)? {
        "-" => {
            let second = two(rest.get(3..5)?)?;
            (second == first + 1 && matches!(rest.get(5..6)?, "_" | "-"))
                .then(|| (format!("HDR {first}/{:02}", second % 100), second))
        }
        "_" => Some((format!("HDR {first}"), first)),
        _ => None,
    }
}

/// Reads hdi.value for every `hdi_<year>` column; empty cells are absent values.
/// `country` is the iso3 column.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let (edition, published) = edition_of(&name).ok_or_else(|| {
        table::format_error(
            path,
            &format!(
                "cannot tell which Human Development Report this is: the importer reads the edition from the name UNDP gives the file (HDR23-24_… for the 2023/24 report, HDR25_… for 2025), and {name:?} is not such a name — import the file under the name UNDP ships it with"
            ),
        )
    })?;
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
                    published,
                    edition: edition.clone(),
                    value: Value::Number(v),
                    row: *row,
                });
            }
        }
    }
    Ok(out)
}
