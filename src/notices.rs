//! 公示: approved pairings and verified contributions go on public notice for a window (10 days
//! by default); anyone may object with a contact that is never shown; an office covering the
//! region upholds (the record is suspended and leaves every total) or dismisses with a published
//! reason. A record under an open objection counts in no total until it is resolved.

use chrono::{DateTime, Duration, Utc};
use entity::{notice, objection};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Deserialize;

use crate::audit::{self, Actor, Event};
use crate::auth::{Role, SessionUser};
use crate::domain::{NoticeStatus, ObjectionStatus};
use crate::error::{AppError, Result};

/// Days a notice stays open by default (and at least).
pub const WINDOW_DAYS: i64 = 10;

/// What goes on notice.
pub struct Notice<'a> {
    pub entity: &'a str,
    pub id: i32,
    pub title: &'a str,
    pub summary: &'a str,
    pub region_code: &'a str,
}

/// The title of a verified contribution's notice: who helped whom, with what, how much and
/// when, so that two records of one firm read apart in the list.
pub fn contribution_title(
    enterprise: &str,
    village: &str,
    kind: &str,
    amount_fen: i64,
    persons: i32,
    on: chrono::NaiveDate,
) -> String {
    let amount = if amount_fen > 0 { crate::money::Money(amount_fen).display() } else { format!("{persons} 人") };
    format!("帮扶成效公示：{enterprise} → {village}（{kind} {amount}，{}）", on.format("%Y年%-m月%-d日"))
}

/// What a verified contribution's notice says: who gave the village what, how much, and that
/// both sides and the office stand behind it.
pub fn contribution_summary(
    enterprise: &str,
    village: &str,
    kind: &str,
    amount_fen: i64,
    persons: i32,
    description: &str,
) -> String {
    let amount = if amount_fen > 0 { crate::money::Money(amount_fen).display() } else { format!("{persons} 人") };
    format!("{enterprise}向{village}提供{kind}：{amount}。{description}（经村委会确认、扶贫办核实）")
}

/// The title of an approved pairing's notice.
pub fn pairing_title(enterprise: &str, village: &str) -> String {
    format!("结对公示：{enterprise} ↔ {village}")
}

/// What an approved pairing's notice says, with the office's words.
pub fn pairing_summary(enterprise: &str, village: &str, reason: &str) -> String {
    format!("{enterprise}与{village}结对帮扶，经扶贫办审核通过。{reason}")
}

