//! Assessment pages (考核): the published formula (public), the ranked results an office or the
//! auditor reads (with XLSX), one unit's score broken down indicator by indicator with the
//! records behind each number and the outcomes decided on it, the public list of outcomes
//! (公示), an enterprise's own score, and the village's rating of an agreement.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;
use entity::assessment_outcome;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::CsrfForm;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::domain::{OutcomeKind, Rating, SubjectKind};
use crate::error::{AppError, Result};
use crate::export::Cell;
use crate::governance::assessment::{self, Assessed, FORMULA};
use crate::governance::outcomes::{self, Decision};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get("/assessment/formula", formula)
        .get("/assessment/outcomes", public_outcomes)
        .get_as(&[Role::Office, Role::Auditor], "/office/assessment", list)
        .get_as(&[Role::Enterprise, Role::HelpUnit], "/my/assessment", mine)
        .get_as(&[Role::Office, Role::Auditor, Role::Enterprise, Role::HelpUnit], "/assessment/{kind}/{key}", show)
        .post_as(&[Role::Office], "/assessment/{kind}/{key}/outcomes", decide)
        .post_as(&[Role::Office], "/assessment/outcomes/{id}/close", close)
        .post_as(&[Role::Office], "/assessment/outcomes/{id}/revoke", revoke)
        .post_as(&[Role::Village], "/agreements/{id}/rating", rate)
}

#[derive(Serialize)]
struct FormulaKind {
    label: &'static str,
    indicators: &'static [assessment::IndicatorDef],
}

#[derive(Serialize)]
struct Earlier {
    version: &'static str,
    effective: &'static str,
    until: &'static str,
    kinds: Vec<FormulaKind>,
}

