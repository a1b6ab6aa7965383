use crate::import_common;
use import_common::*;
use standpunkt::data::import::gmi;
use standpunkt::model::value::Value;

#[test]
fn excerpt_parses() {
    let obs = gmi::read(&fixture("gmi/gmi-excerpt.csv")).unwrap();
    assert_eq!(obs.len(), 8);
    assert!((number(&obs, "KAZ", "gmi.score", 2022) - 88.25).abs() < 0.01);
    assert_eq!(value(&obs, "KAZ", "gmi.rank", 2022), Value::Integer(91));
    assert_eq!(value(&obs, "KAZ", "gmi.rank", 2021), Value::Integer(83));
    assert_eq!(number(&obs, "ERI", "gmi.score", 2000), 500.0);
    let kaz = obs
        .iter()
        .find(|o| o.country == "KAZ" && o.year == 2022)
        .unwrap();
    assert_eq!(
        (kaz.published, kaz.edition.as_str(), kaz.row),
        (2023, "GMI 2023", 4)
    );
}

#[test]
fn malformed_row_is_reported_with_its_row() {
    import_common::malformed_at(gmi::read(&fixture("gmi/synthetic-malformed.csv")), 3);
}

#[test]
fn truncated_file_is_malformed() {
    import_common::malformed_at(gmi::read(&fixture("gmi/synthetic-truncated.csv")), 3);
}

#[test]
fn real_file_stays_in_range() {
    if without_raw() {
        return;
    }
    let obs = gmi::read(&raw("bicc-gmi/gmi_1990_2022_extracted.csv")).unwrap();
    assert_eq!(obs.len(), 2 * 4866);
    assert_eq!(out_of_range(&obs), Vec::<String>::new());
    assert_eq!(duplicates(&obs), Vec::<String>::new());
}
