//! `lectern handbook` and `build --handbook` on the bundled sample: what each selection
//! holds, the PDF's page numbers read back with `pdftotext`, its outline, the SOP forms
//! each on a page of their own, the notes, and the QR codes to the online pages.

mod common;

use std::path::Path;
use std::process::Command;

use common::fixture::{lectern, sample_copy};
use common::html::{attrs, sel, texts};
use scraper::Html;

fn run_handbook(root: &Path, out: &Path, extra: &[&str]) -> common::fixture::Run {
    let mut args = vec![
        "--root",
        root.to_str().unwrap(),
        "handbook",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    lectern(&args)
}

fn read_html(path: &Path) -> Html {
    Html::parse_document(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// The titles of the table of contents' entries of one kind (`lesson`, `sop`, `appendix`).
fn toc(doc: &Html, kind: &str) -> Vec<String> {
    texts(doc, &format!(".hb-toc-entry[data-kind=\"{kind}\"] .hb-toc-title"))
}

#[test]
fn the_contents_are_the_lessons_of_the_selection_and_notes_stay_out_unless_asked() {
    let dir = sample_copy();
    let root = dir.path();
    let site = root.join("site");
    let out = root.join("handbooks");
    common::build_sample(&site);

    // A role: its path, in the order of its page's "what to learn".
    let run = run_handbook(root, &out, &["--role", "student-creator"]);
    assert!(run.success, "{}", run.stderr);
    let book = read_html(&out.join("handbook-student-creator.html"));
    let role_page = read_html(&site.join("roles/student-creator.html"));
    let path = texts(&role_page, ".learn-list .learn-link");
    assert!(path.len() > 5, "{path:?}");
    assert_eq!(toc(&book, "lesson"), path);
    // Its SOPs, as paper forms; the appendices after them.
    let role_sops = texts(&role_page, ".role-sop");
    let mut forms = toc(&book, "sop");
    forms.sort();
    let mut expected = role_sops.clone();
    expected.sort();
    assert_eq!(forms, expected);
    assert_eq!(texts(&book, ".hb-form .sop-form").len(), role_sops.len());
    assert_eq!(toc(&book, "appendix").len(), 2, "Q&A and glossary");
    // Without --pdf the contents link to the chapters, without numbers.
    for anchor in attrs(&book, ".hb-toc-entry a", "href") {
        let id = anchor.trim_start_matches('#');
        assert_eq!(texts(&book, &format!("[id=\"{id}\"]")).len(), 1, "{anchor}");
    }
    assert!(texts(&book, ".hb-toc-page").is_empty());

    // A module: its lessons, in order.
    let run = run_handbook(root, &out, &["--module", "02-editing"]);
    assert!(run.success, "{}", run.stderr);
    let book = read_html(&out.join("handbook-module-02-editing.html"));
    let module_page = read_html(&site.join("lessons/02-editing/index.html"));
    let module_lessons = texts(&module_page, ".lesson-link");
    assert_eq!(toc(&book, "lesson"), module_lessons);

    // Everything: every lesson of every module, in order; no speaker notes.
    let run = run_handbook(root, &out, &[]);
    assert!(run.success, "{}", run.stderr);
    let book = read_html(&out.join("handbook.html"));
    let all = toc(&book, "lesson");
    let home = read_html(&site.join("index.html"));
    let module_links = attrs(&home, ".module-link", "href");
    let mut expected = Vec::new();
    for href in &module_links {
        expected.extend(texts(&read_html(&site.join(href)), ".lesson-link"));
    }
    assert_eq!(all, expected);
    let note = "示例里的数字位置故意留空";
    assert!(texts(&book, ".hb-notes").is_empty());
    assert!(!book.html().contains(note));
    let run = run_handbook(root, &out, &["--notes"]);
    assert!(run.success, "{}", run.stderr);
    let book = read_html(&out.join("handbook.html"));
    assert!(texts(&book, ".hb-notes").iter().any(|n| n.contains(note)));
}

#[test]
fn an_unknown_role_or_module_is_an_error_that_lists_the_ids() {
    let root = common::repo_root();
    let out = tempfile::tempdir().unwrap();
    let run = run_handbook(&root, out.path(), &["--role", "student-creater"]);
    assert!(!run.success);
    assert!(run.stderr.contains("no role `student-creater`"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `student-creator`?"), "{}", run.stderr);
    assert!(run.stderr.contains("team-leader, student-creator"), "{}", run.stderr);
    let run = run_handbook(&root, out.path(), &["--module", "09-nothing"]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("no module `09-nothing`") && run.stderr.contains("01-market-research, 02-editing"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0, "nothing written");
}

/// The text of page `page` (1-based) of `pdf`.
fn page_text(pdf: &Path, page: usize) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

/// `text` as the UTF-16BE hex of a PDF text string, as Skia writes outline titles.
fn pdf_text_string(text: &str) -> String {
    let mut hex = String::from("<FEFF");
    for unit in text.encode_utf16() {
        hex.push_str(&format!("{unit:04X}"));
    }
    hex
}

#[test]
fn the_pdf_has_each_chapter_on_the_page_its_contents_say() {
    let root = common::repo_root();
    let out = tempfile::tempdir().unwrap();
    let run = run_handbook(&root, out.path(), &["--role", "student-creator", "--pdf"]);
    assert!(run.success, "{}", run.stderr);
    let pdf = out.path().join("handbook-student-creator.pdf");
    let book = read_html(&out.path().join("handbook-student-creator.html"));
    let bytes = std::fs::read(&pdf).unwrap();
    let pages = common::pdf_page_sizes(&bytes).len();

    let entries: Vec<(String, String, usize)> = book
        .select(&sel(".hb-toc-entry"))
        .map(|e| {
            let title = e
                .select(&sel(".hb-toc-title"))
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            let page = e
                .select(&sel(".hb-toc-page"))
                .next()
                .expect("a page number")
                .text()
                .collect::<String>();
            (
                e.value().attr("data-kind").unwrap().to_string(),
                title,
                page.parse().unwrap(),
            )
        })
        .collect();
    assert!(entries.len() > 10, "{entries:?}");
    let mut previous = 2;
    for (kind, title, page) in &entries {
        assert!(*page > previous && *page <= pages, "{title}: page {page} of {pages}");
        previous = *page;
        let text = page_text(&pdf, *page);
        let top = lines(&text);
        // The running header, then the chapter's own title at the top of its first page:
        // Chinese text comes back out of the PDF, so its fonts are embedded with it.
        assert!(top[0].contains(title.as_str()), "{title} on page {page}: {top:?}");
        assert!(
            top.iter().take(3).any(|l| *l == title),
            "{title} on page {page}: {top:?}"
        );
        assert!(
            top.last().unwrap().replace(' ', "") == format!("{page}/{pages}"),
            "footer of page {page}: {top:?}"
        );
        if kind == "sop" {
            // A form starts on a page of its own: nothing of it on the page before.
            let before = page_text(&pdf, page - 1);
            assert!(!before.contains(title.as_str()), "{title} begins before page {page}");
        }
        let outline_title = pdf_text_string(title);
        assert!(
            String::from_utf8_lossy(&bytes).contains(&outline_title),
            "{title} is in the outline"
        );
    }
    assert!(String::from_utf8_lossy(&bytes).contains("/Type /Outlines"));

    // Every "见第 N 页" names the page its chapter starts on.
    let chapter_page = |anchor: &str| {
        entries
            .iter()
            .zip(attrs(&book, ".hb-toc-entry", "data-anchor"))
            .find(|(_, a)| a == anchor)
            .map(|((_, _, p), _)| *p)
    };
    let mut checked = 0;
    for r in book.select(&sel(".hb-ref")) {
        let anchor = r.value().attr("data-anchor").unwrap();
        let Some(page) = chapter_page(anchor) else { continue };
        assert_eq!(r.text().collect::<String>(), format!("（见第 {page} 页）"));
        checked += 1;
    }
    assert!(checked > 3, "{checked} page references");
    // No speaker notes in the students' copy.
    let all_text = (1..=pages).map(|p| page_text(&pdf, p)).collect::<String>();
    assert!(!all_text.contains("示例里的数字位置故意留空"));
}

/// The text a QR code in SVG (as `qrcode` draws it: one `M x y h w v h…` per dark module)
/// decodes to.
fn decode_qr(svg: &str) -> String {
    let number = |s: &str| s.parse::<usize>().unwrap();
    let size = svg.split("width=\"").nth(1).unwrap().split('"').next().unwrap();
    let size = number(size.trim_end_matches("px"));
    let mut dark = vec![false; size * size];
    let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
    for module in d.split('M').filter(|m| !m.is_empty()) {
        let (x, rest) = module.split_once(' ').unwrap();
        let (y, rest) = rest.split_once('h').unwrap();
        let (w, rest) = rest.split_once('v').unwrap();
        let h = rest.split('H').next().unwrap();
        for row in number(y)..number(y) + number(h) {
            for col in number(x)..number(x) + number(w) {
                dark[row * size + col] = true;
            }
        }
    }
    let mut image = rqrr::PreparedImage::prepare_from_bitmap(size, size, |x, y| dark[y * size + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one code");
    grids[0].decode().expect("the code decodes").1
}

#[test]
fn with_a_base_url_sop_forms_and_chapters_carry_a_qr_code_to_their_page() {
    let dir = sample_copy();
    let root = dir.path();
    let yaml = std::fs::read_to_string(root.join("lectern.yaml")).unwrap();
    std::fs::write(
        root.join("lectern.yaml"),
        format!("{yaml}base_url: https://koc.example.cn/train/\n"),
    )
    .unwrap();
    let site = root.join("site");
    let run = lectern(&[
        "--root",
        root.to_str().unwrap(),
        "build",
        "--handbook",
        "--out",
        site.to_str().unwrap(),
    ]);
    assert!(run.success, "{}", run.stderr);
    let base = "https://koc.example.cn/train";
    // The SOP page's paper form.
    let page = read_html(&site.join("sops/daily-report.html"));
    let svg = page
        .select(&sel(".sop-header .paper-qr svg"))
        .next()
        .expect("a QR code")
        .html();
    assert_eq!(decode_qr(&svg), format!("{base}/sops/daily-report.html"));
    // The handbook: the same form, and each lesson chapter, to its page.
    let book = read_html(&site.join("handbook-student-creator.html"));
    let form = book
        .select(&sel(".hb-form .paper-qr svg"))
        .next()
        .expect("a QR code on the form");
    assert!(decode_qr(&form.html()).starts_with(&format!("{base}/sops/")));
    let first = book.select(&sel(".hb-chapter")).next().unwrap();
    let qr = first
        .select(&sel(".hb-qr svg"))
        .next()
        .expect("a QR code on the chapter");
    let first_lesson = attrs(
        &read_html(&site.join("roles/student-creator.html")),
        ".learn-link",
        "href",
    );
    assert_eq!(
        decode_qr(&qr.html()),
        format!("{base}/{}", first_lesson[0].trim_start_matches("../"))
    );
    // And the home and role pages link to the handbooks the build wrote.
    let home = read_html(&site.join("index.html"));
    assert_eq!(attrs(&home, ".handbook-link", "href"), ["handbook.html"]);
    let role = read_html(&site.join("roles/team-leader.html"));
    let link = attrs(&role, ".handbook-link", "href");
    assert_eq!(link, ["../handbook-team-leader.html"]);
    assert!(site.join("handbook-team-leader.html").is_file());
}

#[test]
fn by_default_the_handbook_goes_beside_the_built_site_and_never_blocks_a_build() {
    let dir = sample_copy();
    let root = dir.path().to_str().unwrap();
    // Before any build: its own folder, so `public/` is not a folder `build` must refuse.
    let run = lectern(&["--root", root, "handbook", "--module", "01-market-research"]);
    assert!(run.success, "{}", run.stderr);
    assert!(dir
        .path()
        .join("handbooks/handbook-module-01-market-research.html")
        .is_file());
    let run = lectern(&["--root", root, "build"]);
    assert!(run.success, "{}", run.stderr);
    // After it: in the site, where its links to pages outside the handbook resolve.
    let run = lectern(&["--root", root, "handbook", "--module", "01-market-research"]);
    assert!(run.success, "{}", run.stderr);
    let book = dir.path().join("public/handbook-module-01-market-research.html");
    let links = attrs(&read_html(&book), ".hb-chapter a[href]", "href");
    let outside: Vec<&String> = links
        .iter()
        .filter(|h| !h.starts_with('#') && !h.contains("://"))
        .collect();
    assert!(!outside.is_empty(), "{links:?}");
    for href in outside {
        let path = href.split('#').next().unwrap();
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8().unwrap();
        assert!(dir.path().join("public").join(decoded.as_ref()).is_file(), "{href}");
    }
}
