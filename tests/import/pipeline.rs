//! The shared import step (`importer::import`) end to end with the `cpi` source: what it
//! writes, that a re-import is a no-op, that every failure names the file and row and
//! leaves the indicators folder exactly as it was, that CPI editions accumulate — and
//! `standpunkt rescore` against the real binary on a copy of the shipped data.

use crate::common;

use common::copy_dir;
use common::TempDir;

use common::repo;
use standpunkt::data::dataset::Dataset;
use standpunkt::data::importer::{self, ImportReport};
use standpunkt::model::countries::Registry;
use standpunkt::model::value::Value;
use standpunkt::Catalog;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

/// The verbatim excerpt of TI_CPI2023.csv: Denmark, Kosovo, Kazakhstan, Zimbabwe.
fn good_excerpt() -> PathBuf {
    repo("fixtures/import/cpi/TI_CPI2023-excerpt.csv")
}

/// A synthetic file of this test.
fn pipeline(name: &str) -> PathBuf {
    repo("fixtures/import/pipeline").join(name)
}

fn registry() -> Registry {
    Registry::load(&repo("indicators/countries.csv")).expect("registry loads")
}

fn import_cpi(
    file: &Path,
    indicators: &Path,
    catalog: &Catalog,
    registry: &Registry,
    ignored: &[&str],
) -> standpunkt::Result<ImportReport> {
    let spec = standpunkt::data::sources::find("cpi").expect("the cpi source exists");
    let ignored: Vec<String> = ignored.iter().map(|s| s.to_string()).collect();
    importer::import(spec, file, indicators, catalog, registry, &ignored)
}

