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
        a.criteria[1].reason_de.contains("„nicht frei“ ein (23/100"),
        "{}",
        a.criteria[1].reason_de
    );
    assert!(
        a.criteria[6].reason_de.contains("CPI 2023: 39/100"),
        "{}",
        a.criteria[6].reason_de
    );
    assert!(
        a.criteria[7].reason_en.contains("rank 96"),
        "{}",
        a.criteria[7].reason_en
    );
}

/// The full JSON with traces: any change to a rule, threshold or value shows up here.
#[test]
fn json_snapshot() {
    insta::assert_json_snapshot!("KAZ-2025", assessment().to_json());
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
