//! Slide counts by each tool's rules (Marp's `headingDivider`, reveal-md's separators,
//! Lectern's own), automatic splitting of prose lessons, and deck parts of slides too tall
//! for the canvas.

use super::*;

struct Resolver;

impl LinkResolver for Resolver {
    fn resolve(&self, dest: &str, _span: Range<usize>, _kind: LinkKind) -> Result<String, Diagnostic> {
        Ok(dest.to_string())
    }
}

pub(super) fn doc_with(md: &str, opts: &DocOptions) -> RenderedDoc {
    let text = format!("---\ntitle: t\n---\n{md}");
    let file = SourceFile::new("l.md", text);
    parse_document(&file, 16, opts, &Resolver)
}

fn marp(divider: u8) -> DocOptions {
    DocOptions {
        idiom: DeckIdiom::Marp,
        heading_divider: divider,
        title_slide: TitleSlide::Never,
        comments_are_notes: true,
        ..DocOptions::default()
    }
}

fn reveal(horizontal: &str, vertical: &str) -> DocOptions {
    let re = |p: &str| regex::Regex::new(&format!("(?mR){p}")).unwrap();
    DocOptions {
        idiom: DeckIdiom::Reveal(RevealSeparators {
            horizontal: re(horizontal),
            vertical: Some(re(vertical)),
        }),
        title_slide: TitleSlide::Never,
        ..DocOptions::default()
    }
}

fn titles(d: &RenderedDoc) -> Vec<String> {
    d.slides.iter().map(|s| s.title.clone().unwrap_or_default()).collect()
}

#[test]
fn marp_heading_divider_splits_along_with_rules_as_marp_does() {
    // Levels 1–3 (bits 1, 2, 3). Marp puts a slide break before each such heading that has
    // visible content before it; after a `---` that leaves an empty slide.
    let md = "<!-- _class: lead -->\n\n# 开场\n\n## 一\n\n### 细节\n\n#### 不分\n\n---\n\n## 二\n\n```\n---\n```\n\n---\n\n谢谢\n";
    let d = doc_with(md, &marp(0b1110));
    assert_eq!(titles(&d), ["开场", "一", "细节", "", "二", ""]);
    assert!(d.slides[3].html.is_empty(), "the empty slide Marp makes");
    assert_eq!(d.deck_slide_count(), 6, "no title slide in a Marp deck");
    // `[1, 3]`: only those levels.
    let d = doc_with("# 一\n\n## 不分\n\n### 三\n\n# 四\n", &marp(0b1010));
    assert_eq!(titles(&d), ["一", "三", "四"]);
}

#[test]
fn marp_style_before_the_first_heading_makes_no_empty_slide() {
    // Marpit splits before a divider heading only after something visible.
    let md = "<style>\nsection { font-size: 28px; }\n</style>\n\n# 字体\n\n正文\n\n# 颜色\n";
    for unsafe_html in [false, true] {
        let opts = DocOptions {
            unsafe_html,
            ..marp(0b10)
        };
        assert_eq!(
            titles(&doc_with(md, &opts)),
            ["字体", "颜色"],
            "unsafe_html: {unsafe_html}"
        );
    }
}

#[test]
fn marp_line_breaks_in_a_paragraph_are_br_as_marp_renders_them() {
    // marp-core sets markdown-it's `breaks`: an author/date block keeps its lines, also
    // between Chinese lines, which Lectern's own lessons join without a space.
    let md = "# 直播切片入门\n\n**主讲人**\n张老师\n2026/12/04\n";
    let d = doc_with(md, &marp(0));
    assert!(
        d.slides[0]
            .html
            .contains("<p><strong>主讲人</strong><br />\n张老师<br />\n2026/12/04</p>"),
        "{}",
        d.slides[0].html
    );
    let taller = d.slides[0].estimated_height;
    let d = doc_with(md, &DocOptions::default());
    assert!(
        d.slides[0]
            .html
            .contains("<p><strong>主讲人</strong>张老师\n2026/12/04</p>"),
        "{}",
        d.slides[0].html
    );
    assert!(
        taller > d.slides[0].estimated_height,
        "each line counts toward the slide's height"
    );
}

