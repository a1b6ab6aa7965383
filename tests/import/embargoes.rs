//! Embargo scope (src/data/import/embargo_scope.toml) and the 2024 ISP embargo list: the
//! scope every embargo gets, its citation, and broken input.

use crate::import_common;
use import_common::*;
use standpunkt::data::import::{embargo_scope, embargoes2024, sanctions, ImportError};
use standpunkt::model::value::Value;

const LIST: &str = "embargoes-list-2024/embargo_list_se_isp_2024-03-20.csv";

fn cases(obs: &[standpunkt::data::import::Observation], country: &str, year: i32) -> Vec<String> {
    match value(obs, country, sanctions::CASES, year) {
        Value::List(l) => l,
        other => panic!("{other}"),
    }
}

#[test]
fn list_2024_with_scopes() {
    let obs = embargoes2024::read(&fixture(LIST)).unwrap();
    let cat = |s: &str| Value::Category(s.into());
    // One row per (body, target); the table's scope, else the state.
    for (country, id, scope) in [
        ("Afghanistan", "embargo.un", "non_state"),
        ("Lebanon", "embargo.un", "non_state"),
        ("DR Congo", "embargo.un", "non_state"),
        ("Iraq", "embargo.un", "non_state"),
        ("Yemen", "embargo.un", "non_state"),
        ("Haiti", "embargo.un", "non_state"),
        ("Central African Republic", "embargo.un", "non_state"),
        ("Somalia", "embargo.un", "non_state"),
        ("Somalia", "embargo.eu", "full"),
        ("North Korea", "embargo.un", "full"),
        ("Russia", "embargo.eu", "full"),
        ("China", "embargo.eu", "full"),
        ("Armenia", "embargo.osce", "full"),
        ("Azerbaijan", "embargo.osce", "full"),
    ] {
        assert_eq!(value(&obs, country, id, 2024), cat(scope), "{country} {id}");
    }
    assert!(obs.iter().all(|o| o.country != "Kazakhstan"));
    // The cases name the row, the list's note and the citation.
    let afg = cases(&obs, "Afghanistan", 2024);
    assert_eq!(afg.len(), 1);
    assert!(
        afg[0].contains("row 2")
            && afg[0].contains("listade entiteter")
            && afg[0].contains("S/RES/1390"),
        "{}",
        afg[0]
    );
    let som = cases(&obs, "Somalia", 2024);
    assert_eq!(som.len(), 2, "{som:?}");
    assert!(som[0].contains("S/RES/2714") && som[1].contains("counted against the state"));
    let row = obs
        .iter()
        .find(|o| o.country == "Iraq" && o.indicator == "embargo.un")
        .unwrap();
    assert_eq!(
        (row.row, row.published, row.edition.as_str()),
        (7, 2024, "ISP-Liste 2024-03-20")
    );
    assert_eq!(duplicates(&obs), Vec::<String>::new());
}

#[test]
fn list_2024_broken_files() {
    malformed_at(
        embargoes2024::read(&fixture("embargoes-list-2024/synthetic-malformed.csv")),
        2,
    );
    malformed_at(
        embargoes2024::read(&fixture("embargoes-list-2024/synthetic-truncated.csv")),
        4,
    );
    assert!(matches!(
        embargoes2024::read(&fixture("embargoes-list-2024/no-such-file.csv")),
        Err(ImportError::Io { .. })
    ));
}

/// GSDB years take the scope of their year: the DR Congo's UN embargo was on armed
/// groups 2003–2004, on every recipient 2005–2007, on non-governmental forces from 2008.
#[test]
fn scope_follows_the_resolutions_year_by_year() {
    let find =
        |body, target, year| embargo_scope::find(body, target, year).map(|s| s.scope.as_str());
    let drc = "Congo, Democratic Republic of the";
    assert_eq!(find("UN", drc, 2003), Some("non_state"));
    assert_eq!(find("UN", drc, 2006), Some("full"));
    assert_eq!(find("UN", drc, 2008), Some("non_state"));
    assert_eq!(find("UN", drc, 2022), Some("non_state"));
    assert_eq!(find("UN", "Iraq", 2003), None);
    assert_eq!(find("UN", "Iraq", 2004), Some("non_state"));
    assert_eq!(find("EU", "Lebanon", 2010), Some("non_state"));
    assert_eq!(find("UN", "Korea, North", 2010), None);
    assert!(embargo_scope::find("UN", "Iraq", 2004)
        .unwrap()
        .citation
        .contains("S/RES/1546"));
}

