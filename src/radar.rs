//! The coverage radar and work queue of an office (or the auditor): villages without a partner
//! by county with the reason, needs unmet for long, pairings stuck in one state, approved
//! pairings with no agreement (these lapse after a second period, so a claimed need is open
//! again), milestones overdue, contributions waiting, disputes and objections — each with the
//! page where the next step is taken. `daily` lapses what is due and sends each office one
//! inbox message a day with what waits.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::{agreement, contribution, milestone, need, notice, objection, organisation, pairing};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;

use crate::audit::{self, Actor, Event};
use crate::domain::{
    AgreementStatus, ContributionStatus, ListingStatus, ObjectionStatus, OrgKind, OrgStatus, PairingStatus,
};

/// Days after which a need without a pairing counts as unmet.
pub const UNMET_DAYS: i64 = 30;
/// Days a pairing may rest in one open state before it counts as stuck.
pub const STUCK_DAYS: i64 = 30;
/// Days after approval by which an agreement is expected.
pub const AGREEMENT_DAYS: i64 = 30;
/// Further days after which an approved pairing with no agreement lapses.
pub const LAPSE_DAYS: i64 = 30;
/// Items listed per section (the counts are exact).
const LISTED: u64 = 50;

/// One thing that waits, with the page where it is acted on.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub title: String,
    pub detail: String,
    pub link: String,
    pub action: String,
}

/// A section of the radar: how many, and the first of them.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Section {
    pub count: u64,
    pub items: Vec<Item>,
}

/// A county's villages: how many, how many have an approved partner, and those without one.
#[derive(Clone, Debug, Serialize)]
pub struct County {
    pub code: String,
    pub name: String,
    pub villages: usize,
    pub partnered: usize,
    pub percent: i64,
    pub gaps: Vec<Item>,
    /// Villages without a partner beyond those listed.
    pub more: usize,
}

/// Everything the radar shows for one jurisdiction.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Radar {
    pub counties: Vec<County>,
    pub villages: usize,
    pub partnered: usize,
    pub unpartnered: usize,
    pub unmet_needs: Section,
    pub stuck_pairings: Section,
    pub no_agreement: Section,
    pub overdue_milestones: Section,
    pub to_confirm: Section,
    pub to_verify: Section,
    pub disputes: Section,
    pub objections: Section,
    pub pending_review: Section,
    pub pending_orgs: Section,
}

impl Radar {
    /// What waits, in one line (for the daily inbox message); empty when nothing does.
    pub fn summary(&self) -> String {
        let parts: Vec<String> = [
            (self.pending_orgs.count, "待认证机构"),
            (self.pending_review.count, "待审核结对"),
            (self.to_verify.count, "待核实帮扶记录"),
            (self.disputes.count, "有异议的帮扶记录"),
            (self.objections.count, "待处理公示异议"),
            (self.no_agreement.count, "通过后未签协议的结对"),
            (self.stuck_pairings.count, "停滞的结对"),
            (self.overdue_milestones.count, "逾期的协议节点"),
            (self.unmet_needs.count, "长期未响应的需求"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{what} {n}"))
        .collect();
        parts.join("，")
    }
}

fn days(since: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    Ord::max((now - since).num_days(), 0)
}

fn county_of(code: &str) -> String {
    format!("{:0<12}", &code[..Ord::min(6, code.len())])
}

/// Villages (verified) in region `prefix`, as a subquery of their ids.
pub(crate) fn villages_in(prefix: &str) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(organisation::Column::Id)
        .from(organisation::Entity)
        .and_where(Expr::col(organisation::Column::Kind).eq(OrgKind::Village.code()))
        .and_where(Expr::col(organisation::Column::RegionCode).like(format!("{prefix}%")))
        .to_owned()
}

/// Pairings of villages in `prefix` (as a subquery of their ids).
pub(crate) fn pairings_in(prefix: &str) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(pairing::Column::Id)
        .from(pairing::Entity)
        .and_where(Expr::col(pairing::Column::VillageId).in_subquery(villages_in(prefix)))
        .to_owned()
}

/// Agreements of villages in `prefix` (as a subquery of their ids).
pub(crate) fn agreements_in(prefix: &str) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(agreement::Column::Id)
        .from(agreement::Entity)
        .and_where(Expr::col(agreement::Column::PairingId).in_subquery(pairings_in(prefix)))
        .to_owned()
}

