//! `lectern import` on the idioms of real public books and decks: mdBook's `{{#include}}`,
//! GitBook's `{% hint %}` blocks, docsify's `':include'`, invalid front matter, images
//! named by deck directives, a deck as `README.md`, nested links whose targets are missing.

mod common;

use common::fixture::Fixture;

/// `tests/fixtures/import/NAME` as `prog` with `files` written into it, imported into
/// `dest`: (fixture, exit code, stderr).
fn import(name: &str, files: &[(&str, &str)], extra: &[&str]) -> (Fixture, Option<i32>, String) {
    let f = Fixture::new(&format!("import/{name}"));
    for (rel, text) in files {
        f.write(rel, text);
    }
    let mut args = vec!["import", "prog", "dest"];
    args.extend_from_slice(extra);
    let run = f.run_bare(&args);
    (f, run.code, run.stderr)
}

fn dest(f: &Fixture, rel: &str) -> String {
    std::fs::read_to_string(f.dir.path().join("dest").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_linked_image_whose_targets_are_both_missing_becomes_its_alt_text() {
    let (f, code, report) = import(
        "blank",
        &[(
            "01-电影.md",
            "# 电影列表\n\n[![电影列表截图](_static/image2.png)](_static/image1.png)\n",
        )],
        &[],
    );
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("references broken in the source: 2"), "{report}");
    let lesson = dest(&f, "content/lessons/01-第-1-部分/01-电影.md");
    assert!(lesson.ends_with("\n电影列表截图\n"), "{lesson}");
}

#[test]
fn mdbook_includes_are_expanded_as_mdbook_does() {
    let (f, code, report) = import("mdbook-include", &[], &[]);
    assert_eq!(code, Some(0), "{report}");
    let lesson = dest(&f, "content/lessons/01-第-1-部分/01-ownership.md");
    assert!(
        lesson.starts_with("---\ntitle: \"所有权（Ownership）入门\"\n---\n"),
        "{lesson}"
    );
    // A Markdown fragment spliced in, and not a lesson of its own.
    assert!(lesson.contains("\n> 小提示：`cargo run` 会先编译"), "{lesson}");
    assert!(!report.contains("tip.md"), "{report}");
    // rustdoc_include: the anchor's lines shown, the others hidden, anchor lines gone.
    assert!(
        lesson.contains("```rust\n# use std::fmt;\n# \nfn first_word(s: &str) -> &str {\n    s.split(' ')"),
        "{lesson}"
    );
    assert_eq!(
        lesson.matches("ANCHOR").count(),
        2,
        "only the playground's whole file has them: {lesson}"
    );
    assert!(
        lesson.contains("```rust\nfn first_word(s: &str) -> &str {\n    s.split(' ').next().unwrap_or(\"\")\n}\n```"),
        "{lesson}"
    );
    assert!(lesson.contains("```console\n$ cargo run\n你好\n```"), "{lesson}");
    assert!(lesson.contains("```rust,editable\nuse std::fmt;"), "{lesson}");
    assert!(lesson.contains("要转义：`{{#include file.rs}}`。"), "{lesson}");
    // A file that is not there: reported where it is written, the directive kept.
    assert!(lesson.contains("{{#include 不存在.rs}}"), "{lesson}");
    assert!(
        report.contains("prog/src/ownership.md:28:1") && report.contains("`src/不存在.rs` does not exist"),
        "{report}"
    );
    let build = f.run_bare(&["--root", "dest", "build", "--out", "out"]);
    assert!(build.success, "{}", build.stderr);
}
