//! Formulas in the text of raw HTML blocks (`<td>$0.2$</td>`): course books written for
//! MathJax or KaTeX put them there, and those typeset the whole page. The same MathML as
//! for Markdown formulas; tags, attribute values and `<code>`/`<pre>` are left alone.

use std::ops::Range;

use super::Pass;

impl Pass<'_, '_> {
    /// `html` (one cleaned HTML block, at `range`) with its `$…$` and `$$…$$` as MathML, or
    /// `None` when it has none.
    pub(super) fn math_in_html(&mut self, html: &str, range: Range<usize>) -> Option<String> {
        let formulas = find_formulas(html);
        if formulas.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(html.len() + 256);
        let mut at = 0;
        for f in formulas {
            out.push_str(&html[at..f.whole.start]);
            let tex = decode_entities(&html[f.tex.clone()]);
            out.push_str(&self.formula(&tex, f.block, range.clone(), Some(&html[f.whole.clone()])));
            at = f.whole.end;
        }
        out.push_str(&html[at..]);
        Some(out)
    }
}

struct Formula {
    whole: Range<usize>,
    tex: Range<usize>,
    block: bool,
}

/// The formulas in the text of `html`, by pulldown-cmark's rules for `$`: an opening `$`
/// not followed by a space, a closing one not preceded by one (nor followed by a digit,
/// so `$5 到 $10` stays text); `\$` is a dollar sign.
fn find_formulas(html: &str) -> Vec<Formula> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    let mut raw_until: Option<&str> = None;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                let end = tag_end(bytes, i);
                let tag = html[i..end].to_ascii_lowercase();
                match raw_until {
                    Some(close) if tag.starts_with(close) => raw_until = None,
                    Some(_) => {}
                    None => {
                        raw_until = ["code", "pre", "kbd", "script", "style", "math"]
                            .into_iter()
                            .find(|name| {
                                tag[1..].starts_with(name) && !tag[1 + name.len()..].starts_with(char::is_alphanumeric)
                            })
                            .map(|name| match name {
                                "code" => "</code",
                                "pre" => "</pre",
                                "kbd" => "</kbd",
                                "script" => "</script",
                                "style" => "</style",
                                _ => "</math",
                            });
                    }
                }
                i = end;
            }
            b'\\' => i += 2,
            b'$' if raw_until.is_none() => match formula_at(html, i) {
                Some(f) => {
                    i = f.whole.end;
                    found.push(f);
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    found
}

/// The formula opened by the `$` at `open`, closed before the next tag.
fn formula_at(html: &str, open: usize) -> Option<Formula> {
    let block = html[open..].starts_with("$$");
    let delimiter = if block { "$$" } else { "$" };
    let tex_start = open + delimiter.len();
    let text_end = html[tex_start..].find('<').map_or(html.len(), |i| tex_start + i);
    let text = &html[tex_start..text_end];
    if text.starts_with(char::is_whitespace) && !block {
        return None;
    }
    let mut from = 0;
    while let Some(i) = text[from..].find(delimiter).map(|i| from + i) {
        let before = text[..i].chars().next_back();
        let after = text[i + delimiter.len()..].chars().next();
        let closes = i > 0
            && !before.is_some_and(|c| c == '\\' || (!block && c.is_whitespace()))
            && !after.is_some_and(|c| c.is_ascii_digit() || (!block && c == '$'));
        if closes {
            let end = tex_start + i;
            return Some(Formula {
                whole: open..end + delimiter.len(),
                tex: tex_start..end,
                block,
            });
        }
        from = i + delimiter.len();
    }
    None
}

/// The end of the tag starting at `lt` (after its `>`; quoted values may hold one).
fn tag_end(bytes: &[u8], lt: usize) -> usize {
    let mut quote = None;
    let mut i = lt + 1;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (None, b'>') => return i + 1,
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The text of a cleaned HTML block as the formula's author wrote it (`a &lt; b` is `a < b`).
fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::find_formulas;

    #[test]
    fn formulas_in_text_only_by_the_dollar_rules() {
        let cases: [(&str, &[&str]); 7] = [
            ("<td>$0.2$</td><td>$S_{t+1} = s_1$</td>", &["0.2", "S_{t+1} = s_1"]),
            ("<p>$$\\sum_k r_k$$ 与 $a &lt; b$</p>", &["\\sum_k r_k", "a &lt; b"]),
            ("<td>价格 $5 到 $10</td>", &[]),
            ("<td>$ x$ 与 $x $</td>", &[]),
            ("<code>$x$</code><pre>$y$</pre> $z$", &["z"]),
            ("<img alt=\"$x$\" title='$y$'>", &[]),
            ("<td>\\$5 与 \\$6</td>", &[]),
        ];
        for (html, want) in cases {
            let got: Vec<&str> = find_formulas(html).iter().map(|f| &html[f.tex.clone()]).collect();
            assert_eq!(got, want, "{html}");
        }
    }
}
