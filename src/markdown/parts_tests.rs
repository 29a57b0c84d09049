//! Deck parts stay balanced: a slide too tall for the canvas, cut inside a `:::` callout,
//! a `::: details` box or a raw `<div>`/`<details>` holding Markdown, closes the box at
//! the end of each part and opens it again on the next. A stray `</div>` would close the
//! deck's own container and make every later slide unreachable.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

use super::slide_rules_tests::doc_with;
use super::*;

const PARA: &str = "直播间一场四小时，观众平均只停留两分钟。切片把高光片段剪成十五到六十秒的短视频（short video），再用数据回看哪一条跑得最好。\n\n";

/// Whether `html` closes every `<div>` and `<details>` it opens, and nothing else.
fn balanced(html: &str) -> bool {
    ["div", "details"].iter().all(|name| {
        let mut depth = 0i32;
        let (open, close) = (format!("<{name}"), format!("</{name}>"));
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at..];
            if rest.starts_with(&close) {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            } else if rest.starts_with(&open) && rest[open.len()..].starts_with([' ', '>']) {
                depth += 1;
            }
            rest = &rest[1..];
        }
        depth == 0
    })
}

fn assert_parts_balanced(md: &str) {
    let d = doc_with(md, &DocOptions::default());
    for (s, slide) in d.slides.iter().enumerate() {
        assert!(balanced(&slide.html), "slide {s} on the page:\n{}", slide.html);
        for (k, part) in slide.deck_parts.iter().enumerate() {
            assert!(balanced(&part.html), "slide {s}, part {k}:\n{}\nof\n{md}", part.html);
        }
    }
}

#[test]
fn a_slide_cut_inside_a_callout_or_div_continues_it_on_the_next_part() {
    for (open, close, reopened) in [
        (
            "::: tip 提示\n",
            ":::\n",
            "<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">提示</p>",
        ),
        (
            "::: details 展开看\n",
            ":::\n",
            "<details class=\"callout callout-details\"><summary>展开看</summary>",
        ),
        ("<div class=\"note\">\n\n", "</div>\n", "<div class=\"note\">"),
    ] {
        let md = format!(
            "## 为什么要做切片\n\n{}{open}{}{close}\n---\n\n## 下一页\n\n后面的幻灯片。\n",
            PARA.repeat(3),
            PARA.repeat(6)
        );
        let d = doc_with(&md, &DocOptions::default());
        let parts = &d.slides[0].deck_parts;
        assert!(parts.len() >= 2, "{open}: {} parts", parts.len());
        for (k, part) in parts.iter().enumerate() {
            assert!(balanced(&part.html), "{open} part {k}:\n{}", part.html);
        }
        assert!(
            parts[1].html.contains(reopened),
            "{open}: part 2 goes on in the box:\n{}",
            parts[1].html
        );
        assert!(d.slides[1].html.contains("后面的幻灯片"));
    }
}

/// One block of a generated lesson: paragraphs, alone or in a container of some kind.
fn block() -> impl Strategy<Value = String> {
    let paras = 1usize..8;
    prop_oneof![
        paras.clone().prop_map(|n| PARA.repeat(n)),
        (paras.clone(), 0usize..4).prop_map(|(n, kind)| {
            let kind = ["tip 提示", "warning", "details 解", "note 注意（Note）"][kind];
            format!("::: {kind}\n{}:::\n\n", PARA.repeat(n))
        }),
        (paras.clone(), paras.clone()).prop_map(|(n, m)| {
            format!(
                "::: details 例 1\n{}::: tip\n{}:::\n{}:::\n\n",
                PARA.repeat(n),
                PARA.repeat(m),
                PARA
            )
        }),
        paras
            .clone()
            .prop_map(|n| format!("<div class=\"box\">\n\n{}</div>\n\n", PARA.repeat(n))),
        paras.prop_map(|n| format!("<details>\n<summary>答案</summary>\n\n{}</details>\n\n", PARA.repeat(n))),
        (1usize..30).prop_map(|n| (1..=n).map(|i| format!("- 第 {i} 条\n")).collect::<String>() + "\n"),
    ]
}

proptest! {
    #![proptest_config(Config { cases: 96, rng_seed: RngSeed::Fixed(7), failure_persistence: None, ..Config::default() })]

    #[test]
    fn every_deck_part_is_balanced(blocks in prop::collection::vec(block(), 1..8), rule in any::<bool>()) {
        let sep = if rule { "---\n\n" } else { "" };
        let md = format!("## 第一页\n\n{}{sep}## 第二页\n\n结束。\n", blocks.concat());
        assert_parts_balanced(&md);
    }
}

