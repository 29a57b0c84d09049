//! Quizzes: a blockquote that opens with `[!QUIZ]` (the alert/callout form GitHub and
//! Obsidian read), holding the question and then one list, whose form gives the kind:
//!
//! - a task list (`- [x]` right, `- [ ]` wrong): single choice (one right option, radio
//!   buttons) or multiple choice (several, checkboxes); true/false is a choice of two;
//! - items written `- [=] 答案`: fill-in, each item one accepted answer (compared after
//!   NFKC, lower-casing and trimming, so `ＧＭＶ` = `gmv`);
//! - an ordered list `1. …`: ordering, authored in the right order and shuffled on the page.
//!
//! After the list, a paragraph opening `提示：` (or `Hint:`) is a hint, shown on request;
//! the rest is the explanation, shown once the learner has checked. Other renderers show
//! a quote with a checklist or a numbered list; Lectern writes a `<fieldset>` that
//! `quiz.js` checks in the page (`quiz/html.rs`).

mod html;

pub use html::{answer_key_html, scope_quiz_ids};

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Pass;
use crate::diag::Diagnostic;
use crate::markdown::scan::find_end;
use crate::markdown::text_of;
use crate::search::tokenize::normalize;

const MARKER: &str = "[!QUIZ]";
/// The mark of an accepted fill-in answer, where a task list has `[x]`.
const ACCEPT: &str = "[=]";
/// How a hint paragraph opens (`Hint` in any case).
const HINT_PREFIXES: &[&str] = &["提示：", "提示:", "hint:", "hint："];

/// A quiz as the author wrote it: the facts later steps read (not its HTML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quiz {
    /// The element's id on the page, `quiz-N`.
    pub id: String,
    pub question: String,
    pub kind: QuizKind,
    /// Choices (right or wrong); fill-in: the accepted answers; ordering: the items in
    /// the right order (all `correct`).
    pub options: Vec<QuizOption>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizKind {
    Choice,
    FillIn,
    Ordering,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizOption {
    pub text: String,
    pub correct: bool,
}

impl Quiz {
    /// More than one right option: checkboxes, every right one to be ticked.
    pub fn is_multiple(&self) -> bool {
        self.kind == QuizKind::Choice && self.options.iter().filter(|o| o.correct).count() > 1
    }

    /// The kind's name on the page (`data-kind`): `single`, `multiple`, `fill`, `order`.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            QuizKind::Choice if self.is_multiple() => "multiple",
            QuizKind::Choice => "single",
            QuizKind::FillIn => "fill",
            QuizKind::Ordering => "order",
        }
    }
}

type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// How a list item is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Right,
    Wrong,
    Accept,
    Step,
}

/// An option, its inline events, where its line is in the file and how it is marked.
struct Choice<'a> {
    option: QuizOption,
    content: Events<'a>,
    span: Range<usize>,
    mark: Mark,
}

