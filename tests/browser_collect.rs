//! The team leader's collation page (`collect.html`) in real headless Chromium: a team of
//! 8 hands in the sample's daily report as files, by the address fragment and by paste;
//! the table, the missing member, CSV, duplicates, older versions, records of another
//! programme, and hostile records, with no dialog and no console error.

mod common;

use common::browser::{Browser, Page};
use common::fixture::Fixture;
use common::static_server::StaticServer;
use common::{build_sample, file_url};
use serde_json::{json, Value};

const PERIOD: &str = "2024-11-21";
const TEAM: &str = "切片二组";

/// Every dialog a page opens is recorded instead of shown, so a test can require none.
const NO_DIALOGS: &str = r#"window.__dialogs = [];
["alert", "confirm", "prompt"].forEach(n => { window[n] = (m) => { window.__dialogs.push(n + ": " + m); return false; }; });"#;

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn build() -> Site {
        let dir = tempfile::tempdir().unwrap();
        build_sample(dir.path());
        Site { dir }
    }

    fn url(&self, rel: &str) -> String {
        file_url(&self.dir.path().join(rel))
    }
}

fn collect_page(browser: &Browser, url: &str) -> Page {
    let page = browser.page();
    page.add_init_script(NO_DIALOGS);
    page.goto(url);
    page.wait_true("collect.js to start", "!!window.lecternCollect");
    page
}

/// One learner's daily report (sample SOP `daily-report`, version 1.1), as sop.js keeps it.
fn daily_report(name: &str, published: u32, platform: &str, fans: i32, issue: &str) -> Value {
    json!({
        "kind": "sop", "id": "daily-report", "version": "1.1", "period": PERIOD,
        "name": name, "team": TEAM, "created": "2024-11-21T22:10:00.000Z",
        "values": {
            "s": {
                "s1-1": published.to_string(), "s1-2": platform,
                "s1-3": format!("《3 秒钩子：主播试色翻车》{platform}"),
                "s2-1": "35800", "s2-2": fans.to_string(), "s2-3": "1280",
                "s3-1": "no", "s4-1": "做对：前 3 秒放冲突画面；要改：字幕太密", "s4-2": issue,
                "s4-4": "明天 15 条，抖音 10 条、快手 5 条，素材 01:12:30 起"
            },
            "na": if name == "李娜" { json!(["s2-3"]) } else { json!([]) },
            "f": { "date": PERIOD, "account": format!("@{name}切片"), "name": name }
        }
    })
}

fn team_of_eight() -> Vec<Value> {
    vec![
        daily_report("王芳", 12, "抖音", 126, "=1+1"),
        daily_report("李娜", 8, "快手", 40, ""),
        daily_report("张伟", 15, "抖音", -3, "有一条被判搬运，已申诉"),
        daily_report("刘洋", 10, "小红书", 58, ""),
        daily_report("陈静", 9, "视频号", 22, ""),
        daily_report("杨帆", 11, "B站", 31, ""),
        daily_report("赵磊", 14, "抖音", 77, "剪映导出卡在 99%"),
        daily_report("黄婷", 7, "淘宝直播", 12, ""),
    ]
}

/// `lectern.record.<how>` of each record, made in the page with this site's programme.
fn made_in_page(page: &Page, how: &str, records: &[Value]) -> Vec<String> {
    let js = format!(
        "({}).map(r => lectern.record.{how}(Object.assign({{ programme: document.body.dataset.site }}, r)))",
        Value::Array(records.to_vec())
    );
    serde_json::from_value(page.eval_json(&js)).unwrap()
}

/// The table as text: header cells, then each row's cells (badges included).
fn table(page: &Page) -> (Vec<String>, Vec<Vec<String>>) {
    let v = page.eval_json(
        r#"(() => {
  const t = document.querySelector('.collect-table');
  if (!t) return [[], []];
  const cells = tr => [...tr.children].map(c => c.textContent);
  return [cells(t.tHead.rows[0]), [...t.tBodies[0].rows].map(cells)];
})()"#,
    );
    serde_json::from_value(v).unwrap()
}

fn cell(page: &Page, name: &str, column: &str) -> String {
    let (head, rows) = table(page);
    let col = head
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column {column:?} in {head:?}"));
    let row = rows
        .iter()
        .find(|r| r[0].starts_with(name))
        .unwrap_or_else(|| panic!("no row for {name} in {rows:?}"));
    row[col].clone()
}

fn messages(page: &Page) -> String {
    page.text(".collect-messages")
}

fn paste(page: &Page, text: &str) {
    page.eval_json(&format!(
        "document.getElementById('collect-paste').value = {}",
        json!(text)
    ));
    page.click(".collect-paste-add");
}

fn assert_no_dialogs(page: &Page) {
    assert_eq!(page.eval_json("window.__dialogs"), json!([]));
    page.assert_no_problems();
}

