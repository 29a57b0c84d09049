//! The site `serve` shows: built in memory and swapped whole, so a request never sees a
//! half-built site and a failed build leaves the last good one in place.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::build::{copied_files, site_in_memory};
use crate::compile::{compile, Compiled};
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::Theme;
use crate::search::LiveIndex;

/// An output path and its bytes.
type File = (String, Arc<[u8]>);

/// Every file of a built site, by output path (`lessons/m/l.html`).
///
/// The files of the last full build are shared by every site the fast path made from it,
/// which holds only what it changed: publishing an edit copies those changes, not every
/// file of the site (`incremental::update`).
#[derive(Default)]
pub struct MemorySite {
    base: Arc<HashMap<String, Arc<[u8]>>>,
    /// Files replaced or added since the full build; `None` for one removed.
    changes: HashMap<String, Option<Arc<[u8]>>>,
}

impl MemorySite {
    pub fn new(files: HashMap<String, Arc<[u8]>>) -> MemorySite {
        MemorySite {
            base: Arc::new(files),
            changes: HashMap::new(),
        }
    }

    pub fn get(&self, path: &str) -> Option<Arc<[u8]>> {
        match self.changes.get(path) {
            Some(changed) => changed.clone(),
            None => self.base.get(path).cloned(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.base.is_empty() && self.changes.is_empty()
    }

    /// Every path of the site.
    pub fn paths(&self) -> impl Iterator<Item = &String> {
        let base = self.base.keys().filter(|p| !self.changes.contains_key(*p));
        base.chain(self.changes.iter().filter(|(_, b)| b.is_some()).map(|(p, _)| p))
    }

    /// A copy to change, sharing this site's files.
    pub fn edit(&self) -> MemorySite {
        // Once the changes are a sizeable part of the site, they are folded into a new base:
        // each copy stays small, and folding costs one copy of the site every so often.
        if self.changes.len() > 64 + self.base.len() / 8 {
            let mut files = (*self.base).clone();
            for (path, bytes) in &self.changes {
                match bytes {
                    Some(b) => files.insert(path.clone(), Arc::clone(b)),
                    None => files.remove(path),
                };
            }
            return MemorySite::new(files);
        }
        MemorySite {
            base: Arc::clone(&self.base),
            changes: self.changes.clone(),
        }
    }

    pub fn insert(&mut self, path: String, bytes: Arc<[u8]>) {
        self.changes.insert(path, Some(bytes));
    }

    pub fn remove(&mut self, path: &str) {
        self.changes.insert(path.to_string(), None);
    }
}

/// What the fast path updates in place between full builds: the compiled programme and
/// its search index.
pub struct Live {
    pub compiled: Compiled,
    pub search: LiveIndex,
    pub theme: Arc<Theme>,
}

/// Build the programme at `root` into memory. `Err` carries the diagnostics when there
/// are errors; `Ok` carries the warnings.
pub fn build(root: &Path, drafts: bool) -> Result<(MemorySite, Diagnostics, Live), Diagnostics> {
    let (compiled, mut diags) = compile(root, drafts);
    let Some(c) = compiled.filter(|_| !diags.has_errors()) else {
        diags.sort();
        return Err(diags);
    };
    let Some(site) = site_in_memory(&c, root, &mut diags) else {
        diags.sort();
        return Err(diags);
    };
    let search = LiveIndex::new(site.index, &c.programme.glossary);
    let theme = site.theme;
    let mut files: HashMap<String, Arc<[u8]>> = HashMap::with_capacity(site.pages.len() + site.files.len());
    for page in site.pages {
        files.insert(page.path, Arc::from(page.html));
    }
    for (path, bytes) in site.files {
        files.insert(path, Arc::from(bytes));
    }
    let copies: Vec<Result<File, Diagnostic>> = copied_files(&c, root)
        .into_par_iter()
        .map(|(to, from)| {
            std::fs::read(&from)
                .map(|b| (to, Arc::from(b)))
                .map_err(|e| Diagnostic::error(format!("cannot read {}: {e}", from.display())))
        })
        .collect();
    for copy in copies {
        match copy {
            Ok((to, bytes)) => {
                files.insert(to, bytes);
            }
            Err(d) => diags.push(d),
        }
    }
    diags.sort();
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((
        MemorySite::new(files),
        diags,
        Live {
            compiled: c,
            search,
            theme,
        },
    ))
}
