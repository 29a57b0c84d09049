//! A chapter's own front matter at import: whether it has one, where its body starts,
//! the keys the home page cannot take, and its first heading.

use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile};
use crate::load::frontmatter::{self, FrontMatter};

/// The top-level keys of the YAML in `range` that are not in `allowed`.
pub(super) fn commented_out_keys(text: &str, range: std::ops::Range<usize>, allowed: &[&str]) -> Vec<String> {
    text[range]
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim().to_string()))
        .filter(|k| !k.is_empty() && !allowed.contains(&k.as_str()))
        .collect()
}

/// The YAML in `range` with every top-level key not in `allowed`, and the lines that
/// belong to it, turned into comments: (range, new text).
pub(super) fn comment_out(
    text: &str,
    range: std::ops::Range<usize>,
    allowed: &[&str],
) -> (std::ops::Range<usize>, String) {
    let mut out = String::new();
    let mut commenting = false;
    for line in text[range.clone()].split_inclusive('\n') {
        if !line.starts_with([' ', '\t', '#', '-']) && !line.trim().is_empty() {
            let key = line.split_once(':').map_or("", |(k, _)| k.trim());
            commenting = !allowed.contains(&key);
        }
        if commenting {
            out.push_str("# ");
        }
        out.push_str(line);
    }
    (range, out)
}

/// The front matter Lectern would read (its YAML range) and where the body starts. A
/// leading `---` that opens no YAML mapping (a thematic break) is no front matter; one
/// whose lines look like YAML (`key: value`) but do not parse is front matter all the
/// same (the body starts after it, so no title is made of its lines), with an error that
/// says why.
pub(super) fn existing_front_matter(
    file: &Arc<SourceFile>,
) -> (Option<std::ops::Range<usize>>, usize, Option<Diagnostic>) {
    match frontmatter::split(&file.text) {
        FrontMatter::Found(split) => match crate::yaml::parse::<serde_json::Value>(file, split.front.clone()) {
            Ok(v) if v.is_object() => (Some(split.front), split.body_start, None),
            Err(d) if looks_like_yaml(&file.text[split.front.clone()]) => {
                let at = super::convert::span_in(&d).unwrap_or(split.front.start..split.front.start);
                let example =
                    quoted_example(&file.text, at.start).unwrap_or_else(|| "title: \"Docker: 入门\"".to_string());
                let d = Diagnostic::warning(format!(
                    "front matter is not valid YAML, and `lectern build` will refuse the file: {}",
                    d.message
                ))
                .at(file, at)
                .help(format!(
                    "quote a value that holds `: `, `#` or starts with `!`, `&`, `*`, `[`, `{{`, `@` \
                     (`{example}`), then import again; the file is imported as it is"
                ));
                (None, split.body_start, Some(d))
            }
            _ => (None, 0, None),
        },
        _ => (None, 0, None),
    }
}

/// The `key: value` line at byte `at` of `text` with its value quoted, when it is one
/// whose value is not quoted yet (`header: ![#l](logo.png)` → `header: "![#l](logo.png)"`).
fn quoted_example(text: &str, at: usize) -> Option<String> {
    let start = text[..at.min(text.len())].rfind('\n').map_or(0, |n| n + 1);
    let line = text[start..].lines().next()?;
    let (key, value) = line.split_once(':')?;
    let (key, value) = (key.trim_end(), value.trim());
    let plain_key = !key.is_empty() && !key.starts_with([' ', '-', '#']);
    (plain_key && !value.is_empty() && !value.starts_with(['"', '\'']))
        .then(|| format!("{key}: \"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")))
}

/// Whether every line of `yaml` is a `key: value` line, a continuation (indented or a
/// `- ` item), a comment or blank, and there is at least one key.
fn looks_like_yaml(yaml: &str) -> bool {
    let key = |l: &str| {
        let name = l.split(':').next().unwrap_or("").trim_end();
        l.contains(':')
            && !name.is_empty()
            && name.chars().all(|c| c.is_alphanumeric() || "_-.$ ".contains(c))
            && !name.starts_with(' ')
    };
    let mut keys = 0;
    for l in yaml.lines() {
        if l.trim().is_empty() || l.trim_start().starts_with('#') || l.starts_with([' ', '\t', '-']) {
            continue;
        }
        if !key(l) {
            return false;
        }
        keys += 1;
    }
    keys > 0
}

/// The text of the first heading (ATX or setext), outside code, as Lectern's title.
pub(super) fn first_heading(body: &str) -> Option<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut text: Option<String> = None;
    for event in Parser::new_ext(body, crate::markdown::options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => text = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(s) = text.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => return text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
            _ => {}
        }
    }
    None
}
