//! In-memory entry points for the fuzz targets (`fuzz/`) and the property tests
//! (`tests/fuzz_props.rs`); not part of the supported API.
//!
//! A small programme is put together from `(path, text)` pairs instead of files. Each text
//! is parsed as `load` parses the file at that path (front matter, YAML, the lesson title),
//! then [`compile`] validates it and runs the Markdown pass as `build::compile` does, and
//! [`render`] makes every page, deck and search file with `build::render_site`. Nothing is
//! read or written: linked files, theme overrides and images are looked up under [`ROOT`],
//! which does not exist.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::build::{self, Compiled};
use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::load::{self, Loaded};
use crate::model::{
    GlossaryEntry, Lesson, LessonFront, LessonId, Module, ModuleId, Page, PageFront, Programme, QaFront, QaId, QaItem,
    Role, Sop, SopId, SopSpec,
};
use crate::yaml;

/// The programme root the texts pretend to live in.
pub const ROOT: &str = "/nonexistent/lectern-fuzz";

/// A small programme for a fuzzed file to join, so its references have something to find:
/// two roles, an SOP, a question, a lesson, a glossary and a home page.
pub const BASE: &[(&str, &str)] = &[
    ("lectern.yaml", "title: 模糊测试\nlanguage: zh-CN\nbase_url: https://example.com/\nnotes: show\n"),
    (
        "content/roles.yaml",
        "- id: lead\n  title: 组长\n  lessons: [m/base]\n- id: creator\n  title: 学员\n  reports_to: lead\n  sops: [daily]\n",
    ),
    (
        "content/sops/daily.yaml",
        "title: 日报\nowner: lead\nperformers: [creator]\nlessons: [m/base]\nsections:\n  - title: 发布\n    steps:\n      - text: 发布 **三条** 切片，见 [课程](lesson:m/base)\n        help: 参考 [问答](qa:gmv)\n      - { text: 播放量, type: number, min: 0 }\n",
    ),
    (
        "content/qa/gmv.md",
        "---\nquestion: GMV 是什么？\ntags: [数据]\nroles: [creator]\nrelated: [sop:daily]\n---\nGMV 就是**成交总额**。见 [小结](lesson:m/base#小结)。\n",
    ),
    (
        "content/lessons/m/base.md",
        "---\ntitle: 基础\nroles: [creator]\n---\n# 开场\n\n正文\n\n---\n\n## 小结\n\n* 一\n* 二\n\nNote: 讲者备注\n",
    ),
    ("content/glossary.yaml", "- term: GMV\n  aliases: [成交总额]\n  definition: 成交总额\n"),
    ("content/index.md", "---\ntitle: 首页\n---\n欢迎。[开始](lessons/m/base.md)\n"),
];

