//! Agreement pages: drafting one from an approved pairing, the printable agreement with its
//! plan against what was verified, and the list.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use entity::{agreement, milestone, pairing};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::extract::CsrfForm;
use super::listings::cn_date;
use super::render::field_errors;
use super::{Routes, org_name};
use crate::agreements::{self, AgreementForm, FIELDS, MILESTONE_ROWS, Progress};
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::domain::AgreementStatus;
use crate::error::{AppError, Result};
use crate::pairings;

/// Routes of this module.
pub fn routes() -> Routes {
    const READERS: &[Role] = &[Role::Enterprise, Role::Village, Role::Office, Role::Auditor];
    const DRAFTERS: &[Role] = &[Role::Enterprise, Role::Office];
    Routes::new()
        .get_as(READERS, "/agreements", list)
        .get_as(READERS, "/agreements/{id}", show)
        .get_as(DRAFTERS, "/pairings/{id}/agreement/new", new_form)
        .post_as(DRAFTERS, "/pairings/{id}/agreement", create)
        .post_as(&[Role::Office], "/agreements/{id}/close", close)
}

#[derive(Serialize)]
struct MilestoneRow {
    n: usize,
    title: String,
    due: String,
    amount: String,
}

#[derive(Serialize)]
struct FormView<'a> {
    pairing_id: i32,
    form: &'a AgreementForm,
    errors: BTreeMap<String, String>,
    rows: Vec<MilestoneRow>,
}

async fn form_page(
    state: &AppState,
    auth: &Auth,
    pairing_id: i32,
    form: &AgreementForm,
    errors: &[(String, String)],
) -> Result<Response> {
    let rows = (0..MILESTONE_ROWS)
        .map(|i| MilestoneRow {
            n: i + 1,
            title: form.milestone_title.get(i).cloned().unwrap_or_default(),
            due: form.milestone_due.get(i).cloned().unwrap_or_default(),
            amount: form.milestone_yuan.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    let view = FormView { pairing_id, form, errors: field_errors(FIELDS, errors), rows };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "agreements/form", "签订帮扶协议", &view)?).into_response())
}

