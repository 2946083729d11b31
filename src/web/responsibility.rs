//! Responsibility pages (责任机制): the assignments an office may read with the form for a new
//! one (the county picked first, then its villages ticked), an assignment's page with its
//! villages and their progress, and ending an assignment with a reason.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use entity::{organisation, region, responsibility};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::CsrfForm;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::{Auth, SessionUser, region_prefix};
use crate::domain::{OrgKind, OrgStatus, ResponsibilityKind};
use crate::error::{AppError, Result};
use crate::governance::responsibility::{self as resp, Form};
use crate::money::Money;

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Office, Role::Auditor], "/office/responsibilities", list)
        .post_as(&[Role::Office], "/office/responsibilities", create)
        .get_as(&[Role::Office, Role::Auditor], "/office/responsibilities/{id}", show)
        .get_as(&[Role::HelpUnit], "/unit", unit_home)
        .post_as(&[Role::Office], "/office/responsibilities/{id}/end", end)
}

#[derive(Serialize)]
struct Row {
    id: i32,
    kind: &'static str,
    name: String,
    post: String,
    county: String,
    villages: usize,
    dates: String,
    current: bool,
    not_started: bool,
}

#[derive(Serialize)]
struct Choice {
    code: String,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct VillageChoice {
    id: i32,
    name: String,
    checked: bool,
}

#[derive(Serialize)]
struct ListView {
    current_count: usize,
    ended_count: usize,
    current: Vec<Row>,
    ended: Vec<Row>,
    /// More than one county: the form asks for the county first.
    pick_county: bool,
    can_create: bool,
    kinds: Vec<Choice>,
    counties: Vec<Choice>,
    county: String,
    villages: Vec<VillageChoice>,
    form: Form,
    errors: BTreeMap<String, String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    county: String,
}

fn dates(r: &responsibility::Model) -> String {
    if resp::cancelled(r) {
        return format!("{} 起（未开始即撤销）", r.from_date);
    }
    match r.to_date {
        Some(to) => format!("{} 至 {}", r.from_date, to),
        None => format!("{} 起", r.from_date),
    }
}

async fn region_name(state: &AppState, code: &str) -> Result<String> {
    Ok(region::Entity::find_by_id(code.to_owned()).one(&state.db).await?.map_or_else(|| code.to_owned(), |r| r.name))
}

/// The counties of the user's jurisdiction (for a county office: its own).
pub(crate) async fn counties(state: &AppState, user: &SessionUser) -> Result<Vec<region::Model>> {
    let prefix = region_prefix(user.jurisdiction.as_deref().unwrap_or("x")).to_owned();
    Ok(region::Entity::find()
        .filter(region::Column::Code.starts_with(&prefix))
        .filter(region::Column::Code.like("______000000"))
        .filter(region::Column::Code.not_like("____00000000"))
        .order_by_asc(region::Column::Code)
        .all(&state.db)
        .await?)
}

async fn list_page(
    state: &AppState,
    auth: &Auth,
    county: &str,
    form: Form,
    errors: &[(String, String)],
) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let today = state.clock.today();
    let all = resp::list(&state.db, user, None).await?;
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let (mut current, mut ended) = (Vec::new(), Vec::new());
    for r in all {
        if !names.contains_key(&r.county_code) {
            names.insert(r.county_code.clone(), region_name(state, &r.county_code).await?);
        }
        let is_over = resp::over(&r, today);
        let row = Row {
            not_started: r.from_date > today && !resp::cancelled(&r),
            id: r.id,
            kind: ResponsibilityKind::parse(&r.kind).map_or("未知", ResponsibilityKind::label),
            county: names.get(&r.county_code).cloned().unwrap_or_default(),
            villages: resp::villages(&state.db, r.id).await?.len(),
            dates: dates(&r),
            current: resp::current(&r, today),
            post: r.post,
            name: r.name,
        };
        if is_over { ended.push(row) } else { current.push(row) }
    }
    let can_create = user.role == Role::Office;
    let regions = if can_create { counties(state, user).await? } else { Vec::new() };
    // The county whose villages the form lists: the one asked for, or the only one.
    let picked = [county, form.county.as_str()]
        .into_iter()
        .map(str::trim)
        .find(|c| !c.is_empty())
        .and_then(|c| regions.iter().find(|r| r.code[..6] == *c || r.code == c))
        .or(if regions.len() == 1 { regions.first() } else { None });
    let villages = match picked {
        Some(r) => organisation::Entity::find()
            .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
            .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
            .filter(organisation::Column::RegionCode.starts_with(&r.code[..6]))
            .order_by_asc(organisation::Column::RegionCode)
            .order_by_asc(organisation::Column::Id)
            .all(&state.db)
            .await?
            .into_iter()
            .map(|v| VillageChoice {
                checked: form.villages.iter().any(|f| f.trim() == v.id.to_string()),
                id: v.id,
                name: v.name,
            })
            .collect(),
        None => Vec::new(),
    };
    let above_county = user.jurisdiction.as_deref().is_some_and(|j| region_prefix(j).len() < 6);
    let view = ListView {
        current_count: current.len(),
        ended_count: ended.len(),
        current,
        ended,
        pick_county: regions.len() > 1,
        can_create,
        kinds: ResponsibilityKind::ALL
            .iter()
            .filter(|k| above_county || **k != ResponsibilityKind::CityLeader)
            .map(|k| Choice { code: k.code().into(), label: k.label().into(), selected: form.kind == k.code() })
            .collect(),
        counties: regions
            .iter()
            .map(|r| Choice {
                code: r.code[..6].to_owned(),
                label: r.name.clone(),
                selected: picked.is_some_and(|p| p.code == r.code),
            })
            .collect(),
        county: picked.map(|p| p.code[..6].to_owned()).unwrap_or_default(),
        villages,
        form,
        errors: super::render::field_errors(resp::FIELDS, errors),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "responsibility/list", "帮扶责任", &view)?).into_response())
}

