//! The deck's layout numbers, a rough estimate of how tall a slide's content is on the
//! canvas, and the warning about slides the deck will have to shrink a lot. The deck
//! itself measures and scales exactly; the estimate only has to be close enough to catch
//! slides that are far too long.
//!
//! The numbers live here and nowhere else: the estimate reads them directly, and every
//! deck carries them as CSS custom properties ([`Canvas::css_properties`]) that deck.css
//! lays the slide out with and deck.js measures the room for its content with.

use std::sync::Arc;

use pulldown_cmark::TagEnd;

use super::{is_cjk, RenderedDoc};
use crate::config::Aspect;
use crate::diag::{Diagnostic, SourceFile};

/// Room kept clear left and right of the content, in px.
pub const PADDING_X: u32 = 64;
/// Room above the content.
pub const PADDING_TOP: u32 = 56;
/// Room below the content, clear of the slide number (centred slides keep it above too).
pub const PADDING_BOTTOM: u32 = 48;
/// The body text: its size in px and its line height.
pub const TEXT_SIZE: f32 = 30.0;
pub const LINE_HEIGHT: f32 = 1.4;
/// Footnotes on a slide are small print at its bottom, with the same line height.
pub const FOOTNOTE_SIZE: f32 = 18.0;
/// The deck never shrinks a slide's content below this scale (deck.js reads it as
/// `--deck-min-scale`); what is still too tall is cut off, and the build warns.
pub const MIN_SCALE: f32 = 0.6;
/// In a Lectern lesson, a slide the deck would shrink below this scale continues on the
/// next deck slide instead (`markdown::DeckPart`); parts are filled to the full height.
pub const CONTINUE_BELOW: f32 = 0.8;
/// A line of code (22 px at line height 1.45, rounded up) and a code block's padding.
pub const CODE_LINE: f32 = 32.0;
pub const CODE_PADDING: f32 = 32.0;

/// A deck's canvas in CSS px: every slide is laid out at this size, then scaled to the
/// window (and printed at it, one slide per page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Canvas {
    pub width: u32,
    pub height: u32,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas::of(Aspect::default())
    }
}

impl Canvas {
    pub fn of(aspect: Aspect) -> Canvas {
        match aspect {
            Aspect::Wide => Canvas {
                width: 1280,
                height: 720,
            },
            Aspect::Standard => Canvas {
                width: 960,
                height: 720,
            },
        }
    }

    /// Width the slide's text runs in.
    pub fn content_width(self) -> f32 {
        (self.width - 2 * PADDING_X) as f32
    }

    /// Height the slide's content may take before the deck shrinks it (deck.js `fitContent`).
    pub fn content_height(self) -> f32 {
        (self.height - PADDING_TOP - PADDING_BOTTOM) as f32
    }

    /// The canvas and its margins as CSS custom properties on `:root`, for the deck's
    /// `<style>`: deck.css and deck.js read these instead of repeating the numbers.
    pub fn css_properties(self) -> String {
        let Canvas { width, height } = self;
        format!(
            ":root {{ --deck-w: {width}px; --deck-h: {height}px; --deck-w-n: {width}; --deck-h-n: {height}; \
             --deck-pad-x: {PADDING_X}px; --deck-pad-top: {PADDING_TOP}px; --deck-pad-bottom: {PADDING_BOTTOM}px; \
             --deck-text: {TEXT_SIZE}px; --deck-line: {LINE_HEIGHT}; --deck-footnote-text: {FOOTNOTE_SIZE}px; \
             --deck-min-scale: {MIN_SCALE}; }}"
        )
    }
}

/// The width counted for an image in a line of text or of other images (a badge).
pub const INLINE_IMAGE_WIDTH: f32 = 120.0;

/// One line of body text.
const LINE: f32 = TEXT_SIZE * LINE_HEIGHT;
/// One line of footnote text.
const FOOTNOTE_LINE: f32 = FOOTNOTE_SIZE * LINE_HEIGHT;

/// Width of text at the deck's body size: CJK characters are square, others about half.
pub fn text_width(text: &str) -> f32 {
    text.chars().map(|c| if is_cjk(c) { TEXT_SIZE } else { 16.0 }).sum()
}

fn lines(width: f32, content_width: f32) -> f32 {
    (width / content_width).ceil().max(1.0)
}

pub fn block_height(tag: &TagEnd, width: f32, content_width: f32) -> f32 {
    match tag {
        TagEnd::Paragraph => lines(width, content_width) * LINE + 16.0,
        TagEnd::Item => lines(width, content_width) * LINE + 6.0,
        TagEnd::Heading(level) => match *level as u8 {
            1 => 64.0 + 24.0,
            2 => 52.0 + 20.0,
            _ => 44.0 + 16.0,
        },
        TagEnd::TableRow | TagEnd::TableHead => 48.0,
        TagEnd::Image => 320.0,
        _ => 0.0,
    }
}

