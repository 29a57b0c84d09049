//! Rendering the whole site in memory, and writing it through a staging folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::BuildOptions;
use crate::compile::Compiled;
use crate::diag::{Diagnostic, Diagnostics};
use crate::emit::pdf::{self, PdfJob};
use crate::emit::{check_output_dir, Staging};
use crate::model::{LessonIx, QaIx, RoleIx, SopIx};
use crate::offline;
use crate::render::{self, files_under, Inliner, Renderer, Selection, SiteData, Theme};
use crate::search;
use crate::timing;
use crate::urls;
use crate::validate::Target;

/// Every file of the site, rendered in memory: pages, then other files (`static/…`).
pub struct RenderedSite {
    pub pages: Vec<render::OutputPage>,
    pub files: Vec<(String, Vec<u8>)>,
    pub search: SearchStats,
    /// The search index the files were written from (`serve` keeps it for its edits).
    pub index: search::Index,
    /// The theme the pages were rendered with (`serve` keeps it for its edits).
    pub theme: Arc<Theme>,
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

/// Files to write, as (output path, bytes).
type Files = Vec<(String, Vec<u8>)>;

/// A renderer for the compiled programme with its theme, and the theme's static files.
/// `notes` asks for the speaker notes in the decks whatever the config says (`--notes`).
pub(super) fn renderer<'a>(
    c: &'a Compiled,
    root: &Path,
    decks: bool,
    notes: bool,
) -> Result<(Renderer<'a>, Files), Diagnostic> {
    let mut theme = Theme::load(root, &c.programme.config.theme)?;
    let statics = std::mem::take(&mut theme.static_files);
    Ok((renderer_with(c, root, Arc::new(theme), decks, notes), statics))
}

fn renderer_with<'a>(c: &'a Compiled, root: &Path, theme: Arc<Theme>, decks: bool, notes: bool) -> Renderer<'a> {
    Renderer {
        theme,
        data: SiteData::new(&c.programme),
        input: c,
        inliner: Inliner::new(root),
        decks,
        deck_notes: notes || c.programme.config.deck_notes(),
        handbooks: false,
        handbook_pdfs: false,
    }
}

/// With `offline: true`, the manifest, icons and scripts (made here, not in `renderer`:
/// serve's fast path makes a renderer per edit and needs none of them).
fn offline_app_files(c: &Compiled, renderer: &Renderer) -> Files {
    let config = &c.programme.config;
    match config.offline {
        true => offline::app_files(config, &renderer.theme.inline_css),
        false => Vec::new(),
    }
}

/// Every file of the site, in memory (`check`, `serve`); `None` when a page failed
/// (reported in `diags`).
pub fn site_in_memory(c: &Compiled, root: &Path, diags: &mut Diagnostics) -> Option<RenderedSite> {
    let t = timing::phase("templates");
    let (renderer, mut files) = renderer(c, root, true, false).map_err(|d| diags.push(d)).ok()?;
    files.extend(offline_app_files(c, &renderer));
    t.done();
    diags.extend(render::paper_warnings(&c.programme.sops, &c.sop_steps));
    let t = timing::phase("render pages");
    let pages = diags.all_ok(renderer.all_pages())?;
    t.done();
    files.extend(sitemap(c, pages.iter().map(|p| p.path.as_str())));
    let (index_files, search, index) = search_files(c);
    files.extend(index_files);
    Some(RenderedSite {
        pages,
        files,
        search,
        index,
        theme: Arc::clone(&renderer.theme),
    })
}

fn sitemap<'p>(c: &Compiled, pages: impl IntoIterator<Item = &'p str>) -> Option<(String, Vec<u8>)> {
    let base = c.programme.config.base_url.as_ref()?;
    Some(("sitemap.xml".into(), render::sitemap(base, pages).into_bytes()))
}

impl SearchStats {
    fn add(&mut self, path: &str, bytes: usize) {
        self.files += 1;
        self.bytes += bytes;
        // The largest file, the first by path among equals: the same whatever order the
        // files were made in.
        if (bytes, std::cmp::Reverse(path)) > (self.largest.1, std::cmp::Reverse(self.largest.0.as_str())) {
            self.largest = (path.to_string(), bytes);
        }
    }
}

