//! What if: hypothetical values change ratings as the rules say, are marked as
//! hypothetical everywhere, and bad values are one-line errors with exit code 2.

mod common;

use common::{fails_with, standpunkt};

use standpunkt::audit::whatif::{self, Override};
use standpunkt::model::trace::Step;
use standpunkt::model::value::Value;
use standpunkt::{Lang, Rating};

fn kaz(overrides: &[Override]) -> whatif::WhatIf {
    let rules = common::rules();
    let (store, registry) = common::store();
    whatif::assess(&rules, &store, &registry, "KAZ", 2025, overrides).unwrap()
}

#[test]
fn cpi_20_makes_criterion_7_kritisch() {
    let w = kaz(&[Override::set("cpi.score", Value::Integer(20))]);
    assert_eq!(w.real.criteria[6].rating, Rating::MoeglicherweiseKritisch);
    assert_eq!(w.rating(7), Some(Rating::Kritisch));
    assert_eq!(w.changed(), [7]);
    // The other criteria are as they were.
    for (r, h) in w.pairs().filter(|(r, _)| r.number != 7) {
        assert_eq!(r.rating, h.rating, "criterion {}", r.number);
    }
    // The real assessment is the plain one.
    let rules = common::rules();
    let (store, registry) = common::store();
    let plain = standpunkt::assess::batch::assess(&rules, &store, &registry, "KAZ", 2025).unwrap();
    for lang in [Lang::De, Lang::En] {
        assert_eq!(w.real.to_json(lang), plain.to_json(lang));
    }
}

#[test]
fn hypothetical_values_are_marked_in_the_trace() {
    let w = kaz(&[Override::set("cpi.score", Value::Integer(20))]);
    let read = |a: &standpunkt::Assessment| {
        a.criteria[6]
            .trace
            .iter()
            .find_map(|s| match s {
                Step::Read {
                    indicator, fact, ..
                } if &**indicator == "cpi.score" => Some(fact.clone()),
                _ => None,
            })
            .unwrap()
    };
    let hypothetical = read(&w.hypothetical);
    assert_eq!(hypothetical.value, Value::Integer(20));
    assert_eq!(&*hypothetical.source, whatif::SOURCE);
    assert_eq!(&*hypothetical.source, "hypothetical (whatif)");
    assert_eq!(
        hypothetical.note.as_deref(),
        Some("real value: 40 (CPI 2024, 2024)")
    );
    // The real value keeps its year, so look-back windows see the same year.
    assert_eq!(hypothetical.year, Some(2024));
    let real = read(&w.real);
    assert_eq!(real.value, Value::Integer(40));
    assert_ne!(&*real.source, whatif::SOURCE);
    // The reason cites the hypothetical value as such.
    let reason = w.hypothetical.criteria[6].reason(Lang::De);
    assert!(reason.contains("whatif: 20/100"), "{reason}");
    // An indicator without a real value says so.
    let w = kaz(&[Override::set("pts.score", Value::Integer(5))]);
    let facts = whatif::apply(
        &common::store()
            .0
            .facts("KAZ", 2025, &common::rules().catalog),
        &[Override::set("treaty.hcoc", Value::Bool(true))],
    );
    assert_eq!(
        facts.values["treaty.hcoc"].note.as_deref(),
        Some("no real value")
    );
    assert_eq!(w.overrides.len(), 1);
}

#[test]
fn missing_makes_a_criterion_nicht_bewertbar() {
    // Criterion 7 without the CPI reads the WGI's Control of Corruption instead
    // (Kazakhstan 2023: -0.27, below 0.2: still "möglicherweise kritisch"); without both
    // it cannot be rated.
    let w = kaz(&[Override::remove("cpi.score")]);
    assert_eq!(w.rating(7), Some(Rating::MoeglicherweiseKritisch));
    let w = kaz(&[Override::remove("cpi.score"), Override::remove("wgi.cc")]);
    let c7 = &w.hypothetical.criteria[6];
    assert_eq!(c7.rating, Rating::NichtBewertbar);
    assert_eq!(c7.missing, ["cpi.score", "wgi.cc"]);
    assert_eq!(w.changed(), [7]);
    // Criterion 8 reads gmi.rank first: without it and with the HDI ≥ 0.8 it is still
    // "nicht kritisch" — a gap is only "nicht bewertbar" where the rule needs it.
    let w = kaz(&[Override::remove("gmi.rank")]);
    assert_eq!(w.rating(8), Some(Rating::NichtKritisch));
    // Without the GMI rank and with a lower HDI, the fallback decides from SIPRI's share
    // (Kazakhstan: well under 2 % of GDP); without that too, the criterion is not assessable.
    let w = kaz(&[
        Override::remove("gmi.rank"),
        Override::set("hdi.value", Value::Number(0.7)),
    ]);
    assert_eq!(w.rating(8), Some(Rating::NichtKritisch));
    let w = kaz(&[
        Override::remove("gmi.rank"),
        Override::remove("milex.gdp_pct"),
        Override::set("hdi.value", Value::Number(0.7)),
    ]);
    assert_eq!(w.rating(8), Some(Rating::NichtBewertbar));
    assert_eq!(
        w.hypothetical.criteria[7].missing,
        ["gmi.rank", "milex.gdp_pct"]
    );
}

