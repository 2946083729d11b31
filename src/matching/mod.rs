//! The matcher: candidates from the search index under the hard filters (published, valid on
//! the evaluation date, serving the village's county or the whole city, kinds compatible), then
//! the scorer's components for each. The same code runs both ways: offers for a need, needs
//! (villages) for an offer. Turning a result into a pairing is `propose`.

pub mod eval;
pub mod score;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entity::{agreement, organisation, pairing};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Serialize;

use self::score::{Components, Features, Weights};
use crate::auth::{Role, SessionUser};
use crate::domain::{AgreementStatus, PairingSource, PairingStatus};
use crate::error::{AppError, Result};
use crate::listings::query::{covering_codes, live_by_ids};
use crate::listings::{self, Listing, Side};
use crate::search::{SearchIndex, SearchQuery};

/// How many candidates the index is asked for before scoring.
const CANDIDATES: usize = 200;

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
}

fn county_code(code: &str) -> String {
    format!("{:0<12}", &code[..6.min(code.len())])
}

fn location(o: &organisation::Model) -> Option<(f64, f64)> {
    o.lat.zip(o.lon)
}

/// Completed and terminated agreements per enterprise.
async fn records<C: ConnectionTrait>(db: &C, enterprises: &[i32]) -> Result<HashMap<i32, (u64, u64)>> {
    let pairings: HashMap<i32, i32> = pairing::Entity::find()
        .filter(pairing::Column::EnterpriseId.is_in(enterprises.to_vec()))
        .filter(pairing::Column::Status.eq(PairingStatus::Approved.code()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.enterprise_id))
        .collect();
    let mut out: HashMap<i32, (u64, u64)> = HashMap::new();
    if pairings.is_empty() {
        return Ok(out);
    }
    for a in agreement::Entity::find()
        .filter(agreement::Column::PairingId.is_in(pairings.keys().copied().collect::<Vec<_>>()))
        .all(db)
        .await?
    {
        let Some(e) = pairings.get(&a.pairing_id) else { continue };
        let slot = out.entry(*e).or_default();
        if a.status == AgreementStatus::Completed.code() {
            slot.0 += 1;
        } else if a.status == AgreementStatus::Terminated.code() {
            slot.1 += 1;
        }
    }
    Ok(out)
}

async fn orgs<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> Result<HashMap<i32, organisation::Model>> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect())
}

fn qty(l: &Listing) -> Option<(i64, &str)> {
    l.quantity.zip(l.unit.as_deref())
}

fn age_days(l: &Listing, as_of: NaiveDate) -> i64 {
    l.published_at.map_or(0, |p| (as_of - p.date_naive()).num_days())
}

/// The two sides of a candidate pair.
struct Pair<'a> {
    need: &'a Listing,
    village: &'a organisation::Model,
    offer: &'a Listing,
    enterprise: &'a organisation::Model,
}

/// The features of a pair; `text` is the candidate's share of the best text score and
/// `age_days` the candidate's age on the evaluation date.
fn features(p: &Pair<'_>, text: f64, record: (u64, u64), age_days: i64) -> Features {
    let distance = location(p.village).zip(location(p.enterprise)).map(|(a, b)| score::distance_km(a, b));
    Features {
        text,
        kind: score::kind_fit(p.need.kind, p.offer.kind),
        region: score::region_fit(&p.village.region_code, &p.enterprise.region_code, &p.offer.regions, distance),
        capacity: score::capacity_fit(qty(p.offer), qty(p.need)),
        poverty: score::poverty(p.village.poor_households, p.village.registered_poor),
        urgency: score::urgency(p.need.urgency.unwrap_or(2)),
        freshness: score::freshness(age_days),
        record: score::record(record.0, record.1),
    }
}

/// A candidate with its score, components and reason.
fn scored(l: &Listing, org: &organisation::Model, f: &Features, w: &Weights) -> Match {
    let (s, c) = score::score(f, w);
    Match {
        side: l.side,
        id: l.id,
        external_ref: l.external_ref.clone(),
        title: l.title.clone(),
        kind: l.kind.code().into(),
        organisation_id: org.id,
        organisation: org.name.clone(),
        score: s,
        reason: c.reason(f),
        components: c,
    }
}

