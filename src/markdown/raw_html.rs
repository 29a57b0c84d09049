//! Raw HTML inside Markdown.
//!
//! Programmes are written by many hands — students contribute Q&A answers — and the site
//! is opened from USB sticks where nobody reviews it, so by default raw HTML is cleaned
//! by [ammonia](https://docs.rs/ammonia) (an allow-list sanitizer on html5ever, the same
//! HTML parser browsers follow), not by hand-written filters: harmless markup such as
//! `<kbd>`, `<br>`, `<sup>`, `<details>` or `<img>` stays; scripts, event handlers
//! (`onerror=`), `javascript:` URLs, `<iframe>`, `<style>` and `style=` go.
//! `unsafe_html: true` in `lectern.yaml` passes raw HTML through unchanged, for
//! programmes whose every author is trusted.
//!
//! An HTML block is cleaned as a whole (one that opens an element closed by a later block,
//! with Markdown between, is paired with it first: `html_spans`); inline HTML comes from pulldown-cmark one tag at
//! a time (`<kbd>`, text, `</kbd>`), so each tag is cleaned on its own and a closing tag
//! kept only when its element is allowed.

use std::ops::Range;
use std::sync::OnceLock;

use ammonia::Builder;
use pulldown_cmark::{Event, Tag};

use super::directives::parse_comments;
use super::html_media;
use super::html_urls::{decode_entities, find_urls, replace_urls};
use super::scan::find_end;
use super::LinkKind;

fn cleaner() -> &'static Builder<'static> {
    static CLEANER: OnceLock<Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = Builder::default();
        // `id` and `<a name>` are anchors (html_ids.rs keeps them unique on the page).
        b.add_generic_attributes(["class", "id"])
            .add_tag_attributes("a", ["name"])
            .add_tags(["video", "audio", "source", "track", "picture"])
            .add_tag_attributes(
                "video",
                ["src", "controls", "poster", "width", "height", "loop", "muted"],
            )
            .add_tag_attributes("audio", ["src", "controls", "loop"])
            .add_tag_attributes("img", ["srcset"])
            .add_tag_attributes("source", ["src", "srcset", "type", "media"])
            .add_tag_attributes("track", ["src", "kind", "srclang", "label"])
            .add_tag_attributes("details", ["open"]);
        // GitHub READMEs centre their logo and badges with `align` (ammonia keeps it on
        // images and table cells already).
        for tag in ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6"] {
            b.add_tag_attributes(tag, ["align"]);
        }
        b
    })
}

/// Tags beyond which an HTML block is shown as text instead of parsed: html5ever's tree
/// building slows down sharply with depth (10,000 nested `<div>`s took seconds), and no
/// hand-written block comes near this.
const MAX_TAGS: usize = 4096;

/// A whole HTML block, cleaned.
pub fn clean_block(html: &str) -> String {
    if html.matches('<').count() > MAX_TAGS {
        let mut text = String::with_capacity(html.len() + 32);
        text.push_str("<pre>");
        let _ = pulldown_cmark_escape::escape_html(&mut text, html);
        text.push_str("</pre>\n");
        return text;
    }
    let mut clean = cleaner().clean(html).to_string();
    if html.ends_with('\n') && !clean.ends_with('\n') {
        clean.push('\n');
    }
    clean
}

/// One inline tag (or comment) as pulldown-cmark hands it over, cleaned: the tag itself
/// when its element and attributes are allowed, with disallowed attributes removed;
/// nothing otherwise.
pub fn clean_inline(tag: &str) -> String {
    let t = tag.trim();
    if let Some(name) = t.strip_prefix("</") {
        let name = name.trim_end_matches('>').trim().to_ascii_lowercase();
        let allowed = name.chars().all(|c| c.is_ascii_alphanumeric())
            && !cleaner().clean(&format!("<{name}></{name}>")).to_string().is_empty();
        return if allowed { format!("</{name}>") } else { String::new() };
    }
    if let Some(marker) = super::element_attrs::marker(t) {
        return marker;
    }
    if !t.starts_with('<') || t.starts_with("<!") || t.starts_with("<?") {
        return String::new();
    }
    let clean = cleaner().clean(t).to_string();
    // ammonia closes what it opens (`<kbd>` → `<kbd></kbd>`); the source closes it later.
    match clean.rfind("</") {
        Some(i) if clean.ends_with('>') && i > 0 => clean[..i].to_string(),
        _ => clean,
    }
}