async fn new_form(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let p = pairing::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    agreements::check_may_create(&state.db, auth.user()?, &p).await?;
    let today = state.clock.today();
    let form = AgreementForm {
        title: format!("结对 #{id} 帮扶协议"),
        starts_on: today.to_string(),
        ends_on: (today + chrono::Duration::days(365)).to_string(),
        ..Default::default()
    };
    form_page(&state, &auth, id, &form, &[]).await
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<AgreementForm>,
) -> Result<Response> {
    match agreements::create(&state.db, auth.user()?, id, &form, state.clock.now()).await {
        Ok(a) => {
            Ok(super::flash::redirect(&format!("/agreements/{}", a.id), "帮扶协议已签订，村委会和扶贫办已收到通知。"))
        }
        Err(AppError::Invalid(errors)) => form_page(&state, &auth, id, &form, &errors).await,
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct ShowView {
    id: i32,
    pairing_id: i32,
    title: String,
    terms: String,
    enterprise: String,
    village: String,
    status: String,
    status_label: &'static str,
    period: String,
    progress: Vec<Progress>,
    milestones: Vec<MilestoneRow>,
    contributions: Vec<ContributionRow>,
    can_report: bool,
    can_close: bool,
    close_reason: String,
}

#[derive(Serialize)]
struct EvidenceLink {
    id: i32,
    name: String,
}

#[derive(Serialize)]
struct ContributionRow {
    id: i32,
    kind: &'static str,
    amount_fen: i64,
    persons: i32,
    date: String,
    description: String,
    status: String,
    status_label: &'static str,
    dispute_reason: String,
    /// The office's ruling or the enterprise's reason for withdrawing.
    resolution: String,
    /// The record this one corrects (0 when none).
    supersedes_id: i32,
    /// The enterprise may correct it (a new report replacing it).
    can_correct: bool,
    evidence: Vec<EvidenceLink>,
    steps: Vec<(&'static str, &'static str)>,
    /// Anti-fraud flags, for offices and auditors only.
    flags: Vec<String>,
}

async fn readable(state: &AppState, auth: &Auth, id: i32) -> Result<(agreement::Model, pairing::Model)> {
    let a = agreement::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if pairings::may_read(&state.db, auth.user()?, &p).await? { Ok((a, p)) } else { Err(AppError::NotFound) }
}

/// The agreement, laid out to print on A4 as well as to read on a phone.
async fn show(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let (a, p) = readable(&state, &auth, id).await?;
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::AgreementId.eq(a.id))
        .order_by_asc(milestone::Column::DueOn)
        .all(&state.db)
        .await?
        .into_iter()
        .enumerate()
        .map(|(i, m)| MilestoneRow {
            n: i + 1,
            title: m.title,
            due: cn_date(m.due_on),
            amount: if m.planned_amount_fen > 0 {
                crate::money::Money(m.planned_amount_fen).display()
            } else {
                String::new()
            },
        })
        .collect();
    let party = pairings::party_of(&state.db, auth.user()?, &p).await.ok();
    let mut contributions = Vec::new();
    for c in entity::contribution::Entity::find()
        .filter(entity::contribution::Column::AgreementId.eq(a.id))
        .order_by_desc(entity::contribution::Column::Id)
        .all(&state.db)
        .await?
    {
        let status = crate::domain::ContributionStatus::parse(&c.status);
        let steps = match (party, status) {
            (Some(party), Some(s)) => crate::contributions::Step::ALL
                .into_iter()
                .filter(|st| crate::contributions::next(s, party, *st).is_ok())
                .map(|st| (st.code(), st.label()))
                .collect(),
            _ => Vec::new(),
        };
        let evidence = entity::evidence::Entity::find()
            .filter(entity::evidence::Column::ContributionId.eq(c.id))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|e| EvidenceLink { id: e.id, name: e.file_name })
            .collect();
        let flags = if matches!(auth.user()?.role, Role::Office | Role::Auditor) {
            crate::flags::of_contribution(&state.db, &c).await?
        } else {
            Vec::new()
        };
        contributions.push(ContributionRow {
            flags,
            id: c.id,
            kind: crate::domain::ContributionKind::parse(&c.kind)
                .map_or("其他", crate::domain::ContributionKind::label),
            amount_fen: c.amount_fen,
            persons: c.persons,
            date: cn_date(c.contributed_on),
            description: c.description,
            status_label: status.map_or("未知", crate::domain::ContributionStatus::label),
            status: c.status,
            dispute_reason: c.dispute_reason.unwrap_or_default(),
            resolution: c.resolution.unwrap_or_default(),
            supersedes_id: c.supersedes_id.unwrap_or(0),
            can_correct: party == Some(pairings::Party::Enterprise)
                && a.status == AgreementStatus::Active.code()
                && status.is_some_and(crate::contributions::correctable),
            evidence,
            steps,
        });
    }
    let can_report = party == Some(pairings::Party::Enterprise) && a.status == AgreementStatus::Active.code();
    let can_close = party == Some(pairings::Party::Office) && a.status == AgreementStatus::Active.code();
    let view = ShowView {
        can_close,
        close_reason: a.close_reason.clone().unwrap_or_default(),
        contributions,
        can_report,
        id: a.id,
        pairing_id: a.pairing_id,
        enterprise: org_name(&state, p.enterprise_id).await?,
        village: org_name(&state, p.village_id).await?,
        status: a.status.clone(),
        status_label: AgreementStatus::parse(&a.status).map_or("未知", AgreementStatus::label),
        period: format!("{} 至 {}", cn_date(a.starts_on), cn_date(a.ends_on)),
        progress: agreements::progress(&state.db, &a).await?,
        milestones,
        title: a.title,
        terms: a.terms,
    };
    let title = view.title.clone();
    Ok(state.templates.page(&auth, "agreements/show", &title, &view)?.into_response())
}

#[derive(serde::Deserialize)]
struct CloseForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    reason: String,
}

/// An office closes the agreement (the form on the agreement page is its confirmation: it asks
/// for the outcome and a reason).
async fn close(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(f): CsrfForm<CloseForm>,
) -> Result<Response> {
    let completed = f.outcome == "completed";
    agreements::close(&state.db, auth.user()?, id, completed, &f.reason, state.clock.now()).await?;
    let message = if completed {
        "协议已标记为完成，双方已收到通知。"
    } else {
        "协议已终止，双方已收到通知。"
    };
    Ok(super::flash::redirect(&format!("/agreements/{id}"), message))
}

#[derive(Serialize)]
struct Row {
    id: i32,
    title: String,
    status: String,
    status_label: &'static str,
}

#[derive(Serialize)]
struct ListView {
    rows: Vec<Row>,
}

async fn list(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    let user = auth.user()?;
    let mut rows = Vec::new();
    for a in agreement::Entity::find().order_by_desc(agreement::Column::Id).all(&state.db).await? {
        let Some(p) = pairing::Entity::find_by_id(a.pairing_id).one(&state.db).await? else { continue };
        if pairings::may_read(&state.db, user, &p).await? {
            rows.push(Row {
                id: a.id,
                status_label: AgreementStatus::parse(&a.status).map_or("未知", AgreementStatus::label),
                status: a.status,
                title: a.title,
            });
        }
    }
    Ok(state.templates.page(&auth, "agreements/list", "帮扶协议", &ListView { rows })?.into_response())
}
