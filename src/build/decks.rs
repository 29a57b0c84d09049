//! `lectern deck`: export chosen lessons' decks (and PDFs) without building the site.

use std::path::{Path, PathBuf};

use super::{deck_pages, pdf_jobs};
use crate::compile::compile;
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::emit::pdf;

pub struct DeckOptions {
    pub root: PathBuf,
    /// Lesson ids (`MODULE/LESSON`).
    pub lessons: Vec<String>,
    /// Decks go to `out/MODULE/LESSON.html`.
    pub out: PathBuf,
    pub drafts: bool,
    /// Print to PDF with this Chromium.
    pub pdf: Option<PathBuf>,
    /// Put the speaker notes in whatever the config says (`--notes`).
    pub notes: bool,
}

/// The files written (HTML, and PDF when asked), or the problems that stopped it.
pub fn export(opts: &DeckOptions) -> (Vec<PathBuf>, Diagnostics) {
    let (compiled, mut diags) = compile(&opts.root, opts.drafts);
    let Some(c) = compiled.filter(|_| !diags.has_errors()) else {
        diags.sort();
        return (Vec::new(), diags);
    };
    let mut chosen = Vec::new();
    for id in &opts.lessons {
        let id = id.trim().trim_start_matches("lesson:").trim_end_matches(".md");
        match c.programme.lessons.iter().position(|l| l.id.as_str() == id) {
            Some(i) => chosen.push(i),
            None => {
                let hint = did_you_mean(id, c.programme.lessons.iter().map(|l| l.id.as_str())).unwrap_or_else(|| {
                    "lesson ids are MODULE/LESSON; `lectern check` lists problems, the site lists lessons".into()
                });
                diags.push(Diagnostic::error(format!("no lesson `{id}`")).help(hint));
            }
        }
    }
    if diags.has_errors() {
        diags.sort();
        return (Vec::new(), diags);
    }
    // Warnings about other lessons are for `lectern check`, not this export.
    let files: Vec<_> = chosen
        .iter()
        .map(|&i| c.programme.lessons[i].source.file.path.clone())
        .collect();
    let mut kept = Diagnostics::default();
    kept.extend(
        diags
            .into_vec()
            .into_iter()
            .filter(|d| d.is_error() || d.path().is_some_and(|p| files.iter().any(|f| f == p))),
    );
    let mut diags = kept;
    let Some(decks) = deck_pages(&c, &opts.root, &chosen, opts.notes, &mut diags) else {
        return (Vec::new(), diags);
    };
    let mut written = Vec::new();
    let mut jobs = Vec::new();
    for (deck, &i) in decks.iter().zip(&chosen) {
        // `decks/MODULE/LESSON.html` → `OUT/MODULE/LESSON.html`
        let rel = deck.path.strip_prefix("decks/").unwrap_or(&deck.path).to_string();
        let path = opts.out.join(&rel);
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &deck.html));
        if let Err(e) = result {
            diags.push(Diagnostic::error(format!("cannot write {}: {e}", path.display())));
            return (written, diags);
        }
        written.push(path);
        jobs.push((i, rel));
    }
    if let Some(chromium) = &opts.pdf {
        let pdfs = pdf_jobs(&c, &opts.out, &jobs);
        pdf::print_all(chromium, &pdfs, &mut diags);
        // A PDF that failed its check is gone: what is left was printed now, and is right.
        written.extend(pdfs.into_iter().map(|job| job.pdf).filter(|pdf| pdf.is_file()));
    }
    diags.sort();
    (written, diags)
}

/// Where `lectern deck` writes by default.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("decks")
}
