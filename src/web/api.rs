//! The JSON API under `/api/v1`, for machine clients with a personal API token
//! (`Authorization: Bearer qc_…`). It returns the same views as the pages; errors are
//! `{"error": …, "fields": [{"field": …, "message": …}]}`. The OpenAPI document is generated
//! from these handlers and served at `/api/v1/openapi.json`.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use entity::organisation;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use super::listings::ListingView;
use super::organisations::OrgView;
use super::{ANY_ROLE, Routes};
use crate::app::AppState;
use crate::auth::SessionUser;
use crate::auth::guard::Auth;
use crate::domain::{OrgKind, OrgStatus};
use crate::error::{AppError, Result};
use crate::listings::query::{self, Filter, PER_PAGE, Scope};
use crate::listings::{self, ListingForm, Side, Transition};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/openapi.json", openapi)
        .get_as(ANY_ROLE, "/api/v1/me", me)
        .get_as(ANY_ROLE, "/api/v1/organisations", list_organisations)
        .get_as(ANY_ROLE, "/api/v1/organisations/{id}", get_organisation)
        .get_as(ANY_ROLE, "/api/v1/offers", list_offers)
        .get_as(ANY_ROLE, "/api/v1/needs", list_needs)
        .get_as(ANY_ROLE, "/api/v1/offers/{id}", get_offer)
        .get_as(ANY_ROLE, "/api/v1/needs/{id}", get_need)
        .post_as(&[crate::auth::Role::Enterprise], "/api/v1/offers", create_offer)
        .post_as(&[crate::auth::Role::Village], "/api/v1/needs", create_need)
        .put_as(&[crate::auth::Role::Enterprise], "/api/v1/offers/{id}", update_offer)
        .put_as(&[crate::auth::Role::Village], "/api/v1/needs/{id}", update_need)
        .post_as(&[crate::auth::Role::Enterprise], "/api/v1/offers/{id}/{step}", step_offer)
        .post_as(&[crate::auth::Role::Village], "/api/v1/needs/{id}/{step}", step_need)
        .get_as(ANY_ROLE, "/api/v1/needs/{id}/matches", need_matches)
        .get_as(ANY_ROLE, "/api/v1/offers/{id}/matches", offer_matches)
        .post_as(&[crate::auth::Role::Office], "/api/v1/campaigns", create_campaign)
        .get_as(&[crate::auth::Role::Office, crate::auth::Role::Auditor], "/api/v1/campaigns/{id}", get_campaign)
        .post_as(&[crate::auth::Role::Office], "/api/v1/campaigns/{id}/solve", solve_campaign)
        .post_as(&[crate::auth::Role::Office], "/api/v1/campaigns/{id}/issue", issue_campaign)
}

#[derive(OpenApi)]
#[openapi(
    info(title = "企村 qicun API", version = "1", description = "百企联百村 platform: organisations, offers and needs. Authenticate with a personal API token: `Authorization: Bearer qc_…` (created on /account)."),
    paths(me, list_organisations, get_organisation, list_offers, list_needs, get_offer, get_need, create_offer, create_need, update_offer, update_need, step_offer, step_need, need_matches, offer_matches, create_campaign, get_campaign, solve_campaign, issue_campaign),
    components(schemas(ErrorBody, FieldError, ListingRequest, ListingView, ListingPage, OrgView, OrgPage, SessionUser, crate::matching::Match, crate::matching::score::Components, CampaignRequest, BudgetRequest, crate::campaign::steer::BudgetRow, crate::campaign::steer::CampaignView, crate::campaign::steer::MemberRow, crate::campaign::steer::PairRow, crate::campaign::steer::Issued, crate::campaign::UncoveredVillage)),
    modifiers(&BearerAuth, &CommonResponses),
    security(("bearer" = []))
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Answers any operation may give besides its own, documented on every operation so that
/// every status a client can see is in the document: no or a dead token (401); a role, a
/// read-only token or a password that must change first (403); a row that is not there or not
/// the caller's (404, on operations with a path id); a state that forbids it (409, writes); a
/// body over the limit (413, writes); input that does not parse or check out (422); too many
/// tries (429); a database that cannot take the request now (503).
struct CommonResponses;

