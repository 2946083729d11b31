//! Security settings the security administrator keeps (the password age of privileged
//! accounts, whether they need a second factor), stored in the database so every node applies the same,
//! read through a short cache so a request costs no extra query.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Actor, Event};
use crate::auth::{Role, SessionUser};
use crate::error::{AppError, Result};

/// The settings in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecuritySettings {
    /// Days after which a privileged account's password must be changed (0: never).
    pub password_max_age_days: i64,
    /// Whether office reviewers and the three administrators must use a second factor (TOTP).
    #[serde(default)]
    pub totp_required: bool,
}

const KEY: &str = "security_settings";

/// How long a node keeps settings before reading them again (another node's change shows
/// within this time).
const CACHE_FOR: Duration = Duration::from_secs(5);

impl SecuritySettings {
    /// Reads the stored settings, or `defaults` when none were saved.
    pub async fn load<C: ConnectionTrait>(db: &C, defaults: SecuritySettings) -> Result<Self, DbErr> {
        Ok(crate::db::setting(db, KEY).await?.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or(defaults))
    }

    /// Checks and saves new settings with their audit event (security administrator only).
    pub async fn save(
        db: &DatabaseConnection,
        who: &SessionUser,
        new: SecuritySettings,
        defaults: SecuritySettings,
        now: DateTime<Utc>,
    ) -> Result<()> {
        who.require(&[Role::Security])?;
        if !(0..=365).contains(&new.password_max_age_days) {
            return Err(AppError::field("password_max_age_days", "密码有效期须为 0–365 天（0 表示不过期）"));
        }
        let txn = crate::db::write(db).await?;
        let before = Self::load(&txn, defaults).await?;
        crate::db::put_setting(&txn, KEY, &serde_json::to_string(&new).unwrap_or_default(), now).await?;
        audit::record(
            &txn,
            now,
            &Actor::user(who.id, &who.login),
            Event {
                action: "security.settings",
                entity: "setting",
                entity_id: KEY.into(),
                before: serde_json::to_value(before).ok(),
                after: serde_json::to_value(new).ok(),
            },
        )
        .await?;
        crate::db::commit(txn).await?;
        Ok(())
    }
}

/// The settings as this node last read them.
#[derive(Clone)]
pub struct SettingsCache {
    defaults: SecuritySettings,
    cached: Arc<RwLock<Option<(Instant, SecuritySettings)>>>,
}

impl SettingsCache {
    /// A cache falling back to `defaults` (from the command line) until settings are saved.
    pub fn new(defaults: SecuritySettings) -> Self {
        Self { defaults, cached: Arc::new(RwLock::new(None)) }
    }

    /// The defaults from the command line.
    pub fn defaults(&self) -> SecuritySettings {
        self.defaults
    }

    /// The settings in force (read from the database at most every few seconds).
    pub async fn get(&self, db: &DatabaseConnection) -> Result<SecuritySettings, DbErr> {
        if let Ok(guard) = self.cached.read()
            && let Some((at, s)) = *guard
            && at.elapsed() < CACHE_FOR
        {
            return Ok(s);
        }
        let s = SecuritySettings::load(db, self.defaults).await?;
        if let Ok(mut guard) = self.cached.write() {
            *guard = Some((Instant::now(), s));
        }
        Ok(s)
    }

    /// Forgets what was read (this node saved new settings).
    pub fn forget(&self) {
        if let Ok(mut guard) = self.cached.write() {
            *guard = None;
        }
    }
}
