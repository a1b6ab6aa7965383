//! Assessments on the shipped data (indicators/): Kazakhstan against the brief, the
//! as-of rule, and snapshots of every country for reviewers.

mod common;

use standpunkt::assess::batch;
use standpunkt::{Lang, Rating};

/// As of 2025, the shipped datasets plus indicators/facts/KAZ.toml give the brief's
/// eight ratings. Two values differ from the brief because the shipped editions differ,
/// without changing a rating: criterion 7 reads CPI 2024 = 40 (the brief: CPI 2023 = 39),
/// criterion 8 reads GMI 2023 (data 2022, rank 91; the brief quotes GMI 2024, rank 96).
#[test]
fn kazakhstan_as_of_2025_reproduces_the_brief() {
    use Rating::*;
    let rules = common::rules();
    let (store, registry) = common::store();
    let a = batch::assess(&rules, &store, &registry, "KAZ", 2025).unwrap();
    let ratings: Vec<Rating> = a.criteria.iter().map(|c| c.rating).collect();
    assert_eq!(
        ratings,
        [
            NichtKritisch,
            Kritisch,
            Kritisch,
            MoeglicherweiseKritisch,
            NichtKritisch,
            NichtKritisch,
            MoeglicherweiseKritisch,
            NichtKritisch
        ]
    );
    assert!(
        a.criteria[6]
            .reason(standpunkt::Lang::De)
            .contains("CPI 2024: 40/100"),
        "{}",
        a.criteria[6].reason(standpunkt::Lang::De)
    );
    assert!(
        a.criteria[7]
            .reason(standpunkt::Lang::De)
            .contains("GMI 2023: Platz 91"),
        "{}",
        a.criteria[7].reason(standpunkt::Lang::De)
    );
    assert_eq!(a.name_de.as_deref(), Some("Kasachstan"));
}

/// How many of the 199 countries each criterion rates (anything but "nicht bewertbar"),
/// as of four years: at least 190 for criteria 1–5 and 7, 180 for criterion 6, 165 for
/// criterion 8 (the GMI ranks about 150). Criterion 1 falls short of 190 before 2025:
/// the Hague Code of Conduct has no source, so a country with two of the other four
/// treaties cannot be decided; its floor is what the data gives today.
#[test]
fn every_criterion_is_rated_for_nearly_every_country() {
    let rules = common::rules();
    let (store, registry) = common::store();
    let countries = store.countries();
    assert_eq!(countries.len(), 199);
    let years = [2010, 2016, 2020, 2025];
    let all = batch::assess_all(&rules, &store, &registry, &countries, &years).unwrap();
    // year, then the minimum per criterion 1..8
    let floors: [(i32, [usize; 8]); 4] = [
        (2010, [169, 190, 190, 190, 190, 180, 190, 165]),
        (2016, [185, 190, 190, 190, 190, 180, 190, 165]),
        (2020, [186, 190, 190, 190, 190, 180, 190, 165]),
        (2025, [190, 190, 190, 190, 190, 180, 190, 165]),
    ];
    for (year, floor) in floors {
        for (i, min) in floor.iter().enumerate() {
            let rated = all
                .iter()
                .filter(|a| a.as_of.year == year && a.criteria[i].rating != Rating::NichtBewertbar)
                .count();
            assert!(
                rated >= *min,
                "criterion {} as of {year}: {rated} of 199 rated, expected at least {min}",
                i + 1
            );
        }
    }
}

