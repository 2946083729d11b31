//! Campaigns (专项行动): an office pairs many enterprises with many villages at once. This is
//! the optimiser: given each candidate village–enterprise pair's score, the capacities and the
//! office's rules, it covers as many villages as can be covered and, among the ways to do
//! that, takes the greatest total score — solved exactly as a minimum-cost maximum flow by
//! LEMON's network simplex (the `mcmf` crate), not by a greedy pass.
//!
//! The network: source → each village (capacity: partners per village), village → enterprise
//! for each candidate pair (capacity 1, cost what its score falls short of 1), enterprise →
//! sink (capacity: how many villages it takes). A maximum flow covers the most villages when
//! each village takes one partner; the least cost among maximum flows is the greatest total
//! score. Where a village may take several partners (多企一村), every partner after a village's
//! first costs more than any total of shortfalls, so covering a village comes first.

use std::collections::HashSet;

use super::lemon::Network;

/// Scores are compared as whole numbers: a score of 1.0 is this many points.
const POINTS: f64 = 10_000.0;

/// One instance of the pairing problem. Villages and enterprises are numbered from 0.
#[derive(Clone, Debug, Default)]
pub struct Problem {
    pub villages: usize,
    /// How many villages each enterprise can take (一企多村 when above 1).
    pub capacity: Vec<u32>,
    /// How many enterprises a village may be paired with (1 unless 多企一村).
    pub per_village: u32,
    /// The pairs that may be proposed, with their scores (0–1, from the matcher).
    pub candidates: Vec<Candidate>,
    /// Pairs the office keeps whatever the optimiser would choose.
    pub locked: Vec<(usize, usize)>,
    /// Pairs never proposed (excluded by the office, or rejected before).
    pub excluded: HashSet<(usize, usize)>,
}

/// A pair that may be proposed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    pub village: usize,
    pub enterprise: usize,
    pub score: f64,
}

/// Why a village is left without a partner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Uncovered {
    /// No enterprise of the campaign fits it (none serves its county with a fitting kind of
    /// help, or the office excluded every one that does).
    NoCandidate,
    /// Enterprises fit it, but their places went to villages that had no other choice.
    CapacityTaken,
}

impl Uncovered {
    pub fn label(self) -> &'static str {
        match self {
            Uncovered::NoCandidate => "没有服务本县、帮扶类型相符的企业（或均已被排除）",
            Uncovered::CapacityTaken => "相符的企业名额已分给别无选择的村",
        }
    }
}

/// The optimiser's answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Solution {
    /// The proposed pairs (locked ones included), by village then enterprise.
    pub pairs: Vec<Candidate>,
    pub uncovered: Vec<(usize, Uncovered)>,
}

impl Solution {
    /// How many villages have at least one partner.
    pub fn covered(&self) -> usize {
        self.pairs.iter().map(|p| p.village).collect::<HashSet<_>>().len()
    }

    /// The sum of the pairs' scores.
    pub fn total(&self) -> f64 {
        self.pairs.iter().map(|p| p.score).sum()
    }
}

/// A problem the optimiser cannot take as it is.
#[derive(Debug, PartialEq, Eq)]
pub enum ProblemError {
    /// A pair names a village or enterprise that is not in the campaign.
    Unknown { village: usize, enterprise: usize },
    /// The locked pairs give an enterprise more villages than it can take, or a village more
    /// partners than it may have.
    LockedOverCapacity { village: usize, enterprise: usize },
}

impl std::fmt::Display for ProblemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProblemError::Unknown { village, enterprise } => {
                write!(f, "结对（村 {village}，企业 {enterprise}）不在本次行动的名单中")
            }
            ProblemError::LockedOverCapacity { village, enterprise } => {
                write!(f, "锁定的结对（村 {village}，企业 {enterprise}）超出了企业可帮扶的村数或村可结对的企业数")
            }
        }
    }
}

impl std::error::Error for ProblemError {}

/// The vertices of the flow network: the source and sink, a vertex per village, one per
/// village for its partners after the first, and one per enterprise.
#[derive(Clone, Copy)]
struct Nodes {
    villages: usize,
}

impl Nodes {
    fn village(self, v: usize) -> usize {
        2 + v
    }
    fn more(self, v: usize) -> usize {
        2 + self.villages + v
    }
    fn enterprise(self, e: usize) -> usize {
        2 + 2 * self.villages + e
    }
}

fn points(score: f64) -> i64 {
    (score.clamp(0.0, 1.0) * POINTS).round() as i64
}

