//! From an [`Outline`] to a [`Plan`]: every file of the programme to be, with its bytes or
//! the source file it copies, every rewritten reference and every problem. Pure: the
//! source is read already and nothing is written here.

use std::collections::{BTreeMap, BTreeSet};

use super::convert;
use super::outline::{self, Chapter, Outline};
use super::refs::Resolver;
use super::tree::SourceTree;
use super::ImportOptions;
use crate::config::Language;
use crate::diag::Diagnostic;

/// Everything `lectern import` will write.
pub struct Plan {
    pub title: String,
    pub language: Language,
    pub home: Option<PlannedDoc>,
    pub modules: Vec<PlannedModule>,
    /// Files written: `/`-separated paths in DEST, in name order.
    pub files: BTreeMap<String, Content>,
    /// (source, destination) of every file copied as it is (images, attachments).
    pub copies: Vec<(String, String)>,
    pub rewrites: Vec<Rewrite>,
    /// References to nothing in the source, at their SRC file:line:col.
    pub broken: Vec<Diagnostic>,
    /// Everything else that could not be converted.
    pub problems: Vec<Diagnostic>,
    /// Chapters not in the table of contents, imported into the last module.
    pub unlisted: Vec<String>,
}

pub enum Content {
    Bytes(Vec<u8>),
    /// A copy of this file of the source folder.
    Copy(String),
}

pub struct PlannedModule {
    pub id: String,
    pub title: String,
    pub lessons: Vec<PlannedDoc>,
}

/// A lesson, or the home page.
pub struct PlannedDoc {
    /// `MODULE/LESSON` (`index` for the home page).
    pub id: String,
    pub title: String,
    pub source: String,
    pub dest: String,
    /// Whether a `title:` front matter block was added.
    pub front_matter_added: bool,
}

/// A reference whose destination changed.
pub struct Rewrite {
    /// `SRC/FILE:LINE:COL`.
    pub at: String,
    pub from: String,
    pub to: String,
}

pub fn plan(tree: &SourceTree, mut outline: Outline, opts: &ImportOptions) -> Plan {
    let language = opts
        .language
        .or_else(|| outline.language.as_deref().and_then(language_named))
        .unwrap_or_else(|| {
            let listed: Vec<&str> = (outline.home.iter().map(|h| h.path.as_str()))
                .chain(
                    outline
                        .groups
                        .iter()
                        .flat_map(|g| g.chapters.iter().map(|c| c.path.as_str())),
                )
                .collect();
            super::language::guess(tree, &listed)
        });
    let words = Words::of(language);
    let mut p = Plan {
        title: String::new(),
        language,
        home: None,
        modules: Vec::new(),
        files: BTreeMap::new(),
        copies: Vec::new(),
        rewrites: Vec::new(),
        broken: Vec::new(),
        problems: std::mem::take(&mut outline.problems),
        unlisted: Vec::new(),
    };
    p.problems.extend(tree.unreadable.iter().cloned());

    // Chapters: each file once, in table-of-contents order; the rest is "unlisted".
    let mut taken: BTreeSet<String> = BTreeSet::new();
    if let Some(home) = &outline.home {
        taken.insert(home.path.clone());
    }
    for g in &mut outline.groups {
        g.chapters.retain(|c| taken.insert(c.path.clone()));
    }
    outline.groups.retain(|g| !g.chapters.is_empty());
    // Fragments that chapters `{{#include}}` are part of them, not chapters of their own.
    if outline.mdbook {
        for path in tree.markdown_under(&outline.root) {
            if let Some(f) = tree.text(path) {
                for target in super::mdbook_links::targets(&f.text, path) {
                    taken.insert(target);
                }
            }
        }
    }
    // So are the files that legacy GitBook chapters `{% include "x.md" %}`.
    if outline.gitbook {
        for path in tree.markdown_under(&outline.root) {
            if let Some(f) = tree.text(path) {
                taken.extend(super::liquid::include_targets(&f.text, path, &outline.root));
            }
        }
    }
    let unlisted: Vec<Chapter> = tree
        .markdown_under(&outline.root)
        .filter(|path| {
            !taken.contains(*path) && !outline.machinery.iter().any(|m| m == path) && super::tree::may_be_chapter(path)
        })
        .map(|path| Chapter {
            title: None,
            path: path.to_string(),
        })
        .collect();
    p.unlisted = unlisted.iter().map(|c| c.path.clone()).collect();
    if !unlisted.is_empty() {
        outline.groups.push(outline::Group {
            title: Some(words.unlisted.to_string()),
            chapters: unlisted,
        });
    }

    // Where each chapter goes.
    let mut dest_of: BTreeMap<String, String> = BTreeMap::new();
    let width = outline.groups.len().to_string().len().max(2);
    for (gi, group) in outline.groups.iter().enumerate() {
        let title = group.title.clone().unwrap_or_else(|| words.part(gi + 1));
        let id = format!("{:0width$}-{}", gi + 1, id_slug(&title, "module"));
        let lesson_width = group.chapters.len().to_string().len().max(2);
        let mut lessons = Vec::new();
        for (ci, chapter) in group.chapters.iter().enumerate() {
            // A README at the book's root is named by its title, not by the root folder
            // (`src/README.md` was `01-src`).
            let at_root = outline::parent(&chapter.path) == outline.root;
            let stem = match (
                &chapter.title,
                at_root && chapter_stem(&chapter.path) != file_stem(&chapter.path),
            ) {
                (Some(title), true) => title.clone(),
                _ => chapter_stem(&chapter.path),
            };
            let lesson = format!("{:0lesson_width$}-{}", ci + 1, id_slug(strip_number(&stem), "lesson"));
            let dest = format!("content/lessons/{id}/{lesson}.md");
            dest_of.insert(chapter.path.clone(), dest.clone());
            lessons.push(PlannedDoc {
                id: format!("{id}/{lesson}"),
                title: chapter.title.clone().unwrap_or_default(),
                source: chapter.path.clone(),
                dest,
                front_matter_added: false,
            });
        }
        p.modules.push(PlannedModule { id, title, lessons });
    }
    if let Some(home) = &outline.home {
        dest_of.insert(home.path.clone(), "content/index.md".into());
    }

    let resolver = Resolver {
        tree,
        root: &outline.root,
        docsify: outline.machinery.iter().any(|m| m.ends_with("_sidebar.md")),
        mdbook: outline.mdbook,
        liquid: outline.gitbook,
        anchors: Default::default(),
    };
    let mut placer = convert::Placer::default();
    if let Some(home) = outline.home.take() {
        let mut doc = PlannedDoc {
            id: "index".into(),
            title: home.title.clone().unwrap_or_default(),
            source: home.path,
            dest: "content/index.md".into(),
            front_matter_added: false,
        };
        convert::convert(
            tree,
            &resolver,
            &dest_of,
            &mut placer,
            &mut doc,
            &mut p,
            opts,
            true,
            outline.decks,
        );
        p.home = Some(doc);
    }
    let mut modules = std::mem::take(&mut p.modules);
    for m in &mut modules {
        for doc in &mut m.lessons {
            convert::convert(
                tree,
                &resolver,
                &dest_of,
                &mut placer,
                doc,
                &mut p,
                opts,
                false,
                outline.decks,
            );
        }
        p.files.insert(
            format!("content/lessons/{}/_module.yaml", m.id),
            Content::Bytes(format!("title: {}\n", yaml_string(&m.title)).into_bytes()),
        );
    }
    p.modules = modules;
    for (src, dest) in &placer.copies {
        p.files.insert(dest.clone(), Content::Copy(src.clone()));
        p.copies.push((src.clone(), dest.clone()));
    }

    p.title = opts
        .title
        .clone()
        .or(outline.title)
        .or_else(|| p.home.as_ref().map(|h| h.title.clone()).filter(|t| !t.is_empty()))
        .unwrap_or_else(|| folder_name(&tree.src));
    p.files.insert(
        "lectern.yaml".into(),
        Content::Bytes(format!("title: {}\nlanguage: {}\n", yaml_string(&p.title), language.code()).into_bytes()),
    );
    p
}

