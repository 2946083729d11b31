//! The lists: public (live, published, from verified organisations), the owner's own, and an
//! office's jurisdiction (everything but drafts), with filters and pagination.

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{need, offer, offer_region, organisation};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
};
use serde::Deserialize;

use super::{Listing, Side};
use crate::auth::guard::region_prefix;
use crate::domain::{ListingKind, ListingStatus, OrgStatus};

/// Whose listings a list shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Live published listings of verified organisations.
    Public,
    /// Every listing of one organisation.
    Owner(i32),
    /// An office's jurisdiction (a region code): all but drafts.
    Office(String),
    /// Everything but drafts (auditors).
    All,
}

/// Filters from the query string (also used by the API).
#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
pub struct Filter {
    /// A kind code (employment, procurement, …).
    pub kind: String,
    /// A 12-digit county code: offers serving it, needs of villages in it.
    pub county: String,
    /// "1": only listings whose validity has started and not ended.
    pub valid_now: String,
    /// A status code (owner and office lists).
    pub status: String,
    /// Page number from 1.
    pub page: String,
    /// Words to search for (public lists).
    pub q: String,
    /// Continue after this listing (a cursor from the previous page: the public lists page by
    /// keyset beyond the counted pages).
    pub after: String,
}

impl Filter {
    /// The page asked for (1 when absent or not a number).
    pub fn page_no(&self) -> u64 {
        self.page.trim().parse().unwrap_or(1)
    }
}

/// Items per page.
pub const PER_PAGE: u64 = 20;

/// One page of results.
pub struct Page {
    pub items: Vec<Listing>,
    /// How many match (at most [`COUNT_CAP`] on the public lists: then `capped`).
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// More match than were counted.
    pub capped: bool,
    /// Where the next page begins, when it is reached by keyset (after the counted pages, or
    /// on a page that was itself reached by keyset).
    pub next_after: Option<String>,
    /// This page was reached by a cursor (it has no number).
    pub by_cursor: bool,
}

impl Page {
    /// The page without its rows (what a list shows beside them).
    pub fn summary(&self) -> Page {
        Page {
            items: Vec::new(),
            total: self.total,
            page: self.page,
            pages: self.pages,
            capped: self.capped,
            next_after: self.next_after.clone(),
            by_cursor: self.by_cursor,
        }
    }
}

/// The public lists count at most this many (a bounded walk of the ordering index); beyond it
/// they say "more than" and page on by keyset.
pub const COUNT_CAP: u64 = 1000;

/// A cursor: the (published_at, id) of the last row shown.
fn cursor(published_at: Option<chrono::DateTime<chrono::Utc>>, id: i32) -> Option<String> {
    // Nanoseconds: the time exactly as stored, so rows published in the same instant are
    // ordered by id across the cursor, never skipped.
    published_at.and_then(|t| t.timestamp_nanos_opt()).map(|t| format!("{t}_{id}"))
}

fn parse_cursor(s: &str) -> Option<(chrono::DateTime<chrono::Utc>, i32)> {
    let (t, id) = s.trim().split_once('_')?;
    Some((chrono::DateTime::from_timestamp_nanos(t.parse().ok()?), id.parse().ok()?))
}

/// Condition: the listing's organisation (of `table`) is verified — a primary-key look-up per
/// row the ordered walk reaches. (`IN (SELECT id … WHERE status = 'verified')` would build a
/// temporary list of every verified organisation on each query: 240,000 at national scale.)
fn verified_owner(table: &str) -> Condition {
    Condition::all().add(Expr::cust(format!(
        "EXISTS (SELECT 1 FROM organisation AS o WHERE o.id = \"{table}\".organisation_id AND o.status = '{}')",
        OrgStatus::Verified.code()
    )))
}

/// Condition: organisations located under `prefix`.
fn orgs_in(prefix: &str) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(organisation::Column::Id)
        .from(organisation::Entity)
        .and_where(organisation::Column::RegionCode.starts_with(prefix))
        .to_owned()
}

/// Region codes whose service area includes the county `county` (itself, its city, its province).
fn covering(county: &str) -> Vec<String> {
    let mut codes = vec![county.to_owned()];
    if county.len() == 12 {
        codes.push(format!("{:0<12}", &county[..4]));
        codes.push(format!("{:0<12}", &county[..2]));
    }
    codes
}

