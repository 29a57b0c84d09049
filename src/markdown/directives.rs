//! Per-slide directives written as HTML comments, in the two dialects authors bring
//! along: Marp (`<!-- _class: lead -->`, `<!-- backgroundColor: #123 -->`) and reveal.js
//! (`<!-- .slide: data-background="#123" class="lead" -->`).

use serde::Serialize;

/// How one slide looks in the deck.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SlideStyle {
    pub class: Option<String>,
    pub background_color: Option<String>,
    pub color: Option<String>,
    /// A CSS `background-image` value (`url("…")`, `linear-gradient(…)`), its `url(…)`
    /// targets resolved like any image of the lesson.
    pub background_image: Option<String>,
    /// `cover` (default) or `contain`, or any CSS `background-size`.
    pub background_size: Option<String>,
    pub background_position: Option<String>,
    pub background_repeat: Option<String>,
    /// Marp's split background (`![bg right:40%](…)`): the side and the width the images
    /// take, `right:40%`; the content keeps to the rest of the slide.
    pub background_split: Option<String>,
    /// The slide's `![bg …]` images, in order. Marp draws them in a layer of their own, side
    /// by side (`vertical`: one above the other), over the `backgroundImage` directive, which
    /// still shows beside a split. Never set by a directive: only the slide's own.
    pub backgrounds: Vec<BgImage>,
    pub backgrounds_vertical: bool,
    /// Whether the slide number shows (Marp's `paginate`).
    pub paginate: Option<bool>,
    /// Marp's `header` and `footer`: a line of Markdown at the top and bottom of the slide.
    pub header: Option<String>,
    pub footer: Option<String>,
}

/// One `![bg …]` image: its CSS `url("…")`, its `background-size` (`cover`, `contain`,
/// `auto`, `80%`) and its Marp filters as a CSS `filter` value (or empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BgImage {
    pub url: String,
    pub size: String,
    pub filter: String,
}

/// Marp's keys that are directives but change nothing in Lectern's slides: a comment
/// holding one of them is a directive, not a speaker note.
const ACCEPTED_MARP_KEYS: &[&str] = &[
    "theme",
    "size",
    "style",
    "headingDivider",
    "math",
    "lang",
    "title",
    "description",
    "author",
    "keywords",
    "url",
    "image",
    "marp",
    "transition",
    "auto-scaling",
];

/// Classic Marp's global directives (`<!-- $theme: gaia -->`), accepted and ignored.
const CLASSIC_GLOBALS: &[&str] = &["theme", "size", "width", "height", "prerender"];

impl SlideStyle {
    /// `local` on top of `global`.
    pub fn over(&self, global: &SlideStyle) -> SlideStyle {
        let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
        SlideStyle {
            class: pick(&self.class, &global.class),
            background_color: pick(&self.background_color, &global.background_color),
            color: pick(&self.color, &global.color),
            background_image: pick(&self.background_image, &global.background_image),
            background_size: pick(&self.background_size, &global.background_size),
            background_position: pick(&self.background_position, &global.background_position),
            background_repeat: pick(&self.background_repeat, &global.background_repeat),
            background_split: pick(&self.background_split, &global.background_split),
            backgrounds: [&global.backgrounds[..], &self.backgrounds[..]].concat(),
            backgrounds_vertical: self.backgrounds_vertical || global.backgrounds_vertical,
            paginate: self.paginate.or(global.paginate),
            header: pick(&self.header, &global.header),
            footer: pick(&self.footer, &global.footer),
        }
    }

