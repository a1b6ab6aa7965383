//! Running the rules over the data: one country as of one year, or every country over
//! many years, with the rule set from `rules/` and the facts from `data/`.

pub mod batch;
