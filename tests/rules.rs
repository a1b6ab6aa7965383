//! Every criterion's rule against its synthetic cases (fixtures/synthetic/cN.toml): each
//! case names the rating it must reach, and every rule must reach all three ratings and
//! "nicht bewertbar".

mod common;

use serde::Deserialize;
use standpunkt::{Facts, Lang, Rating};
use std::collections::BTreeSet;
use std::sync::Arc;

#[derive(Deserialize)]
struct CaseFile {
    synthetic: bool,
    criterion: u32,
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    expect: String,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    missing: Option<Vec<String>>,
    /// Fragments the German or English reason must contain (what it names).
    #[serde(default)]
    reason_contains: Vec<String>,
    #[serde(default)]
    values: toml::Table,
    /// Words the German / English reason must contain (e.g. that an input is missing).
    #[serde(default)]
    reason_de: Vec<String>,
    #[serde(default)]
    reason_en: Vec<String>,
    /// The reason key the case must reach (which conclusion fired, not only its rating).
    #[serde(default)]
    key: Option<String>,
}

/// Builds a fact file from a case and reads it the way `--facts` does.
fn facts(case: &Case) -> Facts {
    let mut file = toml::Table::new();
    file.insert("iso3".into(), "XSY".into());
    file.insert(
        "as_of".into(),
        case.as_of.clone().unwrap_or("2025".into()).into(),
    );
    file.insert("synthetic".into(), true.into());
    file.insert("values".into(), case.values.clone().into());
    let text = toml::to_string(&file).unwrap();
    Facts::parse(std::path::Path::new(&case.name), &text, &common::catalog())
        .unwrap_or_else(|e| panic!("case '{}': {e}", case.name))
}

fn run_cases(number: u32) {
    let path = common::repo(&format!("fixtures/synthetic/c{number}.toml"));
    let file: CaseFile = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(
        file.synthetic,
        "{} must be marked synthetic",
        path.display()
    );
    assert_eq!(file.criterion, number);
    let rules = common::rules();
    let criterion = rules.criterion(number).unwrap();
    // Every case also on Rhai alone: the direct evaluator must give the same result.
    let rhai = common::rules().rhai_only();
    let on_rhai = rhai.criterion(number).unwrap();
    let mut reached = BTreeSet::new();
    for case in &file.case {
        let expected = Rating::from_key(&case.expect)
            .unwrap_or_else(|| panic!("bad expect '{}'", case.expect));
        let case_facts = Arc::new(facts(case));
        let result = rules
            .evaluate(criterion, &case_facts)
            .unwrap_or_else(|e| panic!("criterion {number}, case '{}': {e}", case.name));
        let reference = rhai.evaluate(on_rhai, &case_facts).unwrap();
        assert_eq!(
            common::result_json(&result),
            common::result_json(&reference),
            "criterion {number}, case '{}': direct evaluation differs from Rhai",
            case.name
        );
        let (reason_de, reason_en) = (result.reason(Lang::De), result.reason(Lang::En));
        assert_eq!(
            result.rating, expected,
            "criterion {number}, case '{}': {reason_de}",
            case.name
        );
        if let Some(key) = &case.key {
            assert_eq!(
                result.reason.key.as_str(),
                key,
                "criterion {number}, case '{}': reason key",
                case.name
            );
        }
        if let Some(missing) = &case.missing {
            assert_eq!(
                &result.missing, missing,
                "criterion {number}, case '{}'",
                case.name
            );
        }
        if expected == Rating::NichtBewertbar {
            assert!(
                !result.missing.is_empty(),
                "criterion {number}, case '{}': 'nicht bewertbar' must name what is missing",
                case.name
            );
        }
        assert!(!reason_de.is_empty() && !reason_en.is_empty());
        for (words, reason) in [(&case.reason_de, &reason_de), (&case.reason_en, &reason_en)] {
            for w in words {
                assert!(
                    reason.contains(w.as_str()),
                    "criterion {number}, case '{}': reason lacks {w:?}: {reason}",
                    case.name
                );
            }
        }
        for fragment in &case.reason_contains {
            assert!(
                reason_de.contains(fragment.as_str()) || reason_en.contains(fragment.as_str()),
                "criterion {number}, case '{}': reason lacks {fragment:?}: {reason_de} / {reason_en}",
                case.name
            );
        }
        reached.insert(expected);
    }
    assert_eq!(reached.len(), 4, "criterion {number}: cases must reach all three ratings and 'nicht bewertbar', reached {reached:?}");
}