macro_rules! listing_page {
    ($name:ident, $m:ident, $convert:expr, $office_extra:expr, $county:expr) => {
        async fn $name<C: ConnectionTrait>(db: &C, scope: &Scope, f: &Filter, today: NaiveDate) -> Result<Page, DbErr> {
            use $m::Column as Col;
            let mut cond = Condition::all();
            let live = Condition::all()
                .add(Col::Status.eq(ListingStatus::Published.code()))
                .add(Condition::any().add(Col::ValidUntil.is_null()).add(Col::ValidUntil.gte(today)));
            match scope {
                Scope::Public => {
                    cond = cond.add(live.clone()).add(verified_owner(stringify!($m)));
                }
                Scope::Owner(org) => cond = cond.add(Col::OrganisationId.eq(*org)),
                Scope::Office(j) => {
                    let prefix = region_prefix(j).to_owned();
                    let extra: fn(&str) -> Condition = $office_extra;
                    cond = cond.add(Col::Status.ne(ListingStatus::Draft.code())).add(
                        Condition::any().add(Col::OrganisationId.in_subquery(orgs_in(&prefix))).add(extra(&prefix)),
                    );
                }
                Scope::All => cond = cond.add(Col::Status.ne(ListingStatus::Draft.code())),
            }
            if let Some(kind) = ListingKind::parse(f.kind.trim()) {
                cond = cond.add(Col::Kind.eq(kind.code()));
            }
            if let Some(status) = ListingStatus::parse(f.status.trim()).filter(|_| *scope != Scope::Public) {
                cond = match status {
                    ListingStatus::Expired => {
                        cond.add(Col::Status.eq(ListingStatus::Published.code())).add(Col::ValidUntil.lt(today))
                    }
                    ListingStatus::Published => cond.add(live.clone()),
                    s => cond.add(Col::Status.eq(s.code())),
                };
            }
            if f.valid_now == "1" {
                cond = cond
                    .add(Col::ValidFrom.lte(today))
                    .add(Condition::any().add(Col::ValidUntil.is_null()).add(Col::ValidUntil.gte(today)));
            }
            let county = f.county.trim();
            if county.len() == 12 && county.bytes().all(|b| b.is_ascii_digit()) {
                let by_county: fn(&str) -> Condition = $county;
                cond = cond.add(by_county(county));
            }
            let bounded = matches!(scope, Scope::Public | Scope::All);
            let after = if bounded { parse_cursor(&f.after) } else { None };
            let query = $m::Entity::find().filter(cond).order_by_desc(Col::PublishedAt).order_by_desc(Col::Id);
            let convert: fn($m::Model, &HashMap<i32, Vec<String>>) -> Listing = $convert;
            if let Some((at, id)) = after {
                use sea_orm::sea_query::ExprTrait as _;
                // By keyset: the rows after the cursor in the index's order, one more than shown
                // to know whether another page follows.
                let mut rows = query
                    .filter(
                        Expr::tuple([Expr::col(Col::PublishedAt).into(), Expr::col(Col::Id).into()])
                            .lt(Expr::tuple([Expr::val(at).into(), Expr::val(id).into()])),
                    )
                    .limit(PER_PAGE + 1)
                    .all(db)
                    .await?;
                let more = rows.len() as u64 > PER_PAGE;
                rows.truncate(PER_PAGE as usize);
                let next_after = if more { rows.last().and_then(|r| cursor(r.published_at, r.id)) } else { None };
                let regions = regions_for(db, rows.iter().map(|r| r.id).collect(), stringify!($m) == "offer").await?;
                let items = rows.into_iter().map(|r| convert(r, &regions)).collect();
                return Ok(Page { items, total: 0, page: 0, pages: 0, capped: true, next_after, by_cursor: true });
            }
            let (total, capped) = if bounded {
                // Counted up to the cap: a walk of at most COUNT_CAP + 1 index entries.
                let sub = query.clone().select_only().column(Col::Id).limit(COUNT_CAP + 1).into_query();
                let count = Query::select()
                    .expr(Expr::cust("COUNT(*)"))
                    .from_subquery(sub, sea_orm::sea_query::Alias::new("counted"))
                    .to_owned();
                let n: i64 =
                    db.query_one(&count).await?.map(|r| r.try_get_by_index::<i64>(0)).transpose()?.unwrap_or(0);
                let n = u64::try_from(n).unwrap_or(0);
                (Ord::min(n, COUNT_CAP), n > COUNT_CAP)
            } else {
                (query.clone().count(db).await?, false)
            };
            let pages = total.div_ceil(PER_PAGE).max(1);
            let page = f.page_no().clamp(1, pages);
            let rows = query.offset((page - 1) * PER_PAGE).limit(PER_PAGE).all(db).await?;
            let next_after = if capped && page == pages && rows.len() as u64 == PER_PAGE {
                rows.last().and_then(|r| cursor(r.published_at, r.id))
            } else {
                None
            };
            let regions = regions_for(db, rows.iter().map(|r| r.id).collect(), stringify!($m) == "offer").await?;
            let items = rows.into_iter().map(|r| convert(r, &regions)).collect();
            Ok(Page { items, total, page, pages, capped, next_after, by_cursor: false })
        }
    };
}

