//! Slides: where one ends, what its directives say, and how tall it is on the canvas.

use std::ops::Range;

use pulldown_cmark::{html, CowStr, Event, Tag, TagEnd};

use super::super::directives::{map_css_urls, Comment, SlideStyle};
use super::super::scan::find_end;
use super::super::{layout, DeckIdiom, LinkKind, Slide, SlideRoute};
use super::{parts, Pass};
use crate::diag::Diagnostic;

impl<'a> Pass<'a, '_> {
    /// The front matter's directives, in force before any comment (see `FrontDirectives`).
    pub(super) fn front_directives(&mut self) {
        let front = &self.opts.front;
        let (deck, first) = (front.deck.clone(), front.first.clone());
        let (deck_span, first_span) = (front.deck_image_span.clone(), front.first_image_span.clone());
        self.global_style = self.resolve_background_at(deck, deck_span);
        self.local_style = self.resolve_background_at(first, first_span);
    }

    /// Directives and (in Marp decks) notes written as HTML comments.
    pub(super) fn comments(&mut self, comments: Vec<Comment>, range: Range<usize>) {
        for c in comments {
            match c {
                Comment::Local(style) => {
                    let style = self.resolve_background(style, &range);
                    self.local_style = style.over(&self.local_style);
                }
                Comment::Global(style) => {
                    let style = self.resolve_background(style, &range);
                    self.global_style = style.over(&self.global_style);
                }
                Comment::Text(text) if self.opts.comments_are_notes => {
                    self.notes.push(Event::Start(Tag::Paragraph));
                    self.notes.push(Event::Text(CowStr::Boxed(text.into())));
                    self.notes.push(Event::End(TagEnd::Paragraph));
                }
                Comment::Text(_) => {}
            }
        }
    }

    /// The `url(…)` targets of a background named in a directive resolve like any image
    /// in the lesson; the rest of the value (a gradient, `none`) is CSS and stays.
    fn resolve_background(&mut self, style: SlideStyle, range: &Range<usize>) -> SlideStyle {
        let span = self.base + range.start..self.base + range.end;
        self.resolve_background_at(style, span)
    }

    /// As [`Self::resolve_background`], for a value at `span` in the file (front matter).
    pub(super) fn resolve_background_at(&mut self, mut style: SlideStyle, span: Range<usize>) -> SlideStyle {
        if let Some(value) = style.background_image.take() {
            let resolve = |target: &str| match self.resolver.resolve(target, span.clone(), LinkKind::Image) {
                Ok(url) => url,
                Err(d) => {
                    self.doc.diagnostics.push(d);
                    target.to_string()
                }
            };
            style.background_image = Some(map_css_urls(&value, resolve, str::to_string));
        }
        style
    }

    /// Add a finished block to the height estimate of the slide.
    pub(super) fn estimate_end(&mut self, tag: &TagEnd) {
        if self.in_notes || self.footnote_depth > 0 {
            return;
        }
        if matches!(tag, TagEnd::Image) && self.inline_images {
            self.block_width += layout::INLINE_IMAGE_WIDTH;
            return;
        }
        self.height += layout::block_height(tag, self.block_width, self.opts.canvas.content_width());
        if layout::ends_block(tag) {
            self.block_width = 0.0;
        }
    }

    /// reveal-md: a separator between top-level blocks ends the slide, and its own text (a
    /// `---` rule, a comment) is dropped; one inside a block (a code block, a list) is not a
    /// separator. True when `events[*i]` was the separator and is skipped.
    pub(super) fn reveal_break(&mut self, events: &[(Event, Range<usize>)], i: &mut usize) -> bool {
        let (start, end) = (self.base + events[*i].1.start, self.base + events[*i].1.end);
        while let Some(b) = self.breaks.front().cloned() {
            if start >= b.end {
                self.breaks.pop_front();
                self.finish_slide(start);
            } else if start >= b.start && end <= b.end + 2 {
                self.breaks.pop_front();
                *i = match events[*i].0 {
                    Event::Start(_) => find_end(events, *i + 1) + 1,
                    _ => *i + 1,
                };
                // The next slide starts at its first block, not at the empty line after
                // the separator (where its warnings would point).
                let next = events.get(*i).map_or(end, |(_, r)| (self.base + r.start).max(end));
                self.finish_slide(next);
                return true;
            } else if end > b.start {
                self.breaks.pop_front();
            } else {
                break;
            }
        }
        false
    }

    /// reveal.js: a heading or a `---` rule in a slide's notes is almost always a slide
    /// break that did not match the separator (a missing empty line): everything after it
    /// is hidden in the notes. Warned once per slide, at the block.
    pub(super) fn check_reveal_notes(&mut self, event: &Event, range: &Range<usize>) {
        let DeckIdiom::Reveal(_) = self.opts.idiom else { return };
        let what = match event {
            Event::Start(Tag::Heading { .. }) => "a heading",
            Event::Rule => "a `---` rule",
            _ => return,
        };
        if !self.in_notes || self.notes_warned {
            return;
        }
        self.notes_warned = true;
        let span = self.base + range.start..self.base + range.end;
        let span = span.start..span.start + self.file.text[span].trim_end().len();
        let slide = self.doc.slides.len() + 1;
        self.doc.diagnostics.push(
            Diagnostic::warning(format!(
                "{what} in the speaker notes of slide {slide}: it and what follows are hidden from the audience"
            ))
            .at(self.file, span)
            .label("in the notes")
            .help(
                "reveal.js starts a slide only at a `---` line with an empty line before and after it \
                 (or the deck's `separator`); add the empty line, or end the notes before this",
            ),
        );
    }

    pub(super) fn finish_slide(&mut self, next_start: usize) {
        // A container still open ends with its slide, so each slide is balanced.
        self.close_containers(0);
        let blocks = self.blocks.take(&self.slide, self.height);
        let opens_with_heading = self.opens_with_heading.take() == Some(true);
        let slide = std::mem::take(&mut self.slide);
        let notes = std::mem::take(&mut self.notes);
        let start = std::mem::replace(&mut self.slide_start, next_start);
        let title = self.slide_title.take();
        let own_style = self.local_style != SlideStyle::default();
        let style = std::mem::take(&mut self.local_style).over(&self.global_style);
        let height = std::mem::take(&mut self.height);
        self.in_notes = false;
        self.notes_warned = false;
        // Marp and reveal keep empty slides: the deck has exactly the slides they make.
        let keeps_empty = !matches!(self.opts.idiom, DeckIdiom::Lectern);
        let mut html_out = slide_html(&slide);
        let css = std::mem::take(&mut self.slide_css);
        if !css.is_empty() {
            html_out.insert_str(0, &super::marp_style::scoped_style_element(&css));
        }
        // A Lectern slide that shows nothing (only an empty `<div id="top"></div>`) is
        // dropped as an empty one is; its HTML goes on with the next slide.
        let blank = !keeps_empty && notes.is_empty() && !own_style && super::super::html_tags::shows_nothing(&html_out);
        if blank && !slide.is_empty() {
            self.blank_html.push_str(&html_out);
        }
        let kept = keeps_empty || !(blank || slide.is_empty() && notes.is_empty());
        let route = match self.doc.slides.last() {
            None => SlideRoute::default(),
            Some(prev) => prev.route.after(starts_below(&self.file.text[..start])),
        };
        self.footnotes.end_slide(kept);
        if !kept {
            return;
        }
        let mut deck_parts = match self.opts.idiom {
            DeckIdiom::Lectern => parts::cut(
                &slide,
                &blocks,
                height,
                self.opts.canvas.content_height(),
                title.as_deref(),
            ),
            _ => Vec::new(),
        };
        let html_out = match std::mem::take(&mut self.blank_html) {
            blank if blank.is_empty() => html_out,
            blank => {
                if let Some(first) = deck_parts.first_mut() {
                    first.html.insert_str(0, &blank);
                }
                blank + &html_out
            }
        };
        let mut notes_html = String::new();
        html::push_html(&mut notes_html, notes.into_iter());
        if self.doc.slides.is_empty() {
            // Decides the deck's title slide (`RenderedDoc::deck_title_slide`).
            self.doc.opens_with_heading = opens_with_heading;
        }
        self.doc.slides.push(Slide {
            html: html_out,
            notes_html,
            footnotes_html: String::new(),
            notes_footnotes_html: String::new(),
            start,
            title,
            style,
            estimated_height: height.round() as u32,
            deck_parts,
            route,
        });
    }
}

