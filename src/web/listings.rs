//! Pages for offers and needs: public lists and details, the owner's forms and lists, the
//! lifecycle steps behind a confirmation page, and the office's view of its jurisdiction.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use entity::{organisation, region};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::extract::{CsrfForm, NoFields};
use super::render::{field_errors, for_visitors};
use super::{Routes, org_name};
use crate::app::AppState;
use crate::auth::guard::Auth;
use crate::auth::{Role, SessionUser};
use crate::domain::{ListingKind, ListingStatus};
use crate::error::{AppError, Result};
use crate::listings::query::{self, Filter, Scope};
use crate::listings::{self, FIELDS, Listing, ListingForm, Side, Transition};
use crate::matching::{self, score::Weights};
use crate::search::SearchQuery;

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get("/offers", list_offers)
        .get("/needs", list_needs)
        .get_as(&[Role::Enterprise], "/offers/new", new_offer)
        .get_as(&[Role::Village], "/needs/new", new_need)
        .post_as(&[Role::Enterprise], "/offers", create_offer)
        .post_as(&[Role::Village], "/needs", create_need)
        .get("/offers/{id}", show_offer)
        .get("/needs/{id}", show_need)
        .get_as(&[Role::Enterprise], "/offers/{id}/edit", edit_offer)
        .get_as(&[Role::Village], "/needs/{id}/edit", edit_need)
        .post_as(&[Role::Enterprise], "/offers/{id}", update_offer)
        .post_as(&[Role::Village], "/needs/{id}", update_need)
        .get_as(&[Role::Enterprise], "/offers/{id}/confirm/{step}", confirm_offer)
        .get_as(&[Role::Village], "/needs/{id}/confirm/{step}", confirm_need)
        .post_as(&[Role::Enterprise], "/offers/{id}/{step}", step_offer)
        .post_as(&[Role::Village], "/needs/{id}/{step}", step_need)
        .get_as(&[Role::Enterprise], "/my/offers", my_offers)
        .get_as(&[Role::Village], "/my/needs", my_needs)
        .get_as(&[Role::Office, Role::Auditor], "/office/listings", office_listings)
        .get_as(&[Role::Enterprise, Role::Office], "/offers/{id}/propose", confirm_propose_offer)
        .get_as(&[Role::Village, Role::Office], "/needs/{id}/propose", confirm_propose_need)
        .post_as(&[Role::Enterprise, Role::Office], "/offers/{id}/propose", propose_from_offer)
        .post_as(&[Role::Village, Role::Office], "/needs/{id}/propose", propose_from_need)
        .post_as(&[Role::Enterprise], "/needs/{id}/help", help_need)
        .post_as(&[Role::Village], "/offers/{id}/apply", apply_offer)
}

/// `2026年11月27日`
pub fn cn_date(d: NaiveDate) -> String {
    d.format("%Y年%m月%d日").to_string()
}

/// Names of regions by code.
pub async fn region_names<C: ConnectionTrait>(db: &C, codes: Vec<String>) -> Result<HashMap<String, String>, DbErr> {
    Ok(region::Entity::find()
        .filter(region::Column::Code.is_in(codes))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect())
}

fn county_of(code: &str) -> String {
    format!("{:0<12}", &code[..6.min(code.len())])
}

/// A listing as pages and the API show it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ListingView {
    pub id: i32,
    pub side: Side,
    pub path: String,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub body: String,
    pub amount_fen: i64,
    pub quantity: Option<i64>,
    pub unit: String,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub valid_from_cn: String,
    pub valid_until_cn: String,
    pub status: String,
    pub status_label: String,
    pub organisation_id: i32,
    pub organisation: String,
    /// County of the enterprise (offers) or village (needs).
    pub county: String,
    /// Needs: 1–3.
    pub urgency: Option<i16>,
    pub urgency_label: String,
    /// Offers: region codes served.
    pub regions: Vec<String>,
    pub regions_label: String,
    #[serde(rename = "ref")]
    pub external_ref: Option<String>,
    /// Search results: the title with the matched words in `<b>` (HTML, escaped).
    pub title_html: String,
    /// Search results: a fragment of the details with the matched words in `<b>`.
    pub snippet_html: String,
}

impl ListingView {
    /// Views for a batch of listings (one query for names).
    pub async fn build_all<C: ConnectionTrait>(
        db: &C,
        items: Vec<Listing>,
        today: NaiveDate,
    ) -> Result<Vec<Self>, DbErr> {
        let orgs = query::org_names(db, items.iter().map(|l| l.organisation_id).collect()).await?;
        let mut codes: Vec<String> = orgs.values().map(|(_, r)| county_of(r)).collect();
        codes.extend(items.iter().flat_map(|l| l.regions.clone()));
        let names = region_names(db, codes).await?;
        Ok(items
            .into_iter()
            .map(|l| {
                let (org, org_region) = orgs.get(&l.organisation_id).cloned().unwrap_or_default();
                let status = l.effective_status(today);
                let regions_label = l
                    .regions
                    .iter()
                    .map(|c| names.get(c).cloned().unwrap_or_else(|| c.clone()))
                    .collect::<Vec<_>>()
                    .join("、");
                Self {
                    id: l.id,
                    side: l.side,
                    path: format!("/{}/{}", l.side.plural(), l.id),
                    kind: l.kind.code().into(),
                    kind_label: l.kind.label().into(),
                    title: l.title,
                    body: l.body,
                    amount_fen: l.amount_fen,
                    quantity: l.quantity,
                    unit: l.unit.unwrap_or_default(),
                    valid_from: l.valid_from,
                    valid_until: l.valid_until,
                    valid_from_cn: cn_date(l.valid_from),
                    valid_until_cn: l.valid_until.map(cn_date).unwrap_or_else(|| "长期有效".into()),
                    status: status.code().into(),
                    status_label: status.label().into(),
                    organisation_id: l.organisation_id,
                    organisation: org,
                    county: names.get(&county_of(&org_region)).cloned().unwrap_or_default(),
                    urgency: l.urgency,
                    urgency_label: match l.urgency {
                        Some(3) => "紧急".into(),
                        Some(2) => "较急".into(),
                        Some(_) => "一般".into(),
                        None => String::new(),
                    },
                    regions: l.regions,
                    regions_label,
                    external_ref: l.external_ref,
                    title_html: String::new(),
                    snippet_html: String::new(),
                }
            })
            .collect())
    }
}

