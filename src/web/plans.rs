//! Plan pages (规划): the list of plans an office may read, a county office's new plan, a plan
//! with its yearly targets against what the verified ledger shows (a chart, the table, XLSX),
//! the county office's target form, and the steps: submit, approve, send back.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use entity::{plan, plan_target, region};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::CsrfForm;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::{Auth, SessionUser, region_prefix};
use crate::domain::{PlanIndicator, PlanStatus};
use crate::error::{AppError, Result};
use crate::plans::{self, Step};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Office, Role::Auditor], "/office/plans", list)
        .post_as(&[Role::Office], "/office/plans", create)
        .get_as(&[Role::Office, Role::Auditor], "/office/plans/{id}", show)
        .post_as(&[Role::Office], "/office/plans/{id}", save)
        .post_as(&[Role::Office], "/office/plans/{id}/{step}", act)
}

async fn county_name(state: &AppState, code: &str) -> Result<String> {
    Ok(region::Entity::find_by_id(code.to_owned()).one(&state.db).await?.map_or_else(|| code.to_owned(), |r| r.name))
}

#[derive(Serialize)]
struct PlanRow {
    id: i32,
    county: String,
    period: String,
    years: String,
    status: String,
    status_label: &'static str,
}

#[derive(Serialize, Default, Deserialize, Clone)]
#[serde(default)]
struct NewForm {
    period: String,
    start_year: String,
    end_year: String,
}

#[derive(Serialize)]
struct ListView {
    rows: Vec<PlanRow>,
    /// The county office may start a plan of its county.
    can_create: bool,
    form: NewForm,
    errors: BTreeMap<String, String>,
    /// For an office above the counties and the auditor: every county's year against its
    /// approved targets, and the total.
    combined: Option<Combined>,
}

#[derive(Serialize)]
struct CombinedCell {
    actual: String,
    target: String,
    percent: String,
}

#[derive(Serialize)]
struct CombinedRow {
    county: String,
    plan: String,
    cells: Vec<CombinedCell>,
}

#[derive(Serialize)]
struct Combined {
    year: i32,
    years: Vec<(i32, bool)>,
    headings: Vec<&'static str>,
    rows: Vec<CombinedRow>,
    total: Vec<CombinedCell>,
}

fn cell(ind: PlanIndicator, actual: i64, target: Option<i64>) -> CombinedCell {
    CombinedCell {
        actual: show_value(ind, actual),
        target: target.map_or_else(|| "—".into(), |t| show_value(ind, t)),
        percent: match target {
            Some(t) if t > 0 => format!("{:.0}%", actual as f64 * 100.0 / t as f64),
            _ => String::new(),
        },
    }
}

/// Each county with a plan approved for `year` (in `prefix`), its figures against its targets,
/// and the sums over those counties.
async fn combined(state: &AppState, prefix: &str, year: i32) -> Result<Combined> {
    use chrono::Datelike;
    let plans_of_year = plan::Entity::find()
        .filter(plan::Column::CountyCode.starts_with(prefix))
        .filter(plan::Column::Status.eq(PlanStatus::Approved.code()))
        .filter(plan::Column::StartYear.lte(year))
        .filter(plan::Column::EndYear.gte(year))
        .order_by_asc(plan::Column::CountyCode)
        .all(&state.db)
        .await?;
    let mut rows = Vec::new();
    let mut sums: BTreeMap<&'static str, (i64, i64)> = BTreeMap::new();
    for p in &plans_of_year {
        let targets: BTreeMap<String, i64> = plan_target::Entity::find()
            .filter(plan_target::Column::PlanId.eq(p.id))
            .filter(plan_target::Column::Year.eq(year))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|t| (t.indicator, t.target))
            .collect();
        let actual = plans::actuals(&state.db, &p.county_code, year).await?;
        let mut cells = Vec::new();
        for &ind in PlanIndicator::ALL {
            let target = targets.get(ind.code()).copied();
            let done = actual.get(ind);
            let e = sums.entry(ind.code()).or_default();
            e.0 += done;
            e.1 += target.unwrap_or(0);
            cells.push(cell(ind, done, target));
        }
        rows.push(CombinedRow { county: county_name(state, &p.county_code).await?, plan: p.period.clone(), cells });
    }
    let total = PlanIndicator::ALL
        .iter()
        .map(|&ind| {
            let (done, target) = sums.get(ind.code()).copied().unwrap_or_default();
            cell(ind, done, (target > 0).then_some(target))
        })
        .collect();
    let this = state.clock.today().year();
    Ok(Combined {
        year,
        years: (2015..=this + 5).rev().map(|y| (y, y == year)).collect(),
        headings: PlanIndicator::ALL.iter().map(|i| i.label()).collect(),
        rows,
        total,
    })
}

