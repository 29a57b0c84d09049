//! mdBook's `links` preprocessor at import: `{{#include file}}` (with `:2:10` line ranges
//! or an `:anchor` between `ANCHOR: name` and `ANCHOR_END: name` lines),
//! `{{#rustdoc_include …}}` (the other lines kept as hidden `# ` lines),
//! `{{#playground file}}` (a `rust` code block), `{{#title …}}` (the lesson's title) and
//! `\{{#…}}`, written without its backslash. Paths are relative to the chapter's folder
//! and never leave the source folder.

use std::ops::Range;
use std::sync::Arc;

use super::outline;
use super::plan::{Plan, PlannedDoc};
use super::tree::SourceTree;
use crate::diag::{Diagnostic, SourceFile};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Include,
    RustdocInclude,
    Playground,
    Title,
    /// `\{{#…}}`: the backslash goes, the rest stays as text.
    Escaped,
}

/// One directive as written.
#[derive(Debug)]
pub struct Directive {
    pub span: Range<usize>,
    pub kind: Kind,
    /// What follows the directive's name, trimmed: `file.rs:2:10 editable`, a title.
    pub arg: String,
}

impl Directive {
    /// The file named, without its range or anchor.
    pub fn path(&self) -> &str {
        let first = self.arg.split_whitespace().next().unwrap_or("");
        match self.kind {
            Kind::Include | Kind::RustdocInclude => first.split(':').next().unwrap_or(""),
            Kind::Playground => first,
            _ => "",
        }
    }
}

/// Every directive in `text`, in order (in code blocks too, as mdBook does).
pub fn find(text: &str) -> Vec<Directive> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("{{").map(|i| from + i) {
        from = at + 2;
        if at > 0 && text.as_bytes()[at - 1] == b'\\' {
            let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            if text[at + 2..line_end].starts_with('#') && text[at..line_end].contains("}}") {
                found.push(Directive {
                    span: at - 1..at,
                    kind: Kind::Escaped,
                    arg: String::new(),
                });
            }
            continue;
        }
        let rest = &text[at + 2..];
        let lead = rest.len() - rest.trim_start().len();
        let Some(named) = rest[lead..].strip_prefix('#') else {
            continue;
        };
        let name_len = named
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(named.len());
        let kind = match &named[..name_len] {
            "include" => Kind::Include,
            "rustdoc_include" => Kind::RustdocInclude,
            "playground" | "playpen" => Kind::Playground,
            "title" => Kind::Title,
            _ => continue,
        };
        let after = &named[name_len..];
        if !after.starts_with(char::is_whitespace) {
            continue;
        }
        let Some(close) = after.find('}') else { continue };
        if !after[close..].starts_with("}}") {
            continue;
        }
        let arg = after[..close].trim().to_string();
        if arg.is_empty() {
            continue;
        }
        let end = at + 2 + lead + 1 + name_len + close + 2;
        found.push(Directive {
            span: at..end,
            kind,
            arg,
        });
        from = end;
    }
    found
}

/// The files `text` (of the file `from`) includes, as paths in the source folder.
pub fn targets(text: &str, from: &str) -> Vec<String> {
    find(text)
        .iter()
        .filter(|d| !d.path().is_empty())
        .filter_map(|d| outline::join(outline::parent(from), d.path()))
        .collect()
}

