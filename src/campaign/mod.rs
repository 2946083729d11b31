//! Campaigns (专项行动): an office pairs many villages with many enterprises at once. A
//! campaign is drafted with its villages and enterprises (each enterprise with how many
//! villages it takes), then solved: every village–enterprise pair is scored by the matcher
//! (the best of the village's needs against the enterprise's offers; the village's main
//! industries when it has posted no need) and the optimiser ([`optimise`]) proposes the pairs.

mod lemon;
pub mod optimise;
pub mod steer;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use entity::{campaign, campaign_budget, campaign_member, campaign_pair, need, offer, organisation};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set};
use serde::Serialize;

pub use optimise::{Budget, Candidate, Optimality, Problem, ProblemError, Solution, Uncovered, greedy, solve};

use crate::audit::{self, Actor, Event};
use crate::domain::{ListingKind, ListingStatus, OrgKind, OrgStatus};
use crate::error::{AppError, Result};
use crate::listings::{Listing, Side};
use crate::matching::{self, score::Weights};
use crate::search::SearchIndex;

/// How many matches of each need are read when a campaign is scored (the matcher's candidates).
const MATCHES_PER_NEED: usize = 200;

/// A campaign as the office drafts it.
#[derive(Clone, Debug)]
pub struct Draft {
    pub name: String,
    /// Villages and enterprises by their ref (or id).
    pub villages: Vec<String>,
    pub enterprises: Vec<String>,
    pub as_of: NaiveDate,
    /// How many villages each enterprise takes (1 when one-to-one).
    pub capacity: u32,
    pub one_to_one: bool,
    /// How many enterprises a village may be paired with (多企一村 above 1; 1 when one-to-one).
    pub per_village: u32,
    /// No pair farther apart than this many km (where both places are known).
    pub max_km: Option<u32>,
    /// The office drafting it (from the web: the caller's office; every village must lie in
    /// its jurisdiction). `None`: the nearest office holding every village.
    pub office: Option<i32>,
    /// What enterprises can spend on a kind of help, where known.
    pub budgets: Vec<DraftBudget>,
}

/// What an enterprise of a campaign can spend on one kind of help.
#[derive(Clone, Debug)]
pub struct DraftBudget {
    /// The enterprise by its ref (or id), one of the campaign's.
    pub enterprise: String,
    pub kind: ListingKind,
    pub amount_fen: i64,
}

/// The largest budget taken: 100 亿元.
const MAX_BUDGET_FEN: i64 = 1_000_000_000_000;

fn check_budget(amount_fen: i64) -> Result<()> {
    if !(1..=MAX_BUDGET_FEN).contains(&amount_fen) {
        return Err(AppError::field("budget", "预算应在 0.01 元到 100 亿元之间"));
    }
    Ok(())
}

/// Reads an organisation by ref, or by id when the text is a number and no ref matches.
async fn organisation_by_key(db: &DatabaseConnection, key: &str) -> Result<Option<organisation::Model>> {
    // `#123`: the id only (what the pages send), never a ref that looks like a number.
    if let Some(id) = key.strip_prefix('#') {
        return Ok(match id.parse::<i32>() {
            Ok(id) => organisation::Entity::find_by_id(id).one(db).await?,
            Err(_) => None,
        });
    }
    if let Some(o) = organisation::Entity::find().filter(organisation::Column::ExternalRef.eq(key)).one(db).await? {
        return Ok(Some(o));
    }
    Ok(match key.parse::<i32>() {
        Ok(id) => organisation::Entity::find_by_id(id).one(db).await?,
        Err(_) => None,
    })
}

