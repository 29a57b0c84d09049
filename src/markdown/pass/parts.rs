//! Deck parts: in a Lectern lesson, a slide too tall for the canvas continues on further
//! deck slides instead of being shrunk. It is cut between its top-level blocks, or inside
//! a table (between rows, the header row repeated), a list (between items) or a code block
//! (between lines), from the pass's height estimate. Cutting at build time keeps the deck
//! static and printable (one page per part); the lesson page keeps the slide whole.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::super::{highlight, html_tags, layout, DeckPart};

/// A top-level block of the current slide: `slide[begin..end]`, with the slide's
/// estimated height at its top and bottom.
pub(super) struct Block {
    begin: usize,
    end: usize,
    top: f32,
    bottom: f32,
    /// Byte offset of the block in the source.
    start: usize,
    /// Table rows or list items: where each starts in the slide, and the height there.
    inner: Vec<(usize, f32)>,
    /// A code block's info string and text, to cut between its lines.
    code: Option<(String, String)>,
    /// An ordered list's first number, for the parts that continue it.
    list_start: Option<u64>,
    heading: bool,
    table: bool,
}

/// The blocks of the slide being written, the last one still open.
#[derive(Default)]
pub(super) struct Blocks {
    done: Vec<Block>,
    open: Option<Block>,
}

impl Blocks {
    /// A new top-level block starts at `slide[at]`, the one before it ends there.
    pub(super) fn begin(&mut self, slide: &[Event], height: f32, start: usize) {
        self.close(slide, height);
        self.open = Some(Block {
            begin: slide.len(),
            end: slide.len(),
            top: height,
            bottom: height,
            start,
            inner: Vec::new(),
            code: None,
            list_start: None,
            heading: false,
            table: false,
        });
    }

    pub(super) fn close(&mut self, slide: &[Event], height: f32) {
        if let Some(mut b) = self.open.take() {
            if slide.len() > b.begin {
                b.end = slide.len();
                b.bottom = height;
                b.heading = matches!(slide[b.begin], Event::Start(Tag::Heading { .. }));
                b.table = matches!(slide[b.begin], Event::Start(Tag::Table(_)));
                self.done.push(b);
            }
        }
    }

    /// A row or item of the open block starts at `slide[at]`.
    pub(super) fn inner(&mut self, at: usize, height: f32) {
        if let Some(b) = &mut self.open {
            b.inner.push((at, height));
        }
    }

    pub(super) fn code(&mut self, info: &str, code: &str) {
        if let Some(b) = &mut self.open {
            b.code = Some((info.to_string(), code.to_string()));
        }
    }

    pub(super) fn list_start(&mut self, start: Option<u64>) {
        if let Some(b) = &mut self.open {
            b.list_start = start;
        }
    }

    /// The finished slide's blocks. An open block with content ends with the slide; one
    /// still empty (the block that starts the next slide) moves on to it.
    pub(super) fn take(&mut self, slide: &[Event], height: f32) -> Vec<Block> {
        if self.open.as_ref().is_some_and(|b| slide.len() > b.begin) {
            self.close(slide, height);
        }
        if let Some(b) = &mut self.open {
            (b.begin, b.end, b.top, b.bottom) = (0, 0, 0.0, 0.0);
        }
        std::mem::take(&mut self.done)
    }
}

/// A piece that goes whole onto one part.
#[derive(Clone, Copy, PartialEq)]
enum Atom {
    Whole(usize),
    Row(usize, usize),
    Item(usize, usize),
    Line(usize, usize),
}

impl Atom {
    fn block(self) -> usize {
        match self {
            Atom::Whole(b) | Atom::Row(b, _) | Atom::Item(b, _) | Atom::Line(b, _) => b,
        }
    }

    fn index(self) -> usize {
        match self {
            Atom::Whole(_) => 0,
            Atom::Row(_, k) | Atom::Item(_, k) | Atom::Line(_, k) => k,
        }
    }
}

/// Height of the title a continuing part repeats.
fn continued_title_height(room: f32) -> f32 {
    layout::block_height(&TagEnd::Heading(HeadingLevel::H2), 0.0, room)
}

