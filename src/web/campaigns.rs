//! The office's campaigns (专项行动) as pages: the list, a new campaign (villages picked by
//! county, 建档立卡 and whether they have a partner yet; enterprises that serve the
//! jurisdiction), and the campaign itself: solve, lock, exclude with a reason, lift, issue.
//! Auditors read. A refused step re-shows the campaign page with why and what to do.

use std::collections::{BTreeMap, HashSet};

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use entity::{organisation, pairing};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::{CsrfForm, NoFields};
use crate::app::AppState;
use crate::audit::Actor;
use crate::auth::guard::{Auth, region_prefix};
use crate::auth::{Role, SessionUser};
use crate::campaign::steer::{self, CampaignView};
use crate::campaign::{Draft, Mark, ReasonKind};
use crate::domain::{ListingKind, OrgKind, OrgStatus, PairingStatus};
use crate::error::{AppError, Result};
use crate::money::Money;

/// The most villages or enterprises the new-campaign form lists (narrow by county beyond).
const LIST_LIMIT: u64 = 500;

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Office, Role::Auditor], "/office/campaigns", list)
        .get_as(&[Role::Office], "/office/campaigns/new", new_form)
        .post_as(&[Role::Office], "/office/campaigns", create)
        .get_as(&[Role::Office, Role::Auditor], "/office/campaigns/{id}", show)
        .post_as(&[Role::Office], "/office/campaigns/{id}/solve", solve)
        .post_as(&[Role::Office], "/office/campaigns/{id}/pairs", mark)
        .post_as(&[Role::Office], "/office/campaigns/{id}/budget", budget)
        .get_as(&[Role::Office], "/office/campaigns/{id}/issue", issue_confirm)
        .post_as(&[Role::Office], "/office/campaigns/{id}/issue", issue)
}

#[derive(Serialize)]
struct ListRow {
    id: i32,
    name: String,
    office: String,
    status: String,
    status_label: &'static str,
    as_of: String,
}

#[derive(Serialize)]
struct ListView {
    rows: Vec<ListRow>,
    can_create: bool,
}

async fn list(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let rows = steer::list(&state.db, user, LIST_LIMIT)
        .await?
        .into_iter()
        .map(|(c, office)| ListRow {
            id: c.id,
            name: c.name,
            office,
            status_label: crate::campaign::status_label(&c.status),
            status: c.status,
            as_of: super::listings::cn_date(c.as_of),
        })
        .collect();
    let view = ListView { rows, can_create: user.role == Role::Office };
    Ok(state.templates.page(&auth, "campaigns/list", "专项行动", &view)?.into_response())
}

/// Filters of the village list on the new-campaign form.
#[derive(Deserialize, Default, Clone, Serialize)]
#[serde(default)]
struct Picks {
    /// A county (6 digits) of the jurisdiction, or empty for all.
    county: String,
    /// Only 建档立卡 (registered-poor) villages.
    poor: String,
    /// Only villages without an approved or open pairing.
    unpaired: String,
    /// Only villages of this category (脱贫村 …), or empty for all.
    category: String,
}

/// What the new-campaign form posts.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct CampaignForm {
    name: String,
    as_of: String,
    capacity: String,
    per_village: String,
    one_to_one: String,
    max_km: String,
    villages: Vec<String>,
    enterprises: Vec<String>,
    /// The village filters the form was shown with (kept when it comes back).
    county: String,
    poor: String,
    unpaired: String,
    category: String,
}

#[derive(Serialize)]
struct Choice {
    id: i32,
    name: String,
    note: String,
    checked: bool,
}

#[derive(Serialize)]
struct CountyChoice {
    code: String,
    name: String,
    selected: bool,
}

#[derive(Serialize)]
struct CategoryChoice {
    code: &'static str,
    label: &'static str,
    selected: bool,
}

