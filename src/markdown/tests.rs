use super::*;

/// Resolves `lesson:` links to a fixed URL and rejects `missing`, recording what it saw.
struct TestResolver;

impl LinkResolver for TestResolver {
    fn resolve(&self, dest: &str, span: Range<usize>, _kind: LinkKind) -> Result<String, Diagnostic> {
        if dest.contains("missing") {
            return Err(Diagnostic::error(format!("no such target `{dest}`")));
        }
        let _ = span;
        Ok(dest.replace("lesson:", "../x/"))
    }
}

pub(super) fn doc(md: &str) -> RenderedDoc {
    doc_with(md, &DocOptions::default())
}

fn doc_with(md: &str, opts: &DocOptions) -> RenderedDoc {
    let text = format!("---\ntitle: t\n---\n{md}");
    let file = SourceFile::new("l.md", text);
    parse_document(&file, 16, opts, &TestResolver)
}

#[test]
fn thematic_breaks_split_slides() {
    let d = doc("## 一\n\n内容\n\n---\n\n## 二\n\n- a\n- b\n\n---\n\n## 三\n");
    assert_eq!(d.slides.len(), 3);
    assert_eq!(d.slides[1].title.as_deref(), Some("二"));
    assert!(d.slides[1].html.contains("<li>a</li>"));
    assert!(!d.slides[0].html.contains("<hr"));
}

#[test]
fn emoji_shortcodes_become_emoji_outside_code() {
    let d = doc("## 开场 :wave:\n\n点赞 :+1:，返回 :arrow_left: 上一页，10:30:00 开播。\n\n`:smile:` 写法\n\n```\n:smile:\n```\n");
    let html = &d.slides[0].html;
    assert!(
        html.contains("点赞 👍，返回 ⬅\u{fe0f} 上一页，10:30:00 开播。"),
        "{html}"
    );
    assert!(
        html.contains("<code>:smile:</code>") && html.contains(">:smile:\n<"),
        "code keeps its text: {html}"
    );
    assert_eq!(d.slides[0].title.as_deref(), Some("开场 👋"));
}

#[test]
fn labelled_formulas_are_numbered_for_eqref_and_ref() {
    let md = concat!(
        "如式 $\\eqref{eq:return}$ 所示（第 $\\ref{eq:return}$ 式），再看 $\\eqref{eq:v}$。\n\n",
        "$$\n\\begin{equation}\\label{eq:return}\nG_t = R_{t+1} + \\gamma G_{t+1}\n\\end{equation}\n$$\n\n",
        "$$\nx = 1\n$$\n\n",
        "$$\nV(s) = \\max_a Q(s, a) \\label{eq:v}\n$$\n\n",
        "$$\ny = 2 \\tag{A} \\label{eq:a}\n$$\n\n",
        "见 $\\eqref{eq:a}$ 与 $\\eqref{eq:nosuch}$。\n",
    );
    let d = doc(md);
    let html = &d.slides[0].html;
    let shown = |n: &str| html.matches(&format!(">({n})<")).count();
    // Each labelled formula shows its number once, and each \eqref once more.
    assert_eq!((shown("1"), shown("2"), shown("A"), shown("?")), (2, 2, 2, 1), "{html}");
    assert!(html.contains("<mtext>1</mtext>"), "\\ref shows the bare number: {html}");
    assert!(!html.contains("math-error") && !html.contains("label"), "{html}");
    let warnings: Vec<_> = d.diagnostics.iter().map(|w| w.message.clone()).collect();
    assert_eq!(warnings, ["`\\eqref{eq:nosuch}` names no formula on this page"]);
}

#[test]
fn formulas_in_raw_html_blocks_become_mathml() {
    let d = doc("<table><tr><td>$s_1$</td><td>$0.2$</td><td>价格 $5 到 $10</td><td><code>$x$</code></td><td>$\\nosuch$</td></tr></table>\n");
    let html = &d.slides[0].html;
    assert_eq!(html.matches("<math").count(), 2, "{html}");
    assert!(
        html.contains("<td>价格 $5 到 $10</td>") && html.contains("<code>$x$</code>"),
        "{html}"
    );
    assert!(html.contains(">$\\nosuch$</code>"), "shown as written: {html}");
    assert_eq!(d.diagnostics.len(), 1, "one warning, for \\nosuch");
}

