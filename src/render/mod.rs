//! Render: the content model and rendered Markdown → HTML pages through Tera templates.
//!
//! Shared data (each lesson's title, path, duration; each module's totals) is built once
//! into [`SiteData`]; each page then serialises only its own context. Links in templates
//! are `{{ site.root }}` + a root-relative path, so one precomputed path serves every page.

pub mod i18n;
pub mod templates;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::NotesMode;
use crate::diag::Diagnostic;
use crate::markdown::RenderedDoc;
use crate::model::Programme;
use crate::urls;
use i18n::Strings;

/// One output file produced by rendering.
pub struct OutputPage {
    pub path: String,
    pub html: String,
}

#[derive(Serialize, Clone)]
pub struct LessonSummary {
    pub id: String,
    pub title: String,
    pub path: String,
    pub duration: Option<u32>,
    pub summary: Option<String>,
}

#[derive(Serialize)]
pub struct ModuleSummary {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub path: String,
    pub lesson_count: usize,
    pub duration: u32,
}

/// Everything pages share, computed once per build.
pub struct SiteData<'a> {
    pub programme: &'a Programme,
    pub lessons: Vec<LessonSummary>,
    pub modules: Vec<ModuleSummary>,
    pub strings: &'static Strings,
}

impl<'a> SiteData<'a> {
    pub fn new(p: &'a Programme) -> Self {
        let lessons: Vec<LessonSummary> = p
            .lessons
            .iter()
            .map(|l| LessonSummary {
                id: l.id.0.clone(),
                title: l.front.title.clone(),
                path: urls::encode_path(&urls::lesson_page(&l.id)),
                duration: l.front.duration,
                summary: l.front.summary.clone(),
            })
            .collect();
        let modules = p
            .modules
            .iter()
            .map(|m| ModuleSummary {
                id: m.id.0.clone(),
                title: m.title.clone(),
                summary: m.summary.clone(),
                path: urls::encode_path(&urls::module_page(&m.id)),
                lesson_count: m.lessons.len(),
                duration: m.lessons.iter().filter_map(|&i| lessons[i].duration).sum(),
            })
            .collect();
        SiteData {
            programme: p,
            lessons,
            modules,
            strings: i18n::strings(p.config.language),
        }
    }
}

#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    lang: &'a str,
    description: Option<&'a str>,
    /// From this page back to the output root: `""` or `"../../"`.
    root: String,
    canonical: Option<String>,
    show_notes: bool,
    t: &'static Strings,
}

#[derive(Serialize)]
struct SlideView<'a> {
    html: &'a str,
    notes_html: &'a str,
    title: Option<&'a str>,
}

#[derive(Serialize)]
struct LessonView<'a> {
    #[serde(flatten)]
    summary: &'a LessonSummary,
    objectives: &'a [String],
    tags: &'a [String],
    prerequisites: Vec<&'a LessonSummary>,
    slides: Vec<SlideView<'a>>,
    footnotes_html: &'a str,
    /// Filled in once decks are built.
    deck_path: Option<String>,
}

pub struct Renderer<'a> {
    pub tera: Tera,
    pub data: SiteData<'a>,
    /// The site stylesheet, inlined into the 404 page (served at any depth).
    pub inline_css: String,
}