const BADGES: &str = "[![Contributors](https://img.shields.io/github/contributors/a/b.svg)](https://github.com/a/b)\n[![Forks](https://img.shields.io/github/forks/a/b.svg)](https://github.com/a/b)\n[![Stars](https://img.shields.io/github/stars/a/b.svg)](https://github.com/a/b)\n[![Issues](https://img.shields.io/github/issues/a/b.svg)](https://github.com/a/b)\n[![License](https://img.shields.io/github/license/a/b.svg)](https://github.com/a/b)\n[![LinkedIn](https://img.shields.io/badge/-LinkedIn-black.svg)](https://linkedin.com)\n";

#[test]
fn a_row_of_badges_is_a_line_not_six_blocks() {
    let md =
        format!("<div id=\"top\"></div>\n\n{BADGES}\n<h3 align=\"center\">项目标题</h3>\n\n## 关于本项目\n\n正文。\n");
    let d = doc_with(&md, &DocOptions::default());
    let slide = &d.slides[0];
    assert!(slide.deck_parts.is_empty(), "{} parts", slide.deck_parts.len());
    assert!(slide.estimated_height < 300, "{}", slide.estimated_height);
    let file = SourceFile::new("l.md", md.clone());
    assert!(layout::overflow_warnings(&d, &file, Canvas::default(), 0.6).is_empty());
    // An image in a line of text is inline too; one alone in its paragraph is a block.
    let inline = doc_with(
        "公式 ![f](https://example.com/f.svg) 的推导。\n",
        &DocOptions::default(),
    );
    let alone = doc_with("![流程图](https://example.com/flow.svg)\n", &DocOptions::default());
    assert!(
        inline.slides[0].estimated_height < 100,
        "{}",
        inline.slides[0].estimated_height
    );
    assert!(
        alone.slides[0].estimated_height >= 320,
        "{}",
        alone.slides[0].estimated_height
    );
}

#[test]
fn a_slide_or_deck_part_that_shows_nothing_is_not_a_deck_slide() {
    // An empty `<div id="top"></div>` (the id is cleaned away) before a `---`.
    let d = doc_with(
        "<div id=\"top\"></div>\n\n---\n\n## 一\n\n正文。\n",
        &DocOptions::default(),
    );
    assert_eq!(d.slides.len(), 1);
    assert_eq!(d.slides[0].title.as_deref(), Some("一"));
    assert!(d.slides[0].html.starts_with("<div"), "{}", d.slides[0].html);
    assert!(!d.deck_title_slide(), "the lesson opens with its heading");
    // … and before a tall block the deck continues: no part of it is blank.
    let items: String = (1..=40)
        .map(|n| format!("- 第 {n} 条：封面、标题、商品特写\n"))
        .collect();
    let d = doc_with(&format!("<div id=\"top\"></div>\n\n{items}"), &DocOptions::default());
    let parts = &d.slides[0].deck_parts;
    assert!(parts.len() >= 2);
    for (k, part) in parts.iter().enumerate() {
        assert!(part.html.contains("<li>"), "part {k} shows something: {}", part.html);
        assert!(balanced(&part.html), "part {k}: {}", part.html);
    }
}

#[test]
fn a_part_goes_on_under_the_section_it_is_in() {
    // One `---` (a rule before the footer, as in a blog post) keeps the `##` from
    // splitting: the long slide is cut, and each part that does not open with a heading
    // goes on under the heading above it, not under the slide's first one.
    let md = format!(
        "# 直播切片入门\n\n{p}## 第一节 选题\n\n{p}{p}{p}{p}{p}{p}## 第二节 剪辑\n\n{p}{p}{p}{p}{p}{p}{p}{p}\n---\n\n原文地址：见页脚。\n",
        p = PARA
    );
    let d = doc_with(&md, &DocOptions::default());
    let parts = &d.slides[0].deck_parts;
    assert!(parts.len() >= 4, "{} parts", parts.len());
    let titles: Vec<(Option<&str>, bool)> = parts
        .iter()
        .map(|p| (p.continued.as_deref(), p.html.contains("第二节 剪辑</h2>")))
        .collect();
    let second = titles.iter().position(|(_, has)| *has).expect("a part holds 第二节");
    for (k, (continued, _)) in titles.iter().enumerate().skip(1) {
        let want = if k <= second {
            "第一节 选题"
        } else {
            "第二节 剪辑"
        };
        if let Some(c) = continued {
            assert_eq!(*c, want, "part {k}: {titles:?}");
        }
    }
    assert!(titles[second + 1..].iter().any(|(c, _)| c.is_some()), "{titles:?}");
}
