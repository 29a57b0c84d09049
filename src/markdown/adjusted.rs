//! pulldown-cmark reads a copy of the source with a few characters swapped, each for one
//! of the same UTF-8 length: a neighbour of an emphasis run (`emphasis`), the colons of a
//! `:::` container fence (`containers`), a lone `\r`, the `=` of a `==mark==`
//! (`highlight_mark`). Byte offsets stay the same, so every event range (and so every
//! FILE:LINE:COL) is right, and every string in the events is taken back from the original
//! text at the same offsets: code, math, link destinations and raw HTML come out exactly as
//! written.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use super::{containers, emphasis, highlight_mark};

/// One character swapped at byte offset `at`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Swap {
    pub at: usize,
    pub original: char,
    pub with: char,
}

/// Parse `text` into events with their source ranges, emphasis read CJK-friendly and,
/// with `fences`, each `:::` fence line as a heading the pass turns into a container.
pub(crate) fn parse(text: &str, options: Options, fences: bool) -> Vec<(Event<'_>, Range<usize>)> {
    let mut swaps = emphasis::plan(text);
    if fences {
        swaps.extend(containers::fence_swaps(text));
    }
    swaps.extend(lone_carriage_returns(text));
    // `==…==` pairs; one with an emphasis swap on or beside its `==` stays as written.
    for pair in highlight_mark::swaps(text, options) {
        let (open, close) = (pair[0].at, pair[2].at);
        let beside = |s: &Swap| {
            let end = s.at + s.original.len_utf8();
            pair.iter().any(|m| m.at == s.at) || [open + 2, close + 2].contains(&s.at) || [open, close].contains(&end)
        };
        if !swaps.iter().any(beside) {
            swaps.extend(pair);
        }
    }
    swaps.sort_by_key(|s| s.at);
    if swaps.is_empty() {
        return Parser::new_ext(text, options).into_offset_iter().collect();
    }
    let mut adjusted = text.to_string();
    for swap in swaps.iter().rev() {
        let len = swap.original.len_utf8();
        adjusted.replace_range(swap.at..swap.at + len, swap.with.encode_utf8(&mut [0; 4]));
    }
    let back = Restore {
        adjusted: &adjusted,
        text,
        swaps: &swaps,
    };
    Parser::new_ext(&adjusted, options)
        .into_offset_iter()
        .map(|(event, range)| (back.event(event, &range), range))
        .collect()
}

/// A lone `\r` ends a line in CommonMark (old Mac files, files mixed by editors), but
/// pulldown-cmark 0.13 runs a heading or a list item on across it; it is handed a `\n`.
/// The strings keep the `\r`, which HTML reads as a line break too.
fn lone_carriage_returns(text: &str) -> Vec<Swap> {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .map(|at| Swap {
            at,
            original: '\r',
            with: '\n',
        })
        .collect()
}

/// Takes the strings of events parsed from the adjusted copy back to the original text.
struct Restore<'t, 'a> {
    adjusted: &'a str,
    text: &'t str,
    swaps: &'a [Swap],
}

