//! The system administrator's pages: office reviewers' and help units' accounts made (without
//! a password: the security administrator issues it), business accounts disabled and enabled. It approves
//! nothing, sees no password and cannot touch the other administrators' accounts.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use entity::region;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::{CsrfForm, NoFields};
use super::render::field_errors;
use crate::accounts::{self, AccountRow, STAFF_FIELDS, StaffForm};
use crate::app::AppState;
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
        .get_as(&[Role::Admin], "/admin/users/{id}/confirm/disable", confirm_disable)
        .get_as(&[Role::Admin, Role::Office, Role::Auditor], "/admin/calendar", calendar)
        .post_as(&[Role::Admin], "/admin/calendar", save_calendar)
}

#[derive(Serialize)]
struct CalendarView {
    text: String,
    days: usize,
    can_edit: bool,
    errors: Vec<String>,
}

async fn calendar_page(state: &AppState, auth: &Auth, typed: Option<String>, errors: Vec<String>) -> Result<Response> {
    let user = auth.require(&[Role::Admin, Role::Office, Role::Auditor])?;
    let stored = crate::governance::workdays::load(&state.db).await?;
    let written = crate::db::setting(&state.db, crate::governance::workdays::SETTING).await?.unwrap_or_default();
    let view =
        CalendarView { days: stored.len(), text: typed.unwrap_or(written), can_edit: user.role == Role::Admin, errors };
    let status = if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "admin/calendar", "节假日安排", &view)?).into_response())
}

async fn calendar(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    calendar_page(&state, &auth, None, Vec::new()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CalendarForm {
    days: String,
}

async fn save_calendar(
    State(state): State<AppState>,
    auth: Auth,
    CsrfForm(form): CsrfForm<CalendarForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Admin])?;
    match crate::governance::workdays::save(&state.db, user, &form.days, state.clock.now()).await {
        Ok(c) => Ok(super::flash::redirect(
            "/admin/calendar",
            &format!("已保存节假日安排，共 {} 天；此后登记的监测事项按它计算工作日。", c.len()),
        )),
        Err(AppError::Invalid(errors)) => {
            calendar_page(&state, &auth, Some(form.days), errors.into_iter().map(|(_, m)| m).collect()).await
        }
        Err(e) => Err(e),
    }
}

/// Search and page of an account list.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    pub page: Option<u64>,
    /// What was just done, shown once.
    pub done: String,
    /// The login of the account just made.
    pub created: String,
}

/// One page of an account list with its paging links.
#[derive(Serialize)]
pub struct AccountPage {
    pub users: Vec<AccountRow>,
    pub q: String,
    pub page: u64,
    pub prev: String,
    pub next: String,
    pub total: u64,
}

impl AccountPage {
    /// Loads the page `query` asks for; `base` is the list's own path.
    pub async fn load(state: &AppState, query: &ListQuery, base: &str) -> Result<Self> {
        let page = query.page.unwrap_or(1).max(1);
        let (users, more) = accounts::business_accounts(&state.db, &query.q, page, state.clock.now()).await?;
        let link = |p: u64| {
            let q =
                serde_urlencoded::to_string([("q", query.q.as_str()), ("page", &p.to_string())]).unwrap_or_default();
            format!("{base}?{q}")
        };
        Ok(Self {
            users,
            q: query.q.clone(),
            page,
            prev: if page > 1 { link(page - 1) } else { String::new() },
            next: if more { link(page + 1) } else { String::new() },
            total: accounts::count_business_accounts(&state.db).await?,
        })
    }
}

#[derive(Serialize)]
struct ListView {
    #[serde(flatten)]
    list: AccountPage,
    notice: String,
}

async fn list(State(state): State<AppState>, auth: Auth, Query(q): Query<ListQuery>) -> Result<Response> {
    auth.require(&[Role::Admin])?;
    let notice = match q.done.as_str() {
        "created" => format!("已创建账号「{}」。它还没有密码：请安全管理员为其发放一次性密码。", q.created),
        "disable" => "账号已停用，其登录已全部退出。".into(),
        "enable" => "账号已启用。".into(),
        _ => String::new(),
    };
    let view = ListView { list: AccountPage::load(&state, &q, "/admin/users").await?, notice };
    Ok(state.templates.page(&auth, "admin/users", "用户管理", &view)?.into_response())
}

/// A region to pick as a reviewer's jurisdiction.
#[derive(Serialize)]
pub struct Choice {
    code: String,
    name: String,
    selected: bool,
}

