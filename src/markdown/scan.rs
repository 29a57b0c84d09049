//! Looking ahead in a document's events: the small questions the Markdown pass asks
//! before it decides what an event means.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::containers::is_fence;
use super::RevealSeparators;

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

/// For a lesson without `---`: the first heading level at which splitting gives two
/// slides or more (a heading splits only after content), if any. Content before the
/// first heading is not counted.
pub fn auto_slide_level(events: &[(Event, Range<usize>)]) -> Option<u8> {
    let mut top_level = Vec::new();
    let mut depth = 0usize;
    for (i, (e, _)) in events.iter().enumerate() {
        // A paragraph of `![bg]` images is the slide's background, not content.
        let background = matches!(events.get(i + 1), Some((Event::Start(Tag::Image { .. }), _)))
            && is_background(&events[(i + 2).min(events.len())..]);
        match e {
            // A `:::` fence line is not a heading, and not content either.
            Event::Start(Tag::Heading { classes, .. }) if depth == 0 && is_fence(classes) => {}
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => top_level.push(Some(*level as u8)),
            Event::Start(Tag::HtmlBlock) if depth == 0 => {}
            Event::Start(Tag::Paragraph) if depth == 0 && background => {}
            Event::Start(_) if depth == 0 => top_level.push(None),
            _ => {}
        }
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    // What comes before the first heading (a `> 原文地址` line, a row of badges) goes
    // with it (see `Pass`): it is no slide of its own in this count.
    let first_heading = top_level.iter().position(Option::is_some).unwrap_or(top_level.len());
    let top_level = &top_level[first_heading..];
    (1..=6).find(|&level| {
        let mut slides = 0;
        let mut content = false;
        for block in top_level {
            if block.is_some_and(|l| l <= level) && content {
                slides += 1;
            }
            content = true;
        }
        slides + usize::from(content) >= 2
    })
}

/// Where reveal-md's separators match in `text` (whose Markdown body starts at
/// `body_start`), as byte ranges in `text`. reveal-md matches them against the body with
/// the newline that ends the front matter, so a separator can open the body.
pub fn reveal_breaks(text: &str, body_start: usize, separators: &RevealSeparators) -> Vec<Range<usize>> {
    let from = if text[..body_start].ends_with('\n') {
        body_start - 1
    } else {
        body_start
    };
    let body = &text[from..];
    let mut breaks: Vec<Range<usize>> = separators
        .vertical
        .iter()
        .chain(std::iter::once(&separators.horizontal))
        .flat_map(|re| re.find_iter(body).filter(|m| !m.is_empty()))
        .map(|m| {
            // The separator's own text, without the empty lines around it that blocks
            // before and after it may count as theirs.
            let text = m.as_str().trim_matches(['\r', '\n']);
            let lead = m.as_str().find(text).filter(|_| !text.is_empty()).unwrap_or(0);
            let len = if text.is_empty() { m.len() } else { text.len() };
            from + m.start() + lead..from + m.start() + lead + len
        })
        .collect();
    // A `---` line right above a `<!-- .slide: … -->` comment (no empty line between) is
    // a break too where `---` lines break: it is how many decks start a styled slide,
    // and read as a rule it would hide the slides after it in the notes.
    if separators.horizontal.is_match("\n---\n\n") {
        breaks.extend(rules_above_slide_attributes(body).map(|r| from + r.start..from + r.end));
    }
    breaks.sort_by_key(|r| r.start);
    // One regular expression in reveal.js (`separator|verticalSeparator`): no overlaps.
    breaks.dedup_by(|later, earlier| later.start < earlier.end);
    breaks
}

/// Each `---` line of `body` that follows an empty line (or opens it) and is followed
/// directly by a `<!-- .slide:` comment, as the byte range of its `---`.
fn rules_above_slide_attributes(body: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    let mut after_empty = true;
    let mut lines = body.split_inclusive('\n').peekable();
    std::iter::from_fn(move || {
        while let Some(line) = lines.next() {
            let start = at;
            at += line.len();
            let text = line.trim_end_matches(['\n', '\r']);
            let rule = text == "---" && after_empty;
            after_empty = text.trim().is_empty();
            let next = lines.peek().map_or("", |l| l.trim_start());
            if rule && next.starts_with("<!--") && next[4..].trim_start().starts_with(".slide:") {
                return Some(start..start + 3);
            }
        }
        None
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

/// Whether the images of the paragraph whose events follow its `Start` (`rest`) sit in a
/// line of text or of other images (a row of badges, a formula drawn as an image): then
/// each is as tall as a line, not a block of its own.
pub fn images_are_inline(rest: &[(Event, Range<usize>)]) -> bool {
    let (mut images, mut text, mut in_image) = (0, false, 0usize);
    for (e, _) in rest {
        match e {
            Event::End(TagEnd::Paragraph) => break,
            Event::Start(Tag::Image { .. }) => {
                images += usize::from(in_image == 0);
                in_image += 1;
            }
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::InlineHtml(t)
                if in_image == 0 && !t.trim().is_empty() =>
            {
                text = true
            }
            _ => {}
        }
    }
    images > 1 || (images == 1 && text)
}

/// `![bg](…)`: the image is the slide's background, not part of its content.
pub fn is_background(rest: &[(Event, Range<usize>)]) -> bool {
    matches!(rest.first(), Some((Event::Text(alt), _)) if alt.split_whitespace().next() == Some("bg"))
}

/// The raw HTML among `events` (the lines of an HTML block), as one string.
pub fn html_of(events: &[(Event, Range<usize>)]) -> String {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Html(h) => Some(h.as_ref()),
            _ => None,
        })
        .collect()
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

/// Whether the paragraph whose events follow its `Start` (`rest`) begins the speaker notes:
/// `???` alone or on its own first line, or `Note:`/`Notes:` at its start.
pub fn starts_notes(rest: &[(Event, Range<usize>)]) -> bool {
    is_remark_notes_marker(rest)
        || matches!(rest, [(Event::Text(t), _), (Event::SoftBreak, _), ..] if t.trim() == "???")
        || matches!(rest.first(), Some((Event::Text(t), _)) if strip_notes_prefix(t).is_some())
}

/// The last `headingDivider` a top-level comment of the document sets (Marp's comment form
/// of the global directive).
pub fn comment_heading_divider(events: &[(Event, Range<usize>)]) -> Option<u8> {
    let mut found = None;
    let mut depth = 0usize;
    for (i, (e, _)) in events.iter().enumerate() {
        if let (Event::Start(Tag::HtmlBlock), 0) = (e, depth) {
            let html = html_of(&events[i + 1..find_end(events, i + 1)]);
            found = super::directives::heading_divider(&html).or(found);
        }
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    found
}