impl<'t> Restore<'t, '_> {
    fn event(&self, event: Event<'_>, range: &Range<usize>) -> Event<'t> {
        let s = |c: CowStr<'_>| self.string(c, range);
        match event {
            Event::Start(Tag::Strikethrough) if highlight_mark::is_mark(self.text, range.start) => {
                Event::InlineHtml("<mark>".into())
            }
            Event::End(TagEnd::Strikethrough) if highlight_mark::is_mark(self.text, range.start) => {
                Event::InlineHtml("</mark>".into())
            }
            Event::Start(tag) => Event::Start(self.tag(tag, range)),
            Event::End(end) => Event::End(end),
            Event::Text(t) => Event::Text(s(t)),
            Event::Code(t) => Event::Code(s(t)),
            Event::InlineMath(t) => Event::InlineMath(s(t)),
            Event::DisplayMath(t) => Event::DisplayMath(s(t)),
            Event::Html(t) => Event::Html(s(t)),
            Event::InlineHtml(t) => Event::InlineHtml(s(t)),
            Event::FootnoteReference(t) => Event::FootnoteReference(s(t)),
            Event::SoftBreak => Event::SoftBreak,
            Event::HardBreak => Event::HardBreak,
            Event::Rule => Event::Rule,
            Event::TaskListMarker(done) => Event::TaskListMarker(done),
        }
    }

    fn tag(&self, tag: Tag<'_>, range: &Range<usize>) -> Tag<'t> {
        let s = |c: CowStr<'_>| self.string(c, range);
        match tag {
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => Tag::Heading {
                level,
                id: id.map(s),
                classes: classes.into_iter().map(s).collect(),
                attrs: attrs.into_iter().map(|(k, v)| (s(k), v.map(s))).collect(),
            },
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => Tag::CodeBlock(CodeBlockKind::Fenced(s(info))),
            Tag::CodeBlock(CodeBlockKind::Indented) => Tag::CodeBlock(CodeBlockKind::Indented),
            Tag::FootnoteDefinition(label) => Tag::FootnoteDefinition(s(label)),
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => Tag::Link {
                link_type,
                dest_url: s(dest_url),
                title: s(title),
                id: s(id),
            },
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => Tag::Image {
                link_type,
                dest_url: s(dest_url),
                title: s(title),
                id: s(id),
            },
            Tag::Paragraph => Tag::Paragraph,
            Tag::BlockQuote(kind) => Tag::BlockQuote(kind),
            Tag::HtmlBlock => Tag::HtmlBlock,
            Tag::List(start) => Tag::List(start),
            Tag::Item => Tag::Item,
            Tag::DefinitionList => Tag::DefinitionList,
            Tag::DefinitionListTitle => Tag::DefinitionListTitle,
            Tag::DefinitionListDefinition => Tag::DefinitionListDefinition,
            Tag::Table(alignments) => Tag::Table(alignments),
            Tag::TableHead => Tag::TableHead,
            Tag::TableRow => Tag::TableRow,
            Tag::TableCell => Tag::TableCell,
            Tag::Emphasis => Tag::Emphasis,
            Tag::Strong => Tag::Strong,
            Tag::Strikethrough => Tag::Strikethrough,
            Tag::Superscript => Tag::Superscript,
            Tag::Subscript => Tag::Subscript,
            Tag::MetadataBlock(kind) => Tag::MetadataBlock(kind),
        }
    }

    /// A slice of the adjusted copy becomes the same slice of the original; an owned
    /// string (an escape, a code span over two lines) gets its stand-ins replaced, in
    /// order, by the characters swapped within the event's range.
    fn string(&self, s: CowStr<'_>, range: &Range<usize>) -> CowStr<'t> {
        if let CowStr::Borrowed(b) = s {
            let offset = (b.as_ptr() as usize).wrapping_sub(self.adjusted.as_ptr() as usize);
            if offset <= self.adjusted.len() && offset + b.len() <= self.adjusted.len() {
                return CowStr::Borrowed(&self.text[offset..offset + b.len()]);
            }
        }
        // Only emphasis stand-ins (never ASCII) can sit inside a string: a `==` swapped
        // for `~~` is always in a text event borrowed from the copy (`highlight_mark`).
        let stand_in = |c: char| !c.is_ascii() && self.swaps.iter().any(|w| w.with == c);
        if !s.chars().any(stand_in) {
            return CowStr::Boxed(s.as_ref().into());
        }
        // Stand-ins never occur in the original (see `emphasis::stand_ins`), so each is a swap.
        let mut pending = self.swaps.iter().filter(|w| range.contains(&w.at));
        let out: String = s
            .chars()
            .map(|c| match stand_in(c) {
                true => pending.find(|w| w.with == c).map_or(c, |w| w.original),
                false => c,
            })
            .collect();
        CowStr::Boxed(out.into())
    }
}