/// Resolves one URL found in raw HTML: (URL as the browser reads it, its byte range in
/// the document body, image or link) → the URL to write; problems are the caller's to report.
pub(super) type ResolveUrl<'f> = dyn FnMut(&str, Range<usize>, LinkKind) -> String + 'f;

/// Resolve the URLs of the raw HTML among a document's events like Markdown links and
/// images (see [`html_urls`](super::html_urls); reveal.js's `data-src` is a `src`,
/// [`html_media`](super::html_media)), and, with `clean`, clean it: each HTML block as a
/// whole, except blocks of comments only (directives and notes, read later by the pass)
/// and blocks that open or close an element around Markdown (`html_spans`; `split_level`
/// as in `DocOptions`), and each inline tag. Returns the elements cleaning removes whole
/// (`<iframe>`, `<style>`…): their place in the body and their name.
pub(super) fn resolve_and_clean(
    events: &mut [(Event<'_>, Range<usize>)],
    clean: bool,
    split_level: Option<u8>,
    resolve: &mut ResolveUrl,
) -> Vec<(usize, String)> {
    let mut dropped = Vec::new();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::HtmlBlock) => {
                let end = find_end(events, i + 1);
                // The block arrives a line at a time: keep where each line is in the source.
                let mut html = String::new();
                let mut lines = Vec::new();
                for (e, r) in &events[i + 1..end] {
                    if let Event::Html(h) = e {
                        lines.push((html.len(), r.start));
                        html.push_str(h);
                    }
                }
                if parse_comments(&html).is_none() {
                    let source_at = |at: usize| {
                        let line = lines.partition_point(|(o, _)| *o <= at).saturating_sub(1);
                        lines.get(line).map_or(0, |(o, s)| s + (at - o))
                    };
                    let html = if html.matches('<').count() > MAX_TAGS {
                        html // shown as text by clean_block
                    } else {
                        if clean {
                            let found = html_media::dropped(&html);
                            dropped.extend(found.into_iter().map(|(at, name)| (source_at(at), name)));
                        }
                        resolve_urls(&html_media::lazy_src(&html), source_at, resolve)
                    };
                    blocks.push(i);
                    let mut out = Some(html);
                    for (e, _) in &mut events[i + 1..end] {
                        if let Event::Html(h) = e {
                            *h = out.take().unwrap_or_default().into();
                        }
                    }
                }
                i = end + 1;
            }
            Event::InlineHtml(h) => {
                let start = events[i].1.start;
                if clean {
                    dropped.extend(html_media::dropped(h).into_iter().map(|(at, name)| (start + at, name)));
                }
                let tag = resolve_urls(&html_media::lazy_src(h), |at| start + at, resolve);
                if !clean {
                    events[i].0 = Event::InlineHtml(tag.into());
                    i += 1;
                    continue;
                }
                // What an inline <script> or <style> holds is not text to show either.
                let closing = raw_content_end(&tag);
                events[i].0 = Event::InlineHtml(clean_inline(&tag).into());
                i += 1;
                if let Some(closing) = closing {
                    while i < events.len() {
                        match &events[i].0 {
                            Event::InlineHtml(h) if h.trim_start().to_ascii_lowercase().starts_with(closing) => break,
                            Event::Text(_) | Event::Code(_) => events[i].0 = Event::Text("".into()),
                            _ => {}
                        }
                        i += 1;
                    }
                }
            }
            _ => i += 1,
        }
    }
    if clean {
        clean_blocks(events, &blocks, split_level);
    }
    dropped
}

