//! The single walk over a document's Markdown events.

mod callouts;
mod docsify;
mod footnotes;
mod heading;
mod html_math;
mod images;
mod inline;
mod marp_style;
mod math;
mod parts;
pub(super) mod quiz;
mod raw;
mod slides;
mod tasks;

pub use footnotes::scope_footnote_ids;

use tasks::label_task_items;

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::directives::{parse_comments, url_value, SlideStyle};
use super::headings::IdAllocator;
use super::scan::{
    auto_slide_level, comment_heading_divider, find_end, has_top_level_rule, html_of, images_are_inline, is_background,
    is_remark_notes_marker, reveal_breaks, reveals_stepwise, strip_notes_prefix,
};
use super::{cjk, highlight, layout, text_of, DeckIdiom, DocOptions, LinkKind, LinkResolver, RenderedDoc, TextSection};
use crate::diag::SourceFile;

pub struct Pass<'a, 'r> {
    file: &'r Arc<SourceFile>,
    base: usize,
    resolver: &'r dyn LinkResolver,
    doc: RenderedDoc,
    ids: IdAllocator,
    slide: Vec<Event<'a>>,
    notes: Vec<Event<'a>>,
    footnotes: footnotes::Footnotes<'a>,
    slide_start: usize,
    slide_title: Option<String>,
    in_notes: bool,
    /// Last character of the most recent text, for joining CJK lines.
    last_char: Option<char>,
    /// Nesting depth inside a footnote definition (0 = not in one).
    footnote_depth: usize,
    opts: &'r DocOptions,
    /// Directives in force from here on, and those for the current slide only.
    global_style: SlideStyle,
    local_style: SlideStyle,
    /// For each open list: whether it reveals item by item in the deck.
    lists: Vec<bool>,
    /// Estimated height of the current slide on the deck canvas, in px.
    height: f32,
    /// Estimated width of the text in the current block, in px.
    block_width: f32,
    /// Whether the current slide's first content is a heading (unset while it has none).
    opens_with_heading: Option<bool>,
    /// The HTML of slides that show nothing, for the next slide (`finish_slide`).
    blank_html: String,
    /// Whether the images of the current paragraph are inline (`scan::images_are_inline`).
    inline_images: bool,
    /// Whether this slide's notes were already warned about (`check_reveal_notes`).
    notes_warned: bool,
    /// Whether anything but comments came before (Marp's `headingDivider` splits only then).
    seen_content: bool,
    /// Marp's `headingDivider` levels: the front matter's, unless a comment sets them.
    heading_divider: u8,
    /// reveal-md separators still ahead, as byte ranges in the file.
    breaks: std::collections::VecDeque<Range<usize>>,
    /// The current slide's top-level blocks, for cutting it into deck parts.
    blocks: parts::Blocks,
    /// Open `:::` containers, outermost first.
    containers: Vec<callouts::OpenContainer>,
    /// A Marp deck's `<style>` elements, by where their HTML block starts.
    styles: std::collections::HashMap<usize, marp_style::StyleBlock>,
    /// The current slide's `<style scoped>` CSS.
    slide_css: String,
    /// Source ranges kept out of the search text: quiz explanations, which give the answer.
    unsearched: Vec<Range<usize>>,
    /// The number of each display formula's `\label{…}`, for `\eqref` and `\ref`.
    equation_labels: std::collections::HashMap<String, String>,
    /// How many links and images the text being written is inside (no autolinks there).
    link_depth: usize,
}

impl<'a, 'r> Pass<'a, 'r> {
    pub fn new(
        file: &'r Arc<SourceFile>,
        body_start: usize,
        opts: &'r DocOptions,
        resolver: &'r dyn LinkResolver,
    ) -> Self {
        let mut doc = RenderedDoc::default();
        doc.sections.push(TextSection::default());
        Pass {
            file,
            base: body_start,
            resolver,
            doc,
            ids: IdAllocator::default(),
            slide: Vec::new(),
            notes: Vec::new(),
            footnotes: footnotes::Footnotes::default(),
            slide_start: body_start,
            slide_title: None,
            in_notes: false,
            last_char: None,
            footnote_depth: 0,
            opts,
            global_style: SlideStyle::default(),
            local_style: SlideStyle::default(),
            lists: Vec::new(),
            height: 0.0,
            block_width: 0.0,
            opens_with_heading: None,
            seen_content: false,
            notes_warned: false,
            inline_images: false,
            blank_html: String::new(),
            heading_divider: opts.heading_divider,
            breaks: Default::default(),
            blocks: Default::default(),
            containers: Vec::new(),
            styles: Default::default(),
            slide_css: String::new(),
            unsearched: Vec::new(),
            equation_labels: Default::default(),
            link_depth: 0,
        }
    }
}

