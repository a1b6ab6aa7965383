use crate::import_common;
use standpunkt::data::import::{export_regimes::read, Observation};

use standpunkt::model::value::Value;
use std::path::Path;

const DIR: &str = "fixtures/import/export-regimes";

fn participant(obs: &[Observation], country: &str, id: &str) -> Option<bool> {
    let o = obs
        .iter()
        .find(|o| o.country == country && o.indicator == id)?;
    match o.value {
        Value::Bool(b) => Some(b),
        ref v => panic!("not a boolean: {v:?}"),
    }
}

#[test]
fn kazakhstan_from_the_excerpt() {
    let obs = read(&Path::new(DIR).join("export_regimes_long.csv")).unwrap();
    assert_eq!(participant(&obs, "KAZ", "treaty.nsg"), Some(true));
    // Adherent, not a member.
    assert_eq!(
        participant(&obs, "KAZ", "treaty.australia_group"),
        Some(false)
    );
    assert_eq!(participant(&obs, "KAZ", "treaty.wassenaar"), Some(false));
    assert_eq!(participant(&obs, "KAZ", "treaty.mtcr"), Some(false));
    let nsg = obs
        .iter()
        .find(|o| o.country == "KAZ" && o.indicator == "treaty.nsg")
        .unwrap();
    assert_eq!(
        (nsg.year, nsg.published, nsg.edition.as_str(), nsg.row),
        (2025, 2025, "Wikipedia 2025", 9)
    );
}

#[test]
fn others_and_the_european_commission() {
    let obs = read(&Path::new(DIR).join("export_regimes_long.csv")).unwrap();
    assert_eq!(participant(&obs, "DEU", "treaty.wassenaar"), Some(true));
    assert_eq!(participant(&obs, "CHN", "treaty.mtcr"), Some(false));
    assert_eq!(participant(&obs, "CHN", "treaty.nsg"), Some(true));
    assert_eq!(participant(&obs, "IND", "treaty.nsg"), Some(false));
    assert!(obs.iter().all(|o| !o.country.is_empty()));
    assert_eq!(obs.len(), 4 * 4);
}

#[test]
fn unknown_status_is_malformed() {
    import_common::malformed_at(read(&Path::new(DIR).join("synthetic-malformed.csv")), 3);
}

#[test]
fn truncated_file_is_malformed() {
    import_common::malformed_at(read(&Path::new(DIR).join("synthetic-truncated.csv")), 3);
}
