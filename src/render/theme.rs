//! The theme, read once per build: its templates (built in, then the theme's and the
//! programme's own copies), the files published under `static/`, and the stylesheet and
//! script every deck inlines. (mdBook's typed `Theme` is the model.)

use std::path::{Path, PathBuf};

use tera::Tera;
use walkdir::WalkDir;

use super::{templates, DeckAssets};
use crate::diag::Diagnostic;
use crate::load;
use crate::markdown;
use crate::urls;

pub struct Theme {
    pub tera: Tera,
    /// Published under `static/`: (output path, bytes).
    pub static_files: Vec<(String, Vec<u8>)>,
    /// What every deck inlines (compacted once here, not per deck).
    pub deck: DeckAssets,
    /// The site stylesheet, inlined into the 404 page (served at any depth).
    pub inline_css: String,
}

impl Theme {
    /// The built-in theme with the overrides found under `root` for theme `name`.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        // Parsing the templates is most of a small programme's fixed cost: the stylesheets
        // are made beside it.
        let (tera, (static_files, deck)) = rayon::join(|| templates::load(root, name), || static_files(root, name));
        let tera = tera?;
        let inline_css = static_files
            .iter()
            .find(|(n, _)| n == "static/lectern.css")
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        Ok(Theme {
            tera,
            static_files,
            deck,
            inline_css,
        })
    }
}

/// The files under `static/`: built-in ones and the generated highlight stylesheet, each
/// replaced by the theme's own copy when it has one.
fn static_files(root: &Path, theme: &str) -> (Vec<(String, Vec<u8>)>, DeckAssets) {
    let mut files: Vec<(String, Vec<u8>)> = templates::STATIC_FILES
        .iter()
        .map(|(n, b)| (format!("static/{n}"), b.to_vec()))
        .collect();
    let highlight = markdown::highlight_css::stylesheet();
    files.push(("static/highlight.css".into(), highlight.clone().into_bytes()));
    let mut deck: Vec<(String, Vec<u8>)> = templates::DECK_FILES
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    let theme_static = Path::new("themes").join(theme).join("static");
    for (rel, path) in files_under(root, &theme_static) {
        let name = rel
            .strip_prefix(&urls::slash_path(&theme_static))
            .unwrap_or(&rel)
            .trim_start_matches('/');
        let Ok(bytes) = std::fs::read(&path) else { continue };
        // The deck's own files are inlined into each deck, not published under static/.
        let (list, out) = match deck.iter().any(|(n, _)| n == name) {
            true => (&mut deck, name.to_string()),
            false => (&mut files, format!("static/{name}")),
        };
        list.retain(|(n, _)| *n != out);
        list.push((out, bytes));
    }
    let text = |name: &str| {
        deck.iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default()
    };
    let light = markdown::highlight_css::light_stylesheet();
    let assets = DeckAssets {
        css: super::deck_css::DeckCss::parse(&text("deck.css"), compact),
        js: compact(&text("deck.js")),
        highlight_rules: markdown::highlight_css::HighlightRules::parse(&light),
        highlight_css: light,
    };
    (files, assets)
}

/// Every deck carries its stylesheet and script, so they are worth shrinking: drop
/// comment lines, blank lines and indentation. (Line by line, never inside a line, so it
/// cannot change what the code means.)
fn compact(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut in_comment = false;
    for line in source.lines() {
        let t = line.trim();
        if in_comment {
            in_comment = !t.contains("*/");
            continue;
        }
        if t.starts_with("/*") && !t.contains("*/") {
            in_comment = true;
            continue;
        }
        if t.is_empty() || t.starts_with("//") || (t.starts_with("/*") && t.ends_with("*/")) {
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    out
}

/// (output path, source path) of every file under `root/dir`, skipping hidden and
/// editor files and folders.
pub fn files_under(root: &Path, dir: &Path) -> Vec<(String, PathBuf)> {
    let full = root.join(dir);
    if !full.is_dir() {
        return Vec::new();
    }
    WalkDir::new(&full)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !load::is_ignored_name(&e.file_name().to_string_lossy()))
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                urls::slash_path(e.path().strip_prefix(root).unwrap_or(e.path())),
                e.path().to_path_buf(),
            )
        })
        .collect()
}
