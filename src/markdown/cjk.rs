//! Chinese typography rules for Markdown text.

/// Characters written without spaces between them: Han ideographs, kana, CJK punctuation
/// and full-width forms. (Hangul is written with spaces, so it is not included.)
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // hiragana, katakana
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // compatibility forms
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3134F  // extensions B–G
    )
}

/// A soft line break between two CJK characters is a line wrap in the source, not a
/// space: Chinese has no spaces between words, so it renders as nothing.
/// `before` is the last character ahead of the break, `after` the first one behind it.
pub fn joins_without_space(before: Option<char>, after: Option<char>) -> bool {
    matches!((before, after), (Some(a), Some(b)) if is_cjk(a) && is_cjk(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_lines_join_latin_lines_do_not() {
        let join = |a: &str, b: &str| joins_without_space(a.chars().next_back(), b.chars().next());
        assert!(join("直播切片", "行业分析"));
        assert!(join("完播率，", "点击率"));
        assert!(!join("GMV", "增长"));
        assert!(!join("增长", "GMV"));
        assert!(!join("", "增长"));
    }
}
