//! The search index: BM25F weights computed at build time, postings sharded by term into
//! classic `<script>` files that work over `file://` (no fetch, no modules, no wasm).
//!
//! Files under `search/` (written by [`super::files`]): `meta.js` (counts, shard counts,
//! where each block of records starts, kinds, roles, glossary), `t-N.js` (the postings of the
//! words, character pairs and glossary entries whose shard is N), `c-N.js` (the same for
//! single characters), `d-N.js` (block N of records, with their whole text) and `r-N.js`
//! (which records concern role N). A query loads the meta, one shard per term and the
//! blocks of the records it ranks and shows.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::records::{pages, Record};
use super::tokenize::{for_each_index_term, is_han, normalize};
use super::tuning::Tuning;
use crate::model::GlossaryEntry;

/// A record's distinct terms (slices of its normalized text) and glossary entries, each
/// with its BM25F weight × `Tuning::weight_scale`.
type RecordTerms<'a> = (Vec<(&'a str, u32)>, Vec<(usize, u32)>);

/// Records weighed in parallel at a time while building postings.
const POSTING_CHUNK: usize = 4096;

pub const FIELD_WEIGHTS: [f64; 4] = [4.0, 2.0, 1.5, 1.0];
const FIELD_B: [f64; 4] = [0.5, 0.5, 0.3, 0.75];
/// Aim for term shards of about this many bytes.
const SHARD_BYTES: usize = 48 * 1024;

pub struct Index {
    pub records: Vec<Record>,
    /// term → (record, BM25F term weight × `tuning.weight_scale`), by record.
    pub postings: BTreeMap<String, Vec<(u32, u32)>>,
    /// Normalized names (term and aliases) of each glossary entry; entry `i` is indexed
    /// as the term `g:i`.
    pub glossary: Vec<Vec<String>>,
    /// How many `t-N.js` files there are (words, pairs, glossary entries).
    pub shards: u32,
    /// How many `c-N.js` files there are (single characters).
    pub char_shards: u32,
    /// The page each record is on, as the id of the page's first record ([`pages`]).
    pub pages: Vec<u32>,
    /// The numbers queries are answered with, here and (through `meta.js`) in the browser.
    pub tuning: Tuning,
}

/// FNV-1a over UTF-8 bytes: the same in `search.js`.
pub fn fnv1a(s: &str) -> u32 {
    s.bytes()
        .fold(0x811c9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x01000193))
}

/// Which shard holds `term`. Words are placed by their first two characters so that a
/// prefix (the word being typed) needs one shard only.
pub fn shard_of(term: &str, shards: u32) -> u32 {
    let key: String = if term.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) {
        term.chars().take(2).collect()
    } else {
        term.to_string()
    };
    fnv1a(&key) % shards.max(1)
}

/// Whether `term` is a single Han character. Those are kept in files of their own
/// (`c-N.js`): a common character is in most records, and only a query of one character
/// needs its list, so no other query should load it along with its shard.
pub fn is_char_term(term: &str) -> bool {
    let mut chars = term.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_han(c))
}

impl Index {
    /// The file holding `term`'s postings: `('c', N)` for `c-N.js`, `('t', N)` for `t-N.js`.
    pub fn file_of(&self, term: &str) -> (char, u32) {
        if is_char_term(term) {
            ('c', shard_of(term, self.char_shards))
        } else {
            ('t', shard_of(term, self.shards))
        }
    }

    /// Whether record `id`'s title or text contains `part` (normalized).
    pub fn contains_phrase(&self, id: u32, part: &str) -> bool {
        let r = &self.records[id as usize];
        normalize(&r.title).contains(part) || normalize(r.stored_text()).contains(part)
    }
}

