//! The search index: BM25F weights computed at build time, postings sharded by term into
//! classic `<script>` files that work over `file://` (no fetch, no modules, no wasm).
//!
//! Files under `search/` (written by [`super::files`]): `meta.js` (counts, shard counts,
//! where each block of records starts, kinds, roles, glossary), `t-N.js` (the postings of the
//! words, character pairs and glossary entries whose shard is N), `c-N.js` (the same for
//! single characters), `d-N.js` (blocks of records, two to a file, with their whole text) and `r-N.js`
//! (which records concern role N). A query loads the meta, one shard per term and the
//! blocks of the records it ranks and shows.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::postings::Postings;
use super::records::{pages, Record};
use super::tokenize::{count_index_terms, is_han, normalize};
use super::tuning::Tuning;
use super::weigh::TermWeigher;
use crate::model::GlossaryEntry;

/// Records one task weighs while building postings.
const POSTING_CHUNK: usize = 1024;

/// Aim for term shards of about this many bytes.
const SHARD_BYTES: usize = 48 * 1024;

pub struct Index {
    pub records: Vec<Record>,
    /// term → (record, BM25F term weight × `tuning.weight_scale`), by record.
    pub postings: BTreeMap<String, Postings>,
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
    /// What the weights and the shard counts were worked out from.
    pub stats: BuildStats,
}

/// The totals behind an index, kept so that one lesson's records can be replaced without
/// weighing every record again ([`super::live`]).
#[derive(Debug, Clone)]
pub struct BuildStats {
    /// Each record's field lengths, in index terms.
    pub lengths: Vec<[u32; 4]>,
    /// Their sums per field.
    pub totals: [u64; 4],
    /// Posting bytes of words and pairs, and of single characters ([`posting_bytes`]).
    pub bytes: [usize; 2],
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

/// The glossary's names, normalized, and a matcher over them: entry `i` is found in a text
/// as `(name, i)` among the patterns.
pub(super) struct GlossaryMatcher {
    pub names: Vec<Vec<String>>,
    matcher: Option<AhoCorasick>,
    entry_of: Vec<usize>,
}

impl GlossaryMatcher {
    pub fn new(glossary: &[GlossaryEntry]) -> Self {
        let names: Vec<Vec<String>> = glossary
            .iter()
            .map(|g| g.names().map(normalize).filter(|n| !n.is_empty()).collect())
            .collect();
        let patterns = names.iter().flatten().map(String::as_str);
        let matcher = AhoCorasick::new(patterns).ok();
        let entry_of = names
            .iter()
            .enumerate()
            .flat_map(|(i, ns)| ns.iter().map(move |_| i))
            .collect();
        GlossaryMatcher {
            names,
            matcher,
            entry_of,
        }
    }

