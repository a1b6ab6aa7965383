//! The 2025 editions as the publishers ship them (FIW 2025 workbook, CPI 2025 strict-OOXML
//! workbook with its 2012–2025 series, PTS 2025 workbook), Kazakhstan's values in them
//! and in the shipped data, and reading tables by content: delimiter, byte-order mark,
//! CRLF, title rows and file name do not matter.

use crate::common;
use crate::import_common;

use common::{repo, TempDir};
use import_common::*;
use standpunkt::data::dataset::Dataset;
use standpunkt::data::import::{cpi, freedomhouse, pts, ImportError};
use standpunkt::model::countries::Registry;
use standpunkt::model::value::Value;

const FIW: &str = "freedomhouse/All_data_FIW_2013-2025.xlsx";
const CPI: &str = "ti-cpi/CPI2025_Results.xlsx";
const PTS: &str = "pts/PTS-2025.xlsx";

fn edition_of(
    obs: &[standpunkt::data::import::Observation],
    iso: &str,
    id: &str,
    year: i32,
) -> String {
    obs.iter()
        .find(|o| o.country == iso && o.indicator == id && o.year == year)
        .map(|o| o.edition.clone())
        .unwrap()
}

#[test]
fn fiw_2025_kazakhstan_not_free_23() {
    if without_raw() {
        return;
    }
    let obs = freedomhouse::read(&raw(FIW)).unwrap();
    let kaz = |id| value(&obs, "Kazakhstan", id, 2024);
    assert_eq!(kaz("fh.status"), Value::Category("NF".into()));
    assert_eq!(kaz("fh.pr"), Value::Integer(5));
    assert_eq!(kaz("fh.cl"), Value::Integer(18));
    assert_eq!(kaz("fh.total"), Value::Integer(23));
    assert_eq!(edition_of(&obs, "Kazakhstan", "fh.total", 2024), "FIW 2025");
    assert_eq!(out_of_range(&obs), Vec::<String>::new());
}

#[test]
fn cpi_2025_strict_ooxml_results_and_series() {
    if without_raw() {
        return;
    }
    let results = cpi::read_results(&raw(CPI)).unwrap();
    assert_eq!(results.len(), 182);
    assert_eq!(
        value(&results, "KAZ", "cpi.score", 2025),
        Value::Integer(38)
    );
    assert_eq!(edition_of(&results, "KAZ", "cpi.score", 2025), "CPI 2025");
    let series = cpi::read_series(&raw(CPI)).unwrap();
    assert_eq!(value(&series, "KAZ", "cpi.score", 2025), Value::Integer(38));
    assert_eq!(value(&series, "KAZ", "cpi.score", 2024), Value::Integer(40));
    assert_eq!(value(&series, "KAZ", "cpi.score", 2023), Value::Integer(39));
    assert_eq!(value(&series, "KAZ", "cpi.score", 2012), Value::Integer(28));
    assert_eq!(duplicates(&series), Vec::<String>::new());
    assert_eq!(out_of_range(&series), Vec::<String>::new());
}

#[test]
fn pts_2025_kazakhstan_2024_is_3() {
    if without_raw() {
        return;
    }
    let obs = pts::read(&raw(PTS)).unwrap();
    assert_eq!(value(&obs, "KAZ", "pts.score", 2024), Value::Integer(3));
    assert_eq!(value(&obs, "KAZ", "pts.score", 2022), Value::Integer(4));
    let kaz = obs
        .iter()
        .find(|o| o.country == "KAZ" && o.year == 2024)
        .unwrap();
    assert_eq!((kaz.edition.as_str(), kaz.published), ("PTS 2025", 2025));
}

/// PTS 2025 names the "African Union": a new name is refused with its row until the
/// user says it is not a country.
#[test]
fn pts_2025_new_name_is_refused_with_its_row() {
    if without_raw() {
        return;
    }
    let tmp = TempDir::new("pts-2025-new-name");
    std::fs::copy(
        repo("indicators/countries.csv"),
        tmp.path().join("countries.csv"),
    )
    .unwrap();
    common::fails_with(
        &[
            "--indicators",
            tmp.path().to_str().unwrap(),
            "import",
            "pts",
            raw(PTS).to_str().unwrap(),
        ],
        &[
            "'African Union' (row 99)",
            "--ignore",
            "nothing was written",
        ],
    );
    assert!(!tmp.path().join("pts").exists());
}

#[test]
fn a_workbook_without_the_data_sheet_says_what_it_found() {
    if without_raw() {
        return;
    }
    let err = cpi::read_results(&raw(FIW)).unwrap_err().to_string();
    assert!(
        err.contains("an xlsx workbook (sheets 'Index', 'FIW13-25'), but the cpi importer found no sheet with an 'ISO3' and a 'CPI score <year>' column"),
        "{err}"
    );
    let err = freedomhouse::read(&raw(CPI)).unwrap_err().to_string();
    assert!(
        err.contains("but the freedomhouse importer found no sheet with"),
        "{err}"
    );
}

