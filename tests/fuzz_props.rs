//! Property tests over generated lessons, questions, SOPs, roles and search text: the CI
//! half of fuzzing (the libFuzzer targets are in `fuzz/`, see docs/fuzzing.md).
//!
//! Every input is compiled and rendered to every page, deck and search file through
//! `lectern::fuzzing` (an in-memory programme, as `lectern check` sees it). Each must
//! finish without a panic within [`LIMIT`], and keep the invariants checked in
//! [`check_site`]. The seed is fixed so CI is repeatable; `PROPTEST_RNG_SEED=N` and
//! `PROPTEST_CASES=N` explore further. Inputs that once crashed a fuzz target are replayed
//! from `tests/fixtures/fuzz-regressions/TARGET/`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use lectern::compile::Compiled;
use lectern::diag::Diagnostics;
use lectern::fuzzing;
use lectern::search::tokenize::{index_terms, normalize, query_terms};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use pulldown_cmark::{Event, Parser};

/// The longest one input may take to load, validate and run through the Markdown pass: a
/// hang detector, not a speed check (speed is measured in bench/), so generous enough for a
/// loaded 2-core CI machine running every test binary at once.
const LIMIT: Duration = Duration::from_secs(10);
/// The longest rendering the whole site may take. `site_in_memory` parses the templates and
/// builds the highlighting stylesheets on every call, about 0.25 s in a debug build, and
/// CI shares two cores with the other tests; the fuzz targets (release) hold the whole
/// of compile and render to 1 s.
const RENDER_LIMIT: Duration = Duration::from_secs(20);

const LESSON: &str = "content/lessons/m/fuzz.md";
const QUESTION: &str = "content/qa/fuzz.md";
const SOP: &str = "content/sops/fuzz.yaml";
const ROLES: &str = "content/roles.yaml";

/// Put into plain-text fields (titles, questions, tags) and code; must never reach a page
/// unescaped.
const MARKER: &str = "<script>alert('xss')</script>";

fn config(cases: u32) -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(0x1ec7e2);
    }
    config.failure_persistence = None;
    config.max_shrink_time = 60_000;
    config
}

/// Template parsing, syntax sets and highlighting themes load once per process: do that
/// before any input is timed.
fn warm_up() {
    static WARM: std::sync::Once = std::sync::Once::new();
    WARM.call_once(|| {
        fuzzing::run("content/lessons/m/warm.md", "# 热身\n\n```rust\nfn main() {}\n```\n");
    });
}

/// Compile `path` = `text` into the base programme within [`LIMIT`] and, with `render`,
/// render it all within [`RENDER_LIMIT`]. One input at a time is timed, so that tests
/// running in parallel do not slow each other past the limits.
fn compile_and_render(path: &str, text: &str, render: bool) -> (Option<Compiled>, Diagnostics, Vec<(String, String)>) {
    static SERIAL: Mutex<()> = Mutex::new(());
    warm_up();
    let _one_at_a_time = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let started = Instant::now();
    let (compiled, diags) = fuzzing::compile(&fuzzing::with_file(path, text));
    let elapsed = started.elapsed();
    assert!(elapsed < LIMIT, "{path} took {elapsed:?} to compile:\n{text}");
    let mut pages = Vec::new();
    if let Some(c) = compiled.as_ref().filter(|_| render) {
        let started = Instant::now();
        if let Some(site) = fuzzing::site(c) {
            pages = site
                .pages
                .into_iter()
                .map(|p| (p.path.clone(), p.into_text()))
                .collect();
        }
        let elapsed = started.elapsed();
        assert!(elapsed < RENDER_LIMIT, "{path} took {elapsed:?} to render:\n{text}");
    }
    (compiled, diags, pages)
}

