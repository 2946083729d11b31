//! The poverty office's review of organisations in its jurisdiction: the list, a confirmation
//! page, and verify / suspend. Auditors may read the list.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use entity::organisation;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::CsrfForm;
use super::organisations::OrgView;
use crate::accounts;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::{Auth, region_prefix};
use crate::domain::{OrgKind, OrgStatus};
use crate::error::{AppError, Result};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Office, Role::Auditor], "/office/organisations", list)
        .get_as(&[Role::Office], "/office/organisations/{id}/{action}", confirm)
        .post_as(&[Role::Office], "/office/organisations/{id}/{action}", act)
        .get_as(&[Role::Office, Role::Auditor], "/office/ledger", ledger)
        .get_as(&[Role::Office], "/office/import", import_form)
        .post_as(&[Role::Office], "/office/import", import_upload)
        .get_as(&[Role::Office], "/office/import/template.xlsx", import_template)
}

#[derive(Deserialize, Default)]
struct LedgerQuery {
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    format: String,
}

/// The ledger of a year as a download: an office gets its jurisdiction, an auditor everything.
async fn ledger(State(state): State<AppState>, auth: Auth, Query(q): Query<LedgerQuery>) -> Result<Response> {
    use chrono::Datelike;
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let year = q.year.unwrap_or_else(|| state.clock.today().year());
    let scope = if user.role == Role::Office { user.jurisdiction.clone().or(Some("x".into())) } else { None };
    let rows = crate::export::rows(&state.db, year, scope.as_deref(), None).await?;
    let (bytes, mime, ext) = if q.format == "csv" {
        (crate::export::to_csv(&rows)?, "text/csv; charset=utf-8", "csv")
    } else {
        (
            crate::export::to_xlsx(&rows, &crate::export::ledger_title(year, None))?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        )
    };
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, mime.to_owned()),
            (axum::http::header::CONTENT_DISPOSITION, format!("attachment; filename=\"ledger-{year}.{ext}\"")),
        ],
        bytes,
    )
        .into_response())
}

/// The largest ledger file accepted by upload.
pub const MAX_UPLOAD: usize = 10 * 1024 * 1024;

#[derive(Serialize, Default)]
struct ImportView {
    summary: String,
    errors: Vec<String>,
    file_name: String,
}

async fn import_form(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    Ok(state.templates.page(&auth, "office/import", "导入台账", &ImportView::default())?.into_response())
}

/// The empty ledger to fill in: Chinese headings, one sheet per kind of record.
async fn import_template() -> Result<Response> {
    let bytes = crate::ledger::template_xlsx()?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (axum::http::header::CONTENT_DISPOSITION, "attachment; filename=\"ledger-template.xlsx\""),
        ],
        bytes,
    )
        .into_response())
}

/// Takes a multipart upload: the form's `_csrf` field first, then `file`.
async fn import_upload(State(state): State<AppState>, auth: Auth, mp: super::extract::Upload) -> Result<Response> {
    let user = auth.require(&[Role::Office])?.clone();
    let file = super::extract::upload_file(&auth, mp).await?;
    let mut view = ImportView::default();
    match file {
        None => view.errors.push("请选择要上传的文件".into()),
        Some((name, bytes)) if bytes.is_empty() => {
            view.errors.push(super::extract::empty_file(&name));
            view.file_name = name;
        }
        Some((name, bytes)) => {
            view.file_name = name.clone();
            match crate::ledger::Format::of(&name) {
                None => view.errors.push("文件须为 .xlsx、.csv 或 .json".into()),
                Some(format) => {
                    let actor = crate::audit::Actor::user(user.id, &user.login);
                    let scope = user.jurisdiction.clone();
                    match crate::ledger::import(
                        &state.db,
                        &state.sealer,
                        &bytes,
                        format,
                        scope.as_deref(),
                        &actor,
                        state.clock.now(),
                        &indicatif::ProgressBar::hidden(),
                    )
                    .await
                    {
                        Ok(summary) => view.summary = summary.to_string(),
                        Err(crate::ledger::LedgerError::Invalid(errors)) => view.errors = errors,
                        Err(crate::ledger::LedgerError::Read(e)) => view.errors.push(e),
                        Err(crate::ledger::LedgerError::Db(e)) => return Err(e.into()),
                    }
                }
            }
        }
    }
    let status =
        if view.errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(&auth, "office/import", "导入台账", &view)?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    status: String,
    kind: String,
    q: String,
    sort: String,
    page: Option<u64>,
    format: String,
}

