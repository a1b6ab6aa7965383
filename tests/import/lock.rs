//! One import at a time, and the leftovers of an interrupted one cleaned up.

use crate::common;

use common::{repo, TempDir};
use standpunkt::data::importer::ImportLock;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// A fresh indicators folder with only the registry: an import of the CPI excerpt into it
/// is a first import.
fn fresh(tmp: &Path) -> std::path::PathBuf {
    let dir = tmp.join("indicators");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(repo("indicators/countries.csv"), dir.join("countries.csv")).unwrap();
    dir
}

fn import(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_standpunkt"));
    cmd.current_dir(repo("."))
        .args(["--indicators", dir.to_str().unwrap(), "import", "cpi"])
        .arg(repo("fixtures/import/cpi/TI_CPI2023-excerpt.csv"));
    cmd
}

#[test]
fn a_second_import_waits_for_the_first() {
    let tmp = TempDir::new("import-lock");
    let dir = fresh(tmp.path());
    let held = ImportLock::acquire(&dir).unwrap();
    let mut child = import(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the import must wait while the lock is held"
    );
    assert!(!dir.join("cpi").exists(), "nothing written while waiting");
    drop(held);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("waiting: another import into"), "{stderr}");
    assert!(dir.join("cpi/values.csv").exists());
}

#[test]
fn leftovers_of_an_interrupted_import_are_cleaned() {
    let tmp = TempDir::new("import-stale");
    let dir = fresh(tmp.path());
    // A staging folder from an import that died before its rename.
    std::fs::create_dir_all(dir.join(".gmi.importing")).unwrap();
    std::fs::write(dir.join(".gmi.importing/values.csv"), "half").unwrap();
    // The previous data of a source set aside, its new folder never renamed in.
    std::fs::create_dir_all(dir.join(".who.replaced")).unwrap();
    std::fs::write(dir.join(".who.replaced/values.csv"), "previous").unwrap();
    let out = import(&dir).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        !dir.join(".gmi.importing").exists(),
        "stale staging removed"
    );
    assert!(!dir.join(".who.replaced").exists());
    assert_eq!(
        std::fs::read_to_string(dir.join("who/values.csv")).unwrap(),
        "previous",
        "set-aside data put back"
    );
    assert!(
        stderr.contains("removing the staging folder of an interrupted import of gmi"),
        "{stderr}"
    );
    assert!(stderr.contains("restoring indicators/who"), "{stderr}");
}