/// An assessment as of a year sees the newest edition published by then, and the
/// trace names it: Freedom House 2020 (data 2019) as of 2020, not the 2024 edition.
#[test]
fn as_of_picks_the_edition_published_by_then() {
    let rules = common::rules();
    let (store, _) = common::store();
    let facts = store.facts("KAZ", 2020, &rules.catalog);
    let fh = &facts.values["fh.status"];
    assert_eq!(
        (fh.edition.as_deref(), fh.year),
        (Some("FIW 2020"), Some(2019))
    );
    let cpi = &facts.values["cpi.score"];
    assert_eq!(
        (cpi.edition.as_deref(), cpi.year),
        (Some("CPI 2019"), Some(2019))
    );
    // Kazakhstan joined the ATT in 2017: party as of 2020, not as of 2016.
    assert_eq!(
        facts.values["treaty.att"].value,
        standpunkt::model::value::Value::Bool(true)
    );
    let in_2016 = store.facts("KAZ", 2016, &rules.catalog);
    assert_eq!(
        in_2016.values["treaty.att"].value,
        standpunkt::model::value::Value::Bool(false)
    );
    // The HDI ships as one 2024 release of the whole series: as of 2020 its 2018 value
    // counts (two years' lag), and the note says it comes from the later revision.
    let hdi = &facts.values["hdi.value"];
    assert_eq!(hdi.year, Some(2018));
    assert!(
        hdi.note
            .as_deref()
            .unwrap_or("")
            .contains("revised in HDR 2023/24"),
        "{hdi:?}"
    );
    // Judgments about 2022 are not known in 2020.
    assert!(!facts.values.contains_key("judgment.emergency_lethal_force"));
}

/// A value older than its family's age limit is left out, so the rule sees it missing.
#[test]
fn values_past_their_age_limit_are_missing() {
    let rules = common::rules();
    let (store, _) = common::store();
    // The newest embargo list is of 2024; the limit is 3 years.
    assert!(store
        .facts("KAZ", 2027, &rules.catalog)
        .values
        .contains_key("embargo.un"));
    assert!(!store
        .facts("KAZ", 2028, &rules.catalog)
        .values
        .contains_key("embargo.un"));
}

/// A judgment from indicators/facts/ wins over a dataset value, and its note says so.
#[test]
fn fact_files_override_datasets_and_say_so() {
    let rules = common::rules();
    let (store, _) = common::store();
    let facts = store.facts("KAZ", 2025, &rules.catalog);
    // No dataset has the 1925 Geneva Protocol: the value is the brief's, cited as such.
    assert!(facts.values["treaty.geneva_protocol_1925"]
        .source
        .contains("Tabelle 11"));
    // Dataset values name their source folder and edition.
    assert!(facts.values["fh.total"]
        .source
        .contains("indicators/freedomhouse"));
}

/// `conflict.neighbour_conflicts` gives each neighbour in the derived
/// `conflict.neighbours` that has a `conflict.list` value, in the same order, with every
/// conflict of that list: what criterion 4 names instead of reading a note.
#[test]
fn neighbour_conflicts_follow_the_neighbours_in_conflict() {
    use standpunkt::model::value::Value;
    let rules = common::rules();
    let (store, _) = common::store();
    let list = |fact: &standpunkt::model::facts::Fact| match &fact.value {
        Value::List(items) => items.clone(),
        other => panic!("not a list: {other:?}"),
    };
    let mut named = 0;
    for iso3 in store.countries() {
        for year in [2005, 2015, 2024] {
            let facts = store.facts(&iso3, year, &rules.catalog);
            let Some(neighbours) = facts.values.get("conflict.neighbours") else {
                assert!(!facts.values.contains_key("conflict.neighbour_conflicts"));
                continue;
            };
            let entries = list(&facts.values["conflict.neighbour_conflicts"]);
            let mut expected = Vec::new();
            for n in list(neighbours) {
                let theirs = store.facts(&n, year, &rules.catalog);
                if let Some(own) = theirs.values.get("conflict.list") {
                    expected.push((n, list(own)));
                }
            }
            assert_eq!(entries.len(), expected.len(), "{iso3} {year}: {entries:?}");
            for (entry, (n, own)) in entries.iter().zip(&expected) {
                let (code, labels) = entry.split_once(';').expect("ISO3;conflicts");
                assert_eq!(code, n, "{iso3} {year}");
                for item in own {
                    let id = item.split(';').next().unwrap();
                    assert!(
                        labels.contains(&format!("UCDP {id} (")),
                        "{iso3} {year}: {n} {id} in {labels}"
                    );
                }
                named += 1;
            }
        }
    }
    // Not vacuous: most years have neighbours in conflict somewhere.
    assert!(named > 300, "{named} neighbours named");
}

/// The all-country matrix as of 2025: any change to a rule, threshold or dataset shows
/// up here as a diff of single letters, with the population counts under it.
#[test]
fn all_country_matrix() {
    let rules = common::rules();
    let (store, registry) = common::store();
    let countries = store.countries();
    let all = batch::assess_all(&rules, &store, &registry, &countries, &[2025]).unwrap();
    insta::assert_snapshot!(
        "matrix-2025",
        standpunkt::present::render::matrix(&all, Lang::De)
    );
}

