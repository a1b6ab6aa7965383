//! `standpunkt diff`: two rule sets over the whole population. The expected changes are
//! computed independently of the diff, from the old rules' traces and the store's facts.

mod common;

use common::standpunkt;

use standpunkt::audit::diff::{self, Diff, Origin};
use standpunkt::model::trace::Step;
use standpunkt::model::value::Value;
use standpunkt::{Rating, RuleSet};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh copy of the shipped rules in a temporary folder, removed on drop.
struct TempRules(PathBuf);

impl TempRules {
    fn copy(name: &str) -> TempRules {
        let dir = std::env::temp_dir().join(format!(
            "standpunkt-test-diff-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(common::repo("rules")).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
            }
        }
        TempRules(dir)
    }

    /// Replaces `from` by `to` in one file of the copy; the text must be there once.
    fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.0.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(from).count(), 1, "'{from}' once in {file}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempRules {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn load(dir: &Path) -> RuleSet {
    RuleSet::load(dir, common::catalog()).expect("rules load")
}

/// The diff of the shipped rules against `new`, through the library.
fn lib_diff(new: &Path, years: &[i32]) -> Diff {
    let (store, registry) = common::store();
    let old = load(&common::repo("rules"));
    let new_rules = load(new);
    diff::compare(diff::Comparison {
        old: &old,
        new: &new_rules,
        store: &store,
        registry: &registry,
        countries: &store.countries(),
        years,
        base: Origin::dir(Path::new("rules")),
        head: Origin::dir(new),
    })
    .expect("diff runs")
}

fn cpi_kritisch_label(step: &Step) -> Option<bool> {
    match step {
        Step::Test { key, outcome, .. } if key.as_str() == "cpi_very_poor" => Some(*outcome),
        _ => None,
    }
}

/// (iso3, year) of the countries whose criterion 7, under the shipped rules, tests
/// "CPI unter 30" with the given outcome; with `band`, only those whose CPI as used
/// (from the store's facts for that year) lies in it.
fn c7_cases(years: &[i32], outcome: bool, band: Option<(f64, f64)>) -> BTreeSet<(String, i32)> {
    let (store, _) = common::store();
    let rules = common::rules();
    let c7 = rules.criterion(7).unwrap();
    let mut cases = BTreeSet::new();
    for &year in years {
        for iso3 in store.countries() {
            let facts = std::sync::Arc::new(store.facts(&iso3, year, &rules.catalog));
            let result = rules.evaluate(c7, &facts).unwrap();
            if !result
                .trace
                .iter()
                .any(|s| cpi_kritisch_label(s) == Some(outcome))
            {
                continue;
            }
            let cpi = match facts.values.get("cpi.score").map(|f| &f.value) {
                Some(Value::Number(x)) => *x,
                Some(Value::Integer(i)) => *i as f64,
                other => panic!("{iso3} {year}: the test ran without a CPI: {other:?}"),
            };
            if band.is_none_or(|(low, high)| low <= cpi && cpi < high) {
                cases.insert((iso3, year));
            }
        }
    }
    cases
}

fn cases_of(changes: &[diff::Change]) -> BTreeSet<(String, i32)> {
    changes.iter().map(|c| (c.iso3.clone(), c.year)).collect()
}

#[test]
fn identical_copy_changes_nothing() {
    let copy = TempRules::copy("identical");
    let report = lib_diff(&copy.0, &[2025]);
    assert!(!report.changed());
    assert!(report.changes.is_empty());
    assert!(report.reason_changes.is_empty());
    assert_eq!(report.trace_changes(), 0);
    assert!(!report.data_toml_differs);
    assert_eq!(report.evaluations, report.countries * 8);
    assert!(report.countries > 150, "every country compared");

    let (code, stdout, stderr) =
        standpunkt(&["diff", "--base-rules", "rules", "--rules", copy.path()]);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert!(stdout.contains("Keine Bewertung geändert."), "{stdout}");
    assert!(
        stdout.contains("geändert: 0 · nur Begründung: 0 · nur Ablauf: 0"),
        "{stdout}"
    );
}

#[test]
fn moved_lines_are_not_a_change() {
    // Steps are compared by meaning: a comment that shifts every line changes nothing.
    let copy = TempRules::copy("lines");
    copy.edit(
        "c7_wiederausfuhr.rhai",
        "// Criterion 7 —",
        "// (a comment added for the test)\n\n// Criterion 7 —",
    );
    let report = lib_diff(&copy.0, &[2025]);
    assert!(!report.changed());
    assert!(report.reason_changes.is_empty());
    assert_eq!(report.trace_changes(), 0);
}

