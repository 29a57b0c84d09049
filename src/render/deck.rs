//! Slide decks: one self-contained HTML file per lesson (CSS, script, images inside), from
//! the same rendered slides as the lesson page.

use serde::Serialize;

use super::{OutputPage, Renderer};
use crate::diag::Diagnostic;
use crate::markdown::{css_url, scope_footnote_ids, SlideStyle};
use crate::urls;

#[derive(Serialize)]
struct DeckSlide {
    html: String,
    notes_html: String,
    /// The footnotes the slide cites, in small print at its bottom.
    footnotes_html: String,
    class: Option<String>,
    style: Option<String>,
    paginate: Option<bool>,
    number: usize,
    /// The title repeated on a slide that continues the one before.
    continued: Option<String>,
}

/// The deck's stylesheet and script, inlined into every deck.
pub struct DeckAssets {
    pub css: String,
    pub js: String,
    /// The light highlighting theme; each deck keeps only the rules its code uses.
    pub highlight_css: String,
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
            css: &'a str,
            highlight_css: String,
            js: &'a str,
            t: &'static super::i18n::Strings,
        }
        let p = self.data.programme;
        let lesson = &p.lessons[index];
        let doc = &self.input.docs[index];
        let page = urls::lesson_page(&lesson.id);
        let deck = urls::deck_page(&lesson.id);
        let canvas = self.input.lesson_options[index].canvas;
        let marp_global = SlideStyle {
            class: lesson.front.class.clone(),
            background_color: lesson.front.background_color.clone(),
            color: lesson.front.color.clone(),
            background_image: lesson.front.background_image.as_deref().map(css_url),
            background_size: None,
            // Marp numbers slides only when asked; Lectern's own decks always do.
            paginate: lesson.front.paginate.or(lesson.front.marp.then_some(false)),
        };
        let inliner = &self.inliner;
        let notes = self.deck_notes;
        let all_html: String = doc.slides.iter().map(|s| s.html.as_str()).collect();
        let highlight_css = crate::markdown::highlight::used_rules(&self.theme.deck.highlight_css, &all_html);
        let mut slides = Vec::with_capacity(doc.deck_slide_count());
        for (i, s) in doc.slides.iter().enumerate() {
            let style = s.style.over(&marp_global);
            let class = style.class.as_deref().map(|c| c.replace(['"', '<', '>'], ""));
            let css = css_style(&style, |url| inliner.rewrite(url, &page, &deck, true));
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
                let html = |html: &str| scope_footnote_ids(&inliner.rebase(html, &page, &deck), &format!("s{number}-"));
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
                    paginate: style.paginate,
                    number,
                    continued: continued.cloned(),
                });
            }
        }
        let module = &p.modules[lesson.module].title;
        self.page_from_template(
            "deck.html",
            &deck,
            &Deck {
                id: lesson.id.as_str(),
                title: &lesson.title,
                site_title: &p.config.title,
                lang: p.config.language.code(),
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
                css: &self.theme.deck.css,
                highlight_css,
                js: &self.theme.deck.js,
                t: self.data.strings,
            },
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
    if let Some(url) = &style.background_image {
        css.push_str(&format!(
            "background-image:url('{}');",
            embed(url).replace(['\'', '(', ')'], "")
        ));
        css.push_str(&format!(
            "background-size:{};",
            clean(style.background_size.as_deref().unwrap_or("cover"))
        ));
    }
    (!css.is_empty()).then_some(css)
}
