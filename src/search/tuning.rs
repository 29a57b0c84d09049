//! The numbers that shape an answer, which the Rust query and `search.js` must agree on.
//! They live here only: the index carries them ([`super::Index::tuning`]) and
//! [`super::files`] writes them into `search/meta.js`, where `search.js` reads them, so the
//! browser has no copy to fall out of step.

use serde::Serialize;

/// How a query is cut and ranked; written into `meta.js` as `tuning` (camelCase keys).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tuning {
    /// Whitespace-separated parts of a query that count; the rest are ignored, so a pasted
    /// paragraph cannot make one keystroke load every shard.
    pub max_parts: usize,
    /// The last word of a query still being typed is matched as a prefix once it has this
    /// many characters (fewer would expand to most of the vocabulary).
    pub prefix_min_chars: usize,
    /// Terms a typed prefix may expand to.
    pub prefix_expansions: usize,
    /// A glossary name found inside a part (not the whole part) counts only from this many
    /// characters, so one-letter aliases do not match every part.
    pub glossary_min_chars: usize,
    /// How many top candidates get the phrase check (and their record blocks loaded, in JS).
    pub rerank: usize,
    /// Sections shown beneath their page in one result.
    pub sections: usize,
    /// BM25 saturation: how quickly more occurrences stop adding to a term's score.
    pub k1: f64,
    /// Postings hold each BM25F pseudo-frequency times this, rounded to an integer.
    pub weight_scale: f64,
}

impl Tuning {
    pub const DEFAULT: Tuning = Tuning {
        max_parts: 8,
        prefix_min_chars: 2,
        prefix_expansions: 30,
        glossary_min_chars: 2,
        rerank: 20,
        sections: 3,
        k1: 1.2,
        weight_scale: 10.0,
    };
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning::DEFAULT
    }
}