#[test]
fn threshold_change_reports_exactly_the_countries_between_old_and_new() {
    let copy = TempRules::copy("threshold");
    copy.edit(
        "criteria.toml",
        // Criterion 7's parameter (criterion 5 has one of the same name).
        "cpi_kritisch = { value = 30, origin = \"project\", rationale = \"BICC: 'very poor'",
        "cpi_kritisch = { value = 35, origin = \"project\", rationale = \"BICC: 'very poor'",
    );
    let years = [2024, 2025];
    let report = lib_diff(&copy.0, &years);

    // Independently: the old rules reached "CPI unter 30" and said no, and the CPI is in [30, 35).
    let expected = c7_cases(&years, false, Some((30.0, 35.0)));
    assert!(
        expected.len() >= 5,
        "the band holds countries: {expected:?}"
    );
    assert_eq!(cases_of(&report.changes), expected);
    assert!(report.changed());
    for change in &report.changes {
        assert_eq!(change.criterion, 7);
        assert_eq!(change.old.rating, Rating::MoeglicherweiseKritisch);
        assert_eq!(change.new.rating, Rating::Kritisch);
        let d = change.divergence.as_ref().expect("traces part");
        match (&d.old, &d.new) {
            (
                Some(Step::Param {
                    name: a, value: x, ..
                }),
                Some(Step::Param {
                    name: b, value: y, ..
                }),
            ) => {
                assert_eq!((&**a, &**b), ("cpi_kritisch", "cpi_kritisch"));
                assert_eq!(
                    (&**x, &**y),
                    (&serde_json::json!(30), &serde_json::json!(35))
                );
            }
            other => panic!("first divergence should be the parameter: {other:?}"),
        }
        let test = change.deciding_test.as_ref().expect("a test decided");
        assert!(
            matches!(&test.old, Step::Test { key, outcome: false, .. } if key.as_str() == "cpi_very_poor")
        );
        assert!(
            matches!(&test.new, Step::Test { key, outcome: true, .. } if key.as_str() == "cpi_very_poor")
        );
        assert_eq!(
            change
                .old
                .test_label(&test.old, standpunkt::Lang::De)
                .unwrap(),
            "CPI unter 30: sehr schlechte Transparenz"
        );
        assert_eq!(
            change
                .new
                .test_label(&test.new, standpunkt::Lang::De)
                .unwrap(),
            "CPI unter 35: sehr schlechte Transparenz"
        );
    }
    // Countries already below 30 keep "kritisch"; only their reason names the new cut-off.
    let below = c7_cases(&years, true, None);
    assert!(!below.is_empty());
    assert_eq!(cases_of(&report.reason_changes), below);
    for change in &report.reason_changes {
        assert_eq!(change.old.rating, change.new.rating);
        assert!(
            change.new.reason(standpunkt::Lang::De).contains("unter 35"),
            "{}",
            change.new.reason(standpunkt::Lang::De)
        );
    }
    let c7 = report.criteria.iter().find(|c| c.number == 7).unwrap();
    assert_eq!(c7.rating_changes, expected.len());
    assert_eq!(c7.transitions.len(), 1);
    assert_eq!(c7.transitions[0].count, expected.len());
    for c in report.criteria.iter().filter(|c| c.number != 7) {
        assert_eq!(
            (c.rating_changes, c.reason_changes, c.trace_changes),
            (0, 0, 0),
            "criterion {}",
            c.number
        );
    }

    // The binary: exit code 3, the text names the parameter step, JSON lists the same cases.
    let (code, stdout, stderr) = standpunkt(&[
        "diff",
        "--base-rules",
        "rules",
        "--rules",
        copy.path(),
        "--years",
        "2024..2025",
    ]);
    assert_eq!(code, 3, "stderr: {stderr}");
    assert!(
        stdout.contains("Parameter cpi_kritisch: 30 → 35 (Z. 34 → 34)"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("geändert: {}", expected.len())),
        "{stdout}"
    );
    assert!(stdout.contains(&format!(
        "möglicherweise kritisch → kritisch: {}",
        expected.len()
    )));

    let (code, stdout, _) = standpunkt(&[
        "diff",
        "--base-rules",
        "rules",
        "--rules",
        copy.path(),
        "--years",
        "2024..2025",
        "--format",
        "json",
    ]);
    assert_eq!(code, 3);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["schema"], "standpunkt.diff/2");
    assert_eq!(json["changed"], true);
    assert_eq!(json["years"], serde_json::json!([2024, 2025]));
    assert_eq!(json["totals"]["rating_changes"], expected.len());
    let listed: BTreeSet<(String, i32)> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c["divergence"]["old"]["step"], "param");
            assert_eq!(c["divergence"]["new"]["value"], 35);
            assert_eq!(c["old"]["rating"], "moeglicherweise_kritisch");
            (
                c["iso3"].as_str().unwrap().to_string(),
                c["year"].as_i64().unwrap() as i32,
            )
        })
        .collect();
    assert_eq!(listed, expected);

    let (code, stdout, _) = standpunkt(&[
        "--lang",
        "en",
        "diff",
        "--base-rules",
        "rules",
        "--rules",
        copy.path(),
        "--as-of",
        "2025",
        "--format",
        "markdown",
    ]);
    assert_eq!(code, 3);
    assert!(
        stdout.contains(
            "| Country | Year | Criterion | old | new | first divergence | l. old → new |"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("| possibly critical | **critical** | parameter cpi_kritisch: 30 → 35<br>deciding test: test \"CPI below 30: very poor transparency\" no → \"CPI below 35: very poor transparency\" yes (l. 41 → 41) | 34 → 34 |"), "{stdout}");
}

