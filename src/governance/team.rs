//! Office teams (队伍建设, issue 16): each office's posts (编制) and reviewers in post, the open
//! work of its jurisdiction — organisations to verify, pairings to review, contributions to
//! verify, disputes, objections to notices, the county's steps of relapse monitoring — with its
//! age and the reviewer who holds it, and reassigning work (a reviewer away). A city office
//! sees every county office's staffing and backlog and may reassign their work too.
//!
//! Work nobody holds is the office's: any reviewer covering it may act, as before. Assigning is
//! all or nothing and conditional on who held each item when the page was read: when someone
//! else reassigned one meanwhile, nothing is written and the 409 names it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::{
    agreement, contribution, monitoring_case, notice, objection, office_staffing, organisation, pairing, user,
    work_assignment,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::monitoring::Stage;
use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::{SessionUser, jurisdiction_covers, region_prefix};
use crate::domain::{ContributionStatus, ObjectionStatus, OrgKind, OrgStatus, PairingStatus, vocabulary};
use crate::error::{AppError, Result};
use crate::radar::{agreements_in, villages_in};

/// The most items of one kind read for a backlog (the team page counts what was read).
const READ_PER_KIND: u64 = 2_000;

/// The most posts an office may have.
pub const MAX_POSTS: i32 = 999;

vocabulary!(
    /// A kind of an office's open work.
    WorkKind {
        Org = "org", "机构认证";
        Pairing = "pairing", "结对审核";
        Contribution = "contribution", "帮扶记录核实";
        Dispute = "dispute", "有异议的帮扶记录";
        Objection = "objection", "公示异议";
        Monitoring = "monitoring", "防返贫监测审核审定";
    }
);

/// One open piece of work.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Item {
    pub kind: WorkKind,
    pub id: i32,
    pub title: String,
    /// Since when it waits.
    pub since: DateTime<Utc>,
    pub link: String,
    /// The region it belongs to (for who may hold it).
    pub region: String,
    /// The reviewer holding it, if any.
    pub reviewer: Option<i32>,
}

impl Item {
    /// Whole days it has waited on `now`.
    pub fn age(&self, now: DateTime<Utc>) -> i64 {
        Ord::max((now - self.since).num_days(), 0)
    }
}

async fn org_regions<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> Result<HashMap<i32, (String, String)>> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, (o.name, o.region_code)))
        .collect())
}

