//! standpunkt: rates countries against the eight criteria of the EU Common Position
//! on arms exports (2008/944/CFSP) with Rhai rules that explain themselves.
//!
//! The library does the work; `src/main.rs` is a thin command line on top.
//!
//! # Layers
//!
//! The folders are the architecture. Each layer builds on the ones above it in this
//! list and never reaches down the list:
//!
//! 1. [`model`]: catalog, values, ratings, countries, facts, the assessment and its trace.
//! 2. [`data`]: importers, the shared import step, datasets, the store and as-of selection.
//! 3. [`rules`]: loading and checking the rule set, the Rhai rule API and the engine.
//! 4. [`assess`](mod@assess): running the rules for one country or for all countries and years.
//! 5. [`audit`]: diff, whatif, flips, check and rescore, built on assessments.
//! 6. [`present`]: text, Markdown, HTML, workbook, colour: everything a reader sees, in
//!    the language asked for.
//!
//! [`Error`] is shared by all layers.
//!
//! # Example
//!
//! Load the shipped rules and data and assess Kazakhstan as of 2025:
//!
//! ```
//! use standpunkt::{assess, Catalog, Rating, Registry, RuleSet, Store};
//! use std::path::Path;
//!
//! # fn main() -> standpunkt::Result<()> {
//! let root = Path::new(env!("CARGO_MANIFEST_DIR"));
//! let catalog = Catalog::load(&root.join("indicators/catalog.toml"))?;
//! let store = Store::load(&root.join("indicators"), &root.join("rules/data.toml"), &catalog)?;
//! let registry = Registry::load(&root.join("indicators/countries.csv"))?;
//! let rules = RuleSet::load(&root.join("rules"), catalog)?;
//!
//! let kazakhstan = assess(&rules, &store, &registry, "KAZ", 2025)?;
//! let c2 = &kazakhstan.criteria[1];
//! assert_eq!((c2.number, c2.rating), (2, Rating::Kritisch));
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

pub mod assess;
pub mod audit;
pub mod data;
mod error;
pub mod model;
pub mod present;
pub mod rules;

pub use assess::batch::assess;
pub use data::store::Store;
pub use error::{Error, Problem, Result};
pub use model::assessment::{Assessment, CriterionResult};
pub use model::catalog::Catalog;
pub use model::countries::Registry;
pub use model::facts::Facts;
pub use model::rating::{Lang, Rating};
pub use rules::engine::RuleSet;
