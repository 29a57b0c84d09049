//! Loading SOPs, roles and Q&A: the content beside the lessons.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{is_ignored_name, load_markdown, read_source};
use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::model::{GlossaryEntry, QaFront, QaId, QaItem, Role, Sop, SopId, SopSpec};
use crate::yaml;

/// Files directly inside `dir` with one of `extensions`, sorted by name.
fn files_in(root: &Path, dir: &str, extensions: &[&str], diags: &mut Diagnostics) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if is_ignored_name(&name) {
            continue;
        }
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        let wanted = extensions.contains(&extension.as_str());
        if wanted && path.is_file() {
            files.push(Path::new(dir).join(&name));
        } else if path.is_file() && extensions.contains(&extension.to_ascii_lowercase().as_str()) {
            diags.push(
                Diagnostic::warning(format!(
                    "ignored: files in {dir}/ must end in lowercase `.{}`",
                    extensions[0]
                ))
                .at_path(Path::new(dir).join(&name))
                .help("rename the extension"),
            );
        } else if path.is_dir() {
            diags.push(
                Diagnostic::warning(format!("folders inside {dir}/ are not read"))
                    .at_path(Path::new(dir).join(&name))
                    .help(format!("put each file directly in {dir}/")),
            );
        }
    }
    files.sort();
    // `sops/index.html` and `qa/index.html` are the lists of SOPs and questions.
    files.retain(|f| {
        let is_index = f.file_stem().is_some_and(|s| s == "index");
        if is_index {
            diags.push(
                Diagnostic::error(format!(
                    "`{}` cannot be called `index`: that name is the page listing all of {dir}/",
                    f.display()
                ))
                .at_path(f.clone())
                .help("rename the file; its name is its id"),
            );
        }
        !is_index
    });
    // `x.yaml` and `x.yml` would both be `x`: keep the first, report the second.
    let mut seen: std::collections::HashMap<std::ffi::OsString, PathBuf> = std::collections::HashMap::new();
    files.retain(|f| {
        let stem = f.file_stem().unwrap_or_default().to_os_string();
        match seen.get(&stem) {
            Some(first) => {
                diags.push(
                    Diagnostic::error(format!("`{}` has the same id as `{}`", f.display(), first.display()))
                        .at_path(f.clone())
                        .help("ids are file names without the extension: rename or remove one of them"),
                );
                false
            }
            None => {
                seen.insert(stem, f.clone());
                true
            }
        }
    });
    files
}

pub fn load_sops(root: &Path, diags: &mut Diagnostics, failed: &mut HashSet<PathBuf>) -> Vec<Sop> {
    let files = files_in(root, "content/sops", &["yaml", "yml"], diags);
    let results: Vec<(PathBuf, Result<Sop, Diagnostic>)> = files
        .into_par_iter()
        .map(|rel| {
            let result = read_source(root, &rel).and_then(|file| {
                let spec: SopSpec = yaml::parse(&file, 0..file.text.len())?;
                let id = SopId(rel.file_stem().unwrap_or_default().to_string_lossy().into_owned());
                Ok(Sop { id, file, spec })
            });
            (rel, result)
        })
        .collect();
    collect(results, diags, failed)
}

pub fn load_qa(root: &Path, diags: &mut Diagnostics, failed: &mut HashSet<PathBuf>) -> Vec<QaItem> {
    let files = files_in(root, "content/qa", &["md"], diags);
    let results: Vec<(PathBuf, Result<QaItem, Diagnostic>)> = files
        .into_par_iter()
        .map(|rel| {
            let result = load_markdown::<QaFront>(root, &rel).map(|(source, front)| QaItem {
                id: QaId(rel.file_stem().unwrap_or_default().to_string_lossy().into_owned()),
                source,
                front,
            });
            (rel, result)
        })
        .collect();
    collect(results, diags, failed)
}

pub fn load_glossary(root: &Path, diags: &mut Diagnostics) -> (Vec<GlossaryEntry>, Option<Arc<SourceFile>>) {
    let rel = Path::new("content/glossary.yaml");
    if !root.join(rel).is_file() {
        return (Vec::new(), None);
    }
    let parsed = read_source(root, rel)
        .and_then(|file| Ok((yaml::parse::<Vec<GlossaryEntry>>(&file, 0..file.text.len())?, file)));
    match parsed {
        Ok((entries, file)) => {
            check_glossary(&entries, &file, diags);
            (entries, Some(file))
        }
        Err(d) => {
            diags.push(d);
            (Vec::new(), None)
        }
    }
}

/// Every term is named, and no two terms share a page anchor.
fn check_glossary(entries: &[GlossaryEntry], file: &Arc<SourceFile>, diags: &mut Diagnostics) {
    let range = 0..file.text.len();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for entry in entries {
        let span = yaml::span_of(file, &range, &entry.term);
        let id = crate::markdown::slugify(&entry.term.value);
        if entry.term.value.trim().is_empty() {
            diags.push(
                Diagnostic::error("glossary `term` is empty")
                    .at(file, span)
                    .help("name the term, e.g. `term: GMV`"),
            );
        } else if let Some(line) = seen.get(&id) {
            diags.push(
                Diagnostic::error(format!("glossary term `{}` is listed twice", entry.term.value))
                    .at(file, span)
                    .label(format!("first listed on line {line}"))
                    .help("merge the two entries, and list other names under `aliases`"),
            );
        } else {
            seen.insert(id, file.line_col(span.start).0);
        }
    }
}

pub fn load_roles(
    root: &Path,
    diags: &mut Diagnostics,
    failed: &mut HashSet<PathBuf>,
) -> (Vec<Role>, Option<Arc<SourceFile>>) {
    let rel = Path::new("content/roles.yaml");
    if !root.join(rel).is_file() {
        return (Vec::new(), None);
    }
    let parsed = read_source(root, rel).and_then(|file| {
        let roles: Vec<Role> = yaml::parse(&file, 0..file.text.len())?;
        Ok((roles, file))
    });
    match parsed {
        Ok((roles, file)) => (roles, Some(file)),
        Err(d) => {
            failed.insert(rel.to_path_buf());
            diags.push(d);
            (Vec::new(), None)
        }
    }
}

fn collect<T>(
    results: Vec<(PathBuf, Result<T, Diagnostic>)>,
    diags: &mut Diagnostics,
    failed: &mut HashSet<PathBuf>,
) -> Vec<T> {
    let mut items = Vec::with_capacity(results.len());
    for (rel, result) in results {
        match result {
            Ok(item) => items.push(item),
            Err(d) => {
                failed.insert(rel);
                diags.push(d);
            }
        }
    }
    items
}
