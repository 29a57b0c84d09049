//! GitBook's Liquid blocks at import: `{% hint style="…" %}` → a `::: KIND` callout,
//! `{% tabs %}` → each `{% tab title="…" %}` as a bold line over its content,
//! `{% code title="…" %}` → a bold caption over the code block, `{% embed url="…" %}` →
//! a link, `{% content-ref %}` → the link it holds, `{% file src="…" %}` → a link to the
//! file (which the import copies). Layout blocks (`{% stepper %}`/`{% step %}`,
//! `{% columns %}`/`{% column %}`, `{% updates %}`) keep only their content, legacy
//! GitBook's (Nunjucks) `{% raw %}` only its text, `{% include "x.md" %}` becomes the
//! file, the old `{% swagger %}` API blocks bold lines and a list. Tags in code are left
//! alone; any other tag is kept as written and reported, so that none leaks unseen.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::convert::Placer;
use super::outline;
use super::place::written_as;
use super::plan::{Plan, PlannedDoc};
use super::refs::{RefKind, Resolver, Target};
use super::tree::SourceTree;
use crate::diag::{Diagnostic, SourceFile};
use std::sync::Arc;

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"\{%-?\s*([a-zA-Z][\w-]*)(?:\s+(?:"([^"]*)"|'([^']*)'))?((?:\s+[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*-?%\}"#,
    )
    .unwrap()
});
/// Any other Liquid tag (`{% if x %}`, `{% openapi src="…" %}`), to report it.
static OTHER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{%-?\s*([a-zA-Z][\w-]*)[^%\n]*%\}").unwrap());
static ATTR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).unwrap());

/// What a Liquid block becomes.
#[derive(Debug, PartialEq, Eq)]
pub enum Out {
    Text(String),
    /// `{% file %}`: a link to `src` (as written) with this text, once the import knows
    /// where the file goes.
    File {
        src: String,
        text: String,
    },
    /// Legacy `{% include "x.md" %}`: the file's text, relative to the chapter.
    Include(String),
    /// A tag Lectern does not know: kept as written, reported with its name.
    Unknown(String),
}

struct Tag {
    span: Range<usize>,
    name: String,
    /// A quoted argument before the attributes (`{% include "x.md" %}`).
    arg: Option<String>,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// The Liquid tags of `text[body..]` outside code, in order (positions in `text`).
fn tags(text: &str, body: usize) -> Vec<Tag> {
    use pulldown_cmark::{Event, Parser, Tag as Md};
    let src = &text[body..];
    let mut code: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(src, crate::markdown::options()).into_offset_iter() {
        if matches!(event, Event::Start(Md::CodeBlock(_)) | Event::Code(_)) {
            code.push(range);
        }
    }
    let outside_code = |span: &Range<usize>| !code.iter().any(|r| r.start < span.end && span.start < r.end);
    let mut found: Vec<Tag> = TAG
        .captures_iter(src)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let span = whole.range();
            if !outside_code(&span) {
                return None;
            }
            let arg = c.get(2).or_else(|| c.get(3)).map(|m| m.as_str().to_string());
            let attrs = ATTR
                .captures_iter(c.get(4).map_or("", |m| m.as_str()))
                .map(|a| {
                    let v = a.get(2).or_else(|| a.get(3)).map_or("", |m| m.as_str());
                    (a[1].to_string(), v.to_string())
                })
                .collect();
            Some(Tag {
                span: body + span.start..body + span.end,
                name: c[1].to_string(),
                arg,
                attrs,
            })
        })
        .collect();
    // Tags of other shapes (`{% if a == b %}`): found so that they are reported.
    for c in OTHER.captures_iter(src) {
        let span = c.get(0).map_or(0..0, |m| m.range());
        let at = body + span.start..body + span.end;
        if outside_code(&span) && !found.iter().any(|t| t.span.start < at.end && at.start < t.span.end) {
            found.push(Tag {
                span: at,
                name: c[1].to_string(),
                arg: None,
                attrs: Vec::new(),
            });
        }
    }
    found.sort_by_key(|t| t.span.start);
    // `{% raw %}…{% endraw %}`: what is between is text, even when it looks like a tag.
    let mut raw = false;
    found.retain(|t| match t.name.as_str() {
        "raw" => !std::mem::replace(&mut raw, true),
        "endraw" => std::mem::replace(&mut raw, false),
        _ => !raw,
    });
    found
}

/// GitBook's hint styles as Lectern's container kinds.
fn callout_kind(style: &str) -> &'static str {
    match style {
        "warning" => "warning",
        "danger" => "danger",
        "success" => "tip",
        _ => "info",
    }
}

/// `new` on lines of its own where the tag at `span` stands.
pub(super) fn own_line(text: &str, span: &Range<usize>, new: &str) -> String {
    let mut out = String::new();
    // Only indentation before the tag (a hint inside a list item) stays as it is, so the
    // block stays inside the item.
    let before = text[..span.start].trim_end_matches([' ', '\t']);
    if !(before.is_empty() || before.ends_with('\n') || new.is_empty()) {
        out.push('\n');
    }
    out.push_str(new);
    let after = &text[span.end..];
    if !(after.is_empty() || after.starts_with(['\n', '\r']) || new.is_empty()) {
        out.push('\n');
    }
    out
}

