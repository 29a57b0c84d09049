//! QR codes on paper: a printed SOP form or handbook chapter carries one to its page
//! online, so a reader can go from the sheet in hand to the current version.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use crate::urls;

/// The absolute URL of the site page `page` (root-relative), when `base_url` is set.
pub fn online_url(base_url: Option<&str>, page: &str) -> Option<String> {
    base_url.map(|b| format!("{}/{}", b.trim_end_matches('/'), urls::encode_path(page)))
}

/// An SVG QR code to the page's online copy, or `None` without `base_url` (there is no
/// address to print). Medium error correction: a folded or smudged sheet still scans.
pub fn online_page_svg(base_url: Option<&str>, page: &str) -> Option<String> {
    let url = online_url(base_url, page)?;
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let svg = code
        .render::<svg::Color>()
        .quiet_zone(true)
        .module_dimensions(4, 4)
        .build();
    // Keep only the <svg> element (no XML prologue: it sits inside HTML), labelled with
    // the URL it encodes, so the page says in words what the code says.
    let start = svg.find("<svg")?;
    let mut escaped = String::new();
    pulldown_cmark_escape::escape_html(&mut escaped, &url).ok()?;
    Some(svg[start..].replacen("<svg", &format!("<svg class=\"qr\" data-url=\"{escaped}\""), 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_only_with_a_base_url() {
        assert_eq!(online_page_svg(None, "sops/daily-report.html"), None);
        let svg = online_page_svg(Some("https://koc.example.cn/"), "sops/日报.html").unwrap();
        assert!(svg.starts_with("<svg class=\"qr\""), "{svg}");
        assert!(
            svg.contains("data-url=\"https://koc.example.cn/sops/%E6%97%A5%E6%8A%A5.html\""),
            "{svg}"
        );
        assert!(svg.contains("<path"), "{svg}");
    }
}
