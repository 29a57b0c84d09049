//! Quiz sets: what a page with quizzes carries for `quiz.js` (the set's id, version and
//! pass mark, read by progress and hand-in too) and the answer key printed after them.

use serde::Serialize;

use super::Renderer;
use crate::markdown::{answer_key_html, RenderedDoc};

/// The `data-quiz-set`, `data-version` and `data-pass` of a page's quizzes, and the
/// page's answer key.
#[derive(Serialize)]
pub(super) struct QuizSetView {
    pub id: String,
    pub version: String,
    pub pass: f64,
    pub answer_key: String,
}

impl Renderer<'_> {
    /// The quiz set of a document with quizzes (`None` without any).
    pub(super) fn quiz_set(
        &self,
        doc: &RenderedDoc,
        id: String,
        version: String,
        pass: Option<f64>,
    ) -> Option<QuizSetView> {
        (!doc.quizzes.is_empty()).then(|| QuizSetView {
            id,
            version,
            pass: pass.unwrap_or(self.data.programme.config.quiz_pass),
            answer_key: answer_key_html(&doc.quizzes, self.data.strings),
        })
    }
}