/// One quiz, cut into the parts its HTML is written from.
struct Parts<'a> {
    id: String,
    kind: QuizKind,
    question: Events<'a>,
    /// Blocks between the question and the list (a code sample, a table).
    extra: Events<'a>,
    options: Vec<Choice<'a>>,
    hints: Vec<Events<'a>>,
    explanation: Events<'a>,
}

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
        let mut question = strip_prefix(&block[at + 1..para_end], MARKER.len());
        at = para_end + 1;
        if question.is_empty() && matches!(block.get(at), Some((Event::Start(Tag::Paragraph), _))) {
            let end = find_end(&block, at + 1);
            question = block[at + 1..end].to_vec();
            at = end + 1;
        }
        let list_at = (at..quote_end).find(|&k| matches!(block[k].0, Event::Start(Tag::List(_))));
        let (mut hints, extra) = self.split_hints(&block[at..list_at.unwrap_or(at)]);
        let (options, after) = match list_at {
            Some(k) => {
                let end = find_end(&block, k + 1);
                (self.options(&block[k..=end]), end + 1)
            }
            None => (Vec::new(), at),
        };
        let (more_hints, explanation) = self.split_hints(&block[after..quote_end]);
        hints.extend(more_hints);
        for part in hints.iter().chain([&explanation]) {
            if let (Some((_, first)), Some((_, last))) = (part.first(), part.last()) {
                self.unsearched.push(first.start..last.end);
            }
        }
        let kind = self.quiz_kind(&options, marker.clone());
        // Headings never take `quiz-N` (`headings::is_page_id`), so the number is unique.
        let id = format!("quiz-{}", self.doc.quizzes.len() + 1);
        let quiz = Quiz {
            id: id.clone(),
            question: text_of(&question).trim().to_string(),
            kind,
            options: options.iter().map(|c| c.option.clone()).collect(),
        };
        self.check_quiz(&quiz, &options, marker);
        let parts = Parts {
            id,
            kind,
            question,
            extra,
            options,
            hints,
            explanation,
        };
        let out = self.quiz_html(&quiz, parts, whole);
        self.doc.quizzes.push(quiz);
        out
    }

    /// The top-level blocks of `blocks` cut into hint paragraphs (their prefix dropped)
    /// and the rest, in order.
    fn split_hints(&self, blocks: &[(Event<'a>, Range<usize>)]) -> (Vec<Events<'a>>, Events<'a>) {
        let (mut hints, mut rest) = (Vec::new(), Vec::new());
        let mut k = 0;
        while k < blocks.len() {
            let end = match blocks[k].0 {
                Event::Start(_) => find_end(blocks, k + 1).min(blocks.len() - 1),
                _ => k,
            };
            let source = &self.file.text[self.base + blocks[k].1.start..];
            let prefix = HINT_PREFIXES
                .iter()
                .find(|p| source.get(..p.len()).is_some_and(|s| s.to_lowercase() == **p));
            match (&blocks[k].0, prefix) {
                (Event::Start(Tag::Paragraph), Some(p)) if end > k => {
                    hints.push(strip_prefix(&blocks[k + 1..end], p.len()));
                }
                _ => rest.extend(blocks[k..=end].iter().cloned()),
            }
            k = end + 1;
        }
        (hints, rest)
    }

    /// The items of `list` (its start to its end): each with its inline events (paragraph
    /// wrappers of a loose list dropped), its source line and its mark.
    fn options(&mut self, list: &[(Event<'a>, Range<usize>)]) -> Vec<Choice<'a>> {
        let ordered = matches!(list[0].0, Event::Start(Tag::List(Some(_))));
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
            let task = content.iter().enumerate().find_map(|(pos, (e, _))| match e {
                Event::TaskListMarker(correct) => Some((pos, *correct)),
                _ => None,
            });
            let accepts = content
                .first()
                .is_some_and(|(_, r)| self.file.text[self.base + r.start..].starts_with(ACCEPT));
            let (content, mark) = match (task, ordered) {
                (Some((pos, correct)), _) => (
                    content.into_iter().skip(pos + 1).collect(),
                    if correct { Mark::Right } else { Mark::Wrong },
                ),
                (None, true) => (content, Mark::Step),
                (None, false) if accepts => (strip_prefix(&content, ACCEPT.len()), Mark::Accept),
                (None, false) => {
                    self.doc.diagnostics.push(
                        Diagnostic::error("quiz option without `[ ]`, `[x]` or `[=]`")
                            .at(self.file, span)
                            .label("not marked right, wrong or accepted")
                            .help("write `- [x] …` for a right option, `- [ ] …` for a wrong one, `- [=] …` for an accepted fill-in answer"),
                    );
                    continue;
                }
            };
            let text = text_of(&content).trim().to_string();
            let correct = mark != Mark::Wrong;
            options.push(Choice {
                option: QuizOption { text, correct },
                content,
                span,
                mark,
            });
        }
        options
    }

    /// The kind the list's marks give; a list mixing `[=]` with `[x]`/`[ ]` is an error.
    fn quiz_kind(&mut self, options: &[Choice<'a>], marker: Range<usize>) -> QuizKind {
        let accepts = options.iter().filter(|c| c.mark == Mark::Accept).count();
        if options.iter().any(|c| c.mark == Mark::Step) {
            QuizKind::Ordering
        } else if accepts == 0 {
            QuizKind::Choice
        } else {
            if accepts < options.len() {
                self.doc.diagnostics.push(
                    Diagnostic::error("quiz mixes fill-in answers `[=]` with choices `[x]`/`[ ]`")
                        .at(self.file, marker)
                        .label("one quiz, one kind")
                        .help("make it a choice (`[x]`/`[ ]`) or a fill-in (`[=]` for each accepted answer)"),
                );
            }
            QuizKind::FillIn
        }
    }

    /// The build-time rules: options present and non-empty, none twice, one right at
    /// least; an ordering of two items at least.
    fn check_quiz(&mut self, quiz: &Quiz, options: &[Choice<'a>], marker: Range<usize>) {
        let mut error = |message: String, span: Range<usize>, label: &str, help: &str| {
            let d = Diagnostic::error(message).at(self.file, span).label(label).help(help);
            self.doc.diagnostics.push(d);
        };
        if options.is_empty() {
            let help =
                "list the options under the question: `- [x] 对的` and `- [ ] 错的` (or `- [=] 答案`, or `1. 第一步`)";
            return error("quiz has no options".into(), marker, "no list follows", help);
        }
        // Fill-in answers are compared as the page compares them (NFKC, lower case).
        let key = |text: &str| match quiz.kind {
            QuizKind::FillIn => normalize(text.trim()),
            _ => text.to_string(),
        };
        for (n, choice) in options.iter().enumerate() {
            let text = &choice.option.text;
            if text.is_empty() {
                let (message, help) = match quiz.kind {
                    QuizKind::FillIn => ("fill-in quiz answer is empty", "write the accepted answer after `[=]`"),
                    QuizKind::Ordering => ("empty ordering item", "write the step's text after its number"),
                    QuizKind::Choice => ("empty quiz option", "write the option's text after `[ ]`"),
                };
                error(message.into(), choice.span.clone(), "nothing to choose", help);
            } else if let Some(first) = options[..n].iter().position(|c| key(&c.option.text) == key(text)) {
                let message = format!("duplicate quiz option `{text}`");
                let label = format!("same as option {}", first + 1);
                error(
                    message,
                    choice.span.clone(),
                    &label,
                    "remove it or make the options differ",
                );
            }
        }
        match quiz.kind {
            QuizKind::Choice if !options.iter().any(|c| c.option.correct) => error(
                "quiz has no correct answer".into(),
                marker,
                "no option is marked `[x]`",
                "mark the right option with `[x]`",
            ),
            QuizKind::Ordering if options.len() < 2 => error(
                "ordering quiz needs two items or more".into(),
                marker,
                "nothing to put in order",
                "list the steps in their right order: `1. 第一步`, `2. 第二步`",
            ),
            _ => {}
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

/// Inline events without their first `len` bytes of text (a marker or prefix, split over
/// several text events or not) and the line break after it.
fn strip_prefix<'a>(inline: &[(Event<'a>, Range<usize>)], len: usize) -> Events<'a> {
    let mut left = len;
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
