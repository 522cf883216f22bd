//! Cycles in a directed graph of numbered nodes: one depth-first search,
//! for the stage that moves schemas until the crates have no cycle
//! ([`crate::placement`]) and for the resolver, which boxes the fields
//! that would make a type contain itself.
//!
//! Takes the node count and each node's edges, in order; gives the edges
//! that close a cycle, or the first cycle.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

/// A depth-first search over nodes `0..len`, started from each node not
/// yet visited, in order, and following each node's edges in the order
/// `edges` gives them, as `(label, target)`. For every edge that leads
/// back to a node on the current path (it closes a cycle), calls
/// `back_edge(path, label, target)`, `path` going from where this search
/// started to the edge's source; the first `Break` ends the search and is
/// returned.
///
/// Iterative, with a stack of each path node's remaining edges: a spec can
/// chain any number of types.
pub(crate) fn back_edges<L, I, B>(
    len: usize,
    mut edges: impl FnMut(usize) -> I,
    mut back_edge: impl FnMut(&[usize], L, usize) -> ControlFlow<B>,
) -> Option<B>
where
    I: Iterator<Item = (L, usize)>,
{
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        No,
        OnPath,
        Done,
    }
    let mut seen = vec![Seen::No; len];
    let mut path: Vec<usize> = Vec::new();
    let mut pending: Vec<I> = Vec::new();
    for start in 0..len {
        if seen[start] != Seen::No {
            continue;
        }
        seen[start] = Seen::OnPath;
        path.push(start);
        pending.push(edges(start));
        while let Some(next) = pending.last_mut() {
            let Some((label, target)) = next.next() else {
                if let Some(done) = path.pop() {
                    seen[done] = Seen::Done;
                }
                pending.pop();
                continue;
            };
            match seen[target] {
                Seen::OnPath => {
                    if let ControlFlow::Break(found) = back_edge(&path, label, target) {
                        return Some(found);
                    }
                }
                Seen::No => {
                    seen[target] = Seen::OnPath;
                    path.push(target);
                    pending.push(edges(target));
                }
                Seen::Done => {}
            }
        }
    }
    None
}

/// The first cycle the search of [`back_edges`] finds, as the nodes on it
/// with the first repeated at the end; `None` if there is none. `edges[n]`
/// maps the nodes `n` depends on to anything (why it does).
pub(crate) fn first_cycle<V>(edges: &[BTreeMap<usize, V>]) -> Option<Vec<usize>> {
    back_edges(
        edges.len(),
        |n| edges[n].keys().map(|&to| ((), to)),
        |path, (), to| {
            let start = path.iter().position(|&p| p == to).unwrap_or(0);
            let mut cycle = path[start..].to_vec();
            cycle.push(to);
            ControlFlow::Break(cycle)
        },
    )
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

    #[test]
    fn every_edge_that_closes_a_cycle_is_reported_once() {
        // 0 -> 1 -> 0, 1 -> 1, 2 -> 0 (0 is done by then: no cycle), 2 -> 2.
        let g = graph(&[&[1], &[0, 1], &[0, 2]]);
        let mut found = Vec::new();
        let none: Option<()> = back_edges(
            g.len(),
            |n| g[n].keys().enumerate().map(|(i, &to)| (i, to)),
            |path, i, to| {
                found.push((path.to_vec(), i, to));
                ControlFlow::Continue(())
            },
        );
        assert_eq!(none, None);
        assert_eq!(
            found,
            [(vec![0, 1], 0, 0), (vec![0, 1], 1, 1), (vec![2], 1, 2)]
        );
    }

    #[test]
    fn a_chain_of_any_length_is_searched_without_recursion() {
        // Deeper than a thread's stack would allow a recursive search.
        let n = 1_000_000;
        let g: Vec<BTreeMap<usize, ()>> = (0..n).map(|i| [((i + 1) % n, ())].into()).collect();
        let cycle = first_cycle(&g).unwrap();
        assert_eq!(cycle.len(), n + 1);
        assert_eq!((cycle[0], cycle[n - 1], cycle[n]), (0, n - 1, 0));
    }
}
