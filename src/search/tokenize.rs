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

/// NFKC, then lowercase, character by character (as `search.js` does).
///
/// Most of a programme's text is ASCII, CJK ideographs and CJK punctuation, whose normal
/// form does not depend on their neighbours ([`stable_form`]); those characters go
/// straight through, and only the stretches between them (accented letters, …) are
/// normalized. Splitting there is exact: a character with NFKC_QC=Yes and combining class
/// 0 never combines with what comes before it, so normalizing the pieces gives the same
/// text as normalizing the whole (tested against the whole-text form below). Indexing normalizes every record, and
/// the whole-text form took a seventh of a build.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(normal) = stable_form(c) {
            if let Some(start) = pending.take() {
                normalize_slowly(&text[start..i], &mut out);
            }
            // A stable character can still combine with what follows it (`e` + U+0301).
            if chars.peek().is_none_or(|&(_, next)| stable_form(next).is_some()) {
                out.push(normal);
                continue;
            }
        }
        pending.get_or_insert(i);
    }
    if let Some(start) = pending {
        normalize_slowly(&text[start..], &mut out);
    }
    out
}

/// What NFKC and lowercasing make of `c` when that does not depend on its neighbours
/// (NFKC_QC=Yes, combining class 0, and its NFKC form is such a character too): ASCII,
/// the common ideographs, full-width ASCII (`ＧＭＶ，` → `gmv,`) and the punctuation
/// Chinese text is full of. Everything else takes the slow path.
fn stable_form(c: char) -> Option<char> {
    match c {
        _ if c.is_ascii() => Some(c.to_ascii_lowercase()),
        '\u{4E00}'..='\u{9FFF}'
        | '、'
        | '。'
        | '《'
        | '》'
        | '「'
        | '」'
        | '『'
        | '』'
        | '【'
        | '】'
        | '‘'
        | '’'
        | '“'
        | '”'
        | '—' => Some(c),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).map(|a| a.to_ascii_lowercase()),
        _ => None,
    }
}

fn normalize_slowly(text: &str, out: &mut String) {
    out.extend(text.nfkc().flat_map(char::to_lowercase));
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
        // Characters, then pairs; the run is walked twice rather than collected.
        let ends = || {
            run.char_indices()
                .map(move |(i, c)| (start + i, start + i + c.len_utf8()))
        };
        for (a, b) in ends() {
            emit(&normalized[a..b]);
        }
        let mut before: Option<usize> = None;
        for (a, b) in ends() {
            if let Some(p) = before {
                emit(&normalized[p..b]);
            }
            before = Some(a);
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

/// A term of [`for_each_keyed_term`], with what identifies it cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKey {
    /// A Han character (its code point) or pair (`1 << 63`, then the first code point
    /// shifted by 21 bits, then the second): one integer, made without reading the text again.
    Han(u64),
    Word,
}

/// The same terms as [`for_each_index_term`], in one pass and in another order (each
/// character, then the pair it ends), each with its [`TermKey`]: what the index weighs
/// with, where every term of every record is counted.
pub fn for_each_keyed_term<'a>(normalized: &'a str, mut emit: impl FnMut(&'a str, TermKey)) {
    let mut word_start: Option<usize> = None;
    let mut before: Option<(usize, char)> = None;
    for (i, c) in normalized.char_indices() {
        if is_han(c) {
            if let Some(ws) = word_start.take() {
                emit(&normalized[ws..i], TermKey::Word);
            }
            let end = i + c.len_utf8();
            emit(&normalized[i..end], TermKey::Han(u64::from(c)));
            if let Some((p, first)) = before {
                let pair = 1 << 63 | u64::from(first) << 21 | u64::from(c);
                emit(&normalized[p..end], TermKey::Han(pair));
            }
            before = Some((i, c));
        } else {
            before = None;
            if is_word_char(c) {
                word_start.get_or_insert(i);
            } else if let Some(ws) = word_start.take() {
                emit(&normalized[ws..i], TermKey::Word);
            }
        }
    }
    if let Some(ws) = word_start {
        emit(&normalized[ws..], TermKey::Word);
    }
}

/// How many terms [`for_each_index_term`] gives for `normalized` (a field's length for
/// BM25F), counted without making them: a Han run of n characters gives n characters and
/// n − 1 pairs. Every record is counted before any is weighed.
pub fn count_index_terms(normalized: &str) -> u32 {
    let mut count = 0;
    let mut han = 0;
    let mut in_word = false;
    for c in normalized.chars() {
        if is_han(c) {
            count += u32::from(std::mem::take(&mut in_word));
            han += 1;
        } else {
            if han > 0 {
                count += 2 * std::mem::take(&mut han) - 1;
            }
            if is_word_char(c) {
                in_word = true;
            } else {
                count += u32::from(std::mem::take(&mut in_word));
            }
        }
    }
    count + if han > 0 { 2 * han - 1 } else { 0 } + u32::from(in_word)
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
    fn piecewise_normalization_equals_whole_text_normalization_and_counts_match_terms() {
        let palette: Vec<char> = "aZe1 中文，。、《》“”—（Ａｚ～ＧＭＶ\u{3000}가\u{1161}\u{11A8}ﬁΣςİ\u{FA10}①ｶﾞ\u{309A}\u{0B47}\u{0B3E}\u{301}\u{300}\u{0327}Å\u{212B}\u{1E9B}\u{0323}"
            .chars()
            .collect();
        let mut seed = 0x2545_f491_u64;
        for _ in 0..20_000 {
            let len = (seed % 12) as usize;
            let text: String = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    palette[(seed % palette.len() as u64) as usize]
                })
                .collect();
            let whole: String = text.nfkc().flat_map(char::to_lowercase).collect();
            assert_eq!(normalize(&text), whole, "{text:?}");
            let mut made = Vec::new();
            for_each_index_term(&whole, |t| made.push(t));
            assert_eq!(count_index_terms(&whole), made.len() as u32, "{whole:?}");
            let mut keyed = Vec::new();
            for_each_keyed_term(&whole, |t, key| {
                let han: Vec<char> = t.chars().filter(|&c| is_han(c)).collect();
                let expected = match han[..] {
                    [] => TermKey::Word,
                    [c] => TermKey::Han(u64::from(c)),
                    [a, b] => TermKey::Han(1 << 63 | u64::from(a) << 21 | u64::from(b)),
                    _ => panic!("{t:?}"),
                };
                assert_eq!(key, expected, "{t:?}");
                keyed.push(t);
            });
            made.sort_unstable();
            keyed.sort_unstable();
            assert_eq!(keyed, made, "{whole:?}");
        }
    }

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
