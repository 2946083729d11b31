//! Organisations and their users: self-registration of enterprises and village committees,
//! staff accounts (see `staff`), verification by an office, profiles, API tokens.
//! Each change is one transaction with its audit event.

mod staff;

pub use staff::*;

use chrono::{DateTime, Utc};
use entity::{api_token, industry, organisation, password_history, region, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationErrors};

use crate::audit::{self, Actor, Event};
use crate::auth::{self, Role, SessionUser};
use crate::domain::{OrgKind, OrgStatus};
use crate::error::{AppError, Result};

/// Field errors in form order.
pub type FieldErrors = Vec<(String, String)>;

/// Turns `validator` errors into field errors ordered as the form lists its fields.
pub fn ordered(errors: &ValidationErrors, order: &[&str]) -> FieldErrors {
    let map = errors.field_errors();
    let mut out = Vec::new();
    for field in order {
        if let Some(list) = map.get(*field) {
            for e in list.iter() {
                let msg = e.message.as_ref().map_or_else(|| format!("{field} 不正确"), ToString::to_string);
                out.push(((*field).to_owned(), msg));
            }
        }
    }
    out
}

pub(crate) fn check(result: Result<String, &'static str>, field: &str, errors: &mut FieldErrors) -> String {
    result.unwrap_or_else(|m| {
        errors.push((field.to_owned(), m.to_owned()));
        String::new()
    })
}

/// What an enterprise types to register (kept as typed, to show it again after an error).
#[derive(Debug, Default, Clone, Deserialize, Serialize, Validate)]
#[serde(default)]
pub struct EnterpriseForm {
    #[validate(length(min = 2, max = 100, message = "请填写企业名称（2–100 字）"))]
    pub name: String,
    pub uscc: String,
    #[validate(length(min = 1, message = "请选择所属行业"))]
    pub industry_code: String,
    #[validate(length(min = 1, message = "请选择所在县（市、区）"))]
    pub county_code: String,
    #[validate(length(min = 2, max = 200, message = "请填写企业地址"))]
    pub address: String,
    #[validate(length(min = 1, max = 50, message = "请填写联系人姓名"))]
    pub contact_name: String,
    pub contact_phone: String,
    pub login: String,
    #[serde(skip_serializing, default)]
    pub password: String,
    #[serde(skip_serializing, default)]
    pub password_confirm: String,
}

/// The enterprise form's fields, in order.
pub const ENTERPRISE_FIELDS: &[&str] = &[
    "name",
    "uscc",
    "industry_code",
    "county_code",
    "address",
    "contact_name",
    "contact_phone",
    "login",
    "password",
    "password_confirm",
    "conflict",
];

/// What a village committee types to register.
#[derive(Debug, Default, Clone, Deserialize, Serialize, Validate)]
#[serde(default)]
pub struct VillageForm {
    #[validate(length(min = 1, message = "请选择所在县（市、区）"))]
    pub county_code: String,
    #[validate(length(min = 12, max = 12, message = "请选择本村"))]
    pub village_code: String,
    pub population: String,
    pub poor_households: String,
    pub poor_population: String,
    #[serde(default)]
    pub registered_poor: Option<String>,
    #[validate(length(max = 200, message = "主导产业不超过 200 字"))]
    pub main_industries: String,
    #[validate(length(min = 2, max = 50, message = "请填写第一书记姓名"))]
    pub first_secretary: String,
    pub first_secretary_phone: String,
    #[validate(length(min = 2, max = 50, message = "请填写村党组织书记姓名"))]
    pub party_secretary: String,
    pub party_secretary_phone: String,
    #[validate(length(min = 1, max = 50, message = "请填写联系人姓名"))]
    pub contact_name: String,
    pub contact_phone: String,
    pub login: String,
    #[serde(skip_serializing, default)]
    pub password: String,
    #[serde(skip_serializing, default)]
    pub password_confirm: String,
}

/// The village form's fields, in order.
pub const VILLAGE_FIELDS: &[&str] = &[
    "county_code",
    "village_code",
    "population",
    "poor_households",
    "poor_population",
    "main_industries",
    "first_secretary",
    "first_secretary_phone",
    "party_secretary",
    "party_secretary_phone",
    "contact_name",
    "contact_phone",
    "login",
    "password",
    "password_confirm",
    "conflict",
];

fn count_field(raw: &str, field: &str, label: &str, errors: &mut FieldErrors) -> i32 {
    match raw.trim().parse::<i32>() {
        Ok(n) if (0..=1_000_000).contains(&n) => n,
        _ => {
            errors.push((field.to_owned(), format!("{label}请填写 0 到 1,000,000 之间的整数")));
            0
        }
    }
}