async fn regions_for<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i32>,
    offers: bool,
) -> Result<HashMap<i32, Vec<String>>, DbErr> {
    if offers && !ids.is_empty() {
        return super::regions_of_many(db, &ids).await;
    }
    Ok(HashMap::new())
}

/// Offers served in regions matching `spec`: `=CODE` for one region, or a prefix.
fn offer_served(spec: &str) -> Condition {
    let sub = Query::select()
        .column(offer_region::Column::OfferId)
        .from(offer_region::Entity)
        .and_where(match spec.strip_prefix('=') {
            Some(code) => offer_region::Column::RegionCode.eq(code),
            None => offer_region::Column::RegionCode.starts_with(spec),
        })
        .to_owned();
    Condition::all().add(offer::Column::Id.in_subquery(sub))
}

/// Offers whose service area includes the county (it, its city or its province).
fn offer_in_county(county: &str) -> Condition {
    covering(county).iter().fold(Condition::any(), |c, code| c.add(offer_served(&format!("={code}"))))
}

fn need_nothing(_: &str) -> Condition {
    // Needs belong to their village only; the organisation test covers them.
    Condition::all().add(Expr::cust("1 = 0"))
}

/// Needs of villages in the county.
fn need_in_county(county: &str) -> Condition {
    Condition::all().add(need::Column::OrganisationId.in_subquery(orgs_in(region_prefix(county))))
}

listing_page!(
    offer_page,
    offer,
    |m, regions| {
        let id = m.id;
        let mut r = regions.get(&id).cloned().unwrap_or_default();
        r.sort();
        Listing::from_offer(m, r)
    },
    offer_served,
    offer_in_county
);
listing_page!(need_page, need, |m, _| Listing::from_need(m), need_nothing, need_in_county);

/// One page of listings of `side` in `scope`.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    side: Side,
    scope: &Scope,
    f: &Filter,
    today: NaiveDate,
) -> Result<Page, DbErr> {
    match side {
        Side::Offer => offer_page(db, scope, f, today).await,
        Side::Need => need_page(db, scope, f, today).await,
    }
}

/// Organisation names and regions by id.
pub type Names = HashMap<i32, (String, String)>;

/// A listing row with its organisation's status (read in the same query, not the
/// organisation's whole row).
struct WithOwner<M> {
    row: M,
    status: String,
}

impl<M: sea_orm::FromQueryResult> sea_orm::FromQueryResult for WithOwner<M> {
    fn from_query_result(res: &sea_orm::QueryResult, pre: &str) -> Result<Self, DbErr> {
        Ok(Self { row: M::from_query_result(res, pre)?, status: res.try_get(pre, "owner_status")? })
    }
}

macro_rules! live_by_ids {
    ($name:ident, $m:ident, $side:expr, $convert:expr) => {
        async fn $name<C: ConnectionTrait>(
            db: &C,
            ids: &[i32],
            today: NaiveDate,
            with_regions: bool,
        ) -> Result<Vec<Listing>, DbErr> {
            use $m::Column as Col;
            let mut out = Vec::new();
            // In chunks, to stay under the databases' parameter limits.
            for chunk in ids.chunks(500) {
                // By primary key only, with each row's organisation in the same query, the rest
                // checked here: with the status in the query a planner may walk every published
                // listing instead of looking up a few hundred.
                let rows: Vec<WithOwner<$m::Model>> = $m::Entity::find()
                    .filter(Col::Id.is_in(chunk.to_vec()))
                    .join(sea_orm::JoinType::InnerJoin, super::owner_of($side))
                    .column_as(organisation::Column::Status, "owner_status")
                    .into_model::<WithOwner<$m::Model>>()
                    .all(db)
                    .await?;
                let rows: Vec<$m::Model> = rows
                    .into_iter()
                    .filter_map(|WithOwner { row: r, status }| {
                        let live = r.status == ListingStatus::Published.code()
                            && r.valid_until.is_none_or(|d| d >= today)
                            && status == OrgStatus::Verified.code();
                        live.then_some(r)
                    })
                    .collect();
                let convert: fn($m::Model, &HashMap<i32, Vec<String>>) -> Listing = $convert;
                let regions = if with_regions {
                    regions_for(db, rows.iter().map(|r| r.id).collect(), stringify!($m) == "offer").await?
                } else {
                    HashMap::new()
                };
                out.extend(rows.into_iter().map(|r| convert(r, &regions)));
            }
            Ok(out)
        }
    };
}

