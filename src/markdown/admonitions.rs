//! MkDocs admonitions (`!!! note "标题"`, collapsible `??? tip` and `???+ tip`), the
//! callouts of MkDocs Material sites, read as Lectern's callouts. Their body is indented by
//! four spaces, which CommonMark reads as code after a blank line: that code is parsed
//! again as the Markdown it is, its source ranges mapped back to the file, before anything
//! else looks at the events (so its raw HTML is cleaned and its links checked as anywhere).

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

use super::containers::CalloutKind;
use super::scan::find_end;

/// The marker line `!!! kind "title"` at the start of `line`: (kind, title, collapsible).
fn marker(line: &str) -> Option<(CalloutKind, &str, bool)> {
    let (collapsible, rest) = match () {
        _ if line.starts_with("!!! ") => (false, &line[4..]),
        _ if line.starts_with("???+ ") => (true, &line[5..]),
        _ if line.starts_with("??? ") => (true, &line[4..]),
        _ => return None,
    };
    let rest = rest.trim();
    let (name, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    let title = title.trim();
    let title = match title.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(quoted) => quoted,
        None if title.is_empty() => "",
        None => return None,
    };
    Some((kind_of(name), title, collapsible))
}

/// MkDocs Material's types and their aliases, as the nearest Lectern callout.
fn kind_of(name: &str) -> CalloutKind {
    match name.to_ascii_lowercase().as_str() {
        "tip" | "hint" | "success" | "check" | "done" => CalloutKind::Tip,
        "important" => CalloutKind::Important,
        "info" | "todo" => CalloutKind::Info,
        "warning" | "caution" | "attention" => CalloutKind::Warning,
        "danger" | "error" | "failure" | "fail" | "missing" | "bug" => CalloutKind::Danger,
        _ => CalloutKind::Note,
    }
}

/// Turn each top-level admonition among `events` (parsed from `body`) into a callout: the
/// opening HTML (from `open(kind, title, collapsible)`) before it, its body's code blocks
/// parsed as Markdown, and the closing tag after them.
pub(super) fn expand<'a>(
    events: &mut Vec<(Event<'a>, Range<usize>)>,
    body: &str,
    open: impl Fn(CalloutKind, &str, bool) -> String,
) {
    if !body.contains("!!! ") && !body.contains("??? ") && !body.contains("???+ ") {
        return;
    }
    let mut i = 0;
    let mut depth = 0usize;
    while i < events.len() {
        let at_top = depth == 0;
        match &events[i].0 {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        let range = events[i].1.clone();
        let line = body[range.start..].lines().next().unwrap_or("");
        let found = match (&events[i].0, at_top) {
            (Event::Start(Tag::Paragraph), true) => marker(line),
            _ => None,
        };
        let Some((kind, title, collapsible)) = found else {
            i += 1;
            continue;
        };
        // The body, as Python-Markdown takes it: the rest of the marker's paragraph, then
        // every line indented by four or blank, up to the first line that is neither.
        let paragraph_end = events[find_end(events, i + 1)].1.end;
        let body_start = (range.start + line.len() + 1).min(body.len());
        let body_end = body_end(body, paragraph_end.max(body_start));
        // Every top-level event from the marker's paragraph to the body's end goes.
        let mut last = i;
        while last < events.len() && events[last].1.start < body_end {
            last = match events[last].0 {
                Event::Start(_) => find_end(events, last + 1) + 1,
                _ => last + 1,
            };
        }
        let mut new = vec![(
            Event::Html(CowStr::Boxed(open(kind, title, collapsible).into())),
            range.clone(),
        )];
        new.extend(reparse(body, body_start..body_end));
        let close = if collapsible { "</details>\n" } else { "</div>\n" };
        new.push((Event::Html(close.into()), range));
        let count = new.len();
        events.splice(i..last.min(events.len()), new);
        i += count;
        depth = 0;
    }
}

/// Where an admonition's body that runs at least to `from` ends: after its last line
/// indented by four (blank lines in between belong to it, those after do not).
fn body_end(body: &str, from: usize) -> usize {
    let mut end = from;
    let mut at = from;
    for line in body[from..].split_inclusive('\n') {
        if line.trim().is_empty() {
            at += line.len();
            continue;
        }
        if !indented(line) {
            break;
        }
        at += line.len();
        end = at;
    }
    end
}

fn indented(line: &str) -> bool {
    line.starts_with("    ") || line.starts_with('\t')
}

/// The Markdown of `body[range]`, each line taken out of its four-space indent, parsed,
/// with ranges in `body`.
fn reparse<'a>(body: &str, range: Range<usize>) -> Vec<(Event<'a>, Range<usize>)> {
    let mut text = String::with_capacity(range.len());
    // Where each line of `text` starts in `body`.
    let mut lines = Vec::new();
    let mut source = range.start;
    for line in body[range.clone()].split_inclusive('\n') {
        let cut = match () {
            _ if line.starts_with("    ") => 4,
            _ if line.starts_with('\t') => 1,
            _ => line.len() - line.trim_start_matches(' ').len(),
        };
        lines.push((text.len(), source + cut));
        text.push_str(&line[cut..]);
        source += line.len();
    }
    let map = |offset: usize| {
        let k = lines.partition_point(|(o, _)| *o <= offset).saturating_sub(1);
        lines.get(k).map_or(range.start, |(o, s)| s + (offset - o))
    };
    super::adjusted::parse(&text, super::options(), true)
        .into_iter()
        .map(|(event, r)| (event.into_static(), map(r.start)..map(r.end)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_lines() {
        assert_eq!(marker("!!! note \"提示\""), Some((CalloutKind::Note, "提示", false)));
        assert_eq!(marker("??? warning"), Some((CalloutKind::Warning, "", true)));
        assert_eq!(marker("???+ tip \"展开\""), Some((CalloutKind::Tip, "展开", true)));
        assert_eq!(marker("!!! danger \"\""), Some((CalloutKind::Danger, "", false)));
        assert_eq!(marker("!!! 这不是"), None);
        assert_eq!(marker("!!!note"), None);
        assert_eq!(marker("??? 什么 ???"), None);
    }
}
