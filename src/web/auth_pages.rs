//! Logging in and out, and self-registration of enterprises and village committees.

use std::collections::BTreeMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect, Response};
use entity::{industry, region};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::{ClientIp, CsrfForm, NoFields, home_of};
use super::render::field_errors;
use crate::accounts::{self, ENTERPRISE_FIELDS, EnterpriseForm, VILLAGE_FIELDS, VillageForm};
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::auth::login::{self, Outcome};
use crate::auth::session::{self, SESSION_COOKIE};
use crate::error::{AppError, Result};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get("/login", login_form)
        .post("/login", login_submit)
        .post("/logout", logout)
        .get("/register", register_choice)
        .get("/register/enterprise", enterprise_form)
        .post("/register/enterprise", enterprise_submit)
        .get("/register/village", village_form)
        .post("/register/village", village_submit)
}

/// The one message for every refused login.
pub const LOGIN_REFUSED: &str = "登录名或密码错误。同一账号在同一处连续输错 5 次后，须等待一段时间才能再试。";

#[derive(Debug, Default, Deserialize, Serialize)]
struct LoginForm {
    #[serde(default)]
    login: String,
    #[serde(default, skip_serializing)]
    password: String,
    #[serde(default)]
    next: String,
}

#[derive(Serialize)]
struct LoginView<'a> {
    form: &'a LoginForm,
    error: &'a str,
}

/// Only local paths are followed after login, written in visible ASCII (a page's own address
/// is percent-encoded already); anything else — a control character, a space, another site —
/// is ignored and the user lands on their home page.
pub fn safe_next(next: &str) -> Option<&str> {
    let visible = next.bytes().all(|b| b.is_ascii_graphic());
    (visible && next.len() <= 2000 && next.starts_with('/') && !next.starts_with("//") && !next.contains('\\'))
        .then_some(next)
}

async fn login_form(State(state): State<AppState>, auth: Auth, Query(form): Query<LoginForm>) -> Result<Response> {
    if let Some(user) = &auth.user {
        return Ok(Redirect::to(home_of(user.role)).into_response());
    }
    Ok(state.templates.page(&auth, "auth/login", "登录", &LoginView { form: &form, error: "" })?.into_response())
}

