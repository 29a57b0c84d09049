//! `serve`'s second fast path: a lesson whose front matter or title changed, but not what
//! places it in the programme. Its id and module come from its path (the same file), and
//! the edit must keep `draft:` (whether it is in the site), `order:` (the reading order,
//! so every neighbour and list) and `roles:` (the role relations and the search index's
//! role files) as they were; anything else is a full rebuild. What the front matter
//! touches is checked again as a full compile checks it: the prerequisites of every lesson
//! (ids, drafts, cycles), how the lesson is read (its slide split and deck options), its
//! title, and every `#anchor` in the programme.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use super::{options, Compiled};
use crate::diag::{Diagnostics, SourceFile};
use crate::load::parse_lesson_markdown;
use crate::markdown;
use crate::model::Lesson;
use crate::urls;
use crate::validate::{assign_titles, check_anchors, check_prerequisites, AnchorTarget, ContentIndex, DocResolver};

/// What [`Compiled::replace_lesson_front`] did.
pub enum FrontEdit {
    /// The file no longer parses, or its `draft:`, `order:` or `roles:` changed: rebuild everything.
    NotApplicable,
    /// The edit breaks something (a prerequisite, the title, an anchor): nothing changed.
    Failed(Diagnostics),
    /// Replaced: its warnings, the files it links to that nothing linked to before, and
    /// whether its title changed (pages and search records of others print it).
    Replaced {
        warnings: Diagnostics,
        new_files: Vec<PathBuf>,
        title_changed: bool,
    },
}

impl Compiled {
    /// Replace lesson `i` by the text of `file`, if its place in the programme is kept.
    pub fn replace_lesson_front(&mut self, i: usize, file: Arc<SourceFile>) -> FrontEdit {
        let Ok((source, front, front_warnings)) = parse_lesson_markdown(file) else {
            return FrontEdit::NotApplicable; // the full build reports it
        };
        if front_warnings.iter().any(|d| d.is_error()) {
            return FrontEdit::NotApplicable; // an unknown key: the full build reports it with the rest
        }
        let old = &self.programme.lessons[i];
        let role_ids = |l: &[crate::yaml::Spanned<String>]| l.iter().map(|r| r.value.clone()).collect::<Vec<_>>();
        if front.draft != old.front.draft
            || front.order != old.front.order
            || role_ids(&front.roles) != role_ids(&old.front.roles)
        {
            return FrontEdit::NotApplicable;
        }
        let lesson = Lesson {
            id: old.id.clone(),
            module: old.module,
            source,
            front,
            title: String::new(),
        };
        let old_lesson = std::mem::replace(&mut self.programme.lessons[i], lesson);
        let mut problems = Diagnostics::default();
        problems.extend(front_warnings);
        let mut option_warnings = Vec::new();
        let opts = options::lesson_options(&self.programme, &self.programme.lessons[i], &mut option_warnings);
        problems.extend(option_warnings);
        let index = ContentIndex::new(&self.programme, HashSet::new());
        let prerequisites = check_prerequisites(&self.programme, &index, &mut problems);

        let lesson = &self.programme.lessons[i];
        let resolver = DocResolver::new(
            &index,
            &lesson.source.file,
            Some(AnchorTarget::Lesson(i)),
            urls::lesson_page(&lesson.id),
        );
        let mut doc = markdown::parse_document(&lesson.source.file, lesson.source.body_start, &opts, &resolver);
        problems.extend(std::mem::take(&mut doc.diagnostics));
        let path = lesson.source.file.path.clone();
        let (anchors, new_files) = self.links_after_edit(&path, resolver);
        assign_titles(
            std::slice::from_mut(&mut self.programme.lessons[i]),
            std::slice::from_ref(&doc),
            &mut problems,
        );
        let old_doc = std::mem::replace(&mut self.docs[i], doc);
        check_anchors(&anchors, &self.anchor_pages(), &mut problems);
        if problems.has_errors() {
            self.docs[i] = old_doc;
            self.programme.lessons[i] = old_lesson;
            for f in &new_files {
                self.referenced_files.remove(f);
            }
            return FrontEdit::Failed(problems);
        }
        self.anchors = anchors;
        self.prerequisites = prerequisites;
        // `coverage` reads the relations and which lessons exist: neither changed.
        problems.extend(markdown::overflow_warnings(
            &self.docs[i],
            &self.programme.lessons[i].source.file,
            opts.canvas,
            self.programme.config.deck.min_scale,
        ));
        self.lesson_options[i] = opts;
        FrontEdit::Replaced {
            warnings: problems,
            new_files,
            title_changed: self.programme.lessons[i].title != old_lesson.title,
        }
    }
}
