//! `:::` containers as VuePress, VitePress and Docusaurus write them:
//!
//! ```text
//! ::: tip 标题
//! 内容（Markdown）
//! :::
//! ```
//!
//! CommonMark has no such block, and the fence lines usually sit right against the text,
//! inside its paragraph. So each fence line is handed to pulldown-cmark as an ATX
//! heading of the same length (`::: tip` reads `##  tip`, `:::` reads `#  `), which ends
//! the paragraph before it and starts a new one after it; the pass recognises those
//! headings by the `:::` in the original text (`fence`), marks them (`mark_fences`) so
//! that nothing counts them as headings, and writes the container there.
//!
//! Which `:::` closes which container follows markdown-it-container (VuePress, VitePress):
//! a container ends at the first bare fence line of at least as many colons, indented
//! less than four spaces; containers opened inside it and still open end there too, so
//! `::: details 例` … `::: details 解` … `:::` closes both, and nesting takes more colons
//! on the outer one (`::::`). A container never closed ends with the document (the pass
//! ends it with its slide). A closing line indented into a list item (`   :::`, as
//! Prettier writes it) still closes a container opened outside the list, ending the list
//! first: it is handed over at the opener's indent. Fence lines inside fenced code, and
//! bare ones that close nothing, are left alone.

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag};

use super::adjusted::Swap;

/// What a callout is: the five GitHub alerts and the container kinds of Chinese doc
/// sites. The order is that of the labels in `render::i18n::Strings::callouts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalloutKind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
    Info,
    Danger,
    Details,
}

impl CalloutKind {
    pub const NAMES: [&'static str; 8] = [
        "note",
        "tip",
        "important",
        "warning",
        "caution",
        "info",
        "danger",
        "details",
    ];
    const ALL: [CalloutKind; 8] = [
        CalloutKind::Note,
        CalloutKind::Tip,
        CalloutKind::Important,
        CalloutKind::Warning,
        CalloutKind::Caution,
        CalloutKind::Info,
        CalloutKind::Danger,
        CalloutKind::Details,
    ];

    /// A container's kind as written (`tip`, `TIP`).
    pub fn named(name: &str) -> Option<CalloutKind> {
        let i = Self::NAMES.iter().position(|n| n.eq_ignore_ascii_case(name))?;
        Some(Self::ALL[i])
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    pub fn of_alert(kind: BlockQuoteKind) -> CalloutKind {
        match kind {
            BlockQuoteKind::Note => CalloutKind::Note,
            BlockQuoteKind::Tip => CalloutKind::Tip,
            BlockQuoteKind::Important => CalloutKind::Important,
            BlockQuoteKind::Warning => CalloutKind::Warning,
            BlockQuoteKind::Caution => CalloutKind::Caution,
        }
    }
}

/// A fence line of the original text.
#[derive(Debug, PartialEq)]
pub enum Fence<'a> {
    /// `::: kind title`: the kind as written and the rest of the line, trimmed, and the
    /// number of colons.
    Open {
        kind: &'a str,
        title: &'a str,
        colons: usize,
    },
    /// A bare fence, with its number of colons.
    Close { colons: usize },
}

/// The fence at the start of `line` (up to three spaces of indent), if it is one.
pub fn fence(line: &str) -> Option<Fence<'_>> {
    let line = line.split(['\n', '\r']).next()?;
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let colons = rest.len() - rest.trim_start_matches(':').len();
    if !(3..=7).contains(&colons) {
        return None;
    }
    let rest = rest[colons..].trim();
    if rest.is_empty() {
        return Some(Fence::Close { colons });
    }
    let (kind, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    kind.chars().all(word).then(|| Fence::Open {
        kind,
        title: title.trim(),
        colons,
    })
}

/// The class that marks a heading event as a `:::` fence line.
pub const FENCE_CLASS: &str = "lectern-container-fence";

/// Whether a heading's classes mark it as a `:::` fence line.
pub fn is_fence(classes: &[CowStr]) -> bool {
    classes.iter().any(|c| c.as_ref() == FENCE_CLASS)
}

/// Mark the headings that are fence lines of `body` (the text the events' ranges are in).
pub fn mark_fences(events: &mut [(Event, Range<usize>)], body: &str) {
    if !body.contains(":::") {
        return;
    }
    for (e, range) in events.iter_mut() {
        if let Event::Start(Tag::Heading { classes, .. }) = e {
            if body
                .get(range.start..)
                .is_some_and(|at| at.starts_with([':', ' ']) && fence(at).is_some())
            {
                classes.push(FENCE_CLASS.into());
            }
        }
    }
}

