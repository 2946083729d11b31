//! LEMON's network simplex on a flow network whose vertices are dense numbers, called through
//! the C entry point that the `mcmf` crate compiles from LEMON (pinned to mcmf 2.0.0, whose
//! `bindings.cpp` defines it). The crate's own `GraphBuilder` maps every vertex through a
//! `BTreeMap` and decomposes the flow into paths through another; on a dense 2,000 × 2,000
//! campaign (4 million arcs) that took most of the solve, while LEMON itself took a few per
//! cent. The solver is the same; only the handover is ours.

// The one place the project allows unsafe code (denied everywhere else): a foreign call
// whose arguments are checked below.
#![allow(unsafe_code)]

// Links the crate that carries LEMON (nothing of its Rust API is used here).
extern crate mcmf;

unsafe extern "C" {
    fn network_simplex_mcmf_i64(
        num_vertices: i64,
        num_edges: i64,
        node_supply: *const i64,
        edge_a: *const i64,
        edge_b: *const i64,
        edge_capacity: *const i64,
        edge_cost: *const i64,
        edge_flow_result: *mut i64,
    ) -> i64;
}

/// A flow network from vertex [`Network::SOURCE`] to vertex [`Network::SINK`].
pub struct Network {
    vertices: usize,
    from: Vec<i64>,
    to: Vec<i64>,
    capacity: Vec<i64>,
    cost: Vec<i64>,
    /// What the source must send (and the sink take) as LEMON is told it: the sum of the
    /// capacities of the arcs leaving the source and entering the sink. No flow reaches it;
    /// LEMON's artificial arcs carry the rest at a cost above any real path, so the real
    /// arcs carry a maximum flow of least cost (the reading the `mcmf` crate gives it).
    supply: i64,
}

impl Network {
    pub const SOURCE: usize = 0;
    pub const SINK: usize = 1;

    /// A network of `vertices` vertices (the source and sink included) and no arcs.
    pub fn new(vertices: usize) -> Self {
        assert!(vertices >= 2, "a source and a sink");
        Self { vertices, from: Vec::new(), to: Vec::new(), capacity: Vec::new(), cost: Vec::new(), supply: 0 }
    }

    /// Reserves room for `n` more arcs.
    pub fn reserve(&mut self, n: usize) {
        for v in [&mut self.from, &mut self.to, &mut self.capacity, &mut self.cost] {
            v.reserve(n);
        }
    }

    /// Adds an arc and returns its number. Capacities and costs are not negative.
    pub fn arc(&mut self, from: usize, to: usize, capacity: i64, cost: i64) -> usize {
        assert!(from < self.vertices && to < self.vertices, "arc {from}→{to} outside the network");
        assert!(capacity >= 0 && cost >= 0, "capacity {capacity} and cost {cost} must not be negative");
        if from == Self::SOURCE || to == Self::SINK {
            self.supply = self.supply.saturating_add(capacity);
        }
        self.from.push(from as i64);
        self.to.push(to as i64);
        self.capacity.push(capacity);
        self.cost.push(cost);
        self.from.len() - 1
    }

    /// The flow on each arc of a maximum flow of least total cost, by arc number.
    pub fn min_cost_max_flow(&self) -> Vec<i64> {
        let mut supply = vec![0i64; self.vertices];
        // LEMON takes supplies as i64 but works in int: kept within i32 as the crate does.
        let s = self.supply.min(i64::from(i32::MAX));
        supply[Self::SOURCE] = s;
        supply[Self::SINK] = -s;
        let mut flow = vec![0i64; self.from.len()];
        // SAFETY: every pointer is to a live vector of the length given (one entry per vertex
        // for the supplies, one per arc for the rest), each arc's ends are below `vertices`
        // (checked in `arc`), and the function writes only `flow`, one entry per arc.
        unsafe {
            network_simplex_mcmf_i64(
                self.vertices as i64,
                self.from.len() as i64,
                supply.as_ptr(),
                self.from.as_ptr(),
                self.to.as_ptr(),
                self.capacity.as_ptr(),
                self.cost.as_ptr(),
                flow.as_mut_ptr(),
            );
        }
        flow
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_maximum_flow_of_least_cost_even_where_the_cheap_path_blocks_the_big_flow() {
        // s→a (1), s→b (1); a→x cost 0, a→y cost 5, b→x cost 1; x→t (1), y→t (1).
        // The cheapest single pair is a–x; the maximum flow needs a–y and b–x.
        let mut n = Network::new(6);
        let (a, b, x, y) = (2, 3, 4, 5);
        n.arc(Network::SOURCE, a, 1, 0);
        n.arc(Network::SOURCE, b, 1, 0);
        let ax = n.arc(a, x, 1, 0);
        let ay = n.arc(a, y, 1, 5);
        let bx = n.arc(b, x, 1, 1);
        n.arc(x, Network::SINK, 1, 0);
        n.arc(y, Network::SINK, 1, 0);
        let f = n.min_cost_max_flow();
        assert_eq!((f[ax], f[ay], f[bx]), (0, 1, 1));
    }

    #[test]
    fn no_arc_no_flow() {
        assert!(Network::new(2).min_cost_max_flow().is_empty());
    }
}
