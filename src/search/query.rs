//! Answering a query: the same algorithm as `search.js`, step for step, so the Rust side
//! can evaluate ranking quality and tests can compare the two.
//!
//! Whitespace separates parts, all of which should match (AND); records matching fewer
//! parts still come after, so a query never ends in "no results" just for one extra word.
//! A part matches when a record has all its terms, or a glossary name the part contains.
//! The best candidates are then checked for the part as a contiguous phrase in their whole
//! text, which ranks `爆款公式` (the words) above text that merely has its pairs apart.
//! A type or role filter applies before anything is cut, and the result is one entry per
//! page, with the page's best sections beneath.

use std::collections::HashMap;

use super::index::Index;
use super::records::Kind;
use super::tokenize::{normalize, query_terms, runs, Run};
use super::tuning::Tuning;

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: u32,
    pub score: f64,
    /// Query parts fully matched.
    pub parts: u32,
    /// Query parts found as contiguous text.
    pub phrases: u32,
}

/// One result: a page and its hits, best first: the page's own record if it matched, and
/// at most [`Tuning::sections`] others (a lesson's sections). Its place is its best hit's.
#[derive(Debug, Clone, PartialEq)]
pub struct PageHit {
    /// The page's own record (a lesson's, for its sections).
    pub page: u32,
    pub hits: Vec<Hit>,
}

impl PageHit {
    pub fn best(&self) -> &Hit {
        &self.hits[0]
    }
}

/// Which records may be results: of one kind, concerning one role (the search page's
/// buttons and menu). Applied to every candidate, before any is cut.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kind: Option<Kind>,
    pub role: Option<String>,
}

impl Filter {
    fn admits(&self, index: &Index, id: u32) -> bool {
        let r = &index.records[id as usize];
        self.kind.is_none_or(|k| r.kind == k) && self.role.as_ref().is_none_or(|role| r.roles.contains(role))
    }
}

pub struct Part {
    pub terms: Vec<String>,
    /// The last term is a word still being typed: match it as a prefix.
    pub prefix: bool,
    /// Glossary entries named in the part.
    pub glossary: Vec<usize>,
    pub text: String,
}

pub fn parse(query: &str, glossary: &[Vec<String>], tuning: &Tuning) -> Vec<Part> {
    let q = normalize(query);
    let typing = !query.ends_with(char::is_whitespace);
    let pieces: Vec<&str> = q.split_whitespace().take(tuning.max_parts).collect();
    pieces
        .iter()
        .enumerate()
        .map(|(i, piece)| {
            let last_is_word =
                matches!(runs(piece).last(), Some(Run::Word(w)) if w.chars().count() >= tuning.prefix_min_chars);
            Part {
                terms: query_terms(piece),
                prefix: typing && i + 1 == pieces.len() && last_is_word,
                glossary: glossary
                    .iter()
                    .enumerate()
                    .filter(|(_, names)| {
                        names.iter().any(|n| {
                            n == piece || (n.chars().count() >= tuning.glossary_min_chars && piece.contains(n.as_str()))
                        })
                    })
                    .map(|(g, _)| g)
                    .collect(),
                text: piece.to_string(),
            }
        })
        .collect()
}

fn idf(n: f64, df: f64) -> f64 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

fn contribution(tuning: &Tuning, n: f64, df: usize, weight: u32) -> f64 {
    let (tf, k1) = (f64::from(weight) / tuning.weight_scale, tuning.k1);
    idf(n, df as f64) * tf * (k1 + 1.0) / (tf + k1)
}

/// Per record, the best contribution of `terms` (one term, or a prefix's expansions).
fn term_scores(index: &Index, terms: &[&str]) -> HashMap<u32, f64> {
    let n = index.records.len() as f64;
    let mut best: HashMap<u32, f64> = HashMap::new();
    for term in terms {
        let Some(list) = index.postings.get(*term) else {
            continue;
        };
        for (id, w) in list.iter() {
            let c = contribution(&index.tuning, n, list.len(), w);
            let e = best.entry(id).or_insert(0.0);
            if c > *e {
                *e = c;
            }
        }
    }
    best
}

fn expansions<'a>(index: &'a Index, prefix: &str) -> Vec<&'a str> {
    let mut found: Vec<&str> = index
        .postings
        .range(prefix.to_string()..)
        .map(|(t, _)| t.as_str())
        .take_while(|t| t.starts_with(prefix))
        .collect();
    found.truncate(index.tuning.prefix_expansions);
    found
}

