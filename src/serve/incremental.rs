//! The one fast path of `serve`: an edit to the body of one lesson (its front matter
//! unchanged) that leaves everything other pages take from the lesson as it was. Other
//! pages show a lesson's title (module, home, role and SOP pages, neighbours' prev/next)
//! and link to its headings; the search index holds its text. So the lesson is
//! re-rendered, its title compared (a lesson without `title:` takes it from its first
//! heading), every anchor rechecked, its page and deck redrawn and the search index
//! rebuilt — and all of it published together. Anything else is a full rebuild: correct
//! first, fast where the dependency is certain.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::build::{lesson_options, lesson_overflow_warnings, render_lesson, search_index, Compiled};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{lesson_title, read_source, split_front_matter, FrontMatter};
use crate::markdown;
use crate::model::MarkdownSource;
use crate::urls;
use crate::validate::{check_anchors, AnchorPages, AnchorTarget, ContentIndex, DocResolver};

use super::memory::MemorySite;

/// The index of the lesson whose file is `changed`, if the edit is one the fast path
/// handles: a single lesson whose front matter is byte for byte unchanged.
fn body_only_edit(c: &Compiled, root: &Path, changed: &[PathBuf]) -> Option<(usize, MarkdownSource)> {
    let [path] = changed else { return None };
    let rel = path.strip_prefix(root).ok()?;
    let i = c.programme.lessons.iter().position(|l| l.source.file.path == rel)?;
    let old = &c.programme.lessons[i].source;
    let file = read_source(root, rel).ok()?;
    let FrontMatter::Found(split) = split_front_matter(&file.text) else {
        return None;
    };
    (file.text[..split.body_start] == old.file.text[..old.body_start]).then_some(())?;
    Some((
        i,
        MarkdownSource {
            file,
            front_range: split.front,
            body_start: split.body_start,
        },
    ))
}

pub enum Outcome {
    /// Not a body-only edit, or one that changes what other pages show: rebuild everything.
    NotApplicable,
    /// The new site (with its new search index), warnings, and the pages redrawn.
    Updated(MemorySite, Diagnostics, Vec<String>),
    Failed(Diagnostics),
}

pub fn update(c: &mut Compiled, site: &MemorySite, root: &Path, changed: &[PathBuf]) -> Outcome {
    let Some((i, source)) = body_only_edit(c, root, changed) else {
        return Outcome::NotApplicable;
    };
    // The title other pages show must stay (the front matter did, so only a title taken
    // from the first heading can change).
    let lesson = &c.programme.lessons[i];
    let mut title_problems = Diagnostics::default();
    if lesson_title(&source, &lesson.front, &mut title_problems) != lesson.title || title_problems.has_errors() {
        return Outcome::NotApplicable;
    }
    let index = ContentIndex::new(&c.programme, HashSet::new());
    let opts = lesson_options(&c.programme, lesson);
    let resolver = DocResolver::new(
        &index,
        &source.file,
        Some(AnchorTarget::Lesson(i)),
        urls::lesson_page(&lesson.id),
    );
    let mut doc = markdown::render(&source.file, source.body_start, &opts, &resolver);
    let mut problems: Vec<Diagnostic> = std::mem::take(&mut doc.diagnostics);
    let new_anchors = resolver.anchors.into_inner();
    let new_files = resolver.files.into_inner();

    // Anchors written in this lesson are replaced; anchors into it are checked again.
    let path = source.file.path.clone();
    let mut anchors: Vec<_> = c.anchors.iter().filter(|a| a.file.path != path).cloned().collect();
    anchors.extend(new_anchors);
    let old_doc = std::mem::replace(&mut c.docs[i], doc);
    let pages = AnchorPages {
        programme: &c.programme,
        relations: &c.relations,
        docs: &c.docs,
        qa_docs: &c.qa_docs,
        home: c.home.as_ref(),
    };
    check_anchors(&anchors, &pages, &mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        c.docs[i] = old_doc;
        let mut diags = Diagnostics::default();
        diags.extend(problems);
        diags.sort();
        return Outcome::Failed(diags);
    }
    c.anchors = anchors;
    c.programme.lessons[i].source = source;
    problems.extend(lesson_overflow_warnings(
        &c.programme,
        &c.programme.lessons[i],
        &c.docs[i],
    ));

    let pages = match render_lesson(c, root, i) {
        Ok(pages) => pages,
        Err(errors) => {
            let mut diags = Diagnostics::default();
            diags.extend(errors);
            return Outcome::Failed(diags);
        }
    };
    let mut files = site.files.clone();
    let mut redrawn = Vec::new();
    for page in pages {
        redrawn.push(page.path.clone());
        files.insert(page.path, Arc::from(page.html.into_bytes()));
    }
    // The page and the search index change together: a search never finds text the page
    // no longer has.
    files.retain(|path, _| !path.starts_with("search/"));
    for (path, text) in search_index(c).files() {
        files.insert(path, Arc::from(text.into_bytes()));
    }
    // Images the edit started to use.
    for rel in new_files {
        if let (Ok(inner), true) = (rel.strip_prefix("content"), c.referenced_files.insert(rel.clone())) {
            if let Ok(bytes) = std::fs::read(root.join(&rel)) {
                files.insert(inner.to_string_lossy().replace('\\', "/"), Arc::from(bytes));
            }
        }
    }
    let mut diags = Diagnostics::default();
    diags.extend(problems);
    diags.sort();
    Outcome::Updated(MemorySite { files }, diags, redrawn)
}
