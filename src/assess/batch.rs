//! Many assessments at once: every country, one or more as-of years. Each rule is
//! compiled once; countries are spread over the machine's cores; the output order is
//! fixed (year, then ISO code) whatever the threads do.

use crate::data::store::Store;
use crate::error::Result;
use crate::model::assessment::Assessment;
use crate::model::countries::Registry;
use crate::rules::engine::RuleSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// One assessment of one country as of one year, from the store.
pub fn assess(
    rules: &RuleSet,
    store: &Store,
    registry: &Registry,
    iso3: &str,
    year: i32,
) -> Result<Assessment> {
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

/// `f` applied to every item on every core, the results in the items' order: the one
/// way standpunkt spreads work (assessments, diffs, flip searches, checks, pages).
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            for (i, result) in worker.join().expect("worker thread panicked") {
                results[i] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.expect("every item ran"))
        .collect()
}
