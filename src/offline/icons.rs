//! The app icons, made at build time from the programme title and the theme colour: an
//! SVG with the title's first character (any size), and PNGs at 192 and 512 px, which
//! browsers still ask for before they offer to install. The PNGs draw the favicon's three
//! bars, not the character: drawing text would need a font rasteriser, and a flat mark in
//! the theme colour is all an icon on a phone's home screen needs.

use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::Compression;

/// The SVG icon: `first` (the title's first character) white on `colour`, in whatever CJK
/// font the device has.
pub fn svg(first: char, colour: &str) -> String {
    let mut letter = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut letter, &first.to_string());
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 512 512\">\
         <rect width=\"512\" height=\"512\" rx=\"96\" fill=\"{colour}\"/>\
         <text x=\"256\" y=\"256\" dy=\".35em\" text-anchor=\"middle\" font-size=\"300\" fill=\"#fff\" \
         font-family=\"'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif\">{letter}</text></svg>\n"
    )
}

/// The favicon's bars (themes/default/static/favicon.svg) on its 32-unit grid:
/// (x0, y0, x1, y1).
const BARS: [(u32, u32, u32, u32); 3] = [(8, 9, 24, 12), (8, 15, 24, 18), (12, 21, 20, 24)];

/// A `size`×`size` PNG: the bars in white on `rgb`.
pub fn png(size: u32, rgb: [u8; 3]) -> Vec<u8> {
    let mut raw = Vec::with_capacity(((size * 3 + 1) * size) as usize);
    for y in 0..size {
        raw.push(0); // filter: none
        for x in 0..size {
            let (u, v) = (x * 32 / size, y * 32 / size);
            let bar = BARS
                .iter()
                .any(|&(x0, y0, x1, y1)| u >= x0 && u < x1 && v >= y0 && v < y1);
            raw.extend_from_slice(if bar { &[255, 255, 255] } else { &rgb });
        }
    }
    let mut z = ZlibEncoder::new(Vec::new(), Compression::fast());
    z.write_all(&raw).expect("writing to memory");
    let idat = z.finish().expect("writing to memory");

    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&size.to_be_bytes());
    ihdr.extend_from_slice(&size.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB, deflate, no filter choice, no interlace
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &idat);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

/// `#rrggbb` (or `#rgb`) as bytes; `None` for anything else.
pub fn parse_hex(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    let digits: Vec<u8> = hex
        .chars()
        .map(|c| c.to_digit(16).map(|d| d as u8))
        .collect::<Option<_>>()?;
    match digits[..] {
        [r, g, b] => Some([r * 17, g * 17, b * 17]),
        [r1, r2, g1, g2, b1, b2] => Some([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_has_the_size_asked_for_and_valid_chunks() {
        let png = png(192, [0x1a, 0x5f, 0xb4]);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[16..24], &[0, 0, 0, 192, 0, 0, 0, 192]);
        // Every chunk's CRC checks out, and the image data inflates to size rows of RGB.
        let mut at = 8;
        let mut pixels = Vec::new();
        while at < png.len() {
            let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
            let body = &png[at + 4..at + 8 + len];
            let crc = u32::from_be_bytes(png[at + 8 + len..at + 12 + len].try_into().unwrap());
            assert_eq!(crc32fast::hash(body), crc);
            if &body[..4] == b"IDAT" {
                use std::io::Read;
                flate2::read::ZlibDecoder::new(&body[4..])
                    .read_to_end(&mut pixels)
                    .unwrap();
            }
            at += 12 + len;
        }
        assert_eq!(pixels.len(), (192 * 3 + 1) * 192);
        assert_eq!(&pixels[1..4], &[0x1a, 0x5f, 0xb4], "the corner is the theme colour");
    }

    #[test]
    fn svg_escapes_the_character() {
        assert!(svg('&', "#000").contains(">&amp;</text>"));
        assert!(svg('直', "#1a5fb4").contains(">直</text>"));
        assert_eq!(parse_hex("#1a5fb4"), Some([0x1a, 0x5f, 0xb4]));
        assert_eq!(parse_hex("#fff"), Some([255, 255, 255]));
        assert_eq!(parse_hex("blue"), None);
    }
}
