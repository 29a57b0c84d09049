//! The Q&A information center: one page with every question, and a page per question.

use serde::Serialize;

use super::{OutputPage, QaSummary, Renderer, RoleSummary};
use crate::diag::Diagnostic;
use crate::markdown::scope_quiz_ids;
use crate::model::{QaIx, RoleIx};
use crate::urls;
use crate::validate::Target;

#[derive(Serialize)]
struct RelatedLink {
    kind: &'static str,
    title: String,
    path: String,
}

#[derive(Serialize)]
struct QuestionView<'a> {
    #[serde(flatten)]
    summary: &'a QaSummary,
    answer_html: String,
    roles: Vec<&'a RoleSummary>,
    related: Vec<RelatedLink>,
}

#[derive(Serialize)]
struct TagGroup<'a> {
    tag: &'a str,
    questions: Vec<QuestionView<'a>>,
}

impl Renderer<'_> {
    fn question_view(&self, index: usize) -> QuestionView<'_> {
        let r = &self.input.relations;
        let t = self.data.strings;
        let related = r.qa_related[QaIx(index)]
            .iter()
            .map(|target| match *target {
                Target::Lesson(i) => RelatedLink {
                    kind: t.lessons,
                    title: self.data.lessons[i].title.clone(),
                    path: self.data.lessons[i].path.clone(),
                },
                Target::Sop(i) => RelatedLink {
                    kind: "SOP",
                    title: self.data.sops[i].title.clone(),
                    path: self.data.sops[i].path.clone(),
                },
                Target::Role(i) => RelatedLink {
                    kind: t.roles,
                    title: self.data.roles[i].title.clone(),
                    path: self.data.roles[i].path.clone(),
                },
                Target::Qa(i) => RelatedLink {
                    kind: t.qa,
                    title: self.data.qa[i].question.clone(),
                    path: self.data.qa[i].path.clone(),
                },
            })
            .collect();
        QuestionView {
            summary: &self.data.qa[index],
            answer_html: self.input.qa_docs[index].body_html(),
            roles: r.qa_roles[QaIx(index)].iter().map(|&i| &self.data.roles[i]).collect(),
            related,
        }
    }

    pub fn qa_index(&self) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct Index<'a> {
            groups: Vec<TagGroup<'a>>,
            tags: Vec<&'a str>,
            roles: Vec<&'a RoleSummary>,
            count: usize,
        }
        let p = self.data.programme;
        // Each question is listed once, under its first tag; filters use all its tags.
        let mut groups: Vec<TagGroup> = Vec::new();
        let mut all_tags: Vec<&str> = Vec::new();
        for (i, q) in p.qa.iter().enumerate() {
            for tag in &q.front.tags {
                if !all_tags.contains(&tag.as_str()) {
                    all_tags.push(tag);
                }
            }
            let tag = q.front.tags.first().map_or(self.data.strings.other, String::as_str);
            let mut view = self.question_view(i);
            // Every answer numbers its quizzes from 1; on this page they sit together.
            view.answer_html = scope_quiz_ids(&view.answer_html, &format!("q{}-", i + 1));
            match groups.iter_mut().find(|g| g.tag == tag) {
                Some(g) => g.questions.push(view),
                None => groups.push(TagGroup {
                    tag,
                    questions: vec![view],
                }),
            }
        }
        // The filter matches a question's own `roles`, so offer exactly those.
        let qa_roles = &self.input.relations.qa_roles;
        let roles = RoleIx::all(p.roles.len())
            .filter(|ri| qa_roles.iter().any(|list| list.contains(ri)))
            .map(|ri| &self.data.roles[ri])
            .collect();
        self.page_from_template(
            "qa.html",
            urls::QA,
            &Index {
                groups,
                tags: all_tags,
                roles,
                count: p.qa.len(),
            },
        )
    }

    pub fn question(&self, index: usize) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct QuestionPage<'a> {
            q: QuestionView<'a>,
        }
        let q = &self.data.programme.qa[index];
        self.page_from_template(
            "question.html",
            &urls::qa_page(&q.id),
            &QuestionPage {
                q: self.question_view(index),
            },
        )
    }
}
