//! SOP steps that parse but make no sense.

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Sop, StepKind};
use crate::yaml;

pub fn check_steps(sop: &Sop, diags: &mut Diagnostics) {
    let range = sop.range();
    if sop.spec.sections.iter().all(|s| s.steps.is_empty()) {
        diags.push(
            Diagnostic::error(format!("SOP `{}` has no steps", sop.id))
                .at(&sop.file, 0..0)
                .help("add `sections:` with at least one step"),
        );
    }
    for (_, step) in sop.steps() {
        let span = yaml::span_of(&sop.file, &range, step);
        let s = &step.value;
        if s.text.trim().is_empty() {
            diags.push(
                Diagnostic::error("step `text` is empty")
                    .at(&sop.file, span.clone())
                    .help("say what to do or check"),
            );
        }
        if s.kind == StepKind::Choice && s.options.is_empty() {
            diags.push(
                Diagnostic::error("a `choice` step needs `options`")
                    .at(&sop.file, span.clone())
                    .help("list the choices, e.g. `options: [抖音, 快手, 小红书]`"),
            );
        }
        if s.kind != StepKind::Choice && !s.options.is_empty() {
            diags.push(
                Diagnostic::warning("`options` only apply to `type: choice`; they are ignored here")
                    .at(&sop.file, span.clone())
                    .help("add `type: choice` or remove `options`"),
            );
        }
        if let (Some(min), Some(max)) = (s.min, s.max) {
            if min > max {
                diags.push(
                    Diagnostic::error(format!("`min` ({min}) is greater than `max` ({max})"))
                        .at(&sop.file, span.clone())
                        .help("swap them"),
                );
            }
        }
        if s.kind != StepKind::Number && (s.min.is_some() || s.max.is_some() || s.unit.is_some()) {
            diags.push(
                Diagnostic::warning("`min`, `max` and `unit` only apply to `type: number`")
                    .at(&sop.file, span)
                    .help("add `type: number` or remove them"),
            );
        }
    }
}
