//! Builds the fixture programme and checks the HTML a student would get.

mod common;

use std::path::Path;

use common::fixture::{snapshot, Fixture};
use common::html::{attrs, sel, texts};
use percent_encoding::percent_decode_str;
use scraper::Html;

fn page(f: &Fixture, rel: &str) -> Html {
    Html::parse_document(&f.read_out(rel))
}

fn built() -> Fixture {
    let f = Fixture::new("good");
    f.build_ok(&[]);
    f
}

#[test]
fn home_lists_modules_with_counts_and_durations() {
    let f = built();
    let home = page(&f, "index.html");
    assert_eq!(texts(&home, "a.module-link"), ["基础模块", "进阶模块"]);
    assert_eq!(
        attrs(&home, "a.module-link", "href"),
        [
            "lessons/01-%E5%9F%BA%E7%A1%80/index.html",
            "lessons/02-advanced/index.html"
        ]
    );
    let cards = texts(&home, ".card .meta");
    assert!(cards[0].contains("2 节课") && cards[0].contains("50 分钟"), "{cards:?}");
    assert_eq!(texts(&home, "h1"), ["欢迎来到测试项目"]);
    assert_eq!(attrs(&home, "html", "lang"), ["zh-CN"]);
    // The intro from content/index.md, with its lesson: link resolved.
    assert_eq!(
        attrs(&home, ".intro a", "href"),
        ["lessons/01-%E5%9F%BA%E7%A1%80/01-intro.html#%E5%B0%8F%E7%BB%93"]
    );
}

#[test]
fn lessons_follow_order_then_natural_file_name() {
    let f = built();
    let basics = page(&f, "lessons/01-基础/index.html");
    // `order: 1` beats the file name 01-intro (which has `order: 2`).
    assert_eq!(texts(&basics, "a.lesson-link"), ["第二课", "切片入门"]);
    let advanced = page(&f, "lessons/02-advanced/index.html");
    assert_eq!(texts(&advanced, "a.lesson-link"), ["A/B 测试进阶", "第二节", "第十课"]);
    // prev/next run across modules.
    let intro = page(&f, "lessons/01-基础/01-intro.html");
    assert_eq!(
        attrs(&intro, "a[rel=prev]", "href"),
        ["../../lessons/01-%E5%9F%BA%E7%A1%80/02-next.html"]
    );
    assert_eq!(
        attrs(&intro, "a[rel=next]", "href"),
        ["../../lessons/02-advanced/01-deep.html"]
    );
    let first = page(&f, "lessons/01-基础/02-next.html");
    assert!(attrs(&first, "a[rel=prev]", "href").is_empty());
}

#[test]
fn lesson_page_has_slides_ids_code_and_hidden_notes() {
    let f = built();
    let html = f.read_out("lessons/01-基础/01-intro.html");
    let doc = Html::parse_document(&html);
    assert_eq!(texts(&doc, "article.lesson h1"), ["切片入门"]);
    assert_eq!(doc.select(&sel("article.lesson section.slide")).count(), 3);
    assert_eq!(
        attrs(&doc, "section.slide h2", "id"),
        ["什么是切片", "数据", "小结", "小结-1"]
    );
    assert_eq!(texts(&doc, ".objectives li"), ["说出切片的定义", "算出完播率"]);
    assert_eq!(texts(&doc, ".meta .tag"), ["入门", "GMV"]);
    assert!(
        doc.select(&sel("pre.code span[class^=hl-]")).next().is_some(),
        "code is highlighted at build time"
    );
    assert!(
        html.contains("切片是从直播里剪出来的短视频片段"),
        "CJK soft break joined"
    );
    assert!(!html.contains("先问学员"), "notes are hidden by default");
    assert!(
        doc.select(&sel("script:not([src]):not([type=\"application/json\"])"))
            .next()
            .is_none(),
        "no inline scripts (data blocks only)"
    );
    assert_eq!(texts(&doc, ".breadcrumb li"), ["首页", "基础模块", "切片入门"]);
}

#[test]
fn prerequisites_are_linked() {
    let f = built();
    let next = page(&f, "lessons/01-基础/02-next.html");
    assert_eq!(texts(&next, ".prerequisites a"), ["切片入门"]);
    assert_eq!(
        attrs(&next, ".prerequisites a", "href"),
        ["../../lessons/01-%E5%9F%BA%E7%A1%80/01-intro.html"]
    );
}

#[test]
fn notes_show_in_a_collapsible_box_when_configured() {
    let f = Fixture::new("good");
    f.write("lectern.yaml", "title: 测试项目\nlanguage: zh-CN\nnotes: show\n");
    f.build_ok(&[]);
    let doc = page(&f, "lessons/01-基础/01-intro.html");
    let notes = texts(&doc, "section.slide details.notes");
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].starts_with("讲师备注") && notes[0].contains("先问学员看过哪些切片账号"),
        "{notes:?}"
    );
}

