//! A village's leadership (村班子, issue 16): its party secretary, the 驻村第一书记 (the unit that
//! sent them, from when, the planned term) and the members of the resident work team. The
//! offices covering the village record and end them; ended ones stay as history. Public pages
//! show names and units, never phones.

use chrono::{DateTime, Utc};
use entity::{organisation, village_leader};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use crate::accounts::FieldErrors;
use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::SessionUser;
use crate::domain::{LeaderRole, OrgKind};
use crate::error::{AppError, Result};

/// What the office typed.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Form {
    pub role: String,
    pub name: String,
    pub unit: String,
    pub post: String,
    pub from_date: String,
    pub term_end: String,
}

/// The form's fields, in order.
pub const FIELDS: &[&str] = &["role", "name", "unit", "post", "from_date", "term_end"];

/// Whether `user` may record and end the leadership of `village`: an office covering it.
pub fn may_act(user: &SessionUser, village: &organisation::Model) -> bool {
    village.kind == OrgKind::Village.code() && user.role == Role::Office && user.covers(&village.region_code)
}

/// Whether `user` may read the whole record (history included): the offices covering the
/// village and the auditor. Everyone reads the names in post on the village's public page.
pub fn may_read(user: &SessionUser, village: &organisation::Model) -> bool {
    may_act(user, village) || (user.role == Role::Auditor && village.kind == OrgKind::Village.code())
}

/// Everyone recorded for `village`: in post (not yet recorded as left) first, by role then
/// since; then the history (latest departure first).
pub async fn of_village<C: ConnectionTrait>(
    db: &C,
    village: i32,
) -> Result<(Vec<village_leader::Model>, Vec<village_leader::Model>)> {
    let all = village_leader::Entity::find()
        .filter(village_leader::Column::VillageId.eq(village))
        .order_by_asc(village_leader::Column::FromDate)
        .order_by_asc(village_leader::Column::Id)
        .all(db)
        .await?;
    let rank = |l: &village_leader::Model| LeaderRole::ALL.iter().position(|r| r.code() == l.role).unwrap_or(9);
    let (mut now, mut past): (Vec<_>, Vec<_>) = all.into_iter().partition(|l| l.to_date.is_none());
    now.sort_by_key(|l| (rank(l), l.from_date, l.id));
    past.sort_by(|a, b| b.to_date.cmp(&a.to_date).then(b.id.cmp(&a.id)));
    Ok((now, past))
}

/// A person's name as the record may hold it: 2–20 characters, no digits.
fn name_ok(name: &str) -> bool {
    (2..=20).contains(&name.chars().count()) && !name.chars().any(char::is_numeric)
}