impl utoipa::Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let error = |what: &str| {
            ResponseBuilder::new()
                .description(what)
                .content(
                    "application/json",
                    ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build(),
                )
                .build()
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let has_id = path.contains('{');
            for (write, op) in [(false, &mut item.get), (true, &mut item.post), (true, &mut item.put)] {
                let Some(op) = op.as_mut() else { continue };
                let mut add = |code: &str, what: &str| {
                    op.responses.responses.entry(code.to_owned()).or_insert_with(|| error(what).into());
                };
                add("401", "没有或无效的令牌");
                add("403", "角色无权、只读令牌写入，或须先在网页上修改密码、设置两步验证");
                add("422", "输入无法解析或不合规则（fields 逐项说明）");
                add("429", "尝试次数过多，稍后再试（Retry-After）");
                add("503", "数据库暂时无法处理（磁盘满或只读），稍后再试");
                if has_id {
                    add("404", "不存在，或不属于调用者");
                }
                if write {
                    add("409", "当前状态不允许，或与同时进行的修改冲突");
                    add("413", "请求体超过 256 KB");
                }
            }
        }
    }
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// An error answer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong, in Chinese.
    pub error: String,
    /// Problems with particular fields (may be empty).
    pub fields: Vec<FieldError>,
}

/// A problem with one field.
#[derive(Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// A JSON body whose syntax or types are wrong is answered like any other invalid input.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Self(v)),
            Err(JsonRejection::JsonDataError(e)) => {
                let (field, message) = json_data_error(&e.body_text());
                Err(AppError::field(&field, message))
            }
            Err(e) => Err(AppError::field("_body", format!("请求体须为 JSON：{}", e.body_text()))),
        }
    }
}

/// The field a JSON body's wrong value is in and what is wrong, in Chinese, from the decoder's
/// English (an outside probe got "Failed to deserialize … quantity: invalid type: string \"12\",
/// expected i64" under `_body`).
fn json_data_error(text: &str) -> (String, String) {
    let text = text.split_once("target type: ").map_or(text, |(_, t)| t);
    let text = text.split(" at line ").next().unwrap_or(text);
    if let Some(missing) = text.strip_prefix("missing field `").and_then(|t| t.split('`').next()) {
        return (missing.to_owned(), "缺少这个必填字段".to_owned());
    }
    let (field, what) = match text.split_once(": ") {
        Some((f, w)) if !f.is_empty() && f.chars().all(|c| c.is_ascii_alphanumeric() || "_.[]".contains(c)) => {
            (f.to_owned(), w)
        }
        _ => ("_body".to_owned(), text),
    };
    let expected = what.rsplit("expected ").next().unwrap_or("");
    let wanted = match expected.trim() {
        e if e.starts_with('i') || e.starts_with('u') || e.contains("integer") => "整数",
        e if e.starts_with('f') || e.contains("number") => "数字",
        e if e.contains("string") => "文字（加引号）",
        e if e.contains("bool") => "true 或 false",
        e if e.contains("sequence") || e.contains("array") => "列表（方括号）",
        _ => "",
    };
    let message = if what.starts_with("invalid type") && !wanted.is_empty() {
        format!("类型不对：应为{wanted}")
    } else if what.starts_with("unknown variant") || what.starts_with("invalid value") {
        "取值不在允许的范围内".to_owned()
    } else if what.starts_with("unknown field") {
        "没有这个字段".to_owned()
    } else {
        "内容无法读取，请检查 JSON 的写法".to_owned()
    };
    (field, message)
}

/// Who the caller is.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", responses((status = 200, body = SessionUser), (status = 401, body = ErrorBody)))]
async fn me(auth: Auth) -> Result<Json<SessionUser>> {
    Ok(Json(auth.user()?.clone()))
}

/// Query of the organisation list.
#[derive(Deserialize, Default, utoipa::IntoParams)]
#[serde(default)]
struct OrgQuery {
    /// enterprise | village
    kind: String,
    /// 12-digit county code.
    county: String,
    /// Page from 1.
    page: String,
}

