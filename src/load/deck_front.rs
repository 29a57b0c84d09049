//! A deck's front matter never stops it: in a Marp or reveal.js deck
//! ([`crate::model::DeckTool`]), a key Lectern does not know, or a value of the wrong type
//! (reveal's `duration: 40 min`), is a warning at the key and the key is left out. Lectern
//! lessons keep `deny_unknown_fields`: there an unknown key is a typo, and an error.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use crate::diag::{Diagnostic, Location, SourceFile};
use crate::model::{deck_tool, DeckTool, LessonFront};
use crate::yaml;

/// The lesson's front matter at `range` in `file`, with the warnings for the keys left out.
pub fn lesson_front(file: &Arc<SourceFile>, range: Range<usize>) -> Result<(LessonFront, Vec<Diagnostic>), Diagnostic> {
    let mut err = match yaml::parse::<LessonFront>(file, range.clone()) {
        Ok(front) => return Ok((front, Vec::new())),
        Err(err) => err,
    };
    // Well-formed YAML whose keys say "deck": the problem is one key, which can go.
    let Ok(keys) = yaml::parse::<BTreeMap<String, serde_json::Value>>(file, range.clone()) else {
        return Err(err);
    };
    let theme = keys.get("theme").and_then(|t| t.as_str());
    let marp = keys.get("marp").and_then(|m| m.as_bool()) == Some(true);
    let Some(tool) = deck_tool(marp, theme, keys.keys().map(String::as_str)) else {
        return Err(shorter_key_list(err));
    };
    let mut text = file.text.clone();
    let mut warnings = Vec::new();
    // Each round leaves out one key, so there are at most as many rounds as keys.
    for _ in 0..keys.len() {
        let Some(at) = span_start(&err) else { break };
        let Some(block) = top_level_key(&text, &range, at) else {
            break;
        };
        let key = text[block.clone()]
            .split(':')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        let key_span = block.start..block.start + key.len();
        warnings.push(left_out(file, key_span, &key, &err, tool));
        // Blanked, not removed: every offset, and so every later span, stays the file's.
        text.replace_range(block.clone(), &blank(&text[block.clone()]));
        let without = SourceFile::new(&file.path, text.clone());
        match yaml::parse::<LessonFront>(&without, range.clone()) {
            Ok(front) => return Ok((front, warnings)),
            Err(e) => err = e,
        }
    }
    Err(err)
}

/// A Lectern lesson's "unknown field" error lists Lectern's keys, not the fifty keys of
/// Marp and reveal-md that follow them in `LessonFront`.
fn shorter_key_list(mut err: Diagnostic) -> Diagnostic {
    if let Some(at) = err
        .message
        .find(", marp, ")
        .filter(|_| err.message.contains("unknown field"))
    {
        err.message.truncate(at);
        err.message.push_str(", or a Marp or reveal.js key");
    }
    err
}

fn span_start(d: &Diagnostic) -> Option<usize> {
    match &d.location {
        Some(Location::Span { span, .. }) => Some(span.start),
        _ => None,
    }
}

/// The lines of the top-level key whose block holds `at`: its `key:` line (starting in
/// column 1) and the indented or blank lines under it.
fn top_level_key(text: &str, range: &Range<usize>, at: usize) -> Option<Range<usize>> {
    let starts_key = |line: &str| line.starts_with(|c: char| !c.is_whitespace() && c != '#' && c != '-');
    let mut start = None;
    let mut pos = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let end = pos + line.len();
        if starts_key(line) {
            if start.is_some_and(|_| pos > at) {
                return start.map(|s| s..pos);
            }
            start = Some(pos);
        }
        pos = end;
    }
    start.filter(|&s| s <= at).map(|s| s..range.end)
}

/// `text` with every character but line breaks turned into spaces, byte for byte.
fn blank(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' => c.to_string(),
            _ => " ".repeat(c.len_utf8()),
        })
        .collect()
}

fn left_out(file: &Arc<SourceFile>, span: Range<usize>, key: &str, err: &Diagnostic, tool: DeckTool) -> Diagnostic {
    let deck = match tool {
        DeckTool::Marp => "Marp",
        DeckTool::Reveal => "reveal.js",
    };
    let why = err.message.strip_prefix("invalid YAML: ").unwrap_or(&err.message);
    if why.starts_with("unknown field") {
        Diagnostic::warning(format!(
            "front-matter key `{key}` is not one Lectern knows; ignored in this {deck} deck"
        ))
        .at(file, span)
        .label("ignored")
        .help("docs/authoring.md (Bringing an existing Marp or reveal.js deck) lists the keys Lectern reads")
    } else {
        Diagnostic::warning(format!(
            "front-matter key `{key}` ignored in this {deck} deck: Lectern cannot read its value ({why})"
        ))
        .at(file, span)
        .label("ignored")
        .help(err.help.clone().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<(LessonFront, Vec<Diagnostic>), Diagnostic> {
        let file = SourceFile::new("content/lessons/m/deck.md", text.to_string());
        let end = text.rfind("---\n").unwrap();
        lesson_front(&file, 4..end)
    }

    #[test]
    fn a_reveal_duration_in_words_is_a_warning_at_the_key() {
        let (front, warnings) =
            parse("---\ntitle: 账号定位\nrevealOptions:\n  transition: fade\nduration: 40 min\nroles: [剪辑]\n---\n")
                .unwrap();
        assert_eq!(front.duration, None);
        assert_eq!(front.roles[0].value, "剪辑", "the keys after it are still read");
        assert_eq!(warnings.len(), 1);
        let w = &warnings[0];
        assert!(!w.is_error());
        assert!(
            w.message.contains("`duration`") && w.message.contains("reveal.js"),
            "{}",
            w.message
        );
        assert_eq!(w.position().unwrap(), "content/lessons/m/deck.md:5:1");
    }

    #[test]
    fn unknown_keys_in_a_marp_deck_are_warnings_and_typed_spans_hold() {
        let text = "---\nmarp: true\nfooBar: 1\nnotes:\n  - 讲师稿\n  - 第二段\nbackgroundImage: url(bg.png)\n---\n";
        let (front, warnings) = parse(text).unwrap();
        let keys: Vec<_> = warnings.iter().map(|w| w.message.clone()).collect();
        assert_eq!(warnings.len(), 2, "{keys:?}");
        assert!(keys[0].contains("`fooBar`") && keys[1].contains("`notes`"), "{keys:?}");
        assert_eq!(warnings[1].position().unwrap(), "content/lessons/m/deck.md:4:1");
        let bg = front.background_image.unwrap();
        let file = SourceFile::new("x", text.to_string());
        assert_eq!(
            &file.text[yaml::span_of(&file, &(4..text.len() - 4), &bg)],
            "url(bg.png)"
        );
    }

    #[test]
    fn lectern_lessons_keep_unknown_keys_as_errors() {
        let d = parse("---\ntitle: 切片\ntag: GMV\n---\n").unwrap_err();
        assert!(
            d.is_error() && d.message.contains("unknown field `tag`"),
            "{}",
            d.message
        );
        // A deck with broken YAML is still an error: only a key can be left out.
        let d = parse("---\nmarp: true\nclass: [lead\n---\n").unwrap_err();
        assert!(d.is_error(), "{}", d.message);
    }
}
