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

use super::postings::Postings;
use super::records::{pages, Record};
use super::tokenize::{count_index_terms, for_each_keyed_term, is_han, normalize, TermKey};
use super::tuning::Tuning;
use crate::model::GlossaryEntry;

/// A record's distinct terms (slices of its normalized text) and glossary entries, each
/// with its BM25F weight × `Tuning::weight_scale`.
pub(super) type RecordTerms<'a> = (Vec<(&'a str, u32)>, Vec<(usize, u32)>);

/// Records one task weighs while building postings.
const POSTING_CHUNK: usize = 1024;

pub const FIELD_WEIGHTS: [f64; 4] = [4.0, 2.0, 1.5, 1.0];
const FIELD_B: [f64; 4] = [0.5, 0.5, 0.3, 0.75];
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

/// A term of up to 8 bytes as one integer: its bytes, zero-padded. Distinct terms get
/// distinct keys, as no term holds a zero byte (terms are letters, digits and Han).
fn short_key(term: &str) -> Option<u64> {
    let bytes = term.as_bytes();
    // Shifted in byte by byte: copying into a buffer and reading it back as one integer
    // stalled on the store (a quarter of this function's time).
    (bytes.len() <= 8).then(|| {
        bytes
            .iter()
            .enumerate()
            .fold(0, |key, (i, &b)| key | u64::from(b) << (8 * i))
    })
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
    round_positive(pseudo * scale).max(1)
}

/// `x.round() as u32` for `0 ≤ x < 2³²`, without the call to libm's `round` that
/// `f64::round` is on x86-64 (3 % of the index's time): `x - ⌊x⌋` is exact there.
fn round_positive(x: f64) -> u32 {
    let floor = x as u32;
    floor + u32::from(x - f64::from(floor) >= 0.5)
}

/// One record's weighed terms: every word, every Han character and every pair of them.
pub(super) fn record_terms<'a>(
    fields: &'a [String; 4],
    lengths: &[u32; 4],
    avg: &[f64; 4],
    glossary: &GlossaryMatcher,
    scale: f64,
) -> RecordTerms<'a> {
    let mut weigher = TermWeigher::default();
    let mut terms = Vec::new();
    let hits = weigher.weigh(fields, lengths, avg, glossary, scale, |term, weight| {
        terms.push((term, weight))
    });
    (
        terms
            .into_iter()
            .map(|(term, weight)| (weigher.terms[term as usize], weight))
            .collect(),
        hits,
    )
}

/// Weighs records one after another. It numbers the distinct terms it meets, so counting a
/// term in a record is one lookup in a map that lives as long as the weigher, then an index
/// into vectors, instead of a map filled and emptied per record (that took half of the
/// postings phase); the caller keeps its postings in a vector by the same numbers.
#[derive(Default)]
pub(super) struct TermWeigher<'a> {
    /// The numbers of Han characters and pairs, by [`TermKey::Han`]: hashing and comparing
    /// one integer made from the characters, not a string, took a quarter off the postings
    /// phase. FxHash: these maps see every term of every record (SipHash was a tenth of a
    /// build), and their keys are our own content, not an attacker's choice.
    han_numbers: FxHashMap<u64, u32>,
    /// The numbers of words of up to 8 bytes, keyed by their bytes ([`short_key`]); kept
    /// apart from the Han keys, as a word's bytes can read as a code point.
    short_numbers: FxHashMap<u64, u32>,
    /// The numbers of longer words.
    numbers: FxHashMap<&'a str, u32>,
    /// By term number: the term; its count in each field of the record being weighed;
    /// the record it was last counted in (`records` then).
    terms: Vec<&'a str>,
    counts: Vec<[u32; 4]>,
    counted_in: Vec<u32>,
    /// Records weighed so far.
    records: u32,
    /// The terms of the record being weighed, in the order they first occur.
    in_record: Vec<u32>,
}

impl<'a> TermWeigher<'a> {
    /// Weigh one record: `emit(term number, weight)` for each of its distinct terms; returns
    /// the glossary entries it mentions, with their weights.
    pub(super) fn weigh(
        &mut self,
        fields: &'a [String; 4],
        lengths: &[u32; 4],
        avg: &[f64; 4],
        glossary: &GlossaryMatcher,
        scale: f64,
        mut emit: impl FnMut(u32, u32),
    ) -> Vec<(usize, u32)> {
        self.records += 1;
        self.in_record.clear();
        let record = self.records;
        let mut glossary_hits: FxHashMap<usize, [u32; 4]> = FxHashMap::default();
        for (f, text) in fields.iter().enumerate() {
            for_each_keyed_term(text, |t, key| {
                let number_new = || {
                    self.terms.push(t);
                    self.counts.push([0; 4]);
                    self.counted_in.push(0);
                    (self.terms.len() - 1) as u32
                };
                let n = match (key, short_key(t)) {
                    (TermKey::Han(key), _) => *self.han_numbers.entry(key).or_insert_with(number_new),
                    (TermKey::Word, Some(key)) => *self.short_numbers.entry(key).or_insert_with(number_new),
                    (TermKey::Word, None) => *self.numbers.entry(t).or_insert_with(number_new),
                };
                let i = n as usize;
                if self.counted_in[i] != record {
                    self.counted_in[i] = record;
                    self.counts[i] = [0; 4];
                    self.in_record.push(n);
                }
                self.counts[i][f] += 1;
            });
            if let Some(m) = &glossary.matcher {
                for hit in m.find_iter(text) {
                    glossary_hits
                        .entry(glossary.entry_of[hit.pattern().as_usize()])
                        .or_default()[f] += 1;
                }
            }
        }
        for &n in &self.in_record {
            emit(n, weight(&self.counts[n as usize], lengths, avg, scale));
        }
        glossary_hits
            .into_iter()
            .map(|(g, tf)| (g, weight(&tf, lengths, avg, scale)))
            .collect()
    }

    /// The terms met, by number.
    pub(super) fn into_terms(self) -> Vec<&'a str> {
        self.terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::records::BODY;

    #[test]
    fn round_positive_is_round() {
        let mut seed = 0x9e37_79b9_u64;
        let mut xs = vec![0.0, 0.5, 1.5, 2.5, 0.49999999999999994, 1e9 + 0.5, 4294967294.5];
        for _ in 0..10_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            xs.push((seed % 1_000_000) as f64 / 64.0);
        }
        for x in xs {
            assert_eq!(round_positive(x), x.round() as u32, "{x}");
        }
    }

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
