//! `qr.js`, the QR encoder the hand-in dialog draws with, checked against a decoder that
//! shares nothing with it (`rqrr`): payloads on both sides of every version's capacity,
//! ASCII and Chinese, drawn by Chromium and decoded byte for byte.

mod common;

use common::browser::{Browser, Page};
use common::qr::scan;
use common::{build_sample, file_url};

/// Bytes that fit in byte mode at level M, versions 1–40 (ISO/IEC 18004, table 7).
const CAPACITY_M: [usize; 40] = [
    14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911,
    997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
];

/// The same at level L, versions 36–40: where text too long for M goes.
const CAPACITY_L_36: [usize; 5] = [2431, 2563, 2699, 2809, 2953];

/// A payload of exactly `len` UTF-8 bytes: Chinese with English terms, or varied ASCII,
/// so the data (and so the chosen mask) differs from one length to the next.
fn payload(len: usize, chinese: bool) -> String {
    const WORDS: &[&str] = &["日报", "GMV", "达成率", "KOC", "切片", "SOP", "复盘", "完播率"];
    let mut text = String::new();
    let mut seed = len as u64 * 2_654_435_761 + 1;
    while text.len() < len {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let word = WORDS[(seed >> 33) as usize % WORDS.len()];
        if chinese && text.len() + word.len() <= len {
            text.push_str(word);
        } else {
            text.push((b' ' + ((seed >> 40) % 95) as u8) as char);
        }
    }
    assert_eq!(text.len(), len);
    text
}

fn page_with_encoder(browser: &Browser, site: &std::path::Path) -> Page {
    let page = browser.open(&file_url(&site.join("index.html")));
    page.eval_json(
        r#"new Promise((ok, fail) => { const s = document.createElement("script");
           s.src = "static/qr.js"; s.onload = () => ok(true); s.onerror = fail; document.body.appendChild(s); })"#,
    );
    page
}

fn round_trip(page: &Page, text: &str, version: usize, level: &str) {
    let js_text = serde_json::to_string(text).unwrap();
    let drawn = page.eval_json(&format!(
        "(() => {{ const svg = lectern.qr.svg({js_text}); document.body.appendChild(svg); svg.id = 'under-test';
           return [+svg.dataset.version, svg.dataset.level]; }})()"
    ));
    assert_eq!(
        drawn,
        serde_json::json!([version, level]),
        "version and level for {} bytes",
        text.len()
    );
    let scanned = scan(page, "document.getElementById('under-test')");
    page.eval_json("document.getElementById('under-test').remove()");
    assert_eq!(
        scanned.bytes,
        text.as_bytes(),
        "{} bytes at version {version}",
        text.len()
    );
    assert_eq!(scanned.version, version);
    assert_eq!(scanned.level_bits, if level == "M" { 0 } else { 1 });
}

#[test]
fn payloads_on_both_sides_of_every_version_boundary_decode_exactly() {
    let site = tempfile::tempdir().unwrap();
    build_sample(site.path());
    let browser = Browser::launch();
    let page = page_with_encoder(&browser, site.path());

    round_trip(&page, "1", 1, "M");
    for (i, &cap) in CAPACITY_M.iter().enumerate() {
        let version = i + 1;
        round_trip(&page, &payload(cap, version % 2 == 1), version, "M");
        if version < 40 {
            round_trip(&page, &payload(cap + 1, version % 2 == 0), version + 1, "M");
        }
    }
    // Past version 40 at M: level L, from version 36 up.
    round_trip(&page, &payload(CAPACITY_M[39] + 1, true), 36, "L");
    for (i, &cap) in CAPACITY_L_36.iter().enumerate() {
        let version = 36 + i;
        round_trip(&page, &payload(cap.min(2900), i % 2 == 0), version, "L");
        if version < 40 {
            round_trip(&page, &payload(cap + 1, i % 2 == 1), version + 1, "L");
        }
    }
    round_trip(&page, &payload(2900, true), 40, "L");
    page.assert_no_problems();
}

#[test]
fn text_longer_than_version_40_holds_gives_no_code() {
    let site = tempfile::tempdir().unwrap();
    build_sample(site.path());
    let browser = Browser::launch();
    let page = page_with_encoder(&browser, site.path());
    assert_eq!(
        page.eval_json("[lectern.qr.svg('x'.repeat(2953)) !== null, lectern.qr.svg('x'.repeat(2954)), lectern.qr.encode('日'.repeat(985))]"),
        serde_json::json!([true, null, null])
    );
}
