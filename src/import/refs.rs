//! The references in a chapter (Markdown links and images, link definitions, and the
//! `src`/`href`/`poster` of raw HTML), with the exact bytes each destination occupies,
//! and what each one names in the source folder.

use std::ops::Range;

use percent_encoding::percent_decode_str;
use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::outline;
use super::tree::{is_markdown, SourceTree};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Link,
    Image,
    /// An attribute of raw HTML.
    Html,
}

/// One reference as written.
#[derive(Debug)]
pub struct Ref {
    pub kind: RefKind,
    /// The destination exactly as written (`<a b.png>` keeps its brackets).
    pub written: String,
    pub span: Range<usize>,
    /// What to write instead when the target is missing: the whole link or attribute and
    /// the text it becomes (a link's text, an image's alt, nothing for an attribute).
    /// `None` for link definitions, which stay.
    pub plain: Option<(Range<usize>, Range<usize>)>,
    /// An inline link's title as parsed (docsify writes its options there: `':include'`)
    /// and the bytes from the end of the destination to the closing `)`.
    pub title: Option<(String, Range<usize>)>,
}

/// An inline link's destination and title (both empty for reference-style links).
type DestTitle = (String, String);

/// Every reference in `text[body..]`, outside code, in order.
pub fn scan(text: &str, body: usize) -> Vec<Ref> {
    let src = &text[body..];
    let parser = Parser::new_ext(src, crate::markdown::options());
    let mut refs = Vec::new();
    for (_, def) in parser.reference_definitions().iter() {
        let def_text = &src[def.span.clone()];
        if let Some(at) = def_text.find("]:").map(|i| i + 2) {
            let rest = &def_text[at..];
            let lead = rest.len() - rest.trim_start().len();
            let dest_text = rest.trim_start();
            let len = if dest_text.starts_with('<') {
                dest_text.find('>').map_or(dest_text.len(), |i| i + 1)
            } else {
                dest_text.find(char::is_whitespace).unwrap_or(dest_text.len())
            };
            let start = body + def.span.start + at + lead;
            refs.push(Ref {
                kind: RefKind::Link,
                written: text[start..start + len].to_string(),
                span: start..start + len,
                plain: None,
                title: None,
            });
        }
    }
    // (kind, whole range, end of the last event inside) of the links being read.
    let mut open: Vec<(RefKind, Range<usize>, DestTitle, usize)> = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        match &event {
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    ..
                },
            ) => {
                let kind = if matches!(event, Event::Start(Tag::Image { .. })) {
                    RefKind::Image
                } else {
                    RefKind::Link
                };
                let inline = matches!(link_type, LinkType::Inline);
                let dest = if inline {
                    (dest_url.to_string(), title.to_string())
                } else {
                    (String::new(), String::new())
                };
                open.push((
                    kind,
                    range.clone(),
                    dest,
                    range.start + if kind == RefKind::Image { 2 } else { 1 },
                ));
                continue;
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some((kind, whole, (dest, title), inner_end)) = open.pop() else {
                    continue;
                };
                if dest.is_empty() {
                    continue; // a reference-style link: its definition was read above
                }
                let inner_start = whole.start + if kind == RefKind::Image { 2 } else { 1 };
                if let Some(span) = inline_dest(src, &whole, inner_end, &dest) {
                    refs.push(Ref {
                        kind,
                        written: src[span.clone()].to_string(),
                        span: body + span.start..body + span.end,
                        plain: Some((
                            body + whole.start..body + whole.end,
                            body + inner_start..body + inner_end.max(inner_start),
                        )),
                        title: Some((title, body + span.end..body + whole.end.saturating_sub(1).max(span.end))),
                    });
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                // Marp's `<!-- _backgroundImage: url(img/a.png) -->`.
                refs.extend(background_urls(text, body + range.start..body + range.end));
                for (attr, value) in html_attrs(html) {
                    let at = body + range.start;
                    refs.push(Ref {
                        kind: RefKind::Html,
                        written: html[value.clone()].to_string(),
                        span: at + value.start..at + value.end,
                        plain: Some((at + attr.start..at + attr.end, at + attr.start..at + attr.start)),
                        title: None,
                    });
                }
            }
            _ => {}
        }
        if let Some(last) = open.last_mut() {
            last.3 = last.3.max(range.end);
        }
    }
    refs.sort_by_key(|r| r.span.start);
    refs
}

