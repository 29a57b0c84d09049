//! Fill-in and ordering quizzes, hints, the set's score and stored results, in real
//! headless Chromium: answered wrong and right over file://, ordered with the keyboard
//! alone, reloaded (over file:// and http) with the answers still checked, and printed as
//! a worksheet whose answers appear only on the key page.

#[allow(dead_code)] // this file uses `run` and `describe` only
#[path = "common/axe.rs"]
mod axe;
mod common;

use common::browser::{Browser, Page, PrintOptions};
use common::file_url;
use common::fixture::Fixture;
use common::static_server::StaticServer;

const LESSON: &str = "content/lessons/01-基础/02-next.md";
const PAGE: &str = "lessons/01-基础/02-next.html";
const SET: &str = "01-基础/02-next";

const QUIZZES: &str = "---
title: 第二课
---
## 课后练习

> [!QUIZ] 直播间里“成交总额”的英文缩写是？
> - [=] GMV
> - [=] Gross Merchandise Volume
>
> 提示：三个字母，常和 UV、转化率一起看。
>
> GMV 统计下单金额，含未付款的订单。

> [!QUIZ] 把一场直播的流程排好顺序
> 1. 开播前检查设备
> 2. 预热引流
> 3. 讲解商品并逼单
> 4. 下播后复盘数据
>
> 先准备，再引流，再成交，最后复盘。

> [!QUIZ] 切片视频可以不经授权搬运别人的直播。
> - [ ] 对
> - [x] 错
";

fn built() -> Fixture {
    let f = Fixture::new("good");
    f.write(LESSON, QUIZZES);
    f.write("lectern.yaml", "title: 测试项目\nlanguage: zh-CN\nquiz_pass: 0.6\n");
    f.build_ok(&[]);
    f
}

/// Quiz `id`'s result text, marks and whether its explanation shows.
fn state(page: &Page, id: &str) -> serde_json::Value {
    page.eval_json(&format!(
        r#"(() => {{
  const q = document.getElementById('{id}');
  const ex = q.querySelector('.quiz-explanation');
  return {{
    result: q.querySelector('.quiz-result').innerText.trim(),
    explained: !!ex && !ex.hidden,
    right: q.classList.contains('is-right'),
    order: [...q.querySelectorAll('.quiz-order li')].map(li => li.querySelector('.quiz-item').innerText.trim()),
    typed: (q.querySelector('.quiz-fill input') || {{}}).value ?? null,
  }};
}})()"#
    ))
}

/// Put the ordering quiz in the right order with the keyboard only: focus an item's
/// "up" button and press Enter until it sits where it belongs.
fn order_by_keyboard(page: &Page, wanted: &[&str]) {
    for (place, text) in wanted.iter().enumerate() {
        loop {
            let at = page.eval_json(&format!(
                "[...document.querySelectorAll('#quiz-2 .quiz-order li')].findIndex(li => li.innerText.includes('{text}'))"
            ));
            if at.as_u64().unwrap() as usize <= place {
                break;
            }
            page.eval_json(&format!(
                "document.querySelectorAll('#quiz-2 .quiz-order li')[{at}].querySelector('.quiz-up').focus(), true"
            ));
            page.press_key("Enter");
        }
    }
}

const RIGHT_ORDER: [&str; 4] = ["开播前检查设备", "预热引流", "讲解商品并逼单", "下播后复盘数据"];

