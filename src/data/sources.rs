//! The sources standpunkt can import: where each comes from, its terms, the shipped
//! raw file, and which importer reads it.

use crate::data::import::{self, ImportError, Observation};
use crate::data::importer::{Census, Fill, SourceSpec};
use crate::model::value::Value;
use std::collections::BTreeMap;
use std::path::Path;

type Read = std::result::Result<Vec<Observation>, ImportError>;

/// UCDP conflict indicators from 1990 on: earlier years lie outside every assessment's
/// reach, and their states (North and South Vietnam, the two Yemens) do not map
/// one-to-one onto today's countries.
fn ucdp(path: &Path) -> Read {
    let mut out = import::ucdp::read(path)?;
    out.retain(|o| o.year >= UCDP_FROM);
    Ok(out)
}

const UCDP_FROM: i32 = 1990;

/// Countries the 2016 participant lists name although they were only signatories (or had
/// withdrawn), per the file's SOURCE notes: they get no "party" value.
const NOT_PARTIES_2016: &[(&str, &str)] = &[
    ("treaty.bwc", "EGY"),
    ("treaty.bwc", "SYR"),
    ("treaty.bwc", "HTI"),
    ("treaty.bwc", "SOM"),
    ("treaty.cwc", "ISR"),
    ("treaty.npt", "PRK"),
];

/// The 2016 lists: certain "not a party" values, and "party" for every listed country
/// except the known signatories — marked by its own edition label, since the lists do
/// not separate parties from signatories.
fn wikipedia2016(path: &Path) -> Read {
    let mut out = import::treaties_wikipedia2016::read(path)?;
    for listed in import::treaties_wikipedia2016::listed(path)? {
        if NOT_PARTIES_2016
            .iter()
            .any(|(id, c)| *id == listed.indicator && *c == listed.country)
        {
            continue;
        }
        out.push(Observation {
            country: listed.country.clone(),
            indicator: listed.indicator.clone(),
            year: import::treaties_wikipedia2016::YEAR,
            published: import::treaties_wikipedia2016::YEAR,
            edition: "Wikipedia 2016 (Teilnehmerliste)".into(),
            value: Value::Bool(true),
            row: listed.row,
        });
        // The Geneva Conventions were universal from 2006: each state listed in 2016 was
        // a party since then, except those the 2006 count did not include.
        if listed.indicator == "treaty.geneva_iv"
            && !GENEVA_AFTER_2006.contains(&listed.country.as_str())
        {
            for year in GENEVA_UNIVERSAL..import::treaties_wikipedia2016::YEAR {
                out.push(Observation {
                    country: listed.country.clone(),
                    indicator: listed.indicator.clone(),
                    year,
                    published: year,
                    edition: GENEVA_EDITION.into(),
                    value: Value::Bool(true),
                    row: listed.row,
                });
            }
        }
    }
    Ok(out)
}

/// "Nauru acceded to the four Geneva Conventions on 27 June and Montenegro on 2 August,
/// bringing the number of States party to these instruments to 194": the 1949
/// conventions achieved universal acceptance in 2006 (ICRC News Release 06/96,
/// 21 August 2006, https://www.icrc.org/en/doc/resources/documents/news-release/2009-and-earlier/geneva-conventions-news-210806.htm).
const GENEVA_UNIVERSAL: i32 = 2006;
const GENEVA_EDITION: &str = "ICRC 2006 (universal acceptance)";
/// States on the 2016 list the 2006 count of 194 (the UN members then and the Holy See,
/// ICRC) may not include: South Sudan (independent 2011), Palestine, the Cook Islands.
const GENEVA_AFTER_2006: &[&str] = &["SSD", "PSE", "COK"];

/// Land borders as one list per country. The neighbours are listed by the registry's
/// ISO code: mledoze writes Kosovo as "UNK", the registry as XKX (with UNK a variant
/// of it), and a list entry is not resolved by the shared step as a row's country is.
fn borders(path: &Path) -> Read {
    let mut neighbours: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (a, b) in import::borders::read(path)? {
        let b = BORDER_CODES
            .iter()
            .find(|(code, _)| *code == b)
            .map_or(b, |(_, iso3)| iso3.to_string());
        neighbours.entry(a).or_default().push(b);
    }
    Ok(neighbours
        .into_iter()
        .map(|(country, mut list)| {
            list.sort();
            list.dedup();
            Observation {
                country,
                indicator: "geo.neighbours".into(),
                year: BORDERS_YEAR,
                published: BORDERS_YEAR,
                edition: BORDERS_EDITION.into(),
                value: Value::List(list),
                row: 0,
            }
        })
        .collect())
}

