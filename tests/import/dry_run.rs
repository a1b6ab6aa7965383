//! `import --dry-run` lists what an import would change and writes nothing; an import
//! that would lose stored values is refused with the list, and goes through only with
//! `--allow-loss`; a newer release under an old edition label, or an import while the
//! compiled-in embargo scope table is out of date, is refused outright, and so is an
//! import of a shipped raw file that is not there, with what its folder holds instead.

use crate::common;

use common::copy_dir;
use common::{repo, TempDir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path.clone());
                out.insert(path, Vec::new());
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// (exit code, stdout, stderr) of the binary on `indicators`.
fn run(indicators: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_standpunkt"))
        .arg("--indicators")
        .arg(indicators)
        .args(args)
        .current_dir(repo("."))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn dry_run_lists_the_moved_rating_and_writes_nothing() {
    let tmp = TempDir::new("dry-run");
    let dir = tmp.path().join("indicators");
    copy_dir(&repo("indicators"), &dir);
    let before = snapshot(&dir);
    let file = repo("fixtures/import/pipeline/synthetic-cpi2024-kaz.csv");
    let (code, out, err) = run(
        &dir,
        &["import", "cpi", file.to_str().unwrap(), "--dry-run"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("dry run, nothing written — cpi: would import"),
        "{out}"
    );
    assert!(
        out.contains("Kasachstan (KAZ), Kriterium 7: möglicherweise kritisch → kritisch\n   Grund: Vertragsstaat des ATT, aber sehr hohe Korruption (CPI 2024: 25/100, unter 30): hohes Risiko der Abzweigung.\n   cpi.score: 40 (CPI 2024, 2024) → 25 (CPI 2024, 2024)"),
        "{out}"
    );
    assert_eq!(snapshot(&dir), before, "a dry run writes nothing");
}

#[test]
fn a_loss_is_refused_with_the_list_and_allowed_with_the_flag() {
    let tmp = TempDir::new("allow-loss");
    let dir = tmp.path().join("indicators");
    copy_dir(&repo("indicators"), &dir);
    let before = snapshot(&dir);
    // Four countries of CPI 2023: the other 176 values of that edition would be lost.
    let file = repo("fixtures/import/cpi/TI_CPI2023-excerpt.csv");
    let file = file.to_str().unwrap();
    common::fails_with(
        &["--indicators", dir.to_str().unwrap(), "import", "cpi", file],
        &[
            "this import would lose what indicators/cpi holds",
            "176 value(s) (AFG cpi.score 2023 (CPI 2023)",
            "pass --allow-loss",
            "nothing was written",
        ],
    );
    assert_eq!(snapshot(&dir), before);
    let (code, out, _) = run(&dir, &["import", "cpi", file, "--dry-run", "--allow-loss"]);
    assert_eq!(code, 0);
    assert!(out.contains("would drop (--allow-loss): "), "{out}");
    assert_eq!(snapshot(&dir), before);
    let (code, out, err) = run(&dir, &["import", "cpi", file, "--allow-loss"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("cpi: imported"), "{out}");
    let values = std::fs::read_to_string(dir.join("cpi/values.csv")).unwrap();
    assert!(!values.contains("AFG,cpi.score,2023"));
    assert!(values.contains("KAZ,cpi.score,2023,2024,CPI 2023,39"));
}

/// A dry run of a file that is already imported says so, instead of "would import".
#[test]
fn a_dry_run_of_imported_data_says_unchanged() {
    let tmp = TempDir::new("dry-run-unchanged");
    let dir = tmp.path().join("indicators");
    copy_dir(&repo("indicators"), &dir);
    let file = repo("fixtures/import/pipeline/synthetic-cpi2024-kaz.csv");
    let file = file.to_str().unwrap();
    let (code, out, err) = run(&dir, &["import", "cpi", file]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("cpi: imported"), "{out}");
    let before = snapshot(&dir);
    let (code, out, err) = run(&dir, &["import", "cpi", file, "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(
            "dry run, nothing written — cpi: unchanged (this data is already imported)"
        ),
        "{out}"
    );
    assert!(out.contains("no rating would change"), "{out}");
    assert_eq!(snapshot(&dir), before, "a dry run writes nothing");
}

/// The embargo scope table is compiled in: an import that reads it is refused, before
/// anything is read or written, while the checkout's table differs from the built one
/// (an edited citation would otherwise be left out in silence). Other sources import.
#[test]
fn an_edited_scope_table_needs_a_rebuild_before_import() {
    let tmp = TempDir::new("scope-edited");
    let dir = tmp.path().join("indicators");
    copy_dir(&repo("indicators"), &dir);
    let table = tmp
        .path()
        .join(standpunkt::data::import::embargo_scope::PATH);
    std::fs::create_dir_all(table.parent().unwrap()).unwrap();
    let edited = format!(
        "{}\n# a citation edited\n",
        standpunkt::data::import::embargo_scope::TABLE
    );
    std::fs::write(&table, edited).unwrap();
    let before = snapshot(&dir);
    let indicators = dir.to_str().unwrap();
    for args in [
        &["import", "sanctions", "missing.xlsx"][..],
        &["import", "embargoes-2024", "missing.csv", "--dry-run"],
        &["import", "all", "--raw", "missing"],
    ] {
        common::fails_with(
            &[&["--indicators", indicators][..], args].concat(),
            &[
                "embargo_scope.toml: differs from the embargo scope table this program was built with",
                "cargo build --release",
                "nothing was imported",
            ],
        );
        assert_eq!(snapshot(&dir), before, "{args:?} wrote nothing");
    }
    let file = repo("fixtures/import/pipeline/synthetic-cpi2024-kaz.csv");
    let (code, _, err) = run(
        &dir,
        &["import", "cpi", file.to_str().unwrap(), "--dry-run"],
    );
    assert_eq!(code, 0, "{err}");
    // The table as built imports again.
    std::fs::write(&table, standpunkt::data::import::embargo_scope::TABLE).unwrap();
    let (_, _, err) = run(&dir, &["import", "sanctions", "missing.xlsx"]);
    assert!(!err.contains("differs from"), "{err}");
}

/// A file that runs past the last year of the edition its importer labels it with is a
/// newer release: refused (also with --allow-loss, also as a dry run), nothing written,
/// rather than filed under the old label. A synthetic two-year HDI file with 2023 values,
/// named as UNDP names the 2023/24 table (the HDI importer's edition comes from the name),
/// stands for a later release filed under the name of HDR 2023/24 (which runs to 2022).
#[test]
fn a_newer_release_under_the_old_label_is_refused() {
    let tmp = TempDir::new("newer-release");
    let dir = tmp.path().join("indicators");
    copy_dir(&repo("indicators"), &dir);
    let file = tmp.path().join("HDR23-24_synthetic-hdi-2023.csv");
    std::fs::write(
        &file,
        "iso3,country,hdi_2022,hdi_2023\nKAZ,Kazakhstan,0.802,0.81\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let before = snapshot(&dir);
    let indicators = dir.to_str().unwrap();
    for args in [
        &["import", "hdi", file][..],
        &["import", "hdi", file, "--allow-loss"],
        &["import", "hdi", file, "--dry-run"],
    ] {
        common::fails_with(
            &[&["--indicators", indicators][..], args].concat(),
            &[
                "a newer release than the edition the hdi importer labels its values with",
                "'HDR 2023/24' runs to 2022 in indicators/hdi, this file to 2023",
                "nothing was written",
            ],
        );
        assert_eq!(snapshot(&dir), before, "{args:?} wrote nothing");
    }
    // The same years as the folder's edition: only the loss check speaks.
    let same = tmp.path().join("HDR23-24_synthetic-hdi-2022.csv");
    std::fs::write(
        &same,
        "iso3,country,hdi_2021,hdi_2022\nKAZ,Kazakhstan,0.8,0.802\n",
    )
    .unwrap();
    let (code, _, err) = run(&dir, &["import", "hdi", same.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("this import would lose") && !err.contains("newer release"),
        "{err}"
    );
}

/// Without a file, an import reads the shipped raw file under `--raw`: where it is not
/// there, the message lists what its folder holds (the publisher's next release, under a
/// name of its own) and says how to import that; a missing folder points at the README.
#[test]
fn a_missing_shipped_file_names_what_its_folder_holds() {
    let tmp = TempDir::new("missing-raw");
    let dir = tmp.path().join("indicators");
    copy_dir(&repo("indicators"), &dir);
    let raw = tmp.path().join("raw");
    std::fs::create_dir_all(raw.join("ucdp")).unwrap();
    std::fs::write(raw.join("ucdp/UcdpPrioConflict_v26_1.csv"), "").unwrap();
    std::fs::write(raw.join("ucdp/SOURCE.txt"), "").unwrap();
    let before = snapshot(&dir);
    let (indicators, raw) = (dir.to_str().unwrap(), raw.to_str().unwrap());
    for (args, fragments) in [
        (
            &["import", "ucdp", "--raw", raw][..],
            &[
                "ucdp/UcdpPrioConflict_v25_1.csv: no such file",
                "ucdp holds UcdpPrioConflict_v26_1.csv — import a newer release by its path (`standpunkt import ucdp ",
                "name it in src/data/sources.rs for `import all`",
            ][..],
        ),
        (
            &["import", "ucdp-nonstate", "--raw", raw, "--dry-run"],
            &["ucdp-nonstate is missing (README, \"Where the raw files come from\")"],
        ),
    ] {
        common::fails_with(&[&["--indicators", indicators][..], args].concat(), fragments);
        assert_eq!(snapshot(&dir), before, "{args:?} wrote nothing");
    }
}

/// `import --help` names every source of the source table (the list is built from it, so
/// a new source cannot be left out of it).
#[test]
fn import_help_names_every_source() {
    let (code, help, err) = common::standpunkt(&["import", "--help"]);
    assert_eq!(code, 0, "{err}");
    let listed = help
        .lines()
        .find(|l| l.trim_start().starts_with("<SOURCE>"))
        .expect("the SOURCE argument's line");
    for spec in standpunkt::data::sources::SOURCES {
        assert!(
            listed.contains(&format!(" {},", spec.name))
                || listed.contains(&format!(" {} —", spec.name)),
            "{} not in {listed}",
            spec.name
        );
    }
}
