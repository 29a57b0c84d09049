//! `lectern.yaml`: the site configuration.

use std::sync::Arc;

use serde::Deserialize;

use crate::diag::{Diagnostic, SourceFile};
use crate::yaml;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub language: Language,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    /// Only used for the sitemap and canonical links; every page links relatively.
    #[serde(default)]
    pub base_url: Option<String>,
    /// A theme folder under `themes/`; `default` is built in.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Whether speaker notes are published: on the web pages (in a collapsible box) and,
    /// unless `deck.notes` says otherwise, in the decks. See [`SiteConfig::deck_notes`].
    #[serde(default)]
    pub notes: NotesMode,
    /// Headings of this level or above start a new slide in lessons without `---`.
    #[serde(default)]
    pub slide_level: Option<u8>,
    #[serde(default)]
    pub deck: DeckConfig,
    /// Pass raw HTML in Markdown through unchanged (trusted authors only); by default it
    /// is cleaned of scripts, event handlers and the like (src/markdown/raw_html.rs).
    #[serde(default)]
    pub unsafe_html: bool,
    /// The share of a quiz set's quizzes a learner must answer right to pass it (0..1);
    /// a `content/quizzes/` file may set its own `pass:`.
    #[serde(default = "default_quiz_pass")]
    pub quiz_pass: f64,
    /// Opt-in offline copy over http(s): web app manifest, icons, `sw.js` and
    /// `offline.json`, and the home page's download control (src/offline/, docs/offline.md).
    #[serde(default)]
    pub offline: bool,
}

fn default_quiz_pass() -> f64 {
    0.8
}

/// `deck:` in lectern.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DeckConfig {
    pub aspect: Aspect,
    /// Warn when a slide has to be shrunk below this scale to fit the canvas.
    pub min_scale: f32,
    /// Whether the decks carry the speaker notes, when it should differ from `notes`.
    /// Kept from older configs, where it defaulted to `true`; unset, decks follow `notes`.
    pub notes: Option<bool>,
    /// Whether a Lectern lesson that does not open with a heading gets a title slide.
    pub title_slide: bool,
}

impl Default for DeckConfig {
    fn default() -> Self {
        DeckConfig {
            aspect: Aspect::default(),
            min_scale: default_min_scale(),
            notes: None,
            title_slide: true,
        }
    }
}

fn default_min_scale() -> f32 {
    0.6
}

/// The shape of a deck's canvas; its size in px is `markdown::Canvas::of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum Aspect {
    #[default]
    #[serde(rename = "16:9")]
    Wide,
    #[serde(rename = "4:3")]
    Standard,
}

impl Aspect {
    pub fn parse(s: &str) -> Option<Aspect> {
        match s.trim() {
            "16:9" => Some(Aspect::Wide),
            "4:3" => Some(Aspect::Standard),
            _ => None,
        }
    }
}

fn default_theme() -> String {
    "default".into()
}

/// The UI language; `lectern.yaml` must name it (the default is only for documents parsed
/// outside a programme, in tests and fuzzing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NotesMode {
    #[default]
    Hide,
    Show,
}

impl SiteConfig {
    /// Whether the decks carry the speaker notes (presenter view, handouts): only when
    /// the notes are published anyway (`notes: show`), or `deck.notes: true` asks for it.
    /// Decks are published beside the pages, so hidden notes must stay out of them too.
    /// `build --notes` and `deck --notes` override this for the instructors' own copy.
    pub fn deck_notes(&self) -> bool {
        self.deck.notes.unwrap_or(self.notes == NotesMode::Show)
    }

    pub fn parse(file: &Arc<SourceFile>) -> Result<SiteConfig, Diagnostic> {
        let config: SiteConfig = yaml::parse(file, 0..file.text.len())?;
        if config.title.trim().is_empty() {
            let at = file.text.find("title").unwrap_or(0);
            return Err(Diagnostic::error("`title` is empty")
                .at(file, at..at + 5)
                .help("give the programme a title, e.g. `title: 直播切片 KOC 培养项目`"));
        }
        if !(0.0..=1.0).contains(&config.quiz_pass) {
            // The value, as `pass:` in a quiz file is reported (the line after the key).
            let key = file.text.find("quiz_pass").map_or(0, |k| k + "quiz_pass".len());
            let line = &file.text[key..];
            let line = &line[..line.find('\n').unwrap_or(line.len())];
            let value = line.trim_start_matches([':', ' ']).trim_end();
            let at = key + (line.len() - line.trim_start_matches([':', ' ']).len());
            return Err(Diagnostic::error("`quiz_pass` must be a fraction from 0 to 1")
                .at(file, at..at + value.len())
                .label(format!("{} is out of range", config.quiz_pass))
                .help("write the share of right answers that passes, e.g. `quiz_pass: 0.8` for 80%"));
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_config_gets_defaults() {
        let f = SourceFile::new("lectern.yaml", "title: 训练营\nlanguage: zh-CN\n".into());
        let c = SiteConfig::parse(&f).unwrap();
        assert_eq!(c.language, Language::ZhCn);
        assert_eq!(c.theme, "default");
        assert_eq!(c.notes, NotesMode::Hide);
        assert!(!c.deck_notes(), "hidden notes stay out of the decks too");
        assert_eq!(c.quiz_pass, 0.8);
    }

    #[test]
    fn quiz_pass_is_a_fraction() {
        let f = SourceFile::new(
            "lectern.yaml",
            "title: 训练营\nlanguage: zh-CN\nquiz_pass: 0.6\n".into(),
        );
        assert_eq!(SiteConfig::parse(&f).unwrap().quiz_pass, 0.6);
        let f = SourceFile::new("lectern.yaml", "title: 训练营\nlanguage: zh-CN\nquiz_pass: 80\n".into());
        let d = SiteConfig::parse(&f).unwrap_err();
        assert_eq!(d.message, "`quiz_pass` must be a fraction from 0 to 1");
        assert_eq!(d.position().unwrap(), "lectern.yaml:3:12");
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let f = SourceFile::new("lectern.yaml", "title: 训练营\nlanguage: zh-CN\nthme: dark\n".into());
        let d = SiteConfig::parse(&f).unwrap_err();
        assert!(d.message.contains("thme"), "{}", d.message);
        assert_eq!(d.position().unwrap(), "lectern.yaml:3:1");
    }

    #[test]
    fn bad_language_is_located() {
        let f = SourceFile::new("lectern.yaml", "title: t\nlanguage: fr\n".into());
        let d = SiteConfig::parse(&f).unwrap_err();
        assert!(
            d.position().unwrap().starts_with("lectern.yaml:2:"),
            "{:?}",
            d.position()
        );
    }
}
