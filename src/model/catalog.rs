//! The indicator catalog: what a rule may read and what a value may be.

use crate::error::{Error, Result};
use crate::model::value::Value;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What kind of value an indicator takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A real number (a score, a share).
    Number,
    /// A whole number (a count, a year).
    Integer,
    /// Yes or no (a treaty ratified).
    Boolean,
    /// One of the catalog's listed values (a Freedom House status).
    Category,
    /// A `;`-separated list of items (conflicts, events).
    List,
}

/// Which way is worse. Used by the monotonicity check and to read a value at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A higher value is the better situation (a democracy score).
    HigherIsBetter,
    /// A higher value is the worse situation (battle deaths).
    HigherIsWorse,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    pub(crate) publisher: String,
    pub(crate) dataset: String,
    #[serde(default)]
    pub(crate) url: Option<String>,
}

/// One indicator: its id, kind, range, direction and source.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub(crate) id: String,
    pub(crate) kind: Kind,
    /// The lowest value a source may give (values outside are refused).
    #[serde(default)]
    pub min: Option<f64>,
    /// The highest value a source may give.
    #[serde(default)]
    pub max: Option<f64>,
    /// Allowed values of a category, best first.
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub(crate) direction: Option<Direction>,
    /// What a category value means to a reader, per language: `full` → "gegen den Staat".
    /// Reasons print these instead of the codes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, Label>,
    pub(crate) title_de: String,
    pub(crate) title_en: String,
    #[serde(default)]
    pub(crate) description: Option<String>,
    pub(crate) source: Source,
    /// The id, shared by every trace step that names it.
    #[serde(skip)]
    pub key: Arc<str>,
    /// Position in the catalog (ids in order), for per-run bookkeeping without lookups.
    #[serde(skip)]
    pub index: usize,
}

/// A category value's wording in each language.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// The German wording.
    pub de: String,
    /// The English wording.
    pub en: String,
}

impl Label {
    /// The wording in `lang`.
    pub fn get(&self, lang: crate::model::rating::Lang) -> &str {
        match lang {
            crate::model::rating::Lang::De => &self.de,
            crate::model::rating::Lang::En => &self.en,
        }
    }
}

/// Every indicator a rule may read (indicators/catalog.toml).
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The catalog file, for error messages.
    pub path: PathBuf,
    /// In id order; an indicator's `index` is its position here.
    indicators: Vec<Indicator>,
    /// The ids with their positions, shared by every [`FactMap`](crate::model::facts::FactMap)
    /// made for this catalog.
    ids: Arc<Ids>,
}

/// The catalog's ids in id order, and id → position: rules look an indicator up on every
/// read, and a hash lookup is cheaper than a string search down a tree. A fact map holds
/// one slot per id, so that a rule that knows an indicator's position finds its fact
/// without a lookup.
#[derive(Debug)]
pub(crate) struct Ids {
    pub(crate) keys: Vec<Arc<str>>,
    by_id: HashMap<Arc<str>, usize, BuildHasherDefault<ahash::AHasher>>,
}

impl Ids {
    /// The position of `id`, if the catalog has it.
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    indicator: Vec<Indicator>,
}

impl Catalog {
    /// Reads and checks the catalog file.
    pub fn load(path: &Path) -> Result<Catalog> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Catalog::parse(path, &text)
    }

    /// Checks a catalog given as text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Catalog> {
        let file: CatalogFile = toml::from_str(text).map_err(|e| Error::toml(path, text, &e))?;
        let invalid = |message: String| Error::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let mut indicators = BTreeMap::new();
        for indicator in file.indicator {
            let id = indicator.id.clone();
            match indicator.kind {
                Kind::Category if indicator.values.is_empty() => {
                    return Err(invalid(format!(
                        "category indicator '{id}' lists no allowed values"
                    )))
                }
                Kind::Category => {
                    if let Some(other) = indicator
                        .labels
                        .keys()
                        .find(|v| !indicator.values.contains(v))
                    {
                        return Err(invalid(format!(
                            "indicator '{id}' has a label for '{other}', which is not one of its values ({})",
                            indicator.values.join(", ")
                        )));
                    }
                }
                _ if !indicator.labels.is_empty() => {
                    return Err(invalid(format!(
                        "indicator '{id}' has labels, but only category indicators have labelled values"
                    )))
                }
                Kind::Number | Kind::Integer => {
                    if let (Some(min), Some(max)) = (indicator.min, indicator.max) {
                        if min > max {
                            return Err(invalid(format!("indicator '{id}' has min > max")));
                        }
                    }
                }
                _ => {}
            }
            if indicators.insert(id.clone(), indicator).is_some() {
                return Err(invalid(format!("indicator '{id}' is declared twice")));
            }
        }
        let mut indicators: Vec<Indicator> = indicators.into_values().collect();
        let mut by_id = HashMap::default();
        for (index, indicator) in indicators.iter_mut().enumerate() {
            indicator.key = Arc::from(indicator.id.as_str());
            indicator.index = index;
            by_id.insert(indicator.key.clone(), index);
        }
        let keys = indicators.iter().map(|i| i.key.clone()).collect();
        Ok(Catalog {
            path: path.to_path_buf(),
            indicators,
            ids: Arc::new(Ids { keys, by_id }),
        })
    }

    /// The indicator with this id.
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.ids.position(id).map(|at| &self.indicators[at])
    }

    /// The ids and their positions, for fact maps.
    pub(crate) fn ids(&self) -> &Arc<Ids> {
        &self.ids
    }

    /// Number of indicators.
    pub fn len(&self) -> usize {
        self.indicators.len()
    }

    /// Whether the catalog has no indicators.
    pub fn is_empty(&self) -> bool {
        self.indicators.is_empty()
    }

    /// Every indicator, in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Indicator> {
        self.indicators.iter()
    }

    /// " (did you mean 'x'?)" for an unknown id, or "".
    pub fn hint(&self, id: &str) -> String {
        let best = self
            .indicators
            .iter()
            .map(|i| &i.id)
            .map(|known| (edit_distance(id, known), known))
            .min();
        match best {
            Some((d, known)) if d <= 3 => format!(" (did you mean '{known}'?)"),
            _ => String::new(),
        }
    }

    /// The error for an id that is not in the catalog, found in `path`.
    pub fn unknown(&self, path: &Path, id: &str) -> Error {
        Error::UnknownIndicator {
            path: path.to_path_buf(),
            id: id.to_string(),
            hint: self.hint(id),
        }
    }
}