async fn list_page(state: &AppState, auth: &Auth, form: NewForm, errors: &[(String, String)]) -> Result<Response> {
    list_page_of(state, auth, form, errors, None).await
}

async fn list_page_of(
    state: &AppState,
    auth: &Auth,
    form: NewForm,
    errors: &[(String, String)],
    year: Option<i32>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let mut q = plan::Entity::find().order_by_asc(plan::Column::CountyCode).order_by_desc(plan::Column::StartYear);
    if user.role == Role::Office {
        q = q.filter(plan::Column::CountyCode.starts_with(region_prefix(user.jurisdiction.as_deref().unwrap_or("x"))));
    }
    let mut rows = Vec::new();
    for p in q.all(&state.db).await? {
        rows.push(PlanRow {
            id: p.id,
            county: county_name(state, &p.county_code).await?,
            years: format!("{}–{} 年", p.start_year, p.end_year),
            status_label: PlanStatus::parse(&p.status).map_or("未知", PlanStatus::label),
            status: p.status,
            period: p.period,
        });
    }
    let above_county =
        user.role == Role::Auditor || user.jurisdiction.as_deref().is_some_and(|j| region_prefix(j).len() < 6);
    let combined = if above_county {
        use chrono::Datelike;
        let prefix = if user.role == Role::Auditor {
            String::new()
        } else {
            region_prefix(user.jurisdiction.as_deref().unwrap_or("x")).to_owned()
        };
        let this = state.clock.today().year();
        Some(combined(state, &prefix, year.filter(|y| (2015..=this + 5).contains(y)).unwrap_or(this)).await?)
    } else {
        None
    };
    let view = ListView {
        combined,
        rows,
        can_create: plans::county_of(user).is_some(),
        form,
        errors: super::render::field_errors(&["period", "start_year", "end_year"], errors),
    };
    let status =
        if errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "plans/list", "规划", &view)?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    year: Option<i32>,
}

async fn list(State(state): State<AppState>, auth: Auth, Query(q): Query<ListQuery>) -> Result<Response> {
    let form = NewForm { period: "十五五".into(), start_year: "2026".into(), end_year: "2030".into() };
    list_page_of(&state, &auth, form, &[], q.year).await
}

async fn create(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<NewForm>) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    match plans::create(&state.db, user, &form.period, &form.start_year, &form.end_year, state.clock.now()).await {
        Ok(p) => Ok(super::flash::redirect(
            &format!("/office/plans/{}", p.id),
            &format!("已建立「{}」规划草稿：请填写各年度目标并保存，再提交市扶贫办审批。", p.period),
        )),
        Err(AppError::Invalid(errors)) => list_page(&state, &auth, form, &errors).await,
        Err(e) => Err(e),
    }
}

/// One indicator of one year: the target, what was done, and the form's cell.
#[derive(Serialize)]
struct Cell {
    label: &'static str,
    field: String,
    /// What the form shows (typed, or the target in 元 / as a number).
    value: String,
    error: String,
    target: String,
    actual: String,
    percent: String,
}