/// A page of organisations.
#[derive(Serialize, utoipa::ToSchema)]
struct OrgPage {
    items: Vec<OrgView>,
    total: u64,
    page: u64,
    pages: u64,
}

/// Verified enterprises and village committees (phones masked).
#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations", params(OrgQuery), responses((status = 200, body = OrgPage), (status = 401, body = ErrorBody)))]
async fn list_organisations(State(state): State<AppState>, Query(q): Query<OrgQuery>) -> Result<Json<OrgPage>> {
    let mut query = organisation::Entity::find()
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .filter(organisation::Column::Kind.ne(OrgKind::Office.code()))
        .order_by_asc(organisation::Column::Id);
    if let Some(kind) = OrgKind::parse(q.kind.trim()) {
        query = query.filter(organisation::Column::Kind.eq(kind.code()));
    }
    if q.county.len() == 12 {
        query =
            query.filter(organisation::Column::RegionCode.starts_with(crate::auth::guard::region_prefix(&q.county)));
    }
    let total = query.clone().count(&state.db).await?;
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = q.page.parse::<u64>().unwrap_or(1).clamp(1, pages);
    let mut items = Vec::new();
    for o in query.offset((page - 1) * PER_PAGE).limit(PER_PAGE).all(&state.db).await? {
        items.push(OrgView::build(&state, &o, false).await?);
    }
    Ok(Json(OrgPage { items, total, page, pages }))
}

/// One organisation: public if verified; its own members, covering offices and auditors see it
/// in any status (another's answers 404).
#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "organisations", params(("id" = i32, Path)), responses((status = 200, body = OrgView), (status = 404, body = ErrorBody)))]
async fn get_organisation(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Json<OrgView>> {
    let org = organisation::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let insider = auth.user.as_ref().is_some_and(|u| u.may_read_org(&org));
    let public = org.status == OrgStatus::Verified.code() && org.kind != OrgKind::Office.code();
    if !public && !insider {
        return Err(AppError::NotFound);
    }
    Ok(Json(OrgView::build(&state, &org, insider).await?))
}

/// A page of listings.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ListingPage {
    items: Vec<ListingView>,
    /// How many match, counted up to 1,000; `more` says there are more than that.
    total: u64,
    page: u64,
    pages: u64,
    /// More match than `total`: page on with `after=next_after`.
    more: bool,
    /// The cursor of the next page, when it is reached by keyset (pass it as `after`).
    next_after: Option<String>,
}

async fn list(state: &AppState, side: Side, f: Filter) -> Result<Json<ListingPage>> {
    let today = state.clock.today();
    // Words asked for: searched as the public pages search them, best first (an outside probe
    // found `q` ignored here).
    if !f.q.trim().is_empty() {
        let (items, page) = super::listings::search_page(state, side, &f, today).await?;
        return Ok(Json(ListingPage {
            items,
            total: page.total,
            page: page.page,
            pages: page.pages,
            more: false,
            next_after: None,
        }));
    }
    let page = query::page(&state.db, side, &Scope::Public, &f, today).await?;
    let items = ListingView::build_all(&state.db, page.items, today).await?;
    Ok(Json(ListingPage {
        items,
        total: page.total,
        page: page.page,
        pages: page.pages,
        more: page.capped,
        next_after: page.next_after,
    }))
}

/// Published, live offers (filters as on the pages).
#[utoipa::path(get, path = "/api/v1/offers", tag = "offers", params(Filter), responses((status = 200, body = ListingPage), (status = 401, body = ErrorBody)))]
async fn list_offers(State(state): State<AppState>, Query(f): Query<Filter>) -> Result<Json<ListingPage>> {
    list(&state, Side::Offer, f).await
}

/// Published, live needs (filters as on the pages).
#[utoipa::path(get, path = "/api/v1/needs", tag = "needs", params(Filter), responses((status = 200, body = ListingPage), (status = 401, body = ErrorBody)))]
async fn list_needs(State(state): State<AppState>, Query(f): Query<Filter>) -> Result<Json<ListingPage>> {
    list(&state, Side::Need, f).await
}

