//! Conventions of course books brought from other tools (issue 15), each on a small
//! programme: `tests/fixtures/good` with one lesson or folder added the way mdBook,
//! docsify or GitHub authors write it. The whole books are in `real_courses.rs`.

mod common;

use common::fixture::Fixture;
use common::html::{attrs, check_links, sel, texts};
use scraper::Html;

fn page(f: &Fixture, rel: &str) -> Html {
    Html::parse_document(&f.read_out(rel))
}

/// mdBook and docsify books keep their pictures in `images/` or `img/` beside the
/// chapter folders. That folder is no module (no empty module page, not in the lists),
/// and its pictures are still there for the lessons that show them. A folder with a
/// `_module.yaml` is a module even before it has lessons.
#[test]
fn an_images_folder_beside_the_modules_is_not_a_module() {
    let f = Fixture::new("good");
    f.write_bytes(
        "content/lessons/images/pipeline.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f.write_bytes(
        "content/lessons/img/ch1/q-table.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f.write("content/lessons/03-planned/_module.yaml", "title: 复盘（待写）\n");
    f.edit("content/lessons/01-基础/02-next.md", |t| {
        t + "\n数据处理流程（pipeline）：![流程](../images/pipeline.svg)\n"
    });
    let run = f.build_ok(&[]);
    assert!(!run.stderr.contains("images"), "{}", run.stderr);
    assert!(
        !f.out().join("lessons/images/index.html").exists(),
        "an empty module page"
    );
    assert!(!f.out().join("lessons/img/index.html").exists(), "an empty module page");
    let home = page(&f, "index.html");
    assert_eq!(texts(&home, ".module-link"), ["基础模块", "进阶模块", "复盘（待写）"]);
    assert!(run.stderr.contains("in 3 modules"), "{}", run.stderr);
    assert!(f.out().join("lessons/images/pipeline.svg").is_file());
    check_links(&f.out()).unwrap();
}

/// A docsify or GitHub README is the home page as it is: no front matter.
#[test]
fn a_home_page_without_front_matter_builds() {
    let f = Fixture::new("good");
    f.write(
        "content/index.md",
        "# 强化学习教程\n\n本教程原来用 docsify 发布。\n\n- [第1章 入门](lessons/01-基础/01-intro.md)\n",
    );
    f.build_ok(&[]);
    let home = page(&f, "index.html");
    assert!(texts(&home, "main p")
        .iter()
        .any(|t| t == "本教程原来用 docsify 发布。"));
    let links = attrs(&home, "main li a", "href");
    assert!(
        links.iter().any(|h| h == "lessons/01-%E5%9F%BA%E7%A1%80/01-intro.html"),
        "{links:?}"
    );
}

/// GitHub READMEs open with `<h1 align="center">…</h1>`: with no front matter and no
/// Markdown heading before it, that is the lesson's title (not the `## 目录` below it).
#[test]
fn a_raw_html_heading_titles_the_lesson() {
    let f = Fixture::new("good");
    f.write(
        "content/lessons/01-基础/03-readme.md",
        "<h1 align=\"center\">直播间搭建指南 &amp; OBS</h1>\n<p align=\"center\">从设备到开播</p>\n\n## 目录\n\n- [设备](#设备)\n\n## 设备\n\n摄像头、麦克风和补光灯。\n",
    );
    let run = f.build_ok(&[]);
    assert!(!run.stderr.contains("03-readme"), "{}", run.stderr);
    let lesson = page(&f, "lessons/01-基础/03-readme.html");
    assert_eq!(texts(&lesson, ".lesson-header h1"), ["直播间搭建指南 & OBS"]);
    assert!(texts(&lesson, "title")[0].starts_with("直播间搭建指南 & OBS"));
    // Without a title at all the lesson is still an error.
    f.write(
        "content/lessons/01-基础/03-readme.md",
        "<p align=\"center\">只有一张图</p>\n",
    );
    let run = f.build(&[]);
    assert!(
        !run.success && run.stderr.contains("error: missing front matter"),
        "{}",
        run.stderr
    );
}

/// docsify links to a heading with `?id=`; its ids put `_` before a leading digit. Other
/// query strings (GitHub's `?raw=true`) do not stop the file being found, and are dropped.
#[test]
fn docsify_id_queries_link_to_headings() {
    let f = Fixture::new("good");
    f.write(
        "content/lessons/02-advanced/05-mdp.md",
        "# 第2章 马尔可夫决策过程\n\n## 2.1 马尔可夫过程\n\n正文。\n\n## 价值迭代（value iteration）\n\n正文。\n",
    );
    f.edit("content/lessons/01-基础/02-next.md", |t| {
        t + "\n见[马尔可夫过程](../02-advanced/05-mdp.md?id=_21-马尔可夫过程)、\
             [价值迭代](../02-advanced/05-mdp.md?id=价值迭代（value-iteration）)和\
             [本页](?id=第二课正文)。\n\n![漏斗](images/funnel.svg?raw=true)\n"
    });
    f.build_ok(&[]);
    let doc = page(&f, "lessons/01-基础/02-next.html");
    let hrefs = attrs(&doc, "main a", "href");
    let decoded: Vec<String> = hrefs
        .iter()
        .map(|h| percent_encoding::percent_decode_str(h).decode_utf8_lossy().into_owned())
        .collect();
    for want in [
        "../02-advanced/05-mdp.html#21-马尔可夫过程",
        "../02-advanced/05-mdp.html#价值迭代value-iteration",
        "#第二课正文",
    ] {
        assert!(decoded.iter().any(|h| h == want), "no link to {want} in {decoded:?}");
    }
    let target = page(&f, "lessons/02-advanced/05-mdp.html");
    let ids = attrs(&target, ".prose h2[id]", "id");
    assert_eq!(ids, ["21-马尔可夫过程", "价值迭代value-iteration"]);
    let images = attrs(&doc, "main img", "src");
    assert!(images.iter().any(|s| s == "images/funnel.svg"), "{images:?}");
    assert!(doc.select(&sel("main a[href*='?']")).next().is_none());
    check_links(&f.out()).unwrap();
}

/// Obsidian and Typora notes (and Marp classic decks) mark the phrase to remember with
/// `==…==`: a `<mark>` on the lesson page, in the deck and as plain text in search;
/// comparisons and code keep their `==`.
#[test]
fn double_equals_highlights_are_marks() {
    let f = Fixture::new("good");
    f.edit("content/lessons/01-基础/02-next.md", |t| {
        t + "\n复盘先看 ==GMV（成交总额）==，再看==完播率（完整看完的比例）==也别忘了。\n\n\
             判断 `a == b` 时，a == b 不是高亮。\n\n---\n\n## 口诀\n\n- ==**先做对，再做快**==\n"
    });
    f.build_ok(&[]);
    let lesson = page(&f, "lessons/01-基础/02-next.html");
    assert_eq!(
        texts(&lesson, "main mark"),
        ["GMV（成交总额）", "完播率（完整看完的比例）", "先做对，再做快"]
    );
    assert!(texts(&lesson, "main p")
        .iter()
        .any(|t| t == "判断 a == b 时，a == b 不是高亮。"));
    let deck = page(&f, "decks/01-基础/02-next.html");
    assert_eq!(texts(&deck, ".slide mark strong"), ["先做对，再做快"]);
    let blocks: String = std::fs::read_dir(f.out().join("search"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("d-"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(blocks.contains("复盘先看 GMV（成交总额），再看完播率"), "{blocks}");
    assert!(!blocks.contains("==GMV"), "{blocks}");
}