/// Puts `n` on public notice from `now` for `days` (at least [`WINDOW_DAYS`]).
pub async fn publish<C: ConnectionTrait>(
    db: &C,
    n: Notice<'_>,
    now: DateTime<Utc>,
    days: i64,
) -> Result<notice::Model, DbErr> {
    notice::ActiveModel {
        entity: Set(n.entity.into()),
        entity_id: Set(n.id),
        title: Set(n.title.chars().take(200).collect()),
        summary: Set(n.summary.into()),
        region_code: Set(n.region_code.into()),
        window_start: Set(now),
        window_end: Set(now + Duration::days(days.max(WINDOW_DAYS))),
        status: Set(NoticeStatus::Open.code().into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The status a notice shows at `now`: an open one past its window is closed.
pub fn effective(n: &notice::Model, now: DateTime<Utc>) -> NoticeStatus {
    match NoticeStatus::parse(&n.status) {
        Some(NoticeStatus::Open) if n.window_end < now => NoticeStatus::Closed,
        Some(s) => s,
        None => NoticeStatus::Closed,
    }
}

/// SQL: the ids of `entity` rows taken off by an upheld objection (their notice suspended):
/// they count in no total. `entity` is one of the code's own table names.
pub fn suspended_sql(entity: &str) -> String {
    format!("SELECT entity_id FROM notice WHERE entity = '{entity}' AND status = 'suspended'")
}

/// Why rows of `entity` among `ids` were taken off: the upheld objection's resolution, by row.
pub async fn suspension_reasons<C: ConnectionTrait>(
    db: &C,
    entity: &str,
    ids: Vec<i32>,
) -> Result<std::collections::HashMap<i32, String>, DbErr> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let notices: std::collections::HashMap<i32, i32> = notice::Entity::find()
        .filter(notice::Column::Entity.eq(entity))
        .filter(notice::Column::Status.eq(NoticeStatus::Suspended.code()))
        .filter(notice::Column::EntityId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|n| (n.id, n.entity_id))
        .collect();
    let mut out = std::collections::HashMap::new();
    for o in objection::Entity::find()
        .filter(objection::Column::NoticeId.is_in(notices.keys().copied()))
        .filter(objection::Column::Status.eq(ObjectionStatus::Upheld.code()))
        .order_by_asc(objection::Column::Id)
        .all(db)
        .await?
    {
        if let (Some(row), Some(why)) = (notices.get(&o.notice_id), o.resolution) {
            out.insert(*row, why);
        }
    }
    Ok(out)
}

/// Of `ids` (rows of `entity`), those an upheld objection took off (see [`suspended_sql`]).
pub async fn suspended_among<C: ConnectionTrait>(
    db: &C,
    entity: &str,
    ids: Vec<i32>,
) -> Result<std::collections::HashSet<i32>, DbErr> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(notice::Entity::find()
        .filter(notice::Column::Entity.eq(entity))
        .filter(notice::Column::Status.eq(NoticeStatus::Suspended.code()))
        .filter(notice::Column::EntityId.is_in(ids))
        .select_only()
        .column(notice::Column::EntityId)
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// The enterprise and the village a notice of `entity` row `id` concerns (none for another kind
/// of notice).
async fn parties_of<C: ConnectionTrait>(db: &C, entity: &str, id: i32) -> Result<Vec<i32>, DbErr> {
    let pairing_id = match entity {
        "pairing" => Some(id),
        "contribution" => match entity::contribution::Entity::find_by_id(id).one(db).await? {
            Some(c) => entity::agreement::Entity::find_by_id(c.agreement_id).one(db).await?.map(|a| a.pairing_id),
            None => None,
        },
        _ => None,
    };
    Ok(match pairing_id {
        Some(pid) => entity::pairing::Entity::find_by_id(pid)
            .one(db)
            .await?
            .map(|p| vec![p.enterprise_id, p.village_id])
            .unwrap_or_default(),
        None => Vec::new(),
    })
}

/// SQL: the ids of `entity` rows with an objection still open. They stay in the totals, shown
/// as 有异议 beside them, so a flood of invented objections cannot empty a county's figures.
pub fn disputed_sql(entity: &str) -> String {
    format!(
        "SELECT entity_id FROM notice WHERE entity = '{entity}' AND status <> 'suspended' AND id IN (SELECT notice_id FROM objection WHERE status = 'open')"
    )
}

/// Open objections one contact may have at once, over all notices.
pub const OPEN_PER_CONTACT: u64 = 3;

/// Days after an objection is handled when its contact is erased (its purpose is served; the
/// objection and its outcome stay).
pub const CONTACT_RETENTION_DAYS: i64 = 180;

/// An objection as typed.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct ObjectionForm {
    pub body: String,
    pub contact_name: String,
    pub contact_phone: String,
}

/// Files an objection to an open notice. The contact is sealed; one contact has one open
/// objection per notice and at most [`OPEN_PER_CONTACT`] in all.
pub async fn object(
    db: &DatabaseConnection,
    sealer: &crate::crypto::Sealer,
    notice_id: i32,
    form: &ObjectionForm,
    now: DateTime<Utc>,
) -> Result<objection::Model> {
    let n = notice::Entity::find_by_id(notice_id).one(db).await?.ok_or(AppError::NotFound)?;
    if effective(&n, now) != NoticeStatus::Open {
        return Err(AppError::Conflict("公示期已过或已暂停，不能再提出异议".into()));
    }
    let mut errors = Vec::new();
    let body = form.body.trim();
    if !(5..=2000).contains(&body.chars().count()) {
        errors.push(("body".to_owned(), "请写明异议内容（5–2000 字）".to_owned()));
    }
    let name = form.contact_name.trim();
    if name.is_empty() || name.chars().count() > 50 {
        errors.push(("contact_name".into(), "请留下姓名（只有扶贫办能看到）".into()));
    }
    let phone = match crate::auth::parse_mobile(&form.contact_phone) {
        Ok(p) => p,
        Err(m) => {
            errors.push(("contact_phone".into(), m.into()));
            String::new()
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let key = sealer.digest(&phone);
    let txn = crate::db::write(db).await?;
    // Writers take their turn before the checks below, so two filings at once see each other.
    crate::db::serialise(&txn).await?;
    // Still open as the objection is written (an office may have just suspended it).
    let n = notice::Entity::find_by_id(notice_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if effective(&n, now) != NoticeStatus::Open {
        return Err(AppError::Conflict("公示期已过或已暂停，不能再提出异议".into()));
    }
    let open = objection::Entity::find()
        .filter(objection::Column::ContactKey.eq(key.clone()))
        .filter(objection::Column::Status.eq(ObjectionStatus::Open.code()))
        .all(&txn)
        .await?;
    if open.iter().any(|o| o.notice_id == n.id) {
        return Err(AppError::Conflict("您对这条公示的异议已经收到，正在核实，请等待扶贫办答复。".into()));
    }
    if open.len() as u64 >= OPEN_PER_CONTACT {
        return Err(AppError::Conflict(format!(
            "您已有 {OPEN_PER_CONTACT} 件异议正在核实，请等扶贫办答复后再提出新的异议。"
        )));
    }
    let o = objection::ActiveModel {
        notice_id: Set(n.id),
        body: Set(body.into()),
        contact_name: Set(sealer.seal(name)),
        contact_phone: Set(sealer.seal(&phone)),
        contact_key: Set(Some(key)),
        status: Set(ObjectionStatus::Open.code().into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        &Actor { user_id: None, label: "public".into() },
        Event {
            action: "objection.file",
            entity: "objection",
            entity_id: o.id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "notice_id": n.id, "body": o.body })),
        },
    )
    .await?;
    let offices = crate::pairings::offices_covering(&txn, &n.region_code).await?;
    crate::pairings::notify(&txn, &offices, &format!("公示收到异议：{}", n.title), "/office/objections", now).await?;
    crate::db::commit(txn).await?;
    Ok(o)
}

/// An office upholds or dismisses an objection in its jurisdiction.
pub async fn handle(
    db: &DatabaseConnection,
    user: &SessionUser,
    objection_id: i32,
    uphold: bool,
    resolution: &str,
    now: DateTime<Utc>,
) -> Result<objection::Model> {
    user.require(&[Role::Office])?;
    let resolution = resolution.trim();
    let txn = crate::db::write(db).await?;
    // Read under lock: two offices deciding at once end in one decision.
    let o = objection::Entity::find_by_id(objection_id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    let n = notice::Entity::find_by_id(o.notice_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if !user.covers(&n.region_code) {
        return Err(AppError::NotFound);
    }
    if o.status != ObjectionStatus::Open.code() {
        return Err(AppError::Conflict("该异议已处理".into()));
    }
    if resolution.chars().count() < 4 {
        return Err(AppError::field("resolution", "请写明处理结果（会在公示页公开）"));
    }
    if let Some(problem) = crate::auth::public_text_problem(resolution) {
        return Err(AppError::field("resolution", problem));
    }
    let to = if uphold { ObjectionStatus::Upheld } else { ObjectionStatus::Dismissed };
    let mut am: objection::ActiveModel = o.clone().into();
    am.status = Set(to.code().into());
    am.resolution = Set(Some(resolution.into()));
    am.handled_by = Set(Some(user.id));
    am.handled_at = Set(Some(now));
    let updated = am.update(&txn).await?;
    // An upheld objection suspends the record on notice — an assessment outcome is revoked
    // instead (below), which ends its notice.
    if uphold && n.entity != crate::governance::outcomes::NOTICE_ENTITY {
        let mut nm: notice::ActiveModel = n.clone().into();
        nm.status = Set(NoticeStatus::Suspended.code().into());
        nm.update(&txn).await?;
    }
    if uphold && n.entity == "contribution" {
        crate::contributions::reopen_if_unmet(&txn, n.entity_id, user, now).await?;
    }
    if uphold {
        // An assessment outcome objected to with reason does not stand: it is revoked with the
        // published resolution as its reason, in the same transaction.
        crate::governance::outcomes::revoke_upheld(&txn, user, &n, resolution, now).await?;
    }
    // The enterprise and the village are told (the office's page says they are).
    let parties = parties_of(&txn, &n.entity, n.entity_id).await?;
    if !parties.is_empty() {
        // A record taken off can be set right by the enterprise, on its agreement's page.
        let agreement = match (uphold, n.entity.as_str()) {
            (true, "contribution") => {
                entity::contribution::Entity::find_by_id(n.entity_id).one(&txn).await?.map(|c| (c.agreement_id, c.id))
            }
            _ => None,
        };
        let (title, link) = match agreement {
            Some((a, c)) => (
                format!(
                    "公示「{}」的异议成立：该记录暂停公示、不计入统计。处理结果：{resolution}。企业可在协议页面点该记录的「更正」重新报告。",
                    n.title
                ),
                format!("/agreements/{a}#c{c}"),
            ),
            None if uphold => (
                format!("公示「{}」的异议成立：该记录暂停公示、不计入统计。处理结果：{resolution}", n.title),
                format!("/notices/{}", n.id),
            ),
            None => (
                format!("公示「{}」的异议经核实不成立，公示继续。处理结果：{resolution}", n.title),
                format!("/notices/{}", n.id),
            ),
        };
        crate::pairings::notify(&txn, &parties, &title, &link, now).await?;
    }
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: if uphold { "objection.uphold" } else { "objection.dismiss" },
            entity: "objection",
            entity_id: o.id.to_string(),
            before: Some(serde_json::json!({ "status": o.status })),
            after: Some(serde_json::json!({ "status": updated.status, "resolution": resolution, "notice": n.id })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(updated)
}

/// Erases the contacts of objections handled more than [`CONTACT_RETENTION_DAYS`] ago; returns
/// how many. The objection, its outcome and its audit events stay.
pub async fn erase_old_contacts(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64> {
    let cutoff = now - Duration::days(CONTACT_RETENTION_DAYS);
    let txn = crate::db::write(db).await?;
    let done = objection::Entity::update_many()
        .col_expr(objection::Column::ContactName, sea_orm::sea_query::Expr::value(ERASED))
        .col_expr(objection::Column::ContactPhone, sea_orm::sea_query::Expr::value(ERASED))
        .col_expr(objection::Column::ContactKey, sea_orm::sea_query::Expr::value(Option::<String>::None))
        .filter(objection::Column::Status.ne(ObjectionStatus::Open.code()))
        .filter(objection::Column::HandledAt.lt(cutoff))
        .filter(objection::Column::ContactPhone.ne(ERASED))
        .exec(&txn)
        .await?;
    if done.rows_affected > 0 {
        audit::record(
            &txn,
            now,
            &Actor::system("retention"),
            Event {
                action: "objection.contacts_erased",
                entity: "objection",
                entity_id: String::new(),
                before: None,
                after: Some(serde_json::json!({ "count": done.rows_affected, "handled_before": cutoff })),
            },
        )
        .await?;
    }
    crate::db::commit(txn).await?;
    Ok(done.rows_affected)
}

/// What an erased contact reads.
pub const ERASED: &str = "（已按期删除）";

/// Seals objection contacts stored readable (written before sealing began, or by the demo
/// loader) and gives them their digest; run when a node starts. Returns how many.
pub async fn seal_plain_contacts(db: &DatabaseConnection, sealer: &crate::crypto::Sealer) -> Result<u64> {
    let plain: Vec<objection::Model> = objection::Entity::find()
        .filter(objection::Column::ContactPhone.not_like("s1:%"))
        .filter(objection::Column::ContactPhone.ne(ERASED))
        .all(db)
        .await?;
    if plain.is_empty() {
        return Ok(0);
    }
    let txn = crate::db::write(db).await?;
    for o in &plain {
        objection::ActiveModel {
            id: Set(o.id),
            contact_name: Set(sealer.seal(&o.contact_name)),
            contact_phone: Set(sealer.seal(&o.contact_phone)),
            contact_key: Set(Some(sealer.digest(&o.contact_phone))),
            ..Default::default()
        }
        .update(&txn)
        .await?;
    }
    audit::record(
        &txn,
        chrono::Utc::now(),
        &Actor::system("seal"),
        Event {
            action: "objection.contacts_sealed",
            entity: "objection",
            entity_id: String::new(),
            before: None,
            after: Some(serde_json::json!({ "count": plain.len() })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(plain.len() as u64)
}
