//! A publisher's ZIP archive (UCDP ships each dataset as one, `ucdp-prio-acd-251-csv.zip`):
//! its one data file is read as if it had been unzipped, under its own name (the HDI
//! importer reads the edition from the name), and errors name it inside the archive.

use crate::data::import::ImportError;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The data file of an archive, unpacked into a folder that goes with this value.
pub(crate) struct Unpacked {
    _dir: tempfile::TempDir,
    /// Where the unpacked file is.
    pub path: PathBuf,
    /// How messages name it: `archive.zip/inner.csv`.
    pub shown: PathBuf,
}

/// The extensions of the files an importer reads.
const DATA: &[&str] = &["csv", "tsv", "txt", "xlsx", "xls"];

/// The archive's data file, unpacked; None for a file that is not a `.zip` archive (an
/// xlsx workbook is a ZIP too, and is read as it is).
pub(crate) fn unpack(file: &Path) -> Result<Option<Unpacked>> {
    let is_zip = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if !is_zip || file.is_dir() {
        return Ok(None);
    }
    let bad = |message: String| Error::Invalid {
        path: file.to_path_buf(),
        message,
    };
    let reader = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
    let mut archive = zip::ZipArchive::new(reader)
        .map_err(|e| bad(format!("not a readable ZIP archive ({e}) — download it again, or unzip it and import the data file")))?;
    let names: Vec<String> = archive
        .file_names()
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| bad(format!("cannot read the archive's entries ({e}) — download it again, or unzip it and import the data file")))?
        .into_iter()
        .map(|n| n.into_owned())
        .filter(|n| !n.ends_with('/') && !n.starts_with("__MACOSX/"))
        .collect();
    let data: Vec<&String> = names
        .iter()
        .filter(|n| {
            Path::new(n)
                .extension()
                .is_some_and(|e| DATA.iter().any(|d| e.eq_ignore_ascii_case(d)))
        })
        .collect();
    let [name] = data[..] else {
        return Err(bad(match names.is_empty() {
            true => "the archive is empty — download it again".to_string(),
            false => format!(
                "the archive holds {}: {} data files ({}) where an import reads one — unzip it and import the file that holds the data",
                names.join(", "),
                data.len(),
                DATA.join(", ")
            ),
        }));
    };
    let base = Path::new(name)
        .file_name()
        .expect("an entry that is not a folder has a name");
    let dir = tempfile::Builder::new()
        .prefix("standpunkt-unzip-")
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let path = dir.path().join(base);
    let mut entry = archive
        .by_name(name)
        .map_err(|e| bad(format!("cannot read {name} in the archive: {e}")))?;
    let mut out = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
    std::io::copy(&mut entry, &mut out).map_err(|e| {
        bad(format!(
            "cannot unpack {name}: {e} — the archive may be damaged"
        ))
    })?;
    Ok(Some(Unpacked {
        _dir: dir,
        path,
        shown: file.join(name),
    }))
}

impl Unpacked {
    /// An importer's error about the unpacked file, naming it inside the archive.
    pub(crate) fn name_in_archive(&self, error: ImportError) -> ImportError {
        let shown = || self.shown.clone();
        match error {
            ImportError::Io { path, source } if path == self.path => ImportError::Io {
                path: shown(),
                source,
            },
            ImportError::Malformed { path, row, message } if path == self.path => {
                ImportError::Malformed {
                    path: shown(),
                    row,
                    message,
                }
            }
            ImportError::Format { path, message } if path == self.path => ImportError::Format {
                path: shown(),
                message,
            },
            other => other,
        }
    }
}