/// Invariants of a compiled and rendered programme.
fn check_site(c: &Compiled, diags: &Diagnostics, pages: &[(String, String)]) {
    let messages: Vec<String> = diags.iter().map(|d| d.message.clone()).collect();
    let docs = c.docs.iter().chain(&c.qa_docs).chain(c.home.as_ref());
    for doc in docs {
        // Heading ids are unique on a page (an explicit `{#id}` that repeats one is
        // suffixed and reported) and never one of the template's own ids.
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for h in &doc.headings {
            *seen.entry(h.id.as_str()).or_default() += 1;
            assert!(!h.id.is_empty(), "empty heading id");
            assert!(
                h.slide <= doc.slides.len(),
                "heading on slide {} of {}",
                h.slide,
                doc.slides.len()
            );
        }
        for (id, n) in seen {
            assert_eq!(n, 1, "heading id `{id}` used {n} times");
            assert!(
                !["main", "related-heading", "slide-1", "slide-2"].contains(&id),
                "heading took the page's id `{id}`"
            );
        }
        // An explicit `{#id}` that was taken is reported with the id the heading got.
        for m in &messages {
            if let Some(given) = m.split("this heading gets `").nth(1) {
                let given = given.trim_end_matches('`');
                assert!(
                    c.docs
                        .iter()
                        .chain(&c.qa_docs)
                        .chain(c.home.as_ref())
                        .any(|d| d.has_anchor(given)),
                    "{m}: no heading has that id"
                );
            }
        }
        // One search section before the first heading, then one per heading.
        assert_eq!(doc.sections.len(), doc.headings.len() + 1);
        assert!(doc.deck_slide_count() >= 1);
    }
    for (i, lesson) in c.programme.lessons.iter().enumerate() {
        let doc = &c.docs[i];
        let len = lesson.source.file.text.len();
        assert!(doc.slides.iter().all(|s| s.start <= len), "slide start past the end");
        assert!(
            doc.slides.windows(2).all(|w| w[0].start <= w[1].start),
            "slides out of order"
        );
    }
    // Titles, questions, tags and every other plain-text field are escaped, and so is
    // code; a `<script>` reaches a page only as raw HTML that the author wrote.
    if !writes_raw_script(c) {
        for (path, html) in pages {
            assert!(
                !html.contains("<script>alert"),
                "{path} has an unescaped <script>:\n{html}"
            );
        }
    }
}

/// Whether any Markdown of the programme (a body, an SOP step's text or help) holds raw
/// HTML with a `<script` in it, which passes through as written.
fn writes_raw_script(c: &Compiled) -> bool {
    let p = &c.programme;
    let bodies = p
        .lessons
        .iter()
        .map(|l| &l.source)
        .chain(p.qa.iter().map(|q| &q.source))
        .chain(p.home.as_ref().map(|h| &h.source))
        .map(|s| s.file.text[s.body_start..].to_string());
    let steps = p.sops.iter().flat_map(|sop| {
        sop.steps()
            .flat_map(|(_, step)| {
                [
                    Some(step.value.text.clone()),
                    step.value.help.as_ref().map(|h| h.value.clone()),
                ]
            })
            .flatten()
            .collect::<Vec<_>>()
    });
    bodies.chain(steps).any(|text| {
        Parser::new_ext(&text, lectern::markdown::options())
            .any(|e| matches!(e, Event::Html(h) | Event::InlineHtml(h) if h.contains("<script")))
    })
}

// ---------------------------------------------------------------------------------------
// Generators

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(items).prop_map(str::to_string)
}

/// Chinese and mixed text: phrases from real lessons, single characters from the whole
/// range, full-width forms, and the odd character that is not text at all.
fn words() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => pick(&[
            "直播切片", "行业分析", "完播率", "，", "。", "GMV", "成交总额", "KOC", "小结", "日报",
            "抖音", "B站", "618大促", "ＧＭＶ", "Ａ/Ｂ 测试", "剪辑", "一", "二", " ", "  ", "…",
            "「引号」", "a", "Note", "???", "#", "*", "_", "\\", "&amp;", "&", "<", ">", "\"", "'",
        ]),
        1 => proptest::char::range('\u{4e00}', '\u{9fff}').prop_map(String::from),
        1 => proptest::char::range('\u{ff01}', '\u{ff5e}').prop_map(String::from),
        1 => any::<char>().prop_filter("no NUL", |c| *c != '\0').prop_map(String::from),
    ];
    proptest::collection::vec(piece, 1..8).prop_map(|v| v.concat())
}

fn link_target() -> impl Strategy<Value = String> {
    prop_oneof![
        pick(&[
            "lesson:m/base",
            "lesson:m/base#小结",
            "lesson:m/nope",
            "lesson:",
            "sop:daily",
            "sop:daily#x",
            "qa:gmv",
            "qa:gmv#x",
            "role:lead",
            "role:nobody",
            "base.md",
            "../m/base.md",
            "base.md#开场",
            "../../../../etc/passwd",
            "/assets/x.png",
            "/etc/x",
            "x.png",
            "#小结",
            "#",
            "",
            "https://例子.cn/路径",
            "//evil.example",
            "javascript:alert(1)",
            "data:image/png;base64,AA",
            "mailto:a@b.c",
            "C:\\x",
            "%E5%B0%8F.md",
            "%ZZ",
            "../sops/daily.yaml",
            "../../roles.yaml",
            "../../index.md",
            "../../qa/gmv.md",
        ]),
        words(),
    ]
}

