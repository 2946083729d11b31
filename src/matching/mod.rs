//! The matcher: candidates from the search index under the hard filters (published, valid on
//! the evaluation date, serving the village's county or the whole city, kinds compatible), then
//! the scorer's components for each. The same code runs both ways: offers for a need, needs
//! (villages) for an offer. Turning a result into a pairing is `propose`.

pub mod eval;
pub mod lexicon;
pub mod local;
pub mod place;
pub mod score;
pub mod units;

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use entity::{agreement, organisation, pairing};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set};
use serde::Serialize;

use self::score::{Components, Features, Weights};
use crate::auth::{Role, SessionUser};
use crate::domain::{AgreementStatus, ListingKind, PairingSource, PairingStatus};
use crate::error::{AppError, Result};
use crate::listings::query::{Kept, Shown, covering_codes, live_shown};
use crate::listings::{self, Listing, Side};
use crate::search::{Facts, SearchIndex, SearchQuery};

/// How many candidates the index is asked for before scoring.
const CANDIDATES: usize = 200;
/// Fewer word-sharing candidates of the listing's own kind than this, and more of its kind in
/// the area are added: those sharing its rarest characters, and when they are few, the newest.
pub const FEW_SAME_KIND: usize = 30;
/// How many of its kind are asked for by the listing's characters.
pub const CHAR_CANDIDATES: usize = 50;
/// How many of the newest of its kind: the last resort, for texts that share neither words nor
/// characters with what they need (on every judged collection, 50 gave what 200 gave).
pub const NEWEST_CANDIDATES: usize = 100;

/// One recommendation with its reasons.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Match {
    /// Which side the recommended listing is on.
    pub side: Side,
    pub id: i32,
    #[serde(rename = "ref")]
    pub external_ref: Option<String>,
    pub title: String,
    pub kind: String,
    pub organisation_id: i32,
    pub organisation: String,
    pub score: f64,
    pub components: Components,
    /// 为什么推荐: the strongest reasons, in Chinese.
    pub reason: String,
    /// Of the listing's own kind of help. Another kind is at best a complement: such matches
    /// come after all of the own kind and are shown apart (其他可能有帮助).
    pub same_kind: bool,
    /// The features the score was computed from (for learning the weights; not shown).
    #[serde(skip)]
    pub features: Features,
}

fn county_code(code: &str) -> String {
    format!("{:0<12}", &code[..6.min(code.len())])
}

/// An enterprise's completion record: its agreements completed and terminated.
pub type Record = (u64, u64);

/// Completed and terminated agreements per enterprise: of `enterprises` (one query per 500), or
/// of every enterprise that has any (`None`: what the search index keeps beside it).
pub async fn completion_records<C: ConnectionTrait>(
    db: &C,
    enterprises: Option<&[i32]>,
) -> std::result::Result<HashMap<i32, Record>, sea_orm::DbErr> {
    let mut out: HashMap<i32, Record> = HashMap::new();
    let chunks: Vec<Option<&[i32]>> = match enterprises {
        Some(ids) => ids.chunks(500).map(Some).collect(),
        None => vec![None],
    };
    for chunk in chunks {
        let mut q = agreement::Entity::find()
            .join(
                sea_orm::JoinType::InnerJoin,
                agreement::Entity::belongs_to(pairing::Entity)
                    .from(agreement::Column::PairingId)
                    .to(pairing::Column::Id)
                    .into(),
            )
            .filter(pairing::Column::Status.eq(PairingStatus::Approved.code()))
            .filter(
                agreement::Column::Status
                    .is_in([AgreementStatus::Completed.code(), AgreementStatus::Terminated.code()]),
            );
        if let Some(ids) = chunk {
            q = q.filter(pairing::Column::EnterpriseId.is_in(ids.to_vec()));
        }
        for (enterprise, status) in q
            .select_only()
            .column(pairing::Column::EnterpriseId)
            .column(agreement::Column::Status)
            .into_tuple::<(i32, String)>()
            .all(db)
            .await?
        {
            let slot = out.entry(enterprise).or_default();
            if status == AgreementStatus::Completed.code() {
                slot.0 += 1;
            } else {
                slot.1 += 1;
            }
        }
    }
    Ok(out)
}

/// The completion records of `enterprises`: as kept beside the search index (following the
/// outbox, as the listings do), or read from the database while the index has not read them.
async fn records<C: ConnectionTrait>(
    db: &C,
    search: &SearchIndex,
    enterprises: &[i32],
) -> Result<HashMap<i32, Record>> {
    if let Some(kept) = search.records_of(enterprises) {
        return Ok(kept);
    }
    Ok(completion_records(db, Some(enterprises)).await?)
}

fn qty(f: &Facts) -> Option<(i64, &str)> {
    f.quantity.as_ref().map(|(q, u)| (*q, u.as_str()))
}

/// The candidate's age in days on the evaluation date.
fn age_days(f: &Facts, as_of: NaiveDate) -> i64 {
    f.published.map_or(0, |p| (as_of - p).num_days())
}

