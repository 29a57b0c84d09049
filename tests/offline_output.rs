//! What `offline: true` adds to a build, and that without it the output has none of it.

mod common;

use std::collections::BTreeMap;

use common::files_with_suffix;
use common::fixture::Fixture;

const OFFLINE_FILES: [&str; 10] = [
    "offline-build.json",
    "static/offline.css",
    "offline.json",
    "sw.js",
    "manifest.webmanifest",
    "icons/icon.svg",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "static/offline.js",
    "static/offline-sw.js",
];

#[test]
fn without_offline_the_output_has_none_of_it() {
    let f = Fixture::new("good");
    f.build_ok(&[]);
    for file in OFFLINE_FILES {
        assert!(!f.out().join(file).exists(), "{file} written without offline: true");
    }
    for page in files_with_suffix(&f.out(), ".html") {
        let html = std::fs::read_to_string(&page).unwrap();
        for mark in [
            "offline.js",
            "offline.css",
            "offline-copy",
            "offline-update",
            "manifest",
        ] {
            assert!(!html.contains(mark), "{} has {mark}", page.display());
        }
    }
}

#[test]
fn offline_json_lists_every_file_once_with_its_size() {
    let f = Fixture::new("good");
    f.edit("lectern.yaml", |s| s + "offline: true\n");
    f.build_ok(&[]);
    for file in OFFLINE_FILES {
        assert!(f.out().join(file).is_file(), "{file} missing");
    }
    let list: serde_json::Value = serde_json::from_str(&f.read_out("offline.json")).unwrap();
    let mut listed = BTreeMap::new();
    for (group, files) in list["groups"].as_object().unwrap() {
        for file in files.as_array().unwrap() {
            let path = percent_encoding::percent_decode_str(file[0].as_str().unwrap())
                .decode_utf8()
                .unwrap()
                .into_owned();
            let previous = listed.insert(path.clone(), (group.clone(), file[1].as_u64().unwrap()));
            assert!(previous.is_none(), "{path} listed twice");
        }
    }
    let mut on_disk = BTreeMap::new();
    for entry in walkdir::WalkDir::new(f.out())
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry
            .path()
            .strip_prefix(f.out())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !rel.starts_with('.')
            && !["offline.json", "offline-build.json", "sw.js", "sitemap.xml"].contains(&rel.as_str())
        {
            on_disk.insert(rel, entry.metadata().unwrap().len());
        }
    }
    let sizes: BTreeMap<_, _> = listed.iter().map(|(p, (_, n))| (p.clone(), *n)).collect();
    assert_eq!(sizes, on_disk);
    let group = |p: &str| listed[p].0.as_str();
    assert_eq!(group("lessons/01-基础/01-intro.html"), "pages");
    assert_eq!(group("decks/01-基础/01-intro.html"), "decks");
    assert_eq!(group("assets/logo.svg"), "images");
    assert_eq!(group("search/meta.js"), "search");
    assert_eq!(list["build"].as_str().unwrap().len(), 12);
    let build: serde_json::Value = serde_json::from_str(&f.read_out("offline-build.json")).unwrap();
    assert_eq!(build["build"], list["build"]);
}
