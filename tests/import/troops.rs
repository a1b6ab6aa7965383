//! Importers for criterion 5's troop data: Geo-PKO (UN peacekeepers), troopdata (US
//! forces) and the UN mission list, on verbatim excerpts, broken files and, where the
//! raw files are present, the whole publications.

use crate::import_common;
use import_common::*;
use standpunkt::data::import::{geopko, un_missions, us_troops, ImportError};
use standpunkt::model::value::Value;
use std::path::PathBuf;

/// A raw file, or None when ../shared is absent (see `without_raw`: a failure under CI).
fn raw_or_skip(rel: &str) -> Option<PathBuf> {
    (!without_raw()).then(|| raw(rel))
}

fn list(v: Value) -> Vec<String> {
    match v {
        Value::List(l) => l,
        other => panic!("not a list: {other}"),
    }
}

#[test]
fn geopko_excerpt() {
    let obs = geopko::read(&fixture("un-peacekeeping-geopko/FrontMap-excerpt.csv")).unwrap();
    // Gao 2023 is on two maps with the same yearly mean: counted once.
    assert_eq!(value(&obs, "Mali", "troops.un", 2023), Value::Integer(4892));
    assert_eq!(
        list(value(&obs, "Mali", "troops.un_missions", 2023)),
        ["MINUSMA"]
    );
    // MINUSMA's 2024 rows (liquidation) are not read: no Mali value for 2024.
    assert!(obs.iter().all(|o| !(o.country == "Mali" && o.year == 2024)));
    // Ethiopia/Eritrea counts for both; the observer site adds no troops.
    for c in ["Ethiopia", "Eritrea"] {
        assert_eq!(value(&obs, c, "troops.un", 2006), Value::Integer(35));
        assert_eq!(list(value(&obs, c, "troops.un_missions", 2006)), ["UNMEE"]);
    }
    // Observer- and police-only sites: a row, but no troops and no mission with troops.
    assert_eq!(value(&obs, "Lebanon", "troops.un", 2023), Value::Integer(0));
    assert!(list(value(&obs, "Lebanon", "troops.un_missions", 2023)).is_empty());
    assert_eq!(value(&obs, "Haiti", "troops.un", 2017), Value::Integer(0));
    // Unknown (NA) troops at a quoted location.
    assert_eq!(value(&obs, "Syria", "troops.un", 1995), Value::Integer(0));
    let lbn = obs
        .iter()
        .find(|o| o.country == "Lebanon" && o.year == 2024 && o.indicator == "troops.un")
        .unwrap();
    assert_eq!(
        (&lbn.value, lbn.row, lbn.published, lbn.edition.as_str()),
        (&Value::Integer(2850), 8, 2025, "Geo-PKO v2.3")
    );
    assert_eq!(duplicates(&obs), Vec::<String>::new());
}

#[test]
fn geopko_broken_files() {
    malformed_at(
        geopko::read(&fixture("un-peacekeeping-geopko/synthetic-malformed.csv")),
        2,
    );
    malformed_at(
        geopko::read(&fixture("un-peacekeeping-geopko/synthetic-truncated.csv")),
        3,
    );
    assert!(matches!(
        geopko::read(&fixture("un-peacekeeping-geopko/no-such-file.csv")),
        Err(ImportError::Io { .. })
    ));
    // A file without the troop column is not Geo-PKO's.
    assert!(matches!(
        geopko::read(&fixture("us-troops/troopdata-excerpt.csv")),
        Err(ImportError::Format { .. })
    ));
}

#[test]
fn troopdata_excerpt() {
    let obs = us_troops::read(&fixture("us-troops/troopdata-excerpt.csv")).unwrap();
    // The year's value is the largest of its reports.
    assert_eq!(value(&obs, "KAZ", "troops.us", 2025), Value::Integer(27));
    assert_eq!(value(&obs, "Kosovo", "troops.us", 2024), Value::Integer(14));
    // Serbia 2007: the name-only rows stand for SRB; one value, the largest.
    assert_eq!(value(&obs, "SRB", "troops.us", 2007), Value::Integer(1397));
    assert!(obs.iter().all(|o| o.country != "Serbia"));
    // The United States and Guam are not host countries.
    assert!(obs
        .iter()
        .all(|o| o.country != "USA" && o.country != "Guam"));
    let kaz = obs.iter().find(|o| o.country == "KAZ").unwrap();
    assert_eq!((kaz.row, kaz.published), (10, 2026));
    assert_eq!(duplicates(&obs), Vec::<String>::new());
}

