//! Images with size hints from other tools (see `markdown::image_size`): written as one
//! `<img>` with `width`/`height`, the hints taken out of the alt text and the title.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::super::directives::{BgImage, SlideStyle};
use super::super::image_size::{self, ImageSize};
use super::super::scan::find_end;
use super::super::{layout, text_of, LinkKind};
use super::Pass;

/// Whether the image whose alt text starts at `events[first]` carries a size hint:
/// cheap checks before [`Pass::sized_image`] reads them.
pub(super) fn has_size_hint(events: &[(Event, Range<usize>)], first: usize, title: &str) -> bool {
    let end = find_end(events, first);
    title.contains(':') && !image_size::from_title(title).1.is_empty()
        || matches!(events.get(end + 1), Some((Event::Text(t), _)) if image_size::from_attribute_list(t).is_some())
        || events[first..end]
            .iter()
            .any(|(e, _)| matches!(e, Event::Text(t) if image_size::may_have_alt_keywords(t)))
            && !image_size::from_alt(&text_of(&events[first..end])).1.is_empty()
}

impl<'a> Pass<'a, '_> {
    /// Emit the image whose alt text starts at `events[first]`; returns the index of the
    /// event after it. An attribute list after the image is taken out of the next text.
    pub(super) fn sized_image(
        &mut self,
        dest: CowStr<'a>,
        title: &str,
        range: Range<usize>,
        events: &mut [(Event<'a>, Range<usize>)],
        first: usize,
    ) -> usize {
        let end = find_end(events, first);
        let (alt, from_alt) = image_size::from_alt(&text_of(&events[first..end]));
        let (title, from_title) = image_size::from_title(title);
        let mut size = ImageSize {
            width: from_alt.width.or(from_title.width),
            height: from_alt.height.or(from_title.height),
            filter: from_alt.filter,
            scale: from_alt.scale,
            center: from_alt.center,
        };
        if let Some((Event::Text(text), _)) = events.get_mut(end + 1) {
            if let Some((listed, len)) = image_size::from_attribute_list(text) {
                size.width = listed.width.or(size.width);
                size.height = listed.height.or(size.height);
                *text = CowStr::Boxed(text[len..].into());
            }
        }
        let url = self.resolve(dest, range, LinkKind::Image);
        let mut html = String::from("<img src=\"");
        let _ = escape_href(&mut html, &url);
        html.push_str("\" alt=\"");
        let _ = escape_html(&mut html, &alt);
        if !title.is_empty() {
            html.push_str("\" title=\"");
            let _ = escape_html(&mut html, &title);
        }
        html.push('"');
        html.push_str(&size.attributes());
        html.push_str(" />");
        self.search_text(&alt);
        if !self.in_notes && self.footnote_depth == 0 {
            let content_width = self.opts.canvas.content_width();
            self.height += match size.height_px() {
                Some(px) => px as f32,
                None => layout::block_height(&TagEnd::Image, 0.0, content_width),
            };
        }
        self.emit(Event::InlineHtml(CowStr::Boxed(html.into())));
        end + 1
    }
}

/// A `![bg …]` image added to the slide's backgrounds (`url` is its CSS `url("…")`), with
/// Marp's keywords in its alt text: a size (`contain` or `fit`, `cover`, `auto`, `80%`),
/// filters (`blur`, `sepia:50%`), a split (`left`, `right:40%`: every background of the
/// slide goes to that side, the last split given wins) and `vertical` (stacked).
pub(super) fn add_background(style: &mut SlideStyle, url: String, alt: &str) {
    let words = || alt.split_whitespace().skip(1);
    let size = words()
        .filter_map(|w| match w {
            "contain" | "fit" => Some("contain"),
            "cover" | "auto" => Some(w),
            _ => w
                .strip_suffix('%')
                .filter(|n| n.parse::<f32>().is_ok_and(|n| n > 0.0))
                .map(|_| w),
        })
        .last()
        .unwrap_or("cover");
    let filter = image_size::from_alt(alt).1.filter;
    if let Some(split) = background_split(alt) {
        style.background_split = Some(split);
    }
    style.backgrounds_vertical |= words().any(|w| w == "vertical");
    style.backgrounds.push(BgImage {
        url,
        size: size.to_string(),
        filter,
    });
}

/// Marp's split background in a `![bg …]` alt text: `left` or `right`, with the width the
/// image takes (`right:40%`; half the slide when none is given).
pub(super) fn background_split(alt: &str) -> Option<String> {
    alt.split_whitespace().find_map(|word| {
        let (side, width) = word.split_once(':').unwrap_or((word, "50%"));
        let percent = width
            .strip_suffix('%')
            .filter(|n| n.parse::<f32>().is_ok_and(|n| n > 0.0 && n < 100.0));
        matches!(side, "left" | "right")
            .then_some(())
            .and(percent)
            .map(|n| format!("{side}:{n}%"))
    })
}
