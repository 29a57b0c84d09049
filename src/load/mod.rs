//! Load: files on disk → the typed content model ([`crate::model`]).
//!
//! Reads `lectern.yaml`, `content/index.md`, and every module and lesson under
//! `content/lessons/`. Problems are collected, not fatal: a lesson whose front matter is
//! broken is reported and left out, and loading goes on so one run shows every problem.

mod collections;
mod files;
mod frontmatter;
mod order;
mod title;

use order::sort_key;
pub(crate) use title::lesson_title;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

pub use files::{is_ignored_name, read_source};
pub use frontmatter::{split as split_front_matter, FrontMatter};

use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::model::*;
use crate::yaml;

pub const CONFIG_FILE: &str = "lectern.yaml";

/// The folders content is read from.
const CONTENT_DIRS: &[&str] = &["content", "content/lessons", "content/sops", "content/qa"];

#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    pub drafts: bool,
}

/// What loading produced: the model (unless the config itself is unusable), the files
/// that failed to load (so links to them are not reported twice), and the problems.
pub struct Loaded {
    pub programme: Option<Programme>,
    pub failed_files: HashSet<PathBuf>,
    pub diagnostics: Diagnostics,
}

pub fn load(root: &Path, opts: LoadOptions) -> Loaded {
    let mut diags = Diagnostics::default();
    let mut failed = HashSet::new();
    // Folders linked in from elsewhere would publish what is not the programme's.
    let linked_out = CONTENT_DIRS
        .iter()
        .filter_map(|d| files::confined(root, Path::new(d)).err());
    let config = match load_config(root).map_err(|d| vec![d]).and_then(|c| {
        let errors: Vec<Diagnostic> = linked_out.collect();
        if errors.is_empty() {
            Ok(c)
        } else {
            Err(errors)
        }
    }) {
        Ok(c) => c,
        Err(errors) => {
            diags.extend(errors);
            return Loaded {
                programme: None,
                failed_files: failed,
                diagnostics: diags,
            };
        }
    };

    let home_rel = Path::new("content").join("index.md");
    let home = if root.join(&home_rel).is_file() {
        match load_markdown::<PageFront>(root, &home_rel) {
            Ok((source, front)) => Some(Page { source, front }),
            Err(d) => {
                failed.insert(home_rel);
                diags.push(d);
                None
            }
        }
    } else {
        None
    };

    let (modules, lessons, draft_ids) = load_lessons(root, opts, &mut diags, &mut failed);
    let sops = collections::load_sops(root, &mut diags, &mut failed);
    let (roles, roles_file) = collections::load_roles(root, &mut diags, &mut failed);
    let qa = collections::load_qa(root, &mut diags, &mut failed);
    let (glossary, glossary_file) = collections::load_glossary(root, &mut diags);
    files::check_assets(root, &mut diags);
    Loaded {
        programme: Some(Programme {
            root: root.to_path_buf(),
            config,
            home,
            modules,
            lessons,
            draft_ids,
            sops,
            roles,
            roles_file,
            qa,
            glossary,
            glossary_file,
        }),
        failed_files: failed,
        diagnostics: diags,
    }
}

fn load_config(root: &Path) -> Result<SiteConfig, Diagnostic> {
    if !root.join(CONFIG_FILE).is_file() {
        return Err(Diagnostic::error(format!(
            "`{}` is not a Lectern programme: it has no {CONFIG_FILE}",
            root.display()
        ))
        .help("run lectern in a programme folder, pass `--root DIR`, or create one with `lectern new DIR`"));
    }
    let file = read_source(root, Path::new(CONFIG_FILE))?;
    SiteConfig::parse(&file)
}

/// Read a Markdown file and parse its front matter into `F`.
pub fn load_markdown<F: DeserializeOwned>(root: &Path, rel: &Path) -> Result<(MarkdownSource, F), Diagnostic> {
    load_markdown_with(root, rel, false)
}

