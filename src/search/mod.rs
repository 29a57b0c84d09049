//! Search: Chinese-first full-text search that works from a USB stick.
//!
//! [`records`] turns the parsed content into records, [`index`] weighs (with `weigh`) and
//! shards their terms, [`files`] writes them as script files, [`query`] answers queries exactly as the
//! browser does (`themes/default/static/search.js`), with the tokenizer of [`tokenize`] and
//! the numbers of [`tuning`], which the browser reads from the index. [`live`] keeps an
//! index up to date through `serve`'s edits, rewriting only the files an edit changes.

pub mod files;
pub mod index;
pub mod live;
pub mod postings;
pub mod query;
pub mod records;
pub mod tokenize;
pub mod tuning;
mod weigh;

pub use index::{build, Index};
pub use live::{LiveIndex, Refresh};
pub use postings::Postings;
pub use query::{search, search_filtered, Filter, Hit, PageHit};
pub use records::{collect, lesson_records, Kind, Record};
pub use tuning::Tuning;
