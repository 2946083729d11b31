//! The second factor on the web: the code asked for after the password, and setting it up
//! (a QR code drawn by the server, recovery codes shown once). The security administrator
//! clears it for someone who lost the phone (see `security`).

use std::collections::BTreeMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::{EntityTrait, QuerySelect};
use serde::{Deserialize, Serialize};

use super::extract::{ClientIp, CsrfForm, home_of};
use super::{ANY_ROLE, Routes};
use crate::app::AppState;
use crate::audit::{self, Actor, Event};
use crate::auth::guard::Auth;
use crate::auth::totp::{self, Proof};
use crate::auth::{session, throttle};
use crate::error::{AppError, Result};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get("/login/totp", code_form)
        .post("/login/totp", code_submit)
        .get_as(ANY_ROLE, "/account/totp", setup)
        .post_as(ANY_ROLE, "/account/totp", confirm)
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct CodeForm {
    #[serde(skip_serializing)]
    code: String,
    next: String,
}

#[derive(Serialize)]
struct CodeView<'a> {
    form: &'a CodeForm,
    error: String,
}

fn code_page(state: &AppState, auth: &Auth, form: &CodeForm, error: String, status: StatusCode) -> Result<Response> {
    let html = state.templates.page(auth, "auth/totp", "两步验证", &CodeView { form, error })?;
    Ok((status, html).into_response())
}

/// [`code_page`] for too many tries: 429 with the wait in `Retry-After`, as at the password.
fn throttled_page(state: &AppState, auth: &Auth, form: &CodeForm, wait: i64) -> Result<Response> {
    let error = AppError::TooManyRequests(wait).to_string();
    let mut res = code_page(state, auth, form, error, StatusCode::TOO_MANY_REQUESTS)?;
    if let Ok(v) = axum::http::HeaderValue::from_str(&wait.max(1).to_string()) {
        res.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
    }
    Ok(res)
}

/// Only a session waiting for its second factor has anything to do here.
fn waiting(auth: &Auth) -> Option<Response> {
    match &auth.user {
        None => Some(Redirect::to("/login").into_response()),
        Some(u) if !u.second_factor_pending => Some(Redirect::to(home_of(u.role)).into_response()),
        Some(_) => None,
    }
}

async fn code_form(State(state): State<AppState>, auth: Auth, Query(form): Query<CodeForm>) -> Result<Response> {
    if let Some(elsewhere) = waiting(&auth) {
        return Ok(elsewhere);
    }
    code_page(&state, &auth, &form, String::new(), StatusCode::OK)
}

async fn code_submit(
    State(state): State<AppState>,
    auth: Auth,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<Response> {
    if let Some(elsewhere) = waiting(&auth) {
        return Ok(elsewhere);
    }
    let (Some(user), Some(secret)) = (&auth.user, &auth.session_secret) else { return Err(AppError::Unauthorized) };
    let now = state.clock.now();
    // Codes are guessed like passwords: the same delays, checked in the transaction that
    // counts the failure with the account's row locked, so codes sent all at once meet them too.
    let txn = crate::db::write(&state.db).await?;
    entity::user::Entity::find_by_id(user.id).lock_exclusive().one(&txn).await?;
    let wait = throttle::wait(&txn, &user.login, &ip, now).await?;
    if wait > 0 {
        crate::db::commit(txn).await?;
        return throttled_page(&state, &auth, &form, wait);
    }
    let proof = totp::prove(&txn, &state.sealer, user.id, &form.code, now).await?;
    let actor = Actor::user(user.id, &user.login);
    let event = |action| Event { action, entity: "user", entity_id: user.id.to_string(), before: None, after: None };
    let Some(proof) = proof else {
        audit::record(&txn, now, &actor, event("login.second_factor_failure")).await?;
        if throttle::failed(&txn, &user.login, &ip, now).await? {
            audit::record(&txn, now, &actor, event("login.throttled")).await?;
        }
        crate::db::commit(txn).await?;
        let error = "动态码不对或已用过：请输入验证器上当前显示的 6 位数字，或一个未用过的恢复码。".to_owned();
        return code_page(&state, &auth, &form, error, StatusCode::UNAUTHORIZED);
    };
    if !session::second_factor_done(&txn, secret).await? {
        return Err(AppError::Conflict("这次登录已经验证过了".into()));
    }
    throttle::succeeded(&txn, &user.login, &ip).await?;
    let action = match proof {
        Proof::Code => "login.second_factor",
        Proof::Recovery { .. } => "login.recovery_code",
    };
    audit::record(&txn, now, &actor, event(action)).await?;
    crate::db::commit(txn).await?;
    let target = if user.must_change_password {
        "/account?first=1".to_owned()
    } else if let Proof::Recovery { left } = proof {
        format!("/account/totp?recovery_left={left}")
    } else {
        super::auth_pages::safe_next(&form.next).unwrap_or(home_of(user.role)).to_owned()
    };
    Ok(Redirect::to(&target).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SetupQuery {
    first: Option<String>,
    recovery_left: Option<usize>,
}

#[derive(Serialize, Default)]
struct SetupView {
    enabled: bool,
    first: bool,
    required: bool,
    secret: String,
    qr_svg: String,
    errors: BTreeMap<String, String>,
    recovery_codes: Vec<String>,
    recovery_left: Option<usize>,
    enabled_on: String,
}

async fn setup_page(state: &AppState, auth: &Auth, mut view: SetupView, status: StatusCode) -> Result<Response> {
    let user = auth.user()?;
    view.required = user.must_enroll_totp;
    view.errors = super::render::field_errors(&["code"], &view.errors.into_iter().collect::<Vec<_>>());
    let u = entity::user::Entity::find_by_id(user.id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    view.enabled = u.totp_enabled_at.is_some();
    if let Some(at) = u.totp_enabled_at {
        view.enabled_on = crate::clock::to_shanghai(at).format("%Y年%m月%d日").to_string();
    } else if view.recovery_codes.is_empty() {
        let e = totp::enrolment(&state.db, &state.sealer, user).await?;
        // Groups of four, easier to type into an app by hand.
        let chunks: Vec<String> =
            e.secret_base32.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
        view.secret = chunks.join(" ");
        view.qr_svg = e.qr_svg;
    }
    Ok((status, state.templates.page(auth, "account/totp", "两步验证", &view)?).into_response())
}

async fn setup(State(state): State<AppState>, auth: Auth, Query(q): Query<SetupQuery>) -> Result<Response> {
    let view = SetupView { first: q.first.is_some(), recovery_left: q.recovery_left, ..Default::default() };
    setup_page(&state, &auth, view, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ConfirmForm {
    code: String,
}

async fn confirm(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<ConfirmForm>) -> Result<Response> {
    let user = auth.user()?;
    match totp::confirm(&state.db, &state.sealer, user, &form.code, state.clock.now()).await {
        // The codes are on this answer only.
        Ok(codes) => {
            let mut auth = auth.clone();
            if let Some(u) = auth.user.as_mut() {
                u.must_enroll_totp = false;
            }
            setup_page(&state, &auth, SetupView { recovery_codes: codes, ..Default::default() }, StatusCode::OK).await
        }
        Err(AppError::Invalid(errors)) => {
            let view = SetupView { errors: errors.into_iter().collect(), ..Default::default() };
            setup_page(&state, &auth, view, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e),
    }
}
