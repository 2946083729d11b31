//! Agreement pages: drafting one from an approved pairing, the printable agreement with its
//! plan against what was verified, and the list.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use entity::{agreement, milestone, pairing};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
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
        .get_as(&[Role::Village, Role::Office], "/agreements/{id}/confirm/{step}", step_confirm)
        .post_as(&[Role::Village, Role::Office], "/agreements/{id}/act/{step}", step_act)
        .get_as(DRAFTERS, "/agreements/{id}/edit", edit_form)
        .post_as(DRAFTERS, "/agreements/{id}/edit", resubmit)
}

#[derive(Serialize)]
struct MilestoneRow {
    n: usize,
    title: String,
    due: String,
    amount: String,
    /// 已完成 (with the day) or 已逾期, else empty.
    state: String,
}

#[derive(Serialize)]
struct FormView<'a> {
    pairing_id: i32,
    form: &'a AgreementForm,
    errors: BTreeMap<String, String>,
    rows: Vec<MilestoneRow>,
    /// Where the form posts: a new agreement, or a draft sent back (then its comment is shown).
    action: String,
    resubmit: bool,
    comment: String,
    /// The programmes it may count for, ticked as on the form.
    programmes: Vec<crate::programmes::Choice>,
}

/// The agreement form: new for pairing `pairing_id`, or (with `editing`) the agreement sent back
/// with its comment.
async fn form_page(
    state: &AppState,
    auth: &Auth,
    pairing_id: i32,
    form: &AgreementForm,
    errors: &[(String, String)],
) -> Result<Response> {
    edit_page(state, auth, pairing_id, None, form, errors).await
}