    /// Set one directive; `false` when Lectern does not know the key at all.
    pub fn set(&mut self, key: &str, value: &str) -> bool {
        let value = value.trim().trim_matches('"').trim_matches('\'').to_string();
        match key {
            "class" => self.class = Some(value),
            "backgroundColor" | "data-background-color" => self.background_color = Some(value),
            "color" => self.color = Some(value),
            "backgroundImage" => self.background_image = Some(css_image(&value)),
            "data-background-image" => self.background_image = Some(url_value(&value)),
            "backgroundSize" | "data-background-size" => self.background_size = Some(value),
            "backgroundPosition" | "data-background-position" => self.background_position = Some(value),
            "backgroundRepeat" | "data-background-repeat" => self.background_repeat = Some(value),
            "paginate" => self.paginate = Some(value == "true"),
            "header" => self.header = Some(value),
            "footer" => self.footer = Some(value),
            // reveal.js: a colour, a gradient, or an image URL.
            "data-background" if looks_like_image(&value) => self.background_image = Some(url_value(&value)),
            "data-background" if value.contains("gradient(") => self.background_image = Some(value),
            "data-background" => self.background_color = Some(value),
            _ => return ACCEPTED_MARP_KEYS.contains(&key),
        }
        true
    }
}

fn looks_like_image(v: &str) -> bool {
    let v = v.to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"]
        .iter()
        .any(|e| v.ends_with(e))
}

/// Marp's `backgroundImage` is CSS (`url(…)`, `linear-gradient(…)`, `none`); a bare path
/// (Lectern's older form) is the image at that path.
fn css_image(value: &str) -> String {
    match value.contains('(') || value == "none" {
        true => value.to_string(),
        false => url_value(value),
    }
}

/// The CSS `url("…")` of a path or URL.
pub fn url_value(target: &str) -> String {
    format!("url(\"{}\")", target.replace(['"', '\\', '\n'], ""))
}

/// A CSS value with each `url(…)` target replaced by `f(target)` (written back as
/// `url("…")`), and each stretch between them by `text(stretch)`.
pub fn map_css_urls(value: &str, mut f: impl FnMut(&str) -> String, text: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find("url(") {
        out.push_str(&text(&rest[..at]));
        let inner = &rest[at + 4..];
        let close = inner.find(')').unwrap_or(inner.len());
        let target = inner[..close].trim().trim_matches('"').trim_matches('\'');
        out.push_str(&url_value(&f(target)));
        rest = inner.get(close + 1..).unwrap_or("");
    }
    out.push_str(&text(rest));
    out
}

/// Directives from a lesson's front matter, in force from the first slide on.
#[derive(Debug, Clone, Default)]
pub struct FrontDirectives {
    /// For every slide (Marp's local directives written as front-matter keys).
    pub deck: SlideStyle,
    /// For the first slide only (the same keys with `_`).
    pub first: SlideStyle,
    /// Where in the file `deck` and `first` set `backgroundImage`, for its `url(…)` targets.
    pub deck_image_span: std::ops::Range<usize>,
    pub first_image_span: std::ops::Range<usize>,
}

/// What one HTML comment says.
#[derive(Debug, PartialEq)]
pub enum Comment {
    /// Directives for this slide only (`_class`, `.slide:`).
    Local(SlideStyle),
    /// Directives for this slide and the ones after it (`class`).
    Global(SlideStyle),
    /// Any other comment: in a Marp deck, speaker notes.
    Text(String),
}

/// Split an HTML block into its comments; `None` if it holds anything but comments.
pub fn parse_comments(html: &str) -> Option<Vec<Comment>> {
    let mut rest = html.trim();
    let mut out = Vec::new();
    while !rest.is_empty() {
        let body = rest.strip_prefix("<!--")?;
        let end = body.find("-->")?;
        out.push(parse_one(body[..end].trim()));
        rest = body[end + 3..].trim_start();
    }
    (!out.is_empty()).then_some(out)
}

/// The levels (as `HeadingDivider::level_bits`) a Marp `headingDivider` directive in one
/// of the comments of `html` sets, the last one winning; `None` when none sets it.
pub fn heading_divider(html: &str) -> Option<u8> {
    let mut rest = html.trim();
    let mut found = None;
    while let Some(body) = rest.strip_prefix("<!--") {
        let end = body.find("-->")?;
        let text = body[..end].trim();
        rest = body[end + 3..].trim_start();
        if matches!(parse_one(text), Comment::Text(_)) {
            continue;
        }
        for (key, value) in text.lines().filter_map(|l| l.split_once(':')) {
            if key.trim() == "headingDivider" {
                found = parse_heading_divider(value.trim()).or(found);
            }
        }
    }
    found
}

