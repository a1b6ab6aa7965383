//! Shared helpers for the integration tests.
#![allow(dead_code)]

use standpunkt::{Catalog, RuleSet};
use std::path::{Path, PathBuf};

/// A path inside the crate, independent of the directory the test runs in.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

pub fn catalog() -> Catalog {
    Catalog::load(&repo("indicators/catalog.toml")).expect("catalog loads")
}

/// The shipped rules, their texts naming countries as the shipped registry does (as
/// on the command line).
pub fn rules() -> RuleSet {
    let rules = RuleSet::load(&repo("rules"), catalog()).expect("shipped rules load");
    let registry =
        standpunkt::Registry::load(&repo("indicators/countries.csv")).expect("registry loads");
    rules.name_countries(&registry);
    rules
}

/// The shipped data: the store under indicators/ and the country registry.
pub fn store() -> (
    standpunkt::data::store::Store,
    standpunkt::model::countries::Registry,
) {
    let store = standpunkt::data::store::Store::load(
        &repo("indicators"),
        &repo("rules/data.toml"),
        &catalog(),
    )
    .expect("shipped data loads");
    let registry = standpunkt::model::countries::Registry::load(&repo("indicators/countries.csv"))
        .expect("registry loads");
    (store, registry)
}

/// A criterion result as JSON in both languages: rating, reason key, values and text,
/// and the trace with its labels and provenance (what two results are compared by).
pub fn result_json(result: &standpunkt::CriterionResult) -> [serde_json::Value; 2] {
    [standpunkt::Lang::De, standpunkt::Lang::En]
        .map(|lang| serde_json::to_value(result.json(lang)).expect("a result serialises"))
}

/// A monotonicity step's fact of `value` (the provenance `check` gives it, `year` the
/// facts' as-of year), and the facts with it in place of `id`'s: what a step is compared
/// against.
pub fn step(
    facts: &standpunkt::Facts,
    year: i32,
    id: &str,
    value: &standpunkt::model::value::Value,
) -> (
    std::sync::Arc<standpunkt::model::facts::Fact>,
    std::sync::Arc<standpunkt::Facts>,
) {
    let fact = std::sync::Arc::new(standpunkt::model::facts::Fact {
        value: value.clone(),
        year: Some(year),
        edition: Some(standpunkt::audit::check::STEP_EDITION.into()),
        source: standpunkt::audit::check::STEP_SOURCE.into(),
        note: None,
    });
    let mut copy = facts.clone();
    copy.values.insert(id, fact.clone());
    (fact, std::sync::Arc::new(copy))
}

/// Runs the binary from the crate root; returns (exit code, stdout, stderr).
pub fn standpunkt(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_standpunkt"))
        .args(args)
        .current_dir(repo("."))
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts exit code 2, an empty stdout and a one-line error containing every fragment.
pub fn fails_with(args: &[&str], fragments: &[&str]) {
    let (code, stdout, stderr) = standpunkt(args);
    assert_eq!(code, 2, "exit code for {args:?}; stderr: {stderr}");
    assert!(
        stdout.is_empty(),
        "nothing on stdout for {args:?}: {stdout}"
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    for fragment in fragments {
        assert!(stderr.contains(fragment), "'{fragment}' not in: {stderr}");
    }
}

/// A fresh folder under the system temp dir, removed when dropped (also on a failed test).
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let path =
            std::env::temp_dir().join(format!("standpunkt-test-{}-{name}", std::process::id()));
        if path.exists() {
            std::fs::remove_dir_all(&path).unwrap();
        }
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Copies a folder tree (a test changes the copy, never the shipped files). Temporary
/// files of a write in progress (`.<name>.<random>.tmp`, e.g. another test's load writing
/// `indicators/.snapshot`) are left out: they may be gone before they are copied.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy();
        if name.starts_with('.') && name.ends_with(".tmp") {
            continue;
        }
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
