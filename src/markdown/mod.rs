//! Render: one pass over a lesson's Markdown feeds the web page, the deck and search.
//!
//! pulldown-cmark parses the body once; this module walks the events once and produces
//! slides (split at top-level `---`), speaker notes, heading ids, highlighted code, and
//! plain text per section for the search index. Links and images are handed to a
//! [`LinkResolver`] with their source span, so a broken one is reported at FILE:LINE:COL.

mod adjusted;
mod admonitions;
mod autolink;
mod cjk;
mod code_theme;
mod containers;
mod directives;
mod element_attrs;
mod emoji;
mod emphasis;
mod headings;
pub mod highlight;
pub mod highlight_css;
mod highlight_mark;
mod html_ids;
mod html_media;
mod html_spans;
mod html_tags;
pub mod html_urls;
pub mod image_size;
pub mod layout;
mod math;
mod math_delimiters;
mod pass;
pub mod raw_html;
mod scan;

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Tag};

pub use cjk::is_cjk;
pub use containers::CalloutKind;
pub use directives::{map_css_urls, safe_css, FrontDirectives, SlideStyle};
pub use layout::{overflow_warnings, Canvas};
pub use pass::quiz::{answer_key_html, scope_quiz_ids, Quiz, QuizKind, QuizOption};
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
    /// In a Lectern lesson, a slide too tall for the canvas continues on further deck
    /// slides: these are its parts, in order (empty when the slide fits as it is). The
    /// lesson page shows the slide whole (`html`).
    pub deck_parts: Vec<DeckPart>,
    /// Where reveal.js's hash routes (`#/2/1`) put the slide.
    pub route: SlideRoute,
}

/// One deck slide cut from a slide too tall for the canvas (see [`Slide::deck_parts`]).
#[derive(Debug, Clone)]
pub struct DeckPart {
    pub html: String,
    /// The slide's title, repeated on a part that does not start with a heading of its own
    /// (the deck adds "（续）" or "(cont.)").
    pub continued: Option<String>,
    /// Byte offset in the source of the part's first block.
    pub start: usize,
    pub estimated_height: u32,
}

/// Whose rules split the lesson into slides: Lectern's own, or those of the tool a deck
/// was written for, so that the deck has exactly the slides that tool makes.
#[derive(Debug, Clone, Default)]
pub enum DeckIdiom {
    #[default]
    Lectern,
    /// `marp: true`: every thematic break (and `headingDivider`) starts a slide, empty
    /// slides included; HTML comments are notes.
    Marp,
    /// reveal-md: the separators are regular expressions over the source lines.
    Reveal(RevealSeparators),
}

/// reveal-md's `separator` and `verticalSeparator` (both split the deck into slides).
#[derive(Debug, Clone)]
pub struct RevealSeparators {
    pub horizontal: regex::Regex,
    pub vertical: Option<regex::Regex>,
}

/// Whether the deck may open with a title slide made from the front matter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TitleSlide {
    /// When the lesson does not open with a heading (Lectern lessons).
    #[default]
    WhenNoHeading,
    /// Marp and reveal decks (their tools add none), or `title_slide: false`.
    Never,
}

impl Slide {
    /// How many deck slides this slide makes: one, or its parts.
    pub fn deck_slides(&self) -> usize {
        self.deck_parts.len().max(1)
    }
}

/// A slide's place as reveal.js counts it: column `h` from 0, and `v` slides down the
/// column (after `----` breaks). A Lectern title slide is not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SlideRoute {
    pub h: usize,
    pub v: usize,
}

impl SlideRoute {
    /// The route of the next slide: below this one, or at the top of the next column.
    pub fn after(self, below: bool) -> SlideRoute {
        match below {
            true => SlideRoute {
                h: self.h,
                v: self.v + 1,
            },
            false => SlideRoute { h: self.h + 1, v: 0 },
        }
    }

    /// The page ids a link may name it by: `/2/1`; at the top of a column also `/2` (and
    /// `/2/0`), and for the first slide `/` too. They are the `#/…` of reveal.js's links.
    pub fn ids(self) -> Vec<String> {
        let SlideRoute { h, v } = self;
        let mut ids = vec![format!("/{h}/{v}")];
        if v == 0 {
            ids.push(format!("/{h}"));
            if h == 0 {
                ids.push("/".into());
            }
        }
        ids
    }
}

