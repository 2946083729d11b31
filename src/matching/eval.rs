//! `qicun eval`: loads a judged collection into a scratch in-memory database, ranks offers for
//! every judged need with the matcher and with plain BM25 (text search with only the date
//! filter, as a search box would), and reports nDCG@10, P@5, MRR and recall@20 for both — over
//! all needs, each half of the collection's split (tuning / test), each named subset and each
//! need kind; then the reverse direction (needs for every judged offer, judgments inverted), and
//! how many results were expired or outside the village's area (there must be none).

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveTime};
use entity::region;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde::{Deserialize, Serialize};

use super::score::Weights;
use crate::audit::Actor;
use crate::listings::{self, Listing, Side};
use crate::search::{SearchIndex, SearchQuery};

/// A region row of the collection.
#[derive(Deserialize)]
struct RegionRow {
    code: String,
    name: String,
    level: i16,
    parent_code: Option<String>,
}

/// The collection's halves: weights may be learnt on `tune`, never on `test`.
#[derive(Deserialize, Default)]
struct Split {
    #[serde(default)]
    tune: Vec<String>,
    #[serde(default)]
    test: Vec<String>,
}

/// The collection file.
#[derive(Deserialize)]
struct Collection {
    as_of: Option<NaiveDate>,
    #[serde(default)]
    regions: Vec<RegionRow>,
    organisations: Vec<serde_json::Value>,
    offers: Vec<serde_json::Value>,
    needs: Vec<serde_json::Value>,
    /// need ref → offer ref → grade 0–3.
    judgments: HashMap<String, HashMap<String, u8>>,
    /// Named groups of need refs (typo, paraphrase, traditional, …).
    #[serde(default)]
    subsets: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    split: Option<Split>,
}

/// Ranking quality over the judged needs.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Metrics {
    pub ndcg_at_10: f64,
    pub precision_at_5: f64,
    pub mrr: f64,
    pub recall_at_20: f64,
    /// Whether the list has anything of grade 2 or more to find: P@5, MRR and recall are
    /// averaged over those lists only (an offer that helps needs of another kind only, at grade
    /// 1, has no first relevant result to measure), nDCG over every list with a grade above 0.
    #[serde(skip)]
    relevant: bool,
}

/// The metrics of one group of judged listings.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// all, tune, test, subset:NAME or kind:CODE.
    pub name: String,
    pub judged: usize,
    /// Of those, the listings with something of grade 2 or more to find (P@5, MRR and recall
    /// are averaged over these).
    pub relevant: usize,
    pub matcher: Metrics,
    /// Plain BM25 (forward only).
    pub bm25: Option<Metrics>,
}

/// Results that must never be shown: expired on the date, or an offer that does not serve the
/// village's area.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Violations {
    pub expired: usize,
    pub out_of_region: usize,
}

/// The evaluation's result.
#[derive(Debug, Serialize)]
pub struct Report {
    pub as_of: NaiveDate,
    pub needs: usize,
    pub offers: usize,
    /// Forward (offers for needs), all judged needs.
    pub matcher: Metrics,
    pub bm25: Metrics,
    /// Forward, by group.
    pub groups: Vec<Group>,
    /// Reverse (needs for offers), by group (all, tune, test: an offer is in a half when its
    /// judged needs are).
    pub reverse: Vec<Group>,
    /// Over the top 10 of every forward and reverse list.
    pub violations: Violations,
}

/// A grade of 2 or more counts as relevant for P@5, MRR and recall.
const RELEVANT: u8 = 2;

fn metrics_of(ranked: &[String], judged: &HashMap<String, u8>) -> Metrics {
    let grade = |r: &String| judged.get(r).copied().unwrap_or(0);
    let dcg = |grades: &[u8]| -> f64 {
        grades.iter().enumerate().map(|(i, g)| (2f64.powi(i32::from(*g)) - 1.0) / (i as f64 + 2.0).log2()).sum()
    };
    let got: Vec<u8> = ranked.iter().take(10).map(grade).collect();
    let mut ideal: Vec<u8> = judged.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    ideal.truncate(10);
    let idcg = dcg(&ideal);
    let relevant_total = judged.values().filter(|g| **g >= RELEVANT).count();
    Metrics {
        ndcg_at_10: if idcg > 0.0 { dcg(&got) / idcg } else { 0.0 },
        precision_at_5: ranked.iter().take(5).filter(|r| grade(r) >= RELEVANT).count() as f64 / 5.0,
        mrr: ranked.iter().position(|r| grade(r) >= RELEVANT).map_or(0.0, |p| 1.0 / (p as f64 + 1.0)),
        recall_at_20: if relevant_total == 0 {
            0.0
        } else {
            ranked.iter().take(20).filter(|r| grade(r) >= RELEVANT).count() as f64 / relevant_total as f64
        },
        relevant: relevant_total > 0,
    }
}

