//! The `change` outbox: written in the same transaction as a change to an indexed row, tailed
//! by every node to keep its derived state (the search index) in step.

use chrono::{DateTime, Utc};
use entity::change;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

/// Records that `entity` `id` was inserted, updated or deleted (`op`). Call it inside a write
/// transaction ([`crate::db::write`]): its sequence is then numbered under the write lock, so
/// rows become visible in sequence order and a follower that reads `seq > last applied`
/// never passes over a row that commits later.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
    entity: &str,
    id: i32,
    op: &str,
) -> Result<(), DbErr> {
    crate::db::serialise(db).await?;
    change::ActiveModel {
        entity: Set(entity.to_owned()),
        entity_id: Set(id),
        op: Set(op.to_owned()),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Records that each of `ids` of `entity` changed (`op`), in one statement per thousand (bulk
/// loads); inside a write transaction like [`record`].
pub async fn record_many<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
    entity: &str,
    ids: &[i32],
    op: &str,
) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    crate::db::serialise(db).await?;
    for chunk in ids.chunks(1000) {
        change::Entity::insert_many(chunk.iter().map(|id| change::ActiveModel {
            entity: Set(entity.to_owned()),
            entity_id: Set(*id),
            op: Set(op.to_owned()),
            created_at: Set(at),
            ..Default::default()
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}
