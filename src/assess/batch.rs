//! Many assessments at once: every country, one or more as-of years. Each rule is
//! compiled once; countries are spread over the machine's cores; the output order is
//! fixed (year, then ISO code) whatever the threads do.

use crate::data::store::Store;
use crate::error::Result;
use crate::model::assessment::Assessment;
use crate::model::countries::Registry;
use crate::rules::engine::RuleSet;
use rayon::prelude::*;
use std::sync::Arc;

/// One assessment of one country as of one year, from the store; its texts name
/// countries as `registry` does.
pub fn assess(
    rules: &RuleSet,
    store: &Store,
    registry: &Registry,
    iso3: &str,
    year: i32,
) -> Result<Assessment> {
    // The texts name other countries from the same registry (the first one given stays).
    rules.name_countries(registry);
    let facts = Arc::new(store.facts(iso3, year, &rules.catalog));
    let mut assessment = rules.assess(facts)?;
    if let Some(country) = registry.get(iso3) {
        assessment.name_de = Some(country.name_de.clone());
        assessment.name_en = Some(country.name_en.clone());
    }
    Ok(assessment)
}

/// Assesses every (year, country) pair, in parallel, in that order.
pub fn assess_all(
    rules: &RuleSet,
    store: &Store,
    registry: &Registry,
    countries: &[String],
    years: &[i32],
) -> Result<Vec<Assessment>> {
    let jobs: Vec<(i32, &str)> = years
        .iter()
        .flat_map(|&y| countries.iter().map(move |c| (y, c.as_str())))
        .collect();
    parallel_map(&jobs, |&(year, iso3)| {
        assess(rules, store, registry, iso3, year)
    })
    .into_iter()
    .collect()
}

/// `f` applied to every item on every core (rayon's pool), the results in the items'
/// order: the one way standpunkt spreads work (assessments, diffs, flip searches,
/// checks, pages).
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    items.par_iter().map(f).collect()
}
