//! Task-list checkboxes, labelled for screen readers.

use std::ops::Range;

use pulldown_cmark::{Event, TagEnd};

/// Wrap each task-list checkbox (`- [ ] …`) and the text after it in a `<label>`, so the
/// read-only checkbox is named by its item's text for screen readers (pulldown-cmark writes
/// a bare `<input>`). The label holds only phrasing content: it ends at the item's first
/// block boundary (the end of its paragraph, a nested list, the end of the item).
pub(super) fn label_task_items(events: &mut Vec<(Event<'_>, Range<usize>)>) {
    let is_inline = |end: TagEnd| {
        matches!(
            end,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        )
    };
    let mut i = 0;
    while i < events.len() {
        let Event::TaskListMarker(checked) = events[i].0 else {
            i += 1;
            continue;
        };
        let checked = if checked { " checked=\"\"" } else { "" };
        events[i].0 = Event::InlineHtml(format!("<label><input disabled=\"\" type=\"checkbox\"{checked}/>\n").into());
        let end = (i + 1..events.len())
            .find(|&k| match &events[k].0 {
                Event::Start(tag) => !is_inline(tag.to_end()),
                Event::End(tag) => !is_inline(*tag),
                _ => false,
            })
            .unwrap_or(events.len());
        let range = events[i].1.clone();
        events.insert(end, (Event::InlineHtml("</label>".into()), range));
        i = end + 1;
    }
}
