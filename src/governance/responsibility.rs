//! Responsibility (责任机制, issue 15): an office records who answers for a county and its
//! villages — a city leader (市领导挂县联村), a county-level leader (县（处）级领导挂村联组) or a
//! help unit (定点帮扶单位: party and government bodies, state firms) — from a date. Ending an
//! assignment keeps it (history); a change of person is an end and a new assignment.
//! A village's page shows who is responsible for it; an assignment's page shows its villages
//! and their progress from the same ledger definitions as everywhere.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use entity::{contribution, need, organisation, pairing, responsibility, responsibility_village};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use crate::accounts::FieldErrors;
use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::{SessionUser, region_prefix};
use crate::domain::{ListingStatus, OrgKind, OrgStatus, PairingStatus, ResponsibilityKind};
use crate::error::{AppError, Result};

/// The most villages one assignment covers.
pub const MAX_VILLAGES: usize = 60;

/// What the office typed for a new assignment.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Form {
    pub kind: String,
    pub name: String,
    pub post: String,
    /// The county's 6-digit prefix or its 12-digit code.
    pub county: String,
    /// The villages' ids.
    pub villages: Vec<String>,
    pub from_date: String,
    pub to_date: String,
    /// Set by the button that only lists the chosen county's villages (nothing is recorded).
    pub pick: String,
}

/// The form's fields, in order.
pub const FIELDS: &[&str] = &["kind", "name", "post", "county", "villages", "from_date", "to_date"];

/// Whether `user` may read assignment `r`: an office covering its county, the auditor, or the
/// help unit's own account.
pub fn may_read(user: &SessionUser, r: &responsibility::Model) -> bool {
    user.role == Role::Auditor
        || user.covers(&r.county_code)
        || (user.role == Role::HelpUnit && user.unit_id == Some(r.id))
}

/// Whether an assignment is in force on `day`.
pub fn current(r: &responsibility::Model, day: NaiveDate) -> bool {
    r.from_date <= day && r.to_date.is_none_or(|to| to >= day)
}

/// Whether an assignment was taken back before it began (its end falls before its start).
pub fn cancelled(r: &responsibility::Model) -> bool {
    r.to_date.is_some_and(|to| to < r.from_date)
}

/// Whether an assignment is over by `day` (ended before it, or taken back).
pub fn over(r: &responsibility::Model, day: NaiveDate) -> bool {
    cancelled(r) || r.to_date.is_some_and(|to| to < day)
}

/// Whether `user` may change assignment `r`: an office covering its county; a city leader's
/// only from above the county (as only there it is recorded).
pub fn may_act(user: &SessionUser, r: &responsibility::Model) -> bool {
    let above_county = user.jurisdiction.as_deref().is_some_and(|j| region_prefix(j).len() < 6);
    user.role == Role::Office
        && user.covers(&r.county_code)
        && (r.kind != ResponsibilityKind::CityLeader.code() || above_county)
}

/// The earliest start an assignment may have (the drive began in 2015).
pub fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The 12-digit county code of a typed county, when it is a county.
pub fn county_code(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let six = match raw.len() {
        6 => raw,
        12 if raw.ends_with("000000") => &raw[..6],
        _ => return None,
    };
    (six.chars().all(|c| c.is_ascii_digit()) && !six.ends_with("00")).then(|| format!("{six}000000"))
}

