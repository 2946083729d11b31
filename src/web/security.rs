//! The security administrator's pages: one-time passwords issued (shown once, to the issuer),
//! lockouts cleared, and the security settings. It acts on business accounts only.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::admin::{AccountPage, ListQuery};
use super::extract::CsrfForm;
use crate::accounts;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::auth::settings::SecuritySettings;
use crate::error::{AppError, Result};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Security], "/security/users", list)
        .post_as(&[Role::Security], "/security/users/{id}/{action}", act)
        .get_as(&[Role::Security], "/security/users/{id}/scope", scope_form)
        .post_as(&[Role::Security], "/security/users/{id}/scope", scope_submit)
        .get_as(&[Role::Security], "/security/settings", settings)
        .post_as(&[Role::Security], "/security/settings", save_settings)
}

#[derive(Serialize)]
struct ListView {
    #[serde(flatten)]
    list: AccountPage,
    notice: String,
    issued_name: String,
    issued_login: String,
    one_time_password: String,
}

async fn list_page(
    state: &AppState,
    auth: &Auth,
    q: &ListQuery,
    issued: Option<(String, String, String)>,
) -> Result<Response> {
    auth.require(&[Role::Security])?;
    let notice = match q.done.as_str() {
        "unlock" => "已解除该账号的登录限制。".into(),
        "reset_totp" => "已清除该账号的两步验证：本人下次登录时须重新扫码设置，原有登录已全部退出。".into(),
        "scope" => "已调整审核范围；该审核员的登录已全部退出，下次登录起按新范围审核。".into(),
        _ => String::new(),
    };
    let (issued_name, issued_login, one_time_password) = issued.unwrap_or_default();
    let view = ListView {
        list: AccountPage::load(state, q, "/security/users").await?,
        notice,
        issued_name,
        issued_login,
        one_time_password,
    };
    Ok(state.templates.page(auth, "security/users", "账号安全", &view)?.into_response())
}

async fn list(State(state): State<AppState>, auth: Auth, Query(q): Query<ListQuery>) -> Result<Response> {
    list_page(&state, &auth, &q, None).await
}

async fn act(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, action)): Path<(i32, String)>,
    CsrfForm(form): CsrfForm<ActForm>,
) -> Result<Response> {
    let who = auth.require(&[Role::Security])?;
    let now = state.clock.now();
    match action.as_str() {
        // The password is shown in this answer only; reloading the list shows it no more, and
        // sending the form again (a reload of this answer) issues no other.
        "issue" => {
            let (u, password) = accounts::issue_password(&state.db, who, id, &form.submission, now).await?;
            list_page(&state, &auth, &ListQuery::default(), Some((u.display_name, u.login, password))).await
        }
        "unlock" => {
            accounts::unlock(&state.db, who, id, now).await?;
            Ok(Redirect::to("/security/users?done=unlock").into_response())
        }
        "reset_totp" => {
            accounts::reset_second_factor(&state.db, who, id, now).await?;
            Ok(Redirect::to("/security/users?done=reset_totp").into_response())
        }
        _ => Err(AppError::NotFound),
    }
}

/// A step on an account: only 签发 carries its form's one-time key.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ActForm {
    submission: String,
}

/// A reviewer's new jurisdiction.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ScopeForm {
    jurisdiction: String,
}

async fn scope_submit(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<ScopeForm>,
) -> Result<Response> {
    let who = auth.require(&[Role::Security])?;
    match accounts::change_scope(&state.db, who, id, &form.jurisdiction, state.clock.now()).await {
        Ok(_) => Ok(Redirect::to("/security/users?done=scope").into_response()),
        Err(AppError::Invalid(errors)) => scope_page(&state, &auth, id, &form.jurisdiction, &errors).await,
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct ScopeView {
    id: i32,
    name: String,
    current: String,
    jurisdictions: Vec<super::admin::Choice>,
    errors: BTreeMap<String, String>,
}

async fn scope_page(
    state: &AppState,
    auth: &Auth,
    id: i32,
    selected: &str,
    errors: &[(String, String)],
) -> Result<Response> {
    use sea_orm::EntityTrait;
    auth.require(&[Role::Security])?;
    let u = entity::user::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|u| u.role == Role::Office.code())
        .ok_or(AppError::NotFound)?;
    let current = match u.organisation_id {
        Some(org) => {
            entity::organisation::Entity::find_by_id(org).one(&state.db).await?.map(|o| o.name).unwrap_or_default()
        }
        None => String::new(),
    };
    let view = ScopeView {
        id,
        name: u.display_name,
        current,
        jurisdictions: super::admin::jurisdictions(state, selected).await?,
        errors: super::render::field_errors(&["jurisdiction"], errors),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "security/scope", "调整审核范围", &view)?).into_response())
}

async fn scope_form(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    scope_page(&state, &auth, id, "", &[]).await
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct SettingsForm {
    password_max_age_days: String,
    /// The checkbox: present when ticked.
    totp_required: Option<String>,
}

#[derive(Serialize)]
struct SettingsView {
    form: SettingsForm,
    errors: BTreeMap<String, String>,
    saved: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SavedQuery {
    saved: Option<String>,
}

async fn settings_page(state: &AppState, auth: &Auth, view: SettingsView) -> Result<Response> {
    let status = if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "security/settings", "安全设置", &view)?).into_response())
}

async fn settings(State(state): State<AppState>, auth: Auth, Query(q): Query<SavedQuery>) -> Result<Response> {
    auth.require(&[Role::Security])?;
    let s = state.security.get(&state.db).await?;
    let form = SettingsForm {
        password_max_age_days: s.password_max_age_days.to_string(),
        totp_required: s.totp_required.then(|| "on".to_owned()),
    };
    settings_page(&state, &auth, SettingsView { form, errors: BTreeMap::new(), saved: q.saved.is_some() }).await
}

async fn save_settings(
    State(state): State<AppState>,
    auth: Auth,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> Result<Response> {
    let who = auth.require(&[Role::Security])?;
    let parsed = form.password_max_age_days.trim().parse::<i64>().unwrap_or(-1);
    let new = SecuritySettings { password_max_age_days: parsed, totp_required: form.totp_required.is_some() };
    match SecuritySettings::save(&state.db, who, new, state.security.defaults(), state.clock.now()).await {
        Ok(()) => {
            state.security.forget();
            Ok(Redirect::to("/security/settings?saved=1").into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let errors = errors.into_iter().collect();
            settings_page(&state, &auth, SettingsView { form, errors, saved: false }).await
        }
        Err(e) => Err(e),
    }
}
