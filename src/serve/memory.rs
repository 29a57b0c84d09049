//! The site `serve` shows: built in memory and swapped whole, so a request never sees a
//! half-built site and a failed build leaves the last good one in place.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::build::{copied_files, site_in_memory};
use crate::compile::{compile, Compiled};
use crate::diag::{Diagnostic, Diagnostics};
use crate::search::LiveIndex;

/// An output path and its bytes.
type File = (String, Arc<[u8]>);

/// Every file of a built site, by output path (`lessons/m/l.html`).
#[derive(Default)]
pub struct MemorySite {
    pub files: HashMap<String, Arc<[u8]>>,
}

impl MemorySite {
    pub fn get(&self, path: &str) -> Option<Arc<[u8]>> {
        self.files.get(path).cloned()
    }
}

/// What the fast path updates in place between full builds: the compiled programme and
/// its search index.
pub struct Live {
    pub compiled: Compiled,
    pub search: LiveIndex,
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
    let mut files: HashMap<String, Arc<[u8]>> = HashMap::with_capacity(site.pages.len() + site.files.len());
    for page in site.pages {
        files.insert(page.path, Arc::from(page.html.into_bytes()));
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
    Ok((MemorySite { files }, diags, Live { compiled: c, search }))
}
