//! The search index: BM25F weights computed at build time, postings sharded by term into
//! classic `<script>` files that work over `file://` (no fetch, no modules, no wasm).
//!
//! Files under `search/`: `meta.js` (counts, shard count, glossary), `t-N.js` (the
//! postings of the terms whose shard is N), `d-N.js` (records N·8 … N·8+7, with the
//! text used for excerpts). A query loads the meta, one term shard per term and the
//! record blocks of its best candidates.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use serde_json::json;

use super::records::{Kind, Record, BODY};
use super::tokenize::{for_each_index_term, normalize};
use crate::model::GlossaryEntry;

/// A record's distinct terms (slices of its normalized text) and glossary entries, each
/// with its BM25F weight × 10.
type RecordTerms<'a> = (Vec<(&'a str, u32)>, Vec<(usize, u32)>);

/// A term's postings: (record, BM25F weight × 10), by record.
type Postings = [(u32, u32)];

/// Records weighed in parallel at a time while building postings.
const POSTING_CHUNK: usize = 4096;

pub const FIELD_WEIGHTS: [f64; 4] = [4.0, 2.0, 1.5, 1.0];
const FIELD_B: [f64; 4] = [0.5, 0.5, 0.3, 0.75];
pub const K1: f64 = 1.2;
/// Records per `d-N.js` file: small, because a query loads the blocks of its best candidates.
pub const BLOCK: usize = 8;
/// Bytes of text kept per record for excerpts and phrase checks (about 160 Chinese
/// characters: several excerpts' worth; more made the index larger than Pagefind's).
pub const STORED_TEXT: usize = 500;
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
                for_each_index_term(&fields[f], |_, _| n += 1);
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
            .map(|(k, fields)| record_terms(fields, &lengths[first + k], &avg, matcher.as_ref(), &patterns))
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

/// BM25F: per-field frequencies, length-normalised and weighted, summed into one
/// pseudo-frequency (× 10, rounded) that the query saturates with K1.
fn weight(tf: &[u32; 4], lengths: &[u32; 4], avg: &[f64; 4]) -> u32 {
    let pseudo: f64 = (0..4)
        .filter(|&f| tf[f] > 0)
        .map(|f| {
            let norm = 1.0 - FIELD_B[f] + FIELD_B[f] * f64::from(lengths[f]) / avg[f].max(1.0);
            FIELD_WEIGHTS[f] * f64::from(tf[f]) / norm
        })
        .sum();
    ((pseudo * 10.0).round() as u32).max(1)
}

/// One record's weighed terms. Single characters inside Han runs of the body are left
/// out: a one-character query finds them in titles, headings and tags, and at the ends of
/// runs (`B 站`); indexing every character of every body took a third of the index.
fn record_terms<'a>(
    fields: &'a [String; 4],
    lengths: &[u32; 4],
    avg: &[f64; 4],
    matcher: Option<&AhoCorasick>,
    patterns: &[(&str, usize)],
) -> RecordTerms<'a> {
    // FxHash: these maps see every term of every record (SipHash was a tenth of a build),
    // and their keys come from our own content, not from an attacker choosing collisions.
    let mut counts: FxHashMap<&str, [u32; 4]> =
        FxHashMap::with_capacity_and_hasher(lengths.iter().sum::<u32>() as usize / 2, Default::default());
    let mut glossary_hits: FxHashMap<usize, [u32; 4]> = FxHashMap::default();
    for (f, text) in fields.iter().enumerate() {
        for_each_index_term(text, |t, inner| {
            if !(inner && f == BODY) {
                counts.entry(t).or_default()[f] += 1;
            }
        });
        if let Some(m) = matcher {
            for hit in m.find_iter(text) {
                glossary_hits.entry(patterns[hit.pattern().as_usize()].1).or_default()[f] += 1;
            }
        }
    }
    (
        counts
            .into_iter()
            .map(|(t, tf)| (t, weight(&tf, lengths, avg)))
            .collect(),
        glossary_hits
            .into_iter()
            .map(|(g, tf)| (g, weight(&tf, lengths, avg)))
            .collect(),
    )
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
            "kinds": Kind::ALL,
            "glossary": self.glossary,
        });
        files.push((
            "search/meta.js".to_string(),
            format!("lecternSearchAdd(\"m\",0,{meta});\n"),
        ));

        // Shards and record blocks are independent: encode them in parallel.
        let mut shards: Vec<Vec<(&str, &Postings)>> = vec![Vec::new(); self.shards as usize];
        for (term, list) in &self.postings {
            shards[shard_of(term, self.shards) as usize].push((term, list));
        }
        files.par_extend(shards.par_iter().enumerate().map(|(i, shard)| {
            // Delta-encoded record ids, each followed by its weight, as base-64 varints.
            let encoded: BTreeMap<&str, String> = shard
                .iter()
                .map(|&(term, list)| {
                    let mut encoded = String::with_capacity(list.len() * 3);
                    let mut last = 0;
                    for &(id, w) in list {
                        push_varint(&mut encoded, id - last);
                        push_varint(&mut encoded, w);
                        last = id;
                    }
                    (term, encoded)
                })
                .collect();
            let body = serde_json::to_string(&encoded).unwrap_or_else(|_| "{}".into());
            (
                format!("search/t-{i}.js"),
                format!("lecternSearchAdd(\"t\",{i},{body});\n"),
            )
        }));

        files.par_extend(self.records.par_chunks(BLOCK).enumerate().map(|(i, block)| {
            let rows: Vec<serde_json::Value> = block
                .iter()
                .enumerate()
                .map(|(k, r)| stored_row(r, k.checked_sub(1).map(|p| &block[p])))
                .collect();
            let body = serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into());
            (
                format!("search/d-{i}.js"),
                format!("lecternSearchAdd(\"d\",{i},{});\n", script_safe(&body)),
            )
        }));
        files
    }

    /// Whether record `id`'s stored text contains `part` (normalized).
    pub fn contains_phrase(&self, id: u32, part: &str) -> bool {
        let r = &self.records[id as usize];
        normalize(&r.title).contains(part) || normalize(r.stored_text()).contains(part)
    }
}

/// A record as stored in its `d-N.js` block: `[kind, title, crumb, url, roles, tags, text]`,
/// the kind as its index in `meta.kinds`.
/// Sections of one lesson follow each other, so a crumb, roles or tags equal to the row
/// before's are written `0`, and a URL on the row before's page as just its `#fragment`
/// (`search.js` expands them back); that is a fifth of the stored bytes.
fn stored_row(r: &Record, before: Option<&Record>) -> serde_json::Value {
    let same = |f: fn(&Record) -> serde_json::Value| match before {
        Some(b) if f(b) == f(r) => json!(0),
        _ => f(r),
    };
    let page = |url: &str| url.split('#').next().unwrap_or_default().to_string();
    let url = match (before, r.url.find('#')) {
        (Some(b), Some(hash)) if page(&b.url) == r.url[..hash] => r.url[hash..].to_string(),
        _ => r.url.clone(),
    };
    json!([
        r.kind as u8,
        r.title,
        same(|x| json!(x.crumb)),
        url,
        same(|x| json!(x.roles)),
        same(|x| json!(x.tags)),
        r.stored_text()
    ])
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
