//! Reading built course pages: the text a reader sees, TeX left in it, and the anchors
//! and media URLs that `common::html::check_links` does not follow.

use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Node};

use crate::common::files_with_suffix;
use crate::common::html::{attrs, sel};

/// Every lesson page and every deck of the output (module pages left out: they hold no
/// lesson text).
pub fn lesson_pages_and_decks(out: &Path) -> Vec<PathBuf> {
    let mut pages = files_with_suffix(&out.join("lessons"), ".html");
    pages.retain(|p| !p.ends_with("index.html"));
    pages.extend(files_with_suffix(&out.join("decks"), ".html"));
    assert!(!pages.is_empty(), "no lesson pages in {}", out.display());
    pages
}

pub fn rel(out: &Path, page: &Path) -> String {
    page.strip_prefix(out).unwrap().display().to_string()
}

/// The text a reader sees as prose: every text node of `<body>` that is not inside code,
/// a formula, a script or a style sheet.
pub fn prose_text(doc: &Html) -> String {
    let body = doc.select(&sel("body")).next().expect("page has <body>");
    let mut text = String::new();
    for node in body.descendants() {
        let Node::Text(t) = node.value() else { continue };
        let hidden = node.ancestors().filter_map(ElementRef::wrap).any(|e| {
            matches!(
                e.value().name(),
                "code" | "pre" | "math" | "script" | "style" | "template"
            )
        });
        if !hidden {
            text.push_str(t);
        }
    }
    text
}

/// Pieces of `text` around TeX that was not turned into a formula: a `$` that is not a
/// price (`$5`), or a MathJax `\(`, `\[`, `\begin`.
pub fn raw_tex(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        let tex = match c {
            '$' => !next.is_ascii_digit(),
            '\\' => matches!(next, '(' | '[' | 'b' | 'f' | 'm' | 's'),
            _ => false,
        };
        if tex {
            let from = i.saturating_sub(12);
            found.push(chars[from..(i + 20).min(chars.len())].iter().collect());
        }
    }
    found
}

/// Every local `#fragment` in an `href` names an element of its target page, and every
/// local `srcset` and `poster` file exists (`check_links` covers the paths of `href`/`src`).
pub fn check_anchors_and_media(out: &Path) -> Result<(), String> {
    let mut broken = Vec::new();
    for page in files_with_suffix(out, ".html") {
        let doc = Html::parse_document(&std::fs::read_to_string(&page).unwrap());
        let dir = page.parent().unwrap();
        let local = |url: &str| !(url.contains(':') || url.starts_with("//"));
        for href in attrs(&doc, "a[href]", "href") {
            let Some((path, fragment)) = href.split_once('#') else {
                continue;
            };
            if !local(&href) || fragment.is_empty() || fragment.starts_with('/') {
                continue;
            }
            let target = if path.is_empty() {
                page.clone()
            } else {
                dir.join(decode(path))
            };
            let Ok(target_html) = std::fs::read_to_string(&target) else {
                continue; // a missing page: check_links reports it
            };
            let id = decode(fragment);
            let target_doc = Html::parse_document(&target_html);
            if !target_doc
                .select(&sel("[id]"))
                .any(|e| e.value().attr("id") == Some(&id))
            {
                broken.push(format!("{} → {href} (no element with id `{id}`)", rel(out, &page)));
            }
        }
        let srcset = attrs(&doc, "[srcset]", "srcset");
        let urls = srcset.iter().flat_map(|s| srcset_urls(s));
        for url in urls.chain(attrs(&doc, "[poster]", "poster").iter().map(String::as_str)) {
            let url = url.to_string();
            if local(&url) && !dir.join(decode(url.split(['#', '?']).next().unwrap())).is_file() {
                broken.push(format!("{} → {url} (no such file)", rel(out, &page)));
            }
        }
    }
    match broken.is_empty() {
        true => Ok(()),
        false => Err(format!("broken anchors or media: {broken:#?}")),
    }
}

/// The URLs of a `srcset`, read as the HTML standard does: a URL runs to the next
/// whitespace (so a `data:` URL keeps its commas), a trailing comma ends a candidate, and
/// descriptors run to the next comma.
fn srcset_urls(srcset: &str) -> Vec<&str> {
    let mut urls = Vec::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            return urls;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let url = &rest[..end];
        rest = &rest[end..];
        if url.ends_with(',') {
            urls.push(url.trim_end_matches(','));
        } else {
            urls.push(url);
            rest = rest.find(',').map_or("", |i| &rest[i..]);
        }
    }
}

pub fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}
