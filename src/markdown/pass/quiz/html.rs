//! What a quiz writes: the fieldset `quiz.js` checks, and the answer key printed after a
//! worksheet.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::{Events, Parts, Quiz, QuizKind};
use crate::markdown::pass::Pass;
use crate::render::i18n::{strings, Strings};

fn attr(s: &str) -> String {
    let mut out = String::new();
    let _ = escape_html(&mut out, s);
    out
}

impl<'a> Pass<'a, '_> {
    /// The quiz's HTML, with the question's, options' and explanation's events in place.
    pub(super) fn quiz_html(&self, quiz: &Quiz, parts: Parts<'a>, whole: Range<usize>) -> Events<'a> {
        let t = strings(self.opts.language);
        let id = &parts.id;
        let html = |s: String| (Event::Html(CowStr::Boxed(s.into())), whole.clone());
        let mut out: Events<'a> = vec![(Event::Start(pulldown_cmark::Tag::HtmlBlock), whole.clone())];
        out.push(html(format!(
            "<div class=\"quiz\" id=\"{id}\" data-kind=\"{}\" data-right=\"{}\" data-wrong=\"{}\" data-choose=\"{}\">\n<fieldset>\n<legend class=\"quiz-question\">",
            quiz.kind_name(),
            attr(t.quiz_right),
            attr(t.quiz_wrong),
            attr(t.quiz_choose),
        )));
        out.extend(parts.question);
        out.push(html("</legend>\n".into()));
        out.extend(parts.extra);
        match parts.kind {
            QuizKind::Choice => {
                out.push(html("<ul class=\"quiz-options\">\n".into()));
                let kind = if quiz.is_multiple() { "checkbox" } else { "radio" };
                for (n, choice) in parts.options.into_iter().enumerate() {
                    let correct = if choice.option.correct {
                        " data-correct=\"\""
                    } else {
                        ""
                    };
                    out.push(html(format!(
                        "<li><label><input type=\"{kind}\" name=\"{id}\" value=\"{}\"{correct}/> ",
                        n + 1
                    )));
                    out.extend(choice.content);
                    out.push(html("</label></li>\n".into()));
                }
                out.push(html("</ul>\n".into()));
            }
            QuizKind::FillIn => {
                // The accepted answers ride in an attribute: never shown, never searched.
                let accepted: Vec<&str> = quiz.options.iter().map(|o| o.text.as_str()).collect();
                out.push(html(format!(
                    "<p class=\"quiz-fill\"><label>{} <input type=\"text\" name=\"{id}\" autocomplete=\"off\" spellcheck=\"false\" data-accept=\"{}\"/></label></p>\n",
                    attr(t.quiz_answer),
                    attr(&serde_json::to_string(&accepted).unwrap_or_default()),
                )));
            }
            QuizKind::Ordering => {
                out.push(html("<ol class=\"quiz-order\">\n".into()));
                let mut items: Vec<_> = parts.options.into_iter().enumerate().collect();
                let order = shuffled(items.len(), &quiz.question);
                let mut slots: Vec<Option<_>> = items.drain(..).map(Some).collect();
                for k in order {
                    let Some((rank, choice)) = slots[k].take() else {
                        continue;
                    };
                    out.push(html(format!(
                        "<li data-rank=\"{}\"><span class=\"quiz-item\">",
                        rank + 1
                    )));
                    out.extend(choice.content);
                    out.push(html(format!(
                        "</span> <span class=\"quiz-move\" hidden=\"\"><button type=\"button\" class=\"quiz-up\" aria-label=\"{}\">↑</button><button type=\"button\" class=\"quiz-down\" aria-label=\"{}\">↓</button></span></li>\n",
                        attr(t.quiz_up),
                        attr(t.quiz_down),
                    )));
                }
                out.push(html("</ol>\n".into()));
            }
        }
        out.push(html("</fieldset>\n".into()));
        for hint in parts.hints {
            out.push(html(format!(
                "<details class=\"quiz-hint\"><summary>{}</summary><p>",
                attr(t.quiz_hint)
            )));
            out.extend(hint);
            out.push(html("</p></details>\n".into()));
        }
        out.push(html(format!(
            "<p class=\"quiz-actions\" hidden=\"\"><button type=\"button\" class=\"quiz-check\">{}</button> <button type=\"button\" class=\"quiz-retry\" hidden=\"\">{}</button></p>\n<p class=\"quiz-result\" role=\"status\"></p>\n",
            attr(t.quiz_check),
            attr(t.quiz_retry),
        )));
        if !parts.explanation.is_empty() {
            out.push(html(format!(
                "<div class=\"quiz-explanation\" hidden=\"\"><p class=\"quiz-explanation-title\">{}</p>\n",
                attr(t.quiz_explanation)
            )));
            out.extend(parts.explanation);
            out.push(html("</div>\n".into()));
        }
        out.push(html("</div>\n".into()));
        out.push((Event::End(TagEnd::HtmlBlock), whole));
        out
    }
}

