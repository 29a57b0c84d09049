//! reveal.js's element attributes: `- 先看数据 <!-- .element: class="fragment" -->` gives
//! the element the comment is in (or, as reveal.js reads it, the element just before it in
//! the same parent) the comment's classes. `class="fragment"` makes that element a step of
//! the slide, as the items of a `*` list are in Lectern and Marp decks.
//!
//! Only classes are taken, and an image's size (`width`/`height`, as attributes or in the
//! `style`: `![](a.png) <!-- .element: style="width: 60%" -->`); other styles would escape
//! the raw-HTML rules (`raw_html.rs`). The comment goes through cleaning as a normalised
//! marker ([`marker`]) and is applied to the slide's finished HTML ([`apply`]), where the
//! elements around it are known.

use super::directives::html_attributes;

const PREFIX: &str = "<!-- .element:";

/// The comment `tag` (one inline HTML comment) as the marker [`apply`] reads, holding only
/// its safe classes and size; `None` when it is no element-attribute comment.
pub fn marker(tag: &str) -> Option<String> {
    let body = tag.trim().strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    let attrs = html_attributes(body.strip_prefix(".element:")?);
    let safe = |v: &str, extra: &str| v.chars().all(|c| c.is_ascii_alphanumeric() || extra.contains(c));
    let classes: Vec<&str> = attrs
        .iter()
        .filter(|(k, _)| k == "class")
        .flat_map(|(_, v)| v.split_whitespace())
        .filter(|c| safe(c, "-_"))
        .collect();
    // `width="60%"`, or `style="width: 60%; height: 300px"`.
    let declared = attrs
        .iter()
        .filter(|(k, _)| k == "style")
        .flat_map(|(_, v)| v.split(';'))
        .filter_map(|d| d.split_once(':'))
        .map(|(k, v)| (k.trim(), v.trim()));
    let size: Vec<String> = attrs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .chain(declared)
        .filter(|(k, v)| matches!(*k, "width" | "height") && !v.is_empty() && safe(v, ".%"))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    Some(format!(
        "{PREFIX} class=\"{}\" size=\"{}\" -->",
        classes.join(" "),
        size.join(" ")
    ))
}

/// The value of `name="…"` in a marker.
fn marker_value(marker: &str, name: &str) -> String {
    marker
        .split_once(&format!(" {name}=\""))
        .and_then(|(_, v)| v.split_once('"'))
        .map_or_else(String::new, |(v, _)| v.to_string())
}

/// `html` with each marker's classes (and an image's size) added to its element, and the
/// markers removed.
pub fn apply(html: String) -> String {
    if !html.contains(PREFIX) {
        return html;
    }
    let mut out = html;
    while let Some(at) = out.find(PREFIX) {
        let end = out[at..].find("-->").map_or(out.len(), |e| at + e + 3);
        let (classes, size) = (
            marker_value(&out[at..end], "class"),
            marker_value(&out[at..end], "size"),
        );
        out.replace_range(at..end, "");
        let Some(tag) = target(&out[..at]) else { continue };
        if !size.is_empty() && out[tag..].starts_with("<img") {
            if let Some((size, _)) = super::image_size::from_attribute_list(&format!("{{{size}}}")) {
                out.insert_str(tag + 4, &size.attributes());
            }
        }
        if !classes.is_empty() {
            add_classes(&mut out, tag, &classes);
        }
    }
    out
}

const VOID: [&str; 6] = ["img", "br", "hr", "input", "source", "wbr"];

/// Where the start tag the comment at the end of `before` belongs to begins: the element
/// just before it in the same parent (not a `<br>`), else the parent itself.
fn target(before: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut end = before.len();
    while let Some(open) = before[..end].rfind('<') {
        let tag = &before[open..end];
        end = open;
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || !tag.contains('>') {
            continue; // `<!--`, or a `<` in text (written `&lt;` by pulldown, but be safe)
        }
        if tag.starts_with("</") {
            depth += 1;
        } else if VOID.contains(&name.as_str()) {
            if depth == 0 && name != "br" {
                return Some(open);
            }
        } else if depth == 0 {
            return Some(open); // the parent
        } else {
            depth -= 1;
            if depth == 0 {
                return Some(open); // the element just before the comment
            }
        }
    }
    None
}