/// Criterion 4 names each neighbour in conflict with its conflicts
/// (`conflict.neighbour_conflicts`) only where every neighbour listed has them; a list
/// set alone, or conflicts for other countries, leave the neighbours named alone.
#[test]
fn neighbours_are_named_with_their_conflicts_only_where_all_have_them() {
    let rules = common::rules();
    let set = |text: &str| whatif::parse_set(&rules.catalog, text).unwrap();
    let conflicts = "(Russland: UCDP 13243 (Russia (Soviet Union), Ukraine: Government of Russia (Soviet Union) gegen Government of Ukraine), UCDP 13588";
    for (sets, named) in [
        (vec![], conflicts),
        (vec!["conflict.neighbours=RUS"], conflicts),
        (
            vec!["conflict.neighbours=RUS, KGZ"],
            "(Russland und Kirgisistan):",
        ),
        (vec!["conflict.neighbour_conflicts=missing"], "(Russland):"),
        (
            vec!["conflict.neighbour_conflicts=KGZ;UCDP 1"],
            "(Russland):",
        ),
    ] {
        let w = kaz(&sets.iter().map(|s| set(s)).collect::<Vec<_>>());
        let c4 = &w.hypothetical.criteria[3];
        assert_eq!(c4.reason.key.as_str(), "neighbours", "{sets:?}");
        let text = c4.reason(Lang::De);
        assert!(text.contains(named), "{sets:?}: {text}");
    }
}

#[test]
fn lists_booleans_and_categories() {
    let rules = common::rules();
    let set = |text: &str| whatif::parse_set(&rules.catalog, text).unwrap();
    // Criterion 4: Russia, a neighbour at war, makes it möglicherweise kritisch.
    assert_eq!(
        kaz(&[set("conflict.neighbours=")]).rating(4),
        Some(Rating::NichtKritisch)
    );
    assert_eq!(
        kaz(&[set("conflict.neighbours=RUS, KGZ")]).rating(4),
        Some(Rating::MoeglicherweiseKritisch)
    );
    assert_eq!(
        set("conflict.neighbours=RUS, KGZ").value,
        Some(Value::List(vec!["RUS".into(), "KGZ".into()]))
    );
    assert_eq!(
        kaz(&[set("embargo.un=full")]).rating(1),
        Some(Rating::Kritisch)
    );
    assert_eq!(
        kaz(&[set("judgment.emergency_lethal_force=false")]).rating(3),
        Some(Rating::NichtKritisch)
    );
    assert_eq!(set("hdi.value=0.5").value, Some(Value::Number(0.5)));
    assert_eq!(set("pts.score=missing").value, None);
    // A later override of the same indicator wins.
    let w = kaz(&[set("cpi.score=20"), set("cpi.score=45")]);
    assert_eq!(w.rating(7), Some(Rating::MoeglicherweiseKritisch));
    assert_eq!(w.overrides.len(), 1);
    assert_eq!(w.overrides[0].value, Some(Value::Integer(45)));
}

