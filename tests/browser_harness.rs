//! Tests of the browser harness itself (tests/common/browser.rs), on the handwritten pages in
//! tests/fixtures/browser-harness/. If these fail, the site and deck browser tests can't be
//! trusted: a harness that misses a console error or a broken image would pass broken pages.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use common::browser::{locate_chromium, Browser, PrintOptions, VIEWPORT};
use common::static_server::StaticServer;
use common::{file_url, repo_root};
use serde_json::json;

fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures/browser-harness").join(name)
}

fn fixture_url(name: &str) -> String {
    let path = fixture(name);
    assert!(path.is_file(), "fixture {} is missing", path.display());
    file_url(&path)
}

/// The message of a panic caught by `catch_unwind`.
fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else {
        "<non-string panic>".to_string()
    }
}

/// Width and height in points of the first page of a PDF.
fn first_media_box(pdf: &[u8]) -> Option<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    let start = text.find("/MediaBox [")? + "/MediaBox [".len();
    let end = start + text[start..].find(']')?;
    let numbers: Vec<f64> = text[start..end]
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers[..] {
        [x0, y0, x1, y1] => Some((x1 - x0, y1 - y0)),
        _ => None,
    }
}

#[test]
fn file_url_percent_encodes_spaces_and_chinese() {
    assert_eq!(
        file_url(Path::new("/tmp/a b/中文#?%.html")),
        "file:///tmp/a%20b/%E4%B8%AD%E6%96%87%23%3F%25.html"
    );
    assert_eq!(
        file_url(Path::new("/srv/site/index.html")),
        "file:///srv/site/index.html"
    );
}

#[test]
fn a_missing_chromium_is_a_loud_failure_naming_the_packages() {
    let nowhere = Path::new("/nonexistent/lectern-test/chromium");

    let unset = locate_chromium(None, Some("/nonexistent/bin".into()), nowhere)
        .expect_err("no Chromium anywhere must be an error");
    assert!(
        unset.contains("apt-get install -y chromium chromium-driver fonts-noto-cjk"),
        "the error must say how to install Chromium, got: {unset}"
    );

    let bad_env = locate_chromium(Some(nowhere.into()), None, nowhere)
        .expect_err("LECTERN_CHROMIUM pointing nowhere must be an error");
    assert!(
        bad_env.contains("LECTERN_CHROMIUM") && bad_env.contains("apt-get install"),
        "the error must name LECTERN_CHROMIUM and the install command, got: {bad_env}"
    );
}

#[test]
fn clean_pages_report_nothing_and_interactions_work() {
    let browser = Browser::launch();
    let page = browser.page();

    let clean = fixture_url("clean.html");
    page.goto(&clean);
    assert_eq!(
        page.url(),
        clean,
        "after goto the page should be at the URL we asked for"
    );
    page.assert_no_problems();

    // eval_json: plain values, objects, and awaited promises.
    assert_eq!(
        page.text("#status"),
        "script ran",
        "the page's local script should have run"
    );
    assert_eq!(
        page.eval_json("document.getElementById('pixel').naturalWidth"),
        json!(32)
    );
    assert_eq!(
        page.eval_json("new Promise(r => setTimeout(() => r({a: 1, b: [true, 'x']}), 10))"),
        json!({"a": 1, "b": [true, "x"]}),
        "eval_json should await promises and return objects by value"
    );
    assert_eq!(page.eval_json("undefined"), json!(null));
    assert_eq!(
        page.eval_json("[innerWidth, innerHeight, devicePixelRatio]"),
        json!([VIEWPORT.0, VIEWPORT.1, 1]),
        "new pages should get the standard viewport"
    );
    assert_eq!(page.count("img"), 1);
    assert_eq!(page.count("table"), 0);
    assert_eq!(
        page.images_not_loaded(),
        Vec::<String>::new(),
        "pixel.svg should have loaded"
    );

    // A failing script is a test failure with the JS error in it, not a problem on the page.
    let failure = catch_unwind(AssertUnwindSafe(|| page.eval_json("thisFunctionDoesNotExist()")))
        .expect_err("eval_json of a throwing script must fail the test");
    let message = panic_message(failure);
    assert!(
        message.contains("ReferenceError"),
        "eval_json's failure should name the JS error, got: {message}"
    );
    page.assert_no_problems();

    // Mouse clicks and key presses reach the page's own event handlers.
    page.click("#btn");
    assert_eq!(
        page.text("#clicked"),
        "clicked",
        "clicking #btn should run its click handler"
    );
    page.press_key("ArrowRight");
    assert_eq!(
        page.text("#last-key"),
        "ArrowRight",
        "the keydown handler should see ArrowRight"
    );

    // Following a link into a directory with a space and Chinese characters in its name.
    page.click_and_wait_navigation("#next");
    let chinese = fixture_url("中文 目录/页面.html");
    assert_eq!(page.url(), chinese, "the link should lead to the Chinese-named page");
    assert_eq!(page.text("h1"), "页面");
    page.assert_no_problems();

    page.click_and_wait_navigation("#back");
    assert_eq!(page.url(), clean, "the back link should lead to clean.html again");

    // goto the same page again still waits for a fresh load.
    page.eval_json("window.leftover = 1");
    page.goto(&clean);
    assert_eq!(
        page.eval_json("typeof window.leftover"),
        json!("undefined"),
        "goto should load a new document"
    );
    page.assert_no_problems();

    // PDF and screenshot.
    let pdf = page.print_pdf(&PrintOptions::default());
    assert!(
        pdf.starts_with(b"%PDF-"),
        "print_pdf should return a PDF, got {} bytes",
        pdf.len()
    );
    // clean.html's stylesheet says `@page { size: A5 }`: 148 x 210 mm = 419.5 x 595.3 pt.
    let (width, height) = first_media_box(&pdf).expect("the PDF should have a /MediaBox");
    assert!(
        (width - 419.5).abs() < 2.0 && (height - 595.3).abs() < 2.0,
        "print_pdf should honour the CSS @page size (A5, 419.5 x 595.3 pt), got {width} x {height} pt"
    );
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser_harness/clean.png");
    page.screenshot_png(&shot);
    let png = std::fs::read(&shot).expect("screenshot file");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "screenshot_png should write a PNG"
    );
    page.assert_no_problems();
}

