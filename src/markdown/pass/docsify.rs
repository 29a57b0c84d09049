//! docsify's callout paragraphs: `?> 提示` (a tip) and `!> 重要提示` (something important),
//! written as the same labelled `role="note"` box as GitHub alerts (`callout
//! callout-tip`, `callout callout-important`), so a docsify course reads as its authors
//! meant instead of showing `?>` as text.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::Pass;
use crate::markdown::containers::CalloutKind;
use crate::markdown::scan::find_end;

/// The callout kind a paragraph starting at `source` opens: `?>` a tip, `!>` important.
fn kind_at(source: &str) -> Option<CalloutKind> {
    match source.get(..2)? {
        "?>" => Some(CalloutKind::Tip),
        "!>" => Some(CalloutKind::Important),
        _ => None,
    }
}

impl<'a> Pass<'a, '_> {
    /// At the `Start(Paragraph)` just before `events[at]` (its source at `range`): when it
    /// opens with `?>` or `!>`, the box is opened here, the marker taken off its text and
    /// the box's end put after the paragraph's.
    pub(super) fn docsify_callout(
        &mut self,
        events: &mut Vec<(Event<'a>, Range<usize>)>,
        at: usize,
        range: &Range<usize>,
    ) {
        let Some(kind) = kind_at(&self.file.text[self.base + range.start..]) else {
            return;
        };
        let html = self.callout_open(kind, "");
        self.emit(Event::Html(CowStr::Boxed(html.into())));
        // The marker (and the space after it), which pulldown-cmark may have split over
        // two text events (`!` can start an image).
        let mut marker = 2;
        for (event, _) in events[at..].iter_mut() {
            let Event::Text(text) = event else { break };
            let cut = text.len().min(marker);
            marker -= cut;
            *text = CowStr::Boxed(text[cut..].trim_start().into());
            if marker == 0 || !text.is_empty() {
                break;
            }
        }
        let end = find_end(events, at);
        events.insert(
            (end + 1).min(events.len()),
            (Event::Html("</div>\n".into()), range.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::tests::doc;

    #[test]
    fn docsify_tip_and_important_paragraphs_are_callouts() {
        let d = doc("?> 公式较多，建议用电脑浏览。\n\n!>**推流码**（stream key）不要外传\n\n普通段落 ?> 不是提示\n");
        let html = d.body_html();
        assert!(
            html.starts_with(
                "<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">提示</p>\n<p>公式较多，建议用电脑浏览。</p>\n</div>\n"
            ),
            "{html}"
        );
        assert!(
            html.contains(
                "<div class=\"callout callout-important\" role=\"note\"><p class=\"callout-title\">重要</p>\n<p><strong>推流码</strong>（stream key）不要外传</p>\n</div>\n"
            ),
            "{html}"
        );
        assert!(html.ends_with("<p>普通段落 ?&gt; 不是提示</p>\n"), "{html}");
        assert!(!html.contains("?&gt; 公式") && !html.contains("!&gt;"), "{html}");
    }
}
