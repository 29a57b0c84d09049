//! Looking ahead in a document's events: the small questions the Markdown pass asks
//! before it decides what an event means.

use std::ops::Range;

use pulldown_cmark::{Event, TagEnd};

/// Whether a top-level `---` splits the document (then headings do not).
pub fn has_top_level_rule(events: &[(Event, Range<usize>)]) -> bool {
    let mut depth = 0usize;
    events.iter().any(|(e, _)| {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Rule => return depth == 0,
            _ => {}
        }
        false
    })
}

/// Marp's rule: lists written with `*` bullets or `1)` numbers reveal item by item.
/// `source` starts at the list's first marker.
pub fn reveals_stepwise(source: &str) -> bool {
    let s = source.trim_start();
    if s.starts_with('*') {
        return true;
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && s[digits..].starts_with(')')
}

/// `![bg](…)`: the image is the slide's background, not part of its content.
pub fn is_background(rest: &[(Event, Range<usize>)]) -> bool {
    matches!(rest.first(), Some((Event::Text(alt), _)) if alt.split_whitespace().next() == Some("bg"))
}

/// Index of the `End` matching the `Start` just before `from`.
pub fn find_end(events: &[(Event, Range<usize>)], from: usize) -> usize {
    let mut depth = 1usize;
    for (j, (e, _)) in events.iter().enumerate().skip(from) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len()
}

/// `Note:` / `Notes:` (ASCII or full-width colon) at the start of a paragraph.
pub fn strip_notes_prefix(text: &str) -> Option<String> {
    ["Notes:", "Note:", "Notes：", "Note："]
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .map(|rest| rest.trim_start().to_string())
}

/// A paragraph that is exactly `???` (remark.js style notes marker).
pub fn is_remark_notes_marker(rest: &[(Event, Range<usize>)]) -> bool {
    matches!(rest, [(Event::Text(t), _), (Event::End(TagEnd::Paragraph), _), ..] if t.trim() == "???")
}

/// Whether the paragraph whose events follow its `Start` (`rest`) begins the speaker notes:
/// `???` alone or on its own first line, or `Note:`/`Notes:` at its start.
pub fn starts_notes(rest: &[(Event, Range<usize>)]) -> bool {
    is_remark_notes_marker(rest)
        || matches!(rest, [(Event::Text(t), _), (Event::SoftBreak, _), ..] if t.trim() == "???")
        || matches!(rest.first(), Some((Event::Text(t), _)) if strip_notes_prefix(t).is_some())
}