/// The name a chapter is known by: its file name, or its folder's for a generic one
/// (`README`, `index`, `main`: `ch2/main.md` is `ch2`).
pub(super) fn chapter_stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    if matches!(stem.to_ascii_lowercase().as_str(), "readme" | "index" | "main") {
        let folder = outline::parent(path);
        let folder = folder.rsplit('/').next().unwrap_or(folder);
        if !folder.is_empty() {
            return folder.to_string();
        }
    }
    stem.to_string()
}

/// The file name without its extension.
fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// `01-intro` → `intro`, `1. 选题` → `选题`: the number is given again by the order.
fn strip_number(stem: &str) -> &str {
    let rest = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.trim_start_matches(['-', '_', '.', ' ']);
    if rest.is_empty() || rest.len() == stem.len() {
        stem
    } else {
        rest
    }
}

/// A readable id: letters and digits of any script kept, ASCII lowercased, every run of
/// anything else one `-`; at most 40 characters.
pub fn id_slug(text: &str, fallback: &str) -> String {
    let mut id = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
        if id.chars().count() >= 40 {
            break;
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        fallback.to_string()
    } else {
        id.to_string()
    }
}

/// A YAML double-quoted string.
pub(super) fn yaml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn language_named(name: &str) -> Option<Language> {
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("zh") {
        Some(Language::ZhCn)
    } else if lower.starts_with("en") {
        Some(Language::En)
    } else {
        None
    }
}

fn folder_name(src: &std::path::Path) -> String {
    std::path::absolute(src)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "imported".into())
}

/// The names the import gives what it makes, in the programme's language.
struct Words {
    language: Language,
    unlisted: &'static str,
}

impl Words {
    fn of(language: Language) -> Words {
        let unlisted = match language {
            Language::ZhCn => "未列入目录",
            Language::En => "Not in the table of contents",
        };
        Words { language, unlisted }
    }

    /// The title of the `n`th module, for chapters that the source does not group.
    fn part(&self, n: usize) -> String {
        match self.language {
            Language::ZhCn => format!("第 {n} 部分"),
            Language::En => format!("Part {n}"),
        }
    }
}