/// Where the destination of the inline link `whole` is: after its text (which ends at
/// `inner_end`) comes `](`, then the destination, bare or in `<…>`.
fn inline_dest(src: &str, whole: &Range<usize>, inner_end: usize, dest: &str) -> Option<Range<usize>> {
    let after = &src[inner_end..whole.end];
    let open = after.find("](")? + 2;
    let rest = &after[open..];
    let lead = rest.len() - rest.trim_start().len();
    let start = inner_end + open + lead;
    let tail = &src[start..whole.end];
    let len = if tail.starts_with('<') {
        tail.find('>')? + 1
    } else {
        let mut depth = 0usize;
        tail.char_indices()
            .find(|&(_, c)| match c {
                '(' => {
                    depth += 1;
                    false
                }
                ')' if depth == 0 => true,
                ')' => {
                    depth -= 1;
                    false
                }
                c => c.is_whitespace(),
            })
            .map_or(tail.len(), |(i, _)| i)
    };
    let _ = dest;
    Some(start..start + len)
}

/// The images named by Marp's `backgroundImage: url(…)` (in front matter or a directive
/// comment) in `text[range]`. A missing one is reported and kept.
pub fn background_urls(text: &str, range: Range<usize>) -> Vec<Ref> {
    let part = &text[range.clone()];
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = part[from..].find("backgroundImage").map(|i| from + i) {
        from = i + "backgroundImage".len();
        let line_end = part[from..].find('\n').map_or(part.len(), |n| from + n);
        let Some(u) = part[from..line_end].find("url(").map(|u| from + u + 4) else {
            continue;
        };
        let Some(close) = part[u..line_end].find(')').map(|c| u + c) else {
            continue;
        };
        let value = part[u..close].trim();
        let lead = part[u..close].len() - part[u..close].trim_start().len();
        let unquoted = value.trim_matches(['"', '\'']);
        let start = u + lead + (value.len() - value.trim_start_matches(['"', '\'']).len());
        if unquoted.is_empty() {
            continue;
        }
        let span = range.start + start..range.start + start + unquoted.len();
        found.push(Ref {
            kind: RefKind::Html,
            written: unquoted.to_string(),
            span,
            plain: None,
            title: None,
        });
    }
    found
}

/// The attributes of raw HTML that name files: (the whole attribute, its quoted value).
/// reveal.js's `data-background…` and `data-src` count; a colour is no file.
fn html_attrs(html: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for name in [
        "src",
        "href",
        "poster",
        "data-src",
        "data-background",
        "data-background-image",
        "data-background-video",
    ] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(name).map(|i| from + i) {
            from = i + name.len();
            let before_ok = i > 0 && lower.as_bytes()[i - 1].is_ascii_whitespace();
            let rest = &html[from..];
            let eq = rest.len() - rest.trim_start().len();
            if !before_ok || !rest[eq..].starts_with('=') {
                continue;
            }
            let value_at = from + eq + 1;
            let rest = &html[value_at..];
            let ws = rest.len() - rest.trim_start().len();
            let quote = rest[ws..].chars().next();
            let Some(q @ ('"' | '\'')) = quote else { continue };
            let start = value_at + ws + 1;
            let Some(len) = html[start..].find(q) else { continue };
            let value = &html[start..start + len];
            if name == "data-background" && (value.contains('(') || !value.contains(['.', '/'])) {
                continue;
            }
            found.push((i..start + len + 1, start..start + len));
        }
    }
    found.sort_by_key(|(a, _)| a.start);
    found
}

/// What a reference names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// Another site, an e-mail address, an anchor on the same page: nothing to do.
    Outside,
    /// A Markdown file of the source folder, and the `#anchor` (without `#`), if any.
    Page(String, Option<String>),
    /// Any other file of the source folder.
    File(String),
    /// Nothing in the source folder: why.
    Missing(String),
}

