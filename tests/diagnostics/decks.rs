//! Cases about decks of other tools: warnings that point at the slide they are about.

use super::{case, Case, NEXT};

/// A reveal-md deck (for `NEXT`) with `body`.
fn reveal_deck(body: &str) -> String {
    format!("---\ntitle: 第二课\ntheme: white\n---\n{body}")
}

pub static CASES: &[Case] = &[
    // A `---` with no empty line after it is a rule in reveal.js: the slides after it
    // end up in the speaker notes. Warned once per slide, at the rule and at the heading.
    case("reveal_slides_lost_in_notes", |p| {
        p.write(
            NEXT,
            &reveal_deck(
                "# 封面怎么做\n\nNote:\n先猜点击率。\n\n---\n## 三个要素\n\n人物、标题、商品。\n\n---\n\n## 练习\n\nNotes:\n讲评作业。\n\n## 下周\n\n继续。\n",
            ),
        )
    }),
    // The too-long warning points at the slide's first line, not at the empty line after
    // the separator.
    case("reveal_long_slide_warning_at_its_first_line", |p| {
        let items: String = (1..=40)
            .map(|n| format!("- 第 {n} 条：直播切片的封面、标题和商品特写\n"))
            .collect();
        p.write(
            NEXT,
            &reveal_deck(&format!("## 短页\n\n好。\n\n---\n\n## 长页\n\n{items}")),
        )
    }),
];
