//! The one place Lectern parses YAML.
//!
//! `serde_yaml` is deprecated upstream. We use `serde-saphyr`: maintained, fuzzed and
//! panic-free, and — what decided it — every error carries a precise line, column and
//! byte span, and [`Spanned`] values keep their location so cross-reference checks that
//! run long after parsing (an unknown role id in a list) can still point at the exact
//! item. Everything else in the crate goes through [`parse`] and [`span_of`], so the
//! choice can be revisited here alone.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use serde::de::DeserializeOwned;
pub use serde_saphyr::Spanned;
use serde_saphyr::{Localizer, Location, SnippetMode, UserMessageFormatter};

use crate::diag::{Diagnostic, SourceFile};

/// Parse `file.text[range]` (a whole YAML file, or a front-matter block inside a Markdown
/// file) into `T`. Errors point into the file, not into the slice.
pub fn parse<T: DeserializeOwned>(file: &Arc<SourceFile>, range: Range<usize>) -> Result<T, Diagnostic> {
    let text = &file.text[range.clone()];
    if has_no_content(text) {
        // An empty document (or one of comments only) means "no keys" or "no items", but
        // serde-saphyr reads it as a unit, which is neither a map nor a list.
        let at = range.start..range.start;
        return serde_saphyr::from_str::<T>("{}")
            .or_else(|as_map| serde_saphyr::from_str::<T>("[]").map_err(|_| as_map))
            .map_err(|err| to_diagnostic(file, &at, &err));
    }
    serde_saphyr::from_str::<T>(text).map_err(|err| to_diagnostic(file, &range, &err))
}

fn has_no_content(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---" || l == "..."
    })
}

fn to_diagnostic(file: &Arc<SourceFile>, range: &Range<usize>, err: &serde_saphyr::Error) -> Diagnostic {
    let formatter = UserMessageFormatter.with_localizer(&NoLocations);
    let options = serde_saphyr::render_options! { formatter: &formatter, snippets: SnippetMode::Off };
    let message = user_message(&strip_location_suffix(&err.render_with_options(options)));
    let mut span = err
        .location()
        .map_or(range.start..range.start, |loc| to_file_span(file, range, loc));
    if mentions_tabs(&message) {
        // serde-saphyr may point at the value before the line indented with a tab.
        if let Some(tab) = indentation_tab(file, range, span.start) {
            span = tab..tab + 1;
        }
    }
    Diagnostic::error(format!("invalid YAML: {message}"))
        .at(file, span)
        .help(help_for(&message))
}

/// We show every location ourselves (relative to the whole file, with the source line),
/// so serde-saphyr's messages go without theirs, including an alias's "(defined at line
/// …) (used at line …)".
struct NoLocations;

impl Localizer for NoLocations {
    fn attach_location<'a>(&self, base: Cow<'a, str>, _: Location) -> Cow<'a, str> {
        base
    }

    fn alias_defined_at(&self, _: Location) -> String {
        String::new()
    }

    fn alias_used_at(&self, _: Location) -> String {
        String::new()
    }
}

/// serde-saphyr's wording, where it speaks of its own API or internals, in the author's terms.
fn user_message(message: &str) -> String {
    if let Some(key) = message
        .strip_prefix("duplicate mapping key `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(key, _)| key)
    {
        return format!("duplicate key `{key}`");
    }
    if message.starts_with("YAML document too large or too complex") {
        return "too large once its aliases (`*name`) are expanded, or nested too deeply".into();
    }
    if message.starts_with("recursion limit exceeded") {
        return "nested too deeply".into();
    }
    message.to_string()
}

/// The span, in the file, of a value parsed by [`parse`] from `file.text[range]`.
pub fn span_of<T>(file: &Arc<SourceFile>, range: &Range<usize>, value: &Spanned<T>) -> Range<usize> {
    to_file_span(file, range, value.referenced)
}

fn to_file_span(file: &SourceFile, range: &Range<usize>, loc: Location) -> Range<usize> {
    let span = loc.span();
    let start = match span.byte_offset() {
        Some(b) => range.start + b as usize,
        None => {
            // Fall back to line/column, counted from the start of the slice.
            let (line0, _) = file.line_col(range.start);
            file.offset_of(line0 + loc.line() as usize - 1, loc.column() as usize)
        }
    };
    let len = span.byte_len().unwrap_or(0) as usize;
    let start = start.min(range.end);
    start..(start + len).min(range.end)
}

/// serde-saphyr may append " at line N column M" to plain messages; we show the location
/// ourselves (relative to the whole file), so drop it.
fn strip_location_suffix(msg: &str) -> String {
    let msg = msg.lines().next().unwrap_or(msg).trim();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].trim_end_matches(',').to_string(),
        None => msg.to_string(),
    }
}

fn mentions_tabs(message: &str) -> bool {
    message
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("tab") || w.eq_ignore_ascii_case("tabs"))
}