#[test]
fn drafts_only_with_the_flag() {
    let f = built();
    assert!(!f.out().join("lessons/01-基础/10-draft.html").exists());
    f.build_ok(&["--drafts"]);
    assert!(f.out().join("lessons/01-基础/10-draft.html").exists());
}

#[test]
fn english_programme_uses_english_ui() {
    let f = Fixture::new("good");
    f.write("lectern.yaml", "title: Test\nlanguage: en\n");
    f.build_ok(&[]);
    let doc = page(&f, "lessons/01-基础/01-intro.html");
    assert_eq!(attrs(&doc, "html", "lang"), ["en"]);
    assert_eq!(texts(&doc, ".objectives h2"), ["Objectives"]);
}

#[test]
fn sitemap_and_canonical_only_with_base_url() {
    let f = built();
    let sitemap = f.read_out("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/course/lessons/02-advanced/01-deep.html</loc>"),
        "{sitemap}"
    );
    let doc = page(&f, "index.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://example.org/course/index.html"]
    );

    let g = Fixture::new("good");
    g.write("lectern.yaml", "title: t\nlanguage: zh-CN\n");
    g.build_ok(&[]);
    assert!(!g.out().join("sitemap.xml").exists());
}

/// Every href and src is relative, names a file that exists in the output, and every
/// `#fragment` names an element on the target page: the site works from `file://`. In a
/// deck a fragment may also be a slide (`#3`), and ids are unique, so a footnote or heading
/// link lands on the one slide that holds it. `decks` is built as instructors build it
/// (`--notes`): footnotes on slides and in notes, a title slide.
#[test]
fn every_link_is_relative_and_resolves_to_a_file() {
    let mut checked = 0;
    let mut in_decks = 0;
    for (fixture, flags) in [("good", &[][..]), ("decks", &["--notes"][..])] {
        let f = Fixture::new(fixture);
        f.build_ok(flags);
        let out = f.out();
        let pages = common::files_with_suffix(&out, ".html");
        assert!(pages.len() >= 9, "{fixture}: {} pages", pages.len());
        for page_path in &pages {
            let html = std::fs::read_to_string(page_path).unwrap();
            assert!(
                !html.contains("__lectern"),
                "the serve-only reload script leaked into {}",
                page_path.display()
            );
            let doc = Html::parse_document(&html);
            let is_deck = page_path.strip_prefix(&out).unwrap().starts_with("decks");
            if is_deck {
                assert_unique_ids(&doc, page_path);
            }
            for (selector, attr) in [
                ("a[href]", "href"),
                ("img[src]", "src"),
                ("link[href]", "href"),
                ("script[src]", "src"),
            ] {
                for url in attrs(&doc, selector, attr) {
                    if url.starts_with("data:") {
                        continue; // decks carry their images inside
                    }
                    if url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:") {
                        assert!(
                            selector == "a[href]" || url.contains("example.org"),
                            "network resource {url} in {}",
                            page_path.display()
                        );
                        continue;
                    }
                    assert!(!url.starts_with('/'), "absolute URL {url} in {}", page_path.display());
                    let (path, fragment) = url.split_once('#').unwrap_or((&url, ""));
                    let target = if path.is_empty() {
                        page_path.clone()
                    } else {
                        page_path
                            .parent()
                            .unwrap()
                            .join(percent_decode_str(path).decode_utf8().unwrap().as_ref())
                    };
                    assert!(
                        target.is_file(),
                        "{url} in {} points to a missing file",
                        page_path.display()
                    );
                    if !fragment.is_empty() {
                        let id = percent_decode_str(fragment).decode_utf8().unwrap();
                        let slides = (is_deck && path.is_empty()).then(|| doc.select(&sel("section.slide")).count());
                        match (slides, id.parse::<usize>()) {
                            (Some(slides), Ok(n)) => {
                                assert!(
                                    (1..=slides).contains(&n),
                                    "{url} in {}: {slides} slides",
                                    page_path.display()
                                )
                            }
                            _ => assert_has_id(&target, &id, &url, page_path),
                        }
                        in_decks += usize::from(slides.is_some());
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} links checked");
    assert!(in_decks >= 3, "only {in_decks} links within decks checked");
}

fn assert_unique_ids(doc: &Html, page: &Path) {
    let mut seen = std::collections::HashSet::new();
    for e in doc.select(&sel("[id]")) {
        let id = e.value().attr("id").unwrap_or_default();
        assert!(seen.insert(id), "id {id:?} twice in {}", page.display());
    }
}

fn assert_has_id(target: &Path, id: &str, url: &str, from: &Path) {
    let doc = Html::parse_document(&std::fs::read_to_string(target).unwrap());
    let found = doc.select(&sel("[id]")).any(|e| e.value().attr("id") == Some(id));
    assert!(found, "{url} in {}: no element with id {id:?}", from.display());
}

#[test]
fn images_and_assets_are_copied() {
    let f = built();
    assert!(f.out().join("assets/logo.svg").is_file());
    assert!(f.out().join("lessons/01-基础/images/funnel.svg").is_file());
    assert!(f.out().join("static/highlight.css").is_file());
    assert!(f.out().join(".lectern-output").is_file());
    let doc = page(&f, "lessons/01-基础/01-intro.html");
    assert_eq!(
        attrs(&doc, "img", "src"),
        ["images/funnel.svg", "../../assets/logo.svg"]
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let f = built();
    let first = common::fixture::snapshot(&f.out());
    f.build_ok(&[]);
    assert_eq!(first, common::fixture::snapshot(&f.out()));
}

#[test]
fn not_found_page_works_at_any_depth() {
    let f = built();
    let html = f.read_out("404.html");
    assert!(html.contains("<style>"), "styles are inlined");
    assert!(
        !html.contains("static/lectern.css"),
        "no relative stylesheet that breaks at depth"
    );
}

#[test]
fn programme_templates_and_theme_files_override_the_built_in_theme() {
    let f = Fixture::new("good");
    f.write(
        "templates/module.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ module.title }} / {{ lessons | length }}</p>{% endblock main %}",
    );
    f.write("lectern.yaml", "title: t\nlanguage: zh-CN\ntheme: campus\n");
    f.write("themes/campus/static/lectern.css", "body { color: rebeccapurple; }\n");
    f.write("themes/campus/static/extra.js", "// extra\n");
    f.build_ok(&[]);
    let doc = page(&f, "lessons/02-advanced/index.html");
    assert_eq!(texts(&doc, "p.custom"), ["进阶模块 / 3"]);
    assert_eq!(f.read_out("static/lectern.css"), "body { color: rebeccapurple; }\n");
    assert!(f.out().join("static/extra.js").is_file());
    // Templates not overridden still come from the built-in theme.
    assert_eq!(
        page(&f, "lessons/02-advanced/01-deep.html")
            .select(&sel("article.lesson"))
            .count(),
        1
    );
}

#[test]
fn broken_template_and_unknown_theme_are_errors() {
    let f = Fixture::new("good");
    f.build_ok(&[]);
    let before = snapshot(&f.out());
    f.write(
        "templates/lesson.html",
        "{% extends \"base.html\" %}{% block main %}{{ lesson.title {% endblock main %}",
    );
    let run = f.build(&[]);
    assert!(!run.success && run.stderr.contains("template"), "{}", run.stderr);
    // The theme is loaded while the search index is being built: the failure still leaves
    // the last output as it was, and no staging folder behind.
    assert!(before == snapshot(&f.out()), "the previous output changed");
    assert_eq!(f.staging_leftovers(), Vec::<String>::new());

    let g = Fixture::new("good");
    g.write("lectern.yaml", "title: t\nlanguage: zh-CN\ntheme: nowhere\n");
    let run = g.build(&[]);
    assert!(
        !run.success && run.stderr.contains("theme `nowhere` not found"),
        "{}",
        run.stderr
    );
}

/// No id appears twice on any page: headings never take the template's own ids
/// (`main`, `slide-2`, `related-heading`), even when written explicitly.
#[test]
fn ids_are_unique_on_every_page() {
    let f = Fixture::new("good");
    f.write(
        "content/lessons/02-advanced/03-ids.md",
        "---\ntitle: 撞名的标题\n---\n## main\n\n正文。\n\n## Slide 2\n\n---\n\n## 相关 {#related-heading}\n\n## 小结\n\n## 小结\n",
    );
    let run = f.build_ok(&[]);
    assert!(
        run.stderr
            .contains("heading id `related-heading` is used by the page itself"),
        "{}",
        run.stderr
    );
    for page_path in common::files_with_suffix(&f.out(), ".html") {
        let doc = Html::parse_document(&std::fs::read_to_string(&page_path).unwrap());
        let mut seen = std::collections::HashSet::new();
        for id in attrs(&doc, "[id]", "id") {
            assert!(seen.insert(id.clone()), "id {id:?} twice in {}", page_path.display());
        }
    }
    let lesson = page(&f, "lessons/02-advanced/03-ids.html");
    assert_eq!(
        attrs(&lesson, ".slide h2", "id"),
        ["main-1", "slide-2-1", "related-heading-1", "小结", "小结-1"]
    );
}