fn inline() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => words(),
        1 => words().prop_map(|w| format!("**{w}**")),
        1 => words().prop_map(|w| format!("*{w}*")),
        1 => words().prop_map(|w| format!("~~{w}~~")),
        1 => words().prop_map(|w| format!("`{w}`")),
        1 => Just(format!("`{MARKER}`")),
        2 => (words(), link_target()).prop_map(|(w, t)| format!("[{w}]({t})")),
        1 => (words(), link_target()).prop_map(|(w, t)| format!("![{w}]({t})")),
        1 => link_target().prop_map(|t| format!("![bg contain]({t})")),
        1 => link_target().prop_map(|t| format!("<{t}>")),
        1 => Just("[^1]".to_string()),
        1 => Just("[ref]".to_string()),
        1 => Just("<span class=\"x\">".to_string()),
        1 => Just("\\".to_string()),
    ]
}

fn line() -> impl Strategy<Value = String> {
    proptest::collection::vec(inline(), 1..5).prop_map(|v| v.join(""))
}

fn directive() -> impl Strategy<Value = String> {
    prop_oneof![
        pick(&[
            "<!-- _class: lead -->",
            "<!-- class: invert -->",
            "<!-- backgroundColor: #123 -->",
            "<!-- _backgroundImage: url('x.png') -->",
            "<!-- paginate: true -->",
            "<!-- _paginate: false -->",
            "<!-- .slide: data-background=\"#f00\" class=\"a b\" -->",
            "<!-- .slide: data-background=x.png -->",
            "<!-- .slide: data-background=\" -->",
            "<!-- .slide: = = =\"' -->",
            "<!--\nbackgroundColor: red\ncolor: white\n-->",
            "<!-- _class: a --> <!-- b -->",
            "<!-- -->",
            "<!---->",
            "<!-- unclosed",
            "<!-- a: b: c -->",
            "<!-- headingDivider: 2 -->",
            "<!-- _color: \"</style><script>x\" -->",
        ]),
        words().prop_map(|w| format!("<!-- {w} -->")),
        (words(), words()).prop_map(|(k, v)| format!("<!-- _{k}: {v} -->")),
    ]
}

fn leaf_block() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => line(),
        3 => (1..=7usize, line()).prop_map(|(n, l)| format!("{} {l}", "#".repeat(n))),
        1 => (1..=3usize, line(), words()).prop_map(|(n, l, id)| format!("{} {l} {{#{id}}}", "#".repeat(n))),
        1 => (1..=3usize, pick(&["小结", "section", "a", "a-1"])).prop_map(|(n, id)| format!("{} x {{#{id}}}", "#".repeat(n))),
        1 => line().prop_map(|l| format!("{l}\n===")),
        1 => line().prop_map(|l| format!("{l}\n---")),
        2 => pick(&["---", "***", "___", "- - -", "---\n---"]),
        2 => directive(),
        1 => line().prop_map(|l| format!("Note: {l}")),
        1 => line().prop_map(|l| format!("Notes：{l}")),
        1 => line().prop_map(|l| format!("???\n{l}")),
        1 => Just("???".to_string()),
        2 => (pick(&["```", "~~~", "````"]), pick(&["", "rust", "python", "yaml", "html", "js {.x}", "不存在", "sh,x"]), words())
            .prop_map(|(f, lang, code)| format!("{f}{lang}\n{code}\n{MARKER}\n{f}")),
        1 => (pick(&["```", "~~~"]), words()).prop_map(|(f, code)| format!("{f}\n{code}")),
        1 => words().prop_map(|c| format!("    {c}")),
        2 => (line(), line(), 1..4usize).prop_map(|(a, b, n)| {
            let mut t = format!("| {a} | {b} |\n|---|:-:|\n");
            for _ in 0..n {
                t.push_str(&format!("| {b} | {a} |\n"));
            }
            t
        }),
        1 => line().prop_map(|l| format!("[^1]: {l}")),
        1 => link_target().prop_map(|t| format!("[ref]: {t}")),
        1 => pick(&["<div>\n\n**x**\n\n</div>", "<details><summary>s</summary>", "</details>", "<table><tr><td>x"]),
        1 => pick(&["- [ ] 待办", "- [x] 完成"]),
    ]
}

