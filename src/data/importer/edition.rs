//! A newer release under an old label. Some importers label their values with the
//! edition they were written for (GSDB V3, Geo-PKO v2.3, Colpus 1.1, …; those of UCDP,
//! Powell & Thyne, the HDI and the annual series read it from the file); the publisher's
//! next release read by such an importer would carry that label with data for later
//! years, and so would a file that names its release wrongly. The folder holds the
//! label's last data year: a file that goes past it under the same label is refused,
//! instead of filing new data as the old edition.

use crate::data::dataset::{Dataset, Record};
use std::collections::BTreeMap;

/// Each edition the folder and the new records share, where the new records run past
/// the folder's last year of it: (edition, its last year in the folder, the new last year).
pub(crate) fn beyond_label(previous: &Dataset, new: &[Record]) -> Vec<(String, i32, i32)> {
    let before = last_years(&previous.records);
    last_years(new)
        .into_iter()
        .filter_map(|(edition, now)| {
            let then = *before.get(edition)?;
            (now > then).then(|| (edition.to_string(), then, now))
        })
        .collect()
}

/// The last data year of each edition among `records`.
fn last_years(records: &[Record]) -> BTreeMap<&str, i32> {
    let mut last: BTreeMap<&str, i32> = BTreeMap::new();
    for r in records {
        let year = last.entry(&r.edition).or_insert(r.year);
        *year = (*year).max(r.year);
    }
    last
}
