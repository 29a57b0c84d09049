//! Lectern compiles a training programme — Markdown lessons, SOP checklists, a role
//! hierarchy and a Q&A information center — into a static site and slide decks.
//!
//! The pipeline can be read off the module list, each depending only on those above it:
//!
//! - [`diag`], [`yaml`], [`config`], [`model`]: diagnostics, YAML parsing, the typed model;
//! - [`load`]: files → model;
//! - [`markdown`]: one Markdown pass per document → slides, notes, headings, search text;
//! - [`validate`]: cross-references resolved against an index, with spans;
//! - [`render`]: Tera templates → pages and slide decks;
//! - [`search`]: the search index (and the same ranking the browser runs);
//! - [`emit`]: staging folder, atomic swap, output-folder guard, PDF through Chromium;
//! - [`build`]: the pipeline end to end; [`serve`]: watch mode; [`scaffold`]: `lectern new`.

pub mod build;
pub mod compile;
pub mod config;
pub mod diag;
pub mod emit;
#[doc(hidden)]
pub mod fuzzing;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
mod timing;
pub mod urls;
pub mod validate;
pub mod yaml;