impl Indicator {
    /// The indicator's id, e.g. `cpi.score`.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub(crate) fn title(&self, lang: crate::model::rating::Lang) -> &str {
        match lang {
            crate::model::rating::Lang::De => &self.title_de,
            crate::model::rating::Lang::En => &self.title_en,
        }
    }

    /// A category value as the reader sees it: its catalog label, or the value itself
    /// where the catalog gives none.
    pub fn label<'a>(&'a self, value: &'a str, lang: crate::model::rating::Lang) -> &'a str {
        self.labels.get(value).map_or(value, |l| l.get(lang))
    }

    /// Turns a TOML value into this indicator's value, or says why it cannot be one.
    pub fn convert(&self, path: &Path, raw: &toml::Value) -> Result<Value> {
        let wrong = || Error::WrongKind {
            path: path.to_path_buf(),
            id: self.id.clone(),
            expected: self.expected(),
            found: describe(raw),
        };
        let value = match (self.kind, raw) {
            (Kind::Number, toml::Value::Float(x)) => Value::Number(*x),
            (Kind::Number, toml::Value::Integer(i)) => Value::Number(*i as f64),
            (Kind::Integer, toml::Value::Integer(i)) => Value::Integer(*i),
            (Kind::Boolean, toml::Value::Boolean(b)) => Value::Bool(*b),
            (Kind::Category, toml::Value::String(s)) => Value::Category(s.clone()),
            (Kind::List, toml::Value::Array(items)) => Value::List(
                items
                    .iter()
                    .map(|item| item.as_str().map(str::to_string).ok_or_else(wrong))
                    .collect::<Result<_>>()?,
            ),
            _ => return Err(wrong()),
        };
        self.check(path, &value)?;
        Ok(value)
    }

    /// Range and allowed-value check for a value of the right kind.
    pub fn check(&self, path: &Path, value: &Value) -> Result<()> {
        if value.kind_name() != self.expected_kind_name() {
            return Err(Error::WrongKind {
                path: path.to_path_buf(),
                id: self.id.clone(),
                expected: self.expected(),
                found: format!("{} {value}", value.kind_name()),
            });
        }
        let out_of_range = |range: String| Error::OutOfRange {
            path: path.to_path_buf(),
            id: self.id.clone(),
            value: value.to_string(),
            range,
        };
        if let Some(x) = value.as_f64() {
            if !x.is_finite()
                || self.min.is_some_and(|min| x < min)
                || self.max.is_some_and(|max| x > max)
            {
                return Err(out_of_range(self.range_text()));
            }
        }
        if let Value::Category(c) = value {
            if !self.values.contains(c) {
                return Err(out_of_range(format!("allowed: {}", self.values.join(", "))));
            }
        }
        Ok(())
    }

    fn expected_kind_name(&self) -> &'static str {
        match self.kind {
            Kind::Number => "number",
            Kind::Integer => "integer",
            Kind::Boolean => "boolean",
            Kind::Category => "category",
            Kind::List => "list",
        }
    }

    fn expected(&self) -> String {
        match self.kind {
            Kind::Number => format!("a number ({})", self.range_text()),
            Kind::Integer => format!("a whole number ({})", self.range_text()),
            Kind::Boolean => "true or false".into(),
            Kind::Category => format!("one of {}", self.values.join(", ")),
            Kind::List => "a list of strings".into(),
        }
    }

    pub(crate) fn range_text(&self) -> String {
        match (self.min, self.max) {
            (Some(min), Some(max)) => format!("{min} to {max}"),
            (Some(min), None) => format!("at least {min}"),
            (None, Some(max)) => format!("at most {max}"),
            (None, None) => "any value".into(),
        }
    }
}

fn describe(raw: &toml::Value) -> String {
    match raw {
        toml::Value::String(s) => format!("the string \"{s}\""),
        toml::Value::Integer(i) => format!("the integer {i}"),
        toml::Value::Float(x) => format!("the number {x}"),
        toml::Value::Boolean(b) => format!("the boolean {b}"),
        toml::Value::Datetime(d) => format!("the date {d}"),
        toml::Value::Array(_) => "a list".into(),
        toml::Value::Table(_) => "a table".into(),
    }
}

/// Levenshtein distance, for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
