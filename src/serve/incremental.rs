//! The one fast path of `serve`: an edit to the body of one lesson that leaves everything
//! other pages take from it as it was ([`Compiled::replace_lesson_body`] decides). Its page
//! and deck are redrawn and the search index rebuilt, and all of it is published as one
//! new site, so a search never finds text the page no longer has.

use std::path::Path;
use std::sync::Arc;

use crate::build::{lesson_page_and_deck, search_index};
use crate::compile::{BodyEdit, Compiled};
use crate::diag::Diagnostics;
use crate::load::read_source;

use super::memory::MemorySite;

pub enum Outcome {
    /// Not a body-only edit, or one that changes what other pages show: rebuild everything.
    NotApplicable,
    /// The new site (with its new search index), warnings, and the pages redrawn.
    Updated(MemorySite, Diagnostics, Vec<String>),
    Failed(Diagnostics),
}

/// `path` is the one changed file (absolute, under `root`).
pub fn update(c: &mut Compiled, site: &MemorySite, root: &Path, path: &Path) -> Outcome {
    let Some((rel, i)) = path
        .strip_prefix(root)
        .ok()
        .and_then(|rel| Some((rel, c.lesson_at(rel)?)))
    else {
        return Outcome::NotApplicable;
    };
    let Ok(file) = read_source(root, rel) else {
        return Outcome::NotApplicable; // the full build reports it
    };
    let (mut warnings, new_files) = match c.replace_lesson_body(i, file) {
        BodyEdit::NotBodyOnly => return Outcome::NotApplicable,
        BodyEdit::Failed(mut problems) => {
            problems.sort();
            return Outcome::Failed(problems);
        }
        BodyEdit::Replaced { warnings, new_files } => (warnings, new_files),
    };
    let Some(pages) = lesson_page_and_deck(c, root, i, &mut warnings) else {
        warnings.sort();
        return Outcome::Failed(warnings);
    };
    let mut files = site.files.clone();
    let mut redrawn = Vec::new();
    for page in pages {
        redrawn.push(page.path.clone());
        files.insert(page.path, Arc::from(page.html.into_bytes()));
    }
    files.retain(|path, _| !path.starts_with("search/"));
    for (path, text) in search_index(c).files() {
        files.insert(path, Arc::from(text.into_bytes()));
    }
    // Images the edit started to use.
    for rel in new_files {
        if let Ok(inner) = rel.strip_prefix("content") {
            if let Ok(bytes) = std::fs::read(root.join(&rel)) {
                files.insert(crate::urls::slash_path(inner), Arc::from(bytes));
            }
        }
    }
    warnings.sort();
    Outcome::Updated(MemorySite { files }, warnings, redrawn)
}
