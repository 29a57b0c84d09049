//! Render: one pass over a lesson's Markdown feeds the web page, the deck and search.
//!
//! pulldown-cmark parses the body once; this module walks the events once and produces
//! slides (split at top-level `---`), speaker notes, heading ids, highlighted code, and
//! plain text per section for the search index. Links and images are handed to a
//! [`LinkResolver`] with their source span, so a broken one is reported at FILE:LINE:COL.

mod cjk;
mod code_theme;
mod directives;
mod headings;
pub mod highlight;
mod html_spans;
mod html_tags;
pub mod layout;
mod pass;
pub mod raw_html;
mod scan;

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag};

pub use cjk::is_cjk;
pub use directives::css_url;
pub use directives::SlideStyle;
pub use layout::{overflow_warnings, Canvas};
pub use pass::scope_footnote_ids;

use crate::config::Language;
use crate::diag::{Diagnostic, SourceFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Link,
    Image,
}

/// Turns a link destination as written in Markdown into a URL for the page being built.
pub trait LinkResolver {
    /// `span` is the link's byte range in the source file.
    fn resolve(&self, dest: &str, span: Range<usize>, kind: LinkKind) -> Result<String, Diagnostic>;
}

#[derive(Debug, Clone)]
pub struct Slide {
    pub html: String,
    pub notes_html: String,
    /// The footnote definitions the slide cites (and those they cite), for the deck; the
    /// lesson page lists every footnote at its end instead (`RenderedDoc::footnotes_html`).
    pub footnotes_html: String,
    /// Those cited only in the notes.
    pub notes_footnotes_html: String,
    /// Byte offset in the source file where the slide starts.
    pub start: usize,
    /// Text of the first heading on the slide.
    pub title: Option<String>,
    /// Class, colours and background from directives and `![bg](…)`.
    pub style: SlideStyle,
    /// Rough height of the content on the deck canvas, in px (see `layout`).
    pub estimated_height: u32,
}

/// How a document is split and read.
#[derive(Debug, Clone, Default)]
pub struct DocOptions {
    /// Headings of this level or above start a new slide (when there is no `---`).
    pub slide_level: Option<u8>,
    /// Marp decks: HTML comments that are not directives are speaker notes.
    pub comments_are_notes: bool,
    /// The deck canvas the slides are estimated on (a lesson's `size`, else `deck.aspect`).
    pub canvas: Canvas,
    /// Pass raw HTML through as written instead of cleaning it (see [`raw_html`]).
    pub unsafe_html: bool,
    /// The site's language, for the labels of callouts.
    pub language: Language,
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    pub slide: usize,
}

/// Plain text under one heading (or before the first), for the search index.
#[derive(Debug, Clone, Default)]
pub struct TextSection {
    pub heading: Option<usize>,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct RenderedDoc {
    pub slides: Vec<Slide>,
    pub headings: Vec<Heading>,
    pub footnotes_html: String,
    pub sections: Vec<TextSection>,
    /// Whether the first slide opens with a heading of its own (see [`RenderedDoc::deck_title_slide`]).
    pub opens_with_heading: bool,
    /// The text of a heading written as HTML (`<h1 align="center">标题</h1>`, as GitHub
    /// READMEs open) in a top-level HTML block before any Markdown heading: a title too.
    pub html_heading: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl RenderedDoc {
    pub fn has_anchor(&self, id: &str) -> bool {
        self.headings.iter().any(|h| h.id == id)
    }

    /// Whether the lesson's deck starts with a title slide made from the front matter: only
    /// when the lesson does not open with a heading of its own. The deck, its slide count
    /// (the PDF page check) and the overflow warnings' slide numbers all follow this.
    pub fn deck_title_slide(&self) -> bool {
        !self.opens_with_heading
    }

    /// The number the deck shows on `slides[i]`, the title slide counted.
    pub fn deck_number(&self, i: usize) -> usize {
        i + 1 + usize::from(self.deck_title_slide())
    }

    /// Slides in the lesson's deck, the title slide included.
    pub fn deck_slide_count(&self) -> usize {
        self.slides.len() + usize::from(self.deck_title_slide())
    }

    /// All slides as one HTML fragment (for pages that are not lessons).
    pub fn body_html(&self) -> String {
        let mut s = String::new();
        for slide in &self.slides {
            s.push_str(&slide.html);
        }
        s.push_str(&self.footnotes_html);
        s
    }
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Render the Markdown body of `file` starting at byte `body_start`.
pub fn parse_document(
    file: &Arc<SourceFile>,
    body_start: usize,
    opts: &DocOptions,
    resolver: &dyn LinkResolver,
) -> RenderedDoc {
    crate::timing::MARKDOWN_DOCUMENTS.add();
    let body = &file.text[body_start..];
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(body, options()).into_offset_iter().collect();
    pass::Pass::new(file, body_start, opts, resolver).run(events)
}

#[cfg(test)]
mod tests;

/// A link or image start tag with its destination replaced by `f(destination, kind)`;
/// autolinks and e-mail links, and every other event, pass through.
pub(crate) fn map_destination<'a>(event: Event<'a>, f: impl FnOnce(CowStr<'a>, LinkKind) -> CowStr<'a>) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !matches!(link_type, LinkType::Autolink | LinkType::Email) => Event::Start(Tag::Link {
            link_type,
            dest_url: f(dest_url, LinkKind::Link),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: f(dest_url, LinkKind::Image),
            title,
            id,
        }),
        other => other,
    }
}

/// The text (and inline code) among `events`.
pub(crate) fn text_of(events: &[(Event, Range<usize>)]) -> String {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// A short Markdown text rendered: HTML for the page, and the text without markup (for
/// the page script's data, CSV exports and the search index).
#[derive(Debug, Clone, Default)]
pub struct Fragment {
    pub html: String,
    pub plain: String,
}

/// Render a short Markdown text that lives inside a YAML value (an SOP step's text or
/// help), in one parse. Links resolve like everywhere else; their errors point at `span`,
/// the value's position in the file (offsets inside a YAML scalar do not map back to the
/// file). With `inline`, a lone wrapping paragraph is dropped; without `unsafe_html`, raw
/// HTML is cleaned (see [`raw_html`]).
pub fn parse_fragment(
    text: &str,
    file: &Arc<SourceFile>,
    span: Range<usize>,
    resolver: &dyn LinkResolver,
    inline: bool,
    unsafe_html: bool,
) -> (Fragment, Vec<Diagnostic>) {
    crate::timing::MARKDOWN_SNIPPETS.add();
    let mut diagnostics = Vec::new();
    let mut plain = String::new();
    let events = Parser::new_ext(text, options()).map(|event| {
        match &event {
            Event::Text(t) | Event::Code(t) => plain.push_str(t),
            Event::SoftBreak | Event::HardBreak => plain.push(' '),
            _ => {}
        }
        let event = match event {
            Event::Html(h) if !unsafe_html => Event::Html(raw_html::clean_block(&h).into()),
            Event::InlineHtml(h) if !unsafe_html => Event::InlineHtml(raw_html::clean_inline(&h).into()),
            other => other,
        };
        map_destination(event, |dest, kind| match resolver.resolve(&dest, span.clone(), kind) {
            Ok(url) => CowStr::Boxed(url.into()),
            Err(d) => {
                diagnostics.push(d.at(file, span.clone()));
                dest
            }
        })
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    if inline {
        let trimmed = html.trim_end();
        if let Some(inner) = trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
            if !inner.contains("<p>") {
                html = inner.to_string();
            }
        }
    }
    (Fragment { html, plain }, diagnostics)
}
