//! Callouts: GitHub alerts (`> [!TIP]`) and `:::` containers (see `containers`), written as
//! a `role="note"` box whose label is visible text (the site's language, or the title the
//! author gave), so the kind is never told by colour alone; `details` is a `<details>`.

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event};
use pulldown_cmark_escape::escape_html;

use super::Pass;
use crate::diag::Diagnostic;
use crate::markdown::containers::{fence, CalloutKind, Fence};
use crate::render::i18n::strings;

impl<'a> Pass<'a, '_> {
    /// The opening or closing tag of a GitHub alert.
    pub(super) fn alert(&mut self, kind: BlockQuoteKind, start: bool) {
        let kind = CalloutKind::of_alert(kind);
        let html = match start {
            true => self.callout_open(kind, ""),
            false => callout_close(kind).to_string(),
        };
        self.emit(Event::Html(CowStr::Boxed(html.into())));
    }

    /// Whether the heading at `range` is a `:::` fence line (which pulldown-cmark was handed
    /// as a heading); if so, the container is opened or closed here. A bare fence closes
    /// the outermost open container it is long enough for, and every one inside it (see
    /// `containers`). An unknown kind is a warning and its content is kept as it is.
    pub(super) fn container_fence(&mut self, range: &Range<usize>) -> bool {
        let at = self.base + range.start;
        let text = &self.file.text;
        match fence(&text[at..]) {
            Some(Fence::Open { kind, title, colons }) => {
                let known = CalloutKind::named(kind);
                self.containers.push(OpenContainer {
                    kind: known,
                    colons,
                    in_notes: self.in_notes,
                });
                match known {
                    Some(kind) => {
                        let html = self.callout_open(kind, title);
                        self.emit(Event::Html(CowStr::Boxed(html.into())));
                    }
                    None => {
                        let name_at = at + text[at..].find(kind).unwrap_or(0);
                        self.doc.diagnostics.push(
                            Diagnostic::warning(format!("unknown container kind `{kind}`; its content is shown as is"))
                                .at(self.file, name_at..name_at + kind.len())
                                .label("not a callout kind")
                                .help(format!("use one of: {}", CalloutKind::NAMES.join(", "))),
                        );
                    }
                }
                true
            }
            Some(Fence::Close { colons }) => {
                if let Some(k) = self.containers.iter().position(|c| c.colons <= colons) {
                    self.close_containers(k);
                }
                true
            }
            None => false,
        }
    }

    /// Close the open containers from the `k`-th on, innermost first, each where it was
    /// opened (the slide or its notes). A slide's end closes all of them (`k` = 0).
    pub(super) fn close_containers(&mut self, k: usize) {
        while self.containers.len() > k {
            let c = self.containers.pop().expect("an open container");
            let Some(kind) = c.kind else { continue };
            let close = Event::Html(callout_close(kind).into());
            match (c.in_notes, self.in_notes) {
                (a, b) if a == b => self.emit(close),
                (true, _) => self.notes.push(close),
                (false, _) => self.slide.push(close),
            }
        }
    }

    /// The box's opening HTML, labelled `title` or else the kind's name in the site's language.
    pub(super) fn callout_open(&mut self, kind: CalloutKind, title: &str) -> String {
        let label = match title {
            "" => strings(self.opts.language).callout(kind),
            given => given,
        };
        self.search_text(label);
        self.search_text(" ");
        self.doc.uses_callouts = true;
        callout_open_html(kind, label, kind == CalloutKind::Details)
    }
}

/// A box's opening HTML labelled `label`; `collapsible` makes it a `<details>` (MkDocs'
/// `??? tip` keeps its kind's colour).
pub(super) fn callout_open_html(kind: CalloutKind, label: &str, collapsible: bool) -> String {
    let mut escaped = String::new();
    let _ = escape_html(&mut escaped, label);
    let name = kind.name();
    match collapsible {
        true => format!("<details class=\"callout callout-{name}\"><summary>{escaped}</summary>\n"),
        false => {
            format!("<div class=\"callout callout-{name}\" role=\"note\"><p class=\"callout-title\">{escaped}</p>\n")
        }
    }
}

/// A `:::` container the pass has opened.
pub(super) struct OpenContainer {
    /// `None` for an unknown kind (shown without a box).
    kind: Option<CalloutKind>,
    colons: usize,
    /// Whether it was opened in the speaker notes.
    in_notes: bool,
}

fn callout_close(kind: CalloutKind) -> &'static str {
    match kind {
        CalloutKind::Details => "</details>\n",
        _ => "</div>\n",
    }
}