/// mledoze's codes that are not the registry's ISO code.
const BORDER_CODES: &[(&str, &str)] = &[("UNK", "XKX")];
const BORDERS_YEAR: i32 = 2026;
const BORDERS_EDITION: &str = "mledoze/countries 2026";

/// US personnel from 1990 on, as the conflict data: earlier years lie outside every
/// assessment's reach, and their states (the two Germanys, Yugoslavia) are not today's.
fn us_troops(path: &Path) -> Read {
    let mut out = import::us_troops::read(path)?;
    out.retain(|o| o.year >= UCDP_FROM);
    Ok(out)
}

/// SIPRI's spending shares plus `milex.trend_5y`, the change in percentage points of GDP
/// against five years before (criterion 8's fallback where the GMI has no rank).
fn sipri(path: &Path) -> Read {
    let mut out = import::sipri::read(path)?;
    let share: BTreeMap<(String, i32), f64> = out
        .iter()
        .filter_map(|o| o.value.as_f64().map(|x| ((o.country.clone(), o.year), x)))
        .collect();
    let trends: Vec<Observation> = out
        .iter()
        .filter_map(|o| {
            let before = share.get(&(o.country.clone(), o.year - 5))?;
            let now = o.value.as_f64()?;
            Some(Observation {
                indicator: "milex.trend_5y".into(),
                value: Value::Number(((now - before) * 1000.0).round() / 1000.0),
                ..o.clone()
            })
        })
        .collect();
    out.extend(trends);
    Ok(out)
}

const FH_TERRITORIES: &[&str] = &[
    "Abkhazia",
    "Chechnya",
    "Crimea",
    "Eastern Donbas",
    "Gaza Strip",
    "Indian Kashmir",
    "Israeli-Occupied Territories",
    "Kurdistan",
    "Nagorno-Karabakh",
    "Northern Cyprus",
    "Northern Ireland",
    "Pakistani Kashmir",
    "Russian-Occupied Territories of Ukraine",
    "Palestinian Authority-Administered Territories",
    "Somaliland",
    "South Ossetia",
    "Tibet",
    "Transnistria",
    "West Bank",
    "West Papua",
];

/// States of the coup lists that no longer exist and have no registry successor.
const COUP_FORMER_STATES: &[&str] = &[
    "German Democratic Republic",
    "Czechoslovakia",
    "Yemen Arab Republic",
    "Yemen Arab Republic; N. Yemen",
    "Yemen People's Republic",
    "Yemen, People's Republic of",
    "Yemen People's Republic; S. Yemen",
    "Republic of Vietnam",
    "South Vietnam",
    "Zanzibar",
];

