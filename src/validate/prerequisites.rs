//! Lesson prerequisites: every id exists, no lesson requires itself, no cycles.

use super::{ContentIndex, RefKind};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Programme;
use crate::yaml;

/// Returns, per lesson, the indexes of its (valid) prerequisites.
pub fn check_prerequisites(p: &Programme, index: &ContentIndex, diags: &mut Diagnostics) -> Vec<Vec<usize>> {
    let mut edges = vec![Vec::new(); p.lessons.len()];
    for (i, lesson) in p.lessons.iter().enumerate() {
        let src = &lesson.source;
        for pre in &lesson.front.prerequisites {
            let span = yaml::span_of(&src.file, &src.front_range, pre);
            let id = pre.value.trim().trim_start_matches("lesson:");
            match index.lookup(RefKind::Lesson, id) {
                Ok(j) if j == i => diags.push(
                    Diagnostic::error(format!("lesson `{id}` lists itself as a prerequisite"))
                        .at(&src.file, span)
                        .help("remove it from `prerequisites`"),
                ),
                Ok(j) => edges[i].push(j),
                Err(Some(d)) => diags.push(d.at(&src.file, span)),
                Err(None) => {} // reported where it failed
            }
        }
    }
    report_cycles(p, &edges, diags);
    edges
}

/// Depth-first search; each cycle is reported once, at its first lesson, naming its members.
fn report_cycles(p: &Programme, edges: &[Vec<usize>], diags: &mut Diagnostics) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let mut mark = vec![Mark::New; edges.len()];
    for start in 0..edges.len() {
        if mark[start] != Mark::New {
            continue;
        }
        // Iterative DFS: (node, next edge to follow).
        let mut stack = vec![(start, 0usize)];
        mark[start] = Mark::Active;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                match mark[to] {
                    Mark::New => {
                        mark[to] = Mark::Active;
                        stack.push((to, 0));
                    }
                    Mark::Active => {
                        let from = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                        let members: Vec<&str> = stack[from..].iter().map(|&(n, _)| p.lessons[n].id.as_str()).collect();
                        let lesson = &p.lessons[to];
                        let src = &lesson.source;
                        let at = src.file.text[src.front_range.clone()]
                            .find("prerequisites")
                            .map_or(src.front_range.start, |i| src.front_range.start + i);
                        diags.push(
                            Diagnostic::error(format!(
                                "prerequisites form a cycle: {} → {}",
                                members.join(" → "),
                                members[0]
                            ))
                            .at(&src.file, at..at + "prerequisites".len())
                            .help("a lesson cannot (indirectly) require itself; remove one of these prerequisites"),
                        );
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
}
