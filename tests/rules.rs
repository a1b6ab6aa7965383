//! Every criterion's rule against its synthetic cases (fixtures/synthetic/cN.toml): each
//! case names the rating it must reach, and every rule must reach all three ratings and
//! "nicht bewertbar".

mod common;

use serde::Deserialize;
use standpunkt::{Facts, Rating};
use std::collections::BTreeSet;
use std::sync::Arc;

#[derive(Deserialize)]
struct CaseFile {
    synthetic: bool,
    criterion: u32,
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    expect: String,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    missing: Option<Vec<String>>,
    /// Fragments the German or English reason must contain (what it names).
    #[serde(default)]
    reason_contains: Vec<String>,
    #[serde(default)]
    values: toml::Table,
    /// Words the German / English reason must contain (e.g. that an input is missing).
    #[serde(default)]
    reason_de: Vec<String>,
    #[serde(default)]
    reason_en: Vec<String>,
}

/// Builds a fact file from a case and reads it the way `--facts` does.
fn facts(case: &Case) -> Facts {
    let mut file = toml::Table::new();
    file.insert("iso3".into(), "XSY".into());
    file.insert(
        "as_of".into(),
        case.as_of.clone().unwrap_or("2025".into()).into(),
    );
    file.insert("synthetic".into(), true.into());
    file.insert("values".into(), case.values.clone().into());
    let text = toml::to_string(&file).unwrap();
    Facts::parse(std::path::Path::new(&case.name), &text, &common::catalog())
        .unwrap_or_else(|e| panic!("case '{}': {e}", case.name))
}

fn run_cases(number: u32) {
    let path = common::repo(&format!("fixtures/synthetic/c{number}.toml"));
    let file: CaseFile = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(
        file.synthetic,
        "{} must be marked synthetic",
        path.display()
    );
    assert_eq!(file.criterion, number);
    let rules = common::rules();
    let criterion = rules.criterion(number).unwrap();
    let mut reached = BTreeSet::new();
    for case in &file.case {
        let expected = Rating::from_key(&case.expect)
            .unwrap_or_else(|| panic!("bad expect '{}'", case.expect));
        let result = rules
            .evaluate(criterion, &Arc::new(facts(case)))
            .unwrap_or_else(|e| panic!("criterion {number}, case '{}': {e}", case.name));
        assert_eq!(
            result.rating, expected,
            "criterion {number}, case '{}': {}",
            case.name, result.reason_de
        );
        if let Some(missing) = &case.missing {
            assert_eq!(
                &result.missing, missing,
                "criterion {number}, case '{}'",
                case.name
            );
        }
        if expected == Rating::NichtBewertbar {
            assert!(
                !result.missing.is_empty(),
                "criterion {number}, case '{}': 'nicht bewertbar' must name what is missing",
                case.name
            );
        }
        assert!(!result.reason_de.is_empty() && !result.reason_en.is_empty());
        for (words, reason) in [
            (&case.reason_de, &result.reason_de),
            (&case.reason_en, &result.reason_en),
        ] {
            for w in words {
                assert!(
                    reason.contains(w.as_str()),
                    "criterion {number}, case '{}': reason lacks {w:?}: {reason}",
                    case.name
                );
            }
        }
        for fragment in &case.reason_contains {
            assert!(
                result.reason_de.contains(fragment.as_str())
                    || result.reason_en.contains(fragment.as_str()),
                "criterion {number}, case '{}': reason lacks {fragment:?}: {} / {}",
                case.name,
                result.reason_de,
                result.reason_en
            );
        }
        reached.insert(expected);
    }
    assert_eq!(reached.len(), 4, "criterion {number}: cases must reach all three ratings and 'nicht bewertbar', reached {reached:?}");
}

#[test]
fn criterion_1() {
    run_cases(1);
}
#[test]
fn criterion_2() {
    run_cases(2);
}
#[test]
fn criterion_3() {
    run_cases(3);
}
#[test]
fn criterion_4() {
    run_cases(4);
}
#[test]
fn criterion_5() {
    run_cases(5);
}
#[test]
fn criterion_6() {
    run_cases(6);
}
#[test]
fn criterion_7() {
    run_cases(7);
}
#[test]
fn criterion_8() {
    run_cases(8);
}

/// A missing value never turns into "nicht kritisch": with no facts at all, no
/// criterion may be rated anything but "nicht bewertbar".
#[test]
fn no_facts_no_rating() {
    let rules = common::rules();
    let case = Case {
        name: "empty".into(),
        expect: String::new(),
        as_of: None,
        missing: None,
        reason_contains: Vec::new(),
        values: toml::Table::new(),
        reason_de: Vec::new(),
        reason_en: Vec::new(),
    };
    let assessment = rules.assess(Arc::new(facts(&case))).unwrap();
    for c in &assessment.criteria {
        assert_eq!(c.rating, Rating::NichtBewertbar, "criterion {}", c.number);
        assert!(
            !c.missing.is_empty(),
            "criterion {} names no missing indicator",
            c.number
        );
    }
}