async fn login_submit(
    State(state): State<AppState>,
    auth: Auth,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<Response> {
    let now = state.clock.now();
    match login::attempt(&state.db, &form.login, &form.password, &ip, now).await? {
        Outcome::Success { user, secret } => {
            // A session from before (another user on a shared phone) ends here.
            if let Some(old) = &auth.session_secret {
                session::delete(&state.db, old).await?;
            }
            let role = Role::parse(&user.role).unwrap_or(Role::Enterprise);
            let target = if user.totp_enabled_at.is_some() {
                // The second factor next; the page it asks for after that is kept.
                let next = safe_next(&form.next).unwrap_or_default();
                format!("/login/totp?{}", serde_urlencoded::to_string([("next", next)]).unwrap_or_default())
            } else if user.must_change_password {
                "/account?first=1".to_owned()
            } else {
                safe_next(&form.next).unwrap_or(home_of(role)).to_owned()
            };
            let cookie = session::set_cookie(SESSION_COOKIE, &secret, state.config.secure_cookies);
            Ok(([(SET_COOKIE, cookie)], Redirect::to(&target)).into_response())
        }
        Outcome::Refused => {
            let html =
                state.templates.page(&auth, "auth/login", "登录", &LoginView { form: &form, error: LOGIN_REFUSED })?;
            Ok((StatusCode::UNAUTHORIZED, html).into_response())
        }
        Outcome::Disabled => {
            let error =
                "这个账号已被停用，不能登录。如需恢复，请联系本单位的平台联络人或县扶贫办，由系统管理员重新启用。";
            let html = state.templates.page(&auth, "auth/login", "登录", &LoginView { form: &form, error })?;
            Ok((StatusCode::FORBIDDEN, html).into_response())
        }
        Outcome::Throttled(secs) => {
            let error = AppError::TooManyRequests(secs).to_string();
            let html = state.templates.page(&auth, "auth/login", "登录", &LoginView { form: &form, error: &error })?;
            let retry = [(axum::http::header::RETRY_AFTER, secs.to_string())];
            Ok((StatusCode::TOO_MANY_REQUESTS, retry, html).into_response())
        }
    }
}

async fn logout(State(state): State<AppState>, auth: Auth, CsrfForm(_): CsrfForm<NoFields>) -> Result<Response> {
    if let (Some(secret), Some(user)) = (&auth.session_secret, &auth.user) {
        session::delete(&state.db, secret).await?;
        let txn = crate::db::write(&state.db).await?;
        crate::audit::record(
            &txn,
            state.clock.now(),
            &crate::audit::Actor::user(user.id, &user.login),
            crate::audit::Event {
                action: "logout",
                entity: "user",
                entity_id: user.id.to_string(),
                before: None,
                after: None,
            },
        )
        .await?;
        crate::db::commit(txn).await?;
    }
    let cookie = session::clear_cookie(SESSION_COOKIE, state.config.secure_cookies);
    let mut res = super::flash::redirect("/", "已退出登录。");
    if let Ok(v) = axum::http::HeaderValue::from_str(&cookie) {
        res.headers_mut().append(SET_COOKIE, v);
    }
    Ok(res)
}

async fn register_choice(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    Ok(state.templates.page(&auth, "auth/register", "注册", &super::render::Empty {})?.into_response())
}

#[derive(Serialize)]
struct Choice {
    code: String,
    name: String,
    selected: bool,
}

#[derive(Serialize)]
struct Group {
    name: String,
    options: Vec<Choice>,
}

/// The deployment's counties (those whose villages are in the imported region codes), by code.
async fn counties(state: &AppState, selected: &str) -> Result<Vec<Choice>> {
    Ok(super::organisations::deployment_counties(state)
        .await?
        .into_iter()
        .map(|(code, name)| Choice { selected: code == selected, code, name })
        .collect())
}

#[derive(Serialize)]
struct EnterpriseView<'a> {
    form: &'a EnterpriseForm,
    errors: BTreeMap<String, String>,
    counties: Vec<Choice>,
    industries: Vec<Choice>,
}

async fn enterprise_page(
    state: &AppState,
    auth: &Auth,
    form: &EnterpriseForm,
    errors: &[(String, String)],
) -> Result<Response> {
    let industries = industry::Entity::find()
        .filter(industry::Column::Level.eq(2))
        .order_by_asc(industry::Column::Code)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|i| Choice {
            selected: i.code == form.industry_code,
            name: format!("{} {}", i.code, i.name),
            code: i.code,
        })
        .collect();
    let view = EnterpriseView {
        form,
        errors: field_errors(ENTERPRISE_FIELDS, errors),
        counties: counties(state, &form.county_code).await?,
        industries,
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "auth/register_enterprise", "企业注册", &view)?).into_response())
}

async fn enterprise_form(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    enterprise_page(&state, &auth, &EnterpriseForm::default(), &[]).await
}

/// Logs the new user in and sends them to their profile.
async fn log_in_new_user(state: &AppState, user: &entity::user::Model, role: Role) -> Result<Response> {
    let secret = session::create(&state.db, user.id, role, state.clock.now(), false).await?;
    let cookie = session::set_cookie(SESSION_COOKIE, &secret, state.config.secure_cookies);
    Ok(([(SET_COOKIE, cookie)], Redirect::to("/profile?registered=1")).into_response())
}