/// The text a listing is matched by.
fn text_of(l: &Listing) -> String {
    format!("{} {}", l.title, l.body)
}

/// The index query that finds a need's candidate offers (its village at `village_region`).
pub fn candidate_query(need: &Listing, village_region: &str, as_of: NaiveDate) -> SearchQuery {
    SearchQuery {
        text: text_of(need),
        kinds: score::offer_kinds_for(need.kind),
        regions: covering_codes(&county_code(village_region)),
        live_on: Some(as_of),
        started_by: Some(as_of),
        limit: CANDIDATES,
        highlight: false,
    }
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
    let village = organisation::Entity::find_by_id(need.organisation_id).one(db).await?.ok_or(AppError::NotFound)?;
    let q = candidate_query(need, &village.region_code, as_of);
    let hits = search.search(Side::Offer, &q)?;
    let best = hits.iter().map(|h| h.score).fold(0.0_f32, f32::max).max(f32::EPSILON);
    let offers: HashMap<i32, Listing> =
        live_by_ids(db, Side::Offer, &hits.iter().map(|h| h.id).collect::<Vec<_>>(), as_of)
            .await?
            .into_iter()
            .map(|l| (l.id, l))
            .collect();
    let enterprises = orgs(db, offers.values().map(|o| o.organisation_id).collect()).await?;
    let recs = records(db, &enterprises.keys().copied().collect::<Vec<_>>()).await?;
    let mut out = Vec::new();
    for h in hits {
        let (Some(offer), true) = (offers.get(&h.id), true) else { continue };
        let Some(ent) = enterprises.get(&offer.organisation_id) else { continue };
        let pair = Pair { need, village: &village, offer, enterprise: ent };
        let f = features(
            &pair,
            f64::from(h.score / best),
            recs.get(&ent.id).copied().unwrap_or((0, 0)),
            age_days(offer, as_of),
        );
        // Kinds that do not help are never recommended.
        if f.kind > 0.0 {
            out.push(scored(offer, ent, &f, w));
        }
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    out.truncate(limit);
    Ok(out)
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
    let ent = organisation::Entity::find_by_id(offer.organisation_id).one(db).await?.ok_or(AppError::NotFound)?;
    let q = SearchQuery {
        text: text_of(offer),
        kinds: score::need_kinds_for(offer.kind),
        regions: offer.regions.clone(),
        live_on: Some(as_of),
        started_by: Some(as_of),
        limit: CANDIDATES,
        highlight: false,
    };
    let hits = search.search(Side::Need, &q)?;
    let best = hits.iter().map(|h| h.score).fold(0.0_f32, f32::max).max(f32::EPSILON);
    let needs: HashMap<i32, Listing> =
        live_by_ids(db, Side::Need, &hits.iter().map(|h| h.id).collect::<Vec<_>>(), as_of)
            .await?
            .into_iter()
            .map(|l| (l.id, l))
            .collect();
    let villages = orgs(db, needs.values().map(|n| n.organisation_id).collect()).await?;
    let rec = records(db, &[ent.id]).await?.get(&ent.id).copied().unwrap_or((0, 0));
    let mut out = Vec::new();
    for h in hits {
        let Some(need) = needs.get(&h.id) else { continue };
        let Some(village) = villages.get(&need.organisation_id) else { continue };
        let pair = Pair { need, village, offer, enterprise: &ent };
        let f = features(&pair, f64::from(h.score / best), rec, age_days(need, as_of));
        if f.kind > 0.0 {
            out.push(scored(need, village, &f, w));
        }
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    out.truncate(limit);
    Ok(out)
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
    match side {
        Side::Need => offers_for_need(db, search, &l, as_of, limit, w).await,
        Side::Offer => needs_for_offer(db, search, &l, as_of, limit, w).await,
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
    // What was just published is matched at once: both listings are read into the index now.
    let other_side = match side {
        Side::Need => Side::Offer,
        Side::Offer => Side::Need,
    };
    search.refresh(db, &[(side, id), (other_side, other)]).await;
    let found =
        for_listing(db, search, side, id, today, 50, &Weights::default()).await?.into_iter().find(|m| m.id == other);
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
    txn.commit().await?;
    Ok(row)
}
