//! Where the files a chapter names go in DEST, and how a destination is written there.

use std::collections::BTreeMap;

use super::outline;
use super::refs::RefKind;

/// Where copied files go: beside the lesson when they sit in the chapter's folder (its
/// relative links then stay as written), else into `assets/` under their path in the
/// source (without leading dots: `.gitbook/assets/x.png` → `assets/gitbook/assets/x.png`).
#[derive(Default)]
pub(super) struct Placer {
    /// destination → source
    claimed: BTreeMap<String, String>,
    pub copies: Vec<(String, String)>,
}

impl Placer {
    /// The link from the document at `doc_dest` to `file`, placing the file if it is not yet.
    pub(super) fn place(&mut self, file: &str, doc_source: &str, doc_dest: &str, is_home: bool, root: &str) -> String {
        let dir = outline::parent(doc_source);
        let inside = if dir.is_empty() {
            Some(file)
        } else {
            file.strip_prefix(&format!("{dir}/"))
        };
        if let (Some(rel), false) = (inside, is_home) {
            let dest = format!("{}/{rel}", outline::parent(doc_dest));
            if self.claim(&dest, file) {
                return rel.to_string();
            }
        }
        let in_root = if root.is_empty() {
            file
        } else {
            file.strip_prefix(&format!("{root}/")).unwrap_or(file)
        };
        let clean: Vec<&str> = in_root.split('/').map(|s| s.trim_start_matches('.')).collect();
        let dest = format!("assets/{}", clean.join("/"));
        self.claim(&dest, file);
        format!("/{dest}")
    }

    fn claim(&mut self, dest: &str, src: &str) -> bool {
        match self.claimed.get(dest) {
            Some(owner) => owner == src,
            None => {
                self.claimed.insert(dest.to_string(), src.to_string());
                self.copies.push((src.to_string(), dest.to_string()));
                true
            }
        }
    }
}

/// The relative path from the folder `from_dir` to `to` (both in DEST).
pub(super) fn relative(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut link = "../".repeat(from.len() - common);
    link.push_str(&to_parts[common..].join("/"));
    link
}

/// A destination as Markdown or HTML needs it written.
pub(super) fn written_as(dest: &str, kind: RefKind) -> String {
    match kind {
        RefKind::Html => dest.replace('"', "%22"),
        _ if dest.contains([' ', '(', ')', '<', '>']) => format!("<{dest}>"),
        _ => dest.to_string(),
    }
}

/// `./img/a.png` and `img/a.png` name the same file: no rewrite.
pub(super) fn same_relative(written: &str, new: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(written).decode_utf8_lossy();
    decoded.trim_start_matches("./") == new || decoded == new
}
