//! Hugo's TOML front matter (`+++` … `+++`, gohugo.io "Front matter"): read, not shown.
//!
//! A small reader of the TOML Hugo posts use: `key = "string"` (or `'literal'`), numbers,
//! booleans, dates and arrays of those, one key a line (an array may run over lines).
//! `title`, `summary`, `description`, `tags`, `objectives`, `draft`, `order` (or Hugo's
//! `weight`), `duration` and `slide_level` are read; every other key, and every
//! `[table]`, is named in one warning. A line it cannot read is an error at that line
//! that says to convert the block to YAML; the rest of the lesson is still read.

use std::ops::Range;
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile};
use crate::model::LessonFront;

/// A TOML value, as far as Lectern needs one.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Str(String),
    Int(i64),
    Bool(bool),
    Array(Vec<Value>),
    /// A float, a date, an inline table: read past, never used.
    Other,
}

/// The lesson's front matter from the TOML at `range` in `file`, with its problems.
pub fn lesson_front(file: &Arc<SourceFile>, range: Range<usize>) -> (LessonFront, Vec<Diagnostic>) {
    let mut front = LessonFront::default();
    let mut problems = Vec::new();
    let mut ignored: Vec<(String, Range<usize>)> = Vec::new();
    let text = &file.text[range.clone()];
    let mut pos = 0;
    let mut weight = None;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..line_end].trim();
        let indent = text[pos..line_end].len() - text[pos..line_end].trim_start().len();
        let at = range.start + pos + indent;
        if line.is_empty() || line.starts_with('#') {
            pos = line_end;
            continue;
        }
        if line.starts_with('[') {
            // A table (`[params]`, `[[menu.main]]`): its keys belong to it.
            let name = line.trim_matches(['[', ']']).trim().to_string();
            ignored.push((format!("[{name}]"), at..at + line.len()));
            pos = skip_table(text, line_end);
            continue;
        }
        let Some((key, _)) = line.split_once('=') else {
            problems.push(unreadable(
                file,
                at..at + line.trim_end().len(),
                "expected `key = value`",
            ));
            pos = line_end;
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']).to_string();
        let key_span = at..at + key.len();
        let value_start = pos + text[pos..line_end].find('=').map_or(0, |i| i + 1);
        let (value, end) = match parse_value(text, value_start) {
            Ok(v) => v,
            Err(why) => {
                problems.push(unreadable(file, key_span, why));
                pos = line_end;
                continue;
            }
        };
        pos = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        if !read_key(&mut front, &key, &value, &mut weight) {
            ignored.push((key, key_span));
        }
    }
    front.order = front.order.or(weight);
    if let Some((_, first)) = ignored.first() {
        let names: Vec<String> = ignored.iter().map(|(k, _)| format!("`{k}`")).collect();
        problems.push(
            Diagnostic::warning(format!("ignored: front matter of other tools ({})", names.join(", ")))
                .at(file, first.clone())
                .label("ignored")
                .help(
                    "Lectern reads Hugo's TOML front matter for title, summary, description, tags, objectives, \
                 draft, weight (as order) and duration; it does not read these keys. Delete them to \
                 silence this warning",
                ),
        );
    }
    (front, problems)
}

