//! Contribution pages: reporting with evidence (multipart upload), the village's confirmation or
//! dispute and the office's verification behind confirmation pages, and evidence downloads.

use std::collections::BTreeMap;

use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use entity::{agreement, contribution, evidence, pairing};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::Routes;
use super::extract::{CsrfForm, csrf_ok};
use super::render::field_errors;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::contributions::{self, ContributionForm, FIELDS, Step, Upload};
use crate::domain::{ContributionKind, ContributionStatus};
use crate::error::{AppError, Result};
use crate::pairings;

/// Routes of this module.
pub fn routes() -> Routes {
    const READERS: &[Role] = &[Role::Enterprise, Role::Village, Role::Office, Role::Auditor];
    const PARTIES: &[Role] = &[Role::Enterprise, Role::Village, Role::Office];
    Routes::new()
        .get_as(&[Role::Enterprise], "/agreements/{id}/contributions/new", new_form)
        .post_as(&[Role::Enterprise], "/agreements/{id}/contributions", report)
        .get_as(&[Role::Enterprise], "/contributions/{id}/correct", correct_form)
        .get_as(PARTIES, "/contributions/{id}/confirm/{step}", confirm)
        .post_as(PARTIES, "/contributions/{id}/{step}", act)
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
    has_errors: bool,
    kinds: Vec<Choice>,
    /// The programmes it may count for: those ticked, else its agreement's.
    programmes: Vec<crate::programmes::Choice>,
    /// A correction: the corrected record's files, as (id, name, kept).
    kept_files: Vec<(String, String, bool)>,
}

