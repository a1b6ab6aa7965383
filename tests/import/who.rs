use crate::import_common;
use import_common::*;
use standpunkt::data::import::{who, ImportError};

#[test]
fn excerpt_parses_country_rows_only() {
    let obs = who::read(&fixture("who/GHED_GGHE-DGDP-excerpt.csv")).unwrap();
    assert_eq!(obs.len(), 4, "the REGION row is left out");
    assert_eq!(number(&obs, "KAZ", "health.gdp_pct", 2022), 2.30152);
    let kaz = obs.iter().find(|o| o.year == 2022).unwrap();
    assert_eq!(
        (kaz.published, kaz.edition.as_str(), kaz.row),
        (2024, "WHO GHED 2024-12-10", 6)
    );
}

#[test]
fn malformed_row_is_reported_with_its_row() {
    import_common::malformed_at(who::read(&fixture("who/synthetic-malformed.csv")), 3);
}

#[test]
fn truncated_file_is_malformed() {
    import_common::malformed_at(who::read(&fixture("who/synthetic-truncated.csv")), 3);
}

#[test]
fn another_ghed_file_is_rejected() {
    if without_raw() {
        return;
    }
    let err = who::read(&raw("who-ghed/data/GHED_CHEGDP_SHA2011.csv")).unwrap_err();
    assert!(matches!(err, ImportError::Format { .. }), "{err}");
}

#[test]
fn real_file_stays_in_range() {
    if without_raw() {
        return;
    }
    let obs = who::read(&raw("who-ghed/data/GHED_GGHE-DGDP_SHA2011.csv")).unwrap();
    assert_eq!(number(&obs, "KAZ", "health.gdp_pct", 2022), 2.30152);
    assert_eq!(out_of_range(&obs), Vec::<String>::new());
    assert_eq!(duplicates(&obs), Vec::<String>::new());
}