/// Clean the HTML blocks starting at `blocks` (their URLs already resolved, each block's
/// HTML in its first `Html` event): a pair that opens and closes an element around Markdown
/// as `html_spans` cleans it, every other block as a whole.
fn clean_blocks(events: &mut [(Event<'_>, Range<usize>)], blocks: &[usize], split_level: Option<u8>) {
    let mut spanning = super::html_spans::spanning_blocks(events, split_level);
    for &i in blocks {
        let end = find_end(events, i + 1);
        for (e, _) in &mut events[i + 1..end] {
            if let Event::Html(h) = e {
                *h = spanning.remove(&i).unwrap_or_else(|| clean_block(h)).into();
                break;
            }
        }
    }
}

/// `html` with each URL in its attributes resolved; `source_at` maps an offset in `html`
/// to the document body.
pub(super) fn resolve_urls(html: &str, source_at: impl Fn(usize) -> usize, resolve: &mut ResolveUrl) -> String {
    let urls = find_urls(html);
    if urls.is_empty() {
        return html.to_string();
    }
    replace_urls(html, &urls, |n, written| {
        let dest = decode_entities(written);
        let start = source_at(urls[n].value.start);
        let url = resolve(&dest, start..start + written.len(), urls[n].kind);
        (url != dest).then(|| {
            let mut escaped = String::with_capacity(url.len());
            let _ = pulldown_cmark_escape::escape_html(&mut escaped, &url);
            escaped.replace('\'', "&#39;")
        })
    })
}

/// For an opening `<script>` or `<style>` tag, the start of its closing tag.
fn raw_content_end(tag: &str) -> Option<&'static str> {
    let t = tag.trim_start().to_ascii_lowercase();
    [("<script", "</script"), ("<style", "</style")]
        .into_iter()
        .find(|(open, _)| t.starts_with(open) && t[open.len()..].starts_with(['>', ' ', '\t', '\n', '/']))
        .map(|(_, close)| close)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_readmes_align_stays() {
        assert_eq!(
            clean_block(
                "<p align=\"center\"><img src=\"logo.png\" align=\"right\"></p>\n<h1 align=\"center\">标题</h1>"
            ),
            "<p align=\"center\"><img src=\"logo.png\" align=\"right\"></p>\n<h1 align=\"center\">标题</h1>"
        );
    }

    #[test]
    fn scripts_and_handlers_go_harmless_markup_stays() {
        assert_eq!(
            clean_inline("<img src=\"x.png\" onerror=\"alert(1)\">"),
            "<img src=\"x.png\">"
        );
        assert_eq!(clean_inline("<kbd>"), "<kbd>");
        assert_eq!(clean_inline("</kbd>"), "</kbd>");
        assert_eq!(clean_inline("<br/>"), "<br>");
        assert_eq!(clean_inline("<script>"), "");
        assert_eq!(clean_inline("</script>"), "");
        assert_eq!(
            clean_inline("<a href=\"javascript:alert(1)\">"),
            "<a rel=\"noopener noreferrer\">"
        );
        assert_eq!(clean_inline("<!-- note -->"), "");
        let block = clean_block("<div onclick=\"x()\">\n<script>alert(1)</script>\n<iframe src=\"https://evil\"></iframe>\n<p style=\"position:fixed\">提示</p>\n</div>\n");
        assert!(!block.contains("script") && !block.contains("alert"), "{block}");
        assert!(
            !block.contains("onclick") && !block.contains("iframe") && !block.contains("style"),
            "{block}"
        );
        assert!(block.contains("<p>提示</p>"), "{block}");
        let deep = "<div>".repeat(MAX_TAGS + 1);
        assert!(clean_block(&deep).starts_with("<pre>&lt;div&gt;"));
    }
}
