//! Compile: a programme loaded, validated and with all its Markdown rendered — every fact
//! the pages, decks and search index are made from, worked out once ([`Compiled`]).
//!
//! `lectern build`, `check`, `deck` and `serve` all start here; [`edit`] (a lesson's body)
//! and `front_edit` (a lesson's front matter or title) are the two changes `serve` makes to
//! a compiled programme without compiling it again.

mod edit;
mod front;
mod front_edit;
mod options;
pub use options::REVEAL_SEPARATOR;

pub use edit::BodyEdit;
pub use front_edit::FrontEdit;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{self, LoadOptions};
use crate::markdown::{self, DocOptions, Fragment, RenderedDoc};
use crate::model::{MarkdownSource, Programme};
use crate::timing;
use crate::urls;
use crate::validate::{
    assign_titles, check_anchors, check_prerequisites, coverage_warnings, relate, remote_images_warning, AnchorCheck,
    AnchorPages, AnchorTarget, ContentIndex, DocResolver, Relations, RemoteImages,
};
use crate::yaml;

/// A programme loaded, validated and with all Markdown rendered: everything but output.
pub struct Compiled {
    pub programme: Programme,
    pub home: Option<RenderedDoc>,
    /// By lesson index.
    pub docs: Vec<RenderedDoc>,
    /// By question index.
    pub qa_docs: Vec<RenderedDoc>,
    /// By quiz file (`content/quizzes/`) index.
    pub quiz_docs: Vec<RenderedDoc>,
    /// How each lesson was read (by lesson index): its slide split and its deck canvas.
    pub lesson_options: Vec<DocOptions>,
    /// By SOP index, then step in order.
    pub sop_steps: Vec<Vec<SopStepText>>,
    pub prerequisites: Vec<Vec<usize>>,
    pub relations: Relations,
    /// Gaps worth a look (a lesson no role needs, …); `check` shows them.
    pub coverage: Vec<Diagnostic>,
    /// Root-relative source files that content references (images next to lessons, …).
    pub referenced_files: BTreeSet<PathBuf>,
    /// Every `#anchor` a link points to, kept so an edit can recheck them all.
    pub anchors: Vec<AnchorCheck>,
}

/// An SOP step's `text` and `help`, each parsed once: HTML for the page, plain text for
/// the page script and the search index.
pub struct SopStepText {
    pub text: Fragment,
    pub help: Option<Fragment>,
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
    let Some(mut programme) = loaded.programme else {
        return (None, diags);
    };
    let index = ContentIndex::new(&programme, loaded.failed_files);
    let prerequisites = check_prerequisites(&programme, &index, &mut diags);
    let relations = relate(&programme, &index, &mut diags);

    // Every Markdown document, rendered in parallel: lessons, then questions, then home.
    let plain = DocOptions {
        unsafe_html: programme.config.unsafe_html,
        language: programme.config.language,
        ..DocOptions::default()
    };
    // In parallel: each lesson's body is scanned for reveal-md's marks.
    let (lesson_opts, option_warnings): (Vec<DocOptions>, Vec<Vec<Diagnostic>>) = programme
        .lessons
        .par_iter()
        .map(|l| {
            let mut warnings = Vec::new();
            (options::lesson_options(&programme, l, &mut warnings), warnings)
        })
        .unzip();
    diags.extend(option_warnings.into_iter().flatten());
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
    for q in &programme.quizzes {
        jobs.push((&q.source, &plain, None, urls::quiz_page(&q.id)));
    }
    if let Some(h) = &programme.home {
        jobs.push((&h.source, &plain, Some(AnchorTarget::Home), urls::HOME.to_string()));
    }
    let rendered: Vec<_> = jobs
        .into_par_iter()
        .map(|(source, opts, this, page)| {
            let resolver = DocResolver::new(&index, &source.file, this, page);
            let doc = markdown::parse_document(&source.file, source.body_start, opts, &resolver);
            let remote = RemoteImages {
                file: Arc::clone(&source.file),
                lesson: matches!(this, Some(AnchorTarget::Lesson(_))),
                spans: resolver.remote_images.into_inner(),
            };
            (doc, resolver.anchors.into_inner(), resolver.files.into_inner(), remote)
        })
        .collect();

    let mut anchors = Vec::new();
    let mut referenced_files = BTreeSet::new();
    let mut docs = Vec::with_capacity(rendered.len());
    let mut remote_images = Vec::new();
    for (mut doc, a, f, r) in rendered {
        diags.extend(std::mem::take(&mut doc.diagnostics));
        anchors.extend(a);
        referenced_files.extend(f);
        remote_images.push(r);
        docs.push(doc);
    }
    diags.extend(remote_images_warning(&remote_images));
    let home = programme.home.as_ref().and_then(|_| docs.pop());
    let quiz_docs = docs.split_off(programme.lessons.len() + programme.qa.len());
    let qa_docs = docs.split_off(programme.lessons.len());
    assign_titles(&mut programme.lessons, &docs, &mut diags);
    let min_scale = programme.config.deck.min_scale;
    let overflows: Vec<Vec<Diagnostic>> = programme
        .lessons
        .par_iter()
        .zip(&docs)
        .zip(&lesson_opts)
        .map(|((lesson, doc), opts)| markdown::overflow_warnings(doc, &lesson.source.file, opts.canvas, min_scale))
        .collect();
    diags.extend(overflows.into_iter().flatten());
    // SOP step texts link too: their anchors are checked with everyone else's.
    let sop_steps = sop_step_texts(&programme, &index, &mut diags, &mut referenced_files, &mut anchors);
    let pages = AnchorPages {
        programme: &programme,
        relations: &relations,
        docs: &docs,
        qa_docs: &qa_docs,
        home: home.as_ref(),
    };
    check_anchors(&anchors, &pages, &mut diags);

    let coverage = coverage_warnings(&programme, &relations);
    t.done();
    (
        Some(Compiled {
            programme,
            home,
            docs,
            qa_docs,
            quiz_docs,
            lesson_options: lesson_opts,
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

/// Step texts and help of every SOP, as HTML and plain text.
fn sop_step_texts(
    p: &Programme,
    index: &ContentIndex,
    problems: &mut Diagnostics,
    files: &mut BTreeSet<PathBuf>,
    anchors: &mut Vec<AnchorCheck>,
) -> Vec<Vec<SopStepText>> {
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
                        markdown::parse_fragment(&step.value.text, &sop.file, span, &resolver, true, unsafe_html);
                    diags.append(&mut d);
                    let help = step.value.help.as_ref().map(|h| {
                        let span = yaml::span_of(&sop.file, &range, h);
                        let (help, mut d) =
                            markdown::parse_fragment(&h.value, &sop.file, span, &resolver, false, unsafe_html);
                        diags.append(&mut d);
                        help
                    });
                    SopStepText { text, help }
                })
                .collect::<Vec<_>>();
            (steps, diags, resolver.files.into_inner(), resolver.anchors.into_inner())
        })
        .collect();
    rendered
        .into_iter()
        .map(|(steps, d, f, a)| {
            problems.extend(d);
            files.extend(f);
            anchors.extend(a);
            steps
        })
        .collect()
}
