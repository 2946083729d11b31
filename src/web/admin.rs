//! Account management for the system administrator (who approves nothing).

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use entity::{organisation, user};
use sea_orm::{EntityTrait, QueryOrder};
use serde::Serialize;

use super::Routes;
use super::extract::{CsrfForm, NoFields};
use super::render::field_errors;
use crate::accounts::{self, STAFF_FIELDS, StaffForm};
use crate::app::AppState;
use crate::audit::Actor;
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::error::{AppError, Result};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Admin], "/admin/users", list)
        .get_as(&[Role::Admin], "/admin/users/new", new_form)
        .post_as(&[Role::Admin], "/admin/users", create)
        .post_as(&[Role::Admin], "/admin/users/{id}/{action}", act)
}

#[derive(Serialize)]
struct UserRow {
    id: i32,
    login: String,
    display_name: String,
    role_label: &'static str,
    organisation: String,
    disabled: bool,
    locked: bool,
    is_self: bool,
}

#[derive(Serialize)]
struct ListView {
    users: Vec<UserRow>,
    created_login: String,
    one_time_password: String,
}

async fn list_page(state: &AppState, auth: &Auth, created: Option<(&str, &str)>) -> Result<Response> {
    let admin = auth.require(&[Role::Admin])?;
    let now = state.clock.now();
    let orgs: std::collections::HashMap<i32, String> =
        organisation::Entity::find().all(&state.db).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let users = user::Entity::find()
        .order_by_asc(user::Column::Role)
        .order_by_asc(user::Column::Login)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| UserRow {
            id: u.id,
            role_label: Role::parse(&u.role).map_or("未知", Role::label),
            organisation: u.organisation_id.and_then(|id| orgs.get(&id).cloned()).unwrap_or_default(),
            disabled: u.disabled,
            locked: u.locked_until.is_some_and(|t| t > now),
            is_self: u.id == admin.id,
            login: u.login,
            display_name: u.display_name,
        })
        .collect();
    let (created_login, one_time_password) =
        created.map_or((String::new(), String::new()), |(l, p)| (l.to_owned(), p.to_owned()));
    let view = ListView { users, created_login, one_time_password };
    Ok(state.templates.page(auth, "admin/users", "用户管理", &view)?.into_response())
}

async fn list(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    list_page(&state, &auth, None).await
}

#[derive(Serialize)]
struct NewView<'a> {
    form: &'a StaffForm,
    errors: BTreeMap<String, String>,
}

async fn new_page(state: &AppState, auth: &Auth, form: &StaffForm, errors: &[(String, String)]) -> Result<Response> {
    auth.require(&[Role::Admin])?;
    let view = NewView { form, errors: field_errors(STAFF_FIELDS, errors) };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "admin/new_user", "新建账号", &view)?).into_response())
}

async fn new_form(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    new_page(&state, &auth, &StaffForm { role: "office".into(), ..Default::default() }, &[]).await
}

async fn create(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<StaffForm>) -> Result<Response> {
    let admin = auth.require(&[Role::Admin])?;
    match accounts::create_staff(&state.db, &form, &Actor::user(admin.id, &admin.login), state.clock.now()).await {
        Ok((u, password)) => list_page(&state, &auth, Some((&u.login, &password))).await,
        Err(AppError::Invalid(errors)) => new_page(&state, &auth, &form, &errors).await,
        Err(e) => Err(e),
    }
}

async fn act(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, action)): Path<(i32, String)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    accounts::admin_update_user(&state.db, auth.require(&[Role::Admin])?, id, &action, state.clock.now()).await?;
    Ok(Redirect::to("/admin/users").into_response())
}
