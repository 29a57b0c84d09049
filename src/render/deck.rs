//! Slide decks: one self-contained HTML file per lesson (CSS, script, images inside), from
//! the same rendered slides as the lesson page.

use serde::Serialize;

use super::deck_css::{DeckCss, DeckFeature};
use super::{OutputPage, Renderer};
use crate::diag::Diagnostic;
use crate::markdown::{map_css_urls, safe_css, scope_footnote_ids, SlideStyle};
use crate::urls;

#[derive(Serialize)]
struct DeckSlide {
    html: String,
    notes_html: String,
    /// The footnotes the slide cites, in small print at its bottom.
    footnotes_html: String,
    class: Option<String>,
    style: Option<String>,
    /// The `![bg]` images' layer (see [`backgrounds_html`]), or empty.
    backgrounds: String,
    paginate: Option<bool>,
    /// Marp's `header` and `footer`, as HTML.
    header: Option<String>,
    footer: Option<String>,
    number: usize,
    /// The title repeated on a slide that continues the one before.
    continued: Option<String>,
    /// The ids reveal.js's hash routes name the slide by (`/2/1`).
    routes: Vec<String>,
}

/// The deck's stylesheet and script, inlined into every deck.
pub struct DeckAssets {
    /// Compacted, in pieces: each deck takes the blocks for the features it uses.
    pub css: DeckCss,
    pub js: String,
    /// The light highlighting theme (the handbook prints it whole).
    pub highlight_css: String,
    /// The same, read into rules: each deck keeps only those its code uses.
    pub highlight_rules: crate::markdown::highlight_css::HighlightRules,
}