#[derive(Serialize)]
struct YearView {
    year: i32,
    /// The year has not begun: nothing done yet to show.
    future: bool,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct ShowView {
    id: i32,
    county: String,
    period: String,
    years: String,
    status: String,
    status_label: &'static str,
    note: String,
    /// The note is the city's word on an earlier version (the plan was resubmitted since).
    note_earlier: bool,
    /// Why the step just tried was refused.
    refused: String,
    years_list: Vec<YearView>,
    chart: String,
    chart_year: i32,
    can_edit: bool,
    can_submit: bool,
    can_decide: bool,
    reason: String,
    reason_error: String,
    xlsx: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ShowQuery {
    year: Option<i32>,
    format: String,
}

fn show_value(indicator: PlanIndicator, v: i64) -> String {
    if indicator.is_money() { crate::money::Money(v).display() } else { crate::money::group_thousands(v.max(0) as u64) }
}

async fn readable(state: &AppState, user: &SessionUser, id: i32) -> Result<plan::Model> {
    let p = plan::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if plans::may_read(user, &p) { Ok(p) } else { Err(AppError::NotFound) }
}

/// What the plan page shows again after a refused form or step.
#[derive(Default)]
struct Again<'a> {
    /// The target form as typed, with the errors under its cells.
    typed: Option<&'a BTreeMap<String, String>>,
    errors: &'a [(String, String)],
    /// The reason typed for a step, and why it was refused.
    reason: &'a str,
    reason_error: &'a str,
    /// Why the step tried was refused (the plan's state).
    refused: &'a str,
}

/// The plan page, with what `again` says when a form or step comes back.
async fn show_page(state: &AppState, auth: &Auth, id: i32, q: ShowQuery, again: Again<'_>) -> Result<Response> {
    let Again { typed, errors, reason: typed_reason, reason_error, refused } = again;
    let reason = (typed_reason, reason_error);
    use chrono::Datelike;
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let p = readable(state, user, id).await?;
    let targets: BTreeMap<(i32, String), i64> = plan_target::Entity::find()
        .filter(plan_target::Column::PlanId.eq(p.id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|t| ((t.year, t.indicator), t.target))
        .collect();
    let this_year = state.clock.today().year();
    let errors: BTreeMap<&str, &str> = errors.iter().map(|(f, m)| (f.as_str(), m.as_str())).collect();
    let mut years_list = Vec::new();
    let mut table: Vec<(i32, PlanIndicator, Option<i64>, Option<i64>)> = Vec::new();
    for year in p.start_year..=p.end_year {
        let future = year > this_year;
        let actual = if future { None } else { Some(plans::actuals(&state.db, &p.county_code, year).await?) };
        let mut cells = Vec::new();
        for &ind in PlanIndicator::ALL {
            let field = plans::field_name(year, ind);
            let target = targets.get(&(year, ind.code().to_owned())).copied();
            let done = actual.as_ref().map(|a| a.get(ind));
            table.push((year, ind, target, done));
            let stored = target.map_or_else(String::new, |t| {
                if ind.is_money() { crate::money::Money(t).plain_yuan() } else { t.to_string() }
            });
            cells.push(Cell {
                label: ind.label(),
                value: typed.and_then(|t| t.get(&field).cloned()).unwrap_or(stored),
                error: errors.get(field.as_str()).map(|m| (*m).to_owned()).unwrap_or_default(),
                target: target.map(|t| show_value(ind, t)).unwrap_or_else(|| "—".into()),
                actual: done.map(|d| show_value(ind, d)).unwrap_or_else(|| "—".into()),
                percent: match (target, done) {
                    (Some(t), Some(d)) if t > 0 => format!("{:.0}%", d as f64 * 100.0 / t as f64),
                    _ => String::new(),
                },
                field,
            });
        }
        years_list.push(YearView { year, future, cells });
    }
    if q.format == "xlsx" {
        return export(state, &p, &table).await;
    }
    let chart_year = q.year.unwrap_or(this_year).clamp(p.start_year, p.end_year);
    let rows: Vec<(String, Vec<f64>)> = table
        .iter()
        .filter(|(y, _, t, _)| *y == chart_year && t.is_some_and(|t| t > 0))
        .map(|(_, ind, t, d)| {
            let pct = d.unwrap_or(0) as f64 * 100.0 / t.unwrap_or(1) as f64;
            // A full bar is the target met; beyond it the label says by how much.
            (format!("{}（{:.0}%）", ind.label(), pct), vec![pct.min(100.0)])
        })
        .collect();
    let chart = if rows.is_empty() {
        String::new()
    } else {
        crate::cockpit::bars(&format!("{chart_year} 年目标完成率（满格为完成目标）"), &rows, &[], |v| {
            if v >= 100.0 { "已完成".into() } else { format!("{v:.0}%") }
        })
    };
    let status = PlanStatus::parse(&p.status);
    let view = ShowView {
        id: p.id,
        county: county_name(state, &p.county_code).await?,
        years: format!("{}–{} 年", p.start_year, p.end_year),
        status_label: status.map_or("未知", PlanStatus::label),
        status: p.status.clone(),
        note: p.note.clone().unwrap_or_default(),
        note_earlier: status == Some(PlanStatus::Submitted),
        refused: refused.to_owned(),
        years_list,
        chart,
        chart_year,
        can_edit: plans::may_edit(user, &p),
        can_submit: plans::may_edit(user, &p) && !targets.is_empty(),
        can_decide: plans::may_decide(user, &p) && status == Some(PlanStatus::Submitted),
        reason: reason.0.to_owned(),
        reason_error: reason.1.to_owned(),
        xlsx: format!("/office/plans/{}?format=xlsx", p.id),
        period: p.period,
    };
    let code = if !refused.is_empty() {
        axum::http::StatusCode::CONFLICT
    } else if errors.is_empty() && reason.1.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((code, state.templates.page(auth, "plans/show", "规划", &view)?).into_response())
}

async fn show(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    Query(q): Query<ShowQuery>,
) -> Result<Response> {
    show_page(&state, &auth, id, q, Again::default()).await
}

/// The plan's targets against what was done, one row per year and indicator, as XLSX.
async fn export(
    state: &AppState,
    p: &plan::Model,
    table: &[(i32, PlanIndicator, Option<i64>, Option<i64>)],
) -> Result<Response> {
    use crate::export::Cell;
    let value = |ind: PlanIndicator, v: i64| if ind.is_money() { Cell::Yuan(v) } else { Cell::Number(v) };
    let rows: Vec<Vec<Cell>> = table
        .iter()
        .map(|&(year, ind, target, done)| {
            vec![
                Cell::Number(year.into()),
                Cell::from(ind.label()),
                target.map_or(Cell::from(""), |t| value(ind, t)),
                done.map_or(Cell::from(""), |d| value(ind, d)),
                match (target, done) {
                    (Some(t), Some(d)) if t > 0 => Cell::Percent(d as f64 / t as f64),
                    _ => Cell::from(""),
                },
            ]
        })
        .collect();
    let county = county_name(state, &p.county_code).await?;
    let title = format!(
        "{county}「{}」规划（{}–{} 年，{}）目标与完成情况",
        p.period,
        p.start_year,
        p.end_year,
        PlanStatus::parse(&p.status).map_or("未知", PlanStatus::label)
    );
    let bytes = crate::export::table_xlsx("规划", &title, &["年度", "指标", "目标", "完成", "完成率"], &rows)?;
    Ok(super::paging::xlsx_download(&format!("plan-{}.xlsx", p.id), bytes))
}

async fn save(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(typed): CsrfForm<BTreeMap<String, String>>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    match plans::save_targets(&state.db, user, id, &typed, state.clock.now()).await {
        Ok(targets) => Ok(super::flash::redirect(
            &format!("/office/plans/{id}"),
            &format!("已保存 {} 项年度目标。", targets.len()),
        )),
        Err(AppError::Invalid(errors)) => {
            let again = Again { typed: Some(&typed), errors: &errors, ..Default::default() };
            show_page(&state, &auth, id, ShowQuery::default(), again).await
        }
        Err(AppError::Conflict(why)) => {
            show_page(&state, &auth, id, ShowQuery::default(), Again { refused: &why, ..Default::default() }).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StepForm {
    reason: String,
}

async fn act(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, step)): Path<(i32, String)>,
    CsrfForm(f): CsrfForm<StepForm>,
) -> Result<Response> {
    let step = Step::parse(&step).ok_or(AppError::NotFound)?;
    let user = auth.require(&[Role::Office])?;
    match plans::step(&state.db, user, id, step, &f.reason, state.clock.now()).await {
        Ok(p) => {
            let message = match step {
                Step::Submit => format!("「{}」规划已提交市扶贫办审批。", p.period),
                Step::Approve => format!("已批准「{}」规划，县扶贫办已收到通知。", p.period),
                Step::Return => format!("已退回「{}」规划，县扶贫办已收到意见。", p.period),
            };
            Ok(super::flash::redirect(&format!("/office/plans/{id}"), &message))
        }
        Err(AppError::Invalid(errors)) => {
            let message = errors.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            let again = Again { reason: &f.reason, reason_error: &message, ..Default::default() };
            show_page(&state, &auth, id, ShowQuery::default(), again).await
        }
        Err(AppError::Conflict(why)) => {
            show_page(&state, &auth, id, ShowQuery::default(), Again { refused: &why, ..Default::default() }).await
        }
        Err(e) => Err(e),
    }
}
