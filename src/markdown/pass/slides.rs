//! Slides: where one ends, what its directives say, and how tall it is on the canvas.

use std::ops::Range;

use pulldown_cmark::{html, CowStr, Event, Tag, TagEnd};

use super::super::directives::{Comment, SlideStyle};
use super::super::scan::find_end;
use super::super::{layout, DeckIdiom, LinkKind, Slide};
use super::{parts, Pass};

impl<'a> Pass<'a, '_> {
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

    /// A background image named in a directive resolves like any image in the lesson.
    fn resolve_background(&mut self, mut style: SlideStyle, range: &Range<usize>) -> SlideStyle {
        if let Some(url) = style.background_image.take() {
            style.background_image = Some(
                self.resolve(CowStr::Boxed(url.into()), range.clone(), LinkKind::Image)
                    .to_string(),
            );
        }
        style
    }

    /// Add a finished block to the height estimate of the slide.
    pub(super) fn estimate_end(&mut self, tag: &TagEnd) {
        if self.in_notes || self.footnote_depth > 0 {
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
                self.finish_slide(end);
                *i = match events[*i].0 {
                    Event::Start(_) => find_end(events, *i + 1) + 1,
                    _ => *i + 1,
                };
                return true;
            } else if end > b.start {
                self.breaks.pop_front();
            } else {
                break;
            }
        }
        false
    }

    pub(super) fn finish_slide(&mut self, next_start: usize) {
        let blocks = self.blocks.take(&self.slide, self.height);
        let opens_with_heading = self.opens_with_heading.take() == Some(true);
        let slide = std::mem::take(&mut self.slide);
        let notes = std::mem::take(&mut self.notes);
        let start = std::mem::replace(&mut self.slide_start, next_start);
        let title = self.slide_title.take();
        let style = std::mem::take(&mut self.local_style).over(&self.global_style);
        let height = std::mem::take(&mut self.height);
        self.in_notes = false;
        // Marp and reveal keep empty slides: the deck has exactly the slides they make.
        let keeps_empty = !matches!(self.opts.idiom, DeckIdiom::Lectern);
        let kept = keeps_empty || !(slide.is_empty() && notes.is_empty());
        self.footnotes.end_slide(kept);
        if !kept {
            return;
        }
        let deck_parts = match self.opts.idiom {
            DeckIdiom::Lectern => parts::cut(
                &slide,
                &blocks,
                height,
                self.opts.canvas.content_height(),
                title.as_deref(),
            ),
            _ => Vec::new(),
        };
        let mut html_out = String::new();
        html::push_html(&mut html_out, slide.into_iter());
        let mut notes_html = String::new();
        html::push_html(&mut notes_html, notes.into_iter());
        let html_out = html_out.replace("<p></p>\n", "");
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
        });
    }
}
