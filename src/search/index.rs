//! The search index: BM25F weights computed at build time, postings sharded by term into
//! classic `<script>` files that work over `file://` (no fetch, no modules, no wasm).
//!
//! Files under `search/`: `meta.js` (counts, shard count, glossary), `t-N.js` (the
//! postings of the terms whose shard is N), `d-N.js` (records N·8 … N·8+7, with the
//! text used for excerpts). A query loads the meta, one term shard per term and the
//! record blocks of its best candidates.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use serde_json::json;

use super::records::Record;
use super::tokenize::{for_each_index_term, normalize};
use crate::model::GlossaryEntry;

/// A record's distinct terms with their count in each field.
type TermCounts = Vec<(String, [u32; 4])>;

pub const FIELD_WEIGHTS: [f64; 4] = [4.0, 2.0, 1.5, 1.0];
const FIELD_B: [f64; 4] = [0.5, 0.5, 0.3, 0.75];
pub const K1: f64 = 1.2;
/// Records per `d-N.js` file: small, because a query loads the blocks of its best candidates.
pub const BLOCK: usize = 8;
/// Text kept per record for excerpts and phrase checks.
pub const STORED_TEXT: usize = 1500;
/// Aim for term shards of about this many bytes.
const SHARD_BYTES: usize = 48 * 1024;

pub struct Index {
    pub records: Vec<Record>,
    /// term → (record, BM25F term weight × 10), by record.
    pub postings: BTreeMap<String, Vec<(u32, u32)>>,
    /// Normalized names (term and aliases) of each glossary entry; entry `i` is indexed
    /// as the term `g:i`.
    pub glossary: Vec<Vec<String>>,
    pub shards: u32,
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
    // Term counts per field, and field lengths, for every record; terms are counted as
    // slices of the normalized text and copied once per distinct term.
    let counted: Vec<(TermCounts, [u32; 4])> = records
        .par_iter()
        .map(|r| {
            let normalized: Vec<String> = r.fields.iter().map(|f| normalize(f)).collect();
            let mut counts: HashMap<&str, [u32; 4]> = HashMap::new();
            let mut glossary_hits: HashMap<usize, [u32; 4]> = HashMap::new();
            let mut lengths = [0u32; 4];
            for (f, text) in normalized.iter().enumerate() {
                for_each_index_term(text, |t| {
                    lengths[f] += 1;
                    counts.entry(t).or_default()[f] += 1;
                });
                if let Some(m) = &matcher {
                    for hit in m.find_iter(text) {
                        glossary_hits.entry(patterns[hit.pattern().as_usize()].1).or_default()[f] += 1;
                    }
                }
            }
            let mut owned: Vec<(String, [u32; 4])> = counts.into_iter().map(|(t, c)| (t.to_string(), c)).collect();
            owned.extend(glossary_hits.into_iter().map(|(g, c)| (format!("g:{g}"), c)));
            (owned, lengths)
        })
        .collect();
    t.done();

    let t = crate::timing::phase("  postings");
    let n = records.len().max(1) as f64;
    let mut avg = [0f64; 4];
    for (_, lengths) in &counted {
        for f in 0..4 {
            avg[f] += f64::from(lengths[f]) / n;
        }
    }
    // BM25F: per-field frequencies, length-normalised and weighted, summed into one
    // pseudo-frequency that the query saturates with K1.
    let weighted: Vec<Vec<(String, u32)>> = counted
        .into_par_iter()
        .map(|(counts, lengths)| {
            counts
                .into_iter()
                .map(|(term, tf)| {
                    let pseudo: f64 = (0..4)
                        .filter(|&f| tf[f] > 0)
                        .map(|f| {
                            let norm = 1.0 - FIELD_B[f] + FIELD_B[f] * f64::from(lengths[f]) / avg[f].max(1.0);
                            FIELD_WEIGHTS[f] * f64::from(tf[f]) / norm
                        })
                        .sum();
                    (term, ((pseudo * 10.0).round() as u32).max(1))
                })
                .collect()
        })
        .collect();
    let mut by_term: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    for (id, terms) in weighted.into_iter().enumerate() {
        for (term, weight) in terms {
            by_term.entry(term).or_default().push((id as u32, weight));
        }
    }
    let postings: BTreeMap<String, Vec<(u32, u32)>> = by_term.into_iter().collect();
    // Records were visited in id order, so each list is sorted already.
    let bytes: usize = postings.iter().map(|(t, p)| t.len() + 4 + p.len() * 7).sum();
    let shards = bytes.div_ceil(SHARD_BYTES).max(1) as u32;
    t.done();
    Index {
        records,
        postings,
        glossary: names,
        shards,
    }
}