async fn names(db: &DatabaseConnection, ids: Vec<i32>) -> Result<HashMap<i32, String>, DbErr> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

/// The radar of region `prefix` (significant digits of a region code; empty for everywhere).
pub async fn build(db: &DatabaseConnection, prefix: &str, now: DateTime<Utc>) -> Result<Radar, DbErr> {
    let today = crate::clock::to_shanghai(now).date_naive();
    let mut r = Radar::default();
    let villages = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .filter(organisation::Column::RegionCode.starts_with(prefix))
        .order_by_asc(organisation::Column::RegionCode)
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await?;
    let approved: HashSet<i32> = pairing::Entity::find()
        .select_only()
        .column(pairing::Column::VillageId)
        .filter(pairing::Column::Status.eq(PairingStatus::Approved.code()))
        .filter(pairing::Column::VillageId.in_subquery(villages_in(prefix)))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    // The open pairing of each village that has one (the most recently moved).
    let mut open: HashMap<i32, pairing::Model> = HashMap::new();
    for p in pairing::Entity::find()
        .filter(pairing::Column::OpenKey.is_not_null())
        .filter(pairing::Column::Status.ne(PairingStatus::Approved.code()))
        .filter(pairing::Column::VillageId.in_subquery(villages_in(prefix)))
        .order_by_asc(pairing::Column::UpdatedAt)
        .all(db)
        .await?
    {
        open.insert(p.village_id, p);
    }
    let live_need = Condition::all()
        .add(need::Column::Status.eq(ListingStatus::Published.code()))
        .add(Condition::any().add(need::Column::ValidUntil.is_null()).add(need::Column::ValidUntil.gte(today)));
    let with_needs: HashSet<i32> = need::Entity::find()
        .select_only()
        .column(need::Column::OrganisationId)
        .filter(live_need.clone())
        .filter(need::Column::OrganisationId.in_subquery(villages_in(prefix)))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let county_names = crate::web::listings::region_names(
        db,
        villages.iter().map(|v| county_of(&v.region_code)).collect::<HashSet<_>>().into_iter().collect(),
    )
    .await?;
    let mut counties: BTreeMap<String, County> = BTreeMap::new();
    for v in &villages {
        let code = county_of(&v.region_code);
        let c = counties.entry(code.clone()).or_insert_with(|| County {
            name: county_names.get(&code).cloned().unwrap_or_else(|| code.clone()),
            code: code[..6].to_owned(),
            villages: 0,
            partnered: 0,
            percent: 0,
            gaps: Vec::new(),
            more: 0,
        });
        c.villages += 1;
        if approved.contains(&v.id) {
            c.partnered += 1;
            continue;
        }
        if c.gaps.len() >= LISTED as usize {
            c.more += 1;
            continue;
        }
        let poor = if v.registered_poor { "建档立卡村，" } else { "" };
        let item = if let Some(p) = open.get(&v.id) {
            let state = PairingStatus::parse(&p.status).map_or("进行中", PairingStatus::label);
            Item {
                title: v.name.clone(),
                detail: format!("{poor}结对 #{} 「{state}」，{} 天没有进展", p.id, days(p.updated_at, now)),
                link: format!("/pairings/{}", p.id),
                action: "查看结对".into(),
            }
        } else if with_needs.contains(&v.id) {
            Item {
                title: v.name.clone(),
                detail: format!("{poor}已发布需求，还没有企业响应"),
                link: format!("/office/campaigns/new?county={}", &code[..6]),
                action: "纳入专项行动".into(),
            }
        } else {
            Item {
                title: v.name.clone(),
                detail: format!("{poor}尚未发布需求"),
                link: format!("/organisations/{}", v.id),
                action: "联系村委会".into(),
            }
        };
        c.gaps.push(item);
    }
    for c in counties.values_mut() {
        c.percent = (c.partnered * 100).checked_div(c.villages).unwrap_or(0) as i64;
    }
    r.villages = villages.len();
    r.partnered = villages.iter().filter(|v| approved.contains(&v.id)).count();
    r.unpartnered = r.villages - r.partnered;
    r.counties = counties.into_values().collect();

    // Needs published long ago with no pairing on them.
    let claimed = Query::select()
        .column(pairing::Column::NeedId)
        .from(pairing::Entity)
        .and_where(Expr::col(pairing::Column::OpenKey).is_not_null())
        .and_where(Expr::col(pairing::Column::NeedId).is_not_null())
        .to_owned();
    let unmet = need::Entity::find()
        .filter(live_need)
        .filter(need::Column::OrganisationId.in_subquery(villages_in(prefix)))
        .filter(need::Column::PublishedAt.lt(now - Duration::days(UNMET_DAYS)))
        .filter(need::Column::Id.not_in_subquery(claimed))
        .order_by_asc(need::Column::PublishedAt);
    r.unmet_needs.count = unmet.clone().count(db).await?;
    let rows = unmet.limit(LISTED).all(db).await?;
    let who = names(db, rows.iter().map(|n| n.organisation_id).collect()).await?;
    r.unmet_needs.items = rows
        .into_iter()
        .map(|n| Item {
            detail: format!(
                "{} · 发布 {} 天",
                who.get(&n.organisation_id).cloned().unwrap_or_default(),
                n.published_at.map_or(0, |t| days(t, now))
            ),
            title: n.title,
            link: format!("/needs/{}", n.id),
            action: "为它推荐结对".into(),
        })
        .collect();

    // Pairings resting in one open state.
    let stuck = pairing::Entity::find()
        .filter(pairing::Column::OpenKey.is_not_null())
        .filter(pairing::Column::Status.ne(PairingStatus::Approved.code()))
        .filter(pairing::Column::UpdatedAt.lt(now - Duration::days(STUCK_DAYS)))
        .filter(pairing::Column::VillageId.in_subquery(villages_in(prefix)))
        .order_by_asc(pairing::Column::UpdatedAt);
    r.stuck_pairings.count = stuck.clone().count(db).await?;
    let rows = stuck.limit(LISTED).all(db).await?;
    r.stuck_pairings.items = pairing_items(db, rows, now, |p, now| {
        let state = PairingStatus::parse(&p.status).map_or("", PairingStatus::label);
        format!("「{state}」已 {} 天", days(p.updated_at, now))
    })
    .await?;

    // Approved pairings with no agreement after the expected time: they lapse later.
    let no_agreement =
        pairing::Entity::find()
            .filter(pairing::Column::Status.eq(PairingStatus::Approved.code()))
            .filter(pairing::Column::ReviewedAt.lt(now - Duration::days(AGREEMENT_DAYS)))
            .filter(pairing::Column::Id.not_in_subquery(
                Query::select().column(agreement::Column::PairingId).from(agreement::Entity).to_owned(),
            ))
            .filter(pairing::Column::VillageId.in_subquery(villages_in(prefix)))
            .order_by_asc(pairing::Column::ReviewedAt);
    r.no_agreement.count = no_agreement.clone().count(db).await?;
    let rows = no_agreement.limit(LISTED).all(db).await?;
    r.no_agreement.items = pairing_items(db, rows, now, |p, _| {
        let lapse = p.reviewed_at.map(|t| t + Duration::days(AGREEMENT_DAYS + LAPSE_DAYS));
        match lapse {
            Some(t) => format!("通过后未签协议，{} 起失效", crate::clock::to_shanghai(t).format("%Y年%m月%d日")),
            None => "通过后未签协议".into(),
        }
    })
    .await?;

    // Milestones of running agreements past their date.
    let overdue = milestone::Entity::find()
        .filter(milestone::Column::DoneAt.is_null())
        .filter(milestone::Column::DueOn.lt(today))
        .filter(
            milestone::Column::AgreementId.in_subquery(
                agreements_in(prefix)
                    .and_where(Expr::col(agreement::Column::Status).eq(AgreementStatus::Active.code()))
                    .to_owned(),
            ),
        )
        .order_by_asc(milestone::Column::DueOn);
    r.overdue_milestones.count = overdue.clone().count(db).await?;
    r.overdue_milestones.items = overdue
        .limit(LISTED)
        .all(db)
        .await?
        .into_iter()
        .map(|m| Item {
            detail: format!(
                "应于 {} 完成，已逾期 {} 天",
                crate::web::listings::cn_date(m.due_on),
                (today - m.due_on).num_days()
            ),
            title: m.title,
            link: format!("/agreements/{}", m.agreement_id),
            action: "查看协议".into(),
        })
        .collect();

    // Contributions waiting for the village, for the office, or disputed.
    for (section, status, what, action) in [
        (&mut r.to_confirm, ContributionStatus::Reported, "待村委会确认", "查看协议"),
        (&mut r.to_verify, ContributionStatus::Confirmed, "村已确认，待扶贫办核实", "去核实"),
        (&mut r.disputes, ContributionStatus::Disputed, "村委会有异议", "查看协议"),
    ] {
        let q = contribution::Entity::find()
            .filter(contribution::Column::Status.eq(status.code()))
            .filter(contribution::Column::AgreementId.in_subquery(agreements_in(prefix)))
            .order_by_asc(contribution::Column::ReportedAt);
        section.count = q.clone().count(db).await?;
        section.items = q
            .limit(LISTED)
            .all(db)
            .await?
            .into_iter()
            .map(|c| Item {
                title: c.description.chars().take(40).collect(),
                detail: format!(
                    "{what} · 报告于 {} 天前 · {}",
                    days(c.reported_at, now),
                    crate::money::Money(c.amount_fen).display()
                ),
                link: format!("/agreements/{}", c.agreement_id),
                action: action.into(),
            })
            .collect();
    }

    // Objections to notices of the region.
    let objections = objection::Entity::find()
        .filter(objection::Column::Status.eq(ObjectionStatus::Open.code()))
        .filter(
            objection::Column::NoticeId.in_subquery(
                Query::select()
                    .column(notice::Column::Id)
                    .from(notice::Entity)
                    .and_where(Expr::col(notice::Column::RegionCode).like(format!("{prefix}%")))
                    .to_owned(),
            ),
        )
        .order_by_asc(objection::Column::CreatedAt);
    r.objections.count = objections.clone().count(db).await?;
    r.objections.items = objections
        .limit(LISTED)
        .all(db)
        .await?
        .into_iter()
        .map(|o| Item {
            title: o.body.chars().take(40).collect(),
            detail: format!("{} 天前提出", days(o.created_at, now)),
            link: "/office/objections".into(),
            action: "去处理".into(),
        })
        .collect();

    // Pairings waiting for the office's review.
    let review = pairing::Entity::find()
        .filter(pairing::Column::Status.eq(PairingStatus::PendingReview.code()))
        .filter(pairing::Column::VillageId.in_subquery(villages_in(prefix)))
        .order_by_asc(pairing::Column::UpdatedAt);
    r.pending_review.count = review.clone().count(db).await?;
    let rows = review.limit(LISTED).all(db).await?;
    r.pending_review.items =
        pairing_items(db, rows, now, |p, now| format!("双方已接受 {} 天", days(p.updated_at, now))).await?;

    // Organisations registered in the region waiting for verification.
    let orgs = organisation::Entity::find()
        .filter(organisation::Column::Status.eq(OrgStatus::Pending.code()))
        .filter(organisation::Column::Kind.ne(OrgKind::Office.code()))
        .filter(organisation::Column::RegionCode.starts_with(prefix))
        .order_by_asc(organisation::Column::CreatedAt);
    r.pending_orgs.count = orgs.clone().count(db).await?;
    r.pending_orgs.items = orgs
        .limit(LISTED)
        .all(db)
        .await?
        .into_iter()
        .map(|o| Item {
            detail: format!(
                "{} · 注册 {} 天",
                OrgKind::parse(&o.kind).map_or("", OrgKind::label),
                days(o.created_at, now)
            ),
            link: format!("/office/organisations/{}/verify", o.id),
            title: o.name,
            action: "去审核".into(),
        })
        .collect();
    Ok(r)
}

