//! 公示 pages: the public list and page of each notice with its objection form (the contact is
//! never shown), and the office's handling of objections behind a confirmation page.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use entity::{notice, objection};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::{ClientIp, CsrfForm};
use super::render::field_errors;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::{Auth, region_prefix};
use crate::clock::to_shanghai;
use crate::domain::ObjectionStatus;
use crate::error::{AppError, Result};
use crate::notices::{self, ObjectionForm};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get("/notices", list)
        .get("/notices/{id}", show)
        .post("/notices/{id}/objections", object)
        .get("/notices/{id}/evidence/{evidence}", public_evidence)
        .get_as(&[Role::Office, Role::Auditor], "/office/objections", objections)
        .get_as(&[Role::Office], "/objections/{id}/confirm/{act}", confirm)
        .post_as(&[Role::Office], "/objections/{id}/{act}", handle)
}

fn day(t: chrono::DateTime<chrono::Utc>) -> String {
    to_shanghai(t).format("%Y年%m月%d日").to_string()
}

#[derive(Serialize)]
struct NoticeRow {
    id: i32,
    title: String,
    summary: String,
    /// The summary's first words, for the list.
    brief: String,
    window: String,
    status: String,
    status_label: &'static str,
}

/// The first 60 characters of `summary`, with … when cut.
fn brief(summary: &str) -> String {
    let mut out: String = summary.chars().take(60).collect();
    if summary.chars().count() > 60 {
        out.push('…');
    }
    out
}

fn row(n: notice::Model, now: chrono::DateTime<chrono::Utc>) -> NoticeRow {
    let s = notices::effective(&n, now);
    NoticeRow {
        id: n.id,
        window: format!("{} 至 {}", day(n.window_start), day(n.window_end)),
        status: s.code().into(),
        status_label: s.label(),
        title: n.title,
        brief: brief(&n.summary),
        summary: n.summary,
    }
}

#[derive(Serialize)]
struct ListView {
    rows: Vec<NoticeRow>,
}

async fn list(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    super::render::for_visitors(&state, &auth, "page:/notices", list_page(&state, &auth)).await
}

async fn list_page(state: &AppState, auth: &Auth) -> Result<Response> {
    let now = state.clock.now();
    // The newest 100 are kept between changes; their status is worked out per view (a window
    // closes with the clock, not with a change).
    let version = state.pages.version(&state.db, state.search.applied(), state.clock.today()).await?;
    let latest = state
        .cache
        .kept(
            "notices",
            version,
            notice::Entity::find().order_by_desc(notice::Column::WindowStart).limit(100).all(&state.db),
        )
        .await?;
    // The page changes without a write when the next open window closes.
    let next_close = latest.iter().filter(|n| n.window_end >= now).map(|n| n.window_end).min();
    let mut rows: Vec<NoticeRow> = latest.iter().cloned().map(|n| row(n, now)).collect();
    // A revoked assessment outcome's notice ended early: the list says 已撤销, as its page does,
    // not 公示期满 (an outside walk read a revoked 通报批评 as standing).
    let outcomes: Vec<i32> =
        latest.iter().filter(|n| n.entity == crate::governance::outcomes::NOTICE_ENTITY).map(|n| n.entity_id).collect();
    if !outcomes.is_empty() {
        let revoked: std::collections::HashSet<i32> = entity::assessment_outcome::Entity::find()
            .filter(entity::assessment_outcome::Column::Id.is_in(outcomes))
            .filter(entity::assessment_outcome::Column::RevokeReason.is_not_null())
            .all(&state.db)
            .await?
            .into_iter()
            .map(|o| o.id)
            .collect();
        for (r, n) in rows.iter_mut().zip(latest.iter()) {
            if n.entity == crate::governance::outcomes::NOTICE_ENTITY && revoked.contains(&n.entity_id) {
                r.status = "revoked".into();
                r.status_label = "已撤销";
            }
        }
    }
    let mut res = state.templates.page(auth, "notices/list", "公示", &ListView { rows })?.into_response();
    if let Some(at) = next_close {
        res.extensions_mut().insert(crate::cache::FreshUntil(at));
    }
    Ok(res)
}