/// The features of a pair from the facts of its need (and village) and its offer (and
/// enterprise); `text` is the candidate's share of the best text score and `age_days` the
/// candidate's age on the evaluation date.
fn features(need: &Facts, offer: &Facts, text: f64, record: (u64, u64), age_days: i64) -> Features {
    let distance = need.location.zip(offer.location).map(|(a, b)| score::distance_km(a, b));
    // Where the work is and who it takes, for workers looking for work or training.
    let conditions = if matches!(need.kind, ListingKind::Employment | ListingKind::Training)
        && matches!(offer.kind, ListingKind::Employment | ListingKind::Training)
    {
        let at = place::Place::from_code(offer.place);
        let nonzero = |a: u64| u32::try_from(a).ok().filter(|a| *a > 0);
        place::wishes_fit(need.place, &need.org_region, at, &offer.org_region).map_or(1.0, |(_, fit)| fit)
            * place::age_fit_range(
                place::age_from_code(need.age),
                place::youngest_from_code(need.age),
                nonzero(offer.age),
            )
            * work_fit(need, offer)
            * service_near_home(need, offer)
    } else if need.kind == offer.kind && matches!(need.kind, ListingKind::Procurement | ListingKind::Industry) {
        // What the village sells (or grows) and what the buyer (or investor) takes.
        lexicon::Lexicon::builtin().goods_fit(&need.goods, &offer.goods)
    } else {
        1.0
    };
    // A firm selling seed, fertiliser or machines to villages shares their words but not help.
    let conditions = if sells(offer) { conditions * SELLER_FIT } else { conditions };
    Features {
        conditions,
        text,
        kind: score::kind_fit_saying(need.kind, offer.kind, text, asks_for(need, offer.kind)),
        region: score::region_fit(&need.org_region, &offer.org_region, &offer.served, distance),
        capacity: score::capacity_fit(qty(offer), qty(need)),
        poverty: score::poverty(need.poor_households, need.registered_poor),
        urgency: score::urgency(need.urgency.unwrap_or(2)),
        freshness: score::freshness(age_days),
        record: score::record(record.0, record.1),
    }
}

/// How an offer that sells to villages ([`lexicon::sells_to_villages`]) fits any need: a
/// twentieth, under every offer that helps (the grading rules give it 0, "shared words but
/// different help").
const SELLER_FIT: f64 = 0.05;

/// An employment service (推荐各类岗位) for a village's workers: its text counts as sharing
/// half of what they say, and it fits whatever trade they name a little under a job of that
/// trade — a channel for the whole category, which the grading rules put at 2 — and a wish for
/// work near home in part ([`SERVICE_NEAR_HOME`]). Needs → offers, before → after: fresh8.json
/// 0.914 → 0.918 (tuning half 0.939 → 0.944, test half 0.889 → 0.893); fresh7.json 0.949 →
/// 0.950, whose judge gave its one service 1 (it says it has no jobs of its own; without the
/// part for near home it fell to 0.947, a home-bound need's job under it); the other
/// collections have none.
const SERVICE_TEXT: f64 = 0.5;
const SERVICE_WORK_FIT: f64 = 0.9;
/// How far an employment service meets a wish for work near home (0.5 / 0.7 / 0.8 / 1.0 on the
/// two collections with services: fresh7 0.950 / 0.950 / 0.947 / 0.947, fresh8 0.915 / 0.918 /
/// 0.920 / 0.920).
const SERVICE_NEAR_HOME: f64 = 0.7;

/// An employment service for workers who want work near home (在家门口、镇上): its jobs are
/// wherever its firms are, so it meets that wish in part.
fn service_near_home(need: &Facts, offer: &Facts) -> f64 {
    let near = place::Wish::from_codes(need.place).0 == Some(place::Wish::Near);
    if finds_jobs(offer) && near { SERVICE_NEAR_HOME } else { 1.0 }
}

/// Whether job offer `offer` finds villagers work of every sort ([`lexicon::finds_jobs`]).
fn finds_jobs(offer: &Facts) -> bool {
    offer.kind == ListingKind::Employment && offer.asks & lexicon::SELLS_BIT != 0
}

/// Whether `offer` sells to villages rather than helping them.
fn sells(offer: &Facts) -> bool {
    offer.kind != ListingKind::Employment && offer.asks & lexicon::SELLS_BIT != 0
}

/// Whether `need`'s text also asks for help of kind `kind`, besides its own kind
/// ([`Facts::asks`]); a need short of technique (缺技术) asks for a technician's help or a course
/// alike. What a need says of its own kind (a plant-disease need asking for an expert) asks for
/// nothing else: a course is not asked for by 需要专家现场指导.
fn asks_for(need: &Facts, kind: ListingKind) -> bool {
    let bit = |k| lexicon::kind_bit(k);
    let also = need.asks & !bit(need.kind);
    let wanted = match kind {
        ListingKind::Training | ListingKind::Technical => bit(ListingKind::Training) | bit(ListingKind::Technical),
        k => bit(k),
    };
    kind != need.kind && also & wanted != 0
}

/// How the work an offer names fits the workers (or learners) of a need
/// ([`lexicon::Lexicon::work_fit`]). A village asking for training without naming a trade
/// takes any trade taught: that a course leads to a certificate does not make it wrong for
/// them, as it does a job for plain labour.
fn work_fit(need: &Facts, offer: &Facts) -> f64 {
    if finds_jobs(offer) {
        return SERVICE_WORK_FIT;
    }
    let lex = lexicon::Lexicon::builtin();
    if need.kind == ListingKind::Training && offer.kind == ListingKind::Training && !lex.names_work(&need.goods) {
        return 1.0;
    }
    lex.work_fit(&need.goods, &offer.goods)
}