async fn pairing_items(
    db: &DatabaseConnection,
    rows: Vec<pairing::Model>,
    now: DateTime<Utc>,
    detail: impl Fn(&pairing::Model, DateTime<Utc>) -> String,
) -> Result<Vec<Item>, DbErr> {
    let who = names(db, rows.iter().flat_map(|p| [p.village_id, p.enterprise_id]).collect()).await?;
    Ok(rows
        .iter()
        .map(|p| Item {
            title: format!(
                "{} ↔ {}",
                who.get(&p.enterprise_id).cloned().unwrap_or_default(),
                who.get(&p.village_id).cloned().unwrap_or_default()
            ),
            detail: detail(p, now),
            link: format!("/pairings/{}", p.id),
            action: "查看结对".into(),
        })
        .collect())
}

/// Approved pairings with no agreement `AGREEMENT_DAYS + LAPSE_DAYS` after approval lapse: each
/// in one transaction with its audit event and messages to both sides and the covering
/// offices, so the need they claimed is open again. Returns how many lapsed.
pub async fn lapse(db: &DatabaseConnection, now: DateTime<Utc>) -> crate::error::Result<usize> {
    let due =
        pairing::Entity::find()
            .filter(pairing::Column::Status.eq(PairingStatus::Approved.code()))
            .filter(pairing::Column::ReviewedAt.lt(now - Duration::days(AGREEMENT_DAYS + LAPSE_DAYS)))
            .filter(pairing::Column::Id.not_in_subquery(
                Query::select().column(agreement::Column::PairingId).from(agreement::Entity).to_owned(),
            ))
            .all(db)
            .await?;
    let mut n = 0;
    for p in due {
        let txn = crate::db::write(db).await?;
        // Only if still approved with no agreement (one may have been drafted meanwhile).
        let drafted = agreement::Entity::find().filter(agreement::Column::PairingId.eq(p.id)).count(&txn).await? > 0;
        let now_row = pairing::Entity::find_by_id(p.id).one(&txn).await?;
        if drafted || now_row.as_ref().is_none_or(|r| r.status != PairingStatus::Approved.code()) {
            continue;
        }
        let mut am: pairing::ActiveModel = p.clone().into();
        am.status = Set(PairingStatus::Lapsed.code().into());
        am.open_key = Set(None);
        am.updated_at = Set(now);
        am.update(&txn).await?;
        audit::record(
            &txn,
            now,
            &Actor::system("radar"),
            Event {
                action: "pairing.lapse",
                entity: "pairing",
                entity_id: p.id.to_string(),
                before: Some(serde_json::json!({ "status": p.status })),
                after: Some(serde_json::json!({
                    "status": PairingStatus::Lapsed.code(),
                    "reason": format!("审核通过后 {} 天未签订帮扶协议", AGREEMENT_DAYS + LAPSE_DAYS),
                })),
            },
        )
        .await?;
        let village = organisation::Entity::find_by_id(p.village_id).one(&txn).await?;
        let mut told = vec![p.enterprise_id, p.village_id];
        if let Some(v) = village {
            told.extend(crate::pairings::offices_covering(&txn, &v.region_code).await?);
        }
        let title = format!("结对 #{}：审核通过后 {} 天未签协议，已失效", p.id, AGREEMENT_DAYS + LAPSE_DAYS);
        crate::pairings::notify(&txn, &told, &title, &format!("/pairings/{}", p.id), now).await?;
        crate::db::commit(txn).await?;
        n += 1;
    }
    Ok(n)
}

