//! A heading: its id (unique on the page, the author told when a given one is taken), the
//! slide title, the outline and search sections, and its height on the slide.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::super::{layout, text_of, Heading, TextSection};
use super::Pass;
use crate::diag::Diagnostic;
use crate::urls::slugify;

impl<'a> Pass<'a, '_> {
    pub(super) fn heading(
        &mut self,
        level: u8,
        explicit_id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        mut inner: Vec<(Event<'a>, Range<usize>)>,
        range: Range<usize>,
    ) {
        let explicit_id = explicit_id.or_else(|| docsify_id(&mut inner));
        let inner: Vec<_> = inner
            .into_iter()
            .map(|(e, r)| (crate::markdown::emoji::with_emoji(e), r))
            .collect();
        let text = text_of(&inner);
        let id = match explicit_id {
            Some(id) => {
                // Ids stay unique on the page: a taken one gets a suffix, and the author is told.
                let given = self.ids.unique(id.to_string());
                if given != id.as_ref() {
                    let why = match super::super::headings::is_page_id(&id) {
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
}

/// docsify's custom heading id, `## 标题 :id=custom`: the id, taken off the heading's text.
fn docsify_id<'a>(inner: &mut [(Event<'a>, Range<usize>)]) -> Option<CowStr<'a>> {
    let (Event::Text(last), _) = inner.last_mut()? else {
        return None;
    };
    let at = last.rfind(":id=")?;
    let id = &last[at + 4..];
    let before = &last[..at];
    let ok = !id.is_empty()
        && !id.contains(char::is_whitespace)
        && (before.is_empty() || before.ends_with(char::is_whitespace));
    if !ok {
        return None;
    }
    let id = CowStr::Boxed(id.into());
    *last = CowStr::Boxed(before.trim_end().into());
    Some(id)
}
