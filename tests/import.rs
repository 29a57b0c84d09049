//! `lectern import`: each source layout in `tests/fixtures/import/` (written with the
//! traps real books have: setext headings, `---` under a text line, a chapter opening with
//! `---`, HTML figures with absolute paths, CRLF and BOM, docsify links without `.md` and
//! `#/` routes, `&` and spaces in names, chapters outside the table of contents, a broken
//! link) imports, builds with no errors, and every link and image of the site resolves
//! over file://; the report is a snapshot; imports are byte-identical; `--force` and the
//! refusals.

mod common;

use common::fixture::{snapshot, Fixture};

const LAYOUTS: &[(&str, &str)] = &[
    ("mdbook", "mdbook"),
    ("docsify", "docsify"),
    ("gitbook", "gitbook"),
    ("folder", "folder"),
    ("decks", "marp"),
];

/// `tests/fixtures/import/NAME` as `prog`, imported into `dest`.
fn imported(name: &str, extra: &[&str]) -> (Fixture, String) {
    let f = Fixture::new(&format!("import/{name}"));
    let mut args = vec!["import", "prog", "dest"];
    args.extend_from_slice(extra);
    let run = f.run_bare(&args);
    assert!(run.success, "import of {name} failed:\n{}", run.stderr);
    (f, run.stderr)
}

#[test]
fn each_layout_is_detected_imported_and_builds_with_every_reference_resolving() {
    for (name, layout) in LAYOUTS {
        let (f, report) = imported(name, &[]);
        assert!(
            report.contains(&format!("imported a {layout} source")),
            "{name}:\n{report}"
        );
        let build = f.run_bare(&["--root", "dest", "build", "--out", "out"]);
        assert!(build.success, "{name}: build failed:\n{}", build.stderr);
        assert!(!build.stderr.contains("error"), "{name}:\n{}", build.stderr);
        let checked = common::html::check_links(&f.out()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(checked >= 10, "{name}: only {checked} references checked");
    }
}

#[test]
fn reports_are_as_reviewed() {
    for (name, _) in LAYOUTS {
        let (f, report) = imported(name, &["--report", "report.json"]);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("snapshots/import");
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!(*name, report));
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(f.dir.path().join("report.json")).unwrap()).unwrap();
        let lessons: usize = json["modules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["lessons"].as_array().unwrap().len())
            .sum();
        assert!(
            report.contains(&format!("{lessons} lessons")),
            "{name}: JSON and text disagree"
        );
    }
}

