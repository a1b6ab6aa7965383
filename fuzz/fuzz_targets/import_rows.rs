//! Every importer's row reader on a file of arbitrary content: the first byte picks the
//! reader, the rest is the file. Reading never panics; a bad file is an ImportError.
#![no_main]

use libfuzzer_sys::fuzz_target;
use standpunkt::data::import::{self, ImportError};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[path = "shipped.rs"]
mod shipped;

type Reader = fn(&Path) -> Result<usize, ImportError>;

/// The readers, in the order of the selector byte (seeds in fuzz/seeds/import_rows are
/// named by it).
const READERS: &[(&str, Reader)] = &[
    ("borders", |p| import::borders::read(p).map(|v| v.len())),
    ("cpi", |p| import::cpi::read(p).map(|v| v.len())),
    ("export_regimes", |p| import::export_regimes::read(p).map(|v| v.len())),
    ("gmi", |p| import::gmi::read(p).map(|v| v.len())),
    ("hdi", |p| import::hdi::read(p).map(|v| v.len())),
    ("pts", |p| import::pts::read(p).map(|v| v.len())),
    ("sanctions", |p| import::sanctions::read(p).map(|v| v.len())),
    ("treaties_untc2026", |p| import::treaties_untc2026::read(p).map(|v| v.len())),
    ("treaties_wikipedia2016", |p| import::treaties_wikipedia2016::read(p).map(|v| v.len())),
    ("ucdp", |p| import::ucdp::read(p).map(|v| v.len())),
    ("ucdp_conflict_years", |p| import::ucdp::conflict_years(p).map(|v| v.len())),
    ("ucdp_active_parties", |p| import::ucdp::active_parties(p).map(|v| v.len())),
    ("wgi", |p| import::wgi::read(p).map(|v| v.len())),
    ("who", |p| import::who::read(p).map(|v| v.len())),
    ("freedomhouse", |p| import::freedomhouse::read(p).map(|v| v.len())),
    ("sipri", |p| import::sipri::read(p).map(|v| v.len())),
    ("treaties_untc2015_index", untc2015),
    ("treaties_untc2015_table", untc2015),
];

/// A private folder per process: a copy of the UN treaty fixture (a folder, not a file).
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("standpunkt-fuzz-{}", std::process::id()));
        let untc = dir.join("untc2015");
        std::fs::create_dir_all(untc.join("treaties")).unwrap();
        let fixture = shipped::root().join("fixtures/import/treaties-untc-2015");
        std::fs::copy(fixture.join("index.csv"), untc.join("index.csv")).unwrap();
        for entry in std::fs::read_dir(fixture.join("treaties")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), untc.join("treaties").join(entry.file_name())).unwrap();
        }
        dir
    })
}

fn untc2015(_: &Path) -> Result<usize, ImportError> {
    import::treaties_untc2015::read(&scratch().join("untc2015")).map(|v| v.len())
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    let (name, read) = READERS[selector as usize % READERS.len()];
    let dir = scratch();
    let untc = dir.join("untc2015");
    let target = match name {
        "treaties_untc2015_index" => untc.join("index.csv"),
        "treaties_untc2015_table" => untc.join("treaties/26-8.csv"),
        // The HDI importer reads the edition from UNDP's file name.
        "hdi" => dir.join("HDR23-24_input.csv"),
        _ => dir.join("input"),
    };
    let original = name
        .starts_with("treaties_untc2015")
        .then(|| std::fs::read(&target).unwrap());
    std::fs::write(&target, content).unwrap();
    let _ = read(&target);
    if let Some(original) = original {
        std::fs::write(&target, original).unwrap();
    }
});