/// The open work of region `prefix` (read up to [`READ_PER_KIND`] of each kind, oldest first),
/// with who holds each piece.
pub async fn open_work<C: ConnectionTrait>(db: &C, prefix: &str) -> Result<Vec<Item>> {
    let mut items = Vec::new();

    let orgs = organisation::Entity::find()
        .filter(organisation::Column::Status.eq(OrgStatus::Pending.code()))
        .filter(organisation::Column::Kind.ne(OrgKind::Office.code()))
        .filter(organisation::Column::RegionCode.starts_with(prefix))
        .order_by_asc(organisation::Column::CreatedAt);
    for o in orgs.limit(READ_PER_KIND).all(db).await? {
        items.push(Item {
            kind: WorkKind::Org,
            id: o.id,
            title: format!("{}（{}）", o.name, OrgKind::parse(&o.kind).map_or("", OrgKind::label)),
            since: o.created_at,
            link: format!("/office/organisations/{}/verify", o.id),
            region: o.region_code,
            reviewer: None,
        });
    }

    let review = pairing::Entity::find()
        .filter(pairing::Column::Status.eq(PairingStatus::PendingReview.code()))
        .filter(pairing::Column::VillageId.in_subquery(villages_in(prefix)))
        .order_by_asc(pairing::Column::UpdatedAt);
    let rows = review.limit(READ_PER_KIND).all(db).await?;
    let who = org_regions(db, rows.iter().flat_map(|p| [p.village_id, p.enterprise_id]).collect()).await?;
    for p in rows {
        let name = |id: i32| who.get(&id).map(|w| w.0.clone()).unwrap_or_default();
        items.push(Item {
            kind: WorkKind::Pairing,
            id: p.id,
            title: format!("{} ↔ {}", name(p.enterprise_id), name(p.village_id)),
            since: p.updated_at,
            link: format!("/pairings/{}", p.id),
            region: who.get(&p.village_id).map(|w| w.1.clone()).unwrap_or_default(),
            reviewer: None,
        });
    }

    for (kind, status) in
        [(WorkKind::Contribution, ContributionStatus::Confirmed), (WorkKind::Dispute, ContributionStatus::Disputed)]
    {
        let q = contribution::Entity::find()
            .filter(contribution::Column::Status.eq(status.code()))
            .filter(contribution::Column::AgreementId.in_subquery(agreements_in(prefix)))
            .order_by_asc(contribution::Column::ReportedAt);
        let rows = q.limit(READ_PER_KIND).all(db).await?;
        // The village of each agreement (for who may hold it).
        let of_agreement: HashMap<i32, i32> = agreement::Entity::find()
            .select_only()
            .column(agreement::Column::Id)
            .column(agreement::Column::PairingId)
            .filter(agreement::Column::Id.is_in(rows.iter().map(|c| c.agreement_id).collect::<Vec<_>>()))
            .into_tuple::<(i32, i32)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let of_pairing: HashMap<i32, i32> = pairing::Entity::find()
            .select_only()
            .column(pairing::Column::Id)
            .column(pairing::Column::VillageId)
            .filter(pairing::Column::Id.is_in(of_agreement.values().copied().collect::<Vec<_>>()))
            .into_tuple::<(i32, i32)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let villages: HashMap<i32, i32> =
            of_agreement.iter().filter_map(|(a, p)| of_pairing.get(p).map(|v| (*a, *v))).collect();
        let who = org_regions(db, villages.values().copied().collect()).await?;
        for c in rows {
            let v = villages.get(&c.agreement_id).and_then(|v| who.get(v));
            items.push(Item {
                kind,
                id: c.id,
                title: format!(
                    "{} · {}",
                    v.map(|w| w.0.clone()).unwrap_or_default(),
                    c.description.chars().take(30).collect::<String>()
                ),
                since: c.confirmed_at.unwrap_or(c.reported_at),
                link: format!("/agreements/{}", c.agreement_id),
                region: v.map(|w| w.1.clone()).unwrap_or_default(),
                reviewer: None,
            });
        }
    }

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
    let rows = objections.limit(READ_PER_KIND).all(db).await?;
    let regions: HashMap<i32, String> = notice::Entity::find()
        .filter(notice::Column::Id.is_in(rows.iter().map(|o| o.notice_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|n| (n.id, n.region_code))
        .collect();
    for o in rows {
        items.push(Item {
            kind: WorkKind::Objection,
            id: o.id,
            title: o.body.chars().take(30).collect(),
            since: o.created_at,
            link: "/office/objections".into(),
            region: regions.get(&o.notice_id).cloned().unwrap_or_default(),
            reviewer: None,
        });
    }

    let office_steps = [Stage::Township, Stage::County].map(Stage::code);
    let cases = monitoring_case::Entity::find()
        .filter(monitoring_case::Column::Stage.is_in(office_steps))
        .filter(monitoring_case::Column::VillageId.in_subquery(villages_in(prefix)))
        .order_by_asc(monitoring_case::Column::UpdatedAt);
    let rows = cases.limit(READ_PER_KIND).all(db).await?;
    let who = org_regions(db, rows.iter().map(|c| c.village_id).collect()).await?;
    for c in rows {
        let v = who.get(&c.village_id);
        items.push(Item {
            kind: WorkKind::Monitoring,
            id: c.id,
            title: format!(
                "{} 第 {} 号监测户 · {}",
                v.map(|w| w.0.clone()).unwrap_or_default(),
                c.id,
                Stage::parse(&c.stage).map_or("", Stage::label)
            ),
            since: c.updated_at,
            link: format!("/monitoring/{}", c.id),
            region: v.map(|w| w.1.clone()).unwrap_or_default(),
            reviewer: None,
        });
    }

    // Who holds what.
    let held: HashMap<(String, i32), i32> = work_assignment::Entity::find()
        .filter(
            work_assignment::Column::ItemId
                .is_in(items.iter().map(|i| i.id).collect::<std::collections::BTreeSet<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|a| ((a.kind, a.item_id), a.reviewer_id))
        .collect();
    for i in &mut items {
        i.reviewer = held.get(&(i.kind.code().to_owned(), i.id)).copied();
    }
    Ok(items)
}

/// The work of `items` that is the office's own: in its jurisdiction `prefix` but not in that of
/// an office under it (`offices`: every office's jurisdiction prefix), which answers for it.
pub fn own_items(items: Vec<Item>, prefix: &str, offices: &[String]) -> Vec<Item> {
    let below: Vec<&String> = offices.iter().filter(|o| o.len() > prefix.len() && o.starts_with(prefix)).collect();
    items.into_iter().filter(|i| !below.iter().any(|b| i.region.starts_with(b.as_str()))).collect()
}

/// An office's reviewers in post (office accounts of it, not disabled), by name.
pub async fn staff<C: ConnectionTrait>(db: &C, office: i32) -> Result<Vec<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::OrganisationId.eq(office))
        .filter(user::Column::Role.eq(Role::Office.code()))
        .filter(user::Column::Disabled.eq(false))
        .order_by_asc(user::Column::DisplayName)
        .all(db)
        .await?)
}

