//! Every country an importer reads from the real files resolves in the registry,
//! except the aggregates, former states and sub-national territories listed here
//! (the import step lets users name these as ignorable).
use crate::import_common;
use import_common::*;
use standpunkt::data::import::{cpi, freedomhouse, gmi, hdi, pts, sipri, wgi, who, Observation};
use standpunkt::model::countries::Registry;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

fn registry() -> Registry {
    Registry::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("indicators/countries.csv")).unwrap()
}

/// Checks that every name resolves except `ignorable`, and that no two names of one
/// source resolve to the same country for the same indicator and year.
fn check(obs: Vec<Observation>, ignorable: &[&str]) {
    let registry = registry();
    let mut resolved = HashMap::new();
    for o in &obs {
        resolved
            .entry(o.country.as_str())
            .or_insert_with(|| registry.resolve(&o.country).ok());
    }
    let unresolved: BTreeSet<&str> = resolved
        .iter()
        .filter(|(_, c)| c.is_none())
        .map(|(n, _)| *n)
        .collect();
    let mut seen = HashMap::new();
    for o in &obs {
        if let Some(c) = resolved[o.country.as_str()] {
            let key = (c.iso3.clone(), o.indicator.clone(), o.year);
            if let Some(other) = seen.insert(key, o.country.clone()) {
                assert_eq!(
                    other, o.country,
                    "two names for {} {} {}",
                    c.iso3, o.indicator, o.year
                );
            }
        }
    }
    assert_eq!(unresolved.into_iter().collect::<Vec<_>>(), ignorable);
}

#[test]
fn freedomhouse_names() {
    if without_raw() {
        return;
    }
    // Disputed and sub-national territories Freedom House rates separately.
    let obs = freedomhouse::read(&raw("freedomhouse/All_data_FIW_2013-2024.xlsx")).unwrap();
    check(
        obs,
        &[
            "Abkhazia",
            "Crimea",
            "Eastern Donbas",
            "Gaza Strip",
            "Indian Kashmir",
            "Nagorno-Karabakh",
            "Northern Cyprus",
            "Pakistani Kashmir",
            "Somaliland",
            "South Ossetia",
            "Tibet",
            "Transnistria",
            "West Bank",
        ],
    );
}

#[test]
fn cpi_codes() {
    if without_raw() {
        return;
    }
    check(cpi::read(&raw("ti-cpi/TI_CPI2023.csv")).unwrap(), &[]);
    check(
        cpi::read(&raw(
            "ti-cpi/owid_ti-corruption-perception-index_2012-2024.csv",
        ))
        .unwrap(),
        &[],
    );
}

#[test]
fn hdi_codes() {
    if without_raw() {
        return;
    }
    // UNDP's aggregates: development groups, regions, world.
    let obs = hdi::read(&raw(
        "undp-hdi/HDR23-24_Composite_indices_complete_time_series.csv",
    ))
    .unwrap();
    check(
        obs,
        &[
            "ZZA.VHHD",
            "ZZB.HHD",
            "ZZC.MHD",
            "ZZD.LHD",
            "ZZE.AS",
            "ZZF.EAP",
            "ZZG.ECA",
            "ZZH.LAC",
            "ZZI.SA",
            "ZZJ.SSA",
            "ZZK.WORLD",
        ],
    );
}

#[test]
fn gmi_who_codes() {
    if without_raw() {
        return;
    }
    check(
        gmi::read(&raw("bicc-gmi/gmi_1990_2022_extracted.csv")).unwrap(),
        &[],
    );
    check(
        who::read(&raw("who-ghed/data/GHED_GGHE-DGDP_SHA2011.csv")).unwrap(),
        &[],
    );
}

#[test]
fn sipri_names() {
    if without_raw() {
        return;
    }
    check(
        sipri::read(&raw("sipri-milex/SIPRI-Milex-data-1949-2024_2.xlsx")).unwrap(),
        &["European Union"],
    );
}

#[test]
fn wgi_codes() {
    if without_raw() {
        return;
    }
    // Netherlands Antilles, dissolved in 2010.
    check(wgi::read(&raw("wb-wgi/wgidataset.csv")).unwrap(), &["ANT"]);
}

#[test]
fn pts_codes_and_names() {
    if without_raw() {
        return;
    }
    let obs = pts::read(&raw("pts/PTS-2024.csv")).unwrap();
    check(
        obs,
        &[
            "Crimea",
            "Czechoslovakia",
            "European Union",
            "Gaza (Hamas)",
            "German Democratic Republic",
            "German Federal Republic",
            "Israel in Occupied Territories",
            "Israel in pre-1967 borders",
            "Russia-Occupied Areas (Ukraine)",
            "Somaliland",
            "Soviet Union",
            "Yemen Arab Republic",
            "Yemen People's Republic",
            "Yugoslavia, Federal Republic of",
            "Yugoslavia, Socialist Federal Republic of",
        ],
    );
}

/// The derived long files already carry an ISO3 code beside the source's name: the
/// registry must resolve the name to the same code.
#[test]
fn names_in_derived_files_resolve_to_their_iso3() {
    if without_raw() {
        return;
    }
    let registry = registry();
    let files = [
        (
            "treaties-untc-2015/untc2015_long.csv",
            "participant_in_source",
        ),
        ("treaties-wikipedia-2016/lists_long.csv", "name_in_source"),
        ("export-regimes/export_regimes_long.csv", "name_in_source"),
        ("treaties-untc-2026/untc_all_long.csv", "iso2"),
    ];
    let mut wrong = Vec::new();
    for (file, name_col) in files {
        let mut reader = csv::Reader::from_path(raw(file)).unwrap();
        let headers = reader.headers().unwrap().clone();
        let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
        let (name, iso3) = (col(name_col), col("iso3"));
        for record in reader.records() {
            let record = record.unwrap();
            let (name, iso3) = (&record[name], &record[iso3]);
            if iso3.is_empty() {
                continue; // European Union, European Commission
            }
            match registry.resolve(name) {
                Ok(c) if c.iso3 == iso3 => {}
                other => wrong.push(format!(
                    "{file}: {name} -> {:?}, file says {iso3}",
                    other.map(|c| &c.iso3)
                )),
            }
        }
    }
    assert_eq!(wrong, Vec::<String>::new());
}
