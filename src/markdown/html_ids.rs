//! The anchors raw HTML gives a page: `id` on any element and `name` on `<a>`, which
//! browsers scroll to and GitHub honours (`<a name="faq"></a>`, `<span id="nav-1"></span>`,
//! `<div id="top">`, GitBook's `### 标题 <a href="#x" id="x"></a>`, DocFX's `<a name>`).
//!
//! They are read from the HTML the page gets (after cleaning), in document order, once, by
//! the Markdown pass: each is a fact of the document ([`super::RenderedDoc::html_anchors`])
//! that the anchor check reads. An id the page already uses (the theme's own, a heading's,
//! an earlier element's) is taken out of the element, so ids stay unique on the page.

use std::ops::Range;

use pulldown_cmark::Event;

use super::html_urls::{decode_entities, start_tags};

/// One anchor: its name as the browser reads it, and the attribute's span in `html`.
struct Anchor {
    name: String,
    attr: Range<usize>,
}

fn anchors(html: &str) -> Vec<Anchor> {
    let mut out = Vec::new();
    for tag in start_tags(html) {
        for a in &tag.attrs {
            if a.name == "id" || (a.name == "name" && tag.name == "a") {
                let name = decode_entities(&html[a.value.clone()]);
                if !name.is_empty() && !name.contains(char::is_whitespace) {
                    out.push(Anchor {
                        name,
                        attr: a.span.clone(),
                    });
                }
            }
        }
    }
    out
}

/// Every anchor in the raw HTML among `events`, in document order.
pub(super) fn find(events: &[(Event<'_>, Range<usize>)]) -> Vec<String> {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Html(h) | Event::InlineHtml(h) => Some(anchors(h)),
            _ => None,
        })
        .flatten()
        .map(|a| a.name)
        .collect()
}

/// Take out of their elements the anchors [`find`] returned whose `keep` is `false`.
pub(super) fn drop_taken(events: &mut [(Event<'_>, Range<usize>)], keep: &[bool]) {
    let mut n = 0;
    for (e, _) in events.iter_mut() {
        let (Event::Html(h) | Event::InlineHtml(h)) = e else {
            continue;
        };
        let found = anchors(h);
        let count = found.len();
        let dropped: Vec<Range<usize>> = found
            .into_iter()
            .zip(&keep[n.min(keep.len())..])
            .filter(|(_, k)| !**k)
            .map(|(a, _)| a.attr)
            .collect();
        n += count;
        if dropped.is_empty() {
            continue;
        }
        let mut out = String::with_capacity(h.len());
        let mut at = 0;
        for span in dropped {
            out.push_str(h[at..span.start].trim_end_matches([' ', '\t', '\n']));
            at = span.end;
        }
        out.push_str(&h[at..]);
        let inline = matches!(e, Event::InlineHtml(_));
        *e = match inline {
            true => Event::InlineHtml(out.into()),
            false => Event::Html(out.into()),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_a_names_in_order_and_taken_ones_dropped() {
        let mut events = vec![
            (
                Event::Html("<div id=\"top\"><span id='nav-1'></span><p name=\"x\">".into()),
                0..1,
            ),
            (Event::InlineHtml("<a name=\"faq\">".into()), 1..2),
            (Event::InlineHtml("<a href=\"#x\" id=\"main\">".into()), 2..3),
        ];
        assert_eq!(find(&events), ["top", "nav-1", "faq", "main"]);
        drop_taken(&mut events, &[true, true, true, false]);
        assert_eq!(events[2].0, Event::InlineHtml("<a href=\"#x\">".into()));
        assert_eq!(
            events[0].0,
            Event::Html("<div id=\"top\"><span id='nav-1'></span><p name=\"x\">".into())
        );
    }
}