async fn edit_page(
    state: &AppState,
    auth: &Auth,
    pairing_id: i32,
    editing: Option<&agreement::Model>,
    form: &AgreementForm,
    errors: &[(String, String)],
) -> Result<Response> {
    let rows = (0..MILESTONE_ROWS)
        .map(|i| MilestoneRow {
            n: i + 1,
            title: form.milestone_title.get(i).cloned().unwrap_or_default(),
            due: form.milestone_due.get(i).cloned().unwrap_or_default(),
            amount: form.milestone_yuan.get(i).cloned().unwrap_or_default(),
            state: String::new(),
        })
        .collect();
    let view = FormView {
        pairing_id,
        form,
        errors: field_errors(FIELDS, errors),
        rows,
        action: editing
            .map_or_else(|| format!("/pairings/{pairing_id}/agreement"), |a| format!("/agreements/{}/edit", a.id)),
        resubmit: editing.is_some(),
        comment: editing.and_then(|a| a.comment.clone()).unwrap_or_default(),
        programmes: {
            let declared = crate::programmes::declared(&state.db).await?;
            let ticked = crate::programmes::Programme::read(Some(&form.programmes.join(",")));
            declared.choices(if ticked.is_empty() { std::slice::from_ref(&declared.current) } else { &ticked })
        },
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let title = if editing.is_some() { "修改帮扶协议" } else { "起草帮扶协议" };
    Ok((status, state.templates.page(auth, "agreements/form", title, &view)?).into_response())
}

async fn new_form(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let p = pairing::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    agreements::check_may_create(&state.db, auth.user()?, &p).await?;
    let today = state.clock.today();
    let mut form = AgreementForm {
        title: format!("结对 #{id} 帮扶协议"),
        starts_on: today.to_string(),
        ends_on: (today + chrono::Duration::days(365)).to_string(),
        ..Default::default()
    };
    // Pre-filled from the pairing's offer and need: the drafter edits rather than retypes.
    use crate::listings::{self, Side};
    let offer = match p.offer_id {
        Some(o) => listings::find(&state.db, Side::Offer, o).await?,
        None => None,
    };
    let need = match p.need_id {
        Some(n) => listings::find(&state.db, Side::Need, n).await?,
        None => None,
    };
    let mut terms = Vec::new();
    if let Some(o) = &offer {
        form.title = format!("{}结对帮扶协议", o.title);
        terms.push(format!("甲方（{}）提供「{}」：{}", org_name(&state, p.enterprise_id).await?, o.title, o.body));
        let yuan = if o.amount_fen > 0 { crate::money::Money(o.amount_fen).plain_yuan() } else { String::new() };
        let people = o.quantity.filter(|q| *q > 0).map(|q| q.min(1_000_000).to_string()).unwrap_or_default();
        use crate::domain::ListingKind as K;
        match o.kind {
            K::Procurement => form.planned_produce_yuan = yuan,
            K::Employment => form.planned_jobs = people,
            K::Training => form.planned_trainees = people,
            // Technical help is counted by the people it reaches (人次, 户 or 人); a paid
            // service also by its value.
            K::Technical => {
                let unit = o.unit.as_deref().unwrap_or("");
                if ["人", "户", "人次"].contains(&unit) {
                    form.planned_trainees = people;
                }
                form.planned_money_yuan = yuan;
            }
            K::Donation | K::Industry | K::Infrastructure => form.planned_money_yuan = yuan,
        }
        if let Some(until) = o.valid_until.filter(|u| *u > today) {
            form.ends_on = until.to_string();
        }
    }
    if let Some(n) = &need {
        terms.push(format!("乙方（{}）的需求「{}」：{}", org_name(&state, p.village_id).await?, n.title, n.body));
    }
    // The closing line in the words of the current programme (乡村振兴局 under 万企兴万村).
    let closing = "乙方组织农户参与并如实确认帮扶成效；双方接受扶贫办监督核实，成效按规定公示。";
    let today_words = state.programmes.get(&state.db).await?.today_words();
    terms.push(if today_words { super::i18n::in_current_words(closing) } else { closing.to_owned() });
    form.terms = terms.join("\n");
    form_page(&state, &auth, id, &form, &[]).await
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<AgreementForm>,
) -> Result<Response> {
    match agreements::create(&state.db, auth.user()?, id, &form, state.clock.now()).await {
        Ok(a) => Ok(super::flash::redirect(
            &format!("/agreements/{}", a.id),
            "协议草稿已提交，等待村委会会签；会签后由扶贫办备案，备案后开始执行。",
        )),
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
    /// Not in force yet: closing it can only terminate it.
    draft: bool,
    close_reason: String,
    /// Where a draft stands and what happens next, in words (empty once in force).
    stage: String,
    /// The comment it was sent back with.
    comment: String,
    /// The caller's steps (会签, 退回修改, 备案) and whether it may change a draft sent back.
    steps: Vec<(&'static str, &'static str)>,
    can_edit: bool,
    /// 群众满意度: this year's rating (given, or the village may give it).
    rating: RatingView,
    /// The programmes it counts for, in words; the office may change them.
    programmes: String,
    can_tag: bool,
    programme_choices: Vec<crate::programmes::Choice>,
}

#[derive(Serialize, Default)]
struct RatingView {
    year: i32,
    /// In force or ended: ratings are shown (and the village may rate).
    shown: bool,
    can_rate: bool,
    given: String,
    comment: String,
    options: Vec<(&'static str, &'static str)>,
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
    /// Taken off by an upheld objection: on notice no more, in no total.
    suspended: bool,
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
    /// The programmes it counts for, in words.
    programmes: String,
    /// A purchase: product, quantity and the market price entered; its payment and rating; what
    /// it still lacks to count; whether the buyer may record payment and rating now.
    purchase: String,
    payment: String,
    lacking: String,
    can_pay: bool,
    /// Jobs: the six-month follow-up in words, and who may act on it now.
    retention: String,
    can_retain: bool,
    can_verify_retention: bool,
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
            state: match m.done_at {
                Some(t) => format!("已完成（{}）", cn_date(crate::clock::to_shanghai(t).date_naive())),
                None if m.due_on < state.clock.today() => "已逾期".into(),
                None => String::new(),
            },
        })
        .collect();
    let party = pairings::party_of(&state.db, auth.user()?, &p).await.ok();
    let declared = crate::programmes::declared(&state.db).await?;
    let mut contributions = Vec::new();
    let records = entity::contribution::Entity::find()
        .filter(entity::contribution::Column::AgreementId.eq(a.id))
        .order_by_desc(entity::contribution::Column::Id)
        .all(&state.db)
        .await?;
    let suspended =
        crate::notices::suspended_among(&state.db, "contribution", records.iter().map(|c| c.id).collect()).await?;
    let suspension =
        crate::notices::suspension_reasons(&state.db, "contribution", suspended.iter().copied().collect()).await?;
    for c in records {
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
        let produce = c.kind == crate::domain::ContributionKind::Produce.code();
        let open = matches!(
            status,
            Some(
                crate::domain::ContributionStatus::Reported
                    | crate::domain::ContributionStatus::Confirmed
                    | crate::domain::ContributionStatus::Disputed
            )
        );
        let purchase = crate::programmes::purchases::describe(&c);
        let payment = crate::programmes::purchases::payment_words(&c);
        let lacking = crate::programmes::purchases::missing(&c);
        let lacking = if produce && !lacking.is_empty() && open {
            format!("计入消费帮扶还缺：{}", lacking.join("、"))
        } else {
            String::new()
        };
        let opens = crate::programmes::retention::opens_on(&c);
        let today = state.clock.today();
        let retention = match (opens, c.retained_persons, c.retained_verified_at) {
            (None, _, _) => String::new(),
            (Some(_), Some(n), Some(_)) => format!("满 6 个月回访：仍在岗 {n} 人（扶贫办已核实）"),
            (Some(_), Some(n), None) => format!("满 6 个月回访：村委会报告仍在岗 {n} 人，待扶贫办核实"),
            (Some(d), None, _) if d > today => format!("满 6 个月回访：{} 起由村委会填报", cn_date(d)),
            (Some(_), None, _) => "满 6 个月回访：待村委会填报仍在岗人数".into(),
        };
        contributions.push(ContributionRow {
            programmes: crate::programmes::Programme::words(
                &declared.effective(c.programmes.as_deref(), a.programmes.as_deref()),
            ),
            can_pay: produce && open && c.rated_at.is_none() && party == Some(pairings::Party::Enterprise),
            can_retain: opens.is_some_and(|d| d <= today)
                && c.retained_persons.is_none()
                && party == Some(pairings::Party::Village),
            can_verify_retention: c.retained_persons.is_some()
                && c.retained_verified_at.is_none()
                && party == Some(pairings::Party::Office),
            purchase,
            payment,
            lacking,
            retention,
            flags,
            id: c.id,
            kind: crate::domain::ContributionKind::parse(&c.kind)
                .map_or("其他", crate::domain::ContributionKind::label),
            amount_fen: c.amount_fen,
            persons: c.persons,
            date: cn_date(c.contributed_on),
            description: c.description,
            status_label: status.map_or("未知", crate::domain::ContributionStatus::label),
            suspended: suspended.contains(&c.id),
            status: c.status,
            dispute_reason: c.dispute_reason.unwrap_or_default(),
            // A record taken off by an upheld objection says why, not what was decided before.
            resolution: match suspension.get(&c.id) {
                Some(why) => format!("公示异议成立，暂停公示：{why}"),
                None => c.resolution.unwrap_or_default(),
            },
            supersedes_id: c.supersedes_id.unwrap_or(0),
            can_correct: party == Some(pairings::Party::Enterprise)
                && a.status == AgreementStatus::Active.code()
                && status.is_some_and(|s| crate::contributions::correctable(s, suspended.contains(&c.id))),
            evidence,
            steps,
        });
    }
    let can_report = party == Some(pairings::Party::Enterprise) && a.status == AgreementStatus::Active.code();
    let can_close = party == Some(pairings::Party::Office)
        && !matches!(
            AgreementStatus::parse(&a.status),
            Some(AgreementStatus::Completed | AgreementStatus::Terminated) | None
        );
    let status = AgreementStatus::parse(&a.status);
    let steps = match (party, status) {
        (Some(party), Some(s)) => agreements::Step::ALL
            .into_iter()
            .filter(|st| agreements::next(s, party, *st).is_ok())
            .map(|st| (st.code(), st.label()))
            .collect(),
        _ => Vec::new(),
    };
    let stage = match status {
        Some(AgreementStatus::PendingVillage) => {
            "协议已起草，等待村委会会签：村委会查看条款后会签，或写明意见退回修改。"
        }
        Some(AgreementStatus::Returned) => "已退回修改：起草方按意见修改后重新提交，村委会再会签。",
        Some(AgreementStatus::PendingFiling) => "村委会已会签，等待扶贫办备案；备案后协议开始执行。",
        _ => "",
    };
    let rating = {
        use chrono::Datelike;
        let year = state.clock.today().year();
        // Rated yearly, in the years the agreement runs (the 2015 campaign's is not rated now).
        let shown = crate::governance::satisfaction::rateable(status) && a.ends_on.year() >= year;
        let given = if shown { crate::governance::satisfaction::of(&state.db, a.id, year).await? } else { None };
        RatingView {
            year,
            shown,
            can_rate: shown && given.is_none() && party == Some(pairings::Party::Village),
            given: given
                .as_ref()
                .and_then(|g| crate::domain::Rating::parse(&g.rating.to_string()))
                .map_or_else(String::new, |r| r.label().to_owned()),
            comment: given.and_then(|g| g.comment).unwrap_or_default(),
            options: crate::domain::Rating::ALL.iter().rev().map(|r| (r.code(), r.label())).collect(),
        }
    };
    let tags = declared.effective(None, a.programmes.as_deref());
    let view = ShowView {
        programmes: crate::programmes::Programme::words(&tags),
        can_tag: party == Some(pairings::Party::Office),
        programme_choices: declared.choices(&tags),
        rating,
        draft: !stage.is_empty(),
        stage: stage.to_owned(),
        comment: a.comment.clone().unwrap_or_default(),
        can_edit: matches!(party, Some(pairings::Party::Enterprise | pairings::Party::Office))
            && status == Some(AgreementStatus::Returned),
        steps,
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
    /// The two parties and the period, so that agreements of one title are told apart.
    parties: String,
    period: String,
}

#[derive(Serialize)]
struct StatusTab {
    code: &'static str,
    label: &'static str,
    current: bool,
}

#[derive(Serialize)]
struct ListView {
    rows: Vec<Row>,
    tabs: Vec<StatusTab>,
    more: bool,
}

#[derive(serde::Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    status: String,
}

