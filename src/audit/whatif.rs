//! What if: an assessment with some indicator values replaced by hypothetical ones, next
//! to the real assessment. The hypothetical facts say so in their source and note, so
//! every trace and reason shows which values were made up.

use crate::data::store::Store;
use crate::error::{Error, Result};
use crate::model::assessment::{Assessment, CriterionResult};
use crate::model::catalog::{Catalog, Indicator, Kind};
use crate::model::countries::Registry;
use crate::model::facts::{Fact, Facts};
use crate::model::value::Value;
use crate::rules::engine::RuleSet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The `source` of every hypothetical fact.
pub const SOURCE: &str = "hypothetical (whatif)";
/// The `edition` of every hypothetical fact: reasons that cite the edition then read
/// "whatif: 45/100" instead of naming a real edition.
pub const EDITION: &str = "whatif";
/// The word that removes a value (`--set pts.score=missing`).
pub const MISSING: &str = "missing";
/// JSON schema of `whatif --format json`.
/// 2: `real` and `hypothetical` are assessments of schema `standpunkt.assessment/2`.
/// 3: they are assessments of schema `standpunkt.assessment/3`.
pub const SCHEMA: &str = "standpunkt.whatif/3";

/// One hypothetical change: a new value, or `None` to remove the value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Override {
    pub(crate) indicator: String,
    /// The hypothetical value; `None` removes the real one.
    pub value: Option<Value>,
    /// The year the value refers to; without it, the real value's year or the as-of year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

impl Override {
    /// A hypothetical value for an indicator.
    pub fn set(indicator: &str, value: Value) -> Override {
        Override {
            indicator: indicator.to_string(),
            value: Some(value),
            year: None,
        }
    }

    /// The indicator without a value (what a gap in the data would give).
    pub fn remove(indicator: &str) -> Override {
        Override {
            indicator: indicator.to_string(),
            value: None,
            year: None,
        }
    }
}

/// Parses a value written on the command line by the indicator's kind and checks it
/// against the catalog: numbers, whole numbers, `true`/`false`, a category value, or a
/// list as comma-separated codes (empty text: the empty list). `origin` names where the
/// text came from in an error ("--set").
pub fn parse_value(indicator: &Indicator, text: &str, origin: &Path) -> Result<Value> {
    let text = text.trim();
    let wrong = |expected: &str| Error::WrongKind {
        path: origin.to_path_buf(),
        id: indicator.id.clone(),
        expected: expected.to_string(),
        found: format!("'{text}'"),
    };
    let value = match indicator.kind {
        Kind::Number => Value::Number(
            text.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| wrong(&format!("a number ({})", indicator.range_text())))?,
        ),
        Kind::Integer => Value::Integer(
            text.parse::<i64>()
                .map_err(|_| wrong(&format!("a whole number ({})", indicator.range_text())))?,
        ),
        Kind::Boolean => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(wrong("true or false")),
        },
        Kind::Category => Value::Category(text.to_string()),
        Kind::List => Value::List(
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        ),
    };
    indicator.check(origin, &value)?;
    Ok(value)
}

/// `ID=VALUE` or `ID=missing` from `--set`.
pub fn parse_set(catalog: &Catalog, text: &str) -> Result<Override> {
    let origin = PathBuf::from("--set");
    let (id, value) = text.split_once('=').ok_or_else(|| Error::Invalid {
        path: origin.clone(),
        message: format!(
            "'{text}' is not of the form ID=VALUE (e.g. cpi.score=45, or pts.score=missing)"
        ),
    })?;
    let id = id.trim();
    let indicator = catalog
        .get(id)
        .ok_or_else(|| catalog.unknown(&origin, id))?;
    if value.trim() == MISSING {
        return Ok(Override::remove(id));
    }
    Ok(Override::set(id, parse_value(indicator, value, &origin)?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    values: BTreeMap<String, toml::Value>,
}

/// An override file: a TOML table `[values]` of `"cpi.score" = 45`, `"pts.score" =
/// "missing"`, or `"judgment.one_sided_violence" = { value = true, year = 2022 }`.
pub fn load(path: &Path, catalog: &Catalog) -> Result<Vec<Override>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    parse_file(path, &text, catalog)
}

/// Reads a `--set-file` of hypothetical values; errors name the file and line.
pub fn parse_file(path: &Path, text: &str, catalog: &Catalog) -> Result<Vec<Override>> {
    let file: OverrideFile = toml::from_str(text).map_err(|e| Error::toml(path, text, &e))?;
    let mut overrides = Vec::new();
    for (id, raw) in file.values {
        let indicator = catalog.get(&id).ok_or_else(|| catalog.unknown(path, &id))?;
        let (raw, year) = match raw {
            toml::Value::Table(mut table) => {
                let invalid = |message: String| Error::Invalid {
                    path: path.to_path_buf(),
                    message,
                };
                let value = table
                    .remove("value")
                    .ok_or_else(|| invalid(format!("'{id}' = {{ … }} needs a `value`")))?;
                let year = match table.remove("year") {
                    None => None,
                    Some(toml::Value::Integer(y)) if (1900..=2100).contains(&y) => Some(y as i32),
                    Some(other) => {
                        return Err(invalid(format!(
                            "'{id}': year = {other} is not a year (1900–2100)"
                        )))
                    }
                };
                if let Some(key) = table.keys().next() {
                    return Err(invalid(format!(
                        "'{id}': unknown key '{key}' — give only value and year"
                    )));
                }
                (value, year)
            }
            raw => (raw, None),
        };
        let value = match &raw {
            toml::Value::String(s) if s == MISSING => None,
            raw => Some(indicator.convert(path, raw)?),
        };
        overrides.push(Override {
            indicator: id,
            value,
            year,
        });
    }
    Ok(overrides)
}

/// The fact a hypothetical value stands in: marked as hypothetical, with the real value
/// in its note. The year is the one given, else the real value's, else the as-of year
/// (rules with look-back windows need one).
pub fn hypothetical_fact(value: Value, year: Option<i32>, real: Option<&Fact>, as_of: i32) -> Fact {
    Fact {
        value,
        year: year.or(real.and_then(|r| r.year)).or(Some(as_of)),
        edition: Some(EDITION.into()),
        source: SOURCE.into(),
        note: Some(real_note(real)),
    }
}

/// "real value: 40 (CPI 2024, 2024)" or "no real value".
pub fn real_note(real: Option<&Fact>) -> String {
    match real {
        Some(real) => {
            let mut about = Vec::new();
            if let Some(e) = &real.edition {
                about.push(e.to_string());
            }
            if let Some(y) = real.year {
                about.push(y.to_string());
            }
            if about.is_empty() {
                format!("real value: {}", real.value)
            } else {
                format!("real value: {} ({})", real.value, about.join(", "))
            }
        }
        None => "no real value".to_string(),
    }
}

/// The facts with the overrides applied, in order (a later override of the same
/// indicator wins). Derived values (`conflict.neighbours`) are not derived again.
pub fn apply(facts: &Facts, overrides: &[Override]) -> Facts {
    let mut out = facts.clone();
    for o in overrides {
        let real = facts.values.get(o.indicator.as_str()).map(|f| f.as_ref());
        match &o.value {
            Some(value) => {
                let fact = hypothetical_fact(value.clone(), o.year, real, facts.as_of.year);
                out.values.insert(o.indicator.as_str(), Arc::new(fact));
            }
            None => {
                out.values.remove(o.indicator.as_str());
            }
        }
    }
    out
}

/// One override as applied: the hypothetical value (or none) and the real fact.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    pub(crate) indicator: String,
    /// The hypothetical value; `null` where the value was removed.
    pub value: Option<Value>,
    /// The real fact, `null` where there was none.
    pub real: Option<Arc<Fact>>,
}