#[derive(Serialize)]
struct Row {
    org: OrgView,
    can_verify: bool,
    can_suspend: bool,
    can_return: bool,
    can_reject: bool,
    can_reopen: bool,
    /// A village the office reviews: it may file the village's categories.
    can_categorise: bool,
    review_note: String,
    registered: String,
    /// Registered outside the office's jurisdiction: shown because it serves it.
    outside: bool,
    /// Its public page can be opened (verified, or the office may read it): otherwise its name
    /// is not a link to a page that answers 404.
    linked: bool,
}

/// Enterprises registered outside the region `prefix` that serve it: an offer for a region in it
/// (or for a region that contains it), or a pairing with one of its villages. A condition on
/// `organisation.id` built from subqueries, so it holds at any size.
pub(crate) fn serving_enterprises(prefix: &str) -> Condition {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let ancestors: Vec<String> =
        [2usize, 4, 6, 9].iter().filter(|&&n| n < prefix.len()).map(|&n| format!("{:0<12}", &prefix[..n])).collect();
    let like = format!("{prefix}%");
    let regions = Query::select()
        .column(entity::offer_region::Column::OfferId)
        .from(entity::offer_region::Entity)
        .cond_where(
            Condition::any()
                .add(Expr::col(entity::offer_region::Column::RegionCode).like(like.clone()))
                .add(Expr::col(entity::offer_region::Column::RegionCode).is_in(ancestors)),
        )
        .to_owned();
    let offering = Query::select()
        .column(entity::offer::Column::OrganisationId)
        .from(entity::offer::Entity)
        .and_where(Expr::col(entity::offer::Column::Id).in_subquery(regions))
        .to_owned();
    let villages = Query::select()
        .column(organisation::Column::Id)
        .from(organisation::Entity)
        .and_where(Expr::col(organisation::Column::Kind).eq(OrgKind::Village.code()))
        .and_where(Expr::col(organisation::Column::RegionCode).like(like))
        .to_owned();
    let paired = Query::select()
        .column(entity::pairing::Column::EnterpriseId)
        .from(entity::pairing::Entity)
        .and_where(Expr::col(entity::pairing::Column::VillageId).in_subquery(villages))
        .to_owned();
    Condition::all().add(organisation::Column::Kind.eq(OrgKind::Enterprise.code())).add(
        Condition::any()
            .add(organisation::Column::Id.in_subquery(offering))
            .add(organisation::Column::Id.in_subquery(paired)),
    )
}

#[derive(Serialize)]
struct StatusTab {
    code: &'static str,
    label: &'static str,
    count: u64,
    current: bool,
    link: String,
}

#[derive(Serialize)]
struct ListView {
    /// The ledger's years to pick from, newest first.
    years: Vec<i32>,
    rows: Vec<Row>,
    tabs: Vec<StatusTab>,
    status: String,
    kind: String,
    q: String,
    sorts: Vec<super::paging::SortChoice>,
    pager: super::paging::Pager,
    /// This list as the user sees it, for the action pages to come back to.
    back: String,
    xlsx: String,
    is_reviewer: bool,
}

const SORTS: &[(&str, &str)] =
    &[("new", "最新注册在前"), ("old", "最早注册在前"), ("name", "按名称"), ("region", "按地区")];
const STATUS_TABS: &[(&str, &str)] = &[
    ("pending", "待审核"),
    ("verified", "已认证"),
    ("returned", "退回修改"),
    ("suspended", "已暂停"),
    ("rejected", "不予认证"),
];