#[derive(Serialize)]
struct FormulaView {
    version: &'static str,
    effective: &'static str,
    kinds: Vec<FormulaKind>,
    earlier: Vec<Earlier>,
    prompt_days: i64,
    ratings: Vec<(&'static str, f64)>,
}

async fn formula(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    let view = FormulaView {
        version: FORMULA.version,
        effective: FORMULA.effective,
        kinds: SubjectKind::ALL.iter().map(|k| FormulaKind { label: k.label(), indicators: FORMULA.of(*k) }).collect(),
        earlier: assessment::EARLIER
            .iter()
            .map(|f| Earlier {
                version: f.version,
                effective: f.effective,
                until: f.until,
                kinds: SubjectKind::ALL
                    .iter()
                    .map(|k| FormulaKind { label: k.label(), indicators: f.of(*k) })
                    .collect(),
            })
            .collect(),
        prompt_days: assessment::PROMPT_DAYS,
        ratings: Rating::ALL
            .iter()
            .map(|r| (r.label(), assessment::rating_points(r.code().parse().unwrap_or(3))))
            .collect(),
    };
    Ok(state.templates.page(&auth, "assessment/formula", "考核办法", &view)?.into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    year: Option<i32>,
    kind: String,
    format: String,
}

#[derive(Serialize)]
struct Tab {
    code: &'static str,
    label: &'static str,
    current: bool,
}

#[derive(Serialize)]
struct Row {
    rank: usize,
    name: String,
    link: String,
    total: String,
    scores: Vec<String>,
}

#[derive(Serialize)]
struct ListView {
    year: i32,
    years: Vec<(i32, bool)>,
    tabs: Vec<Tab>,
    kind: &'static str,
    kind_label: &'static str,
    headings: Vec<&'static str>,
    rows: Vec<Row>,
    xlsx: String,
    version: &'static str,
}

/// The year's assessment, computed once per change (the page cache's version: the audit chain's
/// head, so any recorded change recomputes it) rather than on every view — one computation at a
/// time; at national scale, where it takes seconds, a result a few minutes old is served after
/// changes (see `PublicCache::kept_slow`).
async fn kept(state: &AppState, year: i32) -> Result<std::sync::Arc<Vec<Assessed>>> {
    let today = state.clock.today();
    let version = state.pages.version(&state.db, state.search.applied(), today).await?;
    let key = format!("assessment:{year}:{today}");
    Ok(state.cache.kept_slow(&key, version, assessment::compute(&state.db, year, today)).await?.0)
}

fn year_or_this(state: &AppState, year: Option<i32>) -> i32 {
    let this = state.clock.today().year();
    year.filter(|y| (2015..=this).contains(y)).unwrap_or(this)
}

fn score(v: &assessment::Value) -> String {
    if v.applies { format!("{:.1}", v.score) } else { "不计入".into() }
}

async fn list(State(state): State<AppState>, auth: Auth, Query(q): Query<ListQuery>) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let year = year_or_this(&state, q.year);
    let kind = SubjectKind::parse(q.kind.trim()).unwrap_or(SubjectKind::County);
    let all = kept(&state, year).await?;
    let mine: Vec<&Assessed> = all.iter().filter(|a| a.kind == kind && assessment::may_read(user, a)).collect();
    let defs = FORMULA.of(kind);
    if q.format == "xlsx" {
        let mut headings = vec!["名次", "名称", "总分"];
        headings.extend(defs.iter().map(|d| d.label));
        let rows: Vec<Vec<Cell>> = mine
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut row = vec![Cell::Number(i as i64 + 1), Cell::Text(a.name.clone()), Cell::Score(a.total)];
                row.extend(
                    a.values.iter().map(|v| if v.applies { Cell::Score(v.score) } else { Cell::Text("不计入".into()) }),
                );
                row
            })
            .collect();
        let title = format!("{year} 年度考核：{}（公式 {}）", kind.label(), FORMULA.version);
        let bytes = crate::export::table_xlsx("考核", &title, &headings, &rows)?;
        return Ok(super::paging::xlsx_download(&format!("assessment-{year}-{}.xlsx", kind.code()), bytes));
    }
    let this = state.clock.today().year();
    let view = ListView {
        year,
        years: (outcomes::FIRST_YEAR..=this).rev().map(|y| (y, y == year)).collect(),
        tabs: SubjectKind::ALL.iter().map(|k| Tab { code: k.code(), label: k.label(), current: *k == kind }).collect(),
        kind: kind.code(),
        kind_label: kind.label(),
        headings: defs.iter().map(|d| d.label).collect(),
        rows: mine
            .iter()
            .enumerate()
            .map(|(i, a)| Row {
                rank: i + 1,
                name: a.name.clone(),
                link: format!("/assessment/{}/{}?year={year}", a.kind.code(), a.key),
                total: format!("{:.1}", a.total),
                scores: a.values.iter().map(score).collect(),
            })
            .collect(),
        xlsx: format!("/office/assessment?year={year}&kind={}&format=xlsx", kind.code()),
        version: FORMULA.version,
    };
    Ok(state.templates.page(&auth, "assessment/list", "年度考核", &view)?.into_response())
}

async fn mine(auth: Auth, Query(q): Query<ShowQuery>) -> Result<Response> {
    let user = auth.require(&[Role::Enterprise, Role::HelpUnit])?;
    let year = q.year.map(|y| format!("?year={y}")).unwrap_or_default();
    if user.role == Role::HelpUnit {
        let id = user.unit_id.ok_or(AppError::NotFound)?;
        return Ok(Redirect::to(&format!("/assessment/unit/{id}{year}")).into_response());
    }
    let id = user.organisation_id.ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&format!("/assessment/enterprise/{id}{year}")).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ShowQuery {
    year: Option<i32>,
}

#[derive(Serialize)]
struct OutcomeRow {
    id: i32,
    year: i32,
    kind: &'static str,
    reason: String,
    deadline: String,
    overdue: bool,
    closed: String,
    revoked: String,
    can_close: bool,
    can_revoke: bool,
    /// Why this row's form came back, and what was typed in it.
    error: String,
    typed_close: String,
    typed_revoke: String,
    /// The revoke form came back (shown open).
    revoking: bool,
}

