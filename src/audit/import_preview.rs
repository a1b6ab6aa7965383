//! `import --dry-run`: the ratings an import would move, listed as `rescore` lists
//! them, computed on a copy of `indicators/` so that nothing is written.

use crate::audit::rescore::{Change, Lock};
use crate::data::importer::Prepared;
use crate::data::store::{Snapshot, Store};
use crate::error::{Error, Result};
use crate::model::countries::Registry;
use crate::rules::engine::RuleSet;
use std::path::Path;

/// Every rating that the prepared import would change, for each of `years`: the current
/// data against the same data with the new dataset in place, as of that year.
pub fn preview(
    prepared: &Prepared,
    indicators: &Path,
    data_toml: &Path,
    rules: &RuleSet,
    registry: &Registry,
    years: &[i32],
) -> Result<Vec<(i32, Vec<Change>)>> {
    let copy = std::env::temp_dir().join(format!(
        "standpunkt-dry-run-{}-{}",
        std::process::id(),
        prepared.dataset.meta.source
    ));
    let result = (|| {
        copy_dir(indicators, &copy)?;
        prepared.dataset.write(&copy)?;
        let before = Store::load_with(indicators, data_toml, &rules.catalog, Snapshot::ReadOnly)?;
        let after = Store::load_csv(&copy, data_toml, &rules.catalog)?;
        let mut countries = before.countries();
        countries.extend(after.countries());
        countries.sort();
        countries.dedup();
        let assess = |store: &Store, year: i32| {
            crate::assess::batch::assess_all(rules, store, registry, &countries, &[year])
        };
        years
            .iter()
            .map(|&year| {
                let was = Lock::from_assessments(year, &assess(&before, year)?);
                let now = assess(&after, year)?;
                let current = Lock::from_assessments(year, &now);
                Ok((year, was.explained(&current, &now, &after)))
            })
            .collect()
    })();
    let _ = std::fs::remove_dir_all(&copy);
    result
}

/// The latest publication year among the prepared import's values, if after `year`:
/// the first as-of year at which all of them count.
pub fn first_published_after(prepared: &Prepared, year: i32) -> Option<i32> {
    prepared
        .dataset
        .records
        .iter()
        .map(|r| r.published)
        .max()
        .filter(|&published| published > year)
}

/// Copies a folder tree, leaving out hidden entries (staging folders).
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).map_err(|e| Error::io(to, e))?;
    for entry in std::fs::read_dir(from).map_err(|e| Error::io(from, e))? {
        let path = entry.map_err(|e| Error::io(from, e))?.path();
        let name = path.file_name().expect("entries have names");
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let target = to.join(name);
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}
