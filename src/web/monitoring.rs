//! Watching-for-relapse pages (防返贫监测): the list with the filing form (a village for its own
//! households, an office for the villages of its jurisdiction; counts by village and stage and
//! the overdue queue for offices and auditors), a case's page with its record and the form of
//! its next step, and the village notice to print. Private: never public, never in the API.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use entity::{household, monitoring_case, monitoring_step, organisation, user};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::Routes;
use super::extract::CsrfForm;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::{Auth, SessionUser, region_prefix};
use crate::error::{AppError, Result};
use crate::governance::monitoring::{
    self, Category, Channel, FILE_FIELDS, FileForm, Measure, Risk, STEP_FIELDS, Stage, StepForm,
};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Office, Role::Auditor, Role::Village], "/monitoring", list)
        .post_as(&[Role::Office, Role::Village], "/monitoring", file)
        .get_as(&[Role::Office, Role::Auditor, Role::Village], "/monitoring/{id}", show)
        .post_as(&[Role::Office, Role::Village], "/monitoring/{id}/step", step)
        .get_as(&[Role::Office, Role::Auditor, Role::Village], "/monitoring/{id}/notice", notice)
}

#[derive(Serialize)]
struct Choice {
    code: String,
    label: String,
    selected: bool,
}

fn choices<T: Copy>(all: &[T], code: fn(T) -> &'static str, label: fn(T) -> &'static str, now: &str) -> Vec<Choice> {
    all.iter()
        .map(|&v| Choice { code: code(v).to_owned(), label: label(v).to_owned(), selected: code(v) == now })
        .collect()
}

#[derive(Clone, Serialize)]
struct Row {
    id: i32,
    village: String,
    head: String,
    members: i32,
    stage: &'static str,
    signal_on: String,
    due: String,
    overdue: i64,
    closed: bool,
}

#[derive(Serialize)]
struct CountRow {
    village: String,
    cells: Vec<i64>,
    total: i64,
}

#[derive(Serialize)]
struct ListView {
    is_village: bool,
    can_file: bool,
    rows: Vec<Row>,
    overdue: Vec<Row>,
    overdue_count: usize,
    stages: Vec<&'static str>,
    counts: Vec<CountRow>,
    totals: Vec<i64>,
    households: Vec<Choice>,
    channels: Vec<Choice>,
    risks: Vec<Choice>,
    form: FileForm,
    errors: BTreeMap<String, String>,
    refused: String,
    /// The case a refusal names (0: none).
    refused_case: i32,
    has_errors: bool,
    today: String,
}

/// The region whose cases `user` reads: an office's jurisdiction, everything for the auditor.
fn prefix_of(user: &SessionUser) -> Option<String> {
    match user.role {
        Role::Office => Some(region_prefix(user.jurisdiction.as_deref().unwrap_or("x")).to_owned()),
        Role::Auditor => Some(String::new()),
        _ => None,
    }
}

async fn village_names(state: &AppState, ids: Vec<i32>) -> Result<HashMap<i32, String>> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

async fn registers(state: &AppState, cases: &[monitoring_case::Model]) -> Result<HashMap<i32, household::Model>> {
    let ids: Vec<i32> = cases.iter().filter_map(|c| c.household_id).collect();
    Ok(household::Entity::find()
        .filter(household::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|h| (h.id, h))
        .collect())
}

async fn rows(state: &AppState, cases: &[monitoring_case::Model]) -> Result<Vec<Row>> {
    let today = state.clock.today();
    let names = village_names(state, cases.iter().map(|c| c.village_id).collect()).await?;
    let reg = registers(state, cases).await?;
    Ok(cases
        .iter()
        .map(|c| {
            let stage = Stage::parse(&c.stage);
            Row {
                id: c.id,
                village: names.get(&c.village_id).cloned().unwrap_or_default(),
                head: monitoring::head_of(c, c.household_id.and_then(|h| reg.get(&h)), &state.sealer),
                members: c.members,
                stage: stage.map_or("", Stage::label),
                signal_on: c.signal_on.to_string(),
                due: monitoring::due(c).map(|d| d.to_string()).unwrap_or_default(),
                overdue: monitoring::overdue_days(c, today),
                closed: stage.is_some_and(Stage::closed),
            }
        })
        .collect())
}