#[test]
fn eight_learners_files_make_the_table_and_the_team_list_marks_the_one_missing() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = collect_page(&browser, &site.url("collect.html"));
    let files = tempfile::tempdir().unwrap();
    let paths: Vec<String> = made_in_page(&page, "toFile", &team_of_eight())
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let path = files.path().join(format!("daily-report-{PERIOD}-{i}.json"));
            std::fs::write(&path, text).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();
    let input = page.raw().find_element(".collect-files").unwrap();
    input
        .set_input_files(&paths.iter().map(String::as_str).collect::<Vec<_>>())
        .unwrap();
    page.wait_true(
        "8 rows",
        "document.querySelectorAll('.collect-table tbody tr').length === 8",
    );

    assert!(messages(&page).contains("已添加 8 条记录"), "{}", messages(&page));
    assert_eq!(page.text(".collect-caption"), format!("每日工作日报 · {PERIOD}"));
    assert_eq!(cell(&page, "王芳", "今日发布切片总数（各平台合计）"), "12 条");
    assert_eq!(cell(&page, "张伟", "今日新增粉丝"), "-3 人");
    assert_eq!(cell(&page, "刘洋", "今日主要发布平台"), "小红书");
    assert_eq!(cell(&page, "李娜", "挂车成交金额"), "不适用");
    assert_eq!(cell(&page, "陈静", "今天是否有切片被判违规或疑似限流"), "否");
    assert_eq!(cell(&page, "黄婷", "账号"), "@黄婷切片");
    assert_eq!(cell(&page, "赵磊", "小组"), TEAM);

    // The team list, entered once: 9 names, one of whom handed nothing in.
    page.eval_json("document.getElementById('collect-team-names').value = '王芳\\n李娜\\n张伟\\n刘洋\\n陈静\\n杨帆\\n赵磊\\n黄婷\\n周杰\\n'");
    page.click(".collect-team-save");
    page.wait_true(
        "9 rows",
        "document.querySelectorAll('.collect-table tbody tr').length === 9",
    );
    assert_eq!(
        page.eval_json("[...document.querySelectorAll('.collect-table tr.is-missing th')].map(c => c.textContent)"),
        json!(["周杰"])
    );
    assert_eq!(page.text(".collect-missing"), "未交 1 人：周杰");

    // Kept across a reload: the records and the team list.
    page.goto(&site.url("collect.html"));
    page.wait_true(
        "9 rows again",
        "document.querySelectorAll('.collect-table tbody tr').length === 9",
    );
    assert_eq!(
        page.eval_json("document.getElementById('collect-team-names').value.split('\\n').length"),
        json!(9)
    );

    let csv = page.eval_json("lecternCollect.csv()").as_str().unwrap().to_string();
    assert!(csv.starts_with('\u{feff}'), "CSV without a BOM");
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 10, "{csv}");
    assert!(
        lines[0].contains("\"今日发布切片总数（各平台合计）（条）\""),
        "{}",
        lines[0]
    );
    let wang = lines.iter().find(|l| l.starts_with("\"王芳\"")).unwrap();
    assert!(wang.contains("\"'=1+1\""), "formula not guarded: {wang}");
    assert!(wang.contains("\"12\""), "{wang}");
    assert!(lines.iter().any(|l| l.starts_with("\"周杰\",\"\",\"未交\"")), "{csv}");
    assert_no_dialogs(&page);
}

#[test]
fn a_record_in_the_address_fragment_is_added_once_and_the_fragment_cleared_over_http() {
    let site = Site::build();
    let server = StaticServer::start(site.dir.path());
    let browser = Browser::launch();
    let page = collect_page(&browser, &format!("{}collect.html", server.url));
    let encoded = made_in_page(&page, "encode", &team_of_eight()[..1]).remove(0);
    page.goto(&format!("{}collect.html#{encoded}", server.url));
    page.wait_true(
        "the row",
        "document.querySelectorAll('.collect-table tbody tr').length === 1",
    );
    assert_eq!(cell(&page, "王芳", "今日主要发布平台"), "抖音");
    assert_eq!(page.url(), format!("{}collect.html", server.url));
    page.goto(&page.url());
    page.wait_true("collect.js", "!!window.lecternCollect");
    assert_eq!(page.eval_json("lecternCollect.records().length"), json!(1));
    assert_eq!(messages(&page), "", "a reload must add nothing");
    assert_no_dialogs(&page);
}

