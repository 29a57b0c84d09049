//! The `[!QUIZ]` blocks: what the pass records and writes (`pass/quiz.rs`).

use super::tests::doc;
use super::{Quiz, QuizKind, QuizOption};

fn option(text: &str, correct: bool) -> QuizOption {
    QuizOption {
        text: text.into(),
        correct,
    }
}

const SINGLE: &str = "> [!QUIZ] 直播间的 **GMV** 指什么？\n> - [ ] 观看人数\n> - [x] 成交总额\n> - [ ] 点赞数\n>\n> GMV 是 Gross Merchandise Volume，即成交总额。\n";

#[test]
fn single_choice_is_radio_buttons_with_the_question_as_legend() {
    let d = doc(SINGLE);
    assert_eq!(
        d.quizzes,
        vec![Quiz {
            id: "quiz-1".into(),
            question: "直播间的 GMV 指什么？".into(),
            kind: QuizKind::Choice,
            options: vec![
                option("观看人数", false),
                option("成交总额", true),
                option("点赞数", false)
            ],
        }]
    );
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    let html = &d.slides[0].html;
    assert!(
        html.contains("<legend class=\"quiz-question\">直播间的 <strong>GMV</strong> 指什么？</legend>"),
        "{html}"
    );
    assert_eq!(html.matches("type=\"radio\" name=\"quiz-1\"").count(), 3);
    assert_eq!(html.matches("data-correct").count(), 1);
    assert!(!html.contains("[!QUIZ]") && !html.contains("<blockquote"), "{html}");
    assert!(
        !html.contains("disabled"),
        "options are not the read-only task list: {html}"
    );
    // The explanation is in the page, hidden until checked.
    assert!(html.contains("<div class=\"quiz-explanation\" hidden=\"\">"), "{html}");
}

#[test]
fn several_right_options_make_checkboxes() {
    let d = doc(
        "> [!quiz]\n> 哪些是 KOC 的特点？\n>\n> - [x] 粉丝少但信任度高\n> - [x] 真实的消费者\n> - [ ] 一定是明星\n",
    );
    let quiz = &d.quizzes[0];
    assert_eq!(quiz.question, "哪些是 KOC 的特点？");
    assert!(quiz.is_multiple());
    assert_eq!(d.slides[0].html.matches("type=\"checkbox\" name=\"quiz-1\"").count(), 3);
}

#[test]
fn true_false_is_a_single_choice_of_two() {
    let d = doc("> [!QUIZ] SOP 每天开播前都要执行。\n> - [x] 对\n> - [ ] 错\n\n> [!QUIZ] 切片可以随意搬运别人的直播。\n> - [ ] 对\n> - [x] 错\n");
    assert_eq!(d.quizzes.len(), 2);
    assert_eq!(d.quizzes[1].id, "quiz-2");
    assert!(d.quizzes.iter().all(|q| !q.is_multiple() && q.options.len() == 2));
    assert_eq!(d.slides[0].html.matches("name=\"quiz-2\"").count(), 2);
}

#[test]
fn search_gets_the_question_and_options_but_not_the_explanation() {
    let d = doc(SINGLE);
    let text: String = d.sections.iter().map(|s| s.text.as_str()).collect();
    assert!(text.contains("直播间的 GMV 指什么？"), "{text}");
    assert!(text.contains("观看人数"), "{text}");
    assert!(!text.contains("Gross Merchandise Volume"), "{text}");
    assert!(!text.contains("QUIZ"), "{text}");
}

#[test]
fn a_plain_quote_and_other_alerts_are_not_quizzes() {
    let d = doc("> 引用 [!QUIZ]\n> - [x] 任务\n\n> [!TIP]\n> 提示\n");
    assert!(d.quizzes.is_empty());
    assert!(d.slides[0].html.contains("<blockquote>"));
}

#[test]
fn a_heading_never_takes_a_quiz_id() {
    let d = doc("## quiz-1\n\n> [!QUIZ] 问题\n> - [x] 是\n> - [ ] 否\n");
    assert_eq!(d.headings[0].id, "quiz-1-1");
    assert!(d.slides[0].html.contains("id=\"quiz-1\""));
}