/// How one layout resolves paths.
pub struct Resolver<'a> {
    pub tree: &'a SourceTree,
    /// Where `/…` paths start.
    pub root: &'a str,
    /// docsify: links without `.md` and `#/routes` name pages.
    pub docsify: bool,
    /// mdBook: `{{#include}}` and its kin are expanded.
    pub mdbook: bool,
    /// GitBook: `{% hint %}` and the other Liquid blocks are converted.
    pub liquid: bool,
    /// The headings of the chapters that links name with an `#anchor`.
    pub anchors: super::anchors::Anchors,
}

impl Resolver<'_> {
    /// What `written` (a destination in the file `from`) names.
    pub fn resolve(&self, written: &str, from: &str) -> Target {
        let dest = written.trim_start_matches('<').trim_end_matches('>').trim();
        let dir = outline::parent(from);
        if dest.starts_with("#/") && self.docsify {
            let (route, anchor) = docsify_anchor(dest);
            return match super::docsify::page_path(self.tree, self.root, dir, route) {
                Some(p) => Target::Page(p, anchor),
                None => Target::Missing(format!("no page for the route `{dest}`")),
            };
        }
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
            return Target::Outside;
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (dest, None),
        };
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let decoded = percent_decode_str(path).decode_utf8_lossy();
        let Some(joined) = (if let Some(from_root) = decoded.strip_prefix('/') {
            outline::join(self.root, from_root)
        } else {
            outline::join(dir, &decoded)
        }) else {
            return Target::Missing("the path climbs out of the source folder".into());
        };
        if self.docsify {
            if let Some(p) = super::docsify::page_path(self.tree, self.root, dir, path) {
                let anchor = anchor.or_else(|| query.strip_prefix("id=").map(str::to_string));
                return Target::Page(p, anchor);
            }
        }
        if is_markdown(&joined) && self.tree.has(&joined) {
            return Target::Page(joined, anchor);
        }
        // mdBook and GitBook authors sometimes link to the page they will get.
        if let (Some(stem), false) = (joined.strip_suffix(".html"), self.tree.has(&joined)) {
            let md = format!("{stem}.md");
            if self.tree.has(&md) {
                return Target::Page(md, anchor);
            }
        }
        if self.tree.has(&joined) {
            return Target::File(joined);
        }
        let readme = outline::join(&joined, "README.md").unwrap_or_default();
        if self.tree.has(&readme) {
            return Target::Page(readme, anchor);
        }
        Target::Missing(format!("`{joined}` does not exist in the source folder"))
    }
}

fn docsify_anchor(dest: &str) -> (&str, Option<String>) {
    let route = &dest[1..];
    match route.split_once("?id=") {
        Some((r, id)) => (r, Some(id.to_string())),
        None => (route, None),
    }
}

/// `https:`, `mailto:`, `javascript:`: a scheme, as opposed to a path (`C:` too, which
/// Lectern itself reports).
fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && !scheme.contains('/')
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(md: &str) -> Vec<(RefKind, String)> {
        scan(md, 0).into_iter().map(|r| (r.kind, r.written)).collect()
    }

    #[test]
    fn finds_every_destination_outside_code() {
        let md = "看 [上一章](../第一章.md#小结) 和 ![GMV 走势](<img/gmv trend.png> \"图\")。\n\n\
                  `[不是链接](x.md)`\n\n[参考][ref]\n\n[ref]: ./附录.md\n\n\
                  <img width=\"550\" src=\"/img/flow.png\">\n";
        assert_eq!(
            written(md),
            [
                (RefKind::Link, "../第一章.md#小结".to_string()),
                (RefKind::Image, "<img/gmv trend.png>".to_string()),
                (RefKind::Link, "./附录.md".to_string()),
                (RefKind::Html, "/img/flow.png".to_string()),
            ]
        );
    }

    #[test]
    fn a_broken_link_becomes_its_text() {
        let md = "先看 [**爆款** 复盘](missing.md) 再说";
        let r = &scan(md, 0)[0];
        let (whole, inner) = r.plain.clone().unwrap();
        assert_eq!(&md[whole], "[**爆款** 复盘](missing.md)");
        assert_eq!(&md[inner], "**爆款** 复盘");
    }
}
