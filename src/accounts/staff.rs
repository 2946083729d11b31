//! Accounts under separation of duties (三权分立): the system administrator makes and disables
//! the accounts of the business (office reviewers) and disables members' accounts, but never
//! sees a password; the security administrator issues one-time passwords and clears lockouts;
//! the audit administrator reads the trail. None of the three acts on the others' kind of
//! account: those are made and reset on the server's command line by whoever installs it.

use chrono::{DateTime, Utc};
use entity::{api_token, organisation, region, user};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use super::{FieldErrors, check, login_taken, new_user};
use crate::audit::{self, Actor, Event};
use crate::auth::{self, Role, SessionUser};
use crate::domain::{OrgKind, OrgStatus};
use crate::error::{AppError, Result};

/// A staff account to create: an office reviewer on the web; on the command line also one of
/// the three administrators.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct StaffForm {
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub login: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub jurisdiction: String,
    /// A help unit's account: the assignment's id (see `responsibility`).
    #[serde(default)]
    pub unit: String,
    /// A village member's account (a first secretary, a work-team member): the village's
    /// 12-digit region code.
    #[serde(default)]
    pub village: String,
}

/// The staff form's fields, in order.
pub const STAFF_FIELDS: &[&str] = &["role", "login", "display_name", "jurisdiction", "unit", "village"];

/// A checked staff form: role, login, name, a reviewer's jurisdiction, a help unit's assignment.
struct Checked {
    role: Role,
    login: String,
    name: String,
    jurisdiction: Option<region::Model>,
    unit: Option<entity::responsibility::Model>,
    village: Option<organisation::Model>,
}

/// The stored hash of an account whose password has not been issued yet: no password verifies
/// against it, so nobody can log in until the security administrator issues one.
pub const NO_PASSWORD: &str = "";

/// Whether the account still waits for its first password.
pub fn awaits_password(u: &user::Model) -> bool {
    u.password_hash == NO_PASSWORD
}

/// Checks the form and, for a reviewer, finds the jurisdiction's region.
async fn check_staff(db: &DatabaseConnection, form: &StaffForm, roles: &[Role]) -> Result<Checked> {
    let mut errors = FieldErrors::new();
    let role = Role::parse(&form.role).filter(|r| roles.contains(r));
    if role.is_none() {
        let names: Vec<&str> = roles.iter().map(|r| r.label()).collect();
        errors.push(("role".into(), format!("角色须为{}", names.join("、"))));
    }
    let login = check(auth::parse_login(&form.login), "login", &mut errors);
    let name = form.display_name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 50 {
        errors.push(("display_name".into(), "请填写姓名（不超过 50 字）".into()));
    }
    let jurisdiction = if role == Some(Role::Office) {
        let j = region::Entity::find_by_id(form.jurisdiction.trim().to_owned())
            .one(db)
            .await?
            .filter(|r| (1..=3).contains(&r.level));
        if j.is_none() {
            errors.push(("jurisdiction".into(), "请选择已导入的省、市或县级区划作为管辖范围".into()));
        }
        j
    } else {
        None
    };
    let unit = if role == Some(Role::HelpUnit) {
        use crate::domain::ResponsibilityKind;
        let found = match form.unit.trim().parse::<i32>() {
            Ok(id) => entity::responsibility::Entity::find_by_id(id).one(db).await?,
            Err(_) => None,
        }
        .filter(|r| r.kind == ResponsibilityKind::HelpUnit.code() && r.to_date.is_none());
        if found.is_none() {
            errors.push(("unit".into(), "请选择一个在任的定点帮扶单位（由扶贫办在帮扶责任中登记）".into()));
        }
        found
    } else {
        None
    };
    let village = if role == Some(Role::Village) {
        let found = organisation::Entity::find()
            .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
            .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
            .filter(organisation::Column::RegionCode.eq(form.village.trim()))
            .one(db)
            .await?;
        if found.is_none() {
            errors
                .push(("village".into(), "请填写已认证的村的 12 位区划代码（见村的公开页面或扶贫办的村列表）".into()));
        }
        found
    } else {
        None
    };
    if !login.is_empty() && login_taken(db, &login).await? {
        errors.push(("login".into(), "该登录名已被使用".into()));
    }
    match role.filter(|_| errors.is_empty()) {
        Some(role) => Ok(Checked { role, login, name, jurisdiction, unit, village }),
        None => Err(AppError::Invalid(errors)),
    }
}