/// One snapshot per country: the ratings, reasons and every criterion's trace.
#[test]
fn every_country() {
    let rules = common::rules();
    let (store, registry) = common::store();
    let countries = store.countries();
    assert!(countries.len() > 190, "{} countries", countries.len());
    let all = batch::assess_all(&rules, &store, &registry, &countries, &[2025]).unwrap();
    for a in &all {
        let mut text = standpunkt::present::render::assessment(a, &rules.catalog, Lang::De);
        for c in &a.criteria {
            text.push('\n');
            text.push_str(&standpunkt::present::render::explain(
                c,
                &rules.catalog,
                Lang::De,
            ));
        }
        insta::assert_snapshot!(format!("country-{}", a.iso3), text);
    }
}

/// indicators/ratings.lock is the record `rescore` compares against: it must match what
/// the shipped rules and data give, so a change to either comes with `rescore --accept`.
#[test]
fn ratings_lock_is_current() {
    let rules = common::rules();
    let (store, registry) = common::store();
    let lock = standpunkt::audit::rescore::Lock::load(&common::repo("indicators/ratings.lock"))
        .unwrap()
        .expect("ratings.lock is shipped");
    let all =
        batch::assess_all(&rules, &store, &registry, &store.countries(), &[lock.year]).unwrap();
    let current = standpunkt::audit::rescore::Lock::from_assessments(lock.year, &all);
    let changes = lock.changes(&current);
    assert!(changes.is_empty(), "ratings.lock is out of date — run `standpunkt rescore` and `rescore --accept`: {changes:#?}");
    // Only the entries that moved: the whole lock is some 1,600 of them.
    let moved: Vec<_> = lock
        .entries
        .iter()
        .filter(|(key, entry)| current.entries.get(*key) != Some(*entry))
        .map(|(key, entry)| (key, Some(entry), current.entries.get(key)))
        .chain(
            current
                .entries
                .iter()
                .filter(|(key, _)| !lock.entries.contains_key(*key))
                .map(|(key, entry)| (key, None, Some(entry))),
        )
        .collect();
    assert!(
        moved.is_empty() && lock.year == current.year,
        "{} entries of ratings.lock moved — run `standpunkt rescore --accept`; the first (recorded, now): {:#?}",
        moved.len(),
        &moved[..moved.len().min(5)]
    );
}

/// indicators/ATTRIBUTION.md names every shipped source and each of its editions.
#[test]
fn attribution_names_every_source_and_edition() {
    let text = std::fs::read_to_string(common::repo("indicators/ATTRIBUTION.md")).unwrap();
    let (store, _) = common::store();
    for meta in &store.sources {
        assert!(
            text.contains(&format!("`{}`", meta.source)),
            "ATTRIBUTION.md lacks {}",
            meta.source
        );
        let (first, last) = (
            meta.editions.first().unwrap(),
            meta.editions.last().unwrap(),
        );
        assert!(
            text.contains(first.as_str()) && text.contains(last.as_str()),
            "ATTRIBUTION.md lacks the editions of {}",
            meta.source
        );
    }
}

/// The memo (one evaluation per distinct input) gives what a fresh run gives, trace and
/// provenance included: every country, the years 2015–2024, every criterion, once with
/// the results shared across countries and years and once with each rule run afresh.
#[test]
fn shared_results_equal_fresh_runs() {
    let rules = common::rules();
    let (store, _) = common::store();
    let countries = store.countries();
    let facts: Vec<_> = (2015..=2024)
        .flat_map(|y| countries.iter().map(move |c| (c.clone(), y)))
        .map(|(c, y)| {
            (
                c.clone(),
                y,
                std::sync::Arc::new(store.facts(&c, y, &rules.catalog)),
            )
        })
        .collect();
    let shared: Vec<_> = facts
        .iter()
        .flat_map(|(_, _, f)| {
            rules
                .criteria
                .iter()
                .map(|c| common::result_json(&rules.evaluate(c, f).unwrap()))
        })
        .collect();
    let evaluations = shared.len();
    assert!(
        rules.distinct_inputs() < evaluations * 9 / 10,
        "{} distinct inputs of {evaluations}: the memo shares almost nothing",
        rules.distinct_inputs()
    );
    let mut shared = shared.into_iter();
    for (iso3, year, f) in &facts {
        for c in &rules.criteria {
            rules.forget();
            let fresh = common::result_json(&rules.evaluate(c, f).unwrap());
            assert_eq!(
                shared.next().unwrap(),
                fresh,
                "criterion {} for {iso3} as of {year}",
                c.number
            );
        }
    }
}

