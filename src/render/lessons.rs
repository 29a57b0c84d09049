//! Home, module and lesson pages.

use serde::Serialize;

use super::{LessonSummary, ModuleSummary, OutputPage, QaSummary, Renderer, RoleSummary, SopSummary};
use crate::diag::Diagnostic;
use crate::markdown::RenderedDoc;
use crate::model::{LessonIx, RoleIx};
use crate::urls;

#[derive(Serialize)]
struct SlideView<'a> {
    html: &'a str,
    notes_html: &'a str,
    title: Option<&'a str>,
    /// The ids reveal.js's hash routes name the slide by (`/2/1`).
    routes: Vec<String>,
}

#[derive(Serialize)]
struct LessonView<'a> {
    #[serde(flatten)]
    summary: &'a LessonSummary,
    objectives: &'a [String],
    tags: &'a [String],
    prerequisites: Vec<&'a LessonSummary>,
    slides: Vec<SlideView<'a>>,
    /// The id of the body's opening `#` heading when it repeats the title: the page shows
    /// the title once, in its header, under that id, so links to the heading still land.
    title_id: Option<&'a str>,
    footnotes_html: &'a str,
    deck_path: Option<String>,
    roles: Vec<&'a RoleSummary>,
    sops: Vec<&'a SopSummary>,
    qa: Vec<&'a QaSummary>,
    quiz_set: Option<super::quizzes::QuizSetView>,
    /// `content/quizzes/` files that check this lesson.
    quizzes: Vec<super::quizzes::QuizLink>,
}

