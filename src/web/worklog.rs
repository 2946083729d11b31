//! A village's work log (驻村工作日志, issue 16): the village's staff — its first secretary above
//! all — may note what they did on a day. Optional, kept for the village, written by hand: no
//! location, no photo, no required rhythm. The offices covering the village and auditors read
//! it; entries are not edited (a correction is a new entry).

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use entity::{organisation, user, village_log};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::CsrfForm;
use crate::accounts::FieldErrors;
use crate::app::AppState;
use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::error::{AppError, Result};
use crate::governance::households;
use crate::governance::monitoring::has_personal_number;

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new().get_as(&[Role::Village], "/my/worklog", mine).post_as(&[Role::Village], "/my/worklog", add).get_as(
        &[Role::Office, Role::Auditor],
        "/office/villages/{id}/worklog",
        of_village,
    )
}

/// How far back an entry may be dated.
const DAYS_BACK: i64 = 60;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct Form {
    day: String,
    body: String,
}

#[derive(Serialize)]
struct Entry {
    day: String,
    body: String,
    by: String,
}

#[derive(Serialize)]
struct View {
    village: String,
    entries: Vec<Entry>,
    can_write: bool,
    form: Form,
    errors: BTreeMap<String, String>,
    back: String,
    back_label: &'static str,
}

async fn render(
    state: &AppState,
    auth: &Auth,
    village: organisation::Model,
    form: Form,
    errors: &[(String, String)],
) -> Result<Response> {
    let user = auth.user()?;
    if !households::may_read(user, &village) {
        return Err(AppError::NotFound);
    }
    let rows = village_log::Entity::find()
        .filter(village_log::Column::VillageId.eq(village.id))
        .order_by_desc(village_log::Column::Day)
        .order_by_desc(village_log::Column::Id)
        .limit(200)
        .all(&state.db)
        .await?;
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|r| r.user_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let is_village = user.role == Role::Village;
    let view = View {
        entries: rows
            .into_iter()
            .map(|r| Entry {
                day: r.day.to_string(),
                by: names.get(&r.user_id).cloned().unwrap_or_default(),
                body: r.body,
            })
            .collect(),
        can_write: is_village,
        form: Form {
            day: if form.day.is_empty() && errors.is_empty() {
                state.clock.today().to_string()
            } else {
                form.day.clone()
            },
            ..form
        },
        errors: super::render::field_errors(&["day", "body"], errors),
        back: if is_village { "/my".into() } else { format!("/office/villages/{}/leaders", village.id) },
        back_label: if is_village { "返回我的工作台" } else { "返回村班子" },
        village: village.name,
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "my/worklog", "驻村工作日志", &view)?).into_response())
}

async fn own_village(state: &AppState, auth: &Auth) -> Result<organisation::Model> {
    let user = auth.require(&[Role::Village])?;
    let id = user.organisation_id.ok_or(AppError::Forbidden)?;
    organisation::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::Forbidden)
}

async fn mine(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    let village = own_village(&state, &auth).await?;
    // A village not yet verified is told why, as on its other pages (not 页面不存在).
    if !households::may_read(auth.user()?, &village) {
        return Err(AppError::Conflict("本村通过扶贫办认证后才能查看和记工作日志".into()));
    }
    render(&state, &auth, village, Form::default(), &[]).await
}

async fn add(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<Form>) -> Result<Response> {
    let village = own_village(&state, &auth).await?;
    let user = auth.require(&[Role::Village])?;
    if !households::may_read(user, &village) {
        return Err(AppError::Conflict("本村通过扶贫办认证后才能记工作日志".into()));
    }
    let now = state.clock.now();
    let today = state.clock.today();
    let mut errors = FieldErrors::new();
    let day = crate::listings::parse_date(&form.day, "day", &mut errors);
    match day {
        None if form.day.trim().is_empty() => errors.push(("day".into(), "请填写日期".into())),
        Some(d) if d > today || d < today - Duration::days(DAYS_BACK) => {
            errors.push(("day".into(), format!("日期应在最近 {DAYS_BACK} 天内，且不晚于今天")));
        }
        _ => {}
    }
    let body = form.body.trim().to_owned();
    if !(4..=500).contains(&body.chars().count()) {
        errors.push(("body".into(), "请写下当天做了什么（4–500 字）".into()));
    } else if has_personal_number(&body) {
        errors.push(("body".into(), "请不要写入身份证号、电话或银行卡号".into()));
    }
    let Some(day) = day.filter(|_| errors.is_empty()) else {
        return render(&state, &auth, village, form, &errors).await;
    };
    let txn = crate::db::write(&state.db).await?;
    // The same entry sent twice (a double click, a page sent again) is kept once.
    let same = village_log::Entity::find()
        .filter(village_log::Column::VillageId.eq(village.id))
        .filter(village_log::Column::Day.eq(day))
        .filter(village_log::Column::Body.eq(body.as_str()))
        .one(&txn)
        .await?;
    if same.is_some() {
        drop(txn);
        return Ok(super::flash::redirect("/my/worklog", &format!("{day} 的这条日志已经记过，没有重复记录。")));
    }
    let entry = village_log::ActiveModel {
        village_id: Set(village.id),
        user_id: Set(user.id),
        day: Set(day),
        body: Set(body),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "village_log.create",
            entity: "organisation",
            entity_id: village.id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "day": entry.day.to_string() })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(super::flash::redirect("/my/worklog", &format!("已记下 {day} 的工作日志。")))
}

async fn of_village(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    auth.require(&[Role::Office, Role::Auditor])?;
    let village = organisation::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    render(&state, &auth, village, Form::default(), &[]).await
}
