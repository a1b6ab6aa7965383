//! `whatif --set ID=VALUE` and `--from FILE`: parsing never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

#[path = "shipped.rs"]
mod shipped;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let catalog = shipped::catalog();
    let _ = standpunkt::audit::whatif::parse_set(catalog, text);
    let _ = standpunkt::audit::whatif::parse_file(Path::new("fuzz.toml"), text, catalog);
});