#[test]
fn reveal_separators_need_empty_lines_and_never_split_code() {
    let d = doc_with(
        "# 一\n\n---\n\n## 二\n\n* 不逐条\n\n----\n\n## 三\n\n```\n\n---\n\n```\n\n---\n## 仍在三\n\n---\n\n## 四\n",
        &reveal(r"^(\r\n?|\n)---(\r\n?|\n)$", r"^(\r\n?|\n)----(\r\n?|\n)$"),
    );
    assert_eq!(titles(&d), ["一", "二", "三", "四"]);
    assert!(
        d.slides[2].html.contains("<hr />"),
        "a `---` without an empty line after it is a rule"
    );
    assert!(d.slides[2].html.contains("仍在三"));
    assert!(
        !d.slides[1].html.contains("fragments"),
        "`*` lists step through only in Marp and Lectern decks"
    );
    assert_eq!(d.deck_slide_count(), 4);
    // Custom separators; a `---` is then only a rule, and a trailing separator leaves an
    // empty slide, as reveal.js makes.
    let d = doc_with(
        "正文\n\n<!--s-->\n\n## 二\n\n---\n\n<!--v-->\n\n## 三\n\n<!--s-->\n",
        &reveal("<!--s-->", "<!--v-->"),
    );
    assert_eq!(titles(&d), ["", "二", "三", ""]);
    assert!(d.slides[1].html.contains("<hr />"));
    assert!(!d.deck_title_slide(), "reveal adds no title slide");
}

#[test]
fn the_title_slide_follows_the_first_content_and_can_be_turned_off() {
    let lectern = DocOptions::default();
    assert!(
        doc_with("<h2>原始 HTML</h2>\n\n正文\n", &lectern).deck_title_slide(),
        "raw HTML is not a heading of the lesson"
    );
    assert!(!doc_with("![bg](bg.png)\n\n## KOC\n", &lectern).deck_title_slide());
    let off = DocOptions {
        title_slide: TitleSlide::Never,
        ..DocOptions::default()
    };
    let d = doc_with("先看数据。\n\n---\n\n## 二\n", &off);
    assert!(!d.deck_title_slide());
    assert_eq!(d.deck_slide_count(), 2);
}

#[test]
fn prose_lessons_split_at_the_first_level_that_gives_two_slides() {
    let d = doc_with(
        "# 第二章\n\n引言\n\n## 一\n\n正文\n\n### 细节\n\n## 二\n\n正文\n",
        &DocOptions::default(),
    );
    assert_eq!(titles(&d), ["第二章", "一", "二"]);
    let off = DocOptions {
        slide_level: Some(0),
        ..DocOptions::default()
    };
    assert_eq!(
        doc_with("# 一\n\n正文\n\n## 二\n", &off).slides.len(),
        1,
        "`slide_level: 0` keeps one slide"
    );
}