async fn enterprise_submit(
    State(state): State<AppState>,
    auth: Auth,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<EnterpriseForm>,
) -> Result<Response> {
    if let Err(e @ AppError::TooManyRequests(_)) = state.register_limiter.admit(&state.db, &ip, state.clock.now()).await
    {
        let mut res = enterprise_page(&state, &auth, &form, &[("conflict".into(), e.to_string())]).await?;
        *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        return Ok(res);
    }
    match accounts::register_enterprise(&state.db, &state.sealer, &form, state.clock.now()).await {
        Ok(user) => log_in_new_user(&state, &user, Role::Enterprise).await,
        Err(AppError::Invalid(errors)) => enterprise_page(&state, &auth, &form, &errors).await,
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, Deserialize)]
struct VillageQuery {
    #[serde(default)]
    county: String,
}

#[derive(Serialize)]
struct VillageView<'a> {
    form: &'a VillageForm,
    errors: BTreeMap<String, String>,
    counties: Vec<Choice>,
    townships: Vec<Group>,
    county_chosen: bool,
}

async fn village_page(
    state: &AppState,
    auth: &Auth,
    form: &VillageForm,
    errors: &[(String, String)],
) -> Result<Response> {
    let mut townships = Vec::new();
    let chosen = form.county_code.len() == 12 && form.county_code.bytes().all(|b| b.is_ascii_digit());
    if chosen {
        let prefix = &form.county_code[..6];
        let rows = region::Entity::find()
            .filter(region::Column::Code.starts_with(prefix))
            .filter(region::Column::Level.is_in([4, 5]))
            .order_by_asc(region::Column::Code)
            .all(&state.db)
            .await?;
        // Villages that already have an account are not offered again; nor are urban
        // neighbourhoods (居委会, 社区), which this drive does not pair.
        let taken: std::collections::HashSet<String> = entity::organisation::Entity::find()
            .filter(entity::organisation::Column::Kind.eq(crate::domain::OrgKind::Village.code()))
            .filter(entity::organisation::Column::RegionCode.starts_with(prefix))
            .filter(entity::organisation::Column::Status.ne(crate::domain::OrgStatus::Rejected.code()))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|o| o.region_code)
            .collect();
        for r in rows {
            if r.level == 4 {
                townships.push(Group { name: r.name, options: Vec::new() });
            } else if taken.contains(&r.code) || r.name.ends_with("居委会") || r.name.ends_with("社区") {
                continue;
            } else if let Some(group) = townships.last_mut() {
                group.options.push(Choice { selected: r.code == form.village_code, code: r.code, name: r.name });
            }
        }
        townships.retain(|g| !g.options.is_empty());
    }
    let view = VillageView {
        form,
        errors: field_errors(VILLAGE_FIELDS, errors),
        counties: counties(state, &form.county_code).await?,
        townships,
        county_chosen: chosen,
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "auth/register_village", "村委会注册", &view)?).into_response())
}

async fn village_form(State(state): State<AppState>, auth: Auth, Query(q): Query<VillageQuery>) -> Result<Response> {
    let form = VillageForm { county_code: q.county, ..Default::default() };
    village_page(&state, &auth, &form, &[]).await
}

async fn village_submit(
    State(state): State<AppState>,
    auth: Auth,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<VillageForm>,
) -> Result<Response> {
    if let Err(e @ AppError::TooManyRequests(_)) = state.register_limiter.admit(&state.db, &ip, state.clock.now()).await
    {
        let mut res = village_page(&state, &auth, &form, &[("conflict".into(), e.to_string())]).await?;
        *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        return Ok(res);
    }
    match accounts::register_village(&state.db, &state.sealer, &form, state.clock.now()).await {
        Ok(user) => log_in_new_user(&state, &user, Role::Village).await,
        Err(AppError::Invalid(errors)) => village_page(&state, &auth, &form, &errors).await,
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_plain_local_paths_are_followed_after_login() {
        assert_eq!(safe_next("/offers?q=%E5%A4%A7%E7%B1%B3"), Some("/offers?q=%E5%A4%A7%E7%B1%B3"));
        for bad in ["//evil.example", "/\\evil", "https://evil.example", "/\n/x", "/a b", "/大米", "", "/x\u{7f}"] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }
}
