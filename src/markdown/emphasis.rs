//! CJK-friendly emphasis: `和**价值迭代（value iteration）**两种` is bold.
//!
//! CommonMark decides whether a `*`/`_` run opens or closes emphasis from the characters
//! on either side, and punctuation on the outside blocks a run. Chinese sets full-width
//! punctuation straight against the next word, so `**…）**两种` never closes. The
//! "markdown-cjk-friendly" amendment (github.com/tats-u/markdown-cjk-friendly,
//! `specification.md`) changes that rule next to CJK characters only; pulldown-cmark 0.13
//! has no option for it.
//!
//! pulldown-cmark reads only the two characters beside a run, so `plan` swaps a neighbour,
//! where the amended rule and CommonMark disagree, for a stand-in of the same UTF-8 length
//! that makes CommonMark's rule answer as the amended one does; pulldown-cmark then reads
//! that copy (see `adjusted`: ranges and strings stay the original's). Latin text has no
//! CJK neighbours, so nothing is swapped and CommonMark's behaviour is kept exactly
//! (`tests/markdown_emphasis.rs`).

use std::cell::RefCell;
use std::collections::HashMap;

use pulldown_cmark::{Event, Parser, Tag};

use super::adjusted::Swap;

/// What CommonMark's rule needs to see on one side of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    Letter,
    Punctuation,
}

/// Stand-ins by UTF-8 length: characters no course text uses, whose class pulldown-cmark
/// reads as wanted (checked by a test). The first one absent from the document is used,
/// so a stand-in found in an owned string can only be a swap.
fn stand_ins(class: Class, len: usize) -> &'static [char] {
    match (class, len) {
        (Class::Letter, 2) => &['\u{07CA}', '\u{07CB}', '\u{07CC}'], // N'Ko letters
        (Class::Letter, 3) => &['\u{E000}', '\u{E001}', '\u{E002}'], // private use
        (Class::Letter, 4) => &['\u{F0000}', '\u{F0001}', '\u{F0002}'], // private use
        (Class::Punctuation, 2) => &['\u{055C}', '\u{055D}', '\u{055E}'], // Armenian
        (Class::Punctuation, 3) => &['\u{A60D}', '\u{A60E}', '\u{A60F}'], // Vai
        (Class::Punctuation, 4) => &['\u{10100}', '\u{10101}', '\u{10102}'], // Aegean
        _ => &[],
    }
}

/// A character of `len` UTF-8 bytes that pulldown-cmark reads as punctuation and that
/// `text` does not contain (so that, in a string, it can only be a swap).
pub(super) fn punctuation_stand_in(text: &str, len: usize) -> Option<char> {
    stand_ins(Class::Punctuation, len)
        .iter()
        .copied()
        .find(|s| !text.contains(*s))
}

/// A delimiter run of `*` or `_`: bytes `start..end` of the text.
struct Run {
    delim: u8,
    start: usize,
    end: usize,
}