async fn list(State(state): State<AppState>, auth: Auth, Query(q): Query<ListQuery>) -> Result<Response> {
    let form = Form { from_date: state.clock.today().to_string(), ..Default::default() };
    list_page(&state, &auth, &q.county, form, &[]).await
}

async fn create(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<Form>) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    // 列出该县的村: the same form again with the county's villages, nothing recorded.
    if !form.pick.is_empty() {
        let county = form.county.clone();
        let form = Form { pick: String::new(), ..form };
        return list_page(&state, &auth, &county, form, &[]).await;
    }
    match resp::create(&state.db, user, &form, state.clock.now()).await {
        Ok(r) => Ok(super::flash::redirect(
            &format!("/office/responsibilities/{}", r.id),
            &if r.from_date > state.clock.today() {
                format!("已登记「{}」的帮扶责任，自 {} 起在联系的村的页面上显示为责任人。", r.name, r.from_date)
            } else {
                format!("已登记「{}」的帮扶责任，联系的村在页面上会显示责任人。", r.name)
            },
        )),
        Err(AppError::Invalid(errors)) => list_page(&state, &auth, "", form, &errors).await,
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct VillageRow {
    id: i32,
    name: String,
    pairings: i64,
    contributed: String,
    needs_open: i64,
}

#[derive(Serialize)]
struct ShowView {
    id: i32,
    kind: &'static str,
    name: String,
    post: String,
    county: String,
    dates: String,
    /// Where it stands, in words (已结束…, 将于…结束, 尚未开始, 已撤销…).
    state: String,
    /// Not begun: ending it takes it back.
    not_started: bool,
    year: i32,
    villages: Vec<VillageRow>,
    total_pairings: i64,
    total_contributed: String,
    total_needs_open: i64,
    can_end: bool,
    to_date: String,
    reason: String,
    errors: BTreeMap<String, String>,
    refused: String,
    /// Read by the help unit itself (its own page).
    own: bool,
    /// A help unit's assignment (it has a yearly assessment).
    unit: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EndForm {
    to_date: String,
    end_reason: String,
}

async fn show_page(
    state: &AppState,
    auth: &Auth,
    id: i32,
    typed: &EndForm,
    errors: &[(String, String)],
    refused: &str,
) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor, Role::HelpUnit])?;
    let r = responsibility::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if !resp::may_read(user, &r) {
        return Err(AppError::NotFound);
    }
    let today = state.clock.today();
    let year = today.year();
    let villages = resp::villages(&state.db, r.id).await?;
    let ids: Vec<i32> = villages.iter().map(|v| v.id).collect();
    let progress = resp::progress(&state.db, &ids, year, today).await?;
    let rows: Vec<VillageRow> = villages
        .into_iter()
        .map(|v| {
            let p = progress.get(&v.id).cloned().unwrap_or_default();
            VillageRow {
                id: v.id,
                name: v.name,
                pairings: p.pairings,
                contributed: Money(p.contributed_fen).display(),
                needs_open: p.needs_open,
            }
        })
        .collect();
    let total = progress.values().fold(resp::Progress::default(), |mut a, p| {
        a.pairings += p.pairings;
        a.contributed_fen += p.contributed_fen;
        a.needs_open += p.needs_open;
        a
    });
    let open = r.end_reason.is_none();
    let reason = r.end_reason.clone().unwrap_or_default();
    let state_words = match r.to_date {
        _ if resp::cancelled(&r) => format!("登记已撤销：{reason}"),
        Some(to) if to < today => format!("已于 {to} 结束：{reason}"),
        Some(to) if !reason.is_empty() => format!("将于 {to} 结束：{reason}"),
        _ if r.from_date > today => format!("尚未开始（{} 起）", r.from_date),
        _ => String::new(),
    };
    let view = ShowView {
        state: state_words,
        not_started: r.from_date > today,
        id: r.id,
        kind: ResponsibilityKind::parse(&r.kind).map_or("未知", ResponsibilityKind::label),
        county: region_name(state, &r.county_code).await?,
        dates: dates(&r),
        year,
        villages: rows,
        total_pairings: total.pairings,
        total_contributed: Money(total.contributed_fen).display(),
        total_needs_open: total.needs_open,
        can_end: open && resp::may_act(user, &r),
        to_date: if typed.to_date.is_empty() { today.to_string() } else { typed.to_date.clone() },
        reason: typed.end_reason.clone(),
        errors: super::render::field_errors(&["to_date", "end_reason"], errors),
        refused: refused.to_owned(),
        own: user.role == Role::HelpUnit,
        unit: r.kind == ResponsibilityKind::HelpUnit.code(),
        name: r.name.clone(),
        post: r.post,
    };
    let status = if !refused.is_empty() {
        StatusCode::CONFLICT
    } else if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let title = format!("{}的帮扶责任", r.name);
    Ok((status, state.templates.page(auth, "responsibility/show", &title, &view)?).into_response())
}

