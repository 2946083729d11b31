//! `qicun eval`: loads a judged collection into a scratch in-memory database, ranks offers for
//! every judged need with the matcher and with plain BM25 (text search with only the date
//! filter, as a search box would), and reports nDCG@10, P@5, MRR and recall@20 for both.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use entity::region;
use sea_orm::{ActiveModelTrait, Set};
use serde::{Deserialize, Serialize};

use super::score::Weights;
use crate::audit::Actor;
use crate::listings::{self, Side};
use crate::search::{SearchIndex, SearchQuery};

/// A region row of the collection.
#[derive(Deserialize)]
struct RegionRow {
    code: String,
    name: String,
    level: i16,
    parent_code: Option<String>,
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
}

/// Ranking quality over the judged needs.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Metrics {
    pub ndcg_at_10: f64,
    pub precision_at_5: f64,
    pub mrr: f64,
    pub recall_at_20: f64,
}

/// The evaluation's result.
#[derive(Debug, Serialize)]
pub struct Report {
    pub as_of: NaiveDate,
    pub needs: usize,
    pub offers: usize,
    pub matcher: Metrics,
    pub bm25: Metrics,
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
    }
}

fn mean(all: &[Metrics]) -> Metrics {
    let n = all.len().max(1) as f64;
    Metrics {
        ndcg_at_10: all.iter().map(|m| m.ndcg_at_10).sum::<f64>() / n,
        precision_at_5: all.iter().map(|m| m.precision_at_5).sum::<f64>() / n,
        mrr: all.iter().map(|m| m.mrr).sum::<f64>() / n,
        recall_at_20: all.iter().map(|m| m.recall_at_20).sum::<f64>() / n,
    }
}

/// Runs the evaluation of `bytes` (the collection JSON) as of `as_of` (or the file's date).
pub async fn run(bytes: &[u8], as_of: Option<NaiveDate>) -> anyhow::Result<Report> {
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

    let mut matcher = Vec::new();
    let mut bm25 = Vec::new();
    let mut refs: HashMap<i32, String> = HashMap::new();
    for o in &c.offers {
        if let Some(r) = o.get("ref").and_then(|v| v.as_str())
            && let Some(l) = listings::find_by_ref(&db, Side::Offer, r).await?
        {
            refs.insert(l.id, r.to_owned());
        }
    }
    let mut judged_needs: Vec<(&String, &HashMap<String, u8>)> = c.judgments.iter().collect();
    judged_needs.sort_by_key(|(k, _)| (*k).clone());
    for (need_ref, judged) in judged_needs {
        let need = listings::find_by_ref(&db, Side::Need, need_ref)
            .await?
            .ok_or_else(|| anyhow::anyhow!("评测集中没有需求 {need_ref}"))?;
        let ranked: Vec<String> = super::offers_for_need(&db, &search, &need, as_of, 20, &Weights::default())
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .into_iter()
            .filter_map(|m| refs.get(&m.id).cloned())
            .collect();
        matcher.push(metrics_of(&ranked, judged));
        let q = SearchQuery {
            text: format!("{} {}", need.title, need.body),
            live_on: Some(as_of),
            started_by: Some(as_of),
            limit: 20,
            ..Default::default()
        };
        let baseline: Vec<String> =
            search.search(Side::Offer, &q)?.into_iter().filter_map(|h| refs.get(&h.id).cloned()).collect();
        bm25.push(metrics_of(&baseline, judged));
    }
    Ok(Report { as_of, needs: matcher.len(), offers: refs.len(), matcher: mean(&matcher), bm25: mean(&bm25) })
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
    }
}
