//! The pipeline, end to end: load → validate → render → emit.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics};
use crate::emit::{check_output_dir, Staging};
use crate::load::{self, LoadOptions};
use crate::markdown::{self, DocOptions, RenderedDoc};
use crate::model::MarkdownSource;
use crate::model::Programme;
use crate::render::{self, templates, DeckAssets, Inliner, RenderInput, Renderer, SiteData};
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
}

#[derive(Debug)]
pub struct BuildSummary {
    pub modules: usize,
    pub lessons: usize,
    pub pages: usize,
    pub files: usize,
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
}

/// Load, validate and render the Markdown of the programme at `root`.
pub fn compile(root: &Path, drafts: bool) -> (Option<Compiled>, Diagnostics) {
    let loaded = load::load(root, LoadOptions { drafts });
    let mut diags = loaded.diagnostics;
    let Some(programme) = loaded.programme else {
        return (None, diags);
    };
    let index = ContentIndex::new(&programme, loaded.failed_files);
    let mut problems = Vec::new();
    let prerequisites = check_prerequisites(&programme, &index, &mut problems);
    let relations = relate(&programme, &index, &mut problems);

    // Every Markdown document, rendered in parallel: lessons, then questions, then home.
    let plain = DocOptions::default();
    let lesson_opts: Vec<DocOptions> = programme
        .lessons
        .iter()
        .map(|l| DocOptions {
            slide_level: l
                .front
                .slide_level
                .or(l.front.heading_divider)
                .or(programme.config.slide_level),
            comments_are_notes: l.front.marp,
        })
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
    for q in &programme.qa {
        jobs.push((&q.source, &plain, None, urls::qa_page(&q.id)));
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
    check_anchors(&anchors, &docs, home.as_ref(), &mut problems);

    let sop_steps = render_sop_steps(&programme, &index, &mut problems, &mut referenced_files);
    let coverage = coverage_warnings(&programme, &relations);
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
                    let (text, mut d) = markdown::render_fragment(&step.value.text, &sop.file, span, &resolver, true);
                    diags.append(&mut d);
                    let help = step.value.help.as_ref().map(|h| {
                        let span = yaml::span_of(&sop.file, &range, h);
                        let (html, mut d) = markdown::render_fragment(&h.value, &sop.file, span, &resolver, false);
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

fn check_anchors(
    checks: &[AnchorCheck],
    docs: &[RenderedDoc],
    home: Option<&RenderedDoc>,
    problems: &mut Vec<Diagnostic>,
) {
    for check in checks {
        let doc = match check.target {
            AnchorTarget::Lesson(i) => docs.get(i),
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

/// Every file of the site, rendered in memory: pages, then other files (`static/…`).
pub struct RenderedSite {
    pub pages: Vec<render::OutputPage>,
    pub files: Vec<(String, Vec<u8>)>,
}

pub fn render_site(c: &Compiled, root: &Path) -> Result<RenderedSite, Vec<Diagnostic>> {
    let config = &c.programme.config;
    let tera = templates::load(root, &config.theme).map_err(|d| vec![d])?;
    let (statics, deck_assets) = static_files(root, &config.theme);
    let css = statics
        .iter()
        .find(|(n, _)| n == "static/lectern.css")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let renderer = Renderer {
        tera,
        data: SiteData::new(&c.programme),
        input: RenderInput {
            programme: &c.programme,
            home: c.home.as_ref(),
            docs: &c.docs,
            qa_docs: &c.qa_docs,
            sop_steps: &c.sop_steps,
            prerequisites: &c.prerequisites,
            relations: &c.relations,
        },
        inline_css: css,
        deck_assets,
        inliner: Inliner::new(root),
    };
    let (pages, errors) = renderer.all_pages();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut files = statics;
    if let Some(base) = &config.base_url {
        files.push(("sitemap.xml".into(), render::sitemap(base, &pages).into_bytes()));
    }
    Ok(RenderedSite { pages, files })
}

pub fn build(opts: &BuildOptions) -> Outcome {
    let started = Instant::now();
    let (compiled, mut diags) = compile(&opts.root, opts.drafts);
    let summary = compiled
        .filter(|_| !diags.has_errors())
        .and_then(|c| match emit_site(&c, opts) {
            Ok((pages, files)) => Some(BuildSummary {
                modules: c.programme.modules.len(),
                lessons: c.programme.lessons.len(),
                pages,
                files,
                elapsed: started.elapsed(),
            }),
            Err(errors) => {
                diags.extend(errors);
                None
            }
        });
    diags.sort();
    Outcome {
        diagnostics: diags,
        summary,
    }
}

/// Render and write the site; returns (pages, other files) written.
fn emit_site(c: &Compiled, opts: &BuildOptions) -> Result<(usize, usize), Vec<Diagnostic>> {
    let root = &opts.root;
    let out = check_output_dir(&opts.out, root).map_err(|d| vec![d])?;
    let site = render_site(c, root)?;

    let staging = Staging::create(&out).map_err(|d| vec![d])?;
    let write_err = |what: &str, e: std::io::Error| {
        vec![Diagnostic::error(format!("cannot write {what}: {e}")).at_path(staging.dir())]
    };
    site.pages
        .par_iter()
        .try_for_each(|p| staging.write(&p.path, p.html.as_bytes()))
        .map_err(|e| write_err("a page", e))?;
    for (path, bytes) in &site.files {
        staging.write(path, bytes).map_err(|e| write_err(path, e))?;
    }

    let mut copies: Vec<(String, PathBuf)> = files_under(root, Path::new("assets"));
    for rel in &c.referenced_files {
        if let Ok(inner) = rel.strip_prefix("content") {
            copies.push((slash_path(inner), root.join(rel)));
        }
    }
    copies
        .par_iter()
        .try_for_each(|(to, from)| staging.copy(to, from))
        .map_err(|e| write_err("an asset", e))?;

    staging.commit().map_err(|d| vec![d])?;
    Ok((site.pages.len(), site.files.len() + copies.len()))
}

/// (output path, source path) of every file under `root/dir`, skipping hidden and
/// editor files and folders.
fn files_under(root: &Path, dir: &Path) -> Vec<(String, PathBuf)> {
    let full = root.join(dir);
    if !full.is_dir() {
        return Vec::new();
    }
    WalkDir::new(&full)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !load::is_ignored_name(&e.file_name().to_string_lossy()))
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                slash_path(e.path().strip_prefix(root).unwrap_or(e.path())),
                e.path().to_path_buf(),
            )
        })
        .collect()
}

fn slash_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// The files under `static/`: built-in ones and the generated highlight stylesheet, each
/// replaced by the theme's own copy when it has one.
fn static_files(root: &Path, theme: &str) -> (Vec<(String, Vec<u8>)>, DeckAssets) {
    let mut files: Vec<(String, Vec<u8>)> = templates::STATIC_FILES
        .iter()
        .map(|(n, b)| (format!("static/{n}"), b.to_vec()))
        .collect();
    let highlight = markdown::highlight::stylesheet();
    files.push(("static/highlight.css".into(), highlight.clone().into_bytes()));
    let mut deck: Vec<(String, Vec<u8>)> = templates::DECK_FILES
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    let theme_static = Path::new("themes").join(theme).join("static");
    for (rel, path) in files_under(root, &theme_static) {
        let name = rel
            .strip_prefix(&slash_path(&theme_static))
            .unwrap_or(&rel)
            .trim_start_matches('/');
        let Ok(bytes) = std::fs::read(&path) else { continue };
        // The deck's own files are inlined into each deck, not published under static/.
        let (list, out) = match deck.iter().any(|(n, _)| n == name) {
            true => (&mut deck, name.to_string()),
            false => (&mut files, format!("static/{name}")),
        };
        list.retain(|(n, _)| *n != out);
        list.push((out, bytes));
    }
    let text = |name: &str| {
        deck.iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default()
    };
    let assets = DeckAssets {
        css: format!("{}\n{highlight}", text("deck.css")),
        js: text("deck.js"),
    };
    (files, assets)
}
