//! Flip points: every flip `flips` reports, fed back through `whatif`, gives the reported
//! rating, and a value just short of it does not.

mod common;

use common::standpunkt;

use standpunkt::audit::flips::{self, CountryFlips, Direction, Flip, Search, Trend};
use standpunkt::audit::whatif::{self, Override};
use standpunkt::model::catalog::Kind;
use standpunkt::model::value::Value;
use standpunkt::{Facts, Rating, RuleSet};
use std::sync::Arc;

/// The value `flip` would have one step (integers) or one bisection precision (numbers)
/// back towards the current value.
fn just_short(rules: &RuleSet, flip: &Flip) -> Value {
    let ind = rules.catalog.get(&flip.indicator).unwrap();
    let back = match flip.direction {
        Direction::Up => -1.0,
        Direction::Down => 1.0,
        Direction::Other => unreachable!("only numbers have a value just short"),
    };
    match flip.value {
        Value::Integer(i) => Value::Integer(i + back as i64),
        Value::Number(x) => {
            let span = ind.max.unwrap() - ind.min.unwrap();
            Value::Number(x + back * flips::PRECISION * span)
        }
        ref other => panic!("not a number: {other}"),
    }
}

/// Checks every flip of `result` against `whatif` on `facts`; returns how many it checked.
fn feed_back(rules: &RuleSet, facts: &Arc<Facts>, result: &[flips::CriterionFlips]) -> usize {
    let rating = |id: &str, value: &Value, number: u32| {
        let w = whatif::assess_facts(rules, facts.clone(), &[Override::set(id, value.clone())])
            .unwrap();
        w.rating(number).unwrap()
    };
    let mut checked = 0;
    for c in result {
        let real = rules
            .evaluate(rules.criterion(c.number).unwrap(), facts)
            .unwrap();
        assert_eq!(real.rating, c.rating, "criterion {}", c.number);
        for flip in &c.flips {
            let what = format!(
                "criterion {}: {} {} → {} ({:?})",
                c.number, flip.indicator, flip.current, flip.value, flip.rating
            );
            assert_ne!(flip.rating, c.rating, "{what}: a flip changes the rating");
            assert_eq!(
                rating(&flip.indicator, &flip.value, c.number),
                flip.rating,
                "{what}: the flip value fed back through whatif"
            );
            if flip.is_numeric() {
                // Just short of it (one step / one precision towards the current value),
                // the reported rating is not reached; before the first flip of a
                // direction, the rating is the current one.
                for short in [just_short(rules, flip), flip.short.clone().unwrap()] {
                    let got = rating(&flip.indicator, &short, c.number);
                    assert_ne!(got, flip.rating, "{what}: just short, at {short}");
                    if flip.first {
                        assert_eq!(got, c.rating, "{what}: just short, at {short}");
                    }
                }
            } else {
                assert_eq!(flip.direction, Direction::Other);
            }
            checked += 1;
        }
    }
    checked
}

fn kazakhstan() -> (RuleSet, Arc<Facts>, CountryFlips) {
    let rules = common::rules();
    let (store, registry) = common::store();
    let facts = Arc::new(store.facts("KAZ", 2025, &rules.catalog));
    let result = flips::country(&rules, &store, &registry, "KAZ", 2025).unwrap();
    (rules, facts, result)
}

/// Kazakhstan as of 2025 on the shipped data: every flip, fed back through whatif, gives
/// the reported rating; a value just short of a numeric flip does not.
#[test]
fn kazakhstan_flips_hold_when_fed_back_through_whatif() {
    let (rules, facts, result) = kazakhstan();
    assert_eq!(result.criteria.len(), 8);
    let checked = feed_back(&rules, &facts, &result.criteria);
    assert!(checked >= 10, "only {checked} flips");
    // Kinds covered: integer (CPI), boolean, category (embargoes), list (neighbours).
    let kinds: Vec<Kind> = result
        .criteria
        .iter()
        .flat_map(|c| c.flips.iter().map(|f| f.kind))
        .collect();
    for kind in [Kind::Integer, Kind::Boolean, Kind::Category, Kind::List] {
        assert!(kinds.contains(&kind), "no {kind:?} flip");
    }
}