#[test]
fn criterion_1() {
    run_cases(1);
}
#[test]
fn criterion_2() {
    run_cases(2);
}
#[test]
fn criterion_3() {
    run_cases(3);
}
#[test]
fn criterion_4() {
    run_cases(4);
}
#[test]
fn criterion_5() {
    run_cases(5);
}
#[test]
fn criterion_6() {
    run_cases(6);
}
#[test]
fn criterion_7() {
    run_cases(7);
}
#[test]
fn criterion_8() {
    run_cases(8);
}

/// A missing value never turns into "nicht kritisch": with no facts at all, no
/// criterion may be rated anything but "nicht bewertbar".
#[test]
fn no_facts_no_rating() {
    let rules = common::rules();
    let case = Case {
        name: "empty".into(),
        expect: String::new(),
        as_of: None,
        missing: None,
        reason_contains: Vec::new(),
        values: toml::Table::new(),
        reason_de: Vec::new(),
        reason_en: Vec::new(),
        key: None,
    };
    let assessment = rules.assess(Arc::new(facts(&case))).unwrap();
    for c in &assessment.criteria {
        assert_eq!(c.rating, Rating::NichtBewertbar, "criterion {}", c.number);
        assert!(
            !c.missing.is_empty(),
            "criterion {} names no missing indicator",
            c.number
        );
    }
}

