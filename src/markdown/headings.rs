//! Heading ids: readable, Chinese kept, unique within a page.

use std::collections::HashSet;

/// `## 小结` → `小结`; `## A/B 测试设计` → `ab-测试设计`. Letters and digits of any script
/// are kept (lowercased), spaces become `-`, other punctuation is dropped.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if c == '-' || c == '_' {
            slug.push(c);
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// Hands out ids, suffixing repeats: `小结`, `小结-1`, `小结-2`.
#[derive(Default)]
pub struct IdAllocator {
    used: HashSet<String>,
}

impl IdAllocator {
    /// Claim `id` as written; `false` if the page already uses it.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    pub fn unique(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        (1..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .expect("an unused suffix exists")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_chinese_and_drops_punctuation() {
        assert_eq!(slugify("小结"), "小结");
        assert_eq!(slugify("A/B 测试设计"), "ab-测试设计");
        assert_eq!(slugify("GMV：成交总额？"), "gmv成交总额");
        assert_eq!(slugify("  ！！ "), "section");
    }

    #[test]
    fn repeats_get_suffixes() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.unique("小结".into()), "小结");
        assert_eq!(ids.unique("小结".into()), "小结-1");
        assert_eq!(ids.unique("小结".into()), "小结-2");
        ids.reserve("x-1");
        assert_eq!(ids.unique("x".into()), "x");
        assert_eq!(ids.unique("x".into()), "x-2");
    }
}