/// The search index's files, what to say about them, and the index.
fn search_files(c: &Compiled) -> (Files, SearchStats, search::Index) {
    let t = timing::phase("search index");
    let index = search_index(c);
    let t2 = timing::phase("  files");
    let mut stats = SearchStats {
        records: index.records.len(),
        ..SearchStats::default()
    };
    let mut files = Vec::new();
    for (path, text) in index.files() {
        stats.add(&path, text.len());
        files.push((path, text.into_bytes()));
    }
    t2.done();
    t.done();
    (files, stats, index)
}

/// Build the search index and write its files into `staging` as they are made: a build
/// never holds all of them, and drops the index once they are written.
fn write_search_files(c: &Compiled, staging: &Staging) -> Result<SearchStats, Diagnostic> {
    let t = timing::phase("search index");
    let index = search_index(c);
    let t2 = timing::phase("  files, written");
    let stats = std::sync::Mutex::new(SearchStats {
        records: index.records.len(),
        ..SearchStats::default()
    });
    index.try_for_each_file(|path, text| {
        staging
            .write(&path, text.as_bytes())
            .map_err(|e| Diagnostic::error(format!("cannot write {path}: {e}")).at_path(staging.dir()))?;
        stats.lock().expect("no writer panicked").add(&path, text.len());
        Ok(())
    })?;
    t2.done();
    t.done();
    Ok(stats.into_inner().expect("no writer panicked"))
}

/// The search index of the compiled programme.
pub fn search_index(c: &Compiled) -> search::Index {
    search::build(search::collect(c), &c.programme.glossary)
}

/// Warn about the index: a file that every query touching it must load whole.
fn search_warnings(stats: &SearchStats, diags: &mut Diagnostics) {
    let (path, bytes) = &stats.largest;
    if *bytes > LARGE_INDEX_FILE {
        diags.push(
            Diagnostic::warning(format!(
                "search index file {path} is {:.1} MB; queries that need it load all of it",
                *bytes as f64 / 1e6
            ))
            .help("report this with your programme's size: the shard size may need tuning"),
        );
    }
}

/// The decks of the lessons at `lessons` (indexes), rendered in parallel; `notes` puts
/// the speaker notes in whatever the config says.
pub fn deck_pages(
    c: &Compiled,
    root: &Path,
    lessons: &[usize],
    notes: bool,
    diags: &mut Diagnostics,
) -> Option<Vec<render::OutputPage>> {
    let (renderer, _) = renderer(c, root, true, notes).map_err(|d| diags.push(d)).ok()?;
    let results: Vec<_> = lessons.par_iter().map(|&i| renderer.deck(i)).collect();
    diags.all_ok(results)
}

/// What serve's fast path redraws after a body edit of `lesson`: its page and deck, and
/// the pages that carry its content version for learner progress (the home page, the
/// pages of the roles whose path lists it, and `collect.html` when it holds quizzes), so
/// "changed since you finished" compares against the edited text. A handful of pages,
/// however large the programme, drawn with the theme of its last full build (any change
/// to the theme is a full build).
pub fn pages_after_body_edit(
    c: &Compiled,
    root: &Path,
    theme: &Arc<Theme>,
    lesson: usize,
    diags: &mut Diagnostics,
) -> Option<Vec<render::OutputPage>> {
    let renderer = renderer_with(c, root, Arc::clone(theme), true, false);
    let mut pages = vec![renderer.lesson(lesson), renderer.deck(lesson), renderer.home()];
    let on_path = |ri: &usize| c.relations.role_lessons[RoleIx(*ri)].contains(&LessonIx(lesson));
    pages.extend((0..c.programme.roles.len()).filter(on_path).map(|ri| renderer.role(ri)));
    if !c.docs[lesson].quizzes.is_empty() {
        pages.push(renderer.collect());
    }
    diags.all_ok(pages)
}