fn password_fields(password: &str, confirm: &str, login: &str, errors: &mut FieldErrors) {
    if let Err(m) = auth::check_password_strength(password, login) {
        errors.push(("password".into(), m.into()));
    } else if password != confirm {
        errors.push(("password_confirm".into(), "两次输入的密码不一致".into()));
    }
}

pub(crate) async fn login_taken<C: ConnectionTrait>(db: &C, login: &str) -> Result<bool, DbErr> {
    Ok(user::Entity::find().filter(user::Column::Login.eq(login)).count(db).await? > 0)
}

async fn region_at<C: ConnectionTrait>(db: &C, code: &str, level: i16) -> Result<Option<region::Model>, DbErr> {
    Ok(region::Entity::find_by_id(code.to_owned()).one(db).await?.filter(|r| r.level == level))
}

/// The answer when a registration names a login, a USCC or a village that is registered
/// already: the same whichever it is, so the form tells nobody who has an account.
pub const REGISTRATION_CONFLICT: &str = "未能注册：登录名、统一社会信用代码或所选的村，其中有一项已经注册过。\
请换一个登录名再试；如果本单位已经注册，请直接登录，或联系所在县（市、区）扶贫办找回账号。";

/// Registers an enterprise (pending) with its first user, or says which fields are wrong.
pub async fn register_enterprise(
    db: &DatabaseConnection,
    sealer: &crate::crypto::Sealer,
    form: &EnterpriseForm,
    now: DateTime<Utc>,
) -> Result<user::Model> {
    let mut errors = form.validate().err().map_or_else(Vec::new, |e| ordered(&e, ENTERPRISE_FIELDS));
    let uscc = check(crate::uscc::parse(&form.uscc).map_err(crate::uscc::UsccError::message), "uscc", &mut errors);
    let phone = check(auth::parse_mobile(&form.contact_phone), "contact_phone", &mut errors);
    let login = check(auth::parse_login(&form.login), "login", &mut errors);
    password_fields(&form.password, &form.password_confirm, &form.login, &mut errors);
    if !form.industry_code.is_empty()
        && industry::Entity::find_by_id(form.industry_code.clone()).one(db).await?.is_none()
    {
        errors.push(("industry_code".into(), "所选行业不存在".into()));
    }
    if !form.county_code.is_empty() && region_at(db, &form.county_code, 3).await?.is_none() {
        errors.push(("county_code".into(), "所选县（市、区）不存在".into()));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = crate::db::write(db).await?;
    // One answer whichever is taken, so the form cannot be used to find out who is registered.
    let uscc_taken =
        organisation::Entity::find().filter(organisation::Column::Uscc.eq(uscc.clone())).count(&txn).await? > 0;
    if uscc_taken || login_taken(&txn, &login).await? {
        return Err(AppError::field("conflict", REGISTRATION_CONFLICT));
    }
    let org = organisation::ActiveModel {
        kind: Set(OrgKind::Enterprise.code().into()),
        name: Set(form.name.trim().to_owned()),
        region_code: Set(form.county_code.clone()),
        status: Set(OrgStatus::Pending.code().into()),
        uscc: Set(Some(uscc)),
        industry_code: Set(Some(form.industry_code.clone())),
        address: Set(Some(form.address.trim().to_owned())),
        contact_name: Set(Some(form.contact_name.trim().to_owned())),
        contact_phone: Set(Some(sealer.seal(&phone))),
        registered_poor: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let first = FirstUser {
        role: Role::Enterprise,
        login: &login,
        name: form.contact_name.trim(),
        phone: sealer.seal(&phone),
        password: &form.password,
    };
    let u = first_user(&txn, &org, first, now).await?;
    tell_offices_of_registration(&txn, &org, now).await?;
    crate::db::commit(txn).await?;
    Ok(u)
}

/// The account a registration creates for its organisation.
struct FirstUser<'a> {
    role: Role,
    login: &'a str,
    name: &'a str,
    phone: String,
    password: &'a str,
}

/// Creates a newly registered organisation's first user and the registration's audit event.
async fn first_user<C: ConnectionTrait>(
    txn: &C,
    org: &organisation::Model,
    u: FirstUser<'_>,
    now: DateTime<Utc>,
) -> Result<user::Model> {
    let hash = auth::hash_password_async(u.password.to_owned()).await?;
    let user = new_user(txn, Some(org.id), u.role, u.login, u.name, Some(u.phone), hash, false, now).await?;
    audit::record(
        txn,
        now,
        &Actor::user(user.id, u.login),
        Event {
            action: "organisation.register",
            entity: "organisation",
            entity_id: org.id.to_string(),
            before: None,
            after: Some(serde_json::to_value(org).map_err(anyhow::Error::from)?),
        },
    )
    .await?;
    Ok(user)
}

/// Registers a village committee (pending) with its first user.
pub async fn register_village(
    db: &DatabaseConnection,
    sealer: &crate::crypto::Sealer,
    form: &VillageForm,
    now: DateTime<Utc>,
) -> Result<user::Model> {
    let mut errors = form.validate().err().map_or_else(Vec::new, |e| ordered(&e, VILLAGE_FIELDS));
    let population = count_field(&form.population, "population", "总人口", &mut errors);
    let households = count_field(&form.poor_households, "poor_households", "建档立卡贫困户数", &mut errors);
    let poor = count_field(&form.poor_population, "poor_population", "建档立卡贫困人口", &mut errors);
    if poor > population && errors.iter().all(|(f, _)| f != "poor_population") {
        errors.push(("poor_population".into(), "贫困人口不能多于总人口".into()));
    }
    let fs_phone = check(auth::parse_mobile(&form.first_secretary_phone), "first_secretary_phone", &mut errors);
    let ps_phone = check(auth::parse_mobile(&form.party_secretary_phone), "party_secretary_phone", &mut errors);
    let phone = check(auth::parse_mobile(&form.contact_phone), "contact_phone", &mut errors);
    let login = check(auth::parse_login(&form.login), "login", &mut errors);
    password_fields(&form.password, &form.password_confirm, &form.login, &mut errors);
    let village = if form.village_code.len() == 12 { region_at(db, &form.village_code, 5).await? } else { None };
    if form.village_code.len() == 12
        && (village.is_none() || !form.village_code.starts_with(&form.county_code[..6.min(form.county_code.len())]))
    {
        errors.push(("village_code".into(), "所选村不在该县（市、区）内".into()));
    } else if village.as_ref().is_some_and(|v| v.name.ends_with("居委会") || v.name.ends_with("社区")) {
        errors.push(("village_code".into(), "百企联百村结对的是行政村；社区、居委会不在其列，请选本村的村委会".into()));
    }
    let Some(village) = village.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let txn = crate::db::write(db).await?;
    // One answer whichever is taken (see `REGISTRATION_CONFLICT`).
    // A registration the office refused (不予认证, e.g. an impostor's) does not keep the real
    // village out.
    let village_taken = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
        .filter(organisation::Column::RegionCode.eq(village.code.clone()))
        .filter(organisation::Column::Status.ne(OrgStatus::Rejected.code()))
        .count(&txn)
        .await?
        > 0;
    if village_taken || login_taken(&txn, &login).await? {
        return Err(AppError::field("conflict", REGISTRATION_CONFLICT));
    }
    let township = match &village.parent_code {
        Some(p) => region::Entity::find_by_id(p.clone()).one(&txn).await?.map(|r| r.name).unwrap_or_default(),
        None => String::new(),
    };
    let org = organisation::ActiveModel {
        kind: Set(OrgKind::Village.code().into()),
        name: Set(format!("{township}{}", village.name)),
        region_code: Set(village.code.clone()),
        status: Set(OrgStatus::Pending.code().into()),
        population: Set(Some(population)),
        poor_households: Set(Some(households)),
        poor_population: Set(Some(poor)),
        registered_poor: Set(form.registered_poor.is_some()),
        main_industries: Set(Some(form.main_industries.trim().to_owned())),
        first_secretary: Set(Some(form.first_secretary.trim().to_owned())),
        first_secretary_phone: Set(Some(sealer.seal(&fs_phone))),
        party_secretary: Set(Some(form.party_secretary.trim().to_owned())),
        party_secretary_phone: Set(Some(sealer.seal(&ps_phone))),
        contact_name: Set(Some(form.contact_name.trim().to_owned())),
        contact_phone: Set(Some(sealer.seal(&phone))),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let first = FirstUser {
        role: Role::Village,
        login: &login,
        name: form.contact_name.trim(),
        phone: sealer.seal(&phone),
        password: &form.password,
    };
    let u = first_user(&txn, &org, first, now).await?;
    tell_offices_of_registration(&txn, &org, now).await?;
    crate::db::commit(txn).await?;
    Ok(u)
}

/// The offices covering a new registration learn that it waits for their review.
async fn tell_offices_of_registration<C: ConnectionTrait>(
    db: &C,
    org: &organisation::Model,
    now: DateTime<Utc>,
) -> Result<()> {
    let offices = crate::pairings::offices_covering(db, &org.region_code).await?;
    let kind = OrgKind::parse(&org.kind).map_or("机构", OrgKind::label);
    let title = format!("新注册待审核：{}（{kind}）", org.name);
    crate::pairings::notify(db, &offices, &title, "/office/organisations?status=pending", now).await?;
    Ok(())
}

#[expect(clippy::too_many_arguments, reason = "one row's columns")]
pub(crate) async fn new_user<C: ConnectionTrait>(
    db: &C,
    organisation_id: Option<i32>,
    role: Role,
    login: &str,
    display_name: &str,
    phone: Option<String>,
    password_hash: String,
    must_change_password: bool,
    now: DateTime<Utc>,
) -> Result<user::Model, DbErr> {
    user::ActiveModel {
        organisation_id: Set(organisation_id),
        role: Set(role.code().into()),
        login: Set(login.to_owned()),
        display_name: Set(display_name.to_owned()),
        phone: Set(phone),
        password_hash: Set(password_hash),
        failed_logins: Set(0),
        disabled: Set(false),
        must_change_password: Set(must_change_password),
        created_at: Set(now),
        password_changed_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Whether an office may move an organisation from `from` to `to`.
pub fn review_step_allowed(from: Option<OrgStatus>, to: OrgStatus) -> bool {
    matches!(
        (from, to),
        (Some(OrgStatus::Pending | OrgStatus::Suspended | OrgStatus::Returned), OrgStatus::Verified)
            | (Some(OrgStatus::Pending | OrgStatus::Verified), OrgStatus::Suspended)
            | (Some(OrgStatus::Pending), OrgStatus::Returned)
            | (Some(OrgStatus::Pending | OrgStatus::Returned), OrgStatus::Rejected)
            // A refusal taken back (the applicant showed it was wrong): reviewed again.
            | (Some(OrgStatus::Rejected), OrgStatus::Pending)
    )
}

/// Verifies or suspends an organisation; only an office whose jurisdiction covers it may.
/// Another office gets 404, as if the organisation did not exist.
pub async fn set_status(
    db: &DatabaseConnection,
    reviewer: &SessionUser,
    org_id: i32,
    to: OrgStatus,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<organisation::Model> {
    reviewer.require(&[Role::Office])?;
    let reason = reason.trim();
    let txn = crate::db::write(db).await?;
    let org = organisation::Entity::find_by_id(org_id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    if !reviewer.may_review_org(&org) {
        return Err(AppError::NotFound);
    }
    if to != OrgStatus::Verified && reason.chars().count() < 2 {
        return Err(AppError::field("reason", "请写明理由，对方会看到"));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::field("reason", "理由不超过 500 字"));
    }
    let from = OrgStatus::parse(&org.status);
    let allowed = review_step_allowed(from, to);
    // A refused village registration does not keep the real village out: if another has
    // registered the same village meanwhile, the refused one stays refused.
    if allowed && to == OrgStatus::Pending && org.kind == OrgKind::Village.code() {
        let others = organisation::Entity::find()
            .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
            .filter(organisation::Column::RegionCode.eq(org.region_code.clone()))
            .filter(organisation::Column::Id.ne(org.id))
            .filter(organisation::Column::Status.ne(OrgStatus::Rejected.code()))
            .count(&txn)
            .await?;
        if others > 0 {
            return Err(AppError::Conflict(
                "该村已由另一个账号注册（审核中或已认证），不能重新受理这份注册；请在“全部”中查看该村的注册".into(),
            ));
        }
    }
    if !allowed {
        return Err(AppError::Conflict(format!(
            "该机构当前为「{}」，不能改为「{}」",
            from.map_or("未知", OrgStatus::label),
            to.label()
        )));
    }
    let mut am: organisation::ActiveModel = org.clone().into();
    am.status = Set(to.code().into());
    am.updated_at = Set(now);
    if to == OrgStatus::Verified {
        am.verified_by = Set(Some(reviewer.id));
        am.verified_at = Set(Some(now));
    }
    am.review_note = Set(Some(reason.to_owned()).filter(|r| !r.is_empty()));
    let updated = am.update(&txn).await?;
    // Its listings go live or vanish with it.
    crate::outbox::record(&txn, now, "organisation", org.id, "status").await?;
    audit::record(
        &txn,
        now,
        &Actor::user(reviewer.id, &reviewer.login),
        Event {
            action: match to {
                OrgStatus::Verified => "organisation.verify",
                OrgStatus::Returned => "organisation.return",
                OrgStatus::Rejected => "organisation.reject",
                OrgStatus::Pending => "organisation.reopen",
                _ => "organisation.suspend",
            },
            entity: "organisation",
            entity_id: org.id.to_string(),
            before: Some(serde_json::json!({ "status": org.status })),
            after: Some(serde_json::json!({ "status": updated.status, "reason": reason })),
        },
    )
    .await?;
    // The applicant is told, with the office's words and what to do next.
    let title = match to {
        OrgStatus::Verified => "本单位已通过扶贫办认证，可以发布信息、发起结对".to_owned(),
        OrgStatus::Returned => format!("扶贫办退回了本单位的注册信息，请按意见修改后重新提交：{reason}"),
        OrgStatus::Rejected => format!("扶贫办不予认证本单位：{reason}"),
        OrgStatus::Pending => format!("扶贫办已重新受理本单位的注册，审核结果会另行通知：{reason}"),
        _ => format!("本单位已被扶贫办暂停，信息暂不公开：{reason}"),
    };
    crate::pairings::notify(&txn, &[org.id], &title, "/profile", now).await?;
    crate::db::commit(txn).await?;
    Ok(updated)
}

/// Files a village under `categories` (脱贫村 …); only an office that reviews it may.
pub async fn set_categories(
    db: &DatabaseConnection,
    reviewer: &SessionUser,
    org_id: i32,
    categories: &[crate::domain::VillageCategory],
    now: DateTime<Utc>,
) -> Result<organisation::Model> {
    use crate::domain::VillageCategory;
    reviewer.require(&[Role::Office])?;
    let txn = crate::db::write(db).await?;
    let org = organisation::Entity::find_by_id(org_id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    if !reviewer.may_review_org(&org) {
        return Err(AppError::NotFound);
    }
    if org.kind != OrgKind::Village.code() {
        return Err(AppError::Conflict("只有村委会有村类别".into()));
    }
    // In words, as the audit page shows them.
    let labels = |stored: Option<&str>| -> String {
        VillageCategory::read(stored).into_iter().map(VillageCategory::label).collect::<Vec<_>>().join("、")
    };
    let stored = VillageCategory::store(categories);
    let mut am: organisation::ActiveModel = org.clone().into();
    am.categories = Set(stored.clone());
    am.updated_at = Set(now);
    let updated = am.update(&txn).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(reviewer.id, &reviewer.login),
        Event {
            action: "organisation.categories",
            entity: "organisation",
            entity_id: org.id.to_string(),
            before: Some(serde_json::json!({ "categories": labels(org.categories.as_deref()) })),
            after: Some(serde_json::json!({ "categories": labels(stored.as_deref()) })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(updated)
}

/// What the owner of an organisation may change on its profile page (name, code and region
/// stay as verified; changing them is a new registration).
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct ProfileForm {
    /// An enterprise not yet verified may still correct its name and credit code (left empty,
    /// they stay as they are).
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub uscc: String,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_phone: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub population: String,
    #[serde(default)]
    pub poor_households: String,
    #[serde(default)]
    pub poor_population: String,
    #[serde(default)]
    pub main_industries: String,
    #[serde(default)]
    pub first_secretary: String,
    #[serde(default)]
    pub first_secretary_phone: String,
    #[serde(default)]
    pub party_secretary: String,
    #[serde(default)]
    pub party_secretary_phone: String,
}

/// The profile form's fields, in order.
pub const PROFILE_FIELDS: &[&str] = &[
    "name",
    "uscc",
    "contact_name",
    "contact_phone",
    "address",
    "population",
    "poor_households",
    "poor_population",
    "main_industries",
    "first_secretary",
    "first_secretary_phone",
    "party_secretary",
    "party_secretary_phone",
];

impl ProfileForm {
    /// The form as the organisation stands.
    pub fn of(o: &organisation::Model, sealer: &crate::crypto::Sealer) -> Self {
        let n = |v: Option<i32>| v.map(|x| x.to_string()).unwrap_or_default();
        let phone = |p: &Option<String>| sealer.open_opt(p.as_deref()).unwrap_or_default();
        Self {
            name: o.name.clone(),
            uscc: o.uscc.clone().unwrap_or_default(),
            contact_name: o.contact_name.clone().unwrap_or_default(),
            contact_phone: phone(&o.contact_phone),
            address: o.address.clone().unwrap_or_default(),
            population: n(o.population),
            poor_households: n(o.poor_households),
            poor_population: n(o.poor_population),
            main_industries: o.main_industries.clone().unwrap_or_default(),
            first_secretary: o.first_secretary.clone().unwrap_or_default(),
            first_secretary_phone: phone(&o.first_secretary_phone),
            party_secretary: o.party_secretary.clone().unwrap_or_default(),
            party_secretary_phone: phone(&o.party_secretary_phone),
        }
    }
}

fn text(v: &str, field: &str, label: &str, max: usize, errors: &mut FieldErrors) -> String {
    let t = v.trim();
    if t.is_empty() || t.chars().count() > max {
        errors.push((field.into(), format!("请填写{label}（不超过 {max} 字）")));
    }
    t.to_owned()
}

/// Saves the owner's edits to its own organisation.
pub async fn update_profile(
    db: &DatabaseConnection,
    sealer: &crate::crypto::Sealer,
    owner: &SessionUser,
    form: &ProfileForm,
    now: DateTime<Utc>,
) -> Result<organisation::Model> {
    let org_id = owner.organisation_id.ok_or(AppError::NotFound)?;
    owner.require(&[Role::Enterprise, Role::Village])?;
    let org = organisation::Entity::find_by_id(org_id).one(db).await?.ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    let mut am: organisation::ActiveModel = org.clone().into();
    am.contact_name = Set(Some(text(&form.contact_name, "contact_name", "联系人姓名", 50, &mut errors)));
    let phone = check(auth::parse_mobile(&form.contact_phone), "contact_phone", &mut errors);
    am.contact_phone = Set(Some(sealer.seal(&phone)));
    // What the office checks against the licence may be corrected until it is verified.
    let correcting = org.kind == OrgKind::Enterprise.code()
        && matches!(OrgStatus::parse(&org.status), Some(OrgStatus::Pending | OrgStatus::Returned));
    let mut new_uscc = None;
    if correcting {
        if !form.name.trim().is_empty() {
            am.name = Set(text(&form.name, "name", "企业名称", 60, &mut errors));
        }
        if !form.uscc.trim().is_empty() {
            new_uscc =
                check(crate::uscc::parse(&form.uscc).map_err(crate::uscc::UsccError::message), "uscc", &mut errors)
                    .into();
        }
    }
    if org.kind == OrgKind::Enterprise.code() {
        am.address = Set(Some(text(&form.address, "address", "企业地址", 200, &mut errors)));
    } else {
        let population = count_field(&form.population, "population", "总人口", &mut errors);
        let households = count_field(&form.poor_households, "poor_households", "建档立卡贫困户数", &mut errors);
        let poor = count_field(&form.poor_population, "poor_population", "建档立卡贫困人口", &mut errors);
        if poor > population {
            errors.push(("poor_population".into(), "贫困人口不能多于总人口".into()));
        }
        am.population = Set(Some(population));
        am.poor_households = Set(Some(households));
        am.poor_population = Set(Some(poor));
        let industries = form.main_industries.trim();
        if industries.chars().count() > 200 {
            errors.push(("main_industries".into(), "主导产业不超过 200 字".into()));
        }
        am.main_industries = Set(Some(industries.to_owned()));
        am.first_secretary = Set(Some(text(&form.first_secretary, "first_secretary", "第一书记姓名", 50, &mut errors)));
        let fs_phone = check(auth::parse_mobile(&form.first_secretary_phone), "first_secretary_phone", &mut errors);
        am.first_secretary_phone = Set(Some(sealer.seal(&fs_phone)));
        am.party_secretary =
            Set(Some(text(&form.party_secretary, "party_secretary", "村党组织书记姓名", 50, &mut errors)));
        let ps_phone = check(auth::parse_mobile(&form.party_secretary_phone), "party_secretary_phone", &mut errors);
        am.party_secretary_phone = Set(Some(sealer.seal(&ps_phone)));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    am.updated_at = Set(now);
    let txn = crate::db::write(db).await?;
    // A registration sent back goes to the office again once its owner has changed it; decided
    // on the row as it is now (the office may have acted since the form was read).
    let now_row =
        organisation::Entity::find_by_id(org_id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    let new_uscc = new_uscc.filter(|c: &String| !c.is_empty() && Some(c) != org.uscc.as_ref());
    let renamed = matches!(&am.name, sea_orm::ActiveValue::Set(n) if *n != org.name);
    if (renamed || new_uscc.is_some()) && now_row.status == OrgStatus::Verified.code() {
        return Err(AppError::Conflict("本单位刚通过认证，名称和信用代码不能再改；如需更正请联系扶贫办".into()));
    }
    if let Some(code) = new_uscc {
        let taken = organisation::Entity::find()
            .filter(organisation::Column::Uscc.eq(code.clone()))
            .filter(organisation::Column::Id.ne(org.id))
            .count(&txn)
            .await?
            > 0;
        if taken {
            return Err(AppError::field("uscc", "这个统一社会信用代码不能使用；如确属本单位，请联系扶贫办"));
        }
        am.uscc = Set(Some(code));
    }
    let resubmitted = now_row.status == OrgStatus::Returned.code();
    if resubmitted {
        am.status = Set(OrgStatus::Pending.code().into());
    }
    let updated = am.update(&txn).await?;
    if resubmitted {
        let offices = crate::pairings::offices_covering(&txn, &org.region_code).await?;
        let title = format!("{}已按意见修改注册信息，请重新审核", org.name);
        crate::pairings::notify(&txn, &offices, &title, "/office/organisations?status=pending", now).await?;
    }
    // A verified village's 建档立卡 figures weigh in the office's decisions and the matcher: a
    // change is told to its offices, with the figures before and after.
    let figure = |v: Option<i32>| v.map_or_else(|| "未填".to_owned(), |n| n.to_string());
    let changed: Vec<String> = [
        ("总人口", org.population, updated.population),
        ("建档立卡户", org.poor_households, updated.poor_households),
        ("建档立卡人口", org.poor_population, updated.poor_population),
    ]
    .into_iter()
    .filter(|(_, a, b)| a != b)
    .map(|(what, a, b)| format!("{what} {} → {}", figure(a), figure(b)))
    .collect();
    if !resubmitted && now_row.status == OrgStatus::Verified.code() && !changed.is_empty() {
        let offices = crate::pairings::offices_covering(&txn, &org.region_code).await?;
        let title = format!("{}修改了建档立卡数据：{}，请核对", org.name, changed.join("，"));
        crate::pairings::notify(&txn, &offices, &title, &format!("/organisations/{}", org.id), now).await?;
    }
    // Poverty figures are among what the matcher ranks by: its listings are written again.
    crate::outbox::record(&txn, now, "organisation", org.id, "update").await?;
    audit::record(
        &txn,
        now,
        &Actor::user(owner.id, &owner.login),
        Event {
            action: "organisation.update",
            entity: "organisation",
            entity_id: org.id.to_string(),
            before: Some(serde_json::to_value(&org).map_err(anyhow::Error::from)?),
            after: Some(serde_json::to_value(&updated).map_err(anyhow::Error::from)?),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(updated)
}

/// How many earlier passwords (the current one included) a new password may not repeat.
pub const PASSWORD_HISTORY: usize = 5;

/// Changes the caller's password; every session and every API token of the user ends (a
/// password that leaked must not leave a way in).
pub async fn change_password(
    db: &DatabaseConnection,
    who: &SessionUser,
    current: &str,
    new: &str,
    confirm: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let u = user::Entity::find_by_id(who.id).one(db).await?.ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    if !auth::verify_password_async(current.to_owned(), u.password_hash.clone()).await {
        errors.push(("current".into(), "当前密码不正确".into()));
    }
    if let Err(m) = auth::check_password_strength(new, &u.login) {
        errors.push(("password".into(), m.into()));
    } else if new != confirm {
        errors.push(("password_confirm".into(), "两次输入的密码不一致".into()));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let earlier: Vec<String> = password_history::Entity::find()
        .filter(password_history::Column::UserId.eq(u.id))
        .order_by_desc(password_history::Column::Id)
        .limit((PASSWORD_HISTORY - 1) as u64)
        .all(db)
        .await?
        .into_iter()
        .map(|h| h.password_hash)
        .collect();
    for old in std::iter::once(u.password_hash.clone()).chain(earlier) {
        if auth::verify_password_async(new.to_owned(), old).await {
            return Err(AppError::field("password", format!("新密码不能与最近 {PASSWORD_HISTORY} 次用过的密码相同")));
        }
    }
    let hash = auth::hash_password_async(new.to_owned()).await?;
    let txn = crate::db::write(db).await?;
    // The password checked above must still be the one stored (two changes at once: one wins).
    let changed = user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, sea_orm::sea_query::Expr::value(hash))
        .col_expr(user::Column::MustChangePassword, sea_orm::sea_query::Expr::value(false))
        .col_expr(user::Column::PasswordChangedAt, sea_orm::sea_query::Expr::value(Some(now)))
        .filter(user::Column::Id.eq(u.id))
        .filter(user::Column::PasswordHash.eq(u.password_hash.clone()))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(AppError::Conflict("密码刚刚已被修改，请用新密码重新登录。".into()));
    }
    password_history::ActiveModel {
        user_id: Set(u.id),
        password_hash: Set(u.password_hash.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    auth::session::delete_all_of(&txn, who.id).await?;
    let revoked = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, sea_orm::sea_query::Expr::value(Some(now)))
        .filter(api_token::Column::UserId.eq(who.id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        now,
        &Actor::user(who.id, &who.login),
        Event {
            action: "user.password_change",
            entity: "user",
            entity_id: who.id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "tokens_revoked": revoked.rows_affected })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(())
}

/// Days a token works unless its creator chose otherwise.
pub const TOKEN_DEFAULT_DAYS: i64 = 90;
/// The lifetimes a token may be given, in days.
pub const TOKEN_DAYS: &[i64] = &[7, 30, 90, 365];

/// Creates a full-access API token for the caller that works [`TOKEN_DEFAULT_DAYS`] days.
pub async fn create_token(
    db: &DatabaseConnection,
    who: &SessionUser,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(String, api_token::Model)> {
    create_token_with(db, who, name, TOKEN_DEFAULT_DAYS, false, now).await
}

/// Creates an API token for the caller that works `days` days (one of [`TOKEN_DAYS`]) and, if
/// `read_only`, may only read; returns the token (shown once) and its row.
pub async fn create_token_with(
    db: &DatabaseConnection,
    who: &SessionUser,
    name: &str,
    days: i64,
    read_only: bool,
    now: DateTime<Utc>,
) -> Result<(String, api_token::Model)> {
    let name = name.trim();
    let mut errors = FieldErrors::new();
    if name.is_empty() || name.chars().count() > 50 || name.chars().any(char::is_control) {
        errors.push(("name".into(), "请填写令牌用途（不超过 50 字），例如“台账同步”".into()));
    }
    if !TOKEN_DAYS.contains(&days) {
        errors.push(("days".into(), "有效期须为 7、30、90 或 365 天".into()));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let token = format!("{}{}", crate::web::extract::TOKEN_PREFIX, auth::random_hex(32));
    let txn = crate::db::write(db).await?;
    let row = api_token::ActiveModel {
        user_id: Set(who.id),
        name: Set(name.to_owned()),
        token_hash: Set(auth::sha256_hex(&token)),
        prefix: Set(token[..10].to_owned()),
        created_at: Set(now),
        expires_at: Set(Some(now + chrono::Duration::days(days))),
        read_only: Set(read_only),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        &Actor::user(who.id, &who.login),
        Event {
            action: "api_token.create",
            entity: "api_token",
            entity_id: row.id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "name": row.name, "prefix": row.prefix, "expires_at": row.expires_at, "read_only": row.read_only
            })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok((token, row))
}

/// Revokes one of the caller's tokens (another user's token answers 404).
pub async fn revoke_token(db: &DatabaseConnection, who: &SessionUser, token_id: i32, now: DateTime<Utc>) -> Result<()> {
    let t = api_token::Entity::find_by_id(token_id)
        .one(db)
        .await?
        .filter(|t| t.user_id == who.id)
        .ok_or(AppError::NotFound)?;
    if t.revoked_at.is_some() {
        return Ok(());
    }
    let txn = crate::db::write(db).await?;
    api_token::ActiveModel { id: Set(t.id), revoked_at: Set(Some(now)), ..Default::default() }.update(&txn).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(who.id, &who.login),
        Event {
            action: "api_token.revoke",
            entity: "api_token",
            entity_id: t.id.to_string(),
            before: None,
            after: None,
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(())
}

/// Seals organisations' and users' phones stored readable (written before sealing began, by
/// the demo loader or by an older import); run when a node starts. Returns how many rows.
pub async fn seal_plain_phones(db: &DatabaseConnection, sealer: &crate::crypto::Sealer) -> Result<u64> {
    use crate::crypto::Sealer as S;
    let plain = |v: &Option<String>| v.as_deref().is_some_and(|p| !S::is_sealed(p));
    let orgs: Vec<organisation::Model> = organisation::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|o| plain(&o.contact_phone) || plain(&o.first_secretary_phone) || plain(&o.party_secretary_phone))
        .collect();
    let users: Vec<user::Model> = user::Entity::find().all(db).await?.into_iter().filter(|u| plain(&u.phone)).collect();
    if orgs.is_empty() && users.is_empty() {
        return Ok(0);
    }
    let seal = |v: &Option<String>| match v.as_deref() {
        Some(p) if !S::is_sealed(p) => Some(sealer.seal(p)),
        other => other.map(str::to_owned),
    };
    let txn = crate::db::write(db).await?;
    for o in &orgs {
        organisation::ActiveModel {
            id: Set(o.id),
            contact_phone: Set(seal(&o.contact_phone)),
            first_secretary_phone: Set(seal(&o.first_secretary_phone)),
            party_secretary_phone: Set(seal(&o.party_secretary_phone)),
            ..Default::default()
        }
        .update(&txn)
        .await?;
    }
    for u in &users {
        user::ActiveModel { id: Set(u.id), phone: Set(seal(&u.phone)), ..Default::default() }.update(&txn).await?;
    }
    audit::record(
        &txn,
        Utc::now(),
        &Actor::system("seal"),
        Event {
            action: "phones.sealed",
            entity: "organisation",
            entity_id: String::new(),
            before: None,
            after: Some(serde_json::json!({ "organisations": orgs.len(), "users": users.len() })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok((orgs.len() + users.len()) as u64)
}
