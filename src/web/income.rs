//! Collective income pages: the village reports its collective's yearly income; the office
//! verifies it or sends it back with a reason.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use entity::{collective_income, organisation};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::CsrfForm;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::{Auth, region_prefix};
use crate::domain::IncomeStatus;
use crate::error::{AppError, Result};
use crate::governance::income;
use crate::money::Money;

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Village], "/my/income", mine)
        .post_as(&[Role::Village], "/my/income", report)
        .get_as(&[Role::Office, Role::Auditor], "/office/income", office)
        .post_as(&[Role::Office], "/office/income/{village}/{year}/{step}", decide)
}

#[derive(Serialize)]
struct Line {
    village_id: i32,
    village: String,
    year: i32,
    amount: String,
    status: String,
    status_label: &'static str,
    note: String,
    above: bool,
    can_decide: bool,
}

fn line(r: collective_income::Model, village: String, can_decide: bool) -> Line {
    Line {
        village_id: r.village_id,
        village,
        year: r.year,
        amount: Money(r.amount_fen).display(),
        status_label: IncomeStatus::parse(&r.status).map_or("未知", IncomeStatus::label),
        can_decide: can_decide && r.status == IncomeStatus::Reported.code(),
        above: r.amount_fen >= income::THRESHOLD_FEN,
        status: r.status,
        note: r.note.unwrap_or_default(),
    }
}

#[derive(Serialize, Deserialize, Default, Clone)]
#[serde(default)]
struct ReportForm {
    year: String,
    amount_yuan: String,
}

#[derive(Serialize)]
struct MineView {
    lines: Vec<Line>,
    years: Vec<(i32, bool)>,
    form: ReportForm,
    errors: std::collections::BTreeMap<String, String>,
    threshold: String,
}

async fn mine_page(state: &AppState, auth: &Auth, form: ReportForm, errors: &[(String, String)]) -> Result<Response> {
    let user = auth.require(&[Role::Village])?;
    let village = user.organisation_id.ok_or(AppError::NotFound)?;
    let lines = collective_income::Entity::find()
        .filter(collective_income::Column::VillageId.eq(village))
        .order_by_desc(collective_income::Column::Year)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| line(r, String::new(), false))
        .collect();
    let this = state.clock.today().year();
    let chosen = if form.year.is_empty() { (this - 1).to_string() } else { form.year.clone() };
    let view = MineView {
        lines,
        years: (2014..=this).rev().map(|y| (y, chosen == y.to_string())).collect(),
        form,
        errors: super::render::field_errors(&["year", "amount_yuan"], errors),
        threshold: Money(income::THRESHOLD_FEN).display(),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "income/mine", "集体经济收入", &view)?).into_response())
}

async fn mine(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    mine_page(&state, &auth, ReportForm::default(), &[]).await
}

async fn report(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<ReportForm>) -> Result<Response> {
    let user = auth.require(&[Role::Village])?;
    match income::report(&state.db, user, &form.year, &form.amount_yuan, state.clock.now()).await {
        Ok(r) => Ok(super::flash::redirect(
            "/my/income",
            &format!("已报告 {} 年集体经济收入 {}，等待扶贫办核实。", r.year, Money(r.amount_fen).display()),
        )),
        Err(AppError::Invalid(errors)) => mine_page(&state, &auth, form, &errors).await,
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct OfficeView {
    lines: Vec<Line>,
    threshold: String,
    refused: String,
}

async fn office_page(state: &AppState, auth: &Auth, refused: &str) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let mut villages = organisation::Entity::find().filter(organisation::Column::Kind.eq("village"));
    if user.role == Role::Office {
        villages = villages.filter(
            organisation::Column::RegionCode.starts_with(region_prefix(user.jurisdiction.as_deref().unwrap_or("x"))),
        );
    }
    let villages: std::collections::HashMap<i32, String> =
        villages.all(&state.db).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let lines = collective_income::Entity::find()
        .filter(collective_income::Column::VillageId.is_in(villages.keys().copied().collect::<Vec<_>>()))
        .order_by_asc(collective_income::Column::Status)
        .order_by_desc(collective_income::Column::Year)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| {
            let name = villages.get(&r.village_id).cloned().unwrap_or_default();
            line(r, name, user.role == Role::Office)
        })
        .collect();
    let view = OfficeView { lines, threshold: Money(income::THRESHOLD_FEN).display(), refused: refused.to_owned() };
    let status = if refused.is_empty() { StatusCode::OK } else { StatusCode::CONFLICT };
    Ok((status, state.templates.page(auth, "income/office", "村集体经济收入", &view)?).into_response())
}

async fn office(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    office_page(&state, &auth, "").await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DecideForm {
    note: String,
}

async fn decide(
    State(state): State<AppState>,
    auth: Auth,
    Path((village, year, step)): Path<(i32, i32, String)>,
    CsrfForm(form): CsrfForm<DecideForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let verify = match step.as_str() {
        "verify" => true,
        "return" => false,
        _ => return Err(AppError::NotFound),
    };
    match income::decide(&state.db, user, village, year, verify, &form.note, state.clock.now()).await {
        Ok(_) => Ok(super::flash::redirect(
            "/office/income",
            if verify {
                "已核实，计入规划的集体经济收入达标村。"
            } else {
                "已退回，村委会会看到原因。"
            },
        )),
        Err(AppError::Conflict(why)) => office_page(&state, &auth, &why).await,
        Err(AppError::Invalid(errors)) => {
            let why = errors.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            let res = office_page(&state, &auth, &why).await?;
            let (mut parts, body) = res.into_parts();
            parts.status = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(Response::from_parts(parts, body))
        }
        Err(e) => Err(e),
    }
}