/// The real and the hypothetical assessment of one country.
#[derive(Debug, Clone)]
pub struct WhatIf {
    /// With the real facts.
    pub real: Assessment,
    /// With the hypothetical values in place.
    pub hypothetical: Assessment,
    /// Every value replaced, with the real one beside it.
    pub overrides: Vec<Applied>,
}

impl WhatIf {
    /// Pairs of (real, hypothetical) results, criterion by criterion.
    pub fn pairs(&self) -> impl Iterator<Item = (&CriterionResult, &CriterionResult)> {
        self.real.criteria.iter().zip(&self.hypothetical.criteria)
    }

    /// The numbers of the criteria whose rating changed.
    pub fn changed(&self) -> Vec<u32> {
        self.pairs()
            .filter(|(r, h)| r.rating != h.rating)
            .map(|(r, _)| r.number)
            .collect()
    }

    /// The hypothetical rating of criterion `number`.
    pub fn rating(&self, number: u32) -> Option<crate::model::rating::Rating> {
        self.hypothetical
            .criteria
            .iter()
            .find(|c| c.number == number)
            .map(|c| c.rating)
    }

    /// The JSON form, reasons and test labels worded in `lang`.
    pub fn to_json(&self, lang: crate::model::rating::Lang) -> serde_json::Value {
        serde_json::json!({
            "schema": SCHEMA,
            "iso3": self.real.iso3,
            "as_of": self.real.as_of,
            "overrides": self.overrides,
            "changed": self.changed(),
            "real": self.real.to_json(lang),
            "hypothetical": self.hypothetical.to_json(lang),
        })
    }
}

/// Assesses `facts` as they are and with the overrides applied.
pub fn assess_facts(rules: &RuleSet, facts: Arc<Facts>, overrides: &[Override]) -> Result<WhatIf> {
    for o in overrides {
        let indicator = rules
            .catalog
            .get(&o.indicator)
            .ok_or_else(|| rules.catalog.unknown(Path::new("whatif"), &o.indicator))?;
        if let Some(value) = &o.value {
            indicator.check(Path::new("whatif"), value)?;
        }
    }
    let hypothetical = Arc::new(apply(&facts, overrides));
    // The last override of an indicator is the one in force.
    let mut applied: Vec<Applied> = Vec::new();
    for o in overrides {
        applied.retain(|a| a.indicator != o.indicator);
        applied.push(Applied {
            indicator: o.indicator.clone(),
            value: o.value.clone(),
            real: facts.values.get(o.indicator.as_str()).cloned(),
        });
    }
    Ok(WhatIf {
        real: rules.assess(facts)?,
        hypothetical: rules.assess(hypothetical)?,
        overrides: applied,
    })
}

/// The what-if assessment of `iso3` as of `year` on the shipped data.
pub fn assess(
    rules: &RuleSet,
    store: &Store,
    registry: &Registry,
    iso3: &str,
    year: i32,
    overrides: &[Override],
) -> Result<WhatIf> {
    let facts = Arc::new(store.facts(iso3, year, &rules.catalog));
    let mut whatif = assess_facts(rules, facts, overrides)?;
    if let Some(country) = registry.get(iso3) {
        for a in [&mut whatif.real, &mut whatif.hypothetical] {
            a.name_de = Some(country.name_de.clone());
            a.name_en = Some(country.name_en.clone());
        }
    }
    Ok(whatif)
}
