//! The programme's language when the book does not name it: from its prose.

use super::tree::SourceTree;
use crate::config::Language;

/// Chinese when Han characters are at least a tenth of the letters in the prose (code
/// and HTML left out) of the chapters in the table of contents (all Markdown files when
/// it lists none), else English: one Chinese line in an English book is not enough.
pub(super) fn guess(tree: &SourceTree, listed: &[&str]) -> Language {
    let files: Vec<&str> = if listed.is_empty() {
        tree.markdown_under("").collect()
    } else {
        listed.to_vec()
    };
    let (mut han, mut latin) = (0usize, 0usize);
    for f in files.iter().filter_map(|p| tree.text(p)) {
        let (h, l) = prose_letters(&f.text);
        han += h;
        latin += l;
    }
    if han > 0 && han * 10 >= han + latin {
        Language::ZhCn
    } else {
        Language::En
    }
}

/// (Han characters, Latin letters) in the text of `md` outside code.
fn prose_letters(md: &str) -> (usize, usize) {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let (mut han, mut latin, mut in_code) = (0, 0, false);
    for event in Parser::new_ext(md, crate::markdown::options()) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) if !in_code => {
                for c in t.chars() {
                    if ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c) {
                        han += 1;
                    } else if c.is_ascii_alphabetic() {
                        latin += 1;
                    }
                }
            }
            _ => {}
        }
    }
    (han, latin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_that_of_the_prose() {
        let en = "# Helpers\n\nDocsify extends Markdown with helpers for tips and warnings.\n\n\
                  ```md\n### 你好，世界！ :id=hello-world\n```\n\nSee the [简体中文](/zh-cn/) version.\n";
        let zh = "# 剪辑入门\n\n先用 CapCut 的 Auto Captions 生成字幕，再检查 GMV 和 completion rate。\n";
        let tree = SourceTree::from_texts("b", &[("en.md", en), ("zh.md", zh)]);
        assert_eq!(guess(&tree, &["en.md"]), Language::En);
        assert_eq!(guess(&tree, &["zh.md"]), Language::ZhCn);
        assert_eq!(guess(&tree, &[]), Language::ZhCn);
    }
}