#[test]
fn tall_slides_continue_on_further_deck_slides() {
    let rows: String = (1..=40).map(|d| format!("| 11 月 {d} 日 | {d} |\n")).collect();
    let code: String = (1..=50).map(|n| format!("clip_{n} = export({n})\n")).collect();
    let items: String = (1..=30).map(|n| format!("{n}. 第 {n} 项：检查 GMV 和封面\n")).collect();
    let md = format!("## 数据表\n\n| 日期 | 条数 |\n|---|---|\n{rows}\n```python\n{code}```\n\n{items}");
    let d = doc_with(&md, &DocOptions::default());
    assert_eq!(d.slides.len(), 1);
    let slide = &d.slides[0];
    assert!(
        slide.html.contains("11 月 40 日") && slide.html.contains("clip_50"),
        "the page keeps the slide whole"
    );
    let parts = &slide.deck_parts;
    let room = Canvas::default().content_height();
    assert!(parts.len() >= 6, "{} parts", parts.len());
    for (k, part) in parts.iter().enumerate() {
        assert!(
            part.estimated_height as f32 <= room,
            "part {k}: {}",
            part.estimated_height
        );
        assert_eq!(part.continued.is_some(), k > 0, "part {k}");
        let tables = part.html.matches("<table>").count();
        assert_eq!(
            part.html.matches("<th>日期</th>").count(),
            tables,
            "each table part repeats the header"
        );
    }
    assert_eq!(parts[0].continued, None);
    assert_eq!(parts[1].continued.as_deref(), Some("数据表"));
    let all: String = parts.iter().map(|p| p.html.as_str()).collect();
    for needle in ["11 月 1 日<", "11 月 40 日", "第 1 项", "第 30 项"] {
        assert_eq!(all.matches(needle).count(), 1, "{needle} once across the parts");
    }
    assert_eq!(all.matches("clip_").count(), 50, "every line of code once");
    let ordered: Vec<&DeckPart> = parts.iter().filter(|p| p.html.contains("第 30 项")).collect();
    assert!(
        ordered[0].html.contains("<ol start=\""),
        "a continued ordered list goes on counting"
    );
    assert_eq!(d.deck_slide_count(), parts.len(), "every part is a deck slide");
    // Marp and reveal decks keep their tools' slides: no parts.
    assert!(doc_with(&md, &marp(0)).slides[0].deck_parts.is_empty());
}

#[test]
fn a_preamble_before_the_title_goes_on_the_title_slide_and_sections_still_split() {
    let sections = "# WebSocket 入门\n\n## 简介\n\n全双工（full-duplex）通信。\n\n## 握手\n\n带 `Upgrade` 头。\n\n## 心跳\n\nping 之后回送 pong。\n";
    for (preamble, kept) in [
        ("> 原文地址：<https://example.com/post>\n> 译者：小王\n\n", "原文地址"),
        (
            "[![CI](https://img.shields.io/badge/ci-passing-green)](https://ci.example.com) [![npm](https://img.shields.io/npm/v/x)](https://npm.example.com)\n\n",
            "img.shields.io/npm",
        ),
        ("", "WebSocket 入门"),
    ] {
        let d = doc_with(&format!("{preamble}{sections}"), &DocOptions::default());
        assert_eq!(titles(&d), ["WebSocket 入门", "简介", "握手", "心跳"], "{preamble}");
        assert!(d.slides[0].html.contains(kept), "the preamble is on the title's slide: {preamble}");
        assert!(!d.deck_title_slide(), "the title's slide stands for the title slide: {preamble}");
    }
    // Text before the first section heading (no title above it) is still a slide of its own.
    let d = doc_with(
        "引言（intro）。\n\n## 一\n\n正文。\n\n## 二\n\n正文。\n",
        &DocOptions::default(),
    );
    assert_eq!(titles(&d), ["", "一", "二"]);
    assert!(d.deck_title_slide());
}

