//! Search in real headless Chromium, over file:// (a USB stick) and over http.

mod common;

use common::browser::{Browser, Page};
use common::fixture::Fixture;
use common::static_server::StaticServer;
use common::{build_sample, file_url};
use serde_json::json;

fn wait_for_results(page: &Page, selector: &str) {
    page.wait_for(selector);
}

fn search_files_loaded(page: &Page) -> Vec<String> {
    let v =
        page.eval_json("performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/search/'))");
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn type_and_land(page: &Page, query: &str, expect_path: &str) {
    page.press_key("/");
    assert_eq!(
        page.eval_json("document.activeElement.id"),
        json!("site-search-input"),
        "`/` focuses the search box"
    );
    page.type_text(query);
    wait_for_results(page, "#site-search-results .search-result");
    let first = page.eval_json("[...document.querySelectorAll('#site-search-results .search-result')].map(r => [r.querySelector('.result-type').textContent, r.querySelector('a').getAttribute('href')])[0]");
    assert!(first[1].as_str().unwrap().contains(expect_path), "first result {first}");
    page.press_key("ArrowDown");
    let before = page.url();
    page.press_key("Enter");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while page.url() == before {
        assert!(std::time::Instant::now() < deadline, "Enter did not open the result");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    page.wait_for("mark.search-hit");
    assert!(
        page.url().contains(expect_path) && page.url().contains("h="),
        "{}",
        page.url()
    );
    let marked = page.eval_json("[...document.querySelectorAll('mark.search-hit')].map(m => m.textContent).join('|')");
    assert!(!marked.as_str().unwrap().is_empty());
}

#[test]
fn search_from_a_usb_stick_lands_on_the_section_with_the_words_marked() {
    let site = tempfile::tempdir().unwrap();
    build_sample(site.path());
    let browser = Browser::launch();
    let page = browser.open(&file_url(
        &site.path().join("lessons/01-market-research/01-clip-sector.html"),
    ));
    assert!(
        search_files_loaded(&page).is_empty(),
        "the index loads only when search is used"
    );
    type_and_land(&page, "爆款公式", "02-editing/02-hit-formula.html");
    let hit = page.eval_json("document.querySelector('mark.search-hit').textContent");
    assert!(["爆款公式", "爆款", "公式"].contains(&hit.as_str().unwrap()), "{hit}");
    page.assert_no_problems();
}

#[test]
fn search_over_http_with_the_search_page_and_filters() {
    let site = tempfile::tempdir().unwrap();
    build_sample(site.path());
    let server = StaticServer::start(site.path());
    let browser = Browser::launch();
    let page = browser.open(&format!("{}search.html?q=%E6%97%A5%E6%8A%A5", server.url));
    page.wait_for(".search-page-results .search-result");
    let types = page.eval_json(
        "[...new Set([...document.querySelectorAll('.search-page-results .result-type')].map(t => t.textContent))]",
    );
    assert!(types.as_array().unwrap().len() >= 2, "mixed types: {types}");
    page.click(r#".type-filter[data-type="sop"]"#);
    page.wait_for(".search-page-results .result-sop");
    let only = page.eval_json("[...document.querySelectorAll('.search-page-results .result-type')].every(t => t.classList.contains('result-sop'))");
    assert_eq!(only, json!(true));
    let none = browser.open(&format!("{}search.html?q=xyzzyqwerty", server.url));
    none.wait_for(".search-none");
    assert!(none.text(".search-none").contains("试试"), "a helpful no-results text");
    let page = browser.open(&format!("{}qa/index.html", server.url));
    type_and_land(&page, "618 大促", "qa/618-promotion.html");
    page.assert_no_problems();
}

#[test]
fn the_js_api_is_on_every_page() {
    let site = tempfile::tempdir().unwrap();
    build_sample(site.path());
    let browser = Browser::launch();
    for rel in [
        "index.html",
        "lessons/02-editing/index.html",
        "sops/daily-report.html",
        "roles/team-leader.html",
        "qa/index.html",
        "glossary.html",
    ] {
        let page = browser.open(&file_url(&site.path().join(rel)));
        let r = page.eval_json("lectern.search('KOC', {limit: 3})");
        let first = &r.as_array().unwrap_or_else(|| panic!("{rel}: {r}"))[0];
        for key in ["type", "title", "url", "excerpt", "score"] {
            assert!(first.get(key).is_some(), "{rel}: result has no {key}: {first}");
        }
        assert_eq!(r.as_array().unwrap().len(), 3);
        // The url works from this page.
        let href = first["url"].as_str().unwrap().split('#').next().unwrap().to_string();
        assert!(
            site.path().join(rel).parent().unwrap().join(&href).is_file(),
            "{rel}: {href}"
        );
        page.assert_no_problems();
    }
}

#[test]
fn content_is_text_in_titles_and_excerpts() {
    let f = Fixture::new("good");
    f.write("content/qa/xss.md", "---\nquestion: \"<script>window.__xss=1</script>剪辑问题\"\n---\n<img src=x onerror=\"window.__xss=2\"> 剪辑问题的答案\n");
    f.build_ok(&[]);
    let browser = Browser::launch();
    let page = browser.open(&file_url(&f.out().join("index.html")));
    page.press_key("/");
    page.type_text("剪辑问题");
    page.wait_for("#site-search-results .search-result");
    let popup = page.eval_json("document.getElementById('site-search-results').innerHTML");
    let popup = popup.as_str().unwrap();
    assert!(
        popup.contains("&lt;script&gt;window.__xss=1&lt;/script&gt;"),
        "the title is text: {popup}"
    );
    assert!(
        !popup.contains("<img"),
        "no element from content in the results: {popup}"
    );
    assert_eq!(page.eval_json("window.__xss === undefined"), json!(true));
}