/// The listing with its version as an `ETag`: a client that sends it back as `If-Match` with a
/// replacement has it refused (409) if the listing was saved since.
async fn get_one(state: &AppState, auth: &Auth, side: Side, id: i32) -> Result<Response> {
    let today = state.clock.today();
    let l = listings::find(&state.db, side, id).await?.ok_or(AppError::NotFound)?;
    if !listings::visible(&state.db, auth.user.as_ref(), &l, today).await? {
        return Err(AppError::NotFound);
    }
    let etag = format!("\"{}\"", l.version());
    let mut views = ListingView::build_all(&state.db, vec![l], today).await?;
    let view = views.pop().ok_or(AppError::NotFound)?;
    Ok(([(axum::http::header::ETAG, etag)], Json(view)).into_response())
}

/// The version an `If-Match` header names (quotes and a weak mark taken off), if any.
fn if_match(headers: &axum::http::HeaderMap) -> Option<String> {
    let v = headers.get(axum::http::header::IF_MATCH)?.to_str().ok()?.trim();
    (v != "*").then(|| v.trim_start_matches("W/").trim_matches('"').to_owned())
}

/// One offer (drafts only to their owner).
#[utoipa::path(get, path = "/api/v1/offers/{id}", tag = "offers", params(("id" = i32, Path)), responses((status = 200, body = ListingView), (status = 404, body = ErrorBody)))]
async fn get_offer(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    get_one(&state, &auth, Side::Offer, id).await
}

/// One need (drafts only to their owner).
#[utoipa::path(get, path = "/api/v1/needs/{id}", tag = "needs", params(("id" = i32, Path)), responses((status = 200, body = ListingView), (status = 404, body = ErrorBody)))]
async fn get_need(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    get_one(&state, &auth, Side::Need, id).await
}

/// An offer or need to create or replace.
#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct ListingRequest {
    /// employment | procurement | industry | donation | training | technical | infrastructure
    pub kind: String,
    pub title: String,
    pub body: String,
    /// Amount in 分 (fen).
    pub amount_fen: Option<i64>,
    pub quantity: Option<i64>,
    pub unit: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    /// Needs: 1–3.
    pub urgency: Option<i16>,
    /// Offers: region codes served.
    pub regions: Vec<String>,
    /// Create published at once (the organisation must be verified).
    pub publish: bool,
}

impl ListingRequest {
    fn form(&self) -> Result<ListingForm> {
        let amount_yuan = match self.amount_fen {
            None | Some(0) => String::new(),
            Some(f) if f < 0 => return Err(AppError::field("amount_fen", "金额不能为负数")),
            Some(f) => format!("{}.{:02}", f / 100, f % 100),
        };
        Ok(ListingForm {
            kind: self.kind.clone(),
            title: self.title.clone(),
            body: self.body.clone(),
            amount_yuan,
            quantity: self.quantity.map(|q| q.to_string()).unwrap_or_default(),
            unit: self.unit.clone().unwrap_or_default(),
            valid_from: self.valid_from.map(|d| d.to_string()).unwrap_or_default(),
            valid_until: self.valid_until.map(|d| d.to_string()).unwrap_or_default(),
            urgency: self.urgency.map(|u| u.to_string()).unwrap_or_default(),
            regions: self.regions.clone(),
            then: String::new(),
            version: String::new(),
            submission: String::new(),
        })
    }
}

/// Renames the form's field names to the API's.
fn api_fields(e: AppError) -> AppError {
    match e {
        AppError::Invalid(fields) => AppError::Invalid(
            fields.into_iter().map(|(f, m)| (if f == "amount_yuan" { "amount_fen".into() } else { f }, m)).collect(),
        ),
        other => other,
    }
}

async fn create(state: &AppState, auth: &Auth, side: Side, req: ListingRequest) -> Result<Response> {
    let user = auth.user()?;
    let today = state.clock.today();
    let input = req.form()?.parse(&state.db, side, today).await.map_err(api_fields)?;
    let created = listings::create(&state.db, user, side, &input, req.publish, "", state.clock.now(), today).await?;
    let mut views = ListingView::build_all(&state.db, vec![created], today).await?;
    let view = views.pop().ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// Create an offer (draft unless `publish`).
#[utoipa::path(post, path = "/api/v1/offers", tag = "offers", request_body = ListingRequest, responses((status = 201, body = ListingView), (status = 422, body = ErrorBody), (status = 409, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn create_offer(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(req): ApiJson<ListingRequest>,
) -> Result<Response> {
    create(&state, &auth, Side::Offer, req).await
}

