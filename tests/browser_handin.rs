//! Handing work to the team leader (handin.js) in real headless Chromium over file://: the
//! sample's daily report run and a quiz result become a record, shown as QR codes that a
//! decoder sharing no code with the page (`rqrr`) reads back, as a file and as text.

#[path = "common/axe.rs"]
#[allow(dead_code)] // axe_version is for a11y.rs's report
mod axe;
mod common;

use std::path::Path;

use common::browser::{Browser, Page};
use common::fixture::copy_dir;
use common::qr::scan;
use common::static_server::StaticServer;
use common::{build_sample, file_url, lectern_bin, repo_root};
use serde_json::{json, Value};

/// Keeps what the page downloads (the Blob behind a `download` link, and the file name)
/// and every `alert`, so a test can read them.
const WATCH: &str = r#"(() => {
  window.__downloads = [];
  window.__alerts = 0;
  window.alert = () => { window.__alerts++; };
  const click = HTMLAnchorElement.prototype.click;
  const blobs = new Map(), makeUrl = URL.createObjectURL;
  URL.createObjectURL = (blob) => { const u = makeUrl(blob); blobs.set(u, blob); return u; };
  HTMLAnchorElement.prototype.click = function () {
    if (this.download) { window.__downloads.push({ name: this.download, blob: blobs.get(this.href) }); return; }
    return click.call(this);
  };
})();"#;

const HOSTILE_NAME: &str = "<img src=x onerror=alert(1)>";

/// The sample built into a temporary folder; with `base_url` set when given.
fn sample_site(base_url: Option<&str>) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let Some(base) = base_url else {
        build_sample(out.path());
        return out;
    };
    let root = out.path().join("programme");
    for part in ["content", "assets"] {
        copy_dir(&repo_root().join(part), &root.join(part));
    }
    let config = std::fs::read_to_string(repo_root().join("lectern.yaml")).unwrap();
    std::fs::write(root.join("lectern.yaml"), format!("{config}base_url: {base}\n")).unwrap();
    let status = std::process::Command::new(lectern_bin())
        .args([
            "--root".as_ref(),
            root.as_os_str(),
            "build".as_ref(),
            "--no-decks".as_ref(),
            "--out".as_ref(),
        ])
        .arg(out.path().join("site"))
        .status()
        .unwrap();
    assert!(status.success());
    out
}

fn site_page(browser: &Browser, dir: &Path, rel: &str) -> Page {
    let page = browser.page();
    page.add_init_script(WATCH);
    let built = if dir.join("site").is_dir() {
        dir.join("site")
    } else {
        dir.to_path_buf()
    };
    page.goto(&file_url(&built.join(rel)));
    page
}