/// Blocks with lists and quotes nested inside each other.
fn block() -> impl Strategy<Value = String> {
    leaf_block().prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            (
                pick(&["* ", "- ", "+ ", "1. ", "1) ", "3) "]),
                proptest::collection::vec(inner.clone(), 1..4)
            )
                .prop_map(|(marker, items)| {
                    items
                        .iter()
                        .map(|i| format!("{marker}{}", i.replace('\n', "\n   ")))
                        .collect::<Vec<_>>()
                        .join("\n")
                }),
            proptest::collection::vec(inner.clone(), 1..3).prop_map(|items| {
                items
                    .iter()
                    .map(|i| format!("> {}", i.replace('\n', "\n> ")))
                    .collect::<Vec<_>>()
                    .join("\n>\n")
            }),
            (inner.clone(), line()).prop_map(|(i, l)| format!("[^n]: {l}\n    {}", i.replace('\n', "\n    "))),
        ]
    })
}

/// Deep nesting: many levels of quotes, lists or emphasis at once.
fn deep() -> impl Strategy<Value = String> {
    (1..300usize, words()).prop_flat_map(|(n, w)| {
        prop_oneof![
            Just(format!("{}{w}", "> ".repeat(n))),
            Just(
                (0..n.min(120))
                    .map(|i| format!("{}- {w}", "  ".repeat(i)))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            Just(format!("{}{w}{}", "*".repeat(n), "*".repeat(n))),
            Just(format!("{}{w}{}", "[".repeat(n), "]".repeat(n))),
            Just("<!-- ".repeat(n)),
            Just(format!("{}\n{w}", "---\n".repeat(n))),
        ]
    })
}

fn body() -> impl Strategy<Value = String> {
    let blocks = proptest::collection::vec(prop_oneof![12 => block(), 1 => deep()], 0..14);
    (blocks, pick(&["\n\n", "\n", "\r\n\r\n"])).prop_map(|(b, sep)| b.join(&sep))
}

fn yaml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        words().prop_map(|w| format!("\"{}\"", w.replace('\\', "\\\\").replace('"', "\\\""))),
        words().prop_map(|w| format!("'{}'", w.replace('\'', "''"))),
        pick(&[
            "",
            "~",
            "null",
            "true",
            "no",
            "1",
            "-1",
            "0",
            "2",
            "7",
            "255",
            "99999999999999999999",
            "1.5",
            "[]",
            "{}",
            "[a, b]",
            "\"16:9\"",
            "\"4:3\"",
            "16:9",
            "|\n  多行\n  文本",
            "&a x",
            "*a",
            "!!str x",
            "[",
            "{",
            "'",
            "\"",
            "- x",
            ": x",
            "\t",
            "2024-11-27",
        ]),
        Just(format!("\"{MARKER}\"")),
    ]
}

fn lesson_front() -> impl Strategy<Value = String> {
    let key = pick(&[
        "title",
        "order",
        "duration",
        "summary",
        "objectives",
        "roles",
        "prerequisites",
        "tags",
        "slide_level",
        "marp",
        "theme",
        "paginate",
        "size",
        "class",
        "backgroundColor",
        "backgroundImage",
        "color",
        "headingDivider",
        "header",
        "footer",
        "style",
        "math",
        "description",
        "author",
        "lang",
        "unknown",
        "draft",
    ]);
    let title = prop_oneof![
        Just(format!("title: \"{MARKER}\"")),
        words().prop_map(|w| format!("title: '{}'", w.replace('\'', "''")))
    ];
    (title, proptest::collection::vec((key, yaml_value()), 0..6)).prop_map(|(title, pairs)| {
        let mut s = format!("{title}\n");
        for (k, v) in pairs {
            s.push_str(&format!("{k}: {v}\n"));
        }
        s
    })
}

/// A whole Markdown file: front matter (well formed, broken or missing) and a body.
fn markdown_file(front: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    let opening = pick(&["---\n", "---\r\n", "\u{feff}---\n", "--- \n", ""]);
    let closing = pick(&["---\n", "...\n", "---\r\n", "---", ""]);
    (opening, front, closing, body()).prop_map(|(o, f, c, b)| format!("{o}{f}{c}{b}"))
}

