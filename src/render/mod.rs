//! Render: the content model and rendered Markdown → HTML pages through Tera templates.
//!
//! Shared data (each lesson's title, path, duration; each module's totals) is built once
//! into [`SiteData`]; each page then serialises only its own context. Links in templates
//! are `{{ site.root }}` + a root-relative path, so one precomputed path serves every page.

mod collect;
mod data;
mod deck;
mod deck_css;
mod glossary;
mod handbook;
mod handbook_links;
pub mod i18n;
mod inline;
mod lessons;
mod orgchart;
mod path;
mod qa;
pub mod qr;
mod quizzes;
mod roles;
mod sop_paper;
mod sops;
pub mod templates;
mod theme;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

pub use data::{LessonSummary, ModuleSummary, QaSummary, RoleSummary, SiteData, SopSummary};
pub use deck::DeckAssets;
pub use handbook::Selection;
pub use handbook_links::PageNumbers;
pub use inline::Inliner;
pub use sop_paper::paper_warnings;
pub use theme::{files_under, Theme};

use crate::compile::Compiled;
use crate::config::NotesMode;
use crate::diag::Diagnostic;
use crate::urls;

/// One output file produced by rendering.
pub struct OutputPage {
    pub path: String,
    /// UTF-8 (Tera writes `str`s only), kept as bytes: checking half a gigabyte of
    /// rendered pages again with `String::from_utf8` was 3 % of a build.
    pub html: Vec<u8>,
}

impl OutputPage {
    /// The page as text, for the few that are put together further (handbook chapters).
    pub fn into_text(self) -> String {
        String::from_utf8(self.html).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
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
    /// lectern.yaml's `base_url`, for the hand-in QR code's link to `collect.html`.
    base_url: Option<&'a str>,
    show_notes: bool,
    has_sops: bool,
    has_roles: bool,
    has_qa: bool,
    has_glossary: bool,
    search_strings: &'a str,
    /// `offline: true`: the manifest link, the offline script and the update notice.
    offline: bool,
}

pub struct Renderer<'a> {
    /// Shared: `serve` keeps the theme between the edits it redraws a lesson for.
    pub theme: std::sync::Arc<Theme>,
    pub data: SiteData<'a>,
    /// What the pages are made from.
    pub input: &'a Compiled,
    pub inliner: Inliner,
    /// Whether the site has decks (`build --no-decks` leaves them out, and their links).
    pub decks: bool,
    /// Whether the decks carry the speaker notes (`SiteConfig::deck_notes`, or `--notes`).
    pub deck_notes: bool,
    /// Whether the build writes the handbooks (`build --handbook`), and their PDFs.
    pub handbooks: bool,
    pub handbook_pdfs: bool,
}