/// Drafts a campaign under the office whose jurisdiction holds all its villages (the nearest
/// such office). Every village and enterprise must be registered, verified and of its kind.
pub async fn create(db: &DatabaseConnection, d: &Draft, actor: &Actor, now: DateTime<Utc>) -> Result<campaign::Model> {
    let name = d.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::field("name", "请填写行动名称（不超过 100 字）"));
    }
    if d.villages.is_empty() {
        return Err(AppError::field("villages", "请至少选择一个村"));
    }
    if d.enterprises.is_empty() {
        return Err(AppError::field("enterprises", "请至少选择一家企业"));
    }
    if d.max_km.is_some_and(|km| !(1..=5000).contains(&km)) {
        return Err(AppError::field("max_km", "最大距离应在 1 到 5000 公里之间"));
    }
    if !(1..=100).contains(&d.capacity) {
        return Err(AppError::field("capacity", "每家企业帮扶的村数应在 1 到 100 之间"));
    }
    if !(1..=10).contains(&d.per_village) {
        return Err(AppError::field("per_village", "每个村结对的企业数应在 1 到 10 之间"));
    }
    let per_village = if d.one_to_one { 1 } else { d.per_village };
    // Drafted by an office (the web, the API): it names only what it may see — the
    // organisations of its jurisdiction and verified enterprises; anything else is not found,
    // without its name or state.
    let seen_by = match d.office {
        Some(id) => Some(office_prefix(db, id).await?),
        None => None,
    };
    let visible = |o: &organisation::Model| match &seen_by {
        None => true,
        Some(prefix) => {
            let inside = o.region_code.starts_with(prefix.as_str());
            o.kind != OrgKind::Office.code()
                && (inside || (o.kind == OrgKind::Enterprise.code() && o.status == OrgStatus::Verified.code()))
        }
    };
    let mut members: Vec<(organisation::Model, u32)> = Vec::new();
    let mut seen = HashSet::new();
    for (field, keys, kind, label) in [
        ("villages", &d.villages, OrgKind::Village, "村"),
        ("enterprises", &d.enterprises, OrgKind::Enterprise, "企业"),
    ] {
        for key in keys {
            let key = key.trim();
            let Some(o) = organisation_by_key(db, key).await?.filter(|o| visible(o)) else {
                return Err(AppError::field(field, format!("找不到「{key}」")));
            };
            if o.kind != kind.code() {
                return Err(AppError::field(field, format!("「{}」不是{label}", o.name)));
            }
            if o.status != OrgStatus::Verified.code() {
                return Err(AppError::field(field, format!("「{}」尚未通过扶贫办认证", o.name)));
            }
            if seen.insert(o.id) {
                let capacity = if kind == OrgKind::Enterprise && !d.one_to_one { d.capacity } else { 1 };
                members.push((o, capacity));
            }
        }
    }
    // The nearest office whose jurisdiction holds every village.
    let offices = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Office.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .all(db)
        .await?;
    let villages: Vec<&organisation::Model> =
        members.iter().map(|(o, _)| o).filter(|o| o.kind == OrgKind::Village.code()).collect();
    let office = offices
        .iter()
        .filter(|o| d.office.is_none_or(|id| id == o.id))
        .filter_map(|o| {
            let code = o.jurisdiction_code.as_deref().unwrap_or(&o.region_code);
            let prefix = crate::auth::guard::region_prefix(code);
            villages.iter().all(|v| v.region_code.starts_with(prefix)).then_some((prefix.len(), o))
        })
        .max_by_key(|(len, o)| (*len, -o.id))
        .map(|(_, o)| o)
        .ok_or_else(|| match d.office {
            Some(_) => AppError::field("villages", "所选的村不都在本办辖区内"),
            None => AppError::field("villages", "没有一个扶贫办的辖区包含所有这些村"),
        })?;
    // Budgets name enterprises of this campaign, one amount per enterprise and kind.
    let mut budgets: HashMap<(i32, &'static str), i64> = HashMap::new();
    for b in &d.budgets {
        let key = b.enterprise.trim();
        let o = match organisation_by_key(db, key).await?.filter(|o| visible(o)) {
            Some(o) if members.iter().any(|(m, _)| m.id == o.id && m.kind == OrgKind::Enterprise.code()) => o,
            _ => return Err(AppError::field("budget", format!("「{key}」不是本次行动的企业，不能为它设预算"))),
        };
        check_budget(b.amount_fen)?;
        if budgets.insert((o.id, b.kind.code()), b.amount_fen).is_some() {
            return Err(AppError::field("budget", format!("「{}」的{}预算填了两次", o.name, b.kind.label())));
        }
    }
    let txn = crate::db::write(db).await?;
    let row = campaign::ActiveModel {
        office_id: Set(office.id),
        name: Set(name.to_owned()),
        as_of: Set(d.as_of),
        one_to_one: Set(d.one_to_one),
        status: Set("drafted".into()),
        solved_at: Set(None),
        uncovered: Set(None),
        issued_at: Set(None),
        max_km: Set(d.max_km.map(|km| km as i32)),
        per_village: Set(per_village as i32),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (o, capacity) in &members {
        campaign_member::ActiveModel {
            campaign_id: Set(row.id),
            organisation_id: Set(o.id),
            capacity: Set(i32::try_from(*capacity).unwrap_or(1)),
        }
        .insert(&txn)
        .await?;
    }
    let mut budget_rows: Vec<_> = budgets.iter().collect();
    budget_rows.sort();
    for &(&(organisation_id, kind), &amount_fen) in &budget_rows {
        campaign_budget::ActiveModel {
            campaign_id: Set(row.id),
            organisation_id: Set(organisation_id),
            kind: Set(kind.to_owned()),
            amount_fen: Set(amount_fen),
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        now,
        actor,
        Event {
            action: "campaign.create",
            entity: "campaign",
            entity_id: row.id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "name": row.name,
                "office_id": office.id,
                "villages": villages.len(),
                "enterprises": members.len() - villages.len(),
                "as_of": d.as_of,
                "one_to_one": d.one_to_one,
                "max_km": d.max_km,
                "per_village": per_village,
                "budgets": budget_rows.len(),
            })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(row)
}

/// A proposed pair, as shown and printed.
#[derive(Clone, Debug, Serialize)]
pub struct ProposedPair {
    pub village_id: i32,
    pub village: String,
    pub village_ref: String,
    pub enterprise_id: i32,
    pub enterprise: String,
    pub enterprise_ref: String,
    pub score: f64,
    pub reason: String,
    pub need_id: Option<i32>,
    pub offer_id: Option<i32>,
    pub locked: bool,
    /// The kind of help behind the pair (the offer's) and what it would take of a budget.
    pub help_kind: Option<String>,
    pub cost_fen: Option<i64>,
}

/// A village left without a partner, and why.
#[derive(Clone, Debug, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct UncoveredVillage {
    pub village_id: i32,
    pub village: String,
    pub village_ref: String,
    pub reason: String,
}

/// What solving a campaign proposes.
#[derive(Clone, Debug, Serialize)]
pub struct Proposal {
    pub campaign_id: i32,
    pub pairs: Vec<ProposedPair>,
    pub uncovered: Vec<UncoveredVillage>,
    /// Said when the answer could not be proven the best (a campaign with budgets).
    pub note: Option<String>,
}

/// The best pair of a village with one enterprise: its score, why, and the need and offer
/// behind it.
#[derive(Clone, Debug)]
struct Scored {
    score: f64,
    reason: String,
    need_id: Option<i32>,
    offer_id: Option<i32>,
    /// The offer's kind of help.
    kind: String,
    /// What the need asks for (分; 0 when it names no amount).
    need_fen: i64,
}

/// What the village asks for when it has posted no need: its main industries' produce sold.
fn main_industries_need(village: &organisation::Model, as_of: NaiveDate, now: DateTime<Utc>) -> Option<Listing> {
    let industries = village.main_industries.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
    Some(Listing {
        side: Side::Need,
        id: 0,
        organisation_id: village.id,
        kind: ListingKind::Procurement,
        title: format!("{industries}找销路"),
        body: format!("本村主导产业：{industries}"),
        amount_fen: 0,
        quantity: None,
        unit: None,
        valid_from: as_of,
        valid_until: None,
        status: ListingStatus::Published,
        external_ref: None,
        published_at: None,
        created_at: now,
        updated_at: now,
        urgency: Some(2),
        regions: Vec::new(),
    })
}

/// Each campaign enterprise's best pair with `village`, from the village's live needs (or its
/// main industries when it has none); only offers of the kind the need asks for.
async fn score_village(
    db: &DatabaseConnection,
    search: &SearchIndex,
    village: &organisation::Model,
    enterprises: &HashSet<i32>,
    as_of: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(HashMap<i32, Scored>, bool)> {
    let rows = need::Entity::find()
        .filter(need::Column::OrganisationId.eq(village.id))
        .filter(need::Column::Status.eq(ListingStatus::Published.code()))
        .all(db)
        .await?;
    let mut needs: Vec<Listing> = rows
        .into_iter()
        .map(Listing::from_need)
        .filter(|n| n.effective_status(as_of) == ListingStatus::Published && n.valid_from <= as_of)
        .collect();
    let from_industries = needs.is_empty();
    if from_industries {
        needs.extend(main_industries_need(village, as_of, now));
    }
    let mut best: HashMap<i32, Scored> = HashMap::new();
    for n in &needs {
        let found =
            matching::for_loaded_of(db, search, n, village, as_of, MATCHES_PER_NEED, &Weights::default(), None).await?;
        for m in found.into_iter().filter(|m| m.same_kind && enterprises.contains(&m.organisation_id)) {
            if best.get(&m.organisation_id).is_some_and(|b| b.score >= m.score) {
                continue;
            }
            let what = if from_industries {
                format!("本村主导产业 × 资源「{}」", m.title)
            } else {
                format!("需求「{}」× 资源「{}」", n.title, m.title)
            };
            best.insert(
                m.organisation_id,
                Scored {
                    score: m.score,
                    reason: format!("{what}：{}", m.reason),
                    need_id: (!from_industries).then_some(n.id),
                    offer_id: Some(m.id),
                    kind: m.kind.clone(),
                    need_fen: n.amount_fen,
                },
            );
        }
    }
    Ok((best, from_industries && needs.is_empty()))
}

fn reference(o: &organisation::Model) -> String {
    o.external_ref.clone().unwrap_or_else(|| o.id.to_string())
}

/// The members of campaign `id` and their organisations by id.
pub(crate) async fn members_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<(Vec<campaign_member::Model>, HashMap<i32, organisation::Model>)> {
    let members = campaign_member::Entity::find().filter(campaign_member::Column::CampaignId.eq(id)).all(db).await?;
    let orgs = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(members.iter().map(|m| m.organisation_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    Ok((members, orgs))
}

/// Why the office excludes a pair: chosen from a list, so that the reasons can be counted and
/// shift the office's later campaigns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReasonKind {
    Far,
    Capacity,
    Product,
    Record,
    Other,
}

impl ReasonKind {
    pub const ALL: [ReasonKind; 5] = [Self::Far, Self::Capacity, Self::Product, Self::Record, Self::Other];

    pub fn code(self) -> &'static str {
        match self {
            Self::Far => "far",
            Self::Capacity => "capacity",
            Self::Product => "product",
            Self::Record => "record",
            Self::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Far => "距离太远",
            Self::Capacity => "企业名额不足",
            Self::Product => "产品或帮扶类型不对路",
            Self::Record => "企业履约记录不佳",
            Self::Other => "其他",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// States of a campaign pair.
pub mod state {
    pub const PROPOSED: &str = "proposed";
    pub const LOCKED: &str = "locked";
    pub const EXCLUDED: &str = "excluded";
    /// An exclusion the office lifted in this campaign (so an earlier one is not inherited).
    pub const ALLOWED: &str = "allowed";
    pub const ISSUED: &str = "issued";

    pub fn label(s: &str) -> &'static str {
        match s {
            PROPOSED => "建议",
            LOCKED => "已锁定",
            EXCLUDED => "已排除",
            ALLOWED => "已恢复",
            ISSUED => "已下发",
            _ => "未知",
        }
    }
}

/// A campaign's status in words.
pub fn status_label(s: &str) -> &'static str {
    match s {
        "drafted" => "草稿",
        "solved" => "已求解",
        "issued" => "已下发",
        _ => "未知",
    }
}

/// The mark of a pair proposed after the office lifted an exclusion of it (so that the
/// exclusion is not taken over again from an earlier campaign).
const LIFTED: &str = "lifted";

/// How much an enterprise from another county loses for each pair this office excluded as too
/// far (at most three counted).
const FAR_PENALTY: f64 = 0.1;

/// An exclusion this campaign takes over from the office's earlier decisions.
struct Inherited {
    kind: Option<String>,
    reason: String,
}

/// The office's earlier word on the pairs of `villages` × `enterprises`: pairs it excluded in
/// its other campaigns, and campaign pairings a side declined or the office rejected.
async fn earlier_exclusions<C: sea_orm::ConnectionTrait>(
    db: &C,
    c: &campaign::Model,
    villages: &[i32],
    enterprises: &[i32],
) -> Result<HashMap<(i32, i32), Inherited>> {
    use sea_orm::QueryOrder;
    let mut out = HashMap::new();
    // The office's earlier campaigns, oldest first: its latest word on a pair wins (an
    // exclusion, or the lifting of one).
    let earlier: Vec<campaign::Model> = campaign::Entity::find()
        .filter(campaign::Column::OfficeId.eq(c.office_id))
        .filter(campaign::Column::Id.lt(c.id))
        .order_by_asc(campaign::Column::Id)
        .all(db)
        .await?;
    if !earlier.is_empty() {
        let names: HashMap<i32, &str> = earlier.iter().map(|o| (o.id, o.name.as_str())).collect();
        let rows = campaign_pair::Entity::find()
            .filter(campaign_pair::Column::CampaignId.is_in(earlier.iter().map(|o| o.id).collect::<Vec<_>>()))
            .filter(
                sea_orm::Condition::any()
                    .add(campaign_pair::Column::State.is_in([state::EXCLUDED, state::ALLOWED]))
                    .add(campaign_pair::Column::ReasonKind.eq(LIFTED)),
            )
            .filter(campaign_pair::Column::VillageId.is_in(villages.to_vec()))
            .filter(campaign_pair::Column::EnterpriseId.is_in(enterprises.to_vec()))
            .order_by_asc(campaign_pair::Column::CampaignId)
            .all(db)
            .await?;
        for p in rows {
            let key = (p.village_id, p.enterprise_id);
            if p.state != state::EXCLUDED {
                out.remove(&key);
                continue;
            }
            let from = names.get(&p.campaign_id).copied().unwrap_or("");
            // An exclusion taken over keeps its first words (not 沿用 twice).
            let reason = if p.reason.starts_with("沿用") {
                p.reason.clone()
            } else {
                format!("沿用「{from}」中的排除：{}", p.reason)
            };
            out.insert(key, Inherited { kind: p.reason_kind.clone(), reason });
        }
    }
    // Campaign pairings of the office's villages that a side declined or it rejected, unless
    // the two were paired after all.
    let prefix = office_prefix(db, c.office_id).await?;
    let approved: HashSet<(i32, i32)> = entity::pairing::Entity::find()
        .filter(entity::pairing::Column::Status.eq(crate::domain::PairingStatus::Approved.code()))
        .filter(entity::pairing::Column::VillageId.is_in(villages.to_vec()))
        .filter(entity::pairing::Column::EnterpriseId.is_in(enterprises.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.village_id, p.enterprise_id))
        .collect();
    let refused = entity::pairing::Entity::find()
        .filter(entity::pairing::Column::Source.eq(crate::domain::PairingSource::Campaign.code()))
        .filter(
            entity::pairing::Column::Status
                .is_in([crate::domain::PairingStatus::Declined.code(), crate::domain::PairingStatus::Rejected.code()]),
        )
        .filter(entity::pairing::Column::VillageId.is_in(villages.to_vec()))
        .filter(entity::pairing::Column::VillageId.in_subquery(crate::radar::villages_in(&prefix)))
        .filter(entity::pairing::Column::EnterpriseId.is_in(enterprises.to_vec()))
        .all(db)
        .await?;
    for p in refused.into_iter().filter(|p| !approved.contains(&(p.village_id, p.enterprise_id))) {
        let what =
            if p.status == crate::domain::PairingStatus::Rejected.code() { "扶贫办驳回" } else { "一方婉拒" };
        let why = p.review_reason.clone().or(p.decline_reason.clone()).unwrap_or_default();
        out.entry((p.village_id, p.enterprise_id))
            .or_insert(Inherited {
                kind: kind_of(&why), reason: format!("此前的专项行动结对曾被{what}：{why}")
            });
    }
    Ok(out)
}

/// The kind chosen from the list, which leads a stored refusal (`距离太远：…`).
fn kind_of(reason: &str) -> Option<String> {
    ReasonKind::ALL.into_iter().find(|k| reason.starts_with(k.label())).map(|k| k.code().to_owned())
}

/// The region prefix of office `id`'s jurisdiction.
async fn office_prefix<C: sea_orm::ConnectionTrait>(db: &C, id: i32) -> Result<String> {
    let o = organisation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok(crate::auth::guard::region_prefix(o.jurisdiction_code.as_deref().unwrap_or(&o.region_code)).to_owned())
}

/// How many distinct pairs the office has ruled out as too far: those it excluded in its
/// campaigns (an exclusion taken over by a later campaign is the same pair, counted once) and
/// pairings of its villages a side declined or it rejected as 距离太远.
async fn far_pairs(db: &DatabaseConnection, office: i32) -> Result<usize> {
    let campaigns = sea_orm::sea_query::Query::select()
        .column(campaign::Column::Id)
        .from(campaign::Entity)
        .and_where(sea_orm::sea_query::ExprTrait::eq(sea_orm::sea_query::Expr::col(campaign::Column::OfficeId), office))
        .to_owned();
    let mut pairs: HashSet<(i32, i32)> = campaign_pair::Entity::find()
        .filter(campaign_pair::Column::State.eq(state::EXCLUDED))
        .filter(campaign_pair::Column::ReasonKind.eq(ReasonKind::Far.code()))
        .filter(campaign_pair::Column::CampaignId.in_subquery(campaigns))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.village_id, p.enterprise_id))
        .collect();
    let prefix = office_prefix(db, office).await?;
    let far = format!("{}%", ReasonKind::Far.label());
    pairs.extend(
        entity::pairing::Entity::find()
            .filter(
                entity::pairing::Column::Status.is_in([
                    crate::domain::PairingStatus::Declined.code(),
                    crate::domain::PairingStatus::Rejected.code(),
                ]),
            )
            .filter(entity::pairing::Column::VillageId.in_subquery(crate::radar::villages_in(&prefix)))
            .filter(
                sea_orm::Condition::any()
                    .add(entity::pairing::Column::DeclineReason.like(far.clone()))
                    .add(entity::pairing::Column::ReviewReason.like(far)),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.village_id, p.enterprise_id)),
    );
    Ok(pairs.len())
}