impl<'a> Renderer<'a> {
    fn site(&self, page: &str) -> SiteContext<'a> {
        let config = &self.data.programme.config;
        SiteContext {
            title: &config.title,
            lang: config.language.code(),
            description: config.description.as_deref(),
            root: urls::root_prefix(page),
            canonical: config
                .base_url
                .as_ref()
                .map(|b| format!("{}/{}", b.trim_end_matches('/'), urls::encode_path(page))),
            show_notes: config.notes == NotesMode::Show,
            t: self.data.strings,
        }
    }

    fn render(
        &self,
        template: &str,
        page: &str,
        ctx: &impl Serialize,
    ) -> Result<OutputPage, Diagnostic> {
        let mut context = Context::from_serialize(ctx)
            .map_err(|e| Diagnostic::error(format!("cannot prepare page data for {page}: {e}")))?;
        context.insert("site", &self.site(page));
        let html = self.tera.render(template, &context).map_err(|e| {
            Diagnostic::error(format!(
                "template `{template}` failed for {page}: {}",
                templates::tera_message(&e)
            ))
            .help("check the template against the variables listed in docs/authoring.md (themes and templates)")
        })?;
        Ok(OutputPage {
            path: page.to_string(),
            html,
        })
    }

    pub fn home(&self, intro: Option<&RenderedDoc>) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct Home<'a> {
            page_title: Option<&'a str>,
            intro_html: String,
            modules: &'a [ModuleSummary],
            lesson_count: usize,
            duration: u32,
        }
        let p = self.data.programme;
        self.render(
            "index.html",
            urls::HOME,
            &Home {
                page_title: p.home.as_ref().and_then(|h| h.front.title.as_deref()),
                intro_html: intro.map(RenderedDoc::body_html).unwrap_or_default(),
                modules: &self.data.modules,
                lesson_count: self.data.lessons.len(),
                duration: self.data.modules.iter().map(|m| m.duration).sum(),
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
        self.render(
            "module.html",
            &urls::module_page(&m.id),
            &ModulePage {
                module: &self.data.modules[index],
                lessons: m.lessons.iter().map(|&i| &self.data.lessons[i]).collect(),
            },
        )
    }

    pub fn lesson(
        &self,
        index: usize,
        doc: &RenderedDoc,
        prerequisites: &[usize],
    ) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct LessonPage<'a> {
            lesson: LessonView<'a>,
            module: &'a ModuleSummary,
            module_lessons: Vec<&'a LessonSummary>,
            prev: Option<&'a LessonSummary>,
            next: Option<&'a LessonSummary>,
        }
        let p = self.data.programme;
        let lesson = &p.lessons[index];
        let lessons = &self.data.lessons;
        let view = LessonView {
            summary: &lessons[index],
            objectives: &lesson.front.objectives,
            tags: &lesson.front.tags,
            prerequisites: prerequisites.iter().map(|&i| &lessons[i]).collect(),
            slides: doc
                .slides
                .iter()
                .map(|s| SlideView {
                    html: &s.html,
                    notes_html: &s.notes_html,
                    title: s.title.as_deref(),
                })
                .collect(),
            footnotes_html: &doc.footnotes_html,
            deck_path: None,
        };
        self.render(
            "lesson.html",
            &urls::lesson_page(&lesson.id),
            &LessonPage {
                lesson: view,
                module: &self.data.modules[lesson.module],
                module_lessons: p.modules[lesson.module]
                    .lessons
                    .iter()
                    .map(|&i| &lessons[i])
                    .collect(),
                prev: index.checked_sub(1).map(|i| &lessons[i]),
                next: lessons.get(index + 1),
            },
        )
    }

    pub fn not_found(&self) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct NotFound<'a> {
            inline_css: &'a str,
        }
        self.render(
            "404.html",
            urls::NOT_FOUND,
            &NotFound {
                inline_css: &self.inline_css,
            },
        )
    }

    /// Every page of the site, rendered in parallel.
    pub fn all_pages(
        &self,
        home: Option<&RenderedDoc>,
        docs: &[RenderedDoc],
        prerequisites: &[Vec<usize>],
    ) -> (Vec<OutputPage>, Vec<Diagnostic>) {
        let p = self.data.programme;
        let mut results: Vec<Result<OutputPage, Diagnostic>> =
            vec![self.home(home), self.not_found()];
        results.par_extend((0..p.modules.len()).into_par_iter().map(|i| self.module(i)));
        results.par_extend(
            (0..p.lessons.len())
                .into_par_iter()
                .map(|i| self.lesson(i, &docs[i], &prerequisites[i])),
        );
        let mut pages = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(page) => pages.push(page),
                Err(d) => errors.push(d),
            }
        }
        (pages, errors)
    }
}

/// `sitemap.xml`, only when `base_url` is set (it needs absolute URLs).
pub fn sitemap(base_url: &str, pages: &[OutputPage]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page in pages.iter().filter(|p| p.path != urls::NOT_FOUND) {
        let mut loc = String::new();
        let url = format!(
            "{}/{}",
            base_url.trim_end_matches('/'),
            urls::encode_path(&page.path)
        );
        let _ = pulldown_cmark_escape::escape_html(&mut loc, &url);
        xml.push_str(&format!("  <url><loc>{loc}</loc></url>\n"));
    }
    xml.push_str("</urlset>\n");
    xml
}