/// Create a need (draft unless `publish`).
#[utoipa::path(post, path = "/api/v1/needs", tag = "needs", request_body = ListingRequest, responses((status = 201, body = ListingView), (status = 422, body = ErrorBody), (status = 409, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn create_need(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(req): ApiJson<ListingRequest>,
) -> Result<Response> {
    create(&state, &auth, Side::Need, req).await
}

async fn update(
    state: &AppState,
    auth: &Auth,
    (side, id): (Side, i32),
    opened: Option<String>,
    req: ListingRequest,
) -> Result<Json<ListingView>> {
    let user = auth.user()?;
    let today = state.clock.today();
    listings::owned(&state.db, user, side, id).await?;
    let input = req.form()?.parse(&state.db, side, today).await.map_err(api_fields)?;
    let updated = listings::update(&state.db, user, side, id, &input, opened.as_deref(), state.clock.now()).await?;
    let mut views = ListingView::build_all(&state.db, vec![updated], today).await?;
    views.pop().map(Json).ok_or(AppError::NotFound)
}

/// Replace one of the caller's offers.
#[utoipa::path(put, path = "/api/v1/offers/{id}", tag = "offers", params(("id" = i32, Path)), request_body = ListingRequest, responses((status = 200, body = ListingView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_offer(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    headers: axum::http::HeaderMap,
    ApiJson(req): ApiJson<ListingRequest>,
) -> Result<Json<ListingView>> {
    update(&state, &auth, (Side::Offer, id), if_match(&headers), req).await
}

/// Replace one of the caller's needs.
#[utoipa::path(put, path = "/api/v1/needs/{id}", tag = "needs", params(("id" = i32, Path)), request_body = ListingRequest, responses((status = 200, body = ListingView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_need(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    headers: axum::http::HeaderMap,
    ApiJson(req): ApiJson<ListingRequest>,
) -> Result<Json<ListingView>> {
    update(&state, &auth, (Side::Need, id), if_match(&headers), req).await
}

async fn step(state: &AppState, auth: &Auth, side: Side, id: i32, step: &str) -> Result<Json<ListingView>> {
    let step = Transition::parse(step).ok_or(AppError::NotFound)?;
    let today = state.clock.today();
    let after = listings::transition(&state.db, auth.user()?, side, id, step, state.clock.now(), today).await?;
    let mut views = ListingView::build_all(&state.db, vec![after], today).await?;
    views.pop().map(Json).ok_or(AppError::NotFound)
}

/// Publish, close or withdraw one of the caller's offers.
#[utoipa::path(post, path = "/api/v1/offers/{id}/{step}", tag = "offers", params(("id" = i32, Path), ("step" = String, Path, description = "publish | close | withdraw")), responses((status = 200, body = ListingView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn step_offer(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, s)): Path<(i32, String)>,
) -> Result<Json<ListingView>> {
    step(&state, &auth, Side::Offer, id, &s).await
}

/// Publish, close or withdraw one of the caller's needs.
#[utoipa::path(post, path = "/api/v1/needs/{id}/{step}", tag = "needs", params(("id" = i32, Path), ("step" = String, Path, description = "publish | close | withdraw")), responses((status = 200, body = ListingView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn step_need(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, s)): Path<(i32, String)>,
) -> Result<Json<ListingView>> {
    step(&state, &auth, Side::Need, id, &s).await
}

/// Query of a match list.
#[derive(Deserialize, Default, utoipa::IntoParams)]
#[serde(default)]
struct MatchQuery {
    /// How many results (1–50, default 10).
    #[param(minimum = 1, maximum = 50)]
    limit: Option<i64>,
    /// Evaluate as on this date (YYYY-MM-DD), default today.
    as_of: Option<NaiveDate>,
}