async fn form_page(
    state: &AppState,
    auth: &Auth,
    agreement_id: i32,
    form: &ContributionForm,
    errors: &[(String, String)],
) -> Result<Response> {
    let declared = crate::programmes::declared(&state.db).await?;
    let mut ticked = crate::programmes::Programme::read(Some(&form.programmes.join(",")));
    if ticked.is_empty() {
        let a = agreement::Entity::find_by_id(agreement_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
        ticked = declared.effective(None, a.programmes.as_deref());
    }
    let kept_files = match form.corrects.trim().parse::<i32>() {
        Ok(old)
            if contribution::Entity::find_by_id(old)
                .one(&state.db)
                .await?
                .is_some_and(|c| c.agreement_id == agreement_id) =>
        {
            evidence::Entity::find()
                .filter(evidence::Column::ContributionId.eq(old))
                .order_by_asc(evidence::Column::Id)
                .all(&state.db)
                .await?
                .into_iter()
                .map(|e| {
                    let id = e.id.to_string();
                    let kept = form.keep.contains(&id);
                    (id, e.file_name, kept)
                })
                .collect()
        }
        _ => Vec::new(),
    };
    let view = FormView {
        kept_files,
        programmes: declared.choices(&ticked),
        agreement_id,
        form,
        errors: field_errors(FIELDS, errors),
        has_errors: !errors.is_empty(),
        kinds: ContributionKind::ALL
            .iter()
            .map(|k| Choice { code: k.code(), name: k.label(), selected: form.kind == k.code() })
            .collect(),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let title = if form.corrects.is_empty() { "报告帮扶成效" } else { "更正帮扶记录" };
    Ok((status, state.templates.page(auth, "contributions/form", title, &view)?).into_response())
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
    let form = ContributionForm {
        contributed_on: state.clock.today().to_string(),
        submission: crate::submissions::new_key(),
        ..Default::default()
    };
    form_page(&state, &auth, id, &form, &[]).await
}

/// The report form pre-filled from a record the enterprise corrects.
async fn correct_form(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let c = contribution::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    enterprise_agreement(&state, &auth, c.agreement_id).await?;
    if !contributions::may_correct(&state.db, &c).await? {
        let status = ContributionStatus::parse(&c.status).unwrap_or(ContributionStatus::Verified);
        return Err(AppError::Conflict(contributions::not_correctable(status)));
    }
    // The corrected record's files are kept unless unticked.
    let mut form = ContributionForm::correcting(&c);
    form.keep = evidence::Entity::find()
        .filter(evidence::Column::ContributionId.eq(c.id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|e| e.id.to_string())
        .collect();
    form_page(&state, &auth, c.agreement_id, &form, &[]).await
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
                let bytes = field.bytes().await.map_err(|_| {
                    AppError::field(
                        "files",
                        "文件过大或上传中断：一次上传合计不超过 10 MB，请少选几份或把照片压缩后再传",
                    )
                })?;
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
    super::extract::ascii_digits(&mut fields);
    let encoded = serde_urlencoded::to_string(&fields).unwrap_or_default();
    // `serde_html_form` reads the repeated `programmes` boxes into a list.
    let mut form: ContributionForm = match serde_html_form::from_str(&encoded) {
        Ok(f) => f,
        Err(_) => {
            let why = "表单内容不完整或有重复的项，请刷新页面后重新填写";
            return form_page(&state, &auth, id, &ContributionForm::default(), &[("kind".to_owned(), why.to_owned())])
                .await;
        }
    };
    // The text fields of an upload pass the same check as every other form (see `web::input`).
    if let Some((name, _)) = fields.iter().find(|(_, v)| !v.chars().all(super::input::allowed_char)) {
        let message = format!("「{name}」含有不可见的控制字符，请删除后重新提交");
        return form_page(&state, &auth, id, &form, &[(name.clone(), message)]).await;
    }
    form.files_dropped = !files.is_empty();
    match contributions::report(&state.db, auth.user()?, id, &form, files, state.clock.now()).await {
        Ok(c) => Ok(super::flash::redirect(
            &format!("/agreements/{id}#c{}", c.id),
            &match c.supersedes_id {
                Some(old) => format!(
                    "已更正帮扶记录 #{old}：新记录 #{} 替换了它，等待村委会重新确认；确认后由扶贫办核实。",
                    c.id
                ),
                None => "帮扶记录已报告，等待村委会确认；确认后由扶贫办核实。".to_owned(),
            },
        )),
        Err(AppError::Invalid(errors)) => form_page(&state, &auth, id, &form, &errors).await,
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct EvidenceView {
    id: i32,
    name: String,
    image: bool,
}

/// The step's page shows what is being decided: the record, its evidence and, for the office,
/// the risk flags.
#[derive(Serialize)]
struct ConfirmView {
    id: i32,
    /// A purchase: product, quantity, market price; and the buyer's payment and rating.
    purchase: String,
    payment: String,
    step: &'static str,
    label: &'static str,
    reason_label: &'static str,
    reason_required: bool,
    agreement_id: i32,
    enterprise: String,
    village: String,
    kind: &'static str,
    status_label: &'static str,
    amount_fen: i64,
    quantity: String,
    households: i32,
    persons: i32,
    date: String,
    description: String,
    dispute_reason: String,
    evidence: Vec<EvidenceView>,
    flags: Vec<String>,
    reason: String,
    error: String,
}

async fn confirm_page(
    state: &AppState,
    auth: &Auth,
    id: i32,
    step: Step,
    reason: &str,
    error: &str,
) -> Result<Response> {
    let c = contribution::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let a = agreement::Entity::find_by_id(c.agreement_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let party = pairings::party_of(&state.db, auth.user()?, &p).await?;
    let status = ContributionStatus::parse(&c.status).unwrap_or(ContributionStatus::Verified);
    if let Err(why) = contributions::next(status, party, step) {
        return Err(AppError::Conflict(why));
    }
    let flags =
        if party == pairings::Party::Office { crate::flags::of_contribution(&state.db, &c).await? } else { Vec::new() };
    let evidence = evidence::Entity::find()
        .filter(evidence::Column::ContributionId.eq(c.id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|e| EvidenceView { id: e.id, image: e.media_type.starts_with("image/"), name: e.file_name })
        .collect();
    let view = ConfirmView {
        purchase: crate::programmes::purchases::describe(&c),
        payment: crate::programmes::purchases::payment_words(&c),
        id,
        step: step.code(),
        label: step.label(),
        reason_label: if step == Step::Verify && !flags.is_empty() {
            "核实说明（有风险提示，必填）"
        } else {
            step.reason_label()
        },
        reason_required: step.needs_reason() || (step == Step::Verify && !flags.is_empty()),
        agreement_id: a.id,
        enterprise: super::org_name(state, p.enterprise_id).await?,
        village: super::org_name(state, p.village_id).await?,
        kind: ContributionKind::parse(&c.kind).map_or("其他", ContributionKind::label),
        status_label: status.label(),
        amount_fen: c.amount_fen,
        quantity: c
            .quantity
            .map(|q| {
                format!("{} {}", crate::money::group_thousands(q.unsigned_abs()), c.unit.clone().unwrap_or_default())
            })
            .unwrap_or_default(),
        households: c.households,
        persons: c.persons,
        date: super::listings::cn_date(c.contributed_on),
        description: c.description,
        dispute_reason: c.dispute_reason.unwrap_or_default(),
        evidence,
        flags,
        reason: reason.to_owned(),
        error: error.to_owned(),
    };
    let code = if error.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((code, state.templates.page(auth, "contributions/confirm", &format!("帮扶记录：{}", step.label()), &view)?)
        .into_response())
}

async fn confirm(State(state): State<AppState>, auth: Auth, Path((id, step)): Path<(i32, String)>) -> Result<Response> {
    let step = Step::parse(&step).ok_or(AppError::NotFound)?;
    confirm_page(&state, &auth, id, step, "", "").await
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
    match contributions::step(&state.db, auth.user()?, id, step, &f.reason, state.clock.now(), state.config.notice_days)
        .await
    {
        Ok(c) => {
            // A purchase confirmed before it is paid and rated waits for the buyer first.
            let left = crate::programmes::purchases::missing(&c);
            let message = if step == Step::Confirm && !left.is_empty() {
                format!("已确认属实。还缺：{}，之后由扶贫办核实。", left.join("、"))
            } else {
                step.outcome().to_owned()
            };
            Ok(super::flash::redirect(&format!("/agreements/{}#c{}", c.agreement_id, c.id), &message))
        }
        Err(AppError::Invalid(errors)) => {
            let message = errors.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            confirm_page(&state, &auth, id, step, &f.reason, &message).await
        }
        Err(e) => Err(e),
    }
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
