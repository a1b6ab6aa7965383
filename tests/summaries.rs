//! The summaries (text matrix, overview page, JSON summary) show per country how many
//! criteria could not be rated; a country without "kritisch" but with too many gaps is
//! "unvollständig", not "keine"; the class counts are disjoint and add up.

mod common;
use standpunkt::assess::batch;
use standpunkt::model::assessment::MapClass;
use standpunkt::{Lang, Rating};

fn all_2025() -> (standpunkt::RuleSet, Vec<standpunkt::Assessment>) {
    let rules = common::rules();
    let (store, registry) = common::store();
    let all = batch::assess_all(&rules, &store, &registry, &store.countries(), &[2025]).unwrap();
    (rules, all)
}

#[test]
fn countries_with_many_gaps_are_incomplete_not_none() {
    let (rules, all) = all_2025();
    let max = rules
        .max_not_assessable
        .expect("criteria.toml sets [summary] max_not_assessable");
    for a in &all {
        let gaps = a.count(Rating::NichtBewertbar);
        let expected = match a.count(Rating::Kritisch) {
            0 if gaps > max => MapClass::Incomplete,
            0 => MapClass::None,
            1..=3 => MapClass::LightRed,
            _ => MapClass::DarkRed,
        };
        assert_eq!(a.map_class(), expected, "{}", a.iso3);
    }
    // Taiwan, Hong Kong, Puerto Rico and Kosovo: no treaty data (territories), so 3 or 4
    // of 8 criteria not assessable and no "kritisch".
    for iso3 in ["TWN", "HKG", "PRI", "XKX"] {
        let a = all.iter().find(|a| a.iso3 == iso3).unwrap();
        assert!(a.count(Rating::NichtBewertbar) > max, "{iso3}");
        assert_eq!(a.map_class(), MapClass::Incomplete, "{iso3}");
        assert_eq!(
            a.to_json(standpunkt::Lang::De)["summary"]["map_class"],
            "incomplete",
            "{iso3}"
        );
    }
}

#[test]
fn the_matrix_shows_gaps_and_disjoint_class_counts() {
    let (_, all) = all_2025();
    let text = standpunkt::present::render::matrix(&all, Lang::De);
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(") ") && l.contains('('))
        .collect();
    let rows: Vec<&str> = rows
        .into_iter()
        .filter(|l| !l.starts_with("Stand") && !l.contains(" Länder: "))
        .collect();
    assert_eq!(rows.len(), all.len());
    let mut per_class = std::collections::BTreeMap::new();
    for row in &rows {
        let fields: Vec<&str> = row.split_whitespace().collect();
        let class = *fields.last().unwrap();
        let gaps: usize = fields[fields.len() - 2].parse().unwrap();
        let letters = fields.iter().filter(|f| **f == "?").count();
        assert_eq!(gaps, letters, "{row}");
        *per_class.entry(class).or_insert(0usize) += 1;
    }
    let summary = text.lines().find(|l| l.contains(" Länder: ")).unwrap();
    for (class, label) in [
        ("dunkelrot", "dunkelrot (≥ 4 kritisch) "),
        ("hellrot", "hellrot (1–3 kritisch) "),
        ("-", "keine (0 kritisch, ≤ 2 nicht bewertbar) "),
        (
            "unvollständig",
            "unvollständig (0 kritisch, > 2 nicht bewertbar) ",
        ),
    ] {
        let n = per_class.get(class).copied().unwrap_or(0);
        assert!(
            summary.contains(&format!("{label}{n}")),
            "{class} {n}: {summary}"
        );
    }
    assert_eq!(per_class.values().sum::<usize>(), all.len());
    assert!(text.contains("kritisch  n. bew.  Klasse"), "column header");
}

