//! How each lesson is split and read ([`DocOptions`]): its own front matter first, then
//! lectern.yaml, and the tool the lesson was written for (Lectern, Marp or reveal-md),
//! whose slide rules its deck follows.

use std::sync::LazyLock;

use regex::Regex;

use crate::config::Aspect;
use crate::diag::Diagnostic;
use crate::markdown::{Canvas, DeckIdiom, DocOptions, RevealSeparators, TitleSlide};
use crate::model::{DeckTool, Lesson, Programme};
use crate::yaml::{self, Spanned};

/// reveal-md's defaults for `separator` and `verticalSeparator`: a line of `---` or `----`
/// with an empty line before and after it.
pub const REVEAL_SEPARATOR: &str = r"^(\r\n?|\n)---(\r\n?|\n)$";
const REVEAL_VERTICAL_SEPARATOR: &str = r"^(\r\n?|\n)----(\r\n?|\n)$";

/// A JavaScript separator pattern as reveal.js uses it (`new RegExp(s, 'mg')`): `^` and `$`
/// at every line, with `\r\n` endings too.
fn line_regex(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&format!("(?mR){pattern}"))
}

static DEFAULT_VERTICAL: LazyLock<Regex> =
    LazyLock::new(|| line_regex(REVEAL_VERTICAL_SEPARATOR).expect("valid pattern"));
/// reveal.js slide attributes, `<!-- .slide: data-background="#fff" -->`.
static SLIDE_ATTRIBUTES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<!--\s*\.slide:").expect("valid pattern"));

/// How `lesson` is split and read. The one place a lesson's Marp `size` is read.
/// Problems with its values (a separator that is not a regular expression) are warnings.
pub(super) fn lesson_options(programme: &Programme, lesson: &Lesson, warnings: &mut Vec<Diagnostic>) -> DocOptions {
    let front = &lesson.front;
    let idiom = deck_idiom(lesson, warnings);
    let title_slide = match idiom {
        DeckIdiom::Lectern if front.title_slide.unwrap_or(programme.config.deck.title_slide) => {
            TitleSlide::WhenNoHeading
        }
        _ => TitleSlide::Never,
    };
    DocOptions {
        slide_level: front.slide_level.or(programme.config.slide_level),
        heading_divider: front.heading_divider.as_ref().map_or(0, |d| d.level_bits()),
        comments_are_notes: matches!(idiom, DeckIdiom::Marp),
        front: super::front::front_directives(lesson),
        idiom,
        title_slide,
        unsafe_html: programme.config.unsafe_html,
        language: programme.config.language,
        canvas: Canvas::of(
            front
                .size
                .as_deref()
                .and_then(Aspect::parse)
                .unwrap_or(programme.config.deck.aspect),
        ),
    }
}

/// Whether a lesson body has a construct only reveal-md decks use: a `----` vertical slide
/// or a `<!-- .slide: … -->` attribute. (An edit that changes this changes how the whole
/// lesson is read: serve's fast path declines it.)
pub(super) fn body_marks_reveal(body: &str) -> bool {
    DEFAULT_VERTICAL.is_match(body) || SLIDE_ATTRIBUTES.is_match(body)
}

/// Marp when `marp: true`; reveal-md when the front matter is a reveal-md deck's
/// ([`LessonFront::deck_tool`]), or the
/// body has a reveal-only construct (a `----` vertical slide, `<!-- .slide: … -->`);
/// otherwise Lectern.
fn deck_idiom(lesson: &Lesson, warnings: &mut Vec<Diagnostic>) -> DeckIdiom {
    let front = &lesson.front;
    let source = &lesson.source;
    match front.deck_tool() {
        Some(DeckTool::Marp) => return DeckIdiom::Marp,
        Some(DeckTool::Reveal) => {}
        None if body_marks_reveal(&source.file.text[source.body_start..]) => {}
        None => return DeckIdiom::Lectern,
    }
    let mut compile = |given: &Option<Spanned<String>>, default: &str| {
        let Some(given) = given else {
            return line_regex(default).expect("valid pattern");
        };
        line_regex(&given.value).unwrap_or_else(|e| {
            let span = yaml::span_of(&source.file, &source.front_range, given);
            let why = e.to_string().lines().last().unwrap_or_default().trim().to_string();
            warnings.push(
                Diagnostic::warning(
                    "this separator is not a regular expression Lectern can read; reveal-md's default is used",
                )
                .at(&source.file, span)
                .label(why)
                .help(format!(
                    "write it without look-around or back-references, e.g. `{default}`"
                )),
            );
            line_regex(default).expect("valid pattern")
        })
    };
    DeckIdiom::Reveal(RevealSeparators {
        horizontal: compile(&front.separator, REVEAL_SEPARATOR),
        vertical: Some(compile(&front.vertical_separator, REVEAL_VERTICAL_SEPARATOR)),
    })
}