#[derive(Serialize)]
struct Choice {
    code: String,
    name: String,
    selected: bool,
}

fn kind_choices(selected: &str) -> Vec<Choice> {
    ListingKind::ALL
        .iter()
        .map(|k| Choice { code: k.code().into(), name: k.label().into(), selected: k.code() == selected })
        .collect()
}

/// Counties (and their cities) where villages are registered: where offers can serve.
async fn service_areas(state: &AppState, selected: &[String]) -> Result<Vec<Choice>> {
    let prefixes: std::collections::BTreeSet<String> = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq("village"))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|o| o.region_code[..4].to_owned())
        .collect();
    let mut out = Vec::new();
    for p in prefixes {
        let rows = region::Entity::find()
            .filter(region::Column::Code.starts_with(&p))
            .filter(region::Column::Level.is_in([2, 3]))
            .order_by_asc(region::Column::Code)
            .all(&state.db)
            .await?;
        for r in rows {
            let name = if r.level == 2 { format!("{}全市", r.name) } else { r.name };
            out.push(Choice { selected: selected.contains(&r.code), code: r.code, name });
        }
    }
    Ok(out)
}

/// The deployment's counties (those with villages in the imported region codes), by code.
async fn county_choices(state: &AppState, selected: &str) -> Result<Vec<Choice>> {
    Ok(super::organisations::deployment_counties(state)
        .await?
        .into_iter()
        .map(|(code, name)| Choice { selected: code == selected, code, name })
        .collect())
}

#[derive(Serialize)]
struct ListView {
    /// The message key of the page's heading (the title in the visitor's language).
    heading: &'static str,
    side: Side,
    plural: &'static str,
    side_label: &'static str,
    items: Vec<ListingView>,
    total: u64,
    page: u64,
    pages: u64,
    prev_link: String,
    next_link: String,
    first_link: String,
    count_label: String,
    kinds: Vec<Choice>,
    counties: Vec<Choice>,
    valid_now: bool,
    q: String,
    searchable: bool,
    status: String,
    action: String,
    mine: bool,
    office: bool,
    can_post: bool,
    empty_hint: String,
}

fn link(action: &str, f: &Filter, page: u64) -> String {
    cursor_link(action, f, page, "")
}

fn cursor_link(action: &str, f: &Filter, page: u64, after: &str) -> String {
    let page = if after.is_empty() { page.to_string() } else { String::new() };
    let q = serde_urlencoded::to_string([
        ("kind", f.kind.as_str()),
        ("county", f.county.as_str()),
        ("valid_now", f.valid_now.as_str()),
        ("status", f.status.as_str()),
        ("page", page.as_str()),
        ("q", f.q.as_str()),
        ("after", after),
    ])
    .unwrap_or_default();
    // The office's list keeps its side in its address (/office/listings?side=need).
    let joiner = if action.contains('?') { '&' } else { '?' };
    format!("{action}{joiner}{q}")
}

/// The public list for a search: ranked by the index, re-checked by the database, one page.
pub(crate) async fn search_page(
    state: &AppState,
    side: Side,
    f: &Filter,
    today: NaiveDate,
) -> Result<(Vec<ListingView>, query::Page)> {
    if !state.search.has_words(&f.q) {
        // Only function words (的, 我们 …): nothing to search by.
        let none = query::Page {
            items: Vec::new(),
            total: 0,
            page: 1,
            pages: 1,
            capped: false,
            next_after: None,
            by_cursor: false,
        };
        return Ok((Vec::new(), none));
    }
    state.search.nudge(&state.db).await;
    let county = f.county.trim();
    let regions = match (county.len() == 12, side) {
        (false, _) => Vec::new(),
        (true, Side::Offer) => query::covering_codes(county),
        (true, Side::Need) => vec![county.to_owned()],
    };
    let q = SearchQuery {
        text: f.q.clone(),
        kinds: ListingKind::parse(f.kind.trim()).into_iter().collect(),
        regions,
        live_on: Some(today),
        started_by: (f.valid_now == "1").then_some(today),
        limit: 500,
        // Snippets are made below for the page shown only.
        highlight: false,
        facts: false,
        matching: false,
    };
    let hits = state.search.search(side, &q)?;
    let ids: Vec<i32> = hits.iter().map(|h| h.id).collect();
    let mut live: HashMap<i32, Listing> =
        query::live_by_ids(&state.db, side, &ids, today).await?.into_iter().map(|l| (l.id, l)).collect();
    let ranked: Vec<(crate::search::Hit, Listing)> =
        hits.into_iter().filter_map(|h| live.remove(&h.id).map(|l| (h, l))).collect();
    let total = ranked.len() as u64;
    let pages = total.div_ceil(query::PER_PAGE).max(1);
    let page = f.page_no().clamp(1, pages);
    let start = ((page - 1) * query::PER_PAGE) as usize;
    let chosen: Vec<_> = ranked.into_iter().skip(start).take(query::PER_PAGE as usize).collect();
    let listings: Vec<Listing> = chosen.into_iter().map(|(_, l)| l).collect();
    let texts: Vec<(&str, &str)> = listings.iter().map(|l| (l.title.as_str(), l.body.as_str())).collect();
    let marked = state.search.highlight(&f.q, &texts)?;
    let mut views = ListingView::build_all(&state.db, listings, today).await?;
    for (v, (title_html, snippet_html)) in views.iter_mut().zip(marked) {
        v.title_html = title_html;
        v.snippet_html = snippet_html;
    }
    Ok((
        views,
        query::Page { items: Vec::new(), total, page, pages, capped: false, next_after: None, by_cursor: false },
    ))
}

