//! Importers: one module per published source. Each reads the file exactly as the
//! publisher ships it and returns observations keyed by the country as the source
//! names it; resolving names to ISO codes, range checks against the catalog and
//! writing `indicators/<source>/` happen in one shared step, so every importer gets
//! the same guarantees (unmatched names listed, nothing written on failure).

pub mod coups;
pub mod cpi;
pub mod freedomhouse;
pub mod fsi;
pub mod gmi;
mod grid;
pub mod hdi;
pub mod pts;
pub mod sipri;
mod table;
pub mod wgi;
pub mod who;

use crate::model::value::Value;
use std::path::PathBuf;

/// One value read from a source file.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The country exactly as the source writes it (a name or a code).
    pub country: String,
    /// Catalog id, e.g. `"fh.total"`.
    pub indicator: String,
    /// The year the value describes.
    pub year: i32,
    /// The year the edition was published: an assessment as of year Y only sees
    /// editions published in or before Y.
    pub published: i32,
    /// Edition label shown in traces, e.g. `"FIW 2024"`.
    pub edition: String,
    /// The value, as the source gives it (checked against the catalog later).
    pub value: Value,
    /// 1-based row in the source file (header = row 1), for error messages.
    pub row: usize,
}

impl Observation {
    /// A value of one edition (published that year under that label), as importers that
    /// derive several indicators per row build them.
    pub fn of(
        published: i32,
        edition: &str,
        country: &str,
        indicator: &str,
        year: i32,
        value: Value,
        row: usize,
    ) -> Observation {
        Observation {
            country: country.into(),
            indicator: indicator.into(),
            year,
            published,
            edition: edition.into(),
            value,
            row,
        }
    }
}

/// Labels a release that holds a series up to its last data year and is published the
/// year after (PTS, SIPRI, GMI, WGI: each annual release adds the year before): every
/// value gets that publication year and `label(year)` as its edition. So the publisher's
/// next release, read by the same importer, is labelled as what it is instead of as the
/// release the importer was written for.
pub(crate) fn label_release(out: &mut [Observation], label: impl Fn(i32) -> String) {
    let Some(last) = out.iter().map(|o| o.year).max() else {
        return;
    };
    let release = last + 1;
    let edition = label(release);
    for o in out {
        o.published = release;
        o.edition.clone_from(&edition);
    }
}

/// The number written with exactly `len` ASCII digits ("05", "2020"), as release labels
/// write years and months; None for anything else ("+5", "5", "2o20").
pub(crate) fn fixed_digits(s: &str, len: usize) -> Option<i32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

/// The message for a data year outside the years of the release an importer reads: a
/// year after them is most likely the publisher's next release, which the importer must
/// be told about (its edition, years and census) before it can label the values.
pub(crate) fn year_outside(
    year: i32,
    years: &std::ops::RangeInclusive<i32>,
    edition: &str,
) -> String {
    match year > *years.end() {
        true => format!(
            "year {year} is after {}, the last year of {edition}, the release this importer reads — a newer release needs the importer's edition and years updated (src/data/import/, src/data/sources.rs)",
            years.end()
        ),
        false => format!("year {year} outside {years:?} ({edition})"),
    }
}

/// Why a source file could not be read.
#[derive(Debug, thiserror::Error)]
#[allow(missing_docs)] // each variant's #[error] message says what it is and names its fields
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{row}: {message}")]
    Malformed {
        path: PathBuf,
        row: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
}

pub mod borders;
pub mod dated;
pub mod embargo_scope;
pub mod embargoes2024;
pub mod export_regimes;
pub mod geopko;
pub mod release;
mod rows;
pub mod sanctions;
pub mod treaties_ieadb;
pub mod treaties_unoda;
pub mod treaties_untc2015;
pub mod treaties_untc2026;
pub mod treaties_untc_xxvi;
pub mod treaties_wikipedia2016;
pub mod ucdp;
pub mod ucdp_nonstate;
pub mod ucdp_onesided;
pub mod un_missions;
pub mod us_troops;
pub mod wassenaar_snapshots;
