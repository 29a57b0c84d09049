//! Finding and reading a programme's files: the only part of loading that touches the
//! disk. What it finds is a [`Sources`]; [`super::parse`] makes the model from it without
//! any I/O, so the fuzz targets and tests can hand it texts instead of files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::files::{self, confined, is_ignored_name, read_source};
use super::CONFIG_FILE;
use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::model::ModuleId;

/// Every source file of a programme, read, in the order loading reads them: modules and
/// lessons by folder and file name, SOPs and questions by file name.
#[derive(Default)]
pub struct Sources {
    pub config: Option<Arc<SourceFile>>,
    pub home: Option<Arc<SourceFile>>,
    pub modules: Vec<ModuleSources>,
    pub sops: Vec<Arc<SourceFile>>,
    pub roles: Option<Arc<SourceFile>>,
    pub qa: Vec<Arc<SourceFile>>,
    pub glossary: Option<Arc<SourceFile>>,
    pub quizzes: Vec<Arc<SourceFile>>,
    /// Files found but not read (reported already), so links to them are not reported again.
    pub unreadable: HashSet<PathBuf>,
}

/// A module folder: `_module.yaml` (or `.yml`) if it has one, and its lesson files.
pub struct ModuleSources {
    pub id: ModuleId,
    pub meta: Option<Arc<SourceFile>>,
    pub lessons: Vec<Arc<SourceFile>>,
}

/// What a file is, by its path relative to the programme folder.
#[derive(Debug, PartialEq, Eq)]
pub enum SourceKind<'a> {
    Config,
    Home,
    ModuleMeta { module: &'a str },
    Lesson { module: &'a str },
    Sop,
    Roles,
    Question,
    Glossary,
    QuizFile,
}

impl SourceKind<'_> {
    /// `content/lessons/01-基础/02-next.md` → a lesson of module `01-基础`. Paths that hold
    /// no content (images, notes, files in the wrong place) give `None`.
    pub fn of(rel: &str) -> Option<SourceKind<'_>> {
        let parts: Vec<&str> = rel.split('/').collect();
        Some(match parts[..] {
            ["lectern.yaml"] => SourceKind::Config,
            ["content", "index.md"] => SourceKind::Home,
            ["content", "roles.yaml"] => SourceKind::Roles,
            ["content", "glossary.yaml"] => SourceKind::Glossary,
            ["content", "lessons", module, "_module.yaml" | "_module.yml"] => SourceKind::ModuleMeta { module },
            ["content", "lessons", module, name] if name.ends_with(".md") => SourceKind::Lesson { module },
            ["content", "sops", name] if name.ends_with(".yaml") || name.ends_with(".yml") => SourceKind::Sop,
            ["content", "qa", name] if name.ends_with(".md") => SourceKind::Question,
            ["content", "quizzes", name] if name.ends_with(".md") => SourceKind::QuizFile,
            _ => return None,
        })
    }
}

impl Sources {
    /// Sources made of `(path, text)` pairs instead of files (fuzzing, tests), placed as
    /// [`discover`] would find them: each text decoded like a file's, modules and lessons
    /// and collections in name order. Paths that hold no content are ignored.
    pub fn from_texts(texts: &[(&str, &str)]) -> Sources {
        let mut texts: Vec<&(&str, &str)> = texts.iter().collect();
        texts.sort_by_key(|(path, _)| *path);
        let mut s = Sources::default();
        for &&(path, text) in &texts {
            let Some(kind) = SourceKind::of(path) else { continue };
            let file = files::source_file(Path::new(path), text.to_string());
            match kind {
                SourceKind::Config => s.config = Some(file),
                SourceKind::Home => s.home = Some(file),
                SourceKind::Roles => s.roles = Some(file),
                SourceKind::Glossary => s.glossary = Some(file),
                SourceKind::Sop => s.sops.push(file),
                SourceKind::Question => s.qa.push(file),
                SourceKind::QuizFile => s.quizzes.push(file),
                SourceKind::ModuleMeta { module } => s.module(module).meta = Some(file),
                SourceKind::Lesson { module } => s.module(module).lessons.push(file),
            }
        }
        s
    }

    fn module(&mut self, id: &str) -> &mut ModuleSources {
        match self.modules.iter().position(|m| m.id.0 == id) {
            Some(i) => &mut self.modules[i],
            None => {
                self.modules.push(ModuleSources {
                    id: ModuleId(id.to_string()),
                    meta: None,
                    lessons: Vec::new(),
                });
                self.modules.last_mut().expect("just pushed")
            }
        }
    }
}

/// Folders content is read from: a link from one of them to outside the programme would
/// publish what is not the programme's.
const CONTENT_DIRS: &[&str] = &[
    "content",
    "content/lessons",
    "content/sops",
    "content/qa",
    "content/quizzes",
];

