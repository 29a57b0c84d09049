//! Shows diagnostics the way cargo and rustc do: the message, `--> FILE:LINE:COL`, the
//! source line and a caret. annotate-snippets is rustc's own renderer, so the layout is
//! one Rust users already read fluently.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::group::{fold, Entry, LOCATIONS_LISTED};
use super::{Diagnostic, Location, Severity};

/// Render one diagnostic; `color` adds ANSI styles (for terminals).
pub fn format(d: &Diagnostic, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str());
    let mut group: Group = match &d.location {
        Some(Location::Span { file, span }) => {
            let text = &file.text;
            let start = span.start.min(text.len());
            let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let line_end = text[start..].find(['\n', '\r']).map_or(text.len(), |i| start + i);
            let line_text = text[line_start..line_end].trim_end_matches('\r');
            let (line_no, _) = file.line_col(start);
            let rel_start = (start - line_start).min(line_text.len());
            let mut rel_end = span.end.clamp(start, line_end) - line_start;
            rel_end = rel_end.min(line_text.len());
            if rel_end == rel_start {
                // A zero-width span still gets a visible caret on the character it points at.
                rel_end = line_text[rel_start..]
                    .chars()
                    .next()
                    .map_or(rel_start, |c| rel_start + c.len_utf8());
            }
            let mut annotation = AnnotationKind::Primary.span(rel_start..rel_end);
            if let Some(label) = &d.label {
                annotation = annotation.label(label.as_str());
            }
            let path = file.path.display().to_string();
            title.element(
                Snippet::source(line_text.to_string())
                    .line_start(line_no)
                    .path(path)
                    .annotation(annotation),
            )
        }
        Some(Location::Path(p)) => title.element(Origin::path(p.display().to_string())),
        None => Group::with_title(title),
    };
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    renderer.render(&[group])
}

/// How a report is printed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// ANSI colours (for terminals).
    pub color: bool,
    /// Every warning on its own (`--verbose`), none folded.
    pub verbose: bool,
}

/// Render every diagnostic, then a one-line count, like cargo's closing line. Unless
/// `style.verbose`, a kind of warning seen many times is shown once with a count and the
/// first few locations (see `group`); the count line still counts every one.
pub fn format_all<'a>(ds: impl IntoIterator<Item = &'a Diagnostic>, style: Style) -> String {
    let Style { color, verbose } = style;
    let ds: Vec<&Diagnostic> = ds.into_iter().collect();
    let mut out = String::new();
    let errors = ds.iter().filter(|d| d.is_error()).count();
    let warnings = ds.len() - errors;
    let entries = match verbose {
        true => ds.iter().map(|d| Entry::One(d)).collect(),
        false => fold(ds.iter().copied()),
    };
    for entry in entries {
        match entry {
            Entry::One(d) => out.push_str(&format(d, color)),
            Entry::Folded(all) => out.push_str(&format_folded(&all, color)),
        }
        out.push_str("\n\n");
    }
    if errors > 0 {
        let plural = if errors == 1 { "" } else { "s" };
        out.push_str(&format!("error: build failed with {errors} error{plural}"));
        if warnings > 0 {
            out.push_str(&format!(
                " and {warnings} warning{}",
                if warnings == 1 { "" } else { "s" }
            ));
        }
        out.push('\n');
    }
    out
}

/// One entry for many warnings of a kind: the first one's message with the count, where
/// the first few are, and its help.
fn format_folded(all: &[&Diagnostic], color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let first = all[0];
    let title = format!("{} (and {} more like it)", first.message, all.len() - 1);
    let listed: Vec<String> = all
        .iter()
        .take(LOCATIONS_LISTED)
        .map(|d| d.position().unwrap_or_else(|| "(no file)".into()))
        .collect();
    let mut at = listed.join(", ");
    if all.len() > LOCATIONS_LISTED {
        at.push_str(&format!(" and {} more", all.len() - LOCATIONS_LISTED));
    }
    let mut group = Group::with_title(Level::WARNING.primary_title(title.as_str()))
        .element(Level::NOTE.message(format!("at {at}; `--verbose` shows each one")));
    if let Some(help) = &first.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    renderer.render(&[group])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;

    #[test]
    fn shows_file_line_col_source_and_help() {
        let file = SourceFile::new(
            "content/lessons/01-a/01-b.md",
            "---\ntitle: 切片\n---\n看 [下一课](lesson:01-a/09)\n".to_string(),
        );
        let start = file.text.find("[下一课]").unwrap();
        let d = Diagnostic::error("unknown lesson `01-a/09`")
            .at(&file, start..start + 28)
            .label("no lesson with this id")
            .help("did you mean `01-a/01-b`?");
        let text = format(&d, false);
        assert!(text.contains("content/lessons/01-a/01-b.md:4:3"), "{text}");
        assert!(text.contains("看 [下一课](lesson:01-a/09)"), "{text}");
        assert!(text.contains("^"), "{text}");
        assert!(text.contains("help: did you mean `01-a/01-b`?"), "{text}");
    }
}
