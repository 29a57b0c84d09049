//! GitBook's Liquid blocks at import: `{% hint style="…" %}` → a `::: KIND` callout,
//! `{% tabs %}` → each `{% tab title="…" %}` as a bold line over its content,
//! `{% code title="…" %}` → a bold caption over the code block, `{% embed url="…" %}` →
//! a link, `{% content-ref %}` → the link it holds, `{% file src="…" %}` → a link to the
//! file (which the import copies). Tags in code are left alone.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\{%-?\s*([a-zA-Z][\w-]*)((?:\s+[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*-?%\}"#).unwrap()
});
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
}

struct Tag {
    span: Range<usize>,
    name: String,
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
    TAG.captures_iter(src)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let span = whole.range();
            if code.iter().any(|r| r.start < span.end && span.start < r.end) {
                return None;
            }
            let attrs = ATTR
                .captures_iter(c.get(2).map_or("", |m| m.as_str()))
                .map(|a| {
                    let v = a.get(2).or_else(|| a.get(3)).map_or("", |m| m.as_str());
                    (a[1].to_string(), v.to_string())
                })
                .collect();
            Some(Tag {
                span: body + span.start..body + span.end,
                name: c[1].to_string(),
                attrs,
            })
        })
        .collect()
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
            _ => continue,
        };
        out.push((t.span.clone(), Out::Text(own_line(text, &t.span, &new))));
    }
    out
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
            })
            .collect();
        super::super::convert::apply_edits(md, edits)
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
