//! Offline mode (`offline: true` in lectern.yaml, see docs/offline.md): what a build adds
//! so that a learner's phone can keep a copy of the site and read it with the network off.
//! Nothing here runs, and the output is unchanged, unless the config asks for it.
//!
//! - [`app_files`]: the web app manifest, its icons, the two scripts and their stylesheet (also in `serve`,
//!   so every link of the pages resolves there);
//! - [`list_files`]: `offline.json` (the build id and every file by group, with sizes),
//!   `offline-build.json` (the id alone) and `sw.js`, made from the finished output, so
//!   they list exactly what was written.
//!
//! The browser side is `themes/default/static/offline.js` (the home page's control, the
//! download, the update notice) and `offline-sw.js` (the service worker).

mod icons;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde_json::json;

use crate::config::SiteConfig;
use crate::model::content_version;
use crate::render::files_under;
use crate::urls;

/// The web app manifest, linked from every page.
pub const MANIFEST: &str = "manifest.webmanifest";
/// The list of files a learner can download, with the build id.
pub const LIST: &str = "offline.json";
/// Only the build id: what every page of a downloaded copy asks the network for, so a
/// large site's list is not fetched on each page view.
pub const BUILD: &str = "offline-build.json";
/// The service worker: at the root, so its scope is the whole site.
pub const WORKER: &str = "sw.js";

/// The colour the icons and the browser's bar take when the theme names none.
const FALLBACK_COLOUR: &str = "#1a5fb4";

/// The scripts and their stylesheet, published only in offline mode.
const SCRIPTS: [(&str, &[u8]); 3] = [
    (
        "static/offline.css",
        include_bytes!("../../themes/default/static/offline.css"),
    ),
    (
        "static/offline.js",
        include_bytes!("../../themes/default/static/offline.js"),
    ),
    (
        "static/offline-sw.js",
        include_bytes!("../../themes/default/static/offline-sw.js"),
    ),
];

/// The theme colour: the site stylesheet's first `--accent`, so the icon matches the site.
pub fn theme_colour(site_css: &str) -> String {
    site_css
        .split("--accent:")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .map(str::trim)
        .filter(|c| icons::parse_hex(c).is_some())
        .unwrap_or(FALLBACK_COLOUR)
        .to_string()
}

/// The manifest, the icons, the scripts and their stylesheet, as (output path, bytes).
pub fn app_files(config: &SiteConfig, site_css: &str) -> Vec<(String, Vec<u8>)> {
    let colour = theme_colour(site_css);
    let rgb = icons::parse_hex(&colour).unwrap_or([0x1a, 0x5f, 0xb4]);
    let first = config
        .title
        .trim()
        .chars()
        .next()
        .map(|c| c.to_uppercase().next().unwrap_or(c))
        .unwrap_or('L');
    let manifest = json!({
        "name": config.title,
        // Home screens show about twelve characters; a Chinese title fits more meaning in them.
        "short_name": config.title.trim().chars().take(12).collect::<String>(),
        "description": config.description,
        "lang": config.language.code(),
        "start_url": urls::HOME,
        "scope": "./",
        "display": "standalone",
        "theme_color": colour,
        "background_color": "#ffffff",
        "icons": [
            {"src": "icons/icon.svg", "sizes": "any", "type": "image/svg+xml"},
            {"src": "icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "icons/icon-512.png", "sizes": "512x512", "type": "image/png"},
        ],
    });
    let mut files = vec![
        (
            MANIFEST.to_string(),
            serde_json::to_vec_pretty(&manifest).expect("JSON of strings"),
        ),
        ("icons/icon.svg".into(), icons::svg(first, &colour).into_bytes()),
        ("icons/icon-192.png".into(), icons::png(192, rgb)),
        ("icons/icon-512.png".into(), icons::png(512, rgb)),
    ];
    files.extend(SCRIPTS.iter().map(|(p, b)| (p.to_string(), b.to_vec())));
    files
}

/// Which download group a file of the output belongs to. Pages and the search index are
/// one choice on the home page, decks and images two more.
fn group_of(path: &str, decks: &HashSet<String>) -> &'static str {
    let html = path.strip_suffix(".pdf").map(|p| format!("{p}.html"));
    if decks.contains(path) || html.is_some_and(|h| decks.contains(&h)) {
        "decks"
    } else if path.starts_with("search/") {
        "search"
    } else if path.ends_with(".html") || path.starts_with("static/") || path.starts_with("icons/") || path == MANIFEST {
        "pages"
    } else {
        "images"
    }
}

