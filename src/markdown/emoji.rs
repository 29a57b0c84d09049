//! GitHub's emoji shortcodes (`:smile:`, `:+1:`), which GitHub, Marp, docsify, VuePress and
//! MkDocs all turn into emoji: text pasted from them keeps its emoji. The table is gemoji's,
//! from the `emojis` crate; a `:word:` that names no emoji stays as written (`10:30:00`).

use pulldown_cmark::{CowStr, Event};

/// `text` with every known shortcode replaced, or `None` when there is none.
pub fn replace_shortcodes(text: &str) -> Option<String> {
    if !text.contains(':') {
        return None;
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(open) = text[at..].find(':').map(|i| at + i) {
        let name_start = open + 1;
        let name_len = text[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || "_+-".contains(c)))
            .unwrap_or(text.len() - name_start);
        let close = name_start + name_len;
        match (name_len > 0 && text[close..].starts_with(':'))
            .then(|| emojis::get_by_shortcode(&text[name_start..close]))
            .flatten()
        {
            Some(emoji) => {
                out.push_str(&text[copied..open]);
                out.push_str(emoji.as_str());
                copied = close + 1;
                at = close + 1;
            }
            // The closing colon may open the next shortcode (`:a::smile:`).
            None => at = if name_len > 0 { close } else { name_start },
        }
    }
    (copied > 0).then(|| {
        out.push_str(&text[copied..]);
        out
    })
}

/// A text event with GitHub's emoji shortcodes (`:smile:`) as emoji; other events as they are.
pub(super) fn with_emoji(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Text(t) => match replace_shortcodes(&t) {
            Some(with_emoji) => Event::Text(CowStr::Boxed(with_emoji.into())),
            None => Event::Text(t),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::replace_shortcodes;

    #[test]
    fn known_shortcodes_become_emoji_and_nothing_else_changes() {
        let cases = [
            (":smile: 开心", Some("😄 开心")),
            ("点赞:+1:和:thumbsup:", Some("点赞👍和👍")),
            ("返回 :arrow_left: 上一页", Some("返回 ⬅️ 上一页")),
            ("x::rocket:", Some("x:🚀")),
            ("10:30:00 开播", None),
            (":not_an_emoji: 与 :: 与 :", None),
            ("没有冒号", None),
        ];
        for (text, want) in cases {
            assert_eq!(replace_shortcodes(text).as_deref(), want, "{text}");
        }
    }
}