/// The caller's agreements (its own; an office's jurisdiction; everything for auditors), newest
/// first, by state; read in the database, 200 at most.
async fn list(State(state): State<AppState>, auth: Auth, Query(q): Query<ListQuery>) -> Result<Response> {
    use sea_orm::sea_query::{Expr, ExprTrait, Query as Sql};
    let user = auth.user()?;
    let mine = |col: pairing::Column, org: i32| {
        Sql::select().column(pairing::Column::Id).from(pairing::Entity).and_where(Expr::col(col).eq(org)).to_owned()
    };
    let org = user.organisation_id.unwrap_or(-1);
    let pairings = match user.role {
        Role::Enterprise => Some(mine(pairing::Column::EnterpriseId, org)),
        Role::Village => Some(mine(pairing::Column::VillageId, org)),
        Role::Office => Some(crate::radar::pairings_in(&super::radar::scope_of(user))),
        _ => None,
    };
    let mut query = agreement::Entity::find().order_by_desc(agreement::Column::Id).limit(201);
    if let Some(p) = pairings {
        query = query.filter(agreement::Column::PairingId.in_subquery(p));
    }
    let wanted = AgreementStatus::parse(q.status.trim());
    if let Some(s) = wanted {
        query = query.filter(agreement::Column::Status.eq(s.code()));
    }
    let mut found = query.all(&state.db).await?;
    let more = found.len() > 200;
    found.truncate(200);
    // The parties of each, in two queries.
    let pairs: std::collections::HashMap<i32, pairing::Model> = pairing::Entity::find()
        .filter(pairing::Column::Id.is_in(found.iter().map(|a| a.pairing_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let org_ids: Vec<i32> = pairs.values().flat_map(|p| [p.enterprise_id, p.village_id]).collect();
    let orgs: std::collections::HashMap<i32, String> = entity::organisation::Entity::find()
        .filter(entity::organisation::Column::Id.is_in(org_ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let name = |id: i32| orgs.get(&id).cloned().unwrap_or_default();
    let rows = found
        .into_iter()
        .map(|a| Row {
            id: a.id,
            status_label: AgreementStatus::parse(&a.status).map_or("未知", AgreementStatus::label),
            status: a.status,
            title: a.title,
            parties: pairs
                .get(&a.pairing_id)
                .map(|p| format!("{} ↔ {}", name(p.enterprise_id), name(p.village_id)))
                .unwrap_or_default(),
            period: format!("{} 至 {}", cn_date(a.starts_on), cn_date(a.ends_on)),
        })
        .collect();
    let mut tabs = vec![StatusTab { code: "", label: "全部", current: wanted.is_none() }];
    tabs.extend(AgreementStatus::ALL.iter().map(|s| StatusTab {
        code: s.code(),
        label: s.label(),
        current: wanted == Some(*s),
    }));
    Ok(state.templates.page(&auth, "agreements/list", "帮扶协议", &ListView { rows, tabs, more })?.into_response())
}

#[derive(Serialize)]
struct StepView {
    id: i32,
    title: String,
    enterprise: String,
    village: String,
    period: String,
    terms: String,
    step: &'static str,
    label: &'static str,
    needs_comment: bool,
    comment: String,
    error: String,
    /// What the agreement commits to: the plan per kind and the milestones, in words.
    plan: Vec<String>,
    milestones: Vec<String>,
}

async fn step_page(
    state: &AppState,
    auth: &Auth,
    id: i32,
    step: agreements::Step,
    comment: &str,
    error: &str,
) -> Result<Response> {
    let (a, p) = readable(state, auth, id).await?;
    let party = pairings::party_of(&state.db, auth.user()?, &p).await?;
    let from = AgreementStatus::parse(&a.status).ok_or_else(|| AppError::Conflict("状态无法识别".into()))?;
    agreements::next(from, party, step).map_err(AppError::Conflict)?;
    let money = |fen: i64| crate::money::Money(fen).display();
    let plan = [
        ("资金", a.planned_money_fen, true),
        ("物资", a.planned_goods_fen, true),
        ("采购农产品", a.planned_produce_fen, true),
        ("安置就业", i64::from(a.planned_jobs), false),
        ("技能培训/技术指导", i64::from(a.planned_trainees), false),
    ]
    .into_iter()
    .filter(|(_, n, _)| *n > 0)
    .map(|(what, n, is_money)| if is_money { format!("{what} {}", money(n)) } else { format!("{what} {n} 人") })
    .collect();
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::AgreementId.eq(a.id))
        .order_by_asc(milestone::Column::DueOn)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|m| {
            let amount = if m.planned_amount_fen > 0 {
                format!("，计划 {}", money(m.planned_amount_fen))
            } else {
                String::new()
            };
            format!("{}：{}前{amount}", m.title, cn_date(m.due_on))
        })
        .collect();
    let view = StepView {
        plan,
        milestones,
        id,
        enterprise: org_name(state, p.enterprise_id).await?,
        village: org_name(state, p.village_id).await?,
        period: format!("{} 至 {}", cn_date(a.starts_on), cn_date(a.ends_on)),
        title: a.title,
        terms: a.terms,
        step: step.code(),
        label: step.label(),
        needs_comment: step == agreements::Step::SendBack,
        comment: comment.to_owned(),
        error: error.to_owned(),
    };
    let status = if error.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "agreements/step", &format!("帮扶协议：{}", step.label()), &view)?)
        .into_response())
}