/// What the page says about the need's conditions and the goods for this pair, when they
/// decided something: a wish met or not, an age limit, a buyer of the whole category.
fn condition_notes(need: &Facts, offer: &Facts) -> Vec<String> {
    let mut out = Vec::new();
    if sells(offer) {
        out.push("企业在出售商品，不是收购或帮扶".into());
    }
    if need.kind == ListingKind::Employment && finds_jobs(offer) {
        out.push("就业服务机构，推荐各类岗位".into());
    }
    // Another kind is shown when the need asks for it too: say so.
    if need.kind != offer.kind && asks_for(need, offer.kind) {
        out.push(format!("需求中也提到{}", offer.kind.label()));
    }
    let people = |k: ListingKind| matches!(k, ListingKind::Employment | ListingKind::Training);
    if people(need.kind) && people(offer.kind) {
        if let Some((wish, fit)) =
            place::wishes_fit(need.place, &need.org_region, place::Place::from_code(offer.place), &offer.org_region)
        {
            // A job only within the broader place also accepted meets that wish (0.9).
            out.push(match fit {
                f if f >= 0.9 => format!("符合“{}”的意愿", wish.words()),
                f if f >= 0.5 => format!("与“{}”的意愿部分相符", wish.words()),
                _ => format!("工作地点不符合“{}”的意愿", wish.words()),
            });
        }
        if work_fit(need, offer) < 0.8 {
            out.push("所招工种或所需技能与村里说的不同".into());
        }
        let nonzero = |a: u64| u32::try_from(a).ok().filter(|a| *a > 0);
        if let (Some((age, some)), Some(max)) = (place::age_from_code(need.age), nonzero(offer.age))
            && age > max
        {
            let all_older = place::youngest_from_code(need.age).is_some_and(|y| y > max);
            out.push(if all_older {
                format!("只招 {max} 岁以下，村里的人年纪都更大")
            } else if some {
                format!("只招 {max} 岁以下，村里有几位年纪更大的")
            } else {
                format!("只招 {max} 岁以下，村里有年纪更大的")
            });
        }
    } else if need.kind == offer.kind && matches!(need.kind, ListingKind::Procurement | ListingKind::Industry) {
        let lex = lexicon::Lexicon::builtin();
        let fit = lex.goods_fit(&need.goods, &offer.goods);
        if (0.7..0.8).contains(&fit) {
            out.push("收购整个品类".into());
        } else if fit < 0.5 {
            out.push("所收产品不同".into());
        }
    }
    out
}

/// How much the characters shared with the anchor count in text relevance (see
/// [`text_relevance`]), and how much of the anchor's characters a hit must share to count in
/// full (a third: [`shared_characters`]). Chosen on the tuning half of `tests/eval/hard.json`:
/// need → offers nDCG@10 0.889 without characters, offers → needs 0.889; with them 0.910 and
/// 0.886 (weights 0.4 / 0.5 / 0.6 gave 0.895 / 0.898 / 0.898 for the two together). Measured
/// relative to the hit sharing most instead, the tuning half was as good (0.918 / 0.878), but
/// then one rare character shared with a long text read as full relevance, which a score that
/// should mean the same for every need cannot have.
const CHAR_WEIGHT: f64 = 0.5;
/// The least text relevance of a pair that names the same product, trade, skill or certificate
/// (one lexicon entry, not a category word), however few other words they share: a cook's job
/// and "厨子想进城里饭店做" share little but 厨师, while a need to work "in 宜春市里" without a
/// trade shares the city, the pay and the lodging, and ranked above it. Chosen on the tuning half
/// of `tests/eval/hard.json` (0.5 / 0.6 / 0.7): need → offers 0.932 → 0.934 / 0.935 / 0.933,
/// offers → needs 0.913 → 0.912 / 0.917 / 0.915; held out at 0.6: test half 0.914 → 0.916 and
/// 0.909 → 0.910, fresh.json 0.911 → 0.912 and 0.852 → 0.855, fresh2.json and collection.json
/// unchanged.
const SHARED_GOODS_TEXT: f64 = 0.6;
/// A hit sharing this part (its inverse) of the anchor's characters counts in full.
const CHAR_COVER: f64 = 3.0;

/// Text relevance from the index's score relative to the best hit's (`words`) and the shared
/// characters (`chars`, see [`shared_characters`]), both 0..=1. Characters count where
/// no word is shared but the characters of what is meant are (鱼塘 and 池塘养殖, 木桥 and
/// 便民桥, 挖据机 and 挖掘机), and they order the hits that share the same words.
fn text_relevance(words: f64, chars: f64) -> f64 {
    (1.0 - CHAR_WEIGHT) * words + CHAR_WEIGHT * chars
}

