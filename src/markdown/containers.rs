//! `:::` containers as VuePress, VitePress and Docusaurus write them:
//!
//! ```text
//! ::: tip 标题
//! 内容（Markdown）
//! :::
//! ```
//!
//! CommonMark has no such block, and the fence lines usually sit right against the text,
//! inside its paragraph. So each paired fence line is handed to pulldown-cmark as an ATX
//! heading of the same length (`::: tip` reads `##  tip`, `:::` reads `#  `), which ends
//! the paragraph before it and starts a new one after it; the pass recognises those
//! headings by the `:::` in the original text (`fence`) and writes the container there.
//! Fence lines inside fenced code, and unpaired ones, are left alone.

use pulldown_cmark::BlockQuoteKind;

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
    /// `::: kind title`: the kind as written and the rest of the line, trimmed.
    Open {
        kind: &'a str,
        title: &'a str,
    },
    Close,
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
        return Some(Fence::Close);
    }
    let (kind, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    kind.chars().all(word).then(|| Fence::Open {
        kind,
        title: title.trim(),
    })
}

/// The swaps that turn each paired fence line into a heading (see the module comment).
pub(super) fn fence_swaps(text: &str) -> Vec<Swap> {
    if !text.contains(":::") {
        return Vec::new();
    }
    let mut open: Vec<usize> = Vec::new();
    let mut paired: Vec<usize> = Vec::new();
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
        match fence(line) {
            Some(Fence::Open { .. }) => open.push(start),
            Some(Fence::Close) => {
                if let Some(opener) = open.pop() {
                    paired.extend([opener, start]);
                }
            }
            None => {}
        }
    }
    let mut swaps = Vec::new();
    for start in paired {
        let line = &text[start..];
        let colons_at = start + (line.len() - line.trim_start_matches(' ').len());
        let colons = text[colons_at..].bytes().take_while(|&b| b == b':').count();
        let closing = matches!(fence(line), Some(Fence::Close));
        // An opener reads as a heading of level `colons - 1`, a closer as an empty `#`.
        let hashes = if closing { 1 } else { colons - 1 };
        for i in 0..colons {
            let with = if i < hashes { '#' } else { ' ' };
            swaps.push(Swap {
                at: colons_at + i,
                original: ':',
                with,
            });
        }
    }
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
                title: "小技巧（Tip）"
            })
        );
        assert_eq!(
            fence(":::warning"),
            Some(Fence::Open {
                kind: "warning",
                title: ""
            })
        );
        assert_eq!(fence(":::\r\n"), Some(Fence::Close));
        assert_eq!(fence("    ::: tip"), None);
        assert_eq!(fence(":: tip"), None);
        assert_eq!(fence("::: {.x}"), None);
    }

    #[test]
    fn only_paired_fences_outside_code_are_swapped() {
        let text = "::: tip\n内容\n:::\n\n```\n::: tip\n:::\n```\n\n::: note 未闭合\n";
        let swapped: Vec<usize> = fence_swaps(text).iter().map(|s| s.at).collect();
        let second = text.find("内容\n:::").unwrap() + "内容\n".len();
        assert_eq!(swapped, [0, 1, 2, second, second + 1, second + 2]);
    }
}
