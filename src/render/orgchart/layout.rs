//! Measuring the chart: each subtree's size under a set of layout rules, and the choice of
//! rules for the whole chart by the size its labels print at.

use std::ops::Range;

use super::OrgNode;

pub(super) const NODE_H: f64 = 44.0;
pub(super) const H_GAP: f64 = 24.0;
pub(super) const V_GAP: f64 = 40.0;
/// Room on the left of a column or of wrapped rows for the rail their edges hang from.
pub(super) const COLUMN_INDENT: f64 = 24.0;
pub(super) const COLUMN_GAP: f64 = 10.0;
pub(super) const FONT_PX: f64 = 16.0;
pub(super) const MARGIN: f64 = 8.0;
/// The most leaves stacked in one column; more are laid out in (wrapped) rows instead.
const COLUMN_MAX: usize = 8;

/// The box the chart is printed into, in CSS px: A4 landscape less the 12 mm margins of
/// roles.html's `@page`, and at most lectern.css's `max-height: 160mm`.
const PRINT_W: f64 = (297.0 - 24.0) / 25.4 * 96.0;
const PRINT_H: f64 = 160.0 / 25.4 * 96.0;
/// A layout whose labels print at this scale (12 pt) or more needs no other.
const ENOUGH_SCALE: f64 = 1.0;
/// Each candidate row width is this fraction of the one before.
const WRAP_STEP: f64 = 0.8;

#[derive(Clone, Copy, Default)]
pub(super) struct Placed {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) w: f64,
}

/// How to lay out a chart: the layout choices `svg` tries.
#[derive(Clone, Copy)]
pub(super) struct Rules {
    /// A parent of more than 3 and at most this many leaves stacks them in a column.
    pub(super) column_max: usize,
    /// The widest a row of children may be before it wraps.
    pub(super) wrap: f64,
}

/// A measured chart: (width, height) of every subtree, and each parent's children split
/// into rows (ranges of its `children`; empty for leaves and columns).
pub(super) struct Layout {
    pub(super) rules: Rules,
    pub(super) sizes: Vec<(f64, f64)>,
    pub(super) rows: Vec<Vec<Range<usize>>>,
}

impl Layout {
    /// The chart's size with its margins, as the SVG's viewBox.
    pub(super) fn view(&self, root: usize) -> (f64, f64) {
        let (w, h) = self.sizes[root];
        (w + 2.0 * MARGIN, h + 2.0 * MARGIN)
    }

    /// How much the chart is scaled when printed: by width or by height, whichever binds.
    pub(super) fn print_scale(&self, root: usize) -> f64 {
        let (w, h) = self.view(root);
        (PRINT_W / w).min(PRINT_H / h)
    }

    /// True when height limits the printed size: narrower rows would not help.
    fn height_bound(&self, root: usize) -> bool {
        let (w, h) = self.view(root);
        PRINT_H / h <= PRINT_W / w
    }
}

/// Estimated rendered width: CJK characters are square, Latin ones about half as wide.
fn text_width(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 0.6 } else { 1.0 }).sum::<f64>() * FONT_PX
}

pub(super) fn node_width(n: &OrgNode) -> f64 {
    text_width(&n.label) + 28.0
}

pub(super) fn is_column(nodes: &[OrgNode], i: usize, rules: Rules) -> bool {
    let kids = &nodes[i].children;
    (4..=rules.column_max).contains(&kids.len()) && kids.iter().all(|&k| nodes[k].children.is_empty())
}

/// `widths` (of siblings, in order) split into as few rows as keep each within `wrap`
/// (a wider single child gets a row of its own), then evened out so that row lengths
/// differ by one at most, longer rows first.
pub(super) fn split_rows(widths: &[f64], wrap: f64) -> Vec<Range<usize>> {
    let mut count = 1;
    let mut row = 0.0;
    for (i, &w) in widths.iter().enumerate() {
        if i > 0 && row + H_GAP + w > wrap {
            count += 1;
            row = w;
        } else {
            row += if i > 0 { H_GAP + w } else { w };
        }
    }
    let (per, extra) = (widths.len() / count, widths.len() % count);
    let mut start = 0;
    (0..count)
        .map(|r| {
            let len = per + usize::from(r < extra);
            start += len;
            start - len..start
        })
        .collect()
}

/// Measure the subtree under `root` with `rules`. Children before parents, with a stack
/// of our own rather than recursion: a `reports_to` chain thousands of roles long must not
/// overflow the thread's stack.
fn measure(nodes: &[OrgNode], root: usize, rules: Rules) -> Layout {
    let mut layout = Layout {
        rules,
        sizes: vec![(0.0, 0.0); nodes.len()],
        rows: vec![Vec::new(); nodes.len()],
    };
    // (node, whether its children are measured already)
    let mut stack = vec![(root, false)];
    while let Some((i, children_done)) = stack.pop() {
        let kids = &nodes[i].children;
        let in_rows = !kids.is_empty() && !is_column(nodes, i, rules);
        if in_rows && !children_done {
            stack.push((i, true));
            stack.extend(kids.iter().rev().map(|&k| (k, false)));
            continue;
        }
        let w = node_width(&nodes[i]);
        layout.sizes[i] = if kids.is_empty() {
            (w, NODE_H)
        } else if !in_rows {
            let widest = kids.iter().map(|&k| node_width(&nodes[k])).fold(0.0, f64::max);
            let h = NODE_H + COLUMN_GAP + kids.len() as f64 * (NODE_H + COLUMN_GAP);
            (w.max(COLUMN_INDENT + widest), h)
        } else {
            let widths: Vec<f64> = kids.iter().map(|&k| layout.sizes[k].0).collect();
            let rows = split_rows(&widths, rules.wrap);
            let (mut widest, mut height) = (0.0f64, NODE_H);
            for row in &rows {
                let row_w = widths[row.clone()].iter().sum::<f64>() + H_GAP * (row.len() - 1) as f64;
                let tallest = kids[row.clone()].iter().map(|&k| layout.sizes[k].1).fold(0.0, f64::max);
                widest = widest.max(row_w);
                height += V_GAP + tallest;
            }
            let indent = if rows.len() > 1 { COLUMN_INDENT } else { 0.0 };
            layout.rows[i] = rows;
            (w.max(indent + widest), height)
        };
    }
    layout
}

/// The layout to draw: the plain tree first (columns for every parent of leaves, no
/// wrapping), then with shorter columns and ever narrower rows, keeping the one whose
/// labels print largest (up to [`ENOUGH_SCALE`]; the first of equals).
pub(super) fn choose_layout(nodes: &[OrgNode], root: usize) -> Layout {
    let mut best: Option<Layout> = None;
    let score = |l: &Layout| l.print_scale(root).min(ENOUGH_SCALE);
    for column_max in [usize::MAX, COLUMN_MAX] {
        let mut wrap = f64::INFINITY;
        loop {
            let layout = measure(nodes, root, Rules { column_max, wrap });
            let width = layout.sizes[root].0;
            let done = layout.height_bound(root) || score(&layout) >= ENOUGH_SCALE;
            if best.as_ref().is_none_or(|b| score(&layout) > score(b)) {
                best = Some(layout);
            }
            // Narrower rows only help while width is what limits the print. (A subtree
            // wider than `wrap` keeps the chart as wide: go on from `wrap`, not the width.)
            wrap = wrap.min(width) * WRAP_STEP;
            if done || wrap < node_width(&nodes[root]) {
                break;
            }
        }
        if best.as_ref().is_some_and(|b| score(b) >= ENOUGH_SCALE) {
            break;
        }
    }
    best.expect("at least one layout")
}
