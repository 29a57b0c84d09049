//! The built sample site in real headless Chromium, opened straight from disk (file://), as
//! a trainee would open it: every page must load cleanly, with nothing fetched from the
//! network, and the links home → module → lesson → next lesson must work.

mod common;

use std::path::Path;

use common::browser::Browser;
use common::{build_sample, file_url, files_with_suffix};

#[test]
fn home_to_module_to_lesson_to_next_lesson() {
    let out = tempfile::tempdir().expect("temp dir for the built site");
    build_sample(out.path());
    let site = file_url(out.path());

    let browser = Browser::launch();
    let page = browser.page();

    page.goto(&file_url(&out.path().join("index.html")));
    page.assert_no_problems();

    page.click_and_wait_navigation("a.module-link");
    let module_url = page.url();
    assert!(
        module_url.starts_with(&format!("{site}/lessons/")) && module_url.ends_with("/index.html"),
        "the first module link should open lessons/<module>/index.html, but it opened {module_url}"
    );
    assert!(page.count("h1") > 0, "the module page {module_url} has no <h1>");
    page.assert_no_problems();

    page.click_and_wait_navigation("a.lesson-link");
    let lesson_url = page.url();
    assert!(
        lesson_url.starts_with(&format!("{site}/lessons/"))
            && lesson_url.ends_with(".html")
            && !lesson_url.ends_with("/index.html"),
        "the first lesson link should open lessons/<module>/<lesson>.html, but it opened {lesson_url}"
    );
    assert_lesson_page(&page, &lesson_url);
    page.assert_no_problems();

    page.click_and_wait_navigation(r#"a[rel="next"]"#);
    let next_url = page.url();
    assert_ne!(
        next_url, lesson_url,
        "the lesson's rel=next link should lead to a different lesson"
    );
    assert_lesson_page(&page, &next_url);
    page.assert_no_problems();
}

fn assert_lesson_page(page: &common::browser::Page, url: &str) {
    assert_eq!(
        page.count("article.lesson"),
        1,
        "the lesson page {url} should have exactly one <article class=\"lesson\">"
    );
    assert!(
        page.count("article.lesson section.slide") > 0,
        "the lesson page {url} has no <section class=\"slide\"> inside its article"
    );
}

#[test]
fn every_lesson_and_module_page_loads_cleanly_with_all_images() {
    let out = tempfile::tempdir().expect("temp dir for the built site");
    build_sample(out.path());

    // lessons/<module>/index.html and lessons/<module>/<lesson>.html
    let pages = files_with_suffix(&out.path().join("lessons"), ".html");
    assert!(
        !pages.is_empty(),
        "the build wrote no pages under lessons/ in {}",
        out.path().display()
    );

    let browser = Browser::launch();
    let page = browser.page();
    let mut failures = Vec::new();
    for path in &pages {
        let name = relative(path, out.path());
        page.clear_problems();
        page.goto(&file_url(path));
        for src in page.images_not_loaded() {
            failures.push(format!("{name}: image did not load: {src}"));
        }
        for problem in page.problems() {
            failures.push(format!("{name}: {problem}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s) across {} pages of the built sample:\n  - {}",
        failures.len(),
        pages.len(),
        failures.join("\n  - ")
    );
}

fn relative(path: &Path, base: &Path) -> String {
    path.strip_prefix(base).unwrap_or(path).display().to_string()
}
