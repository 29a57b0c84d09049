//! Weighing a record's terms: BM25F per-field frequencies turned into one weight per
//! (term, record), for the index build ([`super::index::build`]) and for `serve`'s edits
//! ([`super::live`]). Every term of every record passes through [`TermWeigher::weigh`], so
//! it counts terms by number, not by string.

use rustc_hash::FxHashMap;

use super::index::GlossaryMatcher;
use super::tokenize::{for_each_keyed_term, TermKey};

/// A record's distinct terms (slices of its normalized text) and glossary entries, each
/// with its BM25F weight × `Tuning::weight_scale`.
pub(super) type RecordTerms<'a> = (Vec<(&'a str, u32)>, Vec<(usize, u32)>);

/// How much a term counts in the title, context headings, tags and body (BM25F).
const FIELD_WEIGHTS: [f64; 4] = [4.0, 2.0, 1.5, 1.0];
const FIELD_B: [f64; 4] = [0.5, 0.5, 0.3, 0.75];

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
            for entry in glossary.entries_in(text) {
                glossary_hits.entry(entry).or_default()[f] += 1;
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
}
