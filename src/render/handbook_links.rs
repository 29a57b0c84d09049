//! Making site pages into one printed book: each chapter's ids get a prefix of their own,
//! headings move down under the chapter's title, and a link to a page that is in the book
//! goes to its chapter and says on which page it is ("见第 12 页").

use std::collections::HashMap;

use percent_encoding::percent_decode_str;

use crate::urls;

/// The page on which each anchor of the book is printed, as far as it is known.
pub enum PageNumbers<'a> {
    /// An HTML handbook without a PDF: links, no numbers.
    Unknown,
    /// The first print, which finds the pages: a stand-in as wide as a number.
    Placeholder,
    Known(&'a HashMap<String, usize>),
}

impl PageNumbers<'_> {
    /// The page of `anchor` as text: `None` when no number is shown.
    pub fn of(&self, anchor: &str) -> Option<String> {
        match self {
            PageNumbers::Unknown => None,
            PageNumbers::Placeholder => Some("00".into()),
            PageNumbers::Known(map) => map.get(anchor).map(usize::to_string),
        }
    }
}

/// Where a site page lives in the book: its chapter (or question) anchor, and the prefix
/// its own ids were given.
pub struct Target {
    pub anchor: String,
    pub id_prefix: String,
}

/// Every site page in the book (root-relative output path → where it went), and the
/// page references.
pub struct BookLinks<'a> {
    pub targets: HashMap<String, Target>,
    pub numbers: PageNumbers<'a>,
    /// `["见第 ", " 页"]`.
    pub page_ref: [&'static str; 2],
    /// Links to pages not in the book: absolute with `base_url`, else relative to the book.
    pub base_url: Option<&'a str>,
}

impl BookLinks<'_> {
    /// Rewrite the links of `html` (already relative to the book's own file, at the
    /// output root): to a page in the book → its anchor, followed by the page reference.
    pub fn rewrite(&self, html: &str) -> String {
        let mut out = String::with_capacity(html.len() + html.len() / 16);
        let mut rest = html;
        while let Some(start) = rest.find("<a ") {
            let Some(tag_end) = rest[start..].find('>').map(|i| start + i) else {
                break;
            };
            out.push_str(&rest[..start]);
            let tag = &rest[start..=tag_end];
            let after = &rest[tag_end + 1..];
            let Some((href_at, href)) = href_of(tag) else {
                out.push_str(tag);
                rest = after;
                continue;
            };
            match self.resolve(href) {
                Link::InBook(anchor) => {
                    let close = after.find("</a>").map_or(after.len(), |i| i + "</a>".len());
                    out.push_str(&tag[..href_at]);
                    out.push('#');
                    out.push_str(&urls::fragment_iri(&anchor));
                    out.push_str(&tag[href_at + href.len()..]);
                    out.push_str(&after[..close]);
                    if let Some(page) = self.numbers.of(&anchor) {
                        let [before, after_number] = self.page_ref;
                        out.push_str(&format!(
                            "<span class=\"hb-ref\" data-anchor=\"{}\">（{before}{page}{after_number}）</span>",
                            escape(&anchor)
                        ));
                    }
                    rest = &after[close..];
                    continue;
                }
                Link::Elsewhere(url) => {
                    out.push_str(&tag[..href_at]);
                    out.push_str(&url);
                    out.push_str(&tag[href_at + href.len()..]);
                }
                Link::Same => out.push_str(tag),
            }
            rest = after;
        }
        out.push_str(rest);
        out
    }

    fn resolve(&self, href: &str) -> Link {
        let unescaped = href.replace("&amp;", "&");
        let scheme = unescaped.split_once(':').is_some_and(|(s, _)| !s.contains('/'));
        if href.is_empty() || href.starts_with('#') || scheme || unescaped.starts_with("//") {
            return Link::Same;
        }
        let (path, fragment) = match unescaped.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (unescaped.as_str(), None),
        };
        let path = percent_decode_str(path).decode_utf8_lossy();
        match self.targets.get(path.as_ref()) {
            Some(t) => Link::InBook(match fragment {
                Some(f) if !f.is_empty() => {
                    format!("{}{}", t.id_prefix, percent_decode_str(f).decode_utf8_lossy())
                }
                _ => t.anchor.clone(),
            }),
            None => match self.base_url {
                Some(base) => Link::Elsewhere(format!("{}/{}", base.trim_end_matches('/'), href)),
                None => Link::Same,
            },
        }
    }
}

