//! Marp and reveal-md decks as their authors write them (`tests/fixtures/decks-wild`):
//! their front matter never stops the build, and each deck has the slides and the slides
//! with notes that its own tool gives (the fixture's README, which says why).

mod common;

use common::fixture::Fixture;
use scraper::{Html, Selector};

/// One row of the README's table: the deck and what its tool makes of it.
struct ToolCount {
    deck: String,
    slides: usize,
    with_notes: usize,
    needs_split: bool,
}

fn tool_counts() -> Vec<ToolCount> {
    let readme = std::fs::read_to_string(common::repo_root().join("tests/fixtures/decks-wild/README.md")).unwrap();
    let rows: Vec<ToolCount> = readme
        .lines()
        .filter(|l| l.starts_with("| 0"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            ToolCount {
                deck: cells[1].to_string(),
                slides: cells[3].parse().unwrap(),
                with_notes: cells[4].parse().unwrap(),
                needs_split: cells[5] == "yes",
            }
        })
        .collect();
    assert!(rows.len() >= 4, "the README's table has a row per deck");
    rows
}

/// Slides, and slides with speaker notes, in the built deck.
fn deck_counts(f: &Fixture, deck: &str) -> (usize, usize) {
    let html = Html::parse_document(&f.read_out(&format!("decks/{deck}.html")));
    let slides = html
        .select(&Selector::parse(".deck-stage > section.slide").unwrap())
        .count();
    let with_notes = html
        .select(&Selector::parse(".deck-stage > section.slide > aside.notes").unwrap())
        .count();
    (slides, with_notes)
}

fn check_counts(needs_split: bool) {
    let f = Fixture::new("decks-wild");
    f.build_ok(&["--notes"]);
    let mut checked = 0;
    for row in tool_counts().into_iter().filter(|r| r.needs_split == needs_split) {
        assert_eq!(
            deck_counts(&f, &row.deck),
            (row.slides, row.with_notes),
            "{}: (slides, slides with notes) as its tool counts them",
            row.deck
        );
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn decks_build_with_no_errors_and_their_unknown_keys_are_warnings_at_the_key() {
    let f = Fixture::new("decks-wild");
    let run = f.build_ok(&[]);
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    // reveal-md's `duration: 40 min` is a warning that names the key, at its line.
    assert!(
        run.stderr
            .contains("warning: front-matter key `duration` ignored in this reveal.js deck"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("--> content/lessons/02-reveal/01-positioning.md:10:1"),
        "{}",
        run.stderr
    );
    // A typo in a Lectern lesson stays an error: only decks are lenient.
    f.write(
        "content/lessons/01-marp/03-plain.md",
        "---\ntitle: 普通课\ntag: GMV\n---\n\n正文\n",
    );
    let run = f.build(&[]);
    assert!(
        !run.success && run.stderr.contains("error: unknown front-matter key `tag`"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_key_in_a_marp_deck_is_a_warning_not_an_error() {
    let f = Fixture::new("decks-wild");
    f.edit("content/lessons/01-marp/01-hit-review.md", |t| {
        t.replacen("marp: true\n", "marp: true\npresenter: 张老师\n", 1)
    });
    let run = f.build_ok(&[]);
    assert!(
        run.stderr
            .contains("warning: front-matter key `presenter` is not one Lectern knows; ignored in this Marp deck"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("01-hit-review.md:3:1"), "{}", run.stderr);
}

#[test]
fn slide_and_note_counts_match_the_tools() {
    check_counts(false);
}

#[test]
fn slide_and_note_counts_match_the_tools_where_they_split_differently() {
    check_counts(true);
}

#[test]
fn gradients_in_directives_are_css_and_url_targets_are_embedded() {
    let f = Fixture::new("decks-wild");
    f.build_ok(&[]);
    let deck = f.read_out("decks/01-marp/01-hit-review.html");
    assert!(
        deck.contains("background-image:linear-gradient(180deg, #fffbe6 0%, #ffffff 100%)"),
        "the front matter's gradient is the deck's background"
    );
    assert!(
        deck.contains("background-image:url(&#39;data:image/svg+xml;base64,"),
        "`url(images/grid.svg)` in a spot directive is a file, embedded"
    );
    // A missing file behind `url(…)` is still reported, where it is written.
    f.edit("content/lessons/01-marp/01-hit-review.md", |t| {
        t.replace("images/grid.svg", "images/格子.svg")
    });
    let run = f.build(&[]);
    assert!(
        !run.success
            && run
                .stderr
                .contains("image not found: `content/lessons/01-marp/images/格子.svg`"),
        "{}",
        run.stderr
    );
}

#[test]
fn marp_image_keywords_are_not_shown_as_text_and_filters_are_css() {
    let f = Fixture::new("decks-wild");
    f.build_ok(&[]);
    let deck = f.read_out("decks/01-marp/01-hit-review.html");
    // `header: '![h:28](images/grid.svg) 直播切片 KOC 训练营'`: the logo's size is no text.
    assert!(
        deck.contains(r#"<header class="deck-header">直播切片 KOC 训练营</header>"#),
        "{}",
        deck.lines().find(|l| l.contains("deck-header")).unwrap_or("no header")
    );
    assert!(!deck.contains("h:28"));
    // `![w:240 h:120 sepia](images/grid.svg)`: Marp's filter, on the page and in the deck.
    let page = f.read_out("lessons/01-marp/01-hit-review.html");
    for html in [&deck, &page] {
        assert!(
            html.contains(r#"alt="" width="240" height="120" style="filter:sepia(1);""#),
            "{}",
            html.lines().find(|l| l.contains("width=\"240\"")).unwrap_or("no image")
        );
    }
}

#[test]
fn reveal_element_comments_give_classes_and_an_image_size() {
    let f = Fixture::new("decks-wild");
    f.build_ok(&[]);
    // `- 商品特写 <!-- .element: class="fragment" -->`: the item is a step.
    // `![参考网格](…) <!-- .element: style="width: 40%" class="fragment" -->`: the image.
    for path in [
        "decks/02-reveal/03-cover-design.html",
        "lessons/02-reveal/03-cover-design.html",
    ] {
        let html = f.read_out(path);
        assert!(html.contains("<li class=\"fragment\">商品特写 </li>"), "{path}");
        assert!(
            html.contains(r#"<img class="fragment" style="width:40%;" src=""#),
            "{path}: {}",
            html.lines().find(|l| l.contains("参考网格")).unwrap_or("no image")
        );
        assert!(!html.contains(".element"), "{path}: the comment is gone");
    }
}

#[test]
fn hash_routes_past_the_last_slide_are_warnings_with_the_count() {
    let f = Fixture::new("decks-wild");
    f.edit("content/lessons/02-reveal/01-positioning.md", |t| {
        t.replace("(#/3)", "(#/7)")
    });
    let run = f.build_ok(&[]);
    assert!(
        run.stderr
            .contains("warning: no slide `#/7` in the deck: it has 5 slides in 4 columns"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_marp_class_list_is_every_slide_s_classes_joined_with_spaces() {
    let f = Fixture::new("decks-wild");
    f.edit("content/lessons/01-marp/01-hit-review.md", |t| {
        t.replacen("marp: true\n", "marp: true\nclass:\n  - invert\n  - lead\n", 1)
    });
    let run = f.build_ok(&[]);
    assert!(!run.stderr.contains("`class`"), "{}", run.stderr);
    let deck = f.read_out("decks/01-marp/01-hit-review.html");
    assert!(
        deck.contains("invert lead"),
        "Marpit joins `class: [invert, lead]` with spaces"
    );
}
