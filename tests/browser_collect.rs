//! The team leader's collation page (`collect.html`) in real headless Chromium: a team of
//! 8 hands in the sample's daily report as files, by the address fragment and by paste;
//! the table, the missing member, CSV, duplicates, older versions, records of another
//! programme, and hostile records, with no dialog and no console error.

mod collect;
mod common;

use collect::*;
use common::browser::Browser;
use common::static_server::StaticServer;
use serde_json::json;

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
    doc_shot(&page, "collect-added", "h1");
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
    doc_shot(&page, "collect-table", ".collect-summary");
    page.emulate_media("print");
    doc_shot(&page, "collect-print", "h1");
    page.emulate_media("screen");

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