enum Link {
    InBook(String),
    Elsewhere(String),
    Same,
}

/// The `href` value of an `<a …>` tag: (its offset in the tag, the value).
fn href_of(tag: &str) -> Option<(usize, &str)> {
    let at = tag.find(" href=\"")? + " href=\"".len();
    let len = tag[at..].find('"')?;
    Some((at, &tag[at..at + len]))
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Give every id in `html` (and every reference to one) the prefix `prefix`, so that
/// chapters made from different pages cannot share an id.
pub fn scope_ids(html: &str, prefix: &str) -> String {
    let mut out = html.to_string();
    for attr in [
        " id=\"",
        " href=\"#",
        " for=\"",
        " aria-labelledby=\"",
        " aria-describedby=\"",
    ] {
        out = out.replace(attr, &format!("{attr}{prefix}"));
    }
    out
}

/// Move every heading `by` levels down (h1 → h3 with 2), h6 at most: the chapter's title is
/// the book's `h1`, which the PDF outline is made from.
pub fn demote_headings(html: &str, by: usize) -> String {
    let mut out = html.to_string();
    for level in (1..6).rev() {
        let to = (level + by).min(6);
        out = out
            .replace(&format!("<h{level}"), &format!("<h{to}"))
            .replace(&format!("</h{level}>"), &format!("</h{to}>"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_into_the_book_become_anchors_with_page_references() {
        let numbers: HashMap<String, usize> = [("ch-2".to_string(), 12), ("c3-小结".to_string(), 15)].into();
        let links = BookLinks {
            targets: [
                (
                    "lessons/m/01.html".to_string(),
                    Target {
                        anchor: "ch-2".into(),
                        id_prefix: "c2-".into(),
                    },
                ),
                (
                    "lessons/m/02-剪辑.html".to_string(),
                    Target {
                        anchor: "ch-3".into(),
                        id_prefix: "c3-".into(),
                    },
                ),
            ]
            .into(),
            numbers: PageNumbers::Known(&numbers),
            page_ref: ["见第 ", " 页"],
            base_url: Some("https://koc.example.cn"),
        };
        let html = r##"<p>先学 <a href="lessons/m/01.html">入门</a>，再看 <a href="lessons/m/02-%E5%89%AA%E8%BE%91.html#%E5%B0%8F%E7%BB%93">GMV 小结</a>、<a href="roles/editor.html">剪辑师</a> 和 <a href="https://x.org">x</a>。</p>"##;
        let out = links.rewrite(html);
        assert!(
            out.contains(r##"<a href="#ch-2">入门</a><span class="hb-ref" data-anchor="ch-2">（见第 12 页）</span>"##),
            "{out}"
        );
        assert!(
            out.contains(r##"GMV 小结</a><span class="hb-ref" data-anchor="c3-小结">（见第 15 页）</span>"##),
            "{out}"
        );
        assert!(
            out.contains(r#"href="https://koc.example.cn/roles/editor.html""#),
            "{out}"
        );
        assert!(out.contains(r#"href="https://x.org""#), "{out}");
    }

    #[test]
    fn ids_get_the_chapter_prefix_and_headings_move_down() {
        let html = r##"<h1 id="a">A</h1><h5 id="e">E</h5><h6>F</h6><a href="#a">a</a><label for="q">"##;
        assert_eq!(
            demote_headings(&scope_ids(html, "c1-"), 1),
            r##"<h2 id="c1-a">A</h2><h6 id="c1-e">E</h6><h6>F</h6><a href="#c1-a">a</a><label for="c1-q">"##
        );
    }
}
