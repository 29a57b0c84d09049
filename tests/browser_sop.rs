//! SOP checklists, role pages and the Q&A center in real headless Chromium over file://,
//! the way people use them from a USB stick every day.

mod common;

use common::browser::{Browser, Page, PrintOptions};
use common::{build_sample, file_url, pdf_page_sizes};
use serde_json::json;

/// Makes `new Date()` start at the time given as `?now=…` in the page URL.
const FAKE_CLOCK: &str = r#"(() => {
  const m = /[?&]now=([^&#]+)/.exec(location.search);
  if (!m) return;
  const Real = Date, offset = new Real(decodeURIComponent(m[1])).getTime() - Real.now();
  function FakeDate(...args) { return args.length ? new Real(...args) : new Real(Real.now() + offset); }
  FakeDate.prototype = Real.prototype;
  FakeDate.now = () => Real.now() + offset;
  FakeDate.UTC = Real.UTC;
  FakeDate.parse = Real.parse;
  window.Date = FakeDate;
})();"#;

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

fn sop_page(browser: &Browser, site: &Site, day: &str) -> Page {
    let page = browser.page();
    page.add_init_script(FAKE_CLOCK);
    page.goto(&format!("{}?now={day}T09:00:00", site.url("sops/daily-report.html")));
    page
}

fn progress(page: &Page) -> serde_json::Value {
    page.eval_json("lecternSop.progress()")
}