fn qa_front() -> impl Strategy<Value = String> {
    let related = pick(&[
        "[sop:daily]",
        "[lesson:m/base, qa:gmv, role:lead]",
        "[qa:fuzz]",
        "[x:y]",
        "[lesson:]",
        "nope",
    ]);
    (
        prop_oneof![
            Just(format!("\"{MARKER}\"")),
            words().prop_map(|w| format!("'{}'", w.replace('\'', "''")))
        ],
        pick(&["[数据]", "[\"<script>alert('xss')</script>\"]", "[]", "x"]),
        pick(&["[creator]", "[lead, nobody]", "[]"]),
        related,
        pick(&["2024-11-27", "\"\"", "[]"]),
    )
        .prop_map(|(q, tags, roles, related, updated)| {
            format!("question: {q}\ntags: {tags}\nroles: {roles}\nrelated: {related}\nupdated: {updated}\n")
        })
}

fn sop_yaml() -> impl Strategy<Value = String> {
    let step = (line(), pick(&["check", "number", "text", "choice", "time", "date", "yesno", "bogus"]), line(), yaml_value())
        .prop_map(|(text, kind, help, v)| {
            format!(
                "      - text: '{}'\n        type: {kind}\n        help: '{}'\n        min: {v}\n        options: [甲, 乙]\n",
                text.replace('\'', "''"),
                help.replace('\'', "''")
            )
        });
    let section = (words(), proptest::collection::vec(step, 0..4)).prop_map(|(title, steps)| {
        format!(
            "  - title: '{}'\n    steps:\n{}",
            title.replace('\'', "''"),
            steps.concat()
        )
    });
    (
        proptest::collection::vec(section, 0..3),
        pick(&["daily", "weekly", "per-clip", "once", "yearly"]),
        pick(&["lead", "nobody", "''"]),
        pick(&["[creator]", "[creator, lead, ghost]", "[]"]),
    )
        .prop_map(|(sections, freq, owner, performers)| {
            format!(
                "title: \"{MARKER}\"\nsummary: \"{MARKER}\"\nowner: {owner}\nperformers: {performers}\nfrequency: {freq}\nlessons: [m/base]\nform:\n  - {{ id: d, label: \"{MARKER}\", type: date }}\nsignoff: [\"{MARKER}\"]\nversion: \"{MARKER}\"\nchangelog:\n  - {{ version: \"1\", note: \"{MARKER}\" }}\nsections:\n{}",
                sections.concat()
            )
        })
}

fn roles_yaml() -> impl Strategy<Value = String> {
    let id = || pick(&["lead", "creator", "a", "b", "c", "", "lead", "带教", "x y", "../x"]);
    let role = (id(), prop::option::of(id()), words(), pick(&["[]", "[m/base]", "[m/none]"]), pick(&["[]", "[daily]", "[ghost]"]))
        .prop_map(|(id, parent, title, lessons, sops)| {
            let mut s = format!("- id: '{id}'\n  title: \"{MARKER}{}\"\n  responsibilities: [\"{MARKER}\"]\n  summary: \"{MARKER}\"\n  lessons: {lessons}\n  sops: {sops}\n", title.replace(['\\', '"'], ""));
            if let Some(p) = parent {
                s.push_str(&format!("  reports_to: '{p}'\n"));
            }
            s
        });
    proptest::collection::vec(role, 0..12).prop_map(|r| r.concat())
}

// ---------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config(320))]

    #[test]
    fn lessons_compile_and_keep_invariants(text in markdown_file(lesson_front())) {
        let (c, diags, _) = compile_and_render(LESSON, &text, false);
        if let Some(c) = &c {
            check_site(c, &diags, &[]);
        }
    }

    #[test]
    fn marp_and_heading_split_lessons(body in body(), level in 1..=6u8, marp in any::<bool>()) {
        let text = format!("---\ntitle: t\nmarp: {marp}\nheadingDivider: {level}\n---\n{body}");
        let (c, diags, _) = compile_and_render(LESSON, &text, false);
        let c = c.expect("the base programme compiles");
        check_site(&c, &diags, &[]);
    }

    #[test]
    fn questions_compile_and_keep_invariants(text in markdown_file(qa_front())) {
        let (c, diags, _) = compile_and_render(QUESTION, &text, false);
        if let Some(c) = &c {
            check_site(c, &diags, &[]);
        }
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn sops_compile(text in sop_yaml()) {
        let (c, diags, _) = compile_and_render(SOP, &text, false);
        if let Some(c) = &c {
            check_site(c, &diags, &[]);
        }
    }

    #[test]
    fn roles_compile(text in roles_yaml()) {
        let (c, diags, _) = compile_and_render(ROLES, &text, false);
        if let Some(c) = &c {
            check_site(c, &diags, &[]);
        }
    }
}

