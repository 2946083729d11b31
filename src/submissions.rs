//! Forms that create something carry a one-time key (a hidden field made when the form is
//! shown, kept when it comes back with an error). The key is claimed in the transaction that
//! creates the thing, so a form sent twice — a double click, a reload after posting, a retry
//! on a slow link — creates it once and the second sending is told what the first created.
//! An outside probe sent one offer form twenty times at once and got twenty offers.

use chrono::{DateTime, Duration, Utc};
use entity::submission;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use crate::error::{AppError, Result};

/// How long a key is remembered.
const KEPT_DAYS: i64 = 7;

/// A fresh key for a form.
pub fn new_key() -> String {
    crate::auth::random_hex(16)
}

/// Whether `key` is one this server could have made (anything else is ignored: a form sent by
/// hand without one is saved as before).
fn well_formed(key: &str) -> bool {
    (16..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Claims `key` for `created` (what the form created, in words) in the caller's write
/// transaction, or refuses with 409 naming what the first sending created.
pub async fn claim<C: ConnectionTrait>(txn: &C, key: &str, created: &str, now: DateTime<Utc>) -> Result<()> {
    let key = key.trim();
    if !well_formed(key) {
        return Ok(());
    }
    if let Some(first) = submission::Entity::find_by_id(key.to_owned()).one(txn).await? {
        return Err(AppError::Conflict(format!(
            "这份表单已经提交过了（{}已创建{}），这次没有再保存一份。请到工作台查看。",
            crate::clock::to_shanghai(first.created_at).format("%H:%M:%S"),
            first.created
        )));
    }
    submission::Entity::insert(submission::ActiveModel {
        key: Set(key.to_owned()),
        created: Set(created.chars().take(200).collect()),
        created_at: Set(now),
    })
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// Forgets keys older than a week.
pub async fn purge<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> std::result::Result<u64, DbErr> {
    Ok(submission::Entity::delete_many()
        .filter(submission::Column::CreatedAt.lt(now - Duration::days(KEPT_DAYS)))
        .exec(db)
        .await?
        .rows_affected)
}