/// `offline.json`, `offline-build.json` and `sw.js` for the finished output in `dir`, whose deck pages are
/// `decks`. The build id is a fingerprint of every file's path, size and contents, so an
/// unchanged rebuild keeps its id and learners are not asked to download it again.
pub fn list_files(dir: &Path, decks: &HashSet<String>) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut groups: BTreeMap<&str, Vec<(String, u64)>> = ["pages", "search", "decks", "images"]
        .into_iter()
        .map(|g| (g, Vec::new()))
        .collect();
    let mut fingerprints = String::new();
    for (path, full) in files_under(dir, Path::new("")) {
        if [LIST, BUILD, WORKER, "sitemap.xml"].contains(&path.as_str()) {
            continue;
        }
        let bytes = std::fs::read(&full)?;
        fingerprints.push_str(&format!("{path}\t{}\t{:08x}\n", bytes.len(), crc32fast::hash(&bytes)));
        let group = groups.get_mut(group_of(&path, decks)).expect("every group is listed");
        group.push((urls::encode_path(&path), bytes.len() as u64));
    }
    let build = content_version(&fingerprints);
    let list = json!({ "build": build, "groups": groups });
    let worker = "// Lectern's service worker (offline: true); its code is static/offline-sw.js. It sits at\n\
                  // the site root so that its scope is the whole site, and is registered only when a\n\
                  // learner downloads the offline copy from the home page, never over file://.\n\
                  importScripts(\"static/offline-sw.js\");\n";
    Ok(vec![
        (LIST.to_string(), serde_json::to_vec(&list).expect("JSON of strings")),
        (BUILD.to_string(), json!({ "build": build }).to_string().into_bytes()),
        (WORKER.to_string(), worker.as_bytes().to_vec()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_fall_into_their_groups() {
        let decks: HashSet<String> = ["decks/01-基础/01-intro.html".to_string()].into();
        assert_eq!(group_of("decks/01-基础/01-intro.html", &decks), "decks");
        assert_eq!(group_of("decks/01-基础/01-intro.pdf", &decks), "decks");
        assert_eq!(group_of("lessons/01-基础/01-intro.html", &decks), "pages");
        assert_eq!(group_of("static/lectern.css", &decks), "pages");
        assert_eq!(group_of("search/t-3.js", &decks), "search");
        assert_eq!(group_of("img/流程.png", &decks), "images");
    }

    #[test]
    fn the_build_id_follows_the_contents() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "直播 GMV").unwrap();
        let id = |dir: &Path| {
            let list = &list_files(dir, &HashSet::new()).unwrap()[0].1;
            serde_json::from_slice::<serde_json::Value>(list).unwrap()["build"].clone()
        };
        let first = id(dir.path());
        assert_eq!(id(dir.path()), first, "an unchanged output keeps its id");
        std::fs::write(dir.path().join("index.html"), "直播 GMV。").unwrap();
        assert_ne!(id(dir.path()), first);
    }

    #[test]
    fn the_colour_comes_from_the_stylesheet() {
        assert_eq!(theme_colour(":root { --text: #000; --accent: #aa3300; }"), "#aa3300");
        assert_eq!(theme_colour("body {}"), FALLBACK_COLOUR);
    }
}