#[test]
fn mkdocs_admonitions_are_callouts_with_their_indented_body_as_markdown() {
    let md = concat!(
        "!!! note \"压缩包结构\"\n    ZIP 由三部分组成。\n\n    ```python\n    print(1)\n    ```\n\n    - 本地文件头\n    - 中央目录 <script>alert(1)</script>\n\n",
        "??? tip \"答案\"\n    是 **42**。\n\n",
        "!!! warning\n\n    注意 [坏链](missing.md)。\n\n",
        "??? note \"对照表\"\n    ```\n    + ZIPFILERECORD record\n        - char frSignature[4]\n    ```\n\n",
        "正文继续。\n",
    );
    let d = doc(md);
    let html = &d.slides[0].html;
    let want = [
        "<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">压缩包结构</p>\n<p>ZIP 由三部分组成。</p>\n<pre class=\"code\" data-lang=\"python\">",
        "<li>本地文件头</li>",
        "</ul>\n</div>\n<details class=\"callout callout-tip\"><summary>答案</summary>\n<p>是 <strong>42</strong>。</p>\n</details>\n",
        "<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">警告</p>\n<p>注意 <a href=\"missing.md\">坏链</a>。</p>\n</div>\n",
        // A fence right under the marker line (no blank line) is the body's code.
        "<details class=\"callout callout-note\"><summary>对照表</summary>\n<pre class=\"code\"><code>+ ZIPFILERECORD record\n    - char frSignature[4]\n</code></pre>\n</details>\n<p>正文继续。</p>",
    ];
    for part in want {
        assert!(html.contains(part), "missing {part:?} in {html}");
    }
    assert!(
        !html.contains("!!!") && !html.contains("???") && !html.contains("<script"),
        "{html}"
    );
    // The body's link is resolved where it is written, after the 4-space indent.
    struct Spans;
    impl LinkResolver for Spans {
        fn resolve(&self, dest: &str, span: Range<usize>, _kind: LinkKind) -> Result<String, Diagnostic> {
            Err(Diagnostic::error(format!("{dest} {} {}", span.start, span.end)))
        }
    }
    let file = SourceFile::new("l.md", md.to_string());
    let d = parse_document(&file, 0, &DocOptions::default(), &Spans);
    let spans: Vec<&str> = d
        .diagnostics
        .iter()
        .filter_map(|e| {
            let mut words = e
                .message
                .strip_prefix("missing.md ")?
                .split(' ')
                .map(|n| n.parse::<usize>().unwrap());
            Some(&md[words.next()?..words.next()?])
        })
        .collect();
    assert_eq!(spans, ["[坏链](missing.md)"]);
}

#[test]
fn bare_urls_are_links_but_not_inside_links_code_or_alt_text() {
    let d = doc(concat!(
        "官网：https://gohugo.io/docs/，另见 www.bilibili.com 与 <https://a.cn>。\n\n",
        "[https://b.cn](https://b.cn) `https://c.cn` ![https://d.cn](img.png) <a href=\"https://e.cn\">https://e.cn</a>\n\n",
        "| 平台 | 地址 |\n|---|---|\n| 抖音 | https://www.douyin.com?a=1&b=<2> |\n",
    ));
    let html = &d.slides[0].html;
    for part in [
        "官网：<a href=\"https://gohugo.io/docs/\">https://gohugo.io/docs/</a>，另见 <a href=\"http://www.bilibili.com\">www.bilibili.com</a> 与 <a href=\"https://a.cn\">https://a.cn</a>。",
        "<a href=\"https://b.cn\">https://b.cn</a> <code>https://c.cn</code> <img src=\"img.png\" alt=\"https://d.cn\" />",
        "<td><a href=\"https://www.douyin.com?a=1&amp;b=\">https://www.douyin.com?a=1&amp;b=</a>&lt;2&gt;</td>",
    ] {
        assert!(html.contains(part), "missing {part:?} in {html}");
    }
    assert_eq!(html.matches("<a ").count(), 6, "{html}");
}

#[test]
fn nested_rules_do_not_split() {
    let d = doc("> quote\n>\n> ***\n\n- item\n\n  ***\n");
    assert_eq!(d.slides.len(), 1);
    assert!(d.slides[0].html.contains("<hr"));
}

#[test]
fn notes_are_separated_from_slides() {
    let d =
        doc("## 开场\n\n内容\n\nNote: 先问学员刷过哪些切片\n\n继续备注\n\n---\n\n## 二\n\n???\n\nremark 风格备注\n");
    assert_eq!(d.slides.len(), 2);
    assert!(!d.slides[0].html.contains("先问学员"));
    assert!(d.slides[0].notes_html.contains("先问学员刷过哪些切片"));
    assert!(!d.slides[0].notes_html.contains("Note:"));
    assert!(d.slides[0].notes_html.contains("继续备注"));
    assert!(d.slides[1].notes_html.contains("remark 风格备注"));
    assert!(!d.slides[1].html.contains("???"));
}