/// A fixed shuffle of `n` items, the same on every build of the same question, and never
/// the right order itself (for two items or more).
fn shuffled(n: usize, seed: &str) -> Vec<usize> {
    // FNV-1a over the question, then xorshift: no randomness, so pages do not churn.
    let mut state = seed.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    }) | 1;
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    if n > 1 && order.iter().enumerate().all(|(i, &k)| i == k) {
        order.rotate_left(1);
    }
    order
}

/// The answer key of a page's quizzes, printed on a page of its own after the worksheet
/// (`lectern.css` hides it on screen). Empty when there are no quizzes.
pub fn answer_key_html(quizzes: &[Quiz], t: &Strings) -> String {
    if quizzes.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<section class=\"answer-key\" aria-label=\"{0}\">\n<h2>{0}</h2>\n<ol>\n",
        attr(t.quiz_answer_key)
    );
    for quiz in quizzes {
        let answer = match quiz.kind {
            QuizKind::Choice => quiz
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.correct)
                .map(|(n, o)| format!("{}. {}", letter(n), o.text))
                .collect::<Vec<_>>()
                .join("；"),
            QuizKind::FillIn => quiz
                .options
                .iter()
                .map(|o| o.text.as_str())
                .collect::<Vec<_>>()
                .join(" / "),
            QuizKind::Ordering => quiz
                .options
                .iter()
                .map(|o| o.text.as_str())
                .collect::<Vec<_>>()
                .join(" → "),
        };
        out.push_str(&format!(
            "<li><p class=\"answer-key-question\">{}</p><p class=\"answer-key-answer\">{}</p></li>\n",
            attr(&quiz.question),
            attr(&answer)
        ));
    }
    out.push_str("</ol>\n</section>\n");
    out
}

/// `A`, `B`, … for the options of a choice (the worksheet letters them the same way).
fn letter(n: usize) -> char {
    char::from(b'A' + (n % 26) as u8)
}

/// `html` with every quiz's `quiz-N` id (and its inputs' names) prefixed, for a page that
/// shows several documents' quizzes together (the Q&A index).
pub fn scope_quiz_ids(html: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = ["id=\"quiz-", "name=\"quiz-"]
        .iter()
        .filter_map(|p| rest.find(p).map(|i| (i, p.len())))
        .min()
    {
        let (i, len) = at;
        let digits = rest[i + len..].bytes().take_while(u8::is_ascii_digit).count();
        let numbered = digits > 0 && rest[i + len + digits..].starts_with('"');
        let name_end = i + len - "quiz-".len();
        out.push_str(&rest[..name_end]);
        if numbered {
            out.push_str(prefix);
        }
        out.push_str(&rest[name_end..i + len]);
        rest = &rest[i + len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shuffle_is_fixed_and_never_the_right_order() {
        for n in 2..8 {
            for seed in ["直播流程", "GMV", "", "SOP 步骤"] {
                let order = shuffled(n, seed);
                assert_eq!(order, shuffled(n, seed), "the same on every build");
                assert_ne!(order, (0..n).collect::<Vec<_>>(), "{n} {seed}");
                let mut sorted = order.clone();
                sorted.sort();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "a permutation");
            }
        }
    }

    #[test]
    fn scoping_renames_quiz_ids_only() {
        let html = "<div class=\"quiz\" id=\"quiz-1\"><input name=\"quiz-12\"/></div><h2 id=\"quiz-tips\">x</h2>";
        assert_eq!(
            scope_quiz_ids(html, "q3-"),
            "<div class=\"quiz\" id=\"q3-quiz-1\"><input name=\"q3-quiz-12\"/></div><h2 id=\"quiz-tips\">x</h2>"
        );
    }
}
