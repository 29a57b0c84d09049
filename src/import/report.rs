//! What an import made and what it could not convert: printed after every import, and
//! written as JSON with `--report FILE`.

use serde::Serialize;

use super::detect::Layout;
use super::plan::{Plan, PlannedDoc};
use crate::diag::Diagnostic;

#[derive(Serialize)]
pub struct Report {
    pub layout: &'static str,
    pub title: String,
    pub language: &'static str,
    pub home: Option<DocEntry>,
    pub modules: Vec<ModuleEntry>,
    pub files_copied: Vec<Copied>,
    pub references_rewritten: Vec<Rewritten>,
    pub references_broken: Vec<Problem>,
    pub not_converted: Vec<Problem>,
    /// Chapters found beside the table of contents, imported into a module of their own.
    pub unlisted: Vec<String>,
    /// The problems, to print as Lectern prints diagnostics.
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Serialize)]
pub struct ModuleEntry {
    pub id: String,
    pub title: String,
    pub lessons: Vec<DocEntry>,
}

#[derive(Serialize)]
pub struct DocEntry {
    pub id: String,
    pub title: String,
    pub source: String,
    pub file: String,
    /// A `title:` front matter block was added; the rest of the file is unchanged.
    pub front_matter_added: bool,
}

#[derive(Serialize)]
pub struct Copied {
    pub from: String,
    pub to: String,
}

#[derive(Serialize)]
pub struct Rewritten {
    pub at: String,
    pub from: String,
    pub to: String,
}

#[derive(Serialize)]
pub struct Problem {
    /// `SRC/FILE:LINE:COL`, or the file.
    pub at: Option<String>,
    pub message: String,
}

fn doc_entry(d: &PlannedDoc) -> DocEntry {
    DocEntry {
        id: d.id.clone(),
        title: d.title.clone(),
        source: d.source.clone(),
        file: d.dest.clone(),
        front_matter_added: d.front_matter_added,
    }
}

fn problem(d: &Diagnostic) -> Problem {
    Problem {
        at: d.position(),
        message: d.message.clone(),
    }
}

impl Report {
    pub fn new(layout: Layout, plan: &Plan) -> Report {
        Report {
            layout: layout.name(),
            title: plan.title.clone(),
            language: plan.language.code(),
            home: plan.home.as_ref().map(doc_entry),
            modules: plan
                .modules
                .iter()
                .map(|m| ModuleEntry {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    lessons: m.lessons.iter().map(doc_entry).collect(),
                })
                .collect(),
            files_copied: plan
                .copies
                .iter()
                .map(|(from, to)| Copied {
                    from: from.clone(),
                    to: to.clone(),
                })
                .collect(),
            references_rewritten: plan
                .rewrites
                .iter()
                .map(|r| Rewritten {
                    at: r.at.clone(),
                    from: r.from.clone(),
                    to: r.to.clone(),
                })
                .collect(),
            references_broken: plan.broken.iter().map(problem).collect(),
            not_converted: plan.problems.iter().map(problem).collect(),
            unlisted: plan.unlisted.clone(),
            diagnostics: plan.broken.iter().chain(&plan.problems).cloned().collect(),
        }
    }

    pub fn lesson_count(&self) -> usize {
        self.modules.iter().map(|m| m.lessons.len()).sum()
    }

    /// The summary printed after the diagnostics.
    pub fn text(&self) -> String {
        let mut out = format!(
            "imported a {} source: {} modules, {} lessons{} ({}, {})\n",
            self.layout,
            self.modules.len(),
            self.lesson_count(),
            if self.home.is_some() { ", a home page" } else { "" },
            self.title,
            self.language,
        );
        let line = |doc: &DocEntry, indent: &str| {
            let added = if doc.front_matter_added {
                " (title front matter added)"
            } else {
                ""
            };
            format!("{indent}{} ← {}{added}\n", doc.file, doc.source)
        };
        if let Some(home) = &self.home {
            out.push_str(&line(home, "  "));
        }
        for m in &self.modules {
            out.push_str(&format!("  module {} “{}”\n", m.id, m.title));
            for l in &m.lessons {
                out.push_str(&line(l, "    "));
            }
        }
        out.push_str(&format!("files copied: {}\n", self.files_copied.len()));
        for c in &self.files_copied {
            out.push_str(&format!("  {} ← {}\n", c.to, c.from));
        }
        out.push_str(&format!("references rewritten: {}\n", self.references_rewritten.len()));
        for r in &self.references_rewritten {
            out.push_str(&format!("  {}: {} → {}\n", r.at, r.from, r.to));
        }
        for (what, list) in [
            ("references broken in the source", &self.references_broken),
            ("not converted", &self.not_converted),
        ] {
            out.push_str(&format!("{what}: {}\n", list.len()));
            for p in list {
                out.push_str(&format!("  {}: {}\n", p.at.as_deref().unwrap_or("-"), p.message));
            }
        }
        out.push_str(&format!("not in the table of contents: {}\n", self.unlisted.len()));
        for u in &self.unlisted {
            out.push_str(&format!("  {u}\n"));
        }
        out
    }
}