async fn list_page(
    state: &AppState,
    auth: &Auth,
    form: FileForm,
    errors: &[(String, String)],
    refused: &str,
) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor, Role::Village])?;
    let today = state.clock.today();
    let mut view = ListView {
        is_village: user.role == Role::Village,
        can_file: false,
        rows: Vec::new(),
        overdue: Vec::new(),
        overdue_count: 0,
        stages: Stage::OPEN.iter().map(|s| s.label()).collect(),
        counts: Vec::new(),
        totals: Vec::new(),
        households: Vec::new(),
        channels: Vec::new(),
        risks: choices(Risk::ALL, Risk::code, Risk::label, &form.risk),
        errors: super::render::field_errors(FILE_FIELDS, errors),
        refused: refused.to_owned(),
        refused_case: refused
            .split("（第 ")
            .nth(1)
            .and_then(|r| r.split(" 号监测户").next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0),
        has_errors: !errors.is_empty(),
        today: today.to_string(),
        form: FileForm::default(),
    };
    if user.role == Role::Village {
        let village = user.organisation_id.ok_or(AppError::Forbidden)?;
        let org = organisation::Entity::find_by_id(village).one(&state.db).await?.ok_or(AppError::Forbidden)?;
        if !monitoring::may_read(user, &org) {
            return Err(AppError::Conflict("本村通过扶贫办认证后才能查看防返贫监测".into()));
        }
        let cases = monitoring_case::Entity::find()
            .filter(monitoring_case::Column::VillageId.eq(village))
            .order_by_desc(monitoring_case::Column::SignalOn)
            .order_by_desc(monitoring_case::Column::Id)
            .all(&state.db)
            .await?;
        view.rows = rows(state, &cases).await?;
        view.overdue = view.rows.iter().filter(|r| r.overdue > 0).cloned().collect();
        view.can_file = true;
        let chosen = form.household.trim().parse::<i32>().ok();
        view.households = crate::governance::households::of_village(&state.db, &state.sealer, village)
            .await?
            .into_iter()
            .filter(|h| h.left_year.is_none())
            .map(|h| Choice {
                selected: chosen == Some(h.id),
                label: format!("{}（{}，{} 人）", h.head, h.code, h.members),
                code: h.id.to_string(),
            })
            .collect();
        let own = [Channel::Application, Channel::VillageCheck];
        view.channels = choices(&own, Channel::code, Channel::label, &form.channel);
    } else if let Some(prefix) = prefix_of(user) {
        let (late_count, late) = monitoring::overdue_in(&state.db, &prefix, today, 100).await?;
        view.overdue = rows(state, &late).await?;
        view.overdue_count = late_count as usize;
        let listed = monitoring::in_progress(&state.db, &prefix, 300).await?;
        view.rows = rows(state, &listed).await?;
        let counts = monitoring::counts(&state.db, &prefix).await?;
        let names = village_names(state, counts.keys().map(|(v, _)| *v).collect()).await?;
        let mut by_village: BTreeMap<(String, i32), Vec<i64>> = BTreeMap::new();
        for ((v, stage), n) in &counts {
            let Some(i) = Stage::OPEN.iter().position(|s| s.code() == stage) else { continue };
            let name = names.get(v).cloned().unwrap_or_default();
            by_village.entry((name, *v)).or_insert_with(|| vec![0; Stage::OPEN.len()])[i] += n;
        }
        view.totals = vec![0; Stage::OPEN.len()];
        for ((name, _), cells) in by_village {
            for (t, n) in view.totals.iter_mut().zip(&cells) {
                *t += n;
            }
            view.counts.push(CountRow { village: name, total: cells.iter().sum(), cells });
        }
        view.can_file = user.role == Role::Office;
        view.channels = choices(Channel::ALL, Channel::code, Channel::label, &form.channel);
    }
    if user.role == Role::Village {
        view.overdue_count = view.overdue.len();
    }
    view.form = form;
    let status = if !refused.is_empty() {
        StatusCode::CONFLICT
    } else if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, state.templates.page(auth, "monitoring/list", "防返贫监测", &view)?).into_response())
}

async fn list(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    list_page(&state, &auth, FileForm::default(), &[], "").await
}

