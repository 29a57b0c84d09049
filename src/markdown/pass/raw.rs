//! What the pass learns from a document's raw HTML once it is cleaned: the elements
//! removed whole (one warning), and the `id`s and `<a name>`s, which are anchors.

use std::ops::Range;

use pulldown_cmark::Event;

use super::Pass;
use crate::markdown::DeckIdiom;

impl<'a> Pass<'a, '_> {
    /// One warning for the raw HTML elements the sanitizer removed whole, at the first.
    pub(super) fn dropped_html(&mut self, dropped: &[(usize, String)]) {
        let Some((at, first)) = dropped.first() else { return };
        let mut names: Vec<&str> = Vec::new();
        for (_, name) in dropped {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
        let list: Vec<String> = names.iter().map(|n| format!("`<{n}>`")).collect();
        let start = self.base + at;
        let more = match dropped.len() {
            1 => String::new(),
            n => format!(" ({n} elements, the first here)"),
        };
        self.doc.diagnostics.push(
            crate::diag::Diagnostic::warning(format!("raw HTML removed from the page: {}{more}", list.join(", ")))
                .at(self.file, start..start + 1 + first.len())
                .label("removed, with what it holds")
                .help(
                    "pages must work offline and run no script from content, so `<iframe>`, `<script>`, \
                     `<style>`, `<object>`, `<embed>`, `<form>` and `<canvas>` are removed. Link to a web page \
                     instead of embedding it, and use `<img>`/`<video>` with a file for media; if every author \
                     is trusted, `unsafe_html: true` in lectern.yaml keeps raw HTML as written",
                ),
        );
    }

    /// The raw HTML's `id`s and `<a name>`s: anchors of the page, unless the page already
    /// uses the id (then it is taken out of the element). Before any heading takes an id.
    pub(super) fn html_anchors(&mut self, events: &mut [(Event<'a>, Range<usize>)]) {
        self.doc.page_numbers = matches!(self.opts.idiom, DeckIdiom::Marp);
        let found = crate::markdown::html_ids::find(events);
        if found.is_empty() {
            return;
        }
        let keep: Vec<bool> = found.iter().map(|id| self.ids.reserve(id)).collect();
        for (id, _) in found.iter().zip(&keep).filter(|(_, k)| **k) {
            self.doc.html_anchors.push(id.clone());
        }
        if keep.contains(&false) {
            crate::markdown::html_ids::drop_taken(events, &keep);
        }
    }
}
