//! Server-side sessions in the database (any node can serve any user): the cookie holds a
//! random secret, the table its SHA-256. Idle and absolute limits are checked against the
//! app's clock so tests can move time.

use chrono::{DateTime, Duration, Utc};
use entity::session;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use super::{ABSOLUTE_SESSION_HOURS, Role, random_hex, sha256_hex};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "qicun_session";
/// The cookie carrying the CSRF secret of visitors who are not logged in.
pub const ANON_CSRF_COOKIE: &str = "qicun_csrf";

/// When a session touched at `last_seen` ends.
pub fn expiry(role: Role, created: DateTime<Utc>, last_seen: DateTime<Utc>) -> DateTime<Utc> {
    (last_seen + Duration::minutes(role.idle_minutes())).min(created + Duration::hours(ABSOLUTE_SESSION_HOURS))
}

/// Starts a session for `user_id`, waiting for the second factor when `pending`; returns the
/// cookie secret (never stored).
pub async fn create<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    role: Role,
    now: DateTime<Utc>,
    pending: bool,
) -> Result<String, DbErr> {
    let secret = random_hex(32);
    session::ActiveModel {
        id: Set(sha256_hex(&secret)),
        user_id: Set(user_id),
        csrf: Set(random_hex(32)),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expiry(role, now, now)),
        second_factor_pending: Set(pending),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// The live session for a cookie secret, or `None` (an expired one is deleted).
pub async fn find<C: ConnectionTrait>(
    db: &C,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Option<session::Model>, DbErr> {
    let Some(s) = session::Entity::find_by_id(sha256_hex(secret)).one(db).await? else {
        return Ok(None);
    };
    if s.expires_at <= now {
        session::Entity::delete_by_id(s.id).exec(db).await?;
        return Ok(None);
    }
    Ok(Some(s))
}

/// Records activity, pushing the idle limit out (written at most once a minute per session).
pub async fn touch<C: ConnectionTrait>(
    db: &C,
    s: &session::Model,
    role: Role,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if now - s.last_seen_at < Duration::minutes(1) {
        return Ok(());
    }
    session::ActiveModel {
        id: Set(s.id.clone()),
        last_seen_at: Set(now),
        expires_at: Set(expiry(role, s.created_at, now)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// The second factor was proven: the session is a full one now. Only a waiting session
/// changes (two proofs at once: one wins, the other finds nothing to do).
pub async fn second_factor_done<C: ConnectionTrait>(db: &C, secret: &str) -> Result<bool, DbErr> {
    let done = session::Entity::update_many()
        .col_expr(session::Column::SecondFactorPending, sea_orm::sea_query::Expr::value(false))
        .filter(session::Column::Id.eq(sha256_hex(secret)))
        .filter(session::Column::SecondFactorPending.eq(true))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Ends one session.
pub async fn delete<C: ConnectionTrait>(db: &C, secret: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(sha256_hex(secret)).exec(db).await?;
    Ok(())
}

/// Ends every session of a user (password change, disabled account).
pub async fn delete_all_of<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<(), DbErr> {
    session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(db).await?;
    Ok(())
}

/// Removes sessions past their expiry (run now and then).
pub async fn purge_expired<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many().filter(session::Column::ExpiresAt.lte(now)).exec(db).await?.rows_affected)
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').map(str::trim).find_map(|pair| pair.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')))
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, path `/`, Secure when configured.
pub fn set_cookie(name: &str, value: &str, secure: bool) -> String {
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax{}", if secure { "; Secure" } else { "" })
}

/// A `Set-Cookie` value that removes the cookie.
pub fn clear_cookie(name: &str, secure: bool) -> String {
    format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}", if secure { "; Secure" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_read_by_exact_name() {
        let h = "a=1; qicun_session=abc; qicun_session_x=zzz";
        assert_eq!(cookie_value(h, "qicun_session"), Some("abc"));
        assert_eq!(cookie_value(h, "qicun"), None);
    }

    #[test]
    fn expiry_is_the_earlier_of_idle_and_absolute() {
        let t0 = Utc::now();
        assert_eq!(expiry(Role::Office, t0, t0), t0 + Duration::minutes(15));
        assert_eq!(expiry(Role::Village, t0, t0), t0 + Duration::minutes(30));
        let late = t0 + Duration::hours(11) + Duration::minutes(50);
        assert_eq!(expiry(Role::Village, t0, late), t0 + Duration::hours(12));
    }
}