#[test]
fn fill_in_and_ordering_are_checked_scored_and_stored() {
    let f = built();
    let browser = Browser::launch();
    let page = browser.page();
    page.goto(&file_url(&f.out().join(PAGE)));
    page.wait_true("quiz actions shown", "!document.querySelector('.quiz-actions').hidden");
    page.eval_json(
        "window.__events = []; document.addEventListener('lectern:quiz', e => __events.push(e.detail)); true",
    );

    // Before any check only 检查答案 shows: no retry yet (a hidden button stays hidden).
    let visible = "[...document.querySelectorAll('.quiz-check, .quiz-retry')].filter(b => b.getClientRects().length).map(b => b.className)";
    assert_eq!(
        page.eval_json(visible),
        serde_json::json!(["quiz-check", "quiz-check", "quiz-check"])
    );

    // The hint is there on request, before answering.
    assert_eq!(
        page.eval_json("document.querySelector('#quiz-1 .quiz-hint').open"),
        false
    );
    page.click("#quiz-1 .quiz-hint summary");
    assert!(page.text("#quiz-1 .quiz-hint").contains("三个字母"));

    // Fill-in: wrong, then right typed in full-width letters with spaces around.
    page.click("#quiz-1 .quiz-fill input");
    page.type_text("UV");
    page.click("#quiz-1 .quiz-check");
    let s = state(&page, "quiz-1");
    assert_eq!(s["result"], "✗ 回答不对，再试一次");
    assert_eq!(s["explained"], true);
    page.click("#quiz-1 .quiz-retry");
    assert_eq!(state(&page, "quiz-1")["typed"], "");
    page.click("#quiz-1 .quiz-fill input");
    page.type_text(" ｇｍｖ ");
    page.click("#quiz-1 .quiz-check");
    assert_eq!(state(&page, "quiz-1")["result"], "✓ 回答正确");

    // Ordering: shown out of order; checked as is it is wrong; put right by keyboard it is right.
    let shown: Vec<String> = serde_json::from_value(state(&page, "quiz-2")["order"].clone()).unwrap();
    assert_ne!(shown, RIGHT_ORDER, "the page shuffles the steps");
    page.click("#quiz-2 .quiz-check");
    assert_eq!(state(&page, "quiz-2")["result"], "✗ 回答不对，再试一次");
    assert_eq!(
        page.count("#quiz-2 .quiz-move:not([hidden])"),
        0,
        "locked after checking"
    );
    page.click("#quiz-2 .quiz-retry");
    order_by_keyboard(&page, &RIGHT_ORDER);
    assert_eq!(state(&page, "quiz-2")["order"], serde_json::json!(RIGHT_ORDER));
    page.click("#quiz-2 .quiz-check");
    assert_eq!(state(&page, "quiz-2")["result"], "✓ 回答正确");

    // The set's score: 2 of 3 right passes at quiz_pass 0.6, shown on the page.
    assert_eq!(page.text(".quiz-score"), "本组得分 2/3 · 已通过");
    let stored = page.eval_json(&format!("window.lectern.store('quiz:{SET}').read()"));
    assert_eq!(stored["score"], 2);
    assert_eq!(stored["total"], 3);
    assert_eq!(stored["passed"], true);
    assert_eq!(stored["answers"]["quiz-1"]["correct"], true);
    assert_eq!(stored["answers"]["quiz-2"]["correct"], true);
    assert!(stored["answers"]["quiz-3"].is_null());
    let set = page.eval_json("[document.querySelector('[data-quiz-set]').dataset.quizSet, document.querySelector('[data-quiz-set]').dataset.pass, document.querySelector('[data-quiz-set]').dataset.version]");
    assert_eq!(set[0], SET);
    assert_eq!(set[1], "0.6");
    assert_eq!(stored["version"], set[2]);
    // One event per check, each with the set id and the object as stored then.
    let events = page.eval_json("__events");
    assert_eq!(events.as_array().unwrap().len(), 4);
    assert_eq!(events[3]["setId"], SET);
    assert_eq!(events[3]["score"], 2);
    assert_eq!(events[0]["score"], 0);
    page.assert_no_problems();
}

/// Answer all three, then reload `url`: each comes back checked, with its answer.
/// Returns the page, answered, for further checks.
fn answers_survive_a_reload(url: &str) -> (Browser, Page) {
    let browser = Browser::launch();
    let page = browser.page();
    page.goto(url);
    page.wait_true("quiz actions shown", "!document.querySelector('.quiz-actions').hidden");
    page.click("#quiz-1 .quiz-fill input");
    page.type_text("Gross Merchandise Volume");
    page.click("#quiz-1 .quiz-check");
    page.click("#quiz-2 .quiz-check"); // as shuffled: wrong
    page.click("#quiz-3 .quiz-options li:nth-child(2) input");
    page.click("#quiz-3 .quiz-check");
    let before = state(&page, "quiz-2")["order"].clone();

    page.goto(url);
    page.wait_true("quiz actions shown", "!document.querySelector('.quiz-actions').hidden");
    let s = state(&page, "quiz-1");
    assert_eq!(
        (s["result"].as_str(), s["right"].as_bool()),
        (Some("✓ 回答正确"), Some(true))
    );
    assert_eq!(s["typed"], "Gross Merchandise Volume");
    let s = state(&page, "quiz-2");
    assert_eq!(s["result"], "✗ 回答不对，再试一次");
    assert_eq!(s["order"], before);
    assert_eq!(page.count("#quiz-3 input:checked"), 1);
    assert_eq!(page.count("#quiz-3 input:disabled"), 2, "shown as checked, locked");
    assert_eq!(page.text(".quiz-score"), "本组得分 2/3 · 已通过");
    // Retry after a reload still works.
    page.click("#quiz-2 .quiz-retry");
    assert_eq!(state(&page, "quiz-2")["result"], "");
    page.assert_no_problems();
    (browser, page)
}

