//! standpunkt: rates countries against the eight criteria of the EU Common Position
//! on arms exports (2008/944/CFSP) with Rhai rules that explain themselves.

pub mod countries;
pub mod import;
pub mod value;
