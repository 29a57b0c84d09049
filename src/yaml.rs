//! The one place Lectern parses YAML.
//!
//! `serde_yaml` is deprecated upstream. We use `serde-saphyr`: maintained, fuzzed and
//! panic-free, and — what decided it — every error carries a precise line, column and
//! byte span, and [`Spanned`] values keep their location so cross-reference checks that
//! run long after parsing (an unknown role id in a list) can still point at the exact
//! item. Everything else in the crate goes through [`parse`] and [`span_of`], so the
//! choice can be revisited here alone.

use std::ops::Range;
use std::sync::Arc;

use serde::de::DeserializeOwned;
pub use serde_saphyr::Spanned;
use serde_saphyr::{Location, SnippetMode};

use crate::diag::{Diagnostic, SourceFile};

/// Parse `file.text[range]` (a whole YAML file, or a front-matter block inside a Markdown
/// file) into `T`. Errors point into the file, not into the slice.
pub fn parse<T: DeserializeOwned>(file: &Arc<SourceFile>, range: Range<usize>) -> Result<T, Diagnostic> {
    let text = &file.text[range.clone()];
    // An empty document means "no keys", which serde-saphyr reads as a unit, not a map.
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_saphyr::from_str::<T>(text).map_err(|err| {
        let options = serde_saphyr::render_options! { snippets: SnippetMode::Off };
        let message = strip_location_suffix(&err.render_with_options(options));
        let span = err
            .location()
            .map_or(range.start..range.start, |loc| to_file_span(file, &range, loc));
        Diagnostic::error(format!("invalid YAML: {message}"))
            .at(file, span)
            .help(help_for(&message))
    })
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

/// serde-saphyr appends " at line N column M" to plain messages; we show the location
/// ourselves (relative to the whole file), so drop it.
fn strip_location_suffix(msg: &str) -> String {
    let msg = msg.lines().next().unwrap_or(msg).trim();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].trim_end_matches(',').to_string(),
        None => msg.to_string(),
    }
}

fn help_for(message: &str) -> String {
    if message.contains("unknown field") {
        "remove the key or fix its spelling; the authoring guide (docs/authoring.md) lists every key".into()
    } else if message.contains("missing field") {
        "add the key; it is required".into()
    } else if message.contains("unknown variant") {
        "use one of the values listed in the message".into()
    } else if message.contains("tab") {
        "YAML indents with spaces, never tabs".into()
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
