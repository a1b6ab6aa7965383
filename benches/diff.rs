//! `cargo bench --bench diff`: times a full `standpunkt diff` over every country and every
//! year 2015–2024 — the shipped rules against a copy with criterion 7's `cpi_kritisch`
//! raised from 30 to 35 — best of 5. Prints the time, the number of criterion
//! evaluations (both rule sets) and what changed.

use standpunkt::audit::diff::{self, Origin};
use standpunkt::data::store::Store;
use standpunkt::model::countries::Registry;
use standpunkt::{Catalog, RuleSet};
use std::path::Path;
use std::time::{Duration, Instant};

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed());
        out = Some(value);
    }
    (best, out.expect("at least one run"))
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules_dir = root.join("rules");
    // The changed copy.
    let changed =
        std::env::temp_dir().join(format!("standpunkt-bench-diff-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&changed);
    std::fs::create_dir_all(&changed).unwrap();
    for entry in std::fs::read_dir(&rules_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, changed.join(path.file_name().unwrap())).unwrap();
        }
    }
    let criteria = changed.join("criteria.toml");
    let text = std::fs::read_to_string(&criteria).unwrap();
    let from = "cpi_kritisch = { value = 30, origin = \"project\", rationale = \"BICC: 'very poor'";
    assert_eq!(text.matches(from).count(), 1, "criterion 7's cpi_kritisch");
    std::fs::write(&criteria, text.replace(from, &from.replace("30", "35"))).unwrap();

    let catalog = Catalog::load(&root.join("indicators/catalog.toml")).unwrap();
    let (load, (old, new, store, registry)) = best_of(5, || {
        let old = RuleSet::load(&rules_dir, catalog.clone()).unwrap();
        let new = RuleSet::load(&changed, catalog.clone()).unwrap();
        let store = Store::load(
            &root.join("indicators"),
            &changed.join("data.toml"),
            &new.catalog,
        )
        .unwrap();
        let registry = Registry::load(&root.join("indicators/countries.csv")).unwrap();
        (old, new, store, registry)
    });
    let countries = store.countries();
    let years: Vec<i32> = (2015..=2024).collect();
    let (time, report) = best_of(5, || {
        diff::compare(diff::Comparison {
            old: &old,
            new: &new,
            store: &store,
            registry: &registry,
            countries: &countries,
            years: &years,
            base: Origin::dir(&rules_dir),
            head: Origin::dir(&changed),
        })
        .unwrap()
    });
    let (json, bytes) = best_of(5, || serde_json::to_vec(&report.to_json()).unwrap().len());
    let _ = std::fs::remove_dir_all(&changed);

    let evaluations = 2 * report.evaluations;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "diff over 2015..2024: {} countries x {} years x {} criteria x 2 rule sets = {evaluations} evaluations",
        countries.len(),
        years.len(),
        report.criteria.len()
    );
    println!(
        "  load two rule sets + data   {:>8.1} ms",
        load.as_secs_f64() * 1e3
    );
    println!(
        "  diff, {threads} threads              {:>8.1} ms (best of 5; criteria with the same script and parameter values on both sides are not run)",
        time.as_secs_f64() * 1e3
    );
    println!(
        "  JSON report ({:.2} MB)      {:>8.1} ms",
        bytes as f64 / 1e6,
        json.as_secs_f64() * 1e3
    );
    println!(
        "  found: {} rating changes, {} reason changes, {} trace-only changes",
        report.changes.len(),
        report.reason_changes.len(),
        report.trace_changes()
    );
}
