//! Two things about raw HTML the sanitizer alone would do silently:
//!
//! - reveal.js's lazy media (revealjs.com/media, "Lazy Loading"): `<img data-src>`,
//!   `<video><source data-src>`, `<audio data-src>`. A deck of Lectern loads every slide at
//!   once, so `data-src` is read as `src` (checked, rebased and embedded like any `src`);
//! - elements removed with their content (`<iframe>`, `<script>`, `<style>`…): the pass
//!   warns once per document, at the first ([`dropped`]).

use std::borrow::Cow;

use super::html_urls::start_tags;

/// Elements whose `data-src` is their `src`.
const LAZY: &[&str] = &["img", "video", "audio", "source", "track"];

/// Elements the sanitizer removes, with what they hold.
const DROPPED: &[&str] = &["iframe", "script", "style", "object", "embed", "form", "canvas"];

/// `html` with `data-src` renamed `src` on media elements that have no `src`. The name
/// is overwritten in place (`data-src` → five spaces and `src`), so every offset holds.
pub fn lazy_src(html: &str) -> Cow<'_, str> {
    if !html.contains("data-src") && !html.contains("DATA-SRC") {
        return Cow::Borrowed(html);
    }
    let mut out = html.to_string();
    for tag in start_tags(html) {
        if !LAZY.contains(&tag.name.as_str()) || tag.attrs.iter().any(|a| a.name == "src") {
            continue;
        }
        if let Some(a) = tag.attrs.iter().find(|a| a.name == "data-src") {
            out.replace_range(a.span.start..a.span.start + "data-src".len(), "     src");
        }
    }
    Cow::Owned(out)
}

/// The elements of `html` the sanitizer removes whole: (offset of the `<`, name).
pub fn dropped(html: &str) -> Vec<(usize, String)> {
    if !html.contains('<') {
        return Vec::new();
    }
    start_tags(html)
        .into_iter()
        .filter(|t| DROPPED.contains(&t.name.as_str()))
        .map(|t| (t.at, t.name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_src_is_src_on_media_without_one() {
        assert_eq!(
            lazy_src("<img data-src=\"a.png\"><img src=\"b.png\" data-src=\"c.png\"><div data-src=\"d\">"),
            "<img      src=\"a.png\"><img src=\"b.png\" data-src=\"c.png\"><div data-src=\"d\">"
        );
        assert_eq!(
            lazy_src("<video data-autoplay><source data-src='v.mp4' type=\"video/mp4\"></video>"),
            "<video data-autoplay><source      src='v.mp4' type=\"video/mp4\"></video>"
        );
    }

    #[test]
    fn dropped_elements_with_their_place() {
        assert_eq!(
            dropped("<p>x</p><iframe data-src=\"https://x\"></iframe><style>a{}</style>"),
            [(8, "iframe".to_string()), (46, "style".to_string())]
        );
    }
}
