//! Freedom House ships an Excel file; these tests read the real one in shared/.
mod import_common;
use import_common::*;
use standpunkt::import::{freedomhouse, ImportError};
use standpunkt::value::Value;

const FILE: &str = "freedomhouse/All_data_FIW_2013-2024.xlsx";

#[test]
fn kazakhstan_fiw_2024() {
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

#[test]
fn values_outside_the_catalog_range() {
    let obs = freedomhouse::read(&raw(FILE)).unwrap();
    assert_eq!(duplicates(&obs), Vec::<String>::new());
    // Real values: Freedom House's discretionary deduction can push the total below 0.
    assert_eq!(
        out_of_range(&obs),
        [
            "Nagorno-Karabakh fh.total 2023 = -3",
            "Syria fh.total 2017 = -1",
            "Syria fh.total 2016 = -1",
            "Syria fh.total 2015 = -1",
            "Syria fh.total 2014 = -1",
        ]
    );
}

#[test]
fn a_file_without_the_sheet_is_a_format_error() {
    let err =
        freedomhouse::read(&raw("sipri-milex/SIPRI-Milex-data-1949-2024_2.xlsx")).unwrap_err();
    assert!(matches!(err, ImportError::Format { .. }), "{err}");
}

#[test]
fn a_missing_file_is_an_io_error() {
    let err = freedomhouse::read(&raw("freedomhouse/no-such-file.xlsx")).unwrap_err();
    assert!(matches!(err, ImportError::Io { .. }), "{err}");
}
