//! The shipped data and code tables, one test binary: the code tables against the sources
//! (`codes`), every source's countries in the registry (`countries_cover_sources`), the
//! 2025 editions as published (`editions_2025`), and one real case per input of criteria
//! 1, 5, 8 (`shipped_troops_embargoes`), 6, 7 (`treaty_data`) and 2–4
//! (`violence_real_data`). One binary, because they share their setup (the shipped store,
//! the raw files in ../shared); the per-country snapshots stay in `tests/shipped_data.rs`.

#[path = "../common/mod.rs"]
mod common;
#[path = "../import_common/mod.rs"]
mod import_common;

/// One real case: criterion `number` of `iso3` as of `year` on the shipped data has
/// `rating`, and its reason holds every German fragment in German and every English one
/// in English. The table-driven real-case tests of this binary all check this.
fn assert_case(
    rules: &standpunkt::RuleSet,
    (store, registry): &(
        standpunkt::data::store::Store,
        standpunkt::model::countries::Registry,
    ),
    (iso3, year, number, rating): (&str, i32, usize, standpunkt::Rating),
    de: &[&str],
    en: &[&str],
) {
    use standpunkt::Lang;
    let a = standpunkt::assess::batch::assess(rules, store, registry, iso3, year).unwrap();
    let c = &a.criteria[number - 1];
    assert_eq!(
        c.rating,
        rating,
        "{iso3} {year} C{number}: {}",
        c.reason(Lang::De)
    );
    for (lang, fragments) in [(Lang::De, de), (Lang::En, en)] {
        for f in fragments {
            assert!(
                c.reason(lang).contains(f),
                "{iso3} {year} C{number}: '{f}' not in {}",
                c.reason(lang)
            );
        }
    }
}

mod codes;
mod countries_cover_sources;
mod editions_2025;
mod shipped_troops_embargoes;
mod snapshot;
mod treaty_data;
mod violence_real_data;

/// Facts asked for under a catalog other than the store's hold what both declare and
/// leave out what that catalog lacks (a fact map has a slot only for its own catalog's
/// indicators), instead of failing.
#[test]
fn facts_under_a_smaller_catalog_leave_out_what_it_lacks() {
    let (store, _) = common::store();
    let full = common::catalog();
    // The shipped catalog cut to its first two indicators (fh.status, fh.total).
    let text = std::fs::read_to_string(common::repo("indicators/catalog.toml")).unwrap();
    let blocks: Vec<&str> = text.split("[[indicator]]").collect();
    let tmp = common::TempDir::new("smaller-catalog");
    let path = tmp.path().join("catalog.toml");
    std::fs::write(&path, blocks[..3].join("[[indicator]]")).unwrap();
    let small = standpunkt::Catalog::load(&path).unwrap();
    assert_eq!(small.len(), 2);
    let (all, cut) = (
        store.facts("KAZ", 2024, &full),
        store.facts("KAZ", 2024, &small),
    );
    assert!(
        all.values.len() > 2,
        "KAZ 2024 has more facts than the cut catalog"
    );
    let kept: Vec<&str> = cut.values.keys().map(|k| &**k).collect();
    assert_eq!(kept, ["fh.status", "fh.total"]);
    for id in kept {
        assert_eq!(cut.values[id], all.values[id], "{id}");
    }
}
