//! Render: the content model and rendered Markdown → HTML pages through Tera templates.
//!
//! Shared data (each lesson's title, path, duration; each module's totals) is built once
//! into [`SiteData`]; each page then serialises only its own context. Links in templates
//! are `{{ site.root }}` + a root-relative path, so one precomputed path serves every page.

mod data;
mod deck;
mod glossary;
pub mod i18n;
mod inline;
mod lessons;
mod orgchart;
mod qa;
mod roles;
mod sops;
pub mod templates;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

pub use data::{LessonSummary, ModuleSummary, QaSummary, RoleSummary, SiteData, SopSummary};
pub use deck::{deck_slide_count, needs_title_slide, DeckAssets};
pub use inline::Inliner;

use crate::config::NotesMode;
use crate::diag::Diagnostic;
use crate::markdown::RenderedDoc;
use crate::model::Programme;
use crate::urls;
use crate::validate::Relations;
use i18n::Strings;

/// One output file produced by rendering.
pub struct OutputPage {
    pub path: String,
    pub html: String,
}

/// What rendering needs from the earlier stages.
pub struct RenderInput<'a> {
    pub programme: &'a Programme,
    pub home: Option<&'a RenderedDoc>,
    pub docs: &'a [RenderedDoc],
    pub qa_docs: &'a [RenderedDoc],
    pub sop_steps: &'a [Vec<(String, Option<String>)>],
    pub prerequisites: &'a [Vec<usize>],
    pub relations: &'a Relations,
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
    has_sops: bool,
    has_roles: bool,
    has_qa: bool,
    has_glossary: bool,
    search_strings: &'a str,
    t: &'static Strings,
}

pub struct Renderer<'a> {
    pub tera: Tera,
    pub data: SiteData<'a>,
    pub input: RenderInput<'a>,
    /// The site stylesheet, inlined into the 404 page (served at any depth).
    pub inline_css: String,
    pub deck_assets: DeckAssets,
    pub inliner: Inliner,
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
            show_notes: config.notes == NotesMode::Show,
            has_sops: !p.sops.is_empty(),
            has_roles: !p.roles.is_empty(),
            has_qa: !p.qa.is_empty(),
            has_glossary: !p.glossary.is_empty(),
            search_strings: &self.data.search_strings,
            t: self.data.strings,
        }
    }

    fn render(&self, template: &str, page: &str, ctx: &impl Serialize) -> Result<OutputPage, Diagnostic> {
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
    pub fn all_pages(&self) -> (Vec<OutputPage>, Vec<Diagnostic>) {
        let p = self.data.programme;
        let mut results: Vec<Result<OutputPage, Diagnostic>> = vec![self.home(), self.not_found()];
        if !p.sops.is_empty() {
            results.push(self.sop_index());
        }
        if !p.roles.is_empty() {
            results.push(self.role_index());
        }
        if !p.qa.is_empty() {
            results.push(self.qa_index());
        }
        if !p.glossary.is_empty() {
            results.push(self.glossary());
        }
        results.push(self.search_page());
        results.par_extend((0..p.modules.len()).into_par_iter().map(|i| self.module(i)));
        results.par_extend((0..p.lessons.len()).into_par_iter().map(|i| self.lesson(i)));
        let notes = p.config.deck.notes;
        results.par_extend((0..p.lessons.len()).into_par_iter().map(|i| self.deck(i, notes)));
        results.par_extend((0..p.sops.len()).into_par_iter().map(|i| self.sop(i)));
        results.par_extend((0..p.roles.len()).into_par_iter().map(|i| self.role(i)));
        results.par_extend((0..p.qa.len()).into_par_iter().map(|i| self.question(i)));
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
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages.iter().filter(|p| p.path != urls::NOT_FOUND) {
        let mut loc = String::new();
        let url = format!("{}/{}", base_url.trim_end_matches('/'), urls::encode_path(&page.path));
        let _ = pulldown_cmark_escape::escape_html(&mut loc, &url);
        xml.push_str(&format!("  <url><loc>{loc}</loc></url>\n"));
    }
    xml.push_str("</urlset>\n");
    xml
}
