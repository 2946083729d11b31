//! The caller's own account: password change and personal API tokens.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect, Response};
use entity::api_token;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::extract::{CsrfForm, NoFields};
use super::render::field_errors;
use super::{ANY_ROLE, Routes};
use crate::accounts;
use crate::app::AppState;
use crate::auth::guard::Auth;
use crate::auth::session::{self, SESSION_COOKIE};
use crate::clock::to_shanghai;
use crate::error::{AppError, Result};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(ANY_ROLE, "/account", show)
        .post_as(ANY_ROLE, "/account/password", password)
        .post_as(ANY_ROLE, "/account/tokens", create_token)
        .post_as(ANY_ROLE, "/account/tokens/{id}/revoke", revoke_token)
}

const FIELDS: &[&str] = &["current", "password", "password_confirm", "name", "days"];

#[derive(Serialize)]
struct TokenRow {
    id: i32,
    name: String,
    prefix: String,
    created: String,
    last_used: String,
    expires: String,
    read_only: bool,
    /// Revoked or expired.
    ended: bool,
    status: &'static str,
}

#[derive(Serialize)]
struct AccountView {
    errors: BTreeMap<String, String>,
    notice: String,
    new_token: String,
    first_login: bool,
    /// The password must be changed before anything else (tokens are hidden meanwhile).
    gated: bool,
    expired: bool,
    tokens: Vec<TokenRow>,
}

#[derive(Deserialize, Default)]
struct AccountQuery {
    #[serde(default)]
    first: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

fn fmt_time(t: chrono::DateTime<chrono::Utc>) -> String {
    to_shanghai(t).format("%Y年%m月%d日 %H:%M").to_string()
}

async fn page(
    state: &AppState,
    auth: &Auth,
    errors: &[(String, String)],
    notice: &str,
    new_token: &str,
    first: bool,
) -> Result<Response> {
    let user = auth.user()?;
    let now = state.clock.now();
    let tokens = api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user.id))
        .order_by_desc(api_token::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|t| {
            let expired = t.expires_at.is_some_and(|at| at <= now);
            let status = match (t.revoked_at.is_some(), expired) {
                (true, _) => "已吊销",
                (false, true) => "已过期",
                (false, false) => "有效",
            };
            TokenRow {
                id: t.id,
                name: t.name,
                prefix: t.prefix,
                created: fmt_time(t.created_at),
                last_used: t.last_used_at.map(fmt_time).unwrap_or_else(|| "从未使用".into()),
                expires: t.expires_at.map(fmt_time).unwrap_or_else(|| "不过期".into()),
                read_only: t.read_only,
                ended: t.revoked_at.is_some() || expired,
                status,
            }
        })
        .collect();
    let view = AccountView {
        errors: field_errors(FIELDS, errors),
        notice: notice.to_owned(),
        new_token: new_token.to_owned(),
        first_login: first || user.must_change_password,
        gated: user.must_change_password || user.must_enroll_totp,
        expired: user.password_expired,
        tokens,
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "account/show", "我的账号", &view)?).into_response())
}

async fn show(State(state): State<AppState>, auth: Auth, Query(q): Query<AccountQuery>) -> Result<Response> {
    let notice = if q.done.is_some() { "已完成。" } else { "" };
    page(&state, &auth, &[], notice, "", q.first.is_some()).await
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

async fn password(
    State(state): State<AppState>,
    auth: Auth,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<Response> {
    let user = auth.user()?.clone();
    let now = state.clock.now();
    match accounts::change_password(&state.db, &user, &form.current, &form.password, &form.password_confirm, now).await
    {
        Ok(()) => {
            // Every session ended with the change; this device gets a new one.
            let secret = session::create(&state.db, user.id, user.role, now, false).await?;
            let cookie = session::set_cookie(SESSION_COOKIE, &secret, state.config.secure_cookies);
            // A second factor that must be set up is the next step; otherwise the user's home,
            // saying what happened.
            if user.must_enroll_totp {
                return Ok(([(SET_COOKIE, cookie)], Redirect::to("/account/totp?first=1")).into_response());
            }
            let home = super::extract::home_of(user.role);
            let mut done = super::flash::redirect(home, "密码已修改，其他设备上的登录已退出。");
            if let Ok(v) = axum::http::HeaderValue::from_str(&cookie) {
                done.headers_mut().append(SET_COOKIE, v);
            }
            Ok(done)
        }
        Err(AppError::Invalid(errors)) => page(&state, &auth, &errors, "", "", false).await,
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    read_only: Option<String>,
}

async fn create_token(
    State(state): State<AppState>,
    auth: Auth,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> Result<Response> {
    let user = auth.user()?;
    let days = match form.days.trim() {
        "" => accounts::TOKEN_DEFAULT_DAYS,
        d => d.parse::<i64>().unwrap_or(-1),
    };
    match accounts::create_token_with(&state.db, user, &form.name, days, form.read_only.is_some(), state.clock.now())
        .await
    {
        Ok((token, _)) => page(&state, &auth, &[], "令牌已创建。它只显示这一次，请立即复制保存。", &token, false).await,
        Err(AppError::Invalid(errors)) => page(&state, &auth, &errors, "", "", false).await,
        Err(e) => Err(e),
    }
}

async fn revoke_token(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    accounts::revoke_token(&state.db, auth.user()?, id, state.clock.now()).await?;
    Ok(super::flash::redirect("/account", "令牌已吊销：用它的程序从现在起无法再调用接口。"))
}