/// Provinces, cities and counties by code: the jurisdictions a reviewer may be given.
pub async fn jurisdictions(state: &AppState, selected: &str) -> Result<Vec<Choice>> {
    Ok(region::Entity::find()
        .filter(region::Column::Level.lte(3))
        .order_by_asc(region::Column::Code)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| Choice { selected: r.code == selected, code: r.code, name: r.name })
        .collect())
}

#[derive(Serialize)]
struct NewView<'a> {
    form: &'a StaffForm,
    errors: BTreeMap<String, String>,
    jurisdictions: Vec<Choice>,
    units: Vec<Choice>,
    /// Which kind of account the form is for: office | help_unit | village.
    kind: &'static str,
}

/// The help units in post (帮扶责任 of kind 定点帮扶单位, not ended) an account may be made for.
async fn units(state: &AppState, selected: &str) -> Result<Vec<Choice>> {
    use crate::domain::ResponsibilityKind;
    let rows = entity::responsibility::Entity::find()
        .filter(entity::responsibility::Column::Kind.eq(ResponsibilityKind::HelpUnit.code()))
        .filter(entity::responsibility::Column::ToDate.is_null())
        .order_by_asc(entity::responsibility::Column::Name)
        .all(&state.db)
        .await?;
    let counties: std::collections::HashMap<String, String> = region::Entity::find()
        .filter(region::Column::Code.is_in(rows.iter().map(|r| r.county_code.clone()).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| Choice {
            selected: r.id.to_string() == selected,
            code: r.id.to_string(),
            name: format!("{}（联系{}）", r.name, counties.get(&r.county_code).map_or("", String::as_str)),
        })
        .collect())
}

async fn new_page(state: &AppState, auth: &Auth, form: &StaffForm, errors: &[(String, String)]) -> Result<Response> {
    auth.require(&[Role::Admin])?;
    let view = NewView {
        form,
        errors: field_errors(STAFF_FIELDS, errors),
        jurisdictions: jurisdictions(state, &form.jurisdiction).await?,
        units: units(state, &form.unit).await?,
        kind: match Role::parse(&form.role) {
            Some(Role::HelpUnit) => "help_unit",
            Some(Role::Village) => "village",
            _ => "office",
        },
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "admin/new_user", "新建账号", &view)?).into_response())
}

async fn new_form(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    new_page(&state, &auth, &StaffForm { role: "office".into(), ..Default::default() }, &[]).await
}

async fn create(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<StaffForm>) -> Result<Response> {
    let admin = auth.require(&[Role::Admin])?;
    match accounts::create_reviewer(&state.db, admin, &form, state.clock.now()).await {
        Ok(u) => {
            let q =
                serde_urlencoded::to_string([("done", "created"), ("created", u.login.as_str())]).unwrap_or_default();
            Ok(Redirect::to(&format!("/admin/users?{q}")).into_response())
        }
        Err(AppError::Invalid(errors)) => new_page(&state, &auth, &form, &errors).await,
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct DisableView {
    id: i32,
    display_name: String,
    role_label: &'static str,
    unit: String,
}

/// Disabling an account ends its sessions and locks its user out: asked before it is done.
async fn confirm_disable(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    use sea_orm::EntityTrait;
    let admin = auth.require(&[Role::Admin])?;
    if id == admin.id {
        return Err(AppError::Conflict("不能停用自己的账号".into()));
    }
    let u = entity::user::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let unit = match (u.organisation_id, u.unit_id) {
        (Some(o), _) => super::org_name(&state, o).await?,
        (None, Some(r)) => {
            entity::responsibility::Entity::find_by_id(r).one(&state.db).await?.map(|r| r.name).unwrap_or_default()
        }
        (None, None) => String::new(),
    };
    let view = DisableView {
        id,
        role_label: Role::parse(&u.role).map_or("账号", Role::label),
        display_name: u.display_name,
        unit,
    };
    Ok(state.templates.page(&auth, "admin/confirm_disable", "确认停用账号", &view)?.into_response())
}

async fn act(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, action)): Path<(i32, String)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    let admin = auth.require(&[Role::Admin])?;
    let disabled = match action.as_str() {
        "disable" => true,
        "enable" => false,
        _ => return Err(AppError::NotFound),
    };
    if id == admin.id {
        return Err(AppError::Conflict("不能停用自己的账号".into()));
    }
    accounts::set_disabled(&state.db, admin, id, disabled, state.clock.now()).await?;
    Ok(Redirect::to(&format!("/admin/users?done={action}")).into_response())
}