/// Every Liquid block of `text[body..]` and what it becomes: (range in `text`, output).
pub fn convert(text: &str, body: usize) -> Vec<(Range<usize>, Out)> {
    let tags = tags(text, body);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let t = &tags[i];
        i += 1;
        let closing = |name: &str| {
            tags[i..]
                .first()
                .filter(|n| n.name == name)
                .map(|n| (text[t.span.end..n.span.start].trim().to_string(), n.span.end))
        };
        let new = match t.name.as_str() {
            "hint" => format!("::: {}", callout_kind(t.attr("style").unwrap_or("info"))),
            "endhint" => ":::".to_string(),
            // A paragraph of its own: on the next line the tab's text would join it.
            "tab" => format!("**{}**\n", t.attr("title").unwrap_or("")),
            "code" => t.attr("title").map(|c| format!("**{c}**")).unwrap_or_default(),
            "tabs" | "endtabs" | "endtab" | "endcode" | "content-ref" | "endcontent-ref" => String::new(),
            // Layout only: the steps, columns and entries are shown one after another.
            "stepper" | "endstepper" | "step" | "endstep" | "columns" | "endcolumns" | "column" | "endcolumn"
            | "updates" | "endupdates" | "endupdate" | "raw" | "endraw" => String::new(),
            "update" => t.attr("date").map(|d| format!("**{d}**")).unwrap_or_default(),
            // GitBook's old API blocks: the endpoint, its parameters as a list, each
            // response's status; the descriptions stay as text.
            "swagger" => {
                let method = t.attr("method").unwrap_or("").to_uppercase();
                let path = t.attr("path").unwrap_or("");
                let summary = t.attr("summary").map(|s| format!(" {s}")).unwrap_or_default();
                format!("**{method} `{}{path}`**{summary}", t.attr("baseUrl").unwrap_or(""))
            }
            "swagger-parameter" => {
                let about: Vec<&str> = ["in", "type"].iter().filter_map(|k| t.attr(k)).collect();
                let required = if t.attr("required") == Some("true") {
                    ", required"
                } else {
                    ""
                };
                format!("- `{}` ({}{required})", t.attr("name").unwrap_or(""), about.join(", "))
            }
            "swagger-response" => {
                let status = t.attr("status").unwrap_or("");
                let about = t.attr("description").filter(|d| !d.is_empty());
                format!("**{status}**{}", about.map(|d| format!(" {d}")).unwrap_or_default())
            }
            "swagger-description"
            | "endswagger-description"
            | "endswagger-parameter"
            | "endswagger-response"
            | "endswagger" => String::new(),
            "include" if t.arg.is_some() => {
                out.push((t.span.clone(), Out::Include(t.arg.clone().unwrap_or_default())));
                continue;
            }
            "embed" => {
                let url = t.attr("url").unwrap_or("").to_string();
                let (caption, end) = closing("endembed").unwrap_or_default();
                let caption = if caption.is_empty() { url.clone() } else { caption };
                let span = t.span.start..end.max(t.span.end);
                out.push((
                    span.clone(),
                    Out::Text(own_line(text, &span, &format!("[{caption}](<{url}>)"))),
                ));
                if end > 0 {
                    i += 1;
                }
                continue;
            }
            "file" => {
                let src = t.attr("src").unwrap_or("").to_string();
                let (between, end) = closing("endfile").unwrap_or_default();
                let name = src.rsplit('/').next().unwrap_or(&src).to_string();
                let caption = t.attr("caption").map(str::to_string).filter(|c| !c.is_empty());
                let text_of = caption.or(Some(between).filter(|b| !b.is_empty())).unwrap_or(name);
                let span = t.span.start..end.max(t.span.end);
                out.push((span, Out::File { src, text: text_of }));
                if end > 0 {
                    i += 1;
                }
                continue;
            }
            name => {
                out.push((t.span.clone(), Out::Unknown(name.to_string())));
                continue;
            }
        };
        out.push((t.span.clone(), Out::Text(own_line(text, &t.span, &new))));
    }
    out
}

