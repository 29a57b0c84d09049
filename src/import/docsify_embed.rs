//! docsify's link options at import: `[t](file ':include')` embeds the file (Markdown in
//! place; `:type=code`, or a file that is not Markdown, HTML or media, as a code block;
//! `:fragment=name` the lines between `/// [name]` markers); `':ignore'`,
//! `':target=_blank'` and the other options are docsify's, not a title.

use super::outline;
use super::tree::SourceTree;

/// The options in a link's title, when it holds docsify's (`':include :type=code'`).
pub struct Options {
    pub include: bool,
    /// `:ignore`: a plain link to a file, not a route.
    pub ignore: bool,
    pub kind: Option<String>,
    pub fragment: Option<String>,
}

impl Options {
    pub fn parse(title: &str) -> Option<Options> {
        let title = title.trim();
        if !title.starts_with(':') {
            return None;
        }
        let mut o = Options {
            include: false,
            ignore: false,
            kind: None,
            fragment: None,
        };
        for word in title.split_whitespace() {
            match word.split_once('=') {
                Some((":type", v)) => o.kind = Some(v.to_string()),
                Some((":fragment", v)) => o.fragment = Some(v.to_string()),
                _ if word == ":include" => o.include = true,
                _ if word == ":ignore" => o.ignore = true,
                _ => {}
            }
        }
        Some(o)
    }
}

/// The file a docsify link names as it is written (no `.md` added, no `.html` mapped):
/// beside the chapter, else from the site's root.
pub fn file_of(tree: &SourceTree, written: &str, from: &str, root: &str) -> Option<String> {
    let dest = written.trim_start_matches('<').trim_end_matches('>').trim();
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    if path.is_empty() || path.contains("://") {
        return None;
    }
    let candidates = match path.strip_prefix('/') {
        Some(rest) => vec![outline::join(root, rest)],
        None => vec![outline::join(outline::parent(from), &path), outline::join(root, &path)],
    };
    candidates.into_iter().flatten().find(|p| tree.has(p))
}

/// The files `':include'` links in `text` (of the file `from`) may name: beside it and
/// from each folder above it (the site's root is one of them).
pub fn targets(text: &str, from: &str) -> Vec<String> {
    static LINK: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r#"\]\(\s*<?([^)\s>]+)>?\s+['"]:include"#).unwrap());
    let mut found = Vec::new();
    for c in LINK.captures_iter(text) {
        let path = percent_encoding::percent_decode_str(&c[1])
            .decode_utf8_lossy()
            .into_owned();
        let path = path.trim_start_matches('/');
        let mut dir = outline::parent(from);
        loop {
            found.extend(outline::join(dir, path));
            if dir.is_empty() {
                break;
            }
            dir = outline::parent(dir);
        }
    }
    found
}

/// What an `':include'` link becomes.
pub enum Embed {
    /// Text in place of the link.
    Text(String),
    /// A link to the file (an HTML page, a video): docsify shows it in a frame or player.
    Link(String),
    /// A page on the web (`https://…`): the link stays as written.
    Remote,
    Missing(String),
}

pub fn embed(tree: &SourceTree, written: &str, from: &str, root: &str, o: &Options) -> Embed {
    let dest = written.trim_start_matches('<').trim();
    if dest.contains("://") || dest.starts_with("//") {
        return Embed::Remote;
    }
    let Some(path) = file_of(tree, written, from, root) else {
        return Embed::Missing(format!(
            "the embedded file `{written}` does not exist in the source folder"
        ));
    };
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    let as_code = o.kind.as_deref() == Some("code");
    let framed = matches!(
        ext.as_str(),
        "html" | "htm" | "mp4" | "webm" | "ogg" | "mp3" | "m4a" | "wav"
    ) || matches!(o.kind.as_deref(), Some("iframe" | "video" | "audio"));
    if framed && !as_code {
        return Embed::Link(path);
    }
    let Some(file) = tree.text(&path) else {
        return Embed::Link(path);
    };
    let mut content = file.text.clone();
    if let Some(name) = &o.fragment {
        content = fragment(&content, name);
    }
    if (ext == "md" || ext == "markdown") && !as_code {
        return Embed::Text(content.trim_end().to_string());
    }
    let lang = match ext.as_str() {
        "md" | "markdown" => "markdown",
        e => e,
    };
    let fence = if content.contains("```") { "````" } else { "```" };
    Embed::Text(format!("{fence}{lang}\n{}\n{fence}", content.trim_end()))
}

/// The lines between two `/// [name]` (or `### [name]`) lines.
fn fragment(text: &str, name: &str) -> String {
    let marker = format!("[{name}]");
    let is_marker = |l: &str| {
        let t = l.trim();
        (t.starts_with("///") || t.starts_with("###")) && t.ends_with(&marker)
    };
    let mut lines = text.lines().skip_while(|l| !is_marker(l)).skip(1);
    let mut out = Vec::new();
    for l in lines.by_ref() {
        if is_marker(l) {
            break;
        }
        out.push(l);
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_code_fragments_and_frames() {
        let tree = SourceTree::from_texts(
            "site",
            &[
                ("_media/说明.md", "## 剪辑规范\n\n先粗剪。\n"),
                (
                    "_media/demo.js",
                    "init();\n/// [demo]\nconst clip = cut(video);\n/// [demo]\nrun();\n",
                ),
                ("_media/page.html", "<p>hi</p>"),
                ("zh-cn/guide.md", ""),
            ],
        );
        let opts = |t: &str| Options::parse(t).unwrap();
        let text = |e: Embed| match e {
            Embed::Text(t) => t,
            Embed::Link(p) => format!("link {p}"),
            Embed::Missing(w) => format!("missing {w}"),
            Embed::Remote => "remote".to_string(),
        };
        let from = "zh-cn/guide.md";
        assert_eq!(
            text(embed(
                &tree,
                "https://example.com/demo",
                from,
                "",
                &opts(":include :type=iframe")
            )),
            "remote"
        );
        assert_eq!(
            text(embed(&tree, "_media/说明.md", from, "", &opts(":include"))),
            "## 剪辑规范\n\n先粗剪。"
        );
        assert_eq!(
            text(embed(&tree, "_media/说明.md", from, "", &opts(":include :type=code"))),
            "```markdown\n## 剪辑规范\n\n先粗剪。\n```"
        );
        assert_eq!(
            text(embed(
                &tree,
                "/_media/demo.js",
                from,
                "",
                &opts(":include :type=code :fragment=demo")
            )),
            "```js\nconst clip = cut(video);\n```"
        );
        assert_eq!(
            text(embed(&tree, "_media/page.html", from, "", &opts(":include"))),
            "link _media/page.html"
        );
        assert!(text(embed(&tree, "_media/x.md", from, "", &opts(":include"))).starts_with("missing"));
        assert!(Options::parse("图 1").is_none());
        assert!(Options::parse(":target=_blank").is_some_and(|o| !o.include && !o.ignore));
    }
}