#[test]
fn every_kind_of_problem_is_reported() {
    let browser = Browser::launch();
    // (fixture, what the problem list must mention, what kind of problem this is)
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "console-error.html",
            &["console.error: deliberate console error from the fixture"],
            "a console.error",
        ),
        (
            "exception.html",
            &["uncaught exception", "deliberate uncaught exception from the fixture"],
            "an uncaught exception",
        ),
        (
            "missing-image.html",
            &["no-such-image.png", "ERR_FILE_NOT_FOUND"],
            "a missing image",
        ),
        (
            "remote-image.html",
            &["network request from a page opened over file://: http://example.invalid/x.png"],
            "a request to the network",
        ),
        ("missing-assets.html", &["no-such-style.css"], "a missing stylesheet"),
        ("missing-assets.html", &["no-such-script.js"], "a missing script"),
        ("fetch-json.html", &["data.json"], "a fetch() from a file:// page"),
    ];
    let mut failures = Vec::new();
    let page = browser.page();
    for (name, needles, kind) in cases {
        page.clear_problems();
        page.goto(&fixture_url(name));
        let problems = page.problems();
        let all = problems.join("\n");
        for needle in *needles {
            if !all.contains(needle) {
                failures.push(format!(
                    "{name}: {kind} was not reported (expected a problem mentioning {needle:?}); problems were:\n    {}",
                    if problems.is_empty() { "(none)".to_string() } else { problems.join("\n    ") }
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "the harness missed problems:\n{}",
        failures.join("\n")
    );

    // images_not_loaded names the broken image.
    page.goto(&fixture_url("missing-image.html"));
    assert_eq!(page.images_not_loaded(), vec!["no-such-image.png".to_string()]);

    // assert_no_problems panics and lists what went wrong.
    page.clear_problems();
    page.goto(&fixture_url("console-error.html"));
    let failure = catch_unwind(AssertUnwindSafe(|| page.assert_no_problems()))
        .expect_err("assert_no_problems must fail on a page with a console.error");
    let message = panic_message(failure);
    assert!(
        message.contains("deliberate console error from the fixture") && message.contains("console-error.html"),
        "assert_no_problems should list the problem and the page, got: {message}"
    );
    page.clear_problems();
    page.assert_no_problems();
}

#[test]
fn http_error_statuses_are_reported() {
    let server = StaticServer::start(&fixture(""));
    let browser = Browser::launch();
    let page = browser.open(&format!("{}missing-image.html", server.url));
    let problems = page.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("HTTP 404") && p.contains("/no-such-image.png")),
        "a 404 for /no-such-image.png should be reported; problems were: {problems:#?}"
    );
    assert!(
        !problems.iter().any(|p| p.contains("opened over file://")),
        "requests from an http:// page are not subject to the file:// rule; problems were: {problems:#?}"
    );
}
