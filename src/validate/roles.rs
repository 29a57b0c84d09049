//! The role tree: unique ids, known parents, exactly one top role, no cycles.

use std::collections::HashMap;
use std::sync::Arc;

use super::{ContentIndex, RefKind};
use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::model::Role;
use crate::yaml;

pub struct RoleTree {
    pub parent: Vec<Option<usize>>,
    pub children: Vec<Vec<usize>>,
    pub root: Option<usize>,
}

pub fn check_tree(roles: &[Role], file: &Arc<SourceFile>, index: &ContentIndex, diags: &mut Diagnostics) -> RoleTree {
    let range = 0..file.text.len();
    let span = |v: &crate::yaml::Spanned<String>| yaml::span_of(file, &range, v);

    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, role) in roles.iter().enumerate() {
        let id = role.id();
        if id.is_empty() || id.starts_with('.') || id.chars().any(|c| c == '/' || c == '\\' || c.is_whitespace()) {
            diags.push(
                Diagnostic::error(format!("role id `{id}` cannot be used as a page name"))
                    .at(file, span(&role.id))
                    .help("use letters, digits and `-`, e.g. `team-leader`"),
            );
        } else if id == "index" {
            diags.push(
                Diagnostic::error("role id `index` cannot be used: roles/index.html is the list of all roles")
                    .at(file, span(&role.id))
                    .help("choose another id, e.g. `team-index`"),
            );
        }
        if let Some(&j) = first.get(role.id()) {
            let (line, _) = file.line_col(span(&roles[j].id).start);
            diags.push(
                Diagnostic::error(format!("duplicate role id `{}`", role.id()))
                    .at(file, span(&role.id))
                    .label(format!("first defined on line {line}"))
                    .help("give every role its own id"),
            );
        } else {
            first.insert(role.id(), i);
        }
    }

    let mut parent = vec![None; roles.len()];
    let mut children = vec![Vec::new(); roles.len()];
    let mut roots = Vec::new();
    for (i, role) in roles.iter().enumerate() {
        match &role.reports_to {
            None => roots.push(i),
            Some(boss) => match index.lookup(RefKind::Role, boss.value.trim()) {
                Ok(b) if b == i => diags.push(
                    Diagnostic::error(format!("role `{}` reports to itself", role.id()))
                        .at(file, span(boss))
                        .help("name the role it reports to, or remove `reports_to` for the top role"),
                ),
                Ok(b) => {
                    parent[i] = Some(b);
                    children[b].push(i);
                }
                Err(Some(d)) => diags.push(d.at(file, span(boss))),
                Err(None) => {}
            },
        }
    }

    if roots.len() > 1 {
        let names: Vec<&str> = roots.iter().map(|&i| roles[i].id()).collect();
        for &extra in &roots[1..] {
            diags.push(
                Diagnostic::error(format!("more than one top role: {}", names.join(", ")))
                    .at(file, span(&roles[extra].id))
                    .label("this role has no `reports_to`")
                    .help(format!(
                        "roles form one tree: add `reports_to: {}` (or another role)",
                        names[0]
                    )),
            );
        }
    }
    report_cycles(roles, &parent, file, &range, diags);
    if roots.is_empty() && !roles.is_empty() && !diags.iter().any(|d| d.message.contains("cycle")) {
        diags.push(
            Diagnostic::error("no top role: every role has `reports_to`")
                .at(file, span(&roles[0].id))
                .help("remove `reports_to` from the role at the top of the hierarchy"),
        );
    }
    RoleTree {
        parent,
        children,
        root: (roots.len() == 1).then(|| roots[0]),
    }
}

/// Follow `reports_to` from each role; a walk that returns to a role on its own path is a
/// cycle, reported once, naming its members.
fn report_cycles(
    roles: &[Role],
    parent: &[Option<usize>],
    file: &Arc<SourceFile>,
    range: &std::ops::Range<usize>,
    diags: &mut Diagnostics,
) {
    let mut state = vec![0u8; roles.len()]; // 0 new, 1 on the current path, 2 done
    for start in 0..roles.len() {
        let mut path: Vec<usize> = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    let members: Vec<&str> = path[from..].iter().map(|&m| roles[m].id()).collect();
                    let boss = roles[i]
                        .reports_to
                        .as_ref()
                        .map_or(0..0, |b| yaml::span_of(file, range, b));
                    diags.push(
                        Diagnostic::error(format!(
                            "`reports_to` forms a cycle: {} → {}",
                            members.join(" → "),
                            members[0]
                        ))
                        .at(file, boss)
                        .help("the top role has no `reports_to`; every other role reports to one above it"),
                    );
                    break;
                }
                _ => {
                    state[i] = 1;
                    path.push(i);
                    at = parent[i];
                }
            }
        }
        for i in path {
            state[i] = 2;
        }
    }
}
