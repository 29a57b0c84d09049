//! Quizzes: a blockquote that opens with `[!QUIZ]` (the alert/callout form GitHub and
//! Obsidian read), holding the question, a task list of options (`- [x]` right, `- [ ]`
//! wrong) and, after the list, an explanation shown once the learner has checked.
//! Other renderers show a quote with a checklist; Lectern writes a `<fieldset>` of radio
//! buttons (one right option) or checkboxes (several), which `quiz.js` checks in the page.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::Pass;
use crate::diag::Diagnostic;
use crate::markdown::scan::find_end;
use crate::markdown::text_of;
use crate::render::i18n::strings;

const MARKER: &str = "[!QUIZ]";

/// A quiz as the author wrote it: the facts later steps read (not its HTML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quiz {
    /// The element's id on the page, `quiz-N`.
    pub id: String,
    pub question: String,
    pub options: Vec<QuizOption>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizOption {
    pub text: String,
    pub correct: bool,
}

impl Quiz {
    /// More than one right option: checkboxes, every right one to be ticked.
    pub fn is_multiple(&self) -> bool {
        self.options.iter().filter(|o| o.correct).count() > 1
    }
}

type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// An option, its inline events and where its line is in the file.
type Choice<'a> = (QuizOption, Events<'a>, Range<usize>);

