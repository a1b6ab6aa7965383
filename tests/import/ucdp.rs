use crate::import_common;
use standpunkt::data::import::ucdp::{active_parties, conflict_years, government_country, read};

use standpunkt::data::import::Observation;
use standpunkt::model::value::Value;
use std::path::{Path, PathBuf};

const DIR: &str = "fixtures/import/ucdp";

fn excerpt() -> PathBuf {
    Path::new(DIR).join("UcdpPrioConflict_v25_1.csv")
}

fn value(obs: &[Observation], country: &str, id: &str, year: i32) -> Option<Value> {
    obs.iter()
        .find(|o| o.country == country && o.indicator == id && o.year == year)
        .map(|o| o.value.clone())
}

fn cat(s: &str) -> Option<Value> {
    Some(Value::Category(s.into()))
}

#[test]
fn government_names_become_country_names() {
    assert_eq!(
        government_country("Government of Russia (Soviet Union)"),
        Some("Russia (Soviet Union)")
    );
    assert_eq!(
        government_country(" Government of Bahrain"),
        Some("Bahrain")
    );
    assert_eq!(government_country("ETIM"), None);
}

#[test]
fn kazakhstan_as_un_peacekeeper_is_no_conflict_party() {
    let obs = read(&excerpt()).unwrap();
    assert!(obs.iter().all(|o| o.country != "Kazakhstan"));
    assert!(active_parties(&excerpt())
        .unwrap()
        .iter()
        .all(|(c, _)| c != "Kazakhstan"));
    // It is in the data, as a secondary party backing the government (CAR 2022).
    let rows = conflict_years(&excerpt()).unwrap();
    let car = rows.iter().find(|c| c.conflict_id == "416").unwrap();
    assert_eq!((car.year, car.kind, car.row), (2022, 4, 14));
    assert!(car.secondary_a.iter().any(|c| c == "Kazakhstan"));
}

#[test]
fn broken_record_is_joined() {
    let rows = conflict_years(&excerpt()).unwrap();
    let etim = rows.iter().find(|c| c.conflict_id == "11349").unwrap();
    assert_eq!(
        (etim.year, etim.kind, etim.intensity, etim.row),
        (2008, 3, 1, 4)
    );
    assert_eq!(etim.primary, vec!["China".to_string()]);
    let obs = read(&excerpt()).unwrap();
    assert_eq!(
        value(&obs, "China", "conflict.internal", 2008),
        cat("minor")
    );
    // The record after the broken one keeps its own line number.
    assert_eq!(
        rows.iter().find(|c| c.conflict_id == "13243").unwrap().row,
        6
    );
}

#[test]
fn internal_conflicts() {
    let obs = read(&excerpt()).unwrap();
    assert_eq!(
        value(&obs, "India", "conflict.internal", 2012),
        cat("minor")
    );
    assert_eq!(value(&obs, "Iraq", "conflict.internal", 2004), cat("war"));
    assert_eq!(
        value(&obs, "Ukraine", "conflict.internal", 2022),
        cat("minor")
    );
    assert_eq!(value(&obs, "Ukraine", "conflict.internal", 2020), None);
    assert_eq!(
        value(&obs, "Ukraine", "conflict.internal_years_5y", 2022),
        Some(Value::Integer(2))
    );
    assert_eq!(
        value(&obs, "India", "conflict.internal_years_5y", 2016),
        Some(Value::Integer(1))
    );
    assert_eq!(
        value(&obs, "India", "conflict.internal_years_5y", 2017),
        None
    );
    let o = obs.iter().find(|o| o.country == "India").unwrap();
    assert_eq!(
        (o.published, o.edition.as_str(), o.row),
        (2025, "UCDP/PRIO ACD 25.1", 2)
    );
}

#[test]
fn interstate_conflicts() {
    let obs = read(&excerpt()).unwrap();
    let t = Some(Value::Bool(true));
    assert_eq!(value(&obs, "Kyrgyzstan", "conflict.interstate", 2022), t);
    assert_eq!(value(&obs, "Tajikistan", "conflict.interstate", 2021), t);
    assert_eq!(value(&obs, "Ukraine", "conflict.interstate", 2023), t);
    // Secondary party in an interstate conflict.
    assert_eq!(value(&obs, "North Korea", "conflict.interstate", 2024), t);
    // Backing the rebels in an internationalised intrastate conflict.
    assert_eq!(
        value(&obs, "Russia (Soviet Union)", "conflict.interstate", 2019),
        t
    );
    // Backing the government (Mali 2024): not counted.
    assert_eq!(value(&obs, "Niger", "conflict.interstate", 2024), None);
    assert_eq!(
        value(&obs, "Tajikistan", "conflict.interstate_10y", 2024),
        t
    );
    assert_eq!(
        value(&obs, "Tajikistan", "conflict.interstate_10y", 2020),
        None
    );
    assert_eq!(
        value(
            &obs,
            "Russia (Soviet Union)",
            "conflict.interstate_10y",
            2019
        ),
        t
    );
    assert_eq!(
        value(
            &obs,
            "Russia (Soviet Union)",
            "conflict.interstate_10y",
            2025
        ),
        None
    );
}

#[test]
fn active_parties_for_neighbours() {
    let active = active_parties(&excerpt()).unwrap();
    for (c, y) in [
        ("Kyrgyzstan", 2022),
        ("Russia (Soviet Union)", 2022),
        ("China", 2008),
        ("Mali", 2024),
    ] {
        assert!(active.contains(&(c.to_string(), y)), "{c} {y}");
    }
    assert!(!active.contains(&("Niger".to_string(), 2024)));
}

#[test]
fn malformed_intensity_is_reported() {
    import_common::malformed_at(read(&Path::new(DIR).join("synthetic-malformed.csv")), 3);
}

#[test]
fn row_without_year_and_continuation_is_malformed() {
    import_common::malformed_at(read(&Path::new(DIR).join("synthetic-broken.csv")), 3);
}

#[test]
fn truncated_file_is_malformed() {
    import_common::malformed_at(read(&Path::new(DIR).join("synthetic-truncated.csv")), 3);
}
