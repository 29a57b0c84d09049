//! A lesson's front matter as the deck's directives: Marp's local directives written as
//! front-matter keys apply to every slide, their `_` forms to the first slide only.

use crate::markdown::{FrontDirectives, SlideStyle};
use crate::model::{DeckTool, Lesson};
use crate::yaml::{self, Spanned};

pub fn front_directives(lesson: &Lesson) -> FrontDirectives {
    let f = &lesson.front;
    let source = &lesson.source;
    let span = |v: &Option<Spanned<String>>| {
        v.as_ref().map_or(source.front_range.clone(), |v| {
            yaml::span_of(&source.file, &source.front_range, v)
        })
    };
    let mut deck = SlideStyle {
        class: f.class.clone(),
        background_color: f.background_color.clone(),
        color: f.color.clone(),
        background_size: f.background_size.clone(),
        background_position: f.background_position.clone(),
        background_repeat: f.background_repeat.clone(),
        // Marp numbers slides only when asked; Lectern's own decks always do.
        paginate: f.paginate.or((f.deck_tool() == Some(DeckTool::Marp)).then_some(false)),
        header: f.header.clone(),
        footer: f.footer.clone(),
        ..SlideStyle::default()
    };
    let mut first = SlideStyle {
        class: f.first_class.clone(),
        background_color: f.first_background_color.clone(),
        color: f.first_color.clone(),
        background_size: f.first_background_size.clone(),
        background_position: f.first_background_position.clone(),
        background_repeat: f.first_background_repeat.clone(),
        paginate: f.first_paginate,
        header: f.first_header.clone(),
        footer: f.first_footer.clone(),
        ..SlideStyle::default()
    };
    // Through `set`, so a front-matter value means what the same directive in a comment does.
    if let Some(v) = &f.background_image {
        deck.set("backgroundImage", &v.value);
    }
    if let Some(v) = &f.first_background_image {
        first.set("backgroundImage", &v.value);
    }
    FrontDirectives {
        deck,
        first,
        deck_image_span: span(&f.background_image),
        first_image_span: span(&f.first_background_image),
    }
}
