//! 公示: approved pairings and verified contributions go on public notice for a window (10 days
//! by default); anyone may object with a contact that is never shown; an office covering the
//! region upholds (the record is suspended and leaves every total) or dismisses with a published
//! reason. A record under an open objection counts in no total until it is resolved.

use chrono::{DateTime, Duration, Utc};
use entity::{notice, objection, organisation};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};
use serde::Deserialize;

use crate::audit::{self, Actor, Event};
use crate::auth::{Role, SessionUser};
use crate::domain::{NoticeStatus, ObjectionStatus, OrgKind};
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

/// SQL: the ids of `entity` rows under objection (suspended, or with an open objection).
pub fn under_objection_sql(entity: &str) -> String {
    format!(
        "SELECT entity_id FROM notice WHERE entity = '{entity}' AND (status = 'suspended' OR id IN (SELECT notice_id FROM objection WHERE status = 'open'))"
    )
}

/// An objection as typed.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct ObjectionForm {
    pub body: String,
    pub contact_name: String,
    pub contact_phone: String,
}

/// Files an objection to an open notice.
pub async fn object(
    db: &DatabaseConnection,
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
    let txn = crate::db::write(db).await?;
    // Still open as the objection is written (an office may have just suspended it).
    let n = notice::Entity::find_by_id(notice_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if effective(&n, now) != NoticeStatus::Open {
        return Err(AppError::Conflict("公示期已过或已暂停，不能再提出异议".into()));
    }
    let o = objection::ActiveModel {
        notice_id: Set(n.id),
        body: Set(body.into()),
        contact_name: Set(name.into()),
        contact_phone: Set(phone),
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
    let offices: Vec<i32> = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Office.code()))
        .all(&txn)
        .await?
        .into_iter()
        .filter(|o| {
            o.jurisdiction_code.as_deref().is_some_and(|j| crate::auth::guard::jurisdiction_covers(j, &n.region_code))
        })
        .map(|o| o.id)
        .collect();
    crate::pairings::notify(&txn, &offices, &format!("公示收到异议：{}", n.title), "/office/objections", now).await?;
    txn.commit().await?;
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
    let o = objection::Entity::find_by_id(objection_id).one(&txn).await?.ok_or(AppError::NotFound)?;
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
    let to = if uphold { ObjectionStatus::Upheld } else { ObjectionStatus::Dismissed };
    let mut am: objection::ActiveModel = o.clone().into();
    am.status = Set(to.code().into());
    am.resolution = Set(Some(resolution.into()));
    am.handled_by = Set(Some(user.id));
    am.handled_at = Set(Some(now));
    let updated = am.update(&txn).await?;
    if uphold {
        let mut nm: notice::ActiveModel = n.clone().into();
        nm.status = Set(NoticeStatus::Suspended.code().into());
        nm.update(&txn).await?;
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
    txn.commit().await?;
    Ok(updated)
}
