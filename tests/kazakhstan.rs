//! The reference case: Kazakhstan as the BICC brief of February 2025 gives it.

mod common;

use standpunkt::{Facts, Rating};
use std::sync::Arc;

fn assessment() -> standpunkt::Assessment {
    let rules = common::rules();
    let facts = Facts::load(&common::repo("fixtures/KAZ-2025.toml"), &rules.catalog).unwrap();
    assert!(!facts.synthetic);
    rules.assess(Arc::new(facts)).unwrap()
}

/// The brief's table "Bewertung auf Grundlage der BICC-Datenbank".
#[test]
fn reproduces_the_briefs_eight_ratings() {
    use Rating::*;
    let ratings: Vec<(u32, Rating)> = assessment()
        .criteria
        .iter()
        .map(|c| (c.number, c.rating))
        .collect();
    assert_eq!(
        ratings,
        vec![
            (1, NichtKritisch),
            (2, Kritisch),
            (3, Kritisch),
            (4, MoeglicherweiseKritisch),
            (5, NichtKritisch),
            (6, NichtKritisch),
            (7, MoeglicherweiseKritisch),
            (8, NichtKritisch),
        ]
    );
}

/// Reasons cite the values they rest on.
#[test]
fn reasons_cite_values() {
    let a = assessment();
    assert!(
        a.criteria[1]
            .reason(standpunkt::Lang::De)
            .contains("„nicht frei“ ein (23/100"),
        "{}",
        a.criteria[1].reason(standpunkt::Lang::De)
    );
    assert!(
        a.criteria[6]
            .reason(standpunkt::Lang::De)
            .contains("CPI 2023: 39/100"),
        "{}",
        a.criteria[6].reason(standpunkt::Lang::De)
    );
    assert!(
        a.criteria[7]
            .reason(standpunkt::Lang::En)
            .contains("rank 96"),
        "{}",
        a.criteria[7].reason(standpunkt::Lang::En)
    );
}

/// The full JSON with traces: any change to a rule, threshold or value shows up here.
#[test]
fn json_snapshot() {
    insta::assert_json_snapshot!("KAZ-2025", assessment().to_json(standpunkt::Lang::De));
}

/// What a policy reader sees.
#[test]
fn text_snapshot() {
    let rules = common::rules();
    let text = standpunkt::present::render::assessment(
        &assessment(),
        &rules.catalog,
        standpunkt::Lang::De,
    );
    insta::assert_snapshot!("KAZ-2025-text-de", text);
    let en = standpunkt::present::render::assessment(
        &assessment(),
        &rules.catalog,
        standpunkt::Lang::En,
    );
    insta::assert_snapshot!("KAZ-2025-text-en", en);
}

/// Markers of German text: letters and quotes English does not use, and common words.
const GERMAN: [&str; 16] = [
    "ä", "ö", "ü", "ß", "„", "“", " und ", " oder ", " nicht ", " kein", " der ", " die ", " das ",
    " von ", " für ", " mit ",
];

/// The lines of `explain` the rules write (title, rating, reason, test labels) — not the
/// values read, whose sources and editions are named as their publishers name them.
fn rule_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| !(l.contains(" reads ") || l.contains(" liest ")))
        .collect()
}

/// `--lang en explain KAZ N` shows no German from the rules, for every criterion and
/// every year of the shipped data; the same check on the German output finds German (so
/// the markers do mark it). Uses `render::explain`, what `explain` prints.
#[test]
fn english_explain_has_no_german_text() {
    let rules = common::rules();
    let (store, _) = common::store();
    for year in 2000..=2026 {
        let facts = Arc::new(store.facts("KAZ", year, &rules.catalog));
        let mut german_found = false;
        for criterion in &rules.criteria {
            let n = criterion.number;
            let result = rules.evaluate(criterion, &facts).unwrap();
            let en =
                standpunkt::present::render::explain(&result, &rules.catalog, standpunkt::Lang::En);
            for line in rule_lines(&en) {
                let found: Vec<_> = GERMAN.iter().filter(|m| line.contains(*m)).collect();
                assert!(
                    found.is_empty(),
                    "{year}, criterion {n}: German {found:?} in: {line}"
                );
            }
            let de =
                standpunkt::present::render::explain(&result, &rules.catalog, standpunkt::Lang::De);
            german_found |= rule_lines(&de)
                .iter()
                .any(|l| GERMAN.iter().any(|m| l.contains(m)));
        }
        assert!(
            german_found,
            "{year}: the markers find no German in the German output"
        );
    }
}
