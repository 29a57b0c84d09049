//! Footnotes, numbered once per document.
//!
//! pulldown-cmark's HTML writer numbers footnotes per call, and each slide is written by a
//! call of its own, so the pass writes references and definitions itself: one number per
//! label, in order of first citation, and ids `fn-N`. The lesson page lists every
//! definition at its end (`RenderedDoc::footnotes_html`); each slide also gets the
//! definitions it cites (`Slide::footnotes_html`, and those cited only in its notes), which
//! the deck shows on that slide, where a reference can reach them.

use pulldown_cmark::{html, Event, Tag, TagEnd};

use super::super::{layout, RenderedDoc};
use super::Pass;

#[derive(Default)]
pub(super) struct Footnotes<'a> {
    /// Labels in the order of their numbers (lowercased: labels match case-insensitively).
    numbers: Vec<String>,
    /// Definitions in the order written.
    definitions: Vec<Definition<'a>>,
    /// Labels cited by the current slide, and by its notes.
    cited: Vec<String>,
    cited_in_notes: Vec<String>,
    /// What each finished slide cited, in the order of `RenderedDoc::slides`.
    slides: Vec<(Vec<String>, Vec<String>)>,
}

struct Definition<'a> {
    label: String,
    events: Vec<Event<'a>>,
    /// Labels cited inside this definition: shown along with it.
    cites: Vec<String>,
    /// Width of its text on the deck canvas, in px at the slide's font size.
    text_width: f32,
}

/// In a deck every slide repeats the definitions it cites, so their ids are made unique per
/// slide by `prefix`, together with the links to them.
/// Most slides cite none: their HTML is returned as it is, without a copy.
pub fn scope_footnote_ids(html: String, prefix: &str) -> String {
    if !html.contains("\"#fn-") && !html.contains("id=\"fn-") {
        return html;
    }
    html.replace("href=\"#fn-", &format!("href=\"#{prefix}fn-"))
        .replace("id=\"fn-", &format!("id=\"{prefix}fn-"))
}

impl<'a> Footnotes<'a> {
    fn number(&mut self, label: &str) -> usize {
        let key = label.to_lowercase();
        match self.numbers.iter().position(|l| *l == key) {
            Some(i) => i + 1,
            None => {
                self.numbers.push(key);
                self.numbers.len()
            }
        }
    }

    /// An event inside a definition (its start and end included).
    pub(super) fn push(&mut self, event: Event<'a>) {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => self.definitions.push(Definition {
                label: label.to_lowercase(),
                events: Vec::new(),
                cites: Vec::new(),
                text_width: 0.0,
            }),
            Event::End(TagEnd::FootnoteDefinition) => {}
            event => {
                if let Some(d) = self.definitions.last_mut() {
                    if let Event::Text(t) | Event::Code(t) = &event {
                        d.text_width += layout::text_width(t);
                    }
                    d.events.push(event);
                }
            }
        }
    }

    /// The current slide is finished: keep what it cited.
    pub(super) fn end_slide(&mut self, kept: bool) {
        let cited = (
            std::mem::take(&mut self.cited),
            std::mem::take(&mut self.cited_in_notes),
        );
        if kept {
            self.slides.push(cited);
        }
    }

    /// Every definition, numbered: the lesson page's list, and each slide's own.
    pub(super) fn finish(mut self, doc: &mut RenderedDoc, content_width: f32) {
        if self.definitions.is_empty() {
            return;
        }
        // Definitions never cited are numbered after the rest, in the order written.
        let labels: Vec<String> = self.definitions.iter().map(|d| d.label.clone()).collect();
        for label in &labels {
            self.number(label);
        }
        // By number; the first definition of a label counts, as in pulldown-cmark.
        let mut rendered: Vec<Option<(String, &Definition)>> = vec![None; self.numbers.len()];
        for d in &self.definitions {
            let n = self.numbers.iter().position(|l| *l == d.label).unwrap_or(0);
            if rendered[n].is_none() {
                let mut html_out = format!(
                    "<div class=\"footnote-definition\" id=\"fn-{}\"><sup class=\"footnote-definition-label\">{}</sup>",
                    n + 1,
                    n + 1
                );
                html::push_html(&mut html_out, d.events.iter().cloned());
                html_out.push_str("</div>\n");
                rendered[n] = Some((html_out, d));
            }
        }
        let number_of = |label: &String| self.numbers.iter().position(|l| l == label);
        // What a list of citations shows: the definitions cited, and those they cite.
        let shown = |cited: &[String], except: &[usize]| -> Vec<usize> {
            let mut found: Vec<usize> = Vec::new();
            let mut queue: Vec<usize> = cited.iter().filter_map(number_of).collect();
            while let Some(n) = queue.pop() {
                if found.contains(&n) || except.contains(&n) {
                    continue;
                }
                if let Some((_, d)) = &rendered[n] {
                    found.push(n);
                    queue.extend(d.cites.iter().filter_map(number_of));
                }
            }
            found.sort_unstable();
            found
        };
        let html_of = |numbers: &[usize]| -> String {
            numbers
                .iter()
                .filter_map(|&n| rendered[n].as_ref().map(|(h, _)| h.as_str()))
                .collect()
        };
        for (slide, (cited, in_notes)) in doc.slides.iter_mut().zip(&self.slides) {
            let on_slide = shown(cited, &[]);
            slide.footnotes_html = html_of(&on_slide);
            slide.notes_footnotes_html = html_of(&shown(in_notes, &on_slide));
            // The small print takes room from the slide's content.
            let width: f32 = on_slide
                .iter()
                .filter_map(|&n| rendered[n].as_ref())
                .map(|(_, d)| layout::footnote_height(d.text_width, content_width))
                .sum();
            slide.estimated_height += width.round() as u32;
        }
        let all: Vec<usize> = (0..rendered.len()).collect();
        doc.footnotes_html = format!("<section class=\"footnotes\">\n{}</section>\n", html_of(&all));
    }
}

impl Pass<'_, '_> {
    /// A footnote reference: numbered for the whole document, and remembered where it is
    /// cited (on the slide, in its notes, or in another footnote).
    pub(super) fn cite(&mut self, label: &str) -> String {
        let n = self.footnotes.number(label);
        let label = label.to_lowercase();
        let list = if self.footnote_depth > 0 {
            match self.footnotes.definitions.last_mut() {
                Some(d) => &mut d.cites,
                None => &mut self.footnotes.cited,
            }
        } else if self.in_notes {
            &mut self.footnotes.cited_in_notes
        } else {
            &mut self.footnotes.cited
        };
        if !list.contains(&label) {
            list.push(label);
        }
        format!("<sup class=\"footnote-reference\"><a href=\"#fn-{n}\">{n}</a></sup>")
    }
}