async fn show(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    show_page(&state, &auth, id, &EndForm::default(), &[], "").await
}

/// A help unit's own page: its assignment, its villages and their progress.
async fn unit_home(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    let user = auth.require(&[Role::HelpUnit])?;
    let id = user.unit_id.ok_or_else(|| AppError::Conflict("本账号没有对应的帮扶单位，请联系系统管理员".into()))?;
    show_page(&state, &auth, id, &EndForm::default(), &[], "").await
}

async fn end(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<EndForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    match resp::end(&state.db, user, id, &form.to_date, &form.end_reason, state.clock.now()).await {
        Ok(r) => {
            let today = state.clock.today();
            let message = match r.to_date {
                _ if resp::cancelled(&r) => format!("「{}」的登记已撤销（尚未开始），记录保留在历史中。", r.name),
                Some(to) if to >= today => format!(
                    "「{}」的帮扶责任将于 {to} 结束，在此之前仍显示为当前责任人。如需接替，请新增一项责任。",
                    r.name
                ),
                _ => format!("「{}」的帮扶责任已结束，记录保留在历史中。如需接替，请新增一项责任。", r.name),
            };
            Ok(super::flash::redirect(&format!("/office/responsibilities/{id}"), &message))
        }
        Err(AppError::Invalid(errors)) => show_page(&state, &auth, id, &form, &errors, "").await,
        Err(AppError::Conflict(why)) => show_page(&state, &auth, id, &form, &[], &why).await,
        Err(e) => Err(e),
    }
}
