//! A fact file (TOML) as a user writes it: parsing and checking never panic, and what
//! is accepted is within the catalog.
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
    if let Ok(facts) = standpunkt::Facts::parse(Path::new("fuzz.toml"), text, catalog) {
        for (id, fact) in facts.values.iter() {
            let indicator = catalog.get(id).expect("accepted ids are declared");
            indicator
                .check(Path::new("fuzz.toml"), &fact.value)
                .expect("accepted values are in range");
        }
    }
});
