//! Validate: cross-references, resolved once into an index with source spans.
//!
//! [`ContentIndex`] knows every id and source path. [`DocResolver`] resolves the links of
//! one document against it (the render layer calls it for each link) and records anchor
//! checks that can only run once every document's headings are known.

mod anchors;
mod coverage;
mod links;
mod outside;
mod prerequisites;
mod refs;
mod roles;
mod sops;
mod titles;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

pub use anchors::{check_anchors, AnchorPages};
pub use coverage::coverage_warnings;
pub use links::{AnchorCheck, AnchorTarget, DocResolver};
pub use outside::{remote_images_warning, RemoteImages};
pub use prerequisites::check_prerequisites;
pub use refs::{relate, Relations, Target};
pub use titles::{assign_titles, lesson_title};

use crate::model::{LessonId, Programme, QaId, RoleId, SopId};

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
    /// Ids of lessons whose files failed to load (`MODULE/LESSON`).
    pub failed_lesson_ids: HashSet<String>,
    pub has_home: bool,
    pub sop_ids: Vec<SopId>,
    pub role_ids: Vec<RoleId>,
    pub qa_ids: Vec<QaId>,
    pub sop_by_id: HashMap<String, usize>,
    pub role_by_id: HashMap<String, usize>,
    pub qa_by_id: HashMap<String, usize>,
    pub has_roles: bool,
}

impl ContentIndex {
    pub fn new(p: &Programme, failed_files: HashSet<PathBuf>) -> Self {
        ContentIndex {
            root: p.root.clone(),
            lesson_ids: p.lessons.iter().map(|l| l.id.clone()).collect(),
            lesson_by_id: p.lessons.iter().enumerate().map(|(i, l)| (l.id.0.clone(), i)).collect(),
            lesson_by_path: p
                .lessons
                .iter()
                .enumerate()
                .map(|(i, l)| (l.source.file.path.clone(), i))
                .collect(),
            draft_ids: p.draft_ids.iter().map(|d| d.0.clone()).collect(),
            failed_lesson_ids: failed_files
                .iter()
                .filter_map(|p| p.strip_prefix("content/lessons").ok())
                .map(|p| crate::urls::slash_path(&p.with_extension("")))
                .collect(),
            failed_files,
            has_home: p.home.is_some(),
            sop_ids: p.sops.iter().map(|s| s.id.clone()).collect(),
            role_ids: p.roles.iter().map(|r| RoleId(r.id().to_string())).collect(),
            qa_ids: p.qa.iter().map(|q| q.id.clone()).collect(),
            sop_by_id: p.sops.iter().enumerate().map(|(i, s)| (s.id.0.clone(), i)).collect(),
            // The first of duplicate ids wins; duplicates are reported by the role checks.
            role_by_id: p
                .roles
                .iter()
                .enumerate()
                .rev()
                .map(|(i, r)| (r.id().to_string(), i))
                .collect(),
            qa_by_id: p.qa.iter().enumerate().map(|(i, q)| (q.id.0.clone(), i)).collect(),
            has_roles: !p.roles.is_empty(),
        }
    }
}

/// The kinds of thing a reference can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Lesson,
    Sop,
    Role,
    Qa,
}

impl RefKind {
    pub fn noun(self) -> &'static str {
        match self {
            RefKind::Lesson => "lesson",
            RefKind::Sop => "SOP",
            RefKind::Role => "role",
            RefKind::Qa => "question",
        }
    }

    /// The link scheme naming this kind: `lesson`, `sop`, `role`, `qa`.
    pub fn scheme(self) -> &'static str {
        match self {
            RefKind::Lesson => "lesson",
            RefKind::Sop => "sop",
            RefKind::Role => "role",
            RefKind::Qa => "qa",
        }
    }

    pub fn from_scheme(scheme: &str) -> Option<RefKind> {
        match scheme {
            "lesson" => Some(RefKind::Lesson),
            "sop" => Some(RefKind::Sop),
            "role" => Some(RefKind::Role),
            "qa" => Some(RefKind::Qa),
            _ => None,
        }
    }
}

impl ContentIndex {
    pub fn ids(&self, kind: RefKind) -> &HashMap<String, usize> {
        match kind {
            RefKind::Lesson => &self.lesson_by_id,
            RefKind::Sop => &self.sop_by_id,
            RefKind::Role => &self.role_by_id,
            RefKind::Qa => &self.qa_by_id,
        }
    }

    /// Whether `id` names a file of this kind that failed to load (already reported).
    fn failed(&self, kind: RefKind, id: &str) -> bool {
        let path = match kind {
            RefKind::Lesson => return self.failed_lesson_ids.contains(id),
            RefKind::Sop => PathBuf::from(format!("content/sops/{id}.yaml")),
            RefKind::Qa => PathBuf::from(format!("content/qa/{id}.md")),
            RefKind::Role => PathBuf::from("content/roles.yaml"),
        };
        self.failed_files.contains(&path)
            || (kind == RefKind::Sop && self.failed_files.contains(&path.with_extension("yml")))
    }

    /// Look `id` up as a `kind`. `Err(Some(_))` explains why it is not there (with a near
    /// miss); `Err(None)` means its file failed to load, which is reported already.
    pub fn lookup(&self, kind: RefKind, id: &str) -> Result<usize, Option<crate::diag::Diagnostic>> {
        if let Some(&i) = self.ids(kind).get(id) {
            return Ok(i);
        }
        if self.failed(kind, id) {
            return Err(None);
        }
        self.missing(kind, id).map_err(Some)
    }

    fn missing(&self, kind: RefKind, id: &str) -> Result<usize, crate::diag::Diagnostic> {
        use crate::diag::{did_you_mean, Diagnostic};
        if kind == RefKind::Lesson && self.draft_ids.contains(id) {
            return Err(Diagnostic::error(format!("`{id}` is a draft lesson"))
                .label("this lesson is a draft")
                .help("build with `--drafts`, publish the lesson (`draft: false`), or remove the reference"));
        }
        if kind == RefKind::Role && !self.has_roles {
            return Err(
                Diagnostic::error(format!("unknown role `{id}`: the programme defines no roles"))
                    .help("define the roles in content/roles.yaml"),
            );
        }
        let noun = kind.noun();
        let d = Diagnostic::error(format!("unknown {noun} `{id}`")).label(format!("no {noun} with this id"));
        let hint = did_you_mean(id, self.ids(kind).keys().map(String::as_str)).unwrap_or_else(|| match kind {
            RefKind::Lesson => "lesson ids are MODULE/LESSON: the module folder and the file name without `.md`".into(),
            RefKind::Sop => "SOP ids are file names in content/sops/ without `.yaml`".into(),
            RefKind::Role => "role ids are the `id:` values in content/roles.yaml".into(),
            RefKind::Qa => "question ids are file names in content/qa/ without `.md`".into(),
        });
        Err(d.help(hint))
    }
}
