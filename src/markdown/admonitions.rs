//! MkDocs admonitions (`!!! note "标题"`, collapsible `??? tip` and `???+ tip`), the
//! callouts of MkDocs Material sites, read as Lectern's callouts. Their body is indented by
//! four spaces, which CommonMark reads as code after a blank line: that code is parsed
//! again as the Markdown it is, its source ranges mapped back to the file, before anything
//! else looks at the events (so its raw HTML is cleaned and its links checked as anywhere).

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag};

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
        let end = find_end(events, i + 1);
        // The marker line's text and the line break after it leave the paragraph; a
        // paragraph that was only the marker goes.
        let marker_end = range.start + line.len();
        let mut rest = events[i + 1..end]
            .iter()
            .position(|(_, r)| r.start > marker_end)
            .map_or(end, |k| i + 1 + k);
        if matches!(events.get(rest), Some((Event::SoftBreak | Event::HardBreak, _))) {
            rest += 1;
        }
        let kept_paragraph = rest < end;
        events.drain(i + 1..rest);
        let paragraph = match kept_paragraph {
            true => find_end(events, i + 1) - i + 1,
            false => {
                events.drain(i..=i + 1);
                0
            }
        };
        events.insert(
            i,
            (
                Event::Html(CowStr::Boxed(open(kind, title, collapsible).into())),
                range.clone(),
            ),
        );
        // The body: the indented code blocks right after it.
        let mut next = i + 1 + paragraph;
        while let Some((Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)), r)) = events.get(next) {
            let code_end = find_end(events, next + 1);
            let parsed = reparse(&events[next + 1..code_end], r.start, body);
            let count = parsed.len();
            events.splice(next..=code_end, parsed);
            next += count;
        }
        let close = if collapsible { "</details>\n" } else { "</div>\n" };
        events.insert(next, (Event::Html(close.into()), range));
        i = next + 1;
        depth = 0;
    }
}

/// The events of an indented code block's text (its events `code`, starting in `body` at
/// `start`) parsed as Markdown, with ranges in `body`.
fn reparse<'a>(code: &[(Event<'a>, Range<usize>)], start: usize, body: &str) -> Vec<(Event<'a>, Range<usize>)> {
    let text: String = code
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    // Where each line of `text` starts in `body`: the source line after its indent.
    let mut lines = Vec::new();
    let mut at = 0;
    let mut source = body[..start].rfind('\n').map_or(0, |n| n + 1);
    for line in text.split_inclusive('\n') {
        let written = &body[source..];
        let indent = written.len() - written.trim_start_matches([' ', '\t']).len();
        lines.push((at, source + indent.min(4)));
        at += line.len();
        source += written.find('\n').map_or(written.len(), |n| n + 1);
    }
    let map = |offset: usize| {
        let k = lines.partition_point(|(o, _)| *o <= offset).saturating_sub(1);
        lines.get(k).map_or(start, |(o, s)| s + (offset - o))
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