impl<'a> Renderer<'a> {
    fn site(&self, page: &str) -> SiteContext<'_> {
        let p = self.data.programme;
        let config = &p.config;
        SiteContext {
            title: &config.title,
            lang: config.language.code(),
            description: config.description.as_deref(),
            root: urls::root_prefix(page),
            canonical: config
                .base_url
                .as_ref()
                .map(|b| format!("{}/{}", b.trim_end_matches('/'), urls::encode_path(page))),
            base_url: config.base_url.as_deref(),
            show_notes: config.notes == NotesMode::Show,
            has_sops: !p.sops.is_empty(),
            has_roles: !p.roles.is_empty(),
            has_qa: !p.qa.is_empty(),
            has_glossary: !p.glossary.is_empty(),
            search_strings: &self.data.search_strings,
            offline: config.offline,
        }
    }

    /// The handbook of `selection` and its PDF (output paths), when the build writes them.
    fn handbook_links(&self, selection: Selection) -> Option<(String, Option<String>)> {
        if !self.handbooks {
            return None;
        }
        let html = selection.file_name(self.input);
        let pdf = self.handbook_pdfs.then(|| html.replace(".html", ".pdf"));
        Some((urls::encode_path(&html), pdf.map(|p| urls::encode_path(&p))))
    }

    fn page_from_template(&self, template: &str, page: &str, ctx: &impl Serialize) -> Result<OutputPage, Diagnostic> {
        self.page_from_template_with(template, page, ctx, false)
    }

    /// `page_from_template`, or with `standalone` a page outside the site's layout (a
    /// deck): the UI strings at the top of the data as `t`, and no `site` (`deck.html`
    /// reads neither; the strings were cloned twice and `site` built for every deck).
    fn page_from_template_with(
        &self,
        template: &str,
        page: &str,
        ctx: &impl Serialize,
        standalone: bool,
    ) -> Result<OutputPage, Diagnostic> {
        let prepare_error = |e: String| Diagnostic::error(format!("cannot prepare page data for {page}: {e}"));
        let serde_json::Value::Object(mut data) =
            serde_json::to_value(ctx).map_err(|e| prepare_error(e.to_string()))?
        else {
            return Err(prepare_error("the page data is not a map".into()));
        };
        // The strings were made into a value once (`SiteData::strings_value`): serializing
        // ~150 of them for every page was a tenth of a build's CPU. A page borrows a copy
        // and gives it back, so they are not cloned for every page either.
        let strings = self.data.lend_strings();
        if standalone {
            data.insert("t".into(), strings);
        } else {
            let mut site = serde_json::to_value(self.site(page)).map_err(|e| prepare_error(e.to_string()))?;
            if let Some(site) = site.as_object_mut() {
                site.insert("t".into(), strings);
            }
            data.insert("site".into(), site);
        }
        let mut context =
            Context::from_value(serde_json::Value::Object(data)).map_err(|e| prepare_error(e.to_string()))?;
        crate::timing::TEMPLATE_RENDERS.add();
        let mut html = Vec::with_capacity(16 * 1024);
        let rendered = self.theme.tera.render_to(template, &context, &mut html);
        let strings = if standalone {
            context.remove("t")
        } else {
            match context.remove("site") {
                Some(serde_json::Value::Object(mut site)) => site.remove("t"),
                _ => None,
            }
        };
        if let Some(strings) = strings {
            self.data.give_back_strings(strings);
        }
        rendered.map_err(|e| {
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

    pub fn not_found(&self) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct NotFound<'a> {
            inline_css: &'a str,
        }
        self.page_from_template(
            "404.html",
            urls::NOT_FOUND,
            &NotFound {
                inline_css: &self.theme.inline_css,
            },
        )
    }

    /// Every page of the site, rendered in parallel, in a fixed order.
    pub fn all_pages(&self) -> Vec<Result<OutputPage, Diagnostic>> {
        self.jobs().into_par_iter().map(|job| self.page(job)).collect()
    }

    /// Every page of the site, rendered in parallel and handed to `sink` as soon as it is
    /// made: a build writes each page at once instead of holding them all (at 10,000
    /// lessons, pages and decks are ~450 MB). Returns the paths handed over, in order.
    pub fn each_page(
        &self,
        sink: impl Fn(OutputPage) -> Result<(), Diagnostic> + Sync,
    ) -> Vec<Result<String, Diagnostic>> {
        self.jobs()
            .into_par_iter()
            .map(|job| {
                let page = self.page(job)?;
                let path = page.path.clone();
                sink(page).map(|()| path)
            })
            .collect()
    }

    fn jobs(&self) -> Vec<Page> {
        let p = self.data.programme;
        let mut jobs = vec![Page::Home, Page::NotFound];
        jobs.extend(
            [
                (!p.sops.is_empty()).then_some(Page::SopIndex),
                (!p.roles.is_empty()).then_some(Page::RoleIndex),
                (!p.qa.is_empty()).then_some(Page::QaIndex),
                (!p.glossary.is_empty()).then_some(Page::Glossary),
                Some(Page::Search),
                Some(Page::Collect),
            ]
            .into_iter()
            .flatten(),
        );
        jobs.extend((0..p.modules.len()).map(Page::Module));
        jobs.extend((0..p.lessons.len()).map(Page::Lesson));
        if self.decks {
            jobs.extend((0..p.lessons.len()).map(Page::Deck));
        }
        jobs.extend((0..p.sops.len()).map(Page::Sop));
        jobs.extend((0..p.roles.len()).map(Page::Role));
        jobs.extend((0..p.qa.len()).map(Page::Question));
        jobs.extend((0..p.quizzes.len()).map(Page::QuizFile));
        jobs
    }

    fn page(&self, job: Page) -> Result<OutputPage, Diagnostic> {
        match job {
            Page::Home => self.home(),
            Page::NotFound => self.not_found(),
            Page::SopIndex => self.sop_index(),
            Page::RoleIndex => self.role_index(),
            Page::QaIndex => self.qa_index(),
            Page::Glossary => self.glossary(),
            Page::Search => self.search_page(),
            Page::Collect => self.collect(),
            Page::Module(i) => self.module(i),
            Page::Lesson(i) => self.lesson(i),
            Page::Deck(i) => self.deck(i),
            Page::Sop(i) => self.sop(i),
            Page::Role(i) => self.role(i),
            Page::Question(i) => self.question(i),
            Page::QuizFile(i) => self.quiz_file(i),
        }
    }
}

/// The pages of a site, one rendering job each.
#[derive(Clone, Copy)]
enum Page {
    Home,
    NotFound,
    SopIndex,
    RoleIndex,
    QaIndex,
    Glossary,
    Search,
    Collect,
    Module(usize),
    Lesson(usize),
    Deck(usize),
    Sop(usize),
    Role(usize),
    Question(usize),
    QuizFile(usize),
}

/// `sitemap.xml`, only when `base_url` is set (it needs absolute URLs).
pub fn sitemap<'p>(base_url: &str, pages: impl IntoIterator<Item = &'p str>) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages.into_iter().filter(|p| *p != urls::NOT_FOUND) {
        let mut loc = String::new();
        let url = format!("{}/{}", base_url.trim_end_matches('/'), urls::encode_path(page));
        let _ = pulldown_cmark_escape::escape_html(&mut loc, &url);
        xml.push_str(&format!("  <url><loc>{loc}</loc></url>\n"));
    }
    xml.push_str("</urlset>\n");
    xml
}
