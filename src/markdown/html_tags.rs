//! A small scanner for the tags of raw HTML blocks: enough to tell which elements a block
//! leaves open or closes for another block (`html_spans`), and the text of a heading written
//! as HTML (`<h1 align="center">标题</h1>`, common at the top of GitHub READMEs). Cleaning
//! stays ammonia's job (`raw_html`); nothing here decides what is safe.

use std::ops::Range;

/// One start or end tag, its name in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlTag {
    pub name: String,
    pub closing: bool,
    pub range: Range<usize>,
}

/// Elements that never have content or an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
];

/// Whether `name` (lower case) is a void element.
pub fn is_void(name: &str) -> bool {
    VOID.contains(&name)
}

/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// The start and end tags of `html` in order; comments, `<!…>`, `<?…>` and the content of
/// `<script>`-like elements are skipped. Void elements come as start tags only.
pub fn tags(html: &str) -> Vec<HtmlTag> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some((tag, next)) = next_tag(html, i) {
        found.push(tag);
        i = next;
    }
    found
}

/// The first tag of `html` at or after `i` (as [`tags`] finds them), and where the scan
/// goes on after it.
fn next_tag(html: &str, mut i: usize) -> Option<(HtmlTag, usize)> {
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset;
        let rest = &html[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i = comment.find("-->").map_or(html.len(), |e| start + 4 + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(html.len(), |e| start + e + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_at = start + if closing { 2 } else { 1 };
        let name_len = html[name_at..]
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b'-')
            .count();
        if name_len == 0 || !html.as_bytes()[name_at].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = html[name_at..name_at + name_len].to_ascii_lowercase();
        let end = tag_end(html, name_at + name_len);
        let mut next = end;
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            next = html[end..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(html.len(), |e| end + e);
        }
        let tag = HtmlTag {
            name,
            closing,
            range: start..end,
        };
        return Some((tag, next));
    }
    None
}

/// Index just past the `>` that ends the tag whose attributes start at `from` (a `>` inside
/// a quoted value does not end it).
fn tag_end(html: &str, from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (j, &c) in html.as_bytes()[from..].iter().enumerate() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'>') => return from + j + 1,
            _ => {}
        }
    }
    html.len()
}

/// What a piece of HTML leaves unbalanced, as a browser pairs its tags: the elements it
/// closes without having opened them (in the order it closes them), and the elements
/// still open at its end (outermost first). `</div>\n<div class="x">` gives
/// `(["div"], ["div"])`.
pub fn balance(html: &str) -> (Vec<String>, Vec<String>) {
    let mut closes = Vec::new();
    let mut open: Vec<String> = Vec::new();
    for tag in tags(html) {
        if !tag.closing {
            if !VOID.contains(&tag.name.as_str()) {
                open.push(tag.name);
            }
        } else if let Some(at) = open.iter().rposition(|n| *n == tag.name) {
            open.truncate(at);
        } else if !VOID.contains(&tag.name.as_str()) {
            // It closes an element opened before this piece, and with it all opened since.
            open.clear();
            closes.push(tag.name);
        }
    }
    (closes, open)
}

/// Elements that show something with no text in them.
const VISIBLE_EMPTY: &[&str] = &[
    "img", "svg", "video", "audio", "iframe", "picture", "object", "embed", "canvas", "input", "hr", "math", "select",
    "textarea", "button", "meter", "progress", "table",
];

/// Whether `html` shows nothing: no text and no image, video, rule or the like (an empty
/// `<div id="top"></div>`, an empty paragraph).
pub fn shows_nothing(html: &str) -> bool {
    // Tag by tag, stopping at the first text or visible element: most slides stop at once.
    let (mut text_from, mut search_from) = (0, 0);
    while let Some((tag, next)) = next_tag(html, search_from) {
        if VISIBLE_EMPTY.contains(&tag.name.as_str()) || has_text(&html[text_from..tag.range.start]) {
            return false;
        }
        (text_from, search_from) = (tag.range.end, next);
    }
    !has_text(&html[text_from..])
}

/// Whether `between` (what lies between two tags) has text outside its comments.
fn has_text(between: &str) -> bool {
    let mut rest = between;
    loop {
        let Some(open) = rest.find("<!--") else {
            return !rest.trim().is_empty();
        };
        if !rest[..open].trim().is_empty() {
            return true;
        }
        rest = rest[open..].find("-->").map_or("", |end| &rest[open + end + 3..]);
    }
}

/// The text of the first `<h1>`…`<h6>` element in `html`, tags removed, entities
/// decoded and white space collapsed; `None` when there is none or it is empty.
pub fn first_heading_text(html: &str) -> Option<String> {
    let tags = tags(html);
    let is_heading = |t: &HtmlTag| {
        let b = t.name.as_bytes();
        b.len() == 2 && b[0] == b'h' && (b'1'..=b'6').contains(&b[1])
    };
    let open = tags.iter().position(|t| !t.closing && is_heading(t))?;
    let name = &tags[open].name;
    let close = tags[open + 1..]
        .iter()
        .find(|t| t.closing && t.name == *name)
        .map_or(html.len(), |t| t.range.start);
    let mut text = String::new();
    let mut at = tags[open].range.end;
    for tag in tags[open + 1..].iter().take_while(|t| t.range.start < close) {
        text.push_str(&html[at..tag.range.start]);
        at = tag.range.end;
    }
    text.push_str(&html[at.min(close)..close]);
    let text = decode_entities(&text).split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The character references a heading's text is likely to hold: the five of XML,
/// `&nbsp;`, and numeric ones. Others stay as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let c = match &rest[1..semi] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                n => {
                    let n = n.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn balance_names_what_a_block_leaves_open_or_closes() {
        assert_eq!(balance("<div class=\"warning\">\n"), (vec![], names(&["div"])));
        assert_eq!(
            balance("<details>\n<summary>推荐的参数</summary>\n"),
            (vec![], names(&["details"]))
        );
        assert_eq!(balance("</div>\n"), (names(&["div"]), vec![]));
        assert_eq!(balance("</div>\n<div class=\"x\">"), (names(&["div"]), names(&["div"])));
        assert_eq!(
            balance("<p align=\"center\"><img src=\"a.png\"><br/></p>\n"),
            (vec![], vec![])
        );
        // A `>` in a quoted value, a comment and a script's content are not tags.
        assert_eq!(
            balance("<div title=\"a>b\"><!-- </div> --><script>\"</div>\"</script>"),
            (vec![], names(&["div"]))
        );
        // Closing an outer element closes what this block opened inside it.
        assert_eq!(balance("<span></details>"), (names(&["details"]), vec![]));
    }

    #[test]
    fn heading_text_from_raw_html() {
        assert_eq!(
            first_heading_text("<h1 align=\"center\">直播间 <b>LIVE</b> &amp; 带货</h1>\n<p>x</p>").as_deref(),
            Some("直播间 LIVE & 带货")
        );
        assert_eq!(
            first_heading_text("<p>前言</p>\n<h2>第 1&#x7AE0;</h2>").as_deref(),
            Some("第 1章")
        );
        assert_eq!(first_heading_text("<p>没有标题</p><h1> </h1>"), None);
        assert_eq!(first_heading_text("<hr><h7>x</h7>"), None);
    }
}
