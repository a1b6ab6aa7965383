//! `cargo bench`: times every country over every year 2015–2024 (or the span in
//! `BENCH_YEARS`, e.g. `2000..2026`) with full traces, the work behind
//! `standpunkt assess --all --years 2015..2024`. Prints criterion
//! evaluations per second and the time per evaluation (best of several runs; each run
//! starts without kept results, so it pays once for every distinct input), the same
//! with every evaluation run afresh, plus the cost of loading the rules and the data, of
//! the as-of selection and of writing the JSON.

use standpunkt::assess::batch;
use standpunkt::data::store::Store;
use standpunkt::model::countries::Registry;
use standpunkt::{Catalog, RuleSet};
use std::path::Path;
use std::time::{Duration, Instant};

/// The binary's allocator (src/main.rs), so that the figures are the command line's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The best of `runs` timings; `BENCH_RUNS=1` runs everything once (for instruction
/// counts under `valgrind --tool=callgrind`, which do not depend on the machine's load).
fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let runs = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(runs);
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

/// One part of the batch, for `BENCH_ONLY` (`bench_only_*` functions are what callgrind
/// collects).
fn bench_only(
    part: &str,
    rules: &RuleSet,
    store: &Store,
    registry: &Registry,
    countries: &[String],
    years: &[i32],
) -> String {
    let facts = || all_facts(rules, store, countries, years);
    match part {
        "select" => format!("{} fact sets", bench_only_select(&facts)),
        "engine" => format!("{} evaluations", bench_only_engine(rules, &facts())),
        "json" => {
            let all = batch::assess_all(rules, store, registry, countries, years).unwrap();
            format!("{} bytes", bench_only_json(&all))
        }
        other => panic!("BENCH_ONLY={other}: choose select, engine or json"),
    }
}

/// Every country's facts for every year, in the order the engine benchmark runs them.
fn all_facts(
    rules: &RuleSet,
    store: &Store,
    countries: &[String],
    years: &[i32],
) -> Vec<std::sync::Arc<standpunkt::Facts>> {
    years
        .iter()
        .flat_map(|&y| countries.iter().map(move |c| (c.clone(), y)))
        .map(|(c, y)| std::sync::Arc::new(store.facts(&c, y, &rules.catalog)))
        .collect()
}

#[inline(never)]
fn bench_only_select(facts: &dyn Fn() -> Vec<std::sync::Arc<standpunkt::Facts>>) -> usize {
    facts().len()
}

/// Every criterion on every country-year, each run afresh (no kept results).
#[inline(never)]
fn bench_only_engine(rules: &RuleSet, facts: &[std::sync::Arc<standpunkt::Facts>]) -> usize {
    for f in facts {
        for c in &rules.criteria {
            rules.forget();
            std::hint::black_box(rules.evaluate(c, f).unwrap());
        }
    }
    facts.len() * rules.criteria.len()
}

#[inline(never)]
fn bench_only_json(all: &[standpunkt::Assessment]) -> usize {
    batch_json(all)
}