/// Like [`load_markdown`]; with `optional`, a file without front matter reads as empty
/// front matter (reveal.js decks have none).
pub fn load_markdown_with<F: DeserializeOwned>(
    root: &Path,
    rel: &Path,
    optional: bool,
) -> Result<(MarkdownSource, F), Diagnostic> {
    parse_markdown(read_source(root, rel)?, optional)
}

/// Split the text of a Markdown file read into `file` and parse its front matter into `F`
/// (what [`load_markdown_with`] does once the file is read).
pub(crate) fn parse_markdown<F: DeserializeOwned>(
    file: Arc<SourceFile>,
    optional: bool,
) -> Result<(MarkdownSource, F), Diagnostic> {
    let split = match split_front_matter(&file.text) {
        FrontMatter::Found(s) => s,
        FrontMatter::Missing if optional => frontmatter::Split {
            front: 0..0,
            body_start: 0,
        },
        FrontMatter::Missing => {
            let key = if file.path.starts_with("content/qa") {
                "question: 问题"
            } else {
                "title: 课程标题"
            };
            return Err(Diagnostic::error("missing front matter")
                .at(&file, 0..0)
                .label("expected a `---` line here")
                .help(format!("start the file with front matter:\n---\n{key}\n---")));
        }
        FrontMatter::Unclosed => {
            return Err(Diagnostic::error("front matter is not closed")
                .at(&file, 0..3)
                .label("opened here")
                .help("end the front matter with a line containing only `---`"));
        }
    };
    let front = yaml::parse::<F>(&file, split.front.clone())?;
    Ok((
        MarkdownSource {
            file,
            front_range: split.front,
            body_start: split.body_start,
        },
        front,
    ))
}

type LoadedLessons = (Vec<Module>, Vec<Lesson>, Vec<LessonId>);
/// (module index, source path, the file read and its front matter parsed)
type ParsedLesson = (usize, PathBuf, Result<(MarkdownSource, LessonFront), Diagnostic>);