// Rendering every page costs ~0.25 s in a debug build, so fewer cases render.
proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn lesson_pages_escape_titles(text in markdown_file(lesson_front())) {
        let (c, diags, pages) = compile_and_render(LESSON, &text, true);
        if let Some(c) = &c {
            check_site(c, &diags, &pages);
        }
    }

    #[test]
    fn question_pages_escape_questions(text in markdown_file(qa_front())) {
        let (c, diags, pages) = compile_and_render(QUESTION, &text, true);
        if let Some(c) = &c {
            check_site(c, &diags, &pages);
        }
    }

    #[test]
    fn sop_pages_escape_titles(text in sop_yaml()) {
        let (c, diags, pages) = compile_and_render(SOP, &text, true);
        if let Some(c) = &c {
            check_site(c, &diags, &pages);
            // A well-formed SOP reaches its page, its marker title escaped.
            if !diags.iter().any(|d| d.message.contains("invalid YAML")) {
                let page = pages.iter().find(|(p, _)| p == "sops/fuzz.html");
                prop_assert!(page.is_some_and(|(_, html)| html.contains("&lt;script&gt;")));
            }
        }
    }

    #[test]
    fn role_pages_and_org_chart_escape_titles(text in roles_yaml()) {
        let (c, diags, pages) = compile_and_render(ROLES, &text, true);
        if let Some(c) = &c {
            check_site(c, &diags, &pages);
        }
    }
}

proptest! {
    #![proptest_config(config(512))]

    /// Tokens are non-empty, normalized (so normalizing is idempotent on them) and found
    /// again when tokenized on their own; every query term of a word of the text is among
    /// the text's index terms, so a word copied from a page finds that page.
    #[test]
    fn tokenizer_terms_are_stable(text in prop_oneof![words(), line(), any::<String>()]) {
        let started = Instant::now();
        let terms = index_terms(&text);
        for t in &terms {
            prop_assert!(!t.is_empty());
            prop_assert_eq!(&normalize(t), t, "term not normalized");
            prop_assert!(index_terms(t).contains(t), "term {:?} of {:?} is not its own term", t, text);
        }
        for part in text.split_whitespace() {
            for q in query_terms(part) {
                prop_assert!(!q.is_empty());
                prop_assert!(terms.contains(&q), "query term {:?} of {:?} not indexed from {:?}", q, part, text);
            }
        }
        prop_assert!(started.elapsed() < LIMIT);
    }

    /// The query parser and a search over records made of the text.
    #[test]
    fn search_answers_any_query(query in prop_oneof![words(), line(), any::<String>()], text in body()) {
        let started = Instant::now();
        fuzzing::search(&query, &text);
        let tuning = lectern::search::Tuning::DEFAULT;
        let parts = lectern::search::query::parse(&query, &[], &tuning);
        prop_assert!(parts.len() <= tuning.max_parts);
        prop_assert!(started.elapsed() < LIMIT);
    }
}

/// Every input that once crashed or hung a fuzz target, replayed through the same entry
/// point (`tests/fixtures/fuzz-regressions/TARGET/*`).
#[test]
fn fuzz_regressions_replay() {
    warm_up();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut replayed = 0;
    for target in ["lesson", "qa", "sop", "roles", "search"] {
        let Ok(entries) = std::fs::read_dir(dir.join(target)) else {
            continue;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let bytes = std::fs::read(&file).unwrap();
            let Some(text) = fuzzing::text(&bytes) else { continue };
            let started = Instant::now();
            match target {
                "search" => {
                    let (query, rest) = text.split_once('\n').unwrap_or((text, ""));
                    fuzzing::search(query, rest);
                }
                _ => {
                    let path = match target {
                        "lesson" => LESSON,
                        "qa" => QUESTION,
                        "sop" => SOP,
                        _ => ROLES,
                    };
                    let (c, diags, pages) = compile_and_render(path, text, true);
                    if let Some(c) = &c {
                        check_site(c, &diags, &pages);
                    }
                }
            }
            let elapsed = started.elapsed();
            assert!(elapsed < LIMIT, "{} took {elapsed:?}", file.display());
            replayed += 1;
        }
    }
    eprintln!("replayed {replayed} fuzz regression inputs");
}
