//! A lesson's title: `title` in its front matter, else its first heading.

use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::model::{LessonFront, MarkdownSource};

/// `title` from the front matter, else the text of the first heading (reported, and
/// empty, when there is neither).
pub(crate) fn lesson_title(source: &MarkdownSource, front: &LessonFront, diags: &mut Diagnostics) -> String {
    match front.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => match first_heading(&source.file.text[source.body_start..]) {
            Some(h) => h,
            None => {
                diags.push(title_missing(&source.file, source));
                String::new()
            }
        },
    }
}

fn title_missing(file: &Arc<SourceFile>, source: &MarkdownSource) -> Diagnostic {
    let at = file.text[source.front_range.clone()]
        .find("title")
        .map_or(source.front_range.start, |i| source.front_range.start + i);
    let what = if source.front_range.is_empty() && source.body_start == 0 {
        "missing front matter"
    } else {
        "lesson has no title"
    };
    let found = file.text[source.front_range.clone()].contains("title");
    Diagnostic::error(what)
        .at(file, at..at + if found { 5 } else { 0 })
        .help("start the file with front matter:\n---\ntitle: 直播切片行业分析\n---\n(or begin the lesson with a `#` heading)")
}

/// The text of the first ATX heading (`# …`) outside code fences, for lessons (like
/// Marp and reveal.js decks) that have no `title`.
fn first_heading(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let t = line.trim_start();
        if line.len() - t.len() >= 4 {
            continue; // indented code, not a heading
        }
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            continue;
        }
        let hashes = t.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            let text = t[hashes..].trim().trim_end_matches('#').trim();
            if !text.is_empty() {
                return Some(text.replace(['*', '_', '`'], ""));
            }
        }
    }
    None
}
