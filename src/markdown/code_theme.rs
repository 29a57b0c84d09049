//! The colours of highlighted code: syntect's InspiredGitHub (light) and base16-ocean.dark
//! themes, with every token colour made to reach WCAG AA contrast (4.5:1) on the
//! background it is drawn on. Those themes were made for editors: on our code blocks,
//! InspiredGitHub's numbers and types (`#0086b3`) reach 3.9:1 and its comments 2.7:1.
//!
//! A colour that falls short is mixed with black (light theme) or white (dark theme), just
//! enough to pass, so each token keeps its theme's hue. Colours that pass stay as they are.

use std::fmt::Write;

use syntect::highlighting::{Color, Theme, ThemeSet};
use syntect::html::{css_for_theme_with_class_style, ClassStyle};

/// WCAG 2 AA for normal-size text; code is never large text.
pub const MIN_CONTRAST: f64 = 4.5;

/// One colour scheme of the code blocks: a syntect theme and the background of `pre.code`
/// it is shown on (the page's panel colour in that scheme, and the slides' code blocks).
pub struct CodeTheme {
    pub syntect: &'static str,
    pub background: Color,
}

pub const LIGHT: CodeTheme = CodeTheme {
    syntect: "InspiredGitHub",
    background: rgb(0xf6, 0xf8, 0xfa),
};

pub const DARK: CodeTheme = CodeTheme {
    syntect: "base16-ocean.dark",
    background: rgb(0x16, 0x1b, 0x22),
};

const fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color { r, g, b, a: 0xff }
}

/// The stylesheet of one theme: the block's own colours on `pre.code`, then a rule per
/// token class (`hl-…`), with colours that reach [`MIN_CONTRAST`].
pub fn css(code: &CodeTheme, class_style: ClassStyle) -> String {
    let theme = readable_theme(code);
    let mut css = css_for_theme_with_class_style(&theme, class_style).unwrap_or_default();
    let fg = theme.settings.foreground.unwrap_or(rgb(0, 0, 0));
    // `color` too: a slide can turn its text light (Marp's `invert`), the code block stays.
    let _ = writeln!(
        css,
        "pre.code {{ color: {}; background-color: {}; }}",
        hex(fg),
        hex(code.background)
    );
    css
}

/// syntect's bundled themes, decompressed once per process (a build asks for them three
/// times: the light and dark page stylesheets and the deck's).
fn default_themes() -> &'static ThemeSet {
    static THEMES: std::sync::OnceLock<ThemeSet> = std::sync::OnceLock::new();
    THEMES.get_or_init(ThemeSet::load_defaults)
}

/// The syntect theme with every text colour readable where it is drawn:
/// - a token that sets its own background, on that background;
/// - any other token, on the block's background and on every "region" background, one
///   that a token sets without a colour of its own (diff's inserted and deleted lines),
///   since other tokens' text can lie on top of it;
/// - the block's plain text, on the block's background and the region backgrounds.
fn readable_theme(code: &CodeTheme) -> Theme {
    let mut theme = default_themes().themes[code.syntect].clone();
    let regions: Vec<Color> = theme
        .scopes
        .iter()
        .filter(|item| item.style.foreground.is_none())
        .filter_map(|item| item.style.background)
        .collect();
    let mut under_text = vec![code.background];
    under_text.extend(&regions);
    theme.settings.background = Some(code.background);
    theme.settings.foreground = theme.settings.foreground.map(|fg| readable(fg, &under_text));
    for item in &mut theme.scopes {
        let Some(fg) = item.style.foreground else {
            continue;
        };
        item.style.foreground = Some(match item.style.background {
            Some(own) => readable(fg, &[own]),
            None => readable(fg, &under_text),
        });
    }
    theme
}

/// `fg`, or `fg` mixed with black or white in 1% steps (away from the first background),
/// as little as makes it reach [`MIN_CONTRAST`] on every one of `backgrounds`.
fn readable(fg: Color, backgrounds: &[Color]) -> Color {
    let fg = Color { a: 0xff, ..fg };
    let passes = |c: Color| backgrounds.iter().all(|&bg| contrast(c, bg) >= MIN_CONTRAST);
    if passes(fg) {
        return fg;
    }
    let main = backgrounds[0];
    let target = if contrast(rgb(0, 0, 0), main) >= contrast(rgb(0xff, 0xff, 0xff), main) {
        rgb(0, 0, 0)
    } else {
        rgb(0xff, 0xff, 0xff)
    };
    let mix = |a: u8, b: u8, t: f64| (f64::from(a) * (1.0 - t) + f64::from(b) * t).round() as u8;
    (1..=100)
        .map(|step| {
            let t = f64::from(step) / 100.0;
            rgb(mix(fg.r, target.r, t), mix(fg.g, target.g, t), mix(fg.b, target.b, t))
        })
        .find(|&c| passes(c))
        .unwrap_or(target)
}

/// WCAG 2 contrast ratio of two opaque colours, from 1 (same) to 21 (black on white).
pub fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// WCAG 2 relative luminance.
fn luminance(c: Color) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

pub fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// `#rrggbb` as a colour (for tests that read the generated CSS back).
#[cfg(test)]
pub fn parse_hex(s: &str) -> Option<Color> {
    let s = s.strip_prefix('#')?;
    let byte = |i: usize| u8::from_str_radix(s.get(i..i + 2)?, 16).ok();
    (s.len() == 6).then_some(rgb(byte(0)?, byte(2)?, byte(4)?))
}
