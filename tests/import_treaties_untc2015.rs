use standpunkt::import::{treaties_untc2015::read, ImportError, Observation};
mod import_common;

use standpunkt::value::Value;
use std::fs;
use std::path::{Path, PathBuf};

const DIR: &str = "fixtures/import/treaties-untc-2015";

fn party(obs: &[Observation], country: &str, id: &str) -> Option<bool> {
    let o = obs
        .iter()
        .find(|o| o.country == country && o.indicator == id)?;
    match o.value {
        Value::Bool(b) => Some(b),
        ref v => panic!("not a boolean: {v:?}"),
    }
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
    let cwc = obs
        .iter()
        .find(|o| o.country == "Kazakhstan" && o.indicator == "treaty.cwc")
        .unwrap();
    assert_eq!(
        (cwc.year, cwc.published, cwc.edition.as_str()),
        (2014, 2014, "UNTC 2015")
    );
    assert_eq!(cwc.row, 6);
    let genocide = obs
        .iter()
        .find(|o| o.country == "Kazakhstan" && o.indicator == "treaty.genocide")
        .unwrap();
    assert_eq!(genocide.year, 2015);
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