/// How many of the lists have something of grade 2 or more to find.
fn relevant_in(all: &[Metrics]) -> usize {
    all.iter().filter(|m| m.relevant).count()
}

fn mean(all: &[Metrics]) -> Metrics {
    let n = all.len().max(1) as f64;
    let with: Vec<&Metrics> = all.iter().filter(|m| m.relevant).collect();
    let r = with.len().max(1) as f64;
    Metrics {
        ndcg_at_10: all.iter().map(|m| m.ndcg_at_10).sum::<f64>() / n,
        precision_at_5: with.iter().map(|m| m.precision_at_5).sum::<f64>() / r,
        mrr: with.iter().map(|m| m.mrr).sum::<f64>() / r,
        recall_at_20: with.iter().map(|m| m.recall_at_20).sum::<f64>() / r,
        relevant: !with.is_empty(),
    }
}

/// Runs the evaluation of `bytes` (the collection JSON) as of `as_of` (or the file's date).
pub async fn run(bytes: &[u8], as_of: Option<NaiveDate>) -> anyhow::Result<Report> {
    Ok(run_full(bytes, as_of, &Weights::default(), 20).await?.0)
}

/// One judged need's candidates as the matcher found them (own kind, features) and its
/// judgments: enough to rank it again under other weights without the index.
struct Pool {
    need: String,
    candidates: Vec<(String, bool, super::score::Features)>,
}

/// Ranks a pool under `w` as the matcher would (own kind first, then by score).
fn rank_pool(p: &Pool, w: &Weights) -> Vec<String> {
    let mut scored: Vec<(&String, bool, f64)> =
        p.candidates.iter().map(|(r, same, f)| (r, *same, super::score::score(f, w).0)).collect();
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(b.0)));
    scored.into_iter().map(|(r, _, _)| r.clone()).collect()
}

/// What learning the weights on the tuning half gave.
#[derive(Debug, Serialize)]
pub struct Learnt {
    pub hand_set: Weights,
    pub learnt: Weights,
    /// nDCG@10 forward, hand-set then learnt, on each half (candidates as the hand-set
    /// weights found them, up to 50 per need).
    pub tune: (f64, f64),
    pub test: (f64, f64),
}

/// Learns the weights by coordinate ascent on nDCG@10 of the tuning half only (each weight in
/// turn scaled by a few factors, the weights kept summing to 1, until no step gains; the
/// policy weights, region and poverty, kept as set), then
/// reports both halves under the hand-set and the learnt weights.
pub async fn learn(bytes: &[u8], as_of: Option<NaiveDate>) -> anyhow::Result<Learnt> {
    let (_, pools, judgments, split) = run_full(bytes, as_of, &Weights::default(), 50).await?;
    let split = split.ok_or_else(|| anyhow::anyhow!("评测集没有 split（tune / test），无法学习权重"))?;
    let half = |refs: &[String]| -> Vec<&Pool> { pools.iter().filter(|p| refs.contains(&p.need)).collect() };
    let (tune, test) = (half(&split.tune), half(&split.test));
    let ndcg = |pools: &[&Pool], w: &Weights| -> f64 {
        let all: Vec<f64> =
            pools.iter().map(|p| metrics_of(&rank_pool(p, w), &judgments[&p.need]).ndcg_at_10).collect();
        all.iter().sum::<f64>() / all.len().max(1) as f64
    };
    let hand = Weights::default();
    let get = |w: &Weights| [w.text, w.kind, w.region, w.capacity, w.poverty, w.urgency, w.freshness, w.record];
    // The drive's priorities — poor villages first, firms near the village — are policy, not
    // relevance (the grading rules do not grade them): their shares stay as set, and learning
    // divides the rest among the other components.
    const POLICY: [usize; 2] = [2, 4];
    let kept: f64 = POLICY.iter().map(|i| get(&hand)[*i]).sum();
    let set = |v: [f64; 8]| {
        let mut v = v;
        for i in POLICY {
            v[i] = 0.0;
        }
        let sum: f64 = v.iter().sum::<f64>().max(f64::EPSILON);
        let mut v = v.map(|x| x / sum * (1.0 - kept));
        for i in POLICY {
            v[i] = get(&hand)[i];
        }
        Weights {
            text: v[0],
            kind: v[1],
            region: v[2],
            capacity: v[3],
            poverty: v[4],
            urgency: v[5],
            freshness: v[6],
            record: v[7],
        }
    };
    let mut best = hand;
    let mut best_score = ndcg(&tune, &best);
    for _round in 0..4 {
        let mut gained = false;
        for i in (0..8).filter(|i| !POLICY.contains(i)) {
            for factor in [0.0, 0.5, 0.8, 1.25, 1.6, 2.5] {
                let mut v = get(&best);
                v[i] = if v[i] == 0.0 { 0.05 * factor } else { v[i] * factor };
                let w = set(v);
                let s = ndcg(&tune, &w);
                // A gain must be real, not a tie broken by rounding.
                if s > best_score + 1e-4 {
                    (best, best_score, gained) = (w, s, true);
                }
            }
        }
        if !gained {
            break;
        }
    }
    Ok(Learnt {
        hand_set: hand,
        learnt: best,
        tune: (ndcg(&tune, &hand), best_score),
        test: (ndcg(&test, &hand), ndcg(&test, &best)),
    })
}

