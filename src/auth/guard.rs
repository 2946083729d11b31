//! Authorisation in one place: the caller's identity as loaded for each request, and the two
//! questions every handler asks — may this role do it, and does the row belong to the caller's
//! organisation or jurisdiction.

use entity::{organisation, user};
use serde::Serialize;

use super::{Role, Via};
use crate::domain::{OrgKind, OrgStatus};
use crate::error::{AppError, Result};

/// The logged-in user with what authorisation needs of their organisation.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SessionUser {
    pub id: i32,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub role_label: &'static str,
    pub organisation_id: Option<i32>,
    pub organisation_name: Option<String>,
    pub organisation_status: Option<OrgStatus>,
    /// The region code an office reviews (county or city).
    pub jurisdiction: Option<String>,
    /// A help unit's account: its assignment (`responsibility` id).
    pub unit_id: Option<i32>,
    /// The password must be changed before anything else: a one-time password, or a
    /// privileged account's password older than the configured age.
    pub must_change_password: bool,
    /// Why: the password expired (rather than being a one-time password).
    pub password_expired: bool,
    /// The password was right; the second factor is still to come (this session only).
    pub second_factor_pending: bool,
    /// The second factor is required of this account and not set up yet.
    pub must_enroll_totp: bool,
    /// The account uses a second factor.
    pub totp_enabled: bool,
    pub via: Via,
}

impl SessionUser {
    /// Builds the identity from the user row and its organisation.
    pub fn new(u: &user::Model, org: Option<&organisation::Model>, via: Via) -> Option<Self> {
        let role = Role::parse(&u.role)?;
        Some(Self {
            id: u.id,
            login: u.login.clone(),
            display_name: u.display_name.clone(),
            role,
            role_label: role.label(),
            organisation_id: org.map(|o| o.id),
            organisation_name: org.map(|o| o.name.clone()),
            organisation_status: org.and_then(|o| OrgStatus::parse(&o.status)),
            jurisdiction: org.filter(|o| o.kind == OrgKind::Office.code()).and_then(|o| o.jurisdiction_code.clone()),
            unit_id: u.unit_id.filter(|_| role == Role::HelpUnit),
            must_change_password: u.must_change_password,
            password_expired: false,
            second_factor_pending: false,
            must_enroll_totp: false,
            totp_enabled: u.totp_enabled_at.is_some(),
            via,
        })
    }

    /// Marks the password expired when the role's passwords age out and this one is older
    /// than `max_age_days` (0 turns expiry off).
    pub fn with_password_age(mut self, u: &user::Model, max_age_days: i64, now: chrono::DateTime<chrono::Utc>) -> Self {
        let set = u.password_changed_at.unwrap_or(u.created_at);
        if max_age_days > 0 && self.role.is_privileged() && now - set > chrono::Duration::days(max_age_days) {
            self.password_expired = true;
            self.must_change_password = true;
        }
        self
    }

    /// Fails with 403 unless the user has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<&Self> {
        if roles.contains(&self.role) { Ok(self) } else { Err(AppError::Forbidden) }
    }

    /// Whether the user's organisation has been verified by an office.
    pub fn is_verified(&self) -> bool {
        self.organisation_status == Some(OrgStatus::Verified)
    }

    /// Whether this office user's jurisdiction covers `region_code`.
    pub fn covers(&self, region_code: &str) -> bool {
        self.role == Role::Office && self.jurisdiction.as_deref().is_some_and(|j| jurisdiction_covers(j, region_code))
    }

    /// Whether the user may read organisation `org` (its contacts and non-public rows): its own
    /// members, the office whose jurisdiction it is registered in, and auditors.
    pub fn may_read_org(&self, org: &organisation::Model) -> bool {
        self.organisation_id == Some(org.id) || self.role == Role::Auditor || self.may_review_org(org)
    }

    /// Whether this office user may verify or suspend `org`: only one registered inside its
    /// jurisdiction. An enterprise from outside that serves the jurisdiction is listed for the
    /// office to see (without contacts, see `office::serving_enterprises`), but it is reviewed by
    /// the office where it is registered.
    pub fn may_review_org(&self, org: &organisation::Model) -> bool {
        org.kind != OrgKind::Office.code() && self.role == Role::Office && self.covers(&org.region_code)
    }
}

/// The significant leading digits of a region code: 36 (province), 3609 (city),
/// 360902 (county), 360902001 (township), or the whole code (village).
pub fn region_prefix(code: &str) -> &str {
    let trimmed = code.trim_end_matches('0').len();
    let len = match trimmed {
        0..=2 => 2,
        3..=4 => 4,
        5..=6 => 6,
        7..=9 => 9,
        _ => code.len(),
    };
    &code[..len.min(code.len())]
}

/// Whether the region `jurisdiction` contains the region `code`.
pub fn jurisdiction_covers(jurisdiction: &str, code: &str) -> bool {
    code.starts_with(region_prefix(jurisdiction))
}

/// The identity of a request, placed in its extensions by the session middleware.
#[derive(Clone, Debug, Default)]
pub struct Auth {
    pub user: Option<SessionUser>,
    /// The CSRF token forms of this request must carry.
    pub csrf: String,
    /// The session's cookie secret, when logged in by cookie.
    pub session_secret: Option<String>,
    /// Unread inbox messages (pages show the count in the header).
    pub unread: u64,
    /// What the previous action did, shown once at the top of this page.
    pub flash: Option<String>,
    /// The language of the pages (a code of `web::i18n::LANGUAGES`; empty: the default).
    pub lang: &'static str,
}

impl Auth {
    /// The logged-in user, or 401.
    pub fn user(&self) -> Result<&SessionUser> {
        self.user.as_ref().ok_or(AppError::Unauthorized)
    }

    /// The logged-in user with one of `roles`: 401 if not logged in, 403 for another role.
    pub fn require(&self, roles: &[Role]) -> Result<&SessionUser> {
        self.user()?.require(roles)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jurisdictions_cover_their_subtree_only() {
        assert!(jurisdiction_covers("360902000000", "360902105201"));
        assert!(jurisdiction_covers("360900000000", "360921104000"));
        assert!(!jurisdiction_covers("360902000000", "360921104201"));
        assert!(!jurisdiction_covers("360900000000", "360113000000"));
        // 3610xx must not be taken for part of 3601xx, nor 36092 for 360902.
        assert!(!jurisdiction_covers("360100000000", "361000000000"));
        assert_eq!(region_prefix("360902000000"), "360902");
        assert_eq!(region_prefix("360902001000"), "360902001");
        assert_eq!(region_prefix("360000000000"), "36");
    }
}
