//! What the collation page's browser tests share (`tests/browser_collect*.rs`): the
//! sample built once per test, the page opened with dialogs recorded, a team's daily
//! reports made with record.js in the page, and the table read back as text.
#![allow(dead_code)] // each test binary uses a different subset

use crate::common::browser::{Browser, Page};
use crate::common::{build_sample, file_url};
use serde_json::{json, Value};

pub const PERIOD: &str = "2024-11-21";
pub const TEAM: &str = "切片二组";

/// Every dialog a page opens is recorded instead of shown, so a test can require none.
pub const NO_DIALOGS: &str = r#"window.__dialogs = [];
["alert", "confirm", "prompt"].forEach(n => { window[n] = (m) => { window.__dialogs.push(n + ": " + m); return false; }; });"#;

pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn build() -> Site {
        let dir = tempfile::tempdir().unwrap();
        build_sample(dir.path());
        Site { dir }
    }

    pub fn url(&self, rel: &str) -> String {
        file_url(&self.dir.path().join(rel))
    }
}

pub fn collect_page(browser: &Browser, url: &str) -> Page {
    let page = browser.page();
    page.add_init_script(NO_DIALOGS);
    page.goto(url);
    page.wait_true("collect.js to start", "!!window.lecternCollect");
    page
}

/// One learner's daily report (sample SOP `daily-report`, version 1.1), as sop.js keeps it.
pub fn daily_report(name: &str, published: u32, platform: &str, fans: i32, issue: &str) -> Value {
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

pub fn team_of_eight() -> Vec<Value> {
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
pub fn made_in_page(page: &Page, how: &str, records: &[Value]) -> Vec<String> {
    let js = format!(
        "({}).map(r => lectern.record.{how}(Object.assign({{ programme: document.body.dataset.site }}, r)))",
        Value::Array(records.to_vec())
    );
    serde_json::from_value(page.eval_json(&js)).unwrap()
}

/// The table as text: header cells, then each row's cells (badges included).
pub fn table(page: &Page) -> (Vec<String>, Vec<Vec<String>>) {
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

pub fn cell(page: &Page, name: &str, column: &str) -> String {
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

pub fn messages(page: &Page) -> String {
    page.text(".collect-messages")
}

pub fn paste(page: &Page, text: &str) {
    page.eval_json(&format!(
        "document.getElementById('collect-paste').value = {}",
        json!(text)
    ));
    page.click(".collect-paste-add");
}

pub fn assert_no_dialogs(page: &Page) {
    assert_eq!(page.eval_json("window.__dialogs"), json!([]));
    page.assert_no_problems();
}

/// With `LECTERN_DOC_SHOTS=DIR`, save the viewport as `DIR/NAME.png` after scrolling
/// `selector` to the top: the screenshots in docs/team-leaders.md come from the tested run
/// (`LECTERN_DOC_SHOTS=docs/images cargo test --test browser_collect eight_learners`).
pub fn doc_shot(page: &Page, name: &str, selector: &str) {
    let Ok(dir) = std::env::var("LECTERN_DOC_SHOTS") else {
        return;
    };
    page.set_viewport(1280, 720);
    page.eval_json(&format!("document.querySelector({}).scrollIntoView()", json!(selector)));
    page.screenshot_png(&std::path::Path::new(&dir).join(format!("{name}.png")));
}