/// The first `limit` pages for `query`.
pub fn search(index: &Index, query: &str, limit: usize) -> Vec<PageHit> {
    search_filtered(index, query, limit, &Filter::default())
}

/// The first `limit` pages for `query` among the records `filter` admits.
pub fn search_filtered(index: &Index, query: &str, limit: usize, filter: &Filter) -> Vec<PageHit> {
    let parts = parse(query, &index.glossary, &index.tuning);
    let mut hits = candidates(index, &parts);
    hits.retain(|h| filter.admits(index, h.id));
    // The best candidates get the phrase check; the rest follow in their order.
    let rest = hits.split_off(hits.len().min(index.tuning.rerank));
    for hit in &mut hits {
        hit.phrases = parts.iter().filter(|p| index.contains_phrase(hit.id, &p.text)).count() as u32;
    }
    hits.sort_by(|a, b| {
        b.parts
            .cmp(&a.parts)
            .then(b.phrases.cmp(&a.phrases))
            .then(b.score.total_cmp(&a.score))
            .then(a.id.cmp(&b.id))
    });
    hits.extend(rest);
    by_page(index, hits, limit)
}

/// Ranked hits gathered by page, in the order of each page's best hit.
fn by_page(index: &Index, hits: Vec<Hit>, limit: usize) -> Vec<PageHit> {
    let mut out: Vec<PageHit> = Vec::new();
    let mut at: HashMap<u32, usize> = HashMap::new();
    for hit in hits {
        let page = index.pages[hit.id as usize];
        if let Some(&g) = at.get(&page) {
            let result = &mut out[g];
            let sections = result.hits.iter().filter(|h| h.id != page).count();
            if hit.id == page || sections < index.tuning.sections {
                result.hits.push(hit);
            }
        } else if out.len() < limit {
            at.insert(page, out.len());
            out.push(PageHit { page, hits: vec![hit] });
        }
    }
    out
}

/// Every record matching any part, by parts matched, then score, then id.
fn candidates(index: &Index, parts: &[Part]) -> Vec<Hit> {
    // Record → (score, parts matched); in first-seen order, as JavaScript's Map iterates.
    let mut order: Vec<u32> = Vec::new();
    let mut totals: HashMap<u32, (f64, u32)> = HashMap::new();
    for part in parts {
        let mut score: HashMap<u32, f64> = HashMap::new();
        let mut hits: HashMap<u32, usize> = HashMap::new();
        let mut seen: Vec<u32> = Vec::new();
        for (ti, term) in part.terms.iter().enumerate() {
            let scores = if part.prefix && ti + 1 == part.terms.len() {
                term_scores(index, &expansions(index, term))
            } else {
                term_scores(index, &[term.as_str()])
            };
            let mut ids: Vec<&u32> = scores.keys().collect();
            ids.sort();
            for id in ids {
                if !score.contains_key(id) {
                    seen.push(*id);
                }
                *score.entry(*id).or_insert(0.0) += scores[id];
                *hits.entry(*id).or_insert(0) += 1;
            }
        }
        let mut gloss: HashMap<u32, f64> = HashMap::new();
        for g in &part.glossary {
            let scores = term_scores(index, &[format!("g:{g}").as_str()]);
            let mut ids: Vec<&u32> = scores.keys().collect();
            ids.sort();
            for id in ids {
                if !score.contains_key(id) && !gloss.contains_key(id) {
                    seen.push(*id);
                }
                let e = gloss.entry(*id).or_insert(0.0);
                *e = e.max(scores[id]);
            }
        }
        for id in seen {
            let s = score.get(&id).copied().unwrap_or(0.0);
            let g = gloss.get(&id).copied().unwrap_or(0.0);
            let full = hits.get(&id).copied().unwrap_or(0) == part.terms.len() || g > 0.0;
            let entry = totals.entry(id).or_insert_with(|| {
                order.push(id);
                (0.0, 0)
            });
            entry.0 += s.max(g);
            entry.1 += u32::from(full);
        }
    }
    let mut hits: Vec<Hit> = order
        .iter()
        .map(|&id| {
            let (score, parts) = totals[&id];
            Hit {
                id,
                score,
                parts,
                phrases: 0,
            }
        })
        .collect();
    hits.sort_by(|a, b| {
        b.parts
            .cmp(&a.parts)
            .then(b.score.total_cmp(&a.score))
            .then(a.id.cmp(&b.id))
    });
    hits
}