/// `2`, `[1, 3]` or `false`, as the front matter's `headingDivider` reads them.
fn parse_heading_divider(value: &str) -> Option<u8> {
    use crate::model::HeadingDivider;
    let value = value.trim_matches(|c| c == '"' || c == '\'');
    let divider = match value {
        "false" => HeadingDivider::Off(false),
        v if v.starts_with('[') && v.ends_with(']') => HeadingDivider::Levels(
            v[1..v.len() - 1]
                .split(',')
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.trim().parse().ok())
                .collect::<Option<Vec<u8>>>()?,
        ),
        v => HeadingDivider::Level(v.parse().ok()?),
    };
    Some(divider.level_bits())
}

fn parse_one(text: &str) -> Comment {
    if let Some(attrs) = text.strip_prefix(".slide:") {
        let mut style = SlideStyle::default();
        for (k, v) in html_attributes(attrs) {
            style.set(&k, &v);
        }
        return Comment::Local(style);
    }
    // Marp: one or more `key: value` lines; `_key` is local.
    let mut local = SlideStyle::default();
    let mut global = SlideStyle::default();
    let mut any = false;
    // As in Marp: a comment of `key: value` lines is a directive when it holds at least
    // one key Marp knows (the others are dropped); otherwise it is text (a note).
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let Some((key, value)) = line.split_once(':') else {
            return Comment::Text(text.to_string());
        };
        let key = key.trim();
        // Classic Marp: `*key` is `_key`, `$key` a global directive (`$theme`, `$size`,
        // `$width`, …: Lectern's look and canvas stay), `template` is `class` and
        // `page_number` is `paginate`.
        let (this_slide, key) = match key.strip_prefix(['_', '*']) {
            Some(k) => (true, k),
            None => (false, key),
        };
        let classic_global = key.strip_prefix('$');
        let key = match classic_global.unwrap_or(key) {
            "template" => "class",
            "page_number" => "paginate",
            k => k,
        };
        let style = if this_slide { &mut local } else { &mut global };
        any |= style.set(key, value) || classic_global.is_some_and(|k| CLASSIC_GLOBALS.contains(&k));
    }
    match (any, local == SlideStyle::default()) {
        (false, _) => Comment::Text(text.to_string()),
        (true, false) if global == SlideStyle::default() => Comment::Local(local),
        (true, true) => Comment::Global(global),
        // Both kinds in one comment: keep the local part for this slide only.
        (true, false) => Comment::Local(local.over(&global)),
    }
}

/// `data-background="#fff" class=lead` → pairs.
pub(super) fn html_attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let key_end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let key = rest[..key_end].to_string();
        rest = rest[key_end..].trim_start();
        let value = if let Some(v) = rest.strip_prefix('=') {
            let v = v.trim_start();
            let (value, after) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = v[1..].find(q).map_or(v.len(), |i| i + 1);
                    (v[1..close].to_string(), v.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let end = v.find(char::is_whitespace).unwrap_or(v.len());
                    (v[..end].to_string(), &v[end..])
                }
            };
            rest = after.trim_start();
            value
        } else {
            String::new()
        };
        if !key.is_empty() {
            out.push((key, value));
        }
    }
    out
}

