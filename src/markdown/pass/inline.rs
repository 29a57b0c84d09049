//! The events inside blocks: links and images resolved, footnote references numbered,
//! math, emoji and bare URLs rendered, text collected for search; and where each event
//! goes (the slide, its notes or a footnote).

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::super::{layout, map_destination, LinkKind};
use super::Pass;

impl<'a> Pass<'a, '_> {
    /// Resolve links and images, number footnote references, and collect text for search.
    pub(super) fn inline(&mut self, event: Event<'a>, range: Range<usize>) -> Event<'a> {
        if let Event::FootnoteReference(label) = &event {
            return Event::InlineHtml(CowStr::Boxed(self.cite(label).into()));
        }
        if let Event::InlineMath(tex) | Event::DisplayMath(tex) = &event {
            let block = matches!(event, Event::DisplayMath(_));
            return Event::InlineHtml(CowStr::Boxed(self.math(tex, block, range).into()));
        }
        if let Event::Html(html) = &event {
            if let Some(with_math) = html
                .contains('$')
                .then(|| self.math_in_html(html, range.clone()))
                .flatten()
            {
                return Event::Html(CowStr::Boxed(with_math.into()));
            }
        }
        let event = super::super::emoji::with_emoji(event);
        if let Event::Text(t) | Event::Code(t) = &event {
            let t = t.clone();
            self.last_char = t.chars().next_back();
            if !self.unsearched.iter().any(|r| r.contains(&range.start)) {
                self.search_text(&t);
            }
            if !self.in_notes {
                self.block_width += layout::text_width(&t);
            }
            if let (Event::Text(_), 0) = (&event, self.link_depth) {
                if let Some(html) = super::super::autolink::autolinked(&t) {
                    return Event::InlineHtml(CowStr::Boxed(html.into()));
                }
            }
            return event;
        }
        map_destination(event, |dest, kind| self.resolve(dest, range, kind))
    }

    pub(super) fn resolve(&mut self, dest: CowStr<'a>, range: Range<usize>, kind: LinkKind) -> CowStr<'a> {
        let span = self.base + range.start..self.base + range.end;
        match self.resolver.resolve(&dest, span, kind) {
            Ok(url) if url == dest.as_ref() => dest,
            Ok(url) => CowStr::Boxed(url.into()),
            Err(d) => {
                self.doc.diagnostics.push(d);
                dest
            }
        }
    }

    pub(super) fn search_text(&mut self, text: &str) {
        if self.in_notes {
            return;
        }
        if let Some(section) = self.doc.sections.last_mut() {
            section.text.push_str(text);
        }
    }

    pub(super) fn emit(&mut self, event: Event<'a>) {
        // A `<style>` block (Marp's global style; removed unless `unsafe_html`) shows
        // nothing, so Marp's `headingDivider` does not start a slide after it.
        self.seen_content |= match &event {
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => false,
            Event::Html(h) => {
                let h = h.trim();
                !(h.is_empty() || h.starts_with("<style") && h.ends_with("</style>"))
            }
            _ => true,
        };
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.link_depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => self.link_depth = self.link_depth.saturating_sub(1),
            // A raw `<a href>…</a>` in the text is a link too.
            Event::InlineHtml(tag) if tag.starts_with("<a ") || tag.as_ref() == "<a>" => self.link_depth += 1,
            Event::InlineHtml(tag) if tag.starts_with("</a") => self.link_depth = self.link_depth.saturating_sub(1),
            _ => {}
        }
        if self.footnote_depth > 0 {
            self.footnotes.push(event);
        } else if self.in_notes {
            self.notes.push(event);
        } else {
            // The first content decides whether the slide opens with a heading; an empty
            // paragraph (left by a `![bg]` image) is not content.
            let wrapper = matches!(
                event,
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) | Event::SoftBreak
            );
            if self.opens_with_heading.is_none() && !wrapper {
                self.opens_with_heading = Some(matches!(event, Event::Start(Tag::Heading { .. })));
            }
            self.slide.push(event);
        }
    }

    /// Whether a table row or list item starting now belongs to the slide's own content.
    pub(super) fn marks_inner(&self) -> bool {
        !self.in_notes && self.footnote_depth == 0
    }
}
