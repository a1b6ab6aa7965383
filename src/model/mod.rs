//! The vocabulary every other layer speaks: the indicator catalog, values, ratings, the
//! country registry and code tables, a country's facts, and the result of an assessment
//! with its trace. Nothing here reads rules or runs them.
//!
//! The assessment and the trace are here, not in `assess/`, because the engine in
//! `rules/` builds them: they are what a rule's outcome is, as data.

pub mod assessment;
pub mod catalog;
pub mod codes;
pub mod countries;
pub mod facts;
pub mod origin;
pub mod rating;
pub mod trace;
pub mod value;
