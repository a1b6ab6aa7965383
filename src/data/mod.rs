//! The data: importers for the published sources, the shared import step that turns
//! their rows into datasets under `indicators/`, the store that loads them and chooses
//! what an assessment as of a year may see, and atomic writes. Builds on `model/` only.

pub mod atomic;
pub mod dataset;
pub mod import;
pub mod importer;
pub mod sources;
pub mod store;
