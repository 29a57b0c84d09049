//! The typed content model: what a programme *is*, independent of how it is rendered.
//!
//! Loading (`crate::load`) fills these structs from files; everything after works on them.
//! Every value that can be wrong in a way only visible later (a reference to another
//! item) keeps its source span, so later layers can report FILE:LINE:COL.

mod glossary;
mod ids;
mod lesson;
mod qa;
mod quiz_file;
mod role;
mod sop;
mod version;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;

pub use glossary::GlossaryEntry;
pub use ids::{Idx, IndexVec, LessonId, LessonIx, ModuleId, QaId, QaIx, RoleId, RoleIx, SopId, SopIx};
pub use lesson::{deck_tool, DeckTool, HeadingDivider, LessonFront, REVEAL_MD_KEYS};
pub use qa::{QaFront, QaItem};
pub use quiz_file::{QuizFile, QuizFront};
pub use role::Role;
pub use sop::{ChangelogEntry, FieldKind, FormField, Frequency, Section, Sop, SopSpec, Step, StepKind};
pub use version::content_version;

use crate::config::SiteConfig;
use crate::diag::SourceFile;

/// A whole programme, loaded and ordered.
#[derive(Debug)]
pub struct Programme {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub home: Option<Page>,
    /// In display order (`order`, then folder name).
    pub modules: Vec<Module>,
    /// All lessons in reading order: module by module, each in its own order.
    pub lessons: Vec<Lesson>,
    /// Lessons left out because they are drafts (kept so links to them get a clear error).
    pub draft_ids: Vec<LessonId>,
    /// In file-name order.
    pub sops: Vec<Sop>,
    /// As listed in `content/roles.yaml` (empty when there is none).
    pub roles: Vec<Role>,
    pub roles_file: Option<Arc<SourceFile>>,
    /// In file-name order.
    pub qa: Vec<QaItem>,
    pub glossary: Vec<GlossaryEntry>,
    pub glossary_file: Option<Arc<SourceFile>>,
    /// `content/quizzes/*.md`, in file-name order.
    pub quizzes: Vec<QuizFile>,
}

#[derive(Debug)]
pub struct Module {
    pub id: ModuleId,
    pub title: String,
    pub order: Option<i64>,
    pub summary: Option<String>,
    /// Indexes into [`Programme::lessons`], in order.
    pub lessons: Vec<usize>,
}

/// A Markdown source file split into front matter and body.
#[derive(Debug)]
pub struct MarkdownSource {
    pub file: Arc<SourceFile>,
    /// Byte range of the YAML between the `---` lines (empty when there is none).
    pub front_range: Range<usize>,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    /// [`content_version`] of the file, computed once when it is read: learners' progress
    /// is kept with it, and every page that shows progress carries it, so serve's edits
    /// must not re-hash the whole programme.
    pub version: String,
}

#[derive(Debug)]
pub struct Lesson {
    pub id: LessonId,
    /// Index into [`Programme::modules`].
    pub module: usize,
    pub source: MarkdownSource,
    pub front: LessonFront,
    /// `title` from the front matter, or else the text of the first heading.
    pub title: String,
}

impl Lesson {
    /// The lesson's content version ([`content_version`] of its whole file): a learner's
    /// "read" and "quiz passed" are kept with it, and a changed file shows "changed since
    /// you finished".
    pub fn version(&self) -> &str {
        &self.source.version
    }
}

/// `_module.yaml`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModuleMeta {
    pub title: Option<String>,
    pub order: Option<i64>,
    pub summary: Option<String>,
}

/// A free-standing page such as `content/index.md`.
#[derive(Debug)]
pub struct Page {
    pub source: MarkdownSource,
    pub front: PageFront,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PageFront {
    pub title: Option<String>,
}

impl Programme {
    pub fn module_of(&self, lesson: &Lesson) -> &Module {
        &self.modules[lesson.module]
    }
}
