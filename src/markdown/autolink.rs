//! Bare URLs (`https://…`, `www.…`) as links, as GitHub's autolink extension, VuePress and
//! docsify make them: notes pasted from those keep their links. Unlike GitHub, a URL ends
//! at the first character that is not ASCII, so `见 https://a.cn/x，然后` links
//! `https://a.cn/x` and not the Chinese after it.

use std::ops::Range;

/// The bare URLs in `text`, by GFM's rules: after the start, a space or one of `*_~(`;
/// `http://`, `https://` or `www.` and a domain with a dot; trailing `?!.,:*_~'"` and an
/// unmatched `)` are not part of it.
pub fn find(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = next_start(text, from) {
        let end = url_end(text, start);
        let scheme = ["https://", "http://", "www."]
            .into_iter()
            .find(|s| text[start..].starts_with(s))
            .map_or(0, str::len);
        let domain = text[start + scheme..end].split(['/', '?', '#']).next().unwrap_or("");
        let valid_domain = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && domain.chars().all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c));
        if valid_domain && end > start + scheme {
            found.push(start..end);
        }
        from = end.max(start + 1);
    }
    found
}

fn next_start(text: &str, from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let i = at + text[at..].find(['h', 'w'])?;
        let rest = &text[i..];
        let begins = rest.starts_with("https://") || rest.starts_with("http://") || rest.starts_with("www.");
        let before = text[..i].chars().next_back();
        // A Chinese character right before a URL is a boundary too (`见https://…`).
        let boundary = before.is_none_or(|c| c.is_whitespace() || "*_~(".contains(c) || !c.is_ascii());
        if begins && boundary {
            return Some(i);
        }
        at = i + 1;
    }
}

fn url_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let mut end = start
        + rest
            .find(|c: char| c.is_whitespace() || c == '<' || !c.is_ascii())
            .unwrap_or(rest.len());
    loop {
        let url = &text[start..end];
        match url.chars().next_back() {
            Some(c) if "?!.,:*_~'\"".contains(c) => end -= 1,
            Some(')') if url.matches('(').count() < url.matches(')').count() => end -= 1,
            _ => return end,
        }
    }
}

/// `text` as HTML with its bare URLs as links (`autolink`), or `None` when it has none.
pub(super) fn autolinked(text: &str) -> Option<String> {
    if !text.contains("http") && !text.contains("www.") {
        return None;
    }
    let urls = find(text);
    if urls.is_empty() {
        return None;
    }
    let mut html = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for url in urls {
        let _ = pulldown_cmark_escape::escape_html(&mut html, &text[at..url.start]);
        let shown = &text[url.clone()];
        let href = match shown.starts_with("www.") {
            true => format!("http://{shown}"),
            false => shown.to_string(),
        };
        html.push_str("<a href=\"");
        let _ = pulldown_cmark_escape::escape_href(&mut html, &href);
        html.push_str("\">");
        let _ = pulldown_cmark_escape::escape_html(&mut html, shown);
        html.push_str("</a>");
        at = url.end;
    }
    let _ = pulldown_cmark_escape::escape_html(&mut html, &text[at..]);
    Some(html)
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn bare_urls_by_gfm_rules_ending_at_chinese() {
        let cases: [(&str, &[&str]); 8] = [
            (
                "见 https://www.douyin.com/a?b=1 的说明",
                &["https://www.douyin.com/a?b=1"],
            ),
            ("官网：https://gohugo.io/docs/，然后", &["https://gohugo.io/docs/"]),
            ("访问 www.bilibili.com.", &["www.bilibili.com"]),
            (
                "(see https://en.wikipedia.org/wiki/A_(b)) 与 (http://a.cn/x)",
                &["https://en.wikipedia.org/wiki/A_(b)", "http://a.cn/x"],
            ),
            ("见https://a.cn/x", &["https://a.cn/x"]),
            ("nothttps://a.cn 与 http://localhost 与 http:// 与 www.x", &[]),
            ("邮箱 a@b.cn 与 hello world", &[]),
            ("**https://a.cn/b**", &["https://a.cn/b"]),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = find(text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
