//! Cadre training pages (培训): the sessions an office may read with the form for a new one, and
//! a session's page where its organiser records who attended.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use entity::{region, training_session};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::CsrfForm;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::{Auth, region_prefix};
use crate::domain::LeaderRole;
use crate::error::{AppError, Result};
use crate::governance::training::{self, FIELDS, Form};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Office, Role::Auditor], "/office/training", list)
        .post_as(&[Role::Office], "/office/training", create)
        .get_as(&[Role::Office, Role::Auditor], "/office/training/{id}", show)
        .post_as(&[Role::Office], "/office/training/{id}/attendance", attendance)
}

#[derive(Serialize)]
struct Row {
    id: i32,
    topic: String,
    county: String,
    dates: String,
    hours: i32,
    attended: i64,
}

#[derive(Serialize)]
struct Choice {
    code: String,
    name: String,
    selected: bool,
}

#[derive(Serialize)]
struct ListView {
    sessions: Vec<Row>,
    can_create: bool,
    counties: Vec<Choice>,
    form: Form,
    errors: BTreeMap<String, String>,
}

fn dates(s: &training_session::Model) -> String {
    if s.starts_on == s.ends_on { s.starts_on.to_string() } else { format!("{} 至 {}", s.starts_on, s.ends_on) }
}

async fn county_names(state: &AppState) -> Result<BTreeMap<String, String>> {
    Ok(region::Entity::find()
        .filter(region::Column::Level.eq(3))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect())
}

async fn list_page(state: &AppState, auth: &Auth, form: Form, errors: &[(String, String)]) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let mut q = training_session::Entity::find().order_by_desc(training_session::Column::StartsOn).limit(200);
    if user.role == Role::Office {
        q = q.filter(
            training_session::Column::CountyCode
                .starts_with(region_prefix(user.jurisdiction.as_deref().unwrap_or("x"))),
        );
    }
    let found = q.all(&state.db).await?;
    let names = county_names(state).await?;
    // Attendance counted per session in one grouped query.
    let counts: BTreeMap<i32, i64> = entity::training_attendance::Entity::find()
        .select_only()
        .column(entity::training_attendance::Column::SessionId)
        .expr(sea_orm::sea_query::Expr::cust("CAST(COUNT(*) AS BIGINT)"))
        .filter(entity::training_attendance::Column::SessionId.is_in(found.iter().map(|s| s.id).collect::<Vec<_>>()))
        .group_by(entity::training_attendance::Column::SessionId)
        .into_tuple::<(i32, i64)>()
        .all(&state.db)
        .await?
        .into_iter()
        .collect();
    let mut sessions = Vec::new();
    for s in found {
        sessions.push(Row {
            attended: counts.get(&s.id).copied().unwrap_or(0),
            county: names.get(&s.county_code).cloned().unwrap_or_else(|| s.county_code.clone()),
            dates: dates(&s),
            hours: s.hours,
            topic: s.topic,
            id: s.id,
        });
    }
    let counties = if user.role == Role::Office {
        super::responsibility::counties(state, user)
            .await?
            .into_iter()
            .map(|r| Choice {
                selected: r.code == form.county || r.code[..6] == form.county,
                code: r.code,
                name: r.name,
            })
            .collect()
    } else {
        Vec::new()
    };
    let view = ListView {
        sessions,
        can_create: user.role == Role::Office,
        counties,
        errors: super::render::field_errors(FIELDS, errors),
        form,
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "training/list", "村干部培训", &view)?).into_response())
}

async fn list(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    list_page(&state, &auth, Form::default(), &[]).await
}

async fn create(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<Form>) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    match training::create(&state.db, user, &form, state.clock.now()).await {
        Ok(s) => Ok(super::flash::redirect(
            &format!("/office/training/{}", s.id),
            &format!("已登记培训「{}」。培训开始后，在本页勾选出席的村干部。", s.topic),
        )),
        Err(AppError::Invalid(errors)) => list_page(&state, &auth, form, &errors).await,
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct Cadre {
    id: i32,
    name: String,
    role: &'static str,
    unit: String,
    village: String,
    in_post: bool,
    attended: bool,
}

#[derive(Serialize)]
struct ShowView {
    id: i32,
    topic: String,
    county: String,
    dates: String,
    hours: i32,
    trainer: String,
    place: String,
    started: bool,
    can_act: bool,
    cadres: Vec<Cadre>,
    attended: usize,
    seen: String,
    refused: String,
}

async fn show_page(state: &AppState, auth: &Auth, id: i32, refused: &str) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let s = training_session::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if !training::may_read(user, &s) {
        return Err(AppError::NotFound);
    }
    let attended = training::attended(&state.db, s.id).await?;
    let cadres: Vec<Cadre> = training::cadres(&state.db, &s.county_code)
        .await?
        .into_iter()
        .map(|(l, village)| Cadre {
            attended: attended.contains(&l.id),
            in_post: l.to_date.is_none(),
            role: LeaderRole::parse(&l.role).map_or("", LeaderRole::label),
            id: l.id,
            name: l.name,
            unit: l.unit,
            village,
        })
        // Those who had left before the session are not offered (unless recorded as attending).
        .filter(|c| c.in_post || c.attended)
        .collect();
    let names = county_names(state).await?;
    let view = ShowView {
        id: s.id,
        county: names.get(&s.county_code).cloned().unwrap_or_default(),
        dates: dates(&s),
        started: s.starts_on <= state.clock.today(),
        can_act: training::may_act(user, &s),
        attended: attended.len(),
        seen: s.attendance_at.map(|t| t.timestamp_micros().to_string()).unwrap_or_default(),
        refused: refused.to_owned(),
        cadres,
        hours: s.hours,
        trainer: s.trainer,
        place: s.place,
        topic: s.topic,
    };
    let status = if refused.is_empty() { StatusCode::OK } else { StatusCode::CONFLICT };
    let title = view.topic.clone();
    Ok((status, state.templates.page(auth, "training/show", &title, &view)?).into_response())
}

async fn show(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    show_page(&state, &auth, id, "").await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AttendanceForm {
    leader: Vec<String>,
    seen: String,
}

async fn attendance(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(f): CsrfForm<AttendanceForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let Ok(leaders) = f.leader.iter().map(|l| l.trim().parse::<i32>()).collect::<std::result::Result<Vec<_>, _>>()
    else {
        return Err(AppError::field("leader", "请在名单中勾选出席的村干部"));
    };
    match training::record_attendance(&state.db, user, id, &leaders, &f.seen, state.clock.now()).await {
        Ok(n) => Ok(super::flash::redirect(
            &format!("/office/training/{id}"),
            &format!("已登记出席 {n} 人，计入各村干部的培训记录。"),
        )),
        Err(AppError::Conflict(why)) => show_page(&state, &auth, id, &why).await,
        Err(e) => Err(e),
    }
}
