//! Helpers shared by the importer tests.
#![allow(dead_code)]

use standpunkt::data::import::Observation;
use standpunkt::model::value::Value;
use std::io::Write;
use std::path::PathBuf;

/// A file under the crate root (fixtures).
pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/import")
        .join(rel)
}

/// A published file in `../shared/data/raw/`, which sits beside the project's own
/// checkout but not beside a user's clone: see [`without_raw`].
pub fn raw(rel: &str) -> PathBuf {
    raw_folder().join(rel)
}

fn raw_folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/raw")
}

/// True (after printing that the test is skipped) when the raw-data folder is absent;
/// panics instead under CI. Tests that read `raw(…)` start with
/// `if without_raw() { return; }`.
pub fn without_raw() -> bool {
    let dir = raw_folder();
    if dir.is_dir() {
        return false;
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "CI is set but {} is missing: the tests of the full published files need it",
            dir.display()
        );
    }
    // Past the test harness's capture, so that the reason shows in a passing run.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {} is absent (the published raw files; see README \"Where the raw files come from\")",
        dir.display()
    );
    true
}

/// The one observation for this country, indicator and year.
pub fn value(obs: &[Observation], country: &str, indicator: &str, year: i32) -> Value {
    let found: Vec<_> = obs
        .iter()
        .filter(|o| o.country == country && o.indicator == indicator && o.year == year)
        .collect();
    assert_eq!(found.len(), 1, "{country} {indicator} {year}: {found:?}");
    found[0].value.clone()
}

pub fn number(obs: &[Observation], country: &str, indicator: &str, year: i32) -> f64 {
    value(obs, country, indicator, year).as_f64().unwrap()
}

/// Observations outside their indicator's catalog range, as "country indicator year = value".
pub fn out_of_range(obs: &[Observation]) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("indicators/catalog.toml");
    let catalog: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
    let indicators = catalog["indicator"].as_array().unwrap();
    let range = |id: &str| {
        let entry = indicators
            .iter()
            .find(|i| i["id"].as_str() == Some(id))
            .unwrap_or_else(|| panic!("{id} not in catalog"));
        let bound = |k: &str| {
            entry
                .get(k)
                .and_then(|v| v.as_float().or(v.as_integer().map(|i| i as f64)))
        };
        (
            bound("min"),
            bound("max"),
            entry.get("values").and_then(|v| v.as_array()).cloned(),
        )
    };
    let mut bad = Vec::new();
    for o in obs {
        let (min, max, values) = range(&o.indicator);
        let ok = match (&o.value, values) {
            (Value::Category(c), Some(values)) => values.iter().any(|v| v.as_str() == Some(c)),
            // A list has no range (geo.neighbours, coup.events).
            (Value::List(_), _) => true,
            (v, _) => {
                let x = v.as_f64().unwrap();
                min.is_none_or(|m| x >= m) && max.is_none_or(|m| x <= m)
            }
        };
        if !ok {
            bad.push(format!(
                "{} {} {} = {}",
                o.country, o.indicator, o.year, o.value
            ));
        }
    }
    bad
}

/// Country-indicator-year keys that occur more than once.
pub fn duplicates(obs: &[Observation]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    obs.iter()
        .map(|o| format!("{} {} {}", o.country, o.indicator, o.year))
        .filter(|k| !seen.insert(k.clone()))
        .collect()
}

/// The importer's error, asserted to be a malformed row at `row` (1-based, header = 1).
pub fn malformed_at<T: std::fmt::Debug>(
    result: Result<T, standpunkt::data::import::ImportError>,
    row: usize,
) -> standpunkt::data::import::ImportError {
    let err = result.expect_err("the file must be rejected");
    assert!(
        matches!(err, standpunkt::data::import::ImportError::Malformed { row: r, .. } if r == row),
        "expected a malformed row {row}: {err}"
    );
    err
}
