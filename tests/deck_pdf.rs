//! PDF export of decks (`deck --pdf`, `build --pdf`): with the real Chromium, and with a
//! stand-in that prints nothing or the wrong number of pages.

mod common;

use std::path::{Path, PathBuf};

use common::fixture::{lectern, Fixture};
use common::pdf_page_sizes;

#[test]
fn deck_command_exports_html_and_pdf_with_chinese_fonts() {
    let f = Fixture::new("decks");
    let out = f.dir.path().join("exported");
    let root = f.root();
    let run = lectern(&[
        "--root",
        root.to_str().unwrap(),
        "deck",
        "01-decks/01-fragments",
        "01-decks/03-reveal",
        "--pdf",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(run.success, "{}", run.stderr);
    for (lesson, slides) in [("01-fragments", 6), ("03-reveal", 4)] {
        assert!(out.join(format!("01-decks/{lesson}.html")).is_file());
        let pdf = std::fs::read(out.join(format!("01-decks/{lesson}.pdf"))).unwrap();
        assert_eq!(pdf_page_sizes(&pdf).len(), slides, "{lesson}");
        let text = String::from_utf8_lossy(&pdf);
        assert!(
            text.contains("CJK") || text.contains("Noto Sans SC") || text.contains("WenQuanYi"),
            "{lesson}: a font with Chinese glyphs is embedded"
        );
    }
    let unknown = lectern(&["--root", root.to_str().unwrap(), "deck", "01-decks/01-fragment"]);
    assert!(
        !unknown.success && unknown.stderr.contains("did you mean `01-decks/01-fragments`?"),
        "{}",
        unknown.stderr
    );
    let no_chromium = lectern(&[
        "--root",
        root.to_str().unwrap(),
        "deck",
        "01-decks/01-fragments",
        "--pdf",
        "--chromium",
        "/nonexistent/chromium",
    ]);
    assert!(
        !no_chromium.success && no_chromium.stderr.contains("--chromium"),
        "{}",
        no_chromium.stderr
    );
}

#[test]
fn build_pdf_prints_every_deck_and_aspect_follows_config() {
    let f = Fixture::new("decks");
    f.write(
        "lectern.yaml",
        "title: 放映测试\nlanguage: zh-CN\ndeck:\n  aspect: \"4:3\"\n",
    );
    f.build_ok(&["--pdf"]);
    for (lesson, slides) in [
        ("01-fragments", 6),
        ("02-marp", 3),
        ("03-reveal", 4),
        // On the narrower 4:3 canvas the list wraps and continues on two more slides.
        ("04-overflow", 4),
        ("05-footnotes", 3),
    ] {
        let pdf = std::fs::read(f.out().join(format!("decks/01-decks/{lesson}.pdf"))).unwrap();
        let sizes = pdf_page_sizes(&pdf);
        assert_eq!(sizes.len(), slides, "{lesson}");
        assert!(
            (sizes[0].0 - 720.0).abs() < 1.0 && (sizes[0].1 - 540.0).abs() < 1.0,
            "4:3 pages: {:?}",
            sizes[0]
        );
    }
}

/// A stand-in for Chromium (a shell script) that writes `pdf` where it is asked to print,
/// or nothing.
#[cfg(unix)]
fn fake_chromium(dir: &Path, name: &str, pdf: Option<&[u8]>) -> PathBuf {
    let copy = match pdf {
        Some(bytes) => {
            let source = dir.join(format!("{name}.pdf"));
            std::fs::write(&source, bytes).unwrap();
            format!("cp '{}' \"$out\"", source.display())
        }
        None => "exit 0".into(),
    };
    let script = dir.join(name);
    std::fs::write(
        &script,
        format!("#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) out=\"${{a#--print-to-pdf=}}\";; esac; done\n{copy}\n"),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// A PDF with `pages` slide-sized pages, as far as a page count can tell.
#[cfg(unix)]
fn fake_pdf(pages: usize) -> Vec<u8> {
    let mut pdf = String::from("%PDF-1.4\n");
    for n in 0..pages {
        pdf.push_str(&format!(
            "{} 0 obj << /Type /Page /MediaBox [0 0 960 540] >> endobj\n",
            n + 3
        ));
    }
    pdf.push_str("2 0 obj << /Type /Pages >> endobj\n");
    pdf.into_bytes()
}

#[cfg(unix)]
#[test]
fn deck_pdf_counts_only_a_pdf_printed_now_with_one_page_per_slide() {
    let f = Fixture::new("decks");
    let root = f.root();
    let out = f.dir.path().join("exported");
    let pdf = out.join("01-decks/01-fragments.pdf");
    std::fs::create_dir_all(pdf.parent().unwrap()).unwrap();
    // Left from an earlier run, with the right page count.
    std::fs::write(&pdf, fake_pdf(6)).unwrap();
    let export = |chromium: &Path| {
        lectern(&[
            "--root",
            root.to_str().unwrap(),
            "deck",
            "01-decks/01-fragments",
            "--pdf",
            "--chromium",
            chromium.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
    };
    let prints_nothing = fake_chromium(f.dir.path(), "prints-nothing", None);
    let run = export(&prints_nothing);
    assert!(!run.success && run.stderr.contains("did not print"), "{}", run.stderr);
    assert!(!pdf.exists(), "the stale PDF is deleted, not passed off as new");

    let five_pages = fake_chromium(f.dir.path(), "five-pages", Some(&fake_pdf(5)));
    let run = export(&five_pages);
    assert!(
        !run.success && run.stderr.contains("01-decks/01-fragments: 5 pages for 6 slides"),
        "{}",
        run.stderr
    );
    assert!(
        !pdf.exists(),
        "a PDF that failed its check is not left to pass for the deck"
    );

    // `build --pdf` likewise: the wrong count fails the build, the previous site stays.
    f.build_ok(&[]);
    let run = f.build(&["--pdf", "--chromium", five_pages.to_str().unwrap()]);
    assert!(
        !run.success && run.stderr.contains("5 pages for 3 slides") && run.stderr.contains("5 pages for 6 slides"),
        "every deck with the wrong count is named: {}",
        run.stderr
    );
    assert!(f.out().join("decks/01-decks/01-fragments.html").is_file());
    assert!(!f.out().join("decks/01-decks/01-fragments.pdf").exists());
}