/// Every source standpunkt can import, with its raw file and importer.
pub const SOURCES: &[SourceSpec] = &[
    SourceSpec {
        name: "freedomhouse",
        publisher: "Freedom House",
        dataset: "Freedom in the World",
        url: "https://freedomhouse.org/report/freedom-world",
        licence: "Freedom House terms of use; attribution required (not an open licence)",
        attribution: "Freedom House, Freedom in the World 2013–2025, all data (All_data_FIW_2013-2025.xlsx)",
        raw: "freedomhouse/All_data_FIW_2013-2025.xlsx",
        read: import::freedomhouse::read,
        aggregates: FH_TERRITORIES,
        fill: None,
        accumulate: false,
        series_lag: None,
        precedence: 0,
    },
    SourceSpec {
        name: "cpi",
        publisher: "Transparency International",
        dataset: "Corruption Perceptions Index, results table",
        url: "https://www.transparency.org/en/cpi",
        licence: "Transparency International terms; attribution required, licence for redistribution to be cleared",
        attribution: "Transparency International, Corruption Perceptions Index (CC BY-ND 4.0 per TI for the index data)",
        raw: "ti-cpi/CPI2025_Results.xlsx",
        read: import::cpi::read_results,
        aggregates: &[],
        fill: None,
        accumulate: true,
        series_lag: None,
        precedence: 1,
    },
    SourceSpec {
        name: "cpi-series",
        publisher: "Transparency International",
        dataset: "Corruption Perceptions Index 2012–2025, score time series (CPI 2025 results workbook)",
        url: "https://www.transparency.org/en/cpi",
        licence: "Transparency International terms (CC BY-ND 4.0 per TI for the index data)",
        attribution: "Transparency International, Corruption Perceptions Index 2025, sheet 'CPI Timeseries 2012 - 2025' (CPI2025_Results.xlsx)",
        raw: "ti-cpi/CPI2025_Results.xlsx",
        read: import::cpi::read_series,
        aggregates: &[],
        fill: None,
        accumulate: false,
        series_lag: None,
        precedence: 0,
    },
    SourceSpec {
        name: "hdi",
        publisher: "UNDP",
        dataset: "Human Development Report, composite indices time series",
        url: "https://hdr.undp.org/data-center/documentation-and-downloads",
        licence: "CC BY 3.0 IGO",
        attribution: "UNDP, Human Development Report (the report the editions name: 2023/2024 for HDR 2023/24), composite indices complete time series",
        raw: "undp-hdi/HDR23-24_Composite_indices_complete_time_series.csv",
        read: import::hdi::read,
        aggregates: &[
            "ZZA.VHHD", "ZZB.HHD", "ZZC.MHD", "ZZD.LHD", "ZZE.AS", "ZZF.EAP", "ZZG.ECA",
            "ZZH.LAC", "ZZI.SA", "ZZJ.SSA", "ZZK.WORLD",
        ],
        fill: None,
        accumulate: false,
        series_lag: Some(2),
        precedence: 0,
    },
    SourceSpec {
        name: "gmi",
        publisher: "BICC",
        dataset: "Global Militarisation Index",
        url: "https://gmi.bicc.de",
        licence: "BICC terms unknown; to be cleared with BICC before a release",
        attribution: "BICC, Global Militarisation Index 2023 (data 1990–2022)",
        raw: "bicc-gmi/gmi_1990_2022_extracted.csv",
        read: import::gmi::read,
        aggregates: &[],
        fill: None,
        accumulate: false,
        series_lag: Some(1),
        precedence: 0,
    },
    SourceSpec {
        name: "sipri",
        publisher: "SIPRI",
        dataset: "Military Expenditure Database, share of GDP",
        url: "https://www.sipri.org/databases/milex",
        licence: "SIPRI terms: free use with citation",
        attribution: "SIPRI Military Expenditure Database, April 2025",
        raw: "sipri-milex/SIPRI-Milex-data-1949-2024_2.xlsx",
        read: sipri,
        aggregates: &[
            "Africa", "North Africa", "sub-Saharan Africa", "Americas", "Central America and the Caribbean",
            "North America", "South America", "Asia & Oceania", "Central Asia", "East Asia", "Oceania",
            "South Asia", "South East Asia", "Europe", "Central Europe", "Eastern Europe",
            "Western Europe", "Middle East", "European Union",
        ],
        fill: None,
        accumulate: false,
        series_lag: Some(1),
        precedence: 0,
    },
    SourceSpec {
        name: "who",
        publisher: "WHO",
        dataset: "Global Health Expenditure Database, domestic general government health expenditure % of GDP",
        url: "https://apps.who.int/nha/database",
        licence: "WHO terms (typically CC BY-NC-SA 3.0 IGO); to be checked",
        attribution: "World Health Organization, Global Health Expenditure Database",
        raw: "who-ghed/data/GHED_GGHE-DGDP_SHA2011.csv",
        read: import::who::read,
        aggregates: &[],
        fill: None,
        accumulate: false,
        series_lag: Some(2),
        precedence: 0,
    },
    SourceSpec {
        name: "wgi",
        publisher: "World Bank",
        dataset: "Worldwide Governance Indicators",
        url: "https://www.worldbank.org/en/publication/worldwide-governance-indicators",
        licence: "CC BY 4.0",
        attribution: "World Bank, Worldwide Governance Indicators, the update the editions name",
        raw: "wb-wgi/wgidataset.csv",
        read: import::wgi::read,
        aggregates: &["ANT"],
        fill: None,
        accumulate: false,
        series_lag: Some(1),
        precedence: 0,
    },
    SourceSpec {
        name: "pts",
        publisher: "Political Terror Scale project",
        dataset: "Political Terror Scale",
        url: "https://www.politicalterrorscale.org",
        licence: "free to use with citation",
        attribution: "Gibney, Mark, et al., The Political Terror Scale, politicalterrorscale.org, the release the editions name (PTS 2025: The Political Terror Scale 1976–2024)",
        raw: "pts/PTS-2025.xlsx",
        read: import::pts::read,
        aggregates: &[
            "Crimea", "Czechoslovakia", "European Union", "Gaza (Hamas)", "German Democratic Republic",
            "German Federal Republic", "Israel in Occupied Territories", "Israel in pre-1967 borders",
            "Russia-Occupied Areas (Ukraine)", "Somaliland", "Soviet Union", "Yemen Arab Republic",
            "Yemen People's Republic", "Yugoslavia", "Yugoslavia, Federal Republic of",
            "Yugoslavia, Socialist Federal Republic of",
        ],
        fill: None,
        accumulate: false,
        series_lag: Some(1),
        precedence: 0,
    },
    SourceSpec {
        name: "fsi",
        publisher: "The Fund for Peace",
        dataset: "Fragile States Index 2006–2023 (as compiled in IOM's gdidata package)",
        url: "https://fragilestatesindex.org",
        licence: "FFP terms: attribution required, commercial use restricted; to be cleared with FFP before a release (the gdidata package's MIT licence covers the package, not the data)",
        attribution: "The Fund for Peace, Fragile States Index 2006–2023; compiled by IOM Global Data Institute, R package gdidata 0.3.21 (object fsi)",
        raw: "fsi-fundforpeace/fsi.DERIVED-from-rda.csv",
        read: import::fsi::read,
        aggregates: &[],
        fill: None,
        accumulate: false,
        series_lag: None,
        precedence: 0,
    },
    SourceSpec {
        name: "ucdp",
        publisher: "UCDP / PRIO",
        dataset: "UCDP/PRIO Armed Conflict Dataset",
        url: "https://ucdp.uu.se/downloads/",
        licence: "CC BY 4.0",
        attribution: "Gleditsch et al. (2002) Armed Conflict 1946–2001, Journal of Peace Research; UCDP/PRIO Armed Conflict Dataset, the release the editions name; and the release's annual article in the Journal of Peace Research (release 25.1: Davies, Shawn, et al. (2025) Organized violence 1989–2024)",
        raw: "ucdp/UcdpPrioConflict_v25_1.csv",
        read: ucdp,
        aggregates: &["Hyderabad", "Czechoslovakia", "South Yemen", "2008"],
        fill: Some(Fill {
            values: &[
                ("conflict.internal", "none"),
                ("conflict.internal_years_5y", "0"),
                ("conflict.interstate", "false"),
                ("conflict.interstate_10y", "false"),
                ("conflict.active", "false"),
                ("conflict.list", ""),
            ],
            census: Census::Release { from: 2000, lag: import::release::UCDP_LAG },
            meaning: "UCDP/PRIO records every armed conflict with 25 or more battle deaths in a year: a country-year it does not list had none (filled for {years}).",
        }),
        accumulate: false,
        series_lag: Some(1),
        precedence: 0,
    },
    SourceSpec {
        name: "ucdp-onesided",
        publisher: "Uppsala Conflict Data Program (UCDP)",
        dataset: "UCDP One-sided Violence Dataset",
        url: "https://ucdp.uu.se/downloads/",
        licence: "CC BY 4.0 (UCDP's download page; not stated in the codebook)",
        attribution: "Eck & Hultman (2007), One-sided violence against civilians in war, JPR 44(2); the release's annual article in JPR (release 25.1: Davies, Pettersson, Sollenberg & Öberg (2025), Organized violence 1989–2024, JPR 62(4)); UCDP One-sided Violence Dataset, the release the editions name",
        raw: "ucdp-onesided/OneSided_v25_1.DERIVED-from-rds.csv",
        read: import::ucdp_onesided::read,
        aggregates: &[],
        fill: Some(Fill {
            values: &[("violence.osv_gov_deaths", "0"), ("violence.osv_gov_events", "")],
            census: Census::Release { from: 1989, lag: import::release::UCDP_LAG },
            meaning: "UCDP lists every actor-year with 25 or more civilians deliberately killed: a country-year it does not list had fewer than 25 killed by the government (filled for {years} with 0 deaths and no events).",
        }),
        accumulate: false,
        series_lag: Some(1),
        precedence: 0,
    },
    SourceSpec {
        name: "ucdp-nonstate",
        publisher: "Uppsala Conflict Data Program (UCDP)",
        dataset: "UCDP Non-State Conflict Dataset",
        url: "https://ucdp.uu.se/downloads/",
        licence: "CC BY 4.0 (UCDP's download page; not stated in the file)",
        attribution: "Sundberg, Eck & Kreutz (2012), Introducing the UCDP Non-State Conflict Dataset, JPR 49(2); the release's annual article in JPR (release 23.1: Davies, Pettersson & Öberg (2023), Organized violence 1989–2022, JPR 60(4)); UCDP Non-State Conflict Dataset, the release the editions name",
        raw: "ucdp-nonstate/Nonstate_v23_1.csv",
        read: import::ucdp_nonstate::read,
        aggregates: &[],
        fill: Some(Fill {
            values: &[
                ("nonstate.deaths", "0"),
                ("nonstate.conflicts", ""),
                ("nonstate.years_5y", "0"),
                ("nonstate.cross_border", ""),
            ],
            census: Census::Release { from: 1989, lag: import::release::UCDP_LAG },
            meaning: "UCDP lists every non-state dyad with 25 or more battle deaths in a year: a country-year it does not list had none (filled for {years}).",
        }),
        accumulate: false,
        series_lag: Some(1),
        precedence: 0,
    },
    SourceSpec {
        name: "coups-colpus",
        publisher: "John J. Chin, David B. Carter, Joseph G. Wright",
        dataset: "Colpus coup dataset 1.1 (1946–2022)",
        url: "https://www.johnjchin.com/colpus",
        licence: "no licence stated; academic dataset, cite Chin, Carter & Wright (2021); to be cleared before a release",
        attribution: "Chin, J. J., D. B. Carter and J. G. Wright (2021), The Varieties of Coups D'état: Introducing the Colpus Dataset, International Studies Quarterly",
        raw: "coups-colpus/Master_Coup List_all countries_basic.xlsx",
        read: import::coups::read_colpus,
        aggregates: COUP_FORMER_STATES,
        fill: Some(Fill {
            values: &[("coup.events", ""), ("coup.count_20y", "0")],
            census: Census::Fixed {
                years: import::coups::COLPUS_YEARS,
                published: import::coups::COLPUS_PUBLISHED,
                edition: import::coups::COLPUS_EDITION,
            },
            meaning: "Colpus lists every coup attempt since 1946: a country without one up to a year had none (filled for {years}).",
        }),
        accumulate: false,
        series_lag: Some(1),
        precedence: 1,
    },
    SourceSpec {
        name: "coups-powell-thyne",
        publisher: "Jonathan Powell & Clayton Thyne",
        dataset: "Global Instances of Coups from 1950 to Present",
        url: "https://www.jonathanmpowell.com/coup-detat-dataset.html",
        licence: "no licence stated; academic dataset, cite Powell & Thyne (2011); to be cleared before a release",
        attribution: "Powell, J. M. and C. L. Thyne (2011), Global instances of coups from 1950 to 2010: A new dataset, Journal of Peace Research 48(2)",
        raw: "coups-powell-thyne/powell_thyne_coups_final.txt",
        read: import::coups::read_powell_thyne,
        aggregates: COUP_FORMER_STATES,
        fill: Some(Fill {
            values: &[("coup.events", ""), ("coup.count_20y", "0")],
            census: Census::Release { from: 1990, lag: import::release::POWELL_THYNE_LAG },
            meaning: "Powell & Thyne list every coup attempt since 1950: a country without one up to a year had none (filled for {years}).",
        }),
        accumulate: false,
        series_lag: Some(1),
        precedence: 0,
    },
    SourceSpec {
        name: "sanctions",
        publisher: "Global Sanctions Data Base (Felbermayr, Kirilakha, Syropoulos, Yalcin, Yotov)",
        dataset: "GSDB release 3: arms embargoes by the UN, EU and OSCE",
        url: "https://www.globalsanctionsdatabase.com",
        licence: "released for research with citation; terms to be checked before a release",
        attribution: "Felbermayr, G., A. Kirilakha, C. Syropoulos, E. Yalcin and Y. V. Yotov (2020), The Global Sanctions Data Base, European Economic Review",
        raw: "gsdb-sanctions/GSDB_V3.csv",
        read: import::sanctions::read,
        aggregates: &[
            "United Nations", "UN", "European Union", "EU", "EEC", "OSCE", "CSCE", "NATO", "African Union",
            "ECOWAS", "SADC", "OAS", "OIC", "CoCom", "Western countries", "Balkans", "Western Balkans",
            "Czechoslovakia", "German Democratic Republic", "FRY", "North Vietnam", "Soviet Union", "Yugoslavia",
        ],
        fill: Some(Fill {
            values: &[("embargo.un", "none"), ("embargo.eu", "none"), ("embargo.osce", "none")],
            census: Census::Fixed {
                years: 2000..=2022,
                published: import::sanctions::PUBLISHED,
                edition: import::sanctions::EDITION,
            },
            meaning: "The data base lists every sanction case to 2022: a country-year without a UN, EU or OSCE arms embargo case had none (filled for {years}). It does not tell embargoes on non-state actors from those on the state: the scope comes from the cited table src/data/import/embargo_scope.toml, and an embargo it does not cover counts as 'full'.",
        }),
        accumulate: false,
        series_lag: Some(1),
        precedence: 0,
    },
    SourceSpec {
        name: "embargoes-2024",
        publisher: "Inspektionen för strategiska produkter (ISP), published by Svenska Freds- och Skiljedomsföreningen",
        dataset: "UN, EU and OSCE arms embargoes in force on 2024-03-20",
        url: "https://www.svenskafreds.se/kampanj/vilka-lander-finns-det-internationella-vapenembargon-mot/",
        licence: "no licence stated; the facts are public embargo decisions",
        attribution: "Svenska Freds- och Skiljedomsföreningen, 'Vilka länder finns det internationella vapenembargon mot?' (updated 2024-03-20), after the Swedish Inspectorate of Strategic Products (ISP)",
        raw: "embargoes-list-2024/embargo_list_se_isp_2024-03-20.csv",
        read: import::embargoes2024::read,
        aggregates: &[],
        fill: Some(Fill {
            values: &[("embargo.un", "none"), ("embargo.eu", "none"), ("embargo.osce", "none")],
            census: Census::Fixed {
                years: 2024..=2024,
                published: import::embargoes2024::YEAR,
                edition: import::embargoes2024::EDITION,
            },
            meaning: "The list names every UN, EU and OSCE arms embargo in force on 2024-03-20: a country it does not name had none (filled for {years}). The scope of each embargo comes from the cited table src/data/import/embargo_scope.toml.",
        }),
        accumulate: false,
        series_lag: None,
        precedence: 0,
    },
    SourceSpec {
        name: "un-peacekeeping",
        publisher: "Geo-PKO project, Department of Peace and Conflict Research, Uppsala University",
        dataset: "Geocoded Peacekeeping Operations (Geo-PKO) v2.3, dashboard extract (deployments per mission, year and location)",
        url: "https://github.com/geopko/Geo-PKO-Shiny-Dashboard",
        licence: "no data licence stated (repository GPL-2.0 for the app); cite, and re-verify terms with the publisher before a release",
        attribution: "Cil, D., Fjelde, H., Hultman, L. and Nilsson, D. (2020), Mapping blue helmets: Introducing the Geocoded Peacekeeping Operations (Geo-PKO) dataset, Journal of Peace Research 57(2)",
        raw: "un-peacekeeping-geopko/FrontMap_v.2.3.csv",
        read: import::geopko::read,
        aggregates: &[],
        fill: Some(Fill {
            values: &[("troops.un", "0"), ("troops.un_missions", "")],
            census: Census::Fixed {
                years: 2000..=2024,
                published: import::geopko::PUBLISHED,
                edition: import::geopko::EDITION,
            },
            meaning: "Geo-PKO maps every deployment of the UN peacekeeping missions that publish deployment maps: a country-year without a row had no mapped UN peacekeepers (filled for {years}). UN political missions and non-UN forces are not in it.",
        }),
        accumulate: false,
        series_lag: Some(1),
        precedence: 0,
    },
    SourceSpec {
        name: "us-troops",
        publisher: "Michael E. Flynn, troopdata (from DoD/DMDC personnel reports)",
        dataset: "troopdata rebuild, US military personnel per host country and report (1950–2025)",
        url: "https://github.com/meflynn/troopdata",
        licence: "package GPL (>= 3); the DMDC reports are US government works; cite",
        attribution: "Allen, M. A., Flynn, M. E. and Martinez Machain, C. (2021), Global U.S. military deployment data: 1950–2020, Conflict Management and Peace Science; Kane, T. (2006), Global U.S. Troop Deployment 1950–2005, Heritage Foundation; troopdata rebuild by M. Flynn",
        raw: "us-troops/troopdata-rebuild-country-year-quarter-format.csv",
        read: us_troops,
        aggregates: &[
            "Antarctica", "Diego Garcia", "Netherlands Antilles", "Yugoslavia", "German Democratic Republic",
            "Czechoslovakia", "Abkhazia", "Yemen People's Republic", "St. Helena",
        ],
        fill: Some(Fill {
            values: &[("troops.us", "0")],
            census: Census::Fixed {
                years: 2000..=2025,
                published: import::us_troops::PUBLISHED,
                edition: import::us_troops::EDITION,
            },
            meaning: "The DMDC reports list every country with US military personnel: a country-year without a report had none (filled for {years}).",
        }),
        accumulate: false,
        series_lag: Some(1),
        precedence: 0,
    },
    SourceSpec {
        name: "treaties-untc-2026",
        publisher: "United Nations",
        dataset: "UN Treaty Collection, status of treaties (2026 scrape)",
        url: "https://treaties.un.org",
        licence: "public treaty records; to be verified against treaties.un.org before a release",
        attribution: "United Nations Treaty Collection, Multilateral Treaties Deposited with the Secretary-General",
        raw: "treaties-untc-2026/untc_all_long.csv",
        read: import::treaties_untc2026::read,
        aggregates: &["European Union"],
        fill: None,
        accumulate: false,
        series_lag: None,
        precedence: 0,
    },
    SourceSpec {
        name: "treaties-untc-2015",
        publisher: "United Nations",
        dataset: "UN Treaty Collection, participant tables (scraped 2013–2015)",
        url: "https://treaties.un.org",
        licence: "public treaty records",
        attribution: "United Nations Treaty Collection, via github.com/zmjones/untreaties",
        raw: "treaties-untc-2015",
        read: import::treaties_untc2015::read,
        aggregates: &["European Union"],
        fill: None,
        accumulate: false,
        series_lag: None,
        precedence: 0,
    },
    SourceSpec {
        name: "treaties-wikipedia-2016",
        publisher: "Wikipedia",
        dataset: "lists of participants: NPT, BWC, CWC, Genocide Convention, Geneva Conventions (early 2016)",
        url: "https://en.wikipedia.org/wiki/List_of_parties_to_the_Treaty_on_the_Non-Proliferation_of_Nuclear_Weapons",
        licence: "CC BY-SA 4.0 (Wikipedia)",
        attribution: "Wikipedia contributors, lists of parties (2016); parties and signatories are not separated",
        raw: "treaties-wikipedia-2016/lists_long.csv",
        read: wikipedia2016,
        aggregates: &["European Union"],
        fill: None,
        accumulate: false,
        series_lag: None,
        precedence: 0,
    },
    SourceSpec {
        name: "treaties-unoda-2026",
        publisher: "UN Office for Disarmament Affairs, via SurvivalScores.org",
        dataset: "UNODA Treaties Database: NPT, BWC, CTBT, TPNW with signature, ratification and accession dates (August 2026)",
        url: "https://treaties.unoda.org",
        licence: "public depositary records (UNODA); the rendering's code is ISC, no data licence stated",
        attribution: "UN Office for Disarmament Affairs, Treaties Database, as rendered by SurvivalScores.org (Arthur Edelstein), 22 August 2026",
        raw: "treaties-unoda-2026/status_long.csv",
        read: import::treaties_unoda::read,
        aggregates: &[],
        fill: None,
        accumulate: false,
        series_lag: None,
        precedence: 1,
    },
    SourceSpec {
        name: "treaties-untc-xxvi-2026",
        publisher: "United Nations",
        dataset: "UN Treaty Collection, chapter XXVI (disarmament): ENMOD, CCW with amended Protocol II and Protocol V, CWC, ATT, TPNW with dates (status as at 3 February 2026)",
        url: "https://treaties.un.org/Pages/Treaties.aspx?id=26&subid=A&clang=_en",
        licence: "public treaty records; treaties.un.org terms of use apply to the pages",
        attribution: "United Nations Treaty Collection, Multilateral Treaties Deposited with the Secretary-General, chapter XXVI, via github.com/mgaldino/treaties-ideal-point",
        raw: "treaties-untc-xxvi-2026/arms_control_ratifications.csv",
        read: import::treaties_untc_xxvi::read,
        aggregates: &["European Union"],
        fill: None,
        accumulate: false,
        series_lag: None,
        precedence: 1,
    },
    SourceSpec {
        name: "treaties-ieadb-2026",
        publisher: "IEADB Project (Ronald B. Mitchell et al.), Université Laval",
        dataset: "International Environmental Agreements Database, members: Geneva Protocol 1925, PTBT, CPPNM and its 2005 amendment, Outer Space (incomplete), Seabed (stale)",
        url: "https://www.iea.ulaval.ca",
        licence: "citation required (file header); no redistribution licence stated",
        attribution: "International Environmental Agreements Database Project, hosted by Université Laval, https://www.iea.ulaval.ca; Mitchell et al. (2020), Global Environmental Politics 20(1):103-121",
        raw: "treaties-ieadb-2026/db_members_armscontrol_extract.csv",
        read: import::treaties_ieadb::read,
        aggregates: &[
            "Yugoslavia (1918-1943)", "Yemen, Arab Republic", "Yemen, Democratic", "Germany, Former GDR",
            "Vietnam, South", "IO-European Atomic Energy Community",
        ],
        fill: None,
        accumulate: false,
        series_lag: None,
        precedence: 0,
    },
    SourceSpec {
        name: "wassenaar-snapshots",
        publisher: "Wassenaar Arrangement participant lists (US Department of Commerce 2004, wassenaar.org, Indian and Japanese foreign ministries 2017)",
        dataset: "Wassenaar Arrangement participants at three dates, with cited admission years",
        url: "https://www.wassenaar.org/participating-states/",
        licence: "US government work (2004 list); public participant lists",
        attribution: "US Department of Commerce BIS (archived 2004-10-15), wassenaar.org introduction page, indiandiplomacy.org (2017-12-08); admission years as cited in src/data/import/wassenaar_snapshots.rs",
        raw: "wassenaar-snapshots/wassenaar_membership_snapshots.csv",
        read: import::wassenaar_snapshots::read,
        aggregates: &[],
        fill: Some(Fill {
            values: &[("treaty.wassenaar", "false")],
            census: Census::Fixed {
                years: import::wassenaar_snapshots::FIRST_YEAR..=import::wassenaar_snapshots::LAST_YEAR,
                published: import::wassenaar_snapshots::FIRST_YEAR,
                edition: import::wassenaar_snapshots::EDITION,
            },
            meaning: "A state on none of the lists did not participate: the lists only grow, and the 42 have participated unchanged since December 2017 (filled for {years}).",
        }),
        accumulate: false,
        series_lag: None,
        precedence: 1,
    },
    SourceSpec {
        name: "export-regimes",
        publisher: "Wikipedia (regime participant lists)",
        dataset: "Wassenaar Arrangement, MTCR, NSG, Australia Group participants (about 2025)",
        url: "https://www.wassenaar.org/participating-states/",
        licence: "CC BY-SA 4.0 (Wikipedia); the facts are public participant lists",
        attribution: "Wikipedia contributors, articles on the Wassenaar Arrangement, MTCR, NSG and Australia Group (2025)",
        raw: "export-regimes/export_regimes_long.csv",
        read: import::export_regimes::read,
        aggregates: &["European Commission", "European Union"],
        fill: Some(Fill {
            values: &[
                ("treaty.wassenaar", "false"),
                ("treaty.mtcr", "false"),
                ("treaty.nsg", "false"),
                ("treaty.australia_group", "false"),
            ],
            census: Census::Fixed {
                years: 2025..=2025,
                published: import::export_regimes::YEAR,
                edition: import::export_regimes::EDITION,
            },
            meaning: "The participant lists are complete: a country not listed does not participate (filled for {years}).",
        }),
        accumulate: false,
        series_lag: None,
        precedence: 0,
    },
    SourceSpec {
        name: "borders",
        publisher: "mledoze/countries",
        dataset: "countries.json, land borders",
        url: "https://github.com/mledoze/countries",
        licence: "ODbL 1.0 (attribution, share-alike for derived databases)",
        attribution: "Mohammed Le Doze, countries (github.com/mledoze/countries), ODbL 1.0",
        raw: "borders/borders_long.csv",
        read: borders,
        aggregates: &[],
        fill: Some(Fill {
            values: &[("geo.neighbours", "")],
            census: Census::Fixed {
                years: BORDERS_YEAR..=BORDERS_YEAR,
                published: BORDERS_YEAR,
                edition: BORDERS_EDITION,
            },
            meaning: "The file lists every land border: a country without one (an island state) has no land neighbours.",
        }),
        accumulate: false,
        series_lag: None,
        precedence: 0,
    },
];

/// The source of that name.
pub fn find(name: &str) -> Option<&'static SourceSpec> {
    SOURCES.iter().find(|s| s.name == name)
}