#[test]
fn ticks_and_numbers_survive_a_reload_and_a_new_day_starts_fresh() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = sop_page(&browser, &site, "2024-11-21");
    assert_eq!(page.eval_json("lecternSop.period()"), json!("2024-11-21"));
    assert_eq!(progress(&page), json!({"done": 0, "total": 8}));

    page.click(r#"input[name="s1-2"][value="抖音"]"#);
    page.click(r#"input[name="s1-1"]"#);
    page.type_text("12");
    page.click(r#"input[name="s3-1"][value="no"]"#);
    page.click(r#"input[data-na="s4-1"]"#);
    assert_eq!(progress(&page), json!({"done": 4, "total": 8}));
    assert_eq!(page.text(".sop-done"), "4");

    page.goto(&format!(
        "{}?now=2024-11-21T20:00:00",
        site.url("sops/daily-report.html")
    ));
    assert_eq!(
        page.eval_json(r#"[document.querySelector('[name="s1-1"]').value, document.querySelector('[name="s1-2"][value="抖音"]').checked, document.querySelector('[data-na="s4-1"]').checked]"#),
        json!(["12", true, true])
    );
    assert_eq!(progress(&page), json!({"done": 4, "total": 8}));

    // The next morning: a fresh run, and yesterday in the history.
    page.goto(&format!(
        "{}?now=2024-11-22T08:00:00",
        site.url("sops/daily-report.html")
    ));
    assert_eq!(page.eval_json("lecternSop.period()"), json!("2024-11-22"));
    assert_eq!(progress(&page), json!({"done": 0, "total": 8}));
    assert_eq!(
        page.eval_json(r#"document.querySelector('[name="s1-1"]').value"#),
        json!("")
    );
    let history = page.text(r#".history-run[data-run="2024-11-21"] summary"#);
    assert!(history.contains("2024-11-21") && history.contains("4 / 8"), "{history}");
    page.assert_no_problems();
}

#[test]
fn csv_export_has_bom_values_and_no_formulas() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = sop_page(&browser, &site, "2024-11-21");
    page.click(r#"input[name="s1-1"]"#);
    page.type_text("3");
    page.click(r#"textarea[name="s1-3"]"#);
    page.type_text("=HYPERLINK(\"http://x\")");
    let csv = page.eval_json("lecternSop.csv()");
    let csv = csv.as_str().unwrap();
    assert!(csv.starts_with('\u{feff}'), "UTF-8 BOM for Excel");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        r#""run","section","step","value","not_applicable","version","updated""#
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(r#""2024-11-21","今日发布","今日发布切片总数（各平台合计）","3""#)),
        "{csv}"
    );
    assert!(
        csv.contains(r#""'=HYPERLINK(""http://x"")""#),
        "formula cells are defused: {csv}"
    );
    let json = page.eval_json("JSON.parse(lecternSop.json())");
    assert_eq!(json["sop"], "daily-report");
    assert_eq!(json["runs"]["2024-11-21"]["values"]["s1-1"], "3");
    page.assert_no_problems();
}

#[test]
fn json_round_trips_and_an_old_version_is_noticed() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = sop_page(&browser, &site, "2024-11-21");
    let export = r#"{"format":"lectern-sop-runs","sop":"daily-report","runs":{"2024-11-20":{"values":{"s1-1":"7"},"na":{},"fields":{},"version":"1.0"},"2024-11-21":{"values":{"s1-1":"9"},"na":{},"fields":{},"version":"1.0"}}}"#;
    assert_eq!(
        page.eval_json(&format!(
            "lecternSop.importJson({})",
            serde_json::to_string(export).unwrap()
        )),
        json!(2)
    );
    assert_eq!(
        page.eval_json(r#"document.querySelector('[name="s1-1"]').value"#),
        json!("9")
    );
    let notice = page.text(".sop-notice");
    assert!(
        notice.contains("1.0") && notice.contains("1.1"),
        "version notice: {notice}"
    );
    assert_eq!(page.eval_json("lecternSop.importJson('{\"nope\":1}')"), json!(0));
    assert!(page.text(".sop-notice").contains("导入失败"));
    page.assert_no_problems();
}

/// Whether the page shows its blocked-storage notice, and what it says.
fn storage_notice(page: &Page) -> serde_json::Value {
    page.eval_json(
        "[...document.querySelectorAll('.storage-notice')].filter(p => p.checkVisibility()).map(p => p.innerText)",
    )
}

fn assert_notice_shown(page: &Page) {
    let shown = storage_notice(page);
    let texts = shown.as_array().unwrap();
    assert!(
        texts.len() == 1 && texts[0].as_str().unwrap().contains("关闭页面后记录不会保存"),
        "one notice, saying that nothing is kept: {shown}"
    );
}

#[test]
fn blocked_storage_still_works_and_says_so_on_sop_and_role_pages() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = browser.page();
    page.add_init_script("Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('blocked', 'SecurityError'); } });");
    page.goto(&site.url("sops/daily-report.html"));
    assert_eq!(page.eval_json("lecternSop.persistent()"), json!(false));
    assert_notice_shown(&page);
    page.click(r#"input[name="s3-1"][value="yes"]"#);
    assert_eq!(progress(&page)["done"], json!(1));
    page.assert_no_problems();

    page.goto(&site.url("roles/student-creator.html"));
    assert_notice_shown(&page);
    page.click("[data-lesson-tick]");
    assert_eq!(page.text(".learn-done"), "1");
    page.assert_no_problems();
}

/// Learners' ticks and runs survive an update of Lectern: the pages read and write the keys
/// earlier versions wrote, `lectern:<site title>:sop:<id>` and
/// `lectern:<site title>:lessons-done`, and nothing else.
#[test]
fn saved_ticks_and_runs_keep_their_keys() {
    let site = Site::build();
    let yaml = std::fs::read_to_string(common::repo_root().join("lectern.yaml")).unwrap();
    let title = yaml.lines().find_map(|l| l.strip_prefix("title: ")).unwrap().trim();
    let (sop_key, lessons_key) = (
        format!("lectern:{title}:sop:daily-report"),
        format!("lectern:{title}:lessons-done"),
    );
    let browser = Browser::launch();
    let page = browser.open(&site.url("roles/student-creator.html"));
    assert_eq!(storage_notice(&page), json!([]), "storage works: no notice");
    // What an earlier version saved: the first lesson ticked, 12 clips in today's daily report.
    let run = json!({"runs": {"2024-11-21": {"values": {"s1-1": "12"}, "na": {}, "fields": {}}}, "current": null});
    page.eval_json(&format!(
        "localStorage.setItem({}, JSON.stringify({{[document.querySelector('[data-lesson-tick]').dataset.lessonTick]: true}})); localStorage.setItem({}, {})",
        json!(lessons_key), json!(sop_key), json!(run.to_string())
    ));

    page.goto(&site.url("roles/student-creator.html"));
    assert_eq!(page.text(".learn-done"), "1");
    page.click(".learn-list li:nth-child(2) [data-lesson-tick]");
    assert_eq!(page.text(".learn-done"), "2");
    let page = sop_page(&browser, &site, "2024-11-21");
    assert_eq!(
        page.eval_json(r#"document.querySelector('[name="s1-1"]').value"#),
        json!("12")
    );
    page.click(r#"input[name="s3-1"][value="yes"]"#);
    assert_eq!(storage_notice(&page), json!([]));
    assert_eq!(
        page.eval_json("Object.keys(localStorage).sort()"),
        json!([lessons_key, sop_key])
    );
    let stored = |key: &str| page.eval_json(&format!("JSON.parse(localStorage.getItem({}))", json!(key)));
    assert_eq!(stored(&lessons_key).as_object().unwrap().len(), 2);
    assert_eq!(
        stored(&sop_key)["runs"]["2024-11-21"]["values"],
        json!({"s1-1": "12", "s3-1": "yes"})
    );
    page.assert_no_problems();

    // Storage full: what was saved still shows; new ticks last for the visit, and it says so.
    let full = browser.page();
    full.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };",
    );
    full.goto(&site.url("roles/student-creator.html"));
    assert_eq!(full.text(".learn-done"), "2");
    assert_notice_shown(&full);
    full.click(".learn-list li:nth-child(3) [data-lesson-tick]");
    assert_eq!(full.text(".learn-done"), "3");
    assert_eq!(stored(&lessons_key).as_object().unwrap().len(), 2);
    full.assert_no_problems();
}

#[test]
fn per_clip_sops_start_a_new_run_on_demand() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = browser.page();
    page.goto(&site.url("sops/clip-publishing.html"));
    assert_eq!(page.eval_json("lecternSop.period()"), json!("clip-1"));
    page.click(".step-check input[type=checkbox]:not([data-na])");
    page.click(r#"button[data-action="new-run"]"#);
    assert_eq!(page.eval_json("lecternSop.period()"), json!("clip-2"));
    assert_eq!(progress(&page)["done"], json!(0));
    assert!(page.text(r#".history-run[data-run="clip-1"] summary"#).contains("1 /"));
    for _ in 0..9 {
        page.click(r#"button[data-action="new-run"]"#);
    }
    assert_eq!(page.eval_json("lecternSop.period()"), json!("clip-11"));
    let order = page.eval_json("[...document.querySelectorAll('.history-run')].map(d => d.dataset.run).slice(0, 3)");
    assert_eq!(
        order,
        json!(["clip-10", "clip-9", "clip-8"]),
        "newest first, in number order"
    );
    page.assert_no_problems();
}

#[test]
fn the_daily_report_prints_on_exactly_one_a4_page_filled_or_blank() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = sop_page(&browser, &site, "2024-11-21");
    for blank in [false, true] {
        page.eval_json(&format!("document.body.classList.toggle('print-blank', {blank})"));
        let sizes = pdf_page_sizes(&page.print_pdf(&PrintOptions::default()));
        assert_eq!(sizes.len(), 1, "blank={blank}: {} pages", sizes.len());
        let (w, h) = sizes[0];
        assert!(
            (w - 595.0).abs() < 2.0 && (h - 842.0).abs() < 2.0,
            "A4 portrait, got {w}×{h}"
        );
    }
}

#[test]
fn org_chart_has_one_node_per_role_and_prints_on_one_landscape_page() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = browser.open(&site.url("roles/index.html"));
    let roles = page.count(".roles-list .card");
    assert!(roles >= 6, "{roles} roles");
    assert_eq!(page.count("svg.org-chart a.org-node"), roles);
    // Every label is inside its box (the estimate of Chinese text width holds).
    let overflow = page.eval_json(
        "[...document.querySelectorAll('svg.org-chart a.org-node')].filter(a => a.querySelector('text').getBBox().width > a.querySelector('rect').getBBox().width).length",
    );
    assert_eq!(overflow, json!(0));
    let sizes = pdf_page_sizes(&page.print_pdf(&PrintOptions::default()));
    assert_eq!(sizes.len(), 1);
    assert!(sizes[0].0 > sizes[0].1, "landscape: {:?}", sizes[0]);
    page.assert_no_problems();
}

#[test]
fn qa_filters_by_tag_and_role_without_a_server() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = browser.open(&site.url("qa/index.html"));
    let total = page.count(".qa-item");
    assert!(total >= 15);
    page.click(r#".tag-filter[data-tag="版权"]"#);
    let shown = page.eval_json(
        "[...document.querySelectorAll('.qa-item:not([hidden])')].map(i => i.dataset.tags.split('|').includes('版权'))",
    );
    let shown = shown.as_array().unwrap();
    assert!(
        !shown.is_empty() && shown.iter().all(|v| v == &json!(true)),
        "{shown:?}"
    );
    assert_eq!(page.text(".qa-shown"), shown.len().to_string());
    page.click(r#".tag-filter[data-tag=""]"#);
    page.eval_json("(() => { const s = document.querySelector('[data-role-filter]'); s.value = 'team-leader'; s.dispatchEvent(new Event('change')); })()");
    let roles = page.eval_json("[...document.querySelectorAll('.qa-item:not([hidden])')].every(i => i.dataset.roles.split('|').includes('team-leader'))");
    assert_eq!(roles, json!(true));
    assert!(page.count(".qa-item:not([hidden])") < total);
    page.assert_no_problems();
}

#[test]
fn role_lesson_ticks_are_kept_with_a_progress_figure() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = browser.open(&site.url("roles/student-creator.html"));
    let lessons = page.count("[data-lesson-tick]");
    assert!(lessons >= 5, "{lessons}");
    page.click("[data-lesson-tick]");
    assert_eq!(page.text(".learn-done"), "1");
    page.goto(&site.url("roles/student-creator.html"));
    assert_eq!(page.text(".learn-done"), "1");
    assert_eq!(
        page.eval_json("document.querySelector('[data-lesson-tick]').checked"),
        json!(true)
    );
    page.assert_no_problems();
}

/// The limits the issue sets for paper: 25 steps on one A4 page, 30 roles on one A4
/// landscape page with labels still legible.
#[test]
fn twenty_five_steps_fit_one_page_and_thirty_roles_one_landscape_page() {
    use common::fixture::Fixture;
    let f = Fixture::new("good");
    let mut sop = String::from("title: 二十五项检查\nversion: \"2.0\"\nperformers: [creator]\nform:\n  - { id: date, label: 日期, type: date }\n  - { id: account, label: 账号, type: text }\nsections:\n");
    let kinds = ["check", "number", "choice", "text", "yesno", "time", "date"];
    for section in 0..5 {
        sop.push_str(&format!("  - title: 第 {} 部分\n    steps:\n", section + 1));
        for step in 0..5 {
            let kind = kinds[(section * 5 + step) % kinds.len()];
            sop.push_str(&format!("      - text: 第 {} 项：检查切片的标题、封面和挂车链接是否符合要求\n        type: {kind}\n        help: 拿不准就问组长，并在日报里写清楚\n", section * 5 + step + 1));
            match kind {
                "choice" => sop.push_str("        options: [抖音, 快手, 小红书, 视频号]\n"),
                "number" => sop.push_str("        unit: 条\n"),
                _ => {}
            }
        }
    }
    sop.push_str("signoff: [学员签字, 组长签字]\n");
    f.write("content/sops/long.yaml", &sop);
    let mut roles = String::from("- id: lead\n  title: 项目负责人\n");
    for pm in 0..4 {
        roles.push_str(&format!("- id: pm{pm}\n  title: 项目经理 {pm}\n  reports_to: lead\n"));
        for tl in 0..6 {
            roles.push_str(&format!(
                "- id: tl{pm}-{tl}\n  title: 第{tl}组组长\n  reports_to: pm{pm}\n"
            ));
        }
    }
    roles.push_str("- id: creator\n  title: 学员创作者\n  reports_to: tl0-0\n- id: team-leader\n  title: 组长\n  reports_to: lead\n");
    f.write("content/roles.yaml", &roles);
    f.build_ok(&[]);

    let browser = Browser::launch();
    let page = browser.open(&file_url(&f.out().join("sops/long.html")));
    assert_eq!(page.count("li.step"), 25);
    page.eval_json("document.body.classList.add('print-blank')");
    let sizes = pdf_page_sizes(&page.print_pdf(&PrintOptions::default()));
    assert_eq!(sizes.len(), 1, "25 steps printed on {} pages", sizes.len());

    let page = browser.open(&file_url(&f.out().join("roles/index.html")));
    assert_eq!(page.count("svg.org-chart a.org-node"), 31);
    let sizes = pdf_page_sizes(&page.print_pdf(&PrintOptions::default()));
    assert_eq!(sizes.len(), 1, "30 roles printed on {} pages", sizes.len());
    assert!(sizes[0].0 > sizes[0].1, "landscape");
    // Printed width of the chart: A4 landscape less margins, at most; labels are drawn at
    // 16 px in the chart's own units, so this is the smallest printed label size.
    let scale = page.eval_json(
        "(() => { const s = document.querySelector('svg.org-chart'); return Math.min(1, (297 - 24) / 25.4 * 96 / s.viewBox.baseVal.width); })()",
    );
    let label_pt = 16.0 * 0.75 * scale.as_f64().unwrap();
    assert!(label_pt >= 6.0, "labels print at {label_pt:.1} pt");
}

#[test]
fn on_a_phone_each_check_box_sits_beside_its_text() {
    let site = Site::build();
    let browser = Browser::launch();
    let page = browser.page();
    page.set_viewport(375, 800);
    page.goto(&site.url("sops/account-inspection.html"));
    // For every check step: the box's top and the text's first line are level, and the
    // text starts to the right of the box (it used to wrap below it at phone width).
    let rows = page.eval_json(
        r#"[...document.querySelectorAll('.step-label > input[type="checkbox"] + .step-text')].map(text => {
             const box = text.previousElementSibling.getBoundingClientRect();
             const t = text.getBoundingClientRect();
             const line = parseFloat(getComputedStyle(text).lineHeight);
             return { text: text.textContent.trim(), beside: t.left >= box.right, level: Math.abs(box.top - t.top) < line,
                      lines: Math.round(t.height / line) };
           })"#,
    );
    let rows = rows.as_array().expect("an array");
    assert!(rows.len() >= 3, "the inspection form has check steps: {rows:?}");
    assert!(
        rows.iter().any(|r| r["lines"].as_u64() > Some(1)),
        "a check step long enough to wrap at 375 px, so the test covers wrapping: {rows:?}"
    );
    for r in rows {
        assert_eq!((&r["beside"], &r["level"]), (&json!(true), &json!(true)), "{r}");
    }
}
