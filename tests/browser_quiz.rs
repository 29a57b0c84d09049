//! Lesson quizzes (`> [!QUIZ]`) in real headless Chromium over file://: answered wrong,
//! then retried and answered right, single and multiple choice, with the explanation
//! shown only after checking and the result in a live region; over http, the answered
//! page passes axe-core; without the script the options read as a list and nothing gives
//! the answer away.

#[allow(dead_code)] // this file uses `run` and `describe` only
#[path = "common/axe.rs"]
mod axe;
mod common;

use common::browser::{Browser, Page};
use common::file_url;
use common::fixture::Fixture;
use common::static_server::StaticServer;

const LESSON: &str = "content/lessons/01-基础/02-next.md";
const PAGE: &str = "lessons/01-基础/02-next.html";

const QUIZZES: &str = "---
title: 第二课
---
## 小测验

> [!QUIZ] 直播间的 GMV 指什么？
> - [ ] 观看人数
> - [x] 成交总额
> - [ ] 点赞数
>
> GMV 即 Gross Merchandise Volume，成交总额。

> [!QUIZ] 哪些是 KOC 的特点？
> - [x] 粉丝少但信任度高
> - [x] 真实的消费者
> - [ ] 一定是明星
";

fn built() -> Fixture {
    let f = Fixture::new("good");
    f.write(LESSON, QUIZZES);
    f.build_ok(&[]);
    f
}

/// What the learner can see of quiz `n` (1-based): result text, explanation shown, which
/// options carry a ✓ or ✗, and whether the options can still be changed.
fn state(page: &Page, n: usize) -> serde_json::Value {
    page.eval_json(&format!(
        r#"(() => {{
  const q = document.querySelectorAll('.quiz')[{i}];
  const ex = q.querySelector('.quiz-explanation');
  const items = [...q.querySelectorAll('.quiz-options li')];
  return {{
    result: q.querySelector('.quiz-result').innerText.trim(),
    explained: !!ex && !ex.hidden && ex.getClientRects().length > 0,
    marks: items.map(li => li.classList.contains('is-right') ? 'right' : li.classList.contains('is-wrong') ? 'wrong' : ''),
    locked: [...q.querySelectorAll('input')].every(i => i.disabled),
  }};
}})()"#,
        i = n - 1
    ))
}

#[test]
fn a_quiz_answered_wrong_then_retried_and_answered_right() {
    let f = built();
    let browser = Browser::launch();
    let page = browser.page();
    page.goto(&file_url(&f.out().join(PAGE)));
    page.wait_true("quiz actions shown", "!document.querySelector('.quiz-actions').hidden");
    assert_eq!(page.count(".quiz fieldset legend"), 2);
    assert_eq!(page.count(".quiz [role=status]"), 2);

    // Checking with nothing chosen asks for a choice and reveals nothing.
    page.click("#quiz-1 .quiz-check");
    let s = state(&page, 1);
    assert_eq!(s["result"], "请先选择答案");
    assert_eq!(s["explained"], false);

    // Wrong: the chosen option is marked ✗, the explanation shows, the options lock.
    page.click("#quiz-1 .quiz-options li:nth-child(1) input");
    page.click("#quiz-1 .quiz-check");
    let s = state(&page, 1);
    assert_eq!(s["result"], "✗ 回答不对，再试一次");
    assert_eq!(s["explained"], true);
    assert_eq!(s["marks"], serde_json::json!(["wrong", "", ""]));
    assert_eq!(s["locked"], true);
    assert_eq!(page.eval_json("document.activeElement.className"), "quiz-retry");

    // Retry clears everything; then the right option.
    page.click("#quiz-1 .quiz-retry");
    let s = state(&page, 1);
    assert_eq!(s["result"], "");
    assert_eq!(s["explained"], false);
    assert_eq!(s["locked"], false);
    assert_eq!(page.count("#quiz-1 input:checked"), 0);
    page.click("#quiz-1 .quiz-options li:nth-child(2) input");
    page.click("#quiz-1 .quiz-check");
    let s = state(&page, 1);
    assert_eq!(s["result"], "✓ 回答正确");
    assert_eq!(s["marks"], serde_json::json!(["", "right", ""]));

    // Multiple choice: one of two right options is not enough; both are.
    page.click("#quiz-2 .quiz-options li:nth-child(1) input");
    page.click("#quiz-2 .quiz-check");
    assert_eq!(state(&page, 2)["result"], "✗ 回答不对，再试一次");
    page.click("#quiz-2 .quiz-retry");
    page.click("#quiz-2 .quiz-options li:nth-child(1) input");
    page.click("#quiz-2 .quiz-options li:nth-child(2) input");
    page.click("#quiz-2 .quiz-check");
    let s = state(&page, 2);
    assert_eq!(s["result"], "✓ 回答正确");
    assert_eq!(s["marks"], serde_json::json!(["right", "right", ""]));
    // The first quiz kept its own result.
    assert_eq!(state(&page, 1)["result"], "✓ 回答正确");
    page.assert_no_problems();
}

