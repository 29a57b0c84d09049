//! The one fast path of `serve`: an edit to the body of one lesson (its front matter
//! unchanged). Nothing else can depend on a lesson's body except anchors into it and the
//! search index, so the lesson is re-rendered, every anchor rechecked, its page and deck
//! redrawn — and the search index rebuilt right after the reload. Anything else is a full
//! rebuild: correct first, fast where the dependency is certain.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::build::{check_anchors, lesson_options, overflow_warnings, render_lesson, Compiled};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{read_source, split_front_matter, FrontMatter};
use crate::markdown;
use crate::model::MarkdownSource;
use crate::urls;
use crate::validate::{AnchorTarget, ContentIndex, DocResolver};

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
    /// Not a body-only edit: rebuild everything.
    NotApplicable,
    /// The new site (search index still the old one), warnings, and the pages redrawn.
    Updated(MemorySite, Diagnostics, Vec<String>),
    Failed(Diagnostics),
}

pub fn update(c: &mut Compiled, site: &MemorySite, root: &Path, changed: &[PathBuf]) -> Outcome {
    let Some((i, source)) = body_only_edit(c, root, changed) else {
        return Outcome::NotApplicable;
    };
    let index = ContentIndex::new(&c.programme, HashSet::new());
    let lesson = &c.programme.lessons[i];
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
    check_anchors(&anchors, &c.docs, &c.qa_docs, c.home.as_ref(), &mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        c.docs[i] = old_doc;
        let mut diags = Diagnostics::default();
        diags.extend(problems);
        diags.sort();
        return Outcome::Failed(diags);
    }
    c.anchors = anchors;
    c.programme.lessons[i].source = source;
    let warnings: Vec<Diagnostic> = overflow_warnings(&c.programme, std::slice::from_ref(&c.docs[i]))
        .into_iter()
        .filter(|d| d.path() == Some(path.as_path()))
        .collect();
    problems.extend(warnings);

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
    Outcome::Updated(MemorySite { files }, diags, redrawn)
}

/// The site with a freshly built search index, for after the fast path.
pub fn with_search_index(c: &Compiled, site: &MemorySite) -> MemorySite {
    let mut files = site.files.clone();
    files.retain(|path, _| !path.starts_with("search/"));
    for (path, text) in crate::build::search_index(c).files() {
        files.insert(path, Arc::from(text.into_bytes()));
    }
    MemorySite { files }
}
