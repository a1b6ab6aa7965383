//! Compact JSON for many assessments at once (`assess --all --format json`, and the
//! benchmark that times it).

use crate::error::{Error, Result};

/// Compact JSON: the same bytes as `serde_json::to_vec` (a test compares them on the
/// shipped data), from sonic-rs, whose string escaping is several times faster.
pub fn compact(json: &impl serde::Serialize) -> Result<Vec<u8>> {
    // An assessment is some 30 kB: room for one from the start, not dozens of regrowths.
    let mut bytes = Vec::with_capacity(64 * 1024);
    sonic_rs::to_writer(&mut bytes, json)
        .map_err(|e| Error::Internal(format!("JSON output: {e}")))?;
    Ok(bytes)
}