#[derive(Serialize)]
struct Choice {
    code: &'static str,
    label: &'static str,
    selected: bool,
}

#[derive(Serialize)]
struct ShowView {
    year: i32,
    years: Vec<(i32, bool)>,
    kind: &'static str,
    kind_label: &'static str,
    key: String,
    name: String,
    /// Assessed this year (a unit with nothing in the year is not ranked).
    assessed: bool,
    rank: usize,
    of: usize,
    total: String,
    values: Vec<assessment::Value>,
    scores: Vec<String>,
    version: &'static str,
    outcomes: Vec<OutcomeRow>,
    can_decide: bool,
    choices: Vec<Choice>,
    decision_years: Vec<(i32, bool)>,
    form: Decision,
    errors: BTreeMap<String, String>,
    refused: String,
}

/// What the page shows again after a refused decision, closure or revocation.
#[derive(Default)]
struct Again<'a> {
    form: Option<Decision>,
    errors: &'a [(String, String)],
    refused: &'a str,
    /// The outcome whose close or revoke form came back, what was typed and what was wrong.
    row: i32,
    row_typed: &'a str,
    row_error: &'a str,
    /// The row's form was the revocation (not the closure).
    revoking: bool,
}

async fn show_page(
    state: &AppState,
    auth: &Auth,
    kind: &str,
    key: &str,
    year: Option<i32>,
    again: Again<'_>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor, Role::Enterprise, Role::HelpUnit])?;
    let kind = SubjectKind::parse(kind).ok_or(AppError::NotFound)?;
    let subject = outcomes::subject(&state.db, kind, key).await?.ok_or(AppError::NotFound)?;
    let readable = match user.role {
        Role::Auditor => true,
        Role::Office => subject.covered_by(user),
        Role::HelpUnit => kind == SubjectKind::Unit && user.unit_id.map(|i| i.to_string()).as_deref() == Some(key),
        _ => kind == SubjectKind::Enterprise && user.organisation_id.map(|i| i.to_string()).as_deref() == Some(key),
    };
    if !readable {
        return Err(AppError::NotFound);
    }
    let year = year_or_this(state, year);
    let today = state.clock.today();
    let all = kept(state, year).await?;
    let of = all.iter().filter(|a| a.kind == kind).count();
    let found = all.iter().find(|a| a.kind == kind && a.key == key).cloned();
    let decided = assessment_outcome::Entity::find()
        .filter(assessment_outcome::Column::SubjectKind.eq(kind.code()))
        .filter(assessment_outcome::Column::SubjectKey.eq(key))
        .order_by_desc(assessment_outcome::Column::Year)
        .order_by_desc(assessment_outcome::Column::Id)
        .limit(100)
        .all(&state.db)
        .await?;
    let can_decide = subject.decidable_by(user);
    let this = today.year();
    let Again { form, errors, refused, row, row_typed, row_error, revoking } = again;
    let mut values = found.as_ref().map_or_else(Vec::new, |a| a.values.clone());
    // A help unit reads the records behind its numbers but not the agreements' own pages (those
    // are for the parties, their offices and auditors): named, unlinked. An office reads those
    // of the villages it covers; an enterprise serving another jurisdiction too shows its
    // agreements there named, unlinked (the link would answer 页面不存在).
    match user.role {
        Role::HelpUnit => {
            for r in values.iter_mut().flat_map(|v| v.records.iter_mut()) {
                if !r.link.starts_with("/organisations/") {
                    r.link.clear();
                }
            }
        }
        Role::Office => {
            let closed = closed_agreements(state, user, &values).await?;
            for r in values.iter_mut().flat_map(|v| v.records.iter_mut()) {
                if agreement_of(&r.link).is_some_and(|id| closed.contains(&id)) {
                    r.link.clear();
                }
            }
        }
        _ => {}
    }
    let view = ShowView {
        year,
        years: (outcomes::FIRST_YEAR..=this).rev().map(|y| (y, y == year)).collect(),
        kind: kind.code(),
        kind_label: kind.label(),
        key: key.to_owned(),
        name: subject.name.clone(),
        assessed: found.is_some(),
        rank: found.as_ref().map_or(0, |a| a.rank),
        of,
        total: found.as_ref().map_or_else(String::new, |a| format!("{:.1}", a.total)),
        scores: found.as_ref().map_or_else(Vec::new, |a| a.values.iter().map(score).collect()),
        values,
        version: FORMULA.version,
        outcomes: decided
            .into_iter()
            .map(|o| OutcomeRow {
                id: o.id,
                year: o.year,
                kind: OutcomeKind::parse(&o.kind).map_or("其他", OutcomeKind::label),
                overdue: o.deadline.is_some_and(|d| d < today) && o.closed_at.is_none() && o.revoked_at.is_none(),
                can_close: can_decide
                    && o.kind == OutcomeKind::Rectify.code()
                    && o.closed_at.is_none()
                    && o.revoked_at.is_none(),
                can_revoke: can_decide && o.revoked_at.is_none(),
                error: if o.id == row { row_error.to_owned() } else { String::new() },
                typed_close: if o.id == row && !revoking { row_typed.to_owned() } else { String::new() },
                typed_revoke: if o.id == row && revoking { row_typed.to_owned() } else { String::new() },
                revoking: o.id == row && revoking,
                revoked: o
                    .revoked_at
                    .map(|t| {
                        format!(
                            "{} 撤销：{}",
                            crate::clock::to_shanghai(t).format("%Y-%m-%d"),
                            o.revoke_reason.clone().unwrap_or_default()
                        )
                    })
                    .unwrap_or_default(),
                deadline: o.deadline.map(|d| d.to_string()).unwrap_or_default(),
                closed: o
                    .closed_at
                    .map(|t| {
                        format!(
                            "{} 销号：{}",
                            crate::clock::to_shanghai(t).format("%Y-%m-%d"),
                            o.closure_note.clone().unwrap_or_default()
                        )
                    })
                    .unwrap_or_default(),
                reason: o.reason,
            })
            .collect(),
        can_decide,
        choices: {
            let typed = form.as_ref().map(|f| f.kind.clone()).unwrap_or_default();
            OutcomeKind::ALL
                .iter()
                .map(|k| Choice { code: k.code(), label: k.label(), selected: typed == k.code() })
                .collect()
        },
        decision_years: {
            let typed = form.as_ref().map_or_else(|| year.to_string(), |f| f.year.trim().to_owned());
            (outcomes::FIRST_YEAR..=this).rev().map(|y| (y, typed == y.to_string())).collect()
        },
        form: form.unwrap_or_else(|| Decision { year: year.to_string(), ..Default::default() }),
        errors: super::render::field_errors(outcomes::FIELDS, errors),
        refused: refused.to_owned(),
    };
    let status = if !refused.is_empty() {
        StatusCode::CONFLICT
    } else if errors.is_empty() && row_error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let title = format!("{}：{year} 年度考核", subject.name);
    Ok((status, state.templates.page(auth, "assessment/show", &title, &view)?).into_response())
}