/// The same through the whatif binary path: the library's `whatif::assess` on the store.
#[test]
fn kazakhstan_cpi_flip_through_store_whatif() {
    let rules = common::rules();
    let (store, registry) = common::store();
    let at = |v: i64| {
        whatif::assess(
            &rules,
            &store,
            &registry,
            "KAZ",
            2025,
            &[Override::set("cpi.score", Value::Integer(v))],
        )
        .unwrap()
        .rating(7)
        .unwrap()
    };
    assert_eq!(at(29), Rating::Kritisch);
    assert_eq!(at(30), Rating::MoeglicherweiseKritisch);
}

/// Criterion 7 of Kazakhstan reads CPI 40 (CPI 2024). The threshold `cpi_kritisch` is 30
/// (`cpi < 30`), so 29 makes it kritisch. Upwards there is no flip: at 50 and above the
/// CPI is no longer "poor", but the judgment `judgment.diversion_risk` (weapons looted in
/// 2022, indicators/facts/KAZ.toml) keeps it "möglicherweise kritisch".
#[test]
fn kazakhstan_cpi_is_a_flip_of_criterion_7() {
    let (rules, facts, result) = kazakhstan();
    let c7 = result.criterion(7).unwrap();
    assert_eq!(c7.rating, Rating::MoeglicherweiseKritisch);
    let cpi: Vec<&Flip> = c7
        .flips
        .iter()
        .filter(|f| f.indicator == "cpi.score")
        .collect();
    assert_eq!(cpi.len(), 1, "{cpi:#?}");
    let down = cpi[0];
    assert_eq!(down.current, Value::Integer(40));
    assert_eq!(down.value, Value::Integer(29));
    assert_eq!(down.short, Some(Value::Integer(30)));
    assert_eq!(down.direction, Direction::Down);
    assert_eq!(down.rating, Rating::Kritisch);
    assert_eq!(down.trend, Trend::Worse);
    assert!(down.first);
    assert!((down.distance - 0.11).abs() < 1e-9);
    // The nearest change for the worse is the CPI (11 % of its range), not the ATT (a
    // whole step); there is none for the better.
    assert_eq!(c7.nearest(Trend::Worse).unwrap().indicator, "cpi.score");
    assert!(c7.nearest(Trend::Better).is_none());
    // The judgment is not read on this path: the CPI below 50 decides first.
    assert!(c7.not_read.contains(&"judgment.diversion_risk".to_string()));

    // 50, fed back: still "möglicherweise kritisch" because of the judgment …
    let at = |overrides: &[Override]| {
        whatif::assess_facts(&rules, facts.clone(), overrides)
            .unwrap()
            .rating(7)
            .unwrap()
    };
    let cpi = |v| Override::set("cpi.score", Value::Integer(v));
    let no_diversion = Override::set("judgment.diversion_risk", Value::Bool(false));
    assert_eq!(at(&[cpi(50)]), Rating::MoeglicherweiseKritisch);
    assert_eq!(at(&[cpi(100)]), Rating::MoeglicherweiseKritisch);
    // … and "nicht kritisch" once the judgment is taken away.
    assert_eq!(at(&[cpi(50), no_diversion.clone()]), Rating::NichtKritisch);
    assert_eq!(
        at(&[cpi(49), no_diversion.clone()]),
        Rating::MoeglicherweiseKritisch
    );

    // Without the judgment, flips finds 50 as the flip for the better.
    let without = Arc::new(whatif::apply(&facts, &[no_diversion]));
    let c7 = flips::criterion(&rules, rules.criterion(7).unwrap(), &without, Search::FULL).unwrap();
    let better = c7.nearest(Trend::Better).unwrap();
    assert_eq!(
        (better.indicator.as_str(), &better.value, better.rating),
        ("cpi.score", &Value::Integer(50), Rating::NichtKritisch)
    );
    let worse = c7.nearest(Trend::Worse).unwrap();
    assert_eq!(
        (worse.indicator.as_str(), &worse.value),
        ("cpi.score", &Value::Integer(29))
    );
    feed_back(&rules, &without, std::slice::from_ref(&c7));
}

