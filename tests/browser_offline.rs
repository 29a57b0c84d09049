//! Offline mode (`offline: true`, docs/offline.md) in real headless Chromium over http:
//! the download, reading with the network off, honest updates, removal, and that
//! file:// output and `lectern serve` get no service worker.

#[allow(dead_code)] // only run, axe_source and describe are needed here
#[path = "common/axe.rs"]
mod axe;
mod common;

use common::browser::{Browser, Page};
use common::file_url;
use common::fixture::Fixture;
use common::serve::Server;
use common::static_server::StaticServer;
use serde_json::Value;

const INTRO: &str = "lessons/01-%E5%9F%BA%E7%A1%80/01-intro.html";
const TENTH: &str = "lessons/02-advanced/10-tenth.html";
const INTRO_DECK: &str = "decks/01-%E5%9F%BA%E7%A1%80/01-intro.html";
const DONE_KEY: &str = "lectern:测试项目:lessons-done";
const REMOVE_SHOWN: &str = "document.querySelector('.offline-remove').checkVisibility()";
const UPDATE_SHOWN: &str = "document.querySelector('.offline-update').checkVisibility()";

fn offline_fixture() -> Fixture {
    let f = Fixture::new("good");
    f.edit("lectern.yaml", |s| s + "offline: true\n");
    f
}

/// The caches this site's offline copy keeps, apart from its state.
fn build_caches(page: &Page) -> Value {
    page.eval_json("caches.keys().then(k => k.filter(n => n.startsWith('lectern-offline') && !n.endsWith(' state')))")
}

fn main_text(page: &Page) -> String {
    page.text("main")
}

/// Go offline (the tab and, for the service worker, the server), or back online.
fn network(page: &Page, server: &StaticServer, up: bool) {
    server.set_down(!up);
    page.set_offline(!up);
}

