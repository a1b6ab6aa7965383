//! The importers and the shared import step, one test binary: each module tests one
//! published source on its excerpt under `fixtures/import/<source>/` (or on the real file
//! in ../shared when present), and `pipeline`, `refusals`, `dry_run`, `archive` and `lock` test the
//! step every import goes through. One binary, because they share their setup, and each
//! test binary is compiled and linked on its own: one link instead of 29.

#[path = "../common/mod.rs"]
mod common;
#[path = "../import_common/mod.rs"]
mod import_common;

mod archive;
mod borders;
mod coups;
mod cpi;
mod dry_run;
mod embargoes;
mod export_regimes;
mod freedomhouse;
mod fsi;
mod gmi;
mod hdi;
mod lock;
mod pipeline;
mod pts;
mod refusals;
mod release_labels;
mod sanctions;
mod sipri;
mod treaties_ieadb;
mod treaties_unoda;
mod treaties_untc2015;
mod treaties_untc2026;
mod treaties_untc_xxvi;
mod treaties_wikipedia2016;
mod troops;
mod ucdp;
mod ucdp_nonstate;
mod ucdp_onesided;
mod wassenaar_snapshots;
mod wgi;
mod who;
