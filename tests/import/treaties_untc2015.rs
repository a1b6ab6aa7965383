use crate::import_common;
use standpunkt::data::import::{treaties_untc2015::read, ImportError, Observation};

use standpunkt::model::value::Value;
use std::fs;
use std::path::{Path, PathBuf};

const DIR: &str = "fixtures/import/treaties-untc-2015";

/// The status as of the table's scrape (the newest year given).
fn party(obs: &[Observation], country: &str, id: &str) -> Option<bool> {
    let o = latest(obs, country, id)?;
    match o.value {
        Value::Bool(b) => Some(b),
        ref v => panic!("not a boolean: {v:?}"),
    }
}

fn latest<'a>(obs: &'a [Observation], country: &str, id: &str) -> Option<&'a Observation> {
    obs.iter()
        .filter(|o| o.country == country && o.indicator == id)
        .max_by_key(|o| o.year)
}

/// A copy of the fixture folder with `treaties/26-3.csv` replaced by `synthetic`.
fn with_cwc_table(synthetic: &str, name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("standpunkt-untc2015-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("treaties")).unwrap();
    fs::copy(Path::new(DIR).join("index.csv"), dir.join("index.csv")).unwrap();
    for entry in fs::read_dir(Path::new(DIR).join("treaties")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.join("treaties").join(entry.file_name())).unwrap();
    }
    fs::copy(
        Path::new(DIR).join(synthetic),
        dir.join("treaties/26-3.csv"),
    )
    .unwrap();
    dir
}

#[test]
fn kazakhstan_from_the_excerpt() {
    let obs = read(Path::new(DIR)).unwrap();
    for id in [
        "treaty.genocide",
        "treaty.cat",
        "treaty.hostages",
        "treaty.protected_persons",
        "treaty.terrorist_bombings",
        "treaty.terrorist_financing",
        "treaty.untoc",
        "treaty.untoc_trafficking",
        "treaty.untoc_smuggling",
        "treaty.untoc_firearms",
        "treaty.uncac",
        "treaty.nuclear_terrorism",
        "treaty.ccw",
        "treaty.cwc",
    ] {
        assert_eq!(party(&obs, "Kazakhstan", id), Some(true), "{id}");
    }
    // Absent from these tables: no action recorded as of the scrape.
    for id in ["treaty.rome", "treaty.ottawa", "treaty.ccm", "treaty.att"] {
        assert_eq!(party(&obs, "Kazakhstan", id), Some(false), "{id}");
    }
    let cwc = latest(&obs, "Kazakhstan", "treaty.cwc").unwrap();
    assert_eq!(
        (cwc.year, cwc.published, cwc.edition.as_str()),
        (2014, 2014, "UNTC 2015")
    );
    assert_eq!(cwc.row, 6);
    let genocide = latest(&obs, "Kazakhstan", "treaty.genocide").unwrap();
    assert_eq!(genocide.year, 2015);
}

/// The joined date dates each party: every year from 2000 to the scrape, published then.
#[test]
fn status_in_earlier_years_follows_the_joined_date() {
    let obs = read(Path::new(DIR)).unwrap();
    let at = |id: &str, year: i32| import_common::value(&obs, "Kazakhstan", id, year);
    // Terrorist bombings: accession 2002; UNTOC: 2008; CWC: 2000.
    assert_eq!(at("treaty.terrorist_bombings", 2001), Value::Bool(false));
    assert_eq!(at("treaty.terrorist_bombings", 2002), Value::Bool(true));
    assert_eq!(at("treaty.untoc", 2007), Value::Bool(false));
    assert_eq!(at("treaty.untoc", 2008), Value::Bool(true));
    assert_eq!(at("treaty.cwc", 2000), Value::Bool(true));
    assert!(obs.iter().all(|o| o.published == o.year && o.year >= 2000));
    // Nothing after the table's scrape year.
    assert!(!obs
        .iter()
        .any(|o| o.indicator == "treaty.cwc" && o.year > 2014));
}

#[test]
fn signature_only_is_not_party_and_eu_is_skipped() {
    let obs = read(Path::new(DIR)).unwrap();
    assert_eq!(party(&obs, "Israel", "treaty.cwc"), Some(false));
    assert_eq!(
        party(&obs, "United States of America", "treaty.rome"),
        Some(false)
    );
    assert_eq!(
        party(&obs, "United States of America", "treaty.cwc"),
        Some(true)
    );
    assert_eq!(party(&obs, "Angola", "treaty.att"), Some(false));
    assert!(obs.iter().all(|o| o.country != "European Union"));
}

#[test]
fn malformed_date_is_reported_with_its_row() {
    let err = read(&with_cwc_table("synthetic-malformed.csv", "malformed")).unwrap_err();
    match err {
        ImportError::Malformed { row, path, .. } => {
            assert_eq!(row, 3);
            assert!(path.ends_with("treaties/26-3.csv"));
        }
        other => panic!("{other}"),
    }
}

#[test]
fn truncated_table_is_malformed() {
    import_common::malformed_at(
        read(&with_cwc_table("synthetic-truncated.csv", "truncated")),
        3,
    );
}
