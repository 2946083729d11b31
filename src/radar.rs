//! The coverage radar and work queue of an office (or the auditor): villages without a partner
//! by county with the reason, needs unmet for long, pairings stuck in one state, approved
//! pairings with no agreement (these lapse after a second period, so a claimed need is open
//! again), milestones overdue, contributions waiting, disputes and objections — each with the
//! page where the next step is taken. `daily` lapses what is due and sends each office one
//! inbox message a day with what waits.

use std::collections::{HashMap, HashSet};

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
    /// Counted but not listed.
    pub more: u64,
}

/// The villages of an area (a county; for a province or the whole country, its cities or
/// provinces): how many, how many have an approved partner, and (county scale) those without.
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
    /// The radar of this area alone (areas wider than a county, whose villages are not listed).
    pub drill: String,
}

/// How much of the radar to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// The counts only (a home page, the daily message).
    Counts,
    /// The counts and the first of each list (the radar page).
    Lists,
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
    /// Steps of relapse monitoring past their deadline (防返贫监测).
    pub monitoring_overdue: Section,
    pub to_confirm: Section,
    pub to_verify: Section,
    pub disputes: Section,
    pub objections: Section,
    pub pending_review: Section,
    pub pending_orgs: Section,
    /// Supervision findings not yet closed (监管线索).
    pub open_findings: u64,
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
            (self.open_findings, "待处理监管线索"),
            (self.no_agreement.count, "通过后未签协议的结对"),
            (self.stuck_pairings.count, "停滞的结对"),
            (self.monitoring_overdue.count, "逾期的防返贫监测步骤"),
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

/// 今天报告 / 3 天前报告 (each a whole phrase, so a page in another language finds its words).
fn reported(since: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match days(since, now) {
        0 => "今天报告".to_owned(),
        n => format!("{n} 天前报告"),
    }
}