async fn matches(
    state: &AppState,
    auth: &Auth,
    side: Side,
    id: i32,
    q: MatchQuery,
) -> Result<Json<Vec<crate::matching::Match>>> {
    let user = auth.user()?;
    // The listing's organisation is read with it: for the office's jurisdiction and the score.
    // Kept until the next change (the same need is asked for again and again).
    // Not kept when the version cannot be read (the database is asked as before).
    let key = format!("listing:{}:{id}", side.table());
    let version = state.pages.version(&state.db, state.search.applied(), state.clock.today()).await.ok();
    let kept =
        match version.and_then(|v| state.listings.get::<(listings::Listing, entity::organisation::Model)>(&key, v)) {
            Some(kept) => kept,
            None => {
                let read = listings::find_with_org(&state.db, side, id).await?.ok_or(AppError::NotFound)?;
                match version {
                    Some(v) => state.listings.put(&key, v, read),
                    None => std::sync::Arc::new(read),
                }
            }
        };
    let (l, org) = (&kept.0, &kept.1);
    if !listings::may_read_all_of(Some(user), l, org) {
        return Err(AppError::NotFound);
    }
    state.search.nudge(&state.db).await;
    let as_of = q.as_of.unwrap_or_else(|| state.clock.today());
    let limit = match q.limit.unwrap_or(10) {
        n @ 1..=50 => n as usize,
        _ => return Err(AppError::field("limit", "limit 须为 1–50")),
    };
    let w = crate::matching::score::Weights::default();
    Ok(Json(
        crate::matching::for_loaded_of(
            &state.db,
            &state.search,
            l,
            org,
            as_of,
            limit,
            &w,
            version.map(|v| (&*state.shown, v)),
        )
        .await?,
    ))
}

/// Offers recommended for one of the caller's needs (or one an office covers), with the score's
/// components and the reason.
#[utoipa::path(get, path = "/api/v1/needs/{id}/matches", tag = "matching", params(("id" = i32, Path), MatchQuery), responses((status = 200, body = [crate::matching::Match]), (status = 404, body = ErrorBody)))]
async fn need_matches(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    Query(q): Query<MatchQuery>,
) -> Result<Json<Vec<crate::matching::Match>>> {
    matches(&state, &auth, Side::Need, id, q).await
}

/// Villages' needs recommended for one of the caller's offers (or one an office covers).
#[utoipa::path(get, path = "/api/v1/offers/{id}/matches", tag = "matching", params(("id" = i32, Path), MatchQuery), responses((status = 200, body = [crate::matching::Match]), (status = 404, body = ErrorBody)))]
async fn offer_matches(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    Query(q): Query<MatchQuery>,
) -> Result<Json<Vec<crate::matching::Match>>> {
    matches(&state, &auth, Side::Offer, id, q).await
}

/// A campaign to draft: villages and enterprises by ref or id, in the caller's jurisdiction.
#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct CampaignRequest {
    pub name: String,
    /// Village refs (or ids).
    pub villages: Vec<String>,
    /// Enterprise refs (or ids).
    pub enterprises: Vec<String>,
    /// Evaluation date (today when absent).
    pub as_of: Option<NaiveDate>,
    /// Villages each enterprise takes (1 when absent; 1 when one_to_one).
    pub capacity: Option<u32>,
    pub one_to_one: bool,
    /// Enterprises a village may be paired with (多企一村 above 1; 1 when absent).
    pub per_village: Option<u32>,
    /// No pair farther apart than this many km (where both places are known).
    pub max_km: Option<u32>,
    /// What enterprises can spend on a kind of help, where known.
    #[serde(default)]
    pub budgets: Vec<BudgetRequest>,
}

/// What an enterprise of the campaign can spend on one kind of help.
#[derive(Deserialize, Serialize, Default, utoipa::ToSchema)]
pub struct BudgetRequest {
    /// The enterprise's ref (or id), one of the campaign's enterprises.
    pub enterprise: String,
    /// employment, procurement, industry, donation, training, technical or infrastructure.
    pub kind: String,
    /// In 分.
    pub amount_fen: i64,
}

async fn campaign_view(
    state: &AppState,
    user: &SessionUser,
    id: i32,
) -> Result<Json<crate::campaign::steer::CampaignView>> {
    let (c, office) = crate::campaign::steer::readable(&state.db, user, id).await?;
    Ok(Json(crate::campaign::steer::load(&state.db, &c, &office).await?))
}

