//! `indicators/.snapshot`, the binary copy of the indexed values: a load through it gives
//! exactly what reading the CSV files gives, and any change to an input it was built from
//! is seen (the CSV files are read again). Each case changes a copy of the shipped folder.

use crate::common::{catalog, copy_dir, repo, TempDir};
use standpunkt::data::store::Store;
use std::path::Path;

const YEARS: [i32; 6] = [2000, 2010, 2015, 2020, 2024, 2026];

fn load(dir: &Path, data_toml: &Path) -> Store {
    Store::load(dir, data_toml, &catalog()).expect("the copy loads")
}

/// The same countries, years and facts, value by value, source and edition included.
fn assert_same(a: &Store, b: &Store) {
    let catalog = catalog();
    assert_eq!(a.countries(), b.countries());
    assert_eq!(a.years(), b.years());
    assert_eq!(a.sources, b.sources);
    for iso3 in a.countries() {
        for year in YEARS {
            let (fa, fb) = (
                a.facts(&iso3, year, &catalog),
                b.facts(&iso3, year, &catalog),
            );
            assert_eq!(fa.values, fb.values, "{iso3} {year}");
        }
    }
}

/// A copy of the shipped data without a snapshot, and its data.toml.
fn fresh_copy(tmp: &TempDir) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = tmp.path().join("indicators");
    copy_dir(&repo("indicators"), &dir);
    let _ = std::fs::remove_file(dir.join(".snapshot"));
    let data_toml = tmp.path().join("data.toml");
    std::fs::copy(repo("rules/data.toml"), &data_toml).unwrap();
    (dir, data_toml)
}

#[test]
fn a_load_through_the_snapshot_gives_what_the_csv_files_give() {
    let tmp = TempDir::new("snapshot-same");
    let (dir, data_toml) = fresh_copy(&tmp);
    let first = load(&dir, &data_toml);
    assert!(
        !first.from_snapshot(),
        "no snapshot yet: the CSV files are read"
    );
    assert!(
        dir.join(".snapshot").is_file(),
        "and the snapshot is written"
    );
    let second = load(&dir, &data_toml);
    assert!(second.from_snapshot(), "the next load reads the snapshot");
    assert_same(&first, &second);
    assert_same(
        &Store::load_csv(&dir, &data_toml, &catalog()).unwrap(),
        &second,
    );
}

/// Replaces the first occurrence of `from` in a file by `to`.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

type Change = fn(&Path, &Path);

/// (case, change to the copy after its snapshot was written, whether the next load may
/// still read the snapshot).
const CASES: &[(&str, Change, bool)] = &[
    ("nothing", |_, _| {}, true),
    (
        "a values.csv rewritten with the same bytes (new times)",
        |d, _| {
            let path = d.join("pts/values.csv");
            std::fs::write(&path, std::fs::read(&path).unwrap()).unwrap()
        },
        true,
    ),
    (
        "a value changed, same file size",
        |d, _| edit(&d.join("pts/values.csv"), ",PTS 2025,3\n", ",PTS 2025,4\n"),
        false,
    ),
    (
        "a source.toml changed",
        |d, _| {
            edit(
                &d.join("pts/source.toml"),
                "publisher = \"",
                "publisher = \"The ",
            )
        },
        false,
    ),
    (
        "a source removed",
        |d, _| std::fs::remove_dir_all(d.join("who")).unwrap(),
        false,
    ),
    (
        "the registry changed",
        |d, _| {
            let path = d.join("countries.csv");
            let mut text = std::fs::read_to_string(&path).unwrap();
            text.push('\n');
            std::fs::write(&path, text).unwrap()
        },
        false,
    ),
    (
        "data.toml changed",
        |_, t| {
            let mut text = std::fs::read_to_string(t).unwrap();
            text.push_str("\n# another comment\n");
            std::fs::write(t, text).unwrap()
        },
        false,
    ),
    (
        "the snapshot truncated",
        |d, _| {
            let path = d.join(".snapshot");
            let bytes = std::fs::read(&path).unwrap();
            std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap()
        },
        false,
    ),
    (
        "the snapshot damaged inside, same size",
        |d, _| {
            let path = d.join(".snapshot");
            let mut bytes = std::fs::read(&path).unwrap();
            let at = bytes.len() - 100;
            bytes[at] ^= 0x40;
            std::fs::write(&path, bytes).unwrap()
        },
        false,
    ),
    (
        "the snapshot not one",
        |d, _| std::fs::write(d.join(".snapshot"), "iso3,indicator\n").unwrap(),
        false,
    ),
];

#[test]
fn every_change_to_an_input_is_seen_through_the_snapshot() {
    let tmp = TempDir::new("snapshot-changes");
    let (pristine, pristine_toml) = fresh_copy(&tmp);
    load(&pristine, &pristine_toml);
    for (i, (case, change, kept)) in CASES.iter().enumerate() {
        eprintln!("case: {case}");
        let dir = tmp.path().join(format!("case-{i}"));
        copy_dir(&pristine, &dir);
        let data_toml = tmp.path().join(format!("case-{i}.toml"));
        std::fs::copy(&pristine_toml, &data_toml).unwrap();
        // The copy has new times: this load hashes, finds the same, and writes new stamps.
        assert!(
            load(&dir, &data_toml).from_snapshot(),
            "{case}: a copy keeps it"
        );
        change(&dir, &data_toml);
        let after = load(&dir, &data_toml);
        assert_eq!(after.from_snapshot(), *kept, "{case}");
        assert_same(
            &Store::load_csv(&dir, &data_toml, &catalog()).unwrap(),
            &after,
        );
        // Whatever was read, the snapshot now matches the inputs again.
        assert!(load(&dir, &data_toml).from_snapshot(), "{case}: rewritten");
    }
}