#[test]
fn notes_with_full_width_colon() {
    let d = doc("正文\n\nNotes： 讲师提示\n");
    assert!(d.slides[0].notes_html.contains("讲师提示"));
    assert!(!d.slides[0].html.contains("讲师提示"));
}

#[test]
fn heading_ids_keep_chinese_and_are_unique() {
    let d = doc("## 小结\n\n---\n\n## 小结\n\n### A/B 测试 {#custom}\n");
    let ids: Vec<_> = d.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["小结", "小结-1", "custom"]);
    assert!(d.slides[0].html.contains("<h2 id=\"小结\">小结</h2>"));
    assert_eq!(d.headings[1].slide, 1);
}

#[test]
fn soft_break_between_chinese_is_dropped() {
    let d = doc("直播切片是\n一个赛道。\nGMV\nis up\n");
    let html = &d.slides[0].html;
    assert!(html.contains("直播切片是一个赛道。"), "{html}");
    assert!(html.contains("GMV\nis up"), "{html}");
}

#[test]
fn soft_break_joins_across_emphasis() {
    let d = doc("这是\n**重点**内容\n");
    assert!(
        d.slides[0].html.contains("这是<strong>重点</strong>"),
        "{}",
        d.slides[0].html
    );
}

#[test]
fn gfm_extensions() {
    let d = doc("| 平台 | 完播率 |\n|---|---|\n| 抖音 | 30% |\n\n- [x] 已发布\n- [ ] 未发布\n\n~~删除~~ 脚注[^1]\n\n[^1]: 数据来自内部测试。\n");
    let html = &d.slides[0].html;
    assert!(html.contains("<table>"), "{html}");
    assert!(html.contains("type=\"checkbox\""), "{html}");
    assert!(html.contains("<del>删除</del>"), "{html}");
    assert!(d.footnotes_html.contains("数据来自内部测试"), "{}", d.footnotes_html);
    assert!(!html.contains("数据来自内部测试"));
}

#[test]
fn code_is_highlighted_and_collected_for_search() {
    let d = doc("```python\nctr = clicks / views\n```\n");
    assert!(d.slides[0].html.contains("hl-"), "{}", d.slides[0].html);
    assert!(d.sections[0].text.contains("clicks / views"));
}

#[test]
fn links_are_resolved_and_errors_collected() {
    let d = doc("[下一课](lesson:m/l) 和 [坏链接](missing.md) ![图](missing.png)\n");
    assert!(d.slides[0].html.contains("href=\"../x/m/l\""), "{}", d.slides[0].html);
    assert_eq!(d.diagnostics.len(), 2);
}

#[test]
fn search_sections_follow_headings_and_skip_notes() {
    let d = doc("导言\n\n## 选题\n\n选题要贴近商品\n\nNote: 不进索引\n");
    assert_eq!(d.sections.len(), 2);
    assert!(d.sections[0].text.contains("导言"));
    assert_eq!(d.sections[1].heading, Some(0));
    assert!(d.sections[1].text.contains("选题要贴近商品"));
    assert!(!d.sections.iter().any(|s| s.text.contains("不进索引")));
}

#[test]
fn remark_notes_marker_followed_directly_by_text() {
    let d = doc("## 一\n\n内容\n\n???\n讲师：这里停一下\n");
    assert!(
        d.slides[0].notes_html.contains("讲师：这里停一下"),
        "{}",
        d.slides[0].notes_html
    );
    assert!(!d.slides[0].html.contains("???"));
}

#[test]
fn star_bullets_and_paren_numbers_are_fragments() {
    let d = doc("* 一\n* 二\n\n- 三\n- 四\n\n1) 甲\n2) 乙\n\n1. 丙\n2. 丁\n");
    let html = &d.slides[0].html;
    assert_eq!(html.matches("class=\"fragments\"").count(), 2, "{html}");
    assert!(html.contains("<ul class=\"fragments\">\n<li>一</li>"), "{html}");
    assert!(html.contains("<ol class=\"fragments\">\n<li>甲</li>"), "{html}");
    assert!(
        html.contains("<ul>\n<li>三</li>") && html.contains("<ol>\n<li>丙</li>"),
        "{html}"
    );
}