/// Records a member of `village`'s leadership, in one transaction with its audit event. One
/// party secretary and one first secretary at a time: the one in post is ended first.
pub async fn create(
    db: &DatabaseConnection,
    user: &SessionUser,
    village: &organisation::Model,
    form: &Form,
    now: DateTime<Utc>,
) -> Result<village_leader::Model> {
    if !may_act(user, village) {
        return Err(AppError::NotFound);
    }
    let mut errors = FieldErrors::new();
    let role = LeaderRole::parse(form.role.trim());
    if role.is_none() {
        errors.push(("role".into(), "请选择职务：村党组织书记、驻村第一书记或驻村工作队员".into()));
    }
    let name = form.name.trim();
    if !name_ok(name) {
        errors.push(("name".into(), "请填写姓名（2–20 字，不含数字；电话不在此登记）".into()));
    }
    let unit = form.unit.trim();
    if unit.chars().count() > 60 {
        errors.push(("unit".into(), "派出单位不超过 60 字".into()));
    } else if unit.chars().count() < 2 && role.is_some_and(|r| r != LeaderRole::PartySecretary) {
        errors.push(("unit".into(), "请填写派出单位（如：宜春市财政局）".into()));
    }
    let post = form.post.trim();
    if post.chars().count() > 20 {
        errors.push(("post".into(), "队内职务不超过 20 字（如：队长、队员）".into()));
    }
    let from = crate::listings::parse_date(&form.from_date, "from_date", &mut errors);
    if from.is_none() && form.from_date.trim().is_empty() {
        errors.push(("from_date".into(), "请填写到任日期".into()));
    }
    let today = crate::clock::to_shanghai(now).date_naive();
    let latest = today + chrono::Duration::days(366);
    if let Some(f) = from
        && (f < super::responsibility::earliest() || f > latest)
    {
        errors.push(("from_date".into(), format!("到任日期应在 2015-01-01 到 {latest} 之间")));
    }
    let term_end = crate::listings::parse_date(&form.term_end, "term_end", &mut errors);
    if let (Some(f), Some(t)) = (from, term_end)
        && (t <= f || t > f + chrono::Duration::days(366 * 6))
    {
        errors.push(("term_end".into(), "任期应在到任之后、6 年以内".into()));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let (Some(role), Some(from)) = (role, from) else { return Err(AppError::field("_form", "表单内容不完整")) };
    let txn = crate::db::write(db).await?;
    // Within the write transaction: who is in post now (two offices at once see each other).
    let (in_post, _) = of_village(&txn, village.id).await?;
    if role != LeaderRole::WorkTeam
        && let Some(holder) = in_post.iter().find(|l| l.role == role.code())
    {
        return Err(AppError::Conflict(format!(
            "{}现为{}（{} 起）；请先在下方登记其离任，再登记新任",
            village.name, holder.name, holder.from_date
        )));
    }
    if in_post.iter().any(|l| l.role == role.code() && l.name == name) {
        return Err(AppError::field("name", format!("{name}已登记为{}，请勿重复登记", role.label())));
    }
    let l = village_leader::ActiveModel {
        village_id: Set(village.id),
        role: Set(role.code().into()),
        name: Set(name.to_owned()),
        unit: Set(unit.to_owned()),
        post: Set(post.to_owned()),
        from_date: Set(from),
        term_end: Set(term_end),
        to_date: Set(None),
        end_reason: Set(None),
        recorded_by: Set(user.id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "leader.create",
            entity: "village_leader",
            entity_id: l.id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "village": village.name, "role": role.label(), "name": l.name, "unit": l.unit,
                "from_date": from.to_string(), "term_end": term_end.map(|t| t.to_string()),
            })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(l)
}

/// Ends leader `id` on `to_date` with `reason`, on the locked row: ended once (409 after, with
/// when and why).
pub async fn end(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    to_date: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<village_leader::Model> {
    let mut errors = FieldErrors::new();
    let to = crate::listings::parse_date(to_date, "to_date", &mut errors);
    if to.is_none() && to_date.trim().is_empty() {
        errors.push(("to_date".into(), "请填写离任日期".into()));
    }
    let reason = reason.trim();
    if !(2..=200).contains(&reason.chars().count()) {
        errors.push(("end_reason".into(), "请写明原因（2–200 字，如：任期届满、工作调动）".into()));
    }
    let txn = crate::db::write(db).await?;
    let l = village_leader::Entity::find_by_id(id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    let village = organisation::Entity::find_by_id(l.village_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if !may_act(user, &village) {
        return Err(AppError::NotFound);
    }
    if let Some(t) = l.to_date {
        return Err(AppError::Conflict(format!(
            "{}已于 {t} 离任（{}），不能再次登记离任",
            l.name,
            l.end_reason.as_deref().unwrap_or_default()
        )));
    }
    let today = crate::clock::to_shanghai(now).date_naive();
    if let Some(t) = to {
        if t < l.from_date {
            errors.push(("to_date".into(), format!("离任日期不能早于到任日期 {}", l.from_date)));
        } else if t > today {
            errors.push(("to_date".into(), "离任日期不能晚于今天".into()));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let Some(to) = to else { return Err(AppError::field("to_date", "请填写离任日期")) };
    let mut am: village_leader::ActiveModel = l.clone().into();
    am.to_date = Set(Some(to));
    am.end_reason = Set(Some(reason.to_owned()));
    am.updated_at = Set(now);
    let updated = am.update(&txn).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "leader.end",
            entity: "village_leader",
            entity_id: l.id.to_string(),
            before: Some(serde_json::json!({ "to_date": null })),
            after: Some(serde_json::json!({ "village": village.name, "name": l.name, "to_date": to.to_string(), "reason": reason })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(updated)
}