async fn list_page(
    state: &AppState,
    auth: &Auth,
    side: Side,
    scope: Scope,
    f: Filter,
    action: &str,
    title: &str,
) -> Result<Response> {
    let today = state.clock.today();
    // The public lists are the same for every visitor until something changes: kept in the
    // cache under their filter and the data's version (any change, index step or new day
    // computes them again).
    let compute = async {
        if scope == Scope::Public && !f.q.trim().is_empty() {
            search_page(state, side, &f, today).await
        } else {
            let mut page = query::page(&state.db, side, &scope, &f, today).await?;
            let items = ListingView::build_all(&state.db, std::mem::take(&mut page.items), today).await?;
            Ok((items, page))
        }
    };
    let (items, page) = if scope == Scope::Public {
        let version = state.pages.version(&state.db, state.search.applied(), today).await?;
        let key = format!("{}?{}", side.plural(), cursor_link("", &f, f.page_no(), &f.after));
        let kept = state.cache.kept(&key, version, compute).await?;
        (kept.0.clone(), kept.1.summary())
    } else {
        compute.await?
    };
    let count_label = if page.by_cursor {
        "更早发布的信息".to_owned()
    } else if page.capped {
        format!("超过 {} 条，第 {} 页；可按类型、地区筛选或输入关键词缩小范围", query::COUNT_CAP, page.page)
    } else if page.pages > 1 {
        format!("共 {} 条，第 {} / {} 页", page.total, page.page, page.pages)
    } else {
        format!("共 {} 条", page.total)
    };
    let next_link = match &page.next_after {
        Some(after) => cursor_link(action, &f, 0, after),
        None if !page.by_cursor && page.page < page.pages => link(action, &f, page.page + 1),
        None => String::new(),
    };
    let mine = matches!(scope, Scope::Owner(_));
    let heading = match (&scope, side) {
        (Scope::Public, Side::Offer) => "listings-offers",
        (Scope::Public, Side::Need) => "listings-needs",
        (Scope::Owner(_), Side::Offer) => "listings-my-offers",
        (Scope::Owner(_), Side::Need) => "listings-my-needs",
        (_, Side::Offer) => "listings-area-offers",
        (_, Side::Need) => "listings-area-needs",
    };
    let view = ListView {
        heading,
        side,
        plural: side.plural(),
        side_label: side.label(),
        total: page.total,
        page: page.page,
        pages: page.pages,
        prev_link: if page.page > 1 { link(action, &f, page.page - 1) } else { String::new() },
        first_link: if page.by_cursor { link(action, &f, 1) } else { String::new() },
        next_link,
        count_label,
        kinds: kind_choices(&f.kind),
        counties: county_choices(state, &f.county).await?,
        valid_now: f.valid_now == "1",
        q: f.q.clone(),
        searchable: scope == Scope::Public,
        status: f.status.clone(),
        action: action.to_owned(),
        mine,
        office: matches!(scope, Scope::Office(_) | Scope::All),
        can_post: auth.user.as_ref().is_some_and(|u| u.role == side.owner_role()),
        empty_hint: match (side, mine) {
            _ if !mine && !f.q.trim().is_empty() => format!(
                "没有找到与「{}」相关的{}。试试换个说法（如“大米”“务工”“修路”）、少写几个字，或清除关键词后按类型、地区浏览。",
                f.q.trim().chars().take(40).collect::<String>(),
                side.label()
            ),
            (Side::Offer, true) => "您还没有发布帮扶资源。点击“发布帮扶资源”填写岗位、采购、捐赠等信息。".into(),
            (Side::Need, true) => "您还没有发布需求。点击“发布需求”说明村里需要的帮助。".into(),
            (Side::Offer, false) => "没有符合条件的帮扶资源。可以换一个类型或地区再试。".into(),
            (Side::Need, false) => "没有符合条件的村级需求。可以换一个类型或地区再试。".into(),
        },
        items,
    };
    Ok(state.templates.page(auth, "listings/list", title, &view)?.into_response())
}

async fn list_offers(State(state): State<AppState>, auth: Auth, Query(f): Query<Filter>) -> Result<Response> {
    let key = format!("page:/offers?{}", cursor_link("", &f, f.page_no(), &f.after));
    for_visitors(&state, &auth, &key, list_page(&state, &auth, Side::Offer, Scope::Public, f, "/offers", "帮扶资源"))
        .await
}

