//! Marp's `<style>` elements in a deck's body. `<style>` is the deck's own CSS, as the
//! front matter's `style` is; `<style scoped>` styles only the slide it is on. Neither is
//! raw HTML to remove: they are taken out of the events before cleaning, and come back as
//! CSS that reaches only the slides (`RenderedDoc::deck_css`, and a `<style>` with
//! `@scope` at the top of the slide).

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use super::super::directives::safe_css;
use super::super::scan::{find_end, html_of};

/// One `<style>` element of the body.
pub(super) struct StyleBlock {
    pub scoped: bool,
    pub css: String,
}

/// The HTML blocks of `events` that are one `<style>` element each, by the byte offset of
/// the block; their text is emptied, so that cleaning finds nothing in them to remove.
pub(super) fn take_style_blocks(events: &mut [(Event<'_>, Range<usize>)]) -> HashMap<usize, StyleBlock> {
    let mut found = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if !matches!(events[i].0, Event::Start(Tag::HtmlBlock)) {
            i += 1;
            continue;
        }
        let end = find_end(events, i + 1);
        let html = html_of(&events[i + 1..end]);
        if let Some(style) = style_element(&html) {
            found.insert(events[i].1.start, style);
            for (e, _) in &mut events[i + 1..end] {
                *e = Event::Html("".into());
            }
        }
        i = end + 1;
    }
    found
}

/// `<style scoped>…</style>` (and nothing else) → its CSS.
fn style_element(html: &str) -> Option<StyleBlock> {
    let html = html.trim();
    let open_end = html.find('>')?;
    let open = &html[..open_end];
    let name = open.strip_prefix("<style")?;
    if !(name.is_empty() || name.starts_with(char::is_whitespace)) {
        return None;
    }
    let css = html[open_end + 1..].strip_suffix("</style>")?;
    if css.contains("<style") || css.contains("</style") {
        return None;
    }
    Some(StyleBlock {
        scoped: name
            .split_whitespace()
            .any(|a| a == "scoped" || a.starts_with("scoped=")),
        css: css.to_string(),
    })
}

/// A slide's `<style scoped>` CSS as the `<style>` element that goes at the top of the
/// slide's HTML: `@scope` without a selector reaches only the element the `<style>` is in
/// (the slide), and Marp's `section` (the slide itself) is that element, `:scope`.
pub(super) fn scoped_style_element(css: &str) -> String {
    format!("<style>@scope {{\n{}}}\n</style>\n", section_as_scope(&safe_css(css)))
}

/// Each `section` type selector (a whole word, not `.section` or `section-title`) → `:scope`.
fn section_as_scope(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("section") {
        let before = rest[..at].chars().next_back();
        let after = rest[at + 7..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "-_.#".contains(c));
        out.push_str(&rest[..at]);
        out.push_str(
            if word(before) || after.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_') {
                "section"
            } else {
                ":scope"
            },
        );
        rest = &rest[at + 7..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_elements_and_their_scope() {
        let s = style_element("<style scoped>\nh2 { color: #c01c28; }\n</style>\n").unwrap();
        assert!(s.scoped);
        assert_eq!(s.css, "\nh2 { color: #c01c28; }\n");
        assert!(!style_element("<style>section { gap: 0 }</style>").unwrap().scoped);
        assert!(style_element("<styles>x</styles>").is_none());
        assert!(style_element("<style>a{}</style><p>又一段</p>").is_none());
        assert_eq!(
            scoped_style_element("section.lead h1, .section-title, section{color:red}\n@import url(x.css);\n</style>"),
            "<style>@scope {\n:scope.lead h1, .section-title, :scope{color:red}\n<\\/style>}\n</style>\n"
        );
    }
}
