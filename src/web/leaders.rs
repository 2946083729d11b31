//! A village's leadership page (村班子) for the offices covering it and the auditor: who is in
//! post, the history, the form to record a new member and each member's departure form.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use entity::{organisation, village_leader};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::CsrfForm;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::domain::LeaderRole;
use crate::error::{AppError, Result};
use crate::governance::leaders::{self, FIELDS, Form};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Office, Role::Auditor], "/office/villages/{id}/leaders", show)
        .post_as(&[Role::Office], "/office/villages/{id}/leaders", create)
        .post_as(&[Role::Office], "/office/leaders/{id}/end", end)
}

#[derive(Serialize)]
struct Row {
    id: i32,
    role: &'static str,
    name: String,
    unit: String,
    post: String,
    since: String,
    term_end: String,
    left: String,
    reason: String,
    /// Training attended: "N 学时（M 期）", or empty.
    training: String,
    /// This row's departure form came back: what was typed and what was wrong.
    typed_to: String,
    typed_reason: String,
    error: String,
}

#[derive(Serialize)]
struct RoleChoice {
    code: &'static str,
    label: &'static str,
    selected: bool,
}

#[derive(Serialize)]
struct View {
    id: i32,
    village: String,
    in_post: Vec<Row>,
    history: Vec<Row>,
    can_act: bool,
    roles: Vec<RoleChoice>,
    form: Form,
    errors: BTreeMap<String, String>,
    refused: String,
    today: String,
    /// The village's cadres' class hours in all.
    training_hours: i64,
}

fn row(l: village_leader::Model) -> Row {
    Row {
        id: l.id,
        role: LeaderRole::parse(&l.role).map_or("未知", LeaderRole::label),
        since: l.from_date.to_string(),
        term_end: l.term_end.map(|t| t.to_string()).unwrap_or_default(),
        left: l.to_date.map(|t| t.to_string()).unwrap_or_default(),
        reason: l.end_reason.unwrap_or_default(),
        name: l.name,
        unit: l.unit,
        post: l.post,
        typed_to: String::new(),
        typed_reason: String::new(),
        error: String::new(),
        training: String::new(),
    }
}

/// What the page shows again after a refused action.
#[derive(Default)]
struct Again<'a> {
    form: Option<Form>,
    errors: &'a [(String, String)],
    refused: &'a str,
    /// The departure form that came back: (row, date typed, reason typed, message).
    row: Option<(i32, &'a str, &'a str, String)>,
}

async fn village(state: &AppState, id: i32) -> Result<organisation::Model> {
    organisation::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)
}

async fn page(state: &AppState, auth: &Auth, v: organisation::Model, again: Again<'_>) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    if !leaders::may_read(user, &v) {
        return Err(AppError::NotFound);
    }
    let (now, past) = leaders::of_village(&state.db, v.id).await?;
    let trained = crate::governance::training::hours_of_village(&state.db, v.id).await?;
    let with_training = |l: village_leader::Model| {
        let t = trained.get(&l.id).map(|(h, n)| format!("{h} 学时（{n} 期）")).unwrap_or_default();
        Row { training: t, ..row(l) }
    };
    let total: i64 = trained.values().map(|(h, _)| h).sum();
    let mut in_post: Vec<Row> = now.into_iter().map(with_training).collect();
    if let Some((id, to, reason, message)) = &again.row
        && let Some(r) = in_post.iter_mut().find(|r| r.id == *id)
    {
        r.typed_to = (*to).to_owned();
        r.typed_reason = (*reason).to_owned();
        r.error = message.clone();
    }
    let form = again.form.unwrap_or_default();
    let view = View {
        id: v.id,
        village: v.name.clone(),
        in_post,
        history: past.into_iter().map(with_training).collect(),
        training_hours: total,
        can_act: leaders::may_act(user, &v),
        roles: LeaderRole::ALL
            .iter()
            .map(|r| RoleChoice { code: r.code(), label: r.label(), selected: form.role == r.code() })
            .collect(),
        errors: super::render::field_errors(FIELDS, again.errors),
        form,
        refused: again.refused.to_owned(),
        today: state.clock.today().to_string(),
    };
    let status = if !again.refused.is_empty() {
        StatusCode::CONFLICT
    } else if again.errors.is_empty() && again.row.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let title = format!("{}的村班子", v.name);
    Ok((status, state.templates.page(auth, "leaders/show", &title, &view)?).into_response())
}

async fn show(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let v = village(&state, id).await?;
    page(&state, &auth, v, Again::default()).await
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<Form>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let v = village(&state, id).await?;
    match leaders::create(&state.db, user, &v, &form, state.clock.now()).await {
        Ok(l) => Ok(super::flash::redirect(
            &format!("/office/villages/{id}/leaders"),
            &format!(
                "已登记{}：{}。村的公开页面显示姓名和单位，不显示电话。",
                LeaderRole::parse(&l.role).map_or("", LeaderRole::label),
                l.name
            ),
        )),
        Err(AppError::Invalid(errors)) => {
            page(&state, &auth, v, Again { form: Some(form), errors: &errors, ..Default::default() }).await
        }
        Err(AppError::Conflict(why)) => {
            page(&state, &auth, v, Again { form: Some(form), refused: &why, ..Default::default() }).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EndForm {
    to_date: String,
    end_reason: String,
}

async fn end(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(f): CsrfForm<EndForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let l = village_leader::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let v = village(&state, l.village_id).await?;
    match leaders::end(&state.db, user, id, &f.to_date, &f.end_reason, state.clock.now()).await {
        Ok(done) => Ok(super::flash::redirect(
            &format!("/office/villages/{}/leaders", v.id),
            &format!(
                "已登记{}于 {} 离任，记录保留在历史中。",
                done.name,
                done.to_date.map(|t| t.to_string()).unwrap_or_default()
            ),
        )),
        Err(AppError::Invalid(errors)) => {
            let message = errors.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            page(&state, &auth, v, Again { row: Some((id, &f.to_date, &f.end_reason, message)), ..Default::default() })
                .await
        }
        Err(AppError::Conflict(why)) => page(&state, &auth, v, Again { refused: &why, ..Default::default() }).await,
        Err(e) => Err(e),
    }
}