    /// The entry of each glossary name found in `text` (normalized), once per mention.
    pub fn entries_in<'t>(&'t self, text: &'t str) -> impl Iterator<Item = usize> + 't {
        self.matcher
            .iter()
            .flat_map(move |m| m.find_iter(text))
            .map(|hit| self.entry_of[hit.pattern().as_usize()])
    }
}

/// A record's fields, normalized: what its terms are slices of.
pub(super) fn normalized_fields(r: &Record) -> [String; 4] {
    std::array::from_fn(|f| normalize(&r.fields[f]))
}

/// How many index terms each field holds (its length for BM25F).
pub(super) fn field_lengths(fields: &[String; 4]) -> [u32; 4] {
    std::array::from_fn(|f| count_index_terms(&fields[f]))
}

/// The average field lengths BM25F normalises by: from integer totals (so the same
/// totals give the same bits whatever order they were summed in), rounded to an eighth
/// of an octave. Rounded, editing one lesson almost never moves them, and with them
/// every weight of the index: `serve` then rewrites only the files the edit touches
/// ([`super::live`]). The rounding moves a length's norm by at most 4.4 %.
pub(super) fn average_lengths(totals: &[u64; 4], records: usize) -> [f64; 4] {
    let n = records.max(1) as f64;
    totals.map(|t| {
        let avg = t as f64 / n;
        if avg <= 0.0 {
            0.0
        } else {
            ((avg.log2() * 8.0).round() / 8.0).exp2()
        }
    })
}

/// Bytes a term's postings are counted as when choosing how many shards there are.
pub(super) fn posting_bytes(term: &str, list_len: usize) -> usize {
    term.len() + 4 + list_len * 7
}

/// How many `t-` and `c-` files hold postings of `bytes` (words and pairs, characters).
pub(super) fn shard_counts(bytes: &[usize; 2]) -> [u32; 2] {
    bytes.map(|b| b.div_ceil(SHARD_BYTES).max(1) as u32)
}

/// A glossary entry's postings are those of the term `g:i`.
pub(super) fn glossary_term(entry: usize) -> String {
    format!("g:{entry}")
}

pub fn build(records: Vec<Record>, glossary: &[GlossaryEntry]) -> Index {
    let glossary = GlossaryMatcher::new(glossary);

    let t = crate::timing::phase("  count terms");
    // Field lengths first: BM25F normalises by the average, which every weight needs.
    let normalized: Vec<[String; 4]> = records.par_iter().map(normalized_fields).collect();
    let lengths: Vec<[u32; 4]> = normalized.par_iter().map(field_lengths).collect();
    let mut totals = [0u64; 4];
    for l in &lengths {
        for f in 0..4 {
            totals[f] += u64::from(l[f]);
        }
    }
    let avg = average_lengths(&totals, records.len());
    t.done();
    let tuning = Tuning::DEFAULT;

    let t = crate::timing::phase("  postings");
    // Each task weighs a chunk of records in order and appends to its own lists; adjacent
    // chunks' lists are then joined (rayon's `reduce` keeps their order), so every list
    // comes out sorted by record, no record's terms are held after it is weighed (holding
    // them all took ~1 GB at 10,000 lessons), and no step runs on one thread alone.
    let entries = glossary.names.len();
    let parts = normalized
        .par_chunks(POSTING_CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            let mut weigher = TermWeigher::default();
            let mut lists: Vec<Postings> = Vec::new();
            let mut by_entry = vec![Postings::default(); entries];
            for (k, fields) in chunk.iter().enumerate() {
                let id = (c * POSTING_CHUNK + k) as u32;
                let lengths = &lengths[id as usize];
                let hits = weigher.weigh(fields, lengths, &avg, &glossary, tuning.weight_scale, |term, weight| {
                    let term = term as usize;
                    if term >= lists.len() {
                        lists.resize_with(term + 1, Postings::default);
                    }
                    lists[term].push(id, weight);
                });
                for (g, weight) in hits {
                    by_entry[g].push(id, weight);
                }
            }
            PartPostings {
                by_term: weigher.into_terms().into_iter().zip(lists).collect(),
                by_entry,
            }
        })
        .reduce(|| PartPostings::new(entries), PartPostings::then);
    let mut sorted: Vec<(&str, Postings)> = parts.by_term.into_iter().collect();
    sorted.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut postings: BTreeMap<String, Postings> = sorted
        .into_iter()
        .map(|(term, list)| (term.to_string(), list))
        .collect();
    for (g, list) in parts.by_entry.into_iter().enumerate().filter(|(_, l)| !l.is_empty()) {
        postings.insert(glossary_term(g), list);
    }
    drop(normalized);
    let mut bytes = [0usize; 2];
    for (term, list) in &postings {
        bytes[usize::from(is_char_term(term))] += posting_bytes(term, list.len());
    }
    let [shards, char_shards] = shard_counts(&bytes);
    t.done();
    Index {
        pages: pages(&records),
        records,
        postings,
        glossary: glossary.names,
        shards,
        char_shards,
        tuning,
        stats: BuildStats { lengths, totals, bytes },
    }
}

/// The postings of a run of consecutive records.
struct PartPostings<'a> {
    by_term: FxHashMap<&'a str, Postings>,
    /// By glossary entry.
    by_entry: Vec<Postings>,
}

impl<'a> PartPostings<'a> {
    fn new(entries: usize) -> Self {
        PartPostings {
            by_term: FxHashMap::default(),
            by_entry: vec![Postings::default(); entries],
        }
    }

    /// These postings, then those of `later` (whose records all come after these), joined
    /// into the larger of the two maps.
    fn then(mut self, mut later: PartPostings<'a>) -> PartPostings<'a> {
        for (list, after) in self.by_entry.iter_mut().zip(later.by_entry.drain(..)) {
            list.append(after);
        }
        if self.by_term.len() >= later.by_term.len() {
            for (term, after) in later.by_term {
                self.by_term.entry(term).or_default().append(after);
            }
            later.by_term = self.by_term;
        } else {
            for (term, mut before) in self.by_term {
                let list = later.by_term.entry(term).or_default();
                before.append(std::mem::take(list));
                *list = before;
            }
        }
        later.by_entry = self.by_entry;
        later
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::records::BODY;

    #[test]
    fn average_lengths_move_only_across_an_eighth_of_an_octave() {
        let avg = |body: u64| average_lengths(&[40, 0, 7, body], 10)[BODY];
        // One lesson's edit of a few terms in a programme: the same average, so the same
        // weights everywhere else.
        assert_eq!(avg(1_000), avg(1_004));
        assert_eq!(avg(1_000), avg(996));
        // A change of a tenth is not hidden.
        assert_ne!(avg(1_000), avg(1_100));
        // Within 4.4 % (half a step) of the true average.
        for body in [13, 100, 999, 12_345] {
            let exact = body as f64 / 10.0;
            assert!((avg(body) / exact - 1.0).abs() <= 2f64.powf(1.0 / 16.0) - 1.0, "{body}");
        }
        assert_eq!(average_lengths(&[0; 4], 0), [0.0; 4]);
    }
}
