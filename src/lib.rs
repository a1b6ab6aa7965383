//! standpunkt: rates countries against the eight criteria of the EU Common Position
//! on arms exports (2008/944/CFSP) with Rhai rules that explain themselves.
//!
//! The library does the work; `src/main.rs` is a thin command line on top.

pub mod assessment;
pub mod atomic;
pub mod batch;
pub mod catalog;
pub mod codes;
pub mod countries;
pub mod dataset;
pub mod diff;
pub mod engine;
pub mod error;
pub mod facts;
pub mod flips;
pub mod import;
pub mod importer;
pub mod lint;
pub mod open_end;
pub mod rating;
pub mod reason;
pub mod render;
pub mod render_audit;
pub mod render_diff;
pub mod report;
pub mod rescore;
pub mod rules;
pub mod sources;
pub mod store;
pub mod texts;
pub mod trace;
pub mod value;
pub mod whatif;
// The outputs for readers beyond the text and the HTML pages.
pub mod colour;
pub mod map;
pub mod xlsx;

pub use assessment::{Assessment, CriterionResult};
pub use catalog::Catalog;
pub use engine::RuleSet;
pub use error::{Error, Result};
pub use facts::Facts;
pub use rating::{Lang, Rating};
