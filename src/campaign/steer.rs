//! What the office sees and does with a campaign beyond solving it: the campaign as a page
//! shows it (members, pairs by state, villages left out), who may read or steer it, and the
//! issue of its pairs as pairings for both sides to accept.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::{campaign, campaign_pair, organisation, pairing};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Serialize;

use super::{ReasonKind, UncoveredVillage, reference, state, status_label};
use crate::audit::{self, Actor, Event};
use crate::auth::{Role, SessionUser};
use crate::clock::to_shanghai;
use crate::domain::{ListingKind, OrgKind, PairingSource};
use crate::error::{AppError, Result};
use crate::money::Money;

/// A member as the campaign page lists it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct MemberRow {
    pub id: i32,
    pub name: String,
    pub reference: String,
    /// The county it is registered in.
    pub county: String,
    /// Villages it takes (enterprises), 1 for villages.
    pub capacity: i32,
    /// Pairs it has in the proposal (proposed, locked or issued).
    pub taken: usize,
    /// What it can spend on a kind of help in this campaign (enterprises), by kind.
    pub budgets: Vec<BudgetRow>,
}

/// An enterprise's budget for one kind of help, and what the proposal takes of it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct BudgetRow {
    /// The kind's code (`donation`) and its words (公益捐赠).
    pub kind: String,
    pub kind_label: String,
    pub amount_fen: i64,
    /// `¥100,000.00`
    pub amount: String,
    /// What the proposed, locked and issued pairs of that kind take of it.
    pub used_fen: i64,
    pub used: String,
    /// The proposal takes more than the budget (set after the last solve).
    pub over: bool,
}

/// A pair as the campaign page lists it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PairRow {
    pub village_id: i32,
    pub village: String,
    pub village_ref: String,
    pub enterprise_id: i32,
    pub enterprise: String,
    pub enterprise_ref: String,
    /// proposed | locked | excluded | allowed | issued
    pub state: String,
    pub state_label: String,
    /// The pair's score in percent (absent for a pair the office marked before any solve).
    pub score_pct: Option<i64>,
    pub reason: String,
    /// Why excluded, in words (excluded pairs).
    pub reason_kind: String,
    pub need_id: Option<i32>,
    pub offer_id: Option<i32>,
    /// The pairing it was issued as.
    pub pairing_id: Option<i32>,
}

/// A campaign as its page and the API show it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct CampaignView {
    pub id: i32,
    pub name: String,
    pub office_id: i32,
    pub office: String,
    /// The evaluation date, `2026年12月04日`.
    pub as_of: String,
    pub one_to_one: bool,
    /// The maximum distance of a pair in km, if any.
    pub max_km: Option<i32>,
    /// The most villages an enterprise of the campaign takes.
    pub capacity: i32,
    /// How many enterprises a village may be paired with (多企一村 above 1).
    pub per_village: i32,
    /// drafted | solved | issued
    pub status: String,
    pub status_label: String,
    pub created_at: String,
    pub solved_at: Option<String>,
    pub issued_at: Option<String>,
    pub villages: Vec<MemberRow>,
    pub enterprises: Vec<MemberRow>,
    /// Proposed, locked and issued pairs, by village.
    pub pairs: Vec<PairRow>,
    /// Pairs the office excluded (or lifted again).
    pub excluded: Vec<PairRow>,
    pub uncovered: Vec<UncoveredVillage>,
    /// Villages with a pair in the proposal.
    pub covered: usize,
    /// Changed (locked, excluded, lifted) since the last solve.
    pub stale: bool,
    /// What the last solve said of itself when it could not prove its answer the best.
    pub solve_note: Option<String>,
}

fn when(t: DateTime<Utc>) -> String {
    to_shanghai(t).format("%Y年%m月%d日 %H:%M").to_string()
}

