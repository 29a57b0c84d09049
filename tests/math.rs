//! Math at build time (docs/authoring.md, "Math"; src/markdown/math.rs): every formula
//! of `tests/fixtures/math` becomes MathML in the page and the deck, and each broken one
//! is a warning at its FILE:LINE:COL, shown as its source.

mod common;

use common::fixture::Fixture;
use common::html::{sel, texts};
use pulldown_cmark::{Event, Options, Parser};
use scraper::Html;

const FORMULAS: &str = "content/lessons/01-数学/01-公式.md";
const BROKEN: &str = "content/lessons/01-数学/02-出错.md";
const PAGE: &str = "lessons/01-数学/01-公式.html";
const DECK: &str = "decks/01-数学/01-公式.html";

/// The paragraph of the lesson written with `\(…\)` and `\[…\]`.
const LATEX_DELIMITERS: &str = "有的教材写";

/// How many formulas the lesson has: `$…$`/`$$…$$` as pulldown-cmark finds them, and the
/// openings of the paragraph written with LaTeX's delimiters.
fn formulas_in(source: &str) -> usize {
    let dollars = Parser::new_ext(source, Options::ENABLE_MATH)
        .filter(|e| matches!(e, Event::InlineMath(_) | Event::DisplayMath(_)))
        .count();
    let line = source.lines().find(|l| l.starts_with(LATEX_DELIMITERS)).unwrap();
    dollars + line.matches("\\(").count() + line.matches("\\[").count()
}

fn built() -> Fixture {
    let f = Fixture::new("math");
    let run = f.build_ok(&[]);
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    f
}

fn article(html: &str) -> Html {
    let doc = Html::parse_document(html);
    let article = doc.select(&sel("article")).next().expect("an article").html();
    Html::parse_fragment(&article)
}

#[test]
fn every_formula_becomes_mathml_in_page_and_deck() {
    let f = built();
    let expected = formulas_in(&f.read(FORMULAS));
    assert!(expected >= 60, "the fixture has {expected} formulas");
    let page = f.read_out(PAGE);
    let doc = article(&page);
    // The speaker notes' formula is in neither (the instructor's deck copy has it).
    let notes = 1;
    assert_eq!(
        doc.select(&sel("math")).count(),
        expected - notes,
        "formulas on the page"
    );
    assert_eq!(doc.select(&sel(".math-error")).count(), 0);
    let deck = f.read_out(DECK);
    assert_eq!(deck.matches("<math").count(), expected - notes, "formulas in the deck");
    assert!(!deck.contains("math-error"));
    // Nothing is left as LaTeX in the text around the formulas, code aside.
    let text: String = doc
        .root_element()
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| (n, t)))
        .filter(|(n, _)| {
            !n.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| ["math", "code"].contains(&e.name()))
            })
        })
        .map(|(_, t)| t.to_string())
        .collect();
    for raw in ["\\frac", "\\sum", "\\begin", "$$", "\\(", "\\["] {
        assert!(!text.contains(raw), "`{raw}` left in the text: {text}");
    }
}

#[test]
fn math_keeps_the_emphasis_around_it() {
    let doc = article(&built().read_out(PAGE));
    // `$X_{t+1}$` inside `_…_` and `*…*`: its `_` (and the `*` of `V^*`) once ended the
    // emphasis mid-sentence, or began one between two formulas.
    let emphasised: Vec<String> = doc.select(&sel("em")).map(|e| e.text().collect()).collect();
    for start in ["状态", "下一状态"] {
        assert!(
            emphasised
                .iter()
                .any(|t| t.starts_with(start) && t.ends_with("整句强调")),
            "no whole sentence from {start} emphasised: {emphasised:?}"
        );
    }
    let em = doc
        .select(&sel("em"))
        .find(|e| e.text().collect::<String>().starts_with("状态"))
        .unwrap();
    assert_eq!(em.select(&sel("math")).count(), 2, "{}", em.html());
    assert!(em.select(&sel("msub")).count() >= 2);
    for (place, selector) in [
        ("strong", "strong math"),
        ("bold italic", "em strong math, strong em math"),
        ("strikethrough", "del math"),
        ("table cell", "td math"),
        ("list item", "li math"),
        ("footnote", "#fn-1 math, .footnotes math"),
        ("heading-level section", "p math[display=\"block\"]"),
    ] {
        assert!(doc.select(&sel(selector)).next().is_some(), "no formula in a {place}");
    }
}

#[test]
fn dollars_in_currency_and_code_and_escaped_parens_stay_text() {
    let doc = article(&built().read_out(PAGE));
    let paragraphs = texts(&doc, "p").join("\n");
    assert!(paragraphs.contains("$5 and $10 两档"), "{paragraphs}");
    assert!(
        paragraphs.contains("转义的括号 (注) 和引用编号 [1] 不是公式"),
        "{paragraphs}"
    );
    let code = texts(&doc, "code");
    assert!(
        code.contains(&"$x$".to_string()) && code.contains(&"\\(x^2\\)".to_string()),
        "{code:?}"
    );
}

#[test]
fn search_text_keeps_the_latex() {
    let f = built();
    let records: String = std::fs::read_dir(f.out().join("search"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for typed in ["X_{t+1}", "operatorname{softmax}", "满足条件的样本数"] {
        assert!(records.contains(typed), "search text lacks {typed}");
    }
}

#[test]
fn broken_formulas_are_warnings_at_the_command_and_show_as_source() {
    let f = Fixture::new("math");
    let run = f.build_ok(&[]);
    let source = f.read(BROKEN);
    // Where each broken command is in the file, as `FILE:LINE:COL`.
    let at = |needle: &str| {
        let offset = source
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} not in the fixture"));
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
        format!("--> {BROKEN}:{line}:{col}")
    };
    for needle in ["\\nosuch", "\\end{bmatrix}", "\\tag{1}", "贝尔曼", "\\unknownmacro"] {
        let place = at(needle);
        assert!(run.stderr.contains(&place), "no warning {place} in:\n{}", run.stderr);
    }
    assert_eq!(
        run.stderr.matches("warning: formula not converted to MathML").count(),
        5
    );
    let doc = article(&f.read_out("lessons/01-数学/02-出错.html"));
    let shown = texts(&doc, "code.math-error");
    assert_eq!(shown.len(), 5, "{shown:?}");
    assert!(shown.contains(&"$a + \\nosuch{b}$".to_string()), "{shown:?}");
    assert!(
        shown.contains(&"\\(\\frac{1}{2} + \\unknownmacro\\)".to_string()),
        "{shown:?}"
    );
}