async fn list_needs(State(state): State<AppState>, auth: Auth, Query(f): Query<Filter>) -> Result<Response> {
    let key = format!("page:/needs?{}", cursor_link("", &f, f.page_no(), &f.after));
    for_visitors(&state, &auth, &key, list_page(&state, &auth, Side::Need, Scope::Public, f, "/needs", "村级需求"))
        .await
}

async fn my_list(state: &AppState, auth: &Auth, side: Side, f: Filter) -> Result<Response> {
    let org = listings::owner_org(auth.user()?, side)?;
    let (action, title) = match side {
        Side::Offer => ("/my/offers", "我的帮扶资源"),
        Side::Need => ("/my/needs", "我的需求"),
    };
    list_page(state, auth, side, Scope::Owner(org), f, action, title).await
}

async fn my_offers(State(state): State<AppState>, auth: Auth, Query(f): Query<Filter>) -> Result<Response> {
    my_list(&state, &auth, Side::Offer, f).await
}

async fn my_needs(State(state): State<AppState>, auth: Auth, Query(f): Query<Filter>) -> Result<Response> {
    my_list(&state, &auth, Side::Need, f).await
}

#[derive(Deserialize, Default)]
struct OfficeQuery {
    #[serde(default)]
    side: String,
    #[serde(flatten)]
    filter: Filter,
}

async fn office_listings(State(state): State<AppState>, auth: Auth, Query(q): Query<OfficeQuery>) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let scope = match &user.jurisdiction {
        Some(j) if user.role == Role::Office => Scope::Office(j.clone()),
        _ => Scope::All,
    };
    let side = if q.side == "need" { Side::Need } else { Side::Offer };
    let action = if side == Side::Need { "/office/listings?side=need&" } else { "/office/listings?side=offer&" };
    let title = if side == Side::Need { "辖区村级需求" } else { "辖区帮扶资源" };
    list_page(&state, &auth, side, scope, q.filter, action.trim_end_matches(['?', '&']), title).await
}

#[derive(Serialize)]
struct MatchView {
    id: i32,
    path: String,
    title: String,
    /// The kind of help, in words (shown for other kinds).
    kind: &'static str,
    organisation: String,
    score_pct: String,
    reason: String,
    /// An open pairing between the two listings already (0 when none), and its state in words.
    pairing_id: i32,
    pairing_status: &'static str,
}

impl From<matching::Match> for MatchView {
    /// A match as its card shows it (no pairing yet: see [`open_pairings_with`]).
    fn from(m: matching::Match) -> Self {
        Self {
            path: format!("/{}/{}", m.side.plural(), m.id),
            id: m.id,
            title: m.title,
            kind: ListingKind::parse(&m.kind).map_or("", ListingKind::label),
            organisation: m.organisation,
            score_pct: format!("{:.0}", m.score * 100.0),
            reason: m.reason,
            pairing_id: 0,
            pairing_status: "",
        }
    }
}

/// Open pairings between listing `(side, id)` and the matched listings, by the matched id.
async fn open_pairings_with(
    db: &sea_orm::DatabaseConnection,
    side: Side,
    id: i32,
    others: &[i32],
) -> Result<std::collections::HashMap<i32, (i32, &'static str)>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    if others.is_empty() {
        return Ok(Default::default());
    }
    let closed = [
        crate::domain::PairingStatus::Declined.code(),
        crate::domain::PairingStatus::Withdrawn.code(),
        crate::domain::PairingStatus::Rejected.code(),
        crate::domain::PairingStatus::Lapsed.code(),
    ];
    let (mine, theirs) = match side {
        Side::Need => (entity::pairing::Column::NeedId, entity::pairing::Column::OfferId),
        Side::Offer => (entity::pairing::Column::OfferId, entity::pairing::Column::NeedId),
    };
    let rows = entity::pairing::Entity::find()
        .filter(mine.eq(id))
        .filter(theirs.is_in(others.to_vec()))
        .filter(entity::pairing::Column::Status.is_not_in(closed))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|p| {
            let other = match side {
                Side::Need => p.offer_id,
                Side::Offer => p.need_id,
            }?;
            let label = crate::domain::PairingStatus::parse(&p.status).map_or("", crate::domain::PairingStatus::label);
            Some((other, (p.id, label)))
        })
        .collect())
}

#[derive(Serialize)]
struct ShowView {
    item: ListingView,
    owner: bool,
    steps: Vec<(&'static str, &'static str)>,
    can_edit: bool,
    verified: bool,
    matches: Vec<MatchView>,
    /// Matches of other kinds that may complement (其他可能有帮助).
    other_matches: Vec<MatchView>,
    show_matches: bool,
    /// The page shows the long list of matches (更多推荐).
    more: bool,
    /// The short list is full: 更多推荐 may show more.
    has_more: bool,
    matches_title: &'static str,
    can_propose: bool,
    /// The other side's verified user may propose directly (我要帮扶 / 申请帮扶) with one of
    /// its own live listings.
    can_offer_help: bool,
    /// The other side's user whose unit is not verified yet: told why there is no such form.
    help_after_verified: bool,
    /// Own live listings of a kind that fits, as (id, 「title」（kind）, selected).
    own_listings: Vec<(i32, String, bool)>,
    /// Why the last 我要帮扶 / 申请帮扶 was refused (under its field).
    own_error: String,
    /// The caller's unit already has an open pairing on this listing (0 when none).
    existing_pairing: i32,
    /// A village looking at an offer that does not serve its county: the areas it serves (it may
    /// still apply; the enterprise decides).
    outside_area: String,
}

