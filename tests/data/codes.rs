//! The Gleditsch–Ward and Correlates-of-War tables: the states where the schemes differ,
//! every ISO code a registry country, and agreement with the published files they come from.

use crate::common;
use crate::import_common;
use import_common::without_raw;
use standpunkt::model::codes::{correlates_of_war, gleditsch_ward, Table};
use std::path::PathBuf;

/// (state, GW code, its ISO code, COW code, its ISO code).
type Case = (
    &'static str,
    u32,
    Option<&'static str>,
    u32,
    Option<&'static str>,
);

fn iso(table: &Table, code: u32) -> Option<&str> {
    table.get(code).and_then(|s| s.iso3.as_deref())
}

#[test]
fn states_where_the_schemes_differ() {
    let (gw, cow) = (gleditsch_ward(), correlates_of_war());
    // (state, GW code → ISO, COW code → ISO); None = a former state / no such code.
    #[rustfmt::skip]
    let cases: &[Case] = &[
        ("Germany",                260, Some("DEU"), 255, Some("DEU")),
        ("Germany: GW has no 255", 255, None,        255, Some("DEU")),
        ("Serbia (GW from 2006)",  340, Some("SRB"), 345, Some("SRB")),
        ("Serbia (Yugoslavia)",    345, Some("SRB"), 345, Some("SRB")),
        ("Yemen",                  678, Some("YEM"), 679, Some("YEM")),
        ("Yemen Arab Republic",    679, None,        678, None),
        ("South Yemen",            680, None,        680, None),
        ("Vietnam",                816, Some("VNM"), 816, Some("VNM")),
        ("South Vietnam",          817, None,        817, None),
        ("Kiribati",               970, Some("KIR"), 946, Some("KIR")),
        ("Nauru",                  971, Some("NRU"), 970, Some("NRU")),
        ("Tonga",                  972, Some("TON"), 955, Some("TON")),
        ("Tuvalu",                 973, Some("TUV"), 947, Some("TUV")),
        ("Kosovo",                 347, Some("XKX"), 347, Some("XKX")),
        ("Russia",                 365, Some("RUS"), 365, Some("RUS")),
        ("Kazakhstan",             705, Some("KAZ"), 705, Some("KAZ")),
        ("German Dem. Republic",   265, None,        265, None),
    ];
    for (state, g, g_iso, c, c_iso) in cases {
        assert_eq!(iso(gw, *g), *g_iso, "{state}: GW {g}");
        assert_eq!(iso(cow, *c), *c_iso, "{state}: COW {c}");
    }
    assert!(gw.lookup("999").unwrap_err().contains("gleditsch-ward.csv"));
    assert!(gw.lookup("x").is_err());
}

#[test]
fn every_iso_code_is_a_registry_country() {
    let (_, registry) = common::store();
    for table in [gleditsch_ward(), correlates_of_war()] {
        for state in table.iter() {
            if let Some(iso3) = &state.iso3 {
                assert!(
                    registry.get(iso3).is_some(),
                    "{} {}: {iso3}",
                    table.scheme,
                    state.code
                );
            }
        }
    }
    assert!(gleditsch_ward().iter().count() > 190);
    assert!(correlates_of_war().iter().count() > 190);
}

fn raw(rel: &str) -> PathBuf {
    common::repo("../shared/data/raw").join(rel)
}

fn records(rel: &str, delimiter: u8) -> Vec<csv::StringRecord> {
    let bytes = std::fs::read(raw(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let text: String = match String::from_utf8(bytes.clone()) {
        Ok(t) => t,
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    let text = text.trim_start_matches('\u{feff}').to_string();
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn cow_table_agrees_with_troopdata() {
    if without_raw() {
        return;
    }
    let cow = correlates_of_war();
    let mut checked = 0;
    for r in records("us-troops/troopdata-rebuild-country-year.csv", b',') {
        let code: u32 = r[2].parse().unwrap();
        if code >= 1000 || code == 6 || &r[3] == "NA" {
            continue;
        }
        assert_eq!(
            iso(cow, code),
            Some(&r[3]),
            "troopdata {} ccode {code}",
            &r[0]
        );
        checked += 1;
    }
    assert!(checked > 10_000);
}

#[test]
fn gw_table_agrees_with_ucdp_and_powell_thyne() {
    if without_raw() {
        return;
    }
    let (_, registry) = common::store();
    let gw = gleditsch_ward();
    // UCDP: a single government actor with its gwnoa.
    for r in records("ucdp-onesided/OneSided_v25_1.DERIVED-from-rds.csv", b',') {
        if &r[11] != "1" || r[14].contains(',') || r[14].is_empty() {
            continue;
        }
        let name = r[4].strip_prefix("Government of ").unwrap();
        let want = registry.resolve(name).ok().map(|c| c.iso3.as_str());
        let code: u32 = r[14].parse().unwrap();
        assert_eq!(iso(gw, code), want, "UCDP {name} gwnoa {code}");
    }
    // Powell & Thyne's panel: every code is in the GW table, under the state it names.
    let mut seen = std::collections::BTreeSet::new();
    for r in records("coups-powell-thyne/powell_thyne_ccode_year.txt", b'\t') {
        if !seen.insert((r[0].to_string(), r[2].to_string())) {
            continue;
        }
        let code: u32 = r[0].parse().unwrap();
        let state = gw
            .get(code)
            .unwrap_or_else(|| panic!("P&T {code} {}", &r[2]));
        if let Ok(country) = registry.resolve(&r[2]) {
            assert_eq!(
                state.iso3.as_deref(),
                Some(country.iso3.as_str()),
                "P&T {code} {}",
                &r[2]
            );
        }
    }
}