/// The deck parts of a slide whose content (`slide`, cut into `blocks`) is `height` px
/// tall on a canvas with `room` px for content; none when it is short enough to shrink.
pub(super) fn cut(slide: &[Event], blocks: &[Block], height: f32, room: f32, title: Option<&str>) -> Vec<DeckPart> {
    if height * layout::CONTINUE_BELOW <= room {
        return Vec::new();
    }
    let later_room = room - title.map_or(0.0, |_| continued_title_height(room));
    let atoms = atoms(blocks, later_room);
    let cost = |part: &[Atom], a: Atom| -> f32 {
        let b = &blocks[a.block()];
        let continues = part
            .last()
            .is_some_and(|l| l.block() == a.block() && *l != Atom::Whole(a.block()));
        match a {
            Atom::Whole(_) => b.bottom - b.top,
            Atom::Row(_, k) | Atom::Item(_, k) => {
                let head = if continues { 0.0 } else { b.inner[0].1 - b.top };
                inner_bottom(b, k) - b.inner[k].1 + head
            }
            Atom::Line(..) => layout::CODE_LINE + if continues { 0.0 } else { layout::CODE_PADDING },
        }
    };
    let mut parts: Vec<(Vec<Atom>, f32)> = vec![(Vec::new(), 0.0)];
    for a in atoms {
        let limit = if parts.len() == 1 { room } else { later_room };
        let (part, used) = parts.last_mut().expect("one part");
        if !part.is_empty() && *used + cost(part, a) > limit {
            // A heading goes on with what follows it; a part of headings alone keeps the
            // block even though it does not fit (it cannot be cut).
            let mut carried = Vec::new();
            if matches!(part.last(), Some(Atom::Whole(h)) if blocks[*h].heading) {
                carried.push(part.pop().expect("a heading"));
            }
            if part.is_empty() {
                *part = carried;
            } else {
                let used = carried.iter().map(|&h| cost(&[], h)).sum();
                parts.push((carried, used));
            }
        }
        let (part, used) = parts.last_mut().expect("one part");
        *used += cost(part, a);
        part.push(a);
    }
    if parts.len() < 2 {
        return Vec::new();
    }
    let mut carried = Vec::new();
    let parts: Vec<DeckPart> = parts
        .iter()
        .enumerate()
        .map(|(i, (part, used))| {
            let opens_with_heading = matches!(part.first(), Some(Atom::Whole(b)) if blocks[*b].heading);
            // A part goes on under the last heading above it (the section it is in), or
            // under the slide's title when there is none.
            let first = part.first().map_or(0, |a| a.block());
            let section = blocks[..first]
                .iter()
                .rev()
                .find(|b| b.heading)
                .map(|b| heading_text(&slide[b.begin..b.end]));
            let continued = match i > 0 && !opens_with_heading {
                true => section.or_else(|| title.map(str::to_string)),
                false => None,
            };
            let title_height = if continued.is_some() {
                continued_title_height(room)
            } else {
                0.0
            };
            DeckPart {
                html: balanced(&render(slide, blocks, part), &mut carried),
                continued,
                start: part.first().map_or(0, |a| blocks[a.block()].start),
                estimated_height: (used + title_height).round() as u32,
            }
        })
        .collect();
    let parts = without_empty_parts(parts);
    if parts.len() < 2 {
        return Vec::new();
    }
    parts
}

/// The text of a heading block's events.
fn heading_text(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// `parts` with each part that shows nothing (an empty `<div id="top"></div>` before a
/// tall block) joined to the next one (the last to the one before): no blank deck slide.
fn without_empty_parts(parts: Vec<DeckPart>) -> Vec<DeckPart> {
    let mut out: Vec<DeckPart> = Vec::new();
    let mut pending = String::new();
    for mut part in parts {
        if html_tags::shows_nothing(&part.html) {
            pending.push_str(&part.html);
            continue;
        }
        if out.is_empty() {
            part.continued = None;
        }
        part.html = std::mem::take(&mut pending) + &part.html;
        out.push(part);
    }
    if let Some(last) = out.last_mut() {
        last.html.push_str(&pending);
    }
    out
}

/// The slide's blocks as atoms: whole, or (when taller than `room`) row by row, item by
/// item or line by line.
fn atoms(blocks: &[Block], room: f32) -> Vec<Atom> {
    let mut atoms = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let tall = b.bottom - b.top > room;
        let lines = b.code.as_ref().map_or(0, |(_, code)| code.lines().count());
        if tall && lines > 1 {
            atoms.extend((0..lines).map(|k| Atom::Line(i, k)));
        } else if tall && b.inner.len() > 1 {
            atoms.extend((0..b.inner.len()).map(|k| if b.table { Atom::Row(i, k) } else { Atom::Item(i, k) }));
        } else {
            atoms.push(Atom::Whole(i));
        }
    }
    atoms
}

