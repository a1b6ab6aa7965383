//! The UCDP release a file holds, from its `version` column, so that the three UCDP
//! importers label values with the release they read rather than the one they were written
//! for. The publisher's next release then imports under its own edition, and it can be
//! re-scored without a code change.
//!
//! UCDP numbers each annual release by the year it comes out, and each release covers the
//! years up to the one before. The shipped files show it: ACD 25.1 covers 1946–2024, ACD 24.1
//! covers 1946–2023, OSV 23.1 and NSC 23.1 cover 1989–2022 (`ucdp/SOURCE.txt`,
//! `ucdp-onesided/SOURCE.txt`: "version = 25.1 on every row"). A release "YY.N" is therefore
//! published in 20YY and covers its first year up to 20YY − 1.

use super::ImportError;
use std::ops::RangeInclusive;
use std::path::Path;

/// One release of a UCDP dataset, as the file's rows name it.
#[derive(Debug, Clone, PartialEq)]
pub struct Release {
    /// The edition label of every value: the dataset's short name and the version
    /// ("UCDP/PRIO ACD 25.1").
    pub edition: String,
    /// The year UCDP published the release.
    pub published: i32,
    /// The data years the release covers.
    pub years: RangeInclusive<i32>,
    /// The `version` cell as written ("25.1"), which every row must repeat.
    version: String,
}

impl Release {
    /// The release a `version` cell names ("25.1"), for a dataset that starts in `first`.
    fn parse(cell: &str, dataset: &str, first: i32) -> Result<Release, String> {
        let version = cell.trim();
        let major = version
            .split_once('.')
            .filter(|(_, minor)| !minor.is_empty() && minor.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|(major, _)| major.parse::<i32>().ok())
            .filter(|major| (10..=99).contains(major))
            .ok_or_else(|| {
                format!("version: expected a UCDP release number such as \"25.1\", found {cell:?}")
            })?;
        let published = 2000 + major;
        Ok(Release {
            edition: format!("{dataset} {version}"),
            published,
            years: first..=published - 1,
            version: version.to_string(),
        })
    }
}

/// Reads the release row by row: the first row names it, and every later row must name
/// the same one (a file that mixes releases was put together by hand and cannot be
/// labelled).
pub(crate) struct ReleaseReader {
    dataset: &'static str,
    first: i32,
    release: Option<Release>,
}

impl ReleaseReader {
    /// For the dataset with short name `dataset` ("UCDP OSV") whose data starts in `first`.
    pub(crate) fn new(dataset: &'static str, first: i32) -> ReleaseReader {
        ReleaseReader {
            dataset,
            first,
            release: None,
        }
    }

    /// The release of a row whose `version` cell is `cell`, or the message for its row.
    pub(crate) fn row(&mut self, cell: &str) -> Result<&Release, String> {
        match &self.release {
            None => {
                self.release = Some(Release::parse(cell, self.dataset, self.first)?);
            }
            Some(release) if release.version != cell.trim() => {
                return Err(format!(
                    "version {:?}, but the rows before it are release {} — the file mixes UCDP releases; import one release as UCDP publishes it",
                    cell.trim(),
                    release.version
                ));
            }
            Some(_) => {}
        }
        Ok(self.release.as_ref().expect("set above"))
    }

    /// The release the rows so far named, if any.
    pub(crate) fn current(&self) -> Option<&Release> {
        self.release.as_ref()
    }

    /// The message for a data year the row's release does not cover.
    pub(crate) fn year_outside(release: &Release, year: i32) -> String {
        match year > *release.years.end() {
            true => format!(
                "year {year} is after {}, the last year of {}, the release the file's version column names — the row belongs to a later release, or the file is not as UCDP published it",
                release.years.end(),
                release.edition
            ),
            false => format!(
                "year {year} is before {}, the first year of {}",
                release.years.start(),
                release.edition
            ),
        }
    }

    /// The file's release once every row is read: None for a file without rows. (A
    /// release cut short before its last year is refused by the shared step's census
    /// check, which fills up to that year.)
    pub(crate) fn finish(self) -> Option<Release> {
        self.release
    }
}

/// The index of the `version` column, or an error that says what it is for.
pub(crate) fn version_column(header: &[String], path: &Path) -> Result<usize, ImportError> {
    header
        .iter()
        .position(|h| h.trim() == "version")
        .ok_or_else(|| ImportError::Format {
            path: path.to_path_buf(),
            message: "no column 'version': UCDP's files name their release in it, and the importer labels every value with that release — import the file as UCDP ships it, not a copy with columns removed".into(),
        })
}