impl<'a> Pass<'a, '_> {
    /// Walk the events once, filling and returning the document.
    pub fn run(mut self, mut events: Vec<(Event<'a>, Range<usize>)>) -> RenderedDoc {
        self.front_directives();
        self.doc.title_slide = self.opts.title_slide;
        super::containers::mark_fences(&mut events, &self.file.text[self.base..]);
        let language = self.opts.language;
        let admonitions = std::cell::Cell::new(false);
        super::admonitions::expand(&mut events, &self.file.text[self.base..], |kind, title, collapsible| {
            admonitions.set(true);
            let label = if title.is_empty() {
                crate::render::i18n::strings(language).callout(kind)
            } else {
                title
            };
            callouts::callout_open_html(kind, label, collapsible)
        });
        self.doc.uses_callouts = admonitions.get();
        // Lectern's own rule: headings split slides only in lessons written without `---`,
        // at `slide_level`, else at the first level that makes two slides or more.
        let split_level = match self.opts.idiom {
            _ if has_top_level_rule(&events) => None,
            DeckIdiom::Lectern => self.opts.slide_level.or_else(|| auto_slide_level(&events)),
            _ => self.opts.slide_level,
        }
        .filter(|&l| l > 0);
        if matches!(self.opts.idiom, DeckIdiom::Marp) {
            // A global directive applies to the whole deck wherever its comment is.
            self.heading_divider = comment_heading_divider(&events).unwrap_or(self.heading_divider);
            // Marp's `<style>` is the deck's CSS, not raw HTML to clean away.
            self.styles = marp_style::take_style_blocks(&mut events);
        }
        let clean = !self.opts.unsafe_html;
        let dropped = super::raw_html::resolve_and_clean(&mut events, clean, split_level, &mut |dest, range, kind| {
            self.resolve(CowStr::Boxed(dest.into()), range, kind).to_string()
        });
        self.dropped_html(&dropped);
        self.html_anchors(&mut events);
        self.quizzes(&mut events);
        label_task_items(&mut events);
        self.number_equations(&events);
        if let DeckIdiom::Reveal(separators) = &self.opts.idiom {
            self.breaks = reveal_breaks(&self.file.text, self.base, separators).into();
        }
        let mut depth = 0usize;
        let mut i = 0;
        while i < events.len() {
            let range = events[i].1.clone();
            if depth == 0 {
                if self.reveal_break(&events, &mut i) {
                    continue;
                }
                self.check_reveal_notes(&events[i].0, &range);
                self.blocks.begin(&self.slide, self.height, self.base + range.start);
            }
            if let Event::Start(Tag::Paragraph) = events[i].0 {
                self.inline_images = images_are_inline(&events[i + 1..]);
            }
            let event = std::mem::replace(&mut events[i].0, Event::SoftBreak);
            i += 1;
            match event {
                Event::Rule if depth == 0 && !matches!(self.opts.idiom, DeckIdiom::Reveal(_)) => {
                    self.seen_content = true;
                    let next = events.get(i).map_or(self.file.text.len(), |(_, r)| self.base + r.start);
                    self.finish_slide(next);
                }
                Event::Start(Tag::HtmlBlock) if depth == 0 => {
                    let end = find_end(&events, i);
                    if let Some(style) = self.styles.remove(&range.start) {
                        match style.scoped {
                            true => self.slide_css.push_str(&style.css),
                            false => self.doc.deck_css.push_str(&style.css),
                        }
                        i = end + 1;
                        continue;
                    }
                    let html = html_of(&events[i..end]);
                    if let Some(comments) = parse_comments(&html) {
                        i = end + 1;
                        self.comments(comments, range);
                        continue;
                    }
                    if self.doc.headings.is_empty() && self.doc.html_heading.is_none() && !self.in_notes {
                        self.doc.html_heading = super::html_tags::first_heading_text(&html);
                    }
                    depth += 1;
                    self.emit(Event::Start(Tag::HtmlBlock));
                }
                Event::Start(Tag::Paragraph) if depth == 0 && !self.in_notes => {
                    if is_remark_notes_marker(&events[i..]) {
                        self.in_notes = true;
                        i += 2; // the `???` text and the paragraph's end
                        continue;
                    }
                    if matches!(&events[i..], [(Event::Text(t), _), (Event::SoftBreak, _), ..] if t.trim() == "???") {
                        self.in_notes = true; // `???` with the notes on the very next line
                        i += 2;
                    }
                    if let Some((Event::Text(text), _)) = events.get_mut(i) {
                        if let Some(rest) = strip_notes_prefix(text) {
                            self.in_notes = true;
                            *text = CowStr::Boxed(rest.into());
                        }
                    }
                    if !self.in_notes {
                        self.docsify_callout(&mut events, i, &range);
                    }
                    depth += 1;
                    self.emit(Event::Start(Tag::Paragraph));
                }
                Event::Start(Tag::Heading { ref classes, .. })
                    if super::containers::is_fence(classes) && self.container_fence(&range) =>
                {
                    i = find_end(&events, i) + 1;
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    depth += 1;
                    self.alert(kind, true);
                }
                Event::End(TagEnd::BlockQuote(Some(kind))) => {
                    depth = depth.saturating_sub(1);
                    self.search_text(" ");
                    self.alert(kind, false);
                }
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    // Only after content: a background image alone stays with the heading.
                    let has_content = self.opens_with_heading.is_some() || !self.notes.is_empty();
                    // A preamble (a `> 原文地址` line, badges) stays with the document's
                    // title when that is above the level that splits: that slide then
                    // stands for the title slide.
                    let preamble = matches!(self.opts.idiom, DeckIdiom::Lectern)
                        && depth == 0
                        && self.doc.slides.is_empty()
                        && self.doc.headings.is_empty()
                        && split_level.is_some_and(|l| (level as u8) < l);
                    if preamble && has_content {
                        self.opens_with_heading = Some(true);
                    }
                    let lectern_split = split_level.is_some_and(|l| level as u8 <= l) && has_content && !preamble;
                    // Marp's rule: a divider heading starts a slide after any content, even
                    // right after a `---` (an empty slide, as Marp makes).
                    let marp_split = self.heading_divider & (1 << level as u8) != 0 && self.seen_content;
                    if depth == 0 && (lectern_split || marp_split) {
                        self.finish_slide(self.base + range.start);
                    }
                    let end = find_end(&events, i);
                    let inner: Vec<(Event<'a>, Range<usize>)> = events[i..end]
                        .iter_mut()
                        .map(|(e, r)| (std::mem::replace(e, Event::SoftBreak), r.clone()))
                        .collect();
                    i = end + 1;
                    self.heading(level as u8, id, classes, attrs, inner, range);
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let end = find_end(&events, i);
                    let code = text_of(&events[i..end]);
                    i = end + 1;
                    let info = match &kind {
                        CodeBlockKind::Fenced(info) => info.as_ref(),
                        CodeBlockKind::Indented => "",
                    };
                    // GitHub's ```math block is display math. It is handed on
                    // as the event `$$…$$` gives, at the block's end, so it takes the same
                    // path to MathML (and its warnings) as any display formula.
                    if highlight::language(info) == "math" && end < events.len() {
                        i = end;
                        events[end].0 = Event::DisplayMath(CowStr::Boxed(code.into()));
                        continue;
                    }
                    let code = highlight::visible_code(info, &code);
                    self.search_text(&code);
                    if !self.in_notes && depth == 0 {
                        self.blocks.code(info, &code);
                    }
                    if !self.in_notes {
                        self.height += layout::code_height(&code);
                    }
                    self.doc.uses_highlighting |= highlight::highlights(info);
                    self.emit(Event::Html(CowStr::Boxed(
                        highlight::code_block(info, &code).as_ref().into(),
                    )));
                }
                Event::Start(Tag::List(start)) => {
                    if depth == 0 {
                        self.blocks.list_start(start);
                    }
                    depth += 1;
                    // `*` and `1)` lists step through in Lectern and Marp decks, not in reveal's.
                    let fragments = !matches!(self.opts.idiom, DeckIdiom::Reveal(_))
                        && reveals_stepwise(&self.file.text[self.base + range.start..]);
                    self.lists.push(fragments);
                    if self.footnote_depth > 0 {
                        self.footnote_depth += 1;
                    }
                    self.emit(match (fragments, start) {
                        (false, start) => Event::Start(Tag::List(start)),
                        (true, None) => Event::Html("<ul class=\"fragments\">\n".into()),
                        (true, Some(1)) => Event::Html("<ol class=\"fragments\">\n".into()),
                        (true, Some(n)) => Event::Html(format!("<ol class=\"fragments\" start=\"{n}\">\n").into()),
                    });
                }
                Event::End(TagEnd::List(ordered)) => {
                    depth = depth.saturating_sub(1);
                    if self.footnote_depth > 0 {
                        self.footnote_depth -= 1;
                    }
                    let fragments = self.lists.pop().unwrap_or(false);
                    self.emit(match (fragments, ordered) {
                        (false, _) => Event::End(TagEnd::List(ordered)),
                        (true, false) => Event::Html("</ul>\n".into()),
                        (true, true) => Event::Html("</ol>\n".into()),
                    });
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) if is_background(&events[i..]) => {
                    let end = find_end(&events, i);
                    let alt = text_of(&events[i..end]);
                    i = end + 1;
                    let url = self.resolve(dest_url, range, LinkKind::Image);
                    images::add_background(&mut self.local_style, url_value(&url), &alt);
                    let _ = (link_type, title, id);
                }
                Event::Start(Tag::Image { dest_url, title, .. }) if images::has_size_hint(&events, i, &title) => {
                    i = self.sized_image(dest_url, &title, range, &mut events, i);
                }
                Event::Start(tag) => {
                    if depth == 1 && matches!(tag, Tag::TableRow | Tag::Item) && self.marks_inner() {
                        self.blocks.inner(self.slide.len(), self.height);
                    }
                    if self.footnote_depth == 0 && matches!(tag, Tag::FootnoteDefinition(_)) {
                        self.footnote_depth = 1;
                    } else if self.footnote_depth > 0 {
                        self.footnote_depth += 1;
                    }
                    depth += 1;
                    let event = self.inline(Event::Start(tag), range);
                    self.emit(event);
                }
                Event::End(tag) => {
                    depth = depth.saturating_sub(1);
                    self.estimate_end(&tag);
                    if matches!(
                        tag,
                        TagEnd::Paragraph
                            | TagEnd::Item
                            | TagEnd::TableCell
                            | TagEnd::BlockQuote(_)
                            | TagEnd::CodeBlock
                    ) {
                        self.search_text(" ");
                    }
                    self.emit(Event::End(tag));
                    if self.footnote_depth > 0 {
                        self.footnote_depth -= 1;
                    }
                }
                // Marp renders every line break inside a paragraph as `<br>` (marp-core
                // sets markdown-it's `breaks`): an author/date block is one line each.
                Event::SoftBreak | Event::HardBreak
                    if matches!(event, Event::HardBreak) || matches!(self.opts.idiom, DeckIdiom::Marp) =>
                {
                    self.search_text(" ");
                    if !self.in_notes {
                        // The line ends here: the next text starts a new one.
                        let line = self.opts.canvas.content_width();
                        self.block_width = (self.block_width / line).ceil().max(1.0) * line;
                    }
                    self.emit(Event::HardBreak);
                }
                Event::SoftBreak => {
                    // The next text may sit behind an opening tag (`**重点**`).
                    let after = events[i..].iter().take(4).find_map(|(e, _)| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    });
                    if !cjk::joins_without_space(self.last_char, after.and_then(|t| t.chars().next())) {
                        self.search_text(" ");
                        self.emit(Event::SoftBreak);
                    }
                }
                other => {
                    let event = self.inline(other, range);
                    self.emit(event);
                }
            }
        }
        let end = self.file.text.len();
        // Separators after the last block still end a slide each (reveal keeps empty ones).
        while self.breaks.pop_front().is_some() {
            self.finish_slide(end);
        }
        self.finish_slide(end);
        self.place_blank_html();
        let content_width = self.opts.canvas.content_width();
        std::mem::take(&mut self.footnotes).finish(&mut self.doc, content_width);
        self.doc
    }
}
