//! Reading the QR codes a page drew: Chromium rasterises the `<svg>` (its own SVG renderer,
//! onto a canvas, three pixels per module), and `rqrr` — a decoder that shares no code with
//! `qr.js` — finds and decodes the code in those pixels, the way a phone camera would.

use super::browser::Page;

/// A JavaScript function of an `<svg>` element: its greyscale pixels as hex, row by row.
const RASTERISE: &str = r##"async (svg) => {
  const side = svg.viewBox.baseVal.width * 3;
  const img = new Image();
  img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(svg));
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = side;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, side, side);
  ctx.drawImage(img, 0, 0, side, side);
  const rgba = ctx.getImageData(0, 0, side, side).data;
  const hex = new Array(side * side);
  for (let i = 0; i < side * side; i++) {
    const grey = Math.round((rgba[i * 4] + rgba[i * 4 + 1] + rgba[i * 4 + 2]) / 3);
    hex[i] = (grey < 16 ? "0" : "") + grey.toString(16);
  }
  return { side, hex: hex.join("") };
}"##;

/// What a scanner read from one QR code.
pub struct Scanned {
    pub bytes: Vec<u8>,
    pub version: usize,
    /// The error correction level's two format bits: 0 is M, 1 is L.
    pub level_bits: u16,
}

impl Scanned {
    pub fn text(&self) -> String {
        String::from_utf8(self.bytes.clone()).expect("the QR code holds UTF-8")
    }
}

/// Rasterise the `<svg>` the expression `svg_js` evaluates to, and decode it. Fails the
/// test unless exactly one QR code is found and it decodes.
pub fn scan(page: &Page, svg_js: &str) -> Scanned {
    let raster = page.eval_json(&format!("({RASTERISE})({svg_js})"));
    let side = raster["side"].as_u64().expect("a raster size") as usize;
    let hex = raster["hex"].as_str().expect("raster pixels").as_bytes();
    let pixels: Vec<u8> = hex
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
        .collect();
    assert_eq!(pixels.len(), side * side);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| pixels[y * side + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the picture of {svg_js}");
    let mut bytes = Vec::new();
    let meta = grids[0]
        .decode_to(&mut bytes)
        .unwrap_or_else(|e| panic!("rqrr could not decode {svg_js}: {e:?}"));
    Scanned {
        bytes,
        version: meta.version.0,
        level_bits: meta.ecc_level,
    }
}
