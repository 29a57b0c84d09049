//! HTML elements that hold Markdown: an HTML block that opens an element and a later one
//! that closes it, with Markdown between them set off by blank lines. mdBook documents
//! `<div class="warning">` written this way, and GitHub READMEs put lists and tables inside
//! `<details>` like this:
//!
//! ```markdown
//! <details>
//! <summary>参考答案</summary>
//!
//! - 先看 GMV，再看转化率
//!
//! </details>
//! ```
//!
//! CommonMark ends an HTML block at the first blank line, so each half is a block of its
//! own, and cleaning each block as a whole (`raw_html::clean_block`) would close the
//! `<details>` at once and drop the stray `</details>`. Here the halves are paired first:
//! each is cleaned by ammonia with the other half's tags written in for it (`</details>`
//! after the opening block, `<details>` before the closing one), and those added tags are
//! taken off again. Cleaning is never skipped, and a pair is only made when the output is
//! still balanced: every element opened is closed in the same container (list item,
//! quote, footnote) and on the same slide, before the notes. A block that cannot be
//! paired is cleaned on its own as before, so an unclosed `<script>` or `<div onclick>`
//! is neutralised the same way whether or not a closing block follows.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use super::containers::is_fence;
use super::directives::parse_comments;
use super::html_tags::balance;
use super::raw_html::clean_block;
use super::scan::{find_end, html_of, starts_notes};

/// Elements that may hold Markdown across blocks: containers that nothing between them
/// closes implicitly (a `<p>` is closed by the first Markdown paragraph, a `<td>` needs
/// its table around it).
const SPANNING: &[&str] = &[
    "div",
    "details",
    "figure",
    "blockquote",
    "section",
    "aside",
    "article",
    "header",
    "footer",
    "center",
];

/// An HTML block that opens or closes elements for another block.
struct Candidate {
    /// Index of its `Start(HtmlBlock)` event.
    start: usize,
    /// The `Start` events of the containers it is in, outermost first.
    containers: Vec<usize>,
    /// Slides and notes seen before it at the top level: a pair must not cross one.
    segment: usize,
    closes: Vec<String>,
    opens: Vec<String>,
    /// Its cleaned HTML, with what it opens left open and what it closes closed.
    cleaned: String,
}