/// An office's posts, if recorded.
pub async fn posts<C: ConnectionTrait>(db: &C, office: i32) -> Result<Option<i32>> {
    Ok(office_staffing::Entity::find_by_id(office).one(db).await?.map(|s| s.posts))
}

/// The region an office covers.
pub fn jurisdiction_of(office: &organisation::Model) -> &str {
    office.jurisdiction_code.as_deref().unwrap_or(&office.region_code)
}

/// Whether `user` may see office `office`'s team: its own staff, an office whose jurisdiction
/// holds the other's, the auditor.
pub fn may_see(user: &SessionUser, office: &organisation::Model) -> bool {
    office.kind == OrgKind::Office.code()
        && (user.role == Role::Auditor
            || user.organisation_id == Some(office.id)
            || (user.role == Role::Office && user.covers(jurisdiction_of(office))))
}

/// Records office `office`'s posts, with its audit event.
pub async fn set_posts(
    db: &DatabaseConnection,
    user: &SessionUser,
    office: &organisation::Model,
    raw: &str,
    now: DateTime<Utc>,
) -> Result<i32> {
    if user.role != Role::Office || !may_see(user, office) {
        return Err(AppError::Forbidden);
    }
    // Full-width digits (typed with a Chinese input method) read as digits.
    let ascii = crate::text::ascii_digits(raw.trim());
    let Some(n) = ascii.parse::<i32>().ok().filter(|n| (0..=MAX_POSTS).contains(n)) else {
        return Err(AppError::field("posts", format!("编制数应为 0 到 {MAX_POSTS} 的整数")));
    };
    let txn = crate::db::write(db).await?;
    let before = posts(&txn, office.id).await?;
    let row = office_staffing::ActiveModel {
        office_id: Set(office.id),
        posts: Set(n),
        updated_by: Set(user.id),
        updated_at: Set(now),
    };
    if before.is_some() {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "office.posts",
            entity: "organisation",
            entity_id: office.id.to_string(),
            before: before.map(|b| serde_json::json!({ "posts": b })),
            after: Some(serde_json::json!({ "posts": n })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(n)
}

/// One item the user asked to reassign, with who held it when the page was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pick {
    pub kind: WorkKind,
    pub id: i32,
    pub was: Option<i32>,
}

impl Pick {
    /// Reads `kind:id:was` (was 0: nobody).
    pub fn parse(raw: &str) -> Option<Pick> {
        let mut parts = raw.split(':');
        let kind = WorkKind::parse(parts.next()?)?;
        let id: i32 = parts.next()?.parse().ok().filter(|n: &i32| *n > 0)?;
        let was: i32 = parts.next()?.parse().ok().filter(|n: &i32| *n >= 0)?;
        parts.next().is_none().then_some(Pick { kind, id, was: (was != 0).then_some(was) })
    }
}

/// Gives `picks` to reviewer `to` (`None`: back to the office), all or nothing, in one
/// transaction with its audit event. Each item must be open work of the user's jurisdiction;
/// the reviewer an office account in post whose office covers every item; and each item still
/// held by whom the page showed — else 409 naming those that changed.
pub async fn assign(
    db: &DatabaseConnection,
    user: &SessionUser,
    picks: &[Pick],
    to: Option<i32>,
    now: DateTime<Utc>,
) -> Result<usize> {
    if user.role != Role::Office {
        return Err(AppError::Forbidden);
    }
    if picks.is_empty() {
        return Err(AppError::field("items", "请勾选要分配的事项"));
    }
    let prefix = region_prefix(user.jurisdiction.as_deref().unwrap_or("x")).to_owned();
    let open = open_work(db, &prefix).await?;
    let reviewer = match to {
        Some(id) => {
            let u =
                user::Entity::find_by_id(id).one(db).await?.filter(|u| u.role == Role::Office.code() && !u.disabled);
            let office = match u.as_ref().and_then(|u| u.organisation_id) {
                Some(o) => organisation::Entity::find_by_id(o).one(db).await?,
                None => None,
            };
            match (u, office) {
                // A reviewer of the user's own office or of one under it (not of one above).
                (Some(u), Some(o)) if user.organisation_id == Some(o.id) || user.covers(jurisdiction_of(&o)) => {
                    Some((u, o))
                }
                _ => return Err(AppError::field("to", "请选择本办或下级扶贫办在岗的审核人员")),
            }
        }
        None => None,
    };
    let mut found = Vec::new();
    for p in picks {
        let Some(item) = open.iter().find(|i| i.kind == p.kind && i.id == p.id) else {
            return Err(AppError::Conflict(format!(
                "{}（第 {} 号）已办结或不在本办辖区，请刷新后重新勾选",
                p.kind.label(),
                p.id
            )));
        };
        if let Some((u, o)) = &reviewer
            && !jurisdiction_covers(jurisdiction_of(o), &item.region)
        {
            return Err(AppError::field(
                "to",
                format!("{}所在的{}不管辖「{}」，请选择管辖它的审核人员", u.display_name, o.name, item.title),
            ));
        }
        found.push(item);
    }
    let txn = crate::db::write(db).await?;
    // Under the write lock: who holds each item now.
    let mut changed = Vec::new();
    for (p, item) in picks.iter().zip(&found) {
        let now_held = work_assignment::Entity::find_by_id((p.kind.code().to_owned(), p.id))
            .one(&txn)
            .await?
            .map(|a| a.reviewer_id);
        if now_held != p.was {
            let holder = match now_held {
                Some(id) => user::Entity::find_by_id(id).one(&txn).await?.map_or_else(String::new, |u| u.display_name),
                None => "本办（未指定）".to_owned(),
            };
            changed.push(format!("{}「{}」（现由{holder}负责）", p.kind.label(), item.title));
        }
    }
    if !changed.is_empty() {
        return Err(AppError::Conflict(format!(
            "以下事项在您打开本页后已由他人重新分配，本次未做任何改动：{}。请查看最新分配后再操作。",
            changed.join("、")
        )));
    }
    for p in picks {
        work_assignment::Entity::delete_many()
            .filter(work_assignment::Column::Kind.eq(p.kind.code()))
            .filter(work_assignment::Column::ItemId.eq(p.id))
            .exec(&txn)
            .await?;
        if let Some((u, _)) = &reviewer {
            work_assignment::ActiveModel {
                kind: Set(p.kind.code().to_owned()),
                item_id: Set(p.id),
                reviewer_id: Set(u.id),
                assigned_by: Set(user.id),
                assigned_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
    }
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "work.assign",
            entity: "user",
            entity_id: reviewer.as_ref().map(|(u, _)| u.id.to_string()).unwrap_or_default(),
            before: None,
            after: Some(serde_json::json!({
                "count": found.len(),
                "items": picks.iter().map(|p| format!("{}:{}", p.kind.code(), p.id)).collect::<Vec<_>>(),
            })),
        },
    )
    .await?;
    if let Some((u, _)) = &reviewer
        && u.id != user.id
    {
        crate::pairings::notify_users(
            &txn,
            std::slice::from_ref(u),
            &format!("{}给您分配了 {} 项待办", user.display_name, found.len()),
            "/office/team?mine=1",
            now,
        )
        .await?;
    }
    crate::db::commit(txn).await?;
    Ok(found.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pick_reads_kind_id_and_holder() {
        assert_eq!(Pick::parse("org:12:0"), Some(Pick { kind: WorkKind::Org, id: 12, was: None }));
        assert_eq!(Pick::parse("dispute:3:7"), Some(Pick { kind: WorkKind::Dispute, id: 3, was: Some(7) }));
        assert_eq!(Pick::parse("org:12"), None);
        assert_eq!(Pick::parse("nothing:1:0"), None);
        assert_eq!(Pick::parse("org:x:0"), None);
        assert_eq!(Pick::parse("org:1:0:9"), None);
    }
}
