//! Freedom House ships an Excel file; these tests read the real one in shared/.
use crate::import_common;
use import_common::*;
use standpunkt::data::import::{freedomhouse, ImportError};
use standpunkt::model::value::Value;

const FILE: &str = "freedomhouse/All_data_FIW_2013-2024.xlsx";

#[test]
fn kazakhstan_fiw_2024() {
    if without_raw() {
        return;
    }
    let obs = freedomhouse::read(&raw(FILE)).unwrap();
    // 2515 country/territory editions, four indicators each.
    assert_eq!(obs.len(), 4 * 2515);
    assert_eq!(
        value(&obs, "Kazakhstan", "fh.total", 2023),
        Value::Integer(23)
    );
    assert_eq!(value(&obs, "Kazakhstan", "fh.pr", 2023), Value::Integer(5));
    assert_eq!(value(&obs, "Kazakhstan", "fh.cl", 2023), Value::Integer(18));
    assert_eq!(
        value(&obs, "Kazakhstan", "fh.status", 2023),
        Value::Category("NF".into())
    );
    assert_eq!(
        value(&obs, "Kazakhstan", "fh.total", 2012),
        Value::Integer(26)
    );
    let kaz = obs
        .iter()
        .find(|o| o.country == "Kazakhstan" && o.year == 2023)
        .unwrap();
    assert_eq!((kaz.published, kaz.edition.as_str()), (2024, "FIW 2024"));
    assert!(
        obs.iter().any(|o| o.country == "Abkhazia"),
        "territories are kept"
    );
}

/// Real values reach below 0: Freedom House's discretionary deduction can push the
/// total there (Syria 2014–2017: -1; Nagorno-Karabakh 2023: -3), so the catalog allows it.
#[test]
fn every_value_fits_the_catalog() {
    if without_raw() {
        return;
    }
    let obs = freedomhouse::read(&raw(FILE)).unwrap();
    assert_eq!(duplicates(&obs), Vec::<String>::new());
    assert_eq!(out_of_range(&obs), Vec::<String>::new());
    let syria = obs
        .iter()
        .find(|o| o.country == "Syria" && o.indicator == "fh.total" && o.year == 2016)
        .unwrap();
    assert_eq!(syria.value, Value::Integer(-1));
}

#[test]
fn a_file_without_the_sheet_is_a_format_error() {
    if without_raw() {
        return;
    }
    let err =
        freedomhouse::read(&raw("sipri-milex/SIPRI-Milex-data-1949-2024_2.xlsx")).unwrap_err();
    assert!(matches!(err, ImportError::Format { .. }), "{err}");
}

#[test]
fn a_missing_file_is_an_io_error() {
    if without_raw() {
        return;
    }
    let err = freedomhouse::read(&raw("freedomhouse/no-such-file.xlsx")).unwrap_err();
    assert!(matches!(err, ImportError::Io { .. }), "{err}");
}
