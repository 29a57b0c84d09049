//! Rendering the whole site in memory, and writing it through a staging folder.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::BuildOptions;
use crate::compile::Compiled;
use crate::diag::Diagnostic;
use crate::emit::pdf::{self, PdfJob};
use crate::emit::{check_output_dir, Staging};
use crate::load;
use crate::markdown;
use crate::render::{self, templates, DeckAssets, Inliner, Renderer, SiteData};
use crate::search;
use crate::timing;
use crate::urls;

/// Every file of the site, rendered in memory: pages, then other files (`static/…`).
pub struct RenderedSite {
    pub pages: Vec<render::OutputPage>,
    pub files: Vec<(String, Vec<u8>)>,
    pub search: SearchStats,
}

/// What the build says about the search index.
#[derive(Debug, Clone, Default)]
pub struct SearchStats {
    pub records: usize,
    pub files: usize,
    pub bytes: usize,
    pub largest: (String, usize),
}

/// What was written.
pub struct EmitStats {
    pub pages: usize,
    pub files: usize,
    pub search: SearchStats,
}

/// A single index file past this size is worth a warning: it is loaded whole.
const LARGE_INDEX_FILE: usize = 2 * 1024 * 1024;

/// A renderer for the compiled programme, with the theme's templates and static files.
/// Files to write, as (output path, bytes).
type Files = Vec<(String, Vec<u8>)>;

/// `notes` asks for the speaker notes in the decks whatever the config says (`--notes`).
fn renderer<'a>(c: &'a Compiled, root: &Path, decks: bool, notes: bool) -> Result<(Renderer<'a>, Files), Diagnostic> {
    let config = &c.programme.config;
    let tera = templates::load(root, &config.theme)?;
    let (statics, deck_assets) = static_files(root, &config.theme);
    let css = statics
        .iter()
        .find(|(n, _)| n == "static/lectern.css")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let renderer = Renderer {
        tera,
        data: SiteData::new(&c.programme),
        input: c,
        inline_css: css,
        deck_assets,
        inliner: Inliner::new(root),
        decks,
        deck_notes: notes || config.deck_notes(),
    };
    Ok((renderer, statics))
}

pub fn render_site(c: &Compiled, root: &Path) -> Result<RenderedSite, Vec<Diagnostic>> {
    let t = timing::phase("templates");
    let (renderer, mut files) = renderer(c, root, true, false).map_err(|d| vec![d])?;
    t.done();
    let t = timing::phase("render pages");
    let (pages, errors) = renderer.all_pages();
    t.done();
    if !errors.is_empty() {
        return Err(errors);
    }
    files.extend(sitemap(c, pages.iter().map(|p| p.path.as_str())));
    let (index_files, search) = search_files(c);
    files.extend(index_files);
    Ok(RenderedSite { pages, files, search })
}

fn sitemap<'p>(c: &Compiled, pages: impl IntoIterator<Item = &'p str>) -> Option<(String, Vec<u8>)> {
    let base = c.programme.config.base_url.as_ref()?;
    Some(("sitemap.xml".into(), render::sitemap(base, pages).into_bytes()))
}

/// The search index's files, and what to say about them.
fn search_files(c: &Compiled) -> (Files, SearchStats) {
    let t = timing::phase("search index");
    let index = search_index(c);
    let t2 = timing::phase("  files");
    let mut stats = SearchStats {
        records: index.records.len(),
        ..SearchStats::default()
    };
    let mut files = Vec::new();
    for (path, text) in index.files() {
        stats.files += 1;
        stats.bytes += text.len();
        if text.len() > stats.largest.1 {
            stats.largest = (path.clone(), text.len());
        }
        files.push((path, text.into_bytes()));
    }
    t2.done();
    t.done();
    (files, stats)
}

/// The search index of the compiled programme.
pub fn search_index(c: &Compiled) -> search::Index {
    search::build(search::collect(c), &c.programme.glossary)
}

/// Warnings about the index: a file that every query touching it must load whole.
pub fn search_warnings(stats: &SearchStats) -> Vec<Diagnostic> {
    let (path, bytes) = &stats.largest;
    if *bytes > LARGE_INDEX_FILE {
        vec![Diagnostic::warning(format!(
            "search index file {path} is {:.1} MB; queries that need it load all of it",
            *bytes as f64 / 1e6
        ))
        .help("report this with your programme's size: the shard size may need tuning")]
    } else {
        Vec::new()
    }
}