/// The organisations an office or auditor reviews, filtered by `q`'s kind and words (not by
/// state: the tabs count each state of this set).
fn review_scope(user: &crate::auth::guard::SessionUser, q: &ListQuery) -> sea_orm::Select<organisation::Entity> {
    let mut query = organisation::Entity::find().filter(organisation::Column::Kind.ne(OrgKind::Office.code()));
    if let Some(kind) = OrgKind::parse(&q.kind).filter(|k| *k != OrgKind::Office) {
        query = query.filter(organisation::Column::Kind.eq(kind.code()));
    }
    let words = q.q.trim();
    if !words.is_empty() {
        // Typed words are matched as they are (a % or _ is no wildcard); a credit code also by
        // its beginning.
        use sea_orm::sea_query::LikeExpr;
        let literal = words.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        query = query.filter(
            Condition::any()
                .add(organisation::Column::Name.like(LikeExpr::new(format!("%{literal}%")).escape('\\')))
                .add(
                    organisation::Column::Uscc.like(LikeExpr::new(format!("{}%", literal.to_uppercase())).escape('\\')),
                ),
        );
    }
    if user.role == Role::Office {
        let prefix = region_prefix(user.jurisdiction.as_deref().unwrap_or("x")).to_owned();
        // Inside the jurisdiction, plus enterprises from outside that serve it (to see).
        let scope = Condition::any()
            .add(organisation::Column::RegionCode.starts_with(&prefix))
            .add(serving_enterprises(&prefix));
        query = query.filter(scope);
    }
    query
}

async fn list(State(state): State<AppState>, auth: Auth, Query(q): Query<ListQuery>) -> Result<Response> {
    use sea_orm::{PaginatorTrait, QuerySelect};
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let scope = review_scope(user, &q);
    let counts: std::collections::HashMap<String, i64> =
        super::paging::count_by(&state.db, scope.clone(), organisation::Column::Status).await?;
    let status = OrgStatus::parse(&q.status).map(|s| s.code()).unwrap_or("");
    let kind = OrgKind::parse(&q.kind).filter(|k| *k != OrgKind::Office).map(|k| k.code()).unwrap_or("");
    let (sort, sorts) = super::paging::sort_choices(SORTS, &q.sort);
    let words = q.q.trim().to_owned();
    let filters = |st: &'static str| {
        super::paging::link(
            "/office/organisations",
            &[("status", st), ("kind", kind), ("q", words.as_str()), ("sort", sort)],
        )
    };
    let mut tabs = vec![StatusTab {
        code: "",
        label: "全部",
        count: counts.values().map(|n| *n as u64).sum(),
        current: status.is_empty(),
        link: filters(""),
    }];
    for (code, label) in STATUS_TABS {
        tabs.push(StatusTab {
            code,
            label,
            count: counts.get(*code).copied().unwrap_or(0) as u64,
            current: status == *code,
            link: filters(code),
        });
    }
    let mut query = scope;
    if !status.is_empty() {
        query = query.filter(organisation::Column::Status.eq(status));
    }
    query = match sort {
        "old" => query.order_by_asc(organisation::Column::CreatedAt),
        "name" => query.order_by_asc(organisation::Column::Name),
        "region" => query.order_by_asc(organisation::Column::RegionCode),
        _ => query.order_by_desc(organisation::Column::CreatedAt),
    }
    .order_by_asc(organisation::Column::Id);
    if q.format == "xlsx" {
        return export_organisations(&state, user, query).await;
    }
    let total = query.clone().count(&state.db).await?;
    let pairs = [("status", status), ("kind", kind), ("q", words.as_str()), ("sort", sort)];
    let pager = super::paging::Pager::new("/office/organisations", &pairs, q.page, total, super::paging::PER_PAGE);
    let page_no = if pager.page > 1 { pager.page.to_string() } else { String::new() };
    let back = super::paging::link("/office/organisations", &[&pairs[..], &[("page", page_no.as_str())]].concat());
    let xlsx_params = [&pairs[..], &[("format", "xlsx")]].concat();
    let xlsx = super::paging::link("/office/organisations", &xlsx_params);
    let mut rows = Vec::new();
    for o in query.offset(pager.offset()).limit(pager.per()).all(&state.db).await? {
        let reviewer = user.may_review_org(&o);
        let st = OrgStatus::parse(&o.status);
        rows.push(Row {
            can_verify: reviewer && matches!(st, Some(OrgStatus::Pending | OrgStatus::Suspended | OrgStatus::Returned)),
            can_suspend: reviewer && st == Some(OrgStatus::Verified),
            can_return: reviewer && st == Some(OrgStatus::Pending),
            can_reject: reviewer && matches!(st, Some(OrgStatus::Pending | OrgStatus::Returned)),
            can_reopen: reviewer && st == Some(OrgStatus::Rejected),
            can_categorise: reviewer && o.kind == OrgKind::Village.code(),
            review_note: o.review_note.clone().unwrap_or_default(),
            registered: crate::clock::to_shanghai(o.created_at).format("%Y年%m月%d日").to_string(),
            outside: !reviewer && user.role == Role::Office,
            linked: st == Some(OrgStatus::Verified) || user.may_read_org(&o),
            // Contacts only for those who may read the organisation (never another office's).
            org: OrgView::build(&state, &o, user.may_read_org(&o)).await?,
        });
    }
    use chrono::Datelike;
    let this_year = state.clock.today().year();
    let view = ListView {
        years: (0..6).map(|n| this_year - n).collect(),
        rows,
        tabs,
        status: status.to_owned(),
        kind: kind.to_owned(),
        q: words,
        sorts,
        pager,
        back: serde_urlencoded::to_string([("back", back.as_str())]).unwrap_or_default(),
        xlsx,
        is_reviewer: user.role == Role::Office,
    };
    Ok(state.templates.page(&auth, "office/organisations", "机构审核", &view)?.into_response())
}

