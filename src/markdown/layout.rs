//! A rough estimate of how tall a slide's content is on the deck canvas (1280 × 720,
//! 64 px padding, 30 px text), so the build can warn about slides that will have to be
//! shrunk a lot. The deck itself measures and scales exactly; this only has to be close
//! enough to catch slides that are far too long.

use pulldown_cmark::TagEnd;

use super::is_cjk;

/// Usable height of the canvas, in px (the width depends on the aspect).
pub const CONTENT_HEIGHT: f32 = 720.0 - 2.0 * 56.0;
const LINE: f32 = 30.0 * 1.4;

/// Width of text at the deck's body size: CJK characters are square, others about half.
pub fn text_width(text: &str) -> f32 {
    text.chars().map(|c| if is_cjk(c) { 30.0 } else { 16.0 }).sum()
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

/// Blocks after which the running text width starts again.
pub fn ends_block(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell
    )
}

pub fn code_height(code: &str) -> f32 {
    code.lines().count() as f32 * 32.0 + 32.0
}
