//! Village collective income (村集体经济收入): the village reports its collective's income for a
//! year; the covering office verifies it or sends it back with a reason (on the locked row: two
//! offices at once end in one outcome, 409 to the other). Verified figures count in the plans'
//! indicator 集体经济收入达标村 (villages at or above [`THRESHOLD_FEN`]).

use chrono::{DateTime, Datelike, Utc};
use entity::{collective_income, organisation};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
};

use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::{SessionUser, region_prefix};
use crate::domain::IncomeStatus;
use crate::error::{AppError, Result};
use crate::money::Money;

/// The yearly income at which a village collective is no longer weak (10 万元, the yardstick
/// many provinces use for 集体经济薄弱村).
pub const THRESHOLD_FEN: i64 = 10_000_000;

/// The village reports (or corrects, until verified) its collective income for `year`.
pub async fn report(
    db: &DatabaseConnection,
    user: &SessionUser,
    year: &str,
    amount: &str,
    now: DateTime<Utc>,
) -> Result<collective_income::Model> {
    if user.role != Role::Village {
        return Err(AppError::Forbidden);
    }
    let village = user.organisation_id.ok_or(AppError::Forbidden)?;
    // A village the office has not verified yet has no figures on the office's lists.
    if !user.is_verified() {
        return Err(AppError::Conflict(
            "本村通过扶贫办认证后才能报告集体经济收入。认证结果会在工作台和消息中告知。".into(),
        ));
    }
    let this = crate::clock::to_shanghai(now).year();
    let mut errors = crate::accounts::FieldErrors::new();
    let year = year.trim().parse::<i32>().ok().filter(|y| (2014..=this).contains(y));
    if year.is_none() {
        errors.push(("year".into(), format!("请选择 2014 到 {this} 之间的年度")));
    }
    let amount = Money::parse_yuan(amount.trim()).ok().filter(|m| m.0 >= 0 && m.0 <= 100_000_000_000);
    if amount.is_none() {
        errors.push(("amount_yuan".into(), "请填写金额（元），如 125000 或 125,000.50".into()));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let (Some(year), Some(amount)) = (year, amount) else {
        return Err(AppError::field("_form", "表单内容不完整"));
    };
    let txn = crate::db::write(db).await?;
    let before = collective_income::Entity::find_by_id((village, year)).lock_exclusive().one(&txn).await?;
    if let Some(b) = &before
        && b.status == IncomeStatus::Verified.code()
    {
        return Err(AppError::Conflict(format!(
            "{year} 年的集体经济收入 {} 已经扶贫办核实，不能再改；如有错误请联系扶贫办",
            Money(b.amount_fen).display()
        )));
    }
    let saved = match before.clone() {
        Some(b) => {
            let mut am: collective_income::ActiveModel = b.into();
            am.amount_fen = Set(amount.0);
            am.status = Set(IncomeStatus::Reported.code().into());
            am.reported_by = Set(user.id);
            am.reported_at = Set(now);
            am.update(&txn).await?
        }
        None => {
            collective_income::ActiveModel {
                village_id: Set(village),
                year: Set(year),
                amount_fen: Set(amount.0),
                status: Set(IncomeStatus::Reported.code().into()),
                note: Set(None),
                reported_by: Set(user.id),
                reported_at: Set(now),
                verified_by: Set(None),
                verified_at: Set(None),
            }
            .insert(&txn)
            .await?
        }
    };
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "income.report",
            entity: "organisation",
            entity_id: village.to_string(),
            before: before.map(|b| serde_json::json!({ "year": year, "amount_fen": b.amount_fen })),
            after: Some(serde_json::json!({ "year": year, "amount_fen": amount.0 })),
        },
    )
    .await?;
    let region = organisation::Entity::find_by_id(village).one(&txn).await?.map(|o| o.region_code).unwrap_or_default();
    let offices = crate::pairings::offices_covering(&txn, &region).await?;
    let name = organisation::Entity::find_by_id(village).one(&txn).await?.map(|o| o.name).unwrap_or_default();
    let title = format!("{name}报告了 {year} 年集体经济收入 {}，请核实", amount.display());
    crate::pairings::notify(&txn, &offices, &title, "/office/income", now).await?;
    crate::db::commit(txn).await?;
    Ok(saved)
}

/// An office verifies a reported figure, or sends it back with a reason.
pub async fn decide(
    db: &DatabaseConnection,
    user: &SessionUser,
    village: i32,
    year: i32,
    verify: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<collective_income::Model> {
    let reason = reason.trim();
    if !verify && !(2..=200).contains(&reason.chars().count()) {
        return Err(AppError::field("note", "退回时请写明原因（2–200 字），村委会会看到"));
    }
    let txn = crate::db::write(db).await?;
    let row = collective_income::Entity::find_by_id((village, year))
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let org = organisation::Entity::find_by_id(village).one(&txn).await?.ok_or(AppError::NotFound)?;
    if user.role != Role::Office || !user.covers(&org.region_code) {
        return Err(AppError::NotFound);
    }
    if row.status != IncomeStatus::Reported.code() {
        return Err(AppError::Conflict(format!(
            "{}{year} 年的集体经济收入当前为「{}」，只有待核实的才能核实或退回",
            org.name,
            IncomeStatus::parse(&row.status).map_or("未知", IncomeStatus::label)
        )));
    }
    let mut am: collective_income::ActiveModel = row.clone().into();
    if verify {
        am.status = Set(IncomeStatus::Verified.code().into());
        am.verified_by = Set(Some(user.id));
        am.verified_at = Set(Some(now));
        am.note = Set(None);
    } else {
        am.status = Set(IncomeStatus::Returned.code().into());
        am.note = Set(Some(reason.to_owned()));
    }
    let saved = am.update(&txn).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: if verify { "income.verify" } else { "income.return" },
            entity: "organisation",
            entity_id: village.to_string(),
            before: Some(serde_json::json!({ "year": year, "status": row.status })),
            after: Some(serde_json::json!({ "year": year, "reason": reason })),
        },
    )
    .await?;
    let title = if verify {
        format!("{year} 年集体经济收入 {} 已核实", Money(row.amount_fen).display())
    } else {
        format!("{year} 年集体经济收入被退回：{reason}")
    };
    crate::pairings::notify(&txn, &[village], &title, "/my/income", now).await?;
    crate::db::commit(txn).await?;
    Ok(saved)
}

/// Villages of region `prefix` whose verified collective income for `year` reached the threshold.
pub async fn villages_above<C: ConnectionTrait>(db: &C, prefix: &str, year: i32) -> Result<i64> {
    let rows = collective_income::Entity::find()
        .filter(collective_income::Column::Year.eq(year))
        .filter(collective_income::Column::Status.eq(IncomeStatus::Verified.code()))
        .filter(collective_income::Column::AmountFen.gte(THRESHOLD_FEN))
        .filter(collective_income::Column::VillageId.in_subquery(crate::radar::villages_in(region_prefix(prefix))))
        .select_only()
        .column(collective_income::Column::VillageId)
        .into_tuple::<i32>()
        .all(db)
        .await?;
    Ok(rows.len() as i64)
}
