//! `\(…\)` and `\[…\]`, the LaTeX delimiters many course books use beside `$…$`.
//!
//! pulldown-cmark does not know them: in Markdown `\(` is an escaped paren, and mdBook
//! books write `\\(` so that `\(` reaches MathJax. Either form counts as a delimiter when
//!
//! - it is in the text (not in code, a link destination or HTML),
//! - the opening and the closing one are in the same paragraph, heading, list item or
//!   table cell, with no `$` or backtick between them, and
//! - what they enclose looks like LaTeX: a command (`\frac`, `\alpha`), or one of
//!   `^ _ { } =`; for `\(…\)` also a bare name or number (`\(x\)`, `\(n\)`, `\(42\)`).
//!
//! So `\(注\)` and `\[1\]` stay the escaped text `(注)` and `[1]`.
//!
//! Such a pair is rewritten in place, before the real parse, into `$…$`/`$$…$$` of the
//! same length (`\(` → `${`, `\)` → `}$`, `\\(` → `${{`, `\[` → `$$`, `\\[` → `$${`): the
//! braces group the formula without changing it, nothing between the delimiters is read
//! as Markdown (`\(x_t + y_t\)` is no emphasis), and every byte offset stays that of the
//! file, so links and warnings keep their FILE:LINE:COL.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
}

/// A delimiter in the source: where it starts, its length (2: `\(`, 3: `\\(`), and the
/// block it is in.
#[derive(Debug, Clone, Copy)]
struct Delimiter {
    mark: Mark,
    at: usize,
    len: usize,
    block: usize,
}

fn mark_of(c: u8) -> Option<Mark> {
    match c {
        b'(' => Some(Mark::OpenParen),
        b')' => Some(Mark::CloseParen),
        b'[' => Some(Mark::OpenBracket),
        b']' => Some(Mark::CloseBracket),
        _ => None,
    }
}

/// `body` with its `\(…\)` and `\[…\]` formulas written as `$…$` and `$$…$$`, or `None`
/// when it has none (the common case: one substring search).
pub fn as_dollars(body: &str, options: Options) -> Option<String> {
    if !body.contains("\\(") && !body.contains("\\[") {
        return None;
    }
    let delimiters = delimiters(body, options);
    let bytes = body.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while i + 1 < delimiters.len() {
        let (open, close) = (delimiters[i], delimiters[i + 1]);
        let paren = open.mark == Mark::OpenParen && close.mark == Mark::CloseParen;
        let bracket = open.mark == Mark::OpenBracket && close.mark == Mark::CloseBracket;
        let inner = &body[open.at + open.len..close.at];
        if !(paren || bracket) || open.block != close.block || !looks_like_latex(inner, paren) {
            i += 1;
            continue;
        }
        let out = out.get_or_insert_with(|| bytes.to_vec());
        let opening: &[u8] = match (paren, open.len) {
            (true, 2) => b"${",
            (true, _) => b"${{",
            (false, 2) => b"$$",
            (false, _) => b"$${",
        };
        let closing: &[u8] = match (paren, close.len) {
            (true, 2) => b"}$",
            (true, _) => b"}}$",
            (false, 2) => b"$$",
            (false, _) => b"}$$",
        };
        // A `\\(` may close with `\)`: the group braces must balance, so both get one pair
        // less when the lengths differ.
        let (opening, closing) = balance(opening, closing);
        out[open.at..open.at + open.len].copy_from_slice(&opening);
        out[close.at..close.at + close.len].copy_from_slice(&closing);
        i += 2;
    }
    out.map(|b| String::from_utf8(b).expect("ASCII replaced by ASCII"))
}

/// Opening and closing replacements with as many `{` as `}`: the extra brace of a
/// three-byte delimiter against a two-byte one becomes a space.
fn balance(opening: &[u8], closing: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let count = |s: &[u8], c: u8| s.iter().filter(|&&b| b == c).count();
    let (mut opening, mut closing) = (opening.to_vec(), closing.to_vec());
    while count(&opening, b'{') > count(&closing, b'}') {
        let i = opening.iter().rposition(|&b| b == b'{').expect("counted");
        opening[i] = b' ';
    }
    while count(&closing, b'}') > count(&opening, b'{') {
        let i = closing.iter().position(|&b| b == b'}').expect("counted");
        closing[i] = b' ';
    }
    (opening, closing)
}

fn looks_like_latex(inner: &str, paren: bool) -> bool {
    let t = inner.trim();
    if t.is_empty() || t.contains(['$', '`']) {
        return false;
    }
    let command = t
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'\\' && w[1].is_ascii_alphabetic());
    command || t.contains(['^', '_', '{', '}', '=']) || paren && t.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Every `\(`, `\)`, `\[`, `\]` and `\\(`… in the text of `body`, in order.
fn delimiters(body: &str, options: Options) -> Vec<Delimiter> {
    let bytes = body.as_bytes();
    let mut found = Vec::new();
    let mut block = 0;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let text = match event {
            Event::Text(t) => t,
            Event::Start(tag) if !is_inline(&tag) => {
                block += 1;
                continue;
            }
            Event::End(tag) if !is_inline_end(tag) => {
                block += 1;
                continue;
            }
            _ => continue,
        };
        // `\(`: the escape's backslash is not in the text, which starts at the paren.
        let p = range.start;
        if backslashes_before(bytes, p) % 2 == 1 {
            if let Some(mark) = text.as_bytes().first().copied().and_then(mark_of) {
                found.push(Delimiter {
                    mark,
                    at: p - 1,
                    len: 2,
                    block,
                });
            }
        }
        // `\\(`: the text holds `\(`, and the file one more backslash before it.
        if body.get(range.clone()) != Some(text.as_ref()) {
            continue;
        }
        for (i, c) in text.bytes().enumerate() {
            let q = range.start + i;
            let Some(mark) = mark_of(c) else { continue };
            if backslashes_before(bytes, q) == 2 {
                found.push(Delimiter {
                    mark,
                    at: q - 2,
                    len: 3,
                    block,
                });
            }
        }
    }
    found
}

/// How many backslashes stand right before `at`.
fn backslashes_before(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().rev().take_while(|&&b| b == b'\\').count()
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript | Tag::Link { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(s: &str) -> String {
        as_dollars(s, super::super::options()).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn latex_delimiters_become_dollars_of_the_same_length() {
        let cases = [
            (r"设 \(x_t + y_t\) 为", r"设 ${x_t + y_t}$ 为"),
            (r"mdBook 写 \\(\alpha\\) 。", r"mdBook 写 ${{\alpha}}$ 。"),
            (r"\[ \sum_i x_i \]", r"$$ \sum_i x_i $$"),
            (r"\\[ \sum_i x_i \\]", r"$${ \sum_i x_i }$$"),
            (r"变量 \(n\) 个", r"变量 ${n}$ 个"),
        ];
        for (written, expected) in cases {
            let got = rewrite(written);
            assert_eq!(got, expected, "{written}");
            assert_eq!(got.len(), written.len());
        }
    }

    #[test]
    fn escaped_parens_that_are_not_math_stay() {
        for text in [
            r"备注 \(注\) 与 \[1\] 引用",
            "跨段落 \\(x^2\n\n下一段\\)",
            r"代码 `\(x^2\)` 不算",
            r"\(a\] 和 \[b\) 不配对",
            r"价格 \($5 ^ 2\)",
            r"没有结尾 \(x^2",
        ] {
            assert_eq!(rewrite(text), text);
        }
    }
}
