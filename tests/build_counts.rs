//! The speed regression guard that times nothing: a build parses each Markdown document
//! once, each SOP step's `text` and `help` once, and renders each page once, however many
//! lessons there are. (Issue 8: one Markdown pass feeds the page, the deck and the search
//! records; issue 14: one parse of a step gives its HTML and its plain text.)

mod common;

use std::path::Path;
use std::process::Command;

use common::fixture::Fixture;
use common::lectern_bin;
use common::serve::Server;

/// What `LECTERN_TIMINGS=1` counted during one build.
#[derive(Debug, PartialEq)]
struct Counts {
    documents: usize,
    snippets: usize,
    renders: usize,
}

fn build_counting(f: &Fixture, extra: &[&str]) -> Counts {
    let root = f.root();
    let out = f.out();
    let output = Command::new(lectern_bin())
        .args([
            "--root",
            root.to_str().unwrap(),
            "build",
            "--out",
            out.to_str().unwrap(),
        ])
        .args(extra)
        .env("LECTERN_TIMINGS", "1")
        .env("NO_COLOR", "1")
        .output()
        .expect("run lectern");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "build failed:\n{stderr}");
    let line = stderr
        .lines()
        .find_map(|l| l.strip_prefix("counts: "))
        .unwrap_or_else(|| panic!("no counts line in:\n{stderr}"));
    let number = |name: &str| -> usize {
        let after = &line[line.find(name).unwrap_or_else(|| panic!("{name} in {line}")) + name.len()..];
        after.split_whitespace().next().unwrap().parse().unwrap()
    };
    Counts {
        documents: number("markdown documents"),
        snippets: number("markdown snippets"),
        renders: number("template renders"),
    }
}

/// HTML files under `dir` whose path (relative, with `/`) satisfies `keep`.
fn html_files(dir: &Path, keep: impl Fn(&str) -> bool) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .filter(|p| p.ends_with(".html") && keep(p))
        .count()
}