/// What serve's fast path redraws after an edit to `lesson`'s front matter or title that
/// keeps its place (id, module, order, draft and roles: [`Compiled::replace_lesson_front`]):
/// every page whose data holds the lesson's summary (title, duration, summary, version) or
/// its module's totals, whatever the theme prints of them. That is its page and deck, the
/// home page, its module's page and every lesson page of that module (their module list),
/// its previous and next lessons, the lessons that name it as a prerequisite, the roles
/// whose path lists it or one of those, the SOPs and questions that name it (and then the
/// Q&A page, which shows every answer), the quiz files that check it, and `collect.html`
/// when it holds quizzes. Markdown links print the author's text, never a lesson's title,
/// so no other page changes (`tests/serve_front_edit.rs` compares every file with a build).
pub fn pages_after_front_edit(
    c: &Compiled,
    root: &Path,
    theme: &Arc<Theme>,
    lesson: usize,
    diags: &mut Diagnostics,
) -> Option<Vec<render::OutputPage>> {
    let renderer = renderer_with(c, root, Arc::clone(theme), true, false);
    let (p, r) = (&c.programme, &c.relations);
    let li = LessonIx(lesson);
    let module = p.lessons[lesson].module;
    let dependents: Vec<usize> = (0..p.lessons.len())
        .filter(|&j| c.prerequisites[j].contains(&lesson))
        .collect();
    let mut lessons: std::collections::BTreeSet<usize> = p.modules[module].lessons.iter().copied().collect();
    lessons.extend(lesson.checked_sub(1));
    lessons.extend((lesson + 1 < p.lessons.len()).then_some(lesson + 1));
    lessons.extend(&dependents);
    let shows = |j: &LessonIx| j.0 == lesson || dependents.contains(&j.0);
    let mut pages = vec![renderer.deck(lesson), renderer.home(), renderer.module(module)];
    pages.extend(lessons.into_iter().map(|j| renderer.lesson(j)));
    pages.extend(
        (0..p.roles.len())
            .filter(|&ri| r.role_lessons[RoleIx(ri)].iter().any(shows))
            .map(|ri| renderer.role(ri)),
    );
    pages.extend(
        (0..p.sops.len())
            .filter(|&si| r.sop_lessons[SopIx(si)].contains(&li))
            .map(|si| renderer.sop(si)),
    );
    let questions: Vec<usize> = (0..p.qa.len())
        .filter(|&qi| r.qa_related[QaIx(qi)].contains(&Target::Lesson(li)))
        .collect();
    if !questions.is_empty() {
        pages.push(renderer.qa_index()); // it shows every answer with its related links
    }
    pages.extend(questions.into_iter().map(|qi| renderer.question(qi)));
    pages.extend(r.lesson_quizzes[li].iter().map(|&q| renderer.quiz_file(q)));
    if !c.docs[lesson].quizzes.is_empty() {
        pages.push(renderer.collect());
    }
    diags.all_ok(pages)
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

/// Render and write the site; `None` when anything failed (reported in `diags`, and the
/// previous output left as it was).
pub(super) fn emit_site(c: &Compiled, opts: &BuildOptions, diags: &mut Diagnostics) -> Option<EmitStats> {
    let root = &opts.root;
    let mut report = |d: Diagnostic| diags.push(d);
    let out = check_output_dir(&opts.out, root).map_err(&mut report).ok()?;
    let staging = Staging::create(&out).map_err(&mut report).ok()?;
    let write_err =
        |what: &str, e: std::io::Error| Diagnostic::error(format!("cannot write {what}: {e}")).at_path(staging.dir());
    // Pages are written as they are rendered, never all held at once; the staging folder
    // keeps the previous output whole if anything fails. The search index is built at the
    // same time, from the start: its serial steps then overlap with loading the theme and
    // rendering pages.
    let (rendered, search) = rayon::join(
        || {
            let t = timing::phase("templates");
            let (mut renderer, mut files) = renderer(c, root, opts.decks, opts.notes)?;
            renderer.handbooks = opts.handbook;
            renderer.handbook_pdfs = opts.handbook && opts.pdf.is_some();
            files.extend(offline_app_files(c, &renderer));
            t.done();
            let t = timing::phase("render+write pages");
            let pages = renderer.each_page(|page| {
                staging
                    .write(&page.path, &page.html)
                    .map_err(|e| write_err(&page.path, e))
            });
            t.done();
            Ok((renderer, files, pages))
        },
        || write_search_files(c, &staging),
    );
    let (renderer, mut files, pages) = rendered.map_err(&mut report).ok()?;
    let pages = diags.all_ok(pages)?;
    let search = search.map_err(|d| diags.push(d)).ok()?;
    let mut handbooks = 0;
    if opts.handbook {
        let t = timing::phase("handbooks");
        let selections: Vec<Selection> = std::iter::once(Selection::All)
            .chain((0..c.programme.roles.len()).map(Selection::Role))
            .collect();
        let chromium = opts.pdf.as_deref();
        handbooks = super::handbook::write_handbooks(&renderer, &selections, opts.notes, staging.dir(), chromium)
            .map_err(|d| diags.push(d))
            .ok()?
            .len();
        t.done();
    }
    drop(renderer);

    files.extend(sitemap(c, pages.iter().map(String::as_str)));
    let t = timing::phase("write");
    files
        .par_iter()
        .try_for_each(|(path, bytes)| staging.write(path, bytes).map_err(|e| write_err(path, e)))
        .map_err(|d| diags.push(d))
        .ok()?;
    let copies = copied_files(c, root);
    copies
        .par_iter()
        .try_for_each(|(to, from)| staging.copy(to, from))
        .map_err(|e| diags.push(write_err("an asset", e)))
        .ok()?;

    if let Some(chromium) = opts.pdf.as_ref().filter(|_| opts.decks) {
        let decks: Vec<(usize, String)> = (0..c.programme.lessons.len())
            .map(|i| (i, urls::deck_page(&c.programme.lessons[i].id)))
            .collect();
        let before = diags.error_count();
        pdf::print_all(chromium, &pdf_jobs(c, staging.dir(), &decks), diags);
        if diags.error_count() > before {
            return None;
        }
    }

    let offline_files = match c.programme.config.offline {
        true => {
            let t = timing::phase("offline list");
            let files = offline_list(c, opts, &staging).map_err(|d| diags.push(d)).ok()?;
            t.done();
            files
        }
        false => Vec::new(),
    };

    staging.commit().map_err(|d| diags.push(d)).ok()?;
    t.done();
    search_warnings(&search, diags);
    diags.extend(render::paper_warnings(&c.programme.sops, &c.sop_steps));
    Some(EmitStats {
        pages: pages.len(),
        files: files.len() + search.files + copies.len() + offline_files.len() + handbooks,
        search,
    })
}

/// Write `offline.json`, `offline-build.json` and `sw.js`, listing what is staged by now (PDFs included).
fn offline_list(c: &Compiled, opts: &BuildOptions, staging: &Staging) -> Result<Vec<String>, Diagnostic> {
    let decks = match opts.decks {
        true => c.programme.lessons.iter().map(|l| urls::deck_page(&l.id)).collect(),
        false => Default::default(),
    };
    let error = |what: &str, e: std::io::Error| Diagnostic::error(format!("cannot {what}: {e}")).at_path(staging.dir());
    let files = offline::list_files(staging.dir(), &decks).map_err(|e| error("list the files for offline use", e))?;
    for (path, bytes) in &files {
        staging
            .write(path, bytes)
            .map_err(|e| error(&format!("write {path}"), e))?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// (output path, source path) of the files copied as they are: all of `assets/`, and the
/// files under `content/` that content links to.
pub fn copied_files(c: &Compiled, root: &Path) -> Vec<(String, PathBuf)> {
    let mut copies: Vec<(String, PathBuf)> = files_under(root, Path::new("assets"));
    for rel in &c.referenced_files {
        if let Ok(inner) = rel.strip_prefix("content") {
            copies.push((urls::slash_path(inner), root.join(rel)));
        }
    }
    copies
}
