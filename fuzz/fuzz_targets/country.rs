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
    let _ = standpunkt::countries::normalize(text);
});
