//! Validate: cross-references, resolved once into an index with source spans.
//!
//! [`ContentIndex`] knows every id and source path. [`DocResolver`] resolves the links of
//! one document against it (the render layer calls it for each link) and records anchor
//! checks that can only run once every document's headings are known.

mod links;
mod prerequisites;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

pub use links::{AnchorCheck, AnchorTarget, DocResolver};
pub use prerequisites::check_prerequisites;

use crate::model::{LessonId, Programme};

pub struct ContentIndex {
    pub root: PathBuf,
    /// By lesson index (the order of [`Programme::lessons`]).
    pub lesson_ids: Vec<LessonId>,
    pub lesson_by_id: HashMap<String, usize>,
    /// Root-relative source path (`content/lessons/m/l.md`) → lesson index.
    pub lesson_by_path: HashMap<PathBuf, usize>,
    pub draft_ids: HashSet<String>,
    /// Files that failed to load: links to them are not reported again.
    pub failed_files: HashSet<PathBuf>,
    pub has_home: bool,
}

impl ContentIndex {
    pub fn new(p: &Programme, failed_files: HashSet<PathBuf>) -> Self {
        ContentIndex {
            root: p.root.clone(),
            lesson_ids: p.lessons.iter().map(|l| l.id.clone()).collect(),
            lesson_by_id: p
                .lessons
                .iter()
                .enumerate()
                .map(|(i, l)| (l.id.0.clone(), i))
                .collect(),
            lesson_by_path: p
                .lessons
                .iter()
                .enumerate()
                .map(|(i, l)| (l.source.file.path.clone(), i))
                .collect(),
            draft_ids: p.draft_ids.iter().map(|d| d.0.clone()).collect(),
            failed_files,
            has_home: p.home.is_some(),
        }
    }
}
