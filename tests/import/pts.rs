use crate::import_common;
use import_common::*;
use standpunkt::data::import::pts;
use standpunkt::model::value::Value;

#[test]
fn excerpt_parses_latin1_and_takes_the_highest_coding() {
    let obs = pts::read(&fixture("pts/PTS-2024-excerpt.csv")).unwrap();
    // Somaliland has no coding at all.
    assert_eq!(obs.len(), 7);
    assert_eq!(value(&obs, "KAZ", "pts.score", 2023), Value::Integer(3));
    assert_eq!(value(&obs, "KAZ", "pts.score", 2022), Value::Integer(4));
    assert_eq!(
        value(&obs, "ALB", "pts.score", 2023),
        Value::Integer(2),
        "A=1, H=NA, S=2"
    );
    assert_eq!(
        value(&obs, "BEN", "pts.score", 2023),
        Value::Integer(3),
        "A=3, H=NA, S=2"
    );
    assert_eq!(value(&obs, "KSV", "pts.score", 2023), Value::Integer(2));
    assert_eq!(value(&obs, "TUR", "pts.score", 2023), Value::Integer(4));
    let kaz = obs
        .iter()
        .find(|o| o.country == "KAZ" && o.year == 2023)
        .unwrap();
    assert_eq!(
        (kaz.published, kaz.edition.as_str(), kaz.row),
        (2024, "PTS 2024", 6)
    );
}

#[test]
fn malformed_row_is_reported_with_its_row() {
    import_common::malformed_at(pts::read(&fixture("pts/synthetic-malformed.csv")), 3);
}

#[test]
fn truncated_file_is_malformed() {
    import_common::malformed_at(pts::read(&fixture("pts/synthetic-truncated.csv")), 3);
}

#[test]
fn real_file_uses_codes_and_names_where_codes_are_missing() {
    if without_raw() {
        return;
    }
    let obs = pts::read(&raw("pts/PTS-2024.csv")).unwrap();
    assert_eq!(value(&obs, "KAZ", "pts.score", 2023), Value::Integer(3));
    assert!(obs.iter().any(|o| o.country == "Soviet Union"));
    assert!(obs
        .iter()
        .any(|o| o.country == "Yugoslavia, Federal Republic of"));
    assert_eq!(out_of_range(&obs), Vec::<String>::new());
    assert_eq!(duplicates(&obs), Vec::<String>::new());
}
