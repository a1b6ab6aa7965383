//! Output for readers: text tables and traces, Markdown, HTML pages with the world map,
//! the Excel workbook and terminal colour. The only layer that knows a reader's
//! language and writes sentences; everything below hands it data.

pub mod colour;
pub mod json;
pub mod map;
pub mod render;
pub mod render_audit;
pub mod render_diff;
pub mod report;
pub(crate) mod table;
pub mod xlsx;
