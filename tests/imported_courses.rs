//! Course books brought from mdBook, docsify, GitBook and GitHub (issue 15): one title
//! per lesson page, CRLF and BOM files and `&` in file names, callouts.

mod common;

use common::fixture::Fixture;
use common::html::{attrs, texts};
use scraper::Html;

const NEXT: &str = "content/lessons/01-基础/02-next.md";
const INTRO: &str = "content/lessons/01-基础/01-intro.md";

fn page(f: &Fixture, rel: &str) -> Html {
    Html::parse_document(&f.read_out(rel))
}

#[test]
fn a_body_opening_with_the_title_shows_it_once() {
    let f = Fixture::new("good");
    // Front matter title and the book's own `#` heading, as mdBook chapters have them.
    f.write(
        NEXT,
        "---\ntitle: 第二课\n---\n# 第二课\n\n正文讲 GMV。\n\n## 小结\n\n要点\n",
    );
    // No front matter title: the title comes from the heading.
    f.edit(INTRO, |s| {
        s.replace("title: 切片入门\n", "").replace(
            "## 什么是切片",
            "# 切片入门（Clip basics）\n\n[下一课](02-next.md#第二课)\n\n## 什么是切片",
        )
    });
    f.build_ok(&[]);
    for (rel, title) in [
        ("lessons/01-基础/02-next.html", "第二课"),
        ("lessons/01-基础/01-intro.html", "切片入门（Clip basics）"),
    ] {
        let html = page(&f, rel);
        assert_eq!(texts(&html, "h1"), [title], "{rel}");
        assert_eq!(texts(&html, "h2").iter().filter(|t| *t == title).count(), 0, "{rel}");
    }
    // The anchor to the heading still lands: on the page's one title.
    let next = page(&f, "lessons/01-基础/02-next.html");
    assert_eq!(attrs(&next, "h1", "id"), ["第二课"]);
    let intro = page(&f, "lessons/01-基础/01-intro.html");
    assert_eq!(
        attrs(&intro, "a[href*='02-next']", "href")[0],
        "02-next.html#%E7%AC%AC%E4%BA%8C%E8%AF%BE"
    );
    // The deck opens with the heading's slide and no title slide of its own.
    let deck = f.read_out("decks/01-基础/02-next.html");
    assert_eq!(deck.matches("<h1").count(), 1, "{deck}");
}

#[test]
fn alerts_and_containers_become_labelled_callouts_on_pages_and_decks() {
    let f = Fixture::new("good");
    f.write(
        NEXT,
        "---\ntitle: 第二课\n---\n## 复盘\n\n> [!TIP]\n> 先看**完播率（completion rate）**。\n\n> [!CAUTION]\n> 不要刷量。\n\n\
         ::: warning 别踩坑（Pitfall）\n不要**刷量**。\n:::\n\n:::details\n`::: tip` 写法\n:::\n",
    );
    f.build_ok(&[]);
    let html = page(&f, "lessons/01-基础/02-next.html");
    assert_eq!(
        attrs(&html, ".callout", "class"),
        [
            "callout callout-tip",
            "callout callout-caution",
            "callout callout-warning",
            "callout callout-details"
        ]
    );
    assert_eq!(attrs(&html, "div.callout", "role"), ["note", "note", "note"]);
    assert_eq!(texts(&html, ".callout-title"), ["提示", "当心", "别踩坑（Pitfall）"]);
    assert_eq!(texts(&html, "details.callout > summary"), ["详情"]);
    assert_eq!(texts(&html, ".callout-tip strong"), ["完播率（completion rate）"]);
    assert_eq!(texts(&html, "details.callout code"), ["::: tip"]);
    let deck = Html::parse_document(&f.read_out("decks/01-基础/02-next.html"));
    assert_eq!(texts(&deck, ".callout-title"), ["提示", "当心", "别踩坑（Pitfall）"]);

    // An English site says it in English.
    f.edit("lectern.yaml", |s| s.replace("language: zh-CN", "language: en"));
    f.build_ok(&[]);
    let html = page(&f, "lessons/01-基础/02-next.html");
    assert_eq!(texts(&html, ".callout-title"), ["Tip", "Caution", "别踩坑（Pitfall）"]);
    assert_eq!(texts(&html, "details.callout > summary"), ["Details"]);
}