/// The first tab in a line's indentation, from the line holding `from` on.
fn indentation_tab(file: &SourceFile, range: &Range<usize>, from: usize) -> Option<usize> {
    let from = from.clamp(range.start, range.end);
    if !file.text.is_char_boundary(from) {
        return None;
    }
    let mut at = file.text[range.start..from]
        .rfind('\n')
        .map_or(range.start, |i| range.start + i + 1);
    for line in file.text[at..range.end].split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(i) = line[..indent].find('\t') {
            return Some(at + i);
        }
        at += line.len();
    }
    None
}

fn help_for(message: &str) -> String {
    if message.contains("unknown field") {
        "remove the key or fix its spelling; the authoring guide (docs/authoring.md) lists every key".into()
    } else if message.contains("missing field") {
        "add the key; it is required".into()
    } else if message.contains("unknown variant") {
        "use one of the values listed in the message".into()
    } else if message.starts_with("duplicate key") {
        "a key may appear only once in the same place: remove one of the two, or merge them".into()
    } else if message.contains("aliases") || message.contains("nested too deeply") {
        "Lectern files need no anchors (`&name`) or aliases (`*name`): write the values out, and keep nesting shallow"
            .into()
    } else if mentions_tabs(message) {
        "YAML indents with spaces, never tabs".into()
    } else if message.contains("expected sequence") {
        "this key takes a list: `[a, b]`, or one `- item` per line".into()
    } else if message.starts_with("invalid u")
        || message.starts_with("invalid i")
        || message.contains("floating point")
        || message.contains("finite number")
    {
        "this key takes a number: write it in digits, within the range the key allows".into()
    } else {
        "check the YAML syntax at this position (indentation, a missing `:` or an unclosed quote or bracket)".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        #[serde(default)]
        roles: Vec<Spanned<String>>,
    }

    fn file(text: &str) -> Arc<SourceFile> {
        SourceFile::new("content/lessons/m/l.md", text.to_string())
    }

    #[test]
    fn unknown_key_points_at_the_key_in_the_file() {
        let f = file("---\ntitle: 切片\ntitel: oops\n---\nbody\n");
        let range = 4..f.text.find("---\nbody").unwrap();
        let d = parse::<Front>(&f, range).unwrap_err();
        assert!(d.message.contains("titel"), "{}", d.message);
        assert_eq!(d.position().unwrap(), "content/lessons/m/l.md:3:1");
        assert!(!d.message.contains("at line"), "{}", d.message);
    }

    #[test]
    fn spanned_values_locate_list_items() {
        let f = file("---\ntitle: t\nroles: [team-leader, studnet]\n---\n");
        let range = 4..f.text.rfind("---").unwrap();
        let front: Front = parse(&f, range.clone()).unwrap();
        let span = span_of(&f, &range, &front.roles[1]);
        assert_eq!(&f.text[span.clone()], "studnet");
        assert_eq!(f.line_col(span.start), (3, 22));
    }

    #[test]
    fn empty_or_comment_only_documents_are_empty_maps_or_lists() {
        for text in ["", "\n  \n", "# 以后再写\n"] {
            let f = file(text);
            let list: Vec<String> = parse(&f, 0..f.text.len()).unwrap();
            assert!(list.is_empty());
            let d = parse::<Front>(&f, 0..f.text.len()).unwrap_err();
            assert!(d.message.contains("missing field `title`"), "{}", d.message);
            assert_eq!(d.position().unwrap(), "content/lessons/m/l.md:1:1");
        }
    }

    #[test]
    fn duplicate_keys_and_tabs_are_explained_where_they_are() {
        let f = file("title: a\ntitle: b\n");
        let d = parse::<Front>(&f, 0..f.text.len()).unwrap_err();
        assert_eq!(d.message, "invalid YAML: duplicate key `title`");
        assert_eq!(d.position().unwrap(), "content/lessons/m/l.md:2:1");
        assert!(!d.help.unwrap().contains("tab"));

        // serde-saphyr blames the scalar on line 1; the tab is on line 2.
        let f = file("- title: lead\n\troles: []\n");
        let d = parse::<Vec<Front>>(&f, 0..f.text.len()).unwrap_err();
        assert_eq!(d.position().unwrap(), "content/lessons/m/l.md:2:1", "{}", d.message);
        assert!(d.help.unwrap().contains("never tabs"));
    }

    #[test]
    fn alias_messages_carry_no_locations_of_their_own() {
        let f = file("title: &t [a]\nroles: *t\n");
        let d = parse::<Front>(&f, 0..f.text.len()).unwrap_err();
        assert!(!d.message.contains("line"), "{}", d.message);
        assert!(!d.message.contains("(used"), "{}", d.message);
    }

    #[test]
    fn syntax_error_has_a_line() {
        let f = file("title: [unclosed\nlanguage: zh-CN\n");
        let d = parse::<Front>(&f, 0..f.text.len()).unwrap_err();
        assert!(
            d.position().unwrap().starts_with("content/lessons/m/l.md:"),
            "{:?}",
            d.position()
        );
    }
}