/// CSS written by an author (Marp's `style`, `<style>`), safe to put in a `<style>`
/// element of a page that works offline: no `@import` (it would load from outside the
/// file), no `</` (it would end the element).
pub fn safe_css(css: &str) -> String {
    css.split_inclusive('\n')
        .filter(|line| !line.trim_start().starts_with("@import"))
        .collect::<String>()
        .replace("</", "<\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marp_local_and_global_directives() {
        let c = parse_comments("<!-- _class: lead -->").unwrap();
        assert_eq!(
            c,
            vec![Comment::Local(SlideStyle {
                class: Some("lead".into()),
                ..Default::default()
            })]
        );
        let c = parse_comments("<!--\nbackgroundColor: #123\ncolor: white\n-->").unwrap();
        assert!(
            matches!(&c[0], Comment::Global(s) if s.background_color.as_deref() == Some("#123") && s.color.as_deref() == Some("white"))
        );
        let c = parse_comments("<!-- _paginate: false -->").unwrap();
        assert!(matches!(&c[0], Comment::Local(s) if s.paginate == Some(false)));
    }

    #[test]
    fn reveal_slide_attributes() {
        let c = parse_comments(r##"<!-- .slide: data-background="#ff0000" class="title big" -->"##).unwrap();
        assert!(
            matches!(&c[0], Comment::Local(s) if s.background_color.as_deref() == Some("#ff0000") && s.class.as_deref() == Some("title big"))
        );
        let c = parse_comments(r#"<!-- .slide: data-background="img/bg.png" -->"#).unwrap();
        assert!(matches!(&c[0], Comment::Local(s) if s.background_image.as_deref() == Some(r#"url("img/bg.png")"#)));
    }

    #[test]
    fn other_comments_are_text_and_other_html_is_not_a_comment() {
        assert_eq!(
            parse_comments("<!-- 这里讲三个案例 -->").unwrap(),
            vec![Comment::Text("这里讲三个案例".into())]
        );
        assert_eq!(
            parse_comments("<!-- note: remember the demo -->").unwrap(),
            vec![Comment::Text("note: remember the demo".into())]
        );
        assert!(parse_comments("<div>x</div>").is_none());
        assert_eq!(parse_comments("<!-- _class: a --> <!-- b -->").unwrap().len(), 2);
    }

    #[test]
    fn background_images_are_css_and_only_url_targets_are_paths() {
        let gradient = "linear-gradient(135deg, #1a5fb4 0%, #26a269 100%)";
        let c = parse_comments(&format!("<!-- _backgroundImage: \"{gradient}\" -->")).unwrap();
        assert!(matches!(&c[0], Comment::Local(s) if s.background_image.as_deref() == Some(gradient)));
        let layered = r#"url('img/直播间.png'), linear-gradient(#fff, #eee)"#;
        let mut seen = Vec::new();
        let css = map_css_urls(
            layered,
            |t| {
                seen.push(t.to_string());
                format!("../{t}")
            },
            str::to_string,
        );
        assert_eq!(seen, ["img/直播间.png"], "the gradient is not a file");
        assert_eq!(css, r#"url("../img/直播间.png"), linear-gradient(#fff, #eee)"#);
        // reveal.js's data-background takes gradients too.
        let c = parse_comments(r#"<!-- .slide: data-background="radial-gradient(#283b95, #17b2c3)" -->"#).unwrap();
        assert!(
            matches!(&c[0], Comment::Local(s) if s.background_image.as_deref() == Some("radial-gradient(#283b95, #17b2c3)"))
        );
    }

    #[test]
    fn a_comment_with_one_marp_key_is_a_directive_as_in_marp() {
        // Marp drops keys it does not know from a directive comment; it is not a note.
        let c = parse_comments("<!--\n_footer: 直播切片训练营\nspeaker: 张老师\n-->").unwrap();
        assert!(matches!(&c[0], Comment::Local(s) if s.footer.as_deref() == Some("直播切片训练营")));
        let c = parse_comments("<!-- theme: gaia -->").unwrap();
        assert!(matches!(&c[0], Comment::Global(_)), "accepted keys are directives too");
        let c = parse_comments("<!-- speaker: 张老师 -->").unwrap();
        assert!(matches!(&c[0], Comment::Text(_)), "no Marp key: a note");
    }

    #[test]
    fn local_over_global() {
        let global = SlideStyle {
            class: Some("g".into()),
            color: Some("red".into()),
            ..Default::default()
        };
        let local = SlideStyle {
            class: Some("l".into()),
            ..Default::default()
        };
        let s = local.over(&global);
        assert_eq!((s.class.as_deref(), s.color.as_deref()), (Some("l"), Some("red")));
    }
}