async fn show(state: &AppState, auth: &Auth, side: Side, id: i32, more: bool) -> Result<Response> {
    show_with(state, auth, side, id, ("", ""), more).await
}

/// How many matches a listing's page shows of its own kind and of the others: a few, or with
/// 更多推荐 (`?more=1`) as many as a proposal is checked against of its own kind.
fn shown_matches(more: bool) -> (usize, usize) {
    if more { (50, 20) } else { (5, 3) }
}

/// The listing's page; `help` is what was picked for 我要帮扶 / 申请帮扶 and why it was refused.
async fn show_with(
    state: &AppState,
    auth: &Auth,
    side: Side,
    id: i32,
    help: (&str, &str),
    more: bool,
) -> Result<Response> {
    let today = state.clock.today();
    let l = listings::find(&state.db, side, id).await?.ok_or(AppError::NotFound)?;
    if !listings::visible(&state.db, auth.user.as_ref(), &l, today).await? {
        return Err(AppError::NotFound);
    }
    let owner = auth.user.as_ref().is_some_and(|u| u.organisation_id == Some(l.organisation_id));
    let status = l.status;
    let matcher_user = match &auth.user {
        Some(u)
            if l.effective_status(today) == ListingStatus::Published
                && matching::may_match(&state.db, u, &l).await? =>
        {
            Some(u)
        }
        _ => None,
    };
    // The own kind first (up to five); other kinds that may complement it apart (up to three).
    let mut beyond = false;
    let (matches, other_matches): (Vec<MatchView>, Vec<MatchView>) = match matcher_user {
        Some(_) => {
            state.search.nudge(&state.db).await;
            // One more of each than is shown: whether 更多推荐 has more to show.
            let (same_n, other_n) = shown_matches(more);
            let (mut same, mut other) = matching::for_loaded_apart(
                &state.db,
                &state.search,
                &l,
                today,
                (same_n + 1, other_n + 1),
                &Weights::default(),
            )
            .await?;
            beyond = same.len() > same_n || other.len() > other_n;
            same.truncate(same_n);
            other.truncate(other_n);
            let (mut same, mut other): (Vec<MatchView>, Vec<MatchView>) =
                (same.into_iter().map(MatchView::from).collect(), other.into_iter().map(MatchView::from).collect());
            let ids: Vec<i32> = same.iter().chain(&other).map(|m| m.id).collect();
            let open = open_pairings_with(&state.db, side, id, &ids).await?;
            for m in same.iter_mut().chain(other.iter_mut()) {
                if let Some((pid, label)) = open.get(&m.id) {
                    (m.pairing_id, m.pairing_status) = (*pid, label);
                }
            }
            (same, other)
        }
        None => (Vec::new(), Vec::new()),
    };
    let can_propose =
        matcher_user.is_some_and(|u| u.role == Role::Office || (u.role == side.owner_role() && u.is_verified()));
    let other_side = match side {
        Side::Need => Side::Offer,
        Side::Offer => Side::Need,
    };
    let helper = auth.user.as_ref().filter(|u| {
        u.role == other_side.owner_role() && u.is_verified() && l.effective_status(today) == ListingStatus::Published
    });
    let own_listings = match helper.and_then(|u| u.organisation_id) {
        Some(org) => {
            let f = query::Filter { status: "published".into(), ..Default::default() };
            let own = query::page(&state.db, other_side, &Scope::Owner(org), &f, today)
                .await?
                .items
                .into_iter()
                .filter(|x| {
                    let (need, offer) = if side == Side::Need { (l.kind, x.kind) } else { (x.kind, l.kind) };
                    matching::score::kind_fit(need, offer) > 0.0
                })
                .collect::<Vec<_>>();
            // Two of one's own listings with the same title are told apart by when each was
            // published (an outside walk met identical lines in this list).
            let titles: Vec<String> = own.iter().map(|x| x.title.clone()).collect();
            own.into_iter()
                .map(|x| {
                    let twin = titles.iter().filter(|t| **t == x.title).count() > 1;
                    let label = match x.published_at.filter(|_| twin) {
                        Some(at) => format!(
                            "「{}」（{}，{} 发布）",
                            x.title,
                            x.kind.label(),
                            crate::clock::to_shanghai(at).format("%m-%d %H:%M")
                        ),
                        None => format!("「{}」（{}）", x.title, x.kind.label()),
                    };
                    (x.id, label, help.0 == x.id.to_string())
                })
                .collect()
        }
        None => Vec::new(),
    };
    // Already paired on this listing: the page links the pairing instead of offering it again.
    let existing_pairing = match helper.and_then(|u| u.organisation_id) {
        Some(org) => {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let (mine, this) = match side {
                Side::Need => (entity::pairing::Column::EnterpriseId, entity::pairing::Column::NeedId),
                Side::Offer => (entity::pairing::Column::VillageId, entity::pairing::Column::OfferId),
            };
            entity::pairing::Entity::find()
                .filter(mine.eq(org))
                .filter(this.eq(id))
                .filter(entity::pairing::Column::Status.is_not_in([
                    crate::domain::PairingStatus::Declined.code(),
                    crate::domain::PairingStatus::Withdrawn.code(),
                    crate::domain::PairingStatus::Rejected.code(),
                    crate::domain::PairingStatus::Lapsed.code(),
                ]))
                .one(&state.db)
                .await?
                .map_or(0, |p| p.id)
        }
        None => 0,
    };
    // A village may ask for an offer that does not serve it (the enterprise decides), but it is
    // told before it asks.
    let outside_village = match helper.and_then(|u| u.organisation_id) {
        Some(org) if side == Side::Offer => {
            use sea_orm::EntityTrait;
            entity::organisation::Entity::find_by_id(org)
                .one(&state.db)
                .await?
                .filter(|o| !l.serves(&o.region_code))
                .is_some()
        }
        _ => false,
    };
    let steps = [Transition::Publish, Transition::Close, Transition::Withdraw]
        .into_iter()
        .filter(|t| owner && t.apply(status, true, None, today).is_ok())
        .map(|t| (t.code(), t.label()))
        .collect();
    let help_after_verified = auth.user.as_ref().is_some_and(|u| {
        u.role == other_side.owner_role() && !u.is_verified() && l.effective_status(today) == ListingStatus::Published
    });
    let mut items = ListingView::build_all(&state.db, vec![l], today).await?;
    let item = items.pop().ok_or(AppError::NotFound)?;
    let title = item.title.clone();
    let outside_area = if outside_village { item.regions_label.clone() } else { String::new() };
    let view = ShowView {
        owner,
        steps,
        can_edit: owner && matches!(status, ListingStatus::Draft | ListingStatus::Published),
        verified: auth.user.as_ref().is_some_and(SessionUser::is_verified),
        show_matches: matcher_user.is_some(),
        more,
        // A full short list may have more behind it.
        has_more: !more && beyond,
        matches_title: if side == Side::Need { "推荐企业" } else { "推荐村" },
        matches,
        other_matches,
        can_propose,
        can_offer_help: helper.is_some(),
        help_after_verified,
        own_listings,
        own_error: help.1.to_owned(),
        existing_pairing,
        outside_area,
        item,
    };
    Ok(state.templates.page(auth, "listings/show", &title, &view)?.into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ShowQuery {
    /// `1`: the long list of matches.
    more: String,
}

async fn show_offer(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    Query(q): Query<ShowQuery>,
) -> Result<Response> {
    let more = q.more == "1";
    for_visitors(&state, &auth, &format!("page:/offers/{id}"), show(&state, &auth, Side::Offer, id, more)).await
}

async fn show_need(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    Query(q): Query<ShowQuery>,
) -> Result<Response> {
    let more = q.more == "1";
    for_visitors(&state, &auth, &format!("page:/needs/{id}"), show(&state, &auth, Side::Need, id, more)).await
}

#[derive(Serialize)]
struct FormView<'a> {
    side: Side,
    plural: &'static str,
    side_label: &'static str,
    is_offer: bool,
    action: String,
    editing: bool,
    form: &'a ListingForm,
    errors: BTreeMap<String, String>,
    /// Whether any field was refused (the summary at the top).
    has_errors: bool,
    kinds: Vec<Choice>,
    areas: Vec<Choice>,
    urgencies: Vec<Choice>,
    verified: bool,
}

async fn form_page(
    state: &AppState,
    auth: &Auth,
    side: Side,
    id: Option<i32>,
    form: &ListingForm,
    errors: &[(String, String)],
) -> Result<Response> {
    let view = FormView {
        side,
        plural: side.plural(),
        side_label: side.label(),
        is_offer: side == Side::Offer,
        action: id.map_or_else(|| format!("/{}", side.plural()), |id| format!("/{}/{id}", side.plural())),
        editing: id.is_some(),
        form,
        errors: field_errors(FIELDS, errors),
        has_errors: !errors.is_empty(),
        kinds: kind_choices(&form.kind),
        areas: if side == Side::Offer { service_areas(state, &form.regions).await? } else { Vec::new() },
        urgencies: [("1", "一般"), ("2", "较急"), ("3", "紧急")]
            .iter()
            .map(|(c, n)| Choice {
                code: (*c).into(),
                name: (*n).into(),
                selected: form.urgency == *c || (form.urgency.is_empty() && *c == "2"),
            })
            .collect(),
        verified: auth.user.as_ref().is_some_and(SessionUser::is_verified),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let title = if id.is_some() { format!("修改{}", side.label()) } else { format!("发布{}", side.label()) };
    Ok((status, state.templates.page(auth, "listings/form", &title, &view)?).into_response())
}

async fn new_offer(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    let form = ListingForm { submission: crate::submissions::new_key(), ..Default::default() };
    form_page(&state, &auth, Side::Offer, None, &form, &[]).await
}

async fn new_need(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    let form = ListingForm { urgency: "2".into(), submission: crate::submissions::new_key(), ..Default::default() };
    form_page(&state, &auth, Side::Need, None, &form, &[]).await
}

async fn create(state: &AppState, auth: &Auth, side: Side, form: ListingForm) -> Result<Response> {
    let user = auth.user()?;
    let today = state.clock.today();
    let input = match form.parse(&state.db, side, today).await {
        Ok(i) => i,
        Err(AppError::Invalid(errors)) => return form_page(state, auth, side, None, &form, &errors).await,
        Err(e) => return Err(e),
    };
    let publish = form.then == "publish";
    // Publishing waits for the office's verification: said on the form, with what was typed
    // kept and the way on (save it as a draft), not on a page that loses it.
    if publish && !user.is_verified() {
        let why = "本单位通过扶贫办认证后才能发布。可以点「保存草稿」先存下，认证后再发布。".to_owned();
        let mut res = form_page(state, auth, side, None, &form, &[("_form".to_owned(), why)]).await?;
        *res.status_mut() = StatusCode::CONFLICT;
        return Ok(res);
    }
    let created =
        listings::create(&state.db, user, side, &input, publish, &form.submission, state.clock.now(), today).await?;
    let message = if created.status == ListingStatus::Published {
        format!("「{}」已发布，所有人都能看到；下面是平台推荐的结对对象。", created.title)
    } else {
        format!("「{}」已保存为草稿，确认无误后点「发布」。", created.title)
    };
    Ok(super::flash::redirect(&format!("/{}/{}", side.plural(), created.id), &message))
}

async fn create_offer(
    State(state): State<AppState>,
    auth: Auth,
    CsrfForm(form): CsrfForm<ListingForm>,
) -> Result<Response> {
    create(&state, &auth, Side::Offer, form).await
}

async fn create_need(
    State(state): State<AppState>,
    auth: Auth,
    CsrfForm(form): CsrfForm<ListingForm>,
) -> Result<Response> {
    create(&state, &auth, Side::Need, form).await
}

async fn edit(state: &AppState, auth: &Auth, side: Side, id: i32) -> Result<Response> {
    let l = listings::owned(&state.db, auth.user()?, side, id).await?;
    form_page(state, auth, side, Some(id), &ListingForm::of(&l), &[]).await
}

async fn edit_offer(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    edit(&state, &auth, Side::Offer, id).await
}

async fn edit_need(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    edit(&state, &auth, Side::Need, id).await
}

async fn update(state: &AppState, auth: &Auth, side: Side, id: i32, form: ListingForm) -> Result<Response> {
    let user = auth.user()?;
    listings::owned(&state.db, user, side, id).await?;
    let input = match form.parse(&state.db, side, state.clock.today()).await {
        Ok(i) => i,
        Err(AppError::Invalid(errors)) => return form_page(state, auth, side, Some(id), &form, &errors).await,
        Err(e) => return Err(e),
    };
    // A form without its version (sent by hand) is saved as before; the page always sends it.
    let opened = Some(form.version.as_str()).filter(|v| !v.trim().is_empty());
    listings::update(&state.db, user, side, id, &input, opened, state.clock.now()).await?;
    Ok(super::flash::redirect(&format!("/{}/{id}", side.plural()), "修改已保存。"))
}

async fn update_offer(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<ListingForm>,
) -> Result<Response> {
    update(&state, &auth, Side::Offer, id, form).await
}

async fn update_need(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<ListingForm>,
) -> Result<Response> {
    update(&state, &auth, Side::Need, id, form).await
}

#[derive(Serialize)]
struct ConfirmView {
    item: ListingView,
    step: &'static str,
    step_label: &'static str,
    warning: &'static str,
}

async fn confirm(state: &AppState, auth: &Auth, side: Side, id: i32, step: &str) -> Result<Response> {
    let step = Transition::parse(step).ok_or(AppError::NotFound)?;
    let today = state.clock.today();
    let l = listings::owned(&state.db, auth.user()?, side, id).await?;
    let mut items = ListingView::build_all(&state.db, vec![l], today).await?;
    let item = items.pop().ok_or(AppError::NotFound)?;
    let view = ConfirmView {
        item,
        step: step.code(),
        step_label: step.label(),
        warning: match step {
            Transition::Publish => "发布后所有人都能看到，平台会据此推荐结对。",
            Transition::Close => "标记完成后不能再修改或重新发布。",
            Transition::Withdraw => "撤回后不能再修改或重新发布，公开页面上将不再显示。",
        },
    };
    Ok(state.templates.page(auth, "listings/confirm", "确认操作", &view)?.into_response())
}

async fn confirm_offer(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, step)): Path<(i32, String)>,
) -> Result<Response> {
    confirm(&state, &auth, Side::Offer, id, &step).await
}

