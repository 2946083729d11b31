//! Publicity (宣传, issue 15): the success stories offices publish (a photo re-encoded from its
//! pixels, so no GPS position or other metadata is published) and the roll of pairings
//! (百企联百村 光荣榜) — each approved pairing with what its verified records add up to, by the
//! ledger's definitions (records taken off by an upheld objection excluded).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use entity::{contribution, organisation, pairing, story};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use sha2::Digest;

use crate::accounts::FieldErrors;
use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::SessionUser;
use crate::domain::ContributionKind;
use crate::error::{AppError, Result};
use crate::money::Money;

/// What an office typed for a story.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct StoryForm {
    pub title: String,
    pub body: String,
}

/// Publishes a story (with an optional photo), in one transaction with its audit event.
pub async fn publish(
    db: &DatabaseConnection,
    user: &SessionUser,
    form: &StoryForm,
    photo: Option<Vec<u8>>,
    now: DateTime<Utc>,
) -> Result<story::Model> {
    if user.role != Role::Office {
        return Err(AppError::Forbidden);
    }
    let office = user.organisation_id.ok_or(AppError::Forbidden)?;
    let mut errors = FieldErrors::new();
    let title = form.title.trim();
    if !(4..=60).contains(&title.chars().count()) {
        errors.push(("title".into(), "请填写标题（4–60 字）".into()));
    }
    let body = form.body.trim();
    if !(20..=3000).contains(&body.chars().count()) {
        errors.push(("body".into(), "请填写正文（20–3000 字）".into()));
    }
    let mut public = None;
    if let Some(bytes) = photo {
        if bytes.len() > crate::evidence::MAX_EVIDENCE_BYTES {
            errors.push(("photo".into(), "照片不超过 8 MB".into()));
        } else {
            match crate::evidence::sniff(&bytes) {
                Some(media @ ("image/jpeg" | "image/png")) => {
                    let media = media.to_owned();
                    let kind = media.clone();
                    match tokio::task::spawn_blocking(move || crate::evidence::public_copy(&bytes, &media)).await {
                        Ok(Ok(crate::evidence::PublicCopy::Image(copy))) => public = Some((copy, kind)),
                        Ok(Ok(crate::evidence::PublicCopy::Private)) => {
                            errors.push(("photo".into(), "只能上传 JPEG 或 PNG 照片".into()))
                        }
                        Ok(Err(why)) => errors.push(("photo".into(), why)),
                        Err(_) => errors.push(("photo".into(), "照片无法处理，请换一张".into())),
                    }
                }
                _ => errors.push(("photo".into(), "只能上传 JPEG 或 PNG 照片".into())),
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = crate::db::write(db).await?;
    let (photo_key, photo_type) = match &public {
        Some((bytes, media)) => {
            let key = format!("story-{}", hex::encode(sha2::Sha256::digest(bytes)));
            crate::evidence::put(&txn, &key, bytes, now).await?;
            (Some(key), Some(media.clone()))
        }
        None => (None, None),
    };
    let saved = story::ActiveModel {
        office_id: Set(office),
        title: Set(title.to_owned()),
        body: Set(body.to_owned()),
        photo_key: Set(photo_key),
        photo_type: Set(photo_type),
        created_by: Set(user.id),
        published_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "story.publish",
            entity: "story",
            entity_id: saved.id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "title": title, "photo": saved.photo_key.is_some() })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(saved)
}

/// Whether office `user` may withdraw story `s`: the office that published it, or one above it.
pub async fn may_withdraw<C: ConnectionTrait>(db: &C, user: &SessionUser, s: &story::Model) -> Result<bool> {
    if user.role != Role::Office {
        return Ok(false);
    }
    if user.organisation_id == Some(s.office_id) {
        return Ok(true);
    }
    let office = organisation::Entity::find_by_id(s.office_id).one(db).await?;
    Ok(office.and_then(|o| o.jurisdiction_code).is_some_and(|j| user.covers(&j)))
}

/// Withdraws story `id` from the portal with a reason: a conditional update, so the second of
/// two offices at once is told it is already withdrawn (409).
pub async fn withdraw(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<story::Model> {
    let reason = reason.trim();
    let txn = crate::db::write(db).await?;
    let s = story::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if !may_withdraw(&txn, user, &s).await? {
        return Err(AppError::Forbidden);
    }
    let refused = |s: &story::Model| {
        AppError::Conflict(format!(
            "这篇已于 {} 撤下（{}）",
            s.withdrawn_at
                .map(|t| crate::clock::to_shanghai(t).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default(),
            s.withdraw_reason.as_deref().unwrap_or_default()
        ))
    };
    if s.withdrawn_at.is_some() {
        return Err(refused(&s));
    }
    if !(2..=200).contains(&reason.chars().count()) {
        return Err(AppError::field("withdraw_reason", "请写明撤下的原因（2–200 字）"));
    }
    let done = story::Entity::update_many()
        .col_expr(story::Column::WithdrawnAt, Expr::val(now))
        .col_expr(story::Column::WithdrawReason, Expr::val(reason))
        .filter(story::Column::Id.eq(id))
        .filter(story::Column::WithdrawnAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        let now_s = story::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
        return Err(refused(&now_s));
    }
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "story.withdraw",
            entity: "story",
            entity_id: id.to_string(),
            before: Some(serde_json::json!({ "title": s.title })),
            after: Some(serde_json::json!({ "reason": reason })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    story::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

/// One line of the roll of pairings.
#[derive(Clone, Debug, Serialize)]
pub struct RollRow {
    pub enterprise_id: i32,
    pub enterprise: String,
    pub village_id: i32,
    pub village: String,
    /// What was done, in words (资金 ¥…、采购农产品 ¥…、安置就业 12 人).
    pub done: String,
    pub total_fen: i64,
    /// An objection to the pairing or one of its records is still being looked into.
    pub disputed: bool,
}

/// The approved pairings with verified help, the most given first (`limit` of them).
pub async fn honour_roll<C: ConnectionTrait>(db: &C, limit: usize) -> Result<Vec<RollRow>> {
    let from = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(2100, 12, 31).unwrap_or(NaiveDate::MAX);
    let stmt = Query::select()
        .column((pairing::Entity, pairing::Column::EnterpriseId))
        .column((pairing::Entity, pairing::Column::VillageId))
        .column((contribution::Entity, contribution::Column::Kind))
        .expr_as(Expr::cust("CAST(COALESCE(SUM(\"contribution\".\"amount_fen\"), 0) AS BIGINT)"), Alias::new("fen"))
        .expr_as(Expr::cust("CAST(COALESCE(SUM(\"contribution\".\"persons\"), 0) AS BIGINT)"), Alias::new("persons"))
        .from(contribution::Entity)
        .apply(|q| crate::cockpit::joined_to_pairing(q, "", from, to))
        .and_where(
            Expr::col((pairing::Entity, pairing::Column::Status)).eq(crate::domain::PairingStatus::Approved.code()),
        )
        .and_where(Expr::cust(format!("\"pairing\".\"id\" NOT IN ({})", crate::notices::suspended_sql("pairing"))))
        // A terminated agreement is not held up as an example.
        .and_where(
            Expr::col((entity::agreement::Entity, entity::agreement::Column::Status))
                .ne(crate::domain::AgreementStatus::Terminated.code()),
        )
        .group_by_col((pairing::Entity, pairing::Column::EnterpriseId))
        .group_by_col((pairing::Entity, pairing::Column::VillageId))
        .group_by_col((contribution::Entity, contribution::Column::Kind))
        .to_owned();
    // (enterprise, village) → each kind's money and people.
    type Sums = Vec<(ContributionKind, i64, i64)>;
    let mut by_pair: BTreeMap<(i32, i32), Sums> = BTreeMap::new();
    for row in db.query_all_raw(db.get_database_backend().build(&stmt)).await? {
        let e: i32 = row.try_get_by_index(0)?;
        let v: i32 = row.try_get_by_index(1)?;
        let kind: String = row.try_get_by_index(2)?;
        let fen: i64 = row.try_get("", "fen")?;
        let persons: i64 = row.try_get("", "persons")?;
        if let Some(k) = ContributionKind::parse(&kind) {
            by_pair.entry((e, v)).or_default().push((k, fen, persons));
        }
    }
    // Pairs with an objection still open (to the pairing or a record under it): marked.
    let disputed: std::collections::BTreeSet<(i32, i32)> = {
        let open = pairing::Entity::find()
            .filter(Expr::cust(format!(
                "\"pairing\".\"id\" IN ({}) OR \"pairing\".\"id\" IN (SELECT \"agreement\".\"pairing_id\" FROM \"agreement\" JOIN \"contribution\" ON \"contribution\".\"agreement_id\" = \"agreement\".\"id\" WHERE \"contribution\".\"id\" IN ({}))",
                crate::notices::disputed_sql("pairing"),
                crate::notices::disputed_sql("contribution")
            )))
            .all(db)
            .await?;
        open.into_iter().map(|p| (p.enterprise_id, p.village_id)).collect()
    };
    let ids: Vec<i32> = by_pair.keys().flat_map(|(e, v)| [*e, *v]).collect();
    let names: BTreeMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .filter(organisation::Column::Status.eq(crate::domain::OrgStatus::Verified.code()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut rows: Vec<RollRow> = by_pair
        .into_iter()
        .filter_map(|((e, v), mut kinds)| {
            let (ent, vil) = (names.get(&e)?, names.get(&v)?);
            kinds.sort_by_key(|(k, _, _)| *k as u8);
            let done: Vec<String> = kinds
                .iter()
                .map(|(k, fen, persons)| match k {
                    ContributionKind::Jobs | ContributionKind::Trainees if *fen == 0 => {
                        format!("{} {persons} 人", k.label())
                    }
                    _ => format!("{} {}", k.label(), Money(*fen).display()),
                })
                .collect();
            Some(RollRow {
                disputed: disputed.contains(&(e, v)),
                enterprise_id: e,
                enterprise: ent.name.clone(),
                village_id: v,
                village: vil.name.clone(),
                done: done.join("、"),
                total_fen: kinds.iter().map(|(_, f, _)| f).sum(),
            })
        })
        .collect();
    rows.sort_by(|a, b| b.total_fen.cmp(&a.total_fen).then(a.enterprise_id.cmp(&b.enterprise_id)));
    rows.truncate(limit);
    Ok(rows)
}
