//! Who set a threshold, for every parameter the rules and the data settings read
//! (rules/criteria.toml, rules/data.toml): both the rule set and the store carry it.

use serde::{Deserialize, Serialize};

/// Who set a threshold: BICC published it, or the project chose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// BICC publishes the threshold.
    Bicc,
    /// BICC publishes none; the project chose it (the rationale says why).
    Project,
}