#[test]
fn troopdata_broken_files() {
    malformed_at(
        us_troops::read(&fixture("us-troops/synthetic-malformed.csv")),
        2,
    );
    malformed_at(
        us_troops::read(&fixture("us-troops/synthetic-truncated.csv")),
        2,
    );
    assert!(matches!(
        us_troops::read(&fixture("un-peacekeeping-geopko/FrontMap-excerpt.csv")),
        Err(ImportError::Format { .. })
    ));
}

#[test]
fn mission_list_excerpt() {
    let missions = un_missions::read(&fixture(
        "un-peacekeeping-missions/DPPADPOSS-PKO-excerpt.csv",
    ))
    .unwrap();
    assert_eq!(missions.len(), 6);
    let unmot = missions.iter().find(|m| m.acronym == "UNMOT").unwrap();
    assert_eq!(
        (
            unmot.start.as_str(),
            unmot.end_year(),
            unmot.active,
            unmot.row
        ),
        ("1994-12-01", Some(2000), false, 4)
    );
    let unohci = missions.iter().find(|m| m.acronym == "UNOHCI").unwrap();
    assert_eq!((unohci.start.as_str(), unohci.end_year()), ("", None));
    // The list still shows MINUSMA as active with no end date: why geopko::ENDED exists.
    let minusma = missions.iter().find(|m| m.acronym == "MINUSMA").unwrap();
    assert!(minusma.active && minusma.end.is_empty());
    assert!(geopko::ENDED
        .iter()
        .any(|(m, y, cite)| *m == "MINUSMA" && *y == 2023 && cite.contains("2690")));
}

#[test]
fn mission_list_broken_files() {
    malformed_at(
        un_missions::read(&fixture("un-peacekeeping-missions/synthetic-malformed.csv")),
        2,
    );
    malformed_at(
        un_missions::read(&fixture("un-peacekeeping-missions/synthetic-truncated.csv")),
        2,
    );
}

/// The whole files: ranges, no duplicates, the Kazakhstan check of the SOURCE notes, and
/// no Geo-PKO troops after a mission's end date in the UN list.
#[test]
fn real_files() {
    let (Some(geo), Some(us), Some(list)) = (
        raw_or_skip("un-peacekeeping-geopko/FrontMap_v.2.3.csv"),
        raw_or_skip("us-troops/troopdata-rebuild-country-year-quarter-format.csv"),
        raw_or_skip("un-peacekeeping-missions/DPPADPOSS-PKO.csv"),
    ) else {
        return;
    };
    let geo = geopko::read(&geo).unwrap();
    let us = us_troops::read(&us).unwrap();
    for obs in [&geo, &us] {
        let counts: Vec<_> = obs
            .iter()
            .filter(|o| !matches!(o.value, Value::List(_)))
            .cloned()
            .collect();
        assert_eq!(out_of_range(&counts), Vec::<String>::new());
        assert_eq!(duplicates(obs), Vec::<String>::new());
    }
    // Kazakhstan and its neighbours: no UN peacekeepers; US presence at embassy level
    // (below criterion 5's 200) in 2020–2025.
    for c in [
        "Kazakhstan",
        "Russia",
        "China",
        "Kyrgyzstan",
        "Uzbekistan",
        "Turkmenistan",
    ] {
        assert!(geo.iter().all(|o| o.country != c), "{c} in Geo-PKO");
    }
    for c in ["KAZ", "RUS", "CHN", "KGZ", "UZB", "TKM"] {
        for y in 2020..=2025 {
            let n = number(&us, c, "troops.us", y);
            assert!(n < 200.0, "{c} {y}: {n}");
        }
    }
    // Kyrgyzstan's Manas transit centre, 2008–2014: far above embassy level.
    assert!(number(&us, "KGZ", "troops.us", 2010) > 1000.0);
    // Geo-PKO maps no troops after a mission's end in the UN list.
    let missions = un_missions::read(&list).unwrap();
    let file =
        standpunkt::data::import::geopko::read(&raw("un-peacekeeping-geopko/FrontMap_v.2.3.csv"))
            .unwrap();
    for m in &missions {
        let Some(end) = m.end_year() else { continue };
        for o in file
            .iter()
            .filter(|o| o.indicator == "troops.un_missions" && o.year > end)
        {
            assert!(
                !list_has(&o.value, &m.acronym),
                "{} has troops in {} {} after its end {}",
                m.acronym,
                o.country,
                o.year,
                m.end
            );
        }
    }
}

fn list_has(v: &Value, item: &str) -> bool {
    matches!(v, Value::List(l) if l.iter().any(|x| x == item))
}
