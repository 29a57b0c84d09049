//! What every layout makes of its table of contents: the home page and groups of
//! chapters, in reading order. [`super::plan`] turns it into a programme.

use std::sync::Arc;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, SourceFile};
/// Path joining is the site's own (`urls::join`); the layouts call it from here.
pub use crate::urls::join;

/// A source book, as its layout reads it.
#[derive(Default)]
pub struct Outline {
    /// The folder the chapters are in, relative to SRC (`src` for mdBook, `""` for most).
    pub root: String,
    /// The book's title and language, when its configuration names them.
    pub title: Option<String>,
    pub language: Option<String>,
    /// The home page (README / introduction), relative to SRC, and its title in the table.
    pub home: Option<Chapter>,
    pub groups: Vec<Group>,
    /// Configuration and table-of-contents files: not chapters, not reported as unlisted.
    pub machinery: Vec<String>,
    /// Whether the chapters are Marp or reveal-md decks (copied as they are).
    pub decks: bool,
    /// Whether the chapters are an mdBook's (whose `{{#include}}` directives are expanded).
    pub mdbook: bool,
    /// Whether the chapters are a GitBook's (whose Liquid blocks are converted).
    pub gitbook: bool,
    /// Dead entries of the table of contents and what else could not be converted.
    pub problems: Vec<Diagnostic>,
}

/// A module to be: a part, a sidebar group, a folder, or a run of chapters.
pub struct Group {
    pub title: Option<String>,
    pub chapters: Vec<Chapter>,
}

pub struct Chapter {
    /// The title in the table of contents.
    pub title: Option<String>,
    /// Relative to SRC.
    pub path: String,
}

/// One line of a Markdown table of contents (SUMMARY.md, _sidebar.md).
#[derive(Debug)]
pub enum TocLine {
    /// A heading: a part title.
    Heading { level: usize, text: String },
    /// A list item, `depth` 0 at the top: its text and its link, if it has one.
    Item {
        depth: usize,
        title: String,
        dest: Option<String>,
        offset: usize,
    },
    /// A link outside any list (mdBook's prefix and suffix chapters).
    Loose { title: String, dest: String, offset: usize },
    /// `---`: a separator.
    Rule,
}

/// The lines of a Markdown table of contents, in order.
pub fn toc_lines(file: &SourceFile) -> Vec<TocLine> {
    let mut lines = Vec::new();
    let mut depth: usize = 0;
    // (title so far, link, offset) of the list items being read, innermost last.
    let mut items: Vec<(String, Option<String>, usize, bool)> = Vec::new();
    let mut heading: Option<(usize, String)> = None;
    let mut loose: Option<(String, String, usize)> = None;
    for (event, range) in Parser::new_ext(&file.text, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) => {
                // Children start: the parent item is complete.
                if let Some(item) = items.last_mut() {
                    flush(&mut lines, item, depth - 1);
                }
                depth += 1;
            }
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::Start(Tag::Item) => items.push((String::new(), None, range.start, false)),
            Event::End(TagEnd::Item) => {
                if let Some(mut item) = items.pop() {
                    flush(&mut lines, &mut item, depth - 1);
                }
            }
            Event::Start(Tag::Heading { level, .. }) => heading = Some((heading_level(level), String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    lines.push(TocLine::Heading {
                        level,
                        text: text.trim().to_string(),
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => match items.last_mut() {
                Some(item) if item.1.is_none() => item.1 = Some(dest_url.to_string()),
                Some(_) => {}
                None if heading.is_none() => loose = Some((String::new(), dest_url.to_string(), range.start)),
                None => {}
            },
            Event::End(TagEnd::Link) => {
                if let Some((title, dest, offset)) = loose.take() {
                    lines.push(TocLine::Loose {
                        title: title.trim().to_string(),
                        dest,
                        offset,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = heading.as_mut() {
                    text.push_str(&t);
                } else if let Some((title, ..)) = loose.as_mut() {
                    title.push_str(&t);
                } else if let Some(item) = items.last_mut() {
                    item.0.push_str(&t);
                }
            }
            Event::Rule => lines.push(TocLine::Rule),
            _ => {}
        }
    }
    lines
}

fn flush(lines: &mut Vec<TocLine>, item: &mut (String, Option<String>, usize, bool), depth: usize) {
    if item.3 {
        return;
    }
    item.3 = true;
    lines.push(TocLine::Item {
        depth,
        title: item.0.trim().to_string(),
        dest: item.1.clone(),
        offset: item.2,
    });
}

fn heading_level(level: HeadingLevel) -> usize {
    level as usize
}

/// A table-of-contents entry that names no file that exists: reported at its line.
pub fn dead_entry(file: &Arc<SourceFile>, offset: usize, title: &str, dest: &str) -> Diagnostic {
    let end = file.text[offset..].find('\n').map_or(file.text.len(), |i| offset + i);
    let (message, help) = if dest.is_empty() {
        (
            format!("draft chapter `{title}` has no file: not imported"),
            "write the chapter and import again, or add it as a lesson by hand",
        )
    } else if dest.starts_with("http://") || dest.starts_with("https://") || dest.starts_with("mailto:") {
        (
            format!("table of contents links to another site, skipped: `{title}` ({dest})"),
            "a link is no chapter; put it on the home page or in a lesson if learners need it",
        )
    } else {
        (
            format!("table of contents names `{dest}`, which does not exist: not imported"),
            "fix the path in the table of contents",
        )
    };
    Diagnostic::warning(message).at(file, offset..end).help(help)
}

/// The folder of a `/`-separated path (`""` at the top).
pub fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// Top-level chapters without sub-chapters, one after another, share a module instead of
/// making one module each.
pub fn merge_single_chapters(groups: Vec<Group>) -> Vec<Group> {
    let mut merged: Vec<Group> = Vec::new();
    for g in groups {
        let single = g.chapters.len() == 1;
        match merged.last_mut() {
            Some(last) if single && last.title.is_none() => last.chapters.extend(g.chapters),
            _ if single => merged.push(Group {
                title: None,
                chapters: g.chapters,
            }),
            _ => merged.push(g),
        }
    }
    merged
}
