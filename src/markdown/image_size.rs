//! Image size hints that course books bring from other tools, read in one place for the
//! lesson page and the deck (which shows the same HTML):
//!
//! - docsify, in the title: `![图](a.png ':size=550')`, `':size=50%'`, `':size=100x200'`
//!   (other `:option` words, such as `:no-zoom` or `:class=…`, are dropped from the title);
//! - Marp, in the alt text: `![w:300 h:200 图](…)`, `![width:300px](…)`, and its image
//!   filters (`![sepia](…)`, `![blur:5px](…)`), which become a CSS `filter`; classic Marp's
//!   scale, an alt text of only a percentage and maybe `center` (`![70% center](…)`);
//! - pandoc and kramdown, an attribute list right after the image:
//!   `![图](a.png){width=50%}`, `{: width="120" height="60"}`.

/// A width or height: pixels (`300`, `300px`) or another CSS length (`50%`, `10em`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Length {
    Px(u32),
    Css(String),
}

impl Length {
    fn parse(v: &str) -> Option<Length> {
        let v = v.trim().trim_matches(['"', '\'']);
        let number_end = v.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(v.len());
        let (number, unit) = v.split_at(number_end);
        if number.is_empty() || number.parse::<f32>().is_err() {
            return None;
        }
        match unit {
            "" | "px" => number.parse().ok().map(Length::Px),
            "%" | "em" | "rem" | "vw" | "vh" | "cm" | "mm" | "in" | "pt" => Some(Length::Css(v.to_string())),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageSize {
    pub width: Option<Length>,
    pub height: Option<Length>,
    /// Marp's image filters as a CSS `filter` value (`sepia(1) blur(5px)`), or empty.
    pub filter: String,
    /// Classic Marp's `![70%](…)`: a share of the image's own size, as a CSS `zoom`.
    pub scale: Option<String>,
    /// Classic Marp's `center` beside a scale: the image centred on a line of its own.
    pub center: bool,
}

/// Marp's image filters and the value each takes when the alt text gives none.
const MARP_FILTERS: [(&str, &str); 10] = [
    ("blur", "10px"),
    ("brightness", "1.5"),
    ("contrast", "2"),
    ("drop-shadow", "0 5px 10px rgba(0,0,0,.4)"),
    ("grayscale", "1"),
    ("hue-rotate", "180deg"),
    ("invert", "1"),
    ("opacity", ".5"),
    ("saturate", "2"),
    ("sepia", "1"),
];

impl ImageSize {
    pub fn is_empty(&self) -> bool {
        self.width.is_none() && self.height.is_none() && self.filter.is_empty() && self.scale.is_none()
    }

    /// A Marp filter word (`sepia`, `blur:5px`, `drop-shadow:0,5px,10px,rgba(0,0,0,.4)`)
    /// added to the filter; false when `word` is none. Values keep to the characters a CSS
    /// length, number or colour needs, so nothing can leave the `style` attribute.
    fn add_filter(&mut self, word: &str) -> bool {
        let (name, value) = word.split_once(':').unwrap_or((word, ""));
        let Some((name, default)) = MARP_FILTERS.iter().find(|(n, _)| *n == name) else {
            return false;
        };
        let safe = |c: char| c.is_ascii_alphanumeric() || ".%,()#-".contains(c);
        if !value.chars().all(safe) {
            return false;
        }
        let value = match value {
            "" => default.to_string(),
            // Marp separates drop-shadow's parts with commas; CSS with spaces.
            v if *name == "drop-shadow" => keep_commas_in_parens(&v.replace(',', " ")),
            v => v.to_string(),
        };
        if !self.filter.is_empty() {
            self.filter.push(' ');
        }
        self.filter.push_str(&format!("{name}({value})"));
        true
    }

    /// Pixels as `width`/`height` attributes (they also reserve the box before the image
    /// loads); other lengths in a `style`, as HTML attributes take only pixels.
    pub fn attributes(&self) -> String {
        let mut attrs = String::new();
        let mut style = String::new();
        for (name, length) in [("width", &self.width), ("height", &self.height)] {
            match length {
                Some(Length::Px(px)) => attrs.push_str(&format!(" {name}=\"{px}\"")),
                Some(Length::Css(css)) => style.push_str(&format!("{name}:{css};")),
                None => {}
            }
        }
        if !self.filter.is_empty() {
            style.push_str(&format!("filter:{};", self.filter));
        }
        if let Some(scale) = &self.scale {
            style.push_str(&format!("zoom:{scale};"));
        }
        if self.center {
            style.push_str("display:block;margin:0 auto;");
        }
        if !style.is_empty() {
            attrs.push_str(&format!(" style=\"{style}\""));
        }
        attrs
    }

    /// The height in pixels, when the author gave one (for the slide height estimate).
    pub fn height_px(&self) -> Option<u32> {
        match self.height {
            Some(Length::Px(px)) => Some(px),
            _ => None,
        }
    }

    fn set(&mut self, key: &str, value: &str) -> bool {
        let Some(length) = Length::parse(value) else {
            return false;
        };
        match key {
            "w" | "width" => self.width = Some(length),
            "h" | "height" => self.height = Some(length),
            _ => return false,
        }
        true
    }
}

/// Whether alt text could hold a Marp keyword ([`from_alt`] reads it only then).
pub fn may_have_alt_keywords(alt: &str) -> bool {
    alt.contains([':', '%']) || MARP_FILTERS.iter().any(|(name, _)| alt.contains(name))
}

/// Marp's size and filter keywords taken out of an image's alt text: (the alt text left,
/// the size and filter).
pub fn from_alt(alt: &str) -> (String, ImageSize) {
    let mut size = ImageSize::default();
    let kept: Vec<&str> = alt
        .split_whitespace()
        .filter(|word| !(word.split_once(':').is_some_and(|(k, v)| size.set(k, v)) || size.add_filter(word)))
        .collect();
    // Classic Marp's scale, only when nothing but keywords is left: in `![提升 30%](…)` the
    // percentage is the picture's description.
    let is_percent = |w: &str| {
        w.strip_suffix('%')
            .is_some_and(|n| n.parse::<f32>().is_ok_and(|n| n > 0.0))
    };
    let kept = match kept.iter().all(|w| is_percent(w) || *w == "center") && kept.iter().any(|w| is_percent(w)) {
        true => {
            size.scale = kept.iter().rev().find(|w| is_percent(w)).map(|w| w.to_string());
            size.center = kept.contains(&"center");
            Vec::new()
        }
        false => kept,
    };
    if size.is_empty() {
        return (alt.to_string(), size);
    }
    (kept.join(" "), size)
}

/// `0 5px 10px rgba(0 0 0 .4)` → `0 5px 10px rgba(0,0,0,.4)`: the commas Marp writes
/// between drop-shadow's parts become spaces, those inside a colour stay commas.
fn keep_commas_in_parens(value: &str) -> String {
    let mut depth = 0;
    value
        .chars()
        .map(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                ' ' if depth > 0 => return ',',
                _ => {}
            }
            c
        })
        .collect()
}

/// docsify's `:option` words taken out of an image's title: (the title left, the size).
pub fn from_title(title: &str) -> (String, ImageSize) {
    let mut size = ImageSize::default();
    if !title.split_whitespace().any(|w| w.starts_with(':')) {
        return (title.to_string(), size);
    }
    let mut kept = Vec::new();
    for word in title.split_whitespace() {
        match word.strip_prefix(':') {
            Some(option) => {
                if let Some(v) = option.strip_prefix("size=") {
                    let (w, h) = v.split_once(['x', 'X']).unwrap_or((v, ""));
                    size.set("width", w);
                    size.set("height", h);
                }
            }
            None => kept.push(word),
        }
    }
    (kept.join(" "), size)
}

/// A pandoc/kramdown attribute list at the start of `text` (the text right after an
/// image): its size and its length in bytes. Ids and classes in it are read and dropped.
pub fn from_attribute_list(text: &str) -> Option<(ImageSize, usize)> {
    let inner = text.strip_prefix('{')?;
    let end = inner.find('}')?;
    let body = inner[..end].trim();
    let body = body.strip_prefix(':').unwrap_or(body);
    let mut size = ImageSize::default();
    for word in body.split_whitespace() {
        match word.split_once('=') {
            Some((k, v)) => {
                size.set(k, v);
            }
            None if word.starts_with(['.', '#']) => {}
            None => return None,
        }
    }
    (!size.is_empty()).then_some((size, end + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn px(n: u32) -> Option<Length> {
        Some(Length::Px(n))
    }

    fn css(v: &str) -> Option<Length> {
        Some(Length::Css(v.into()))
    }

    #[test]
    fn docsify_titles() {
        let (title, size) = from_title(":size=550");
        assert_eq!((title.as_str(), size.width, size.height), ("", px(550), None));
        let (_, size) = from_title(":size=50%");
        assert_eq!(size.width, css("50%"));
        let (title, size) = from_title("图 2.1 :size=100x200 :no-zoom");
        assert_eq!(
            (title.as_str(), size.attributes()),
            ("图 2.1", " width=\"100\" height=\"200\"".into())
        );
        let (title, size) = from_title("时间 10:30 的数据");
        assert_eq!((title.as_str(), size.is_empty()), ("时间 10:30 的数据", true));
    }

    #[test]
    fn marp_alt_keywords() {
        let (alt, size) = from_alt("w:300 h:200 价值迭代");
        assert_eq!((alt.as_str(), size.width, size.height), ("价值迭代", px(300), px(200)));
        let (alt, size) = from_alt("width:160px 图");
        assert_eq!((alt.as_str(), size.width), ("图", px(160)));
        let (alt, size) = from_alt("比例 1:2 的图");
        assert_eq!((alt.as_str(), size.is_empty()), ("比例 1:2 的图", true));
        assert_eq!(from_alt("w:auto 图").0, "w:auto 图");
    }

    #[test]
    fn marp_filters_become_a_css_filter() {
        let (alt, size) = from_alt("sepia blur:5px 旧照片");
        assert_eq!(alt, "旧照片");
        assert_eq!(size.attributes(), " style=\"filter:sepia(1) blur(5px);\"");
        let (alt, size) = from_alt("h:120 drop-shadow:0,5px,10px,rgba(0,0,0,.4)");
        assert_eq!(alt, "");
        assert_eq!(
            size.attributes(),
            " height=\"120\" style=\"filter:drop-shadow(0 5px 10px rgba(0,0,0,.4));\""
        );
        assert_eq!(from_alt("grayscale").1.filter, "grayscale(1)");
        // Words that only look like filters, and values that could leave the attribute, stay text.
        let (alt, size) = from_alt("sepia-toned blur:\"x\" 图");
        assert_eq!((alt.as_str(), size.is_empty()), ("sepia-toned blur:\"x\" 图", true));
    }

    #[test]
    fn classic_marp_scales() {
        let (alt, size) = from_alt("70% center");
        assert_eq!(alt, "");
        assert_eq!(size.attributes(), " style=\"zoom:70%;display:block;margin:0 auto;\"");
        assert_eq!(from_alt("150%").1.attributes(), " style=\"zoom:150%;\"");
        assert_eq!(
            from_alt("w:300 50%").1.attributes(),
            " width=\"300\" style=\"zoom:50%;\""
        );
        // A percentage in a description, or `center` alone, is text.
        assert_eq!(
            from_alt("转化率提升 30%"),
            ("转化率提升 30%".to_string(), ImageSize::default())
        );
        assert_eq!(from_alt("center").0, "center");
    }

    #[test]
    fn attribute_lists() {
        let (size, len) = from_attribute_list("{width=40%} 以及").unwrap();
        assert_eq!((size.width, len), (css("40%"), 11));
        let (size, _) = from_attribute_list("{: width=\"120\" height=\"60\"}").unwrap();
        assert_eq!(size.attributes(), " width=\"120\" height=\"60\"");
        let (size, _) = from_attribute_list("{#fig .wide width=5em}").unwrap();
        assert_eq!(size.attributes(), " style=\"width:5em;\"");
        assert!(from_attribute_list("{.wide}").is_none());
        assert!(from_attribute_list("{不是属性} 文字").is_none());
        assert!(from_attribute_list("width=40%").is_none());
    }
}