#[derive(Serialize)]
struct Resolved {
    status_label: &'static str,
    resolution: String,
}

#[derive(Serialize)]
struct EvidenceLink {
    id: i32,
    name: String,
    /// A photo with a public copy (a PDF is shown to the parties and the office only).
    public: bool,
}

#[derive(Serialize)]
struct ShowView<'a> {
    notice: NoticeRow,
    /// What public-notice rules ask to be shown: project, place, content, time, the unit that
    /// carries it out and its person in charge (name masked), the money and where it comes from.
    facts: Vec<(&'static str, String)>,
    evidence: Vec<EvidenceLink>,
    open: bool,
    resolved: Vec<Resolved>,
    pending: usize,
    /// A notice of an assessment outcome (an upheld objection revokes it).
    outcome: bool,
    form: &'a ObjectionForm,
    errors: BTreeMap<String, String>,
    filed: bool,
}

async fn page(
    state: &AppState,
    auth: &Auth,
    id: i32,
    form: &ObjectionForm,
    errors: &[(String, String)],
    filed: bool,
) -> Result<Response> {
    let n = notice::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let all = objection::Entity::find()
        .filter(objection::Column::NoticeId.eq(id))
        .order_by_asc(objection::Column::Id)
        .all(&state.db)
        .await?;
    // Only outcomes are public: never the objector's words or contact.
    let resolved = all
        .iter()
        .filter(|o| o.status != ObjectionStatus::Open.code())
        .map(|o| Resolved {
            status_label: ObjectionStatus::parse(&o.status).map_or("", ObjectionStatus::label),
            resolution: o.resolution.clone().unwrap_or_default(),
        })
        .collect();
    let pending = all.iter().filter(|o| o.status == ObjectionStatus::Open.code()).count();
    let now = state.clock.now();
    let open = notices::effective(&n, now) == crate::domain::NoticeStatus::Open;
    let evidence = if n.entity == "contribution" && n.status != crate::domain::NoticeStatus::Suspended.code() {
        entity::evidence::Entity::find()
            .filter(entity::evidence::Column::ContributionId.eq(n.entity_id))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|e| EvidenceLink { id: e.id, public: e.media_type.starts_with("image/"), name: e.file_name })
            .collect()
    } else {
        Vec::new()
    };
    let suspended = n.status == crate::domain::NoticeStatus::Suspended.code();
    let facts = if suspended { Vec::new() } else { notice_facts(state, &n).await? };
    let outcome = n.entity == crate::governance::outcomes::NOTICE_ENTITY;
    let view = ShowView {
        facts,
        evidence,
        notice: row(n, now),
        open,
        resolved,
        pending,
        outcome,
        form,
        errors: field_errors(&["body", "contact_name", "contact_phone"], errors),
        filed,
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "notices/show", "公示", &view)?).into_response())
}

/// A person's name as the public sees it: the family name and a star per other character.
fn masked_name(name: &str) -> String {
    let mut chars = name.trim().chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}