#[test]
fn steps_compare_by_meaning_not_line() {
    let test = |line, outcome| Step::Test {
        line,
        key: "cpi_very_poor".into(),
        values: standpunkt::model::reason::Values::from_pairs([("below", 30 as rhai::INT)]),
        outcome,
    };
    let param = |line, value: i64| Step::Param {
        line,
        name: "cpi_kritisch".into(),
        value: std::sync::Arc::new(value.into()),
    };
    assert!(diff::same_step(&test(20, true), &test(41, true)));
    assert!(!diff::same_step(&test(20, true), &test(20, false)));
    assert!(!diff::same_step(&param(18, 30), &param(18, 40)));
    let old = [param(18, 30), test(20, false)];
    let new = [param(25, 30), test(27, true)];
    let d = diff::first_divergence(&old, &new).expect("parts");
    assert_eq!(d.index, 1);
    assert_eq!(d.old, Some(test(20, false)));
    assert_eq!(d.new, Some(test(27, true)));
    // One trace ends first: the divergence is where it ends.
    let d = diff::first_divergence(&old[..1], &new[..1]);
    assert_eq!(d, None);
    let d = diff::first_divergence(&old, &new[..1]).expect("parts");
    assert_eq!((d.index, d.new), (1, None));
}

/// Whether the crate root is in a git work tree with a HEAD; prints why not.
fn git_head() -> bool {
    let ok = Command::new("git")
        .args(["rev-parse", "--verify", "HEAD"])
        .current_dir(common::repo("."))
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: `git rev-parse --verify HEAD` fails here (no git, or not a git checkout)"
        );
    }
    ok
}

#[test]
fn base_git_revision() {
    if !git_head() {
        return;
    }
    let (code, stdout, stderr) = standpunkt(&["diff", "--base", "HEAD"]);
    assert!(code == 0 || code == 3, "exit {code}; stderr: {stderr}");
    assert!(stdout.starts_with("Regelvergleich: HEAD ("), "{stdout}");
    assert!(stdout.contains("Kriterium"), "{stdout}");

    // The materialised HEAD holds the committed files; the diff against it as a folder
    // equals the diff against the revision.
    let head = diff::materialise("HEAD", &common::repo("rules")).expect("materialises");
    assert!(head.files >= 10, "{} files", head.files);
    let committed = Command::new("git")
        .args(["show", "HEAD:./criteria.toml"])
        .current_dir(common::repo("rules"))
        .output()
        .unwrap()
        .stdout;
    assert_eq!(
        std::fs::read(head.dir.join("criteria.toml")).unwrap(),
        committed
    );
    let json = |args: &[&str]| -> serde_json::Value {
        let (code, stdout, stderr) = standpunkt(args);
        assert!(code == 0 || code == 3, "exit {code}; stderr: {stderr}");
        let mut json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        json.as_object_mut().unwrap().remove("base");
        json
    };
    assert_eq!(
        json(&["diff", "--base", "HEAD", "--format", "json"]),
        json(&[
            "diff",
            "--base-rules",
            head.dir.to_str().unwrap(),
            "--format",
            "json"
        ])
    );
    let dir = head.dir.clone();
    drop(head);
    assert!(!dir.exists(), "the temporary folder is removed");
}

#[test]
fn base_errors_are_one_line_with_exit_code_2() {
    let fails = |args: &[&str], fragment: &str| {
        let (code, stdout, stderr) = standpunkt(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty());
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(stderr.contains(fragment), "'{fragment}' not in {stderr}");
    };
    fails(
        &["diff", "--base-rules", "no/such/rules"],
        "no/such/rules/criteria.toml",
    );
    if git_head() {
        fails(
            &["diff", "--base", "no-such-revision-xyz"],
            "unknown git revision 'no-such-revision-xyz'",
        );
    }
    // Rules outside any git repository.
    let copy = TempRules::copy("nogit");
    let outside = Command::new("git")
        .args(["rev-parse", "--git-dir"])
        .current_dir(&copy.0)
        .output()
        .is_ok_and(|o| !o.status.success());
    if outside {
        fails(
            &["diff", "--base", "HEAD", "--rules", copy.path()],
            "not in a git repository",
        );
    } else {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the not-a-repository case: no git, or the temp dir is inside a repository"
        );
    }
}