/// The swaps that turn each paired fence line into a heading (see the module comment).
pub(super) fn fence_swaps(text: &str) -> Vec<Swap> {
    if !text.contains(":::") {
        return Vec::new();
    }
    // Open containers: where the opening line starts, its indent and colons.
    let mut open: Vec<(usize, usize)> = Vec::new();
    // Fence lines to swap: where each starts, and the indent to hand it over at.
    let mut fences: Vec<(usize, usize)> = Vec::new();
    let mut code_fence: Option<(u8, usize)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() <= 3 {
            if let Some(c @ (b'`' | b'~')) = trimmed.bytes().next() {
                let n = trimmed.bytes().take_while(|&b| b == c).count();
                match code_fence {
                    None if n >= 3 => code_fence = Some((c, n)),
                    Some((fc, fn_)) if fc == c && n >= fn_ && trimmed[n..].trim().is_empty() => code_fence = None,
                    _ => {}
                }
                continue;
            }
        }
        if code_fence.is_some() {
            continue;
        }
        let indent = line.len() - trimmed.len();
        match fence(line) {
            Some(Fence::Open { colons, .. }) => {
                open.push((indent, colons));
                fences.push((start, indent));
            }
            // The outermost open container it is long enough for ends here, and every
            // container opened inside it.
            Some(Fence::Close { colons }) => {
                if let Some(k) = open.iter().position(|&(_, n)| n <= colons) {
                    fences.push((start, open[k].0.min(indent)));
                    open.truncate(k);
                }
            }
            None => {}
        }
    }
    let mut swaps = Vec::new();
    for (start, to) in fences {
        let line = &text[start..];
        let indent = line.len() - line.trim_start_matches(' ').len();
        let colons = line[indent..].bytes().take_while(|&b| b == b':').count();
        let closing = matches!(fence(line), Some(Fence::Close { .. }));
        // An opener reads as a heading of level `colons - 1`, a closer as an empty `#`
        // (at the indent `to`, the rest of the line blank).
        let hashes = if closing { 1 } else { colons - 1 };
        for i in to..indent + colons {
            let original = if i < indent { ' ' } else { ':' };
            let with = if i - to < hashes { '#' } else { ' ' };
            if with != original {
                swaps.push(Swap {
                    at: start + i,
                    original,
                    with,
                });
            }
        }
    }
    swaps.sort_by_key(|s| s.at);
    swaps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_lines_are_read_with_kind_and_title() {
        assert_eq!(
            fence("::: tip 小技巧（Tip）\n"),
            Some(Fence::Open {
                kind: "tip",
                title: "小技巧（Tip）",
                colons: 3
            })
        );
        assert_eq!(
            fence(":::warning"),
            Some(Fence::Open {
                kind: "warning",
                title: "",
                colons: 3
            })
        );
        assert_eq!(fence("::::\r\n"), Some(Fence::Close { colons: 4 }));
        assert_eq!(fence("    ::: tip"), None);
        assert_eq!(fence(":: tip"), None);
        assert_eq!(fence("::: {.x}"), None);
    }

    fn swapped(text: &str) -> Vec<usize> {
        fence_swaps(text).iter().map(|s| s.at).collect()
    }

    #[test]
    fn fences_outside_code_are_swapped_and_bare_ones_only_when_they_close() {
        let text = "::: tip\n内容\n:::\n\n```\n::: tip\n:::\n```\n\n:::\n\n::: note 未闭合\n";
        let second = text.find("内容\n:::").unwrap() + "内容\n".len();
        let last = text.find("::: note").unwrap();
        assert_eq!(
            swapped(text),
            [0, 1, 2, second, second + 1, second + 2, last, last + 1, last + 2],
            "code, and a `:::` that closes nothing, stay; an opener never closed is one"
        );
    }

    #[test]
    fn the_first_long_enough_bare_fence_closes_the_outer_container_and_all_inside() {
        let text = "::: details 例 1\n题目\n::: details 解\n解答\n:::\n后文\n:::\n";
        let inner = text.find("::: details 解").unwrap();
        let close = text.find("解答\n:::").unwrap() + "解答\n".len();
        assert_eq!(
            swapped(text),
            [0, 1, 2, inner, inner + 1, inner + 2, close, close + 1, close + 2]
        );
        // More colons on the outer one: the inner `:::` closes the inner one only.
        let text = "::::: details 例 1\n::: tip\n内容\n:::\n:::::\n";
        assert_eq!(swapped(text).len(), 5 + 3 + 3 + 5);
    }

    #[test]
    fn a_closing_fence_indented_into_a_list_item_is_handed_over_at_the_openers_indent() {
        let text = "::: tip\n\n1. 第一条\n   :::\n";
        let close = text.find("   :::").unwrap();
        let swaps = fence_swaps(text);
        let after: Vec<(usize, char)> = swaps.iter().filter(|s| s.at >= close).map(|s| (s.at, s.with)).collect();
        assert_eq!(
            after,
            [(close, '#'), (close + 3, ' '), (close + 4, ' '), (close + 5, ' ')]
        );
    }
}
