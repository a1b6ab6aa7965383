//! Output files that are never half-written. A single file is written to a temporary
//! file beside its target and renamed over it; a folder of files (the report site) is
//! written into a temporary folder beside the target, which then replaces the old
//! folder. A failure at any point leaves the old file or folder as it was (or, where
//! there was none, nothing) and an error "cannot write PATH: …".

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder a target lives in ("." for a bare name).
fn parent(target: &Path) -> &Path {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn name(target: &Path) -> Result<String> {
    target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::Invalid {
            path: target.to_path_buf(),
            message: "name a file or folder to write (not '.', '..' or '/')".into(),
        })
}

/// Writes `bytes` to `path` through a temporary file in the same folder and one rename.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent(path);
    let prefix = format!(".{}.", name(path)?);
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::write(path, e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_data())
        .map_err(|e| Error::write(path, e))?;
    set_readable(tmp.path(), false).map_err(|e| Error::write(path, e))?;
    tmp.persist(path).map_err(|e| Error::write(path, e.error))?;
    Ok(())
}

/// A folder being written: files go into a temporary folder beside the target, and
/// `commit` puts it in the target's place. Dropped without `commit`, the temporary
/// folder is removed and the target is untouched.
pub struct Staged {
    dir: tempfile::TempDir,
    target: PathBuf,
}

impl Staged {
    /// Starts a new version of `target`, a folder that may exist already. An existing
    /// folder is replaced as a whole, so it may hold only files with one of `kinds` as
    /// extension (what an earlier run wrote): anything else is refused, never deleted.
    pub fn new(target: &Path, kinds: &[&str]) -> Result<Staged> {
        check_replaceable(target, kinds)?;
        let parent = parent(target);
        std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{}.", name(target)?))
            .suffix(".new")
            .tempdir_in(parent)
            .map_err(|e| Error::write(target, e))?;
        Ok(Staged {
            dir,
            target: target.to_path_buf(),
        })
    }

    /// Writes one file; returns the path it will have once committed.
    pub fn write(&self, file: &str, bytes: &[u8]) -> Result<PathBuf> {
        // Errors name the file as the user will know it, not the temporary folder.
        let path = self.target.join(file);
        let fail = |e| Error::write(&path, e);
        let mut f = std::fs::File::create(self.dir.path().join(file)).map_err(fail)?;
        f.write_all(bytes).map_err(fail)?;
        f.sync_data().map_err(fail)?;
        Ok(path)
    }

    /// Replaces the target with what was written: the old folder is moved aside, the
    /// new one renamed into its place, the old one removed. If the second rename
    /// fails, the old folder is moved back.
    pub fn commit(self) -> Result<()> {
        let staged = self.dir.keep();
        let undo = |e: std::io::Error, path: &Path| {
            let _ = std::fs::remove_dir_all(&staged);
            Error::write(path, e)
        };
        set_readable(&staged, true).map_err(|e| undo(e, &self.target))?;
        if !self.target.exists() {
            return std::fs::rename(&staged, &self.target).map_err(|e| undo(e, &self.target));
        }
        let aside = tempfile::Builder::new()
            .prefix(&format!(".{}.", name(&self.target)?))
            .suffix(".old")
            .tempdir_in(parent(&self.target))
            .map_err(|e| undo(e, &self.target))?
            .keep();
        // Renaming a folder onto an empty folder replaces it.
        std::fs::rename(&self.target, &aside).map_err(|e| {
            let _ = std::fs::remove_dir(&aside);
            undo(e, &self.target)
        })?;
        if let Err(e) = std::fs::rename(&staged, &self.target) {
            let _ = std::fs::rename(&aside, &self.target);
            return Err(undo(e, &self.target));
        }
        // The new site is in place; a left-over old copy is only untidy.
        let _ = std::fs::remove_dir_all(&aside);
        Ok(())
    }
}

/// A target that is missing, or a folder holding only files of the given kinds.
fn check_replaceable(target: &Path, kinds: &[&str]) -> Result<()> {
    let refuse = |message: String| Error::Invalid {
        path: target.to_path_buf(),
        message,
    };
    let entries = match std::fs::read_dir(target) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(_) if target.exists() && !target.is_dir() => {
            return Err(refuse(
                "is not a folder — choose a folder for the pages".into(),
            ))
        }
        Err(e) => return Err(Error::io(target, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(target, e))?;
        let path = entry.path();
        let ok = path.is_file()
            && path
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| kinds.contains(&x));
        if !ok {
            return Err(refuse(format!(
                "holds {}, which is not a file this command writes; the folder is replaced as a whole, so choose a new or empty folder",
                path.display()
            )));
        }
    }
    Ok(())
}

/// Temporary files and folders are private (0600/0700); what is written is for
/// everyone who may read the folder.
#[cfg(unix)]
fn set_readable(path: &Path, dir: bool) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = if dir { 0o755 } else { 0o644 };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_readable(_: &Path, _: bool) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_site_leaves_the_old_one() {
        let root = tempfile::tempdir().unwrap();
        let site = root.path().join("site");
        let first = Staged::new(&site, &["html"]).unwrap();
        first.write("index.html", b"old").unwrap();
        first.commit().unwrap();
        let second = Staged::new(&site, &["html"]).unwrap();
        second.write("index.html", b"new").unwrap();
        drop(second); // an error before commit
        assert_eq!(std::fs::read(site.join("index.html")).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
        let third = Staged::new(&site, &["html"]).unwrap();
        third.write("KAZ.html", b"new").unwrap();
        third.commit().unwrap();
        assert!(!site.join("index.html").exists());
        assert_eq!(std::fs::read(site.join("KAZ.html")).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_with_other_files_is_not_replaced() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("notes.txt"), "keep").unwrap();
        let err = Staged::new(root.path(), &["html"]).err().unwrap();
        assert!(err.to_string().contains("notes.txt"), "{err}");
        assert!(Staged::new(Path::new("."), &["html"]).is_err());
    }

    #[test]
    fn a_file_is_replaced_whole() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("a.html");
        write_file(&path, b"one").unwrap();
        write_file(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
        let err = write_file(&root.path().join("missing/a.html"), b"x").unwrap_err();
        assert!(err.to_string().starts_with("cannot write "), "{err}");
    }
}