/// The direct evaluator (rules/direct.rs) gives what Rhai gives, rating, reason and
/// trace line by line, on every country for every year the data covers; and it runs
/// every shipped rule, so the shipped data never falls back to Rhai for want of a
/// construct.
#[test]
fn direct_evaluation_equals_rhai() {
    let direct = common::rules();
    assert_eq!(direct.run_directly(), (1..=8).collect::<Vec<u32>>());
    let rhai = common::rules().rhai_only();
    assert!(rhai.run_directly().is_empty());
    let (store, _) = common::store();
    let mut compared = 0;
    for year in 2000..=2026 {
        for iso3 in store.countries() {
            let facts = std::sync::Arc::new(store.facts(&iso3, year, &direct.catalog));
            for (a, b) in direct.criteria.iter().zip(&rhai.criteria) {
                let by_rhai = rhai.evaluate(b, &facts).unwrap();
                assert_eq!(
                    common::result_json(&direct.evaluate(a, &facts).unwrap()),
                    common::result_json(&by_rhai),
                    "criterion {} for {iso3} as of {year}",
                    a.number
                );
                // The rating alone (check's monotonicity steps) is the same rating.
                assert_eq!(
                    direct.rating(a, &facts).unwrap(),
                    by_rhai.rating,
                    "rating alone, criterion {} for {iso3} as of {year}",
                    a.number
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 40_000, "only {compared} evaluations compared");
}

/// `check`'s monotonicity steps run a rule on one country's facts with one fact replaced
/// at a time, through the facts looked up once (`RuleSet::stepping`): each step's rating
/// is the one Rhai gives on a copy of the facts with that fact replaced. Every eighth
/// country, every criterion, every step of every ordered indicator it reads, and of one
/// indicator it does not read.
#[test]
fn stepped_ratings_equal_ratings_on_copies() {
    use std::sync::Arc;
    let direct = common::rules();
    let rhai = common::rules().rhai_only();
    let (store, _) = common::store();
    let unread = direct
        .catalog
        .iter()
        .find(|i| {
            standpunkt::audit::check::steps(i).is_some()
                && direct
                    .criteria
                    .iter()
                    .all(|c| c.outline.reads().all(|r| r != i.id()))
        })
        .map(|i| i.id().to_string());
    let mut compared = 0;
    for iso3 in store.countries().iter().step_by(8) {
        let facts = Arc::new(store.facts(iso3, 2024, &direct.catalog));
        for (a, b) in direct.criteria.iter().zip(&rhai.criteria) {
            let mut stepping = direct.stepping(a, &facts);
            for id in a.outline.reads().chain(unread.as_deref()) {
                let Some(steps) = direct
                    .catalog
                    .get(id)
                    .and_then(standpunkt::audit::check::steps)
                else {
                    continue;
                };
                for value in steps {
                    let (fact, copy) = common::step(&facts, 2024, id, &value);
                    let expected = rhai.evaluate(b, &copy).map(|r| r.rating);
                    let stepped = stepping.rating(id, fact);
                    assert_eq!(
                        stepped.ok(),
                        expected.ok(),
                        "criterion {}, {iso3}, {id} = {value}",
                        a.number
                    );
                    compared += 1;
                }
            }
        }
    }
    assert!(unread.is_some(), "no ordered indicator is left unread");
    assert!(compared > 5_000, "only {compared} steps compared");
}

/// `check` does not run a monotonicity step to the country's own value of an indicator
/// whose year, edition and note the rule does not see: it takes the unchanged rating. That
/// holds on every country as of 2024 (a step's fact has the check's own provenance); and
/// a rule that reads a fact's year or edition is not taken to see its value alone.
#[test]
fn a_step_to_the_own_value_rates_as_the_unchanged_facts() {
    use std::sync::Arc;
    let rules = common::rules();
    let c2 = &rules.criteria[1];
    assert!(rules.sees_value_only(c2, "fh.total"));
    assert!(!rules.sees_value_only(c2, "judgment.one_sided_violence")); // year()
    assert!(!rules.sees_value_only(c2, "pts.score")); // edition()
    let (store, _) = common::store();
    let mut compared = 0;
    for iso3 in store.countries() {
        let facts = Arc::new(store.facts(&iso3, 2024, &rules.catalog));
        for criterion in &rules.criteria {
            let unchanged = rules.evaluate(criterion, &facts).unwrap().rating;
            let mut stepping = rules.stepping(criterion, &facts);
            for id in criterion.outline.reads() {
                let Some(own) = facts.values.get(id) else {
                    continue;
                };
                if !rules.sees_value_only(criterion, id) {
                    continue;
                }
                let (fact, _) = common::step(&facts, 2024, id, &own.value);
                assert_eq!(
                    stepping.rating(id, fact).unwrap(),
                    unchanged,
                    "criterion {}, {iso3}, {id}",
                    criterion.number
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 1_000, "only {compared} steps compared");
}

/// `assess --all --format json` writes its array with sonic-rs, on every core: the bytes
/// are those serde_json gives for the same assessments, in both languages.
#[test]
fn the_batch_json_is_serde_json_byte_for_byte() {
    let rules = common::rules();
    let (store, registry) = common::store();
    let all =
        batch::assess_all(&rules, &store, &registry, &store.countries(), &[2023, 2024]).unwrap();
    for (lang, flag) in [(Lang::De, "de"), (Lang::En, "en")] {
        let (code, out, err) = common::standpunkt(&[
            "--lang",
            flag,
            "assess",
            "--all",
            "--years",
            "2023..2024",
            "--format",
            "json",
        ]);
        assert_eq!(code, 0, "{err}");
        let json: Vec<_> = all.iter().map(|a| a.json(lang)).collect();
        let expected = serde_json::to_string(&json).unwrap() + "\n";
        assert!(out.len() > 1_000_000, "{} bytes only", out.len());
        assert!(
            out == expected,
            "--lang {flag}: the bytes differ from serde_json's"
        );
    }
}

/// Schema 3: a read step's `source` is an index into its criterion's `sources`. On the
/// shipped data every index resolves to the source text and edition of the fact the step
/// read, and every entry is used and listed once.
#[test]
fn read_steps_refer_to_their_source_and_edition() {
    let rules = common::rules();
    let (store, registry) = common::store();
    let all = batch::assess_all(&rules, &store, &registry, &store.countries(), &[2024]).unwrap();
    let mut reads = 0;
    for assessment in &all {
        for criterion in &assessment.criteria {
            let json = serde_json::to_value(criterion.json(Lang::En)).unwrap();
            let sources = json["sources"].as_array().unwrap();
            let mut used = vec![false; sources.len()];
            for (step, shown) in criterion
                .trace
                .iter()
                .zip(json["trace"].as_array().unwrap())
            {
                let standpunkt::model::trace::Step::Read { fact, .. } = step else {
                    assert_ne!(shown["step"], "read");
                    continue;
                };
                let at = shown["source"].as_u64().expect("an index") as usize;
                let entry = &sources[at];
                let edition = fact.edition.as_deref().map(serde_json::Value::from);
                assert_eq!(entry["source"], *fact.source, "{}", assessment.iso3);
                assert_eq!(
                    entry.get("edition"),
                    edition.as_ref(),
                    "{}",
                    assessment.iso3
                );
                assert!(
                    shown.get("edition").is_none(),
                    "the edition is in `sources`"
                );
                used[at] = true;
                reads += 1;
            }
            assert!(
                used.iter().all(|u| *u),
                "{}: an unused source",
                assessment.iso3
            );
            let distinct: std::collections::HashSet<String> =
                sources.iter().map(|s| s.to_string()).collect();
            assert_eq!(
                distinct.len(),
                sources.len(),
                "{}: a source twice",
                assessment.iso3
            );
        }
    }
    assert!(reads > 5_000, "{reads} read steps only");
}