live_by_ids!(live_offers_by_ids, offer, Side::Offer, |m, regions| {
    let id = m.id;
    let mut r = regions.get(&id).cloned().unwrap_or_default();
    r.sort();
    Listing::from_offer(m, r)
});
live_by_ids!(live_needs_by_ids, need, Side::Need, |m, _| Listing::from_need(m));

/// The live public listings among `ids` — the database re-checks whatever the index found, so
/// a listing withdrawn a moment ago is never shown.
pub async fn live_by_ids<C: ConnectionTrait>(
    db: &C,
    side: Side,
    ids: &[i32],
    today: NaiveDate,
) -> Result<Vec<Listing>, DbErr> {
    Ok(match side {
        Side::Offer => live_offers_by_ids(db, ids, today, true).await?,
        Side::Need => live_needs_by_ids(db, ids, today, true).await?,
    })
}

/// What a list of matches shows of a live listing, with its organisation's name.
#[derive(Clone, Debug)]
pub struct Shown {
    pub id: i32,
    pub external_ref: Option<String>,
    pub title: String,
    pub body: String,
    pub kind: ListingKind,
    pub organisation_id: i32,
    pub organisation: String,
}

/// A row of [`live_shown`]'s query: what is shown and what decides whether it is live.
struct ShownRow {
    shown: Shown,
    /// Published, by a verified organisation.
    published: bool,
    valid_until: Option<NaiveDate>,
}

impl ShownRow {
    fn read(res: &sea_orm::QueryResult) -> Result<Self, DbErr> {
        let kind: String = res.try_get("", "kind")?;
        let status: String = res.try_get("", "status")?;
        let owner_status: String = res.try_get("", "owner_status")?;
        Ok(Self {
            published: status == ListingStatus::Published.code() && owner_status == OrgStatus::Verified.code(),
            valid_until: res.try_get("", "valid_until")?,
            shown: Shown {
                id: res.try_get("", "id")?,
                external_ref: res.try_get("", "ref")?,
                title: res.try_get("", "title")?,
                body: res.try_get("", "body")?,
                kind: ListingKind::parse(&kind).unwrap_or(ListingKind::Donation),
                organisation_id: res.try_get("", "organisation_id")?,
                organisation: res.try_get("", "owner_name")?,
            },
        })
    }

    fn live_on(&self, today: NaiveDate) -> bool {
        self.published && self.valid_until.is_none_or(|d| d >= today)
    }
}

macro_rules! shown_query {
    ($db:expr, $m:ident, $side:expr, $ids:expr) => {{
        use $m::Column as Col;
        $m::Entity::find()
            .select_only()
            .columns([
                Col::Id,
                Col::ExternalRef,
                Col::Title,
                Col::Body,
                Col::Kind,
                Col::OrganisationId,
                Col::Status,
                Col::ValidUntil,
            ])
            .filter(Col::Id.is_in($ids))
            .join(sea_orm::JoinType::InnerJoin, super::owner_of($side))
            .column_as(organisation::Column::Status, "owner_status")
            .column_as(organisation::Column::Name, "owner_name")
            .build($db.get_database_backend())
    }};
}

/// The rows of [`live_shown`] read at one version of the database (see [`crate::cache`]): a
/// listing asked for again before the next change — an edit, a withdrawal, a suspended
/// organisation, each written with its audit event — an index step or midnight is not read
/// again, nor within [`crate::cache::MAX_AGE`] whatever happens. Whether it is live on the day
/// asked is decided from the kept row each time. Only rows read from the database outside a
/// transaction belong here (the API's calls).
#[derive(Default)]
pub struct ShownCache {
    at: std::sync::Mutex<Option<ShownAt>>,
}

/// Rows the re-check of a match list may take from a [`ShownCache`], as read at a version.
pub type Kept<'a> = (&'a ShownCache, crate::cache::Version);

/// The rows kept at one version.
struct ShownAt {
    version: crate::cache::Version,
    /// When the version was first used.
    since: std::time::Instant,
    /// Bytes of text kept.
    bytes: usize,
    /// By listing, its row (`None`: no such listing).
    rows: HashMap<(Side, i32), Option<std::sync::Arc<ShownRow>>>,
}

