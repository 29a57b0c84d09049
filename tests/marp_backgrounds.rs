//! Marp's `![bg]` images as real decks write them: several on one slide, with a split, with
//! the `backgroundImage` directive, with size and filter keywords (Marpit's "advanced
//! backgrounds"). Each image is a box of its own in a layer under the slide's content.

mod common;

use common::fixture::Fixture;
use common::html::sel;
use scraper::{ElementRef, Html};

const SVG: &[u8] = b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>";

/// The `good` programme with a Marp lesson of the given body; its built deck.
fn deck(body: &str) -> Html {
    let f = Fixture::new("good");
    for name in ["a", "b", "grid"] {
        f.write_bytes(&format!("content/lessons/03-marp/images/{name}.svg"), SVG);
    }
    f.write("content/lessons/03-marp/01-bg.md", body);
    f.build_ok(&[]);
    Html::parse_document(&f.read_out("decks/03-marp/01-bg.html"))
}

fn slides(deck: &Html) -> Vec<ElementRef<'_>> {
    deck.select(&sel(".deck-stage > section.slide")).collect()
}

/// The `style` of each background box of a slide.
fn boxes(slide: &ElementRef) -> Vec<String> {
    slide
        .select(&sel(".deck-bg > figure"))
        .map(|f| f.value().attr("style").unwrap_or_default().to_string())
        .collect()
}

#[test]
fn several_backgrounds_on_a_split_all_show_on_its_side() {
    let deck = deck(
        "---\nmarp: true\n---\n\n# 直播间的一天\n\n---\n\n![bg left:40%](images/a.svg)\n![bg](images/b.svg)\n\n## 两个机位 camera\n",
    );
    let slides = slides(&deck);
    let split = slides[1];
    let class = split.value().attr("class").unwrap();
    assert!(class.split(' ').any(|c| c == "split-left"), "{class}");
    let style = split.value().attr("style").unwrap();
    assert!(style.contains("--split-width:40%"), "{style}");
    let pictures = boxes(&split);
    assert_eq!(pictures.len(), 2, "both pictures, not only the last: {pictures:?}");
    assert!(pictures
        .iter()
        .all(|b| b.contains("url('data:image/svg+xml;base64,") && b.contains("background-size:cover")));
    assert!(split.select(&sel(".slide-content h2")).next().is_some());
    assert!(boxes(&slides[0]).is_empty(), "the opening slide has none");
}

#[test]
fn the_background_image_directive_shows_beside_a_split() {
    let deck = deck(
        "---\nmarp: true\nbackgroundImage: url(images/grid.svg)\n---\n\n![bg right](images/a.svg)\n\n## 左边文字，右边图片\n\n- 网格底纹 grid 在文字后面\n",
    );
    let slide = slides(&deck)[0];
    let style = slide.value().attr("style").unwrap();
    assert!(
        style.contains("background-image:url('data:image/svg+xml;base64,"),
        "the directive's image stays under the content: {style}"
    );
    assert!(style.contains("--split-width:50%"), "{style}");
    assert_eq!(boxes(&slide).len(), 1);
}

#[test]
fn size_filter_and_vertical_keywords_of_a_background_are_honoured() {
    let deck = deck(
        "---\nmarp: true\n---\n\n![bg 60% sepia](images/a.svg)\n![bg vertical fit blur:4px](images/b.svg)\n\n## 上下两张 vertical\n\n<!-- _class: invert -->\n",
    );
    let slide = slides(&deck)[0];
    let layer = slide.select(&sel(".deck-bg")).next().unwrap();
    assert_eq!(layer.value().attr("class"), Some("deck-bg vertical"));
    // A directive after the images keeps them (it is read into the same slide's style).
    assert!(slide.value().attr("class").unwrap().contains("invert"));
    let boxes = boxes(&slide);
    assert!(
        boxes[0].contains("background-size:60%;filter:sepia(1);"),
        "{}",
        boxes[0]
    );
    assert!(
        boxes[1].contains("background-size:contain;filter:blur(4px);"),
        "{}",
        boxes[1]
    );
    let style = slide.value().attr("style").unwrap_or_default();
    assert!(!style.contains("background-image"), "{style}");
}
