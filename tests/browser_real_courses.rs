//! The three course-book fixtures of `real_courses.rs` (mdBook, docsify, GitHub) built and
//! opened in real headless Chromium over file://, as a student opens a site copied to a USB
//! stick: every local image on every page and deck loads, formulas render as MathML
//! without error elements, and docsify's `':size=550'` image is drawn 550 px wide.

mod common;

use std::path::Path;

use common::browser::{Browser, Page};
use common::fixture::Fixture;
use common::{file_url, files_with_suffix};

fn built(name: &str) -> Fixture {
    let f = Fixture::new(name);
    f.build_ok(&[]);
    f
}

/// Every page of the output a reader opens: home, module and lesson pages, and the decks.
fn reader_pages(out: &Path) -> Vec<std::path::PathBuf> {
    let mut pages = vec![out.join("index.html")];
    pages.extend(files_with_suffix(&out.join("lessons"), ".html"));
    pages.extend(files_with_suffix(&out.join("decks"), ".html"));
    pages
}

/// Local images that did not load, per page. Remote images (a README's shields.io badge)
/// cannot load offline; keeping them is issue 15's point 7, tested elsewhere.
fn local_images_not_loaded(page: &Page, out: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for path in reader_pages(out) {
        page.goto(&file_url(&path));
        for src in page.images_not_loaded() {
            if !src.starts_with("https:") && !src.starts_with("http:") {
                broken.push(format!("{}: {src}", path.strip_prefix(out).unwrap().display()));
            }
        }
    }
    broken
}

fn assert_every_local_image_loads(name: &str) {
    let f = built(name);
    let browser = Browser::launch();
    let broken = local_images_not_loaded(&browser.page(), &f.out());
    assert!(
        broken.is_empty(),
        "{name}: images that do not load over file://:\n{}",
        broken.join("\n")
    );
}

#[test]
fn mdbook_book_every_image_loads() {
    assert_every_local_image_loads("mdbook-book");
}

#[test]
fn docsify_course_every_image_loads() {
    assert_every_local_image_loads("docsify-course");
}

#[test]
fn github_guide_every_local_image_loads() {
    assert_every_local_image_loads("github-guide");
}

/// On each page: how many `<math>` elements Chromium laid out with a size, and how many
/// MathML error elements there are.
fn math_on(page: &Page, path: &Path) -> (u64, u64) {
    page.goto(&file_url(path));
    let counts = page.eval_json(
        r#"(() => {
            const drawn = [...document.querySelectorAll("math")]
                .filter(m => { const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
            return [drawn.length, document.querySelectorAll("merror").length];
        })()"#,
    );
    (counts[0].as_u64().unwrap(), counts[1].as_u64().unwrap())
}

fn assert_math_renders(name: &str, lessons: &[(&str, u64)]) {
    let f = built(name);
    let browser = Browser::launch();
    let page = browser.page();
    let mut wrong = Vec::new();
    for (rel, min) in lessons {
        let (drawn, errors) = math_on(&page, &f.out().join(rel));
        if drawn < *min || errors > 0 {
            wrong.push(format!(
                "{rel}: {drawn} formulas drawn (at least {min} expected), {errors} <merror>"
            ));
        }
    }
    assert!(wrong.is_empty(), "{name}:\n{}", wrong.join("\n"));
}

#[test]
fn mdbook_book_math_renders_in_chromium() {
    assert_math_renders(
        "mdbook-book",
        &[
            ("lessons/ch01-basics/02-descriptive.html", 10),
            ("lessons/ch02-regression/01-linear.html", 10),
        ],
    );
}

#[test]
fn docsify_course_math_renders_in_chromium() {
    assert_math_renders(
        "docsify-course",
        &[
            ("lessons/chapter2/chapter2.html", 20),
            ("lessons/chapter3/chapter3.html", 8),
        ],
    );
}

#[test]
fn docsify_size_550_image_is_drawn_550_px_wide() {
    let f = built("docsify-course");
    let browser = Browser::launch();
    let page = browser.page();
    page.goto(&file_url(&f.out().join("lessons/chapter3/chapter3.html")));
    let width = page.eval_json(
        r#"(async () => {
            const img = [...document.images].find(i => i.getAttribute("src").endsWith("q-table.png"));
            if (!img.complete) await new Promise(done => img.addEventListener("load", done, {once: true}));
            return img.getBoundingClientRect().width;
        })()"#,
    );
    // The picture is 800 px wide; the author asked for 550.
    assert_eq!(width.as_f64(), Some(550.0), "q-table.png is drawn {width} px wide");
}