impl ShownAt {
    fn usable_at(&self, version: crate::cache::Version) -> bool {
        self.version == version && self.since.elapsed() <= crate::cache::MAX_AGE
    }
}

/// Text kept at most, in bytes (titles, bodies, names: ≈ 0.5 KB a row, up to 6 KB).
const SHOWN_BYTES: usize = 16 << 20;

impl ShownRow {
    fn bytes(&self) -> usize {
        let s = &self.shown;
        s.title.len() + s.body.len() + s.organisation.len() + s.external_ref.as_ref().map_or(0, String::len) + 64
    }
}

impl ShownCache {
    /// How many rows are kept (for tests).
    pub fn len(&self) -> usize {
        self.at.lock().map_or(0, |at| at.as_ref().map_or(0, |a| a.rows.len()))
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The kept rows of `ids` at `version`, and the ids not kept.
    fn kept(
        &self,
        version: crate::cache::Version,
        side: Side,
        ids: &[i32],
    ) -> (Vec<Option<std::sync::Arc<ShownRow>>>, Vec<i32>) {
        let at = self.at.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(kept) = at.as_ref().filter(|a| a.usable_at(version)) else {
            return (Vec::new(), ids.to_vec());
        };
        let (mut found, mut missing) = (Vec::new(), Vec::new());
        for &id in ids {
            match kept.rows.get(&(side, id)) {
                Some(row) => found.push(row.clone()),
                None => missing.push(id),
            }
        }
        (found, missing)
    }

    /// Keeps `rows` (every one of `ids` the database was asked for) as read at `version`. A
    /// later version starts afresh (so does an old or full one); rows read at an earlier
    /// version than the one kept are not kept.
    fn keep(&self, version: crate::cache::Version, side: Side, ids: &[i32], rows: &[std::sync::Arc<ShownRow>]) {
        let mut at = self.at.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let adding: usize = rows.iter().map(|r| r.bytes()).sum();
        let afresh = match at.as_ref() {
            None => true,
            Some(a) if a.version != version && !version.supersedes(&a.version) => return,
            Some(a) => !a.usable_at(version) || a.bytes + adding > SHOWN_BYTES,
        };
        if afresh {
            *at = Some(ShownAt { version, since: std::time::Instant::now(), bytes: 0, rows: HashMap::new() });
        }
        let Some(kept) = at.as_mut() else { return };
        kept.bytes += adding;
        let by_id: HashMap<i32, &std::sync::Arc<ShownRow>> = rows.iter().map(|r| (r.shown.id, r)).collect();
        for &id in ids {
            kept.rows.insert((side, id), by_id.get(&id).map(|r| std::sync::Arc::clone(r)));
        }
    }
}

/// The live public listings among `ids` with their (verified) organisations' names, only the
/// columns a list of matches shows: one query by primary key per 500 (the database re-checks
/// what the index found). With `kept`, rows read at its version are taken from it and the
/// others read and kept there.
pub async fn live_shown<C: ConnectionTrait>(
    db: &C,
    kept: Option<Kept<'_>>,
    side: Side,
    ids: &[i32],
    today: NaiveDate,
) -> Result<Vec<Shown>, DbErr> {
    let (mut rows, missing) = match kept {
        Some((cache, version)) => cache.kept(version, side, ids),
        None => (Vec::new(), ids.to_vec()),
    };
    for chunk in missing.chunks(500) {
        let stmt = match side {
            Side::Offer => shown_query!(db, offer, side, chunk.to_vec()),
            Side::Need => shown_query!(db, need, side, chunk.to_vec()),
        };
        let read = db
            .query_all_raw(stmt)
            .await?
            .iter()
            .map(|row| ShownRow::read(row).map(std::sync::Arc::new))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some((cache, version)) = kept {
            cache.keep(version, side, chunk, &read);
        }
        rows.extend(read.into_iter().map(Some));
    }
    Ok(rows.into_iter().flatten().filter(|r| r.live_on(today)).map(|r| r.shown.clone()).collect())
}

/// Region codes whose service area includes `county` (it, its city, its province).
pub fn covering_codes(county: &str) -> Vec<String> {
    covering(county)
}

/// Names of organisations by id.
pub async fn org_names<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> Result<Names, DbErr> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .select_only()
        .column(organisation::Column::Id)
        .column(organisation::Column::Name)
        .column(organisation::Column::RegionCode)
        .into_tuple::<(i32, String, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, name, region)| (id, (name, region)))
        .collect())
}
