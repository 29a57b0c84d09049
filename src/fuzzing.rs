//! In-memory entry points for the fuzz targets (`fuzz/`) and the property tests
//! (`tests/fuzz_props.rs`); not part of the supported API.
//!
//! A small programme is put together from `(path, text)` pairs instead of files and goes
//! through the real loader (`load::parse`, the step after reading files), then [`compile`]
//! validates it and runs the Markdown pass as `compile::compile` does, and
//! [`site`] makes every page, deck and search file with `build::site_in_memory`. Nothing is
//! read or written: linked files, theme overrides and images are looked up under [`ROOT`],
//! which does not exist.

use std::path::Path;

use crate::build;
use crate::compile::{self, Compiled};
use crate::diag::Diagnostics;
use crate::load::{self, LoadOptions, Sources};
use crate::model::GlossaryEntry;
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

/// Load `files` as `load::load` loads a programme folder holding them (the same
/// [`load::parse`], on [`Sources::from_texts`]), then validate and render the Markdown
/// (`compile::compile`). Paths are root-relative: `lectern.yaml` (BASE's when missing),
/// `content/index.md`, `content/lessons/M/L.md`, `content/lessons/M/_module.yaml`,
/// `content/sops/ID.yaml`, `content/roles.yaml`, `content/qa/ID.md`,
/// `content/glossary.yaml`; others are ignored.
pub fn compile(files: &[(&str, &str)]) -> (Option<Compiled>, Diagnostics) {
    let mut files = files.to_vec();
    if !files.iter().any(|(p, _)| *p == load::CONFIG_FILE) {
        files.push(BASE[0]);
    }
    let loaded = load::parse(
        Path::new(ROOT),
        Sources::from_texts(&files),
        LoadOptions::default(),
        Diagnostics::default(),
    );
    compile::compile_loaded(loaded)
}

/// Render every page, deck and search file of `c` as `lectern check` does
/// (`build::site_in_memory`).
pub fn site(c: &Compiled) -> Option<build::RenderedSite> {
    build::site_in_memory(c, Path::new(ROOT), &mut Diagnostics::default())
}

/// One fuzz input as the file at `path` in [`BASE`]: compile it, then render everything
/// (as `lectern check` does, errors or not). Panics only on a bug.
pub fn run(path: &str, text: &str) -> Option<build::RenderedSite> {
    let (compiled, _) = compile(&with_file(path, text));
    site(&compiled?)
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
    // What the index weighs with: the same terms, keyed, and their count.
    tokenize::for_each_keyed_term(&normalized, |_, _| {});
    let _ = tokenize::count_index_terms(&normalized);
    let _ = tokenize::index_terms(text);
    let _ = tokenize::query_terms(query);
    let _ = tokenize::runs(&normalized);
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
            anchor: crate::urls::slugify(name),
        })
        .collect();
    let index = search::build(records, &glossary);
    let _ = q::parse(query, &index.glossary, &index.tuning);
    let _ = search::search(&index, query, 10);
    let _ = index.files();
}
