//! The URLs in raw HTML (`src`, `href`, `poster`, `srcset`), found with their byte
//! positions so that they resolve, and are reported, like Markdown links and images.
//!
//! A small scanner of start tags rather than html5ever: html5ever's tokenizer gives
//! attribute names and values but not where they are in the source, and a problem must
//! be reported at the column of the value. The scanner follows the states of the HTML
//! tokenizer that matter for attributes (tag open, attribute name, before/after value,
//! double-quoted, single-quoted and unquoted values), skips comments, declarations, end
//! tags and the raw text of `<script>`/`<style>`/`<textarea>`/`<title>`, and treats a `<`
//! that opens no tag as text, as browsers do. ammonia (on html5ever) still decides what
//! the page finally keeps.

use std::ops::Range;

use super::LinkKind;

/// One URL inside an attribute value: `value` is its byte range in the scanned HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlUrl {
    pub value: Range<usize>,
    pub kind: LinkKind,
    /// Whether the value was written in quotes (an unquoted one gets quotes when rewritten).
    pub quoted: bool,
}

/// Every URL-valued attribute of every start tag in `html`, in order; a `srcset` gives
/// one entry per image candidate.
pub fn find_urls(html: &str) -> Vec<HtmlUrl> {
    let mut out = Vec::new();
    for tag in start_tags(html) {
        for a in &tag.attrs {
            push_urls(&tag.name, &a.name, a.value.clone(), a.quoted, html, &mut out);
        }
    }
    out
}

/// One attribute with a value: `span` runs from its name to the end of its value.
#[derive(Debug, Clone)]
pub struct Attr {
    pub name: String,
    pub span: Range<usize>,
    pub value: Range<usize>,
    pub quoted: bool,
}

/// A start tag: its name in lowercase, and its attributes with values.
#[derive(Debug, Clone)]
pub struct StartTag {
    /// Offset of its `<`.
    pub at: usize,
    pub name: String,
    pub attrs: Vec<Attr>,
}

/// Every start tag in `html`, in order.
pub fn start_tags(html: &str) -> Vec<StartTag> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &bytes[i..]) {
        i += lt;
        let rest = &html[i..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i = comment.find("-->").map_or(html.len(), |e| i + 4 + e + 3);
        } else if rest.starts_with("</") || rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(html.len(), |e| i + e + 1);
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            let (end, tag) = start_tag(html, i + 1);
            i = end;
            if let Some(raw) = ["script", "style", "textarea", "title"]
                .iter()
                .find(|r| tag.as_ref().is_some_and(|t| t.name == **r))
            {
                i = find_ci(&html[i..], &format!("</{raw}")).map_or(html.len(), |e| i + e);
            }
            out.extend(tag);
        } else {
            i += 1;
        }
    }
    out
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// Case-insensitive find of an ASCII `needle`.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Scan the start tag whose name begins at `at`; returns the offset after the tag and the
/// tag (`None` for one the end of the text cuts off: no tag, as in browsers).
fn start_tag(html: &str, at: usize) -> (usize, Option<StartTag>) {
    let b = html.as_bytes();
    let mut i = at;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let mut tag = StartTag {
        at: at - 1,
        name: html[at..i].to_ascii_lowercase(),
        attrs: Vec::new(),
    };
    loop {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (i, None);
        }
        if b[i] == b'>' {
            return (i + 1, Some(tag));
        }
        // Attribute name: a leading `=` belongs to it, as in the tokenizer.
        let name_start = i;
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        let mut j = i;
        while j < b.len() && is_space(b[j]) {
            j += 1;
        }
        if j >= b.len() || b[j] != b'=' {
            continue; // no value
        }
        j += 1;
        while j < b.len() && is_space(b[j]) {
            j += 1;
        }
        let (value, quoted) = match b.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = memchr(q, &b[j + 1..]).map_or(b.len(), |e| j + 1 + e);
                i = (end + 1).min(b.len());
                (j + 1..end, true)
            }
            _ => {
                let mut end = j;
                while end < b.len() && !is_space(b[end]) && b[end] != b'>' {
                    end += 1;
                }
                i = end;
                (j..end, false)
            }
        };
        tag.attrs.push(Attr {
            name,
            span: name_start..i,
            value,
            quoted,
        });
    }
}

fn push_urls(tag: &str, name: &str, value: Range<usize>, quoted: bool, html: &str, out: &mut Vec<HtmlUrl>) {
    let image = LinkKind::Image;
    let kind = match (tag, name) {
        ("img", "src") | ("video", "poster") | ("input", "src") => image,
        (_, "srcset") => {
            out.extend(srcset_urls(&html[value.clone()]).into_iter().map(|r| HtmlUrl {
                value: value.start + r.start..value.start + r.end,
                kind: image,
                quoted,
            }));
            return;
        }
        (_, "src" | "href" | "poster") => LinkKind::Link,
        _ => return,
    };
    out.push(HtmlUrl { value, kind, quoted });
}

