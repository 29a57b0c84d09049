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
    /// A resolved URL (from `![bg](…)` or a directive).
    pub background_image: Option<String>,
    /// `cover` (default) or `contain`.
    pub background_size: Option<String>,
    /// Whether the slide number shows (Marp's `paginate`).
    pub paginate: Option<bool>,
}

impl SlideStyle {
    /// `local` on top of `global`.
    pub fn over(&self, global: &SlideStyle) -> SlideStyle {
        SlideStyle {
            class: self.class.clone().or_else(|| global.class.clone()),
            background_color: self
                .background_color
                .clone()
                .or_else(|| global.background_color.clone()),
            color: self.color.clone().or_else(|| global.color.clone()),
            background_image: self
                .background_image
                .clone()
                .or_else(|| global.background_image.clone()),
            background_size: self.background_size.clone().or_else(|| global.background_size.clone()),
            paginate: self.paginate.or(global.paginate),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> bool {
        let value = value.trim().trim_matches('"').trim_matches('\'').to_string();
        match key {
            "class" => self.class = Some(value),
            "backgroundColor" | "data-background-color" => self.background_color = Some(value),
            "color" => self.color = Some(value),
            "backgroundImage" | "data-background-image" => self.background_image = Some(css_url(&value)),
            "backgroundSize" | "data-background-size" => self.background_size = Some(value),
            "paginate" => self.paginate = Some(value == "true"),
            // Marp directives Lectern accepts but does not use (so they are not notes).
            "header" | "footer" | "theme" | "size" | "style" | "headingDivider" | "math" | "lang" | "title"
            | "description" | "author" | "url" | "image" | "marp" => {}
            // reveal.js: a colour, or an image URL.
            "data-background" if looks_like_image(&value) => self.background_image = Some(value),
            "data-background" => self.background_color = Some(value),
            _ => return false,
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

/// `url("x.png")` → `x.png`.
pub fn css_url(v: &str) -> String {
    v.strip_prefix("url(")
        .and_then(|s| s.strip_suffix(')'))
        .map_or(v, |s| s.trim_matches('"').trim_matches('\''))
        .to_string()
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
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let Some((key, value)) = line.split_once(':') else {
            return Comment::Text(text.to_string());
        };
        let ok = match key.trim().strip_prefix('_') {
            Some(k) => local.set(k, value),
            None => global.set(key.trim(), value),
        };
        if !ok {
            return Comment::Text(text.to_string());
        }
        any = true;
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
fn html_attributes(s: &str) -> Vec<(String, String)> {
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
        assert!(matches!(&c[0], Comment::Local(s) if s.background_image.as_deref() == Some("img/bg.png")));
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