/// The batch's JSON as `assess --all --format json` writes it, on one thread: each
/// assessment worded and serialised by `present::json::compact`; its length with the
/// array's brackets and commas.
fn batch_json(all: &[standpunkt::Assessment]) -> usize {
    let parts = all.iter().map(|a| {
        standpunkt::present::json::compact(&a.json(standpunkt::Lang::De))
            .unwrap()
            .len()
    });
    parts.sum::<usize>() + all.len() + 2
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (load_rules, rules) = best_of(5, || {
        let catalog = Catalog::load(&root.join("indicators/catalog.toml")).unwrap();
        RuleSet::load(&root.join("rules"), catalog).unwrap()
    });
    let (load_data, (store, registry)) = best_of(5, || {
        let store = Store::load(
            &root.join("indicators"),
            &root.join("rules/data.toml"),
            &rules.catalog,
        )
        .unwrap();
        let registry = Registry::load(&root.join("indicators/countries.csv")).unwrap();
        (store, registry)
    });
    let countries = store.countries();
    // The snapshot gives each country's values when first asked for: loading and then
    // reading every country is what a batch pays before its first rule runs.
    let (load_all, _) = best_of(5, || {
        let store = Store::load(
            &root.join("indicators"),
            &root.join("rules/data.toml"),
            &rules.catalog,
        )
        .unwrap();
        for c in &countries {
            std::hint::black_box(store.facts(c, 2024, &rules.catalog));
        }
        store
    });
    let (load_csv, _) = best_of(3, || {
        Store::load_csv(
            &root.join("indicators"),
            &root.join("rules/data.toml"),
            &rules.catalog,
        )
        .unwrap()
    });
    // `BENCH_YEARS=2000..2026 cargo bench --bench assess_all` for another span.
    let span = std::env::var("BENCH_YEARS").unwrap_or_else(|_| "2015..2024".into());
    let (from, to) = span
        .split_once("..")
        .and_then(|(a, b)| Some((a.parse::<i32>().ok()?, b.parse::<i32>().ok()?)))
        .expect("BENCH_YEARS is a span like 2000..2026");
    let years: Vec<i32> = (from..=to).collect();
    // `BENCH_ONLY=select|engine|json`: that part alone, once, for instruction counts of
    // it: `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*bench_only*'`.
    // (Loading is not among them: it reads the sources on rayon's threads, which the
    // toggle does not follow; count it in a whole-program run of the command line.)
    if let Ok(part) = std::env::var("BENCH_ONLY") {
        let start = Instant::now();
        let done = bench_only(&part, &rules, &store, &registry, &countries, &years);
        println!(
            "{part} alone: {:.1} ms ({done})",
            start.elapsed().as_secs_f64() * 1e3
        );
        return;
    }
    // Every timed run starts with nothing kept, so it pays for each distinct input once.
    let (assess, all) = best_of(10, || {
        rules.forget();
        batch::assess_all(&rules, &store, &registry, &countries, &years).unwrap()
    });
    let evaluations = all.len() * rules.criteria.len();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());

    // The engine alone: one thread, facts built beforehand, every criterion of every country-year.
    let facts = all_facts(&rules, &store, &countries, &years);
    let (engine, _) = best_of(5, || {
        rules.forget();
        for f in &facts {
            for c in &rules.criteria {
                std::hint::black_box(rules.evaluate(c, f).unwrap());
            }
        }
    });
    let distinct = rules.distinct_inputs();
    // Without the memo: every evaluation runs its rule.
    let (fresh, _) = best_of(3, || {
        for f in &facts {
            for c in &rules.criteria {
                rules.forget();
                std::hint::black_box(rules.evaluate(c, f).unwrap());
            }
        }
    });
    // The same without the direct evaluator: every rule run on Rhai (rules/direct.rs).
    let on_rhai = RuleSet::load(
        &root.join("rules"),
        Catalog::load(&root.join("indicators/catalog.toml")).unwrap(),
    )
    .unwrap()
    .rhai_only();
    let (rhai_fresh, _) = best_of(3, || {
        for f in &facts {
            for c in &on_rhai.criteria {
                on_rhai.forget();
                std::hint::black_box(on_rhai.evaluate(c, f).unwrap());
            }
        }
    });
    let (select, _) = best_of(5, || {
        for &y in &years {
            for c in &countries {
                std::hint::black_box(store.facts(c, y, &rules.catalog));
            }
        }
    });
    let (json, bytes) = best_of(5, || batch_json(&all));

    let per_criterion: Vec<(u32, Duration)> = rules
        .criteria
        .iter()
        .map(|c| {
            let (d, _) = best_of(5, || {
                for f in &facts {
                    rules.forget();
                    std::hint::black_box(rules.evaluate(c, f).unwrap());
                }
            });
            (c.number, d)
        })
        .collect();
    let per_eval = |d: Duration| d.as_secs_f64() * 1e6 / evaluations as f64;
    println!("assess --all --years {from}..{to}: {} countries x {} years x {} criteria = {evaluations} evaluations", countries.len(), years.len(), rules.criteria.len());
    println!(
        "  load rules                  {:>8.1} ms",
        load_rules.as_secs_f64() * 1e3
    );
    println!(
        "  load data                   {:>8.1} ms  ({}; the CSV files: {:.1} ms)",
        load_data.as_secs_f64() * 1e3,
        match store.from_snapshot() {
            true => "from indicators/.snapshot",
            false => "from the CSV files: no snapshot could be written",
        },
        load_csv.as_secs_f64() * 1e3
    );
    println!(
        "  … and every country's values read {:>4.1} ms  (selection of one year, the first look at each)",
        load_all.as_secs_f64() * 1e3
    );
    println!("  assess, {threads} threads            {:>8.1} ms  = {:.2} µs per evaluation, {:.0} evaluations/s", assess.as_secs_f64() * 1e3, per_eval(assess), evaluations as f64 / assess.as_secs_f64());
    println!(
        "  of which: rule engine, 1 thread {:>6.1} ms  = {:.2} µs per evaluation (with full trace)",
        engine.as_secs_f64() * 1e3,
        per_eval(engine)
    );
    println!(
        "            distinct inputs {distinct} of {evaluations}; every evaluation run afresh {:.1} ms = {:.2} µs per evaluation",
        fresh.as_secs_f64() * 1e3,
        per_eval(fresh)
    );
    println!(
        "            on Rhai alone, every evaluation run afresh {:.1} ms = {:.2} µs per evaluation (direct evaluator runs criteria {:?})",
        rhai_fresh.as_secs_f64() * 1e3,
        per_eval(rhai_fresh),
        rules.run_directly()
    );
    println!(
        "            as-of selection, 1 thread {:>4.1} ms",
        select.as_secs_f64() * 1e3
    );
    for (number, d) in &per_criterion {
        println!(
            "            criterion {number}: {:.2} µs per evaluation (run afresh)",
            d.as_secs_f64() * 1e6 / facts.len() as f64
        );
    }
    println!(
        "  JSON ({:.1} MB)               {:>8.1} ms",
        bytes as f64 / 1e6,
        json.as_secs_f64() * 1e3
    );
}