#[test]
fn cli_text_marks_changes_and_hypothetical_values() {
    let (code, out, err) = standpunkt(&["whatif", "KAZ", "--set", "cpi.score=20"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("hypothetical (whatif)"), "{out}");
    assert!(
        out.contains("[cpi.score] = 20   (real: 40 (CPI 2024; 2024;"),
        "{out}"
    );
    let row = out
        .lines()
        .find(|l| l.starts_with("7. Unerlaubte Wiederausfuhr "))
        .unwrap();
    assert!(
        row.contains("| möglicherweise kritisch | kritisch"),
        "{row}"
    );
    assert!(row.ends_with("← geändert"), "{row}");
    let row8 = out.lines().find(|l| l.starts_with("8. ")).unwrap();
    assert!(!row8.contains("geändert"), "{row8}");
    assert!(
        out.contains("[cpi.score] = 20 (hypothetisch; real: 40 (CPI 2024, 2024))"),
        "{out}"
    );
    let (code, out, _) = standpunkt(&["whatif", "KAZ", "--set", "cpi.score=20", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(out.contains("← changed"), "{out}");
}

#[test]
fn cli_json_has_both_assessments_and_the_overrides() {
    let (code, out, err) = standpunkt(&[
        "whatif",
        "KAZ",
        "--as-of",
        "2025",
        "--set",
        "cpi.score=20",
        "--set",
        "treaty.hcoc=true",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["schema"], whatif::SCHEMA);
    assert_eq!(json["changed"], serde_json::json!([7]));
    assert_eq!(
        json["real"]["criteria"][6]["rating"],
        "moeglicherweise_kritisch"
    );
    assert_eq!(json["hypothetical"]["criteria"][6]["rating"], "kritisch");
    let overrides = json["overrides"].as_array().unwrap();
    assert_eq!(overrides.len(), 2);
    assert_eq!(overrides[0]["indicator"], "cpi.score");
    assert_eq!(overrides[0]["value"], 20);
    assert_eq!(overrides[0]["real"]["value"], 40);
    assert_eq!(overrides[1]["indicator"], "treaty.hcoc");
    assert!(overrides[1]["real"].is_null());
}

#[test]
fn cli_from_file() {
    let dir = std::env::temp_dir().join(format!("standpunkt-whatif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("overrides.toml");
    std::fs::write(
        &good,
        "[values]\n\"cpi.score\" = 55\n\"judgment.diversion_risk\" = false\n\"pts.score\" = \"missing\"\n",
    )
    .unwrap();
    let good = good.to_str().unwrap();
    let (code, out, err) = standpunkt(&["whatif", "KAZ", "--from", good, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["hypothetical"]["criteria"][6]["rating"],
        "nicht_kritisch"
    );
    // --set wins over --from.
    let (code, out, _) = standpunkt(&[
        "whatif",
        "KAZ",
        "--from",
        good,
        "--set",
        "cpi.score=20",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["hypothetical"]["criteria"][6]["rating"], "kritisch");

    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[values]\n\"cpi.score\" = 139\n").unwrap();
    fails_with(
        &["whatif", "KAZ", "--from", bad.to_str().unwrap()],
        &["bad.toml", "'cpi.score' = 139 is out of range (0 to 100)"],
    );
    std::fs::write(&bad, "[values]\n\"cpi.score\" = \"high\"\n").unwrap();
    fails_with(
        &["whatif", "KAZ", "--from", bad.to_str().unwrap()],
        &["bad.toml", "'cpi.score' expects a whole number"],
    );
    std::fs::write(&bad, "[values\n").unwrap();
    fails_with(
        &["whatif", "KAZ", "--from", bad.to_str().unwrap()],
        &["bad.toml:1:", "malformed TOML"],
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_values_are_errors_with_exit_code_2() {
    fails_with(
        &["whatif", "KAZ", "--set", "cpi.score=139"],
        &["--set", "'cpi.score' = 139 is out of range (0 to 100)"],
    );
    fails_with(
        &["whatif", "KAZ", "--set", "cpi.scor=20"],
        &["unknown indicator 'cpi.scor'", "did you mean 'cpi.score'?"],
    );
    fails_with(
        &["whatif", "KAZ", "--set", "cpi.score=high"],
        &["'cpi.score' expects a whole number (0 to 100), found 'high'"],
    );
    fails_with(
        &["whatif", "KAZ", "--set", "cpi.score=39.5"],
        &["'cpi.score' expects a whole number"],
    );
    fails_with(
        &["whatif", "KAZ", "--set", "treaty.att=yes"],
        &["'treaty.att' expects true or false, found 'yes'"],
    );
    fails_with(
        &["whatif", "KAZ", "--set", "fh.status=XX"],
        &["'fh.status' = XX is out of range (allowed: F, PF, NF)"],
    );
    fails_with(
        &["whatif", "KAZ", "--set", "hdi.value=NaN"],
        &["'hdi.value' expects a number"],
    );
    fails_with(
        &["whatif", "KAZ", "--set", "cpi.score"],
        &["not of the form ID=VALUE"],
    );
    fails_with(&["whatif", "KAZ"], &["--set ID=VALUE"]);
    fails_with(
        &["whatif", "Kasachstn", "--set", "cpi.score=20"],
        &["did you mean Kasachstan (KAZ)?"],
    );
}