impl Renderer<'_> {
    /// The deck of lesson `index`, with the speaker notes when `deck_notes` says so.
    pub fn deck(&self, index: usize) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct Deck<'a> {
            id: &'a str,
            title: &'a str,
            site_title: &'a str,
            lang: &'a str,
            module: &'a str,
            summary: Option<&'a str>,
            duration: Option<u32>,
            width: u32,
            height: u32,
            /// The canvas and its margins as CSS custom properties, for the `<style>`.
            canvas_css: String,
            title_slide: bool,
            count: usize,
            /// Whether the deck carries the speaker notes.
            notes: bool,
            slides: Vec<DeckSlide>,
            /// The built-in deck CSS, in a cascade layer when the deck brings its own.
            css: String,
            /// Marp's `style`: the deck's own CSS, scoped to its slides.
            deck_style: Option<String>,
            description: Option<&'a str>,
            author: Option<&'a str>,
            highlight_css: String,
            js: &'a str,
        }
        let p = self.data.programme;
        let lesson = &p.lessons[index];
        let doc = &self.input.docs[index];
        let page = urls::lesson_page(&lesson.id);
        let deck = urls::deck_page(&lesson.id);
        let canvas = self.input.lesson_options[index].canvas;
        let inliner = &self.inliner;
        let notes = self.deck_notes;
        let highlight_css = match doc.uses_highlighting {
            true => self
                .theme
                .deck
                .highlight_rules
                .used_by(doc.slides.iter().map(|s| s.html.as_str())),
            false => String::new(),
        };
        let mut slides = Vec::with_capacity(doc.deck_slide_count());
        for (i, s) in doc.slides.iter().enumerate() {
            let style = &s.style;
            let split = style.background_split.as_deref().and_then(|s| s.split_once(':'));
            let mut class = style.class.as_deref().map(|c| c.replace(['"', '<', '>'], ""));
            if let Some((side, _)) = split {
                let split = format!("split-{side}");
                class = Some(class.map_or(split.clone(), |c| format!("{c} {split}")));
            }
            let css = css_style(style, |url| inliner.rewrite(url, &page, &deck, true));
            let backgrounds = backgrounds_html(style, |url| inliner.rewrite(url, &page, &deck, true));
            // A slide too tall for the canvas continues on further deck slides (its parts):
            // the notes go with the first, the footnotes with the last.
            let whole = [(s.html.as_str(), None)];
            let parts: Vec<(&str, Option<&String>)> = match s.deck_parts.is_empty() {
                true => whole.to_vec(),
                false => s
                    .deck_parts
                    .iter()
                    .map(|p| (p.html.as_str(), p.continued.as_ref()))
                    .collect(),
            };
            let last = parts.len() - 1;
            for (k, (part_html, continued)) in parts.into_iter().enumerate() {
                let number = doc.deck_number(i) + k;
                // Footnote ids repeat on every slide that cites the footnote: one per slide.
                let html = |html: &str| scope_footnote_ids(inliner.rebase(html, &page, &deck), &format!("s{number}-"));
                slides.push(DeckSlide {
                    html: html(part_html),
                    notes_html: match notes && k == 0 {
                        true => html(&(s.notes_html.clone() + &s.notes_footnotes_html)),
                        false => String::new(),
                    },
                    footnotes_html: if k == last {
                        html(&s.footnotes_html)
                    } else {
                        String::new()
                    },
                    class: class.clone(),
                    style: css.clone(),
                    backgrounds: backgrounds.clone(),
                    paginate: style.paginate,
                    header: style.header.as_deref().map(marginal_html),
                    footer: style.footer.as_deref().map(marginal_html),
                    number,
                    continued: continued.cloned(),
                    routes: if k == 0 { s.route.ids() } else { Vec::new() },
                });
            }
        }
        let module = &p.modules[lesson.module].title;
        let css = lesson
            .front
            .style
            .iter()
            .map(String::as_str)
            .chain([doc.deck_css.as_str()]);
        let css: String = css.collect::<Vec<_>>().join("\n");
        let deck_style = (!css.trim().is_empty()).then(|| scoped_deck_css(&css));
        let theme_css = self.theme.deck.css.for_deck(|feature| match feature {
            DeckFeature::Backgrounds => slides
                .iter()
                .any(|s| !s.backgrounds.is_empty() || s.class.as_deref().is_some_and(|c| c.contains("split-"))),
            DeckFeature::Math => doc.uses_math,
            DeckFeature::Callouts => doc.uses_callouts,
            DeckFeature::Quizzes => !doc.quizzes.is_empty(),
            DeckFeature::Footnotes => slides.iter().any(|s| !s.footnotes_html.is_empty()),
            DeckFeature::HeaderFooter => slides.iter().any(|s| s.header.is_some() || s.footer.is_some()),
        });
        self.page_from_template_with(
            "deck.html",
            &deck,
            &Deck {
                id: lesson.id.as_str(),
                title: &lesson.title,
                site_title: &p.config.title,
                lang: lesson.front.lang.as_deref().unwrap_or(p.config.language.code()),
                module,
                summary: lesson.front.summary.as_deref(),
                duration: lesson.front.duration,
                width: canvas.width,
                height: canvas.height,
                canvas_css: canvas.css_properties(),
                title_slide: doc.deck_title_slide(),
                count: doc.deck_slide_count(),
                notes,
                slides,
                css: match &deck_style {
                    // Unlayered rules win over layered ones: the deck's own CSS comes
                    // first, as in Marp, whatever the specificity of the theme's.
                    Some(_) => format!("@layer lectern {{\n{theme_css}}}\n"),
                    None => theme_css,
                },
                deck_style,
                description: lesson.front.description.as_deref(),
                author: lesson.front.author.as_deref(),
                highlight_css,
                js: &self.theme.deck.js,
            },
            true,
        )
    }
}

