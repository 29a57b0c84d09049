//! The collation page beyond one day's table: the storage cap and dropping the oldest
//! period, sop.js's own run exports, the camera button, print, quiz results, and a
//! record split across three QR codes.

mod collect;
mod common;

use collect::*;
use common::browser::Browser;
use common::file_url;
use common::fixture::Fixture;
use serde_json::{json, Value};

#[test]
fn the_cap_says_so_and_only_the_leader_drops_the_oldest_period() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = collect_page(&browser, &site.url("collect.html"));
    page.add_init_script("window.confirm = () => true;");
    // 1,000 hand-ins a day for two days: the second day's last one passes the cap of 2,000.
    let batch = |period: &str, n: usize| {
        page.eval_json(&format!(
            "Array.from({{ length: {n} }}, (_, i) => lectern.record.encode(Object.assign({}, {{ programme: document.body.dataset.site, period: '{period}', name: '学员' + i }}))).join('\\n')",
            daily_report("", 9, "抖音", 1, "")
        ))
        .as_str()
        .unwrap()
        .to_string()
    };
    paste(&page, &batch("2024-11-20", 1000));
    assert_eq!(messages(&page), "已添加 1000 条记录。");
    paste(&page, &batch("2024-11-21", 1001));
    assert_eq!(
        messages(&page),
        "已添加 1000 条记录。\n存储已满（最多 2000 条 / 2 MB），1 条未保存。请先删除最早的期次。"
    );
    page.goto(&site.url("collect.html"));
    page.wait_true("collect.js", "!!window.lecternCollect");
    assert_eq!(page.eval_json("lecternCollect.records().length"), json!(2000));
    page.click(".collect-drop");
    assert_eq!(messages(&page), "已删除期次 2024-11-20 的 1000 条记录。");
    assert_eq!(
        page.eval_json("[...new Set(lecternCollect.records().map(r => r.period))]"),
        json!(["2024-11-21"])
    );
    page.assert_no_problems();
}

#[test]
fn sop_run_exports_import_the_camera_shows_only_with_a_detector_and_print_shows_the_table() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = collect_page(&browser, &site.url("collect.html"));
    assert_eq!(
        page.eval_json("document.querySelector('.collect-camera').hidden"),
        json!(true)
    );

    // sop.js's own JSON export (`lectern-sop-runs`), named by the form's name field.
    let runs = json!({
        "format": "lectern-sop-runs", "sop": "daily-report", "version": "1.1",
        "runs": { PERIOD: {
            "values": { "s1-1": "6", "s1-2": "快手", "s3-1": "yes" }, "na": { "s2-3": true },
            "fields": { "name": "孙悦", "account": "@孙悦切片" },
            "version": "1.1", "started": "2024-11-21T20:00:00.000Z", "updated": "2024-11-21T21:00:00.000Z"
        } }
    });
    let files = tempfile::tempdir().unwrap();
    let path = files.path().join("daily-report.json");
    std::fs::write(&path, serde_json::to_string_pretty(&runs).unwrap()).unwrap();
    let input = page.raw().find_element(".collect-files").unwrap();
    input.set_input_files(&[path.to_str().unwrap()]).unwrap();
    page.wait_true(
        "the row",
        "document.querySelectorAll('.collect-table tbody tr').length === 1",
    );
    assert_eq!(cell(&page, "孙悦", "今日主要发布平台"), "快手");
    assert_eq!(cell(&page, "孙悦", "挂车成交金额"), "不适用");
    assert_eq!(cell(&page, "孙悦", "今天是否有切片被判违规或疑似限流"), "是");

    page.emulate_media("print");
    let shown = page.eval_json(
        "['.collect-tools', '.collect-pickers', '.site-header', '.collect-table', '.collect-caption'].map(s => getComputedStyle(document.querySelector(s)).display !== 'none')",
    );
    assert_eq!(shown, json!([false, false, false, true, true]));
    page.emulate_media("screen");

    // A browser with BarcodeDetector (Chrome on Android) gets the camera button.
    let with_camera = browser.page();
    with_camera.add_init_script("window.BarcodeDetector = class { detect() { return Promise.resolve([]); } };");
    with_camera.goto(&site.url("collect.html"));
    with_camera.wait_true("collect.js", "!!window.lecternCollect");
    assert_eq!(
        with_camera.eval_json("document.querySelector('.collect-camera').hidden"),
        json!(false)
    );
    page.assert_no_problems();
}

#[test]
fn quiz_results_are_a_table_of_their_own_with_changed_quizzes_marked() {
    let f = Fixture::new("good");
    f.write(
        "content/lessons/01-基础/02-next.md",
        "---\ntitle: 第二课\n---\n## 小测验\n\n> [!QUIZ] 直播间的 GMV 指什么？\n> - [ ] 观看人数\n> - [x] 成交总额\n",
    );
    f.build_ok(&[]);
    let browser = Browser::launch();
    let page = collect_page(&browser, &file_url(&f.out().join("collect.html")));
    let set = page.eval_json("JSON.parse(document.getElementById('collect-data').textContent).quizzes");
    assert_eq!(set[0]["id"], json!("01-基础/02-next"));
    let quiz = |name: &str, version: &Value, score: u32| {
        json!({ "kind": "quiz", "id": "01-基础/02-next", "version": version, "period": PERIOD, "name": name,
                "team": TEAM, "created": "2024-11-21T10:00:00.000Z",
                "values": { "score": score, "total": 1, "passed": score == 1 } })
    };
    let texts = made_in_page(
        &page,
        "encode",
        &[
            quiz("王芳", &set[0]["version"], 1),
            quiz("李娜", &json!("0123456789ab"), 0),
        ],
    );
    paste(&page, &texts.join("\n"));
    assert_eq!(
        page.eval_json("document.querySelector('.collect-view').value"),
        json!("quiz")
    );
    assert_eq!(cell(&page, "王芳", "得分"), "1/1");
    assert_eq!(cell(&page, "王芳", "通过"), "是");
    assert_eq!(cell(&page, "李娜", "通过"), "否");
    assert_eq!(cell(&page, "李娜", "姓名"), "李娜旧版本");
    assert_no_dialogs(&page);
}

#[test]
fn a_record_in_three_parts_opened_one_by_one_is_joined() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = collect_page(&browser, &site.url("collect.html"));
    let encoded = made_in_page(&page, "encode", &team_of_eight()[..1]).remove(0);
    let parts: Vec<String> =
        serde_json::from_value(page.eval_json(&format!("lectern.record.split({}, 250)", json!(encoded)))).unwrap();
    assert_eq!(parts.len(), 3, "{parts:?}");
    // Each QR code scanned opens the page anew: the parts wait in storage for the rest.
    // (A new fragment on the open page is a `hashchange`, not a load: wait for the message.)
    let open_and_see = |part: &str, message: &str| {
        page.goto(&format!("{}#{part}", site.url("collect.html")));
        page.wait_true(
            message,
            &format!(
                "document.querySelector('.collect-messages').textContent === {}",
                json!(message)
            ),
        );
    };
    open_and_see(&parts[2], "分段记录还差几段：已收到 1/3。");
    open_and_see(&parts[0], "分段记录还差几段：已收到 2/3。");
    assert_eq!(page.eval_json("lecternCollect.records().length"), json!(0));
    open_and_see(&parts[1], "已添加 1 条记录。");
    assert_eq!(cell(&page, "王芳", "今日发布切片总数（各平台合计）"), "12 条");
    assert_no_dialogs(&page);
}
