//! The built sample and the store helpers `browser_progress.rs` walks the path with.

use std::path::{Path, PathBuf};

use crate::common::browser::Page;
use crate::common::fixture::{lectern, sample_copy};
use serde_json::{json, Value};

pub const ROLE: &str = "student-creator";
pub const ROLE_PAGE: &str = "roles/student-creator.html";
const QUIZ: &str =
    "\n\n## 小测验\n\n> [!QUIZ] 头部账号（top account）的切片多久更新一次最常见？\n> - [x] 每天\n> - [ ] 每月\n";

/// The sample with a quiz added to the second and third lessons of the role's path, built
/// into `out/` (no decks: they play no part here).
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    pub fn build() -> Site {
        let dir = sample_copy();
        for lesson in [
            "01-market-research/02-top-accounts",
            "01-market-research/03-platform-differences",
        ] {
            let path = dir.path().join(format!("content/lessons/{lesson}.md"));
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text + QUIZ).unwrap();
        }
        let site = Site { dir };
        site.rebuild();
        site
    }

    pub fn rebuild(&self) {
        let root = self.dir.path().to_str().unwrap();
        let out = self.out();
        let run = lectern(&["--root", root, "build", "--no-decks", "--out", out.to_str().unwrap()]);
        assert!(run.success, "build failed:\n{}", run.stderr);
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// Add a paragraph to a lesson: a new version of it.
    pub fn edit_lesson(&self, id: &str) {
        let path = self.dir.path().join(format!("content/lessons/{id}.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text + "\n\n补充：GMV 口径以平台后台为准。\n").unwrap();
    }
}

/// The role's path as the built role page carries it: lesson ids in order, and each
/// lesson's version.
pub fn path_data(out: &Path) -> Value {
    let html = std::fs::read_to_string(out.join(ROLE_PAGE)).unwrap();
    let start = html.find(r#"id="path-data">"#).expect("path data block") + r#"id="path-data">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

pub fn path_lessons(data: &Value) -> Vec<String> {
    data["roles"][ROLE]["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect()
}

pub fn lesson_page(id: &str) -> String {
    format!("lessons/{id}.html")
}

/// The states shown for the path item `attr`=`id` (`data-lesson` or `data-sop`) in `list`.
pub fn state(page: &Page, list: &str, attr: &str, id: &str) -> String {
    page.eval_json(&format!(
        "document.querySelector({}).dataset.state",
        json!(format!(r#"{list} li[{attr}="{id}"] .path-state"#))
    ))
    .as_str()
    .unwrap_or_else(|| panic!("no state for {id} in {list}"))
    .to_string()
}

pub fn stored(page: &Page, name: &str) -> Value {
    page.eval_json(&format!(
        "JSON.parse(localStorage.getItem('lectern:' + document.body.dataset.site + ':' + {}))",
        json!(name)
    ))
}

pub fn store(page: &Page, name: &str, value: &Value) {
    page.eval_json(&format!(
        "localStorage.setItem('lectern:' + document.body.dataset.site + ':' + {}, {})",
        json!(name),
        json!(value.to_string())
    ));
}

/// Press "mark as read" where the page is (a real click scrolls the button into view, and
/// scrolling to the end marks the lesson by itself).
pub fn mark_read(page: &Page) {
    assert_eq!(page.eval_json("scrollY"), json!(0));
    page.eval_json("document.querySelector('.lesson-mark-read').click()");
    assert_eq!(
        page.eval_json("document.querySelector('.lesson-mark-read').disabled"),
        json!(true)
    );
}

/// A quiz set passed, as quiz.js records it (the contract of issue 17).
pub fn quiz_passed(version: &str) -> Value {
    json!({"version": version, "answers": {"quiz-1": {"correct": true, "at": "2024-11-21T09:00:00Z"}},
           "score": 1, "total": 1, "passed": true, "at": "2024-11-21T09:00:00Z"})
}
