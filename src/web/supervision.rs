//! The supervision list (监管线索): findings of the 假项目/空项目 scan in the office's
//! jurisdiction, open or handled, by rule; each closed with an outcome and a reason; a scan on
//! request.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::CsrfForm;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::domain::{CheckOutcome, CheckRule};
use crate::error::{AppError, Result};
use crate::governance::supervision;

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Office, Role::Auditor], "/office/supervision", list)
        .post_as(&[Role::Office], "/office/supervision/scan", scan)
        .post_as(&[Role::Office], "/office/supervision/{id}/close", close)
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct ListQuery {
    state: String,
    rule: String,
}

#[derive(Serialize)]
struct Row {
    id: i32,
    rule: &'static str,
    detail: String,
    link: String,
    found: String,
    outcome: &'static str,
    reason: String,
    closed: String,
    /// The close form came back for this row: what was typed and what was wrong.
    typed_reason: String,
    typed_outcome: String,
    error: String,
}

#[derive(Serialize)]
struct Tab {
    href: String,
    label: String,
    current: bool,
}

#[derive(Serialize)]
struct ListView {
    open: bool,
    tabs: Vec<Tab>,
    rules: Vec<Tab>,
    rows: Vec<Row>,
    outcomes: Vec<(&'static str, &'static str)>,
    can_act: bool,
    state: String,
    rule: String,
    refused: String,
    idle_months: i64,
}

/// What comes back after a refused close.
#[derive(Default)]
struct Again<'a> {
    id: i32,
    form: Option<&'a CloseForm>,
    error: &'a str,
    refused: &'a str,
}

async fn list_page(state: &AppState, auth: &Auth, q: &ListQuery, again: Again<'_>) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let open = q.state != "closed";
    let rule = CheckRule::parse(q.rule.trim());
    let found = supervision::list(&state.db, user, open, rule).await?;
    let all_open = supervision::list(&state.db, user, true, None).await?;
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &all_open {
        *per_rule.entry(c.rule.as_str()).or_default() += 1;
    }
    let state_q = if open { "open" } else { "closed" };
    let mut names: BTreeMap<i32, String> = BTreeMap::new();
    let mut rows = Vec::new();
    for c in found.into_iter().take(300) {
        let closed = match (c.closed_by, c.closed_at) {
            (Some(by), Some(at)) => {
                if let std::collections::btree_map::Entry::Vacant(slot) = names.entry(by) {
                    let n = entity::user::Entity::find_by_id(by)
                        .one(&state.db)
                        .await?
                        .map(|u| u.display_name)
                        .unwrap_or_default();
                    slot.insert(n);
                }
                format!(
                    "{} 于 {} 处理",
                    names.get(&by).cloned().unwrap_or_default(),
                    crate::clock::to_shanghai(at).format("%Y-%m-%d %H:%M")
                )
            }
            _ => String::new(),
        };
        let mine = again.id == c.id;
        rows.push(Row {
            id: c.id,
            rule: CheckRule::parse(&c.rule).map_or("其他", CheckRule::label),
            link: if c.entity == "contribution" {
                format!("/agreements/{}#c{}", c.agreement_id, c.entity_id)
            } else {
                format!("/agreements/{}", c.agreement_id)
            },
            found: crate::clock::to_shanghai(c.found_at).format("%Y-%m-%d").to_string(),
            outcome: c.outcome.as_deref().and_then(CheckOutcome::parse).map_or("", CheckOutcome::label),
            reason: c.close_reason.unwrap_or_default(),
            closed,
            typed_reason: again.form.filter(|_| mine).map(|f| f.close_reason.clone()).unwrap_or_default(),
            typed_outcome: again.form.filter(|_| mine).map(|f| f.outcome.clone()).unwrap_or_default(),
            error: if mine { again.error.to_owned() } else { String::new() },
            detail: c.detail,
        });
    }
    let view = ListView {
        open,
        tabs: [("open", "待处理"), ("closed", "已处理")]
            .into_iter()
            .map(|(code, label)| Tab {
                href: format!("/office/supervision?state={code}"),
                label: if code == "open" { format!("{label}（{}）", all_open.len()) } else { label.to_owned() },
                current: code == state_q,
            })
            .collect(),
        rules: std::iter::once(Tab {
            href: format!("/office/supervision?state={state_q}"),
            label: "全部".into(),
            current: rule.is_none(),
        })
        .chain(CheckRule::ALL.iter().map(|r| Tab {
            href: format!("/office/supervision?state={state_q}&rule={}", r.code()),
            label: if open {
                format!("{}（{}）", r.label(), per_rule.get(r.code()).copied().unwrap_or(0))
            } else {
                r.label().to_owned()
            },
            current: rule == Some(*r),
        }))
        .collect(),
        rows,
        outcomes: CheckOutcome::ALL.iter().map(|o| (o.code(), o.label())).collect(),
        can_act: user.role == Role::Office,
        state: state_q.into(),
        rule: rule.map(|r| r.code().to_owned()).unwrap_or_default(),
        refused: again.refused.to_owned(),
        idle_months: supervision::IDLE_MONTHS,
    };
    let status = if !again.refused.is_empty() {
        StatusCode::CONFLICT
    } else if !again.error.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, state.templates.page(auth, "supervision/list", "监管线索", &view)?).into_response())
}

async fn list(State(state): State<AppState>, auth: Auth, Query(q): Query<ListQuery>) -> Result<Response> {
    list_page(&state, &auth, &q, Again::default()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ScanForm {
    rule: String,
}

async fn scan(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<ScanForm>) -> Result<Response> {
    auth.require(&[Role::Office])?;
    let new = supervision::scan(&state.db, state.clock.now()).await?;
    let message = if new == 0 {
        "检查完毕：没有发现新的线索。".to_owned()
    } else {
        format!("检查完毕：发现 {new} 条新线索（全平台），本辖区的列在下面。")
    };
    let back = match CheckRule::parse(form.rule.trim()) {
        Some(r) => format!("/office/supervision?rule={}", r.code()),
        None => "/office/supervision".to_owned(),
    };
    Ok(super::flash::redirect(&back, &message))
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct CloseForm {
    outcome: String,
    close_reason: String,
    state: String,
    rule: String,
}

async fn close(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<CloseForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let q = ListQuery { state: form.state.clone(), rule: form.rule.clone() };
    match supervision::close(&state.db, user, id, &form.outcome, &form.close_reason, state.clock.now()).await {
        Ok(c) => {
            let back = match CheckRule::parse(&q.rule) {
                Some(r) => format!("/office/supervision?rule={}", r.code()),
                None => "/office/supervision".to_owned(),
            };
            Ok(super::flash::redirect(
                &back,
                &format!(
                    "线索已处理为「{}」，记入审计日志；可在「已处理」中查看。",
                    c.outcome.as_deref().and_then(CheckOutcome::parse).map_or("", CheckOutcome::label)
                ),
            ))
        }
        Err(AppError::Invalid(errors)) => {
            let message: Vec<String> = errors.into_iter().map(|(_, m)| m).collect();
            let message = message.join("；");
            list_page(&state, &auth, &q, Again { id, form: Some(&form), error: &message, ..Default::default() }).await
        }
        Err(AppError::Conflict(why)) => {
            list_page(&state, &auth, &q, Again { refused: &why, ..Default::default() }).await
        }
        Err(e) => Err(e),
    }
}