/// What a directive in the file `from` becomes, or why it cannot be expanded. `depth`
/// counts the includes around it (mdBook stops at 10).
pub fn expand(tree: &SourceTree, d: &Directive, from: &str, depth: usize) -> Result<String, String> {
    match d.kind {
        Kind::Escaped | Kind::Title => return Ok(String::new()),
        _ => {}
    }
    let Some(path) = outline::join(outline::parent(from), d.path()) else {
        return Err(format!("`{}` is outside the source folder", d.path()));
    };
    let Some(file) = tree.text(&path) else {
        return Err(if tree.has(&path) {
            format!("`{path}` is not UTF-8 text")
        } else {
            format!("`{path}` does not exist in the source folder")
        });
    };
    let mut content = file.text.clone();
    if depth < 10 {
        content = expand_all(tree, &content, &path, depth + 1, &mut |_, _| {});
    }
    let first = d.arg.split_whitespace().next().unwrap_or("");
    let spec = first.split_once(':').map(|(_, s)| s);
    Ok(match d.kind {
        Kind::Include => match range_or_anchor(spec) {
            Select::Lines(start, end) => lines(&content, start, end),
            Select::Anchor(name) => anchored(&content, &name, false),
        },
        Kind::RustdocInclude => match range_or_anchor(spec) {
            Select::Lines(start, end) => content
                .lines()
                .enumerate()
                .map(|(i, l)| {
                    if i >= start && end.is_none_or(|e| i < e) {
                        l.to_string()
                    } else {
                        format!("# {l}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Select::Anchor(name) => anchored(&content, &name, true),
        },
        _ => {
            let props: Vec<&str> = d.arg.split_whitespace().skip(1).collect();
            let attrs = if props.is_empty() {
                String::new()
            } else {
                format!(",{}", props.join(","))
            };
            format!("```rust{attrs}\n{}\n```", content.trim_end())
        }
    })
}

/// `text` with every directive expanded; `failed` hears of each that could not be.
pub fn expand_all(
    tree: &SourceTree,
    text: &str,
    from: &str,
    depth: usize,
    failed: &mut dyn FnMut(&Directive, String),
) -> String {
    let mut edits = Vec::new();
    for d in find(text) {
        match expand(tree, &d, from, depth) {
            Ok(new) => edits.push((d.span, new)),
            Err(why) => failed(&d, why),
        }
    }
    super::edits::apply_edits(text, edits)
}

enum Select {
    /// Lines `start..end` (0-based), `None`: to the end.
    Lines(usize, Option<usize>),
    Anchor(String),
}

/// mdBook's `parse_range_or_anchor`: `2:10`, `2:`, `:10`, `2` (one line), or a name.
fn range_or_anchor(spec: Option<&str>) -> Select {
    let mut parts = spec.unwrap_or("").splitn(2, ':');
    let first = parts.next().unwrap_or("");
    let start = match first.parse::<usize>() {
        Ok(n) => Some(n.saturating_sub(1)),
        Err(_) if first.is_empty() => None,
        Err(_) => return Select::Anchor(first.to_string()),
    };
    let end = parts.next().map(|s| s.parse::<usize>());
    match (start, end) {
        (Some(s), Some(Ok(e))) => Select::Lines(s, Some(e)),
        (Some(s), Some(Err(_))) => Select::Lines(s, None),
        (Some(s), None) => Select::Lines(s, Some(s + 1)),
        (None, Some(Ok(e))) => Select::Lines(0, Some(e)),
        (None, _) => Select::Lines(0, None),
    }
}

fn lines(text: &str, start: usize, end: Option<usize>) -> String {
    let take = end.map_or(usize::MAX, |e| e.saturating_sub(start));
    text.lines().skip(start).take(take).collect::<Vec<_>>().join("\n")
}

/// The anchor a line opens or closes: (`true` for `ANCHOR:`, the name).
fn anchor_mark(line: &str) -> Option<(bool, &str)> {
    let (open, at) = match (line.find("ANCHOR:"), line.find("ANCHOR_END:")) {
        (_, Some(i)) => (false, i + "ANCHOR_END:".len()),
        (Some(i), None) => (true, i + "ANCHOR:".len()),
        (None, None) => return None,
    };
    let rest = line[at..].trim_start();
    let len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    Some((open, &rest[..len]))
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name`, without anchor lines; with
/// `hide`, the lines outside it too, as hidden `# ` lines.
fn anchored(text: &str, name: &str, hide: bool) -> String {
    let mut out = Vec::new();
    let mut within = false;
    for line in text.lines() {
        match anchor_mark(line) {
            Some((open, n)) if n == name => {
                within = open;
                if !open && !hide {
                    break;
                }
            }
            Some(_) => {}
            None if within => out.push(line.to_string()),
            None if hide => out.push(format!("# {line}")),
            None => {}
        }
    }
    out.join("\n")
}

/// mdBook's `{{#include}}`, `{{#rustdoc_include}}`, `{{#playground}}` expanded (an
/// unreadable file reported as a broken reference and the directive kept), `{{#title}}`
/// taken as the lesson's title, `\{{#…}}` written without its backslash.
pub(super) fn expand_in(
    tree: &SourceTree,
    file: &Arc<SourceFile>,
    body: usize,
    doc: &mut PlannedDoc,
    p: &mut Plan,
    edits: &mut Vec<(std::ops::Range<usize>, String)>,
) {
    for mut d in find(&file.text[body..]) {
        d.span = d.span.start + body..d.span.end + body;
        if d.kind == Kind::Title {
            doc.title = d.arg.clone();
        }
        match expand(tree, &d, &doc.source, 0) {
            Ok(new) => edits.push((d.span, new)),
            Err(why) => p.broken.push(
                Diagnostic::warning(format!("broken reference in the source, kept as it is: {why}"))
                    .at(file, d.span)
                    .label("not included")
                    .help("import a folder that holds the included file (the book's root, say), or copy the file into the book, then import again"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RS: &str = "use std::io;\n// ANCHOR: main\nfn main() {\n    // ANCHOR: body\n    println!(\"你好\");\n    // ANCHOR_END: body\n}\n// ANCHOR_END: main\n";

    fn run(chapter: &str) -> String {
        let tree = SourceTree::from_texts(
            "book",
            &[
                ("src/ch/a.md", chapter),
                ("src/ex.rs", RS),
                ("src/ch/part.md", "片段 {{#include ../ex.rs:1}}"),
            ],
        );
        expand_all(&tree, chapter, "src/ch/a.md", 0, &mut |d, why| panic!("{d:?}: {why}"))
    }

    #[test]
    fn ranges_anchors_hidden_lines_playground_and_escapes() {
        assert_eq!(run("{{#include ../ex.rs:3:3}}"), "fn main() {");
        assert_eq!(run("{{#include ../ex.rs:1}}"), "use std::io;");
        assert_eq!(run("{{#include ../ex.rs::2}}"), "use std::io;\n// ANCHOR: main");
        assert_eq!(
            run("{{#include ../ex.rs:main}}"),
            "fn main() {\n    println!(\"你好\");\n}"
        );
        assert_eq!(
            run("{{#rustdoc_include ../ex.rs:body}}"),
            "# use std::io;\n# fn main() {\n    println!(\"你好\");\n# }"
        );
        assert_eq!(
            run("{{#rustdoc_include ../ex.rs:1:1}}").lines().nth(1),
            Some("# // ANCHOR: main")
        );
        assert!(run("{{#playground ../ex.rs editable}}").starts_with("```rust,editable\nuse std::io;"));
        assert_eq!(run("见 \\{{#include file.rs}} 写法"), "见 {{#include file.rs}} 写法");
        assert_eq!(run("{{#title 自定义标题}}正文"), "正文");
        assert_eq!(run("{{ #include part.md }}"), "片段 use std::io;");
        assert_eq!(run("{{#unknown x}} {{#include}}"), "{{#unknown x}} {{#include}}");
    }

    #[test]
    fn a_missing_or_outside_file_is_reported() {
        let tree = SourceTree::from_texts("book", &[("src/a.md", "")]);
        let mut why = Vec::new();
        let text = "{{#include nope.rs}}\n{{#include ../../etc/passwd}}\n";
        let out = expand_all(&tree, text, "src/a.md", 0, &mut |d, w| why.push((d.span.start, w)));
        assert_eq!(out, text);
        assert_eq!(
            why[0],
            (0, "`src/nope.rs` does not exist in the source folder".to_string())
        );
        assert!(why[1].1.contains("outside the source folder"), "{why:?}");
    }
}
