//! The learner's progress along the role path in real headless Chromium, over file:// and
//! http: choosing "my role", a lesson read by scrolling to its end or with the button, a
//! quiz set passed (quiz.js's store, written as the contract gives it), an SOP run today,
//! the old `lessons-done: {id: true}` form — each shown on the role page and the home page
//! with the percentage and "continue where I left off", across reloads; and a rebuilt
//! lesson shown as "changed since you finished" with the re-confirm banner on its page.
//! Also: the home page's role chooser, progress made in another tab, and the pages
//! without the scripts (a plain list, nothing of progress shown).

#[allow(dead_code)] // this file uses `run` and `describe` only
#[path = "common/axe.rs"]
mod axe;
mod common;
#[path = "progress/helpers.rs"]
mod helpers;

use common::browser::{Browser, Page};
use common::file_url;
use common::static_server::StaticServer;
use helpers::*;
use serde_json::{json, Value};

/// The whole walk along the path on the site at `url(page)`; storage starts empty.
/// Returns the page, on the lesson "continue" led to.
fn walk_the_path(browser: &Browser, data: &Value, url: &dyn Fn(&str) -> String) -> Page {
    let lessons = path_lessons(data);
    let version = |i: usize| data["lessons"][&lessons[i]]["version"].as_str().unwrap().to_string();
    assert_eq!(
        [
            &data["lessons"][&lessons[1]]["quiz"],
            &data["lessons"][&lessons[2]]["quiz"]
        ],
        [true, true],
        "the quizzes were added to the path's second and third lessons"
    );
    let page = browser.page();

    // The home page without a role: only the chooser.
    page.goto(&url("index.html"));
    assert_eq!(
        page.eval_json("document.querySelector('.my-path').hidden"),
        json!(false)
    );
    assert_eq!(
        page.eval_json("document.querySelector('.path-view').hidden"),
        json!(true)
    );

    // "这是我的岗位" on the roles index, remembered.
    page.goto(&url("roles/index.html"));
    let button = format!(r#"[data-choose-role="{ROLE}"]"#);
    page.click(&button);
    let pressed = format!("document.querySelector({}).getAttribute('aria-pressed')", json!(button));
    assert_eq!(page.eval_json(&pressed), json!("true"));
    assert_eq!(stored(&page, "role"), json!(ROLE));

    page.goto(&url("index.html"));
    assert_eq!(page.text(".my-path .path-role"), "学员创作者");
    assert_eq!(page.count(".path-lessons li"), lessons.len());
    for id in &lessons {
        assert_eq!(state(&page, ".path-lessons", "data-lesson", id), "not-started");
    }
    assert_eq!(page.text(".my-path .path-percent"), "0%");
    assert_eq!(
        page.eval_json("document.querySelector('.my-path .path-continue').dataset.lesson"),
        json!(lessons[0])
    );

    // Lesson 1 read by scrolling to its end, not by being opened.
    page.goto(&url(&lesson_page(&lessons[0])));
    assert_eq!(
        page.eval_json("document.documentElement.scrollHeight > 2 * innerHeight"),
        json!(true),
        "the lesson must be long enough that its end is out of view"
    );
    assert_eq!(stored(&page, "lessons-done"), Value::Null);
    page.eval_json("window.scrollTo(0, document.documentElement.scrollHeight)");
    page.wait_true(
        "the lesson marked read at its end",
        "document.querySelector('.lesson-mark-read').disabled",
    );
    assert_eq!(stored(&page, "lessons-done")[&lessons[0]]["version"], json!(version(0)));

    // Lesson 2 read with the button, its quiz set passed; lesson 3's quiz passed, unread.
    page.goto(&url(&lesson_page(&lessons[1])));
    mark_read(&page);
    assert_eq!(stored(&page, "lessons-done")[&lessons[1]]["version"], json!(version(1)));
    store(&page, &format!("quiz:{}", lessons[1]), &quiz_passed(&version(1)));
    store(&page, &format!("quiz:{}", lessons[2]), &quiz_passed(&version(2)));
    // Lesson 5 ticked by an earlier Lectern: `true`, no version.
    let mut done = stored(&page, "lessons-done");
    done[&lessons[4]] = json!(true);
    store(&page, "lessons-done", &done);

    // Today's daily report begun; the daily task list not.
    page.goto(&url("sops/daily-report.html"));
    page.click(r#"input[name="s3-1"][value="yes"]"#);

    // Lesson 4 opened last: that is where to continue.
    page.goto(&url(&lesson_page(&lessons[3])));

    // Lesson 5 is finished by reading alone unless the sample gave it a quiz too.
    let fifth_has_quiz = data["lessons"][&lessons[4]]["quiz"] == json!(true);
    let finished = if fifth_has_quiz { 2 } else { 3 }; // lessons 1 and 2 (read, quiz passed), 5
    let percent = format!("{}%", (100.0 * finished as f64 / lessons.len() as f64).round());
    let expected = [
        (0, "read"),
        (1, "read quiz-passed"),
        (2, "quiz-passed"),
        (3, "not-started"),
        (4, if fifth_has_quiz { "read quiz-to-pass" } else { "read" }),
        (5, "not-started"),
    ];
    for (list, at) in [(".learn-list", ROLE_PAGE), (".path-lessons", "index.html")] {
        page.goto(&url(at));
        page.goto(&url(at)); // and again: nothing is lost across reloads
        for (i, want) in expected {
            assert_eq!(
                state(&page, list, "data-lesson", &lessons[i]),
                want,
                "lesson {i} on {at}"
            );
        }
        assert_eq!(state(&page, "", "data-sop", "daily-report"), "run", "{at}");
        assert_eq!(state(&page, "", "data-sop", "daily-task-list"), "not-run", "{at}");
        assert_eq!(page.text(".path-status .path-percent"), percent, "{at}");
        assert_eq!(
            page.eval_json("document.querySelector('.path-continue').dataset.lesson"),
            json!(lessons[3]),
            "{at}"
        );
    }
    assert_eq!(
        page.text(r#".path-sops li[data-sop="daily-report"] .path-state"#),
        "今日已执行"
    );
    page.click_and_wait_navigation(".my-path .path-continue");
    assert_eq!(
        page.eval_json("document.querySelector('.lesson-end').dataset.lesson"),
        json!(lessons[3])
    );
    page.assert_no_problems();
    page
}

#[test]
fn the_role_path_shows_each_state_a_percentage_and_where_to_continue() {
    let site = Site::build();
    let data = path_data(&site.out());
    let browser = Browser::launch();
    let out = site.out();
    walk_the_path(&browser, &data, &|p| file_url(&out.join(p)));
    let server = StaticServer::start(&out);
    let page = walk_the_path(&browser, &data, &|p| format!("{}{p}", server.url));

    // With every state shown, the path still passes axe (over http: axe reads the CSS).
    let axe_js = axe::axe_source();
    for at in [ROLE_PAGE, "index.html"] {
        page.goto(&format!("{}{at}", server.url));
        let serious: Vec<_> = axe::run(&page, &axe_js)
            .into_iter()
            .filter(|v| v.is_serious())
            .collect();
        assert!(serious.is_empty(), "{}", axe::describe(at, &serious));
    }
}

#[test]
fn a_lesson_changed_since_it_was_finished_says_so_and_asks_to_reconfirm() {
    let site = Site::build();
    let lessons = path_lessons(&path_data(&site.out()));
    let url = |p: &str| file_url(&site.out().join(p));
    let browser = Browser::launch();
    let page = browser.page();
    page.goto(&url(ROLE_PAGE));
    page.click(&format!(r#"[data-choose-role="{ROLE}"]"#));
    for lesson in &lessons[..2] {
        page.goto(&url(&lesson_page(lesson)));
        mark_read(&page);
        assert_eq!(
            page.eval_json("document.querySelector('.lesson-reconfirm').hidden"),
            json!(true)
        );
    }
    let version = page.eval_json("document.querySelector('.lesson-end').dataset.version");
    store(
        &page,
        &format!("quiz:{}", lessons[1]),
        &quiz_passed(version.as_str().unwrap()),
    );
    page.goto(&url(ROLE_PAGE));
    assert_eq!(
        state(&page, ".learn-list", "data-lesson", &lessons[1]),
        "read quiz-passed"
    );

    site.edit_lesson(&lessons[0]);
    site.edit_lesson(&lessons[1]);
    site.rebuild();
    for at in [ROLE_PAGE, "index.html"] {
        page.goto(&url(at));
        assert_eq!(state(&page, "", "data-lesson", &lessons[0]), "read changed", "{at}");
        assert_eq!(
            state(&page, "", "data-lesson", &lessons[1]),
            "read quiz-passed changed",
            "{at}"
        );
        assert!(
            page.text(&format!(r#"li[data-lesson="{}"] .path-state"#, lessons[0]))
                .contains("自你完成后已更新"),
            "{at}"
        );
        assert_eq!(page.text(".path-status .path-percent"), "0%", "{at}");
    }

    page.goto(&url(&lesson_page(&lessons[0])));
    assert_eq!(
        page.eval_json("document.querySelector('.lesson-reconfirm').hidden"),
        json!(false)
    );
    assert!(page.text(".lesson-reconfirm").contains("更新过"));
    assert_eq!(
        page.eval_json("document.querySelector('.lesson-mark-read').checkVisibility()"),
        json!(false),
        "the banner's button confirms, not the one at the end"
    );
    // Scrolling to the end does not confirm a changed lesson; the banner's button does.
    page.eval_json("window.scrollTo(0, document.documentElement.scrollHeight)");
    page.click(".lesson-reviewed");
    assert_eq!(
        page.eval_json("document.querySelector('.lesson-reconfirm').hidden"),
        json!(true)
    );
    page.goto(&url(ROLE_PAGE));
    assert_eq!(state(&page, ".learn-list", "data-lesson", &lessons[0]), "read");
    page.assert_no_problems();
}

#[test]
fn without_the_scripts_the_path_is_a_plain_list_and_nothing_of_progress_shows() {
    let site = Site::build();
    let lessons = path_lessons(&path_data(&site.out()));
    for script in ["progress.js", "path.js"] {
        std::fs::remove_file(site.out().join("static").join(script)).unwrap();
    }
    let url = |p: &str| file_url(&site.out().join(p));
    let browser = Browser::launch();
    let page = browser.page();
    let visible = |page: &Page| {
        page.eval_json("document.querySelector('main').innerText")
            .as_str()
            .unwrap()
            .to_string()
    };

    page.goto(&url(ROLE_PAGE));
    let text = visible(&page);
    let first = page.text(&format!(r#"li[data-lesson="{}"] .learn-link"#, lessons[0]));
    assert!(text.contains(&first), "{first} in {text}");
    page.goto(&url("index.html"));
    let home = visible(&page);
    page.goto(&url(&lesson_page(&lessons[0])));
    let lesson = visible(&page);
    for (at, text) in [("role", &text), ("home", &home), ("lesson", &lesson)] {
        for hidden in [
            "这是我的岗位",
            "我的学习路径",
            "已完成",
            "继续学习",
            "未开始",
            "标记为已读",
            "重新阅读",
        ] {
            assert!(
                !text.contains(hidden),
                "{hidden} shown on the {at} page without the scripts"
            );
        }
    }
}

#[test]
fn the_home_page_chooser_picks_the_role_and_changes_it() {
    let site = Site::build();
    let data = path_data(&site.out());
    let browser = Browser::launch();
    let page = browser.open(&file_url(&site.out().join("index.html")));
    // As a browser does: `change` only when the choice differs from what the select shows.
    let pick = |role: &str| {
        page.eval_json(&format!(
            "(() => {{ const s = document.querySelector('#path-role'), v = {};
                if (s.value !== v) {{ s.value = v; s.dispatchEvent(new Event('change')); }} }})()",
            json!(role)
        ));
    };
    let shown = |sel: &str| page.eval_json(&format!("document.querySelector({}).checkVisibility()", json!(sel)));
    assert_eq!(shown(".path-chooser"), json!(true));
    pick("team-leader");
    assert_eq!(stored(&page, "role"), json!("team-leader"));
    assert_eq!(shown(".path-chooser"), json!(false));
    assert_eq!(page.text(".my-path .path-role"), "组长");

    page.goto(&file_url(&site.out().join("index.html")));
    assert_eq!(page.text(".my-path .path-role"), "组长", "remembered across a reload");
    page.click(".path-change");
    assert_eq!(shown(".path-chooser"), json!(true));
    pick("team-leader"); // the same role again: back to the path
    assert_eq!(shown(".path-view"), json!(true));
    page.click(".path-change");
    pick(ROLE);
    assert_eq!(page.text(".my-path .path-role"), "学员创作者");
    assert_eq!(page.count(".path-lessons li"), path_lessons(&data).len());
    page.goto(&file_url(&site.out().join(ROLE_PAGE)));
    let pressed = format!(r#"document.querySelector('[data-choose-role="{ROLE}"]').getAttribute('aria-pressed')"#);
    assert_eq!(page.eval_json(&pressed), json!("true"));
    assert_eq!(page.text("[data-choose-role]"), "✓ 我的岗位");

    // A lesson read in another tab shows on this one without a reload.
    let first = &path_lessons(&data)[0];
    assert_eq!(state(&page, ".learn-list", "data-lesson", first), "not-started");
    let other = browser.open(&file_url(&site.out().join(lesson_page(first))));
    mark_read(&other);
    page.wait_true(
        "the other tab's read lesson shown",
        &format!(
            "document.querySelector({}).dataset.state === 'read'",
            json!(format!(r#".learn-list li[data-lesson="{first}"] .path-state"#))
        ),
    );
    page.assert_no_problems();
}