/// For each hit, the characters it shares with the anchor's `chars`, each weighed by how few
/// of the hits have it (one every hit has says nothing about this one), as a share of the
/// need's own: 0..=1. The need is the anchor, or each hit when `of_hits` (an offer's
/// candidate needs): what counts is how much of what the village says the offer speaks to,
/// whichever side asks — a short need sharing two characters with a long offer can be all of
/// that need. (On the tuning half of `tests/eval/hard.json`, offers → needs 0.886 → 0.889.)
fn shared_characters(chars: &[u32], hits: &[crate::search::Hit], of_hits: bool) -> Vec<f64> {
    // Characters are of the common block (see `search::content_chars`): counted in arrays by
    // their place in it, not in hash maps (a few hundred hits of up to 64 characters each).
    use crate::search::{BLOCK_LEN, block_index};
    let at = |c: &u32| block_index(*c);
    let n = hits.len();
    // A character's weight by how many hits have it (d): ln(1 + n / (1 + d)).
    let weight_of: Vec<f64> = (0..=n).map(|d| (1.0 + n as f64 / (1.0 + d as f64)).ln()).collect();
    let mut mine = vec![false; BLOCK_LEN];
    for i in chars.iter().filter_map(at) {
        mine[i] = true;
    }
    let mut df = vec![0u16; BLOCK_LEN];
    for h in hits {
        for i in hit_chars(h).iter().filter_map(at) {
            if of_hits || mine[i] {
                df[i] = df[i].saturating_add(1);
            }
        }
    }
    let weight = |i: usize| weight_of[usize::from(df[i]).min(n)];
    let sums: Vec<f64> =
        hits.iter().map(|h| hit_chars(h).iter().filter_map(at).filter(|i| mine[*i]).map(weight).sum()).collect();
    if of_hits {
        return hits
            .iter()
            .zip(sums)
            .map(|(h, s)| {
                let all: f64 = hit_chars(h).iter().filter_map(at).filter(|i| df[*i] > 0).map(weight).sum();
                if all > 0.0 { (CHAR_COVER * s / all).min(1.0) } else { 0.0 }
            })
            .collect();
    }
    // How much of what the anchor's characters say the hit shares (a character no hit has
    // weighs most), three times over and at most 1: a hit sharing a third of it reads 1, and
    // one rare character shared with a long text reads little.
    let all: f64 = chars.iter().filter_map(at).map(weight).sum();
    sums.into_iter().map(|s| if all > 0.0 { (CHAR_COVER * s / all).min(1.0) } else { 0.0 }).collect()
}

/// A hit's characters (none without facts).
fn hit_chars(h: &crate::search::Hit) -> &[u32] {
    h.facts.as_ref().map_or(&[][..], |f| &f.chars[..])
}

/// The text a listing is matched by.
fn text_of(l: &Listing) -> String {
    format!("{} {}", l.title, l.body)
}

/// The index query that finds a need's candidate offers (its village at `village_region`).
pub fn candidate_query(need: &Listing, village_region: &str, as_of: NaiveDate) -> SearchQuery {
    SearchQuery {
        text: text_of(need),
        // Every kind: one the table does not pair may still say much the same (a fertiliser
        // donation for soil that grows nothing) and is shown apart as a complement.
        kinds: Vec::new(),
        regions: covering_codes(&county_code(village_region)),
        live_on: Some(as_of),
        started_by: Some(as_of),
        limit: CANDIDATES,
        highlight: false,
        facts: true,
        matching: true,
    }
}

/// When few of `hits` (found by `q`) are of the listing's own kind `kind` — a village writes
/// a job need in words no job offer uses — the query for more of that kind in the same area,
/// on the same dates, with no words: asked with the listing's characters
/// ([`SearchIndex::search_chars`], [`CHAR_CANDIDATES`] of them) and as it is for the newest
/// ([`NEWEST_CANDIDATES`]).
pub fn more_of_kind(q: &SearchQuery, hits: &[crate::search::Hit], kind: ListingKind) -> Option<SearchQuery> {
    let same_kind = hits.iter().filter(|h| h.facts.as_ref().is_some_and(|f| f.kind == kind)).count();
    (same_kind < FEW_SAME_KIND).then(|| SearchQuery {
        text: String::new(),
        kinds: vec![kind],
        limit: NEWEST_CANDIDATES,
        ..q.clone()
    })
}

/// When few of `hits` (found by `q` on `other` side) are of the anchor's kind `kind`, adds more
/// of that kind with no score for words (see [`more_of_kind`]): those sharing the anchor's
/// rarest `chars`, then the newest when the characters bring fewer new ones than were asked
/// for (the area then has few of the kind that share anything with the listing). Returns
/// which were asked for: `None`, `Some(false)` characters only, `Some(true)` the newest too.
pub fn add_more_of_kind(
    search: &SearchIndex,
    other: Side,
    q: &SearchQuery,
    hits: &mut Vec<crate::search::Hit>,
    kind: ListingKind,
    chars: &[u32],
) -> anyhow::Result<Option<bool>> {
    let Some(more) = more_of_kind(q, hits, kind) else { return Ok(None) };
    let mut seen: BTreeSet<i32> = hits.iter().map(|h| h.id).collect();
    let mut add = |found: Vec<crate::search::Hit>, hits: &mut Vec<crate::search::Hit>| {
        let before = hits.len();
        for mut h in found.into_iter().filter(|h| seen.insert(h.id)) {
            h.score = 0.0;
            hits.push(h);
        }
        hits.len() - before
    };
    let by_chars = search.search_chars(other, &SearchQuery { limit: CHAR_CANDIDATES, ..more.clone() }, chars)?;
    let newest = add(by_chars, hits) < CHAR_CANDIDATES;
    if newest {
        add(search.search(other, &more)?, hits);
    }
    Ok(Some(newest))
}

/// A candidate ranked from the index alone.
struct Ranked {
    id: i32,
    score: f64,
    features: Features,
    components: Components,
    /// Its place in the index's hits.
    hit: usize,
}