async fn confirm_need(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, step)): Path<(i32, String)>,
) -> Result<Response> {
    confirm(&state, &auth, Side::Need, id, &step).await
}

async fn step(state: &AppState, auth: &Auth, side: Side, id: i32, step: &str) -> Result<Response> {
    let step = Transition::parse(step).ok_or(AppError::NotFound)?;
    listings::transition(&state.db, auth.user()?, side, id, step, state.clock.now(), state.clock.today()).await?;
    let message = match step {
        Transition::Publish => "已发布，所有人都能看到；下面是平台推荐的结对对象。",
        Transition::Close => "已标记为完成，不再接受新的结对。",
        Transition::Withdraw => "已撤回，公开页面上不再显示。",
    };
    Ok(super::flash::redirect(&format!("/{}/{id}", side.plural()), message))
}

async fn step_offer(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, s)): Path<(i32, String)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    step(&state, &auth, Side::Offer, id, &s).await
}

async fn step_need(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, s)): Path<(i32, String)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    step(&state, &auth, Side::Need, id, &s).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProposeQuery {
    other: String,
}

#[derive(Serialize)]
struct ProposeView {
    side: &'static str,
    id: i32,
    title: String,
    back: String,
    /// The match to propose, when it is one.
    other: Option<MatchView>,
    /// The office that reviews the pairing.
    office: String,
    /// Why it cannot be proposed (empty when it can).
    refused: String,
    /// The open pairing of the two already (0: none).
    existing: i32,
}

