//! Checks when the shipped data is loaded, so that a hand edit or a half-copied folder
//! is an error with file and row rather than a silent winner: every source folder has
//! its `source.toml`, every country code is in the registry, and `facts/` holds one
//! file per country, named by its ISO3 code.

use crate::data::dataset::Dataset;
use crate::error::{Error, Result};
use crate::model::countries::Registry;
use std::path::{Path, PathBuf};

/// The registry beside the data (`indicators/countries.csv`), if there is one.
pub(super) fn registry(indicators: &Path) -> Result<Option<Registry>> {
    let path = indicators.join("countries.csv");
    if !path.exists() {
        return Ok(None);
    }
    Registry::load(&path).map(Some).map_err(Error::from)
}

/// A folder with a `values.csv` but no `source.toml` would be skipped unseen.
pub(super) fn folders(indicators: &Path) -> Result<()> {
    for entry in std::fs::read_dir(indicators).map_err(|e| Error::io(indicators, e))? {
        let path = entry.map_err(|e| Error::io(indicators, e))?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if path.is_dir()
            && !hidden
            && path.join("values.csv").exists()
            && !path.join("source.toml").exists()
        {
            return Err(Error::Invalid {
                path: path.join("source.toml"),
                message: format!(
                    "missing: {} has values.csv but no source.toml (where the values come from) — re-import the source with `standpunkt import`, or remove the folder",
                    path.display()
                ),
            });
        }
    }
    Ok(())
}

/// Every record's country code is one the registry knows.
pub(super) fn countries(dir: &Path, data: &Dataset, registry: &Registry) -> Result<()> {
    // Each code is looked up in the registry once, not once per record.
    let mut known: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut last: Option<&std::sync::Arc<str>> = None;
    for (i, record) in data.records.iter().enumerate() {
        // A file's rows share their country codes (dataset.rs) and come grouped by country.
        if last.is_some_and(|l| std::sync::Arc::ptr_eq(l, &record.iso3))
            || known.contains(&*record.iso3)
        {
            last = Some(&record.iso3);
            continue;
        }
        last = Some(&record.iso3);
        if registry.get(&record.iso3).is_some() {
            known.insert(&record.iso3);
        } else {
            return Err(Error::Invalid {
                path: PathBuf::from(format!("{}:{}", dir.join("values.csv").display(), i + 2)),
                message: format!(
                    "unknown country code '{}' (not in indicators/countries.csv) — add the country to the registry and re-import the source",
                    record.iso3
                ),
            });
        }
    }
    Ok(())
}

/// `facts/` holds only `<ISO3>.toml` files, each for a known country, whose `iso3`
/// matches its name.
pub(super) fn facts(dir: &Path, registry: &Registry) -> Result<()> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let bad = |message: String| Error::Invalid {
            path: path.clone(),
            message,
        };
        let Some(stem) = name.strip_suffix(".toml").filter(|_| path.is_file()) else {
            return Err(bad(
                "indicators/facts/ holds one fact file per country, named <ISO3>.toml (e.g. KAZ.toml) — move or remove this entry".into(),
            ));
        };
        if registry.get(stem).is_none() {
            return Err(bad(format!(
                "'{stem}' is not a country code in indicators/countries.csv — name the file by the country's ISO3 code (e.g. KAZ.toml)"
            )));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let table: toml::Table = text.parse().map_err(|e| Error::toml(&path, &text, &e))?;
        let iso3 = table.get("iso3").and_then(|v| v.as_str()).unwrap_or("");
        if iso3 != stem {
            return Err(bad(format!(
                "the file is named {stem}.toml but says iso3 = \"{iso3}\" — one file per country, named by its iso3"
            )));
        }
    }
    Ok(())
}