/// The candidates of `other` side for `anchor` (of organisation `anchor_org`) that query `q`
/// finds, best first. Every candidate is ranked from the facts the index keeps beside its text
/// (no database row per candidate); only the best are then read from the database — still
/// live now (the index may lag a withdrawal by a moment) — for their titles and organisations.
#[allow(clippy::too_many_arguments)]
async fn ranked<C: ConnectionTrait>(
    db: &C,
    search: &SearchIndex,
    anchor: &Listing,
    anchor_org: &organisation::Model,
    (anchor_text, anchor_found): (&str, &[lexicon::Found<'_>]),
    q: &SearchQuery,
    (as_of, take): (NaiveDate, Take),
    w: &Weights,
    kept: Option<Kept<'_>>,
) -> Result<Vec<Match>> {
    let other = match anchor.side {
        Side::Need => Side::Offer,
        Side::Offer => Side::Need,
    };
    let lex = lexicon::Lexicon::builtin();
    let mine = Facts::of_folded(anchor, Some(anchor_org), anchor_text, anchor_found);
    let mut hits = search.search(other, q)?;
    // Those of its kind sharing the most characters, then the newest of its kind, join them,
    // ranked by everything but the words (the newest alone miss an older listing once the
    // area has more of the kind than are asked for).
    add_more_of_kind(search, other, q, &mut hits, anchor.kind, &mine.chars)?;
    let best = hits.iter().map(|h| h.score).fold(0.0_f32, f32::max).max(f32::EPSILON);
    let enterprises: Vec<i32> = match other {
        Side::Offer => hits
            .iter()
            .filter_map(|h| h.facts.as_ref().map(|f| f.organisation_id))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        Side::Need => vec![anchor.organisation_id],
    };
    let recs = records(db, search, &enterprises).await?;
    let shared = shared_characters(&mine.chars, &hits, other == Side::Need);
    let mut ranked: Vec<Ranked> = Vec::with_capacity(hits.len());
    for (hit, h) in hits.iter().enumerate() {
        let Some(theirs) = &h.facts else { continue };
        let (need, offer) = match other {
            Side::Offer => (&mine, theirs),
            Side::Need => (theirs, &mine),
        };
        let record = recs.get(&offer.organisation_id).copied().unwrap_or((0, 0));
        let mut text = text_relevance(f64::from(h.score / best), shared[hit]);
        if lex.share_named(&need.goods, &offer.goods) {
            text = text.max(SHARED_GOODS_TEXT);
        }
        if need.kind == ListingKind::Employment && finds_jobs(offer) {
            text = text.max(SERVICE_TEXT);
        }
        let f = features(need, offer, text, record, age_days(theirs, as_of));
        // Kinds that do not help (and say little the same) are never recommended.
        if f.kind > 0.0 {
            let (score, components) = score::score(&f, w);
            ranked.push(Ranked { id: h.id, score, features: f, components, hit });
        }
    }
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    // The listing's own kind first: another kind is at best a complement (shown apart).
    let (same, others): (Vec<Ranked>, Vec<Ranked>) = ranked.into_iter().partition(|r| r.features.kind >= 1.0);
    // Only the ones that can be shown are explained, and read from the database in slices a
    // little larger than what is shown, in case some were withdrawn.
    let shown = async |part: Vec<Ranked>, limit: usize| -> Result<Vec<Match>> {
        let mut out = Vec::with_capacity(limit.min(part.len()));
        let slice = (limit + limit / 2).max(10);
        for part in part.chunks(slice) {
            if out.len() >= limit {
                break;
            }
            let ids: Vec<i32> = part.iter().map(|r| r.id).collect();
            let live = live_shown(db, kept, other, &ids, as_of).await?;
            let live: HashMap<i32, Shown> = live.into_iter().map(|l| (l.id, l)).collect();
            for r in part {
                let Some(l) = live.get(&r.id) else { continue };
                let mut reason = r.components.reason(&r.features);
                let theirs_text = search.fold(&format!("{} {}", l.title, l.body));
                // A bridge says that a need's word is the offer's other word for it: none when
                // the offer writes every word of the need as it is (or the need has no lexicon
                // word), so the candidate's text is not searched for lexicon words then.
                let bridges = match other {
                    Side::Offer if anchor_found.iter().all(|f| theirs_text.contains(f.word)) => Vec::new(),
                    Side::Need if anchor_found.is_empty() => Vec::new(),
                    Side::Offer => lex.bridges_found(anchor_found, &lex.find_in(&theirs_text), &theirs_text, 2),
                    Side::Need => lex.bridges_found(&lex.find_in(&theirs_text), anchor_found, anchor_text, 2),
                };
                let mut notes: Vec<String> = bridges.iter().map(lexicon::Bridge::words).collect();
                // What the conditions and goods decided, in words (only for those shown).
                if let Some(theirs) = hits.get(r.hit).and_then(|h| h.facts.as_ref()) {
                    let (need, offer) = match other {
                        Side::Offer => (&mine, theirs),
                        Side::Need => (theirs, &mine),
                    };
                    notes.extend(condition_notes(need, offer));
                }
                if !notes.is_empty() {
                    reason = format!("{reason}；{}", notes.join("；"));
                }
                out.push(Match {
                    side: other,
                    id: l.id,
                    external_ref: l.external_ref.clone(),
                    title: l.title.clone(),
                    kind: l.kind.code().into(),
                    organisation_id: l.organisation_id,
                    organisation: l.organisation.clone(),
                    score: r.score,
                    reason,
                    components: r.components,
                    same_kind: r.features.kind >= 1.0,
                    features: r.features,
                });
                if out.len() >= limit {
                    break;
                }
            }
        }
        Ok(out)
    };
    // An offer's villages in one list: a need of its kind that shares nothing with the offer comes
    // after needs of other kinds it speaks to (a 民宿 design service's list was ten unrelated
    // technical needs before the village that wants to build 民宿). Not for jobs: any nearby job
    // may suit a village's workers whatever it says. (Offers → needs on the collections, before →
    // after: fresh 0.849 → 0.858, fresh2 0.848 → 0.857, fresh6 0.894 → 0.899, hard 0.910 → 0.911;
    // fresh4 and fresh5 −0.001; needs → offers unchanged.)
    let (same, weak): (Vec<Ranked>, Vec<Ranked>) = match take {
        Take::First(_) if other == Side::Need && anchor.kind != ListingKind::Employment => {
            same.into_iter().partition(|r| r.features.text >= NOTHING_IN_COMMON)
        }
        Take::First(_) | Take::Apart(..) => (same, Vec::new()),
    };
    let (Take::First(same_limit) | Take::Apart(same_limit, _)) = take;
    let mut out = shown(same, same_limit).await?;
    // The first `limit` in all fill up with other kinds; apart, others have their own count.
    let other_limit = match take {
        Take::First(limit) => limit.saturating_sub(out.len()),
        Take::Apart(_, other) => other,
    };
    if other_limit > 0 {
        out.extend(shown(others, other_limit).await?);
    }
    if let Take::First(limit) = take
        && out.len() < limit
    {
        let left = limit - out.len();
        out.extend(shown(weak, left).await?);
    }
    Ok(out)
}

/// Text relevance under which a listing shares nothing with the other (below the reason's
/// 未见内容相同之处, `score::UNRELATED_TEXT`).
const NOTHING_IN_COMMON: f64 = 0.05;

/// How many matches [`ranked`] gives: the first of all, the listing's own kind before any other
/// (the API, the command line, the evaluation), or up to so many of its own kind and so many of
/// the other kinds that may complement it, apart (a listing's page, which shows them apart: the
/// other kinds are there however many of its own kind are found).
#[derive(Clone, Copy, Debug)]
pub enum Take {
    First(usize),
    Apart(usize, usize),
}

/// Offers for a need, best first.
pub async fn offers_for_need<C: ConnectionTrait>(
    db: &C,
    search: &SearchIndex,
    need: &Listing,
    as_of: NaiveDate,
    limit: usize,
    w: &Weights,
) -> Result<Vec<Match>> {
    debug_assert_eq!(need.side, Side::Need);
    for_loaded(db, search, need, as_of, limit, w).await
}

/// Needs (villages) for an offer, best first.
pub async fn needs_for_offer<C: ConnectionTrait>(
    db: &C,
    search: &SearchIndex,
    offer: &Listing,
    as_of: NaiveDate,
    limit: usize,
    w: &Weights,
) -> Result<Vec<Match>> {
    debug_assert_eq!(offer.side, Side::Offer);
    for_loaded(db, search, offer, as_of, limit, w).await
}

/// Matches for the listing `side`/`id`: offers for a need, needs for an offer.
pub async fn for_listing<C: ConnectionTrait>(
    db: &C,
    search: &SearchIndex,
    side: Side,
    id: i32,
    as_of: NaiveDate,
    limit: usize,
    w: &Weights,
) -> Result<Vec<Match>> {
    let l = listings::find(db, side, id).await?.ok_or(AppError::NotFound)?;
    for_loaded(db, search, &l, as_of, limit, w).await
}

/// Matches for the listing `l` (already read): offers for a need, needs for an offer.
pub async fn for_loaded<C: ConnectionTrait>(
    db: &C,
    search: &SearchIndex,
    l: &Listing,
    as_of: NaiveDate,
    limit: usize,
    w: &Weights,
) -> Result<Vec<Match>> {
    let org = organisation::Entity::find_by_id(l.organisation_id).one(db).await?.ok_or(AppError::NotFound)?;
    for_loaded_of(db, search, l, &org, as_of, limit, w, None).await
}

/// [`for_loaded`] when the listing's organisation `org` has already been read too; the live
/// rows shown are taken from `kept` where it has them.
#[allow(clippy::too_many_arguments)]
pub async fn for_loaded_of<C: ConnectionTrait>(
    db: &C,
    search: &SearchIndex,
    l: &Listing,
    org: &organisation::Model,
    as_of: NaiveDate,
    limit: usize,
    w: &Weights,
    kept: Option<Kept<'_>>,
) -> Result<Vec<Match>> {
    taken(db, search, l, org, as_of, Take::First(limit), w, kept).await
}

/// [`for_loaded_of`] taking `take` of the ranked candidates.
#[allow(clippy::too_many_arguments)]
async fn taken<C: ConnectionTrait>(
    db: &C,
    search: &SearchIndex,
    l: &Listing,
    org: &organisation::Model,
    as_of: NaiveDate,
    take: Take,
    w: &Weights,
    kept: Option<Kept<'_>>,
) -> Result<Vec<Match>> {
    if org.id != l.organisation_id {
        return Err(AppError::NotFound);
    }
    // The listing's text is folded and read for lexicon words once, for the query, its facts
    // and the explanations.
    let lex = lexicon::Lexicon::builtin();
    let text = search.fold(&text_of(l));
    let found = lex.find_in(&text);
    let q = query_with(l, &org.region_code, as_of, &lex.expansion_of(&found));
    ranked(db, search, l, org, (&text, &found), &q, (as_of, take), w, kept).await
}

/// Up to `same` matches of the listing's own kind and, apart, up to `other` of other kinds that
/// may complement it (however many of its own kind there are), each best first.
pub async fn for_loaded_apart<C: ConnectionTrait>(
    db: &C,
    search: &SearchIndex,
    l: &Listing,
    as_of: NaiveDate,
    (same, other): (usize, usize),
    w: &Weights,
) -> Result<(Vec<Match>, Vec<Match>)> {
    let org = organisation::Entity::find_by_id(l.organisation_id).one(db).await?.ok_or(AppError::NotFound)?;
    let found = taken(db, search, l, &org, as_of, Take::Apart(same, other), w, None).await?;
    Ok(found.into_iter().partition(|m| m.same_kind))
}

/// Listing `other` (of the other side) as a match of `l`, if it is among the first 50 of `l`'s
/// own kind or the first 50 of the others (a listing's page shows both): what may be proposed,
/// and the reason a pairing's decision page shows.
pub async fn among_matches<C: ConnectionTrait>(
    db: &C,
    search: &SearchIndex,
    l: &Listing,
    other: i32,
    as_of: NaiveDate,
) -> Result<Option<Match>> {
    let (same, others) = for_loaded_apart(db, search, l, as_of, (50, 50), &Weights::default()).await?;
    Ok(same.into_iter().chain(others).find(|m| m.id == other))
}

/// The index query the matcher runs for listing `l` (of an organisation at `org_region`).
pub fn matcher_query(search: &SearchIndex, l: &Listing, org_region: &str, as_of: NaiveDate) -> SearchQuery {
    let more = lexicon::Lexicon::builtin().expansion(&search.fold(&text_of(l)));
    query_with(l, org_region, as_of, &more)
}

/// [`matcher_query`] with the lexicon's words for the listing's text, `more`, found already.
fn query_with(l: &Listing, org_region: &str, as_of: NaiveDate, more: &[String]) -> SearchQuery {
    match l.side {
        // A need's candidates are found around its village, also by the words an offer would
        // use for what the village wrote (the lexicon).
        Side::Need => {
            let mut q = candidate_query(l, org_region, as_of);
            if !more.is_empty() {
                q.text = format!("{} {}", q.text, more.join(" "));
            }
            q
        }
        Side::Offer => SearchQuery {
            // A need's own words for the same thing are indexed beside it (see the index's
            // concepts): the offer asks in its words and in the lexicon's standard names.
            text: {
                let text = text_of(l);
                if more.is_empty() { text } else { format!("{text} {}", more.join(" ")) }
            },
            kinds: Vec::new(),
            regions: l.regions.clone(),
            live_on: Some(as_of),
            started_by: Some(as_of),
            limit: CANDIDATES,
            highlight: false,
            facts: true,
            matching: true,
        },
    }
}

/// Whether `user` may ask for matches of (and propose from) listing `l`: whoever may read the
/// whole listing — its owner, an office covering it (never a draft), an auditor (read only).
/// The same rule as the listing's own page, so a draft's matches answer 404 like its page.
pub async fn may_match<C: ConnectionTrait>(db: &C, user: &SessionUser, l: &Listing) -> Result<bool> {
    Ok(listings::may_read_all(db, Some(user), l).await?)
}

/// Turns the match `other` of listing `side`/`id` into a proposed pairing (source: matcher).
/// Only a pair the matcher itself returns may be proposed — so kind-incompatible or
/// out-of-region pairs never are — and not twice while one is still open.
pub async fn propose(
    db: &DatabaseConnection,
    search: &SearchIndex,
    user: &SessionUser,
    (side, id): (Side, i32),
    other: i32,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<pairing::Model> {
    let anchor = listings::find(db, side, id).await?.ok_or(AppError::NotFound)?;
    if !may_match(db, user, &anchor).await? || user.role == Role::Auditor {
        return Err(AppError::NotFound);
    }
    if matches!(user.role, Role::Enterprise | Role::Village) && !user.is_verified() {
        return Err(AppError::Conflict("本单位通过扶贫办认证后才能发起结对".into()));
    }
    // The listing proposed from says what it is, if it is not live (a draft is not withdrawn).
    match anchor.effective_status(today) {
        crate::domain::ListingStatus::Published => {}
        crate::domain::ListingStatus::Draft => {
            return Err(AppError::Conflict("这条信息还是草稿，请先发布，再从推荐中发起结对".into()));
        }
        _ => return Err(AppError::Conflict("这条信息已撤回或已结束，不能再发起结对".into())),
    }
    // What was just published is matched at once: both listings are read into the index now.
    let other_side = match side {
        Side::Need => Side::Offer,
        Side::Offer => Side::Need,
    };
    search.refresh(db, &[(side, id), (other_side, other)]).await;
    let found = among_matches(db, search, &anchor, other, today).await?;
    let Some(m) = found else {
        return Err(AppError::Conflict("该对象不在推荐结果中（类型不符、地区不符或已失效），不能发起结对".into()));
    };
    let (offer_id, need_id) = match side {
        Side::Need => (m.id, anchor.id),
        Side::Offer => (anchor.id, m.id),
    };
    let txn = crate::db::write(db).await?;
    // Both still live as the proposal is written (either side may have withdrawn meanwhile).
    let offer = listings::find(&txn, Side::Offer, offer_id).await?.ok_or(AppError::NotFound)?;
    let need = listings::find(&txn, Side::Need, need_id).await?.ok_or(AppError::NotFound)?;
    if offer.effective_status(today) != crate::domain::ListingStatus::Published
        || need.effective_status(today) != crate::domain::ListingStatus::Published
    {
        return Err(AppError::Conflict("该信息刚刚撤回或已结束，不能发起结对".into()));
    }
    let open = pairing::Entity::find()
        .filter(pairing::Column::OfferId.eq(offer_id))
        .filter(pairing::Column::NeedId.eq(need_id))
        .filter(pairing::Column::Status.is_not_in([
            PairingStatus::Declined.code(),
            PairingStatus::Withdrawn.code(),
            PairingStatus::Rejected.code(),
            PairingStatus::Lapsed.code(),
        ]))
        .one(&txn)
        .await?;
    if open.is_some() {
        return Err(AppError::Conflict("这两条信息之间已有结对，不能重复发起".into()));
    }
    let row = pairing::ActiveModel {
        enterprise_id: Set(offer.organisation_id),
        village_id: Set(need.organisation_id),
        offer_id: Set(Some(offer_id)),
        need_id: Set(Some(need_id)),
        source: Set(PairingSource::Matcher.code().into()),
        score: Set(Some(m.score)),
        components: Set(serde_json::to_value(m.components).ok()),
        ..Default::default()
    };
    let row = crate::pairings::insert_proposal(&txn, row, user, now).await?;
    crate::db::commit(txn).await?;
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(id: i32, chars: &str) -> crate::search::Hit {
        let facts = crate::search::Facts {
            kind: ListingKind::Technical,
            organisation_id: 1,
            quantity: None,
            urgency: None,
            published: None,
            served: Vec::new(),
            org_region: String::new(),
            location: None,
            poor_households: None,
            registered_poor: false,
            place: 0,
            age: 0,
            goods: Vec::new(),
            asks: 0,
            chars: crate::search::content_chars(chars),
        };
        crate::search::Hit {
            side: Side::Offer,
            id,
            score: 0.0,
            title_html: String::new(),
            body_html: String::new(),
            facts: Some(facts),
        }
    }

    /// Learners who name no trade take a course that leads to a certificate; workers who name
    /// none take it less well as a job, and learners who name a trade want that trade.
    #[test]
    fn training_without_a_named_trade_takes_a_course_with_a_certificate() {
        let lex = lexicon::Lexicon::builtin();
        let facts = |kind: ListingKind, text: &str| {
            let mut f = hit(0, "").facts.expect("facts");
            f.kind = kind;
            f.goods = lex.goods_in(text);
            f
        };
        let course = facts(ListingKind::Training, "挖掘机操作证培训，考取特种作业操作证");
        assert!(lex.names_work(&course.goods), "precondition: the course names a certificate");
        let learners = facts(ListingKind::Training, "二十五个年轻人想学门手艺");
        assert!(!lex.names_work(&learners.goods), "precondition: the learners name no trade");
        assert_eq!(work_fit(&learners, &course), 1.0);
        let workers = facts(ListingKind::Employment, "二十五个年轻人想找活干");
        let job = facts(ListingKind::Employment, "招聘挖掘机司机，须持特种作业操作证");
        assert!(work_fit(&workers, &job) < 0.8, "plain labour and a job asking for a certificate");
        let cooks = facts(ListingKind::Training, "妇女想学厨师");
        assert!(lex.names_work(&cooks.goods), "precondition: 厨师 is a trade");
        assert!(work_fit(&cooks, &course) < 0.8, "a cook's course is wanted, not a digger's");
    }

    /// A character few hits have counts more than one every hit has; a hit sharing a third of
    /// the anchor's characters reads 1, one sharing nothing 0, one rare character of a long
    /// text little; characters never outweigh words that are shared.
    #[test]
    fn shared_characters_weigh_by_how_few_hits_have_them() {
        let need = crate::search::content_chars("鱼塘里的鱼早上浮头，鳃是烂的");
        let hits = [
            hit(1, "池塘养殖水质调控与鱼病诊治"),
            hit(2, "果树病虫害防治技术指导"),
            hit(3, "鱼苗培育技术指导"),
            hit(4, "水稻病虫害无人机统防统治"),
        ];
        let shared = shared_characters(&need, &hits, false);
        assert_eq!(shared.len(), 4);
        assert_eq!((shared[1], shared[3]), (0.0, 0.0), "{shared:?}");
        // 鱼 and 塘 (only the first has 塘) against 鱼 alone (two of four hits have it).
        assert!(shared[0] > shared[2] && shared[2] > 0.0, "{shared:?}");
        assert!(shared[0] < 1.0, "two of seven characters are not a third of what is said: {shared:?}");
        // A third of the anchor's characters shared reads in full; one of a long text little.
        let short = crate::search::content_chars("鱼塘");
        assert!((shared_characters(&short, &hits, false)[0] - 1.0).abs() < 1e-9);
        let long = crate::search::content_chars("村口那条路晚上黑，老人走路摔跤，孩子放学回家也怕，想装灯，鱼也养不好");
        let one = shared_characters(&long, &hits, false);
        assert!(one[0] > 0.0 && one[0] < 0.3, "{one:?}");
        assert_eq!(shared_characters(&[], &hits, false), vec![0.0; 4]);
        // An offer's candidate needs: the share of each need's own characters. A short need
        // all of whose rarer characters the long offer has reads in full.
        let offer = crate::search::content_chars("池塘养殖水质调控与鱼病诊治，鱼塘浮头、烂鳃上门看");
        let needs = [hit(1, "鱼塘浮头"), hit(2, "鱼塘浮头，果树也生了虫，路灯坏了，桥要修"), hit(3, "路灯坏了")];
        let of = shared_characters(&offer, &needs, true);
        assert!((of[0] - 1.0).abs() < 1e-9, "{of:?}");
        assert!(of[1] > 0.0 && of[1] < of[0], "{of:?}");
        assert_eq!(of[2], 0.0, "{of:?}");
        assert!(text_relevance(1.0, 0.0) > text_relevance(0.0, 1.0) - 1e-9);
        assert!((text_relevance(1.0, 1.0) - 1.0).abs() < 1e-9);
        assert_eq!(text_relevance(0.0, 0.0), 0.0);
    }
}
