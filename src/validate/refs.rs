//! Cross-references between lessons, SOPs, roles and Q&A: every reference field is
//! checked once here (with its span), and the answers the pages need — what a role must
//! learn and do, which SOPs and questions relate to a lesson — are computed once into
//! [`Relations`], not re-searched by each renderer.

use std::ops::Range;
use std::sync::Arc;

use super::{roles, sops, ContentIndex, RefKind};
use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::model::{IndexVec, LessonIx, Programme, QaIx, RoleIx, SopIx};
use crate::yaml::{self, Spanned};

/// Something a `related:` entry can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Lesson(LessonIx),
    Sop(SopIx),
    Role(RoleIx),
    Qa(QaIx),
}

/// Every relation the pages show. Each list is indexed by the typed index of its first
/// word (`lesson_roles[LessonIx]`, `role_sops[RoleIx]`) and holds typed indexes.
#[derive(Debug, Default)]
pub struct Relations {
    /// Roles that must complete the lesson (its `roles` ∪ roles listing it).
    pub lesson_roles: IndexVec<LessonIx, Vec<RoleIx>>,
    pub lesson_sops: IndexVec<LessonIx, Vec<SopIx>>,
    pub lesson_qa: IndexVec<LessonIx, Vec<QaIx>>,
    pub sop_owner: IndexVec<SopIx, Option<RoleIx>>,
    pub sop_performers: IndexVec<SopIx, Vec<RoleIx>>,
    /// Every role an SOP concerns: its performers, the roles that list it, and its owner.
    pub sop_roles: IndexVec<SopIx, Vec<RoleIx>>,
    pub sop_lessons: IndexVec<SopIx, Vec<LessonIx>>,
    pub sop_qa: IndexVec<SopIx, Vec<QaIx>>,
    pub role_parent: IndexVec<RoleIx, Option<RoleIx>>,
    pub role_children: IndexVec<RoleIx, Vec<RoleIx>>,
    /// The top of the role tree (when the tree is valid).
    pub role_root: Option<RoleIx>,
    /// What to learn: the role's `lessons` ∪ lessons whose `roles` name it, in reading order.
    pub role_lessons: IndexVec<RoleIx, Vec<LessonIx>>,
    /// SOPs the role carries out: its `sops` ∪ SOPs whose `performers` name it.
    pub role_sops: IndexVec<RoleIx, Vec<SopIx>>,
    pub role_owned_sops: IndexVec<RoleIx, Vec<SopIx>>,
    pub role_qa: IndexVec<RoleIx, Vec<QaIx>>,
    pub qa_roles: IndexVec<QaIx, Vec<RoleIx>>,
    pub qa_related: IndexVec<QaIx, Vec<Target>>,
    /// By quiz file (index into `Programme::quizzes`): the lesson its `lesson:` names.
    pub quiz_lesson: Vec<Option<LessonIx>>,
    /// The quiz files that name the lesson, in file-name order.
    pub lesson_quizzes: IndexVec<LessonIx, Vec<usize>>,
}

/// Resolve one id reference written in a YAML file, reporting it at its span.
fn resolve(
    index: &ContentIndex,
    kind: RefKind,
    value: &Spanned<String>,
    file: &Arc<SourceFile>,
    range: &Range<usize>,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let id = value.value.trim();
    // `sops: [sop:daily-report]` means the same as `sops: [daily-report]`.
    let id = id
        .strip_prefix(kind.scheme())
        .and_then(|s| s.strip_prefix(':'))
        .unwrap_or(id);
    match index.lookup(kind, id) {
        Ok(i) => Some(i),
        Err(Some(d)) => {
            diags.push(d.at(file, yaml::span_of(file, range, value)));
            None
        }
        Err(None) => None,
    }
}

fn push_unique<I: PartialEq>(list: &mut Vec<I>, i: I) {
    if !list.contains(&i) {
        list.push(i);
    }
}