#[derive(Serialize)]
struct NewView {
    picks: Picks,
    categories: Vec<CategoryChoice>,
    counties: Vec<CountyChoice>,
    villages: Vec<Choice>,
    enterprises: Vec<Choice>,
    name: String,
    as_of: String,
    capacity: String,
    per_village: String,
    max_km: String,
    one_to_one: bool,
    errors: BTreeMap<String, String>,
    village_count: usize,
    enterprise_count: usize,
    more_villages: bool,
    more_enterprises: bool,
}

fn jurisdiction(user: &SessionUser) -> String {
    region_prefix(user.jurisdiction.as_deref().unwrap_or("x")).to_owned()
}

/// Villages and enterprises the office may put in a campaign, by `picks`.
async fn choices(
    state: &AppState,
    user: &SessionUser,
    picks: &Picks,
    checked: Option<(&[String], &[String])>,
) -> Result<(Vec<CountyChoice>, Vec<Choice>, Vec<Choice>, bool, bool)> {
    let prefix = jurisdiction(user);
    // The counties of the jurisdiction (for a county office: itself).
    let regions = entity::region::Entity::find()
        .filter(entity::region::Column::Code.starts_with(&prefix))
        .filter(entity::region::Column::Code.like("______000000"))
        .filter(entity::region::Column::Code.not_like("____00000000"))
        .order_by_asc(entity::region::Column::Code)
        .all(&state.db)
        .await?;
    let county = picks.county.trim();
    let county = if county.len() == 6 && county.starts_with(&prefix) && county.chars().all(|c| c.is_ascii_digit()) {
        county.to_owned()
    } else {
        prefix.clone()
    };
    let counties = regions
        .iter()
        .map(|r| CountyChoice { code: r.code[..6].to_owned(), name: r.name.clone(), selected: r.code[..6] == county })
        .collect();
    let mut q = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .filter(organisation::Column::RegionCode.starts_with(&county))
        .order_by_asc(organisation::Column::RegionCode)
        .order_by_asc(organisation::Column::Id);
    if !picks.poor.is_empty() {
        q = q.filter(organisation::Column::RegisteredPoor.eq(true));
    }
    if let Some(c) = crate::domain::VillageCategory::parse(picks.category.trim()) {
        q = q.filter(organisation::Column::Categories.like(c.pattern()));
    }
    if !picks.unpaired.is_empty() {
        let paired = sea_orm::sea_query::Query::select()
            .column(pairing::Column::VillageId)
            .from(pairing::Entity)
            .cond_where(
                Condition::any()
                    .add(pairing::Column::Status.eq(PairingStatus::Approved.code()))
                    .add(pairing::Column::OpenKey.is_not_null()),
            )
            .to_owned();
        q = q.filter(organisation::Column::Id.not_in_subquery(paired));
    }
    let villages = q.limit(LIST_LIMIT + 1).all(&state.db).await?;
    let enterprises = organisation::Entity::find()
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(organisation::Column::Kind.eq(OrgKind::Enterprise.code()))
                        .add(organisation::Column::RegionCode.starts_with(&prefix)),
                )
                .add(super::office::serving_enterprises(&prefix)),
        )
        .order_by_asc(organisation::Column::Id)
        .limit(LIST_LIMIT + 1)
        .all(&state.db)
        .await?;
    let names = super::listings::region_names(
        &state.db,
        villages
            .iter()
            .chain(&enterprises)
            .map(|o| format!("{:0<12}", &o.region_code[..6.min(o.region_code.len())]))
            .collect(),
    )
    .await?;
    let (more_v, more_e) = (villages.len() as u64 > LIST_LIMIT, enterprises.len() as u64 > LIST_LIMIT);
    let as_choices = |orgs: Vec<organisation::Model>, picked: Option<&[String]>, village: bool| -> Vec<Choice> {
        let picked: Option<HashSet<&str>> = picked.map(|p| p.iter().map(String::as_str).collect());
        orgs.into_iter()
            .take(LIST_LIMIT as usize)
            .map(|o| {
                let county = names.get(&format!("{:0<12}", &o.region_code[..6.min(o.region_code.len())])).cloned();
                let mut note = county.unwrap_or_default();
                if village && o.registered_poor {
                    note.push_str(" · 建档立卡村");
                }
                for c in crate::domain::VillageCategory::read(o.categories.as_deref()) {
                    note.push_str(&format!(" · {}", c.label()));
                }
                if let Some(industries) = o.main_industries.as_deref().filter(|s| !s.is_empty()) {
                    note.push_str(&format!(" · {industries}"));
                }
                let id = format!("#{}", o.id);
                Choice {
                    checked: picked.as_ref().is_none_or(|p| p.contains(id.as_str())),
                    id: o.id,
                    name: o.name,
                    note,
                }
            })
            .collect()
    };
    let (pv, pe) = match checked {
        Some((v, e)) => (Some(v), Some(e)),
        None => (None, None),
    };
    Ok((counties, as_choices(villages, pv, true), as_choices(enterprises, pe, false), more_v, more_e))
}

