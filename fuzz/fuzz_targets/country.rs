//! The country lookup (what a user types, what a publisher writes): never panics, and a
//! found country is one of the registry's.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "shipped.rs"]
mod shipped;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let registry = shipped::registry();
    if let Ok(country) = registry.resolve(text) {
        assert!(registry.get(&country.iso3).is_some());
    }
    // What a user types: an exact match there is an exact match here, unless ambiguous.
    match registry.lookup(text) {
        Ok(country) => assert!(registry.get(&country.iso3).is_some()),
        Err(standpunkt::model::countries::CountryError::Ambiguous { candidates, .. }) => {
            assert!(candidates.len() >= 2)
        }
        Err(_) => assert!(registry.resolve(text).is_err()),
    }
    let _ = standpunkt::model::countries::normalize(text);
});
