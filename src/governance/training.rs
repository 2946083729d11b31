//! Cadre training (培训, issue 16): an office runs a session for the village cadres of a county
//! (topic, dates, class hours, trainer, place) and records who attended — the members of the
//! county's village leadership (`village_leader`). Each cadre's and each village's training
//! record is summed from the attendance.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use entity::{organisation, training_attendance, training_session, village_leader};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use crate::accounts::FieldErrors;
use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::{SessionUser, region_prefix};
use crate::domain::{OrgKind, OrgStatus};
use crate::error::{AppError, Result};

/// What the office typed.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Form {
    pub county: String,
    pub topic: String,
    pub starts_on: String,
    pub ends_on: String,
    pub hours: String,
    pub trainer: String,
    pub place: String,
}

/// The form's fields, in order.
pub const FIELDS: &[&str] = &["county", "topic", "starts_on", "ends_on", "hours", "trainer", "place"];

/// The most class hours one session may have.
pub const MAX_HOURS: i32 = 200;

/// Whether `user` may read session `s`: an office covering its county, or the auditor.
pub fn may_read(user: &SessionUser, s: &training_session::Model) -> bool {
    user.role == Role::Auditor || user.covers(&s.county_code)
}

/// Whether `user` runs session `s` (records its attendance): an office covering its county.
pub fn may_act(user: &SessionUser, s: &training_session::Model) -> bool {
    user.role == Role::Office && user.covers(&s.county_code)
}

/// Records a new session, in one transaction with its audit event.
pub async fn create(
    db: &DatabaseConnection,
    user: &SessionUser,
    form: &Form,
    now: DateTime<Utc>,
) -> Result<training_session::Model> {
    if user.role != Role::Office {
        return Err(AppError::Forbidden);
    }
    let office = user.organisation_id.ok_or(AppError::Forbidden)?;
    let mut errors = FieldErrors::new();
    let county = super::responsibility::county_code(&form.county).filter(|c| user.covers(c));
    if county.is_none() {
        errors.push(("county".into(), "请选择本辖区内的一个县（市、区）".into()));
    }
    let text = |raw: &str, field: &str, min: usize, max: usize, what: &str, errors: &mut FieldErrors| {
        let t = raw.trim().to_owned();
        if !(min..=max).contains(&t.chars().count()) {
            errors.push((field.into(), format!("请填写{what}（{min}–{max} 字）")));
        }
        t
    };
    let topic = text(&form.topic, "topic", 2, 100, "培训主题", &mut errors);
    let trainer = text(&form.trainer, "trainer", 2, 60, "授课人或主办单位", &mut errors);
    let place = text(&form.place, "place", 2, 100, "培训地点", &mut errors);
    let starts = crate::listings::parse_date(&form.starts_on, "starts_on", &mut errors);
    if starts.is_none() && form.starts_on.trim().is_empty() {
        errors.push(("starts_on".into(), "请填写开始日期".into()));
    }
    let ends = crate::listings::parse_date(&form.ends_on, "ends_on", &mut errors).or(starts);
    let today = crate::clock::to_shanghai(now).date_naive();
    if let Some(s) = starts
        && (s < super::responsibility::earliest() || s > today + chrono::Duration::days(366))
    {
        errors.push(("starts_on".into(), "开始日期应在 2015-01-01 到一年以后之间".into()));
    }
    if let (Some(s), Some(e)) = (starts, ends)
        && (e < s || e > s + chrono::Duration::days(30))
    {
        errors.push(("ends_on".into(), "结束日期应不早于开始日期，且一期培训不超过 30 天".into()));
    }
    let hours = form.hours.trim().parse::<i32>().ok().filter(|h| (1..=MAX_HOURS).contains(h));
    if hours.is_none() {
        errors.push(("hours".into(), format!("学时应为 1 到 {MAX_HOURS} 的整数")));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let (Some(county), Some(starts), Some(ends), Some(hours)) = (county, starts, ends, hours) else {
        return Err(AppError::field("_form", "表单内容不完整"));
    };
    let txn = crate::db::write(db).await?;
    let s = training_session::ActiveModel {
        county_code: Set(county),
        office_id: Set(office),
        topic: Set(topic),
        starts_on: Set(starts),
        ends_on: Set(ends),
        hours: Set(hours),
        trainer: Set(trainer),
        place: Set(place),
        created_by: Set(user.id),
        created_at: Set(now),
        attendance_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "training.create",
            entity: "training_session",
            entity_id: s.id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "topic": s.topic, "starts_on": starts.to_string(), "ends_on": ends.to_string(), "hours": hours,
                "trainer": s.trainer, "place": s.place,
            })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(s)
}