/// Scores every pair of campaign `id`, solves it and keeps the proposal (the office's locked
/// and excluded pairs stay as they are), in one transaction with its audit event. Pairs the
/// office excluded in its earlier campaigns, and campaign pairings declined or rejected, are
/// excluded here too (shown, and the office may lift them); each pair it excluded, and each
/// pairing of its villages declined or rejected, as too far lowers enterprises from another
/// county in its campaigns.
pub async fn solve_campaign(
    db: &DatabaseConnection,
    search: &SearchIndex,
    id: i32,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Proposal> {
    let c = campaign::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if c.status == "issued" {
        return Err(AppError::Conflict("本次行动已下发结对，不能再求解；如需调整，请新建一次专项行动".into()));
    }
    let (members, orgs) = members_of(db, id).await?;
    let of_kind = |k: OrgKind| -> Vec<(&organisation::Model, u32)> {
        let mut v: Vec<(&organisation::Model, u32)> = members
            .iter()
            .filter_map(|m| orgs.get(&m.organisation_id).map(|o| (o, u32::try_from(m.capacity).unwrap_or(1))))
            .filter(|(o, _)| o.kind == k.code())
            .collect();
        v.sort_by_key(|(o, _)| o.id);
        v
    };
    let villages = of_kind(OrgKind::Village);
    let enterprises = of_kind(OrgKind::Enterprise);
    let v_index: HashMap<i32, usize> = villages.iter().enumerate().map(|(i, (o, _))| (o.id, i)).collect();
    let e_index: HashMap<i32, usize> = enterprises.iter().enumerate().map(|(i, (o, _))| (o.id, i)).collect();
    // Only verified enterprises take part (one suspended since the draft is left out).
    let live: HashSet<i32> =
        enterprises.iter().filter(|(o, _)| o.status == OrgStatus::Verified.code()).map(|(o, _)| o.id).collect();
    // Each pair this office ruled out as too far lowers enterprises of another county.
    let far = far_pairs(db, c.office_id).await?;
    let far_factor = 1.0 - FAR_PENALTY * far.min(3) as f64;
    let mut scored: HashMap<(usize, usize), Scored> = HashMap::new();
    let mut nothing_posted = HashSet::new();
    // Villages that lost a fitting enterprise to the maximum distance.
    let mut too_far: HashSet<usize> = HashSet::new();
    let place = |o: &organisation::Model| o.lat.zip(o.lon);
    // A village suspended since the draft takes no partner (its locks too are set aside).
    let suspended: HashSet<usize> = villages
        .iter()
        .enumerate()
        .filter(|(_, (o, _))| o.status != OrgStatus::Verified.code())
        .map(|(i, _)| i)
        .collect();
    for (vi, (v, _)) in villages.iter().enumerate() {
        if suspended.contains(&vi) {
            continue;
        }
        let (best, nothing) = score_village(db, search, v, &live, c.as_of, now).await?;
        if nothing {
            nothing_posted.insert(vi);
        }
        for (e, mut s) in best {
            if let Some(&ei) = e_index.get(&e) {
                if let (Some(max), Some(a), Some(b)) = (c.max_km, place(v), place(enterprises[ei].0))
                    && crate::matching::score::distance_km(a, b) > f64::from(max)
                {
                    too_far.insert(vi);
                    continue;
                }
                let county = |o: &organisation::Model| o.region_code.get(..6).unwrap_or("").to_owned();
                if far > 0 && county(enterprises[ei].0) != county(v) {
                    s.score *= far_factor;
                    s.reason = format!(
                        "{}；本办有 {far} 对结对因「距离太远」被排除或婉拒，外县企业匹配度下调 {:.0}%",
                        s.reason,
                        (1.0 - far_factor) * 100.0
                    );
                }
                scored.insert((vi, ei), s);
            }
        }
    }
    // What each pair would take of a budget: what the need asks, up to what the offer names;
    // the offer's amount where the need names none (a village's main industries).
    let offer_ids: Vec<i32> = scored.values().filter_map(|s| s.offer_id).collect::<HashSet<_>>().into_iter().collect();
    let mut offer_fen: HashMap<i32, i64> = HashMap::new();
    for chunk in offer_ids.chunks(500) {
        let rows: Vec<(i32, i64)> = offer::Entity::find()
            .select_only()
            .column(offer::Column::Id)
            .column(offer::Column::AmountFen)
            .filter(offer::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        offer_fen.extend(rows);
    }
    let cost_of = |s: &Scored| -> i64 {
        let offered = s.offer_id.and_then(|id| offer_fen.get(&id)).copied().unwrap_or(0).max(0);
        match (s.need_fen > 0, offered > 0) {
            (true, true) => s.need_fen.min(offered),
            (true, false) => s.need_fen,
            (false, _) => offered,
        }
    };
    let budget_rows = budgets_of(db, id).await?;
    let budget_of: HashMap<(usize, &str), i64> = budget_rows
        .iter()
        .filter_map(|b| Some(((*e_index.get(&b.organisation_id)?, b.kind.as_str()), b.amount_fen)))
        .collect();
    let kept = campaign_pair::Entity::find().filter(campaign_pair::Column::CampaignId.eq(id)).all(db).await?;
    // The office's own word in this campaign wins over an earlier one (a pair merely proposed
    // last time is no word).
    let has_row: HashSet<(i32, i32)> = kept
        .iter()
        .filter(|p| p.state != state::PROPOSED || p.reason_kind.as_deref() == Some(LIFTED))
        .map(|p| (p.village_id, p.enterprise_id))
        .collect();
    let village_ids: Vec<i32> = villages.iter().map(|(o, _)| o.id).collect();
    let enterprise_ids: Vec<i32> = enterprises.iter().map(|(o, _)| o.id).collect();
    let inherited: Vec<((i32, i32), Inherited)> = earlier_exclusions(db, &c, &village_ids, &enterprise_ids)
        .await?
        .into_iter()
        .filter(|(k, _)| !has_row.contains(k))
        .collect();
    let key = |p: &campaign_pair::Model| Some((*v_index.get(&p.village_id)?, *e_index.get(&p.enterprise_id)?));
    let mut excluded: HashSet<(usize, usize)> =
        kept.iter().filter(|p| p.state == state::EXCLUDED).filter_map(key).collect();
    excluded.extend(inherited.iter().filter_map(|((v, e), _)| Some((*v_index.get(v)?, *e_index.get(e)?))));
    let problem = Problem {
        villages: villages.len(),
        capacity: enterprises.iter().map(|(_, cap)| *cap).collect(),
        per_village: u32::try_from(c.per_village).unwrap_or(1).max(1),
        candidates: scored
            .iter()
            .map(|(&(village, enterprise), s)| Candidate { village, enterprise, score: s.score })
            .collect(),
        locked: kept
            .iter()
            .filter(|p| p.state == state::LOCKED)
            .filter_map(key)
            .filter(|(v, e)| !suspended.contains(v) && live.contains(&enterprises[*e].0.id))
            .collect(),
        excluded,
        budgets: budget_of
            .iter()
            .map(|(&(ei, kind), &limit)| Budget {
                enterprise: ei,
                limit,
                costs: scored
                    .iter()
                    .filter(|((_, e), s)| *e == ei && s.kind == kind)
                    .map(|((v, _), s)| (*v, cost_of(s)))
                    .collect(),
            })
            .collect(),
    };
    let solution = solve(&problem).map_err(|e| match e {
        ProblemError::LockedOverBudget { enterprise } => AppError::Conflict(format!(
            "「{}」锁定的结对所需金额超出了它在本次行动中的预算。请解除其中一个锁定或调高预算后重新求解",
            enterprises.get(enterprise).map_or("", |e| e.0.name.as_str()),
        )),
        ProblemError::TooLarge { candidates } => AppError::Conflict(format!(
            "设了预算的专项行动最多求解 {} 个候选结对，本次有 {candidates} 个。请缩小村或企业的范围，或去掉预算后再求解",
            optimise::MIP_CANDIDATES
        )),
        ProblemError::LockedOverCapacity { village, enterprise } | ProblemError::Unknown { village, enterprise } => {
            AppError::Conflict(format!(
                "锁定的结对超出了名额：「{}」与「{}」锁定后，企业帮扶的村数或村结对的企业数超过了本次行动的规定。请解除其中一个锁定后重新求解",
                villages.get(village).map_or("", |v| v.0.name.as_str()),
                enterprises.get(enterprise).map_or("", |e| e.0.name.as_str()),
            ))
        }
    })?;
    let locked: HashSet<(usize, usize)> = problem.locked.iter().copied().collect();
    // What the proposal takes of each budget.
    let mut spent: HashMap<(usize, &str), i64> = HashMap::new();
    for p in &solution.pairs {
        if let Some(s) = scored.get(&(p.village, p.enterprise))
            && budget_of.contains_key(&(p.enterprise, s.kind.as_str()))
        {
            *spent.entry((p.enterprise, s.kind.as_str())).or_default() += cost_of(s);
        }
    }
    let money = |fen: i64| crate::money::Money(fen).display();
    // An enterprise's budget for a kind and what the proposal leaves of it.
    let budget_left = |ei: usize, kind: &str| -> Option<(i64, i64)> {
        let limit = *budget_of.get(&(ei, kind))?;
        Some((limit, limit - spent.get(&(ei, kind)).copied().unwrap_or(0)))
    };
    // The village's best-scoring enterprise it was not kept from.
    let best_of = |vi: usize| {
        scored
            .iter()
            .filter(|((v, e), _)| *v == vi && !problem.excluded.contains(&(*v, *e)))
            .max_by(|a, b| a.1.score.total_cmp(&b.1.score).then(b.0.1.cmp(&a.0.1)))
            .map(|((_, ei), best)| (*ei, best))
    };
    let mut pairs = Vec::new();
    for p in &solution.pairs {
        let (v, e) = (villages[p.village].0, enterprises[p.enterprise].0);
        let s = scored.get(&(p.village, p.enterprise));
        // Why this enterprise rather than the village's best-scoring one.
        let runner_up = match best_of(p.village) {
            Some((ei, best)) if ei != p.enterprise && best.score > p.score => {
                // Kept out by its budget for that help (what is left of it is less than the
                // pair would take), or by its places going to other villages.
                let why = match budget_left(ei, &best.kind) {
                    Some((_, left)) if cost_of(best) > left => {
                        format!("这类帮扶的预算只剩 {}，不够本村所需的 {}", money(left.max(0)), money(cost_of(best)))
                    }
                    _ => "已安排给别的村".to_owned(),
                };
                format!(
                    "得分更高的「{}」（匹配度 {:.0}%）{why}，按全局最优安排本企业",
                    enterprises[ei].0.name,
                    best.score * 100.0
                )
            }
            _ => "本村得分最高的企业".to_owned(),
        };
        let is_locked = locked.contains(&(p.village, p.enterprise));
        let mut reason = match (s, is_locked) {
            (Some(s), false) => format!("{}；{runner_up}", s.reason),
            (Some(s), true) => format!("{}；扶贫办锁定", s.reason),
            (None, _) => "扶贫办锁定（本次评分中双方没有相符的需求和资源）".to_owned(),
        };
        if let Some(s) = s
            && let Some((limit, left)) = budget_left(p.enterprise, &s.kind)
        {
            let label = ListingKind::parse(&s.kind).map_or("", ListingKind::label);
            let used = limit - left;
            reason = match cost_of(s) {
                0 => format!("{reason}；所需金额未知，不占本企业「{label}」预算"),
                cost => format!(
                    "{reason}；计入本企业「{label}」预算：本结对 {}，本次共安排 {} / 预算 {}",
                    money(cost),
                    money(used),
                    money(limit)
                ),
            };
        }
        pairs.push(ProposedPair {
            village_id: v.id,
            village: v.name.clone(),
            village_ref: reference(v),
            enterprise_id: e.id,
            enterprise: e.name.clone(),
            enterprise_ref: reference(e),
            score: p.score,
            reason,
            need_id: s.and_then(|s| s.need_id),
            offer_id: s.and_then(|s| s.offer_id),
            locked: is_locked,
            help_kind: s.map(|s| s.kind.clone()),
            cost_fen: s.map(cost_of),
        });
    }
    let uncovered: Vec<UncoveredVillage> = solution
        .uncovered
        .iter()
        .map(|(vi, why)| {
            let v = villages[*vi].0;
            let candidates = scored.keys().any(|(v, _)| v == vi);
            let reason = if suspended.contains(vi) {
                "本村目前未通过认证或已被暂停，不参加结对".to_owned()
            } else if nothing_posted.contains(vi) {
                "本村未发布需求，也未填写主导产业".to_owned()
            } else if *why == Uncovered::NoCandidate && too_far.contains(vi) && !candidates {
                format!("相符的企业都在 {} 公里以外（本次行动的最大距离）", c.max_km.unwrap_or(0))
            } else if *why == Uncovered::CapacityOrBudget
                && let Some((ei, best)) = best_of(*vi)
            {
                // Said of the village's best-fitting enterprise: its budget, or its places.
                let name = &enterprises[ei].0.name;
                let kind = best.kind.as_str();
                match budget_left(ei, kind) {
                    Some((limit, left)) if cost_of(best) > left => {
                        format!(
                            "最相符的「{name}」{}预算{}，不够本村所需的 {}；其他相符企业的名额或预算已安排给别的村",
                            ListingKind::parse(kind).map_or("", ListingKind::label),
                            if left < limit {
                                format!("只剩 {}", money(left.max(0)))
                            } else {
                                format!("为 {}", money(limit))
                            },
                            money(cost_of(best))
                        )
                    }
                    _ => format!("最相符的「{name}」名额已安排给其他村；其他相符企业的名额或预算也已安排给别的村"),
                }
            } else {
                why.label().to_owned()
            };
            UncoveredVillage { village_id: v.id, village: v.name.clone(), village_ref: reference(v), reason }
        })
        .collect();

    let note = match solution.optimality {
        Optimality::Proven => None,
        Optimality::WithinGap { score_gap, covered_proven } => Some(format!(
            "本次行动设了预算，求解器在 {} 秒内未能证明这是最优方案：{}总分与最优相差不超过 {:.2} 分（满分 1 分一对）",
            optimise::MIP_SECONDS,
            if covered_proven { "覆盖的村数已是最多，" } else { "覆盖的村数或许还能更多，" },
            score_gap
        )),
        Optimality::Unproven => Some(format!(
            "本次行动设了预算，求解器在 {} 秒内没有给出方案：下面是按匹配度从高到低、不超名额和预算逐对安排的结果，未经优化",
            optimise::MIP_SECONDS
        )),
    };
    let txn = crate::db::write(db).await?;
    // Only if the office changed nothing (a pair locked, excluded or issued) since the pairs
    // were read: otherwise this proposal was made without that change.
    let edits = |pairs: &[campaign_pair::Model]| -> Vec<(i32, i32, String)> {
        let mut v: Vec<(i32, i32, String)> = pairs
            .iter()
            .filter(|p| p.state != state::PROPOSED)
            .map(|p| (p.village_id, p.enterprise_id, p.state.clone()))
            .collect();
        v.sort();
        v
    };
    let now_kept = campaign_pair::Entity::find().filter(campaign_pair::Column::CampaignId.eq(id)).all(&txn).await?;
    let status_now = campaign::Entity::find_by_id(id).one(&txn).await?.map(|c| c.status);
    // A budget changed meanwhile, too.
    let budgets_now = budgets_of(&txn, id).await?;
    let same_budgets = {
        let key = |b: &campaign_budget::Model| (b.organisation_id, b.kind.clone(), b.amount_fen);
        let mut a: Vec<_> = budget_rows.iter().map(key).collect();
        let mut b: Vec<_> = budgets_now.iter().map(key).collect();
        a.sort();
        b.sort();
        a == b
    };
    if edits(&now_kept) != edits(&kept) || !same_budgets || status_now.as_deref() == Some("issued") {
        return Err(AppError::Conflict(
            "求解期间这次行动被改动了（锁定、排除、预算或已下发），请刷新后重新求解".into(),
        ));
    }
    // A lifted exclusion proposed last time goes back to being only lifted; the other
    // proposed pairs go.
    campaign_pair::Entity::update_many()
        .col_expr(campaign_pair::Column::State, sea_orm::sea_query::Expr::value(state::ALLOWED))
        .col_expr(campaign_pair::Column::Score, sea_orm::sea_query::Expr::value(Option::<f64>::None))
        .filter(campaign_pair::Column::CampaignId.eq(id))
        .filter(campaign_pair::Column::State.eq(state::PROPOSED))
        .filter(campaign_pair::Column::ReasonKind.eq(LIFTED))
        .exec(&txn)
        .await?;
    campaign_pair::Entity::delete_many()
        .filter(campaign_pair::Column::CampaignId.eq(id))
        .filter(campaign_pair::Column::State.eq(state::PROPOSED))
        .exec(&txn)
        .await?;
    let lifted: HashSet<(i32, i32)> = now_kept
        .iter()
        .filter(|p| p.state == state::ALLOWED || p.reason_kind.as_deref() == Some(LIFTED))
        .map(|p| (p.village_id, p.enterprise_id))
        .collect();
    for ((village_id, enterprise_id), why) in &inherited {
        campaign_pair::ActiveModel {
            campaign_id: Set(id),
            village_id: Set(*village_id),
            enterprise_id: Set(*enterprise_id),
            state: Set(state::EXCLUDED.into()),
            score: Set(None),
            reason: Set(why.reason.chars().take(500).collect()),
            need_id: Set(None),
            offer_id: Set(None),
            reason_kind: Set(why.kind.clone()),
            pairing_id: Set(None),
            help_kind: Set(None),
            cost_fen: Set(None),
        }
        .insert(&txn)
        .await?;
    }
    for p in &pairs {
        if p.locked {
            // The locked row keeps its state; it gets the score and reasons of this solve.
            campaign_pair::Entity::update_many()
                .col_expr(campaign_pair::Column::Score, sea_orm::sea_query::Expr::value(p.score))
                .col_expr(campaign_pair::Column::Reason, sea_orm::sea_query::Expr::value(p.reason.clone()))
                .col_expr(campaign_pair::Column::NeedId, sea_orm::sea_query::Expr::value(p.need_id))
                .col_expr(campaign_pair::Column::OfferId, sea_orm::sea_query::Expr::value(p.offer_id))
                .col_expr(campaign_pair::Column::HelpKind, sea_orm::sea_query::Expr::value(p.help_kind.clone()))
                .col_expr(campaign_pair::Column::CostFen, sea_orm::sea_query::Expr::value(p.cost_fen))
                .filter(campaign_pair::Column::CampaignId.eq(id))
                .filter(campaign_pair::Column::VillageId.eq(p.village_id))
                .filter(campaign_pair::Column::EnterpriseId.eq(p.enterprise_id))
                .exec(&txn)
                .await?;
            continue;
        }
        let row = campaign_pair::ActiveModel {
            campaign_id: Set(id),
            village_id: Set(p.village_id),
            enterprise_id: Set(p.enterprise_id),
            state: Set(state::PROPOSED.into()),
            score: Set(Some(p.score)),
            reason: Set(p.reason.clone()),
            need_id: Set(p.need_id),
            offer_id: Set(p.offer_id),
            // Proposed after the office lifted its exclusion: remembered as lifted.
            reason_kind: Set(lifted.contains(&(p.village_id, p.enterprise_id)).then(|| LIFTED.to_owned())),
            pairing_id: Set(None),
            help_kind: Set(p.help_kind.clone()),
            cost_fen: Set(p.cost_fen),
        };
        if lifted.contains(&(p.village_id, p.enterprise_id)) {
            row.update(&txn).await?;
        } else {
            row.insert(&txn).await?;
        }
    }
    let mut am: campaign::ActiveModel = c.clone().into();
    am.status = Set("solved".into());
    am.solved_at = Set(Some(now));
    am.uncovered = Set(Some(serde_json::to_string(&uncovered).map_err(|e| AppError::Other(e.into()))?));
    am.solve_note = Set(note.clone());
    am.updated_at = Set(now);
    am.update(&txn).await?;
    audit::record(
        &txn,
        now,
        actor,
        Event {
            action: "campaign.solve",
            entity: "campaign",
            entity_id: id.to_string(),
            before: Some(serde_json::json!({ "status": c.status })),
            after: Some(serde_json::json!({
                "status": "solved",
                "pairs": pairs.len(),
                "uncovered": uncovered.len(),
                "inherited_exclusions": inherited.len(),
                "total_score": solution.total(),
                "budgets": problem.budgets.len(),
                "proven_best": solution.optimality == Optimality::Proven,
            })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(Proposal { campaign_id: id, pairs, uncovered, note })
}

/// The proposal as the command line prints it with `--format json`.
pub fn to_json(p: &Proposal) -> serde_json::Value {
    serde_json::json!({
        "campaign": p.campaign_id,
        "pairs": p.pairs.iter().map(|x| serde_json::json!({
            "village": x.village_ref,
            "enterprise": x.enterprise_ref,
            "score": (x.score * 1000.0).round() / 1000.0,
            "reason": x.reason,
        })).collect::<Vec<_>>(),
        "uncovered": p.uncovered.iter().map(|u| serde_json::json!({
            "village": u.village_ref,
            "reason": u.reason,
        })).collect::<Vec<_>>(),
        "note": p.note,
    })
}

/// Sets what an enterprise of campaign `id` can spend on a kind of help (`None`: no budget
/// for it), in one transaction with its audit event. The proposal no longer says what the
/// office wants: the campaign must be solved again before it is issued.
#[allow(clippy::too_many_arguments)]
pub async fn set_budget(
    db: &DatabaseConnection,
    id: i32,
    enterprise: &str,
    kind: ListingKind,
    amount_fen: Option<i64>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<()> {
    if let Some(fen) = amount_fen {
        check_budget(fen)?;
    }
    let c = campaign::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let key = enterprise.trim();
    let found = organisation_by_key(db, key).await?.filter(|o| o.kind == OrgKind::Enterprise.code());
    let member = match &found {
        Some(o) => campaign_member::Entity::find_by_id((id, o.id)).one(db).await?.is_some(),
        None => false,
    };
    let o = found.filter(|_| member).ok_or_else(|| {
        // A page sends `#id`: no number is shown back.
        if key.is_empty() || key.starts_with('#') {
            AppError::field("enterprise", "所选企业不在本次行动中，请在本页的企业名单中设定预算")
        } else {
            AppError::field("enterprise", format!("「{key}」不是本次行动的企业"))
        }
    })?;
    let txn = crate::db::write(db).await?;
    // Read again under the write lock: an issue that got in first wins.
    let c_now = campaign::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if c_now.status == "issued" {
        return Err(AppError::Conflict(format!("「{}」已下发结对，不能再改预算", c.name)));
    }
    let before = campaign_budget::Entity::find_by_id((id, o.id, kind.code().to_owned())).one(&txn).await?;
    match (&before, amount_fen) {
        (None, None) => {
            return Err(AppError::Conflict(format!("「{}」本来就没有{}预算，无需取消", o.name, kind.label())));
        }
        (Some(b), Some(fen)) if b.amount_fen == fen => return Ok(()),
        (Some(b), None) => {
            campaign_budget::Entity::delete_by_id((b.campaign_id, b.organisation_id, b.kind.clone()))
                .exec(&txn)
                .await?;
        }
        (Some(b), Some(fen)) => {
            let mut am: campaign_budget::ActiveModel = b.clone().into();
            am.amount_fen = Set(fen);
            am.update(&txn).await?;
        }
        (None, Some(fen)) => {
            campaign_budget::ActiveModel {
                campaign_id: Set(id),
                organisation_id: Set(o.id),
                kind: Set(kind.code().to_owned()),
                amount_fen: Set(fen),
            }
            .insert(&txn)
            .await?;
        }
    }
    touch(&txn, &c_now, now).await?;
    audit::record(
        &txn,
        now,
        actor,
        Event {
            action: "campaign.budget",
            entity: "campaign",
            entity_id: id.to_string(),
            before: Some(serde_json::json!({
                "enterprise_id": o.id, "kind": kind.code(), "amount_fen": before.map(|b| b.amount_fen),
            })),
            after: Some(serde_json::json!({ "enterprise_id": o.id, "kind": kind.code(), "amount_fen": amount_fen })),
        },
    )
    .await?;
    Ok(crate::db::commit(txn).await?)
}

/// Records that campaign `c` (read under the write lock) changed: at `now`, but after its last
/// solve, so that it reads as changed since then (to be solved again before issue) even when
/// the request began before a solve that committed first.
async fn touch<C: sea_orm::ConnectionTrait>(txn: &C, c: &campaign::Model, now: DateTime<Utc>) -> Result<()> {
    let at = match c.solved_at {
        Some(solved) if solved >= now => solved + chrono::Duration::milliseconds(1),
        _ => now,
    };
    let mut am: campaign::ActiveModel = c.clone().into();
    am.updated_at = Set(at);
    am.update(txn).await?;
    Ok(())
}

/// The budgets of campaign `id`.
pub async fn budgets_of<C: sea_orm::ConnectionTrait>(db: &C, id: i32) -> Result<Vec<campaign_budget::Model>> {
    Ok(campaign_budget::Entity::find().filter(campaign_budget::Column::CampaignId.eq(id)).all(db).await?)
}

/// What the office says of a pair before solving again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Kept whatever the optimiser would choose.
    Lock,
    /// Never proposed in this campaign (nor, unless lifted, in the office's later ones).
    Exclude,
    /// Back to the optimiser's choice: a lock or an exclusion lifted.
    Release,
}

impl Mark {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "lock" => Some(Self::Lock),
            "exclude" => Some(Self::Exclude),
            "release" => Some(Self::Release),
            _ => None,
        }
    }
}

/// Locks, excludes or releases the pair of `village` and `enterprise` (refs or ids) in campaign
/// `id`, with the office's reason (an exclusion needs its kind and words), in one transaction
/// with its audit event. Refused once the campaign is issued.
#[expect(clippy::too_many_arguments, reason = "each is one thing the office says of the pair")]
pub async fn mark(
    db: &DatabaseConnection,
    id: i32,
    village: &str,
    enterprise: &str,
    m: Mark,
    kind: Option<ReasonKind>,
    reason: &str,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<()> {
    let reason = reason.trim();
    let mut errors = Vec::new();
    if m == Mark::Exclude {
        if kind.is_none() {
            errors.push(("reason_kind".to_owned(), "请选择排除的原因".to_owned()));
        }
        if reason.chars().count() < 2 && kind != Some(ReasonKind::Far) && kind != Some(ReasonKind::Capacity) {
            errors.push(("reason".to_owned(), "请写明排除的理由（至少 2 个字）".to_owned()));
        }
    }
    if reason.chars().count() > 200 {
        errors.push(("reason".to_owned(), "理由不超过 200 字".to_owned()));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let c = campaign::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let mut ids = Vec::new();
    for (field, key, kind) in [("village", village, OrgKind::Village), ("enterprise", enterprise, OrgKind::Enterprise)]
    {
        let o = organisation_by_key(db, key.trim())
            .await?
            .filter(|o| o.kind == kind.code())
            .ok_or_else(|| AppError::field(field, format!("找不到「{}」", key.trim())))?;
        let member = campaign_member::Entity::find_by_id((id, o.id)).one(db).await?;
        if member.is_none() {
            return Err(AppError::field(field, format!("「{}」不在本次专项行动中", key.trim())));
        }
        ids.push(o.id);
    }
    let (village_id, enterprise_id) = (ids[0], ids[1]);
    let txn = crate::db::write(db).await?;
    // Read again under the write lock: an issue that got in first wins.
    let c_now = campaign::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if c_now.status == "issued" {
        return Err(AppError::Conflict(format!("「{}」已下发结对，不能再锁定或排除", c.name)));
    }
    let before = campaign_pair::Entity::find_by_id((id, village_id, enterprise_id)).one(&txn).await?;
    let text = if m == Mark::Exclude {
        let kind = kind.map_or("", ReasonKind::label);
        if reason.is_empty() { kind.to_owned() } else { format!("{kind}：{reason}") }
    } else {
        reason.to_owned()
    };
    let state = match (m, &before) {
        (Mark::Lock, _) => state::LOCKED,
        (Mark::Exclude, _) => state::EXCLUDED,
        // A lifted exclusion stays on record as allowed (so an earlier one is not taken over
        // again); a lifted lock is the optimiser's again.
        (Mark::Release, Some(p)) if p.state == state::EXCLUDED => state::ALLOWED,
        (Mark::Release, Some(p)) if p.state == state::LOCKED => state::PROPOSED,
        (Mark::Release, _) => return Err(AppError::Conflict("这一对既未锁定也未排除，无需恢复".into())),
    };
    match &before {
        Some(p) => {
            let mut am: campaign_pair::ActiveModel = p.clone().into();
            am.state = Set(state.into());
            if m == Mark::Exclude {
                am.reason = Set(text.clone());
                am.reason_kind = Set(kind.map(|k| k.code().to_owned()));
            }
            // Lifting an exclusion forgets its kind; lifting a lock keeps a lifted mark.
            if m == Mark::Release && p.state == state::EXCLUDED {
                am.reason_kind = Set(None);
                if state == state::ALLOWED {
                    am.reason = Set(format!("扶贫办恢复（原排除：{}）", p.reason).chars().take(500).collect());
                }
            }
            am.update(&txn).await?;
        }
        None => {
            campaign_pair::ActiveModel {
                campaign_id: Set(id),
                village_id: Set(village_id),
                enterprise_id: Set(enterprise_id),
                state: Set(state.into()),
                score: Set(None),
                reason: Set(text.clone()),
                need_id: Set(None),
                offer_id: Set(None),
                reason_kind: Set(kind.filter(|_| m == Mark::Exclude).map(|k| k.code().to_owned())),
                pairing_id: Set(None),
                help_kind: Set(None),
                cost_fen: Set(None),
            }
            .insert(&txn)
            .await?;
        }
    }
    // The proposal no longer says what the office wants: it must be solved again before issue.
    touch(&txn, &c_now, now).await?;
    audit::record(
        &txn,
        now,
        actor,
        Event {
            action: match m {
                Mark::Lock => "campaign.lock",
                Mark::Exclude => "campaign.exclude",
                Mark::Release => "campaign.release",
            },
            entity: "campaign",
            entity_id: id.to_string(),
            before: before.map(|p| serde_json::json!({ "village_id": p.village_id, "enterprise_id": p.enterprise_id, "state": p.state })),
            after: Some(serde_json::json!({
                "village_id": village_id,
                "enterprise_id": enterprise_id,
                "state": state,
                "reason": text,
            })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(())
}