#[test]
fn chapters_keep_their_bytes_apart_from_the_title_block_and_rewritten_links() {
    let (f, report) = imported("mdbook", &[]);
    let source = std::fs::read(f.path("src/basics/gmv.md")).unwrap();
    let imported = std::fs::read(f.dir.path().join("dest/content/lessons/01-基础篇/02-gmv.md")).unwrap();
    let bom = "\u{feff}".as_bytes();
    let block = "---\r\ntitle: \"GMV 怎么算\"\r\n---\r\n".as_bytes();
    assert!(
        imported.starts_with(bom) && imported[bom.len()..].starts_with(block),
        "{}",
        String::from_utf8_lossy(&imported)
    );
    let rest = String::from_utf8(imported[bom.len() + block.len()..].to_vec()).unwrap();
    assert!(
        report.contains("../editing/ab-test.md → ../02-剪辑篇/01-ab-test.md"),
        "{report}"
    );
    let undone = rest.replace("../02-剪辑篇/01-ab-test.md", "../editing/ab-test.md");
    assert_eq!(
        undone.as_bytes(),
        &source[bom.len()..],
        "only the link changed; CRLF kept"
    );

    // A chapter that opens with `---` (a slide break, not front matter) gets a title block
    // before it; the setext heading over `---` and the HTML figure stay as written.
    let ab = f.dir.path().join("dest/content/lessons/02-剪辑篇/01-ab-test.md");
    assert!(std::fs::read_to_string(ab)
        .unwrap()
        .starts_with("---\ntitle: \"A/B 测试\"\n---\n---\n\nA/B 测试只改一个变量"));
    let sector = std::fs::read_to_string(f.dir.path().join("dest/content/lessons/01-基础篇/01-sector.md")).unwrap();
    assert!(sector.contains("GMV 的增长来自切片\n---\n"), "{sector}");
    assert!(
        sector.contains(r#"<img width="550" src="/assets/images/flow.svg" alt="切片流程">"#),
        "{sector}"
    );
    // A file with a space and Chinese in its name, beside its lesson: copied, link unchanged.
    assert!(f
        .dir
        .path()
        .join("dest/content/lessons/01-基础篇/img/人设 卡片.svg")
        .is_file());
    let positioning =
        std::fs::read_to_string(f.dir.path().join("dest/content/lessons/01-基础篇/03-positioning.md")).unwrap();
    assert!(
        positioning.contains("![人设卡片](<img/人设 卡片.svg>)"),
        "{positioning}"
    );
    // The broken link became its text, reported at SRC file:line:col.
    assert!(
        positioning.contains("旧版笔记见 定位清单，已经删掉了。"),
        "{positioning}"
    );
    assert!(report.contains("prog/src/basics/positioning.md:5:14"), "{report}");
}

#[test]
fn keep_broken_leaves_the_reference_for_lectern_build_to_report() {
    let (f, _) = imported("gitbook", &["--keep-broken"]);
    let lesson =
        std::fs::read_to_string(f.dir.path().join("dest/content/lessons/02-数据复盘/01-dashboard.md")).unwrap();
    assert!(lesson.contains("[数据字典](../archive/dictionary.md)"), "{lesson}");
    let build = f.run_bare(&["--root", "dest", "build", "--out", "out"]);
    assert!(!build.success);
    assert!(
        build.stderr.contains("content/lessons/02-数据复盘/01-dashboard.md:"),
        "{}",
        build.stderr
    );
}

#[test]
fn imports_are_byte_identical_and_force_replaces_cleanly() {
    let (f, _) = imported("docsify", &[]);
    let dest = f.dir.path().join("dest");
    let first = snapshot(&dest);
    let again = f.run_bare(&["import", "prog", "dest2"]);
    assert!(again.success, "{}", again.stderr);
    assert_eq!(first, snapshot(&f.dir.path().join("dest2")), "two imports differ");

    let refused = f.run_bare(&["import", "prog", "dest"]);
    assert_eq!(refused.code, Some(1));
    assert!(
        refused.stderr.contains("`dest` is not empty") && refused.stderr.contains("--force"),
        "{}",
        refused.stderr
    );

    std::fs::write(dest.join("content/lessons/stale.md"), "# 旧文件\n").unwrap();
    let forced = f.run_bare(&["import", "prog", "dest", "--force"]);
    assert!(forced.success, "{}", forced.stderr);
    assert_eq!(first, snapshot(&dest), "--force must replace the folder, not add to it");
}

#[test]
fn refuses_folders_it_must_not_write() {
    let f = Fixture::new("import/folder");
    std::fs::create_dir_all(f.dir.path().join("mine")).unwrap();
    std::fs::write(f.dir.path().join("mine/论文.docx"), "珍贵").unwrap();
    for (dest, why) in [
        ("prog", "it is the source folder"),
        ("prog/site", "it is inside the source folder"),
        (".", "it contains the source folder"),
        ("mine", "was not made by `lectern import`"),
    ] {
        let run = f.run_bare(&["import", "prog", dest, "--force"]);
        assert_eq!(run.code, Some(1), "{dest}: {}", run.stderr);
        assert!(run.stderr.contains(why), "{dest}: {}", run.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(f.dir.path().join("mine/论文.docx")).unwrap(),
        "珍贵"
    );
    assert!(!f.path("site").exists());
}

#[test]
fn from_and_per_module_choose_the_layout_and_the_module_size() {
    let (f, report) = imported("folder", &["--per-module", "2", "--title", "剪辑 & 复盘"]);
    assert!(
        report.contains("imported a folder source: 3 modules, 5 lessons"),
        "{report}"
    );
    assert!(
        f.dir
            .path()
            .join("dest/content/lessons/02-第-2-部分/01-复盘.md")
            .is_file(),
        "{report}"
    );
    let config = std::fs::read_to_string(f.dir.path().join("dest/lectern.yaml")).unwrap();
    assert_eq!(config, "title: \"剪辑 & 复盘\"\nlanguage: zh-CN\n");

    let (_, report) = imported("mdbook", &["--from", "folder", "--language", "en"]);
    assert!(
        report.contains("imported a folder source") && report.contains(", en)"),
        "{report}"
    );
    assert!(
        !report.contains("SUMMARY.md"),
        "a folder import has no table of contents: {report}"
    );
}

/// A pasted Hexo post: its keys of other tools do not stop the import's programme from
/// building; a key Lectern refuses is named at its line, as the build will name it.
#[test]
fn foreign_front_matter_is_read_as_the_build_reads_it() {
    let f = Fixture::new("import/folder");
    f.write(
        "03-策略模式.md",
        "---\ntitle: 设计模式之策略模式 (Strategy)\ndate: 2021-03-04 10:00:00\ncategories: [设计模式]\ntags: 'Java'\ntoc: true\nsubtitel: 策略\n---\n\n## 什么是策略模式\n\n正文。\n",
    );
    let run = f.run_bare(&["import", "prog", "dest"]);
    assert!(run.success, "{}", run.stderr);
    let refused: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning: front matter kept"))
        .collect();
    assert_eq!(
        refused,
        ["warning: front matter kept as it is, but Lectern will not accept it: unknown front-matter key `subtitel`"],
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("03-策略模式.md:7:1"), "{}", run.stderr);
}