/// The decks of the lessons at `lessons` (indexes), rendered in parallel; `notes` puts
/// the speaker notes in whatever the config says.
pub fn render_decks(
    c: &Compiled,
    root: &Path,
    lessons: &[usize],
    notes: bool,
) -> Result<Vec<render::OutputPage>, Vec<Diagnostic>> {
    let (renderer, _) = renderer(c, root, true, notes).map_err(|d| vec![d])?;
    let results: Vec<_> = lessons.par_iter().map(|&i| renderer.deck(i)).collect();
    let (ok, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if errors.is_empty() {
        Ok(ok.into_iter().filter_map(Result::ok).collect())
    } else {
        Err(errors.into_iter().filter_map(Result::err).collect())
    }
}

/// A lesson's page and deck, and nothing else: what `serve` redraws after an edit that
/// changed only the lesson's body.
pub fn render_lesson(c: &Compiled, root: &Path, lesson: usize) -> Result<Vec<render::OutputPage>, Vec<Diagnostic>> {
    let (renderer, _) = renderer(c, root, true, false).map_err(|d| vec![d])?;
    match (renderer.lesson(lesson), renderer.deck(lesson)) {
        (Ok(page), Ok(deck)) => Ok(vec![page, deck]),
        (a, b) => Err([a.err(), b.err()].into_iter().flatten().collect()),
    }
}

/// One PDF job per deck in `decks` (output paths), reading from and writing into `dir`.
pub fn pdf_jobs(c: &Compiled, dir: &Path, decks: &[(usize, String)]) -> Vec<PdfJob> {
    decks
        .iter()
        .map(|(i, html)| PdfJob {
            name: c.programme.lessons[*i].id.to_string(),
            source: c.programme.lessons[*i].source.file.path.clone(),
            html: dir.join(html),
            pdf: dir.join(html.replace(".html", ".pdf")),
            expected_pages: c.docs[*i].deck_slide_count(),
        })
        .collect()
}

/// Render and write the site; returns (pages, other files) written.
pub(super) fn emit_site(
    c: &Compiled,
    opts: &BuildOptions,
    warnings: &mut Vec<Diagnostic>,
) -> Result<EmitStats, Vec<Diagnostic>> {
    let root = &opts.root;
    let out = check_output_dir(&opts.out, root).map_err(|d| vec![d])?;
    let t = timing::phase("templates");
    let (renderer, mut files) = renderer(c, root, opts.decks, opts.notes).map_err(|d| vec![d])?;
    t.done();

    let staging = Staging::create(&out).map_err(|d| vec![d])?;
    let write_err =
        |what: &str, e: std::io::Error| Diagnostic::error(format!("cannot write {what}: {e}")).at_path(staging.dir());
    // Pages are written as they are rendered, never all held at once; the staging folder
    // keeps the previous output whole if anything fails. The search index is built at the
    // same time: its serial steps then overlap with page rendering.
    let (pages, (index_files, search)) = rayon::join(
        || {
            let t = timing::phase("render+write pages");
            let pages = renderer.each_page(|page| {
                staging
                    .write(&page.path, page.html.as_bytes())
                    .map_err(|e| write_err(&page.path, e))
            });
            t.done();
            pages
        },
        || search_files(c),
    );
    let pages = pages?;
    drop(renderer);

    files.extend(sitemap(c, pages.iter().map(String::as_str)));
    files.extend(index_files);
    let t = timing::phase("write");
    files
        .par_iter()
        .try_for_each(|(path, bytes)| staging.write(path, bytes).map_err(|e| write_err(path, e)))
        .map_err(|d| vec![d])?;
    let copies = copied_files(c, root);
    copies
        .par_iter()
        .try_for_each(|(to, from)| staging.copy(to, from))
        .map_err(|e| vec![write_err("an asset", e)])?;

    if let Some(chromium) = opts.pdf.as_ref().filter(|_| opts.decks) {
        let decks: Vec<(usize, String)> = (0..c.programme.lessons.len())
            .map(|i| (i, urls::deck_page(&c.programme.lessons[i].id)))
            .collect();
        let errors = pdf::print_all(chromium, &pdf_jobs(c, staging.dir(), &decks));
        if !errors.is_empty() {
            return Err(errors);
        }
    }

    staging.commit().map_err(|d| vec![d])?;
    t.done();
    warnings.extend(search_warnings(&search));
    Ok(EmitStats {
        pages: pages.len(),
        files: files.len() + copies.len(),
        search,
    })
}

/// (output path, source path) of the files copied as they are: all of `assets/`, and the
/// files under `content/` that content links to.
pub fn copied_files(c: &Compiled, root: &Path) -> Vec<(String, PathBuf)> {
    let mut copies: Vec<(String, PathBuf)> = files_under(root, Path::new("assets"));
    for rel in &c.referenced_files {
        if let Ok(inner) = rel.strip_prefix("content") {
            copies.push((slash_path(inner), root.join(rel)));
        }
    }
    copies
}

/// Every deck carries its stylesheet and script, so they are worth shrinking: drop
/// comment lines, blank lines and indentation. (Line by line, never inside a line, so it
/// cannot change what the code means.)
fn compact(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut in_comment = false;
    for line in source.lines() {
        let t = line.trim();
        if in_comment {
            in_comment = !t.contains("*/");
            continue;
        }
        if t.starts_with("/*") && !t.contains("*/") {
            in_comment = true;
            continue;
        }
        if t.is_empty() || t.starts_with("//") || (t.starts_with("/*") && t.ends_with("*/")) {
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    out
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
        css: compact(&text("deck.css")),
        js: compact(&text("deck.js")),
        highlight_css: markdown::highlight::light_stylesheet(),
    };
    (files, assets)
}