/// Sets `key` on `front`; `false` when Lectern does not read it (or not with this type).
fn read_key(front: &mut LessonFront, key: &str, value: &Value, weight: &mut Option<i64>) -> bool {
    let string = || match value {
        Value::Str(s) => Some(s.clone()),
        _ => None,
    };
    let strings = || match value {
        Value::Str(s) => Some(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|v| match v {
                Value::Str(s) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        _ => None,
    };
    let int = || match value {
        Value::Int(n) => Some(*n),
        _ => None,
    };
    match key {
        "title" => string().map(|s| front.title = Some(s)).is_some(),
        "summary" => string().map(|s| front.summary = Some(s)).is_some(),
        "description" => string().map(|s| front.description = Some(s)).is_some(),
        "tags" => strings().map(|t| front.tags = t).is_some(),
        "objectives" => strings().map(|t| front.objectives = t).is_some(),
        "draft" => match value {
            Value::Bool(b) => {
                front.draft = *b;
                true
            }
            _ => false,
        },
        "order" => int().map(|n| front.order = Some(n)).is_some(),
        "weight" => int().map(|n| *weight = Some(n)).is_some(),
        "duration" => int()
            .and_then(|n| u32::try_from(n).ok())
            .map(|n| front.duration = Some(n))
            .is_some(),
        "slide_level" => int()
            .and_then(|n| u8::try_from(n).ok())
            .map(|n| front.slide_level = Some(n))
            .is_some(),
        _ => false,
    }
}

fn unreadable(file: &Arc<SourceFile>, span: Range<usize>, why: &str) -> Diagnostic {
    Diagnostic::error(format!("TOML front matter Lectern cannot read: {why}"))
        .at(file, span)
        .label("here")
        .help(
            "Lectern reads simple TOML (`key = \"text\"`, numbers, true/false, `[\"a\", \"b\"]`); write this \
             front matter as YAML instead: `---`, then `title: 标题`, `tags: [a, b]`, then `---`",
        )
}

/// The offset after the table whose header line ends at `from`: at the next top-level
/// header or the end.
fn skip_table(text: &str, from: usize) -> usize {
    let mut pos = from;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_start().starts_with('[') && pos > from {
            let l = text[pos..end].trim();
            // `[x]` alone on its line is a header; `[` starting an array value is not.
            if l.ends_with(']') && !l.contains('=') {
                return pos;
            }
        }
        pos = end;
    }
    text.len()
}

/// The value starting at `at` (after `=`), and the offset after it.
fn parse_value(text: &str, at: usize) -> Result<(Value, usize), &'static str> {
    let b = text.as_bytes();
    let mut i = at;
    while i < b.len() && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    let rest = &text[i..];
    if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
        let quote = &rest[..3];
        let close = rest[3..].find(quote).ok_or("a multi-line string is not closed")?;
        let s = rest[3..3 + close].trim_start_matches(['\r', '\n']).to_string();
        return Ok((Value::Str(s), i + 3 + close + 3));
    }
    match b.get(i) {
        Some(b'"') => {
            let mut s = String::new();
            let mut chars = text[i + 1..].char_indices();
            while let Some((j, c)) = chars.next() {
                match c {
                    '"' => return Ok((Value::Str(s), i + 1 + j + 1)),
                    '\n' => break,
                    '\\' => match chars.next().map(|(_, e)| e) {
                        Some('n') => s.push('\n'),
                        Some('t') => s.push('\t'),
                        Some(e @ ('"' | '\\')) => s.push(e),
                        Some(e) => {
                            s.push('\\');
                            s.push(e);
                        }
                        None => break,
                    },
                    c => s.push(c),
                }
            }
            Err("a string is not closed on its line")
        }
        Some(b'\'') => {
            let end = text[i + 1..].find(['\'', '\n']).ok_or("a string is not closed")?;
            if b[i + 1 + end] != b'\'' {
                return Err("a string is not closed on its line");
            }
            Ok((Value::Str(text[i + 1..i + 1 + end].to_string()), i + 1 + end + 1))
        }
        Some(b'[') => {
            let mut items = Vec::new();
            let mut j = i + 1;
            loop {
                while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b',') {
                    j += 1;
                }
                if b.get(j) == Some(&b'#') {
                    j = text[j..].find('\n').map_or(b.len(), |e| j + e);
                    continue;
                }
                match b.get(j) {
                    None => return Err("an array is not closed"),
                    Some(b']') => return Ok((Value::Array(items), j + 1)),
                    _ => {
                        let (v, end) = parse_value(text, j)?;
                        items.push(v);
                        j = end;
                    }
                }
            }
        }
        Some(b'{') => {
            let end = rest.find('}').ok_or("an inline table is not closed")?;
            Ok((Value::Other, i + end + 1))
        }
        Some(_) => {
            let end = rest.find([',', ']', '\n', '#']).unwrap_or(rest.len());
            let word = rest[..end].trim();
            let value = match word {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ if word.is_empty() => return Err("a key has no value"),
                _ => word.replace('_', "").parse().map_or(Value::Other, Value::Int),
            };
            Ok((value, i + end))
        }
        None => Err("a key has no value"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(toml: &str) -> (LessonFront, Vec<Diagnostic>) {
        let text = format!("+++\n{toml}+++\n正文\n");
        let file = SourceFile::new("content/lessons/m/hugo.md", text.clone());
        lesson_front(&file, 4..4 + toml.len())
    }

    #[test]
    fn reads_a_hugo_post_and_names_the_rest_in_one_warning() {
        let (front, problems) = read(
            "title = \"讨论一下环境变量\"\ndate = 2021-03-04T10:00:00+08:00\ndraft = false\ntags = [\n  \"Linux\", 'shell', # 注释\n]\nweight = 3\nsummary = \"环境变量 (environment variables) 是什么\"\n[params]\n  toc = true\n",
        );
        assert_eq!(front.title.as_deref(), Some("讨论一下环境变量"));
        assert_eq!(front.tags, ["Linux", "shell"]);
        assert_eq!(front.order, Some(3));
        assert!(front.summary.unwrap().starts_with("环境变量"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].message,
            "ignored: front matter of other tools (`date`, `[params]`)"
        );
        assert_eq!(problems[0].position().unwrap(), "content/lessons/m/hugo.md:3:1");
    }

    #[test]
    fn a_line_it_cannot_read_is_an_error_there_and_the_rest_is_read() {
        let (front, problems) = read("title = \"一、环境变量\ntags = [\"a\"]\n");
        assert_eq!(front.tags, ["a"]);
        assert!(problems[0].is_error(), "{problems:?}");
        assert!(problems[0].help.as_deref().unwrap().contains("YAML"));
        assert_eq!(problems[0].position().unwrap(), "content/lessons/m/hugo.md:2:1");
    }
}