/// Tick part of today's daily report: a number, a choice, a "no", a step not applicable.
fn fill_daily_report(page: &Page) {
    page.click(r#"input[name="s1-2"][value="抖音"]"#);
    page.click(r#"input[name="s1-1"]"#);
    page.type_text("12");
    page.click(r#"input[name="s3-1"][value="no"]"#);
    page.click(r#"input[data-na="s4-1"]"#);
}

/// Open the dialog from `button`; on a first hand-in, answer name and team.
fn hand_in(page: &Page, button: &str, who: Option<(&str, &str)>) {
    page.click(button);
    page.wait_true(
        "the hand-in dialog to open",
        "!!document.querySelector('dialog.handin-dialog[open]')",
    );
    if let Some((name, team)) = who {
        page.wait_true("the name to be asked", "document.activeElement.name === 'name'");
        page.type_text(name);
        page.click(".handin-who input[name=team]");
        page.type_text(team);
        page.click(".handin-who button[type=submit]");
    }
    page.wait_for(".handin-codes svg.qr");
}

/// What every QR code in the dialog holds, scanned in order.
fn scanned_texts(page: &Page) -> Vec<String> {
    let n = page.count(".handin-codes svg.qr");
    (0..n)
        .map(|i| scan(page, &format!("document.querySelectorAll('.handin-codes svg.qr')[{i}]")).text())
        .collect()
}

/// What the system clipboard holds, read by the page once the browser allows it.
fn read_clipboard(page: &Page) -> String {
    use headless_chrome::protocol::cdp::Browser::{GrantPermissions, PermissionType};
    page.raw()
        .call_method(GrantPermissions {
            permissions: vec![PermissionType::ClipboardReadWrite],
            origin: None,
            browser_context_id: None,
        })
        .expect("clipboard permission");
    page.eval_json("navigator.clipboard.readText()")
        .as_str()
        .unwrap()
        .to_string()
}

/// `lectern.record.decode(text)` in the page.
fn decode_in_page(page: &Page, text: &str) -> Value {
    page.eval_json(&format!(
        "lectern.record.decode({})",
        serde_json::to_string(text).unwrap()
    ))
}

#[test]
fn a_daily_report_handed_in_scans_back_to_the_same_record_and_names_stay_text() {
    let site = sample_site(None);
    let browser = Browser::launch();
    let page = site_page(&browser, site.path(), "sops/daily-report.html");
    fill_daily_report(&page);
    hand_in(
        &page,
        r#"[data-action="hand-in"]"#,
        Some((HOSTILE_NAME, "二组 <b>B</b>")),
    );

    let texts = scanned_texts(&page);
    assert_eq!(texts.len(), 1, "a daily report fits one QR code");
    assert!(
        texts[0].starts_with("LR1."),
        "without base_url the code is the bare record: {}",
        texts[0]
    );
    let decoded = decode_in_page(&page, &texts[0]);
    assert_eq!(decoded["ok"], json!(true), "{decoded}");
    let record = &decoded["record"];
    let period = page.eval_json("lecternSop.period()");
    assert_eq!(record["programme"], json!("直播切片 KOC 培养项目"));
    assert_eq!(
        [&record["kind"], &record["id"], &record["version"], &record["period"]],
        [&json!("sop"), &json!("daily-report"), &json!("1.1"), &period]
    );
    assert_eq!(
        [&record["name"], &record["team"]],
        [&json!(HOSTILE_NAME), &json!("二组 <b>B</b>")]
    );
    assert_eq!(
        record["values"]["s"],
        json!({"s1-1": "12", "s1-2": "抖音", "s3-1": "no"})
    );
    assert_eq!(record["values"]["na"], json!(["s4-1"]));

    // The name is text in the summary, the QR title and the text to copy: no element made.
    assert_eq!(page.count("dialog img, dialog b"), 0);
    let summary = page.text(".handin-summary");
    assert!(
        summary.starts_with(HOSTILE_NAME) && summary.contains("每日工作日报") && summary.contains("完成 4/8"),
        "{summary}"
    );
    let copied = page.eval_json("document.querySelector('.handin-text').value");
    let copied = copied.as_str().unwrap();
    assert_eq!(
        copied.lines().collect::<Vec<_>>(),
        [summary.as_str(), texts[0].as_str()]
    );
    page.click(r#"[data-handin="copy"]"#);
    page.wait_true(
        "the copy to be confirmed",
        "document.querySelector('.handin-status').textContent !== ''",
    );
    assert_eq!(page.text(".handin-status"), "已复制，可以粘贴到聊天里发给组长。");
    assert_eq!(read_clipboard(&page), copied);

    // The file, under a name with nothing a file system would refuse, decodes the same.
    page.click(r#"[data-handin="download"]"#);
    let file = page.eval_json("Promise.all(__downloads.map(async d => [d.name, await d.blob.text()]))");
    let expected_name = format!(
        "daily-report-{}-_img src=x onerror=alert(1)_.json",
        period.as_str().unwrap()
    );
    assert_eq!(file[0][0], json!(expected_name));
    let from_file = decode_in_page(&page, file[0][1].as_str().unwrap());
    assert_eq!(from_file["record"], *record);
    assert_eq!(page.eval_json("__alerts"), json!(0));
    page.assert_no_problems();
}

#[test]
fn the_dialog_is_keyboard_friendly_remembers_the_learner_and_fits_a_phone() {
    let site = sample_site(None);
    let browser = Browser::launch();
    let page = site_page(&browser, site.path(), "sops/daily-report.html");
    page.set_viewport(375, 700);
    hand_in(&page, r#"[data-action="hand-in"]"#, Some(("王小明", "一组")));
    assert_eq!(
        page.eval_json("document.activeElement.dataset.handin"),
        json!("download")
    );
    let fits = page.eval_json(
        "(() => { const d = document.querySelector('dialog.handin-dialog').getBoundingClientRect();
                  const q = document.querySelector('.handin-codes svg.qr').getBoundingClientRect();
                  return [d.left >= 0 && d.right <= innerWidth, document.documentElement.scrollWidth <= innerWidth, q.width >= 250]; })()",
    );
    assert_eq!(
        fits,
        json!([true, true, true]),
        "dialog inside a 375 px screen, QR at least 250 px wide"
    );
    page.press_key("Escape");
    page.wait_true(
        "Esc to close the dialog",
        "!document.querySelector('dialog.handin-dialog').open",
    );
    assert_eq!(
        page.eval_json("document.activeElement.dataset.action"),
        json!("hand-in"),
        "focus goes back"
    );

    // Next visit: no questions; the name can still be changed.
    page.goto(&page.url());
    hand_in(&page, r#"[data-action="hand-in"]"#, None);
    assert!(page.text(".handin-summary").starts_with("王小明（一组）"));
    page.click(r#"[data-handin="who"]"#);
    assert_eq!(
        page.eval_json("[document.activeElement.name, document.activeElement.value]"),
        json!(["name", "王小明"])
    );
    page.assert_no_problems();
}

#[test]
fn with_base_url_the_code_opens_the_leaders_page_with_the_record_in_the_fragment() {
    let site = sample_site(Some("https://peixun.example.com/koc/"));
    let browser = Browser::launch();
    let page = site_page(&browser, site.path(), "sops/daily-report.html");
    fill_daily_report(&page);
    hand_in(&page, r#"[data-action="hand-in"]"#, Some(("李雷", "三组")));
    let texts = scanned_texts(&page);
    assert_eq!(texts.len(), 1);
    assert!(
        texts[0].starts_with("https://peixun.example.com/koc/collect.html#LR1."),
        "{}",
        texts[0]
    );
    let decoded = decode_in_page(&page, &texts[0]);
    assert_eq!(
        [&decoded["record"]["name"], &decoded["record"]["id"]],
        [&json!("李雷"), &json!("daily-report")]
    );
    // The site's own links stay relative: file:// keeps working.
    assert_eq!(
        page.eval_json("document.querySelector('.site-title').getAttribute('href')"),
        json!("../index.html")
    );
    page.assert_no_problems();

    // The leader's phone opens the scanned URL: here the same page of the built site.
    let leader = browser.page();
    let collect = file_url(&site.path().join("site/collect.html"));
    leader.goto(&texts[0].replacen("https://peixun.example.com/koc/collect.html", &collect, 1));
    leader.wait_true(
        "the scanned record in the leader's table",
        "[...document.querySelectorAll('.collect-table tbody tr')].some(tr => tr.cells[0].textContent.startsWith('李雷'))",
    );
    assert_eq!(
        leader.eval_json("[location.hash, document.querySelector('.collect-table tbody').rows.length]"),
        json!(["", 1]),
        "one record added, the fragment cleared"
    );
    leader.assert_no_problems();
}

/// Sets a text step to `text` the way typing would (sop.js saves on `input`).
fn set_text_step(page: &Page, step: &str, text: &str) {
    page.eval_json(&format!(
        "(() => {{ const t = document.querySelector('textarea[name=\"{step}\"]'); t.value = {};
                   t.dispatchEvent(new Event('input', {{ bubbles: true }})); }})()",
        serde_json::to_string(text).unwrap()
    ));
}

#[test]
fn a_long_record_splits_into_numbered_codes_that_join_and_a_huge_one_is_a_file() {
    let site = sample_site(None);
    let browser = Browser::launch();
    let page = site_page(&browser, site.path(), "sops/daily-report.html");
    let review = "今天复盘：开头 3 秒的钩子不够强，完播率只有 18%，明天试试先放高潮片段再讲 GMV 数据。".repeat(8);
    set_text_step(&page, "s1-3", &review);
    hand_in(&page, r#"[data-action="hand-in"]"#, Some(("韩梅梅", "二组")));

    let texts = scanned_texts(&page);
    let n = texts.len();
    assert!((2..=6).contains(&n), "split into a few codes, got {n}");
    let captions = page.eval_json("[...document.querySelectorAll('.handin-codes figcaption')].map(c => c.textContent)");
    let expected: Vec<String> = (1..=n).map(|i| format!("{i}/{n}")).collect();
    assert_eq!(captions, json!(expected));
    assert!(
        texts.iter().all(|t| t.len() <= 900),
        "each code holds at most 900 bytes"
    );
    // Scanned in any order, the parts make the record again.
    let mut shuffled = texts.clone();
    shuffled.reverse();
    let joined = page.eval_json(&format!(
        "lectern.record.join({})",
        serde_json::to_string(&shuffled).unwrap()
    ));
    assert_eq!(joined["records"].as_array().unwrap().len(), 1, "{joined}");
    let decoded = decode_in_page(&page, joined["records"][0].as_str().unwrap());
    assert_eq!(decoded["record"]["values"]["s"]["s1-3"], json!(review));

    // Far too long for scanning: no codes, the file instead.
    page.press_key("Escape");
    set_text_step(&page, "s1-3", &review.repeat(6));
    hand_in_without_codes(&page);
    assert_eq!(page.count(".handin-codes svg"), 0);
    assert!(page.text(".handin-hint").contains("下载文件"));
    page.click(r#"[data-handin="download"]"#);
    let text = page.eval_json("__downloads[0].blob.text()");
    let decoded = decode_in_page(&page, text.as_str().unwrap());
    assert_eq!(decoded["record"]["values"]["s"]["s1-3"], json!(review.repeat(6)));
    page.assert_no_problems();
}

fn hand_in_without_codes(page: &Page) {
    page.click(r#"[data-action="hand-in"]"#);
    page.wait_true(
        "the dialog to show the record",
        "!document.querySelector('.handin-result').hidden && document.querySelector('dialog.handin-dialog').open",
    );
}

#[test]
fn a_quiz_result_is_handed_in_through_the_shared_store_and_event() {
    let site = sample_site(None);
    let browser = Browser::launch();
    let page = site_page(&browser, site.path(), "lessons/04-operations/02-daily-report.html");
    let set = "04-operations/02-daily-report";
    // What the quiz engineer's page carries and quiz.js stores and announces (the contract).
    let answer = |version: &str| {
        format!(
            r#"(() => {{
              let s = document.querySelector('[data-quiz-set]');
              if (!s) {{ s = document.createElement('section'); s.dataset.quizSet = "{set}"; s.dataset.pass = "0.8";
                        document.querySelector('main').appendChild(s); }}
              s.dataset.version = "v7";
              const result = {{ version: "{version}", answers: {{}}, score: 4, total: 5, passed: true, at: new Date().toISOString() }};
              localStorage.setItem("lectern:" + document.body.dataset.site + ":quiz:{set}", JSON.stringify(result));
              document.dispatchEvent(new CustomEvent("lectern:quiz", {{ detail: Object.assign({{ setId: "{set}" }}, result) }}));
            }})()"#
        )
    };
    // A result for an older version of the quiz is not offered.
    page.eval_json(&answer("v6"));
    page.eval_json("new Promise(r => setTimeout(r, 300))");
    assert_eq!(page.count("[data-quiz-set] .handin-button"), 0);

    page.eval_json(&answer("v7"));
    hand_in(
        &page,
        "[data-quiz-set] .handin-button",
        Some(("Lucy 陈 $& {team}", "一组")),
    );
    let texts = scanned_texts(&page);
    let record = decode_in_page(&page, &texts[0])["record"].clone();
    assert_eq!(
        [&record["kind"], &record["id"], &record["version"], &record["name"]],
        [&json!("quiz"), &json!(set), &json!("v7"), &json!("Lucy 陈 $& {team}")]
    );
    assert_eq!(record["values"], json!({"score": 4, "total": 5, "passed": true}));
    let summary = page.text(".handin-summary");
    assert!(summary.starts_with("Lucy 陈 $& {team}（一组） · "), "{summary}");
    assert!(summary.ends_with("得分 4/5 通过"), "{summary}");

    // Back on the page later: a set in the page from the start offers its stored result.
    page.add_init_script(&format!(
        r#"new MutationObserver((_, observer) => {{
             const main = document.querySelector('main');
             if (!main) return;
             observer.disconnect();
             const s = document.createElement('section');
             s.dataset.quizSet = "{set}"; s.dataset.version = "v7"; s.dataset.pass = "0.8";
             main.appendChild(s);
           }}).observe(document, {{ childList: true, subtree: true }});"#
    ));
    page.goto(&page.url());
    page.wait_for("[data-quiz-set] .handin-button");
    hand_in(&page, "[data-quiz-set] .handin-button", None);
    let texts = scanned_texts(&page);
    assert_eq!(decode_in_page(&page, &texts[0])["record"]["values"]["score"], json!(4));
    page.assert_no_problems();
}

#[test]
fn over_http_the_open_dialog_passes_axe_and_its_code_scans() {
    let site = sample_site(None);
    // Over http: axe reads the stylesheets with XHR, which file:// pages may not.
    let server = StaticServer::start(site.path());
    let browser = Browser::launch();
    let page = browser.page();
    page.goto(&format!("{}sops/daily-report.html", server.url));
    hand_in(&page, r#"[data-action="hand-in"]"#, Some(("王小明", "一组")));
    let violations = axe::run(&page, &axe::axe_source());
    let serious = violations.iter().filter(|v| v.is_serious()).count();
    assert_eq!(serious, 0, "{}", axe::describe("hand-in dialog", &violations));
    let texts = scanned_texts(&page);
    assert_eq!(decode_in_page(&page, &texts[0])["record"]["name"], json!("王小明"));
    page.assert_no_problems();
}
