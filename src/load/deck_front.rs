//! A lesson's front matter never stops at its first bad key. Each key serde refuses is left
//! out (blanked, so every later span holds) and the rest is read again, so one run reports
//! every key and the body is still checked:
//!
//! - keys of other tools (Hugo's `date`, Hexo's `categories`, DocFX's `ms.topic`…,
//!   [`foreign_keys`](super::foreign_keys)) are one warning per lesson;
//! - in a Marp or reveal.js deck ([`crate::model::DeckTool`]), any other unknown key, or a
//!   value of the wrong type (reveal's `duration: 40 min`), is a warning at the key;
//! - in a Lectern lesson, it is an error at the key (a typo: `titel`, did you mean `title`).
//!
//! Broken YAML (a bracket left open) is still one error, and the lesson is left out.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::foreign_keys::is_foreign;
use crate::diag::{did_you_mean, Diagnostic, Location, SourceFile};
use crate::model::{deck_tool, DeckTool, LessonFront};
use crate::yaml;

/// The lesson's front matter at `range` in `file`, with the problems of the keys left out
/// (errors among them for a Lectern lesson's unknown keys and wrong types).
pub fn lesson_front(file: &Arc<SourceFile>, range: Range<usize>) -> Result<(LessonFront, Vec<Diagnostic>), Diagnostic> {
    let mut err = match yaml::parse::<LessonFront>(file, range.clone()) {
        Ok(front) => return Ok((front, Vec::new())),
        Err(err) => err,
    };
    // Well-formed YAML: the problem is one key (or more), which can go.
    let Ok(keys) = yaml::parse::<BTreeMap<String, serde_json::Value>>(file, range.clone()) else {
        return Err(err);
    };
    let theme = keys.get("theme").and_then(|t| t.as_str());
    let marp = keys.get("marp").and_then(|m| m.as_bool()) == Some(true);
    let tool = deck_tool(marp, theme, keys.keys().map(String::as_str));
    let mut text = file.text.clone();
    let mut problems = Vec::new();
    let mut foreign: Vec<(String, Range<usize>)> = Vec::new();
    // A title of the wrong type (`title: [第二课]`) is reported; its text stands in for it,
    // so "lesson has no title" does not follow.
    let mut raw_title = None;
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
            .trim_end()
            .to_string();
        let key_span = block.start..block.start + key.len();
        let unknown = err.message.contains("unknown field");
        let name = key.trim_matches(['"', '\'']);
        if unknown && is_foreign(name) {
            foreign.push((name.to_string(), key_span));
        } else if let Some(tool) = tool {
            problems.push(left_out(file, key_span, &key, &err, tool));
        } else if unknown {
            problems.push(unknown_key(file, key_span, name, &err));
        } else {
            if name == "title" {
                let value = &text[key_span.end + 1..block.end];
                raw_title = Some(value.trim().to_string());
            }
            problems.push(err);
        }
        // Blanked, not removed: every offset, and so every later span, stays the file's.
        text.replace_range(block.clone(), &blank(&text[block.clone()]));
        let without = SourceFile::new(&file.path, text.clone());
        match yaml::parse::<LessonFront>(&without, range.clone()) {
            Ok(mut front) => {
                front.title = front.title.or(raw_title);
                if let Some((_, first)) = foreign.first() {
                    problems.push(foreign_warning(file, first.clone(), &foreign));
                }
                return Ok((front, problems));
            }
            Err(e) => err = e,
        }
    }
    Err(shorter_key_list(err))
}

/// One warning for all of a lesson's keys of other tools, at the first.
fn foreign_warning(file: &Arc<SourceFile>, span: Range<usize>, keys: &[(String, Range<usize>)]) -> Diagnostic {
    let names: Vec<String> = keys.iter().map(|(k, _)| format!("`{k}`")).collect();
    Diagnostic::warning(format!("ignored: front matter of other tools ({})", names.join(", ")))
        .at(file, span)
        .label("ignored")
        .help(
            "these keys belong to Hugo, Hexo, Jekyll, VuePress, Docusaurus, Obsidian or DocFX; Lectern does not \
         read them. Delete them to silence this warning (Lectern's own keys, e.g. `title`, `tags`, `summary`, \
         are listed in docs/authoring.md)",
        )
}