/// The facts of the record on notice, read from the database as they are now.
async fn notice_facts(state: &AppState, n: &notice::Model) -> Result<Vec<(&'static str, String)>> {
    use entity::{agreement, contribution, organisation, pairing};
    let money = |fen: i64| crate::money::Money(fen).display();
    let mut facts = Vec::new();
    let (pairing_id, contribution) = match n.entity.as_str() {
        "pairing" => (n.entity_id, None),
        "contribution" => {
            let Some(c) = contribution::Entity::find_by_id(n.entity_id).one(&state.db).await? else { return Ok(facts) };
            let Some(a) = agreement::Entity::find_by_id(c.agreement_id).one(&state.db).await? else { return Ok(facts) };
            facts.push(("项目名称", a.title.clone()));
            (a.pairing_id, Some((c, a)))
        }
        crate::governance::outcomes::NOTICE_ENTITY => {
            let Some(o) = entity::assessment_outcome::Entity::find_by_id(n.entity_id).one(&state.db).await? else {
                return Ok(facts);
            };
            let office = organisation::Entity::find_by_id(o.office_id).one(&state.db).await?;
            facts.push(("考核年度", format!("{} 年度", o.year)));
            facts.push(("考核对象", o.subject_name.clone()));
            facts.push(("结果运用", crate::domain::OutcomeKind::parse(&o.kind).map_or("", |k| k.label()).to_owned()));
            facts.push(("作出单位", office.map(|o| o.name).unwrap_or_default()));
            if let Some(day) = o.deadline {
                facts.push(("整改期限", super::listings::cn_date(day)));
            }
            if let Some(why) = &o.revoke_reason {
                facts.push(("状态", format!("已撤销：{why}")));
            }
            return Ok(facts);
        }
        _ => return Ok(facts),
    };
    let Some(p) = pairing::Entity::find_by_id(pairing_id).one(&state.db).await? else { return Ok(facts) };
    let ent = organisation::Entity::find_by_id(p.enterprise_id).one(&state.db).await?;
    let village = organisation::Entity::find_by_id(p.village_id).one(&state.db).await?;
    if let Some(v) = &village {
        facts.push(("地点（受帮扶村）", super::organisations::region_path(state, &v.region_code, &v.name).await?));
    }
    if let Some(e) = &ent {
        facts.push(("实施单位（帮扶企业）", e.name.clone()));
        if let Some(who) = e.contact_name.as_deref().filter(|w| !w.trim().is_empty()) {
            facts.push(("负责人", masked_name(who)));
        }
    }
    match contribution {
        Some((c, a)) => {
            let kind =
                crate::domain::ContributionKind::parse(&c.kind).map_or("帮扶", crate::domain::ContributionKind::label);
            facts.push(("帮扶内容", format!("{kind}：{}", c.description)));
            facts.push(("时间", super::listings::cn_date(c.contributed_on)));
            facts.push((
                "协议期限",
                format!("{} 至 {}", super::listings::cn_date(a.starts_on), super::listings::cn_date(a.ends_on)),
            ));
            if c.amount_fen > 0 {
                facts.push(("资金来源及金额", format!("帮扶企业投入 {}", money(c.amount_fen))));
            }
            if c.households > 0 || c.persons > 0 {
                facts.push(("受益", format!("{} 户 {} 人", c.households, c.persons)));
            }
        }
        None => {
            if let Some(offer) = p.offer_id
                && let Some(o) = crate::listings::find(&state.db, crate::listings::Side::Offer, offer).await?
            {
                facts.push(("帮扶内容", format!("{}：{}", o.kind.label(), o.title)));
                if o.amount_fen > 0 {
                    facts.push(("资金来源及金额", format!("帮扶企业投入（计划） {}", money(o.amount_fen))));
                }
            }
            // The agreement once both sides signed and the office filed it (a draft awaiting the
            // village's signature is no project yet).
            if let Some(a) = agreement::Entity::find()
                .filter(agreement::Column::PairingId.eq(p.id))
                .filter(agreement::Column::Status.is_in([
                    crate::domain::AgreementStatus::Active.code(),
                    crate::domain::AgreementStatus::Completed.code(),
                    crate::domain::AgreementStatus::Terminated.code(),
                ]))
                .one(&state.db)
                .await?
            {
                facts.push(("项目名称", a.title));
                facts.push((
                    "协议期限",
                    format!("{} 至 {}", super::listings::cn_date(a.starts_on), super::listings::cn_date(a.ends_on)),
                ));
            }
            facts.push(("审核通过", super::listings::cn_date(crate::clock::to_shanghai(p.updated_at).date_naive())));
        }
    }
    Ok(facts)
}