/// Checks the problem and takes the locked pairs out of it: what is left to choose from, the
/// capacities left, and the locked pairs with their scores.
#[allow(clippy::type_complexity)]
fn prepare(p: &Problem) -> Result<(Vec<Candidate>, Vec<u32>, Vec<u32>, Vec<Candidate>), ProblemError> {
    let known = |v: usize, e: usize| v < p.villages && e < p.capacity.len();
    let mut left = p.capacity.clone();
    let mut village_left = vec![p.per_village.max(1); p.villages];
    let mut locked = Vec::new();
    let mut taken: HashSet<(usize, usize)> = HashSet::new();
    for &(v, e) in &p.locked {
        if !known(v, e) {
            return Err(ProblemError::Unknown { village: v, enterprise: e });
        }
        if !taken.insert((v, e)) {
            continue;
        }
        if left[e] == 0 || village_left[v] == 0 {
            return Err(ProblemError::LockedOverCapacity { village: v, enterprise: e });
        }
        left[e] -= 1;
        village_left[v] -= 1;
        let score =
            p.candidates.iter().filter(|c| c.village == v && c.enterprise == e).map(|c| c.score).fold(0.0, f64::max);
        locked.push(Candidate { village: v, enterprise: e, score });
    }
    // The best score of each open pair (a pair listed twice keeps its better score), sorted
    // by village and enterprise.
    for c in &p.candidates {
        if !known(c.village, c.enterprise) {
            return Err(ProblemError::Unknown { village: c.village, enterprise: c.enterprise });
        }
    }
    let mut open: Vec<Candidate> = p
        .candidates
        .iter()
        .filter(|c| {
            (p.excluded.is_empty() || !p.excluded.contains(&(c.village, c.enterprise)))
                && (taken.is_empty() || !taken.contains(&(c.village, c.enterprise)))
        })
        .copied()
        .collect();
    // Candidates mostly come village by village already: sorted only when they are not.
    let key = |c: &Candidate| (c.village as u64) << 32 | c.enterprise as u64;
    if !open.is_sorted_by_key(key) {
        open.sort_unstable_by_key(key);
    }
    open.dedup_by(|later, kept| {
        let same = key(later) == key(kept);
        if same {
            kept.score = kept.score.max(later.score);
        }
        same
    });
    Ok((open, left, village_left, locked))
}

/// Why each village without a partner in `pairs` has none.
fn uncovered(p: &Problem, pairs: &[Candidate]) -> Vec<(usize, Uncovered)> {
    let mut covered = vec![false; p.villages];
    for c in pairs {
        covered[c.village] = true;
    }
    let mut fitting = vec![false; p.villages];
    for c in &p.candidates {
        if !fitting[c.village] && (p.excluded.is_empty() || !p.excluded.contains(&(c.village, c.enterprise))) {
            fitting[c.village] = true;
        }
    }
    (0..p.villages)
        .filter(|&v| !covered[v])
        .map(|v| (v, if fitting[v] { Uncovered::CapacityTaken } else { Uncovered::NoCandidate }))
        .collect()
}

fn sorted(mut pairs: Vec<Candidate>) -> Vec<Candidate> {
    pairs.sort_by(|a, b| a.village.cmp(&b.village).then(a.enterprise.cmp(&b.enterprise)));
    pairs
}

/// Solves `p` exactly: the most villages covered, then the greatest total score.
pub fn solve(p: &Problem) -> Result<Solution, ProblemError> {
    let (open, left, village_left, locked) = prepare(p)?;
    let several = p.per_village > 1;
    // Costs are kept at zero or above (LEMON is given no negative arc): a pair costs what its
    // score falls short of 1, so among maximum flows the least cost is the greatest total score.
    // Where a village may take several partners, each partner after its first costs more than
    // any total of shortfalls, so covering a village comes before a second partner elsewhere.
    let extra = ((open.len() as i64 + 1) * POINTS as i64).min(i64::from(i32::MAX));
    let capacity = |c: u32| i64::from(c);
    let n = Nodes { villages: p.villages };
    let mut g = Network::new(n.enterprise(p.capacity.len()));
    g.reserve(open.len() + 3 * p.villages + p.capacity.len());
    for (v, &cap) in village_left.iter().enumerate() {
        if cap == 0 {
            continue;
        }
        // A village with a locked partner is covered already: every further one is extra.
        let covered = locked.iter().any(|c| c.village == v);
        if several && !covered && cap > 1 {
            g.arc(Network::SOURCE, n.village(v), 1, 0);
            g.arc(Network::SOURCE, n.more(v), capacity(cap - 1), extra);
            g.arc(n.more(v), n.village(v), capacity(cap - 1), 0);
        } else if several && covered {
            g.arc(Network::SOURCE, n.village(v), capacity(cap), extra);
        } else {
            g.arc(Network::SOURCE, n.village(v), capacity(cap), 0);
        }
    }
    // The arc of each open candidate, to read the chosen pairs back.
    let mut arcs = Vec::with_capacity(open.len());
    for (i, c) in open.iter().enumerate() {
        if village_left[c.village] == 0 || left[c.enterprise] == 0 {
            continue;
        }
        let cost = POINTS as i64 - points(c.score);
        arcs.push((g.arc(n.village(c.village), n.enterprise(c.enterprise), 1, cost), i));
    }
    for (e, &cap) in left.iter().enumerate() {
        if cap > 0 {
            g.arc(n.enterprise(e), Network::SINK, capacity(cap), 0);
        }
    }
    let mut pairs = locked;
    if !arcs.is_empty() {
        let flow = g.min_cost_max_flow();
        pairs.extend(arcs.iter().filter(|(arc, _)| flow[*arc] > 0).map(|(_, i)| open[*i]));
    }
    let pairs = sorted(pairs);
    let uncovered = uncovered(p, &pairs);
    Ok(Solution { pairs, uncovered })
}

