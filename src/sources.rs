//! The sources standpunkt can import: where each comes from, its terms, the shipped
//! raw file, and which importer reads it.

use crate::import::{self, ImportError, Observation};
use crate::importer::{Fill, SourceSpec};
use crate::value::Value;
use std::collections::BTreeMap;
use std::path::Path;

type Read = std::result::Result<Vec<Observation>, ImportError>;

/// UCDP conflict indicators plus `conflict.active` (party to any armed conflict), the
/// input for `conflict.neighbours`, from 1990 on: earlier years lie outside every
/// assessment's reach, and their states (North and South Vietnam, the two Yemens) do not
/// map one-to-one onto today's countries.
fn ucdp(path: &Path) -> Read {
    let mut out = import::ucdp::read(path)?;
    out.retain(|o| o.year >= UCDP_FROM);
    for (country, year) in import::ucdp::active_parties(path)?
        .into_iter()
        .filter(|(_, y)| *y >= UCDP_FROM)
    {
        out.push(Observation {
            country,
            indicator: "conflict.active".into(),
            year,
            published: import::ucdp::PUBLISHED,
            edition: import::ucdp::EDITION.into(),
            value: Value::Bool(true),
            row: 0,
        });
    }
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
            country: listed.country,
            indicator: listed.indicator,
            year: import::treaties_wikipedia2016::YEAR,
            published: import::treaties_wikipedia2016::YEAR,
            edition: "Wikipedia 2016 (Teilnehmerliste)".into(),
            value: Value::Bool(true),
            row: listed.row,
        });
    }
    Ok(out)
}

