//! The pipeline, end to end: compile (load → validate → Markdown) → render → emit.

pub mod decks;
pub mod handbook;
mod site;

use site::emit_site;
pub use site::{
    copied_files, deck_pages, pages_after_body_edit, pages_after_front_edit, pdf_jobs, search_index, site_in_memory,
    RenderedSite, SearchStats,
};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::compile::compile;
use crate::diag::Diagnostics;
use crate::timing;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub drafts: bool,
    /// Print every deck to PDF with this Chromium, too.
    pub pdf: Option<PathBuf>,
    /// Write the slide decks (`--no-decks` leaves them and their links out).
    pub decks: bool,
    /// Put the speaker notes into the decks whatever the config says (`--notes`).
    pub notes: bool,
    /// Write the handbooks too: all lessons, and one per role (`--handbook`).
    pub handbook: bool,
}

#[derive(Debug)]
pub struct BuildSummary {
    pub modules: usize,
    pub lessons: usize,
    pub pages: usize,
    pub files: usize,
    pub search: SearchStats,
    pub elapsed: Duration,
}

pub struct Outcome {
    pub diagnostics: Diagnostics,
    /// `None` when the build failed (and the previous output was left alone).
    pub summary: Option<BuildSummary>,
}

/// Everything `build` does except writing: the check behind `lectern check`.
/// With `strict`, warnings count as errors.
pub fn check(root: &Path, drafts: bool, strict: bool) -> Diagnostics {
    let (compiled, mut diags) = compile(root, drafts);
    if let Some(c) = compiled {
        diags.extend(c.coverage.iter().cloned());
        // Render every page too (and throw it away): a template can fail on the content.
        site_in_memory(&c, root, &mut diags);
    }
    if strict {
        diags.make_warnings_errors();
    }
    diags.sort();
    diags
}

pub fn build(opts: &BuildOptions) -> Outcome {
    let started = Instant::now();
    let (compiled, mut diags) = compile(&opts.root, opts.drafts);
    let summary = compiled.filter(|_| !diags.has_errors()).and_then(|c| {
        let written = emit_site(&c, opts, &mut diags);
        let (modules, lessons) = (c.programme.modules.len(), c.programme.lessons.len());
        // Freeing every page's Markdown and HTML took 1–2 % of a cold build at the very end;
        // a thread does it while the summary is printed (or the process exits first).
        std::thread::spawn(move || drop(c));
        let written = written?;
        Some(BuildSummary {
            modules,
            lessons,
            pages: written.pages,
            files: written.files,
            search: written.search,
            elapsed: started.elapsed(),
        })
    });
    diags.sort();
    timing::counts();
    Outcome {
        diagnostics: diags,
        summary,
    }
}
