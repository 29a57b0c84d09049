//! The pipeline, end to end: load → validate → render → emit.

pub mod decks;
mod site;

use site::emit_site;
pub use site::{
    copied_files, pdf_jobs, render_decks, render_lesson, render_site, search_index, RenderedSite, SearchStats,
};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Aspect;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{self, LoadOptions};
use crate::markdown::{self, DocOptions, RenderedDoc};
use crate::model::MarkdownSource;
use crate::model::Programme;
use crate::timing;
use crate::urls;
use crate::validate::{
    check_prerequisites, coverage_warnings, relate, AnchorCheck, AnchorTarget, ContentIndex, DocResolver, Relations,
};
use crate::yaml;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub drafts: bool,
    /// Print every deck to PDF with this Chromium, too.
    pub pdf: Option<PathBuf>,
    /// Write the slide decks (`--no-decks` leaves them and their links out).
    pub decks: bool,
}

#[derive(Debug)]
pub struct BuildSummary {
    pub modules: usize,
    pub lessons: usize,
    pub pages: usize,
    pub files: usize,
    pub search: SearchStats,
    pub elapsed: Duration,
}

pub struct Outcome {
    pub diagnostics: Diagnostics,
    /// `None` when the build failed (and the previous output was left alone).
    pub summary: Option<BuildSummary>,
}

/// A programme loaded, validated and with all Markdown rendered: everything but output.
pub struct Compiled {
    pub programme: Programme,
    pub home: Option<RenderedDoc>,
    /// By lesson index.
    pub docs: Vec<RenderedDoc>,
    /// By question index.
    pub qa_docs: Vec<RenderedDoc>,
    /// By SOP index, then step in order: (text HTML, help HTML).
    pub sop_steps: Vec<Vec<(String, Option<String>)>>,
    pub prerequisites: Vec<Vec<usize>>,
    pub relations: Relations,
    /// Gaps worth a look (a lesson no role needs, …); `check` shows them.
    pub coverage: Vec<Diagnostic>,
    /// Root-relative source files that content references (images next to lessons, …).
    pub referenced_files: BTreeSet<PathBuf>,
    /// Every `#anchor` a link points to, kept so an edit can recheck them all.
    pub anchors: Vec<AnchorCheck>,
}

/// How a lesson is split and read: its own front matter first, then lectern.yaml.
pub fn lesson_options(programme: &Programme, lesson: &crate::model::Lesson) -> DocOptions {
    let front = &lesson.front;
    DocOptions {
        slide_level: front
            .slide_level
            .or(front.heading_divider)
            .or(programme.config.slide_level),
        comments_are_notes: front.marp,
        unsafe_html: programme.config.unsafe_html,
        canvas_width: front
            .size
            .as_deref()
            .and_then(Aspect::parse)
            .unwrap_or(programme.config.deck.aspect)
            .size()
            .0,
    }
}

/// Load, validate and render the Markdown of the programme at `root`.
pub fn compile(root: &Path, drafts: bool) -> (Option<Compiled>, Diagnostics) {
    let t = timing::phase("load");
    let loaded = load::load(root, LoadOptions { drafts });
    t.done();
    compile_loaded(loaded)
}

/// Validate and render the Markdown of a programme already loaded.
pub(crate) fn compile_loaded(loaded: load::Loaded) -> (Option<Compiled>, Diagnostics) {
    let t = timing::phase("validate+markdown");
    let mut diags = loaded.diagnostics;
    let Some(programme) = loaded.programme else {
        return (None, diags);
    };
    let index = ContentIndex::new(&programme, loaded.failed_files);
    let mut problems = Vec::new();
    let prerequisites = check_prerequisites(&programme, &index, &mut problems);
    let relations = relate(&programme, &index, &mut problems);

    // Every Markdown document, rendered in parallel: lessons, then questions, then home.
    let plain = DocOptions {
        unsafe_html: programme.config.unsafe_html,
        ..DocOptions::default()
    };
    let lesson_opts: Vec<DocOptions> = programme
        .lessons
        .iter()
        .map(|l| lesson_options(&programme, l))
        .collect();
    let mut jobs: Vec<(&MarkdownSource, &DocOptions, Option<AnchorTarget>, String)> = Vec::new();
    for (i, l) in programme.lessons.iter().enumerate() {
        jobs.push((
            &l.source,
            &lesson_opts[i],
            Some(AnchorTarget::Lesson(i)),
            urls::lesson_page(&l.id),
        ));
    }
    for (i, q) in programme.qa.iter().enumerate() {
        jobs.push((&q.source, &plain, Some(AnchorTarget::Qa(i)), urls::qa_page(&q.id)));
    }
    if let Some(h) = &programme.home {
        jobs.push((&h.source, &plain, Some(AnchorTarget::Home), urls::HOME.to_string()));
    }
    let rendered: Vec<_> = jobs
        .into_par_iter()
        .map(|(source, opts, this, page)| {
            let resolver = DocResolver::new(&index, &source.file, this, page);
            let doc = markdown::render(&source.file, source.body_start, opts, &resolver);
            (doc, resolver.anchors.into_inner(), resolver.files.into_inner())
        })
        .collect();

    let mut anchors = Vec::new();
    let mut referenced_files = BTreeSet::new();
    let mut docs = Vec::with_capacity(rendered.len());
    for (mut doc, a, f) in rendered {
        problems.append(&mut doc.diagnostics);
        anchors.extend(a);
        referenced_files.extend(f);
        docs.push(doc);
    }
    let home = programme.home.as_ref().and_then(|_| docs.pop());
    let qa_docs = docs.split_off(programme.lessons.len());
    problems.extend(overflow_warnings(&programme, &docs));
    check_anchors(&anchors, &docs, &qa_docs, home.as_ref(), &mut problems);

    let sop_steps = render_sop_steps(&programme, &index, &mut problems, &mut referenced_files);
    problems.extend(crate::render::paper_warnings(&programme.sops, &sop_steps));
    let coverage = coverage_warnings(&programme, &relations);
    t.done();
    diags.extend(problems);
    (
        Some(Compiled {
            programme,
            home,
            docs,
            qa_docs,
            sop_steps,
            prerequisites,
            relations,
            coverage,
            referenced_files,
            anchors,
        }),
        diags,
    )
}

