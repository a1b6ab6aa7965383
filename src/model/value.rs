//! Indicator values as the catalog, the fact files and the importers know them.

use serde::Serialize;
use std::fmt;

/// One indicator value. The variant follows the indicator's `kind` in the catalog.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A real number.
    Number(f64),
    /// A whole number.
    Integer(i64),
    /// Yes or no.
    Bool(bool),
    /// One of the catalog's allowed values (e.g. `"NF"`, `"full"`).
    Category(String),
    /// A list of codes (e.g. ISO 3166 alpha-3 codes of neighbouring countries).
    List(Vec<String>),
}

impl Value {
    /// The value as a number, for range checks and numeric comparisons.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(x) => Some(*x),
            Value::Integer(i) => Some(*i as f64),
            _ => None,
        }
    }

    /// What kind of value this is, in the catalog's words.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Number(_) => "number",
            Value::Integer(_) => "integer",
            Value::Bool(_) => "boolean",
            Value::Category(_) => "category",
            Value::List(_) => "list",
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(x) => write!(f, "{x}"),
            Value::Integer(i) => write!(f, "{i}"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Category(s) => write!(f, "{s}"),
            Value::List(items) => write!(f, "[{}]", items.join(", ")),
        }
    }
}
