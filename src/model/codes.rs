//! State code tables: Gleditsch–Ward numbers (UCDP, Powell & Thyne) and Correlates of
//! War codes (Colpus, troopdata) to ISO 3166 alpha-3. The tables are data, derived from
//! published files (`indicators/codes/README.md`), and compiled in so that every importer
//! reads them the same way.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One row of a code table.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The scheme's code.
    pub code: u32,
    /// Empty for a former state or territory without a registry country.
    pub iso3: Option<String>,
    /// The name the source file gives beside the code.
    pub name: String,
}

/// A code scheme: code → state.
pub struct Table {
    /// The scheme's name, for messages ("Gleditsch–Ward").
    pub scheme: &'static str,
    pub(crate) file: &'static str,
    states: BTreeMap<u32, State>,
}

impl Table {
    fn parse(scheme: &'static str, file: &'static str, text: &str) -> Table {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let states = reader
            .records()
            .map(|r| {
                let r = r.expect("the code table is valid CSV");
                let code: u32 = r[0].parse().expect("the code table's codes are numbers");
                let iso3 = Some(r[1].to_string()).filter(|s| !s.is_empty());
                (
                    code,
                    State {
                        code,
                        iso3,
                        name: r[2].to_string(),
                    },
                )
            })
            .collect();
        Table {
            scheme,
            file,
            states,
        }
    }

    /// The state with this code.
    pub fn get(&self, code: u32) -> Option<&State> {
        self.states.get(&code)
    }

    /// The state of a code as a source field gives it ("365", " 365 ").
    pub fn lookup(&self, field: &str) -> Result<&State, String> {
        let code: u32 = field
            .trim()
            .parse()
            .map_err(|_| format!("{:?} is not a {} code", field, self.scheme))?;
        self.get(code).ok_or_else(|| {
            format!(
                "{} code {code} is not in {} — add it there with its source",
                self.scheme, self.file
            )
        })
    }

    /// The state a source names exactly so (UCDP's "Russia (Soviet Union)").
    pub fn by_name(&self, name: &str) -> Option<&State> {
        self.states.values().find(|s| s.name == name)
    }

    /// Every state of the scheme, in code order.
    pub fn iter(&self) -> impl Iterator<Item = &State> {
        self.states.values()
    }
}

/// Gleditsch–Ward numbers (`indicators/codes/gleditsch-ward.csv`).
pub fn gleditsch_ward() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        Table::parse(
            "Gleditsch–Ward",
            "indicators/codes/gleditsch-ward.csv",
            include_str!("../../indicators/codes/gleditsch-ward.csv"),
        )
    })
}

/// Correlates of War codes (`indicators/codes/correlates-of-war.csv`).
pub fn correlates_of_war() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        Table::parse(
            "Correlates of War",
            "indicators/codes/correlates-of-war.csv",
            include_str!("../../indicators/codes/correlates-of-war.csv"),
        )
    })
}