type Full = (Report, Vec<Pool>, HashMap<String, HashMap<String, u8>>, Option<Split>);

/// The evaluation under weights `w`, keeping up to `keep` candidates of each need.
async fn run_full(bytes: &[u8], as_of: Option<NaiveDate>, w: &Weights, keep: usize) -> anyhow::Result<Full> {
    let c: Collection = serde_json::from_slice(bytes).map_err(|e| anyhow::anyhow!("评测集格式错误：{e}"))?;
    let as_of = as_of.or(c.as_of).ok_or_else(|| anyhow::anyhow!("请用 --as-of 指定评估日期，或在评测集中写 as_of"))?;
    let db = crate::db::connect_and_migrate("sqlite::memory:").await?;
    for r in &c.regions {
        region::ActiveModel {
            code: Set(r.code.clone()),
            name: Set(r.name.clone()),
            level: Set(r.level),
            parent_code: Set(r.parent_code.clone()),
        }
        .insert(&db)
        .await?;
    }
    let ledger = serde_json::json!({ "organisations": c.organisations, "offers": c.offers, "needs": c.needs });
    let now = as_of.and_time(NaiveTime::MIN).and_utc();
    crate::ledger::import(
        &db,
        &crate::crypto::Sealer::ephemeral(),
        ledger.to_string().as_bytes(),
        crate::ledger::Format::Json,
        None,
        &Actor::system("eval"),
        now,
        &indicatif::ProgressBar::hidden(),
    )
    .await
    .map_err(|e| anyhow::anyhow!("评测集数据有误：\n{e}"))?;
    let (search, _) = SearchIndex::open(None)?;
    search.rebuild(&db, &indicatif::ProgressBar::hidden()).await?;

    // Every listing of the file by ref, and each organisation's region.
    let mut offers: HashMap<String, Listing> = HashMap::new();
    let mut needs: HashMap<String, Listing> = HashMap::new();
    for (side, items, into) in [(Side::Offer, &c.offers, &mut offers), (Side::Need, &c.needs, &mut needs)] {
        for item in items {
            if let Some(r) = item.get("ref").and_then(|v| v.as_str())
                && let Some(l) = listings::find_by_ref(&db, side, r).await?
            {
                into.insert(r.to_owned(), l);
            }
        }
    }
    let ref_of =
        |m: &HashMap<String, Listing>| -> HashMap<i32, String> { m.iter().map(|(r, l)| (l.id, r.clone())).collect() };
    let (offer_ref, need_ref) = (ref_of(&offers), ref_of(&needs));
    let org_region: HashMap<i32, String> =
        entity::organisation::Entity::find().all(&db).await?.into_iter().map(|o| (o.id, o.region_code)).collect();
    let mut violations = Violations::default();
    let mut check = |offer: &Listing, need: &Listing| {
        if offer.valid_from > as_of || offer.valid_until.is_some_and(|d| d < as_of) {
            violations.expired += 1;
        }
        let village = org_region.get(&need.organisation_id).map_or("", String::as_str);
        if !offer.regions.iter().any(|r| crate::auth::guard::jurisdiction_covers(r, village)) {
            violations.out_of_region += 1;
        }
    };

    let mut dump = Dump::open();
    let mut pools: Vec<Pool> = Vec::new();
    let mut forward: BTreeMap<String, (Metrics, Metrics)> = BTreeMap::new();
    for (nref, judged) in &c.judgments {
        if !judged.values().any(|g| *g > 0) {
            continue; // nothing to find (see the reverse direction below)
        }
        let need = needs.get(nref).ok_or_else(|| anyhow::anyhow!("评测集中没有需求 {nref}"))?;
        let mut found = super::offers_for_need(&db, &search, need, as_of, keep.max(20), w)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        pools.push(Pool {
            need: nref.clone(),
            candidates: found
                .iter()
                .filter_map(|m| offer_ref.get(&m.id).map(|r| (r.clone(), m.same_kind, m.features)))
                .collect(),
        });
        found.truncate(20);
        for m in found.iter().take(10) {
            if let Some(o) = offer_ref.get(&m.id).and_then(|r| offers.get(r)) {
                check(o, need);
            }
        }
        dump.write(nref, need, judged, &found, &offer_ref, &offers);
        let ranked: Vec<String> = found.into_iter().filter_map(|m| offer_ref.get(&m.id).cloned()).collect();
        let q = SearchQuery {
            text: format!("{} {}", need.title, need.body),
            live_on: Some(as_of),
            started_by: Some(as_of),
            limit: 20,
            ..Default::default()
        };
        let baseline: Vec<String> =
            search.search(Side::Offer, &q)?.into_iter().filter_map(|h| offer_ref.get(&h.id).cloned()).collect();
        forward.insert(nref.clone(), (metrics_of(&ranked, judged), metrics_of(&baseline, judged)));
    }

    // The reverse direction: for each judged offer, its judged needs.
    let mut inverted: BTreeMap<String, HashMap<String, u8>> = BTreeMap::new();
    for (nref, judged) in &c.judgments {
        for (oref, g) in judged {
            inverted.entry(oref.clone()).or_default().insert(nref.clone(), *g);
        }
    }
    let mut reverse: BTreeMap<String, Metrics> = BTreeMap::new();
    for (oref, judged) in &inverted {
        // An offer judged of use to no need has no ranking to measure (nDCG is undefined
        // there): it is left out, as trec_eval leaves out queries without relevant documents.
        if !judged.values().any(|g| *g > 0) {
            continue;
        }
        let Some(offer) = offers.get(oref) else { continue };
        // Only offers that can be shown on the date are asked (an expired one has no matches).
        if offer.valid_from > as_of || offer.valid_until.is_some_and(|d| d < as_of) {
            continue;
        }
        let found =
            super::needs_for_offer(&db, &search, offer, as_of, 20, w).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        for m in found.iter().take(10) {
            if let Some(n) = need_ref.get(&m.id).and_then(|r| needs.get(r)) {
                check(offer, n);
            }
        }
        dump.write(oref, offer, judged, &found, &need_ref, &needs);
        let ranked: Vec<String> = found.into_iter().filter_map(|m| need_ref.get(&m.id).cloned()).collect();
        reverse.insert(oref.clone(), metrics_of(&ranked, judged));
    }

    // Groups of need refs.
    let mut groups_of: Vec<(String, Vec<String>)> = vec![("all".into(), forward.keys().cloned().collect())];
    if let Some(split) = &c.split {
        groups_of.push(("tune".into(), split.tune.clone()));
        groups_of.push(("test".into(), split.test.clone()));
    }
    for (name, refs) in &c.subsets {
        groups_of.push((format!("subset:{name}"), refs.clone()));
    }
    let mut by_kind: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for nref in forward.keys() {
        if let Some(n) = needs.get(nref) {
            by_kind.entry(n.kind.code()).or_default().push(nref.clone());
        }
    }
    for (kind, refs) in by_kind {
        groups_of.push((format!("kind:{kind}"), refs));
    }
    let mut groups = Vec::new();
    for (name, refs) in &groups_of {
        let (m, b): (Vec<Metrics>, Vec<Metrics>) = refs.iter().filter_map(|r| forward.get(r).copied()).unzip();
        groups.push(Group {
            name: name.clone(),
            judged: m.len(),
            relevant: relevant_in(&m),
            matcher: mean(&m),
            bm25: Some(mean(&b)),
        });
    }
    // An offer belongs to a half when most of its judged needs do.
    let every: Vec<Metrics> = reverse.values().copied().collect();
    let mut reverse_groups = vec![Group {
        name: "all".into(),
        judged: reverse.len(),
        relevant: relevant_in(&every),
        matcher: mean(&every),
        bm25: None,
    }];
    if let Some(split) = &c.split {
        for (name, half) in [("tune", &split.tune), ("test", &split.test)] {
            let m: Vec<Metrics> = reverse
                .iter()
                .filter(|(oref, _)| {
                    let judged = &inverted[*oref];
                    judged.keys().filter(|n| half.contains(n)).count() * 2 > judged.len()
                })
                .map(|(_, m)| *m)
                .collect();
            reverse_groups.push(Group {
                name: name.into(),
                judged: m.len(),
                relevant: relevant_in(&m),
                matcher: mean(&m),
                bm25: None,
            });
        }
    }
    let all = &groups[0];
    let report = Report {
        as_of,
        needs: all.judged,
        offers: offers.len(),
        matcher: all.matcher,
        bm25: all.bm25.unwrap_or_default(),
        groups,
        reverse: reverse_groups,
        violations,
    };
    Ok((report, pools, c.judgments, c.split))
}

