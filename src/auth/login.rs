//! Logging in: argon2id verification, growing delays after failures (see `throttle`), and one
//! answer for unknown user and wrong password. Every outcome is an audit event; a refusal for
//! too many attempts is noted once, when the delay starts.

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use entity::user;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set};

use super::{Role, session, verify_password_async};
use crate::audit::{self, Actor, Event};
use crate::error::Result;

/// What a login attempt came to (the user sees only success or one failure message).
#[derive(Debug)]
pub enum Outcome {
    /// Logged in: the new session's cookie secret.
    Success { user: Box<user::Model>, secret: String },
    /// Refused: unknown login, wrong password, or a disabled account with a wrong password.
    Refused,
    /// The right password of a disabled account: the holder is told to ask for it back (only
    /// someone who knows the password learns that the account exists and is disabled).
    Disabled,
    /// Too many failures: try again after this many seconds (nothing was checked).
    Throttled(i64),
}

/// A valid hash of a random password, checked against when the login is unknown so that an
/// unknown user costs as much time as a known one.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| super::hash_password(&super::random_hex(16)).unwrap_or_default())
}

/// Tries `login` / `password` from `address` at `now`.
pub async fn attempt(
    db: &DatabaseConnection,
    login: &str,
    password: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Outcome> {
    let login: String = login.trim().to_ascii_lowercase().chars().filter(|c| !c.is_control()).take(64).collect();
    let found = user::Entity::find().filter(user::Column::Login.eq(login.clone())).one(db).await?;
    // The attempt is counted before the password is checked, one attempt of an account at a
    // time (its row locked), so that guesses sent all at once meet the delay like guesses sent
    // one after another.
    let txn = crate::db::write(db).await?;
    if let Some(u) = &found {
        user::Entity::find_by_id(u.id).lock_exclusive().one(&txn).await?;
    }
    let (wait, starts_delay) = super::throttle::reserve(&txn, &login, address, now).await?;
    crate::db::commit(txn).await?;
    if wait > 0 {
        return Ok(Outcome::Throttled(wait));
    }
    let Some(u) = found else {
        verify_password_async(password.to_owned(), decoy_hash().to_owned()).await;
        let txn = crate::db::write(db).await?;
        refuse(&txn, now, None, &login, starts_delay, "unknown login").await?;
        crate::db::commit(txn).await?;
        return Ok(Outcome::Refused);
    };
    let password_ok = verify_password_async(password.to_owned(), u.password_hash.clone()).await;
    let txn = crate::db::write(db).await?;
    let checked_hash = u.password_hash.clone();
    let u = user::Entity::find_by_id(u.id).lock_exclusive().one(&txn).await?.unwrap_or(u);
    // A password changed while this one was being checked does not let the old one in.
    let password_ok = password_ok && u.password_hash == checked_hash;
    let outcome = if u.disabled {
        audit_login(&txn, now, Some(u.id), &login, "login.refused", "account disabled").await?;
        if password_ok { Outcome::Disabled } else { Outcome::Refused }
    } else if !password_ok {
        refuse(&txn, now, Some(u.id), &login, starts_delay, "wrong password").await?;
        Outcome::Refused
    } else {
        let role = Role::parse(&u.role).unwrap_or(Role::Enterprise);
        let mut am: user::ActiveModel = u.clone().into();
        am.failed_logins = Set(0);
        am.locked_until = Set(None);
        am.last_login_at = Set(Some(now));
        let updated = am.update(&txn).await?;
        super::throttle::succeeded(&txn, &login, address).await?;
        let secret = session::create(&txn, u.id, role, now, u.totp_enabled_at.is_some()).await?;
        audit_login(&txn, now, Some(u.id), &login, "login.success", "").await?;
        Outcome::Success { user: Box::new(updated), secret }
    };
    crate::db::commit(txn).await?;
    Ok(outcome)
}

/// Audits a failure (counted when the attempt was reserved); the start of a delay is audited
/// once more.
async fn refuse<C: sea_orm::ConnectionTrait>(
    txn: &C,
    now: DateTime<Utc>,
    user_id: Option<i32>,
    login: &str,
    starts_delay: bool,
    reason: &str,
) -> Result<(), sea_orm::DbErr> {
    audit_login(txn, now, user_id, login, "login.failure", reason).await?;
    if starts_delay {
        audit_login(txn, now, user_id, login, "login.throttled", "repeated failures: further attempts delayed").await?;
    }
    Ok(())
}

async fn audit_login<C: sea_orm::ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    user_id: Option<i32>,
    login: &str,
    action: &str,
    reason: &str,
) -> Result<(), sea_orm::DbErr> {
    // What an unknown caller typed is stored only in part (cut to 64 characters above).
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