async fn file(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<FileForm>) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Village])?;
    match monitoring::file(&state.db, &state.sealer, user, &form, state.clock.now()).await {
        Ok(c) => Ok(super::flash::redirect(
            &format!("/monitoring/{}", c.id),
            &format!("已登记第 {} 号监测户，请于 {} 前完成入户核实。", c.id, c.visit_due),
        )),
        Err(AppError::Invalid(errors)) => list_page(&state, &auth, form, &errors, "").await,
        Err(AppError::Conflict(why)) => list_page(&state, &auth, form, &[], &why).await,
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct StepRow {
    label: &'static str,
    done_on: String,
    note: String,
    measure: &'static str,
    offer: String,
    offer_id: i32,
    by: String,
}

#[derive(Serialize)]
struct OfferChoice {
    id: i32,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct ShowView {
    id: i32,
    village: String,
    village_id: i32,
    head: String,
    members: i32,
    on_register: String,
    channel: &'static str,
    risk: &'static str,
    signal_on: String,
    stage_code: String,
    stage: &'static str,
    category: &'static str,
    due: String,
    overdue: i64,
    closed: bool,
    closed_on: String,
    notice_from: String,
    notice_until: String,
    has_notice: bool,
    steps: Vec<StepRow>,
    deadlines: Vec<(String, String)>,
    // The next step's form.
    can_act: bool,
    step_title: &'static str,
    asks_result: bool,
    result_yes: &'static str,
    result_no: &'static str,
    asks_category: bool,
    asks_measure: bool,
    can_clear: bool,
    township_from: String,
    categories: Vec<Choice>,
    measures: Vec<Choice>,
    offers: Vec<OfferChoice>,
    form: StepForm,
    /// Errors of the step form, and of the clearing form.
    main: BTreeMap<String, String>,
    clear: BTreeMap<String, String>,
    clearing: bool,
    has_errors: bool,
    refused: String,
    back: &'static str,
}

/// What the next step's form asks, by stage: title, and the two answers when it asks one.
fn step_text(stage: Stage) -> (&'static str, &'static str, &'static str) {
    match stage {
        Stage::Visit => ("登记入户核实", "", ""),
        Stage::Review => ("登记村民代表评议", "同意纳入，进入村内公示", "不同意纳入"),
        Stage::Notice => ("登记村内公示（张贴之日）", "", ""),
        Stage::Township => ("登记乡镇审核意见", "审核通过，报县级审定", "审核不通过"),
        Stage::County => ("登记县级审定结果", "纳入监测对象", "不纳入"),
        Stage::Measures => ("落实帮扶措施", "", ""),
        Stage::Watching => ("补充帮扶措施", "", ""),
        Stage::Cleared | Stage::Declined => ("", "", ""),
    }
}

async fn load(state: &AppState, user: &SessionUser, id: i32) -> Result<(monitoring_case::Model, organisation::Model)> {
    let c = monitoring_case::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let v = organisation::Entity::find_by_id(c.village_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if !monitoring::may_read(user, &v) {
        return Err(AppError::NotFound);
    }
    Ok((c, v))
}

async fn show_page(
    state: &AppState,
    auth: &Auth,
    id: i32,
    form: StepForm,
    errors: &[(String, String)],
    refused: &str,
) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor, Role::Village])?;
    let (c, v) = load(state, user, id).await?;
    let today = state.clock.today();
    let stage = Stage::parse(&c.stage).ok_or(AppError::NotFound)?;
    let reg = match c.household_id {
        Some(h) => household::Entity::find_by_id(h).one(&state.db).await?,
        None => None,
    };
    let steps = monitoring_step::Entity::find()
        .filter(monitoring_step::Column::CaseId.eq(c.id))
        .order_by_asc(monitoring_step::Column::Id)
        .all(&state.db)
        .await?;
    let people: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(steps.iter().map(|s| s.user_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let offer_titles: HashMap<i32, String> = entity::offer::Entity::find()
        .filter(entity::offer::Column::Id.is_in(steps.iter().filter_map(|s| s.offer_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.title))
        .collect();
    let can_act = monitoring::may_act(user, &v, stage);
    let asks_measure = can_act && matches!(stage, Stage::Measures | Stage::Watching);
    let chosen_offer = form.offer.trim().parse::<i32>().ok();
    let offers = if asks_measure {
        monitoring::offers_for(&state.db, &v, today)
            .await?
            .into_iter()
            .map(|l| OfferChoice {
                selected: chosen_offer == Some(l.id),
                label: format!("{}（{}）", l.title, l.kind.label()),
                id: l.id,
            })
            .collect()
    } else {
        Vec::new()
    };
    let (step_title, result_yes, result_no) = step_text(stage);
    let mut deadlines = vec![
        ("入户核实".to_owned(), format!("{} 前（发现后 {} 个工作日）", c.visit_due, monitoring::VISIT_WORKING_DAYS)),
        ("县级审定".to_owned(), format!("{} 前（发现后 {} 天）", c.decide_due, monitoring::DECIDE_DAYS)),
    ];
    if let Some(m) = c.measures_due {
        deadlines.push(("落实帮扶措施".to_owned(), format!("{m} 前（审定后 {} 天）", monitoring::MEASURE_DAYS)));
    }
    let view = ShowView {
        id: c.id,
        village: v.name.clone(),
        village_id: v.id,
        head: monitoring::head_of(&c, reg.as_ref(), &state.sealer),
        members: c.members,
        on_register: reg
            .as_ref()
            .map(|h| format!("建档立卡户（户编号 {}）", h.code))
            .unwrap_or_else(|| "不在建档立卡名单".into()),
        channel: Channel::parse(&c.channel).map_or("", Channel::label),
        risk: Risk::parse(&c.risk).map_or("", Risk::label),
        signal_on: c.signal_on.to_string(),
        stage_code: c.stage.clone(),
        stage: stage.label(),
        category: c.category.as_deref().and_then(Category::parse).map_or("", Category::label),
        due: monitoring::due(&c).map(|d| d.to_string()).unwrap_or_default(),
        overdue: monitoring::overdue_days(&c, today),
        closed: stage.closed(),
        closed_on: c.closed_on.map(|d| d.to_string()).unwrap_or_default(),
        has_notice: matches!(stage, Stage::Notice | Stage::Township) || c.notice_from.is_some(),
        notice_from: c.notice_from.map(|d| d.to_string()).unwrap_or_default(),
        notice_until: c
            .notice_from
            .map(|d| (d + Duration::days(monitoring::NOTICE_DAYS - 1)).to_string())
            .unwrap_or_default(),
        township_from: c
            .notice_from
            .map(|d| (d + Duration::days(monitoring::NOTICE_DAYS)).to_string())
            .unwrap_or_default(),
        steps: steps
            .iter()
            .map(|s| StepRow {
                label: monitoring::step_label(&s.step),
                done_on: s.done_on.to_string(),
                note: s.note.clone(),
                measure: s.measure.as_deref().and_then(Measure::parse).map_or("", Measure::label),
                offer: s.offer_id.and_then(|o| offer_titles.get(&o).cloned()).unwrap_or_default(),
                offer_id: s.offer_id.unwrap_or(0),
                by: people.get(&s.user_id).cloned().unwrap_or_default(),
            })
            .collect(),
        deadlines,
        can_act,
        step_title,
        asks_result: !result_yes.is_empty(),
        result_yes,
        result_no,
        asks_category: stage == Stage::County,
        asks_measure,
        can_clear: can_act && stage == Stage::Watching && user.role == Role::Office,
        categories: choices(Category::ALL, Category::code, Category::label, &form.category),
        measures: choices(Measure::ALL, Measure::code, Measure::label, &form.measure),
        offers,
        main: super::render::field_errors(STEP_FIELDS, if form.action == "clear" { &[] } else { errors }),
        clear: super::render::field_errors(STEP_FIELDS, if form.action == "clear" { errors } else { &[] }),
        clearing: form.action == "clear",
        has_errors: !errors.is_empty(),
        refused: refused.to_owned(),
        back: "/monitoring",
        form: StepForm {
            done_on: if form.done_on.is_empty() { today.to_string() } else { form.done_on.clone() },
            ..form
        },
    };
    let status = if !refused.is_empty() {
        StatusCode::CONFLICT
    } else if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let title = format!("第 {} 号监测户", c.id);
    Ok((status, state.templates.page(auth, "monitoring/show", &title, &view)?).into_response())
}

async fn show(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    show_page(&state, &auth, id, StepForm::default(), &[], "").await
}

async fn step(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<StepForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Village])?;
    match monitoring::step(&state.db, user, id, &form, state.clock.now()).await {
        Ok(done) => Ok(super::flash::redirect(
            &format!("/monitoring/{id}"),
            &format!("已登记「{}」。现在：{}。", done.step, done.stage.label()),
        )),
        Err(AppError::Invalid(errors)) => show_page(&state, &auth, id, form, &errors, "").await,
        Err(AppError::Conflict(why)) => show_page(&state, &auth, id, StepForm::default(), &[], &why).await,
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct NoticeView {
    village: String,
    head: String,
    members: i32,
    from: String,
    until: String,
    id: i32,
}

/// The village notice, to print and post: the head's name and the household's size, the
/// notice period and where to object — nothing else (no ID, phone, bank or health detail, nor
/// the kind of risk).
async fn notice(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor, Role::Village])?;
    let (c, v) = load(&state, user, id).await?;
    let stage = Stage::parse(&c.stage).ok_or(AppError::NotFound)?;
    if !matches!(stage, Stage::Notice | Stage::Township) && c.notice_from.is_none() {
        return Err(AppError::Conflict(format!(
            "第 {} 号监测户现在是「{}」：村民代表评议同意后才有村内公示。",
            c.id,
            stage.label()
        )));
    }
    let reg = match c.household_id {
        Some(h) => household::Entity::find_by_id(h).one(&state.db).await?,
        None => None,
    };
    let view = NoticeView {
        village: v.name,
        head: monitoring::head_of(&c, reg.as_ref(), &state.sealer),
        members: c.members,
        from: c.notice_from.map(|d| d.to_string()).unwrap_or_default(),
        until: c.notice_from.map(|d| (d + Duration::days(monitoring::NOTICE_DAYS - 1)).to_string()).unwrap_or_default(),
        id: c.id,
    };
    Ok(state.templates.page(&auth, "monitoring/notice", "防止返贫监测对象公示", &view)?.into_response())
}