#[test]
fn marp_and_reveal_directives_style_slides() {
    let d = doc("<!-- backgroundColor: #123 -->\n\n# 封面\n\n<!-- _class: lead -->\n\n---\n\n## 二\n\n<!-- .slide: data-background=\"#f00\" -->\n\n---\n\n## 三\n");
    assert_eq!(d.slides.len(), 3);
    assert_eq!(d.slides[0].style.class.as_deref(), Some("lead"));
    assert_eq!(d.slides[0].style.background_color.as_deref(), Some("#123"));
    assert_eq!(d.slides[1].style.class, None, "`_class` is for one slide");
    assert_eq!(
        d.slides[1].style.background_color.as_deref(),
        Some("#f00"),
        "reveal's .slide wins locally"
    );
    assert_eq!(
        d.slides[2].style.background_color.as_deref(),
        Some("#123"),
        "global directives carry on"
    );
    assert!(!d.slides[0].html.contains("<!--"), "directives are removed");
}

#[test]
fn bg_images_become_slide_backgrounds() {
    let d = doc("![bg contain](lesson:bg.png)\n\n## 标题\n");
    let style = &d.slides[0].style;
    assert_eq!(style.backgrounds.len(), 1);
    assert_eq!(style.backgrounds[0].url, r#"url("../x/bg.png")"#);
    assert_eq!(style.backgrounds[0].size, "contain");
    assert_eq!(
        style.background_image, None,
        "the `backgroundImage` directive stays apart"
    );
    assert!(!d.slides[0].html.contains("<img"), "{}", d.slides[0].html);
    assert!(!d.slides[0].html.contains("<p></p>"));
}

#[test]
fn marp_comments_are_notes_only_in_marp_decks() {
    let opts = DocOptions {
        comments_are_notes: true,
        ..DocOptions::default()
    };
    let d = doc_with("## 一\n\n<!-- 这里讲三个案例 -->\n", &opts);
    assert!(d.slides[0].notes_html.contains("这里讲三个案例"));
    let d = doc("## 一\n\n<!-- 这里讲三个案例 -->\n");
    assert!(d.slides[0].notes_html.is_empty());
}

#[test]
fn headings_split_slides_only_without_rules() {
    let opts = DocOptions {
        slide_level: Some(2),
        ..DocOptions::default()
    };
    let d = doc_with("# 总标题\n\n引言\n\n## 一\n\n内容\n\n### 细节\n\n## 二\n", &opts);
    assert_eq!(
        d.slides.iter().map(|s| s.title.clone().unwrap()).collect::<Vec<_>>(),
        ["总标题", "一", "二"]
    );
    let d = doc_with("## 一\n\n## 二\n\n---\n\n## 三\n", &opts);
    assert_eq!(d.slides.len(), 2, "with `---` present, headings do not split");
}

#[test]
fn tall_slides_are_estimated_tall() {
    let short = doc("## 标题\n\n一句话。\n");
    let long = doc(&format!(
        "## 标题\n\n{}",
        "- 直播切片把一场长直播拆成许多短视频，每条都要有明确的卖点和引导\n".repeat(20)
    ));
    assert!(
        short.slides[0].estimated_height < 200,
        "{}",
        short.slides[0].estimated_height
    );
    assert!(
        long.slides[0].estimated_height > 1000,
        "{}",
        long.slides[0].estimated_height
    );
}

#[test]
fn task_checkboxes_are_labelled_by_their_item_text() {
    // Tight list, a checked item with inline markup, and a nested list that must stay
    // outside the label (a label may hold only phrasing content).
    let d = doc("- [x] 已**发布**\n- [ ] 未发布\n  - 子项\n\n1. [ ] 松散\n\n   第二段\n");
    let html = &d.slides[0].html;
    assert!(
        html.contains("<label><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\n已<strong>发布</strong></label>"),
        "{html}"
    );
    assert!(
        html.contains("<label><input disabled=\"\" type=\"checkbox\"/>\n未发布</label>\n<ul>"),
        "{html}"
    );
    assert!(
        html.contains("<p><label><input disabled=\"\" type=\"checkbox\"/>\n松散</label></p>"),
        "{html}"
    );
    assert_eq!(
        html.matches("<label>").count(),
        html.matches("</label>").count(),
        "{html}"
    );
}

#[test]
fn footnotes_are_numbered_per_document_and_listed_per_slide() {
    let d = doc(
        "甲[^b]\n\n---\n\n乙[^a] 再引[^b]\n\nNote: 备注里引[^c]\n\n[^a]: 定义 A，见[^b]\n[^b]: 定义 B\n[^c]: 定义 C\n",
    );
    // One numbering for the whole lesson, in order of first citation: b, a, c.
    assert!(
        d.slides[0].html.contains("<a href=\"#fn-1\">1</a>"),
        "{}",
        d.slides[0].html
    );
    assert!(
        d.slides[1].html.contains("<a href=\"#fn-2\">2</a>"),
        "{}",
        d.slides[1].html
    );
    assert!(
        d.slides[1].html.contains("<a href=\"#fn-1\">1</a>"),
        "{}",
        d.slides[1].html
    );
    let page = &d.footnotes_html;
    let order: Vec<_> = ["id=\"fn-1\"", "id=\"fn-2\"", "id=\"fn-3\""]
        .iter()
        .map(|id| page.find(id))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "listed by number: {page}");
    assert!(page.contains("定义 B") && page.contains("定义 C"), "{page}");
    // Each slide lists what it cites (and what those cite); notes get their own.
    assert!(d.slides[0].footnotes_html.contains("定义 B"));
    assert!(!d.slides[0].footnotes_html.contains("定义 A"));
    let second = &d.slides[1].footnotes_html;
    assert!(
        second.contains("定义 A") && second.contains("定义 B") && !second.contains("定义 C"),
        "{second}"
    );
    assert!(d.slides[1].notes_footnotes_html.contains("定义 C"));
    assert!(d.slides[0].notes_footnotes_html.is_empty());
}

