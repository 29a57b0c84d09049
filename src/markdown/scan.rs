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

/// `Note:` / `Notes:` at the start of a paragraph, in any case (`notes:`, `NOTE:`), as
/// reveal.js's notes separator `^\s*notes?:` (flags `i`) reads it; or with a full-width colon.
pub fn strip_notes_prefix(text: &str) -> Option<String> {
    let word = text
        .get(..5)
        .filter(|w| w.eq_ignore_ascii_case("notes"))
        .map_or(4, |_| 5);
    let marker = text.get(..word).filter(|w| w[..4].eq_ignore_ascii_case("note"))?;
    [":", "："]
        .iter()
        .find_map(|colon| text[marker.len()..].strip_prefix(colon))
        .map(|rest| rest.trim_start().to_string())
}

/// A paragraph that is exactly `???` (remark.js style notes marker).
pub fn is_remark_notes_marker(rest: &[(Event, Range<usize>)]) -> bool {
    matches!(rest, [(Event::Text(t), _), (Event::End(TagEnd::Paragraph), _), ..] if t.trim() == "???")
}