#[test]
fn without_script_the_options_read_as_a_list_and_the_answer_stays_hidden() {
    let f = built();
    let browser = Browser::launch();
    let page = browser.page();
    // The page as a browser without the quiz script sees it (blocked, or not yet loaded).
    std::fs::remove_file(f.out().join("static/quiz.js")).unwrap();
    page.goto(&file_url(&f.out().join(PAGE)));
    let visible = page.eval_json("document.querySelector('#quiz-1').innerText");
    let visible = visible.as_str().unwrap();
    for text in ["直播间的 GMV 指什么？", "观看人数", "成交总额", "点赞数"] {
        assert!(visible.contains(text), "{text} in {visible}");
    }
    for hidden in ["Gross Merchandise Volume", "检查答案", "✓", "✗"] {
        assert!(
            !visible.contains(hidden),
            "{hidden} shown without the script: {visible}"
        );
    }
}

#[test]
fn an_answered_quiz_passes_axe_over_http() {
    let f = built();
    // Over http: axe reads the stylesheets with XHR, which Chromium refuses for file://.
    let server = StaticServer::start(&f.out());
    let browser = Browser::launch();
    let page = browser.page();
    page.goto(&format!("{}{PAGE}", server.url));
    page.click("#quiz-1 .quiz-options li:nth-child(1) input");
    page.click("#quiz-1 .quiz-check");
    page.click("#quiz-2 .quiz-options li:nth-child(2) input");
    page.click("#quiz-2 .quiz-check");
    assert_eq!(state(&page, 1)["explained"], true);
    let violations = axe::run(&page, &axe::axe_source());
    assert!(
        violations.is_empty(),
        "{}",
        axe::describe("answered quizzes", &violations)
    );
    page.assert_no_problems();
}

#[test]
fn quizzes_of_several_answers_on_the_qa_page_each_keep_their_own_ids() {
    let f = Fixture::new("good");
    f.write(
        "content/qa/gmv.md",
        "---\nquestion: GMV 和成交总额是一回事吗？\ntags: [数据]\n---\n是。\n\n> [!QUIZ] GMV 是什么？\n> - [x] 成交总额\n> - [ ] 点赞数\n",
    );
    f.write(
        "content/qa/report-time.md",
        "---\nquestion: 日报几点交？\ntags: [数据]\n---\n晚上十点前。\n\n> [!QUIZ] 日报最晚几点交？\n> - [ ] 零点\n> - [x] 22:00\n",
    );
    f.build_ok(&[]);
    let html = std::fs::read_to_string(f.out().join("qa/index.html")).unwrap();
    let ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "repeated ids: {ids:?}");

    // In the browser the two quizzes are independent: choosing in one leaves the other.
    let browser = Browser::launch();
    let page = browser.page();
    page.goto(&file_url(&f.out().join("qa/index.html")));
    page.wait_true("quiz actions shown", "!document.querySelector('.quiz-actions').hidden");
    let quizzes = page.eval_json("[...document.querySelectorAll('.quiz')].map(q => q.id)");
    assert_eq!(quizzes.as_array().unwrap().len(), 2, "{quizzes}");
    page.eval_json("document.querySelectorAll('.quiz')[0].querySelector('input[data-correct]').click(), true");
    page.eval_json("document.querySelectorAll('.quiz')[1].querySelector('input[data-correct]').click(), true");
    assert_eq!(page.count(".quiz input:checked"), 2);
    page.eval_json("document.querySelectorAll('.quiz')[0].querySelector('.quiz-check').click(), true");
    assert_eq!(page.text(".quiz .quiz-result"), "✓ 回答正确");
    page.assert_no_problems();
}