async fn show(
    State(state): State<AppState>,
    auth: Auth,
    Path((kind, key)): Path<(String, String)>,
    Query(q): Query<ShowQuery>,
) -> Result<Response> {
    show_page(&state, &auth, &kind, &key, q.year, Again::default()).await
}

async fn decide(
    State(state): State<AppState>,
    auth: Auth,
    Path((kind, key)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<Decision>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let k = SubjectKind::parse(&kind).ok_or(AppError::NotFound)?;
    let subject = outcomes::subject(&state.db, k, &key).await?.ok_or(AppError::NotFound)?;
    if !subject.covered_by(user) {
        return Err(AppError::NotFound);
    }
    let year = form.year.trim().parse::<i32>().ok();
    let days = state.config.notice_days;
    match outcomes::decide(&state.db, user, &subject, &form, state.clock.today(), state.clock.now(), days).await {
        Ok(o) => Ok(super::flash::redirect(
            &format!("/assessment/{kind}/{key}?year={}", o.year),
            &format!(
                "已作出「{}」，已列入考核结果通报并通知对方。",
                OutcomeKind::parse(&o.kind).map_or("", OutcomeKind::label)
            ),
        )),
        Err(AppError::Invalid(errors)) => {
            show_page(
                &state,
                &auth,
                &kind,
                &key,
                year,
                Again { form: Some(form), errors: &errors, ..Default::default() },
            )
            .await
        }
        Err(AppError::Conflict(why)) => {
            show_page(&state, &auth, &kind, &key, year, Again { form: Some(form), refused: &why, ..Default::default() })
                .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CloseForm {
    closure_note: String,
}

async fn close(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<CloseForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let done = outcomes::close(&state.db, user, id, &form.closure_note, state.clock.now()).await;
    let again = RowForm { id, typed: &form.closure_note, revoking: false };
    answer_row(&state, &auth, again, done, "整改已销号，已通知对方，考核结果通报中同步显示。").await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RevokeForm {
    revoke_reason: String,
}

async fn revoke(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<RevokeForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let done = outcomes::revoke(&state.db, user, id, &form.revoke_reason, state.clock.now()).await;
    let again = RowForm { id, typed: &form.revoke_reason, revoking: true };
    answer_row(&state, &auth, again, done, "已撤销，考核结果通报中标明撤销及理由，并已通知对方。").await
}

/// The form of one outcome's row (销号 or 撤销), as posted.
struct RowForm<'a> {
    id: i32,
    typed: &'a str,
    revoking: bool,
}

/// What a step on one outcome answers: back to the unit's page with `message`, or that page
/// again with the row's form as typed and what was wrong, or with why the step was refused.
async fn answer_row(
    state: &AppState,
    auth: &Auth,
    form: RowForm<'_>,
    done: Result<assessment_outcome::Model>,
    message: &str,
) -> Result<Response> {
    let e = match done {
        Ok(saved) => {
            let to = format!("/assessment/{}/{}?year={}", saved.subject_kind, saved.subject_key, saved.year);
            return Ok(super::flash::redirect(&to, message));
        }
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => e,
        Err(e) => return Err(e),
    };
    let o = assessment_outcome::Entity::find_by_id(form.id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    match e {
        AppError::Invalid(errors) => {
            let message = errors.first().map(|(_, m)| m.clone()).unwrap_or_default();
            let again = Again {
                row: form.id,
                row_typed: form.typed,
                row_error: &message,
                revoking: form.revoking,
                ..Default::default()
            };
            show_page(state, auth, &o.subject_kind, &o.subject_key, Some(o.year), again).await
        }
        AppError::Conflict(why) => {
            let again = Again { refused: &why, ..Default::default() };
            show_page(state, auth, &o.subject_kind, &o.subject_key, Some(o.year), again).await
        }
        e => Err(e),
    }
}

#[derive(Serialize)]
struct PublicRow {
    year: i32,
    office: String,
    /// The public page of an enterprise (empty for others).
    link: String,
    revoked: String,
    subject_kind: &'static str,
    name: String,
    kind: &'static str,
    kind_code: String,
    reason: String,
    deadline: String,
    state: String,
    decided: String,
}

#[derive(Serialize)]
struct PublicView {
    rows: Vec<PublicRow>,
}

/// The public list of outcomes (考核结果通报), newest first.
async fn public_outcomes(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    let today = state.clock.today();
    let rows = assessment_outcome::Entity::find()
        .order_by_desc(assessment_outcome::Column::DecidedAt)
        .order_by_desc(assessment_outcome::Column::Id)
        .limit(200)
        .all(&state.db)
        .await?
        .into_iter()
        .collect::<Vec<_>>();
    let mut offices: BTreeMap<i32, String> = BTreeMap::new();
    for o in &rows {
        if let std::collections::btree_map::Entry::Vacant(slot) = offices.entry(o.office_id) {
            slot.insert(super::org_name(&state, o.office_id).await?);
        }
    }
    let rows: Vec<PublicRow> = rows
        .into_iter()
        .map(|o| PublicRow {
            office: offices.get(&o.office_id).cloned().unwrap_or_default(),
            link: if o.subject_kind == SubjectKind::Enterprise.code() {
                format!("/organisations/{}", o.subject_key)
            } else {
                String::new()
            },
            revoked: o
                .revoked_at
                .map(|t| {
                    format!(
                        "已于 {} 撤销：{}",
                        crate::clock::to_shanghai(t).format("%Y-%m-%d"),
                        o.revoke_reason.clone().unwrap_or_default()
                    )
                })
                .unwrap_or_default(),
            year: o.year,
            subject_kind: SubjectKind::parse(&o.subject_kind).map_or("", SubjectKind::label),
            kind: OutcomeKind::parse(&o.kind).map_or("其他", OutcomeKind::label),
            deadline: o.deadline.map(|d| d.to_string()).unwrap_or_default(),
            state: match (o.deadline, o.closed_at) {
                _ if o.revoked_at.is_some() => String::new(),
                (Some(_), Some(t)) => format!("已于 {} 销号", crate::clock::to_shanghai(t).format("%Y-%m-%d")),
                (Some(d), None) if d < today => "整改逾期未销号".into(),
                (Some(_), None) => "整改中".into(),
                _ => String::new(),
            },
            decided: crate::clock::to_shanghai(o.decided_at).format("%Y-%m-%d").to_string(),
            kind_code: o.kind,
            name: o.subject_name,
            reason: o.reason,
        })
        .collect();
    Ok(state.templates.page(&auth, "assessment/outcomes", "考核结果通报", &PublicView { rows })?.into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RateForm {
    rating: String,
    comment: String,
}

/// The village rates an agreement's help for this year.
async fn rate(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<RateForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Village])?;
    let saved =
        crate::governance::satisfaction::rate(&state.db, user, id, &form.rating, &form.comment, state.clock.now())
            .await?;
    Ok(super::flash::redirect(
        &format!("/agreements/{id}"),
        &format!(
            "已提交 {} 年的评价：{}。评价计入年度考核的群众满意度。",
            saved.year,
            Rating::parse(&saved.rating.to_string()).map_or("", Rating::label)
        ),
    ))
}

/// The agreement a record's link opens (`/agreements/12` or `/agreements/12#c3`).
fn agreement_of(link: &str) -> Option<i32> {
    let rest = link.strip_prefix("/agreements/")?;
    rest.split(['#', '?', '/']).next()?.parse().ok()
}

/// Of the agreements `values` link to, those office `user` cannot open (their village is outside
/// its jurisdiction).
async fn closed_agreements(
    state: &AppState,
    user: &crate::auth::guard::SessionUser,
    values: &[assessment::Value],
) -> Result<std::collections::HashSet<i32>> {
    use entity::{agreement, organisation, pairing};
    let ids: Vec<i32> = values
        .iter()
        .flat_map(|v| v.records.iter())
        .filter_map(|r| agreement_of(&r.link))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut closed = std::collections::HashSet::new();
    for chunk in ids.chunks(500) {
        let agreements =
            agreement::Entity::find().filter(agreement::Column::Id.is_in(chunk.to_vec())).all(&state.db).await?;
        let pairings: std::collections::HashMap<i32, i32> = pairing::Entity::find()
            .filter(pairing::Column::Id.is_in(agreements.iter().map(|a| a.pairing_id).collect::<Vec<_>>()))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.village_id))
            .collect();
        let regions: std::collections::HashMap<i32, String> = organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(pairings.values().copied().collect::<Vec<_>>()))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.region_code))
            .collect();
        for a in agreements {
            let open = pairings.get(&a.pairing_id).and_then(|v| regions.get(v)).is_some_and(|r| user.covers(r));
            if !open {
                closed.insert(a.id);
            }
        }
    }
    Ok(closed)
}
