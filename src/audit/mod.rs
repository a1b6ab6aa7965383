//! The reviewers' tools, built on assessments: `diff` (two rule sets over every country
//! and year), `whatif`, `flips`, `check` (coverage and monotonicity on the shipped data),
//! `rescore` (against `indicators/ratings.lock`) and the `import --dry-run` preview.

pub mod check;
pub mod diff;
pub mod flips;
pub mod import_preview;
pub mod rescore;
pub mod whatif;