/// A Lectern lesson's key that is neither Lectern's nor another tool's: a typo.
fn unknown_key(file: &Arc<SourceFile>, span: Range<usize>, key: &str, err: &Diagnostic) -> Diagnostic {
    // serde's message: "unknown field `k`, expected one of a, b, c".
    let expected: Vec<&str> = err
        .message
        .split_once("expected one of ")
        .map(|(_, list)| list.split(", ").collect())
        .unwrap_or_default();
    let lectern: Vec<&str> = expected.iter().copied().take_while(|k| *k != "marp").collect();
    let help = match did_you_mean(key, expected.iter().copied()) {
        Some(hint) => format!("{hint} Otherwise remove the key; docs/authoring.md lists every key"),
        None => format!(
            "remove the key or fix its spelling; a lesson's keys are {}, or a Marp or reveal.js key \
             (docs/authoring.md lists every key)",
            lectern.join(", ")
        ),
    };
    Diagnostic::error(format!("unknown front-matter key `{key}`"))
        .at(file, span)
        .label("not a Lectern key")
        .help(help)
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
    fn lectern_lessons_keep_unknown_keys_as_errors_all_in_one_run() {
        let (front, problems) = parse("---\ntitle: 切片\ntag: GMV\nduraton: 5\nsummary: 一句话\n---\n").unwrap();
        assert_eq!(
            front.summary.as_deref(),
            Some("一句话"),
            "the other keys are still read"
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().all(Diagnostic::is_error));
        assert!(problems[0].message.contains("`tag`"), "{}", problems[0].message);
        assert!(problems[0].help.as_deref().unwrap().contains("did you mean `tags`?"));
        assert_eq!(problems[1].position().unwrap(), "content/lessons/m/deck.md:4:1");
        assert!(problems[1]
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean `duration`?"));
        // Broken YAML is still an error: only a key can be left out.
        let d = parse("---\nmarp: true\nclass: [lead\n---\n").unwrap_err();
        assert!(d.is_error(), "{}", d.message);
    }

    #[test]
    fn keys_of_other_tools_are_one_warning_and_a_typo_is_still_an_error() {
        let text = "---\ntitle: 环境变量\ndate: 2021-03-04 10:00:00\ncategories:\n  - Linux\ntitel: x\ntags: css\nms.topic: article\nmath: true\n---\n";
        let (front, problems) = parse(text).unwrap();
        assert_eq!(front.tags, ["css"], "one tag as a string");
        assert_eq!(front.math, None);
        assert_eq!(problems.len(), 2, "{problems:?}");
        let typo = problems.iter().find(|d| d.is_error()).unwrap();
        assert!(typo.message.contains("`titel`") && typo.help.as_deref().unwrap().contains("`title`"));
        assert_eq!(typo.position().unwrap(), "content/lessons/m/deck.md:6:1");
        let foreign = problems.iter().find(|d| !d.is_error()).unwrap();
        assert_eq!(
            foreign.message,
            "ignored: front matter of other tools (`date`, `categories`, `ms.topic`)"
        );
        assert_eq!(foreign.position().unwrap(), "content/lessons/m/deck.md:3:1");
    }

    #[test]
    fn tags_of_any_scalar_type_are_text_and_an_empty_value_is_none() {
        for (yaml, tags) in [
            ("tags: [2024, css]", vec!["2024", "css"]),
            ("tags: 2024", vec!["2024"]),
            ("tags:", vec![]),
            ("tags: ~", vec![]),
        ] {
            let (front, problems) = parse(&format!("---\ntitle: x\n{yaml}\n---\n")).unwrap();
            assert!(problems.is_empty(), "{yaml}: {problems:?}");
            assert_eq!(front.tags, tags, "{yaml}");
        }
        for (yaml, math) in [("math:", None), ("math: true", None), ("math: katex", Some("katex"))] {
            let (front, problems) = parse(&format!("---\ntitle: x\n{yaml}\n---\n")).unwrap();
            assert!(problems.is_empty(), "{yaml}: {problems:?}");
            assert_eq!(front.math.as_deref(), math, "{yaml}");
        }
    }

    #[test]
    fn a_marp_class_list_is_joined_with_spaces() {
        let (front, problems) = parse("---\nmarp: true\nclass:\n  - invert\n  - lead\n_class: [a, b]\n---\n").unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(front.class.as_deref(), Some("invert lead"));
        assert_eq!(front.first_class.as_deref(), Some("a b"));
    }
}
