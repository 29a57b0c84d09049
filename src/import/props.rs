//! Whole chapters from fragments of nested links, images, directives and blocks, through
//! every layout's conversion: no input makes the import panic.

use super::outline::{Chapter, Group, Outline};
use super::tree::SourceTree;
use super::ImportOptions;

fn import_chapter(md: &str, flags: (bool, bool, bool)) {
    let tree = SourceTree::from_texts(
        "src",
        &[
            ("a.md", md),
            ("img/a.png", "png"),
            ("b.md", "# B\n"),
            ("x.rs", "fn main() {}\n"),
        ],
    );
    let outline = Outline {
        groups: vec![Group {
            title: None,
            chapters: vec![Chapter {
                title: None,
                path: "a.md".into(),
            }],
        }],
        mdbook: flags.0,
        gitbook: flags.1,
        machinery: if flags.2 {
            vec!["_sidebar.md".into()]
        } else {
            Vec::new()
        },
        ..Outline::default()
    };
    let opts = ImportOptions {
        src: "src".into(),
        dest: "dest".into(),
        from: None,
        title: None,
        language: None,
        force: false,
        keep_broken: false,
        per_module: 10,
    };
    let _ = super::plan::plan(&tree, outline, &opts);
}

proptest::proptest! {
    #[test]
    fn no_chapter_makes_the_import_panic(parts in proptest::collection::vec(
        proptest::sample::select(vec![
            "[", "]", "(", ")", "![", "截图", "img/a.png", "gone.png", "b.md", " ':include'", " ':ignore'",
            " \"题\"", "\n", "```", "`", "{{#include x.rs:2}}", "\\{{#title t}}", "{% hint style=\"info\" %}",
            "{% endhint %}", "{% file src=\"gone.pdf\" %}", "{% embed url=\"https://a.b\" %}", "{% endembed %}",
            "<img data-src=\"gone.png\">", "<!-- _backgroundImage: url(gone.png) -->", "bg left:40% ", "---\n",
            "title: a: b\n", "é",
        ]),
        0..30,
    ), flags in (proptest::bool::ANY, proptest::bool::ANY, proptest::bool::ANY)) {
        import_chapter(&parts.concat(), flags);
    }
}