/// The public copy of a photo of a contribution on notice (re-encoded from its pixels, so no
/// GPS position or other metadata); nothing of a suspended notice, nothing of a PDF.
async fn public_evidence(State(state): State<AppState>, Path((id, evidence_id)): Path<(i32, i32)>) -> Result<Response> {
    let n = notice::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let e = entity::evidence::Entity::find_by_id(evidence_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if n.entity != "contribution"
        || e.contribution_id != n.entity_id
        || n.status == crate::domain::NoticeStatus::Suspended.code()
    {
        return Err(AppError::NotFound);
    }
    // Only images have a public copy; a PDF is for the parties and the office.
    if !e.media_type.starts_with("image/") {
        return Err(AppError::NotFound);
    }
    let bytes = match crate::evidence::get(&state.db, &crate::evidence::public_key(&e.storage_key)).await? {
        Some(bytes) => bytes,
        // Reported before copies were re-encoded: made from the original now, never the old copy.
        None => {
            let original = crate::evidence::get(&state.db, &e.storage_key).await?.ok_or(AppError::NotFound)?;
            let media = e.media_type.clone();
            match tokio::task::spawn_blocking(move || crate::evidence::public_copy(&original, &media)).await {
                Ok(Ok(crate::evidence::PublicCopy::Image(bytes))) => bytes,
                _ => return Err(AppError::NotFound),
            }
        }
    };
    Ok(([(axum::http::header::CONTENT_TYPE, e.media_type)], bytes).into_response())
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    #[serde(default)]
    filed: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    axum::extract::Query(q): axum::extract::Query<ShowQuery>,
) -> Result<Response> {
    page(&state, &auth, id, &ObjectionForm::default(), &[], q.filed.is_some()).await
}

/// Anyone may object; attempts per address are limited like logins.
async fn object(
    State(state): State<AppState>,
    auth: Auth,
    ClientIp(ip): ClientIp,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<ObjectionForm>,
) -> Result<Response> {
    let now = state.clock.now();
    state.objection_limiter.admit(&state.db, &ip, now).await?;
    match notices::object(&state.db, &state.sealer, id, &form, now).await {
        Ok(_) => Ok(Redirect::to(&format!("/notices/{id}?filed=1")).into_response()),
        Err(AppError::Invalid(errors)) => page(&state, &auth, id, &form, &errors, false).await,
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct ObjectionRow {
    id: i32,
    notice_id: i32,
    notice_title: String,
    body: String,
    contact: String,
    filed: String,
    status: String,
    status_label: &'static str,
    resolution: String,
    open: bool,
}

#[derive(Serialize)]
struct ObjectionTab {
    link: String,
    label: &'static str,
    count: u64,
    current: bool,
}

#[derive(Serialize)]
struct ObjectionsView {
    rows: Vec<ObjectionRow>,
    tabs: Vec<ObjectionTab>,
    state: String,
    sorts: Vec<super::paging::SortChoice>,
    pager: super::paging::Pager,
    xlsx: String,
    can_handle: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ObjectionsQuery {
    state: String,
    sort: String,
    page: Option<u64>,
    format: String,
}

const OBJECTION_SORTS: &[(&str, &str)] = &[("new", "最新提出在前"), ("old", "最早提出在前")];

fn filed_at(t: chrono::DateTime<chrono::Utc>) -> String {
    to_shanghai(t).format("%Y-%m-%d %H:%M").to_string()
}

/// The objections in the office's jurisdiction (all, for auditors), by state, a page at a time;
/// contacts on the page only (the workbook leaves them out).
async fn objections(
    State(state): State<AppState>,
    auth: Auth,
    axum::extract::Query(q): axum::extract::Query<ObjectionsQuery>,
) -> Result<Response> {
    use sea_orm::PaginatorTrait;
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let mut scope = objection::Entity::find();
    if user.role == Role::Office {
        let prefix = region_prefix(user.jurisdiction.as_deref().unwrap_or("x")).to_owned();
        let notices = sea_orm::sea_query::Query::select()
            .column(notice::Column::Id)
            .from(notice::Entity)
            .and_where(notice::Column::RegionCode.starts_with(&prefix))
            .to_owned();
        scope = scope.filter(objection::Column::NoticeId.in_subquery(notices));
    }
    let counts: std::collections::HashMap<String, i64> =
        super::paging::count_by(&state.db, scope.clone(), objection::Column::Status).await?;
    let open = ObjectionStatus::Open.code();
    let wanted = match q.state.as_str() {
        "open" | "handled" | "all" => q.state.as_str(),
        _ => "open",
    };
    let (sort, sorts) = super::paging::sort_choices(OBJECTION_SORTS, &q.sort);
    let n_open = counts.get(open).copied().unwrap_or(0) as u64;
    let n_all: u64 = counts.values().map(|n| *n as u64).sum();
    let tabs = [("open", "待处理", n_open), ("handled", "已处理", n_all - n_open), ("all", "全部", n_all)]
        .into_iter()
        .map(|(code, label, count)| ObjectionTab {
            link: super::paging::link("/office/objections", &[("state", code), ("sort", sort)]),
            label,
            count,
            current: code == wanted,
        })
        .collect();
    let mut query = match wanted {
        "open" => scope.filter(objection::Column::Status.eq(open)),
        "handled" => scope.filter(objection::Column::Status.ne(open)),
        _ => scope,
    };
    query = if sort == "old" {
        query.order_by_asc(objection::Column::CreatedAt).order_by_asc(objection::Column::Id)
    } else {
        query.order_by_desc(objection::Column::CreatedAt).order_by_desc(objection::Column::Id)
    };
    let total = query.clone().count(&state.db).await?;
    if q.format == "xlsx" {
        return export_objections(&state, query, total).await;
    }
    let keep = [("state", wanted), ("sort", sort)];
    let pager = super::paging::Pager::new("/office/objections", &keep, q.page, total, super::paging::PER_PAGE);
    let found = query.offset(pager.offset()).limit(pager.per()).all(&state.db).await?;
    let titles = notice_titles(&state, found.iter().map(|o| o.notice_id).collect()).await?;
    let rows = found
        .into_iter()
        .map(|o| ObjectionRow {
            id: o.id,
            notice_id: o.notice_id,
            notice_title: titles.get(&o.notice_id).cloned().unwrap_or_default(),
            body: o.body,
            contact: format!(
                "{} {}",
                state.sealer.open(&o.contact_name).unwrap_or_else(|| "（无法解密）".into()),
                state.sealer.open(&o.contact_phone).unwrap_or_default()
            ),
            filed: filed_at(o.created_at),
            open: o.status == open,
            status_label: ObjectionStatus::parse(&o.status).map_or("", ObjectionStatus::label),
            status: o.status,
            resolution: o.resolution.unwrap_or_default(),
        })
        .collect();
    let view = ObjectionsView {
        rows,
        tabs,
        state: wanted.to_owned(),
        sorts,
        xlsx: super::paging::link("/office/objections", &[&keep[..], &[("format", "xlsx")]].concat()),
        pager,
        can_handle: user.role == Role::Office,
    };
    Ok(state.templates.page(&auth, "notices/objections", "公示异议", &view)?.into_response())
}

/// Titles of the notices `ids`.
async fn notice_titles(state: &AppState, ids: Vec<i32>) -> Result<std::collections::HashMap<i32, String>> {
    let mut titles = std::collections::HashMap::new();
    for chunk in ids.chunks(900) {
        for n in notice::Entity::find().filter(notice::Column::Id.is_in(chunk.to_vec())).all(&state.db).await? {
            titles.insert(n.id, n.title);
        }
    }
    Ok(titles)
}

/// The objections of the tab as an XLSX file; who filed them is left out (the page shows it to
/// the office that handles them, a file travels further).
async fn export_objections(state: &AppState, query: sea_orm::Select<objection::Entity>, n: u64) -> Result<Response> {
    use crate::export::Cell;
    if n > super::paging::MAX_EXPORT {
        return Err(AppError::field(
            "format",
            format!("这一栏有 {n} 条异议，超过一次导出的上限 {}", super::paging::MAX_EXPORT),
        ));
    }
    let found = query.limit(super::paging::MAX_EXPORT).all(&state.db).await?;
    let ids: std::collections::BTreeSet<i32> = found.iter().map(|o| o.notice_id).collect();
    let titles = notice_titles(state, ids.into_iter().collect()).await?;
    let headings = ["编号", "公示", "异议内容", "提出时间", "状态", "处理结果", "处理时间"];
    let rows: Vec<Vec<crate::export::Cell>> = found
        .into_iter()
        .map(|o| {
            vec![
                Cell::Number(o.id.into()),
                Cell::from(titles.get(&o.notice_id).cloned().unwrap_or_default()),
                Cell::from(o.body),
                Cell::Time(to_shanghai(o.created_at).naive_local()),
                Cell::from(ObjectionStatus::parse(&o.status).map_or("", ObjectionStatus::label)),
                Cell::from(o.resolution.unwrap_or_default()),
                o.handled_at.map_or_else(|| Cell::from(""), |t| Cell::Time(to_shanghai(t).naive_local())),
            ]
        })
        .collect();
    let today = state.clock.today();
    let bytes = crate::export::table_xlsx(
        "异议",
        &format!("公示异议（{today} 导出，共 {} 条）", rows.len()),
        &headings,
        &rows,
    )?;
    Ok(super::paging::xlsx_download(&format!("objections-{today}.xlsx"), bytes))
}

fn parse_act(a: &str) -> Result<bool> {
    match a {
        "uphold" => Ok(true),
        "dismiss" => Ok(false),
        _ => Err(AppError::NotFound),
    }
}

#[derive(Serialize)]
struct ConfirmView {
    id: i32,
    act: String,
    label: &'static str,
    warning: &'static str,
    notice_title: String,
    objection: String,
    resolution: String,
    error: String,
}

async fn confirm(State(state): State<AppState>, auth: Auth, Path((id, act)): Path<(i32, String)>) -> Result<Response> {
    confirm_page(&state, &auth, id, &act, "", "").await
}

/// The handling form of objection `id`, with what was typed and why it was refused.
async fn confirm_page(
    state: &AppState,
    auth: &Auth,
    id: i32,
    act: &str,
    resolution: &str,
    error: &str,
) -> Result<Response> {
    let uphold = parse_act(act)?;
    let o = objection::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let n = notice::Entity::find_by_id(o.notice_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if !auth.require(&[Role::Office])?.covers(&n.region_code) {
        return Err(AppError::NotFound);
    }
    let view = ConfirmView {
        id,
        act: act.to_owned(),
        label: if uphold { "异议成立" } else { "异议不成立" },
        warning: if uphold && n.entity == crate::governance::outcomes::NOTICE_ENTITY {
            "异议成立后，这项考核结果随即撤销（以处理结果为撤销理由），公示终止，并通知被考核单位。"
        } else if uphold {
            "异议成立后，该记录暂停并不再计入任何统计。"
        } else {
            "处理结果将在公示页公开。"
        },
        notice_title: n.title,
        objection: o.body,
        resolution: resolution.to_owned(),
        error: error.to_owned(),
    };
    let status = if error.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "notices/confirm", "确认处理", &view)?).into_response())
}

#[derive(Deserialize)]
struct HandleForm {
    #[serde(default)]
    resolution: String,
}

async fn handle(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, act)): Path<(i32, String)>,
    CsrfForm(f): CsrfForm<HandleForm>,
) -> Result<Response> {
    let uphold = parse_act(&act)?;
    match notices::handle(&state.db, auth.require(&[Role::Office])?, id, uphold, &f.resolution, state.clock.now()).await
    {
        Ok(o) => {
            let on_outcome = notice::Entity::find_by_id(o.notice_id)
                .one(&state.db)
                .await?
                .is_some_and(|n| n.entity == crate::governance::outcomes::NOTICE_ENTITY);
            let message = if uphold && on_outcome {
                "已认定异议成立：这项考核结果已撤销，公示终止；已通知被考核单位。"
            } else if uphold {
                "已认定异议成立：该记录暂停公示，不再计入统计；已通知相关单位。"
            } else {
                "已认定异议不成立：处理结果已在公示页公开。"
            };
            Ok(super::flash::redirect("/office/objections", message))
        }
        Err(AppError::Invalid(errors)) => {
            let message = errors.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            confirm_page(&state, &auth, id, &act, &f.resolution, &message).await
        }
        Err(e) => Err(e),
    }
}
