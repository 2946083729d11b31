//! 群众满意度: the village rates the help it received under an agreement — once a year while
//! the agreement runs, and when it has ended — from 很不满意 (1) to 很满意 (5), with an optional
//! word. The ratings feed the assessment of the county, the enterprise and nothing else.

use chrono::{DateTime, Datelike, Utc};
use entity::{agreement, pairing, satisfaction};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::SessionUser;
use crate::domain::{AgreementStatus, Rating};
use crate::error::{AppError, Result};

/// Whether an agreement in `status` may be rated: in force, or ended.
pub fn rateable(status: Option<AgreementStatus>) -> bool {
    matches!(status, Some(AgreementStatus::Active | AgreementStatus::Completed | AgreementStatus::Terminated))
}

/// The rating of agreement `id` for `year`, if given.
pub async fn of<C: sea_orm::ConnectionTrait>(db: &C, id: i32, year: i32) -> Result<Option<satisfaction::Model>> {
    Ok(satisfaction::Entity::find()
        .filter(satisfaction::Column::AgreementId.eq(id))
        .filter(satisfaction::Column::Year.eq(year))
        .one(db)
        .await?)
}

/// The village of agreement `id` rates it for this year (in Shanghai), decided on the locked
/// agreement row: a second rating of the same year is refused (409) with the one given.
pub async fn rate(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    rating: &str,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<satisfaction::Model> {
    let Some(r) = Rating::parse(rating.trim()) else {
        return Err(AppError::field("rating", "请选择满意程度（很不满意到很满意）"));
    };
    let comment = comment.trim();
    if comment.chars().count() > 200 {
        return Err(AppError::field("comment", "意见不超过 200 字"));
    }
    let year = crate::clock::to_shanghai(now).year();
    let txn = crate::db::write(db).await?;
    let a = agreement::Entity::find_by_id(id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if user.role != Role::Village || user.organisation_id != Some(p.village_id) {
        return Err(AppError::Forbidden);
    }
    let status = AgreementStatus::parse(&a.status);
    if !rateable(status) {
        return Err(AppError::Conflict(format!(
            "协议当前为「{}」，备案执行后才能评价帮扶效果",
            status.map_or("未知", AgreementStatus::label)
        )));
    }
    if a.ends_on.year() < year {
        return Err(AppError::Conflict(format!(
            "协议已于 {} 到期：满意度按年度评价，只评价当年仍在执行的协议",
            a.ends_on.format("%Y年%-m月%-d日")
        )));
    }
    if let Some(given) = of(&txn, id, year).await? {
        return Err(AppError::Conflict(format!(
            "本村已评价过 {year} 年的帮扶：{}；每项协议每年评价一次，明年可再评价",
            Rating::parse(&given.rating.to_string()).map_or("未知", Rating::label)
        )));
    }
    let value: i16 = r.code().parse().unwrap_or(3);
    let saved = satisfaction::ActiveModel {
        agreement_id: Set(id),
        year: Set(year),
        rating: Set(value),
        comment: Set(Some(comment.to_owned()).filter(|c| !c.is_empty())),
        rated_by: Set(user.id),
        rated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "agreement.rate",
            entity: "agreement",
            entity_id: id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "year": year, "rating": r.label(), "comment": comment })),
        },
    )
    .await?;
    let title = format!("村委会评价了协议「{}」{year} 年的帮扶：{}", a.title, r.label());
    crate::pairings::notify(&txn, &[p.enterprise_id], &title, &format!("/agreements/{id}"), now).await?;
    crate::db::commit(txn).await?;
    Ok(saved)
}