#[test]
fn marp_heading_divider_in_a_comment_applies_to_the_whole_deck() {
    let md = "<!-- headingDivider: 2 -->\n\n# 一\n\n## 二\n\n### 不分\n\n## 三\n";
    assert_eq!(titles(&doc_with(md, &marp(0))), ["一", "二", "三"]);
    // Anywhere in the deck, the last one winning over the front matter's (`[1, 3]` here).
    let md = "# 一\n\n## 不分\n\n### 三\n\n<!--\nheadingDivider: [1, 3]\n_class: lead\n-->\n\n# 四\n";
    assert_eq!(titles(&doc_with(md, &marp(0b0110))), ["一", "三", "四"]);
    let md = "<!-- headingDivider: false -->\n\n# 一\n\n## 二\n";
    assert_eq!(titles(&doc_with(md, &marp(0b0110))), ["一"]);
    // Not in code, not in a note that only mentions it, and not outside Marp decks.
    let md = "# 一\n\n```html\n<!-- headingDivider: 2 -->\n```\n\n<!-- 讲一下 headingDivider: 2 的用法 -->\n\n## 二\n";
    assert_eq!(titles(&doc_with(md, &marp(0))), ["一"]);
    let lectern = DocOptions {
        slide_level: Some(0),
        ..DocOptions::default()
    };
    assert_eq!(
        doc_with("<!-- headingDivider: 2 -->\n\n# 一\n\n## 二\n", &lectern)
            .slides
            .len(),
        1
    );
}

#[test]
fn reveal_rule_right_above_slide_attributes_breaks_and_notes_with_slides_are_warned() {
    let default = reveal(r"^(\r\n?|\n)---(\r\n?|\n)$", r"^(\r\n?|\n)----(\r\n?|\n)$");
    let md = "## 一\n\nNotes:\n  为什么快？\n\n---\n<!-- .slide: class=\"left\" -->\n\n### 二\n\nNotes:\n  讲稿。\n\n---\n\n# 三\n";
    let d = doc_with(md, &default);
    assert_eq!(titles(&d), ["一", "二", "三"]);
    assert_eq!(d.slides[1].style.class.as_deref(), Some("left"));
    assert!(!d.slides[0].notes_html.contains("二"), "{}", d.slides[0].notes_html);
    assert!(d.diagnostics.is_empty());
    // Each slide starts at its first line (where its warnings point), not at the empty
    // line after the separator.
    let text = format!("---\ntitle: t\n---\n{md}");
    assert_eq!(d.slides[2].start, text.find("# 三").unwrap());
    assert_eq!(d.slides[1].start, text.find("<!-- .slide").unwrap());
    // With custom separators `---` is only a rule.
    let custom = reveal("^<!--s-->$", "^<!--v-->$");
    assert_eq!(doc_with(md, &custom).slides.len(), 1);
    // A `---` with no empty line after it (and no attributes) stays a rule, as in reveal.js:
    // what follows is in the notes, and that is warned about, once a slide, at the rule.
    let d = doc_with("## 一\n\nNote:\n讲稿。\n\n---\n### 二\n\n## 还是一\n", &default);
    assert_eq!(d.slides.len(), 1);
    assert_eq!(d.diagnostics.len(), 1);
    let w = &d.diagnostics[0];
    assert!(
        w.message.contains("a `---` rule in the speaker notes of slide 1"),
        "{}",
        w.message
    );
    let rule_at = "---\ntitle: t\n---\n## 一\n\nNote:\n讲稿。\n\n".len();
    assert!(
        matches!(&w.location, Some(crate::diag::Location::Span { span, .. }) if *span == (rule_at..rule_at + 3)),
        "{:?}",
        w.location
    );
    // A heading in the notes is warned about too; Marp and Lectern notes are not checked.
    let d = doc_with("## 一\n\nNote:\n讲稿。\n\n## 二\n", &default);
    assert!(d.diagnostics[0].message.starts_with("a heading in the speaker notes"));
    assert!(doc_with("## 一\n\nNote:\n讲稿。\n\n---\n### 二\n", &marp(0))
        .diagnostics
        .is_empty());
}

#[test]
fn several_background_images_leave_no_empty_paragraph() {
    // Marp's split backgrounds: one image per line; Marp's line breaks are `<br>`.
    let d = doc_with("![bg left](a.png)\n![bg](b.png)\n\n## 两张背景\n", &marp(0));
    assert_eq!(d.slides.len(), 1);
    assert!(!d.slides[0].html.contains("<p>"), "{}", d.slides[0].html);
    assert!(d.slides[0].html.contains("两张背景"));
}