async fn new_form(State(state): State<AppState>, auth: Auth, Query(picks): Query<Picks>) -> Result<Response> {
    use chrono::Datelike;
    let user = auth.require(&[Role::Office])?;
    let today = state.clock.today();
    let values = CampaignForm {
        name: format!("{}年百企联百村专项行动", today.year()),
        as_of: today.to_string(),
        capacity: "1".into(),
        ..Default::default()
    };
    let view = form_view(&state, user, picks, None, &values, &[]).await?;
    Ok(state.templates.page(&auth, "campaigns/new", "新建专项行动", &view)?.into_response())
}

/// The new-campaign form with `values` typed in (ticked: `checked`, or every one listed) and
/// the `errors` under their fields.
async fn form_view(
    state: &AppState,
    user: &SessionUser,
    picks: Picks,
    checked: Option<(&[String], &[String])>,
    values: &CampaignForm,
    errors: &[(String, String)],
) -> Result<NewView> {
    let (counties, villages, enterprises, more_villages, more_enterprises) =
        choices(state, user, &picks, checked).await?;
    let categories = crate::domain::VillageCategory::ALL
        .iter()
        .map(|c| CategoryChoice { code: c.code(), label: c.label(), selected: picks.category == c.code() })
        .collect();
    Ok(NewView {
        picks,
        categories,
        counties,
        village_count: villages.len(),
        enterprise_count: enterprises.len(),
        villages,
        enterprises,
        name: values.name.clone(),
        as_of: values.as_of.clone(),
        capacity: values.capacity.clone(),
        per_village: values.per_village.clone(),
        max_km: values.max_km.clone(),
        one_to_one: !values.one_to_one.is_empty(),
        errors: super::render::field_errors(&FIELDS, errors),
        more_villages,
        more_enterprises,
    })
}

const FIELDS: [&str; 8] = ["name", "as_of", "capacity", "per_village", "max_km", "villages", "enterprises", "_form"];

