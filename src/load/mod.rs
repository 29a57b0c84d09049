//! Load: files on disk → the typed content model ([`crate::model`]), in two steps.
//!
//! [`discover`] is the I/O: it finds `lectern.yaml`, `content/index.md`, the modules and
//! lessons under `content/lessons/`, the SOPs, roles, questions and glossary, and reads
//! them into [`Sources`]. [`parse`] is pure: front matter split once per file, YAML parsed,
//! drafts left out, modules and lessons ordered. Problems are collected, not fatal: a lesson
//! whose front matter is broken is reported and left out, and loading goes on so one run
//! shows every problem.

mod collections;
mod deck_front;
mod discover;
mod files;
mod foreign_keys;
pub mod frontmatter;
pub mod order;
mod toml_front;

use order::sort_key;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

pub(crate) use deck_front::lesson_front;
pub use discover::{discover, ModuleSources, SourceKind, Sources};
pub use files::{is_ignored_name, read_source};
pub use frontmatter::{split as split_front_matter, FrontMatter};

use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::model::*;
use crate::yaml;

pub const CONFIG_FILE: &str = "lectern.yaml";

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

/// Load the programme at `root`: [`discover`] reads the files, [`parse`] makes the model.
pub fn load(root: &Path, opts: LoadOptions) -> Loaded {
    let mut diags = Diagnostics::default();
    let sources = discover(root, &mut diags);
    parse(root, sources, opts, diags)
}

/// The model from sources already read: no I/O, so build, serve and the fuzz targets share
/// it. `root` is only recorded (later steps resolve linked files under it). Problems are
/// added to `diags`; the programme is `None` when there is no usable `lectern.yaml`.
pub fn parse(root: &Path, sources: Sources, opts: LoadOptions, mut diags: Diagnostics) -> Loaded {
    let mut failed = sources.unreadable;
    let config = match sources.config.map(|file| SiteConfig::parse(&file)) {
        Some(Ok(c)) => c,
        problem => {
            if let Some(Err(d)) = problem {
                diags.push(d);
            }
            return Loaded {
                programme: None,
                failed_files: failed,
                diagnostics: diags,
            };
        }
    };
    let home = sources.home.and_then(|file| {
        let path = file.path.clone();
        // Optional, as for lessons: a docsify or GitHub README is the home page as it is.
        parse_markdown::<PageFront>(file, true)
            .map(|(source, front)| Page { source, front })
            .map_err(|d| {
                failed.insert(path);
                diags.push(d);
            })
            .ok()
    });
    let (modules, lessons, draft_ids) = parse_lessons(sources.modules, opts, &mut diags, &mut failed);
    let sops = collections::parse_sops(sources.sops, &mut diags, &mut failed);
    let roles = collections::parse_roles(sources.roles, &mut diags, &mut failed);
    let qa = collections::parse_qa(sources.qa, &mut diags, &mut failed);
    let glossary = collections::parse_glossary(sources.glossary, &mut diags);
    let quizzes = collections::parse_quizzes(sources.quizzes, &mut diags, &mut failed);
    Loaded {
        programme: Some(Programme {
            root: root.to_path_buf(),
            config,
            home,
            modules,
            lessons,
            draft_ids,
            sops,
            roles: roles.0,
            roles_file: roles.1,
            qa,
            glossary: glossary.0,
            glossary_file: glossary.1,
            quizzes,
        }),
        failed_files: failed,
        diagnostics: diags,
    }
}

/// Split a Markdown file into front matter and body, once, and parse the front matter into
/// `F`. With `optional`, a file without front matter reads as empty front matter (Marp and
/// reveal.js decks have none).
pub(crate) fn parse_markdown<F: DeserializeOwned>(
    file: Arc<SourceFile>,
    optional: bool,
) -> Result<(MarkdownSource, F), Diagnostic> {
    parse_markdown_with(file, optional, |file, range| {
        yaml::parse::<F>(file, range).map(|front| (front, Vec::new()))
    })
    .map(|(source, front, _)| (source, front))
}

/// A lesson's file: front matter optional, and a Marp or reveal.js deck's front matter
/// read leniently (its warnings returned beside it, see [`deck_front`]).
pub(crate) fn parse_lesson_markdown(
    file: Arc<SourceFile>,
) -> Result<(MarkdownSource, LessonFront, Vec<Diagnostic>), Diagnostic> {
    if let Some(split) = frontmatter::split_toml(&file.text) {
        // Hugo's `+++` front matter: read, and never part of the body.
        let (front, problems) = toml_front::lesson_front(&file, split.front.clone());
        return Ok((markdown_source(file, split), front, problems));
    }
    parse_markdown_with(file, true, deck_front::lesson_front)
}

fn parse_markdown_with<F>(
    file: Arc<SourceFile>,
    optional: bool,
    parse_front: impl FnOnce(&Arc<SourceFile>, std::ops::Range<usize>) -> Result<(F, Vec<Diagnostic>), Diagnostic>,
) -> Result<(MarkdownSource, F, Vec<Diagnostic>), Diagnostic> {
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
    let (front, warnings) = parse_front(&file, split.front.clone())?;
    Ok((markdown_source(file, split), front, warnings))
}

