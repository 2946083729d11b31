//! Contribution pages: reporting with evidence (multipart upload), the village's confirmation or
//! dispute and the office's verification behind confirmation pages, and evidence downloads.

use std::collections::BTreeMap;

use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use entity::{agreement, contribution, evidence, pairing};
use sea_orm::EntityTrait;
use serde::Serialize;

use super::Routes;
use super::extract::{CsrfForm, csrf_ok};
use super::render::field_errors;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::contributions::{self, ContributionForm, FIELDS, Step, Upload};
use crate::domain::ContributionKind;
use crate::error::{AppError, Result};
use crate::pairings;

/// Routes of this module.
pub fn routes() -> Routes {
    const READERS: &[Role] = &[Role::Enterprise, Role::Village, Role::Office, Role::Auditor];
    Routes::new()
        .get_as(&[Role::Enterprise], "/agreements/{id}/contributions/new", new_form)
        .post_as(&[Role::Enterprise], "/agreements/{id}/contributions", report)
        .get_as(&[Role::Village, Role::Office], "/contributions/{id}/confirm/{step}", confirm)
        .post_as(&[Role::Village, Role::Office], "/contributions/{id}/{step}", act)
        .get_as(READERS, "/evidence/{id}", download)
}

#[derive(Serialize)]
struct Choice {
    code: &'static str,
    name: &'static str,
    selected: bool,
}

#[derive(Serialize)]
struct FormView<'a> {
    agreement_id: i32,
    form: &'a ContributionForm,
    errors: BTreeMap<String, String>,
    kinds: Vec<Choice>,
}

async fn form_page(
    state: &AppState,
    auth: &Auth,
    agreement_id: i32,
    form: &ContributionForm,
    errors: &[(String, String)],
) -> Result<Response> {
    let view = FormView {
        agreement_id,
        form,
        errors: field_errors(FIELDS, errors),
        kinds: ContributionKind::ALL
            .iter()
            .map(|k| Choice { code: k.code(), name: k.label(), selected: form.kind == k.code() })
            .collect(),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "contributions/form", "报告帮扶成效", &view)?).into_response())
}

async fn enterprise_agreement(state: &AppState, auth: &Auth, id: i32) -> Result<()> {
    let a = agreement::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if pairings::party_of(&state.db, auth.user()?, &p).await? == pairings::Party::Enterprise {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

async fn new_form(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    enterprise_agreement(&state, &auth, id).await?;
    let form = ContributionForm { contributed_on: state.clock.today().to_string(), ..Default::default() };
    form_page(&state, &auth, id, &form, &[]).await
}

/// The multipart form: `_csrf` first, then the fields and any number of `files`.
async fn report(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    mp: std::result::Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response> {
    // Who may report is settled before the body is read.
    enterprise_agreement(&state, &auth, id).await?;
    let mut mp = mp.map_err(|_| AppError::field("files", "请通过页面上的表单提交（multipart/form-data）"))?;
    let mut csrf = String::new();
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut files = Vec::new();
    while let Some(field) = mp.next_field().await.map_err(|e| AppError::field("files", format!("上传失败：{e}")))?
    {
        let name = field.name().unwrap_or("").to_owned();
        if name != "_csrf" && !csrf_ok(&auth, &csrf) {
            return Err(AppError::Csrf);
        }
        match name.as_str() {
            "_csrf" => csrf = field.text().await.unwrap_or_default(),
            "files" => {
                let file_name = field.file_name().unwrap_or("").to_owned();
                let bytes = field.bytes().await.map_err(|_| AppError::field("files", "文件过大或上传中断"))?;
                if !bytes.is_empty() {
                    files.push(Upload { name: file_name, bytes: bytes.to_vec() });
                }
            }
            _ => fields.push((name, field.text().await.unwrap_or_default())),
        }
    }
    if !csrf_ok(&auth, &csrf) {
        return Err(AppError::Csrf);
    }
    let encoded = serde_urlencoded::to_string(&fields).unwrap_or_default();
    let form: ContributionForm = serde_urlencoded::from_str(&encoded).unwrap_or_default();
    // The text fields of an upload pass the same check as every other form (see `web::input`).
    if let Some((name, _)) = fields.iter().find(|(_, v)| !v.chars().all(super::input::allowed_char)) {
        let message = format!("「{name}」含有不可见的控制字符，请删除后重新提交");
        return form_page(&state, &auth, id, &form, &[(name.clone(), message)]).await;
    }
    match contributions::report(&state.db, auth.user()?, id, &form, files, state.clock.now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/agreements/{id}")).into_response()),
        Err(AppError::Invalid(errors)) => form_page(&state, &auth, id, &form, &errors).await,
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct ConfirmView {
    id: i32,
    step: &'static str,
    label: &'static str,
    needs_reason: bool,
    agreement_id: i32,
    error: String,
}

async fn confirm(State(state): State<AppState>, auth: Auth, Path((id, step)): Path<(i32, String)>) -> Result<Response> {
    let step = Step::parse(&step).ok_or(AppError::NotFound)?;
    let c = contribution::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let a = agreement::Entity::find_by_id(c.agreement_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    pairings::party_of(&state.db, auth.user()?, &p).await?;
    let view = ConfirmView {
        id,
        step: step.code(),
        label: step.label(),
        needs_reason: step == Step::Dispute,
        agreement_id: a.id,
        error: String::new(),
    };
    Ok(state.templates.page(&auth, "contributions/confirm", "确认操作", &view)?.into_response())
}

#[derive(serde::Deserialize)]
struct ReasonForm {
    #[serde(default)]
    reason: String,
}

async fn act(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, step)): Path<(i32, String)>,
    CsrfForm(f): CsrfForm<ReasonForm>,
) -> Result<Response> {
    let step = Step::parse(&step).ok_or(AppError::NotFound)?;
    let c =
        contributions::step(&state.db, auth.user()?, id, step, &f.reason, state.clock.now(), state.config.notice_days)
            .await?;
    Ok(Redirect::to(&format!("/agreements/{}", c.agreement_id)).into_response())
}

/// An evidence file, for the agreement's parties, covering offices and auditors.
async fn download(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let e = evidence::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let c = contribution::Entity::find_by_id(e.contribution_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let a = agreement::Entity::find_by_id(c.agreement_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if !pairings::may_read(&state.db, auth.user()?, &p).await? {
        return Err(AppError::NotFound);
    }
    let bytes = crate::evidence::get(&state.db, &e.storage_key).await?.ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, e.media_type.clone()),
            (header::CONTENT_DISPOSITION, "inline".to_owned()),
            (header::CACHE_CONTROL, "private, max-age=3600".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
