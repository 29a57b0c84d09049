//! Parsing SOPs, roles, Q&A and the glossary: the content beside the lessons.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::parse_markdown;
use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::model::{GlossaryEntry, QaFront, QaId, QaItem, QuizFile, QuizFront, Role, Sop, SopId, SopSpec};
use crate::yaml;

/// Files whose names cannot be ids: `index` (the name of the page listing them all), and
/// a second file with the same id (`x.yaml` and `x.yml`). They are reported and left out.
fn with_usable_names(files: Vec<Arc<SourceFile>>, dir: &str, diags: &mut Diagnostics) -> Vec<Arc<SourceFile>> {
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    files
        .into_iter()
        .filter(|f| {
            let stem = id_of(f);
            if stem == "index" {
                diags.push(
                    Diagnostic::error(format!(
                        "`{}` cannot be called `index`: that name is the page listing all of {dir}/",
                        f.path.display()
                    ))
                    .at_path(f.path.clone())
                    .help("rename the file; its name is its id"),
                );
                return false;
            }
            match seen.get(&stem) {
                Some(first) => {
                    diags.push(
                        Diagnostic::error(format!(
                            "`{}` has the same id as `{}`",
                            f.path.display(),
                            first.display()
                        ))
                        .at_path(f.path.clone())
                        .help("ids are file names without the extension: rename or remove one of them"),
                    );
                    false
                }
                None => {
                    seen.insert(stem, f.path.clone());
                    true
                }
            }
        })
        .collect()
}

/// A file's id: its name without the extension.
fn id_of(file: &SourceFile) -> String {
    file.path.file_stem().unwrap_or_default().to_string_lossy().into_owned()
}

pub fn parse_sops(files: Vec<Arc<SourceFile>>, diags: &mut Diagnostics, failed: &mut HashSet<PathBuf>) -> Vec<Sop> {
    let files = with_usable_names(files, "content/sops", diags);
    let results: Vec<(PathBuf, Result<Sop, Diagnostic>)> = files
        .into_par_iter()
        .map(|file| {
            let result = yaml::parse::<SopSpec>(&file, 0..file.text.len()).map(|spec| Sop {
                id: SopId(id_of(&file)),
                file: Arc::clone(&file),
                spec,
            });
            (file.path.clone(), result)
        })
        .collect();
    collect(results, diags, failed)
}

pub fn parse_qa(files: Vec<Arc<SourceFile>>, diags: &mut Diagnostics, failed: &mut HashSet<PathBuf>) -> Vec<QaItem> {
    let files = with_usable_names(files, "content/qa", diags);
    let results: Vec<(PathBuf, Result<QaItem, Diagnostic>)> = files
        .into_par_iter()
        .map(|file| {
            let (path, id) = (file.path.clone(), QaId(id_of(&file)));
            let result = parse_markdown::<QaFront>(file, false).map(|(source, front)| QaItem { id, source, front });
            (path, result)
        })
        .collect();
    collect(results, diags, failed)
}

pub fn parse_quizzes(
    files: Vec<Arc<SourceFile>>,
    diags: &mut Diagnostics,
    failed: &mut HashSet<PathBuf>,
) -> Vec<QuizFile> {
    let files = with_usable_names(files, "content/quizzes", diags);
    let results: Vec<(PathBuf, Result<QuizFile, Diagnostic>)> = files
        .into_par_iter()
        .map(|file| {
            let (path, id) = (file.path.clone(), id_of(&file));
            let result = parse_markdown::<QuizFront>(file, false).and_then(|(source, front)| {
                if let Some(pass) = front.pass.as_ref().filter(|p| !(0.0..=1.0).contains(&p.value)) {
                    let span = yaml::span_of(&source.file, &source.front_range, pass);
                    return Err(Diagnostic::error("`pass` must be a fraction from 0 to 1")
                        .at(&source.file, span)
                        .label(format!("{} is out of range", pass.value))
                        .help("write the share of right answers that passes, e.g. `pass: 0.8` for 80%"));
                }
                Ok(QuizFile { id, source, front })
            });
            (path, result)
        })
        .collect();
    collect(results, diags, failed)
}

pub fn parse_glossary(
    file: Option<Arc<SourceFile>>,
    diags: &mut Diagnostics,
) -> (Vec<GlossaryEntry>, Option<Arc<SourceFile>>) {
    let Some(file) = file else {
        return (Vec::new(), None);
    };
    match yaml::parse::<Vec<GlossaryEntry>>(&file, 0..file.text.len()) {
        Ok(mut entries) => {
            for entry in &mut entries {
                entry.anchor = crate::urls::slugify(&entry.term.value);
            }
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
    let mut seen: HashMap<String, usize> = HashMap::new();
    for entry in entries {
        let span = yaml::span_of(file, &range, &entry.term);
        if entry.term.value.trim().is_empty() {
            diags.push(
                Diagnostic::error("glossary `term` is empty")
                    .at(file, span)
                    .help("name the term, e.g. `term: GMV`"),
            );
        } else if let Some(line) = seen.get(&entry.anchor) {
            diags.push(
                Diagnostic::error(format!("glossary term `{}` is listed twice", entry.term.value))
                    .at(file, span)
                    .label(format!("first listed on line {line}"))
                    .help("merge the two entries, and list other names under `aliases`"),
            );
        } else {
            seen.insert(entry.anchor.clone(), file.line_col(span.start).0);
        }
    }
}

pub fn parse_roles(
    file: Option<Arc<SourceFile>>,
    diags: &mut Diagnostics,
    failed: &mut HashSet<PathBuf>,
) -> (Vec<Role>, Option<Arc<SourceFile>>) {
    let Some(file) = file else {
        return (Vec::new(), None);
    };
    match yaml::parse::<Vec<Role>>(&file, 0..file.text.len()) {
        Ok(roles) => (roles, Some(file)),
        Err(d) => {
            failed.insert(file.path.clone());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glossary_anchors_are_worked_out_at_load_and_must_differ() {
        let file = SourceFile::new(
            "content/glossary.yaml",
            "- term: GMV（成交总额）\n- term: A/B 测试\n- term: gmv 成交总额\n".into(),
        );
        let mut diags = Diagnostics::default();
        let (entries, _) = parse_glossary(Some(file), &mut diags);
        let anchors: Vec<&str> = entries.iter().map(|e| e.anchor.as_str()).collect();
        assert_eq!(anchors, ["gmv成交总额", "ab-测试", "gmv-成交总额"]);
        assert_eq!(diags.iter().count(), 0, "different anchors, no clash");

        let file = SourceFile::new("content/glossary.yaml", "- term: KOC\n- term: koc\n".into());
        let (entries, _) = parse_glossary(Some(file), &mut diags);
        assert_eq!(entries[1].anchor, entries[0].anchor);
        assert!(
            diags.iter().any(|d| d.message.contains("`koc` is listed twice")),
            "one anchor for two terms is an error"
        );
    }
}
