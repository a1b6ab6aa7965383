//! The shipped catalog and country registry, loaded once per fuzzing process.
#![allow(dead_code)] // each target uses part of it

use standpunkt::model::countries::Registry;
use standpunkt::Catalog;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        Catalog::load(&root().join("indicators/catalog.toml")).expect("shipped catalog loads")
    })
}

pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        Registry::load(&root().join("indicators/countries.csv")).expect("shipped registry loads")
    })
}