fn draft_of(form: &CampaignForm, office: i32) -> std::result::Result<Draft, AppError> {
    let mut errors = Vec::new();
    let as_of = NaiveDate::parse_from_str(form.as_of.trim(), "%Y-%m-%d").unwrap_or_else(|_| {
        errors.push(("as_of".to_owned(), "评估日期应为 年-月-日，如 2026-12-31".to_owned()));
        NaiveDate::MIN
    });
    let one_to_one = !form.one_to_one.is_empty();
    let capacity = match form.capacity.trim() {
        "" => 1,
        text => text.parse::<u32>().unwrap_or_else(|_| {
            errors.push(("capacity".to_owned(), "每家企业帮扶的村数应为 1 到 100 的整数".to_owned()));
            1
        }),
    };
    let per_village = match form.per_village.trim() {
        "" => 1,
        text => text.parse::<u32>().unwrap_or_else(|_| {
            errors.push(("per_village".to_owned(), "每个村结对的企业数应为 1 到 10 的整数".to_owned()));
            1
        }),
    };
    let max_km = match form.max_km.trim() {
        "" => None,
        text => match text.parse::<u32>() {
            Ok(km) => Some(km),
            Err(_) => {
                errors.push(("max_km".to_owned(), "最大距离应为整数公里数，不限则留空".to_owned()));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(Draft {
        name: form.name.clone(),
        villages: form.villages.clone(),
        enterprises: form.enterprises.clone(),
        as_of,
        capacity: if one_to_one { 1 } else { capacity },
        one_to_one,
        per_village,
        max_km,
        office: Some(office),
        budgets: Vec::new(),
    })
}

async fn create(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<CampaignForm>) -> Result<Response> {
    let user = auth.require(&[Role::Office])?.clone();
    let office = user.organisation_id.ok_or(AppError::Forbidden)?;
    let actor = Actor::user(user.id, &user.login);
    let made = match draft_of(&form, office) {
        Ok(draft) => crate::campaign::create(&state.db, &draft, &actor, state.clock.now()).await,
        Err(e) => Err(e),
    };
    match made {
        Ok(c) => Ok(Redirect::to(&format!("/office/campaigns/{}?done=created", c.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let checked = Some((form.villages.as_slice(), form.enterprises.as_slice()));
            let picks = Picks {
                county: form.county.clone(),
                poor: form.poor.clone(),
                unpaired: form.unpaired.clone(),
                category: form.category.clone(),
            };
            let view = form_view(&state, &user, picks, checked, &form, &errors).await?;
            let html = state.templates.page(&auth, "campaigns/new", "新建专项行动", &view)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ShowQuery {
    done: String,
    /// The enterprise whose budget was just set.
    firm: Option<i32>,
}

#[derive(Serialize, Default)]
struct PairError {
    village_id: i32,
    enterprise_id: i32,
    reason_kind: String,
    reason: String,
    reason_kind_error: String,
    reason_error: String,
}

#[derive(Serialize)]
struct KindChoice {
    code: &'static str,
    label: &'static str,
}

/// A pair of the proposal with its exclusion form (and what was typed into it when refused).
#[derive(Serialize)]
struct PairCard {
    #[serde(flatten)]
    row: steer::PairRow,
    open: bool,
    typed_kind: String,
    typed_reason: String,
    kind_error: String,
    reason_error: String,
}

#[derive(Serialize)]
struct ShowView {
    campaign: CampaignView,
    pairs: Vec<PairCard>,
    village_count: usize,
    enterprise_count: usize,
    uncovered_count: usize,
    /// Pairs that would be issued.
    pair_count: usize,
    can_steer: bool,
    can_solve: bool,
    can_issue: bool,
    issued: bool,
    notice: String,
    error: String,
    kinds: Vec<KindChoice>,
    /// The kinds of help a budget may be set for.
    help_kinds: Vec<KindChoice>,
    /// What happened to a budget: said in the card of the enterprise it was set for.
    budget: BudgetNote,
}

/// What happened to a budget, and what was typed when it was refused.
#[derive(Serialize, Default)]
struct BudgetNote {
    /// The enterprise it was for (0: none).
    enterprise_id: i32,
    notice: String,
    error: String,
    kind: String,
    amount: String,
}

async fn page(
    state: &AppState,
    auth: &Auth,
    id: i32,
    notice: String,
    error: String,
    pair_error: Option<PairError>,
    budget: BudgetNote,
) -> Result<axum::response::Html<String>> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let (c, office) = steer::readable(&state.db, user, id).await?;
    let mut campaign = steer::load(&state.db, &c, &office).await?;
    let can_steer = steer::may_steer(user, &office);
    let pairs: Vec<PairCard> = std::mem::take(&mut campaign.pairs)
        .into_iter()
        .map(|row| {
            let e =
                pair_error.as_ref().filter(|e| e.village_id == row.village_id && e.enterprise_id == row.enterprise_id);
            PairCard {
                open: e.is_some(),
                typed_kind: e.map(|e| e.reason_kind.clone()).unwrap_or_default(),
                typed_reason: e.map(|e| e.reason.clone()).unwrap_or_default(),
                kind_error: e.map(|e| e.reason_kind_error.clone()).unwrap_or_default(),
                reason_error: e.map(|e| e.reason_error.clone()).unwrap_or_default(),
                row,
            }
        })
        .collect();
    let view = ShowView {
        can_solve: can_steer && c.status != "issued",
        can_issue: can_steer && c.status == "solved" && !campaign.stale && !pairs.is_empty(),
        issued: c.status == "issued",
        can_steer: can_steer && c.status != "issued",
        village_count: campaign.villages.len(),
        enterprise_count: campaign.enterprises.len(),
        uncovered_count: campaign.uncovered.len(),
        pair_count: pairs.iter().filter(|p| p.row.state != crate::campaign::state::ISSUED).count(),
        pairs,
        campaign,
        notice,
        error,
        kinds: ReasonKind::ALL.iter().map(|k| KindChoice { code: k.code(), label: k.label() }).collect(),
        help_kinds: ListingKind::ALL.iter().map(|k| KindChoice { code: k.code(), label: k.label() }).collect(),
        budget,
    };
    let title = view.campaign.name.clone();
    state.templates.page(auth, "campaigns/show", &title, &view)
}

async fn show(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    Query(q): Query<ShowQuery>,
) -> Result<Response> {
    let budget = match (q.done.as_str(), q.firm) {
        ("budget" | "budget_removed", Some(firm)) => BudgetNote {
            enterprise_id: firm,
            notice: if q.done == "budget" { "已设定，请重新求解" } else { "已取消，请重新求解" }.to_owned(),
            ..Default::default()
        },
        _ => BudgetNote::default(),
    };
    let notice = match q.done.as_str() {
        "created" => "专项行动已创建。下一步：点击「求解」，由系统给出结对建议。",
        "solved" => "已求解：下面是建议的结对和未能覆盖的村。可锁定、排除后再次求解，满意后下发。",
        "lock" => "已锁定：再次求解时保留这一结对。",
        "exclude" => "已排除：本办以后的专项行动也不再推荐这一结对（可恢复）。请重新求解以更新建议。",
        "release" => "已恢复：这一结对重新交由系统安排。请重新求解以更新建议。",
        "budget" => "预算已设定。请重新求解，建议才会按新的预算安排。",
        "budget_removed" => "预算已取消。请重新求解，建议才会按新的安排。",
        "issued" => "结对已下发：双方会收到消息，各自接受后由扶贫办审核。",
        _ => "",
    };
    Ok(page(&state, &auth, id, notice.to_owned(), String::new(), None, budget).await?.into_response())
}

/// A refused step: the campaign page again with why (and the typed reason kept).
async fn refused(state: &AppState, auth: &Auth, id: i32, e: AppError, pair: Option<PairError>) -> Result<Response> {
    let status = e.status();
    match e {
        AppError::Invalid(_) | AppError::Conflict(_) => {
            let html = page(state, auth, id, String::new(), e.public_message(), pair, BudgetNote::default()).await?;
            Ok((status, html).into_response())
        }
        e => Err(e),
    }
}

async fn solve(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?.clone();
    steer::steerable(&state.db, &user, id).await?;
    let actor = Actor::user(user.id, &user.login);
    match crate::campaign::solve_campaign(&state.db, &state.search, id, &actor, state.clock.now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/office/campaigns/{id}?done=solved")).into_response()),
        Err(e) => refused(&state, &auth, id, e, None).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MarkForm {
    village: String,
    enterprise: String,
    /// lock | exclude | release
    mark: String,
    reason_kind: String,
    reason: String,
}

async fn mark(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<MarkForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?.clone();
    steer::steerable(&state.db, &user, id).await?;
    let Some(m) = Mark::parse(&form.mark) else {
        return refused(&state, &auth, id, AppError::field("mark", "请选择锁定、排除或恢复"), None).await;
    };
    let kind = ReasonKind::parse(&form.reason_kind);
    let actor = Actor::user(user.id, &user.login);
    let (v, e) = (form.village.trim(), form.enterprise.trim());
    match crate::campaign::mark(&state.db, id, v, e, m, kind, &form.reason, &actor, state.clock.now()).await {
        Ok(()) => Ok(Redirect::to(&format!("/office/campaigns/{id}?done={}", form.mark)).into_response()),
        Err(err) => {
            let pair = match &err {
                AppError::Invalid(fields) => {
                    let of =
                        |name: &str| fields.iter().find(|(f, _)| f == name).map(|(_, m)| m.clone()).unwrap_or_default();
                    Some(PairError {
                        village_id: v.trim_start_matches('#').parse().unwrap_or(0),
                        enterprise_id: e.trim_start_matches('#').parse().unwrap_or(0),
                        reason_kind: form.reason_kind.clone(),
                        reason: form.reason.clone(),
                        reason_kind_error: of("reason_kind"),
                        reason_error: of("reason"),
                    })
                }
                _ => None,
            };
            refused(&state, &auth, id, err, pair).await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct BudgetForm {
    enterprise: String,
    kind: String,
    /// 元.
    amount: String,
    /// `1`: take the budget of that kind away (the 取消 button).
    remove: String,
}

async fn budget(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<BudgetForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?.clone();
    steer::steerable(&state.db, &user, id).await?;
    // A refused budget is said in the enterprise's card with what was typed (422), and at the
    // top of the page where the answer opens.
    let firm: i32 = form.enterprise.trim().trim_start_matches('#').parse().unwrap_or(0);
    let refuse = async |why: String| -> Result<Response> {
        let note = BudgetNote {
            enterprise_id: firm,
            error: why.clone(),
            kind: form.kind.clone(),
            amount: form.amount.clone(),
            ..Default::default()
        };
        let top = format!("预算未能设定：{why}（见下方「企业名额与预算」）");
        let html = page(&state, &auth, id, String::new(), top, None, note).await?;
        Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
    };
    let Some(kind) = ListingKind::parse(form.kind.trim()) else {
        return refuse("请选择帮扶类型".into()).await;
    };
    let remove = form.remove.trim() == "1";
    let amount = match (remove, form.amount.trim()) {
        (true, _) => None,
        (false, "") => return refuse("请填写预算金额（元）；要取消预算，请点该预算旁的「取消」".into()).await,
        (false, text) if text.starts_with('-') => return refuse("预算应大于 0".into()).await,
        (false, text) => match Money::parse_yuan(text) {
            Ok(m) => Some(m.0),
            Err(why) => return refuse(format!("预算{why}")).await,
        },
    };
    let actor = Actor::user(user.id, &user.login);
    match crate::campaign::set_budget(&state.db, id, &form.enterprise, kind, amount, &actor, state.clock.now()).await {
        Ok(()) => {
            let done = if remove { "budget_removed" } else { "budget" };
            Ok(Redirect::to(&format!("/office/campaigns/{id}?done={done}&firm={firm}#budget-{firm}")).into_response())
        }
        Err(e @ AppError::Invalid(_)) => refuse(e.public_message()).await,
        Err(e) => refused(&state, &auth, id, e, None).await,
    }
}

async fn issue(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?.clone();
    steer::steerable(&state.db, &user, id).await?;
    match steer::issue(&state.db, &user, id, state.clock.now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/office/campaigns/{id}?done=issued")).into_response()),
        Err(e) => refused(&state, &auth, id, e, None).await,
    }
}

#[derive(Serialize)]
struct IssueView {
    campaign: CampaignView,
    count: usize,
}

/// What issuing will do, before it is done: the pairs and who will be told.
async fn issue_confirm(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let (c, office) = steer::steerable(&state.db, user, id).await?;
    let campaign = steer::load(&state.db, &c, &office).await?;
    let refusal = steer::issue_refusal(&c, campaign.pairs.len());
    if let Some(why) = refusal {
        return refused(&state, &auth, id, AppError::Conflict(why), None).await;
    }
    let count = campaign.pairs.len();
    let title = format!("下发：{}", campaign.name);
    Ok(state.templates.page(&auth, "campaigns/issue", &title, &IssueView { campaign, count })?.into_response())
}
