//! Longer checks as their own files (`content/quizzes/*.md`, id = file stem): front
//! matter, then `> [!QUIZ]` blocks like a lesson's. Each file is one quiz set,
//! `quizzes/<id>`, rendered as the page `quizzes/<id>.html`.

use serde::Deserialize;

use super::MarkdownSource;
use crate::yaml::Spanned;

#[derive(Debug)]
pub struct QuizFile {
    /// The file stem.
    pub id: String,
    pub source: MarkdownSource,
    pub front: QuizFront,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizFront {
    pub title: String,
    /// The lesson it checks: its page links here.
    #[serde(default)]
    pub lesson: Option<Spanned<String>>,
    /// The share of right answers that passes, instead of `quiz_pass` in lectern.yaml.
    #[serde(default)]
    pub pass: Option<Spanned<f64>>,
}

impl QuizFile {
    /// The quiz set's id: `quizzes/<file stem>` (a lesson's set is the lesson id).
    pub fn set_id(&self) -> String {
        format!("quizzes/{}", self.id)
    }

    /// [`content_version`] of the whole file, as for a lesson.
    pub fn version(&self) -> &str {
        &self.source.version
    }
}