/// How many times `needle` occurs in the SOP pages under `out`.
fn in_sop_pages(out: &Path, needle: &str) -> usize {
    walkdir::WalkDir::new(out.join("sops"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name() != "index.html")
        .map(|e| std::fs::read_to_string(e.path()).unwrap().matches(needle).count())
        .sum()
}

fn lesson_pages(out: &Path) -> usize {
    html_files(out, |p| p.starts_with("lessons/") && !p.ends_with("/index.html"))
}

fn add_lessons(f: &Fixture, n: usize) {
    f.write("content/lessons/03-more/_module.yaml", "title: 更多练习\n");
    for i in 1..=n {
        f.write(
            &format!("content/lessons/03-more/{i:02}-practice.md"),
            &format!(
                "---\ntitle: 练习 {i}：GMV 复盘\nduration: 10\n---\n\n## 要点\n\n- [ ] 看 **GMV**\n- [ ] 写日报\n\n---\n\n## 小结\n\n练习 {i} 完成。\n"
            ),
        );
    }
}

#[test]
fn each_document_is_parsed_once_and_each_page_rendered_once() {
    let f = Fixture::new("good");
    let small = build_counting(&f, &[]);
    let out = f.out();
    let questions = html_files(&out, |p| p.starts_with("qa/") && p != "qa/index.html");
    // Every lesson, every answer, and the home page's content/index.md.
    assert_eq!(small.documents, lesson_pages(&out) + questions + 1, "{small:?}");
    // Every HTML file written went through exactly one template render.
    assert_eq!(small.renders, html_files(&out, |_| true), "{small:?}");

    // Twenty more lessons: twenty more parses, and a page and a deck each (+ the module page).
    add_lessons(&f, 20);
    let large = build_counting(&f, &[]);
    assert_eq!(large.documents, small.documents + 20, "{large:?}");
    assert_eq!(large.renders, small.renders + 2 * 20 + 1, "{large:?}");
    assert_eq!(large.renders, html_files(&out, |_| true), "{large:?}");
    // The SOPs and roles did not change, so neither did the snippets parsed for them.
    assert_eq!(large.snippets, small.snippets, "{large:?}");
}

#[test]
fn each_sop_step_text_and_help_is_parsed_once() {
    let f = Fixture::new("good");
    let before = build_counting(&f, &[]);
    // One parse per step text and per help, though each is shown as HTML on the SOP page
    // and as plain text in the page script's data and in the search index.
    let out = f.out();
    let (steps, helps) = (
        in_sop_pages(&out, "data-step="),
        in_sop_pages(&out, "class=\"step-help\""),
    );
    assert!(
        steps > 0 && helps > 0,
        "the fixture has steps ({steps}) and help ({helps})"
    );
    assert_eq!(before.snippets, steps + helps, "{before:?}");

    // Three more steps with help: six more parses.
    f.write(
        "content/sops/live-review.yaml",
        "title: 直播复盘\nsections:\n  - title: 数据\n    steps:\n      - text: 记录 **GMV** 和 `UV`\n        help: 从后台导出\n      - text: 对比昨日 KOC 转化\n        help: 见 [入门课](lesson:01-基础/01-intro)\n      - text: 写下 *一条* 改进\n        help: 不超过 50 字\n",
    );
    let after = build_counting(&f, &[]);
    assert_eq!(after.snippets, before.snippets + 6, "{after:?}");
    let page = f.read_out("sops/live-review.html");
    assert!(page.contains("记录 <strong>GMV</strong> 和 <code>UV</code>"), "{page}");
    assert!(
        page.contains("\"text\":\"记录 GMV 和 UV\""),
        "the page script gets the plain text"
    );
}

#[test]
fn no_decks_renders_no_decks_and_links_none() {
    let f = Fixture::new("good");
    let with = build_counting(&f, &[]);
    let lessons = lesson_pages(&f.out());
    let without = build_counting(&f, &["--no-decks"]);
    assert_eq!(without.documents, with.documents);
    assert_eq!(without.renders, with.renders - lessons);
    assert!(!f.out().join("decks").exists());
    let page = f.read_out("lessons/01-基础/01-intro.html");
    assert!(!page.contains("decks/"), "a lesson page still links to a deck");
}

/// The good fixture and `n` one-paragraph lessons more.
fn with_short_lessons(n: usize) -> Fixture {
    let f = Fixture::new("good");
    f.write("content/lessons/03-more/_module.yaml", "title: 更多练习\n");
    for i in 1..=n {
        f.write(
            &format!("content/lessons/03-more/{i:03}-practice.md"),
            &format!("---\ntitle: 练习 {i}\n---\n\n练习 {i} 完成，记下 GMV。\n"),
        );
    }
    f
}

/// What the server said it replaced after one body edit: (files, search files), and how
/// many files the full build's index has.
fn files_touched_by_one_edit(lessons: usize) -> (usize, usize, usize) {
    let f = with_short_lessons(lessons);
    let lesson = "content/lessons/03-more/005-practice.md";
    files_touched_by(f, lesson, |t| t.replace("完成", "写完"))
}

/// What the server said it replaced after one `edit` to `lesson`, as above.
fn files_touched_by(f: Fixture, lesson: &str, edit: impl FnOnce(String) -> String) -> (usize, usize, usize) {
    let server = Server::start(&f.root(), &[]);
    f.edit(lesson, edit);
    server.wait_log("updated in");
    let log = server.log();
    let line = log.lines().find(|l| l.starts_with("updated in")).unwrap();
    let number = |before: &str| -> usize {
        let head = &line[..line.find(before).unwrap_or_else(|| panic!("{before:?} in {line}"))];
        head.rsplit(' ').next().unwrap().parse().unwrap()
    };
    let touched = (number(" files,"), number(" of them search files"));
    drop(server);
    f.build_ok(&[]);
    let index_files = std::fs::read_dir(f.out().join("search")).unwrap().count();
    (touched.0, touched.1, index_files)
}

#[test]
fn one_body_edit_through_serve_touches_as_many_files_at_20_lessons_as_at_200() {
    let (files_20, search_20, index_20) = files_touched_by_one_edit(20);
    let (files_200, search_200, index_200) = files_touched_by_one_edit(200);
    // The lesson's page and deck, the home page (it carries the lesson's version; no role
    // lists it), and the few index files holding its changed terms and text.
    assert_eq!((files_20, search_20), (files_200, search_200));
    assert_eq!(files_200, 3 + search_200);
    // Not the whole index, which grew with the lessons.
    assert!(
        index_200 > index_20 && search_200 * 4 < index_200,
        "{search_200} of {index_200}"
    );
}

/// The good fixture and `n` one-paragraph lessons more, in modules of ten: a module's
/// lesson pages list each other, so a title edit redraws ten of them at any size.
fn with_modules_of_ten(n: usize) -> Fixture {
    let f = Fixture::new("good");
    for i in 1..=n {
        let module = format!("content/lessons/{:02}-part", 10 + (i - 1) / 10);
        f.write(
            &format!("{module}/_module.yaml"),
            &format!("title: 第 {} 部分\n", (i - 1) / 10 + 1),
        );
        f.write(
            &format!("{module}/{i:03}-practice.md"),
            &format!("---\ntitle: 练习 {i}\nduration: 5\n---\n\n练习 {i} 完成，记下 GMV。\n"),
        );
    }
    f
}

#[test]
fn one_title_edit_through_serve_touches_as_many_files_at_20_lessons_as_at_200() {
    let lesson = "content/lessons/10-part/005-practice.md";
    // A title of the same length: the index's averages stay, so it is rewritten in part.
    let retitle = |t: String| t.replace("title: 练习 5", "title: 复盘 5");
    let (files_20, search_20, index_20) = files_touched_by(with_modules_of_ten(20), lesson, retitle);
    let (files_200, search_200, index_200) = files_touched_by(with_modules_of_ten(200), lesson, retitle);
    assert_eq!((files_20, search_20), (files_200, search_200));
    // The deck, the home page, the module page and its ten lesson pages (the edited one,
    // its neighbours among them), and the index files holding its changed terms and text.
    assert_eq!(files_200, 13 + search_200);
    assert!(
        index_200 > index_20 && search_200 * 4 < index_200,
        "{search_200} of {index_200}"
    );
}
