//! The explanation trace: what a rule did, step by step, as data.

use crate::model::facts::Fact;
use crate::model::rating::Rating;
use crate::model::reason::Values;
use serde::Serialize;
use std::sync::Arc;

/// One step of a rule. `line` is the line of the rule script that took the step.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
#[allow(missing_docs)] // the fields are the JSON's: `line` as above, the rest named for what the step saw
pub enum Step {
    /// An indicator the rule read, with the value and where it comes from.
    Read {
        line: usize,
        indicator: Arc<str>,
        #[serde(flatten)]
        fact: Arc<Fact>,
    },
    /// An indicator the rule asked for that has no value.
    Missing { line: usize, indicator: Arc<str> },
    /// A parameter (threshold) the rule read from rules/criteria.toml.
    Param {
        line: usize,
        name: Arc<str>,
        value: Arc<serde_json::Value>,
    },
    /// A condition the rule tested and its outcome; its label is the text `key` in the
    /// rule's `[tests]` texts, built from `values`.
    Test {
        line: usize,
        #[serde(serialize_with = "crate::model::reason::serialize_key")]
        key: rhai::ImmutableString,
        values: Values,
        outcome: bool,
    },
    /// The rating the rule concluded with.
    Conclude { line: usize, rating: Rating },
}

impl Step {
    pub(crate) fn line(&self) -> usize {
        match self {
            Step::Read { line, .. }
            | Step::Missing { line, .. }
            | Step::Param { line, .. }
            | Step::Test { line, .. }
            | Step::Conclude { line, .. } => *line,
        }
    }
}