/// The organisations of the list as they are filtered and sorted, as an XLSX file; contacts only
/// where the reader may read the organisation.
async fn export_organisations(
    state: &AppState,
    user: &crate::auth::guard::SessionUser,
    query: sea_orm::Select<organisation::Entity>,
) -> Result<Response> {
    use crate::export::Cell;
    use sea_orm::{PaginatorTrait, QuerySelect};
    let n = query.clone().count(&state.db).await?;
    if n > super::paging::MAX_EXPORT {
        return Err(AppError::field(
            "format",
            format!(
                "符合条件的机构有 {n} 个，超过一次导出的上限 {}，请先按状态、类型或名称筛选",
                super::paging::MAX_EXPORT
            ),
        ));
    }
    let orgs = query.limit(super::paging::MAX_EXPORT).all(&state.db).await?;
    let paths = super::organisations::region_paths(state, orgs.iter().map(|o| o.region_code.as_str())).await?;
    let headings = [
        "名称",
        "类型",
        "状态",
        "统一社会信用代码",
        "所在地",
        "村类别",
        "联系人",
        "联系电话",
        "注册日期",
        "认证日期",
        "审核意见",
    ];
    let day = |t: chrono::DateTime<chrono::Utc>| Cell::Day(crate::clock::to_shanghai(t).date_naive());
    let rows: Vec<Vec<Cell>> = orgs
        .iter()
        .map(|o| {
            let full = user.may_read_org(o);
            let phone = if full {
                state.sealer.open_opt(o.contact_phone.as_deref()).unwrap_or_default()
            } else {
                String::new()
            };
            vec![
                Cell::from(o.name.clone()),
                Cell::from(OrgKind::parse(&o.kind).map_or("机构", OrgKind::label)),
                Cell::from(OrgStatus::parse(&o.status).map_or("未知", OrgStatus::label)),
                Cell::from(o.uscc.clone().unwrap_or_default()),
                Cell::from(paths.get(&o.region_code).cloned().unwrap_or_else(|| o.region_code.clone())),
                Cell::from(
                    crate::domain::VillageCategory::read(o.categories.as_deref())
                        .into_iter()
                        .map(crate::domain::VillageCategory::label)
                        .collect::<Vec<_>>()
                        .join("、"),
                ),
                Cell::from(if full { o.contact_name.clone().unwrap_or_default() } else { String::new() }),
                Cell::from(phone),
                day(o.created_at),
                o.verified_at.map_or_else(|| Cell::from(""), day),
                Cell::from(if full { o.review_note.clone().unwrap_or_default() } else { String::new() }),
            ]
        })
        .collect();
    let today = state.clock.today();
    let bytes = crate::export::table_xlsx(
        "机构",
        &format!("机构名单（{today} 导出，共 {} 个）", rows.len()),
        &headings,
        &rows,
    )?;
    Ok(super::paging::xlsx_download(&format!("organisations-{today}.xlsx"), bytes))
}