impl Renderer<'_> {
    pub fn home(&self) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct Home<'a> {
            page_title: Option<&'a str>,
            /// The id of the intro's opening `#` heading when it repeats the page's title
            /// (shown once, in the header, under that id).
            title_id: Option<&'a str>,
            intro_html: String,
            modules: &'a [ModuleSummary],
            lesson_count: usize,
            duration: u32,
            sops: &'a [SopSummary],
            roles: Vec<&'a RoleSummary>,
            qa_count: usize,
            recent_qa: Vec<&'a QaSummary>,
            /// Every role's path, for the learner's chosen role (`path.js`).
            path_json: String,
            quizzes: Vec<super::quizzes::QuizLink>,
            /// The handbook (and its PDF), when the build writes it.
            handbook: Option<(String, Option<String>)>,
        }
        let p = self.data.programme;
        let r = &self.input.relations;
        // The role tree from the top down, so the home page reads like the org chart.
        let mut roles = Vec::new();
        let mut stack: Vec<RoleIx> = r.role_root.into_iter().collect();
        while let Some(i) = stack.pop() {
            roles.push(&self.data.roles[i]);
            stack.extend(r.role_children.get(i).into_iter().flatten().rev());
        }
        if roles.len() != self.data.roles.len() {
            roles = self.data.roles.iter().collect();
        }
        let mut recent: Vec<&QaSummary> = self.data.qa.iter().collect();
        recent.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.id.cmp(&b.id)));
        recent.truncate(5);
        let page_title = p.home.as_ref().and_then(|h| h.front.title.as_deref());
        // A README imported with its own `# 标题`: the page shows it once.
        let opening = self
            .input
            .home
            .as_ref()
            .and_then(|doc| opening_title(doc, page_title.unwrap_or(&p.config.title)).map(|o| (doc, o)));
        let intro_html = match &opening {
            Some((doc, (_, at, rest))) => {
                let mut html = String::new();
                for (i, slide) in doc.slides.iter().enumerate() {
                    html.push_str(if i == *at { rest } else { &slide.html });
                }
                html.push_str(&doc.footnotes_html);
                html
            }
            None => self.input.home.as_ref().map(RenderedDoc::body_html).unwrap_or_default(),
        };
        self.page_from_template(
            "index.html",
            urls::HOME,
            &Home {
                page_title,
                title_id: opening.as_ref().map(|(_, (id, _, _))| *id),
                intro_html,
                modules: &self.data.modules,
                lesson_count: self.data.lessons.len(),
                duration: self.data.modules.iter().map(|m| m.duration).sum(),
                sops: &self.data.sops,
                roles,
                qa_count: self.data.qa.len(),
                recent_qa: recent,
                path_json: self.path_data((0..self.data.roles.len()).map(RoleIx)),
                quizzes: self.quiz_links(0..p.quizzes.len()),
                handbook: self.handbook_links(super::Selection::All),
            },
        )
    }

    pub fn module(&self, index: usize) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct ModulePage<'a> {
            module: &'a ModuleSummary,
            lessons: Vec<&'a LessonSummary>,
        }
        let m = &self.data.programme.modules[index];
        self.page_from_template(
            "module.html",
            &urls::module_page(&m.id),
            &ModulePage {
                module: &self.data.modules[index],
                lessons: m.lessons.iter().map(|&i| &self.data.lessons[i]).collect(),
            },
        )
    }

    pub fn lesson(&self, index: usize) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct LessonPage<'a> {
            lesson: LessonView<'a>,
            module: &'a ModuleSummary,
            module_lessons: Vec<&'a LessonSummary>,
            prev: Option<&'a LessonSummary>,
            next: Option<&'a LessonSummary>,
        }
        let p = self.data.programme;
        let r = &self.input.relations;
        let doc = &self.input.docs[index];
        let lesson = &p.lessons[index];
        let lessons = &self.data.lessons;
        let required_by: Vec<&RoleSummary> = r.lesson_roles[LessonIx(index)]
            .iter()
            .map(|&ri| &self.data.roles[ri])
            .collect();
        let opening = opening_title(doc, &lesson.title);
        let view = LessonView {
            summary: &lessons[index],
            objectives: &lesson.front.objectives,
            tags: &lesson.front.tags,
            prerequisites: self.input.prerequisites[index].iter().map(|&i| &lessons[i]).collect(),
            slides: doc
                .slides
                .iter()
                .enumerate()
                .map(|(i, s)| SlideView {
                    html: match &opening {
                        Some((_, slide, rest)) if *slide == i => rest.as_str(),
                        _ => &s.html,
                    },
                    notes_html: &s.notes_html,
                    title: s.title.as_deref(),
                    routes: {
                        // A Marp deck's page links (`#3`) land on the slide here too.
                        let mut ids = s.route.ids();
                        ids.extend(doc.page_numbers.then(|| (i + 1).to_string()));
                        ids
                    },
                })
                .collect(),
            title_id: opening.as_ref().map(|(id, _, _)| *id),
            footnotes_html: &doc.footnotes_html,
            deck_path: self.decks.then(|| urls::encode_path(&urls::deck_page(&lesson.id))),
            roles: required_by,
            sops: r.lesson_sops[LessonIx(index)]
                .iter()
                .map(|&i| &self.data.sops[i])
                .collect(),
            qa: r.lesson_qa[LessonIx(index)].iter().map(|&i| &self.data.qa[i]).collect(),
            quiz_set: self.quiz_set(doc, lesson.id.to_string(), lesson.version().to_string(), None),
            quizzes: self.quiz_links(r.lesson_quizzes[LessonIx(index)].iter().copied()),
        };
        self.page_from_template(
            "lesson.html",
            &urls::lesson_page(&lesson.id),
            &LessonPage {
                lesson: view,
                module: &self.data.modules[lesson.module],
                module_lessons: p.modules[lesson.module].lessons.iter().map(|&i| &lessons[i]).collect(),
                prev: index.checked_sub(1).map(|i| &lessons[i]),
                next: lessons.get(index + 1),
            },
        )
    }
}

/// When the first heading of the body is a `#` heading whose text is the lesson's title (a
/// book from mdBook or GitHub, often after a logo; or a lesson titled by that heading): its
/// id, its slide and that slide's HTML without it, so the page shows the title once, in its
/// header. The deck keeps the heading (when the lesson opens with it, the deck has no title
/// slide of its own).
pub(super) fn opening_title<'d>(doc: &'d RenderedDoc, title: &str) -> Option<(&'d str, usize, String)> {
    let heading = doc.headings.first().filter(|h| h.level == 1)?;
    if heading.text.trim() != title.trim() {
        return None;
    }
    let html = doc.slides.get(heading.slide)?.html.as_str();
    let mut id = String::new();
    pulldown_cmark_escape::escape_html(&mut id, &heading.id).ok()?;
    let start = html.find(&format!("<h1 id=\"{id}\">"))?;
    let end = start + html[start..].find("</h1>")? + "</h1>".len();
    let rest = format!("{}{}", &html[..start], html[end..].trim_start());
    Some((&heading.id, heading.slide, rest.trim_start().to_string()))
}
