//! The role hierarchy drawn as SVG at build time: no JavaScript, prints as it shows.
//!
//! A tidy top-down tree: each parent centred over its children. A parent of a few leaves
//! (four to eight) may stack them in a column, and a level too wide for the page
//! wraps into several rows hung from a rail on the left. Which of those to use is chosen
//! for the whole chart by the size its labels print at on one A4 landscape page.

use std::fmt::Write;

mod layout;
#[cfg(test)]
mod tests;

use layout::{
    choose_layout, is_column, node_width, Layout, Placed, COLUMN_GAP, COLUMN_INDENT, H_GAP, MARGIN, NODE_H, V_GAP,
};

pub struct OrgNode {
    pub label: String,
    /// Relative URL of the role page.
    pub href: String,
    pub children: Vec<usize>,
}

/// Place the subtree under `root` with its box's top left corner at (`left`, `top`).
/// Boxes are handed down from parent to children; a parent is centred over its (first
/// row of) children, and its edges drawn, once they are placed (the order a recursive
/// walk would take).
fn place(nodes: &[OrgNode], root: usize, left: f64, top: f64, layout: &Layout, out: &mut [Placed], edges: &mut String) {
    let sizes = &layout.sizes;
    // (node, its box's left and top, whether its children are placed already)
    let mut stack = vec![(root, left, top, false)];
    while let Some((i, left, top, children_done)) = stack.pop() {
        let w = node_width(&nodes[i]);
        let (box_w, _) = sizes[i];
        let kids = &nodes[i].children;
        if kids.is_empty() {
            out[i] = Placed {
                x: left + (box_w - w) / 2.0,
                y: top,
                w,
            };
            continue;
        }
        if is_column(nodes, i, layout.rules) {
            let me = Placed { x: left, y: top, w };
            out[i] = me;
            let rail = left + COLUMN_INDENT / 2.0;
            let mut y = top + NODE_H + COLUMN_GAP;
            for &k in kids {
                out[k] = Placed {
                    x: left + COLUMN_INDENT,
                    y,
                    w: node_width(&nodes[k]),
                };
                let _ = write!(
                    edges,
                    "M{rail:.1} {:.1}V{:.1}H{:.1}",
                    y - COLUMN_GAP,
                    y + NODE_H / 2.0,
                    left + COLUMN_INDENT
                );
                y += NODE_H + COLUMN_GAP;
            }
            continue;
        }
        let rows = &layout.rows[i];
        let wrapped = rows.len() > 1;
        if !children_done {
            let mut boxes = Vec::with_capacity(kids.len());
            let mut row_top = top + NODE_H + V_GAP;
            for row in rows {
                let row_kids = &kids[row.clone()];
                let row_w = row_kids.iter().map(|&k| sizes[k].0).sum::<f64>() + H_GAP * (row.len() - 1) as f64;
                // One row is centred under the parent; wrapped rows start after the rail.
                let mut x = if wrapped {
                    left + COLUMN_INDENT
                } else {
                    left + (box_w - row_w) / 2.0
                };
                for &k in row_kids {
                    boxes.push((k, x, row_top, false));
                    x += sizes[k].0 + H_GAP;
                }
                row_top += row_kids.iter().map(|&k| sizes[k].1).fold(0.0, f64::max) + V_GAP;
            }
            stack.push((i, left, top, true));
            stack.extend(boxes.into_iter().rev());
            continue;
        }
        let centre_of = |out: &[Placed], k: usize| out[k].x + out[k].w / 2.0;
        let first_row = &kids[rows[0].clone()];
        let centre = (centre_of(out, first_row[0]) + centre_of(out, first_row[first_row.len() - 1])) / 2.0;
        out[i] = Placed {
            x: centre - w / 2.0,
            y: top,
            w,
        };
        let rail = left + COLUMN_INDENT / 2.0;
        let _ = write!(edges, "M{centre:.1} {:.1}", top + NODE_H);
        for (r, row) in rows.iter().enumerate() {
            let row_kids = &kids[row.clone()];
            let child_top = out[row_kids[0]].y;
            let bus = child_top - V_GAP / 2.0;
            if r == 0 {
                let _ = write!(edges, "V{bus:.1}");
            }
            let (first, last) = (
                centre_of(out, row_kids[0]),
                centre_of(out, row_kids[row_kids.len() - 1]),
            );
            let from = if wrapped { rail } else { first };
            // The first bus also reaches the line down from the parent.
            let to = if r == 0 { last.max(centre) } else { last };
            let _ = write!(edges, "M{from:.1} {bus:.1}H{to:.1}");
            for &k in row_kids {
                let _ = write!(edges, "M{:.1} {bus:.1}V{child_top:.1}", centre_of(out, k));
            }
            if wrapped && r > 0 {
                // The rail, from the bus above down to this one.
                let above = out[kids[rows[r - 1].start]].y - V_GAP / 2.0;
                let _ = write!(edges, "M{rail:.1} {above:.1}V{bus:.1}");
            }
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The chart for the tree under `root`, titled `title`.
pub fn svg(nodes: &[OrgNode], root: usize, title: &str) -> String {
    let layout = choose_layout(nodes, root);
    let mut placed = vec![Placed::default(); nodes.len()];
    let mut edges = String::new();
    place(nodes, root, MARGIN, MARGIN, &layout, &mut placed, &mut edges);
    let (vw, vh) = layout.view(root);
    // No role="img": an image's content is hidden from assistive technology, and the chart
    // holds a link to every role page. The default role keeps the links; the title names it.
    let mut svg = format!(
        "<svg class=\"org-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {vw:.0} {vh:.0}\" width=\"{vw:.0}\" height=\"{vh:.0}\" aria-labelledby=\"org-chart-title\">\n<title id=\"org-chart-title\">{}</title>\n<path class=\"org-edges\" d=\"{edges}\" fill=\"none\"/>\n",
        escape(title)
    );
    let mut order: Vec<usize> = (0..nodes.len()).filter(|&i| placed[i].w > 0.0).collect();
    order.sort_by(|&a, &b| {
        (placed[a].y, placed[a].x)
            .partial_cmp(&(placed[b].y, placed[b].x))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for i in order {
        let Placed { x, y, w } = placed[i];
        let _ = writeln!(
            svg,
            "<a class=\"org-node\" href=\"{}\"><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{NODE_H}\" rx=\"8\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" dominant-baseline=\"central\">{}</text></a>",
            escape(&nodes[i].href),
            x + w / 2.0,
            y + NODE_H / 2.0,
            escape(&nodes[i].label)
        );
    }
    svg.push_str("</svg>");
    svg
}