/// The state an action leads to, its label and what the office is told before it acts.
fn target(action: &str) -> Result<(OrgStatus, &'static str, &'static str)> {
    match action {
        "verify" => Ok((OrgStatus::Verified, "认证通过", "认证后可以发布信息、发起结对，公开页面显示其信息。")),
        "suspend" => {
            Ok((OrgStatus::Suspended, "暂停", "暂停后其信息不再公开，也不能发起结对；请写明理由，对方会看到。"))
        }
        "return" => Ok((OrgStatus::Returned, "退回修改", "对方按意见修改注册信息后会重新提交审核；请写明要修改什么。")),
        "reject" => Ok((
            OrgStatus::Rejected,
            "不予认证",
            "不予认证是最终结果（如单位不存在、信息虚假）；请写明理由，对方会看到。",
        )),
        "reopen" => Ok((
            OrgStatus::Pending,
            "重新受理",
            "不予认证有误（如对方补交了材料）时重新受理，该机构回到“待审核”；请写明理由，对方会看到。",
        )),
        _ => Err(AppError::NotFound),
    }
}

#[derive(Serialize)]
struct ConfirmView {
    org: OrgView,
    action: String,
    action_label: &'static str,
    warning: &'static str,
    needs_reason: bool,
    reason: String,
    error: String,
    /// The office's earlier word, when it sent the registration back before.
    review_note: String,
    /// The list to return to.
    back: String,
}

/// The list page an action returns to: the one the office came from, else the pending tab.
fn back_to(back: &str) -> String {
    let ok = back == "/office/organisations" || back.starts_with("/office/organisations?");
    // Only printable ASCII: a redirect's Location takes nothing else (links are percent-encoded).
    if ok && back.bytes().all(|b| b.is_ascii_graphic()) {
        back.to_owned()
    } else {
        "/office/organisations?status=pending".to_owned()
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct BackQuery {
    back: String,
}

async fn confirm_page(
    state: &AppState,
    auth: &Auth,
    org: &organisation::Model,
    action: &str,
    reason: &str,
    error: &str,
    back: &str,
) -> Result<Response> {
    let (to, action_label, warning) = target(action)?;
    let view = ConfirmView {
        org: OrgView::build(state, org, true).await?,
        action: action.to_owned(),
        action_label,
        warning,
        needs_reason: to != OrgStatus::Verified,
        reason: reason.to_owned(),
        error: error.to_owned(),
        review_note: org.review_note.clone().unwrap_or_default(),
        back: back_to(back),
    };
    let status =
        if error.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "office/confirm", "确认操作", &view)?).into_response())
}

async fn reviewable(state: &AppState, auth: &Auth, id: i32) -> Result<organisation::Model> {
    let user = auth.require(&[Role::Office])?;
    let org = organisation::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if user.may_review_org(&org) { Ok(org) } else { Err(AppError::NotFound) }
}