#[test]
fn every_scope_entry_is_cited_and_well_formed() {
    let all = embargo_scope::all();
    assert!(all.len() >= 20);
    for s in all {
        assert!(s.citation.len() > 40, "{s:?}");
        assert!(
            s.citation.contains("resolution") || s.citation.contains("Council"),
            "{s:?}"
        );
    }
    // A broken table is refused with the entry named.
    for (text, fragment) in [
        ("[[embargo]]\nbody = \"NATO\"\ntarget = [\"X\"]\nfrom = 2000\nscope = \"full\"\ncitation = \"c\"\n", "body must be"),
        ("[[embargo]]\nbody = \"UN\"\ntarget = [\"X\"]\nfrom = 2000\nscope = \"partial\"\ncitation = \"c\"\n", "scope must be"),
        ("[[embargo]]\nbody = \"UN\"\ntarget = [\"X\"]\nfrom = 2000\nscope = \"full\"\ncitation = \" \"\n", "citation"),
        ("[[embargo]]\nbody = \"UN\"\ntarget = [\"X\"]\nfrom = 2000\nto = 1999\nscope = \"full\"\ncitation = \"c\"\n", "ends before"),
        ("[[embargo]]\nbody = \"UN\"\ntarget = [\"X\"]\nfrom = 2000\nscope = \"full\"\ncitation = \"c\"\nnote = \"x\"\n", "unknown field"),
        ("[[embargo]]\nbody = \"UN\"\ntarget = [\"X\"]\nfrom = 2000\nscope = \"full\"\ncitation = \"c\"\nchecked = [\"un.org\"]\n", "not a URL"),
        ("[[embargo]]\nbody = \"UN\"\ntarget = [\"X\"]\nfrom = 2000\nscope = \"full\"\ncitation = \"c\"\nverified = true\n", "no checked page"),
    ] {
        let err = embargo_scope::parse(text).unwrap_err();
        assert!(err.contains(fragment), "{err}");
    }
}

/// Every shipped entry names the pages it was checked against; an entry whose paragraph
/// was not seen says so in its citation, which readers see in the reason.
#[test]
fn every_scope_entry_names_its_checked_pages() {
    let all = embargo_scope::all();
    for s in all {
        assert!(!s.checked.is_empty(), "{s:?}");
        assert_eq!(!s.verified, s.citation.contains("not verified"), "{s:?}");
    }
    // Both kinds occur: the table is not all one or the other.
    assert!(all.iter().any(|s| s.verified) && all.iter().any(|s| !s.verified));
    // Boko Haram was listed under the embargo of resolution 2083 (2012) (SC/11410).
    let nga = embargo_scope::find("UN", "Nigeria", 2014).unwrap();
    assert!(nga.citation.contains("S/RES/2083") && nga.verified);
}

/// Every scope entry matches an embargo in the data (GSDB or the 2024 list), so none is
/// a dead letter with a mistyped target.
#[test]
fn every_scope_entry_matches_an_embargo() {
    if without_raw() {
        return;
    }
    let gsdb = raw("gsdb-sanctions/GSDB_V3.csv");
    let mut obs = sanctions::read(&gsdb).unwrap();
    obs.extend(embargoes2024::read(&fixture(LIST)).unwrap());
    for s in embargo_scope::all() {
        let id = match s.body.as_str() {
            "UN" => "embargo.un",
            "EU" => "embargo.eu",
            _ => "embargo.osce",
        };
        let hit = obs.iter().any(|o| {
            o.indicator == id
                && s.target.contains(&o.country)
                && o.year >= s.from
                && s.to.is_none_or(|to| o.year <= to)
                && o.value == Value::Category(s.scope.clone())
        });
        assert!(hit, "no embargo matches {s:?}");
    }
}