/// Decode a fuzzer's bytes as `load` decodes a file: UTF-8 only, a leading BOM dropped.
pub fn text(bytes: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(bytes).ok()?;
    Some(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// [`BASE`] with `path` replaced by (or extended with) `text`.
pub fn with_file<'a>(path: &'a str, text: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut files: Vec<(&str, &str)> = BASE.iter().copied().filter(|(p, _)| *p != path).collect();
    files.push((path, text));
    files
}

/// Load `files` as `load::load` loads a programme folder holding them, then validate and
/// render the Markdown (`build::compile`). Paths are root-relative: `lectern.yaml`,
/// `content/index.md`, `content/lessons/M/L.md`, `content/sops/ID.yaml`,
/// `content/roles.yaml`, `content/qa/ID.md`, `content/glossary.yaml`; others are ignored.
pub fn compile(files: &[(&str, &str)]) -> (Option<Compiled>, Diagnostics) {
    build::compile_loaded(load_texts(files))
}

fn load_texts(files: &[(&str, &str)]) -> Loaded {
    let mut diags = Diagnostics::default();
    let mut failed: HashSet<PathBuf> = HashSet::new();
    // As `load::read_source`: a leading byte-order mark is dropped.
    let file =
        |path: &str, text: &str| SourceFile::new(path, text.strip_prefix('\u{feff}').unwrap_or(text).to_string());
    let config_text = files
        .iter()
        .find(|(p, _)| *p == load::CONFIG_FILE)
        .map_or(BASE[0].1, |(_, t)| *t);
    let config = match SiteConfig::parse(&file(load::CONFIG_FILE, config_text)) {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            return Loaded {
                programme: None,
                failed_files: failed,
                diagnostics: diags,
            };
        }
    };
    let mut programme = Programme {
        root: PathBuf::from(ROOT),
        config,
        home: None,
        modules: Vec::new(),
        lessons: Vec::new(),
        draft_ids: Vec::new(),
        sops: Vec::new(),
        roles: Vec::new(),
        roles_file: None,
        qa: Vec::new(),
        glossary: Vec::new(),
        glossary_file: None,
    };
    for &(path, text) in files {
        let source = file(path, text);
        let stem = || {
            Path::new(path)
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        };
        let result: Result<(), Diagnostic> = match path.split('/').collect::<Vec<_>>()[..] {
            ["content", "index.md"] => load::parse_markdown::<PageFront>(source, false).map(|(source, front)| {
                programme.home = Some(Page { source, front });
            }),
            ["content", "lessons", module, name] if name.ends_with(".md") => {
                load::parse_markdown::<LessonFront>(source, true).map(|(source, front)| {
                    let m = match programme.modules.iter().position(|m| m.id.0 == module) {
                        Some(m) => m,
                        None => {
                            programme.modules.push(Module {
                                id: ModuleId(module.to_string()),
                                title: module.to_string(),
                                order: None,
                                summary: None,
                                lessons: Vec::new(),
                            });
                            programme.modules.len() - 1
                        }
                    };
                    let id = LessonId::new(&programme.modules[m].id, &stem());
                    if front.draft {
                        programme.draft_ids.push(id);
                        return;
                    }
                    let title = load::lesson_title(&source, &front, &mut diags);
                    programme.modules[m].lessons.push(programme.lessons.len());
                    programme.lessons.push(Lesson {
                        id,
                        module: m,
                        source,
                        front,
                        title,
                    });
                })
            }
            ["content", "sops", name] if name.ends_with(".yaml") || name.ends_with(".yml") => {
                yaml::parse::<SopSpec>(&source, 0..source.text.len()).map(|spec| {
                    programme.sops.push(Sop {
                        id: SopId(stem()),
                        file: source.clone(),
                        spec,
                    })
                })
            }
            ["content", "roles.yaml"] => yaml::parse::<Vec<Role>>(&source, 0..source.text.len()).map(|roles| {
                programme.roles = roles;
                programme.roles_file = Some(source.clone());
            }),
            ["content", "qa", name] if name.ends_with(".md") => {
                load::parse_markdown::<QaFront>(source, false).map(|(source, front)| {
                    programme.qa.push(QaItem {
                        id: QaId(stem()),
                        source,
                        front,
                    })
                })
            }
            ["content", "glossary.yaml"] => {
                yaml::parse::<Vec<GlossaryEntry>>(&source, 0..source.text.len()).map(|entries| {
                    programme.glossary = entries;
                    programme.glossary_file = Some(source.clone());
                })
            }
            _ => Ok(()),
        };
        if let Err(d) = result {
            failed.insert(PathBuf::from(path));
            diags.push(d);
        }
    }
    Loaded {
        programme: Some(programme),
        failed_files: failed,
        diagnostics: diags,
    }
}

/// Render every page, deck and search file of `c` as `lectern check` does
/// (`build::render_site`).
pub fn render(c: &Compiled) -> Result<build::RenderedSite, Vec<Diagnostic>> {
    build::render_site(c, Path::new(ROOT))
}

/// One fuzz input as the file at `path` in [`BASE`]: compile it, then render everything
/// (as `lectern check` does, errors or not). Panics only on a bug.
pub fn run(path: &str, text: &str) -> Option<build::RenderedSite> {
    let (compiled, _) = compile(&with_file(path, text));
    render(&compiled?).ok()
}

/// What a page fuzz target runs on each input: `bytes` (when UTF-8) as the file at `path`.
pub fn run_bytes(path: &str, bytes: &[u8]) {
    if let Some(text) = text(bytes) {
        let _ = run(path, text);
    }
}

/// Load templates, syntax definitions and themes once per process, so the first timed
/// input of a fuzz run does not pay for them.
pub fn warm_up() {
    let _ = run("content/lessons/m/warm.md", "# 热身\n\n```rust\nfn main() {}\n```\n");
}

/// The search side of a fuzz input: the tokenizer on `text`, and a query over a small
/// index built from records made of it.
pub fn search(query: &str, text: &str) {
    use crate::search::{self, query as q, tokenize, Kind, Record};
    let normalized = tokenize::normalize(text);
    tokenize::for_each_index_term(&normalized, |_| {});
    let _ = tokenize::index_terms(text);
    let _ = tokenize::query_terms(query);
    let _ = tokenize::runs(&normalized);
    let _ = crate::markdown::plain_text(text);
    let records: Vec<Record> = text
        .split("\n\n")
        .enumerate()
        .map(|(i, chunk)| Record {
            kind: Kind::Lesson,
            title: chunk.lines().next().unwrap_or("").to_string(),
            crumb: String::new(),
            url: format!("r{i}.html"),
            roles: Vec::new(),
            tags: Vec::new(),
            fields: [
                chunk.lines().next().unwrap_or("").to_string(),
                String::new(),
                String::new(),
                chunk.to_string(),
            ],
        })
        .collect();
    let glossary: Vec<GlossaryEntry> = query
        .split_whitespace()
        .take(4)
        .map(|name| GlossaryEntry {
            term: yaml::Spanned::new(
                name.to_string(),
                serde_saphyr::Location::UNKNOWN,
                serde_saphyr::Location::UNKNOWN,
            ),
            aliases: Vec::new(),
            definition: None,
        })
        .collect();
    let index = search::build(records, &glossary);
    let _ = q::parse(query, &index.glossary);
    let _ = search::search(&index, query, 10);
    let _ = index.files();
}
