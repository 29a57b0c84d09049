//! Snapshot tests of rendered pages, where the exact structure matters to themes and CSS.
//! Review changes with `cargo insta review` (or read the .snap.new files).

mod common;

use common::fixture::Fixture;

/// The `<main>` element: the part of the page the content model controls.
fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page closes <main>") + "</main>".len();
    html[start..end]
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn lesson_page() {
    let f = Fixture::new("good");
    f.build_ok(&[]);
    insta::assert_snapshot!(main_of(&f.read_out("lessons/01-基础/01-intro.html")));
}

#[test]
fn home_page() {
    let f = Fixture::new("good");
    f.build_ok(&[]);
    insta::assert_snapshot!(main_of(&f.read_out("index.html")));
}

#[test]
fn module_page() {
    let f = Fixture::new("good");
    f.build_ok(&[]);
    insta::assert_snapshot!(main_of(&f.read_out("lessons/02-advanced/index.html")));
}
