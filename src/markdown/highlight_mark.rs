//! `==高亮==`: highlighted text, as Obsidian, Typora, Marp (classic) and markdown-it-mark
//! write it, shown as `<mark>`. Notes and decks written in those tools use it for the one
//! phrase a student must remember; CommonMark has no such syntax and would print the `==`.
//!
//! pulldown-cmark 0.13 has no option for it, but it has strikethrough, whose `~~` follows
//! the same delimiter rules as markdown-it-mark's `==`. So each pair of `==` that may mark
//! text is swapped for `~~` in the copy pulldown-cmark reads (see `adjusted`), and a
//! strikethrough that starts on an `=` of the original comes out as `<mark>…</mark>`.
//! A pair is two runs of exactly two `=` in the text of one paragraph, heading, list item
//! or table cell (never in code, math, link destinations or HTML), the first followed and
//! the second preceded by a non-space. Whether they then mark anything is pulldown-cmark's
//! decision; text it leaves alone keeps its `==`, since every string comes from the original.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::adjusted::Swap;
use super::emphasis::{is_cjk, is_punctuation, punctuation_stand_in};

/// For each `==…==` pair, the swaps that make pulldown-cmark read it as `~~…~~`: its four
/// `=`, and maybe the character after it ([`closing_neighbour`]).
pub(super) fn swaps(text: &str, options: Options) -> Vec<Vec<Swap>> {
    let bytes = text.as_bytes();
    // The common case, code's `a == b` included, without a parse: no `==` that can open.
    let opens = |i: usize| bytes.get(i + 2).is_some_and(|b| !b.is_ascii_whitespace() && *b != b'=');
    if !text
        .match_indices("==")
        .any(|(i, _)| opens(i) && (i == 0 || bytes[i - 1] != b'='))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    // The `==` runs of the current block, by byte offset.
    let mut runs: Vec<usize> = Vec::new();
    let mut flush = |runs: &mut Vec<usize>| {
        pairs(text, runs, &mut out);
        runs.clear();
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Text(t) if range.len() == t.len() && t.contains("==") => {
                let start = range.start;
                let s = t.as_bytes();
                let mut i = 0;
                while i + 1 < s.len() {
                    if s[i] == b'=' && s[i + 1] == b'=' {
                        let at = start + i;
                        let lone = (at == 0 || bytes[at - 1] != b'=') && bytes.get(at + 2) != Some(&b'=');
                        if lone {
                            runs.push(at);
                        }
                        i += 2;
                        while i < s.len() && s[i] == b'=' {
                            i += 1;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell)
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => flush(&mut runs),
            _ => {}
        }
    }
    flush(&mut runs);
    out
}

/// Pairs the runs in order: an opener (a non-space after it) with the next closer (a
/// non-space before it).
fn pairs(text: &str, runs: &[usize], out: &mut Vec<Vec<Swap>>) {
    let bytes = text.as_bytes();
    let space = |b: Option<&u8>| b.is_none_or(|b| b.is_ascii_whitespace());
    let mut open: Option<usize> = None;
    for &at in runs {
        match open {
            Some(o) if !space(bytes.get(at.wrapping_sub(1))) && at > o + 2 => {
                let tilde = |at| Swap {
                    at,
                    original: '=',
                    with: '~',
                };
                let mut pair = vec![tilde(o), tilde(o + 1), tilde(at), tilde(at + 1)];
                pair.extend(closing_neighbour(text, at));
                out.push(pair);
                open = None;
            }
            _ if !space(bytes.get(at + 2)) => open = Some(at),
            _ => {}
        }
    }
}

/// `~~` closes after punctuation only before a space or more punctuation; Chinese sets
/// `==成交总额（GMV）==也…` with a character straight after. As for emphasis (the
/// CJK-friendly rule in `emphasis`), that character is read as punctuation.
fn closing_neighbour(text: &str, at: usize) -> Option<Swap> {
    let before = text[..at].chars().next_back()?;
    let after = text[at + 2..].chars().next()?;
    let reads_as_letter = !after.is_whitespace() && !is_punctuation(after);
    (is_punctuation(before) && reads_as_letter && is_cjk(after)).then_some(())?;
    Some(Swap {
        at: at + 2,
        original: after,
        with: punctuation_stand_in(text, after.len_utf8())?,
    })
}

/// Whether a strikethrough at `range` was written as `==…==` (it starts on an `=`).
pub(super) fn is_mark(text: &str, start: usize) -> bool {
    text.as_bytes().get(start) == Some(&b'=')
}

#[cfg(test)]
mod tests {
    use super::super::adjusted;
    use super::super::options;
    use pulldown_cmark::html::push_html;

    fn html(text: &str) -> String {
        let mut out = String::new();
        push_html(
            &mut out,
            adjusted::parse(text, options(), true).into_iter().map(|(e, _)| e),
        );
        out
    }

    #[test]
    fn double_equals_pairs_become_marks() {
        let cases = [
            ("先看 ==GMV== 再看转化", "<p>先看 <mark>GMV</mark> 再看转化</p>\n"),
            ("==高亮==与图片", "<p><mark>高亮</mark>与图片</p>\n"),
            (
                "==**重点**== 和 ~~旧的~~",
                "<p><mark><strong>重点</strong></mark> 和 <del>旧的</del></p>\n",
            ),
            ("## ==标题== 里", "<h2><mark>标题</mark> 里</h2>\n"),
            // Closing after full-width punctuation, before a character.
            (
                "先记住==重点（key）==也要看==完播率==。",
                "<p>先记住<mark>重点（key）</mark>也要看<mark>完播率</mark>。</p>\n",
            ),
            (
                "- ==一== 与 ==二==",
                "<ul>\n<li><mark>一</mark> 与 <mark>二</mark></li>\n</ul>\n",
            ),
            // Not marks: comparisons, code, longer runs, a pair across paragraphs.
            ("当 a == b 时", "<p>当 a == b 时</p>\n"),
            ("`a==b` 与 a==b", "<p><code>a==b</code> 与 a==b</p>\n"),
            ("a === b === c", "<p>a === b === c</p>\n"),
            ("==开\n\n关==", "<p>==开</p>\n<p>关==</p>\n"),
            ("```\nx ==y== z\n```", "<pre><code>x ==y== z\n</code></pre>\n"),
            ("标题\n==", "<h1>标题</h1>\n"),
            ("[链接](a==b==c.md)", "<p><a href=\"a==b==c.md\">链接</a></p>\n"),
        ];
        for (md, want) in cases {
            assert_eq!(html(md), want, "{md}");
        }
    }
}