/// Land borders as one list per country.
fn borders(path: &Path) -> Read {
    let mut neighbours: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (a, b) in import::borders::read(path)? {
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

const BORDERS_YEAR: i32 = 2026;
const BORDERS_EDITION: &str = "mledoze/countries 2026";

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

pub const SOURCES: &[SourceSpec] = &[
    SourceSpec {
        name: "freedomhouse",
        publisher: "Freedom House",
        dataset: "Freedom in the World",
        url: "https://freedomhouse.org/report/freedom-world",
        licence: "Freedom House terms of use; attribution required (not an open licence)",
        attribution: "Freedom House, Freedom in the World 2013–2024, all data (All_data_FIW_2013-2024.xlsx)",
        raw: "freedomhouse/All_data_FIW_2013-2024.xlsx",
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
        raw: "ti-cpi/TI_CPI2023.csv",
        read: import::cpi::read_results,
        aggregates: &[],
        fill: None,
        accumulate: true,
        series_lag: None,
        precedence: 1,
    },
    SourceSpec {
        name: "cpi-series",
        publisher: "Transparency International, via Our World in Data",
        dataset: "Corruption Perceptions Index 2012–2024, long series",
        url: "https://ourworldindata.org/grapher/ti-corruption-perception-index",
        licence: "TI data under TI's terms; OWID processing CC BY 4.0",
        attribution: "Transparency International, Corruption Perceptions Index, processed by Our World in Data",
        raw: "ti-cpi/owid_ti-corruption-perception-index_2012-2024.csv",
        read: import::cpi::read_owid,
        aggregates: &[],
        fill: None,
        accumulate: false,
        series_lag: None,
        precedence: 0,
    },
    SourceSpec {
        name: "hdi",
        publisher: "UNDP",
        dataset: "Human Development Report 2023/24, composite indices time series",
        url: "https://hdr.undp.org/data-center/documentation-and-downloads",
        licence: "CC BY 3.0 IGO",
        attribution: "UNDP, Human Development Report 2023/2024, composite indices complete time series",
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
        read: import::sipri::read,
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
        dataset: "Worldwide Governance Indicators, 2024 update",
        url: "https://www.worldbank.org/en/publication/worldwide-governance-indicators",
        licence: "CC BY 4.0",
        attribution: "World Bank, Worldwide Governance Indicators, 2024 update",
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
        dataset: "Political Terror Scale 2024",
        url: "https://www.politicalterrorscale.org",
        licence: "free to use with citation",
        attribution: "Gibney, Mark, et al., The Political Terror Scale 1976–2023 (2024), politicalterrorscale.org",
        raw: "pts/PTS-2024.csv",
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
        dataset: "UCDP/PRIO Armed Conflict Dataset 25.1",
        url: "https://ucdp.uu.se/downloads/",
        licence: "CC BY 4.0",
        attribution: "Davies, Shawn, et al. (2025) Organized violence 1989–2024; Gleditsch et al. (2002) Armed Conflict 1946–2001, Journal of Peace Research",
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
            years: 2000..=2024,
            published: import::ucdp::PUBLISHED,
            edition: import::ucdp::EDITION,
            meaning: "UCDP/PRIO records every armed conflict with 25 or more battle deaths in a year: a country-year it does not list had none (filled for 2000–2024).",
        }),
        accumulate: false,
        series_lag: Some(1),
        precedence: 0,
    },
    SourceSpec {
        name: "ucdp-onesided",
        publisher: "Uppsala Conflict Data Program (UCDP)",
        dataset: "UCDP One-sided Violence Dataset 25.1",
        url: "https://ucdp.uu.se/downloads/",
        licence: "CC BY 4.0 (UCDP's download page; not stated in the codebook)",
        attribution: "Eck & Hultman (2007), One-sided violence against civilians in war, JPR 44(2); Davies, Pettersson, Sollenberg & Öberg (2025), Organized violence 1989–2024, JPR 62(4); UCDP One-sided Violence Dataset v25.1",
        raw: "ucdp-onesided/OneSided_v25_1.DERIVED-from-rds.csv",
        read: import::ucdp_onesided::read,
        aggregates: &[],
        fill: Some(Fill {
            values: &[("violence.osv_gov_deaths", "0"), ("violence.osv_gov_events", "")],
            years: import::ucdp_onesided::YEARS,
            published: import::ucdp_onesided::PUBLISHED,
            edition: import::ucdp_onesided::EDITION,
            meaning: "UCDP lists every actor-year with 25 or more civilians deliberately killed: a country-year it does not list had fewer than 25 killed by the government (filled for 1989–2024 with 0 deaths and no events).",
        }),
        accumulate: false,
        series_lag: Some(1),
        precedence: 0,
    },
    SourceSpec {
        name: "ucdp-nonstate",
        publisher: "Uppsala Conflict Data Program (UCDP)",
        dataset: "UCDP Non-State Conflict Dataset 23.1",
        url: "https://ucdp.uu.se/downloads/",
        licence: "CC BY 4.0 (UCDP's download page; not stated in the file)",
        attribution: "Sundberg, Eck & Kreutz (2012), Introducing the UCDP Non-State Conflict Dataset, JPR 49(2); Davies, Pettersson & Öberg (2023), Organized violence 1989–2022, JPR 60(4); UCDP Non-State Conflict Dataset v23.1",
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
            years: import::ucdp_nonstate::YEARS,
            published: import::ucdp_nonstate::PUBLISHED,
            edition: import::ucdp_nonstate::EDITION,
            meaning: "UCDP lists every non-state dyad with 25 or more battle deaths in a year: a country-year it does not list had none (filled for 1989–2022).",
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
            years: import::coups::COLPUS_YEARS,
            published: import::coups::COLPUS_PUBLISHED,
            edition: import::coups::COLPUS_EDITION,
            meaning: "Colpus lists every coup attempt since 1946: a country without one up to a year had none (filled for 1990–2022).",
        }),
        accumulate: false,
        series_lag: Some(1),
        precedence: 1,
    },
    SourceSpec {
        name: "coups-powell-thyne",
        publisher: "Jonathan Powell & Clayton Thyne",
        dataset: "Global Instances of Coups from 1950 to Present (V2020.10.13)",
        url: "https://www.jonathanmpowell.com/coup-detat-dataset.html",
        licence: "no licence stated; academic dataset, cite Powell & Thyne (2011); to be cleared before a release",
        attribution: "Powell, J. M. and C. L. Thyne (2011), Global instances of coups from 1950 to 2010: A new dataset, Journal of Peace Research 48(2)",
        raw: "coups-powell-thyne/powell_thyne_coups_final.txt",
        read: import::coups::read_powell_thyne,
        aggregates: COUP_FORMER_STATES,
        fill: Some(Fill {
            values: &[("coup.events", ""), ("coup.count_20y", "0")],
            years: import::coups::PT_YEARS,
            published: import::coups::PT_PUBLISHED,
            edition: import::coups::PT_EDITION,
            meaning: "Powell & Thyne list every coup attempt since 1950: a country without one up to a year had none (filled for 1990–2020).",
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
            years: 2000..=2022,
            published: import::sanctions::PUBLISHED,
            edition: import::sanctions::EDITION,
            meaning: "The data base lists every sanction case to 2022: a country-year without a UN, EU or OSCE arms embargo case had none (filled for 2000–2022). It cannot tell embargoes on non-state actors from those on the state: every embargo is recorded as 'full'.",
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
            years: 2025..=2025,
            published: import::export_regimes::YEAR,
            edition: import::export_regimes::EDITION,
            meaning: "The participant lists are complete: a country not listed does not participate (filled for 2025).",
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
            years: BORDERS_YEAR..=BORDERS_YEAR,
            published: BORDERS_YEAR,
            edition: BORDERS_EDITION,
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