/// Kazakhstan as the brief gives it (fixtures/KAZ-2025.toml, CPI 2023 = 39).
#[test]
fn kazakhstan_fixture_flips_hold() {
    let rules = common::rules();
    let facts =
        Arc::new(Facts::load(&common::repo("fixtures/KAZ-2025.toml"), &rules.catalog).unwrap());
    let result = flips::facts(&rules, &facts, Search::FULL).unwrap();
    let c7 = result.iter().find(|c| c.number == 7).unwrap();
    let worse = c7.nearest(Trend::Worse).unwrap();
    assert_eq!(
        (worse.indicator.as_str(), &worse.current, &worse.value),
        ("cpi.score", &Value::Integer(39), &Value::Integer(29))
    );
    assert!(feed_back(&rules, &facts, &result) > 0);
}

/// Numbers (HDI, WGI) and whole numbers (GMI rank) on countries near a threshold: the
/// bisected flip values hold too.
#[test]
fn numeric_flips_hold_on_other_countries() {
    let rules = common::rules();
    let (store, registry) = common::store();
    let mut numbers = 0;
    for iso3 in ["TGO", "BLR", "ZWE", "PLW", "MNG", "GRC"] {
        let facts = Arc::new(store.facts(iso3, 2025, &rules.catalog));
        let result = flips::country(&rules, &store, &registry, iso3, 2025).unwrap();
        feed_back(&rules, &facts, &result.criteria);
        numbers += result
            .criteria
            .iter()
            .flat_map(|c| &c.flips)
            .filter(|f| f.kind == Kind::Number)
            .count();
    }
    assert!(numbers >= 4, "only {numbers} number flips");
    // Togo: HDI 0.547 → 0.55 (hdi_low, `hdi < 0.55` is kritisch) makes criterion 8
    // möglicherweise kritisch, → 0.8 nicht kritisch.
    let togo = flips::country(&rules, &store, &registry, "TGO", 2025).unwrap();
    let c8 = togo.criterion(8).unwrap();
    let hdi: Vec<(&Value, Rating, bool)> = c8
        .flips
        .iter()
        .filter(|f| f.indicator == "hdi.value")
        .map(|f| (&f.value, f.rating, f.first))
        .collect();
    assert_eq!(
        hdi,
        [
            (&Value::Number(0.55), Rating::MoeglicherweiseKritisch, true),
            (&Value::Number(0.8), Rating::NichtKritisch, false)
        ]
    );
    // Moldova: WGI political stability -0.68, criterion 3 nicht kritisch; `pv < -1.0` is
    // möglicherweise kritisch, so the flip lies just below -1 and says so. (Zimbabwe,
    // -0.93, is möglicherweise kritisch on its PTS, rule of law and FSI.)
    let mda = flips::country(&rules, &store, &registry, "MDA", 2025).unwrap();
    let pv = mda
        .criterion(3)
        .unwrap()
        .flips
        .iter()
        .find(|f| f.indicator == "wgi.pv")
        .unwrap();
    assert_eq!(pv.boundary, Some(-1.0));
    assert_eq!(pv.short, Some(Value::Number(-1.0)));
    let Value::Number(x) = pv.value else { panic!() };
    assert!(x < -1.0 && x > -1.0 - flips::PRECISION * 7.0, "{x}");
}

