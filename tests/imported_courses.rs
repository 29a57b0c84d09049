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

/// A docsify-style lesson saved on Windows: BOM, CRLF, `&` in its file name.
const AMP: &str = "content/lessons/01-基础/chapter1_questions&keywords.md";

#[test]
fn crlf_bom_and_ampersand_file_names_work_everywhere() {
    let f = Fixture::new("good");
    f.write_bytes(
        AMP,
        "\u{feff}---\r\ntitle: 问题与关键词\r\n---\r\n## 关键词（Keywords）\r\n\r\nGMV 是**成交总额（Gross Merchandise Volume）**\r\n，KOC 是关键意见消费者。\r\n"
            .as_bytes(),
    );
    f.write(
        NEXT,
        "---\ntitle: 第二课\n---\n## 复习\n\n看 [问题](chapter1_questions&keywords.md#关键词keywords)。\n",
    );
    f.build_ok(&[]);
    // The id and the page: the title read past the BOM, the file name kept.
    let html = page(&f, "lessons/01-基础/chapter1_questions&keywords.html");
    assert_eq!(texts(&html, "h1"), ["问题与关键词"]);
    assert_eq!(attrs(&html, ".prose h2", "id"), ["关键词keywords"]);
    // CRLF between Chinese lines joins without a space; emphasis is read across it.
    assert_eq!(
        texts(&html, ".prose p")[0],
        "GMV 是成交总额（Gross Merchandise Volume），KOC 是关键意见消费者。"
    );
    assert_eq!(texts(&html, ".prose strong"), ["成交总额（Gross Merchandise Volume）"]);
    // URLs: `&` percent-encoded in links from other lessons, in the module list and the deck.
    let next = page(&f, "lessons/01-基础/02-next.html");
    assert_eq!(
        attrs(&next, ".prose a", "href"),
        ["chapter1_questions%26keywords.html#%E5%85%B3%E9%94%AE%E8%AF%8Dkeywords"]
    );
    let raw = f.read_out("lessons/01-基础/chapter1_questions&keywords.html");
    assert!(
        raw.contains("decks/01-基础/chapter1_questions%26keywords.html")
            || raw.contains("chapter1_questions%26keywords.html")
    );
    // HTML attributes: a raw `&` never appears inside one.
    for cap in raw.split('"').skip(1).step_by(2) {
        assert!(!cap.contains("questions&k"), "unescaped & in an attribute: {cap}");
    }
    assert!(f
        .read_out("decks/01-基础/chapter1_questions&keywords.html")
        .contains("成交总额"));
    // Search: the record points at the encoded page and holds the text.
    let index: String = std::fs::read_dir(f.out().join("search"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        index.contains("lessons/01-基础/chapter1_questions%26keywords.html")
            || index.contains("chapter1_questions%26keywords.html")
    );
    assert!(index.contains("问题与关键词"));
}

#[test]
fn diagnostics_stay_located_in_crlf_cr_and_mixed_files() {
    for (name, eol) in [("crlf", "\r\n"), ("cr", "\r"), ("mixed", "\n")] {
        let f = Fixture::new("good");
        let body = [
            "---",
            "title: 第二课",
            "---",
            "## 复习",
            "",
            "正文",
            "看 [入门](lesson:01-基础/01-intr)。",
            "",
        ];
        let mut text = body.join(eol);
        if name == "mixed" {
            text = text.replacen("\n", "\r\n", 2).replacen("正文\n", "正文\r", 1);
        }
        f.write(NEXT, &text);
        let run = f.run(&["check"]);
        let out = run.stderr.clone();
        assert!(out.contains("02-next.md:7:3"), "{name}: {out}");
        assert!(out.contains("7 | 看 [入门](lesson:01-基础/01-intr)。"), "{name}: {out}");
    }
}
