//! One edit to a compiled programme, for `serve`'s fast path: a lesson whose body changed.
//!
//! Other pages show a lesson's title (module, home, role and SOP pages, neighbours'
//! prev/next), link to its headings, and the search index holds its text. So the body is
//! re-rendered and accepted only when the front matter is byte for byte the same and the
//! title is unchanged (a lesson without `title:` takes it from its first heading); every
//! anchor is rechecked. The caller then redraws the lesson's page and deck and rebuilds the
//! search index. Anything else is for [`super::front_edit`] (the front matter or title
//! changed) or a full rebuild: correct first, fast where the dependency is certain.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Compiled;
use crate::diag::{Diagnostics, SourceFile};
use crate::load::parse_lesson_markdown;
use crate::markdown;
use crate::urls;
use crate::validate::{check_anchors, lesson_title, AnchorCheck, AnchorPages, AnchorTarget, ContentIndex, DocResolver};

/// What [`Compiled::replace_lesson_body`] did.
pub enum BodyEdit {
    /// Not a body-only edit: the front matter or the title changed
    /// ([`Compiled::replace_lesson_front`] may take it).
    NotBodyOnly,
    /// The new body breaks something (a link, an anchor into the lesson): nothing changed.
    Failed(Diagnostics),
    /// Replaced: its warnings, and the files it links to that nothing linked to before.
    Replaced {
        warnings: Diagnostics,
        new_files: Vec<PathBuf>,
    },
}

impl Compiled {
    /// Every page an `#anchor` may point into, as the programme stands now: an edit
    /// rechecks all anchors against it.
    /// What an edited document's resolver found, merged into the programme's: every
    /// anchor check but those written in `path`, plus its new ones; and the files it links
    /// that nothing linked before (taken back out if the edit fails).
    pub(super) fn links_after_edit(&mut self, path: &Path, resolver: DocResolver) -> (Vec<AnchorCheck>, Vec<PathBuf>) {
        let mut anchors: Vec<_> = self.anchors.iter().filter(|a| a.file.path != path).cloned().collect();
        anchors.extend(resolver.anchors.into_inner());
        let new_files = resolver
            .files
            .into_inner()
            .into_iter()
            .filter(|f| self.referenced_files.insert(f.clone()))
            .collect();
        (anchors, new_files)
    }

    pub(super) fn anchor_pages(&self) -> AnchorPages<'_> {
        AnchorPages {
            programme: &self.programme,
            relations: &self.relations,
            docs: &self.docs,
            qa_docs: &self.qa_docs,
            home: self.home.as_ref(),
        }
    }

    /// The lesson read from the source file `rel` (root-relative).
    pub fn lesson_at(&self, rel: &Path) -> Option<usize> {
        self.programme.lessons.iter().position(|l| l.source.file.path == rel)
    }

    /// Replace the text of lesson `i` by `file`, if only its body changed.
    pub fn replace_lesson_body(&mut self, i: usize, file: Arc<SourceFile>) -> BodyEdit {
        let lesson = &self.programme.lessons[i];
        let old = &lesson.source;
        let Ok((source, _, _)) = parse_lesson_markdown(file) else {
            return BodyEdit::NotBodyOnly;
        };
        if source.file.text[..source.body_start] != old.file.text[..old.body_start] {
            return BodyEdit::NotBodyOnly;
        }
        let body_marks_reveal =
            |s: &crate::model::MarkdownSource| super::options::body_marks_reveal(&s.file.text[s.body_start..]);
        if body_marks_reveal(&source) != body_marks_reveal(old) {
            return BodyEdit::NotBodyOnly;
        }
        let index = ContentIndex::new(&self.programme, HashSet::new());
        let resolver = DocResolver::new(
            &index,
            &source.file,
            Some(AnchorTarget::Lesson(i)),
            urls::lesson_page(&lesson.id),
        );
        // The front matter is unchanged, and with it how the lesson is read.
        let opts = &self.lesson_options[i];
        let mut doc = markdown::parse_document(&source.file, source.body_start, opts, &resolver);
        if lesson_title(lesson, &doc).as_deref() != Some(lesson.title.as_str()) {
            return BodyEdit::NotBodyOnly;
        }
        let mut problems = Diagnostics::default();
        problems.extend(std::mem::take(&mut doc.diagnostics));

        // Anchors written in this lesson are replaced; anchors into it are checked again.
        let path = source.file.path.clone();
        let (anchors, new_files) = self.links_after_edit(&path, resolver);
        let old_doc = std::mem::replace(&mut self.docs[i], doc);
        check_anchors(&anchors, &self.anchor_pages(), &mut problems);
        if problems.has_errors() {
            self.docs[i] = old_doc;
            for f in &new_files {
                self.referenced_files.remove(f);
            }
            return BodyEdit::Failed(problems);
        }
        self.anchors = anchors;
        self.programme.lessons[i].source = source;
        problems.extend(markdown::overflow_warnings(
            &self.docs[i],
            &self.programme.lessons[i].source.file,
            self.lesson_options[i].canvas,
            self.programme.config.deck.min_scale,
        ));
        BodyEdit::Replaced {
            warnings: problems,
            new_files,
        }
    }
}
