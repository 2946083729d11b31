//! Login throttling without a lock anyone can trigger: failures are counted per account *and
//! address*, and each key earns a growing delay rather than a lockout — a stranger guessing an
//! account from elsewhere slows only himself. Two wider keys catch what one pair cannot: an
//! account guessed from many addresses (a short fixed delay) and one address trying many
//! accounts (a township office behind one address is never slowed by its own good logins,
//! since only failures count). Counted in the database, so every node sees the same.

use chrono::{DateTime, Duration, Utc};
use entity::rate_limit;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

/// One kind of key and the delay it earns.
#[derive(Clone, Copy, Debug)]
struct Rule {
    prefix: &'static str,
    /// Failures allowed before any delay.
    free: i32,
    /// The first delay, in seconds; it doubles with each further failure.
    first: i64,
    /// The longest delay, in seconds.
    cap: i64,
}

/// Per account and address: 5 free failures, then 30 s doubling up to 15 minutes.
const PAIR: Rule = Rule { prefix: "loginfail", free: 5, first: 30, cap: 900 };
/// Per account from anywhere: 20 free failures, then one try a minute.
const ACCOUNT: Rule = Rule { prefix: "loginacct", free: 20, first: 60, cap: 60 };
/// Per address across accounts: 50 free failures, then 30 s doubling up to 15 minutes.
const ADDRESS: Rule = Rule { prefix: "loginaddr", free: 50, first: 30, cap: 900 };

/// A run of failures older than this is forgotten.
const FORGET_AFTER_HOURS: i64 = 24;

impl Rule {
    fn key(&self, part: &str) -> String {
        format!("{}:{part}", self.prefix).chars().take(200).collect()
    }

    /// The delay after `failures` failures in a row.
    fn delay(&self, failures: i32) -> Duration {
        if failures < self.free {
            return Duration::zero();
        }
        let doublings = u32::try_from(failures - self.free).unwrap_or(0).min(20);
        Duration::seconds(self.first.saturating_mul(1 << doublings).min(self.cap))
    }
}

/// The keys an attempt of `login` from `address` counts under.
fn keys(login: &str, address: &str) -> [(Rule, String); 3] {
    [(PAIR, PAIR.key(&format!("{login}|{address}"))), (ACCOUNT, ACCOUNT.key(login)), (ADDRESS, ADDRESS.key(address))]
}

/// Seconds to wait before `login` may be tried from `address` at `now`; 0 when it may now.
pub async fn wait<C: ConnectionTrait>(db: &C, login: &str, address: &str, now: DateTime<Utc>) -> Result<i64, DbErr> {
    let mut wait = 0;
    for (rule, key) in keys(login, address) {
        if let Some(row) = rate_limit::Entity::find_by_id(key).one(db).await?
            && now - row.window_start < Duration::hours(FORGET_AFTER_HOURS)
            // No delay earned, no wait: an attempt at the same moment may have written a time a
            // little after this one's `now`.
            && rule.delay(row.hits) > Duration::zero()
        {
            let until = row.window_start + rule.delay(row.hits);
            // Whole seconds, rounded up: "wait 30 s" must be enough.
            wait = wait.max(((until - now).num_milliseconds() + 999).div_euclid(1000));
        }
    }
    Ok(wait)
}

