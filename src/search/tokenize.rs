//! The tokenizer, shared rule for rule with `themes/default/static/search.js` (both are
//! tested against `tests/fixtures/search/tokenize.json`):
//!
//! - NFKC, then lowercase (`ＧＭＶ` → `gmv`);
//! - Han (and kana) runs → every character, plus every overlapping pair for indexing;
//!   a query uses the pairs (or the character, for a one-character run);
//! - runs of other letters and digits → words.
//!
//! Chinese has no spaces, and a dictionary segmenter would disagree with whatever runs in
//! the browser; bigrams need no dictionary and behave the same on both sides.

use unicode_normalization::UnicodeNormalization;

pub fn normalize(text: &str) -> String {
    text.nfkc().flat_map(char::to_lowercase).collect()
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

#[derive(Debug, PartialEq, Eq)]
pub enum Run {
    Han(Vec<char>),
    Word(String),
}

/// The Han runs and words of normalized text, in order.
pub fn runs(normalized: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut han: Vec<char> = Vec::new();
    let mut word = String::new();
    for c in normalized.chars() {
        if is_han(c) {
            if !word.is_empty() {
                out.push(Run::Word(std::mem::take(&mut word)));
            }
            han.push(c);
        } else {
            if !han.is_empty() {
                out.push(Run::Han(std::mem::take(&mut han)));
            }
            if is_word_char(c) {
                word.push(c);
            } else if !word.is_empty() {
                out.push(Run::Word(std::mem::take(&mut word)));
            }
        }
    }
    if !han.is_empty() {
        out.push(Run::Han(han));
    }
    if !word.is_empty() {
        out.push(Run::Word(word));
    }
    out
}

/// Terms a text is indexed under (with repeats: term frequency matters).
pub fn index_terms(text: &str) -> Vec<String> {
    let normalized = normalize(text);
    let mut terms = Vec::new();
    for_each_index_term(&normalized, |t| terms.push(t.to_string()));
    terms
}

/// The terms of already-normalized text, as slices of it, in the order of
/// [`index_terms`] (each Han run: its characters, then its pairs). Indexing calls this
/// for every record, so it allocates nothing.
pub fn for_each_index_term<'a>(normalized: &'a str, mut emit: impl FnMut(&'a str)) {
    let mut han_start: Option<usize> = None;
    let mut word_start: Option<usize> = None;
    let han_run = |start: usize, end: usize, emit: &mut dyn FnMut(&'a str)| {
        let run = &normalized[start..end];
        let bounds: Vec<usize> = run
            .char_indices()
            .map(|(i, _)| start + i)
            .chain(std::iter::once(end))
            .collect();
        for w in bounds.windows(2) {
            emit(&normalized[w[0]..w[1]]);
        }
        for w in bounds.windows(3) {
            emit(&normalized[w[0]..w[2]]);
        }
    };
    for (i, c) in normalized.char_indices() {
        if is_han(c) {
            if let Some(ws) = word_start.take() {
                emit(&normalized[ws..i]);
            }
            han_start.get_or_insert(i);
        } else {
            if let Some(hs) = han_start.take() {
                han_run(hs, i, &mut emit);
            }
            if is_word_char(c) {
                word_start.get_or_insert(i);
            } else if let Some(ws) = word_start.take() {
                emit(&normalized[ws..i]);
            }
        }
    }
    if let Some(hs) = han_start {
        han_run(hs, normalized.len(), &mut emit);
    }
    if let Some(ws) = word_start {
        emit(&normalized[ws..]);
    }
}

/// Terms one whitespace-free part of a query must match (no repeats).
pub fn query_terms(part: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for run in runs(&normalize(part)) {
        let new: Vec<String> = match run {
            Run::Word(w) => vec![w],
            Run::Han(chars) if chars.len() == 1 => vec![chars[0].to_string()],
            Run::Han(chars) => chars.windows(2).map(|p| p.iter().collect()).collect(),
        };
        for t in new {
            if !terms.contains(&t) {
                terms.push(t);
            }
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_case_fold() {
        assert_eq!(normalize("ＧＭＶ ＫＯＣ"), "gmv koc");
        assert_eq!(query_terms("ＧＭＶ"), ["gmv"]);
    }

    #[test]
    fn han_runs_become_bigrams_and_unigrams() {
        assert_eq!(index_terms("日报"), ["日", "报", "日报"]);
        assert_eq!(query_terms("周日报名"), ["周日", "日报", "报名"]);
        assert_eq!(query_terms("日"), ["日"]);
    }

    #[test]
    fn mixed_text_splits_at_script_changes() {
        assert_eq!(query_terms("618大促"), ["618", "大促"]);
        assert_eq!(query_terms("B站KOC"), ["b", "站", "koc"]);
        assert_eq!(index_terms("GMV，成交"), ["gmv", "成", "交", "成交"]);
    }
}
