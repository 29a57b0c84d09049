//! Front-matter keys of other site and docs tools. A post pasted from Hugo, Hexo, Jekyll,
//! VuePress, VitePress, Docusaurus, Fuwari, Obsidian, DocFX or mdBook carries them; Lectern
//! does not read them, and says so in one warning per lesson instead of failing on each.
//! Keys Lectern reads itself (`description`, `author`, `lang`, `keywords`, `url`, `image`,
//! `math`, Marp's `footer`…) are not here: they are fields of `LessonFront`.

/// Exact names, as the tools spell them.
const KEYS: &[&str] = &[
    // Dates and publishing (Hugo, Hexo, Jekyll, Fuwari, Docusaurus, VitePress).
    "date",
    "lastmod",
    "updated",
    "publishDate",
    "expiryDate",
    "published",
    "publish",
    "last_modified_at",
    "last_update",
    "lastUpdated",
    // Taxonomies and addressing.
    "categories",
    "category",
    "series",
    "layout",
    "type",
    "permalink",
    "slug",
    "aliases",
    "redirect_from",
    "abbrlink",
    "linkTitle",
    "translationKey",
    "menu",
    "uid",
    "id",
    // Page furniture.
    "toc",
    "comments",
    "comment",
    "top",
    "sticky",
    "cover",
    "thumbnail",
    "banner",
    "img",
    "top_img",
    "photos",
    "mathjax",
    "katex",
    "password",
    "excerpt",
    "excerpt_separator",
    "copyright",
    "weight",
    "prev",
    "next",
    "pageClass",
    "outline",
    "editLink",
    "navbar",
    "footerHtml",
    "hide_title",
    "hide_table_of_contents",
    "pagination_prev",
    "pagination_next",
    "custom_edit_url",
    "displayed_sidebar",
    "cssclasses",
    "cssclass",
    "isCJKLanguage",
    "headless",
    "authors",
    "manager",
    "images",
    "featured",
    "featured_image",
    "featuredImage",
    "pinned",
    "noindex",
    "search",
    "icon",
    "tagline",
    "hero",
    "heroImage",
    "features",
    "home",
    // Jekyll's Just the Docs and similar navigation keys.
    "nav_order",
    "nav_exclude",
    "nav_weight",
    "nav_icon",
    "parent",
    "grand_parent",
    "has_children",
    "last_updated",
];

/// Name prefixes: DocFX's `ms.topic`, `ms.date`…, `msc.type`; VuePress's `sidebar`, `sidebarDepth`,
/// Docusaurus's `sidebar_position`, `sidebar_label`.
const PREFIXES: &[&str] = &["ms.", "msc.", "sidebar"];

/// Whether `key` belongs to another tool's front matter.
pub fn is_foreign(key: &str) -> bool {
    KEYS.contains(&key) || PREFIXES.iter().any(|p| key.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LessonFront;

    #[test]
    fn no_foreign_key_is_one_lectern_reads() {
        // Every listed key, alone, is unknown to `LessonFront`: none of them is read.
        for key in KEYS.iter().chain(&["ms.topic", "sidebar_position"]) {
            let yaml = format!("{key}: 1\n");
            let err = serde_saphyr::from_str::<LessonFront>(&yaml).unwrap_err().to_string();
            assert!(err.contains("unknown field"), "`{key}` is a Lectern key: {err}");
        }
        assert!(is_foreign("ms.assetid") && is_foreign("sidebarDepth") && !is_foreign("titel"));
    }
}