#[test]
fn answers_survive_a_reload_over_file() {
    let f = built();
    let _ = answers_survive_a_reload(&file_url(&f.out().join(PAGE)));
}

#[test]
fn answers_survive_a_reload_over_http() {
    let f = built();
    let server = StaticServer::start(&f.out());
    let (_browser, page) = answers_survive_a_reload(&format!("{}{PAGE}", server.url));
    // Over http axe can read the stylesheets: the answered kinds, hint and score pass it.
    page.click("#quiz-1 .quiz-hint summary");
    let violations = axe::run(&page, &axe::axe_source());
    assert!(
        violations.is_empty(),
        "{}",
        axe::describe("answered fill-in and ordering", &violations)
    );
}

/// The text of page `n` (1-based) of `pdf`, by pdftotext.
fn pdf_page_text(pdf: &[u8], n: usize) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("worksheet.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-f", &n.to_string(), "-l", &n.to_string(), "-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn printing_makes_a_worksheet_with_the_answer_key_on_its_own_page() {
    let f = built();
    let browser = Browser::launch();
    let page = browser.page();
    page.goto(&file_url(&f.out().join(PAGE)));
    // Answered and hinted on screen first: the paper must still show nothing marked.
    page.click("#quiz-3 .quiz-options li:nth-child(2) input");
    page.click("#quiz-3 .quiz-check");
    page.click("#quiz-1 .quiz-hint summary");
    assert_eq!(
        page.eval_json("getComputedStyle(document.querySelector('.answer-key')).display"),
        "none"
    );

    let pdf = page.print_pdf(&PrintOptions::default());
    let pages = common::pdf_page_sizes(&pdf).len();
    assert!(pages >= 2, "{pages} pages");
    let sheet: String = (1..pages).map(|n| pdf_page_text(&pdf, n)).collect();
    let sheet_compact: String = sheet.split_whitespace().collect();
    for question in ["英文缩写是？", "排好顺序", "切片视频可以不经授权"] {
        assert!(sheet_compact.contains(question), "{question} on the worksheet: {sheet}");
    }
    for secret in ["GMV", "三个字母", "含未付款", "✓", "✗", "回答正确", "参考答案"] {
        assert!(!sheet.contains(secret), "{secret} before the key page: {sheet}");
    }
    let key = pdf_page_text(&pdf, pages);
    let key_compact: String = key.split_whitespace().collect();
    assert!(key_compact.contains("参考答案"), "{key}");
    assert!(key_compact.contains("GMV/GrossMerchandiseVolume"), "{key}");
    assert!(
        key_compact.contains("开播前检查设备→预热引流→讲解商品并逼单→下播后复盘数据"),
        "{key}"
    );
    assert!(key_compact.contains("B.错"), "{key}");
}

/// Whether the current slide of `page` (or its copy in the presenter view) shows answers:
/// the explanations, the accepted fill-in answers and the steps in their right order.
fn deck_answers(page: &Page, root: &str) -> serde_json::Value {
    page.eval_json(&format!(
        r#"(() => {{
  const slide = document.querySelector('{root}');
  const visible = el => !!el && el.getClientRects().length > 0;
  return {{
    explained: [...slide.querySelectorAll('.quiz-explanation')].map(visible),
    accepted: visible(slide.querySelector('.quiz-accepted')) ? slide.querySelector('.quiz-accepted').innerText.trim() : '',
    order: [...slide.querySelectorAll('.quiz-order .quiz-item')].map(i => i.innerText.trim()),
    options: slide.querySelectorAll('.quiz-options input').length,
  }};
}})()"#
    ))
}