/// Every file and folder under `dir` (relative path → bytes, None for a folder).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            if path.is_dir() {
                out.insert(rel, None);
                walk(root, &path, out);
            } else {
                out.insert(rel, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Nothing in `indicators` but the cpi dataset: no staging or replaced folder left behind.
fn only_the_dataset(indicators: &Path) {
    let entries: Vec<PathBuf> = snapshot(indicators).into_keys().collect();
    assert_eq!(
        entries,
        ["cpi", "cpi/source.toml", "cpi/values.csv"].map(PathBuf::from)
    );
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// The one record of `iso3` / cpi.score / `year` in the imported cpi dataset.
fn cpi_record(data: &Dataset, iso3: &str, year: i32) -> standpunkt::data::dataset::Record {
    let found: Vec<_> = data
        .records
        .iter()
        .filter(|r| &*r.iso3 == iso3 && &*r.indicator == "cpi.score" && r.year == year)
        .collect();
    assert_eq!(found.len(), 1, "{iso3} cpi.score {year}: {found:?}");
    found[0].clone()
}

#[test]
fn good_excerpt_imports() {
    let tmp = TempDir::new("import-good");
    let indicators = tmp.path();
    let (catalog, registry) = (common::catalog(), registry());

    let report = import_cpi(&good_excerpt(), indicators, &catalog, &registry, &[]).unwrap();
    assert!(report.written);
    assert_eq!(report.source, "cpi");
    assert_eq!(report.file, good_excerpt());
    assert_eq!((report.records, report.countries), (4, 4));
    assert_eq!(report.editions, vec!["CPI 2023".to_string()]);
    assert!(report.ignored.is_empty(), "{:?}", report.ignored);

    let dir = indicators.join("cpi");
    assert!(dir.join("values.csv").is_file());
    assert!(dir.join("source.toml").is_file());
    only_the_dataset(indicators);

    let data = Dataset::read(&dir, &catalog).unwrap();
    let kaz = cpi_record(&data, "KAZ", 2023);
    assert_eq!(kaz.value, Value::Integer(39));
    assert_eq!((kaz.published, &*kaz.edition), (2024, "CPI 2023"));
    // TI's KSV is resolved to the registry's Kosovo code.
    assert_eq!(cpi_record(&data, "XKX", 2023).value, Value::Integer(41));
    assert_eq!(cpi_record(&data, "DNK", 2023).value, Value::Integer(90));
    assert_eq!(cpi_record(&data, "ZWE", 2023).value, Value::Integer(24));
    assert_eq!(data.records.len(), 4);

    let meta = &data.meta;
    assert_eq!(meta.source, "cpi");
    assert_eq!(meta.publisher, "Transparency International");
    assert_eq!((meta.records, meta.countries), (4, 4));
    assert_eq!(meta.editions, vec!["CPI 2023".to_string()]);
    assert_eq!(meta.files.len(), 1);
    assert_eq!(meta.files[0].file, "TI_CPI2023-excerpt.csv");
    assert_eq!(
        meta.files[0].sha256,
        "4f1ac0f5314433e567cd60c0767a71a6d6787c9d0dc2bfff3b3ce7039373f4d0"
    );
    assert_eq!(meta.files[0].editions, vec!["CPI 2023".to_string()]);
}

#[test]
fn reimport_is_a_no_op() {
    let tmp = TempDir::new("import-again");
    let indicators = tmp.path();
    let (catalog, registry) = (common::catalog(), registry());

    assert!(
        import_cpi(&good_excerpt(), indicators, &catalog, &registry, &[])
            .unwrap()
            .written
    );
    let before = snapshot(indicators);
    let files = ["cpi/values.csv", "cpi/source.toml"].map(|f| indicators.join(f));
    let times = files.each_ref().map(|f| mtime(f));
    // Let a rewrite show up in the mtime even on a coarse clock.
    std::thread::sleep(std::time::Duration::from_millis(50));

    let report = import_cpi(&good_excerpt(), indicators, &catalog, &registry, &[]).unwrap();
    assert!(!report.written, "the same file again must write nothing");
    assert_eq!((report.records, report.countries), (4, 4));
    assert_eq!(report.editions, vec!["CPI 2023".to_string()]);
    assert_eq!(snapshot(indicators), before);
    assert_eq!(files.each_ref().map(|f| mtime(f)), times);
}

/// Imports `file` and expects it to fail with every fragment in the message, once into
/// an empty indicators folder and once over an earlier good import; both times the
/// folder must be byte-for-byte what it was.
fn fails_unchanged(name: &str, file: &Path, fragments: &[&str]) {
    let (catalog, registry) = (common::catalog(), registry());
    for prepared in [false, true] {
        let tmp = TempDir::new(&format!("fail-{name}-{prepared}"));
        let indicators = tmp.path();
        if prepared {
            import_cpi(&good_excerpt(), indicators, &catalog, &registry, &[]).unwrap();
        }
        let before = snapshot(indicators);

        let err = import_cpi(file, indicators, &catalog, &registry, &[])
            .expect_err("the import must fail")
            .to_string();
        assert!(
            err.contains(&file.display().to_string()),
            "message names the file: {err}"
        );
        for fragment in fragments {
            assert!(err.contains(fragment), "'{fragment}' not in: {err}");
        }
        assert_eq!(
            snapshot(indicators),
            before,
            "{name}: the indicators folder changed (prepared: {prepared})"
        );
        for leftover in [".cpi.importing", ".cpi.replaced"] {
            assert!(
                !indicators.join(leftover).exists(),
                "{leftover} left behind"
            );
        }
    }
}

#[test]
fn unmatched_name_fails_and_names_it() {
    let file = pipeline("synthetic-unmatched.csv");
    fails_unchanged(
        "unmatched",
        &file,
        &[
            "1 name(s) match no country",
            "'ATL' (row 3)",
            "--ignore",
            "nothing was written",
        ],
    );
}

#[test]
fn unmatched_name_passed_as_ignorable_is_skipped() {
    let tmp = TempDir::new("import-ignore");
    let indicators = tmp.path();
    let (catalog, registry) = (common::catalog(), registry());
    let file = pipeline("synthetic-unmatched.csv");

    let report = import_cpi(&file, indicators, &catalog, &registry, &["ATL"]).unwrap();
    assert!(report.written);
    assert_eq!(report.ignored, vec![("ATL".to_string(), 1)]);
    assert_eq!((report.records, report.countries), (2, 2));

    let data = Dataset::read(&indicators.join("cpi"), &catalog).unwrap();
    assert_eq!(data.meta.ignored, vec!["ATL".to_string()]);
    assert_eq!(cpi_record(&data, "KAZ", 2023).value, Value::Integer(39));
    assert_eq!(cpi_record(&data, "DNK", 2023).value, Value::Integer(90));
    assert_eq!(data.records.len(), 2);

    // Once accepted, the name stays accepted: the same file without --ignore is a no-op.
    let again = import_cpi(&file, indicators, &catalog, &registry, &[]).unwrap();
    assert!(!again.written);
    assert_eq!(again.ignored, vec![("ATL".to_string(), 1)]);
}

#[test]
fn value_out_of_range_fails() {
    let file = pipeline("synthetic-out-of-range.csv");
    let at_row = format!("{}:3:", file.display());
    fails_unchanged(
        "range",
        &file,
        &[
            &at_row,
            "cpi.score",
            "139",
            "out of range",
            "'KAZ'",
            "nothing was written",
        ],
    );
}

#[test]
fn malformed_row_fails() {
    let file = pipeline("synthetic-malformed.csv");
    let at_row = format!("{}:3:", file.display());
    fails_unchanged(
        "malformed",
        &file,
        &[
            &at_row,
            "CPI score 2023",
            "expected a number",
            "thirty-nine",
        ],
    );
}

#[test]
fn truncated_file_fails() {
    let file = pipeline("synthetic-truncated.csv");
    let at_row = format!("{}:3:", file.display());
    fails_unchanged(
        "truncated",
        &file,
        &[&at_row, "expected 5 fields", "found 3", "truncated file"],
    );
}

#[test]
fn duplicate_country_fails() {
    let file = pipeline("synthetic-duplicate.csv");
    let at_row = format!("{}:4:", file.display());
    fails_unchanged(
        "duplicate",
        &file,
        &[
            &at_row,
            "duplicate value for KAZ cpi.score 2023 CPI 2023",
            "also row 3",
            "nothing was written",
        ],
    );
}

#[test]
fn one_country_under_two_codes_is_a_duplicate() {
    let file = pipeline("synthetic-duplicate-kosovo.csv");
    let at_row = format!("{}:3:", file.display());
    fails_unchanged(
        "duplicate-kosovo",
        &file,
        &[
            &at_row,
            "duplicate value for XKX cpi.score 2023",
            "also row 2",
            "'XKX'",
        ],
    );
}

#[test]
fn a_new_edition_adds_to_the_earlier_ones() {
    let tmp = TempDir::new("import-accumulate");
    let indicators = tmp.path();
    let (catalog, registry) = (common::catalog(), registry());
    let cpi2024 = pipeline("synthetic-cpi2024-kaz.csv");

    import_cpi(&good_excerpt(), indicators, &catalog, &registry, &[]).unwrap();
    let report = import_cpi(&cpi2024, indicators, &catalog, &registry, &[]).unwrap();
    assert!(report.written);
    assert_eq!((report.records, report.countries), (5, 4));
    assert_eq!(
        report.editions,
        vec!["CPI 2023".to_string(), "CPI 2024".to_string()]
    );
    // The earlier folder was replaced in one step and removed.
    only_the_dataset(indicators);

    let data = Dataset::read(&indicators.join("cpi"), &catalog).unwrap();
    assert_eq!(data.records.len(), 5);
    assert_eq!(cpi_record(&data, "KAZ", 2023).value, Value::Integer(39));
    let kaz24 = cpi_record(&data, "KAZ", 2024);
    assert_eq!(kaz24.value, Value::Integer(25));
    assert_eq!((kaz24.published, &*kaz24.edition), (2025, "CPI 2024"));
    for (iso3, score) in [("DNK", 90), ("XKX", 41), ("ZWE", 24)] {
        assert_eq!(cpi_record(&data, iso3, 2023).value, Value::Integer(score));
    }
    let files: Vec<(&str, Vec<String>)> = data
        .meta
        .files
        .iter()
        .map(|f| (f.file.as_str(), f.editions.clone()))
        .collect();
    assert_eq!(
        files,
        vec![
            ("TI_CPI2023-excerpt.csv", vec!["CPI 2023".to_string()]),
            ("synthetic-cpi2024-kaz.csv", vec!["CPI 2024".to_string()]),
        ]
    );
    assert_eq!(data.meta.editions, report.editions);

    // Importing the 2023 table again keeps 2024 and changes nothing.
    let before = snapshot(indicators);
    let again = import_cpi(&good_excerpt(), indicators, &catalog, &registry, &[]).unwrap();
    assert!(!again.written);
    assert_eq!(again.records, 5);
    assert_eq!(snapshot(indicators), before);
}

// ---------------------------------------------------------------------------------------
// rescore, against the real binary on a copy of the shipped data

/// Runs the binary from the crate root on the copied data; returns stdout, after
/// asserting success.
fn standpunkt(tmp: &Path, args: &[&str]) -> String {
    let (indicators, rules, catalog) = (
        tmp.join("indicators"),
        tmp.join("rules"),
        tmp.join("indicators/catalog.toml"),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_standpunkt"))
        .arg("--indicators")
        .arg(&indicators)
        .arg("--rules")
        .arg(&rules)
        .arg("--catalog")
        .arg(&catalog)
        .args(args)
        .current_dir(repo("."))
        .output()
        .expect("binary runs");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(
        out.status.success(),
        "{args:?} failed ({:?}): {stderr}\n{stdout}",
        out.status.code()
    );
    stdout
}

const NO_CHANGE: &str = "keine Änderung: alle Bewertungen wie in ratings.lock\n";

#[test]
fn rescore_shows_the_rating_a_new_cpi_edition_moves() {
    let tmp = TempDir::new("rescore");
    copy_dir(&repo("indicators"), &tmp.path().join("indicators"));
    copy_dir(&repo("rules"), &tmp.path().join("rules"));
    let lock = tmp.path().join("indicators/ratings.lock");
    let _ = std::fs::remove_file(&lock);

    // The premise: the shipped series has Kazakhstan's CPI 2024 at 40, the results table
    // only CPI 2023.
    let series =
        std::fs::read_to_string(tmp.path().join("indicators/cpi-series/values.csv")).unwrap();
    assert!(series.contains("\nKAZ,cpi.score,2024,2025,CPI 2024,40\n"));
    let table = std::fs::read_to_string(tmp.path().join("indicators/cpi/values.csv")).unwrap();
    assert!(!table.contains("CPI 2024"));

    let out = standpunkt(tmp.path(), &["rescore", "--accept"]);
    assert!(out.contains("yet: every rating is new"), "{out}");
    assert!(out.contains("as of 2025"), "{out}");
    assert!(lock.is_file());
    let accepted = std::fs::read(&lock).unwrap();
    let lock_text = String::from_utf8(accepted.clone()).unwrap();
    let kaz7 = lock_text
        .lines()
        .find(|l| l.starts_with("2025,KAZ,7,"))
        .expect("Kazakhstan criterion 7 in the lock");
    assert!(kaz7.contains("moeglicherweise_kritisch"), "{kaz7}");
    assert!(kaz7.contains("cpi.score=40 (CPI 2024, 2024)"), "{kaz7}");

    assert_eq!(standpunkt(tmp.path(), &["rescore"]), NO_CHANGE);
    assert_eq!(
        std::fs::read(&lock).unwrap(),
        accepted,
        "rescore alone writes nothing"
    );

    let file = pipeline("synthetic-cpi2024-kaz.csv");
    let out = standpunkt(tmp.path(), &["import", "cpi", file.to_str().unwrap()]);
    assert!(out.starts_with("cpi: imported"), "{out}");
    assert!(out.contains("editions CPI 2023, CPI 2024"), "{out}");

    // The `cpi` results table and the `cpi-series` now both hold KAZ CPI 2024
    // (same year, same publication year); the store must prefer the results table.
    assert_eq!(
        standpunkt(tmp.path(), &["rescore"]),
        "1 Bewertung(en) geändert:\n\
         \n\
         Kasachstan (KAZ), Kriterium 7: möglicherweise kritisch → kritisch\n   \
         Grund: Vertragsstaat des ATT, aber sehr hohe Korruption (CPI 2024: 25/100, unter 30): hohes Risiko der Abzweigung.\n   \
         cpi.score: 40 (CPI 2024, 2024) → 25 (CPI 2024, 2024)\n"
    );
    assert_eq!(
        std::fs::read(&lock).unwrap(),
        accepted,
        "rescore alone writes nothing"
    );

    let out = standpunkt(tmp.path(), &["rescore", "--accept"]);
    assert!(out.contains("recorded"), "{out}");
    let lock_text = std::fs::read_to_string(&lock).unwrap();
    let kaz7 = lock_text
        .lines()
        .find(|l| l.starts_with("2025,KAZ,7,"))
        .unwrap();
    assert!(kaz7.contains(",kritisch,"), "{kaz7}");
    assert!(kaz7.contains("cpi.score=25 (CPI 2024, 2024)"), "{kaz7}");

    assert_eq!(standpunkt(tmp.path(), &["rescore"]), NO_CHANGE);
}