/// Whether `user` may read the campaign of `office`: an office whose jurisdiction holds the
/// campaign office's, and auditors.
pub fn may_read(user: &SessionUser, office: &organisation::Model) -> bool {
    user.role == Role::Auditor || may_steer(user, office)
}

/// Whether `user` may change the campaign of `office` (draft, solve, mark, issue).
pub fn may_steer(user: &SessionUser, office: &organisation::Model) -> bool {
    let code = office.jurisdiction_code.as_deref().unwrap_or(&office.region_code);
    user.covers(code)
}

/// The campaign `id` if `user` may read it (else 404, as if it did not exist).
pub async fn readable<C: ConnectionTrait>(
    db: &C,
    user: &SessionUser,
    id: i32,
) -> Result<(campaign::Model, organisation::Model)> {
    let c = campaign::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let office = organisation::Entity::find_by_id(c.office_id).one(db).await?.ok_or(AppError::NotFound)?;
    if may_read(user, &office) { Ok((c, office)) } else { Err(AppError::NotFound) }
}

/// The newest `limit` campaigns `user` may read, with their office's name.
pub async fn list(db: &DatabaseConnection, user: &SessionUser, limit: u64) -> Result<Vec<(campaign::Model, String)>> {
    let offices: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Office.code()))
        .all(db)
        .await?
        .into_iter()
        .filter(|o| may_read(user, o))
        .map(|o| (o.id, o))
        .collect();
    let rows = campaign::Entity::find()
        .filter(campaign::Column::OfficeId.is_in(offices.keys().copied().collect::<Vec<_>>()))
        .order_by_desc(campaign::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|c| {
            let name = offices.get(&c.office_id).map(|o| o.name.clone()).unwrap_or_default();
            (c, name)
        })
        .collect())
}

