use crate::import_common;
use standpunkt::data::import::{treaties_untc2026::read, Observation};

use standpunkt::model::value::Value;
use std::path::Path;

const DIR: &str = "fixtures/import/treaties-untc-2026";

/// The status as of the scrape year (2026).
fn get<'a>(obs: &'a [Observation], country: &str, id: &str) -> Option<&'a Observation> {
    at(obs, country, id, 2026)
}

fn at<'a>(obs: &'a [Observation], country: &str, id: &str, year: i32) -> Option<&'a Observation> {
    obs.iter()
        .find(|o| o.country == country && o.indicator == id && o.year == year)
}

fn party(obs: &[Observation], country: &str, id: &str) -> Option<bool> {
    get(obs, country, id).map(|o| match o.value {
        Value::Bool(b) => b,
        ref v => panic!("not a boolean: {v:?}"),
    })
}

#[test]
fn kazakhstan_from_the_excerpt() {
    let obs = read(&Path::new(DIR).join("untc_all_long.csv")).unwrap();
    assert_eq!(party(&obs, "KAZ", "treaty.att"), Some(true));
    assert_eq!(party(&obs, "KAZ", "treaty.cat"), Some(true));
    assert_eq!(party(&obs, "KAZ", "treaty.crc"), Some(true));
    // Not listed for these, but covered by the scrape: no action recorded.
    assert_eq!(party(&obs, "KAZ", "treaty.ottawa"), Some(false));
    assert_eq!(party(&obs, "KAZ", "treaty.ccm"), Some(false));
    assert_eq!(party(&obs, "KAZ", "treaty.rome"), Some(false));
    let att = get(&obs, "KAZ", "treaty.att").unwrap();
    assert_eq!(
        (att.year, att.published, att.edition.as_str()),
        (2026, 2026, "UNTC 2026")
    );
    assert_eq!(att.row, 19);
    assert_eq!(get(&obs, "KAZ", "treaty.rome").unwrap().row, 0);
}

/// The standing's year dates the status: Kazakhstan joined the ATT in 2017, so an
/// assessment as of 2016 sees "not a party", as of 2017 "party", each published then.
#[test]
fn status_in_earlier_years_follows_the_join_year() {
    let obs = read(&Path::new(DIR).join("untc_all_long.csv")).unwrap();
    let in_2016 = at(&obs, "KAZ", "treaty.att", 2016).unwrap();
    assert_eq!(
        (in_2016.value.clone(), in_2016.published),
        (Value::Bool(false), 2016)
    );
    let in_2017 = at(&obs, "KAZ", "treaty.att", 2017).unwrap();
    assert_eq!(
        (in_2017.value.clone(), in_2017.published),
        (Value::Bool(true), 2017)
    );
    // Burundi withdrew from the Rome Statute; the file gives no year, so only 2026 is certain.
    assert_eq!(
        at(&obs, "BDI", "treaty.rome", 2026).unwrap().value,
        Value::Bool(false)
    );
    assert!(at(&obs, "BDI", "treaty.rome", 2016).is_none());
    // No status before the first year given.
    assert!(at(&obs, "KAZ", "treaty.att", 2009).is_none());
}

#[test]
fn signatory_and_withdrawn_are_not_parties() {
    let obs = read(&Path::new(DIR).join("untc_all_long.csv")).unwrap();
    assert_eq!(party(&obs, "USA", "treaty.att"), Some(false));
    assert_eq!(party(&obs, "USA", "treaty.cat"), Some(true));
    assert_eq!(party(&obs, "BDI", "treaty.rome"), Some(false));
    assert_eq!(party(&obs, "EST", "treaty.ottawa"), Some(false));
    assert_eq!(party(&obs, "AFG", "treaty.ccm"), Some(true));
    // Instruments outside the catalog are not emitted.
    assert!(obs.iter().all(|o| o.indicator.starts_with("treaty.")));
    assert!(!obs.iter().any(|o| o.indicator.contains("paris")));
}

#[test]
fn countries_never_listed_get_no_value() {
    let obs = read(&Path::new(DIR).join("untc_all_long.csv")).unwrap();
    assert!(get(&obs, "MHL", "treaty.att").is_none());
}

#[test]
fn unknown_standing_is_malformed() {
    import_common::malformed_at(read(&Path::new(DIR).join("synthetic-malformed.csv")), 3);
}

#[test]
fn truncated_file_is_malformed() {
    import_common::malformed_at(read(&Path::new(DIR).join("synthetic-truncated.csv")), 3);
}
