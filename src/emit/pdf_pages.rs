//! Reading back what Chromium printed: on which page each link target landed. Chromium
//! (Skia) writes every element that a link of the document points at as a named
//! destination (`/Dests` of the catalog: `/name [page 0 R /XYZ x y 0]`), and writes its
//! dictionaries uncompressed, so the handbook's table of contents, which links to every
//! chapter, gives each chapter's page without a PDF library or a text extractor.

use std::collections::HashMap;

use regex::bytes::Regex;

/// Page number (1-based) of each named destination in `pdf`; empty when there are none.
pub fn destination_pages(pdf: &[u8]) -> HashMap<String, usize> {
    let objects = objects(pdf);
    let Some(catalog) = objects.values().find(|d| contains(d, b"/Type /Catalog")) else {
        return HashMap::new();
    };
    let mut pages = Vec::new();
    if let Some(root) = reference(catalog, b"/Pages") {
        page_order(&objects, root, &mut pages, 0);
    }
    let page_of: HashMap<u32, usize> = pages.iter().enumerate().map(|(i, &obj)| (obj, i + 1)).collect();
    let Some(dests) = reference(catalog, b"/Dests").and_then(|n| objects.get(&n)) else {
        return HashMap::new();
    };
    let entry = Regex::new(r"(?-u)/([^\s/\[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R").expect("valid pattern");
    entry
        .captures_iter(dests)
        .filter_map(|c| {
            let page = page_of.get(&number(&c[2])?)?;
            Some((name(&c[1]), *page))
        })
        .collect()
}

/// Every `N 0 obj` dictionary (up to its stream or `endobj`), by object number.
fn objects(pdf: &[u8]) -> HashMap<u32, &[u8]> {
    let start = Regex::new(r"(?m-u)^(\d+) 0 obj\b").expect("valid pattern");
    let mut out = HashMap::new();
    for c in start.captures_iter(pdf) {
        let (Some(whole), Some(n)) = (c.get(0), number(&c[1])) else {
            continue;
        };
        let body = &pdf[whole.end()..];
        // The dictionary ends where its stream starts, if it has one; never look past
        // `endobj` (searching a whole PDF for "stream" from each object is quadratic).
        let object = &body[..find(body, b"endobj").unwrap_or(body.len())];
        out.insert(n, &object[..find(object, b"stream").unwrap_or(object.len())]);
    }
    out
}

/// The pages under the page-tree node `obj`, in order (a large document's tree has levels).
fn page_order(objects: &HashMap<u32, &[u8]>, obj: u32, out: &mut Vec<u32>, depth: usize) {
    let Some(dict) = objects.get(&obj) else { return };
    if depth > 32 {
        return;
    }
    if !contains(dict, b"/Type /Pages") {
        out.push(obj);
        return;
    }
    let kids = Regex::new(r"(?-u)/Kids\s*\[([^\]]*)\]").expect("valid pattern");
    let refs = Regex::new(r"(?-u)(\d+)\s+0\s+R").expect("valid pattern");
    if let Some(list) = kids.captures(dict) {
        for r in refs.captures_iter(&list[1]) {
            if let Some(kid) = number(&r[1]) {
                page_order(objects, kid, out, depth + 1);
            }
        }
    }
}

/// The object `KEY N 0 R` in `dict` refers to.
fn reference(dict: &[u8], key: &[u8]) -> Option<u32> {
    let at = find(dict, key)? + key.len();
    let rest = std::str::from_utf8(&dict[at..(at + 24).min(dict.len())]).ok()?;
    rest.split_whitespace().next()?.parse().ok()
}

/// A PDF name's text: `#XX` escapes decoded (then a percent-encoded URL fragment too).
fn name(raw: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = raw.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (raw[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'#', Some(b)) => {
                bytes.push(b);
                i += 3;
            }
            (b, _) => {
                bytes.push(b);
                i += 1;
            }
        }
    }
    let text = String::from_utf8_lossy(&bytes);
    percent_encoding::percent_decode_str(&text)
        .decode_utf8_lossy()
        .into_owned()
}

fn number(digits: &[u8]) -> Option<u32> {
    std::str::from_utf8(digits).ok()?.parse().ok()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_found_through_a_page_tree_of_two_levels() {
        let pdf = b"%PDF-1.4\n\
1 0 obj\n<</Type /Catalog\n/Pages 2 0 R\n/Dests 9 0 R>>\nendobj\n\
2 0 obj\n<</Type /Pages\n/Count 3\n/Kids [3 0 R 6 0 R]>>\nendobj\n\
3 0 obj\n<</Type /Pages\n/Count 2\n/Kids [4 0 R 5 0 R]>>\nendobj\n\
4 0 obj\n<</Type /Page>>\nendobj\n\
5 0 obj\n<</Type /Page>>\nendobj\n\
6 0 obj\n<</Type /Page>>\nstream\nxx endobj\n\
9 0 obj\n<</ch-1 [5 0 R /XYZ 6 826 0]\n/c3-#E5#B0#8F#E7#BB#93 [6 0 R /XYZ 6 80 0]>>\nendobj\n";
        let pages = destination_pages(pdf);
        assert_eq!(pages.get("ch-1"), Some(&2));
        assert_eq!(pages.get("c3-小结"), Some(&3));
        assert_eq!(pages.len(), 2);
    }
}