/// Where row or item `k` of `b` ends, in height.
fn inner_bottom(b: &Block, k: usize) -> f32 {
    b.inner.get(k + 1).map_or(b.bottom, |(_, h)| *h)
}

/// The HTML of one part: its atoms, runs of rows, items or lines of one block rejoined.
fn render(slide: &[Event], blocks: &[Block], part: &[Atom]) -> String {
    let mut events: Vec<Event> = Vec::new();
    let mut i = 0;
    while i < part.len() {
        let a = part[i];
        let b = &blocks[a.block()];
        let mut j = i + 1;
        while j < part.len() && part[j].block() == a.block() && !matches!(a, Atom::Whole(_)) {
            j += 1;
        }
        let (first, last) = (a.index(), part[j - 1].index());
        let inner_end = |k: usize| b.inner.get(k + 1).map_or(b.end - 1, |(at, _)| *at);
        match a {
            Atom::Whole(_) => events.extend_from_slice(&slide[b.begin..b.end]),
            Atom::Row(..) => {
                // The table's start and header row, the rows, the table's end.
                events.extend_from_slice(&slide[b.begin..b.inner[0].0]);
                events.extend_from_slice(&slide[b.inner[first].0..inner_end(last)]);
                events.push(slide[b.end - 1].clone());
            }
            Atom::Item(..) => {
                events.push(continued_list_start(&slide[b.begin], b.list_start, first));
                events.extend_from_slice(&slide[b.begin + 1..b.inner[0].0]);
                events.extend_from_slice(&slide[b.inner[first].0..inner_end(last)]);
                events.push(slide[b.end - 1].clone());
            }
            Atom::Line(..) => {
                let (info, code) = b.code.as_ref().expect("a code block");
                let lines: Vec<&str> = code.lines().skip(first).take(last + 1 - first).collect();
                let html = highlight::code_block(info, &(lines.join("\n") + "\n"));
                events.push(Event::Html(CowStr::Boxed(html.as_ref().into())));
            }
        }
        i = j;
    }
    super::slides::slide_html(&events)
}

/// An element a part leaves open: its name, and what the next part opens it again with
/// (its start tag as written, with a `<details>`'s summary or a callout's label).
struct Carried {
    name: String,
    reopen: String,
}

/// `html` made balanced on its own: the elements an earlier part left open (`carried`: a
/// callout or a raw `<div>`/`<details>` that spans blocks) are opened again at its start
/// with the same tag, those it leaves open are closed at its end and carried on, and an
/// end tag that closes nothing is dropped (it would close the deck's own container).
fn balanced(html: &str, carried: &mut Vec<Carried>) -> String {
    let mut out: String = carried.iter().map(|c| c.reopen.as_str()).collect();
    let mut at = 0;
    for tag in html_tags::tags(html) {
        if tag.closing {
            match carried.iter().rposition(|c| c.name == tag.name) {
                Some(k) => carried.truncate(k),
                None if html_tags::is_void(&tag.name) => {}
                None => {
                    out.push_str(&html[at..tag.range.start]);
                    at = tag.range.end;
                }
            }
        } else if !html_tags::is_void(&tag.name) {
            let mut reopen = html[tag.range.clone()].to_string();
            let rest = &html[tag.range.end..];
            // A `<details>` keeps its summary, a callout its label.
            for (opens, closes) in [("<summary", "</summary>"), ("<p class=\"callout-title\">", "</p>")] {
                // (Looked for only after such an opening: a search of the rest of the
                // slide per tag made this 4 % of a build.)
                if let Some(end) = rest.starts_with(opens).then(|| rest.find(closes)).flatten() {
                    reopen.push_str(&rest[..end + closes.len()]);
                }
            }
            reopen.push('\n');
            carried.push(Carried { name: tag.name, reopen });
        }
    }
    out.push_str(&html[at..]);
    for c in carried.iter().rev() {
        out.push_str(&format!("</{}>\n", c.name));
    }
    out
}

/// The opening of a list whose items from `first` on continue on another part: an ordered
/// list goes on counting.
fn continued_list_start<'a>(open: &Event<'a>, start: Option<u64>, first: usize) -> Event<'a> {
    let Some(n) = start.map(|n| n + first as u64) else {
        return open.clone();
    };
    match open {
        Event::Start(Tag::List(Some(_))) => Event::Start(Tag::List(Some(n))),
        Event::Html(_) => Event::Html(format!("<ol class=\"fragments\" start=\"{n}\">\n").into()),
        other => other.clone(),
    }
}
