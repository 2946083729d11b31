//! Project asset pages (项目资产): an office's list of the assets of its jurisdiction with the form
//! to record one from an agreement; a village's own assets with the form to report an operating
//! asset's yearly income. An asset that looks idle is marked (the supervision scan raises it).

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use entity::{agreement, organisation, pairing, project_asset};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

use super::Routes;
use super::extract::CsrfForm;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::{Auth, region_prefix};
use crate::domain::AgreementStatus;
use crate::error::{AppError, Result};
use crate::governance::assets::{self, ASSET_FIELDS, AssetForm, AssetKind, IncomeForm};
use crate::money::Money;

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Office, Role::Auditor], "/office/assets", office_list)
        .post_as(&[Role::Office], "/office/assets", record)
        .get_as(&[Role::Village], "/my/assets", village_list)
        .post_as(&[Role::Village], "/assets/{id}/income", income)
}

#[derive(Serialize)]
struct Row {
    id: i32,
    name: String,
    kind: &'static str,
    operating: bool,
    village: String,
    agreement: String,
    agreement_id: i32,
    value: String,
    handed_over_on: String,
    incomes: Vec<String>,
    idle: bool,
}

#[derive(Serialize)]
struct Choice {
    code: String,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct View {
    rows: Vec<Row>,
    is_village: bool,
    can_record: bool,
    agreements: Vec<Choice>,
    kinds: Vec<Choice>,
    form: AssetForm,
    errors: BTreeMap<String, String>,
    /// The asset whose income form was refused, with why.
    income_for: i32,
    income_error: String,
    income_form: IncomeForm,
    refused: String,
    total_value: String,
    this_year: i32,
}

async fn rows(state: &AppState, assets: Vec<project_asset::Model>) -> Result<Vec<Row>> {
    let today = state.clock.today();
    let ids: Vec<i32> = assets.iter().map(|a| a.id).collect();
    let income = assets::incomes(&state.db, &ids).await?;
    let villages: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(assets.iter().map(|a| a.village_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let titles: HashMap<i32, String> = agreement::Entity::find()
        .filter(agreement::Column::Id.is_in(assets.iter().map(|a| a.agreement_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.title))
        .collect();
    Ok(assets
        .into_iter()
        .map(|a| {
            let by_year = income.get(&a.id).map_or(&[][..], Vec::as_slice);
            Row {
                idle: assets::looks_idle(&a.kind, a.handed_over_on, by_year, today),
                incomes: by_year.iter().map(|(y, fen)| format!("{y} 年 {}", Money(*fen).display())).collect(),
                operating: a.kind == AssetKind::Operating.code(),
                kind: assets::kind_label(&a.kind),
                village: villages.get(&a.village_id).cloned().unwrap_or_default(),
                agreement: titles.get(&a.agreement_id).cloned().unwrap_or_default(),
                agreement_id: a.agreement_id,
                value: Money(a.value_fen).display(),
                handed_over_on: a.handed_over_on.to_string(),
                id: a.id,
                name: a.name,
            }
        })
        .collect())
}

#[derive(Default)]
struct Refusal {
    errors: Vec<(String, String)>,
    income_for: i32,
    income_error: String,
    income_form: IncomeForm,
    refused: String,
}

async fn render(state: &AppState, auth: &Auth, form: AssetForm, r: Refusal) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor, Role::Village])?;
    let is_village = user.role == Role::Village;
    let mut q = project_asset::Entity::find().order_by_desc(project_asset::Column::HandedOverOn).limit(500);
    match user.role {
        Role::Village => {
            let own = user.organisation_id.ok_or(AppError::Forbidden)?;
            let org = organisation::Entity::find_by_id(own).one(&state.db).await?.ok_or(AppError::Forbidden)?;
            if !assets::may_read(user, &org) {
                return Err(AppError::Conflict("本村通过扶贫办认证后才能查看项目资产".into()));
            }
            q = q.filter(project_asset::Column::VillageId.eq(own));
        }
        Role::Office => {
            let prefix = region_prefix(user.jurisdiction.as_deref().unwrap_or("x")).to_owned();
            q = q.filter(project_asset::Column::VillageId.in_subquery(crate::radar::villages_in(&prefix)));
        }
        _ => {}
    }
    let found = q.all(&state.db).await?;
    let total: i64 = found.iter().map(|a| a.value_fen).sum();
    let can_record = user.role == Role::Office;
    let agreements = if can_record {
        let prefix = region_prefix(user.jurisdiction.as_deref().unwrap_or("x")).to_owned();
        let list = agreement::Entity::find()
            .filter(
                agreement::Column::Status.is_in([AgreementStatus::Active.code(), AgreementStatus::Completed.code()]),
            )
            .filter(agreement::Column::Id.in_subquery(crate::radar::agreements_in(&prefix)))
            .order_by_desc(agreement::Column::Id)
            .limit(300)
            .all(&state.db)
            .await?;
        let village_of: HashMap<i32, i32> = pairing::Entity::find()
            .filter(pairing::Column::Id.is_in(list.iter().map(|a| a.pairing_id).collect::<Vec<_>>()))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.village_id))
            .collect();
        let names: HashMap<i32, String> = organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(village_of.values().copied().collect::<Vec<_>>()))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        list.into_iter()
            .map(|a| Choice {
                selected: form.agreement.trim() == a.id.to_string(),
                label: format!(
                    "{} · {}",
                    village_of.get(&a.pairing_id).and_then(|v| names.get(v)).cloned().unwrap_or_default(),
                    a.title
                ),
                code: a.id.to_string(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let view = View {
        rows: rows(state, found).await?,
        is_village,
        can_record,
        agreements,
        kinds: AssetKind::ALL
            .iter()
            .map(|k| Choice { code: k.code().into(), label: k.label().into(), selected: form.kind == k.code() })
            .collect(),
        errors: super::render::field_errors(ASSET_FIELDS, &r.errors),
        form,
        income_for: r.income_for,
        income_error: r.income_error,
        income_form: r.income_form,
        refused: r.refused,
        total_value: Money(total).display(),
        this_year: chrono::Datelike::year(&state.clock.today()),
    };
    let status = if !view.refused.is_empty() {
        StatusCode::CONFLICT
    } else if r.errors.is_empty() && view.income_error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, state.templates.page(auth, "assets/list", "项目资产", &view)?).into_response())
}

