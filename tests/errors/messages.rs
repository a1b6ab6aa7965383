//! Bad input gets one clear line on stderr and exit code 2; nothing is printed on stdout.

use crate::common;

use common::{fails_with, standpunkt};

fn facts(name: &str) -> String {
    format!("fixtures/broken/{name}")
}

#[test]
fn malformed_toml() {
    fails_with(
        &["assess", "--facts", &facts("malformed.toml")],
        &["malformed.toml:4:", "malformed TOML"],
    );
}

#[test]
fn unknown_indicator_in_facts() {
    fails_with(
        &["assess", "--facts", &facts("unknown-indicator.toml")],
        &[
            "unknown indicator 'cpi.scor'",
            "did you mean 'cpi.score'?",
            "catalog.toml",
        ],
    );
}

#[test]
fn value_out_of_range() {
    fails_with(
        &["assess", "--facts", &facts("out-of-range.toml")],
        &["'cpi.score' = 139 is out of range (0 to 100)"],
    );
}

#[test]
fn value_of_wrong_kind() {
    fails_with(
        &["assess", "--facts", &facts("wrong-kind.toml")],
        &["'treaty.att' expects true or false, found the string \"yes\""],
    );
}

#[test]
fn category_value_not_allowed() {
    fails_with(
        &["assess", "--facts", &facts("bad-category.toml")],
        &["'fh.status' = free", "allowed: F, PF, NF"],
    );
}

#[test]
fn iso_code_malformed() {
    fails_with(
        &["assess", "--facts", &facts("bad-iso.toml")],
        &["not an ISO 3166 alpha-3 code"],
    );
}

#[test]
fn missing_facts_file() {
    fails_with(
        &["assess", "--facts", "fixtures/no-such-file.toml"],
        &["cannot read fixtures/no-such-file.toml"],
    );
}

#[test]
fn unknown_criterion() {
    fails_with(
        &["explain", "--facts", "fixtures/KAZ-2025.toml", "9"],
        &["unknown criterion 9", "1, 2, 3, 4, 5, 6, 7, 8"],
    );
}

/// Runs `assess` on the one-CPI-value facts with a broken rule set.
fn broken_rules(name: &str, fragments: &[&str]) {
    let rules = format!("fixtures/broken/rules-{name}");
    fails_with(
        &[
            "assess",
            "--rules",
            &rules,
            "--facts",
            &facts("cpi-39.toml"),
        ],
        fragments,
    );
}

#[test]
fn rule_syntax_error_names_file_line_and_column() {
    broken_rules(
        "syntax",
        &["rules-syntax/rule.rhai:3:", "syntax error in rule"],
    );
}

#[test]
fn endless_loop_is_stopped() {
    broken_rules(
        "loop",
        &[
            "rule.rhai:3: rule for criterion 9 stopped",
            "limit on operations (100000)",
            "endless loop",
        ],
    );
}

#[test]
fn endless_recursion_is_stopped() {
    broken_rules("recursion", &["rule.rhai:", "limit on call depth"]);
}

#[test]
fn runaway_string_is_stopped() {
    broken_rules(
        "big-string",
        &[
            "rule.rhai:",
            "stopped: it exceeded the limit on length of string",
        ],
    );
}

#[test]
fn rule_without_rating() {
    broken_rules(
        "no-rating",
        &["rule.rhai: rule for criterion 9 ended without a rating"],
    );
}

#[test]
fn rule_that_never_concludes_is_rejected_before_running() {
    broken_rules(
        "never-concludes",
        &["rule.rhai:1:1: the rule never concludes"],
    );
}