#[test]
fn duplicates_replace_older_versions_get_a_badge_and_other_programmes_stay_apart() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = collect_page(&browser, &site.url("collect.html"));
    let mut first = daily_report("王芳", 12, "抖音", 126, "");
    let mut newer = daily_report("王芳", 13, "抖音", 126, "");
    newer["created"] = json!("2024-11-21T23:30:00.000Z");
    let mut older = daily_report("王芳", 5, "抖音", 126, "");
    older["created"] = json!("2024-11-21T08:00:00.000Z");
    let mut stale = daily_report("李娜", 8, "快手", 40, "");
    stale["version"] = json!("1.0");
    let mut unknown_version = daily_report("张伟", 15, "抖音", 3, "");
    unknown_version["version"] = json!("0.7");
    let mut unknown_sop = daily_report("刘洋", 10, "小红书", 58, "");
    unknown_sop["id"] = json!("weekly-review");
    first["created"] = json!("2024-11-21T22:10:00.000Z");
    let texts = made_in_page(&page, "encode", &[first, stale, unknown_version, unknown_sop]);
    let other = page
        .eval_json(&format!(
            "lectern.record.encode(Object.assign({}, {{ programme: '抖音电商运营营' }}))",
            daily_report("陈静", 9, "视频号", 22, "")
        ))
        .as_str()
        .unwrap()
        .to_string();

    // One paste: chat messages around the records, as a leader copies them.
    paste(
        &page,
        &format!(
            "王芳 22:10\n{}\n李娜：\n{}\n{}\n{}\n陈静：{other}",
            texts[0], texts[1], texts[2], texts[3]
        ),
    );
    assert!(messages(&page).contains("已添加 5 条记录"), "{}", messages(&page));
    let (_, rows) = table(&page);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        cell(&page, "李娜", "今日发布切片总数（各平台合计）"),
        "8 条",
        "older version mapped by step id"
    );
    assert_eq!(page.eval_json("[...document.querySelectorAll('.collect-table .badge-stale')].map(b => b.closest('tr').firstChild.firstChild.textContent)"), json!(["李娜"]));
    assert_eq!(
        page.text(".collect-other"),
        "陈静 · 切片二组 · 抖音电商运营营 · sop:daily-report · 版本 1.1 · 2024-11-21"
    );
    let unknown = page.text(".collect-unknown");
    assert!(unknown.contains("张伟") && unknown.contains("未知版本"), "{unknown}");
    assert!(
        unknown.contains("刘洋") && unknown.contains("sop:weekly-review") && unknown.contains("未知表单"),
        "{unknown}"
    );

    paste(&page, &made_in_page(&page, "encode", &[newer]).remove(0));
    assert_eq!(
        messages(&page),
        "王芳（daily-report · 2024-11-21）：已替换较旧的一条 (replaced older)。"
    );
    assert_eq!(cell(&page, "王芳", "今日发布切片总数（各平台合计）"), "13 条");
    paste(&page, &made_in_page(&page, "encode", &[older]).remove(0));
    assert!(messages(&page).contains("已有更新的一条"), "{}", messages(&page));
    assert_eq!(cell(&page, "王芳", "今日发布切片总数（各平台合计）"), "13 条");
    assert_eq!(page.eval_json("lecternCollect.records().length"), json!(5));
    assert_no_dialogs(&page);
}

#[test]
fn hostile_records_show_as_text_or_are_refused_with_no_dialog_and_no_error() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = collect_page(&browser, &site.url("collect.html"));
    let script_name = "<script>alert(1)</script>";
    let img_name = "<img src=x onerror=alert(1)>";
    let mut huge = daily_report("吴昊", 9, "抖音", 1, "");
    huge["values"]["s"]["s4-1"] = json!("长".repeat(40 * 1024));
    let texts = made_in_page(
        &page,
        "encode",
        &[
            daily_report(script_name, 3, "抖音", 1, img_name),
            daily_report(img_name, 4, "<b>快手</b>", 2, ""),
            huge,
            daily_report("郑爽", 6, "抖音", 1, ""),
        ],
    );
    // A checksum that does not match: the last hex digit changed.
    let mut broken = texts[3].clone();
    let last = broken.pop().unwrap();
    broken.push(if last == '0' { '1' } else { '0' });

    paste(&page, &texts[0]);
    paste(&page, &texts[1]);
    assert_eq!(cell(&page, script_name, "问题与求助"), img_name);
    assert_eq!(cell(&page, img_name, "今日主要发布平台"), "<b>快手</b>");
    assert_eq!(
        page.count(".collect-table img, .collect-table b, .collect-table script"),
        0
    );

    paste(&page, &texts[2]);
    assert_eq!(messages(&page), "记录过长，未保存。");
    paste(&page, &broken);
    assert_eq!(
        messages(&page),
        "校验失败（checksum）：记录不完整或被改动过，未保存。请学员重新发送。"
    );
    paste(&page, "LR1.这不是记录");
    assert_eq!(messages(&page), "没有找到可读的记录（应以 LR1. 开头），未保存。");
    assert_eq!(
        page.eval_json("lecternCollect.records().map(r => r.name)"),
        json!([script_name, img_name])
    );
    assert_no_dialogs(&page);
}

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
