//! Shared helpers for the integration tests.
#![allow(dead_code)]

use standpunkt::{Catalog, RuleSet};
use std::path::{Path, PathBuf};

/// A path inside the crate, independent of the directory the test runs in.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

pub fn catalog() -> Catalog {
    Catalog::load(&repo("indicators/catalog.toml")).expect("catalog loads")
}

/// The shipped rules.
pub fn rules() -> RuleSet {
    RuleSet::load(&repo("rules"), catalog()).expect("shipped rules load")
}

/// The shipped data: the store under indicators/ and the country registry.
pub fn store() -> (standpunkt::store::Store, standpunkt::countries::Registry) {
    let store =
        standpunkt::store::Store::load(&repo("indicators"), &repo("rules/data.toml"), &catalog())
            .expect("shipped data loads");
    let registry = standpunkt::countries::Registry::load(&repo("indicators/countries.csv"))
        .expect("registry loads");
    (store, registry)
}