/// Writes the account (an office reviewer joins the office of its jurisdiction, made if
/// needed; a help unit's account is tied to its assignment) with its audit event.
async fn insert_staff(
    db: &DatabaseConnection,
    Checked { role, login, name, jurisdiction, unit, village }: Checked,
    hash: String,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<user::Model> {
    let txn = crate::db::write(db).await?;
    let org_id = match (&jurisdiction, &village) {
        (Some(j), _) => Some(office_for(&txn, j, now).await?.id),
        (None, Some(v)) => Some(v.id),
        (None, None) => None,
    };
    let issued = hash != NO_PASSWORD;
    let mut u = new_user(&txn, org_id, role, &login, &name, None, hash, true, now).await?;
    if let Some(unit) = &unit {
        u = user::ActiveModel { id: Set(u.id), unit_id: Set(Some(unit.id)), ..Default::default() }.update(&txn).await?;
    }
    audit::record(
        &txn,
        now,
        actor,
        Event {
            action: "user.create",
            entity: "user",
            entity_id: u.id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "login": u.login, "role": u.role, "organisation_id": u.organisation_id, "password_issued": issued,
                "unit_id": u.unit_id
            })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(u)
}

/// Creates an account of any staff role with a one-time password, returned once and never
/// stored in clear: the command line of whoever installs the system (the only way to make one
/// of the three administrators).
pub async fn create_staff(
    db: &DatabaseConnection,
    form: &StaffForm,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(user::Model, String)> {
    let checked =
        check_staff(db, form, &[Role::Office, Role::HelpUnit, Role::Admin, Role::Security, Role::Auditor]).await?;
    let password = auth::one_time_password();
    let hash = auth::hash_password_async(password.clone()).await?;
    Ok((insert_staff(db, checked, hash, actor, now).await?, password))
}

/// The system administrator creates an office reviewer's, a help unit's or a village member's
/// (a 驻村第一书记 joining the village's staff) account. It has no password until the security
/// administrator issues one, so the administrator never holds a way in.
pub async fn create_reviewer(
    db: &DatabaseConnection,
    admin: &SessionUser,
    form: &StaffForm,
    now: DateTime<Utc>,
) -> Result<user::Model> {
    admin.require(&[Role::Admin])?;
    let checked = check_staff(db, form, &[Role::Office, Role::HelpUnit, Role::Village]).await?;
    insert_staff(db, checked, NO_PASSWORD.to_owned(), &Actor::user(admin.id, &admin.login), now).await
}

/// The office organisation for a jurisdiction, created (verified) the first time.
pub(super) async fn office_for<C: ConnectionTrait>(
    db: &C,
    j: &region::Model,
    now: DateTime<Utc>,
) -> Result<organisation::Model, DbErr> {
    if let Some(o) = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Office.code()))
        .filter(organisation::Column::JurisdictionCode.eq(j.code.clone()))
        .one(db)
        .await?
    {
        return Ok(o);
    }
    organisation::ActiveModel {
        kind: Set(OrgKind::Office.code().into()),
        name: Set(format!("{}扶贫开发办公室", j.name)),
        region_code: Set(j.code.clone()),
        status: Set(OrgStatus::Verified.code().into()),
        jurisdiction_code: Set(Some(j.code.clone())),
        verified_at: Set(Some(now)),
        registered_poor: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// One account as the administrators' lists show it.
#[derive(Debug, Serialize)]
pub struct AccountRow {
    pub id: i32,
    pub login: String,
    pub display_name: String,
    pub role_label: &'static str,
    pub organisation: String,
    pub disabled: bool,
    pub locked: bool,
    pub awaits_password: bool,
    /// Uses a second factor.
    pub totp: bool,
    /// An office reviewer (its scope can be changed).
    pub reviewer: bool,
    /// The one-time key of its 签发密码 form (see [`crate::submissions`]): a reload of the page
    /// that showed a password does not issue another.
    pub submission: String,
}

/// Accounts shown per page of the administrators' lists.
pub const ACCOUNTS_PER_PAGE: u64 = 50;

/// One page of the business accounts (reviewers, enterprise and village members) whose login
/// or name contains `q`, ordered by role and login; and whether more follow. The three
/// administrators are not listed: no web page acts on them.
pub async fn business_accounts(
    db: &DatabaseConnection,
    q: &str,
    page: u64,
    now: DateTime<Utc>,
) -> Result<(Vec<AccountRow>, bool)> {
    let business: Vec<&str> = Role::ALL.iter().filter(|r| !r.is_administrator()).map(|r| r.code()).collect();
    let mut find = user::Entity::find().filter(user::Column::Role.is_in(business));
    let q = q.trim();
    if !q.is_empty() {
        let pattern = format!("%{}%", q.replace(['%', '_'], ""));
        find = find.filter(
            Condition::any()
                .add(user::Column::Login.like(pattern.clone()))
                .add(user::Column::DisplayName.like(pattern)),
        );
    }
    let mut found = find
        .order_by_asc(user::Column::Role)
        .order_by_asc(user::Column::Login)
        .offset(page.saturating_sub(1) * ACCOUNTS_PER_PAGE)
        .limit(ACCOUNTS_PER_PAGE + 1)
        .all(db)
        .await?;
    let more = found.len() as u64 > ACCOUNTS_PER_PAGE;
    found.truncate(ACCOUNTS_PER_PAGE as usize);
    let org_ids: Vec<i32> = found.iter().filter_map(|u| u.organisation_id).collect();
    let logins: Vec<String> = found.iter().map(|u| u.login.clone()).collect();
    let throttled = auth::throttle::throttled(db, &logins, now).await?;
    let orgs: std::collections::HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let units: std::collections::HashMap<i32, String> = entity::responsibility::Entity::find()
        .filter(entity::responsibility::Column::Id.is_in(found.iter().filter_map(|u| u.unit_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let rows = found
        .into_iter()
        .map(|u| AccountRow {
            id: u.id,
            role_label: Role::parse(&u.role).map_or("未知", Role::label),
            organisation: u
                .organisation_id
                .and_then(|id| orgs.get(&id).cloned())
                .or_else(|| u.unit_id.and_then(|id| units.get(&id).cloned()))
                .unwrap_or_default(),
            disabled: u.disabled,
            locked: u.locked_until.is_some_and(|t| t > now) || throttled.contains(&u.login),
            awaits_password: awaits_password(&u),
            totp: u.totp_enabled_at.is_some(),
            reviewer: u.role == Role::Office.code(),
            login: u.login,
            display_name: u.display_name,
            submission: crate::submissions::new_key(),
        })
        .collect();
    Ok((rows, more))
}

/// Total business accounts matching nothing in particular (for the list's heading).
pub async fn count_business_accounts(db: &DatabaseConnection) -> Result<u64> {
    let business: Vec<&str> = Role::ALL.iter().filter(|r| !r.is_administrator()).map(|r| r.code()).collect();
    Ok(user::Entity::find().filter(user::Column::Role.is_in(business)).count(db).await?)
}

/// A business account `user_id` that `who` may act on, read under lock inside `txn`: an
/// administrator's account (or one of an unknown role) answers 404, as if it did not exist.
async fn business_account<C: ConnectionTrait>(txn: &C, user_id: i32) -> Result<user::Model> {
    user::Entity::find_by_id(user_id)
        .lock_exclusive()
        .one(txn)
        .await?
        .filter(|u| Role::parse(&u.role).is_some_and(|r| !r.is_administrator()))
        .ok_or(AppError::NotFound)
}

/// The system administrator disables or enables a business account (disabling ends its
/// sessions and revokes its API tokens). Administrators' accounts are out of its reach.
pub async fn set_disabled(
    db: &DatabaseConnection,
    admin: &SessionUser,
    user_id: i32,
    disabled: bool,
    now: DateTime<Utc>,
) -> Result<user::Model> {
    admin.require(&[Role::Admin])?;
    let txn = crate::db::write(db).await?;
    let u = business_account(&txn, user_id).await?;
    if u.disabled == disabled {
        return Err(AppError::Conflict(format!(
            "账号「{}」已经是{}状态",
            u.display_name,
            if disabled { "停用" } else { "启用" }
        )));
    }
    let mut am: user::ActiveModel = u.clone().into();
    am.disabled = Set(disabled);
    let updated = am.update(&txn).await?;
    if disabled {
        // An account is often disabled because it was misused: its API tokens end for good,
        // not only while it is disabled (enabling it again brought them back).
        auth::session::delete_all_of(&txn, u.id).await?;
        api_token::Entity::update_many()
            .col_expr(api_token::Column::RevokedAt, Expr::value(Some(now)))
            .filter(api_token::Column::UserId.eq(u.id))
            .filter(api_token::Column::RevokedAt.is_null())
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        now,
        &Actor::user(admin.id, &admin.login),
        Event {
            action: if disabled { "user.disable" } else { "user.enable" },
            entity: "user",
            entity_id: u.id.to_string(),
            before: Some(serde_json::json!({ "disabled": u.disabled })),
            after: Some(serde_json::json!({ "disabled": disabled })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(updated)
}

/// The security administrator issues a one-time password to a business account (its first, or
/// a reset): returned once, to the issuer only, and stored as an argon2id hash. The holder must
/// change it at the next login; every session and API token of the account ends, and a lockout
/// is cleared.
pub async fn issue_password(
    db: &DatabaseConnection,
    security: &SessionUser,
    user_id: i32,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(user::Model, String)> {
    security.require(&[Role::Security])?;
    let password = auth::one_time_password();
    let hash = auth::hash_password_async(password.clone()).await?;
    let txn = crate::db::write(db).await?;
    let u = business_account(&txn, user_id).await?;
    // The page that shows the password, reloaded, sends the form again: the password already
    // handed over stays the one that works.
    crate::submissions::claim(&txn, key, &format!("「{}」的一次性密码（刚才显示的那个仍然有效）", u.display_name), now)
        .await?;
    let first = awaits_password(&u);
    let updated = set_one_time_password(&txn, &u, hash, now).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(security.id, &security.login),
        Event {
            action: if first { "user.password_issue" } else { "user.password_reset" },
            entity: "user",
            entity_id: u.id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "must_change_password": true })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok((updated, password))
}

/// Stores `hash` as a one-time password of `u`, ends its sessions and tokens, clears a lockout.
async fn set_one_time_password<C: ConnectionTrait>(
    txn: &C,
    u: &user::Model,
    hash: String,
    now: DateTime<Utc>,
) -> Result<user::Model> {
    let mut am: user::ActiveModel = u.clone().into();
    am.password_hash = Set(hash);
    am.must_change_password = Set(true);
    am.password_changed_at = Set(Some(now));
    am.failed_logins = Set(0);
    am.locked_until = Set(None);
    let updated = am.update(txn).await?;
    auth::session::delete_all_of(txn, u.id).await?;
    api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Some(now)))
        .filter(api_token::Column::UserId.eq(u.id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(txn)
        .await?;
    Ok(updated)
}

/// The command line resets any account's password (how a locked-out administrator gets back
/// in): returns the one-time password, printed once.
pub async fn reset_password_cli(db: &DatabaseConnection, login: &str, now: DateTime<Utc>) -> Result<String> {
    let password = auth::one_time_password();
    let hash = auth::hash_password_async(password.clone()).await?;
    let txn = crate::db::write(db).await?;
    let u = user::Entity::find()
        .filter(user::Column::Login.eq(login.trim().to_ascii_lowercase()))
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::Conflict(format!("没有登录名为「{login}」的账号")))?;
    set_one_time_password(&txn, &u, hash, now).await?;
    // Whoever is locked out may have lost the phone too: the second factor is set up again.
    auth::totp::clear(&txn, u.id).await?;
    audit::record(
        &txn,
        now,
        &Actor::system("cli"),
        Event {
            action: "user.password_reset",
            entity: "user",
            entity_id: u.id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "must_change_password": true })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(password)
}

/// The security administrator clears the second factor of a business account (a lost phone):
/// it sets one up again at the next login; its sessions end.
pub async fn reset_second_factor(
    db: &DatabaseConnection,
    security: &SessionUser,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    security.require(&[Role::Security])?;
    let txn = crate::db::write(db).await?;
    let u = business_account(&txn, user_id).await?;
    if u.totp_enabled_at.is_none() && u.totp_secret.is_none() {
        return Err(AppError::Conflict(format!("「{}」没有设置两步验证", u.display_name)));
    }
    auth::totp::clear(&txn, u.id).await?;
    auth::session::delete_all_of(&txn, u.id).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(security.id, &security.login),
        Event { action: "user.totp_reset", entity: "user", entity_id: u.id.to_string(), before: None, after: None },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(())
}

/// The security administrator changes what an office reviewer may review (授权范围): the
/// reviewer moves to the office of the new jurisdiction; its sessions end, so the new scope
/// applies from its next login.
pub async fn change_scope(
    db: &DatabaseConnection,
    security: &SessionUser,
    user_id: i32,
    jurisdiction: &str,
    now: DateTime<Utc>,
) -> Result<user::Model> {
    security.require(&[Role::Security])?;
    let j = region::Entity::find_by_id(jurisdiction.trim().to_owned())
        .one(db)
        .await?
        .filter(|r| (1..=3).contains(&r.level))
        .ok_or_else(|| AppError::field("jurisdiction", "请选择已导入的省、市或县级区划作为审核范围"))?;
    let txn = crate::db::write(db).await?;
    let u = business_account(&txn, user_id).await?;
    if u.role != Role::Office.code() {
        return Err(AppError::NotFound);
    }
    let office = office_for(&txn, &j, now).await?;
    if u.organisation_id == Some(office.id) {
        return Err(AppError::field("jurisdiction", format!("已经是「{}」的审核员", j.name)));
    }
    let mut am: user::ActiveModel = u.clone().into();
    am.organisation_id = Set(Some(office.id));
    let updated = am.update(&txn).await?;
    auth::session::delete_all_of(&txn, u.id).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(security.id, &security.login),
        Event {
            action: "user.scope_change",
            entity: "user",
            entity_id: u.id.to_string(),
            before: Some(serde_json::json!({ "organisation_id": u.organisation_id })),
            after: Some(serde_json::json!({ "organisation_id": office.id, "jurisdiction": j.code })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(updated)
}

/// The security administrator lifts every login delay of a business account.
pub async fn unlock(db: &DatabaseConnection, security: &SessionUser, user_id: i32, now: DateTime<Utc>) -> Result<()> {
    security.require(&[Role::Security])?;
    let txn = crate::db::write(db).await?;
    let u = business_account(&txn, user_id).await?;
    let mut am: user::ActiveModel = u.clone().into();
    am.locked_until = Set(None);
    am.failed_logins = Set(0);
    am.update(&txn).await?;
    auth::throttle::clear(&txn, &u.login).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(security.id, &security.login),
        Event {
            action: "user.unlock",
            entity: "user",
            entity_id: u.id.to_string(),
            before: Some(serde_json::json!({ "locked_until": u.locked_until })),
            after: None,
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(())
}