/// 今天提出 / 3 天前提出.
fn raised(since: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match days(since, now) {
        0 => "今天提出".to_owned(),
        n => format!("{n} 天前提出"),
    }
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

/// The length of the region prefix an area of `prefix` is grouped by: the whole country by
/// province, a province by city, a city by county; a county (or township) is one area.
fn area_len(prefix: &str) -> usize {
    match prefix.len() {
        0 => 2,
        1..=2 => 4,
        3..=4 => 6,
        n => n,
    }
}

/// Verified villages of region `prefix` and those with an approved pairing, counted by area in
/// the database (one grouped count each, whatever the size of the region).
pub async fn coverage(db: &DatabaseConnection, prefix: &str) -> Result<Vec<County>, DbErr> {
    let len = area_len(prefix);
    let area = Expr::cust(format!("SUBSTR(\"region_code\", 1, {len})"));
    let base = organisation::Entity::find()
        .select_only()
        .column_as(area.clone(), "area")
        .column_as(Expr::cust("CAST(COUNT(*) AS BIGINT)"), "n")
        .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .filter(organisation::Column::RegionCode.starts_with(prefix))
        .group_by(area);
    let all: Vec<(String, i64)> = base.clone().into_tuple().all(db).await?;
    let approved = Query::select()
        .column(pairing::Column::VillageId)
        .from(pairing::Entity)
        .and_where(Expr::col(pairing::Column::Status).eq(PairingStatus::Approved.code()))
        .to_owned();
    let partnered: HashMap<String, i64> =
        base.filter(organisation::Column::Id.in_subquery(approved)).into_tuple().all(db).await?.into_iter().collect();
    let names = crate::web::listings::region_names(db, all.iter().map(|(a, _)| format!("{a:0<12}")).collect()).await?;
    let mut out: Vec<County> = all
        .into_iter()
        .map(|(code, n)| {
            let villages = usize::try_from(n).unwrap_or(0);
            let partnered = partnered.get(&code).and_then(|p| usize::try_from(*p).ok()).unwrap_or(0);
            County {
                name: names.get(&format!("{code:0<12}")).cloned().unwrap_or_else(|| code.clone()),
                drill: if len < 6 { format!("/office/radar?region={code}") } else { String::new() },
                percent: (partnered * 100).checked_div(villages).unwrap_or(0) as i64,
                code,
                villages,
                partnered,
                gaps: Vec::new(),
                more: 0,
            }
        })
        .collect();
    out.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(out)
}

/// Up to `LISTED` villages of `area` without an approved partner (建档立卡 first), each with the
/// reason and the next step (`for_office`: the office's own steps; else the village's page).
async fn gaps(db: &DatabaseConnection, area: &str, now: DateTime<Utc>, for_office: bool) -> Result<Vec<Item>, DbErr> {
    let today = crate::clock::to_shanghai(now).date_naive();
    let approved = Query::select()
        .column(pairing::Column::VillageId)
        .from(pairing::Entity)
        .and_where(Expr::col(pairing::Column::Status).eq(PairingStatus::Approved.code()))
        .to_owned();
    let villages = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .filter(organisation::Column::RegionCode.starts_with(area))
        .filter(organisation::Column::Id.not_in_subquery(approved))
        .order_by_desc(organisation::Column::RegisteredPoor)
        .order_by_asc(organisation::Column::Id)
        .limit(LISTED)
        .all(db)
        .await?;
    let ids: Vec<i32> = villages.iter().map(|v| v.id).collect();
    // The open pairing of each that has one (the most recently moved).
    let mut open: HashMap<i32, pairing::Model> = HashMap::new();
    for p in pairing::Entity::find()
        .filter(pairing::Column::OpenKey.is_not_null())
        .filter(pairing::Column::VillageId.is_in(ids.clone()))
        .order_by_asc(pairing::Column::UpdatedAt)
        .all(db)
        .await?
    {
        open.insert(p.village_id, p);
    }
    let with_needs: HashSet<i32> = need::Entity::find()
        .select_only()
        .column(need::Column::OrganisationId)
        .filter(live_need(today))
        .filter(need::Column::OrganisationId.is_in(ids))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let county = &area[..Ord::min(6, area.len())];
    Ok(villages
        .into_iter()
        .map(|v| {
            let poor = if v.registered_poor { "建档立卡村，" } else { "" };
            if let Some(p) = open.get(&v.id) {
                let state = PairingStatus::parse(&p.status).map_or("进行中", PairingStatus::label);
                Item {
                    title: v.name,
                    detail: match days(p.updated_at, now) {
                        0 => format!("{poor}结对「{state}」，今天有进展"),
                        n => format!("{poor}结对「{state}」，{n} 天没有进展"),
                    },
                    link: format!("/pairings/{}", p.id),
                    action: "查看结对".into(),
                }
            } else if with_needs.contains(&v.id) && for_office {
                Item {
                    title: v.name,
                    detail: format!("{poor}已发布需求，还没有企业响应"),
                    link: format!("/office/campaigns/new?county={county}"),
                    action: "纳入专项行动".into(),
                }
            } else {
                let detail = if with_needs.contains(&v.id) {
                    format!("{poor}已发布需求，还没有企业响应")
                } else {
                    format!("{poor}尚未发布需求")
                };
                Item { title: v.name, detail, link: format!("/organisations/{}", v.id), action: "查看村".into() }
            }
        })
        .collect())
}

/// Published needs still valid on `today`.
fn live_need(today: NaiveDate) -> Condition {
    Condition::all()
        .add(need::Column::Status.eq(ListingStatus::Published.code()))
        .add(Condition::any().add(need::Column::ValidUntil.is_null()).add(need::Column::ValidUntil.gte(today)))
}

/// The radar of region `prefix` (significant digits of a region code; empty for everywhere):
/// the counts always, the lists with `Detail::Lists` (villages without a partner only at city or
/// county scale; wider areas link to their own radar).
pub async fn build(
    db: &DatabaseConnection,
    prefix: &str,
    now: DateTime<Utc>,
    detail: Detail,
    for_office: bool,
) -> Result<Radar, DbErr> {
    let today = crate::clock::to_shanghai(now).date_naive();
    let lists = detail == Detail::Lists;
    let mut r = Radar { counties: coverage(db, prefix).await?, ..Default::default() };
    r.villages = r.counties.iter().map(|c| c.villages).sum();
    r.partnered = r.counties.iter().map(|c| c.partnered).sum();
    r.unpartnered = r.villages - r.partnered;
    if lists && area_len(prefix) >= 6 {
        for c in &mut r.counties {
            if c.partnered < c.villages {
                c.gaps = gaps(db, &c.code, now, for_office).await?;
                c.more = c.villages - c.partnered - c.gaps.len();
            }
        }
    }
    let live_need = live_need(today);
    let limit = if lists { LISTED } else { 0 };

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
    let rows = if lists { unmet.limit(LISTED).all(db).await? } else { Vec::new() };
    let who = names(db, rows.iter().map(|n| n.organisation_id).collect()).await?;
    r.unmet_needs.items = rows
        .into_iter()
        .map(|n| Item {
            detail: [
                who.get(&n.organisation_id).cloned().unwrap_or_default(),
                format!("发布 {} 天", n.published_at.map_or(0, |t| days(t, now))),
            ]
            .join(" · "),
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
    let rows = if lists { stuck.limit(LISTED).all(db).await? } else { Vec::new() };
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
    let rows = if lists { no_agreement.limit(LISTED).all(db).await? } else { Vec::new() };
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
        .limit(limit)
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

    // Relapse monitoring: steps past their deadline (names stay on the case's page).
    let (count, late) = crate::governance::monitoring::overdue_in(db, prefix, today, limit)
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    r.monitoring_overdue.count = count;
    let who = names(db, late.iter().map(|c| c.village_id).collect()).await?;
    r.monitoring_overdue.items = late
        .iter()
        .map(|c| Item {
            title: format!(
                "{} 第 {} 号监测户：{}",
                who.get(&c.village_id).cloned().unwrap_or_default(),
                c.id,
                crate::governance::monitoring::Stage::parse(&c.stage)
                    .map_or("", crate::governance::monitoring::Stage::label)
            ),
            detail: format!(
                "应于 {} 前办理，已逾期 {} 天",
                crate::governance::monitoring::due(c).map(crate::web::listings::cn_date).unwrap_or_default(),
                crate::governance::monitoring::overdue_days(c, today)
            ),
            link: format!("/monitoring/{}", c.id),
            action: "去办理".into(),
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
            .limit(limit)
            .all(db)
            .await?
            .into_iter()
            .map(|c| Item {
                title: c.description.chars().take(40).collect(),
                detail: format!(
                    "{what} · {} · {}",
                    reported(c.reported_at, now),
                    crate::money::Money(c.amount_fen).display()
                ),
                // The record itself, not the top of its agreement's page.
                link: format!("/agreements/{}#c{}", c.agreement_id, c.id),
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
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|o| Item {
            title: o.body.chars().take(40).collect(),
            detail: raised(o.created_at, now),
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
    let rows = if lists { review.limit(LISTED).all(db).await? } else { Vec::new() };
    r.pending_review.items =
        pairing_items(db, rows, now, |p, now| format!("双方已接受 {} 天", days(p.updated_at, now))).await?;

    // Organisations registered in the region waiting for verification.
    let orgs = organisation::Entity::find()
        .filter(organisation::Column::Status.eq(OrgStatus::Pending.code()))
        .filter(organisation::Column::Kind.ne(OrgKind::Office.code()))
        .filter(organisation::Column::RegionCode.starts_with(prefix))
        .order_by_asc(organisation::Column::CreatedAt);
    r.pending_orgs.count = orgs.clone().count(db).await?;
    if for_office {
        r.open_findings = entity::supervision_check::Entity::find()
            .filter(entity::supervision_check::Column::RegionCode.starts_with(prefix))
            .filter(entity::supervision_check::Column::ClosedAt.is_null())
            .count(db)
            .await?;
    }
    r.pending_orgs.items = orgs
        .limit(limit)
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
    if lists {
        for s in [
            &mut r.unmet_needs,
            &mut r.stuck_pairings,
            &mut r.no_agreement,
            &mut r.overdue_milestones,
            &mut r.monitoring_overdue,
            &mut r.to_confirm,
            &mut r.to_verify,
            &mut r.disputes,
            &mut r.objections,
            &mut r.pending_review,
            &mut r.pending_orgs,
        ] {
            s.more = s.count.saturating_sub(s.items.len() as u64);
        }
    }
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

/// Approved pairings with no agreement `AGREEMENT_DAYS + LAPSE_DAYS` after approval (or, where
/// the approval time is missing, after their last change) lapse: each in one transaction with
/// its audit event and messages to both sides and the covering offices, so the need they
/// claimed is open again. One that fails is logged and the others go on. Returns how many lapsed.
pub async fn lapse(db: &DatabaseConnection, now: DateTime<Utc>) -> crate::error::Result<usize> {
    let due_before = now - Duration::days(AGREEMENT_DAYS + LAPSE_DAYS);
    let due = pairing::Entity::find()
        .filter(pairing::Column::Status.eq(PairingStatus::Approved.code()))
        .filter(Condition::any().add(pairing::Column::ReviewedAt.lt(due_before)).add(
            Condition::all().add(pairing::Column::ReviewedAt.is_null()).add(pairing::Column::UpdatedAt.lt(due_before)),
        ))
        .filter(
            pairing::Column::Id.not_in_subquery(
                Query::select().column(agreement::Column::PairingId).from(agreement::Entity).to_owned(),
            ),
        )
        .all(db)
        .await?;
    let mut n = 0;
    for p in due {
        match lapse_one(db, &p, now).await {
            Ok(true) => n += 1,
            Ok(false) => {}
            Err(e) => tracing::warn!(error = ?e, pairing = p.id, "could not lapse a pairing"),
        }
    }
    Ok(n)
}

async fn lapse_one(db: &DatabaseConnection, p: &pairing::Model, now: DateTime<Utc>) -> crate::error::Result<bool> {
    let txn = crate::db::write(db).await?;
    // Only if still approved with no agreement (one may have been drafted meanwhile).
    let drafted = agreement::Entity::find().filter(agreement::Column::PairingId.eq(p.id)).count(&txn).await? > 0;
    let now_row = pairing::Entity::find_by_id(p.id).one(&txn).await?;
    if drafted || now_row.as_ref().is_none_or(|r| r.status != PairingStatus::Approved.code()) {
        return Ok(false);
    }
    let mut am: pairing::ActiveModel = p.clone().into();
    am.status = Set(PairingStatus::Lapsed.code().into());
    am.open_key = Set(None);
    am.updated_at = Set(now);
    am.update(&txn).await?;
    let days = AGREEMENT_DAYS + LAPSE_DAYS;
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
                "reason": format!("审核通过后 {days} 天未签订帮扶协议"),
            })),
        },
    )
    .await?;
    let village = organisation::Entity::find_by_id(p.village_id).one(&txn).await?;
    let mut told = vec![p.enterprise_id, p.village_id];
    if let Some(v) = village {
        told.extend(crate::pairings::offices_covering(&txn, &v.region_code).await?);
    }
    let title = format!("结对 #{}：审核通过后 {days} 天未签协议，已失效，需求重新开放", p.id);
    crate::pairings::notify(&txn, &told, &title, &format!("/pairings/{}", p.id), now).await?;
    crate::db::commit(txn).await?;
    Ok(true)
}

/// Days before a milestone's date that both parties of its agreement are reminded.
pub const REMIND_DAYS: i64 = 7;

/// Reminds both parties of each undone milestone of an agreement in force that falls due
/// within [`REMIND_DAYS`] (or fell due in the last 30 days): one message to each side, once.
/// A conditional update of `reminded_at` decides under the write lock, so two nodes running
/// the round never both send. Returns how many milestones were reminded.
pub async fn remind_milestones(db: &DatabaseConnection, now: DateTime<Utc>) -> crate::error::Result<usize> {
    let today = crate::clock::to_shanghai(now).date_naive();
    let in_force = Query::select()
        .column(agreement::Column::Id)
        .from(agreement::Entity)
        .and_where(Expr::col(agreement::Column::Status).eq(AgreementStatus::Active.code()))
        .to_owned();
    let due = milestone::Entity::find()
        .filter(milestone::Column::DoneAt.is_null())
        .filter(milestone::Column::RemindedAt.is_null())
        .filter(milestone::Column::DueOn.lte(today + Duration::days(REMIND_DAYS)))
        .filter(milestone::Column::DueOn.gte(today - Duration::days(30)))
        .filter(milestone::Column::AgreementId.in_subquery(in_force))
        .order_by_asc(milestone::Column::DueOn)
        .limit(500)
        .all(db)
        .await?;
    let mut n = 0;
    for m in due {
        let txn = crate::db::write(db).await?;
        // Read again under the write lock: still in force, still open, not reminded yet.
        let a = agreement::Entity::find_by_id(m.agreement_id)
            .filter(agreement::Column::Status.eq(AgreementStatus::Active.code()))
            .one(&txn)
            .await?;
        let p = match &a {
            Some(a) => pairing::Entity::find_by_id(a.pairing_id).one(&txn).await?,
            None => None,
        };
        let (Some(a), Some(p)) = (a, p) else {
            crate::db::commit(txn).await?;
            continue;
        };
        let claimed = milestone::Entity::update_many()
            .col_expr(milestone::Column::RemindedAt, Expr::value(now))
            .filter(milestone::Column::Id.eq(m.id))
            .filter(milestone::Column::RemindedAt.is_null())
            .filter(milestone::Column::DoneAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        if claimed {
            let date = m.due_on.format("%Y年%-m月%-d日");
            let title = if m.due_on < today {
                format!(
                    "协议「{}」的节点「{}」已于 {date} 到期，尚未完成：请上报帮扶记录或与对方商定",
                    a.title, m.title
                )
            } else {
                format!("协议「{}」的节点「{}」将于 {date} 到期", a.title, m.title)
            };
            crate::pairings::notify(
                &txn,
                &[p.enterprise_id, p.village_id],
                &title,
                &format!("/agreements/{}", a.id),
                now,
            )
            .await?;
            n += 1;
        }
        crate::db::commit(txn).await?;
    }
    Ok(n)
}

/// The daily round: lapses what is due, reminds the parties of milestones falling due, then sends each office whose radar shows something
/// waiting one inbox message. Each office is looked at once a day (by Shanghai date, noted in
/// a setting whether or not anything waited), however often the round runs and on however
/// many nodes.
pub async fn daily(db: &DatabaseConnection, now: DateTime<Utc>) -> crate::error::Result<()> {
    lapse(db, now).await?;
    remind_milestones(db, now).await?;
    crate::governance::monitoring::warn_overdue(db, now).await?;
    let today: NaiveDate = crate::clock::to_shanghai(now).date_naive();
    // The supervision scan reads every agreement in force: once a day is enough (offices may
    // also ask for one on the page). Another node scanning the same day finds nothing new.
    let scanned = "supervision.scan.day";
    if crate::db::setting(db, scanned).await?.as_deref() != Some(&today.to_string()) {
        crate::governance::supervision::scan(db, now).await?;
        let txn = crate::db::write(db).await?;
        crate::db::put_setting(&txn, scanned, &today.to_string(), now).await?;
        crate::db::commit(txn).await?;
    }
    let offices = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Office.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .all(db)
        .await?;
    let title_of = |summary: &str| format!("{} 待办：{summary}", today.format("%m月%d日"));
    for o in offices {
        let key = format!("radar.daily.{}", o.id);
        if crate::db::setting(db, &key).await?.as_deref() == Some(&today.to_string()) {
            continue;
        }
        let code = o.jurisdiction_code.as_deref().unwrap_or(&o.region_code);
        let prefix = crate::auth::guard::region_prefix(code);
        let summary = if prefix.chars().all(|c| c.is_ascii_digit()) {
            build(db, prefix, now, Detail::Counts, true).await?.summary()
        } else {
            String::new()
        };
        let txn = crate::db::write(db).await?;
        // Under the write lock: another node may have done this office's round meanwhile.
        if crate::db::setting(&txn, &key).await?.as_deref() != Some(&today.to_string()) {
            if !summary.is_empty() {
                crate::pairings::notify(&txn, &[o.id], &title_of(&summary), "/office/radar", now).await?;
            }
            crate::db::put_setting(&txn, &key, &today.to_string(), now).await?;
        }
        crate::db::commit(txn).await?;
    }
    Ok(())
}
