//! The org chart's layout on the shapes teams really have, and on paper.
use super::layout::*;
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
    let layout = choose_layout(&nodes, 0);
    let mut placed = vec![Placed::default(); 3];
    place(&nodes, 0, 0.0, 0.0, &layout, &mut placed, &mut String::new());
    let centre = |p: Placed| p.x + p.w / 2.0;
    assert!((centre(placed[0]) - (centre(placed[1]) + centre(placed[2])) / 2.0).abs() < 0.01);
    assert!(placed[1].x + placed[1].w <= placed[2].x, "siblings do not overlap");
}

#[test]
fn many_leaves_stack_in_a_column() {
    let mut nodes = vec![node("组长", (1..=8).collect())];
    nodes.extend((1..=8).map(|i| node(&format!("学员{i}"), vec![])));
    let layout = choose_layout(&nodes, 0);
    let (w, h) = layout.sizes[0];
    assert!(w < 200.0 && h > 8.0 * NODE_H, "{w} × {h}");
}

/// A lead with `n` direct reports and none below them: the flat team.
fn flat_team(n: usize) -> Vec<OrgNode> {
    let mut nodes = vec![node("项目负责人", (1..=n).collect())];
    nodes.extend((1..=n).map(|i| node(&format!("学员创作者 {i}"), vec![])));
    nodes
}

/// Where each node of the chart is, after `svg`'s own choice of layout.
fn placed(nodes: &[OrgNode]) -> (Layout, Vec<Placed>) {
    let layout = choose_layout(nodes, 0);
    let mut placed = vec![Placed::default(); nodes.len()];
    place(nodes, 0, MARGIN, MARGIN, &layout, &mut placed, &mut String::new());
    (layout, placed)
}

#[test]
fn a_flat_team_of_twenty_nine_wraps_into_rows_that_print_at_six_points_or_more() {
    let nodes = flat_team(29);
    let (layout, placed) = placed(&nodes);
    let label_pt = FONT_PX * layout.print_scale(0) * 0.75;
    assert!(label_pt >= 6.0, "labels print at {label_pt:.1} pt");
    let rows: std::collections::BTreeSet<u64> = placed[1..].iter().map(|p| p.y as u64).collect();
    assert!(rows.len() > 1 && rows.len() < 29, "{} rows", rows.len());
    // No two boxes overlap, and every report is below the lead.
    for (a, pa) in placed.iter().enumerate() {
        for pb in &placed[a + 1..] {
            let apart = pa.x + pa.w <= pb.x || pb.x + pb.w <= pa.x || pa.y + NODE_H <= pb.y || pb.y + NODE_H <= pa.y;
            assert!(apart, "boxes overlap");
        }
    }
    assert!(placed[1..].iter().all(|p| p.y > placed[0].y + NODE_H));
}

/// A tree from each role's parent (`None` for the top), every label as long as a
/// typical one.
fn tree(parents: &[Option<usize>]) -> Vec<OrgNode> {
    let mut nodes: Vec<OrgNode> = (0..parents.len())
        .map(|i| node(&format!("学员创作者{i}"), vec![]))
        .collect();
    for (i, parent) in parents.iter().enumerate() {
        if let Some(p) = *parent {
            nodes[p].children.push(i);
        }
    }
    nodes
}

/// `groups` middle roles under the top, each with `size` roles under it.
fn groups(groups: usize, size: usize) -> Vec<Option<usize>> {
    let mut parents = vec![None];
    for _ in 0..groups {
        let middle = parents.len();
        parents.push(Some(0));
        parents.extend(std::iter::repeat_n(Some(middle), size));
    }
    parents
}

#[test]
fn thirty_roles_of_the_common_shapes_print_at_six_points_or_more() {
    let mut flat_with_three_teams = vec![None];
    flat_with_three_teams.extend(std::iter::repeat_n(Some(0), 20));
    flat_with_three_teams.extend((1..=3).flat_map(|p| std::iter::repeat_n(Some(p), 3)));
    let chain: Vec<Option<usize>> = (0..14usize).map(|i| i.checked_sub(1)).collect();
    let shapes = [
        (
            "a lead and 29 reports",
            std::iter::once(None).chain(std::iter::repeat_n(Some(0), 29)).collect(),
        ),
        ("20 reports, 3 of them with 3", flat_with_three_teams),
        ("2 teams of 14", groups(2, 14)),
        ("5 teams of 5", groups(5, 5)),
        ("3 teams of 9", groups(3, 9)),
        ("a chain 14 deep", chain),
    ];
    for (name, parents) in shapes {
        let nodes = tree(&parents);
        let label_pt = FONT_PX * choose_layout(&nodes, 0).print_scale(0) * 0.75;
        assert!(
            label_pt >= 6.0,
            "{name} ({} roles): labels print at {label_pt:.1} pt",
            nodes.len()
        );
    }
}

#[test]
fn rows_are_split_evenly_within_the_width() {
    let unwrapped = split_rows(&[100.0; 5], f64::INFINITY);
    assert_eq!((unwrapped.len(), unwrapped[0].clone()), (1, 0..5));
    // 100 + 24 + 100 + 24 + 100 = 348 fits, a fourth does not: 10 in 4 rows of 3, 3, 2, 2.
    assert_eq!(split_rows(&[100.0; 10], 350.0), [0..3, 3..6, 6..8, 8..10]);
    assert_eq!(split_rows(&[500.0, 10.0], 100.0), [0..1, 1..2]);
}

#[test]
fn a_small_tree_keeps_its_plain_layout() {
    let nodes = vec![
        node("项目负责人", vec![1, 2]),
        node("项目经理", vec![]),
        node("企业导师", vec![]),
    ];
    let (layout, _) = placed(&nodes);
    assert_eq!(layout.rules.wrap, f64::INFINITY);
    assert_eq!(layout.rules.column_max, usize::MAX);
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
