//! The release a file names in its `version` column, so that an importer labels values
//! with the release it reads rather than the one it was written for. The publisher's next
//! release then imports under its own edition and can be re-scored without a code change.
//! Every row names the release; a file whose rows name two is refused.
//!
//! - **UCDP** numbers each annual release by the year it comes out, and each release
//!   covers the years up to the one before. The shipped files show it: ACD 25.1 covers
//!   1946–2024, ACD 24.1 1946–2023, OSV 23.1 and NSC 23.1 1989–2022 (`ucdp/SOURCE.txt`,
//!   `ucdp-onesided/SOURCE.txt`: "version = 25.1 on every row"). A release "YY.N" is
//!   therefore published in 20YY and covers its first year up to 20YY − 1.
//! - **Powell & Thyne** date their list, which they update as coups happen:
//!   "V2020.10.13" is the list as of 13 October 2020 (`coups-powell-thyne/SOURCE.txt`:
//!   "Version string in every row"), published 2020 and covering up to that year.

use super::{fixed_digits, ImportError, Observation};
use crate::model::value::Value;
use std::ops::RangeInclusive;
use std::path::Path;

/// One release, as the file's rows name it.
#[derive(Debug, Clone, PartialEq)]
pub struct Release {
    /// The edition label of every value: the dataset's short name and the version
    /// ("UCDP/PRIO ACD 25.1", "Powell & Thyne 2020.10.13").
    pub edition: String,
    /// The year the release was published.
    pub published: i32,
    /// The data years the release covers.
    pub years: RangeInclusive<i32>,
    /// The `version` cell as written ("25.1"), which every row must repeat.
    version: String,
}

impl Release {
    /// A value of this release.
    pub(crate) fn observation(
        &self,
        country: &str,
        indicator: &str,
        year: i32,
        value: Value,
        row: usize,
    ) -> Observation {
        Observation::of(
            self.published,
            &self.edition,
            country,
            indicator,
            year,
            value,
            row,
        )
    }
}

/// How a publisher writes its release in `version`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scheme {
    /// UCDP's "25.1", for the dataset with short name `dataset` ("UCDP OSV") whose data
    /// starts in `first`.
    Ucdp { dataset: &'static str, first: i32 },
    /// Powell & Thyne's "V2020.10.13"; their list starts in 1950.
    PowellThyne,
}

/// The years between a UCDP release and the last year it covers (release 25.1, of 2025,
/// covers to 2024); the fill of a UCDP source's census takes the same lag.
pub(crate) const UCDP_LAG: i32 = 1;

/// Powell & Thyne's list covers the year it is dated in.
pub(crate) const POWELL_THYNE_LAG: i32 = 0;

impl Scheme {
    fn publisher(self) -> &'static str {
        match self {
            Scheme::Ucdp { .. } => "UCDP",
            Scheme::PowellThyne => "Powell & Thyne",
        }
    }

    /// The release a `version` cell names.
    fn parse(self, cell: &str) -> Result<Release, String> {
        let version = cell.trim().to_string();
        match self {
            Scheme::Ucdp { dataset, first } => {
                let major = version
                    .split_once('.')
                    .filter(|(_, minor)| {
                        !minor.is_empty() && minor.bytes().all(|b| b.is_ascii_digit())
                    })
                    .and_then(|(major, _)| fixed_digits(major, 2))
                    .ok_or_else(|| {
                        format!("version: expected a UCDP release number such as \"25.1\", found {cell:?}")
                    })?;
                let published = 2000 + major;
                Ok(Release {
                    edition: format!("{dataset} {version}"),
                    published,
                    years: first..=published - UCDP_LAG,
                    version,
                })
            }
            Scheme::PowellThyne => {
                let date = version.strip_prefix('V').unwrap_or(&version);
                let parts: Vec<&str> = date.split('.').collect();
                let dated = match parts[..] {
                    [y, m, d] => (fixed_digits(y, 4), fixed_digits(m, 2), fixed_digits(d, 2)),
                    _ => (None, None, None),
                };
                match dated {
                    // The list was first published in 2011.
                    (Some(year @ 2011..), Some(1..=12), Some(1..=31)) => Ok(Release {
                        edition: format!("Powell & Thyne {date}"),
                        published: year,
                        years: 1950..=year - POWELL_THYNE_LAG,
                        version: version.clone(),
                    }),
                    _ => Err(format!(
                        "version: expected a date such as \"V2020.10.13\", found {cell:?}"
                    )),
                }
            }
        }
    }
}

/// Reads the release row by row: the first row names it, and every later row must name
/// the same one (a file that mixes releases was put together by hand and cannot be
/// labelled).
pub(crate) struct ReleaseReader {
    scheme: Scheme,
    release: Option<Release>,
}

impl ReleaseReader {
    /// For a file whose `version` cells follow `scheme`.
    pub(crate) fn new(scheme: Scheme) -> ReleaseReader {
        ReleaseReader {
            scheme,
            release: None,
        }
    }

    /// The release of a row whose `version` cell is `cell`, or the message for its row.
    pub(crate) fn row(&mut self, cell: &str) -> Result<&Release, String> {
        match &self.release {
            None => {
                self.release = Some(self.scheme.parse(cell)?);
            }
            Some(release) if release.version != cell.trim() => {
                return Err(format!(
                    "version {:?}, but the rows before it are release {} — the file mixes {} releases; import one release as {} publish it",
                    cell.trim(),
                    release.version,
                    self.scheme.publisher(),
                    self.scheme.publisher()
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
                "year {year} is after {}, the last year of {}, the release the file's version column names — the row belongs to a later release, or the file is not as published",
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

    /// The index of the `version` column, or an error that says what it is for.
    pub(crate) fn column(&self, header: &[String], path: &Path) -> Result<usize, ImportError> {
        let publisher = self.scheme.publisher();
        header
            .iter()
            .position(|h| h.trim() == "version")
            .ok_or_else(|| ImportError::Format {
                path: path.to_path_buf(),
                message: format!("no column 'version': {publisher}'s files name their release in it, and the importer labels every value with that release — import the file as {publisher} ship it, not a copy with columns removed"),
            })
    }
}