/// The best pair first, then the best of what is left, and so on: what an office would do by
/// hand, kept to show what the optimiser gains over it.
pub fn greedy(p: &Problem) -> Result<Solution, ProblemError> {
    let (mut open, mut left, mut village_left, locked) = prepare(p)?;
    open.sort_by(|a, b| {
        b.score.total_cmp(&a.score).then(a.village.cmp(&b.village)).then(a.enterprise.cmp(&b.enterprise))
    });
    let mut pairs = locked;
    for c in open {
        if left[c.enterprise] > 0 && village_left[c.village] > 0 {
            left[c.enterprise] -= 1;
            village_left[c.village] -= 1;
            pairs.push(c);
        }
    }
    let pairs = sorted(pairs);
    let uncovered = uncovered(p, &pairs);
    Ok(Solution { pairs, uncovered })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(village: usize, enterprise: usize, score: f64) -> Candidate {
        Candidate { village, enterprise, score }
    }

    #[test]
    fn where_greedy_takes_the_best_pair_and_leaves_a_village_out_the_optimiser_covers_both() {
        let p = Problem {
            villages: 2,
            capacity: vec![1, 1],
            per_village: 1,
            candidates: vec![c(0, 0, 0.9), c(0, 1, 0.8), c(1, 0, 0.85)],
            ..Default::default()
        };
        let g = greedy(&p).expect("greedy");
        assert_eq!(g.pairs, vec![c(0, 0, 0.9)]);
        assert_eq!(g.uncovered, vec![(1, Uncovered::CapacityTaken)]);
        let s = solve(&p).expect("solve");
        assert_eq!(s.pairs, vec![c(0, 1, 0.8), c(1, 0, 0.85)]);
        assert!(s.uncovered.is_empty());
        assert!(s.total() > g.total());
    }

    #[test]
    fn locked_pairs_stay_excluded_ones_never_come_and_a_village_nobody_fits_says_so() {
        let p = Problem {
            villages: 3,
            capacity: vec![1, 1],
            per_village: 1,
            candidates: vec![c(0, 0, 0.9), c(0, 1, 0.2), c(1, 0, 0.7), c(1, 1, 0.6)],
            locked: vec![(0, 1)],
            excluded: [(1, 1)].into_iter().collect(),
        };
        let s = solve(&p).expect("solve");
        assert_eq!(s.pairs, vec![c(0, 1, 0.2), c(1, 0, 0.7)]);
        assert_eq!(s.uncovered, vec![(2, Uncovered::NoCandidate)]);
        let over = Problem { locked: vec![(0, 1), (1, 1)], ..p.clone() };
        assert_eq!(solve(&over), Err(ProblemError::LockedOverCapacity { village: 1, enterprise: 1 }));
        let unknown = Problem { candidates: vec![c(5, 0, 0.5)], ..p };
        assert_eq!(solve(&unknown), Err(ProblemError::Unknown { village: 5, enterprise: 0 }));
    }

    #[test]
    fn an_enterprise_taking_several_villages_and_a_village_taking_several_enterprises() {
        // 一企多村: enterprise 0 takes two villages.
        let p = Problem {
            villages: 3,
            capacity: vec![2, 1],
            per_village: 1,
            candidates: vec![c(0, 0, 0.9), c(1, 0, 0.8), c(2, 0, 0.7), c(2, 1, 0.1)],
            ..Default::default()
        };
        let s = solve(&p).expect("solve");
        assert_eq!(s.pairs, vec![c(0, 0, 0.9), c(1, 0, 0.8), c(2, 1, 0.1)]);
        // 多企一村: village 0 may take two enterprises, but covering village 1 comes first.
        let p = Problem {
            villages: 2,
            capacity: vec![1, 1],
            per_village: 2,
            candidates: vec![c(0, 0, 0.9), c(0, 1, 0.9), c(1, 1, 0.1)],
            ..Default::default()
        };
        let s = solve(&p).expect("solve");
        assert_eq!(s.pairs, vec![c(0, 0, 0.9), c(1, 1, 0.1)]);
        assert_eq!(s.covered(), 2);
    }

    /// Every way of giving each village at most one enterprise within the capacities, tried.
    fn brute_force(p: &Problem) -> (usize, i64) {
        fn go(p: &Problem, v: usize, left: &mut Vec<u32>, covered: usize, points_: i64, best: &mut (usize, i64)) {
            if v == p.villages {
                *best = (*best).max((covered, points_));
                return;
            }
            go(p, v + 1, left, covered, points_, best);
            for cand in p.candidates.iter().filter(|c| c.village == v && !p.excluded.contains(&(v, c.enterprise))) {
                if left[cand.enterprise] > 0 {
                    left[cand.enterprise] -= 1;
                    go(p, v + 1, left, covered + 1, points_ + points(cand.score), best);
                    left[cand.enterprise] += 1;
                }
            }
        }
        let mut best = (0, 0);
        go(p, 0, &mut p.capacity.clone(), 0, 0, &mut best);
        best
    }

    #[test]
    fn on_small_random_instances_the_optimiser_equals_trying_every_assignment() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let mut greedy_worse = 0;
        for _ in 0..300 {
            let villages = 1 + next(6) as usize;
            let enterprises = 1 + next(4) as usize;
            let capacity: Vec<u32> = (0..enterprises).map(|_| 1 + next(2) as u32).collect();
            let mut candidates = Vec::new();
            for v in 0..villages {
                for e in 0..enterprises {
                    if next(3) > 0 {
                        candidates.push(c(v, e, next(101) as f64 / 100.0));
                    }
                }
            }
            let p = Problem { villages, capacity, per_village: 1, candidates, ..Default::default() };
            let s = solve(&p).expect("solve");
            let (covered, best) = brute_force(&p);
            let got: i64 = s.pairs.iter().map(|c| points(c.score)).sum();
            assert_eq!((s.covered(), got), (covered, best), "{p:?}\n{s:?}");
            // Within the capacities, one partner per village, only candidates.
            for e in 0..p.capacity.len() {
                assert!(s.pairs.iter().filter(|c| c.enterprise == e).count() <= p.capacity[e] as usize);
            }
            assert_eq!(s.pairs.len(), s.covered());
            assert!(s.pairs.iter().all(|x| p.candidates.contains(x)));
            assert_eq!(s.covered() + s.uncovered.len(), p.villages);
            let g = greedy(&p).expect("greedy");
            greedy_worse += usize::from((g.covered(), points_of(&g)) < (covered, best));
        }
        assert!(greedy_worse > 10, "the instances include ones greedy gets wrong: {greedy_worse}");
    }

    /// 多企一村 (two partners per village at most): every subset of the candidate pairs within
    /// the capacities tried; the optimiser covers as many villages, makes as many pairs and
    /// reaches the same total.
    #[test]
    fn with_two_partners_per_village_the_optimiser_equals_trying_every_subset() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..200 {
            let villages = 1 + next(4) as usize;
            let enterprises = 1 + next(4) as usize;
            let capacity: Vec<u32> = (0..enterprises).map(|_| 1 + next(2) as u32).collect();
            let mut candidates = Vec::new();
            for v in 0..villages {
                for e in 0..enterprises {
                    if next(2) > 0 && candidates.len() < 12 {
                        candidates.push(c(v, e, next(101) as f64 / 100.0));
                    }
                }
            }
            let p = Problem { villages, capacity, per_village: 2, candidates, ..Default::default() };
            let mut best = (0usize, 0usize, 0i64);
            for mask in 0u32..(1 << p.candidates.len()) {
                let chosen: Vec<&Candidate> =
                    p.candidates.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, c)| c).collect();
                let fits = (0..enterprises)
                    .all(|e| chosen.iter().filter(|c| c.enterprise == e).count() <= p.capacity[e] as usize)
                    && (0..villages).all(|v| chosen.iter().filter(|c| c.village == v).count() <= 2);
                if fits {
                    let covered = chosen.iter().map(|c| c.village).collect::<HashSet<_>>().len();
                    best = best.max((covered, chosen.len(), chosen.iter().map(|c| points(c.score)).sum()));
                }
            }
            let s = solve(&p).expect("solve");
            assert_eq!((s.covered(), s.pairs.len(), points_of(&s)), best, "{p:?}\n{s:?}");
        }
    }

    fn points_of(s: &Solution) -> i64 {
        s.pairs.iter().map(|c| points(c.score)).sum()
    }
}
