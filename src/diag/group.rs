//! Folding repeated warnings: a book of 125 lessons without slide breaks gives 125 warnings
//! that differ only in their file and numbers. Printed one by one they bury everything
//! else, so each kind beyond `SHOWN_ALONE` is shown once, with a count and the first few
//! locations; `--verbose` shows them all. Errors are never folded: each must be fixed.

use super::{Diagnostic, Severity};

/// Warnings of one kind shown one by one before they are folded into one entry.
pub const SHOWN_ALONE: usize = 3;

/// Locations listed in a folded entry.
pub const LOCATIONS_LISTED: usize = 3;

/// One entry of the printed report.
#[derive(Debug)]
pub enum Entry<'a> {
    One(&'a Diagnostic),
    /// Warnings of one kind, in report order; the first one stands for them all.
    Folded(Vec<&'a Diagnostic>),
}

/// The report's entries: every error and each kind of warning seen up to `SHOWN_ALONE`
/// times as it is, a kind seen more often as one `Folded` entry where its first one was.
pub fn fold<'a>(ds: impl IntoIterator<Item = &'a Diagnostic>) -> Vec<Entry<'a>> {
    let ds: Vec<&Diagnostic> = ds.into_iter().collect();
    let kinds: Vec<Option<String>> = ds.iter().map(|d| kind(d)).collect();
    let mut entries = Vec::new();
    let mut done = vec![false; ds.len()];
    for i in 0..ds.len() {
        if done[i] {
            continue;
        }
        let same: Vec<usize> = match &kinds[i] {
            Some(k) => (i..ds.len()).filter(|&j| kinds[j].as_ref() == Some(k)).collect(),
            None => vec![i],
        };
        if same.len() > SHOWN_ALONE {
            for &j in &same {
                done[j] = true;
            }
            entries.push(Entry::Folded(same.iter().map(|&j| ds[j]).collect()));
        } else {
            entries.push(Entry::One(ds[i]));
        }
    }
    entries
}

/// What makes two warnings "the same kind": the message with its numbers and quoted
/// names blanked out, and the help. `None` for errors, which are never folded.
fn kind(d: &Diagnostic) -> Option<String> {
    if d.severity == Severity::Error {
        return None;
    }
    let mut out = String::with_capacity(d.message.len());
    let mut quoted = false;
    let mut digits = false;
    for c in d.message.chars() {
        match c {
            '`' => {
                quoted = !quoted;
                out.push('`');
            }
            _ if quoted => {}
            '0'..='9' if digits => {}
            '0'..='9' => {
                digits = true;
                out.push('#');
                continue;
            }
            _ => out.push(c),
        }
        digits = false;
    }
    out.push('\n');
    out.push_str(d.help.as_deref().unwrap_or(""));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warn(msg: &str) -> Diagnostic {
        Diagnostic::warning(msg).help("split it")
    }

    #[test]
    fn a_kind_seen_often_is_folded_and_errors_never_are() {
        let ds: Vec<Diagnostic> = (1..=5)
            .map(|i| warn(&format!("slide {i} is too long: about {}% to fit", 40 + i)))
            .chain((0..5).map(|i| Diagnostic::error(format!("unknown lesson `x{i}`"))))
            .chain([warn("lesson `a` has no role"), warn("lesson `b` has no role")])
            .collect();
        let entries = fold(&ds);
        let shapes: Vec<usize> = entries
            .iter()
            .map(|e| match e {
                Entry::One(_) => 1,
                Entry::Folded(all) => all.len(),
            })
            .collect();
        assert_eq!(shapes, [5, 1, 1, 1, 1, 1, 1, 1]);
    }
}