/// How a document is split and read.
#[derive(Debug, Clone, Default)]
pub struct DocOptions {
    /// Headings of this level or above start a new slide (when there is no `---`); `0`:
    /// never. Unset in a Lectern lesson without `---`: the first level that gives two
    /// slides or more.
    pub slide_level: Option<u8>,
    /// Marp's `headingDivider` as a bit set of levels (bit `n`: level `n`): those headings
    /// start a slide, `---` or not.
    pub heading_divider: u8,
    pub idiom: DeckIdiom,
    pub title_slide: TitleSlide,
    /// Marp decks: HTML comments that are not directives are speaker notes.
    pub comments_are_notes: bool,
    /// The deck canvas the slides are estimated on (a lesson's `size`, else `deck.aspect`).
    pub canvas: Canvas,
    /// Pass raw HTML through as written instead of cleaning it (see [`raw_html`]).
    pub unsafe_html: bool,
    /// The front matter's directives (Marp's keys), the deck's styles from the start.
    pub front: FrontDirectives,
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
    /// Whether the deck may add a title slide at all (from [`DocOptions::title_slide`]).
    pub title_slide: TitleSlide,
    /// The text of a heading written as HTML (`<h1 align="center">标题</h1>`, as GitHub
    /// READMEs open) in a top-level HTML block before any Markdown heading: a title too.
    pub html_heading: Option<String>,
    /// The `id`s (and `<a name>`s) of raw HTML elements, kept on the page: anchors too
    /// ([`html_ids`]).
    pub html_anchors: Vec<String>,
    /// A Marp deck: `#3` is its third slide (Marp CLI's page links), on the page too.
    pub page_numbers: bool,
    /// The `[!QUIZ]` blocks, in reading order (`pass/quiz.rs`).
    pub quizzes: Vec<Quiz>,
    /// A Marp deck's `<style>` elements (not `scoped`): CSS for every slide of the deck,
    /// as the front matter's `style` is (`pass/marp_style.rs`).
    pub deck_css: String,
    /// Whether the document has a formula (as MathML), and a callout: the deck inlines
    /// the stylesheet's rules for them only then (`render/deck_css.rs`).
    pub uses_math: bool,
    pub uses_callouts: bool,
    /// Whether a code block is in a language that is highlighted: only then does the deck
    /// look for the code colours its slides use (`HighlightRules::used_by`).
    pub uses_highlighting: bool,
    pub diagnostics: Vec<Diagnostic>,
}

impl RenderedDoc {
    pub fn has_anchor(&self, id: &str) -> bool {
        self.headings.iter().any(|h| h.id == id)
            || self.route_slide(id).is_some()
            || self.html_anchors.iter().any(|a| a == id)
            || self.page_slide(id).is_some()
    }

    /// In a Marp deck, the slide (index into `slides`) a page link (`3`, without `#`) names.
    pub fn page_slide(&self, id: &str) -> Option<usize> {
        let n: usize = id
            .parse()
            .ok()
            .filter(|_| self.page_numbers && !id.starts_with(['0', '+']))?;
        (1..=self.slides.len()).contains(&n).then(|| n - 1)
    }

    /// The slide (index into `slides`) a reveal.js hash route names: `/2/1` without `#`.
    pub fn route_slide(&self, route: &str) -> Option<usize> {
        self.slides
            .iter()
            .position(|s| s.route.ids().iter().any(|id| id == route))
    }

    /// Whether the lesson's deck starts with a title slide made from the front matter: only
    /// when the lesson does not open with a heading of its own. The deck, its slide count
    /// (the PDF page check) and the overflow warnings' slide numbers all follow this.
    pub fn deck_title_slide(&self) -> bool {
        self.title_slide == TitleSlide::WhenNoHeading && !self.opens_with_heading
    }

    /// The number the deck shows on the first part of `slides[i]`, the title slide and
    /// the continuation parts of earlier slides counted.
    pub fn deck_number(&self, i: usize) -> usize {
        let before: usize = self.slides[..i].iter().map(Slide::deck_slides).sum();
        before + 1 + usize::from(self.deck_title_slide())
    }

    /// Slides in the lesson's deck, the title slide and continuation parts included.
    pub fn deck_slide_count(&self) -> usize {
        self.slides.iter().map(Slide::deck_slides).sum::<usize>() + usize::from(self.deck_title_slide())
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
        | Options::ENABLE_GFM // `> [!NOTE]` alerts, rendered as callouts
        | Options::ENABLE_MATH
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
    let with_dollars = math_delimiters::as_dollars(body, options());
    let body = with_dollars.as_deref().unwrap_or(body);
    let events = adjusted::parse(body, options(), true);
    pass::Pass::new(file, body_start, opts, resolver).run(events)
}

#[cfg(test)]
mod container_tests;
#[cfg(test)]
mod parts_tests;
#[cfg(test)]
mod slide_rules_tests;
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
    let mut formula_warnings = Vec::new();
    let mut plain = String::new();
    let mut resolve = |dest: &str, _: Range<usize>, kind: LinkKind| match resolver.resolve(dest, span.clone(), kind) {
        Ok(url) => url,
        Err(d) => {
            diagnostics.push(d.at(file, span.clone()));
            dest.to_string()
        }
    };
    // An SOP step's text is one line of a form: no `:::` containers there.
    let events = adjusted::parse(text, options(), false).into_iter().map(|(event, _)| {
        match &event {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => plain.push_str(t),
            Event::SoftBreak | Event::HardBreak => plain.push(' '),
            _ => {}
        }
        let block = matches!(event, Event::DisplayMath(_));
        let event = match event {
            Event::Html(h) => {
                let h = raw_html::resolve_urls(&h, |_| 0, &mut resolve);
                Event::Html(if unsafe_html { h } else { raw_html::clean_block(&h) }.into())
            }
            Event::InlineHtml(h) => {
                let h = raw_html::resolve_urls(&h, |_| 0, &mut resolve);
                Event::InlineHtml(if unsafe_html { h } else { raw_html::clean_inline(&h) }.into())
            }
            Event::InlineMath(tex) | Event::DisplayMath(tex) => Event::InlineHtml(match math::to_mathml(&tex, block) {
                Ok(mathml) => mathml.into(),
                Err(e) => {
                    formula_warnings.push(math::warning(&e).at(file, span.clone()));
                    math::source_as_code(&tex, &e).into()
                }
            }),
            other => other,
        };
        map_destination(event, |dest, kind| CowStr::Boxed(resolve(&dest, 0..0, kind).into()))
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
    diagnostics.extend(formula_warnings);
    (Fragment { html, plain }, diagnostics)
}
#[cfg(test)]
mod quiz_tests;
