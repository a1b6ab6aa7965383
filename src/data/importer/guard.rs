//! One import at a time, and no leftovers from an interrupted one. The lock is an
//! advisory lock on the `indicators/` folder itself (std's `File::lock`, flock on Unix),
//! so taking it writes nothing there and it is released when the process ends, however
//! it ends.

use crate::error::{Error, Result};
use std::fs::File;
use std::path::Path;

/// Held while an import runs; released on drop.
pub struct ImportLock {
    _file: File,
}

impl ImportLock {
    /// Takes the lock on `indicators`; if another import holds it, says so on stderr
    /// and waits for it to finish.
    pub fn acquire(indicators: &Path) -> Result<ImportLock> {
        let file = File::open(indicators).map_err(|e| Error::io(indicators, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                eprintln!(
                    "waiting: another import into {} is running (it holds the import lock)",
                    indicators.display()
                );
                file.lock().map_err(|e| Error::io(indicators, e))?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(indicators, e)),
        }
        Ok(ImportLock { _file: file })
    }
}

/// Cleans what an import interrupted between its two renames leaves in `indicators`:
/// a staging folder `.<source>.importing` is removed; a `.<source>.replaced` (the
/// previous data) is put back if the source's folder is missing, else removed. Call
/// only while holding the [`ImportLock`].
pub fn clean_stale(indicators: &Path) -> Result<()> {
    let entries = std::fs::read_dir(indicators).map_err(|e| Error::io(indicators, e))?;
    for entry in entries {
        let path = entry.map_err(|e| Error::io(indicators, e))?.path();
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        let io = |e| Error::io(&path, e);
        if let Some(source) = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".importing"))
        {
            eprintln!("removing the staging folder of an interrupted import of {source}");
            std::fs::remove_dir_all(&path).map_err(io)?;
        } else if let Some(source) = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".replaced"))
        {
            let target = indicators.join(source);
            if target.exists() {
                std::fs::remove_dir_all(&path).map_err(io)?;
            } else {
                eprintln!("restoring indicators/{source} from an interrupted import");
                std::fs::rename(&path, &target).map_err(io)?;
            }
        }
    }
    Ok(())
}
