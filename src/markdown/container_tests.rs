//! `:::` containers read as markdown-it-container (VuePress, VitePress) reads them: they
//! do not count as headings when a prose lesson is split, a closing fence indented into
//! a list item closes the container after the list, one bare `:::` closes nested
//! containers of as many colons, and a container never closed ends with its slide.

use super::tests::doc;

fn titles(md: &str) -> Vec<String> {
    doc(md)
        .slides
        .iter()
        .map(|s| s.title.clone().unwrap_or_default())
        .collect()
}

#[test]
fn a_container_does_not_stop_a_prose_lesson_splitting_at_its_headings() {
    let body = "## 一、二阶行列式\n\n正文一。\n\nCALLOUT\n## 二、全排列\n\n正文二。\n\n## 三、逆序数\n\n正文三。\n";
    let expected = ["行列式", "一、二阶行列式", "二、全排列", "三、逆序数"];
    for callout in [
        "::: tip 提示\n对角线法则（Sarrus rule）只适用于二阶、三阶。\n:::\n",
        "::: details 证明\n按第一行展开（cofactor expansion）即得。\n:::\n",
        ":::: warning\n::: tip\n嵌套。\n:::\n::::\n",
        "> [!TIP]\n> 对角线法则只适用于二阶、三阶。\n",
    ] {
        let md = format!("# 行列式\n\n{}", body.replace("CALLOUT", callout));
        assert_eq!(titles(&md), expected, "{callout}");
    }
}

#[test]
fn a_closing_fence_indented_into_a_list_item_closes_the_container_after_the_list() {
    // Prettier indents the closing `:::` into the last item; markdown-it-container still
    // reads it as the container's end (up to three spaces of indent).
    let d = doc("## 用法\n\n:::tip\n\n1. 第一条\n\n2. 第二条（Prettier 缩进了结束标记）\n   :::\n\n后文。\n");
    let html = &d.slides[0].html;
    assert!(html.contains("</ol>\n</div>\n<p>后文。</p>"), "{html}");
    assert!(!html.contains("</div>\n</li>"), "{html}");
    // A container opened inside the item keeps its closing fence there.
    let d = doc("## 用法\n\n1. 第一条\n   ::: tip\n   在列表项里。\n   :::\n2. 第二条\n");
    let html = &d.slides[0].html;
    assert!(html.contains("在列表项里。</div>\n</li>\n<li>第二条"), "{html}");
}

#[test]
fn one_bare_fence_closes_nested_details_as_vuepress_does() {
    let d = doc("## 例题\n\n::: details 例 1\n求解二元线性方程组（linear system）。\n\n::: details 解\n由于 $D = 7$，所以 $x_1 = 2$。\n:::\n\n后文。\n");
    let html = &d.slides[0].html;
    assert!(!html.contains(":::"), "no fence line printed: {html}");
    let outer = html.find("<summary>例 1</summary>").expect("the outer box");
    let inner = html.find("<summary>解</summary>").expect("the inner box");
    let after = html.find("<p>后文。</p>").expect("the text after");
    assert!(outer < inner && inner < after, "{html}");
    assert!(html[inner..after].ends_with("</details>\n</details>\n"), "{html}");
    // With more colons on the outer one, `:::` closes the inner one only.
    let d = doc("::::: details 例 2\n题目。\n::: details 解\n解答。\n:::\n补充。\n:::::\n\n后文。\n");
    let html = &d.slides[0].html;
    assert!(
        html.contains("解答。</p>\n</details>\n<p>补充。</p>\n</details>\n<p>后文。</p>"),
        "{html}"
    );
}

#[test]
fn a_container_never_closed_ends_with_its_slide() {
    let d = doc("## 一\n\n::: tip 没有结束标记\n内容。\n\n---\n\n## 二\n\n正文。\n");
    assert_eq!(d.slides.len(), 2);
    assert!(
        d.slides[0].html.contains("没有结束标记</p>\n<p>内容。</p>\n</div>"),
        "{}",
        d.slides[0].html
    );
    assert!(!d.slides[1].html.contains("div"), "{}", d.slides[1].html);
    let d = doc("::: warning\n文末未闭合。\n");
    assert!(d.slides[0].html.ends_with("</div>\n"), "{}", d.slides[0].html);
}
