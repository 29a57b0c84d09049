//! The theme: Tera templates and static files, embedded so `lectern` runs anywhere, and
//! overridable file by file from the programme (`themes/NAME/…`, then `templates/`).

use std::path::Path;

use tera::Tera;

use crate::diag::Diagnostic;

/// `(name, contents)` of files in the built-in theme folder `themes/default/$dir/`.
macro_rules! embedded {
    ($include:ident, $dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, $include!(concat!("../../themes/default/", $dir, "/", $name)))),*]
    };
}

/// The built-in templates.
const TEMPLATES: &[(&str, &str)] = embedded!(include_str, "templates":
    "base.html", "index.html", "module.html", "lesson.html", "404.html",
    "sops.html", "sop.html", "roles.html", "role.html", "qa.html", "question.html", "deck.html", "glossary.html", "search.html",
    "_storage_notice.html",
    "collect.html",
    "_path_status.html",
    "quiz.html",
    "_handin.html",
    "_storage_notice.html", "_sop_header.html", "_sop_form.html", "handbook.html",
);

/// The built-in static files, written under `static/`.
pub const STATIC_FILES: &[(&str, &[u8])] = embedded!(include_bytes, "static":
    "lectern.css", "lectern.js", "search.js", "storage.js", "sop.js", "progress.js", "qa.js", "quiz.js", "favicon.svg",
    "record.js", "csv.js", "collect.js", "collect-table.js", "collect.css",
    "period.js", "path.js", "qr.js", "handin.js",
);

/// The deck's stylesheet and script: inlined into each deck, not written to `static/`.
pub const DECK_FILES: &[(&str, &[u8])] = embedded!(include_bytes, "static": "deck.css", "deck.js");

/// Load the built-in templates, then the programme's overrides, and check they parse.
pub fn load(root: &Path, theme: &str) -> Result<Tera, Diagnostic> {
    let mut sources: Vec<(String, String)> = TEMPLATES.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect();
    let theme_dir = root.join("themes").join(theme);
    if theme != "default" && !theme_dir.is_dir() {
        return Err(Diagnostic::error(format!("theme `{theme}` not found"))
            .at_path("lectern.yaml")
            .help(format!(
                "create themes/{theme}/templates/ or remove `theme:` to use the built-in theme"
            )));
    }
    for dir in [theme_dir.join("templates"), root.join("templates")] {
        read_overrides(&dir, root, &mut sources)?;
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(sources).map_err(|e| {
        Diagnostic::error(format!("template error: {}", tera_message(&e)))
            .help("fix the template syntax (Tera, see https://keats.github.io/tera/docs/)")
    })?;
    Ok(tera)
}

fn read_overrides(dir: &Path, root: &Path, sources: &mut Vec<(String, String)>) -> Result<(), Diagnostic> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let mut names: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    names.sort();
    for path in names {
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
            continue;
        };
        if !name.ends_with(".html") || crate::load::is_ignored_name(&name) {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(&path);
        let file = crate::load::read_source(root, rel)?;
        sources.retain(|(n, _)| *n != name);
        sources.push((name, file.text.clone()));
    }
    Ok(())
}

/// Tera's default escaper also rewrites `/` as `&#x2F;`, which makes every URL and
/// "A/B 测试" unreadable in the page source; these five are all HTML needs.
fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 16);
    // Copy the runs between special bytes whole (all five are ASCII, so every run ends on
    // a character boundary): most text has none, and pushing it char by char was slow.
    let mut start = 0;
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&input[start..]);
    out
}

/// Tera nests the real cause inside generic wrappers; show the whole chain.
pub fn tera_message(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn escapes_the_five_and_keeps_everything_else() {
        assert_eq!(
            escape_html(r#"A/B 测试 <b>"爆款" & 'x'</b>"#),
            "A/B 测试 &lt;b&gt;&quot;爆款&quot; &amp; &#39;x&#39;&lt;/b&gt;"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("&"), "&amp;");
        assert_eq!(escape_html("无需转义"), "无需转义");
    }
}
