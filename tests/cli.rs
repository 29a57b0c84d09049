//! The command line as users meet it: check, new, output-folder safety, help.

mod common;

use common::fixture::{lectern, snapshot, Fixture};
use common::repo_root;

#[test]
fn bundled_sample_builds_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let root = repo_root();
    let run = lectern(&[
        "--root",
        root.to_str().unwrap(),
        "build",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(run.success, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let lessons = common::files_with_suffix(&out.join("lessons"), ".html").len();
    assert!(lessons >= 12 + 4, "{lessons} pages under lessons/");
}

#[test]
fn check_validates_and_writes_nothing() {
    let f = Fixture::new("good");
    let root = f.root();
    let before = snapshot(&root);
    let run = lectern(&["--root", root.to_str().unwrap(), "check"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stderr.contains("no errors"), "{}", run.stderr);
    assert_eq!(before, snapshot(&root), "check wrote into the programme");
    assert!(!root.join("public").exists());

    f.write(
        "content/lessons/02-advanced/01-deep.md",
        "---\ntitle: x\n---\n[坏](lesson:x/y)\n",
    );
    let run = lectern(&["--root", root.to_str().unwrap(), "check"]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("content/lessons/02-advanced/01-deep.md:4:1"),
        "{}",
        run.stderr
    );
    assert!(!root.join("public").exists());
}

#[test]
fn new_programmes_build_as_they_are() {
    for lang in ["zh-CN", "en"] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("course");
        let run = lectern(&["new", dir.to_str().unwrap(), "--lang", lang]);
        assert!(run.success, "{}", run.stderr);
        let run = lectern(&["--root", dir.to_str().unwrap(), "build"]);
        assert!(run.success, "{lang}: {}", run.stderr);
        assert!(!run.stderr.contains("warning"), "{lang}: {}", run.stderr);
        let html = std::fs::read_to_string(dir.join("public/lessons/01-getting-started/02-first-clip.html")).unwrap();
        assert!(html.contains(&format!("lang=\"{lang}\"")));
        // A second `new` into the same folder refuses instead of overwriting.
        let again = lectern(&["new", dir.to_str().unwrap()]);
        assert!(!again.success && again.stderr.contains("not empty"), "{}", again.stderr);
    }
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let f = Fixture::new("good");
    std::fs::create_dir_all(f.out()).unwrap();
    std::fs::write(f.out().join("毕业论文.docx"), b"precious").unwrap();
    let run = f.build(&[]);
    assert!(!run.success);
    assert!(run.stderr.contains("not created by Lectern"), "{}", run.stderr);
    assert_eq!(std::fs::read(f.out().join("毕业论文.docx")).unwrap(), b"precious");
}

#[test]
fn refuses_the_programme_folder_and_its_sources() {
    let f = Fixture::new("good");
    let root = f.root();
    for out in [
        root.clone(),
        root.join("content"),
        root.join("content/lessons/x"),
        root.parent().unwrap().to_path_buf(),
    ] {
        let run = lectern(&[
            "--root",
            root.to_str().unwrap(),
            "build",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(!run.success, "{} was accepted", out.display());
        assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    }
    assert!(root.join("content/lessons/02-advanced/01-deep.md").is_file());
}

#[test]
fn missing_config_says_how_to_start() {
    let tmp = tempfile::tempdir().unwrap();
    let run = lectern(&["--root", tmp.path().to_str().unwrap(), "build"]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("no lectern.yaml") && run.stderr.contains("lectern new"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_command_has_help_with_an_example() {
    for cmd in ["build", "check", "new"] {
        let run = lectern(&[cmd, "--help"]);
        assert!(run.success, "{}", run.stderr);
        assert!(
            run.stderr.contains("Example"),
            "{cmd} --help has no example:\n{}",
            run.stderr
        );
    }
}

#[test]
fn check_renders_templates_too() {
    let f = Fixture::new("good");
    f.write(
        "templates/module.html",
        "{% extends \"base.html\" %}{% block main %}{{ module.titel }}{% endblock main %}",
    );
    let root = f.root();
    let run = lectern(&["--root", root.to_str().unwrap(), "check"]);
    assert!(!run.success, "check passed a template that cannot render");
    assert!(
        run.stderr.contains("module.titel") && run.stderr.contains("check failed"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_lesson_named_index_is_an_error() {
    let f = Fixture::new("good");
    f.write("content/lessons/02-advanced/index.md", "---\ntitle: x\n---\n");
    let run = f.build(&[]);
    assert!(
        !run.success && run.stderr.contains("content/lessons/02-advanced/index.md"),
        "{}",
        run.stderr
    );
}
