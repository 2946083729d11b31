//! A login belonging to one organisation (none for admin and auditor).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "user")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: Option<i32>,
    pub role: String,
    #[sea_orm(unique)]
    pub login: String,
    pub display_name: String,
    pub phone: Option<String>,
    #[serde(skip_serializing)]
    pub password_hash: String,
    pub failed_logins: i32,
    pub locked_until: Option<DateTimeUtc>,
    pub last_login_at: Option<DateTimeUtc>,
    pub disabled: bool,
    pub must_change_password: bool,
    pub created_at: DateTimeUtc,
    /// When the password was last set (privileged accounts must change it after a while).
    pub password_changed_at: Option<DateTimeUtc>,
    /// The TOTP secret, sealed (never shown after enrolment).
    #[serde(skip_serializing)]
    pub totp_secret: Option<String>,
    /// When the second factor was turned on (`None`: not enrolled).
    pub totp_enabled_at: Option<DateTimeUtc>,
    /// The last TOTP time step accepted: a code is used once.
    #[serde(skip_serializing)]
    pub totp_last_step: Option<i64>,
    /// SHA-256 of the unused recovery codes (a JSON list).
    #[serde(skip_serializing)]
    pub totp_recovery: Option<String>,
    /// A help unit's account: the assignment (`responsibility`, kind help_unit) it belongs to.
    pub unit_id: Option<i32>,
}

impl ActiveModelBehavior for ActiveModel {}
