//! Warnings about gaps in the programme: not errors, but worth an instructor's look.
//! `lectern check --strict` makes them fatal.

use super::Relations;
use crate::diag::Diagnostic;
use crate::model::{Programme, RoleIx, SopIx};

pub fn coverage_warnings(p: &Programme, r: &Relations) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    if p.roles.is_empty() {
        return warnings;
    }
    let required: Vec<bool> = {
        let mut v = vec![false; p.lessons.len()];
        for list in r.role_lessons.iter() {
            for &l in list {
                v[l] = true;
            }
        }
        v
    };
    for (i, lesson) in p.lessons.iter().enumerate() {
        if !required[i] {
            warnings.push(
                Diagnostic::warning(format!("no role is required to complete lesson `{}`", lesson.id))
                    .at(&lesson.source.file, 0..0)
                    .help("add `roles: [...]` to its front matter, or list it under a role's `lessons`"),
            );
        }
    }
    for (i, sop) in p.sops.iter().enumerate() {
        let performed = r.role_sops.iter().any(|list| list.contains(&SopIx(i)));
        if !performed {
            warnings.push(
                Diagnostic::warning(format!("nobody performs SOP `{}`", sop.id))
                    .at(&sop.file, 0..0)
                    .help("add `performers: [...]`, or list it under a role's `sops`"),
            );
        }
    }
    if let Some(file) = &p.roles_file {
        for (i, role) in p.roles.iter().enumerate() {
            if r.role_lessons[RoleIx(i)].is_empty() {
                let span = crate::yaml::span_of(file, &(0..file.text.len()), &role.id);
                warnings.push(
                    Diagnostic::warning(format!("role `{}` has nothing to learn", role.id()))
                        .at(file, span)
                        .help("add `lessons:` to the role, or name it in lessons' `roles`"),
                );
            }
        }
    }
    warnings
}