/// The swaps that make CommonMark's rule give the amended answer for every run.
pub(super) fn plan(text: &str) -> Vec<Swap> {
    let runs = delimiter_runs(text);
    let mut swaps: Vec<Swap> = Vec::new();
    let current = |swaps: &[Swap], at: Option<usize>| -> Option<char> {
        let at = at?;
        swaps
            .iter()
            .find(|s| s.at == at)
            .map(|s| s.with)
            .or_else(|| text[at..].chars().next())
    };
    for (k, run) in runs.iter().enumerate() {
        let (p_at, n_at) = neighbours(text, run);
        let (p, n) = (char_at(text, p_at), char_at(text, n_at));
        if p.is_none_or(|c| c.is_ascii()) && n.is_none_or(|c| c.is_ascii()) {
            continue; // no CJK neighbour: CommonMark's answer is the amended one
        }
        let pp = p_at.and_then(|at| text[..at].chars().next_back());
        let want = amended(run.delim, pp, p, n);
        let (cur_p, cur_n) = (current(&swaps, p_at), current(&swaps, n_at));
        if commonmark(run.delim, cur_p, cur_n) == want {
            continue;
        }
        // Try swapping the fewest neighbours; a swapped `p` is also the previous run's `n`.
        let options = |at: Option<usize>, cur: Option<char>| -> Vec<Option<char>> {
            let mut v = vec![cur];
            if let (Some(at), Some(c)) = (at, cur) {
                if !c.is_ascii() && !next_to_tilde(text, at, c) {
                    for class in [Class::Letter, Class::Punctuation] {
                        if let Some(s) = stand_ins(class, c.len_utf8()).iter().find(|s| !text.contains(**s)) {
                            v.push(Some(*s));
                        }
                    }
                }
            }
            v
        };
        let previous_ok = |swaps: &[Swap], p_new: Option<char>| -> bool {
            let Some(prev) = k.checked_sub(1).map(|i| &runs[i]) else {
                return true;
            };
            let (pp_at, pn_at) = neighbours(text, prev);
            if pn_at != p_at || p_new == current(swaps, p_at) {
                return true;
            }
            let (q_p, q_n) = (char_at(text, pp_at), char_at(text, pn_at));
            let q_pp = pp_at.and_then(|at| text[..at].chars().next_back());
            amended(prev.delim, q_pp, q_p, q_n) == commonmark(prev.delim, current(swaps, pp_at), p_new)
        };
        let mut found = None;
        'search: for p_new in options(p_at, cur_p) {
            for n_new in options(n_at, cur_n) {
                if commonmark(run.delim, p_new, n_new) == want && previous_ok(&swaps, p_new) {
                    found = Some((p_new, n_new));
                    break 'search;
                }
            }
        }
        let Some((p_new, n_new)) = found else { continue };
        for (at, new, old) in [(p_at, p_new, cur_p), (n_at, n_new, cur_n)] {
            if let (Some(at), Some(with)) = (at, new) {
                if new != old {
                    swaps.retain(|s| s.at != at);
                    let original = char_at(text, Some(at)).unwrap_or(with);
                    if original != with {
                        swaps.push(Swap { at, original, with });
                    }
                }
            }
        }
    }
    swaps.sort_by_key(|s| s.at);
    swaps
}

/// Every `*`/`_` run that is not backslash-escaped.
fn delimiter_runs(text: &str) -> Vec<Run> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 2,
            delim @ (b'*' | b'_') => {
                let start = i;
                while bytes.get(i) == Some(&delim) {
                    i += 1;
                }
                runs.push(Run { delim, start, end: i });
            }
            _ => i += 1,
        }
    }
    runs
}

/// Byte offsets of the characters before and after a run, `None` at a line's edge (which
/// counts as whitespace). A run that follows only `>` markers on its line starts the line.
fn neighbours(text: &str, run: &Run) -> (Option<usize>, Option<usize>) {
    let before = &text[..run.start];
    let line = before.rfind(['\n', '\r']).map_or(before, |i| &before[i + 1..]);
    let p = match before.chars().next_back() {
        Some('\n' | '\r') | None => None,
        Some(_) if line.chars().all(|c| c == '>' || c == ' ' || c == '\t') && line.contains('>') => None,
        Some(c) => Some(run.start - c.len_utf8()),
    };
    let n = match text[run.end..].chars().next() {
        Some('\n' | '\r') | None => None,
        Some(_) => Some(run.end),
    };
    (p, n)
}

fn char_at(text: &str, at: Option<usize>) -> Option<char> {
    text[at?..].chars().next()
}

/// Strikethrough reads the same neighbours; a character beside `~` is never swapped.
fn next_to_tilde(text: &str, at: usize, c: char) -> bool {
    text[..at].ends_with('~') || text[at + c.len_utf8()..].starts_with('~')
}

/// (can open, can close) as pulldown-cmark decides them from the two neighbours.
fn commonmark(delim: u8, p: Option<char>, n: Option<char>) -> (bool, bool) {
    let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let (p_punct, n_punct) = (p.is_some_and(is_punctuation), n.is_some_and(is_punctuation));
    if delim == b'*' {
        (
            !ws(n) && (!n_punct || ws(p) || p_punct),
            !ws(p) && (!p_punct || ws(n) || n_punct),
        )
    } else {
        (!ws(n) && (ws(p) || p_punct), !ws(p) && (ws(n) || n_punct))
    }
}