fn load_lessons(
    root: &Path,
    opts: LoadOptions,
    diags: &mut Diagnostics,
    failed: &mut HashSet<PathBuf>,
) -> LoadedLessons {
    let lessons_dir = Path::new("content").join("lessons");
    let mut module_dirs: Vec<(ModuleId, PathBuf)> = Vec::new();
    let mut lesson_files: Vec<(usize, PathBuf)> = Vec::new();

    if root.join(&lessons_dir).is_dir() {
        let mut walker = WalkDir::new(root.join(&lessons_dir))
            .follow_links(true)
            .min_depth(1)
            .max_depth(2)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !is_ignored_name(&e.file_name().to_string_lossy()));
        while let Some(entry) = walker.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    diags.push(files::walk_error(root, &e));
                    continue;
                }
            };
            let rel = rel_to(root, entry.path());
            // (Linked files are checked when read.)
            if entry.path_is_symlink() && entry.file_type().is_dir() {
                if let Err(d) = files::confined(root, &rel) {
                    diags.push(d);
                    walker.skip_current_dir();
                    continue;
                }
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.file_type().is_dir();
            match (entry.depth(), is_dir) {
                (1, true) => module_dirs.push((ModuleId(name), rel)),
                (1, false) if name.ends_with(".md") => diags.push(
                    Diagnostic::warning("lesson is not inside a module folder; it is ignored")
                        .at_path(rel)
                        .help("move it into a folder such as content/lessons/01-basics/"),
                ),
                (2, false) if name == "index.md" => diags.push(
                    Diagnostic::error("a lesson cannot be called index.md: that name is the module's own page")
                        .at_path(rel)
                        .help("rename the file, e.g. 00-introduction.md"),
                ),
                (2, false) if name.ends_with(".md") && !entry.file_type().is_file() => diags.push(
                    Diagnostic::warning("ignored: not a regular file (a named pipe, socket or device)")
                        .at_path(rel)
                        .help("lessons are ordinary files"),
                ),
                (2, false) if name.ends_with(".md") => {
                    if let Some(m) = module_dirs.len().checked_sub(1) {
                        lesson_files.push((m, rel));
                    }
                }
                (_, false) if name.to_ascii_lowercase().ends_with(".md") => diags.push(
                    Diagnostic::warning("ignored: lesson files must end in lowercase `.md`")
                        .at_path(rel)
                        .help("rename the extension to .md"),
                ),
                (2, true) if contains_markdown(entry.path()) => diags.push(
                    Diagnostic::warning("folders inside a module are not read; its lessons are ignored")
                        .at_path(rel)
                        .help("modules are one level deep: content/lessons/MODULE/LESSON.md"),
                ),
                _ => {}
            }
        }
    }

    let metas: Vec<Result<ModuleMeta, Diagnostic>> = module_dirs
        .par_iter()
        .map(|(_, dir)| {
            let Some(meta_rel) = module_meta_file(root, dir) else {
                return Ok(ModuleMeta::default());
            };
            let file = read_source(root, &meta_rel)?;
            yaml::parse(&file, 0..file.text.len())
        })
        .collect();

    let parsed: Vec<ParsedLesson> = lesson_files
        .into_par_iter()
        .map(|(m, rel)| {
            let result = load_markdown_with::<LessonFront>(root, &rel, true);
            (m, rel, result)
        })
        .collect();

    let mut modules: Vec<Module> = module_dirs
        .iter()
        .zip(metas)
        .map(|((id, dir), meta)| {
            let meta = meta.unwrap_or_else(|d| {
                failed.insert(module_meta_file(root, dir).unwrap_or_default());
                diags.push(d);
                ModuleMeta::default()
            });
            Module {
                title: meta.title.unwrap_or_else(|| id.0.clone()),
                id: id.clone(),
                order: meta.order,
                summary: meta.summary,
                lessons: Vec::new(),
            }
        })
        .collect();

    let mut by_module: Vec<Vec<Lesson>> = modules.iter().map(|_| Vec::new()).collect();
    let mut draft_ids = Vec::new();
    for (m, rel, result) in parsed {
        match result {
            Ok((source, front)) => {
                let stem = rel.file_stem().unwrap_or_default().to_string_lossy();
                let id = LessonId::new(&modules[m].id, &stem);
                if front.draft && !opts.drafts {
                    draft_ids.push(id);
                    continue;
                }
                let title = lesson_title(&source, &front, diags);
                by_module[m].push(Lesson {
                    id,
                    module: m,
                    source,
                    front,
                    title,
                });
            }
            Err(d) => {
                failed.insert(rel);
                diags.push(d);
            }
        }
    }

    // Order modules, then lay lessons out in reading order.
    let mut order: Vec<usize> = (0..modules.len()).collect();
    order.sort_by(|&a, &b| {
        sort_key(modules[a].order, &modules[a].id.0).cmp(&sort_key(modules[b].order, &modules[b].id.0))
    });
    let mut sorted_modules = Vec::with_capacity(modules.len());
    let mut lessons = Vec::new();
    let mut taken: Vec<Option<Module>> = modules.drain(..).map(Some).collect();
    for (new_index, &old) in order.iter().enumerate() {
        let mut module = taken[old].take().expect("each module is placed once");
        let mut group = std::mem::take(&mut by_module[old]);
        group.sort_by_key(|a| sort_key(a.front.order, a.id.stem()));
        for mut lesson in group {
            lesson.module = new_index;
            module.lessons.push(lessons.len());
            lessons.push(lesson);
        }
        sorted_modules.push(module);
    }
    (sorted_modules, lessons, draft_ids)
}

/// `_module.yaml` (or `.yml`) of a module folder, if it has one.
fn module_meta_file(root: &Path, dir: &Path) -> Option<PathBuf> {
    ["_module.yaml", "_module.yml"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| root.join(p).is_file())
}

/// Whether a folder holds Markdown files (that a user may expect to become lessons).
fn contains_markdown(dir: &Path) -> bool {
    WalkDir::new(dir)
        .max_depth(4)
        .into_iter()
        .flatten()
        .any(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
}

fn rel_to(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).unwrap_or(p).to_path_buf()
}
