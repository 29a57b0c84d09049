//! The single walk over a document's Markdown events.

mod docsify;
mod footnotes;
mod slides;
mod tasks;

pub use footnotes::scope_footnote_ids;

use tasks::label_task_items;

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::directives::{parse_comments, SlideStyle};
use super::headings::IdAllocator;
use super::scan::{
    find_end, has_top_level_rule, is_background, is_remark_notes_marker, reveals_stepwise, strip_notes_prefix,
};
use super::{
    cjk, highlight, layout, map_destination, text_of, DocOptions, Heading, LinkKind, LinkResolver, RenderedDoc,
    TextSection,
};
use crate::diag::{Diagnostic, SourceFile};
use crate::urls::slugify;

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
        }
    }
}

impl<'a> Pass<'a, '_> {
    /// Walk the events once, filling and returning the document.
    pub fn run(mut self, mut events: Vec<(Event<'a>, Range<usize>)>) -> RenderedDoc {
        // Headings split slides only in lessons written without `---`.
        let split_level = self.opts.slide_level.filter(|_| !has_top_level_rule(&events));
        if !self.opts.unsafe_html {
            super::raw_html::clean_events(&mut events, split_level);
        }
        label_task_items(&mut events);
        let mut depth = 0usize;
        let mut i = 0;
        while i < events.len() {
            let range = events[i].1.clone();
            let event = std::mem::replace(&mut events[i].0, Event::SoftBreak);
            i += 1;
            match event {
                Event::Rule if depth == 0 => {
                    let next = events.get(i).map_or(self.file.text.len(), |(_, r)| self.base + r.start);
                    self.finish_slide(next);
                }
                Event::Start(Tag::HtmlBlock) if depth == 0 => {
                    let end = find_end(&events, i);
                    let html: String = events[i..end]
                        .iter()
                        .filter_map(|(e, _)| match e {
                            Event::Html(h) => Some(h.as_ref()),
                            _ => None,
                        })
                        .collect();
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
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let splits = split_level.is_some_and(|l| level as u8 <= l);
                    if depth == 0 && splits && !self.slide_is_empty() {
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
                    // MERGE(math): GitHub's ```math block is display math. It is handed on
                    // as the event `$$…$$` gives, at the block's end, so it takes the same
                    // path to MathML (and its warnings) as any display formula.
                    if highlight::language(info) == "math" && end < events.len() {
                        i = end;
                        events[end].0 = Event::DisplayMath(CowStr::Boxed(code.into()));
                        continue;
                    }
                    let code = highlight::visible_code(info, &code);
                    self.search_text(&code);
                    if !self.in_notes {
                        self.height += layout::code_height(&code);
                    }
                    self.emit(Event::Html(CowStr::Boxed(
                        highlight::code_block(info, &code).as_ref().into(),
                    )));
                }
                Event::Start(Tag::List(start)) => {
                    depth += 1;
                    let fragments = reveals_stepwise(&self.file.text[self.base + range.start..]);
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
                    self.local_style.background_image = Some(url.to_string());
                    self.local_style.background_size = Some(
                        if alt.contains("contain") || alt.contains("fit") {
                            "contain"
                        } else {
                            "cover"
                        }
                        .to_string(),
                    );
                    let _ = (link_type, title, id);
                }
                Event::Start(tag) => {
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
        self.finish_slide(end);
        let content_width = self.opts.canvas.content_width();
        std::mem::take(&mut self.footnotes).finish(&mut self.doc, content_width);
        self.doc
    }

    /// Resolve links and images, number footnote references, and collect text for search.
    fn inline(&mut self, event: Event<'a>, range: Range<usize>) -> Event<'a> {
        if let Event::FootnoteReference(label) = &event {
            return Event::InlineHtml(CowStr::Boxed(self.cite(label).into()));
        }
        if let Event::Text(t) | Event::Code(t) = &event {
            let t = t.clone();
            self.last_char = t.chars().next_back();
            self.search_text(&t);
            if !self.in_notes {
                self.block_width += layout::text_width(&t);
            }
            return event;
        }
        map_destination(event, |dest, kind| self.resolve(dest, range, kind))
    }

    fn resolve(&mut self, dest: CowStr<'a>, range: Range<usize>, kind: LinkKind) -> CowStr<'a> {
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

    fn heading(
        &mut self,
        level: u8,
        explicit_id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        inner: Vec<(Event<'a>, Range<usize>)>,
        range: Range<usize>,
    ) {
        let text = text_of(&inner);
        let id = match explicit_id {
            Some(id) => {
                // Ids stay unique on the page: a taken one gets a suffix, and the author is told.
                let given = self.ids.unique(id.to_string());
                if given != id.as_ref() {
                    let why = match super::headings::is_page_id(&id) {
                        true => "is used by the page itself",
                        false => "is used twice on this page",
                    };
                    let span = self.base + range.start..self.base + range.end;
                    self.doc.diagnostics.push(
                        Diagnostic::warning(format!("heading id `{id}` {why}; this heading gets `{given}`"))
                            .at(self.file, span)
                            .help("choose another {#id}"),
                    );
                }
                given
            }
            None => self.ids.unique(slugify(&text)),
        };
        if !self.in_notes {
            if self.slide_title.is_none() {
                self.slide_title = Some(text.clone());
            }
            self.doc.headings.push(Heading {
                level,
                id: id.clone(),
                text: text.clone(),
                slide: self.doc.slides.len(),
            });
            self.doc.sections.push(TextSection {
                heading: Some(self.doc.headings.len() - 1),
                text: String::new(),
            });
        }
        let heading_level =
            pulldown_cmark::HeadingLevel::try_from(level as usize).unwrap_or(pulldown_cmark::HeadingLevel::H6);
        self.emit(Event::Start(Tag::Heading {
            level: heading_level,
            id: Some(CowStr::Boxed(id.into())),
            classes,
            attrs,
        }));
        for (event, range) in inner {
            let event = self.inline(event, range);
            self.emit(event);
        }
        if !self.in_notes {
            self.height += layout::block_height(&TagEnd::Heading(heading_level), 0.0, self.opts.canvas.content_width());
        }
        self.search_text(" ");
        self.block_width = 0.0;
        self.emit(Event::End(TagEnd::Heading(heading_level)));
    }

    fn search_text(&mut self, text: &str) {
        if self.in_notes {
            return;
        }
        if let Some(section) = self.doc.sections.last_mut() {
            section.text.push_str(text);
        }
    }

    fn emit(&mut self, event: Event<'a>) {
        if self.footnote_depth > 0 {
            self.footnotes.push(event);
        } else if self.in_notes {
            self.notes.push(event);
        } else {
            self.slide.push(event);
        }
    }
}