/// Step texts and help of every SOP, as HTML.
fn render_sop_steps(
    p: &Programme,
    index: &ContentIndex,
    problems: &mut Vec<Diagnostic>,
    files: &mut BTreeSet<PathBuf>,
) -> Vec<Vec<(String, Option<String>)>> {
    let unsafe_html = p.config.unsafe_html;
    let rendered: Vec<_> = p
        .sops
        .par_iter()
        .map(|sop| {
            let resolver = DocResolver::new(index, &sop.file, None, urls::sop_page(&sop.id));
            let range = sop.range();
            let mut diags = Vec::new();
            let steps = sop
                .steps()
                .map(|(_, step)| {
                    let span = yaml::span_of(&sop.file, &range, step);
                    let (text, mut d) =
                        markdown::render_fragment(&step.value.text, &sop.file, span, &resolver, true, unsafe_html);
                    diags.append(&mut d);
                    let help = step.value.help.as_ref().map(|h| {
                        let span = yaml::span_of(&sop.file, &range, h);
                        let (html, mut d) =
                            markdown::render_fragment(&h.value, &sop.file, span, &resolver, false, unsafe_html);
                        diags.append(&mut d);
                        html
                    });
                    (text, help)
                })
                .collect::<Vec<_>>();
            (steps, diags, resolver.files.into_inner())
        })
        .collect();
    rendered
        .into_iter()
        .map(|(steps, mut d, f)| {
            problems.append(&mut d);
            files.extend(f);
            steps
        })
        .collect()
}

/// Slides whose content is so tall the deck must shrink it below `deck.min_scale`.
pub fn overflow_warnings(p: &Programme, docs: &[RenderedDoc]) -> Vec<Diagnostic> {
    let min_scale = p.config.deck.min_scale;
    let mut warnings = Vec::new();
    for (lesson, doc) in p.lessons.iter().zip(docs) {
        // Numbered as the deck shows them, title slide included.
        let first = 1 + usize::from(crate::render::needs_title_slide(doc));
        for (n, slide) in doc.slides.iter().enumerate() {
            let scale = markdown::CONTENT_HEIGHT / slide.estimated_height.max(1) as f32;
            if scale < min_scale {
                warnings.push(
                    Diagnostic::warning(format!(
                        "slide {} is too long for the deck: it will be shrunk to about {:.0}% to fit",
                        n + first,
                        scale * 100.0
                    ))
                    .at(&lesson.source.file, slide.start..slide.start)
                    .help("split it with a `---` line, or move detail into the speaker notes"),
                );
            }
        }
    }
    warnings
}

pub fn check_anchors(
    checks: &[AnchorCheck],
    docs: &[RenderedDoc],
    qa_docs: &[RenderedDoc],
    home: Option<&RenderedDoc>,
    problems: &mut Vec<Diagnostic>,
) {
    for check in checks {
        let doc = match check.target {
            AnchorTarget::Lesson(i) => docs.get(i),
            AnchorTarget::Qa(i) => qa_docs.get(i),
            AnchorTarget::Home => home,
        };
        let Some(doc) = doc else { continue };
        if doc.has_anchor(&check.anchor) {
            continue;
        }
        let d = Diagnostic::error(format!("no heading `#{}` in the linked page", check.anchor))
            .at(&check.file, check.span.clone())
            .label("anchor not found");
        let hint = crate::diag::did_you_mean(&check.anchor, doc.headings.iter().map(|h| h.id.as_str()));
        problems.push(d.help(hint.unwrap_or_else(|| {
            "anchors are heading ids: the heading text, lowercased, spaces as `-`, punctuation dropped".into()
        })));
    }
}

/// Everything `build` does except writing: the check behind `lectern check`.
/// With `strict`, warnings count as errors.
pub fn check(root: &Path, drafts: bool, strict: bool) -> Diagnostics {
    let (compiled, mut diags) = compile(root, drafts);
    if let Some(c) = compiled {
        diags.extend(c.coverage.iter().cloned());
        // Render every page too (and throw it away): a template can fail on the content.
        if let Err(errors) = render_site(&c, root) {
            diags.extend(errors);
        }
    }
    if strict {
        diags.make_warnings_errors();
    }
    diags.sort();
    diags
}

pub fn build(opts: &BuildOptions) -> Outcome {
    let started = Instant::now();
    let (compiled, mut diags) = compile(&opts.root, opts.drafts);
    let mut warnings = Vec::new();
    let summary = compiled
        .filter(|_| !diags.has_errors())
        .and_then(|c| match emit_site(&c, opts, &mut warnings) {
            Ok(written) => Some(BuildSummary {
                modules: c.programme.modules.len(),
                lessons: c.programme.lessons.len(),
                pages: written.pages,
                files: written.files,
                search: written.search,
                elapsed: started.elapsed(),
            }),
            Err(errors) => {
                diags.extend(errors);
                None
            }
        });
    diags.extend(warnings);
    diags.sort();
    timing::counts();
    Outcome {
        diagnostics: diags,
        summary,
    }
}