/// The inline style of a slide. Values are the author's: characters that could end the
/// declaration are dropped.
fn css_style(style: &SlideStyle, embed: impl Fn(&str) -> String) -> Option<String> {
    let clean = |v: &str| v.replace([';', '{', '}', '"', '<', '>', '\\'], "");
    let mut css = String::new();
    if let Some(c) = &style.background_color {
        css.push_str(&format!("background-color:{};", clean(c)));
    }
    if let Some(c) = &style.color {
        css.push_str(&format!("color:{};--fg:{};", clean(c), clean(c)));
    }
    if let Some(image) = &style.background_image {
        // The value is CSS; only its `url(…)` targets are files, embedded in the deck. The
        // style attribute is double-quoted, so the URLs are written with `'`.
        let image = map_css_urls(image, |url| embed(url), clean).replace('"', "'");
        let size = clean(style.background_size.as_deref().unwrap_or("cover"));
        css.push_str(&format!("background-image:{image};background-size:{size};"));
    }
    // deck.css keeps the content beside a split background (`.split-left .slide-content`).
    if let Some((_, width)) = style.background_split.as_deref().and_then(|s| s.split_once(':')) {
        css.push_str(&format!("--split-width:{};", clean(width)));
    }
    if let Some(p) = &style.background_position {
        css.push_str(&format!("background-position:{};", clean(p)));
    }
    if let Some(r) = &style.background_repeat {
        css.push_str(&format!("background-repeat:{};", clean(r)));
    }
    (!css.is_empty()).then_some(css)
}

/// The slide's `![bg]` images as Marp draws them: a layer under the content, one box per
/// image side by side (or stacked), over the whole slide or its split side. Empty when
/// the slide has none.
fn backgrounds_html(style: &SlideStyle, embed: impl Fn(&str) -> String) -> String {
    if style.backgrounds.is_empty() {
        return String::new();
    }
    let clean = |v: &str| v.replace([';', '{', '}', '"', '<', '>', '\\'], "");
    let vertical = if style.backgrounds_vertical { " vertical" } else { "" };
    let mut html = format!("<div class=\"deck-bg{vertical}\" aria-hidden=\"true\">");
    for bg in &style.backgrounds {
        let image = map_css_urls(&bg.url, |url| embed(url), clean).replace('"', "'");
        html.push_str(&format!(
            "<figure style=\"background-image:{image};background-size:{};",
            clean(&bg.size)
        ));
        if !bg.filter.is_empty() {
            html.push_str(&format!("filter:{};", clean(&bg.filter)));
        }
        html.push_str("\"></figure>");
    }
    html.push_str("</div>");
    html
}

/// Marp's header or footer: one line of inline Markdown. Raw HTML in it is shown as text,
/// and images and links keep only their text (no URL from here is checked or embedded);
/// an image's Marp keywords (`![h:30](logo.png)`) are not shown as text.
fn marginal_html(markdown: &str) -> String {
    use pulldown_cmark::{html, CowStr, Event, Parser, Tag, TagEnd};
    let mut alt: Option<String> = None;
    let events = Parser::new(markdown).filter_map(|e| match e {
        Event::Start(Tag::Image { .. }) => {
            alt = Some(String::new());
            None
        }
        Event::End(TagEnd::Image) => {
            let text = crate::markdown::image_size::from_alt(&alt.take().unwrap_or_default()).0;
            (!text.is_empty()).then(|| Event::Text(CowStr::from(text)))
        }
        Event::Text(t) | Event::Code(t) if alt.is_some() => {
            alt.as_mut().expect("inside an image").push_str(&t);
            None
        }
        _ if alt.is_some() => None,
        Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
        Event::Start(Tag::Paragraph | Tag::Link { .. }) | Event::End(TagEnd::Paragraph | TagEnd::Link) => None,
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out.trim().to_string()
}

/// Marp's `style` for this deck (the front matter's, then the body's `<style>`
/// elements): its `section` is a slide, and its rules reach only the slides (not the
/// deck's controls).
fn scoped_deck_css(css: &str) -> String {
    format!(
        "@scope (.deck-stage, .pv-current, .pv-next) {{\n{}\n}}\n",
        safe_css(css)
    )
}