#[test]
fn downloaded_copy_reads_offline_and_updates_as_a_whole() {
    let f = offline_fixture();
    f.build_ok(&[]);
    let server = StaticServer::start(&f.out());
    let browser = Browser::launch();
    let page = browser.open(&format!("{}index.html", server.url));
    page.eval_json(&format!("localStorage.setItem('{DONE_KEY}', '[\"01-基础/01-intro\"]')"));

    // Nothing is downloaded or registered until asked; the sizes are shown first, when
    // the control is opened (only then is the whole list fetched).
    let control = "document.querySelector('.offline-copy').checkVisibility()";
    page.wait_true("the control", control);
    let lists = "performance.getEntriesByType('resource').filter(e => e.name.endsWith('/offline.json')).length";
    assert_eq!(
        page.eval_json(lists),
        0,
        "the list is not fetched before the control is opened"
    );
    page.click(".offline-copy summary");
    page.wait_true(
        "the sizes",
        "[...document.querySelectorAll('.offline-size')].every(s => /[KM]B$/.test(s.textContent))",
    );
    assert_eq!(build_caches(&page), Value::Array(vec![]));
    assert_eq!(
        page.eval_json("navigator.serviceWorker.getRegistrations().then(r => r.length)"),
        0
    );
    assert_eq!(page.eval_json(REMOVE_SHOWN), false, "nothing to remove yet");

    page.click("input[name=offline-group][value=decks]");
    page.click(".offline-download");
    page.wait_true("the download", REMOVE_SHOWN);
    let progress = page.eval_json("(p => [p.value, p.max, p.hidden])(document.querySelector('.offline-progress'))");
    assert_eq!(progress[0], progress[1], "the progress bar ends full: {progress}");
    assert!(
        page.text(".offline-status").contains("已下载"),
        "{}",
        page.text(".offline-status")
    );
    page.assert_no_problems();
    page.goto(&format!("{}index.html", server.url));
    page.wait_true("the worker", "navigator.serviceWorker.controller !== null");
    // Installable: the manifest is linked over http, and its icons load at their sizes.
    let icons = page.eval_json(
        "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json()).then(m => \
         Promise.all(m.icons.map(i => new Promise(ok => { const img = new Image(); \
         img.onload = () => ok([i.sizes, img.naturalWidth]); img.onerror = () => ok([i.sizes, 0]); \
         img.src = new URL(i.src, document.querySelector('link[rel=manifest]').href); }))) \
         .then(sizes => [m.name, m.display, sizes]))",
    );
    assert_eq!(icons[0], "测试项目");
    assert_eq!(icons[1], "standalone");
    for size in icons[2].as_array().unwrap() {
        assert!(size[1].as_u64().unwrap() > 0, "icon {size} loads");
        if size[0] != "any" {
            assert_eq!(size[0], format!("{0}x{0}", size[1]), "icon size as declared");
        }
    }

    // Network off: pages, the search and the chosen deck.
    network(&page, &server, false);
    page.goto(&format!("{}{INTRO}", server.url));
    assert!(
        main_text(&page).contains("切片是从直播里剪出来的"),
        "{}",
        main_text(&page)
    );
    page.goto(&format!("{}search.html?q=%E5%AE%8C%E6%92%AD%E7%8E%87", server.url)); // 完播率
    page.wait_for(".search-page-results .search-result");
    assert!(page.text(".search-page-results").contains("切片入门"));
    page.goto(&format!("{}{INTRO_DECK}", server.url));
    assert!(page.count("section.slide") >= 2, "the deck opens offline");
    page.goto(&format!("{}{TENTH}", server.url));
    assert!(main_text(&page).contains("自然排序"));

    // A new build goes up: one lesson changed, one removed.
    f.edit("content/lessons/01-基础/01-intro.md", |s| {
        s.replace("切片是从直播里剪出来的", "切片是从直播回放里剪出来的（新版）")
    });
    f.remove("content/lessons/02-advanced/10-tenth.md");
    f.build_ok(&[]);
    network(&page, &server, true);
    page.goto(&format!("{}{INTRO}", server.url));
    page.wait_true("the update notice", UPDATE_SHOWN);
    assert!(page.text(".offline-update").contains("内容已更新"));
    assert!(
        main_text(&page).contains("切片是从直播里剪出来的"),
        "until the reload, the copy's build is served whole"
    );
    let old_caches = build_caches(&page);
    page.click_and_wait_navigation(".offline-update button");
    assert!(main_text(&page).contains("（新版）"), "{}", main_text(&page));
    let new_caches = build_caches(&page);
    assert_eq!(new_caches.as_array().unwrap().len(), 1, "{new_caches}");
    assert_ne!(new_caches, old_caches, "the old build's cache is deleted");

    // Offline again: the new build, and the removed page is gone.
    network(&page, &server, false);
    page.goto(&format!("{}{INTRO_DECK}", server.url));
    assert!(page.text("body").contains("（新版）"), "the deck came with the update");
    page.goto(&format!("{}{TENTH}", server.url));
    assert!(page.text("body").contains("页面不存在"), "{}", page.text("body"));
    assert!(!page.text("body").contains("自然排序"));
    page.goto(&format!("{}{INTRO}", server.url));
    assert!(main_text(&page).contains("（新版）"));

    // Remove: the worker and the caches go, the learner's data stays.
    network(&page, &server, true);
    page.goto(&format!("{}index.html", server.url));
    page.wait_true("the control", control);
    page.click(".offline-copy summary");
    page.wait_true("the remove button", REMOVE_SHOWN);
    page.click(".offline-remove");
    page.wait_true("the removal", &format!("!{REMOVE_SHOWN}"));
    assert!(page.text(".offline-status").contains("已移除"));
    assert_eq!(
        page.eval_json("caches.keys().then(k => k.filter(n => n.startsWith('lectern-offline')).length)"),
        0
    );
    assert_eq!(
        page.eval_json("navigator.serviceWorker.getRegistrations().then(r => r.length)"),
        0
    );
    assert_eq!(
        page.eval_json(&format!("localStorage.getItem('{DONE_KEY}')")),
        "[\"01-基础/01-intro\"]"
    );
}