/// A missing indicator is filled with every value: Togo without its HDI.
#[test]
fn gaps_show_which_values_would_decide() {
    let rules = common::rules();
    let (store, _) = common::store();
    let facts = store.facts("TGO", 2025, &rules.catalog);
    let facts = Arc::new(whatif::apply(&facts, &[Override::remove("hdi.value")]));
    let c8 = flips::criterion(&rules, rules.criterion(8).unwrap(), &facts, Search::FULL).unwrap();
    assert_eq!(c8.rating, Rating::NichtBewertbar);
    let gap = c8.gaps.iter().find(|g| g.indicator == "hdi.value").unwrap();
    let ratings: Vec<Rating> = gap.outcomes.iter().map(|o| o.rating).collect();
    assert_eq!(
        ratings,
        [
            Rating::Kritisch,
            Rating::MoeglicherweiseKritisch,
            Rating::NichtKritisch
        ]
    );
    assert_eq!(gap.outcomes[0].from, Value::Number(0.0));
    assert_eq!(gap.outcomes[1].from, Value::Number(0.55));
    assert_eq!(gap.outcomes[2].from, Value::Number(0.8));
    assert_eq!(gap.outcomes[2].to, Value::Number(1.0));
    // Not assessable is not ordered: no nearest flip either way.
    assert!(c8.nearest_worse.is_none() && c8.nearest_better.is_none());
}

/// The borderline list: within the distance, nearest first; Kazakhstan's CPI (11 % of the
/// range from its flip) is in at 11 and not at 10.
#[test]
fn borderline_list() {
    let rules = common::rules();
    let (store, registry) = common::store();
    let countries: Vec<String> = ["KAZ", "TGO", "GRC", "ZWE", "DEU"]
        .map(String::from)
        .to_vec();
    let list = flips::borderline(&rules, &store, &registry, &countries, 2025, 10.0).unwrap();
    assert!(list.iter().all(|b| b.distance_pct <= 10.0 + 1e-9));
    assert!(list
        .windows(2)
        .all(|w| w[0].distance_pct <= w[1].distance_pct));
    assert!(!list.iter().any(|b| b.iso3 == "KAZ"));
    assert_eq!(
        (
            list[0].iso3.as_str(),
            list[0].criterion,
            list[0].flip.indicator.as_str()
        ),
        ("TGO", 8, "hdi.value")
    );
    let list = flips::borderline(&rules, &store, &registry, &countries, 2025, 11.0).unwrap();
    let kaz: Vec<_> = list.iter().filter(|b| b.iso3 == "KAZ").collect();
    assert_eq!(kaz.len(), 1);
    assert_eq!(
        (
            kaz[0].criterion,
            kaz[0].flip.indicator.as_str(),
            &kaz[0].flip.value
        ),
        (7, "cpi.score", &Value::Integer(29))
    );
    assert!(list.iter().all(|b| b.flip.is_numeric()));
}

#[test]
fn cli_flips_kazakhstan() {
    let (code, out, err) = standpunkt(&["flips", "KAZ", "--as-of", "2025"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("nächste Verschlechterung: Korruptionswahrnehmungsindex (CPI) [cpi.score] 40 → 29 würde Kriterium 7 kritisch machen"),
        "{out}"
    );
    let (code, out, err) = standpunkt(&["flips", "Kasachstan", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "[cpi.score] 40 → 29 would make criterion 7 critical (downwards, 11.0 % of the range)"
        ),
        "{out}"
    );
    let (code, out, _) = standpunkt(&["flips", "KAZ", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["schema"], flips::SCHEMA);
    let c7 = &json["criteria"][6];
    assert_eq!(c7["number"], 7);
    let worse = &c7["flips"][c7["nearest_worse"].as_u64().unwrap() as usize];
    assert_eq!(worse["indicator"], "cpi.score");
    assert_eq!(worse["value"], 29);
    assert_eq!(worse["rating"], "kritisch");
}

#[test]
fn cli_flips_all_and_errors() {
    let (code, out, err) = standpunkt(&["flips", "--all", "--within", "2", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let cases = json["cases"].as_array().unwrap();
    assert!(!cases.is_empty());
    assert!(cases
        .iter()
        .all(|c| c["distance_pct"].as_f64().unwrap() <= 2.0 + 1e-9));
    for args in [
        &["flips"][..],
        &["flips", "Kasachstn"],
        &["flips", "--all", "--within", "0"],
        &["flips", "KAZ", "--within", "5"],
    ] {
        let (code, out, err) = standpunkt(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
    }
}