impl Pass<'_, '_> {
    /// The HTML of blank slides at the end of the document goes on the last slide.
    pub(super) fn place_blank_html(&mut self) {
        let blank = std::mem::take(&mut self.blank_html);
        if let Some(last) = self.doc.slides.last_mut() {
            if let Some(part) = last.deck_parts.last_mut() {
                part.html.push_str(&blank);
            }
            last.html.push_str(&blank);
        }
    }
}

/// Whether the slide break just before a slide (the end of `before`) is reveal.js's
/// vertical one, a `----` line: the slide then sits below the previous one (`#/2/1`).
fn starts_below(before: &str) -> bool {
    before
        .trim_end()
        .lines()
        .next_back()
        .is_some_and(|l| l.trim() == "----")
}

/// The HTML of a slide's (or a deck part's) events, without the paragraphs that show
/// nothing (those a `![bg]` image leaves, with only line breaks between several), and with
/// reveal.js's element classes applied ([`element_attrs`](super::super::element_attrs)).
pub(super) fn slide_html(events: &[Event]) -> String {
    let mut out = String::new();
    let mut i = 0;
    let mut kept = Vec::with_capacity(events.len());
    while i < events.len() {
        if let Event::Start(Tag::Paragraph) = events[i] {
            let breaks = events[i + 1..]
                .iter()
                .take_while(|e| matches!(e, Event::SoftBreak | Event::HardBreak))
                .count();
            if let Some(Event::End(TagEnd::Paragraph)) = events.get(i + 1 + breaks) {
                i += breaks + 2;
                continue;
            }
        }
        kept.push(events[i].clone());
        i += 1;
    }
    html::push_html(&mut out, kept.into_iter());
    super::super::element_attrs::apply(out)
}
