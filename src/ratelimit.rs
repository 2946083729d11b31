//! A per-key limit on attempts (logins and public objections per client address): a fixed
//! window per key, counted in the database so that every node behind a load balancer counts
//! the same attempts, and timed by the app's clock.

use chrono::{DateTime, Duration, Utc};
use entity::rate_limit;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter, Statement,
};

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

    /// Counts an attempt for `key` at `now`; `false` when the key is over its limit. One
    /// statement outside the write lock (counters are neither audited nor followed), and no
    /// write at all for a key already over its limit, so a flood cannot queue up the writers.
    pub async fn allow(&self, db: &DatabaseConnection, key: &str, now: DateTime<Utc>) -> Result<bool, DbErr> {
        let id: String = format!("{}:{key}", self.name).chars().take(200).collect();
        let row = rate_limit::Entity::find_by_id(id.clone()).one(db).await?;
        let (_, hits) = self.decide(row.as_ref(), now);
        if u32::try_from(hits).unwrap_or(u32::MAX) > self.max.saturating_add(1) {
            return Ok(false);
        }
        let window_start = now - self.window;
        let sql = match db.get_database_backend() {
            DbBackend::Postgres => {
                "INSERT INTO rate_limit (key, window_start, hits) VALUES ($1, $2, 1) ON CONFLICT (key) DO UPDATE SET \
                 hits = CASE WHEN rate_limit.window_start <= $3 OR rate_limit.window_start > $2 THEN 1 ELSE rate_limit.hits + 1 END, \
                 window_start = CASE WHEN rate_limit.window_start <= $3 OR rate_limit.window_start > $2 THEN $2 ELSE rate_limit.window_start END \
                 RETURNING hits"
            }
            _ => {
                "INSERT INTO rate_limit (key, window_start, hits) VALUES (?1, ?2, 1) ON CONFLICT (key) DO UPDATE SET \
                 hits = CASE WHEN rate_limit.window_start <= ?3 OR rate_limit.window_start > ?2 THEN 1 ELSE rate_limit.hits + 1 END, \
                 window_start = CASE WHEN rate_limit.window_start <= ?3 OR rate_limit.window_start > ?2 THEN ?2 ELSE rate_limit.window_start END \
                 RETURNING hits"
            }
        };
        let counted = db
            .query_one_raw(Statement::from_sql_and_values(
                db.get_database_backend(),
                sql,
                [id.into(), now.into(), window_start.into()],
            ))
            .await?
            .map(|r| r.try_get_by_index::<i32>(0))
            .transpose()?
            .unwrap_or(1);
        Ok(u32::try_from(counted).unwrap_or(u32::MAX) <= self.max)
    }
}

impl RateLimiter {
    /// [`RateLimiter::allow`] as a request answer: over the limit is a 429 that says how long
    /// to wait (until the key's window ends).
    pub async fn admit(&self, db: &DatabaseConnection, key: &str, now: DateTime<Utc>) -> crate::error::Result<()> {
        if self.allow(db, key, now).await? {
            return Ok(());
        }
        let id: String = format!("{}:{key}", self.name).chars().take(200).collect();
        let start = rate_limit::Entity::find_by_id(id).one(db).await?.map_or(now, |r| r.window_start);
        Err(crate::error::AppError::TooManyRequests((start + self.window - now).num_seconds().max(1)))
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