/// Height of a footnote whose text is `width` px wide at the body size, set in small print.
pub fn footnote_height(width: f32, content_width: f32) -> f32 {
    lines(width * (FOOTNOTE_SIZE / TEXT_SIZE), content_width) * FOOTNOTE_LINE
}

/// Blocks after which the running text width starts again.
pub fn ends_block(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell
    )
}

/// A display formula: a line per row (`\\`), taller when it stacks (fractions, limits, matrices).
pub fn formula_height(tex: &str) -> f32 {
    let rows = 1 + tex.matches("\\\\").count();
    let stacks = ["\\frac", "\\sum", "\\int", "\\prod", "\\lim", "\\begin", "\\binom"]
        .iter()
        .any(|c| tex.contains(c));
    rows as f32 * LINE * if stacks { 1.6 } else { 1.0 } + 16.0
}

/// An inline formula: about half as wide as its LaTeX (commands and braces take no room).
pub fn formula_width(tex: &str) -> f32 {
    text_width(tex) / 2.0
}

pub fn code_height(code: &str) -> f32 {
    code.lines().count() as f32 * CODE_LINE + CODE_PADDING
}

/// The deck slides of the lesson in `file` whose estimated height makes the deck shrink
/// them below `min_scale` (`deck.min_scale`) on `canvas`, numbered as the deck shows them.
/// A slide cut into parts is checked part by part: only a block that cannot be cut is
/// left too tall.
pub fn overflow_warnings(doc: &RenderedDoc, file: &Arc<SourceFile>, canvas: Canvas, min_scale: f32) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (i, slide) in doc.slides.iter().enumerate() {
        let whole = [(slide.start, slide.estimated_height)];
        let parts: Vec<(usize, u32)> = match slide.deck_parts.is_empty() {
            true => whole.to_vec(),
            false => slide.deck_parts.iter().map(|p| (p.start, p.estimated_height)).collect(),
        };
        for (k, (start, height)) in parts.into_iter().enumerate() {
            let scale = canvas.content_height() / height.max(1) as f32;
            if scale >= min_scale {
                continue;
            }
            let number = doc.deck_number(i) + k;
            let message = match scale < MIN_SCALE {
                true => format!(
                    "slide {number} is too long for the deck: it would need shrinking to about {:.0}%, \
                     below the {:.0}% the deck allows, so its end is cut off",
                    scale * 100.0,
                    MIN_SCALE * 100.0
                ),
                false => format!(
                    "slide {number} is too long for the deck: it will be shrunk to about {:.0}% to fit",
                    scale * 100.0
                ),
            };
            let help = match slide.deck_parts.is_empty() {
                true => "split it with a `---` line, or move detail into the speaker notes",
                false => {
                    "this block cannot continue on the next slide: shorten it, or move detail into the speaker notes"
                }
            };
            warnings.push(Diagnostic::warning(message).at(file, start..start).help(help));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Slide;

    fn slide(start: usize, estimated_height: u32) -> Slide {
        Slide {
            html: "<p>直播切片</p>\n".into(),
            notes_html: String::new(),
            footnotes_html: String::new(),
            notes_footnotes_html: String::new(),
            start,
            title: None,
            style: Default::default(),
            estimated_height,
            deck_parts: Vec::new(),
            route: Default::default(),
        }
    }

    #[test]
    fn the_warning_threshold_is_the_room_deck_js_gives_the_content() {
        // deck.js keeps PADDING_TOP above and PADDING_BOTTOM below top-aligned content:
        // 720 − 56 − 48 = 616 px. At 1,020 px a slide is shrunk to 616 / 1020 ≈ 60.4 %,
        // which `min_scale: 0.6` allows (measured against 608 px it would be 59.6 %).
        let text = "## 一\n\n---\n\n## 二\n";
        let file = SourceFile::new("content/lessons/m/a.md", text.into());
        let doc = RenderedDoc {
            slides: vec![slide(0, 1020), slide(text.find("## 二").unwrap(), 1540)],
            opens_with_heading: true,
            ..RenderedDoc::default()
        };
        let warnings = overflow_warnings(&doc, &file, Canvas::default(), 0.6);
        let messages: Vec<&str> = warnings.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["slide 2 is too long for the deck: it would need shrinking to about 40%, below the 60% the deck allows, so its end is cut off"]
        );
        assert_eq!(warnings[0].position().unwrap(), "content/lessons/m/a.md:5:1");
    }

    #[test]
    fn warnings_count_the_title_slide() {
        let file = SourceFile::new("content/lessons/m/a.md", "正文\n".into());
        let doc = RenderedDoc {
            slides: vec![slide(0, 2000)],
            opens_with_heading: false,
            ..RenderedDoc::default()
        };
        let warnings = overflow_warnings(&doc, &file, Canvas::of(Aspect::Standard), 0.6);
        assert!(warnings[0].message.starts_with("slide 2 "), "{}", warnings[0].message);
    }
}
