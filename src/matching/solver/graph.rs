//! The feasible-pair graph: adjacency by child and its connected components.

use std::borrow::Cow;

use super::{Edge, NONE};

/// Children → mentors adjacency (CSR), duplicates merged, zero-capacity mentors dropped.
pub(super) struct Graph<'a> {
    pub(super) n_children: usize,
    /// Child `c`'s pairs are `edges[start[c]..start[c + 1]]`.
    pub(super) start: Vec<usize>,
    /// Borrowed when the caller's edges are already grouped by child, duplicate-free and use no
    /// zero-capacity mentor (the common case: saves copying ~400 MB for a 5,000² city).
    pub(super) edges: Cow<'a, [Edge]>,
    /// Number of distinct children adjacent to each mentor.
    pub(super) mentor_degree: Vec<u32>,
}

impl<'a> Graph<'a> {
    /// O(edges); a counting sort by child, never a comparison sort.
    pub(super) fn build(n_children: usize, capacity: &[u32], edges: &'a [Edge]) -> Graph<'a> {
        let n_mentors = capacity.len();
        let mut start = vec![0usize; n_children + 1];
        let mut grouped = true;
        let mut has_zero_capacity = false;
        let mut previous_child = 0;
        for e in edges {
            assert!((e.child as usize) < n_children, "edge child {} out of range", e.child);
            assert!((e.mentor as usize) < n_mentors, "edge mentor {} out of range", e.mentor);
            assert!(e.score >= 0, "negative score {}", e.score);
            grouped &= e.child >= previous_child;
            previous_child = e.child;
            if capacity[e.mentor as usize] > 0 {
                start[e.child as usize + 1] += 1;
            } else {
                has_zero_capacity = true;
            }
        }
        for c in 0..n_children {
            start[c + 1] += start[c];
        }

        // `last_child[m]`: last child seen with mentor m, to detect duplicates and count degrees.
        let mut last_child = vec![NONE; n_mentors];
        let mut mentor_degree = vec![0u32; n_mentors];
        if grouped && !has_zero_capacity {
            let mut duplicate = false;
            'scan: for c in 0..n_children {
                for e in &edges[start[c]..start[c + 1]] {
                    let m = e.mentor as usize;
                    if last_child[m] == c as u32 {
                        duplicate = true;
                        break 'scan;
                    }
                    last_child[m] = c as u32;
                    mentor_degree[m] += 1;
                }
            }
            if !duplicate {
                return Graph { n_children, start, edges: Cow::Borrowed(edges), mentor_degree };
            }
            last_child.fill(NONE);
            mentor_degree.fill(0);
        }

        let placeholder = Edge { child: 0, mentor: 0, score: 0 };
        let mut sorted = vec![placeholder; start[n_children]];
        let mut fill = start.clone();
        for e in edges {
            if capacity[e.mentor as usize] > 0 {
                let at = &mut fill[e.child as usize];
                sorted[*at] = *e;
                *at += 1;
            }
        }
        // Merge duplicates in place (write index never overtakes read index), keeping the best.
        let mut position = vec![0usize; n_mentors];
        let mut write = 0;
        for c in 0..n_children {
            let (begin, end) = (start[c], start[c + 1]);
            start[c] = write;
            for read in begin..end {
                let e = sorted[read];
                let m = e.mentor as usize;
                if last_child[m] == c as u32 {
                    let at = position[m];
                    sorted[at].score = sorted[at].score.max(e.score);
                } else {
                    last_child[m] = c as u32;
                    position[m] = write;
                    mentor_degree[m] += 1;
                    sorted[write] = e;
                    write += 1;
                }
            }
        }
        start[n_children] = write;
        sorted.truncate(write);
        Graph { n_children, start, edges: Cow::Owned(sorted), mentor_degree }
    }

    pub(super) fn neighbours(&self, child: usize) -> &[Edge] {
        &self.edges[self.start[child]..self.start[child + 1]]
    }

    /// Connected components, numbered by their smallest child; members in ascending order.
    pub(super) fn components(&self, capacity: &[u32]) -> Vec<Component> {
        let n = self.n_children;
        let mut uf = UnionFind::new(n + capacity.len());
        for c in 0..n {
            let mut root = uf.find(c);
            for e in self.neighbours(c) {
                root = uf.union_roots(root, n + e.mentor as usize);
            }
        }
        let mut comp_of_root = vec![NONE; n + capacity.len()];
        let mut components: Vec<Component> = Vec::new();
        for c in 0..n {
            if self.start[c] == self.start[c + 1] {
                continue; // no feasible pair: stays unmatched
            }
            let root = uf.find(c);
            if comp_of_root[root] == NONE {
                comp_of_root[root] = components.len() as u32;
                components.push(Component::default());
            }
            components[comp_of_root[root] as usize].children.push(c as u32);
        }
        for (m, &degree) in self.mentor_degree.iter().enumerate() {
            if degree > 0 {
                let comp = comp_of_root[uf.find(n + m)] as usize;
                components[comp].mentors.push(m as u32);
            }
        }
        components
    }
}

struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind { parent: (0..n as u32).collect() }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] as usize != x {
            let grand = self.parent[self.parent[x] as usize];
            self.parent[x] = grand; // path halving
            x = grand as usize;
        }
        x
    }
    /// Joins root `ra` with the set of `b`; returns the new root.  Links the larger index under
    /// the smaller one (roots only matter for the partition, which is order independent).
    fn union_roots(&mut self, ra: usize, b: usize) -> usize {
        let rb = self.find(b);
        match ra.cmp(&rb) {
            std::cmp::Ordering::Less => {
                self.parent[rb] = ra as u32;
                ra
            }
            std::cmp::Ordering::Greater => {
                self.parent[ra] = rb as u32;
                rb
            }
            std::cmp::Ordering::Equal => ra,
        }
    }
}

#[derive(Default)]
pub(super) struct Component {
    pub(super) children: Vec<u32>,
    pub(super) mentors: Vec<u32>,
}