async fn step_confirm(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, step)): Path<(i32, String)>,
) -> Result<Response> {
    let step = agreements::Step::parse(&step).ok_or(AppError::NotFound)?;
    step_page(&state, &auth, id, step, "", "").await
}

#[derive(serde::Deserialize)]
struct CommentForm {
    #[serde(default)]
    comment: String,
}

async fn step_act(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, step)): Path<(i32, String)>,
    CsrfForm(f): CsrfForm<CommentForm>,
) -> Result<Response> {
    let step = agreements::Step::parse(&step).ok_or(AppError::NotFound)?;
    match agreements::step(&state.db, auth.user()?, id, step, &f.comment, state.clock.now()).await {
        Ok(_) => Ok(super::flash::redirect(&format!("/agreements/{id}"), step.outcome())),
        Err(AppError::Invalid(errors)) => {
            let message = errors.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            step_page(&state, &auth, id, step, &f.comment, &message).await
        }
        Err(e) => Err(e),
    }
}

/// The drafter's form for an agreement sent back, with the comment it came back with.
async fn edit_form(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let (a, p) = readable(&state, &auth, id).await?;
    if pairings::party_of(&state.db, auth.user()?, &p).await? == pairings::Party::Village {
        return Err(AppError::NotFound);
    }
    if a.status != AgreementStatus::Returned.code() {
        return Err(AppError::Conflict("只有退回修改的协议可以修改；已会签或已备案的协议不能再改".into()));
    }
    let form = agreements::form_of(&state.db, &a).await?;
    edit_page(&state, &auth, p.id, Some(&a), &form, &[]).await
}

async fn resubmit(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<AgreementForm>,
) -> Result<Response> {
    match agreements::resubmit(&state.db, auth.user()?, id, &form, state.clock.now()).await {
        Ok(_) => Ok(super::flash::redirect(&format!("/agreements/{id}"), "已修改并重新提交，等待村委会会签。")),
        Err(AppError::Invalid(errors)) => {
            let (a, p) = readable(&state, &auth, id).await?;
            edit_page(&state, &auth, p.id, Some(&a), &form, &errors).await
        }
        Err(e) => Err(e),
    }
}
