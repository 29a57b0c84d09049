//! The fast paths of `serve`: an edit to one lesson that leaves its place in the
//! programme as it was. An edit to its body alone that leaves everything other pages take
//! from it unchanged ([`Compiled::replace_lesson_body`] decides) redraws its page and deck
//! and the pages carrying its version; an edit to its front matter or title that keeps its
//! id, module, order, draft and roles ([`Compiled::replace_lesson_front`]) also redraws
//! every page that shows its title or summary ([`pages_after_front_edit`]). Either way the
//! search index files the edit changed are rewritten ([`LiveIndex::replace_lesson`]), and
//! all of it is published as one new site, so a search never finds text the page no
//! longer has.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::build::{pages_after_body_edit, pages_after_front_edit, search_index};
use crate::compile::{BodyEdit, FrontEdit};
use crate::diag::Diagnostics;
use crate::load::read_source;
use crate::model::LessonIx;
use crate::search::{self, LiveIndex, Refresh};
use crate::timing;

use super::memory::{Live, MemorySite};

pub enum Outcome {
    /// Not an edit either fast path takes (a new `draft:`, `order:` or `roles:`, …): rebuild everything.
    NotApplicable,
    Updated(Update),
    Failed(Diagnostics),
}

/// The new site (with its search index up to date), its warnings, and what changed.
pub struct Update {
    pub site: MemorySite,
    pub warnings: Diagnostics,
    /// The pages redrawn (output paths).
    pub pages: Vec<String>,
    pub touched: Touched,
}

/// How many files of the site one edit replaced, added or removed: a handful whatever the
/// size of the programme (`tests/build_counts.rs` holds this).
#[derive(Debug, Default)]
pub struct Touched {
    pub files: usize,
    pub search_files: usize,
    /// Whether the search index had to be rebuilt whole ([`LiveIndex::replace_lesson`]).
    pub search_rebuilt: bool,
}

impl fmt::Display for Touched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = if self.search_rebuilt { ", index rebuilt" } else { "" };
        write!(
            f,
            "{} files, {} of them search files{how}",
            self.files, self.search_files
        )
    }
}

/// `path` is the one changed file (absolute, under `root`).
pub fn update(live: &mut Live, site: &MemorySite, root: &Path, path: &Path) -> Outcome {
    let c = &mut live.compiled;
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
    let t = timing::phase("edit: body");
    let edit = c.replace_lesson_body(i, Arc::clone(&file));
    t.done();
    // Whether the records of other pages change too (a quiz file's crumb is its lesson's
    // title): then the index is rebuilt whole.
    let mut others_records = false;
    let (mut warnings, new_files, pages) = match edit {
        BodyEdit::Failed(mut problems) => {
            problems.sort();
            return Outcome::Failed(problems);
        }
        BodyEdit::Replaced {
            mut warnings,
            new_files,
        } => {
            let t = timing::phase("edit: pages");
            let pages = pages_after_body_edit(c, root, &live.theme, i, &mut warnings);
            t.done();
            (warnings, new_files, pages)
        }
        BodyEdit::NotBodyOnly => {
            let t = timing::phase("edit: front matter");
            let edit = c.replace_lesson_front(i, file);
            t.done();
            match edit {
                FrontEdit::NotApplicable => return Outcome::NotApplicable,
                FrontEdit::Failed(mut problems) => {
                    problems.sort();
                    return Outcome::Failed(problems);
                }
                FrontEdit::Replaced {
                    mut warnings,
                    new_files,
                    title_changed,
                } => {
                    others_records = title_changed && !c.relations.lesson_quizzes[LessonIx(i)].is_empty();
                    let t = timing::phase("edit: pages");
                    let pages = pages_after_front_edit(c, root, &live.theme, i, &mut warnings);
                    t.done();
                    (warnings, new_files, pages)
                }
            }
        }
    };
    let Some(pages) = pages else {
        warnings.sort();
        return Outcome::Failed(warnings);
    };
    let t = timing::phase("edit: copy site");
    let mut files = site.edit();
    t.done();
    let mut touched = Touched::default();
    let mut redrawn = Vec::new();
    for page in pages {
        redrawn.push(page.path.clone());
        files.insert(page.path, Arc::from(page.html));
        touched.files += 1;
    }
    let t = timing::phase("edit: search");
    let mut records = Vec::new();
    search::lesson_records(c, i, &mut records);
    let refresh = match others_records {
        true => None,
        false => live.search.replace_lesson(i, records),
    };
    let refresh = refresh.unwrap_or_else(|| {
        // The edit moved what every index file depends on: all of them anew.
        let index = search_index(c);
        let write = index.files();
        let kept: std::collections::HashSet<&str> = write.iter().map(|(p, _)| p.as_str()).collect();
        let remove = files
            .paths()
            .filter(|p| p.starts_with("search/") && !kept.contains(p.as_str()))
            .cloned()
            .collect();
        live.search = LiveIndex::new(index, &c.programme.glossary);
        touched.search_rebuilt = true;
        Refresh { write, remove }
    });
    for path in refresh.remove {
        files.remove(&path);
        touched.search_files += 1;
    }
    for (path, text) in refresh.write {
        files.insert(path, Arc::from(text.into_bytes()));
        touched.search_files += 1;
    }
    touched.files += touched.search_files;
    t.done();
    // Images the edit started to use.
    for rel in new_files {
        if let Ok(inner) = rel.strip_prefix("content") {
            if let Ok(bytes) = std::fs::read(root.join(&rel)) {
                files.insert(crate::urls::slash_path(inner), Arc::from(bytes));
                touched.files += 1;
            }
        }
    }
    warnings.sort();
    Outcome::Updated(Update {
        site: files,
        warnings,
        pages: redrawn,
        touched,
    })
}