/// Reads campaign `c` as its page shows it.
pub async fn load<C: ConnectionTrait>(
    db: &C,
    c: &campaign::Model,
    office: &organisation::Model,
) -> Result<CampaignView> {
    let (members, orgs) = super::members_of(db, c.id).await?;
    let rows = campaign_pair::Entity::find().filter(campaign_pair::Column::CampaignId.eq(c.id)).all(db).await?;
    let counties: Vec<String> =
        orgs.values().map(|o| format!("{:0<12}", o.region_code.get(..6).unwrap_or(""))).collect();
    let county_names = crate::web::listings::region_names(db, counties).await?;
    let name = |id: i32| orgs.get(&id).map(|o| (o.name.clone(), reference(o))).unwrap_or_default();
    let in_proposal = |s: &str| s == state::PROPOSED || s == state::LOCKED || s == state::ISSUED;
    let mut taken: HashMap<i32, usize> = HashMap::new();
    let mut used: HashMap<(i32, &str), i64> = HashMap::new();
    for p in rows.iter().filter(|p| in_proposal(&p.state)) {
        *taken.entry(p.village_id).or_default() += 1;
        *taken.entry(p.enterprise_id).or_default() += 1;
        if let (Some(kind), Some(cost)) = (p.help_kind.as_deref(), p.cost_fen) {
            *used.entry((p.enterprise_id, kind)).or_default() += cost;
        }
    }
    let mut budgets: HashMap<i32, Vec<BudgetRow>> = HashMap::new();
    for b in super::budgets_of(db, c.id).await? {
        let spent = used.get(&(b.organisation_id, b.kind.as_str())).copied().unwrap_or(0);
        budgets.entry(b.organisation_id).or_default().push(BudgetRow {
            kind_label: ListingKind::parse(&b.kind).map_or("", ListingKind::label).to_owned(),
            amount: Money(b.amount_fen).display(),
            amount_fen: b.amount_fen,
            used_fen: spent,
            over: spent > b.amount_fen,
            used: Money(spent).display(),
            kind: b.kind,
        });
    }
    let mut villages = Vec::new();
    let mut enterprises = Vec::new();
    for m in &members {
        let Some(o) = orgs.get(&m.organisation_id) else { continue };
        let county = format!("{:0<12}", o.region_code.get(..6).unwrap_or(""));
        let row = MemberRow {
            id: o.id,
            name: o.name.clone(),
            reference: reference(o),
            county: county_names.get(&county).cloned().unwrap_or_default(),
            capacity: m.capacity,
            taken: taken.get(&o.id).copied().unwrap_or(0),
            budgets: budgets.remove(&o.id).unwrap_or_default(),
        };
        if o.kind == OrgKind::Village.code() { villages.push(row) } else { enterprises.push(row) }
    }
    villages.sort_by_key(|r| r.id);
    enterprises.sort_by_key(|r| r.id);
    let mut pairs = Vec::new();
    let mut excluded = Vec::new();
    for p in rows {
        let (village, village_ref) = name(p.village_id);
        let (enterprise, enterprise_ref) = name(p.enterprise_id);
        let row = PairRow {
            village_id: p.village_id,
            village,
            village_ref,
            enterprise_id: p.enterprise_id,
            enterprise,
            enterprise_ref,
            state_label: state::label(&p.state).to_owned(),
            score_pct: p.score.map(|s| (s * 100.0).round() as i64),
            reason: p.reason,
            reason_kind: p.reason_kind.as_deref().and_then(ReasonKind::parse).map_or("", ReasonKind::label).to_owned(),
            need_id: p.need_id,
            offer_id: p.offer_id,
            pairing_id: p.pairing_id,
            state: p.state,
        };
        if in_proposal(&row.state) { pairs.push(row) } else { excluded.push(row) }
    }
    pairs.sort_by_key(|p| (p.village_id, p.enterprise_id));
    excluded.sort_by_key(|p| (p.village_id, p.enterprise_id));
    let uncovered: Vec<UncoveredVillage> = match (&c.uncovered, c.status.as_str()) {
        (Some(text), "solved" | "issued") => serde_json::from_str(text).unwrap_or_default(),
        _ => Vec::new(),
    };
    let covered = {
        let mut v: Vec<i32> = pairs.iter().map(|p| p.village_id).collect();
        v.sort_unstable();
        v.dedup();
        v.len()
    };
    let capacity = enterprises.iter().map(|e| e.capacity).max().unwrap_or(1);
    Ok(CampaignView {
        id: c.id,
        name: c.name.clone(),
        office_id: office.id,
        office: office.name.clone(),
        as_of: crate::web::listings::cn_date(c.as_of),
        one_to_one: c.one_to_one,
        max_km: c.max_km,
        capacity,
        per_village: c.per_village,
        status: c.status.clone(),
        status_label: status_label(&c.status).to_owned(),
        created_at: when(c.created_at),
        solved_at: c.solved_at.map(when),
        issued_at: c.issued_at.map(when),
        villages,
        enterprises,
        pairs,
        excluded,
        uncovered,
        covered,
        stale: c.status == "solved" && is_stale(c),
        solve_note: c.solve_note.clone().filter(|_| c.status != "drafted"),
    })
}

/// The campaign `id` if `user` may change it (draft, solve, mark, issue); else 404.
pub async fn steerable<C: ConnectionTrait>(
    db: &C,
    user: &SessionUser,
    id: i32,
) -> Result<(campaign::Model, organisation::Model)> {
    let (c, office) = readable(db, user, id).await?;
    if may_steer(user, &office) { Ok((c, office)) } else { Err(AppError::NotFound) }
}

/// Why campaign `c` with `pairs` pairs to issue cannot be issued now (and what to do), if so.
pub fn issue_refusal(c: &campaign::Model, pairs: usize) -> Option<String> {
    match c.status.as_str() {
        "issued" => Some(format!("「{}」已经下发过结对，无需再次下发", c.name)),
        "drafted" => Some("请先求解，看过建议的结对后再下发".to_owned()),
        _ if is_stale(c) => Some(
            "上次求解后又改动了结对或预算（锁定、排除、恢复或设定预算）：请先重新求解，看过新的建议再下发".to_owned(),
        ),
        _ if pairs == 0 => Some("没有可下发的结对：请先求解，或解除部分排除后重新求解".to_owned()),
        _ => None,
    }
}