#[test]
fn a_footnote_cited_in_a_heading_is_numbered_like_any_other() {
    let d = doc("## 数据口径[^src]\n\n正文\n\n[^src]: 后台导出。\n");
    assert!(
        d.slides[0].html.contains("<a href=\"#fn-1\">1</a>"),
        "{}",
        d.slides[0].html
    );
    assert!(d.slides[0].footnotes_html.contains("id=\"fn-1\""));
    assert_eq!(d.headings[0].text, "数据口径");
}

#[test]
fn a_fragment_gives_its_html_and_its_plain_text() {
    let file = SourceFile::new("content/sops/daily.yaml", "sections: []\n".into());
    let (f, diags) = parse_fragment(
        "发布 **三条** 切片，检查 `GMV`\n见 [课程](lesson:x)",
        &file,
        0..8,
        &TestResolver,
        true,
        false,
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        f.html,
        "发布 <strong>三条</strong> 切片，检查 <code>GMV</code>\n见 <a href=\"../x/x\">课程</a>"
    );
    assert_eq!(f.plain, "发布 三条 切片，检查 GMV 见 课程");
}

#[test]
fn the_pass_records_whether_the_first_slide_opens_with_a_heading() {
    // A heading of its own: the deck starts with it and numbers it 1.
    for md in [
        "## 开场：GMV 是什么\n\n正文\n",
        "<!-- _class: lead -->\n\n# 直播切片\n",
        "![bg](lesson:bg.png)\n\n## KOC 入门\n",
    ] {
        let d = doc(md);
        assert!(d.opens_with_heading, "{md}");
        assert!(!d.deck_title_slide(), "{md}");
        assert_eq!((d.deck_number(0), d.deck_slide_count()), (1, d.slides.len()), "{md}");
    }
    // Text first, speaker notes only, or nothing at all: the deck adds a title slide.
    for md in [
        "先看一条 GMV 数据。\n\n## 标题\n",
        "Note: 只有备注\n\n---\n\n## 二\n",
        "",
    ] {
        let d = doc(md);
        assert!(d.deck_title_slide(), "{md:?}");
        assert_eq!(d.deck_slide_count(), d.slides.len() + 1, "{md:?}");
        assert_eq!(d.deck_number(0), 2, "{md:?}");
    }
    // Only the first slide counts.
    assert!(!doc("正文\n\n---\n\n## 二\n").opens_with_heading);
}

/// mdBook's hidden lines: not on the page, not in the deck, not in search.
#[test]
fn hidden_lines_of_rust_examples_are_left_out() {
    let d = doc("求和：\n\n```rust\n# fn main() {\nlet prices = vec![12.5_f64, 9.9];\nlet total: f64 = prices.iter().sum();\n# }\n```\n");
    let html = &d.slides[0].html;
    assert!(html.contains("prices") && !html.contains("main"), "{html}");
    let text: String = d.sections.iter().map(|s| s.text.as_str()).collect();
    assert!(text.contains("prices") && !text.contains("main"), "{text}");
}

/// GitHub's ```math block is a display formula, not code: it reaches the display-math path.
#[test]
fn math_fences_are_display_math() {
    let d = doc("均方误差：\n\n```math\nL(\\beta) = \\frac{1}{n}\\sum_{i=1}^{n} (y_i - x_i^\\top \\beta)^2\n```\n");
    let html = &d.slides[0].html;
    assert!(!html.contains("<pre"), "{html}");
    assert!(html.contains("math-display") || html.contains("<math"), "{html}");
}