/// Add `classes` to the start tag at `at` of `html`.
fn add_classes(html: &mut String, at: usize, classes: &str) {
    let Some(close) = html[at..].find('>').map(|e| at + e) else {
        return;
    };
    let tag = &html[at..close];
    if let Some(value) = tag.find(" class=\"").map(|i| at + i + 8) {
        html.insert_str(value, &format!("{classes} "));
    } else {
        let name_end = tag
            .find(|c: char| c.is_whitespace() || c == '/')
            .map_or(close, |i| at + i);
        html.insert_str(name_end, &format!(" class=\"{classes}\""));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(html: &str) -> String {
        apply(html.to_string())
    }

    #[test]
    fn markers_keep_only_safe_classes() {
        assert_eq!(
            marker(r#"<!-- .element: class="fragment fade-up" style="color:red" -->"#).unwrap(),
            r#"<!-- .element: class="fragment fade-up" size="" -->"#
        );
        assert_eq!(
            marker(r#"<!-- .element: class="x\"onload=y" -->"#).unwrap(),
            r#"<!-- .element: class="" size="" -->"#
        );
        assert!(marker("<!-- 讲到这里停一下 -->").is_none());
        assert!(marker("<!-- .slide: class=\"lead\" -->").is_none());
    }

    #[test]
    fn classes_go_to_the_parent_or_the_element_before() {
        let m = r#"<!-- .element: class="fragment" -->"#;
        // In a list item's text: the item.
        assert_eq!(
            applied(&format!("<ul>\n<li>先看数据 {m}</li>\n<li>再看话术</li>\n</ul>\n")),
            "<ul>\n<li class=\"fragment\">先看数据 </li>\n<li>再看话术</li>\n</ul>\n"
        );
        // After an image in a paragraph: the image, as reveal.js does.
        assert_eq!(
            applied(&format!("<p><img src=\"a.png\" alt=\"\" /> {m}</p>")),
            "<p><img class=\"fragment\" src=\"a.png\" alt=\"\" /> </p>"
        );
        // After bold text: the `<strong>`; in a heading with a class already: added to it.
        assert_eq!(
            applied(&format!("<p>看 <strong>GMV</strong> {m}</p>")),
            "<p>看 <strong class=\"fragment\">GMV</strong> </p>"
        );
        assert_eq!(
            applied(&format!("<h2 id=\"a\" class=\"x\">标题 {m}</h2>")),
            "<h2 id=\"a\" class=\"fragment x\">标题 </h2>"
        );
        // An image's size, from a `style` or attributes; on other elements it is dropped.
        let sized = marker(r#"<!-- .element: style="width: 60%; color: red" height="300" -->"#).unwrap();
        assert_eq!(sized, r#"<!-- .element: class="" size="height=300 width=60%" -->"#);
        assert_eq!(
            applied(&format!("<p><img src=\"a.png\" alt=\"\" /> {sized}</p>")),
            "<p><img height=\"300\" style=\"width:60%;\" src=\"a.png\" alt=\"\" /> </p>"
        );
        assert_eq!(applied(&format!("<p>字 {sized}</p>")), "<p>字 </p>");
        assert!(marker(r#"<!-- .element: style="width: calc(1px)" -->"#)
            .unwrap()
            .ends_with(r#"size="" -->"#));
        // Nothing to add: the marker only goes.
        assert_eq!(applied("<p>字 <!-- .element: class=\"\" --></p>"), "<p>字 </p>");
        assert_eq!(applied("<p>无</p>"), "<p>无</p>");
    }
}
