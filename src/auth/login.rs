//! Logging in: argon2id verification, lockout after 5 consecutive failures, and one answer for
//! unknown user, wrong password and locked account. Every outcome is an audit event.

use std::sync::OnceLock;

use chrono::{DateTime, Duration, Utc};
use entity::user;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set};

use super::{Role, session, verify_password_async};
use crate::audit::{self, Actor, Event};
use crate::error::Result;

/// Consecutive failures that lock an account.
pub const MAX_FAILURES: i32 = 5;
/// How long a locked account stays locked.
pub const LOCK_MINUTES: i64 = 15;

/// What a login attempt came to (the user sees only success or one failure message).
#[derive(Debug)]
pub enum Outcome {
    /// Logged in: the new session's cookie secret.
    Success { user: Box<user::Model>, secret: String },
    /// Refused, for any reason.
    Refused,
}

/// A valid hash of a random password, checked against when the login is unknown so that an
/// unknown user costs as much time as a known one.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| super::hash_password(&super::random_hex(16)).unwrap_or_default())
}

/// Tries `login` / `password` at `now`.
pub async fn attempt(db: &DatabaseConnection, login: &str, password: &str, now: DateTime<Utc>) -> Result<Outcome> {
    let login = login.trim().to_ascii_lowercase();
    let found = user::Entity::find().filter(user::Column::Login.eq(login.clone())).one(db).await?;
    let Some(u) = found else {
        verify_password_async(password.to_owned(), decoy_hash().to_owned()).await;
        let txn = crate::db::write(db).await?;
        audit_login(&txn, now, None, &login, "login.failure", "unknown login").await?;
        txn.commit().await?;
        return Ok(Outcome::Refused);
    };
    let password_ok = verify_password_async(password.to_owned(), u.password_hash.clone()).await;
    let txn = crate::db::write(db).await?;
    // Counted on the row as it is now: parallel guesses each count, none is lost.
    let checked_hash = u.password_hash.clone();
    let u = user::Entity::find_by_id(u.id).lock_exclusive().one(&txn).await?.unwrap_or(u);
    // A password changed while this one was being checked does not let the old one in.
    let password_ok = password_ok && u.password_hash == checked_hash;
    let locked = u.locked_until.is_some_and(|t| t > now);
    let outcome = if locked {
        audit_login(&txn, now, Some(u.id), &login, "login.refused", "account locked").await?;
        Outcome::Refused
    } else if u.disabled {
        audit_login(&txn, now, Some(u.id), &login, "login.refused", "account disabled").await?;
        Outcome::Refused
    } else if !password_ok {
        let failures = u.failed_logins + 1;
        let mut am: user::ActiveModel = u.clone().into();
        if failures >= MAX_FAILURES {
            am.failed_logins = Set(0);
            am.locked_until = Set(Some(now + Duration::minutes(LOCK_MINUTES)));
            am.update(&txn).await?;
            audit_login(&txn, now, Some(u.id), &login, "login.lockout", "5 consecutive failures").await?;
        } else {
            am.failed_logins = Set(failures);
            am.update(&txn).await?;
            audit_login(&txn, now, Some(u.id), &login, "login.failure", "wrong password").await?;
        }
        Outcome::Refused
    } else {
        let role = Role::parse(&u.role).unwrap_or(Role::Enterprise);
        let mut am: user::ActiveModel = u.clone().into();
        am.failed_logins = Set(0);
        am.locked_until = Set(None);
        am.last_login_at = Set(Some(now));
        let updated = am.update(&txn).await?;
        let secret = session::create(&txn, u.id, role, now).await?;
        audit_login(&txn, now, Some(u.id), &login, "login.success", "").await?;
        Outcome::Success { user: Box::new(updated), secret }
    };
    txn.commit().await?;
    Ok(outcome)
}

async fn audit_login<C: sea_orm::ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    user_id: Option<i32>,
    login: &str,
    action: &str,
    reason: &str,
) -> Result<(), sea_orm::DbErr> {
    // What an unknown caller typed is stored only in part (the audit columns are short, and a
    // flood of huge names must not grow the table).
    let login: String = login.chars().filter(|c| !c.is_control()).take(64).collect();
    let login = login.as_str();
    let actor = match user_id {
        Some(id) => Actor::user(id, login),
        None => Actor { user_id: None, label: format!("anonymous:{login}") },
    };
    audit::record(
        db,
        now,
        &actor,
        Event {
            action,
            entity: "user",
            entity_id: user_id.map_or_else(|| login.to_owned(), |id| id.to_string()),
            before: None,
            after: (!reason.is_empty()).then(|| serde_json::json!({ "reason": reason })),
        },
    )
    .await?;
    Ok(())
}