#[test]
fn broken_quizzes_are_errors_at_their_line() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "> [!QUIZ] 问题\n> - [ ] 甲\n> - [ ] 乙\n",
            "quiz has no correct answer",
            "[!QUIZ]",
        ),
        (
            "> [!QUIZ] 问题\n> - [x] 甲\n> - [ ] 甲\n",
            "duplicate quiz option `甲`",
            "- [ ] 甲",
        ),
        ("> [!QUIZ] 问题\n> - [x] 甲\n> - [ ]\n", "empty quiz option", "- [ ]"),
        ("> [!QUIZ] 问题\n\n> 没有选项\n", "quiz has no options", "[!QUIZ]"),
        ("> [!QUIZ] 问题\n> - [=]\n", "fill-in quiz answer is empty", "- [=]"),
        (
            "> [!QUIZ] 问题\n> - [=] GMV\n> - [=] ＧＭＶ\n",
            "duplicate quiz option `ＧＭＶ`",
            "- [=] ＧＭＶ",
        ),
        (
            "> [!QUIZ] 问题\n> - [=] GMV\n> - [x] 成交总额\n",
            "quiz mixes fill-in answers `[=]` with choices `[x]`/`[ ]`",
            "[!QUIZ]",
        ),
        (
            "> [!QUIZ] 排序\n> 1. 只有一步\n",
            "ordering quiz needs two items or more",
            "[!QUIZ]",
        ),
        (
            "> [!QUIZ] 问题\n> - [x] 甲\n> - 乙\n",
            "quiz option without `[ ]`, `[x]` or `[=]`",
            "- 乙",
        ),
    ];
    for (md, message, at) in cases {
        let d = doc(md);
        let errors: Vec<_> = d.diagnostics.iter().filter(|e| e.is_error()).collect();
        assert_eq!(errors.len(), 1, "{md}: {errors:?}");
        assert_eq!(errors[0].message, *message, "{md}");
        let Some(crate::diag::Location::Span { file, span }) = &errors[0].location else {
            panic!("{md}: no span");
        };
        assert_eq!(&file.text[span.clone()], *at, "{md}");
    }
}

const FILL: &str = "> [!QUIZ] 直播间里“成交总额”的英文缩写是？\n> - [=] GMV\n> - [=] Gross Merchandise Volume\n>\n> 提示：三个大写字母。\n>\n> GMV 统计的是下单金额，含未付款订单。\n";

#[test]
fn fill_in_takes_accepted_answers_from_equals_items() {
    let d = doc(FILL);
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    let quiz = &d.quizzes[0];
    assert_eq!(quiz.kind, QuizKind::FillIn);
    assert_eq!(quiz.kind_name(), "fill");
    let texts: Vec<_> = quiz.options.iter().map(|o| o.text.as_str()).collect();
    assert_eq!(texts, ["GMV", "Gross Merchandise Volume"]);
    let html = &d.slides[0].html;
    assert!(html.contains("type=\"text\" name=\"quiz-1\""), "{html}");
    assert!(
        html.contains("data-accept=\"[&quot;GMV&quot;,&quot;Gross Merchandise Volume&quot;]\""),
        "{html}"
    );
    // The answers are never page text (only the attribute), the hint is a disclosure.
    assert!(!html.contains(">GMV<") && !html.contains("[=]"), "{html}");
    assert!(
        html.contains("<details class=\"quiz-hint\"><summary>提示</summary><p>三个大写字母。</p></details>"),
        "{html}"
    );
}

#[test]
fn ordering_is_an_ordered_list_shown_shuffled_with_its_ranks() {
    let d = doc("> [!QUIZ] 把开播流程排好顺序\n> 1. 检查设备\n> 2. 预热引流\n> 3. 讲解商品\n> 4. 复盘数据\n");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    let quiz = &d.quizzes[0];
    assert_eq!(quiz.kind, QuizKind::Ordering);
    let texts: Vec<_> = quiz.options.iter().map(|o| o.text.as_str()).collect();
    assert_eq!(
        texts,
        ["检查设备", "预热引流", "讲解商品", "复盘数据"],
        "the authored order is the answer"
    );
    let html = &d.slides[0].html;
    let ranks: Vec<&str> = html.split("data-rank=\"").skip(1).map(|s| &s[..1]).collect();
    assert_eq!(ranks.len(), 4, "{html}");
    assert_ne!(ranks, ["1", "2", "3", "4"], "shown out of order: {html}");
    assert_eq!(html.matches("class=\"quiz-up\"").count(), 4);
    // The same page on every build.
    assert_eq!(
        doc("> [!QUIZ] 把开播流程排好顺序\n> 1. 检查设备\n> 2. 预热引流\n> 3. 讲解商品\n> 4. 复盘数据\n").slides[0]
            .html,
        *html
    );
}

#[test]
fn search_never_gets_answers_hints_or_explanations() {
    let d = doc(FILL);
    let text: String = d.sections.iter().map(|s| s.text.as_str()).collect();
    assert!(text.contains("英文缩写是？"), "{text}");
    for secret in ["GMV", "Gross", "三个大写字母", "未付款"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}

#[test]
fn the_answer_key_lists_each_quizs_answer() {
    let d = doc(&format!("{SINGLE}\n{FILL}\n> [!QUIZ] 排序\n> 1. 甲\n> 2. 乙\n"));
    let key = super::answer_key_html(&d.quizzes, crate::render::i18n::strings(crate::config::Language::ZhCn));
    assert!(key.starts_with("<section class=\"answer-key\""), "{key}");
    assert!(key.contains("<h2>参考答案</h2>"), "{key}");
    assert!(key.contains("B. 成交总额"), "{key}");
    assert!(key.contains("GMV / Gross Merchandise Volume"), "{key}");
    assert!(key.contains("甲 → 乙"), "{key}");
    assert_eq!(
        super::answer_key_html(&[], crate::render::i18n::strings(crate::config::Language::ZhCn)),
        ""
    );
}