/// Draft a campaign (offices): every village must lie in the caller's jurisdiction.
#[utoipa::path(post, path = "/api/v1/campaigns", tag = "campaigns", request_body = CampaignRequest, responses((status = 201, body = crate::campaign::steer::CampaignView), (status = 422, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn create_campaign(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(req): ApiJson<CampaignRequest>,
) -> Result<Response> {
    let user = auth.user()?;
    let office = user.organisation_id.ok_or(AppError::Forbidden)?;
    let mut budgets = Vec::new();
    for b in req.budgets {
        let Some(kind) = crate::domain::ListingKind::parse(&b.kind) else {
            return Err(AppError::field("budgets", format!("没有「{}」这种帮扶类型", b.kind)));
        };
        budgets.push(crate::campaign::DraftBudget { enterprise: b.enterprise, kind, amount_fen: b.amount_fen });
    }
    let draft = crate::campaign::Draft {
        name: req.name,
        villages: req.villages,
        enterprises: req.enterprises,
        as_of: req.as_of.unwrap_or_else(|| state.clock.today()),
        capacity: if req.one_to_one { 1 } else { req.capacity.unwrap_or(1) },
        one_to_one: req.one_to_one,
        per_village: req.per_village.unwrap_or(1),
        max_km: req.max_km,
        office: Some(office),
        budgets,
    };
    let actor = crate::audit::Actor::user(user.id, &user.login);
    let c = crate::campaign::create(&state.db, &draft, &actor, state.clock.now()).await?;
    Ok((StatusCode::CREATED, campaign_view(&state, user, c.id).await?).into_response())
}

/// A campaign with its proposal (offices of its jurisdiction, auditors).
#[utoipa::path(get, path = "/api/v1/campaigns/{id}", tag = "campaigns", params(("id" = i32, Path)), responses((status = 200, body = crate::campaign::steer::CampaignView), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn get_campaign(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
) -> Result<Json<crate::campaign::steer::CampaignView>> {
    campaign_view(&state, auth.user()?, id).await
}

/// Score every village–enterprise pair, solve, and keep the proposal (the office's locked and
/// excluded pairs kept).
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/solve", tag = "campaigns", params(("id" = i32, Path)), responses((status = 200, body = crate::campaign::steer::CampaignView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn solve_campaign(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
) -> Result<Json<crate::campaign::steer::CampaignView>> {
    let user = auth.user()?;
    crate::campaign::steer::steerable(&state.db, user, id).await?;
    let actor = crate::audit::Actor::user(user.id, &user.login);
    crate::campaign::solve_campaign(&state.db, &state.search, id, &actor, state.clock.now()).await?;
    campaign_view(&state, user, id).await
}

/// Issue the proposal as pairings (source campaign) for both sides to accept.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/issue", tag = "campaigns", params(("id" = i32, Path)), responses((status = 200, body = crate::campaign::steer::Issued), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn issue_campaign(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
) -> Result<Json<crate::campaign::steer::Issued>> {
    let user = auth.user()?;
    crate::campaign::steer::steerable(&state.db, user, id).await?;
    Ok(Json(crate::campaign::steer::issue(&state.db, user, id, state.clock.now()).await?))
}

#[cfg(test)]
mod json_errors {
    #[test]
    fn a_wrong_value_is_named_by_its_field_in_chinese() {
        let said = super::json_data_error(
            "Failed to deserialize the JSON body into the target type: quantity: invalid type: string \"12\", expected i64 at line 1 column 16",
        );
        assert_eq!(said, ("quantity".to_owned(), "类型不对：应为整数".to_owned()));
        let said = super::json_data_error(
            "Failed to deserialize the JSON body into the target type: missing field `title` at line 1 column 2",
        );
        assert_eq!(said, ("title".to_owned(), "缺少这个必填字段".to_owned()));
        let said = super::json_data_error(
            "Failed to deserialize the JSON body into the target type: regions: invalid type: string \"x\", expected a sequence at line 1 column 9",
        );
        assert_eq!(said.0, "regions");
        assert!(said.1.contains("列表"));
    }
}
