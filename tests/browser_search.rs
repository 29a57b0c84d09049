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
    f.write("content/qa/xss.md", "---\nquestion: \"<script>window.__xss=1</script>剪辑问题\"\n---\n<img src=\"https://example.invalid/x.png\" onerror=\"window.__xss=2\"> 剪辑问题的答案\n");
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

/// `tests/fixtures/search/traps`, with 55 lessons that rank above its one question for
/// 剪辑, built.
fn traps() -> Fixture {
    let f = Fixture::new("search/traps");
    for n in 1..=55 {
        f.write(
            &format!("content/lessons/04-drills/{n:02}-drill.md"),
            &format!("---\ntitle: 剪辑练习 {n}\n---\n## 剪辑要点\n\n剪辑时先粗剪再精剪，剪辑节奏跟着主播。\n"),
        );
    }
    f.build_ok(&[]);
    f
}

/// The page (address without `?h=…` and `#…`) of each result's first link, in order.
fn result_pages(page: &Page, results: &str) -> Vec<String> {
    let v = page.eval_json(&format!(
        "[...document.querySelectorAll({results:?})].map(r => r.querySelector('a').getAttribute('href').split(/[?#]/)[0])"
    ));
    serde_json::from_value(v).unwrap()
}

#[test]
fn search_page_filters_find_what_ranks_below_the_first_fifty_and_pages_group_their_sections() {
    let f = traps();
    let browser = Browser::launch();
    let search = |q: &str| format!("{}?q={q}", file_url(&f.out().join("search.html")));

    // 剪辑: 55 drills first; the question for the editor role comes after them.
    let page = browser.open(&search("%E5%89%AA%E8%BE%91"));
    page.wait_for(".search-page-results .search-result");
    page.click(r#".type-filter[data-type="qa"]"#);
    page.wait_for(".search-page-results > *");
    assert_eq!(
        result_pages(&page, ".search-page-results > .search-result"),
        ["qa/pc-or-phone.html"],
        "the type filter keeps the question, the only one that matches"
    );
    page.click(r#".type-filter[data-type=""]"#);
    page.eval_json(
        "(s => { s.value = 'editor'; s.dispatchEvent(new Event('change')); })(document.querySelector('.role-filter'))",
    );
    page.wait_for(".search-page-results > *");
    assert_eq!(
        result_pages(&page, ".search-page-results > .search-result"),
        ["qa/pc-or-phone.html"],
        "the role filter keeps what concerns the role"
    );

    // 复盘: the lesson's four sections make one result, with its best sections beneath.
    let page = browser.open(&search("%E5%A4%8D%E7%9B%98"));
    page.wait_for(".search-page-results .search-result");
    let pages = result_pages(&page, ".search-page-results > .search-result");
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert_eq!(pages[0], "lessons/01-review/01-method.html", "{pages:?}");
    let sections = page.eval_json(
        "[...document.querySelectorAll('.search-page-results > .search-result')[0].querySelectorAll('.search-section')].map(a => decodeURIComponent(a.getAttribute('href').split('#')[1]))",
    );
    assert_eq!(
        sections.as_array().map(Vec::len),
        Some(3),
        "the three best sections beneath the lesson: {sections}"
    );

    // 爆款公式: the phrase is 700 bytes into its section, and is marked there.
    let page = browser.open(&search("%E7%88%86%E6%AC%BE%E5%85%AC%E5%BC%8F"));
    page.wait_for(".search-page-results .search-result");
    assert_eq!(
        result_pages(&page, ".search-page-results > .search-result")[0],
        "lessons/02-editing/01-notes.html"
    );
    let marked = page.eval_json(
        "[...document.querySelectorAll(\".search-page-results a[href*='01-notes.html'] .result-excerpt mark\")].map(m => m.textContent)",
    );
    assert!(
        marked.as_array().unwrap().iter().any(|m| m == "爆款公式"),
        "the excerpt marks the phrase: {marked}"
    );
    page.assert_no_problems();
}

#[test]
fn the_search_box_groups_sections_under_their_page_and_finds_one_character() {
    let f = traps();
    let browser = Browser::launch();
    let page = browser.open(&file_url(&f.out().join("index.html")));
    page.press_key("/");
    page.type_text("复盘");
    page.wait_for("#site-search-results .search-result");
    let pages = result_pages(&page, "#site-search-results > .search-result");
    assert_eq!(
        pages[..3],
        [
            "lessons/01-review/01-method.html",
            "sops/weekly-review.html",
            "qa/review-time.html"
        ],
        "{pages:?}"
    );
    // Every link is an option ↓ reaches: the lesson, then its sections.
    page.press_key("ArrowDown");
    page.press_key("ArrowDown");
    let chosen = page.eval_json("document.getElementById(document.getElementById('site-search-input').getAttribute('aria-activedescendant')).getAttribute('href')");
    assert!(
        chosen.as_str().unwrap().contains("01-method.html?h=") && chosen.as_str().unwrap().contains('#'),
        "the second option is the lesson's best section: {chosen}"
    );

    // 巡 sits inside 组长每天巡检本组账号: a one-character query finds it.
    page.eval_json(
        "(i => { i.value = '巡'; i.dispatchEvent(new Event('input')); })(document.getElementById('site-search-input'))",
    );
    page.wait_for("#site-search-results a[href*='03-ops/01-account.html']");
    page.assert_no_problems();
}