/// The shipped data holds the 2025 editions (no raw files needed).
#[test]
fn shipped_data_has_the_2025_editions_for_kazakhstan() {
    let catalog = common::catalog();
    let get = |source: &str, id: &str, year: i32| {
        let data = Dataset::read(&repo("indicators").join(source), &catalog).unwrap();
        data.records
            .iter()
            .filter(|r| &*r.iso3 == "KAZ" && &*r.indicator == id && r.year == year)
            .map(|r| (r.edition.clone(), r.value.clone()))
            .max_by(|a, b| a.0.cmp(&b.0))
            .unwrap_or_else(|| panic!("KAZ {id} {year} in {source}"))
    };
    assert_eq!(
        get("freedomhouse", "fh.status", 2024),
        ("FIW 2025".into(), Value::Category("NF".into()))
    );
    assert_eq!(
        get("freedomhouse", "fh.pr", 2024),
        ("FIW 2025".into(), Value::Integer(5))
    );
    assert_eq!(
        get("freedomhouse", "fh.cl", 2024),
        ("FIW 2025".into(), Value::Integer(18))
    );
    assert_eq!(
        get("freedomhouse", "fh.total", 2024),
        ("FIW 2025".into(), Value::Integer(23))
    );
    assert_eq!(
        get("cpi", "cpi.score", 2025),
        ("CPI 2025".into(), Value::Integer(38))
    );
    assert_eq!(
        get("cpi", "cpi.score", 2023),
        ("CPI 2023".into(), Value::Integer(39))
    );
    assert_eq!(
        get("cpi-series", "cpi.score", 2024),
        ("CPI 2024".into(), Value::Integer(40))
    );
    assert_eq!(
        get("pts", "pts.score", 2024),
        ("PTS 2025".into(), Value::Integer(3))
    );
}

/// The CPI excerpt rewritten as a publisher might ship it — a title row, tabs, a
/// byte-order mark, CRLF, a `.txt` name — reads to the same values.
#[test]
fn tables_are_read_by_content() {
    let text = std::fs::read_to_string(fixture("cpi/TI_CPI2023-excerpt.csv")).unwrap();
    let plain = cpi::read_results(&fixture("cpi/TI_CPI2023-excerpt.csv")).unwrap();
    let tmp = TempDir::new("by-content");
    let cases: &[(&str, u8, &str, bool)] = &[
        ("tsv-bom-crlf.txt", b'\t', "\r\n", true),
        ("semicolon.csv", b';', "\n", false),
        ("comma-crlf-title.dat", b',', "\r\n", true),
    ];
    for (name, delimiter, eol, title) in cases {
        let mut out = String::new();
        if *title {
            out.push_str("\u{feff}Corruption Perceptions Index 2023: Global scores");
            out.push_str(eol);
            out.push_str(eol);
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            let mut w = csv::WriterBuilder::new()
                .delimiter(*delimiter)
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new());
            w.write_record(&record.unwrap()).unwrap();
            let line = String::from_utf8(w.into_inner().unwrap()).unwrap();
            out.push_str(line.trim_end_matches('\n'));
            out.push_str(eol);
        }
        let path = tmp.path().join(name);
        std::fs::write(&path, out).unwrap();
        let obs = cpi::read_results(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let strip = |o: &[standpunkt::data::import::Observation]| {
            o.iter()
                .map(|o| (o.country.clone(), o.year, o.value.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(&obs), strip(&plain), "{name}");
        let kaz = obs.iter().find(|o| o.country == "KAZ").unwrap();
        assert_eq!(
            kaz.row,
            if *title { 6 } else { 4 },
            "{name}: row in the file"
        );
    }
}

/// A text file without the expected header names what it found.
#[test]
fn a_text_file_without_the_header_says_what_it_found() {
    let err = cpi::read_results(&fixture("pts/PTS-2024-excerpt.csv")).unwrap_err();
    assert!(matches!(err, ImportError::Format { .. }), "{err}");
    let err = err.to_string();
    assert!(err.contains("a text file (first line 'Country,"), "{err}");
    assert!(
        err.contains(
            "the cpi importer found no header row with an 'ISO3' and a 'CPI score <year>' column"
        ),
        "{err}"
    );
}

#[test]
fn registry_knows_every_name_of_the_2025_editions_but_the_aggregates() {
    if without_raw() {
        return;
    }
    let registry = Registry::load(&repo("indicators/countries.csv")).unwrap();
    let unknown = |obs: Vec<standpunkt::data::import::Observation>| {
        let mut names: Vec<String> = obs
            .into_iter()
            .filter(|o| registry.resolve(&o.country).is_err())
            .map(|o| o.country)
            .collect();
        names.sort();
        names.dedup();
        names
    };
    assert_eq!(
        unknown(cpi::read_series(&raw(CPI)).unwrap()),
        Vec::<String>::new()
    );
    assert_eq!(
        unknown(cpi::read_results(&raw(CPI)).unwrap()),
        Vec::<String>::new()
    );
    let fiw = unknown(freedomhouse::read(&raw(FIW)).unwrap());
    assert!(
        fiw.contains(&"Russian-Occupied Territories of Ukraine".to_string()),
        "{fiw:?}"
    );
}