impl<'a> Pass<'a, '_> {
    /// Replace every `[!QUIZ]` blockquote in `events` by the quiz's HTML, in place, before
    /// the walk: the options' and question's inline events stay, so links, emphasis and
    /// search text go through the walk like any other text.
    pub(super) fn quizzes(&mut self, events: &mut Events<'a>) {
        let mut i = 0;
        while i < events.len() {
            if !matches!(events[i].0, Event::Start(Tag::BlockQuote(None))) || !self.opens_quiz(events, i + 1) {
                i += 1;
                continue;
            }
            let end = find_end(events, i + 1).min(events.len() - 1);
            let block: Events<'a> = events.drain(i..=end).collect();
            let html = self.quiz(block);
            let n = html.len();
            events.splice(i..i, html);
            i += n;
        }
    }

    /// Whether the paragraph at `at` starts with the marker.
    fn opens_quiz(&self, events: &Events<'a>, at: usize) -> bool {
        let Some((Event::Start(Tag::Paragraph), range)) = events.get(at) else {
            return false;
        };
        let text = &self.file.text[self.base + range.start..];
        text.get(..MARKER.len()).is_some_and(|m| m.eq_ignore_ascii_case(MARKER))
    }

    /// One quiz: `block` runs from its blockquote's start to its end.
    fn quiz(&mut self, block: Events<'a>) -> Events<'a> {
        let whole = block[0].1.clone();
        let quote_end = block.len() - 1;
        let marker_at = self.base + block[1].1.start;
        let marker = marker_at..marker_at + MARKER.len();
        let mut at = 1;
        // The question: the marker's paragraph after the marker, else the next paragraph.
        let para_end = find_end(&block, at + 1);
        let mut question = strip_marker(&block[at + 1..para_end]);
        at = para_end + 1;
        if question.is_empty() && matches!(block.get(at), Some((Event::Start(Tag::Paragraph), _))) {
            let end = find_end(&block, at + 1);
            question = block[at + 1..end].to_vec();
            at = end + 1;
        }
        // Blocks before the list (a code sample, a table) belong to the question too.
        let list_at = (at..quote_end).find(|&k| matches!(block[k].0, Event::Start(Tag::List(_))));
        let extra = block[at..list_at.unwrap_or(at)].to_vec();
        let (options, after) = match list_at {
            Some(k) => {
                let end = find_end(&block, k + 1);
                (self.options(&block[k..=end]), end + 1)
            }
            None => (Vec::new(), at),
        };
        let explanation = &block[after..quote_end];
        // Headings never take `quiz-N` (`headings::is_page_id`), so the number is unique.
        let id = format!("quiz-{}", self.doc.quizzes.len() + 1);
        let quiz = Quiz {
            id: id.clone(),
            question: text_of(&question).trim().to_string(),
            options: options.iter().map(|(o, ..)| o.clone()).collect(),
        };
        self.check_quiz(&options, marker);
        if let (Some((_, first)), Some((_, last))) = (explanation.first(), explanation.last()) {
            self.unsearched.push(first.start..last.end);
        }

        let t = strings(self.opts.language);
        let attr = |s: &str| {
            let mut out = String::new();
            let _ = escape_html(&mut out, s);
            out
        };
        let html = |s: String| (Event::Html(CowStr::Boxed(s.into())), whole.clone());
        let mut out: Events<'a> = vec![(Event::Start(Tag::HtmlBlock), whole.clone())];
        out.push(html(format!(
            "<div class=\"quiz\" id=\"{id}\" data-right=\"{}\" data-wrong=\"{}\" data-choose=\"{}\">\n<fieldset>\n<legend class=\"quiz-question\">",
            attr(t.quiz_right),
            attr(t.quiz_wrong),
            attr(t.quiz_choose),
        )));
        out.extend(question);
        out.push(html("</legend>\n".into()));
        out.extend(extra);
        out.push(html("<ul class=\"quiz-options\">\n".into()));
        let kind = if quiz.is_multiple() { "checkbox" } else { "radio" };
        for (n, (option, content, _)) in options.into_iter().enumerate() {
            let correct = if option.correct { " data-correct=\"\"" } else { "" };
            out.push(html(format!(
                "<li><label><input type=\"{kind}\" name=\"{id}\" value=\"{}\"{correct}/> ",
                n + 1
            )));
            out.extend(content);
            out.push(html("</label></li>\n".into()));
        }
        out.push(html(format!(
            "</ul>\n</fieldset>\n<p class=\"quiz-actions\" hidden=\"\"><button type=\"button\" class=\"quiz-check\">{}</button> <button type=\"button\" class=\"quiz-retry\" hidden=\"\">{}</button></p>\n<p class=\"quiz-result\" role=\"status\"></p>\n",
            attr(t.quiz_check),
            attr(t.quiz_retry),
        )));
        if !explanation.is_empty() {
            out.push(html(format!(
                "<div class=\"quiz-explanation\" hidden=\"\"><p class=\"quiz-explanation-title\">{}</p>\n",
                attr(t.quiz_explanation)
            )));
            out.extend(explanation.iter().cloned());
            out.push(html("</div>\n".into()));
        }
        out.push(html("</div>\n".into()));
        out.push((Event::End(TagEnd::HtmlBlock), whole));
        self.doc.quizzes.push(quiz);
        out
    }

    /// The options of the task list `list` (its start to its end): each with its inline
    /// events (paragraph wrappers of a loose list dropped) and its source range.
    fn options(&mut self, list: &[(Event<'a>, Range<usize>)]) -> Vec<Choice<'a>> {
        let mut options = Vec::new();
        let mut k = 1;
        while k < list.len() - 1 {
            let item_end = find_end(list, k + 1);
            let item = &list[k + 1..item_end];
            let span = self.line_span(&list[k].1);
            k = item_end + 1;
            let content: Events<'a> = item
                .iter()
                .filter(|(e, _)| !matches!(e, Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)))
                .cloned()
                .collect();
            let marker = content.iter().enumerate().find_map(|(pos, (e, _))| match e {
                Event::TaskListMarker(correct) => Some((pos, *correct)),
                _ => None,
            });
            let Some((pos, correct)) = marker else {
                self.doc.diagnostics.push(
                    Diagnostic::error("quiz option without `[ ]` or `[x]`")
                        .at(self.file, span)
                        .label("not marked right or wrong")
                        .help("write `- [x] …` for a right option and `- [ ] …` for a wrong one"),
                );
                continue;
            };
            let content: Events<'a> = content.into_iter().skip(pos + 1).collect();
            let text = text_of(&content).trim().to_string();
            options.push((QuizOption { text, correct }, content, span));
        }
        options
    }

    /// The build-time rules: options present and non-empty, none twice, one right at least.
    fn check_quiz(&mut self, options: &[Choice<'a>], marker: Range<usize>) {
        let mut error = |message: String, span: Range<usize>, label: &str, help: &str| {
            let d = Diagnostic::error(message).at(self.file, span).label(label).help(help);
            self.doc.diagnostics.push(d);
        };
        if options.is_empty() {
            let help = "list the options under the question: `- [x] 对的` and `- [ ] 错的`";
            return error("quiz has no options".into(), marker, "no task list follows", help);
        }
        for (n, (option, _, span)) in options.iter().enumerate() {
            if option.text.is_empty() {
                error(
                    "empty quiz option".into(),
                    span.clone(),
                    "nothing to choose",
                    "write the option's text after `[ ]`",
                );
            } else if let Some(first) = options[..n].iter().position(|(o, ..)| o.text == option.text) {
                let message = format!("duplicate quiz option `{}`", option.text);
                let label = format!("same as option {}", first + 1);
                error(message, span.clone(), &label, "remove it or make the options differ");
            }
        }
        if !options.iter().any(|(o, ..)| o.correct) {
            let help = "mark the right option with `[x]`";
            error(
                "quiz has no correct answer".into(),
                marker,
                "no option is marked `[x]`",
                help,
            );
        }
    }

    /// `range` (relative to the body) cut to its first line, in the file.
    fn line_span(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.base + range.start;
        let text = &self.file.text[start..self.base + range.end];
        let len = text.find(['\n', '\r']).unwrap_or(text.len());
        start..start + text[..len].trim_end().len()
    }
}

/// The question's inline events without the marker (split over several text events or
/// not) and the line break after it.
fn strip_marker<'a>(inline: &[(Event<'a>, Range<usize>)]) -> Events<'a> {
    let mut left = MARKER.len();
    let mut out = Vec::new();
    for (event, range) in inline {
        match event {
            Event::Text(t) if left > 0 || out.is_empty() => {
                let cut = left.min(t.len());
                left -= cut;
                let rest = t[cut..].trim_start();
                if !rest.is_empty() {
                    out.push((Event::Text(CowStr::Boxed(rest.into())), range.clone()));
                }
            }
            Event::SoftBreak | Event::HardBreak if out.is_empty() => {}
            other => out.push((other.clone(), range.clone())),
        }
    }
    out
}