async fn office_list(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    render(&state, &auth, AssetForm::default(), Refusal::default()).await
}

async fn village_list(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    render(&state, &auth, AssetForm::default(), Refusal::default()).await
}

async fn record(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<AssetForm>) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    match assets::record(&state.db, user, &form, state.clock.now()).await {
        Ok(a) => Ok(super::flash::redirect(
            "/office/assets",
            &format!(
                "已登记项目资产「{}」（{}，{}）。",
                a.name,
                assets::kind_label(&a.kind),
                Money(a.value_fen).display()
            ),
        )),
        Err(AppError::Invalid(errors)) => render(&state, &auth, form, Refusal { errors, ..Default::default() }).await,
        Err(AppError::Conflict(why)) => {
            render(&state, &auth, form, Refusal { refused: why, ..Default::default() }).await
        }
        Err(e) => Err(e),
    }
}

async fn income(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<IncomeForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Village])?;
    match assets::report_income(&state.db, user, id, &form, state.clock.now()).await {
        Ok((a, year, m, before)) => Ok(super::flash::redirect(
            &format!("/my/assets#asset-{}", a.id),
            &match before {
                Some(b) if b != m => {
                    format!("已把「{}」{year} 年收益由 {} 改为 {}。", a.name, b.display(), m.display())
                }
                _ => format!("已登记「{}」{year} 年收益 {}。", a.name, m.display()),
            },
        )),
        Err(AppError::Invalid(errors)) => {
            let why = errors.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            let refusal = Refusal { income_for: id, income_error: why, income_form: form, ..Default::default() };
            render(&state, &auth, AssetForm::default(), refusal).await
        }
        Err(AppError::Conflict(why)) => {
            render(&state, &auth, AssetForm::default(), Refusal { refused: why, ..Default::default() }).await
        }
        Err(e) => Err(e),
    }
}
