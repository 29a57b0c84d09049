//! The role hierarchy drawn as SVG at build time: no JavaScript, prints as it shows.
//!
//! A tidy top-down tree: each parent centred over its children. A parent whose children
//! are all leaves and more than three stacks them in a column instead, which keeps wide
//! teams (one lead, many members) on one A4 landscape page.

use std::fmt::Write;

const NODE_H: f64 = 44.0;
const H_GAP: f64 = 24.0;
const V_GAP: f64 = 40.0;
const COLUMN_INDENT: f64 = 24.0;
const COLUMN_GAP: f64 = 10.0;
const FONT_PX: f64 = 16.0;
const MARGIN: f64 = 8.0;

pub struct OrgNode {
    pub label: String,
    /// Relative URL of the role page.
    pub href: String,
    pub children: Vec<usize>,
}

#[derive(Clone, Copy, Default)]
struct Placed {
    x: f64,
    y: f64,
    w: f64,
}

/// Estimated rendered width: CJK characters are square, Latin ones about half as wide.
fn text_width(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 0.6 } else { 1.0 }).sum::<f64>() * FONT_PX
}

fn node_width(n: &OrgNode) -> f64 {
    text_width(&n.label) + 28.0
}

fn is_column(nodes: &[OrgNode], i: usize) -> bool {
    let kids = &nodes[i].children;
    kids.len() > 3 && kids.iter().all(|&k| nodes[k].children.is_empty())
}

/// (width, height) of the subtree under `root`, and of every subtree below it in `sizes`.
/// Children before parents, with a stack of our own rather than recursion: a
/// `reports_to` chain thousands of roles long must not overflow the thread's stack.
fn measure(nodes: &[OrgNode], root: usize, sizes: &mut [(f64, f64)]) -> (f64, f64) {
    // (node, whether its children are measured already)
    let mut stack = vec![(root, false)];
    while let Some((i, children_done)) = stack.pop() {
        let kids = &nodes[i].children;
        let row = !kids.is_empty() && !is_column(nodes, i);
        if row && !children_done {
            stack.push((i, true));
            stack.extend(kids.iter().rev().map(|&k| (k, false)));
            continue;
        }
        let w = node_width(&nodes[i]);
        sizes[i] = if kids.is_empty() {
            (w, NODE_H)
        } else if !row {
            let widest = kids.iter().map(|&k| node_width(&nodes[k])).fold(0.0, f64::max);
            let h = NODE_H + COLUMN_GAP + kids.len() as f64 * (NODE_H + COLUMN_GAP);
            (w.max(COLUMN_INDENT + widest), h)
        } else {
            let (mut total, mut tallest) = (0.0, 0.0f64);
            for &k in kids {
                let (cw, ch) = sizes[k];
                total += cw;
                tallest = tallest.max(ch);
            }
            total += H_GAP * (kids.len() - 1) as f64;
            (w.max(total), NODE_H + V_GAP + tallest)
        };
    }
    sizes[root]
}

/// Place the subtree under `root` with its box's top left corner at (`left`, `top`).
/// Boxes are handed down from parent to children; a parent is centred over its children,
/// and its edges drawn, once they are placed (the order a recursive walk would take).
fn place(
    nodes: &[OrgNode],
    root: usize,
    left: f64,
    top: f64,
    sizes: &[(f64, f64)],
    out: &mut [Placed],
    edges: &mut String,
) {
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
        if is_column(nodes, i) {
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
        let child_top = top + NODE_H + V_GAP;
        if !children_done {
            let row: f64 = kids.iter().map(|&k| sizes[k].0).sum::<f64>() + H_GAP * (kids.len() - 1) as f64;
            let mut x = left + (box_w - row) / 2.0;
            let mut boxes = Vec::with_capacity(kids.len());
            for &k in kids {
                boxes.push((k, x, child_top, false));
                x += sizes[k].0 + H_GAP;
            }
            stack.push((i, left, top, true));
            stack.extend(boxes.into_iter().rev());
            continue;
        }
        let centres: Vec<f64> = kids.iter().map(|&k| out[k].x + out[k].w / 2.0).collect();
        let first = centres[0];
        let last = centres[centres.len() - 1];
        let centre = (first + last) / 2.0;
        out[i] = Placed {
            x: centre - w / 2.0,
            y: top,
            w,
        };
        let mid = top + NODE_H + V_GAP / 2.0;
        let _ = write!(
            edges,
            "M{centre:.1} {:.1}V{mid:.1}M{first:.1} {mid:.1}H{last:.1}",
            top + NODE_H
        );
        for c in centres {
            let _ = write!(edges, "M{c:.1} {mid:.1}V{child_top:.1}");
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
    let mut sizes = vec![(0.0, 0.0); nodes.len()];
    let (w, h) = measure(nodes, root, &mut sizes);
    let mut placed = vec![Placed::default(); nodes.len()];
    let mut edges = String::new();
    place(nodes, root, MARGIN, MARGIN, &sizes, &mut placed, &mut edges);
    let (vw, vh) = (w + 2.0 * MARGIN, h + 2.0 * MARGIN);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn node(label: &str, children: Vec<usize>) -> OrgNode {
        OrgNode {
            label: label.into(),
            href: format!("{label}.html"),
            children,
        }
    }

    #[test]
    fn one_node_per_role_parents_centred() {
        let nodes = vec![
            node("项目负责人", vec![1, 2]),
            node("项目经理", vec![]),
            node("企业导师", vec![]),
        ];
        let svg = svg(&nodes, 0, "组织结构图");
        assert_eq!(svg.matches("class=\"org-node\"").count(), 3);
        assert!(svg.contains(">项目负责人</text>"));
        let mut sizes = vec![(0.0, 0.0); 3];
        measure(&nodes, 0, &mut sizes);
        let mut placed = vec![Placed::default(); 3];
        place(&nodes, 0, 0.0, 0.0, &sizes, &mut placed, &mut String::new());
        let centre = |p: Placed| p.x + p.w / 2.0;
        assert!((centre(placed[0]) - (centre(placed[1]) + centre(placed[2])) / 2.0).abs() < 0.01);
        assert!(placed[1].x + placed[1].w <= placed[2].x, "siblings do not overlap");
    }

    #[test]
    fn many_leaves_stack_in_a_column() {
        let mut nodes = vec![node("组长", (1..=8).collect())];
        nodes.extend((1..=8).map(|i| node(&format!("学员{i}"), vec![])));
        let mut sizes = vec![(0.0, 0.0); nodes.len()];
        let (w, h) = measure(&nodes, 0, &mut sizes);
        assert!(w < 200.0 && h > 8.0 * NODE_H, "{w} × {h}");
    }

    #[test]
    fn a_chain_of_many_thousand_roles_does_not_overflow_the_stack() {
        let n = 100_000;
        let nodes: Vec<OrgNode> = (0..n)
            .map(|i| node(&format!("r{i}"), if i + 1 < n { vec![i + 1] } else { vec![] }))
            .collect();
        let svg = svg(&nodes, 0, "t");
        assert_eq!(svg.matches("class=\"org-node\"").count(), n);
    }

    #[test]
    fn labels_are_escaped() {
        let nodes = vec![node("<script>x</script>", vec![])];
        assert!(svg(&nodes, 0, "t").contains("&lt;script&gt;"));
    }
}