/// The lesson's source once its front matter is found.
fn markdown_source(file: Arc<SourceFile>, split: frontmatter::Split) -> MarkdownSource {
    // CommonMark shows U+0000 as U+FFFD, but pulldown-cmark passes it through to the page:
    // replace it in the body only, so every offset before the body holds. (The front matter
    // keeps it: YAML refuses the character, with its position.)
    let file = match file.text[split.body_start..].contains('\0') {
        true => SourceFile::new(
            &file.path,
            format!(
                "{}{}",
                &file.text[..split.body_start],
                file.text[split.body_start..].replace('\0', "\u{fffd}")
            ),
        ),
        false => file,
    };
    MarkdownSource {
        version: content_version(&file.text),
        file,
        front_range: split.front,
        body_start: split.body_start,
    }
}

type ParsedLessons = (Vec<Module>, Vec<Lesson>, Vec<LessonId>);

/// Modules and lessons from their files, in reading order: modules by `order` then name,
/// lessons within a module likewise. Drafts are left out (their ids kept) unless asked for.
fn parse_lessons(
    sources: Vec<ModuleSources>,
    opts: LoadOptions,
    diags: &mut Diagnostics,
    failed: &mut HashSet<PathBuf>,
) -> ParsedLessons {
    type Parsed = (
        Result<ModuleMeta, Diagnostic>,
        Vec<Result<(MarkdownSource, LessonFront, Vec<Diagnostic>), Diagnostic>>,
    );
    let parsed: Vec<Parsed> = sources
        .par_iter()
        .map(|m| {
            let meta = m.meta.as_ref().map_or(Ok(ModuleMeta::default()), |file| {
                yaml::parse::<ModuleMeta>(file, 0..file.text.len())
            });
            let lessons = m
                .lessons
                .par_iter()
                .map(|file| parse_lesson_markdown(Arc::clone(file)))
                .collect();
            (meta, lessons)
        })
        .collect();

    let mut modules = Vec::with_capacity(sources.len());
    let mut by_module: Vec<Vec<Lesson>> = Vec::with_capacity(sources.len());
    let mut draft_ids = Vec::new();
    for (m, (source, (meta, lessons))) in sources.iter().zip(parsed).enumerate() {
        let meta = meta.unwrap_or_else(|d| {
            failed.insert(source.meta.as_ref().map(|f| f.path.clone()).unwrap_or_default());
            diags.push(d);
            ModuleMeta::default()
        });
        let mut group = Vec::with_capacity(lessons.len());
        for (file, result) in source.lessons.iter().zip(lessons) {
            match result {
                Ok((markdown, front, warnings)) => {
                    diags.extend(warnings);
                    let stem = file.path.file_stem().unwrap_or_default().to_string_lossy();
                    let id = LessonId::new(&source.id, &stem);
                    if front.draft && !opts.drafts {
                        draft_ids.push(id);
                        continue;
                    }
                    group.push(Lesson {
                        id,
                        module: m,
                        source: markdown,
                        front,
                        // From the front matter or the first heading, once the Markdown
                        // pass has run (`validate::assign_titles`).
                        title: String::new(),
                    });
                }
                Err(d) => {
                    failed.insert(file.path.clone());
                    diags.push(d);
                }
            }
        }
        by_module.push(group);
        modules.push(Module {
            title: meta.title.unwrap_or_else(|| source.id.0.clone()),
            id: source.id.clone(),
            order: meta.order,
            summary: meta.summary,
            lessons: Vec::new(),
        });
    }

    // Order modules, then lay lessons out in reading order.
    let mut order: Vec<usize> = (0..modules.len()).collect();
    order.sort_by(|&a, &b| {
        sort_key(modules[a].order, &modules[a].id.0).cmp(&sort_key(modules[b].order, &modules[b].id.0))
    });
    let mut sorted_modules = Vec::with_capacity(modules.len());
    // Sized up front: a lesson is large, and growing the list moved every one of them.
    let mut lessons = Vec::with_capacity(by_module.iter().map(Vec::len).sum());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_becomes_a_replacement_character_in_the_body_only() {
        let file = SourceFile::new("content/qa/a.md", "---\nquestion: a\n---\nx\0y\n".to_string());
        let (source, _) = parse_markdown::<QaFront>(file, false).unwrap();
        assert_eq!(source.file.text, "---\nquestion: a\n---\nx\u{fffd}y\n");
        let front_nul = SourceFile::new("content/qa/a.md", "---\nquestion: a\0b\n---\n".to_string());
        assert!(
            parse_markdown::<QaFront>(front_nul, false).is_err(),
            "YAML refuses NUL, with its place"
        );
        let (source, _) =
            parse_markdown::<LessonFront>(SourceFile::new("content/lessons/m/a.md", "# 无前言\0\n".into()), true)
                .unwrap();
        assert_eq!(source.file.text, "# 无前言\u{fffd}\n");
    }
}
