//! The deck stylesheet, split once per build into what every deck needs and the blocks
//! only decks using a feature need. Every deck inlines its stylesheet, so a deck without
//! quizzes, formulas, callouts, footnotes, backgrounds or a header carries none of their
//! rules (2.5 KB of a 29.2 KB plain deck of the bench corpus; docs/benchmarks.md).
//!
//! In `deck.css` a block that opens with a comment line `/* [feature] …` reaches only the
//! decks that use the feature, up to the next blank line. A theme's own `deck.css` without
//! such comments is inlined whole, and so is a block whose feature this build does not know.

/// What a deck uses that part of the stylesheet is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeckFeature {
    /// Marp's `![bg]` images and split backgrounds.
    Backgrounds,
    Math,
    Callouts,
    Quizzes,
    Footnotes,
    /// Marp's `header` and `footer`.
    HeaderFooter,
}

impl DeckFeature {
    fn from_name(name: &str) -> Option<DeckFeature> {
        Some(match name {
            "backgrounds" => DeckFeature::Backgrounds,
            "math" => DeckFeature::Math,
            "callouts" => DeckFeature::Callouts,
            "quizzes" => DeckFeature::Quizzes,
            "footnotes" => DeckFeature::Footnotes,
            "header-footer" => DeckFeature::HeaderFooter,
            _ => return None,
        })
    }
}

/// The deck stylesheet as pieces, in the file's order, each compacted.
#[derive(Debug)]
pub struct DeckCss {
    pieces: Vec<(Option<DeckFeature>, String)>,
}

impl DeckCss {
    /// Split `source` at its feature blocks; `compact` shrinks each piece.
    pub fn parse(source: &str, compact: impl Fn(&str) -> String) -> DeckCss {
        let mut pieces: Vec<(Option<DeckFeature>, String)> = Vec::new();
        let mut current: (Option<DeckFeature>, String) = (None, String::new());
        for line in source.lines() {
            let opens = line
                .strip_prefix("/* [")
                .and_then(|rest| rest.split_once(']'))
                .and_then(|(name, _)| DeckFeature::from_name(name));
            let ends = current.0.is_some() && line.trim().is_empty();
            if opens.is_some() || ends {
                pieces.push(std::mem::replace(&mut current, (opens, String::new())));
            }
            current.1.push_str(line);
            current.1.push('\n');
        }
        pieces.push(current);
        DeckCss {
            pieces: pieces
                .into_iter()
                .map(|(feature, text)| (feature, compact(&text)))
                .filter(|(_, text)| !text.is_empty())
                .collect(),
        }
    }

    /// The stylesheet of a deck that uses what `uses` says.
    pub fn for_deck(&self, uses: impl Fn(DeckFeature) -> bool) -> String {
        let mut css = String::with_capacity(self.pieces.iter().map(|(_, t)| t.len()).sum());
        for (feature, text) in &self.pieces {
            if feature.is_none_or(&uses) {
                css.push_str(text);
            }
        }
        css
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSS: &str = "\
/* Slides. */
.slide { color: red; }

/* [quizzes] Quizzes. */
.quiz { border: 1px; }
.quiz-options { list-style: none; }

.after-quiz { margin: 0; }
/* [unknown] A feature this build does not know: kept. */
.kept { margin: 0; }

/* [math] Formulas. */
.slide math { font-family: math; }
";

    fn keep_all(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn a_feature_block_runs_to_the_next_blank_line_and_reaches_only_decks_that_use_it() {
        let css = DeckCss::parse(CSS, keep_all);
        let plain = css.for_deck(|_| false);
        assert_eq!(
            plain,
            "/* Slides. */\n.slide { color: red; }\n\n\n.after-quiz { margin: 0; }\n\
             /* [unknown] A feature this build does not know: kept. */\n.kept { margin: 0; }\n\n"
        );
        let quiz = css.for_deck(|f| f == DeckFeature::Quizzes);
        assert!(quiz.contains(".quiz { border: 1px; }\n.quiz-options { list-style: none; }\n"));
        assert!(quiz.contains(".after-quiz") && !quiz.contains("font-family: math"));
        assert_eq!(css.for_deck(|_| true), CSS);
    }

    #[test]
    fn a_theme_stylesheet_without_feature_blocks_is_inlined_whole() {
        let theme = ".slide { color: blue; }\n\n.quiz { color: green; }\n";
        assert_eq!(DeckCss::parse(theme, keep_all).for_deck(|_| false), theme);
    }
}