/// With `QICUN_EVAL_DUMP=FILE`, each ranked list is written to FILE as a JSON line (the
/// listing, its top 20 with their grades and reasons, the relevant ones it missed): for reading
/// where the matcher goes wrong, on the tuning half.
struct Dump(Option<std::fs::File>);

impl Dump {
    fn open() -> Self {
        Self(std::env::var_os("QICUN_EVAL_DUMP").and_then(|p| std::fs::File::create(p).ok()))
    }

    fn write(
        &mut self,
        anchor_ref: &str,
        anchor: &Listing,
        judged: &HashMap<String, u8>,
        found: &[super::Match],
        ref_of: &HashMap<i32, String>,
        by_ref: &HashMap<String, Listing>,
    ) {
        use std::io::Write;
        let Some(f) = &mut self.0 else { return };
        let shown: Vec<serde_json::Value> = found
            .iter()
            .map(|m| {
                let r = ref_of.get(&m.id).cloned().unwrap_or_default();
                serde_json::json!([
                    r,
                    judged.get(&r),
                    m.kind,
                    m.title,
                    (m.score * 1000.0).round() / 1000.0,
                    m.reason,
                    m.features
                ])
            })
            .collect();
        let refs: Vec<&String> = found.iter().filter_map(|m| ref_of.get(&m.id)).collect();
        let mut missed: Vec<serde_json::Value> = judged
            .iter()
            .filter(|(r, g)| **g >= RELEVANT && !refs.contains(r))
            .map(|(r, g)| {
                let l = by_ref.get(r);
                serde_json::json!([r, g, l.map(|l| l.kind.code()), l.map(|l| format!("{} {}", l.title, l.body))])
            })
            .collect();
        missed.sort_by_key(|v| v[0].as_str().map(str::to_owned));
        let line = serde_json::json!({
            "ref": anchor_ref,
            "kind": anchor.kind.code(),
            "text": format!("{} {}", anchor.title, anchor.body),
            "shown": shown,
            "missed": missed,
        });
        let _ = writeln!(f, "{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_follow_their_definitions() {
        let judged: HashMap<String, u8> = [("a".to_owned(), 3), ("b".to_owned(), 2), ("c".to_owned(), 1)].into();
        let perfect = metrics_of(&["a".into(), "b".into(), "c".into()], &judged);
        assert!((perfect.ndcg_at_10 - 1.0).abs() < 1e-12);
        assert_eq!((perfect.mrr, perfect.recall_at_20), (1.0, 1.0));
        assert!((perfect.precision_at_5 - 0.4).abs() < 1e-12);
        let late = metrics_of(&["x".into(), "y".into(), "b".into()], &judged);
        assert!((late.mrr - 1.0 / 3.0).abs() < 1e-12);
        assert!(late.ndcg_at_10 < perfect.ndcg_at_10 && late.ndcg_at_10 > 0.0);
        assert_eq!(metrics_of(&[], &judged).ndcg_at_10, 0.0);
        // A list with nothing of grade 2 or more to find (an offer that only complements needs
        // of another kind) counts in nDCG@10 and not in the others' means.
        let weak: HashMap<String, u8> = [("d".to_owned(), 1)].into();
        let complement = metrics_of(&["d".into()], &weak);
        assert!((complement.ndcg_at_10 - 1.0).abs() < 1e-12 && complement.mrr == 0.0);
        let both = mean(&[late, complement]);
        assert!((both.ndcg_at_10 - (late.ndcg_at_10 + 1.0) / 2.0).abs() < 1e-12);
        assert!((both.mrr - late.mrr).abs() < 1e-12, "MRR over the list with something to find");
        assert_eq!((both.recall_at_20, relevant_in(&[late, complement])), (0.5, 1), "b of a and b");
        assert_eq!(mean(&[complement]).mrr, 0.0);
    }
}