#[test]
fn rule_reading_unknown_indicator_is_rejected_by_check() {
    let (code, _, stderr) = standpunkt(&[
        "check",
        "--rules",
        "fixtures/broken/rules-unknown-indicator",
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("rule.rhai:2:10: unknown indicator 'cpi.scre' (did you mean 'cpi.score'?)"),
        "{stderr}"
    );
}

#[test]
fn unknown_parameter_is_rejected() {
    broken_rules(
        "unknown-parameter",
        &["rule.rhai:2:", "unknown parameter 'cpi_limit'"],
    );
}

#[test]
fn unused_parameter_is_rejected() {
    broken_rules(
        "unused-parameter",
        &["rules-unused-parameter/criteria.toml:7:13: parameter 'cpi_limit' is declared in criteria.toml but the rule never reads it"],
    );
}

#[test]
fn check_passes_on_shipped_rules() {
    let (code, stdout, stderr) = standpunkt(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("ok: "), "{stdout}");
}

#[test]
fn assess_kazakhstan_succeeds_in_both_formats() {
    let (code, stdout, _) = standpunkt(&[
        "assess",
        "--facts",
        "fixtures/KAZ-2025.toml",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["criteria"][1]["number"], 2);
    assert_eq!(json["criteria"][1]["rating"], "kritisch");
    let (code, stdout, _) = standpunkt(&[
        "--lang",
        "en",
        "explain",
        "--facts",
        "fixtures/KAZ-2025.toml",
        "2",
    ]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Rating: critical"), "{stdout}");
}

#[test]
fn countries_by_code_or_name() {
    for name in ["KAZ", "kz", "Kasachstan", "Kazakhstan"] {
        let (code, stdout, stderr) = standpunkt(&["assess", name, "--format", "csv"]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert!(
            stdout
                .lines()
                .nth(1)
                .unwrap()
                .starts_with("2025,KAZ,Kasachstan,Kazakhstan,"),
            "{name}: {stdout}"
        );
    }
}

#[test]
fn unknown_country_suggests_the_closest() {
    fails_with(
        &["assess", "Kasachstn"],
        &[
            "unknown country 'Kasachstn'",
            "did you mean",
            "Kasachstan (KAZ)",
        ],
    );
}

#[test]
fn unknown_source_lists_the_sources() {
    fails_with(
        &["import", "cpii", "x.csv"],
        &["unknown source", "freedomhouse", "cpi"],
    );
}

#[test]
fn bad_year_range_is_a_usage_error() {
    let (code, _, stderr) = standpunkt(&["assess", "--all", "--years", "2024..2015"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("is not a year or a range like 2015..2024"),
        "{stderr}"
    );
}

/// `check` on the shipped data: the shipped rules are monotonic and never fail.
#[test]
fn check_passes_with_coverage_on_shipped_data() {
    let (code, stdout, stderr) = standpunkt(&["check", "--years", "2025"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Monotonie: keine Verletzung"), "{stdout}");
    assert!(
        stdout.contains("Kriterium 8 (c8_kapazitaet.rhai): 6/6 Schlüsse erreicht"),
        "{stdout}"
    );
}

/// A rule that rates a better value worse is caught, with the country and the values.
#[test]
fn check_catches_a_non_monotonic_rule() {
    let (code, stdout, stderr) = standpunkt(&[
        "check",
        "--rules",
        "fixtures/broken/rules-nonmonotonic",
        "--data",
        "rules/data.toml",
        "--years",
        "2025",
    ]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("monotonicity violation"), "{stderr}");
    // Every country, Kazakhstan among them: the CPI is stepped 0, 2, …, 100; the step from
    // 60 to 62 (a better value) turns nicht kritisch into kritisch.
    assert!(stdout.contains("Monotonie verletzt: 199"), "{stdout}");
    assert!(
        stdout.contains("Kriterium 7, KAZ 2025: cpi.score 62 ergibt kritisch, der schlechtere Wert 60 ergibt nicht kritisch"),
        "{stdout}"
    );
}

/// A rule set with several broken rules: one run names every problem, each on its own
/// line with file and line, before any rule runs.
#[test]
fn rule_set_problems_are_all_reported() {
    let dir = "fixtures/broken/rules-many";
    let (code, stdout, stderr) =
        standpunkt(&["assess", "--rules", dir, "--facts", &facts("cpi-39.toml")]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "nothing on stdout: {stdout}");
    // (file:line:, what the line says) — one row per problem.
    let expected = [
        ("syntax.rhai:3:", "syntax error in rule"),
        ("unknown-indicator.rhai:2:", "unknown indicator 'cpi.scor'"),
        ("unknown-indicator.rhai:4:", "unknown indicator 'fh.totl'"),
        ("unknown-parameter.rhai:3:", "unknown parameter 'cpi_limit'"),
        // A problem with criteria.toml names the line of its entry there.
        ("criteria.toml:29:13:", "parameter 'cpi_limit' is declared"),
        ("criteria.toml:30:13:", "parameter 'no_reason' is declared"),
        (
            "criteria.toml:30:13:",
            "'no_reason' of criterion 4 has no rationale",
        ),
        (
            "criteria.toml:31:15:",
            "'not_a_value' of criterion 4 must be a number",
        ),
        ("never-concludes.rhai:1:", "the rule never concludes"),
        ("syntax-2.rhai:4:", "syntax error in rule"),
        (
            "criteria.toml:49:10:",
            "cannot read the rule of criterion 7",
        ),
        ("criteria.toml:52:10:", "criterion 2 is listed twice"),
    ];
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some("error: 12 problems in the rule set (no rule has run):"),
        "{stderr}"
    );
    assert_eq!(
        lines.len(),
        expected.len() + 1,
        "one line per problem: {stderr}"
    );
    for (place, what) in expected {
        let place = format!("{dir}/{place}");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&place) && l.contains(what)),
            "no line '{place} … {what}' in:\n{stderr}"
        );
    }
}
