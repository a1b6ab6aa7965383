use crate::import_common;
use standpunkt::data::import::treaties_wikipedia2016::{listed, read};

use standpunkt::model::value::Value;
use std::path::Path;

const DIR: &str = "fixtures/import/treaties-wikipedia-2016";

#[test]
fn kazakhstan_is_listed_for_all_five_but_listing_is_not_party() {
    let path = Path::new(DIR).join("lists_long.csv");
    let on_list = listed(&path).unwrap();
    for id in [
        "treaty.npt",
        "treaty.bwc",
        "treaty.cwc",
        "treaty.genocide",
        "treaty.geneva_iv",
    ] {
        assert!(
            on_list
                .iter()
                .any(|l| l.country == "KAZ" && l.indicator == id),
            "{id}"
        );
    }
    let npt = on_list
        .iter()
        .find(|l| l.country == "KAZ" && l.indicator == "treaty.npt")
        .unwrap();
    assert_eq!(npt.row, 4);
    // Listed = party or signatory: read() makes no claim about Kazakhstan.
    let obs = read(&path).unwrap();
    assert!(obs.iter().all(|o| o.country != "KAZ"));
}

#[test]
fn unlisted_countries_are_certainly_not_parties() {
    let obs = read(&Path::new(DIR).join("lists_long.csv")).unwrap();
    let not_party = |c: &str, id: &str| {
        obs.iter()
            .any(|o| o.country == c && o.indicator == id && o.value == Value::Bool(false))
    };
    assert!(not_party("IND", "treaty.npt"));
    assert!(not_party("ISR", "treaty.npt"));
    assert!(not_party("ISR", "treaty.bwc"));
    assert!(not_party("EGY", "treaty.cwc"));
    assert!(not_party("PRK", "treaty.cwc"));
    // Israel is listed for the CWC (as a signatory): no value.
    assert!(!obs
        .iter()
        .any(|o| o.country == "ISR" && o.indicator == "treaty.cwc"));
    assert!(obs.iter().all(|o| o.value == Value::Bool(false)));
    let o = obs.iter().find(|o| o.country == "IND").unwrap();
    assert_eq!(
        (o.year, o.published, o.edition.as_str()),
        (2016, 2016, "Wikipedia 2016")
    );
}

#[test]
fn empty_code_is_malformed() {
    import_common::malformed_at(read(&Path::new(DIR).join("synthetic-malformed.csv")), 3);
}

#[test]
fn truncated_file_is_malformed() {
    import_common::malformed_at(read(&Path::new(DIR).join("synthetic-truncated.csv")), 3);
}
