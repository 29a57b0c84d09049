//! A deck inlines the stylesheet's rules for quizzes, formulas, callouts, footnotes, Marp
//! backgrounds and Marp headers only when it uses them (`src/render/deck_css.rs`), and
//! code colours only for highlighted code: every deck carries its own copy, so a plain
//! lesson's deck should not pay for them.

mod common;

use common::fixture::Fixture;

/// A rule of each feature's block in `themes/default/static/deck.css`.
const RULES: [(&str, &str); 7] = [
    ("quizzes", ".slide .quiz-options {"),
    ("math", ".slide math {"),
    ("callouts", ".slide .callout {"),
    ("footnotes", ".deck-footnotes {"),
    ("backgrounds", ".deck-bg {"),
    ("header-footer", ".deck-header {"),
    // Not a block of deck.css: the code colours of the theme that the deck's code uses.
    ("code colours", ".hl-"),
];

/// (lesson file, its Markdown, the features its deck uses)
const LESSONS: [(&str, &str, &[&str]); 10] = [
    ("01-plain", "# 直播复盘\n\n## 数据\n\n- GMV 与成交总额\n- 完播率\n", &[]),
    (
        "02-quiz",
        "# 小测\n\n## 问题\n\n> [!QUIZ] 直播间的 **GMV** 指什么？\n> - [ ] 观看人数\n> - [x] 成交总额\n",
        &["quizzes"],
    ),
    (
        "03-math",
        "# 转化率\n\n## 公式\n\n$$\n\\frac{成交}{访客}\n$$\n",
        &["math"],
    ),
    (
        "04-alert",
        "# 提醒\n\n## 注意\n\n> [!WARNING]\n> 推流码不要外传。\n",
        &["callouts"],
    ),
    (
        "05-admonition",
        "# 提醒\n\n## 注意\n\n!!! tip \"小技巧\"\n    先看完播率。\n",
        &["callouts"],
    ),
    (
        "06-footnote",
        "# 口径\n\n## GMV\n\nGMV 含退款[^1]。\n\n[^1]: 平台口径。\n",
        &["footnotes"],
    ),
    (
        "07-marp-bg",
        "---\nmarp: true\nheader: 直播运营\n---\n\n# 封面\n\n![bg right:40%](https://example.com/a.png)\n",
        &["backgrounds", "header-footer"],
    ),
    (
        "08-marp-plain",
        "---\nmarp: true\n---\n\n# 封面\n\n---\n\n## 第二页\n",
        &[],
    ),
    (
        "09-code",
        "# 日报脚本\n\n## 计算\n\n```python\ngpm = gmv * 1000 / views  # 千次观看成交\n```\n",
        &["code colours"],
    ),
    (
        "10-plain-code",
        "# 日报格式\n\n## 样例\n\n```text\n日期：2024-11-27\n```\n\n```\nGMV 2011\n```\n",
        &[],
    ),
];

#[test]
fn each_deck_carries_the_rules_of_the_features_it_uses_and_no_others() {
    let f = Fixture::new("decks");
    for (name, text, _) in LESSONS {
        f.write(&format!("content/lessons/02-css/{name}.md"), text);
    }
    f.build_ok(&[]);
    let mut wrong = Vec::new();
    for (name, _, uses) in LESSONS {
        let deck = f.read_out(&format!("decks/02-css/{name}.html"));
        for (feature, rule) in RULES {
            let has = deck.contains(rule);
            if has != uses.contains(&feature) {
                wrong.push(format!(
                    "{name}: {feature} rules {}",
                    if has { "present" } else { "missing" }
                ));
            }
        }
        // What every deck needs is in every deck.
        assert!(
            deck.contains(".slide-content {") && deck.contains("@media print"),
            "{name}"
        );
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
