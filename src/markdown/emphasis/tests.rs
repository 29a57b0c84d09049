use super::*;
use crate::markdown::adjusted::parse;
use pulldown_cmark::Options;

fn html(md: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, parse(md, Options::empty(), false).into_iter().map(|(e, _)| e));
    out
}

#[test]
fn stand_ins_are_read_as_their_class_and_keep_the_length() {
    for len in 2..=4 {
        for (class, punct) in [(Class::Letter, false), (Class::Punctuation, true)] {
            for &c in stand_ins(class, len) {
                assert_eq!(c.len_utf8(), len, "{c:?}");
                assert_eq!(is_punctuation(c), punct, "{c:?}");
                assert!(!c.is_whitespace() && !is_cjk(c), "{c:?}");
            }
        }
    }
    assert!(is_punctuation('（') && is_punctuation('∇') && !is_punctuation('价') && !is_punctuation('é'));
}

#[test]
fn bold_next_to_full_width_brackets() {
    assert_eq!(
        html("和**价值迭代（value iteration）**两种"),
        "<p>和<strong>价值迭代（value iteration）</strong>两种</p>\n"
    );
    assert_eq!(
        html("**重要性采样（importance sampling）**的"),
        "<p><strong>重要性采样（importance sampling）</strong>的</p>\n"
    );
}

#[test]
fn ranges_and_strings_come_from_the_original_text() {
    let md = "和**价值（value）**两种，`代码**（x）**里` 与 [链接](a（b）**c.md)\n";
    let events = parse(md, Options::empty(), false);
    for (event, range) in &events {
        if let Event::Text(t) | Event::Code(t) = event {
            assert!(md[range.clone()].contains(t.as_ref()), "{t:?} not at {range:?}");
        }
    }
    let out = html(md);
    assert!(out.contains("<strong>价值（value）</strong>"), "{out}");
    assert!(out.contains("<code>代码**（x）**里</code>"), "{out}");
    assert!(out.contains("href=\"a%EF%BC%88b%EF%BC%89**c.md\""), "{out}");
    assert!(!out.contains('\u{E000}') && !out.contains('\u{A60D}'), "{out}");
}

#[test]
fn an_owned_string_gets_its_characters_back() {
    // A code span over two lines is an owned string in pulldown-cmark.
    let out = html("和**（甲）**乙 `和**（丙\n）**丁`\n");
    assert!(out.contains("<strong>（甲）</strong>乙"), "{out}");
    assert!(out.contains("<code>和**（丙 ）**丁</code>"), "{out}");
}

#[test]
fn latin_text_is_left_to_commonmark() {
    assert!(plan("a**\"foo\"**b and *foo*bar_ and __x__").is_empty());
    assert_eq!(html("a**\"foo\"**b\n"), "<p>a**\"foo\"**b</p>\n");
}