/// Find and read every source file under `root`. Problems with files (unreadable, in the
/// wrong place, linked from outside) go into `diags`; `config` is `None` when
/// `lectern.yaml` is missing or unreadable, or content is linked in from outside.
pub fn discover(root: &Path, diags: &mut Diagnostics) -> Sources {
    let mut s = Sources::default();
    if !root.join(CONFIG_FILE).is_file() {
        diags.push(
            Diagnostic::error(format!(
                "`{}` is not a Lectern programme: it has no {CONFIG_FILE}",
                root.display()
            ))
            .help("run lectern in a programme folder, pass `--root DIR`, or create one with `lectern new DIR`"),
        );
        return s;
    }
    let linked_out: Vec<Diagnostic> = CONTENT_DIRS
        .iter()
        .filter_map(|d| confined(root, Path::new(d)).err())
        .collect();
    if !linked_out.is_empty() {
        diags.extend(linked_out);
        return s;
    }
    s.config = read_optional(root, CONFIG_FILE, &mut s.unreadable, diags);
    if s.config.is_none() {
        return s;
    }
    s.home = read_optional(root, "content/index.md", &mut s.unreadable, diags);
    s.roles = read_optional(root, "content/roles.yaml", &mut s.unreadable, diags);
    s.glossary = read_optional(root, "content/glossary.yaml", &mut s.unreadable, diags);

    let (module_dirs, lesson_files) = find_lessons(root, diags);
    let sop_files = files_in(root, "content/sops", &["yaml", "yml"], diags);
    let qa_files = files_in(root, "content/qa", &["md"], diags);
    let quiz_files = files_in(root, "content/quizzes", &["md"], diags);
    let metas: Vec<Option<PathBuf>> = module_dirs.iter().map(|(_, dir)| module_meta_file(root, dir)).collect();

    // Every file read in parallel, then put in place in order.
    let mut wanted: Vec<&Path> = Vec::new();
    wanted.extend(metas.iter().flatten().map(PathBuf::as_path));
    wanted.extend(lesson_files.iter().map(|(_, p)| p.as_path()));
    wanted.extend(sop_files.iter().map(PathBuf::as_path));
    wanted.extend(qa_files.iter().map(PathBuf::as_path));
    wanted.extend(quiz_files.iter().map(PathBuf::as_path));
    let results: Vec<Result<Arc<SourceFile>, Diagnostic>> =
        wanted.par_iter().map(|rel| read_source(root, rel)).collect();
    let read: Vec<Option<Arc<SourceFile>>> = wanted
        .iter()
        .zip(results)
        .map(|(rel, result)| match result {
            Ok(file) => Some(file),
            Err(d) => {
                diags.push(d);
                s.unreadable.insert(rel.to_path_buf());
                None
            }
        })
        .collect();
    let mut read = read.into_iter();

    let mut meta_files: Vec<Option<Arc<SourceFile>>> = read.by_ref().take(metas.iter().flatten().count()).collect();
    meta_files.reverse();
    s.modules = module_dirs
        .into_iter()
        .zip(&metas)
        .map(|((id, _), meta)| ModuleSources {
            id,
            meta: meta.as_ref().and_then(|_| meta_files.pop().flatten()),
            lessons: Vec::new(),
        })
        .collect();
    for (m, _) in &lesson_files {
        let file = read.next().flatten();
        s.modules[*m].lessons.extend(file);
    }
    s.sops = read.by_ref().take(sop_files.len()).flatten().collect();
    s.qa = read.by_ref().take(qa_files.len()).flatten().collect();
    s.quizzes = read.flatten().collect();
    files::check_assets(root, diags);
    s
}

/// `root/rel` read, if it exists.
fn read_optional(
    root: &Path,
    rel: &str,
    unreadable: &mut HashSet<PathBuf>,
    diags: &mut Diagnostics,
) -> Option<Arc<SourceFile>> {
    if !root.join(rel).is_file() {
        return None;
    }
    read_source(root, Path::new(rel))
        .map_err(|d| {
            diags.push(d);
            unreadable.insert(PathBuf::from(rel));
        })
        .ok()
}

