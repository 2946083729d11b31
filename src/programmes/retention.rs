//! Jobs that lasted (稳岗): six months after a verified placement, the village reports how many
//! of the people placed are still in work, and the office verifies the follow-up. The verified
//! figure is the outcome shown beside the jobs placed.

use chrono::{DateTime, Months, NaiveDate, Utc};
use entity::{agreement, contribution, organisation, pairing};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr};

use crate::audit::{self, Actor, Event};
use crate::auth::SessionUser;
use crate::domain::{ContributionKind, ContributionStatus};
use crate::error::{AppError, Result};
use crate::pairings::{self, Party};

/// The months a placement must last to count as stable.
pub const MONTHS: u32 = 6;

/// The day the follow-up of placement `c` opens (None: not a verified placement).
pub fn opens_on(c: &contribution::Model) -> Option<NaiveDate> {
    (ContributionKind::parse(&c.kind) == Some(ContributionKind::Jobs)
        && c.status == ContributionStatus::Verified.code())
    .then(|| c.contributed_on.checked_add_months(Months::new(MONTHS)).unwrap_or(c.contributed_on))
}

async fn parts(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
) -> Result<(contribution::Model, agreement::Model, pairing::Model, Party)> {
    let c = contribution::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let a = agreement::Entity::find_by_id(c.agreement_id).one(db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(db).await?.ok_or(AppError::NotFound)?;
    let party = pairings::party_of(db, user, &p).await?;
    Ok((c, a, p, party))
}

fn cn(d: NaiveDate) -> String {
    d.format("%Y年%m月%d日").to_string()
}

/// Why the village cannot report the follow-up of placement `c` on `today` (None: it can): the
/// page and the step say the same.
pub fn refusal(c: &contribution::Model, today: NaiveDate) -> Option<String> {
    let Some(opens) = opens_on(c) else {
        return Some("只有经核实的安置就业记录才做满 6 个月回访".into());
    };
    if let Some(n) = c.retained_persons {
        return Some(format!("这批就业已回访：仍在岗 {n} 人，不能再报"));
    }
    (today < opens).then(|| format!("这批就业自 {} 起，满 6 个月（{}）后才能回访", cn(c.contributed_on), cn(opens)))
}

/// The village reports how many of placement `id`'s people are still in work, once, from six
/// months after the placement.
pub async fn report(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    retained: &str,
    now: DateTime<Utc>,
) -> Result<contribution::Model> {
    let (c, a, p, party) = parts(db, user, id).await?;
    if party != Party::Village {
        return Err(AppError::NotFound);
    }
    if let Some(why) = refusal(&c, crate::clock::to_shanghai(now).date_naive()) {
        return Err(AppError::Conflict(why));
    }
    let n = retained.trim().parse::<i32>().ok().filter(|n| (0..=c.persons).contains(n)).ok_or_else(|| {
        AppError::field("retained", format!("请填写 0 到 {} 之间的人数（当时安置 {} 人）", c.persons, c.persons))
    })?;
    let txn = crate::db::write(db).await?;
    let done = contribution::Entity::update_many()
        .col_expr(contribution::Column::RetainedPersons, Expr::value(n))
        .col_expr(contribution::Column::RetainedReportedAt, Expr::value(now))
        .filter(contribution::Column::Id.eq(id))
        .filter(contribution::Column::RetainedReportedAt.is_null())
        .exec(&txn)
        .await?;
    let after = contribution::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if done.rows_affected == 0 {
        return Err(AppError::Conflict(format!(
            "这批就业已回访：仍在岗 {} 人，不能再报",
            after.retained_persons.unwrap_or(0)
        )));
    }
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "contribution.retention",
            entity: "contribution",
            entity_id: id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "persons": c.persons, "retained": n })),
        },
    )
    .await?;
    let village = organisation::Entity::find_by_id(p.village_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let offices = pairings::offices_covering(&txn, &village.region_code).await?;
    let title = format!("{}报告满 6 个月回访：安置 {} 人，仍在岗 {n} 人，待核实", village.name, c.persons);
    pairings::notify(&txn, &offices, &title, &format!("/agreements/{}", a.id), now).await?;
    crate::db::commit(txn).await?;
    Ok(after)
}

/// The office verifies the village's follow-up of placement `id`, once.
pub async fn verify(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    now: DateTime<Utc>,
) -> Result<contribution::Model> {
    let (c, a, p, party) = parts(db, user, id).await?;
    if party != Party::Office {
        return Err(AppError::NotFound);
    }
    if c.retained_reported_at.is_none() {
        return Err(AppError::Conflict("村委会还没有报告满 6 个月回访，无可核实".into()));
    }
    let txn = crate::db::write(db).await?;
    let done = contribution::Entity::update_many()
        .col_expr(contribution::Column::RetainedVerifiedAt, Expr::value(now))
        .filter(contribution::Column::Id.eq(id))
        .filter(contribution::Column::RetainedReportedAt.is_not_null())
        .filter(contribution::Column::RetainedVerifiedAt.is_null())
        .exec(&txn)
        .await?;
    let after = contribution::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if done.rows_affected == 0 {
        return Err(AppError::Conflict(format!("回访已核实：仍在岗 {} 人", after.retained_persons.unwrap_or(0))));
    }
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "contribution.retention_verify",
            entity: "contribution",
            entity_id: id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "retained": after.retained_persons })),
        },
    )
    .await?;
    let title = format!("满 6 个月回访已核实：仍在岗 {} 人", after.retained_persons.unwrap_or(0));
    pairings::notify(&txn, &[p.village_id, p.enterprise_id], &title, &format!("/agreements/{}", a.id), now).await?;
    crate::db::commit(txn).await?;
    Ok(after)
}