/// A one-criterion rule set whose texts the load check cases below break one at a time.
const RULE: &str = r#"let cpi = value("cpi.score");
let limit = param("cpi_limit");
if test("cpi_low", #{limit: limit}, cpi < limit) {
    kritisch("corrupt", #{cpi: cpi, limit: limit});
}
nicht_kritisch("clean", #{cpi: cpi});
"#;
const TEXTS_DE: &str = r#"[reasons]
corrupt = "CPI {{ cpi }}, unter {{ limit }}."
clean = "CPI {{ cpi }}."

[tests]
cpi_low = "CPI unter {{ limit }}"
"#;
const TEXTS_EN: &str = r#"[reasons]
corrupt = "CPI {{ cpi }}, below {{ limit }}."
clean = "CPI {{ cpi }}."

[tests]
cpi_low = "CPI below {{ limit }}"
"#;
const CRITERIA: &str = r#"[[criterion]]
number = 7
title_de = "T"
title_en = "T"
script = "rule.rhai"

[criterion.parameters]
cpi_limit = { value = 30, origin = "project", rationale = "test fixture" }
"#;

/// Loads the rule set with one file's text replaced (`from` → `to`); the error, if any.
fn load_texts(name: &str, file: &str, from: &str, to: &str) -> Option<String> {
    let dir = common::TempDir::new(&format!("texts-{name}"));
    for (path, text) in [
        ("criteria.toml", CRITERIA),
        ("rule.rhai", RULE),
        ("rule.de.toml", TEXTS_DE),
        ("rule.en.toml", TEXTS_EN),
    ] {
        let text = if path == file {
            assert!(text.contains(from), "case {name}: {from:?} not in {path}");
            text.replacen(from, to, 1)
        } else {
            text.to_string()
        };
        std::fs::write(dir.path().join(path), text).unwrap();
    }
    standpunkt::RuleSet::load(dir.path(), common::catalog())
        .err()
        .map(|e| e.to_string())
}

#[test]
fn texts_are_checked_against_the_rule_at_load() {
    assert_eq!(load_texts("intact", "rule.rhai", "", ""), None);
    // (case, file, replace, with, what the error must say: file:line and the problem)
    let cases: &[(&str, &str, &str, &str, &[&str])] = &[
        ("missing-en", "rule.en.toml", "clean = \"CPI {{ cpi }}.\"\n", "", &["rule.rhai:6:1: reason key 'clean' has no text in ", "rule.en.toml"]),
        ("missing-test-de", "rule.de.toml", "cpi_low = \"CPI unter {{ limit }}\"\n", "", &["rule.rhai:3:1: test key 'cpi_low' has no text in ", "rule.de.toml"]),
        ("unused", "rule.de.toml", "[tests]\n", "spare = \"x\"\n\n[tests]\n", &["rule.de.toml:5:1: text 'spare' under [reasons] is not used by rule.rhai"]),
        ("placeholder", "rule.en.toml", "clean = \"CPI {{ cpi }}.\"", "clean = \"CPI {{ cpi }} ({{ year }}).\"", &["rule.en.toml:3:1: placeholder 'year' in 'clean' is not a value the rule passes with that key (rule.rhai:6 passes cpi)"]),
        ("test-placeholder", "rule.de.toml", "CPI unter {{ limit }}\"", "CPI unter {{ limit }} {{ cpi }}\"", &["rule.de.toml:6:1: placeholder 'cpi' in 'cpi_low'", "(rule.rhai:3 passes limit)"]),
        ("non-literal", "rule.rhai", "nicht_kritisch(\"clean\", #{cpi: cpi});", "let v = #{cpi: cpi};\nnicht_kritisch(\"clean\", v);", &["rule.rhai:7:1: the values of 'clean' in nicht_kritisch() must be a literal map", "write it as #{"]),
        ("sentence", "rule.rhai", "nicht_kritisch(\"clean\", #{cpi: cpi});", "nicht_kritisch(\"CPI sauber\", \"CPI clean\");", &["rule.rhai:6:1: nicht_kritisch() takes a text key and a values map, not the sentence — write the texts under [reasons] in rule.de.toml"]),
        ("non-literal-key", "rule.rhai", "test(\"cpi_low\",", "test(`cpi_${1}`,", &["rule.rhai:3:1: test() needs its text key as a string literal"]),
        ("syntax", "rule.de.toml", "unter {{ limit }}.\"", "unter {{ limit }.\"", &["rule.de.toml:2:1: template syntax error"]),
        ("section", "rule.en.toml", "[tests]", "[test]", &["rule.en.toml:5:1: unknown table [test]"]),
        ("malformed", "rule.en.toml", "clean = \"CPI", "clean = CPI", &["rule.en.toml:3:1: malformed texts"]),
    ];
    for (name, file, from, to, fragments) in cases {
        let err = load_texts(name, file, from, to).unwrap_or_else(|| panic!("case {name}: loads"));
        for fragment in *fragments {
            assert!(
                err.contains(fragment),
                "case {name}: {fragment:?} not in:\n{err}"
            );
        }
    }
}

#[test]
fn every_text_problem_is_reported_at_once() {
    let err = load_texts(
        "several",
        "rule.en.toml",
        "clean = \"CPI {{ cpi }}.\"\n",
        "spare = \"{{ x }\"\n",
    )
    .expect("fails");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert_eq!(lines[0], "3 problems in the rule set (no rule has run):");
    for fragment in [
        "rule.rhai:6:1: reason key 'clean'",
        "rule.en.toml:3:1: template syntax error",
        "rule.en.toml:3:1: text 'spare'",
    ] {
        assert!(err.contains(fragment), "{fragment:?} not in:\n{err}");
    }
}

/// The direct evaluator (rules/direct.rs) against Rhai on the corners of the language the
/// rules use: each case is a rule body ending in a conclusion, run on one synthetic CPI
/// value; the results (or the errors) must be the same, and the evaluator must take the
/// rule on (`translated`) or leave it to Rhai.
#[test]
fn direct_evaluation_equals_rhai_on_the_corners() {
    // (case, translated, rule body)
    #[rustfmt::skip]
    let cases: &[(&str, bool, &str)] = &[
        ("float-epsilon", true, r#"let x = value("cpi.score") * 1.0 - 0.00000000000001; nicht_kritisch("a", #{ge: x >= 39, eq: x == 39, lt: x < 39, gt: 39.0 > x, ne: x != 39.0})"#),
        ("int-float", true, r#"let x = value("cpi.score"); nicht_kritisch("a", #{sum: x + 0.5, diff: 1 - x, prod: x * 2, neg: -x, le: x <= 38.5})"#),
        ("non-ascii", true, r#"let s = "Côte d’Ivoire: Krieg"; nicht_kritisch("a", #{i: s.index_of("Krieg"), l: s.len(), sub: s.sub_string(2, 5), rest: s.sub_string(5), over: s.sub_string(30), zero: s.sub_string(1, 0), parts: s.split("’"), none: s.split("|"), miss: s.index_of("x")})"#),
        ("scope", true, r#"let x = 1; { let x = 2; x += 1; } let y = if x > 0 { "pos" } else { "neg" }; let z = if x > 5 { 1 }; nicht_kritisch("a", #{x: x, y: y, z: z})"#),
        ("loop-push", true, r#"let a = []; for item in ["1;a", "2;b", " 3 ;c"] { let p = item.split(";"); if parse_int(p[0]) >= 2 { a.push(p[1]); } } nicht_kritisch("a", #{a: a, n: a.len(), first: a[0]})"#),
        ("strings", true, r#"let s = "a"; s += "b"; let t = s + "c"; nicht_kritisch("a", #{t: t, eq: t == "abc", ne: t != "abc", b: true == !false})"#),
        ("short-circuit", true, r#"if known("fh.status") && value("fh.status") == "NF" { kritisch("a") } if known("cpi.score") || value("fh.status") == "F" { nicht_kritisch("a", #{edition: edition("cpi.score")}) } nicht_kritisch("a")"#),
        ("tally", true, r#"let t = tally(["treaty.att", "treaty.npt"]); test("t", #{yes: t.yes}, t.missing > 1); nicht_kritisch("a", #{yes: t.yes, missing: t.missing_ids})"#),
        ("tally-param", true, r#"let t = tally(param("ids")); let m = param("min"); test("t", #{yes: t.yes, min: m}, t.yes >= m); nicht_kritisch("a", #{t: t, no: tally(param("ids")).no_ids})"#),
        ("values-left-out", true, r#"let t = #{b: [1, 2]}; let n = 3; test("t", #{b: t.b, n: n, c: "x"}, n > 2); kritisch("a", #{b: t.b, n: n})"#),
        ("values-missing-property", true, r#"let t = #{b: 1}; test("t", #{c: t.c}, true); kritisch("a")"#),
        ("values-too-large", true, r#"let a = []; for x in [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] { for y in [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] { for z in [0, 0, 0, 0, 0, 0] { a.push(x); } } } nicht_kritisch("a", #{a: a, b: a})"#),
        ("values-read", true, r#"test("t", #{v: value("cpi.score"), e: edition("cpi.score"), y: year("cpi.score"), k: known("fh.status"), m: param("min")}, true); kritisch("a", #{e: edition("cpi.score"), n: note("cpi.score"), i: param("ids")})"#),
        ("values-read-found", true, r#"test("t", #{v: value("cpi.score"), k: known("fh.status"), m: param("min")}, true); kritisch("a", #{v: value("cpi.score"), n: note("cpi.score"), i: param("ids")})"#),
        ("values-read-missing", true, r#"test("t", #{k: known("fh.status"), v: value("fh.status")}, true); kritisch("a")"#),
        ("values-read-then-no-property", true, r#"let t = #{b: 1}; test("t", #{v: value("fh.status"), c: t.c}, true); kritisch("a")"#),
        ("values-no-property-then-read", true, r#"let t = #{b: 1}; kritisch("a", #{c: t.c, v: value("fh.status")})"#),
        ("read-twice", true, r#"let k = known("cpi.score"); let v = value("cpi.score"); let e = edition("cpi.score"); let y = year("cpi.score"); nicht_kritisch("a", #{k: k, v: v, e: e, y: y, n: note("cpi.score"), h: known("fh.status")})"#),
        ("missing-value", true, r#"let s = value("fh.status"); nicht_kritisch("a")"#),
        ("require", true, r#"require(["cpi.score", "fh.status", "pts.score"]); nicht_kritisch("a")"#),
        ("overflow", true, r#"let x = 9223372036854775807; x += 1; nicht_kritisch("a")"#),
        ("negative-index", true, r#"let a = [1, 2, 3]; nicht_kritisch("a", #{v: a[-1]})"#),
        ("index-past-end", true, r#"let a = [1, 2, 3]; nicht_kritisch("a", #{v: a[3]})"#),
        ("no-property", true, r#"let t = #{b: 1}; nicht_kritisch("a", #{v: t.c})"#),
        ("not-a-boolean", true, r#"let c = value("cpi.score"); if c { kritisch("a") } nicht_kritisch("a")"#),
        ("mixed-equality", true, r#"nicht_kritisch("a", #{v: "1" == 1, w: () == ()})"#),
        ("bad-parse", true, r#"nicht_kritisch("a", #{v: parse_int("x")})"#),
        ("operations", true, r#"let n = 0; let a = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]; for x in a { for y in a { for z in a { for w in a { for v in a { n += 1; } } } } } nicht_kritisch("a", #{n: n})"#),
        ("array-size", true, r#"let a = []; let s = [0, 0, 0, 0, 0, 0]; for x in s { for y in s { for z in s { for w in s { a.push(x); } } } } nicht_kritisch("a", #{n: a.len()})"#),
        ("update-mixed", true, r#"let x = 1; x += 0.5; let y = 2.5; y -= 1; let s = "a"; s += "b"; nicht_kritisch("a", #{x: x, y: y, s: s})"#),
        ("constant", false, r#"const a = []; a.push(1); nicht_kritisch("a", #{n: a.len()})"#),
        ("while", false, r#"let n = 0; while n < 3 { n += 1; } nicht_kritisch("a", #{n: n})"#),
        ("function", false, r#"fn twice(x) { x * 2 } nicht_kritisch("a", #{n: twice(2)})"#),
        ("template", false, r#"let n = 2; nicht_kritisch("a", #{s: `n = ${n}`})"#),
    ];
    let facts = Arc::new(
        Facts::parse(
            std::path::Path::new("cpi-39.toml"),
            &std::fs::read_to_string(common::repo("fixtures/broken/cpi-39.toml")).unwrap(),
            &common::catalog(),
        )
        .unwrap(),
    );
    for (name, translated, body) in cases {
        let dir = common::TempDir::new(&format!("direct-{name}"));
        let tests = match body.contains("test(\"t\"") {
            true => "\n[tests]\nt = \"T\"\n",
            false => "",
        };
        let parameters = match body.contains("param(") {
            true => "[criterion.parameters]\nids = { value = [\"treaty.att\", \"treaty.npt\", \"treaty.bwc\"], origin = \"project\", rationale = \"synthetic, for this test\" }\nmin = { value = 2, origin = \"project\", rationale = \"synthetic, for this test\" }\n",
            false => "",
        };
        for (path, text) in [
            ("criteria.toml", format!("[[criterion]]\nnumber = 9\ntitle_de = \"T\"\ntitle_en = \"T\"\nscript = \"rule.rhai\"\n{parameters}")),
            ("rule.rhai", format!("{body};\n")),
            ("rule.de.toml", format!("[reasons]\na = \"A\"\n{tests}")),
            ("rule.en.toml", format!("[reasons]\na = \"A\"\n{tests}")),
        ] {
            std::fs::write(dir.path().join(path), text).unwrap();
        }
        let direct = standpunkt::RuleSet::load(dir.path(), common::catalog())
            .unwrap_or_else(|e| panic!("case {name}: {e}"));
        assert_eq!(
            direct.run_directly() == [9],
            *translated,
            "case {name}: translated"
        );
        let rhai = standpunkt::RuleSet::load(dir.path(), common::catalog())
            .unwrap()
            .rhai_only();
        let (a, b) = (
            direct.evaluate(&direct.criteria[0], &facts),
            rhai.evaluate(&rhai.criteria[0], &facts),
        );
        // The rating alone (check's monotonicity steps): the same rating, or an error.
        match (direct.rating(&direct.criteria[0], &facts), &b) {
            (Ok(rating), Ok(b)) => assert_eq!(rating, b.rating, "case {name}: rating alone"),
            (Err(a), Err(b)) => {
                assert_eq!(a.to_string(), b.to_string(), "case {name}: rating alone")
            }
            (a, b) => panic!(
                "case {name}: rating alone {a:?}, Rhai {:?}",
                b.as_ref().map(|r| r.rating)
            ),
        }
        match (a, b) {
            (Ok(a), Ok(b)) => assert_eq!(
                common::result_json(&a),
                common::result_json(&b),
                "case {name}"
            ),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "case {name}"),
            (a, b) => panic!(
                "case {name}: direct {:?}, Rhai {:?}",
                a.map(|r| r.rating),
                b.map(|r| r.rating)
            ),
        }
    }
}

/// A monotonicity step (`RuleSet::stepping`) runs once, for all steps of an indicator, the
/// statements before the first that may read it, and goes on from there. Every step must
/// rate as the same rule on a copy of the facts with the one fact replaced: for a rule
/// that reads the stepped indicator in a list (`require`), where the facts lack it; late,
/// after a loop; and after the rule has ended.
#[test]
fn stepping_reruns_what_a_rule_may_read() {
    // (case, stepped indicator, rule body); the facts hold cpi.score alone.
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str)] = &[
        ("require-missing", "fh.total", r#"require(["fh.total"]); if value("fh.total") < 50 { kritisch("a") } nicht_kritisch("a")"#),
        ("require", "cpi.score", r#"require(["cpi.score", "fh.total"]); nicht_kritisch("a")"#),
        ("late", "cpi.score", r#"let a = []; for x in ["1", "2"] { a.push(x); } if known("cpi.score") && value("cpi.score") < 50 { kritisch("a") } nicht_kritisch("a")"#),
        ("ended-before", "cpi.score", r#"let a = 1; if a > 0 { kritisch("a") } if value("cpi.score") < 50 { kritisch("a") } nicht_kritisch("a")"#),
    ];
    let catalog = common::catalog();
    let facts = Arc::new(
        Facts::parse(
            std::path::Path::new("cpi-39.toml"),
            &std::fs::read_to_string(common::repo("fixtures/broken/cpi-39.toml")).unwrap(),
            &catalog,
        )
        .unwrap(),
    );
    for (name, id, body) in cases {
        let steps = standpunkt::audit::check::steps(catalog.get(id).unwrap()).unwrap();
        let dir = common::TempDir::new(&format!("stepping-{name}"));
        for (path, text) in [
            ("criteria.toml", "[[criterion]]\nnumber = 9\ntitle_de = \"T\"\ntitle_en = \"T\"\nscript = \"rule.rhai\"\n".to_string()),
            ("rule.rhai", format!("{body};\n")),
            ("rule.de.toml", "[reasons]\na = \"A\"\n".to_string()),
            ("rule.en.toml", "[reasons]\na = \"A\"\n".to_string()),
        ] {
            std::fs::write(dir.path().join(path), text).unwrap();
        }
        let rules = standpunkt::RuleSet::load(dir.path(), common::catalog()).unwrap();
        assert_eq!(rules.run_directly(), [9], "case {name}: translated");
        let criterion = &rules.criteria[0];
        let mut stepping = rules.stepping(criterion, &facts);
        let mut ratings = BTreeSet::new();
        for value in &steps {
            let (fact, copy) = common::step(&facts, 2024, id, value);
            let expected = rules.evaluate(criterion, &copy).unwrap().rating;
            assert_eq!(
                stepping.rating(id, fact).unwrap(),
                expected,
                "case {name}, {id} = {value}"
            );
            ratings.insert(format!("{expected:?}"));
        }
        // The cases that read the stepped value turn on it.
        let turns = matches!(*name, "require-missing" | "late");
        assert_eq!(
            ratings.len(),
            if turns { 2 } else { 1 },
            "case {name}: {ratings:?}"
        );
    }
}

/// A reason that mentions other countries (criterion 4's neighbours and each one's
/// conflicts, the land neighbours of a calm country, a cross-border conflict's other
/// country) names them in the output's language; a rule set that was given no registry
/// shows their codes rather than nothing.
#[test]
fn reasons_name_other_countries_in_the_output_language() {
    let dir = common::TempDir::new("neighbours-min-2");
    common::copy_dir(&common::repo("rules"), dir.path());
    let criteria = dir.path().join("criteria.toml");
    let toml = std::fs::read_to_string(&criteria).unwrap();
    let two = toml.replace(
        "neighbours_min = { value = 1,",
        "neighbours_min = { value = 2,",
    );
    assert_ne!(toml, two, "criteria.toml sets neighbours_min");
    std::fs::write(&criteria, two).unwrap();
    let two = dir.path().to_str().unwrap();
    let cases: [(&[&str], &str); 8] = [
        (
            &["assess", "KAZ", "--as-of", "2024"],
            "Nachbarstaaten sind Partei bewaffneter Konflikte (Russland: UCDP 13243 (",
        ),
        (
            &["--lang", "en", "assess", "KAZ", "--as-of", "2024"],
            "neighbouring countries are parties to armed conflicts (Russia: UCDP 13243 (",
        ),
        (
            &["--lang", "en", "explain", "BGD", "4", "--as-of", "2024"],
            "vs Kashmir insurgents); Myanmar: UCDP 221 (",
        ),
        (&["assess", "COL", "--as-of", "2024"], "auch in Venezuela)"),
        (
            &["--lang", "en", "explain", "BIH", "4", "--as-of", "2024"],
            "no neighbouring country in an armed conflict (neighbours: Croatia, Montenegro and Serbia);",
        ),
        (
            &["explain", "ISL", "4", "--as-of", "2024"],
            "kein Nachbarstaat in einem bewaffneten Konflikt (keine Landgrenzen);",
        ),
        // One neighbour at war is below a threshold of two: the calm reason says so.
        (
            &["--rules", two, "explain", "KAZ", "4", "--as-of", "2024"],
            "weniger als 2 Nachbarstaaten in bewaffneten Konflikten (Nachbarstaaten: China, Kirgisistan, Russland, Turkmenistan und Usbekistan; in einem Konflikt: Russland);",
        ),
        (
            &["--rules", two, "--lang", "en", "explain", "KAZ", "4", "--as-of", "2024"],
            "fewer than 2 neighbouring countries in armed conflicts (neighbours: China, Kyrgyzstan, Russia, Turkmenistan and Uzbekistan; in a conflict: Russia);",
        ),
    ];
    for (args, expected) in cases {
        let (code, out, err) = common::standpunkt(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            out.contains(expected),
            "{args:?}: {expected:?} not in\n{out}"
        );
    }
    let (store, registry) = common::store();
    let kaz = |rules: &standpunkt::RuleSet| {
        let facts = store.facts("KAZ", 2024, &rules.catalog);
        rules.assess(Arc::new(facts)).unwrap().criteria[3].reason(Lang::De)
    };
    let unnamed = standpunkt::RuleSet::load(&common::repo("rules"), common::catalog()).unwrap();
    let codes = kaz(&unnamed);
    assert!(codes.contains("Konflikte (RUS: UCDP 13243 ("), "{codes}");
    let named = standpunkt::RuleSet::load(&common::repo("rules"), common::catalog()).unwrap();
    named.name_countries(&registry);
    let names = kaz(&named);
    assert!(
        names.contains("Konflikte (Russland: UCDP 13243 ("),
        "{names}"
    );
    // Named after a first wording: the same reason then has the names (the cache keeps
    // the two apart).
    let late = standpunkt::RuleSet::load(&common::repo("rules"), common::catalog()).unwrap();
    assert_eq!(kaz(&late), codes);
    late.name_countries(&registry);
    assert_eq!(kaz(&late), names);
}

/// A reason does not claim what missing data cannot show: as of 2026 the coup and
/// non-state data are past their age limits, so criterion 4's calm reason says they are
/// missing instead of "no coup in the last 5 years"; as of 2025 it says there was none.
#[test]
fn a_calm_reason_claims_nothing_the_data_lacks() {
    // (args, in the reason, not in the reason)
    let cases: [(&[&str], &str, &str); 3] = [
        (
            &["explain", "BIH", "4", "--as-of", "2026"],
            "Putschdaten fehlen für dieses Jahr: ein Putsch in den letzten 5 Jahren ist nicht ausgeschlossen.",
            "kein Putsch",
        ),
        (
            &["--lang", "en", "explain", "BIH", "4", "--as-of", "2026"],
            "whether armed groups fight across the country's borders is unchecked. Coup data is missing",
            "no coup",
        ),
        (
            &["--lang", "en", "explain", "BIH", "4", "--as-of", "2025"],
            "(neighbours: Croatia, Montenegro and Serbia); no coup in the last 5 years.",
            "missing",
        ),
    ];
    for (args, shown, absent) in cases {
        let (code, out, err) = common::standpunkt(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let reason = out.lines().nth(2).unwrap_or_default();
        assert!(
            reason.contains(shown),
            "{args:?}: {shown:?} not in {reason}"
        );
        assert!(!reason.contains(absent), "{args:?}: {absent:?} in {reason}");
    }
}