pub fn relate(p: &Programme, index: &ContentIndex, diags: &mut Diagnostics) -> Relations {
    let (nl, ns, nr, nq) = (p.lessons.len(), p.sops.len(), p.roles.len(), p.qa.len());
    let mut r = Relations {
        lesson_roles: IndexVec::from_fn(nl, |_| Vec::new()),
        lesson_sops: IndexVec::from_fn(nl, |_| Vec::new()),
        lesson_qa: IndexVec::from_fn(nl, |_| Vec::new()),
        sop_owner: IndexVec::from_fn(ns, |_| None),
        sop_performers: IndexVec::from_fn(ns, |_| Vec::new()),
        sop_roles: IndexVec::from_fn(ns, |_| Vec::new()),
        sop_lessons: IndexVec::from_fn(ns, |_| Vec::new()),
        sop_qa: IndexVec::from_fn(ns, |_| Vec::new()),
        role_lessons: IndexVec::from_fn(nr, |_| Vec::new()),
        role_sops: IndexVec::from_fn(nr, |_| Vec::new()),
        role_owned_sops: IndexVec::from_fn(nr, |_| Vec::new()),
        role_qa: IndexVec::from_fn(nr, |_| Vec::new()),
        qa_roles: IndexVec::from_fn(nq, |_| Vec::new()),
        qa_related: IndexVec::from_fn(nq, |_| Vec::new()),
        quiz_lesson: vec![None; p.quizzes.len()],
        lesson_quizzes: IndexVec::from_fn(nl, |_| Vec::new()),
        ..Relations::default()
    };

    if let Some(file) = &p.roles_file {
        let tree = roles::check_tree(&p.roles, file, index, diags);
        r.role_parent = IndexVec::from_fn(tree.parent.len(), |i| tree.parent[i].map(RoleIx));
        r.role_children = IndexVec::from_fn(tree.children.len(), |i| {
            tree.children[i].iter().copied().map(RoleIx).collect()
        });
        r.role_root = tree.root.map(RoleIx);
        let range = 0..file.text.len();
        for (ri, role) in p.roles.iter().enumerate() {
            let ri = RoleIx(ri);
            for l in &role.lessons {
                if let Some(li) = resolve(index, RefKind::Lesson, l, file, &range, diags).map(LessonIx) {
                    push_unique(&mut r.role_lessons[ri], li);
                    push_unique(&mut r.lesson_roles[li], ri);
                }
            }
            for s in &role.sops {
                if let Some(si) = resolve(index, RefKind::Sop, s, file, &range, diags).map(SopIx) {
                    push_unique(&mut r.role_sops[ri], si);
                }
            }
        }
    }

    for (li, lesson) in p.lessons.iter().enumerate() {
        let (li, src) = (LessonIx(li), &lesson.source);
        for role in &lesson.front.roles {
            if let Some(ri) = resolve(index, RefKind::Role, role, &src.file, &src.front_range, diags).map(RoleIx) {
                push_unique(&mut r.lesson_roles[li], ri);
                push_unique(&mut r.role_lessons[ri], li);
            }
        }
    }

    for (si, sop) in p.sops.iter().enumerate() {
        let si = SopIx(si);
        sops::check_steps(sop, diags);
        let range = sop.range();
        if let Some(owner) = &sop.spec.owner {
            if let Some(ri) = resolve(index, RefKind::Role, owner, &sop.file, &range, diags).map(RoleIx) {
                r.sop_owner[si] = Some(ri);
                push_unique(&mut r.role_owned_sops[ri], si);
            }
        }
        for performer in &sop.spec.performers {
            if let Some(ri) = resolve(index, RefKind::Role, performer, &sop.file, &range, diags).map(RoleIx) {
                push_unique(&mut r.sop_performers[si], ri);
                push_unique(&mut r.role_sops[ri], si);
            }
        }
        for lesson in &sop.spec.lessons {
            if let Some(li) = resolve(index, RefKind::Lesson, lesson, &sop.file, &range, diags).map(LessonIx) {
                push_unique(&mut r.sop_lessons[si], li);
                push_unique(&mut r.lesson_sops[li], si);
            }
        }
    }

    for (qi, qa) in p.qa.iter().enumerate() {
        let (qi, src) = (QaIx(qi), &qa.source);
        if let Some(updated) = &qa.front.updated {
            if !is_iso_date(&updated.value) {
                diags.push(
                    Diagnostic::error(format!("`updated: {}` is not a date", updated.value))
                        .at(&src.file, yaml::span_of(&src.file, &src.front_range, updated))
                        .help("write the date as YYYY-MM-DD, e.g. `updated: 2024-11-21`"),
                );
            }
        }
        for role in &qa.front.roles {
            if let Some(ri) = resolve(index, RefKind::Role, role, &src.file, &src.front_range, diags).map(RoleIx) {
                push_unique(&mut r.qa_roles[qi], ri);
                push_unique(&mut r.role_qa[ri], qi);
            }
        }
        for related in &qa.front.related {
            let Some(target) = related_target(index, related, &src.file, &src.front_range, diags) else {
                continue;
            };
            if r.qa_related[qi].contains(&target) || target == Target::Qa(qi) {
                continue;
            }
            r.qa_related[qi].push(target);
            // `related` works both ways: the lesson or SOP lists the question too.
            match target {
                Target::Lesson(li) => push_unique(&mut r.lesson_qa[li], qi),
                Target::Sop(si) => push_unique(&mut r.sop_qa[si], qi),
                Target::Role(ri) => push_unique(&mut r.role_qa[ri], qi),
                Target::Qa(_) => {}
            }
        }
    }

    for (n, quiz) in p.quizzes.iter().enumerate() {
        let src = &quiz.source;
        let Some(lesson) = &quiz.front.lesson else { continue };
        if let Some(li) = resolve(index, RefKind::Lesson, lesson, &src.file, &src.front_range, diags).map(LessonIx) {
            r.quiz_lesson[n] = Some(li);
            r.lesson_quizzes[li].push(n);
        }
    }

    // Reading order, so role pages list lessons as the course runs.
    for list in &mut r.role_lessons {
        list.sort_unstable();
    }
    for list in r
        .role_sops
        .iter_mut()
        .chain(&mut r.role_owned_sops)
        .chain(&mut r.lesson_sops)
    {
        list.sort_by_key(|&s| (p.sops[s].spec.frequency, s));
    }
    // The roles an SOP concerns (what search files it under): performers, the roles that
    // list it in `sops`, and its owner, in role order.
    for ri in RoleIx::all(nr) {
        for &si in &r.role_sops[ri] {
            push_unique(&mut r.sop_roles[si], ri);
        }
    }
    for si in SopIx::all(ns) {
        if let Some(owner) = r.sop_owner[si] {
            push_unique(&mut r.sop_roles[si], owner);
        }
        r.sop_roles[si].sort_unstable();
    }
    for list in r.role_qa.iter_mut().chain(&mut r.lesson_qa).chain(&mut r.sop_qa) {
        list.sort_unstable();
    }
    for list in &mut r.lesson_roles {
        list.sort_unstable();
    }
    r
}