#[test]
fn file_url_output_registers_nothing() {
    let f = offline_fixture();
    f.build_ok(&[]);
    let browser = Browser::launch();
    let page = browser.open(&file_url(&f.out().join("index.html")));
    page.goto(&file_url(&f.out().join("lessons/01-基础/01-intro.html")));
    page.goto(&file_url(&f.out().join("index.html")));
    assert_eq!(page.eval_json("document.querySelector('.offline-copy').hidden"), true);
    let loaded = page.eval_json(
        "performance.getEntriesByType('resource').map(e => e.name).filter(n => /sw\\.js|offline\\.json|offline-sw/.test(n))",
    );
    assert_eq!(loaded, Value::Array(vec![]), "no worker or list is loaded over file://");
    assert_eq!(
        page.eval_json(
            "navigator.serviceWorker ? navigator.serviceWorker.getRegistrations().then(r => r.length, () => 0) : 0"
        ),
        0
    );
    page.assert_no_problems();
}

#[test]
fn serve_disables_the_download_with_a_note() {
    let f = offline_fixture();
    let server = Server::start(&f.root(), &[]);
    let browser = Browser::launch();
    let page = browser.open(&format!("{}index.html", server.url));
    page.wait_true(
        "the note",
        "document.querySelector('.offline-status').textContent !== ''",
    );
    assert!(page.text(".offline-status").contains("lectern serve"));
    assert_eq!(
        page.eval_json("document.querySelector('.offline-download').disabled"),
        true
    );
    assert_eq!(
        page.eval_json("navigator.serviceWorker.getRegistrations().then(r => r.length)"),
        0
    );
    // Live reload keeps working beside it: the open page follows an edit by itself.
    f.edit("content/index.md", |s| s.replace("先学", "请先学"));
    page.wait_true(
        "the reload",
        "document.querySelector('main').textContent.includes('请先学')",
    );
}

#[test]
fn an_interrupted_download_is_discarded_whole() {
    let f = offline_fixture();
    f.build_ok(&[]);
    let server = StaticServer::start(&f.out());
    let browser = Browser::launch();
    let page = browser.open(&format!("{}index.html", server.url));
    page.wait_true(
        "the control",
        "document.querySelector('.offline-copy').checkVisibility()",
    );
    page.click(".offline-copy summary");
    page.wait_true("the list", "!document.querySelector('.offline-download').disabled");
    // The site loses a file after the list was read: the copy would be incomplete.
    std::fs::remove_file(f.out().join("lessons/02-advanced/10-tenth.html")).unwrap();
    page.click(".offline-download");
    page.wait_true(
        "the failure",
        "document.querySelector('.offline-status').textContent.includes('10-tenth')",
    );
    assert!(page.text(".offline-status").contains("下载没有完成"));
    assert_eq!(
        build_caches(&page),
        Value::Array(vec![]),
        "nothing half-downloaded is kept"
    );
    assert_eq!(page.eval_json(REMOVE_SHOWN), false);
    assert_eq!(
        page.eval_json("navigator.serviceWorker.getRegistrations().then(r => r.length)"),
        0
    );
}

#[test]
fn the_open_control_and_the_update_notice_pass_axe() {
    let f = offline_fixture();
    f.build_ok(&[]);
    let server = StaticServer::start(&f.out());
    let browser = Browser::launch();
    let page = browser.open(&format!("{}index.html", server.url));
    page.wait_true(
        "the control",
        "document.querySelector('.offline-copy').checkVisibility()",
    );
    page.click(".offline-copy summary");
    page.wait_true("the list", "!document.querySelector('.offline-download').disabled");
    page.eval_json("document.querySelector('.offline-update').hidden = false");
    let violations: Vec<_> = axe::run(&page, &axe::axe_source())
        .into_iter()
        .filter(|v| v.is_serious())
        .collect();
    assert!(
        violations.is_empty(),
        "{}",
        axe::describe("offline control", &violations)
    );
}
