//! The shipped data and code tables, one test binary: the code tables against the sources
//! (`codes`), every source's countries in the registry (`countries_cover_sources`), the
//! 2025 editions as published (`editions_2025`), and one real case per input of criteria
//! 1, 5, 8 (`shipped_troops_embargoes`), 6, 7 (`treaty_data`) and 2–4
//! (`violence_real_data`). One binary, because they share their setup (the shipped store,
//! the raw files in ../shared); the per-country snapshots stay in `tests/shipped_data.rs`.

#[path = "../common/mod.rs"]
mod common;
#[path = "../import_common/mod.rs"]
mod import_common;

mod codes;
mod countries_cover_sources;
mod editions_2025;
mod shipped_troops_embargoes;
mod treaty_data;
mod violence_real_data;