/// `YYYY-MM-DD` with a plausible month and day.
fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, len: usize| p.len() == len && p.bytes().all(|b| b.is_ascii_digit());
    match parts[..] {
        [y, m, d] if num(y, 4) && num(m, 2) && num(d, 2) => {
            let (m, d): (u32, u32) = (m.parse().unwrap_or(0), d.parse().unwrap_or(0));
            (1..=12).contains(&m) && (1..=31).contains(&d)
        }
        _ => false,
    }
}

/// `lesson:ID`, `sop:ID`, `role:ID` or `qa:ID`.
fn related_target(
    index: &ContentIndex,
    value: &Spanned<String>,
    file: &Arc<SourceFile>,
    range: &Range<usize>,
    diags: &mut Diagnostics,
) -> Option<Target> {
    let span = yaml::span_of(file, range, value);
    let Some((scheme, id)) = value.value.trim().split_once(':') else {
        diags.push(
            Diagnostic::error(format!("`{}` does not say what it refers to", value.value))
                .at(file, span)
                .help("write related items as lesson:MODULE/LESSON, sop:ID, role:ID or qa:ID"),
        );
        return None;
    };
    let Some(kind) = RefKind::from_scheme(scheme) else {
        diags.push(
            Diagnostic::error(format!("unknown kind `{scheme}:` in `related`"))
                .at(file, span)
                .help("use lesson:, sop:, role: or qa:"),
        );
        return None;
    };
    match index.lookup(kind, id) {
        Ok(i) => Some(match kind {
            RefKind::Lesson => Target::Lesson(LessonIx(i)),
            RefKind::Sop => Target::Sop(SopIx(i)),
            RefKind::Role => Target::Role(RoleIx(i)),
            RefKind::Qa => Target::Qa(QaIx(i)),
        }),
        Err(Some(d)) => {
            diags.push(d.at(file, span));
            None
        }
        Err(None) => None,
    }
}
