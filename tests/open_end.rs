//! A rule that reaches its end without a conclusion is a bug in the rule, never a data
//! gap: the engine reports it as an error (whatever the rule read or found missing on the
//! way), and `check --rules-only` finds such paths in the source.

mod common;
use common::{repo, standpunkt, TempDir};
use standpunkt::rules::open_end;
use std::path::Path;

/// A one-criterion rule folder holding `script`.
fn rule_folder(dir: &Path, script: &str) {
    std::fs::write(
        dir.join("criteria.toml"),
        "[[criterion]]\nnumber = 9\ntitle_de = \"Testkriterium\"\ntitle_en = \"Test criterion\"\nscript = \"rule.rhai\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("rule.rhai"), script).unwrap();
}

#[test]
fn open_ends_are_found_in_the_source() {
    // (script, line of the open end or None when every path concludes)
    let cases: &[(&str, Option<usize>)] = &[
        ("nicht_kritisch(\"a\", \"b\");", None),
        ("if value(\"cpi.score\") < 30 { kritisch(\"a\", \"b\"); }\nnicht_kritisch(\"a\", \"b\");", None),
        ("if value(\"cpi.score\") < 30 { kritisch(\"a\", \"b\"); } else { nicht_kritisch(\"a\", \"b\"); }", None),
        ("if known(\"cpi.score\") { if value(\"cpi.score\") < 30 { kritisch(\"a\", \"b\"); } else { nicht_kritisch(\"a\", \"b\"); } } else { nicht_bewertbar(\"a\", \"b\"); }", None),
        ("let cpi = value(\"cpi.score\");\nif cpi < 30 {\n  kritisch(\"a\", \"b\");\n}", Some(2)),
        ("if value(\"cpi.score\") < 30 { kritisch(\"a\", \"b\"); }\nlet done = 1;", Some(2)),
        ("if value(\"cpi.score\") < 30 { kritisch(\"a\", \"b\"); } else if value(\"cpi.score\") < 50 { nicht_kritisch(\"a\", \"b\"); }", Some(1)),
        ("if known(\"cpi.score\") { return; }\nnicht_kritisch(\"a\", \"b\");", Some(1)),
        ("let i = 0; while i < 1 { i += 1; kritisch(\"a\", \"b\"); }", Some(1)),
    ];
    for (i, (script, expected)) in cases.iter().enumerate() {
        let dir = TempDir::new(&format!("open-end-{i}"));
        rule_folder(dir.path(), script);
        let rules = standpunkt::RuleSet::load(dir.path(), common::catalog()).unwrap();
        let found = open_end::find(&rules.criteria[0]).map(|o| o.line);
        assert_eq!(found, *expected, "case {i}: {script}");
    }
}

#[test]
fn the_shipped_rules_have_no_open_end() {
    for criterion in &common::rules().criteria {
        assert_eq!(open_end::find(criterion), None);
    }
}

#[test]
fn a_rule_that_probed_a_gap_and_ran_past_its_end_is_an_error() {
    // The rule saw that the CPI is missing (known), but concludes nothing: that is the
    // rule's fault, not "nicht bewertbar".
    let dir = TempDir::new("open-end-probe");
    rule_folder(
        dir.path(),
        "if known(\"cpi.score\") { if value(\"cpi.score\") < 30 { kritisch(\"a\", \"b\"); } }\nlet done = 1;\n",
    );
    let rules = dir.path().to_str().unwrap();
    let no_cpi = dir.path().join("no-cpi.toml");
    std::fs::write(
        &no_cpi,
        "# SYNTHETIC\niso3 = \"KAZ\"\nas_of = \"2025\"\nsynthetic = true\n",
    )
    .unwrap();
    common::fails_with(
        &[
            "assess",
            "--rules",
            rules,
            "--facts",
            no_cpi.to_str().unwrap(),
        ],
        &[
            "rule.rhai: rule for criterion 9 ended without a rating for KAZ",
            "check --rules-only",
        ],
    );
    // A gap met by value() is still a data gap.
    rule_folder(dir.path(), "let cpi = value(\"cpi.score\");\nif cpi < 30 { kritisch(\"a\", \"b\"); }\nnicht_kritisch(\"a\", \"b\");\n");
    let (code, stdout, stderr) = standpunkt(&[
        "assess",
        "--rules",
        rules,
        "--facts",
        no_cpi.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["criteria"][0]["rating"], "nicht_bewertbar");
    assert_eq!(
        json["criteria"][0]["missing"],
        serde_json::json!(["cpi.score"])
    );
}

/// The shipped rules with criterion 7's final `nicht_kritisch(…)` replaced by `let done = 1;`.
fn c7_without_final_conclusion(dir: &Path) {
    for entry in std::fs::read_dir(repo("rules")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    let script = dir.join("c7_wiederausfuhr.rhai");
    let text = std::fs::read_to_string(&script).unwrap();
    let at = text
        .rfind("nicht_kritisch(")
        .expect("criterion 7 ends in nicht_kritisch");
    std::fs::write(&script, format!("{}let done = 1;\n", &text[..at])).unwrap();
}

#[test]
fn a_shipped_rule_without_its_last_conclusion_is_caught() {
    let dir = TempDir::new("open-end-c7");
    c7_without_final_conclusion(dir.path());
    let rules = dir.path().to_str().unwrap();
    // Statically, before any data is read.
    let (code, stdout, stderr) = standpunkt(&["check", "--rules-only", "--rules", rules]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stdout.contains("c7_wiederausfuhr.rhai:")
            && stdout.contains("rule for criterion 7 can reach its end without a rating"),
        "{stdout}"
    );
    assert!(
        stderr.contains("check failed: 1 rule(s) can end without a rating"),
        "{stderr}"
    );
    // At run time: an error, not 61 countries "nicht bewertbar".
    let (code, stdout, stderr) =
        standpunkt(&["assess", "--all", "--rules", rules, "--format", "csv"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("c7_wiederausfuhr.rhai: rule for criterion 7 ended without a rating for "),
        "{stderr}"
    );
}