pub fn build(records: Vec<Record>, glossary: &[GlossaryEntry]) -> Index {
    let names: Vec<Vec<String>> = glossary
        .iter()
        .map(|g| g.names().map(normalize).filter(|n| !n.is_empty()).collect())
        .collect();
    let patterns: Vec<(&str, usize)> = names
        .iter()
        .enumerate()
        .flat_map(|(i, ns)| ns.iter().map(move |n| (n.as_str(), i)))
        .collect();
    let matcher = AhoCorasick::new(patterns.iter().map(|(n, _)| *n)).ok();

    let t = crate::timing::phase("  count terms");
    // Field lengths first: BM25F normalises by the average, which every weight needs.
    let normalized: Vec<[String; 4]> = records
        .par_iter()
        .map(|r| std::array::from_fn(|f| normalize(&r.fields[f])))
        .collect();
    let lengths: Vec<[u32; 4]> = normalized
        .par_iter()
        .map(|fields| {
            std::array::from_fn(|f| {
                let mut n = 0;
                for_each_index_term(&fields[f], |_| n += 1);
                n
            })
        })
        .collect();
    let n = records.len().max(1) as f64;
    let mut avg = [0f64; 4];
    for l in &lengths {
        for f in 0..4 {
            avg[f] += f64::from(l[f]) / n;
        }
    }
    t.done();
    let tuning = Tuning::DEFAULT;

    let t = crate::timing::phase("  postings");
    // Records are weighed in parallel a chunk at a time and their postings appended in
    // record order, so every list comes out sorted and only one chunk's term lists are
    // alive at once (holding every record's lists at once took ~1 GB at 10,000 lessons).
    let mut by_term: FxHashMap<&str, Vec<(u32, u32)>> = FxHashMap::default();
    let mut by_entry: Vec<Vec<(u32, u32)>> = vec![Vec::new(); names.len()];
    for (c, chunk) in normalized.chunks(POSTING_CHUNK).enumerate() {
        let first = c * POSTING_CHUNK;
        let weighed: Vec<RecordTerms> = chunk
            .par_iter()
            .enumerate()
            .map(|(k, fields)| {
                let lengths = &lengths[first + k];
                record_terms(fields, lengths, &avg, matcher.as_ref(), &patterns, tuning.weight_scale)
            })
            .collect();
        for (k, (terms, entries)) in weighed.into_iter().enumerate() {
            let id = (first + k) as u32;
            for (term, weight) in terms {
                by_term.entry(term).or_default().push((id, weight));
            }
            for (g, weight) in entries {
                by_entry[g].push((id, weight));
            }
        }
    }
    let mut postings: BTreeMap<String, Vec<(u32, u32)>> = by_term
        .into_iter()
        .map(|(term, list)| (term.to_string(), list))
        .collect();
    for (g, list) in by_entry.into_iter().enumerate().filter(|(_, l)| !l.is_empty()) {
        postings.insert(format!("g:{g}"), list);
    }
    drop(normalized);
    let mut bytes = [0usize; 2];
    for (term, list) in &postings {
        bytes[usize::from(is_char_term(term))] += term.len() + 4 + list.len() * 7;
    }
    let [shards, char_shards] = bytes.map(|b| b.div_ceil(SHARD_BYTES).max(1) as u32);
    t.done();
    Index {
        pages: pages(&records),
        records,
        postings,
        glossary: names,
        shards,
        char_shards,
        tuning,
    }
}

/// BM25F: per-field frequencies, length-normalised and weighted, summed into one
/// pseudo-frequency (× `scale`, rounded) that the query saturates with `k1`.
fn weight(tf: &[u32; 4], lengths: &[u32; 4], avg: &[f64; 4], scale: f64) -> u32 {
    let pseudo: f64 = (0..4)
        .filter(|&f| tf[f] > 0)
        .map(|f| {
            let norm = 1.0 - FIELD_B[f] + FIELD_B[f] * f64::from(lengths[f]) / avg[f].max(1.0);
            FIELD_WEIGHTS[f] * f64::from(tf[f]) / norm
        })
        .sum();
    ((pseudo * scale).round() as u32).max(1)
}

/// One record's weighed terms: every word, every Han character and every pair of them.
fn record_terms<'a>(
    fields: &'a [String; 4],
    lengths: &[u32; 4],
    avg: &[f64; 4],
    matcher: Option<&AhoCorasick>,
    patterns: &[(&str, usize)],
    scale: f64,
) -> RecordTerms<'a> {
    // FxHash: these maps see every term of every record (SipHash was a tenth of a build),
    // and their keys come from our own content, not from an attacker choosing collisions.
    let mut counts: FxHashMap<&str, [u32; 4]> =
        FxHashMap::with_capacity_and_hasher(lengths.iter().sum::<u32>() as usize / 2, Default::default());
    let mut glossary_hits: FxHashMap<usize, [u32; 4]> = FxHashMap::default();
    for (f, text) in fields.iter().enumerate() {
        for_each_index_term(text, |t| counts.entry(t).or_default()[f] += 1);
        if let Some(m) = matcher {
            for hit in m.find_iter(text) {
                glossary_hits.entry(patterns[hit.pattern().as_usize()].1).or_default()[f] += 1;
            }
        }
    }
    (
        counts
            .into_iter()
            .map(|(t, tf)| (t, weight(&tf, lengths, avg, scale)))
            .collect(),
        glossary_hits
            .into_iter()
            .map(|(g, tf)| (g, weight(&tf, lengths, avg, scale)))
            .collect(),
    )
}
