//! Cycles in a dependency graph of numbered nodes (crates), for the stage
//! that moves schemas until the crates have none ([`crate::placement`]).

use std::collections::BTreeMap;

/// The first cycle a depth-first search finds, visiting nodes and their
/// edges in order, as the nodes on it with the first repeated at the end;
/// `None` if there is none. `edges[n]` maps the nodes `n` depends on to
/// anything (why it does).
pub(crate) fn first_cycle<V>(edges: &[BTreeMap<usize, V>]) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        No,
        OnPath,
        Done,
    }
    fn visit<V>(
        at: usize,
        edges: &[BTreeMap<usize, V>],
        seen: &mut [Seen],
        path: &mut Vec<usize>,
    ) -> Option<Vec<usize>> {
        seen[at] = Seen::OnPath;
        path.push(at);
        for &next in edges[at].keys() {
            match seen[next] {
                Seen::OnPath => {
                    let start = path.iter().position(|&p| p == next).unwrap_or(0);
                    let mut cycle = path[start..].to_vec();
                    cycle.push(next);
                    return Some(cycle);
                }
                Seen::No => {
                    if let Some(cycle) = visit(next, edges, seen, path) {
                        return Some(cycle);
                    }
                }
                Seen::Done => {}
            }
        }
        path.pop();
        seen[at] = Seen::Done;
        None
    }
    let mut seen = vec![Seen::No; edges.len()];
    (0..edges.len()).find_map(|start| {
        if seen[start] == Seen::No {
            visit(start, edges, &mut seen, &mut Vec::new())
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[&[usize]]) -> Vec<BTreeMap<usize, ()>> {
        edges
            .iter()
            .map(|to| to.iter().map(|&t| (t, ())).collect())
            .collect()
    }

    #[test]
    fn acyclic_graphs_have_no_cycle() {
        assert_eq!(first_cycle(&graph(&[])), None);
        assert_eq!(first_cycle(&graph(&[&[1, 2], &[2], &[]])), None);
    }

    #[test]
    fn the_cycle_is_the_path_from_where_it_closes() {
        // 0 -> 1 -> 2 -> 1: the cycle is 1 -> 2 -> 1, not the path from 0.
        assert_eq!(
            first_cycle(&graph(&[&[1], &[2], &[1]])),
            Some(vec![1, 2, 1])
        );
        assert_eq!(first_cycle(&graph(&[&[0]])), Some(vec![0, 0]));
    }

    #[test]
    fn nodes_and_edges_are_visited_in_order() {
        // Two cycles, 1 <-> 2 and 3 <-> 4: from 0, edge 1 comes before 3
        // whatever order they were listed in; without 0, node 1 before 3.
        let g = graph(&[&[3, 1], &[2], &[1], &[4], &[3]]);
        assert_eq!(first_cycle(&g), Some(vec![1, 2, 1]));
        // 1 -> 4 -> 3 -> 4: the cycle starts where the search entered it.
        let g = graph(&[&[], &[4], &[1], &[4], &[3]]);
        assert_eq!(first_cycle(&g), Some(vec![4, 3, 4]));
        let g = graph(&[&[], &[2], &[1], &[4], &[3]]);
        assert_eq!(first_cycle(&g), Some(vec![1, 2, 1]));
    }
}