/// Records a new assignment, in one transaction with its audit event. Every field wrong is
/// named; nothing is written then.
pub async fn create(
    db: &DatabaseConnection,
    user: &SessionUser,
    form: &Form,
    now: DateTime<Utc>,
) -> Result<responsibility::Model> {
    if user.role != Role::Office {
        return Err(AppError::Forbidden);
    }
    let office = user.organisation_id.ok_or(AppError::Forbidden)?;
    let mut errors = FieldErrors::new();
    let kind = ResponsibilityKind::parse(form.kind.trim());
    if kind.is_none() {
        errors.push(("kind".into(), "请选择责任类型".into()));
    }
    let above_county = user.jurisdiction.as_deref().is_some_and(|j| region_prefix(j).len() < 6);
    if kind == Some(ResponsibilityKind::CityLeader) && !above_county {
        errors.push(("kind".into(), "市领导挂县联村由市扶贫办登记；县扶贫办登记县（处）级领导和定点帮扶单位".into()));
    }
    let name = form.name.trim();
    if !(2..=40).contains(&name.chars().count()) {
        errors.push((
            "name".into(),
            if kind == Some(ResponsibilityKind::HelpUnit) {
                "请填写帮扶单位名称（2–40 字）"
            } else {
                "请填写领导姓名（2–40 字）"
            }
            .into(),
        ));
    }
    let post = form.post.trim();
    if post.chars().count() > 40 {
        errors.push(("post".into(), "职务或单位性质不超过 40 字".into()));
    } else if post.is_empty() {
        errors.push((
            "post".into(),
            if kind == Some(ResponsibilityKind::HelpUnit) {
                "请填写单位性质（如：市直机关、国有企业）"
            } else {
                "请填写职务"
            }
            .into(),
        ));
    }
    let county = county_code(&form.county).filter(|c| user.covers(c));
    if county.is_none() {
        errors.push(("county".into(), "请选择本辖区内的一个县（市、区）".into()));
    }
    let from = crate::listings::parse_date(&form.from_date, "from_date", &mut errors);
    if from.is_none() && form.from_date.trim().is_empty() {
        errors.push(("from_date".into(), "请填写开始日期".into()));
    }
    let today = crate::clock::to_shanghai(now).date_naive();
    let latest = today + chrono::Duration::days(366);
    if let Some(f) = from
        && (f < earliest() || f > latest)
    {
        errors.push(("from_date".into(), format!("开始日期应在 2015-01-01 到 {latest} 之间")));
    }
    let to = crate::listings::parse_date(&form.to_date, "to_date", &mut errors);
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            errors.push(("to_date".into(), "结束日期不能早于开始日期".into()));
        } else if t > f + chrono::Duration::days(366 * 10) {
            errors.push(("to_date".into(), "一项责任最长 10 年，请检查结束日期".into()));
        }
    }
    let mut ids: Vec<i32> = Vec::new();
    let mut unreadable = false;
    for v in &form.villages {
        match v.trim().trim_start_matches('#').parse::<i32>() {
            Ok(id) if !ids.contains(&id) => ids.push(id),
            Ok(_) => {}
            Err(_) => unreadable = true,
        }
    }
    if unreadable || ids.len() > MAX_VILLAGES {
        errors.push(("villages".into(), format!("请在列表中勾选村（最多 {MAX_VILLAGES} 个）")));
    } else if ids.is_empty() && kind.is_some_and(|k| k != ResponsibilityKind::CityLeader) {
        errors.push(("villages".into(), "请至少勾选一个联系的村".into()));
    }
    let mut villages = Vec::new();
    if let Some(county) = &county
        && !ids.is_empty()
    {
        villages = organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(ids.clone()))
            .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
            .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
            .filter(organisation::Column::RegionCode.starts_with(region_prefix(county)))
            .all(db)
            .await?;
        if villages.len() != ids.len() {
            errors.push(("villages".into(), "只能勾选所选县（市、区）内已认证的村".into()));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let (Some(kind), Some(county), Some(from)) = (kind, county, from) else {
        return Err(AppError::field("_form", "表单内容不完整"));
    };
    let txn = crate::db::write(db).await?;
    // The same person or unit already answering for one of these villages (or, a city leader,
    // for the county) over the same time is a second entry of the same thing.
    let same = responsibility::Entity::find()
        .filter(responsibility::Column::Kind.eq(kind.code()))
        .filter(responsibility::Column::Name.eq(name))
        .filter(responsibility::Column::CountyCode.eq(county.clone()))
        .all(&txn)
        .await?;
    for r in same
        .iter()
        .filter(|r| !cancelled(r) && r.to_date.is_none_or(|t| t >= from) && to.is_none_or(|t| t >= r.from_date))
    {
        let theirs = self::villages(&txn, r.id).await?;
        let shared: Vec<&str> = theirs.iter().filter(|v| ids.contains(&v.id)).map(|v| v.name.as_str()).collect();
        if !shared.is_empty() || (ids.is_empty() && theirs.is_empty()) {
            return Err(AppError::field(
                "name",
                format!(
                    "「{name}」已登记为{}{}（{}），请勿重复登记；调整联系的村或换人，请先结束原责任再新增",
                    kind.label(),
                    if shared.is_empty() { String::new() } else { format!("，联系{}", shared.join("、")) },
                    match r.to_date {
                        Some(t) => format!("{} 至 {t}", r.from_date),
                        None => format!("{} 起", r.from_date),
                    }
                ),
            ));
        }
    }
    let r = responsibility::ActiveModel {
        kind: Set(kind.code().into()),
        name: Set(name.to_owned()),
        post: Set(post.to_owned()),
        county_code: Set(county),
        from_date: Set(from),
        to_date: Set(to),
        end_reason: Set(None),
        office_id: Set(office),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    villages.sort_by_key(|v| v.id);
    for v in &villages {
        responsibility_village::ActiveModel { responsibility_id: Set(r.id), village_id: Set(v.id) }
            .insert(&txn)
            .await?;
    }
    let names: Vec<&str> = villages.iter().map(|v| v.name.as_str()).collect();
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "responsibility.create",
            entity: "responsibility",
            entity_id: r.id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "kind": kind.label(),
                "name": r.name,
                "post": r.post,
                "villages": names.join("、"),
                "from_date": from.to_string(),
                "to_date": to.map(|t| t.to_string()),
            })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(r)
}