/// (can open, can close) by the CJK-friendly amendment: left- and right-flanking as its
/// §6.2 defines them, and rules 2 and 6 for `_`.
fn amended(delim: u8, pp: Option<char>, p: Option<char>, n: Option<char>) -> (bool, bool) {
    let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let selector = |c: Option<char>| matches!(c, Some('\u{FE00}'..='\u{FE0E}'));
    let ivs = matches!(p, Some('\u{E0100}'..='\u{E01EF}'));
    let non_cjk_punct = |c: Option<char>| c.is_some_and(|c| !is_cjk(c) && is_punctuation(c));
    // A "sequence" may end in a variation selector: then the character before it counts.
    let base = if selector(p) { pp } else { p };
    let p_non_cjk_punct = non_cjk_punct(base);
    let n_non_cjk_punct = non_cjk_punct(n);
    let p_cjk = base.is_some_and(is_cjk);
    let left = !ws(n) && (!n_non_cjk_punct || ws(p) || p_non_cjk_punct || p_cjk || ivs);
    let right = !ws(p) && (!p_non_cjk_punct || ws(n) || n_non_cjk_punct || n.is_some_and(is_cjk));
    if delim == b'*' {
        return (left, right);
    }
    let p_punct = base.is_some_and(is_punctuation);
    let n_punct = n.is_some_and(is_punctuation);
    (left && (!right || p_punct), right && (!left || n_punct))
}

/// A CJK character as the amendment defines it (East Asian Width W, F or H and not an
/// emoji, or Hangul); the ranges are its `ranges.md` for Unicode 16.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x20A9 | 0x2329..=0x232A | 0x2630..=0x2637 | 0x268A..=0x268F
        | 0x2E80..=0x2E99 | 0x2E9B..=0x2EF3 | 0x2F00..=0x2FD5 | 0x2FF0..=0x303E
        | 0x3041..=0x3096 | 0x3099..=0x30FF | 0x3105..=0x312F | 0x3131..=0x318E
        | 0x3190..=0x31E5 | 0x31EF..=0x321E | 0x3220..=0x3247 | 0x3250..=0xA48C
        | 0xA490..=0xA4C6 | 0xA960..=0xA97C | 0xAC00..=0xD7A3 | 0xD7B0..=0xD7C6
        | 0xD7CB..=0xD7FB | 0xF900..=0xFAFF | 0xFE10..=0xFE19 | 0xFE30..=0xFE52
        | 0xFE54..=0xFE66 | 0xFE68..=0xFE6B | 0xFF01..=0xFFBE | 0xFFC2..=0xFFC7
        | 0xFFCA..=0xFFCF | 0xFFD2..=0xFFD7 | 0xFFDA..=0xFFDC | 0xFFE0..=0xFFE6
        | 0xFFE8..=0xFFEE | 0x16FE0..=0x16FE4 | 0x16FF0..=0x16FF6 | 0x17000..=0x18CD5
        | 0x18CFF..=0x18D1E | 0x18D80..=0x18DF2 | 0x1AFF0..=0x1AFF3 | 0x1AFF5..=0x1AFFB
        | 0x1AFFD..=0x1AFFE | 0x1B000..=0x1B122 | 0x1B132 | 0x1B150..=0x1B152 | 0x1B155
        | 0x1B164..=0x1B167 | 0x1B170..=0x1B2FB | 0x1D300..=0x1D356 | 0x1D360..=0x1D376
        | 0x1F200 | 0x1F202 | 0x1F210..=0x1F219 | 0x1F21B..=0x1F22E | 0x1F230..=0x1F231
        | 0x1F237 | 0x1F23B | 0x1F240..=0x1F248 | 0x1F260..=0x1F265 | 0x20000..=0x3FFFD
    )
}

/// Whether pulldown-cmark counts a character as Unicode punctuation (P or S). Its table
/// is private, so it is asked: in `x*Cx*` the first `*` opens only when `C` is not
/// punctuation. Asking the parser itself keeps the two from ever disagreeing.
pub(super) fn is_punctuation(c: char) -> bool {
    thread_local! {
        static ANSWERS: RefCell<HashMap<char, bool>> = RefCell::new(HashMap::new());
    }
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    ANSWERS.with(|answers| {
        *answers.borrow_mut().entry(c).or_insert_with(|| {
            let probe = format!("x*{c}x*");
            !Parser::new(&probe).any(|e| matches!(e, Event::Start(Tag::Emphasis)))
        })
    })
}

#[cfg(test)]
mod tests;
