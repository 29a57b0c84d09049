//! `lectern new`: a small programme that builds as is, in Chinese or English.

use std::path::Path;

use crate::config::Language;
use crate::diag::Diagnostic;

/// (path in the new programme, contents)
type Files = &'static [(&'static str, &'static str)];

const ZH_CN: Files = &[
    ("lectern.yaml", include_str!("zh-CN/lectern.yaml")),
    ("content/index.md", include_str!("zh-CN/index.md")),
    (
        "content/lessons/01-getting-started/_module.yaml",
        include_str!("zh-CN/_module.yaml"),
    ),
    (
        "content/lessons/01-getting-started/01-welcome.md",
        include_str!("zh-CN/01-welcome.md"),
    ),
    (
        "content/lessons/01-getting-started/02-first-clip.md",
        include_str!("zh-CN/02-first-clip.md"),
    ),
    ("assets/clip-flow.svg", include_str!("clip-flow.svg")),
];

const EN: Files = &[
    ("lectern.yaml", include_str!("en/lectern.yaml")),
    ("content/index.md", include_str!("en/index.md")),
    (
        "content/lessons/01-getting-started/_module.yaml",
        include_str!("en/_module.yaml"),
    ),
    (
        "content/lessons/01-getting-started/01-welcome.md",
        include_str!("en/01-welcome.md"),
    ),
    (
        "content/lessons/01-getting-started/02-first-clip.md",
        include_str!("en/02-first-clip.md"),
    ),
    ("assets/clip-flow.svg", include_str!("clip-flow.svg")),
];

/// Create the programme in `dir`; returns how many files were written.
pub fn create(dir: &Path, lang: Language) -> Result<usize, Diagnostic> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            return Err(
                Diagnostic::error(format!("`{}` already exists and is not empty", dir.display()))
                    .help("choose a new folder name; `lectern new` never overwrites files"),
            );
        }
    }
    let files = match lang {
        Language::ZhCn => ZH_CN,
        Language::En => EN,
    };
    for (rel, text) in files {
        let path = dir.join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        written.map_err(|e| Diagnostic::error(format!("cannot write `{}`: {e}", path.display())))?;
    }
    Ok(files.len())
}