/// The daily round: lapses what is due, then sends each office whose radar shows something
/// waiting one inbox message (at most one a day, by Shanghai date).
pub async fn daily(db: &DatabaseConnection, now: DateTime<Utc>) -> crate::error::Result<()> {
    lapse(db, now).await?;
    let today: NaiveDate = crate::clock::to_shanghai(now).date_naive();
    let offices = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Office.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .all(db)
        .await?;
    let title_of = |summary: &str| format!("{} 待办：{summary}", today.format("%m月%d日"));
    for o in offices {
        let code = o.jurisdiction_code.as_deref().unwrap_or(&o.region_code);
        let prefix = crate::auth::guard::region_prefix(code);
        if !prefix.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let start = today.and_hms_opt(0, 0, 0).map(|t| t.and_utc() - Duration::hours(8)).unwrap_or(now);
        if sent_today(db, o.id, start).await? > 0 {
            continue;
        }
        let summary = build(db, prefix, now).await?.summary();
        if summary.is_empty() {
            continue;
        }
        let txn = crate::db::write(db).await?;
        let sent = sent_today(&txn, o.id, start).await?;
        if sent == 0 {
            crate::pairings::notify(&txn, &[o.id], &title_of(&summary), "/office/radar", now).await?;
        }
        crate::db::commit(txn).await?;
    }
    Ok(())
}

/// How many of the radar's messages office `office` got since `start`.
async fn sent_today<C: sea_orm::ConnectionTrait>(db: &C, office: i32, start: DateTime<Utc>) -> Result<u64, DbErr> {
    entity::notification::Entity::find()
        .filter(entity::notification::Column::Link.eq("/office/radar"))
        .filter(entity::notification::Column::CreatedAt.gte(start))
        .filter(
            entity::notification::Column::UserId.in_subquery(
                Query::select()
                    .column(entity::user::Column::Id)
                    .from(entity::user::Entity)
                    .and_where(Expr::col(entity::user::Column::OrganisationId).eq(office))
                    .to_owned(),
            ),
        )
        .count(db)
        .await
}