/// Ends assignment `id` on `to_date` with `reason`, decided on the locked row: an assignment
/// already ended is not ended again (409 with when and why it ended).
pub async fn end(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    to_date: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<responsibility::Model> {
    let mut errors = FieldErrors::new();
    let to = crate::listings::parse_date(to_date, "to_date", &mut errors);
    if to.is_none() && to_date.trim().is_empty() {
        errors.push(("to_date".into(), "请填写结束日期".into()));
    }
    let reason = reason.trim();
    if !(2..=200).contains(&reason.chars().count()) {
        errors.push(("end_reason".into(), "请写明原因（2–200 字，如：职务调整、帮扶期满、登记有误）".into()));
    }
    let txn = crate::db::write(db).await?;
    let r = responsibility::Entity::find_by_id(id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    if !may_read(user, &r) {
        return Err(AppError::NotFound);
    }
    if !may_act(user, &r) {
        return Err(if user.role == Role::Office {
            AppError::Conflict("市领导挂县联村由市扶贫办登记和结束".into())
        } else {
            AppError::Forbidden
        });
    }
    if let Some(ended) = r.to_date.filter(|_| r.end_reason.is_some()) {
        return Err(AppError::Conflict(format!(
            "这项责任已于 {ended} 结束（{}），不能再次结束；如需重新安排，请新增一项",
            r.end_reason.as_deref().unwrap_or_default()
        )));
    }
    let today = crate::clock::to_shanghai(now).date_naive();
    // Not begun yet: taken back (its end put before its start), whatever date was typed.
    let to = if r.from_date > today {
        errors.retain(|(f, _)| f != "to_date");
        Some(r.from_date - chrono::Duration::days(1))
    } else {
        if let Some(t) = to
            && t < r.from_date
        {
            errors.push(("to_date".into(), format!("结束日期不能早于开始日期 {}", r.from_date)));
        }
        to
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let Some(to) = to else { return Err(AppError::field("to_date", "请填写结束日期")) };
    let mut am: responsibility::ActiveModel = r.clone().into();
    am.to_date = Set(Some(to));
    am.end_reason = Set(Some(reason.to_owned()));
    am.updated_at = Set(now);
    let updated = am.update(&txn).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "responsibility.end",
            entity: "responsibility",
            entity_id: r.id.to_string(),
            before: Some(serde_json::json!({ "to_date": r.to_date.map(|t| t.to_string()) })),
            after: Some(serde_json::json!({ "to_date": to.to_string(), "reason": reason })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(updated)
}

/// The assignments `user` may read, newest first; `county` narrows to one county (6 digits).
pub async fn list<C: ConnectionTrait>(
    db: &C,
    user: &SessionUser,
    county: Option<&str>,
) -> Result<Vec<responsibility::Model>> {
    let mut q = responsibility::Entity::find()
        .order_by_asc(responsibility::Column::CountyCode)
        .order_by_desc(responsibility::Column::FromDate)
        .order_by_desc(responsibility::Column::Id);
    if user.role != Role::Auditor {
        q = q.filter(
            responsibility::Column::CountyCode.starts_with(region_prefix(user.jurisdiction.as_deref().unwrap_or("x"))),
        );
    }
    if let Some(c) = county {
        q = q.filter(responsibility::Column::CountyCode.starts_with(c));
    }
    Ok(q.all(db).await?)
}

/// The villages of assignment `id`.
pub async fn villages<C: ConnectionTrait>(db: &C, id: i32) -> Result<Vec<organisation::Model>> {
    let ids = Query::select()
        .column(responsibility_village::Column::VillageId)
        .from(responsibility_village::Entity)
        .and_where(Expr::col(responsibility_village::Column::ResponsibilityId).eq(id))
        .to_owned();
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.in_subquery(ids))
        .order_by_asc(organisation::Column::RegionCode)
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await?)
}

/// Who answers for village `village` on `day`: the assignments naming it and the city leaders
/// of its county (named = false: they answer for the county), current ones only.
pub async fn of_village<C: ConnectionTrait>(
    db: &C,
    village: &organisation::Model,
    day: NaiveDate,
) -> Result<Vec<(responsibility::Model, bool)>> {
    let named_ids: Vec<i32> = responsibility_village::Entity::find()
        .filter(responsibility_village::Column::VillageId.eq(village.id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.responsibility_id)
        .collect();
    let county = format!("{:0<12}", region_prefix(&village.region_code).get(..6).unwrap_or_default());
    let rows = responsibility::Entity::find()
        .filter(
            Condition::any().add(responsibility::Column::Id.is_in(named_ids.clone())).add(
                Condition::all()
                    .add(responsibility::Column::Kind.eq(ResponsibilityKind::CityLeader.code()))
                    .add(responsibility::Column::CountyCode.eq(county)),
            ),
        )
        .filter(responsibility::Column::FromDate.lte(day))
        .filter(
            Condition::any().add(responsibility::Column::ToDate.is_null()).add(responsibility::Column::ToDate.gte(day)),
        )
        .order_by_asc(responsibility::Column::Kind)
        .order_by_asc(responsibility::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let named = named_ids.contains(&r.id);
            (r, named)
        })
        .collect())
}

/// Where a village stands, for the page of whoever answers for it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Approved pairings.
    pub pairings: i64,
    /// Verified contributions in the year (分; objected records excluded).
    pub contributed_fen: i64,
    /// Needs published and not yet expired.
    pub needs_open: i64,
}