/// 发起结对, first step: what is about to be proposed — the other listing, its 匹配度 and the
/// matcher's reason, what happens next and who reviews it — with 确认发起 and 返回.
async fn confirm_propose(state: &AppState, auth: &Auth, side: Side, id: i32, other: &str) -> Result<Response> {
    let user = auth.user()?;
    let l = listings::find(&state.db, side, id).await?.ok_or(AppError::NotFound)?;
    if !matching::may_match(&state.db, user, &l).await? || user.role == Role::Auditor {
        return Err(AppError::NotFound);
    }
    let today = state.clock.today();
    let found = match other.trim().parse::<i32>() {
        Ok(other) => matching::among_matches(&state.db, &state.search, &l, other, today).await?,
        Err(_) => None,
    };
    let existing = match &found {
        Some(m) => open_pairings_with(&state.db, side, id, &[m.id]).await?.get(&m.id).copied(),
        None => None,
    };
    let refused = if matches!(user.role, Role::Enterprise | Role::Village) && !user.is_verified() {
        "本单位通过扶贫办认证后才能发起结对。".to_owned()
    } else if l.effective_status(today) == ListingStatus::Draft {
        "这条信息还是草稿，请先发布，再从推荐中发起结对。".to_owned()
    } else if l.effective_status(today) != ListingStatus::Published {
        "这条信息已撤回或已结束，不能再发起结对。".to_owned()
    } else if let Some((pid, label)) = existing {
        format!("这两条信息之间已有结对 #{pid}（{label}），不必重复发起。")
    } else if found.is_none() {
        "该对象不在当前的推荐结果中（类型不符、地区不符或已失效），不能发起结对。请回到详情页，从推荐中选择。"
            .to_owned()
    } else {
        String::new()
    };
    let village = match (side, &found) {
        (Side::Need, _) => Some(l.organisation_id),
        (Side::Offer, Some(m)) => Some(m.organisation_id),
        (Side::Offer, None) => None,
    };
    let office = match village {
        Some(v) => super::reviewing_office(state, v).await?,
        None => String::new(),
    };
    let view = ProposeView {
        side: side.plural(),
        id,
        title: l.title.clone(),
        back: format!("/{}/{id}", side.plural()),
        other: found.map(MatchView::from),
        office,
        refused,
        existing: existing.map_or(0, |(pid, _)| pid),
    };
    Ok(state.templates.page(auth, "listings/propose", "确认发起结对", &view)?.into_response())
}

