use crate::import_common;
use import_common::*;
use standpunkt::data::import::wgi;

#[test]
fn excerpt_parses() {
    let obs = wgi::read(&fixture("wgi/wgidataset-excerpt.csv")).unwrap();
    // The American Samoa row has no estimate.
    assert_eq!(obs.len(), 4);
    assert_eq!(number(&obs, "KAZ", "wgi.cc", 2023), -0.27);
    assert_eq!(number(&obs, "KAZ", "wgi.va", 2023), -1.0);
    assert_eq!(number(&obs, "KAZ", "wgi.pv", 2023), -0.27);
    assert_eq!(number(&obs, "KAZ", "wgi.rl", 2023), -0.45);
    let va = obs.iter().find(|o| o.indicator == "wgi.va").unwrap();
    assert_eq!(
        (va.published, va.edition.as_str(), va.row),
        (2024, "WGI 2024 update", 6)
    );
}

#[test]
fn malformed_row_is_reported_with_its_row() {
    import_common::malformed_at(wgi::read(&fixture("wgi/synthetic-malformed.csv")), 3);
}

#[test]
fn truncated_file_is_malformed() {
    import_common::malformed_at(wgi::read(&fixture("wgi/synthetic-truncated.csv")), 3);
}

#[test]
fn real_file_stays_in_range() {
    if without_raw() {
        return;
    }
    let obs = wgi::read(&raw("wb-wgi/wgidataset.csv")).unwrap();
    assert_eq!(
        number(&obs, "KSV", "wgi.va", 2023),
        number(&obs, "KSV", "wgi.va", 2023)
    );
    assert_eq!(out_of_range(&obs), Vec::<String>::new());
    assert_eq!(duplicates(&obs), Vec::<String>::new());
}
