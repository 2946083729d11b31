//! Cadre–household pairing pages (党员干部结对帮扶): an office pairs a cadre with a household
//! from the village's household page; the cadre's own list of households; a pairing's page with
//! the household, the visits and measures logged, the form to log one (the cadre) and to end the
//! pairing (the office). Private: never public, never in the API.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use entity::{household, household_pairing, household_visit, organisation, user};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::CsrfForm;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::error::{AppError, Result};
use crate::governance::cadres::{self, VISIT_FIELDS, VisitForm};
use crate::governance::households;
use crate::governance::monitoring::Measure;

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .post_as(&[Role::Office], "/office/households/{id}/pair", pair)
        .get_as(&[Role::Office, Role::HelpUnit], "/cadre", mine)
        .get_as(&[Role::Office, Role::Auditor, Role::Village, Role::HelpUnit], "/cadre/pairings/{id}", show)
        .post_as(&[Role::Office, Role::HelpUnit], "/cadre/pairings/{id}/visits", visit)
        .post_as(&[Role::Office], "/cadre/pairings/{id}/end", end)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PairForm {
    cadre: String,
}

async fn pair(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(f): CsrfForm<PairForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let h = household::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let village = organisation::Entity::find_by_id(h.village_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let back = format!("/office/register/villages/{}/households", village.id);
    match cadres::pair(&state.db, user, id, &f.cadre, state.clock.now()).await {
        Ok(p) => {
            let name = user::Entity::find_by_id(p.cadre_id).one(&state.db).await?.map(|u| u.display_name);
            Ok(super::flash::redirect(
                &back,
                &format!(
                    "已安排{}结对帮扶户编号 {} 的一户；干部会收到消息，走访后在「我结对的户」登记。",
                    name.unwrap_or_default(),
                    h.code
                ),
            ))
        }
        Err(AppError::Invalid(errors)) => {
            let why = errors.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            let why = format!("户编号 {}：{why}", h.code);
            super::register::households_page(&state, &auth, village, &why, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(AppError::Conflict(why)) => {
            let why = format!("户编号 {}：{why}", h.code);
            super::register::households_page(&state, &auth, village, &why, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct MineRow {
    id: i32,
    village: String,
    head: String,
    code: String,
    members: i32,
    since: String,
    visits: usize,
    last_visit: String,
}

#[derive(Serialize)]
struct MineView {
    rows: Vec<MineRow>,
    max: usize,
    refused: String,
}

async fn mine(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    mine_page(&state, &auth, "").await
}

async fn mine_page(state: &AppState, auth: &Auth, refused: &str) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::HelpUnit])?;
    let pairings = household_pairing::Entity::find()
        .filter(household_pairing::Column::CadreId.eq(user.id))
        .filter(household_pairing::Column::ToDate.is_null())
        .order_by_asc(household_pairing::Column::FromDate)
        .all(&state.db)
        .await?;
    let homes: BTreeMap<i32, household::Model> = household::Entity::find()
        .filter(household::Column::Id.is_in(pairings.iter().map(|p| p.household_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|h| (h.id, h))
        .collect();
    let villages: BTreeMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(pairings.iter().map(|p| p.village_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let visits = household_visit::Entity::find()
        .filter(household_visit::Column::PairingId.is_in(pairings.iter().map(|p| p.id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?;
    let rows = pairings
        .iter()
        .filter_map(|p| {
            let h = homes.get(&p.household_id)?;
            let mine: Vec<&household_visit::Model> = visits.iter().filter(|v| v.pairing_id == p.id).collect();
            Some(MineRow {
                id: p.id,
                village: villages.get(&p.village_id).cloned().unwrap_or_default(),
                head: open_name(state, h),
                code: h.code.clone(),
                members: h.members,
                since: p.from_date.to_string(),
                visits: mine.len(),
                last_visit: mine.iter().map(|v| v.visited_on).max().map(|d| d.to_string()).unwrap_or_default(),
            })
        })
        .collect();
    let view = MineView { rows, max: cadres::MAX_HOUSEHOLDS, refused: refused.to_owned() };
    let status = if refused.is_empty() { StatusCode::OK } else { StatusCode::CONFLICT };
    Ok((status, state.templates.page(auth, "cadres/mine", "我结对的户", &view)?).into_response())
}

fn open_name(state: &AppState, h: &household::Model) -> String {
    households::open_name(&h.head_name, &state.sealer)
}

#[derive(Serialize)]
struct VisitRow {
    visited_on: String,
    kind: &'static str,
    measure: &'static str,
    note: String,
}

#[derive(Serialize)]
struct Choice {
    code: &'static str,
    label: &'static str,
    selected: bool,
}

#[derive(Serialize)]
struct History {
    cadre: String,
    period: String,
    reason: String,
}

#[derive(Serialize)]
struct ShowView {
    id: i32,
    village: String,
    village_id: i32,
    head: String,
    code: String,
    members: i32,
    cadre: String,
    unit: String,
    since: String,
    ended: String,
    end_reason: String,
    visits: Vec<VisitRow>,
    history: Vec<History>,
    can_log: bool,
    can_end: bool,
    measures: Vec<Choice>,
    form: VisitForm,
    errors: BTreeMap<String, String>,
    end_error: String,
    refused: String,
    back: String,
    back_label: &'static str,
}

#[allow(clippy::too_many_arguments)]
async fn show_page(
    state: &AppState,
    auth: &Auth,
    id: i32,
    form: VisitForm,
    errors: &[(String, String)],
    end_error: &str,
    refused: &str,
) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor, Role::Village, Role::HelpUnit])?;
    let p = household_pairing::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let village = organisation::Entity::find_by_id(p.village_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if !cadres::may_read(user, &village, &p) {
        // The cadre of an ended pairing is told why the household is no longer theirs to read.
        if p.cadre_id == user.id
            && let Some(to) = p.to_date
        {
            return Err(AppError::Conflict(format!(
                "这次结对已于 {to} 结束，结束后结对干部不再查看这一户的信息。请回到「我结对的户」。"
            )));
        }
        return Err(AppError::NotFound);
    }
    let h = household::Entity::find_by_id(p.household_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let cadre = user::Entity::find_by_id(p.cadre_id).one(&state.db).await?;
    let unit = match &cadre {
        Some(c) => cadres::eligible(&state.db, &village)
            .await?
            .into_iter()
            .find(|e| e.id == c.id)
            .map(|e| e.unit)
            .unwrap_or_default(),
        None => String::new(),
    };
    let visits = household_visit::Entity::find()
        .filter(household_visit::Column::PairingId.eq(p.id))
        .order_by_desc(household_visit::Column::VisitedOn)
        .order_by_desc(household_visit::Column::Id)
        .all(&state.db)
        .await?;
    // The household's earlier pairings (readers of the register only; a cadre sees their own).
    let history = if households::may_read(user, &village) {
        cadres::of_households(&state.db, vec![h.id])
            .await?
            .into_iter()
            .filter(|(q, _)| q.id != p.id)
            .map(|(q, n)| History {
                cadre: n,
                period: match q.to_date {
                    Some(to) => format!("{} 至 {to}", q.from_date),
                    None => format!("{} 起，现在结对", q.from_date),
                },
                reason: q.end_reason.unwrap_or_default(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let open = p.to_date.is_none();
    let (back, back_label) = match user.role {
        Role::Village => ("/my/households".to_owned(), "返回建档立卡户"),
        Role::HelpUnit => ("/cadre".to_owned(), "返回我结对的户"),
        _ if p.cadre_id == user.id => ("/cadre".to_owned(), "返回我结对的户"),
        _ => (format!("/office/register/villages/{}/households", village.id), "返回本村建档立卡户"),
    };
    let view = ShowView {
        id: p.id,
        village: village.name.clone(),
        village_id: village.id,
        head: open_name(state, &h),
        code: h.code,
        members: h.members,
        cadre: cadre.map(|c| c.display_name).unwrap_or_default(),
        unit,
        since: p.from_date.to_string(),
        ended: p.to_date.map(|d| d.to_string()).unwrap_or_default(),
        end_reason: p.end_reason.unwrap_or_default(),
        visits: visits
            .into_iter()
            .map(|v| VisitRow {
                visited_on: v.visited_on.to_string(),
                kind: if v.kind == "measure" { "帮扶措施" } else { "走访" },
                measure: v.measure.as_deref().and_then(Measure::parse).map_or("", Measure::label),
                note: v.note,
            })
            .collect(),
        history,
        can_log: open && p.cadre_id == user.id,
        can_end: open && user.role == Role::Office && user.covers(&village.region_code),
        measures: Measure::ALL
            .iter()
            .map(|m| Choice { code: m.code(), label: m.label(), selected: form.measure == m.code() })
            .collect(),
        errors: super::render::field_errors(VISIT_FIELDS, errors),
        end_error: end_error.to_owned(),
        refused: refused.to_owned(),
        form: VisitForm {
            visited_on: if form.visited_on.is_empty() {
                state.clock.today().to_string()
            } else {
                form.visited_on.clone()
            },
            ..form
        },
        back,
        back_label,
    };
    let status = if !refused.is_empty() {
        StatusCode::CONFLICT
    } else if errors.is_empty() && end_error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, state.templates.page(auth, "cadres/show", "结对帮扶", &view)?).into_response())
}

async fn show(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    show_page(&state, &auth, id, VisitForm::default(), &[], "", "").await
}

async fn visit(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<VisitForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::HelpUnit])?;
    match cadres::visit(&state.db, user, id, &form, state.clock.now()).await {
        Ok(v) => Ok(super::flash::redirect(
            &format!("/cadre/pairings/{id}"),
            &format!("已登记 {} 的{}。", v.visited_on, if v.kind == "measure" { "帮扶措施" } else { "走访" }),
        )),
        Err(AppError::Invalid(errors)) => show_page(&state, &auth, id, form, &errors, "", "").await,
        Err(AppError::Conflict(why)) => {
            // An ended pairing is no longer the cadre's to read: say so on their list.
            let still_paired =
                household_pairing::Entity::find_by_id(id).one(&state.db).await?.is_some_and(|p| p.to_date.is_none());
            if still_paired {
                show_page(&state, &auth, id, VisitForm::default(), &[], "", &why).await
            } else {
                let typed = form.note.trim();
                let kept = if typed.is_empty() {
                    String::new()
                } else {
                    format!("您写的内容没有保存：「{typed}」。")
                };
                mine_page(&state, &auth, &format!("没有登记：{why}。{kept}")).await
            }
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EndForm {
    reason: String,
}

async fn end(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(f): CsrfForm<EndForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    match cadres::end(&state.db, user, id, &f.reason, state.clock.now()).await {
        Ok(p) => Ok(super::flash::redirect(
            &format!("/office/register/villages/{}/households", p.village_id),
            "已结束这次结对；这一户可以重新安排干部结对。",
        )),
        Err(AppError::Invalid(errors)) => {
            let why = errors.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            show_page(&state, &auth, id, VisitForm::default(), &[], &why, "").await
        }
        Err(AppError::Conflict(why)) => show_page(&state, &auth, id, VisitForm::default(), &[], "", &why).await,
        Err(e) => Err(e),
    }
}