#[test]
fn the_deck_reveals_answers_on_a_and_the_presenter_view_follows() {
    let f = built();
    let browser = Browser::launch();
    let audience = browser.page();
    audience.goto(&file_url(&f.out().join("decks/01-基础/02-next.html")));
    let slide = audience
        .eval_json("[...document.querySelectorAll('.deck-stage > .slide')].findIndex(s => s.querySelector('.quiz'))");
    audience.eval_json(&format!("lecternDeck.go({slide}), true"));
    // The help overlay names the key.
    audience.press_key("?");
    assert!(audience.text(".deck-help").contains("显示 / 隐藏本页测验的答案和解析"));
    audience.press_key("Escape");

    let hidden = deck_answers(&audience, ".slide.current");
    assert_eq!(hidden["explained"], serde_json::json!([false, false]));
    assert_eq!(hidden["accepted"], "");
    assert_ne!(hidden["order"], serde_json::json!(RIGHT_ORDER));
    assert_eq!(hidden["options"], 2, "the choice's options show in the deck");

    audience.press_key("a");
    let shown = deck_answers(&audience, ".slide.current");
    assert_eq!(shown["explained"], serde_json::json!([true, true]));
    assert_eq!(shown["accepted"], "✓ GMV / Gross Merchandise Volume");
    assert_eq!(shown["order"], serde_json::json!(RIGHT_ORDER));
    let marked = audience.eval_json(
        "getComputedStyle(document.querySelector('.slide.current .quiz-options li:nth-child(2)'), '::after').content",
    );
    assert_eq!(marked, "\" ✓\"", "the right option is marked");

    // The presenter view shows the slide as the audience sees it; A there hides them on both.
    audience.press_key("p");
    let presenter = browser.opened_page("?presenter");
    presenter.wait_for(".pv-current .slide");
    presenter.wait_true(
        "answers in the presenter view",
        "!!document.querySelector('.pv-current .slide.answers-shown')",
    );
    assert_eq!(
        deck_answers(&presenter, ".pv-current .slide")["accepted"],
        "✓ GMV / Gross Merchandise Volume"
    );
    presenter.press_key("a");
    audience.wait_true(
        "the audience hides the answers",
        "!document.querySelector('.slide.current.answers-shown')",
    );
    assert_eq!(
        deck_answers(&audience, ".slide.current")["order"],
        hidden["order"],
        "back in the page's order"
    );
    audience.press_key("A");
    presenter.wait_true(
        "the presenter follows",
        "!!document.querySelector('.pv-current .slide.answers-shown')",
    );
    audience.assert_no_problems();
}

#[test]
fn a_quiz_file_is_its_own_set_linked_from_its_lesson() {
    let f = built();
    f.write(
        "content/quizzes/week1.md",
        "---\ntitle: 第一周综合测验\nlesson: 01-基础/02-next\npass: 0.5\n---\n> [!QUIZ] 直播间的 GMV 指什么？\n> - [ ] 观看人数\n> - [x] 成交总额\n\n> [!QUIZ] 主播口播时用的“逼单”指什么？\n> - [=] 催促下单\n> - [=] 促单\n",
    );
    f.build_ok(&[]);
    let browser = Browser::launch();
    let page = browser.page();
    page.goto(&file_url(&f.out().join("index.html")));
    assert_eq!(page.text(".home-quizzes a"), "第一周综合测验");
    page.goto(&file_url(&f.out().join(PAGE)));
    page.click_and_wait_navigation("a.quiz-link");
    assert!(page.url().ends_with("quizzes/week1.html"), "{}", page.url());
    assert_eq!(page.text(".breadcrumb li:nth-child(2) a"), "第二课");
    page.click("#quiz-1 .quiz-options li:nth-child(2) input");
    page.click("#quiz-1 .quiz-check");
    assert_eq!(
        page.text(".quiz-score"),
        "本组得分 1/2 · 已通过",
        "pass: 0.5 of this file"
    );
    let stored = page.eval_json("window.lectern.store('quiz:quizzes/week1').read()");
    assert_eq!(stored["passed"], true);
    assert_eq!(stored["total"], 2);
    // The lesson's own set is kept apart.
    assert!(page
        .eval_json(&format!("window.lectern.store('quiz:{SET}').read()"))
        .is_null());
    page.assert_no_problems();
}