/// The HTML to write for each HTML block (by the index of its `Start(HtmlBlock)` event)
/// that opens or closes an element together with another block; blocks not named here
/// are cleaned whole. `split_level`: headings of this level or above start a slide.
pub fn spanning_blocks(events: &[(Event<'_>, Range<usize>)], split_level: Option<u8>) -> HashMap<usize, String> {
    let mut candidates = candidates(events, split_level);
    loop {
        let unpaired = unpaired(&candidates);
        if unpaired.is_empty() {
            break;
        }
        candidates = candidates
            .into_iter()
            .enumerate()
            .filter(|(k, _)| !unpaired.contains(k))
            .map(|(_, c)| c)
            .collect();
    }
    candidates.into_iter().map(|c| (c.start, c.cleaned)).collect()
}

/// Every HTML block that leaves a spanning element open or closes one, and cleans well.
fn candidates(events: &[(Event<'_>, Range<usize>)], split_level: Option<u8>) -> Vec<Candidate> {
    let mut found = Vec::new();
    let mut containers: Vec<usize> = Vec::new();
    let mut segment = 0;
    let mut i = 0;
    while i < events.len() {
        let top = containers.is_empty();
        match &events[i].0 {
            Event::Start(Tag::HtmlBlock) => {
                let end = find_end(events, i + 1);
                let html = html_of(&events[i + 1..end]);
                let (closes, opens) = balance(&html);
                let spans = !(closes.is_empty() && opens.is_empty())
                    && closes.iter().chain(&opens).all(|n| SPANNING.contains(&n.as_str()));
                if let Some(cleaned) = spans.then(|| clean_spanning(&html, &closes, &opens)).flatten() {
                    if parse_comments(&html).is_none() {
                        found.push(Candidate {
                            start: i,
                            containers: containers.clone(),
                            segment,
                            closes,
                            opens,
                            cleaned,
                        });
                    }
                }
                i = end + 1;
                continue;
            }
            Event::Rule if top => segment += 1,
            Event::Start(Tag::Heading { level, classes, .. })
                if top && split_level.is_some_and(|l| *level as u8 <= l) && !is_fence(classes) =>
            {
                segment += 1
            }
            Event::Start(Tag::Paragraph) if top && starts_notes(&events[i + 1..]) => segment += 1,
            _ => {}
        }
        match &events[i].0 {
            Event::Start(_) => containers.push(i),
            Event::End(_) => {
                containers.pop();
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// `html` cleaned as if the elements it closes had been opened before it and those it
/// leaves open were closed after it, without those added tags; `None` unless the result
/// closes and opens exactly the same elements.
fn clean_spanning(html: &str, closes: &[String], opens: &[String]) -> Option<String> {
    let before: String = closes.iter().rev().map(|n| format!("<{n}>")).collect();
    let after: String = opens.iter().rev().map(|n| format!("</{n}>")).collect();
    let cleaned = clean_block(&format!("{before}{html}{after}"));
    let mut inner = cleaned
        .trim_end_matches('\n')
        .strip_prefix(before.as_str())?
        .strip_suffix(after.as_str())?
        .to_string();
    if html.ends_with('\n') && !inner.ends_with('\n') {
        inner.push('\n');
    }
    (balance(&inner) == (closes.to_vec(), opens.to_vec())).then_some(inner)
}

/// Positions in `candidates` of the blocks that cannot be paired: an element one opens
/// that no later block in the same container and segment closes (in order), or an
/// element one closes that is not the last one open there.
fn unpaired(candidates: &[Candidate]) -> HashSet<usize> {
    let mut unpaired = HashSet::new();
    // Open elements: (candidate, name), innermost last.
    let mut open: Vec<(usize, &str)> = Vec::new();
    for (k, c) in candidates.iter().enumerate() {
        for name in &c.closes {
            // Elements left open in a container that has ended, or on an earlier slide,
            // are never closed.
            while let Some(&(o, _)) = open.last() {
                let opener = &candidates[o];
                let alive = opener.segment == c.segment && c.containers.starts_with(&opener.containers);
                if alive {
                    break;
                }
                unpaired.insert(o);
                open.pop();
            }
            match open.last() {
                Some(&(o, n)) if n == name && candidates[o].containers == c.containers => {
                    open.pop();
                }
                _ => {
                    unpaired.insert(k);
                }
            }
        }
        open.extend(c.opens.iter().map(|n| (k, n.as_str())));
    }
    unpaired.extend(open.into_iter().map(|(o, _)| o));
    unpaired
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use super::super::{parse_document, DocOptions, LinkKind, LinkResolver, RenderedDoc};
    use crate::diag::{Diagnostic, SourceFile};

    struct AsWritten;

    impl LinkResolver for AsWritten {
        fn resolve(&self, dest: &str, _: Range<usize>, _: LinkKind) -> Result<String, Diagnostic> {
            Ok(dest.to_string())
        }
    }

    fn render(md: &str, opts: &DocOptions) -> RenderedDoc {
        parse_document(&SourceFile::new("l.md", md.to_string()), 0, opts, &AsWritten)
    }

    fn page(md: &str) -> String {
        render(md, &DocOptions::default()).body_html()
    }

    /// Each slide and its notes open and close `name` equally often, in order.
    fn assert_balanced(doc: &RenderedDoc, name: &str) {
        for (k, slide) in doc.slides.iter().enumerate() {
            for html in [&slide.html, &slide.notes_html] {
                let mut depth = 0i32;
                for tag in super::super::html_tags::tags(html).iter().filter(|t| t.name == name) {
                    depth += if tag.closing { -1 } else { 1 };
                    assert!(
                        depth >= 0,
                        "slide {k}: `</{name}>` closes what it did not open:\n{html}"
                    );
                }
                assert_eq!(depth, 0, "slide {k}: `<{name}>` left open:\n{html}");
            }
        }
    }

    /// The HTML between the first `<{name}…>` and its `</{name}>`.
    fn inside<'h>(html: &'h str, name: &str) -> &'h str {
        let open = html
            .find(&format!("<{name}"))
            .unwrap_or_else(|| panic!("no <{name}> in {html}"));
        let close = html
            .rfind(&format!("</{name}>"))
            .unwrap_or_else(|| panic!("no </{name}> in {html}"));
        &html[open..close]
    }

    #[test]
    fn markdown_between_html_blocks_stays_inside_the_element() {
        let md = "<div class=\"warning\">\n\n回归系数描述的是**相关**，不是因果。\n\n</div>\n\n之后的段落\n";
        assert_eq!(
            page(md),
            "<div class=\"warning\">\n<p>回归系数描述的是<strong>相关</strong>，不是因果。</p>\n</div>\n<p>之后的段落</p>\n"
        );
        let md = "<details>\n<summary>推荐的推流参数</summary>\n\n| 参数 | 1080p |\n|---|---|\n| 码率 Bitrate | 6000 Kbps |\n\n- 列表 item\n\n</details>\n";
        let html = page(md);
        let details = inside(&html, "details");
        assert!(details.contains("<summary>推荐的推流参数</summary>"), "{html}");
        assert!(
            details.contains("<td>6000 Kbps</td>") && details.contains("<li>列表 item</li>"),
            "{html}"
        );
        // Nested: a callout inside the answer, closed by one block.
        let md =
            "<details>\n<summary>答案</summary>\n<div class=\"tip\">\n\n先看 **GMV**\n\n</div>\n</details>\n\n后文\n";
        let html = page(md);
        assert!(
            inside(inside(&html, "details"), "div").contains("<strong>GMV</strong>"),
            "{html}"
        );
        assert!(html.ends_with("</details>\n<p>后文</p>\n"), "{html}");
    }

    #[test]
    fn the_same_html_passes_through_when_unsafe_html_is_on() {
        let md = "<div class=\"warning\" data-x=\"1\">\n\n正文 **粗体**\n\n</div>\n";
        let opts = DocOptions {
            unsafe_html: true,
            ..DocOptions::default()
        };
        let html = render(md, &opts).body_html();
        assert!(
            inside(&html, "div").contains("<p>正文 <strong>粗体</strong></p>"),
            "{html}"
        );
        assert!(html.starts_with("<div class=\"warning\" data-x=\"1\">"), "{html}");
    }

    #[test]
    fn spanning_elements_are_still_cleaned() {
        let html = page("<div class=\"box\" onclick=\"steal()\">\n\n正文\n\n</div>\n");
        assert!(
            inside(&html, "div").contains("<p>正文</p>") && !html.contains("onclick"),
            "{html}"
        );
        // Not allowed at all: removed, its Markdown shown as text, no `</script>` left over.
        let html = page("<script>\n\nalert(1)\n\n</script>\n");
        assert!(!html.contains("<script") && !html.contains("</script"), "{html}");
        let html = page("<iframe src=\"https://evil.example\">\n\n文字\n\n</iframe>\n");
        assert!(!html.contains("iframe"), "{html}");
    }

    #[test]
    fn unpaired_tags_never_reach_the_page() {
        // Opened and never closed: closed where it was opened, as before.
        let doc = render("<div class=\"warning\">\n\n正文\n", &DocOptions::default());
        assert_balanced(&doc, "div");
        let html = doc.body_html();
        assert!(html.find("</div>") < html.find("<p>正文</p>"), "{html}");
        // Closed without being opened: dropped, so it cannot close the page's own elements.
        let doc = render("正文\n\n</div>\n\n</details>\n", &DocOptions::default());
        let html = doc.body_html();
        assert!(!html.contains("</div>") && !html.contains("</details>"), "{html}");
        // Opened in a list item and closed outside it: not a pair.
        let doc = render("- <div>\n\n  项目\n\n</div>\n", &DocOptions::default());
        assert_balanced(&doc, "div");
        // Two opened, only the inner closed: neither pair holds.
        let doc = render("<details>\n<div>\n\n正文\n\n</div>\n", &DocOptions::default());
        assert_balanced(&doc, "div");
        assert_balanced(&doc, "details");
    }

    #[test]
    fn a_pair_never_crosses_a_slide_or_the_notes() {
        let across_rule = render("<div>\n\n第一页\n\n---\n\n第二页\n\n</div>\n", &DocOptions::default());
        assert_eq!(across_rule.slides.len(), 2);
        assert_balanced(&across_rule, "div");
        let split = DocOptions {
            slide_level: Some(2),
            ..DocOptions::default()
        };
        let across_heading = render("<div>\n\n## 一\n\n正文\n\n## 二\n\n</div>\n", &split);
        // The `<div>` before the first heading shows nothing: it goes on with the first one.
        assert_eq!(across_heading.slides.len(), 2);
        assert_balanced(&across_heading, "div");
        let into_notes = render("<div>\n\n正文\n\nNote: 备注\n\n</div>\n", &DocOptions::default());
        assert_balanced(&into_notes, "div");
        // Within one slide a heading that does not split is fine.
        let within = render("<details>\n\n### 小节\n\n正文\n\n</details>\n", &split);
        assert!(inside(&within.body_html(), "details").contains("<h3"));
    }
}
