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

/// A link to a `content/quizzes/` page.
#[derive(Serialize)]
pub(super) struct QuizLink {
    pub title: String,
    pub path: String,
}

impl Renderer<'_> {
    /// Links to the quiz files `indexes` (into `Programme::quizzes`).
    pub(super) fn quiz_links(&self, indexes: impl IntoIterator<Item = usize>) -> Vec<QuizLink> {
        let quizzes = &self.data.programme.quizzes;
        indexes
            .into_iter()
            .map(|i| QuizLink {
                title: quizzes[i].front.title.clone(),
                path: crate::urls::encode_path(&crate::urls::quiz_page(&quizzes[i].id)),
            })
            .collect()
    }

    /// The page of the quiz file `index`: its quizzes as one set, and the lesson it checks.
    pub fn quiz_file(&self, index: usize) -> Result<super::OutputPage, crate::diag::Diagnostic> {
        #[derive(Serialize)]
        struct QuizPage<'a> {
            title: &'a str,
            body_html: String,
            lesson: Option<&'a super::LessonSummary>,
            quiz_set: Option<QuizSetView>,
        }
        let quiz = &self.data.programme.quizzes[index];
        let doc = &self.input.quiz_docs[index];
        self.page_from_template(
            "quiz.html",
            &crate::urls::quiz_page(&quiz.id),
            &QuizPage {
                title: &quiz.front.title,
                body_html: doc.body_html(),
                lesson: self.input.relations.quiz_lesson[index].map(|li| &self.data.lessons[li]),
                quiz_set: self.quiz_set(
                    doc,
                    quiz.set_id(),
                    quiz.version().to_string(),
                    quiz.front.pass.as_ref().map(|p| p.value),
                ),
            },
        )
    }
}