/// The cadres a session of `county` may count: every member ever recorded in the leadership of
/// the county's verified villages, with the village's name (those in post first).
pub async fn cadres<C: ConnectionTrait>(db: &C, county: &str) -> Result<Vec<(village_leader::Model, String)>> {
    let villages: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .filter(organisation::Column::RegionCode.starts_with(region_prefix(county)))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.name))
        .collect();
    let mut out: Vec<(village_leader::Model, String)> = village_leader::Entity::find()
        .filter(village_leader::Column::VillageId.is_in(villages.keys().copied().collect::<Vec<_>>()))
        .order_by_asc(village_leader::Column::VillageId)
        .order_by_asc(village_leader::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|l| villages.get(&l.village_id).cloned().map(|n| (l, n)))
        .collect();
    out.sort_by_key(|(l, n)| (l.to_date.is_some(), n.clone(), l.id));
    Ok(out)
}

/// Who attended session `id`.
pub async fn attended<C: ConnectionTrait>(db: &C, id: i32) -> Result<BTreeSet<i32>> {
    Ok(training_attendance::Entity::find()
        .filter(training_attendance::Column::SessionId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.leader_id)
        .collect())
}

/// Records who attended session `id` (the whole list, replacing the earlier one), on the locked
/// row: `seen` is when the list the organiser started from was recorded (empty: never), and a
/// list recorded by someone else since is not overwritten (409).
pub async fn record_attendance(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    leaders: &[i32],
    seen: &str,
    now: DateTime<Utc>,
) -> Result<usize> {
    let txn = crate::db::write(db).await?;
    let s = training_session::Entity::find_by_id(id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    if !may_read(user, &s) {
        return Err(AppError::NotFound);
    }
    if !may_act(user, &s) {
        return Err(AppError::Forbidden);
    }
    let today = crate::clock::to_shanghai(now).date_naive();
    if s.starts_on > today {
        return Err(AppError::Conflict(format!("培训 {} 开始，开始后才能登记出席", s.starts_on)));
    }
    let stamp = s.attendance_at.map(|t| t.timestamp_micros().to_string()).unwrap_or_default();
    if seen.trim() != stamp {
        let when = s.attendance_at.map(|t| crate::clock::to_shanghai(t).format("%Y-%m-%d %H:%M").to_string());
        return Err(AppError::Conflict(format!(
            "出席名单已于 {} 由他人更新，请查看最新名单后再保存",
            when.unwrap_or_default()
        )));
    }
    let allowed: HashMap<i32, i32> =
        cadres(&txn, &s.county_code).await?.into_iter().map(|(l, _)| (l.id, l.village_id)).collect();
    let chosen: BTreeSet<i32> = leaders.iter().copied().collect();
    if chosen.iter().any(|l| !allowed.contains_key(l)) {
        return Err(AppError::field("leader", "只能登记本县已认证村的村班子成员"));
    }
    training_attendance::Entity::delete_many().filter(training_attendance::Column::SessionId.eq(id)).exec(&txn).await?;
    for l in &chosen {
        training_attendance::ActiveModel {
            session_id: Set(id),
            leader_id: Set(*l),
            village_id: Set(allowed.get(l).copied().unwrap_or_default()),
        }
        .insert(&txn)
        .await?;
    }
    let mut am: training_session::ActiveModel = s.clone().into();
    am.attendance_at = Set(Some(now));
    am.update(&txn).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "training.attendance",
            entity: "training_session",
            entity_id: s.id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "topic": s.topic, "count": chosen.len() })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(chosen.len())
}

/// Each cadre's training: (class hours, sessions) attended, for the cadres of `village`.
pub async fn hours_of_village<C: ConnectionTrait>(db: &C, village: i32) -> Result<HashMap<i32, (i64, usize)>> {
    let rows: Vec<(i32, i32)> = training_attendance::Entity::find()
        .select_only()
        .column(training_attendance::Column::LeaderId)
        .column(training_attendance::Column::SessionId)
        .filter(training_attendance::Column::VillageId.eq(village))
        .into_tuple()
        .all(db)
        .await?;
    let sessions: HashMap<i32, i32> = training_session::Entity::find()
        .filter(training_session::Column::Id.is_in(rows.iter().map(|r| r.1).collect::<BTreeSet<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.hours))
        .collect();
    let mut out: HashMap<i32, (i64, usize)> = HashMap::new();
    for (leader, session) in rows {
        let e = out.entry(leader).or_default();
        e.0 += i64::from(sessions.get(&session).copied().unwrap_or(0));
        e.1 += 1;
    }
    Ok(out)
}