/// Whether the office changed the campaign (locked, excluded, lifted) after its last solve.
pub fn is_stale(c: &campaign::Model) -> bool {
    c.solved_at.is_none_or(|s| c.updated_at > s)
}

/// What issuing did.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Issued {
    /// Pairings created, one per pair.
    pub created: Vec<i32>,
    /// Pairs that already had an open pairing of the same enterprise and village (linked to it).
    pub existing: Vec<i32>,
}

/// Issues the proposal of campaign `id` (its proposed and locked pairs) as pairings from the
/// campaign, waiting for both sides to accept as any pairing an office proposes: in one
/// transaction with the audit events and both sides' inbox messages. A pair whose enterprise
/// and village already have an open pairing is linked to it rather than doubled.
pub async fn issue(db: &DatabaseConnection, user: &SessionUser, id: i32, now: DateTime<Utc>) -> Result<Issued> {
    let (c, _) = steerable(db, user, id).await?;
    let txn = crate::db::write(db).await?;
    let c_now = campaign::Entity::find_by_id(c.id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let pairs = campaign_pair::Entity::find()
        .filter(campaign_pair::Column::CampaignId.eq(id))
        .filter(campaign_pair::Column::State.is_in([state::PROPOSED, state::LOCKED]))
        .order_by_asc(campaign_pair::Column::VillageId)
        .order_by_asc(campaign_pair::Column::EnterpriseId)
        .all(&txn)
        .await?;
    if let Some(why) = issue_refusal(&c_now, pairs.len()) {
        return Err(AppError::Conflict(why));
    }
    let mut done = Issued::default();
    for p in &pairs {
        let open = pairing::Entity::find()
            .filter(pairing::Column::EnterpriseId.eq(p.enterprise_id))
            .filter(pairing::Column::VillageId.eq(p.village_id))
            .filter(pairing::Column::OpenKey.is_not_null())
            .order_by_asc(pairing::Column::Id)
            .one(&txn)
            .await?;
        let pairing_id = match open {
            Some(existing) => {
                done.existing.push(existing.id);
                existing.id
            }
            None => {
                let row = pairing::ActiveModel {
                    enterprise_id: Set(p.enterprise_id),
                    village_id: Set(p.village_id),
                    offer_id: Set(p.offer_id),
                    need_id: Set(p.need_id),
                    source: Set(PairingSource::Campaign.code().into()),
                    score: Set(p.score),
                    components: Set(None),
                    decline_reason: Set(None),
                    reviewed_by: Set(None),
                    reviewed_at: Set(None),
                    review_reason: Set(None),
                    ..Default::default()
                };
                let made = crate::pairings::insert_proposal(&txn, row, user, now).await.map_err(|e| match e {
                    AppError::Conflict(why) => AppError::Conflict(format!("{why}。请排除这一对后重新求解，再下发")),
                    e => e,
                })?;
                done.created.push(made.id);
                made.id
            }
        };
        let mut am: campaign_pair::ActiveModel = p.clone().into();
        am.state = Set(state::ISSUED.into());
        am.pairing_id = Set(Some(pairing_id));
        am.update(&txn).await?;
    }
    let mut am: campaign::ActiveModel = c_now.clone().into();
    am.status = Set("issued".into());
    am.issued_at = Set(Some(now));
    am.updated_at = Set(now);
    am.update(&txn).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "campaign.issue",
            entity: "campaign",
            entity_id: id.to_string(),
            before: Some(serde_json::json!({ "status": c_now.status })),
            after: Some(serde_json::json!({
                "status": "issued",
                "pairings": done.created,
                "already_open": done.existing,
            })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(done)
}