async fn confirm(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, action)): Path<(i32, String)>,
    Query(b): Query<BackQuery>,
) -> Result<Response> {
    if action == "categories" {
        let org = reviewable(&state, &auth, id).await?;
        let chosen = crate::domain::VillageCategory::read(org.categories.as_deref());
        return categories_page(&state, &auth, &org, &chosen, &b.back, "").await;
    }
    let (to, label, _) = target(&action)?;
    let org = reviewable(&state, &auth, id).await?;
    // A step that cannot be taken from here is refused on opening, not after the reason is typed.
    let from = OrgStatus::parse(&org.status);
    if !accounts::review_step_allowed(from, to) {
        return Err(AppError::Conflict(format!(
            "「{}」当前为「{}」，不能{label}；请回到机构审核列表查看它现在的状态",
            org.name,
            from.map_or("未知", OrgStatus::label)
        )));
    }
    confirm_page(&state, &auth, &org, &action, "", "", &b.back).await
}

#[derive(Deserialize)]
struct ReasonForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    back: String,
    /// The categories ticked on the village-category form.
    #[serde(default)]
    category: Vec<String>,
}

#[derive(Serialize)]
struct CategoryChoice {
    code: &'static str,
    label: &'static str,
    checked: bool,
}

#[derive(Serialize)]
struct CategoriesView {
    org: OrgView,
    choices: Vec<CategoryChoice>,
    back: String,
    error: String,
}

/// The form filing village `org` under its categories, ticked as `chosen`.
async fn categories_page(
    state: &AppState,
    auth: &Auth,
    org: &organisation::Model,
    chosen: &[crate::domain::VillageCategory],
    back: &str,
    error: &str,
) -> Result<Response> {
    use crate::domain::VillageCategory;
    if org.kind != OrgKind::Village.code() {
        return Err(AppError::Conflict("只有村委会有村类别；请回到机构审核列表".into()));
    }
    let view = CategoriesView {
        org: OrgView::build(state, org, true).await?,
        choices: VillageCategory::ALL
            .iter()
            .map(|c| CategoryChoice { code: c.code(), label: c.label(), checked: chosen.contains(c) })
            .collect(),
        back: back_to(back),
        error: error.to_owned(),
    };
    let status =
        if error.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "office/categories", "村类别", &view)?).into_response())
}

async fn act(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, action)): Path<(i32, String)>,
    CsrfForm(f): CsrfForm<ReasonForm>,
) -> Result<Response> {
    if action == "categories" {
        use crate::domain::VillageCategory;
        let mut chosen = Vec::new();
        for code in &f.category {
            match VillageCategory::parse(code) {
                Some(c) => chosen.push(c),
                None => {
                    let org = reviewable(&state, &auth, id).await?;
                    return categories_page(&state, &auth, &org, &chosen, &f.back, "所选村类别不存在，请从列表中勾选")
                        .await;
                }
            }
        }
        let org =
            accounts::set_categories(&state.db, auth.require(&[Role::Office])?, id, &chosen, state.clock.now()).await?;
        let words: Vec<&str> = VillageCategory::read(org.categories.as_deref()).iter().map(|c| c.label()).collect();
        let message = if words.is_empty() {
            format!("已清除「{}」的村类别。", org.name)
        } else {
            format!("已将「{}」设为：{}。", org.name, words.join("、"))
        };
        let back = if f.back.is_empty() { "/office/organisations?kind=village".to_owned() } else { back_to(&f.back) };
        return Ok(super::flash::redirect(&back, &message));
    }
    let (to, label, _) = target(&action)?;
    match accounts::set_status(&state.db, auth.require(&[Role::Office])?, id, to, &f.reason, state.clock.now()).await {
        Ok(org) => {
            Ok(super::flash::redirect(&back_to(&f.back), &format!("已对「{}」{label}，对方已收到通知。", org.name)))
        }
        Err(AppError::Invalid(errors)) => {
            let org = reviewable(&state, &auth, id).await?;
            let message = errors.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            confirm_page(&state, &auth, &org, &action, &f.reason, &message, &f.back).await
        }
        Err(e) => Err(e),
    }
}