/// Counts a failed attempt under every key (the row keeps the time of the last failure and
/// the run's length). Returns whether this failure started a delay for the account itself (so
/// the audit trail notes it once, not at every attempt).
pub async fn failed<C: ConnectionTrait>(db: &C, login: &str, address: &str, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let mut started = false;
    for (rule, key) in keys(login, address) {
        let row = rate_limit::Entity::find_by_id(key.clone()).one(db).await?;
        let hits = match row {
            Some(r) if now - r.window_start < Duration::hours(FORGET_AFTER_HOURS) => r.hits + 1,
            _ => 1,
        };
        if hits == rule.free && rule.prefix != ADDRESS.prefix {
            started = true;
        }
        rate_limit::Entity::insert(rate_limit::ActiveModel { key: Set(key), window_start: Set(now), hits: Set(hits) })
            .on_conflict(
                OnConflict::column(rate_limit::Column::Key)
                    .update_columns([rate_limit::Column::WindowStart, rate_limit::Column::Hits])
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(started)
}

/// Checks whether `login` may be tried from `address` now and, if so, counts the attempt as a
/// failure before its password is checked (undone by [`succeeded`] when it is right), all in
/// the caller's write transaction. Counted only afterwards, attempts sent all at once were all
/// checked before the first failure was counted: an outside probe sent 100 guesses at once and
/// every one was checked, the right password among 40 included. Returns the seconds to wait
/// (nothing counted) or 0 and whether this attempt, if it fails, starts a delay.
pub async fn reserve<C: ConnectionTrait>(
    db: &C,
    login: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(i64, bool), DbErr> {
    let wait = wait(db, login, address, now).await?;
    if wait > 0 {
        return Ok((wait, false));
    }
    Ok((0, failed(db, login, address, now).await?))
}

/// A correct password from `address` ends the run of that pair (the account's and address's
/// wider counts stay until they age out, so a guesser cannot reset them with his own account).
pub async fn succeeded<C: ConnectionTrait>(db: &C, login: &str, address: &str) -> Result<(), DbErr> {
    rate_limit::Entity::delete_by_id(PAIR.key(&format!("{login}|{address}"))).exec(db).await?;
    // The attempt was counted as a failure when reserved (see [`reserve`]): not under the wider
    // keys either.
    for key in [ACCOUNT.key(login), ADDRESS.key(address)] {
        rate_limit::Entity::update_many()
            .col_expr(
                rate_limit::Column::Hits,
                sea_orm::sea_query::ExprTrait::sub(sea_orm::sea_query::Expr::col(rate_limit::Column::Hits), 1),
            )
            .filter(rate_limit::Column::Key.eq(key))
            .filter(rate_limit::Column::Hits.gt(0))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Clears every delay on `login` (the security administrator's 解除限制).
pub async fn clear<C: ConnectionTrait>(db: &C, login: &str) -> Result<u64, DbErr> {
    let pairs = PAIR.key(&format!("{login}|"));
    Ok(rate_limit::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(rate_limit::Column::Key.starts_with(pairs))
                .add(rate_limit::Column::Key.eq(ACCOUNT.key(login))),
        )
        .exec(db)
        .await?
        .rows_affected)
}

/// Logins among `logins` that are slowed down now (from any address), for the security page.
pub async fn throttled<C: ConnectionTrait>(
    db: &C,
    logins: &[String],
    now: DateTime<Utc>,
) -> Result<std::collections::HashSet<String>, DbErr> {
    let keys: Vec<String> = logins.iter().map(|l| ACCOUNT.key(l)).collect();
    let mut out = std::collections::HashSet::new();
    for row in rate_limit::Entity::find().filter(rate_limit::Column::Key.is_in(keys)).all(db).await? {
        if row.window_start + ACCOUNT.delay(row.hits) > now {
            out.insert(row.key.trim_start_matches("loginacct:").to_owned());
        }
    }
    let pair_prefix = format!("{}:", PAIR.prefix);
    for login in logins {
        let rows = rate_limit::Entity::find()
            .filter(rate_limit::Column::Key.starts_with(format!("{pair_prefix}{login}|")))
            .all(db)
            .await?;
        if rows.iter().any(|r| r.window_start + PAIR.delay(r.hits) > now) {
            out.insert(login.clone());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_from_the_free_failures_up_to_their_cap() {
        assert_eq!(PAIR.delay(4), Duration::zero());
        assert_eq!(PAIR.delay(5), Duration::seconds(30));
        assert_eq!(PAIR.delay(6), Duration::seconds(60));
        assert_eq!(PAIR.delay(9), Duration::seconds(480));
        assert_eq!(PAIR.delay(10), Duration::seconds(900));
        assert_eq!(PAIR.delay(1000), Duration::seconds(900));
        assert_eq!(ACCOUNT.delay(19), Duration::zero());
        assert_eq!(ACCOUNT.delay(40), Duration::seconds(60));
    }
}
