//! Political Terror Scale, release PTS-2024 (data 1976–2023): `PTS-2024.csv`, one row
//! per country and year with three codings (Amnesty PTS_A, Human Rights Watch PTS_H,
//! US State Department PTS_S). The file is Latin-1 ("Türkiye").

use super::table;
use super::{ImportError, Observation};
use crate::value::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

pub const EDITION: &str = "PTS 2024";
pub const PUBLISHED: i32 = 2024;

/// Reads pts.score = the highest (worst) of the codings present; "NA" means absent
/// and a row with none present gives nothing. `country` is the World Bank code
/// (`WordBank_Code_A`, ISO3 except e.g. KSV, ROM, ZAR), or the `Country` name where
/// that code is NA (Somaliland, Soviet Union, …) or shared by several countries (YUG
/// is both the Socialist and the Federal Republic of Yugoslavia).
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let csv = table::read_csv(path, b',')?;
    let (name, code, year) = (
        csv.col("Country")?,
        csv.col("WordBank_Code_A")?,
        csv.col("Year")?,
    );
    let codings = [csv.col("PTS_A")?, csv.col("PTS_H")?, csv.col("PTS_S")?];
    let mut names_of_code: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (_, f) in &csv.rows {
        names_of_code.entry(&f[code]).or_default().insert(&f[name]);
    }
    let usable = |c: &str| !c.is_empty() && c != "NA" && names_of_code[c].len() == 1;

    let mut out = Vec::new();
    for (row, f) in &csv.rows {
        let mut worst = None;
        for c in codings {
            worst = worst.max(csv.integer(*row, c, &f[c], &["NA"])?);
        }
        let Some(score) = worst else { continue };
        let y = csv
            .integer(*row, year, &f[year], &[])?
            .ok_or_else(|| table::malformed(&csv.path, *row, "column 'Year' is empty".into()))?;
        let country = if usable(&f[code]) { &f[code] } else { &f[name] };
        out.push(Observation {
            country: country.clone(),
            indicator: "pts.score".into(),
            year: y as i32,
            published: PUBLISHED,
            edition: EDITION.into(),
            value: Value::Integer(score),
            row: *row,
        });
    }
    Ok(out)
}
