//! `lectern import`: an mdBook, docsify site, GitBook, plain folder of chapters or folder
//! of Marp / reveal-md decks → a Lectern programme.
//!
//! Like loading, reading and planning are apart: [`tree::read`] and [`write::write`] are
//! the only I/O; [`detect`], the layouts ([`mdbook`], [`docsify`], [`gitbook`],
//! [`folder`]) and [`plan`] are pure, from a [`tree::SourceTree`] to one [`plan::Plan`]
//! (lessons, files to copy, link rewrites, problems), which [`report`] describes.

mod anchors;
mod convert;
pub mod detect;
mod docsify;
mod docsify_embed;
mod edits;
mod folder;
mod front;
mod gitbook;
mod language;
mod liquid;
mod mdbook;
mod mdbook_links;
pub mod outline;
mod place;
pub mod plan;
#[cfg(test)]
mod props;
mod refs;
pub mod report;
pub mod tree;
pub mod write;

use std::path::PathBuf;

use crate::config::Language;
use crate::diag::Diagnostic;
pub use detect::Layout;
pub use report::Report;

/// What `lectern import` was asked to do.
pub struct ImportOptions {
    pub src: PathBuf,
    pub dest: PathBuf,
    /// `None`: detect the layout.
    pub from: Option<Layout>,
    pub title: Option<String>,
    pub language: Option<Language>,
    /// Replace a folder an earlier import made.
    pub force: bool,
    /// Leave references broken in the source as they are, so `lectern build` reports them.
    pub keep_broken: bool,
    /// Chapters per module for a flat folder of chapters.
    pub per_module: usize,
}

/// Import `src` into `dest`: check the two folders, read, plan, write; the report says
/// what was made and what could not be converted.
pub fn import(opts: &ImportOptions) -> Result<Report, Diagnostic> {
    write::check_folders(&opts.src, &opts.dest, opts.force)?;
    let tree = tree::read(&opts.src)?;
    let layout = opts.from.unwrap_or_else(|| detect::detect(&tree));
    let outline = layout.outline(&tree, opts.per_module);
    if outline.home.is_none() && outline.groups.iter().all(|g| g.chapters.is_empty()) {
        let mut d = Diagnostic::error(format!(
            "no chapters to import: `{}` read as a {} source has none",
            opts.src.display(),
            layout.name()
        ));
        d = match layout {
            Layout::MdBook => d.help("an mdBook has `book.toml` and `src/SUMMARY.md` (or `SUMMARY.md` in the folder given); name the book's folder, or try `--from folder`"),
            _ => d.help("name the folder that holds the Markdown chapters, or try another `--from`"),
        };
        return Err(d);
    }
    let plan = plan::plan(&tree, outline, opts);
    write::write(&plan, &opts.src, &opts.dest)?;
    Ok(Report::new(layout, &plan))
}