/// The URL of each candidate in a `srcset` value (`a.png 1x, b.png 2x`), as the HTML
/// standard splits it: a URL runs to the next whitespace, less trailing commas, and its
/// descriptors run to the next comma.
pub fn srcset_urls(value: &str) -> Vec<Range<usize>> {
    let b = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (is_space(b[i]) || b[i] == b',') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !is_space(b[i]) {
            i += 1;
        }
        let mut end = i;
        while end > start && b[end - 1] == b',' {
            end -= 1;
        }
        if end > start {
            out.push(start..end);
        }
        if end == i {
            // Descriptors (`2x`, `480w`) up to the comma that ends the candidate.
            while i < b.len() && b[i] != b',' {
                i += 1;
            }
        }
    }
    out
}

/// `&amp;`, `&quot;`, `&#39;`, `&lt;`, `&gt;` and numeric references decoded: what the
/// browser would take as the URL.
pub fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let decoded = match name {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
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

/// `html` with each URL replaced by `new_url(index, url as written)` (already escaped for
/// an attribute value); unquoted values get double quotes. `None` leaves a URL as it is.
pub fn replace_urls(html: &str, urls: &[HtmlUrl], mut new_url: impl FnMut(usize, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut at = 0;
    for (n, u) in urls.iter().enumerate() {
        let Some(url) = new_url(n, &html[u.value.clone()]) else {
            continue;
        };
        out.push_str(&html[at..u.value.start]);
        if u.quoted {
            out.push_str(&url);
        } else {
            out.push('"');
            out.push_str(&url);
            out.push('"');
        }
        at = u.value.end;
    }
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(html: &str) -> Vec<(&str, LinkKind)> {
        find_urls(html).into_iter().map(|u| (&html[u.value], u.kind)).collect()
    }

    #[test]
    fn finds_url_attributes_with_their_positions() {
        use LinkKind::{Image, Link};
        let html = "<p align=center>图 2.1</p><IMG width=\"550\" SRC='/assets/img/ch2/2.1.png' alt=\"x > y\">\
                    <a href=../x.md#小结>下一章</a><video poster=\"p.png\" controls><source src=\"v.mp4\"></video>\
                    <img srcset=\"a.png 1x, b%2C.png 2x,c.png\" src = x.png>";
        assert_eq!(
            values(html),
            vec![
                ("/assets/img/ch2/2.1.png", Image),
                ("../x.md#小结", Link),
                ("p.png", Image),
                ("v.mp4", Link),
                ("a.png", Image),
                ("b%2C.png", Image),
                ("c.png", Image),
                ("x.png", Image),
            ]
        );
        let unquoted = find_urls("<a href=../x.md#小结>");
        assert!(!unquoted[0].quoted);
    }

    #[test]
    fn comments_end_tags_scripts_and_stray_brackets_hold_no_urls() {
        let html = "<!-- <img src=\"old.png\"> --> a < b <script>var s = '<img src=\"js.png\">'</script>\
                    </a href=\"end.png\"><style>x{}</style><textarea><a href=t.md></textarea><br/><img src=\"ok.png\"/>";
        assert_eq!(values(html), vec![("ok.png", LinkKind::Image)]);
        // Unfinished tags are dropped, as browsers drop them, without panicking.
        assert!(values("<img src=\"x.png").is_empty());
        assert!(values("<img src=").is_empty() && values("<a href").is_empty() && values("<").is_empty());
        assert!(values("<script>").is_empty());
    }

    #[test]
    fn srcset_candidates() {
        let v = "  a.png 1x,b.png  2x , data:image/png;base64,iVBO 3x,,";
        let got: Vec<&str> = srcset_urls(v).into_iter().map(|r| &v[r]).collect();
        assert_eq!(got, ["a.png", "b.png", "data:image/png;base64,iVBO"]);
        let v = "a.png,b.png";
        let got: Vec<&str> = srcset_urls(v).into_iter().map(|r| &v[r]).collect();
        assert_eq!(got, ["a.png,b.png"]); // a URL runs to whitespace, as the standard says
    }

    #[test]
    fn entities_and_replacement() {
        assert_eq!(
            decode_entities("a.png?x=1&amp;y=&#50;&#x33;&bogus"),
            "a.png?x=1&y=23&bogus"
        );
        let html = "<img src=a.png><a href=\"b.md\">";
        let urls = find_urls(html);
        let out = replace_urls(html, &urls, |n, u| (n == 0).then(|| format!("../{u}")));
        assert_eq!(out, "<img src=\"../a.png\"><a href=\"b.md\">");
    }
}