/// What GitBook's blocks in the chapter `doc` (the file `file`) become, as edits: a
/// `{% file %}` placed and linked, an `{% include %}` replaced by the file's text, the
/// problems (a missing file, a tag Lectern does not know) reported at their line.
#[allow(clippy::too_many_arguments)]
pub(super) fn resolve(
    found: Vec<(Range<usize>, Out)>,
    tree: &SourceTree,
    resolver: &Resolver,
    placer: &mut Placer,
    file: &Arc<SourceFile>,
    doc: &PlannedDoc,
    p: &mut Plan,
    is_home: bool,
) -> Vec<(Range<usize>, String)> {
    let text = &file.text;
    let mut edits = Vec::new();
    for (span, out) in found {
        let broken = |p: &mut Plan, why: String| {
            p.broken.push(
                Diagnostic::warning(format!("broken reference in the source, made plain text: {why}"))
                    .at(file, span.clone())
                    .label("names nothing in the source folder"),
            );
        };
        let new = match out {
            Out::Text(t) => t,
            Out::File { src, text: caption } => match resolver.resolve(&src, &doc.source) {
                Target::File(path) | Target::Page(path, _) => {
                    let link = placer.place(&path, &doc.source, &doc.dest, is_home, resolver.root);
                    format!("[{caption}]({})", written_as(&link, RefKind::Link))
                }
                Target::Outside => format!("[{caption}](<{src}>)"),
                Target::Missing(why) => {
                    broken(p, why);
                    caption
                }
            },
            // As GitBook (Nunjucks) did: the file's text, relative to the chapter. Its
            // links are not rewritten, as with docsify's embeds.
            Out::Include(path) => match include_target(&path, &doc.source, resolver.root).and_then(|f| tree.text(&f)) {
                Some(included) => own_line(text, &span, included.text.trim_end()),
                None => {
                    p.problems.push(
                        Diagnostic::warning(format!(
                            "`{{% include \"{path}\" %}}` names no text file in the source folder: kept as written"
                        ))
                        .at(file, span.clone())
                        .help("copy what it should show into the lesson"),
                    );
                    continue;
                }
            },
            Out::Unknown(name) => {
                p.problems.push(
                    Diagnostic::warning(format!("GitBook's `{{% {name} %}}` is not converted: kept as written"))
                        .at(file, span.clone())
                        .label("shows as text")
                        .help("write what it shows in Markdown, or remove it"),
                );
                continue;
            }
        };
        edits.push((span, new));
    }
    edits
}

/// The file an `{% include "x.md" %}` in the file `from` names, in the source folder
/// (`/x.md` from the book's folder `root`).
fn include_target(path: &str, from: &str, root: &str) -> Option<String> {
    let path = path.trim();
    match path.strip_prefix('/') {
        Some(rooted) => outline::join(root, rooted),
        None => outline::join(outline::parent(from), path),
    }
}

/// The files legacy `{% include "x.md" %}` tags in `text` (of the file `from`) name: part
/// of that chapter, not chapters of their own.
pub fn include_targets(text: &str, from: &str, root: &str) -> Vec<String> {
    convert(text, 0)
        .into_iter()
        .filter_map(|(_, o)| match o {
            Out::Include(path) => include_target(&path, from, root),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn converted(md: &str) -> String {
        let edits = convert(md, 0)
            .into_iter()
            .map(|(r, o)| match o {
                Out::Text(t) => (r, t),
                Out::File { src, text } => (r, format!("[{text}]({src})")),
                Out::Include(path) => (r, format!("<include {path}>")),
                Out::Unknown(name) => (r, format!("<unknown {name}>")),
            })
            .collect();
        super::super::edits::apply_edits(md, edits)
    }

    #[test]
    fn hints_tabs_code_embeds_and_files() {
        assert_eq!(
            converted("{% hint style=\"success\" %}\n备份**完成**。\n{% endhint %}\n"),
            "::: tip\n备份**完成**。\n:::\n"
        );
        assert_eq!(
            converted("{% hint style=\"danger\" %} 别删库 {% endhint %}"),
            "::: danger\n 别删库 \n:::"
        );
        assert_eq!(
            converted("1. 安装：\n\n   {% hint style=\"warning\" %}\n   注意版本。\n   {% endhint %}\n2. 运行\n"),
            "1. 安装：\n\n   ::: warning\n   注意版本。\n   :::\n2. 运行\n"
        );
        assert_eq!(
            converted("{% tabs %}\n{% tab title=\"macOS\" %}\n装好\n{% endtab %}\n{% endtabs %}\n"),
            "\n**macOS**\n\n装好\n\n\n"
        );
        assert_eq!(
            converted("{% code title=\"a.yaml\" lineNumbers=\"true\" %}\n```yaml\nx: 1\n```\n{% endcode %}\n"),
            "**a.yaml**\n```yaml\nx: 1\n```\n\n"
        );
        assert_eq!(
            converted("{% embed url=\"https://b23.tv/x\" %}\n视频：剪辑入门\n{% endembed %}\n"),
            "[视频：剪辑入门](<https://b23.tv/x>)\n"
        );
        assert_eq!(
            converted("{% embed url=\"https://b23.tv/x\" %}"),
            "[https://b23.tv/x](<https://b23.tv/x>)"
        );
        assert_eq!(
            converted("{% file src=\".gitbook/assets/a b.pdf\" %}\n速查表\n{% endfile %}"),
            "[速查表](.gitbook/assets/a b.pdf)"
        );
        let code = "```liquid\n{% hint style=\"info\" %}\n```\n`{% endhint %}`\n";
        assert_eq!(converted(code), code);
    }
}
