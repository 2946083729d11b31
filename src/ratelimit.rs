//! A per-key limit on attempts (logins and public objections per client address): a fixed
//! window per key, counted in the database so that every node behind a load balancer counts
//! the same attempts, and timed by the app's clock.

use chrono::{DateTime, Duration, Utc};
use entity::rate_limit;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect, Set};

/// At most `max` attempts per `window` for each key of one kind (`name`).
#[derive(Clone, Debug)]
pub struct RateLimiter {
    name: &'static str,
    max: u32,
    window: Duration,
}

impl RateLimiter {
    pub fn new(name: &'static str, max: u32, window: Duration) -> Self {
        Self { name, max, window }
    }

    /// The next window's decision for an attempt of `key` at `now` with `hits` already counted.
    fn decide(&self, row: Option<&rate_limit::Model>, now: DateTime<Utc>) -> (DateTime<Utc>, i32) {
        match row {
            Some(r) if now - r.window_start < self.window && now >= r.window_start => (r.window_start, r.hits + 1),
            _ => (now, 1),
        }
    }

    /// Counts an attempt for `key` at `now`; `false` when the key is over its limit.
    pub async fn allow(&self, db: &DatabaseConnection, key: &str, now: DateTime<Utc>) -> Result<bool, DbErr> {
        let id: String = format!("{}:{key}", self.name).chars().take(200).collect();
        let txn = crate::db::write(db).await?;
        let row = rate_limit::Entity::find_by_id(id.clone()).lock_exclusive().one(&txn).await?;
        let (start, hits) = self.decide(row.as_ref(), now);
        let am = rate_limit::ActiveModel { key: Set(id), window_start: Set(start), hits: Set(hits) };
        if row.is_some() {
            am.update(&txn).await?;
        } else {
            am.insert(&txn).await?;
        }
        txn.commit().await?;
        Ok(u32::try_from(hits).unwrap_or(u32::MAX) <= self.max)
    }
}

/// Forgets windows that ended long ago (kept small by the same loop that purges sessions).
pub async fn purge(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(rate_limit::Entity::delete_many()
        .filter(rate_limit::Column::WindowStart.lt(now - Duration::days(1)))
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_counts_up_and_starts_again_after_it_ends() {
        let rl = RateLimiter::new("t", 3, Duration::minutes(10));
        let t = Utc::now();
        assert_eq!(rl.decide(None, t), (t, 1));
        let row = rate_limit::Model { key: "t:a".into(), window_start: t, hits: 3 };
        assert_eq!(rl.decide(Some(&row), t + Duration::minutes(5)), (t, 4));
        let later = t + Duration::minutes(11);
        assert_eq!(rl.decide(Some(&row), later), (later, 1));
    }
}