impl Index {
    /// `(path under the output, contents)` of every index file.
    pub fn files(&self) -> Vec<(String, String)> {
        let mut files = Vec::new();
        let meta = json!({
            "version": 1,
            "records": self.records.len(),
            "shards": self.shards,
            "block": BLOCK,
            "k1": K1,
            "glossary": self.glossary,
        });
        files.push((
            "search/meta.js".to_string(),
            format!("lecternSearchAdd(\"m\",0,{meta});\n"),
        ));

        let mut shards: Vec<BTreeMap<&str, String>> = vec![BTreeMap::new(); self.shards as usize];
        for (term, list) in &self.postings {
            // Delta-encoded record ids, each followed by its weight, as base-64 varints.
            let mut encoded = String::with_capacity(list.len() * 3);
            let mut last = 0;
            for &(id, w) in list {
                push_varint(&mut encoded, id - last);
                push_varint(&mut encoded, w);
                last = id;
            }
            shards[shard_of(term, self.shards) as usize].insert(term, encoded);
        }
        for (i, shard) in shards.iter().enumerate() {
            let body = serde_json::to_string(shard).unwrap_or_else(|_| "{}".into());
            files.push((
                format!("search/t-{i}.js"),
                format!("lecternSearchAdd(\"t\",{i},{body});\n"),
            ));
        }

        for (i, block) in self.records.chunks(BLOCK).enumerate() {
            let rows: Vec<serde_json::Value> = block
                .iter()
                .map(|r| json!([r.kind, r.title, r.crumb, r.url, r.roles, r.tags, r.stored_text()]))
                .collect();
            let body = serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into());
            files.push((
                format!("search/d-{i}.js"),
                format!("lecternSearchAdd(\"d\",{i},{});\n", script_safe(&body)),
            ));
        }
        files
    }

    /// Whether record `id`'s stored text contains `part` (normalized).
    pub fn contains_phrase(&self, id: u32, part: &str) -> bool {
        let r = &self.records[id as usize];
        normalize(&r.title).contains(part) || normalize(&r.stored_text()).contains(part)
    }
}

const VARINT_DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A number in base-64 digits of 5 bits each, least significant first; the sixth bit says
/// "more digits follow". Small numbers (most deltas and weights) take one or two characters
/// where JSON would take three or four.
pub fn push_varint(out: &mut String, mut n: u32) {
    loop {
        let digit = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(VARINT_DIGITS[digit] as char);
            return;
        }
        out.push(VARINT_DIGITS[digit | 32] as char);
    }
}

/// Content from authors must not end the script element it is inlined into by accident:
/// `</script>` is written as `<\/script>` (the same string to JavaScript).
fn script_safe(json: &str) -> String {
    json.replace("</", "<\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_short_for_small_numbers() {
        let mut s = String::new();
        for n in [0, 31, 32, 1023, 1024, 70_000] {
            push_varint(&mut s, n);
        }
        // 0 → A, 31 → f, 32 → gB, 1023 → /f, 1024 → ggB, 70000 → wrkC
        assert_eq!(s, "AfgB/fggBwrkC");
    }
}