#[test]
fn the_overview_page_shows_gaps_and_disjoint_class_counts() {
    let (rules, all) = all_2025();
    let (store, registry) = common::store();
    let report = standpunkt::present::report::Report {
        rules: &rules,
        store: &store,
        registry: &registry,
        rules_hash: "test".into(),
        lang: Lang::De,
        year: 2025,
    };
    let current: Vec<&standpunkt::Assessment> = all.iter().collect();
    let html = report.overview_page(&current).unwrap();
    for a in &all {
        let row_start = html
            .find(&format!("<tr class=\"country\" data-iso3=\"{}\"", a.iso3))
            .unwrap();
        let row = &html[row_start..row_start + html[row_start..].find("</tr>").unwrap()];
        let gaps = a.count(Rating::NichtBewertbar);
        assert!(
            row.contains(&format!("data-not-assessable=\"{gaps}\"")),
            "{}",
            a.iso3
        );
    }
    for (key, class) in [
        ("dark_red", MapClass::DarkRed),
        ("light_red", MapClass::LightRed),
        ("none", MapClass::None),
        ("incomplete", MapClass::Incomplete),
    ] {
        let n = all.iter().filter(|a| a.map_class() == class).count();
        let rows = html
            .matches(&format!("<td class=\"c-{key}\" data-class=\"{key}\">"))
            .count();
        assert_eq!(rows, n, "{key}");
        assert!(
            html.contains(&format!("data-class-count=\"{key}\">{n}<")),
            "{key} {n}"
        );
    }
    assert!(html.contains("hellrot (1–3 kritisch)") && !html.contains("≥ 1 kritisch"));
}

/// What loading gives: no limit, a limit, or an error containing every fragment.
type Expected = Option<Result<usize, &'static [&'static str]>>;

#[test]
fn the_gap_limit_is_a_parameter_with_a_rationale() {
    // The summary starts on line 7 of the criteria.toml written below; a problem names
    // its entry's line, and every problem is reported at once, a rule's among them.
    let cases: [(&str, &str, Expected); 6] = [
        ("", "", None),
        ("[summary]\nmax_not_assessable = { value = 3, origin = \"project\", rationale = \"test\" }\n", "", Some(Ok(3))),
        ("[summary]\nmax_not_assessable = { value = 3, origin = \"project\", rationale = \" \" }\n", "", Some(Err(&["criteria.toml:8:22: summary parameter 'max_not_assessable' has no rationale"]))),
        ("[summary]\nmax_not_assessable = { value = -1, origin = \"project\", rationale = \"x\" }\n", "", Some(Err(&["criteria.toml:8:22: summary parameter 'max_not_assessable' must be a whole number"]))),
        ("[summary]\nmax_gaps = { value = 3, origin = \"project\", rationale = \"x\" }\n", "", Some(Err(&["criteria.toml:8:12: unknown summary parameter 'max_gaps'"]))),
        (
            "[summary]\nmax_gaps = { value = 3, origin = \"project\", rationale = \"x\" }\n",
            "nicht_kritisch(\"a\"",
            Some(Err(&["2 problems", "criteria.toml:8:12: unknown summary parameter", "rule.rhai:1:", "syntax error"])),
        ),
    ];
    for (i, (summary, rule, expected)) in cases.into_iter().enumerate() {
        let dir = common::TempDir::new(&format!("summary-{i}"));
        std::fs::write(
            dir.path().join("criteria.toml"),
            format!("[[criterion]]\nnumber = 9\ntitle_de = \"T\"\ntitle_en = \"T\"\nscript = \"rule.rhai\"\n\n{summary}"),
        )
        .unwrap();
        let rule = if rule.is_empty() {
            "nicht_kritisch(\"a\");"
        } else {
            rule
        };
        std::fs::write(dir.path().join("rule.rhai"), rule).unwrap();
        for lang in ["de", "en"] {
            std::fs::write(
                dir.path().join(format!("rule.{lang}.toml")),
                "[reasons]\na = \"A\"\n",
            )
            .unwrap();
        }
        let loaded = standpunkt::RuleSet::load(dir.path(), common::catalog());
        match expected {
            None => assert_eq!(loaded.unwrap().max_not_assessable, None, "case {i}"),
            Some(Ok(n)) => assert_eq!(loaded.unwrap().max_not_assessable, Some(n), "case {i}"),
            Some(Err(fragments)) => {
                let err = loaded.err().expect("refused").to_string();
                for fragment in fragments {
                    assert!(
                        err.contains(fragment),
                        "case {i}: {fragment:?} not in {err}"
                    );
                }
            }
        }
    }
}