async fn confirm_propose_offer(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    Query(q): Query<ProposeQuery>,
) -> Result<Response> {
    confirm_propose(&state, &auth, Side::Offer, id, &q.other).await
}

async fn confirm_propose_need(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    Query(q): Query<ProposeQuery>,
) -> Result<Response> {
    confirm_propose(&state, &auth, Side::Need, id, &q.other).await
}

#[derive(Deserialize)]
struct ProposeForm {
    #[serde(default)]
    other: i32,
}

async fn propose(state: &AppState, auth: &Auth, side: Side, id: i32, other: i32) -> Result<Response> {
    let user = auth.user()?;
    let p =
        matching::propose(&state.db, &state.search, user, (side, id), other, state.clock.now(), state.clock.today())
            .await?;
    let to = if user.role == Role::Office {
        format!("{}和{}", org_name(state, p.enterprise_id).await?, org_name(state, p.village_id).await?)
    } else if side == Side::Need {
        org_name(state, p.enterprise_id).await?
    } else {
        org_name(state, p.village_id).await?
    };
    let office = super::reviewing_office(state, p.village_id).await?;
    let message = format!("已向{to}发出结对建议（结对 #{}），对方确认后由{office}审核。", p.id);
    Ok(super::flash::redirect(&format!("/{}/{id}", side.plural()), &message))
}

async fn propose_from_offer(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(f): CsrfForm<ProposeForm>,
) -> Result<Response> {
    propose(&state, &auth, Side::Offer, id, f.other).await
}

async fn propose_from_need(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(f): CsrfForm<ProposeForm>,
) -> Result<Response> {
    propose(&state, &auth, Side::Need, id, f.other).await
}

#[derive(Deserialize)]
struct DirectForm {
    #[serde(default)]
    own: String,
}

async fn direct(state: &AppState, auth: &Auth, side: Side, id: i32, f: DirectForm) -> Result<Response> {
    let own = f.own.trim().parse::<i32>().ok().filter(|v| *v > 0);
    let p = match crate::pairings::propose_direct(
        &state.db,
        auth.user()?,
        (side, id),
        own,
        state.clock.now(),
        state.clock.today(),
    )
    .await
    {
        Ok(p) => p,
        Err(AppError::Invalid(errors)) => {
            let message = errors.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            let mut res = show_with(state, auth, side, id, (f.own.trim(), &message), false).await?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
        Err(e) => return Err(e),
    };
    let other = match side {
        Side::Need => org_name(state, p.village_id).await?,
        Side::Offer => org_name(state, p.enterprise_id).await?,
    };
    Ok(super::flash::redirect(
        &format!("/pairings/{}", p.id),
        &format!("已向{other}发出结对申请，对方确认后由{}审核。", super::reviewing_office(state, p.village_id).await?),
    ))
}

/// 我要帮扶: an enterprise offers help for a village's need.
async fn help_need(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(f): CsrfForm<DirectForm>,
) -> Result<Response> {
    direct(&state, &auth, Side::Need, id, f).await
}

/// 申请帮扶: a village asks for an enterprise's offer.
async fn apply_offer(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(f): CsrfForm<DirectForm>,
) -> Result<Response> {
    direct(&state, &auth, Side::Offer, id, f).await
}