/// Module folders under `content/lessons/` (id, root-relative path) and lesson files
/// (module index, root-relative path), in name order; what is misplaced is reported.
#[allow(clippy::type_complexity)]
fn find_lessons(root: &Path, diags: &mut Diagnostics) -> (Vec<(ModuleId, PathBuf)>, Vec<(usize, PathBuf)>) {
    let lessons_dir = Path::new("content").join("lessons");
    let mut module_dirs: Vec<(ModuleId, PathBuf)> = Vec::new();
    let mut lesson_files: Vec<(usize, PathBuf)> = Vec::new();
    if !root.join(&lessons_dir).is_dir() {
        return (module_dirs, lesson_files);
    }
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
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
        // (Linked files are checked when read.)
        if entry.path_is_symlink() && entry.file_type().is_dir() {
            if let Err(d) = confined(root, &rel) {
                diags.push(d);
                walker.skip_current_dir();
                continue;
            }
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_dir = entry.file_type().is_dir();
        match (entry.depth(), is_dir) {
            (1, true) if is_asset_folder(entry.path()) => walker.skip_current_dir(),
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
    (module_dirs, lesson_files)
}

/// `_module.yaml` (or `.yml`) of a module folder, if it has one.
fn module_meta_file(root: &Path, dir: &Path) -> Option<PathBuf> {
    ["_module.yaml", "_module.yml"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| root.join(p).is_file())
}

/// A folder in `content/lessons/` with no Markdown and no `_module.yaml` (`images/`, `img/`
/// beside the chapters, as mdBook and docsify books keep them) holds files for lessons to
/// link to, not a module.
fn is_asset_folder(dir: &Path) -> bool {
    module_meta_file(dir, Path::new("")).is_none() && !contains_markdown(dir)
}

/// Whether a folder holds Markdown files (that a user may expect to become lessons).
fn contains_markdown(dir: &Path) -> bool {
    WalkDir::new(dir)
        .max_depth(4)
        .into_iter()
        .flatten()
        .any(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
}

/// Files directly inside `dir` with one of `extensions`, sorted by name; others there are
/// reported (a wrong-case extension, a folder).
fn files_in(root: &Path, dir: &str, extensions: &[&str], diags: &mut Diagnostics) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if is_ignored_name(&name) {
            continue;
        }
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        let wanted = extensions.contains(&extension.as_str());
        if wanted && path.is_file() {
            files.push(Path::new(dir).join(&name));
        } else if path.is_file() && extensions.contains(&extension.to_ascii_lowercase().as_str()) {
            diags.push(
                Diagnostic::warning(format!(
                    "ignored: files in {dir}/ must end in lowercase `.{}`",
                    extensions[0]
                ))
                .at_path(Path::new(dir).join(&name))
                .help("rename the extension"),
            );
        } else if path.is_dir() {
            diags.push(
                Diagnostic::warning(format!("folders inside {dir}/ are not read"))
                    .at_path(Path::new(dir).join(&name))
                    .help(format!("put each file directly in {dir}/")),
            );
        }
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, parse, LoadOptions};

    /// The bundled sample read from disk and the same files handed over as texts load to
    /// the same programme: the fuzz targets run the loader that `build` runs.
    #[test]
    fn texts_load_like_the_files_they_came_from() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<(String, String)> = Vec::new();
        for entry in WalkDir::new(root.join("content")).into_iter().flatten() {
            let rel = entry.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
            if SourceKind::of(&rel).is_some() {
                texts.push((rel, std::fs::read_to_string(entry.path()).unwrap()));
            }
        }
        texts.push((
            CONFIG_FILE.into(),
            std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap(),
        ));
        let pairs: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();

        let from_disk = load(root, LoadOptions::default()).programme.unwrap();
        let from_texts = parse(
            root,
            Sources::from_texts(&pairs),
            LoadOptions::default(),
            Diagnostics::default(),
        )
        .programme
        .unwrap();
        let lessons = |p: &crate::model::Programme| -> Vec<(String, String, usize)> {
            p.lessons
                .iter()
                .map(|l| (l.id.0.clone(), l.title.clone(), l.module))
                .collect()
        };
        assert!(from_disk.lessons.len() >= 10);
        assert_eq!(lessons(&from_disk), lessons(&from_texts));
        let modules =
            |p: &crate::model::Programme| -> Vec<String> { p.modules.iter().map(|m| m.title.clone()).collect() };
        assert_eq!(modules(&from_disk), modules(&from_texts));
        let sops = |p: &crate::model::Programme| -> Vec<String> { p.sops.iter().map(|s| s.id.0.clone()).collect() };
        assert_eq!(sops(&from_disk), sops(&from_texts));
        let qa = |p: &crate::model::Programme| -> Vec<String> { p.qa.iter().map(|q| q.id.0.clone()).collect() };
        assert_eq!(qa(&from_disk), qa(&from_texts));
        assert_eq!(from_disk.roles.len(), from_texts.roles.len());
        assert_eq!(from_disk.glossary.len(), from_texts.glossary.len());
        assert_eq!(from_disk.home.is_some(), from_texts.home.is_some());
    }
}
