//! Decks have the slides their tool makes (Marp, reveal-md, Lectern), counted in Chromium
//! and on the printed PDF; a prose chapter becomes readable slides, none shrunk below 60 %.
//! The fixture `deck-counts` explains each count in a comment in the lesson.

mod common;

use common::browser::Browser;
use common::fixture::Fixture;
use common::{file_url, pdf_page_sizes};
use lectern::markdown::layout::{Canvas, CODE_LINE, CODE_PADDING, MIN_SCALE};

/// Each lesson with the number of slides its tool's documented rules give.
const COUNTS: [(&str, usize); 6] = [
    ("01-marp-divider", 7),
    ("02-marp-levels", 3),
    ("03-reveal-default", 4),
    ("04-reveal-custom", 4),
    ("05-lectern", 4),
    ("06-lectern-no-title-slide", 2),
];

fn deck(f: &Fixture, lesson: &str) -> std::path::PathBuf {
    f.out().join(format!("decks/01-counts/{lesson}.html"))
}

#[test]
fn decks_have_the_slides_their_tool_makes_on_screen_and_in_print() {
    let f = Fixture::new("deck-counts");
    f.build_ok(&["--pdf"]);
    let browser = Browser::launch();
    for (lesson, slides) in COUNTS {
        let page = browser.open(&file_url(&deck(&f, lesson)));
        assert_eq!(
            page.eval_json("lecternDeck.current().slides").as_u64(),
            Some(slides as u64),
            "{lesson} in Chromium"
        );
        let pdf = std::fs::read(f.out().join(format!("decks/01-counts/{lesson}.pdf"))).unwrap();
        assert_eq!(pdf_page_sizes(&pdf).len(), slides, "{lesson}: PDF pages");
        page.assert_no_problems();
    }
    // Marp-only rules stay in Marp decks: `*` lists step through there, not in reveal's.
    let html = |lesson| std::fs::read_to_string(deck(&f, lesson)).unwrap();
    assert!(html("01-marp-divider").contains("<ul class=\"fragments\">"));
    assert!(!html("03-reveal-default").contains("class=\"fragments\""));
    assert!(
        !html("04-reveal-custom").contains("class=\"slide title-slide\""),
        "reveal adds no title slide"
    );
    assert!(html("05-lectern").contains("class=\"slide title-slide\""));
}

#[test]
fn a_prose_chapter_becomes_readable_slides() {
    let f = Fixture::new("deck-counts");
    let run = f.build_ok(&["--pdf"]);
    let lesson = "07-prose-chapter";
    assert!(
        !run.stderr.contains("07-prose-chapter.md"),
        "nothing left that cannot fit:\n{}",
        run.stderr
    );
    let source = std::fs::read_to_string(f.root().join(format!("content/lessons/01-counts/{lesson}.md"))).unwrap();
    let body = source.splitn(3, "---\n").nth(2).unwrap();
    assert!(body.chars().count() >= 6000, "a 6,000-character chapter");
    // At least one slide per `##` section, plus the slides the long blocks continue on:
    // the table (48 px a row, its header repeated) and the code block (a line is
    // CODE_LINE px) do not fit the room of one slide.
    let room = f64::from(Canvas::default().content_height());
    let sections = body.lines().filter(|l| l.starts_with("## ")).count();
    let rows = body.lines().filter(|l| l.starts_with("| 11 月")).count();
    let code_lines = body.lines().filter(|l| l.starts_with("clip_")).count();
    let table_slides = (rows as f64 * 48.0 / (room - 48.0)).ceil() as usize;
    let code_slides = ((code_lines as f64 * f64::from(CODE_LINE)) / (room - f64::from(CODE_PADDING))).ceil() as usize;
    let at_least = sections + (table_slides - 1) + (code_slides - 1);
    assert!(at_least >= 8, "{at_least}");

    let browser = Browser::launch();
    let page = browser.open(&file_url(&deck(&f, lesson)));
    let count = page.eval_json("lecternDeck.current().slides").as_u64().unwrap() as usize;
    assert!(count >= at_least, "{count} slides, expected at least {at_least}");
    // The scale each slide's content got (deck.js), and whether it all shows.
    let scales = page.eval_json("[...document.querySelectorAll('.slide')].map(s => parseFloat(s.dataset.scale))");
    let scales: Vec<f64> = scales.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert_eq!(scales.len(), count);
    for (i, scale) in scales.iter().enumerate() {
        assert!(*scale >= f64::from(MIN_SCALE), "slide {} shrunk to {scale}", i + 1);
    }
    let cut = page.eval_json(
        "[...document.querySelectorAll('.slide')].filter(s => \
         s.querySelector('.slide-content').getBoundingClientRect().bottom > s.getBoundingClientRect().bottom + 1).length",
    );
    assert_eq!(cut.as_u64(), Some(0), "no slide is cut off");
    // The continued slides repeat their title; the table's continue with its header row.
    let continued = page.count(".deck-continued");
    assert!(continued >= (table_slides - 1) + (code_slides - 1), "{continued}");
    let title = page.eval_json("document.querySelector('.deck-continued').textContent");
    assert!(title.as_str().unwrap().ends_with("（续）"), "{title}");
    assert_eq!(page.count(".slide table"), page.count(".slide table th:first-child"));
    assert!(page.count(".slide table") >= table_slides);
    let pdf = std::fs::read(f.out().join(format!("decks/01-counts/{lesson}.pdf"))).unwrap();
    assert_eq!(pdf_page_sizes(&pdf).len(), count, "one PDF page per slide");
    // The lesson page keeps each section whole.
    let lesson_page = std::fs::read_to_string(f.out().join(format!("lessons/01-counts/{lesson}.html"))).unwrap();
    assert!(!lesson_page.contains("（续）"));
    assert_eq!(lesson_page.matches("<table>").count(), 1);
    page.assert_no_problems();
}
