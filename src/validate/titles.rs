//! A lesson's title: `title` in its front matter, else the text of its first heading as
//! the Markdown pass found it (Marp and reveal.js decks have no `title`), whether written
//! in Markdown or, as GitHub READMEs do, as `<h1>` in raw HTML.

use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::RenderedDoc;
use crate::model::Lesson;

/// The title `lesson` has when its body renders as `doc`; `None` when it has neither.
pub fn lesson_title(lesson: &Lesson, doc: &RenderedDoc) -> Option<String> {
    match lesson.front.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => Some(t.to_string()),
        // `html_heading` is only set when it comes before every Markdown heading.
        _ => doc.html_heading.clone().or_else(|| {
            doc.headings
                .first()
                .map(|h| h.text.trim().to_string())
                .filter(|t| !t.is_empty())
        }),
    }
}

/// Give every lesson its title (`docs` by lesson index); a lesson with none is an error.
pub fn assign_titles(lessons: &mut [Lesson], docs: &[RenderedDoc], problems: &mut Diagnostics) {
    for (lesson, doc) in lessons.iter_mut().zip(docs) {
        match lesson_title(lesson, doc) {
            Some(title) => lesson.title = title,
            None => problems.push(title_missing(lesson)),
        }
    }
}

fn title_missing(lesson: &Lesson) -> Diagnostic {
    let source = &lesson.source;
    let file = &source.file;
    let front = &file.text[source.front_range.clone()];
    let at = front
        .find("title")
        .map_or(source.front_range.start, |i| source.front_range.start + i);
    let what = if source.front_range.is_empty() && source.body_start == 0 {
        "missing front matter"
    } else {
        "lesson has no title"
    };
    let found = front.contains("title");
    Diagnostic::error(what)
        .at(file, at..at + if found { 5 } else { 0 })
        .help("start the file with front matter:\n---\ntitle: 直播切片行业分析\n---\n(or begin the lesson with a `#` heading)")
}
