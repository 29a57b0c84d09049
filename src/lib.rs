//! Lectern compiles a training programme — Markdown lessons, SOP checklists, a role
//! hierarchy and a Q&A information center — into a static site and slide decks.
//!
//! The pipeline can be read off the module list, each depending only on those above it:
//!
//! - [`diag`], [`yaml`], [`config`], [`model`], [`urls`]: diagnostics, YAML parsing, the
//!   typed model with its ids and indexes, where each page lives;
//! - [`load`]: files → model (`discover` reads, `parse` is pure);
//! - [`markdown`]: one Markdown pass per document → slides, notes, headings, search text;
//! - [`validate`]: cross-references resolved against an index, with spans; titles, anchors;
//! - [`compile`]: load + validate + Markdown → `Compiled`, every fact worked out once;
//! - [`search`]: the search index (and the same ranking the browser runs);
//! - [`render`]: the theme's Tera templates → pages and slide decks;
//! - [`emit`]: staging folder, atomic swap, output-folder guard, PDF through Chromium;
//! - [`build`]: orchestration of build, check and deck; [`serve`]: watch mode;
//!   [`scaffold`]: `lectern new`.

pub mod build;
pub mod compile;
pub mod config;
pub mod diag;
pub mod emit;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod load;
pub mod markdown;
pub mod model;
pub mod offline;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
mod timing;
pub mod urls;
pub mod validate;
pub mod yaml;