/// The progress of `villages` in `year`, counted in the database (three grouped queries).
pub async fn progress<C: ConnectionTrait>(
    db: &C,
    villages: &[i32],
    year: i32,
    today: NaiveDate,
) -> Result<HashMap<i32, Progress>> {
    let mut out: HashMap<i32, Progress> = villages.iter().map(|&v| (v, Progress::default())).collect();
    if villages.is_empty() {
        return Ok(out);
    }
    let grouped = |rows: Vec<sea_orm::QueryResult>| -> Result<BTreeMap<i32, i64>> {
        let mut m = BTreeMap::new();
        for row in rows {
            let id: i32 = row.try_get_by_index(0)?;
            let n: i64 = row.try_get_by_index(1)?;
            m.insert(id, n);
        }
        Ok(m)
    };
    let backend = db.get_database_backend();
    let approved = Query::select()
        .column(pairing::Column::VillageId)
        .expr(Expr::cust("CAST(COUNT(*) AS BIGINT)"))
        .from(pairing::Entity)
        .and_where(Expr::col(pairing::Column::VillageId).is_in(villages.iter().copied()))
        .and_where(Expr::col(pairing::Column::Status).eq(PairingStatus::Approved.code()))
        .group_by_col(pairing::Column::VillageId)
        .to_owned();
    for (id, n) in grouped(db.query_all_raw(backend.build(&approved)).await?)? {
        out.entry(id).or_default().pairings = n;
    }
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let money = Query::select()
        .column((pairing::Entity, pairing::Column::VillageId))
        .expr_as(Expr::cust("CAST(COALESCE(SUM(\"contribution\".\"amount_fen\"), 0) AS BIGINT)"), Alias::new("fen"))
        .from(contribution::Entity)
        .apply(|q| crate::cockpit::joined_to_pairing(q, "", from, to))
        .and_where(Expr::col((pairing::Entity, pairing::Column::VillageId)).is_in(villages.iter().copied()))
        .group_by_col((pairing::Entity, pairing::Column::VillageId))
        .to_owned();
    for (id, n) in grouped(db.query_all_raw(backend.build(&money)).await?)? {
        out.entry(id).or_default().contributed_fen = n;
    }
    let open = Query::select()
        .column(need::Column::OrganisationId)
        .expr(Expr::cust("CAST(COUNT(*) AS BIGINT)"))
        .from(need::Entity)
        .and_where(Expr::col(need::Column::OrganisationId).is_in(villages.iter().copied()))
        .and_where(Expr::col(need::Column::Status).eq(ListingStatus::Published.code()))
        .and_where(Expr::col(need::Column::ValidUntil).is_null().or(Expr::col(need::Column::ValidUntil).gte(today)))
        .group_by_col(need::Column::OrganisationId)
        .to_owned();
    for (id, n) in grouped(db.query_all_raw(backend.build(&open)).await?)? {
        out.entry(id).or_default().needs_open = n;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_county_is_typed_as_six_digits_or_its_full_code() {
        assert_eq!(county_code("360902").as_deref(), Some("360902000000"));
        assert_eq!(county_code(" 360902000000 ").as_deref(), Some("360902000000"));
        assert_eq!(county_code("360900"), None, "a city is not a county");
        assert_eq!(county_code("360902001000"), None, "a town is not a county");
        assert_eq!(county_code("36090x"), None);
        assert_eq!(county_code(""), None);
    }
}
